//! Communication and information needs, without JavaScript: checkbox groups, the summary at
//! the top of the record, versions and stale edits.

use crate::support::{TestApp, spawn_app, sqlite};

async fn save(app: &TestApp, cookie: &str, fields: &[(&str, &str)]) -> reqwest::Response {
    app.post_page_form("/my/needs", "/api/save-needs", fields, cookie)
        .await
}

fn full_form(base: &'static str) -> Vec<(&'static str, &'static str)> {
    vec![
        ("base", base),
        ("formats[]", "large-print"),
        ("formats[]", "easy-read"),
        ("professionals[]", "bsl-interpreter"),
        ("language", "Polish"),
        ("interpreter", "yes"),
        ("contact[]", "text-message"),
        ("avoid_times", "Not before 10am"),
        ("how_to_talk", "Slowly, facing me.\n<b>Never</b> shout."),
    ]
}

#[tokio::test]
async fn needs_are_saved_from_checkboxes_and_summarised_first_on_the_record() {
    let app = spawn_app(sqlite(), true).await;
    let cookie = app.sign_in_as("Amira Khan", None).await;
    let response = save(&app, &cookie, &full_form("0")).await;
    assert_eq!(response.headers()["location"], "/my");
    let home = app.get("/my", Some(&cookie)).await.text().await.unwrap();
    assert!(
        home.contains("Your communication needs were saved"),
        "{home}"
    );
    let page = app
        .get("/my/needs", Some(&cookie))
        .await
        .text()
        .await
        .unwrap();
    assert!(page.contains("Information in: Large print, Easy Read"));
    let ticked = |code: &str| {
        page.split("<input").any(|input| {
            input.contains(&format!(r#"value="{code}""#))
                && input.split('>').next().unwrap().contains("checked")
        })
    };
    assert!(
        ticked("large-print") && ticked("easy-read"),
        "ticked boxes stay ticked"
    );
    assert!(!ticked("braille"), "others are not");
    let home = app.get("/my", Some(&cookie)).await.text().await.unwrap();
    let flag = home
        .find("Communication needs")
        .expect("the flag is on the home page");
    assert!(home[flag..].contains("Needs: British Sign Language interpreter"));
    assert!(home.contains("Speaks Polish: needs an interpreter"));
    assert!(
        home.contains("&lt;b&gt;Never&lt;/b&gt; shout."),
        "own words are text"
    );
}

#[tokio::test]
async fn an_empty_form_clears_the_needs_and_unknown_codes_are_refused() {
    let app = spawn_app(sqlite(), true).await;
    let cookie = app.sign_in_as("Amira Khan", None).await;
    save(&app, &cookie, &full_form("0")).await;
    let cleared = save(
        &app,
        &cookie,
        &[
            ("base", "1"),
            ("language", ""),
            ("avoid_times", ""),
            ("how_to_talk", ""),
        ],
    )
    .await;
    assert_eq!(cleared.headers()["location"], "/my");
    let home = app.get("/my", Some(&cookie)).await.text().await.unwrap();
    assert!(home.contains("No communication or information needs recorded."));

    let bad = app
        .client
        .post(app.url("/api/save-needs"))
        .header("content-type", "application/x-www-form-urlencoded")
        .header("cookie", &cookie)
        .body("base=2&formats%5B%5D=smoke-signals&language=&avoid_times=&how_to_talk=")
        .send()
        .await
        .unwrap();
    assert_eq!(bad.status(), 422);
    assert!(
        bad.text()
            .await
            .unwrap()
            .contains("Choose from the options given")
    );
}

#[tokio::test]
async fn a_stale_needs_edit_keeps_the_ticks_and_text_and_shows_what_is_saved() {
    let app = spawn_app(sqlite(), true).await;
    let cookie = app.sign_in_as("Amira Khan", None).await;
    save(&app, &cookie, &full_form("0")).await;
    save(
        &app,
        &cookie,
        &[
            ("base", "1"),
            ("formats[]", "braille"),
            ("language", ""),
            ("avoid_times", ""),
            ("how_to_talk", ""),
        ],
    )
    .await;
    let stale = save(
        &app,
        &cookie,
        &[
            ("base", "1"),
            ("formats[]", "audio"),
            ("language", "Urdu"),
            ("avoid_times", ""),
            ("how_to_talk", "Mine"),
        ],
    )
    .await;
    assert_ne!(stale.headers()["location"], "/my/needs?");
    let page = app
        .get("/my/needs", Some(&cookie))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("were changed and saved after you started editing them"),
        "{page}"
    );
    assert!(page.contains("What is saved now"));
    assert!(
        page.contains("Information in: Braille"),
        "the other save is shown"
    );
    assert!(page.contains(r#"value="Urdu""#), "what was typed is kept");
    assert!(page.contains(">Mine</textarea>"));
    assert!(page.contains(r#"name="base" value="2""#));
}
