//! The staff directory and the city's places, for admins only. Every function checks the actor
//! itself: the `/admin` URL prefix decides nothing.

use crate::domain::ids::PersonId;
use crate::domain::role::Area;
use crate::domain::staff::{Directory, StaffEntry, StaffForm};
use crate::error::{AppError, FieldError};
use crate::server::Actor;
use crate::server::store::{Store, StoreError};

/// The staff directory, or those in it a search by name or email, a role and a team find, a
/// page at a time (a few hundred people at city size: read whole, filtered here).
pub async fn directory(
    store: &dyn Store,
    actor: &Actor,
    search: &str,
    role: &str,
    team: &str,
    page: &str,
) -> Result<Directory, AppError> {
    actor.require_area(Area::Admin)?;
    Ok(Directory::find(
        store.staff_directory().await?,
        search,
        role,
        team,
        page,
    ))
}

pub async fn member(
    store: &dyn Store,
    actor: &Actor,
    id: PersonId,
) -> Result<StaffEntry, AppError> {
    actor.require_area(Area::Admin)?;
    store.staff_member(id).await.map_err(AppError::from)
}

pub async fn add(store: &dyn Store, actor: &Actor, form: &StaffForm) -> Result<PersonId, AppError> {
    actor.require_area(Area::Admin)?;
    let new = form
        .check()
        .map_err(|fields| AppError::Invalid { fields })?;
    store.add_staff(&new).await.map_err(directory_error)
}

pub async fn change(
    store: &dyn Store,
    actor: &Actor,
    id: PersonId,
    form: &StaffForm,
) -> Result<(), AppError> {
    let me = actor.require_area(Area::Admin)?;
    store.staff_member(id).await.map_err(AppError::from)?;
    let change = form
        .check()
        .map_err(|fields| AppError::Invalid { fields })?;
    if me.id == id && change.role != me.role {
        return Err(AppError::field(
            "role",
            "You cannot change your own role: ask another administrator",
        ));
    }
    store
        .change_staff(id, &change, me.id)
        .await
        .map_err(directory_error)
}

pub async fn remove(store: &dyn Store, actor: &Actor, id: PersonId) -> Result<(), AppError> {
    let me = actor.require_area(Area::Admin)?;
    if me.id == id {
        return Err(AppError::Conflict(
            "You cannot remove yourself: ask another administrator".into(),
        ));
    }
    store.remove_staff(id, me.id).await.map_err(directory_error)
}

fn directory_error(err: StoreError) -> AppError {
    match err {
        // Removed or demoted as an administrator while this request was on its way.
        StoreError::Conflict("remover") => AppError::Forbidden,
        StoreError::Conflict(_) => AppError::Invalid {
            fields: vec![FieldError {
                field: "email".into(),
                message: "Someone in the directory already has this email address".into(),
            }],
        },
        // The team was chosen from the list but does not exist.
        StoreError::NotFound => AppError::field("team", "Select a team from the list"),
        other => other.into(),
    }
}
