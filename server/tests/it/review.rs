//! The team's queue and a shared record: store stories on every backend, the pages, and how
//! much work a page does.

use crate::counting::spawn_counting_app;
use crate::support::{TestApp, each_backend, open_store, spawn_app, sqlite};
use app::domain::ids::{NeighbourhoodId, PersonId, WardId};
use app::domain::needs::Needs;
use app::domain::person::{DisplayName, NewPerson};
use app::domain::role::Role;
use app::server::Store;
use app::server::store::{Accessor, PartKind, QueueQuery};
use hive_server::seed::seed_demo;
use std::collections::BTreeSet;
use std::sync::atomic::Ordering;

/// The neighbourhood of a demo ward, and the ward's id.
async fn ward(store: &dyn Store, name: &str) -> (NeighbourhoodId, WardId) {
    let all = store.neighbourhoods().await.unwrap();
    all.iter()
        .find_map(|n| {
            n.wards
                .iter()
                .find(|w| w.name == name)
                .map(|w| (n.id, w.id))
        })
        .unwrap()
}

/// `count` new residents of `ward_name`, each sharing their needs and saving them once.
async fn residents_sharing(
    store: &dyn Store,
    ward_name: &str,
    count: usize,
    tag: &str,
) -> Vec<PersonId> {
    let (_, ward) = ward(store, ward_name).await;
    let people: Vec<NewPerson> = (0..count)
        .map(|i| NewPerson {
            name: DisplayName::parse(&format!("{tag} {i}")).unwrap(),
            role: Role::Resident,
            team: None,
            home_ward: Some(ward),
            demo_key: Some(format!("{tag}-{i}")),
            demo_description: Some("A resident in the queue".into()),
        })
        .collect();
    store.add_demo_people(&people).await.unwrap();
    let demo = store.demo_people().await.unwrap();
    // Needs as the page saves them (the record page reads them back as `Needs`).
    let needs = serde_json::to_string(&Needs {
        interpreter: true,
        ..Needs::default()
    })
    .unwrap();
    let mut ids = Vec::new();
    for i in 0..count {
        let person = demo
            .iter()
            .find(|p| p.name == format!("{tag} {i}"))
            .unwrap();
        let by = Accessor {
            id: person.id,
            name: person.name.clone(),
            role: Role::Resident,
            team: None,
            acting_for: None,
        };
        store
            .set_shares(person.id, &by, &["needs".to_string()])
            .await
            .unwrap();
        if i % 2 == 0 {
            store
                .save_record(
                    person.id,
                    person.id,
                    PartKind::Needs,
                    "needs",
                    Some(0),
                    &needs,
                    None,
                )
                .await
                .unwrap();
        }
        ids.push(person.id);
    }
    ids
}

#[tokio::test]
async fn the_queue_pages_by_key_newest_first_without_repeats_or_gaps() {
    for db in each_backend().await {
        let store = open_store(&db).await;
        seed_demo(store.as_ref()).await.unwrap();
        let ids = residents_sharing(store.as_ref(), "Chorlton", 23, "Queue").await;
        let (neighbourhood, _) = ward(store.as_ref(), "Chorlton").await;
        let mut seen = Vec::new();
        let mut after = None;
        loop {
            let page = store
                .team_queue(
                    neighbourhood,
                    &QueueQuery {
                        after,
                        limit: 5,
                        ..QueueQuery::default()
                    },
                )
                .await
                .unwrap();
            if page.is_empty() {
                break;
            }
            after = page.last().map(|r| (r.last_change_at, r.resident));
            seen.extend(page);
        }
        let unique: BTreeSet<i64> = seen.iter().map(|r| r.resident.0).collect();
        assert_eq!(seen.len(), 23, "{}: every resident once", db.name);
        assert_eq!(unique.len(), 23, "{}", db.name);
        assert!(ids.iter().all(|id| unique.contains(&id.0)), "{}", db.name);
        let keys: Vec<(i64, i64)> = seen
            .iter()
            .map(|r| (r.last_change_at, r.resident.0))
            .collect();
        let mut sorted = keys.clone();
        sorted.sort_by(|a, b| b.cmp(a));
        assert_eq!(keys, sorted, "{}: newest change first", db.name);
        let needs = seen.iter().filter(|r| r.has_needs).count();
        assert_eq!(needs, 12, "{}: those who saved needs", db.name);
        let counts = store.queue_counts(neighbourhood).await.unwrap();
        assert_eq!((counts.all, counts.with_needs), (23, 12), "{}", db.name);
        // Nobody has acknowledged anything yet: every saved version waits, and the oldest
        // waiting is the oldest of those residents' changes.
        let waiting: Vec<i64> = seen
            .iter()
            .filter(|r| r.unacknowledged)
            .map(|r| r.last_change_at)
            .collect();
        assert_eq!(waiting.len(), 12, "{}: those who saved", db.name);
        assert_eq!(counts.unacknowledged, 12, "{}", db.name);
        assert_eq!(
            counts.oldest_unacknowledged,
            waiting.iter().copied().min(),
            "{}",
            db.name
        );

        // A save moves a resident to the top; stopping sharing or moving away takes them out.
        let last = seen.last().unwrap().resident;
        store
            .save_record(last, last, PartKind::Needs, "needs", None, "{}", None)
            .await
            .unwrap();
        let top = store
            .team_queue(
                neighbourhood,
                &QueueQuery {
                    limit: 1,
                    ..QueueQuery::default()
                },
            )
            .await
            .unwrap();
        assert_eq!(top[0].resident, last, "{}", db.name);
        let by = Accessor {
            id: last,
            name: "Queue".into(),
            role: Role::Resident,
            team: None,
            acting_for: None,
        };
        store.set_shares(last, &by, &[]).await.unwrap();
        assert!(
            store
                .queued_resident(neighbourhood, last)
                .await
                .unwrap()
                .is_none()
        );
        let first = seen[0].resident;
        let (away, away_ward) = ward(store.as_ref(), "Cheetham").await;
        store.move_home(first, away_ward, &by).await.unwrap();
        assert!(
            store
                .queued_resident(neighbourhood, first)
                .await
                .unwrap()
                .is_none()
        );
        assert!(store.queued_resident(away, first).await.unwrap().is_some());
        assert_eq!(store.queue_counts(neighbourhood).await.unwrap().all, 21);
    }
}

async fn page(app: &TestApp, path: &str, cookie: &str) -> (u16, String) {
    let response = app.get(path, Some(cookie)).await;
    let status = response.status().as_u16();
    (status, response.text().await.unwrap())
}

#[tokio::test]
async fn the_serving_team_sees_what_is_shared_needs_first_and_every_view_is_logged() {
    let app = spawn_app(sqlite(), true).await;
    hive_server::seed::seed_demo_record(app.store.as_ref())
        .await
        .unwrap();
    let george = app.demo_person_id("George Walsh").await;
    let priya = app.sign_in_as("Priya Shah", None).await;
    let (status, queue) = page(&app, "/team", &priya).await;
    assert_eq!(status, 200);
    assert!(queue.contains("George Walsh"), "{queue}");
    assert!(queue.contains("Has needs"), "{queue}");
    assert!(
        !queue.contains("Amira Khan"),
        "another neighbourhood's resident"
    );

    let path = format!("/team/residents/{george}");
    let (status, record) = page(&app, &path, &priya).await;
    assert_eq!(status, 200);
    let needs = record
        .find("Dad is hard of hearing")
        .expect("the needs are shown");
    let about = record
        .find("His allotment")
        .expect("the shared section is shown");
    assert!(needs < about, "communication needs come first");
    assert!(record.contains("by Lin Walsh (carer)"), "{record}");

    // Another team: not found, like a resident who does not exist.
    let sam = app.sign_in_as("Sam Okafor", None).await;
    assert_eq!(page(&app, &path, &sam).await.0, 404);
    assert_eq!(page(&app, "/team/residents/999999", &priya).await.0, 404);
    assert_eq!(page(&app, "/team/residents/nonsense", &priya).await.0, 404);

    // George sees who read what.
    let george_cookie = app.sign_in_as("George Walsh", None).await;
    let (_, activity) = page(&app, "/my/activity", &george_cookie).await;
    assert!(
        activity.contains("Priya Shah (Team lead, Chorlton and Whalley Range"),
        "{activity}"
    );

    // Stopping sharing his needs: the team is told they exist, not what they are.
    app.post_page_form(
        "/my/sharing",
        "/api/save-sharing",
        &[("scopes[]", "goals")],
        &george_cookie,
    )
    .await;
    let (_, record) = page(&app, &path, &priya).await;
    assert!(!record.contains("Dad is hard of hearing"));
    assert!(!record.contains("His allotment"));
    assert!(record.contains("has recorded communication needs but has not shared them"));
    // Stopping everything: not found from the next request.
    app.post_page_form("/my/sharing", "/api/save-sharing", &[], &george_cookie)
        .await;
    assert_eq!(page(&app, &path, &priya).await.0, 404);
}

#[tokio::test]
async fn the_queue_and_a_record_make_the_same_number_of_queries_however_many_residents_and_versions()
 {
    let (app, counts) = spawn_counting_app(sqlite()).await;
    hive_server::seed::seed_demo_record(app.store.as_ref())
        .await
        .unwrap();
    let priya = app.sign_in_as("Priya Shah", None).await;
    let george = app.demo_person_id("George Walsh").await;
    let record = format!("/team/residents/{george}");
    let mut used = Vec::new();
    let george_id = PersonId(george);
    let needs = app
        .store
        .record_latest(george_id, PartKind::Needs)
        .await
        .unwrap()[0]
        .body
        .clone();
    for more in [0, 40] {
        residents_sharing(app.store.as_ref(), "Chorlton", more, &format!("Many{more}")).await;
        // And more versions of his record, and more messages on it.
        for _ in 0..more / 4 {
            app.store
                .save_record(
                    george_id,
                    george_id,
                    PartKind::Needs,
                    "needs",
                    None,
                    &needs,
                    None,
                )
                .await
                .unwrap();
            app.store
                .add_message(&app::server::store::NewMessage {
                    resident: george_id,
                    neighbourhood: None,
                    by: &Accessor {
                        id: george_id,
                        name: "George Walsh".into(),
                        role: Role::Resident,
                        team: None,
                        acting_for: None,
                    },
                    kind: PartKind::Needs,
                    key: "needs",
                    from_team: false,
                    body: "Another message",
                    scope: "needs",
                })
                .await
                .unwrap();
        }
        for path in ["/team", record.as_str()] {
            counts.record_reads.store(0, Ordering::SeqCst);
            assert_eq!(page(&app, path, &priya).await.0, 200);
            used.push((path.to_string(), counts.record_reads.load(Ordering::SeqCst)));
        }
    }
    assert_eq!(used[0], used[2], "the queue: {used:?}");
    assert_eq!(used[1], used[3], "a record: {used:?}");
    assert!(
        used[0].1 >= 2,
        "the queue and its counts are counted: {used:?}"
    );
}

#[tokio::test]
async fn an_acknowledgement_names_one_version_and_a_later_one_shows_as_unread() {
    for db in each_backend().await {
        let store = open_store(&db).await;
        seed_demo(store.as_ref()).await.unwrap();
        let ids = residents_sharing(store.as_ref(), "Chorlton", 2, "Ack").await;
        let (neighbourhood, _) = ward(store.as_ref(), "Chorlton").await;
        let (saved, other) = (ids[0], ids[1]);
        let nurse = Accessor {
            id: PersonId(app_person(store.as_ref(), "Priya Shah").await),
            name: "Priya Shah".into(),
            role: Role::TeamLead,
            team: Some("Chorlton and Whalley Range".into()),
            acting_for: None,
        };
        let ack = |resident, version| app::server::store::NewAcknowledgement {
            resident,
            neighbourhood,
            by: &nurse,
            kind: PartKind::Needs,
            key: "needs",
            version,
            scope: "needs",
        };
        let queued = |row: Option<app::server::store::QueueRow>| row.unwrap().unacknowledged;
        assert!(queued(
            store.queued_resident(neighbourhood, saved).await.unwrap()
        ));
        // A version that does not exist, or exists only in someone else's record: not found.
        let missing = store.acknowledge(&ack(saved, 2)).await;
        assert!(
            matches!(missing, Err(app::server::StoreError::NotFound)),
            "{}",
            db.name
        );
        let theirs = store.acknowledge(&ack(other, 1)).await;
        assert!(
            matches!(theirs, Err(app::server::StoreError::NotFound)),
            "{}",
            db.name
        );

        store.acknowledge(&ack(saved, 1)).await.unwrap();
        assert!(
            !queued(store.queued_resident(neighbourhood, saved).await.unwrap()),
            "{}",
            db.name
        );
        // Nothing waits now (the other resident saved nothing): no oldest change either.
        let counts = store.queue_counts(neighbourhood).await.unwrap();
        assert_eq!(
            (counts.unacknowledged, counts.oldest_unacknowledged),
            (0, None),
            "{}",
            db.name
        );
        let acks = store.acknowledgements(saved).await.unwrap();
        assert_eq!(acks.len(), 1);
        assert_eq!((acks[0].kind.as_str(), acks[0].version), ("needs", 1));
        assert_eq!(acks[0].staff_name, "Priya Shah");

        // A later version is unread again.
        store
            .save_record(saved, saved, PartKind::Needs, "needs", Some(1), "{}", None)
            .await
            .unwrap();
        assert!(
            queued(store.queued_resident(neighbourhood, saved).await.unwrap()),
            "{}",
            db.name
        );
        let unread = store
            .team_queue(
                neighbourhood,
                &QueueQuery {
                    limit: 50,
                    unacknowledged_only: true,
                    ..QueueQuery::default()
                },
            )
            .await
            .unwrap();
        assert!(unread.iter().any(|r| r.resident == saved), "{}", db.name);
        let counts = store.queue_counts(neighbourhood).await.unwrap();
        let changed = unread.iter().find(|r| r.resident == saved).unwrap();
        assert_eq!(
            (counts.unacknowledged, counts.oldest_unacknowledged),
            (1, Some(changed.last_change_at)),
            "{}",
            db.name
        );
    }
}

async fn app_person(store: &dyn Store, name: &str) -> i64 {
    store
        .demo_people()
        .await
        .unwrap()
        .into_iter()
        .find(|p| p.name == name)
        .unwrap()
        .id
        .0
}

#[tokio::test]
async fn staff_acknowledge_a_version_the_resident_sees_it_and_bad_acknowledgements_are_not_found() {
    let app = spawn_app(sqlite(), true).await;
    hive_server::seed::seed_demo_record(app.store.as_ref())
        .await
        .unwrap();
    let george = app.demo_person_id("George Walsh").await.to_string();
    let priya = app.sign_in_as("Priya Shah", None).await;
    let record = format!("/team/residents/{george}");
    let (_, page_before) = page(&app, &record, &priya).await;
    assert!(
        page_before.contains("I have read version 1"),
        "{page_before}"
    );
    let ack = |kind: &'static str, key: &'static str, version: &'static str| {
        vec![
            ("resident", george.clone()),
            ("kind", kind.to_string()),
            ("key", key.to_string()),
            ("version", version.to_string()),
        ]
    };
    let post = |form: Vec<(&'static str, String)>, cookie: String| {
        let app = &app;
        async move {
            let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
            app.post_form("/api/acknowledge", &pairs, Some(&cookie))
                .await
                .status()
                .as_u16()
        }
    };
    // Bad acknowledgements: no such version, a part not shared, a kind that is not a part,
    // another team.
    assert_eq!(post(ack("needs", "needs", "9"), priya.clone()).await, 404);
    assert_eq!(post(ack("needs", "needs", "0"), priya.clone()).await, 404);
    assert_eq!(post(ack("needs", "needs", "-1"), priya.clone()).await, 404);
    assert_eq!(
        post(ack("about-me", "wellness", "1"), priya.clone()).await,
        404
    );
    assert_eq!(post(ack("statement", "x", "1"), priya.clone()).await, 404);
    assert_eq!(
        post(ack("needs", "needs", "nonsense"), priya.clone()).await,
        404
    );
    let sam = app.sign_in_as("Sam Okafor", None).await;
    assert_eq!(post(ack("needs", "needs", "1"), sam).await, 404);

    let done = app
        .post_page_form(
            &record,
            "/api/acknowledge",
            &ack("needs", "needs", "1")
                .iter()
                .map(|(k, v)| (*k, v.as_str()))
                .collect::<Vec<_>>(),
            &priya,
        )
        .await;
    assert_eq!(done.headers()["location"], record.as_str());
    let (_, after) = page(&app, &record, &priya).await;
    assert!(
        after.contains("Marked as read: Communication and information needs, version 1"),
        "{after}"
    );
    assert!(
        after.contains("Read by Priya Shah, Team lead, Chorlton and Whalley Range"),
        "{after}"
    );

    // George sees who read it; after a change, that it has not been read yet.
    let george_cookie = app.sign_in_as("George Walsh", None).await;
    let (_, needs) = page(&app, "/my/needs", &george_cookie).await;
    assert!(needs.contains("Read by Priya Shah, Team lead"), "{needs}");
    app.post_page_form(
        "/my/needs",
        "/api/save-needs",
        &[("base", "1"), ("formats[]", "easy-read")],
        &george_cookie,
    )
    .await;
    let (_, needs) = page(&app, "/my/needs", &george_cookie).await;
    assert!(needs.contains("Version 2 has not been read yet"), "{needs}");
    let (_, queue) = page(&app, "/team?unread=yes", &priya).await;
    assert!(queue.contains("George Walsh"), "{queue}");
    // The team sees what changed since the version it read, line by line.
    let (_, record_now) = page(&app, &record, &priya).await;
    assert!(
        record_now.contains("What changed since your team read version 1"),
        "{record_now}"
    );
    assert!(record_now.contains("Removed: "), "{record_now}");
    assert!(record_now.contains("Added: "), "{record_now}");
    assert!(record_now.contains("Easy Read"), "{record_now}");
    let (_, activity) = page(&app, "/my/activity", &george_cookie).await;
    assert!(activity.contains("Marked as read"), "{activity}");
}

#[tokio::test]
async fn a_member_of_staff_removed_from_the_directory_loses_access_on_their_next_request() {
    let app = spawn_app(sqlite(), true).await;
    hive_server::seed::seed_demo_record(app.store.as_ref())
        .await
        .unwrap();
    let george = app.demo_person_id("George Walsh").await;
    let priya = app.sign_in_as("Priya Shah", None).await;
    let record = format!("/team/residents/{george}");
    assert_eq!(page(&app, &record, &priya).await.0, 200);
    // Demo staff have no directory e-mail, so they are deactivated in the database directly:
    // exactly what removing someone from the directory does (`people.active`).
    let id = app.demo_person_id("Priya Shah").await;
    let path = app.db.sqlite_path.clone().unwrap();
    let pool = sqlx::SqlitePool::connect(&format!("sqlite://{}", path.display()))
        .await
        .unwrap();
    sqlx::query("UPDATE people SET active = FALSE WHERE id = $1")
        .bind(id)
        .execute(&pool)
        .await
        .unwrap();
    let refused = app.get(&record, Some(&priya)).await;
    assert_eq!(refused.status(), 302, "signed out: back to sign-in");
    assert!(
        refused.headers()["location"]
            .to_str()
            .unwrap()
            .starts_with("/auth/login"),
    );
}

/// The residents a queue page lists, in order (each row links to the record).
fn listed(html: &str) -> Vec<i64> {
    html.split("href=\"/team/residents/")
        .skip(1)
        .filter_map(|rest| rest.split('"').next()?.parse().ok())
        .collect()
}

/// The page's "Next page" address, if it has one.
fn next_page(html: &str) -> Option<String> {
    let start = html.find("href=\"/team?after=")? + "href=\"".len();
    let end = html[start..].find('"')? + start;
    Some(html[start..end].replace("&amp;", "&"))
}

/// Every page of a queue address, following "Next page": the residents in order.
async fn every_page(app: &TestApp, path: &str, cookie: &str) -> Vec<i64> {
    let mut all = Vec::new();
    let mut next = Some(path.to_string());
    while let Some(path) = next {
        let (status, html) = page(app, &path, cookie).await;
        assert_eq!(status, 200, "{path}");
        all.extend(listed(&html));
        next = next_page(&html);
        assert!(all.len() < 500, "the pages end");
    }
    all
}

/// The queue page's filters and search do what the form says, page by page: the residents
/// listed are exactly those the store finds for the same question, and whatever the form
/// could not have sent is no filter at all.
#[tokio::test]
async fn the_queue_page_filters_searches_and_pages_as_its_form_asks() {
    let app = spawn_app(sqlite(), true).await;
    hive_server::seed::seed_demo_record(app.store.as_ref())
        .await
        .unwrap();
    let store = app.store.as_ref();
    // 25 "Filter" residents in Chorlton (exactly a page when searched for), and 3 more in
    // Whalley Range, besides the demo's George and his neighbours.
    let chorlton = residents_sharing(store, "Chorlton", 25, "Filter").await;
    let range = residents_sharing(store, "Whalley Range", 3, "Ranger").await;
    let (neighbourhood, _) = ward(store, "Chorlton").await;
    let expected = |query: QueueQuery| async move {
        store
            .team_queue(
                neighbourhood,
                &QueueQuery {
                    limit: 1000,
                    ..query
                },
            )
            .await
            .unwrap()
            .iter()
            .map(|r| r.resident.0)
            .collect::<Vec<i64>>()
    };
    let priya = app.sign_in_as("Priya Shah", None).await;

    // Everyone, over two pages, each once, newest change first.
    let everyone = expected(QueueQuery::default()).await;
    assert!(everyone.len() > 25 + 3 + 1, "{}", everyone.len());
    let (_, first) = page(&app, "/team", &priya).await;
    assert_eq!(listed(&first).len(), 25, "a full first page");
    let next = next_page(&first).expect("a next page");
    assert!(!next.contains("name="), "no filter to carry: {next}");
    assert_eq!(every_page(&app, "/team", &priya).await, everyone);
    // An empty "after" (a form may send one) is the first page.
    let (status, from_start) = page(&app, "/team?after=&name=", &priya).await;
    assert_eq!(status, 200);
    assert_eq!(listed(&from_start), listed(&first));

    // A search: exactly a page, so no next page; control characters are no part of it.
    let (_, found) = page(&app, "/team?name=%00Filter%20", &priya).await;
    let mut found_ids = listed(&found);
    assert_eq!(found_ids.len(), 25, "{found}");
    assert_eq!(next_page(&found), None, "25 found: one page");
    found_ids.sort();
    let mut filter_ids: Vec<i64> = chorlton.iter().map(|p| p.0).collect();
    filter_ids.sort();
    assert_eq!(found_ids, filter_ids);

    // A ward of the neighbourhood: only its residents; a ward of another neighbourhood (the
    // form offers none) is no filter.
    let in_ward = expected(QueueQuery {
        ward: Some("ward-whalley-range".into()),
        ..QueueQuery::default()
    })
    .await;
    assert!(range.iter().all(|p| in_ward.contains(&p.0)), "{in_ward:?}");
    assert!(in_ward.len() < everyone.len());
    assert_eq!(
        every_page(&app, "/team?ward=ward-whalley-range", &priya).await,
        in_ward
    );
    let (_, in_range) = page(&app, "/team?ward=ward-whalley-range", &priya).await;
    assert!(
        in_range.contains("<option value=\"ward-whalley-range\" selected"),
        "{in_range}"
    );
    assert!(
        in_range.contains(">Chorlton Park</option>"),
        "the team's wards are offered"
    );
    assert!(
        !in_range.contains(">Cheetham</option>"),
        "another team's are not"
    );
    let elsewhere = every_page(&app, "/team?ward=ward-cheetham", &priya).await;
    assert_eq!(elsewhere, everyone);
    let (_, elsewhere_page) = page(&app, "/team?ward=ward-cheetham", &priya).await;
    assert!(
        !next_page(&elsewhere_page).unwrap().contains("ward="),
        "the ward asked for is not kept"
    );

    // Goals: those with an active goal, those with a proposal waiting (George, in the demo);
    // anything else is none. Filter 3 shares an active goal.
    let three = chorlton[3];
    let by3 = Accessor {
        id: three,
        name: "Filter 3".into(),
        role: Role::Resident,
        team: None,
        acting_for: None,
    };
    let goal = app::domain::goals::Goal {
        description: "Walk to the park".into(),
        why: None,
        target: None,
        lifecycle: app::domain::goals::Lifecycle::Active,
        achievement: None,
    };
    store
        .save_record(
            three,
            three,
            PartKind::Goal,
            "0a1b2c3d4e5f6a7b",
            Some(0),
            &serde_json::to_string(&goal).unwrap(),
            None,
        )
        .await
        .unwrap();
    store
        .set_shares(three, &by3, &["needs".into(), "goals".into()])
        .await
        .unwrap();
    let everyone = expected(QueueQuery::default()).await;
    let active = expected(QueueQuery {
        active_goals: true,
        ..QueueQuery::default()
    })
    .await;
    let proposed = expected(QueueQuery {
        open_proposals: true,
        ..QueueQuery::default()
    })
    .await;
    assert!(
        !active.is_empty() && !proposed.is_empty(),
        "{active:?} {proposed:?}"
    );
    assert_eq!(every_page(&app, "/team?goals=active", &priya).await, active);
    assert_eq!(
        every_page(&app, "/team?goals=proposed", &priya).await,
        proposed
    );
    assert_eq!(
        every_page(&app, "/team?goals=nonsense", &priya).await,
        everyone
    );
    let (_, nonsense) = page(&app, "/team?goals=nonsense", &priya).await;
    assert!(
        !next_page(&nonsense).unwrap().contains("goals="),
        "the goal filter asked for is not kept"
    );

    // Needs only: those who saved needs.
    let needs = expected(QueueQuery {
        needs_only: true,
        ..QueueQuery::default()
    })
    .await;
    assert!(needs.len() < everyone.len());
    assert_eq!(every_page(&app, "/team?needs=yes", &priya).await, needs);

    // The team lead sees the team's activity; a practitioner of the same team does not.
    assert!(first.contains("id=\"activity-heading\""), "{first}");
    let team = store
        .person(PersonId(app.demo_person_id("Priya Shah").await))
        .await
        .unwrap()
        .team
        .unwrap();
    store
        .add_demo_people(&[NewPerson {
            name: DisplayName::parse("Rosa Diaz").unwrap(),
            role: Role::Practitioner,
            team: Some(team.team),
            home_ward: None,
            demo_key: Some("rosa".into()),
            demo_description: Some("A nurse in the team".into()),
        }])
        .await
        .unwrap();
    let rosa = app.sign_in_as("Rosa Diaz", None).await;
    let (_, hers) = page(&app, "/team", &rosa).await;
    let (_, lead_now) = page(&app, "/team", &priya).await;
    assert_eq!(listed(&hers), listed(&lead_now), "the same queue");
    assert!(!hers.contains("activity-heading"), "{hers}");
}

/// A shared record as the team reads it: each current goal once, at its latest version;
/// each statement with its own answer; and what changed in an About Me section since the
/// version the team marked as read (nothing, while that version is the latest).
#[tokio::test]
async fn the_team_reads_the_latest_of_each_part_and_what_changed_since_it_last_read() {
    use app::domain::about_me::SectionBody;
    use app::domain::goals::{Goal, Lifecycle};
    use app::domain::statements::{Answer, Truth};
    let app = spawn_app(sqlite(), true).await;
    let store = app.store.as_ref();
    seed_demo(store).await.unwrap();
    let rhiannon = residents_sharing(store, "Chorlton", 1, "Rhiannon").await[0];
    let by = Accessor {
        id: rhiannon,
        name: "Rhiannon 0".into(),
        role: Role::Resident,
        team: None,
        acting_for: None,
    };
    let save = |kind: PartKind, key: &'static str, base: Option<i64>, body: String| async move {
        store
            .save_record(rhiannon, rhiannon, kind, key, base, &body, None)
            .await
            .unwrap();
    };
    let goal = |description: &str| {
        serde_json::to_string(&Goal {
            description: description.into(),
            why: None,
            target: None,
            lifecycle: Lifecycle::Active,
            achievement: None,
        })
        .unwrap()
    };
    // (The helper's needs are an empty object, which is not what a save writes.)
    let needs = app::domain::needs::Needs {
        how_to_talk: Some("Face me when you speak.".into()),
        ..Default::default()
    };
    save(
        PartKind::Needs,
        "needs",
        Some(1),
        serde_json::to_string(&needs).unwrap(),
    )
    .await;
    save(
        PartKind::Goal,
        "0a1b2c3d4e5f6a7b",
        Some(0),
        goal("Walk to the corner shop"),
    )
    .await;
    save(
        PartKind::Goal,
        "0a1b2c3d4e5f6a7b",
        Some(1),
        goal("Walk to the park gates"),
    )
    .await;
    save(
        PartKind::Goal,
        "1b2c3d4e5f6a7b8c",
        Some(0),
        goal("Cook a Sunday lunch"),
    )
    .await;
    let answer = Answer {
        truth: Truth::Mostly,
        comment: Some("They listen to me now.".into()),
    };
    save(
        PartKind::Statement,
        "active-partner",
        None,
        serde_json::to_string(&answer).unwrap(),
    )
    .await;
    let section = |text: &str| {
        serde_json::to_string(&SectionBody {
            text: text.into(),
            supported_by: None,
        })
        .unwrap()
    };
    save(
        PartKind::AboutMe,
        "wellness",
        Some(0),
        section("I swim on Mondays."),
    )
    .await;
    store
        .set_shares(
            rhiannon,
            &by,
            &[
                "statements".into(),
                "goals".into(),
                "about-me:wellness".into(),
                "needs".into(),
            ],
        )
        .await
        .unwrap();

    let priya = app.sign_in_as("Priya Shah", None).await;
    let path = format!("/team/residents/{}", rhiannon.0);
    let (status, record) = page(&app, &path, &priya).await;
    assert_eq!(status, 200);
    // What is shared, in the order the record lists its parts.
    assert!(
        record.contains("Shared with your team: Communication and information needs; About me: My wellness; Goals and progress notes; How true the person statements feel."),
        "{record}"
    );
    // Its words once (its buttons name it too, to screen readers, after "the goal: ").
    assert_eq!(
        record.matches(">Walk to the park gates<").count(),
        1,
        "{record}"
    );
    assert!(
        !record.contains("Walk to the corner shop"),
        "only the latest: {record}"
    );
    assert_eq!(
        record.matches(">Cook a Sunday lunch<").count(),
        1,
        "{record}"
    );
    assert_eq!(
        record.matches("They listen to me now.").count(),
        1,
        "{record}"
    );
    assert!(
        record.contains("“I am an active partner in my own care.”: Mostly true"),
        "{record}"
    );

    // Read, then nothing has changed since; a new version shows what changed.
    let ack = app
        .post_form(
            "/api/acknowledge",
            &[
                ("resident", &rhiannon.0.to_string()),
                ("kind", "about-me"),
                ("key", "wellness"),
                ("version", "1"),
            ],
            Some(&priya),
        )
        .await;
    assert!(
        ack.status().is_redirection() || ack.status().is_success(),
        "{}",
        ack.status()
    );
    let (_, record) = page(&app, &path, &priya).await;
    assert!(!record.contains("What changed since"), "{record}");
    save(
        PartKind::AboutMe,
        "wellness",
        Some(1),
        section("I swim on Tuesdays."),
    )
    .await;
    let (_, record) = page(&app, &path, &priya).await;
    assert!(
        record.contains("What changed since your team read version 1"),
        "{record}"
    );
    assert!(
        record.contains("I swim on Mondays."),
        "the old line: {record}"
    );
    assert!(record.contains("I swim on Tuesdays."), "{record}");

    // The team's responses on her needs and a goal are on the record while those parts are
    // shared, and only then.
    let resident = rhiannon.0.to_string();
    for (kind, key, text) in [
        ("needs", "needs", "We will ring before we visit."),
        ("goal", "0a1b2c3d4e5f6a7b", "The park gates are a good aim."),
    ] {
        let sent = app
            .post_form(
                "/api/respond",
                &[
                    ("resident", resident.as_str()),
                    ("kind", kind),
                    ("key", key),
                    ("text", text),
                ],
                Some(&priya),
            )
            .await;
        assert!(
            sent.status().is_redirection() || sent.status().is_success(),
            "{}",
            sent.status()
        );
    }
    // What another team wrote to her (before she moved, say) is that team's conversation.
    let (cheetham, _) = ward(store, "Cheetham").await;
    let sam = Accessor {
        id: PersonId(app.demo_person_id("Sam Okafor").await),
        name: "Sam Okafor".into(),
        role: Role::Practitioner,
        team: Some("Cheetham and Crumpsall".into()),
        acting_for: None,
    };
    store
        .add_message(&app::server::store::NewMessage {
            resident: rhiannon,
            neighbourhood: Some(cheetham),
            by: &sam,
            kind: PartKind::Needs,
            key: "needs",
            from_team: true,
            body: "A message from another team.",
            scope: "needs",
        })
        .await
        .unwrap();
    let (_, record) = page(&app, &path, &priya).await;
    assert!(record.contains("We will ring before we visit."), "{record}");
    assert!(
        record.contains("The park gates are a good aim."),
        "{record}"
    );
    assert!(!record.contains("A message from another team."), "{record}");
    store
        .set_shares(rhiannon, &by, &["needs".into(), "about-me:wellness".into()])
        .await
        .unwrap();
    let (_, record) = page(&app, &path, &priya).await;
    assert!(record.contains("We will ring before we visit."), "{record}");
    assert!(
        !record.contains("The park gates are a good aim."),
        "goals are no longer shared: {record}"
    );
}

/// The record the team opens carries one acknowledgement per part, its newest by this team:
/// a part read twice is there once (the later version), each goal has its own, and what
/// another team read (before the resident moved, say) is not this team's.
#[tokio::test]
async fn the_team_record_carries_each_parts_newest_read_by_this_team_only() {
    use app::domain::goals::{Goal, Lifecycle};
    use app::server::store::NewAcknowledgement;
    let db = sqlite();
    let store = open_store(&db).await;
    let store = store.as_ref();
    seed_demo(store).await.unwrap();
    let resident = residents_sharing(store, "Chorlton", 1, "Read").await[0];
    let me = Accessor {
        id: resident,
        name: "Read 0".into(),
        role: Role::Resident,
        team: None,
        acting_for: None,
    };
    store
        .set_shares(resident, &me, &["needs".to_string(), "goals".to_string()])
        .await
        .unwrap();
    let needs = serde_json::to_string(&Needs::default()).unwrap();
    store
        .save_record(
            resident,
            resident,
            PartKind::Needs,
            "needs",
            Some(1),
            &needs,
            None,
        )
        .await
        .unwrap();
    let keys = ["0123456789abcdef", "fedcba9876543210"];
    for key in keys {
        let goal = Goal {
            description: "Walk to the park".into(),
            why: None,
            target: None,
            lifecycle: Lifecycle::Active,
            achievement: None,
        };
        let body = serde_json::to_string(&goal).unwrap();
        store
            .save_record(
                resident,
                resident,
                PartKind::Goal,
                key,
                Some(0),
                &body,
                None,
            )
            .await
            .unwrap();
    }
    let (chorlton, _) = ward(store, "Chorlton").await;
    let (cheetham, _) = ward(store, "Cheetham").await;
    let staff = |name: &str, role, team: &str, id| Accessor {
        id: PersonId(id),
        name: name.into(),
        role,
        team: Some(team.into()),
        acting_for: None,
    };
    let priya_id = app_person(store, "Priya Shah").await;
    let priya = staff(
        "Priya Shah",
        Role::TeamLead,
        "Chorlton and Whalley Range",
        priya_id,
    );
    let sam = staff(
        "Sam Okafor",
        Role::Practitioner,
        "Cheetham and Crumpsall",
        app_person(store, "Sam Okafor").await,
    );
    // Oldest first: the store lists them newest first.
    for (by, neighbourhood, kind, key, version, scope) in [
        (&priya, chorlton, PartKind::Needs, "needs", 1, "needs"),
        (&priya, chorlton, PartKind::Needs, "needs", 2, "needs"),
        (&priya, chorlton, PartKind::Goal, keys[0], 1, "goals"),
        (&priya, chorlton, PartKind::Goal, keys[1], 1, "goals"),
        (&sam, cheetham, PartKind::Needs, "needs", 2, "needs"),
    ] {
        store
            .acknowledge(&NewAcknowledgement {
                resident,
                neighbourhood,
                by,
                kind,
                key,
                version,
                scope,
            })
            .await
            .unwrap();
    }
    let actor = app::server::Actor::Person(store.person(PersonId(priya_id)).await.unwrap());
    let record = app::server::services::review::record(store, &actor, resident.0)
        .await
        .unwrap();
    let mut acks: Vec<(String, String, i64, String)> = record
        .acks
        .iter()
        .map(|a| {
            (
                a.kind.clone(),
                a.key.clone(),
                a.ack.version,
                a.ack.by.clone(),
            )
        })
        .collect();
    acks.sort();
    let priya = |kind: &str, key: &str, version| {
        (kind.into(), key.into(), version, "Priya Shah".to_string())
    };
    assert_eq!(
        acks,
        vec![
            priya("goal", keys[0], 1),
            priya("goal", keys[1], 1),
            priya("needs", "needs", 2),
        ]
    );
}

/// What `make demo` shows Priya Shah at `/team/statements`: fourteen neighbours share how true
/// the first three statements feel; their answers moved from partly true or less to mostly or
/// completely, so the table changes month by month, and now shows counts for completely and
/// mostly true and suppresses the rest; three of them left a comment with their latest answer.
#[tokio::test]
async fn the_demo_neighbours_statements_move_towards_true_and_now_show_counts() {
    use app::domain::review::{SavedAnswer, across};
    use app::domain::statements::Answer;
    let app = spawn_app(sqlite(), true).await;
    let store = app.store.as_ref();
    hive_server::seed::seed_demo_record(store).await.unwrap();
    let (chorlton, _) = ward(store, "Chorlton").await;
    let rows = store.statement_answers(chorlton).await.unwrap();
    let residents: BTreeSet<PersonId> = rows.iter().map(|r| r.resident).collect();
    assert_eq!(residents.len(), 14);
    // Three statements each, and again from eleven of them.
    assert_eq!(rows.len(), 14 * 3 + 11 * 3);
    let statements: Vec<(String, String)> = store
        .person_statements()
        .await
        .unwrap()
        .into_iter()
        .map(|s| (s.code, s.text))
        .collect();
    let first_three: BTreeSet<&str> = statements[..3].iter().map(|s| s.0.as_str()).collect();
    assert!(rows.iter().all(|r| first_three.contains(r.code.as_str())));
    let now = app::server::now_millis();
    let day = 86_400_000;
    // Seven to nine months ago, and two months ago: none newer, none older.
    assert!(
        rows.iter()
            .all(|r| (now - 271 * day..=now - 59 * day).contains(&r.created_at))
    );
    let answers: Vec<SavedAnswer> = rows
        .iter()
        .map(|r| {
            let answer: Answer = serde_json::from_str(&r.body).unwrap();
            SavedAnswer {
                resident: r.resident.0,
                code: r.code.clone(),
                at: r.created_at,
                truth: answer.truth,
                comment: answer.comment,
            }
        })
        .collect();
    let (across, quoted) = across(&statements[..3], &answers, now);
    for statement in &across {
        let shown = &statement.now;
        assert_eq!(shown.total, Some(14), "{}", statement.code);
        // Completely and mostly true: five or more each, shown; the rest (one each) hidden.
        assert!(
            shown.cells[0] >= Some(5) && shown.cells[1] >= Some(5),
            "{shown:?}"
        );
        assert_eq!(shown.cells[2..], [None, None, None], "{shown:?}");
        // Some month after they first answered, nobody felt it completely or mostly true.
        assert!(
            statement
                .months
                .iter()
                .any(|(_, then)| then.total == Some(14)
                    && then.cells[0] == Some(0)
                    && then.cells[1] == Some(0)),
            "{:?}",
            statement.months
        );
        // A year ago nobody had answered.
        assert_eq!(statement.months[0].1.total, None);
    }
    let mut comments = across[0].comments.clone();
    comments.sort();
    assert_eq!(
        comments,
        [
            "Better since the team started coming on the same day each week.",
            "Having my needs written down means people ring instead of writing.",
            "The nurses ask me what I want to work on now, not just what is wrong.",
        ]
        .map(String::from)
    );
    assert!(across[1..].iter().all(|s| s.comments.is_empty()));
    assert_eq!(quoted.len(), 3);
}

/// The demo team's messages are in each resident's access log under the part they are about:
/// Sam wrote to Amira about her needs, then about a goal; Priya proposed a goal to George and
/// wrote to him about his needs.
#[tokio::test]
async fn the_demo_teams_messages_are_logged_under_the_part_they_are_about() {
    use app::server::store::AccessQuery;
    let app = spawn_app(sqlite(), true).await;
    let store = app.store.as_ref();
    hive_server::seed::seed_demo_record(store).await.unwrap();
    let people = store.demo_people().await.unwrap();
    let id = |name: &str| people.iter().find(|p| p.name == name).unwrap().id;
    let logged = |resident: PersonId, by: PersonId| async move {
        store
            .access_log(
                resident,
                &AccessQuery {
                    limit: 20,
                    actor: Some(by),
                    ..AccessQuery::default()
                },
            )
            .await
            .unwrap()
            .into_iter()
            .filter(|e| e.action != "acknowledge")
            .map(|e| (e.action, e.scope))
            .collect::<Vec<_>>()
    };
    let pair = |action: &str, scope: &str| (action.to_string(), scope.to_string());
    // Newest first (Sam also acknowledged what Amira shares: not a message).
    assert_eq!(
        logged(id("Amira Khan"), id("Sam Okafor")).await,
        [pair("respond", "goals"), pair("respond", "needs")]
    );
    let mut george = logged(id("George Walsh"), id("Priya Shah")).await;
    george.sort();
    assert_eq!(
        george,
        [pair("propose-goal", "goals"), pair("respond", "needs")]
    );
}

/// Runs one statement with integer binds straight on the test database (either backend).
async fn execute(db: &crate::support::TestDb, sql: &str, binds: &[i64]) {
    match &db.url {
        hive_server::db::DatabaseUrl::Sqlite(path) => {
            let pool = sqlx::SqlitePool::connect(&format!("sqlite://{}", path.display()))
                .await
                .unwrap();
            let mut query = sqlx::query(sql);
            for b in binds {
                query = query.bind(*b);
            }
            query.execute(&pool).await.unwrap();
            pool.close().await;
        }
        hive_server::db::DatabaseUrl::Postgres(url) => {
            let pool = sqlx::PgPool::connect(url).await.unwrap();
            let mut query = sqlx::query(sql);
            for b in binds {
                query = query.bind(*b);
            }
            query.execute(&pool).await.unwrap();
            pool.close().await;
        }
    }
}

/// What the team sees of a resident rests on what they share and where they live now: goal
/// proposals (with the resident's own reason for declining) go when goals stop being shared,
/// and a resident whose home is in another neighbourhood is not found by this team, whatever
/// its kept queue row still says.
#[tokio::test]
async fn the_team_sees_proposals_only_while_goals_are_shared_and_nobody_who_lives_elsewhere() {
    use app::server::store::{NewProposal, ProposalDecision};
    for db in each_backend().await {
        let store = open_store(&db).await;
        let store = store.as_ref();
        seed_demo(store).await.unwrap();
        hive_server::seed::seed_demo_record(store).await.unwrap();
        let george = crate::support::resident_accessor(store, "George Walsh").await;
        let priya_id = store
            .demo_people()
            .await
            .unwrap()
            .into_iter()
            .find(|p| p.name == "Priya Shah")
            .unwrap()
            .id;
        let priya_person = store.person(priya_id).await.unwrap();
        let chorlton = priya_person.team.as_ref().unwrap().neighbourhood;
        let priya = Accessor {
            id: priya_id,
            name: priya_person.name.clone(),
            role: priya_person.role,
            team: priya_person.team.as_ref().map(|t| t.team_name.clone()),
            acting_for: None,
        };
        let actor = app::server::Actor::Person(priya_person.clone());
        let id = store
            .propose_goal(&NewProposal {
                resident: george.id,
                neighbourhood: chorlton,
                by: &priya,
                description: "Go to the library on Thursdays",
                why: None,
            })
            .await
            .unwrap();
        store
            .decide_proposal(&ProposalDecision {
                resident: george.id,
                proposal: id,
                by: &george,
                accept: None,
                reason: Some("Thursdays are my hospital days"),
            })
            .await
            .unwrap();
        let record = app::server::services::review::record(store, &actor, george.id.0)
            .await
            .unwrap();
        assert!(
            record
                .proposals
                .iter()
                .any(|p| p.reason.as_deref() == Some("Thursdays are my hospital days")),
            "{}",
            db.name
        );
        // He stops sharing his goals (his needs and what matters most stay shared).
        let kept = ["needs", "about-me:most-important"].map(String::from);
        store.set_shares(george.id, &george, &kept).await.unwrap();
        let record = app::server::services::review::record(store, &actor, george.id.0)
            .await
            .unwrap();
        assert!(record.proposals.is_empty(), "{}", db.name);

        // His home moves to another neighbourhood without his queue row being worked out again
        // (what a lost race would leave): this team no longer finds him.
        let (_, away) = ward(store, "Levenshulme").await;
        execute(
            &db,
            "UPDATE people SET home_ward_id = $2 WHERE id = $1",
            &[george.id.0, away.0],
        )
        .await;
        assert!(
            store
                .queued_resident(chorlton, george.id)
                .await
                .unwrap()
                .is_none(),
            "{}",
            db.name
        );
        let refused = app::server::services::review::record(store, &actor, george.id.0).await;
        assert!(
            matches!(refused, Err(app::error::AppError::NotFound)),
            "{}",
            db.name
        );
    }
}

/// PostgreSQL reads what others committed statement by statement: a save that started while a
/// move was being written, and waited for it, must not write the old neighbourhood back into
/// the queue (the old team would keep the resident).
#[tokio::test]
async fn a_save_waiting_on_a_move_leaves_the_resident_with_the_new_team_on_postgres() {
    let Some(db) = crate::support::postgres().await else {
        return;
    };
    let hive_server::db::DatabaseUrl::Postgres(url) = &db.url else {
        unreachable!()
    };
    let store = open_store(&db).await;
    seed_demo(store.as_ref()).await.unwrap();
    let resident = residents_sharing(store.as_ref(), "Chorlton", 1, "Mover").await[0];
    let (chorlton, _) = ward(store.as_ref(), "Chorlton").await;
    let (levenshulme, away) = ward(store.as_ref(), "Levenshulme").await;
    assert_ne!(chorlton, levenshulme);

    // The move, as `move_home` writes it, held open on a connection of its own.
    let pool = sqlx::PgPool::connect(url).await.unwrap();
    let mut moving = pool.begin().await.unwrap();
    sqlx::query("UPDATE people SET home_ward_id = $2 WHERE id = $1")
        .bind(resident.0)
        .bind(away.0)
        .execute(&mut *moving)
        .await
        .unwrap();
    for sql in [
        hive_server::db::REFRESH_DELETE,
        hive_server::db::REFRESH_INSERT,
    ] {
        sqlx::query(sql)
            .bind(resident.0)
            .execute(&mut *moving)
            .await
            .unwrap();
    }
    // Meanwhile the resident saves their needs again.
    let needs = serde_json::to_string(&Needs {
        interpreter: false,
        ..Needs::default()
    })
    .unwrap();
    let saving = tokio::spawn({
        let store = store.clone();
        async move {
            store
                .save_record(
                    resident,
                    resident,
                    PartKind::Needs,
                    "needs",
                    Some(1),
                    &needs,
                    None,
                )
                .await
        }
    });
    // Once the save waits on a lock the move holds, the move commits.
    assert!(
        crate::support::until_blocked(&pool, &saving).await,
        "the save waits for the move"
    );
    moving.commit().await.unwrap();
    saving.await.unwrap().unwrap();

    let (now,): (i64,) =
        sqlx::query_as("SELECT neighbourhood_id FROM team_queue WHERE resident_id = $1")
            .bind(resident.0)
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(now, levenshulme.0, "the queue row follows the move");
    assert!(
        store
            .queued_resident(chorlton, resident)
            .await
            .unwrap()
            .is_none()
    );
    assert!(
        store
            .queued_resident(levenshulme, resident)
            .await
            .unwrap()
            .is_some()
    );
}

/// Two saves of different parts of one record at the same moment (a resident and their carer,
/// or two tabs) both succeed on PostgreSQL: each refresh of the queue locks the person, and
/// each save's own version already holds the lock its foreign key takes on that person, so
/// the lock must be one that does not wait for that (a deadlock, answered 500, otherwise).
#[tokio::test]
async fn two_saves_of_one_record_at_once_both_succeed_on_every_backend() {
    for db in crate::support::each_backend().await {
        let store = open_store(&db).await;
        seed_demo(store.as_ref()).await.unwrap();
        let resident = residents_sharing(store.as_ref(), "Chorlton", 1, "Twice").await[0];
        let goal = r#"{"description":"Walk","why":null,"target":null,"lifecycle":"active","achievement":null}"#;
        for round in 0..20_i64 {
            let needs = serde_json::to_string(&Needs {
                interpreter: round % 2 == 0,
                ..Needs::default()
            })
            .unwrap();
            let key = format!("{round:016x}");
            let (a, b) = tokio::join!(
                store.save_record(
                    resident,
                    resident,
                    PartKind::Needs,
                    "needs",
                    None,
                    &needs,
                    None
                ),
                store.save_record(
                    resident,
                    resident,
                    PartKind::Goal,
                    &key,
                    Some(0),
                    goal,
                    None
                )
            );
            assert!(
                a.is_ok() && b.is_ok(),
                "{} round {round}: {:?} {:?}",
                db.name,
                a.err(),
                b.err()
            );
        }
    }
}

/// "Has needs" follows the latest version of the needs: a resident who clears them all has
/// none (in the queue, its counts and filter, and the record's "not shared" notice).
#[tokio::test]
async fn needs_cleared_in_the_latest_version_no_longer_count_on_every_backend() {
    for db in each_backend().await {
        let store = open_store(&db).await;
        seed_demo(store.as_ref()).await.unwrap();
        let ids = residents_sharing(store.as_ref(), "Chorlton", 1, "Cleared").await;
        let (neighbourhood, _) = ward(store.as_ref(), "Chorlton").await;
        let flag = || async {
            store
                .queued_resident(neighbourhood, ids[0])
                .await
                .unwrap()
                .unwrap()
                .has_needs
        };
        assert!(flag().await, "{}: saved with an interpreter", db.name);
        let cleared = serde_json::to_string(&Needs::default()).unwrap();
        store
            .save_record(
                ids[0],
                ids[0],
                PartKind::Needs,
                "needs",
                Some(1),
                &cleared,
                None,
            )
            .await
            .unwrap();
        assert!(!flag().await, "{}: cleared", db.name);
        let counts = store.queue_counts(neighbourhood).await.unwrap();
        let with_needs = || async {
            store
                .team_queue(
                    neighbourhood,
                    &QueueQuery {
                        needs_only: true,
                        limit: 100,
                        ..QueueQuery::default()
                    },
                )
                .await
                .unwrap()
        };
        assert!(
            with_needs().await.iter().all(|r| r.resident != ids[0]),
            "{}: not under \"has needs\"",
            db.name
        );
        let before = counts.with_needs;
        let again = serde_json::to_string(&Needs {
            interpreter: true,
            ..Needs::default()
        })
        .unwrap();
        store
            .save_record(
                ids[0],
                ids[0],
                PartKind::Needs,
                "needs",
                Some(2),
                &again,
                None,
            )
            .await
            .unwrap();
        assert!(flag().await, "{}: recorded again", db.name);
        assert!(
            with_needs().await.iter().any(|r| r.resident == ids[0]),
            "{}",
            db.name
        );
        let counts = store.queue_counts(neighbourhood).await.unwrap();
        assert_eq!(counts.with_needs, before + 1, "{}", db.name);
    }
}

/// A goal shared as "Goals and progress notes": the team reads its notes, and once it is
/// finished (completed here) it stays on the record, folded under "Finished goals", with its
/// "I have read" button, so the change can be read and the queue's "unread" clears. (It used
/// to vanish from the page while its version stayed unread for good.)
#[tokio::test]
async fn a_finished_goal_and_its_notes_are_on_the_teams_page_and_can_be_read() {
    use app::domain::goals::{Goal, Lifecycle, Note};
    let app = spawn_app(sqlite(), true).await;
    hive_server::seed::seed_demo_record(app.store.as_ref())
        .await
        .unwrap();
    let george = PersonId(app.demo_person_id("George Walsh").await);
    let store = app.store.as_ref();
    let key = "00112233aabbccdd";
    let goal = |lifecycle| Goal {
        description: "Walk to the allotment by spring".into(),
        why: None,
        target: None,
        lifecycle,
        achievement: None,
    };
    let save = |kind, base, body: String| async move {
        store
            .save_record(george, george, kind, key, base, &body, None)
            .await
            .unwrap()
    };
    save(
        PartKind::Goal,
        Some(0),
        serde_json::to_string(&goal(Lifecycle::Active)).unwrap(),
    )
    .await;
    let note = |text: &str| {
        serde_json::to_string(&Note {
            text: text.to_string(),
        })
        .unwrap()
    };
    save(PartKind::GoalNote, None, note("Got as far as the bridge")).await;
    save(
        PartKind::GoalNote,
        None,
        note("Made it with a rest halfway"),
    )
    .await;
    save(
        PartKind::Goal,
        Some(1),
        serde_json::to_string(&goal(Lifecycle::Completed)).unwrap(),
    )
    .await;

    let priya = app.sign_in_as("Priya Shah", None).await;
    let path = format!("/team/residents/{}", george.0);
    let (status, record) = page(&app, &path, &priya).await;
    assert_eq!(status, 200);
    let finished = record
        .find("Finished goals (1)")
        .unwrap_or_else(|| panic!("{record}"));
    let shown = record
        .find("Walk to the allotment by spring")
        .unwrap_or_else(|| panic!("{record}"));
    assert!(finished < shown, "under finished goals: {record}");
    assert!(record.contains("Completed. Version 2"), "{record}");
    let (newer, older) = (
        record.find("Made it with a rest halfway").expect("notes"),
        record.find("Got as far as the bridge").expect("notes"),
    );
    assert!(newer < older, "newest note first");
    assert!(record.contains("2 progress notes"), "{record}");

    let (neighbourhood, _) = ward(store, "Chorlton").await;
    let unread = || async {
        store
            .queued_resident(neighbourhood, george)
            .await
            .unwrap()
            .unwrap()
            .unacknowledged
    };
    // Everything else of his read first: only this goal is left unread.
    let nurse = Accessor {
        id: PersonId(app.demo_person_id("Priya Shah").await),
        name: "Priya Shah".into(),
        role: Role::TeamLead,
        team: Some("Chorlton and Whalley Range".into()),
        acting_for: None,
    };
    for (kind, scope) in [
        (PartKind::Needs, "needs"),
        (PartKind::AboutMe, "about-me:most-important"),
        (PartKind::Goal, "goals"),
    ] {
        for v in store.record_latest(george, kind).await.unwrap() {
            if v.key == key || kind == PartKind::AboutMe && v.key != "most-important" {
                continue;
            }
            store
                .acknowledge(&app::server::store::NewAcknowledgement {
                    resident: george,
                    neighbourhood,
                    by: &nurse,
                    kind,
                    key: &v.key,
                    version: v.version,
                    scope,
                })
                .await
                .unwrap();
        }
    }
    assert!(unread().await, "his finished goal is unread");
    let acked = app
        .post_page_form(
            &path,
            "/api/acknowledge",
            &[
                ("resident", &george.0.to_string()),
                ("kind", "goal"),
                ("key", key),
                ("version", "2"),
            ],
            &priya,
        )
        .await;
    assert_eq!(acked.status(), 302);
    let (_, record) = page(&app, &path, &priya).await;
    assert!(record.contains("Marked as read"), "{record}");
    assert!(
        !unread().await,
        "read from the page: nothing of his is unread now"
    );
}
