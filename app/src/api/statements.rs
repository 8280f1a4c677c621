//! The city's person statements and the resident's answers.

use crate::domain::statements::StatementAnswers;
use crate::error::AppError;
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "statements")]
pub async fn my_statements() -> Result<Vec<StatementAnswers>, AppError> {
    use crate::server::{current_actor, respond, services::statements};
    let (hive, actor) = respond(current_actor().await)?;
    respond(statements::answers(hive.store.as_ref(), &actor).await)
}

#[server(prefix = "/api", endpoint = "answer-statement")]
pub async fn answer_statement(
    statement: String,
    truth: Option<String>,
    comment: String,
) -> Result<(), AppError> {
    use crate::server::{context, current_actor, respond, services::statements};
    let (hive, actor) = respond(current_actor().await)?;
    let truth = truth.unwrap_or_default();
    let result =
        statements::answer(hive.store.as_ref(), &actor, &statement, &truth, &comment).await;
    if result.is_ok() {
        context::set_notice("Your answer was saved".into()).await?;
        leptos_axum::redirect("/my/statements");
    }
    let form_id = format!(
        "statement-{}",
        statement.chars().take(40).collect::<String>()
    );
    let values = [("truth", truth.as_str()), ("comment", comment.as_str())];
    respond(context::keep_failed_form(&form_id, &values, result).await)
}
