//! Server-only code: the storage port, who is asking, and the services that hold the rules.
//! Nothing here is compiled into the browser bundle.

pub mod actor;
pub mod context;
pub mod services;
pub mod store;

pub use actor::Actor;
pub use context::{Hive, RequestActor, RequestTaken, current_actor, hive, respond};
pub use store::{Store, StoreError};

/// Logs an internal failure under a fresh reference and returns the error people see, which
/// carries only that reference. Callers pass errors whose text holds no personal data.
pub fn internal(cause: impl std::fmt::Display) -> crate::error::AppError {
    let reference = uuid::Uuid::new_v4().simple().to_string()[..12].to_string();
    tracing::error!(%reference, cause = %cause, "internal error");
    crate::error::AppError::Internal { reference }
}

/// Now, in Unix milliseconds, as every stored time is kept.
pub fn now_millis() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or_default()
}
