//! Upgrading a database written by an earlier Hive. About Me used to be kept in its own table
//! (`about_me_versions`); it is now a record part like the rest (`record_versions`, kind
//! `about-me`). Every version must arrive with its number, text, helper, author, resident and
//! time, and the next save must carry on from the last version.

use crate::support::{TestDb, open_store, postgres, sqlite};
use app::domain::about_me::{SectionBody, Supporter};
use app::domain::ids::PersonId;
use app::domain::record::PartKind;
use app::server::Store;
use std::path::Path;

/// One About Me version as the earlier release stored it.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
struct OldVersion {
    resident_id: i64,
    section: String,
    version: i64,
    body: String,
    supported_by_name: Option<String>,
    supported_by_relationship: Option<String>,
    author_id: i64,
    acting_for_id: i64,
    created_at: i64,
}

const OLD_SELECT: &str = "SELECT resident_id, section, version, body, supported_by_name, \
    supported_by_relationship, author_id, acting_for_id, created_at \
    FROM about_me_versions ORDER BY id";

/// A SQLite file written by the release before record parts (`hive seed --demo`, then
/// checkpointed): three residents' About Me, one section written with a helper.
const FIXTURE: &str = "tests/fixtures/record-before-parts.db";

/// Checks every old version through the store, and that numbering carries on.
async fn assert_moved(store: &dyn Store, old: &[OldVersion], backend: &str) {
    assert!(!old.is_empty());
    for row in old {
        let resident = PersonId(row.resident_id);
        let history = store
            .record_history(resident, PartKind::AboutMe, &row.section)
            .await
            .unwrap();
        let moved = history
            .iter()
            .find(|v| v.version == row.version)
            .unwrap_or_else(|| panic!("{backend}: {} v{} is missing", row.section, row.version));
        let body: SectionBody = serde_json::from_str(&moved.body).unwrap();
        let helper = match (&row.supported_by_name, &row.supported_by_relationship) {
            (Some(name), Some(relationship)) => Some(Supporter {
                name: name.clone(),
                relationship: relationship.clone(),
            }),
            _ => None,
        };
        assert!(
            body.text == row.body && body.supported_by == helper,
            "{backend}: {row:?}"
        );
        assert_eq!(
            (moved.author.0, moved.acting_for.0, moved.created_at),
            (row.author_id, row.acting_for_id, row.created_at),
            "{backend}: {} v{}",
            row.section,
            row.version
        );
    }
    let mut residents: Vec<i64> = old.iter().map(|r| r.resident_id).collect();
    residents.sort_unstable();
    residents.dedup();
    let mut count = 0;
    for resident in residents {
        let all = store
            .record_all(PersonId(resident), PartKind::AboutMe)
            .await;
        count += all.unwrap().len();
    }
    assert_eq!(count, old.len(), "{backend}: no version added or lost");
    let last = old.iter().max_by_key(|r| r.version).unwrap();
    let body = r#"{"text":"Later","supported_by":null}"#;
    let resident = PersonId(last.resident_id);
    let next = store
        .save_record(
            resident,
            resident,
            PartKind::AboutMe,
            &last.section,
            Some(last.version),
            body,
            None,
        )
        .await
        .unwrap();
    assert_eq!(next, last.version + 1, "{backend}: numbering carries on");
}

#[tokio::test]
async fn a_sqlite_file_from_the_earlier_release_opens_with_every_about_me_version_intact() {
    let db = sqlite();
    let path = db.sqlite_path.clone().unwrap();
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::copy(Path::new(env!("CARGO_MANIFEST_DIR")).join(FIXTURE), &path).unwrap();
    let old: Vec<OldVersion> = {
        let pool = sqlx::SqlitePool::connect(&format!("sqlite://{}", path.display()))
            .await
            .unwrap();
        let rows = sqlx::query_as(OLD_SELECT).fetch_all(&pool).await.unwrap();
        pool.close().await;
        rows
    };
    assert!(old.iter().any(|r| r.supported_by_name.is_some()));
    let store = open_store(&db).await;
    assert_moved(store.as_ref(), &old, "sqlite").await;
}

/// PostgreSQL has no file to keep: its earlier schema is made by the earlier migrations, and
/// rows like the release's are written into it.
#[tokio::test]
async fn a_postgres_database_at_the_earlier_schema_upgrades_with_every_about_me_version_intact() {
    let Some(db) = postgres().await else {
        return;
    };
    let old = write_earlier_postgres(&db).await;
    let store = open_store(&db).await;
    assert_moved(store.as_ref(), &old, "postgres").await;
}

async fn write_earlier_postgres(db: &TestDb) -> Vec<OldVersion> {
    let hive_server::db::DatabaseUrl::Postgres(url) = &db.url else {
        unreachable!()
    };
    let pool = sqlx::PgPool::connect(url).await.unwrap();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations/postgres");
    let mut earlier = sqlx::migrate::Migrator::new(dir).await.unwrap();
    earlier.migrations = earlier
        .migrations
        .iter()
        .filter(|m| m.version < 20261130000004)
        .cloned()
        .collect::<Vec<_>>()
        .into();
    assert_eq!(earlier.migrations.len(), 3);
    earlier.run(&pool).await.unwrap();
    for (name, role) in [("Amira Khan", "resident"), ("Nadia Khan", "resident")] {
        sqlx::query(
            "INSERT INTO people (display_name, role, active, created_at) VALUES ($1, $2, TRUE, 1)",
        )
        .bind(name)
        .bind(role)
        .execute(&pool)
        .await
        .unwrap();
    }
    let ids: Vec<i64> = sqlx::query_scalar("SELECT id FROM people ORDER BY id")
        .fetch_all(&pool)
        .await
        .unwrap();
    let (amira, nadia) = (ids[0], ids[1]);
    let rows = [
        (
            amira,
            "wellness",
            1,
            "Walking helps.\n\"Stairs\" are hard.",
            None,
            amira,
            1_796_000_000_000_i64,
        ),
        (
            amira,
            "wellness",
            2,
            "Walking helps.",
            Some(("Nadia Khan", "daughter")),
            nadia,
            1_796_000_100_000,
        ),
        (
            amira,
            "support",
            1,
            "Help in the morning.",
            None,
            amira,
            1_796_000_200_000,
        ),
        (
            nadia,
            "most-important",
            1,
            "My garden.",
            None,
            nadia,
            1_777_000_000_000,
        ),
    ];
    for (resident, section, version, body, helper, author, at) in rows {
        sqlx::query(
            "INSERT INTO about_me_versions (resident_id, section, version, body, \
                 supported_by_name, supported_by_relationship, author_id, acting_for_id, \
                 created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(resident)
        .bind(section)
        .bind(version)
        .bind(body)
        .bind(helper.map(|h: (&str, &str)| h.0))
        .bind(helper.map(|h: (&str, &str)| h.1))
        .bind(author)
        .bind(resident)
        .bind(at)
        .execute(&pool)
        .await
        .unwrap();
    }
    let old = sqlx::query_as(OLD_SELECT).fetch_all(&pool).await.unwrap();
    pool.close().await;
    old
}
