//! Demo data: the 12 neighbourhoods (an illustrative grouping of Manchester's 32 wards), their
//! teams, and seven made-up people. Seeding adds only what is missing, so it can run at every
//! start without duplicating anything or touching what people entered.

use app::domain::ids::TeamId;
use app::domain::person::{DisplayName, NewPerson};
use app::domain::place::{Code, Locality, NewNeighbourhood, NewTeam, NewWard};
use app::domain::role::Role;
use app::server::{Store, StoreError};

/// (code, name, locality, wards)
const NEIGHBOURHOODS: [(&str, &str, Locality, &[&str]); 12] = [
    (
        "cheetham-crumpsall",
        "Cheetham and Crumpsall",
        Locality::North,
        &["Cheetham", "Crumpsall"],
    ),
    (
        "blackley-charlestown",
        "Blackley and Charlestown",
        Locality::North,
        &["Higher Blackley", "Charlestown"],
    ),
    (
        "harpurhey-moston",
        "Harpurhey and Moston",
        Locality::North,
        &["Harpurhey", "Moston"],
    ),
    (
        "newton-heath-ancoats",
        "Newton Heath and Ancoats",
        Locality::North,
        &["Miles Platting and Newton Heath", "Ancoats and Beswick"],
    ),
    (
        "city-centre",
        "City Centre",
        Locality::Central,
        &["Deansgate", "Piccadilly"],
    ),
    (
        "ardwick-longsight",
        "Ardwick and Longsight",
        Locality::Central,
        &["Ardwick", "Longsight"],
    ),
    (
        "gorton-levenshulme",
        "Gorton and Levenshulme",
        Locality::Central,
        &[
            "Gorton and Abbey Hey",
            "Levenshulme",
            "Clayton and Openshaw",
        ],
    ),
    (
        "hulme-moss-side-rusholme",
        "Hulme, Moss Side and Rusholme",
        Locality::Central,
        &["Hulme", "Moss Side", "Rusholme"],
    ),
    (
        "chorlton-whalley-range",
        "Chorlton and Whalley Range",
        Locality::South,
        &["Chorlton", "Chorlton Park", "Whalley Range"],
    ),
    (
        "fallowfield-withington",
        "Fallowfield and Withington",
        Locality::South,
        &["Fallowfield", "Withington", "Old Moat", "Burnage"],
    ),
    (
        "didsbury",
        "Didsbury",
        Locality::South,
        &["Didsbury East", "Didsbury West"],
    ),
    (
        "wythenshawe",
        "Wythenshawe",
        Locality::South,
        &[
            "Baguley",
            "Brooklands",
            "Northenden",
            "Sharston",
            "Woodhouse Park",
        ],
    ),
];

/// (demo key, name, role, team's neighbourhood, home ward, description)
const PEOPLE: [(&str, &str, Role, Option<&str>, Option<&str>, &str); 7] = [
    (
        "amira",
        "Amira Khan",
        Role::Resident,
        None,
        Some("Cheetham"),
        "A resident of Cheetham who keeps her own record.",
    ),
    (
        "george",
        "George Walsh",
        Role::Resident,
        None,
        Some("Chorlton"),
        "A resident of Chorlton whose daughter helps with his care.",
    ),
    (
        "lin",
        "Lin Walsh",
        Role::Carer,
        None,
        Some("Chorlton"),
        "Cares for her father, George Walsh.",
    ),
    (
        "sam",
        "Sam Okafor",
        Role::Practitioner,
        Some("cheetham-crumpsall"),
        None,
        "A district nurse in the Cheetham and Crumpsall team.",
    ),
    (
        "priya",
        "Priya Shah",
        Role::TeamLead,
        Some("chorlton-whalley-range"),
        None,
        "Leads the Chorlton and Whalley Range team.",
    ),
    (
        "joe",
        "Joe Murphy",
        Role::EngagementOfficer,
        None,
        None,
        "Runs feedback campaigns across the city.",
    ),
    (
        "ruth",
        "Ruth Adeyemi",
        Role::Admin,
        None,
        None,
        "Looks after the staff directory and the city's settings.",
    ),
];

#[derive(Debug, thiserror::Error)]
pub enum SeedError {
    #[error("demo data is malformed: {0}")]
    Data(String),
    #[error(transparent)]
    Store(#[from] StoreError),
}

fn code(value: &str) -> Result<Code, SeedError> {
    Code::parse(value).map_err(|e| SeedError::Data(format!("{value}: {e}")))
}

pub fn ward_code(name: &str) -> String {
    let slug: String = name
        .to_lowercase()
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|part| !part.is_empty() && *part != "and")
        .collect::<Vec<_>>()
        .join("-");
    format!("ward-{slug}")
}

/// Adds whatever demo data is missing; returns how many rows were added.
pub async fn seed_demo(store: &dyn Store) -> Result<u64, SeedError> {
    let mut neighbourhoods = Vec::new();
    let mut wards = Vec::new();
    let mut teams = Vec::new();
    for (n_code, name, locality, ward_names) in NEIGHBOURHOODS {
        neighbourhoods.push(NewNeighbourhood {
            code: code(n_code)?,
            name: name.into(),
            locality,
        });
        teams.push(NewTeam {
            code: code(&format!("int-{n_code}"))?,
            name: format!("{name} Integrated Neighbourhood Team"),
            neighbourhood: code(n_code)?,
        });
        for ward in ward_names {
            wards.push(NewWard {
                code: code(&ward_code(ward))?,
                name: (*ward).into(),
                neighbourhood: code(n_code)?,
            });
        }
    }
    let mut added = store.add_neighbourhoods(&neighbourhoods).await?.0;
    added += store.add_wards(&wards).await?.0;
    added += store.add_teams(&teams).await?.0;

    let mut people = Vec::new();
    for (key, name, role, team, ward, description) in PEOPLE {
        let team: Option<TeamId> = match team {
            Some(n) => Some(store.team_id(&format!("int-{n}")).await?),
            None => None,
        };
        let home_ward = match ward {
            Some(w) => Some(store.ward_id(&ward_code(w)).await?),
            None => None,
        };
        people.push(NewPerson {
            name: DisplayName::parse(name).map_err(|e| SeedError::Data(e.to_string()))?,
            role,
            team,
            home_ward,
            demo_key: Some(key.into()),
            demo_description: Some(description.into()),
        });
    }
    added += store.add_demo_people(&people).await?.0;
    Ok(added)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_city_has_twelve_neighbourhoods_and_thirty_two_wards() {
        assert_eq!(NEIGHBOURHOODS.len(), 12);
        let wards: usize = NEIGHBOURHOODS.iter().map(|n| n.3.len()).sum();
        assert_eq!(wards, 32);
        for locality in Locality::ALL {
            assert_eq!(NEIGHBOURHOODS.iter().filter(|n| n.2 == locality).count(), 4);
        }
    }

    #[test]
    fn ward_codes_are_valid_and_distinct() {
        let mut codes: Vec<String> = NEIGHBOURHOODS
            .iter()
            .flat_map(|n| n.3.iter().map(|w| ward_code(w)))
            .collect();
        for c in &codes {
            assert!(Code::parse(c).is_ok(), "{c}");
        }
        codes.sort();
        codes.dedup();
        assert_eq!(codes.len(), 32);
        assert_eq!(ward_code("Gorton and Abbey Hey"), "ward-gorton-abbey-hey");
    }

    #[test]
    fn staff_in_the_demo_have_a_team_and_nobody_else_does() {
        for (key, _, role, team, _, _) in PEOPLE {
            assert_eq!(role.needs_team(), team.is_some(), "{key}");
        }
    }
}
