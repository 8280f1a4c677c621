//! Goals in the resident's own words.
// A server function takes one argument per form field, as the browser posts them.
#![allow(clippy::too_many_arguments)]

use crate::domain::goals::{GoalDetail, GoalNow, GoalVersion};
use crate::error::AppError;
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "goals")]
pub async fn my_goals() -> Result<Vec<GoalNow>, AppError> {
    use crate::server::{current_actor, respond, services::goals};
    let (hive, actor) = respond(current_actor().await)?;
    respond(goals::list(hive.store.as_ref(), &actor).await)
}

#[server(prefix = "/api", endpoint = "goal")]
pub async fn goal(key: String) -> Result<GoalDetail, AppError> {
    use crate::server::{current_actor, respond, services::goals};
    let (hive, actor) = respond(current_actor().await)?;
    respond(goals::detail(hive.store.as_ref(), &actor, &key).await)
}

#[server(prefix = "/api", endpoint = "goal-history")]
pub async fn goal_history(key: String) -> Result<Vec<GoalVersion>, AppError> {
    use crate::server::{current_actor, respond, services::goals};
    let (hive, actor) = respond(current_actor().await)?;
    respond(goals::history(hive.store.as_ref(), &actor, &key).await)
}

#[cfg(feature = "ssr")]
fn values(form: &crate::domain::goals::GoalForm) -> [(&'static str, &str); 7] {
    [
        ("description", form.description.as_str()),
        ("why", form.why.as_str()),
        ("target_day", form.target_day.as_str()),
        ("target_month", form.target_month.as_str()),
        ("target_year", form.target_year.as_str()),
        ("lifecycle", form.lifecycle.as_str()),
        ("achievement", form.achievement.as_str()),
    ]
}

#[server(prefix = "/api", endpoint = "add-goal")]
pub async fn add_goal(
    description: String,
    why: String,
    target_day: String,
    target_month: String,
    target_year: String,
    lifecycle: String,
    achievement: String,
) -> Result<(), AppError> {
    use crate::domain::goals::GoalForm;
    use crate::server::{context, current_actor, respond, services::goals};
    let (hive, actor) = respond(current_actor().await)?;
    let form = GoalForm {
        description,
        why,
        target_day,
        target_month,
        target_year,
        lifecycle,
        achievement,
    };
    let result = goals::add(hive.store.as_ref(), &actor, &form).await;
    if result.is_ok() {
        context::set_notice("Your goal was added".into()).await?;
        leptos_axum::redirect("/my/goals");
    }
    respond(context::keep_failed_form("goal-new", &values(&form), result.map(|_| ())).await)
}

#[server(prefix = "/api", endpoint = "change-goal")]
pub async fn change_goal(
    key: String,
    base: String,
    description: String,
    why: String,
    target_day: String,
    target_month: String,
    target_year: String,
    lifecycle: String,
    achievement: String,
) -> Result<(), AppError> {
    use crate::domain::goals::GoalForm;
    use crate::server::{context, current_actor, respond, services::goals};
    let (hive, actor) = respond(current_actor().await)?;
    let form = GoalForm {
        description,
        why,
        target_day,
        target_month,
        target_year,
        lifecycle,
        achievement,
    };
    let result = goals::change(hive.store.as_ref(), &actor, &key, &form, &base).await;
    if result.is_ok() {
        context::set_notice("Your goal was saved".into()).await?;
        leptos_axum::redirect(&format!("/my/goals/{key}"));
    }
    let form_id = format!("goal-{}", key.chars().take(16).collect::<String>());
    respond(context::keep_failed_form(&form_id, &values(&form), result).await)
}

#[server(prefix = "/api", endpoint = "stop-goal")]
pub async fn stop_goal(key: String, base: String, how: Option<String>) -> Result<(), AppError> {
    use crate::server::{context, current_actor, respond, services::goals};
    let (hive, actor) = respond(current_actor().await)?;
    let how = how.unwrap_or_default();
    let result = goals::stop(hive.store.as_ref(), &actor, &key, &how, &base).await;
    if let Ok(lifecycle) = &result {
        context::set_notice(format!(
            "The goal was marked {}",
            lifecycle.label().to_lowercase()
        ))
        .await?;
        leptos_axum::redirect("/my/goals");
    }
    let form_id = format!("goal-stop-{}", key.chars().take(16).collect::<String>());
    respond(context::keep_failed_form(&form_id, &[("how", how.as_str())], result.map(|_| ())).await)
}

#[server(prefix = "/api", endpoint = "add-goal-note")]
pub async fn add_goal_note(key: String, note: String) -> Result<(), AppError> {
    use crate::server::{context, current_actor, respond, services::goals};
    let (hive, actor) = respond(current_actor().await)?;
    let result = goals::add_note(hive.store.as_ref(), &actor, &key, &note).await;
    if result.is_ok() {
        context::set_notice("Your progress note was added".into()).await?;
        leptos_axum::redirect(&format!("/my/goals/{key}"));
    }
    let form_id = format!("goal-note-{}", key.chars().take(16).collect::<String>());
    respond(context::keep_failed_form(&form_id, &[("note", note.as_str())], result).await)
}
