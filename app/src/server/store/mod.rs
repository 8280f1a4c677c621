//! The storage port, one trait per aggregate. Services talk to these traits only;
//! `server/src/db` implements them once for SQLite and once for PostgreSQL (the SQL in
//! `server/src/db/sql/`, a file per aggregate), and the contract tests hold both to the same
//! stories.

mod campaigns;
mod carers;
mod feedback;
mod people;
mod places;
mod record;
mod review;
mod sharing;

pub use crate::domain::record::PartKind;
pub use campaigns::{
    AnswerCount, AnswerSetRow, Arrange, CampaignFft, CampaignRow, CampaignStore, CountQuery,
    FftCount, NewAnswers, NewCampaign, NewQuestion, QuestionRow, SavedCampaign,
};
pub use carers::{CarerStore, GrantRow, NewGrant};
pub use feedback::{
    Decision, FeedbackRow, FeedbackStore, NewFeedback, NewResponse, ResponseRow, ServiceRow,
    StoryCounts, StoryQuery, words_seen,
};
pub use people::{PeopleStore, PersonRecord, SignInAttempt, TeamMembership, VerifiedIdentity};
pub use places::PlaceStore;
pub use record::{RecordHeadRow, RecordStore, RecordVersion};
pub use review::{
    AckRow, MessageRow, NewAcknowledgement, NewMessage, NewProposal, ProposalDecision, ProposalRow,
    QueueCounts, QueueQuery, QueueRow, ReviewStore, StatementAnswerRow,
};
pub use sharing::{AccessQuery, AccessRow, Accessor, ConsentRow, ShareRow, SharingStore};

use async_trait::async_trait;

/// Two shapes matter to callers: the thing is not there, or something else went wrong. The
/// second keeps its cause for the log; it never reaches a browser.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("not found")]
    NotFound,
    /// A uniqueness rule would be broken; names the rule, never the values.
    #[error("conflict: {0}")]
    Conflict(&'static str),
    #[error("storage failed: {0}")]
    Other(#[source] Box<dyn std::error::Error + Send + Sync>),
}

/// A storage failure reaching a service, mapped once for every call (`?`): "not found" stays
/// not found, which is also what someone else's record looks like; anything else is logged
/// with its whole cause chain under a reference, and the person sees only the reference.
impl From<StoreError> for crate::error::AppError {
    fn from(err: StoreError) -> Self {
        match err {
            StoreError::NotFound => crate::error::AppError::NotFound,
            other => super::internal(CauseChain(&other)),
        }
    }
}

/// An error and each of its causes, `outer: inner: innermost`, for an operator's log line (also
/// the sign-in's errors). The store's errors name what failed (a query, a constraint), never
/// the values bound to it.
pub struct CauseChain<'a>(pub &'a (dyn std::error::Error + 'static));

impl std::fmt::Display for CauseChain<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut shown = self.0.to_string();
        f.write_str(&shown)?;
        let mut cause = self.0.source();
        while let Some(inner) = cause {
            // Many errors (the store's own, sqlx's) print their cause in their own message
            // too: each is written once.
            let text = inner.to_string();
            if !shown.ends_with(&text) {
                write!(f, ": {text}")?;
            }
            shown = text;
            cause = inner.source();
        }
        Ok(())
    }
}

/// What seeding did, so `hive seed --demo` can say it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Inserted(pub u64);

/// The whole storage port: one trait per aggregate, each with its own SQL file in
/// `server/src/db/sql/`. Services take `&dyn Store` and use the aggregates they need; sharing,
/// staff review and feedback add their own aggregates here.
#[async_trait]
pub trait Store:
    CampaignStore
    + CarerStore
    + FeedbackStore
    + PeopleStore
    + PlaceStore
    + RecordStore
    + ReviewStore
    + SharingStore
    + Send
    + Sync
    + 'static
{
    /// Cheapest possible round trip, for `/readyz`.
    async fn ping(&self) -> Result<(), StoreError>;
}
