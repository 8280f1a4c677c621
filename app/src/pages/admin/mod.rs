//! Administration: the staff directory, and the city's neighbourhoods, wards and teams.

mod places;
mod services;
mod staff;

pub use places::{AddPlacePage, Places, RenamePlacePage};
pub use services::ServicesPage;
pub use staff::{AddStaffPage, ChangeStaffPage, StaffDirectory};

use crate::api::home::load_home;
use crate::components::card::{Card, Cards};
use crate::components::form::notice;
use crate::components::screen::screen;
use crate::domain::person::HomeScreen;
use crate::domain::role::Area;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn Home() -> impl IntoView {
    screen(|| load_home(Area::Admin), home_view)
}

/// This area's home, from its view model (also what `/` shows administrators).
pub fn home_view(home: HomeScreen) -> AnyView {
    view! { <AdminHome home /> }.into_any()
}

#[component]
fn AdminHome(home: HomeScreen) -> impl IntoView {
    view! {
        <Title text="Administration" />
        {notice(home.notice)}
        <h1>"Administration"</h1>
        <p class="nhsuk-body-l">{format!("Signed in as {}.", home.person.name)}</p>
        <Cards>
            <Card
                title="Staff directory"
                href="/admin/staff"
                text="Add, change and remove staff, their roles and teams."
            />
            <Card
                title="Neighbourhoods, wards and teams"
                href="/admin/places"
                text="Add and rename the city's neighbourhoods, their wards and their teams."
            />
            <Card
                title="Services"
                href="/admin/services"
                text="The services residents can give feedback about: add them, retire them."
            />
        </Cards>
    }
}
