//! Goals in the resident's own words.

use crate::domain::form::FormScreen;
use crate::domain::goals::{GoalForm, GoalNow, GoalScreen, GoalVersion, NoteForm, StopGoalForm};
use crate::error::AppError;
use leptos::prelude::*;

/// The list of goals, with the confirmation of the last save; `read_only` for a carer who may
/// see the goals but not add one.
#[server(prefix = "/api", endpoint = "goals")]
pub async fn load_goals() -> Result<FormScreen<Vec<GoalNow>, GoalForm>, AppError> {
    use crate::server::{context, current_actor, respond, services::goals};
    let (hive, actor) = respond(current_actor().await)?;
    let list = goals::list(hive.store.as_ref(), &actor).await;
    let screen = respond(context::screen(list).await)?;
    Ok(FormScreen {
        data: screen.data,
        notice: screen.notice,
        kept: None,
        read_only: crate::server::services::record::read_only(
            &actor,
            crate::domain::sharing::Scope::Goals,
        ),
    })
}

/// The new-goal page: only the resident may add goals (the same check as the list).
#[server(prefix = "/api", endpoint = "new-goal")]
pub async fn load_new_goal() -> Result<FormScreen<(), GoalForm>, AppError> {
    use crate::server::{context, current_actor, respond};
    let (_, actor) = respond(current_actor().await)?;
    let allowed = crate::server::services::record::access(&actor)
        .and_then(|access| access.may_change(crate::domain::sharing::Scope::Goals));
    respond(context::form_screen("", allowed).await)
}

/// One goal with its notes, and the three forms on its page.
#[server(prefix = "/api", endpoint = "goal")]
pub async fn load_goal(key: String) -> Result<GoalScreen, AppError> {
    use crate::server::{context, current_actor, respond, services::goals};
    let (hive, actor) = respond(current_actor().await)?;
    let detail = respond(goals::detail(hive.store.as_ref(), &actor, &key).await)?;
    respond(
        async {
            Ok(GoalScreen {
                detail,
                notice: context::take_notice().await?,
                change: context::take_kept::<GoalForm>(&key).await?,
                note: context::take_kept::<NoteForm>(&key).await?,
                stop: context::take_kept::<StopGoalForm>(&key).await?,
                read_only: crate::server::services::record::read_only(
                    &actor,
                    crate::domain::sharing::Scope::Goals,
                ),
                conversation: Some(
                    crate::api::responses::conversation(hive.store.as_ref(), &actor, "goal", &key)
                        .await?,
                ),
            })
        }
        .await,
    )
}

#[server(prefix = "/api", endpoint = "goal-history")]
pub async fn goal_history(key: String) -> Result<Vec<GoalVersion>, AppError> {
    use crate::server::{current_actor, respond, services::goals};
    let (hive, actor) = respond(current_actor().await)?;
    respond(goals::history(hive.store.as_ref(), &actor, &key).await)
}

#[server(prefix = "/api", endpoint = "add-goal")]
pub async fn add_goal(#[server(flatten)] form: GoalForm) -> Result<(), AppError> {
    use crate::server::context::{Saved, finish};
    use crate::server::{context::current_writer, respond, services::goals};
    let (hive, actor) = respond(current_writer("", &form).await)?;
    let added = goals::add(hive.store.as_ref(), &actor, &form).await;
    let added = added.map(|_| Saved::new("Your goal was added", "/my/goals"));
    respond(finish("", &form, added).await)
}

#[server(prefix = "/api", endpoint = "change-goal")]
pub async fn change_goal(
    key: String,
    base: String,
    #[server(flatten)] form: GoalForm,
) -> Result<(), AppError> {
    use crate::server::context::{Saved, finish};
    use crate::server::{context::current_writer, respond, services::goals};
    let (hive, actor) = respond(current_writer(&key, &form).await)?;
    let saved = goals::change(hive.store.as_ref(), &actor, &key, &form, &base).await;
    let saved = saved.map(|_| Saved::new("Your goal was saved", format!("/my/goals/{key}")));
    respond(finish(&key, &form, saved).await)
}

#[server(prefix = "/api", endpoint = "stop-goal")]
pub async fn stop_goal(
    key: String,
    base: String,
    #[server(flatten)] form: StopGoalForm,
) -> Result<(), AppError> {
    use crate::server::context::{Saved, finish};
    use crate::server::{context::current_writer, respond, services::goals};
    let (hive, actor) = respond(current_writer(&key, &form).await)?;
    let stopped = goals::stop(hive.store.as_ref(), &actor, &key, &form.how, &base).await;
    let stopped = stopped.map(|lifecycle| {
        let notice = format!("The goal was marked {}", lifecycle.label().to_lowercase());
        Saved::new(notice, "/my/goals")
    });
    respond(finish(&key, &form, stopped).await)
}

#[server(prefix = "/api", endpoint = "add-goal-note")]
pub async fn add_goal_note(key: String, #[server(flatten)] form: NoteForm) -> Result<(), AppError> {
    use crate::server::context::{Saved, finish};
    use crate::server::{context::current_writer, respond, services::goals};
    let (hive, actor) = respond(current_writer(&key, &form).await)?;
    let added = goals::add_note(hive.store.as_ref(), &actor, &key, &form.note).await;
    let added =
        added.map(|_| Saved::new("Your progress note was added", format!("/my/goals/{key}")));
    respond(finish(&key, &form, added).await)
}
