//! The neighbourhood team's queue and a shared record.

use crate::domain::form::Screen;
use crate::domain::review::{AckForm, Queue, SharedRecord};
use crate::error::AppError;
use leptos::prelude::*;

/// A page of the queue; `unread` and `needs` filter it (`yes` when ticked).
#[server(prefix = "/api", endpoint = "team-queue")]
pub async fn load_queue(
    after: Option<String>,
    unread: Option<String>,
    needs: Option<String>,
) -> Result<Screen<Queue>, AppError> {
    use crate::domain::review::QueueFilter;
    use crate::server::{context, current_actor, respond, services::review};
    let (hive, actor) = respond(current_actor().await)?;
    let filter = QueueFilter {
        unacknowledged_only: unread.is_some_and(|v| !v.is_empty()),
        needs_only: needs.is_some_and(|v| !v.is_empty()),
    };
    let queue = review::queue(hive.store.as_ref(), &actor, after.as_deref(), filter).await;
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
    let record = respond(review::record(hive.store.as_ref(), &actor, id).await)?;
    let notice = respond(crate::server::context::take_notice().await)?;
    Ok(SharedRecord { notice, ..record })
}

/// "I have read this version" of a shared part.
#[server(prefix = "/api", endpoint = "acknowledge")]
pub async fn acknowledge(
    resident: String,
    #[server(flatten)] form: AckForm,
) -> Result<(), AppError> {
    use crate::server::context::{Saved, finish};
    use crate::server::{current_actor, respond, services::review};
    let (hive, actor) = respond(current_actor().await)?;
    let id = respond(
        resident
            .trim()
            .parse::<i64>()
            .map_err(|_| AppError::NotFound),
    )?;
    let done = review::acknowledge(hive.store.as_ref(), &actor, id, &form).await;
    let done = done.map(|part| {
        Saved::new(
            format!("Marked as read: {part}"),
            format!("/team/residents/{id}"),
        )
    });
    respond(finish(&id.to_string(), &form, done).await)
}
