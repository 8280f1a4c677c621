//! About Me: versions appended, never overwritten; stale edits refused with the text kept;
//! free text shown as text everywhere; one resident never reaches another's record.

use crate::support::{TestApp, each_backend, spawn_app, sqlite};
use app::domain::about_me::{Section, SectionForm};
use app::domain::ids::PersonId;
use app::error::AppError;
use app::server::Actor;
use app::server::services::about_me;

fn edit(text: &str, base: i64) -> SectionForm {
    SectionForm {
        text: text.into(),
        supported_by_name: String::new(),
        supported_by_relationship: String::new(),
        base: base.to_string(),
    }
}

/// The resident, as the services see them after sign-in.
async fn resident(app: &TestApp, name: &str) -> Actor {
    let id = PersonId(app.demo_person_id(name).await);
    Actor::Person(app.store.person(id).await.unwrap())
}

#[tokio::test]
async fn versions_are_appended_in_order_and_a_stale_edit_stores_nothing() {
    for db in each_backend().await {
        let app = spawn_app(db, true).await;
        let amira = resident(&app, "Amira Khan").await;
        let store = app.store.as_ref();
        let wellness = Section::Wellness;
        let save = |form: SectionForm, section: Section| {
            let amira = amira.clone();
            async move { about_me::save(store, &amira, section, &form).await }
        };
        assert_eq!(save(edit("one", 0), wellness).await.unwrap(), 1);
        assert_eq!(save(edit("two", 1), wellness).await.unwrap(), 2);
        let stale = save(edit("lost?", 1), wellness).await;
        assert!(
            matches!(stale, Err(AppError::Conflict(_))),
            "{}: {stale:?}",
            app.db.name
        );
        let ahead = save(edit("forged", 7), wellness).await;
        assert!(
            matches!(ahead, Err(AppError::Conflict(_))),
            "{}",
            app.db.name
        );
        let mut with_help = edit("three", 2);
        with_help.supported_by_name = "Lin Walsh".into();
        with_help.supported_by_relationship = "daughter".into();
        assert_eq!(save(with_help, wellness).await.unwrap(), 3);
        save(edit("support", 0), Section::Support).await.unwrap();

        let history = about_me::history(store, &amira, wellness).await.unwrap();
        let texts: Vec<&str> = history.iter().map(|v| v.text.as_str()).collect();
        assert_eq!(texts, ["three", "two", "one"], "{}", app.db.name);
        let amira_id = PersonId(app.demo_person_id("Amira Khan").await);
        assert!(
            history
                .iter()
                .all(|v| v.author == amira_id && v.acting_for == amira_id)
        );
        assert_eq!(
            history[0].supported_by.as_ref().unwrap().relationship,
            "daughter"
        );

        let overview = about_me::overview(store, &amira).await.unwrap();
        let written: Vec<_> = overview.iter().filter_map(|s| s.latest.as_ref()).collect();
        assert_eq!(written.len(), 2);
        let wellness_now = written.iter().find(|v| v.section == wellness).unwrap();
        assert_eq!(
            (wellness_now.version, wellness_now.text.as_str()),
            (3, "three")
        );

        let george = resident(&app, "George Walsh").await;
        let theirs = about_me::overview(store, &george).await.unwrap();
        assert!(
            theirs.iter().all(|s| s.latest.is_none()),
            "records are per resident"
        );
    }
}

#[tokio::test]
async fn the_overview_is_two_queries_however_many_versions_there_are() {
    let (app, counts) = crate::counting::spawn_counting_app(sqlite()).await;
    let cookie = app.sign_in_as("Amira Khan", None).await;
    let amira = resident(&app, "Amira Khan").await;
    // The sections, and the team's acknowledgements of them.
    assert_eq!(reads_for_page(&app, &counts, &cookie).await, 2);
    for section in Section::ALL {
        for base in 0..5 {
            about_me::save(
                app.store.as_ref(),
                &amira,
                section,
                &edit(&format!("v{base}"), base),
            )
            .await
            .unwrap();
        }
    }
    assert_eq!(
        reads_for_page(&app, &counts, &cookie).await,
        2,
        "35 versions, still two reads"
    );
}

async fn reads_for_page(app: &TestApp, counts: &crate::counting::Counts, cookie: &str) -> usize {
    use std::sync::atomic::Ordering;
    let before = counts.record_reads.load(Ordering::SeqCst);
    let page = app.get("/my/about-me", Some(cookie)).await;
    assert_eq!(page.status(), 200);
    counts.record_reads.load(Ordering::SeqCst) - before
}

async fn save(
    app: &TestApp,
    cookie: &str,
    section: &str,
    fields: &[(&str, &str)],
) -> reqwest::Response {
    let mut form = vec![("section", section)];
    form.extend_from_slice(fields);
    app.post_page_form(
        &format!("/my/about-me/{section}"),
        "/api/save-about-me",
        &form,
        cookie,
    )
    .await
}

#[tokio::test]
async fn a_resident_writes_a_section_without_javascript_and_sees_it_with_its_date() {
    let app = spawn_app(sqlite(), true).await;
    let cookie = app.sign_in_as("Amira Khan", None).await;
    let form = app
        .get("/my/about-me/wellness", Some(&cookie))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        form.contains("What keeps you well"),
        "the prompts are shown"
    );
    assert!(
        form.contains("You can enter up to 5,000 characters"),
        "the limit is stated without JavaScript"
    );
    let response = save(
        &app,
        &cookie,
        "wellness",
        &[
            ("text", "Walking every day.\nTea, not coffee."),
            ("supported_by_name", "Lin Walsh"),
            ("supported_by_relationship", "daughter"),
            ("base", "0"),
        ],
    )
    .await;
    assert_eq!(response.headers()["location"], "/my/about-me");
    let overview = app
        .get("/my/about-me", Some(&cookie))
        .await
        .text()
        .await
        .unwrap();
    assert!(overview.contains("Saved: My wellness"), "{overview}");
    assert!(overview.contains("Walking every day.\nTea, not coffee."));
    assert!(overview.contains("Supported to write this by Lin Walsh (daughter)"));
    assert!(overview.contains("Last updated "));
    let history = app
        .get("/my/about-me/wellness/history", Some(&cookie))
        .await
        .text()
        .await
        .unwrap();
    assert!(history.contains("Version 1, "), "{history}");
    assert!(history.contains("By Amira Khan, supported by Lin Walsh (daughter)"));
}

#[tokio::test]
async fn a_stale_edit_is_refused_and_the_typed_text_comes_back_with_what_is_saved_now() {
    let app = spawn_app(sqlite(), true).await;
    let cookie = app.sign_in_as("Amira Khan", None).await;
    let fields = |text: &'static str, base: &'static str| {
        vec![
            ("text", text),
            ("supported_by_name", ""),
            ("supported_by_relationship", ""),
            ("base", base),
        ]
    };
    save(&app, &cookie, "support", &fields("First words", "0")).await;
    // Another tab saves on top of version 1…
    save(&app, &cookie, "support", &fields("Saved elsewhere", "1")).await;
    // …and this one, also started from version 1, is refused.
    let stale = save(&app, &cookie, "support", &fields("My careful edit", "1")).await;
    assert_eq!(stale.status(), 302, "sent back to the form");
    assert_ne!(stale.headers()["location"], "/my/about-me");
    let page = app
        .get("/my/about-me/support", Some(&cookie))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("was changed and saved after you started editing it"),
        "{page}"
    );
    assert!(
        page.contains(">My careful edit</textarea>"),
        "the typed text is kept: {page}"
    );
    assert!(page.contains("What is saved now"));
    assert!(page.contains("Saved elsewhere"));
    assert!(
        page.contains(r#"name="base" value="2""#),
        "the next save builds on version 2"
    );
    let amira = resident(&app, "Amira Khan").await;
    let history = about_me::history(app.store.as_ref(), &amira, Section::Support)
        .await
        .unwrap();
    assert_eq!(history.len(), 2, "nothing was stored by the stale edit");
    // The same call from script gets the conflict as such.
    let json = app
        .client
        .post(app.url("/api/save-about-me"))
        .header("content-type", "application/x-www-form-urlencoded")
        .header("cookie", &cookie)
        .body("section=support&text=x&supported_by_name=&supported_by_relationship=&base=1")
        .send()
        .await
        .unwrap();
    assert_eq!(json.status(), 409);
}

#[tokio::test]
async fn free_text_is_shown_as_text_in_every_view_and_form() {
    let app = spawn_app(sqlite(), true).await;
    let cookie = app.sign_in_as("Amira Khan", None).await;
    let payloads = [
        "</textarea><script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "\"><svg onload=alert(1)>",
    ];
    let response = save(
        &app,
        &cookie,
        "do-and-dont",
        &[
            ("text", &payloads.join("\n")),
            ("supported_by_name", payloads[1]),
            ("supported_by_relationship", payloads[2]),
            ("base", "0"),
        ],
    )
    .await;
    assert_eq!(response.headers()["location"], "/my/about-me");
    save(
        &app,
        &cookie,
        "do-and-dont",
        &[
            ("text", payloads[0]),
            ("supported_by_name", ""),
            ("supported_by_relationship", ""),
            ("base", "1"),
        ],
    )
    .await;
    for path in [
        "/my/about-me",
        "/my/about-me/do-and-dont",
        "/my/about-me/do-and-dont/history",
        "/my/about-me/do-and-dont/history?from=1&to=2",
    ] {
        let html = app.get(path, Some(&cookie)).await.text().await.unwrap();
        for raw in ["<script>alert(1)", "<img src=x", "<svg onload"] {
            if let Some(at) = html.find(raw) {
                panic!(
                    "{path} contains {raw}: …{}…",
                    &html[at.saturating_sub(300)..(at + 200).min(html.len())]
                );
            }
        }
        assert!(
            html.contains("&lt;/textarea&gt;&lt;script&gt;alert(1)&lt;/script&gt;"),
            "{path}"
        );
    }
}

#[tokio::test]
async fn bad_text_is_a_field_error_and_nothing_is_stored() {
    let app = spawn_app(sqlite(), true).await;
    let cookie = app.sign_in_as("Amira Khan", None).await;
    for (text, message) in [
        ("a\u{0}b", "Remove the hidden control characters"),
        (
            &*"x".repeat(5001),
            "Use 5000 characters or fewer: this has 5001",
        ),
    ] {
        let response = app
            .client
            .post(app.url("/api/save-about-me"))
            .header("content-type", "application/x-www-form-urlencoded")
            .header("cookie", &cookie)
            .body(format!(
                "section=wellness&text={}&supported_by_name=&supported_by_relationship=&base=0",
                crate::support::urlencode(text)
            ))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 422);
        assert!(response.text().await.unwrap().contains(message));
    }
    let unknown = app
        .client
        .post(app.url("/api/save-about-me"))
        .header("content-type", "application/x-www-form-urlencoded")
        .header("cookie", &cookie)
        .body("section=secrets&text=x&supported_by_name=&supported_by_relationship=&base=0")
        .send()
        .await
        .unwrap();
    assert_eq!(unknown.status(), 404);
    let amira = resident(&app, "Amira Khan").await;
    let overview = about_me::overview(app.store.as_ref(), &amira)
        .await
        .unwrap();
    assert!(overview.iter().all(|s| s.latest.is_none()));
}

#[tokio::test]
async fn only_a_resident_reaches_their_own_about_me() {
    let app = spawn_app(sqlite(), true).await;
    let amira = app.sign_in_as("Amira Khan", None).await;
    save(
        &app,
        &amira,
        "wellness",
        &[
            ("text", "Amira's own words"),
            ("supported_by_name", ""),
            ("supported_by_relationship", ""),
            ("base", "0"),
        ],
    )
    .await;
    let george = app.sign_in_as("George Walsh", None).await;
    let page = app
        .get("/my/about-me", Some(&george))
        .await
        .text()
        .await
        .unwrap();
    assert!(!page.contains("Amira's own words"));
    let history = app
        .get("/my/about-me/wellness/history", Some(&george))
        .await
        .text()
        .await
        .unwrap();
    assert!(!history.contains("Amira's own words"));
    // Lin is a resident: her own About Me, not Amira's. Staff have no personal area.
    let lin = app.sign_in_as("Lin Walsh", None).await;
    let page = app
        .get("/my/about-me", Some(&lin))
        .await
        .text()
        .await
        .unwrap();
    assert!(!page.contains("Amira's own words"));
    for name in ["Sam Okafor", "Ruth Adeyemi"] {
        let cookie = app.sign_in_as(name, None).await;
        assert_eq!(
            app.get("/my/about-me", Some(&cookie)).await.status(),
            403,
            "{name}"
        );
    }
    assert_eq!(app.get("/my/about-me", None).await.status(), 302);
    assert_eq!(
        app.get("/my/about-me/no-such-section", Some(&george))
            .await
            .status(),
        404
    );
}

#[tokio::test]
async fn the_about_me_page_says_who_in_the_team_read_each_section() {
    use app::domain::role::Role;
    use app::domain::sharing::Scope;
    use app::server::store::{NewAcknowledgement, PartKind};
    let app = spawn_app(sqlite(), true).await;
    let store = app.store.as_ref();
    let cookie = app.sign_in_as("Amira Khan", None).await;
    let amira = resident(&app, "Amira Khan").await;
    let [read, unread] = [Section::ALL[0], Section::ALL[1]];
    for section in [read, unread] {
        about_me::save(store, &amira, section, &edit("In my own words", 0))
            .await
            .unwrap();
    }
    let priya = app::server::store::Accessor {
        role: Role::TeamLead,
        team: Some("Chorlton and Whalley Range".into()),
        ..crate::support::resident_accessor(store, "Priya Shah").await
    };
    let neighbourhood = store
        .neighbourhoods()
        .await
        .unwrap()
        .into_iter()
        .find(|n| n.code == "chorlton-whalley-range")
        .unwrap()
        .id;
    store
        .acknowledge(&NewAcknowledgement {
            resident: PersonId(app.demo_person_id("Amira Khan").await),
            neighbourhood,
            by: &priya,
            kind: PartKind::AboutMe,
            key: read.code(),
            version: 1,
            scope: &Scope::AboutMe(read).code(),
        })
        .await
        .unwrap();
    let page = app
        .get("/my/about-me", Some(&cookie))
        .await
        .text()
        .await
        .unwrap();
    assert_eq!(page.matches("Read by Priya Shah").count(), 1, "{page}");
    let (first, second) = (
        page.find(read.title()).unwrap(),
        page.find(unread.title()).unwrap(),
    );
    let said = page.find("Read by Priya Shah").unwrap();
    assert!(
        first < said && said < second,
        "under its own section: {page}"
    );
}

/// The demo's About Me (`make demo`) shows what a supported section looks like: Amira's
/// daughter helped her write her wellness section, and only that one.
#[tokio::test]
async fn the_demo_record_shows_who_supported_one_section() {
    let app = spawn_app(sqlite(), true).await;
    hive_server::seed::seed_demo_record(app.store.as_ref())
        .await
        .unwrap();
    let cookie = app.sign_in_as("Amira Khan", None).await;
    let page = app.get("/my/about-me", Some(&cookie)).await;
    assert_eq!(page.status(), 200);
    let page = page.text().await.unwrap();
    assert_eq!(
        page.matches("Supported to write this by Nadia Khan (daughter)")
            .count(),
        1,
        "{page}"
    );
}
