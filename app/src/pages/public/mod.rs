//! Pages for everyone: the landing page (or, once signed in, the person's own home), sign-in,
//! and the pages about Hive.

pub mod about;
pub mod auth;
pub mod campaign;
pub mod stories;

use crate::api::home::load_front;
use crate::components::screen::screen;
use crate::domain::role::Area;
use leptos::prelude::*;
use leptos_meta::Title;

/// `/`: the landing page for visitors; the home of their own area for everyone signed in.
#[component]
pub fn Home() -> impl IntoView {
    use crate::pages::{admin, engagement, resident, team};
    screen(load_front, |home| match home {
        None => view! { <Landing /> }.into_any(),
        Some(home) => match home.person.role.area() {
            Area::Personal => resident::home_view(home),
            Area::Team => team::home_view(home),
            Area::Engagement => engagement::home_view(home),
            Area::Admin => admin::home_view(home),
        },
    })
}

#[component]
fn Landing() -> impl IntoView {
    view! {
        <Title text="Welcome" />
        <h1>"Your care, in your own words"</h1>
        <p class="nhsuk-body-l">
            "Hive is where people in Manchester keep their own care record and tell services how they are doing."
        </p>
        <ul class="nhsuk-list nhsuk-list--bullet">
            <li>"Write about what matters to you, your goals, and how people should communicate with you."</li>
            <li>"Choose what to share with your neighbourhood team, and see who has read it."</li>
            <li>"Tell us about your experience of care, and see what changed because of it."</li>
        </ul>
        <p>
            <a class="nhsuk-button" href="/auth/login">
                "Sign in"
            </a>
        </p>
    }
}
