use crate::domain::place::Neighbourhood;
use crate::error::AppError;
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "neighbourhoods")]
pub async fn neighbourhoods() -> Result<Vec<Neighbourhood>, AppError> {
    use crate::server::{hive, respond, services::places};
    let hive = respond(hive())?;
    respond(places::neighbourhoods(&hive).await)
}
