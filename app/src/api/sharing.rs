//! Sharing with the neighbourhood team, and the access log.

use crate::domain::form::FormScreen;
use crate::domain::sharing::{Activity, SharingForm, SharingNow};
use crate::error::AppError;
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "sharing")]
pub async fn load_sharing() -> Result<FormScreen<SharingNow, SharingForm>, AppError> {
    use crate::server::{context, current_actor, respond, services::sharing};
    let (hive, actor) = respond(current_actor().await)?;
    let now = sharing::sharing_now(hive.store.as_ref(), &actor).await;
    respond(context::form_screen("", now).await)
}

/// Every scope ticked is shared; every other is not. An unticked page sends no `scopes[]`.
#[server(prefix = "/api", endpoint = "save-sharing")]
pub async fn save_sharing(#[server(flatten)] form: SharingForm) -> Result<(), AppError> {
    use crate::server::context::{Saved, finish};
    use crate::server::{context::current_writer, respond, services::sharing};
    let (hive, actor) = respond(current_writer("", &form).await)?;
    let saved = sharing::set(hive.store.as_ref(), &actor, &form).await;
    let saved = saved.map(|changes| {
        let notice = match changes {
            0 => "Nothing was changed".to_string(),
            1 => "Your sharing was changed (1 part)".to_string(),
            n => format!("Your sharing was changed ({n} parts)"),
        };
        Saved::new(notice, "/my/sharing")
    });
    respond(finish("", &form, saved).await)
}

/// A page of the access log: entries before `before`, only `person`'s or about `scope` when
/// given (a scope code that does not exist is not found).
#[server(prefix = "/api", endpoint = "activity")]
pub async fn load_activity(
    before: Option<i64>,
    person: Option<i64>,
    scope: Option<String>,
) -> Result<Activity, AppError> {
    use crate::domain::sharing::Scope;
    use crate::server::{current_actor, respond, services::sharing};
    let (hive, actor) = respond(current_actor().await)?;
    let scope = match scope.as_deref().filter(|s| !s.is_empty()) {
        None => None,
        Some(code) => Some(respond(Scope::parse(code).ok_or(AppError::NotFound))?),
    };
    let store = hive.store.as_ref();
    respond(sharing::activity(store, &actor, before, person, scope).await)
}
