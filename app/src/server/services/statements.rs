//! How true the city's person statements feel: dated answers, earlier ones kept.

use super::record::{access, read};
use crate::domain::sharing::Scope;
use crate::domain::statements::{AnswerNow, StatementAnswers, check_answer};
use crate::error::AppError;
use crate::server::Actor;
use crate::server::store::{PartKind, Store};

/// Every statement in use, with the resident's answers to it (two queries in all).
pub async fn answers(store: &dyn Store, actor: &Actor) -> Result<Vec<StatementAnswers>, AppError> {
    let access = access(actor)?;
    access.see(store, &[Scope::Statements]).await?;
    let statements = store.person_statements().await?;
    let all = store
        .record_all(access.resident, PartKind::Statement)
        .await?;
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

/// One statement with the resident's answers; an unknown code is not found.
pub async fn one(
    store: &dyn Store,
    actor: &Actor,
    code: &str,
) -> Result<StatementAnswers, AppError> {
    answers(store, actor)
        .await?
        .into_iter()
        .find(|s| s.statement.code == code)
        .ok_or(AppError::NotFound)
}

/// Adds a dated answer. Answers never replace each other, so there is no stale edit.
pub async fn answer(
    store: &dyn Store,
    actor: &Actor,
    code: &str,
    truth: &str,
    comment: &str,
) -> Result<(), AppError> {
    let access = access(actor)?;
    access.may_change(Scope::Statements)?;
    let statements = store.person_statements().await?;
    if !statements.iter().any(|s| s.code == code) {
        return Err(AppError::NotFound);
    }
    let answer = check_answer(truth, comment).map_err(|fields| AppError::Invalid { fields })?;
    access
        .write(
            store,
            Scope::Statements,
            PartKind::Statement,
            code,
            None,
            &answer,
            // Not based on a version, so only answers saved at the very same moment (a carer
            // and the resident, many times over) end here.
            "Another answer to this statement was being saved at the same moment. Check it and save yours again.",
        )
        .await
        .map(|_| ())
}
