//! The demo's staff directory: the demo's own staff sign in without it (the demo sign-in), so
//! a few colleagues are listed waiting for their first sign-in, for an administrator to find,
//! change and remove (`/admin/staff`). Seeded by `serve --demo` and `seed --demo` only: the
//! city-scale seed refuses a database holding people who are not the demo's, as these are not.

use super::SeedError;
use app::domain::person::DisplayName;
use app::domain::role::Role;
use app::domain::staff::{Email, NewStaff};
use app::server::Store;

/// (name, work email, role, team code)
const WAITING: [(&str, &str, Role, Option<&str>); 3] = [
    (
        "Kelly Byrne",
        "kelly.byrne@nhs.example",
        Role::Practitioner,
        Some("int-chorlton-whalley-range"),
    ),
    (
        "Tom Ashworth",
        "tom.ashworth@nhs.example",
        Role::Practitioner,
        Some("int-cheetham-crumpsall"),
    ),
    (
        "Grace Okoro",
        "grace.okoro@council.example",
        Role::EngagementOfficer,
        None,
    ),
];

/// Adds them once (nothing if the first is listed); returns the entries added.
pub async fn seed_demo_directory(store: &dyn Store) -> Result<u64, SeedError> {
    let listed = store.staff_directory().await?;
    if listed.iter().any(|e| e.email == WAITING[0].1) {
        return Ok(0);
    }
    let mut added = 0;
    for (name, email, role, team) in WAITING {
        let team = match team {
            Some(code) => Some(store.team_id(code).await?),
            None => None,
        };
        store
            .add_staff(&NewStaff {
                name: DisplayName::parse(name)
                    .map_err(|e| SeedError::Data(format!("{name}: {e}")))?,
                email: Email::parse(email).map_err(|e| SeedError::Data(format!("{email}: {e}")))?,
                role,
                team,
            })
            .await?;
        added += 1;
    }
    Ok(added)
}
