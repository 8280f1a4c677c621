//! Demo data: the 12 neighbourhoods (an illustrative grouping of Manchester's 32 wards), their
//! teams, and nine made-up people. Seeding adds only what is missing, so it can run at every
//! start without duplicating anything or touching what people entered.

use app::domain::ids::TeamId;
use app::domain::person::{DisplayName, NewPerson};
use app::domain::place::{Code, NewNeighbourhood, NewTeam, NewWard};
use app::server::{Store, StoreError};

pub mod campaign;
mod carer;
mod city;
mod directory;
pub use directory::seed_demo_directory;
mod feedback;
mod review;
pub mod scale;

use city::{NEIGHBOURHOODS, PEOPLE, POSTCODE_DISTRICTS};

/// The made-up issuer of the demo neighbours' identities (as if each had signed in once).
/// Anyone with an identity at another issuer is a real person.
pub const DEMO_ISSUER: &str = "https://demo.hive.invalid";

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
    let districts: Vec<(&str, String)> = POSTCODE_DISTRICTS
        .iter()
        .map(|(district, ward)| (*district, ward_code(ward)))
        .collect();
    let districts: Vec<(&str, &str)> = districts.iter().map(|(d, w)| (*d, w.as_str())).collect();
    added += store.add_postcode_districts(&districts).await?.0;

    let mut people = Vec::new();
    for person in PEOPLE {
        let team: Option<TeamId> = match person.team {
            Some(n) => Some(store.team_id(&format!("int-{n}")).await?),
            None => None,
        };
        let home_ward = match person.home_ward {
            Some(w) => Some(store.ward_id(&ward_code(w)).await?),
            None => None,
        };
        people.push(NewPerson {
            name: DisplayName::parse(person.name).map_err(|e| SeedError::Data(e.to_string()))?,
            role: person.role,
            team,
            home_ward,
            demo_key: Some(person.key.into()),
            demo_description: Some(person.description.into()),
        });
    }
    added += store.add_demo_people(&people).await?.0;
    Ok(added)
}

/// A filled-in record for the demo resident Amira Khan (made up), so the record pages and the
/// printable summary have something to show. Added once: nothing if she has written anything.
pub async fn seed_demo_record(store: &dyn Store) -> Result<u64, SeedError> {
    use app::domain::about_me::{Section, SectionEdit, Supporter};
    use app::domain::goals::{Achievement, Day, Goal, Lifecycle};
    use app::domain::needs::{Contact, Format, Needs, Support};
    use app::domain::statements::{Answer, Truth};
    use app::server::store::PartKind;

    let people = store.demo_people().await?;
    let Some(amira) = people.iter().find(|p| p.name == "Amira Khan").map(|p| p.id) else {
        return Ok(0);
    };
    if !store
        .record_latest(amira, PartKind::AboutMe)
        .await?
        .is_empty()
    {
        return carer::seed_demo_carer(store, &people).await;
    }
    let sections = [
        (
            Section::MostImportant,
            "My grandchildren, who visit on Sundays.\nStaying in my own flat, near my friends at the community centre.",
        ),
        (
            Section::ImportantPeople,
            "My daughter Nadia (she lives in Salford and rings every evening).\nMy neighbour Joan, who has a spare key.",
        ),
        (
            Section::Communication,
            "I hear better on my left side. Please face me and speak clearly; I will ask if I miss something.\nI read Urdu and English.",
        ),
        (
            Section::Wellness,
            "I have type 2 diabetes and arthritis in my knees. Walking helps, stairs are hard.\nI am allergic to penicillin.",
        ),
        (
            Section::DoAndDont,
            "Please do ring before you visit.\nPlease don't move things in my kitchen.",
        ),
        (
            Section::Support,
            "Help with my compression stockings in the morning.\nI manage my own tablets with a weekly box.",
        ),
        (
            Section::AlsoWorthKnowing,
            "I pray five times a day and I do not eat pork.\nI love gardening programmes and a cup of cardamom tea.",
        ),
    ];
    let mut added = 0;
    for (section, text) in sections {
        let edit = SectionEdit {
            text: text.into(),
            supported_by: (section == Section::Wellness).then(|| Supporter {
                name: "Nadia Khan".into(),
                relationship: "daughter".into(),
            }),
            base: 0,
        };
        store
            .save_record(
                amira,
                amira,
                PartKind::AboutMe,
                section.code(),
                Some(edit.base),
                &json(&edit.body())?,
                None,
            )
            .await?;
        added += 1;
    }
    let needs = Needs {
        formats: vec![Format::LargePrint],
        support: vec![Support::HearingLoop, Support::ExtraTime],
        professionals: Vec::new(),
        language: None,
        interpreter: false,
        contact: vec![Contact::Telephone, Contact::TextMessage],
        avoid_times: Some("Not before 10am (prayers and breakfast).".into()),
        how_to_talk: Some("Sit on my left and speak slowly.".into()),
    };
    store
        .save_record(
            amira,
            amira,
            PartKind::Needs,
            "needs",
            Some(0),
            &json(&needs)?,
            None,
        )
        .await?;
    let goals = [
        (
            "0a1b2c3d4e5f6a7b",
            "Walk to the community centre on my own",
            Some("So I can see my friends on Wednesdays."),
            Day::new(2027, 3, 31),
            Achievement::Improving,
        ),
        (
            "1b2c3d4e5f6a7b8c",
            "Manage my own stockings in the mornings",
            None,
            None,
            Achievement::InProgress,
        ),
    ];
    for (key, description, why, target, achievement) in goals {
        let goal = Goal {
            description: description.into(),
            why: why.map(Into::into),
            target,
            lifecycle: Lifecycle::Active,
            achievement: Some(achievement),
        };
        store
            .save_record(
                amira,
                amira,
                PartKind::Goal,
                key,
                Some(0),
                &json(&goal)?,
                None,
            )
            .await?;
    }
    for (code, truth) in [
        ("active-partner", Truth::Mostly),
        ("meaningful-communication", Truth::Partly),
        ("independent-at-home", Truth::Mostly),
    ] {
        let answer = Answer {
            truth,
            comment: None,
        };
        store
            .save_record(
                amira,
                amira,
                PartKind::Statement,
                code,
                None,
                &json(&answer)?,
                None,
            )
            .await?;
    }
    added += 1 + 2 + 3;
    // Amira shares some of her record with her neighbourhood team (the others share nothing):
    // her team sees her needs, two About Me sections and her goals, and her activity page and
    // consent history show the changes.
    let by = app::server::store::Accessor {
        id: amira,
        name: "Amira Khan".into(),
        role: app::domain::role::Role::Resident,
        team: None,
        acting_for: None,
    };
    let scopes = [
        "needs",
        "about-me:most-important",
        "about-me:communication",
        "goals",
    ]
    .map(String::from);
    added += store.set_shares(amira, &by, &scopes).await? as u64;
    // Sam Okafor, a district nurse in her team, has read her needs (version 1): she sees "Read
    // by Sam Okafor…" on them, and her team's queue shows her as read until she changes them.
    if let Some(sam) = people.iter().find(|p| p.name == "Sam Okafor") {
        let record = store.person(sam.id).await?;
        if let Some(team) = record.team {
            let nurse = app::server::store::Accessor {
                id: sam.id,
                name: record.name.clone(),
                role: record.role,
                team: Some(team.team_name.clone()),
                acting_for: None,
            };
            store
                .acknowledge(&app::server::store::NewAcknowledgement {
                    resident: amira,
                    neighbourhood: team.neighbourhood,
                    by: &nurse,
                    kind: PartKind::Needs,
                    key: "needs",
                    version: 1,
                    scope: "needs",
                })
                .await?;
            added += 1;
        }
    }
    // Two residents whose records were last touched seven months ago, so the review prompt
    // can be seen (and is tested in the browser, one resident per run).
    for name in ["Hannah Price", "Idris Hughes"] {
        let Some(id) = people.iter().find(|p| p.name == name).map(|p| p.id) else {
            continue;
        };
        if !store.record_latest(id, PartKind::AboutMe).await?.is_empty() {
            continue;
        }
        let edit = SectionEdit {
            text: "Being able to get out into my garden every day.".into(),
            supported_by: None,
            base: 0,
        };
        let part = Section::MostImportant.code();
        store
            .save_record(
                id,
                id,
                PartKind::AboutMe,
                part,
                Some(0),
                &json(&edit.body())?,
                None,
            )
            .await?;
        store.backdate_record(id, 210 * 24 * 60 * 60 * 1000).await?;
        added += 1;
    }
    added += carer::seed_demo_carer(store, &people).await?;
    Ok(added)
}

/// A demo record part as the JSON `record_versions` stores.
fn json<T: serde::Serialize>(value: &T) -> Result<String, SeedError> {
    serde_json::to_string(value).map_err(|e| SeedError::Data(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use app::domain::place::Locality;

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
        for person in PEOPLE {
            assert_eq!(
                person.role.needs_team(),
                person.team.is_some(),
                "{}",
                person.key
            );
        }
    }
}
