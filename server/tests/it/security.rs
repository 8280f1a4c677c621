//! Requests another site makes a browser send, and oversized bodies.

use crate::support::{session_cookie, spawn_app, sqlite};

#[tokio::test]
async fn a_cross_site_sign_in_post_is_refused_and_signs_nobody_in() {
    let app = spawn_app(sqlite(), true).await;
    let id = app.demo_person_id("Amira Khan").await;
    for (header, value) in [
        ("sec-fetch-site", "cross-site"),
        ("origin", "https://evil.example"),
    ] {
        let response = app
            .client
            .post(app.url("/auth/demo"))
            .header("content-type", "application/x-www-form-urlencoded")
            .header(header, value)
            .body(format!("person={id}"))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 403, "{header}: {value}");
        assert!(session_cookie(response.headers()).is_none());
    }
}

#[tokio::test]
async fn a_three_megabyte_body_is_413() {
    let app = spawn_app(sqlite(), true).await;
    let body = "a".repeat(3 * 1024 * 1024);
    let response = app
        .client
        .post(app.url("/api/area-home"))
        .header("content-type", "application/x-www-form-urlencoded")
        .header("origin", format!("http://{}", app.addr))
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 413);
}
