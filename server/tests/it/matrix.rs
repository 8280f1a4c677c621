//! Who may do what, as a matrix: every server function and every record route, called by each
//! kind of person, on both backends, against George Walsh's record. The expected outcomes live
//! in `server/tests/authorization.txt`; any difference fails, so an allow that is not in the
//! table fails. `HIVE_WRITE_MATRIX=1` rewrites the table from what happened, for review.
//!
//! Outcomes: `ok` (the request got past access control: a page, a save, or a refusal of the
//! input itself, 409 or 422), `401` (sign in first; pages redirect to sign in), `403` (not your
//! area), `404` (not found: also what someone else's record looks like). A 5xx fails the test.
//! Bodies are checked too: George's words reach only George and his carers with a live grant.

use crate::support::{TestApp, code_hash, each_backend, now_millis, spawn_app};
use app::domain::carers::INVITATION_DAYS;
use app::domain::ids::PersonId;
use app::domain::person::{DisplayName, NewPerson};
use app::domain::record::DAY_MILLIS;
use app::domain::role::Role;
use app::server::store::{Accessor, NewGrant, PartKind};
use std::collections::BTreeSet;
use std::fmt::Write as _;

const TABLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/authorization.txt");
/// In George's About Me (wellness) and needs: what nobody without a live grant may read.
const MARKERS: [&str; 2] = ["MARKER-GEORGE-WELLNESS", "Dad is hard of hearing"];
const GOAL: &str = "0123456789abcdef";

/// The people, in the table's column order, and whether they may read George's words.
const ACTORS: [(&str, bool); 11] = [
    ("anonymous", false),
    ("resident", true),
    ("other-resident", false),
    ("carer-view", true),
    ("carer-edit", true),
    ("carer-expired", false),
    ("carer-revoked", false),
    // George shares his needs with the team that serves his neighbourhood.
    ("staff-serving", true),
    ("staff-other", false),
    ("engagement", false),
    ("admin", false),
];

/// Every record route (GET) and server function (POST, as a script sends it), with a body
/// that would succeed for someone allowed. `{george}` is George's id, `{grant}` Lin's grant for him, `{pending}` an
/// invitation George has not had accepted, `{statement}` a person statement's code.
const CALLS: &[(&str, &str, &str)] = &[
    ("GET", "/my", ""),
    ("GET", "/my/about-me", ""),
    ("GET", "/my/about-me/wellness", ""),
    ("GET", "/my/about-me/wellness/history", ""),
    ("GET", "/my/needs", ""),
    ("GET", "/my/needs/history", ""),
    ("GET", "/my/goals", ""),
    ("GET", "/my/goals/new", ""),
    ("GET", "/my/goals/0123456789abcdef", ""),
    ("GET", "/my/goals/0123456789abcdef/history", ""),
    ("GET", "/my/statements", ""),
    ("GET", "/my/statements/{statement}", ""),
    ("GET", "/my/summary", ""),
    ("GET", "/my/sharing", ""),
    ("GET", "/my/activity", ""),
    ("GET", "/my/where-i-live", ""),
    ("GET", "/my/carers", ""),
    ("GET", "/my/carers/{pending}", ""),
    ("GET", "/caring", ""),
    ("GET", "/my/responses", ""),
    ("GET", "/my/feedback", ""),
    ("GET", "/engagement/moderation", ""),
    ("GET", "/engagement/feedback", ""),
    ("GET", "/team/feedback", ""),
    ("GET", "/stories", ""),
    ("GET", "/engagement/campaigns", ""),
    ("GET", "/engagement/campaigns/{campaign}", ""),
    ("GET", "/engagement/campaigns/{campaign}/answers.csv", ""),
    ("GET", "/engagement/dashboard", ""),
    ("GET", "/engagement/dashboard.csv", ""),
    ("GET", "/c/how-are-we-doing", ""),
    ("GET", "/admin/services", ""),
    ("GET", "/team", ""),
    ("GET", "/team/residents/{george}", ""),
    ("GET", "/team/statements", ""),
    ("POST", "/api/whoami", ""),
    ("POST", "/api/front", ""),
    ("POST", "/api/area-home", "area=Personal"),
    ("POST", "/api/demo-people", ""),
    ("POST", "/api/sign-in-options", ""),
    ("POST", "/api/neighbourhoods", ""),
    ("POST", "/api/about-me", ""),
    ("POST", "/api/about-me-section", "section=wellness"),
    ("POST", "/api/about-me-history", "section=wellness"),
    (
        "POST",
        "/api/save-about-me",
        "section=wellness&base=1&text=Changed",
    ),
    ("POST", "/api/needs", ""),
    ("POST", "/api/needs-history", ""),
    ("POST", "/api/save-needs", "base=1&formats[]=large-print"),
    ("POST", "/api/goals", ""),
    ("POST", "/api/new-goal", ""),
    ("POST", "/api/goal", "key=0123456789abcdef"),
    ("POST", "/api/goal-history", "key=0123456789abcdef"),
    ("POST", "/api/add-goal", "description=Walk&lifecycle=active"),
    (
        "POST",
        "/api/change-goal",
        "key=0123456789abcdef&base=1&description=Walk&lifecycle=active",
    ),
    (
        "POST",
        "/api/add-goal-note",
        "key=0123456789abcdef&note=Going+well",
    ),
    (
        "POST",
        "/api/stop-goal",
        "key=0123456789abcdef&base=1&how=cancelled",
    ),
    ("POST", "/api/statements", ""),
    ("POST", "/api/statement", "statement={statement}"),
    (
        "POST",
        "/api/answer-statement",
        "statement={statement}&truth=very",
    ),
    ("POST", "/api/record-summary", ""),
    ("POST", "/api/confirm-review", ""),
    ("POST", "/api/sharing", ""),
    ("POST", "/api/save-sharing", "scopes[]=needs"),
    ("POST", "/api/activity", ""),
    ("POST", "/api/where-i-live", ""),
    ("POST", "/api/save-where-i-live", "ward="),
    ("POST", "/api/carers", ""),
    (
        "POST",
        "/api/invite-carer",
        "name=Someone&relationship=friend&see[]=needs",
    ),
    ("POST", "/api/carer", "grant={pending}"),
    ("POST", "/api/change-carer", "grant={pending}&see[]=goals"),
    ("POST", "/api/revoke-carer", "grant={pending}"),
    ("POST", "/api/caring", ""),
    ("POST", "/api/accept-invitation", "code=0000-0000-0000"),
    ("POST", "/api/act-for", "grant={grant}"),
    ("POST", "/api/team-queue", ""),
    ("POST", "/api/team-record", "resident={george}"),
    (
        "POST",
        "/api/acknowledge",
        "resident={george}&kind=needs&key=needs&version=1",
    ),
    (
        "POST",
        "/api/respond",
        "resident={george}&kind=needs&key=needs&text=Noted",
    ),
    (
        "POST",
        "/api/propose-goal",
        "resident={george}&description=Walk+to+the+library",
    ),
    ("POST", "/api/team-statements", ""),
    ("POST", "/api/reply", "kind=needs&key=needs&text=Thank+you"),
    ("POST", "/api/responses", ""),
    // An answer that is not one of the two: the proposal stays waiting for every caller.
    (
        "POST",
        "/api/decide-goal",
        "proposal={proposal}&decision=perhaps",
    ),
    ("POST", "/api/feedback", ""),
    // Private to the service, so moderation is unchanged for later callers.
    ("POST", "/api/give-feedback", "fft=good&publish=no"),
    ("POST", "/api/moderation", ""),
    // No reason: refused as bad input, and the feedback stays waiting.
    ("POST", "/api/moderate", "feedback={waiting}&decision=hide"),
    ("POST", "/api/stories", ""),
    // No such story: a report would send a real one back to moderation.
    ("POST", "/api/report-story", "story=999999&reason=spam"),
    // No such story: a take-down would change a real one for later callers.
    ("POST", "/api/take-down-story", "story=999999&reason=spam"),
    (
        "POST",
        "/api/respond-to-story",
        "story={story}&text=Thank+you&change=none",
    ),
    ("POST", "/api/kept-for-service", ""),
    // No words: refused as bad input by those who may reply (George's feedback kept for the
    // service is Chorlton's: Priya's neighbourhood).
    ("POST", "/api/reply-to-feedback", "story={kept}&change=none"),
    // No such feedback: a withdrawal would change a story for later callers.
    ("POST", "/api/withdraw-feedback", "feedback=999999"),
    ("POST", "/api/campaigns", ""),
    // No details: refused as bad input, and nothing is added.
    ("POST", "/api/save-campaign", "title="),
    ("POST", "/api/campaign", "id={campaign}"),
    ("POST", "/api/add-question", "campaign={campaign}&kind=poll"),
    (
        "POST",
        "/api/arrange-question",
        "campaign={campaign}&question=1&direction=sideways",
    ),
    ("POST", "/api/answer-campaign-page", "slug=how-are-we-doing"),
    // Required questions unanswered: refused as bad input, and nothing is stored.
    ("POST", "/api/answer-campaign", "campaign=how-are-we-doing"),
    ("POST", "/api/dashboard", ""),
    ("POST", "/api/services", ""),
    // No name: refused as bad input, and nothing is added.
    ("POST", "/api/add-service", "name="),
    // Neither: refused as bad input, and the service stays as it is.
    (
        "POST",
        "/api/service-state",
        "service=district-nursing&active=maybe",
    ),
    ("POST", "/api/places", ""),
    ("POST", "/api/new-place", "kind=ward"),
    ("POST", "/api/rename-place-screen", ""),
    ("POST", "/api/add-place", "kind=ward&code=&name=&within="),
    ("POST", "/api/rename-place", "place=&name="),
    ("POST", "/api/staff-directory", ""),
    ("POST", "/api/new-staff", ""),
    ("POST", "/api/staff-member", "id=999999"),
    ("POST", "/api/add-staff", "name=&email=&role=&team="),
    (
        "POST",
        "/api/change-staff",
        "id=999999&name=&email=&role=&team=",
    ),
    ("POST", "/api/remove-staff", "id=999999"),
    // Last: it changes a carer's session.
    ("POST", "/api/stop-acting", ""),
];

struct World {
    cookies: Vec<Option<String>>,
    george: String,
    grant: String,
    pending: String,
    statement: String,
    proposal: String,
    story: String,
    kept: String,
    pending_feedback: String,
    campaign: String,
}

async fn accessor(app: &TestApp, name: &str) -> Accessor {
    Accessor {
        id: PersonId(app.demo_person_id(name).await),
        name: name.into(),
        role: Role::Resident,
        team: None,
        acting_for: None,
    }
}

/// A grant from George to `carer`, accepted, with these permissions and end.
async fn grant(
    app: &TestApp,
    carer: &str,
    permissions: Vec<(String, bool)>,
    ends_at: Option<i64>,
) -> i64 {
    let george = accessor(app, "George Walsh").await;
    let id = app
        .store
        .invite_carer(
            george.id,
            &george,
            &NewGrant {
                name: carer.into(),
                relationship: "friend".into(),
                code_hash: code_hash(carer),
                code_expires_at: now_millis() + INVITATION_DAYS * DAY_MILLIS,
                ends_at,
                permissions,
            },
        )
        .await
        .unwrap();
    let by = accessor(app, carer).await;
    app.store.accept_carer(id, &by, now_millis()).await.unwrap();
    id
}

async fn act(app: &TestApp, cookie: &str, grant: i64) {
    let acting = app
        .post_form(
            "/api/act-for",
            &[("grant", &grant.to_string())],
            Some(cookie),
        )
        .await;
    let status = acting.status();
    assert!(status.is_success() || status.is_redirection(), "{status}");
}

async fn world(app: &TestApp) -> World {
    let store = app.store.as_ref();
    hive_server::seed::seed_demo_record(store).await.unwrap();
    store
        .add_demo_people(&[NewPerson {
            name: DisplayName::parse("Rhys Jones").unwrap(),
            role: Role::Resident,
            team: None,
            home_ward: None,
            demo_key: Some("matrix-rhys".into()),
            demo_description: Some("A carer whose permission is revoked.".into()),
        }])
        .await
        .unwrap();
    let george = accessor(app, "George Walsh").await;
    let body = r#"{"text":"MARKER-GEORGE-WELLNESS","supported_by":null}"#;
    store
        .save_record(
            george.id,
            george.id,
            PartKind::AboutMe,
            "wellness",
            Some(0),
            body,
            None,
        )
        .await
        .unwrap();
    let goal = r#"{"description":"Walk to the allotment","why":null,"target":null,"lifecycle":"active","achievement":null}"#;
    store
        .save_record(
            george.id,
            george.id,
            PartKind::Goal,
            GOAL,
            Some(0),
            goal,
            None,
        )
        .await
        .unwrap();
    let everything = |change: bool| -> Vec<(String, bool)> {
        app::domain::sharing::Scope::all()
            .into_iter()
            .map(|s| (s.code(), change))
            .collect()
    };
    let lin = store
        .caring_for(accessor(app, "Lin Walsh").await.id)
        .await
        .unwrap()[0]
        .id;
    let view = grant(app, "Amira Khan", everything(false), None).await;
    let ends_at = now_millis() + 4_000;
    let expired = grant(app, "Idris Hughes", everything(true), Some(ends_at)).await;
    let revoked = grant(app, "Rhys Jones", everything(true), None).await;
    let pending = store
        .invite_carer(
            george.id,
            &george,
            &NewGrant {
                name: "Not yet".into(),
                relationship: "friend".into(),
                code_hash: code_hash("pending"),
                code_expires_at: now_millis() + DAY_MILLIS,
                ends_at: None,
                permissions: vec![("needs".into(), false)],
            },
        )
        .await
        .unwrap();
    let people = store.demo_people().await.unwrap();
    let with_role = |role: Role| {
        people
            .iter()
            .find(|p| p.role == role)
            .map(|p| p.name.clone())
            .unwrap()
    };
    let names = [
        None,
        Some("George Walsh".to_string()),
        Some("Hannah Price".to_string()),
        Some("Amira Khan".to_string()),
        Some("Lin Walsh".to_string()),
        Some("Idris Hughes".to_string()),
        Some("Rhys Jones".to_string()),
        // George lives in Chorlton: Priya leads the team that serves it; Sam is in another.
        Some("Priya Shah".to_string()),
        Some("Sam Okafor".to_string()),
        Some(with_role(Role::EngagementOfficer)),
        Some(with_role(Role::Admin)),
    ];
    let mut cookies = Vec::new();
    for name in names {
        match name {
            Some(name) => cookies.push(Some(app.sign_in_as(&name, None).await)),
            None => cookies.push(None),
        }
    }
    for (i, grant) in [(3, view), (4, lin), (5, expired), (6, revoked)] {
        act(app, cookies[i].as_deref().unwrap(), grant).await;
    }
    store
        .revoke_carer(george.id, revoked, &george)
        .await
        .unwrap();
    // Idris's grant ends while he is acting under it.
    let wait = (ends_at - now_millis() + 100).max(0) as u64;
    tokio::time::sleep(std::time::Duration::from_millis(wait)).await;
    let statement = store.person_statements().await.unwrap()[0].code.clone();
    let priya = store
        .person(PersonId(app.demo_person_id("Priya Shah").await))
        .await
        .unwrap();
    let proposal = store
        .propose_goal(&app::server::store::NewProposal {
            resident: george.id,
            neighbourhood: priya.team.as_ref().unwrap().neighbourhood,
            by: &Accessor {
                id: priya.id,
                name: priya.name.clone(),
                role: priya.role,
                team: priya.team.as_ref().map(|t| t.team_name.clone()),
                acting_for: None,
            },
            description: "Walk to the library",
            why: None,
        })
        .await
        .unwrap();
    // George's published story (Chorlton: Priya's neighbourhood), and Lin's feedback waiting
    // for moderation.
    let story = store
        .stories(&app::server::store::StoryQuery {
            limit: 50,
            ..Default::default()
        })
        .await
        .unwrap()
        .into_iter()
        .find(|s| s.resident == Some(george.id))
        .unwrap()
        .id;
    let kept = store
        .feedback_given(george.id)
        .await
        .unwrap()
        .into_iter()
        .find(|f| f.status == "private")
        .unwrap()
        .id;
    let pending_feedback = store
        .feedback_to_moderate(50)
        .await
        .unwrap()
        .into_iter()
        .find(|f| f.acting_for.is_some())
        .unwrap()
        .id;
    let campaign = store
        .campaign_by_slug("how-are-we-doing")
        .await
        .unwrap()
        .unwrap()
        .id;
    World {
        campaign: campaign.to_string(),
        story: story.to_string(),
        kept: kept.to_string(),
        pending_feedback: pending_feedback.to_string(),
        proposal: proposal.to_string(),
        cookies,
        george: george.id.0.to_string(),
        grant: lin.to_string(),
        pending: pending.to_string(),
        statement,
    }
}

fn outcome(status: u16, location: Option<&str>) -> String {
    match status {
        401 | 403 | 404 => status.to_string(),
        302 | 303 if location.is_some_and(|l| l.starts_with("/auth/login")) => "401".into(),
        200..=399 | 409 | 422 => "ok".into(),
        other => panic!("unexpected status {other}"),
    }
}

async fn call(
    app: &TestApp,
    method: &str,
    path: &str,
    body: &str,
    cookie: Option<&str>,
) -> (u16, Option<String>, String) {
    let mut request = match method {
        "GET" => app
            .client
            .get(app.url(path))
            .header("accept", "text/html,application/xhtml+xml"),
        _ => app
            .client
            .post(app.url(path))
            .header("content-type", "application/x-www-form-urlencoded")
            .header("origin", format!("http://{}", app.addr))
            .header("sec-fetch-site", "same-origin")
            .body(body.to_string()),
    };
    if let Some(cookie) = cookie {
        request = request.header("cookie", cookie);
    }
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    let location = response
        .headers()
        .get("location")
        .and_then(|l| l.to_str().ok())
        .map(str::to_string);
    (status, location, response.text().await.unwrap())
}

#[tokio::test]
async fn every_function_and_record_route_allows_exactly_what_the_table_says() {
    // Every registered server function is in the matrix.
    let registered: BTreeSet<String> = leptos::server_fn::axum::server_fn_paths()
        .map(|(path, _)| path.to_string())
        .collect();
    let called: BTreeSet<String> = CALLS
        .iter()
        .filter(|(method, ..)| *method == "POST")
        .map(|(_, path, _)| path.to_string())
        .collect();
    let missing: Vec<&String> = registered.difference(&called).collect();
    assert!(
        missing.is_empty(),
        "server functions missing from the matrix: {missing:?}"
    );

    let expected = std::fs::read_to_string(TABLE).unwrap_or_default();
    for db in each_backend().await {
        let name = db.name;
        let app = spawn_app(db, true).await;
        let world = world(&app).await;
        let mut table = String::from(
            "# Who may do what (server/tests/it/matrix.rs). Columns: the caller; rows: each call.\n",
        );
        let _ = write!(table, "{:<48}", "#");
        for (actor, _) in ACTORS {
            let _ = write!(table, " {actor:>14}");
        }
        table.push('\n');
        for (method, path, body) in CALLS {
            let fill = |s: &str| {
                s.replace("{grant}", &world.grant)
                    .replace("{george}", &world.george)
                    .replace("{pending}", &world.pending)
                    .replace("{statement}", &world.statement)
                    .replace("{proposal}", &world.proposal)
                    .replace("{story}", &world.story)
                    .replace("{kept}", &world.kept)
                    .replace("{waiting}", &world.pending_feedback)
                    .replace("{campaign}", &world.campaign)
            };
            // The table names calls as written above, placeholders and all.
            let _ = write!(table, "{:<48}", format!("{method} {path}"));
            let (path, body) = (fill(path), fill(body));
            for (i, (actor, may_read)) in ACTORS.iter().enumerate() {
                let (status, location, text) =
                    call(&app, method, &path, &body, world.cookies[i].as_deref()).await;
                let result = std::panic::catch_unwind(|| outcome(status, location.as_deref()));
                let cell = result.unwrap_or_else(|_| {
                    panic!("{name}: {method} {path} as {actor}: {status} {text}")
                });
                if !may_read {
                    for marker in MARKERS {
                        assert!(
                            !text.contains(marker),
                            "{name}: {method} {path} as {actor} shows George's words: {status} {}",
                            &text[text.find(marker).unwrap_or(0).saturating_sub(600)..]
                        );
                    }
                }
                let _ = write!(table, " {cell:>14}");
            }
            table.push('\n');
        }
        if std::env::var("HIVE_WRITE_MATRIX").is_ok_and(|v| v == "1") {
            std::fs::write(TABLE, &table).unwrap();
            continue;
        }
        // Only the rows that differ (by call), each as expected then as it happened.
        let rows = |text: &str| -> std::collections::BTreeMap<String, String> {
            text.lines()
                .map(|line| {
                    (
                        line.get(..48).unwrap_or(line).trim().to_string(),
                        line.to_string(),
                    )
                })
                .collect()
        };
        let (want, got) = (rows(&expected), rows(&table));
        let differ: Vec<String> = want
            .keys()
            .chain(got.keys())
            .collect::<BTreeSet<_>>()
            .into_iter()
            .filter(|call| want.get(*call) != got.get(*call))
            .map(|call| {
                let none = String::from("(no such row)");
                format!(
                    "expected {}\n     got {}",
                    want.get(call).unwrap_or(&none),
                    got.get(call).unwrap_or(&none)
                )
            })
            .collect();
        assert!(
            differ.is_empty(),
            "{name}: the authorization matrix differs from {TABLE}:\n{}",
            differ.join("\n")
        );
    }
}

/// The server functions that only read: every other one writes, and must count against the
/// signed-in person's allowance (`current_writer`) before it does anything else.
const READS: &[&str] = &[
    "whoami",
    "front",
    "area-home",
    "demo-people",
    "sign-in-options",
    "neighbourhoods",
    "about-me",
    "about-me-section",
    "about-me-history",
    "needs",
    "needs-history",
    "goals",
    "new-goal",
    "goal",
    "goal-history",
    "statements",
    "statement",
    "record-summary",
    "sharing",
    "activity",
    "where-i-live",
    "carers",
    "carer",
    "caring",
    "team-queue",
    "team-record",
    "team-statements",
    "responses",
    "feedback",
    "moderation",
    "stories",
    "kept-for-service",
    "campaigns",
    "campaign",
    "answer-campaign-page",
    "dashboard",
    "services",
    "places",
    "new-place",
    "rename-place-screen",
    "staff-directory",
    "new-staff",
    "staff-member",
];

/// Once a person has used their allowance of writes, every server function that writes answers
/// 429 with the seconds to wait, whatever it is and whoever may use it, and the ones that only
/// read still answer. Swapping `current_writer` for `current_actor` in any write fails here.
#[tokio::test]
async fn every_write_is_refused_once_the_persons_allowance_is_used() {
    let app = crate::support::spawn_app_with(
        crate::support::sqlite(),
        crate::support::Options {
            demo: true,
            limits: Some(hive_server::web::Limits {
                writes_per_minute: std::num::NonZeroU32::new(1).unwrap(),
                ..hive_server::web::Limits::default()
            }),
            ..crate::support::Options::default()
        },
    )
    .await;
    let cookie = app.sign_in_as("George Walsh", None).await;
    let (status, ..) = call(&app, "POST", "/api/confirm-review", "", Some(&cookie)).await;
    assert_eq!(status, 200, "the allowance's one write");
    let mut wrong = Vec::new();
    for (method, path, body) in CALLS.iter().filter(|(method, ..)| *method == "POST") {
        let name = path.trim_start_matches("/api/");
        let body = with_placeholders_filled(body);
        let response = app
            .client
            .post(app.url(path))
            .header("content-type", "application/x-www-form-urlencoded")
            .header("origin", format!("http://{}", app.addr))
            .header("sec-fetch-site", "same-origin")
            .header("cookie", &cookie)
            .body(body)
            .send()
            .await
            .unwrap();
        let status = response.status().as_u16();
        let retry_after = response
            .headers()
            .get("retry-after")
            .and_then(|v| v.to_str().ok()?.parse::<u64>().ok());
        let limited = status == 429 && retry_after.is_some_and(|s| s >= 1);
        let reads = READS.contains(&name);
        if limited == reads || (status == 429 && !limited) {
            wrong.push(format!(
                "{method} {path}: {status} (Retry-After {retry_after:?}), expected {}",
                if reads {
                    "an answer"
                } else {
                    "429 with Retry-After"
                }
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// A call's placeholders, filled with an id that is nobody's: the limit is checked first.
fn with_placeholders_filled(body: &str) -> String {
    let mut out = String::new();
    let mut rest = body;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        let end = rest[start..]
            .find('}')
            .map_or(rest.len(), |e| start + e + 1);
        out.push('1');
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}
