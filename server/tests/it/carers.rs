//! Carers: invitations and grants as store stories on every backend, and the whole journey
//! through the pages (without JavaScript): invite, accept, act, be refused, be revoked.

use crate::support::{
    TestApp, code_hash, each_backend, now_millis, open_store, resident_accessor, spawn_app, sqlite,
};
use app::domain::carers::INVITATION_DAYS;
use app::domain::record::DAY_MILLIS;
use app::server::StoreError;
use app::server::store::{AccessQuery, Accessor, NewGrant};
use hive_server::seed::seed_demo;

fn invitation(code: &str, expires_at: i64) -> NewGrant {
    NewGrant {
        name: "Hannah's friend".into(),
        relationship: "friend".into(),
        code_hash: code_hash(code),
        code_expires_at: expires_at,
        ends_at: None,
        permissions: vec![("needs".into(), true), ("goals".into(), false)],
    }
}

#[tokio::test]
async fn an_invitation_is_accepted_once_then_changed_and_revoked_each_step_logged() {
    for db in each_backend().await {
        let store = open_store(&db).await;
        seed_demo(store.as_ref()).await.unwrap();
        let hannah = resident_accessor(store.as_ref(), "Hannah Price").await;
        let idris = resident_accessor(store.as_ref(), "Idris Hughes").await;
        let amira = resident_accessor(store.as_ref(), "Amira Khan").await;
        let id = store
            .invite_carer(
                hannah.id,
                &hannah,
                &invitation("AAAA-BBBB-CCCC", now_millis() + 60_000),
            )
            .await
            .unwrap();
        let found = store
            .grant_by_code(&code_hash("AAAA-BBBB-CCCC"))
            .await
            .unwrap();
        let found = found.expect("the invitation is found by its code's hash");
        assert_eq!(found.id, id, "{}", db.name);
        assert_eq!(found.carer, None, "{}", db.name);
        assert_eq!(
            found.permissions,
            [("goals".to_string(), false), ("needs".to_string(), true)],
            "{}",
            db.name
        );
        assert!(
            store
                .grant_by_code(&code_hash("ZZZZ"))
                .await
                .unwrap()
                .is_none()
        );

        // Nobody accepts their own invitation.
        let own = store.accept_carer(id, &hannah, now_millis()).await;
        assert!(matches!(own, Err(StoreError::Conflict(_))), "{}", db.name);
        store.accept_carer(id, &idris, now_millis()).await.unwrap();
        // Single use: a second acceptance, by anyone, is refused and changes nothing.
        let again = store.accept_carer(id, &amira, now_millis()).await;
        assert!(matches!(again, Err(StoreError::Conflict(_))), "{}", db.name);
        let grant = store.carer_grant(idris.id, id).await.unwrap().unwrap();
        assert_eq!(grant.carer.as_ref().map(|c| c.0), Some(idris.id));
        assert!(grant.times.status(now_millis()).is_live(), "{}", db.name);
        assert!(store.carer_grant(amira.id, id).await.unwrap().is_none());
        let caring = store.caring_for(idris.id).await.unwrap();
        assert_eq!(caring.len(), 1, "{}", db.name);
        assert_eq!(caring[0].resident_name, "Hannah Price");

        // Someone else cannot change or revoke it; Hannah can.
        let theirs = store
            .change_carer(amira.id, id, &amira, &[("needs".into(), false)], None)
            .await;
        assert!(matches!(theirs, Err(StoreError::NotFound)), "{}", db.name);
        store
            .change_carer(
                hannah.id,
                id,
                &hannah,
                &[("about-me:wellness".into(), false)],
                None,
            )
            .await
            .unwrap();
        let grant = store.carer_grant(idris.id, id).await.unwrap().unwrap();
        assert_eq!(
            grant.permissions,
            [("about-me:wellness".to_string(), false)],
            "{}",
            db.name
        );
        store.revoke_carer(hannah.id, id, &hannah).await.unwrap();
        let grant = store.carer_grant(idris.id, id).await.unwrap().unwrap();
        assert!(!grant.times.status(now_millis()).is_live(), "{}", db.name);
        // A revoked grant is closed: no second revocation, no change.
        let twice = store.revoke_carer(hannah.id, id, &hannah).await;
        assert!(matches!(twice, Err(StoreError::NotFound)), "{}", db.name);
        let changed = store
            .change_carer(hannah.id, id, &hannah, &[("needs".into(), true)], None)
            .await;
        assert!(matches!(changed, Err(StoreError::NotFound)), "{}", db.name);

        let log = store
            .access_log(
                hannah.id,
                &AccessQuery {
                    limit: 10,
                    ..AccessQuery::default()
                },
            )
            .await
            .unwrap();
        let story: Vec<(&str, &str)> = log
            .iter()
            .map(|e| (e.actor_name.as_str(), e.action.as_str()))
            .collect();
        assert_eq!(
            story,
            [
                ("Hannah Price", "revoke-carer"),
                ("Hannah Price", "change-carer"),
                ("Idris Hughes", "accept-carer"),
                ("Hannah Price", "invite-carer"),
            ],
            "{}",
            db.name
        );
    }
}

#[tokio::test]
async fn an_expired_invitation_cannot_be_accepted() {
    for db in each_backend().await {
        let store = open_store(&db).await;
        seed_demo(store.as_ref()).await.unwrap();
        let hannah = resident_accessor(store.as_ref(), "Hannah Price").await;
        let idris = resident_accessor(store.as_ref(), "Idris Hughes").await;
        let id = store
            .invite_carer(
                hannah.id,
                &hannah,
                &invitation("DDDD-EEEE-FFFF", now_millis() - 1),
            )
            .await
            .unwrap();
        let late = store.accept_carer(id, &idris, now_millis()).await;
        assert!(matches!(late, Err(StoreError::Conflict(_))), "{}", db.name);
        assert!(store.caring_for(idris.id).await.unwrap().is_empty());
    }
}

/// The grant tables keep what they are told: a carer's write is logged in the same
/// transaction as the version it adds.
#[tokio::test]
async fn a_carers_write_and_its_log_entry_are_kept_together() {
    for db in each_backend().await {
        let store = open_store(&db).await;
        seed_demo(store.as_ref()).await.unwrap();
        let hannah = resident_accessor(store.as_ref(), "Hannah Price").await;
        let idris = Accessor {
            acting_for: Some(hannah.id),
            ..resident_accessor(store.as_ref(), "Idris Hughes").await
        };
        let grant = store
            .invite_carer(
                hannah.id,
                &hannah,
                &invitation("KEPT-TOGETHER", now_millis() + 60_000),
            )
            .await
            .unwrap();
        store
            .accept_carer(grant, &idris, now_millis())
            .await
            .unwrap();
        use app::server::store::PartKind;
        store
            .save_record(
                hannah.id,
                idris.id,
                PartKind::Needs,
                "needs",
                Some(0),
                "{}",
                Some((&idris, "needs")),
            )
            .await
            .unwrap();
        // A stale write stores neither.
        let stale = store
            .save_record(
                hannah.id,
                idris.id,
                PartKind::Needs,
                "needs",
                Some(0),
                "{}",
                Some((&idris, "needs")),
            )
            .await;
        assert!(matches!(stale, Err(StoreError::Conflict(_))), "{}", db.name);
        let log = store
            .access_log(
                hannah.id,
                &AccessQuery {
                    limit: 10,
                    actor: Some(idris.id),
                    ..AccessQuery::default()
                },
            )
            .await
            .unwrap();
        // Besides their acceptance of the grant: the one write.
        let writes: Vec<_> = log
            .iter()
            .filter(|row| row.action != "accept-carer")
            .collect();
        assert_eq!(writes.len(), 1, "{}", db.name);
        assert_eq!(writes[0].action, "write");
        assert_eq!(writes[0].acting_for, Some(hannah.id));
    }
}

async fn html(app: &TestApp, path: &str, cookie: &str) -> (u16, String) {
    let page = app.get(path, Some(cookie)).await;
    let status = page.status().as_u16();
    (status, page.text().await.unwrap())
}

/// The code shown once on the carers page after an invitation is made.
fn shown_code(html: &str) -> String {
    html.split("id=\"invitation-code\"")
        .nth(1)
        .and_then(|rest| rest.split('>').nth(1))
        .and_then(|rest| rest.split('<').next())
        .unwrap_or_else(|| panic!("the new code is on the page: {html}"))
        .to_string()
}

#[tokio::test]
async fn a_resident_invites_a_carer_who_acts_for_them_until_revoked_without_javascript() {
    let app = spawn_app(sqlite(), true).await;
    let hannah = app.sign_in_as("Hannah Price", None).await;
    let invited = app
        .post_page_form(
            "/my/carers",
            "/api/invite-carer",
            &[
                ("name", "Idris Hughes"),
                ("relationship", "neighbour"),
                ("see[]", "goals"),
                ("change[]", "needs"),
            ],
            &hannah,
        )
        .await;
    assert_eq!(invited.headers()["location"], "/my/carers");
    let (_, page) = html(&app, "/my/carers", &hannah).await;
    assert!(page.contains("Invitation made for Idris Hughes"), "{page}");
    let code = shown_code(&page);
    assert_eq!(code.len(), 14, "{code}");
    // Shown once only: the database keeps a hash.
    let (_, again) = html(&app, "/my/carers", &hannah).await;
    assert!(!again.contains(&code), "the code is shown once");
    assert!(again.contains("Invitation not used yet"), "{again}");

    let idris = app.sign_in_as("Idris Hughes", None).await;
    let typed = code.to_lowercase().replace('-', " ");
    let accepted = app
        .post_page_form(
            "/caring",
            "/api/accept-invitation",
            &[("code", &typed)],
            &idris,
        )
        .await;
    assert_eq!(accepted.headers()["location"], "/caring");
    let (_, caring) = html(&app, "/caring", &idris).await;
    assert!(caring.contains("You now care for Hannah Price"), "{caring}");
    let idris_id = app.demo_person_id("Idris Hughes").await;
    let grant = app
        .store
        .caring_for(app::domain::ids::PersonId(idris_id))
        .await
        .unwrap()[0]
        .id
        .to_string();

    // The same code again is refused, with a message that says why.
    let amira = app.sign_in_as("Amira Khan", None).await;
    app.post_page_form(
        "/caring",
        "/api/accept-invitation",
        &[("code", &code)],
        &amira,
    )
    .await;
    let (_, refused) = html(&app, "/caring", &amira).await;
    assert!(
        refused.contains("This invitation has already been used"),
        "{refused}"
    );

    let acting = app
        .post_page_form("/caring", "/api/act-for", &[("grant", &grant)], &idris)
        .await;
    assert_eq!(acting.headers()["location"], "/my");
    let (_, home) = html(&app, "/my", &idris).await;
    assert!(
        home.contains("You are acting for <strong>Hannah Price</strong>"),
        "{home}"
    );
    assert!(
        home.contains("Hannah Price&#x27;s record") || home.contains("Hannah Price's record"),
        "{home}"
    );
    assert!(
        !home.contains("href=\"/my/sharing\""),
        "no sharing card while acting"
    );

    // Needs: see and change. Goals: see only. About Me: not in the grant.
    let (status, needs) = html(&app, "/my/needs", &idris).await;
    assert_eq!(status, 200);
    assert!(needs.contains("action=\"/api/save-needs\""), "{needs}");
    let saved = app
        .post_page_form(
            "/my/needs",
            "/api/save-needs",
            &[("base", "0"), ("formats[]", "large-print")],
            &idris,
        )
        .await;
    assert_eq!(saved.headers()["location"], "/my");
    let (status, goals) = html(&app, "/my/goals", &idris).await;
    assert_eq!(status, 200);
    assert!(!goals.contains("Add a goal"), "see only: not offered");
    let (_, own) = html(&app, "/my/goals", &hannah).await;
    assert!(own.contains("Add a goal"), "{own}");
    let (status, _) = html(&app, "/my/goals/new", &idris).await;
    assert_eq!(status, 403, "see only: no new goal");
    let (status, _) = html(&app, "/my/about-me", &idris).await;
    assert_eq!(
        status, 200,
        "the overview lists only the sections granted (none)"
    );
    let (status, _) = html(&app, "/my/about-me/wellness", &idris).await;
    assert_eq!(status, 404);
    for own in [
        "/my/sharing",
        "/my/activity",
        "/my/carers",
        "/my/where-i-live",
    ] {
        let (status, _) = html(&app, own, &idris).await;
        assert_eq!(status, 404, "{own} is the resident's own business");
    }

    // Hannah sees who did what, and the needs version is marked as written by Idris.
    let (_, activity) = html(&app, "/my/activity", &hannah).await;
    assert!(activity.contains("Idris Hughes"), "{activity}");
    // His reads and writes of her needs are logged as her carer's, not as any resident's.
    let (_, needs_log) = html(&app, "/my/activity?scope=needs", &hannah).await;
    assert!(
        needs_log.contains("Idris Hughes (your carer)"),
        "{needs_log}"
    );
    // Goals he may only see: his reading them is in her log all the same.
    let (_, goals_log) = html(&app, "/my/activity?scope=goals", &hannah).await;
    assert!(
        goals_log.contains("Idris Hughes (your carer)"),
        "{goals_log}"
    );
    let (_, history) = html(&app, "/my/needs/history", &hannah).await;
    assert!(history.contains("By Idris Hughes (carer)"), "{history}");
    let (_, summary) = html(&app, "/my/summary", &hannah).await;
    assert!(
        summary.contains("Needs written by Idris Hughes (carer)"),
        "{summary}"
    );
    // His change is in her log as his (one entry); her own change afterwards is not logged.
    let changed = |log: &str| {
        log.split("<tr class=\"nhsuk-table__row\">")
            .filter(|row| row.contains(">Changed<"))
            .map(|row| row.contains("Idris Hughes (your carer)"))
            .collect::<Vec<bool>>()
    };
    assert_eq!(changed(&needs_log), [true], "{needs_log}");
    let hers = app
        .post_page_form(
            "/my/needs",
            "/api/save-needs",
            &[("base", "1"), ("formats[]", "easy-read")],
            &hannah,
        )
        .await;
    assert_eq!(hers.headers()["location"], "/my");
    let (_, needs_log) = html(&app, "/my/activity?scope=needs", &hannah).await;
    assert_eq!(changed(&needs_log), [true], "{needs_log}");

    // Revoked: Idris's next request is refused, and every page says why until he goes back.
    app.post_page_form(
        &format!("/my/carers/{grant}"),
        "/api/revoke-carer",
        &[("grant", &grant)],
        &hannah,
    )
    .await;
    let (status, _) = html(&app, "/my/needs", &idris).await;
    assert_eq!(status, 404);
    let (status, page) = html(&app, "/my", &idris).await;
    assert_eq!(status, 404);
    assert!(
        page.contains("Your permission to act for this person has ended"),
        "{page}"
    );
    // His code stays used once the grant is revoked: not "cancelled".
    let again = app
        .post_form("/api/accept-invitation", &[("code", &code)], Some(&amira))
        .await;
    assert_eq!(again.status(), 422);
    let body = again.text().await.unwrap();
    assert!(
        body.contains("This invitation has already been used"),
        "{body}"
    );
    let back = app
        .post_page_form("/my", "/api/stop-acting", &[], &idris)
        .await;
    assert_eq!(back.headers()["location"], "/my");
    let (status, home) = html(&app, "/my", &idris).await;
    assert_eq!(status, 200);
    assert!(home.contains("Hello, Idris Hughes"), "{home}");
    assert!(!home.contains("You are acting for"), "{home}");
}

#[tokio::test]
async fn bad_invitation_codes_and_forms_get_clear_messages() {
    let app = spawn_app(sqlite(), true).await;
    let hannah = app.sign_in_as("Hannah Price", None).await;
    let idris = app.sign_in_as("Idris Hughes", None).await;
    let hannah_id = app::domain::ids::PersonId(app.demo_person_id("Hannah Price").await);
    let by = resident_accessor(app.store.as_ref(), "Hannah Price").await;
    app.store
        .invite_carer(
            hannah_id,
            &by,
            &invitation("GGGG-HHHH-JJJJ", now_millis() - 1),
        )
        .await
        .unwrap();
    app.store
        .invite_carer(
            hannah_id,
            &by,
            &invitation("KKKK-MMMM-NNNN", now_millis() + 60_000),
        )
        .await
        .unwrap();
    let cases = [
        (&idris, "", "Enter the invitation code"),
        (
            &idris,
            "not a code",
            "Enter the code as it was given to you",
        ),
        (
            &idris,
            "0000-0000-0000",
            "There is no invitation with this code",
        ),
        (&idris, "GGGG-HHHH-JJJJ", "This invitation has expired"),
        (&hannah, "KKKK-MMMM-NNNN", "This is your own invitation"),
    ];
    for (cookie, code, message) in cases {
        let refused = app
            .post_form("/api/accept-invitation", &[("code", code)], Some(cookie))
            .await;
        assert_eq!(refused.status(), 422, "{code}");
        let body = refused.text().await.unwrap();
        assert!(body.contains(message), "{code}: {body}");
    }

    let bad_forms: [&[(&str, &str)]; 4] = [
        &[("name", ""), ("relationship", "friend"), ("see[]", "needs")],
        &[("name", "Lin"), ("relationship", ""), ("see[]", "needs")],
        &[
            ("name", "Lin"),
            ("relationship", "friend"),
            ("see[]", "everything"),
        ],
        &[
            ("name", "Lin"),
            ("relationship", "friend"),
            ("see[]", "needs"),
            ("ends_day", "31"),
            ("ends_month", "2"),
            ("ends_year", "2030"),
        ],
    ];
    for form in bad_forms {
        let refused = app
            .post_form("/api/invite-carer", form, Some(&hannah))
            .await;
        assert_eq!(refused.status(), 422, "{form:?}");
    }
    assert_eq!(
        app.store.carer_grants(hannah_id).await.unwrap().len(),
        2,
        "nothing stored half-way"
    );
    // A carer cannot invite a carer or change sharing for the person they act for.
    hive_server::seed::seed_demo_record(app.store.as_ref())
        .await
        .unwrap();
    let george = app.sign_in_as("Lin Walsh", None).await;
    let lin_id = app::domain::ids::PersonId(app.demo_person_id("Lin Walsh").await);
    let grant = app.store.caring_for(lin_id).await.unwrap()[0]
        .id
        .to_string();
    app.post_page_form("/caring", "/api/act-for", &[("grant", &grant)], &george)
        .await;
    let invite = app
        .post_form(
            "/api/invite-carer",
            &[
                ("name", "Someone"),
                ("relationship", "friend"),
                ("see[]", "needs"),
            ],
            Some(&george),
        )
        .await;
    assert_eq!(invite.status(), 404);
    let share = app
        .post_form("/api/save-sharing", &[("scopes[]", "needs")], Some(&george))
        .await;
    assert_eq!(share.status(), 404);
    // Another resident's grant id is not found, and cannot be acted under.
    let other = app
        .post_form("/api/act-for", &[("grant", &grant)], Some(&idris))
        .await;
    assert_eq!(other.status(), 404);
}

/// A grant with a last day: kept as the UK midnight after it (GMT in winter, BST in summer),
/// shown to both people as that day, and not acted under once it has passed. And the two
/// refusals of a code that is fine in itself: a cancelled invitation, and someone already
/// cared for.
#[tokio::test]
async fn a_grant_ends_at_the_end_of_its_last_day_in_uk_time() {
    let app = spawn_app(sqlite(), true).await;
    let hannah = app.sign_in_as("Hannah Price", None).await;
    let idris = app.sign_in_as("Idris Hughes", None).await;
    let hannah_id = app::domain::ids::PersonId(app.demo_person_id("Hannah Price").await);
    let invite = |day: &'static str, month: &'static str, year: &'static str| {
        let app = &app;
        let hannah = &hannah;
        async move {
            app.post_page_form(
                "/my/carers",
                "/api/invite-carer",
                &[
                    ("name", "Idris Hughes"),
                    ("relationship", "neighbour"),
                    // Posted in another order than the pages list them.
                    ("see[]", "goals"),
                    ("see[]", "about-me:wellness"),
                    ("see[]", "needs"),
                    ("ends_day", day),
                    ("ends_month", month),
                    ("ends_year", year),
                ],
                hannah,
            )
            .await;
            let (_, page) = html(app, "/my/carers", hannah).await;
            shown_code(&page)
        }
    };
    let code = invite("31", "12", "2030").await;
    let grants = app.store.carer_grants(hannah_id).await.unwrap();
    // The code works for the invitation's days (14) from when it was made.
    let times = &grants[0].times;
    let lasts = times.code_expires_at - times.invited_at;
    assert!(
        (INVITATION_DAYS * DAY_MILLIS - 60_000..=INVITATION_DAYS * DAY_MILLIS).contains(&lasts),
        "{lasts}"
    );
    // Midnight at the end of 31 December 2030 in London is 2031-01-01T00:00:00Z.
    assert_eq!(grants[0].times.ends_at, Some(1_924_992_000_000));
    let grant = grants[0].id.to_string();
    let (_, page) = html(&app, "/my/carers", &hannah).await;
    assert!(page.contains("Until the end of 31 December 2030"), "{page}");
    // What the carer may do, in the order the record's parts are listed.
    let can_see = "Can see: Communication and information needs; About me: My wellness; Goals and progress notes";
    assert!(page.contains(can_see), "{page}");
    app.post_page_form(
        "/caring",
        "/api/accept-invitation",
        &[("code", &code)],
        &idris,
    )
    .await;
    let (_, caring) = html(&app, "/caring", &idris).await;
    assert!(
        caring.contains("Until the end of 31 December 2030."),
        "{caring}"
    );
    assert!(caring.contains(can_see), "{caring}");

    // Changed to a summer day: midnight in London is 23:00 the day before in UTC.
    let changed = app
        .post_page_form(
            &format!("/my/carers/{grant}"),
            "/api/change-carer",
            &[
                ("grant", &grant),
                ("see[]", "needs"),
                ("ends_day", "30"),
                ("ends_month", "6"),
                ("ends_year", "2030"),
            ],
            &hannah,
        )
        .await;
    assert_eq!(changed.headers()["location"], format!("/my/carers/{grant}"));
    let grants = app.store.carer_grants(hannah_id).await.unwrap();
    assert_eq!(grants[0].times.ends_at, Some(1_909_090_800_000));
    let (_, caring) = html(&app, "/caring", &idris).await;
    assert!(
        caring.contains("Until the end of 30 June 2030."),
        "{caring}"
    );
    assert!(caring.contains("Act for Hannah Price"), "{caring}");

    // While he cares for her, another code of hers is refused as such.
    let second = invite("", "", "").await;
    let refused = app
        .post_form("/api/accept-invitation", &[("code", &second)], Some(&idris))
        .await;
    assert_eq!(refused.status(), 422);
    let body = refused.text().await.unwrap();
    assert!(
        body.contains("You already care for the person who gave you this code"),
        "{body}"
    );
    // Without JavaScript the message travels in the page's address: never a name.
    assert!(!body.contains("Hannah"), "{body}");
    // Cancelled before it was used: said so.
    let second_id = app.store.carer_grants(hannah_id).await.unwrap()[0]
        .id
        .to_string();
    app.post_page_form(
        &format!("/my/carers/{second_id}"),
        "/api/revoke-carer",
        &[("grant", &second_id)],
        &hannah,
    )
    .await;
    let refused = app
        .post_form("/api/accept-invitation", &[("code", &second)], Some(&idris))
        .await;
    assert_eq!(refused.status(), 422);
    let body = refused.text().await.unwrap();
    assert!(body.contains("This invitation was cancelled"), "{body}");

    // The last day passes (set in the store: the form takes no day before today).
    let by = resident_accessor(app.store.as_ref(), "Hannah Price").await;
    app.store
        .change_carer(
            hannah_id,
            grants[0].id,
            &by,
            &[("needs".into(), false)],
            Some(now_millis() - 1),
        )
        .await
        .unwrap();
    let (_, caring) = html(&app, "/caring", &idris).await;
    assert!(caring.contains("Ended"), "{caring}");
    assert!(!caring.contains("Act for Hannah Price"), "{caring}");
    let act = app
        .post_form("/api/act-for", &[("grant", &grant)], Some(&idris))
        .await;
    assert_eq!(act.status(), 404, "an ended grant is not acted under");

    // Hannah's log shows his acceptance as her carer's.
    let idris_id = app.demo_person_id("Idris Hughes").await;
    let (_, his) = html(&app, &format!("/my/activity?person={idris_id}"), &hannah).await;
    assert!(his.contains("Idris Hughes (your carer)"), "{his}");
    // An ended grant is no bar to a new one.
    let third = invite("", "", "").await;
    let accepted = app
        .post_page_form(
            "/caring",
            "/api/accept-invitation",
            &[("code", &third)],
            &idris,
        )
        .await;
    assert_eq!(accepted.headers()["location"], "/caring");
    let (_, caring) = html(&app, "/caring", &idris).await;
    assert!(caring.contains("You now care for Hannah Price"), "{caring}");
}

/// What `make demo` shows George Walsh and Lin Walsh: he invited his daughter and she accepted
/// when the demo was seeded (today, not in 1970), with his invitation's usual two weeks, and she
/// may do what he allows and no more.
#[tokio::test]
async fn the_demo_carer_accepted_today_and_may_do_what_george_allows() {
    let db = sqlite();
    let store = open_store(&db).await;
    let store = store.as_ref();
    let before = now_millis();
    seed_demo(store).await.unwrap();
    hive_server::seed::seed_demo_record(store).await.unwrap();
    let after = now_millis();
    let george = resident_accessor(store, "George Walsh").await;
    let lin = resident_accessor(store, "Lin Walsh").await;
    let grants = store.carer_grants(george.id).await.unwrap();
    assert_eq!(grants.len(), 1);
    let grant = &grants[0];
    assert_eq!(grant.carer, Some((lin.id, "Lin Walsh".to_string())));
    assert_eq!(
        (grant.name.as_str(), grant.relationship.as_str()),
        ("Lin Walsh", "daughter")
    );
    let accepted = grant.times.accepted_at.expect("accepted");
    assert!((before..=after).contains(&accepted), "accepted {accepted}");
    assert!((before..=after).contains(&grant.times.invited_at));
    assert_eq!(
        grant.times.code_expires_at - accepted,
        INVITATION_DAYS * DAY_MILLIS
    );
    assert!(grant.times.status(after).is_live());
    let mut permissions = grant.permissions.clone();
    permissions.sort();
    assert_eq!(
        permissions,
        [
            ("about-me:most-important".to_string(), true),
            ("about-me:wellness".to_string(), false),
            ("goals".to_string(), true),
            ("needs".to_string(), true),
        ]
    );
    let caring = store.caring_for(lin.id).await.unwrap();
    assert_eq!(caring.iter().map(|g| g.id).collect::<Vec<_>>(), [grant.id]);
}

/// Two of one resident's codes accepted at the same moment by the same person: one grant is
/// live, the other acceptance is refused as "already caring" (the service's own check runs
/// before either is stored, so only the store can tell).
#[tokio::test]
async fn two_codes_accepted_at_once_make_one_live_grant_on_every_backend() {
    for db in each_backend().await {
        let store = open_store(&db).await;
        seed_demo(store.as_ref()).await.unwrap();
        let hannah = resident_accessor(store.as_ref(), "Hannah Price").await;
        let idris = Accessor {
            acting_for: Some(hannah.id),
            ..resident_accessor(store.as_ref(), "Idris Hughes").await
        };
        for round in 0..5 {
            let expires = now_millis() + 60_000;
            let invite = |code: String| {
                let store = store.clone();
                let hannah = hannah.clone();
                async move {
                    store
                        .invite_carer(hannah.id, &hannah, &invitation(&code, expires))
                        .await
                        .unwrap()
                }
            };
            let first = invite(format!("FIRS-T{round}")).await;
            let second = invite(format!("SECO-N{round}")).await;
            let now = now_millis();
            let (a, b) = tokio::join!(
                store.accept_carer(first, &idris, now),
                store.accept_carer(second, &idris, now)
            );
            let refused = |r: &Result<(), StoreError>| {
                matches!(r, Err(StoreError::Conflict("already caring")))
            };
            assert!(
                matches!((&a, &b), (Ok(()), r) if refused(r))
                    || matches!((&a, &b), (r, Ok(())) if refused(r)),
                "{} round {round}: {:?} {:?}",
                db.name,
                a.as_ref().err(),
                b.as_ref().err()
            );
            let live: Vec<_> = store
                .caring_for(idris.id)
                .await
                .unwrap()
                .into_iter()
                .filter(|g| g.resident == hannah.id && g.times.status(now_millis()).is_live())
                .collect();
            assert_eq!(live.len(), 1, "{} round {round}", db.name);
            // Ended, so the next round starts with no live grant.
            store
                .revoke_carer(hannah.id, live[0].id, &hannah)
                .await
                .unwrap();
        }
    }
}

/// A carer's save is checked against their grant as it is when the save is stored, not as it
/// was when their request began: one the resident revoked meanwhile, or a part they may only
/// see, stores nothing (as if the part were not there) and logs nothing.
#[tokio::test]
async fn a_carers_save_needs_a_live_grant_that_lets_them_change_the_part_on_every_backend() {
    use app::server::store::PartKind;
    for db in each_backend().await {
        let store = open_store(&db).await;
        seed_demo(store.as_ref()).await.unwrap();
        let hannah = resident_accessor(store.as_ref(), "Hannah Price").await;
        let idris = Accessor {
            acting_for: Some(hannah.id),
            ..resident_accessor(store.as_ref(), "Idris Hughes").await
        };
        let save = |kind: PartKind, key: &'static str, scope: &'static str| {
            let (store, idris) = (store.clone(), idris.clone());
            async move {
                store
                    .save_record(
                        hannah.id,
                        idris.id,
                        kind,
                        key,
                        None,
                        "{}",
                        Some((&idris, scope)),
                    )
                    .await
            }
        };
        // No grant at all.
        let none = save(PartKind::Needs, "needs", "needs").await;
        assert!(
            matches!(none, Err(StoreError::NotFound)),
            "{}: {none:?}",
            db.name
        );
        // Needs may be changed, goals only seen.
        let grant = store
            .invite_carer(
                hannah.id,
                &hannah,
                &invitation("LIVE-GRANT", now_millis() + 60_000),
            )
            .await
            .unwrap();
        store
            .accept_carer(grant, &idris, now_millis())
            .await
            .unwrap();
        save(PartKind::Needs, "needs", "needs").await.unwrap();
        let seen_only = save(PartKind::Goal, "g1", "goals").await;
        assert!(
            matches!(seen_only, Err(StoreError::NotFound)),
            "{}: {seen_only:?}",
            db.name
        );
        store.revoke_carer(hannah.id, grant, &hannah).await.unwrap();
        let revoked = save(PartKind::Needs, "needs", "needs").await;
        assert!(
            matches!(revoked, Err(StoreError::NotFound)),
            "{}: {revoked:?}",
            db.name
        );
        let versions = store
            .record_latest(hannah.id, PartKind::Needs)
            .await
            .unwrap();
        assert_eq!(versions.len(), 1, "{}", db.name);
        assert_eq!(versions[0].version, 1, "only the save under the live grant");
        let writes = store
            .access_log(
                hannah.id,
                &AccessQuery {
                    limit: 10,
                    actor: Some(idris.id),
                    ..AccessQuery::default()
                },
            )
            .await
            .unwrap()
            .into_iter()
            .filter(|row| row.action == "write")
            .count();
        assert_eq!(writes, 1, "{}", db.name);
    }
}

/// The race itself, on PostgreSQL: the resident's revocation is being saved when the carer's
/// save arrives; the save waits for it, then finds the grant revoked and stores nothing.
#[tokio::test]
async fn a_carers_save_racing_a_revocation_stores_nothing_on_postgres() {
    use app::server::store::PartKind;
    let Some(db) = crate::support::postgres().await else {
        return;
    };
    let hive_server::db::DatabaseUrl::Postgres(url) = &db.url else {
        unreachable!()
    };
    let pool = sqlx::PgPool::connect(url).await.unwrap();
    let store = open_store(&db).await;
    seed_demo(store.as_ref()).await.unwrap();
    let hannah = resident_accessor(store.as_ref(), "Hannah Price").await;
    let idris = Accessor {
        acting_for: Some(hannah.id),
        ..resident_accessor(store.as_ref(), "Idris Hughes").await
    };
    let grant = store
        .invite_carer(
            hannah.id,
            &hannah,
            &invitation("RACING-REVOKE", now_millis() + 60_000),
        )
        .await
        .unwrap();
    store
        .accept_carer(grant, &idris, now_millis())
        .await
        .unwrap();
    let mut revoking = pool.begin().await.unwrap();
    sqlx::query("UPDATE carer_grants SET revoked_at = $2 WHERE id = $1")
        .bind(grant)
        .bind(now_millis())
        .execute(&mut *revoking)
        .await
        .unwrap();
    let saving = tokio::spawn({
        let (store, idris) = (store.clone(), idris.clone());
        async move {
            store
                .save_record(
                    hannah.id,
                    idris.id,
                    PartKind::Needs,
                    "needs",
                    None,
                    "{}",
                    Some((&idris, "needs")),
                )
                .await
        }
    });
    assert!(
        crate::support::until_blocked(&pool, &saving).await,
        "the save waits for the revocation"
    );
    revoking.commit().await.unwrap();
    let saved = saving.await.unwrap();
    assert!(matches!(saved, Err(StoreError::NotFound)), "{saved:?}");
    assert!(
        store
            .record_latest(hannah.id, PartKind::Needs)
            .await
            .unwrap()
            .is_empty()
    );
}

/// The same holds for a carer's other writes: a reply to the team, an answer to a goal the
/// team proposed and feedback given for the resident. Lin acts for George in the demo; once George revokes her grant, neither is
/// stored, whatever her request read before.
#[tokio::test]
async fn a_revoked_carers_reply_answer_or_feedback_is_not_stored_on_every_backend() {
    use app::domain::record::PartKind;
    use app::server::store::{NewFeedback, NewMessage, NewProposal, ProposalDecision};
    for db in each_backend().await {
        let store = open_store(&db).await;
        seed_demo(store.as_ref()).await.unwrap();
        hive_server::seed::seed_demo_record(store.as_ref())
            .await
            .unwrap();
        let george = resident_accessor(store.as_ref(), "George Walsh").await;
        let lin = Accessor {
            acting_for: Some(george.id),
            ..resident_accessor(store.as_ref(), "Lin Walsh").await
        };
        let reply = |body: &'static str| {
            let (store, lin) = (store.clone(), lin.clone());
            async move {
                store
                    .add_message(&NewMessage {
                        resident: george.id,
                        neighbourhood: None,
                        by: &lin,
                        kind: PartKind::Needs,
                        key: "needs",
                        from_team: false,
                        body,
                        scope: "needs",
                    })
                    .await
            }
        };
        // While her grant is live: stored, and she answers a goal the team proposed.
        reply("Dad would like a morning visit.").await.unwrap();
        let waiting = store.proposals(george.id).await.unwrap();
        let priya = resident_accessor(store.as_ref(), "Priya Shah").await;
        let second = store
            .propose_goal(&NewProposal {
                resident: george.id,
                neighbourhood: waiting[0].neighbourhood,
                by: &priya,
                description: "Walk to the allotment twice a week",
                why: None,
            })
            .await
            .unwrap();
        store
            .decide_proposal(&ProposalDecision {
                resident: george.id,
                proposal: second,
                by: &lin,
                accept: None,
                reason: Some("He would rather drive"),
            })
            .await
            .unwrap();
        let feedback = |good: &'static str| {
            let (store, lin) = (store.clone(), lin.clone());
            async move {
                store
                    .add_feedback(&NewFeedback {
                        resident: george.id,
                        by: &lin,
                        neighbourhood: None,
                        service: None,
                        fft: "good",
                        good: Some(good),
                        better: None,
                        statements: "",
                        goal_key: None,
                        status: "private",
                    })
                    .await
            }
        };
        feedback("Kind nurses").await.unwrap();
        let grant = store.carer_grants(george.id).await.unwrap()[0].id;
        store.revoke_carer(george.id, grant, &george).await.unwrap();
        let refused = reply("And a call first.").await;
        assert!(
            matches!(refused, Err(StoreError::NotFound)),
            "{}: {refused:?}",
            db.name
        );
        let proposal = store
            .proposals(george.id)
            .await
            .unwrap()
            .into_iter()
            .find(|p| p.status == "proposed")
            .expect("the demo's waiting proposal")
            .id;
        let answered = store
            .decide_proposal(&ProposalDecision {
                resident: george.id,
                proposal,
                by: &lin,
                accept: None,
                reason: Some("Not now"),
            })
            .await;
        assert!(
            matches!(answered, Err(StoreError::NotFound)),
            "{}: {answered:?}",
            db.name
        );
        let late = feedback("Prompt visits").await;
        assert!(
            matches!(late, Err(StoreError::NotFound)),
            "{}: {late:?}",
            db.name
        );
        let given: Vec<_> = store
            .feedback_given(george.id)
            .await
            .unwrap()
            .into_iter()
            .filter_map(|f| f.good)
            .collect();
        assert!(given.iter().any(|g| g == "Kind nurses"), "{}", db.name);
        assert!(!given.iter().any(|g| g == "Prompt visits"), "{}", db.name);
        let messages = store.messages(george.id).await.unwrap();
        assert!(
            messages
                .iter()
                .any(|m| m.body == "Dad would like a morning visit."),
            "{}",
            db.name
        );
        assert!(
            !messages.iter().any(|m| m.body == "And a call first."),
            "{}",
            db.name
        );
        assert!(
            store
                .proposals(george.id)
                .await
                .unwrap()
                .iter()
                .any(|p| p.id == proposal && p.status == "proposed"),
            "{}",
            db.name
        );
    }
}

/// Through the service, as a carer's request meets it: the actor read Lin's live grant when the
/// request began, and George revoked it before her reply was stored. She is refused as not
/// found, not told to share the part first (which is the resident's own message when no team
/// serves them, and is theirs to act on).
#[tokio::test]
async fn a_reply_stopped_by_a_revocation_is_not_found_for_the_carer_and_unshared_for_the_resident()
{
    use app::domain::person::DisplayName;
    use app::domain::review::MessageForm;
    use app::error::AppError;
    use app::server::Actor;
    use app::server::actor::{Acting, LiveGrant};
    use app::server::services::responses::{NOT_SHARED, reply};
    use app::server::store::{PartKind, VerifiedIdentity};
    let app = spawn_app(sqlite(), true).await;
    let store = app.store.as_ref();
    hive_server::seed::seed_demo_record(store).await.unwrap();
    let george = resident_accessor(store, "George Walsh").await;
    let lin = resident_accessor(store, "Lin Walsh").await;
    let grant = store.carer_grants(george.id).await.unwrap()[0].id;
    let row = store
        .carer_grant(lin.id, grant)
        .await
        .unwrap()
        .expect("Lin's live grant");
    let acting = Actor::Acting(
        store.person(lin.id).await.unwrap(),
        Box::new(Acting::For(LiveGrant::from_row(row))),
    );
    let form = MessageForm {
        kind: "needs".into(),
        key: "needs".into(),
        text: "Please ring first".into(),
    };
    store.revoke_carer(george.id, grant, &george).await.unwrap();
    let refused = reply(store, &acting, &form).await;
    assert!(matches!(refused, Err(AppError::NotFound)), "{refused:?}");

    // A resident who shares their needs but has not said where they live: no team to read it.
    let nadia = store
        .add_resident(
            &DisplayName::parse("Nadia Nowhere").unwrap(),
            &VerifiedIdentity {
                issuer: "https://idp.example".into(),
                subject: "nadia".into(),
                level: None,
            },
        )
        .await
        .unwrap();
    let own = Accessor {
        id: nadia,
        name: "Nadia Nowhere".into(),
        role: app::domain::role::Role::Resident,
        team: None,
        acting_for: None,
    };
    store
        .save_record(nadia, nadia, PartKind::Needs, "needs", Some(0), "{}", None)
        .await
        .unwrap();
    store
        .set_shares(nadia, &own, &["needs".to_string()])
        .await
        .unwrap();
    let alone = reply(
        store,
        &Actor::Person(store.person(nadia).await.unwrap()),
        &form,
    )
    .await;
    let Err(AppError::Invalid { fields }) = alone else {
        panic!("{alone:?}")
    };
    assert_eq!(fields[0].message, NOT_SHARED);
}
