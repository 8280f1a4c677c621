//! The resident's record as a whole: the parts it is made of and references to their versions
//! (what acknowledgements, the access log and export point at), the printable summary, and
//! when it was last reviewed.

use super::about_me::SectionNow;
use super::goals::GoalNow;
use super::needs::Needs;
use serde::{Deserialize, Serialize};

pub const DAY_MILLIS: i64 = 24 * 60 * 60 * 1000;

super::coded_enum!(
    /// The kinds of part a record is made of. Every part is kept the same way: each save adds
    /// a version (1, 2, 3… per part), with its author, the resident it is about, and its time.
    /// A review is "Nothing has changed": the resident looked over their record and confirmed it.
    PartKind {
        AboutMe = "about-me", "About me";
        Needs = "needs", "Communication needs";
        Goal = "goal", "Goal";
        GoalNote = "goal-note", "Progress note";
        Statement = "statement", "Person statement";
        Review = "review", "Review";
    }
);

/// One part of a resident's record: About Me section `wellness`, goal `g7k…`, the needs.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Part {
    pub kind: PartKind,
    /// The item within its kind: a section or statement code, a goal's key; `needs` for the
    /// one set of needs.
    pub key: String,
}

impl Part {
    pub fn new(kind: PartKind, key: impl Into<String>) -> Part {
        Part {
            kind,
            key: key.into(),
        }
    }

    pub fn about_me(section: super::about_me::Section) -> Part {
        Part::new(PartKind::AboutMe, section.code())
    }
}

/// Exactly one version of one part: what a member of staff read and acknowledged, what an
/// access-log entry names.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct VersionRef {
    pub part: Part,
    pub version: i64,
}

/// Everything the one-page summary shows, read in a fixed number of queries.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordSummary {
    pub name: String,
    /// `None` when not shown to this reader (a carer whose grant does not name it).
    pub needs: Option<Needs>,
    /// Who wrote the needs, when not the resident (a carer for them).
    #[serde(default)]
    pub needs_written_by: Option<String>,
    /// The sections this reader may see.
    pub about_me: Vec<SectionNow>,
    /// Current goals only; `None` when not shown to this reader.
    pub goals: Option<Vec<GoalNow>>,
    pub review: ReviewStatus,
}

/// The head of a resident's record on their home page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordHead {
    /// `None` when a carer's grant does not name the needs.
    pub needs: Option<crate::needs::Needs>,
    pub review: ReviewStatus,
    /// Messages from the team not yet seen.
    #[serde(default)]
    pub new_responses: i64,
    /// Goals the team proposed that wait for an answer.
    #[serde(default)]
    pub proposals_waiting: i64,
}

/// "Nothing has changed": confirming the record is still right has no fields.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewForm {}

impl crate::form::Form for ReviewForm {
    const ID: &'static str = "review";
    const NOTHING_TYPED: bool = true;
}

/// When the record was last changed or confirmed, and whether it is time to look again.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewStatus {
    pub last_reviewed: Option<i64>,
    pub due: bool,
}

impl ReviewStatus {
    /// A record nobody has written in is not due: there is nothing to review yet.
    pub fn at(last_reviewed: Option<i64>, now: i64, review_after_days: i64) -> ReviewStatus {
        ReviewStatus {
            last_reviewed,
            due: last_reviewed.is_some_and(|at| now - at >= review_after_days * DAY_MILLIS),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: i64 = 1_795_367_220_000;

    #[test]
    fn a_review_is_due_after_that_many_whole_days_of_milliseconds() {
        // 182 days of 86,400,000 ms, written out so the day's length is checked too.
        assert!(ReviewStatus::at(Some(NOW - 15_724_800_000), NOW, 182).due);
        assert!(!ReviewStatus::at(Some(NOW - 15_724_799_999), NOW, 182).due);
        assert_eq!(
            DAY_MILLIS,
            jiff::SignedDuration::from_hours(24).as_millis() as i64
        );
    }

    #[test]
    fn a_record_is_due_for_review_after_the_period() {
        assert!(!ReviewStatus::at(Some(NOW - 181 * DAY_MILLIS), NOW, 182).due);
        assert!(ReviewStatus::at(Some(NOW - 182 * DAY_MILLIS), NOW, 182).due);
        assert!(ReviewStatus::at(Some(NOW - 8 * DAY_MILLIS), NOW, 7).due);
    }

    #[test]
    fn an_empty_record_is_not_due() {
        assert!(!ReviewStatus::at(None, NOW, 182).due);
    }

    /// Every part's stored JSON, pinned: the text is what old versions hold, so a renamed field
    /// or code must fail here rather than orphan them (and needs a migration instead).
    mod stored_bodies {
        use crate::about_me::{SectionBody, Supporter};
        use crate::goals::{Achievement, Day, Goal, Lifecycle, Note};
        use crate::needs::{Contact, Format, Needs, Professional, Support};
        use crate::statements::{Answer, Truth};
        use serde::Serialize;
        use serde::de::DeserializeOwned;

        fn pinned<T: Serialize + DeserializeOwned + PartialEq>(stored: &str, value: T) {
            let read: T = serde_json::from_str(stored).expect("the pinned body reads back");
            assert!(read == value, "the pinned body reads as a different value");
            assert_eq!(serde_json::to_string(&value).unwrap(), stored);
        }

        #[test]
        fn about_me() {
            pinned(
                r#"{"text":"I like tea.","supported_by":{"name":"Lin","relationship":"daughter"}}"#,
                SectionBody {
                    text: "I like tea.".into(),
                    supported_by: Some(Supporter {
                        name: "Lin".into(),
                        relationship: "daughter".into(),
                    }),
                },
            );
            pinned(
                r#"{"text":"","supported_by":null}"#,
                SectionBody {
                    text: String::new(),
                    supported_by: None,
                },
            );
        }

        #[test]
        fn needs() {
            pinned(
                concat!(
                    r#"{"formats":["large-print"],"support":["hearing-loop"],"#,
                    r#""professionals":["bsl-interpreter"],"language":"Urdu","interpreter":true,"#,
                    r#""contact":["text-message"],"avoid_times":"Not before 10am","#,
                    r#""how_to_talk":"Slowly"}"#
                ),
                Needs {
                    formats: vec![Format::LargePrint],
                    support: vec![Support::HearingLoop],
                    professionals: vec![Professional::BslInterpreter],
                    language: Some("Urdu".into()),
                    interpreter: true,
                    contact: vec![Contact::TextMessage],
                    avoid_times: Some("Not before 10am".into()),
                    how_to_talk: Some("Slowly".into()),
                },
            );
        }

        #[test]
        fn goal_and_note() {
            pinned(
                concat!(
                    r#"{"description":"Walk to the shop","why":"To see people","#,
                    r#""target":{"year":2027,"month":4,"day":30},"lifecycle":"active","#,
                    r#""achievement":"in-progress"}"#
                ),
                Goal {
                    description: "Walk to the shop".into(),
                    why: Some("To see people".into()),
                    target: Day::new(2027, 4, 30),
                    lifecycle: Lifecycle::Active,
                    achievement: Some(Achievement::InProgress),
                },
            );
            pinned(
                r#"{"text":"Went twice"}"#,
                Note {
                    text: "Went twice".into(),
                },
            );
        }

        #[test]
        fn statement_answer_and_review() {
            pinned(
                r#"{"truth":"a-little","comment":"Sometimes"}"#,
                Answer {
                    truth: Truth::ALittle,
                    comment: Some("Sometimes".into()),
                },
            );
            // A review holds nothing but its author and time.
            pinned("null", ());
        }
    }

    #[test]
    fn an_about_me_part_is_keyed_by_its_section_code() {
        // Rule: an About Me section's part is (about-me, its code), as sharing and
        // acknowledgements name it.
        use crate::about_me::Section;
        assert_eq!(
            Part::about_me(Section::DoAndDont),
            Part::new(PartKind::AboutMe, "do-and-dont")
        );
    }

    #[test]
    fn a_review_is_due_only_after_the_whole_period() {
        // Rule: one millisecond short of the period is not due; a record reviewed in the
        // future (clock skew) is not due.
        assert!(!ReviewStatus::at(Some(NOW - 182 * DAY_MILLIS + 1), NOW, 182).due);
        assert!(!ReviewStatus::at(Some(NOW + DAY_MILLIS), NOW, 182).due);
        assert_eq!(
            ReviewStatus::at(Some(NOW), NOW, 182).last_reviewed,
            Some(NOW)
        );
    }
}
