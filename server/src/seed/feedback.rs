//! The demo's feedback: stories published with responses (a change made, a change planned)
//! and one waiting for a response,
//! feedback waiting for moderation (one with a telephone number to redact, one reported), and
//! feedback private to a service (one with a private reply, one waiting for the team lead), from
//! demo residents and George's carer.

use super::SeedError;
use app::domain::person::DemoPerson;
use app::domain::role::Role;
use app::server::Store;
use app::server::store::{Accessor, Decision, NewFeedback, NewResponse};

/// (who, for whom, ward, service, answer, good, better, may be published)
type Item<'a> = (
    &'a DemoPerson,
    &'a DemoPerson,
    &'a str,
    Option<&'a str>,
    &'a str,
    Option<&'a str>,
    Option<&'a str>,
    bool,
);

fn person(p: &DemoPerson, role: Role, acting_for: Option<&DemoPerson>) -> Accessor {
    Accessor {
        id: p.id,
        name: p.name.clone(),
        role,
        team: p.team.clone(),
        acting_for: acting_for.map(|a| a.id),
    }
}

/// Adds it once (nothing if Amira has given feedback); returns the rows added.
pub async fn seed_demo_feedback(
    store: &dyn Store,
    people: &[DemoPerson],
) -> Result<u64, SeedError> {
    let find = |name: &str| people.iter().find(|p| p.name == name);
    let (Some(amira), Some(george), Some(lin), Some(joe), Some(priya), Some(hannah), Some(idris)) = (
        find("Amira Khan"),
        find("George Walsh"),
        find("Lin Walsh"),
        find("Joe Murphy"),
        find("Priya Shah"),
        find("Hannah Price"),
        find("Idris Hughes"),
    ) else {
        return Ok(0);
    };
    if !store.feedback_given(amira.id).await?.is_empty() {
        // A demo database from before Idris's story gets it now.
        return waiting_for_a_response(store, idris, joe).await;
    }
    let neighbourhoods = store.neighbourhoods().await?;
    let home = |ward: &str| {
        neighbourhoods
            .iter()
            .find(|n| n.wards.iter().any(|w| w.name == ward))
            .map(|n| n.id)
    };
    let services = store.services().await?;
    let service = |code: &str| services.iter().find(|s| s.code == code).map(|s| s.id);
    let officer = person(joe, Role::EngagementOfficer, None);
    let lead = {
        let record = store.person(priya.id).await?;
        Accessor {
            team: record.team.map(|t| t.team_name),
            ..person(priya, Role::TeamLead, None)
        }
    };
    let mut added = 0;
    let items: [Item; 6] = [
        (
            amira,
            amira,
            "Cheetham",
            None,
            "very-good",
            Some("The nurses ring before they come and sit on my left so I can hear them."),
            Some("Letters still come in small print."),
            true,
        ),
        (
            george,
            george,
            "Chorlton",
            None,
            "good",
            Some("They always talk to me as well as to my daughter."),
            Some("Visits in the evening would suit us better."),
            true,
        ),
        (
            hannah,
            hannah,
            "Ancoats and Beswick",
            Some("community-therapy"),
            "poor",
            Some("The physio was kind."),
            Some("I waited six weeks for the first visit."),
            true,
        ),
        (
            lin,
            george,
            "Chorlton",
            Some("district-nursing"),
            "neither",
            None,
            Some("Please ring Lin on 07700 900123 before visiting, not Dad. Nurse Kelly knows."),
            true,
        ),
        (
            amira,
            amira,
            "Cheetham",
            Some("gp-practice"),
            "good",
            Some("Easy to get a telephone appointment."),
            None,
            false,
        ),
        (
            george,
            george,
            "Chorlton",
            Some("district-nursing"),
            "poor",
            None,
            Some(
                "The nurse who changes my dressing does not always wash her hands first. I did not like to say so in front of her.",
            ),
            false,
        ),
    ];
    let mut ids = Vec::new();
    for (by, resident, ward, service_code, fft, good, better, publish) in items {
        let acting = (by.id != resident.id).then_some(resident);
        let id = store
            .add_feedback(&NewFeedback {
                resident: resident.id,
                by: &person(by, Role::Resident, acting),
                neighbourhood: home(ward),
                service: service_code.and_then(service),
                fft,
                good,
                better,
                statements: if publish {
                    "meaningful-communication"
                } else {
                    ""
                },
                goal_key: None,
                status: if publish { "pending" } else { "private" },
            })
            .await?;
        ids.push(id);
        added += 1;
    }
    // Amira's, George's and Hannah's are published; the first two have responses; Hannah's
    // story is then reported, so it is back in moderation beside Lin's (which has a phone
    // number and a nurse's name to remove).
    for id in &ids[..3] {
        store
            .moderate(*id, &officer, Decision::Publish, None)
            .await?;
        added += 1;
    }
    store
        .add_public_response(&NewResponse {
            feedback: ids[0],
            private: false,
            by: &officer,
            body: "Thank you, Amira. We have asked the team to send letters in large print to everyone who has asked for it.",
            change: "made",
            change_detail: Some("Large-print letters for everyone whose needs say so, since October 2026"),
        })
        .await?;
    store
        .add_public_response(&NewResponse {
            feedback: ids[1],
            private: false,
            by: &lead,
            body: "We are trying evening visits in Chorlton and Whalley Range from the new year.",
            change: "planned",
            change_detail: Some("Evening visits on Tuesdays and Thursdays from January 2027"),
        })
        .await?;
    store.report(ids[2], "does-not-belong").await?;
    // Amira's feedback kept for her GP practice has a reply only she reads; George's about
    // district nursing waits for Priya, his neighbourhood's team lead.
    store
        .add_public_response(&NewResponse {
            feedback: ids[4],
            private: true,
            by: &officer,
            body: "Thank you. We have passed this on to the practice, who were pleased to hear it.",
            change: "none",
            change_detail: None,
        })
        .await?;
    added += 4;
    Ok(added + waiting_for_a_response(store, idris, joe).await?)
}

/// Idris's story about community therapy, published and waiting for a response (what "only
/// stories without a response yet" finds), once: nothing if he has given feedback.
async fn waiting_for_a_response(
    store: &dyn Store,
    idris: &DemoPerson,
    joe: &DemoPerson,
) -> Result<u64, SeedError> {
    if !store.feedback_given(idris.id).await?.is_empty() {
        return Ok(0);
    }
    let neighbourhood = store
        .neighbourhoods()
        .await?
        .into_iter()
        .find(|n| n.wards.iter().any(|w| w.name == "Moss Side"))
        .map(|n| n.id);
    let service = store
        .services()
        .await?
        .into_iter()
        .find(|s| s.code == "community-therapy")
        .map(|s| s.id);
    let by = person(idris, Role::Resident, None);
    let id = store
        .add_feedback(&NewFeedback {
            resident: idris.id,
            by: &by,
            neighbourhood,
            service,
            fft: "very-good",
            good: Some("The occupational therapist had a rail fitted by my bath within a week."),
            better: None,
            statements: "meaningful-communication",
            goal_key: None,
            status: "pending",
        })
        .await?;
    store
        .moderate(
            id,
            &person(joe, Role::EngagementOfficer, None),
            Decision::Publish,
            None,
        )
        .await?;
    Ok(2)
}
