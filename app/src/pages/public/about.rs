//! Public pages: accessibility statement, privacy notice, neighbourhoods.

use crate::api::places::neighbourhoods;
use crate::components::neighbourhood_table::NeighbourhoodTable;
use crate::components::screen::screen;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn Accessibility() -> impl IntoView {
    view! {
        <Title text="Accessibility statement" />
        <h1>"Accessibility statement"</h1>
        <p class="nhsuk-body-l">
            "We want as many people as possible to be able to use Hive, whatever their needs."
        </p>
        <p>"You should be able to:"</p>
        <ul>
            <li>"use every page with a keyboard alone"</li>
            <li>"use every page with a screen reader or speech recognition software"</li>
            <li>"zoom in up to 400% without text spilling off the screen"</li>
            <li>"use every form with JavaScript turned off"</li>
        </ul>
        <h2>"How accessible Hive is"</h2>
        <p>
            "Hive aims to meet the Web Content Accessibility Guidelines (WCAG) version 2.2 at level AA. Every page is checked automatically with axe-core as part of our tests, and by hand with a keyboard."
        </p>
        <h2>"Reporting a problem"</h2>
        <p>
            "If you find a part of Hive hard to use, or need information in a different format such as large print, easy read, audio or braille, tell your neighbourhood team. We will reply within 5 working days."
        </p>
    }
}

#[component]
pub fn Privacy() -> impl IntoView {
    view! {
        <Title text="Privacy notice" />
        <h1>"Privacy notice"</h1>
        <p class="nhsuk-body-l">"Your record belongs to you."</p>
        <h2>"What we keep"</h2>
        <ul>
            <li>"your name and how you sign in"</li>
            <li>"what you write in your record, with every earlier version, so nothing you said is lost"</li>
            <li>"the feedback you give, which you can give anonymously"</li>
        </ul>
        <h2>"Who can see it"</h2>
        <p>
            "Only you, and the people you choose: a carer you give permission to, or your neighbourhood team for the parts you share. You can stop sharing at any time."
        </p>
        <p>
            "Every time someone else opens your record, Hive writes down who, in what role and team, and when, and shows it to you."
        </p>
        <h2>"What we never do"</h2>
        <ul>
            <li>"put health information in web addresses or in our system logs"</li>
            <li>"sell your information or use it for advertising"</li>
        </ul>
    }
}

#[component]
pub fn Neighbourhoods() -> impl IntoView {
    screen(neighbourhoods, |neighbourhoods| {
        view! {
            <Title text="Neighbourhoods and teams" />
            <h1>"Neighbourhoods and teams"</h1>
            <p class="nhsuk-body-l">
                "The city is divided into 12 neighbourhoods in three localities. Each has an integrated neighbourhood team: district nurses, therapists and social care working together."
            </p>
            <div class="nhsuk-inset-text">
                <p>
                    "This grouping of Manchester's wards is illustrative, made for demonstrating Hive. It is not the city's official boundary list."
                </p>
            </div>
            <NeighbourhoodTable neighbourhoods />
        }
    })
}
