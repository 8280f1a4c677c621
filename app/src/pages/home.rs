//! `/` and the home page of each area. Anonymous visitors get the landing page; everyone else
//! gets their role's home, which the server checks again for every area.

use crate::api::auth::whoami;
use crate::api::home::area_home;
use crate::components::error_page::ErrorPage;
use crate::domain::person::SignedIn;
use crate::domain::role::{Area, Role};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn Home() -> impl IntoView {
    let me = Resource::new(|| (), |_| whoami());
    view! {
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match me.await {
                    Ok(Some(person)) => view! { <AreaHome area=person.role.area() /> }.into_any(),
                    Ok(None) => view! { <Landing /> }.into_any(),
                    Err(error) => view! { <ErrorPage error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Landing() -> impl IntoView {
    view! {
        <Title text="Welcome" />
        <h1>"Your care, in your own words"</h1>
        <p class="hive-lede">
            "Hive is where people in Manchester keep their own care record and tell services how they are doing."
        </p>
        <ul>
            <li>"Write about what matters to you, your goals, and how people should communicate with you."</li>
            <li>"Choose what to share with your neighbourhood team, and see who has read it."</li>
            <li>"Tell us about your experience of care, and see what changed because of it."</li>
        </ul>
        <p>
            <a class="hive-button" href="/auth/login">
                "Sign in"
            </a>
        </p>
    }
}

#[component]
pub fn AreaHome(area: Area) -> impl IntoView {
    let home = Resource::new(move || area, area_home);
    view! {
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match home.await {
                    Ok(person) => role_home(person),
                    Err(error) => view! { <ErrorPage error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

fn role_home(person: SignedIn) -> AnyView {
    match person.role {
        Role::Resident => view! { <ResidentHome person /> }.into_any(),
        Role::Carer => view! { <CarerHome person /> }.into_any(),
        Role::Practitioner | Role::TeamLead => view! { <TeamHome person /> }.into_any(),
        Role::EngagementOfficer => view! { <EngagementHome person /> }.into_any(),
        Role::Admin => view! { <AdminHome person /> }.into_any(),
    }
}

/// A part of the service that a later release brings, said plainly.
#[component]
fn Coming(title: &'static str, text: &'static str) -> impl IntoView {
    view! {
        <li class="hive-card">
            <h2 class="hive-card__heading">{title}</h2>
            <p>{text}</p>
            <p class="hive-tag">"Coming soon"</p>
        </li>
    }
}

#[component]
fn ResidentHome(person: SignedIn) -> impl IntoView {
    let neighbourhood = person
        .neighbourhood
        .map(|n| format!("You live in the {n} neighbourhood."));
    let confirm = ServerAction::<crate::api::summary::ConfirmReview>::new();
    let needs = Resource::new(|| (), |_| crate::api::needs::my_needs());
    let review = Resource::new(|| (), |_| crate::api::summary::load_review_status());
    let confirmation = Resource::new(|| (), |_| crate::api::staff::notice());
    view! {
        <Title text="Your record" />
        <h1>{format!("Hello, {}", person.name)}</h1>
        <p class="hive-lede">"This is your own record. Only you decide who sees it."</p>
        <p>{neighbourhood}</p>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let confirmation = confirmation.await.ok().flatten();
                let review = review.await.ok();
                let flag = needs
                    .await
                    .ok()
                    .map(|now| view! { <crate::pages::needs::NeedsFlag needs=now.needs /> });
                let status = review.map(|review| {
                    let when = review
                        .last_reviewed
                        .map(|at| format!("Your record was last reviewed on {}.", crate::domain::time::uk_date(at)))
                        .unwrap_or_else(|| "You have not written anything in your record yet.".into());
                    let due = review.due.then(|| {
                        view! {
                            <div class="hive-warning" role="note">
                                <h2 class="hive-flag__title">"Time to check your record"</h2>
                                <p>"It is a while since your record was last changed. Please look through it: is it still right?"</p>
                                <ActionForm action=confirm>
                                    <button type="submit" class="hive-button">"Nothing has changed"</button>
                                </ActionForm>
                                {move || {
                                    confirm
                                        .value()
                                        .get()
                                        .and_then(Result::err)
                                        .map(|e| view! { <p class="hive-error-message" role="alert">{e.to_string()}</p> })
                                }}
                            </div>
                        }
                    });
                    view! {
                        {due}
                        <p class="hive-meta">{when}" "<a href="/my/summary">"See the summary of your record"</a></p>
                    }
                });
                view! {
                    {confirmation.map(|text| view! { <crate::components::form::Notice text /> })}
                    {flag}
                    {status}
                }
            })}
        </Suspense>
        <ul class="hive-card-group">
            <li class="hive-card">
                <h2 class="hive-card__heading">
                    <a href="/my/about-me">"About me"</a>
                </h2>
                <p>"What matters to you, the people important to you, and how to support you."</p>
            </li>
            <li class="hive-card">
                <h2 class="hive-card__heading">
                    <a href="/my/goals">"My goals"</a>
                </h2>
                <p>"What you want to be able to do, and how it is going."</p>
            </li>
            <li class="hive-card">
                <h2 class="hive-card__heading">
                    <a href="/my/needs">"Communication needs"</a>
                </h2>
                <p>"How people should communicate with you and give you information."</p>
            </li>
            <li class="hive-card">
                <h2 class="hive-card__heading">
                    <a href="/my/statements">"How things feel"</a>
                </h2>
                <p>"How true the city's person statements feel for you now."</p>
            </li>
        </ul>
    }
}

#[component]
fn CarerHome(person: SignedIn) -> impl IntoView {
    view! {
        <Title text="People you care for" />
        <h1>{format!("Hello, {}", person.name)}</h1>
        <p class="hive-lede">
            "As a carer you can keep a record for someone who has given you permission."
        </p>
        <ul class="hive-card-group">
            <Coming
                title="People you care for"
                text="Records you can see and write in, with the permission each person gave you."
            />
        </ul>
    }
}

#[component]
fn TeamHome(person: SignedIn) -> impl IntoView {
    let team = person.team.unwrap_or_default();
    let neighbourhood = person.neighbourhood.unwrap_or_default();
    view! {
        <Title text="Your team" />
        <h1>{team}</h1>
        <p class="hive-lede">
            {format!("You are signed in as {}, {}, in the {neighbourhood} neighbourhood.",
                person.name, person.role.label().to_lowercase())}
        </p>
        <ul class="hive-card-group">
            <Coming
                title="Shared with your team"
                text="Records residents have shared with your team, with communication needs first."
            />
            <Coming title="Responses" text="Acknowledge what you have read and respond." />
        </ul>
    }
}

#[component]
fn EngagementHome(person: SignedIn) -> impl IntoView {
    view! {
        <Title text="Engagement" />
        <h1>"Engagement"</h1>
        <p class="hive-lede">{format!("Signed in as {}.", person.name)}</p>
        <ul class="hive-card-group">
            <Coming
                title="Campaigns"
                text="Run Friends and Family Test and person-statement campaigns."
            />
            <Coming title="Moderation" text="Review feedback before it is published." />
            <Coming title="You said, we did" text="Publish what changed because of feedback." />
            <Coming title="Dashboards" text="Feedback by neighbourhood." />
        </ul>
    }
}

#[component]
fn AdminHome(person: SignedIn) -> impl IntoView {
    view! {
        <Title text="Administration" />
        <h1>"Administration"</h1>
        <p class="hive-lede">{format!("Signed in as {}.", person.name)}</p>
        <ul class="hive-card-group">
            <li class="hive-card">
                <h2 class="hive-card__heading">
                    <a href="/admin/staff">"Staff directory"</a>
                </h2>
                <p>"Add, change and remove staff, their roles and teams."</p>
            </li>
            <li class="hive-card">
                <h2 class="hive-card__heading">
                    <a href="/admin/places">"Neighbourhoods, wards and teams"</a>
                </h2>
                <p>"Add and rename the city's neighbourhoods, their wards and their teams."</p>
            </li>
        </ul>
    }
}
