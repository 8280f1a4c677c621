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
    /// A shared part changed since the team last acknowledged it.
    pub unacknowledged: bool,
}

/// The queue's filters, as its address carries them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueFilter {
    pub unacknowledged_only: bool,
    pub needs_only: bool,
}

impl QueueFilter {
    /// The filter's part of a queue address (`&unread=yes&needs=yes`), for paging links.
    pub fn query(self) -> String {
        let mut query = String::new();
        if self.unacknowledged_only {
            query.push_str("&unread=yes");
        }
        if self.needs_only {
            query.push_str("&needs=yes");
        }
        query
    }
}

/// A page of the team's queue, with its counts and where the next page starts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Queue {
    pub team: String,
    pub neighbourhood: String,
    pub entries: Vec<QueueEntry>,
    pub filter: QueueFilter,
    pub total: i64,
    pub with_needs: i64,
    pub unacknowledged: i64,
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

/// "I have read this version" of one part, as the resident and the team see it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ack {
    pub version: i64,
    pub by: String,
    /// Their role and team then: "Team lead, Chorlton and Whalley Range Integrated …".
    pub role: String,
    pub at: i64,
}

impl Ack {
    /// What the part says about it, now that it is at version `now`.
    pub fn line(&self, now: i64) -> String {
        let read = format!(
            "Read by {}, {} on {} (version {})",
            self.by,
            self.role,
            super::time::uk_date(self.at),
            self.version
        );
        if now > self.version {
            format!("Changed since it was last read. {read}. Version {now} has not been read yet.")
        } else {
            read
        }
    }
}

/// A part of the record with its newest acknowledgement, if any: `(kind code, key)`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartAck {
    pub kind: String,
    pub key: String,
    pub ack: Ack,
}

/// The newest acknowledgement of a part among `acks`.
pub fn ack_for<'a>(acks: &'a [PartAck], kind: &str, key: &str) -> Option<&'a Ack> {
    acks.iter()
        .find(|a| a.kind == kind && a.key == key)
        .map(|a| &a.ack)
}

/// The form that acknowledges a version: which part, which version (the resident is in the
/// address).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AckForm {
    pub kind: String,
    pub key: String,
    pub version: String,
}

impl super::form::Form for AckForm {
    const ID: &'static str = "acknowledge";
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
    /// The team's newest acknowledgement of each part.
    pub acks: Vec<PartAck>,
    /// The last save's confirmation.
    pub notice: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_acknowledgement_says_when_a_later_version_is_unread() {
        let ack = Ack {
            version: 2,
            by: "Sam Okafor".into(),
            role: "Practitioner, North Team".into(),
            at: 1_795_367_220_000,
        };
        assert_eq!(
            ack.line(2),
            "Read by Sam Okafor, Practitioner, North Team on 22 November 2026 (version 2)"
        );
        assert!(ack.line(3).contains("Version 3 has not been read yet"));
    }

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
