use crate::domain::identity::SignInOptions;
use crate::domain::person::{DemoPerson, SignedIn};
use crate::error::AppError;
use leptos::prelude::*;

/// Who is signed in, for the header; `None` for anonymous visitors.
#[server(prefix = "/api", endpoint = "whoami")]
pub async fn whoami() -> Result<Option<SignedIn>, AppError> {
    use crate::server::{current_actor, respond, services::auth};
    let (_, actor) = respond(current_actor().await)?;
    Ok(auth::whoami(&actor))
}

/// Seeded people to sign in as; "not found" unless Hive runs in demo mode.
#[server(prefix = "/api", endpoint = "demo-people")]
pub async fn demo_people() -> Result<Vec<DemoPerson>, AppError> {
    use crate::server::{hive, respond, services::auth};
    let hive = respond(hive())?;
    respond(auth::demo_people(&hive).await)
}

/// What the sign-in page offers: identity providers and, in demo mode, demo sign-in.
#[server(prefix = "/api", endpoint = "sign-in-options")]
pub async fn sign_in_choices() -> Result<SignInOptions, AppError> {
    use crate::server::{hive, respond, services::auth};
    Ok(auth::sign_in_options(&respond(hive())?))
}
