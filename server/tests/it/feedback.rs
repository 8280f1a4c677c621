//! Feedback, moderation and "you said, we did": the store on every backend, and the pages for
//! a resident, a moderator, a team lead and anyone.

use crate::support::{TestApp, each_backend, open_store, resident_accessor, spawn_app, sqlite};
use app::domain::role::Role;
use app::server::store::{
    Accessor, CampaignFft, Decision, NewAnswers, NewFeedback, NewResponse, StoreError, StoryQuery,
    words_seen,
};

async fn page(app: &TestApp, path: &str, cookie: Option<&str>) -> (u16, String) {
    let response = app.get(path, cookie).await;
    let status = response.status().as_u16();
    (status, response.text().await.unwrap())
}

async fn post(
    app: &TestApp,
    path: &str,
    form: &[(&str, &str)],
    cookie: Option<&str>,
) -> (u16, String) {
    let response = app.post_form(path, form, cookie).await;
    let status = response.status().as_u16();
    (status, response.text().await.unwrap())
}

/// The fingerprint of the words the moderation page shows for item `id`, as its forms send it.
async fn seen(app: &TestApp, cookie: &str, id: &str) -> String {
    let (_, queue) = page(app, "/engagement/moderation", Some(cookie)).await;
    let card = items(&queue)
        .into_iter()
        .find(|(item, _)| *item == id)
        .map(|(_, card)| card.to_string())
        .unwrap_or_else(|| panic!("item {id} is listed: {queue}"));
    let field = "name=\"seen\" value=\"";
    let at = card.find(field).expect("its forms name the words seen") + field.len();
    card[at..].split('"').next().unwrap().to_string()
}

/// The moderation page's items by id, each from its heading to the next item's.
fn items(page: &str) -> Vec<(String, &str)> {
    let starts: Vec<usize> = page.match_indices("id=\"item-").map(|(at, _)| at).collect();
    starts
        .iter()
        .enumerate()
        .map(|(n, &at)| {
            let end = starts.get(n + 1).copied().unwrap_or(page.len());
            let id = page[at + 9..]
                .chars()
                .take_while(char::is_ascii_digit)
                .collect();
            (id, &page[at..end])
        })
        .collect()
}

#[tokio::test]
async fn moderation_publishes_redacts_hides_and_reports_send_stories_back_on_every_backend() {
    for db in each_backend().await {
        let store = open_store(&db).await;
        let store = store.as_ref();
        hive_server::seed::seed_demo(store).await.unwrap();
        let hannah = resident_accessor(store, "Hannah Price").await;
        let officer = Accessor {
            role: Role::EngagementOfficer,
            ..resident_accessor(store, "Joe Murphy").await
        };
        let add = |better: &'static str| NewFeedback {
            resident: hannah.id,
            by: &hannah,
            neighbourhood: None,
            service: None,
            fft: "poor",
            good: None,
            better: Some(better),
            statements: "",
            goal_key: None,
            status: "pending",
        };
        let first = store
            .add_feedback(&add("Call me on 07700 900123"))
            .await
            .unwrap();
        let second = store.add_feedback(&add("Rubbish")).await.unwrap();
        let waiting = store.feedback_to_moderate(10).await.unwrap();
        assert_eq!(
            waiting.iter().map(|f| f.id).collect::<Vec<_>>(),
            vec![first, second],
            "{}: oldest first",
            db.name
        );
        // Nothing is public yet, and a response needs a published story.
        let query = StoryQuery {
            limit: 10,
            ..StoryQuery::default()
        };
        assert!(
            store.stories(&query).await.unwrap().is_empty(),
            "{}",
            db.name
        );
        let early = store
            .add_public_response(&NewResponse {
                feedback: first,
                private: false,
                by: &officer,
                body: "Thanks",
                change: "none",
                change_detail: None,
            })
            .await;
        assert!(matches!(early, Err(StoreError::NotFound)), "{}", db.name);

        store
            .moderate(
                first,
                &officer,
                Decision::Redact {
                    good: None,
                    better: Some("Call me on [phone number removed]"),
                },
                None,
            )
            .await
            .unwrap();
        // A decision names the words it was made on: those from before the redaction are
        // refused whatever the decision, and change nothing; the words now are taken.
        let before = words_seen(None, Some("Call me on 07700 900123"));
        for decision in [
            Decision::Publish,
            Decision::Hide { reason: "spam" },
            Decision::Redact {
                good: None,
                better: Some("Call me on 07700 900123"),
            },
        ] {
            let stale = store
                .moderate(first, &officer, decision, Some(&before))
                .await;
            assert!(
                matches!(stale, Err(StoreError::Conflict("moderated"))),
                "{}: {decision:?}",
                db.name
            );
        }
        let now = words_seen(None, Some("Call me on [phone number removed]"));
        store
            .moderate(first, &officer, Decision::Publish, Some(&now))
            .await
            .unwrap();
        store
            .moderate(second, &officer, Decision::Hide { reason: "spam" }, None)
            .await
            .unwrap();
        // Decided already (by another moderator, say): a conflict, and nothing changes.
        let again = store
            .moderate(second, &officer, Decision::Publish, None)
            .await;
        assert!(
            matches!(again, Err(StoreError::Conflict("moderated"))),
            "{}: decided",
            db.name
        );
        // Kept private by its writer: not the moderators' to find.
        let private = store
            .add_feedback(&NewFeedback {
                status: "private",
                ..add("Just for me")
            })
            .await
            .unwrap();
        let hidden = store
            .moderate(private, &officer, Decision::Publish, None)
            .await;
        assert!(
            matches!(hidden, Err(StoreError::NotFound)),
            "{}: private",
            db.name
        );
        let stories = store.stories(&query).await.unwrap();
        assert_eq!(stories.len(), 1, "{}", db.name);
        assert_eq!(
            stories[0].better.as_deref(),
            Some("Call me on [phone number removed]")
        );
        assert!(stories[0].redacted, "{}", db.name);

        store
            .add_public_response(&NewResponse {
                feedback: first,
                private: false,
                by: &officer,
                body: "We now ring back within a day.",
                change: "made",
                change_detail: Some("Call-backs within a day since November"),
            })
            .await
            .unwrap();
        let counts = store.story_counts(&query).await.unwrap();
        assert_eq!(
            (counts.total, counts.responded, counts.planned, counts.made),
            (1, 1, 0, 1),
            "{}",
            db.name
        );

        // A report sends it back to moderation, with its reason; publishing again clears it.
        store.report(first, "offensive").await.unwrap();
        assert!(
            store.stories(&query).await.unwrap().is_empty(),
            "{}",
            db.name
        );
        assert_eq!(
            store.reports(&[first]).await.unwrap(),
            vec![(first, "offensive".to_string())],
            "{}",
            db.name
        );
        let twice = store.report(first, "spam").await;
        assert!(
            matches!(twice, Err(StoreError::NotFound)),
            "{}: not published now",
            db.name
        );
        store
            .moderate(first, &officer, Decision::Publish, None)
            .await
            .unwrap();
        assert!(
            store.reports(&[first]).await.unwrap().is_empty(),
            "{}",
            db.name
        );
        assert_eq!(store.stories(&query).await.unwrap().len(), 1, "{}", db.name);

        // A moderator takes the published story down: hidden, for their reason, and only
        // from published (one waiting, hidden or private is not theirs to take down).
        let take_down = Decision::TakeDown {
            reason: "identifies-someone",
        };
        for (id, what) in [(second, "hidden"), (private, "private")] {
            let refused = store.moderate(id, &officer, take_down, None).await;
            let expected = if what == "private" {
                matches!(refused, Err(StoreError::NotFound))
            } else {
                matches!(refused, Err(StoreError::Conflict("moderated")))
            };
            assert!(expected, "{}: {what}: {refused:?}", db.name);
        }
        // Of the words the moderator saw: the words as written before the redaction are
        // refused (they changed while the page was open), and nothing changes.
        let stale = store
            .moderate(first, &officer, take_down, Some(&before))
            .await;
        assert!(
            matches!(stale, Err(StoreError::Conflict("moderated"))),
            "{}: stale words",
            db.name
        );
        assert_eq!(store.stories(&query).await.unwrap().len(), 1, "{}", db.name);
        store
            .moderate(first, &officer, take_down, Some(&now))
            .await
            .unwrap();
        assert!(
            store.stories(&query).await.unwrap().is_empty(),
            "{}: not published",
            db.name
        );
        let given = store.feedback_given(hannah.id).await.unwrap();
        let taken = given.iter().find(|f| f.id == first).unwrap();
        assert_eq!(
            (taken.status.as_str(), taken.hidden_reason.as_deref()),
            ("hidden", Some("identifies-someone")),
            "{}",
            db.name
        );
        for decision in [take_down, Decision::Publish] {
            let again = store.moderate(first, &officer, decision, None).await;
            assert!(
                matches!(again, Err(StoreError::Conflict("moderated"))),
                "{}: taken down already: {decision:?}",
                db.name
            );
        }
        // Reported back to moderation meanwhile: a take-down there is a conflict too.
        let third = store.add_feedback(&add("Fine")).await.unwrap();
        store
            .moderate(third, &officer, Decision::Publish, None)
            .await
            .unwrap();
        store.report(third, "spam").await.unwrap();
        let late = store.moderate(third, &officer, take_down, None).await;
        assert!(
            matches!(late, Err(StoreError::Conflict("moderated"))),
            "{}: waiting again",
            db.name
        );
    }
}

#[tokio::test]
async fn a_resident_gives_feedback_a_moderator_redacts_and_publishes_and_anyone_reads_it() {
    let app = spawn_app(sqlite(), true).await;
    hive_server::seed::seed_demo_record(app.store.as_ref())
        .await
        .unwrap();
    let olu = app.sign_in_as("Olu Bello", None).await;
    // Bad input: nothing chosen; a service, a statement or a goal that is not on offer.
    let (status, body) = post(&app, "/api/give-feedback", &[], Some(&olu)).await;
    assert_eq!(status, 422);
    assert!(
        body.contains("Select how your experience was overall"),
        "{body}"
    );
    assert!(
        body.contains("Select whether your feedback may be published"),
        "{body}"
    );
    for (field, value, message) in [
        ("service", "nowhere", "Select a service from the list"),
        ("statements[]", "made-up", "Select statements from the list"),
        (
            "goal",
            "0123456789abcdef",
            "Select one of your goals, or none",
        ),
    ] {
        let (status, body) = post(
            &app,
            "/api/give-feedback",
            &[("fft", "good"), ("publish", "no"), (field, value)],
            Some(&olu),
        )
        .await;
        assert_eq!(status, 422, "{field}");
        assert!(body.contains(message), "{field}: {body}");
    }
    let (status, _) = post(
        &app,
        "/api/give-feedback",
        &[
            ("service", "district-nursing"),
            ("fft", "poor"),
            ("good", "Nurse Patel was kind."),
            (
                "better",
                "Ring me on 0161 496 0000 first. Dr Patel said so.",
            ),
            ("statements[]", "meaningful-communication"),
            ("publish", "yes"),
        ],
        Some(&olu),
    )
    .await;
    assert!(status < 400, "{status}");
    let (_, mine) = page(&app, "/my/feedback", Some(&olu)).await;
    assert!(mine.contains("District nursing: Poor"), "{mine}");
    assert!(mine.contains("Waiting for moderation"), "{mine}");
    // Feedback is not for urgent help: said before the form, with where to go instead.
    let urgent = mine
        .find("Not for urgent help")
        .expect("said on the form's page");
    assert!(urgent < mine.find("Who is your feedback about?").unwrap());
    assert!(mine[urgent..].contains("call 111"), "{mine}");

    // Only engagement officers moderate.
    assert_eq!(
        page(&app, "/engagement/moderation", Some(&olu)).await.0,
        403
    );
    let joe = app.sign_in_as("Joe Murphy", None).await;
    let (status, queue) = page(&app, "/engagement/moderation", Some(&joe)).await;
    assert_eq!(status, 200);
    assert!(queue.contains("looks like a telephone number"), "{queue}");
    assert!(queue.contains("looks like a name"), "{queue}");
    assert!(queue.contains("Ring me on [phone number removed] first. Dr [name removed] said so."));
    let id = app
        .store
        .feedback_to_moderate(50)
        .await
        .unwrap()
        .into_iter()
        .find(|f| f.better.as_deref().is_some_and(|b| b.contains("0161")))
        .unwrap()
        .id
        .to_string();
    let (status, body) = post(
        &app,
        "/api/moderate",
        &[("feedback", &id), ("decision", "hide")],
        Some(&joe),
    )
    .await;
    assert_eq!(status, 422);
    assert!(body.contains("Select why it is not published"), "{body}");
    // A redaction refused without JavaScript comes back in its own form, words and all.
    let too_long = format!("Typed by Joe. {}", "a".repeat(2_000));
    app.post_page_form(
        "/engagement/moderation",
        "/api/moderate",
        &[
            ("feedback", &id),
            ("decision", "redact"),
            ("good", &too_long),
            ("better", "Ring me first."),
        ],
        &joe,
    )
    .await;
    let (_, queue) = page(&app, "/engagement/moderation", Some(&joe)).await;
    let card = items(&queue)
        .into_iter()
        .find(|(item, _)| *item == id)
        .map(|(_, card)| card.to_string())
        .unwrap();
    assert!(card.contains("Typed by Joe. aaaa"), "{card}");
    assert!(card.contains(">Ring me first.</textarea>"), "{card}");
    assert!(card.contains("nhsuk-error-message"), "{card}");
    let before = seen(&app, &joe, &id).await;
    let (status, _) = post(
        &app,
        "/api/moderate",
        &[
            ("feedback", &id),
            ("decision", "redact"),
            ("good", "The nurse was kind."),
            ("better", "Ring me on [phone number removed] first."),
            ("seen", &before),
        ],
        Some(&joe),
    )
    .await;
    assert!(status < 400, "{status}");
    // From a page opened before that redaction (another moderator's, say): refused, whatever
    // the decision, so nobody undoes a redaction or decides on words they have not seen.
    for decision in [
        [("decision", "redact"), ("good", "Nurse Patel was kind.")],
        [("decision", "publish"), ("good", "")],
        [("decision", "hide"), ("reason", "identifies-someone")],
    ] {
        let mut form = vec![("feedback", id.as_str()), ("seen", before.as_str())];
        form.extend(decision);
        let (status, body) = post(&app, "/api/moderate", &form, Some(&joe)).await;
        assert_eq!(status, 409, "{form:?}");
        assert!(body.contains("changed its words"), "{body}");
    }
    let (status, _) = post(
        &app,
        "/api/moderate",
        &[("feedback", &id), ("decision", "publish"), ("seen", "")],
        Some(&joe),
    )
    .await;
    assert_eq!(status, 409, "a decision names the words it was made on");
    // Moderators (only) can still read the words as written.
    let (_, queue) = page(&app, "/engagement/moderation", Some(&joe)).await;
    assert!(
        queue.contains("The words as written (moderators only)"),
        "{queue}"
    );
    assert!(queue.contains("Ring me on 0161 496 0000 first."), "{queue}");
    assert!(queue.contains("Nurse Patel was kind."), "{queue}");
    // On that item only: the others waiting show no words as written.
    let listed = items(&queue);
    assert!(listed.len() > 1, "others are waiting too: {queue}");
    for (item, card) in &listed {
        assert_eq!(
            card.contains("The words as written"),
            *item == id,
            "item {item}: {card}"
        );
    }
    let now = seen(&app, &joe, &id).await;
    let (status, _) = post(
        &app,
        "/api/moderate",
        &[("feedback", &id), ("decision", "publish"), ("seen", &now)],
        Some(&joe),
    )
    .await;
    assert!(status < 400, "{status}");

    // Anyone, signed in or not, reads it without the number or anyone's name.
    let (status, stories) = page(&app, "/stories", None).await;
    assert_eq!(status, 200);
    assert!(
        stories.contains("Ring me on [phone number removed] first."),
        "{stories}"
    );
    assert!(!stories.contains("0161 496 0000"));
    assert!(!stories.contains("Olu Bello"));
    assert!(!stories.contains("Patel"));
    assert!(stories.contains("We have asked the team to send letters in large print"));

    // A team lead responds on their neighbourhood's story, not another's.
    let priya = app.sign_in_as("Priya Shah", None).await;
    // Refused without JavaScript: the story's response form comes back open, as typed.
    let chorlton = "/stories?neighbourhood=chorlton-whalley-range";
    app.post_page_form(
        chorlton,
        "/api/respond-to-story",
        &[
            ("story", &id),
            ("text", "We will ring before we come."),
            ("change", "planned"),
        ],
        &priya,
    )
    .await;
    let (_, refused) = page(&app, chorlton, Some(&priya)).await;
    assert!(
        refused.contains(">We will ring before we come.</textarea>"),
        "{refused}"
    );
    assert!(
        refused.contains("<option value=\"planned\" selected"),
        "{refused}"
    );
    assert!(refused.contains("Say what changes, and when"), "{refused}");
    let (status, body) = post(
        &app,
        "/api/respond-to-story",
        &[
            ("story", &id),
            ("text", "We will ring first."),
            ("change", "made"),
        ],
        Some(&priya),
    )
    .await;
    assert_eq!(status, 422, "a change needs what and when");
    assert!(body.contains("Say what changes, and when"), "{body}");
    let (status, _) = post(
        &app,
        "/api/respond-to-story",
        &[
            ("story", &id),
            ("text", "We will ring first."),
            ("change", "made"),
            ("detail", "Every visit is booked by phone since December"),
        ],
        Some(&priya),
    )
    .await;
    assert!(status < 400, "{status}");
    let sam = app.sign_in_as("Sam Okafor", None).await;
    let (status, _) = post(
        &app,
        "/api/respond-to-story",
        &[("story", &id), ("text", "Hello"), ("change", "none")],
        Some(&sam),
    )
    .await;
    assert_eq!(status, 403, "a practitioner does not respond publicly");
    let (_, stories) = page(&app, "/stories?neighbourhood=chorlton-whalley-range", None).await;
    assert!(
        stories.contains("Every visit is booked by phone since December"),
        "{stories}"
    );
    let (_, mine) = page(&app, "/my/feedback", Some(&olu)).await;
    assert!(mine.contains("We will ring first."), "{mine}");

    // Reporting (no sign-in needed): a reason is required; then it is back in moderation.
    let (status, _) = post(&app, "/api/report-story", &[("story", &id)], None).await;
    assert_eq!(status, 422);
    let (status, _) = post(
        &app,
        "/api/report-story",
        &[("story", &id), ("reason", "offensive")],
        None,
    )
    .await;
    assert!(status < 400, "{status}");
    let (_, stories) = page(&app, "/stories", None).await;
    assert!(!stories.contains("Ring me on [phone number removed] first."));
    let (_, queue) = page(&app, "/engagement/moderation", Some(&joe)).await;
    // Each item with its own reports (the demo has another reported story).
    for (item, card) in items(&queue) {
        let ours = item == id;
        assert_eq!(
            card.contains("after it was published: Offensive<"),
            ours,
            "item {item}: {card}"
        );
    }

    // A report takes a story down, so one address may make five an hour that do: the sixth
    // is refused (429, with when to try again) and the story stays up. Reports of stories that
    // are not there take nothing down and are not counted.
    for _ in 0..3 {
        let (status, _) = post(
            &app,
            "/api/report-story",
            &[("story", "999999"), ("reason", "spam")],
            None,
        )
        .await;
        assert_eq!(status, 404);
    }
    let officer = Accessor {
        role: Role::EngagementOfficer,
        ..resident_accessor(app.store.as_ref(), "Joe Murphy").await
    };
    let story: i64 = id.parse().unwrap();
    let mut statuses = Vec::new();
    for _ in 0..5 {
        app.store
            .moderate(story, &officer, Decision::Publish, None)
            .await
            .unwrap();
        let response = app
            .post_form(
                "/api/report-story",
                &[("story", &id), ("reason", "spam")],
                None,
            )
            .await;
        statuses.push((
            response.status().as_u16(),
            response.headers().contains_key("retry-after"),
        ));
    }
    assert!(statuses[..4].iter().all(|(s, _)| *s < 400), "{statuses:?}");
    assert_eq!(statuses[4], (429, true), "{statuses:?}");
    let (_, stories) = page(&app, "/stories", None).await;
    assert!(stories.contains("Ring me on [phone number removed] first."));
}

#[tokio::test]
async fn an_admin_adds_and_retires_services_and_residents_are_offered_what_is_active() {
    let app = spawn_app(sqlite(), true).await;
    let ruth = app.sign_in_as("Ruth Adeyemi", None).await;
    let (status, body) = post(&app, "/api/add-service", &[("name", "")], Some(&ruth)).await;
    assert_eq!(status, 422);
    assert!(body.contains("\"field\":\"name\""), "{body}");
    let (status, _) = post(
        &app,
        "/api/add-service",
        &[("name", "Podiatry (foot care)")],
        Some(&ruth),
    )
    .await;
    assert!(status < 400, "{status}");
    let (status, body) = post(
        &app,
        "/api/add-service",
        &[("name", "Foot care"), ("code", "podiatry-foot-care")],
        Some(&ruth),
    )
    .await;
    assert_eq!(status, 422);
    assert!(
        body.contains("Another service already has this code"),
        "{body}"
    );
    let olu = app.sign_in_as("Olu Bello", None).await;
    let (_, form) = page(&app, "/my/feedback", Some(&olu)).await;
    assert!(form.contains("Podiatry (foot care)"), "offered once added");
    // Only administrators manage services.
    let (status, _) = post(&app, "/api/add-service", &[("name", "Mine")], Some(&olu)).await;
    assert_eq!(status, 403);

    let (status, _) = post(
        &app,
        "/api/service-state",
        &[("service", "podiatry-foot-care"), ("active", "no")],
        Some(&ruth),
    )
    .await;
    assert!(status < 400, "{status}");
    let (_, admin) = page(&app, "/admin/services", Some(&ruth)).await;
    assert!(admin.contains("Retired"), "{admin}");
    let (_, form) = page(&app, "/my/feedback", Some(&olu)).await;
    assert!(
        !form.contains("Podiatry (foot care)"),
        "retired: not offered"
    );
    let (status, body) = post(
        &app,
        "/api/give-feedback",
        &[
            ("service", "podiatry-foot-care"),
            ("fft", "good"),
            ("publish", "no"),
        ],
        Some(&olu),
    )
    .await;
    assert_eq!(status, 422);
    assert!(body.contains("Select a service from the list"), "{body}");
    let (status, _) = post(
        &app,
        "/api/service-state",
        &[("service", "no-such-service"), ("active", "yes")],
        Some(&ruth),
    )
    .await;
    assert_eq!(status, 404);
}

/// `/stories` ten at a time, newest first, with "Older stories" only when there are more; the
/// statements a story is about; who sees the form to respond publicly (engagement officers on
/// every story, a team lead on their own neighbourhood's, nobody else); and who may respond.
#[tokio::test]
async fn stories_come_ten_a_page_and_only_officers_and_the_neighbourhoods_lead_respond() {
    use app::domain::ids::PersonId;
    use app::domain::person::{DisplayName, NewPerson};
    let app = spawn_app(sqlite(), true).await;
    let store = app.store.as_ref();
    store.add_service("podiatry", "Podiatry").await.unwrap();
    let service = store
        .services()
        .await
        .unwrap()
        .into_iter()
        .find(|s| s.code == "podiatry")
        .unwrap()
        .id;
    let neighbourhoods = store.neighbourhoods().await.unwrap();
    let id_of = |code: &str| neighbourhoods.iter().find(|n| n.code == code).unwrap().id;
    let (chorlton, cheetham) = (id_of("chorlton-whalley-range"), id_of("cheetham-crumpsall"));
    let statement = store.person_statements().await.unwrap().remove(0);
    let hannah = resident_accessor(store, "Hannah Price").await;
    let officer = Accessor {
        role: Role::EngagementOfficer,
        ..resident_accessor(store, "Joe Murphy").await
    };
    // The oldest story is Cheetham's; the ten after it Chorlton's.
    let mut ids = Vec::new();
    for i in 0..11 {
        let better = format!("Story number {i:02}.");
        let id = store
            .add_feedback(&NewFeedback {
                resident: hannah.id,
                by: &hannah,
                neighbourhood: Some(if i == 0 { cheetham } else { chorlton }),
                service: Some(service),
                fft: "poor",
                good: None,
                better: Some(&better),
                statements: &statement.code,
                goal_key: None,
                status: "pending",
            })
            .await
            .unwrap();
        store
            .moderate(id, &officer, Decision::Publish, None)
            .await
            .unwrap();
        ids.push(id);
    }
    let shown = |page: &str| -> Vec<String> {
        page.match_indices("Story number ")
            .map(|(at, _)| page[at + 13..at + 15].to_string())
            .collect()
    };
    let (status, first) = page(&app, "/stories?service=podiatry", None).await;
    assert_eq!(status, 200);
    assert!(first.contains("11 published stories"), "{first}");
    let newest: Vec<String> = (1..11).rev().map(|i| format!("{i:02}")).collect();
    assert_eq!(shown(&first), newest, "the newest ten, newest first");
    assert!(
        first.contains(&format!("About: {}", statement.text)),
        "{first}"
    );
    let older = format!("service=podiatry&amp;before={}", ids[1]);
    assert!(first.contains(&older), "{first}");
    assert!(first.contains("Older stories"), "{first}");
    let second_path = format!("/stories?service=podiatry&before={}", ids[1]);
    let (_, second) = page(&app, &second_path, None).await;
    assert_eq!(shown(&second), vec!["00".to_string()]);
    assert!(!second.contains("Older stories"), "{second}");
    // Exactly ten: one page, no link.
    let (_, ten) = page(
        &app,
        "/stories?service=podiatry&neighbourhood=chorlton-whalley-range",
        None,
    )
    .await;
    assert_eq!(shown(&ten), newest);
    assert!(!ten.contains("Older stories"), "{ten}");

    // The form to respond: on every story for the officer, on her own neighbourhood's for
    // the team lead, for nobody else.
    let forms = |page: &str| page.matches("Respond publicly").count();
    let joe = app.sign_in_as("Joe Murphy", None).await;
    let priya = app.sign_in_as("Priya Shah", None).await;
    let sam = app.sign_in_as("Sam Okafor", None).await;
    let olu = app.sign_in_as("Olu Bello", None).await;
    for (who, cookie, on_first, on_second) in [
        ("officer", Some(joe.as_str()), 10, 1),
        ("Chorlton's lead", Some(priya.as_str()), 10, 0),
        ("a practitioner", Some(sam.as_str()), 0, 0),
        ("a resident", Some(olu.as_str()), 0, 0),
        ("anyone", None, 0, 0),
    ] {
        let (_, first) = page(&app, "/stories?service=podiatry", cookie).await;
        let (_, second) = page(&app, &second_path, cookie).await;
        assert_eq!(
            (forms(&first), forms(&second)),
            (on_first, on_second),
            "{who}"
        );
        // Everyone reads every neighbourhood's stories, a team lead too (only their private
        // feedback is their own neighbourhood's).
        assert_eq!(shown(&first), newest, "{who}");
        assert_eq!(shown(&second), vec!["00".to_string()], "{who}");
    }

    // Cheetham's lead responds on Cheetham's story and not on Chorlton's; the officer on any.
    let sam_team = store
        .person(PersonId(app.demo_person_id("Sam Okafor").await))
        .await
        .unwrap()
        .team
        .unwrap();
    store
        .add_demo_people(&[NewPerson {
            name: DisplayName::parse("Kofi Mensah").unwrap(),
            role: Role::TeamLead,
            team: Some(sam_team.team),
            home_ward: None,
            demo_key: Some("kofi".into()),
            demo_description: Some("Leads the Cheetham and Crumpsall team".into()),
        }])
        .await
        .unwrap();
    let kofi = app.sign_in_as("Kofi Mensah", None).await;
    let chorlton_story = ids[10].to_string();
    let cheetham_story = ids[0].to_string();
    for (who, story, cookie, allowed) in [
        (
            "Cheetham's lead on Chorlton's",
            &chorlton_story,
            &kofi,
            false,
        ),
        (
            "Cheetham's lead on Cheetham's",
            &cheetham_story,
            &kofi,
            true,
        ),
        ("the officer on Chorlton's", &chorlton_story, &joe, true),
    ] {
        let (status, _) = post(
            &app,
            "/api/respond-to-story",
            &[
                ("story", story),
                ("text", "Thank you: we are looking into it."),
                ("change", "none"),
            ],
            Some(cookie),
        )
        .await;
        assert_eq!(status < 400, allowed, "{who}: {status}");
        if !allowed {
            assert_eq!(status, 403, "{who}");
        }
    }
    // A response's problems name the story's own fields.
    let (status, body) = post(
        &app,
        "/api/respond-to-story",
        &[("story", &chorlton_story), ("change", "none")],
        Some(&joe),
    )
    .await;
    assert_eq!(status, 422);
    assert!(
        body.contains(&format!("\"field\":\"text-{chorlton_story}\"")),
        "{body}"
    );
    // Each response under its own story.
    let (_, first) = page(&app, "/stories?service=podiatry", None).await;
    assert!(first.contains("Joe Murphy, Engagement officer,"), "{first}");
    assert_eq!(
        first.matches("we are looking into it").count(),
        1,
        "{first}"
    );
    assert!(!first.contains("Kofi Mensah"), "{first}");
    let (_, second) = page(&app, &second_path, None).await;
    assert_eq!(
        second.matches("we are looking into it").count(),
        1,
        "{second}"
    );
    assert!(!second.contains("Joe Murphy"), "{second}");
    assert!(
        second.contains(
            "Kofi Mensah, Team lead, Cheetham and Crumpsall Integrated Neighbourhood Team,"
        ),
        "{second}"
    );

    // Those who respond may list only the stories without a response yet (the oldest and
    // the newest have one now); anyone else is shown every story whatever the address says.
    let unanswered = "/stories?service=podiatry&unanswered=yes";
    let (_, officer_view) = page(&app, unanswered, Some(&joe)).await;
    let expected: Vec<String> = (1..10).rev().map(|i| format!("{i:02}")).collect();
    assert_eq!(shown(&officer_view), expected);
    assert!(
        officer_view.contains("Only stories without a response yet"),
        "{officer_view}"
    );
    // The counts are still of every story the other filters choose.
    assert!(
        officer_view.contains("11 published stories: 2 with a response"),
        "{officer_view}"
    );
    let (_, visitor_view) = page(&app, unanswered, None).await;
    assert_eq!(shown(&visitor_view), newest);
    assert!(
        !visitor_view.contains("Only stories without a response yet"),
        "{visitor_view}"
    );

    // Taking a story down is the moderators' (engagement officers'): their control on every
    // story instead of reporting it, nobody else's.
    for (who, cookie, take_downs, reports) in [
        ("officer", Some(joe.as_str()), 10, 0),
        ("Chorlton's lead", Some(priya.as_str()), 0, 10),
        ("a practitioner", Some(sam.as_str()), 0, 10),
        ("a resident", Some(olu.as_str()), 0, 10),
        ("anyone", None, 0, 10),
    ] {
        let (_, first) = page(&app, "/stories?service=podiatry", cookie).await;
        assert_eq!(
            (
                first.matches("Take this story down").count(),
                first.matches("Report this story").count()
            ),
            (take_downs, reports),
            "{who}"
        );
    }
    // The page's form names the words it showed: "Story number 10." for the newest.
    let (_, officer_page) = page(&app, "/stories?service=podiatry", Some(&joe)).await;
    let newest_seen = words_seen(None, Some("Story number 10."));
    assert!(
        officer_page.contains(&format!("name=\"seen\" value=\"{newest_seen}\"")),
        "{officer_page}"
    );
    let take_down = |story: &str, reason: &str| {
        vec![
            ("story", story.to_string()),
            ("reason", reason.to_string()),
            ("seen", newest_seen.clone()),
        ]
    };
    let send = |form: Vec<(&'static str, String)>, cookie: Option<String>| {
        let app = &app;
        async move {
            let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
            post(app, "/api/take-down-story", &form, cookie.as_deref()).await
        }
    };
    // Why, from the list: the problem names the story's own field.
    for reason in ["", "boring"] {
        let (status, body) = send(take_down(&chorlton_story, reason), Some(joe.clone())).await;
        assert_eq!(status, 422, "{reason:?}");
        assert!(
            body.contains(&format!("\"field\":\"take-down-{chorlton_story}\"")),
            "{body}"
        );
    }
    let (status, _) = send(take_down(&chorlton_story, "spam"), Some(priya.clone())).await;
    assert_eq!(status, 403, "a team lead");
    let (status, _) = send(take_down("999999", "spam"), Some(joe.clone())).await;
    assert_eq!(status, 404, "no such story");
    // Words other than those shown: refused, and it stays published.
    let mut other_words = take_down(&chorlton_story, "spam");
    other_words[2].1 = words_seen(None, Some("Something else."));
    let (status, _) = send(other_words, Some(joe.clone())).await;
    assert_eq!(status, 409, "words not seen");
    let (status, _) = send(
        take_down(&chorlton_story, "safeguarding"),
        Some(joe.clone()),
    )
    .await;
    assert!(status < 400, "{status}");
    let (_, first) = page(&app, "/stories?service=podiatry", None).await;
    assert!(!first.contains("Story number 10."), "{first}");
    assert!(first.contains("10 published stories"), "{first}");
    // Its writer sees it is not published; the decision is the officer's.
    let hannah_cookie = app.sign_in_as("Hannah Price", None).await;
    let (_, mine) = page(&app, "/my/feedback", Some(&hannah_cookie)).await;
    let at = mine
        .find("Story number 10.")
        .expect("listed for its writer");
    let item = &mine[mine[..at].rfind("<li>").unwrap()..];
    let item = &item[..item.find("</li>").unwrap()];
    assert!(item.contains("Not published"), "{item}");
    let taken = store.feedback_given(hannah.id).await.unwrap();
    let taken = taken.iter().find(|f| f.id == ids[10]).unwrap();
    assert_eq!(
        (taken.status.as_str(), taken.hidden_reason.as_deref()),
        ("hidden", Some("safeguarding"))
    );
    // Taken down already (by another moderator, say): a conflict that says so.
    let (status, body) = send(take_down(&chorlton_story, "spam"), Some(joe.clone())).await;
    assert_eq!(status, 409, "{body}");
    assert!(body.contains("reported, taken down or changed"), "{body}");
}

/// The store's side of feedback kept for the service, on every backend: the list holds what
/// has words (a rating alone is the dashboard's), a private reply goes only to feedback kept
/// for the service, and a withdrawal takes the resident's own feedback, waiting or published,
/// out of publication once.
#[tokio::test]
async fn feedback_kept_for_the_service_and_withdrawals_on_every_backend() {
    for db in each_backend().await {
        let store = open_store(&db).await;
        let store = store.as_ref();
        hive_server::seed::seed_demo(store).await.unwrap();
        let hannah = resident_accessor(store, "Hannah Price").await;
        let george = resident_accessor(store, "George Walsh").await;
        let officer = Accessor {
            role: Role::EngagementOfficer,
            ..resident_accessor(store, "Joe Murphy").await
        };
        let add = |status: &'static str, better: Option<&'static str>| NewFeedback {
            resident: hannah.id,
            by: &hannah,
            neighbourhood: None,
            service: None,
            fft: "poor",
            good: None,
            better,
            statements: "",
            goal_key: None,
            status,
        };
        let kept = store
            .add_feedback(&add("private", Some("Kept for the service")))
            .await
            .unwrap();
        let rating = store.add_feedback(&add("private", None)).await.unwrap();
        let sent = store
            .add_feedback(&add("pending", Some("May be published")))
            .await
            .unwrap();
        let private = StoryQuery {
            private: true,
            limit: 100,
            ..StoryQuery::default()
        };
        let listed = |rows: Vec<app::server::store::FeedbackRow>| -> Vec<i64> {
            rows.into_iter().map(|r| r.id).collect()
        };
        let ids = listed(store.stories(&private).await.unwrap());
        assert!(ids.contains(&kept), "{}", db.name);
        assert!(
            !ids.contains(&rating) && !ids.contains(&sent),
            "{}",
            db.name
        );
        assert!(
            store.story(kept, true).await.unwrap().is_some(),
            "{}",
            db.name
        );
        assert!(
            store.story(kept, false).await.unwrap().is_none(),
            "{}",
            db.name
        );
        assert!(
            store.story(sent, true).await.unwrap().is_none(),
            "{}",
            db.name
        );

        let reply = |feedback: i64, private: bool| NewResponse {
            feedback,
            private,
            by: &officer,
            body: "Thank you for telling us.",
            change: "none",
            change_detail: None,
        };
        store.add_public_response(&reply(kept, true)).await.unwrap();
        for (feedback, private, why) in [
            (sent, true, "not kept for the service"),
            (kept, false, "not published"),
        ] {
            let refused = store.add_public_response(&reply(feedback, private)).await;
            assert!(
                matches!(refused, Err(StoreError::NotFound)),
                "{}: {why}",
                db.name
            );
        }
        let responses = store.public_responses(&[kept, sent]).await.unwrap();
        assert_eq!(responses.len(), 1, "{}", db.name);

        // Only what nobody has answered yet: the replied-to feedback drops out; the list is
        // otherwise the same, newest first.
        let unanswered = StoryQuery {
            unanswered: true,
            ..private
        };
        let still = listed(store.stories(&unanswered).await.unwrap());
        let everything = listed(store.stories(&private).await.unwrap());
        let answered: Vec<i64> = store
            .public_responses(&everything)
            .await
            .unwrap()
            .iter()
            .map(|r| r.feedback)
            .collect();
        assert!(answered.contains(&kept), "{}", db.name);
        assert_eq!(
            still,
            everything
                .into_iter()
                .filter(|id| !answered.contains(id))
                .collect::<Vec<_>>(),
            "{}",
            db.name
        );

        let withdrawn = store.withdraw_feedback(sent, george.id, &george).await;
        assert!(
            matches!(withdrawn, Err(StoreError::NotFound)),
            "{}: not his",
            db.name
        );
        store
            .withdraw_feedback(sent, hannah.id, &hannah)
            .await
            .unwrap();
        assert!(
            listed(store.stories(&private).await.unwrap()).contains(&sent),
            "{}",
            db.name
        );
        assert!(
            !listed(store.feedback_to_moderate(100).await.unwrap()).contains(&sent),
            "{}",
            db.name
        );
        // Kept as the writer's own event, not a moderator's decision.
        let events: Vec<(String, Option<i64>)> = match &db.url {
            hive_server::db::DatabaseUrl::Sqlite(path) => {
                let pool = sqlx::SqlitePool::connect(&format!("sqlite://{}", path.display()))
                    .await
                    .unwrap();
                sqlx::query_as(
                    "SELECT action, actor_id FROM moderation_events WHERE feedback_id = $1",
                )
                .bind(sent)
                .fetch_all(&pool)
                .await
                .unwrap()
            }
            hive_server::db::DatabaseUrl::Postgres(url) => {
                let pool = sqlx::PgPool::connect(url).await.unwrap();
                sqlx::query_as(
                    "SELECT action, actor_id FROM moderation_events WHERE feedback_id = $1",
                )
                .bind(sent)
                .fetch_all(&pool)
                .await
                .unwrap()
            }
        };
        assert_eq!(
            events,
            [("withdraw".to_string(), Some(hannah.id.0))],
            "{}",
            db.name
        );
        for again in [sent, kept] {
            let refused = store.withdraw_feedback(again, hannah.id, &hannah).await;
            assert!(
                matches!(refused, Err(StoreError::NotFound)),
                "{}: already kept for the service",
                db.name
            );
        }
    }
}

/// Feedback a resident kept for the service ("No: only for the service") is read without a name
/// by engagement officers (all of it) and by the team lead of the neighbourhood it is about
/// (only that); nobody else reads it, it is never on `/stories`, and a reply to it reaches only
/// the person who gave it. Another neighbourhood's is as if it were not there.
#[tokio::test]
async fn feedback_kept_for_the_service_is_read_by_officers_and_its_neighbourhoods_lead_and_answered_privately()
 {
    let app = spawn_app(sqlite(), true).await;
    let store = app.store.as_ref();
    hive_server::seed::seed_demo_record(store).await.unwrap();
    // The demo's: George's about district nursing (Chorlton and Whalley Range, Priya's), and
    // Amira's about her GP practice (Cheetham and Crumpsall), both kept for the service.
    let hands = "does not always wash her hands first";
    let phone = "Easy to get a telephone appointment.";
    let private_id = |name: &'static str| async move {
        let person = resident_accessor(store, name).await;
        store
            .feedback_given(person.id)
            .await
            .unwrap()
            .into_iter()
            .find(|f| f.status == "private" && f.author_name.as_deref() == Some(name))
            .unwrap()
            .id
            .to_string()
    };
    let (george_id, amira_id) = (
        private_id("George Walsh").await,
        private_id("Amira Khan").await,
    );
    let joe = app.sign_in_as("Joe Murphy", None).await;
    let priya = app.sign_in_as("Priya Shah", None).await;
    let sam = app.sign_in_as("Sam Okafor", None).await;
    let george = app.sign_in_as("George Walsh", None).await;
    let amira = app.sign_in_as("Amira Khan", None).await;

    let (status, all) = page(&app, "/engagement/feedback", Some(&joe)).await;
    assert_eq!(status, 200);
    assert!(all.contains(hands) && all.contains(phone), "{all}");
    // Hive does not escalate what it is told here: the page says so, before the feedback.
    let procedure = all
        .find("follow your organisation&#x27;s safeguarding procedure")
        .or_else(|| all.find("follow your organisation's safeguarding procedure"))
        .expect("the safeguarding line");
    assert!(procedure < all.find(hands).unwrap(), "{all}");
    // Without names; published and waiting stories are not here.
    for absent in [
        "George Walsh",
        "Amira Khan",
        "Letters still come in small print.",
        "Please ring Lin",
    ] {
        assert!(!all.contains(absent), "{absent}: {all}");
    }
    let (_, cheetham) = page(
        &app,
        "/engagement/feedback?neighbourhood=cheetham-crumpsall",
        Some(&joe),
    )
    .await;
    assert!(
        cheetham.contains(phone) && !cheetham.contains(hands),
        "{cheetham}"
    );
    let (_, nursing) = page(
        &app,
        "/engagement/feedback?service=district-nursing",
        Some(&joe),
    )
    .await;
    assert!(
        nursing.contains(hands) && !nursing.contains(phone),
        "{nursing}"
    );

    // The lead reads her own neighbourhood's, whatever the address asks for, with no
    // neighbourhood to choose.
    for path in [
        "/team/feedback",
        "/team/feedback?neighbourhood=cheetham-crumpsall",
        "/team/feedback?neighbourhood=cheetham-crumpsall&unanswered=yes",
    ] {
        let (status, lead) = page(&app, path, Some(&priya)).await;
        assert_eq!(status, 200, "{path}");
        assert!(
            lead.contains(hands) && !lead.contains(phone),
            "{path}: {lead}"
        );
        assert!(!lead.contains("id=\"neighbourhood\""), "{path}: {lead}");
        assert!(lead.contains("Reply to the person who gave it"), "{lead}");
    }
    // Nobody else, and never on the public page.
    for (who, cookie, path, expected) in [
        ("a practitioner", Some(sam.as_str()), "/team/feedback", 403),
        (
            "a practitioner",
            Some(sam.as_str()),
            "/engagement/feedback",
            403,
        ),
        (
            "a resident",
            Some(george.as_str()),
            "/engagement/feedback",
            403,
        ),
        ("anyone (to sign in)", None, "/engagement/feedback", 302),
    ] {
        let (status, body) = page(&app, path, cookie).await;
        assert_eq!(status, expected, "{who} {path}");
        assert!(
            !body.contains(hands) && !body.contains(phone),
            "{who}: {body}"
        );
    }
    let (_, stories) = page(&app, "/stories", None).await;
    assert!(
        !stories.contains(hands) && !stories.contains(phone),
        "{stories}"
    );

    let reply = |id: &str, text: &'static str| {
        vec![
            ("story", id.to_string()),
            ("text", text.to_string()),
            ("change", "planned".to_string()),
            (
                "detail",
                "Hand washing checked at every visit from next week".to_string(),
            ),
        ]
    };
    let send = |path: &'static str, form: Vec<(&'static str, String)>, cookie: String| {
        let app = &app;
        async move {
            let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
            post(app, path, &form, Some(&cookie)).await
        }
    };
    // Another neighbourhood's: as if it were not there; so is the public way in to either.
    let (status, _) = send(
        "/api/reply-to-feedback",
        reply(&amira_id, "Thank you for telling us."),
        priya.clone(),
    )
    .await;
    assert_eq!(status, 404, "Cheetham's feedback, Chorlton's lead");
    let (status, _) = send(
        "/api/respond-to-story",
        reply(&george_id, "Thank you for telling us."),
        joe.clone(),
    )
    .await;
    assert_eq!(status, 404, "a public response to private feedback");
    let (status, _) = send(
        "/api/reply-to-feedback",
        reply(&george_id, "x"),
        sam.clone(),
    )
    .await;
    assert_eq!(status, 403, "a practitioner does not reply");
    // An answer at a campaign's public link (no sign-in) in Cheetham: the officer reads it
    // and is told nobody can be replied to; to Chorlton's lead it is exactly as an id that
    // does not exist.
    let campaign = store
        .campaign_by_slug("how-are-we-doing")
        .await
        .unwrap()
        .unwrap()
        .id;
    let cheetham_id = store
        .neighbourhoods()
        .await
        .unwrap()
        .into_iter()
        .find(|n| n.code == "cheetham-crumpsall")
        .unwrap()
        .id;
    let hoist = "Nobody came back to me about the hoist.";
    store
        .add_answers(&NewAnswers {
            campaign,
            service: None,
            neighbourhood: Some(cheetham_id),
            person: None,
            assisted_by: None,
            answers: &[],
            fft: Some(CampaignFft {
                fft: "poor",
                good: None,
                better: Some(hoist),
                status: "private",
            }),
            at: app::server::now_millis(),
        })
        .await
        .unwrap();
    let anonymous = store
        .stories(&StoryQuery {
            private: true,
            neighbourhood: Some(cheetham_id),
            limit: 10,
            ..StoryQuery::default()
        })
        .await
        .unwrap()
        .into_iter()
        .find(|f| f.better.as_deref() == Some(hoist))
        .unwrap()
        .id
        .to_string();
    let (_, all) = page(&app, "/engagement/feedback", Some(&joe)).await;
    assert!(all.contains(hoist), "{all}");
    assert!(all.contains("there is nobody to reply to"), "{all}");
    let (status, body) = send(
        "/api/reply-to-feedback",
        reply(&anonymous, "Thank you."),
        joe.clone(),
    )
    .await;
    assert_eq!(status, 422);
    assert!(body.contains("nobody to reply to"), "{body}");
    let lead_tries = send(
        "/api/reply-to-feedback",
        reply(&anonymous, "Thank you."),
        priya.clone(),
    )
    .await;
    let missing = send(
        "/api/reply-to-feedback",
        reply("999999", "Thank you."),
        priya.clone(),
    )
    .await;
    assert_eq!(lead_tries, missing, "another neighbourhood's");
    assert_eq!(missing.0, 404);
    let (status, body) = send(
        "/api/reply-to-feedback",
        vec![("story", george_id.clone()), ("change", "none".into())],
        priya.clone(),
    )
    .await;
    assert_eq!(status, 422);
    assert!(
        body.contains(&format!("\"field\":\"text-{george_id}\"")),
        "{body}"
    );
    let (status, _) = send(
        "/api/reply-to-feedback",
        reply(&george_id, "I am sorry. Thank you for telling us."),
        priya.clone(),
    )
    .await;
    assert!(status < 400, "{status}");

    // George reads it with his feedback; nobody else's page has it, and it is not published.
    let (_, his) = page(&app, "/my/feedback", Some(&george)).await;
    assert!(his.contains("I am sorry. Thank you"), "{his}");
    assert!(his.contains("Hand washing checked at every visit"), "{his}");
    let (_, hers) = page(&app, "/my/feedback", Some(&amira)).await;
    assert!(!hers.contains("I am sorry. Thank you"), "{hers}");
    assert!(
        hers.contains("We have passed this on to the practice"),
        "the demo's reply: {hers}"
    );
    let (_, stories) = page(&app, "/stories", None).await;
    assert!(!stories.contains("I am sorry. Thank you"), "{stories}");
    let (_, lead) = page(&app, "/team/feedback", Some(&priya)).await;
    assert!(lead.contains("I am sorry. Thank you"), "{lead}");

    // Cheetham's feedback that nobody has replied to is not Priya's either, filter or not;
    // eleven more of Chorlton's make a second page, whose link names no other neighbourhood.
    let neighbourhoods = store.neighbourhoods().await.unwrap();
    let id_of = |code: &str| neighbourhoods.iter().find(|n| n.code == code).unwrap().id;
    let unanswered = "Cheetham words nobody has answered.";
    let amira_writes = resident_accessor(store, "Amira Khan").await;
    let george_writes = resident_accessor(store, "George Walsh").await;
    let keep = |by: &Accessor, code: &str, words: &str| {
        let (by, words, neighbourhood) = (by.clone(), words.to_string(), id_of(code));
        async move {
            store
                .add_feedback(&NewFeedback {
                    resident: by.id,
                    by: &by,
                    neighbourhood: Some(neighbourhood),
                    service: None,
                    fft: "poor",
                    good: None,
                    better: Some(&words),
                    statements: "",
                    goal_key: None,
                    status: "private",
                })
                .await
                .unwrap();
        }
    };
    keep(&amira_writes, "cheetham-crumpsall", unanswered).await;
    for i in 0..11 {
        let words = format!("Chorlton note {i:02}.");
        keep(&george_writes, "chorlton-whalley-range", &words).await;
    }
    for path in [
        "/team/feedback?neighbourhood=cheetham-crumpsall&unanswered=yes",
        "/team/feedback?neighbourhood=cheetham-crumpsall",
    ] {
        let (_, lead) = page(&app, path, Some(&priya)).await;
        assert!(!lead.contains(unanswered), "{path}: {lead}");
        assert!(lead.contains("Older feedback"), "{path}: {lead}");
        assert!(!lead.contains("cheetham-crumpsall"), "{path}: {lead}");
    }
    // The officer, with the filter, reads it and not Amira's, which has his reply.
    let (_, waiting) = page(
        &app,
        "/engagement/feedback?neighbourhood=cheetham-crumpsall&unanswered=yes",
        Some(&joe),
    )
    .await;
    assert!(waiting.contains(unanswered), "{waiting}");
    assert!(!waiting.contains(phone), "{waiting}");
}

/// A resident takes their feedback back from publication, published or waiting: it leaves
/// `/stories` and moderation and is kept for the service (with any response), and the event is
/// kept with the moderators'. Someone else's, or one already kept, is not found.
#[tokio::test]
async fn a_resident_takes_their_feedback_back_from_publication() {
    let app = spawn_app(sqlite(), true).await;
    let store = app.store.as_ref();
    hive_server::seed::seed_demo_record(store).await.unwrap();
    let button = "Do not publish it: keep it for the service only";
    let id_of = |name: &'static str, status: &'static str| async move {
        let person = resident_accessor(store, name).await;
        store
            .feedback_given(person.id)
            .await
            .unwrap()
            .into_iter()
            .find(|f| f.status == status)
            .unwrap()
            .id
            .to_string()
    };
    // The demo's: Amira's published story with a response, and her feedback kept for her GP
    // practice; George's waiting for moderation (given by Lin, his carer).
    let published = id_of("Amira Khan", "published").await;
    let waiting = id_of("George Walsh", "pending").await;
    let amira = app.sign_in_as("Amira Khan", None).await;
    let george = app.sign_in_as("George Walsh", None).await;
    let joe = app.sign_in_as("Joe Murphy", None).await;
    let (_, mine) = page(&app, "/my/feedback", Some(&amira)).await;
    assert_eq!(
        mine.matches(button).count(),
        1,
        "only on the published one: {mine}"
    );

    let withdraw = |id: String, cookie: String| {
        let app = &app;
        async move {
            post(
                app,
                "/api/withdraw-feedback",
                &[("feedback", &id)],
                Some(&cookie),
            )
            .await
            .0
        }
    };
    assert_eq!(
        withdraw(published.clone(), george.clone()).await,
        404,
        "not his"
    );
    let (_, stories) = page(&app, "/stories", None).await;
    assert!(
        stories.contains("Letters still come in small print."),
        "{stories}"
    );

    assert!(withdraw(published.clone(), amira.clone()).await < 400);
    let (_, stories) = page(&app, "/stories", None).await;
    assert!(
        !stories.contains("Letters still come in small print."),
        "{stories}"
    );
    let (_, mine) = page(&app, "/my/feedback", Some(&amira)).await;
    assert_eq!(mine.matches(button).count(), 0, "{mine}");
    assert_eq!(mine.matches("Private to the service").count(), 2, "{mine}");
    assert!(
        mine.contains("letters in large print"),
        "the response stays: {mine}"
    );
    // The service still reads it, with its response.
    let (_, kept) = page(&app, "/engagement/feedback", Some(&joe)).await;
    assert!(
        kept.contains("Letters still come in small print."),
        "{kept}"
    );
    assert!(kept.contains("letters in large print"), "{kept}");
    assert_eq!(
        withdraw(published.clone(), amira.clone()).await,
        404,
        "already kept"
    );

    // Waiting for moderation: it leaves the moderators' list.
    let (_, queue) = page(&app, "/engagement/moderation", Some(&joe)).await;
    assert!(queue.contains("Please ring Lin"), "{queue}");
    assert!(withdraw(waiting.clone(), george.clone()).await < 400);
    let (_, queue) = page(&app, "/engagement/moderation", Some(&joe)).await;
    assert!(!queue.contains("Please ring Lin"), "{queue}");
    // A moderator deciding on what the page showed finds nothing waiting.
    let seen = words_seen(
        None,
        Some("Please ring Lin on 07700 900123 before visiting, not Dad. Nurse Kelly knows."),
    );
    let (status, _) = post(
        &app,
        "/api/moderate",
        &[
            ("feedback", &waiting),
            ("decision", "publish"),
            ("seen", &seen),
        ],
        Some(&joe),
    )
    .await;
    assert_eq!(status, 404, "nothing waiting to decide on");
    let row = store.story(waiting.parse().unwrap(), true).await.unwrap();
    assert!(row.is_some(), "kept for the service");
}

/// Feedback about the neighbourhood team goes to the team of the ward the resident lives in;
/// someone who has not said where they live is asked to (or to choose a service); a statement
/// ticked twice is kept once; feedback a carer gave is shown to the resident as theirs.
#[tokio::test]
async fn feedback_about_the_team_goes_to_the_residents_own_neighbourhood() {
    use app::domain::person::{DisplayName, NewPerson};
    let app = spawn_app(sqlite(), true).await;
    let store = app.store.as_ref();
    hive_server::seed::seed_demo_record(store).await.unwrap();
    let statement = store.person_statements().await.unwrap().remove(0);
    let olu = app.sign_in_as("Olu Bello", None).await;
    let (status, _) = post(
        &app,
        "/api/give-feedback",
        &[
            ("fft", "good"),
            ("publish", "no"),
            ("statements[]", &statement.code),
            ("statements[]", &statement.code),
        ],
        Some(&olu),
    )
    .await;
    assert!(status < 400, "{status}");
    let olu_id = resident_accessor(store, "Olu Bello").await.id;
    let given = store.feedback_given(olu_id).await.unwrap();
    let team = given.iter().find(|f| f.service.is_none()).unwrap();
    assert_eq!(
        team.neighbourhood_name.as_deref(),
        Some("Chorlton and Whalley Range"),
        "Chorlton Park is in Chorlton and Whalley Range"
    );
    assert_eq!(team.statements, statement.code, "ticked twice, kept once");
    let (_, mine) = page(&app, "/my/feedback", Some(&olu)).await;
    assert!(
        mine.contains("Chorlton and Whalley Range Integrated Neighbourhood Team: Good"),
        "{mine}"
    );

    store
        .add_demo_people(&[NewPerson {
            name: DisplayName::parse("Nia Roberts").unwrap(),
            role: Role::Resident,
            team: None,
            home_ward: None,
            demo_key: Some("nia".into()),
            demo_description: Some("Has not said where she lives".into()),
        }])
        .await
        .unwrap();
    let nia = app.sign_in_as("Nia Roberts", None).await;
    let (status, body) = post(
        &app,
        "/api/give-feedback",
        &[("fft", "good"), ("publish", "no")],
        Some(&nia),
    )
    .await;
    assert_eq!(status, 422);
    assert!(body.contains("You have not said where you live"), "{body}");
    let nia_id = resident_accessor(store, "Nia Roberts").await.id;
    assert!(store.feedback_given(nia_id).await.unwrap().is_empty());
    let (status, _) = post(
        &app,
        "/api/give-feedback",
        &[
            ("service", "district-nursing"),
            ("fft", "good"),
            ("publish", "no"),
        ],
        Some(&nia),
    )
    .await;
    assert!(status < 400, "a service needs no home: {status}");
    assert_eq!(store.feedback_given(nia_id).await.unwrap().len(), 1);

    // George's carer gave feedback for him (the demo): he sees it, and who gave it.
    let george = app.sign_in_as("George Walsh", None).await;
    let (_, his) = page(&app, "/my/feedback", Some(&george)).await;
    assert!(his.contains("given by Lin Walsh (carer)"), "{his}");
    let own = [
        "They always talk to me as well as to my daughter.",
        "does not always wash her hands first",
    ];
    assert!(own.iter().all(|words| his.contains(words)), "{his}");

    // Lin, acting for him, sees what she gave and not his own feedback (which may be about
    // her), and cannot take his own out of publication.
    let lin = app.sign_in_as("Lin Walsh", None).await;
    let grant = store
        .caring_for(app::domain::ids::PersonId(
            app.demo_person_id("Lin Walsh").await,
        ))
        .await
        .unwrap()[0]
        .id;
    post(
        &app,
        "/api/act-for",
        &[("grant", &grant.to_string())],
        Some(&lin),
    )
    .await;
    let (_, hers) = page(&app, "/my/feedback", Some(&lin)).await;
    assert!(hers.contains("Please ring Lin"), "{hers}");
    assert!(!own.iter().any(|words| hers.contains(words)), "{hers}");
    let george_id = app::domain::ids::PersonId(app.demo_person_id("George Walsh").await);
    let his_story = store
        .feedback_given(george_id)
        .await
        .unwrap()
        .into_iter()
        .find(|f| f.status == "published")
        .unwrap()
        .id
        .to_string();
    let (status, _) = post(
        &app,
        "/api/withdraw-feedback",
        &[("feedback", &his_story)],
        Some(&lin),
    )
    .await;
    assert_eq!(status, 404, "his own, not hers");
    assert!(
        store
            .story(his_story.parse().unwrap(), false)
            .await
            .unwrap()
            .is_some()
    );
}

/// What `make demo` shows each resident under their feedback: about the services it names (the
/// neighbourhood team where it names none), in the neighbourhood they live in, and Lin's for
/// George given as his carer.
#[tokio::test]
async fn the_demo_feedback_is_about_the_services_and_neighbourhoods_it_names() {
    let db = sqlite();
    let store = open_store(&db).await;
    let store = store.as_ref();
    hive_server::seed::seed_demo(store).await.unwrap();
    hive_server::seed::seed_demo_record(store).await.unwrap();
    let services = store.services().await.unwrap();
    let service = |code: &str| {
        services
            .iter()
            .find(|s| s.code == code)
            .map(|s| s.name.clone())
    };
    let given = |name: &'static str| async move {
        let person = resident_accessor(store, name).await;
        let mut rows: Vec<_> = store
            .feedback_given(person.id)
            .await
            .unwrap()
            .into_iter()
            .map(|f| {
                (
                    f.service,
                    f.neighbourhood_name,
                    f.author_name,
                    f.acting_for == Some(person.id),
                    f.status,
                )
            })
            .collect();
        rows.sort();
        rows
    };
    let chorlton = Some("Chorlton and Whalley Range".to_string());
    let cheetham = Some("Cheetham and Crumpsall".to_string());
    assert_eq!(
        given("Amira Khan").await,
        [
            (
                None,
                cheetham.clone(),
                Some("Amira Khan".into()),
                false,
                "published".into()
            ),
            (
                service("gp-practice"),
                cheetham,
                Some("Amira Khan".into()),
                false,
                "private".into()
            ),
        ]
    );
    assert_eq!(
        given("Hannah Price").await,
        [(
            service("community-therapy"),
            Some("Newton Heath and Ancoats".into()),
            Some("Hannah Price".into()),
            false,
            // Published, then reported: back in moderation.
            "pending".into()
        )]
    );
    assert_eq!(
        given("George Walsh").await,
        [
            (
                None,
                chorlton.clone(),
                Some("George Walsh".into()),
                false,
                "published".into()
            ),
            (
                service("district-nursing"),
                chorlton.clone(),
                Some("George Walsh".into()),
                false,
                "private".into()
            ),
            (
                service("district-nursing"),
                chorlton,
                Some("Lin Walsh".into()),
                true,
                "pending".into()
            ),
        ]
    );
    // Published and waiting for a response: what "only stories without a response" finds.
    assert_eq!(
        given("Idris Hughes").await,
        [(
            service("community-therapy"),
            Some("Hulme, Moss Side and Rusholme".into()),
            Some("Idris Hughes".into()),
            false,
            "published".into()
        )]
    );
    let waiting = store
        .stories(&StoryQuery {
            limit: 100,
            unanswered: true,
            ..StoryQuery::default()
        })
        .await
        .unwrap();
    assert_eq!(
        waiting
            .iter()
            .map(|f| f.author_name.clone())
            .collect::<Vec<_>>(),
        [Some("Idris Hughes".to_string())]
    );
}

/// A demo database seeded before Idris's story (Amira has given feedback, he has not) gets
/// it when seeded again, and only once.
#[tokio::test]
async fn a_demo_seeded_before_the_waiting_story_gets_it_once() {
    let db = sqlite();
    let store = open_store(&db).await;
    let store = store.as_ref();
    hive_server::seed::seed_demo(store).await.unwrap();
    let amira = resident_accessor(store, "Amira Khan").await;
    let idris = resident_accessor(store, "Idris Hughes").await;
    store
        .add_feedback(&NewFeedback {
            resident: amira.id,
            by: &amira,
            neighbourhood: None,
            service: None,
            fft: "good",
            good: None,
            better: None,
            statements: "",
            goal_key: None,
            status: "private",
        })
        .await
        .unwrap();
    for _ in 0..2 {
        hive_server::seed::seed_demo_record(store).await.unwrap();
        let his: Vec<String> = store
            .feedback_given(idris.id)
            .await
            .unwrap()
            .into_iter()
            .map(|f| f.status)
            .collect();
        assert_eq!(his, ["published"]);
    }
    // The rest of the demo's feedback is not added again beside what Amira has.
    assert_eq!(store.feedback_given(amira.id).await.unwrap().len(), 1);
}

/// Two moderators deciding on one story at the same moment (one hides it, one publishes it):
/// exactly one decision is made and stands, and the other moderator is told so. On PostgreSQL
/// both read "waiting" before either writes; without the guarded change both were "done".
#[tokio::test]
async fn two_moderators_at_once_make_one_decision_on_every_backend() {
    for db in each_backend().await {
        let store = open_store(&db).await;
        hive_server::seed::seed_demo(store.as_ref()).await.unwrap();
        let hannah = resident_accessor(store.as_ref(), "Hannah Price").await;
        let officer = Accessor {
            role: Role::EngagementOfficer,
            ..resident_accessor(store.as_ref(), "Joe Murphy").await
        };
        let query = StoryQuery {
            limit: 100,
            ..StoryQuery::default()
        };
        for round in 0..10 {
            let id = store
                .add_feedback(&NewFeedback {
                    resident: hannah.id,
                    by: &hannah,
                    neighbourhood: None,
                    service: None,
                    fft: "good",
                    good: Some("Kind nurses"),
                    better: None,
                    statements: "",
                    goal_key: None,
                    status: "pending",
                })
                .await
                .unwrap();
            let (hide, publish) = tokio::join!(
                store.moderate(
                    id,
                    &officer,
                    Decision::Hide {
                        reason: "identifying"
                    },
                    None
                ),
                store.moderate(id, &officer, Decision::Publish, None)
            );
            let refused =
                |r: &Result<(), StoreError>| matches!(r, Err(StoreError::Conflict("moderated")));
            let published = store
                .stories(&query)
                .await
                .unwrap()
                .iter()
                .any(|s| s.id == id);
            match (&hide, &publish) {
                (Ok(()), p) if refused(p) => assert!(!published, "{} round {round}", db.name),
                (h, Ok(())) if refused(h) => assert!(published, "{} round {round}", db.name),
                _ => panic!(
                    "{} round {round}: one decision, one refusal; got {:?} and {:?}",
                    db.name,
                    hide.as_ref().err(),
                    publish.as_ref().err()
                ),
            }
        }
    }
}

/// For a PostgreSQL race: a store with the demo's people, Hannah's feedback with `words`
/// waiting for moderation, Joe as an engagement officer, and a pool of its own to hold a
/// change open on. `None` without PostgreSQL.
async fn postgres_race(
    words: &str,
) -> Option<(
    crate::support::TestDb,
    std::sync::Arc<dyn app::server::Store>,
    Accessor,
    i64,
    sqlx::PgPool,
)> {
    let db = crate::support::postgres().await?;
    let hive_server::db::DatabaseUrl::Postgres(url) = &db.url else {
        unreachable!()
    };
    let pool = sqlx::PgPool::connect(url).await.unwrap();
    let store = open_store(&db).await;
    hive_server::seed::seed_demo(store.as_ref()).await.unwrap();
    let hannah = resident_accessor(store.as_ref(), "Hannah Price").await;
    let officer = Accessor {
        role: Role::EngagementOfficer,
        ..resident_accessor(store.as_ref(), "Joe Murphy").await
    };
    let id = store
        .add_feedback(&NewFeedback {
            resident: hannah.id,
            by: &hannah,
            neighbourhood: None,
            service: None,
            fft: "good",
            good: Some(words),
            better: None,
            statements: "",
            goal_key: None,
            status: "pending",
        })
        .await
        .unwrap();
    Some((db, store, officer, id, pool))
}

/// On PostgreSQL (READ COMMITTED) a publication waits for a redaction being saved at that
/// moment and then, the words no longer those the moderator saw, publishes nothing: without
/// the words in its UPDATE it re-read only "still waiting" and published words nobody
/// approved.
#[tokio::test]
async fn a_publication_racing_a_redaction_publishes_nothing_on_postgres() {
    let words = "Nurse Patel was kind";
    let Some((_db, store, officer, id, pool)) = postgres_race(words).await else {
        return;
    };
    let seen = words_seen(Some(words), None);
    // Another moderator's redaction, being saved: held open on a connection of its own.
    let mut redacting = pool.begin().await.unwrap();
    sqlx::query("UPDATE feedback SET good = 'The nurse was kind' WHERE id = $1")
        .bind(id)
        .execute(&mut *redacting)
        .await
        .unwrap();
    let publishing = tokio::spawn({
        let store = store.clone();
        let officer = officer.clone();
        async move {
            store
                .moderate(id, &officer, Decision::Publish, Some(&seen))
                .await
        }
    });
    assert!(
        crate::support::until_blocked(&pool, &publishing).await,
        "the publication waits for the redaction"
    );
    redacting.commit().await.unwrap();
    let published = publishing.await.unwrap();
    assert!(
        matches!(published, Err(StoreError::Conflict("moderated"))),
        "{published:?}"
    );
    let query = StoryQuery {
        limit: 10,
        ..StoryQuery::default()
    };
    assert!(store.stories(&query).await.unwrap().is_empty());
}

/// A moderator's take-down racing a change to the story's words (reported, redacted and
/// published again by another moderator), on PostgreSQL: the take-down read the old words,
/// waits on the row, and then finds words its moderator never saw, so it takes nothing down.
#[tokio::test]
async fn a_take_down_racing_a_change_of_words_takes_nothing_down_on_postgres() {
    let words = "The nurse was kind";
    let Some((_db, store, officer, id, pool)) = postgres_race(words).await else {
        return;
    };
    store
        .moderate(id, &officer, Decision::Publish, None)
        .await
        .unwrap();
    let seen = words_seen(Some(words), None);
    // The words changing, held open on a connection of its own.
    let mut changing = pool.begin().await.unwrap();
    sqlx::query("UPDATE feedback SET good = 'The nurses were kind' WHERE id = $1")
        .bind(id)
        .execute(&mut *changing)
        .await
        .unwrap();
    let taking_down = tokio::spawn({
        let store = store.clone();
        let officer = officer.clone();
        async move {
            store
                .moderate(
                    id,
                    &officer,
                    Decision::TakeDown { reason: "spam" },
                    Some(&seen),
                )
                .await
        }
    });
    assert!(
        crate::support::until_blocked(&pool, &taking_down).await,
        "the take-down waits for the change"
    );
    changing.commit().await.unwrap();
    let taken = taking_down.await.unwrap();
    assert!(
        matches!(taken, Err(StoreError::Conflict("moderated"))),
        "{taken:?}"
    );
    let query = StoryQuery {
        limit: 100,
        ..StoryQuery::default()
    };
    assert!(
        store
            .stories(&query)
            .await
            .unwrap()
            .iter()
            .any(|s| s.id == id),
        "still published"
    );
}

/// The first story or feedback listed on `page`, and the words-seen fingerprint its take-down
/// form carries (empty where there is none).
fn first_story(page: &str) -> (String, String) {
    let at = page.find("id=\"story-").expect("a story is listed") + "id=\"story-".len();
    let id: String = page[at..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    let card = &page[at..page[at..]
        .find("</article>")
        .map_or(page.len(), |end| at + end)];
    let seen = card
        .find("name=\"seen\" value=\"")
        .map(|s| {
            card[s + "name=\"seen\" value=\"".len()..]
                .split('"')
                .next()
                .unwrap()
                .to_string()
        })
        .unwrap_or_default();
    (id, seen)
}

/// A response, a reply, a report or a take-down leads back to the list as it was filtered and
/// paged (sent back in each form's `filter`), not to the start of an unfiltered list; what the
/// page would never send is dropped, and the path is always the server's own.
#[tokio::test]
async fn answering_a_story_leads_back_to_the_list_as_it_was_filtered() {
    let app = spawn_app(sqlite(), true).await;
    hive_server::seed::seed_demo_record(app.store.as_ref())
        .await
        .unwrap();
    let joe = app.sign_in_as("Joe Murphy", None).await;
    let send = |path: &'static str, form: Vec<(&'static str, String)>, cookie: Option<String>| {
        let app = &app;
        async move {
            let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
            let response = app.post_form(path, &form, cookie.as_deref()).await;
            let status = response.status().as_u16();
            let to = response
                .headers()
                .get("location")
                .map(|l| l.to_str().unwrap().to_string());
            (status, to)
        }
    };

    // Idris's story waits for a response: the officer finds it with the filters on.
    let filtered = "service=community-therapy&unanswered=yes";
    let (_, list) = page(&app, &format!("/stories?{filtered}"), Some(&joe)).await;
    assert!(
        list.contains("name=\"filter\" value=\"service=community-therapy&amp;unanswered=yes\""),
        "each form sends the list's filters back: {list}"
    );
    let (story, seen) = first_story(&list);
    assert!(!seen.is_empty(), "an officer's page has the take-down form");
    let (status, to) = send(
        "/api/respond-to-story",
        vec![
            ("story", story.clone()),
            ("text", "We have taken on two more physiotherapists.".into()),
            ("change", "none".into()),
            ("filter", filtered.into()),
        ],
        Some(joe.clone()),
    )
    .await;
    assert!(status < 400, "{status}");
    // Answered, it has left the list of what nobody has answered: back at that list's top.
    assert_eq!(to.as_deref(), Some(&*format!("/stories?{filtered}")));

    // A take-down keeps the filters it can read and drops the rest (a path elsewhere, a page
    // that is not an id).
    let (status, to) = send(
        "/api/take-down-story",
        vec![
            ("story", story.clone()),
            ("reason", "safeguarding".into()),
            ("seen", seen),
            (
                "filter",
                "service=community-therapy&before=x&next=%2F%2Fevil.example&neighbourhood=%2Fadmin"
                    .into(),
            ),
        ],
        Some(joe.clone()),
    )
    .await;
    assert!(status < 400, "{status}");
    assert_eq!(to.as_deref(), Some("/stories?service=community-therapy"));

    // Anyone's report goes back to their page of the list too.
    let (_, list) = page(&app, "/stories?before=999999", None).await;
    let (other, _) = first_story(&list);
    let (status, to) = send(
        "/api/report-story",
        vec![
            ("story", other),
            ("reason", "spam".into()),
            ("filter", "before=999999".into()),
        ],
        None,
    )
    .await;
    assert!(status < 400, "{status}");
    assert_eq!(to.as_deref(), Some("/stories?before=999999"));

    // A private reply goes back to Private feedback, filtered as it was, at the feedback.
    let filtered = "service=district-nursing";
    let (_, kept) = page(
        &app,
        &format!("/engagement/feedback?{filtered}&unanswered=yes"),
        Some(&joe),
    )
    .await;
    let (feedback, _) = first_story(&kept);
    let (status, to) = send(
        "/api/reply-to-feedback",
        vec![
            ("story", feedback.clone()),
            (
                "text",
                "Thank you for telling us. We have spoken to the team.".into(),
            ),
            ("change", "none".into()),
            ("filter", filtered.into()),
        ],
        Some(joe.clone()),
    )
    .await;
    assert!(status < 400, "{status}");
    assert_eq!(
        to.as_deref(),
        Some(&*format!(
            "/engagement/feedback?{filtered}#story-{feedback}"
        ))
    );
}

/// A public response racing a take-down, on PostgreSQL: the response waits for the take-down
/// being saved and then finds the story no longer published, so nothing is added to a hidden
/// story. Without the lock, its foreign key's key-share lock did not wait for the change of
/// status and it read "published" from before the take-down.
#[tokio::test]
async fn a_response_racing_a_take_down_adds_nothing_on_postgres() {
    let words = "The nurse was kind";
    let Some((_db, store, officer, id, pool)) = postgres_race(words).await else {
        return;
    };
    store
        .moderate(id, &officer, Decision::Publish, None)
        .await
        .unwrap();
    // Another moderator's take-down, held open on a connection of its own.
    let mut taking_down = pool.begin().await.unwrap();
    sqlx::query("UPDATE feedback SET status = 'hidden' WHERE id = $1")
        .bind(id)
        .execute(&mut *taking_down)
        .await
        .unwrap();
    let responding = tokio::spawn({
        let store = store.clone();
        let officer = officer.clone();
        async move {
            store
                .add_public_response(&NewResponse {
                    feedback: id,
                    private: false,
                    by: &officer,
                    body: "Thank you",
                    change: "none",
                    change_detail: None,
                })
                .await
        }
    });
    assert!(
        crate::support::until_blocked(&pool, &responding).await,
        "the response waits for the take-down"
    );
    taking_down.commit().await.unwrap();
    let responded = responding.await.unwrap();
    assert!(
        matches!(responded, Err(StoreError::NotFound)),
        "{responded:?}"
    );
    assert!(store.public_responses(&[id]).await.unwrap().is_empty());
}

/// The same race through the service: the story was there when the response was checked and
/// gone when it was stored, so the responder is told why nothing was published (a 409, which
/// the page shows), not sent back to the list with nothing said (a 404 is not kept).
#[tokio::test]
async fn a_response_to_a_story_taken_down_meanwhile_says_so_on_postgres() {
    use app::domain::feedback::ResponseForm;
    use app::error::AppError;
    use app::server::services::feedback::{NOT_RESPONDED, respond};
    let Some((_db, store, officer, id, pool)) = postgres_race("The nurse was kind").await else {
        return;
    };
    store
        .moderate(id, &officer, Decision::Publish, None)
        .await
        .unwrap();
    let mut taking_down = pool.begin().await.unwrap();
    sqlx::query("UPDATE feedback SET status = 'hidden' WHERE id = $1")
        .bind(id)
        .execute(&mut *taking_down)
        .await
        .unwrap();
    let joe = app::server::Actor::Person(store.person(officer.id).await.unwrap());
    let form = ResponseForm {
        story: id.to_string(),
        text: "Thank you".into(),
        change: "none".into(),
        ..ResponseForm::default()
    };
    let responding = tokio::spawn({
        let store = store.clone();
        async move { respond(store.as_ref(), &joe, &form, false).await }
    });
    assert!(
        crate::support::until_blocked(&pool, &responding).await,
        "the response waits for the take-down"
    );
    taking_down.commit().await.unwrap();
    let responded = responding.await.unwrap();
    assert!(
        matches!(&responded, Err(AppError::Conflict(why)) if why == NOT_RESPONDED),
        "{responded:?}"
    );
}
