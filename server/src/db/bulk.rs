//! Bulk writes for `hive seed --scale`: many rows in few statements, one transaction per batch.
//! Nothing else writes this way: the services go through `Store`, whose every write keeps the
//! record's rules (versions, queue, access log) in one transaction. The scale seed keeps those
//! rules itself and its test checks the result against the store's own queries.

use sqlx::{PgPool, QueryBuilder, SqlitePool};

/// One value of a row, as both backends bind it.
#[derive(Clone, Debug)]
pub enum Val {
    Int(i64),
    MaybeInt(Option<i64>),
    Text(String),
    MaybeText(Option<String>),
    Bool(bool),
}

/// One table's rows: (table, columns, rows).
pub type TableRows<'a> = (&'a str, &'a [&'a str], &'a [Vec<Val>]);

/// A connection pool of either backend, for bulk inserts and simple reads.
#[derive(Clone)]
pub enum BulkPool {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

/// Statements stay under both backends' limit on bound values (SQLite: 32,766).
const MAX_VALUES_PER_STATEMENT: usize = 30_000;

fn head(table: &str, columns: &[&str]) -> String {
    format!("INSERT INTO {table} ({}) ", columns.join(", "))
}

fn per_statement(columns: &[&str]) -> usize {
    (MAX_VALUES_PER_STATEMENT / columns.len().max(1)).max(1)
}

macro_rules! push_rows {
    ($builder:expr, $rows:expr) => {
        $builder.push_values($rows, |mut row, values| {
            for value in values {
                match value {
                    Val::Int(v) => row.push_bind(*v),
                    Val::MaybeInt(v) => row.push_bind(*v),
                    Val::Text(v) => row.push_bind(v.as_str()),
                    Val::MaybeText(v) => row.push_bind(v.as_deref()),
                    Val::Bool(v) => row.push_bind(*v),
                };
            }
        })
    };
}

impl BulkPool {
    /// Inserts every table's rows in one transaction (several statements when there are many):
    /// all of a batch is written, or none of it.
    pub async fn insert_all(&self, tables: &[TableRows<'_>]) -> Result<(), sqlx::Error> {
        match self {
            BulkPool::Sqlite(pool) => {
                let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
                for (table, columns, rows) in tables {
                    for chunk in rows.chunks(per_statement(columns)) {
                        let mut builder = QueryBuilder::<sqlx::Sqlite>::new(head(table, columns));
                        push_rows!(builder, chunk);
                        builder.build().execute(&mut *tx).await?;
                    }
                }
                tx.commit().await?;
            }
            BulkPool::Postgres(pool) => {
                let mut tx = pool.begin().await?;
                for (table, columns, rows) in tables {
                    for chunk in rows.chunks(per_statement(columns)) {
                        let mut builder = QueryBuilder::<sqlx::Postgres>::new(head(table, columns));
                        push_rows!(builder, chunk);
                        builder.build().execute(&mut *tx).await?;
                    }
                }
                tx.commit().await?;
            }
        }
        Ok(())
    }

    /// Rows of two integers (e.g. an id and what it belongs to), in the order the query gives.
    pub async fn pairs(&self, sql: &str) -> Result<Vec<(i64, i64)>, sqlx::Error> {
        match self {
            BulkPool::Sqlite(pool) => sqlx::query_as(sql).fetch_all(pool).await,
            BulkPool::Postgres(pool) => sqlx::query_as(sql).fetch_all(pool).await,
        }
    }

    /// Rows of an integer and a text.
    pub async fn named(&self, sql: &str) -> Result<Vec<(i64, String)>, sqlx::Error> {
        match self {
            BulkPool::Sqlite(pool) => sqlx::query_as(sql).fetch_all(pool).await,
            BulkPool::Postgres(pool) => sqlx::query_as(sql).fetch_all(pool).await,
        }
    }

    /// One integer (a count, a maximum).
    pub async fn number(&self, sql: &str) -> Result<i64, sqlx::Error> {
        let (n,): (Option<i64>,) = match self {
            BulkPool::Sqlite(pool) => sqlx::query_as(sql).fetch_one(pool).await?,
            BulkPool::Postgres(pool) => sqlx::query_as(sql).fetch_one(pool).await?,
        };
        Ok(n.unwrap_or(0))
    }

    /// Runs a statement that returns nothing (ANALYZE after a bulk load).
    pub async fn execute(&self, sql: &str) -> Result<(), sqlx::Error> {
        match self {
            BulkPool::Sqlite(pool) => sqlx::query(sql).execute(pool).await.map(|_| ()),
            BulkPool::Postgres(pool) => sqlx::query(sql).execute(pool).await.map(|_| ()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::per_statement;

    #[test]
    fn a_statement_holds_as_many_rows_as_fit_under_the_bound_values_limit() {
        // Fewer rows per statement is as correct, but the city-size seed's three minutes
        // depend on few, large statements.
        assert_eq!(per_statement(&["column"; 8]), 3_750);
        assert_eq!(per_statement(&["column"; 9]), 3_333);
        assert_eq!(per_statement(&[]), 30_000);
    }
}
