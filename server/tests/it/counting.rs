//! A store that counts what it is asked, for tests about how much work a request does.

use app::domain::ids::{PersonId, TeamId, WardId};
use app::domain::person::{DemoPerson, NewPerson};
use app::domain::place::{Neighbourhood, NewNeighbourhood, NewTeam, NewWard};
use app::server::store::{Inserted, PersonRecord};
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
}
