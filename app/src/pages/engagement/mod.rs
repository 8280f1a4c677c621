//! The engagement team's area: feedback campaigns, moderation and dashboards.

pub mod campaigns;
pub mod dashboard;

use crate::api::feedback::{Moderate, load_moderation};
use crate::api::home::load_home;
use crate::components::card::{Card, Cards};
use crate::components::form::notice;
use crate::components::form::{ErrorMessage, ErrorSummary, TextAreaField};
use crate::components::screen::screen;
use crate::domain::feedback::{
    BETTER_QUESTION, GOOD_QUESTION, HideReason, MAX_ANSWER_CHARS, Marked, ModerateForm,
    ModerationQueue, ToModerate,
};
use crate::domain::form::{Screen, kept_problems, message_for};
use crate::domain::person::HomeScreen;
use crate::domain::role::Area;
use crate::domain::time::uk_date_time;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn Home() -> impl IntoView {
    screen(|| load_home(Area::Engagement), home_view)
}

/// This area's home, from its view model (also what `/` shows engagement officers).
pub fn home_view(home: HomeScreen) -> AnyView {
    view! { <EngagementHome home /> }.into_any()
}

#[component]
fn EngagementHome(home: HomeScreen) -> impl IntoView {
    view! {
        <Title text="Engagement" />
        {notice(home.notice)}
        <h1>"Engagement"</h1>
        <p class="nhsuk-body-l">{format!("Signed in as {}.", home.person.name)}</p>
        <Cards>
            <Card
                title="Campaigns"
                href="/engagement/campaigns"
                text="Run Friends and Family Test and person-statement campaigns with a public link, and enter answers collected on paper."
            />
            <Card
                title="Moderation"
                href="/engagement/moderation"
                text="Check feedback before it is published: remove what identifies people, publish or hide it."
            />
            <Card
                title="Private feedback"
                href="/engagement/feedback"
                text="Feedback residents chose not to publish: read it, without their names, and reply to the person who gave it."
            />
            <Card
                title="You said, we did"
                href="/stories"
                text="Published stories by neighbourhood and service, and the organisation's responses."
            />
            <Card
                title="Dashboard"
                href="/engagement/dashboard"
                text="The Friends and Family Test by neighbourhood and month, person statements and campaign answers, with a CSV download."
            />
        </Cards>
    }
}

/// `/engagement/moderation`: feedback that may be published, oldest first.
#[component]
pub fn ModerationPage() -> impl IntoView {
    screen(load_moderation, |screen| view! { <Moderation screen /> })
}

#[component]
fn Moderation(screen: Screen<ModerationQueue>) -> impl IntoView {
    let ModerationQueue { items, kept } = screen.data;
    let problems = kept_problems(&kept);
    view! {
        <Title text="Moderation" />
        <ErrorSummary problems=problems.clone() />
        {notice(screen.notice)}
        <h1>"Moderation"</h1>
        <p class="nhsuk-body-l">
            "Feedback its writers said may be published, and published stories someone reported. Nothing is shown publicly until you publish it."
        </p>
        <p>
            "Hive marks what looks as if it identifies someone: email addresses, telephone numbers, NHS numbers, postcodes and names after a title. Check the rest yourself. Redacting keeps the words as written, for moderators only."
        </p>
        {items.is_empty().then(|| view! { <p>"Nothing is waiting."</p> })}
        {items
            .into_iter()
            .map(|item| {
                // A refused decision comes back in its own story's form, as it was sent.
                let typed = kept
                    .as_ref()
                    .map(|k| &k.form)
                    .filter(|f| f.feedback.trim() == item.id.to_string())
                    .cloned();
                view! { <Item item problems=problems.clone() typed /> }
            })
            .collect_view()}
    }
}

fn marked_view(marked: Marked) -> impl IntoView {
    view! {
        <p class="app-own-words">
            {marked
                .pieces
                .into_iter()
                .map(|(text, kind)| match kind {
                    Some(kind) => view! {
                        <mark>
                            {text}
                            <span class="nhsuk-u-visually-hidden">{format!(" (looks like {kind})")}</span>
                        </mark>
                    }
                    .into_any(),
                    None => text.into_any(),
                })
                .collect_view()}
        </p>
    }
}

#[component]
fn Item(
    item: ToModerate,
    problems: Vec<crate::error::FieldError>,
    typed: Option<ModerateForm>,
) -> impl IntoView {
    let chosen_reason = typed
        .as_ref()
        .filter(|f| f.decision == "hide")
        .map(|f| f.reason.clone())
        .unwrap_or_default();
    let typed = typed
        .filter(|f| f.decision == "redact")
        .map(|f| (f.good, f.better));
    let id = item.id;
    let heading = format!("{}: {}", item.about, item.fft.label());
    let heading_id = format!("item-{id}");
    let looks = item
        .good
        .iter()
        .chain(item.better.iter())
        .flat_map(|m| m.pieces.iter().filter_map(|(_, k)| k.clone()))
        .collect::<Vec<_>>();
    let typed_open = typed.is_some();
    let (suggested_good, suggested_better) = typed.unwrap_or_else(|| {
        let suggested =
            |m: &Option<Marked>| m.as_ref().map(|m| m.suggested.clone()).unwrap_or_default();
        (suggested(&item.good), suggested(&item.better))
    });
    let reasons: Vec<(String, String)> = HideReason::ALL
        .iter()
        .map(|r| (r.code().to_string(), r.label().to_string()))
        .collect();
    let reason_id = format!("reason-{id}");
    let reason_error = message_for(&problems, &reason_id);
    let reason_open = reason_error.is_some();
    let reason_group = if reason_open {
        "nhsuk-form-group nhsuk-form-group--error"
    } else {
        "nhsuk-form-group"
    };
    let labelled = heading_id.clone();
    let looks_open = !looks.is_empty();
    let (good_error, better_error) = (
        message_for(&problems, &format!("good-{id}")),
        message_for(&problems, &format!("better-{id}")),
    );
    let originals = (item.original_good.is_some() || item.original_better.is_some()).then(|| {
        view! {
            <details class="nhsuk-details">
                <summary class="nhsuk-details__summary">
                    <span class="nhsuk-details__summary-text">"The words as written (moderators only)"</span>
                </summary>
                <div class="nhsuk-details__text">
                    {item.original_good.clone().map(|t| view! { <h3 class="nhsuk-heading-xs">{GOOD_QUESTION}</h3><p class="app-own-words">{t}</p> })}
                    {item.original_better.clone().map(|t| view! { <h3 class="nhsuk-heading-xs">{BETTER_QUESTION}</h3><p class="app-own-words">{t}</p> })}
                </div>
            </details>
        }
    });
    // Every item has these buttons: each says which feedback it is about (screen readers,
    // voice control).
    let which = format!(": feedback sent {}", uk_date_time(item.at));
    let (which_publish, which_redact, which_hide) = (which.clone(), which.clone(), which);
    // Each of its forms names the words shown, which a decision is on.
    let (seen_publish, seen_redact, seen_hide) =
        (item.seen.clone(), item.seen.clone(), item.seen.clone());
    view! {
        <section class="nhsuk-card" aria-labelledby=labelled>
            <div class="nhsuk-card__content">
                <h2 class="nhsuk-card__heading nhsuk-heading-m" id=heading_id>{heading}</h2>
                <p class="app-meta">
                    {format!("Sent {}", uk_date_time(item.at))}
                    {item.redacted.then_some(". Redacted: the words as written are kept")}
                </p>
                {(!item.reports.is_empty())
                    .then(|| {
                        view! {
                            <p>
                                <strong class="nhsuk-tag nhsuk-tag--red">"Reported"</strong>
                                {format!(" after it was published: {}", item.reports.join("; "))}
                            </p>
                        }
                    })}
                {item.good.map(|m| view! { <h3 class="nhsuk-heading-xs">{GOOD_QUESTION}</h3> {marked_view(m)} })}
                {item.better.map(|m| view! { <h3 class="nhsuk-heading-xs">{BETTER_QUESTION}</h3> {marked_view(m)} })}
                {originals}
                {(!looks.is_empty())
                    .then(|| {
                        view! {
                            <p>
                                <strong>{format!("Looks identifying: {}.", looks.join(", "))}</strong>
                            </p>
                        }
                    })}
                <ActionForm action={ServerAction::<Moderate>::new()}>
                    <input type="hidden" name="feedback" value=id.to_string() />
                    <input type="hidden" name="seen" value=seen_publish />
                    <input type="hidden" name="decision" value="publish" />
                    <button type="submit" class="nhsuk-button">
                        "Publish"
                        <span class="nhsuk-u-visually-hidden">{which_publish}</span>
                    </button>
                </ActionForm>
                <details class="nhsuk-details" open=looks_open || typed_open>
                    <summary class="nhsuk-details__summary">
                        <span class="nhsuk-details__summary-text">"Redact"</span>
                    </summary>
                    <div class="nhsuk-details__text">
                        <ActionForm action={ServerAction::<Moderate>::new()}>
                            <input type="hidden" name="feedback" value=id.to_string() />
                            <input type="hidden" name="seen" value=seen_redact />
                            <input type="hidden" name="decision" value="redact" />
                            <TextAreaField
                                id=format!("good-{id}")
                                name="good"
                                label=format!("{GOOD_QUESTION} (as it will be shown)")
                                hint="Hive has replaced what looks identifying. Change anything else that could identify someone."
                                text=suggested_good
                                max=MAX_ANSWER_CHARS
                                rows=4
                                error=good_error
                            />
                            <TextAreaField
                                id=format!("better-{id}")
                                name="better"
                                label=format!("{BETTER_QUESTION} (as it will be shown)")
                                hint="As above."
                                text=suggested_better
                                max=MAX_ANSWER_CHARS
                                rows=4
                                error=better_error
                            />
                            <button type="submit" class="nhsuk-button nhsuk-button--secondary">
                                "Save the redaction"
                                <span class="nhsuk-u-visually-hidden">{which_redact}</span>
                            </button>
                        </ActionForm>
                    </div>
                </details>
                <details class="nhsuk-details" open=reason_open>
                    <summary class="nhsuk-details__summary">
                        <span class="nhsuk-details__summary-text">"Do not publish"</span>
                    </summary>
                    <div class="nhsuk-details__text">
                        <ActionForm action={ServerAction::<Moderate>::new()}>
                            <input type="hidden" name="feedback" value=id.to_string() />
                            <input type="hidden" name="seen" value=seen_hide />
                            <input type="hidden" name="decision" value="hide" />
                            <div class=reason_group>
                                <label class="nhsuk-label" for=reason_id.clone()>"Why not?"</label>
                                <div class="nhsuk-hint" id=format!("{reason_id}-hint")>
                                    "Hive does not raise a safeguarding concern for you: raise it now through your organisation's safeguarding procedure too."
                                </div>
                                <ErrorMessage id=format!("{reason_id}-error") message=reason_error />
                                <select
                                    class=if reason_open { "nhsuk-select nhsuk-select--error" } else { "nhsuk-select" }
                                    id=reason_id.clone()
                                    name="reason"
                                    aria-describedby=if reason_open { format!("{reason_id}-hint {reason_id}-error") } else { format!("{reason_id}-hint") }
                                >
                                    <option value="">"Choose a reason"</option>
                                    {reasons
                                        .into_iter()
                                        .map(|(code, label)| {
                                            let selected = code == chosen_reason;
                                            view! { <option value=code selected=selected>{label}</option> }
                                        })
                                        .collect_view()}
                                </select>
                            </div>
                            <button type="submit" class="nhsuk-button nhsuk-button--warning">
                                "Do not publish"
                                <span class="nhsuk-u-visually-hidden">{which_hide}</span>
                            </button>
                        </ActionForm>
                    </div>
                </details>
            </div>
        </section>
    }
}
