//! How a failed page load looks. Internal failures show only a reference.

use crate::error::AppError;
use crate::pages::not_found::NotFound;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_location;

#[component]
pub fn ErrorPage(error: AppError) -> impl IntoView {
    match error {
        AppError::NotSignedIn => {
            let here = use_location().pathname.get_untracked();
            view! { <Redirect path=format!("/auth/login?next={here}") /> }.into_any()
        }
        AppError::NotFound => view! { <NotFound /> }.into_any(),
        AppError::Forbidden => view! {
            <Title text="You cannot see this page" />
            <h1>"You cannot see this page"</h1>
            <p>"This part of Hive is for people in a different role."</p>
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
