//! Sharing and the access log: what each resident shares with their neighbourhood team, every
//! change to it (the consent history), and every access to a record by someone else. Both
//! histories are append-only: the port has no way to change or remove an entry, and both
//! databases refuse to (triggers).

use super::StoreError;
use crate::domain::ids::PersonId;
use crate::domain::role::Role;
use async_trait::async_trait;

/// Who did something to a record, as they were at the time (the log reads the same after they
/// change team or name).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Accessor {
    pub id: PersonId,
    pub name: String,
    pub role: Role,
    pub team: Option<String>,
    /// The resident they were acting for, when not themselves (a carer).
    pub acting_for: Option<PersonId>,
}

/// One scope shared now.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShareRow {
    pub scope: String,
    pub shared_at: i64,
    pub shared_by: PersonId,
    pub shared_by_name: String,
}

/// One change of sharing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConsentRow {
    pub id: i64,
    pub scope: String,
    pub shared: bool,
    pub actor: PersonId,
    pub actor_name: String,
    pub created_at: i64,
}

/// One entry of a resident's access log.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AccessRow {
    pub id: i64,
    pub actor: PersonId,
    pub actor_name: String,
    pub actor_role: String,
    pub actor_team: Option<String>,
    pub acting_for: Option<PersonId>,
    pub scope: String,
    pub action: String,
    pub created_at: i64,
}

/// Which entries of a log to read: newest first, older than `before` (an entry id: keyset
/// paging, so a page is one index range however long the log), at most `limit`, and only by
/// `actor` or about `scope` when given.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AccessQuery {
    pub before: Option<i64>,
    pub limit: i64,
    pub actor: Option<PersonId>,
    pub scope: Option<String>,
}

/// The sharing aggregate of the storage port.
#[async_trait]
pub trait SharingStore: Send + Sync {
    /// What the resident shares now, with who shared each scope and when (one query).
    async fn shares(&self, resident: PersonId) -> Result<Vec<ShareRow>, StoreError>;

    /// Makes what the resident shares exactly `scopes`: shares what is new, stops what is not
    /// listed, and adds each change to the consent history and to the access log (`share`,
    /// `stop-sharing`), all in one transaction. Returns the number of changes.
    async fn set_shares(
        &self,
        resident: PersonId,
        by: &Accessor,
        scopes: &[String],
    ) -> Result<usize, StoreError>;

    /// Every change of the resident's sharing, newest first.
    async fn consent_history(&self, resident: PersonId) -> Result<Vec<ConsentRow>, StoreError>;

    /// Moves the resident's home to `ward` (so the team that serves its neighbourhood is the
    /// one that sees what they share, from the next request), and logs the move.
    async fn move_home(
        &self,
        resident: PersonId,
        ward: crate::domain::ids::WardId,
        by: &Accessor,
    ) -> Result<(), StoreError>;

    /// Adds an entry to the resident's access log for each scope, in one transaction.
    async fn log_access(
        &self,
        resident: PersonId,
        by: &Accessor,
        scopes: &[&str],
        action: &str,
    ) -> Result<(), StoreError>;

    /// A page of the resident's access log (see [`AccessQuery`]), newest first.
    async fn access_log(
        &self,
        resident: PersonId,
        query: &AccessQuery,
    ) -> Result<Vec<AccessRow>, StoreError>;

    /// Everyone who appears in the resident's log, for its filter: (id, name), by name.
    async fn access_log_people(
        &self,
        resident: PersonId,
    ) -> Result<Vec<(PersonId, String)>, StoreError>;
}
