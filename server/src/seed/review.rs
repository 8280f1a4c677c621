//! The demo's staff review: the team has written to residents and residents have answered, a
//! goal waits for George's answer, and enough neighbours of his share how true the person
//! statements feel that `/team/statements` shows counts (some months still suppressed).

use super::{SeedError, json};
use app::domain::ids::PersonId;
use app::domain::person::{DemoPerson, DisplayName};
use app::domain::record::DAY_MILLIS;
use app::domain::role::Role;
use app::domain::statements::{Answer, Truth};
use app::server::Store;
use app::server::store::{Accessor, NewMessage, NewProposal, PartKind, VerifiedIdentity};

/// Made-up residents of Chorlton and Whalley Range who share their answers with their team.
const NEIGHBOURS: [(&str, &str); 14] = [
    ("Aoife Brennan", "Chorlton"),
    ("Bilal Hussain", "Chorlton"),
    ("Carol Dempsey", "Chorlton Park"),
    ("Dev Patel", "Whalley Range"),
    ("Eileen Moss", "Chorlton"),
    ("Frank Lowe", "Chorlton Park"),
    ("Grace Obi", "Whalley Range"),
    ("Harold Finch", "Chorlton"),
    ("Iqra Malik", "Whalley Range"),
    ("Joan Pickering", "Chorlton Park"),
    ("Kwame Mensah", "Chorlton"),
    ("Lorraine Kelly", "Whalley Range"),
    ("Mohammed Ali", "Chorlton"),
    ("Norma Shaw", "Chorlton Park"),
];

const COMMENTS: [&str; 4] = [
    "The nurses ask me what I want to work on now, not just what is wrong.",
    "I still have to tell my story again to every new person.",
    "Having my needs written down means people ring instead of writing.",
    "Better since the team started coming on the same day each week.",
];

async fn staff(
    store: &dyn Store,
    person: &DemoPerson,
) -> Result<(Accessor, app::domain::ids::NeighbourhoodId), SeedError> {
    let record = store.person(person.id).await?;
    let team = record
        .team
        .ok_or_else(|| SeedError::Data("demo staff without a team".into()))?;
    Ok((
        Accessor {
            id: person.id,
            name: record.name,
            role: record.role,
            team: Some(team.team_name),
            acting_for: None,
        },
        team.neighbourhood,
    ))
}

fn resident(person: &DemoPerson) -> Accessor {
    Accessor {
        id: person.id,
        name: person.name.clone(),
        role: Role::Resident,
        team: None,
        acting_for: None,
    }
}

/// Adds it once (nothing if George has a proposal already); returns the rows added.
pub async fn seed_demo_review(store: &dyn Store, people: &[DemoPerson]) -> Result<u64, SeedError> {
    let find = |name: &str| people.iter().find(|p| p.name == name);
    let (Some(george), Some(amira), Some(priya), Some(sam)) = (
        find("George Walsh"),
        find("Amira Khan"),
        find("Priya Shah"),
        find("Sam Okafor"),
    ) else {
        return Ok(0);
    };
    if !store.proposals(george.id).await?.is_empty() {
        let feedback = super::feedback::seed_demo_feedback(store, people).await?;
        return Ok(feedback + super::campaign::seed_demo_campaign(store, people).await?);
    }
    let mut added = 0;
    let (sam_by, sam_team) = staff(store, sam).await?;
    let (priya_by, priya_team) = staff(store, priya).await?;
    let amira_by = resident(amira);
    let message = |resident: PersonId, neighbourhood, by, kind, key, from_team, body| NewMessage {
        resident,
        neighbourhood: Some(neighbourhood),
        by,
        kind,
        key,
        from_team,
        body,
        scope: if kind == PartKind::Needs {
            "needs"
        } else {
            "goals"
        },
    };
    // Sam answered Amira about her needs, and she replied; then he wrote about a goal, which
    // she has not seen yet (her home page says so).
    for (by, from_team, kind, key, body) in [
        (
            &sam_by,
            true,
            PartKind::Needs,
            "needs",
            "Thank you, Amira. We will sit on your left, and ring after 10am before we visit.",
        ),
        (
            &amira_by,
            false,
            PartKind::Needs,
            "needs",
            "Thank you. Tuesdays are best for me.",
        ),
        (
            &sam_by,
            true,
            PartKind::Goal,
            "0a1b2c3d4e5f6a7b",
            "Well done on getting to the corner shop. Would a walking frame for the longer stretch help? We can bring one to try.",
        ),
    ] {
        store
            .add_message(&message(amira.id, sam_team, by, kind, key, from_team, body))
            .await?;
        added += 1;
    }
    // Priya proposed a goal to George, and wrote to him about his needs.
    store
        .propose_goal(&NewProposal {
            resident: george.id,
            neighbourhood: priya_team,
            by: &priya_by,
            description: "Get to the Tuesday lunch club at the church hall",
            why: Some("You said you miss seeing people since you stopped driving."),
        })
        .await?;
    store
        .add_message(&message(
            george.id,
            priya_team,
            &priya_by,
            PartKind::Needs,
            "needs",
            true,
            "Thank you for letting us know. We will always speak to Lin first and write in large print.",
        ))
        .await?;
    added += 2;
    added += neighbours(store).await?;
    added += super::feedback::seed_demo_feedback(store, people).await?;
    added += super::campaign::seed_demo_campaign(store, people).await?;
    Ok(added)
}

/// The neighbours, each with answers to the first statements saved months apart (so the
/// month-by-month table moves), sharing them with the team.
async fn neighbours(store: &dyn Store) -> Result<u64, SeedError> {
    let mut added = 0;
    let mut ids = Vec::new();
    for (i, (name, ward)) in NEIGHBOURS.iter().enumerate() {
        // As if each had signed in once with a (made-up) identity and said where they live.
        let name = DisplayName::parse(name).map_err(|e| SeedError::Data(e.to_string()))?;
        let id = store
            .add_resident(
                &name,
                &VerifiedIdentity {
                    issuer: super::DEMO_ISSUER.into(),
                    subject: format!("neighbour-{i}"),
                    level: None,
                },
            )
            .await?;
        let by = Accessor {
            id,
            name: name.as_str().to_string(),
            role: Role::Resident,
            team: None,
            acting_for: None,
        };
        store
            .move_home(id, store.ward_id(&super::ward_code(ward)).await?, &by)
            .await?;
        ids.push(id);
        added += 1;
    }
    let statements = store.person_statements().await?;
    let month = 30 * DAY_MILLIS;
    for (i, id) in ids.into_iter().enumerate() {
        // First (seven or nine months ago) the statements felt partly true or less; two months
        // ago all but every fifth answered again, mostly or completely. So the team's table
        // moves month by month, and now shows how many feel them completely and mostly true
        // (five or more each) and suppresses the few who have not answered again.
        for (round, back) in [(0usize, 7 * month), (1, 2 * month)] {
            if round == 1 && i % 5 == 0 {
                continue;
            }
            for (s, statement) in statements.iter().take(3).enumerate() {
                let truth = match round {
                    0 => Truth::ALL[2 + (i + s) % 3],
                    _ => Truth::ALL[(i + s) % 2],
                };
                let comment = (round == 1 && s == 0 && i % 4 == 1)
                    .then(|| COMMENTS[(i / 4) % COMMENTS.len()].to_string());
                store
                    .save_record(
                        id,
                        id,
                        PartKind::Statement,
                        &statement.code,
                        None,
                        &json(&Answer { truth, comment })?,
                        None,
                    )
                    .await?;
                added += 1;
            }
            store.backdate_record(id, back).await?;
        }
        let by = Accessor {
            id,
            name: NEIGHBOURS[i].0.into(),
            role: Role::Resident,
            team: None,
            acting_for: None,
        };
        added += store
            .set_shares(id, &by, &["statements".to_string()])
            .await? as u64;
    }
    Ok(added)
}
