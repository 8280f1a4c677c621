//! Sign-in pages. Their links and forms go to plain axum routes (server/src/auth), not server
//! functions.

use crate::api::auth::{demo_people, sign_in_choices};
use crate::components::screen::screen;
use crate::domain::identity::{Audience, ProviderOption, SignInOptions};
use crate::domain::navigation::{encode_query_value, safe_next};
use crate::domain::person::DemoPerson;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn SignIn() -> impl IntoView {
    // Where to go after signing in: only a path on Hive (the server checks again).
    let next = use_query_map()
        .get_untracked()
        .get("next")
        .and_then(|next| safe_next(&next).map(encode_query_value));
    view! {
        <Title text="Sign in" />
        <h1>"Sign in to Hive"</h1>
        {screen(
            sign_in_choices,
            move |options| view! { <SignInChoices options next=next.clone() /> },
        )}
    }
}

#[component]
fn SignInChoices(options: SignInOptions, next: Option<String>) -> impl IntoView {
    let buttons = |audience: Audience| {
        let list: Vec<&ProviderOption> = options
            .providers
            .iter()
            .filter(|p| p.audience == audience)
            .collect();
        (!list.is_empty()).then(|| {
            list.into_iter()
                .map(|p| {
                    let href = match &next {
                        Some(next) => format!("/auth/login/{}?next={next}", p.id),
                        None => format!("/auth/login/{}", p.id),
                    };
                    // A full page load: the provider's pages are not part of Hive.
                    view! {
                        <p>
                            <a class="nhsuk-button" href=href rel="external">
                                {format!("Continue with {}", p.label)}
                            </a>
                        </p>
                    }
                })
                .collect_view()
        })
    };
    let residents = buttons(Audience::Residents).map(|buttons| {
        view! {
            <h2>"If you live in Manchester"</h2>
            <p>"Use NHS login, the same account you use for the NHS App."</p>
            {buttons}
        }
    });
    let staff = buttons(Audience::Staff).map(|buttons| {
        view! {
            <h2>"If you work in a neighbourhood team or for the council"</h2>
            <p>
                "Use your work account. An administrator must have added you to Hive's staff directory first."
            </p>
            {buttons}
        }
    });
    let demo = options.demo.then(|| {
        view! {
            <h2>"Demonstration"</h2>
            <p>"This copy of Hive is running as a demonstration with made-up people."</p>
            <p>
                <a class="nhsuk-button nhsuk-button--secondary" href="/auth/demo">
                    "Use demo sign-in"
                </a>
            </p>
        }
    });
    let nothing = (options.providers.is_empty() && !options.demo).then(|| {
        view! {
            <p>
                "No sign-in service has been set up for this copy of Hive yet. Please contact the people who run it."
            </p>
        }
    });
    view! {
        {residents}
        {staff}
        {demo}
        {nothing}
    }
}

/// Why a sign-in did not work, in words; the technical cause is in the log under the reference.
#[component]
pub fn SignInProblem() -> impl IntoView {
    let query = use_query_map().get_untracked();
    let reason = query.get("reason").unwrap_or_default();
    // Only a reference Hive made (12 hex digits) is repeated on the page.
    let reference = query
        .get("reference")
        .filter(|r| r.len() == 12 && r.bytes().all(|b| b.is_ascii_hexdigit()));
    let (status, title, text): (u16, &str, &str) = match reason.as_str() {
        "expired" => (
            400,
            "Your sign-in did not finish",
            "Signing in took too long, or this sign-in link was already used. Please sign in again.",
        ),
        "cancelled" => (
            400,
            "You did not finish signing in",
            "You chose not to continue with the sign-in service. Nothing was shared with Hive.",
        ),
        "not-registered" => (
            403,
            "You are not registered to use Hive as staff",
            "Your sign-in worked, but your email address is not in Hive's staff directory. Ask your team's Hive administrator to add you, with the email address your work account uses. If you want to use Hive for your own care, sign in with NHS login instead.",
        ),
        "unknown-provider" => (
            404,
            "Sign-in service not found",
            "This copy of Hive does not use that sign-in service. Choose one from the sign-in page.",
        ),
        "unavailable" => (
            503,
            "The sign-in service is not available",
            "The sign-in service did not answer. Please try again in a few minutes.",
        ),
        _ => (
            400,
            "Sorry, we could not sign you in",
            "Something went wrong while signing you in, and you have not been signed in. Please try again.",
        ),
    };
    #[cfg(feature = "ssr")]
    if let (Some(options), Ok(status)) = (
        use_context::<leptos_axum::ResponseOptions>(),
        http::StatusCode::from_u16(status),
    ) {
        options.set_status(status);
    }
    #[cfg(not(feature = "ssr"))]
    let _ = status;
    view! {
        <Title text=title />
        <h1>{title}</h1>
        <p>{text}</p>
        {reference
            .map(|reference| {
                view! {
                    <p>
                        "If it keeps happening, tell the people who run Hive and give them this reference: "
                        <strong class="app-reference">{reference}</strong>
                    </p>
                }
            })}
        <p>
            <a class="nhsuk-button" href="/auth/login">
                "Sign in again"
            </a>
        </p>
    }
}

#[component]
pub fn DemoSignIn() -> impl IntoView {
    screen(demo_people, |people| view! { <DemoPeople people /> })
}

#[component]
fn DemoPeople(people: Vec<DemoPerson>) -> impl IntoView {
    view! {
            <Title text="Demo sign-in" />
            <h1>"Demo sign-in"</h1>
            <div class="nhsuk-card nhsuk-card--warning">
    <div class="nhsuk-card__content">
                <h2 class="nhsuk-card__heading">
                    <span role="text">
                        <span class="nhsuk-u-visually-hidden">"Important: "</span>
                        "This is a demonstration"
                    </span>
                </h2>
                <p>
                    "Everyone here is made up. Do not enter real information about yourself or anyone else."
                </p>
            </div>
            </div>
            <p>"Choose who to be:"</p>
            <ul class="nhsuk-grid-row nhsuk-card-group">
                {people
                    .into_iter()
                    .map(|person| {
                        let detail = match &person.team {
                            Some(team) => format!("{}, {}", person.role.label(), team),
                            None => person.role.label().to_string(),
                        };
                        view! {
                            <li class="nhsuk-grid-column-one-half nhsuk-card-group__item">
                                <div class="nhsuk-card">
                                    <div class="nhsuk-card__content">
                                        <h2 class="nhsuk-card__heading nhsuk-heading-m">{person.name.clone()}</h2>
                                        <p class="app-meta">{detail}</p>
                                        <p class="nhsuk-card__description">{person.description}</p>
                                        <form method="post" action="/auth/demo">
                                            <input type="hidden" name="person" value=person.id.0 />
                                            <button type="submit" class="nhsuk-button">
                                                {format!("Sign in as {}", person.name)}
                                            </button>
                                        </form>
                                    </div>
                                </div>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        }
}
