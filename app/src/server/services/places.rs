//! Neighbourhoods, wards and teams: readable by anyone; added and renamed by admins only.

use crate::domain::place::{Neighbourhood, NewPlace, PlaceForm, PlaceKind, place_name};
use crate::domain::role::Area;
use crate::error::AppError;
use crate::server::store::{Store, StoreError};
use crate::server::{Actor, Hive};

pub async fn neighbourhoods(hive: &Hive) -> Result<Vec<Neighbourhood>, AppError> {
    Ok(hive.store.neighbourhoods().await?)
}

/// The same list, for the admin pages that change it.
pub async fn to_manage(store: &dyn Store, actor: &Actor) -> Result<Vec<Neighbourhood>, AppError> {
    actor.require_area(Area::Admin)?;
    Ok(store.neighbourhoods().await?)
}

/// Adds a neighbourhood, ward or team; returns its name for the confirmation.
pub async fn add(
    store: &dyn Store,
    actor: &Actor,
    kind: PlaceKind,
    form: &PlaceForm,
) -> Result<String, AppError> {
    actor.require_area(Area::Admin)?;
    let new = form
        .check(kind)
        .map_err(|fields| AppError::Invalid { fields })?;
    let city = store.neighbourhoods().await?;
    let parent = |code: &str| city.iter().find(|n| n.code == code);
    let code_taken = |code: &str| match kind {
        PlaceKind::Neighbourhood => city.iter().any(|n| n.code == code),
        PlaceKind::Ward => city.iter().flat_map(|n| &n.wards).any(|w| w.code == code),
        PlaceKind::Team => city
            .iter()
            .filter_map(|n| n.team.as_ref())
            .any(|t| t.code == code),
    };
    let (code, name) = match &new {
        NewPlace::Neighbourhood(n) => (n.code.as_str(), n.name.clone()),
        NewPlace::Ward(w) => (w.code.as_str(), w.name.clone()),
        NewPlace::Team(t) => (t.code.as_str(), t.name.clone()),
    };
    if code_taken(code) {
        return Err(AppError::field(
            "code",
            format!(
                "There is already a {} with this code",
                kind.label().to_lowercase()
            ),
        ));
    }
    let inserted = match &new {
        NewPlace::Neighbourhood(n) => store.add_neighbourhoods(std::slice::from_ref(n)).await,
        NewPlace::Ward(w) => {
            if parent(w.neighbourhood.as_str()).is_none() {
                return Err(AppError::field("within", "Select the neighbourhood"));
            }
            store.add_wards(std::slice::from_ref(w)).await
        }
        NewPlace::Team(t) => match parent(t.neighbourhood.as_str()) {
            None => return Err(AppError::field("within", "Select the neighbourhood")),
            Some(n) if n.team.is_some() => {
                return Err(AppError::field(
                    "within",
                    "This neighbourhood already has its team: each neighbourhood has one",
                ));
            }
            Some(_) => store.add_teams(std::slice::from_ref(t)).await,
        },
    };
    match inserted {
        Ok(added) if added.0 == 1 => Ok(name),
        // Someone added the same thing between the check and the insert.
        Ok(_) => Err(AppError::Conflict(
            "Someone else added this at the same moment. Check the list and try again.".into(),
        )),
        Err(StoreError::NotFound) => Err(AppError::field("within", "Select the neighbourhood")),
        Err(err) => Err(err.into()),
    }
}

/// Renames the place chosen as `kind:code`; returns the new name.
pub async fn rename(
    store: &dyn Store,
    actor: &Actor,
    place: &str,
    name: &str,
) -> Result<String, AppError> {
    actor.require_area(Area::Admin)?;
    let chosen = place.split_once(':').and_then(|(kind, code)| {
        let code = crate::domain::place::Code::parse(code).ok()?;
        Some((PlaceKind::parse(kind)?, code))
    });
    let name = place_name(name);
    let mut fields = Vec::new();
    if chosen.is_none() {
        fields.push(crate::error::FieldError {
            field: "place".into(),
            message: "Select what to rename".into(),
        });
    }
    if let Err(error) = &name {
        fields.push(error.clone());
    }
    let (Some((kind, code)), Ok(name)) = (chosen, name) else {
        return Err(AppError::Invalid { fields });
    };
    match store.rename_place(kind, code.as_str(), &name).await {
        Ok(()) => Ok(name),
        Err(StoreError::NotFound) => Err(AppError::field("place", "Select what to rename")),
        Err(err) => Err(err.into()),
    }
}
