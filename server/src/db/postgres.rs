//! PostgreSQL, for running several app servers against one database.

use super::rows::other;
use super::sessions::SessionStoreKind;
use super::sql::impl_store;
use crate::error::StartupError;
use app::server::StoreError;
use sqlx::postgres::{PgConnectOptions, PgPool, PgPoolOptions};
use sqlx::{Connection, Postgres, Transaction};
use std::str::FromStr;
use std::time::Duration;

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/postgres");

/// Settings that, turned off, let PostgreSQL acknowledge a commit it could still lose.
const DURABILITY_SETTINGS: [&str; 3] = ["fsync", "synchronous_commit", "full_page_writes"];

/// How long a connection may sit idle in the pool and still be used without testing it first.
pub const TEST_AFTER_IDLE: Duration = Duration::from_secs(1);

#[derive(Clone)]
pub struct PostgresStore {
    pub(super) pool: PgPool,
}

impl PostgresStore {
    pub async fn open(url: &str) -> Result<PostgresStore, StartupError> {
        let options = PgConnectOptions::from_str(url)
            .map_err(|_| {
                StartupError::new("HIVE_DATABASE_URL is not a valid PostgreSQL connection URL")
            })?
            .statement_cache_capacity(super::STATEMENT_CACHE);
        let pool = PgPoolOptions::new()
            .max_connections(10)
            .acquire_timeout(Duration::from_secs(3))
            // A connection is tested (a round trip) before use only after it has sat idle: one
            // in use moments ago is alive, and testing it before every query doubled the round
            // trips of each page (the staff queue's took 6 instead of 3). One that PostgreSQL or
            // the network ended while it sat idle fails the test and is replaced, unseen.
            .test_before_acquire(false)
            .before_acquire(|conn, meta| {
                Box::pin(async move {
                    if meta.idle_for > TEST_AFTER_IDLE {
                        conn.ping().await?;
                    }
                    Ok(true)
                })
            })
            .connect_with(options)
            .await
            .map_err(|e| StartupError::new(format!("cannot connect to PostgreSQL: {e}")))?;
        let store = PostgresStore { pool };
        store.check_durability().await?;
        Ok(store)
    }

    async fn check_durability(&self) -> Result<(), StartupError> {
        for setting in DURABILITY_SETTINGS {
            let value: String = sqlx::query_scalar(&format!("SHOW {setting}"))
                .fetch_one(&self.pool)
                .await
                .map_err(|e| StartupError::new(format!("cannot read {setting}: {e}")))?;
            if value == "off" {
                return Err(StartupError::new(format!(
                    "PostgreSQL has {setting} turned off, so commits could be lost; Hive will not start until it is on"
                )));
            }
        }
        Ok(())
    }

    pub async fn migrate(&self) -> Result<(), StartupError> {
        MIGRATOR
            .run(&self.pool)
            .await
            .map_err(|e| super::migration_error(e, super::latest(&MIGRATOR)))
    }

    /// Sessions live beside everything else, in the connection's current schema.
    pub async fn sessions(&self) -> Result<SessionStoreKind, StartupError> {
        let schema: String = sqlx::query_scalar("SELECT current_schema()")
            .fetch_one(&self.pool)
            .await
            .map_err(|e| StartupError::new(format!("cannot read the current schema: {e}")))?;
        tower_sessions_sqlx_store::PostgresStore::new(self.pool.clone())
            .with_schema_name(schema)
            .and_then(|s| s.with_table_name("sessions"))
            .map(SessionStoreKind::Postgres)
            .map_err(StartupError::new)
    }

    /// Reachability is what the query in `ping` tests; nothing to check beforehand.
    fn check_reachable(&self) -> Result<(), StoreError> {
        Ok(())
    }

    async fn begin_write(&self) -> Result<Transaction<'static, Postgres>, StoreError> {
        self.pool.begin().await.map_err(other)
    }

    /// Before a change that depends on these people staying as they are (an administrator
    /// removing someone must still be one): their rows are locked in id order, so two such
    /// changes take turns and the second reads what the first committed.
    async fn lock_people(
        tx: &mut Transaction<'static, Postgres>,
        people: &[app::domain::ids::PersonId],
    ) -> Result<(), StoreError> {
        let mut ids: Vec<i64> = people.iter().map(|p| p.0).collect();
        ids.sort_unstable();
        sqlx::query("SELECT id FROM people WHERE id = ANY($1) ORDER BY id FOR NO KEY UPDATE")
            .bind(&ids)
            .execute(&mut **tx)
            .await
            .map_err(other)?;
        Ok(())
    }

    /// Before a resident's queue row is worked out again: their person row is locked, so
    /// transactions that change what the row says (a move, a change of sharing, a save) take
    /// turns, and each one's refresh reads what the one before committed. Without it, READ
    /// COMMITTED let a save that read the old home ward write it back over a move committed
    /// while it waited for the row (the old team kept the resident). `NO KEY UPDATE`, not
    /// `UPDATE`: the transaction's own inserts that refer to the person (a version, an
    /// acknowledgement) already hold the key-share lock their foreign key takes, and two of
    /// them asking for `FOR UPDATE` would each wait for the other (a deadlock).
    async fn lock_resident(
        tx: &mut Transaction<'static, Postgres>,
        resident: app::domain::ids::PersonId,
    ) -> Result<(), StoreError> {
        sqlx::query("SELECT id FROM people WHERE id = $1 FOR NO KEY UPDATE")
            .bind(resident.0)
            .execute(&mut **tx)
            .await
            .map_err(other)?;
        Ok(())
    }

    /// Before a campaign's questions change: the campaign row is locked `FOR UPDATE`, which
    /// also waits for answers being stored (each holds the key-share lock its foreign key
    /// takes on the campaign), so "no answers yet" is still true when the change commits, and
    /// two changes of the questions' order take turns.
    async fn lock_campaign(
        tx: &mut Transaction<'static, Postgres>,
        campaign: i64,
    ) -> Result<(), StoreError> {
        sqlx::query("SELECT id FROM campaigns WHERE id = $1 FOR UPDATE")
            .bind(campaign)
            .execute(&mut **tx)
            .await
            .map_err(other)?;
        Ok(())
    }

    /// Before a carer's save: their grants for the resident are locked `FOR SHARE`, so a
    /// revocation or a change of what they may do being saved at that moment commits first,
    /// and the save's check of the grant reads what it decided.
    async fn lock_carer_grants(
        tx: &mut Transaction<'static, Postgres>,
        resident: app::domain::ids::PersonId,
        carer: app::domain::ids::PersonId,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "SELECT id FROM carer_grants WHERE carer_id = $1 AND resident_id = $2 FOR SHARE",
        )
        .bind(carer.0)
        .bind(resident.0)
        .execute(&mut **tx)
        .await
        .map_err(other)?;
        Ok(())
    }

    /// Before something is added to a story that depends on its status (a public response
    /// to a published one): the row is locked `FOR SHARE`, so a take-down, a report or a
    /// moderation being saved at that moment commits first and the addition reads what it
    /// decided (its foreign key's key-share lock would not wait for a change of status).
    async fn lock_feedback(
        tx: &mut Transaction<'static, Postgres>,
        feedback: i64,
    ) -> Result<(), StoreError> {
        sqlx::query("SELECT id FROM feedback WHERE id = $1 FOR SHARE")
            .bind(feedback)
            .execute(&mut **tx)
            .await
            .map_err(other)?;
        Ok(())
    }
}

impl_store!(PostgresStore, Postgres);
