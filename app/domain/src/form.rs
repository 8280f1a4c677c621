//! A form, declared once: a struct whose fields are the form's inputs.
//!
//! The struct's field names are the inputs' `name`s (a group of checkboxes is a `Vec<String>`
//! posted as `name[]`), so the same type is what the server function receives, what a failed
//! post keeps for the page to show again, and what the page fills its inputs from. Its checks
//! live beside it in `domain/`; `ID` names it wherever a failed post is kept.

use crate::error::{AppError, FieldError};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

pub trait Form: Clone + Default + Serialize + DeserializeOwned + Send + Sync + 'static {
    /// Names the form in the session's slot for a failed post. A page with one form for each of
    /// several things (each goal, each staff member) adds the thing's key: see [`kept_key`].
    const ID: &'static str;

    /// Nothing is typed in the form (a button, with hidden fields at most), so a refusal has
    /// nothing to show again beside fields: it is shown at the top of the page the post came
    /// back to, as the page's problem ([`Notice::Refused`]), instead of being kept for the form.
    const NOTHING_TYPED: bool = false;
}

/// The message at the top of the page after a post: a save's confirmation, or why a form with
/// nothing typed in it was refused.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Notice {
    Saved(String),
    Refused(String),
}

/// Where a failed post of form `F` for `instance` is kept ("goal:7", "needs:").
pub fn kept_key<F: Form>(instance: &str) -> String {
    // Keys come from the request: a long one must not make the session grow.
    let instance: String = instance.chars().take(40).collect();
    format!("{}:{instance}", F::ID)
}

/// A failed post of a form, kept for the one page load that shows it again: what was typed
/// and what was wrong.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Kept<F> {
    pub form: F,
    pub error: AppError,
}

impl<F> Kept<F> {
    /// The problems its error summary lists.
    pub fn problems(&self) -> Vec<FieldError> {
        problems(&self.error)
    }

    /// It was refused because someone saved the same part first: the page shows what is saved
    /// now beside what was typed.
    pub fn is_stale(&self) -> bool {
        matches!(self.error, AppError::Conflict(_))
    }
}

// What was typed may be personal: Debug shows the kind of problem only.
impl<F> std::fmt::Debug for Kept<F> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Kept")
            .field("status", &self.error.status())
            .finish_non_exhaustive()
    }
}

/// The problems for an optional kept form (none when nothing was kept).
pub fn kept_problems<F>(kept: &Option<Kept<F>>) -> Vec<FieldError> {
    kept.as_ref().map(Kept::problems).unwrap_or_default()
}

/// What a form starts with: what was typed, if a post failed, else what `saved` gives.
pub fn start_with<F: Clone>(kept: &Option<Kept<F>>, saved: impl FnOnce() -> F) -> F {
    kept.as_ref().map(|k| k.form.clone()).unwrap_or_else(saved)
}

/// The view model of a screen without a form of its own: its data, and the confirmation left
/// by the save that led to it.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Screen<T> {
    pub data: T,
    pub notice: Option<Notice>,
}

/// The view model of a screen with one form: the screen's own data, the confirmation left by
/// the last save, and a failed post of its form to show again.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct FormScreen<T, F> {
    pub data: T,
    pub notice: Option<Notice>,
    pub kept: Option<Kept<F>>,
    /// The reader may see this but not change it (a carer whose grant says see only): the page
    /// shows what is saved, without its form.
    #[serde(default)]
    pub read_only: bool,
}

impl<T, F: Clone> FormScreen<T, F> {
    pub fn problems(&self) -> Vec<FieldError> {
        kept_problems(&self.kept)
    }

    pub fn is_stale(&self) -> bool {
        self.kept.as_ref().is_some_and(Kept::is_stale)
    }

    pub fn start_with(&self, saved: impl FnOnce(&T) -> F) -> F {
        start_with(&self.kept, || saved(&self.data))
    }
}

/// A single checkbox: ticked when it was sent (with any value), unticked when it was not (so
/// the field also needs `#[serde(default)]`). Kept forms store it as a plain `true`/`false`.
pub fn checkbox<'de, D: serde::Deserializer<'de>>(input: D) -> Result<bool, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Sent {
        Ticked(bool),
        Value(String),
    }
    Ok(match Sent::deserialize(input)? {
        Sent::Ticked(ticked) => ticked,
        Sent::Value(value) => !value.is_empty(),
    })
}

/// The problems an error summary lists: each field's own, or one line for the whole form
/// (`field` empty) when the problem is not about one field.
pub fn problems(error: &AppError) -> Vec<FieldError> {
    match error {
        AppError::Invalid { fields } if !fields.is_empty() => fields.clone(),
        AppError::Invalid { .. } => vec![FieldError {
            field: String::new(),
            message: "The form could not be read. Reload the page and try again.".into(),
        }],
        other => vec![FieldError {
            field: String::new(),
            message: other.to_string(),
        }],
    }
}

/// The message for `field` among `problems`, shown by the field.
pub fn message_for(problems: &[FieldError], field: &str) -> Option<String> {
    problems
        .iter()
        .find(|p| p.field == field)
        .map(|p| p.message.clone())
}

/// The message for the date in the boxes `{name}_day`, `{name}_month` and `{name}_year`
/// among `problems` (a problem names the first wrong box).
pub fn date_message(problems: &[FieldError], name: &str) -> Option<String> {
    problems
        .iter()
        .find(|p| {
            p.field
                .strip_prefix(name)
                .and_then(|rest| rest.strip_prefix('_'))
                .is_some_and(|part| crate::goals::DATE_PARTS.contains(&part))
        })
        .map(|p| p.message.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Clone, Default, PartialEq, Debug, Serialize, Deserialize)]
    struct Pets {
        name: String,
        kinds: Vec<String>,
    }
    impl Form for Pets {
        const ID: &'static str = "pets";
    }

    #[test]
    fn field_problems_keep_their_fields_and_others_become_one_line() {
        let invalid = AppError::field("email", "Enter an email");
        assert_eq!(problems(&invalid)[0].field, "email");
        assert_eq!(
            message_for(&problems(&invalid), "email").as_deref(),
            Some("Enter an email")
        );
        let conflict = AppError::Conflict("Someone else saved first".into());
        assert_eq!(problems(&conflict)[0].field, "");
        assert_eq!(problems(&conflict)[0].message, "Someone else saved first");
    }

    #[test]
    fn a_date_message_is_found_on_any_of_its_boxes_and_only_its_own() {
        let on = |field: &str| {
            vec![FieldError {
                field: field.into(),
                message: "The end date must include a month".into(),
            }]
        };
        for field in ["ends_day", "ends_month", "ends_year"] {
            assert!(date_message(&on(field), "ends").is_some(), "{field}");
        }
        for field in [
            "ends",
            "ends_",
            "ends_hour",
            "opens_day",
            "xends_day",
            "ends_day_",
        ] {
            assert_eq!(date_message(&on(field), "ends"), None, "{field}");
        }
    }

    #[test]
    fn debug_output_never_shows_what_was_typed() {
        let kept = Kept {
            form: Pets {
                name: "Sam Okafor".into(),
                kinds: vec![],
            },
            error: AppError::field("name", "Too long"),
        };
        assert!(!format!("{kept:?}").contains("Sam"));
    }

    #[test]
    fn a_form_starts_with_what_was_typed_else_what_is_saved() {
        let typed = Pets {
            name: "typed".into(),
            kinds: vec!["cat".into()],
        };
        let screen = FormScreen {
            data: "saved".to_string(),
            notice: None,
            kept: Some(Kept {
                form: typed.clone(),
                error: AppError::Conflict("changed".into()),
            }),
            read_only: false,
        };
        assert_eq!(screen.start_with(|_| Pets::default()), typed);
        assert!(screen.is_stale());
        let fresh: FormScreen<String, Pets> = FormScreen {
            data: "saved".into(),
            notice: None,
            kept: None,
            read_only: false,
        };
        let start = fresh.start_with(|saved| Pets {
            name: saved.clone(),
            kinds: vec![],
        });
        assert_eq!(start.name, "saved");
        assert!(fresh.problems().is_empty());
    }

    #[test]
    fn kept_keys_name_the_form_and_are_bounded() {
        assert_eq!(kept_key::<Pets>("7"), "pets:7");
        assert_eq!(kept_key::<Pets>(&"x".repeat(500)).len(), "pets:".len() + 40);
    }

    #[test]
    fn an_unreadable_form_is_one_line_for_the_whole_form() {
        // Rule: an Invalid error with no fields still shows a problem, not an empty summary.
        let unreadable = AppError::Invalid { fields: Vec::new() };
        assert_eq!(
            problems(&unreadable),
            vec![FieldError {
                field: String::new(),
                message: "The form could not be read. Reload the page and try again.".into(),
            }]
        );
        assert_eq!(message_for(&problems(&unreadable), "name"), None);
    }

    #[test]
    fn only_a_conflict_is_stale_and_a_kept_form_shows_its_problems() {
        // Rule: a page shows "saved meanwhile" only for a conflict; the problems shown are the
        // kept error's.
        let kept = |error: AppError| Kept {
            form: Pets::default(),
            error,
        };
        assert!(!kept(AppError::field("name", "Enter a name")).is_stale());
        assert!(kept(AppError::Conflict("changed".into())).is_stale());
        let screen = FormScreen {
            data: (),
            notice: None,
            kept: Some(kept(AppError::field("name", "Enter a name"))),
            read_only: false,
        };
        assert!(!screen.is_stale());
        assert_eq!(
            screen.problems(),
            vec![FieldError {
                field: "name".into(),
                message: "Enter a name".into(),
            }]
        );
        let fresh: FormScreen<(), Pets> = FormScreen {
            data: (),
            notice: None,
            kept: None,
            read_only: false,
        };
        assert!(!fresh.is_stale());
        assert_eq!(kept_problems(&screen.kept), screen.problems());
        assert!(kept_problems::<Pets>(&None).is_empty());
    }

    #[derive(Deserialize)]
    struct Tick {
        #[serde(default, deserialize_with = "checkbox")]
        on: bool,
    }

    #[test]
    fn a_checkbox_is_ticked_when_sent_with_any_value() {
        // Rule: sent with a value is ticked; sent empty or not sent is not; a kept true/false
        // reads back as itself.
        let on = |json: &str| serde_json::from_str::<Tick>(json).unwrap().on;
        assert!(on(r#"{"on":"yes"}"#));
        assert!(on(r#"{"on":"on"}"#));
        assert!(!on(r#"{"on":""}"#));
        assert!(!on("{}"));
        assert!(on(r#"{"on":true}"#));
        assert!(!on(r#"{"on":false}"#));
    }
}
