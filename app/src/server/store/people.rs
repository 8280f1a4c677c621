//! People and sign-in: who a person is on every request, identities and sign-ins under way.

use super::{Inserted, StoreError};
use crate::domain::ids::{NeighbourhoodId, PersonId};
use crate::domain::person::{DemoPerson, DisplayName, NewPerson};
use crate::domain::role::Role;
use crate::domain::staff::Email;
use async_trait::async_trait;

/// A person as the actor check reads them, on every request.
#[derive(Clone, PartialEq, Eq)]
pub struct PersonRecord {
    pub id: PersonId,
    pub name: String,
    pub role: Role,
    pub team: Option<TeamMembership>,
    /// For residents: the neighbourhood of their home ward.
    pub home_neighbourhood: Option<String>,
    /// For residents: the code of their home ward.
    pub home_ward: Option<String>,
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

/// Someone an identity provider has vouched for, after their ID token was validated.
#[derive(Clone, PartialEq, Eq)]
pub struct VerifiedIdentity {
    pub issuer: String,
    pub subject: String,
    pub level: Option<crate::domain::identity::IdentityLevel>,
}

impl std::fmt::Debug for VerifiedIdentity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("VerifiedIdentity")
            .field("issuer", &self.issuer)
            .field("level", &self.level)
            .finish_non_exhaustive()
    }
}

/// A sign-in sent to an identity provider and not yet back.
#[derive(Clone, PartialEq, Eq)]
pub struct SignInAttempt {
    /// The random `state` sent to the provider; the key.
    pub state: String,
    /// A hash of the random cookie held by the browser that started it.
    pub browser: String,
    pub provider: String,
    pub nonce: String,
    pub pkce_verifier: String,
    /// A path on Hive, already checked.
    pub next_path: String,
    /// Unix milliseconds.
    pub created_at: i64,
}

impl std::fmt::Debug for SignInAttempt {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SignInAttempt")
            .field("provider", &self.provider)
            .field("created_at", &self.created_at)
            .finish_non_exhaustive()
    }
}

/// The people aggregate of the storage port.
#[async_trait]
pub trait PeopleStore: Send + Sync {
    /// Adds demo people whose demo key is new; returns how many were added.
    async fn add_demo_people(&self, people: &[NewPerson]) -> Result<Inserted, StoreError>;

    async fn person(&self, id: PersonId) -> Result<PersonRecord, StoreError>;

    /// People seeded for demo sign-in, residents first.
    /// The person behind a session, and whether that session's sign-in (`token`) was ended
    /// by signing out: one query, as `person` is.
    async fn person_signed_in(
        &self,
        id: PersonId,
        token: &str,
    ) -> Result<(PersonRecord, bool), StoreError>;

    /// Records that the sign-in with `token` was signed out.
    async fn end_sign_in(&self, token: &str) -> Result<(), StoreError>;

    /// Forgets sign-outs before `millis` (sessions that old are over anyway).
    async fn forget_ended_sign_ins_before(&self, millis: i64) -> Result<u64, StoreError>;

    async fn demo_people(&self) -> Result<Vec<DemoPerson>, StoreError>;

    /// Keeps a sign-in under way until the provider sends the person back.
    async fn begin_sign_in(&self, attempt: &SignInAttempt) -> Result<(), StoreError>;

    /// Takes (and so removes) the sign-in with this state: a second take finds nothing.
    async fn take_sign_in(&self, state: &str) -> Result<Option<SignInAttempt>, StoreError>;

    /// Forgets sign-ins started before `millis` (never finished); returns how many.
    async fn forget_sign_ins_before(&self, millis: i64) -> Result<u64, StoreError>;

    /// The person this identity belongs to, active or not.
    async fn person_by_identity(
        &self,
        issuer: &str,
        subject: &str,
    ) -> Result<Option<PersonRecord>, StoreError>;

    /// Notes a successful sign-in: the identity now belongs to `person`, with the level the
    /// provider vouched for this time.
    async fn record_sign_in(
        &self,
        person: PersonId,
        identity: &VerifiedIdentity,
    ) -> Result<(), StoreError>;

    /// Creates a resident and their identity together. If the identity was created meanwhile
    /// (two first sign-ins at once), returns the person it belongs to.
    async fn add_resident(
        &self,
        name: &DisplayName,
        identity: &VerifiedIdentity,
    ) -> Result<PersonId, StoreError>;

    /// Links the identity to the active directory entry with this email, if there is one that
    /// no identity has claimed yet; returns whose entry it was.
    async fn claim_staff(
        &self,
        email: &Email,
        identity: &VerifiedIdentity,
    ) -> Result<Option<PersonId>, StoreError>;
}
