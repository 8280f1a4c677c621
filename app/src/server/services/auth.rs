//! Signing in and out that does not involve an identity provider.

use crate::domain::ids::PersonId;
use crate::domain::person::DemoPerson;
use crate::error::AppError;
use crate::server::store::StoreError;
use crate::server::{Hive, actor, internal};
use tower_sessions::Session;

/// Who is signed in, as the header shows them; `None` for anonymous visitors.
pub fn whoami(actor: &crate::server::Actor) -> Option<crate::domain::person::SignedIn> {
    actor.signed_in()
}

/// Whether demo sign-in is offered.
pub fn demo_mode(hive: &Hive) -> bool {
    hive.demo
}

/// The people offered on the demo sign-in page. Outside demo mode the page does not exist.
pub async fn demo_people(hive: &Hive) -> Result<Vec<DemoPerson>, AppError> {
    if !hive.demo {
        return Err(AppError::NotFound);
    }
    hive.store.demo_people().await.map_err(internal)
}

/// Signs in as a seeded demo person. Only in demo mode, and only as someone seeded for it.
pub async fn demo_sign_in(
    hive: &Hive,
    session: &Session,
    person: PersonId,
) -> Result<(), AppError> {
    if !hive.demo {
        return Err(AppError::NotFound);
    }
    let offered = demo_people(hive).await?;
    if !offered.iter().any(|p| p.id == person) {
        return Err(AppError::NotFound);
    }
    match hive.store.person(person).await {
        Ok(record) if record.active => actor::start_session(session, record.id).await,
        Ok(_) | Err(StoreError::NotFound) => Err(AppError::NotFound),
        Err(err) => Err(internal(err)),
    }
}

pub async fn sign_out(session: &Session) -> Result<(), AppError> {
    actor::end_session(session).await
}
