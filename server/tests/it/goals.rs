//! Goals without JavaScript: added, noted, changed, stopped (never deleted), per resident.

use crate::support::{TestApp, spawn_app, sqlite};
use app::domain::ids::PersonId;
use app::server::store::PartKind;

fn goal_form<'a>(
    description: &'a str,
    day: &'a str,
    lifecycle: &'a str,
) -> Vec<(&'a str, &'a str)> {
    vec![
        ("description", description),
        ("why", "So I can see my friends."),
        ("target_day", day),
        ("target_month", "4"),
        ("target_year", "2027"),
        ("lifecycle", lifecycle),
        ("achievement", "in-progress"),
    ]
}

async fn post(
    app: &TestApp,
    from: &str,
    action: &str,
    form: &[(&str, &str)],
    cookie: &str,
) -> reqwest::Response {
    app.post_page_form(from, action, form, cookie).await
}

async fn only_goal_key(app: &TestApp, resident: &str) -> String {
    let id = PersonId(app.demo_person_id(resident).await);
    let goals = app.store.record_latest(id, PartKind::Goal).await.unwrap();
    assert_eq!(goals.len(), 1);
    goals[0].key.clone()
}

#[tokio::test]
async fn a_goal_is_added_noted_changed_and_stopped_and_every_version_is_kept() {
    let app = spawn_app(sqlite(), true).await;
    let cookie = app.sign_in_as("Amira Khan", None).await;
    let added = post(
        &app,
        "/my/goals/new",
        "/api/add-goal",
        &goal_form("Walk to the shops", "30", "active"),
        &cookie,
    )
    .await;
    assert_eq!(added.headers()["location"], "/my/goals");
    let list = app
        .get("/my/goals", Some(&cookie))
        .await
        .text()
        .await
        .unwrap();
    assert!(list.contains("Your goal was added"));
    let current = list.find("Goals you are working on").unwrap();
    let past = list.find("Past goals").unwrap();
    let walk = list.find("Walk to the shops").unwrap();
    assert!(current < walk && walk < past, "listed as current");
    assert!(list.contains("Target date 30 April 2027"));

    let key = only_goal_key(&app, "Amira Khan").await;
    let page = format!("/my/goals/{key}");
    let noted = post(
        &app,
        &page,
        "/api/add-goal-note",
        &[("key", &key), ("note", "Got to the corner <b>today</b>")],
        &cookie,
    )
    .await;
    assert_eq!(noted.headers()["location"], page.as_str());
    let mut change = goal_form("Walk to the shops and back", "30", "active");
    change.extend([("key", key.as_str()), ("base", "1")]);
    let changed = post(&app, &page, "/api/change-goal", &change, &cookie).await;
    assert_eq!(changed.headers()["location"], page.as_str());

    // A second window still on version 1 is refused, and its text comes back.
    let mut stale = goal_form("Something else", "30", "active");
    stale.extend([("key", key.as_str()), ("base", "1")]);
    let refused = post(&app, &page, "/api/change-goal", &stale, &cookie).await;
    assert_ne!(refused.headers()["location"], page.as_str());
    let html = app.get(&page, Some(&cookie)).await.text().await.unwrap();
    assert!(
        html.contains("This goal was changed and saved after you started editing it"),
        "{html}"
    );
    assert!(html.contains(">Something else</textarea>"));
    assert!(
        html.contains("What is saved now"),
        "the other window's change is shown"
    );
    assert!(
        html.contains("Got to the corner &lt;b&gt;today&lt;/b&gt;"),
        "notes are shown as text"
    );

    let stopped = post(
        &app,
        &page,
        "/api/stop-goal",
        &[("key", &key), ("base", "2"), ("how", "cancelled")],
        &cookie,
    )
    .await;
    assert_eq!(stopped.headers()["location"], "/my/goals");
    let list = app
        .get("/my/goals", Some(&cookie))
        .await
        .text()
        .await
        .unwrap();
    assert!(list.contains("The goal was marked cancelled"));
    assert!(list.find("Walk to the shops and back").unwrap() > list.find("Past goals").unwrap());
    let history = app
        .get(&format!("{page}/history"), Some(&cookie))
        .await
        .text()
        .await
        .unwrap();
    for version in ["Version 3, ", "Version 2, ", "Version 1, "] {
        assert!(history.contains(version), "{version}");
    }
    assert!(
        history.contains("Walk to the shops</p>"),
        "the first wording is kept"
    );
}

#[tokio::test]
async fn dates_that_do_not_exist_and_unknown_statuses_are_field_errors() {
    let app = spawn_app(sqlite(), true).await;
    let cookie = app.sign_in_as("Amira Khan", None).await;
    for (day, lifecycle, message) in [
        ("31", "active", "The target date must be a real date"),
        ("1", "finished", "Select where this goal is"),
    ] {
        let body = goal_form("Swim", day, lifecycle)
            .iter()
            .map(|(k, v)| format!("{k}={}", crate::support::urlencode(v)))
            .collect::<Vec<_>>()
            .join("&");
        let response = app
            .client
            .post(app.url("/api/add-goal"))
            .header("content-type", "application/x-www-form-urlencoded")
            .header("cookie", &cookie)
            .body(body)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 422);
        assert!(response.text().await.unwrap().contains(message));
    }
    let amira = PersonId(app.demo_person_id("Amira Khan").await);
    assert!(
        app.store
            .record_latest(amira, PartKind::Goal)
            .await
            .unwrap()
            .is_empty()
    );
}

#[tokio::test]
async fn another_residents_goal_is_not_found_and_unchanged() {
    let app = spawn_app(sqlite(), true).await;
    let amira = app.sign_in_as("Amira Khan", None).await;
    post(
        &app,
        "/my/goals/new",
        "/api/add-goal",
        &goal_form("Amira's goal", "1", "active"),
        &amira,
    )
    .await;
    let key = only_goal_key(&app, "Amira Khan").await;
    let george = app.sign_in_as("George Walsh", None).await;
    assert_eq!(
        app.get(&format!("/my/goals/{key}"), Some(&george))
            .await
            .status(),
        404
    );
    assert_eq!(
        app.get(&format!("/my/goals/{key}/history"), Some(&george))
            .await
            .status(),
        404
    );
    assert_eq!(
        app.get("/my/goals/not-a-key", Some(&george)).await.status(),
        404
    );
    for (path, body) in [
        (
            "/api/change-goal",
            format!(
                "key={key}&base=1&description=Mine&why=&target_day=&target_month=&target_year=&lifecycle=active&achievement="
            ),
        ),
        (
            "/api/stop-goal",
            format!("key={key}&base=1&how=entered-in-error"),
        ),
        ("/api/add-goal-note", format!("key={key}&note=hello")),
    ] {
        let response = app
            .client
            .post(app.url(path))
            .header("content-type", "application/x-www-form-urlencoded")
            .header("cookie", &george)
            .body(body)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 404, "{path}");
    }
    let amira_id = PersonId(app.demo_person_id("Amira Khan").await);
    let versions = app
        .store
        .record_history(amira_id, PartKind::Goal, &key)
        .await
        .unwrap();
    assert_eq!(versions.len(), 1, "nothing changed");
    assert!(
        app.store
            .record_history(amira_id, PartKind::GoalNote, &key)
            .await
            .unwrap()
            .is_empty()
    );
}

#[tokio::test]
async fn a_goal_page_reads_the_same_however_many_versions_the_goal_has() {
    use std::sync::atomic::Ordering;
    let (app, counts) = crate::counting::spawn_counting_app(sqlite()).await;
    let cookie = app.sign_in_as("Amira Khan", None).await;
    post(
        &app,
        "/my/goals/new",
        "/api/add-goal",
        &goal_form("Walk", "1", "active"),
        &cookie,
    )
    .await;
    let key = only_goal_key(&app, "Amira Khan").await;
    let page = format!("/my/goals/{key}");
    let reads = || async {
        let (calls, rows) = (
            counts.record_reads.load(Ordering::SeqCst),
            counts.rows.load(Ordering::SeqCst),
        );
        assert_eq!(app.get(&page, Some(&cookie)).await.status(), 200);
        (
            counts.record_reads.load(Ordering::SeqCst) - calls,
            counts.rows.load(Ordering::SeqCst) - rows,
        )
    };
    let first = reads().await;
    let amira = PersonId(app.demo_person_id("Amira Khan").await);
    for base in 1..15 {
        app.store
            .save_record(amira, amira, PartKind::Goal, &key, Some(base), r#"{"description":"Walk","why":null,"target":null,"lifecycle":"active","achievement":null}"#, None)
            .await
            .unwrap();
    }
    assert_eq!(
        reads().await,
        first,
        "(store calls, versions read) grew with the history"
    );
    let rows = app
        .store
        .record_item(amira, PartKind::Goal, &key)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(rows.version, 15);
}

#[tokio::test]
async fn a_goal_form_whose_version_is_none_is_refused_plainly_and_version_0_is_stale() {
    let app = spawn_app(sqlite(), true).await;
    let cookie = app.sign_in_as("Amira Khan", None).await;
    post(
        &app,
        "/my/goals/new",
        "/api/add-goal",
        &goal_form("Walk to the shops", "30", "active"),
        &cookie,
    )
    .await;
    let key = only_goal_key(&app, "Amira Khan").await;
    let forms = |base: &'static str| {
        let mut change = goal_form("Walk further", "30", "active");
        change.extend([("key", key.as_str()), ("base", base)]);
        let stop = vec![("key", key.as_str()), ("base", base), ("how", "cancelled")];
        [("/api/change-goal", change), ("/api/stop-goal", stop)]
    };
    // A version that is not one: the form was tampered with or mangled, and says so.
    for base in ["", "x", "-1", "1.5"] {
        for (action, form) in forms(base) {
            let response = app.post_form(action, &form, Some(&cookie)).await;
            let status = response.status().as_u16();
            let body = response.text().await.unwrap();
            assert_eq!(status, 422, "{action} {base:?}: {body}");
            assert!(
                body.contains("The form could not be read. Reload the page and try again."),
                "{action} {base:?}: {body}"
            );
        }
    }
    // Version 0 is the goal before it was added: a stale edit, refused as one.
    for (action, form) in forms("0") {
        let response = app.post_form(action, &form, Some(&cookie)).await;
        let status = response.status().as_u16();
        let body = response.text().await.unwrap();
        assert_eq!(status, 409, "{action}: {body}");
        assert!(
            body.contains("This goal was changed and saved after you started editing it"),
            "{action}: {body}"
        );
    }
    // Without JavaScript the stale removal comes back with the choice made, beside what is
    // saved now (its reason why included).
    let page = format!("/my/goals/{key}");
    let (_, stop) = forms("0").into_iter().nth(1).unwrap();
    post(&app, &page, "/api/stop-goal", &stop, &cookie).await;
    let html = app.get(&page, Some(&cookie)).await.text().await.unwrap();
    assert!(html.contains("value=\"cancelled\" checked"), "{html}");
    assert!(
        !html.contains("value=\"entered-in-error\" checked"),
        "{html}"
    );
    assert!(html.contains("What is saved now"), "{html}");
    assert!(
        html.contains("Why it matters: So I can see my friends."),
        "{html}"
    );
    let id = PersonId(app.demo_person_id("Amira Khan").await);
    let history = app
        .store
        .record_history(id, PartKind::Goal, &key)
        .await
        .unwrap();
    assert_eq!(history.len(), 1, "nothing was stored");
}
