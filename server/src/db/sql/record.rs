//! The resident's record: every part's versions in `record_versions`, with one append path and
//! one stale-edit check, and the person statements residents answer.
//! Shared by both backends through `impl_record_store!` (see `super`).

/// Record versions with their author's name (append a WHERE and ORDER BY).
pub const RECORD_SELECT: &str = "SELECT v.item_key, v.version, v.body, v.author_id, \
        a.display_name AS author_name, v.acting_for_id, v.created_at \
     FROM record_versions v JOIN people a ON a.id = v.author_id";

/// The head of a resident's record in one statement (`record_head`): a `head` row (the needs'
/// latest body and version, the last change, waiting proposals) and an `unseen` row per part
/// with unseen messages from the team. Binds: resident, needs kind, needs key.
pub const RECORD_HEAD: &str = "SELECT 'head' AS what, NULL AS kind, NULL AS item_key, \
        (SELECT n.body FROM record_versions n WHERE n.resident_id = $1 AND n.kind = $2 \
            AND n.item_key = $3 ORDER BY n.version DESC LIMIT 1) AS body, \
        (SELECT max(n.version) FROM record_versions n WHERE n.resident_id = $1 AND n.kind = $2 \
            AND n.item_key = $3) AS version, \
        (SELECT max(t.created_at) FROM record_versions t WHERE t.resident_id = $1) AS touched, \
        (SELECT count(*) FROM goal_proposals p WHERE p.resident_id = $1 \
            AND p.status = 'proposed') AS waiting \
     UNION ALL \
     SELECT 'unseen', r.kind, r.item_key, NULL, count(*), NULL, NULL FROM responses r \
     WHERE r.resident_id = $1 AND r.from_team AND r.seen_at IS NULL \
     GROUP BY r.kind, r.item_key";

macro_rules! impl_record_store {
    ($store:ty, $db:ty) => {
        #[async_trait::async_trait]
        impl app::server::store::RecordStore for $store {
            #[tracing::instrument(skip_all)]
            async fn record_head(
                &self,
                resident: app::domain::ids::PersonId,
                needs_key: &str,
            ) -> Result<app::server::store::RecordHeadRow, app::server::StoreError> {
                type Row = (
                    String,
                    Option<String>,
                    Option<String>,
                    Option<String>,
                    Option<i64>,
                    Option<i64>,
                    Option<i64>,
                );
                let rows: Vec<Row> = sqlx::query_as($crate::db::sql::record::RECORD_HEAD)
                    .bind(resident.0)
                    .bind(app::server::store::PartKind::Needs.code())
                    .bind(needs_key)
                    .fetch_all(&self.pool)
                    .await
                    .map_err($crate::db::rows::other)?;
                let mut head = app::server::store::RecordHeadRow::default();
                for (what, kind, key, body, number, touched, waiting) in rows {
                    match (what.as_str(), kind, key) {
                        ("unseen", Some(kind), Some(key)) => {
                            head.unseen.push((kind, key, number.unwrap_or_default()))
                        }
                        _ => {
                            head.needs = body.zip(number).map(|(body, version)| (version, body));
                            head.last_touched = touched;
                            head.proposals_waiting = waiting.unwrap_or_default();
                        }
                    }
                }
                Ok(head)
            }

            #[tracing::instrument(skip_all)]
            async fn record_last_touched(
                &self,
                resident: app::domain::ids::PersonId,
            ) -> Result<Option<i64>, app::server::StoreError> {
                let at: Option<i64> = sqlx::query_scalar(
                    "SELECT max(created_at) FROM record_versions WHERE resident_id = $1",
                )
                .bind(resident.0)
                .fetch_one(&self.pool)
                .await
                .map_err($crate::db::rows::other)?;
                Ok(at)
            }

            #[tracing::instrument(skip_all)]
            async fn backdate_record(
                &self,
                resident: app::domain::ids::PersonId,
                by_millis: i64,
            ) -> Result<(), app::server::StoreError> {
                use $crate::db::rows::other;
                let mut tx = self.begin_write().await?;
                sqlx::query(
                    "UPDATE record_versions SET created_at = created_at - $2 WHERE resident_id = $1",
                )
                .bind(resident.0)
                .bind(by_millis)
                .execute(&mut *tx)
                .await
                .map_err(other)?;
                tx.commit().await.map_err(other)
            }

            #[tracing::instrument(skip_all)]
            async fn person_statements(
                &self,
            ) -> Result<Vec<app::domain::statements::Statement>, app::server::StoreError> {
                let rows: Vec<(String, String)> = sqlx::query_as(
                    "SELECT code, text FROM person_statements WHERE active ORDER BY position, id",
                )
                .fetch_all(&self.pool)
                .await
                .map_err($crate::db::rows::other)?;
                Ok(rows
                    .into_iter()
                    .map(|(code, text)| app::domain::statements::Statement { code, text })
                    .collect())
            }

            #[tracing::instrument(skip_all)]
            async fn record_all(
                &self,
                resident: app::domain::ids::PersonId,
                kind: app::server::store::PartKind,
            ) -> Result<Vec<app::server::store::RecordVersion>, app::server::StoreError> {
                let sql = format!(
                    "{} WHERE v.resident_id = $1 AND v.kind = $2 ORDER BY v.version DESC, v.id DESC",
                    $crate::db::sql::record::RECORD_SELECT
                );
                let rows: Vec<$crate::db::rows::RecordVersionRow> = sqlx::query_as(&sql)
                    .bind(resident.0)
                    .bind(kind.code())
                    .fetch_all(&self.pool)
                    .await
                    .map_err($crate::db::rows::other)?;
                Ok(rows.into_iter().map(Into::into).collect())
            }

            #[tracing::instrument(skip_all)]
            async fn record_latest(
                &self,
                resident: app::domain::ids::PersonId,
                kind: app::server::store::PartKind,
            ) -> Result<Vec<app::server::store::RecordVersion>, app::server::StoreError> {
                let sql = format!(
                    "{} WHERE v.resident_id = $1 AND v.kind = $2 AND v.version = \
                         (SELECT max(l.version) FROM record_versions l \
                          WHERE l.resident_id = v.resident_id AND l.kind = v.kind \
                            AND l.item_key = v.item_key) \
                     ORDER BY v.id",
                    $crate::db::sql::record::RECORD_SELECT
                );
                let rows: Vec<$crate::db::rows::RecordVersionRow> = sqlx::query_as(&sql)
                    .bind(resident.0)
                    .bind(kind.code())
                    .fetch_all(&self.pool)
                    .await
                    .map_err($crate::db::rows::other)?;
                Ok(rows.into_iter().map(Into::into).collect())
            }

            #[tracing::instrument(skip_all)]
            async fn record_item(
                &self,
                resident: app::domain::ids::PersonId,
                kind: app::server::store::PartKind,
                key: &str,
            ) -> Result<Option<app::server::store::RecordVersion>, app::server::StoreError> {
                let sql = format!(
                    "{} WHERE v.resident_id = $1 AND v.kind = $2 AND v.item_key = $3 \
                     ORDER BY v.version DESC LIMIT 1",
                    $crate::db::sql::record::RECORD_SELECT
                );
                let row: Option<$crate::db::rows::RecordVersionRow> = sqlx::query_as(&sql)
                    .bind(resident.0)
                    .bind(kind.code())
                    .bind(key)
                    .fetch_optional(&self.pool)
                    .await
                    .map_err($crate::db::rows::other)?;
                Ok(row.map(Into::into))
            }

            #[tracing::instrument(skip_all)]
            async fn record_history(
                &self,
                resident: app::domain::ids::PersonId,
                kind: app::server::store::PartKind,
                key: &str,
            ) -> Result<Vec<app::server::store::RecordVersion>, app::server::StoreError> {
                let sql = format!(
                    "{} WHERE v.resident_id = $1 AND v.kind = $2 AND v.item_key = $3 \
                     ORDER BY v.version DESC",
                    $crate::db::sql::record::RECORD_SELECT
                );
                let rows: Vec<$crate::db::rows::RecordVersionRow> = sqlx::query_as(&sql)
                    .bind(resident.0)
                    .bind(kind.code())
                    .bind(key)
                    .fetch_all(&self.pool)
                    .await
                    .map_err($crate::db::rows::other)?;
                Ok(rows.into_iter().map(Into::into).collect())
            }

            #[tracing::instrument(skip_all)]
            async fn save_record(
                &self,
                resident: app::domain::ids::PersonId,
                author: app::domain::ids::PersonId,
                kind: app::server::store::PartKind,
                key: &str,
                base: Option<i64>,
                body: &str,
                log: Option<(&app::server::store::Accessor, &str)>,
            ) -> Result<i64, app::server::StoreError> {
                // Without a base (answers, notes, reviews) a save is simply the next version:
                // if another save took that number at the same moment, take the one after,
                // waiting a little longer each time so a crowd of saves spreads out.
                let mut attempts: u64 = 0;
                loop {
                    attempts += 1;
                    match self.save_record_once(resident, author, kind, key, base, body, log).await {
                        Err(app::server::StoreError::Conflict(_)) if base.is_none() && attempts < 12 => {
                            tokio::time::sleep(std::time::Duration::from_millis(attempts * 2)).await;
                            continue
                        }
                        other => return other,
                    }
                }
            }
        }

        impl $store {
            /// Before a carer's write (`by` acting for `resident`; nothing to do for anyone
            /// else): their grant is read again inside the write's transaction, after any
            /// revocation or change of it being saved meanwhile, so a grant that ended, or
            /// stopped letting them change part `scope` (`None`: any write for the resident,
            /// such as feedback), while the request was on its way writes nothing, as if the
            /// part were not there.
            async fn check_carer(
                tx: &mut sqlx::Transaction<'static, $db>,
                resident: app::domain::ids::PersonId,
                by: &app::server::store::Accessor,
                scope: Option<&str>,
                now: i64,
            ) -> Result<(), app::server::StoreError> {
                if by.acting_for.is_none() {
                    return Ok(());
                }
                Self::lock_carer_grants(tx, resident, by.id).await?;
                let live = "SELECT g.id FROM carer_grants g \
                     WHERE g.resident_id = $1 AND g.carer_id = $2 \
                       AND g.revoked_at IS NULL AND (g.ends_at IS NULL OR g.ends_at > $3)";
                let sql = match scope {
                    None => live.to_string(),
                    Some(_) => format!(
                        "{live} AND EXISTS (SELECT 1 FROM carer_grant_scopes s \
                           WHERE s.grant_id = g.id AND s.scope = $4 AND s.can_change)"
                    ),
                };
                let mut query = sqlx::query_scalar::<_, i64>(&sql)
                    .bind(resident.0)
                    .bind(by.id.0)
                    .bind(now);
                if let Some(scope) = scope {
                    query = query.bind(scope);
                }
                let live = query
                    .fetch_optional(&mut **tx)
                    .await
                    .map_err($crate::db::rows::other)?;
                if live.is_none() {
                    tracing::warn!(
                        person = by.id.0,
                        scope = scope.unwrap_or("any"),
                        "carer write refused: the grant does not allow it now"
                    );
                    return Err(app::server::StoreError::NotFound);
                }
                Ok(())
            }

            #[allow(clippy::too_many_arguments)]
            async fn save_record_once(
                &self,
                resident: app::domain::ids::PersonId,
                author: app::domain::ids::PersonId,
                kind: app::server::store::PartKind,
                key: &str,
                base: Option<i64>,
                body: &str,
                log: Option<(&app::server::store::Accessor, &str)>,
            ) -> Result<i64, app::server::StoreError> {
                use $crate::db::rows::{now_millis, other, unique_or_other};
                let now = now_millis();
                let mut tx = self.begin_write().await?;
                if let Some((by, scope)) = log {
                    Self::check_carer(&mut tx, resident, by, Some(scope), now).await?;
                }
                let latest: Option<i64> = sqlx::query_scalar(
                    "SELECT max(version) FROM record_versions \
                     WHERE resident_id = $1 AND kind = $2 AND item_key = $3",
                )
                .bind(resident.0)
                .bind(kind.code())
                .bind(key)
                .fetch_one(&mut *tx)
                .await
                .map_err(other)?;
                let latest = latest.unwrap_or(0);
                if base.is_some_and(|base| base != latest) {
                    return Err(app::server::StoreError::Conflict("stale"));
                }
                let version = latest + 1;
                sqlx::query(
                    "INSERT INTO record_versions (resident_id, kind, item_key, version, body, \
                         author_id, acting_for_id, created_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                )
                .bind(resident.0)
                .bind(kind.code())
                .bind(key)
                .bind(version)
                .bind(body)
                .bind(author.0)
                .bind(resident.0)
                .bind(now)
                .execute(&mut *tx)
                .await
                // Another save took this version number first.
                .map_err(|e| unique_or_other(e, "stale"))?;
                if let Some((by, scope)) = log {
                    Self::insert_access(&mut tx, resident, by, scope, "write", now).await?;
                }
                // A change to a shared part moves the resident up their team's queue.
                Self::refresh_queue(&mut tx, resident).await?;
                tx.commit().await.map_err(other)?;
                Ok(version)
            }
        }
    };
}

pub(crate) use impl_record_store;
