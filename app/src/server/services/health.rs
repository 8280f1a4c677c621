//! Whether Hive can serve: for load balancers and orchestrators.

use crate::server::{Hive, StoreError};
use std::time::Duration;

/// Ready when the database answers within three seconds.
pub async fn ready(hive: &Hive) -> Result<(), StoreError> {
    match tokio::time::timeout(Duration::from_secs(3), hive.store.ping()).await {
        Ok(result) => result,
        Err(_) => Err(StoreError::Other(
            "the database did not answer in time".into(),
        )),
    }
}
