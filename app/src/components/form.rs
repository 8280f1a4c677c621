//! Form parts with the NHS.UK design system's markup (nhsuk-frontend 10): an error summary at
//! the top that links to each field, the message by the field, labels and hints tied to their
//! inputs. Pages render on the server only, so these take plain values, not signals.

use crate::components::character_count::CharacterCount;
use crate::error::FieldError;
use leptos::prelude::*;

/// The list of problems at the top of a form. The page that shows it is the one a failed post
/// came back to, so it takes focus as the page loads (`autofocus`, no script needed) and screen
/// reader users hear it first.
#[component]
pub fn ErrorSummary(problems: Vec<FieldError>) -> impl IntoView {
    (!problems.is_empty()).then(|| {
        view! {
            <div class="nhsuk-error-summary" tabindex="-1" autofocus=true>
                <div role="alert">
                    <h2 class="nhsuk-error-summary__heading">"There is a problem"</h2>
                    <div class="nhsuk-error-summary__body">
                        <ul class="nhsuk-list nhsuk-error-summary__list">
                            {problems
                                .into_iter()
                                .map(|p| {
                                    if p.field.is_empty() {
                                        view! { <li>{p.message}</li> }.into_any()
                                    } else {
                                        view! {
                                            <li>
                                                <a href=format!("#{}", p.field)>{p.message}</a>
                                            </li>
                                        }
                                            .into_any()
                                    }
                                })
                                .collect_view()}
                        </ul>
                    </div>
                </div>
            </div>
        }
    })
}

/// The message by a field, read out first ("Error: …").
#[component]
pub fn ErrorMessage(id: String, message: Option<String>) -> impl IntoView {
    message.map(|message| {
        view! {
            <span class="nhsuk-error-message" id=id>
                <span class="nhsuk-u-visually-hidden">"Error: "</span>
                {message}
            </span>
        }
    })
}

fn group_class(error: bool, extra: &str) -> String {
    let mut class = String::from("nhsuk-form-group");
    if !extra.is_empty() {
        class.push(' ');
        class.push_str(extra);
    }
    if error {
        class.push_str(" nhsuk-form-group--error");
    }
    class
}

fn described_by(id: &str, hint: bool, error: bool) -> Option<String> {
    let ids: Vec<String> = [
        hint.then(|| format!("{id}-hint")),
        error.then(|| format!("{id}-error")),
    ]
    .into_iter()
    .flatten()
    .collect();
    (!ids.is_empty()).then(|| ids.join(" "))
}

/// A hint under a label or legend.
fn hint_view(id: &str, hint: Option<String>) -> impl IntoView + use<> {
    let id = format!("{id}-hint");
    hint.map(|hint| view! { <div class="nhsuk-hint" id=id>{hint}</div> })
}

/// A labelled one-line text input with optional hint and error.
#[component]
pub fn TextField(
    id: &'static str,
    label: &'static str,
    value: String,
    #[prop(optional, into)] hint: Option<String>,
    error: Option<String>,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(optional)] maxlength: Option<usize>,
    /// An `nhsuk-input--width-*` class, for fields with a known length.
    #[prop(optional)]
    width: Option<&'static str>,
) -> impl IntoView {
    let invalid = error.is_some();
    let mut class = String::from("nhsuk-input");
    if let Some(width) = width {
        class.push(' ');
        class.push_str(width);
    }
    if invalid {
        class.push_str(" nhsuk-input--error");
    }
    view! {
        <div class=group_class(invalid, "")>
            <label class="nhsuk-label" for=id>
                {label}
            </label>
            {hint_view(id, hint.clone())}
            <ErrorMessage id=format!("{id}-error") message=error />
            <input
                class=class
                id=id
                name=id
                type=kind
                value=value
                autocomplete=autocomplete
                maxlength=maxlength
                aria-describedby=described_by(id, hint.is_some(), invalid)
            />
        </div>
    }
}

/// A labelled select; `options` are (value, text) pairs.
#[component]
pub fn SelectField(
    id: &'static str,
    label: &'static str,
    value: String,
    options: Vec<(String, String)>,
    #[prop(optional, into)] hint: Option<String>,
    error: Option<String>,
) -> impl IntoView {
    let invalid = error.is_some();
    let class = if invalid {
        "nhsuk-select nhsuk-select--error"
    } else {
        "nhsuk-select"
    };
    view! {
        <div class=group_class(invalid, "")>
            <label class="nhsuk-label" for=id>
                {label}
            </label>
            {hint_view(id, hint.clone())}
            <ErrorMessage id=format!("{id}-error") message=error />
            <select class=class id=id name=id aria-describedby=described_by(id, hint.is_some(), invalid)>
                {options
                    .into_iter()
                    .map(|(option, text)| {
                        let selected = option == value;
                        view! {
                            <option value=option selected=selected>
                                {text}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </div>
    }
}

/// A green confirmation banner ("Sam Okafor was added to the directory"), the NHS.UK
/// notification banner's success variant. As nhsuk-frontend's script does for a success
/// banner, it takes focus as the page loads (no script needed here), so screen reader users
/// hear that the save worked, also after a post sent in the background (a status region
/// put in the page already filled is often not read out).
#[component]
pub fn Notice(text: String) -> impl IntoView {
    view! {
        <div
            class="nhsuk-notification-banner nhsuk-notification-banner--success"
            role="status"
            tabindex="-1"
            autofocus=true
            aria-labelledby="notice-title"
        >
            <div class="nhsuk-notification-banner__header">
                <h2 class="nhsuk-notification-banner__title" id="notice-title">
                    "Success"
                </h2>
            </div>
            <div class="nhsuk-notification-banner__content">
                <p class="nhsuk-notification-banner__heading">{text}</p>
            </div>
        </div>
    }
}

/// The confirmation of the last save or, when a form with nothing typed in it (a button) was
/// refused, why: the error summary, with its one problem.
pub fn notice(notice: Option<crate::domain::form::Notice>) -> impl IntoView {
    use crate::domain::form::Notice as Said;
    notice.map(|notice| match notice {
        Said::Saved(text) => view! { <Notice text /> }.into_any(),
        Said::Refused(message) => {
            let problems = vec![FieldError {
                field: String::new(),
                message,
            }];
            view! { <ErrorSummary problems /> }.into_any()
        }
    })
}

/// One choice in a group of checkboxes or radios: its value and label.
pub type Choice = (String, String);

/// A group of checkboxes sent as `name[]=code` (or, with `radios`, one radio button sent as
/// `name=code`). The first input's id is `name`, so the error summary can link to the group.
#[component]
pub fn Choices(
    name: &'static str,
    /// The legend; `heading` makes it the page's `<h1>`.
    #[prop(into)]
    legend: String,
    #[prop(optional)] heading: bool,
    #[prop(optional, into)] hint: Option<String>,
    options: Vec<Choice>,
    checked: Vec<String>,
    error: Option<String>,
    #[prop(optional)] radios: bool,
) -> impl IntoView {
    let invalid = error.is_some();
    let kind = if radios { "radios" } else { "checkboxes" };
    let legend = if heading {
        view! {
            <legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--l">
                <h1 class="nhsuk-fieldset__heading">{legend}</h1>
            </legend>
        }
        .into_any()
    } else {
        view! { <legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">{legend}</legend> }
            .into_any()
    };
    view! {
        <div class=group_class(invalid, "")>
            <fieldset class="nhsuk-fieldset" aria-describedby=described_by(name, hint.is_some(), invalid)>
                {legend}
                {hint_view(name, hint.clone())}
                <ErrorMessage id=format!("{name}-error") message=error />
                <div class=format!("nhsuk-{kind}")>
                    {options
                        .into_iter()
                        .enumerate()
                        .map(|(i, (code, label))| {
                            let id = if i == 0 { name.to_string() } else { format!("{name}-{code}") };
                            let is_checked = checked.contains(&code);
                            let (input_type, input_name) = if radios {
                                ("radio", name.to_string())
                            } else {
                                ("checkbox", format!("{name}[]"))
                            };
                            view! {
                                <div class=format!("nhsuk-{kind}__item")>
                                    <input
                                        class=format!("nhsuk-{kind}__input")
                                        type=input_type
                                        id=id.clone()
                                        name=input_name
                                        value=code
                                        checked=is_checked
                                    />
                                    <label class=format!("nhsuk-label nhsuk-{kind}__label") for=id>
                                        {label}
                                    </label>
                                </div>
                            }
                        })
                        .collect_view()}
                </div>
            </fieldset>
        </div>
    }
}

/// One checkbox on its own (sent as `name=yes` when ticked).
#[component]
pub fn Checkbox(name: &'static str, label: &'static str, checked: bool) -> impl IntoView {
    view! {
        <div class="nhsuk-form-group">
            <div class="nhsuk-checkboxes">
                <div class="nhsuk-checkboxes__item">
                    <input
                        class="nhsuk-checkboxes__input"
                        type="checkbox"
                        id=name
                        name=name
                        value="yes"
                        checked=checked
                    />
                    <label class="nhsuk-label nhsuk-checkboxes__label" for=name>
                        {label}
                    </label>
                </div>
            </div>
        </div>
    }
}

/// A day, month and year in three boxes, named `{name}_day`, `{name}_month`, `{name}_year`.
/// With an error (`date_message`), the boxes that are wrong are marked (the one left empty,
/// the 13th month), or all three when the whole date is (a closing date before the opening).
#[component]
pub fn DateField(
    name: &'static str,
    legend: &'static str,
    #[prop(into)] hint: String,
    day: String,
    month: String,
    year: String,
    error: Option<String>,
) -> impl IntoView {
    let invalid = error.is_some();
    let marked = match crate::domain::goals::date_problem([&day, &month, &year], "date") {
        Some((_, wrong)) if invalid => wrong,
        _ => [invalid; 3],
    };
    let class = |width: &str, wrong: bool| {
        let mut class = format!("nhsuk-input nhsuk-date-input__input {width}");
        if wrong {
            class.push_str(" nhsuk-input--error");
        }
        class
    };
    let part = move |suffix: &str, label: &'static str, value: String, width: &str, wrong: bool| {
        let id = format!("{name}_{suffix}");
        view! {
            <div class="nhsuk-date-input__item">
                <div class="nhsuk-form-group">
                    <label class="nhsuk-label nhsuk-date-input__label" for=id.clone()>
                        {label}
                    </label>
                    <input
                        class=class(width, wrong)
                        id=id.clone()
                        name=id
                        type="text"
                        inputmode="numeric"
                        value=value
                    />
                </div>
            </div>
        }
    };
    view! {
        <div class=group_class(invalid, "")>
            <fieldset class="nhsuk-fieldset" role="group" aria-describedby=described_by(name, true, invalid)>
                <legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">{legend}</legend>
                {hint_view(name, Some(hint))}
                <ErrorMessage id=format!("{name}-error") message=error />
                <div class="nhsuk-date-input" id=format!("{name}-input")>
                    {part("day", "Day", day, "nhsuk-input--width-2", marked[0])}
                    {part("month", "Month", month, "nhsuk-input--width-2", marked[1])}
                    {part("year", "Year", year, "nhsuk-input--width-4", marked[2])}
                </div>
            </fieldset>
        </div>
    }
}

/// A labelled `<textarea>` with a hint (which should say the limit), an error, and the NHS.UK
/// character count of `max` (a live count with JavaScript, in an island).
///
/// Leptos 0.8 writes a textarea's children into the server's HTML without escaping them, so
/// text such as `</textarea><script>` would end the element: the text is escaped here and set
/// as the element's inner HTML, which the browser reads back as plain text.
#[component]
pub fn TextAreaField(
    #[prop(into)] id: String,
    /// The name it is posted as, when not its `id` (several on one page post the same name).
    #[prop(optional)]
    name: Option<&'static str>,
    #[prop(into)] label: String,
    #[prop(into)] hint: String,
    /// Things to think about, listed under the hint.
    #[prop(optional)]
    hint_list: Vec<&'static str>,
    text: String,
    max: usize,
    #[prop(default = 5)] rows: u32,
    error: Option<String>,
) -> impl IntoView {
    let invalid = error.is_some();
    let used = text.chars().count();
    let class = if invalid {
        "nhsuk-textarea nhsuk-js-character-count nhsuk-textarea--error"
    } else {
        "nhsuk-textarea nhsuk-js-character-count"
    };
    let described = match described_by(&id, true, invalid) {
        Some(ids) => format!("{ids} {id}-info"),
        None => format!("{id}-info"),
    };
    let name = name.map_or_else(|| id.clone(), str::to_string);
    let (hint_id, error_id, count_id) = (format!("{id}-hint"), format!("{id}-error"), id.clone());
    view! {
        <div class=group_class(invalid, "nhsuk-character-count")>
            <label class="nhsuk-label" for=id.clone()>
                {label}
            </label>
            <div class="nhsuk-hint" id=hint_id>
                {hint}
                {(!hint_list.is_empty())
                    .then(|| {
                        view! {
                            <ul class="nhsuk-list nhsuk-list--bullet">
                                {hint_list.into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}
                            </ul>
                        }
                    })}
            </div>
            <ErrorMessage id=error_id message=error />
            <textarea
                class=class
                id=id
                name=name
                rows=rows
                aria-describedby=described
                inner_html=crate::domain::text::escape_html(&text)
            ></textarea>
            <CharacterCount field=count_id max used />
        </div>
    }
}

/// Where a form would be, for a carer whose permission is to see the part only.
#[component]
pub fn ReadOnlyNotice() -> impl IntoView {
    view! {
        <div class="nhsuk-inset-text" id="read-only">
            <span class="nhsuk-u-visually-hidden">"Information: "</span>
            <p>"You can see this part but not change it: the permission you were given is to see it only."</p>
        </div>
    }
}
