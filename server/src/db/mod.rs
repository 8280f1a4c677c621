//! The storage backends. `HIVE_DATABASE_URL`'s scheme picks one; both implement the app's
//! `Store` with the same SQL (see `sql/`, one file per aggregate) and differ only in how they connect and how
//! they begin a write.

pub mod bulk;
mod postgres;
pub(crate) mod rows;
pub mod sessions;
pub(crate) mod sql;
mod sqlite;

use crate::error::StartupError;
use app::server::Store;
use sessions::SessionStoreKind;
use std::path::PathBuf;
use std::sync::Arc;

pub use postgres::{PostgresStore, TEST_AFTER_IDLE};
/// The queue's refresh statements, for the scale seed's test (it recomputes the queue the seed
/// wrote and compares).
pub use sql::feedback::stories_sql;
pub use sql::review::{QUEUE_COUNTS, REFRESH_DELETE, REFRESH_INSERT, queue_page};
pub use sqlite::SqliteStore;

/// Where the data lives, parsed from `HIVE_DATABASE_URL` without ever echoing the URL back
/// (it may hold a password).
#[derive(Clone, PartialEq, Eq)]
pub enum DatabaseUrl {
    Sqlite(PathBuf),
    Postgres(String),
}

impl std::fmt::Debug for DatabaseUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DatabaseUrl::Sqlite(path) => write!(f, "Sqlite({})", path.display()),
            DatabaseUrl::Postgres(_) => f.write_str("Postgres(<redacted>)"),
        }
    }
}

/// Prepared statements kept per connection. Hive has a few hundred distinct statements; with
/// sqlx's default (100) a busy server kept evicting and re-preparing them (SQLite's parser
/// showed in profiles of the resident's home page).
const STATEMENT_CACHE: usize = 1_000;

pub const DEFAULT_URL: &str = "sqlite://data/hive.db";

impl DatabaseUrl {
    pub fn parse(url: &str) -> Result<DatabaseUrl, StartupError> {
        let Some((scheme, rest)) = url.split_once(':') else {
            return Err(StartupError::new(
                "HIVE_DATABASE_URL must start with sqlite: or postgres:",
            ));
        };
        match scheme {
            "sqlite" => sqlite_path(rest).map(DatabaseUrl::Sqlite),
            "postgres" | "postgresql" => Ok(DatabaseUrl::Postgres(url.to_string())),
            other if other.chars().all(|c| c.is_ascii_alphanumeric() || c == '+') => {
                Err(StartupError::new(format!(
                    "HIVE_DATABASE_URL uses the scheme '{other}', which Hive does not support; use sqlite: or postgres:"
                )))
            }
            _ => Err(StartupError::new(
                "HIVE_DATABASE_URL must start with sqlite: or postgres:",
            )),
        }
    }
}

fn sqlite_path(rest: &str) -> Result<PathBuf, StartupError> {
    let path = rest.strip_prefix("//").unwrap_or(rest);
    if path.contains('?') || path.contains('#') {
        return Err(StartupError::new(
            "HIVE_DATABASE_URL for SQLite takes a file path only, without ?options",
        ));
    }
    if path.is_empty() || path == ":memory:" || path.ends_with('/') {
        return Err(StartupError::new(
            "HIVE_DATABASE_URL for SQLite must name a database file, e.g. sqlite://data/hive.db",
        ));
    }
    Ok(PathBuf::from(path))
}

/// An open, migrated database: the store the services use and the sessions' store.
pub struct Database {
    pub store: Arc<dyn Store>,
    pub sessions: SessionStoreKind,
    pub backend: &'static str,
    /// The same pool, for `hive seed --scale`'s bulk inserts.
    pub bulk: bulk::BulkPool,
}

/// Opens the database and brings its schema up to date. Fails, changing nothing, when the
/// database was written by a newer Hive.
pub async fn open(url: &DatabaseUrl) -> Result<Database, StartupError> {
    match url {
        DatabaseUrl::Sqlite(path) => {
            let store = SqliteStore::open(path).await?;
            store.migrate().await?;
            Ok(Database {
                sessions: store.sessions()?,
                bulk: bulk::BulkPool::Sqlite(store.pool.clone()),
                store: Arc::new(store),
                backend: "sqlite",
            })
        }
        DatabaseUrl::Postgres(url) => {
            let store = PostgresStore::open(url).await?;
            store.migrate().await?;
            Ok(Database {
                sessions: store.sessions().await?,
                bulk: bulk::BulkPool::Postgres(store.pool.clone()),
                store: Arc::new(store),
                backend: "postgres",
            })
        }
    }
}

/// Turns a migration failure into one line a person can act on.
fn migration_error(err: sqlx::migrate::MigrateError, latest_known: i64) -> StartupError {
    use sqlx::migrate::MigrateError;
    match err {
        MigrateError::VersionMissing(version) => StartupError::new(format!(
            "the database has schema version {version}, newer than this Hive knows ({latest_known}); run a newer Hive or restore a backup"
        )),
        MigrateError::VersionMismatch(version) => StartupError::new(format!(
            "the database's migration {version} differs from this Hive's; it was changed after it ran"
        )),
        MigrateError::Dirty(version) => StartupError::new(format!(
            "migration {version} failed part-way earlier; restore a backup before starting Hive"
        )),
        other => StartupError::new(format!("could not migrate the database: {other}")),
    }
}

fn latest(migrator: &sqlx::migrate::Migrator) -> i64 {
    migrator.iter().map(|m| m.version).max().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sqlite_urls_give_a_file_path() {
        assert_eq!(
            DatabaseUrl::parse("sqlite://data/hive.db").ok(),
            Some(DatabaseUrl::Sqlite("data/hive.db".into()))
        );
        assert_eq!(
            DatabaseUrl::parse("sqlite:///var/lib/hive.db").ok(),
            Some(DatabaseUrl::Sqlite("/var/lib/hive.db".into()))
        );
        assert_eq!(
            DatabaseUrl::parse("sqlite:hive.db").ok(),
            Some(DatabaseUrl::Sqlite("hive.db".into()))
        );
    }

    #[test]
    fn postgres_urls_are_kept_whole() {
        let url = "postgres://hive@db.internal/hive";
        assert_eq!(
            DatabaseUrl::parse(url).ok(),
            Some(DatabaseUrl::Postgres(url.into()))
        );
    }

    #[test]
    fn unknown_schemes_are_named_in_the_error() {
        let err = DatabaseUrl::parse("mysql://root@localhost/hive").unwrap_err();
        assert!(err.to_string().contains("'mysql'"), "{err}");
    }

    #[test]
    fn malformed_urls_are_refused_without_echoing_them() {
        for url in [
            "",
            "hive.db",
            "sqlite://",
            "sqlite::memory:",
            "sqlite://x.db?mode=ro",
            "://x",
        ] {
            let err = DatabaseUrl::parse(url).unwrap_err().to_string();
            assert!(err.contains("HIVE_DATABASE_URL"), "{url}: {err}");
        }
        // A URL whose scheme was left off: what comes before its first colon is not a scheme
        // (it may be a password), so it is not repeated.
        let err = DatabaseUrl::parse("s3cret@db.internal:5432/hive")
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("must start with sqlite: or postgres:"),
            "{err}"
        );
        assert!(!err.contains("s3cret"), "{err}");
    }

    #[test]
    fn the_debug_form_hides_postgres_credentials() {
        let url = DatabaseUrl::parse("postgres://hive:secret@db/hive").unwrap();
        assert!(!format!("{url:?}").contains("secret"));
    }
}
