//! The harness: fresh databases, the real app on port 0, and request helpers.

use hive_server::config::Settings;
use hive_server::db::{self, DatabaseUrl};
use hive_server::seed;
use reqwest::header::{HeaderMap, SET_COOKIE};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::str::FromStr;
use std::sync::{Arc, OnceLock};

pub const SESSION_COOKIE: &str = "hive_session";

/// Set in CI: the PostgreSQL suite must run, not be skipped.
pub fn postgres_required() -> bool {
    std::env::var("HIVE_REQUIRE_POSTGRES").is_ok_and(|v| v == "1")
}

pub fn postgres_base_url() -> Option<String> {
    let url = std::env::var("TEST_DATABASE_URL")
        .ok()
        .filter(|u| !u.is_empty());
    assert!(
        url.is_some() || !postgres_required(),
        "HIVE_REQUIRE_POSTGRES=1 but TEST_DATABASE_URL is not set"
    );
    url
}

pub struct TestDb {
    pub url: DatabaseUrl,
    pub name: &'static str,
    /// The SQLite file, for tests that touch it directly.
    pub sqlite_path: Option<PathBuf>,
    pub _dir: Option<tempfile::TempDir>,
}

pub fn sqlite() -> TestDb {
    let dir = tempfile::tempdir().expect("temporary directory");
    let path = dir.path().join("data").join("hive.db");
    TestDb {
        url: DatabaseUrl::Sqlite(path.clone()),
        name: "sqlite",
        sqlite_path: Some(path),
        _dir: Some(dir),
    }
}

/// A fresh, empty schema in the test PostgreSQL database, as the connection's search path.
pub async fn postgres() -> Option<TestDb> {
    let base = postgres_base_url()?;
    let schema = format!("t_{}", uuid::Uuid::new_v4().simple());
    let pool = sqlx::PgPool::connect(&base)
        .await
        .expect("connect to TEST_DATABASE_URL");
    sqlx::query(&format!("CREATE SCHEMA \"{schema}\""))
        .execute(&pool)
        .await
        .expect("create test schema");
    pool.close().await;
    Some(TestDb {
        url: DatabaseUrl::Postgres(with_search_path(&base, &schema)),
        name: "postgres",
        sqlite_path: None,
        _dir: None,
    })
}

pub fn with_search_path(base: &str, schema: &str) -> String {
    let separator = if base.contains('?') { '&' } else { '?' };
    format!("{base}{separator}options=-csearch_path%3D{schema}")
}

/// SQLite always; PostgreSQL too when TEST_DATABASE_URL is set.
pub async fn each_backend() -> Vec<TestDb> {
    let mut dbs = vec![sqlite()];
    dbs.extend(postgres().await);
    dbs
}

pub async fn open_store(db: &TestDb) -> Arc<dyn app::server::Store> {
    db::open(&db.url).await.expect("open and migrate").store
}

pub struct TestApp {
    pub addr: SocketAddr,
    pub client: reqwest::Client,
    pub store: Arc<dyn app::server::Store>,
    pub db: TestDb,
}

#[derive(Default)]
pub struct Options {
    pub demo: bool,
    /// Defaults to the app's own address when there are identity providers.
    pub public_url: Option<String>,
    pub providers: Vec<hive_server::config::providers::IdentityProvider>,
    pub bootstrap_admin_email: Option<String>,
    pub review_after_days: Option<i64>,
    /// The built site to serve static files from (the Leptos default otherwise).
    pub site_root: Option<PathBuf>,
    /// Identity providers' timings, shortened (the defaults otherwise).
    pub provider_timings: Option<hive_server::auth::oidc::Timings>,
    /// How often the clean-up runs (five minutes otherwise).
    pub housekeeping_every: Option<std::time::Duration>,
    /// Timeouts and the write allowance (the defaults otherwise).
    pub limits: Option<hive_server::web::Limits>,
}

pub async fn spawn_app(db: TestDb, demo: bool) -> TestApp {
    spawn_app_with(
        db,
        Options {
            demo,
            ..Options::default()
        },
    )
    .await
}

pub async fn spawn_app_with(db: TestDb, options: Options) -> TestApp {
    let (addr, store) = start_server(db.url.clone(), options).await;
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client");
    TestApp {
        addr,
        client,
        store,
        db,
    }
}

const SERVER_THREAD: &str = "hive-test-server";

/// Apps under test run on one process-wide, multi-threaded runtime, as they do in the real
/// `hive` process. Leptos keeps process-global state (its task executor among it); with each
/// server on its own test's runtime, rendering work could land on a runtime that had already
/// shut down, and a request never finished. The real binary, under concurrent load, does not.
fn server_runtime() -> &'static tokio::runtime::Runtime {
    if std::env::var("HIVE_TEST_LOG").is_ok() {
        let _ = tracing_subscriber::fmt()
            .with_env_filter(tracing_subscriber::EnvFilter::from_env("HIVE_TEST_LOG"))
            .with_writer(std::io::stderr)
            .try_init();
    }
    static RUNTIME: OnceLock<tokio::runtime::Runtime> = OnceLock::new();
    RUNTIME.get_or_init(|| {
        // The runtime's threads are started from whichever test starts the first server, and
        // inherit that test's captured output: a panic while serving would be printed there
        // and lost with it. Printed straight to stderr instead, naming the thread.
        let earlier = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if std::thread::current().name() == Some(SERVER_THREAD) {
                use std::io::Write;
                let _ = writeln!(std::io::stderr().lock(), "test server panicked: {info}");
            }
            earlier(info);
        }));
        tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .thread_name(SERVER_THREAD)
            .enable_all()
            .build()
            .expect("server runtime")
    })
}

/// Opens (and migrates) the database, seeds the demo if asked, and serves the app on a free
/// loopback port; returns the address and the store, for tests that look behind the pages.
pub async fn start_server(
    url: DatabaseUrl,
    options: Options,
) -> (SocketAddr, Arc<dyn app::server::Store>) {
    start_server_with(url, options, |store| store).await
}

/// As `start_server`, with the store the app uses wrapped by `wrap` (e.g. to count calls).
pub async fn start_server_with(
    url: DatabaseUrl,
    options: Options,
    wrap: impl FnOnce(Arc<dyn app::server::Store>) -> Arc<dyn app::server::Store> + Send + 'static,
) -> (SocketAddr, Arc<dyn app::server::Store>) {
    server_runtime()
        .spawn(async move {
            let mut database = db::open(&url).await.expect("open and migrate");
            let store = database.store.clone();
            if options.demo {
                seed::seed_demo(store.as_ref()).await.expect("seed demo");
            }
            database.store = wrap(store.clone());
            let mut leptos = leptos::config::get_configuration(None)
                .expect("leptos options")
                .leptos_options;
            if let Some(root) = &options.site_root {
                leptos.site_root = root.to_string_lossy().as_ref().into();
            }
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
                .await
                .expect("bind");
            let addr = listener.local_addr().expect("local address");
            let public_url = options
                .public_url
                .or_else(|| (!options.providers.is_empty()).then(|| format!("http://{addr}")));
            let settings = Settings {
                database: url,
                leptos,
                public_url,
                demo: options.demo,
                identity_providers: options.providers,
                bootstrap_admin_email: options.bootstrap_admin_email,
                review_after_days: options
                    .review_after_days
                    .unwrap_or(hive_server::config::DEFAULT_REVIEW_AFTER_DAYS),
                provider_timings: options.provider_timings.unwrap_or_default(),
                housekeeping_every: options
                    .housekeeping_every
                    .unwrap_or(hive_server::web::HOUSEKEEPING_EVERY),
                limits: options.limits.unwrap_or_default(),
            };
            if let Some(email) = &settings.bootstrap_admin_email {
                hive_server::admin::bootstrap(store.as_ref(), email)
                    .await
                    .expect("bootstrap admin");
            }
            let limits = settings.limits;
            let app = hive_server::web::build_app(&settings, database).expect("build the app");
            tokio::spawn(hive_server::web::serve_connections(
                listener,
                app,
                limits,
                std::future::pending(),
            ));
            (addr, store)
        })
        .await
        .expect("start the app")
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr, path)
    }

    pub async fn get(&self, path: &str, cookie: Option<&str>) -> reqwest::Response {
        // As a browser navigating sends it: Leptos redirects with 302 only for HTML requests.
        let mut request = self
            .client
            .get(self.url(path))
            .header("accept", "text/html,application/xhtml+xml");
        if let Some(cookie) = cookie {
            request = request.header("cookie", cookie);
        }
        request.send().await.expect("GET")
    }

    /// A form post as a browser on Hive's own pages sends it.
    pub async fn post_form(
        &self,
        path: &str,
        form: &[(&str, &str)],
        cookie: Option<&str>,
    ) -> reqwest::Response {
        let body = form
            .iter()
            .map(|(k, v)| format!("{k}={}", urlencode(v)))
            .collect::<Vec<_>>()
            .join("&");
        let mut request = self
            .client
            .post(self.url(path))
            .header("content-type", "application/x-www-form-urlencoded")
            .header("origin", format!("http://{}", self.addr))
            .header("sec-fetch-site", "same-origin")
            .body(body);
        if let Some(cookie) = cookie {
            request = request.header("cookie", cookie);
        }
        request.send().await.expect("POST")
    }

    /// A form post from a page with JavaScript off: the browser asks for HTML and names the
    /// page it posted from, which the framework redirects back to.
    pub async fn post_page_form(
        &self,
        from_page: &str,
        action: &str,
        form: &[(&str, &str)],
        cookie: &str,
    ) -> reqwest::Response {
        let body = form
            .iter()
            .map(|(k, v)| format!("{k}={}", urlencode(v)))
            .collect::<Vec<_>>()
            .join("&");
        self.client
            .post(self.url(action))
            .header("content-type", "application/x-www-form-urlencoded")
            .header("accept", "text/html,application/xhtml+xml")
            .header("origin", format!("http://{}", self.addr))
            .header("sec-fetch-site", "same-origin")
            .header("referer", self.url(from_page))
            .header("cookie", cookie)
            .body(body)
            .send()
            .await
            .expect("POST")
    }

    pub async fn demo_person_id(&self, name: &str) -> i64 {
        let people = self.store.demo_people().await.expect("demo people");
        people
            .iter()
            .find(|p| p.name == name)
            .unwrap_or_else(|| panic!("no demo person called {name}"))
            .id
            .0
    }

    /// Signs in through the demo sign-in form; returns the `name=value` cookie pair.
    pub async fn sign_in_as(&self, name: &str, cookie: Option<&str>) -> String {
        let id = self.demo_person_id(name).await.to_string();
        let response = self
            .post_form("/auth/demo", &[("person", &id)], cookie)
            .await;
        assert_eq!(response.status(), 303, "demo sign-in should redirect");
        session_cookie(response.headers()).expect("a session cookie is set at sign-in")
    }
}

/// The session cookie a response sets, as `name=value`.
pub fn session_cookie(headers: &HeaderMap) -> Option<String> {
    set_cookie_header(headers).map(|h| h.split(';').next().unwrap_or_default().trim().to_string())
}

/// The whole Set-Cookie header for the session cookie, attributes included.
pub fn set_cookie_header(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| {
            v.starts_with(&format!("{SESSION_COOKIE}="))
                || v.starts_with(&format!("{}=", hive_server::web::SECURE_SESSION_COOKIE))
        })
        .map(str::to_string)
}

pub fn urlencode(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// Host, port, user and database of the test PostgreSQL, for building URLs through a proxy.
pub fn postgres_parts(url: &str) -> (String, u16, String, String) {
    let options = sqlx::postgres::PgConnectOptions::from_str(url).expect("TEST_DATABASE_URL");
    (
        options.get_host().to_string(),
        options.get_port(),
        options.get_username().to_string(),
        options.get_database().unwrap_or("postgres").to_string(),
    )
}

/// A page that failed inside Hive: status 500, an apology with a 12-character reference to
/// quote, and none of the `internals` (driver names, SQL, addresses) anywhere in it.
pub async fn assert_apology_only(page: reqwest::Response, internals: &[&str]) {
    assert_eq!(page.status(), 500);
    let html = page.text().await.unwrap();
    assert!(
        html.contains("Sorry, there is a problem with the service"),
        "{html}"
    );
    let reference = html
        .split("tell us reference ")
        .nth(1)
        .and_then(|rest| rest.split('<').next())
        .expect("a reference on the page");
    assert_eq!(reference.len(), 12, "{reference}");
    for internal in internals {
        assert!(!html.contains(internal), "the page leaks '{internal}'");
    }
}

/// A demo resident as the access log records them, found by name.
pub async fn resident_accessor(
    store: &dyn app::server::Store,
    name: &str,
) -> app::server::store::Accessor {
    let person = store
        .demo_people()
        .await
        .expect("demo people")
        .into_iter()
        .find(|p| p.name == name)
        .unwrap_or_else(|| panic!("no demo person called {name}"));
    app::server::store::Accessor {
        id: person.id,
        name: person.name,
        role: app::domain::role::Role::Resident,
        team: None,
        acting_for: None,
    }
}

/// Now, in Unix milliseconds, as the store writes times.
pub fn now_millis() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("a clock after 1970")
        .as_millis() as i64
}

/// The SHA-256 of an invitation code, hex, as Hive stores it.
pub fn code_hash(code: &str) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(code.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// For PostgreSQL race tests, which hold a transaction open and start a store call that should
/// wait behind it: waits until some session of the database waits on a lock (true), or the
/// call has finished without waiting (false); 30 seconds at most.
pub async fn until_blocked<T>(pool: &sqlx::PgPool, started: &tokio::task::JoinHandle<T>) -> bool {
    let since = std::time::Instant::now();
    while !started.is_finished() && since.elapsed() < std::time::Duration::from_secs(30) {
        let blocked: i64 = sqlx::query_scalar(
            "SELECT count(*) FROM pg_stat_activity \
             WHERE datname = current_database() AND wait_event_type = 'Lock'",
        )
        .fetch_one(pool)
        .await
        .unwrap();
        if blocked > 0 {
            return true;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    false
}
