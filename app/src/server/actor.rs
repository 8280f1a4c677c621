//! Who is asking. Worked out afresh on every request from the session and the database, never
//! cached, so removing someone or changing their role takes effect on their next request.

use super::store::{PersonRecord, Store, StoreError};
use crate::domain::ids::PersonId;
use crate::domain::person::SignedIn;
use crate::domain::role::Area;
use crate::error::AppError;
use tower_sessions::Session;

const PERSON_KEY: &str = "hive.person";
const SIGNED_IN_AT_KEY: &str = "hive.signed_in_at";
const TOUCHED_AT_KEY: &str = "hive.touched_at";
/// Set when the identity provider vouched for less than the provider's `minimum_level`.
const RESTRICTED_KEY: &str = "hive.restricted";
/// The identity provider this session signed in through, for its end-session endpoint.
const PROVIDER_KEY: &str = "hive.provider";
/// How often a signed-in session's idle expiry is pushed back (each push is a write).
const TOUCH_EVERY_SECS: i64 = 60;

/// However active someone is, they sign in again after this long.
pub const ABSOLUTE_LIFETIME_SECS: i64 = 12 * 60 * 60;
/// A session nobody has used for this long has expired.
pub const IDLE_LIFETIME_SECS: i64 = 30 * 60;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Actor {
    Anonymous,
    Person(PersonRecord),
    /// Signed in below the identity level records need. They see the restricted page, which
    /// explains how to verify; every area, and so every record, refuses them.
    Restricted(PersonRecord),
}

impl Actor {
    /// The signed-in person, if the area is theirs: anonymous people must sign in, and people in
    /// another role are refused.
    pub fn require_area(&self, area: Area) -> Result<&PersonRecord, AppError> {
        match self {
            Actor::Anonymous => Err(AppError::NotSignedIn),
            Actor::Person(person) if person.role.area() == area => Ok(person),
            Actor::Person(_) => Err(AppError::Forbidden),
            Actor::Restricted(_) => Err(AppError::Restricted),
        }
    }

    /// The signed-in person, restricted or not.
    pub fn person(&self) -> Option<&PersonRecord> {
        match self {
            Actor::Anonymous => None,
            Actor::Person(p) | Actor::Restricted(p) => Some(p),
        }
    }

    pub fn signed_in(&self) -> Option<SignedIn> {
        let restricted = matches!(self, Actor::Restricted(_));
        self.person().map(|p| SignedIn {
            person: p.id,
            name: p.name.clone(),
            role: p.role,
            team: p.team.as_ref().map(|t| t.team_name.clone()),
            neighbourhood: p
                .team
                .as_ref()
                .map(|t| t.neighbourhood_name.clone())
                .or_else(|| p.home_neighbourhood.clone()),
            restricted,
        })
    }
}

fn now_secs() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or_default()
}

/// Whether a session signed in at `signed_in_at` has passed its absolute lifetime at `now`
/// (both Unix seconds). A sign-in time in the future is treated as tampering: expired.
pub fn outlived(signed_in_at: i64, now: i64) -> bool {
    let age = now - signed_in_at;
    !(0..=ABSOLUTE_LIFETIME_SECS).contains(&age)
}

/// The actor behind this session. A session past its absolute lifetime, or whose person has gone
/// or been deactivated, is ended here.
pub async fn from_session(store: &dyn Store, session: &Session) -> Result<Actor, AppError> {
    let person: Option<PersonId> = session.get(PERSON_KEY).await.map_err(super::internal)?;
    let Some(person) = person else {
        return Ok(Actor::Anonymous);
    };
    let signed_in_at: i64 = session
        .get(SIGNED_IN_AT_KEY)
        .await
        .map_err(super::internal)?
        .unwrap_or(0);
    if outlived(signed_in_at, now_secs()) {
        session.flush().await.map_err(super::internal)?;
        return Ok(Actor::Anonymous);
    }
    match store.person(person).await {
        Ok(record) if record.active => {
            touch(session).await?;
            let restricted: bool = session
                .get(RESTRICTED_KEY)
                .await
                .map_err(super::internal)?
                .unwrap_or(false);
            Ok(if restricted {
                Actor::Restricted(record)
            } else {
                Actor::Person(record)
            })
        }
        Ok(_) | Err(StoreError::NotFound) => {
            session.flush().await.map_err(super::internal)?;
            Ok(Actor::Anonymous)
        }
        Err(err) => Err(err.into()),
    }
}

/// Marks the session used, so its idle expiry starts again; at most once a minute. Only
/// signed-in sessions are ever saved, so cookies naming unknown sessions create nothing.
async fn touch(session: &Session) -> Result<(), AppError> {
    let now = now_secs();
    let touched: i64 = session
        .get(TOUCHED_AT_KEY)
        .await
        .map_err(super::internal)?
        .unwrap_or(0);
    if now - touched >= TOUCH_EVERY_SECS {
        session
            .insert(TOUCHED_AT_KEY, now)
            .await
            .map_err(super::internal)?;
    }
    Ok(())
}

/// How a session was signed in.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SignedInVia {
    /// The identity provider's id; `None` for demo sign-in.
    pub provider: Option<String>,
    /// Below the provider's minimum identity level.
    pub restricted: bool,
}

/// Starts a signed-in session under a new id, so an id planted before sign-in is worthless after.
pub async fn start_session(
    session: &Session,
    person: PersonId,
    via: SignedInVia,
) -> Result<(), AppError> {
    session.cycle_id().await.map_err(super::internal)?;
    session.clear().await;
    if via.restricted {
        session
            .insert(RESTRICTED_KEY, true)
            .await
            .map_err(super::internal)?;
    }
    if let Some(provider) = via.provider {
        session
            .insert(PROVIDER_KEY, provider)
            .await
            .map_err(super::internal)?;
    }
    session
        .insert(PERSON_KEY, person)
        .await
        .map_err(super::internal)?;
    session
        .insert(SIGNED_IN_AT_KEY, now_secs())
        .await
        .map_err(super::internal)?;
    session
        .insert(TOUCHED_AT_KEY, now_secs())
        .await
        .map_err(super::internal)
}

/// Ends the session: the stored record is deleted, so the old cookie is worthless. Returns the
/// identity provider it was signed in through, if any, so its own session can be ended too.
pub async fn end_session(session: &Session) -> Result<Option<String>, AppError> {
    let provider: Option<String> = session.get(PROVIDER_KEY).await.map_err(super::internal)?;
    session.flush().await.map_err(super::internal)?;
    Ok(provider)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SIGNED_IN: i64 = 1_800_000_000;

    #[test]
    fn a_session_lives_twelve_hours_from_sign_in_however_active() {
        assert!(!outlived(SIGNED_IN, SIGNED_IN));
        assert!(!outlived(SIGNED_IN, SIGNED_IN + 12 * 60 * 60));
        assert!(outlived(SIGNED_IN, SIGNED_IN + 12 * 60 * 60 + 1));
    }

    #[test]
    fn a_sign_in_time_in_the_future_is_not_trusted() {
        assert!(outlived(SIGNED_IN, SIGNED_IN - 1));
    }

    #[test]
    fn a_session_without_a_sign_in_time_is_expired() {
        assert!(outlived(0, SIGNED_IN));
    }
}
