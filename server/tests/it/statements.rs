//! How true the city's person statements feel: dated answers, earlier ones kept.

use crate::support::{spawn_app, sqlite};

#[tokio::test]
async fn answers_are_dated_and_earlier_answers_stay_visible() {
    let app = spawn_app(sqlite(), true).await;
    let cookie = app.sign_in_as("George Walsh", None).await;
    let list = app
        .get("/my/statements", Some(&cookie))
        .await
        .text()
        .await
        .unwrap();
    assert!(list.contains("I am an active partner in my own care."));
    assert!(list.contains("My carers and family have their own needs recognised and supported."));
    let page = "/my/statements/listened-to";
    let form = app.get(page, Some(&cookie)).await.text().await.unwrap();
    assert!(form.contains("How true is this for you now?"));
    for (truth, comment) in [
        ("a-little", "Not at the hospital"),
        ("mostly", "Better <i>lately</i>"),
    ] {
        let saved = app
            .post_page_form(
                page,
                "/api/answer-statement",
                &[
                    ("statement", "listened-to"),
                    ("truth", truth),
                    ("comment", comment),
                ],
                &cookie,
            )
            .await;
        assert_eq!(saved.headers()["location"], "/my/statements");
    }
    let list = app
        .get("/my/statements", Some(&cookie))
        .await
        .text()
        .await
        .unwrap();
    let now = list.find("Mostly true").expect("the latest answer");
    let earlier = list
        .find("Earlier answers (1)")
        .expect("the earlier answer is kept");
    assert!(now < earlier);
    assert!(list.contains("A little true: Not at the hospital"));
    assert!(list.contains("Better &lt;i&gt;lately&lt;/i&gt;"));
    // Each statement shows its own answers only.
    assert_eq!(
        list.matches("Better &lt;i&gt;lately&lt;/i&gt;").count(),
        1,
        "{list}"
    );
    assert_eq!(list.matches("Not at the hospital").count(), 1, "{list}");
    let own = list
        .find("I am listened to about what matters to me.")
        .unwrap();
    assert!(own < now, "under its own statement: {list}");
}

#[tokio::test]
async fn an_answer_needs_a_point_on_the_scale_and_a_real_statement() {
    let app = spawn_app(sqlite(), true).await;
    let cookie = app.sign_in_as("George Walsh", None).await;
    let page = "/my/statements/listened-to";
    let missing = app
        .post_page_form(
            page,
            "/api/answer-statement",
            &[("statement", "listened-to"), ("comment", "typed words")],
            &cookie,
        )
        .await;
    assert_eq!(missing.status(), 302);
    let back = app.get(page, Some(&cookie)).await.text().await.unwrap();
    assert!(
        back.contains("Select how true this feels for you now"),
        "{back}"
    );
    assert!(back.contains(">typed words</textarea>"));
    let unknown = app
        .client
        .post(app.url("/api/answer-statement"))
        .header("content-type", "application/x-www-form-urlencoded")
        .header("cookie", &cookie)
        .body("statement=made-up&truth=mostly&comment=")
        .send()
        .await
        .unwrap();
    assert_eq!(unknown.status(), 404);
    assert_eq!(
        app.get("/my/statements/made-up", Some(&cookie))
            .await
            .status(),
        404
    );
}
