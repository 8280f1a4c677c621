//! The staff directory, for admins. Every function checks the actor in the service layer.

use crate::domain::form::FormFlash;
use crate::domain::staff::StaffEntry;
use crate::error::AppError;
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "staff-directory")]
pub async fn staff_directory() -> Result<Vec<StaffEntry>, AppError> {
    use crate::server::{current_actor, respond, services::staff};
    let (hive, actor) = respond(current_actor().await)?;
    respond(staff::directory(hive.store.as_ref(), &actor).await)
}

#[server(prefix = "/api", endpoint = "staff-member")]
pub async fn staff_member(id: i64) -> Result<StaffEntry, AppError> {
    use crate::domain::ids::PersonId;
    use crate::server::{current_actor, respond, services::staff};
    let (hive, actor) = respond(current_actor().await)?;
    respond(staff::member(hive.store.as_ref(), &actor, PersonId(id)).await)
}

#[server(prefix = "/api", endpoint = "add-staff")]
pub async fn add_staff(
    name: String,
    email: String,
    role: String,
    team: String,
) -> Result<(), AppError> {
    use crate::domain::staff::StaffForm;
    use crate::server::{context, current_actor, respond, services::staff};
    let (hive, actor) = respond(current_actor().await)?;
    let form = StaffForm {
        name,
        email,
        role,
        team,
    };
    let result = staff::add(hive.store.as_ref(), &actor, &form).await;
    if result.is_ok() {
        context::set_notice(format!(
            "{} was added to the staff directory",
            form.name.trim()
        ))
        .await?;
        leptos_axum::redirect("/admin/staff");
    }
    let values = [
        ("name", form.name.as_str()),
        ("email", form.email.as_str()),
        ("role", form.role.as_str()),
        ("team", form.team.as_str()),
    ];
    respond(context::keep_failed_form("staff-add", &values, result.map(|_| ())).await)
}

#[server(prefix = "/api", endpoint = "change-staff")]
pub async fn change_staff(
    id: i64,
    name: String,
    email: String,
    role: String,
    team: String,
) -> Result<(), AppError> {
    use crate::domain::ids::PersonId;
    use crate::domain::staff::StaffForm;
    use crate::server::{context, current_actor, respond, services::staff};
    let (hive, actor) = respond(current_actor().await)?;
    let form = StaffForm {
        name,
        email,
        role,
        team,
    };
    let result = staff::change(hive.store.as_ref(), &actor, PersonId(id), &form).await;
    if result.is_ok() {
        context::set_notice(format!("The entry for {} was changed", form.name.trim())).await?;
        leptos_axum::redirect("/admin/staff");
    }
    let values = [
        ("name", form.name.as_str()),
        ("email", form.email.as_str()),
        ("role", form.role.as_str()),
        ("team", form.team.as_str()),
    ];
    respond(context::keep_failed_form(&format!("staff-{id}"), &values, result).await)
}

#[server(prefix = "/api", endpoint = "remove-staff")]
pub async fn remove_staff(id: i64) -> Result<(), AppError> {
    use crate::domain::ids::PersonId;
    use crate::server::{context, current_actor, respond, services::staff};
    let (hive, actor) = respond(current_actor().await)?;
    let store = hive.store.as_ref();
    let name = respond(staff::member(store, &actor, PersonId(id)).await)?.name;
    let result = staff::remove(store, &actor, PersonId(id)).await;
    if result.is_ok() {
        context::set_notice(format!("{name} was removed from the staff directory")).await?;
        leptos_axum::redirect("/admin/staff");
    }
    respond(context::keep_failed_form(&format!("staff-{id}"), &[], result).await)
}

/// What a form post without JavaScript left for its page: the problems and what was typed.
#[server(prefix = "/api", endpoint = "failed-form")]
pub async fn failed_form(form: String) -> Result<Option<FormFlash>, AppError> {
    use crate::server::{context, respond};
    if form.len() > 64 {
        return respond(Err(AppError::NotFound));
    }
    respond(context::take_failed_form(&form).await)
}

/// The confirmation left by the last save, if any.
#[server(prefix = "/api", endpoint = "notice")]
pub async fn notice() -> Result<Option<String>, AppError> {
    use crate::server::{context, respond};
    respond(context::take_notice().await)
}
