//! `/my/feedback`: the Friends and Family Test about the neighbourhood team or a service, and
//! what the resident gave before, with its moderation state and any public response.

use crate::api::feedback::{GiveFeedback, WithdrawFeedback, load_feedback};
use crate::components::form::{Choice, Choices, ErrorSummary, SelectField, TextAreaField, notice};
use crate::components::screen::screen;
use crate::components::urgent::NotForUrgentHelp;
use crate::domain::feedback::{
    BETTER_QUESTION, FFT_QUESTION, FeedbackForm, FeedbackScreen, Fft, GOOD_QUESTION, GivenFeedback,
    MAX_ANSWER_CHARS, Status,
};
use crate::domain::form::{FormScreen, message_for};
use crate::domain::time::uk_date;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn FeedbackPage() -> impl IntoView {
    screen(load_feedback, |screen| view! { <Feedback screen /> })
}

#[component]
fn Feedback(screen: FormScreen<FeedbackScreen, FeedbackForm>) -> impl IntoView {
    let problems = screen.problems();
    let start = screen.start_with(|_| FeedbackForm::default());
    let FeedbackScreen {
        services,
        team,
        statements,
        goals,
        given,
    } = screen.data;
    let error = |field: &str| message_for(&problems, field);
    let (
        service_error,
        fft_error,
        good_error,
        better_error,
        statements_error,
        goal_error,
        publish_error,
    ) = (
        error("service"),
        error("fft"),
        error("good"),
        error("better"),
        error("statements"),
        error("goal"),
        error("publish"),
    );
    let mut about: Vec<(String, String)> = Vec::new();
    if let Some(team) = &team {
        about.push((String::new(), format!("My neighbourhood team ({team})")));
    }
    about.extend(services);
    let ffts: Vec<Choice> = Fft::ALL
        .iter()
        .map(|f| (f.code().to_string(), f.label().to_string()))
        .collect();
    let statement_choices: Vec<Choice> = statements.into_iter().map(|s| (s.code, s.text)).collect();
    let goal_options: Vec<(String, String)> = std::iter::once((String::new(), "None".to_string()))
        .chain(goals)
        .collect();
    let has_goals = goal_options.len() > 1;
    let publish: Vec<Choice> = vec![
        (
            "yes".into(),
            "Yes: it may be published without my name, after a moderator has removed anything that could identify me".into(),
        ),
        ("no".into(), "No: only for the service".into()),
    ];
    view! {
        <Title text="Give feedback" />
        <ErrorSummary problems=problems.clone() />
        {notice(screen.notice)}
        <h1>"Give feedback"</h1>
        <p class="nhsuk-body-l">
            "Tell the people who support you how it went. It helps them see what to keep and what to change."
        </p>
        <NotForUrgentHelp readers="The people who read feedback" />
        <ActionForm action={ServerAction::<GiveFeedback>::new()}>
            <SelectField
                id="service"
                label="Who is your feedback about?"
                value=start.service.clone()
                options=about
                error=service_error
            />
            <Choices
                name="fft"
                legend=FFT_QUESTION
                options=ffts
                checked=vec![start.fft.clone()]
                error=fft_error
                radios=true
            />
            <TextAreaField
                id="good"
                label=GOOD_QUESTION
                hint=format!("Optional. Up to {MAX_ANSWER_CHARS} characters.")
                text=start.good.clone()
                max=MAX_ANSWER_CHARS
                rows=4
                error=good_error
            />
            <TextAreaField
                id="better"
                label=BETTER_QUESTION
                hint=format!("Optional. Up to {MAX_ANSWER_CHARS} characters.")
                text=start.better.clone()
                max=MAX_ANSWER_CHARS
                rows=4
                error=better_error
            />
            <Choices
                name="statements"
                legend="Which of the city's person statements is it about? (optional)"
                options=statement_choices
                checked=start.statements.clone()
                error=statements_error
            />
            {has_goals
                .then(|| {
                    view! {
                        <SelectField
                            id="goal"
                            label="Is it about one of your goals? (optional)"
                            value=start.goal.clone()
                            options=goal_options
                            error=goal_error
                        />
                    }
                })}
            <Choices
                name="publish"
                legend="May we publish it?"
                hint="Published feedback is shown on the public \"You said, we did\" page, with any response. Feedback only for the service is read, without your name, by the engagement team and your neighbourhood team's lead, who may reply to you here."
                options=publish
                checked=vec![start.publish.clone()]
                error=publish_error
                radios=true
            />
            <button type="submit" class="nhsuk-button">"Send feedback"</button>
        </ActionForm>
        <h2 class="nhsuk-heading-m" id="given">"Feedback you have given"</h2>
        {given.is_empty().then(|| view! { <p>"None yet."</p> })}
        <ul class="nhsuk-list app-version-list">
            {given.into_iter().map(|g| view! { <Given given=g /> }).collect_view()}
        </ul>
    }
}

#[component]
fn Given(given: GivenFeedback) -> impl IntoView {
    let by = given
        .given_by
        .map(|b| format!(", given by {b}"))
        .unwrap_or_default();
    // Published, or waiting to be: the person may keep it for the service instead.
    let withdraw = matches!(given.status, Status::Pending | Status::Published).then(|| {
        let which = format!(
            ": the feedback about {}, given on {}",
            given.about,
            uk_date(given.at)
        );
        view! {
            <ActionForm action={ServerAction::<WithdrawFeedback>::new()}>
                <input type="hidden" name="feedback" value=given.id.to_string() />
                <button type="submit" class="nhsuk-button nhsuk-button--secondary">
                    "Do not publish it: keep it for the service only"
                    <span class="nhsuk-u-visually-hidden">{which}</span>
                </button>
            </ActionForm>
        }
    });
    view! {
        <li>
            <h3 class="nhsuk-heading-s">{format!("{}: {}", given.about, given.fft.label())}</h3>
            <p class="app-meta">
                {format!("{}{by}. ", uk_date(given.at))}
                <strong class="nhsuk-tag nhsuk-tag--grey">{given.status.label()}</strong>
            </p>
            {given.good.map(|t| view! { <p class="app-own-words">{format!("{GOOD_QUESTION} {t}")}</p> })}
            {given.better.map(|t| view! { <p class="app-own-words">{format!("{BETTER_QUESTION} {t}")}</p> })}
            {given
                .responses
                .into_iter()
                .map(|r| {
                    view! {
                        <div class="nhsuk-inset-text">
                            <span class="nhsuk-u-visually-hidden">"Response: "</span>
                            <p><strong>{r.change.label()}</strong>{r.change_detail.map(|d| format!(": {d}"))}</p>
                            <p>{r.text}</p>
                            <p class="app-meta">{format!("{}, {}", r.by, uk_date(r.at))}</p>
                        </div>
                    }
                })
                .collect_view()}
            {withdraw}
        </li>
    }
}
