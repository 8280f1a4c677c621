//! Feedback: residents' Friends and Family Test answers, moderation, and public responses.

use super::{Accessor, StoreError};
use crate::domain::ids::{NeighbourhoodId, PersonId};
use async_trait::async_trait;

/// A service residents can give feedback about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ServiceRow {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub active: bool,
}

/// Feedback to add.
#[derive(Clone, Copy, Debug)]
pub struct NewFeedback<'a> {
    /// Whose feedback it is (the resident; a carer gives it for them).
    pub resident: PersonId,
    pub by: &'a Accessor,
    pub neighbourhood: Option<NeighbourhoodId>,
    pub service: Option<i64>,
    pub fft: &'a str,
    pub good: Option<&'a str>,
    pub better: Option<&'a str>,
    /// Person statement codes, space-separated.
    pub statements: &'a str,
    pub goal_key: Option<&'a str>,
    /// `private` or `pending`.
    pub status: &'a str,
}

/// Feedback as stored, with the names it refers to.
#[derive(Clone, PartialEq, Eq)]
pub struct FeedbackRow {
    pub id: i64,
    pub resident: Option<PersonId>,
    pub author_name: Option<String>,
    pub acting_for: Option<PersonId>,
    pub neighbourhood: Option<NeighbourhoodId>,
    pub neighbourhood_name: Option<String>,
    /// The service's name; `None` for the neighbourhood team.
    pub service: Option<String>,
    pub fft: String,
    pub good: Option<String>,
    pub better: Option<String>,
    pub statements: String,
    pub goal_key: Option<String>,
    pub status: String,
    pub hidden_reason: Option<String>,
    pub created_at: i64,
    /// A moderator redacted it (the words as written are kept apart).
    pub redacted: bool,
}

impl std::fmt::Debug for FeedbackRow {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FeedbackRow")
            .field("id", &self.id)
            .field("status", &self.status)
            .finish_non_exhaustive()
    }
}

/// A moderator's decision on feedback waiting for moderation.
#[derive(Clone, Copy, Debug)]
pub enum Decision<'a> {
    Publish,
    Hide {
        reason: &'a str,
    },
    /// A published story taken down (not published, for `reason`), recorded as a `hide`.
    TakeDown {
        reason: &'a str,
    },
    /// The two answers as they should be shown; the words as written are kept the first time.
    Redact {
        good: Option<&'a str>,
        better: Option<&'a str>,
    },
}

/// What a moderator's page showed of a story's words, as its forms name it: a decision made on
/// words that another moderator has changed since (a redaction) is refused, so nobody publishes,
/// hides or redacts words they have not seen, and a redaction never undoes another's.
pub fn words_seen(good: Option<&str>, better: Option<&str>) -> String {
    use sha2::{Digest, Sha256};
    // Unambiguous: each answer's presence and length before its words.
    let mut hash = Sha256::new();
    for words in [good, better] {
        match words {
            Some(words) => {
                hash.update([1]);
                hash.update((words.len() as u64).to_le_bytes());
                hash.update(words.as_bytes());
            }
            None => hash.update([0]),
        }
    }
    hash.finalize()[..12]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Which published stories (or, with `private`, which feedback kept for the service), newest
/// first, before `before` (an id).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct StoryQuery {
    /// Feedback its writer kept for the service (`private`) instead of published stories.
    pub private: bool,
    pub neighbourhood: Option<NeighbourhoodId>,
    pub service: Option<i64>,
    pub before: Option<i64>,
    pub limit: i64,
    /// Only what nobody has answered yet (no public response, no private reply).
    pub unanswered: bool,
}

/// How many stories (or private feedback) match, and how many have a response of each kind.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct StoryCounts {
    pub total: i64,
    pub responded: i64,
    pub planned: i64,
    pub made: i64,
}

/// A public response as stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ResponseRow {
    pub feedback: i64,
    pub author_name: String,
    pub author_role: String,
    pub team_name: Option<String>,
    pub body: String,
    pub change: String,
    pub change_detail: Option<String>,
    pub created_at: i64,
}

/// A response to add: public under a published story, or (with `private`) a reply to feedback
/// kept for the service, which only its writer reads.
#[derive(Clone, Copy, Debug)]
pub struct NewResponse<'a> {
    pub feedback: i64,
    pub private: bool,
    pub by: &'a Accessor,
    pub body: &'a str,
    pub change: &'a str,
    pub change_detail: Option<&'a str>,
}

/// The feedback aggregate of the storage port.
#[async_trait]
pub trait FeedbackStore: Send + Sync {
    /// Every service, active or not, by name.
    async fn services(&self) -> Result<Vec<ServiceRow>, StoreError>;

    /// Adds a service: `Conflict("code")` when the code is taken.
    async fn add_service(&self, code: &str, name: &str) -> Result<(), StoreError>;

    /// Retires a service or brings it back: `NotFound` for a code that is not one.
    async fn set_service_active(&self, code: &str, active: bool) -> Result<(), StoreError>;

    async fn add_feedback(&self, feedback: &NewFeedback<'_>) -> Result<i64, StoreError>;

    /// The resident's feedback (given by them or for them), newest first.
    async fn feedback_given(&self, resident: PersonId) -> Result<Vec<FeedbackRow>, StoreError>;

    /// The feedback `author` gave for the resident (a carer acting for them), newest first.
    async fn feedback_given_by(
        &self,
        resident: PersonId,
        author: PersonId,
    ) -> Result<Vec<FeedbackRow>, StoreError>;

    /// Feedback waiting for moderation, oldest first.
    async fn feedback_to_moderate(&self, limit: i64) -> Result<Vec<FeedbackRow>, StoreError>;

    /// A moderator's decision, and its event, in one transaction: `NotFound` unless the
    /// feedback was sent for publication; `Conflict` when it is no longer waiting (for
    /// `TakeDown`: no longer published), or another
    /// moderator's change got there first, or the words are no longer those `seen`
    /// ([`words_seen`]; `None` only where no page was shown, as in the demo's seed): nothing is
    /// changed.
    async fn moderate(
        &self,
        feedback: i64,
        by: &Accessor,
        decision: Decision<'_>,
        seen: Option<&str>,
    ) -> Result<(), StoreError>;

    /// The resident (or their carer, `by`) takes their feedback back from publication, published
    /// or waiting: it is kept for the service only, and the event is kept with the moderators'.
    /// `NotFound` unless it is `resident`'s and published or waiting, and, for a carer acting
    /// for them, one the carer gave.
    async fn withdraw_feedback(
        &self,
        feedback: i64,
        resident: PersonId,
        by: &Accessor,
    ) -> Result<(), StoreError>;

    /// A reader's report of a published story: it goes back to moderation (`NotFound` unless
    /// published).
    async fn report(&self, feedback: i64, reason: &str) -> Result<(), StoreError>;

    /// The words as written of each of these that a moderator redacted: (id, good, better).
    /// For moderators only.
    async fn originals(
        &self,
        feedback: &[i64],
    ) -> Result<Vec<(i64, Option<String>, Option<String>)>, StoreError>;

    /// The reasons each of these was reported since it was last published.
    async fn reports(&self, feedback: &[i64]) -> Result<Vec<(i64, String)>, StoreError>;

    async fn stories(&self, query: &StoryQuery) -> Result<Vec<FeedbackRow>, StoreError>;

    async fn story_counts(&self, query: &StoryQuery) -> Result<StoryCounts, StoreError>;

    /// A published story, if it is one (with `private`: feedback kept for the service).
    async fn story(&self, feedback: i64, private: bool) -> Result<Option<FeedbackRow>, StoreError>;

    /// The public responses to these, oldest first.
    async fn public_responses(&self, feedback: &[i64]) -> Result<Vec<ResponseRow>, StoreError>;

    /// `NotFound` unless the feedback is published (with `private`: kept for the service).
    async fn add_public_response(&self, response: &NewResponse<'_>) -> Result<(), StoreError>;
}
