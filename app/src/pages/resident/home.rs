//! The home of the personal area: a resident's own record, or a carer's people.

use crate::api::home::load_home;
use crate::api::summary::ConfirmReview;
use crate::components::card::{Card, Cards, Coming};
use crate::components::form::notice;
use crate::components::screen::screen;
use crate::domain::person::{HomeScreen, SignedIn};
use crate::domain::record::RecordHead;
use crate::domain::role::{Area, Role};
use crate::domain::time::uk_date;
use crate::pages::resident::needs::NeedsFlag;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn Home() -> impl IntoView {
    screen(|| load_home(Area::Personal), home_view)
}

/// The personal area's home, from its view model (also what `/` shows residents and carers).
pub fn home_view(home: HomeScreen) -> AnyView {
    match home.person.role {
        Role::Carer => view! { <CarerHome person=home.person /> }.into_any(),
        _ => view! { <ResidentHome home /> }.into_any(),
    }
}

#[component]
fn ResidentHome(home: HomeScreen) -> impl IntoView {
    let person = home.person;
    let neighbourhood = person
        .neighbourhood
        .map(|n| format!("You live in the {n} neighbourhood."));
    view! {
        <Title text="Your record" />
        <h1>{format!("Hello, {}", person.name)}</h1>
        {notice(home.notice)}
        <p class="nhsuk-body-l">"This is your own record. Only you decide who sees it."</p>
        <p>
            {neighbourhood}
            " "
            <a href="/my/where-i-live">"Change where you live"</a>
        </p>
        {home.record.map(|record| view! { <RecordHeadView record /> })}
        <Cards>
            <Card
                title="About me"
                href="/my/about-me"
                text="What matters to you, the people important to you, and how to support you."
            />
            <Card
                title="My goals"
                href="/my/goals"
                text="What you want to be able to do, and how it is going."
            />
            <Card
                title="Communication needs"
                href="/my/needs"
                text="How people should communicate with you and give you information."
            />
            <Card
                title="How things feel"
                href="/my/statements"
                text="How true the city's person statements feel for you now."
            />
            <Card
                title="Sharing your record"
                href="/my/sharing"
                text="Choose what your neighbourhood team can see, part by part."
            />
            <Card
                title="Who has seen your record"
                href="/my/activity"
                text="Everyone who has opened or changed your record, and when."
            />
        </Cards>
    }
}

/// Needs first, then when the record was last reviewed, and a call to review it when due.
#[component]
fn RecordHeadView(record: RecordHead) -> impl IntoView {
    let review = record.review;
    let when = review
        .last_reviewed
        .map(|at| format!("Your record was last reviewed on {}.", uk_date(at)))
        .unwrap_or_else(|| "You have not written anything in your record yet.".into());
    let due = review.due.then(|| {
        view! {
            <div class="nhsuk-card nhsuk-card--warning">
<div class="nhsuk-card__content">
                <h2 class="nhsuk-card__heading">
                    <span role="text">
                        <span class="nhsuk-u-visually-hidden">"Important: "</span>
                        "Time to check your record"
                    </span>
                </h2>
                <p>
                    "It is a while since your record was last changed. Please look through it: is it still right?"
                </p>
                <ActionForm action={ServerAction::<ConfirmReview>::new()}>
                    <button type="submit" class="nhsuk-button">
                        "Nothing has changed"
                    </button>
                </ActionForm>
            </div>
            </div>
        }
    });
    view! {
        <NeedsFlag needs=record.needs />
        {due}
        <p class="app-meta">
            {when}
            " "
            <a href="/my/summary">"See the summary of your record"</a>
        </p>
    }
}

#[component]
fn CarerHome(person: SignedIn) -> impl IntoView {
    view! {
        <Title text="People you care for" />
        <h1>{format!("Hello, {}", person.name)}</h1>
        <p class="nhsuk-body-l">
            "As a carer you can keep a record for someone who has given you permission."
        </p>
        <Cards>
            <Coming
                title="People you care for"
                text="Records you can see and write in, with the permission each person gave you."
            />
        </Cards>
    }
}
