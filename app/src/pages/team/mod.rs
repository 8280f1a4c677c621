//! The neighbourhood team's area: what residents have shared with the team.

use crate::api::home::load_home;
use crate::components::card::{Cards, Coming};
use crate::components::form::notice;
use crate::components::screen::screen;
use crate::domain::person::HomeScreen;
use crate::domain::role::Area;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn Home() -> impl IntoView {
    screen(|| load_home(Area::Team), home_view)
}

/// The team's home, from its view model (also what `/` shows staff).
pub fn home_view(home: HomeScreen) -> AnyView {
    view! { <TeamHome home /> }.into_any()
}

#[component]
fn TeamHome(home: HomeScreen) -> impl IntoView {
    let person = home.person;
    let team = person.team.unwrap_or_default();
    let neighbourhood = person.neighbourhood.unwrap_or_default();
    view! {
        <Title text="Your team" />
        <h1>{team}</h1>
        {notice(home.notice)}
        <p class="nhsuk-body-l">
            {format!(
                "You are signed in as {}, {}, in the {neighbourhood} neighbourhood.",
                person.name,
                person.role.label().to_lowercase(),
            )}
        </p>
        <Cards>
            <Coming
                title="Shared with your team"
                text="Records residents have shared with your team, with communication needs first."
            />
            <Coming title="Responses" text="Acknowledge what you have read and respond." />
        </Cards>
    }
}
