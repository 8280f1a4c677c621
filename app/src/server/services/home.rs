//! The home page of each area.

use crate::domain::person::{HomeScreen, SignedIn};
use crate::domain::record::{RecordHead, ReviewStatus};
use crate::domain::role::{Area, Role};
use crate::domain::sharing::Scope;
use crate::error::AppError;
use crate::server::{Actor, Hive, now_millis};

/// Who is signed in, for the area's home page, if the area is theirs.
pub fn area_home(actor: &Actor, area: Area) -> Result<SignedIn, AppError> {
    actor.require_area(area)?;
    actor.signed_in().ok_or(AppError::NotSignedIn)
}

/// An area's home: who is signed in and, for a resident whose record is open to them, the
/// head of their record (needs first, then whether it is time to review it, then what the team
/// sent). The head is one read (`record_head`): every resident sees this page first.
pub async fn home(hive: &Hive, actor: &Actor, area: Area) -> Result<HomeScreen, AppError> {
    let person = area_home(actor, area)?;
    let record = if person.role == Role::Resident && !person.restricted {
        let access = super::record::access(actor)?;
        let store = hive.store.as_ref();
        let head = store
            .record_head(access.resident, super::needs::KEY)
            .await?;
        let needs = match access.can_see(Scope::Needs) {
            true => {
                access.see(store, &[Scope::Needs]).await?;
                Some(match &head.needs {
                    Some((version, body)) => super::record::read_body(*version, body)?,
                    None => Default::default(),
                })
            }
            false => None,
        };
        let new_responses = head
            .unseen
            .iter()
            .filter(|(kind, key, _)| {
                super::review::part(kind, key).is_ok_and(|(_, scope)| access.can_see(scope))
            })
            .map(|(_, _, count)| count)
            .sum();
        Some(RecordHead {
            needs,
            review: ReviewStatus::at(head.last_touched, now_millis(), hive.review_after_days),
            new_responses,
            proposals_waiting: match access.can_see(Scope::Goals) {
                true => head.proposals_waiting,
                false => 0,
            },
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
