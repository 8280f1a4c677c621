//! The demo's carer: Lin Walsh, a resident herself, cares for her father George Walsh. He
//! invited her and she accepted; she has written in his record (attributed to her) and read it,
//! so his activity page, his carers page and her `/caring` page all show it working. He shares
//! some of it with his team, so their queue has him in it.

use super::{SeedError, json};
use app::domain::about_me::{Section, SectionEdit};
use app::domain::carers::INVITATION_DAYS;
use app::domain::needs::{Contact, Format, Needs, Support};
use app::domain::person::DemoPerson;
use app::domain::record::DAY_MILLIS;
use app::domain::role::Role;
use app::server::Store;
use app::server::store::{Accessor, NewGrant, PartKind};

/// What George lets Lin do: change his needs, his most important things and his goals; see
/// his wellness section.
const PERMISSIONS: [(&str, bool); 4] = [
    ("needs", true),
    ("about-me:most-important", true),
    ("about-me:wellness", false),
    ("goals", true),
];

fn now_millis() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or_default()
}

fn accessor(person: &DemoPerson, acting_for: Option<&DemoPerson>) -> Accessor {
    Accessor {
        id: person.id,
        name: person.name.clone(),
        role: Role::Resident,
        team: None,
        acting_for: acting_for.map(|p| p.id),
    }
}

/// Adds the grant and Lin's entries once (nothing if George has any carer); returns the rows.
pub async fn seed_demo_carer(store: &dyn Store, people: &[DemoPerson]) -> Result<u64, SeedError> {
    let find = |name: &str| people.iter().find(|p| p.name == name);
    let (Some(george), Some(lin)) = (find("George Walsh"), find("Lin Walsh")) else {
        return Ok(0);
    };
    if !store.carer_grants(george.id).await?.is_empty() {
        return super::review::seed_demo_review(store, people).await;
    }
    let now = now_millis();
    // A code nobody is given: the invitation is accepted here. Its hash is unique per database
    // (the grant is added once), and the code is not derivable from anything public.
    let secret = uuid::Uuid::new_v4().simple().to_string();
    let grant = store
        .invite_carer(
            george.id,
            &accessor(george, None),
            &NewGrant {
                name: "Lin Walsh".into(),
                relationship: "daughter".into(),
                code_hash: format!("demo-{secret}"),
                code_expires_at: now + INVITATION_DAYS * DAY_MILLIS,
                ends_at: None,
                permissions: PERMISSIONS
                    .iter()
                    .map(|(scope, change)| (scope.to_string(), *change))
                    .collect(),
            },
        )
        .await?;
    let lin_for_george = accessor(lin, Some(george));
    store.accept_carer(grant, &lin_for_george, now).await?;
    let needs = Needs {
        formats: vec![Format::LargePrint],
        support: vec![Support::ExtraTime],
        professionals: Vec::new(),
        language: None,
        interpreter: false,
        contact: vec![Contact::Telephone],
        avoid_times: None,
        how_to_talk: Some(
            "Dad is hard of hearing: face him and speak slowly. Ring me (Lin) if he seems confused."
                .into(),
        ),
    };
    store
        .save_record(
            george.id,
            lin.id,
            PartKind::Needs,
            "needs",
            Some(0),
            &json(&needs)?,
            Some((&lin_for_george, "needs")),
        )
        .await?;
    let edit = SectionEdit {
        text: "His allotment in Chorlton and his pigeons.\nSeeing his grandson on Saturdays."
            .into(),
        supported_by: None,
        base: 0,
    };
    store
        .save_record(
            george.id,
            lin.id,
            PartKind::AboutMe,
            Section::MostImportant.code(),
            Some(0),
            &json(&edit.body())?,
            Some((&lin_for_george, "about-me:most-important")),
        )
        .await?;
    store
        .log_access(
            george.id,
            &lin_for_george,
            &["needs", "about-me:wellness"],
            "read",
        )
        .await?;
    // George shares his needs, what matters most and his goals with his team (Chorlton and
    // Whalley Range), so he is in Priya Shah's queue with Lin's words in it.
    let shares = ["needs", "about-me:most-important", "goals"].map(String::from);
    let shared = store
        .set_shares(george.id, &accessor(george, None), &shares)
        .await? as u64;
    // The grant, two versions written by Lin, and what George shares.
    Ok(3 + shared + super::review::seed_demo_review(store, people).await?)
}
