//! `/engagement/campaigns`: the campaigns, a new one, and each campaign's details and questions.

use crate::api::campaigns::{
    AddQuestion, ArrangeQuestion, SaveCampaign, load_campaign, load_campaigns,
};
use crate::components::form::{
    Checkbox, Choices, DateField, ErrorSummary, SelectField, TextField, notice,
};
use crate::components::screen::{param, screen};
use crate::domain::campaigns::{
    Campaign, CampaignForm, CampaignScreen, Campaigns, MAX_DESCRIPTION_CHARS, Phase, QuestionForm,
    QuestionKind,
};
use crate::domain::form::{Kept, Screen, date_message, kept_problems, message_for, start_with};
use crate::error::FieldError;
use leptos::prelude::*;
use leptos_meta::Title;

fn phase_tag(phase: Phase) -> impl IntoView {
    let class = match phase {
        Phase::Open => "nhsuk-tag nhsuk-tag--green",
        Phase::NotYetOpen => "nhsuk-tag nhsuk-tag--blue",
        Phase::Closed => "nhsuk-tag nhsuk-tag--grey",
    };
    view! { <strong class=class>{phase.label()}</strong> }
}

fn dates(c: &Campaign) -> String {
    format!("{} to {}", c.opens.label(), c.closes.label())
}

#[component]
pub fn CampaignsPage() -> impl IntoView {
    screen(load_campaigns, |screen| view! { <CampaignList screen /> })
}

#[component]
fn CampaignList(screen: Screen<Campaigns>) -> impl IntoView {
    let Campaigns {
        campaigns,
        neighbourhoods,
        services,
        kept,
    } = screen.data;
    let problems = kept_problems(&kept);
    let form = start_with(&kept, CampaignForm::default);
    let open = kept.is_some();
    view! {
        <Title text="Campaigns" />
        <ErrorSummary problems=problems.clone() />
        {notice(screen.notice)}
        <h1>"Campaigns"</h1>
        <p class="nhsuk-body-l">
            "Ask residents about their care: the Friends and Family Test, how true the person statements feel, and your own questions. Each campaign has a public link that works without signing in."
        </p>
        {campaigns.is_empty().then(|| view! { <p>"There are no campaigns yet."</p> })}
        {(!campaigns.is_empty())
            .then(|| {
                view! {
                    <table class="nhsuk-table">
                        <caption class="nhsuk-table__caption">"All campaigns, newest first"</caption>
                        <thead class="nhsuk-table__head">
                            <tr class="nhsuk-table__row">
                                <th scope="col" class="nhsuk-table__header">"Campaign"</th>
                                <th scope="col" class="nhsuk-table__header">"Dates"</th>
                                <th scope="col" class="nhsuk-table__header">"Status"</th>
                                <th scope="col" class="nhsuk-table__header nhsuk-table__header--numeric">"Answers"</th>
                            </tr>
                        </thead>
                        <tbody class="nhsuk-table__body">
                            {campaigns
                                .into_iter()
                                .map(|c| {
                                    let when = dates(&c);
                                    view! {
                                        <tr class="nhsuk-table__row">
                                            <td class="nhsuk-table__cell">
                                                <a href=format!("/engagement/campaigns/{}", c.id)>{c.title.clone()}</a>
                                                <br />
                                                <span class="app-meta">{format!("/c/{}", c.slug)}</span>
                                            </td>
                                            <td class="nhsuk-table__cell">{when}</td>
                                            <td class="nhsuk-table__cell">{phase_tag(c.phase)}</td>
                                            <td class="nhsuk-table__cell nhsuk-table__cell--numeric">{c.answers}</td>
                                        </tr>
                                    }
                                })
                                .collect_view()}
                        </tbody>
                    </table>
                }
            })}
        <details class="nhsuk-details" open=open>
            <summary class="nhsuk-details__summary">
                <span class="nhsuk-details__summary-text">"Start a new campaign"</span>
            </summary>
            <div class="nhsuk-details__text">
                <DetailsForm form neighbourhoods services problems button="Add campaign" />
            </div>
        </details>
    }
}

/// A campaign's details: title, description, link name, what it asks about, neighbourhoods
/// and dates.
#[component]
fn DetailsForm(
    form: CampaignForm,
    neighbourhoods: Vec<(String, String)>,
    services: Vec<(String, String)>,
    problems: Vec<FieldError>,
    button: &'static str,
) -> impl IntoView {
    let mut about = vec![(String::new(), "The neighbourhood teams".to_string())];
    about.extend(services);
    view! {
        <ActionForm action={ServerAction::<SaveCampaign>::new()}>
            <input type="hidden" name="id" value=form.id.clone() />
            <input type="hidden" name="version" value=form.version.clone() />
            <TextField
                id="title"
                label="Title"
                value=form.title.clone()
                error=message_for(&problems, "title")
                maxlength=crate::domain::campaigns::MAX_TITLE_CHARS
            />
            <crate::components::form::TextAreaField
                id="description"
                label="What it is about, and who it is for"
                hint=format!("Shown at the top of the public page. Up to {MAX_DESCRIPTION_CHARS} characters.")
                text=form.description.clone()
                max=MAX_DESCRIPTION_CHARS
                rows=3
                error=message_for(&problems, "description")
            />
            <TextField
                id="slug"
                label="Link name (optional)"
                hint="The end of the public link, /c/… Lower-case letters, digits and hyphens. Left empty, it is made from the title."
                value=form.slug.clone()
                error=message_for(&problems, "slug")
                maxlength=crate::domain::campaigns::MAX_SLUG_CHARS
            />
            <SelectField
                id="service"
                label="What it asks about"
                value=form.service.clone()
                options=about
                error=message_for(&problems, "service")
            />
            <Choices
                name="neighbourhoods"
                legend="Neighbourhoods it covers"
                options=neighbourhoods
                checked=form.neighbourhoods.clone()
                error=message_for(&problems, "neighbourhoods")
            />
            <DateField
                name="opens"
                legend="Opens on"
                hint="The first day answers are taken. For example, 1 12 2026"
                day=form.opens_day.clone()
                month=form.opens_month.clone()
                year=form.opens_year.clone()
                error=date_message(&problems, "opens")
            />
            <DateField
                name="closes"
                legend="Closes on"
                hint="The last day answers are taken. For example, 31 1 2027"
                day=form.closes_day.clone()
                month=form.closes_month.clone()
                year=form.closes_year.clone()
                error=date_message(&problems, "closes")
            />
            <button type="submit" class="nhsuk-button">{button}</button>
        </ActionForm>
    }
}

/// A button that moves question `n` up or down, or removes it.
fn arrange(
    campaign: i64,
    question: i64,
    direction: &'static str,
    label: &'static str,
    n: usize,
) -> impl IntoView {
    view! {
        <ActionForm action={ServerAction::<ArrangeQuestion>::new()} attr:class="app-inline-form">
            <input type="hidden" name="campaign" value=campaign.to_string() />
            <input type="hidden" name="question" value=question.to_string() />
            <input type="hidden" name="direction" value=direction />
            <button type="submit" class="nhsuk-button nhsuk-button--secondary nhsuk-button--small">
                {label}
                <span class="nhsuk-u-visually-hidden">{format!(" question {n}")}</span>
            </button>
        </ActionForm>
    }
}

#[component]
pub fn CampaignPage() -> impl IntoView {
    let id = param("id");
    screen(
        move || load_campaign(id.clone()),
        |screen| view! { <CampaignView screen /> },
    )
}

#[component]
fn CampaignView(screen: Screen<CampaignScreen>) -> impl IntoView {
    let CampaignScreen {
        campaign,
        owner,
        neighbourhoods,
        services,
        statements,
        kept_details,
        kept_question,
        kept_arrange,
    } = screen.data;
    let details_problems = kept_problems(&kept_details);
    let question_problems = kept_problems(&kept_question);
    let arrange_problems = kept_problems(&kept_arrange);
    let problems = [
        details_problems.clone(),
        question_problems.clone(),
        arrange_problems,
    ]
    .concat();
    let mut details = start_with(&kept_details, || CampaignForm::from_campaign(&campaign));
    // Refused because someone else saved first: what was typed comes back beside the details
    // saved now, and saving again replaces those (else it could never be saved). Refused for
    // anything else, it still names the version it was typed on.
    let stale = kept_details.as_ref().is_some_and(Kept::is_stale);
    if stale {
        details.version = campaign.version.to_string();
    }
    let saved_now = stale.then(|| {
        view! {
            <div class="nhsuk-inset-text">
                <h3 class="nhsuk-heading-s">"The details as saved now"</h3>
                <p>
                    <strong>{campaign.title.clone()}</strong>
                    <br />
                    {format!("Link name: {}", campaign.slug)}
                </p>
                <p class="app-own-words">{campaign.description.clone()}</p>
            </div>
        }
    });
    let details_open = kept_details.is_some();
    let question = start_with(&kept_question, || QuestionForm {
        campaign: campaign.id.to_string(),
        required: "yes".into(),
        ..QuestionForm::default()
    });
    let question_open = kept_question.is_some() || campaign.questions.is_empty();
    let id = campaign.id;
    let link = format!("/c/{}", campaign.slug);
    let locked = campaign.answers > 0;
    let count = campaign.questions.len();
    let summary = format!(
        "{}. {}. About {}. Neighbourhoods: {}. Written by {}.",
        dates(&campaign),
        campaign.phase.label(),
        campaign.about(),
        campaign
            .neighbourhoods
            .iter()
            .map(|(_, n)| n.as_str())
            .collect::<Vec<_>>()
            .join(", "),
        campaign.owner
    );
    let answers = format!(
        "{} {} so far.",
        campaign.answers,
        if campaign.answers == 1 {
            "set of answers"
        } else {
            "sets of answers"
        }
    );
    let kinds: Vec<(String, String)> = QuestionKind::ALL
        .iter()
        .map(|k| (k.code().to_string(), k.label().to_string()))
        .collect();
    let mut statement_options = vec![(String::new(), "Choose a statement".to_string())];
    statement_options.extend(statements.into_iter().map(|s| (s.code, s.text)));
    view! {
        <Title text=campaign.title.clone() />
        <ErrorSummary problems=problems />
        <span class="nhsuk-caption-l">"Campaign"</span>
        {notice(screen.notice)}
        <h1>{campaign.title.clone()}</h1>
        <p>{phase_tag(campaign.phase)}</p>
        <p>{summary}</p>
        <p>"Public link: " <a href=link.clone()>{link.clone()}</a></p>
        <p>
            {answers}
            " "
            <a href=format!("/engagement/dashboard?campaign={id}")>"See it on the dashboard"</a>
            {owner
                .then(|| {
                    view! {
                        " · "
                        <a href=format!("/engagement/campaigns/{id}/answers.csv") download="">
                            "Download its answers (CSV)"
                        </a>
                    }
                })}
        </p>
        <p>
            <a href=link.clone()>"Enter answers collected in person or on paper"</a>
            " (they are marked as entered by you)."
        </p>
        <h2 id="questions">"Questions"</h2>
        {locked.then(|| view! { <p class="nhsuk-inset-text">"This campaign has answers, so its questions can no longer be added or removed."</p> })}
        {campaign.questions.is_empty().then(|| view! { <p>"No questions yet."</p> })}
        <ol class="nhsuk-list nhsuk-list--number">
            {campaign
                .questions
                .into_iter()
                .enumerate()
                .map(|(i, q)| {
                    let mut meta = vec![q.kind.label().to_string()];
                    meta.push(if q.required { "required".into() } else { "optional".into() });
                    if !q.choices.is_empty() {
                        meta.push(format!("choices: {}", q.choices.join(", ")));
                    }
                    if q.other {
                        meta.push("offers Other".into());
                    }
                    let n = i + 1;
                    let button = |direction: &'static str, label: &'static str| {
                        arrange(id, q.id, direction, label, n)
                    };
                    let up = (i > 0).then(|| button("up", "Move up"));
                    let down = (i + 1 < count).then(|| button("down", "Move down"));
                    let remove = (!locked).then(|| button("remove", "Remove"));
                    view! {
                        <li>
                            <p>
                                <strong>{q.prompt.clone()}</strong>
                                <br />
                                <span class="app-meta">{meta.join("; ")}</span>
                            </p>
                            {up}
                            {down}
                            {remove}
                        </li>
                    }
                })
                .collect_view()}
        </ol>
        {(!locked)
            .then(|| {
                view! {
                    <details class="nhsuk-details" open=question_open>
                        <summary class="nhsuk-details__summary">
                            <span class="nhsuk-details__summary-text">"Add a question"</span>
                        </summary>
                        <div class="nhsuk-details__text">
                            <ActionForm action={ServerAction::<AddQuestion>::new()}>
                                <input type="hidden" name="campaign" value=id.to_string() />
                                <Choices
                                    name="kind"
                                    legend="Kind of question"
                                    options=kinds
                                    checked=vec![question.kind.clone()]
                                    error=message_for(&question_problems, "kind")
                                    radios=true
                                />
                                <TextField
                                    id="prompt"
                                    label="The question"
                                    hint="Not needed for the Friends and Family Test, which has its own wording, or for a statement (optional there)."
                                    value=question.prompt.clone()
                                    error=message_for(&question_problems, "prompt")
                                    maxlength=crate::domain::campaigns::MAX_PROMPT_CHARS
                                />
                                <crate::components::form::TextAreaField
                                    id="choices"
                                    label="Choices (one and several choices)"
                                    hint="One per line, 2 to 12."
                                    text=question.choices.clone()
                                    max=1_300
                                    rows=4
                                    error=message_for(&question_problems, "choices")
                                />
                                <Checkbox name="other" label="Offer “Other”, with space to say what (several choices)" checked=question.other == "yes" />
                                <SelectField
                                    id="statement"
                                    label="Statement (how true a person statement feels)"
                                    value=question.statement.clone()
                                    options=statement_options
                                    error=message_for(&question_problems, "statement")
                                />
                                <Checkbox name="required" label="An answer is required" checked=question.required == "yes" />
                                <button type="submit" class="nhsuk-button">"Add question"</button>
                            </ActionForm>
                        </div>
                    </details>
                }
            })}
        <h2>"Details"</h2>
        <details class="nhsuk-details" open=details_open>
            <summary class="nhsuk-details__summary">
                <span class="nhsuk-details__summary-text">"Change the details"</span>
            </summary>
            <div class="nhsuk-details__text">
                {saved_now}
                <DetailsForm form=details neighbourhoods services problems=details_problems button="Save details" />
            </div>
        </details>
        <p><a href="/engagement/campaigns">"All campaigns"</a></p>
    }
}
