//! Where the resident lives.

use crate::domain::form::FormScreen;
use crate::domain::where_i_live::{WhereILive, WhereILiveForm};
use crate::error::AppError;
use leptos::prelude::*;

/// The page, with the wards in `postcode`'s district when one is given.
#[server(prefix = "/api", endpoint = "where-i-live")]
pub async fn load_where_i_live(
    postcode: Option<String>,
) -> Result<FormScreen<WhereILive, WhereILiveForm>, AppError> {
    use crate::server::{context, current_actor, respond, services::where_i_live};
    let (hive, actor) = respond(current_actor().await)?;
    let store = hive.store.as_ref();
    let page = where_i_live::where_i_live(store, &actor, postcode.as_deref()).await;
    respond(context::form_screen("", page).await)
}

#[server(prefix = "/api", endpoint = "save-where-i-live")]
pub async fn save_where_i_live(#[server(flatten)] form: WhereILiveForm) -> Result<(), AppError> {
    use crate::server::context::{Saved, finish};
    use crate::server::{context::current_writer, respond, services::where_i_live};
    let (hive, actor) = respond(current_writer("", &form).await)?;
    let moved = where_i_live::move_home(hive.store.as_ref(), &actor, &form).await;
    let moved = moved.map(|_| Saved::new("Where you live was saved", "/my/where-i-live"));
    respond(finish("", &form, moved).await)
}
