//! A store that counts what it is asked, for tests about how much work a request does.

use app::domain::ids::{PersonId, TeamId, WardId};
use app::domain::person::{DemoPerson, DisplayName, NewPerson};
use app::domain::place::{Neighbourhood, NewNeighbourhood, NewTeam, NewWard};
use app::domain::staff::{Email, NewStaff, StaffEntry};
use app::server::store::{Inserted, PersonRecord, SignInAttempt, VerifiedIdentity};
use app::server::{Store, StoreError};
use async_trait::async_trait;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

pub struct CountingStore {
    inner: Arc<dyn Store>,
    person_reads: Arc<AtomicUsize>,
}

impl CountingStore {
    /// Wraps `inner`; the returned counter is how many times `person` has been read.
    pub fn wrap(inner: Arc<dyn Store>) -> (Arc<dyn Store>, Arc<AtomicUsize>) {
        let person_reads = Arc::new(AtomicUsize::new(0));
        let store = CountingStore {
            inner,
            person_reads: person_reads.clone(),
        };
        (Arc::new(store), person_reads)
    }
}

#[async_trait]
impl Store for CountingStore {
    async fn ping(&self) -> Result<(), StoreError> {
        self.inner.ping().await
    }
    async fn neighbourhoods(&self) -> Result<Vec<Neighbourhood>, StoreError> {
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
    async fn add_demo_people(&self, people: &[NewPerson]) -> Result<Inserted, StoreError> {
        self.inner.add_demo_people(people).await
    }
    async fn person(&self, id: PersonId) -> Result<PersonRecord, StoreError> {
        self.person_reads.fetch_add(1, Ordering::SeqCst);
        self.inner.person(id).await
    }
    async fn demo_people(&self) -> Result<Vec<DemoPerson>, StoreError> {
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
    async fn staff_directory(&self) -> Result<Vec<StaffEntry>, StoreError> {
        self.inner.staff_directory().await
    }
    async fn staff_member(&self, id: PersonId) -> Result<StaffEntry, StoreError> {
        self.inner.staff_member(id).await
    }
    async fn add_staff(&self, new: &NewStaff) -> Result<PersonId, StoreError> {
        self.inner.add_staff(new).await
    }
    async fn change_staff(&self, id: PersonId, change: &NewStaff) -> Result<(), StoreError> {
        self.inner.change_staff(id, change).await
    }
    async fn remove_staff(&self, id: PersonId) -> Result<(), StoreError> {
        self.inner.remove_staff(id).await
    }
}
