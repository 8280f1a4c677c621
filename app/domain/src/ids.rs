//! Newtype identifiers, so a ward id can never be passed where a person id is expected.

use serde::{Deserialize, Serialize};
use std::fmt;

macro_rules! id_type {
    ($($(#[$meta:meta])* $name:ident),+ $(,)?) => {$(
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub i64);

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }
    )+};
}

id_type!(
    /// A person who uses Hive: resident, carer or member of staff.
    PersonId,
    /// One of the city's neighbourhoods.
    NeighbourhoodId,
    /// A council ward; each lies in one neighbourhood.
    WardId,
    /// An integrated neighbourhood team.
    TeamId,
);
