//! Signing in through an OpenID provider, against the test provider in `idp.rs`: the happy
//! paths (flow.rs), staff and the directory (staff.rs), and a refusal for each way the flow can
//! be attacked (refusals.rs). This file holds what they share.

mod flow;
mod provider;
mod refusals;
mod staff;

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
pub(super) struct Begun {
    pub(super) state: String,
    pub(super) nonce: String,
    pub(super) challenge: String,
    /// `hive_sign_in=…`: the cookie binding the attempt to this browser.
    pub(super) browser: String,
    pub(super) query: HashMap<String, String>,
}

pub(super) async fn app_with(
    db: TestDb,
    idp: &TestIdp,
    tweak: impl FnOnce(&mut Options),
) -> TestApp {
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

pub(super) async fn begin(app: &TestApp, provider: &str, next: Option<&str>) -> Begun {
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

pub(super) async fn callback(
    app: &TestApp,
    query: &str,
    cookie: Option<&str>,
) -> reqwest::Response {
    app.get(&format!("/auth/callback?{query}"), cookie).await
}

/// The whole flow with the token the provider will hand over; returns the callback's answer.
pub(super) async fn sign_in(
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

pub(super) fn location(response: &reqwest::Response) -> String {
    response.headers()["location"].to_str().unwrap().to_string()
}

/// Refused: sent to the problem page with a reference, and not signed in.
#[track_caller]
pub(super) fn assert_refused(response: &reqwest::Response, reason: &str) {
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
