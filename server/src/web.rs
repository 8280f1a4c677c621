//! The HTTP service: routes, the layers every request passes through, and serving.

use crate::config::Settings;
use crate::db::{self, Database};
use crate::error::StartupError;
use crate::seed;
use app::server::Hive;
use app::server::actor::IDLE_LIFETIME_SECS;
use app::{App, shell};
use axum::Router;
use axum::extract::{FromRef, Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use leptos::config::LeptosOptions;
use leptos::prelude::provide_context;
use leptos_axum::{LeptosRoutes, file_and_error_handler_with_context, generate_route_list};
use std::time::Duration;
use tower_http::compression::CompressionLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::{DefaultOnResponse, TraceLayer};
use tower_sessions::cookie::SameSite;
use tower_sessions::{Expiry, SessionManagerLayer};

/// The largest request body Hive reads; larger ones get 413 before any handler runs.
pub const BODY_LIMIT_BYTES: usize = 256 * 1024;

/// The session cookie's name over plain http (loopback only) and over https.
pub const SESSION_COOKIE: &str = "hive_session";
pub const SECURE_SESSION_COOKIE: &str = "__Host-hive_session";

/// How long a request may take, and how much one person may write: the defaults but in tests
/// (and `writes_per_minute`, which an operator may set).
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// Each part of a request body must arrive within this long…
    pub body_read_timeout: std::time::Duration,
    /// …and the whole request be answered within this long: a slow client cannot hold a
    /// connection (and its database work) open.
    pub request_timeout: std::time::Duration,
    /// A request's headers must have arrived this long after the connection opened, or after
    /// the last answer on a kept-alive connection; otherwise the connection is closed.
    pub header_read_timeout: std::time::Duration,
    /// Writes per signed-in person: this many at once, then the same again each minute, one
    /// at a time. Far above anyone typing (a save takes a page load); a script or a stuck
    /// client is refused with 429 and a retry time before it fills the record's history.
    pub writes_per_minute: std::num::NonZeroU32,
}

/// The default allowance of writes: sixty, then one a second.
pub const DEFAULT_WRITES_PER_MINUTE: u32 = 60;

impl Default for Limits {
    fn default() -> Self {
        Limits {
            body_read_timeout: std::time::Duration::from_secs(20),
            request_timeout: std::time::Duration::from_secs(30),
            header_read_timeout: std::time::Duration::from_secs(30),
            writes_per_minute: std::num::NonZeroU32::new(DEFAULT_WRITES_PER_MINUTE)
                .expect("sixty is not zero"),
        }
    }
}

/// Answers at campaigns' public links: twenty at once from one address, then one every three
/// seconds (a family, or a community centre's computer, answering is fine; a script is not).
const ANSWERS_PER_ADDRESS: governor::Quota =
    governor::Quota::per_minute(std::num::NonZeroU32::new(20).expect("twenty is not zero"));

/// Reports of published stories: a report takes a story down until a moderator looks again,
/// so one address may report five an hour (a person who reads the stories and finds a few
/// wrong is fine; a script taking every story down is not).
const REPORTS_PER_ADDRESS: governor::Quota =
    governor::Quota::per_hour(std::num::NonZeroU32::new(5).expect("five is not zero"));

/// Sign-in starts, and callbacks, each per client address: thirty at once, then one every two
/// seconds. Each costs a provider round trip and a database write.
const SIGN_INS_PER_ADDRESS: governor::Quota = governor::Quota::per_minute(
    std::num::NonZeroU32::new(crate::auth::SIGN_INS_PER_MINUTE).expect("thirty is not zero"),
);

#[derive(Clone)]
pub struct AppState {
    pub leptos: LeptosOptions,
    pub hive: Hive,
    /// `https://host` when a public URL is configured; otherwise worked out from `Host`.
    pub origin: Option<String>,
    pub auth: std::sync::Arc<crate::auth::Auth>,
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos.clone()
    }
}

impl FromRef<AppState> for crate::auth::AuthState {
    fn from_ref(state: &AppState) -> Self {
        crate::auth::AuthState {
            hive: state.hive.clone(),
            auth: state.auth.clone(),
        }
    }
}

impl FromRef<AppState> for Hive {
    fn from_ref(state: &AppState) -> Self {
        state.hive.clone()
    }
}

/// Opens the database, seeds the demo if asked, and serves until Ctrl-C or SIGTERM.
pub async fn serve(settings: Settings) -> Result<(), StartupError> {
    let addr = settings.leptos.site_addr;
    if settings.demo && !addr.ip().is_loopback() {
        return Err(StartupError::new(format!(
            "demo mode only runs on a loopback address (127.0.0.1 or ::1), not {addr}"
        )));
    }
    let database = db::open(&settings.database).await?;
    if settings.demo {
        // A database anyone has signed in to through a real identity provider holds real
        // people: demo sign-in (anyone may be anyone) must never be offered on it. The demo's
        // own people have no identity, or one at the demo's made-up issuer.
        let real = database
            .bulk
            .number(&format!(
                "SELECT count(*) FROM identities WHERE issuer <> '{}'",
                seed::DEMO_ISSUER
            ))
            .await
            .map_err(|e| StartupError::new(format!("cannot read the database: {e}")))?;
        if real > 0 {
            return Err(StartupError::new(
                "demo mode refuses this database: people have signed in to it through an identity provider; run the demo on a database of its own",
            ));
        }
        seed::seed_demo(database.store.as_ref())
            .await
            .map_err(|e| StartupError::new(format!("seeding the demo failed: {e}")))?;
        seed::seed_demo_record(database.store.as_ref())
            .await
            .map_err(|e| StartupError::new(format!("seeding the demo record failed: {e}")))?;
        // Not part of the city-scale seed, which refuses people who are not the demo's.
        seed::seed_demo_directory(database.store.as_ref())
            .await
            .map_err(|e| StartupError::new(format!("seeding the demo directory failed: {e}")))?;
    }
    if let Some(email) = &settings.bootstrap_admin_email
        && crate::admin::bootstrap(database.store.as_ref(), email).await?
    {
        tracing::info!("added the bootstrap administrator to the staff directory");
    }
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .map_err(|e| StartupError::new(format!("cannot listen on {addr}: {e}")))?;
    tracing::info!(%addr, backend = database.backend, demo = settings.demo, "Hive is listening");
    let app = build_app(&settings, database)?;
    serve_connections(listener, app, settings.limits, shutdown_signal()).await;
    Ok(())
}

/// Serves `app` on `listener` until `shutdown` completes, then lets the requests under way
/// finish (for at most the request timeout).
///
/// This is `axum::serve` (hyper's HTTP/1.1 server, each connection on its own task, the
/// client's address in the request as `ConnectInfo`) with what it leaves out: a timer, so that
/// a client must send a request's headers within `limits.header_read_timeout`. Without it a
/// client sending its headers a byte at a time, or a keep-alive connection left silent, holds
/// its connection for ever; the request and body timeouts only start once the headers are in.
pub async fn serve_connections(
    listener: tokio::net::TcpListener,
    app: Router,
    limits: Limits,
    shutdown: impl std::future::Future<Output = ()>,
) {
    use hyper_util::rt::{TokioIo, TokioTimer};
    let mut builder = hyper::server::conn::http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(limits.header_read_timeout);
    let graceful = hyper_util::server::graceful::GracefulShutdown::new();
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let (tcp, addr) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(e) => {
                    // Out of file descriptors, say: wait a little and accept again.
                    tracing::warn!(error = %e, "could not accept a connection");
                    tokio::time::sleep(std::time::Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        // Without it, keep-alive responses stall for ~40 ms each (Nagle and delayed ACKs).
        let _ = tcp.set_nodelay(true);
        let app = app.clone();
        let service =
            hyper::service::service_fn(move |request: http::Request<hyper::body::Incoming>| {
                let mut request = request.map(axum::body::Body::new);
                request
                    .extensions_mut()
                    .insert(axum::extract::ConnectInfo(addr));
                tower::ServiceExt::oneshot(app.clone(), request)
            });
        let connection = builder.serve_connection(TokioIo::new(tcp), service);
        let connection = graceful.watch(connection);
        tokio::spawn(async move {
            // A connection's own failures (a client gone, a header timeout) end only it.
            let _ = connection.await;
        });
    }
    drop(listener);
    if tokio::time::timeout(limits.request_timeout, graceful.shutdown())
        .await
        .is_err()
    {
        tracing::warn!("stopped with requests still under way");
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! { () = ctrl_c => {}, () = terminate => {} }
}

/// The whole service as a router, for `serve` and for the integration tests.
pub fn build_app(settings: &Settings, database: Database) -> Result<Router, StartupError> {
    // Leptos spawns rendering work on this global executor. leptos_axum sets it only when a
    // server function is first called, so without this a first request for a page never ends.
    let _ = any_spawner::Executor::init_tokio();
    let sessions = database.sessions.clone();
    let store = database.store.clone();
    let providers = settings
        .identity_providers
        .iter()
        .map(|p| app::domain::identity::ProviderOption {
            id: p.id.clone(),
            label: p.label.clone(),
            audience: p.audience,
        })
        .collect();
    let state = AppState {
        leptos: settings.leptos.clone(),
        hive: Hive {
            store: database.store,
            demo: settings.demo,
            providers,
            review_after_days: settings.review_after_days,
            answer_limit: std::sync::Arc::new(governor::RateLimiter::keyed(ANSWERS_PER_ADDRESS)),
            report_limit: std::sync::Arc::new(governor::RateLimiter::keyed(REPORTS_PER_ADDRESS)),
            write_limit: std::sync::Arc::new(governor::RateLimiter::keyed(
                governor::Quota::per_minute(settings.limits.writes_per_minute),
            )),
            provider_origins: {
                let mut origins: Vec<String> = settings
                    .identity_providers
                    .iter()
                    .filter_map(|p| url::Url::parse(&p.issuer).ok())
                    .map(|u| u.origin().ascii_serialization())
                    .collect();
                origins.sort();
                origins.dedup();
                origins
            },
        },
        origin: settings
            .public_url
            .as_ref()
            .map(|u| u.trim_end_matches('/').to_string()),
        auth: std::sync::Arc::new(crate::auth::Auth {
            providers: crate::auth::oidc::Providers::new(
                &settings.identity_providers,
                settings.public_url.as_deref(),
                settings.provider_timings,
            )
            .map_err(|e| StartupError::new(e.to_string()))?,
            starts: governor::RateLimiter::keyed(SIGN_INS_PER_ADDRESS),
            callbacks: governor::RateLimiter::keyed(SIGN_INS_PER_ADDRESS),
            secure: settings.https(),
            public_url: settings.public_url.clone(),
        }),
    };
    // The providers' endpoints and keys, fetched now so the first sign-in need not wait.
    state.auth.providers.warm_up();
    tokio::spawn(housekeeping(
        settings.housekeeping_every,
        sessions.clone(),
        store,
        state.hive.clone(),
        state.auth.clone(),
    ));
    let session_layer = SessionManagerLayer::new(sessions)
        // Over https the `__Host-` prefix: browsers then refuse the cookie unless it is Secure,
        // host-only (no Domain) and for the whole site (Path=/), so no other host or path can
        // set or shadow it. Plain http (loopback only) cannot have it: it needs Secure.
        .with_name(if settings.https() {
            SECURE_SESSION_COOKIE
        } else {
            SESSION_COOKIE
        })
        .with_path("/")
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_secure(settings.https())
        .with_expiry(Expiry::OnInactivity(time::Duration::seconds(
            IDLE_LIFETIME_SECS,
        )));

    let hive = state.hive.clone();
    let context = move || provide_context(hive.clone());
    let options = state.leptos.clone();
    let routes = route_list();
    let mut router = Router::new()
        .route("/healthz", get(healthz))
        .route("/readyz", get(readyz))
        .merge(crate::auth::routes())
        .merge(crate::downloads::routes())
        .leptos_routes_with_context(&state, routes, context.clone(), move || {
            shell(options.clone())
        })
        .fallback(file_and_error_handler_with_context::<AppState, _>(
            context, shell,
        ))
        .layer(middleware::from_fn(server_fn_error_status))
        .layer(middleware::map_request(|mut req: Request| async move {
            req.extensions_mut()
                .insert(app::server::RequestActor::default());
            req.extensions_mut()
                .insert(app::server::RequestTaken::default());
            req
        }))
        .layer(session_layer)
        .layer(middleware::map_request(crate::auth::client_ip))
        .layer(middleware::from_fn(form_bodies_only))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            same_origin_writes,
        ))
        .layer(middleware::from_fn(cache_headers))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::REFERRER_POLICY,
            // Same-origin keeps the Referer that no-JavaScript form posts are redirected by.
            HeaderValue::from_static("same-origin"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static("frame-ancestors 'none'; object-src 'none'; base-uri 'none'"),
        ));
    if settings.https() {
        router = router.layer(SetResponseHeaderLayer::overriding(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000; includeSubDomains"),
        ));
    }
    Ok(router
        // Pages and server-function answers are compressed as they are sent; the built files
        // are compressed once at build time (`--precompress`), and a response that already has
        // a Content-Encoding is passed through as it is.
        .layer(CompressionLayer::new().br(true).gzip(true))
        .layer(RequestBodyLimitLayer::new(BODY_LIMIT_BYTES))
        .layer(tower_http::timeout::RequestBodyTimeoutLayer::new(
            settings.limits.body_read_timeout,
        ))
        .layer(tower_http::timeout::TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            settings.limits.request_timeout,
        ))
        // A bug that panics while answering gets a 500 page, logged in the request's span,
        // instead of a connection dropped without an answer.
        .layer(tower_http::catch_panic::CatchPanicLayer::custom(answer_panic))
        .layer(
            TraceLayer::new_for_http()
                .on_response(DefaultOnResponse::new().level(tracing::Level::INFO))
                .make_span_with(|req: &Request| {
                let id = req
                    .headers()
                    .get("x-request-id")
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or("-");
                // The path only: query strings may carry form errors.
                tracing::info_span!("request", request_id = %id, method = %req.method(), path = %req.uri().path())
            }),
        )
        .layer(PropagateRequestIdLayer::x_request_id())
        .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid))
        // Ids in the logs are Hive's own: one a client sends is dropped, not trusted.
        .layer(middleware::map_request(|mut req: Request| async move {
            req.headers_mut().remove("x-request-id");
            req
        }))
        .with_state(state))
}

/// The pages' routes, worked out once per process. Working them out renders the whole app in
/// a special mode; doing that while other requests render (several apps in one process, as in
/// the integration tests) left some of those requests unfinished.
fn route_list() -> Vec<leptos_axum::AxumRouteListing> {
    static ROUTES: std::sync::OnceLock<Vec<leptos_axum::AxumRouteListing>> =
        std::sync::OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App)).clone()
}

/// How often expired sessions, abandoned sign-ins and whole rate allowances are cleared
/// away, unless configured otherwise (the tests shorten it).
pub const HOUSEKEEPING_EVERY: Duration = Duration::from_secs(300);

/// Every `every`, for as long as the process runs: deletes expired sessions, sign-in attempts
/// older than any may be finished and sign-outs older than any session can live, and drops the
/// rate limits' allowances that are whole again. A failed round (a database blip) is logged and
/// the next one tried as usual.
async fn housekeeping(
    every: Duration,
    sessions: crate::db::sessions::SessionStoreKind,
    store: std::sync::Arc<dyn app::server::Store>,
    hive: Hive,
    auth: std::sync::Arc<crate::auth::Auth>,
) {
    use tower_sessions::session_store::ExpiredDeletion;
    let mut interval = tokio::time::interval(every);
    // The first tick is immediate: skip it, so start-up is not also a clean-up.
    interval.tick().await;
    loop {
        interval.tick().await;
        if let Err(err) = sessions.delete_expired().await {
            tracing::warn!(cause = %err, "deleting expired sessions failed");
        }
        let before = crate::db::rows::now_millis() - crate::auth::ATTEMPT_LIFETIME_MILLIS;
        if let Err(err) = store.forget_sign_ins_before(before).await {
            tracing::warn!(cause = %err, "forgetting abandoned sign-ins failed");
        }
        let before =
            crate::db::rows::now_millis() - app::server::actor::ABSOLUTE_LIFETIME_SECS * 1000;
        if let Err(err) = store.forget_ended_sign_ins_before(before).await {
            tracing::warn!(cause = %err, "forgetting ended sign-ins failed");
        }
        forget_whole_allowances(&[
            &*hive.answer_limit,
            &*hive.report_limit,
            &auth.starts,
            &auth.callbacks,
            &*hive.write_limit,
        ]);
    }
}

/// A keyed rate limit, whatever its key.
trait KeyedLimit {
    fn forget_whole(&self);
}

impl<K: std::hash::Hash + Eq + Clone> KeyedLimit for governor::DefaultKeyedRateLimiter<K> {
    fn forget_whole(&self) {
        self.retain_recent();
        self.shrink_to_fit();
    }
}

/// The keyed rate limits keep a cell for every address and person they have counted: the ones
/// whose allowance is whole again are dropped, so the memory they take follows recent traffic,
/// not every address ever seen.
fn forget_whole_allowances(limits: &[&dyn KeyedLimit]) {
    for limit in limits {
        limit.forget_whole();
    }
}

/// The answer to a request whose handling panicked. The panic's message is not logged here:
/// it may hold whatever the code was handling (the panic hook prints where it happened).
fn answer_panic(_panic: Box<dyn std::any::Any + Send + 'static>) -> Response {
    tracing::error!("a request panicked; answered 500");
    (
        StatusCode::INTERNAL_SERVER_ERROR,
        [
            (header::CONTENT_TYPE, "text/plain; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        "Sorry, there is a problem with the service. Nothing you have saved has been lost. Try again later.",
    )
        .into_response()
}

async fn healthz() -> &'static str {
    "ok"
}

async fn readyz(State(hive): State<Hive>) -> Response {
    match app::server::services::health::ready(&hive).await {
        Ok(()) => (StatusCode::OK, "ready").into_response(),
        Err(err) => {
            tracing::warn!(cause = %err, "readiness check failed");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable").into_response()
        }
    }
}

/// A server function that fails before its body runs (arguments that cannot be read) is
/// answered 500 by the framework. Its body is the serialised `AppError`, which knows its own
/// status: use that, so bad input is a 4xx.
async fn server_fn_error_status(req: Request, next: Next) -> Response {
    let response = next.run(req).await;
    if response.status() != StatusCode::INTERNAL_SERVER_ERROR
        || !response.headers().contains_key("serverfnerror")
    {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, 64 * 1024).await else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    if let Ok(error) = serde_json::from_slice::<app::error::AppError>(&bytes)
        && let Ok(status) = StatusCode::from_u16(error.status())
    {
        parts.status = status;
    }
    Response::from_parts(parts, axum::body::Body::from(bytes))
}

/// How long a browser may keep a response.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Caching {
    /// Pages and server-function answers may hold personal data: never kept.
    NoStore,
    /// A built file whose name carries a hash of its content (`hive.<hash>.wasm`): a new build
    /// has a new name, so this one never changes and is kept for a year without asking again.
    Immutable,
    /// Any other static file (`/favicon.svg`): kept, but checked with the server before use.
    Revalidate,
}

impl Caching {
    pub fn for_path(path: &str) -> Self {
        let name = path.rsplit('/').next().unwrap_or_default();
        if path.starts_with("/pkg/") && has_content_hash(name) {
            Caching::Immutable
        } else if path.starts_with("/pkg/") || PUBLIC_FILES.contains(&path) {
            Caching::Revalidate
        } else {
            Caching::NoStore
        }
    }

    fn header(self) -> HeaderValue {
        HeaderValue::from_static(match self {
            Caching::NoStore => "no-store",
            Caching::Immutable => "public, max-age=31536000, immutable",
            Caching::Revalidate => "no-cache",
        })
    }
}

/// The files in `public/`, served at the site's root.
const PUBLIC_FILES: &[&str] = &["/favicon.svg", "/assets/images/nhsuk-icon-cross.svg"];

/// cargo-leptos names hashed files `name.<hash>.ext`, the hash being an MD5 in unpadded
/// base64url: 22 characters.
fn has_content_hash(name: &str) -> bool {
    let mut parts = name.rsplit('.');
    let (Some(_ext), Some(hash), Some(stem)) = (parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    !stem.is_empty()
        && hash.len() == 22
        && hash
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// Sets each response's Cache-Control (see [`Caching`]). Only a file actually served is cached:
/// a "not found" for a static path is not kept either. Static files may be sent compressed
/// (precompressed `.br`/`.gz`), so caches must key them by Accept-Encoding.
async fn cache_headers(req: Request, next: Next) -> Response {
    let caching = Caching::for_path(req.uri().path());
    let mut response = next.run(req).await;
    let served = response.status().is_success() || response.status() == StatusCode::NOT_MODIFIED;
    let caching = if served { caching } else { Caching::NoStore };
    let headers = response.headers_mut();
    headers.insert(header::CACHE_CONTROL, caching.header());
    if caching != Caching::NoStore && !headers.contains_key(header::VARY) {
        headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    }
    response
}

/// Refuses a state-changing request that another site made the browser send (CSRF): the
/// browser's `Sec-Fetch-Site` must not say cross-site, and any `Origin` must be Hive's own.
async fn same_origin_writes(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let safe = matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    if safe || is_same_origin(&req, state.origin.as_deref()) {
        return next.run(req).await;
    }
    tracing::warn!("refused a cross-site write");
    (
        StatusCode::FORBIDDEN,
        "This request came from another site and was refused.",
    )
        .into_response()
}

/// Server functions read what they are sent as a form (`application/x-www-form-urlencoded`:
/// what a browser's form post and the pages' script both send). A body of any other type, or
/// of none, is refused with 415 before a function reads it. Read as a form, such a body has
/// none of the function's fields, and a function that only reads would have answered as if
/// asked for its defaults.
async fn form_bodies_only(req: Request, next: Next) -> Response {
    let form = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|t| {
            t.trim()
                .eq_ignore_ascii_case("application/x-www-form-urlencoded")
        });
    if req.method() == Method::POST && req.uri().path().starts_with("/api/") && !form {
        return (
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "Send this as a form (Content-Type: application/x-www-form-urlencoded).",
        )
            .into_response();
    }
    next.run(req).await
}

fn is_same_origin(req: &Request, configured: Option<&str>) -> bool {
    let headers = req.headers();
    if let Some(site) = headers.get("sec-fetch-site")
        && !matches!(site.as_bytes(), b"same-origin" | b"none")
    {
        return false;
    }
    let Some(origin) = headers.get(header::ORIGIN) else {
        return true;
    };
    let Ok(origin) = origin.to_str() else {
        return false;
    };
    match configured {
        Some(own) => origin == own,
        None => {
            let host = headers.get(header::HOST).and_then(|h| h.to_str().ok());
            host.is_some_and(|host| {
                origin.strip_prefix("http://") == Some(host)
                    || origin.strip_prefix("https://") == Some(host)
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tower::ServiceExt;

    /// One request through `router`, answered.
    async fn answer(router: Router, path: &str) -> Response {
        router
            .oneshot(Request::get(path).body(axum::body::Body::empty()).unwrap())
            .await
            .unwrap()
    }

    #[tokio::test]
    async fn a_server_function_error_answered_500_gets_its_own_status_even_when_long() {
        // Forty field errors: a body of several kilobytes, as a long refused form could have.
        let fields: Vec<_> = (0..40)
            .map(|i| app::error::FieldError {
                field: format!("field-{i}"),
                message: "Enter the date as a day, month and year, for example 27 3 2026".into(),
            })
            .collect();
        let body = serde_json::to_vec(&app::error::AppError::Invalid { fields }).unwrap();
        assert!(body.len() > 2048, "{}", body.len());
        let sent = body.clone();
        let router = Router::new()
            .route(
                "/api/form",
                get(move || async move {
                    (
                        StatusCode::INTERNAL_SERVER_ERROR,
                        [("serverfnerror", "1")],
                        sent,
                    )
                }),
            )
            .layer(middleware::from_fn(server_fn_error_status));
        let response = answer(router, "/api/form").await;
        assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let kept = axum::body::to_bytes(response.into_body(), usize::MAX)
            .await
            .unwrap();
        assert_eq!(kept, body, "the error itself goes on unchanged");
    }

    #[tokio::test]
    async fn a_response_keeps_its_own_vary_and_only_kept_files_get_one() {
        let router = Router::new()
            .route(
                "/favicon.svg",
                get(|| async { ([(header::VARY, "origin")], "<svg/>") }),
            )
            .route("/pkg/hive.css", get(|| async { "body {}" }))
            .route("/my", get(|| async { "a page" }))
            .layer(middleware::from_fn(cache_headers));
        let vary = |r: &Response| {
            r.headers()
                .get_all(header::VARY)
                .iter()
                .map(|v| v.to_str().unwrap().to_string())
                .collect::<Vec<_>>()
        };
        let own = answer(router.clone(), "/favicon.svg").await;
        assert_eq!(vary(&own), ["origin"]);
        let file = answer(router.clone(), "/pkg/hive.css").await;
        assert_eq!(vary(&file), ["accept-encoding"]);
        assert_eq!(file.headers()[header::CACHE_CONTROL], "no-cache");
        let page = answer(router, "/my").await;
        assert!(vary(&page).is_empty(), "{:?}", vary(&page));
        assert_eq!(page.headers()[header::CACHE_CONTROL], "no-store");
    }

    #[test]
    fn whole_allowances_are_forgotten_and_used_ones_kept() {
        let one_a_millisecond = governor::Quota::with_period(Duration::from_millis(1)).unwrap();
        let one_an_hour =
            governor::Quota::per_hour(std::num::NonZeroU32::new(1).expect("one is not zero"));
        let quick = governor::DefaultKeyedRateLimiter::<u32>::keyed(one_a_millisecond);
        let slow = governor::DefaultKeyedRateLimiter::<String>::keyed(one_an_hour);
        assert!(quick.check_key(&1).is_ok());
        assert!(slow.check_key(&"person".to_string()).is_ok());
        std::thread::sleep(Duration::from_millis(20));
        assert_eq!((quick.len(), slow.len()), (1, 1));
        forget_whole_allowances(&[&quick, &slow]);
        // The quick one is whole again after a millisecond; the slow one is used for an hour.
        assert_eq!((quick.len(), slow.len()), (0, 1));
        assert!(slow.check_key(&"person".to_string()).is_err());
    }

    #[test]
    fn only_hashed_built_files_are_immutable() {
        let cases = [
            ("/pkg/hive.7Qm1V0bLx2kq9Z3yTt8a_w.wasm", Caching::Immutable),
            ("/pkg/hive.7Qm1V0bLx2kq9Z3yTt8a-w.css", Caching::Immutable),
            ("/pkg/hive.wasm", Caching::Revalidate),
            ("/pkg/hive.short.js", Caching::Revalidate),
            ("/pkg/.7Qm1V0bLx2kq9Z3yTt8a_w.js", Caching::Revalidate),
            ("/favicon.svg", Caching::Revalidate),
            ("/my", Caching::NoStore),
            ("/api/needs", Caching::NoStore),
            ("/my/hive.7Qm1V0bLx2kq9Z3yTt8a_w.js", Caching::NoStore),
        ];
        for (path, expected) in cases {
            assert_eq!(Caching::for_path(path), expected, "{path}");
        }
    }
}
