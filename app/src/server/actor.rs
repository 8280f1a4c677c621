//! Who is asking. Worked out afresh on every request from the session and the database, never
//! cached, so removing someone or changing their role takes effect on their next request.

use super::store::{GrantRow, PersonRecord, Store, StoreError};
use crate::domain::carers::{ActingFor, Permission};
use crate::domain::ids::PersonId;
use crate::domain::person::SignedIn;
use crate::domain::role::Area;
use crate::domain::sharing::Scope;
use crate::error::AppError;
use tower_sessions::Session;

const PERSON_KEY: &str = "hive.person";
const SIGNED_IN_AT_KEY: &str = "hive.signed_in_at";
const TOUCHED_AT_KEY: &str = "hive.touched_at";
/// Set when the identity provider vouched for less than the provider's `minimum_level`.
const RESTRICTED_KEY: &str = "hive.restricted";
/// The identity provider this session signed in through, for its end-session endpoint.
const PROVIDER_KEY: &str = "hive.provider";
/// The grant a carer chose to act under (its id). Only the choice lives in the session: whether
/// the grant still allows anything is read from the database on every request.
const ACTING_KEY: &str = "hive.acting";
/// A random token for this sign-in: signing out records it as ended, so the session is refused
/// even if a request in flight at the sign-out saves it again.
const SIGN_IN_KEY: &str = "hive.sign_in";
/// How often a signed-in session's idle expiry is pushed back (each push is a write).
const TOUCH_EVERY_SECS: i64 = 60;

/// However active someone is, they sign in again after this long.
pub const ABSOLUTE_LIFETIME_SECS: i64 = 12 * 60 * 60;
pub use crate::domain::person::IDLE_LIFETIME_SECS;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Actor {
    Anonymous,
    Person(PersonRecord),
    /// Signed in below the identity level records need. They see the restricted page, which
    /// explains how to verify; every area, and so every record, refuses them.
    Restricted(PersonRecord),
    /// A resident acting as someone's carer: the portal is the other resident's record, as far
    /// as the grant allows.
    Acting(PersonRecord, Box<Acting>),
}

/// What a carer acting for someone may do on this request, decided from the database.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Acting {
    /// The grant is live: these are the resident and the permissions.
    For(LiveGrant),
    /// The grant was revoked or ended since they chose it: every request for the record is
    /// refused (as not found), and every page says so, until they go back to their own record.
    Ended,
}

/// A live grant, as a request acting under it needs it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LiveGrant {
    pub grant: i64,
    pub resident: crate::domain::ids::PersonId,
    pub resident_name: String,
    pub permissions: Vec<Permission>,
}

impl LiveGrant {
    pub fn from_row(row: GrantRow) -> LiveGrant {
        LiveGrant {
            grant: row.id,
            resident: row.resident,
            resident_name: row.resident_name,
            permissions: row
                .permissions
                .iter()
                .filter_map(|(code, change)| {
                    Some(Permission {
                        scope: Scope::parse(code)?,
                        change: *change,
                    })
                })
                .collect(),
        }
    }
}

impl Actor {
    /// The signed-in person, if the area is theirs: anonymous people must sign in, and people in
    /// another role are refused.
    pub fn require_area(&self, area: Area) -> Result<&PersonRecord, AppError> {
        match self {
            Actor::Anonymous => Err(AppError::NotSignedIn),
            Actor::Person(person) | Actor::Acting(person, _) if person.role.area() == area => {
                Ok(person)
            }
            Actor::Person(_) | Actor::Acting(..) => Err(AppError::Forbidden),
            Actor::Restricted(_) => Err(AppError::Restricted),
        }
    }

    /// The signed-in person, restricted or not.
    pub fn person(&self) -> Option<&PersonRecord> {
        match self {
            Actor::Anonymous => None,
            Actor::Person(p) | Actor::Restricted(p) | Actor::Acting(p, _) => Some(p),
        }
    }

    /// The person being acted for and what may be done, while acting under a live grant.
    pub fn acting_for(&self) -> Option<&LiveGrant> {
        match self {
            Actor::Acting(_, acting) => match acting.as_ref() {
                Acting::For(grant) => Some(grant),
                Acting::Ended => None,
            },
            _ => None,
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
            acting_ended: matches!(self, Actor::Acting(_, a) if **a == Acting::Ended),
            acting_for: self.acting_for().map(|g| ActingFor {
                name: g.resident_name.clone(),
                permissions: g.permissions.clone(),
            }),
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
/// or been deactivated, is ended here; so is a demo sign-in (one through no identity provider)
/// reaching a server that does not offer demo sign-in (`demo` false), for example a database
/// once used for the demo and now served for real.
pub async fn from_session(
    store: &dyn Store,
    session: &Session,
    demo: bool,
) -> Result<Actor, AppError> {
    let person: Option<PersonId> = session.get(PERSON_KEY).await.map_err(super::internal)?;
    let Some(person) = person else {
        return Ok(Actor::Anonymous);
    };
    if !demo {
        let provider: Option<String> = session.get(PROVIDER_KEY).await.map_err(super::internal)?;
        if provider.is_none() {
            session.flush().await.map_err(super::internal)?;
            return Ok(Actor::Anonymous);
        }
    }
    let signed_in_at: i64 = session
        .get(SIGNED_IN_AT_KEY)
        .await
        .map_err(super::internal)?
        .unwrap_or(0);
    if outlived(signed_in_at, now_secs()) {
        session.flush().await.map_err(super::internal)?;
        return Ok(Actor::Anonymous);
    }
    let token: Option<String> = session.get(SIGN_IN_KEY).await.map_err(super::internal)?;
    let found = match &token {
        Some(token) => store.person_signed_in(person, token).await,
        // Sessions from before sign-in tokens: nothing to check.
        None => store.person(person).await.map(|record| (record, false)),
    };
    let found = match found {
        Ok((_, true)) => {
            // Signed out: this is a copy saved again by a request that was in flight then.
            session.flush().await.map_err(super::internal)?;
            return Ok(Actor::Anonymous);
        }
        other => other.map(|(record, _)| record),
    };
    match found {
        Ok(record) if record.active => {
            touch(session).await?;
            let restricted: bool = session
                .get(RESTRICTED_KEY)
                .await
                .map_err(super::internal)?
                .unwrap_or(false);
            if restricted {
                return Ok(Actor::Restricted(record));
            }
            let acting: Option<i64> = session.get(ACTING_KEY).await.map_err(super::internal)?;
            let Some(grant) = acting else {
                return Ok(Actor::Person(record));
            };
            let live = store
                .carer_grant(record.id, grant)
                .await?
                .filter(|row| row.times.status(now_millis()).is_live());
            let acting = match live {
                Some(row) => Acting::For(LiveGrant::from_row(row)),
                None => {
                    // Refused, for the operators' log (ids only).
                    tracing::warn!(
                        person = record.id.0,
                        grant,
                        "acting refused: grant not live"
                    );
                    Acting::Ended
                }
            };
            Ok(Actor::Acting(record, Box::new(acting)))
        }
        Ok(_) | Err(StoreError::NotFound) => {
            session.flush().await.map_err(super::internal)?;
            Ok(Actor::Anonymous)
        }
        Err(err) => Err(err.into()),
    }
}

fn now_millis() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or_default()
}

/// Starts acting under `grant` (already checked to be this person's and live) from the next
/// request, or stops (`None`).
pub async fn act_as(session: &Session, grant: Option<i64>) -> Result<(), AppError> {
    match grant {
        Some(grant) => session
            .insert(ACTING_KEY, grant)
            .await
            .map_err(super::internal),
        None => session
            .remove_value(ACTING_KEY)
            .await
            .map(|_| ())
            .map_err(super::internal),
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
        .insert(SIGN_IN_KEY, uuid::Uuid::new_v4().simple().to_string())
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

/// Ends the session: its sign-in is recorded as ended (so a copy saved again by a request still
/// in flight is refused) and the stored record is deleted, so the old cookie is worthless. The
/// person's other sessions (another device) carry on. Returns the identity provider it was
/// signed in through, if any, so its own session can be ended too.
pub async fn end_session(store: &dyn Store, session: &Session) -> Result<Option<String>, AppError> {
    let provider: Option<String> = session.get(PROVIDER_KEY).await.map_err(super::internal)?;
    let token: Option<String> = session.get(SIGN_IN_KEY).await.map_err(super::internal)?;
    if let Some(token) = token {
        store.end_sign_in(&token).await?;
    }
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
