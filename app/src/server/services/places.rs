//! Neighbourhoods, wards and teams: public configuration, readable by anyone.

use crate::domain::place::Neighbourhood;
use crate::error::AppError;
use crate::server::{Hive, internal};

pub async fn neighbourhoods(hive: &Hive) -> Result<Vec<Neighbourhood>, AppError> {
    hive.store.neighbourhoods().await.map_err(internal)
}
