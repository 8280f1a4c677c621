//! Communication and information needs: what the resident needs to take part, in the kinds the
//! Accessible Information Standard uses, and the short summary that heads their record.

use crate::api::needs::{SaveNeeds, load_needs, needs_history};
use crate::components::conversation::Conversation;
use crate::components::form::{
    Checkbox, Choice, Choices, ErrorSummary, ReadOnlyNotice, TextAreaField, TextField, notice,
};
use crate::components::screen::screen;
use crate::domain::form::{FormScreen, message_for};
use crate::domain::needs::{
    Contact, Format, MAX_HOW_TO_TALK_CHARS, MAX_TIMES_CHARS, Needs, NeedsForm, NeedsNow,
    NeedsVersion, Professional, Support,
};
use crate::domain::time::{uk_date, uk_date_time};
use leptos::prelude::*;
use leptos_meta::Title;

/// The short summary of the resident's needs, first on their record.
#[component]
pub fn NeedsFlag(
    needs: Needs,
    #[prop(default = true)] link: bool,
    #[prop(default = 2)] heading_level: u8,
) -> impl IntoView {
    let lines = needs.summary();
    let how = needs.how_to_talk.clone();
    let heading = if heading_level == 2 {
        view! { <h2 class="nhsuk-heading-s">"Communication needs"</h2> }.into_any()
    } else {
        view! { <h3 class="nhsuk-heading-s">"Communication needs"</h3> }.into_any()
    };
    view! {
        <section class="app-flag" aria-label="Communication needs">
            {heading}
            {if lines.is_empty() && how.is_none() {
                view! { <p>"No communication or information needs recorded."</p> }.into_any()
            } else {
                view! {
                    <ul>{lines.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul>
                    {how.map(|how| view! { <p class="app-own-words">{format!("How to talk with me: {how}")}</p> })}
                }
                    .into_any()
            }}
            {link.then(|| view! { <p><a href="/my/needs">"Change your communication needs"</a></p> })}
        </section>
    }
}

fn options<T: Copy>(
    all: &[T],
    code: fn(T) -> &'static str,
    label: fn(T) -> &'static str,
) -> Vec<Choice> {
    all.iter()
        .map(|x| (code(*x).to_string(), label(*x).to_string()))
        .collect()
}

#[component]
pub fn NeedsPage() -> impl IntoView {
    screen(load_needs, |screen| view! { <NeedsEditor screen /> })
}

#[component]
fn NeedsEditor(screen: FormScreen<NeedsNow, NeedsForm>) -> impl IntoView {
    let problems = screen.problems();
    let error = |field: &str| message_for(&problems, field);
    let (formats_error, professionals_error, support_error, language_error) = (
        error("formats"),
        error("professionals"),
        error("support"),
        error("language"),
    );
    let (contact_error, times_error, talk_error) =
        (error("contact"), error("avoid_times"), error("how_to_talk"));
    // What the form starts with: what was typed (after a failed post), else what is saved.
    let start = screen.start_with(|now| now.needs.form());
    let now = screen.data.clone();
    let saved_now = screen.is_stale().then(|| now.needs.clone());
    let editable = !screen.read_only;
    let read_only = screen.read_only.then(|| view! { <ReadOnlyNotice /> });
    let updated = now
        .updated_at
        .map(|at| format!("Last updated {}", uk_date(at)));
    view! {
            <Title text="Communication and information needs" />
            <ErrorSummary problems=problems.clone() />
            {notice(screen.notice)}
            <h1>"Communication and information needs"</h1>
            <p class="nhsuk-body-l">
                "Tell the people who support you how to communicate with you and give you information. This is shown first, whenever your record is opened."
            </p>
            <NeedsFlag needs=now.needs.clone() link=false />
            {now.read.clone().map(|a| view! { <p class="app-meta">{a.line(now.version)}</p> })}
        {read_only}
            {updated
                .map(|u| {
                    view! {
                        <p class="app-meta">
                            {u}
                            " · "
                            <a href="/my/needs/history">"History of your needs"</a>
                        </p>
                    }
                })}
            {saved_now
                .map(|needs| {
                    view! {
                        <div class="nhsuk-inset-text" id="saved-now">
                            <h2 class="nhsuk-heading-m">"What is saved now"</h2>
                            <NeedsFlag needs link=false heading_level=3 />
                        </div>
                    }
                })}
            {editable.then(move || view! {
    <ActionForm action={ServerAction::<SaveNeeds>::new()}>
                <input type="hidden" name="base" value=now.version.to_string() />
                <Choices
                    name="formats"
                    legend="Information in a different format"
                    hint="Select all that you need."
                    options=options(Format::ALL, Format::code, Format::label)
                    checked=start.formats
                    error=formats_error
                />
                <Choices
                    name="professionals"
                    legend="A communication professional"
                    options=options(Professional::ALL, Professional::code, Professional::label)
                    checked=start.professionals
                    error=professionals_error
                />
                <Choices
                    name="support"
                    legend="Support when we talk or meet"
                    options=options(Support::ALL, Support::code, Support::label)
                    checked=start.support
                    error=support_error
                />
                <TextField
                    id="language"
                    label="The language you would like to speak, if not English (optional)"
                    value=start.language
                    autocomplete="off"
                    maxlength=60
                    error=language_error
                />
                <Checkbox
                    name="interpreter"
                    label="I need a spoken-language interpreter"
                    checked=start.interpreter
                />
                <Choices
                    name="contact"
                    legend="How to contact you"
                    hint="Select all the ways that work for you."
                    options=options(Contact::ALL, Contact::code, Contact::label)
                    checked=start.contact
                    error=contact_error
                />
                <TextAreaField
                    id="avoid_times"
                    label="Times to avoid (optional)"
                    hint="For example: not before 10am, not on Fridays."
                    text=start.avoid_times
                    max=MAX_TIMES_CHARS
                    rows=3
                    error=times_error
                />
                <TextAreaField
                    id="how_to_talk"
                    label="How to talk with me (optional)"
                    hint="In your own words."
                    text=start.how_to_talk
                    max=MAX_HOW_TO_TALK_CHARS
                    rows=6
                    error=talk_error
                />
                <button type="submit" class="nhsuk-button">"Save"</button>
            </ActionForm>
    })}
            <Conversation conversation=now.conversation.clone() />
            <p><a href="/my">"Back to your record"</a></p>
        }
}

#[component]
pub fn NeedsHistoryPage() -> impl IntoView {
    screen(
        needs_history,
        |versions| view! { <NeedsHistory versions /> },
    )
}

#[component]
fn NeedsHistory(versions: Vec<NeedsVersion>) -> impl IntoView {
    let empty = versions.is_empty();
    view! {
        <Title text="History of your communication needs" />
        <h1>"History of your communication needs"</h1>
        {empty.then(|| view! { <p>"Nothing has been saved yet."</p> })}
        <ol class="nhsuk-list app-version-list">
            {versions
                .into_iter()
                .map(|v| {
                    view! {
                        <li>
                            <h2 class="nhsuk-heading-s">
                                {format!("Version {}, {}", v.version, uk_date_time(v.created_at))}
                            </h2>
                            <p class="app-meta">{format!("By {}", v.author_name)}</p>
                            <NeedsFlag needs=v.needs link=false heading_level=3 />
                        </li>
                    }
                })
                .collect_view()}
        </ol>
        <p><a href="/my/needs">"Back to your communication needs"</a></p>
    }
}
