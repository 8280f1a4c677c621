//! About Me: a resident reads and writes their own sections. Every save is a new version of the
//! section's record part; an edit that started from an older version than the latest is
//! refused, and nothing is stored.

use super::record::{access, author_label, read};
use crate::domain::about_me::{Section, SectionBody, SectionForm, SectionNow, SectionVersion};
use crate::domain::record::PartKind;
use crate::domain::sharing::Scope;
use crate::error::AppError;
use crate::server::store::{RecordVersion, Store};
use crate::server::{Actor, internal};

/// What a stale edit is told. Their text is kept on the page, and what is saved now is shown.
pub const STALE_EDIT: &str = "This section was changed and saved after you started editing it. \
    Your text has not been saved: it is still in the box below. Compare it with what is saved \
    now, change it if you need to, then save again.";

/// A stored version read as the section it belongs to.
fn section_version(stored: &RecordVersion) -> Result<SectionVersion, AppError> {
    let section = Section::parse(&stored.key)
        .ok_or_else(|| internal("an About Me version names an unknown section"))?;
    let body: SectionBody = read(stored)?;
    Ok(SectionVersion {
        section,
        version: stored.version,
        text: body.text,
        supported_by: body.supported_by,
        author: stored.author,
        author_name: author_label(stored),
        acting_for: stored.acting_for,
        created_at: stored.created_at,
    })
}

/// The About Me page: every section the reader may see, with its latest version and the
/// team's newest acknowledgement of it (two queries).
pub async fn overview(store: &dyn Store, actor: &Actor) -> Result<Vec<SectionNow>, AppError> {
    let sections = sections(store, actor).await?;
    let resident = access(actor)?.resident;
    let acks = super::record::part_acks(store, resident, None).await?;
    Ok(sections
        .into_iter()
        .map(|now| SectionNow {
            read: crate::domain::review::ack_for(&acks, "about-me", now.section.code()).cloned(),
            ..now
        })
        .collect())
}

/// Every section in the standard's order the reader may see, with its latest version if
/// written (one query): for the summary.
pub async fn sections(store: &dyn Store, actor: &Actor) -> Result<Vec<SectionNow>, AppError> {
    let access = access(actor)?;
    // A carer sees the sections their grant names, and only those are read (and logged).
    let visible: Vec<Section> = Section::ALL
        .into_iter()
        .filter(|s| access.can_see(Scope::AboutMe(*s)))
        .collect();
    let scopes: Vec<Scope> = visible.iter().map(|s| Scope::AboutMe(*s)).collect();
    access.see(store, &scopes).await?;
    let latest = store
        .record_latest(access.resident, PartKind::AboutMe)
        .await?
        .iter()
        .map(section_version)
        .collect::<Result<Vec<_>, _>>()?;
    Ok(visible
        .into_iter()
        .map(|section| SectionNow {
            conversation: None,
            section,
            latest: latest.iter().find(|v| v.section == section).cloned(),
            read: None,
        })
        .collect())
}

pub async fn section(
    store: &dyn Store,
    actor: &Actor,
    section: Section,
) -> Result<SectionNow, AppError> {
    let access = access(actor)?;
    access.see(store, &[Scope::AboutMe(section)]).await?;
    let latest = store
        .record_item(access.resident, PartKind::AboutMe, section.code())
        .await?;
    let acks = super::record::part_acks(store, access.resident, None).await?;
    Ok(SectionNow {
        conversation: None,
        section,
        latest: latest.as_ref().map(section_version).transpose()?,
        read: crate::domain::review::ack_for(&acks, "about-me", section.code()).cloned(),
    })
}

pub async fn history(
    store: &dyn Store,
    actor: &Actor,
    section: Section,
) -> Result<Vec<SectionVersion>, AppError> {
    let access = access(actor)?;
    access.see(store, &[Scope::AboutMe(section)]).await?;
    store
        .record_history(access.resident, PartKind::AboutMe, section.code())
        .await?
        .iter()
        .map(section_version)
        .collect()
}

/// Saves the section as a new version; returns its number.
pub async fn save(
    store: &dyn Store,
    actor: &Actor,
    section: Section,
    form: &SectionForm,
) -> Result<i64, AppError> {
    let access = access(actor)?;
    access.may_change(Scope::AboutMe(section))?;
    let edit = form
        .check()
        .map_err(|fields| AppError::Invalid { fields })?;
    access
        .write(
            store,
            Scope::AboutMe(section),
            PartKind::AboutMe,
            section.code(),
            Some(edit.base),
            &edit.body(),
            STALE_EDIT,
        )
        .await
}
