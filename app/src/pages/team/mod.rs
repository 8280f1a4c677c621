//! The neighbourhood team's area: the queue of residents who share something with the team
//! (`/team`), and a shared record (`/team/residents/{id}`), communication needs first.

use crate::api::review::{Acknowledge, load_queue, load_team_record};
use crate::components::card::{Card, Cards, Coming};
use crate::components::form::notice;
use crate::components::screen::{param, screen};
use crate::domain::form::Screen;
use crate::domain::person::HomeScreen;
use crate::domain::review::{PartAck, Queue, SharedRecord, TeamNeeds, ack_for};
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
    let query = use_query_map().get_untracked();
    let (after, unread, needs) = (query.get("after"), query.get("unread"), query.get("needs"));
    screen(
        move || load_queue(after.clone(), unread.clone(), needs.clone()),
        |screen| view! { <QueueView screen /> },
    )
}

#[component]
fn QueueView(screen: Screen<Queue>) -> impl IntoView {
    let Queue {
        team,
        neighbourhood,
        entries,
        filter,
        total,
        with_needs,
        unacknowledged,
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
        "{total} {} share their record with your team: {unacknowledged} with changes nobody in the team has read, {with_needs} with recorded communication needs.",
        people(total)
    );
    let filtered = filter.unacknowledged_only || filter.needs_only;
    let next = next.map(|after| {
        view! {
            <p>
                <a href=format!("/team?after={after}{}", filter.query())>"Next page"</a>
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
        <form method="get" action="/team" class="app-no-print">
            <div class="nhsuk-form-group">
                <fieldset class="nhsuk-fieldset">
                    <legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">"Show only"</legend>
                    <div class="nhsuk-checkboxes nhsuk-checkboxes--small">
                        <div class="nhsuk-checkboxes__item">
                            <input class="nhsuk-checkboxes__input" id="unread" name="unread" type="checkbox" value="yes" checked=filter.unacknowledged_only />
                            <label class="nhsuk-label nhsuk-checkboxes__label" for="unread">"Changes nobody has read"</label>
                        </div>
                        <div class="nhsuk-checkboxes__item">
                            <input class="nhsuk-checkboxes__input" id="needs" name="needs" type="checkbox" value="yes" checked=filter.needs_only />
                            <label class="nhsuk-label nhsuk-checkboxes__label" for="needs">"Residents with communication needs"</label>
                        </div>
                    </div>
                </fieldset>
            </div>
            <button type="submit" class="nhsuk-button nhsuk-button--secondary">"Show"</button>
        </form>
        {if entries.is_empty() {
            let text = if filtered {
                "Nobody matches what you chose."
            } else {
                "Nobody shares anything with your team yet."
            };
            view! { <p>{text}</p> }.into_any()
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
                            <th class="nhsuk-table__header" scope="col">"Read by the team"</th>
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
                                        <td class="nhsuk-table__cell">
                                            {if e.unacknowledged {
                                                view! { <strong class="nhsuk-tag nhsuk-tag--blue">"Unread changes"</strong> }.into_any()
                                            } else {
                                                "All read".into_any()
                                            }}
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
        resident,
        name,
        ward,
        needs,
        about_me,
        goals,
        statements,
        shared,
        acks,
        notice: confirmation,
    } = record;
    let read = move |kind: &'static str, key: String, version: i64| {
        view! { <ReadLine resident acks=acks.clone() kind key version /> }
    };
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
            {read("needs", "needs".into(), version)}
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
        {notice(confirmation)}
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
                    {read("about-me", v.section.code().to_string(), v.version)}
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
                                        {read("goal", g.key.clone(), g.version)}
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

/// Under each shared part: whether the team has read this version, and if not, the button that
/// says so ("I have read this version"), naming the exact version.
#[component]
fn ReadLine(
    resident: i64,
    acks: Vec<PartAck>,
    kind: &'static str,
    key: String,
    version: i64,
) -> impl IntoView {
    let ack = ack_for(&acks, kind, &key).cloned();
    let up_to_date = ack.as_ref().is_some_and(|a| a.version >= version);
    let line = ack.map(|a| view! { <p class="app-meta">{a.line(version)}</p> });
    let button = (!up_to_date).then(|| {
        view! {
            <ActionForm action={ServerAction::<Acknowledge>::new()}>
                <input type="hidden" name="resident" value=resident.to_string() />
                <input type="hidden" name="kind" value=kind />
                <input type="hidden" name="key" value=key.clone() />
                <input type="hidden" name="version" value=version.to_string() />
                <button type="submit" class="nhsuk-button nhsuk-button--secondary nhsuk-button--small">
                    {format!("I have read version {version}")}
                </button>
            </ActionForm>
        }
    });
    view! {
        {line}
        {button}
    }
}
