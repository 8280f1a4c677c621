//! The staff directory as an admin uses it, with JavaScript off: forms post, redirect, and show
//! their problems with what was typed kept. Role checks are the service's, not the URL's.

use crate::support::{TestApp, spawn_app, sqlite};
use app::domain::staff::StaffStatus;

const FORM: &str = "/admin/staff/new";

async fn admin(app: &TestApp) -> String {
    app.sign_in_as("Ruth Adeyemi", None).await
}

fn location(response: &reqwest::Response) -> String {
    response.headers()["location"].to_str().unwrap().to_string()
}

#[tokio::test]
async fn an_admin_adds_someone_and_sees_them_pending_in_the_directory() {
    let app = spawn_app(sqlite(), true).await;
    let cookie = admin(&app).await;
    let team = app
        .store
        .team_id("int-cheetham-crumpsall")
        .await
        .unwrap()
        .0
        .to_string();
    let response = app
        .post_page_form(
            FORM,
            "/api/add-staff",
            &[
                ("name", "Dana Reid"),
                ("email", "Dana.Reid@nhs.net"),
                ("role", "practitioner"),
                ("team", &team),
            ],
            &cookie,
        )
        .await;
    assert_eq!(response.status(), 302);
    assert_eq!(location(&response), "/admin/staff");
    let page = app.get("/admin/staff", Some(&cookie)).await;
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    assert!(
        html.contains("Dana Reid was added to the staff directory"),
        "{html}"
    );
    assert!(html.contains("dana.reid@nhs.net"));
    assert!(html.contains("Not signed in yet"));
    // The confirmation is shown once.
    let again = app
        .get("/admin/staff", Some(&cookie))
        .await
        .text()
        .await
        .unwrap();
    assert!(!again.contains("was added to the staff directory"));
    let entry = app.store.staff_directory().await.unwrap();
    assert!(
        entry
            .iter()
            .any(|e| e.email == "dana.reid@nhs.net" && e.status == StaffStatus::Pending)
    );

    // Searched by part of a name or email and filtered by role, as the address asks.
    let found = |path: &'static str| {
        let app = &app;
        let cookie = cookie.clone();
        async move {
            let page = app.get(path, Some(&cookie)).await;
            assert_eq!(page.status(), 200, "{path}");
            page.text().await.unwrap()
        }
    };
    // (The demo's people sign in without the directory: Dana is its one entry.)
    let html = found("/admin/staff?search=REID").await;
    assert!(html.contains("dana.reid@nhs.net"), "{html}");
    assert!(html.contains("1 of the 1 people"), "{html}");
    assert!(
        html.contains("value=\"REID\""),
        "the search as typed: {html}"
    );
    let html = found("/admin/staff?search=&role=practitioner").await;
    assert!(html.contains("Dana Reid"), "{html}");
    assert!(
        html.contains("<option value=\"practitioner\" selected"),
        "{html}"
    );
    for nobody in [
        "/admin/staff?role=team_lead",
        "/admin/staff?search=nobody-at-all",
        // Not text a person types: no 5xx, nobody found.
        "/admin/staff?search=%00%E2%80%AE",
    ] {
        let html = found(nobody).await;
        assert!(
            html.contains("Nobody in the directory matches"),
            "{nobody}: {html}"
        );
        assert!(!html.contains("Dana Reid"), "{nobody}: {html}");
    }
    // Not a staff role: no filter.
    let html = found("/admin/staff?role=resident").await;
    assert!(html.contains("Dana Reid"), "{html}");
}

#[tokio::test]
async fn problems_are_listed_by_field_and_what_was_typed_is_kept() {
    let app = spawn_app(sqlite(), true).await;
    let cookie = admin(&app).await;
    let typed = "<script>alert(1)</script>@x";
    let response = app
        .post_page_form(
            FORM,
            "/api/add-staff",
            &[
                ("name", ""),
                ("email", typed),
                ("role", "practitioner"),
                ("team", ""),
            ],
            &cookie,
        )
        .await;
    assert_eq!(response.status(), 302);
    let back = location(&response);
    assert!(
        back.starts_with(&app.url(FORM)) || back.starts_with(FORM),
        "{back}"
    );
    let page = app.get(FORM, Some(&cookie)).await;
    let html = page.text().await.unwrap();
    assert!(html.contains("There is a problem"), "{html}");
    assert!(html.contains("href=\"#name\""));
    assert!(
        html.contains("Enter the person&#x27;s full name")
            || html.contains("Enter the person's full name")
    );
    assert!(html.contains("Enter an email address in the correct format"));
    assert!(html.contains("Select the team a practitioner works in"));
    assert!(
        !html.contains("<script>alert(1)</script>"),
        "typed text is shown as text"
    );
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;/script&gt;@x"),
        "typed text is kept"
    );
    assert!(
        app.store
            .staff_directory()
            .await
            .unwrap()
            .iter()
            .all(|e| !e.email.contains("script"))
    );
    // Shown once: a fresh load of the form is empty again.
    let fresh = app.get(FORM, Some(&cookie)).await.text().await.unwrap();
    assert!(!fresh.contains("There is a problem"));
}

/// A team chosen from the list that is gone by the time the form arrives (or a hand-made post):
/// the database's foreign key refuses it, and the admin is told which field, on both backends.
#[tokio::test]
async fn a_team_that_does_not_exist_is_a_field_error_on_every_backend() {
    for db in crate::support::each_backend().await {
        let app = spawn_app(db, true).await;
        let cookie = admin(&app).await;
        let before = app.store.staff_directory().await.unwrap().len();
        let response = app
            .client
            .post(app.url("/api/add-staff"))
            .header("content-type", "application/x-www-form-urlencoded")
            .header("cookie", &cookie)
            .body("name=Dana+Reid&email=dana.reid%40nhs.net&role=practitioner&team=999999")
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 422, "{}", app.db.name);
        let body = response.text().await.unwrap();
        assert!(body.contains("Select a team from the list"), "{body}");
        assert!(body.contains("\"team\""), "{body}");
        assert_eq!(
            app.store.staff_directory().await.unwrap().len(),
            before,
            "{}",
            app.db.name
        );
    }
}

#[tokio::test]
async fn an_email_already_in_the_directory_is_a_field_error() {
    let app = spawn_app(sqlite(), true).await;
    let cookie = admin(&app).await;
    let form = [
        ("name", "A"),
        ("email", "same@nhs.net"),
        ("role", "admin"),
        ("team", ""),
    ];
    app.post_page_form(FORM, "/api/add-staff", &form, &cookie)
        .await;
    let second = app
        .client
        .post(app.url("/api/add-staff"))
        .header("content-type", "application/x-www-form-urlencoded")
        .header("cookie", &cookie)
        .body("name=B&email=SAME%40nhs.net&role=admin&team=")
        .send()
        .await
        .unwrap();
    assert_eq!(second.status(), 422);
    let body = second.text().await.unwrap();
    assert!(body.contains("already has this email address"), "{body}");
    let count = app
        .store
        .staff_directory()
        .await
        .unwrap()
        .iter()
        .filter(|e| e.email == "same@nhs.net")
        .count();
    assert_eq!(count, 1);
}

#[tokio::test]
async fn only_admins_can_see_or_change_the_directory() {
    let app = spawn_app(sqlite(), true).await;
    for name in ["Sam Okafor", "Amira Khan", "Joe Murphy"] {
        let cookie = app.sign_in_as(name, None).await;
        assert_eq!(
            app.get("/admin/staff", Some(&cookie)).await.status(),
            403,
            "{name}"
        );
        let post = app
            .client
            .post(app.url("/api/add-staff"))
            .header("content-type", "application/x-www-form-urlencoded")
            .header("cookie", &cookie)
            .body("name=Mallory&email=m%40nhs.net&role=admin&team=")
            .send()
            .await
            .unwrap();
        assert_eq!(post.status(), 403, "{name}");
    }
    assert_eq!(
        app.get("/admin/staff", None).await.status(),
        302,
        "anonymous: sign in first"
    );
    assert!(app.store.staff_directory().await.unwrap().is_empty());
}

#[tokio::test]
async fn a_cross_site_post_to_a_server_function_is_403_and_changes_nothing() {
    let app = spawn_app(sqlite(), true).await;
    let cookie = admin(&app).await;
    let response = app
        .client
        .post(app.url("/api/add-staff"))
        .header("content-type", "application/x-www-form-urlencoded")
        .header("origin", "https://evil.example")
        .header("sec-fetch-site", "cross-site")
        .header("cookie", &cookie)
        .body("name=Mallory&email=m%40nhs.net&role=admin&team=")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 403);
    assert!(app.store.staff_directory().await.unwrap().is_empty());
}

#[tokio::test]
async fn an_admin_changes_and_removes_an_entry() {
    let app = spawn_app(sqlite(), true).await;
    let cookie = admin(&app).await;
    app.post_page_form(
        FORM,
        "/api/add-staff",
        &[
            ("name", "Joe Bloggs"),
            ("email", "joe@nhs.net"),
            ("role", "engagement_officer"),
            ("team", ""),
        ],
        &cookie,
    )
    .await;
    let joe = app
        .store
        .staff_directory()
        .await
        .unwrap()
        .into_iter()
        .find(|e| e.email == "joe@nhs.net")
        .unwrap();
    let page = format!("/admin/staff/{}", joe.id);
    let id = joe.id.0.to_string();
    let form = app.get(&page, Some(&cookie)).await.text().await.unwrap();
    assert!(form.contains("value=\"joe@nhs.net\""), "{form}");

    let changed = app
        .post_page_form(
            &page,
            "/api/change-staff",
            &[
                ("id", &id),
                ("name", "Joe Bloggs"),
                ("email", "joe@nhs.net"),
                ("role", "admin"),
                ("team", ""),
            ],
            &cookie,
        )
        .await;
    assert_eq!(location(&changed), "/admin/staff");
    assert_eq!(
        app.store.staff_member(joe.id).await.unwrap().role,
        app::domain::role::Role::Admin
    );

    let removed = app
        .post_page_form(&page, "/api/remove-staff", &[("id", &id)], &cookie)
        .await;
    assert_eq!(location(&removed), "/admin/staff");
    assert!(app.store.staff_member(joe.id).await.is_err());
    assert_eq!(app.get(&page, Some(&cookie)).await.status(), 404);
    assert_eq!(
        app.post_page_form(&page, "/api/remove-staff", &[("id", &id)], &cookie)
            .await
            .status(),
        302,
        "a plain form post is sent back to its page"
    );
}

#[tokio::test]
async fn residents_ids_in_the_directory_routes_are_not_found() {
    let app = spawn_app(sqlite(), true).await;
    let cookie = admin(&app).await;
    let amira = app.demo_person_id("Amira Khan").await;
    assert_eq!(
        app.get(&format!("/admin/staff/{amira}"), Some(&cookie))
            .await
            .status(),
        404
    );
    let remove = app
        .client
        .post(app.url("/api/remove-staff"))
        .header("content-type", "application/x-www-form-urlencoded")
        .header("cookie", &cookie)
        .body(format!("id={amira}"))
        .send()
        .await
        .unwrap();
    assert_eq!(remove.status(), 404);
    let still = app
        .store
        .person(app::domain::ids::PersonId(amira))
        .await
        .unwrap();
    assert!(still.active);
}

#[tokio::test]
async fn a_name_is_text_in_the_page_title_and_everywhere_else() {
    let app = spawn_app(sqlite(), true).await;
    let cookie = admin(&app).await;
    let name = "</title><script>alert(1)</script>";
    let added = app
        .post_page_form(
            FORM,
            "/api/add-staff",
            &[
                ("name", name),
                ("email", "x@nhs.net"),
                ("role", "admin"),
                ("team", ""),
            ],
            &cookie,
        )
        .await;
    assert_eq!(added.headers()["location"], "/admin/staff");
    let id = app.store.staff_directory().await.unwrap()[0].id;
    for path in ["/admin/staff".to_string(), format!("/admin/staff/{id}")] {
        let html = app.get(&path, Some(&cookie)).await.text().await.unwrap();
        assert!(!html.contains("<script>alert(1)"), "{path}: {html}");
        assert!(html.contains("&lt;/title&gt;&lt;script&gt;"), "{path}");
    }
}

/// The bootstrap administrator is added while the directory has no administrator; once
/// another administrator has removed them, a restart does not bring them back.
#[tokio::test]
async fn a_removed_bootstrap_administrator_stays_removed_after_a_restart() {
    use crate::support::{Options, start_server};
    let db = sqlite();
    let options = || Options {
        bootstrap_admin_email: Some("first.admin@nhs.example".into()),
        ..Options::default()
    };
    let (_, store) = start_server(db.url.clone(), options()).await;
    let admins = |directory: Vec<app::domain::staff::StaffEntry>| -> Vec<String> {
        directory
            .into_iter()
            .filter(|e| e.role == app::domain::role::Role::Admin)
            .map(|e| e.email)
            .collect()
    };
    assert_eq!(
        admins(store.staff_directory().await.unwrap()),
        vec!["first.admin@nhs.example"]
    );
    // A second administrator removes the first.
    hive_server::admin::add_admin(store.as_ref(), "second.admin@nhs.example", "Second")
        .await
        .unwrap();
    let id_of = |entries: Vec<app::domain::staff::StaffEntry>, email: &str| {
        entries.into_iter().find(|e| e.email == email).unwrap().id
    };
    let directory = store.staff_directory().await.unwrap();
    let first = id_of(directory.clone(), "first.admin@nhs.example");
    let second = id_of(directory, "second.admin@nhs.example");
    store.remove_staff(first, second).await.unwrap();
    // The first, removed, cannot remove the second (as when both press at once).
    assert!(matches!(
        store.remove_staff(second, first).await,
        Err(app::server::StoreError::Conflict(_))
    ));
    let (_, store) = start_server(db.url.clone(), options()).await;
    assert_eq!(
        admins(store.staff_directory().await.unwrap()),
        vec!["second.admin@nhs.example"],
        "not re-added"
    );
    // With no administrator left at all, the bootstrap one is the way back in.
    store.remove_staff(second, second).await.unwrap();
    let (_, store) = start_server(db.url.clone(), options()).await;
    assert_eq!(
        admins(store.staff_directory().await.unwrap()),
        vec!["first.admin@nhs.example"]
    );
}

/// An administrator corrects a mistyped address while someone signs in with the old one
/// (PostgreSQL, whose waiting UPDATE re-checks its conditions on the corrected row): the old
/// address does not claim the entry, so its owner does not become this member of staff.
#[tokio::test]
async fn a_sign_in_with_an_address_corrected_meanwhile_does_not_claim_the_entry_on_postgres() {
    use app::domain::person::DisplayName;
    use app::domain::role::Role;
    use app::domain::staff::{Email, NewStaff};
    use app::server::store::VerifiedIdentity;
    let Some(db) = crate::support::postgres().await else {
        return;
    };
    let hive_server::db::DatabaseUrl::Postgres(url) = &db.url else {
        unreachable!()
    };
    let store = crate::support::open_store(&db).await;
    hive_server::seed::seed_demo(store.as_ref()).await.unwrap();
    let team = store
        .neighbourhoods()
        .await
        .unwrap()
        .into_iter()
        .find_map(|n| n.team.map(|t| t.id))
        .unwrap();
    let old = Email::parse("k.nurse@nhs.example").unwrap();
    let id = store
        .add_staff(&NewStaff {
            name: DisplayName::parse("Kay Nurse").unwrap(),
            email: old.clone(),
            role: Role::Practitioner,
            team: Some(team),
        })
        .await
        .unwrap();
    let pool = sqlx::PgPool::connect(url).await.unwrap();
    let mut correcting = pool.begin().await.unwrap();
    sqlx::query("UPDATE people SET email = 'kay.nurse@nhs.example' WHERE id = $1")
        .bind(id.0)
        .execute(&mut *correcting)
        .await
        .unwrap();
    let claiming = tokio::spawn({
        let store = store.clone();
        async move {
            store
                .claim_staff(
                    &old,
                    &VerifiedIdentity {
                        issuer: "https://idp.example".into(),
                        subject: "someone-else".into(),
                        level: None,
                    },
                )
                .await
        }
    });
    assert!(
        crate::support::until_blocked(&pool, &claiming).await,
        "the claim waits for the correction"
    );
    correcting.commit().await.unwrap();
    let claimed = claiming.await.unwrap().unwrap();
    assert_eq!(claimed, None, "the old address claims nothing");
    let entry = store
        .staff_directory()
        .await
        .unwrap()
        .into_iter()
        .find(|s| s.id == id)
        .unwrap();
    assert_eq!(entry.email.as_str(), "kay.nurse@nhs.example");
    assert!(
        matches!(entry.status, app::domain::staff::StaffStatus::Pending),
        "still waiting for its owner"
    );
}

/// Two administrators removing (or one demoting) each other at the same moment on PostgreSQL:
/// the change that waits finds its administrator removed meanwhile and changes nothing, so one
/// administrator stays. Without the lock on both rows, each read the other as still active and
/// both went.
#[tokio::test]
async fn two_administrators_removing_or_demoting_each_other_leave_one_on_postgres() {
    use app::domain::person::DisplayName;
    use app::domain::role::Role;
    use app::domain::staff::{Email, NewStaff};
    let Some(db) = crate::support::postgres().await else {
        return;
    };
    let hive_server::db::DatabaseUrl::Postgres(url) = &db.url else {
        unreachable!()
    };
    let store = crate::support::open_store(&db).await;
    hive_server::seed::seed_demo(store.as_ref()).await.unwrap();
    let add = |name: &'static str, email: &'static str| {
        let store = store.clone();
        async move {
            store
                .add_staff(&NewStaff {
                    name: DisplayName::parse(name).unwrap(),
                    email: Email::parse(email).unwrap(),
                    role: Role::Admin,
                    team: None,
                })
                .await
                .unwrap()
        }
    };
    let (ann, bo) = (
        add("Ann Admin", "ann.admin@nhs.example").await,
        add("Bo Admin", "bo.admin@nhs.example").await,
    );
    // Ann's removal of Bo is under way (its change made, not yet committed) when Bo's removal
    // of Ann starts.
    let pool = sqlx::PgPool::connect(url).await.unwrap();
    let mut anns = pool.begin().await.unwrap();
    sqlx::query("UPDATE people SET active = FALSE WHERE id = $1")
        .bind(bo.0)
        .execute(&mut *anns)
        .await
        .unwrap();
    let bos = tokio::spawn({
        let store = store.clone();
        async move { store.remove_staff(ann, bo).await }
    });
    assert!(
        crate::support::until_blocked(&pool, &bos).await,
        "Bo's removal waits for Ann's"
    );
    anns.commit().await.unwrap();
    assert!(matches!(
        bos.await.unwrap(),
        Err(app::server::StoreError::Conflict(_))
    ));
    let active = store
        .staff_directory()
        .await
        .unwrap()
        .into_iter()
        .filter(|e| e.role == Role::Admin)
        .map(|e| e.id)
        .collect::<Vec<_>>();
    assert!(active.contains(&ann) && !active.contains(&bo), "{active:?}");

    // The same for a change of role: Cy removes Ann while Ann makes Cy a practitioner.
    let cy = add("Cy Admin", "cy.admin@nhs.example").await;
    let mut cys = pool.begin().await.unwrap();
    sqlx::query("UPDATE people SET active = FALSE WHERE id = $1")
        .bind(ann.0)
        .execute(&mut *cys)
        .await
        .unwrap();
    let demoting = tokio::spawn({
        let store = store.clone();
        async move {
            store
                .change_staff(
                    cy,
                    &NewStaff {
                        name: DisplayName::parse("Cy Admin").unwrap(),
                        email: Email::parse("cy.admin@nhs.example").unwrap(),
                        role: Role::Practitioner,
                        team: None,
                    },
                    ann,
                )
                .await
        }
    });
    assert!(
        crate::support::until_blocked(&pool, &demoting).await,
        "Ann's change waits for Cy's removal of her"
    );
    cys.commit().await.unwrap();
    assert!(matches!(
        demoting.await.unwrap(),
        Err(app::server::StoreError::Conflict(_))
    ));
    let cy_now = store.staff_member(cy).await.unwrap();
    assert_eq!(cy_now.role, Role::Admin, "still an administrator");
}

/// A city's directory (hundreds of people) is read a page at a time, with numbered page links
/// that keep the search, and filtered by team.
#[tokio::test]
async fn the_directory_is_paged_and_filtered_by_team() {
    use app::domain::person::DisplayName;
    use app::domain::role::Role;
    use app::domain::staff::{Email, NewStaff};
    let app = spawn_app(sqlite(), true).await;
    let cookie = admin(&app).await;
    let cheetham = app.store.team_id("int-cheetham-crumpsall").await.unwrap();
    let chorlton = app
        .store
        .team_id("int-chorlton-whalley-range")
        .await
        .unwrap();
    for n in 1..=60 {
        let team = if n % 3 == 0 { chorlton } else { cheetham };
        app.store
            .add_staff(&NewStaff {
                name: DisplayName::parse(&format!("Nurse {n:03}")).unwrap(),
                email: Email::parse(&format!("nurse{n:03}@nhs.example")).unwrap(),
                role: Role::Practitioner,
                team: Some(team),
            })
            .await
            .unwrap();
    }
    let page = |path: String| {
        let app = &app;
        let cookie = cookie.clone();
        async move {
            let page = app.get(&path, Some(&cookie)).await;
            assert_eq!(page.status(), 200, "{path}");
            page.text().await.unwrap()
        }
    };
    let first = page("/admin/staff?search=nurse".into()).await;
    assert!(
        first.contains("60 of the 60 people in the directory, 1 to 50 shown"),
        "{first}"
    );
    assert_eq!(first.matches("nhs.example</td>").count(), 50);
    assert!(first.contains("Nurse 050") && !first.contains("Nurse 051"));
    // The "Next" link (whatever order its attributes are written in) keeps the search.
    let next = first
        .find("class=\"nhsuk-pagination__next\"")
        .map(|at| &first[first[..at].rfind("<a ").unwrap()..at])
        .expect("a next link");
    assert!(
        next.contains("href=\"/admin/staff?search=nurse&amp;page=2\""),
        "{next}"
    );
    assert!(first.contains("aria-current=\"page\""), "{first}");
    let second = page("/admin/staff?search=nurse&page=2".into()).await;
    assert!(second.contains("51 to 60 shown"), "{second}");
    assert!(
        second.contains("<title>Staff directory (page 2 of 2) – Hive</title>"),
        "{second}"
    );
    assert!(second.contains("Nurse 051") && second.contains("Nurse 060"));
    assert!(!second.contains("Nurse 050"));
    assert!(second.contains("class=\"nhsuk-pagination__previous\""));
    assert!(!second.contains("nhsuk-pagination__next"));
    // Past the last page is the last; not a page number is the first.
    let past = page("/admin/staff?search=nurse&page=9".into()).await;
    assert!(past.contains("51 to 60 shown"), "{past}");
    let odd = page("/admin/staff?search=nurse&page=%00x".into()).await;
    assert!(odd.contains("1 to 50 shown"), "{odd}");

    // Chorlton's team: every third nurse, on one page with no page links.
    let team = chorlton.0.to_string();
    let html = page(format!("/admin/staff?team={team}")).await;
    assert!(html.contains("20 of the 60 people"), "{html}");
    assert!(html.contains("Nurse 003") && !html.contains("Nurse 001"));
    assert!(!html.contains("nhsuk-pagination"), "{html}");
    assert!(
        html.contains(&format!("<option value=\"{team}\" selected")),
        "{html}"
    );
    // A team nobody in the directory is in is no filter.
    let html = page("/admin/staff?team=999999".into()).await;
    assert!(
        html.contains(">60 people in the directory, 1 to 50 shown"),
        "{html}"
    );
    assert!(
        html.contains("<option value=\"\" selected>Any team"),
        "{html}"
    );

    // A change or a removal leads back to the directory as it was shown: the search and the
    // page travel in the entry's "Change" link and in its forms.
    let nurse = app
        .store
        .staff_directory()
        .await
        .unwrap()
        .into_iter()
        .find(|e| e.name == "Nurse 051")
        .unwrap();
    let id = nurse.id.0.to_string();
    let second = page("/admin/staff?search=nurse&page=2".into()).await;
    assert!(
        second.contains(&format!(
            "href=\"/admin/staff/{id}?search=nurse&amp;page=2\""
        )),
        "{second}"
    );
    let entry = format!("/admin/staff/{id}?search=nurse&page=2");
    let form = page(entry.clone()).await;
    assert_eq!(
        form.matches("name=\"back\" value=\"search=nurse&amp;page=2\"")
            .count(),
        2,
        "{form}"
    );
    assert!(
        form.contains("href=\"/admin/staff?search=nurse&amp;page=2\">Back to the staff directory"),
        "{form}"
    );
    let changed = app
        .post_page_form(
            &entry,
            "/api/change-staff",
            &[
                ("id", &id),
                ("back", "search=nurse&page=2"),
                ("name", "Nurse 051"),
                ("email", "nurse051@nhs.example"),
                ("role", "team_lead"),
                ("team", &team),
            ],
            &cookie,
        )
        .await;
    assert_eq!(location(&changed), "/admin/staff?search=nurse&page=2");
    // Only what the page would send: not another path, not a role that is not staff.
    let removed = app
        .post_page_form(
            &entry,
            "/api/remove-staff",
            &[
                ("id", &id),
                (
                    "back",
                    "search=nurse&next=%2F%2Fevil.example&role=resident&page=2",
                ),
            ],
            &cookie,
        )
        .await;
    assert_eq!(location(&removed), "/admin/staff?search=nurse&page=2");
}

/// The demo's directory is seeded once: an older demo database (the three colleagues only)
/// gets the teams' 60, seeding again adds nobody, and those an administrator removed are not
/// added back at the next start (while one of the group is left).
#[tokio::test]
async fn the_demo_directory_is_seeded_once_and_removals_stay_removed() {
    use app::domain::person::DisplayName;
    use app::domain::role::Role;
    use app::domain::staff::{Email, NewStaff};
    let app = spawn_app(sqlite(), true).await;
    let store = app.store.as_ref();
    // What an older demo database holds: the first three.
    for (name, email) in [
        ("Kelly Byrne", "kelly.byrne@nhs.example"),
        ("Tom Ashworth", "tom.ashworth@nhs.example"),
        ("Grace Okoro", "grace.okoro@council.example"),
    ] {
        store
            .add_staff(&NewStaff {
                name: DisplayName::parse(name).unwrap(),
                email: Email::parse(email).unwrap(),
                role: Role::EngagementOfficer,
                team: None,
            })
            .await
            .unwrap();
    }
    assert_eq!(
        hive_server::seed::seed_demo_directory(store).await.unwrap(),
        60
    );
    assert_eq!(
        hive_server::seed::seed_demo_directory(store).await.unwrap(),
        0
    );
    let ruth = crate::support::resident_accessor(store, "Ruth Adeyemi").await;
    let listed = store.staff_directory().await.unwrap();
    for gone in listed.iter().filter(|e| {
        e.email.ends_with("@nhs.example")
            && !["kelly.byrne@nhs.example", "aisha.ahmed@nhs.example"].contains(&&*e.email)
    }) {
        store.remove_staff(gone.id, ruth.id).await.unwrap();
    }
    assert_eq!(
        hive_server::seed::seed_demo_directory(store).await.unwrap(),
        0,
        "removed, they stay removed"
    );
    assert_eq!(store.staff_directory().await.unwrap().len(), 3);
}
