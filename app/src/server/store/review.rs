//! The neighbourhood team's view: its queue of residents who share something, kept in
//! `team_queue` by the store whenever a save, a change of sharing or a move touches it.

use super::StoreError;
use crate::domain::ids::{NeighbourhoodId, PersonId};
use async_trait::async_trait;

/// A resident in a team's queue.
#[derive(Clone, PartialEq, Eq)]
pub struct QueueRow {
    pub resident: PersonId,
    pub name: String,
    pub ward: String,
    /// When a shared part last changed, or (if none has) when sharing began.
    pub last_change_at: i64,
    /// They have recorded communication needs (shared or not).
    pub has_needs: bool,
    /// A shared part has a version the team has not acknowledged.
    pub unacknowledged: bool,
}

impl std::fmt::Debug for QueueRow {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("QueueRow")
            .field("resident", &self.resident)
            .finish_non_exhaustive()
    }
}

/// A page of a queue: newest change first, after the key `(last_change_at, resident)` of the
/// previous page's last row, at most `limit` rows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct QueueQuery {
    pub after: Option<(i64, PersonId)>,
    pub limit: i64,
    /// Only residents with a change the team has not acknowledged.
    pub unacknowledged_only: bool,
    /// Only residents with recorded communication needs.
    pub needs_only: bool,
}

/// The counts at the top of a queue.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct QueueCounts {
    pub all: i64,
    pub with_needs: i64,
    pub unacknowledged: i64,
}

/// "I have read this version": who, for which team, which exact version of which part.
#[derive(Clone, Copy, Debug)]
pub struct NewAcknowledgement<'a> {
    pub resident: PersonId,
    pub neighbourhood: NeighbourhoodId,
    pub by: &'a super::Accessor,
    pub kind: crate::domain::record::PartKind,
    pub key: &'a str,
    pub version: i64,
    /// The part's scope code, for the access log.
    pub scope: &'a str,
}

/// An acknowledgement as stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AckRow {
    pub neighbourhood: NeighbourhoodId,
    pub kind: String,
    pub key: String,
    pub version: i64,
    pub staff_name: String,
    pub staff_role: String,
    pub team_name: String,
    pub created_at: i64,
}

/// The review aggregate of the storage port.
#[async_trait]
pub trait ReviewStore: Send + Sync {
    /// A page of the queue of the team serving `neighbourhood` (one index range).
    async fn team_queue(
        &self,
        neighbourhood: NeighbourhoodId,
        query: &QueueQuery,
    ) -> Result<Vec<QueueRow>, StoreError>;

    /// How many residents are in the queue, how many have communication needs, how many have
    /// a change not yet acknowledged.
    async fn queue_counts(&self, neighbourhood: NeighbourhoodId)
    -> Result<QueueCounts, StoreError>;

    /// Records an acknowledgement (`NotFound` unless that version of that part of the
    /// resident's record exists), logs it for the resident and updates the queue, in one
    /// transaction.
    async fn acknowledge(&self, ack: &NewAcknowledgement<'_>) -> Result<(), StoreError>;

    /// Every acknowledgement of the resident's record, newest first.
    async fn acknowledgements(&self, resident: PersonId) -> Result<Vec<AckRow>, StoreError>;

    /// The resident, if they are in this neighbourhood's queue now (they live there and share
    /// something): what a member of its team may open.
    async fn queued_resident(
        &self,
        neighbourhood: NeighbourhoodId,
        resident: PersonId,
    ) -> Result<Option<QueueRow>, StoreError>;
}
