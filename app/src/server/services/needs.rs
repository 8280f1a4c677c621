//! Communication and information needs: one versioned item per resident.

use super::record::{access, author_label, read};
use crate::domain::needs::{NeedsForm, NeedsNow};
use crate::domain::sharing::Scope;
use crate::error::AppError;
use crate::server::Actor;
use crate::server::store::{PartKind, Store};

/// The needs are one item of the record, under this key.
pub(crate) const KEY: &str = "needs";

pub const STALE_EDIT: &str = "Your needs were changed and saved after you started editing them. \
    Your changes have not been saved: they are still in the form below. Check what is saved \
    now, then save again.";

/// The needs page: what is saved now, and the team's newest acknowledgement of it.
pub async fn needs(store: &dyn Store, actor: &Actor) -> Result<NeedsNow, AppError> {
    let now = current(store, actor).await?;
    let resident = access(actor)?.resident;
    let acks = super::record::part_acks(store, resident, None).await?;
    Ok(NeedsNow {
        read: crate::domain::review::ack_for(&acks, "needs", KEY).cloned(),
        ..now
    })
}

/// The needs as saved now (one query): for the home page and the summary.
pub async fn current(store: &dyn Store, actor: &Actor) -> Result<NeedsNow, AppError> {
    let access = access(actor)?;
    access.see(store, &[Scope::Needs]).await?;
    let latest = store
        .record_latest(access.resident, PartKind::Needs)
        .await?;
    match latest.first() {
        Some(version) => Ok(NeedsNow {
            conversation: None,
            needs: read(version)?,
            version: version.version,
            updated_at: Some(version.created_at),
            read: None,
            written_by: (version.author != version.acting_for).then(|| author_label(version)),
        }),
        None => Ok(NeedsNow::default()),
    }
}

pub async fn save(store: &dyn Store, actor: &Actor, form: &NeedsForm) -> Result<i64, AppError> {
    let access = access(actor)?;
    access.may_change(Scope::Needs)?;
    let (needs, base) = form
        .check()
        .map_err(|fields| AppError::Invalid { fields })?;
    access
        .write(
            store,
            Scope::Needs,
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
    let access = access(actor)?;
    access.see(store, &[Scope::Needs]).await?;
    store
        .record_history(access.resident, PartKind::Needs, KEY)
        .await?
        .iter()
        .map(|v| {
            Ok(crate::domain::needs::NeedsVersion {
                needs: read(v)?,
                version: v.version,
                author_name: author_label(v),
                created_at: v.created_at,
            })
        })
        .collect()
}
