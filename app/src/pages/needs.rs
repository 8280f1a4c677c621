//! Communication and information needs: what the resident needs to take part, in the kinds the
//! Accessible Information Standard uses, and the short summary that heads their record.

use crate::api::needs::{SaveNeeds, my_needs};
use crate::api::staff::{failed_form, notice};
use crate::components::error_page::ErrorPage;
use crate::components::form::{
    Checkboxes, ErrorSummary, Notice, TextAreaField, TextField, form_problems, message_for,
};
use crate::domain::form::FormFlash;
use crate::domain::needs::{Contact, Format, Needs, NeedsNow, Professional, Support};
use crate::domain::time::uk_date;
use crate::error::AppError;
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
        view! { <h2 class="hive-flag__title">"Communication needs"</h2> }.into_any()
    } else {
        view! { <h3 class="hive-flag__title">"Communication needs"</h3> }.into_any()
    };
    view! {
        <section class="hive-flag" aria-label="Communication needs">
            {heading}
            {if lines.is_empty() && how.is_none() {
                view! { <p>"No communication or information needs recorded."</p> }.into_any()
            } else {
                view! {
                    <ul>{lines.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul>
                    {how.map(|how| view! { <p class="hive-own-words">{format!("How to talk with me: {how}")}</p> })}
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
) -> Vec<(&'static str, &'static str)> {
    all.iter().map(|x| (code(*x), label(*x))).collect()
}

#[component]
pub fn NeedsPage() -> impl IntoView {
    let now = Resource::new(|| (), |_| my_needs());
    let flash = Resource::new(|| (), |_| failed_form("needs".into()));
    let confirmation = Resource::new(|| (), |_| notice());
    view! {
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                let flash = flash.await.ok().flatten();
                let confirmation = confirmation.await.ok().flatten();
                match now.await {
                    Ok(now) => view! { <NeedsEditor now flash confirmation /> }.into_any(),
                    Err(error) => view! { <ErrorPage error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn NeedsEditor(
    now: NeedsNow,
    flash: Option<FormFlash>,
    confirmation: Option<String>,
) -> impl IntoView {
    let action = ServerAction::<SaveNeeds>::new();
    let saved = now.needs.clone();
    let codes = |list: Vec<&'static str>| list.into_iter().map(String::from).collect::<Vec<_>>();
    // What the form starts with: what was typed (after a post without JavaScript), else what is saved.
    let (formats, support, professionals, contact, language, interpreter, avoid_times, how_to_talk) =
        match &flash {
            Some(f) => (
                f.values_of("formats"),
                f.values_of("support"),
                f.values_of("professionals"),
                f.values_of("contact"),
                f.value("language").unwrap_or_default(),
                f.value("interpreter").is_some(),
                f.value("avoid_times").unwrap_or_default(),
                f.value("how_to_talk").unwrap_or_default(),
            ),
            None => (
                codes(saved.formats.iter().map(|x| x.code()).collect()),
                codes(saved.support.iter().map(|x| x.code()).collect()),
                codes(saved.professionals.iter().map(|x| x.code()).collect()),
                codes(saved.contact.iter().map(|x| x.code()).collect()),
                saved.language.clone().unwrap_or_default(),
                saved.interpreter,
                saved.avoid_times.clone().unwrap_or_default(),
                saved.how_to_talk.clone().unwrap_or_default(),
            ),
        };
    let came_back_stale = flash
        .as_ref()
        .is_some_and(|f| matches!(f.error, AppError::Conflict(_)));
    let base = now.version.to_string();
    let saved_now = came_back_stale.then(|| saved.clone());
    let problems = form_problems(action.value().into(), flash.as_ref());
    let times_error = message_for(problems, "avoid_times");
    let talk_error = message_for(problems, "how_to_talk");
    let updated = now
        .updated_at
        .map(|at| format!("Last updated {}", uk_date(at)));
    view! {
        <Title text="Communication and information needs" />
        <ErrorSummary problems />
        <h1>"Communication and information needs"</h1>
        {confirmation.map(|text| view! { <Notice text /> })}
        <p class="hive-lede">
            "Tell the people who support you how to communicate with you and give you information. This is shown first, whenever your record is opened."
        </p>
        <NeedsFlag needs=saved link=false />
        {updated
            .map(|u| {
                view! {
                    <p class="hive-meta">
                        {u}
                        " · "
                        <a href="/my/needs/history">"History of your needs"</a>
                    </p>
                }
            })}
        {saved_now
            .map(|needs| {
                view! {
                    <div class="hive-inset" id="saved-now">
                        <h2>"What is saved now"</h2>
                        <NeedsFlag needs link=false heading_level=3 />
                    </div>
                }
            })}
        <ActionForm action>
            <input type="hidden" name="base" value=base />
            <Checkboxes
                name="formats"
                legend="Information in a different format"
                hint="Select all that you need."
                options=options(Format::ALL, Format::code, Format::label)
                checked=formats
                error=message_for(problems, "formats")
            />
            <Checkboxes
                name="professionals"
                legend="A communication professional"
                options=options(Professional::ALL, Professional::code, Professional::label)
                checked=professionals
                error=message_for(problems, "professionals")
            />
            <Checkboxes
                name="support"
                legend="Support when we talk or meet"
                options=options(Support::ALL, Support::code, Support::label)
                checked=support
                error=message_for(problems, "support")
            />
            <TextField
                id="language"
                label="The language you would like to speak, if not English (optional)"
                value=language
                autocomplete="off"
                maxlength=60
                error=message_for(problems, "language")
            />
            <div class="hive-form-group">
                <div class="hive-checkboxes__item">
                    <input
                        class="hive-checkboxes__input"
                        type="checkbox"
                        id="interpreter"
                        name="interpreter"
                        value="yes"
                        checked=interpreter
                    />
                    <label class="hive-checkboxes__label" for="interpreter">
                        "I need a spoken-language interpreter"
                    </label>
                </div>
            </div>
            <Checkboxes
                name="contact"
                legend="How to contact you"
                hint="Select all the ways that work for you."
                options=options(Contact::ALL, Contact::code, Contact::label)
                checked=contact
                error=message_for(problems, "contact")
            />
            <TextAreaField
                id="avoid_times"
                label="Times to avoid (optional)".to_string()
                hint="For example: not before 10am, not on Fridays. Up to 500 characters.".to_string()
                text=avoid_times
                max=crate::domain::needs::MAX_TIMES_CHARS
                rows=3
                error=times_error
            />
            <TextAreaField
                id="how_to_talk"
                label="How to talk with me (optional)".to_string()
                hint="In your own words. Up to 2000 characters.".to_string()
                text=how_to_talk
                max=crate::domain::needs::MAX_HOW_TO_TALK_CHARS
                rows=6
                error=talk_error
            />
            <button type="submit" class="hive-button">"Save"</button>
        </ActionForm>
        <p><a href="/my">"Back to your record"</a></p>
    }
}

#[component]
pub fn NeedsHistoryPage() -> impl IntoView {
    let versions = Resource::new(|| (), |_| crate::api::needs::needs_history());
    view! {
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match versions.await {
                    Ok(versions) => {
                        let empty = versions.is_empty();
                        view! {
                            <Title text="History of your communication needs" />
                            <h1>"History of your communication needs"</h1>
                            {empty.then(|| view! { <p>"Nothing has been saved yet."</p> })}
                            <ol class="hive-version-list">
                                {versions
                                    .into_iter()
                                    .map(|v| {
                                        view! {
                                            <li class="hive-version">
                                                <h2 class="hive-section__heading">
                                                    {format!("Version {}, {}", v.version, crate::domain::time::uk_date_time(v.created_at))}
                                                </h2>
                                                <p class="hive-meta">{format!("By {}", v.author_name)}</p>
                                                <NeedsFlag needs=v.needs link=false heading_level=3 />
                                            </li>
                                        }
                                    })
                                    .collect_view()}
                            </ol>
                            <p><a href="/my/needs">"Back to your communication needs"</a></p>
                        }
                            .into_any()
                    }
                    Err(error) => view! { <ErrorPage error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}
