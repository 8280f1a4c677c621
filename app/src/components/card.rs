//! The NHS.UK card group: the links on each area's home page.

use leptos::prelude::*;

/// A group of cards, two to a row on wide screens.
#[component]
pub fn Cards(children: Children) -> impl IntoView {
    view! { <ul class="nhsuk-grid-row nhsuk-card-group">{children()}</ul> }
}

/// A card that links to a part of Hive (the whole card is clickable).
#[component]
pub fn Card(title: &'static str, href: &'static str, text: &'static str) -> impl IntoView {
    view! {
        <li class="nhsuk-grid-column-one-half nhsuk-card-group__item">
            <div class="nhsuk-card nhsuk-card--clickable">
                <div class="nhsuk-card__content">
                    <h2 class="nhsuk-card__heading nhsuk-heading-m">
                        <a class="nhsuk-card__link" href=href>
                            {title}
                        </a>
                    </h2>
                    <p class="nhsuk-card__description">{text}</p>
                </div>
            </div>
        </li>
    }
}

/// A part of the service that a later release brings, said plainly.
#[component]
pub fn Coming(title: &'static str, text: &'static str) -> impl IntoView {
    view! {
        <li class="nhsuk-grid-column-one-half nhsuk-card-group__item">
            <div class="nhsuk-card">
                <div class="nhsuk-card__content">
                    <h2 class="nhsuk-card__heading nhsuk-heading-m">{title}</h2>
                    <p class="nhsuk-card__description">{text}</p>
                    <strong class="nhsuk-tag nhsuk-tag--grey">"Coming soon"</strong>
                </div>
            </div>
        </li>
    }
}
