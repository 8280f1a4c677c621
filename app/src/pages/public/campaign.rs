//! `/c/{slug}`: a campaign's public page. Anyone may answer while it is open, without signing
//! in; staff signed in enter answers collected in person or on paper (marked as entered by
//! them).

use crate::api::campaigns::{AnswerCampaign, load_answer};
use crate::components::form::{ErrorMessage, ErrorSummary, notice};
use crate::components::screen::{param, screen};
use crate::components::urgent::NotForUrgentHelp;
use crate::domain::campaigns::{AnswerScreen, Phase, Question, QuestionKind, truth_choices};
use crate::domain::feedback::{BETTER_QUESTION, Fft, GOOD_QUESTION, MAX_ANSWER_CHARS};
use crate::domain::form::{Screen, kept_problems, message_for};
use crate::error::FieldError;
use leptos::prelude::*;
use leptos_meta::Title;
use std::collections::BTreeMap;

#[component]
pub fn AnswerPage() -> impl IntoView {
    let slug = param("slug");
    screen(
        move || load_answer(slug.clone()),
        |screen| view! { <AnswerView screen /> },
    )
}

fn group(error: &Option<String>) -> &'static str {
    if error.is_some() {
        "nhsuk-form-group nhsuk-form-group--error"
    } else {
        "nhsuk-form-group"
    }
}

#[component]
fn AnswerView(screen: Screen<AnswerScreen>) -> impl IntoView {
    let AnswerScreen {
        campaign,
        assisted_by,
        answered,
        thanks,
        kept,
    } = screen.data;
    let problems = kept_problems(&kept);
    let typed = kept.map(|k| k.form).unwrap_or_default();
    let closed = match campaign.phase {
        Phase::Open => None,
        Phase::NotYetOpen => Some(format!(
            "This campaign opens on {}. Come back then to answer it.",
            campaign.opens.label()
        )),
        Phase::Closed => Some(format!(
            "This campaign closed on {}. It is no longer taking answers. Thank you to everyone who answered.",
            campaign.closes.label()
        )),
    };
    let show_form = closed.is_none() && !answered && !(thanks && assisted_by.is_none());
    let neighbourhood_error = message_for(&problems, "neighbourhood");
    let neighbourhood_group = group(&neighbourhood_error);
    let neighbourhood_described = neighbourhood_error
        .is_some()
        .then_some("neighbourhood-error");
    let about = campaign.about();
    let questions = campaign.questions.clone();
    let slug = campaign.slug.clone();
    let assisted = assisted_by.map(|name| {
        view! {
            <div class="nhsuk-inset-text">
                <span class="nhsuk-u-visually-hidden">"Information: "</span>
                <p>
                    {format!("You are signed in as staff ({name}). Answers you send here are recorded as entered by you on someone's behalf (assisted), for example from a paper form. Send one person's answers at a time.")}
                </p>
            </div>
        }
    });
    view! {
        <Title text=campaign.title.clone() />
        <ErrorSummary problems=problems.clone() />
        {notice(screen.notice)}
        <h1>{campaign.title.clone()}</h1>
        <p class="nhsuk-body-l">{campaign.description.clone()}</p>
        {closed.map(|text| view! { <div class="nhsuk-inset-text"><p>{text}</p></div> })}
        {(answered && !thanks)
            .then(|| view! { <p>"You have already answered this campaign. Thank you: each person answers once."</p> })}
        {(thanks && !show_form)
            .then(|| view! { <p>"Your answers help the city's neighbourhood teams understand what matters to people. You can read what has changed as a result on " <a href="/stories">"You said, we did"</a> "."</p> })}
        {show_form
            .then(|| {
                view! {
                    {assisted}
                    <p>"Your answers are anonymous: do not write your name or anything that could identify you or anyone else. Questions marked (optional) can be left out."</p>
                    <NotForUrgentHelp readers="The engagement team" />
                    <ActionForm action={ServerAction::<AnswerCampaign>::new()}>
                        <input type="hidden" name="campaign" value=slug.clone() />
                        <div class="app-honeypot" aria-hidden="true">
                            <label for="website">"Leave this empty"</label>
                            <input id="website" name="website" type="text" tabindex="-1" autocomplete="off" value="" />
                        </div>
                        {questions
                            .into_iter()
                            .enumerate()
                            .map(|(i, q)| view! { <QuestionView number=i + 1 q about=about.clone() typed=typed.a.clone() problems=problems.clone() /> })
                            .collect_view()}
                        <div class=neighbourhood_group>
                            <label class="nhsuk-label" for="neighbourhood">"Which neighbourhood do you live in? (optional)"</label>
                            <ErrorMessage id="neighbourhood-error".to_string() message=neighbourhood_error />
                            <select
                                class="nhsuk-select"
                                id="neighbourhood"
                                name="neighbourhood"
                                aria-describedby=neighbourhood_described
                            >
                                <option value="">"I would rather not say"</option>
                                {campaign
                                    .neighbourhoods
                                    .iter()
                                    .map(|(code, name)| {
                                        let selected = *code == typed.neighbourhood;
                                        view! { <option value=code.clone() selected=selected>{name.clone()}</option> }
                                    })
                                    .collect_view()}
                            </select>
                        </div>
                        <button type="submit" class="nhsuk-button">"Send answers"</button>
                    </ActionForm>
                }
            })}
    }
}

/// One question, its inputs named `a[q{id}]` (see `AnswerForm`).
#[component]
fn QuestionView(
    number: usize,
    q: Question,
    about: String,
    typed: BTreeMap<String, String>,
    problems: Vec<FieldError>,
) -> impl IntoView {
    let field = q.field();
    let error = message_for(&problems, &field);
    let group_class = group(&error);
    let optional = if q.required { "" } else { " (optional)" };
    let legend = format!("{number}. {}{optional}", q.prompt);
    let key = |suffix: &str| {
        if suffix.is_empty() {
            format!("q{}", q.id)
        } else {
            format!("q{}-{suffix}", q.id)
        }
    };
    let typed_value = |suffix: &str| typed.get(&key(suffix)).cloned().unwrap_or_default();
    let error_id = format!("{field}-error");
    let described = error.as_ref().map(|_| error_id.clone());
    let radios = |options: Vec<(String, String)>, inline: bool| {
        let chosen = typed_value("");
        let name = format!("a[{}]", key(""));
        let class = if inline {
            "nhsuk-radios nhsuk-radios--inline"
        } else {
            "nhsuk-radios"
        };
        view! {
            <div class=class>
                {options
                    .into_iter()
                    .enumerate()
                    .map(|(i, (value, label))| {
                        let id = if i == 0 { field.clone() } else { format!("{field}-{i}") };
                        let checked = value == chosen;
                        view! {
                            <div class="nhsuk-radios__item">
                                <input class="nhsuk-radios__input" type="radio" id=id.clone() name=name.clone() value=value checked=checked />
                                <label class="nhsuk-label nhsuk-radios__label" for=id>{label}</label>
                            </div>
                        }
                    })
                    .collect_view()}
            </div>
        }
        .into_any()
    };
    let text_box = |suffix: &str, id: String, label: String, rows: u32| {
        let name = format!("a[{}]", key(suffix));
        let value = crate::domain::text::escape_html(&typed_value(suffix));
        let own_error = message_for(&problems, &id);
        let own_group = group(&own_error);
        let error_id = format!("{id}-error");
        let described = own_error.is_some().then(|| error_id.clone());
        view! {
            <div class=own_group>
                <label class="nhsuk-label" for=id.clone()>{label}</label>
                <ErrorMessage id=error_id message=own_error />
                <textarea
                    class="nhsuk-textarea"
                    id=id
                    name=name
                    rows=rows.to_string()
                    maxlength=MAX_ANSWER_CHARS.to_string()
                    aria-describedby=described
                    inner_html=value
                ></textarea>
            </div>
        }
    };
    let inputs = match q.kind {
        QuestionKind::Fft => {
            let options = Fft::ALL
                .iter()
                .map(|f| (f.code().to_string(), f.label().to_string()))
                .collect();
            let publish = typed_value("publish") == "yes";
            let publish_id = format!("{field}-publish");
            view! {
                <p class="nhsuk-hint">{format!("About {about}.")}</p>
                {radios(options, false)}
                {text_box("good", format!("{field}-good"), format!("{GOOD_QUESTION} (optional)"), 3)}
                {text_box("better", format!("{field}-better"), format!("{BETTER_QUESTION} (optional)"), 3)}
                <div class="nhsuk-checkboxes">
                    <div class="nhsuk-checkboxes__item">
                        <input class="nhsuk-checkboxes__input" type="checkbox" id=publish_id.clone() name=format!("a[{}]", key("publish")) value="yes" checked=publish />
                        <label class="nhsuk-label nhsuk-checkboxes__label" for=publish_id>
                            "What I wrote may be published on “You said, we did” without my name, after a moderator has checked it"
                        </label>
                    </div>
                </div>
            }
            .into_any()
        }
        QuestionKind::Rating => radios(
            (1..=5)
                .map(|r| {
                    let label = match r {
                        1 => "1 (worst)".to_string(),
                        5 => "5 (best)".to_string(),
                        r => r.to_string(),
                    };
                    (r.to_string(), label)
                })
                .collect(),
            true,
        ),
        QuestionKind::Statement => radios(truth_choices(), false),
        QuestionKind::One => radios(
            q.choices.iter().map(|c| (c.clone(), c.clone())).collect(),
            false,
        ),
        QuestionKind::Several => {
            let other_id = format!("{field}-other");
            view! {
                <p class="nhsuk-hint">"Select all that apply."</p>
                <div class="nhsuk-checkboxes">
                    {q.choices
                        .iter()
                        .enumerate()
                        .map(|(i, c)| {
                            let id = if i == 0 { field.clone() } else { format!("{field}-{i}") };
                            let checked = typed_value(&i.to_string()) == *c;
                            view! {
                                <div class="nhsuk-checkboxes__item">
                                    <input class="nhsuk-checkboxes__input" type="checkbox" id=id.clone() name=format!("a[{}]", key(&i.to_string())) value=c.clone() checked=checked />
                                    <label class="nhsuk-label nhsuk-checkboxes__label" for=id>{c.clone()}</label>
                                </div>
                            }
                        })
                        .collect_view()}
                </div>
                {q.other.then(|| {
                    let value = typed_value("other");
                    view! {
                        <div class="nhsuk-form-group">
                            <label class="nhsuk-label" for=other_id.clone()>"Other (say what)"</label>
                            <input class="nhsuk-input" type="text" id=other_id name=format!("a[{}]", key("other")) maxlength="200" value=value />
                        </div>
                    }
                })}
            }
            .into_any()
        }
        QuestionKind::Text => {
            let value = crate::domain::text::escape_html(&typed_value(""));
            let name = format!("a[{}]", key(""));
            view! {
                <textarea class="nhsuk-textarea" id=field.clone() name=name rows="4" maxlength=MAX_ANSWER_CHARS.to_string() aria-labelledby=format!("{field}-legend") aria-describedby=described.clone() inner_html=value></textarea>
            }
            .into_any()
        }
    };
    let legend_id = format!("{}-legend", q.field());
    let statement = q
        .statement
        .as_ref()
        .filter(|_| !q.prompt.contains('“'))
        .map(|s| {
            let text = format!("“{}”", s.text);
            view! { <p class="nhsuk-hint">{text}</p> }
        });
    view! {
        <div class=group_class>
            <fieldset class="nhsuk-fieldset" aria-describedby=described>
                <legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--s" id=legend_id>{legend}</legend>
                {statement}
                <ErrorMessage id=error_id.clone() message=error />
                {inputs}
            </fieldset>
        </div>
    }
}
