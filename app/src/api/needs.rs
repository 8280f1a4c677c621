//! Communication and information needs.

use crate::domain::form::FormScreen;
use crate::domain::needs::{NeedsForm, NeedsNow, NeedsVersion};
use crate::error::AppError;
use leptos::prelude::*;

/// The needs page: what is saved, and a failed post to show again.
#[server(prefix = "/api", endpoint = "needs")]
pub async fn load_needs() -> Result<FormScreen<NeedsNow, NeedsForm>, AppError> {
    use crate::server::{context, current_actor, respond, services::needs};
    let (hive, actor) = respond(current_actor().await)?;
    let now = needs::needs(hive.store.as_ref(), &actor).await;
    let mut screen = respond(context::form_screen("", now).await)?;
    screen.read_only =
        crate::server::services::record::read_only(&actor, crate::domain::sharing::Scope::Needs);
    screen.data.conversation = Some(respond(
        crate::api::responses::conversation(hive.store.as_ref(), &actor, "needs", "needs").await,
    )?);
    Ok(screen)
}

#[server(prefix = "/api", endpoint = "needs-history")]
pub async fn needs_history() -> Result<Vec<NeedsVersion>, AppError> {
    use crate::server::{current_actor, respond, services::needs};
    let (hive, actor) = respond(current_actor().await)?;
    respond(needs::history(hive.store.as_ref(), &actor).await)
}

/// Checkboxes are sent as `formats[]=…` and so on; an unticked group is not sent at all.
#[server(prefix = "/api", endpoint = "save-needs")]
pub async fn save_needs(#[server(flatten)] form: NeedsForm) -> Result<(), AppError> {
    use crate::server::context::{Saved, finish};
    use crate::server::{context::current_writer, respond, services::needs};
    let (hive, actor) = respond(current_writer("", &form).await)?;
    let saved = needs::save(hive.store.as_ref(), &actor, &form).await;
    let saved = saved.map(|_| Saved::new("Your communication needs were saved", "/my"));
    respond(finish("", &form, saved).await)
}
