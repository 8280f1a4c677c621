//! The home page of each area.

use crate::domain::person::SignedIn;
use crate::domain::role::Area;
use crate::error::AppError;
use crate::server::Actor;

/// Who is signed in, for the area's home page, if the area is theirs.
pub fn area_home(actor: &Actor, area: Area) -> Result<SignedIn, AppError> {
    actor.require_area(area)?;
    actor.signed_in().ok_or(AppError::NotSignedIn)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ids::PersonId;
    use crate::domain::role::Role;
    use crate::server::store::PersonRecord;

    fn person(role: Role) -> Actor {
        Actor::Person(PersonRecord {
            id: PersonId(1),
            name: "Test".into(),
            role,
            team: None,
            home_neighbourhood: None,
            active: true,
        })
    }

    #[test]
    fn anonymous_people_are_asked_to_sign_in() {
        assert_eq!(
            area_home(&Actor::Anonymous, Area::Personal),
            Err(AppError::NotSignedIn)
        );
    }

    #[test]
    fn each_role_reaches_its_own_area_only() {
        assert!(area_home(&person(Role::Resident), Area::Personal).is_ok());
        assert!(area_home(&person(Role::Carer), Area::Personal).is_ok());
        assert!(area_home(&person(Role::Practitioner), Area::Team).is_ok());
        assert_eq!(
            area_home(&person(Role::Resident), Area::Team),
            Err(AppError::Forbidden)
        );
        assert_eq!(
            area_home(&person(Role::TeamLead), Area::Admin),
            Err(AppError::Forbidden)
        );
        assert_eq!(
            area_home(&person(Role::EngagementOfficer), Area::Personal),
            Err(AppError::Forbidden)
        );
        assert!(area_home(&person(Role::Admin), Area::Admin).is_ok());
    }
}
