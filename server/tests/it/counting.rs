//! A store that counts what it is asked, for tests about how much work a request does, and
//! that can answer as another request saw things a moment before (to play a race).

use app::domain::ids::{PersonId, TeamId, WardId};
use app::domain::person::{DemoPerson, DisplayName, NewPerson};
use app::domain::place::{Neighbourhood, NewNeighbourhood, NewTeam, NewWard};
use app::domain::staff::{Email, NewStaff, StaffEntry};
use app::server::store::{
    AccessQuery, AccessRow, Accessor, AckRow, CarerStore, ConsentRow, GrantRow, Inserted,
    MessageRow, NewAcknowledgement, NewGrant, NewMessage, NewProposal, PartKind, PeopleStore,
    PersonRecord, PlaceStore, ProposalDecision, ProposalRow, QueueCounts, QueueQuery, QueueRow,
    RecordStore, RecordVersion, ReviewStore, ShareRow, SharingStore, SignInAttempt,
    StatementAnswerRow, VerifiedIdentity,
};
use app::server::{Store, StoreError};
use async_trait::async_trait;
use std::sync::Arc;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

pub struct CountingStore {
    inner: Arc<dyn Store>,
    person_reads: Arc<AtomicUsize>,
    queries: Arc<AtomicUsize>,
    rows: Arc<AtomicUsize>,
    marks_seen: Arc<AtomicUsize>,
    places_as_of: Arc<Mutex<Option<Vec<Neighbourhood>>>>,
    identities_unseen: Arc<AtomicBool>,
    panics: Arc<AtomicBool>,
}

/// What a wrapped store has been asked.
#[derive(Clone, Default)]
pub struct Counts {
    /// Reads of one person (the actor check).
    pub person_reads: Arc<AtomicUsize>,
    /// Reads of a resident's record.
    pub record_reads: Arc<AtomicUsize>,
    /// Versions those reads returned.
    pub rows: Arc<AtomicUsize>,
    /// Writes marking the team's messages seen.
    pub marks_seen: Arc<AtomicUsize>,
    /// While set: the city's places as `neighbourhoods` answers them (as a request that read
    /// them before another request changed them).
    pub places_as_of: Arc<Mutex<Option<Vec<Neighbourhood>>>>,
    /// While true: `person_by_identity` finds nobody (as a request that looked before another
    /// request linked the identity).
    pub identities_unseen: Arc<AtomicBool>,
    /// While true: `demo_people` panics (as a bug in answering a request would).
    pub panics: Arc<AtomicBool>,
}

impl CountingStore {
    pub fn wrap(inner: Arc<dyn Store>) -> (Arc<dyn Store>, Counts) {
        let counts = Counts::default();
        let store = CountingStore {
            inner,
            person_reads: counts.person_reads.clone(),
            queries: counts.record_reads.clone(),
            rows: counts.rows.clone(),
            marks_seen: counts.marks_seen.clone(),
            places_as_of: counts.places_as_of.clone(),
            identities_unseen: counts.identities_unseen.clone(),
            panics: counts.panics.clone(),
        };
        (Arc::new(store), counts)
    }
}

/// A demo app whose store counts what it is asked.
pub async fn spawn_counting_app(db: crate::support::TestDb) -> (crate::support::TestApp, Counts) {
    use crate::support::{Options, start_server_with};
    let (counts_tx, counts_rx) = std::sync::mpsc::channel();
    let (addr, store) = start_server_with(
        db.url.clone(),
        Options {
            demo: true,
            ..Options::default()
        },
        move |inner| {
            let (store, counts) = CountingStore::wrap(inner);
            counts_tx.send(counts).unwrap();
            store
        },
    )
    .await;
    let counts = counts_rx.recv().unwrap();
    let app = crate::support::TestApp {
        addr,
        client: reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap(),
        store,
        db,
    };
    (app, counts)
}

#[async_trait]
impl Store for CountingStore {
    async fn ping(&self) -> Result<(), StoreError> {
        self.inner.ping().await
    }
}

#[async_trait]
impl PeopleStore for CountingStore {
    async fn add_demo_people(&self, people: &[NewPerson]) -> Result<Inserted, StoreError> {
        self.inner.add_demo_people(people).await
    }
    async fn person(&self, id: PersonId) -> Result<PersonRecord, StoreError> {
        self.person_reads.fetch_add(1, Ordering::SeqCst);
        self.inner.person(id).await
    }
    async fn person_signed_in(
        &self,
        id: PersonId,
        token: &str,
    ) -> Result<(app::server::store::PersonRecord, bool), StoreError> {
        // Who is asking, read once per request as `person` is.
        self.person_reads.fetch_add(1, Ordering::SeqCst);
        self.inner.person_signed_in(id, token).await
    }
    async fn end_sign_in(&self, token: &str) -> Result<(), StoreError> {
        self.queries.fetch_add(1, Ordering::SeqCst);
        self.inner.end_sign_in(token).await
    }
    async fn forget_ended_sign_ins_before(&self, millis: i64) -> Result<u64, StoreError> {
        self.queries.fetch_add(1, Ordering::SeqCst);
        self.inner.forget_ended_sign_ins_before(millis).await
    }
    async fn demo_people(&self) -> Result<Vec<DemoPerson>, StoreError> {
        assert!(
            !self.panics.load(Ordering::SeqCst),
            "a deliberate panic, for a test of how a panic is answered"
        );
        self.inner.demo_people().await
    }
    async fn begin_sign_in(&self, attempt: &SignInAttempt) -> Result<(), StoreError> {
        self.inner.begin_sign_in(attempt).await
    }
    async fn take_sign_in(&self, state: &str) -> Result<Option<SignInAttempt>, StoreError> {
        self.inner.take_sign_in(state).await
    }
    async fn forget_sign_ins_before(&self, millis: i64) -> Result<u64, StoreError> {
        self.inner.forget_sign_ins_before(millis).await
    }
    async fn person_by_identity(
        &self,
        issuer: &str,
        subject: &str,
    ) -> Result<Option<PersonRecord>, StoreError> {
        if self.identities_unseen.load(Ordering::SeqCst) {
            return Ok(None);
        }
        self.inner.person_by_identity(issuer, subject).await
    }
    async fn record_sign_in(
        &self,
        person: PersonId,
        identity: &VerifiedIdentity,
    ) -> Result<(), StoreError> {
        self.inner.record_sign_in(person, identity).await
    }
    async fn add_resident(
        &self,
        name: &DisplayName,
        identity: &VerifiedIdentity,
    ) -> Result<PersonId, StoreError> {
        self.inner.add_resident(name, identity).await
    }
    async fn claim_staff(
        &self,
        email: &Email,
        identity: &VerifiedIdentity,
    ) -> Result<Option<PersonId>, StoreError> {
        self.inner.claim_staff(email, identity).await
    }
}

#[async_trait]
impl PlaceStore for CountingStore {
    async fn neighbourhoods(&self) -> Result<Vec<Neighbourhood>, StoreError> {
        if let Some(then) = self.places_as_of.lock().unwrap().clone() {
            return Ok(then);
        }
        self.inner.neighbourhoods().await
    }
    async fn add_neighbourhoods(&self, new: &[NewNeighbourhood]) -> Result<Inserted, StoreError> {
        self.inner.add_neighbourhoods(new).await
    }
    async fn add_wards(&self, new: &[NewWard]) -> Result<Inserted, StoreError> {
        self.inner.add_wards(new).await
    }
    async fn add_teams(&self, new: &[NewTeam]) -> Result<Inserted, StoreError> {
        self.inner.add_teams(new).await
    }
    async fn rename_place(
        &self,
        kind: app::domain::place::PlaceKind,
        code: &str,
        name: &str,
    ) -> Result<(), StoreError> {
        self.inner.rename_place(kind, code, name).await
    }
    async fn team_id(&self, code: &str) -> Result<TeamId, StoreError> {
        self.inner.team_id(code).await
    }
    async fn ward_id(&self, code: &str) -> Result<WardId, StoreError> {
        self.inner.ward_id(code).await
    }
    async fn add_postcode_districts(&self, rows: &[(&str, &str)]) -> Result<Inserted, StoreError> {
        self.inner.add_postcode_districts(rows).await
    }
    async fn wards_in_district(&self, district: &str) -> Result<Vec<String>, StoreError> {
        self.inner.wards_in_district(district).await
    }
    async fn staff_directory(&self) -> Result<Vec<StaffEntry>, StoreError> {
        self.inner.staff_directory().await
    }
    async fn staff_member(&self, id: PersonId) -> Result<StaffEntry, StoreError> {
        self.inner.staff_member(id).await
    }
    async fn add_staff(&self, new: &NewStaff) -> Result<PersonId, StoreError> {
        self.inner.add_staff(new).await
    }
    async fn change_staff(
        &self,
        id: PersonId,
        change: &NewStaff,
        by: PersonId,
    ) -> Result<(), StoreError> {
        self.inner.change_staff(id, change, by).await
    }
    async fn remove_staff(&self, id: PersonId, by: PersonId) -> Result<(), StoreError> {
        self.inner.remove_staff(id, by).await
    }
}

#[async_trait]
impl RecordStore for CountingStore {
    async fn record_head(
        &self,
        resident: PersonId,
        needs_key: &str,
    ) -> Result<app::server::store::RecordHeadRow, StoreError> {
        self.queries.fetch_add(1, Ordering::SeqCst);
        self.inner.record_head(resident, needs_key).await
    }
    async fn record_last_touched(&self, resident: PersonId) -> Result<Option<i64>, StoreError> {
        self.queries.fetch_add(1, Ordering::SeqCst);
        self.inner.record_last_touched(resident).await
    }
    async fn backdate_record(&self, resident: PersonId, by_millis: i64) -> Result<(), StoreError> {
        self.inner.backdate_record(resident, by_millis).await
    }
    async fn person_statements(
        &self,
    ) -> Result<Vec<app::domain::statements::Statement>, StoreError> {
        self.inner.person_statements().await
    }
    async fn record_all(
        &self,
        resident: PersonId,
        kind: PartKind,
    ) -> Result<Vec<RecordVersion>, StoreError> {
        self.queries.fetch_add(1, Ordering::SeqCst);
        let versions = self.inner.record_all(resident, kind).await?;
        self.rows.fetch_add(versions.len(), Ordering::SeqCst);
        Ok(versions)
    }
    async fn record_latest(
        &self,
        resident: PersonId,
        kind: PartKind,
    ) -> Result<Vec<RecordVersion>, StoreError> {
        self.queries.fetch_add(1, Ordering::SeqCst);
        let versions = self.inner.record_latest(resident, kind).await?;
        self.rows.fetch_add(versions.len(), Ordering::SeqCst);
        Ok(versions)
    }
    async fn record_item(
        &self,
        resident: PersonId,
        kind: PartKind,
        key: &str,
    ) -> Result<Option<RecordVersion>, StoreError> {
        self.queries.fetch_add(1, Ordering::SeqCst);
        self.inner.record_item(resident, kind, key).await
    }
    async fn record_history(
        &self,
        resident: PersonId,
        kind: PartKind,
        key: &str,
    ) -> Result<Vec<RecordVersion>, StoreError> {
        self.queries.fetch_add(1, Ordering::SeqCst);
        let versions = self.inner.record_history(resident, kind, key).await?;
        self.rows.fetch_add(versions.len(), Ordering::SeqCst);
        Ok(versions)
    }
    async fn save_record(
        &self,
        resident: PersonId,
        author: PersonId,
        kind: PartKind,
        key: &str,
        base: Option<i64>,
        body: &str,
        log: Option<(&Accessor, &str)>,
    ) -> Result<i64, StoreError> {
        self.inner
            .save_record(resident, author, kind, key, base, body, log)
            .await
    }
}

#[async_trait]
impl SharingStore for CountingStore {
    async fn shares(&self, resident: PersonId) -> Result<Vec<ShareRow>, StoreError> {
        self.inner.shares(resident).await
    }
    async fn set_shares(
        &self,
        resident: PersonId,
        by: &Accessor,
        scopes: &[String],
    ) -> Result<usize, StoreError> {
        self.inner.set_shares(resident, by, scopes).await
    }
    async fn consent_history(&self, resident: PersonId) -> Result<Vec<ConsentRow>, StoreError> {
        self.inner.consent_history(resident).await
    }
    async fn move_home(
        &self,
        resident: PersonId,
        ward: WardId,
        by: &Accessor,
    ) -> Result<(), StoreError> {
        self.inner.move_home(resident, ward, by).await
    }
    async fn log_access(
        &self,
        resident: PersonId,
        by: &Accessor,
        scopes: &[&str],
        action: &str,
    ) -> Result<(), StoreError> {
        self.inner.log_access(resident, by, scopes, action).await
    }
    async fn access_log(
        &self,
        resident: PersonId,
        query: &AccessQuery,
    ) -> Result<Vec<AccessRow>, StoreError> {
        self.inner.access_log(resident, query).await
    }
    async fn access_log_people(
        &self,
        resident: PersonId,
    ) -> Result<Vec<(PersonId, String)>, StoreError> {
        self.inner.access_log_people(resident).await
    }
}

#[async_trait]
impl CarerStore for CountingStore {
    async fn invite_carer(
        &self,
        resident: PersonId,
        by: &Accessor,
        grant: &NewGrant,
    ) -> Result<i64, StoreError> {
        self.inner.invite_carer(resident, by, grant).await
    }
    async fn carer_grants(&self, resident: PersonId) -> Result<Vec<GrantRow>, StoreError> {
        self.inner.carer_grants(resident).await
    }
    async fn caring_for(&self, carer: PersonId) -> Result<Vec<GrantRow>, StoreError> {
        self.inner.caring_for(carer).await
    }
    async fn carer_grant(
        &self,
        carer: PersonId,
        grant: i64,
    ) -> Result<Option<GrantRow>, StoreError> {
        self.inner.carer_grant(carer, grant).await
    }
    async fn grant_by_code(&self, code_hash: &str) -> Result<Option<GrantRow>, StoreError> {
        self.inner.grant_by_code(code_hash).await
    }
    async fn accept_carer(&self, grant: i64, by: &Accessor, now: i64) -> Result<(), StoreError> {
        self.inner.accept_carer(grant, by, now).await
    }
    async fn change_carer(
        &self,
        resident: PersonId,
        grant: i64,
        by: &Accessor,
        permissions: &[(String, bool)],
        ends_at: Option<i64>,
    ) -> Result<(), StoreError> {
        self.inner
            .change_carer(resident, grant, by, permissions, ends_at)
            .await
    }
    async fn revoke_carer(
        &self,
        resident: PersonId,
        grant: i64,
        by: &Accessor,
    ) -> Result<(), StoreError> {
        self.inner.revoke_carer(resident, grant, by).await
    }
}

#[async_trait]
impl ReviewStore for CountingStore {
    async fn team_queue(
        &self,
        neighbourhood: app::domain::ids::NeighbourhoodId,
        query: &QueueQuery,
    ) -> Result<Vec<QueueRow>, StoreError> {
        self.queries.fetch_add(1, Ordering::SeqCst);
        self.inner.team_queue(neighbourhood, query).await
    }
    async fn queue_counts(
        &self,
        neighbourhood: app::domain::ids::NeighbourhoodId,
    ) -> Result<QueueCounts, StoreError> {
        self.queries.fetch_add(1, Ordering::SeqCst);
        self.inner.queue_counts(neighbourhood).await
    }
    async fn acknowledge(&self, ack: &NewAcknowledgement<'_>) -> Result<(), StoreError> {
        self.inner.acknowledge(ack).await
    }
    async fn acknowledgements(&self, resident: PersonId) -> Result<Vec<AckRow>, StoreError> {
        self.queries.fetch_add(1, Ordering::SeqCst);
        self.inner.acknowledgements(resident).await
    }
    async fn queued_resident(
        &self,
        neighbourhood: app::domain::ids::NeighbourhoodId,
        resident: PersonId,
    ) -> Result<Option<QueueRow>, StoreError> {
        self.queries.fetch_add(1, Ordering::SeqCst);
        self.inner.queued_resident(neighbourhood, resident).await
    }
    async fn add_message(&self, message: &NewMessage<'_>) -> Result<(), StoreError> {
        self.queries.fetch_add(1, Ordering::SeqCst);
        self.inner.add_message(message).await
    }
    async fn messages(&self, resident: PersonId) -> Result<Vec<MessageRow>, StoreError> {
        self.queries.fetch_add(1, Ordering::SeqCst);
        self.inner.messages(resident).await
    }
    async fn mark_seen(
        &self,
        resident: PersonId,
        kind: PartKind,
        key: &str,
    ) -> Result<(), StoreError> {
        self.queries.fetch_add(1, Ordering::SeqCst);
        self.marks_seen.fetch_add(1, Ordering::SeqCst);
        self.inner.mark_seen(resident, kind, key).await
    }
    async fn propose_goal(&self, proposal: &NewProposal<'_>) -> Result<i64, StoreError> {
        self.queries.fetch_add(1, Ordering::SeqCst);
        self.inner.propose_goal(proposal).await
    }
    async fn proposals(&self, resident: PersonId) -> Result<Vec<ProposalRow>, StoreError> {
        self.queries.fetch_add(1, Ordering::SeqCst);
        self.inner.proposals(resident).await
    }
    async fn decide_proposal(&self, decision: &ProposalDecision<'_>) -> Result<(), StoreError> {
        self.queries.fetch_add(1, Ordering::SeqCst);
        self.inner.decide_proposal(decision).await
    }
    async fn team_activity(
        &self,
        team: app::domain::ids::TeamId,
        neighbourhood: app::domain::ids::NeighbourhoodId,
        since: i64,
    ) -> Result<Vec<(String, i64)>, StoreError> {
        self.queries.fetch_add(1, Ordering::SeqCst);
        self.inner.team_activity(team, neighbourhood, since).await
    }
    async fn statement_answers(
        &self,
        neighbourhood: app::domain::ids::NeighbourhoodId,
    ) -> Result<Vec<StatementAnswerRow>, StoreError> {
        self.queries.fetch_add(1, Ordering::SeqCst);
        self.inner.statement_answers(neighbourhood).await
    }
}

#[async_trait]
impl app::server::store::FeedbackStore for CountingStore {
    async fn services(&self) -> Result<Vec<app::server::store::ServiceRow>, StoreError> {
        self.queries.fetch_add(1, Ordering::SeqCst);
        self.inner.services().await
    }
    async fn add_service(&self, code: &str, name: &str) -> Result<(), StoreError> {
        self.queries.fetch_add(1, Ordering::SeqCst);
        self.inner.add_service(code, name).await
    }
    async fn set_service_active(&self, code: &str, active: bool) -> Result<(), StoreError> {
        self.queries.fetch_add(1, Ordering::SeqCst);
        self.inner.set_service_active(code, active).await
    }
    async fn add_feedback(
        &self,
        feedback: &app::server::store::NewFeedback<'_>,
    ) -> Result<i64, StoreError> {
        self.queries.fetch_add(1, Ordering::SeqCst);
        self.inner.add_feedback(feedback).await
    }
    async fn feedback_given(
        &self,
        resident: PersonId,
    ) -> Result<Vec<app::server::store::FeedbackRow>, StoreError> {
        self.queries.fetch_add(1, Ordering::SeqCst);
        self.inner.feedback_given(resident).await
    }
    async fn feedback_given_by(
        &self,
        resident: PersonId,
        author: PersonId,
    ) -> Result<Vec<app::server::store::FeedbackRow>, StoreError> {
        self.queries.fetch_add(1, Ordering::SeqCst);
        self.inner.feedback_given_by(resident, author).await
    }
    async fn feedback_to_moderate(
        &self,
        limit: i64,
    ) -> Result<Vec<app::server::store::FeedbackRow>, StoreError> {
        self.queries.fetch_add(1, Ordering::SeqCst);
        self.inner.feedback_to_moderate(limit).await
    }
    async fn moderate(
        &self,
        feedback: i64,
        by: &Accessor,
        decision: app::server::store::Decision<'_>,
        seen: Option<&str>,
    ) -> Result<(), StoreError> {
        self.queries.fetch_add(1, Ordering::SeqCst);
        self.inner.moderate(feedback, by, decision, seen).await
    }
    async fn report(&self, feedback: i64, reason: &str) -> Result<(), StoreError> {
        self.queries.fetch_add(1, Ordering::SeqCst);
        self.inner.report(feedback, reason).await
    }
    async fn originals(
        &self,
        feedback: &[i64],
    ) -> Result<Vec<(i64, Option<String>, Option<String>)>, StoreError> {
        self.queries.fetch_add(1, Ordering::SeqCst);
        self.inner.originals(feedback).await
    }
    async fn reports(&self, feedback: &[i64]) -> Result<Vec<(i64, String)>, StoreError> {
        self.queries.fetch_add(1, Ordering::SeqCst);
        self.inner.reports(feedback).await
    }
    async fn stories(
        &self,
        query: &app::server::store::StoryQuery,
    ) -> Result<Vec<app::server::store::FeedbackRow>, StoreError> {
        self.queries.fetch_add(1, Ordering::SeqCst);
        self.inner.stories(query).await
    }
    async fn story_counts(
        &self,
        query: &app::server::store::StoryQuery,
    ) -> Result<app::server::store::StoryCounts, StoreError> {
        self.queries.fetch_add(1, Ordering::SeqCst);
        self.inner.story_counts(query).await
    }
    async fn withdraw_feedback(
        &self,
        feedback: i64,
        resident: app::domain::ids::PersonId,
        by: &app::server::store::Accessor,
    ) -> Result<(), StoreError> {
        self.queries.fetch_add(1, Ordering::SeqCst);
        self.inner.withdraw_feedback(feedback, resident, by).await
    }
    async fn story(
        &self,
        feedback: i64,
        private: bool,
    ) -> Result<Option<app::server::store::FeedbackRow>, StoreError> {
        self.queries.fetch_add(1, Ordering::SeqCst);
        self.inner.story(feedback, private).await
    }
    async fn public_responses(
        &self,
        feedback: &[i64],
    ) -> Result<Vec<app::server::store::ResponseRow>, StoreError> {
        self.queries.fetch_add(1, Ordering::SeqCst);
        self.inner.public_responses(feedback).await
    }
    async fn add_public_response(
        &self,
        response: &app::server::store::NewResponse<'_>,
    ) -> Result<(), StoreError> {
        self.queries.fetch_add(1, Ordering::SeqCst);
        self.inner.add_public_response(response).await
    }
}

#[async_trait]
impl app::server::store::CampaignStore for CountingStore {
    async fn campaigns(&self) -> Result<Vec<app::server::store::CampaignRow>, StoreError> {
        self.queries.fetch_add(1, Ordering::SeqCst);
        self.inner.campaigns().await
    }
    async fn campaign(
        &self,
        id: i64,
    ) -> Result<Option<app::server::store::CampaignRow>, StoreError> {
        self.queries.fetch_add(1, Ordering::SeqCst);
        self.inner.campaign(id).await
    }
    async fn campaign_by_slug(
        &self,
        slug: &str,
    ) -> Result<Option<app::server::store::CampaignRow>, StoreError> {
        self.queries.fetch_add(1, Ordering::SeqCst);
        self.inner.campaign_by_slug(slug).await
    }
    async fn save_campaign(
        &self,
        campaign: &app::server::store::NewCampaign<'_>,
    ) -> Result<i64, StoreError> {
        self.queries.fetch_add(1, Ordering::SeqCst);
        self.inner.save_campaign(campaign).await
    }
    async fn campaign_questions(
        &self,
        campaign: i64,
    ) -> Result<Vec<app::server::store::QuestionRow>, StoreError> {
        self.queries.fetch_add(1, Ordering::SeqCst);
        self.inner.campaign_questions(campaign).await
    }
    async fn add_question(
        &self,
        question: &app::server::store::NewQuestion<'_>,
    ) -> Result<i64, StoreError> {
        self.queries.fetch_add(1, Ordering::SeqCst);
        self.inner.add_question(question).await
    }
    async fn arrange_question(
        &self,
        campaign: i64,
        question: i64,
        arrange: app::server::store::Arrange,
    ) -> Result<(), StoreError> {
        self.queries.fetch_add(1, Ordering::SeqCst);
        self.inner
            .arrange_question(campaign, question, arrange)
            .await
    }
    async fn add_answers(
        &self,
        answers: &app::server::store::NewAnswers<'_>,
    ) -> Result<i64, StoreError> {
        self.queries.fetch_add(1, Ordering::SeqCst);
        self.inner.add_answers(answers).await
    }
    async fn has_answered(&self, campaign: i64, person: PersonId) -> Result<bool, StoreError> {
        self.queries.fetch_add(1, Ordering::SeqCst);
        self.inner.has_answered(campaign, person).await
    }
    async fn answer_sets(
        &self,
        campaign: i64,
    ) -> Result<Vec<app::server::store::AnswerSetRow>, StoreError> {
        self.queries.fetch_add(1, Ordering::SeqCst);
        self.inner.answer_sets(campaign).await
    }
    async fn fft_counts(
        &self,
        query: &app::server::store::CountQuery,
    ) -> Result<Vec<app::server::store::FftCount>, StoreError> {
        self.queries.fetch_add(1, Ordering::SeqCst);
        self.inner.fft_counts(query).await
    }
    async fn tag_counts(
        &self,
        query: &app::server::store::CountQuery,
    ) -> Result<Vec<(String, i64)>, StoreError> {
        self.queries.fetch_add(1, Ordering::SeqCst);
        self.inner.tag_counts(query).await
    }
    async fn answer_counts(
        &self,
        query: &app::server::store::CountQuery,
    ) -> Result<Vec<app::server::store::AnswerCount>, StoreError> {
        self.queries.fetch_add(1, Ordering::SeqCst);
        self.inner.answer_counts(query).await
    }
}
