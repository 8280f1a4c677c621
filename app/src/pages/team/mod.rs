//! The neighbourhood team's area: the queue of residents who share something with the team
//! (`/team`), and a shared record (`/team/residents/{id}`), communication needs first.

use crate::api::review::{load_queue, load_team_record};
use crate::components::card::{Card, Cards, Coming};
use crate::components::form::notice;
use crate::components::screen::{param, screen};
use crate::domain::form::Screen;
use crate::domain::person::HomeScreen;
use crate::domain::review::{Queue, SharedRecord, TeamNeeds};
use crate::domain::time::{uk_date, uk_date_time};
use crate::pages::resident::needs::NeedsFlag;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// The team's home as `/` shows it to staff.
pub fn home_view(home: HomeScreen) -> AnyView {
    view! { <TeamHome home /> }.into_any()
}

#[component]
fn TeamHome(home: HomeScreen) -> impl IntoView {
    let person = home.person;
    let team = person.team.unwrap_or_default();
    let neighbourhood = person.neighbourhood.unwrap_or_default();
    view! {
        <Title text="Your team" />
        <h1>{team}</h1>
        {notice(home.notice)}
        <p class="nhsuk-body-l">
            {format!(
                "You are signed in as {}, {}, in the {neighbourhood} neighbourhood.",
                person.name,
                person.role.label().to_lowercase(),
            )}
        </p>
        <Cards>
            <Card
                title="Shared with your team"
                href="/team"
                text="Residents who share their record with your team, most recent change first, communication needs first in each."
            />
            <Coming title="Responses" text="Acknowledge what you have read and respond." />
        </Cards>
    }
}

/// `/team`: the queue.
#[component]
pub fn Home() -> impl IntoView {
    let after = use_query_map().get_untracked().get("after");
    screen(
        move || load_queue(after.clone()),
        |screen| view! { <QueueView screen /> },
    )
}

#[component]
fn QueueView(screen: Screen<Queue>) -> impl IntoView {
    let Queue {
        team,
        neighbourhood,
        entries,
        total,
        with_needs,
        next,
    } = screen.data;
    let people = |n: i64| {
        if n == 1 {
            "resident".to_string()
        } else {
            "residents".to_string()
        }
    };
    let counts = format!(
        "{total} {} share their record with your team; {with_needs} of them have recorded communication needs.",
        people(total)
    );
    let next = next.map(|after| {
        view! {
            <p>
                <a href=format!("/team?after={after}")>"Next page"</a>
            </p>
        }
    });
    view! {
        <Title text="Shared with your team" />
        <h1>{team}</h1>
        {notice(screen.notice)}
        <p class="nhsuk-body-l">
            {format!("Residents of the {neighbourhood} neighbourhood who share their record with your team, the most recent change first.")}
        </p>
        <p>{counts}</p>
        {if entries.is_empty() {
            view! { <p>"Nobody shares anything with your team yet."</p> }.into_any()
        } else {
            view! {
                <table class="nhsuk-table">
                    <caption class="nhsuk-table__caption nhsuk-u-visually-hidden">
                        "Residents who share their record with your team, most recent change first"
                    </caption>
                    <thead class="nhsuk-table__head">
                        <tr class="nhsuk-table__row">
                            <th class="nhsuk-table__header" scope="col">"Resident"</th>
                            <th class="nhsuk-table__header" scope="col">"Ward"</th>
                            <th class="nhsuk-table__header" scope="col">"Last change"</th>
                            <th class="nhsuk-table__header" scope="col">"Communication needs"</th>
                        </tr>
                    </thead>
                    <tbody class="nhsuk-table__body">
                        {entries
                            .into_iter()
                            .map(|e| {
                                view! {
                                    <tr class="nhsuk-table__row">
                                        <td class="nhsuk-table__cell">
                                            <a href=format!("/team/residents/{}", e.resident)>{e.name}</a>
                                        </td>
                                        <td class="nhsuk-table__cell">{e.ward}</td>
                                        <td class="nhsuk-table__cell">{uk_date(e.last_change_at)}</td>
                                        <td class="nhsuk-table__cell">
                                            {e.has_needs.then(|| view! { <strong class="nhsuk-tag nhsuk-tag--orange">"Has needs"</strong> })}
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
        {next}
    }
}

#[component]
pub fn ResidentPage() -> impl IntoView {
    let resident = param("resident");
    screen(
        move || load_team_record(resident.clone()),
        |record| view! { <SharedRecordView record /> },
    )
}

#[component]
fn SharedRecordView(record: SharedRecord) -> impl IntoView {
    let SharedRecord {
        name,
        ward,
        needs,
        about_me,
        goals,
        statements,
        shared,
        ..
    } = record;
    // Needs first, before anything else: shared, or that they exist but are not shared.
    let needs = match needs {
        TeamNeeds::Shared {
            needs,
            version,
            by,
            at,
        } => view! {
            <NeedsFlag needs=*needs link=false />
            <p class="app-meta">{format!("Version {version}, by {by}, {}", uk_date_time(at))}</p>
        }
        .into_any(),
        TeamNeeds::NotShared => view! {
            <section class="app-flag" aria-label="Communication needs">
                <h2 class="nhsuk-heading-s">"Communication needs"</h2>
                <p>
                    {format!("{name} has recorded communication needs but has not shared them with your team. Ask them how they would like you to communicate with them.")}
                </p>
            </section>
        }
        .into_any(),
        TeamNeeds::NoneRecorded => view! {
            <section class="app-flag" aria-label="Communication needs">
                <h2 class="nhsuk-heading-s">"Communication needs"</h2>
                <p>"No communication or information needs recorded."</p>
            </section>
        }
        .into_any(),
    };
    let parts = shared
        .iter()
        .map(|s| s.label())
        .collect::<Vec<_>>()
        .join("; ");
    view! {
        <Title text=format!("{name}: shared with your team") />
        <h1>{name.clone()}</h1>
        {needs}
        <p class="app-meta">{format!("{ward} ward. Shared with your team: {parts}.")}</p>
        {(!about_me.is_empty()).then(|| view! { <h2 class="nhsuk-heading-m">"About me"</h2> })}
        {about_me
            .into_iter()
            .map(|v| {
                view! {
                    <h3 class="nhsuk-heading-s">{v.section.title()}</h3>
                    <p class="app-own-words">{v.text}</p>
                    <p class="app-meta">
                        {format!("Version {}, by {}, {}", v.version, v.author_name, uk_date_time(v.created_at))}
                    </p>
                }
            })
            .collect_view()}
        {goals
            .map(|goals| {
                view! {
                    <h2 class="nhsuk-heading-m">"Goals"</h2>
                    {goals.is_empty().then(|| view! { <p>"No current goals."</p> })}
                    <ul class="nhsuk-list app-version-list">
                        {goals
                            .into_iter()
                            .map(|g| {
                                view! {
                                    <li>
                                        <p class="app-own-words">{g.goal.description.clone()}</p>
                                        <p class="app-meta">
                                            {format!("Version {}, {}", g.version, uk_date_time(g.updated_at))}
                                        </p>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
            })}
        {statements
            .map(|answers| {
                view! {
                    <h2 class="nhsuk-heading-m">"How true the person statements feel"</h2>
                    {answers.is_empty().then(|| view! { <p>"No answers yet."</p> })}
                    <ul class="nhsuk-list app-version-list">
                        {answers
                            .into_iter()
                            .map(|a| {
                                view! {
                                    <li>
                                        <p>{format!("“{}”: {}", a.statement, a.truth.label())}</p>
                                        {a.comment.map(|c| view! { <p class="app-own-words">{c}</p> })}
                                        <p class="app-meta">{uk_date_time(a.at)}</p>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
            })}
        <p>
            <a href="/team">"Back to the queue"</a>
        </p>
    }
}
