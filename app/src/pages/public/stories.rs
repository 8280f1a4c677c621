//! `/stories`: "You said, we did". Published feedback by neighbourhood and service, without
//! names, with the organisation's responses; anyone may read it and report a story.

use crate::api::feedback::{ReportStory, RespondToStory, load_stories};
use crate::components::form::{ErrorMessage, ErrorSummary, TextAreaField, notice};
use crate::components::screen::screen;
use crate::domain::feedback::{
    BETTER_QUESTION, Change, GOOD_QUESTION, MAX_RESPONSE_CHARS, ReportReason, ResponseForm,
    Stories, Story,
};
use crate::domain::form::{Screen, kept_problems, message_for};
use crate::domain::time::{uk_date, uk_month};
use crate::error::FieldError;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn StoriesPage() -> impl IntoView {
    let query = use_query_map().get_untracked();
    let (n, s, b) = (
        query.get("neighbourhood"),
        query.get("service"),
        query.get("before"),
    );
    screen(
        move || load_stories(n.clone(), s.clone(), b.clone()),
        |screen| view! { <StoriesView screen /> },
    )
}

#[component]
fn StoriesView(screen: Screen<Stories>) -> impl IntoView {
    let data = screen.data;
    let problems = [
        kept_problems(&data.kept_response),
        kept_problems(&data.kept_report),
    ]
    .concat();
    let filter = {
        let mut q = form_urlencoded::Serializer::new(String::new());
        if !data.neighbourhood.is_empty() {
            q.append_pair("neighbourhood", &data.neighbourhood);
        }
        if !data.service.is_empty() {
            q.append_pair("service", &data.service);
        }
        q.finish()
    };
    let next = data.next.map(|before| {
        let sep = if filter.is_empty() { "" } else { "&" };
        view! { <p><a href=format!("/stories?{filter}{sep}before={before}")>"Older stories"</a></p> }
    });
    let counts = format!(
        "{} published {}: {} with a response, {} with a change planned, {} with a change made.",
        data.total,
        if data.total == 1 { "story" } else { "stories" },
        data.responded,
        data.planned,
        data.made
    );
    let (may_respond, respond_in) = (data.may_respond, data.respond_neighbourhood.clone());
    let (kept_response, kept_report) = (
        data.kept_response.map(|k| k.form),
        data.kept_report.map(|k| k.form),
    );
    view! {
        <Title text="You said, we did" />
        <ErrorSummary problems=problems.clone() />
        {notice(screen.notice)}
        <h1>"You said, we did"</h1>
        <p class="nhsuk-body-l">
            "What residents told us about their care, published without their names, and what we are doing about it."
        </p>
        <form method="get" action="/stories">
            <div class="nhsuk-form-group">
                <label class="nhsuk-label" for="neighbourhood">"Neighbourhood"</label>
                <select class="nhsuk-select" id="neighbourhood" name="neighbourhood">
                    <option value="" selected=data.neighbourhood.is_empty()>"All neighbourhoods"</option>
                    {data
                        .neighbourhoods
                        .iter()
                        .map(|(code, name)| {
                            let selected = *code == data.neighbourhood;
                            view! { <option value=code.clone() selected=selected>{name.clone()}</option> }
                        })
                        .collect_view()}
                </select>
            </div>
            <div class="nhsuk-form-group">
                <label class="nhsuk-label" for="service">"Service"</label>
                <select class="nhsuk-select" id="service" name="service">
                    <option value="" selected=data.service.is_empty()>"All services"</option>
                    {data
                        .services
                        .iter()
                        .map(|(code, name)| {
                            let selected = *code == data.service;
                            view! { <option value=code.clone() selected=selected>{name.clone()}</option> }
                        })
                        .collect_view()}
                </select>
            </div>
            <button type="submit" class="nhsuk-button nhsuk-button--secondary">"Show"</button>
        </form>
        <p>{counts}</p>
        {data.stories.is_empty().then(|| view! { <p>"No published stories match."</p> })}
        {data
            .stories
            .into_iter()
            .map(|story| {
                let may = may_respond
                    && respond_in.as_ref().is_none_or(|n| story.neighbourhood.as_ref() == Some(n));
                // A refused post comes back in the form it was sent from, as typed.
                let this = story.id.to_string();
                let response = kept_response.clone().filter(|f| f.story.trim() == this);
                let report = kept_report
                    .as_ref()
                    .filter(|f| f.story.trim() == this)
                    .map(|f| f.reason.clone());
                view! {
                    <StoryView story may_respond=may problems=problems.clone() response report />
                }
            })
            .collect_view()}
        {next}
    }
}

#[component]
fn StoryView(
    story: Story,
    may_respond: bool,
    problems: Vec<FieldError>,
    response: Option<ResponseForm>,
    report: Option<String>,
) -> impl IntoView {
    let id = story.id;
    let (year, month) = uk_month(story.at);
    let when = crate::domain::time::month_label(year, month);
    let heading_id = format!("story-{id}");
    let where_ = story
        .neighbourhood
        .clone()
        .map(|n| format!(" in {n}"))
        .unwrap_or_default();
    let report_id = format!("report-{id}");
    let report_error = message_for(&problems, &report_id);
    let reasons: Vec<(String, String)> = ReportReason::ALL
        .iter()
        .map(|r| (r.code().to_string(), r.label().to_string()))
        .collect();
    let respond =
        may_respond.then(|| view! { <RespondForm id problems=problems.clone() typed=response /> });
    let report = report.unwrap_or_default();
    let labelled = heading_id.clone();
    let report_open = report_error.is_some();
    let report_described = report_open.then(|| format!("{report_id}-error"));
    let report_group = if report_open {
        "nhsuk-form-group nhsuk-form-group--error"
    } else {
        "nhsuk-form-group"
    };
    view! {
        <article class="nhsuk-card" aria-labelledby=labelled>
            <div class="nhsuk-card__content">
                <h2 class="nhsuk-card__heading nhsuk-heading-m" id=heading_id>
                    {format!("{}: {}", story.about, story.fft.label())}
                </h2>
                <p class="app-meta">{format!("{when}{where_}")}</p>
                {story.good.map(|t| view! { <h3 class="nhsuk-heading-xs">{GOOD_QUESTION}</h3><p class="app-own-words">{t}</p> })}
                {story.better.map(|t| view! { <h3 class="nhsuk-heading-xs">{BETTER_QUESTION}</h3><p class="app-own-words">{t}</p> })}
                {(!story.statements.is_empty())
                    .then(|| view! { <p class="app-meta">{format!("About: {}", story.statements.join("; "))}</p> })}
                {story
                    .responses
                    .into_iter()
                    .map(|r| {
                        let tag = match r.change {
                            Change::Made => "nhsuk-tag nhsuk-tag--green",
                            Change::Planned => "nhsuk-tag nhsuk-tag--blue",
                            Change::Nothing => "nhsuk-tag nhsuk-tag--grey",
                        };
                        view! {
                            <div class="nhsuk-inset-text">
                                <span class="nhsuk-u-visually-hidden">"Response: "</span>
                                <p>
                                    <strong class=tag>{r.change.label()}</strong>
                                    {r.change_detail.map(|d| format!(" {d}"))}
                                </p>
                                <p>{r.text}</p>
                                <p class="app-meta">{format!("{}, {}", r.by, uk_date(r.at))}</p>
                            </div>
                        }
                    })
                    .collect_view()}
                {respond}
                <details class="nhsuk-details" open=report_open>
                    <summary class="nhsuk-details__summary">
                        <span class="nhsuk-details__summary-text">"Report this story"</span>
                    </summary>
                    <div class="nhsuk-details__text">
                        <ActionForm action={ServerAction::<ReportStory>::new()}>
                            <input type="hidden" name="story" value=id.to_string() />
                            <div class=report_group>
                                <label class="nhsuk-label" for=report_id.clone()>"What is wrong with it?"</label>
                                <ErrorMessage id=format!("{report_id}-error") message=report_error />
                                <select
                                    class="nhsuk-select"
                                    id=report_id.clone()
                                    name="reason"
                                    aria-describedby=report_described
                                >
                                    <option value="">"Choose a reason"</option>
                                    {reasons
                                        .into_iter()
                                        .map(|(code, label)| {
                                            let selected = code == report;
                                            view! { <option value=code selected=selected>{label}</option> }
                                        })
                                        .collect_view()}
                                </select>
                            </div>
                            <button type="submit" class="nhsuk-button nhsuk-button--secondary">"Report"</button>
                        </ActionForm>
                    </div>
                </details>
            </div>
        </article>
    }
}

/// The response form on a story, for engagement officers and the neighbourhood's team lead.
#[component]
fn RespondForm(id: i64, problems: Vec<FieldError>, typed: Option<ResponseForm>) -> impl IntoView {
    let field = move |name: &str| format!("{name}-{id}");
    let change_id = field("change");
    let change_error = message_for(&problems, &change_id);
    let detail_id = field("detail");
    let detail_error = message_for(&problems, &detail_id);
    let typed_open = typed.is_some();
    let ResponseForm {
        text,
        change,
        detail,
        ..
    } = typed.unwrap_or_default();
    let group = |error: &Option<String>| {
        if error.is_some() {
            "nhsuk-form-group nhsuk-form-group--error"
        } else {
            "nhsuk-form-group"
        }
    };
    let (change_group, detail_group) = (group(&change_error), group(&detail_error));
    // An error message is tied to its control, so it is read out with it.
    let change_described = change_error.is_some().then(|| format!("{change_id}-error"));
    let detail_described = detail_error.is_some().then(|| format!("{detail_id}-error"));
    let text_error = message_for(&problems, &field("text"));
    let open =
        typed_open || text_error.is_some() || change_error.is_some() || detail_error.is_some();
    let options: Vec<(String, String)> = Change::ALL
        .iter()
        .map(|c| (c.code().to_string(), c.label().to_string()))
        .collect();
    view! {
        <details class="nhsuk-details" open=open>
            <summary class="nhsuk-details__summary">
                <span class="nhsuk-details__summary-text">"Respond publicly"</span>
            </summary>
            <div class="nhsuk-details__text">
                <ActionForm action={ServerAction::<RespondToStory>::new()}>
                    <input type="hidden" name="story" value=id.to_string() />
                    <TextAreaField
                        id=field("text")
                        name="text"
                        label="Your response"
                        hint=format!("Shown under the story with your name, role and team. Up to {MAX_RESPONSE_CHARS} characters.")
                        text=text
                        max=MAX_RESPONSE_CHARS
                        rows=3
                        error=text_error
                    />
                    <div class=change_group>
                        <label class="nhsuk-label" for=change_id.clone()>"Will anything change?"</label>
                        <ErrorMessage id=format!("{change_id}-error") message=change_error />
                        <select
                            class="nhsuk-select"
                            id=change_id.clone()
                            name="change"
                            aria-describedby=change_described
                        >
                            {options
                                .into_iter()
                                .map(|(code, label)| {
                                    let selected = code == change;
                                    view! { <option value=code selected=selected>{label}</option> }
                                })
                                .collect_view()}
                        </select>
                    </div>
                    <div class=detail_group>
                        <label class="nhsuk-label" for=detail_id.clone()>"What changes, and when (with a change)"</label>
                        <ErrorMessage id=format!("{detail_id}-error") message=detail_error />
                        <input
                            class="nhsuk-input"
                            id=detail_id.clone()
                            name="detail"
                            type="text"
                            maxlength="500"
                            value=detail
                            aria-describedby=detail_described
                        />
                    </div>
                    <button type="submit" class="nhsuk-button nhsuk-button--secondary">"Publish response"</button>
                </ActionForm>
            </div>
        </details>
    }
}
