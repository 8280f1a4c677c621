//! Places and staff: the city's neighbourhoods, wards and teams, and the staff directory.

use super::{Inserted, StoreError};
use crate::domain::ids::{PersonId, TeamId, WardId};
use crate::domain::place::{Neighbourhood, NewNeighbourhood, NewTeam, NewWard, PlaceKind};
use crate::domain::staff::{NewStaff, StaffEntry};
use async_trait::async_trait;

/// The places-and-staff aggregate of the storage port.
#[async_trait]
pub trait PlaceStore: Send + Sync {
    /// Every neighbourhood with its team and wards, in locality then name order (three queries,
    /// whatever the number of neighbourhoods).
    async fn neighbourhoods(&self) -> Result<Vec<Neighbourhood>, StoreError>;

    /// Inserts each one whose code is new; existing rows are left exactly as they are.
    async fn add_neighbourhoods(&self, new: &[NewNeighbourhood]) -> Result<Inserted, StoreError>;

    async fn add_wards(&self, new: &[NewWard]) -> Result<Inserted, StoreError>;

    async fn add_teams(&self, new: &[NewTeam]) -> Result<Inserted, StoreError>;

    /// Renames the neighbourhood, ward or team with this code; `NotFound` if there is none.
    async fn rename_place(&self, kind: PlaceKind, code: &str, name: &str)
    -> Result<(), StoreError>;

    /// The team with this code, for seeding people into it.
    async fn team_id(&self, code: &str) -> Result<TeamId, StoreError>;

    async fn ward_id(&self, code: &str) -> Result<WardId, StoreError>;

    /// Adds (district, ward code) pairs to the postcode table; pairs already there, or naming a
    /// ward that does not exist, are left out.
    async fn add_postcode_districts(&self, rows: &[(&str, &str)]) -> Result<Inserted, StoreError>;

    /// The codes of the wards in a postcode district (`M8`), by ward name.
    async fn wards_in_district(&self, district: &str) -> Result<Vec<String>, StoreError>;

    /// Everyone active with a staff role, by name.
    async fn staff_directory(&self) -> Result<Vec<StaffEntry>, StoreError>;

    /// One active directory entry; `NotFound` for anyone else (residents included).
    async fn staff_member(&self, id: PersonId) -> Result<StaffEntry, StoreError>;

    /// `Conflict("email")` if an active person already has the email; `NotFound` if the team
    /// does not exist.
    async fn add_staff(&self, new: &NewStaff) -> Result<PersonId, StoreError>;

    /// Changes an active directory entry; the same errors as `add_staff`, and as
    /// `remove_staff` when `by` is no longer an administrator.
    async fn change_staff(
        &self,
        id: PersonId,
        change: &NewStaff,
        by: PersonId,
    ) -> Result<(), StoreError>;

    /// Deactivates an active directory entry; their next request finds them gone. `by`, the
    /// administrator removing them, must still be one when the change is made:
    /// `Conflict("remover")` otherwise, and nothing changes (two administrators removing each
    /// other at once: one removal stands).
    async fn remove_staff(&self, id: PersonId, by: PersonId) -> Result<(), StoreError>;
}
