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
    /// A shared part changed since the query's `viewer` last opened the record (false when
    /// the query names no viewer).
    pub changed_since_looked: bool,
    /// A message from the resident (or their carer) waits for the team's response: nobody in
    /// the team has responded on that part since.
    pub unanswered: bool,
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
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct QueueQuery {
    pub after: Option<(i64, PersonId)>,
    pub limit: i64,
    /// Only residents with a change the team has not acknowledged.
    pub unacknowledged_only: bool,
    /// Only residents with recorded communication needs.
    pub needs_only: bool,
    /// The member of staff looking: whether each resident changed since they last opened the
    /// record.
    pub viewer: Option<PersonId>,
    /// Only those changed since the viewer last opened their record.
    pub since_looked: bool,
    /// Only residents who share an active goal.
    pub active_goals: bool,
    /// Only residents with a goal the team proposed still waiting for their answer.
    pub open_proposals: bool,
    /// Only residents of this ward (its code).
    pub ward: Option<String>,
    /// Only residents whose name contains this (any case).
    pub name: Option<String>,
}

/// The counts at the top of a queue.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct QueueCounts {
    pub all: i64,
    pub with_needs: i64,
    pub unacknowledged: i64,
    /// When the oldest change nobody in the team has acknowledged was made.
    pub oldest_unacknowledged: Option<i64>,
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

/// A response (from the team) or a reply (from the resident or their carer) on a part.
#[derive(Clone, PartialEq, Eq)]
pub struct MessageRow {
    pub neighbourhood: NeighbourhoodId,
    pub kind: String,
    pub key: String,
    pub author_name: String,
    /// A role code, as the access log keeps it.
    pub author_role: String,
    pub team_name: Option<String>,
    /// Set when a carer wrote it for the resident.
    pub acting_for: Option<PersonId>,
    pub from_team: bool,
    pub body: String,
    pub created_at: i64,
    pub seen_at: Option<i64>,
}

impl std::fmt::Debug for MessageRow {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MessageRow")
            .field("kind", &self.kind)
            .finish_non_exhaustive()
    }
}

/// A message to add: a staff member's response (logged as `respond` for the resident and
/// the part's scope) or a reply by the resident (by a carer: logged too).
#[derive(Clone, Copy, Debug)]
pub struct NewMessage<'a> {
    pub resident: PersonId,
    /// The team's neighbourhood; `None` for a reply, which goes to the team serving the
    /// resident now (`NotFound` if they are in no team's queue: they share nothing).
    pub neighbourhood: Option<NeighbourhoodId>,
    pub by: &'a super::Accessor,
    pub kind: crate::domain::record::PartKind,
    pub key: &'a str,
    pub from_team: bool,
    pub body: &'a str,
    pub scope: &'a str,
}

/// A goal the team proposed, as stored.
#[derive(Clone, PartialEq, Eq)]
pub struct ProposalRow {
    pub id: i64,
    pub neighbourhood: NeighbourhoodId,
    pub staff_name: String,
    pub staff_role: String,
    pub team_name: String,
    pub description: String,
    pub why: Option<String>,
    /// `proposed`, `active` or `rejected`.
    pub status: String,
    pub reason: Option<String>,
    pub goal_key: Option<String>,
    pub decided_by_name: Option<String>,
    pub created_at: i64,
    pub decided_at: Option<i64>,
}

impl std::fmt::Debug for ProposalRow {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ProposalRow")
            .field("id", &self.id)
            .field("status", &self.status)
            .finish_non_exhaustive()
    }
}

/// A goal a member of staff proposes to a resident of their team's neighbourhood.
#[derive(Clone, Copy, Debug)]
pub struct NewProposal<'a> {
    pub resident: PersonId,
    pub neighbourhood: NeighbourhoodId,
    pub by: &'a super::Accessor,
    pub description: &'a str,
    pub why: Option<&'a str>,
}

/// The resident's answer to a proposal: with `accept`, version 1 of their own goal (its key
/// and body) is stored in the same transaction.
#[derive(Clone, Copy, Debug)]
pub struct ProposalDecision<'a> {
    pub resident: PersonId,
    pub proposal: i64,
    pub by: &'a super::Accessor,
    pub accept: Option<(&'a str, &'a str)>,
    pub reason: Option<&'a str>,
}

/// One saved answer to a person statement, for the team's view across the neighbourhood.
#[derive(Clone, PartialEq, Eq)]
pub struct StatementAnswerRow {
    pub resident: PersonId,
    pub code: String,
    pub body: String,
    pub created_at: i64,
}

impl std::fmt::Debug for StatementAnswerRow {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StatementAnswerRow")
            .field("code", &self.code)
            .finish_non_exhaustive()
    }
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
    /// a change not yet acknowledged and when the oldest of those was made (one query).
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

    /// Adds a response or reply, its access-log entry (staff and carers) and, for a reply,
    /// moves the resident up the queue, in one transaction.
    async fn add_message(&self, message: &NewMessage<'_>) -> Result<(), StoreError>;

    /// Every message on the resident's record, oldest first (one query).
    async fn messages(&self, resident: PersonId) -> Result<Vec<MessageRow>, StoreError>;

    /// The team's messages on a part count as seen from now.
    async fn mark_seen(
        &self,
        resident: PersonId,
        kind: crate::domain::record::PartKind,
        key: &str,
    ) -> Result<(), StoreError>;

    /// Adds a proposed goal, logs it (`propose-goal`, scope `goals`) and updates the queue, in
    /// one transaction; returns its id.
    async fn propose_goal(&self, proposal: &NewProposal<'_>) -> Result<i64, StoreError>;

    /// The resident's proposals, newest first.
    async fn proposals(&self, resident: PersonId) -> Result<Vec<ProposalRow>, StoreError>;

    /// Accepts or declines a proposal still waiting (`NotFound` if it is not this resident's,
    /// `Conflict("decided")` if already answered), in one transaction with the accepted goal's
    /// first version and a carer's access-log entry.
    async fn decide_proposal(&self, decision: &ProposalDecision<'_>) -> Result<(), StoreError>;

    /// Each active member of the team with how many acknowledgements they made for the
    /// neighbourhood since `since`, most first.
    async fn team_activity(
        &self,
        team: crate::domain::ids::TeamId,
        neighbourhood: NeighbourhoodId,
        since: i64,
    ) -> Result<Vec<(String, i64)>, StoreError>;

    /// Every saved answer to a person statement by the residents of the neighbourhood's queue
    /// who share their answers, by resident, statement and version.
    async fn statement_answers(
        &self,
        neighbourhood: NeighbourhoodId,
    ) -> Result<Vec<StatementAnswerRow>, StoreError>;
}
