//! What the neighbourhood team sees: its queue of residents who share something, and a shared
//! record, communication needs first (the Accessible Information Standard's flag).

use super::about_me::SectionVersion;
use super::goals::GoalNow;
use super::needs::Needs;
use super::sharing::Scope;
use super::statements::Truth;
use serde::{Deserialize, Serialize};

/// Residents on one page of the queue.
pub const QUEUE_PAGE: i64 = 25;

/// A resident in the queue.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueEntry {
    pub resident: i64,
    pub name: String,
    pub ward: String,
    pub last_change_at: i64,
    pub has_needs: bool,
}

/// A page of the team's queue, with its counts and where the next page starts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Queue {
    pub team: String,
    pub neighbourhood: String,
    pub entries: Vec<QueueEntry>,
    pub total: i64,
    pub with_needs: i64,
    /// The `after` key of the next page (`{time}-{resident}`), when there is one.
    pub next: Option<String>,
}

/// A queue page key as the address carries it: `{last_change_at}-{resident}`.
pub fn queue_key(last_change_at: i64, resident: i64) -> String {
    format!("{last_change_at}-{resident}")
}

pub fn parse_queue_key(text: &str) -> Option<(i64, i64)> {
    let (at, id) = text.split_once('-')?;
    Some((at.parse().ok()?, id.parse().ok()?))
}

/// The communication needs as the team sees them: shared (with the version), recorded but not
/// shared (the team is told they exist, not what they are), or none recorded.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum TeamNeeds {
    Shared {
        needs: Box<Needs>,
        version: i64,
        by: String,
        at: i64,
    },
    NotShared,
    NoneRecorded,
}

/// One answer to a person statement, as shared.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SharedAnswer {
    pub statement: String,
    pub truth: Truth,
    pub comment: Option<String>,
    pub version: i64,
    pub at: i64,
}

/// A resident's record as their neighbourhood team sees it: only the shared parts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SharedRecord {
    pub resident: i64,
    pub name: String,
    pub ward: String,
    pub needs: TeamNeeds,
    /// The shared About Me sections that have been written, in the standard's order.
    pub about_me: Vec<SectionVersion>,
    /// `None` when goals are not shared.
    pub goals: Option<Vec<GoalNow>>,
    /// `None` when the answers are not shared.
    pub statements: Option<Vec<SharedAnswer>>,
    pub shared: Vec<Scope>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_queue_key_reads_back_and_nonsense_does_not() {
        assert_eq!(
            parse_queue_key(&queue_key(1_795_367_220_000, 42)),
            Some((1_795_367_220_000, 42))
        );
        assert_eq!(parse_queue_key("42"), None);
        assert_eq!(parse_queue_key("x-1"), None);
    }
}
