//! The resident's record as a whole: the printable summary and when it was last reviewed.

use super::about_me::SectionNow;
use super::goals::GoalNow;
use super::needs::Needs;
use serde::{Deserialize, Serialize};

pub const DAY_MILLIS: i64 = 24 * 60 * 60 * 1000;

/// Everything the one-page summary shows, read in a fixed number of queries.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordSummary {
    pub name: String,
    pub needs: Needs,
    pub about_me: Vec<SectionNow>,
    /// Current goals only.
    pub goals: Vec<GoalNow>,
    pub review: ReviewStatus,
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
    fn a_record_is_due_for_review_after_the_period() {
        assert!(!ReviewStatus::at(Some(NOW - 181 * DAY_MILLIS), NOW, 182).due);
        assert!(ReviewStatus::at(Some(NOW - 182 * DAY_MILLIS), NOW, 182).due);
        assert!(ReviewStatus::at(Some(NOW - 8 * DAY_MILLIS), NOW, 7).due);
    }

    #[test]
    fn an_empty_record_is_not_due() {
        assert!(!ReviewStatus::at(None, NOW, 182).due);
    }
}
