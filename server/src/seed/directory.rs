//! The demo's staff directory: the demo's own staff sign in without it (the demo sign-in), so
//! 63 colleagues (three, and five in each team) are listed waiting for their first sign-in,
//! for an administrator to find, page through, change and remove (`/admin/staff`). Seeded by `serve --demo` and `seed --demo` only: the
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

/// The colleagues waiting in each of the demo's 12 teams: (name, email, team code).
fn colleagues() -> Vec<(String, String, String)> {
    let mut colleagues = Vec::new();
    for (t, (code, ..)) in super::city::NEIGHBOURHOODS.iter().enumerate() {
        for m in 0..PER_TEAM {
            // (i mod 20, i mod 30) differ for every i below 60: every name is different.
            let i = t * PER_TEAM + m;
            let (first, last) = (FIRST[i % FIRST.len()], LAST[i % LAST.len()]);
            colleagues.push((
                format!("{first} {last}"),
                format!(
                    "{}.{}@nhs.example",
                    first.to_lowercase(),
                    last.to_lowercase()
                ),
                format!("int-{code}"),
            ));
        }
    }
    colleagues
}

/// Adds the three waiting colleagues unless the first is listed, and the teams' colleagues
/// unless one of them is (so an older demo database gets them, and whoever an administrator
/// removes stays removed); returns the entries added.
pub async fn seed_demo_directory(store: &dyn Store) -> Result<u64, SeedError> {
    let listed: std::collections::HashSet<String> = store
        .staff_directory()
        .await?
        .into_iter()
        .map(|e| e.email)
        .collect();
    let mut entries: Vec<(String, String, Role, Option<String>)> = Vec::new();
    if !listed.contains(WAITING[0].1) {
        for (name, email, role, team) in WAITING {
            entries.push((name.into(), email.into(), role, team.map(str::to_string)));
        }
    }
    let colleagues = colleagues();
    if !colleagues
        .iter()
        .any(|(_, email, _)| listed.contains(email))
    {
        for (name, email, team) in colleagues {
            entries.push((name, email, Role::Practitioner, Some(team)));
        }
    }
    let mut added = 0;
    for (name, email, role, team) in entries {
        let team = match team {
            Some(code) => Some(store.team_id(&code).await?),
            None => None,
        };
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

#[cfg(test)]
mod tests {
    #[test]
    fn every_demo_colleague_has_their_own_name_and_email() {
        let colleagues = super::colleagues();
        assert_eq!(colleagues.len(), 60);
        let names: std::collections::HashSet<_> = colleagues.iter().map(|c| &c.0).collect();
        let emails: std::collections::HashSet<_> = colleagues.iter().map(|c| &c.1).collect();
        assert_eq!((names.len(), emails.len()), (60, 60));
    }
}
