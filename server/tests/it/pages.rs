//! Pages as a browser without JavaScript gets them: status codes, redirects, role checks.

use crate::support::{assert_apology_only, spawn_app, sqlite};

#[tokio::test]
async fn demo_sign_in_is_offered_only_in_demo_mode() {
    let demo = spawn_app(sqlite(), true).await;
    let page = demo.get("/auth/demo", None).await;
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    assert!(html.contains("Sign in as Amira Khan"), "{html}");
    assert!(html.contains("Sign in as Ruth Adeyemi"));
    assert!(
        demo.get("/auth/login", None)
            .await
            .text()
            .await
            .unwrap()
            .contains("/auth/demo")
    );

    let real = spawn_app(sqlite(), false).await;
    assert_eq!(real.get("/auth/demo", None).await.status(), 404);
    assert!(
        !real
            .get("/auth/login", None)
            .await
            .text()
            .await
            .unwrap()
            .contains("/auth/demo")
    );
    // Even someone who knows a person's id cannot use the demo route.
    seed_people_without_demo(&real).await;
    let response = real.post_form("/auth/demo", &[("person", "1")], None).await;
    assert_eq!(response.status(), 404);
    assert!(crate::support::session_cookie(response.headers()).is_none());
}

async fn seed_people_without_demo(app: &crate::support::TestApp) {
    hive_server::seed::seed_demo(app.store.as_ref())
        .await
        .unwrap();
}

#[tokio::test]
async fn each_role_lands_on_its_own_home_page() {
    let app = spawn_app(sqlite(), true).await;
    let cases = [
        ("Amira Khan", "Hello, Amira Khan", "/my"),
        ("Lin Walsh", "Hello, Lin Walsh", "/my"),
        (
            "Sam Okafor",
            "Cheetham and Crumpsall Integrated Neighbourhood Team",
            "/team",
        ),
        (
            "Priya Shah",
            "Chorlton and Whalley Range Integrated Neighbourhood Team",
            "/team",
        ),
        ("Joe Murphy", "Engagement", "/engagement"),
        ("Ruth Adeyemi", "Administration", "/admin"),
    ];
    for (name, heading, area) in cases {
        let cookie = app.sign_in_as(name, None).await;
        let home = app.get("/", Some(&cookie)).await;
        assert_eq!(home.status(), 200, "{name}");
        let html = home.text().await.unwrap();
        assert!(html.contains(heading), "{name}'s home lacks {heading}");
        assert!(html.contains("Sign out"), "{name}");
        assert_eq!(
            app.get(area, Some(&cookie)).await.status(),
            200,
            "{name} at {area}"
        );
    }
}

#[tokio::test]
async fn areas_refuse_other_roles_and_send_anonymous_visitors_to_sign_in() {
    let app = spawn_app(sqlite(), true).await;
    let anonymous = app.get("/team", None).await;
    assert_eq!(anonymous.status(), 302);
    assert_eq!(anonymous.headers()["location"], "/auth/login?next=%2Fteam");
    // For anything that does not follow redirects, the page itself says where to go.
    let html = anonymous.text().await.unwrap();
    assert!(html.contains("<h1>Sign in to continue</h1>"), "{html}");
    assert!(
        html.contains(r#"<a href="/auth/login?next=%2Fteam">Sign in</a>"#),
        "{html}"
    );
    // Where they were going, query included, travels encoded.
    let deeper = app.get("/admin/staff?page=2", None).await;
    assert_eq!(
        deeper.headers()["location"],
        "/auth/login?next=%2Fadmin%2Fstaff%3Fpage%3D2"
    );

    let resident = app.sign_in_as("Amira Khan", None).await;
    for area in ["/team", "/engagement", "/admin"] {
        let response = app.get(area, Some(&resident)).await;
        assert_eq!(response.status(), 403, "resident at {area}");
        assert!(
            !response
                .text()
                .await
                .unwrap()
                .contains("Integrated Neighbourhood Team</h1>")
        );
    }
    let nurse = app.sign_in_as("Sam Okafor", None).await;
    assert_eq!(app.get("/my", Some(&nurse)).await.status(), 403);
    assert_eq!(app.get("/admin", Some(&nurse)).await.status(), 403);
}

#[tokio::test]
async fn server_functions_check_the_role_themselves() {
    let app = spawn_app(sqlite(), true).await;
    let call = |cookie: Option<String>| {
        let mut request = app
            .client
            .post(app.url("/api/area-home"))
            .header("content-type", "application/x-www-form-urlencoded")
            .header("accept", "application/json")
            .body("area=Admin");
        if let Some(cookie) = cookie {
            request = request.header("cookie", cookie);
        }
        request.send()
    };
    assert_eq!(call(None).await.unwrap().status(), 401);
    let resident = app.sign_in_as("Amira Khan", None).await;
    assert_eq!(call(Some(resident)).await.unwrap().status(), 403);
    let admin = app.sign_in_as("Ruth Adeyemi", None).await;
    let response = call(Some(admin)).await.unwrap();
    assert_eq!(response.status(), 200);
    assert!(response.text().await.unwrap().contains("Ruth Adeyemi"));
}

#[tokio::test]
async fn unknown_pages_are_404_with_a_helpful_page() {
    let app = spawn_app(sqlite(), false).await;
    let response = app.get("/no/such/page", None).await;
    assert_eq!(response.status(), 404);
    assert!(response.text().await.unwrap().contains("Page not found"));
}

#[tokio::test]
async fn public_pages_render_without_signing_in() {
    let app = spawn_app(sqlite(), true).await;
    for path in [
        "/",
        "/about/accessibility",
        "/about/privacy",
        "/about/neighbourhoods",
        "/auth/login",
    ] {
        let response = app.get(path, None).await;
        assert_eq!(response.status(), 200, "{path}");
        let html = response.text().await.unwrap();
        assert!(html.contains("Skip to main content"), "{path}");
        assert!(html.contains("<html lang=\"en-GB\""), "{path}");
    }
    let html = app
        .get("/about/neighbourhoods", None)
        .await
        .text()
        .await
        .unwrap();
    assert!(html.contains("illustrative"));
    assert!(html.contains("Woodhouse Park"));
}

#[tokio::test]
async fn signed_in_pages_are_not_cached_and_carry_a_request_id() {
    let app = spawn_app(sqlite(), true).await;
    let cookie = app.sign_in_as("Amira Khan", None).await;
    let response = app.get("/my", Some(&cookie)).await;
    assert_eq!(response.headers()["cache-control"], "no-store");
    assert!(response.headers().contains_key("x-request-id"));
    assert_eq!(response.headers()["x-content-type-options"], "nosniff");
    assert_eq!(response.headers()["referrer-policy"], "same-origin");
}

#[tokio::test]
async fn server_function_arguments_that_cannot_be_read_are_a_client_error() {
    let app = spawn_app(sqlite(), true).await;
    let cookie = app.sign_in_as("Ruth Adeyemi", None).await;
    let response = app
        .client
        .post(app.url("/api/area-home"))
        .header("content-type", "application/x-www-form-urlencoded")
        .header("accept", "application/json")
        .header("cookie", cookie)
        .body("area=Nowhere")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 422);
}

#[tokio::test]
async fn a_failure_shows_a_reference_and_nothing_internal() {
    let app = spawn_app(sqlite(), true).await;
    // Break the database under the running app.
    let path = app.db.sqlite_path.clone().unwrap();
    let pool = sqlx::SqlitePool::connect(&format!("sqlite://{}", path.display()))
        .await
        .unwrap();
    sqlx::query("ALTER TABLE wards RENAME TO wards_gone")
        .execute(&pool)
        .await
        .unwrap();
    let page = app.get("/about/neighbourhoods", None).await;
    assert_apology_only(page, &["sqlx", "no such table", "wards_gone", "SELECT"]).await;
}

/// The header and the page each ask who is signed in; the person is read once per request,
/// and again on the next request (nothing is kept beyond one).
#[tokio::test]
async fn a_signed_in_page_reads_the_person_once() {
    use crate::support::session_cookie;
    use std::sync::atomic::Ordering;
    let (app, counts) = crate::counting::spawn_counting_app(sqlite()).await;
    let reads = counts.person_reads;
    let id = app.demo_person_id("Amira Khan").await.to_string();
    let signed_in = app.post_form("/auth/demo", &[("person", &id)], None).await;
    let cookie = session_cookie(signed_in.headers()).unwrap();
    for _ in 0..2 {
        let before = reads.load(Ordering::SeqCst);
        let page = app.get("/my", Some(&cookie)).await;
        assert_eq!(page.status(), 200);
        assert!(page.text().await.unwrap().contains("Hello, Amira Khan"));
        assert_eq!(reads.load(Ordering::SeqCst) - before, 1);
    }
}

/// Demo sign-in takes only someone the demo page offers: not a resident who signed in through
/// an identity provider (a demo can have providers too), whose id is no secret.
#[tokio::test]
async fn demo_sign_in_takes_only_someone_offered_on_the_demo_page() {
    use app::domain::person::DisplayName;
    use app::server::store::VerifiedIdentity;
    let app = spawn_app(sqlite(), true).await;
    let sign_in = |id: String| {
        let app = &app;
        async move {
            let response = app.post_form("/auth/demo", &[("person", &id)], None).await;
            (
                response.status().as_u16(),
                crate::support::session_cookie(response.headers()),
            )
        }
    };
    // A resident who signed in through a provider: active, but not a demo person.
    let real = app
        .store
        .add_resident(
            &DisplayName::parse("Nadia Real").unwrap(),
            &VerifiedIdentity {
                issuer: "https://idp.example".into(),
                subject: "nadia".into(),
                level: None,
            },
        )
        .await
        .unwrap();
    let (status, cookie) = sign_in(real.0.to_string()).await;
    assert_eq!(status, 404, "not a demo person");
    assert!(cookie.is_none());
    // A demo person is taken.
    let sam = app.demo_person_id("Sam Okafor").await;
    let (status, cookie) = sign_in(sam.to_string()).await;
    assert_eq!(status, 303);
    assert!(cookie.is_some());
}
