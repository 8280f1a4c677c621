//! Administration: the staff directory, and the city's neighbourhoods, wards and teams.

mod places;
mod staff;

pub use places::{AddPlacePage, Places, RenamePlacePage};
pub use staff::{AddStaffPage, ChangeStaffPage, StaffDirectory};
