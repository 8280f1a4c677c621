use crate::domain::place::Neighbourhood;
use crate::error::AppError;
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "neighbourhoods")]
pub async fn neighbourhoods() -> Result<Vec<Neighbourhood>, AppError> {
    use crate::server::{hive, respond, services::places};
    let hive = respond(hive())?;
    respond(places::neighbourhoods(&hive).await)
}

/// The neighbourhoods, for the pages that change them (admins only).
#[server(prefix = "/api", endpoint = "places-to-manage")]
pub async fn places_to_manage() -> Result<Vec<Neighbourhood>, AppError> {
    use crate::server::{current_actor, respond, services::places};
    let (hive, actor) = respond(current_actor().await)?;
    respond(places::to_manage(hive.store.as_ref(), &actor).await)
}

/// Adds a neighbourhood, ward or team (admins only).
#[server(prefix = "/api", endpoint = "add-place")]
pub async fn add_place(
    kind: String,
    code: String,
    name: String,
    within: String,
) -> Result<(), AppError> {
    use crate::domain::place::{PlaceForm, PlaceKind};
    use crate::server::{context, current_actor, respond, services::places};
    let (hive, actor) = respond(current_actor().await)?;
    let Some(kind) = PlaceKind::parse(&kind) else {
        return respond(Err(AppError::NotFound));
    };
    let form = PlaceForm { code, name, within };
    let result = places::add(hive.store.as_ref(), &actor, kind, &form).await;
    if let Ok(added) = &result {
        context::set_notice(format!("{} {added} was added", kind.label())).await?;
        leptos_axum::redirect("/admin/places");
    }
    let values = [
        ("code", form.code.as_str()),
        ("name", form.name.as_str()),
        ("within", form.within.as_str()),
    ];
    let form_id = format!("place-{}", kind.code());
    respond(context::keep_failed_form(&form_id, &values, result.map(|_| ())).await)
}

/// Renames a neighbourhood, ward or team, chosen as `kind:code` (admins only).
#[server(prefix = "/api", endpoint = "rename-place")]
pub async fn rename_place(place: String, name: String) -> Result<(), AppError> {
    use crate::server::{context, current_actor, respond, services::places};
    let (hive, actor) = respond(current_actor().await)?;
    let result = places::rename(hive.store.as_ref(), &actor, &place, &name).await;
    if let Ok(renamed) = &result {
        context::set_notice(format!("Renamed to {renamed}")).await?;
        leptos_axum::redirect("/admin/places");
    }
    let values = [("place", place.as_str()), ("name", name.as_str())];
    respond(context::keep_failed_form("place-rename", &values, result.map(|_| ())).await)
}
