//! The storage port. Services talk to this trait only; `server/src/db` implements it once for
//! SQLite and once for PostgreSQL, and the contract tests hold both to the same stories.

use crate::domain::ids::{NeighbourhoodId, PersonId};
use crate::domain::person::{DemoPerson, DisplayName, NewPerson};
use crate::domain::place::{Neighbourhood, NewNeighbourhood, NewTeam, NewWard};
pub use crate::domain::record::PartKind;
use crate::domain::role::Role;
use crate::domain::staff::{Email, NewStaff, StaffEntry};
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

/// An error and each of its causes, `outer: inner: innermost`. The store's errors name what
/// failed (a query, a constraint), never the values bound to it.
pub struct CauseChain<'a>(pub &'a (dyn std::error::Error + 'static));

impl std::fmt::Display for CauseChain<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.0)?;
        let mut cause = self.0.source();
        while let Some(inner) = cause {
            write!(f, ": {inner}")?;
            cause = inner.source();
        }
        Ok(())
    }
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

/// One version of one item, its body still JSON (the service reads it as its domain type).
#[derive(Clone, PartialEq, Eq)]
pub struct RecordVersion {
    pub key: String,
    pub version: i64,
    pub body: String,
    pub author: PersonId,
    pub author_name: String,
    pub acting_for: PersonId,
    pub created_at: i64,
}

impl std::fmt::Debug for RecordVersion {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RecordVersion")
            .field("version", &self.version)
            .finish_non_exhaustive()
    }
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

    /// Renames the neighbourhood, ward or team with this code; `NotFound` if there is none.
    async fn rename_place(
        &self,
        kind: crate::domain::place::PlaceKind,
        code: &str,
        name: &str,
    ) -> Result<(), StoreError>;

    /// The team with this code, for seeding people into it.
    async fn team_id(&self, code: &str) -> Result<crate::domain::ids::TeamId, StoreError>;
    async fn ward_id(&self, code: &str) -> Result<crate::domain::ids::WardId, StoreError>;

    /// Adds demo people whose demo key is new; returns how many were added.
    async fn add_demo_people(&self, people: &[NewPerson]) -> Result<Inserted, StoreError>;

    async fn person(&self, id: PersonId) -> Result<PersonRecord, StoreError>;

    /// People seeded for demo sign-in, residents first.
    async fn demo_people(&self) -> Result<Vec<DemoPerson>, StoreError>;

    // Signing in through identity providers.

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

    // The resident's own record.

    /// When the resident's record was last saved or confirmed, in any part (one query).
    async fn record_last_touched(&self, resident: PersonId) -> Result<Option<i64>, StoreError>;

    /// Moves every version of this resident's record `by_millis` into the past. For seeding the
    /// demo only (a record old enough to be due for review); nothing else calls it.
    async fn backdate_record(&self, resident: PersonId, by_millis: i64) -> Result<(), StoreError>;

    /// The city's person statements in use, in order.
    async fn person_statements(
        &self,
    ) -> Result<Vec<crate::domain::statements::Statement>, StoreError>;

    /// Every version of every item of this kind, newest first (one query).
    async fn record_all(
        &self,
        resident: PersonId,
        kind: PartKind,
    ) -> Result<Vec<RecordVersion>, StoreError>;

    /// The latest version of every item of this kind in the resident's record (one query).
    async fn record_latest(
        &self,
        resident: PersonId,
        kind: PartKind,
    ) -> Result<Vec<RecordVersion>, StoreError>;

    /// The latest version of one item, if it exists.
    async fn record_item(
        &self,
        resident: PersonId,
        kind: PartKind,
        key: &str,
    ) -> Result<Option<RecordVersion>, StoreError>;

    /// Every version of one item, newest first.
    async fn record_history(
        &self,
        resident: PersonId,
        kind: PartKind,
        key: &str,
    ) -> Result<Vec<RecordVersion>, StoreError>;

    /// Adds the next version of an item. With `base`, the item must still be at that version
    /// (`Conflict("stale")` otherwise, and nothing is stored); without, the version is simply
    /// added after the latest (answers and notes, which never replace each other).
    async fn save_record(
        &self,
        resident: PersonId,
        author: PersonId,
        kind: PartKind,
        key: &str,
        base: Option<i64>,
        body: &str,
    ) -> Result<i64, StoreError>;

    // The staff directory.

    /// Everyone active with a staff role, by name.
    async fn staff_directory(&self) -> Result<Vec<StaffEntry>, StoreError>;

    /// One active directory entry; `NotFound` for anyone else (residents included).
    async fn staff_member(&self, id: PersonId) -> Result<StaffEntry, StoreError>;

    /// `Conflict("email")` if an active person already has the email; `NotFound` if the team
    /// does not exist.
    async fn add_staff(&self, new: &NewStaff) -> Result<PersonId, StoreError>;

    /// Changes an active directory entry; the same errors as `add_staff`.
    async fn change_staff(&self, id: PersonId, change: &NewStaff) -> Result<(), StoreError>;

    /// Deactivates an active directory entry; their next request finds them gone.
    async fn remove_staff(&self, id: PersonId) -> Result<(), StoreError>;
}
