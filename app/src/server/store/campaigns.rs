//! Campaigns: their questions, the answers given at their public link or entered by staff, and
//! the counts the dashboards are drawn from.

use super::{Accessor, StoreError};
use crate::domain::ids::{NeighbourhoodId, PersonId};
use async_trait::async_trait;

/// A campaign as stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CampaignRow {
    pub id: i64,
    pub slug: String,
    pub title: String,
    pub description: String,
    pub service: Option<i64>,
    /// yyyymmdd, UK dates, both included.
    pub opens_on: i64,
    pub closes_on: i64,
    pub owner: PersonId,
    pub owner_name: String,
    pub neighbourhoods: Vec<NeighbourhoodId>,
    /// How many sets of answers it has.
    pub answers: i64,
    /// The version of its details, counted up by each save.
    pub version: i64,
}

/// A campaign's details to save (`id`: `None` for a new one).
#[derive(Clone, Copy, Debug)]
pub struct NewCampaign<'a> {
    /// `None` for a new campaign; else the campaign, and the version of its details the change
    /// was made on.
    pub id: Option<SavedCampaign>,
    pub slug: &'a str,
    pub title: &'a str,
    pub description: &'a str,
    pub service: Option<i64>,
    pub opens_on: i64,
    pub closes_on: i64,
    pub by: &'a Accessor,
    pub neighbourhoods: &'a [NeighbourhoodId],
}

/// A saved campaign's id and the version of its details (counted up by each save).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SavedCampaign {
    pub id: i64,
    pub version: i64,
}

/// A question as stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuestionRow {
    pub id: i64,
    pub campaign: i64,
    pub position: i64,
    pub kind: String,
    pub prompt: String,
    pub required: bool,
    /// One per line.
    pub choices: String,
    pub other: bool,
    pub statement: Option<String>,
}

/// A question to add at the end.
#[derive(Clone, Copy, Debug)]
pub struct NewQuestion<'a> {
    pub campaign: i64,
    pub kind: &'a str,
    pub prompt: &'a str,
    pub required: bool,
    pub choices: &'a str,
    pub other: bool,
    pub statement: Option<&'a str>,
}

/// Moving a question, or removing it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Arrange {
    Up,
    Down,
    Remove,
}

/// The FFT answered in a campaign, stored as feedback.
#[derive(Clone, Copy, Debug)]
pub struct CampaignFft<'a> {
    pub fft: &'a str,
    pub good: Option<&'a str>,
    pub better: Option<&'a str>,
    /// `private` or `pending`.
    pub status: &'a str,
}

/// One set of answers to store, all or nothing.
#[derive(Clone, Copy, Debug)]
pub struct NewAnswers<'a> {
    pub campaign: i64,
    pub service: Option<i64>,
    pub neighbourhood: Option<NeighbourhoodId>,
    /// A signed-in resident answering for themselves (one set each: `Conflict("answered")`).
    pub person: Option<&'a Accessor>,
    /// Staff entering answers collected in person or on paper.
    pub assisted_by: Option<&'a Accessor>,
    /// (question, value, words).
    pub answers: &'a [(i64, &'a str, Option<&'a str>)],
    pub fft: Option<CampaignFft<'a>>,
    pub at: i64,
}

/// One set of answers as stored, for its campaign's owner.
#[derive(Clone, PartialEq, Eq)]
pub struct AnswerSetRow {
    pub id: i64,
    pub neighbourhood: Option<String>,
    pub assisted_by: Option<String>,
    pub created_at: i64,
    /// (question, value, words).
    pub answers: Vec<(i64, String, Option<String>)>,
    /// The FFT's follow-ups as shown (after any redaction).
    pub good: Option<String>,
    pub better: Option<String>,
}

impl std::fmt::Debug for AnswerSetRow {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AnswerSetRow")
            .field("id", &self.id)
            .finish_non_exhaustive()
    }
}

/// What the dashboards count: UK months (yyyymm, both included), optionally one neighbourhood
/// and one campaign.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CountQuery {
    pub from_month: i64,
    pub to_month: i64,
    pub neighbourhood: Option<NeighbourhoodId>,
    pub campaign: Option<i64>,
}

/// How many FFT answers of one kind, in one neighbourhood (or none given) and month.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FftCount {
    pub neighbourhood: Option<NeighbourhoodId>,
    pub month: i64,
    pub fft: String,
    pub count: i64,
}

/// How many answers of one value to one question.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AnswerCount {
    pub campaign: i64,
    pub question: i64,
    pub value: String,
    pub count: i64,
}

/// The campaign aggregate of the storage port.
#[async_trait]
pub trait CampaignStore: Send + Sync {
    /// Every campaign, newest first.
    async fn campaigns(&self) -> Result<Vec<CampaignRow>, StoreError>;

    async fn campaign(&self, id: i64) -> Result<Option<CampaignRow>, StoreError>;

    async fn campaign_by_slug(&self, slug: &str) -> Result<Option<CampaignRow>, StoreError>;

    /// Adds or changes a campaign's details and neighbourhoods: `Conflict("slug")` when another
    /// campaign has the link; `Conflict("changed")` when its details are no longer at the
    /// version the change was made on (nothing is changed); `NotFound` for an `id` that is not
    /// there.
    async fn save_campaign(&self, campaign: &NewCampaign<'_>) -> Result<i64, StoreError>;

    /// In order.
    async fn campaign_questions(&self, campaign: i64) -> Result<Vec<QuestionRow>, StoreError>;

    /// Adds a question at the end: `Conflict("answered")` once the campaign has answers,
    /// `Conflict("full")` when it has `MAX_QUESTIONS` already.
    async fn add_question(&self, question: &NewQuestion<'_>) -> Result<i64, StoreError>;

    /// Moves a question up or down (at an end it stays), or removes it (`Conflict("answered")`
    /// once the campaign has answers). `NotFound` unless the question is the campaign's.
    async fn arrange_question(
        &self,
        campaign: i64,
        question: i64,
        arrange: Arrange,
    ) -> Result<(), StoreError>;

    /// Stores a set of answers, and its FFT as feedback, in one transaction.
    async fn add_answers(&self, answers: &NewAnswers<'_>) -> Result<i64, StoreError>;

    /// Whether this person has answered the campaign.
    async fn has_answered(&self, campaign: i64, person: PersonId) -> Result<bool, StoreError>;

    /// Every set of answers to a campaign, oldest first.
    async fn answer_sets(&self, campaign: i64) -> Result<Vec<AnswerSetRow>, StoreError>;

    async fn fft_counts(&self, query: &CountQuery) -> Result<Vec<FftCount>, StoreError>;

    /// (space-separated statement codes, how many pieces of feedback were tagged so).
    async fn tag_counts(&self, query: &CountQuery) -> Result<Vec<(String, i64)>, StoreError>;

    /// Answers to rating, statement, one- and several-choice questions (and "other"), counted.
    async fn answer_counts(&self, query: &CountQuery) -> Result<Vec<AnswerCount>, StoreError>;
}
