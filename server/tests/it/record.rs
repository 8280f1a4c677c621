//! The versioned record parts (needs, goals, notes, answers) on both backends, and free text
//! shown as text in every field of them.

use crate::support::{each_backend, spawn_app, sqlite};
use app::domain::ids::PersonId;
use app::server::StoreError;
use app::server::store::PartKind;

#[tokio::test]
async fn record_versions_append_refuse_stale_edits_and_keep_history_on_both_backends() {
    for db in each_backend().await {
        let app = spawn_app(db, true).await;
        let name = app.db.name;
        let amira = PersonId(app.demo_person_id("Amira Khan").await);
        let store = app.store.as_ref();
        let goal = PartKind::Goal;
        assert_eq!(
            store
                .save_record(amira, amira, goal, "g1", Some(0), r#"{"v":1}"#, None)
                .await
                .unwrap(),
            1
        );
        assert_eq!(
            store
                .save_record(amira, amira, goal, "g1", Some(1), r#"{"v":2}"#, None)
                .await
                .unwrap(),
            2
        );
        let stale = store
            .save_record(amira, amira, goal, "g1", Some(1), r#"{"v":"lost"}"#, None)
            .await;
        assert!(
            matches!(stale, Err(StoreError::Conflict(_))),
            "{name}: {stale:?}"
        );
        assert_eq!(
            store
                .save_record(amira, amira, goal, "g2", Some(0), r#"{"v":1}"#, None)
                .await
                .unwrap(),
            1
        );
        // Answers and notes never replace each other: no base, always the next version.
        for _ in 0..3 {
            store
                .save_record(
                    amira,
                    amira,
                    PartKind::GoalNote,
                    "g1",
                    None,
                    r#"{"text":"n"}"#,
                    None,
                )
                .await
                .unwrap();
        }
        let latest = store.record_latest(amira, goal).await.unwrap();
        let mut latest: Vec<(String, i64)> =
            latest.into_iter().map(|v| (v.key, v.version)).collect();
        latest.sort();
        assert_eq!(
            latest,
            [("g1".to_string(), 2), ("g2".to_string(), 1)],
            "{name}"
        );
        let history = store.record_history(amira, goal, "g1").await.unwrap();
        let bodies: Vec<&str> = history.iter().map(|v| v.body.as_str()).collect();
        assert_eq!(bodies, [r#"{"v":2}"#, r#"{"v":1}"#], "{name}");
        assert_eq!(
            store
                .record_history(amira, PartKind::GoalNote, "g1")
                .await
                .unwrap()
                .len(),
            3
        );
        assert_eq!(
            store
                .record_all(amira, PartKind::GoalNote)
                .await
                .unwrap()
                .len(),
            3
        );
        assert!(store.record_last_touched(amira).await.unwrap().is_some());
        let george = PersonId(app.demo_person_id("George Walsh").await);
        assert!(
            store.record_latest(george, goal).await.unwrap().is_empty(),
            "{name}"
        );
        assert_eq!(
            store.record_last_touched(george).await.unwrap(),
            None,
            "{name}"
        );
        assert_eq!(store.person_statements().await.unwrap().len(), 6, "{name}");
    }
}

const PAYLOADS: [&str; 3] = [
    "</textarea><script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "\"><svg onload=alert(1)>",
];

#[tokio::test]
async fn markup_in_every_field_of_needs_goals_and_answers_is_shown_as_text() {
    let app = spawn_app(sqlite(), true).await;
    let cookie = app.sign_in_as("Amira Khan", None).await;
    let all = PAYLOADS.join(" ");
    let one_line = PAYLOADS[1];
    let saved = app
        .post_page_form(
            "/my/needs",
            "/api/save-needs",
            &[
                ("base", "0"),
                ("language", one_line),
                ("avoid_times", &all),
                ("how_to_talk", &all),
            ],
            &cookie,
        )
        .await;
    assert_eq!(saved.headers()["location"], "/my");
    let goal = app
        .post_page_form(
            "/my/goals/new",
            "/api/add-goal",
            &[
                ("description", &all),
                ("why", &all),
                ("target_day", ""),
                ("target_month", ""),
                ("target_year", ""),
                ("lifecycle", "active"),
                ("achievement", ""),
            ],
            &cookie,
        )
        .await;
    assert_eq!(goal.headers()["location"], "/my/goals");
    let amira = PersonId(app.demo_person_id("Amira Khan").await);
    let key = app
        .store
        .record_latest(amira, PartKind::Goal)
        .await
        .unwrap()[0]
        .key
        .clone();
    app.post_page_form(
        &format!("/my/goals/{key}"),
        "/api/add-goal-note",
        &[("key", &key), ("note", &all)],
        &cookie,
    )
    .await;
    let mut change = vec![
        ("key", key.as_str()),
        ("base", "1"),
        ("description", "Walk"),
        ("why", ""),
        ("target_day", ""),
        ("target_month", ""),
        ("target_year", ""),
        ("lifecycle", "active"),
        ("achievement", ""),
    ];
    change[2].1 = PAYLOADS[2];
    app.post_page_form(
        &format!("/my/goals/{key}"),
        "/api/change-goal",
        &change,
        &cookie,
    )
    .await;
    app.post_page_form(
        "/my/statements/listened-to",
        "/api/answer-statement",
        &[
            ("statement", "listened-to"),
            ("truth", "partly"),
            ("comment", &all),
        ],
        &cookie,
    )
    .await;
    for path in [
        "/my".to_string(),
        "/my/needs".to_string(),
        "/my/needs/history".to_string(),
        "/my/goals".to_string(),
        format!("/my/goals/{key}"),
        format!("/my/goals/{key}/history"),
        "/my/statements".to_string(),
        "/my/summary".to_string(),
    ] {
        let html = app.get(&path, Some(&cookie)).await.text().await.unwrap();
        for raw in ["<script>alert(1)", "<img src=x", "<svg onload"] {
            if let Some(at) = html.find(raw) {
                panic!(
                    "{path} contains {raw}: {}",
                    &html[at.saturating_sub(200)..(at + 100).min(html.len())]
                );
            }
        }
        assert!(
            html.contains("&lt;img src=x onerror=alert(1)&gt;")
                || html.contains("&lt;svg onload=alert(1)&gt;"),
            "{path} does not show the text"
        );
    }
    let history = app
        .get(&format!("/my/goals/{key}/history"), Some(&cookie))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        history.contains("Changed from the version before:"),
        "{history}"
    );
}

#[tokio::test]
async fn saves_without_a_base_at_the_same_moment_all_land_on_both_backends() {
    for db in each_backend().await {
        let app = spawn_app(db, true).await;
        let amira = PersonId(app.demo_person_id("Amira Khan").await);
        let saves: Vec<_> = (0..6)
            .map(|i| {
                let store = app.store.clone();
                tokio::spawn(async move {
                    store
                        .save_record(
                            amira,
                            amira,
                            PartKind::Statement,
                            "listened-to",
                            None,
                            &format!(r#"{{"n":{i}}}"#),
                            None,
                        )
                        .await
                })
            })
            .collect();
        for save in saves {
            let saved = save.await.unwrap();
            assert!(
                saved.is_ok(),
                "{}: an answer was lost: {saved:?}",
                app.db.name
            );
        }
        let versions = app
            .store
            .record_history(amira, PartKind::Statement, "listened-to")
            .await
            .unwrap();
        let numbers: Vec<i64> = versions.iter().map(|v| v.version).collect();
        assert_eq!(numbers, [6, 5, 4, 3, 2, 1], "{}", app.db.name);
    }
}
