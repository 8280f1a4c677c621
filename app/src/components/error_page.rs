//! How a failed page load looks. Internal failures show only a reference.

use crate::components::not_found::NotFound;
use crate::domain::navigation::encode_query_value;
use crate::error::AppError;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_location;

#[component]
pub fn ErrorPage(error: AppError) -> impl IntoView {
    match error {
        AppError::NotSignedIn => {
            let location = use_location();
            // `search` comes without its `?`.
            let search = location.search.get_untracked();
            let here = if search.is_empty() {
                location.pathname.get_untracked()
            } else {
                format!("{}?{search}", location.pathname.get_untracked())
            };
            let here = format!("?next={}", encode_query_value(&here));
            view! { <Redirect path=format!("/auth/login{here}") /> }.into_any()
        }
        AppError::NotFound => view! { <NotFound /> }.into_any(),
        AppError::Restricted => view! { <Restricted /> }.into_any(),
        AppError::Forbidden => view! {
            <Title text="You cannot see this page" />
            <h1>"You cannot see this page"</h1>
            <p>
                "This part of Hive is for people in a different role or, if you are acting for someone, for changes their permission does not cover."
            </p>
            <p>
                <a href="/">"Go to your home page"</a>
            </p>
        }
        .into_any(),
        other => view! {
            <Title text="Sorry, there is a problem with the service" />
            <h1>"Sorry, there is a problem with the service"</h1>
            <p>{other.to_string()}</p>
            <p>"Nothing you have saved has been lost. Try again later."</p>
        }
        .into_any(),
    }
}

/// What someone signed in below the identity level records need sees instead of any record.
#[component]
fn Restricted() -> impl IntoView {
    view! {
        <Title text="We need to confirm who you are" />
        <h1>"We need to confirm who you are"</h1>
        <p class="nhsuk-body-l">
            "You have signed in, but your sign-in has not yet confirmed who you are to the level needed to see health and care records."
        </p>
        <p>
            "This protects your record: nobody can see or change it unless they have proved they are you."
        </p>
        <h2>"How to confirm who you are"</h2>
        <ol>
            <li>
                "Open the NHS App, or your NHS login account settings, and choose to prove who you are."
            </li>
            <li>
                "You will need photo ID, such as a passport or a driving licence, and to record a short video of your face."
            </li>
            <li>"When NHS login has confirmed it, sign out of Hive and sign in again."</li>
        </ol>
        <p>"If you cannot prove who you are online, your GP surgery can help you do it."</p>
    }
}
