//! About Me pages: the overview of the seven sections, one edit page per section, and each
//! section's history with a comparison of any two versions.

use crate::api::about_me::{SaveAboutMeSection, about_me_history, load_about_me, load_section};
use crate::components::conversation::Conversation;
use crate::components::diff::Diff;
use crate::components::error_page::ErrorPage;
use crate::components::form::{ErrorSummary, ReadOnlyNotice, TextAreaField, TextField, notice};
use crate::components::screen::{param, screen};
use crate::domain::about_me::{
    MAX_SECTION_CHARS, Section, SectionForm, SectionNow, SectionVersion, diff_lines,
};
use crate::domain::form::{FormScreen, Screen, message_for};
use crate::domain::time::{uk_date, uk_date_time};
use crate::error::AppError;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

fn section_param() -> Option<Section> {
    Section::parse(&param("section"))
}

#[component]
pub fn AboutMe() -> impl IntoView {
    screen(load_about_me, |screen| view! { <Overview screen /> })
}

#[component]
fn Overview(screen: Screen<Vec<SectionNow>>) -> impl IntoView {
    let sections = screen.data;
    let last_updated = sections
        .iter()
        .filter_map(|s| s.latest.as_ref().map(|v| v.created_at))
        .max();
    view! {
        <Title text="About me" />
        {notice(screen.notice)}
        <h1>"About me"</h1>
        <p class="nhsuk-body-l">
            "What people who support you should know, in your own words. Write as much or as little as you like."
        </p>
        <p class="app-meta">
            {match last_updated {
                Some(at) => format!("Last updated {}", uk_date(at)),
                None => "You have not written anything yet.".to_string(),
            }}
        </p>
        <ol class="nhsuk-list app-version-list">
            {sections
                .into_iter()
                .map(|now| {
                    let section = now.section;
                    let body = now
                        .latest
                        .as_ref()
                        .filter(|v| !v.text.is_empty())
                        .map(|v| v.text.clone());
                    let supported = now
                        .latest
                        .as_ref()
                        .and_then(|v| v.supported_by.clone())
                        .map(|s| format!("Supported to write this by {} ({})", s.name, s.relationship));
                    let updated = now.latest.as_ref().map(|v| format!("Updated {}", uk_date(v.created_at)));
                    let has_history = now.latest.is_some();
                    let read = now
                        .read
                        .as_ref()
                        .map(|a| a.line(now.version()));
                    view! {
                        <li>
                            <h2 class="nhsuk-heading-s">{section.title()}</h2>
                            {match body {
                                Some(text) => view! { <p class="app-own-words">{text}</p> }.into_any(),
                                None => view! { <p class="app-meta">"Not written yet."</p> }.into_any(),
                            }}
                            {read.map(|line| view! { <p class="app-meta">{line}</p> })}
                            {supported.map(|s| view! { <p class="app-meta">{s}</p> })}
                            {updated.map(|u| view! { <p class="app-meta">{u}</p> })}
                            <p>
                                <a href=format!("/my/about-me/{}", section.code())>
                                    {if has_history { "Change" } else { "Write this" }}
                                    <span class="nhsuk-u-visually-hidden">{format!(": {}", section.title())}</span>
                                </a>
                                {has_history
                                    .then(|| {
                                        view! {
                                            " · "
                                            <a href=format!("/my/about-me/{}/history", section.code())>
                                                "History"
                                                <span class="nhsuk-u-visually-hidden">
                                                    {format!(" of {}", section.title())}
                                                </span>
                                            </a>
                                        }
                                    })}
                            </p>
                        </li>
                    }
                })
                .collect_view()}
        </ol>
    }
}

#[component]
pub fn AboutMeSection() -> impl IntoView {
    let Some(section) = section_param() else {
        return view! { <ErrorPage error=AppError::NotFound /> }.into_any();
    };
    screen(
        move || load_section(section.code().to_string()),
        |screen| view! { <SectionEditor screen /> },
    )
    .into_any()
}

#[component]
fn SectionEditor(screen: FormScreen<SectionNow, SectionForm>) -> impl IntoView {
    let problems = screen.problems();
    let now = screen.data.clone();
    let now_conversation = now.conversation.clone();
    let section = now.section;
    let saved = now.latest.clone();
    let start = screen.start_with(SectionNow::form);
    // After a stale save the page shows what is saved now, beside the text that was typed.
    let saved_now = screen
        .is_stale()
        .then(|| saved.as_ref().map(|v| v.text.clone()).unwrap_or_default());
    let title = section.title();
    let editable = !screen.read_only;
    let read_only = screen.read_only.then(|| {
        let text = saved.as_ref().map(|v| v.text.clone()).unwrap_or_default();
        view! {
            {if text.is_empty() {
                view! { <p>"Nothing written yet."</p> }.into_any()
            } else {
                view! { <p class="app-own-words">{text}</p> }.into_any()
            }}
            <ReadOnlyNotice />
        }
    });
    view! {
            <Title text=title />
            <ErrorSummary problems=problems.clone() />
            <h1>{title}</h1>
            {read_only}
            {saved_now
                .map(|text| {
                    view! {
                        <div class="nhsuk-inset-text" id="saved-now">
                            <h2 class="nhsuk-heading-m">"What is saved now"</h2>
                            {if text.is_empty() {
                                view! { <p>"This section is empty now."</p> }.into_any()
                            } else {
                                view! { <p class="app-own-words">{text}</p> }.into_any()
                            }}
                        </div>
                    }
                })}
            {editable.then(move || view! {
    <ActionForm action={ServerAction::<SaveAboutMeSection>::new()}>
                <input type="hidden" name="section" value=section.code() />
                <input type="hidden" name="base" value=now.version().to_string() />
                <TextAreaField
                    id="text"
                    label=format!("{title} (in your own words)")
                    hint="You might want to think about:"
                    hint_list=section.prompts().to_vec()
                    text=start.text
                    max=MAX_SECTION_CHARS
                    rows=10
                    error=message_for(&problems, "text")
                />
                <fieldset class="nhsuk-fieldset">
                    <legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">
                        "Did someone help you write this? (optional)"
                    </legend>
                    <TextField
                        id="supported_by_name"
                        label="Their name"
                        value=start.supported_by_name
                        autocomplete="off"
                        maxlength=100
                        error=message_for(&problems, "supported_by_name")
                    />
                    <TextField
                        id="supported_by_relationship"
                        label="How they know you"
                        hint="For example: daughter, friend, support worker"
                        value=start.supported_by_relationship
                        autocomplete="off"
                        maxlength=100
                        error=message_for(&problems, "supported_by_relationship")
                    />
                </fieldset>
                <button type="submit" class="nhsuk-button">
                    "Save"
                </button>
            </ActionForm>
    })}
            <Conversation conversation=now_conversation />
            <p>
                <a href="/my/about-me">"Back to About me"</a>
            </p>
        }
}

#[component]
pub fn AboutMeHistory() -> impl IntoView {
    let Some(section) = section_param() else {
        return view! { <ErrorPage error=AppError::NotFound /> }.into_any();
    };
    let query = use_query_map().get_untracked();
    let wanted = |key: &str| query.get(key).and_then(|v| v.parse::<i64>().ok());
    let (from, to) = (wanted("from"), wanted("to"));
    screen(
        move || about_me_history(section.code().to_string()),
        move |versions| view! { <History section versions from to /> },
    )
    .into_any()
}

#[component]
fn History(
    section: Section,
    versions: Vec<SectionVersion>,
    from: Option<i64>,
    to: Option<i64>,
) -> impl IntoView {
    let title = format!("History: {}", section.title());
    let newest = versions.first().map_or(0, |v| v.version);
    let to = to.unwrap_or(newest);
    let from = from.unwrap_or((to - 1).max(1));
    let find = |n: i64| versions.iter().find(|v| v.version == n);
    let comparison = match (find(from), find(to)) {
        (Some(a), Some(b)) if a.version != b.version => {
            Some((a.version, b.version, diff_lines(&a.text, &b.text)))
        }
        _ => None,
    };
    let choices: Vec<(i64, String)> = versions
        .iter()
        .map(|v| {
            (
                v.version,
                format!("Version {} ({})", v.version, uk_date_time(v.created_at)),
            )
        })
        .collect();
    let options = move |selected: i64| {
        choices
            .iter()
            .map(|(version, label)| {
                view! {
                    <option value=*version selected=*version == selected>
                        {label.clone()}
                    </option>
                }
            })
            .collect_view()
    };
    let compare_form = (versions.len() > 1).then(|| {
        view! {
            <form method="get" class="app-no-print">
                <h2 class="nhsuk-heading-m">"Compare two versions"</h2>
                <div class="nhsuk-form-group">
                    <label class="nhsuk-label" for="from">"Earlier version"</label>
                    <select class="nhsuk-select" id="from" name="from">{options(from)}</select>
                </div>
                <div class="nhsuk-form-group">
                    <label class="nhsuk-label" for="to">"Later version"</label>
                    <select class="nhsuk-select" id="to" name="to">{options(to)}</select>
                </div>
                <button type="submit" class="nhsuk-button nhsuk-button--secondary">"Compare"</button>
            </form>
        }
    });
    let comparison_view = comparison.map(|(a, b, lines)| {
        view! {
            <section aria-labelledby="changes-heading">
                <h2 id="changes-heading">{format!("What changed from version {a} to version {b}")}</h2>
                <Diff lines />
            </section>
        }
    });
    let list = versions
        .iter()
        .map(|v| {
            let by = match &v.supported_by {
                Some(s) => format!(
                    "By {}, supported by {} ({})",
                    v.author_name, s.name, s.relationship
                ),
                None => format!("By {}", v.author_name),
            };
            view! {
                <li>
                    <h3 class="nhsuk-heading-s">{format!("Version {}, {}", v.version, uk_date_time(v.created_at))}</h3>
                    <p class="app-meta">{by}</p>
                    {if v.text.is_empty() {
                        view! { <p class="app-meta">"(The section was emptied.)"</p> }.into_any()
                    } else {
                        view! { <p class="app-own-words">{v.text.clone()}</p> }.into_any()
                    }}
                </li>
            }
        })
        .collect_view();
    let empty = versions.is_empty();
    view! {
        <Title text=title.clone() />
        <h1>{title}</h1>
        {empty.then(|| view! { <p>"Nothing has been written in this section yet."</p> })}
        {compare_form}
        {comparison_view}
        <h2>"Every version, newest first"</h2>
        <ol class="nhsuk-list app-version-list">{list}</ol>
        <p>
            <a href="/my/about-me">"Back to About me"</a>
        </p>
    }
}
