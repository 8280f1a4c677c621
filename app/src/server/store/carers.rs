//! Carers: invitations and the grants they become. A grant's permissions can be changed and
//! the grant revoked; every such change is also an entry in the resident's access log.

use super::StoreError;
use super::sharing::Accessor;
use crate::domain::carers::GrantTimes;
use crate::domain::ids::PersonId;
use async_trait::async_trait;

/// One invitation or grant, with its permissions as stored: (scope code, may change).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GrantRow {
    pub id: i64,
    pub resident: PersonId,
    pub resident_name: String,
    /// The person who accepted, once accepted, and their own name.
    pub carer: Option<(PersonId, String)>,
    /// As the resident named them in the invitation.
    pub name: String,
    pub relationship: String,
    pub times: GrantTimes,
    pub permissions: Vec<(String, bool)>,
}

/// A new invitation: the carer as the resident names them, the SHA-256 of its code (hex), and
/// what it grants.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewGrant {
    pub name: String,
    pub relationship: String,
    pub code_hash: String,
    pub code_expires_at: i64,
    pub ends_at: Option<i64>,
    pub permissions: Vec<(String, bool)>,
}

/// The carers aggregate of the storage port.
#[async_trait]
pub trait CarerStore: Send + Sync {
    /// Adds an invitation and logs `invite-carer`, in one transaction; returns its id.
    async fn invite_carer(
        &self,
        resident: PersonId,
        by: &Accessor,
        grant: &NewGrant,
    ) -> Result<i64, StoreError>;

    /// Every invitation and grant the resident has made, newest first (one query).
    async fn carer_grants(&self, resident: PersonId) -> Result<Vec<GrantRow>, StoreError>;

    /// Every grant this person has accepted, as a carer, newest first (one query).
    async fn caring_for(&self, carer: PersonId) -> Result<Vec<GrantRow>, StoreError>;

    /// One grant this person accepted, whatever its status: what a request acting for someone
    /// is decided from (one query).
    async fn carer_grant(
        &self,
        carer: PersonId,
        grant: i64,
    ) -> Result<Option<GrantRow>, StoreError>;

    /// The invitation whose code has this hash, whatever its status.
    async fn grant_by_code(&self, code_hash: &str) -> Result<Option<GrantRow>, StoreError>;

    /// Makes `by` the carer of a pending invitation, if at `now` it is still pending (neither
    /// accepted, revoked nor expired: `Conflict("not pending")` otherwise, and nothing changes),
    /// and logs `accept-carer`. `Conflict("already caring")` when `by` already has another live
    /// grant from the same resident (two codes accepted at once).
    async fn accept_carer(&self, grant: i64, by: &Accessor, now: i64) -> Result<(), StoreError>;

    /// Replaces an open grant's permissions and end (`NotFound` unless it is the resident's and
    /// neither revoked nor ended), and logs `change-carer`.
    async fn change_carer(
        &self,
        resident: PersonId,
        grant: i64,
        by: &Accessor,
        permissions: &[(String, bool)],
        ends_at: Option<i64>,
    ) -> Result<(), StoreError>;

    /// Revokes a grant or cancels an invitation (`NotFound` unless it is the resident's and not
    /// revoked already), and logs `revoke-carer`.
    async fn revoke_carer(
        &self,
        resident: PersonId,
        grant: i64,
        by: &Accessor,
    ) -> Result<(), StoreError>;
}
