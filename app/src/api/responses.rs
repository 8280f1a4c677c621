//! The resident's side of the conversation with their team, and goals the team proposed.

use crate::domain::review::{ConversationScreen, DecideForm, MessageForm, ResponsesScreen};
use crate::error::AppError;
use leptos::prelude::*;

/// The conversation on one part of the record (`kind`, `key`), for that part's page.
#[server(prefix = "/api", endpoint = "conversation")]
pub async fn load_conversation(kind: String, key: String) -> Result<ConversationScreen, AppError> {
    use crate::server::context::take_kept;
    use crate::server::{current_actor, respond, services::responses};
    let (hive, actor) = respond(current_actor().await)?;
    let screen = respond(responses::conversation(hive.store.as_ref(), &actor, &kind, &key).await)?;
    let kept: Option<crate::domain::form::Kept<MessageForm>> = respond(take_kept("").await)?;
    let kept = kept.filter(|k| k.form.kind == kind && k.form.key == key);
    Ok(ConversationScreen { kept, ..screen })
}

/// A message to the team about a part they share.
#[server(prefix = "/api", endpoint = "reply")]
pub async fn reply(#[server(flatten)] form: MessageForm) -> Result<(), AppError> {
    use crate::server::context::{Saved, finish};
    use crate::server::{current_actor, respond, services::responses};
    let (hive, actor) = respond(current_actor().await)?;
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
    use crate::server::{current_actor, respond, services::responses};
    let (hive, actor) = respond(current_actor().await)?;
    let done = responses::decide(hive.store.as_ref(), &actor, &form).await;
    let done = done.map(|(notice, to)| Saved::new(notice, to));
    respond(finish("", &form, done).await)
}
