//! The provider as a moving part: it may advertise RFC 9207 `iss`, rotate its keys, go down, or
//! vouch for a level with credentials Hive did not ask for.

use super::*;
use hive_server::auth::oidc::Timings;

#[tokio::test]
async fn a_provider_that_says_it_sends_iss_must_send_it() {
    let idp = TestIdp::start().await;
    idp.send_iss();
    let app = app_with(sqlite(), &idp, |_| {}).await;
    let attempt = |iss: Option<String>| {
        let (app, idp) = (&app, &idp);
        async move {
            let begun = begin(app, "nhs-login", None).await;
            let code = uuid::Uuid::new_v4().to_string();
            let token = idp::sign(&idp.claims("iss-resident", &begun.nonce), Signing::Rs256);
            idp.issue(&code, token, &begun.challenge);
            let mut query = format!("code={code}&state={}", begun.state);
            if let Some(iss) = iss {
                query.push_str(&format!("&iss={}", urlencode(&iss)));
            }
            callback(app, &query, Some(&begun.browser)).await
        }
    };
    // Without it (a code relayed from another provider looks like this), and with another's.
    assert_refused(&attempt(None).await, "failed");
    assert_refused(
        &attempt(Some("https://elsewhere.example".into())).await,
        "failed",
    );
    let signed_in = attempt(Some(idp.issuer.clone())).await;
    assert!(
        session_cookie(signed_in.headers()).is_some(),
        "{:?}",
        signed_in.headers()
    );
}

#[tokio::test]
async fn rotated_keys_are_fetched_again_once_and_unknown_keys_are_still_refused() {
    let idp = TestIdp::start().await;
    let app = app_with(sqlite(), &idp, |_| {}).await;
    let signed = |subject: &'static str, how: Signing| {
        let (app, idp) = (&app, &idp);
        async move {
            sign_in(app, idp, "nhs-login", None, |b| {
                idp::sign(&idp.claims(subject, &b.nonce), how)
            })
            .await
        }
    };
    assert!(session_cookie(signed("before", Signing::Rs256).await.headers()).is_some());
    // The provider rotates its key: a token under the new key id makes Hive fetch the keys
    // once more, and the sign-in goes through.
    idp.rotate_key();
    let (_, keys_before) = idp.fetches();
    let rotated = signed("after", Signing::RotatedKeyId).await;
    assert!(
        session_cookie(rotated.headers()).is_some(),
        "signed in after the rotation: {:?}",
        rotated.headers()
    );
    assert_eq!(
        idp.fetches().1,
        keys_before + 1,
        "the keys were fetched once more"
    );
    // A key id nobody publishes is refused, and does not make Hive fetch again and again.
    for n in 0..3 {
        let response = signed("forger", Signing::UnknownKeyId).await;
        assert_refused(&response, "failed");
        assert_eq!(
            idp.fetches().1,
            keys_before + 1,
            "attempt {n} fetched the keys"
        );
    }
}

#[tokio::test]
async fn a_provider_that_is_down_is_not_waited_for_by_every_sign_in() {
    let down = TestIdp::start().await;
    down.set_down(true);
    let up = TestIdp::start().await;
    let app = app_with(sqlite(), &down, |options| {
        options.providers[2] = up.provider("staff", Audience::Staff, false);
    })
    .await;
    let first = app.get("/auth/login/nhs-login", None).await;
    assert_refused(&first, "unavailable");
    let (asked, _) = down.fetches();
    // The next sign-ins are refused at once, without asking the provider again.
    for _ in 0..5 {
        let started = std::time::Instant::now();
        assert_refused(&app.get("/auth/login/nhs-login", None).await, "unavailable");
        assert!(started.elapsed() < std::time::Duration::from_secs(2));
    }
    assert_eq!(down.fetches().0, asked, "the provider was asked again");
    // Another provider is not held up.
    assert_eq!(app.get("/auth/login/staff", None).await.status(), 303);
    let page = app.get(&location(&first), None).await;
    assert_eq!(page.status(), 503);
}

#[tokio::test]
async fn a_level_reached_with_credentials_hive_did_not_ask_for_counts_for_nothing() {
    let idp = TestIdp::start().await;
    let app = app_with(sqlite(), &idp, |options| {
        options.providers[0].minimum_level = Some(IdentityLevel::P9);
        options.providers[0].vtr = Some(r#"["P9.Cp.Cd","P9.Cp.Ck"]"#.into());
    })
    .await;
    // P9, but with a password alone: not what was asked for.
    let weak = sign_in(&app, &idp, "nhs-login", None, |b| {
        let mut claims = idp.claims("password-only", &b.nonce);
        claims["vot"] = "P9.Cp".into();
        idp::sign(&claims, Signing::Rs256)
    })
    .await;
    let cookie = session_cookie(weak.headers()).expect("signed in, restricted");
    let page = app.get("/my", Some(&cookie)).await;
    assert_eq!(page.status(), 403);
    assert!(
        page.text()
            .await
            .unwrap()
            .contains("We need to confirm who you are")
    );
    // The same person with a second factor, in either order, is let in.
    let strong = sign_in(&app, &idp, "nhs-login", None, |b| {
        let mut claims = idp.claims("password-only", &b.nonce);
        claims["vot"] = "P9.Ck.Cp".into();
        idp::sign(&claims, Signing::Rs256)
    })
    .await;
    let cookie = session_cookie(strong.headers()).expect("signed in");
    assert_eq!(app.get("/my", Some(&cookie)).await.status(), 200);
}

/// Waits up to two seconds for `idp`'s discovery to have been fetched `n` times.
async fn discovery_fetched(idp: &TestIdp, n: usize) -> bool {
    for _ in 0..40 {
        if idp.fetches().0 >= n {
            return true;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    false
}

fn short(timings: impl FnOnce(&mut Timings)) -> impl FnOnce(&mut Options) {
    move |options| {
        let mut t = Timings::default();
        timings(&mut t);
        options.provider_timings = Some(t);
    }
}

/// Discovery (endpoints and keys) is used for its lifetime without asking the provider; once
/// older, sign-ins go on with it at once while one background request fetches it again, and a
/// provider that is down by then leaves what was fetched in use. (The lifetime is 15 minutes;
/// here one second.)
#[tokio::test]
async fn discovery_is_fetched_again_in_the_background_once_it_is_old() {
    let idp = TestIdp::start().await;
    let lifetime = std::time::Duration::from_secs(1);
    let app = app_with(sqlite(), &idp, short(|t| t.discovery_ttl = lifetime)).await;
    let signed_in = |subject: &'static str| {
        let (app, idp) = (&app, &idp);
        async move {
            let response = sign_in(app, idp, "nhs-login", None, |b| {
                idp::sign(&idp.claims(subject, &b.nonce), Signing::Rs256)
            })
            .await;
            session_cookie(response.headers()).is_some()
        }
    };
    assert!(signed_in("first").await);
    let (fetched, _) = idp.fetches();
    assert!(signed_in("second").await);
    assert_eq!(
        idp.fetches().0,
        fetched,
        "fresh discovery is not fetched again"
    );

    tokio::time::sleep(lifetime + std::time::Duration::from_millis(200)).await;
    assert!(signed_in("third").await);
    assert!(
        discovery_fetched(&idp, fetched + 1).await,
        "fetched again once old"
    );
    assert_eq!(idp.fetches().0, fetched + 1, "by one request");

    // Old again, and the provider's discovery is down: what was fetched is still used.
    tokio::time::sleep(lifetime + std::time::Duration::from_millis(200)).await;
    idp.set_down(true);
    assert_eq!(app.get("/auth/login/nhs-login", None).await.status(), 303);
    assert!(discovery_fetched(&idp, fetched + 2).await, "asked again");
    assert_eq!(app.get("/auth/login/nhs-login", None).await.status(), 303);
}

/// A provider that did not answer is left alone for a while (30 seconds; here one), then
/// asked again, and sign-ins go through once it answers.
#[tokio::test]
async fn a_provider_that_was_down_is_asked_again_after_a_while() {
    let idp = TestIdp::start().await;
    idp.set_down(true);
    let wait = std::time::Duration::from_secs(1);
    let app = app_with(sqlite(), &idp, short(|t| t.retry_discovery_after = wait)).await;
    assert_refused(&app.get("/auth/login/nhs-login", None).await, "unavailable");
    let (asked, _) = idp.fetches();
    idp.set_down(false);
    assert_refused(&app.get("/auth/login/nhs-login", None).await, "unavailable");
    assert_eq!(idp.fetches().0, asked, "not asked again at once");
    tokio::time::sleep(wait + std::time::Duration::from_millis(200)).await;
    assert_eq!(app.get("/auth/login/nhs-login", None).await.status(), 303);
    assert_eq!(idp.fetches().0, asked + 1);
}

/// An unknown key id makes Hive fetch the keys again at most once a minute (here once a
/// second): a forger cannot make it ask the provider on every try, and a rotation that comes
/// later is still picked up.
#[tokio::test]
async fn unknown_key_ids_make_hive_fetch_the_keys_again_at_most_once_a_while() {
    let idp = TestIdp::start().await;
    let every = std::time::Duration::from_secs(1);
    let app = app_with(sqlite(), &idp, short(|t| t.refetch_keys_after = every)).await;
    let forged = || {
        let (app, idp) = (&app, &idp);
        async move {
            sign_in(app, idp, "nhs-login", None, |b| {
                idp::sign(&idp.claims("forger", &b.nonce), Signing::UnknownKeyId)
            })
            .await
        }
    };
    assert_refused(&forged().await, "failed");
    let (_, keys) = idp.fetches();
    assert_refused(&forged().await, "failed");
    assert_eq!(idp.fetches().1, keys, "not again at once");
    tokio::time::sleep(every + std::time::Duration::from_millis(200)).await;
    assert_refused(&forged().await, "failed");
    assert_eq!(idp.fetches().1, keys + 1, "again after a while");
}
