//! About Me pages: the overview of the seven sections, one edit page per section, and each
//! section's history with a comparison of any two versions.

use crate::api::about_me::{
    SaveAboutMeSection, about_me_history, about_me_overview, about_me_section,
};
use crate::api::staff::{failed_form, notice};
use crate::components::character_count::CharacterCount;
use crate::components::error_page::ErrorPage;
use crate::components::form::{
    ErrorSummary, Notice, TextArea, TextField, form_problems, message_for,
};
use crate::domain::about_me::{
    DiffLine, MAX_SECTION_CHARS, Section, SectionNow, SectionVersion, diff_lines,
};
use crate::domain::form::FormFlash;
use crate::domain::time::{uk_date, uk_date_time};
use crate::error::AppError;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

fn section_param() -> Option<Section> {
    use_params_map()
        .read_untracked()
        .get("section")
        .and_then(|code| Section::parse(&code))
}

#[component]
pub fn AboutMe() -> impl IntoView {
    let sections = Resource::new(|| (), |_| about_me_overview());
    let confirmation = Resource::new(|| (), |_| notice());
    view! {
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match sections.await {
                    Ok(sections) => {
                        let confirmation = confirmation.await.ok().flatten();
                        view! { <Overview sections confirmation /> }.into_any()
                    }
                    Err(error) => view! { <ErrorPage error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Overview(sections: Vec<SectionNow>, confirmation: Option<String>) -> impl IntoView {
    let last_updated = sections
        .iter()
        .filter_map(|s| s.latest.as_ref().map(|v| v.created_at))
        .max();
    view! {
        <Title text="About me" />
        <h1>"About me"</h1>
        {confirmation.map(|text| view! { <Notice text /> })}
        <p class="hive-lede">
            "What people who support you should know, in your own words. Write as much or as little as you like."
        </p>
        <p class="hive-meta">
            {match last_updated {
                Some(at) => format!("Last updated {}", uk_date(at)),
                None => "You have not written anything yet.".to_string(),
            }}
        </p>
        <ol class="hive-section-list">
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
                    view! {
                        <li class="hive-section">
                            <h2 class="hive-section__heading">{section.title()}</h2>
                            {match body {
                                Some(text) => view! { <p class="hive-own-words">{text}</p> }.into_any(),
                                None => view! { <p class="hive-meta">"Not written yet."</p> }.into_any(),
                            }}
                            {supported.map(|s| view! { <p class="hive-meta">{s}</p> })}
                            {updated.map(|u| view! { <p class="hive-meta">{u}</p> })}
                            <p class="hive-section__actions">
                                <a href=format!("/my/about-me/{}", section.code())>
                                    {if has_history { "Change" } else { "Write this" }}
                                    <span class="hive-visually-hidden">{format!(": {}", section.title())}</span>
                                </a>
                                {has_history
                                    .then(|| {
                                        view! {
                                            " · "
                                            <a href=format!("/my/about-me/{}/history", section.code())>
                                                "History"
                                                <span class="hive-visually-hidden">
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
    let now = Resource::new(move || section, |s| about_me_section(s.code().to_string()));
    let flash = Resource::new(
        move || section,
        |s| failed_form(format!("about-me-{}", s.code())),
    );
    view! {
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                let flash = flash.await.ok().flatten();
                match now.await {
                    Ok(now) => view! { <SectionEditor now flash /> }.into_any(),
                    Err(error) => view! { <ErrorPage error /> }.into_any(),
                }
            })}
        </Suspense>
    }
    .into_any()
}

#[component]
fn SectionEditor(now: SectionNow, flash: Option<FormFlash>) -> impl IntoView {
    let section = now.section;
    let action = ServerAction::<SaveAboutMeSection>::new();
    let saved = now.latest.clone();
    let typed = |field: &str| flash.as_ref().and_then(|f| f.value(field));
    let supporter = saved.as_ref().and_then(|v| v.supported_by.clone());
    let text =
        typed("text").unwrap_or_else(|| saved.as_ref().map(|v| v.text.clone()).unwrap_or_default());
    let name = typed("supported_by_name").unwrap_or_else(|| {
        supporter
            .as_ref()
            .map(|s| s.name.clone())
            .unwrap_or_default()
    });
    let relationship = typed("supported_by_relationship").unwrap_or_else(|| {
        supporter
            .as_ref()
            .map(|s| s.relationship.clone())
            .unwrap_or_default()
    });
    let came_back_stale = flash
        .as_ref()
        .is_some_and(|f| matches!(f.error, AppError::Conflict(_)));
    // After a stale save the page shows what is saved now, beside the text that was typed.
    let base = now.version();
    let saved_now =
        came_back_stale.then(|| saved.as_ref().map(|v| v.text.clone()).unwrap_or_default());
    let problems = form_problems(action.value().into(), flash.as_ref());
    let text_error = message_for(problems, "text");
    let title = section.title();
    let limit = format!("You can use up to {MAX_SECTION_CHARS} characters.");
    let used = text.chars().count();
    view! {
        <Title text=title />
        <ErrorSummary problems />
        <h1>{title}</h1>
        <div class="hive-hint" id="text-hint">
            <p>"You might want to think about:"</p>
            <ul>
                {section.prompts().iter().map(|p| view! { <li>{*p}</li> }).collect_view()}
            </ul>
            <p>{limit}</p>
        </div>
        {saved_now
            .map(|text| {
                view! {
                    <div class="hive-inset" id="saved-now">
                        <h2>"What is saved now"</h2>
                        {if text.is_empty() {
                            view! { <p>"This section is empty now."</p> }.into_any()
                        } else {
                            view! { <p class="hive-own-words">{text}</p> }.into_any()
                        }}
                    </div>
                }
            })}
        <ActionForm action>
            <input type="hidden" name="section" value=section.code() />
            <input type="hidden" name="base" value=base.to_string() />
            <div class=move || {
                if text_error.get().is_some() {
                    "hive-form-group hive-form-group--error"
                } else {
                    "hive-form-group"
                }
            }>
                <label class="hive-label" for="text">
                    {format!("{title} (in your own words)")}
                </label>
                {move || {
                    text_error
                        .get()
                        .map(|error| {
                            view! {
                                <p class="hive-error-message" id="text-error">
                                    <span class="hive-visually-hidden">"Error: "</span>
                                    {error}
                                </p>
                            }
                        })
                }}
                <TextArea
                    id="text"
                    text
                    rows=10
                    described_by=Signal::derive(move || {
                        if text_error.get().is_some() {
                            "text-hint text-error".to_string()
                        } else {
                            "text-hint".to_string()
                        }
                    })
                    invalid=Signal::derive(move || text_error.get().is_some())
                />
                <CharacterCount field="text".to_string() max=MAX_SECTION_CHARS used />
            </div>
            <fieldset class="hive-fieldset">
                <legend class="hive-fieldset__legend">"Did someone help you write this? (optional)"</legend>
                <TextField
                    id="supported_by_name"
                    label="Their name"
                    value=name
                    autocomplete="off"
                    maxlength=100
                    error=message_for(problems, "supported_by_name")
                />
                <TextField
                    id="supported_by_relationship"
                    label="How they know you"
                    hint="For example: daughter, friend, support worker"
                    value=relationship
                    autocomplete="off"
                    maxlength=100
                    error=message_for(problems, "supported_by_relationship")
                />
            </fieldset>
            <button type="submit" class="hive-button">
                "Save"
            </button>
        </ActionForm>
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
    let versions = Resource::new(move || section, |s| about_me_history(s.code().to_string()));
    let query = use_query_map().get_untracked();
    let wanted = |key: &str| query.get(key).and_then(|v| v.parse::<i64>().ok());
    let (from, to) = (wanted("from"), wanted("to"));
    view! {
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match versions.await {
                    Ok(versions) => view! { <History section versions from to /> }.into_any(),
                    Err(error) => view! { <ErrorPage error /> }.into_any(),
                }
            })}
        </Suspense>
    }
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
            <form method="get" class="hive-compare">
                <h2>"Compare two versions"</h2>
                <div class="hive-form-group">
                    <label class="hive-label" for="from">"Earlier version"</label>
                    <select class="hive-select" id="from" name="from">{options(from)}</select>
                </div>
                <div class="hive-form-group">
                    <label class="hive-label" for="to">"Later version"</label>
                    <select class="hive-select" id="to" name="to">{options(to)}</select>
                </div>
                <button type="submit" class="hive-button hive-button--secondary">"Compare"</button>
            </form>
        }
    });
    let comparison_view = comparison.map(|(a, b, lines)| {
        view! {
            <section aria-labelledby="changes-heading">
                <h2 id="changes-heading">{format!("What changed from version {a} to version {b}")}</h2>
                <div class="hive-diff">
                    {lines
                        .into_iter()
                        .map(|line| match line {
                            DiffLine::Same(text) => view! { <p class="hive-diff__same">{text}</p> }.into_any(),
                            DiffLine::Removed(text) => view! {
                                <p class="hive-diff__removed">
                                    <del>
                                        <span class="hive-visually-hidden">"Removed: "</span>
                                        {text}
                                    </del>
                                </p>
                            }
                            .into_any(),
                            DiffLine::Added(text) => view! {
                                <p class="hive-diff__added">
                                    <ins>
                                        <span class="hive-visually-hidden">"Added: "</span>
                                        {text}
                                    </ins>
                                </p>
                            }
                            .into_any(),
                        })
                        .collect_view()}
                </div>
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
                <li class="hive-version">
                    <h3>{format!("Version {}, {}", v.version, uk_date_time(v.created_at))}</h3>
                    <p class="hive-meta">{by}</p>
                    {if v.text.is_empty() {
                        view! { <p class="hive-meta">"(The section was emptied.)"</p> }.into_any()
                    } else {
                        view! { <p class="hive-own-words">{v.text.clone()}</p> }.into_any()
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
        <ol class="hive-version-list">{list}</ol>
        <p>
            <a href="/my/about-me">"Back to About me"</a>
        </p>
    }
}
