//! How true the city's person statements feel, now and before.

use crate::api::staff::{failed_form, notice};
use crate::api::statements::{AnswerStatement, my_statements};
use crate::components::error_page::ErrorPage;
use crate::components::form::{ErrorSummary, Notice, TextAreaField, form_problems, message_for};
use crate::domain::form::FormFlash;
use crate::domain::statements::{StatementAnswers, Truth};
use crate::domain::time::uk_date;
use crate::error::AppError;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn StatementsPage() -> impl IntoView {
    let all = Resource::new(|| (), |_| my_statements());
    let confirmation = Resource::new(|| (), |_| notice());
    view! {
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                let confirmation = confirmation.await.ok().flatten();
                match all.await {
                    Ok(all) => view! { <StatementList all confirmation /> }.into_any(),
                    Err(error) => view! { <ErrorPage error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn StatementList(all: Vec<StatementAnswers>, confirmation: Option<String>) -> impl IntoView {
    view! {
        <Title text="How things feel" />
        <h1>"How things feel"</h1>
        {confirmation.map(|text| view! { <Notice text /> })}
        <p class="hive-lede">
            "These statements were written by people in Manchester about what good care feels like. Say how true each one is for you now. You can answer again whenever things change."
        </p>
        <ol class="hive-section-list">
            {all
                .into_iter()
                .map(|s| {
                    let latest = s.answers.first().cloned();
                    let earlier: Vec<_> = s.answers.iter().skip(1).cloned().collect();
                    let code = s.statement.code.clone();
                    view! {
                        <li class="hive-section">
                            <h2 class="hive-section__heading">{s.statement.text.clone()}</h2>
                            {match latest {
                                Some(now) => view! {
                                    <p>
                                        <strong>{now.answer.truth.label()}</strong>
                                        {format!(" (answered {})", uk_date(now.created_at))}
                                    </p>
                                    {now.answer.comment.map(|c| view! { <p class="hive-own-words">{c}</p> })}
                                }
                                    .into_any(),
                                None => view! { <p class="hive-meta">"Not answered yet."</p> }.into_any(),
                            }}
                            {(!earlier.is_empty())
                                .then(|| {
                                    view! {
                                        <details class="hive-details">
                                            <summary>{format!("Earlier answers ({})", earlier.len())}</summary>
                                            <ul>
                                                {earlier
                                                    .into_iter()
                                                    .map(|a| {
                                                        let comment = a.answer.comment.map(|c| format!(": {c}")).unwrap_or_default();
                                                        view! {
                                                            <li class="hive-own-words">
                                                                {format!("{}, {}{comment}", uk_date(a.created_at), a.answer.truth.label())}
                                                            </li>
                                                        }
                                                    })
                                                    .collect_view()}
                                            </ul>
                                        </details>
                                    }
                                })}
                            <p class="hive-section__actions">
                                <a href=format!("/my/statements/{code}")>
                                    "Say how true this is now"
                                    <span class="hive-visually-hidden">{format!(": {}", s.statement.text)}</span>
                                </a>
                            </p>
                        </li>
                    }
                })
                .collect_view()}
        </ol>
    }
}

#[component]
pub fn AnswerPage() -> impl IntoView {
    let code = use_params_map()
        .read_untracked()
        .get("code")
        .unwrap_or_default();
    let all = Resource::new(|| (), |_| my_statements());
    let flash = Resource::new(
        {
            let code = code.clone();
            move || code.clone()
        },
        |code| {
            failed_form(format!(
                "statement-{}",
                code.chars().take(40).collect::<String>()
            ))
        },
    );
    view! {
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || {
                let code = code.clone();
                Suspend::new(async move {
                    let flash = flash.await.ok().flatten();
                    match all.await.map(|all| all.into_iter().find(|s| s.statement.code == code)) {
                        Ok(Some(statement)) => view! { <AnswerForm statement flash /> }.into_any(),
                        Ok(None) => view! { <ErrorPage error=AppError::NotFound /> }.into_any(),
                        Err(error) => view! { <ErrorPage error /> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

#[component]
fn AnswerForm(statement: StatementAnswers, flash: Option<FormFlash>) -> impl IntoView {
    let action = ServerAction::<AnswerStatement>::new();
    let problems = form_problems(action.value().into(), flash.as_ref());
    let chosen = flash
        .as_ref()
        .and_then(|f| f.value("truth"))
        .unwrap_or_default();
    let comment = flash
        .as_ref()
        .and_then(|f| f.value("comment"))
        .unwrap_or_default();
    let truth_error = message_for(problems, "truth");
    let text = statement.statement.text.clone();
    view! {
        <Title text="How true is this for you now?" />
        <ErrorSummary problems />
        <ActionForm action>
            <input type="hidden" name="statement" value=statement.statement.code.clone() />
            <div class=move || {
                if truth_error.get().is_some() {
                    "hive-form-group hive-form-group--error"
                } else {
                    "hive-form-group"
                }
            }>
                <fieldset
                    class="hive-fieldset"
                    aria-describedby=move || truth_error.get().map(|_| "truth-error")
                >
                    <legend class="hive-fieldset__legend hive-fieldset__legend--page">
                        <h1>{format!("How true is this for you now? “{text}”")}</h1>
                    </legend>
                    {move || {
                        truth_error
                            .get()
                            .map(|e| {
                                view! {
                                    <p class="hive-error-message" id="truth-error">
                                        <span class="hive-visually-hidden">"Error: "</span>
                                        {e}
                                    </p>
                                }
                            })
                    }}
                    {Truth::ALL
                        .into_iter()
                        .enumerate()
                        .map(|(i, truth)| {
                            let id = if i == 0 { "truth".to_string() } else { format!("truth-{}", truth.code()) };
                            view! {
                                <div class="hive-checkboxes__item">
                                    <input
                                        class="hive-checkboxes__input"
                                        type="radio"
                                        id=id.clone()
                                        name="truth"
                                        value=truth.code()
                                        checked=chosen == truth.code()
                                    />
                                    <label class="hive-checkboxes__label" for=id>
                                        {truth.label()}
                                    </label>
                                </div>
                            }
                        })
                        .collect_view()}
                </fieldset>
            </div>
            <TextAreaField
                id="comment"
                label="Anything you want to add? (optional)".to_string()
                hint="Up to 1000 characters.".to_string()
                text=comment
                max=crate::domain::statements::MAX_COMMENT_CHARS
                rows=4
                error=message_for(problems, "comment")
            />
            <button type="submit" class="hive-button">
                "Save answer"
            </button>
        </ActionForm>
        <p>
            <a href="/my/statements">"Back to how things feel"</a>
        </p>
    }
}
