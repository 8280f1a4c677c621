//! Sessions: where they live, what the cookie says, and when they end.

use crate::support::{
    Options, SESSION_COOKIE, each_backend, set_cookie_header, spawn_app, spawn_app_with, sqlite,
    start_server,
};

#[tokio::test]
async fn the_session_cookie_is_http_only_lax_and_idles_out_after_thirty_minutes() {
    let app = spawn_app(sqlite(), true).await;
    let id = app.demo_person_id("Amira Khan").await.to_string();
    let response = app.post_form("/auth/demo", &[("person", &id)], None).await;
    let header = set_cookie_header(response.headers()).expect("session cookie");
    assert!(header.contains("HttpOnly"), "{header}");
    assert!(header.contains("SameSite=Lax"), "{header}");
    assert!(header.contains("Path=/"), "{header}");
    assert!(header.contains("Max-Age=1800"), "{header}");
    assert!(
        !header.contains("Secure"),
        "plain http must not mark it Secure: {header}"
    );
}

#[tokio::test]
async fn the_session_cookie_is_secure_when_hive_is_served_over_https() {
    let app = spawn_app_with(
        sqlite(),
        Options {
            demo: true,
            public_url: Some("https://hive.example".into()),
            ..Options::default()
        },
    )
    .await;
    let id = app.demo_person_id("Amira Khan").await.to_string();
    let response = app
        .client
        .post(app.url("/auth/demo"))
        .header("content-type", "application/x-www-form-urlencoded")
        .header("origin", "https://hive.example")
        .body(format!("person={id}"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 303);
    let header = set_cookie_header(response.headers()).expect("session cookie");
    assert!(header.contains("Secure"), "{header}");
    assert!(response.headers().contains_key("strict-transport-security"));
}

#[tokio::test]
async fn sessions_are_kept_in_the_database() {
    for db in each_backend().await {
        let app = spawn_app(db, true).await;
        let cookie = app.sign_in_as("Amira Khan", None).await;
        // A second, independent app server on the same database knows the session.
        let (addr, _) = start_server(
            app.db.url.clone(),
            Options {
                demo: true,
                public_url: None,
                ..Options::default()
            },
        )
        .await;
        let page = app
            .client
            .get(format!("http://{addr}/my"))
            .header("cookie", &cookie)
            .send()
            .await
            .unwrap();
        assert_eq!(page.status(), 200, "{}", app.db.name);
        assert!(
            page.text().await.unwrap().contains("Hello, Amira Khan"),
            "{}",
            app.db.name
        );
    }
}

/// Session fixation: someone who plants their own live session id in a victim's browser gains
/// nothing, because signing in moves the session to a new id and kills the old one.
#[tokio::test]
async fn signing_in_gives_a_new_session_id_and_kills_the_old_one() {
    let app = spawn_app(sqlite(), true).await;
    let planted = app.sign_in_as("Amira Khan", None).await;
    let after = app.sign_in_as("George Walsh", Some(&planted)).await;
    assert_ne!(after, planted);
    let old = app.get("/my", Some(&planted)).await;
    assert_eq!(old.status(), 302, "the old session id must be dead");
    let new = app.get("/my", Some(&after)).await.text().await.unwrap();
    assert!(new.contains("Hello, George Walsh"));
}

#[tokio::test]
async fn a_session_idle_for_thirty_minutes_is_refused_by_the_server() {
    let app = spawn_app(sqlite(), true).await;
    let cookie = app.sign_in_as("Amira Khan", None).await;
    assert_eq!(app.get("/my", Some(&cookie)).await.status(), 200);
    // What the database holds after 30 idle minutes: an expiry in the past. The browser may
    // still send the cookie; the server must not honour it.
    let path = app.db.sqlite_path.clone().unwrap();
    let pool = sqlx::SqlitePool::connect(&format!("sqlite://{}", path.display()))
        .await
        .unwrap();
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;
    sqlx::query("UPDATE sessions SET expiry_date = $1")
        .bind(now - 1)
        .execute(&pool)
        .await
        .unwrap();
    assert_eq!(app.get("/my", Some(&cookie)).await.status(), 302);
}

#[tokio::test]
async fn cookies_naming_unknown_sessions_create_nothing() {
    let app = spawn_app(sqlite(), true).await;
    for n in 0..5 {
        let cookie = format!("{SESSION_COOKIE}=AAAAAAAAAAAAAAAAAAAAA{n}");
        assert_eq!(app.get("/healthz", Some(&cookie)).await.status(), 200);
        assert_eq!(app.get("/about/privacy", Some(&cookie)).await.status(), 200);
    }
    let path = app.db.sqlite_path.clone().unwrap();
    let pool = sqlx::SqlitePool::connect(&format!("sqlite://{}", path.display()))
        .await
        .unwrap();
    let rows: i64 = sqlx::query_scalar("SELECT count(*) FROM sessions")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(rows, 0);
}

#[tokio::test]
async fn signing_out_deletes_the_session_so_the_old_cookie_is_worthless() {
    let app = spawn_app(sqlite(), true).await;
    let cookie = app.sign_in_as("Amira Khan", None).await;
    assert!(
        app.get("/my", Some(&cookie))
            .await
            .text()
            .await
            .unwrap()
            .contains("Amira Khan")
    );

    let response = app.post_form("/auth/logout", &[], Some(&cookie)).await;
    assert_eq!(response.status(), 303);
    let removal = set_cookie_header(response.headers()).expect("the cookie is removed");
    assert!(
        removal.contains("Max-Age=0") || removal.contains("Expires="),
        "{removal}"
    );

    let replay = app.get("/my", Some(&cookie)).await;
    assert_eq!(replay.status(), 302);
    let home = app.get("/", Some(&cookie)).await.text().await.unwrap();
    assert!(
        !home.contains("Amira Khan"),
        "still signed in after sign-out"
    );
}
