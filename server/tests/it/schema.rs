//! The two migration sets must describe the same schema.

use crate::support::{open_store, postgres, sqlite};
use std::collections::BTreeSet;
use std::path::Path;

fn migration_names(backend: &str) -> BTreeSet<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("migrations")
        .join(backend);
    std::fs::read_dir(dir)
        .expect("migrations folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect()
}

#[test]
fn every_migration_exists_for_both_backends() {
    assert_eq!(migration_names("sqlite"), migration_names("postgres"));
}

type Schema = (BTreeSet<String>, BTreeSet<String>);

/// (table.column nullability, index name) for SQLite.
async fn sqlite_schema(pool: &sqlx::SqlitePool) -> Schema {
    let columns: Vec<(String, String, i64)> = sqlx::query_as(
        "SELECT m.name, p.name, p.\"notnull\" + p.pk FROM sqlite_master m \
         JOIN pragma_table_info(m.name) p \
         WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name <> '_sqlx_migrations'",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    let indexes: Vec<(String,)> =
        sqlx::query_as("SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL")
            .fetch_all(pool)
            .await
            .unwrap();
    (
        columns
            .into_iter()
            .map(|(t, c, not_null)| {
                format!("{t}.{c} {}", if not_null > 0 { "not null" } else { "null" })
            })
            .collect(),
        indexes.into_iter().map(|(i,)| i).collect(),
    )
}

async fn postgres_schema(pool: &sqlx::PgPool) -> Schema {
    let columns: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT table_name::text, column_name::text, is_nullable::text \
         FROM information_schema.columns \
         WHERE table_schema = current_schema() AND table_name <> '_sqlx_migrations'",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    let indexes: Vec<(String,)> = sqlx::query_as(
        "SELECT indexname::text FROM pg_indexes WHERE schemaname = current_schema() \
         AND indexname NOT LIKE '%_pkey' AND indexname NOT LIKE '%_key'",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    (
        columns
            .into_iter()
            .map(|(t, c, nullable)| {
                format!(
                    "{t}.{c} {}",
                    if nullable == "NO" { "not null" } else { "null" }
                )
            })
            .collect(),
        indexes.into_iter().map(|(i,)| i).collect(),
    )
}

#[tokio::test]
async fn sqlite_and_postgres_have_the_same_tables_columns_and_indexes() {
    let Some(pg) = postgres().await else {
        eprintln!("schema drift: TEST_DATABASE_URL not set, PostgreSQL side skipped");
        return;
    };
    let lite = sqlite();
    open_store(&lite).await;
    open_store(&pg).await;
    let hive_server::db::DatabaseUrl::Sqlite(path) = &lite.url else {
        unreachable!()
    };
    let lite_pool = sqlx::SqlitePool::connect(&format!("sqlite://{}", path.display()))
        .await
        .unwrap();
    let hive_server::db::DatabaseUrl::Postgres(url) = &pg.url else {
        unreachable!()
    };
    let pg_pool = sqlx::PgPool::connect(url).await.unwrap();

    let (lite_columns, lite_indexes) = sqlite_schema(&lite_pool).await;
    let (pg_columns, pg_indexes) = postgres_schema(&pg_pool).await;
    assert!(
        lite_columns.contains("people.role not null"),
        "{lite_columns:?}"
    );
    assert_eq!(lite_columns, pg_columns);
    assert_eq!(lite_indexes, pg_indexes);
}
