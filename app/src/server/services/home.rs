//! The home page of each area.

use crate::domain::person::{HomeScreen, SignedIn};
use crate::domain::record::RecordHead;
use crate::domain::role::{Area, Role};
use crate::error::AppError;
use crate::server::{Actor, Hive};

/// Who is signed in, for the area's home page, if the area is theirs.
pub fn area_home(actor: &Actor, area: Area) -> Result<SignedIn, AppError> {
    actor.require_area(area)?;
    actor.signed_in().ok_or(AppError::NotSignedIn)
}

/// An area's home: who is signed in and, for a resident whose record is open to them, the
/// head of their record (needs first, then whether it is time to review it).
pub async fn home(hive: &Hive, actor: &Actor, area: Area) -> Result<HomeScreen, AppError> {
    let person = area_home(actor, area)?;
    let record = if person.role == Role::Resident && !person.restricted {
        let access = super::record::access(actor)?;
        let needs = match access.can_see(crate::domain::sharing::Scope::Needs) {
            true => Some(
                super::needs::current(hive.store.as_ref(), actor)
                    .await?
                    .needs,
            ),
            false => None,
        };
        let review = super::summary::review_status(hive, actor).await?;
        let store = hive.store.as_ref();
        Some(RecordHead {
            needs,
            review,
            new_responses: super::responses::unseen(store, &access).await?,
            proposals_waiting: super::responses::waiting(store, &access).await?.len() as i64,
        })
    } else {
        None
    };
    Ok(HomeScreen {
        person,
        notice: None,
        record,
    })
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
            home_ward: None,
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
