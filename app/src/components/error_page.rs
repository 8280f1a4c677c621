//! How a failed page load looks. Internal failures show only a reference.

use crate::components::not_found::NotFound;
use crate::domain::navigation::encode_query_value;
use crate::error::AppError;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_location;

/// How a page's failure is answered, worked out when the page is built, before its data loads:
/// the sign-in address that brings the person back here, and (on the server) the response
/// whose status the failure sets. Setting the status after the load no longer depends on
/// finding the request's contexts from inside the page's `Suspend`, which once left a signed-out
/// `/my` answered 200 with an empty page instead of a redirect to sign in.
#[derive(Clone)]
pub struct Answer {
    login: String,
    #[cfg(feature = "ssr")]
    response: Option<leptos_axum::ResponseOptions>,
}

impl Answer {
    /// Captures this request's address and response; call it while the page is being built.
    pub fn here() -> Self {
        let location = use_location();
        // `search` comes without its `?`.
        let search = location.search.get_untracked();
        let pathname = location.pathname.get_untracked();
        let here = if search.is_empty() {
            pathname
        } else {
            format!("{pathname}?{search}")
        };
        Self {
            login: format!("/auth/login?next={}", encode_query_value(&here)),
            #[cfg(feature = "ssr")]
            response: use_context::<leptos_axum::ResponseOptions>(),
        }
    }

    /// Where to sign in and come back to this page.
    pub fn login(&self) -> &str {
        &self.login
    }

    /// Gives the response the failure's status: someone not signed in is sent to sign in
    /// (302, as for any page a browser asks for), anything else gets the error's own status.
    pub fn fail(&self, error: &AppError) {
        #[cfg(feature = "ssr")]
        if let Some(response) = &self.response {
            match error {
                AppError::NotSignedIn => {
                    if let Ok(value) = http::HeaderValue::from_str(&self.login) {
                        response.insert_header(http::header::LOCATION, value);
                        response.set_status(http::StatusCode::FOUND);
                    }
                }
                other => {
                    if let Ok(status) = http::StatusCode::from_u16(other.status()) {
                        response.set_status(status);
                    }
                }
            }
        }
        #[cfg(not(feature = "ssr"))]
        let _ = error;
    }
}

/// The page shown for a failure. Its status is set by `Answer::fail` (and `NotFound` sets
/// its own, for addresses no route matches).
#[component]
pub fn ErrorPage(
    error: AppError,
    /// Where to sign in and come back here (only used when not signed in).
    #[prop(optional, into)]
    login: Option<String>,
) -> impl IntoView {
    match error {
        AppError::NotSignedIn => {
            // The browser follows the redirect and never shows this; it is here for anything
            // that does not follow redirects.
            let login = login.unwrap_or_else(|| "/auth/login".to_string());
            view! {
                <Title text="Sign in to continue" />
                <h1>"Sign in to continue"</h1>
                <p>
                    <a href=login>"Sign in"</a>
                </p>
            }
            .into_any()
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
