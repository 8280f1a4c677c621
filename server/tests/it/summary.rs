//! The one-page summary and reviews.

use crate::support::{Options, spawn_app, spawn_app_with, sqlite};
use app::domain::ids::PersonId;

#[tokio::test]
async fn the_summary_puts_needs_first_then_the_passport_then_current_goals() {
    let app = spawn_app(sqlite(), true).await;
    hive_server::seed::seed_demo_record(app.store.as_ref())
        .await
        .unwrap();
    let cookie = app.sign_in_as("Amira Khan", None).await;
    let page = app.get("/my/summary", Some(&cookie)).await;
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    let order: Vec<usize> = [
        "Communication needs",
        "Things you must know about me",
        "I am allergic to penicillin",
        "Things that are important to me",
        "My likes and dislikes",
        "My goals",
        "Walk to the community centre on my own",
    ]
    .iter()
    .map(|text| {
        html.find(text)
            .unwrap_or_else(|| panic!("{text} missing: {html}"))
    })
    .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
    assert!(html.contains("Information in: Large print"));
}

#[tokio::test]
async fn the_summary_is_a_fixed_number_of_reads_however_long_the_history() {
    use std::sync::atomic::Ordering;
    let (app, counts) = crate::counting::spawn_counting_app(sqlite()).await;
    hive_server::seed::seed_demo_record(app.store.as_ref())
        .await
        .unwrap();
    let cookie = app.sign_in_as("Amira Khan", None).await;
    let reads = || async {
        let before = counts.record_reads.load(Ordering::SeqCst);
        assert_eq!(app.get("/my/summary", Some(&cookie)).await.status(), 200);
        counts.record_reads.load(Ordering::SeqCst) - before
    };
    let first = reads().await;
    let amira = PersonId(app.demo_person_id("Amira Khan").await);
    let amira = app::server::Actor::Person(app.store.person(amira).await.unwrap());
    for base in 1..20 {
        let edit = app::domain::about_me::SectionForm {
            text: format!("v{base}"),
            base: base.to_string(),
            ..Default::default()
        };
        let wellness = app::domain::about_me::Section::Wellness;
        app::server::services::about_me::save(app.store.as_ref(), &amira, wellness, &edit)
            .await
            .unwrap();
    }
    assert_eq!(reads().await, first, "19 more versions, the same reads");
    assert!(first <= 4, "{first}");
}

/// Every resident sees their home first: who is asking is one read, the head of the record
/// (needs, last change, messages, proposals) one more.
#[tokio::test]
async fn the_residents_home_is_one_read_of_the_record() {
    use std::sync::atomic::Ordering;
    let (app, counts) = crate::counting::spawn_counting_app(sqlite()).await;
    hive_server::seed::seed_demo_record(app.store.as_ref())
        .await
        .unwrap();
    let cookie = app.sign_in_as("Amira Khan", None).await;
    let before = (
        counts.person_reads.load(Ordering::SeqCst),
        counts.record_reads.load(Ordering::SeqCst),
    );
    let home = app.get("/my", Some(&cookie)).await;
    assert_eq!(home.status(), 200);
    assert!(home.text().await.unwrap().contains("Large print"));
    assert_eq!(
        (
            counts.person_reads.load(Ordering::SeqCst) - before.0,
            counts.record_reads.load(Ordering::SeqCst) - before.1,
        ),
        (1, 1)
    );
}

#[tokio::test]
async fn after_the_review_period_nothing_has_changed_confirms_the_record_in_one_step() {
    let app = spawn_app_with(
        sqlite(),
        Options {
            demo: true,
            review_after_days: Some(1),
            ..Options::default()
        },
    )
    .await;
    let cookie = app.sign_in_as("Amira Khan", None).await;
    let fresh = app.get("/my", Some(&cookie)).await.text().await.unwrap();
    assert!(fresh.contains("You have not written anything in your record yet."));
    assert!(!fresh.contains("Time to check your record"));
    app.post_page_form(
        "/my/about-me/wellness",
        "/api/save-about-me",
        &[
            ("section", "wellness"),
            ("text", "Walking"),
            ("supported_by_name", ""),
            ("supported_by_relationship", ""),
            ("base", "0"),
        ],
        &cookie,
    )
    .await;
    assert!(
        !app.get("/my", Some(&cookie))
            .await
            .text()
            .await
            .unwrap()
            .contains("Time to check your record")
    );
    // Two days pass.
    let path = app.db.sqlite_path.clone().unwrap();
    let pool = sqlx::SqlitePool::connect(&format!("sqlite://{}", path.display()))
        .await
        .unwrap();
    sqlx::query("UPDATE record_versions SET created_at = created_at - 2 * 86400000")
        .execute(&pool)
        .await
        .unwrap();
    let due = app.get("/my", Some(&cookie)).await.text().await.unwrap();
    assert!(due.contains("Time to check your record"), "{due}");
    let confirmed = app
        .post_page_form("/my", "/api/confirm-review", &[], &cookie)
        .await;
    assert_eq!(confirmed.headers()["location"], "/my");
    let after = app.get("/my", Some(&cookie)).await.text().await.unwrap();
    assert!(after.contains("Your record is marked as reviewed today"));
    assert!(!after.contains("Time to check your record"));
    let today = app::domain::time::uk_date(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_millis() as i64,
    );
    assert!(
        after.contains(&format!("Your record was last reviewed on {today}.")),
        "{after}"
    );
}

#[tokio::test]
async fn a_goal_a_carer_wrote_says_so_on_the_summary() {
    use app::server::store::PartKind;
    let app = spawn_app(sqlite(), true).await;
    hive_server::seed::seed_demo_record(app.store.as_ref())
        .await
        .unwrap();
    let george = PersonId(app.demo_person_id("George Walsh").await);
    let lin = PersonId(app.demo_person_id("Lin Walsh").await);
    let goal = r#"{"description":"Sort the seed potatoes","why":null,"target":null,"lifecycle":"active","achievement":null}"#;
    app.store
        .save_record(
            george,
            lin,
            PartKind::Goal,
            "abcdefabcdef0123",
            Some(0),
            goal,
            None,
        )
        .await
        .unwrap();
    let cookie = app.sign_in_as("George Walsh", None).await;
    let summary = app
        .get("/my/summary", Some(&cookie))
        .await
        .text()
        .await
        .unwrap();
    assert!(summary.contains("Sort the seed potatoes"), "{summary}");
    assert!(
        summary.contains("written by Lin Walsh (carer)"),
        "{summary}"
    );
}
