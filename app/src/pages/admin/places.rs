//! The city's neighbourhoods, wards and teams: admins add them and rename them.

use crate::api::places::{AddPlace, RenamePlace, places_to_manage};
use crate::api::staff::{failed_form, notice};
use crate::components::error_page::ErrorPage;
use crate::components::form::{
    ErrorSummary, Notice, SelectField, TextField, form_problems, message_for,
};
use crate::components::neighbourhood_table::NeighbourhoodTable;
use crate::domain::form::FormFlash;
use crate::domain::place::{Locality, Neighbourhood, PlaceKind};
use crate::error::AppError;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn Places() -> impl IntoView {
    let places = Resource::new(|| (), |_| places_to_manage());
    let confirmation = Resource::new(|| (), |_| notice());
    view! {
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match places.await {
                    Ok(neighbourhoods) => {
                        let confirmation = confirmation.await.ok().flatten();
                        view! {
                            <Title text="Neighbourhoods, wards and teams" />
                            <h1>"Neighbourhoods, wards and teams"</h1>
                            {confirmation.map(|text| view! { <Notice text /> })}
                            <ul class="hive-action-list">
                                <li>
                                    <a href="/admin/places/neighbourhood/new">"Add a neighbourhood"</a>
                                </li>
                                <li>
                                    <a href="/admin/places/ward/new">"Add a ward"</a>
                                </li>
                                <li>
                                    <a href="/admin/places/team/new">"Add a team"</a>
                                </li>
                                <li>
                                    <a href="/admin/places/rename">"Rename a neighbourhood, ward or team"</a>
                                </li>
                            </ul>
                            <NeighbourhoodTable neighbourhoods />
                        }
                            .into_any()
                    }
                    Err(error) => view! { <ErrorPage error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
pub fn AddPlacePage() -> impl IntoView {
    let params = use_params_map();
    let kind = params
        .read_untracked()
        .get("kind")
        .and_then(|k| PlaceKind::parse(&k));
    let Some(kind) = kind else {
        return view! { <ErrorPage error=AppError::NotFound /> }.into_any();
    };
    let places = Resource::new(|| (), |_| places_to_manage());
    let flash = Resource::new(
        move || kind,
        |kind| failed_form(format!("place-{}", kind.code())),
    );
    view! {
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                let flash = flash.await.ok().flatten();
                match places.await {
                    Ok(places) => view! { <AddPlaceForm kind places flash /> }.into_any(),
                    Err(error) => view! { <ErrorPage error /> }.into_any(),
                }
            })}
        </Suspense>
    }
    .into_any()
}

#[component]
fn AddPlaceForm(
    kind: PlaceKind,
    places: Vec<Neighbourhood>,
    flash: Option<FormFlash>,
) -> impl IntoView {
    let action = ServerAction::<AddPlace>::new();
    let value = |field: &str| {
        flash
            .as_ref()
            .and_then(|f| f.value(field))
            .unwrap_or_default()
    };
    let (code, name, within) = (value("code"), value("name"), value("within"));
    let problems = form_problems(action.value().into(), flash.as_ref());
    let title = format!("Add a {}", kind.label().to_lowercase());
    let within_field = match kind {
        PlaceKind::Neighbourhood => {
            let options = std::iter::once((String::new(), "Choose a locality".to_string()))
                .chain(
                    Locality::ALL
                        .iter()
                        .map(|l| (l.code().to_string(), l.label().to_string())),
                )
                .collect();
            view! {
                <SelectField
                    id="within"
                    label="Locality"
                    value=within
                    options
                    error=message_for(problems, "within")
                />
            }
            .into_any()
        }
        PlaceKind::Ward | PlaceKind::Team => {
            let options = std::iter::once((String::new(), "Choose a neighbourhood".to_string()))
                .chain(places.iter().map(|n| (n.code.clone(), n.name.clone())))
                .collect();
            view! {
                <SelectField
                    id="within"
                    label="Neighbourhood"
                    value=within
                    options
                    error=message_for(problems, "within")
                />
            }
            .into_any()
        }
    };
    view! {
        <Title text=title.clone() />
        <ErrorSummary problems />
        <h1>{title}</h1>
        <ActionForm action>
            <input type="hidden" name="kind" value=kind.code() />
            <TextField
                id="code"
                label="Code"
                hint="A short, permanent code: lower-case letters, numbers and hyphens, starting with a letter. For example north-4."
                value=code
                autocomplete="off"
                maxlength=40
                error=message_for(problems, "code")
            />
            <TextField
                id="name"
                label="Name"
                value=name
                autocomplete="off"
                maxlength=100
                error=message_for(problems, "name")
            />
            {within_field}
            <button type="submit" class="hive-button">
                {format!("Add {}", kind.label().to_lowercase())}
            </button>
        </ActionForm>
        <p>
            <a href="/admin/places">"Back to neighbourhoods, wards and teams"</a>
        </p>
    }
}

#[component]
pub fn RenamePlacePage() -> impl IntoView {
    let places = Resource::new(|| (), |_| places_to_manage());
    let flash = Resource::new(|| (), |_| failed_form("place-rename".into()));
    view! {
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                let flash = flash.await.ok().flatten();
                match places.await {
                    Ok(places) => view! { <RenamePlaceForm places flash /> }.into_any(),
                    Err(error) => view! { <ErrorPage error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn RenamePlaceForm(places: Vec<Neighbourhood>, flash: Option<FormFlash>) -> impl IntoView {
    let action = ServerAction::<RenamePlace>::new();
    let value = |field: &str| {
        flash
            .as_ref()
            .and_then(|f| f.value(field))
            .unwrap_or_default()
    };
    let (place, name) = (value("place"), value("name"));
    let problems = form_problems(action.value().into(), flash.as_ref());
    let mut options = vec![(String::new(), "Choose what to rename".to_string())];
    for n in &places {
        options.push((
            format!("neighbourhood:{}", n.code),
            format!("Neighbourhood: {}", n.name),
        ));
        if let Some(team) = &n.team {
            options.push((
                format!("team:{}", team.code),
                format!("Team: {}", team.name),
            ));
        }
        for ward in &n.wards {
            options.push((
                format!("ward:{}", ward.code),
                format!("Ward: {} ({})", ward.name, n.name),
            ));
        }
    }
    view! {
        <Title text="Rename a neighbourhood, ward or team" />
        <ErrorSummary problems />
        <h1>"Rename a neighbourhood, ward or team"</h1>
        <ActionForm action>
            <SelectField
                id="place"
                label="What to rename"
                value=place
                options
                error=message_for(problems, "place")
            />
            <TextField
                id="name"
                label="New name"
                value=name
                autocomplete="off"
                maxlength=100
                error=message_for(problems, "name")
            />
            <button type="submit" class="hive-button">
                "Rename"
            </button>
        </ActionForm>
        <p>
            <a href="/admin/places">"Back to neighbourhoods, wards and teams"</a>
        </p>
    }
}
