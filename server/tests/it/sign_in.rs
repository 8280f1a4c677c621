//! Signing in through an OpenID provider, against the test provider in `idp.rs`: the happy
//! paths for residents and staff, and a refusal for each way the flow can be attacked.

use crate::idp::{self, Signing, TestIdp};
use crate::support::{
    Options, TestApp, TestDb, each_backend, session_cookie, set_cookie_header, spawn_app_with,
    sqlite, urlencode,
};
use app::domain::identity::{Audience, IdentityLevel};
use app::domain::person::DisplayName;
use app::domain::role::Role;
use app::domain::staff::{Email, NewStaff};
use serde_json::Value;
use std::collections::HashMap;

/// A sign-in started at Hive and sent to the provider.
struct Begun {
    state: String,
    nonce: String,
    challenge: String,
    /// `hive_sign_in=…`: the cookie binding the attempt to this browser.
    browser: String,
    query: HashMap<String, String>,
}

async fn app_with(db: TestDb, idp: &TestIdp, tweak: impl FnOnce(&mut Options)) -> TestApp {
    let mut options = Options {
        demo: true,
        providers: vec![
            idp.provider("nhs-login", Audience::Residents, false),
            idp.provider("nhs-login-jwt", Audience::Residents, true),
            idp.provider("staff", Audience::Staff, false),
        ],
        ..Options::default()
    };
    tweak(&mut options);
    spawn_app_with(db, options).await
}

async fn begin(app: &TestApp, provider: &str, next: Option<&str>) -> Begun {
    let path = match next {
        Some(next) => format!("/auth/login/{provider}?next={}", urlencode(next)),
        None => format!("/auth/login/{provider}"),
    };
    let response = app.get(&path, None).await;
    assert_eq!(response.status(), 303, "starting a sign-in redirects");
    let location = url::Url::parse(response.headers()["location"].to_str().unwrap()).unwrap();
    let query: HashMap<String, String> = location.query_pairs().into_owned().collect();
    let browser = response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("hive_sign_in="))
        .map(|v| v.split(';').next().unwrap().to_string())
        .expect("a browser-binding cookie");
    Begun {
        state: query["state"].clone(),
        nonce: query["nonce"].clone(),
        challenge: query["code_challenge"].clone(),
        browser,
        query,
    }
}

async fn callback(app: &TestApp, query: &str, cookie: Option<&str>) -> reqwest::Response {
    app.get(&format!("/auth/callback?{query}"), cookie).await
}

/// The whole flow with the token the provider will hand over; returns the callback's answer.
async fn sign_in(
    app: &TestApp,
    idp: &TestIdp,
    provider: &str,
    next: Option<&str>,
    token: impl FnOnce(&Begun) -> String,
) -> reqwest::Response {
    let begun = begin(app, provider, next).await;
    let code = uuid::Uuid::new_v4().to_string();
    idp.issue(&code, token(&begun), &begun.challenge);
    callback(
        app,
        &format!("code={code}&state={}", begun.state),
        Some(&begun.browser),
    )
    .await
}

fn location(response: &reqwest::Response) -> String {
    response.headers()["location"].to_str().unwrap().to_string()
}

/// Refused: sent to the problem page with a reference, and not signed in.
#[track_caller]
fn assert_refused(response: &reqwest::Response, reason: &str) {
    assert_eq!(response.status(), 303);
    let to = location(response);
    assert!(
        to.starts_with(&format!("/auth/problem?reason={reason}")),
        "expected the {reason} page, went to {to}"
    );
    assert!(
        session_cookie(response.headers()).is_none(),
        "no session may be started"
    );
}

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
async fn a_used_state_cannot_be_replayed_and_an_altered_one_is_refused() {
    let idp = TestIdp::start().await;
    let app = app_with(sqlite(), &idp, |_| {}).await;
    let begun = begin(&app, "nhs-login", None).await;
    idp.issue(
        "c1",
        idp::sign(&idp.claims("r", &begun.nonce), Signing::Rs256),
        &begun.challenge,
    );

    let altered = format!("code=c1&state={}x", begun.state);
    assert_refused(
        &callback(&app, &altered, Some(&begun.browser)).await,
        "expired",
    );

    // The altered attempt did not use up the real one.
    let query = format!("code=c1&state={}", begun.state);
    let first = callback(&app, &query, Some(&begun.browser)).await;
    assert_eq!(location(&first), "/");
    idp.issue(
        "c1",
        idp::sign(&idp.claims("r", &begun.nonce), Signing::Rs256),
        &begun.challenge,
    );
    assert_refused(
        &callback(&app, &query, Some(&begun.browser)).await,
        "expired",
    );
}

#[tokio::test]
async fn a_callback_in_a_browser_that_did_not_start_the_sign_in_is_refused() {
    let idp = TestIdp::start().await;
    let app = app_with(sqlite(), &idp, |_| {}).await;
    let begun = begin(&app, "nhs-login", None).await;
    idp.issue(
        "c1",
        idp::sign(&idp.claims("r", &begun.nonce), Signing::Rs256),
        &begun.challenge,
    );
    let query = format!("code=c1&state={}", begun.state);
    assert_refused(&callback(&app, &query, None).await, "expired");
    assert_refused(
        &callback(&app, &query, Some("hive_sign_in=someone-elses")).await,
        "expired",
    );
}

#[tokio::test]
async fn a_callback_naming_another_issuer_is_refused_before_the_code_is_used() {
    let idp = TestIdp::start().await;
    let app = app_with(sqlite(), &idp, |_| {}).await;
    let begun = begin(&app, "nhs-login", None).await;
    idp.issue(
        "c1",
        idp::sign(&idp.claims("r", &begun.nonce), Signing::Rs256),
        &begun.challenge,
    );
    let query = format!(
        "code=c1&state={}&iss={}",
        begun.state,
        urlencode("https://evil.example")
    );
    assert_refused(
        &callback(&app, &query, Some(&begun.browser)).await,
        "failed",
    );
    assert!(
        idp.token_requests().is_empty(),
        "the code never went to a token endpoint"
    );
}

#[tokio::test]
async fn the_matching_iss_on_the_callback_is_accepted() {
    let idp = TestIdp::start().await;
    let app = app_with(sqlite(), &idp, |_| {}).await;
    let begun = begin(&app, "nhs-login", None).await;
    idp.issue(
        "c1",
        idp::sign(&idp.claims("r", &begun.nonce), Signing::Rs256),
        &begun.challenge,
    );
    let query = format!(
        "code=c1&state={}&iss={}",
        begun.state,
        urlencode(&idp.issuer)
    );
    assert_eq!(
        location(&callback(&app, &query, Some(&begun.browser)).await),
        "/"
    );
}

#[tokio::test]
async fn every_bad_id_token_is_refused_and_nobody_is_created() {
    let idp = TestIdp::start().await;
    let app = app_with(sqlite(), &idp, |_| {}).await;
    type Change = fn(&mut Value);
    let same: Change = |_| {};
    let cases: Vec<(&str, Change, Signing)> = vec![
        (
            "wrong aud",
            |c| c["aud"] = "someone-else".into(),
            Signing::Rs256,
        ),
        (
            "wrong iss",
            |c| c["iss"] = "https://evil.example".into(),
            Signing::Rs256,
        ),
        (
            "expired",
            |c| c["exp"] = (idp::now() - 10).into(),
            Signing::Rs256,
        ),
        (
            "future iat",
            |c| c["iat"] = (idp::now() + 3600).into(),
            Signing::Rs256,
        ),
        (
            "wrong nonce",
            |c| c["nonce"] = "not-the-nonce".into(),
            Signing::Rs256,
        ),
        (
            "no nonce",
            |c| {
                c.as_object_mut().unwrap().remove("nonce");
            },
            Signing::Rs256,
        ),
        ("alg none", same, Signing::None),
        (
            "HS256 with the public key",
            same,
            Signing::Hs256WithPublicKey,
        ),
        ("unknown key id", same, Signing::UnknownKeyId),
        ("another key", same, Signing::OtherKey),
        ("broken signature", same, Signing::BrokenSignature),
    ];
    for (what, change, signing) in cases {
        let subject = format!("attacker-{}", what.replace(' ', "-"));
        let response = sign_in(&app, &idp, "nhs-login", None, |b| {
            let mut claims = idp.claims(&subject, &b.nonce);
            change(&mut claims);
            idp::sign(&claims, signing)
        })
        .await;
        assert_eq!(response.status(), 303, "{what}");
        let to = location(&response);
        assert!(
            to.starts_with("/auth/problem?reason=failed&reference="),
            "{what}: went to {to}"
        );
        assert!(
            session_cookie(response.headers()).is_none(),
            "{what}: signed in"
        );
        assert!(
            app.store
                .person_by_identity(&idp.issuer, &subject)
                .await
                .unwrap()
                .is_none(),
            "{what}: a person was created"
        );
    }
    // The same token, properly made, is accepted: the refusals above are the changes.
    let fine = sign_in(&app, &idp, "nhs-login", None, |b| {
        idp::sign(&idp.claims("attacker-control", &b.nonce), Signing::Rs256)
    })
    .await;
    assert_eq!(location(&fine), "/");
}

#[tokio::test]
async fn the_failure_page_shows_a_reference_and_nothing_from_the_token() {
    let idp = TestIdp::start().await;
    let app = app_with(sqlite(), &idp, |_| {}).await;
    let response = sign_in(&app, &idp, "nhs-login", None, |b| {
        let mut claims = idp.claims("r", &b.nonce);
        claims["aud"] = "someone-else".into();
        idp::sign(&claims, Signing::Rs256)
    })
    .await;
    let page = app.get(&location(&response), None).await;
    assert_eq!(page.status(), 400);
    let html = page.text().await.unwrap();
    assert!(html.contains("Sorry, we could not sign you in"), "{html}");
    let reference = location(&response).rsplit('=').next().unwrap().to_string();
    assert!(html.contains(&reference));
    for secret in ["someone-else", "eyJ", "Amira"] {
        assert!(!html.contains(secret), "the page shows {secret}");
    }
}

#[tokio::test]
async fn next_only_ever_leads_to_a_path_on_hive() {
    let idp = TestIdp::start().await;
    let app = app_with(sqlite(), &idp, |_| {}).await;
    for attempt in [
        "//evil.example",
        "/\\evil.example",
        "https://evil.example",
        "http:/evil.example",
        "/\t/evil.example",
        "%2F%2Fevil.example",
        "/%2F%2Fevil.example\\",
        "javascript:alert(1)",
        "/auth/login",
    ] {
        let response = sign_in(&app, &idp, "nhs-login", Some(attempt), |b| {
            idp::sign(&idp.claims("r", &b.nonce), Signing::Rs256)
        })
        .await;
        assert_eq!(location(&response), "/", "{attempt:?}");
    }
}

#[tokio::test]
async fn a_session_id_planted_before_sign_in_is_not_the_one_after() {
    let idp = TestIdp::start().await;
    let app = app_with(sqlite(), &idp, |_| {}).await;
    // An attacker's own, real session id, planted in the victim's browser.
    let planted = app.sign_in_as("George Walsh", None).await;
    let begun = begin(&app, "nhs-login", None).await;
    idp.issue(
        "c1",
        idp::sign(&idp.claims("victim", &begun.nonce), Signing::Rs256),
        &begun.challenge,
    );
    let cookies = format!("{planted}; {}", begun.browser);
    let response = callback(
        &app,
        &format!("code=c1&state={}", begun.state),
        Some(&cookies),
    )
    .await;
    let after = session_cookie(response.headers()).expect("a new session");
    assert_ne!(after, planted);
    assert!(
        set_cookie_header(response.headers())
            .unwrap()
            .contains("HttpOnly")
    );
    let victim = app.get("/my", Some(&after)).await.text().await.unwrap();
    assert!(victim.contains("Hello, Amira Khan"));
    // The planted id does not lead into the victim's session.
    let attacker = app.get("/my", Some(&planted)).await.text().await.unwrap();
    assert!(!attacker.contains("Amira Khan"));
}

#[tokio::test]
async fn below_the_minimum_level_a_resident_gets_the_restricted_page_and_no_records() {
    let idp = TestIdp::start().await;
    let app = app_with(sqlite(), &idp, |options| {
        options.providers[0].minimum_level = Some(IdentityLevel::P9);
    })
    .await;
    let response = sign_in(&app, &idp, "nhs-login", None, |b| {
        let mut claims = idp.claims("p5-resident", &b.nonce);
        claims["identity_proofing_level"] = "P5".into();
        claims["vot"] = "P5.Cp.Cd".into();
        idp::sign(&claims, Signing::Rs256)
    })
    .await;
    let cookie = session_cookie(response.headers()).expect("signed in, restricted");
    for path in ["/", "/my"] {
        let page = app.get(path, Some(&cookie)).await;
        assert_eq!(page.status(), 403, "{path}");
        let html = page.text().await.unwrap();
        assert!(
            html.contains("We need to confirm who you are"),
            "{path}: {html}"
        );
        assert!(html.contains("prove who you are"));
    }
    let api = app
        .client
        .post(app.url("/api/area-home"))
        .header("cookie", &cookie)
        .header("content-type", "application/x-www-form-urlencoded")
        .body("area=Personal")
        .send()
        .await
        .unwrap();
    assert_eq!(api.status(), 403);
    let identity = app
        .store
        .person_by_identity(&idp.issuer, "p5-resident")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(identity.role, Role::Resident);

    // Once proven to P9, the same person is let in.
    let proven = sign_in(&app, &idp, "nhs-login", None, |b| {
        idp::sign(&idp.claims("p5-resident", &b.nonce), Signing::Rs256)
    })
    .await;
    let cookie = session_cookie(proven.headers()).unwrap();
    assert_eq!(app.get("/my", Some(&cookie)).await.status(), 200);
}

async fn add_staff(app: &TestApp, name: &str, email: &str, role: Role, team: Option<&str>) -> i64 {
    let team = match team {
        Some(code) => Some(app.store.team_id(code).await.unwrap()),
        None => None,
    };
    let new = NewStaff {
        name: DisplayName::parse(name).unwrap(),
        email: Email::parse(email).unwrap(),
        role,
        team,
    };
    app.store.add_staff(&new).await.unwrap().0
}

fn staff_claims(idp: &TestIdp, subject: &str, email: &str, nonce: &str) -> Value {
    let mut claims = idp.claims(subject, nonce);
    let object = claims.as_object_mut().unwrap();
    object.remove("identity_proofing_level");
    object.remove("vot");
    claims["email"] = email.into();
    claims
}

#[tokio::test]
async fn a_registered_member_of_staff_signs_in_and_sees_their_team() {
    let idp = TestIdp::start().await;
    for db in each_backend().await {
        let app = app_with(db, &idp, |_| {}).await;
        add_staff(
            &app,
            "Dana Reid",
            "dana.reid@nhs.net",
            Role::Practitioner,
            Some("int-cheetham-crumpsall"),
        )
        .await;
        let response = sign_in(&app, &idp, "staff", None, |b| {
            idp::sign(
                &staff_claims(&idp, "cis2-dana", "Dana.Reid@NHS.net", &b.nonce),
                Signing::Rs256,
            )
        })
        .await;
        let cookie = session_cookie(response.headers()).expect("signed in");
        let page = app.get("/team", Some(&cookie)).await;
        assert_eq!(page.status(), 200, "{}", app.db.name);
        let html = page.text().await.unwrap();
        assert!(
            html.contains("Cheetham and Crumpsall Integrated Neighbourhood Team"),
            "{html}"
        );
        assert!(html.contains("Dana Reid"));
    }
}

#[tokio::test]
async fn a_member_of_staff_not_in_the_directory_is_turned_away_politely() {
    let idp = TestIdp::start().await;
    let app = app_with(sqlite(), &idp, |_| {}).await;
    let response = sign_in(&app, &idp, "staff", None, |b| {
        idp::sign(
            &staff_claims(&idp, "cis2-x", "stranger@nhs.net", &b.nonce),
            Signing::Rs256,
        )
    })
    .await;
    assert_refused(&response, "not-registered");
    let page = app.get(&location(&response), None).await;
    assert_eq!(page.status(), 403);
    assert!(
        page.text()
            .await
            .unwrap()
            .contains("not registered to use Hive as staff")
    );
    assert!(
        app.store
            .person_by_identity(&idp.issuer, "cis2-x")
            .await
            .unwrap()
            .is_none()
    );
}

#[tokio::test]
async fn a_staff_provider_never_signs_in_a_resident_and_a_residents_provider_never_staff() {
    let idp = TestIdp::start().await;
    let app = app_with(sqlite(), &idp, |_| {}).await;
    // A resident's identity, then the same subject through the staff provider (same issuer).
    sign_in(&app, &idp, "nhs-login", None, |b| {
        idp::sign(&idp.claims("shared", &b.nonce), Signing::Rs256)
    })
    .await;
    let as_staff = sign_in(&app, &idp, "staff", None, |b| {
        idp::sign(
            &staff_claims(&idp, "shared", "amira@example.com", &b.nonce),
            Signing::Rs256,
        )
    })
    .await;
    assert_refused(&as_staff, "not-registered");
}

#[tokio::test]
async fn a_residents_provider_never_signs_in_a_member_of_staff() {
    let idp = TestIdp::start().await;
    let app = app_with(sqlite(), &idp, |_| {}).await;
    add_staff(
        &app,
        "Dana Reid",
        "dana@nhs.net",
        Role::Practitioner,
        Some("int-cheetham-crumpsall"),
    )
    .await;
    let staff = sign_in(&app, &idp, "staff", None, |b| {
        idp::sign(
            &staff_claims(&idp, "shared-staff", "dana@nhs.net", &b.nonce),
            Signing::Rs256,
        )
    })
    .await;
    assert!(
        session_cookie(staff.headers()).is_some(),
        "signed in as staff"
    );
    let as_resident = sign_in(&app, &idp, "nhs-login", None, |b| {
        idp::sign(&idp.claims("shared-staff", &b.nonce), Signing::Rs256)
    })
    .await;
    assert_refused(&as_resident, "not-registered");
}

#[tokio::test]
async fn a_staff_email_must_be_verified_unless_the_provider_vouches_for_every_email() {
    let idp = TestIdp::start().await;
    let app = app_with(sqlite(), &idp, |options| {
        let mut trusted = options.providers[2].clone();
        trusted.id = "cis2".into();
        trusted.trust_email = true;
        options.providers.push(trusted);
    })
    .await;
    add_staff(
        &app,
        "Dana Reid",
        "dana@nhs.net",
        Role::Practitioner,
        Some("int-cheetham-crumpsall"),
    )
    .await;
    for (what, verified) in [("unverified", Some(false)), ("no claim", None)] {
        let response = sign_in(&app, &idp, "staff", None, |b| {
            let mut claims = staff_claims(&idp, "mallory", "dana@nhs.net", &b.nonce);
            match verified {
                Some(v) => claims["email_verified"] = v.into(),
                None => {
                    claims.as_object_mut().unwrap().remove("email_verified");
                }
            }
            idp::sign(&claims, Signing::Rs256)
        })
        .await;
        assert_refused(&response, "not-registered");
        assert_eq!(
            app.store.staff_directory().await.unwrap()[0].status,
            app::domain::staff::StaffStatus::Pending,
            "{what}: the entry was claimed"
        );
    }
    let trusted = sign_in(&app, &idp, "cis2", None, |b| {
        let mut claims = staff_claims(&idp, "cis2-dana", "dana@nhs.net", &b.nonce);
        claims.as_object_mut().unwrap().remove("email_verified");
        idp::sign(&claims, Signing::Rs256)
    })
    .await;
    assert!(session_cookie(trusted.headers()).is_some());
}

#[tokio::test]
async fn an_admin_cannot_change_their_own_role_or_remove_themselves() {
    let idp = TestIdp::start().await;
    let app = app_with(sqlite(), &idp, |options| {
        options.bootstrap_admin_email = Some("chief@council.example".into());
    })
    .await;
    let response = sign_in(&app, &idp, "staff", None, |b| {
        idp::sign(
            &staff_claims(&idp, "chief", "chief@council.example", &b.nonce),
            Signing::Rs256,
        )
    })
    .await;
    let cookie = session_cookie(response.headers()).unwrap();
    let me = app.store.staff_directory().await.unwrap()[0]
        .id
        .0
        .to_string();
    let post = |path: &'static str, body: String| {
        let (app, cookie) = (&app, &cookie);
        async move {
            let response = app
                .client
                .post(app.url(path))
                .header("content-type", "application/x-www-form-urlencoded")
                .header("cookie", cookie.as_str())
                .body(body)
                .send()
                .await
                .unwrap();
            (response.status().as_u16(), response.text().await.unwrap())
        }
    };
    let (status, body) = post(
        "/api/change-staff",
        format!("id={me}&name=Chief&email=chief%40council.example&role=engagement_officer&team="),
    )
    .await;
    assert_eq!(status, 422);
    assert!(body.contains("You cannot change your own role"), "{body}");
    let (status, body) = post("/api/remove-staff", format!("id={me}")).await;
    assert_eq!(status, 409);
    assert!(body.contains("You cannot remove yourself"), "{body}");
    let entry = &app.store.staff_directory().await.unwrap()[0];
    assert_eq!(entry.role, Role::Admin);
    // Their own name they may change.
    let (status, _) = post(
        "/api/change-staff",
        format!("id={me}&name=Chief%20Officer&email=chief%40council.example&role=admin&team="),
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(
        app.store.staff_directory().await.unwrap()[0].name,
        "Chief Officer"
    );
}

#[tokio::test]
async fn removing_someone_takes_effect_on_their_next_request() {
    let idp = TestIdp::start().await;
    let app = app_with(sqlite(), &idp, |_| {}).await;
    let id = add_staff(
        &app,
        "Dana Reid",
        "dana@nhs.net",
        Role::TeamLead,
        Some("int-cheetham-crumpsall"),
    )
    .await;
    let response = sign_in(&app, &idp, "staff", None, |b| {
        idp::sign(
            &staff_claims(&idp, "cis2-dana", "dana@nhs.net", &b.nonce),
            Signing::Rs256,
        )
    })
    .await;
    let cookie = session_cookie(response.headers()).unwrap();
    assert_eq!(app.get("/team", Some(&cookie)).await.status(), 200);
    app.store
        .remove_staff(app::domain::ids::PersonId(id))
        .await
        .unwrap();
    let after = app.get("/team", Some(&cookie)).await;
    assert_eq!(after.status(), 302, "sent to sign in");
    // And signing in again is refused: the entry is gone.
    let again = sign_in(&app, &idp, "staff", None, |b| {
        idp::sign(
            &staff_claims(&idp, "cis2-dana", "dana@nhs.net", &b.nonce),
            Signing::Rs256,
        )
    })
    .await;
    assert_refused(&again, "not-registered");
}

#[tokio::test]
async fn the_bootstrap_admin_email_becomes_an_admin_at_first_staff_sign_in() {
    let idp = TestIdp::start().await;
    let app = app_with(sqlite(), &idp, |options| {
        options.bootstrap_admin_email = Some("Chief@Council.example".into());
    })
    .await;
    let response = sign_in(&app, &idp, "staff", None, |b| {
        idp::sign(
            &staff_claims(&idp, "chief", "chief@council.example", &b.nonce),
            Signing::Rs256,
        )
    })
    .await;
    let cookie = session_cookie(response.headers()).expect("signed in");
    let page = app.get("/admin/staff", Some(&cookie)).await;
    assert_eq!(page.status(), 200);
    assert!(page.text().await.unwrap().contains("chief@council.example"));
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
async fn sign_in_starts_are_rate_limited_per_address() {
    let idp = TestIdp::start().await;
    let app = app_with(sqlite(), &idp, |_| {}).await;
    let mut statuses = Vec::new();
    for _ in 0..=hive_server::auth::SIGN_INS_PER_MINUTE {
        statuses.push(
            app.get("/auth/login/nhs-login", None)
                .await
                .status()
                .as_u16(),
        );
    }
    assert!(
        statuses[..statuses.len() - 1].iter().all(|s| *s == 303),
        "{statuses:?}"
    );
    let last = app.get("/auth/login/nhs-login", None).await;
    assert_eq!(last.status(), 429);
    assert_eq!(last.headers()["retry-after"], "60");
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

#[tokio::test]
async fn a_sign_in_older_than_ten_minutes_is_refused() {
    let idp = TestIdp::start().await;
    let app = app_with(sqlite(), &idp, |_| {}).await;
    let begun = begin(&app, "nhs-login", None).await;
    idp.issue(
        "c1",
        idp::sign(&idp.claims("r", &begun.nonce), Signing::Rs256),
        &begun.challenge,
    );
    // The same attempt, started ten minutes and a second ago.
    let mut attempt = app.store.take_sign_in(&begun.state).await.unwrap().unwrap();
    attempt.created_at -= hive_server::auth::ATTEMPT_LIFETIME_MILLIS + 1000;
    app.store.begin_sign_in(&attempt).await.unwrap();
    let query = format!("code=c1&state={}", begun.state);
    assert_refused(
        &callback(&app, &query, Some(&begun.browser)).await,
        "expired",
    );
    assert!(idp.token_requests().is_empty(), "the code was never used");
}

#[tokio::test]
async fn the_http_client_does_not_follow_a_token_endpoint_redirect() {
    let idp = TestIdp::start().await;
    let app = app_with(sqlite(), &idp, |_| {}).await;
    let begun = begin(&app, "nhs-login", None).await;
    let query = format!("code=redirect-1&state={}", begun.state);
    assert_refused(
        &callback(&app, &query, Some(&begun.browser)).await,
        "failed",
    );
    assert_eq!(idp.token_requests().len(), 1);
    assert!(!idp.redirect_followed());
}
