//! How true the city's person statements feel, now and before.

use crate::api::statements::{AnswerStatement, load_statement, load_statements};
use crate::components::form::{Choices, ErrorSummary, ReadOnlyNotice, TextAreaField, notice};
use crate::components::screen::{param, screen};
use crate::domain::form::{FormScreen, Screen, message_for};
use crate::domain::statements::{AnswerForm, MAX_COMMENT_CHARS, StatementAnswers, Truth};
use crate::domain::time::uk_date;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn StatementsPage() -> impl IntoView {
    screen(load_statements, |screen| view! { <StatementList screen /> })
}

#[component]
fn StatementList(screen: Screen<Vec<StatementAnswers>>) -> impl IntoView {
    let all = screen.data;
    view! {
        <Title text="How things feel" />
        {notice(screen.notice)}
        <h1>"How things feel"</h1>
        <p class="nhsuk-body-l">
            "These statements were written by people in Manchester about what good care feels like. Say how true each one is for you now. You can answer again whenever things change."
        </p>
        <ol class="nhsuk-list app-version-list">
            {all
                .into_iter()
                .map(|s| {
                    let latest = s.answers.first().cloned();
                    let earlier: Vec<_> = s.answers.iter().skip(1).cloned().collect();
                    let code = s.statement.code.clone();
                    view! {
                        <li>
                            <h2 class="nhsuk-heading-s">{s.statement.text.clone()}</h2>
                            {match latest {
                                Some(now) => view! {
                                    <p>
                                        <strong>{now.answer.truth.label()}</strong>
                                        {format!(" (answered {})", uk_date(now.created_at))}
                                    </p>
                                    {now.answer.comment.map(|c| view! { <p class="app-own-words">{c}</p> })}
                                }
                                    .into_any(),
                                None => view! { <p class="app-meta">"Not answered yet."</p> }.into_any(),
                            }}
                            {(!earlier.is_empty())
                                .then(|| {
                                    view! {
                                        <details class="nhsuk-details">
                                            <summary class="nhsuk-details__summary"><span class="nhsuk-details__summary-text">{format!("Earlier answers ({})", earlier.len())}</span></summary>
                                            <div class="nhsuk-details__text"><ul class="nhsuk-list">
                                                {earlier
                                                    .into_iter()
                                                    .map(|a| {
                                                        let comment = a.answer.comment.map(|c| format!(": {c}")).unwrap_or_default();
                                                        view! {
                                                            <li class="app-own-words">
                                                                {format!("{}, {}{comment}", uk_date(a.created_at), a.answer.truth.label())}
                                                            </li>
                                                        }
                                                    })
                                                    .collect_view()}
                                            </ul></div>
                                        </details>
                                    }
                                })}
                            <p>
                                <a href=format!("/my/statements/{code}")>
                                    "Say how true this is now"
                                    <span class="nhsuk-u-visually-hidden">{format!(": {}", s.statement.text)}</span>
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
    let code = param("code");
    screen(
        move || load_statement(code.clone()),
        |screen| view! { <Answer screen /> },
    )
}

#[component]
fn Answer(screen: FormScreen<StatementAnswers, AnswerForm>) -> impl IntoView {
    let problems = screen.problems();
    let start = screen.start_with(|_| AnswerForm::default());
    let statement = screen.data.statement;
    let editable = !screen.read_only;
    let read_only = screen.read_only.then(|| {
        let text = statement.text.clone();
        view! {
            <h1>{format!("“{text}”")}</h1>
            <ReadOnlyNotice />
        }
    });
    let truths = Truth::ALL
        .iter()
        .map(|t| (t.code().to_string(), t.label().to_string()))
        .collect();
    view! {
            <Title text="How true is this for you now?" />
            <ErrorSummary problems=problems.clone() />
            {read_only}
            {editable.then(move || view! {
    <ActionForm action={ServerAction::<AnswerStatement>::new()}>
                <input type="hidden" name="statement" value=statement.code.clone() />
                <Choices
                    name="truth"
                    legend=format!("How true is this for you now? “{}”", statement.text)
                    heading=true
                    options=truths
                    checked=vec![start.truth]
                    error=message_for(&problems, "truth")
                    radios=true
                />
                <TextAreaField
                    id="comment"
                    label="Anything you want to add? (optional)"
                    hint="In your own words."
                    text=start.comment
                    max=MAX_COMMENT_CHARS
                    rows=4
                    error=message_for(&problems, "comment")
                />
                <button type="submit" class="nhsuk-button">
                    "Save answer"
                </button>
            </ActionForm>
    })}
            <p>
                <a href="/my/statements">"Back to how things feel"</a>
            </p>
        }
}
