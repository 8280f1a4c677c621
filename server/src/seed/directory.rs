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

/// A city's directory is longer than a page: five colleagues in each neighbourhood team wait
/// for their first sign-in too, so the directory is read a page at a time and by team.
const PER_TEAM: usize = 5;
const FIRST: [&str; 20] = [
    "Aisha", "Ben", "Chloe", "Dev", "Ellie", "Farid", "Gemma", "Harry", "Iqra", "Jack", "Kiran",
    "Leah", "Mo", "Nia", "Owen", "Poppy", "Rhys", "Sana", "Tariq", "Zoe",
];
const LAST: [&str; 30] = [
    "Ahmed",
    "Barker",
    "Chowdhury",
    "Doyle",
    "Evans",
    "Fletcher",
    "Gill",
    "Hartley",
    "Iqbal",
    "Jones",
    "Kaur",
    "Lowe",
    "Mensah",
    "Nolan",
    "Oyelaran",
    "Parry",
    "Quinn",
    "Rahman",
    "Shaw",
    "Taylor",
    "Uddin",
    "Vaughan",
    "Walsh",
    "Yates",
    "Zaman",
    "Brennan",
    "Clarke",
    "Dunn",
    "Ellis",
    "Foster",
];

/// Adds each entry not yet listed (by email), so an older demo database gets the ones added
/// since; returns the entries added.
pub async fn seed_demo_directory(store: &dyn Store) -> Result<u64, SeedError> {
    let listed: std::collections::HashSet<String> = store
        .staff_directory()
        .await?
        .into_iter()
        .map(|e| e.email)
        .collect();
    let mut entries: Vec<(String, String, Role, Option<app::domain::ids::TeamId>)> = Vec::new();
    for (name, email, role, team) in WAITING {
        let team = match team {
            Some(code) => Some(store.team_id(code).await?),
            None => None,
        };
        entries.push((name.to_string(), email.to_string(), role, team));
    }
    let teams = store
        .neighbourhoods()
        .await?
        .into_iter()
        .filter_map(|n| n.team.map(|t| t.id));
    for (t, team) in teams.enumerate() {
        for m in 0..PER_TEAM {
            // (i mod 20, i mod 30) differ for every i below 60: every name is different.
            let i = t * PER_TEAM + m;
            let (first, last) = (FIRST[i % FIRST.len()], LAST[i % LAST.len()]);
            entries.push((
                format!("{first} {last}"),
                format!(
                    "{}.{}@nhs.example",
                    first.to_lowercase(),
                    last.to_lowercase()
                ),
                Role::Practitioner,
                Some(team),
            ));
        }
    }
    let mut added = 0;
    for (name, email, role, team) in entries {
        if listed.contains(&email) {
            continue;
        }
        store
            .add_staff(&NewStaff {
                name: DisplayName::parse(&name)
                    .map_err(|e| SeedError::Data(format!("{name}: {e}")))?,
                email: Email::parse(&email)
                    .map_err(|e| SeedError::Data(format!("{email}: {e}")))?,
                role,
                team,
            })
            .await?;
        added += 1;
    }
    Ok(added)
}
