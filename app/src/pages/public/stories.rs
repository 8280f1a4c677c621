//! `/stories`: "You said, we did". Published feedback by neighbourhood and service, without
//! names, with the organisation's responses; anyone may read it and report a story.

use crate::api::feedback::{
    ReplyToFeedback, ReportStory, RespondToStory, TakeDownStory, load_kept_for_service,
    load_stories,
};
use crate::components::form::{Checkbox, ErrorMessage, ErrorSummary, TextAreaField, notice};
use crate::components::screen::screen;
use crate::domain::feedback::{
    BETTER_QUESTION, Change, GOOD_QUESTION, HideReason, MAX_RESPONSE_CHARS, ReportReason,
    ResponseForm, Stories, Story, StoryFilter,
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
    let (n, s, b, u) = (
        query.get("neighbourhood"),
        query.get("service"),
        query.get("before"),
        query.get("unanswered"),
    );
    screen(
        move || load_stories(n.clone(), s.clone(), b.clone(), u.clone()),
        |screen| view! { <StoriesView screen private=false /> },
    )
}

/// `/engagement/feedback` and `/team/feedback`: feedback residents kept for the service, shown
/// as stories are (without names), with a private reply instead of a public response.
#[component]
pub fn KeptForServicePage() -> impl IntoView {
    let query = use_query_map().get_untracked();
    let (n, s, b, u) = (
        query.get("neighbourhood"),
        query.get("service"),
        query.get("before"),
        query.get("unanswered"),
    );
    screen(
        move || load_kept_for_service(n.clone(), s.clone(), b.clone(), u.clone()),
        |screen| view! { <StoriesView screen private=true /> },
    )
}

#[component]
fn StoriesView(screen: Screen<Stories>, private: bool) -> impl IntoView {
    let data = screen.data;
    // A team lead reads their own neighbourhood's private feedback, in their team's area.
    let team_lead = private && data.respond_neighbourhood.is_some();
    let path = match (private, team_lead) {
        (false, _) => "/stories",
        (true, false) => "/engagement/feedback",
        (true, true) => "/team/feedback",
    };
    let problems = [
        kept_problems(&data.kept_response),
        kept_problems(&data.kept_report),
        kept_problems(&data.kept_take_down),
    ]
    .concat();
    // Each form on the page sends this back, so its answer leads to this same list.
    let here = data.filter().query();
    let next = data.next.map(|before| {
        let older = if private {
            "Older feedback"
        } else {
            "Older stories"
        };
        let href = StoryFilter {
            before: Some(before),
            ..data.filter()
        }
        .href(path, None);
        view! { <p><a href=href>{older}</a></p> }
    });
    let counts = format!(
        "{} published {}: {} with a response, {} with a change planned, {} with a change made.",
        data.total,
        if data.total == 1 { "story" } else { "stories" },
        data.responded,
        data.planned,
        data.made
    );
    let (title, lead) = if private {
        (
            "Private feedback",
            match &data.respond_neighbourhood {
                Some(n) => format!("Feedback about care in {n} that residents chose not to publish, newest first. It is shown without their names. A reply reaches only the person who gave the feedback, in Hive."),
                None => "Feedback that residents chose not to publish, newest first. It is shown without their names. A reply reaches only the person who gave the feedback, in Hive.".to_string(),
            },
        )
    } else {
        (
            "You said, we did",
            "What residents told us about their care, published without their names, and what we are doing about it.".to_string(),
        )
    };
    let none = if private {
        "No private feedback matches."
    } else {
        "No published stories match."
    };
    let (may_respond, respond_in) = (data.may_respond, data.respond_neighbourhood.clone());
    let (kept_response, kept_report, kept_take_down) = (
        data.kept_response.map(|k| k.form),
        data.kept_report.map(|k| k.form),
        data.kept_take_down.map(|k| k.form),
    );
    let may_take_down = data.may_take_down;
    view! {
        <Title text=title />
        <ErrorSummary problems=problems.clone() />
        {notice(screen.notice)}
        <h1>{title}</h1>
        <p class="nhsuk-body-l">{lead}</p>
        {private
            .then(|| {
                view! {
                    <div class="nhsuk-inset-text">
                        <span class="nhsuk-u-visually-hidden">"Information: "</span>
                        <p>
                            "If feedback tells you someone may be at risk of harm, follow your organisation's safeguarding procedure straight away: Hive does not pass it on to anyone."
                        </p>
                    </div>
                }
            })}
        <form method="get" action=path>
            {(!team_lead)
                .then(|| {
                    view! {
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
                    }
                })}
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
            {may_respond
                .then(|| {
                    view! {
                        <Checkbox
                            name="unanswered"
                            label=if private { "Only feedback nobody has replied to yet" } else { "Only stories without a response yet" }
                            checked=data.unanswered
                        />
                    }
                })}
            <button type="submit" class="nhsuk-button nhsuk-button--secondary">"Show"</button>
        </form>
        {(!private).then(|| view! { <p>{counts}</p> })}
        {data.stories.is_empty().then(|| view! { <p>{none}</p> })}
        {data
            .stories
            .into_iter()
            .map(|story| {
                let may = may_respond
                    && respond_in.as_ref().is_none_or(|n| story.neighbourhood.as_ref() == Some(n))
                    && (!private || story.has_writer);
                // A refused post comes back in the form it was sent from, as typed.
                let this = story.id.to_string();
                let response = kept_response.clone().filter(|f| f.story.trim() == this);
                let report = kept_report
                    .as_ref()
                    .filter(|f| f.story.trim() == this)
                    .map(|f| f.reason.clone());
                let take_down = kept_take_down
                    .as_ref()
                    .filter(|f| f.story.trim() == this)
                    .map(|f| f.reason.clone());
                view! {
                    <StoryView story private may_respond=may problems=problems.clone() response report may_take_down take_down here=here.clone() />
                }
            })
            .collect_view()}
        {next}
    }
}

#[component]
fn StoryView(
    story: Story,
    private: bool,
    may_respond: bool,
    problems: Vec<FieldError>,
    response: Option<ResponseForm>,
    report: Option<String>,
    /// The reader moderates: they may take it down (and do not report it).
    may_take_down: bool,
    /// The reason chosen in a take-down that was refused.
    take_down: Option<String>,
    /// The list's filters and page, sent back with each form (`StoryFilter::query`).
    here: String,
) -> impl IntoView {
    let id = story.id;
    // Published stories give the month only; the service reads the day.
    let when = if private {
        uk_date(story.at)
    } else {
        let (year, month) = uk_month(story.at);
        crate::domain::time::month_label(year, month)
    };
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
    // Every story has these controls: screen readers hear which one each is for.
    let which = if private {
        format!(" to the feedback about {}, given on {when}", story.about)
    } else {
        format!(" to the story about {}, {when}", story.about)
    };
    let respond = if may_respond {
        Some(
            view! { <RespondForm id private which=which.clone() problems=problems.clone() typed=response here=here.clone() /> }
                .into_any(),
        )
    } else if private && !story.has_writer {
        Some(
            view! {
                <p class="app-meta">
                    "Given at a campaign's public link without signing in: there is nobody to reply to."
                </p>
            }
            .into_any(),
        )
    } else {
        None
    };
    let report = report.unwrap_or_default();
    let labelled = heading_id.clone();
    let report_open = report_error.is_some();
    let take_down_id = format!("take-down-{id}");
    let this_story = format!(": the story about {}, {when}", story.about);
    let seen = story.seen.clone();
    let take_down_error = message_for(&problems, &take_down_id);
    let take_down_open = take_down_error.is_some();
    let hide_reasons: Vec<(String, String)> = HideReason::ALL
        .iter()
        .map(|r| (r.code().to_string(), r.label().to_string()))
        .collect();
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
                {match (private, may_take_down) {
                    (true, _) => None,
                    (false, true) => Some(view! {
                        <details class="nhsuk-details" open=take_down_open>
                            <summary class="nhsuk-details__summary">
                                <span class="nhsuk-details__summary-text">
                                    "Take this story down"
                                    <span class="nhsuk-u-visually-hidden">{this_story.clone()}</span>
                                </span>
                            </summary>
                            <div class="nhsuk-details__text">
                                <p>"It stops being published straight away. Its writer sees it as not published."</p>
                                <ActionForm action={ServerAction::<TakeDownStory>::new()}>
                                    <input type="hidden" name="story" value=id.to_string() />
                                    <input type="hidden" name="seen" value=seen />
                                    <input type="hidden" name="filter" value=here.clone() />
                                    <ReasonSelect
                                        id=take_down_id
                                        label="Why is it taken down?"
                                        error=take_down_error
                                        options=hide_reasons
                                        chosen=take_down.unwrap_or_default()
                                    />
                                    <button type="submit" class="nhsuk-button nhsuk-button--warning">
                                        "Take down"
                                        <span class="nhsuk-u-visually-hidden">{this_story}</span>
                                    </button>
                                </ActionForm>
                            </div>
                        </details>
                    }.into_any()),
                    (false, false) => Some(view! {
                        <details class="nhsuk-details" open=report_open>
                            <summary class="nhsuk-details__summary">
                                <span class="nhsuk-details__summary-text">"Report this story"</span>
                            </summary>
                            <div class="nhsuk-details__text">
                                <ActionForm action={ServerAction::<ReportStory>::new()}>
                                    <input type="hidden" name="story" value=id.to_string() />
                                    <input type="hidden" name="filter" value=here />
                                    <ReasonSelect
                                        id=report_id
                                        label="What is wrong with it?"
                                        error=report_error
                                        options=reasons
                                        chosen=report
                                    />
                                    <button type="submit" class="nhsuk-button nhsuk-button--secondary">"Report"</button>
                                </ActionForm>
                            </div>
                        </details>
                    }.into_any()),
                }}
            </div>
        </article>
    }
}

/// The one question of reporting a story or taking it down: why, from `options` (code, label).
#[component]
fn ReasonSelect(
    id: String,
    label: &'static str,
    error: Option<String>,
    options: Vec<(String, String)>,
    chosen: String,
) -> impl IntoView {
    let described = error.is_some().then(|| format!("{id}-error"));
    let group = if error.is_some() {
        "nhsuk-form-group nhsuk-form-group--error"
    } else {
        "nhsuk-form-group"
    };
    view! {
        <div class=group>
            <label class="nhsuk-label" for=id.clone()>{label}</label>
            <ErrorMessage id=format!("{id}-error") message=error />
            <select class="nhsuk-select" id=id.clone() name="reason" aria-describedby=described>
                <option value="">"Choose a reason"</option>
                {options
                    .into_iter()
                    .map(|(code, label)| {
                        let selected = code == chosen;
                        view! { <option value=code selected=selected>{label}</option> }
                    })
                    .collect_view()}
            </select>
        </div>
    }
}

/// The response form on a story, for engagement officers and the neighbourhood's team lead;
/// on private feedback, their reply to the person who gave it.
#[component]
fn RespondForm(
    id: i64,
    private: bool,
    /// Which story or feedback, said after the controls' words to screen readers.
    which: String,
    problems: Vec<FieldError>,
    typed: Option<ResponseForm>,
    /// The list's filters and page, sent back with the form.
    here: String,
) -> impl IntoView {
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
    let (summary, label, hint, button) = if private {
        (
            "Reply to the person who gave it",
            "Your reply",
            format!(
                "Only the person who gave this feedback reads your reply, with your name, role and team, beside their feedback in Hive. Up to {MAX_RESPONSE_CHARS} characters."
            ),
            "Send reply",
        )
    } else {
        (
            "Respond publicly",
            "Your response",
            format!(
                "Shown under the story with your name, role and team. Up to {MAX_RESPONSE_CHARS} characters."
            ),
            "Publish response",
        )
    };
    let fields = view! {
        <input type="hidden" name="story" value=id.to_string() />
        <input type="hidden" name="filter" value=here />
        <TextAreaField
            id=field("text")
            name="text"
            label=label
            hint=hint
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
        <button type="submit" class="nhsuk-button nhsuk-button--secondary">
            {button}
            <span class="nhsuk-u-visually-hidden">{which.clone()}</span>
        </button>
    };
    let form = if private {
        view! { <ActionForm action={ServerAction::<ReplyToFeedback>::new()}>{fields}</ActionForm> }
            .into_any()
    } else {
        view! { <ActionForm action={ServerAction::<RespondToStory>::new()}>{fields}</ActionForm> }
            .into_any()
    };
    view! {
        <details class="nhsuk-details" open=open>
            <summary class="nhsuk-details__summary">
                <span class="nhsuk-details__summary-text">
                    {summary}
                    <span class="nhsuk-u-visually-hidden">{which}</span>
                </span>
            </summary>
            <div class="nhsuk-details__text">{form}</div>
        </details>
    }
}
