//! The resident's side of the conversation with their team, and goals the team proposed.

use crate::domain::review::{DecideForm, MessageForm, ResponsesScreen};
use crate::error::AppError;
use leptos::prelude::*;

/// The conversation on one part of the record (`kind`, `key`), for that part's page, which
/// loads it with its own data (one server function per page), and a reply that could not be
/// sent.
#[cfg(feature = "ssr")]
pub async fn conversation(
    store: &dyn crate::server::Store,
    actor: &crate::server::Actor,
    kind: &str,
    key: &str,
) -> Result<crate::domain::review::ConversationScreen, AppError> {
    use crate::domain::review::ConversationScreen;
    use crate::server::context::take_kept;
    use crate::server::services::responses;
    let screen = responses::conversation(store, actor, kind, key).await?;
    let kept: Option<crate::domain::form::Kept<MessageForm>> = take_kept("").await?;
    let kept = kept.filter(|k| k.form.kind == kind && k.form.key == key);
    Ok(ConversationScreen { kept, ..screen })
}

/// A message to the team about a part they share.
#[server(prefix = "/api", endpoint = "reply")]
pub async fn reply(#[server(flatten)] form: MessageForm) -> Result<(), AppError> {
    use crate::server::context::{Saved, finish};
    use crate::server::{context::current_writer, respond, services::responses};
    let (hive, actor) = respond(current_writer("", &form).await)?;
    let done = responses::reply(hive.store.as_ref(), &actor, &form).await;
    let done = done.map(|to| {
        Saved::new(
            "Your message was sent to your neighbourhood team",
            format!("{to}#conversation"),
        )
    });
    respond(finish("", &form, done).await)
}

/// `/my/responses`.
#[server(prefix = "/api", endpoint = "responses")]
pub async fn load_responses() -> Result<crate::domain::form::Screen<ResponsesScreen>, AppError> {
    use crate::server::context::{screen, take_kept};
    use crate::server::{current_actor, respond, services::responses};
    let (hive, actor) = respond(current_actor().await)?;
    let overview = responses::overview(hive.store.as_ref(), &actor).await;
    let mut screen = respond(screen(overview).await)?;
    screen.data.kept = respond(take_kept("").await)?;
    Ok(screen)
}

/// Accepting or declining a goal the team proposed.
#[server(prefix = "/api", endpoint = "decide-goal")]
pub async fn decide_goal(#[server(flatten)] form: DecideForm) -> Result<(), AppError> {
    use crate::server::context::{Saved, finish};
    use crate::server::{context::current_writer, respond, services::responses};
    let (hive, actor) = respond(current_writer("", &form).await)?;
    let done = responses::decide(hive.store.as_ref(), &actor, &form).await;
    let done = done.map(|(notice, to)| Saved::new(notice, to));
    respond(finish("", &form, done).await)
}
