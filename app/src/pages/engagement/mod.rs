//! The engagement team's area: feedback campaigns, moderation and dashboards.

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
    screen(|| load_home(Area::Engagement), home_view)
}

/// This area's home, from its view model (also what `/` shows engagement officers).
pub fn home_view(home: HomeScreen) -> AnyView {
    view! { <EngagementHome home /> }.into_any()
}

#[component]
fn EngagementHome(home: HomeScreen) -> impl IntoView {
    view! {
        <Title text="Engagement" />
        <h1>"Engagement"</h1>
        {notice(home.notice)}
        <p class="nhsuk-body-l">{format!("Signed in as {}.", home.person.name)}</p>
        <Cards>
            <Coming
                title="Campaigns"
                text="Run Friends and Family Test and person-statement campaigns."
            />
            <Coming title="Moderation" text="Review feedback before it is published." />
            <Coming title="You said, we did" text="Publish what changed because of feedback." />
            <Coming title="Dashboards" text="Feedback by neighbourhood." />
        </Cards>
    }
}
