//! Communication and information needs.
// A server function takes one argument per form field, as the browser posts them.
#![allow(clippy::too_many_arguments)]

use crate::domain::needs::NeedsNow;
use crate::error::AppError;
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "needs")]
pub async fn my_needs() -> Result<NeedsNow, AppError> {
    use crate::server::{current_actor, respond, services::needs};
    let (hive, actor) = respond(current_actor().await)?;
    respond(needs::needs(hive.store.as_ref(), &actor).await)
}

#[server(prefix = "/api", endpoint = "needs-history")]
pub async fn needs_history() -> Result<Vec<crate::domain::needs::NeedsVersion>, AppError> {
    use crate::server::{current_actor, respond, services::needs};
    let (hive, actor) = respond(current_actor().await)?;
    respond(needs::history(hive.store.as_ref(), &actor).await)
}

/// Checkboxes are sent as `formats[]=…` and so on; an unticked group is not sent at all.
#[server(prefix = "/api", endpoint = "save-needs")]
pub async fn save_needs(
    formats: Option<Vec<String>>,
    support: Option<Vec<String>>,
    professionals: Option<Vec<String>>,
    language: String,
    interpreter: Option<String>,
    contact: Option<Vec<String>>,
    avoid_times: String,
    how_to_talk: String,
    base: String,
) -> Result<(), AppError> {
    use crate::domain::needs::NeedsForm;
    use crate::server::{context, current_actor, respond, services::needs};
    let (hive, actor) = respond(current_actor().await)?;
    let form = NeedsForm {
        formats: formats.unwrap_or_default(),
        support: support.unwrap_or_default(),
        professionals: professionals.unwrap_or_default(),
        language,
        interpreter: interpreter.is_some(),
        contact: contact.unwrap_or_default(),
        avoid_times,
        how_to_talk,
        base,
    };
    let result = needs::save(hive.store.as_ref(), &actor, &form).await;
    if result.is_ok() {
        context::set_notice("Your communication needs were saved".into()).await?;
        leptos_axum::redirect("/my");
    }
    let mut values: Vec<(&str, &str)> = Vec::new();
    for (name, list) in [
        ("formats", &form.formats),
        ("support", &form.support),
        ("professionals", &form.professionals),
        ("contact", &form.contact),
    ] {
        values.extend(list.iter().map(|code| (name, code.as_str())));
    }
    values.push(("language", &form.language));
    if form.interpreter {
        values.push(("interpreter", "yes"));
    }
    values.push(("avoid_times", &form.avoid_times));
    values.push(("how_to_talk", &form.how_to_talk));
    respond(context::keep_failed_form("needs", &values, result.map(|_| ())).await)
}
