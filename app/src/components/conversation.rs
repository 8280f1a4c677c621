//! A conversation on one part of a record, between the resident (or their carer) and their
//! neighbourhood team: the messages, oldest first, and the box to write the next one.

use crate::api::responses::Reply;
use crate::components::form::{ErrorSummary, TextAreaField};
use crate::components::urgent::NotForUrgentHelp;
use crate::domain::form::{kept_problems, message_for, start_with};
use crate::domain::review::{
    ConversationScreen, MAX_MESSAGE_CHARS, Message, MessageForm, message_field,
};
use crate::domain::time::uk_date_time;
use leptos::prelude::*;

/// The messages, oldest first; the team's that the resident has not seen are marked new.
#[component]
pub fn Messages(messages: Vec<Message>) -> impl IntoView {
    view! {
        <ul class="nhsuk-list app-conversation">
            {messages
                .into_iter()
                .map(|m| {
                    let class = if m.from_team {
                        "app-message app-message--team"
                    } else {
                        "app-message"
                    };
                    view! {
                        <li class=class>
                            <p class="app-meta">
                                {m.new.then(|| view! { <strong class="nhsuk-tag nhsuk-tag--blue">"New"</strong> " " })}
                                {format!("{}, {}", m.by, uk_date_time(m.at))}
                            </p>
                            <p class="app-own-words">{m.text}</p>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}

/// The conversation on a part, on that part's page in the personal area (loaded with it).
#[component]
pub fn Conversation(conversation: Option<ConversationScreen>) -> impl IntoView {
    conversation.map(|conversation| view! { <ConversationView conversation /> })
}

#[component]
fn ConversationView(conversation: ConversationScreen) -> impl IntoView {
    let ConversationScreen {
        kind,
        key,
        messages,
        can_write,
        shared,
        kept,
    } = conversation;
    if messages.is_empty() && !can_write && kept.is_none() {
        return ().into_any();
    }
    let field = message_field(&kind, &key);
    let problems = kept_problems(&kept);
    let error = message_for(&problems, &field);
    let text = start_with(&kept, MessageForm::default).text;
    let intro = if messages.is_empty() {
        "Write to your neighbourhood team about this part of your record. They will answer here."
    } else {
        "What you and your neighbourhood team have written about this part of your record."
    };
    // Refused because they can no longer write here (the part stopped being shared since the
    // page was loaded): the reason, and what they wrote, so it is not lost.
    let unsent = (!can_write)
        .then(|| kept.as_ref().map(|k| k.form.text.clone()))
        .flatten()
        .map(|typed| {
            view! {
                <ErrorSummary problems=problems.clone() />
                <div class="nhsuk-inset-text" id=field.clone()>
                    <h3 class="nhsuk-heading-s">"Not sent"</h3>
                    <p class="app-own-words">{typed}</p>
                </div>
            }
        });
    let form = can_write.then(|| {
        view! {
            <ErrorSummary problems />
            <NotForUrgentHelp readers="Your team" nested=true />
            <ActionForm action={ServerAction::<Reply>::new()}>
                <input type="hidden" name="kind" value=kind.clone() />
                <input type="hidden" name="key" value=key.clone() />
                <TextAreaField
                    id=field
                    name="text"
                    label="Write to your team"
                    hint=format!("They read it with what you share. Up to {MAX_MESSAGE_CHARS} characters.")
                    text
                    max=MAX_MESSAGE_CHARS
                    rows=3
                    error
                />
                <button type="submit" class="nhsuk-button nhsuk-button--secondary">"Send"</button>
            </ActionForm>
        }
    });
    let unshared = (!shared).then(|| {
        view! {
            <p>
                "You do not share this part with your team now, so they cannot read it or write about it. "
                <a href="/my/sharing">"Choose what you share"</a>
            </p>
        }
    });
    view! {
        <section id="conversation" class="app-conversation-section" aria-labelledby="conversation-heading">
            <h2 id="conversation-heading" class="nhsuk-heading-m">"Your neighbourhood team"</h2>
            <p>{intro}</p>
            <Messages messages />
            {unshared}
            {unsent}
            {form}
        </section>
    }
    .into_any()
}
