//! The embedded default: one SQLite file, WAL, durable commits, writes serialised up front.

use super::rows::other;
use super::sessions::SessionStoreKind;
use super::sql::impl_store;
use crate::error::StartupError;
use app::server::StoreError;
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};
use sqlx::{Sqlite, Transaction};
use std::path::{Path, PathBuf};
use std::time::Duration;

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");

#[derive(Clone)]
pub struct SqliteStore {
    pub(super) pool: SqlitePool,
    path: PathBuf,
}

/// The database file is no longer where Hive opened it: open connections still work, but the
/// next start would create an empty database, so Hive is not ready.
#[derive(Debug, thiserror::Error)]
#[error("the SQLite database file has gone from its path")]
struct FileGone;

/// Connections in the pool: two per core, at least 4 (in WAL mode readers run side by side;
/// writers take turns whatever the number). Each holds its own page cache (2 MB) and prepared
/// statements, and its own thread: on 2 cores, 8 connections served no more requests than 4
/// and held 15 MB more at city size (`make bench`, BENCHMARKS.md item 15).
fn readers(cores: usize) -> u32 {
    u32::try_from(cores * 2).unwrap_or(u32::MAX).clamp(4, 16)
}

impl SqliteStore {
    pub async fn open(path: &Path) -> Result<SqliteStore, StartupError> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| {
                StartupError::new(format!(
                    "cannot create the data directory {}: {e}",
                    dir.display()
                ))
            })?;
        }
        let options = SqliteConnectOptions::new()
            .filename(path)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Full)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(5))
            .statement_cache_capacity(super::STATEMENT_CACHE);
        // The file is created once, here. The pool's own connections (opened later, on demand)
        // must not create it: if the file is moved or deleted while Hive runs, a new connection
        // would otherwise start a silent, empty database in its place.
        let open_error = |e: sqlx::Error| {
            StartupError::new(format!(
                "cannot open the SQLite database {}: {e}",
                path.display()
            ))
        };
        {
            use sqlx::Connection;
            let first =
                sqlx::SqliteConnection::connect_with(&options.clone().create_if_missing(true))
                    .await
                    .map_err(open_error)?;
            first.close().await.map_err(open_error)?;
        }
        let pool = SqlitePoolOptions::new()
            .max_connections(readers(
                std::thread::available_parallelism().map_or(2, |n| n.get()),
            ))
            // A connection to a local file does not go stale; testing it before each use was
            // a round trip to its worker thread for every query.
            .test_before_acquire(false)
            .acquire_timeout(Duration::from_secs(5))
            .connect_with(options.create_if_missing(false))
            .await
            .map_err(open_error)?;
        Ok(SqliteStore {
            pool,
            path: path.to_path_buf(),
        })
    }

    pub async fn migrate(&self) -> Result<(), StartupError> {
        MIGRATOR
            .run(&self.pool)
            .await
            .map_err(|e| super::migration_error(e, super::latest(&MIGRATOR)))
    }

    pub fn sessions(&self) -> Result<SessionStoreKind, StartupError> {
        tower_sessions_sqlx_store::SqliteStore::new(self.pool.clone())
            .with_table_name("sessions")
            .map(SessionStoreKind::Sqlite)
            .map_err(StartupError::new)
    }

    fn check_reachable(&self) -> Result<(), StoreError> {
        if self.path.is_file() {
            Ok(())
        } else {
            Err(other(FileGone))
        }
    }

    /// Takes the write lock at the start, so two writers never deadlock upgrading read locks.
    async fn begin_write(&self) -> Result<Transaction<'static, Sqlite>, StoreError> {
        self.pool.begin_with("BEGIN IMMEDIATE").await.map_err(other)
    }

    /// Nothing to do, as for `lock_resident`.
    async fn lock_people(
        _tx: &mut Transaction<'static, Sqlite>,
        _people: &[app::domain::ids::PersonId],
    ) -> Result<(), StoreError> {
        Ok(())
    }

    /// Nothing to do: `BEGIN IMMEDIATE` already makes writers take turns (see PostgreSQL's).
    async fn lock_resident(
        _tx: &mut Transaction<'static, Sqlite>,
        _resident: app::domain::ids::PersonId,
    ) -> Result<(), StoreError> {
        Ok(())
    }

    /// Nothing to do, as for `lock_resident`.
    async fn lock_carer_grants(
        _tx: &mut Transaction<'static, Sqlite>,
        _resident: app::domain::ids::PersonId,
        _carer: app::domain::ids::PersonId,
    ) -> Result<(), StoreError> {
        Ok(())
    }

    /// Nothing to do, as for `lock_resident`.
    async fn lock_feedback(
        _tx: &mut Transaction<'static, Sqlite>,
        _feedback: i64,
    ) -> Result<(), StoreError> {
        Ok(())
    }

    /// Nothing to do, as for `lock_resident`.
    async fn lock_campaign(
        _tx: &mut Transaction<'static, Sqlite>,
        _campaign: i64,
    ) -> Result<(), StoreError> {
        Ok(())
    }
}

impl_store!(SqliteStore, Sqlite);

#[cfg(test)]
mod tests {
    #[test]
    fn the_pool_has_two_connections_a_core_from_four_to_sixteen() {
        for (cores, connections) in [(1, 4), (2, 4), (3, 6), (4, 8), (8, 16), (64, 16)] {
            assert_eq!(super::readers(cores), connections, "{cores} cores");
        }
    }
}
