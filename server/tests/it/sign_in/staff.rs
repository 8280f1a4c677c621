//! Staff sign in through the directory: claims, verified emails, providers kept to their audience, changes taking effect at once.

use super::*;

async fn add_staff(app: &TestApp, name: &str, email: &str, role: Role, team: Option<&str>) -> i64 {
    let team = match team {
        Some(code) => Some(app.store.team_id(code).await.unwrap()),
        None => None,
    };
    let new = NewStaff {
        name: DisplayName::parse(name).unwrap(),
        email: Email::parse(email).unwrap(),
        role,
        team,
    };
    app.store.add_staff(&new).await.unwrap().0
}

fn staff_claims(idp: &TestIdp, subject: &str, email: &str, nonce: &str) -> Value {
    let mut claims = idp.claims(subject, nonce);
    let object = claims.as_object_mut().unwrap();
    object.remove("identity_proofing_level");
    object.remove("vot");
    claims["email"] = email.into();
    claims
}

#[tokio::test]
async fn a_registered_member_of_staff_signs_in_and_sees_their_team() {
    let idp = TestIdp::start().await;
    for db in each_backend().await {
        let app = app_with(db, &idp, |_| {}).await;
        add_staff(
            &app,
            "Dana Reid",
            "dana.reid@nhs.net",
            Role::Practitioner,
            Some("int-cheetham-crumpsall"),
        )
        .await;
        let response = sign_in(&app, &idp, "staff", None, |b| {
            idp::sign(
                &staff_claims(&idp, "cis2-dana", "Dana.Reid@NHS.net", &b.nonce),
                Signing::Rs256,
            )
        })
        .await;
        let cookie = session_cookie(response.headers()).expect("signed in");
        let page = app.get("/team", Some(&cookie)).await;
        assert_eq!(page.status(), 200, "{}", app.db.name);
        let html = page.text().await.unwrap();
        assert!(
            html.contains("Cheetham and Crumpsall Integrated Neighbourhood Team"),
            "{html}"
        );
        assert!(html.contains("Dana Reid"));
    }
}

#[tokio::test]
async fn a_member_of_staff_not_in_the_directory_is_turned_away_politely() {
    let idp = TestIdp::start().await;
    let app = app_with(sqlite(), &idp, |_| {}).await;
    let response = sign_in(&app, &idp, "staff", None, |b| {
        idp::sign(
            &staff_claims(&idp, "cis2-x", "stranger@nhs.net", &b.nonce),
            Signing::Rs256,
        )
    })
    .await;
    assert_refused(&response, "not-registered");
    let page = app.get(&location(&response), None).await;
    assert_eq!(page.status(), 403);
    assert!(
        page.text()
            .await
            .unwrap()
            .contains("not registered to use Hive as staff")
    );
    assert!(
        app.store
            .person_by_identity(&idp.issuer, "cis2-x")
            .await
            .unwrap()
            .is_none()
    );
}

#[tokio::test]
async fn a_staff_provider_never_signs_in_a_resident_and_a_residents_provider_never_staff() {
    let idp = TestIdp::start().await;
    let app = app_with(sqlite(), &idp, |_| {}).await;
    // A resident's identity, then the same subject through the staff provider (same issuer).
    sign_in(&app, &idp, "nhs-login", None, |b| {
        idp::sign(&idp.claims("shared", &b.nonce), Signing::Rs256)
    })
    .await;
    let as_staff = sign_in(&app, &idp, "staff", None, |b| {
        idp::sign(
            &staff_claims(&idp, "shared", "amira@example.com", &b.nonce),
            Signing::Rs256,
        )
    })
    .await;
    assert_refused(&as_staff, "not-registered");
}

#[tokio::test]
async fn a_residents_provider_never_signs_in_a_member_of_staff() {
    let idp = TestIdp::start().await;
    let app = app_with(sqlite(), &idp, |_| {}).await;
    add_staff(
        &app,
        "Dana Reid",
        "dana@nhs.net",
        Role::Practitioner,
        Some("int-cheetham-crumpsall"),
    )
    .await;
    let staff = sign_in(&app, &idp, "staff", None, |b| {
        idp::sign(
            &staff_claims(&idp, "shared-staff", "dana@nhs.net", &b.nonce),
            Signing::Rs256,
        )
    })
    .await;
    assert!(
        session_cookie(staff.headers()).is_some(),
        "signed in as staff"
    );
    let as_resident = sign_in(&app, &idp, "nhs-login", None, |b| {
        idp::sign(&idp.claims("shared-staff", &b.nonce), Signing::Rs256)
    })
    .await;
    assert_refused(&as_resident, "not-registered");
}

#[tokio::test]
async fn a_staff_email_must_be_verified_unless_the_provider_vouches_for_every_email() {
    let idp = TestIdp::start().await;
    let app = app_with(sqlite(), &idp, |options| {
        let mut trusted = options.providers[2].clone();
        trusted.id = "cis2".into();
        trusted.trust_email = true;
        options.providers.push(trusted);
    })
    .await;
    add_staff(
        &app,
        "Dana Reid",
        "dana@nhs.net",
        Role::Practitioner,
        Some("int-cheetham-crumpsall"),
    )
    .await;
    for (what, verified) in [("unverified", Some(false)), ("no claim", None)] {
        let response = sign_in(&app, &idp, "staff", None, |b| {
            let mut claims = staff_claims(&idp, "mallory", "dana@nhs.net", &b.nonce);
            match verified {
                Some(v) => claims["email_verified"] = v.into(),
                None => {
                    claims.as_object_mut().unwrap().remove("email_verified");
                }
            }
            idp::sign(&claims, Signing::Rs256)
        })
        .await;
        assert_refused(&response, "not-registered");
        assert_eq!(
            app.store.staff_directory().await.unwrap()[0].status,
            app::domain::staff::StaffStatus::Pending,
            "{what}: the entry was claimed"
        );
    }
    let trusted = sign_in(&app, &idp, "cis2", None, |b| {
        let mut claims = staff_claims(&idp, "cis2-dana", "dana@nhs.net", &b.nonce);
        claims.as_object_mut().unwrap().remove("email_verified");
        idp::sign(&claims, Signing::Rs256)
    })
    .await;
    assert!(session_cookie(trusted.headers()).is_some());
}

#[tokio::test]
async fn an_admin_cannot_change_their_own_role_or_remove_themselves() {
    let idp = TestIdp::start().await;
    let app = app_with(sqlite(), &idp, |options| {
        options.bootstrap_admin_email = Some("chief@council.example".into());
    })
    .await;
    let response = sign_in(&app, &idp, "staff", None, |b| {
        idp::sign(
            &staff_claims(&idp, "chief", "chief@council.example", &b.nonce),
            Signing::Rs256,
        )
    })
    .await;
    let cookie = session_cookie(response.headers()).unwrap();
    let me = app.store.staff_directory().await.unwrap()[0]
        .id
        .0
        .to_string();
    let post = |path: &'static str, body: String| {
        let (app, cookie) = (&app, &cookie);
        async move {
            let response = app
                .client
                .post(app.url(path))
                .header("content-type", "application/x-www-form-urlencoded")
                .header("cookie", cookie.as_str())
                .body(body)
                .send()
                .await
                .unwrap();
            (response.status().as_u16(), response.text().await.unwrap())
        }
    };
    let (status, body) = post(
        "/api/change-staff",
        format!("id={me}&name=Chief&email=chief%40council.example&role=engagement_officer&team="),
    )
    .await;
    assert_eq!(status, 422);
    assert!(body.contains("You cannot change your own role"), "{body}");
    let (status, body) = post("/api/remove-staff", format!("id={me}")).await;
    assert_eq!(status, 409);
    assert!(body.contains("You cannot remove yourself"), "{body}");
    let entry = &app.store.staff_directory().await.unwrap()[0];
    assert_eq!(entry.role, Role::Admin);
    // Their own name they may change.
    let (status, _) = post(
        "/api/change-staff",
        format!("id={me}&name=Chief%20Officer&email=chief%40council.example&role=admin&team="),
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(
        app.store.staff_directory().await.unwrap()[0].name,
        "Chief Officer"
    );
}

#[tokio::test]
async fn removing_someone_takes_effect_on_their_next_request() {
    let idp = TestIdp::start().await;
    let app = app_with(sqlite(), &idp, |_| {}).await;
    let id = add_staff(
        &app,
        "Dana Reid",
        "dana@nhs.net",
        Role::TeamLead,
        Some("int-cheetham-crumpsall"),
    )
    .await;
    let response = sign_in(&app, &idp, "staff", None, |b| {
        idp::sign(
            &staff_claims(&idp, "cis2-dana", "dana@nhs.net", &b.nonce),
            Signing::Rs256,
        )
    })
    .await;
    let cookie = session_cookie(response.headers()).unwrap();
    assert_eq!(app.get("/team", Some(&cookie)).await.status(), 200);
    hive_server::admin::add_admin(app.store.as_ref(), "remover@nhs.example", "Rae Mover")
        .await
        .unwrap();
    let admin = app
        .store
        .staff_directory()
        .await
        .unwrap()
        .into_iter()
        .find(|e| e.role == app::domain::role::Role::Admin)
        .expect("an administrator")
        .id;
    app.store
        .remove_staff(app::domain::ids::PersonId(id), admin)
        .await
        .unwrap();
    let after = app.get("/team", Some(&cookie)).await;
    assert_eq!(after.status(), 302, "sent to sign in");
    // And signing in again is refused: the entry is gone.
    let again = sign_in(&app, &idp, "staff", None, |b| {
        idp::sign(
            &staff_claims(&idp, "cis2-dana", "dana@nhs.net", &b.nonce),
            Signing::Rs256,
        )
    })
    .await;
    assert_refused(&again, "not-registered");
    // An administrator adds her back (a new entry, the same email): the same identity claims
    // it, and she is in again.
    add_staff(
        &app,
        "Dana Reid",
        "dana@nhs.net",
        Role::TeamLead,
        Some("int-cheetham-crumpsall"),
    )
    .await;
    let back = sign_in(&app, &idp, "staff", None, |b| {
        idp::sign(
            &staff_claims(&idp, "cis2-dana", "dana@nhs.net", &b.nonce),
            Signing::Rs256,
        )
    })
    .await;
    let cookie = session_cookie(back.headers()).expect("signed in again");
    assert_eq!(app.get("/team", Some(&cookie)).await.status(), 200);
}

#[tokio::test]
async fn the_bootstrap_admin_email_becomes_an_admin_at_first_staff_sign_in() {
    let idp = TestIdp::start().await;
    let app = app_with(sqlite(), &idp, |options| {
        options.bootstrap_admin_email = Some("Chief@Council.example".into());
    })
    .await;
    let response = sign_in(&app, &idp, "staff", None, |b| {
        idp::sign(
            &staff_claims(&idp, "chief", "chief@council.example", &b.nonce),
            Signing::Rs256,
        )
    })
    .await;
    let cookie = session_cookie(response.headers()).expect("signed in");
    let page = app.get("/admin/staff", Some(&cookie)).await;
    assert_eq!(page.status(), 200);
    assert!(page.text().await.unwrap().contains("chief@council.example"));
}

/// A residents' first sign-in that finds no one for its identity creates a resident; if
/// another request linked that identity to a member of staff in the meantime, the store hands
/// back that person, and the sign-in is turned away, not made into theirs.
#[tokio::test]
async fn a_first_resident_sign_in_that_loses_a_race_to_a_staff_claim_is_turned_away() {
    use app::server::services::sign_in::{Claimed, Outcome, Vouched, resolve};
    use app::server::store::VerifiedIdentity;
    let db = sqlite();
    let inner = crate::support::open_store(&db).await;
    let (store, counts) = crate::counting::CountingStore::wrap(inner.clone());
    let dana = NewStaff {
        name: DisplayName::parse("Dana Reid").unwrap(),
        email: Email::parse("dana@nhs.net").unwrap(),
        role: Role::Admin,
        team: None,
    };
    inner.add_staff(&dana).await.unwrap();
    let identity = VerifiedIdentity {
        issuer: "https://idp.example".into(),
        subject: "shared-subject".into(),
        level: Some(IdentityLevel::P9),
    };
    let claimed = inner
        .claim_staff(&dana.email, &identity)
        .await
        .unwrap()
        .expect("her entry is claimed");
    counts
        .identities_unseen
        .store(true, std::sync::atomic::Ordering::SeqCst);
    let outcome = resolve(
        store.as_ref(),
        Vouched {
            audience: Audience::Residents,
            minimum: None,
            trust_email: false,
        },
        &identity,
        &Claimed {
            name: Some("Dana Reid".into()),
            ..Claimed::default()
        },
    )
    .await
    .unwrap();
    assert_eq!(outcome, Outcome::NotRegistered);
    // Nobody new: the identity is still hers.
    let found = inner
        .person_by_identity(&identity.issuer, &identity.subject)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(found.id, claimed);
}
