use crate::domain::person::SignedIn;
use crate::domain::role::Area;
use crate::error::AppError;
use leptos::prelude::*;

/// The signed-in person, if `area` is theirs.
#[server(prefix = "/api", endpoint = "area-home")]
pub async fn area_home(area: Area) -> Result<SignedIn, AppError> {
    use crate::server::{current_actor, respond, services::home};
    let (_, actor) = respond(current_actor().await)?;
    respond(home::area_home(&actor, area))
}
