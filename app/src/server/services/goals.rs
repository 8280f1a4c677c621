//! Goals: added, changed (each change a new version), stopped (cancelled or entered in error,
//! never deleted) and given dated progress notes.

use super::record::{access, author_label, read};
use crate::domain::goals::{
    Goal, GoalDetail, GoalForm, GoalNow, GoalVersion, Lifecycle, Note, NoteNow, check_note,
    valid_key,
};
use crate::domain::ids::PersonId;
use crate::domain::sharing::Scope;
use crate::error::AppError;
use crate::server::Actor;
use crate::server::store::{PartKind, Store};

pub const STALE_EDIT: &str = "This goal was changed and saved after you started editing it. \
    Your changes have not been saved: they are still in the form below. Check what is saved now, \
    then save again.";

/// Every goal, most recently changed first.
pub async fn list(store: &dyn Store, actor: &Actor) -> Result<Vec<GoalNow>, AppError> {
    let access = access(actor)?;
    access.see(store, &[Scope::Goals]).await?;
    let resident = access.resident;
    let latest = store.record_latest(resident, PartKind::Goal).await?;
    let mut goals = latest
        .iter()
        .map(|v| {
            Ok(GoalNow {
                key: v.key.clone(),
                goal: read(v)?,
                version: v.version,
                updated_at: v.created_at,
                author_name: author_label(v),
            })
        })
        .collect::<Result<Vec<_>, AppError>>()?;
    goals.sort_by_key(|g| std::cmp::Reverse(g.updated_at));
    Ok(goals)
}

async fn versions(
    store: &dyn Store,
    resident: PersonId,
    key: &str,
) -> Result<Vec<GoalVersion>, AppError> {
    if !valid_key(key) {
        return Err(AppError::NotFound);
    }
    let history = store.record_history(resident, PartKind::Goal, key).await?;
    if history.is_empty() {
        // Someone else's goal looks exactly like no goal.
        return Err(AppError::NotFound);
    }
    history
        .iter()
        .map(|v| {
            Ok(GoalVersion {
                goal: read(v)?,
                version: v.version,
                author_name: author_label(v),
                created_at: v.created_at,
            })
        })
        .collect()
}

/// The goal as it is now: one row, however long its history.
async fn current(store: &dyn Store, resident: PersonId, key: &str) -> Result<GoalNow, AppError> {
    if !valid_key(key) {
        return Err(AppError::NotFound);
    }
    let latest = store
        .record_item(resident, PartKind::Goal, key)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(GoalNow {
        key: key.to_string(),
        goal: read(&latest)?,
        version: latest.version,
        updated_at: latest.created_at,
        author_name: author_label(&latest),
    })
}

pub async fn detail(store: &dyn Store, actor: &Actor, key: &str) -> Result<GoalDetail, AppError> {
    let access = access(actor)?;
    access.see(store, &[Scope::Goals]).await?;
    let resident = access.resident;
    let now = current(store, resident, key).await?;
    let notes = store
        .record_history(resident, PartKind::GoalNote, key)
        .await?
        .iter()
        .map(|v| {
            let note: Note = read(v)?;
            Ok(NoteNow {
                text: note.text,
                author_name: author_label(v),
                created_at: v.created_at,
            })
        })
        .collect::<Result<Vec<_>, AppError>>()?;
    let acks = super::record::part_acks(store, resident, None).await?;
    let read = crate::domain::review::ack_for(&acks, "goal", key).cloned();
    Ok(GoalDetail { now, notes, read })
}

pub async fn history(
    store: &dyn Store,
    actor: &Actor,
    key: &str,
) -> Result<Vec<GoalVersion>, AppError> {
    let access = access(actor)?;
    access.see(store, &[Scope::Goals]).await?;
    let resident = access.resident;
    versions(store, resident, key).await
}

/// Adds a goal; returns its key.
pub async fn add(store: &dyn Store, actor: &Actor, form: &GoalForm) -> Result<String, AppError> {
    let access = access(actor)?;
    access.may_change(Scope::Goals)?;
    let goal = form
        .check()
        .map_err(|fields| AppError::Invalid { fields })?;
    let key = uuid::Uuid::new_v4().simple().to_string()[..16].to_string();
    access
        .write(
            store,
            Scope::Goals,
            PartKind::Goal,
            &key,
            Some(0),
            &goal,
            STALE_EDIT,
        )
        .await?;
    Ok(key)
}

pub async fn change(
    store: &dyn Store,
    actor: &Actor,
    key: &str,
    form: &GoalForm,
    base: &str,
) -> Result<(), AppError> {
    let access = access(actor)?;
    access.may_change(Scope::Goals)?;
    let resident = access.resident;
    current(store, resident, key).await?;
    let goal = form
        .check()
        .map_err(|fields| AppError::Invalid { fields })?;
    let base = parse_base(base)?;
    access
        .write(
            store,
            Scope::Goals,
            PartKind::Goal,
            key,
            Some(base),
            &goal,
            STALE_EDIT,
        )
        .await
        .map(|_| ())
}

/// "Deleting" a goal: it is marked cancelled or entered in error, and stays in the history.
pub async fn stop(
    store: &dyn Store,
    actor: &Actor,
    key: &str,
    how: &str,
    base: &str,
) -> Result<Lifecycle, AppError> {
    let access = access(actor)?;
    access.may_change(Scope::Goals)?;
    let resident = access.resident;
    let now = current(store, resident, key).await?;
    let lifecycle = match Lifecycle::parse(how) {
        Some(l @ (Lifecycle::Cancelled | Lifecycle::EnteredInError)) => l,
        _ => {
            return Err(AppError::field(
                "how",
                "Select why you are removing this goal",
            ));
        }
    };
    let base = parse_base(base)?;
    let goal = Goal {
        lifecycle,
        ..now.goal
    };
    access
        .write(
            store,
            Scope::Goals,
            PartKind::Goal,
            key,
            Some(base),
            &goal,
            STALE_EDIT,
        )
        .await?;
    Ok(lifecycle)
}

pub async fn add_note(
    store: &dyn Store,
    actor: &Actor,
    key: &str,
    text: &str,
) -> Result<(), AppError> {
    let access = access(actor)?;
    access.may_change(Scope::Goals)?;
    let resident = access.resident;
    current(store, resident, key).await?;
    let note = check_note(text).map_err(|fields| AppError::Invalid { fields })?;
    access
        .write(
            store,
            Scope::Goals,
            PartKind::GoalNote,
            key,
            None,
            &note,
            STALE_EDIT,
        )
        .await
        .map(|_| ())
}

/// The version the form started from. Version 0 is the goal before it was added: the store
/// refuses it as a stale edit. Anything else that is not a version is a form that was mangled.
fn parse_base(base: &str) -> Result<i64, AppError> {
    base.trim()
        .parse::<i64>()
        .ok()
        .filter(|b| *b >= 0)
        .ok_or_else(|| {
            AppError::field(
                "",
                "The form could not be read. Reload the page and try again.",
            )
        })
}
