//! Hive's isomorphic crate: the pages and components (rendered on the server; only the
//! `#[island]` components are hydrated in the browser), the domain rules both sides share, the
//! server functions, and (server only) the services and the storage port.
#![recursion_limit = "256"]

pub mod api;
mod app;
pub mod components;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod server;

/// The rules both sides share live in their own crate (`app/domain`): no Leptos, no I/O.
pub use hive_domain as domain;
pub use hive_domain::error;

pub use app::{App, shell};

#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
    // Browser tests wait for this mark before they use an island.
    if let Some(body) = leptos::prelude::document().body() {
        let _ = body.set_attribute("data-hydrated", "true");
    }
}
