//! `/healthz` says the process is up; `/readyz` says the database can be reached.

use crate::support::{
    TestDb, assert_apology_only, postgres_base_url, postgres_parts, spawn_app, sqlite,
    with_search_path,
};
use hive_server::db::DatabaseUrl;

#[tokio::test]
async fn a_running_hive_is_healthy_and_ready() {
    let app = spawn_app(sqlite(), false).await;
    let health = app.get("/healthz", None).await;
    assert_eq!(health.status(), 200);
    assert_eq!(health.text().await.unwrap(), "ok");
    let ready = app.get("/readyz", None).await;
    assert_eq!(ready.status(), 200);
    assert_eq!(ready.text().await.unwrap(), "ready");
}

#[tokio::test]
async fn readyz_fails_when_the_sqlite_file_has_gone() {
    let app = spawn_app(sqlite(), false).await;
    let path = app.db.sqlite_path.clone().unwrap();
    assert_eq!(app.get("/readyz", None).await.status(), 200);
    std::fs::remove_file(&path).unwrap();
    let response = app.get("/readyz", None).await;
    assert_eq!(response.status(), 503);
    assert_eq!(
        app.get("/healthz", None).await.status(),
        200,
        "the process is still up"
    );
}

/// A TCP relay to the test PostgreSQL that can be cut, like a network failure.
struct Relay {
    port: u16,
    task: tokio::task::JoinHandle<()>,
}

async fn relay_to(host: String, port: u16) -> Relay {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let relay_port = listener.local_addr().unwrap().port();
    let task = tokio::spawn(async move {
        let mut connections = tokio::task::JoinSet::new();
        while let Ok((mut inbound, _)) = listener.accept().await {
            let target = format!("{host}:{port}");
            connections.spawn(async move {
                if let Ok(mut outbound) = tokio::net::TcpStream::connect(target).await {
                    let _ = tokio::io::copy_bidirectional(&mut inbound, &mut outbound).await;
                }
            });
        }
    });
    Relay {
        port: relay_port,
        task,
    }
}

#[tokio::test]
async fn readyz_fails_when_postgres_cannot_be_reached() {
    let Some(base) = postgres_base_url() else {
        eprintln!("readyz on PostgreSQL: TEST_DATABASE_URL not set, skipped");
        return;
    };
    let (host, port, user, database) = postgres_parts(&base);
    let schema = format!("t_{}", uuid::Uuid::new_v4().simple());
    let admin = sqlx::PgPool::connect(&base).await.unwrap();
    sqlx::query(&format!("CREATE SCHEMA \"{schema}\""))
        .execute(&admin)
        .await
        .unwrap();
    let relay = relay_to(host, port).await;
    let url = with_search_path(
        &format!("postgres://{user}@127.0.0.1:{}/{database}", relay.port),
        &schema,
    );
    let db = TestDb {
        url: DatabaseUrl::Postgres(url),
        name: "postgres",
        sqlite_path: None,
        _dir: None,
    };
    let app = spawn_app(db, false).await;
    assert_eq!(app.get("/readyz", None).await.status(), 200);
    relay.task.abort();
    let _ = relay.task.await;
    let response = app.get("/readyz", None).await;
    assert_eq!(response.status(), 503);
    assert_eq!(response.text().await.unwrap(), "database unavailable");

    // A page that needs the database says sorry with a reference, and nothing internal.
    let page = app.get("/about/neighbourhoods", None).await;
    assert_apology_only(page, &["sqlx", "pool", "connection", "SELECT", "127.0.0.1"]).await;
}

#[tokio::test]
async fn postgres_that_could_lose_commits_is_refused() {
    let Some(base) = postgres_base_url() else {
        eprintln!("durability check: TEST_DATABASE_URL not set, skipped");
        return;
    };
    // fsync and full_page_writes are server-wide; synchronous_commit can be turned off for one
    // connection, which is enough to prove Hive reads and refuses it.
    let separator = if base.contains('?') { '&' } else { '?' };
    let url = format!("{base}{separator}options=-csynchronous_commit%3Doff");
    let Err(err) = hive_server::db::open(&DatabaseUrl::Postgres(url)).await else {
        panic!("Hive opened a PostgreSQL database with synchronous_commit off");
    };
    assert!(err.to_string().contains("synchronous_commit"), "{err}");
}

/// A database file deleted while Hive runs is not silently replaced by an empty one when the
/// pool opens another connection.
#[tokio::test]
async fn a_deleted_sqlite_file_is_not_recreated_by_new_connections() {
    let app = spawn_app(sqlite(), false).await;
    let path = app.db.sqlite_path.clone().unwrap();
    std::fs::remove_file(&path).unwrap();
    // More reads at once than there are open connections: the pool must open new ones.
    let reads: Vec<_> = (0..12)
        .map(|_| {
            let store = app.store.clone();
            tokio::spawn(async move { store.neighbourhoods().await.is_ok() })
        })
        .collect();
    for read in reads {
        let _ = read.await.unwrap();
    }
    assert!(!path.exists(), "an empty database was created in its place");
}

/// Connections that PostgreSQL ended while they sat idle in the pool (a restart, a failover,
/// an administrator) are tested before their next use and replaced: the next page works.
#[tokio::test]
async fn connections_postgres_ended_while_idle_are_replaced_unseen() {
    let Some(base) = postgres_base_url() else {
        eprintln!("idle connections on PostgreSQL: TEST_DATABASE_URL not set, skipped");
        return;
    };
    let schema = format!("t_{}", uuid::Uuid::new_v4().simple());
    let admin = sqlx::PgPool::connect(&base).await.unwrap();
    sqlx::query(&format!("CREATE SCHEMA \"{schema}\""))
        .execute(&admin)
        .await
        .unwrap();
    // Named, so that only this Hive's connections are ended (other tests share the server).
    let name = format!("hive_{schema}");
    let url = format!(
        "{}&application_name={name}",
        with_search_path(&base, &schema)
    );
    let db = TestDb {
        url: DatabaseUrl::Postgres(url),
        name: "postgres",
        sqlite_path: None,
        _dir: None,
    };
    let app = spawn_app(db, false).await;
    assert_eq!(app.get("/about/neighbourhoods", None).await.status(), 200);
    let ended: Vec<bool> = sqlx::query_scalar(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1",
    )
    .bind(&name)
    .fetch_all(&admin)
    .await
    .unwrap();
    assert!(!ended.is_empty() && ended.iter().all(|e| *e), "{ended:?}");
    tokio::time::sleep(hive_server::db::TEST_AFTER_IDLE + std::time::Duration::from_millis(300))
        .await;
    for _ in 0..3 {
        let page = app.get("/about/neighbourhoods", None).await;
        assert_eq!(
            page.status(),
            200,
            "a page after PostgreSQL ended the pool's connections"
        );
    }
}

/// What operators read when the store fails (the page shows only a reference): the error and
/// each of its causes, each once, naming what failed and not the values bound to it.
#[tokio::test]
async fn a_store_failure_is_logged_with_each_of_its_causes_once() {
    use app::server::store::{CauseChain, StoreError};
    let app = spawn_app(sqlite(), false).await;
    let path = app.db.sqlite_path.clone().unwrap();
    let pool = sqlx::SqlitePool::connect(&format!("sqlite://{}", path.display()))
        .await
        .unwrap();
    sqlx::query("ALTER TABLE neighbourhoods RENAME TO neighbourhoods_gone")
        .execute(&pool)
        .await
        .unwrap();
    let err = app.store.neighbourhoods().await.unwrap_err();
    assert_eq!(
        CauseChain(&err).to_string(),
        "storage failed: error returned from database: (code: 1) no such table: neighbourhoods"
    );

    // A cause that its error does not print is written after it.
    #[derive(Debug)]
    struct Reading(std::io::Error);
    impl std::fmt::Display for Reading {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("reading the batch")
        }
    }
    impl std::error::Error for Reading {
        fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
            Some(&self.0)
        }
    }
    let err = StoreError::Other(Box::new(Reading(std::io::Error::other("disk full"))));
    assert_eq!(
        CauseChain(&err).to_string(),
        "storage failed: reading the batch: disk full"
    );
}
