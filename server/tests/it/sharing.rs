//! Sharing and the access log: store stories on every backend, and the pages.

use crate::support::{each_backend, open_store, resident_accessor, spawn_app, sqlite};
use app::domain::ids::PersonId;
use app::domain::role::Role;
use app::server::store::{AccessQuery, Accessor};
use hive_server::db::DatabaseUrl;
use hive_server::seed::seed_demo;

fn scopes(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

#[tokio::test]
async fn sharing_is_set_exactly_and_every_change_is_kept_in_the_history_and_the_log() {
    for db in each_backend().await {
        let store = open_store(&db).await;
        seed_demo(store.as_ref()).await.unwrap();
        let hannah = resident_accessor(store.as_ref(), "Hannah Price").await;
        let id = hannah.id;
        assert!(store.shares(id).await.unwrap().is_empty(), "{}", db.name);

        let changed = store
            .set_shares(id, &hannah, &scopes(&["needs", "goals"]))
            .await
            .unwrap();
        assert_eq!(changed, 2, "{}", db.name);
        // The same again changes nothing and records nothing.
        let again = store
            .set_shares(id, &hannah, &scopes(&["goals", "needs"]))
            .await
            .unwrap();
        assert_eq!(again, 0, "{}", db.name);
        // Stop one, start another.
        let changed = store
            .set_shares(id, &hannah, &scopes(&["goals", "about-me:wellness"]))
            .await
            .unwrap();
        assert_eq!(changed, 2, "{}", db.name);

        let now: Vec<String> = store
            .shares(id)
            .await
            .unwrap()
            .into_iter()
            .map(|s| s.scope)
            .collect();
        assert_eq!(now, ["about-me:wellness", "goals"], "{}", db.name);

        let history = store.consent_history(id).await.unwrap();
        let story: Vec<(String, bool)> = history
            .iter()
            .map(|e| (e.scope.clone(), e.shared))
            .collect();
        assert_eq!(history.len(), 4, "{}", db.name);
        // Newest first: the last change's two events, then the first change's.
        assert!(story[..2].contains(&("needs".into(), false)), "{}", db.name);
        assert!(
            story[..2].contains(&("about-me:wellness".into(), true)),
            "{}",
            db.name
        );
        assert!(story[2..].contains(&("needs".into(), true)), "{}", db.name);
        assert!(
            history
                .iter()
                .all(|e| e.actor == id && e.actor_name == "Hannah Price")
        );

        let log = store
            .access_log(
                id,
                &AccessQuery {
                    limit: 10,
                    ..AccessQuery::default()
                },
            )
            .await
            .unwrap();
        let actions: Vec<&str> = log.iter().map(|e| e.action.as_str()).collect();
        assert_eq!(log.len(), 4, "{}", db.name);
        assert_eq!(
            actions.iter().filter(|a| **a == "share").count(),
            3,
            "{}",
            db.name
        );
        assert_eq!(
            actions.iter().filter(|a| **a == "stop-sharing").count(),
            1,
            "{}",
            db.name
        );
        assert!(
            log.windows(2).all(|w| w[0].id > w[1].id),
            "newest first: {}",
            db.name
        );
        // Another resident's sharing is their own.
        let idris = resident_accessor(store.as_ref(), "Idris Hughes").await;
        assert!(
            store.shares(idris.id).await.unwrap().is_empty(),
            "{}",
            db.name
        );
        assert!(
            store.consent_history(idris.id).await.unwrap().is_empty(),
            "{}",
            db.name
        );
    }
}

#[tokio::test]
async fn the_access_log_pages_by_id_and_filters_by_person_and_part() {
    for db in each_backend().await {
        let store = open_store(&db).await;
        seed_demo(store.as_ref()).await.unwrap();
        let hannah = resident_accessor(store.as_ref(), "Hannah Price").await;
        let nurse = Accessor {
            id: PersonId(hannah.id.0 + 1000),
            ..hannah.clone()
        };
        // A nurse who is not in the people table cannot be logged (the log names real people).
        assert!(
            store
                .log_access(hannah.id, &nurse, &["needs"], "read")
                .await
                .is_err(),
            "{}",
            db.name
        );
        let sam = store
            .demo_people()
            .await
            .unwrap()
            .into_iter()
            .find(|p| p.name == "Sam Okafor")
            .unwrap();
        let sam = Accessor {
            id: sam.id,
            name: sam.name,
            role: Role::Practitioner,
            team: Some("North Team".into()),
            acting_for: None,
        };
        for i in 0..7 {
            let scope = if i % 2 == 0 { "needs" } else { "goals" };
            store
                .log_access(hannah.id, &sam, &[scope], "read")
                .await
                .unwrap();
        }
        store
            .log_access(hannah.id, &hannah, &["needs"], "share")
            .await
            .unwrap();

        let page = |before, limit| AccessQuery {
            before,
            limit,
            ..AccessQuery::default()
        };
        let first = store.access_log(hannah.id, &page(None, 3)).await.unwrap();
        assert_eq!(first.len(), 3, "{}", db.name);
        let second = store
            .access_log(hannah.id, &page(Some(first[2].id), 3))
            .await
            .unwrap();
        assert_eq!(second.len(), 3, "{}", db.name);
        assert!(second[0].id < first[2].id, "{}", db.name);
        let rest = store
            .access_log(hannah.id, &page(Some(second[2].id), 3))
            .await
            .unwrap();
        assert_eq!(rest.len(), 2, "8 entries in all: {}", db.name);

        let only_sam = AccessQuery {
            limit: 50,
            actor: Some(sam.id),
            ..AccessQuery::default()
        };
        let by_sam = store.access_log(hannah.id, &only_sam).await.unwrap();
        assert_eq!(by_sam.len(), 7, "{}", db.name);
        assert_eq!(
            by_sam[0].actor_team.as_deref(),
            Some("North Team"),
            "{}",
            db.name
        );
        assert_eq!(by_sam[0].actor_role, "practitioner", "{}", db.name);
        let needs = AccessQuery {
            limit: 50,
            scope: Some("needs".into()),
            ..AccessQuery::default()
        };
        assert_eq!(
            store.access_log(hannah.id, &needs).await.unwrap().len(),
            5,
            "{}",
            db.name
        );
        let people = store.access_log_people(hannah.id).await.unwrap();
        let names: Vec<&str> = people.iter().map(|(_, n)| n.as_str()).collect();
        assert_eq!(names, ["Hannah Price", "Sam Okafor"], "{}", db.name);
    }
}

/// The consent history and the access log are append-only in the database itself: an update
/// or delete made straight on the tables (bypassing Hive) is refused.
#[tokio::test]
async fn both_histories_refuse_updates_and_deletes() {
    for db in each_backend().await {
        let store = open_store(&db).await;
        seed_demo(store.as_ref()).await.unwrap();
        let hannah = resident_accessor(store.as_ref(), "Hannah Price").await;
        store
            .set_shares(hannah.id, &hannah, &scopes(&["needs"]))
            .await
            .unwrap();
        let statements = [
            "UPDATE access_log SET action = 'read'",
            "DELETE FROM access_log",
            "UPDATE consent_events SET shared = FALSE",
            "DELETE FROM consent_events",
        ];
        match &db.url {
            DatabaseUrl::Sqlite(path) => {
                let pool = sqlx::SqlitePool::connect(&format!("sqlite://{}", path.display()))
                    .await
                    .unwrap();
                for sql in statements {
                    let refused = sqlx::query(sql).execute(&pool).await.unwrap_err();
                    assert!(
                        refused.to_string().contains("append-only"),
                        "{sql}: {refused}"
                    );
                }
            }
            DatabaseUrl::Postgres(url) => {
                let pool = sqlx::PgPool::connect(url).await.unwrap();
                for sql in statements.iter().chain(&["TRUNCATE access_log"]) {
                    let refused = sqlx::query(sql).execute(&pool).await.unwrap_err();
                    assert!(
                        refused.to_string().contains("append-only"),
                        "{sql}: {refused}"
                    );
                }
            }
        }
        assert_eq!(
            store.consent_history(hannah.id).await.unwrap().len(),
            1,
            "{}",
            db.name
        );
        let all = AccessQuery {
            limit: 10,
            ..AccessQuery::default()
        };
        assert_eq!(
            store.access_log(hannah.id, &all).await.unwrap().len(),
            1,
            "{}",
            db.name
        );
    }
}

#[tokio::test]
async fn a_resident_shares_without_javascript_and_sees_the_change_in_their_history_and_activity() {
    let app = spawn_app(sqlite(), true).await;
    let cookie = app.sign_in_as("Hannah Price", None).await;
    let page = app.get("/my/sharing", Some(&cookie)).await;
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    assert!(html.contains("You have not shared anything yet."), "{html}");

    let saved = app
        .post_page_form(
            "/my/sharing",
            "/api/save-sharing",
            &[("scopes[]", "needs"), ("scopes[]", "about-me:wellness")],
            &cookie,
        )
        .await;
    assert_eq!(saved.headers()["location"], "/my/sharing");
    let html = app
        .get("/my/sharing", Some(&cookie))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        html.contains("Your sharing was changed (2 parts)"),
        "{html}"
    );
    assert!(html.contains("value=\"needs\" checked"), "{html}");
    assert!(!html.contains("value=\"goals\" checked"), "{html}");
    assert!(html.contains("About me: My wellness"), "{html}");

    // Unticking everything stops sharing everything.
    app.post_page_form("/my/sharing", "/api/save-sharing", &[], &cookie)
        .await;
    let html = app
        .get("/my/sharing", Some(&cookie))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        html.contains("Your sharing was changed (2 parts)"),
        "{html}"
    );
    assert!(!html.contains("checked"), "{html}");
    assert_eq!(html.matches("Stopped sharing").count(), 2, "{html}");
    // Her own changes are hers: "You", not her name.
    assert_eq!(html.matches(">You</td>").count(), 4, "{html}");

    // Her own reading of her record is not in her access log: only others' is.
    let own = app.get("/my/needs", Some(&cookie)).await;
    assert_eq!(own.status(), 200);
    let activity = app
        .get("/my/activity", Some(&cookie))
        .await
        .text()
        .await
        .unwrap();
    assert_eq!(
        activity.matches("Shared with your team").count(),
        2,
        "{activity}"
    );
    assert_eq!(activity.matches("Stopped sharing").count(), 2, "{activity}");
    let only_needs = app
        .get("/my/activity?scope=needs", Some(&cookie))
        .await
        .text()
        .await
        .unwrap();
    assert_eq!(
        only_needs
            .matches("<tr class=\"nhsuk-table__row\">")
            .count(),
        3,
        "a header row and two entries"
    );
}

#[tokio::test]
async fn sharing_refuses_unknown_parts_and_people_who_are_not_residents() {
    let app = spawn_app(sqlite(), true).await;
    let cookie = app.sign_in_as("Hannah Price", None).await;
    let bad = app
        .client
        .post(app.url("/api/save-sharing"))
        .header("content-type", "application/x-www-form-urlencoded")
        .header("cookie", &cookie)
        .body("scopes%5B%5D=everything")
        .send()
        .await
        .unwrap();
    assert_eq!(bad.status(), 422);
    assert!(
        bad.text()
            .await
            .unwrap()
            .contains("Choose from the parts listed")
    );
    let unknown_part = app.get("/my/activity?scope=secrets", Some(&cookie)).await;
    assert_eq!(unknown_part.status(), 404);

    let nurse = app.sign_in_as("Sam Okafor", None).await;
    assert_eq!(app.get("/my/sharing", Some(&nurse)).await.status(), 403);
    assert_eq!(app.get("/my/activity", Some(&nurse)).await.status(), 403);
    let refused = app
        .client
        .post(app.url("/api/save-sharing"))
        .header("content-type", "application/x-www-form-urlencoded")
        .header("cookie", &nurse)
        .body("scopes%5B%5D=needs")
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 403);
}

#[tokio::test]
async fn postcode_districts_name_their_wards_and_a_move_changes_the_neighbourhood_and_is_logged() {
    for db in each_backend().await {
        let store = open_store(&db).await;
        seed_demo(store.as_ref()).await.unwrap();
        assert_eq!(
            store.wards_in_district("M8").await.unwrap(),
            ["ward-cheetham", "ward-crumpsall"],
            "{}",
            db.name
        );
        assert!(
            store.wards_in_district("ZZ9").await.unwrap().is_empty(),
            "{}",
            db.name
        );

        let hannah = resident_accessor(store.as_ref(), "Hannah Price").await;
        let chorlton = store.ward_id("ward-chorlton").await.unwrap();
        store.move_home(hannah.id, chorlton, &hannah).await.unwrap();
        let now = store.person(hannah.id).await.unwrap();
        assert_eq!(
            now.home_ward.as_deref(),
            Some("ward-chorlton"),
            "{}",
            db.name
        );
        assert_eq!(
            now.home_neighbourhood.as_deref(),
            Some("Chorlton and Whalley Range"),
            "{}",
            db.name
        );
        let all = AccessQuery {
            limit: 10,
            ..AccessQuery::default()
        };
        let log = store.access_log(hannah.id, &all).await.unwrap();
        assert_eq!(log.len(), 1, "{}", db.name);
        assert_eq!(log[0].action, "move", "{}", db.name);

        // Only a resident has a home ward to move.
        let sam = store
            .demo_people()
            .await
            .unwrap()
            .into_iter()
            .find(|p| p.name == "Sam Okafor")
            .unwrap();
        let moved = store.move_home(sam.id, chorlton, &hannah).await;
        assert!(
            matches!(moved, Err(app::server::StoreError::NotFound)),
            "{}",
            db.name
        );
    }
}

#[tokio::test]
async fn a_resident_finds_their_ward_from_a_postcode_and_moves_without_javascript() {
    let app = spawn_app(sqlite(), true).await;
    let cookie = app.sign_in_as("Hannah Price", None).await;
    let page = app
        .get("/my/where-i-live?postcode=m8%205de", Some(&cookie))
        .await;
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    assert!(html.contains("Wards in M8: Cheetham, Crumpsall."), "{html}");
    // The postcode itself is not kept or shown back: only its district.
    assert!(html.contains("value=\"M8\""), "{html}");
    assert!(!html.contains("m8 5de"), "{html}");
    let bad = app
        .get("/my/where-i-live?postcode=hello", Some(&cookie))
        .await;
    assert!(
        bad.text()
            .await
            .unwrap()
            .contains("Enter a postcode, like M8 5DE")
    );

    let moved = app
        .post_page_form(
            "/my/where-i-live",
            "/api/save-where-i-live",
            &[("ward", "ward-chorlton")],
            &cookie,
        )
        .await;
    assert_eq!(moved.headers()["location"], "/my/where-i-live");
    let html = app
        .get("/my/where-i-live", Some(&cookie))
        .await
        .text()
        .await
        .unwrap();
    assert!(html.contains("Where you live was saved"), "{html}");
    assert!(
        html.contains("You live in the Chorlton and Whalley Range neighbourhood."),
        "{html}"
    );
    let activity = app
        .get("/my/activity", Some(&cookie))
        .await
        .text()
        .await
        .unwrap();
    assert!(activity.contains("Changed where you live"), "{activity}");

    let nowhere = app
        .client
        .post(app.url("/api/save-where-i-live"))
        .header("content-type", "application/x-www-form-urlencoded")
        .header("cookie", &cookie)
        .body("ward=ward-atlantis")
        .send()
        .await
        .unwrap();
    assert_eq!(nowhere.status(), 422);
    assert!(
        nowhere
            .text()
            .await
            .unwrap()
            .contains("Choose the ward you live in")
    );
}

/// The access log's pages: 25 entries a page, an "Older entries" link exactly when there are
/// more, and the older page has the rest.
#[tokio::test]
async fn the_access_log_pages_by_twenty_five_with_a_link_only_when_there_are_more() {
    let app = spawn_app(sqlite(), true).await;
    let cookie = app.sign_in_as("Maggie Byrne", None).await;
    let maggie = PersonId(app.demo_person_id("Maggie Byrne").await);
    let priya = app.demo_person_id("Priya Shah").await;
    let by = Accessor {
        id: PersonId(priya),
        name: "Priya Shah".into(),
        role: Role::TeamLead,
        team: Some("The test team".into()),
        acting_for: None,
    };
    let read = || async {
        app.store
            .log_access(maggie, &by, &["needs"], "read")
            .await
            .unwrap();
    };
    let entries = |html: &str| html.matches("Team lead, The test team").count();
    let older = |html: &str| {
        let start = html.find("href=\"/my/activity?before=")? + "href=\"".len();
        let end = html[start..].find('"')? + start;
        Some(html[start..end].replace("&amp;", "&"))
    };
    for _ in 0..25 {
        read().await;
    }
    let page = |path: String| {
        let app = &app;
        let cookie = &cookie;
        async move { app.get(&path, Some(cookie)).await.text().await.unwrap() }
    };
    let html = page("/my/activity".into()).await;
    assert_eq!(entries(&html), 25, "{html}");
    assert_eq!(older(&html), None, "exactly a page: no older entries");
    read().await;
    let html = page("/my/activity".into()).await;
    assert_eq!(entries(&html), 25, "{html}");
    let link = older(&html).expect("a link to older entries");
    let rest = page(link).await;
    assert_eq!(entries(&rest), 1, "{rest}");
    assert_eq!(older(&rest), None, "{rest}");
}

/// The sharing form sent twice at once (a double click without JavaScript): one save makes
/// the change, the other finds it made; neither fails (PostgreSQL refused the second insert of
/// the same share with a 500 before saves for one resident took turns).
#[tokio::test]
async fn the_same_sharing_saved_twice_at_once_is_one_change_on_every_backend() {
    for db in each_backend().await {
        let store = open_store(&db).await;
        seed_demo(store.as_ref()).await.unwrap();
        let hannah = resident_accessor(store.as_ref(), "Hannah Price").await;
        for round in 0..5 {
            let wanted = if round % 2 == 0 {
                scopes(&["needs", "goals"])
            } else {
                scopes(&[])
            };
            let (a, b) = tokio::join!(
                store.set_shares(hannah.id, &hannah, &wanted),
                store.set_shares(hannah.id, &hannah, &wanted)
            );
            let (a, b) = (a.unwrap(), b.unwrap());
            assert_eq!(a + b, 2, "{} round {round}: two changes in all", db.name);
            assert_eq!(
                store.shares(hannah.id).await.unwrap().len(),
                wanted.len(),
                "{}",
                db.name
            );
        }
        assert_eq!(
            store.consent_history(hannah.id).await.unwrap().len(),
            10,
            "{}: each change once",
            db.name
        );
    }
}

/// A ward chosen from the full list while the page showed a postcode's wards, and refused
/// (here: too many writes), comes back selected in the full list: the person's choice is not
/// lost to "Choose your ward".
#[tokio::test]
async fn a_refused_ward_from_the_full_list_comes_back_selected_beside_a_postcodes_wards() {
    let app = spawn_app(sqlite(), true).await;
    let cookie = app.sign_in_as("Hannah Price", None).await;
    // Until refused: the allowance refills as time passes.
    let mut refused = false;
    for _ in 0..200 {
        let response = app
            .post_form("/api/save-needs", &[("base", "999")], Some(&cookie))
            .await;
        if response.status() == 429 {
            refused = true;
            break;
        }
    }
    assert!(refused);
    let page = "/my/where-i-live?postcode=m8%205de";
    let refused = app
        .post_page_form(
            page,
            "/api/save-where-i-live",
            &[("ward", "ward-chorlton")],
            &cookie,
        )
        .await;
    assert_eq!(refused.status(), 302);
    let html = app.get(page, Some(&cookie)).await.text().await.unwrap();
    assert!(html.contains("Nothing was saved this time"), "{html}");
    let option = |code: &str| {
        let at = html.find(&format!("<option value=\"{code}\"")).unwrap();
        html[at..].split('>').next().unwrap().to_string()
    };
    assert!(option("ward-chorlton").contains("selected"), "{html}");
    assert!(!option("ward-cheetham").contains("selected"), "{html}");
    assert!(!option("ward-crumpsall").contains("selected"), "{html}");
}
