//! The binary refuses bad configuration with one clear line on stderr, a non-zero exit, and no
//! change to anything.

use std::path::Path;
use std::process::{Command, Output};

fn hive(args: &[&str], database_url: &str, dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_hive"))
        .args(args)
        .current_dir(dir)
        .env("HIVE_DATABASE_URL", database_url)
        .env("LEPTOS_SITE_ADDR", "127.0.0.1:0")
        .env("HIVE_LOG", "warn")
        .output()
        .expect("run hive")
}

fn one_line_error(output: &Output) -> String {
    assert!(!output.status.success(), "hive should have failed");
    let stderr = String::from_utf8_lossy(&output.stderr).trim().to_string();
    assert_eq!(
        stderr.lines().count(),
        1,
        "expected one line on stderr, got: {stderr}"
    );
    stderr
}

#[test]
fn an_unsupported_database_scheme_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let err = one_line_error(&hive(
        &["migrate"],
        "mysql://root:pw@localhost/hive",
        dir.path(),
    ));
    assert!(err.contains("'mysql'"), "{err}");
    assert!(
        !err.contains("pw"),
        "the URL's password must not be echoed: {err}"
    );
}

#[test]
fn a_malformed_database_url_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    for url in ["not a url", "sqlite://", "postgres://[::1"] {
        let err = one_line_error(&hive(&["migrate"], url, dir.path()));
        assert!(err.contains("HIVE_DATABASE_URL"), "{url}: {err}");
    }
}

#[test]
fn an_unwritable_data_directory_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    // A regular file where the data directory should be: nobody, not even root, can write there.
    std::fs::write(dir.path().join("data"), "not a directory").unwrap();
    let err = one_line_error(&hive(&["migrate"], "sqlite://data/hive.db", dir.path()));
    assert!(err.contains("data directory"), "{err}");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("data")).unwrap(),
        "not a directory"
    );
}

#[test]
fn a_database_from_a_newer_hive_is_refused_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let url = "sqlite://data/hive.db";
    assert!(hive(&["migrate"], url, dir.path()).status.success());

    let path = dir.path().join("data/hive.db");
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let snapshot = || {
        runtime.block_on(async {
            let pool = sqlx::SqlitePool::connect(&format!("sqlite://{}", path.display()))
                .await
                .unwrap();
            let rows: Vec<(i64, String)> = sqlx::query_as(
                "SELECT version, description FROM _sqlx_migrations ORDER BY version",
            )
            .fetch_all(&pool)
            .await
            .unwrap();
            let tables: Vec<(String,)> =
                sqlx::query_as("SELECT name FROM sqlite_master ORDER BY name")
                    .fetch_all(&pool)
                    .await
                    .unwrap();
            pool.close().await;
            (rows, tables)
        })
    };
    runtime.block_on(async {
        let pool = sqlx::SqlitePool::connect(&format!("sqlite://{}", path.display())).await.unwrap();
        sqlx::query(
            "INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time) \
             VALUES (29991231000000, 'from the future', TRUE, x'00', 1)",
        )
        .execute(&pool)
        .await
        .unwrap();
        pool.close().await;
    });
    let before = snapshot();
    let err = one_line_error(&hive(&["serve"], url, dir.path()));
    assert!(err.contains("newer"), "{err}");
    // Both versions, so an operator can tell which Hive the database needs.
    let known = before
        .0
        .iter()
        .map(|m| m.0)
        .filter(|v| *v != 29991231000000)
        .max();
    assert!(
        err.contains("29991231000000") && err.contains(&format!("({})", known.unwrap())),
        "{err}"
    );
    assert_eq!(snapshot(), before);
}

#[test]
fn demo_mode_refuses_a_non_loopback_address() {
    let dir = tempfile::tempdir().unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_hive"))
        .args(["serve", "--demo"])
        .current_dir(dir.path())
        .env("HIVE_DATABASE_URL", "sqlite://data/hive.db")
        .env("LEPTOS_SITE_ADDR", "0.0.0.0:0")
        .output()
        .unwrap();
    let err = one_line_error(&output);
    assert!(err.contains("loopback"), "{err}");
    assert!(
        !dir.path().join("data").exists(),
        "nothing should have been created"
    );
}

#[test]
fn migrate_and_seed_work_and_seeding_again_adds_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let url = "sqlite://data/hive.db";
    let first = hive(&["seed", "--demo"], url, dir.path());
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    // Places and people (67), postcode districts (19), Amira's record (15) and the four parts
    // she shares (4), George's carer (7); the team's messages and proposal (5), and 14
    // neighbours who share their answers (14 people, 69 answers, 14 shares); seven pieces of
    // feedback, four published, two public responses, a report and a private reply (15);
    // 63 staff directory entries waiting for their first sign-in: three, and five in each of
    // the 12 teams (63).
    let said = String::from_utf8_lossy(&first.stdout);
    assert!(said.contains("557 rows added"), "{said}");
    let again = hive(&["seed", "--demo"], url, dir.path());
    assert!(String::from_utf8_lossy(&again.stdout).contains("0 rows added"));
}

/// `hive seed --scale` as `make bench` runs it: the sizes given on the command line are the
/// sizes written, it says what it is doing as it goes, and its closing line adds up the rows it
/// lists table by table. A second run is refused in one line and writes nothing.
#[test]
fn the_city_seed_writes_the_sizes_asked_for_and_adds_up_what_it_wrote() {
    let dir = tempfile::tempdir().unwrap();
    let url = "sqlite://data/hive.db";
    let args = [
        "seed",
        "--scale",
        "--residents",
        "400",
        "--goal-versions",
        "700",
        "--feedback",
        "305",
        "--staff-per-team",
        "3",
        "--sharing-percent",
        "25",
        "--seed",
        "11",
    ];
    let first = hive(&args, url, dir.path());
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    let said = String::from_utf8_lossy(&first.stdout);
    for line in [
        "400 residents, 25 % sharing, ~700 goal versions, 305 feedback answers (seed 11)",
        "hive: staff: 48 in 12 teams",
        "hive: residents: 400 (",
        "hive: feedback: 305 of 305 (",
    ] {
        assert!(said.contains(line), "{line:?} in {said}");
    }
    assert!(said.contains(" goal versions ("), "{said}");
    let tables: std::collections::BTreeMap<&str, u64> = said
        .lines()
        .filter_map(|l| l.strip_prefix("hive:   "))
        .filter_map(|l| {
            let mut words = l.split_whitespace();
            Some((words.next()?, words.next()?.parse().ok()?))
        })
        .collect();
    // 12 teams of 3 and 12 engagement officers, then the residents.
    assert_eq!(tables.get("people"), Some(&(36 + 12 + 400)), "{said}");
    assert_eq!(tables.get("feedback"), Some(&305), "{said}");
    let sharers = tables.get("team_queue").copied().unwrap_or(0);
    assert!((50..=150).contains(&sharers), "{said}");
    assert_eq!(
        tables.keys().copied().collect::<Vec<_>>(),
        [
            "access_log",
            "acknowledgements",
            "consent_events",
            "feedback",
            "people",
            "record_versions",
            "shares",
            "team_queue"
        ],
        "{said}"
    );
    assert!(tables.values().all(|rows| *rows > 0), "{said}");
    // Progress every tenth and at the end: the records (a line for each tenth, and one more
    // for the last when a tenth does not divide them), then the feedback (305: 11 lines).
    let progress = |what: &str| said.lines().filter(|l| l.starts_with(what)).count() as u64;
    let tenth = sharers / 10;
    assert_eq!(
        (progress("hive: records: "), progress("hive: feedback: ")),
        (sharers / tenth + u64::from(sharers % tenth != 0), 11),
        "{said}"
    );
    assert!(
        said.contains(&format!(
            "hive: records: {sharers} of {sharers} residents, 700 goal versions ("
        )),
        "{said}"
    );
    let total: u64 = tables.values().sum();
    assert!(
        said.contains(&format!("city-scale data seeded: {total} rows in ")),
        "{total} in {said}"
    );

    let again = hive(&args, url, dir.path());
    let err = one_line_error(&again);
    assert!(err.contains("new database"), "{err}");
    assert!(
        !String::from_utf8_lossy(&again.stdout).contains("seeded:"),
        "{}",
        String::from_utf8_lossy(&again.stdout)
    );
}

/// The real binary, started as a user would, answers when the first request it gets is for a
/// page (Leptos' task executor is set up at start, not on the first server-function call).
#[test]
fn a_fresh_server_answers_its_first_page_request() {
    let dir = tempfile::tempdir().unwrap();
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut child = Command::new(env!("CARGO_BIN_EXE_hive"))
        .args(["serve", "--demo"])
        .current_dir(dir.path())
        .env("HIVE_DATABASE_URL", "sqlite://data/hive.db")
        .env("LEPTOS_SITE_ADDR", format!("127.0.0.1:{port}"))
        .env("HIVE_LOG", "warn")
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let result = runtime.block_on(async {
        let client = reqwest::Client::builder()
            .timeout(std::time::Duration::from_secs(10))
            .build()
            .unwrap();
        let mut last_error = None;
        for _ in 0..100 {
            match client
                .get(format!("http://127.0.0.1:{port}/about/privacy"))
                .send()
                .await
            {
                Ok(response) => return Ok(response.status()),
                Err(err) if err.is_connect() => {
                    last_error = Some(err);
                    tokio::time::sleep(std::time::Duration::from_millis(100)).await;
                }
                Err(err) => return Err(err),
            }
        }
        Err(last_error.unwrap())
    });
    let _ = child.kill();
    let _ = child.wait();
    assert_eq!(
        result.expect("the first page request should be answered"),
        200
    );
}

#[test]
fn a_malformed_configuration_file_is_refused_with_its_name() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("hive.toml"),
        "public_url = \"https://x\"\nsecret_sauce = 1\n",
    )
    .unwrap();
    let err = one_line_error(&hive(&["migrate"], "sqlite://data/hive.db", dir.path()));
    assert!(
        err.contains("hive.toml") && err.contains("secret_sauce"),
        "{err}"
    );
    assert!(
        !dir.path().join("data").exists(),
        "nothing should have been created"
    );
}

#[test]
fn a_configuration_file_named_in_hive_config_must_exist() {
    let dir = tempfile::tempdir().unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_hive"))
        .arg("migrate")
        .current_dir(dir.path())
        .env("HIVE_CONFIG", dir.path().join("missing.toml"))
        .env("HIVE_DATABASE_URL", "sqlite://data/hive.db")
        .output()
        .unwrap();
    let err = one_line_error(&output);
    assert!(err.contains("missing.toml"), "{err}");
}

#[test]
fn hive_admin_add_puts_a_pending_administrator_in_the_directory_once() {
    let dir = tempfile::tempdir().unwrap();
    let url = "sqlite://data/hive.db";
    let args = [
        "admin",
        "add",
        "--email",
        "First.Admin@NHS.example",
        "--name",
        "Ruth Adeyemi",
    ];
    let first = hive(&args, url, dir.path());
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    assert!(String::from_utf8_lossy(&first.stdout).contains("added an administrator"));
    let again = hive(&args, url, dir.path());
    assert!(again.status.success());
    assert!(String::from_utf8_lossy(&again.stdout).contains("already in the directory"));

    let runtime = tokio::runtime::Runtime::new().unwrap();
    let entries = runtime.block_on(async {
        let path = dir.path().join("data/hive.db");
        let store = hive_server::db::open(&hive_server::db::DatabaseUrl::Sqlite(path))
            .await
            .unwrap()
            .store;
        store.staff_directory().await.unwrap()
    });
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0].email, "first.admin@nhs.example");
    assert_eq!(entries[0].role, app::domain::role::Role::Admin);

    let bad = hive(
        &["admin", "add", "--email", "not-an-email", "--name", "X"],
        url,
        dir.path(),
    );
    assert!(one_line_error(&bad).contains("Enter an email address in the correct format"));
}

/// Demo sign-in lets anyone be anyone: it is refused on a database real people have signed in
/// to (an identity at an issuer other than the demo's), and the database is left alone.
#[tokio::test]
async fn demo_mode_refuses_a_database_real_people_signed_in_to() {
    let dir = tempfile::tempdir().unwrap();
    let url = "sqlite://data/hive.db";
    let seeded = hive(&["seed", "--demo"], url, dir.path());
    assert!(
        seeded.status.success(),
        "{}",
        String::from_utf8_lossy(&seeded.stderr)
    );
    let path = dir.path().join("data").join("hive.db");
    let pool = sqlx::SqlitePool::connect(&format!("sqlite://{}", path.display()))
        .await
        .unwrap();
    let count = |pool: sqlx::SqlitePool| async move {
        let n: i64 = sqlx::query_scalar("SELECT count(*) FROM people")
            .fetch_one(&pool)
            .await
            .unwrap();
        n
    };
    // The demo's own neighbours have identities at the demo's issuer: still a demo database.
    let demo = hive_with_timeout(&["serve", "--demo"], url, dir.path());
    assert!(
        demo.is_none(),
        "a demo database must start in demo mode: {demo:?}"
    );
    sqlx::query(
        "INSERT INTO identities (person_id, issuer, subject, identity_level, created_at, last_sign_in_at) \
         SELECT min(id), 'https://login.example.org', 'someone', 'P9', 0, 0 FROM people",
    )
    .execute(&pool)
    .await
    .unwrap();
    let before = count(pool.clone()).await;
    let output = hive(&["serve", "--demo"], url, dir.path());
    let err = one_line_error(&output);
    assert!(err.contains("demo mode refuses this database"), "{err}");
    assert_eq!(count(pool.clone()).await, before, "nothing was added");
}

/// Runs hive for a moment: `Some(output)` if it exited by itself within two seconds, `None`
/// if it was still running (and was stopped).
fn hive_with_timeout(args: &[&str], database_url: &str, dir: &Path) -> Option<Output> {
    let mut child = Command::new(env!("CARGO_BIN_EXE_hive"))
        .args(args)
        .current_dir(dir)
        .env("HIVE_DATABASE_URL", database_url)
        .env("LEPTOS_SITE_ADDR", "127.0.0.1:0")
        .env("HIVE_LOG", "warn")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run hive");
    for _ in 0..20 {
        std::thread::sleep(std::time::Duration::from_millis(100));
        if child.try_wait().expect("wait").is_some() {
            return Some(child.wait_with_output().expect("output"));
        }
    }
    let _ = child.kill();
    let _ = child.wait();
    None
}
