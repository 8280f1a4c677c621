//! "Not for urgent help": shown where a resident writes to people who may not read it straight
//! away (feedback, a campaign's questions, a message to their team), with where to go instead.
//! Hive has no route for an emergency or a safeguarding concern, so it says so before anyone
//! writes one.

use leptos::prelude::*;

/// NHS.UK's warning callout (a card in nhsuk-frontend 10), headed at `h2` or, inside a
/// section, `h3` (`nested`). `readers` says who reads what is written here.
#[component]
pub fn NotForUrgentHelp(readers: &'static str, #[prop(optional)] nested: bool) -> impl IntoView {
    let heading = view! {
        <span role="text">
            <span class="nhsuk-u-visually-hidden">"Important: "</span>
            "Not for urgent help"
        </span>
    };
    let heading = if nested {
        view! { <h3 class="nhsuk-card__heading">{heading}</h3> }.into_any()
    } else {
        view! { <h2 class="nhsuk-card__heading">{heading}</h2> }.into_any()
    };
    view! {
        <div class="nhsuk-card nhsuk-card--warning app-not-urgent">
            <div class="nhsuk-card__content">
                {heading}
                <p>{format!("{readers} may not read it straight away.")}</p>
                <ul>
                    <li>"In an emergency, call 999."</li>
                    <li>
                        "If you need medical help fast, go to "
                        <a href="https://111.nhs.uk">"111.nhs.uk"</a>
                        " or call 111."
                    </li>
                    <li>
                        "If you think someone is being harmed or neglected, call 999 if they are in danger now, or tell your council's adult or children's social care."
                    </li>
                </ul>
            </div>
        </div>
    }
}
