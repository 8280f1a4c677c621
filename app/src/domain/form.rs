//! What a form page needs to show after a failed save: the problems, and what was typed.

use crate::error::{AppError, FieldError};
use serde::{Deserialize, Serialize};

/// A failed form post, kept for the page that shows it again (see
/// `server::context::keep_failed_form`).
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormFlash {
    pub values: Vec<(String, String)>,
    pub error: AppError,
}

impl FormFlash {
    /// Every value sent for a field (a group of checkboxes).
    pub fn values_of(&self, field: &str) -> Vec<String> {
        self.values
            .iter()
            .filter(|(name, _)| name == field)
            .map(|(_, value)| value.clone())
            .collect()
    }

    pub fn value(&self, field: &str) -> Option<String> {
        self.values
            .iter()
            .find(|(name, _)| name == field)
            .map(|(_, value)| value.clone())
    }
}

// Typed values may be personal: Debug names the fields only.
impl std::fmt::Debug for FormFlash {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FormFlash")
            .field(
                "fields",
                &self.values.iter().map(|(k, _)| k).collect::<Vec<_>>(),
            )
            .finish_non_exhaustive()
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_problems_keep_their_fields_and_others_become_one_line() {
        let invalid = AppError::field("email", "Enter an email");
        assert_eq!(problems(&invalid)[0].field, "email");
        let conflict = AppError::Conflict("Someone else saved first".into());
        assert_eq!(problems(&conflict)[0].field, "");
        assert_eq!(problems(&conflict)[0].message, "Someone else saved first");
    }

    #[test]
    fn debug_output_never_shows_what_was_typed() {
        let flash = FormFlash {
            values: vec![("name".into(), "Sam Okafor".into())],
            error: AppError::NotFound,
        };
        assert!(!format!("{flash:?}").contains("Sam"));
        assert_eq!(flash.value("name").as_deref(), Some("Sam Okafor"));
    }
}
