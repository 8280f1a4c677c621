//! Sessions: where they live, what the cookie says, and when they end.

use crate::support::{
    Options, SESSION_COOKIE, each_backend, set_cookie_header, spawn_app, spawn_app_with, sqlite,
    start_server,
};

#[tokio::test]
async fn the_session_cookie_is_http_only_lax_and_idles_out_after_thirty_minutes() {
    let app = spawn_app(sqlite(), true).await;
    let id = app.demo_person_id("Amira Khan").await.to_string();
    let response = app.post_form("/auth/demo", &[("person", &id)], None).await;
    let header = set_cookie_header(response.headers()).expect("session cookie");
    assert!(header.contains("HttpOnly"), "{header}");
    assert!(header.contains("SameSite=Lax"), "{header}");
    assert!(header.contains("Path=/"), "{header}");
    assert!(header.contains("Max-Age=1800"), "{header}");
    assert!(
        !header.contains("Secure"),
        "plain http must not mark it Secure: {header}"
    );
}

#[tokio::test]
async fn the_session_cookie_is_secure_when_hive_is_served_over_https() {
    let app = spawn_app_with(
        sqlite(),
        Options {
            demo: true,
            public_url: Some("https://hive.example".into()),
            ..Options::default()
        },
    )
    .await;
    let id = app.demo_person_id("Amira Khan").await.to_string();
    let response = app
        .client
        .post(app.url("/auth/demo"))
        .header("content-type", "application/x-www-form-urlencoded")
        .header("origin", "https://hive.example")
        .body(format!("person={id}"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 303);
    let header = set_cookie_header(response.headers()).expect("session cookie");
    assert!(header.contains("Secure"), "{header}");
    // The __Host- prefix: Secure, Path=/ and no Domain, or browsers refuse it.
    assert!(header.starts_with("__Host-hive_session="), "{header}");
    assert!(header.contains("Path=/"), "{header}");
    assert!(!header.to_ascii_lowercase().contains("domain="), "{header}");
    assert!(response.headers().contains_key("strict-transport-security"));
}

#[tokio::test]
async fn sessions_are_kept_in_the_database() {
    for db in each_backend().await {
        let app = spawn_app(db, true).await;
        let cookie = app.sign_in_as("Amira Khan", None).await;
        // A second, independent app server on the same database knows the session.
        let (addr, _) = start_server(
            app.db.url.clone(),
            Options {
                demo: true,
                public_url: None,
                ..Options::default()
            },
        )
        .await;
        let page = app
            .client
            .get(format!("http://{addr}/my"))
            .header("cookie", &cookie)
            .send()
            .await
            .unwrap();
        assert_eq!(page.status(), 200, "{}", app.db.name);
        assert!(
            page.text().await.unwrap().contains("Hello, Amira Khan"),
            "{}",
            app.db.name
        );
    }
}

/// A database once served for the demo and then for real: a demo session (signed in through no
/// identity provider) is not accepted by a server that does not offer demo sign-in, and it ends.
#[tokio::test]
async fn a_demo_session_is_not_accepted_by_a_server_started_without_demo() {
    let app = spawn_app(sqlite(), true).await;
    let cookie = app.sign_in_as("Amira Khan", None).await;
    let (addr, _) = start_server(
        app.db.url.clone(),
        Options {
            demo: false,
            ..Options::default()
        },
    )
    .await;
    let page = app
        .client
        .get(format!("http://{addr}/my"))
        .header("cookie", &cookie)
        .header("accept", "text/html")
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 302, "sent to sign in");
    assert_eq!(
        app.get("/my", Some(&cookie)).await.status(),
        302,
        "and the session is over"
    );
}

/// Session fixation: someone who plants their own live session id in a victim's browser gains
/// nothing, because signing in moves the session to a new id and kills the old one.
#[tokio::test]
async fn signing_in_gives_a_new_session_id_and_kills_the_old_one() {
    let app = spawn_app(sqlite(), true).await;
    let planted = app.sign_in_as("Amira Khan", None).await;
    let after = app.sign_in_as("George Walsh", Some(&planted)).await;
    assert_ne!(after, planted);
    let old = app.get("/my", Some(&planted)).await;
    assert_eq!(old.status(), 302, "the old session id must be dead");
    let new = app.get("/my", Some(&after)).await.text().await.unwrap();
    assert!(new.contains("Hello, George Walsh"));
}

/// Every five minutes (here every tenth of a second) the sessions that have expired, the
/// sign-ins not finished within ten minutes and the sign-outs older than any session can live
/// (twelve hours) are deleted; younger ones stay. (The ages are written out, not Hive's
/// constants, so that a change to a rule fails here.)
#[tokio::test]
async fn housekeeping_deletes_what_has_expired_and_keeps_the_rest() {
    const MINUTE: i64 = 60 * 1000;
    const SESSION: &str = "SELECT COUNT(*) FROM sessions WHERE id = $1";
    const ENDED: &str = "SELECT COUNT(*) FROM ended_sign_ins WHERE token = $1";
    for db in each_backend().await {
        let app = spawn_app_with(
            db,
            Options {
                demo: true,
                housekeeping_every: Some(std::time::Duration::from_millis(100)),
                ..Options::default()
            },
        )
        .await;
        let name = app.db.name;
        let session_id = |cookie: &str| cookie.split_once('=').unwrap().1.to_string();
        let expired = app.sign_in_as("Amira Khan", None).await;
        let live = app.sign_in_as("George Walsh", None).await;
        let table = Sessions::open(&app.db).await;
        let now = time::OffsetDateTime::now_utc();
        table
            .set_expiry_of(&session_id(&expired), now - time::Duration::seconds(1))
            .await;
        let now = (time::OffsetDateTime::now_utc().unix_timestamp_nanos() / 1_000_000) as i64;
        for (state, age) in [("abandoned", 11 * MINUTE), ("under-way", 9 * MINUTE)] {
            let attempt = app::server::store::SignInAttempt {
                state: state.into(),
                browser: "browser".into(),
                provider: "nhs-login".into(),
                nonce: "nonce".into(),
                pkce_verifier: "verifier".into(),
                next_path: "/".into(),
                created_at: now - age,
            };
            app.store.begin_sign_in(&attempt).await.unwrap();
        }
        for (token, age) in [
            ("long-over", 12 * 60 * MINUTE + MINUTE),
            ("recent", 11 * 60 * MINUTE),
        ] {
            app.store.end_sign_in(token).await.unwrap();
            let sql = "UPDATE ended_sign_ins SET ended_at = $1 WHERE token = $2";
            table.execute(sql, now - age, token).await;
        }
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        while table.count(SESSION, &session_id(&expired)).await
            + table.count(ENDED, "long-over").await
            > 0
        {
            assert!(
                std::time::Instant::now() < deadline,
                "{name}: nothing was cleared away"
            );
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        // A round has run (the sign-in attempts are cleared in the same round, after the
        // sessions and before the sign-outs).
        assert_eq!(table.count(SESSION, &session_id(&live)).await, 1, "{name}");
        assert_eq!(app.get("/my", Some(&live)).await.status(), 200, "{name}");
        assert_eq!(table.count(ENDED, "recent").await, 1, "{name}");
        assert!(
            app.store.take_sign_in("abandoned").await.unwrap().is_none(),
            "{name}"
        );
        assert!(
            app.store.take_sign_in("under-way").await.unwrap().is_some(),
            "{name}"
        );
    }
}

/// The sessions table, reached directly, in the session store's own forms (its expiry is
/// written and compared as a timestamp, not as a number: a number written here would compare
/// as "expired" whatever its value, and prove nothing).
enum Sessions {
    Sqlite(sqlx::SqlitePool),
    Postgres(sqlx::PgPool),
}

impl Sessions {
    async fn open(db: &crate::support::TestDb) -> Sessions {
        match &db.url {
            hive_server::db::DatabaseUrl::Sqlite(path) => Sessions::Sqlite(
                sqlx::SqlitePool::connect(&format!("sqlite://{}", path.display()))
                    .await
                    .unwrap(),
            ),
            hive_server::db::DatabaseUrl::Postgres(url) => {
                Sessions::Postgres(sqlx::PgPool::connect(url).await.unwrap())
            }
        }
    }

    async fn expiry(&self) -> time::OffsetDateTime {
        let sql = "SELECT expiry_date FROM sessions";
        match self {
            Sessions::Sqlite(p) => sqlx::query_scalar(sql).fetch_one(p).await.unwrap(),
            Sessions::Postgres(p) => sqlx::query_scalar(sql).fetch_one(p).await.unwrap(),
        }
    }

    async fn set_expiry(&self, at: time::OffsetDateTime) {
        let sql = "UPDATE sessions SET expiry_date = $1";
        match self {
            Sessions::Sqlite(p) => {
                sqlx::query(sql).bind(at).execute(p).await.unwrap();
            }
            Sessions::Postgres(p) => {
                sqlx::query(sql).bind(at).execute(p).await.unwrap();
            }
        };
    }

    async fn set_expiry_of(&self, id: &str, at: time::OffsetDateTime) {
        let sql = "UPDATE sessions SET expiry_date = $1 WHERE id = $2";
        match self {
            Sessions::Sqlite(p) => {
                sqlx::query(sql).bind(at).bind(id).execute(p).await.unwrap();
            }
            Sessions::Postgres(p) => {
                sqlx::query(sql).bind(at).bind(id).execute(p).await.unwrap();
            }
        };
    }

    /// Runs `sql` (any table) with a number and a key bound, e.g. to age a row.
    async fn execute(&self, sql: &str, millis: i64, key: &str) {
        match self {
            Sessions::Sqlite(p) => {
                sqlx::query(sql)
                    .bind(millis)
                    .bind(key)
                    .execute(p)
                    .await
                    .unwrap();
            }
            Sessions::Postgres(p) => {
                sqlx::query(sql)
                    .bind(millis)
                    .bind(key)
                    .execute(p)
                    .await
                    .unwrap();
            }
        };
    }

    /// How many rows `sql` (`SELECT COUNT(*) ... WHERE x = $1`) counts for `key`.
    async fn count(&self, sql: &str, key: &str) -> i64 {
        match self {
            Sessions::Sqlite(p) => sqlx::query_scalar(sql)
                .bind(key)
                .fetch_one(p)
                .await
                .unwrap(),
            Sessions::Postgres(p) => sqlx::query_scalar(sql)
                .bind(key)
                .fetch_one(p)
                .await
                .unwrap(),
        }
    }

    /// The (only) session as stored: its data is MessagePack, as the store writes it.
    async fn record(&self) -> tower_sessions::session::Record {
        let data: Vec<u8> = match self {
            Sessions::Sqlite(p) => sqlx::query_scalar("SELECT data FROM sessions")
                .fetch_one(p)
                .await
                .unwrap(),
            Sessions::Postgres(p) => sqlx::query_scalar("SELECT data FROM sessions")
                .fetch_one(p)
                .await
                .unwrap(),
        };
        rmp_serde::from_slice(&data).unwrap()
    }

    /// Rewrites one value in the session's data.
    async fn set_value(&self, key: &str, value: serde_json::Value) {
        let mut record = self.record().await;
        record.data.insert(key.to_string(), value);
        let data = rmp_serde::to_vec(&record).unwrap();
        let sql = "UPDATE sessions SET data = $1";
        match self {
            Sessions::Sqlite(p) => {
                sqlx::query(sql).bind(data).execute(p).await.unwrap();
            }
            Sessions::Postgres(p) => {
                sqlx::query(sql).bind(data).execute(p).await.unwrap();
            }
        };
    }
}

impl Sessions {
    /// A session's row as stored: (data, expiry).
    async fn row(&self, id: &str) -> (Vec<u8>, time::OffsetDateTime) {
        let sql = "SELECT data, expiry_date FROM sessions WHERE id = $1";
        match self {
            Sessions::Sqlite(p) => sqlx::query_as(sql).bind(id).fetch_one(p).await.unwrap(),
            Sessions::Postgres(p) => sqlx::query_as(sql).bind(id).fetch_one(p).await.unwrap(),
        }
    }

    /// Writes a session's row back, as a request still in flight at sign-out would.
    async fn put_back(&self, id: &str, row: (Vec<u8>, time::OffsetDateTime)) {
        let sql = "INSERT INTO sessions (id, data, expiry_date) VALUES ($1, $2, $3)";
        match self {
            Sessions::Sqlite(p) => {
                sqlx::query(sql)
                    .bind(id)
                    .bind(row.0)
                    .bind(row.1)
                    .execute(p)
                    .await
                    .unwrap();
            }
            Sessions::Postgres(p) => {
                sqlx::query(sql)
                    .bind(id)
                    .bind(row.0)
                    .bind(row.1)
                    .execute(p)
                    .await
                    .unwrap();
            }
        }
    }
}

/// The sign-out race: a request of the same session still in flight when the sign-out deletes
/// it saves it again afterwards. Its sign-in was recorded as ended, so it is refused all the
/// same, on both backends; the person's session on another device carries on.
#[tokio::test]
async fn a_session_saved_again_after_sign_out_is_still_over() {
    for db in each_backend().await {
        let app = spawn_app(db, true).await;
        let phone = app.sign_in_as("Amira Khan", None).await;
        let laptop = app.sign_in_as("Amira Khan", None).await;
        assert_eq!(app.get("/my", Some(&phone)).await.status(), 200);
        let sessions = Sessions::open(&app.db).await;
        let id = phone.split_once('=').unwrap().1.to_string();
        let row = sessions.row(&id).await;
        let response = app.post_form("/auth/logout", &[], Some(&phone)).await;
        assert_eq!(response.status(), 303);
        sessions.put_back(&id, row).await;
        assert_eq!(
            app.get("/my", Some(&phone)).await.status(),
            302,
            "{}",
            app.db.name
        );
        assert_eq!(
            app.get("/my", Some(&laptop)).await.status(),
            200,
            "{}",
            app.db.name
        );
    }
}

/// Idle for 30 minutes: the stored expiry is 30 minutes after the last use, a session just
/// inside it is honoured and one just past it is not; on both backends.
#[tokio::test]
async fn a_session_idle_for_thirty_minutes_is_refused_by_the_server() {
    for db in each_backend().await {
        let app = spawn_app(db, true).await;
        let cookie = app.sign_in_as("Amira Khan", None).await;
        assert_eq!(app.get("/my", Some(&cookie)).await.status(), 200);
        let sessions = Sessions::open(&app.db).await;
        let now = time::OffsetDateTime::now_utc();
        let idle = sessions.expiry().await - now;
        assert!(
            (time::Duration::minutes(29)..=time::Duration::minutes(30)).contains(&idle),
            "{}: expires {idle} after the last use",
            app.db.name
        );
        // A minute left: still signed in (and the expiry moves on as it is used).
        sessions.set_expiry(now + time::Duration::minutes(1)).await;
        assert_eq!(
            app.get("/my", Some(&cookie)).await.status(),
            200,
            "{}",
            app.db.name
        );
        // Past it: the browser may still send the cookie; the server must not honour it.
        sessions.set_expiry(now - time::Duration::seconds(1)).await;
        assert_eq!(
            app.get("/my", Some(&cookie)).await.status(),
            302,
            "{}",
            app.db.name
        );
    }
}

/// In use, a session's idle expiry moves on: once a minute has passed since it was last marked
/// used, a page view makes it 30 minutes from now again (at most once a minute, so page views
/// are not each a write: `reading_pages_does_not_write_the_session_back`).
#[tokio::test]
async fn a_session_in_use_has_its_idle_expiry_moved_on() {
    for db in each_backend().await {
        let app = spawn_app(db, true).await;
        let cookie = app.sign_in_as("Amira Khan", None).await;
        let sessions = Sessions::open(&app.db).await;
        let now = time::OffsetDateTime::now_utc();
        sessions
            .set_value(
                "hive.touched_at",
                serde_json::json!(now.unix_timestamp() - 90),
            )
            .await;
        sessions.set_expiry(now + time::Duration::minutes(1)).await;
        assert_eq!(
            app.get("/my", Some(&cookie)).await.status(),
            200,
            "{}",
            app.db.name
        );
        let left = sessions.expiry().await - now;
        assert!(
            (time::Duration::minutes(29)..=time::Duration::minutes(31)).contains(&left),
            "{}: the expiry did not move on ({left} left)",
            app.db.name
        );
    }
}

/// However active, a session signed in 12 hours ago is over; one a minute short of it is not.
#[tokio::test]
async fn a_session_signed_in_twelve_hours_ago_is_over_however_active() {
    for db in each_backend().await {
        let app = spawn_app(db, true).await;
        let cookie = app.sign_in_as("Amira Khan", None).await;
        let sessions = Sessions::open(&app.db).await;
        let now = time::OffsetDateTime::now_utc().unix_timestamp();
        let twelve_hours = 12 * 60 * 60;
        sessions
            .set_value("hive.signed_in_at", (now - twelve_hours + 60).into())
            .await;
        assert_eq!(
            app.get("/my", Some(&cookie)).await.status(),
            200,
            "{}",
            app.db.name
        );
        sessions
            .set_value("hive.signed_in_at", (now - twelve_hours - 1).into())
            .await;
        assert_eq!(
            app.get("/my", Some(&cookie)).await.status(),
            302,
            "{}",
            app.db.name
        );
    }
}

#[tokio::test]
async fn cookies_naming_unknown_sessions_create_nothing() {
    let app = spawn_app(sqlite(), true).await;
    for n in 0..5 {
        let cookie = format!("{SESSION_COOKIE}=AAAAAAAAAAAAAAAAAAAAA{n}");
        assert_eq!(app.get("/healthz", Some(&cookie)).await.status(), 200);
        assert_eq!(app.get("/about/privacy", Some(&cookie)).await.status(), 200);
    }
    let path = app.db.sqlite_path.clone().unwrap();
    let pool = sqlx::SqlitePool::connect(&format!("sqlite://{}", path.display()))
        .await
        .unwrap();
    let rows: i64 = sqlx::query_scalar("SELECT count(*) FROM sessions")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(rows, 0);
}

#[tokio::test]
async fn signing_out_deletes_the_session_so_the_old_cookie_is_worthless() {
    let app = spawn_app(sqlite(), true).await;
    let cookie = app.sign_in_as("Amira Khan", None).await;
    assert!(
        app.get("/my", Some(&cookie))
            .await
            .text()
            .await
            .unwrap()
            .contains("Amira Khan")
    );

    let response = app.post_form("/auth/logout", &[], Some(&cookie)).await;
    assert_eq!(response.status(), 303);
    let removal = set_cookie_header(response.headers()).expect("the cookie is removed");
    assert!(
        removal.contains("Max-Age=0") || removal.contains("Expires="),
        "{removal}"
    );

    let replay = app.get("/my", Some(&cookie)).await;
    assert_eq!(replay.status(), 302);
    let home = app.get("/", Some(&cookie)).await.text().await.unwrap();
    assert!(
        !home.contains("Amira Khan"),
        "still signed in after sign-out"
    );
}

/// Reading pages does not write the session back: only a change does (signing in, a saved
/// form's confirmation, and the idle clock, moved on at most once a minute). Every page takes
/// the last save's confirmation, which is usually not there; taking it used to mark the session
/// changed regardless, so each page view was a database write.
#[tokio::test]
async fn reading_pages_does_not_write_the_session_back() {
    for db in each_backend().await {
        let app = spawn_app(db, true).await;
        let cookie = app.sign_in_as("Amira Khan", None).await;
        let sessions = Sessions::open(&app.db).await;
        // Marked used half a minute ago: within the minute, so not marked again.
        let now = time::OffsetDateTime::now_utc();
        sessions
            .set_value(
                "hive.touched_at",
                serde_json::json!(now.unix_timestamp() - 30),
            )
            .await;
        let marker = (now + time::Duration::minutes(20))
            .replace_nanosecond(0)
            .unwrap();
        sessions.set_expiry(marker).await;
        for path in ["/", "/my", "/my/needs", "/my/goals", "/my/about-me"] {
            assert_eq!(app.get(path, Some(&cookie)).await.status(), 200, "{path}");
        }
        assert_eq!(
            sessions.expiry().await,
            marker,
            "{}: a page view wrote the session",
            app.db.name
        );
    }
}

/// A form refused without JavaScript is kept in the session until its page is loaded again, and
/// the session is read on every request until then: no more of any one field is kept than a
/// page could give back (6,000 characters, counted as characters, not bytes), whether the field
/// is the form's own or one of a list's values, and a field of exactly that length is kept whole.
#[tokio::test]
async fn a_refused_form_keeps_at_most_six_thousand_characters_of_each_field() {
    let app = spawn_app(sqlite(), true).await;
    let olu = app.sign_in_as("Olu Bello", None).await;
    let too_long = "é".repeat(9_000);
    let exactly = "b".repeat(6_000);
    let in_a_list = "s".repeat(7_000);
    let response = app
        .post_page_form(
            "/my/feedback",
            "/api/give-feedback",
            &[
                ("fft", "good"),
                ("publish", "no"),
                ("good", &too_long),
                ("better", &exactly),
                ("statements[]", &in_a_list),
                ("statements[]", "meaningful-communication"),
            ],
            &olu,
        )
        .await;
    assert_eq!(response.status(), 302, "back to the form");
    let values = Sessions::open(&app.db).await.record().await.data;
    let kept: Vec<_> = values
        .iter()
        .filter(|(key, _)| key.starts_with("hive.form."))
        .collect();
    assert_eq!(kept.len(), 1, "{:?}", values.keys());
    let form = &kept[0].1["form"];
    assert_eq!(form["good"], "é".repeat(6_000));
    assert_eq!(form["better"], exactly);
    assert_eq!(
        form["statements"],
        serde_json::json!(["s".repeat(6_000), "meaningful-communication"])
    );
    // The page gives back what was kept, once.
    let page = app
        .get("/my/feedback", Some(&olu))
        .await
        .text()
        .await
        .unwrap();
    assert!(page.contains("There is a problem"));
    assert!(page.contains(&"é".repeat(6_000)));
    assert!(!page.contains(&"é".repeat(6_001)));
    assert!(page.contains(&exactly));
    let again = app
        .get("/my/feedback", Some(&olu))
        .await
        .text()
        .await
        .unwrap();
    assert!(!again.contains("There is a problem"));
    assert!(!again.contains(&exactly));
}

/// "Stay signed in" from the timeout warning: a signed-in session is used (204) and its idle
/// time starts again; without one, 401; from another site, refused like any cross-site post.
#[tokio::test]
async fn staying_signed_in_uses_the_session_and_needs_one() {
    let app = spawn_app(sqlite(), true).await;
    let cookie = app.sign_in_as("Amira Khan", None).await;
    let stay = app.post_form("/auth/still-here", &[], Some(&cookie)).await;
    assert_eq!(stay.status(), 204);
    let nobody = app.post_form("/auth/still-here", &[], None).await;
    assert_eq!(nobody.status(), 401);
    let elsewhere = app
        .client
        .post(app.url("/auth/still-here"))
        .header("origin", "https://evil.example")
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(elsewhere.status(), 403);
    app.post_form("/auth/logout", &[], Some(&cookie)).await;
    let ended = app.post_form("/auth/still-here", &[], Some(&cookie)).await;
    assert_eq!(ended.status(), 401);
}
