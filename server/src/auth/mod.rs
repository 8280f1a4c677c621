//! Sign-in and sign-out routes. Plain axum handlers (not server functions): browsers reach them
//! by links, redirects and ordinary form posts, with or without JavaScript.
//!
//! The OpenID Connect flow (RFC 9700, OpenID Connect Core):
//! - `GET /auth/login/{id}?next=/path` keeps a sign-in attempt server-side (state, nonce, PKCE
//!   verifier, where to go next, the provider), binds it to this browser with a short-lived
//!   cookie, and sends the browser to the provider.
//! - `GET /auth/callback` takes the attempt by its state (single use, ten minutes, same browser),
//!   checks `iss`, exchanges the code, validates the ID token and signs the person in under a
//!   new session id. Any failure shows a page with a reference; the cause goes to the log only.

pub mod assertion;
pub mod oidc;

use app::domain::ids::PersonId;
use app::domain::navigation::{encode_query_value, safe_next};
use app::error::AppError;
use app::server::Hive;
use app::server::actor::SignedInVia;
use app::server::context::check_limit;
use app::server::services::{auth, sign_in};
use app::server::store::{SignInAttempt, VerifiedIdentity};
use axum::extract::{Path, Query, Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Extension, Form, Router};
use oidc::Providers;
use serde::Deserialize;
use sha2::{Digest, Sha256};
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use tower_sessions::Session;

/// A sign-in must come back from the provider within this long.
pub const ATTEMPT_LIFETIME_MILLIS: i64 = 10 * 60 * 1000;
/// Sign-in starts, and callbacks, each allowed per client address per minute.
pub const SIGN_INS_PER_MINUTE: u32 = 30;
/// The cookie that ties a sign-in attempt to the browser that started it. Over https it is a
/// `__Host-` cookie, which no other site (a sibling subdomain included) can set.
fn browser_cookie_name(secure: bool) -> &'static str {
    if secure {
        "__Host-hive_sign_in"
    } else {
        "hive_sign_in"
    }
}

/// Everything the sign-in routes share.
pub struct Auth {
    pub providers: Providers,
    /// Sign-in starts and callbacks per client address (`SIGN_INS_PER_MINUTE` each).
    pub starts: app::server::context::AddressLimit,
    pub callbacks: app::server::context::AddressLimit,
    /// Cookies are `Secure` when Hive is served over https.
    pub secure: bool,
    /// `public_url`, for the end-session endpoint's return address.
    pub public_url: Option<String>,
}

/// The address a request came from (the TCP peer), for rate limits (the app's own type, so
/// server functions read it too).
pub use app::server::context::ClientIp;

/// Puts the peer address in the request, whether or not the server recorded connection info.
pub async fn client_ip(mut req: Request) -> Request {
    let ip = req
        .extensions()
        .get::<axum::extract::ConnectInfo<SocketAddr>>()
        .map(|info| info.0.ip())
        .unwrap_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED));
    req.extensions_mut().insert(ClientIp(ip));
    req
}

/// What the sign-in routes read: the running service and their own settings and limits. The
/// router's state provides it (`FromRef`), so these routes depend on nothing of the web module.
#[derive(Clone)]
pub struct AuthState {
    pub hive: Hive,
    pub auth: std::sync::Arc<Auth>,
}

pub fn routes<S>() -> Router<S>
where
    AuthState: axum::extract::FromRef<S>,
    S: Clone + Send + Sync + 'static,
{
    Router::new()
        .route("/auth/demo", post(demo_sign_in))
        .route("/auth/logout", post(sign_out))
        .route("/auth/still-here", post(still_here))
        .route("/auth/login/{provider}", get(start))
        .route("/auth/callback", get(callback))
}

#[derive(Deserialize)]
struct DemoSignIn {
    person: i64,
}

async fn demo_sign_in(
    State(AuthState { hive, .. }): State<AuthState>,
    session: Session,
    Form(form): Form<DemoSignIn>,
) -> Response {
    match auth::demo_sign_in(&hive, &session, PersonId(form.person)).await {
        Ok(()) => Redirect::to("/").into_response(),
        Err(err) => plain_error(err),
    }
}

/// Ends Hive's session, then the provider's too when it offers an end-session endpoint.
/// "Stay signed in" (the timeout warning): the session is used like any request's, so its idle
/// time starts again. 204 while signed in; 401 once the session has ended.
async fn still_here(State(state): State<AuthState>, session: Session) -> StatusCode {
    let hive = &state.hive;
    match app::server::actor::from_session(hive.store.as_ref(), &session, hive.demo).await {
        Ok(app::server::actor::Actor::Anonymous) => StatusCode::UNAUTHORIZED,
        Ok(_) => StatusCode::NO_CONTENT,
        Err(err) => StatusCode::from_u16(err.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
    }
}

async fn sign_out(State(state): State<AuthState>, session: Session) -> Response {
    let provider = match auth::sign_out(&state.hive, &session).await {
        Ok(provider) => provider,
        Err(err) => return plain_error(err),
    };
    let Some(provider) = provider.and_then(|id| state.auth.providers.get(&id)) else {
        return Redirect::to("/").into_response();
    };
    match state.auth.providers.discover(&provider).await {
        Ok(found) => match &found.end_session_endpoint {
            Some(endpoint) => {
                let mut url = endpoint.clone();
                url.query_pairs_mut()
                    .append_pair("client_id", &provider.config.client_id)
                    .append_pair(
                        "post_logout_redirect_uri",
                        &format!("{}/", state.auth.public_url.as_deref().unwrap_or("")),
                    );
                Redirect::to(url.as_str()).into_response()
            }
            None => Redirect::to("/").into_response(),
        },
        Err(err) => {
            // Hive's own session has ended, which is what matters; say so in the log.
            tracing::warn!(provider = %provider.config.id, cause = %err, "could not reach the provider to end its session");
            Redirect::to("/").into_response()
        }
    }
}

#[derive(Deserialize)]
struct StartQuery {
    next: Option<String>,
}

async fn start(
    State(state): State<AuthState>,
    Extension(ClientIp(ip)): Extension<ClientIp>,
    Path(provider_id): Path<String>,
    Query(query): Query<StartQuery>,
    headers: HeaderMap,
) -> Response {
    if let Err(AppError::TooMany { retry_after }) = check_limit(&state.auth.starts, ip) {
        return too_many(retry_after);
    }
    let Some(provider) = state.auth.providers.get(&provider_id) else {
        return problem("unknown-provider", None);
    };
    let next = query.next.as_deref().and_then(safe_next).unwrap_or("/");
    let started = match state.auth.providers.start(&provider).await {
        Ok(started) => started,
        Err(err) => return failed("unavailable", &provider.config.id, &err),
    };
    let browser = browser_cookie(&headers, state.auth.secure)
        .unwrap_or_else(|| openidconnect::CsrfToken::new_random().secret().clone());
    let attempt = SignInAttempt {
        state: started.state,
        browser: digest(&browser),
        provider: provider.config.id.clone(),
        nonce: started.nonce,
        pkce_verifier: started.pkce_verifier,
        next_path: next.to_string(),
        created_at: crate::db::rows::now_millis(),
    };
    if let Err(err) = state.hive.store.begin_sign_in(&attempt).await {
        return failed("failed", &provider.config.id, &err);
    }
    let mut response = Redirect::to(started.url.as_str()).into_response();
    set_browser_cookie(&mut response, &browser, state.auth.secure, 600);
    response
}

#[derive(Deserialize)]
struct CallbackQuery {
    code: Option<String>,
    state: Option<String>,
    iss: Option<String>,
    error: Option<String>,
}

async fn callback(
    State(state): State<AuthState>,
    Extension(ClientIp(ip)): Extension<ClientIp>,
    session: Session,
    headers: HeaderMap,
    Query(query): Query<CallbackQuery>,
) -> Response {
    if let Err(AppError::TooMany { retry_after }) = check_limit(&state.auth.callbacks, ip) {
        return too_many(retry_after);
    }
    let store = state.hive.store.as_ref();
    let Some(key) = query.state else {
        tracing::warn!("sign-in callback without a state");
        return problem("expired", None);
    };
    let attempt = match store.take_sign_in(&key).await {
        Ok(Some(attempt)) => attempt,
        Ok(None) => {
            tracing::warn!("sign-in callback with an unknown or already used state");
            return problem("expired", None);
        }
        Err(err) => return failed("failed", "-", &err),
    };
    let id = attempt.provider.as_str();
    if crate::db::rows::now_millis() - attempt.created_at > ATTEMPT_LIFETIME_MILLIS {
        tracing::warn!(provider = id, "sign-in callback after the attempt expired");
        return problem("expired", None);
    }
    if browser_cookie(&headers, state.auth.secure)
        .map(|b| digest(&b))
        .as_deref()
        != Some(attempt.browser.as_str())
    {
        tracing::warn!(
            provider = id,
            "sign-in callback from a browser that did not start it"
        );
        return problem("expired", None);
    }
    let Some(provider) = state.auth.providers.get(id) else {
        return failed("failed", id, &"the provider is no longer configured");
    };
    if let Some(error) = query.error {
        let code = oidc::loggable_code(&error);
        tracing::info!(provider = id, error = %code, "the provider returned an error");
        return if code == "access_denied" {
            problem("cancelled", None)
        } else {
            failed("failed", id, &format!("provider error {code}"))
        };
    }
    let found = match state.auth.providers.discover(&provider).await {
        Ok(found) => found,
        Err(err) => return failed("unavailable", id, &err),
    };
    match &query.iss {
        Some(iss) if *iss != provider.config.issuer => {
            return failed(
                "failed",
                id,
                &"iss on the callback is not the provider's issuer",
            );
        }
        // RFC 9207: a provider that says it sends `iss` always does; a callback without it may
        // be a mix-up attack relaying another provider's code.
        None if found.sends_iss => {
            return failed(
                "failed",
                id,
                &"the provider sends iss (RFC 9207) but the callback has none",
            );
        }
        _ => {}
    }
    let Some(code) = query.code.filter(|c| !c.is_empty()) else {
        return failed("failed", id, &"callback without a code");
    };
    let verified = match state
        .auth
        .providers
        .finish(&provider, &code, &attempt.nonce, &attempt.pkce_verifier)
        .await
    {
        Ok(verified) => verified,
        Err(err) => return failed("failed", id, &err),
    };
    // The level counts only if it was reached with credentials Hive asked for (`vtr`).
    let asked: Vec<String> = provider
        .config
        .vtr
        .as_deref()
        .and_then(|vtr| serde_json::from_str(vtr).ok())
        .unwrap_or_default();
    let level = if app::domain::identity::credentials_requested(&asked, verified.vot.as_deref()) {
        verified.level
    } else {
        tracing::info!(
            provider = id,
            "signed in with credentials Hive did not ask for: no identity level"
        );
        None
    };
    let identity = VerifiedIdentity {
        issuer: provider.config.issuer.clone(),
        subject: verified.subject,
        level,
    };
    let claimed = sign_in::Claimed {
        name: verified.name,
        email: verified.email,
        email_verified: verified.email_verified,
    };
    let vouched = sign_in::Vouched {
        audience: provider.config.audience,
        minimum: provider.config.minimum_level,
        trust_email: provider.config.trust_email,
    };
    let outcome = sign_in::resolve(store, vouched, &identity, &claimed).await;
    match outcome {
        Ok(sign_in::Outcome::SignedIn { person, restricted }) => {
            let via = SignedInVia {
                provider: Some(provider.config.id.clone()),
                restricted,
            };
            if let Err(err) = app::server::actor::start_session(&session, person, via).await {
                return plain_error(err);
            }
            tracing::info!(provider = id, restricted, "signed in");
            let mut response = Redirect::to(&attempt.next_path).into_response();
            set_browser_cookie(&mut response, "", state.auth.secure, 0);
            response
        }
        Ok(sign_in::Outcome::NotRegistered) => {
            tracing::info!(
                provider = id,
                "sign-in by someone not in the staff directory"
            );
            problem("not-registered", None)
        }
        Err(err) => plain_error(err),
    }
}

/// Sends the browser to the page that explains a failed sign-in.
fn problem(reason: &str, reference: Option<&str>) -> Response {
    let mut to = format!("/auth/problem?reason={}", encode_query_value(reason));
    if let Some(reference) = reference {
        to.push_str("&reference=");
        to.push_str(reference);
    }
    Redirect::to(&to).into_response()
}

/// Logs why a sign-in failed under a fresh reference, and shows the person that reference.
fn failed(reason: &str, provider: &str, cause: &dyn std::fmt::Display) -> Response {
    let reference = uuid::Uuid::new_v4().simple().to_string()[..12].to_string();
    tracing::warn!(%reference, provider, cause = %cause, "sign-in failed");
    problem(reason, Some(&reference))
}

fn too_many(retry_after: u64) -> Response {
    let mut response = (
        StatusCode::TOO_MANY_REQUESTS,
        Html(format!(
            "<!DOCTYPE html><html lang=\"en-GB\"><head><meta charset=\"utf-8\">\
             <title>Too many attempts - Hive</title></head><body><main>\
             <h1>Too many sign-in attempts</h1>\
             <p>There have been too many attempts to sign in from your connection. \
             Wait {}, then <a href=\"/auth/login\">try again</a>.</p></main></body></html>",
            if retry_after == 1 {
                "a second".to_string()
            } else {
                format!("{retry_after} seconds")
            }
        )),
    )
        .into_response();
    if let Ok(value) = HeaderValue::from_str(&retry_after.to_string()) {
        response.headers_mut().insert(header::RETRY_AFTER, value);
    }
    response
}

fn plain_error(err: AppError) -> Response {
    let status = StatusCode::from_u16(err.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    (status, err.to_string()).into_response()
}

fn digest(value: &str) -> String {
    Sha256::digest(value.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn browser_cookie(headers: &HeaderMap, secure: bool) -> Option<String> {
    let name = browser_cookie_name(secure);
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(cookie, value)| *cookie == name && !value.is_empty())
        .map(|(_, value)| value.to_string())
}

fn set_browser_cookie(response: &mut Response, value: &str, secure: bool, max_age: u32) {
    let cookie = format!(
        "{}={value}; Path=/; Max-Age={max_age}; HttpOnly; SameSite=Lax{}",
        browser_cookie_name(secure),
        if secure { "; Secure" } else { "" }
    );
    if let Ok(value) = HeaderValue::from_str(&cookie) {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
}
