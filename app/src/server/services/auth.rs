//! Signing in and out that does not involve an identity provider.

use crate::domain::ids::PersonId;
use crate::domain::person::DemoPerson;
use crate::error::AppError;
use crate::server::{Hive, actor};
use tower_sessions::Session;

/// Who is signed in, as the header shows them; `None` for anonymous visitors.
pub fn whoami(actor: &crate::server::Actor) -> Option<crate::domain::person::SignedIn> {
    actor.signed_in()
}

/// The people offered on the demo sign-in page. Outside demo mode the page does not exist.
pub async fn demo_people(hive: &Hive) -> Result<Vec<DemoPerson>, AppError> {
    if !hive.demo {
        return Err(AppError::NotFound);
    }
    Ok(hive.store.demo_people().await?)
}

/// Signs in as a seeded demo person. Only in demo mode, and only as someone the demo page
/// offers (`demo_people`: seeded for it and still active).
pub async fn demo_sign_in(
    hive: &Hive,
    session: &Session,
    person: PersonId,
) -> Result<(), AppError> {
    let offered = demo_people(hive).await?;
    if !offered.iter().any(|p| p.id == person) {
        return Err(AppError::NotFound);
    }
    actor::start_session(session, person, actor::SignedInVia::default()).await
}

/// Signs out; returns the identity provider the session came through, if any.
pub async fn sign_out(hive: &Hive, session: &Session) -> Result<Option<String>, AppError> {
    actor::end_session(hive.store.as_ref(), session).await
}

/// What the sign-in page offers: the configured providers and, in demo mode, demo sign-in.
pub fn sign_in_options(hive: &Hive) -> crate::domain::identity::SignInOptions {
    crate::domain::identity::SignInOptions {
        demo: hive.demo,
        providers: hive.providers.clone(),
    }
}
