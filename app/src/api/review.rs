//! The neighbourhood team's queue and a shared record.

use crate::domain::form::Screen;
use crate::domain::review::{
    AckForm, MessageForm, ProposeForm, Queue, SharedRecord, TeamStatements,
};
use crate::error::AppError;
use leptos::prelude::*;

/// A page of the queue; `unread`, `needs` and `since` filter it (`yes` when ticked), as do
/// `goals` (a goal filter's code), `ward` (a ward code) and `name` (part of a name).
#[server(prefix = "/api", endpoint = "team-queue")]
#[allow(clippy::too_many_arguments)]
pub async fn load_queue(
    after: Option<String>,
    unread: Option<String>,
    needs: Option<String>,
    since: Option<String>,
    goals: Option<String>,
    ward: Option<String>,
    name: Option<String>,
) -> Result<Screen<Queue>, AppError> {
    use crate::domain::review::QueueFilter;
    use crate::server::{context, current_actor, respond, services::review};
    let (hive, actor) = respond(current_actor().await)?;
    let ticked = |v: Option<String>| v.is_some_and(|v| !v.is_empty());
    let filter = QueueFilter {
        unacknowledged_only: ticked(unread),
        needs_only: ticked(needs),
        since_looked: ticked(since),
        goals: goals.unwrap_or_default(),
        ward: ward.unwrap_or_default(),
        name: name.unwrap_or_default(),
    };
    let queue = review::queue(hive.store.as_ref(), &actor, after.as_deref(), filter).await;
    respond(context::screen(queue).await)
}

#[server(prefix = "/api", endpoint = "team-record")]
pub async fn load_team_record(resident: String) -> Result<SharedRecord, AppError> {
    use crate::server::{current_actor, respond, services::review};
    let (hive, actor) = respond(current_actor().await)?;
    let id = respond(resident_id(&resident))?;
    use crate::server::context::{take_kept, take_notice};
    let record = respond(review::record(hive.store.as_ref(), &actor, id).await)?;
    let notice = respond(take_notice().await)?;
    let kept_message = respond(take_kept(&id.to_string()).await)?;
    let kept_proposal = respond(take_kept(&id.to_string()).await)?;
    Ok(SharedRecord {
        notice,
        kept_message,
        kept_proposal,
        ..record
    })
}

/// "I have read this version" of a shared part.
#[server(prefix = "/api", endpoint = "acknowledge")]
pub async fn acknowledge(
    resident: String,
    #[server(flatten)] form: AckForm,
) -> Result<(), AppError> {
    use crate::server::context::{Saved, finish};
    use crate::server::{context::current_writer, respond, services::review};
    let id = respond(resident_id(&resident))?;
    let (hive, actor) = respond(current_writer(&id.to_string(), &form).await)?;
    let done = review::acknowledge(hive.store.as_ref(), &actor, id, &form).await;
    let done = done.map(|part| {
        Saved::new(
            format!("Marked as read: {part}"),
            format!("/team/residents/{id}"),
        )
    });
    respond(finish(&id.to_string(), &form, done).await)
}

#[cfg(feature = "ssr")]
fn resident_id(resident: &str) -> Result<i64, AppError> {
    // Not a number: no such resident.
    resident
        .trim()
        .parse::<i64>()
        .map_err(|_| AppError::NotFound)
}

/// A response on a shared part (the needs, an About Me section, a goal).
#[server(prefix = "/api", endpoint = "respond")]
pub async fn respond_on_part(
    resident: String,
    #[server(flatten)] form: MessageForm,
) -> Result<(), AppError> {
    use crate::server::context::{Saved, finish};
    use crate::server::{context::current_writer, respond, services::review};
    let id = respond(resident_id(&resident))?;
    let (hive, actor) = respond(current_writer(&id.to_string(), &form).await)?;
    let done = review::respond(hive.store.as_ref(), &actor, id, &form).await;
    let done = done.map(|part| {
        Saved::new(
            format!("Your response was sent: {part}"),
            format!(
                "/team/residents/{id}#{}",
                crate::domain::review::message_field(&form.kind, &form.key)
            ),
        )
    });
    respond(finish(&id.to_string(), &form, done).await)
}

/// A goal proposed to the resident, who accepts or declines it.
#[server(prefix = "/api", endpoint = "propose-goal")]
pub async fn propose_goal(
    resident: String,
    #[server(flatten)] form: ProposeForm,
) -> Result<(), AppError> {
    use crate::server::context::{Saved, finish};
    use crate::server::{context::current_writer, respond, services::review};
    let id = respond(resident_id(&resident))?;
    let (hive, actor) = respond(current_writer(&id.to_string(), &form).await)?;
    let done = review::propose(hive.store.as_ref(), &actor, id, &form).await;
    let done = done.map(|()| {
        Saved::new(
            "The goal was proposed. It is waiting for their answer.",
            format!("/team/residents/{id}#proposals"),
        )
    });
    respond(finish(&id.to_string(), &form, done).await)
}

/// How true the person statements feel across the neighbourhood.
#[server(prefix = "/api", endpoint = "team-statements")]
pub async fn load_team_statements() -> Result<TeamStatements, AppError> {
    use crate::server::{current_actor, respond, services::review};
    let (hive, actor) = respond(current_actor().await)?;
    respond(review::statements(hive.store.as_ref(), &actor).await)
}
