//! The team's queue: `team_queue`, one row per resident who shares something, refreshed by
//! `refresh_queue` inside every transaction that can change it (a save, a change of sharing, a
//! move). Shared by both backends through `impl_review_store!` (see `super`).

/// Puts the resident's queue row right: removed if they share nothing or have no home ward,
/// otherwise their neighbourhood, when a shared part last changed (or sharing began), whether
/// they have recorded communication needs, and whether any version of a shared part (needs,
/// an About Me section, a goal) is newer than the team's last acknowledgement of it. Bind the
/// resident as `$1`.
///
/// Saves for one resident can run at the same moment: the row is upserted (so two refreshes
/// never collide on its key), and its change time never goes back (a refresh that could not
/// see the other's new version keeps the later time).
pub const REFRESH_DELETE: &str = "DELETE FROM team_queue WHERE resident_id = $1 \
    AND NOT EXISTS (SELECT 1 FROM shares s JOIN people p ON p.id = s.resident_id \
                    WHERE s.resident_id = $1 AND p.home_ward_id IS NOT NULL)";
pub const REFRESH_INSERT: &str = "INSERT INTO team_queue \
        (resident_id, neighbourhood_id, last_change_at, has_needs, unacknowledged) \
    SELECT p.id, w.neighbourhood_id, \
        coalesce((SELECT max(v.created_at) FROM record_versions v JOIN shares s2 \
                    ON s2.resident_id = v.resident_id \
                   AND (s2.scope = 'needs' AND v.kind = 'needs' \
                        OR s2.scope = 'goals' AND v.kind IN ('goal', 'goal-note') \
                        OR s2.scope = 'statements' AND v.kind = 'statement' \
                        OR v.kind = 'about-me' AND s2.scope = 'about-me:' || v.item_key) \
                  WHERE v.resident_id = p.id), \
                 (SELECT min(s3.shared_at) FROM shares s3 WHERE s3.resident_id = p.id)), \
        EXISTS (SELECT 1 FROM record_versions n WHERE n.resident_id = p.id AND n.kind = 'needs'), \
        EXISTS (SELECT 1 FROM record_versions u JOIN shares s4 ON s4.resident_id = u.resident_id \
                   AND (s4.scope = 'needs' AND u.kind = 'needs' \
                        OR s4.scope = 'goals' AND u.kind = 'goal' \
                        OR u.kind = 'about-me' AND s4.scope = 'about-me:' || u.item_key) \
                 WHERE u.resident_id = p.id \
                   AND NOT EXISTS (SELECT 1 FROM acknowledgements a \
                        WHERE a.resident_id = u.resident_id \
                          AND a.neighbourhood_id = w.neighbourhood_id AND a.kind = u.kind \
                          AND a.item_key = u.item_key AND a.version >= u.version)) \
    FROM people p JOIN wards w ON w.id = p.home_ward_id \
    WHERE p.id = $1 AND EXISTS (SELECT 1 FROM shares s WHERE s.resident_id = p.id) \
    ON CONFLICT (resident_id) DO UPDATE SET \
        neighbourhood_id = excluded.neighbourhood_id, \
        last_change_at = CASE WHEN excluded.last_change_at > team_queue.last_change_at \
            OR excluded.neighbourhood_id <> team_queue.neighbourhood_id \
            THEN excluded.last_change_at ELSE team_queue.last_change_at END, \
        has_needs = excluded.has_needs, \
        unacknowledged = excluded.unacknowledged";

/// Queue rows with the resident's name and ward (append a WHERE and ORDER BY).
pub const QUEUE_SELECT: &str = "SELECT q.resident_id, p.display_name, w.name, q.last_change_at, \
        q.has_needs, q.unacknowledged \
     FROM team_queue q JOIN people p ON p.id = q.resident_id \
     JOIN wards w ON w.id = p.home_ward_id";

pub type QueueSqlRow = (i64, String, String, i64, bool, bool);

pub fn queue_row(row: QueueSqlRow) -> app::server::store::QueueRow {
    app::server::store::QueueRow {
        resident: app::domain::ids::PersonId(row.0),
        name: row.1,
        ward: row.2,
        last_change_at: row.3,
        has_needs: row.4,
        unacknowledged: row.5,
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
                       AND ($5 = FALSE OR q.unacknowledged) AND ($6 = FALSE OR q.has_needs) \
                     ORDER BY q.last_change_at DESC, q.resident_id DESC LIMIT $4",
                    $crate::db::sql::review::QUEUE_SELECT
                );
                let rows: Vec<$crate::db::sql::review::QueueSqlRow> = sqlx::query_as(&sql)
                    .bind(neighbourhood.0)
                    .bind(query.after.map(|a| a.0))
                    .bind(query.after.map(|a| (a.1).0).unwrap_or(0))
                    .bind(query.limit)
                    .bind(query.unacknowledged_only)
                    .bind(query.needs_only)
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
            ) -> Result<app::server::store::QueueCounts, app::server::StoreError> {
                let (all, needs, unread): (i64, Option<i64>, Option<i64>) = sqlx::query_as(
                    "SELECT count(*), sum(CASE WHEN has_needs THEN 1 ELSE 0 END), \
                         sum(CASE WHEN unacknowledged THEN 1 ELSE 0 END) \
                     FROM team_queue WHERE neighbourhood_id = $1",
                )
                .bind(neighbourhood.0)
                .fetch_one(&self.pool)
                .await
                .map_err($crate::db::rows::other)?;
                Ok(app::server::store::QueueCounts {
                    all,
                    with_needs: needs.unwrap_or(0),
                    unacknowledged: unread.unwrap_or(0),
                })
            }

            #[tracing::instrument(skip_all)]
            async fn acknowledge(
                &self,
                ack: &app::server::store::NewAcknowledgement<'_>,
            ) -> Result<(), app::server::StoreError> {
                self.acknowledge_in(ack).await
            }

            #[tracing::instrument(skip_all)]
            async fn acknowledgements(
                &self,
                resident: app::domain::ids::PersonId,
            ) -> Result<Vec<app::server::store::AckRow>, app::server::StoreError> {
                type Row = (i64, String, String, i64, String, String, String, i64);
                let rows: Vec<Row> = sqlx::query_as(
                    "SELECT neighbourhood_id, kind, item_key, version, staff_name, staff_role, \
                         team_name, created_at \
                     FROM acknowledgements WHERE resident_id = $1 ORDER BY id DESC",
                )
                .bind(resident.0)
                .fetch_all(&self.pool)
                .await
                .map_err($crate::db::rows::other)?;
                Ok(rows
                    .into_iter()
                    .map(|r| app::server::store::AckRow {
                        neighbourhood: app::domain::ids::NeighbourhoodId(r.0),
                        kind: r.1,
                        key: r.2,
                        version: r.3,
                        staff_name: r.4,
                        staff_role: r.5,
                        team_name: r.6,
                        created_at: r.7,
                    })
                    .collect())
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
            /// See `ReviewStore::acknowledge`.
            pub(crate) async fn acknowledge_in(
                &self,
                ack: &app::server::store::NewAcknowledgement<'_>,
            ) -> Result<(), app::server::StoreError> {
                use $crate::db::rows::{now_millis, other};
                let now = now_millis();
                let mut tx = self.begin_write().await?;
                let exists: Option<(i64,)> = sqlx::query_as(
                    "SELECT version FROM record_versions \
                     WHERE resident_id = $1 AND kind = $2 AND item_key = $3 AND version = $4",
                )
                .bind(ack.resident.0)
                .bind(ack.kind.code())
                .bind(ack.key)
                .bind(ack.version)
                .fetch_optional(&mut *tx)
                .await
                .map_err(other)?;
                if exists.is_none() {
                    return Err(app::server::StoreError::NotFound);
                }
                sqlx::query(
                    "INSERT INTO acknowledgements (resident_id, neighbourhood_id, staff_id, \
                         staff_name, staff_role, team_name, kind, item_key, version, created_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
                )
                .bind(ack.resident.0)
                .bind(ack.neighbourhood.0)
                .bind(ack.by.id.0)
                .bind(ack.by.name.as_str())
                .bind(ack.by.role.code())
                .bind(ack.by.team.as_deref().unwrap_or_default())
                .bind(ack.kind.code())
                .bind(ack.key)
                .bind(ack.version)
                .bind(now)
                .execute(&mut *tx)
                .await
                .map_err(other)?;
                Self::insert_access(&mut tx, ack.resident, ack.by, ack.scope, "acknowledge", now)
                    .await?;
                Self::refresh_queue(&mut tx, ack.resident).await?;
                tx.commit().await.map_err(other)
            }

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
