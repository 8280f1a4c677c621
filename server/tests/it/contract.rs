//! Store stories, run against every backend: each must behave exactly like the others.

use crate::support::{each_backend, open_store};
use app::domain::ids::PersonId;
use app::domain::place::{Code, Locality, NewNeighbourhood, NewWard};
use app::domain::role::Role;
use app::server::StoreError;
use hive_server::seed::seed_demo;

#[tokio::test]
async fn seeding_the_demo_twice_adds_nothing_the_second_time() {
    for db in each_backend().await {
        let store = open_store(&db).await;
        let first = seed_demo(store.as_ref()).await.expect("first seed");
        // Neighbourhoods, wards, teams, postcode districts, people.
        assert_eq!(first, 12 + 32 + 12 + 19 + 11, "{}", db.name);
        let second = seed_demo(store.as_ref()).await.expect("second seed");
        assert_eq!(second, 0, "{}", db.name);
        assert_eq!(store.demo_people().await.unwrap().len(), 11, "{}", db.name);
    }
}

#[tokio::test]
async fn neighbourhoods_come_with_their_team_and_wards_in_locality_order() {
    for db in each_backend().await {
        let store = open_store(&db).await;
        seed_demo(store.as_ref()).await.unwrap();
        let list = store.neighbourhoods().await.unwrap();
        assert_eq!(list.len(), 12, "{}", db.name);
        assert_eq!(
            list.iter().map(|n| n.wards.len()).sum::<usize>(),
            32,
            "{}",
            db.name
        );
        assert!(list.iter().all(|n| n.team.is_some()), "{}", db.name);
        let localities: Vec<Locality> = list.iter().map(|n| n.locality).collect();
        let mut sorted = localities.clone();
        sorted.sort_by_key(|l| Locality::ALL.iter().position(|x| x == l));
        assert_eq!(localities, sorted, "{}", db.name);
        let wythenshawe = list.iter().find(|n| n.code == "wythenshawe").unwrap();
        let names: Vec<&str> = wythenshawe.wards.iter().map(|w| w.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "Baguley",
                "Brooklands",
                "Northenden",
                "Sharston",
                "Woodhouse Park"
            ],
            "{}",
            db.name
        );
    }
}

#[tokio::test]
async fn a_ward_in_an_unknown_neighbourhood_is_refused_and_nothing_of_the_batch_is_kept() {
    for db in each_backend().await {
        let store = open_store(&db).await;
        let neighbourhood = NewNeighbourhood {
            code: Code::parse("test-hood").unwrap(),
            name: "Test".into(),
            locality: Locality::North,
        };
        store.add_neighbourhoods(&[neighbourhood]).await.unwrap();
        let wards = [
            NewWard {
                code: Code::parse("ward-good").unwrap(),
                name: "Good".into(),
                neighbourhood: Code::parse("test-hood").unwrap(),
            },
            NewWard {
                code: Code::parse("ward-bad").unwrap(),
                name: "Bad".into(),
                neighbourhood: Code::parse("no-such-hood").unwrap(),
            },
        ];
        let result = store.add_wards(&wards).await;
        assert!(matches!(result, Err(StoreError::NotFound)), "{}", db.name);
        let list = store.neighbourhoods().await.unwrap();
        assert!(
            list[0].wards.is_empty(),
            "{}: the good ward was kept",
            db.name
        );
    }
}

#[tokio::test]
async fn people_are_read_with_their_team_or_home_neighbourhood() {
    for db in each_backend().await {
        let store = open_store(&db).await;
        seed_demo(store.as_ref()).await.unwrap();
        let people = store.demo_people().await.unwrap();
        let roles: Vec<Role> = people.iter().map(|p| p.role).collect();
        assert_eq!(
            roles,
            [
                Role::Resident,
                Role::Resident,
                Role::Resident,
                Role::Resident,
                Role::Resident,
                Role::Resident,
                Role::Resident,
                Role::Practitioner,
                Role::TeamLead,
                Role::EngagementOfficer,
                Role::Admin
            ],
            "{}: residents first",
            db.name
        );
        let sam = people.iter().find(|p| p.name == "Sam Okafor").unwrap();
        let record = store.person(sam.id).await.unwrap();
        let team = record.team.expect("Sam is in a team");
        assert_eq!(
            team.neighbourhood_name, "Cheetham and Crumpsall",
            "{}",
            db.name
        );
        assert!(record.active);

        let amira = people.iter().find(|p| p.name == "Amira Khan").unwrap();
        let record = store.person(amira.id).await.unwrap();
        assert_eq!(record.team, None);
        assert_eq!(
            record.home_neighbourhood.as_deref(),
            Some("Cheetham and Crumpsall"),
            "{}",
            db.name
        );
    }
}

#[tokio::test]
async fn an_unknown_person_is_not_found() {
    for db in each_backend().await {
        let store = open_store(&db).await;
        let result = store.person(PersonId(987_654)).await;
        assert!(matches!(result, Err(StoreError::NotFound)), "{}", db.name);
    }
}

#[tokio::test]
async fn staff_without_a_team_are_refused_by_the_schema() {
    use app::domain::person::{DisplayName, NewPerson};
    for db in each_backend().await {
        let store = open_store(&db).await;
        let nurse = NewPerson {
            name: DisplayName::parse("No Team").unwrap(),
            role: Role::Practitioner,
            team: None,
            home_ward: None,
            demo_key: Some("no-team".into()),
            demo_description: None,
        };
        let result = store.add_demo_people(&[nurse]).await;
        assert!(matches!(result, Err(StoreError::Other(_))), "{}", db.name);
        assert!(store.demo_people().await.unwrap().is_empty(), "{}", db.name);
    }
}
