//! The team's queue: `team_queue`, one row per resident who shares something, refreshed by
//! `refresh_queue` inside every transaction that can change it (a save, a change of sharing, a
//! move). Shared by both backends through `impl_review_store!` (see `super`).

/// Puts the resident's queue row right: removed if they share nothing or have no home ward,
/// otherwise their neighbourhood, when a shared part last changed (or sharing began) and
/// whether they have recorded communication needs. Bind the resident as `$1`.
pub const REFRESH_DELETE: &str = "DELETE FROM team_queue WHERE resident_id = $1";
pub const REFRESH_INSERT: &str = "INSERT INTO team_queue \
        (resident_id, neighbourhood_id, last_change_at, has_needs) \
    SELECT p.id, w.neighbourhood_id, \
        coalesce((SELECT max(v.created_at) FROM record_versions v JOIN shares s2 \
                    ON s2.resident_id = v.resident_id \
                   AND (s2.scope = 'needs' AND v.kind = 'needs' \
                        OR s2.scope = 'goals' AND v.kind IN ('goal', 'goal-note') \
                        OR s2.scope = 'statements' AND v.kind = 'statement' \
                        OR v.kind = 'about-me' AND s2.scope = 'about-me:' || v.item_key) \
                  WHERE v.resident_id = p.id), \
                 (SELECT min(s3.shared_at) FROM shares s3 WHERE s3.resident_id = p.id)), \
        EXISTS (SELECT 1 FROM record_versions n WHERE n.resident_id = p.id AND n.kind = 'needs') \
    FROM people p JOIN wards w ON w.id = p.home_ward_id \
    WHERE p.id = $1 AND EXISTS (SELECT 1 FROM shares s WHERE s.resident_id = p.id)";

/// Queue rows with the resident's name and ward (append a WHERE and ORDER BY).
pub const QUEUE_SELECT: &str = "SELECT q.resident_id, p.display_name, w.name, q.last_change_at, \
        q.has_needs \
     FROM team_queue q JOIN people p ON p.id = q.resident_id \
     JOIN wards w ON w.id = p.home_ward_id";

pub type QueueSqlRow = (i64, String, String, i64, bool);

pub fn queue_row(row: QueueSqlRow) -> app::server::store::QueueRow {
    app::server::store::QueueRow {
        resident: app::domain::ids::PersonId(row.0),
        name: row.1,
        ward: row.2,
        last_change_at: row.3,
        has_needs: row.4,
    }
}

macro_rules! impl_review_store {
    ($store:ty, $db:ty) => {
        #[async_trait::async_trait]
        impl app::server::store::ReviewStore for $store {
            #[tracing::instrument(skip_all)]
            async fn team_queue(
                &self,
                neighbourhood: app::domain::ids::NeighbourhoodId,
                query: &app::server::store::QueueQuery,
            ) -> Result<Vec<app::server::store::QueueRow>, app::server::StoreError> {
                // Newest first; after a key, strictly older (ties broken by resident id).
                let sql = format!(
                    "{} WHERE q.neighbourhood_id = $1 \
                       AND ($2 IS NULL OR q.last_change_at < $2 \
                            OR (q.last_change_at = $2 AND q.resident_id < $3)) \
                     ORDER BY q.last_change_at DESC, q.resident_id DESC LIMIT $4",
                    $crate::db::sql::review::QUEUE_SELECT
                );
                let rows: Vec<$crate::db::sql::review::QueueSqlRow> = sqlx::query_as(&sql)
                    .bind(neighbourhood.0)
                    .bind(query.after.map(|a| a.0))
                    .bind(query.after.map(|a| (a.1).0).unwrap_or(0))
                    .bind(query.limit)
                    .fetch_all(&self.pool)
                    .await
                    .map_err($crate::db::rows::other)?;
                Ok(rows
                    .into_iter()
                    .map($crate::db::sql::review::queue_row)
                    .collect())
            }

            #[tracing::instrument(skip_all)]
            async fn queue_counts(
                &self,
                neighbourhood: app::domain::ids::NeighbourhoodId,
            ) -> Result<(i64, i64), app::server::StoreError> {
                let (all, needs): (i64, Option<i64>) = sqlx::query_as(
                    "SELECT count(*), sum(CASE WHEN has_needs THEN 1 ELSE 0 END) \
                     FROM team_queue WHERE neighbourhood_id = $1",
                )
                .bind(neighbourhood.0)
                .fetch_one(&self.pool)
                .await
                .map_err($crate::db::rows::other)?;
                Ok((all, needs.unwrap_or(0)))
            }

            #[tracing::instrument(skip_all)]
            async fn queued_resident(
                &self,
                neighbourhood: app::domain::ids::NeighbourhoodId,
                resident: app::domain::ids::PersonId,
            ) -> Result<Option<app::server::store::QueueRow>, app::server::StoreError> {
                let sql = format!(
                    "{} WHERE q.neighbourhood_id = $1 AND q.resident_id = $2",
                    $crate::db::sql::review::QUEUE_SELECT
                );
                let row: Option<$crate::db::sql::review::QueueSqlRow> = sqlx::query_as(&sql)
                    .bind(neighbourhood.0)
                    .bind(resident.0)
                    .fetch_optional(&self.pool)
                    .await
                    .map_err($crate::db::rows::other)?;
                Ok(row.map($crate::db::sql::review::queue_row))
            }
        }

        impl $store {
            /// See `REFRESH_INSERT`.
            async fn refresh_queue(
                tx: &mut sqlx::Transaction<'static, $db>,
                resident: app::domain::ids::PersonId,
            ) -> Result<(), app::server::StoreError> {
                for sql in [
                    $crate::db::sql::review::REFRESH_DELETE,
                    $crate::db::sql::review::REFRESH_INSERT,
                ] {
                    sqlx::query(sql)
                        .bind(resident.0)
                        .execute(&mut **tx)
                        .await
                        .map_err($crate::db::rows::other)?;
                }
                Ok(())
            }
        }
    };
}

pub(crate) use impl_review_store;
