//! About Me: a resident reads and writes their own sections. Every save is a new version; an
//! edit that started from an older version than the latest is refused, and nothing is stored.

use crate::domain::about_me::{Section, SectionForm, SectionNow, SectionVersion};
use crate::error::AppError;
use crate::server::store::{Store, StoreError};
use crate::server::{Actor, internal};

/// What a stale edit is told. Their text is kept on the page, and what is saved now is shown.
pub const STALE_EDIT: &str = "This section was changed and saved after you started editing it. \
    Your text has not been saved: it is still in the box below. Compare it with what is saved \
    now, change it if you need to, then save again.";

use super::record::owner;

/// Every section in the standard's order, with its latest version if written.
pub async fn overview(store: &dyn Store, actor: &Actor) -> Result<Vec<SectionNow>, AppError> {
    let resident = owner(actor)?;
    let latest = store.about_me(resident).await.map_err(internal)?;
    Ok(Section::ALL
        .into_iter()
        .map(|section| SectionNow {
            section,
            latest: latest.iter().find(|v| v.section == section).cloned(),
        })
        .collect())
}

pub async fn section(
    store: &dyn Store,
    actor: &Actor,
    section: Section,
) -> Result<SectionNow, AppError> {
    let resident = owner(actor)?;
    let latest = store.about_me(resident).await.map_err(internal)?;
    Ok(SectionNow {
        section,
        latest: latest.into_iter().find(|v| v.section == section),
    })
}

pub async fn history(
    store: &dyn Store,
    actor: &Actor,
    section: Section,
) -> Result<Vec<SectionVersion>, AppError> {
    let resident = owner(actor)?;
    store
        .about_me_history(resident, section)
        .await
        .map_err(internal)
}

/// Saves the section as a new version; returns its number.
pub async fn save(
    store: &dyn Store,
    actor: &Actor,
    section: Section,
    form: &SectionForm,
) -> Result<i64, AppError> {
    let resident = owner(actor)?;
    let edit = form
        .check()
        .map_err(|fields| AppError::Invalid { fields })?;
    match store
        .save_about_me(resident, resident, section, &edit)
        .await
    {
        Ok(version) => Ok(version),
        Err(StoreError::Conflict(_)) => Err(AppError::Conflict(STALE_EDIT.into())),
        Err(err) => Err(internal(err)),
    }
}
