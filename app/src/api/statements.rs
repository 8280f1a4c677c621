//! The city's person statements and the resident's answers.

use crate::domain::form::{FormScreen, Screen};
use crate::domain::statements::{AnswerForm, StatementAnswers};
use crate::error::AppError;
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "statements")]
pub async fn load_statements() -> Result<Screen<Vec<StatementAnswers>>, AppError> {
    use crate::server::{context, current_actor, respond, services::statements};
    let (hive, actor) = respond(current_actor().await)?;
    let answers = statements::answers(hive.store.as_ref(), &actor).await;
    respond(context::screen(answers).await)
}

/// One statement with the resident's answers, for the page that answers it.
#[server(prefix = "/api", endpoint = "statement")]
pub async fn load_statement(
    statement: String,
) -> Result<FormScreen<StatementAnswers, AnswerForm>, AppError> {
    use crate::server::{context, current_actor, respond, services::statements};
    let (hive, actor) = respond(current_actor().await)?;
    let one = statements::one(hive.store.as_ref(), &actor, &statement).await;
    let mut screen = respond(context::form_screen(&statement, one).await)?;
    screen.read_only = crate::server::services::record::read_only(
        &actor,
        crate::domain::sharing::Scope::Statements,
    );
    Ok(screen)
}

#[server(prefix = "/api", endpoint = "answer-statement")]
pub async fn answer_statement(
    statement: String,
    #[server(flatten)] form: AnswerForm,
) -> Result<(), AppError> {
    use crate::server::context::{Saved, finish};
    use crate::server::{context::current_writer, respond, services::statements};
    let (hive, actor) = respond(current_writer(&statement, &form).await)?;
    let store = hive.store.as_ref();
    let saved = statements::answer(store, &actor, &statement, &form.truth, &form.comment).await;
    let saved = saved.map(|_| Saved::new("Your answer was saved", "/my/statements"));
    respond(finish(&statement, &form, saved).await)
}
