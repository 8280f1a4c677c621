//! The one way a page gets its data: its screen's view model, from one server function, shown
//! by the page, or the error page when it could not be had (not signed in, not theirs, gone).

use crate::components::error_page::{Answer, ErrorPage};
use crate::error::AppError;
use leptos::prelude::*;
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::future::Future;
use std::sync::Arc;

/// Loads the view model with `load` and shows it with `show`. Pages render on the server
/// only (islands mode), in `SsrMode::Async`: the page is sent once the load has finished.
pub fn screen<T, Fut, V>(
    load: impl Fn() -> Fut + Send + Sync + 'static,
    show: impl Fn(T) -> V + Send + Sync + 'static,
) -> impl IntoView
where
    T: Clone + Send + Sync + Serialize + DeserializeOwned + 'static,
    Fut: Future<Output = Result<T, AppError>> + Send + 'static,
    V: IntoView + 'static,
{
    let data = Resource::new(|| (), move |_| load());
    let show = Arc::new(show);
    let answer = Answer::here();
    view! {
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || {
                let show = show.clone();
                let answer = answer.clone();
                Suspend::new(async move {
                    match data.await {
                        Ok(data) => show(data).into_any(),
                        Err(error) => {
                            answer.fail(&error);
                            let login = answer.login().to_string();
                            view! { <ErrorPage error login /> }.into_any()
                        }
                    }
                })
            }}
        </Suspense>
    }
}

/// A route parameter (`:key`), as the page was asked for.
pub fn param(name: &str) -> String {
    leptos_router::hooks::use_params_map()
        .read_untracked()
        .get(name)
        .unwrap_or_default()
}
