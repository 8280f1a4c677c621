//! The city's 'person' statements and how true each feels to a resident, dated, with earlier
//! answers kept.

use super::text::free_text;
use crate::error::FieldError;
use serde::{Deserialize, Serialize};

pub const MAX_COMMENT_CHARS: usize = 1_000;

/// One of the city's statements (configuration data).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Statement {
    pub code: String,
    pub text: String,
}

/// How true a statement feels: a five-point scale. Stored under its code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Truth {
    NotAtAll,
    ALittle,
    Partly,
    Mostly,
    Completely,
}

impl Truth {
    pub const ALL: [Truth; 5] = [
        Truth::Completely,
        Truth::Mostly,
        Truth::Partly,
        Truth::ALittle,
        Truth::NotAtAll,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Truth::NotAtAll => "not-at-all",
            Truth::ALittle => "a-little",
            Truth::Partly => "partly",
            Truth::Mostly => "mostly",
            Truth::Completely => "completely",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Truth::NotAtAll => "Not true at all",
            Truth::ALittle => "A little true",
            Truth::Partly => "Partly true",
            Truth::Mostly => "Mostly true",
            Truth::Completely => "Completely true",
        }
    }

    pub fn parse(code: &str) -> Option<Truth> {
        Truth::ALL.into_iter().find(|t| t.code() == code)
    }

    /// 1 (not at all) to 5 (completely), for later dashboards.
    pub fn score(self) -> u8 {
        match self {
            Truth::NotAtAll => 1,
            Truth::ALittle => 2,
            Truth::Partly => 3,
            Truth::Mostly => 4,
            Truth::Completely => 5,
        }
    }
}

/// An answer as stored.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Answer {
    pub truth: Truth,
    pub comment: Option<String>,
}

impl std::fmt::Debug for Answer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Answer")
            .field("truth", &self.truth)
            .finish_non_exhaustive()
    }
}

/// A dated answer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnswerNow {
    pub answer: Answer,
    pub created_at: i64,
}

/// A statement with the resident's answers, newest first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatementAnswers {
    pub statement: Statement,
    pub answers: Vec<AnswerNow>,
}

/// An answer as typed: how true the statement feels (a `Truth` code) and a comment.
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AnswerForm {
    pub truth: String,
    pub comment: String,
}

impl std::fmt::Debug for AnswerForm {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AnswerForm")
            .field("truth", &self.truth)
            .finish_non_exhaustive()
    }
}

impl crate::form::Form for AnswerForm {
    const ID: &'static str = "statement";
}

pub fn check_answer(truth: &str, comment: &str) -> Result<Answer, Vec<FieldError>> {
    let mut errors = Vec::new();
    let truth = Truth::parse(truth);
    if truth.is_none() {
        errors.push(FieldError {
            field: "truth".into(),
            message: "Select how true this feels for you now".into(),
        });
    }
    let comment = free_text(comment, MAX_COMMENT_CHARS)
        .map_err(|e| {
            errors.push(FieldError {
                field: "comment".into(),
                message: e.to_string(),
            })
        })
        .ok()
        .flatten();
    match truth {
        Some(truth) if errors.is_empty() => Ok(Answer { truth, comment }),
        _ => Err(errors),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_answer_reads_as_how_true_it_feels_most_true_first() {
        let labels: Vec<&str> = Truth::ALL.into_iter().map(Truth::label).collect();
        assert_eq!(
            labels,
            [
                "Completely true",
                "Mostly true",
                "Partly true",
                "A little true",
                "Not true at all",
            ]
        );
    }

    #[test]
    fn an_answer_needs_a_point_on_the_scale() {
        assert_eq!(check_answer("mostly", "").unwrap().truth, Truth::Mostly);
        assert_eq!(check_answer("", "").unwrap_err()[0].field, "truth");
        assert_eq!(check_answer("very", "").unwrap_err()[0].field, "truth");
    }

    #[test]
    fn comments_follow_the_text_rules() {
        assert_eq!(
            check_answer("partly", " fine ").unwrap().comment.as_deref(),
            Some("fine")
        );
        assert_eq!(
            check_answer("partly", "a\u{0}").unwrap_err()[0].field,
            "comment"
        );
        assert!(check_answer("partly", &"a".repeat(1001)).is_err());
    }

    #[test]
    fn answers_are_stored_under_their_codes() {
        for t in Truth::ALL {
            assert_eq!(
                serde_json::to_string(&t).unwrap(),
                format!("\"{}\"", t.code())
            );
        }
    }

    #[test]
    fn the_scale_runs_from_one_to_five() {
        let scores: Vec<u8> = Truth::ALL.iter().map(|t| t.score()).collect();
        assert_eq!(scores, [5, 4, 3, 2, 1]);
        for t in Truth::ALL {
            assert_eq!(Truth::parse(t.code()), Some(t));
        }
    }
}
