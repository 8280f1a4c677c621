//! The neighbourhood team's queue and a shared record.

use crate::domain::form::Screen;
use crate::domain::review::{Queue, SharedRecord};
use crate::error::AppError;
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "team-queue")]
pub async fn load_queue(after: Option<String>) -> Result<Screen<Queue>, AppError> {
    use crate::server::{context, current_actor, respond, services::review};
    let (hive, actor) = respond(current_actor().await)?;
    let queue = review::queue(hive.store.as_ref(), &actor, after.as_deref()).await;
    respond(context::screen(queue).await)
}

#[server(prefix = "/api", endpoint = "team-record")]
pub async fn load_team_record(resident: String) -> Result<SharedRecord, AppError> {
    use crate::server::{current_actor, respond, services::review};
    let (hive, actor) = respond(current_actor().await)?;
    // Not a number: no such resident.
    let id = respond(
        resident
            .trim()
            .parse::<i64>()
            .map_err(|_| AppError::NotFound),
    )?;
    respond(review::record(hive.store.as_ref(), &actor, id).await)
}
