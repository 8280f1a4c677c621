//! Communication and information needs: one versioned item per resident.

use super::record::{owner, read, write};
use crate::domain::needs::{NeedsForm, NeedsNow};
use crate::error::AppError;
use crate::server::Actor;
use crate::server::store::{PartKind, Store};

const KEY: &str = "needs";

pub const STALE_EDIT: &str = "Your needs were changed and saved after you started editing them. \
    Your changes have not been saved: they are still in the form below. Check what is saved \
    now, then save again.";

pub async fn needs(store: &dyn Store, actor: &Actor) -> Result<NeedsNow, AppError> {
    let resident = owner(actor)?;
    let latest = store.record_latest(resident, PartKind::Needs).await?;
    match latest.first() {
        Some(version) => Ok(NeedsNow {
            needs: read(version)?,
            version: version.version,
            updated_at: Some(version.created_at),
        }),
        None => Ok(NeedsNow::default()),
    }
}

pub async fn save(store: &dyn Store, actor: &Actor, form: &NeedsForm) -> Result<i64, AppError> {
    let resident = owner(actor)?;
    let (needs, base) = form
        .check()
        .map_err(|fields| AppError::Invalid { fields })?;
    write(
        store,
        resident,
        PartKind::Needs,
        KEY,
        Some(base),
        &needs,
        STALE_EDIT,
    )
    .await
}

/// Every saved version of the needs, newest first.
pub async fn history(
    store: &dyn Store,
    actor: &Actor,
) -> Result<Vec<crate::domain::needs::NeedsVersion>, AppError> {
    let resident = owner(actor)?;
    store
        .record_history(resident, PartKind::Needs, KEY)
        .await?
        .iter()
        .map(|v| {
            Ok(crate::domain::needs::NeedsVersion {
                needs: read(v)?,
                version: v.version,
                author_name: v.author_name.clone(),
                created_at: v.created_at,
            })
        })
        .collect()
}
