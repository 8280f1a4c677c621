//! Sharing the record with the neighbourhood team, part by part, and the resident's view of who
//! has seen it.

use crate::api::sharing::{SaveSharing, load_activity, load_sharing};
use crate::components::form::{Choices, ErrorSummary, notice};
use crate::components::screen::screen;
use crate::domain::form::{FormScreen, message_for};
use crate::domain::sharing::{Activity, Scope, SharingForm, SharingNow};
use crate::domain::time::uk_date_time;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn SharingPage() -> impl IntoView {
    screen(load_sharing, |screen| view! { <Sharing screen /> })
}

#[component]
fn Sharing(screen: FormScreen<SharingNow, SharingForm>) -> impl IntoView {
    let problems = screen.problems();
    let start = screen.start_with(SharingNow::form);
    let now = screen.data;
    let team = match &now.neighbourhood {
        Some(n) => format!(
            "Your neighbourhood team is the {n} integrated neighbourhood team: district nurses, therapists and social care working together."
        ),
        None => "You have not said where you live yet, so no team can see your record, even the parts you share.".to_string(),
    };
    let team = view! {
        {team}
        " "
        <a href="/my/where-i-live">"Change where you live"</a>
    };
    let options = Scope::all()
        .into_iter()
        .map(|scope| (scope.code(), scope.label()))
        .collect();
    let history = now.history.clone();
    view! {
        <Title text="Sharing your record" />
        <ErrorSummary problems=problems.clone() />
        {notice(screen.notice)}
        <h1>"Sharing your record"</h1>
        <p class="nhsuk-body-l">
            "Choose what your neighbourhood team can see. Nothing is shared until you share it, and you can stop sharing at any time."
        </p>
        <p>{team}</p>
        <details class="nhsuk-details">
            <summary class="nhsuk-details__summary">
                <span class="nhsuk-details__summary-text">"Why share, and what the team sees"</span>
            </summary>
            <div class="nhsuk-details__text">
                <p>
                    "The team uses what you share to plan your care with you: what matters to you, your goals, and how you feel about your care."
                </p>
                <p>
                    "Sharing your communication needs means everyone who supports you is told how to communicate with you and give you information (the Accessible Information Standard). If you have recorded communication needs and do not share them, the team is told only that you have some, not what they are."
                </p>
                <p>
                    "The team sees the latest version of each part you share, and who wrote it. Each time someone opens your record it is listed on "
                    <a href="/my/activity">"who has seen your record"</a>
                    "."
                </p>
            </div>
        </details>
        <ActionForm action={ServerAction::<SaveSharing>::new()}>
            <Choices
                name="scopes"
                legend="What your neighbourhood team can see"
                hint="Select all the parts you want to share. Untick a part to stop sharing it."
                options
                checked=start.scopes
                error=message_for(&problems, "scopes")
            />
            <button type="submit" class="nhsuk-button">
                "Save sharing"
            </button>
        </ActionForm>
        <h2 class="nhsuk-heading-m">"Changes to your sharing"</h2>
        {if history.is_empty() {
            view! { <p>"You have not shared anything yet."</p> }.into_any()
        } else {
            view! {
                <table class="nhsuk-table">
                    <caption class="nhsuk-table__caption nhsuk-u-visually-hidden">
                        "Changes to your sharing, newest first"
                    </caption>
                    <thead class="nhsuk-table__head">
                        <tr class="nhsuk-table__row">
                            <th class="nhsuk-table__header" scope="col">"When"</th>
                            <th class="nhsuk-table__header" scope="col">"Part"</th>
                            <th class="nhsuk-table__header" scope="col">"Change"</th>
                            <th class="nhsuk-table__header" scope="col">"By"</th>
                        </tr>
                    </thead>
                    <tbody class="nhsuk-table__body">
                        {history
                            .into_iter()
                            .map(|event| {
                                view! {
                                    <tr class="nhsuk-table__row">
                                        <td class="nhsuk-table__cell">{uk_date_time(event.at)}</td>
                                        <td class="nhsuk-table__cell">{event.scope.label()}</td>
                                        <td class="nhsuk-table__cell">
                                            {if event.shared { "Shared" } else { "Stopped sharing" }}
                                        </td>
                                        <td class="nhsuk-table__cell">
                                            {if event.by_someone_else { event.by_name } else { "You".to_string() }}
                                        </td>
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                </table>
            }
                .into_any()
        }}
        <p>
            <a href="/my">"Back to your record"</a>
        </p>
    }
}

#[component]
pub fn ActivityPage() -> impl IntoView {
    let query = use_query_map().get_untracked();
    let number = |key: &str| query.get(key).and_then(|v| v.parse::<i64>().ok());
    let (before, person) = (number("before"), number("person"));
    let scope = query.get("scope");
    screen(
        move || load_activity(before, person, scope.clone()),
        |activity| view! { <ActivityLog activity /> },
    )
}

#[component]
fn ActivityLog(activity: Activity) -> impl IntoView {
    let Activity {
        entries,
        people,
        person,
        scope,
        older,
    } = activity;
    let filtered = person.is_some() || scope.is_some();
    let older_link = older.map(|before| {
        let mut href = format!("/my/activity?before={before}");
        if let Some(person) = person {
            href.push_str(&format!("&person={person}"));
        }
        if let Some(scope) = scope {
            href.push_str(&format!("&scope={}", scope.code()));
        }
        view! {
            <p>
                <a href=href>"Older entries"</a>
            </p>
        }
    });
    view! {
        <Title text="Who has seen your record" />
        <h1>"Who has seen your record"</h1>
        <p class="nhsuk-body-l">
            "Every time someone other than you opens or changes your record it is listed here, newest first, with changes to what you share."
        </p>
        <form method="get" action="/my/activity" class="app-no-print">
            <div class="nhsuk-form-group">
                <label class="nhsuk-label" for="person">"Person"</label>
                <select class="nhsuk-select" id="person" name="person">
                    <option value="" selected=person.is_none()>"Everyone"</option>
                    {people
                        .into_iter()
                        .map(|(id, name)| {
                            view! {
                                <option value=id selected=person == Some(id)>
                                    {name}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </div>
            <div class="nhsuk-form-group">
                <label class="nhsuk-label" for="scope">"Part of your record"</label>
                <select class="nhsuk-select" id="scope" name="scope">
                    <option value="" selected=scope.is_none()>"All parts"</option>
                    {Scope::all()
                        .into_iter()
                        .map(|s| {
                            view! {
                                <option value=s.code() selected=scope == Some(s)>
                                    {s.label()}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </div>
            <button type="submit" class="nhsuk-button nhsuk-button--secondary">
                "Show"
            </button>
        </form>
        {if entries.is_empty() {
            let text = if filtered {
                "Nothing matches what you chose."
            } else {
                "Nobody else has opened your record yet, and you have not changed what you share."
            };
            view! { <p>{text}</p> }.into_any()
        } else {
            view! {
                <table class="nhsuk-table">
                    <caption class="nhsuk-table__caption nhsuk-u-visually-hidden">
                        "Who has seen or changed your record, newest first"
                    </caption>
                    <thead class="nhsuk-table__head">
                        <tr class="nhsuk-table__row">
                            <th class="nhsuk-table__header" scope="col">"When"</th>
                            <th class="nhsuk-table__header" scope="col">"Who"</th>
                            <th class="nhsuk-table__header" scope="col">"What"</th>
                            <th class="nhsuk-table__header" scope="col">"Part"</th>
                        </tr>
                    </thead>
                    <tbody class="nhsuk-table__body">
                        {entries
                            .into_iter()
                            .map(|entry| {
                                let who = if entry.role == "You" {
                                    "You".to_string()
                                } else {
                                    format!("{} ({})", entry.who, entry.role)
                                };
                                view! {
                                    <tr class="nhsuk-table__row">
                                        <td class="nhsuk-table__cell">{uk_date_time(entry.at)}</td>
                                        <td class="nhsuk-table__cell">{who}</td>
                                        <td class="nhsuk-table__cell">
                                            {entry.action.map(|a| a.label()).unwrap_or("Other")}
                                        </td>
                                        <td class="nhsuk-table__cell">
                                            {entry.scope.map(Scope::label).unwrap_or_default()}
                                        </td>
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                </table>
            }
                .into_any()
        }}
        {older_link}
        <p>
            <a href="/my/sharing">"What you share"</a>
            " · "
            <a href="/my">"Back to your record"</a>
        </p>
    }
}
