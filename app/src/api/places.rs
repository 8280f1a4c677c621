//! The city's neighbourhoods, wards and teams.

use crate::domain::form::{FormScreen, Screen};
use crate::domain::place::{Neighbourhood, PlaceForm, RenamePlaceForm};
use crate::error::AppError;
use leptos::prelude::*;

/// The public list of neighbourhoods.
#[server(prefix = "/api", endpoint = "neighbourhoods")]
pub async fn neighbourhoods() -> Result<Vec<Neighbourhood>, AppError> {
    use crate::server::{hive, respond, services::places};
    let hive = respond(hive())?;
    respond(places::neighbourhoods(&hive).await)
}

/// The places page, for admins.
#[server(prefix = "/api", endpoint = "places")]
pub async fn load_places() -> Result<Screen<Vec<Neighbourhood>>, AppError> {
    use crate::server::{context, current_actor, respond, services::places};
    let (hive, actor) = respond(current_actor().await)?;
    let all = places::to_manage(hive.store.as_ref(), &actor).await;
    respond(context::screen(all).await)
}

/// The page that adds a neighbourhood, ward or team (`kind`), for admins.
#[server(prefix = "/api", endpoint = "new-place")]
pub async fn load_new_place(
    kind: String,
) -> Result<FormScreen<Vec<Neighbourhood>, PlaceForm>, AppError> {
    use crate::domain::place::PlaceKind;
    use crate::server::{context, current_actor, respond, services::places};
    let (hive, actor) = respond(current_actor().await)?;
    let Some(kind) = PlaceKind::parse(&kind) else {
        return respond(Err(AppError::NotFound));
    };
    let all = places::to_manage(hive.store.as_ref(), &actor).await;
    respond(context::form_screen(kind.code(), all).await)
}

/// The rename page, for admins.
#[server(prefix = "/api", endpoint = "rename-place-screen")]
pub async fn load_rename() -> Result<FormScreen<Vec<Neighbourhood>, RenamePlaceForm>, AppError> {
    use crate::server::{context, current_actor, respond, services::places};
    let (hive, actor) = respond(current_actor().await)?;
    let all = places::to_manage(hive.store.as_ref(), &actor).await;
    respond(context::form_screen("", all).await)
}

/// Adds a neighbourhood, ward or team (admins only).
#[server(prefix = "/api", endpoint = "add-place")]
pub async fn add_place(kind: String, #[server(flatten)] form: PlaceForm) -> Result<(), AppError> {
    use crate::domain::place::PlaceKind;
    use crate::server::context::{Saved, finish};
    use crate::server::{context::current_writer, respond, services::places};
    let (hive, actor) = respond(current_writer(&kind, &form).await)?;
    let Some(kind) = PlaceKind::parse(&kind) else {
        return respond(Err(AppError::NotFound));
    };
    let added = places::add(hive.store.as_ref(), &actor, kind, &form).await;
    let added = added.map(|added| {
        Saved::new(
            format!("{} {added} was added", kind.label()),
            "/admin/places",
        )
    });
    respond(finish(kind.code(), &form, added).await)
}

/// Renames a neighbourhood, ward or team, chosen as `kind:code` (admins only).
#[server(prefix = "/api", endpoint = "rename-place")]
pub async fn rename_place(#[server(flatten)] form: RenamePlaceForm) -> Result<(), AppError> {
    use crate::server::context::{Saved, finish};
    use crate::server::{context::current_writer, respond, services::places};
    let (hive, actor) = respond(current_writer("", &form).await)?;
    let renamed = places::rename(hive.store.as_ref(), &actor, &form.place, &form.name).await;
    let renamed = renamed.map(|name| Saved::new(format!("Renamed to {name}"), "/admin/places"));
    respond(finish("", &form, renamed).await)
}
