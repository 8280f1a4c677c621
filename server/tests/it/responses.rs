//! Responding, replying and proposing goals: the store on every backend, the pages, and what a
//! resident, their carer and another team see.

use crate::support::{TestApp, each_backend, open_store, resident_accessor, spawn_app, sqlite};
use app::domain::ids::{NeighbourhoodId, PersonId};
use app::server::Store;
use app::server::store::{
    AccessQuery, Accessor, NewMessage, NewProposal, PartKind, ProposalDecision, QueueQuery,
    StoreError,
};

async fn staff(store: &dyn Store, name: &str) -> (Accessor, NeighbourhoodId) {
    let id = store
        .demo_people()
        .await
        .unwrap()
        .into_iter()
        .find(|p| p.name == name)
        .unwrap()
        .id;
    let person = store.person(id).await.unwrap();
    let team = person.team.unwrap();
    (
        Accessor {
            id,
            name: person.name,
            role: person.role,
            team: Some(team.team_name),
            acting_for: None,
        },
        team.neighbourhood,
    )
}

async fn page(app: &TestApp, path: &str, cookie: &str) -> (u16, String) {
    let response = app.get(path, Some(cookie)).await;
    let status = response.status().as_u16();
    (status, response.text().await.unwrap())
}

async fn post(app: &TestApp, path: &str, form: &[(&str, &str)], cookie: &str) -> (u16, String) {
    let response = app.post_form(path, form, Some(cookie)).await;
    let status = response.status().as_u16();
    (status, response.text().await.unwrap())
}

#[tokio::test]
async fn messages_and_proposals_keep_their_story_on_every_backend() {
    for db in each_backend().await {
        let store = open_store(&db).await;
        let store = store.as_ref();
        hive_server::seed::seed_demo(store).await.unwrap();
        hive_server::seed::seed_demo_record(store).await.unwrap();
        let george = resident_accessor(store, "George Walsh").await;
        let hannah = resident_accessor(store, "Hannah Price").await;
        let (priya, chorlton) = staff(store, "Priya Shah").await;
        let before = store.messages(george.id).await.unwrap().len();

        // A response, then his reply (which finds his team itself), oldest first.
        let message = |by, from_team: bool, body| NewMessage {
            resident: george.id,
            neighbourhood: from_team.then_some(chorlton),
            by,
            kind: PartKind::Goal,
            key: "0123456789abcdef",
            from_team,
            body,
            scope: "goals",
        };
        store
            .add_message(&message(&priya, true, "How is the walking?"))
            .await
            .unwrap();
        store
            .add_message(&message(&george, false, "Better, thank you"))
            .await
            .unwrap();
        let all = store.messages(george.id).await.unwrap();
        let mine: Vec<_> = all.iter().filter(|m| m.key == "0123456789abcdef").collect();
        assert_eq!(all.len(), before + 2, "{}", db.name);
        assert_eq!(mine[0].body, "How is the walking?", "{}", db.name);
        assert!(
            mine[0].from_team && mine[0].seen_at.is_none(),
            "{}",
            db.name
        );
        assert_eq!(
            mine[1].neighbourhood, chorlton,
            "{}: the reply went to his team",
            db.name
        );
        assert!(!mine[1].from_team, "{}", db.name);
        // His reply waits for the team until someone in it responds on that goal.
        let unanswered = || async {
            store
                .queued_resident(chorlton, george.id)
                .await
                .unwrap()
                .unwrap()
                .unanswered
        };
        assert!(unanswered().await, "{}", db.name);
        store
            .add_message(&message(&priya, true, "Keep it up"))
            .await
            .unwrap();
        assert!(!unanswered().await, "{}", db.name);
        store
            .mark_seen(george.id, PartKind::Goal, "0123456789abcdef")
            .await
            .unwrap();
        let seen = store.messages(george.id).await.unwrap();
        assert!(
            seen.iter()
                .filter(|m| m.key == "0123456789abcdef" && m.from_team)
                .all(|m| m.seen_at.is_some()),
            "{}",
            db.name
        );
        // The response is in his access log; his own reply is not.
        let log = store
            .access_log(
                george.id,
                &AccessQuery {
                    limit: 100,
                    ..AccessQuery::default()
                },
            )
            .await
            .unwrap();
        assert!(
            log.iter()
                .any(|r| r.action == "respond" && r.actor_name == "Priya Shah"),
            "{}",
            db.name
        );
        assert!(
            !log.iter()
                .any(|r| r.action == "respond" && r.actor_name == "George Walsh")
        );
        // A resident in no team's queue cannot reply: there is no team to read it.
        let lost = store
            .add_message(&NewMessage {
                resident: hannah.id,
                neighbourhood: None,
                by: &hannah,
                kind: PartKind::Needs,
                key: "needs",
                from_team: false,
                body: "Hello?",
                scope: "needs",
            })
            .await;
        assert!(matches!(lost, Err(StoreError::NotFound)), "{}", db.name);

        // A proposal: the queue's filter finds him; accepting makes it his goal, once.
        let id = store
            .propose_goal(&NewProposal {
                resident: george.id,
                neighbourhood: chorlton,
                by: &priya,
                description: "Go to the library on Thursdays",
                why: None,
            })
            .await
            .unwrap();
        let waiting = store
            .team_queue(
                chorlton,
                &QueueQuery {
                    limit: 50,
                    open_proposals: true,
                    ..QueueQuery::default()
                },
            )
            .await
            .unwrap();
        assert_eq!(
            waiting.iter().map(|r| r.resident).collect::<Vec<_>>(),
            vec![george.id],
            "{}",
            db.name
        );
        let body = r#"{"description":"Go to the library on Thursdays","why":null,"target":null,"lifecycle":"active","achievement":null}"#;
        let decide = |accept: Option<(&'static str, &'static str)>| ProposalDecision {
            resident: george.id,
            proposal: id,
            by: &george,
            accept,
            reason: None,
        };
        // Someone else's proposal is not found.
        let other = store
            .decide_proposal(&ProposalDecision {
                resident: hannah.id,
                ..decide(None)
            })
            .await;
        assert!(matches!(other, Err(StoreError::NotFound)), "{}", db.name);
        store
            .decide_proposal(&decide(Some(("fedcba9876543210", body))))
            .await
            .unwrap();
        let again = store.decide_proposal(&decide(None)).await;
        assert!(matches!(again, Err(StoreError::Conflict(_))), "{}", db.name);
        let goal = store
            .record_item(george.id, PartKind::Goal, "fedcba9876543210")
            .await
            .unwrap()
            .expect("the accepted goal is his");
        assert_eq!((goal.version, goal.author), (1, george.id), "{}", db.name);
        let row = store
            .proposals(george.id)
            .await
            .unwrap()
            .into_iter()
            .find(|p| p.id == id)
            .unwrap();
        assert_eq!(row.status, "active", "{}", db.name);
        assert_eq!(row.goal_key.as_deref(), Some("fedcba9876543210"));
        let active = store
            .team_queue(
                chorlton,
                &QueueQuery {
                    limit: 50,
                    active_goals: true,
                    ..QueueQuery::default()
                },
            )
            .await
            .unwrap();
        assert!(
            active.iter().any(|r| r.resident == george.id),
            "{}",
            db.name
        );
    }
}

/// The home page's one read of the record head says what the separate reads say: the needs'
/// latest version, the last change, goals waiting for an answer and the team's unseen messages
/// per part (seen ones, the resident's own and decided proposals left out).
#[tokio::test]
async fn the_record_head_is_what_the_separate_reads_say_on_every_backend() {
    for db in each_backend().await {
        let store = open_store(&db).await;
        let store = store.as_ref();
        hive_server::seed::seed_demo(store).await.unwrap();
        hive_server::seed::seed_demo_record(store).await.unwrap();
        let george = resident_accessor(store, "George Walsh").await;
        let hannah = resident_accessor(store, "Hannah Price").await;
        let (priya, chorlton) = staff(store, "Priya Shah").await;

        let quiet = store.record_head(hannah.id, "needs").await.unwrap();
        assert_eq!(
            quiet,
            app::server::store::RecordHeadRow {
                last_touched: store.record_last_touched(hannah.id).await.unwrap(),
                ..Default::default()
            },
            "{}: no needs written, nothing sent or proposed",
            db.name
        );

        let mut latest = None;
        for body in [r#"{"first":1}"#, r#"{"second":2}"#] {
            latest = Some(
                store
                    .save_record(
                        george.id,
                        george.id,
                        PartKind::Needs,
                        "needs",
                        latest,
                        body,
                        None,
                    )
                    .await
                    .unwrap(),
            );
        }
        let send = |by, kind, key, from_team: bool| NewMessage {
            resident: george.id,
            neighbourhood: from_team.then_some(chorlton),
            by,
            kind,
            key,
            from_team,
            body: "How is it going?",
            scope: if kind == PartKind::Needs {
                "needs"
            } else {
                "goals"
            },
        };
        for (kind, key, from_team) in [
            (PartKind::Goal, "0123456789abcdef", true),
            (PartKind::Goal, "0123456789abcdef", true),
            (PartKind::Goal, "fedcba9876543210", true),
            (PartKind::Needs, "needs", true),
            (PartKind::Needs, "needs", false),
        ] {
            let by = if from_team { &priya } else { &george };
            store
                .add_message(&send(by, kind, key, from_team))
                .await
                .unwrap();
        }
        store
            .mark_seen(george.id, PartKind::Goal, "fedcba9876543210")
            .await
            .unwrap();
        let waiting_before = store
            .proposals(george.id)
            .await
            .unwrap()
            .iter()
            .filter(|p| p.status == "proposed")
            .count();
        for description in ["Walk to the shop", "Call my sister on Sundays"] {
            store
                .propose_goal(&NewProposal {
                    resident: george.id,
                    neighbourhood: chorlton,
                    by: &priya,
                    description,
                    why: None,
                })
                .await
                .unwrap();
        }
        let declined = store.proposals(george.id).await.unwrap()[0].id;
        store
            .decide_proposal(&ProposalDecision {
                resident: george.id,
                proposal: declined,
                by: &george,
                accept: None,
                reason: None,
            })
            .await
            .unwrap();

        let head = store.record_head(george.id, "needs").await.unwrap();
        let needs = store
            .record_latest(george.id, PartKind::Needs)
            .await
            .unwrap();
        let needs = needs.first().unwrap();
        assert_eq!(
            head.needs,
            Some((latest.unwrap(), r#"{"second":2}"#.to_string())),
            "{}: the latest version",
            db.name
        );
        assert_eq!(head.needs, Some((needs.version, needs.body.clone())));
        assert_eq!(
            head.last_touched,
            store.record_last_touched(george.id).await.unwrap(),
            "{}",
            db.name
        );
        let waiting = store
            .proposals(george.id)
            .await
            .unwrap()
            .iter()
            .filter(|p| p.status == "proposed")
            .count();
        assert_eq!(
            (head.proposals_waiting, waiting),
            (waiting_before as i64 + 1, waiting_before + 1),
            "{}: one of the two new proposals is still waiting",
            db.name
        );
        let mut unseen = head.unseen.clone();
        unseen.sort();
        let mut expected = std::collections::BTreeMap::new();
        for m in store.messages(george.id).await.unwrap() {
            if m.from_team && m.seen_at.is_none() {
                *expected.entry((m.kind, m.key)).or_insert(0i64) += 1;
            }
        }
        let expected: Vec<_> = expected.into_iter().map(|((k, i), n)| (k, i, n)).collect();
        assert_eq!(unseen, expected, "{}", db.name);
        // The two unseen on the first goal are there; the goal marked seen is not.
        assert!(unseen.contains(&("goal".into(), "0123456789abcdef".into(), 2)));
        assert!(!unseen.iter().any(|u| u.1 == "fedcba9876543210"));
    }
}

/// The ward filter is one of the team's own wards or nothing: a ward of another neighbourhood
/// (a hand-made address) shows the whole queue, as if no ward were asked for.
#[tokio::test]
async fn a_ward_of_another_neighbourhood_is_no_filter() {
    use app::domain::review::QueueFilter;
    for db in each_backend().await {
        let store = open_store(&db).await;
        let store = store.as_ref();
        hive_server::seed::seed_demo(store).await.unwrap();
        hive_server::seed::seed_demo_record(store).await.unwrap();
        let (priya, chorlton) = staff(store, "Priya Shah").await;
        let priya = app::server::Actor::Person(store.person(priya.id).await.unwrap());
        let city = store.neighbourhoods().await.unwrap();
        let ours = city.iter().find(|n| n.id == chorlton).unwrap();
        let other = city.iter().find(|n| n.id != chorlton).unwrap();
        let queue = |ward: &str| {
            let filter = QueueFilter {
                ward: ward.to_string(),
                ..QueueFilter::default()
            };
            app::server::services::review::queue(store, &priya, None, filter)
        };
        let everyone = queue("").await.unwrap();
        assert!(everyone.entries.len() > 1, "{}", db.name);
        let range = queue("ward-whalley-range").await.unwrap();
        assert!(
            ours.wards.iter().any(|w| w.code == "ward-whalley-range"),
            "{}",
            db.name
        );
        assert_eq!(range.filter.ward, "ward-whalley-range", "{}", db.name);
        assert!(!range.entries.is_empty(), "{}", db.name);
        assert!(
            range.entries.len() < everyone.entries.len(),
            "{}: one ward's residents",
            db.name
        );
        let away = queue(&other.wards[0].code).await.unwrap();
        assert_eq!(away.filter.ward, "", "{}: not a filter of ours", db.name);
        assert_eq!(
            away.entries.iter().map(|e| e.resident).collect::<Vec<_>>(),
            everyone
                .entries
                .iter()
                .map(|e| e.resident)
                .collect::<Vec<_>>(),
            "{}: the whole queue",
            db.name
        );
        let made_up = queue("ward-atlantis").await.unwrap();
        assert_eq!(made_up.filter.ward, "", "{}", db.name);
        assert_eq!(made_up.entries.len(), everyone.entries.len(), "{}", db.name);
        // Not a code at all (PostgreSQL refuses a NUL byte): no filter either, never a 500.
        for mangled in [
            "\0",
            "ward-whalley-range\0",
            "Ward Whalley Range",
            "\u{202e}ward",
        ] {
            let queue = queue(mangled).await.unwrap();
            assert_eq!(queue.filter.ward, "", "{}: {mangled:?}", db.name);
            assert_eq!(queue.entries.len(), everyone.entries.len(), "{}", db.name);
        }
    }
}

#[tokio::test]
async fn the_queue_searches_by_name_and_filters_by_ward_and_what_i_have_not_seen() {
    for db in each_backend().await {
        let store = open_store(&db).await;
        let store = store.as_ref();
        hive_server::seed::seed_demo(store).await.unwrap();
        hive_server::seed::seed_demo_record(store).await.unwrap();
        let (priya, chorlton) = staff(store, "Priya Shah").await;
        let query = |f: &dyn Fn(&mut QueueQuery)| {
            let mut q = QueueQuery {
                limit: 100,
                viewer: Some(priya.id),
                ..QueueQuery::default()
            };
            f(&mut q);
            q
        };
        let names = |rows: Vec<app::server::store::QueueRow>| -> Vec<String> {
            rows.into_iter().map(|r| r.name).collect()
        };
        let found = store
            .team_queue(chorlton, &query(&|q| q.name = Some("WALSH".into())))
            .await
            .unwrap();
        assert_eq!(names(found), vec!["George Walsh"], "{}: any case", db.name);
        let none = store
            .team_queue(chorlton, &query(&|q| q.name = Some("%".into())))
            .await
            .unwrap();
        assert!(
            none.is_empty(),
            "{}: % is a character, not a wildcard",
            db.name
        );
        let range = store
            .team_queue(
                chorlton,
                &query(&|q| q.ward = Some("ward-whalley-range".into())),
            )
            .await
            .unwrap();
        assert!(!range.is_empty(), "{}", db.name);
        assert!(
            range.iter().all(|r| r.ward == "Whalley Range"),
            "{}",
            db.name
        );
        let all = store.team_queue(chorlton, &query(&|_| {})).await.unwrap();
        assert!(all.len() > range.len(), "{}", db.name);
        // Nothing opened yet: everyone changed since she looked. After she opens George's
        // record (a read in his log), he has not, until his record changes again.
        assert!(all.iter().all(|r| r.changed_since_looked), "{}", db.name);
        let george = resident_accessor(store, "George Walsh").await;
        store
            .log_access(george.id, &priya, &["needs"], "read")
            .await
            .unwrap();
        let since = store
            .team_queue(chorlton, &query(&|q| q.since_looked = true))
            .await
            .unwrap();
        assert_eq!(since.len(), all.len() - 1, "{}", db.name);
        assert!(
            !since.iter().any(|r| r.resident == george.id),
            "{}",
            db.name
        );
        std::thread::sleep(std::time::Duration::from_millis(5));
        store
            .save_record(
                george.id,
                george.id,
                PartKind::Needs,
                "needs",
                None,
                "{}",
                None,
            )
            .await
            .unwrap();
        let since = store
            .team_queue(chorlton, &query(&|q| q.since_looked = true))
            .await
            .unwrap();
        assert!(since.iter().any(|r| r.resident == george.id), "{}", db.name);
    }
}

#[tokio::test]
async fn staff_respond_the_resident_sees_it_new_and_replies() {
    let app = spawn_app(sqlite(), true).await;
    hive_server::seed::seed_demo_record(app.store.as_ref())
        .await
        .unwrap();
    let george = app.demo_person_id("George Walsh").await.to_string();
    let priya = app.sign_in_as("Priya Shah", None).await;
    let george_cookie = app.sign_in_as("George Walsh", None).await;
    let record = format!("/team/residents/{george}");
    let respond = |kind: &'static str, key: &'static str, text: String| {
        vec![
            ("resident", george.clone()),
            ("kind", kind.to_string()),
            ("key", key.to_string()),
            ("text", text),
        ]
    };
    let send = |form: Vec<(&'static str, String)>, cookie: String| {
        let app = &app;
        async move {
            let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
            post(app, "/api/respond", &pairs, &cookie).await
        }
    };
    // He has written his wellness section, but does not share it.
    app.store
        .save_record(
            PersonId(george.parse().unwrap()),
            PersonId(george.parse().unwrap()),
            PartKind::AboutMe,
            "wellness",
            Some(0),
            r#"{"text":"Not for the team","supported_by":null}"#,
            None,
        )
        .await
        .unwrap();
    // Bad responses: empty, too long, a part not shared, not a part, another team.
    let (status, body) = send(respond("needs", "needs", "   ".into()), priya.clone()).await;
    assert_eq!(status, 422);
    assert!(
        body.contains("Write your message before sending it"),
        "{body}"
    );
    let (status, body) = send(respond("needs", "needs", "a".repeat(2_001)), priya.clone()).await;
    assert_eq!(status, 422);
    assert!(body.contains("Use 2000 characters or fewer"), "{body}");
    let (status, _) = send(
        respond("about-me", "wellness", "Hello".into()),
        priya.clone(),
    )
    .await;
    assert_eq!(status, 404, "wellness is not shared with the team");
    let (status, _) = send(respond("statement", "x", "Hello".into()), priya.clone()).await;
    assert_eq!(status, 404);
    let sam = app.sign_in_as("Sam Okafor", None).await;
    let (status, _) = send(respond("needs", "needs", "Hello".into()), sam).await;
    assert_eq!(status, 404, "another team");

    // Without JavaScript: the response lands on the record page with a confirmation.
    let pairs = respond(
        "about-me",
        "most-important",
        "We can help you get to the allotment.".into(),
    );
    let pairs: Vec<(&str, &str)> = pairs.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let done = app
        .post_page_form(&record, "/api/respond", &pairs, &priya)
        .await;
    assert_eq!(
        done.headers()["location"],
        format!("{record}#message-about-me-most-important").as_str()
    );
    let (_, after) = page(&app, &record, &priya).await;
    assert!(after.contains("Your response was sent"), "{after}");
    assert!(
        after.contains("We can help you get to the allotment."),
        "{after}"
    );

    // George: two new responses (the demo's on his needs, and this), then seen.
    let (_, home) = page(&app, "/my", &george_cookie).await;
    assert!(home.contains("2 new responses"), "{home}");
    assert!(
        home.contains("1 proposed goal waiting for an answer"),
        "{home}"
    );
    let (_, section) = page(&app, "/my/about-me/most-important", &george_cookie).await;
    assert!(
        section.contains("We can help you get to the allotment."),
        "{section}"
    );
    assert!(
        section.contains("Priya Shah, Team lead, Chorlton and Whalley Range"),
        "{section}"
    );
    let (_, home) = page(&app, "/my", &george_cookie).await;
    assert!(home.contains("1 new response"), "{home}");
    let (_, list) = page(&app, "/my/responses", &george_cookie).await;
    assert!(list.contains("What is most important to me"), "{list}");

    // His reply reaches the team; replying about a part he does not share is refused with
    // a message (nothing stored), as is an empty one.
    let (status, _) = post(
        &app,
        "/api/reply",
        &[
            ("kind", "about-me"),
            ("key", "most-important"),
            ("text", "Thank you, Thursdays suit me"),
        ],
        &george_cookie,
    )
    .await;
    assert!(status < 400, "{status}");
    let (status, body) = post(
        &app,
        "/api/reply",
        &[("kind", "about-me"), ("key", "wellness"), ("text", "Hello")],
        &george_cookie,
    )
    .await;
    assert_eq!(status, 422);
    assert!(body.contains("You do not share this part"), "{body}");
    let (status, _) = post(
        &app,
        "/api/reply",
        &[("kind", "needs"), ("key", "needs"), ("text", "")],
        &george_cookie,
    )
    .await;
    assert_eq!(status, 422);
    let (_, after) = page(&app, &record, &priya).await;
    assert!(after.contains("Thank you, Thursdays suit me"), "{after}");
    assert!(!after.contains(">Hello<"), "{after}");
    // The team sees his message waits for them, in the queue and on the part, until one of
    // them responds on that part.
    let unanswered = "Message not answered";
    let george_row = |queue: &str| -> String {
        let name = queue
            .find(">George Walsh</a>")
            .expect("George is in the queue");
        let end = queue[name..].find("</tr>").unwrap() + name;
        queue[name..end].to_string()
    };
    let (_, queue) = page(&app, "/team", &priya).await;
    assert!(george_row(&queue).contains(unanswered), "{queue}");
    assert_eq!(after.matches(unanswered).count(), 1, "{after}");
    let (status, _) = send(
        respond("about-me", "most-important", "Thursday it is.".into()),
        priya.clone(),
    )
    .await;
    assert!(status < 400, "{status}");
    let (_, queue) = page(&app, "/team", &priya).await;
    assert!(!george_row(&queue).contains(unanswered), "{queue}");
    let (_, after) = page(&app, &record, &priya).await;
    assert!(!after.contains(unanswered), "{after}");

    // Lin (his carer, allowed to change his needs) sees the conversation on his needs.
    let lin = app.sign_in_as("Lin Walsh", None).await;
    let grant = app
        .store
        .caring_for(PersonId(app.demo_person_id("Lin Walsh").await))
        .await
        .unwrap()[0]
        .id;
    post(&app, "/api/act-for", &[("grant", &grant.to_string())], &lin).await;
    let (_, needs) = page(&app, "/my/needs", &lin).await;
    assert!(
        needs.contains("We will always speak to Lin first"),
        "{needs}"
    );
    assert!(needs.contains("Write to your team"), "{needs}");
    // Before the box: that it is not for urgent help, and where to go instead.
    let urgent = needs
        .find("Not for urgent help")
        .expect("said where one writes");
    assert!(urgent < needs.find("Write to your team").unwrap());
    assert!(
        needs[urgent..].contains("In an emergency, call 999."),
        "{needs}"
    );

    // After he stops sharing it, the team cannot see the conversation or respond.
    app.post_page_form(
        "/my/sharing",
        "/api/save-sharing",
        &[("scopes[]", "goals")],
        &george_cookie,
    )
    .await;
    let (_, after) = page(&app, &record, &priya).await;
    assert!(!after.contains("Thursdays suit me"), "{after}");
    // A message on a part he no longer shares (sent just before he stopped) does not wait for
    // the team: nobody there can see it to answer.
    let george_writes = resident_accessor(app.store.as_ref(), "George Walsh").await;
    app.store
        .add_message(&NewMessage {
            resident: george_writes.id,
            neighbourhood: None,
            by: &george_writes,
            kind: PartKind::AboutMe,
            key: "most-important",
            from_team: false,
            body: "One more thing",
            scope: "about-me:most-important",
        })
        .await
        .unwrap();
    let (_, queue) = page(&app, "/team", &priya).await;
    assert!(!george_row(&queue).contains(unanswered), "{queue}");
    // He still reads what was said about his needs, but is not offered a reply nobody can read.
    let (_, needs) = page(&app, "/my/needs", &george_cookie).await;
    assert!(
        needs.contains("We will always speak to Lin first"),
        "{needs}"
    );
    assert!(
        needs.contains("You do not share this part with your team now"),
        "{needs}"
    );
    assert!(!needs.contains("Write to your team"), "{needs}");
    assert!(
        !needs.contains("Not for urgent help"),
        "nowhere to write: {needs}"
    );
    let (status, _) = send(
        respond("about-me", "most-important", "Still there?".into()),
        priya.clone(),
    )
    .await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn a_proposed_goal_is_accepted_as_the_residents_own_or_declined_with_a_reason() {
    let app = spawn_app(sqlite(), true).await;
    hive_server::seed::seed_demo_record(app.store.as_ref())
        .await
        .unwrap();
    let george_id = app.demo_person_id("George Walsh").await;
    let george = george_id.to_string();
    let priya = app.sign_in_as("Priya Shah", None).await;
    let george_cookie = app.sign_in_as("George Walsh", None).await;
    let record = format!("/team/residents/{george}");
    let (status, body) = post(
        &app,
        "/api/propose-goal",
        &[("resident", &george), ("description", "")],
        &priya,
    )
    .await;
    assert_eq!(status, 422);
    assert!(body.contains("Enter the goal you are proposing"), "{body}");
    let (status, _) = post(
        &app,
        "/api/propose-goal",
        &[
            ("resident", &george),
            ("description", "Join the walking group"),
        ],
        &priya,
    )
    .await;
    assert!(status < 400, "{status}");
    let sam = app.sign_in_as("Sam Okafor", None).await;
    let (status, _) = post(
        &app,
        "/api/propose-goal",
        &[("resident", &george), ("description", "Walk")],
        &sam,
    )
    .await;
    assert_eq!(status, 404);

    let (_, list) = page(&app, "/my/responses", &george_cookie).await;
    assert!(list.contains("Join the walking group"), "{list}");
    assert!(list.contains("Get to the Tuesday lunch club"), "{list}");
    let proposals = app.store.proposals(PersonId(george_id)).await.unwrap();
    let walking = proposals
        .iter()
        .find(|p| p.description == "Join the walking group")
        .unwrap()
        .id
        .to_string();
    let lunch = proposals
        .iter()
        .find(|p| p.description.starts_with("Get to"))
        .unwrap()
        .id
        .to_string();

    // No decision: a clear message. A proposal that is not his: not found.
    let (status, body) = post(
        &app,
        "/api/decide-goal",
        &[("proposal", &walking)],
        &george_cookie,
    )
    .await;
    assert_eq!(status, 422);
    assert!(
        body.contains("Select whether you accept this goal or decline it"),
        "{body}"
    );
    for id in ["999999", "0", "-1", "x"] {
        let (status, _) = post(
            &app,
            "/api/decide-goal",
            &[("proposal", id), ("decision", "accept")],
            &george_cookie,
        )
        .await;
        assert_eq!(status, 404, "{id}");
    }

    // Accepting (no JavaScript) leads to the goal, now his, active, his to change.
    let done = app
        .post_page_form(
            "/my/responses",
            "/api/decide-goal",
            &[("proposal", &walking), ("decision", "accept")],
            &george_cookie,
        )
        .await;
    let to = done.headers()["location"].to_str().unwrap().to_string();
    assert!(to.starts_with("/my/goals/"), "{to}");
    let (status, goal) = page(&app, &to, &george_cookie).await;
    assert_eq!(status, 200);
    assert!(goal.contains("Join the walking group"), "{goal}");
    assert!(goal.contains("Change this goal"), "{goal}");
    let (status, _) = post(
        &app,
        "/api/decide-goal",
        &[("proposal", &walking), ("decision", "decline")],
        &george_cookie,
    )
    .await;
    assert_eq!(status, 409, "answered already");

    // Declining with a reason: the team sees it.
    let (status, _) = post(
        &app,
        "/api/decide-goal",
        &[
            ("proposal", &lunch),
            ("decision", "decline"),
            ("reason", "I go to my daughter's on Tuesdays"),
        ],
        &george_cookie,
    )
    .await;
    assert!(status < 400, "{status}");
    let (_, after) = page(&app, &record, &priya).await;
    assert!(after.contains("Accepted by George Walsh"), "{after}");
    // The accepted goal is his, and the team sees who wrote it.
    assert!(
        after.contains("Active. Version 1, by George Walsh"),
        "{after}"
    );
    assert!(
        after.contains("Declined by George Walsh on") && after.contains("I go to my daughter"),
        "{after}"
    );
}

#[tokio::test]
async fn the_team_sees_statements_across_the_neighbourhood_with_small_numbers_suppressed() {
    let app = spawn_app(sqlite(), true).await;
    hive_server::seed::seed_demo_record(app.store.as_ref())
        .await
        .unwrap();
    let priya = app.sign_in_as("Priya Shah", None).await;
    let (status, body) = page(&app, "/team/statements", &priya).await;
    assert_eq!(status, 200);
    // 14 neighbours answered the first three statements: shown, with some cells hidden.
    assert!(body.contains("14</td>"), "{body}");
    assert!(body.contains("Fewer than 5"), "{body}");
    assert!(
        body.contains("The nurses ask me what I want to work on now"),
        "{body}"
    );
    // Each resident quoted has the read in their log, as a read among the neighbourhood's
    // answers: it is not an opening of their record, so her queue still says what is new
    // since she last opened each one.
    let store = app.store.as_ref();
    let (lead, chorlton) = staff(store, "Priya Shah").await;
    let everyone = QueueQuery {
        limit: 100,
        viewer: Some(lead.id),
        ..QueueQuery::default()
    };
    let queue = store.team_queue(chorlton, &everyone).await.unwrap();
    let mut quoted = 0;
    for row in &queue {
        let log = store
            .access_log(
                row.resident,
                &AccessQuery {
                    limit: 100,
                    actor: Some(lead.id),
                    ..AccessQuery::default()
                },
            )
            .await
            .unwrap();
        assert!(!log.iter().any(|e| e.action == "read"), "{log:?}");
        quoted += log
            .iter()
            .filter(|e| e.action == "read-across" && e.scope == "statements")
            .count();
    }
    assert!(quoted > 0, "the comments shown are logged");
    let since = store
        .team_queue(
            chorlton,
            &QueueQuery {
                since_looked: true,
                ..everyone.clone()
            },
        )
        .await
        .unwrap();
    assert_eq!(since.len(), queue.len());
    // Sam's neighbourhood: only Amira, who does not share her answers.
    let sam = app.sign_in_as("Sam Okafor", None).await;
    let (status, body) = page(&app, "/team/statements", &sam).await;
    assert_eq!(status, 200);
    assert!(!body.contains("14</td>"));
    assert!(!body.contains("The nurses ask me"));
    // A resident: refused.
    let george = app.sign_in_as("George Walsh", None).await;
    assert_eq!(page(&app, "/team/statements", &george).await.0, 403);
}

#[tokio::test]
async fn a_team_lead_sees_the_teams_activity_and_a_practitioner_does_not() {
    let app = spawn_app(sqlite(), true).await;
    hive_server::seed::seed_demo_record(app.store.as_ref())
        .await
        .unwrap();
    let sam = app.sign_in_as("Sam Okafor", None).await;
    let (_, queue) = page(&app, "/team", &sam).await;
    assert!(!queue.contains("Your team's activity"), "{queue}");
    let priya = app.sign_in_as("Priya Shah", None).await;
    let george = app.demo_person_id("George Walsh").await.to_string();
    post(
        &app,
        "/api/acknowledge",
        &[
            ("resident", &george),
            ("kind", "needs"),
            ("key", "needs"),
            ("version", "1"),
        ],
        &priya,
    )
    .await;
    let (_, queue) = page(&app, "/team", &priya).await;
    assert!(queue.contains("Your team's activity"), "{queue}");
    assert!(
        queue.contains("The oldest change nobody has read is from"),
        "{queue}"
    );
    assert!(
        queue.contains("<td class=\"nhsuk-table__cell\">Priya Shah</td>"),
        "{queue}"
    );
}

/// Two goals of the resident's own, as the goal form saves them: their keys.
async fn two_goals(store: &dyn Store, resident: PersonId) -> [String; 2] {
    use app::domain::goals::{Goal, Lifecycle};
    let keys = [
        "0123456789abcdef".to_string(),
        "fedcba9876543210".to_string(),
    ];
    for (key, description) in keys
        .iter()
        .zip(["Walk to the shops again", "Cook for myself"])
    {
        let goal = Goal {
            description: description.into(),
            why: None,
            target: None,
            lifecycle: Lifecycle::Active,
            achievement: None,
        };
        store
            .save_record(
                resident,
                resident,
                PartKind::Goal,
                key,
                Some(0),
                &serde_json::to_string(&goal).unwrap(),
                None,
            )
            .await
            .unwrap();
    }
    keys
}

/// A part's page shows the conversation on that part and no other; the team's messages are
/// marked seen when some are new, and a view with nothing new writes nothing (though the
/// resident's own answer, never "seen", is there).
#[tokio::test]
async fn a_parts_page_shows_its_own_conversation_and_marks_seen_only_what_is_new() {
    use std::sync::atomic::Ordering::SeqCst;
    let (app, counts) = crate::counting::spawn_counting_app(sqlite()).await;
    let store = app.store.as_ref();
    hive_server::seed::seed_demo_record(store).await.unwrap();
    let george = resident_accessor(store, "George Walsh").await;
    let (priya, chorlton) = staff(store, "Priya Shah").await;
    let [first, second] = two_goals(store, george.id).await;
    let message = |by, key, from_team: bool, body| NewMessage {
        resident: george.id,
        neighbourhood: from_team.then_some(chorlton),
        by,
        kind: PartKind::Goal,
        key,
        from_team,
        body,
        scope: "goals",
    };
    for m in [
        message(&priya, &first, true, "About the first goal"),
        message(&priya, &second, true, "About the second goal"),
        message(&george, &first, false, "My answer on the first"),
    ] {
        store.add_message(&m).await.unwrap();
    }
    let cookie = app.sign_in_as("George Walsh", None).await;
    let marks = counts.marks_seen.load(SeqCst);
    let (_, one) = page(&app, &format!("/my/goals/{first}"), &cookie).await;
    assert!(one.contains("About the first goal"), "{one}");
    assert!(one.contains("My answer on the first"), "{one}");
    assert!(!one.contains("About the second goal"), "{one}");
    let (_, two) = page(&app, &format!("/my/goals/{second}"), &cookie).await;
    assert!(two.contains("About the second goal"), "{two}");
    assert!(!two.contains("About the first goal"), "{two}");
    assert!(!two.contains("My answer on the first"), "{two}");
    assert_eq!(counts.marks_seen.load(SeqCst), marks + 2, "both were new");
    page(&app, &format!("/my/goals/{first}"), &cookie).await;
    page(&app, &format!("/my/goals/{second}"), &cookie).await;
    assert_eq!(
        counts.marks_seen.load(SeqCst),
        marks + 2,
        "nothing new: nothing written"
    );
}

/// A reply takes the resident back to the conversation on the part's own page, and
/// `/my/responses` links each conversation there, named for its part.
#[tokio::test]
async fn replies_and_the_list_of_conversations_lead_to_each_parts_own_page() {
    let app = spawn_app(sqlite(), true).await;
    let store = app.store.as_ref();
    hive_server::seed::seed_demo_record(store).await.unwrap();
    let george = resident_accessor(store, "George Walsh").await;
    let [goal, _] = two_goals(store, george.id).await;
    let cookie = app.sign_in_as("George Walsh", None).await;
    for (kind, key, to) in [
        ("needs", "needs", "/my/needs".to_string()),
        (
            "about-me",
            "most-important",
            "/my/about-me/most-important".to_string(),
        ),
        ("goal", goal.as_str(), format!("/my/goals/{goal}")),
    ] {
        let sent = app
            .post_form(
                "/api/reply",
                &[("kind", kind), ("key", key), ("text", "A word about this")],
                Some(&cookie),
            )
            .await;
        assert_eq!(
            sent.headers()["location"],
            format!("{to}#conversation").as_str(),
            "{kind}"
        );
    }
    let (_, list) = page(&app, "/my/responses", &cookie).await;
    for href in [
        "href=\"/my/needs#conversation\"".to_string(),
        "href=\"/my/about-me/most-important#conversation\"".to_string(),
        format!("href=\"/my/goals/{goal}#conversation\""),
    ] {
        assert!(list.contains(&href), "{href}: {list}");
    }
    assert!(list.contains("Communication needs"), "{list}");
    assert!(list.contains("Goal: Walk to the shops again"), "{list}");

    // He stops sharing his goals while a reply is on its page: the reply is refused, and the
    // page says why and shows what he wrote (it has no form to put it back in now).
    let page_of_goal = format!("/my/goals/{goal}");
    let kept = ["needs", "about-me:most-important"].map(String::from);
    store.set_shares(george.id, &george, &kept).await.unwrap();
    app.post_page_form(
        &page_of_goal,
        "/api/reply",
        &[
            ("kind", "goal"),
            ("key", &goal),
            ("text", "Words I must not lose"),
        ],
        &cookie,
    )
    .await;
    let (_, html) = page(&app, &page_of_goal, &cookie).await;
    assert!(html.contains("Not sent"), "{html}");
    assert!(html.contains("Words I must not lose"), "{html}");
    assert!(html.contains("Share it first"), "{html}");
}

/// `/my/responses` keeps each part's conversation apart (two goals are two conversations) and
/// counts as new only the team's messages the resident has not seen: never their own. On the
/// part's page the same messages are marked "New", and the resident's own never is.
#[tokio::test]
async fn each_goal_is_its_own_conversation_and_only_the_teams_unseen_messages_are_new() {
    let app = spawn_app(sqlite(), true).await;
    let store = app.store.as_ref();
    hive_server::seed::seed_demo_record(store).await.unwrap();
    let george = resident_accessor(store, "George Walsh").await;
    let (priya, chorlton) = staff(store, "Priya Shah").await;
    let [first, second] = two_goals(store, george.id).await;
    let message = |by, key, from_team: bool, body| NewMessage {
        resident: george.id,
        neighbourhood: from_team.then_some(chorlton),
        by,
        kind: PartKind::Goal,
        key,
        from_team,
        body,
        scope: "goals",
    };
    for m in [
        message(&priya, &first, true, "About the first goal"),
        message(&george, &first, false, "My answer on the first"),
        message(&priya, &first, true, "More on the first goal"),
        message(&priya, &second, true, "About the second goal"),
    ] {
        store.add_message(&m).await.unwrap();
    }
    let cookie = app.sign_in_as("George Walsh", None).await;
    // Each conversation's entry in the list: from its link to the end of its item.
    let entry = |list: &str, label: &str| -> String {
        let start = list
            .find(label)
            .unwrap_or_else(|| panic!("{label}: {list}"));
        let end = start + list[start..].find("</li>").unwrap();
        list[start..end].to_string()
    };
    let (_, list) = page(&app, "/my/responses", &cookie).await;
    let walk = entry(&list, "Goal: Walk to the shops again");
    assert!(walk.contains(">2 new<"), "{walk}");
    assert!(walk.contains("3 messages. Last from Priya Shah"), "{walk}");
    let cook = entry(&list, "Goal: Cook for myself");
    assert!(cook.contains(">1 new<"), "{cook}");
    assert!(cook.contains("1 message. Last from Priya Shah"), "{cook}");

    // The resident's own message is never "New"; the team's are until he has seen them.
    let own_is_new = |html: &str| {
        html.split("<li class=\"app-message\">")
            .skip(1)
            .any(|m| m[..m.find("</li>").unwrap()].contains(">New<"))
    };
    let (_, one) = page(&app, &format!("/my/goals/{first}"), &cookie).await;
    assert!(one.contains("My answer on the first"), "{one}");
    assert_eq!(one.matches(">New<").count(), 2, "{one}");
    assert!(!own_is_new(&one), "{one}");
    let (_, again) = page(&app, &format!("/my/goals/{first}"), &cookie).await;
    assert_eq!(again.matches(">New<").count(), 0, "{again}");
    let (_, list) = page(&app, "/my/responses", &cookie).await;
    let walk = entry(&list, "Goal: Walk to the shops again");
    assert!(!walk.contains(" new<"), "{walk}");
    assert!(entry(&list, "Goal: Cook for myself").contains(">1 new<"));
}

/// A carer who reads the team's conversations on the list of responses, or George's goals on
/// the feedback page, is in George's log under each part they read; a carer who may only look
/// at a part leaves its new messages new for George.
#[tokio::test]
async fn a_carers_reads_of_conversations_and_goals_are_logged_and_looking_marks_nothing_seen() {
    let app = spawn_app(sqlite(), true).await;
    let store = app.store.as_ref();
    hive_server::seed::seed_demo_record(store).await.unwrap();
    let george = resident_accessor(store, "George Walsh").await;
    let lin = resident_accessor(store, "Lin Walsh").await;
    let (priya, chorlton) = staff(store, "Priya Shah").await;
    two_goals(store, george.id).await;
    // Lin may only look at George's wellness section (the demo grant).
    store
        .add_message(&NewMessage {
            resident: george.id,
            neighbourhood: Some(chorlton),
            by: &priya,
            kind: PartKind::AboutMe,
            key: "wellness",
            from_team: true,
            body: "How is the new exercise class going?",
            scope: "about-me:wellness",
        })
        .await
        .unwrap();
    let reads = |scope: &'static str| async move {
        store
            .access_log(
                george.id,
                &AccessQuery {
                    before: None,
                    limit: 100,
                    actor: Some(lin.id),
                    scope: Some(scope.to_string()),
                },
            )
            .await
            .unwrap()
            .into_iter()
            .filter(|e| e.action == "read")
            .count()
    };
    let unseen = || async {
        store
            .messages(george.id)
            .await
            .unwrap()
            .into_iter()
            .filter(|m| m.key == "wellness" && m.from_team && m.seen_at.is_none())
            .count()
    };
    let cookie = app.sign_in_as("Lin Walsh", None).await;
    let grant = store.caring_for(lin.id).await.unwrap()[0].id.to_string();
    app.post_page_form("/caring", "/api/act-for", &[("grant", &grant)], &cookie)
        .await;

    let before = reads("about-me:wellness").await;
    let (status, list) = page(&app, "/my/responses", &cookie).await;
    assert_eq!(status, 200);
    assert!(
        list.contains("How is the new exercise class going?"),
        "{list}"
    );
    assert_eq!(
        reads("about-me:wellness").await,
        before + 1,
        "the conversation shown is a read of its part"
    );

    let goals = reads("goals").await;
    let (status, feedback) = page(&app, "/my/feedback", &cookie).await;
    assert_eq!(status, 200);
    assert!(feedback.contains("Walk to the shops again"), "{feedback}");
    assert_eq!(
        reads("goals").await,
        goals + 1,
        "the goals listed are a read"
    );

    let (status, wellness) = page(&app, "/my/about-me/wellness", &cookie).await;
    assert_eq!(status, 200);
    assert!(wellness.contains("How is the new exercise class going?"));
    assert_eq!(unseen().await, 1, "looking only: still new for George");
    let own = app.sign_in_as("George Walsh", None).await;
    page(&app, "/my/about-me/wellness", &own).await;
    assert_eq!(unseen().await, 0, "George has seen it");
}
