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

/// A schema as a set of facts that must hold on both backends: `table.column type null|not
/// null`, named indexes, `unique table(columns)` and `fk table.column -> table.column`.
type Schema = BTreeSet<String>;

/// Type families both backends agree on. The sessions' expiry is stored as each backend's
/// session store wants it (INTEGER seconds in SQLite, TIMESTAMPTZ in PostgreSQL).
fn family(table: &str, column: &str, declared: &str) -> &'static str {
    match (table, column) {
        ("sessions", "expiry_date") => "session-expiry",
        _ => match declared.to_lowercase().as_str() {
            "integer" | "bigint" => "integer",
            "text" => "text",
            "boolean" => "boolean",
            "blob" | "bytea" => "bytes",
            _ => "unknown",
        },
    }
}

/// The facts both backends are compared on, from each one's own catalogue rows.
fn column_fact(table: &str, column: &str, declared: &str, not_null: bool) -> String {
    let null = if not_null { "not null" } else { "null" };
    format!(
        "{table}.{column} {} {null}",
        family(table, column, declared)
    )
}

fn unique_facts(rows: Vec<(String, String)>) -> impl Iterator<Item = String> {
    rows.into_iter()
        .map(|(t, cols)| format!("unique {t}({cols})"))
}

fn foreign_key_facts(rows: Vec<(String, String, String, String)>) -> impl Iterator<Item = String> {
    rows.into_iter()
        .map(|(t, c, rt, rc)| format!("fk {t}.{c} -> {rt}.{rc}"))
}

fn index_facts(rows: Vec<(String,)>) -> impl Iterator<Item = String> {
    rows.into_iter().map(|(i,)| format!("index {i}"))
}

async fn sqlite_schema(pool: &sqlx::SqlitePool) -> Schema {
    let mut facts = Schema::new();
    let tables = "SELECT name FROM sqlite_master WHERE type = 'table' \
                  AND name NOT LIKE 'sqlite_%' AND name <> '_sqlx_migrations'";
    let columns: Vec<(String, String, String, i64)> = sqlx::query_as(&format!(
        "SELECT t.name, p.name, p.type, p.\"notnull\" + p.pk FROM ({tables}) t \
         JOIN pragma_table_info(t.name) p"
    ))
    .fetch_all(pool)
    .await
    .unwrap();
    facts.extend(
        columns
            .iter()
            .map(|(t, c, ty, not_null)| column_fact(t, c, ty, *not_null > 0)),
    );
    let indexes: Vec<(String,)> =
        sqlx::query_as("SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL")
            .fetch_all(pool)
            .await
            .unwrap();
    facts.extend(index_facts(indexes));
    let unique: Vec<(String, String)> = sqlx::query_as(&format!(
        "SELECT t.name, (SELECT group_concat(name, ',') FROM \
             (SELECT ii.name FROM pragma_index_info(il.name) ii ORDER BY ii.seqno)) \
         FROM ({tables}) t JOIN pragma_index_list(t.name) il \
         WHERE il.\"unique\" = 1 AND il.origin <> 'pk'"
    ))
    .fetch_all(pool)
    .await
    .unwrap();
    facts.extend(unique_facts(unique));
    let foreign: Vec<(String, String, String, String)> = sqlx::query_as(&format!(
        "SELECT t.name, f.\"from\", f.\"table\", f.\"to\" FROM ({tables}) t \
         JOIN pragma_foreign_key_list(t.name) f"
    ))
    .fetch_all(pool)
    .await
    .unwrap();
    facts.extend(foreign_key_facts(foreign));
    facts
}

async fn postgres_schema(pool: &sqlx::PgPool) -> Schema {
    let mut facts = Schema::new();
    let columns: Vec<(String, String, String, String)> = sqlx::query_as(
        "SELECT table_name::text, column_name::text, data_type::text, is_nullable::text \
         FROM information_schema.columns \
         WHERE table_schema = current_schema() AND table_name <> '_sqlx_migrations'",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    facts.extend(
        columns
            .iter()
            .map(|(t, c, ty, nullable)| column_fact(t, c, ty, nullable == "NO")),
    );
    let indexes: Vec<(String,)> = sqlx::query_as(
        "SELECT indexname::text FROM pg_indexes WHERE schemaname = current_schema() \
         AND indexname NOT LIKE '%_pkey' AND indexname NOT LIKE '%_key'",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    facts.extend(index_facts(indexes));
    let unique: Vec<(String, String)> = sqlx::query_as(
        "SELECT t.relname::text, string_agg(a.attname::text, ',' ORDER BY k.ord) \
         FROM pg_index i \
         JOIN pg_class t ON t.oid = i.indrelid \
         JOIN pg_namespace n ON n.oid = t.relnamespace \
         CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord) \
         JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum \
         WHERE n.nspname = current_schema() AND i.indisunique AND NOT i.indisprimary \
           AND t.relname <> '_sqlx_migrations' \
         GROUP BY t.relname, i.indexrelid",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    facts.extend(unique_facts(unique));
    let foreign: Vec<(String, String, String, String)> = sqlx::query_as(
        "SELECT cl.relname::text, a.attname::text, rcl.relname::text, ra.attname::text \
         FROM pg_constraint c \
         JOIN pg_class cl ON cl.oid = c.conrelid \
         JOIN pg_namespace n ON n.oid = cl.relnamespace \
         JOIN pg_class rcl ON rcl.oid = c.confrelid \
         JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1] \
         JOIN pg_attribute ra ON ra.attrelid = c.confrelid AND ra.attnum = c.confkey[1] \
         WHERE c.contype = 'f' AND n.nspname = current_schema()",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    facts.extend(foreign_key_facts(foreign));
    facts
}

#[tokio::test]
async fn sqlite_and_postgres_have_the_same_tables_columns_constraints_and_indexes() {
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

    let lite = sqlite_schema(&lite_pool).await;
    let pg = postgres_schema(&pg_pool).await;
    // The comparison sees what it must: columns with types, uniqueness and references.
    for fact in [
        "people.role text not null",
        "unique teams(neighbourhood_id)",
        "fk people.team_id -> teams.id",
        "index wards_neighbourhood_idx",
    ] {
        assert!(lite.contains(fact), "SQLite lacks {fact}: {lite:#?}");
    }
    assert!(!lite.iter().any(|f| f.contains("unknown")), "{lite:#?}");
    let only_sqlite: Vec<_> = lite.difference(&pg).collect();
    let only_postgres: Vec<_> = pg.difference(&lite).collect();
    assert!(
        only_sqlite.is_empty() && only_postgres.is_empty(),
        "only in SQLite: {only_sqlite:#?}\nonly in PostgreSQL: {only_postgres:#?}"
    );
}

/// SQLite is built without STAT4 (`.cargo/config.toml`): with it, once ANALYZE has run, a query
/// whose plan consulted the samples is compiled again each time its bound values change, which
/// for Hive's lookups by id is every request (13 % of the server's time on the resident's home).
#[tokio::test]
async fn sqlite_keeps_no_stat4_samples_so_statements_are_prepared_once() {
    let lite = sqlite();
    open_store(&lite).await;
    let hive_server::db::DatabaseUrl::Sqlite(path) = &lite.url else {
        unreachable!()
    };
    let pool = sqlx::SqlitePool::connect(&format!("sqlite://{}", path.display()))
        .await
        .unwrap();
    let options: Vec<String> = sqlx::query_scalar("PRAGMA compile_options")
        .fetch_all(&pool)
        .await
        .unwrap();
    assert!(
        options.iter().any(|o| o.starts_with("THREADSAFE")),
        "{options:?}"
    );
    assert!(!options.iter().any(|o| o == "ENABLE_STAT4"), "{options:?}");
    sqlx::query("ANALYZE").execute(&pool).await.unwrap();
    let stat_tables: Vec<String> = sqlx::query_scalar(
        "SELECT name FROM sqlite_master WHERE name LIKE 'sqlite_stat%' ORDER BY name",
    )
    .fetch_all(&pool)
    .await
    .unwrap();
    assert_eq!(stat_tables, vec!["sqlite_stat1".to_string()]);
}

/// The staff queue's counts and its oldest unread change come from indexes alone: when the
/// oldest was one more aggregate over the rows, SQLite read each of a team's thousands of rows
/// from the table again, 3-4 ms of the queue page at city size.
#[tokio::test]
async fn the_queue_counts_are_read_from_an_index_alone() {
    let lite = sqlite();
    open_store(&lite).await;
    let hive_server::db::DatabaseUrl::Sqlite(path) = &lite.url else {
        unreachable!()
    };
    let pool = sqlx::SqlitePool::connect(&format!("sqlite://{}", path.display()))
        .await
        .unwrap();
    let plan: Vec<(i64, i64, i64, String)> = sqlx::query_as(&format!(
        "EXPLAIN QUERY PLAN {}",
        hive_server::db::QUEUE_COUNTS
    ))
    .bind(1_i64)
    .fetch_all(&pool)
    .await
    .unwrap();
    let steps: Vec<&str> = plan.iter().map(|(_, _, _, step)| step.as_str()).collect();
    assert_eq!(
        steps,
        [
            "SEARCH team_queue USING COVERING INDEX team_queue_counts_idx (neighbourhood_id=?)",
            "SCALAR SUBQUERY 1",
            "SEARCH u USING COVERING INDEX team_queue_unacknowledged_idx \
             (neighbourhood_id=? AND unacknowledged=?)",
        ]
    );
}

/// A page of stories, or of feedback kept for the service, filtered by neighbourhood or by
/// service, walks that filter's index down from the newest row, already in order: with
/// `(status, id)` alone a team lead's page read past the other neighbourhoods' rows (most of
/// two million at city size).
#[tokio::test]
async fn a_page_of_feedback_walks_its_filters_index() {
    use app::domain::ids::NeighbourhoodId;
    use app::server::store::StoryQuery;
    let lite = sqlite();
    open_store(&lite).await;
    let hive_server::db::DatabaseUrl::Sqlite(path) = &lite.url else {
        unreachable!()
    };
    let pool = sqlx::SqlitePool::connect(&format!("sqlite://{}", path.display()))
        .await
        .unwrap();
    for (query, index) in [
        (
            StoryQuery {
                private: true,
                neighbourhood: Some(NeighbourhoodId(1)),
                limit: 11,
                ..StoryQuery::default()
            },
            "feedback_status_neighbourhood_idx (status=? AND neighbourhood_id=?",
        ),
        (
            StoryQuery {
                private: true,
                neighbourhood: Some(NeighbourhoodId(1)),
                before: Some(1_000),
                limit: 11,
                ..StoryQuery::default()
            },
            "feedback_status_neighbourhood_idx (status=? AND neighbourhood_id=? AND id<?)",
        ),
        (
            StoryQuery {
                service: Some(2),
                limit: 11,
                ..StoryQuery::default()
            },
            "feedback_status_service_idx (status=? AND service_id=?",
        ),
        // Only those not yet answered: the same walk, each row probing its responses.
        (
            StoryQuery {
                private: true,
                neighbourhood: Some(NeighbourhoodId(1)),
                limit: 11,
                unanswered: true,
                ..StoryQuery::default()
            },
            "feedback_status_neighbourhood_idx (status=? AND neighbourhood_id=?",
        ),
    ] {
        let plan: Vec<(i64, i64, i64, String)> = sqlx::query_as(&format!(
            "EXPLAIN QUERY PLAN {}",
            hive_server::db::stories_sql(&query)
        ))
        .bind(query.neighbourhood.map_or(0, |n| n.0))
        .bind(query.service.unwrap_or(0))
        .bind(query.before.unwrap_or(0))
        .bind(query.limit)
        .fetch_all(&pool)
        .await
        .unwrap();
        let steps: Vec<&str> = plan.iter().map(|(_, _, _, step)| step.as_str()).collect();
        assert!(
            steps[0].starts_with("SEARCH f USING INDEX ") && steps[0].contains(index),
            "{query:?}: {steps:?}"
        );
        assert!(
            !steps.iter().any(|s| s.contains("TEMP B-TREE")),
            "{query:?}: {steps:?}"
        );
        if query.unanswered {
            assert!(
                steps.iter().any(|s| s.contains(
                    "SEARCH r USING COVERING INDEX feedback_responses_feedback_idx (feedback_id=?)"
                )),
                "{query:?}: {steps:?}"
            );
        }
    }
}
