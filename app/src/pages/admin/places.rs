//! The city's neighbourhoods, wards and teams: admins add them and rename them.

use crate::api::places::{AddPlace, RenamePlace, load_new_place, load_places, load_rename};
use crate::components::error_page::ErrorPage;
use crate::components::form::{ErrorSummary, SelectField, TextField, notice};
use crate::components::neighbourhood_table::NeighbourhoodTable;
use crate::components::screen::{param, screen};
use crate::domain::form::{FormScreen, Screen, message_for};
use crate::domain::place::{Locality, Neighbourhood, PlaceForm, PlaceKind, RenamePlaceForm};
use crate::error::AppError;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn Places() -> impl IntoView {
    screen(load_places, |screen| view! { <PlaceList screen /> })
}

#[component]
fn PlaceList(screen: Screen<Vec<Neighbourhood>>) -> impl IntoView {
    view! {
        <Title text="Neighbourhoods, wards and teams" />
        {notice(screen.notice)}
        <h1>"Neighbourhoods, wards and teams"</h1>
        <ul class="nhsuk-list">
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
        <NeighbourhoodTable neighbourhoods=screen.data />
    }
}

#[component]
pub fn AddPlacePage() -> impl IntoView {
    let Some(kind) = PlaceKind::parse(&param("kind")) else {
        return view! { <ErrorPage error=AppError::NotFound /> }.into_any();
    };
    screen(
        move || load_new_place(kind.code().to_string()),
        move |screen| view! { <AddPlaceForm kind screen /> },
    )
    .into_any()
}

#[component]
fn AddPlaceForm(
    kind: PlaceKind,
    screen: FormScreen<Vec<Neighbourhood>, PlaceForm>,
) -> impl IntoView {
    let problems = screen.problems();
    let start = screen.start_with(|_| PlaceForm::default());
    let places = screen.data;
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
                    value=start.within.clone()
                    options
                    error=message_for(&problems, "within")
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
                    value=start.within.clone()
                    options
                    error=message_for(&problems, "within")
                />
            }
            .into_any()
        }
    };
    view! {
        <Title text=title.clone() />
        <ErrorSummary problems=problems.clone() />
        <h1>{title}</h1>
        <ActionForm action={ServerAction::<AddPlace>::new()}>
            <input type="hidden" name="kind" value=kind.code() />
            <TextField
                id="code"
                label="Code"
                hint="A short, permanent code: lower-case letters, numbers and hyphens, starting with a letter. For example north-4."
                value=start.code
                autocomplete="off"
                maxlength=40
                error=message_for(&problems, "code")
            />
            <TextField
                id="name"
                label="Name"
                value=start.name
                autocomplete="off"
                maxlength=100
                error=message_for(&problems, "name")
            />
            {within_field}
            <button type="submit" class="nhsuk-button">
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
    screen(load_rename, |screen| view! { <Rename screen /> })
}

#[component]
fn Rename(screen: FormScreen<Vec<Neighbourhood>, RenamePlaceForm>) -> impl IntoView {
    let problems = screen.problems();
    let start = screen.start_with(|_| RenamePlaceForm::default());
    let mut options = vec![(String::new(), "Choose what to rename".to_string())];
    for n in &screen.data {
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
        <ErrorSummary problems=problems.clone() />
        <h1>"Rename a neighbourhood, ward or team"</h1>
        <ActionForm action={ServerAction::<RenamePlace>::new()}>
            <SelectField
                id="place"
                label="What to rename"
                value=start.place
                options
                error=message_for(&problems, "place")
            />
            <TextField
                id="name"
                label="New name"
                value=start.name
                autocomplete="off"
                maxlength=100
                error=message_for(&problems, "name")
            />
            <button type="submit" class="nhsuk-button">
                "Rename"
            </button>
        </ActionForm>
        <p>
            <a href="/admin/places">"Back to neighbourhoods, wards and teams"</a>
        </p>
    }
}
