//! The first administrator: from `bootstrap_admin_email` at start-up, or `hive admin add`.

use crate::error::StartupError;
use app::domain::role::Role;
use app::domain::staff::StaffForm;
use app::server::{Store, StoreError};

/// Adds a pending admin entry; `false` if someone active already has the email.
pub async fn add_admin(store: &dyn Store, email: &str, name: &str) -> Result<bool, StartupError> {
    let form = StaffForm {
        name: name.to_string(),
        email: email.to_string(),
        role: Role::Admin.code().to_string(),
        team: String::new(),
    };
    let new = form.check().map_err(|problems| {
        let messages: Vec<String> = problems.into_iter().map(|p| p.message).collect();
        StartupError::new(messages.join("; "))
    })?;
    match store.add_staff(&new).await {
        Ok(_) => Ok(true),
        Err(StoreError::Conflict(_)) => Ok(false),
        Err(err) => Err(StartupError::new(format!(
            "adding the administrator failed: {err}"
        ))),
    }
}

/// At start-up: adds `bootstrap_admin_email` as a pending administrator only while the staff
/// directory has no administrator at all. So one removed by another administrator stays
/// removed, and a directory left with no administrator gets its way back in.
pub async fn bootstrap(store: &dyn Store, email: &str) -> Result<bool, StartupError> {
    let directory = store
        .staff_directory()
        .await
        .map_err(|e| StartupError::new(format!("reading the staff directory failed: {e}")))?;
    if directory.iter().any(|entry| entry.role == Role::Admin) {
        return Ok(false);
    }
    add_admin(store, email, "Administrator").await
}
