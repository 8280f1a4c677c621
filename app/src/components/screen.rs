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
    let data = Resource::new(|| (), move |_| unless_it_panics(load()));
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

/// A load that panics (a bug) fails as an internal error: the page is the error page, with the
/// header, a 500 and a reference for the log. Otherwise the panic unwinds through the whole
/// request, which the server answers with a bare 500 (`web::answer_panic`; before it, the
/// connection was dropped without an answer).
pub async fn unless_it_panics<T>(
    load: impl Future<Output = Result<T, AppError>> + Send,
) -> Result<T, AppError> {
    #[cfg(feature = "ssr")]
    {
        use futures::FutureExt;
        std::panic::AssertUnwindSafe(load)
            .catch_unwind()
            .await
            .unwrap_or_else(|_| Err(crate::server::internal("a page's load panicked")))
    }
    #[cfg(not(feature = "ssr"))]
    load.await
}

/// A route parameter (`:key`), as the page was asked for.
pub fn param(name: &str) -> String {
    leptos_router::hooks::use_params_map()
        .read_untracked()
        .get(name)
        .unwrap_or_default()
}
