//! The record as a whole.

use crate::domain::record::{RecordSummary, ReviewStatus};
use crate::error::AppError;
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "record-summary")]
pub async fn load_record_summary() -> Result<RecordSummary, AppError> {
    use crate::server::{current_actor, respond, services::summary};
    let (hive, actor) = respond(current_actor().await)?;
    respond(summary::summary(&hive, &actor).await)
}

#[server(prefix = "/api", endpoint = "review-status")]
pub async fn load_review_status() -> Result<ReviewStatus, AppError> {
    use crate::server::{current_actor, respond, services::summary};
    let (hive, actor) = respond(current_actor().await)?;
    respond(summary::review_status(&hive, &actor).await)
}

/// "Nothing has changed".
#[server(prefix = "/api", endpoint = "confirm-review")]
pub async fn confirm_review() -> Result<(), AppError> {
    use crate::server::{context, current_actor, respond, services::summary};
    let (hive, actor) = respond(current_actor().await)?;
    let result = summary::confirm_review(hive.store.as_ref(), &actor).await;
    if result.is_ok() {
        context::set_notice("Thank you. Your record is marked as reviewed today.".into()).await?;
        leptos_axum::redirect("/my");
    }
    respond(result)
}
