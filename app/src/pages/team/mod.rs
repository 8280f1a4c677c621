//! The neighbourhood team's area: the queue of residents who share something with the team
//! (`/team`), and a shared record (`/team/residents/{id}`), communication needs first.

use crate::api::review::{
    Acknowledge, ProposeGoal, RespondOnPart, load_queue, load_team_record, load_team_statements,
};
use crate::components::card::{Card, Cards};
use crate::components::conversation::Messages;
use crate::components::diff::Diff;
use crate::components::form::notice;
use crate::components::form::{ErrorSummary, TextAreaField, TextField};
use crate::components::screen::{param, screen};
use crate::domain::form::Screen;
use crate::domain::form::{Kept, kept_problems, message_for, start_with};
use crate::domain::goals::{GoalNow, MAX_WHY_CHARS, NoteNow};
use crate::domain::person::HomeScreen;
use crate::domain::review::{
    GOAL_FILTERS, MAX_MESSAGE_CHARS, Message, MessageForm, PartAck, Proposal, ProposeForm, Queue,
    SharedRecord, TeamActivity, TeamNeeds, TeamStatements, ack_for, changes_for, conversation_for,
    message_field,
};
use crate::domain::statements::Truth;
use crate::domain::stats::Shown;
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
    // Feedback kept for the service is for the team lead to read and answer.
    let private = (person.role == crate::domain::role::Role::TeamLead).then(|| {
        view! {
            <Card
                title="Private feedback"
                href="/team/feedback"
                text="Feedback about care in your neighbourhood that residents chose not to publish: read it, without their names, and reply to them."
            />
        }
    });
    view! {
        <Title text="Your team" />
        {notice(home.notice)}
        <h1>{team}</h1>
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
            <Card
                title="Person statements across the neighbourhood"
                href="/team/statements"
                text="How true the city's person statements feel for residents who share their answers, month by month."
            />
            <Card
                title="You said, we did"
                href="/stories"
                text="What residents said about care in the city, and what changed. Team leads respond to their neighbourhood's stories."
            />
            {private}
        </Cards>
    }
}

/// `/team`: the queue.
#[component]
pub fn Home() -> impl IntoView {
    let query = use_query_map().get_untracked();
    let get = move |key: &str| query.get(key);
    let (after, unread, needs, since) = (get("after"), get("unread"), get("needs"), get("since"));
    let (goals, ward, name) = (get("goals"), get("ward"), get("name"));
    screen(
        move || {
            load_queue(
                after.clone(),
                unread.clone(),
                needs.clone(),
                since.clone(),
                goals.clone(),
                ward.clone(),
                name.clone(),
            )
        },
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
        wards,
        activity,
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
    let filtered = filter.is_filtered();
    let query = filter.query();
    let next = next.map(move |after| {
        view! {
            <p>
                <a href=format!("/team?after={after}{query}")>"Next page"</a>
            </p>
        }
    });
    view! {
        <Title text="Shared with your team" />
        {notice(screen.notice)}
        <h1>{team}</h1>
        <p class="nhsuk-body-l">
            {format!("Residents of the {neighbourhood} neighbourhood who share their record with your team, the most recent change first.")}
        </p>
        <p>{counts}</p>
        {activity.map(|activity| view! { <ActivityView activity /> })}
        <form method="get" action="/team" class="app-no-print">
            <div class="nhsuk-form-group">
                <label class="nhsuk-label" for="name">"Search by name"</label>
                <input class="nhsuk-input nhsuk-input--width-20" id="name" name="name" type="search" value=filter.name.clone() maxlength="100" />
            </div>
            <div class="nhsuk-form-group">
                <label class="nhsuk-label" for="ward">"Ward"</label>
                <select class="nhsuk-select" id="ward" name="ward">
                    <option value="" selected=filter.ward.is_empty()>"Every ward"</option>
                    {wards
                        .into_iter()
                        .map(|(code, name)| {
                            let selected = code == filter.ward;
                            view! { <option value=code selected=selected>{name}</option> }
                        })
                        .collect_view()}
                </select>
            </div>
            <div class="nhsuk-form-group">
                <label class="nhsuk-label" for="goals">"Goals"</label>
                <select class="nhsuk-select" id="goals" name="goals">
                    {GOAL_FILTERS
                        .iter()
                        .map(|(code, label)| {
                            let selected = *code == filter.goals;
                            view! { <option value=*code selected=selected>{*label}</option> }
                        })
                        .collect_view()}
                </select>
            </div>
            <div class="nhsuk-form-group">
                <fieldset class="nhsuk-fieldset">
                    <legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">"Show only"</legend>
                    <div class="nhsuk-checkboxes nhsuk-checkboxes--small">
                        <div class="nhsuk-checkboxes__item">
                            <input class="nhsuk-checkboxes__input" id="since" name="since" type="checkbox" value="yes" checked=filter.since_looked />
                            <label class="nhsuk-label nhsuk-checkboxes__label" for="since">"Changed since I last looked"</label>
                        </div>
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
                                            {e.changed_since_looked.then(|| view! { " " <strong class="nhsuk-tag nhsuk-tag--yellow">"New since you looked"</strong> })}
                                            {e.unanswered.then(|| view! { " " <strong class="nhsuk-tag nhsuk-tag--purple">"Message not answered"</strong> })}
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
        notes,
        statements,
        shared,
        acks,
        notice: confirmation,
        conversations,
        proposals,
        kept_message,
        kept_proposal,
        changes,
    } = record;
    let problems = [kept_problems(&kept_message), kept_problems(&kept_proposal)].concat();
    // `part` names the part for screen readers and voice control: each part has these buttons.
    let read = move |kind: &'static str, key: String, version: i64, part: String| {
        let changed = changes_for(&changes, kind, &key).cloned().map(|c| {
            view! {
                <div class="nhsuk-inset-text">
                    <span class="nhsuk-u-visually-hidden">"Information: "</span>
                    <p>
                        <strong>{format!("What changed since your team read version {}", c.since)}</strong>
                    </p>
                    <Diff lines=c.lines />
                </div>
            }
        });
        view! {
            <ReadLine resident acks=acks.clone() kind key version part />
            {changed}
        }
    };
    let talk = move |kind: &'static str, key: String, part: String| {
        let messages = conversation_for(&conversations, kind, &key).to_vec();
        let kept = kept_message
            .clone()
            .filter(|k| k.form.kind == kind && k.form.key == key);
        view! { <Talk resident kind key messages kept part /> }
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
            {read("needs", "needs".into(), version, "communication needs".into())}
            {talk("needs", "needs".into(), "communication needs".into())}
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
    let goals_shared = goals.is_some();
    view! {
        <Title text=format!("{name}: shared with your team") />
        <h1>{name.clone()}</h1>
        {needs}
        <ErrorSummary problems />
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
                    {read("about-me", v.section.code().to_string(), v.version, v.section.title().to_string())}
                    {talk("about-me", v.section.code().to_string(), v.section.title().to_string())}
                }
            })
            .collect_view()}
        {goals
            .map(|goals| {
                let (current, finished): (Vec<GoalNow>, Vec<GoalNow>) =
                    goals.into_iter().partition(|g| g.goal.lifecycle.is_current());
                let goal = |g: GoalNow| {
                    let goal_notes: Vec<NoteNow> = notes
                        .iter()
                        .filter(|(key, _)| *key == g.key)
                        .map(|(_, n)| n.clone())
                        .collect();
                    view! {
                        <li>
                            <h3 class="nhsuk-heading-s app-own-words">{g.goal.description.clone()}</h3>
                            <p class="app-meta">
                                {format!("{}. Version {}, by {}, {}", g.goal.lifecycle.label(), g.version, g.author_name, uk_date_time(g.updated_at))}
                            </p>
                            {(!goal_notes.is_empty()).then(|| view! { <GoalNotes notes=goal_notes /> })}
                            {read("goal", g.key.clone(), g.version, format!("the goal: {}", g.goal.description))}
                            {talk("goal", g.key.clone(), format!("the goal: {}", g.goal.description))}
                        </li>
                    }
                };
                let finished_count = finished.len();
                let finished_view = (!finished.is_empty())
                    .then(|| {
                        let items = finished.into_iter().map(&goal).collect_view();
                        view! {
                            <details class="nhsuk-details">
                                <summary class="nhsuk-details__summary">
                                    <span class="nhsuk-details__summary-text">
                                        {format!("Finished goals ({finished_count})")}
                                    </span>
                                </summary>
                                <div class="nhsuk-details__text">
                                    <ul class="nhsuk-list app-version-list">{items}</ul>
                                </div>
                            </details>
                        }
                    });
                view! {
                    <h2 class="nhsuk-heading-m">"Goals"</h2>
                    {current.is_empty().then(|| view! { <p>"No current goals."</p> })}
                    <ul class="nhsuk-list app-version-list">
                        {current.into_iter().map(&goal).collect_view()}
                    </ul>
                    {finished_view}
                }
            })}
        {goals_shared.then(|| view! { <Proposals resident proposals kept=kept_proposal /> })}
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

/// The conversation on a shared part and the team's response box (folded away until opened,
/// or open with what was typed when a response could not be sent).
#[component]
fn Talk(
    resident: i64,
    kind: &'static str,
    key: String,
    messages: Vec<Message>,
    kept: Option<Kept<MessageForm>>,
    /// What the part is, said after the controls' words to screen readers.
    part: String,
) -> impl IntoView {
    let field = message_field(kind, &key);
    let about = format!(" about {part}");
    let problems = kept_problems(&kept);
    let error = message_for(&problems, &field);
    let open = kept.is_some();
    let text = start_with(&kept, MessageForm::default).text;
    let summary = if messages.is_empty() {
        "Respond".to_string()
    } else {
        format!("Respond ({} messages so far)", messages.len())
    };
    // The last word is the resident's (or their carer's): it waits for the team.
    let unanswered = messages.last().is_some_and(|m| !m.from_team).then(|| {
        view! {
            <p>
                <strong class="nhsuk-tag nhsuk-tag--purple">"Message not answered"</strong>
                <span class="nhsuk-u-visually-hidden">{about.clone()}</span>
            </p>
        }
    });
    view! {
        {(!messages.is_empty()).then(|| view! { <Messages messages /> })}
        {unanswered}
        <details class="nhsuk-details" open=open>
            <summary class="nhsuk-details__summary">
                <span class="nhsuk-details__summary-text">
                    {summary}
                    <span class="nhsuk-u-visually-hidden">{about.clone()}</span>
                </span>
            </summary>
            <div class="nhsuk-details__text">
                <ActionForm action={ServerAction::<RespondOnPart>::new()}>
                    <input type="hidden" name="resident" value=resident.to_string() />
                    <input type="hidden" name="kind" value=kind />
                    <input type="hidden" name="key" value=key.clone() />
                    <TextAreaField
                        id=field
                        name="text"
                        label="Your response"
                        hint=format!("The resident sees it on this part of their record, with your name, role and team. Up to {MAX_MESSAGE_CHARS} characters.")
                        text
                        max=MAX_MESSAGE_CHARS
                        rows=3
                        error
                    />
                    <button type="submit" class="nhsuk-button nhsuk-button--secondary">
                        "Send response"
                        <span class="nhsuk-u-visually-hidden">{about}</span>
                    </button>
                </ActionForm>
            </div>
        </details>
    }
}

/// Goals the team proposed, what the resident answered, and the form to propose another.
#[component]
fn Proposals(
    resident: i64,
    proposals: Vec<Proposal>,
    kept: Option<Kept<ProposeForm>>,
) -> impl IntoView {
    let problems = kept_problems(&kept);
    let start = start_with(&kept, ProposeForm::default);
    view! {
        <h2 class="nhsuk-heading-m" id="proposals">"Goals your team proposed"</h2>
        {proposals.is_empty().then(|| view! { <p>"None yet."</p> })}
        <ul class="nhsuk-list app-version-list">
            {proposals
                .into_iter()
                .map(|p| {
                    view! {
                        <li>
                            <p class="app-own-words">{p.description.clone()}</p>
                            <p class="app-meta">
                                {format!("Proposed by {} on {}. {}", p.by, uk_date(p.at), p.status_line())}
                            </p>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
        <details class="nhsuk-details" open=kept.is_some()>
            <summary class="nhsuk-details__summary">
                <span class="nhsuk-details__summary-text">"Propose a goal"</span>
            </summary>
            <div class="nhsuk-details__text">
                <ActionForm action={ServerAction::<ProposeGoal>::new()}>
                    <input type="hidden" name="resident" value=resident.to_string() />
                    <TextField
                        id="description"
                        label="The goal, as they might say it"
                        hint="For example: Walk to the shops on my own. They accept it, and can change its words, or decline it."
                        value=start.description
                        error=message_for(&problems, "description")
                    />
                    <TextAreaField
                        id="why"
                        label="Why it might matter to them (optional)"
                        hint=format!("Up to {MAX_WHY_CHARS} characters.")
                        text=start.why
                        max=MAX_WHY_CHARS
                        rows=3
                        error=message_for(&problems, "why")
                    />
                    <button type="submit" class="nhsuk-button nhsuk-button--secondary">"Propose this goal"</button>
                </ActionForm>
            </div>
        </details>
    }
}

/// For a team lead: the queue's size, the oldest change nobody has read, and who read what
/// this week.
#[component]
fn ActivityView(activity: TeamActivity) -> impl IntoView {
    let oldest = activity.oldest_unacknowledged.map_or_else(
        || "Nothing is waiting to be read.".to_string(),
        |at| format!("The oldest change nobody has read is from {}.", uk_date(at)),
    );
    view! {
        <section class="nhsuk-card" aria-labelledby="activity-heading">
            <div class="nhsuk-card__content">
                <h2 class="nhsuk-card__heading nhsuk-heading-m" id="activity-heading">"Your team's activity"</h2>
                <p>
                    {format!(
                        "{} residents in the queue, {} with changes nobody has read. {oldest}",
                        activity.queue_size,
                        activity.unacknowledged,
                    )}
                </p>
                <table class="nhsuk-table">
                    <caption class="nhsuk-table__caption nhsuk-table__caption--s">
                        {format!("Versions marked as read since Monday {}", uk_date(activity.week_start))}
                    </caption>
                    <thead class="nhsuk-table__head">
                        <tr class="nhsuk-table__row">
                            <th class="nhsuk-table__header" scope="col">"Member of staff"</th>
                            <th class="nhsuk-table__header nhsuk-table__header--numeric" scope="col">"Marked as read"</th>
                        </tr>
                    </thead>
                    <tbody class="nhsuk-table__body">
                        {activity
                            .acks_this_week
                            .into_iter()
                            .map(|(name, count)| {
                                view! {
                                    <tr class="nhsuk-table__row">
                                        <td class="nhsuk-table__cell">{name}</td>
                                        <td class="nhsuk-table__cell nhsuk-table__cell--numeric">{count}</td>
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
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
    /// What the part is, said after the button's words to screen readers.
    part: String,
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
                    <span class="nhsuk-u-visually-hidden">{format!(" of {part}")}</span>
                </button>
            </ActionForm>
        }
    });
    view! {
        {line}
        {button}
    }
}

/// `/team/statements`: how true each person statement feels across the neighbourhood.
#[component]
pub fn StatementsPage() -> impl IntoView {
    screen(
        load_team_statements,
        |data| view! { <StatementsView data /> },
    )
}

/// A row of suppressed counts as table cells: "Fewer than 5" where a count is not shown.
fn count_cells(shown: &Shown) -> impl IntoView + use<> {
    let cells: Vec<String> = (0..shown.cells.len())
        .map(|i| match (shown.cells[i], shown.percent(i)) {
            (Some(n), Some(p)) => format!("{n} ({p}%)"),
            (Some(n), None) => n.to_string(),
            _ => "Fewer than 5".into(),
        })
        .collect();
    let total = shown
        .total
        .map_or_else(|| "Fewer than 5".to_string(), |t| t.to_string());
    view! {
        {cells
            .into_iter()
            .map(|c| view! { <td class="nhsuk-table__cell nhsuk-table__cell--numeric">{c}</td> })
            .collect_view()}
        <td class="nhsuk-table__cell nhsuk-table__cell--numeric">{total}</td>
    }
}

#[component]
fn StatementsView(data: TeamStatements) -> impl IntoView {
    let TeamStatements {
        team,
        neighbourhood,
        statements,
    } = data;
    let head = || {
        view! {
            {Truth::ALL
                .iter()
                .map(|t| view! { <th class="nhsuk-table__header nhsuk-table__header--numeric" scope="col">{t.label()}</th> })
                .collect_view()}
            <th class="nhsuk-table__header nhsuk-table__header--numeric" scope="col">"Answers"</th>
        }
    };
    view! {
        <Title text="Person statements across the neighbourhood" />
        <h1>"Person statements across the neighbourhood"</h1>
        <p class="nhsuk-body-l">
            {format!("How true the city's person statements feel for residents of the {neighbourhood} neighbourhood who share their answers with {team}.")}
        </p>
        <p>
            "Each resident counts once, with their answer at the time. Where fewer than 5 residents answered, or a count could be worked out from the others, it is not shown."
        </p>
        {statements
            .into_iter()
            .map(|s| {
                let heading = format!("“{}”", s.statement);
                let id = format!("statement-{}", s.code);
                let labelled = id.clone();
                view! {
                    <section aria-labelledby=labelled>
                        <h2 class="nhsuk-heading-m" id=id>{heading.clone()}</h2>
                        <div class="nhsuk-table-container"><table class="nhsuk-table">
                            <caption class="nhsuk-table__caption nhsuk-table__caption--s">
                                "Now"
                                <span class="nhsuk-u-visually-hidden">{format!(": {heading}")}</span>
                            </caption>
                            <thead class="nhsuk-table__head">
                                <tr class="nhsuk-table__row">{head()}</tr>
                            </thead>
                            <tbody class="nhsuk-table__body">
                                <tr class="nhsuk-table__row">{count_cells(&s.now)}</tr>
                            </tbody>
                        </table></div>
                        <div class="nhsuk-table-container"><table class="nhsuk-table">
                            <caption class="nhsuk-table__caption nhsuk-table__caption--s">
                                "At the end of each month"
                                <span class="nhsuk-u-visually-hidden">{format!(": {heading}")}</span>
                            </caption>
                            <thead class="nhsuk-table__head">
                                <tr class="nhsuk-table__row">
                                    <th class="nhsuk-table__header" scope="col">"Month"</th>
                                    {head()}
                                </tr>
                            </thead>
                            <tbody class="nhsuk-table__body">
                                {s
                                    .months
                                    .iter()
                                    .map(|(month, shown)| {
                                        view! {
                                            <tr class="nhsuk-table__row">
                                                <th class="nhsuk-table__header" scope="row">{month.clone()}</th>
                                                {count_cells(shown)}
                                            </tr>
                                        }
                                    })
                                    .collect_view()}
                            </tbody>
                        </table></div>
                        {(!s.comments.is_empty())
                            .then(|| {
                                view! {
                                    <h3 class="nhsuk-heading-s">"What residents said"</h3>
                                    <ul class="nhsuk-list app-version-list">
                                        {s
                                            .comments
                                            .into_iter()
                                            .map(|c| view! { <li><p class="app-own-words">{c}</p></li> })
                                            .collect_view()}
                                    </ul>
                                }
                            })}
                    </section>
                }
            })
            .collect_view()}
        <p>
            <a href="/team">"Back to the queue"</a>
        </p>
    }
}

/// A goal's progress notes, newest first, folded away under their count.
#[component]
fn GoalNotes(notes: Vec<NoteNow>) -> impl IntoView {
    let summary = match notes.len() {
        1 => "1 progress note".to_string(),
        n => format!("{n} progress notes"),
    };
    view! {
        <details class="nhsuk-details">
            <summary class="nhsuk-details__summary">
                <span class="nhsuk-details__summary-text">{summary}</span>
            </summary>
            <div class="nhsuk-details__text">
                <ul class="nhsuk-list">
                    {notes
                        .into_iter()
                        .map(|n| {
                            view! {
                                <li>
                                    <p class="app-own-words">{n.text}</p>
                                    <p class="app-meta">{format!("{}, {}", n.author_name, uk_date_time(n.created_at))}</p>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </div>
        </details>
    }
}
