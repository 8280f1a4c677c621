//! What every server function and page needs from the running server, and the one place where
//! an outcome becomes an HTTP status.

use super::actor::{self, Actor};
use super::store::Store;
use crate::domain::form::{Form, FormScreen, Kept, Notice, Screen, kept_key};
use crate::error::AppError;
use leptos::prelude::*;
use std::sync::Arc;
use tower_sessions::Session;

/// The running service, shared by the axum routes and (through Leptos context) by pages and
/// server functions.
#[derive(Clone)]
pub struct Hive {
    pub store: Arc<dyn Store>,
    /// Demo sign-in is offered; only ever true on a loopback address.
    pub demo: bool,
    /// The identity providers the sign-in page offers.
    pub providers: Vec<crate::domain::identity::ProviderOption>,
    /// The providers' origins (`https://host`): signing out is a form post that redirects to
    /// a provider's end-session endpoint, which the page's `form-action` must allow.
    pub provider_origins: Vec<String>,
    /// After this many days without a change or a review, residents are asked to review.
    pub review_after_days: i64,
    /// Answers at campaigns' public links, per client address.
    pub answer_limit: Arc<AddressLimit>,
    /// Reports of published stories (each takes a story down until a moderator looks again),
    /// per client address.
    pub report_limit: Arc<AddressLimit>,
    /// Writes (every form's server function), per signed-in person.
    pub write_limit: Arc<PersonLimit>,
}

/// A rate limit per client address (the `governor` crate's keyed limiter).
pub type AddressLimit = governor::DefaultKeyedRateLimiter<std::net::IpAddr>;

/// A rate limit per signed-in person (a carer acting for someone counts as themselves).
pub type PersonLimit = governor::DefaultKeyedRateLimiter<crate::domain::ids::PersonId>;

/// The address a request came from (the connection's peer), put in the request by the server.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ClientIp(pub std::net::IpAddr);

/// This request's client address (unspecified when the server did not say).
pub fn client_ip() -> std::net::IpAddr {
    use_context::<http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<ClientIp>().copied())
        .map_or(std::net::IpAddr::V4(std::net::Ipv4Addr::UNSPECIFIED), |c| {
            c.0
        })
}

pub fn hive() -> Result<Hive, AppError> {
    use_context::<Hive>().ok_or_else(|| super::internal("Hive state is missing from the context"))
}

/// The actor of one request, worked out once however many server functions its page calls
/// (the header's and the page's own). It lives in the request, so nothing outlives it: a
/// change of role or a removal still takes effect on the next request.
#[derive(Clone, Default)]
pub struct RequestActor(Arc<tokio::sync::OnceCell<Actor>>);

/// Who is asking, from this request's session.
pub async fn current_actor() -> Result<(Hive, Actor), AppError> {
    let hive = hive()?;
    let resolve = || async {
        let session: Session = leptos_axum::extract().await.map_err(super::internal)?;
        actor::from_session(hive.store.as_ref(), &session, hive.demo).await
    };
    let cell = use_context::<http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<RequestActor>().cloned());
    let actor = match cell {
        Some(RequestActor(cell)) => cell.get_or_try_init(resolve).await?.clone(),
        None => resolve().await?,
    };
    Ok((hive, actor))
}

/// Who is asking, for a server function about to write: as `current_actor`, and the write is
/// counted against the signed-in person's allowance (`Hive::write_limit`). Over it, nothing is
/// written: the answer is 429 with the seconds to wait, and what they typed is kept for the
/// form's page like any refused form. Every form's server function starts here (the matrix test
/// and `tests/it/security.rs` check the limit on them).
pub async fn current_writer<F: Form>(instance: &str, form: &F) -> Result<(Hive, Actor), AppError> {
    let (hive, actor) = current_actor().await?;
    if let Some(person) = actor.person()
        && let Err(wait) = hive.write_limit.check_key(&person.id)
    {
        let retry_after = retry_after(&wait);
        return keep_failed(instance, form, Err(AppError::TooMany { retry_after })).await;
    }
    Ok((hive, actor))
}

/// Counts one request from `client` against `limit`: `TooMany`, with the seconds to wait, once
/// it is used up.
pub fn check_limit(limit: &AddressLimit, client: std::net::IpAddr) -> Result<(), AppError> {
    limit.check_key(&client).map_err(|wait| AppError::TooMany {
        retry_after: retry_after(&wait),
    })
}

/// Whole seconds until a request a rate limit refused would be allowed: rounded up, so that
/// trying again after them works, and at least one.
pub fn retry_after(
    wait: &governor::NotUntil<<governor::clock::DefaultClock as governor::clock::Clock>::Instant>,
) -> u64 {
    let now = governor::clock::Clock::now(&governor::clock::DefaultClock::default());
    let wait = wait.wait_time_from(now);
    (wait.as_secs() + u64::from(wait.subsec_nanos() > 0)).max(1)
}

/// Whether this request is a browser's own form post (no JavaScript), which the framework
/// answers with a redirect back to the form's page.
pub fn is_plain_form_post() -> bool {
    use_context::<http::request::Parts>().is_some_and(|parts| {
        parts
            .headers
            .get(http::header::ACCEPT)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.contains("text/html"))
            && parts.method == http::Method::POST
    })
}

/// Passes a result through, giving a failure its HTTP status. A plain form post (no JavaScript)
/// keeps the 302 back to its page that the framework answers it with.
pub fn respond<T>(result: Result<T, AppError>) -> Result<T, AppError> {
    if let Err(err) = &result
        && !is_plain_form_post()
        && let Some(options) = use_context::<leptos_axum::ResponseOptions>()
        && let Ok(status) = http::StatusCode::from_u16(err.status())
    {
        options.set_status(status);
        if let AppError::TooMany { retry_after } = err {
            options.insert_header(
                http::header::RETRY_AFTER,
                http::HeaderValue::from(*retry_after),
            );
        }
    }
    result
}

const FORM_KEY_PREFIX: &str = "hive.form.";
/// The most of one field a failed form keeps (the longest field allows 5,000).
const KEPT_CHARS: usize = 6_000;
const NOTICE_KEY: &str = "hive.notice";

async fn session() -> Result<Session, AppError> {
    leptos_axum::extract().await.map_err(super::internal)
}

/// After a form post without JavaScript, the page is loaded afresh: what the person typed and
/// what was wrong with it are kept in their session for that one load, so nothing they typed is
/// lost. (With JavaScript the post is sent in the background, and answered the same way.)
pub async fn keep_failed<F: Form, T>(
    instance: &str,
    form: &F,
    result: Result<T, AppError>,
) -> Result<T, AppError> {
    if is_plain_form_post()
        && let Err(error) = &result
        && matches!(
            error,
            AppError::Invalid { .. } | AppError::Conflict(_) | AppError::TooMany { .. }
        )
    {
        if F::NOTHING_TYPED {
            let why = crate::domain::form::problems(error)
                .into_iter()
                .map(|p| p.message)
                .collect::<Vec<_>>()
                .join(" ");
            put_notice(Notice::Refused(why)).await?;
            return result;
        }
        let kept = Kept {
            form: form.clone(),
            error: error.clone(),
        };
        let mut value = serde_json::to_value(kept).map_err(super::internal)?;
        // Enough to give back anything valid and show what was too long, no more: the
        // session is read on every request until the page takes this.
        clip_strings(&mut value);
        session()
            .await?
            .insert(
                &format!("{FORM_KEY_PREFIX}{}", kept_key::<F>(instance)),
                value,
            )
            .await
            .map_err(super::internal)?;
    }
    result
}

fn clip_strings(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::String(text) => {
            if let Some((at, _)) = text.char_indices().nth(KEPT_CHARS) {
                text.truncate(at);
            }
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(clip_strings),
        serde_json::Value::Object(fields) => fields.values_mut().for_each(clip_strings),
        _ => {}
    }
}

/// Takes (and so forgets) what `keep_failed` kept for form `F` and `instance`, if anything.
pub async fn take_kept<F: Form>(instance: &str) -> Result<Option<Kept<F>>, AppError> {
    take_once(&format!("{FORM_KEY_PREFIX}{}", kept_key::<F>(instance))).await
}

/// Where a successful save goes next, and the one-line confirmation it shows there.
pub struct Saved {
    pub notice: String,
    pub to: String,
}

impl Saved {
    pub fn new(notice: impl Into<String>, to: impl Into<String>) -> Saved {
        Saved {
            notice: notice.into(),
            to: to.into(),
        }
    }
}

/// The end of every form's server function: a save shows its confirmation on the page it
/// redirects to; a refusal keeps what was typed for the form's page (without JavaScript the
/// framework redirects back to it). The caller gives the outcome its status (`respond`).
pub async fn finish<F: Form>(
    instance: &str,
    form: &F,
    result: Result<Saved, AppError>,
) -> Result<(), AppError> {
    match result {
        Ok(Saved { notice, to }) => {
            set_notice(notice).await?;
            leptos_axum::redirect(&to);
            Ok(())
        }
        Err(error) => keep_failed(instance, form, Err(error)).await,
    }
}

/// A screen's view model: its data and the last save's confirmation.
pub async fn screen<T>(data: Result<T, AppError>) -> Result<Screen<T>, AppError> {
    let data = data?;
    Ok(Screen {
        data,
        notice: take_notice().await?,
    })
}

/// A form screen's view model: its data, the last save's confirmation and a failed post of
/// form `F` for `instance`.
pub async fn form_screen<T, F: Form>(
    instance: &str,
    data: Result<T, AppError>,
) -> Result<FormScreen<T, F>, AppError> {
    let data = data?;
    Ok(FormScreen {
        data,
        notice: take_notice().await?,
        kept: take_kept::<F>(instance).await?,
        read_only: false,
    })
}

/// What one request has taken out of its session, by key. Rendering a page may create the
/// same resource more than once (a parent's data arriving re-renders its children), and every
/// one of them must see what the first took, not an empty session.
#[derive(Clone, Default)]
pub struct RequestTaken(
    Arc<tokio::sync::Mutex<std::collections::HashMap<String, Option<serde_json::Value>>>>,
);

/// Removes `key` from the session if it is there. Only then is the session changed:
/// `Session::remove` marks it changed either way, and a changed session is written back at the
/// end of the request, so every page view (each takes the confirmation, usually absent) was a
/// write to the database.
async fn remove_if_there(
    session: &Session,
    key: &str,
) -> Result<Option<serde_json::Value>, AppError> {
    let there: Option<serde_json::Value> = session.get(key).await.map_err(super::internal)?;
    if there.is_none() {
        return Ok(None);
    }
    session.remove(key).await.map_err(super::internal)
}

/// Removes `key` from the session once per request; later calls in the same request get the
/// same value.
async fn take_once<T: serde::de::DeserializeOwned>(key: &str) -> Result<Option<T>, AppError> {
    let cell = use_context::<http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<RequestTaken>().cloned());
    let Some(RequestTaken(cell)) = cell else {
        let value = remove_if_there(&session().await?, key).await?;
        return Ok(value.and_then(|v| serde_json::from_value(v).ok()));
    };
    let mut taken = cell.lock().await;
    let value = match taken.get(key) {
        Some(value) => value.clone(),
        None => {
            let value = remove_if_there(&session().await?, key).await?;
            taken.insert(key.to_string(), value.clone());
            value
        }
    };
    Ok(value.and_then(|v| serde_json::from_value(v).ok()))
}

/// Keeps `value` for the next page that takes it (once), like a confirmation.
pub async fn set_flash<T: serde::Serialize>(key: &str, value: &T) -> Result<(), AppError> {
    let value = serde_json::to_value(value).map_err(super::internal)?;
    session()
        .await?
        .insert(key, value)
        .await
        .map_err(super::internal)
}

/// Takes (and so forgets) what `set_flash` kept under `key`.
pub async fn take_flash<T: serde::de::DeserializeOwned>(key: &str) -> Result<Option<T>, AppError> {
    take_once(key).await
}

/// Starts acting under a carer's grant (already checked) from the next request, or stops.
pub async fn act_as(grant: Option<i64>) -> Result<(), AppError> {
    super::actor::act_as(&session().await?, grant).await
}

/// A one-line confirmation for the next page the person sees ("Sam Okafor was added").
pub async fn set_notice(text: String) -> Result<(), AppError> {
    put_notice(Notice::Saved(text)).await
}

async fn put_notice(notice: Notice) -> Result<(), AppError> {
    session()
        .await?
        .insert(NOTICE_KEY, notice)
        .await
        .map_err(super::internal)
}

/// Takes (and so forgets) the confirmation or refusal, if there is one.
pub async fn take_notice() -> Result<Option<Notice>, AppError> {
    take_once(NOTICE_KEY).await
}
