//! Goals: what the resident wants to be able to do, how it is going, and dated progress notes.

use crate::api::goals::{AddGoal, AddGoalNote, ChangeGoal, StopGoal, goal, goal_history, my_goals};
use crate::api::staff::{failed_form, notice};
use crate::components::error_page::ErrorPage;
use crate::components::form::{
    ErrorSummary, Notice, SelectField, TextAreaField, form_problems, message_for,
};
use crate::domain::form::FormFlash;
use crate::domain::goals::{Achievement, GoalDetail, GoalForm, GoalNow, GoalVersion, Lifecycle};
use crate::domain::time::{uk_date, uk_date_time};
use crate::error::{AppError, FieldError};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

fn key_param() -> String {
    use_params_map()
        .read_untracked()
        .get("key")
        .unwrap_or_default()
}

fn status_line(goal: &crate::domain::goals::Goal) -> String {
    let mut line = goal.lifecycle.label().to_string();
    if let Some(a) = goal.achievement {
        line.push_str(&format!(" · {}", a.label()));
    }
    if let Some(t) = goal.target {
        line.push_str(&format!(" · Target date {}", t.label()));
    }
    line
}

#[component]
pub fn GoalsPage() -> impl IntoView {
    let goals = Resource::new(|| (), |_| my_goals());
    let confirmation = Resource::new(|| (), |_| notice());
    view! {
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                let confirmation = confirmation.await.ok().flatten();
                match goals.await {
                    Ok(goals) => view! { <GoalList goals confirmation /> }.into_any(),
                    Err(error) => view! { <ErrorPage error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn GoalList(goals: Vec<GoalNow>, confirmation: Option<String>) -> impl IntoView {
    let (current, past): (Vec<GoalNow>, Vec<GoalNow>) = goals
        .into_iter()
        .partition(|g| g.goal.lifecycle.is_current());
    let cards = |goals: Vec<GoalNow>| {
        goals
            .into_iter()
            .map(|g| {
                view! {
                    <li class="hive-section">
                        <h3 class="hive-section__heading">
                            <a href={format!("/my/goals/{}", g.key)}>{g.goal.description.clone()}</a>
                        </h3>
                        <p class="hive-meta">{status_line(&g.goal)}</p>
                        <p class="hive-meta">{format!("Updated {}", uk_date(g.updated_at))}</p>
                    </li>
                }
            })
            .collect_view()
    };
    let none_current = current.is_empty();
    let none_past = past.is_empty();
    view! {
        <Title text="Your goals" />
        <h1>"Your goals"</h1>
        {confirmation.map(|text| view! { <Notice text /> })}
        <p class="hive-lede">"What you want to be able to do, in your own words, and how it is going."</p>
        <p><a class="hive-button" href="/my/goals/new">"Add a goal"</a></p>
        <h2>"Goals you are working on"</h2>
        {none_current.then(|| view! { <p>"You have no current goals."</p> })}
        <ul class="hive-section-list">{cards(current)}</ul>
        <h2>"Past goals"</h2>
        {none_past.then(|| view! { <p>"No past goals yet."</p> })}
        <ul class="hive-section-list">{cards(past)}</ul>
    }
}

/// The goal's own fields, shared by adding and changing it.
#[component]
fn GoalFields(start: GoalForm, problems: Signal<Vec<FieldError>>) -> impl IntoView {
    let date_error = message_for(problems, "target_day");
    let lifecycles = Lifecycle::ALL
        .iter()
        .map(|l| (l.code().to_string(), l.label().to_string()))
        .collect();
    let achievements = std::iter::once((String::new(), "Not set".to_string()))
        .chain(
            Achievement::ALL
                .iter()
                .map(|a| (a.code().to_string(), a.label().to_string())),
        )
        .collect();
    view! {
        <TextAreaField
            id="description"
            label="What I want to be able to do".to_string()
            hint="In your own words. Up to 500 characters.".to_string()
            text=start.description
            max=crate::domain::goals::MAX_DESCRIPTION_CHARS
            rows=3
            error=message_for(problems, "description")
        />
        <TextAreaField
            id="why"
            label="Why it matters to me (optional)".to_string()
            hint="Up to 2000 characters.".to_string()
            text=start.why
            max=crate::domain::goals::MAX_WHY_CHARS
            rows=4
            error=message_for(problems, "why")
        />
        <div class=move || {
            if date_error.get().is_some() {
                "hive-form-group hive-form-group--error"
            } else {
                "hive-form-group"
            }
        }>
            <fieldset
                class="hive-fieldset"
                role="group"
                aria-describedby=move || {
                    if date_error.get().is_some() {
                        "target-hint target_day-error"
                    } else {
                        "target-hint"
                    }
                }
            >
                <legend class="hive-fieldset__legend">"Target date (optional)"</legend>
                <div class="hive-hint" id="target-hint">"For example, 27 3 2027"</div>
                {move || {
                    date_error
                        .get()
                        .map(|e| {
                            view! {
                                <p class="hive-error-message" id="target_day-error">
                                    <span class="hive-visually-hidden">"Error: "</span>
                                    {e}
                                </p>
                            }
                        })
                }}
                <div class="hive-date-input">
                    <div class="hive-date-input__item">
                        <label class="hive-label" for="target_day">"Day"</label>
                        <input class="hive-input hive-input--2" id="target_day" name="target_day" inputmode="numeric" value=start.target_day aria-invalid=move || date_error.get().is_some().then_some("true") />
                    </div>
                    <div class="hive-date-input__item">
                        <label class="hive-label" for="target_month">"Month"</label>
                        <input class="hive-input hive-input--2" id="target_month" name="target_month" inputmode="numeric" value=start.target_month />
                    </div>
                    <div class="hive-date-input__item">
                        <label class="hive-label" for="target_year">"Year"</label>
                        <input class="hive-input hive-input--4" id="target_year" name="target_year" inputmode="numeric" value=start.target_year />
                    </div>
                </div>
            </fieldset>
        </div>
        <SelectField id="lifecycle" label="Where this goal is" value=start.lifecycle options=lifecycles error=message_for(problems, "lifecycle") />
        <SelectField id="achievement" label="How it is going" value=start.achievement options=achievements error=message_for(problems, "achievement") />
    }
}

fn flash_form(flash: &Option<FormFlash>) -> Option<GoalForm> {
    let f = flash.as_ref()?;
    let v = |k: &str| f.value(k).unwrap_or_default();
    Some(GoalForm {
        description: v("description"),
        why: v("why"),
        target_day: v("target_day"),
        target_month: v("target_month"),
        target_year: v("target_year"),
        lifecycle: v("lifecycle"),
        achievement: v("achievement"),
    })
}

#[component]
pub fn NewGoalPage() -> impl IntoView {
    let flash = Resource::new(|| (), |_| failed_form("goal-new".into()));
    let goals = Resource::new(|| (), |_| my_goals());
    view! {
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                let flash = flash.await.ok().flatten();
                // Only the resident may add goals: the same check as the list.
                match goals.await {
                    Ok(_) => view! { <NewGoalForm flash /> }.into_any(),
                    Err(error) => view! { <ErrorPage error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn NewGoalForm(flash: Option<FormFlash>) -> impl IntoView {
    let action = ServerAction::<AddGoal>::new();
    let problems = form_problems(action.value().into(), flash.as_ref());
    let start = flash_form(&flash).unwrap_or(GoalForm {
        lifecycle: Lifecycle::Active.code().into(),
        achievement: Achievement::InProgress.code().into(),
        ..GoalForm::default()
    });
    view! {
        <Title text="Add a goal" />
        <ErrorSummary problems />
        <h1>"Add a goal"</h1>
        <ActionForm action>
            <GoalFields start problems />
            <button type="submit" class="hive-button">"Add goal"</button>
        </ActionForm>
        <p><a href="/my/goals">"Back to your goals"</a></p>
    }
}

#[component]
pub fn GoalPage() -> impl IntoView {
    let key = key_param();
    let detail = Resource::new(
        {
            let key = key.clone();
            move || key.clone()
        },
        goal,
    );
    let flash = Resource::new(
        {
            let key = key.clone();
            move || key.clone()
        },
        |key| failed_form(format!("goal-{}", key.chars().take(16).collect::<String>())),
    );
    let note_flash = Resource::new(
        {
            let key = key.clone();
            move || key.clone()
        },
        |key| {
            failed_form(format!(
                "goal-note-{}",
                key.chars().take(16).collect::<String>()
            ))
        },
    );
    let stop_flash = Resource::new(
        move || key.clone(),
        |key| {
            failed_form(format!(
                "goal-stop-{}",
                key.chars().take(16).collect::<String>()
            ))
        },
    );
    let confirmation = Resource::new(|| (), |_| notice());
    view! {
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                let flash = flash.await.ok().flatten();
                let note_flash = note_flash.await.ok().flatten();
                let stop_flash = stop_flash.await.ok().flatten();
                let confirmation = confirmation.await.ok().flatten();
                match detail.await {
                    Ok(detail) => view! { <GoalView detail flash note_flash stop_flash confirmation /> }.into_any(),
                    Err(error) => view! { <ErrorPage error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn GoalView(
    detail: GoalDetail,
    flash: Option<FormFlash>,
    note_flash: Option<FormFlash>,
    stop_flash: Option<FormFlash>,
    confirmation: Option<String>,
) -> impl IntoView {
    let GoalDetail { now, notes } = detail;
    let key = now.key.clone();
    let change = ServerAction::<ChangeGoal>::new();
    let add_note = ServerAction::<AddGoalNote>::new();
    let stop = ServerAction::<StopGoal>::new();
    // One summary for the three forms: the outcome of the one that was posted.
    let latest = Signal::derive(move || {
        change
            .value()
            .get()
            .or_else(|| add_note.value().get())
            .or_else(|| stop.value().get())
    });
    let came_back_stale = flash
        .as_ref()
        .or(stop_flash.as_ref())
        .is_some_and(|f| matches!(f.error, AppError::Conflict(_)));
    let saved_now = came_back_stale.then(|| now.goal.clone());
    let kept = flash.clone().or(note_flash.clone()).or(stop_flash.clone());
    let problems = form_problems(latest, kept.as_ref());
    let base = now.version.to_string();
    let start = flash_form(&flash).unwrap_or_else(|| now.goal.form());
    let note_text = note_flash.and_then(|f| f.value("note")).unwrap_or_default();
    let note_error = message_for(problems, "note");
    let how_error = message_for(problems, "how");
    let title = now.goal.description.clone();
    let current = now.goal.lifecycle.is_current();
    let history_link = format!("/my/goals/{key}/history");
    let (key_note, key_change, key_stop) = (key.clone(), key.clone(), key.clone());
    let base_change = base.clone();
    view! {
        <Title text="Your goal" />
        <ErrorSummary problems />
        <h1 class="hive-own-words">{title}</h1>
        {confirmation.map(|text| view! { <Notice text /> })}
        <p class="hive-meta">{status_line(&now.goal)}</p>
        {now.goal.why.clone().map(|why| view! { <h2>"Why it matters to me"</h2><p class="hive-own-words">{why}</p> })}
        <p class="hive-meta">{format!("Last changed {}", uk_date_time(now.updated_at))}" · "<a href=history_link>"History of this goal"</a></p>

        <h2>"Progress notes"</h2>
        {notes.is_empty().then(|| view! { <p>"No notes yet."</p> })}
        <ol class="hive-version-list">
            {notes.into_iter().map(|n| view! {
                <li class="hive-version">
                    <p class="hive-meta">{format!("{}, by {}", uk_date_time(n.created_at), n.author_name)}</p>
                    <p class="hive-own-words">{n.text}</p>
                </li>
            }).collect_view()}
        </ol>
        <ActionForm action=add_note>
            <input type="hidden" name="key" value=key_note />
            <TextAreaField
                id="note"
                label="Add a progress note".to_string()
                hint="How is it going? Up to 2000 characters. It will be dated today.".to_string()
                text=note_text
                max=crate::domain::goals::MAX_NOTE_CHARS
                rows=3
                error=note_error
            />
            <button type="submit" class="hive-button hive-button--secondary">"Add note"</button>
        </ActionForm>

        <h2>"Change this goal"</h2>
        {saved_now
            .map(|goal| {
                view! {
                    <div class="hive-inset" id="saved-now">
                        <h3>"What is saved now"</h3>
                        <p class="hive-own-words">{goal.description.clone()}</p>
                        <p class="hive-meta">{status_line(&goal)}</p>
                    </div>
                }
            })}
        <ActionForm action=change>
            <input type="hidden" name="key" value=key_change />
            <input type="hidden" name="base" value=base_change />
            <GoalFields start problems />
            <button type="submit" class="hive-button">"Save changes"</button>
        </ActionForm>

        {current.then(|| view! {
            <h2>"Remove this goal"</h2>
            <p>"The goal stays in your record's history, marked as you choose."</p>
            <ActionForm action=stop>
                <input type="hidden" name="key" value=key_stop.clone() />
                <input type="hidden" name="base" value=base.clone() />
                <div class=move || if how_error.get().is_some() { "hive-form-group hive-form-group--error" } else { "hive-form-group" }>
                    <fieldset class="hive-fieldset">
                        <legend class="hive-fieldset__legend">"Why are you removing it?"</legend>
                        {move || {
                            how_error
                                .get()
                                .map(|e| {
                                    view! {
                                        <p class="hive-error-message" id="how-error">
                                            <span class="hive-visually-hidden">"Error: "</span>
                                            {e}
                                        </p>
                                    }
                                })
                        }}
                        <div class="hive-checkboxes__item">
                            <input class="hive-checkboxes__input" type="radio" id="how" name="how" value="cancelled" />
                            <label class="hive-checkboxes__label" for="how">"I no longer want to work on it (cancelled)"</label>
                        </div>
                        <div class="hive-checkboxes__item">
                            <input class="hive-checkboxes__input" type="radio" id="how-error-entry" name="how" value="entered-in-error" />
                            <label class="hive-checkboxes__label" for="how-error-entry">"It was added by mistake (entered in error)"</label>
                        </div>
                    </fieldset>
                </div>
                <button type="submit" class="hive-button hive-button--warning">"Remove goal"</button>
            </ActionForm>
        })}
        <p><a href="/my/goals">"Back to your goals"</a></p>
    }
}

#[component]
pub fn GoalHistoryPage() -> impl IntoView {
    let key = key_param();
    let versions = Resource::new(move || key.clone(), goal_history);
    view! {
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match versions.await {
                    Ok(versions) => view! { <GoalHistory versions /> }.into_any(),
                    Err(error) => view! { <ErrorPage error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn GoalHistory(versions: Vec<GoalVersion>) -> impl IntoView {
    let title = versions
        .first()
        .map(|v| v.goal.description.clone())
        .unwrap_or_default();
    // Newest first: each version is compared with the one after it in the list (saved before).
    let changed: Vec<Vec<String>> = versions
        .iter()
        .enumerate()
        .map(|(i, v)| {
            versions
                .get(i + 1)
                .map(|before| crate::domain::goals::changes(&before.goal, &v.goal))
                .unwrap_or_default()
        })
        .collect();
    view! {
        <Title text="History of a goal" />
        <h1>"History of a goal"</h1>
        <p class="hive-lede hive-own-words">{title}</p>
        <ol class="hive-version-list">
            {versions.into_iter().zip(changed).map(|(v, changed)| view! {
                <li class="hive-version">
                    <h2 class="hive-section__heading">{format!("Version {}, {}", v.version, uk_date_time(v.created_at))}</h2>
                    <p class="hive-meta">{format!("By {}", v.author_name)}</p>
                    <p class="hive-own-words">{v.goal.description.clone()}</p>
                    {v.goal.why.clone().map(|why| view! { <p class="hive-own-words">{format!("Why: {why}")}</p> })}
                    <p class="hive-meta">{status_line(&v.goal)}</p>
                    {(!changed.is_empty()).then(|| view! {
                        <p>"Changed from the version before:"</p>
                        <ul>{changed.into_iter().map(|c| view! { <li class="hive-own-words">{c}</li> }).collect_view()}</ul>
                    })}
                </li>
            }).collect_view()}
        </ol>
        <p><a href="/my/goals">"Back to your goals"</a></p>
    }
}
