//! How true the city's person statements feel: dated answers, earlier ones kept.

use super::record::{owner, read, write};
use crate::domain::statements::{AnswerNow, StatementAnswers, check_answer};
use crate::error::AppError;
use crate::server::store::{RecordKind, Store};
use crate::server::{Actor, internal};

/// Every statement in use, with the resident's answers to it (two queries in all).
pub async fn answers(store: &dyn Store, actor: &Actor) -> Result<Vec<StatementAnswers>, AppError> {
    let resident = owner(actor)?;
    let statements = store.person_statements().await.map_err(internal)?;
    let all = store
        .record_all(resident, RecordKind::Statement)
        .await
        .map_err(internal)?;
    statements
        .into_iter()
        .map(|statement| {
            let answers = all
                .iter()
                .filter(|v| v.key == statement.code)
                .map(|v| {
                    Ok(AnswerNow {
                        answer: read(v)?,
                        created_at: v.created_at,
                    })
                })
                .collect::<Result<Vec<_>, AppError>>()?;
            Ok(StatementAnswers { statement, answers })
        })
        .collect()
}

/// Adds a dated answer. Answers never replace each other, so there is no stale edit.
pub async fn answer(
    store: &dyn Store,
    actor: &Actor,
    code: &str,
    truth: &str,
    comment: &str,
) -> Result<(), AppError> {
    let resident = owner(actor)?;
    let statements = store.person_statements().await.map_err(internal)?;
    if !statements.iter().any(|s| s.code == code) {
        return Err(AppError::NotFound);
    }
    let answer = check_answer(truth, comment).map_err(|fields| AppError::Invalid { fields })?;
    write(
        store,
        resident,
        RecordKind::Statement,
        code,
        None,
        &answer,
        "",
    )
    .await
    .map(|_| ())
}
