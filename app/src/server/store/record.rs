//! The resident's record: every part's versions (About Me, needs, goals, notes, answers,
//! reviews), appended and never overwritten, and the person statements residents answer.

use super::StoreError;
use crate::domain::ids::PersonId;
use crate::domain::record::PartKind;
use crate::domain::statements::Statement;
use async_trait::async_trait;

/// One version of one item, its body still JSON (the service reads it as its domain type).
#[derive(Clone, PartialEq, Eq)]
pub struct RecordVersion {
    pub key: String,
    pub version: i64,
    pub body: String,
    pub author: PersonId,
    pub author_name: String,
    pub acting_for: PersonId,
    pub created_at: i64,
}

impl std::fmt::Debug for RecordVersion {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RecordVersion")
            .field("version", &self.version)
            .finish_non_exhaustive()
    }
}

/// The head of a resident's record, for their home page: read in one round trip, since every
/// signed-in resident sees it first (four queries were most of that page's time).
#[derive(Clone, Default, PartialEq, Eq)]
pub struct RecordHeadRow {
    /// The latest version of the needs (its number and body), if they have been written.
    pub needs: Option<(i64, String)>,
    /// When any part of the record was last saved or confirmed (as `record_last_touched`).
    pub last_touched: Option<i64>,
    /// Goals the team proposed that wait for the resident's answer.
    pub proposals_waiting: i64,
    /// Messages from the team not yet seen, counted per part: (kind, item key, count).
    pub unseen: Vec<(String, String, i64)>,
}

impl std::fmt::Debug for RecordHeadRow {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RecordHeadRow")
            .field("needs_version", &self.needs.as_ref().map(|n| n.0))
            .field("last_touched", &self.last_touched)
            .field("proposals_waiting", &self.proposals_waiting)
            .field("unseen", &self.unseen)
            .finish()
    }
}

/// The record aggregate of the storage port.
#[async_trait]
pub trait RecordStore: Send + Sync {
    /// The home page's head of the record (one query): the needs' latest version (kind
    /// `needs`, item `needs_key`), the last change, waiting proposals and unseen messages.
    async fn record_head(
        &self,
        resident: PersonId,
        needs_key: &str,
    ) -> Result<RecordHeadRow, StoreError>;

    /// When the resident's record was last saved or confirmed, in any part (one query).
    async fn record_last_touched(&self, resident: PersonId) -> Result<Option<i64>, StoreError>;

    /// Moves every version of this resident's record `by_millis` into the past. For seeding the
    /// demo only (a record old enough to be due for review); nothing else calls it.
    async fn backdate_record(&self, resident: PersonId, by_millis: i64) -> Result<(), StoreError>;

    /// The city's person statements in use, in order.
    async fn person_statements(&self) -> Result<Vec<Statement>, StoreError>;

    /// Every version of every item of this kind, newest first (one query).
    async fn record_all(
        &self,
        resident: PersonId,
        kind: PartKind,
    ) -> Result<Vec<RecordVersion>, StoreError>;

    /// The latest version of every item of this kind in the resident's record (one query).
    async fn record_latest(
        &self,
        resident: PersonId,
        kind: PartKind,
    ) -> Result<Vec<RecordVersion>, StoreError>;

    /// The latest version of one item, if it exists.
    async fn record_item(
        &self,
        resident: PersonId,
        kind: PartKind,
        key: &str,
    ) -> Result<Option<RecordVersion>, StoreError>;

    /// Every version of one item, newest first.
    async fn record_history(
        &self,
        resident: PersonId,
        kind: PartKind,
        key: &str,
    ) -> Result<Vec<RecordVersion>, StoreError>;

    /// Adds the next version of an item. With `base`, the item must still be at that version
    /// (`Conflict("stale")` otherwise, and nothing is stored); without, the version is simply
    /// added after the latest (answers and notes, which never replace each other). With
    /// `log`, a `write` entry for that accessor and scope is added to the resident's access log
    /// in the same transaction (someone else's write: both are kept, or neither).
    #[allow(clippy::too_many_arguments)]
    async fn save_record(
        &self,
        resident: PersonId,
        author: PersonId,
        kind: PartKind,
        key: &str,
        base: Option<i64>,
        body: &str,
        log: Option<(&super::Accessor, &str)>,
    ) -> Result<i64, StoreError>;
}
