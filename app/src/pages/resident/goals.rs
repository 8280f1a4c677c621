//! Goals: what the resident wants to be able to do, how it is going, and dated progress notes.

use crate::api::goals::{
    AddGoal, AddGoalNote, ChangeGoal, StopGoal, goal_history, load_goal, load_goals, load_new_goal,
};
use crate::components::conversation::Conversation;
use crate::components::form::{
    Choice, Choices, DateField, ErrorSummary, ReadOnlyNotice, SelectField, TextAreaField, notice,
};
use crate::components::screen::{param, screen};
use crate::domain::form::{FormScreen, date_message, kept_problems, message_for, start_with};
use crate::domain::goals::{
    Achievement, Goal, GoalForm, GoalNow, GoalScreen, GoalVersion, Lifecycle,
    MAX_DESCRIPTION_CHARS, MAX_NOTE_CHARS, MAX_WHY_CHARS, NoteForm,
};
use crate::domain::time::{uk_date, uk_date_time};
use crate::error::FieldError;
use leptos::prelude::*;
use leptos_meta::Title;

fn status_line(goal: &Goal) -> String {
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
    screen(load_goals, |screen| view! { <GoalList screen /> })
}

#[component]
fn GoalList(screen: FormScreen<Vec<GoalNow>, GoalForm>) -> impl IntoView {
    let can_add = !screen.read_only;
    let (current, past): (Vec<GoalNow>, Vec<GoalNow>) = screen
        .data
        .into_iter()
        .partition(|g| g.goal.lifecycle.is_current());
    let cards = |goals: Vec<GoalNow>| {
        goals
            .into_iter()
            .map(|g| {
                view! {
                    <li>
                        <h3 class="nhsuk-heading-s">
                            <a href=format!("/my/goals/{}", g.key)>{g.goal.description.clone()}</a>
                        </h3>
                        <p class="app-meta">{status_line(&g.goal)}</p>
                        <p class="app-meta">{format!("Updated {}", uk_date(g.updated_at))}</p>
                    </li>
                }
            })
            .collect_view()
    };
    let none_current = current.is_empty();
    let none_past = past.is_empty();
    view! {
        <Title text="Your goals" />
        {notice(screen.notice)}
        <h1>"Your goals"</h1>
        <p class="nhsuk-body-l">"What you want to be able to do, in your own words, and how it is going."</p>
        {can_add.then(|| view! { <p><a class="nhsuk-button" href="/my/goals/new">"Add a goal"</a></p> })}
        <p>
            "Goals your neighbourhood team proposes to you wait for your answer in "
            <a href="/my/responses">"Responses from your team"</a>
            "."
        </p>
        <h2 class="nhsuk-heading-m">"Goals you are working on"</h2>
        {none_current.then(|| view! { <p>"You have no current goals."</p> })}
        <ul class="nhsuk-list app-version-list">{cards(current)}</ul>
        <h2 class="nhsuk-heading-m">"Past goals"</h2>
        {none_past.then(|| view! { <p>"No past goals yet."</p> })}
        <ul class="nhsuk-list app-version-list">{cards(past)}</ul>
    }
}

/// The goal's own fields, shared by adding and changing it.
#[component]
fn GoalFields(start: GoalForm, problems: Vec<FieldError>) -> impl IntoView {
    let error = |field: &str| message_for(&problems, field);
    let (description_error, why_error, date_error, lifecycle_error, achievement_error) = (
        error("description"),
        error("why"),
        date_message(&problems, "target"),
        error("lifecycle"),
        error("achievement"),
    );
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
            label="What I want to be able to do"
            hint="In your own words."
            text=start.description
            max=MAX_DESCRIPTION_CHARS
            rows=3
            error=description_error
        />
        <TextAreaField
            id="why"
            label="Why it matters to me (optional)"
            hint="In your own words."
            text=start.why
            max=MAX_WHY_CHARS
            rows=4
            error=why_error
        />
        <DateField
            name="target"
            legend="Target date (optional)"
            hint="For example, 27 3 2027"
            day=start.target_day
            month=start.target_month
            year=start.target_year
            error=date_error
        />
        <SelectField id="lifecycle" label="Where this goal is" value=start.lifecycle options=lifecycles error=lifecycle_error />
        <SelectField id="achievement" label="How it is going" value=start.achievement options=achievements error=achievement_error />
    }
}

#[component]
pub fn NewGoalPage() -> impl IntoView {
    screen(load_new_goal, |screen| view! { <NewGoal screen /> })
}

#[component]
fn NewGoal(screen: FormScreen<(), GoalForm>) -> impl IntoView {
    let problems = screen.problems();
    let start = screen.start_with(|_| GoalForm {
        lifecycle: Lifecycle::Active.code().into(),
        achievement: Achievement::InProgress.code().into(),
        ..GoalForm::default()
    });
    view! {
        <Title text="Add a goal" />
        <ErrorSummary problems=problems.clone() />
        <h1>"Add a goal"</h1>
        <ActionForm action={ServerAction::<AddGoal>::new()}>
            <GoalFields start problems />
            <button type="submit" class="nhsuk-button">"Add goal"</button>
        </ActionForm>
        <p><a href="/my/goals">"Back to your goals"</a></p>
    }
}

#[component]
pub fn GoalPage() -> impl IntoView {
    let key = param("key");
    screen(
        move || load_goal(key.clone()),
        |screen| view! { <GoalView screen /> },
    )
}

#[component]
fn GoalView(screen: GoalScreen) -> impl IntoView {
    let GoalScreen {
        detail,
        notice: confirmation,
        change,
        note,
        stop,
        read_only,
        conversation,
    } = screen;
    let editable = !read_only;
    let now = detail.now;
    let key = now.key.clone();
    // One summary for the three forms: the one that was posted.
    let problems = [
        kept_problems(&change),
        kept_problems(&note),
        kept_problems(&stop),
    ]
    .concat();
    let (note_error, how_error) = (
        message_for(&problems, "note"),
        message_for(&problems, "how"),
    );
    let stale = change.as_ref().is_some_and(|k| k.is_stale())
        || stop.as_ref().is_some_and(|k| k.is_stale());
    let saved_now = stale.then(|| now.goal.clone());
    let base = now.version.to_string();
    let start = start_with(&change, || now.goal.form());
    let note_text = start_with(&note, NoteForm::default).note;
    let how_chosen: Vec<String> = stop
        .as_ref()
        .map(|k| vec![k.form.how.clone()])
        .unwrap_or_default();
    let title = now.goal.description.clone();
    let current = now.goal.lifecycle.is_current();
    let (key_note, key_change, key_stop) = (key.clone(), key.clone(), key.clone());
    let base_change = base.clone();
    let hows: Vec<Choice> = [
        ("cancelled", "I no longer want to work on it (cancelled)"),
        (
            "entered-in-error",
            "It was added by mistake (entered in error)",
        ),
    ]
    .map(|(code, label)| (code.to_string(), label.to_string()))
    .to_vec();
    view! {
            <Title text="Your goal" />
            <ErrorSummary problems=problems.clone() />
            {notice(confirmation)}
            <h1 class="app-own-words">{title}</h1>
            <p class="app-meta">{status_line(&now.goal)}</p>
            {now.goal.why.clone().map(|why| view! { <h2 class="nhsuk-heading-m">"Why it matters to me"</h2><p class="app-own-words">{why}</p> })}
            <p class="app-meta">
                {format!("Last changed {}", uk_date_time(now.updated_at))}
                " · "
                <a href=format!("/my/goals/{key}/history")>"History of this goal"</a>
            </p>
            {detail.read.clone().map(|a| view! { <p class="app-meta">{a.line(now.version)}</p> })}

            <h2 class="nhsuk-heading-m">"Progress notes"</h2>
            {detail.notes.is_empty().then(|| view! { <p>"No notes yet."</p> })}
            <ol class="nhsuk-list app-version-list">
                {detail.notes.into_iter().map(|n| view! {
                    <li>
                        <p class="app-meta">{format!("{}, by {}", uk_date_time(n.created_at), n.author_name)}</p>
                        <p class="app-own-words">{n.text}</p>
                    </li>
                }).collect_view()}
            </ol>
            {editable.then(move || view! {
    <ActionForm action={ServerAction::<AddGoalNote>::new()}>
                <input type="hidden" name="key" value=key_note />
                <TextAreaField
                    id="note"
                    label="Add a progress note"
                    hint="How is it going? It will be dated today."
                    text=note_text
                    max=MAX_NOTE_CHARS
                    rows=3
                    error=note_error
                />
                <button type="submit" class="nhsuk-button nhsuk-button--secondary">"Add note"</button>
            </ActionForm>
    })}

            {editable.then(move || view! {
            <h2 class="nhsuk-heading-m">"Change this goal"</h2>
            {saved_now
                .map(|goal| {
                    view! {
                        <div class="nhsuk-inset-text" id="saved-now">
                            <h3 class="nhsuk-heading-s">"What is saved now"</h3>
                            <p class="app-own-words">{goal.description.clone()}</p>
                            {goal.why.clone().map(|why| view! { <p class="app-own-words">{format!("Why it matters: {why}")}</p> })}
                            <p class="app-meta">{status_line(&goal)}</p>
                        </div>
                    }
                })}
            <ActionForm action={ServerAction::<ChangeGoal>::new()}>
                <input type="hidden" name="key" value=key_change />
                <input type="hidden" name="base" value=base_change />
                <GoalFields start problems=problems.clone() />
                <button type="submit" class="nhsuk-button">"Save changes"</button>
            </ActionForm>
            })}

            {read_only.then(|| view! { <ReadOnlyNotice /> })}
            {(current && editable).then(|| view! {
                <h2 class="nhsuk-heading-m">"Remove this goal"</h2>
                <p>"The goal stays in your record's history, marked as you choose."</p>
                <ActionForm action={ServerAction::<StopGoal>::new()}>
                    <input type="hidden" name="key" value=key_stop.clone() />
                    <input type="hidden" name="base" value=base.clone() />
                    <Choices
                        name="how"
                        legend="Why are you removing it?"
                        options=hows.clone()
                        checked=how_chosen.clone()
                        error=how_error.clone()
                        radios=true
                    />
                    <button type="submit" class="nhsuk-button nhsuk-button--warning">"Remove goal"</button>
                </ActionForm>
            })}
            <Conversation conversation=conversation />
            <p><a href="/my/goals">"Back to your goals"</a></p>
        }
}

#[component]
pub fn GoalHistoryPage() -> impl IntoView {
    let key = param("key");
    screen(
        move || goal_history(key.clone()),
        |versions| view! { <GoalHistory versions /> },
    )
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
        <p class="nhsuk-body-l app-own-words">{title}</p>
        <ol class="nhsuk-list app-version-list">
            {versions.into_iter().zip(changed).map(|(v, changed)| view! {
                <li>
                    <h2 class="nhsuk-heading-s">{format!("Version {}, {}", v.version, uk_date_time(v.created_at))}</h2>
                    <p class="app-meta">{format!("By {}", v.author_name)}</p>
                    <p class="app-own-words">{v.goal.description.clone()}</p>
                    {v.goal.why.clone().map(|why| view! { <p class="app-own-words">{format!("Why: {why}")}</p> })}
                    <p class="app-meta">{status_line(&v.goal)}</p>
                    {(!changed.is_empty()).then(|| view! {
                        <p>"Changed from the version before:"</p>
                        <ul class="nhsuk-list nhsuk-list--bullet">{changed.into_iter().map(|c| view! { <li class="app-own-words">{c}</li> }).collect_view()}</ul>
                    })}
                </li>
            }).collect_view()}
        </ol>
        <p><a href="/my/goals">"Back to your goals"</a></p>
    }
}
