//! The storage port. Services talk to this trait only; `server/src/db` implements it once for
//! SQLite and once for PostgreSQL, and the contract tests hold both to the same stories.

use crate::domain::ids::{NeighbourhoodId, PersonId};
use crate::domain::person::{DemoPerson, NewPerson};
use crate::domain::place::{Neighbourhood, NewNeighbourhood, NewTeam, NewWard};
use crate::domain::role::Role;
use async_trait::async_trait;

/// Two shapes matter to callers: the thing is not there, or something else went wrong. The
/// second keeps its cause for the log; it never reaches a browser.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("not found")]
    NotFound,
    #[error("storage failed: {0}")]
    Other(#[source] Box<dyn std::error::Error + Send + Sync>),
}

/// A person as the actor check reads them, on every request.
#[derive(Clone, PartialEq, Eq)]
pub struct PersonRecord {
    pub id: PersonId,
    pub name: String,
    pub role: Role,
    pub team: Option<TeamMembership>,
    /// For residents: the neighbourhood of their home ward.
    pub home_neighbourhood: Option<String>,
    pub active: bool,
}

/// Debug output can end up in logs: the record and role, never the name.
impl std::fmt::Debug for PersonRecord {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PersonRecord")
            .field("id", &self.id)
            .field("role", &self.role)
            .field("active", &self.active)
            .finish_non_exhaustive()
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TeamMembership {
    pub team: crate::domain::ids::TeamId,
    pub team_name: String,
    pub neighbourhood: NeighbourhoodId,
    pub neighbourhood_name: String,
}

/// What seeding did, so `hive seed --demo` can say it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Inserted(pub u64);

#[async_trait]
pub trait Store: Send + Sync + 'static {
    /// Cheapest possible round trip, for `/readyz`.
    async fn ping(&self) -> Result<(), StoreError>;

    /// Every neighbourhood with its team and wards, in locality then name order (three queries,
    /// whatever the number of neighbourhoods).
    async fn neighbourhoods(&self) -> Result<Vec<Neighbourhood>, StoreError>;

    /// Inserts each one whose code is new; existing rows are left exactly as they are.
    async fn add_neighbourhoods(&self, new: &[NewNeighbourhood]) -> Result<Inserted, StoreError>;
    async fn add_wards(&self, new: &[NewWard]) -> Result<Inserted, StoreError>;
    async fn add_teams(&self, new: &[NewTeam]) -> Result<Inserted, StoreError>;

    /// The team with this code, for seeding people into it.
    async fn team_id(&self, code: &str) -> Result<crate::domain::ids::TeamId, StoreError>;
    async fn ward_id(&self, code: &str) -> Result<crate::domain::ids::WardId, StoreError>;

    /// Adds demo people whose demo key is new; returns how many were added.
    async fn add_demo_people(&self, people: &[NewPerson]) -> Result<Inserted, StoreError>;

    async fn person(&self, id: PersonId) -> Result<PersonRecord, StoreError>;

    /// People seeded for demo sign-in, residents first.
    async fn demo_people(&self) -> Result<Vec<DemoPerson>, StoreError>;
}
