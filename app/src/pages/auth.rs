//! Sign-in pages. The forms post to plain axum routes (server/src/auth), not server functions.

use crate::api::auth::{demo_mode, demo_people};
use crate::components::error_page::ErrorPage;
use crate::domain::person::DemoPerson;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn SignIn() -> impl IntoView {
    let demo = Resource::new(|| (), |_| demo_mode());
    view! {
        <Title text="Sign in" />
        <h1>"Sign in to Hive"</h1>
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                if demo.await.unwrap_or(false) {
                    view! {
                        <p>"This copy of Hive is running as a demonstration with made-up people."</p>
                        <p>
                            <a class="hive-button" href="/auth/demo">
                                "Use demo sign-in"
                            </a>
                        </p>
                    }
                        .into_any()
                } else {
                    view! {
                        <p>
                            "No sign-in service has been set up for this copy of Hive yet. Please contact the people who run it."
                        </p>
                    }
                        .into_any()
                }
            })}
        </Suspense>
    }
}

#[component]
pub fn DemoSignIn() -> impl IntoView {
    let people = Resource::new(|| (), |_| demo_people());
    view! {
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match people.await {
                    Ok(people) => view! { <DemoPeople people /> }.into_any(),
                    Err(error) => view! { <ErrorPage error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn DemoPeople(people: Vec<DemoPerson>) -> impl IntoView {
    view! {
        <Title text="Demo sign-in" />
        <h1>"Demo sign-in"</h1>
        <div class="hive-warning" role="note">
            <p>
                <strong>"This is a demonstration."</strong>
                " Everyone here is made up. Do not enter real information about yourself or anyone else."
            </p>
        </div>
        <p>"Choose who to be:"</p>
        <ul class="hive-card-group">
            {people
                .into_iter()
                .map(|person| {
                    let detail = match &person.team {
                        Some(team) => format!("{}, {}", person.role.label(), team),
                        None => person.role.label().to_string(),
                    };
                    view! {
                        <li class="hive-card">
                            <h2 class="hive-card__heading">{person.name.clone()}</h2>
                            <p class="hive-card__meta">{detail}</p>
                            <p>{person.description}</p>
                            <form method="post" action="/auth/demo">
                                <input type="hidden" name="person" value=person.id.0 />
                                <button type="submit" class="hive-button">
                                    {format!("Sign in as {}", person.name)}
                                </button>
                            </form>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}
