//! `/my/responses`: what the neighbourhood team wrote about the parts the resident shares, and
//! goals it proposed, each accepted (a goal of their own) or declined.

use crate::api::responses::{DecideGoal, load_responses};
use crate::components::form::{ErrorMessage, ErrorSummary, TextAreaField, notice};
use crate::components::screen::screen;
use crate::domain::form::{Screen, kept_problems, message_for};
use crate::domain::review::{DecideForm, MAX_MESSAGE_CHARS, Proposal, ResponsesScreen};
use crate::domain::time::{uk_date, uk_date_time};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn ResponsesPage() -> impl IntoView {
    screen(load_responses, |screen| view! { <Responses screen /> })
}

#[component]
fn Responses(screen: Screen<ResponsesScreen>) -> impl IntoView {
    let ResponsesScreen {
        conversations,
        proposals,
        can_decide,
        kept,
    } = screen.data;
    let problems = kept_problems(&kept);
    let kept_form = kept.map(|k| k.form);
    let (waiting, answered): (Vec<Proposal>, Vec<Proposal>) =
        proposals.into_iter().partition(Proposal::waiting);
    let none = conversations.is_empty() && waiting.is_empty() && answered.is_empty();
    view! {
        <Title text="Responses from your team" />
        <ErrorSummary problems=problems.clone() />
        {notice(screen.notice)}
        <h1>"Responses from your team"</h1>
        <p class="nhsuk-body-l">
            "What your neighbourhood team wrote about the parts of your record you share with them, and goals they suggest. Staff never change your own words."
        </p>
        {none.then(|| view! { <p>"Nothing from your team yet."</p> })}
        {(!waiting.is_empty())
            .then(|| {
                view! {
                    <h2 class="nhsuk-heading-m">"Goals your team proposed"</h2>
                    {waiting
                        .into_iter()
                        .map(|p| {
                            view! {
                                <ProposalToAnswer
                                    proposal=p
                                    can_decide
                                    problems=problems.clone()
                                    kept=kept_form.clone()
                                />
                            }
                        })
                        .collect_view()}
                }
            })}
        {(!conversations.is_empty())
            .then(|| {
                view! {
                    <h2 class="nhsuk-heading-m">"Conversations"</h2>
                    <ul class="nhsuk-list app-version-list">
                        {conversations
                            .into_iter()
                            .map(|c| {
                                let count = match c.new {
                                    0 => None,
                                    1 => Some("1 new".to_string()),
                                    n => Some(format!("{n} new")),
                                };
                                view! {
                                    <li>
                                        <h3 class="nhsuk-heading-s">
                                            <a href=format!("{}#conversation", c.href)>{c.label}</a>
                                        </h3>
                                        <p class="app-meta">
                                            {count.map(|n| view! { <strong class="nhsuk-tag nhsuk-tag--blue">{n}</strong> " " })}
                                            {format!(
                                                "{}. Last from {}, {}",
                                                match c.messages {
                                                    1 => "1 message".to_string(),
                                                    n => format!("{n} messages"),
                                                },
                                                c.last.by,
                                                uk_date_time(c.last.at),
                                            )}
                                        </p>
                                        <p class="app-own-words">{c.last.text}</p>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
            })}
        {(!answered.is_empty())
            .then(|| {
                view! {
                    <h2 class="nhsuk-heading-m">"Goals you have answered"</h2>
                    <ul class="nhsuk-list app-version-list">
                        {answered
                            .into_iter()
                            .map(|p| {
                                let link = p
                                    .goal_key
                                    .clone()
                                    .map(|k| view! { <p><a href=format!("/my/goals/{k}")>"Go to this goal"</a></p> });
                                view! {
                                    <li>
                                        <p class="app-own-words">{p.description.clone()}</p>
                                        <p class="app-meta">{format!("Proposed by {} on {}. {}", p.by, uk_date(p.at), p.status_line())}</p>
                                        {link}
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
            })}
        <p>
            <a href="/my">"Back to the record"</a>
        </p>
    }
}

/// A proposed goal with its answer form: accept it (it becomes a goal of their own) or decline
/// it, with a reason if they like.
#[component]
fn ProposalToAnswer(
    proposal: Proposal,
    can_decide: bool,
    problems: Vec<crate::error::FieldError>,
    kept: Option<DecideForm>,
) -> impl IntoView {
    let id = proposal.id;
    let decision_id = format!("decision-{id}");
    let reason_id = format!("reason-{id}");
    let decision_error = message_for(&problems, &decision_id);
    let reason_error = message_for(&problems, &reason_id);
    let kept = kept.filter(|k| k.proposal.trim() == id.to_string());
    let reason = kept.as_ref().map(|k| k.reason.clone()).unwrap_or_default();
    let chosen = kept.map(|k| k.decision).unwrap_or_default();
    let form = can_decide.then(|| {
        let group = if decision_error.is_some() {
            "nhsuk-form-group nhsuk-form-group--error"
        } else {
            "nhsuk-form-group"
        };
        let described = decision_error
            .is_some()
            .then(|| format!("{decision_id}-error"));
        view! {
            <ActionForm action={ServerAction::<DecideGoal>::new()}>
                <input type="hidden" name="proposal" value=id.to_string() />
                <div class=group>
                    <fieldset class="nhsuk-fieldset" aria-describedby=described>
                        <legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">
                            "Do you want this goal?"
                        </legend>
                        <ErrorMessage id=format!("{decision_id}-error") message=decision_error />
                        <div class="nhsuk-radios">
                            <div class="nhsuk-radios__item">
                                <input class="nhsuk-radios__input" type="radio" id=decision_id.clone() name="decision" value="accept" checked=chosen == "accept" />
                                <label class="nhsuk-label nhsuk-radios__label" for=decision_id.clone()>
                                    "Yes, make it one of my goals (I can change its words)"
                                </label>
                            </div>
                            <div class="nhsuk-radios__item">
                                <input class="nhsuk-radios__input" type="radio" id=format!("{decision_id}-decline") name="decision" value="decline" checked=chosen == "decline" />
                                <label class="nhsuk-label nhsuk-radios__label" for=format!("{decision_id}-decline")>
                                    "No, decline it"
                                </label>
                            </div>
                        </div>
                    </fieldset>
                </div>
                <TextAreaField
                    id=reason_id
                    name="reason"
                    label="If you decline it, why? (optional)"
                    hint=format!("Your team will see this. Up to {MAX_MESSAGE_CHARS} characters.")
                    text=reason
                    max=MAX_MESSAGE_CHARS
                    rows=2
                    error=reason_error
                />
                <button type="submit" class="nhsuk-button">"Send your answer"</button>
            </ActionForm>
        }
    });
    view! {
        <div class="nhsuk-card" id=format!("proposal-{id}")>
            <div class="nhsuk-card__content">
                <h3 class="nhsuk-card__heading nhsuk-heading-s app-own-words">{proposal.description.clone()}</h3>
                {proposal.why.clone().map(|why| view! { <p class="app-own-words">{format!("Why it might matter: {why}")}</p> })}
                <p class="app-meta">{format!("Proposed by {} on {}", proposal.by, uk_date(proposal.at))}</p>
                {form}
            </div>
        </div>
    }
}
