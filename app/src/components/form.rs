//! Form parts in the NHS.UK / GOV.UK pattern: an error summary at the top that links to each
//! field, the message by the field, labels and hints tied to their inputs.

use crate::components::character_count::CharacterCount;
use crate::error::FieldError;
use leptos::prelude::*;

/// The list of problems at the top of a form. The page that shows it is the one a failed post
/// came back to, so it takes focus as the page loads (`autofocus`, no script needed) and screen
/// reader users hear it first.
#[component]
pub fn ErrorSummary(#[prop(into)] problems: Signal<Vec<FieldError>>) -> impl IntoView {
    move || {
        let problems = problems.get();
        (!problems.is_empty()).then(|| {
            view! {
                <div
                    class="hive-error-summary"
                    role="alert"
                    aria-labelledby="error-summary-title"
                    tabindex="-1"
                    autofocus=true
                >
                    <h2 class="hive-error-summary__title" id="error-summary-title">
                        "There is a problem"
                    </h2>
                    <ul class="hive-error-summary__list">
                        {problems
                            .into_iter()
                            .map(|p| {
                                if p.field.is_empty() {
                                    view! { <li>{p.message}</li> }.into_any()
                                } else {
                                    view! {
                                        <li>
                                            <a href=format!("#{}", p.field)>
                                                {p.message}
                                            </a>
                                        </li>
                                    }
                                        .into_any()
                                }
                            })
                            .collect_view()}
                    </ul>
                </div>
            }
        })
    }
}

/// A form's problems to show: from its last post with JavaScript (the action's value), else
/// from a post without JavaScript (what the session kept for the page). Every form page uses it.
pub fn form_problems(
    latest: Signal<Option<Result<(), crate::error::AppError>>>,
    flash: Option<&crate::domain::form::FormFlash>,
) -> Signal<Vec<FieldError>> {
    use crate::domain::form::problems;
    let kept = flash.map(|f| problems(&f.error)).unwrap_or_default();
    Signal::derive(move || match latest.get() {
        Some(Err(error)) => problems(&error),
        Some(Ok(())) => Vec::new(),
        None => kept.clone(),
    })
}

/// The message for `field`, as it changes with the form's problems.
pub fn message_for(
    problems: Signal<Vec<FieldError>>,
    field: &'static str,
) -> Signal<Option<String>> {
    Signal::derive(move || {
        problems
            .get()
            .into_iter()
            .find(|p| p.field == field)
            .map(|p| p.message)
    })
}

/// A labelled one-line text input with optional hint and error.
#[component]
pub fn TextField(
    id: &'static str,
    label: &'static str,
    value: String,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(into)] error: Signal<Option<String>>,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(optional)] maxlength: Option<usize>,
) -> impl IntoView {
    let described = move || described_by(id, hint.is_some(), error.get().is_some());
    let class = move || {
        if error.get().is_some() {
            "hive-form-group hive-form-group--error"
        } else {
            "hive-form-group"
        }
    };
    view! {
        <div class=class>
            <label class="hive-label" for=id>
                {label}
            </label>
            {hint.map(|hint| view! { <div class="hive-hint" id=format!("{id}-hint")>{hint}</div> })}
            {move || {
                error
                    .get()
                    .map(|error| {
                        view! {
                            <p class="hive-error-message" id=format!("{id}-error")>
                                <span class="hive-visually-hidden">"Error: "</span>
                                {error}
                            </p>
                        }
                    })
            }}
            <input
                class="hive-input"
                id=id
                name=id
                type=kind
                value=value
                autocomplete=autocomplete
                maxlength=maxlength
                aria-describedby=described
                aria-invalid=move || error.get().is_some().then_some("true")
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
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(into)] error: Signal<Option<String>>,
) -> impl IntoView {
    let described = move || described_by(id, hint.is_some(), error.get().is_some());
    let class = move || {
        if error.get().is_some() {
            "hive-form-group hive-form-group--error"
        } else {
            "hive-form-group"
        }
    };
    view! {
        <div class=class>
            <label class="hive-label" for=id>
                {label}
            </label>
            {hint.map(|hint| view! { <div class="hive-hint" id=format!("{id}-hint")>{hint}</div> })}
            {move || {
                error
                    .get()
                    .map(|error| {
                        view! {
                            <p class="hive-error-message" id=format!("{id}-error")>
                                <span class="hive-visually-hidden">"Error: "</span>
                                {error}
                            </p>
                        }
                    })
            }}
            <select
                class="hive-select"
                id=id
                name=id
                aria-describedby=described
                aria-invalid=move || error.get().is_some().then_some("true")
            >
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

/// A green confirmation banner ("Sam Okafor was added to the directory").
#[component]
pub fn Notice(text: String) -> impl IntoView {
    view! {
        <div class="hive-notice" role="status">
            <p>{text}</p>
        </div>
    }
}

/// A `<textarea>` holding `text`. Leptos 0.8 writes a textarea's children into the server's
/// HTML without escaping them, so text such as `</textarea><script>` would end the element:
/// the text is escaped here and set as the element's inner HTML, which the browser reads back
/// as plain text (both from the server's page and when rendered in the browser).
#[component]
pub fn TextArea(
    id: &'static str,
    text: String,
    #[prop(default = 8)] rows: u32,
    #[prop(into)] described_by: Signal<String>,
    #[prop(into)] invalid: Signal<bool>,
) -> impl IntoView {
    view! {
        <textarea
            class="hive-textarea"
            id=id
            name=id
            rows=rows
            aria-describedby=described_by
            aria-invalid=move || invalid.get().then_some("true")
            inner_html=crate::domain::text::escape_html(&text)
        ></textarea>
    }
}

/// A group of checkboxes sent as `name[]=code`. The first box's id is `name`, so the error
/// summary can link to the group.
#[component]
pub fn Checkboxes(
    name: &'static str,
    legend: &'static str,
    #[prop(optional)] hint: Option<&'static str>,
    options: Vec<(&'static str, &'static str)>,
    checked: Vec<String>,
    #[prop(into)] error: Signal<Option<String>>,
) -> impl IntoView {
    let class = move || {
        if error.get().is_some() {
            "hive-form-group hive-form-group--error"
        } else {
            "hive-form-group"
        }
    };
    view! {
        <div class=class>
            <fieldset
                class="hive-fieldset"
                aria-describedby=move || {
                    let ids: Vec<String> = [
                        hint.map(|_| format!("{name}-hint")),
                        error.get().map(|_| format!("{name}-error")),
                    ]
                    .into_iter()
                    .flatten()
                    .collect();
                    (!ids.is_empty()).then(|| ids.join(" "))
                }
            >
                <legend class="hive-fieldset__legend">{legend}</legend>
                {hint.map(|hint| view! { <div class="hive-hint" id=format!("{name}-hint")>{hint}</div> })}
                {move || {
                    error
                        .get()
                        .map(|error| {
                            view! {
                                <p class="hive-error-message" id=format!("{name}-error")>
                                    <span class="hive-visually-hidden">"Error: "</span>
                                    {error}
                                </p>
                            }
                        })
                }}
                <div class="hive-checkboxes">
                    {options
                        .into_iter()
                        .enumerate()
                        .map(|(i, (code, label))| {
                            let id = if i == 0 { name.to_string() } else { format!("{name}-{code}") };
                            let is_checked = checked.iter().any(|c| c == code);
                            view! {
                                <div class="hive-checkboxes__item">
                                    <input
                                        class="hive-checkboxes__input"
                                        type="checkbox"
                                        id=id.clone()
                                        name=format!("{name}[]")
                                        value=code
                                        checked=is_checked
                                    />
                                    <label class="hive-checkboxes__label" for=id>
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

/// A labelled `<textarea>` with a hint (which should say the limit), an error, and (with
/// JavaScript) a live count of the characters left of `max`.
#[component]
pub fn TextAreaField(
    id: &'static str,
    label: String,
    hint: String,
    text: String,
    max: usize,
    #[prop(default = 5)] rows: u32,
    #[prop(into)] error: Signal<Option<String>>,
) -> impl IntoView {
    let class = move || {
        if error.get().is_some() {
            "hive-form-group hive-form-group--error"
        } else {
            "hive-form-group"
        }
    };
    let used = text.chars().count();
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let described = {
        let (hint_id, error_id) = (hint_id.clone(), error_id.clone());
        Signal::derive(move || {
            if error.get().is_some() {
                format!("{hint_id} {error_id}")
            } else {
                hint_id.clone()
            }
        })
    };
    view! {
        <div class=class>
            <label class="hive-label" for=id>
                {label}
            </label>
            <div class="hive-hint" id=hint_id>
                {hint}
            </div>
            {move || {
                let error_id = error_id.clone();
                error
                    .get()
                    .map(|error| {
                        view! {
                            <p class="hive-error-message" id=error_id>
                                <span class="hive-visually-hidden">"Error: "</span>
                                {error}
                            </p>
                        }
                    })
            }}
            <TextArea
                id
                text
                rows
                described_by=described
                invalid=Signal::derive(move || error.get().is_some())
            />
            <CharacterCount field=id.to_string() max used />
        </div>
    }
}
