//! One session store type for either backend, so the session layer has one type.

use async_trait::async_trait;
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{self, ExpiredDeletion, SessionStore};
use tower_sessions_sqlx_store::{PostgresStore, SqliteStore};

#[derive(Clone, Debug)]
pub enum SessionStoreKind {
    Sqlite(SqliteStore),
    Postgres(PostgresStore),
}

#[async_trait]
impl SessionStore for SessionStoreKind {
    async fn create(&self, record: &mut Record) -> session_store::Result<()> {
        match self {
            SessionStoreKind::Sqlite(s) => s.create(record).await,
            SessionStoreKind::Postgres(s) => s.create(record).await,
        }
    }

    async fn save(&self, record: &Record) -> session_store::Result<()> {
        match self {
            SessionStoreKind::Sqlite(s) => s.save(record).await,
            SessionStoreKind::Postgres(s) => s.save(record).await,
        }
    }

    async fn load(&self, id: &Id) -> session_store::Result<Option<Record>> {
        match self {
            SessionStoreKind::Sqlite(s) => s.load(id).await,
            SessionStoreKind::Postgres(s) => s.load(id).await,
        }
    }

    async fn delete(&self, id: &Id) -> session_store::Result<()> {
        match self {
            SessionStoreKind::Sqlite(s) => s.delete(id).await,
            SessionStoreKind::Postgres(s) => s.delete(id).await,
        }
    }
}

#[async_trait]
impl ExpiredDeletion for SessionStoreKind {
    async fn delete_expired(&self) -> session_store::Result<()> {
        match self {
            SessionStoreKind::Sqlite(s) => s.delete_expired().await,
            SessionStoreKind::Postgres(s) => s.delete_expired().await,
        }
    }
}
