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

    /// How many residents are in the queue, and how many of them have communication needs.
    async fn queue_counts(&self, neighbourhood: NeighbourhoodId) -> Result<(i64, i64), StoreError>;

    /// The resident, if they are in this neighbourhood's queue now (they live there and share
    /// something): what a member of its team may open.
    async fn queued_resident(
        &self,
        neighbourhood: NeighbourhoodId,
        resident: PersonId,
    ) -> Result<Option<QueueRow>, StoreError>;
}
