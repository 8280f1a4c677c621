//! Residents signing in and out: the request sent, both client authentications, where they land, the pages for each way it can end.

use super::*;

#[tokio::test]
async fn a_resident_signs_in_lands_where_they_were_going_and_is_the_same_person_next_time() {
    let idp = TestIdp::start().await;
    for db in each_backend().await {
        let app = app_with(db, &idp, |_| {}).await;
        let response = sign_in(&app, &idp, "nhs-login", Some("/my"), |b| {
            idp::sign(&idp.claims("resident-1", &b.nonce), Signing::Rs256)
        })
        .await;
        assert_eq!(response.status(), 303, "{}", app.db.name);
        assert_eq!(location(&response), "/my");
        let cookie = session_cookie(response.headers()).expect("signed in");
        let home = app.get("/my", Some(&cookie)).await;
        assert_eq!(home.status(), 200);
        assert!(home.text().await.unwrap().contains("Hello, Amira Khan"));

        let person = app
            .store
            .person_by_identity(&idp.issuer, "resident-1")
            .await
            .unwrap()
            .expect("the resident was created on first sign-in");
        assert_eq!(person.role, Role::Resident);

        let again = sign_in(&app, &idp, "nhs-login", None, |b| {
            idp::sign(&idp.claims("resident-1", &b.nonce), Signing::Rs512)
        })
        .await;
        assert_eq!(location(&again), "/");
        let same = app
            .store
            .person_by_identity(&idp.issuer, "resident-1")
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            same.id, person.id,
            "{}: one person per (issuer, subject)",
            app.db.name
        );
    }
}

#[tokio::test]
async fn the_authorization_request_carries_pkce_state_nonce_vtr_and_the_exact_redirect_uri() {
    let idp = TestIdp::start().await;
    let app = app_with(sqlite(), &idp, |_| {}).await;
    let begun = begin(&app, "nhs-login", None).await;
    let q = &begun.query;
    assert_eq!(q["response_type"], "code");
    assert_eq!(q["client_id"], idp::CLIENT_ID);
    assert_eq!(q["redirect_uri"], app.url("/auth/callback"));
    assert_eq!(q["code_challenge_method"], "S256");
    assert_eq!(q["scope"], "openid profile email");
    assert_eq!(q["vtr"], r#"["P9.Cp.Cd"]"#);
    assert!(begun.state.len() >= 32 && begun.nonce.len() >= 32);
    let other = begin(&app, "nhs-login", None).await;
    assert_ne!(other.state, begun.state);
    assert_ne!(other.nonce, begun.nonce);
    assert_ne!(other.challenge, begun.challenge);
}

#[tokio::test]
async fn client_secret_basic_and_private_key_jwt_both_authenticate_hive() {
    let idp = TestIdp::start().await;
    let app = app_with(sqlite(), &idp, |_| {}).await;

    let basic = sign_in(&app, &idp, "nhs-login", None, |b| {
        idp::sign(&idp.claims("resident-basic", &b.nonce), Signing::Rs256)
    })
    .await;
    assert_eq!(location(&basic), "/");
    let request = idp.token_requests().pop().unwrap();
    assert!(request.authorization.unwrap().starts_with("Basic "));
    assert!(!request.form.contains_key("client_assertion"));

    let jwt = sign_in(&app, &idp, "nhs-login-jwt", None, |b| {
        idp::sign(&idp.claims("resident-jwt", &b.nonce), Signing::Rs512)
    })
    .await;
    assert_eq!(
        location(&jwt),
        "/",
        "the provider accepted the RS512 assertion"
    );
    let request = idp.token_requests().pop().unwrap();
    assert!(
        request.authorization.is_none(),
        "no secret is sent with private_key_jwt"
    );
    let claims = idp::assertion_claims(&request.form["client_assertion"]).expect("RS512, verifies");
    assert_eq!(claims["iss"], idp::CLIENT_ID);
    assert_eq!(claims["sub"], idp::CLIENT_ID);
    assert_eq!(claims["aud"], format!("{}/token", idp.issuer));
    let lifetime = claims["exp"].as_i64().unwrap() - claims["iat"].as_i64().unwrap();
    assert!(lifetime <= 60, "short-lived: {lifetime}s");

    let again = sign_in(&app, &idp, "nhs-login-jwt", None, |b| {
        idp::sign(&idp.claims("resident-jwt", &b.nonce), Signing::Rs512)
    })
    .await;
    assert_eq!(location(&again), "/");
    let second = idp.token_requests().pop().unwrap();
    let jti = |r: &idp::TokenRequest| {
        idp::assertion_claims(&r.form["client_assertion"]).unwrap()["jti"].clone()
    };
    assert_ne!(jti(&second), claims["jti"], "a fresh jti each time");
}

#[tokio::test]
async fn signing_out_ends_the_session_and_the_providers_too() {
    let idp = TestIdp::start().await;
    let app = app_with(sqlite(), &idp, |_| {}).await;
    let response = sign_in(&app, &idp, "nhs-login", None, |b| {
        idp::sign(&idp.claims("r", &b.nonce), Signing::Rs256)
    })
    .await;
    let cookie = session_cookie(response.headers()).unwrap();
    // The page's sign-out form may lead to the provider, and only there.
    let page = app.get("/", Some(&cookie)).await;
    let csp = page.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_string();
    assert!(
        csp.contains(&format!("form-action 'self' {};", idp.issuer)),
        "{csp}"
    );
    let out = app.post_form("/auth/logout", &[], Some(&cookie)).await;
    assert_eq!(out.status(), 303);
    let to = url::Url::parse(&location(&out)).unwrap();
    assert_eq!(
        to.as_str().split('?').next().unwrap(),
        format!("{}/session/end", idp.issuer)
    );
    let query: HashMap<String, String> = to.query_pairs().into_owned().collect();
    assert_eq!(query["client_id"], idp::CLIENT_ID);
    assert_eq!(query["post_logout_redirect_uri"], app.url("/"));
    assert_eq!(
        app.get("/my", Some(&cookie)).await.status(),
        302,
        "the old cookie is worthless"
    );
}

#[tokio::test]
async fn an_unknown_provider_and_a_cancelled_sign_in_get_their_own_pages() {
    let idp = TestIdp::start().await;
    let app = app_with(sqlite(), &idp, |_| {}).await;
    let unknown = app.get("/auth/login/nope", None).await;
    assert_refused(&unknown, "unknown-provider");
    assert_eq!(app.get(&location(&unknown), None).await.status(), 404);

    let begun = begin(&app, "nhs-login", None).await;
    let cancelled = callback(
        &app,
        &format!("error=access_denied&state={}", begun.state),
        Some(&begun.browser),
    )
    .await;
    assert_refused(&cancelled, "cancelled");
}

#[tokio::test]
async fn an_unreachable_provider_gives_a_page_with_a_reference_not_a_crash() {
    let idp = TestIdp::start().await;
    let app = app_with(sqlite(), &idp, |options| {
        options.providers[0].issuer = "http://127.0.0.1:9".into();
    })
    .await;
    let response = app.get("/auth/login/nhs-login", None).await;
    assert_refused(&response, "unavailable");
    assert_eq!(app.get(&location(&response), None).await.status(), 503);
}

#[tokio::test]
async fn the_sign_in_page_lists_residents_and_staff_providers_separately() {
    let idp = TestIdp::start().await;
    let app = app_with(sqlite(), &idp, |_| {}).await;
    let html = app
        .get("/auth/login?next=/my", None)
        .await
        .text()
        .await
        .unwrap();
    let residents = html
        .find("If you live in Manchester")
        .expect("residents' section");
    let staff = html
        .find("If you work in a neighbourhood team")
        .expect("staff section");
    let nhs = html.find("Continue with Test nhs-login").unwrap();
    let work = html.find("Continue with Test staff").unwrap();
    assert!(residents < nhs && nhs < staff && staff < work);
    assert!(html.contains("/auth/login/nhs-login?next=%2Fmy"), "{html}");
}
