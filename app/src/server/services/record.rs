//! What every part of the resident's record shares: whose record the actor may write, and
//! reading and writing the parts kept as versioned JSON.

use crate::domain::ids::PersonId;
use crate::domain::role::{Area, Role};
use crate::error::AppError;
use crate::server::internal;
use crate::server::store::{PartKind, RecordVersion, Store, StoreError};
use serde::Serialize;
use serde::de::DeserializeOwned;

/// The resident whose record this actor may write: for now, only a resident, their own.
/// (Carers acting for a resident, with permission, come with sharing.)
pub fn owner(actor: &crate::server::Actor) -> Result<PersonId, AppError> {
    let person = actor.require_area(Area::Personal)?;
    match person.role {
        Role::Resident => Ok(person.id),
        _ => Err(AppError::Forbidden),
    }
}

/// A stored version read back as its domain type. The log says only what kind of failure and
/// where: serde's own message can quote the stored (health) text.
pub fn read<T: DeserializeOwned>(version: &RecordVersion) -> Result<T, AppError> {
    serde_json::from_str(&version.body).map_err(|e| {
        internal(format!(
            "record version {} does not read back ({:?} at column {})",
            version.version,
            e.classify(),
            e.column()
        ))
    })
}

/// Stores `value` as the next version; a stale base is the conflict `stale` describes.
pub async fn write<T: Serialize>(
    store: &dyn Store,
    resident: PersonId,
    kind: PartKind,
    key: &str,
    base: Option<i64>,
    value: &T,
    stale: &str,
) -> Result<i64, AppError> {
    let body = serde_json::to_string(value).map_err(internal)?;
    match store
        .save_record(resident, resident, kind, key, base, &body)
        .await
    {
        Ok(version) => Ok(version),
        Err(StoreError::Conflict(_)) => Err(AppError::Conflict(stale.into())),
        Err(err) => Err(err.into()),
    }
}
