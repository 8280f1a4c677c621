//! The record as a whole.

use crate::domain::record::RecordSummary;
use crate::error::AppError;
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "record-summary")]
pub async fn load_summary() -> Result<RecordSummary, AppError> {
    use crate::server::{current_actor, respond, services::summary};
    let (hive, actor) = respond(current_actor().await)?;
    respond(summary::summary(&hive, &actor).await)
}

/// "Nothing has changed".
#[server(prefix = "/api", endpoint = "confirm-review")]
pub async fn confirm_review() -> Result<(), AppError> {
    use crate::server::context::{Saved, finish};
    use crate::server::{context::current_writer, respond, services::summary};
    let (hive, actor) = respond(current_writer("", &crate::domain::record::ReviewForm {}).await)?;
    let done = summary::confirm_review(hive.store.as_ref(), &actor).await;
    let done =
        done.map(|_| Saved::new("Thank you. Your record is marked as reviewed today.", "/my"));
    respond(finish("", &crate::domain::record::ReviewForm {}, done).await)
}
