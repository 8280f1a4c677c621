//! Feedback, moderation and public responses. Shared by both backends through
//! `impl_feedback_store!` (see `super`).

/// Adds one answer to the dashboards' FFT counts. Bind: month, neighbourhood (0: none),
/// campaign (0: none), the FFT code.
pub const COUNT_FFT: &str = "INSERT INTO feedback_fft_counts \
        (month, neighbourhood_id, campaign_id, fft, count) VALUES ($1, $2, $3, $4, 1) \
    ON CONFLICT (month, neighbourhood_id, campaign_id, fft) \
    DO UPDATE SET count = feedback_fft_counts.count + 1";

/// Adds one answer to the dashboards' statement-tag counts (only answers with tags). Bind as
/// `COUNT_FFT`, with the tags as stored instead of the FFT code.
pub const COUNT_TAGS: &str = "INSERT INTO feedback_tag_counts \
        (month, neighbourhood_id, campaign_id, statements, count) VALUES ($1, $2, $3, $4, 1) \
    ON CONFLICT (month, neighbourhood_id, campaign_id, statements) \
    DO UPDATE SET count = feedback_tag_counts.count + 1";

/// Recomputes both counts from `feedback` (the scale seed, after writing in bulk).
pub const RECOUNT: [&str; 4] = [
    "DELETE FROM feedback_fft_counts",
    "INSERT INTO feedback_fft_counts (month, neighbourhood_id, campaign_id, fft, count) \
     SELECT month, coalesce(neighbourhood_id, 0), coalesce(campaign_id, 0), fft, count(*) \
     FROM feedback GROUP BY month, coalesce(neighbourhood_id, 0), coalesce(campaign_id, 0), fft",
    "DELETE FROM feedback_tag_counts",
    "INSERT INTO feedback_tag_counts (month, neighbourhood_id, campaign_id, statements, count) \
     SELECT month, coalesce(neighbourhood_id, 0), coalesce(campaign_id, 0), statements, count(*) \
     FROM feedback WHERE statements <> '' \
     GROUP BY month, coalesce(neighbourhood_id, 0), coalesce(campaign_id, 0), statements",
];

/// Feedback rows with the names they refer to (append a WHERE and ORDER BY).
pub const FEEDBACK_SELECT: &str = "SELECT f.id, f.resident_id, f.author_name, f.acting_for_id, \
        f.neighbourhood_id, n.name, s.name, f.fft, f.good, f.better, f.statements, f.goal_key, \
        f.status, f.hidden_reason, f.created_at, \
        EXISTS (SELECT 1 FROM feedback_originals o WHERE o.feedback_id = f.id) \
     FROM feedback f LEFT JOIN neighbourhoods n ON n.id = f.neighbourhood_id \
     LEFT JOIN services s ON s.id = f.service_id";

pub type FeedbackSqlRow = (
    i64,
    Option<i64>,
    Option<String>,
    Option<i64>,
    Option<i64>,
    Option<String>,
    Option<String>,
    String,
    Option<String>,
    Option<String>,
    String,
    Option<String>,
    String,
    Option<String>,
    i64,
    bool,
);

pub fn feedback_row(r: FeedbackSqlRow) -> app::server::store::FeedbackRow {
    use app::domain::ids::{NeighbourhoodId, PersonId};
    app::server::store::FeedbackRow {
        id: r.0,
        resident: r.1.map(PersonId),
        author_name: r.2,
        acting_for: r.3.map(PersonId),
        neighbourhood: r.4.map(NeighbourhoodId),
        neighbourhood_name: r.5,
        service: r.6,
        fft: r.7,
        good: r.8,
        better: r.9,
        statements: r.10,
        goal_key: r.11,
        status: r.12,
        hidden_reason: r.13,
        created_at: r.14,
        redacted: r.15,
    }
}

/// `$first, $first+1, …` for `count` values.
pub fn placeholders(first: usize, count: usize) -> String {
    (first..first + count)
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The filters of `/stories` (or, `private`, of the feedback kept for the service that has
/// words to read: a rating alone is on the dashboards), binding neighbourhood as `$1` and
/// service as `$2` (0 when not filtered). Only the filters given are conditions on the row, so
/// the planner walks `feedback_status_neighbourhood_idx` or `feedback_status_service_idx` down
/// from the newest: `($1 = 0 OR …)` left it `feedback_status_idx`, which at city size means
/// reading past a million other neighbourhoods' rows for a lead's page.
pub fn story_filter(query: &app::server::store::StoryQuery) -> String {
    let words = if query.private {
        " AND (f.good IS NOT NULL OR f.better IS NOT NULL)"
    } else {
        ""
    };
    let neighbourhood = if query.neighbourhood.is_some() {
        "f.neighbourhood_id = $1"
    } else {
        "$1 = 0"
    };
    let service = if query.service.is_some() {
        "f.service_id = $2"
    } else {
        "$2 = 0"
    };
    // A probe of `feedback_responses_feedback_idx` for each row the page walks.
    let unanswered = if query.unanswered {
        " AND NOT EXISTS (SELECT 1 FROM feedback_responses r WHERE r.feedback_id = f.id)"
    } else {
        ""
    };
    format!(
        "f.status = '{}'{words} AND {neighbourhood} AND {service}{unanswered}",
        story_status(query.private)
    )
}

/// `stories`' statement (see `story_filter`): bind the neighbourhood, the service, the id to
/// start before (0: the newest) and the limit.
pub fn stories_sql(query: &app::server::store::StoryQuery) -> String {
    // A later page starts from its id in the index, as the filters do.
    let before = if query.before.is_some() {
        "f.id < $3"
    } else {
        "$3 = 0"
    };
    format!(
        "{FEEDBACK_SELECT} WHERE {} AND {before} ORDER BY f.id DESC LIMIT $4",
        story_filter(query)
    )
}

/// The status a story (`private`: feedback kept for the service) has.
pub fn story_status(private: bool) -> &'static str {
    if private { "private" } else { "published" }
}

macro_rules! impl_feedback_store {
    ($store:ty, $db:ty) => {
        impl $store {
            /// Counts one new feedback answer on the dashboards (`COUNT_FFT`, `COUNT_TAGS`), in
            /// the transaction that stores it.
            pub(crate) async fn count_feedback(
                tx: &mut sqlx::Transaction<'static, $db>,
                month: i64,
                neighbourhood: Option<i64>,
                campaign: Option<i64>,
                fft: &str,
                statements: &str,
            ) -> Result<(), app::server::StoreError> {
                use $crate::db::sql::feedback::{COUNT_FFT, COUNT_TAGS};
                let counts = [(COUNT_FFT, fft), (COUNT_TAGS, statements)];
                for (sql, value) in counts {
                    if value.is_empty() {
                        continue;
                    }
                    sqlx::query(sql)
                        .bind(month)
                        .bind(neighbourhood.unwrap_or(0))
                        .bind(campaign.unwrap_or(0))
                        .bind(value)
                        .execute(&mut **tx)
                        .await
                        .map_err($crate::db::rows::other)?;
                }
                Ok(())
            }
        }

        #[async_trait::async_trait]
        impl app::server::store::FeedbackStore for $store {
            #[tracing::instrument(skip_all)]
            async fn services(
                &self,
            ) -> Result<Vec<app::server::store::ServiceRow>, app::server::StoreError> {
                let rows: Vec<(i64, String, String, bool)> = sqlx::query_as(
                    "SELECT id, code, name, active FROM services ORDER BY name",
                )
                .fetch_all(&self.pool)
                .await
                .map_err($crate::db::rows::other)?;
                Ok(rows
                    .into_iter()
                    .map(|(id, code, name, active)| app::server::store::ServiceRow {
                        id,
                        code,
                        name,
                        active,
                    })
                    .collect())
            }

            #[tracing::instrument(skip_all)]
            async fn add_service(
                &self,
                code: &str,
                name: &str,
            ) -> Result<(), app::server::StoreError> {
                sqlx::query(
                    "INSERT INTO services (code, name, active, created_at) VALUES ($1, $2, TRUE, $3)",
                )
                .bind(code)
                .bind(name)
                .bind($crate::db::rows::now_millis())
                .execute(&self.pool)
                .await
                .map_err(|e| $crate::db::rows::unique_or_other(e, "code"))?;
                Ok(())
            }

            #[tracing::instrument(skip_all)]
            async fn set_service_active(
                &self,
                code: &str,
                active: bool,
            ) -> Result<(), app::server::StoreError> {
                let changed = sqlx::query("UPDATE services SET active = $2 WHERE code = $1")
                    .bind(code)
                    .bind(active)
                    .execute(&self.pool)
                    .await
                    .map_err($crate::db::rows::other)?
                    .rows_affected();
                if changed == 1 {
                    Ok(())
                } else {
                    Err(app::server::StoreError::NotFound)
                }
            }

            #[tracing::instrument(skip_all)]
            async fn add_feedback(
                &self,
                feedback: &app::server::store::NewFeedback<'_>,
            ) -> Result<i64, app::server::StoreError> {
                let by = feedback.by;
                let now = $crate::db::rows::now_millis();
                let (year, month) = app::domain::time::uk_month(now);
                let month = year * 100 + i64::from(month);
                let mut tx = self.begin_write().await?;
                // Feedback a carer gives for the resident needs their grant still live.
                Self::check_carer(&mut tx, feedback.resident, by, None, now).await?;
                let id: i64 = sqlx::query_scalar(
                    "INSERT INTO feedback (resident_id, author_id, author_name, acting_for_id, \
                         neighbourhood_id, service_id, fft, good, better, statements, goal_key, \
                         status, created_at, month) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) \
                     RETURNING id",
                )
                .bind(feedback.resident.0)
                .bind(by.id.0)
                .bind(by.name.as_str())
                .bind(by.acting_for.map(|p| p.0))
                .bind(feedback.neighbourhood.map(|n| n.0))
                .bind(feedback.service)
                .bind(feedback.fft)
                .bind(feedback.good)
                .bind(feedback.better)
                .bind(feedback.statements)
                .bind(feedback.goal_key)
                .bind(feedback.status)
                .bind(now)
                .bind(month)
                .fetch_one(&mut *tx)
                .await
                .map_err($crate::db::rows::other)?;
                Self::count_feedback(
                    &mut tx,
                    month,
                    feedback.neighbourhood.map(|n| n.0),
                    None,
                    feedback.fft,
                    feedback.statements,
                )
                .await?;
                tx.commit().await.map_err($crate::db::rows::other)?;
                Ok(id)
            }

            #[tracing::instrument(skip_all)]
            async fn feedback_given(
                &self,
                resident: app::domain::ids::PersonId,
            ) -> Result<Vec<app::server::store::FeedbackRow>, app::server::StoreError> {
                let sql = format!(
                    "{} WHERE f.resident_id = $1 ORDER BY f.id DESC",
                    $crate::db::sql::feedback::FEEDBACK_SELECT
                );
                let rows: Vec<$crate::db::sql::feedback::FeedbackSqlRow> = sqlx::query_as(&sql)
                    .bind(resident.0)
                    .fetch_all(&self.pool)
                    .await
                    .map_err($crate::db::rows::other)?;
                Ok(rows.into_iter().map($crate::db::sql::feedback::feedback_row).collect())
            }

            #[tracing::instrument(skip_all)]
            async fn feedback_given_by(
                &self,
                resident: app::domain::ids::PersonId,
                author: app::domain::ids::PersonId,
            ) -> Result<Vec<app::server::store::FeedbackRow>, app::server::StoreError> {
                let sql = format!(
                    "{} WHERE f.resident_id = $1 AND f.author_id = $2 ORDER BY f.id DESC",
                    $crate::db::sql::feedback::FEEDBACK_SELECT
                );
                let rows: Vec<$crate::db::sql::feedback::FeedbackSqlRow> = sqlx::query_as(&sql)
                    .bind(resident.0)
                    .bind(author.0)
                    .fetch_all(&self.pool)
                    .await
                    .map_err($crate::db::rows::other)?;
                Ok(rows.into_iter().map($crate::db::sql::feedback::feedback_row).collect())
            }

            #[tracing::instrument(skip_all)]
            async fn feedback_to_moderate(
                &self,
                limit: i64,
            ) -> Result<Vec<app::server::store::FeedbackRow>, app::server::StoreError> {
                let sql = format!(
                    "{} WHERE f.status = 'pending' ORDER BY f.id LIMIT $1",
                    $crate::db::sql::feedback::FEEDBACK_SELECT
                );
                let rows: Vec<$crate::db::sql::feedback::FeedbackSqlRow> = sqlx::query_as(&sql)
                    .bind(limit)
                    .fetch_all(&self.pool)
                    .await
                    .map_err($crate::db::rows::other)?;
                Ok(rows.into_iter().map($crate::db::sql::feedback::feedback_row).collect())
            }

            #[tracing::instrument(skip_all)]
            async fn moderate(
                &self,
                feedback: i64,
                by: &app::server::store::Accessor,
                decision: app::server::store::Decision<'_>,
                seen: Option<&str>,
            ) -> Result<(), app::server::StoreError> {
                use app::server::store::Decision;
                use $crate::db::rows::{now_millis, other};
                let now = now_millis();
                let mut tx = self.begin_write().await?;
                // Two moderators can decide on one story at the same moment: every change
                // below names the state it was decided on (waiting, these words), and one that
                // finds another's decision there changes nothing (a conflict, not a silent
                // overwrite; PostgreSQL re-reads the row a waiting UPDATE was blocked on).
                let moderated = || app::server::StoreError::Conflict("moderated");
                let current: Option<(String, Option<String>, Option<String>)> = sqlx::query_as(
                    "SELECT status, good, better FROM feedback WHERE id = $1",
                )
                .bind(feedback)
                .fetch_optional(&mut *tx)
                .await
                .map_err(other)?;
                // A take-down is decided on a published story; the rest on one waiting.
                let from = match decision {
                    Decision::TakeDown { .. } => "published",
                    _ => "pending",
                };
                let (good, better) = match current {
                    Some((status, good, better)) if status == from => {
                        let words = app::server::store::words_seen(good.as_deref(), better.as_deref());
                        if seen.is_some_and(|seen| seen != words) {
                            return Err(moderated());
                        }
                        (good, better)
                    }
                    Some((status, _, _))
                        if ["pending", "published", "hidden"].contains(&status.as_str()) =>
                    {
                        return Err(moderated());
                    }
                    // Kept private by its writer: never the moderators' to see.
                    _ => return Err(app::server::StoreError::NotFound),
                };
                let (action, reason) = match decision {
                    Decision::Publish => {
                        let done = sqlx::query(
                            "UPDATE feedback SET status = 'published', published_at = $2, \
                                 hidden_reason = NULL WHERE id = $1 AND status = 'pending' \
                               AND (good = $3 OR good IS NULL AND $3 IS NULL) \
                               AND (better = $4 OR better IS NULL AND $4 IS NULL)",
                        )
                        .bind(feedback)
                        .bind(now)
                        .bind(good.as_deref())
                        .bind(better.as_deref())
                        .execute(&mut *tx)
                        .await
                        .map_err(other)?;
                        if done.rows_affected() == 0 {
                            return Err(moderated());
                        }
                        ("publish", None)
                    }
                    Decision::Hide { reason } => {
                        let done = sqlx::query(
                            "UPDATE feedback SET status = 'hidden', hidden_reason = $2 \
                             WHERE id = $1 AND status = 'pending' \
                               AND (good = $3 OR good IS NULL AND $3 IS NULL) \
                               AND (better = $4 OR better IS NULL AND $4 IS NULL)",
                        )
                        .bind(feedback)
                        .bind(reason)
                        .bind(good.as_deref())
                        .bind(better.as_deref())
                        .execute(&mut *tx)
                        .await
                        .map_err(other)?;
                        if done.rows_affected() == 0 {
                            return Err(moderated());
                        }
                        ("hide", Some(reason))
                    }
                    Decision::TakeDown { reason } => {
                        let done = sqlx::query(
                            "UPDATE feedback SET status = 'hidden', hidden_reason = $2, \
                                 published_at = NULL WHERE id = $1 AND status = 'published' \
                               AND (good = $3 OR good IS NULL AND $3 IS NULL) \
                               AND (better = $4 OR better IS NULL AND $4 IS NULL)",
                        )
                        .bind(feedback)
                        .bind(reason)
                        .bind(good.as_deref())
                        .bind(better.as_deref())
                        .execute(&mut *tx)
                        .await
                        .map_err(other)?;
                        if done.rows_affected() == 0 {
                            return Err(moderated());
                        }
                        ("hide", Some(reason))
                    }
                    Decision::Redact {
                        good: new_good,
                        better: new_better,
                    } => {
                        // The words as written, the first time they are changed.
                        sqlx::query(
                            "INSERT INTO feedback_originals (feedback_id, good, better, created_at) \
                             VALUES ($1, $2, $3, $4) ON CONFLICT (feedback_id) DO NOTHING",
                        )
                        .bind(feedback)
                        .bind(good.as_deref())
                        .bind(better.as_deref())
                        .bind(now)
                        .execute(&mut *tx)
                        .await
                        .map_err(other)?;
                        let done = sqlx::query(
                            "UPDATE feedback SET good = $2, better = $3 \
                             WHERE id = $1 AND status = 'pending' \
                               AND (good = $4 OR good IS NULL AND $4 IS NULL) \
                               AND (better = $5 OR better IS NULL AND $5 IS NULL)",
                        )
                        .bind(feedback)
                        .bind(new_good)
                        .bind(new_better)
                        .bind(good.as_deref())
                        .bind(better.as_deref())
                        .execute(&mut *tx)
                        .await
                        .map_err(other)?;
                        if done.rows_affected() == 0 {
                            return Err(moderated());
                        }
                        ("redact", None)
                    }
                };
                sqlx::query(
                    "INSERT INTO moderation_events (feedback_id, actor_id, actor_name, action, \
                         reason, created_at) VALUES ($1, $2, $3, $4, $5, $6)",
                )
                .bind(feedback)
                .bind(by.id.0)
                .bind(by.name.as_str())
                .bind(action)
                .bind(reason)
                .bind(now)
                .execute(&mut *tx)
                .await
                .map_err(other)?;
                tx.commit().await.map_err(other)
            }

            #[tracing::instrument(skip_all)]
            async fn withdraw_feedback(
                &self,
                feedback: i64,
                resident: app::domain::ids::PersonId,
                by: &app::server::store::Accessor,
            ) -> Result<(), app::server::StoreError> {
                use $crate::db::rows::{now_millis, other};
                let mut tx = self.begin_write().await?;
                // A moderator deciding at the same moment finds it no longer waiting.
                let changed = sqlx::query(
                    "UPDATE feedback SET status = 'private', published_at = NULL \
                     WHERE id = $1 AND resident_id = $2 AND status IN ('pending', 'published') \
                       AND ($3 = 0 OR author_id = $3)",
                )
                .bind(feedback)
                .bind(resident.0)
                // A carer acting for the resident: only what they gave.
                .bind(if by.acting_for.is_some() { by.id.0 } else { 0 })
                .execute(&mut *tx)
                .await
                .map_err(other)?
                .rows_affected();
                if changed != 1 {
                    return Err(app::server::StoreError::NotFound);
                }
                sqlx::query(
                    "INSERT INTO moderation_events \
                         (feedback_id, actor_id, actor_name, action, reason, created_at) \
                     VALUES ($1, $2, $3, 'withdraw', NULL, $4)",
                )
                .bind(feedback)
                .bind(by.id.0)
                .bind(by.name.as_str())
                .bind(now_millis())
                .execute(&mut *tx)
                .await
                .map_err(other)?;
                tx.commit().await.map_err(other)
            }

            #[tracing::instrument(skip_all)]
            async fn report(&self, feedback: i64, reason: &str) -> Result<(), app::server::StoreError> {
                use $crate::db::rows::{now_millis, other};
                let mut tx = self.begin_write().await?;
                let changed = sqlx::query(
                    "UPDATE feedback SET status = 'pending', reports = reports + 1 \
                     WHERE id = $1 AND status = 'published'",
                )
                .bind(feedback)
                .execute(&mut *tx)
                .await
                .map_err(other)?
                .rows_affected();
                if changed != 1 {
                    return Err(app::server::StoreError::NotFound);
                }
                sqlx::query(
                    "INSERT INTO moderation_events (feedback_id, action, reason, created_at) \
                     VALUES ($1, 'report', $2, $3)",
                )
                .bind(feedback)
                .bind(reason)
                .bind(now_millis())
                .execute(&mut *tx)
                .await
                .map_err(other)?;
                tx.commit().await.map_err(other)
            }

            #[tracing::instrument(skip_all)]
            async fn originals(
                &self,
                feedback: &[i64],
            ) -> Result<Vec<(i64, Option<String>, Option<String>)>, app::server::StoreError> {
                if feedback.is_empty() {
                    return Ok(Vec::new());
                }
                let sql = format!(
                    "SELECT feedback_id, good, better FROM feedback_originals \
                     WHERE feedback_id IN ({}) ORDER BY feedback_id",
                    $crate::db::sql::feedback::placeholders(1, feedback.len())
                );
                let mut query = sqlx::query_as(&sql);
                for id in feedback {
                    query = query.bind(*id);
                }
                query
                    .fetch_all(&self.pool)
                    .await
                    .map_err($crate::db::rows::other)
            }

            #[tracing::instrument(skip_all)]
            async fn reports(
                &self,
                feedback: &[i64],
            ) -> Result<Vec<(i64, String)>, app::server::StoreError> {
                if feedback.is_empty() {
                    return Ok(Vec::new());
                }
                // Reports since it was last published (a report needs it published first).
                let sql = format!(
                    "SELECT e.feedback_id, e.reason FROM moderation_events e \
                     WHERE e.action = 'report' AND e.feedback_id IN ({}) \
                       AND e.id > (SELECT max(p.id) FROM moderation_events p \
                            WHERE p.feedback_id = e.feedback_id AND p.action = 'publish') \
                     ORDER BY e.id",
                    $crate::db::sql::feedback::placeholders(1, feedback.len())
                );
                let mut query = sqlx::query_as::<_, (i64, Option<String>)>(&sql);
                for id in feedback {
                    query = query.bind(*id);
                }
                let rows = query
                    .fetch_all(&self.pool)
                    .await
                    .map_err($crate::db::rows::other)?;
                Ok(rows
                    .into_iter()
                    .map(|(id, reason)| (id, reason.unwrap_or_default()))
                    .collect())
            }

            #[tracing::instrument(skip_all)]
            async fn stories(
                &self,
                query: &app::server::store::StoryQuery,
            ) -> Result<Vec<app::server::store::FeedbackRow>, app::server::StoreError> {
                let sql = $crate::db::sql::feedback::stories_sql(query);
                let rows: Vec<$crate::db::sql::feedback::FeedbackSqlRow> = sqlx::query_as(&sql)
                    .bind(query.neighbourhood.map(|n| n.0).unwrap_or(0))
                    .bind(query.service.unwrap_or(0))
                    .bind(query.before.unwrap_or(0))
                    .bind(query.limit)
                    .fetch_all(&self.pool)
                    .await
                    .map_err($crate::db::rows::other)?;
                Ok(rows.into_iter().map($crate::db::sql::feedback::feedback_row).collect())
            }

            #[tracing::instrument(skip_all)]
            async fn story_counts(
                &self,
                query: &app::server::store::StoryQuery,
            ) -> Result<app::server::store::StoryCounts, app::server::StoreError> {
                let sql = format!(
                    "SELECT count(*), \
                         sum(CASE WHEN EXISTS (SELECT 1 FROM feedback_responses r \
                             WHERE r.feedback_id = f.id) THEN 1 ELSE 0 END), \
                         sum(CASE WHEN EXISTS (SELECT 1 FROM feedback_responses r \
                             WHERE r.feedback_id = f.id AND r.change = 'planned') \
                             AND NOT EXISTS (SELECT 1 FROM feedback_responses r \
                             WHERE r.feedback_id = f.id AND r.change = 'made') THEN 1 ELSE 0 END), \
                         sum(CASE WHEN EXISTS (SELECT 1 FROM feedback_responses r \
                             WHERE r.feedback_id = f.id AND r.change = 'made') THEN 1 ELSE 0 END) \
                     FROM feedback f WHERE {}",
                    $crate::db::sql::feedback::story_filter(query)
                );
                let (total, responded, planned, made): (i64, Option<i64>, Option<i64>, Option<i64>) =
                    sqlx::query_as(&sql)
                        .bind(query.neighbourhood.map(|n| n.0).unwrap_or(0))
                        .bind(query.service.unwrap_or(0))
                        .fetch_one(&self.pool)
                        .await
                        .map_err($crate::db::rows::other)?;
                Ok(app::server::store::StoryCounts {
                    total,
                    responded: responded.unwrap_or(0),
                    planned: planned.unwrap_or(0),
                    made: made.unwrap_or(0),
                })
            }

            #[tracing::instrument(skip_all)]
            async fn story(
                &self,
                feedback: i64,
                private: bool,
            ) -> Result<Option<app::server::store::FeedbackRow>, app::server::StoreError> {
                let sql = format!(
                    "{} WHERE f.id = $1 AND f.status = $2",
                    $crate::db::sql::feedback::FEEDBACK_SELECT
                );
                let row: Option<$crate::db::sql::feedback::FeedbackSqlRow> = sqlx::query_as(&sql)
                    .bind(feedback)
                    .bind($crate::db::sql::feedback::story_status(private))
                    .fetch_optional(&self.pool)
                    .await
                    .map_err($crate::db::rows::other)?;
                Ok(row.map($crate::db::sql::feedback::feedback_row))
            }

            #[tracing::instrument(skip_all)]
            async fn public_responses(
                &self,
                feedback: &[i64],
            ) -> Result<Vec<app::server::store::ResponseRow>, app::server::StoreError> {
                if feedback.is_empty() {
                    return Ok(Vec::new());
                }
                let sql = format!(
                    "SELECT feedback_id, author_name, author_role, team_name, body, change, \
                         change_detail, created_at \
                     FROM feedback_responses WHERE feedback_id IN ({}) ORDER BY id",
                    $crate::db::sql::feedback::placeholders(1, feedback.len())
                );
                type Row = (i64, String, String, Option<String>, String, String, Option<String>, i64);
                let mut query = sqlx::query_as::<_, Row>(&sql);
                for id in feedback {
                    query = query.bind(*id);
                }
                let rows = query
                    .fetch_all(&self.pool)
                    .await
                    .map_err($crate::db::rows::other)?;
                Ok(rows
                    .into_iter()
                    .map(|r| app::server::store::ResponseRow {
                        feedback: r.0,
                        author_name: r.1,
                        author_role: r.2,
                        team_name: r.3,
                        body: r.4,
                        change: r.5,
                        change_detail: r.6,
                        created_at: r.7,
                    })
                    .collect())
            }

            #[tracing::instrument(skip_all)]
            async fn add_public_response(
                &self,
                response: &app::server::store::NewResponse<'_>,
            ) -> Result<(), app::server::StoreError> {
                use $crate::db::rows::{now_millis, other};
                let by = response.by;
                // The story's status is read again after any change of it being saved.
                let mut tx = self.begin_write().await?;
                Self::lock_feedback(&mut tx, response.feedback).await?;
                let added = sqlx::query(
                    "INSERT INTO feedback_responses (feedback_id, author_id, author_name, \
                         author_role, team_name, body, change, change_detail, created_at) \
                     SELECT id, $2, $3, $4, $5, $6, $7, $8, $9 FROM feedback \
                     WHERE id = $1 AND status = $10",
                )
                .bind(response.feedback)
                .bind(by.id.0)
                .bind(by.name.as_str())
                .bind(by.role.code())
                .bind(by.team.as_deref())
                .bind(response.body)
                .bind(response.change)
                .bind(response.change_detail)
                .bind(now_millis())
                .bind($crate::db::sql::feedback::story_status(response.private))
                .execute(&mut *tx)
                .await
                .map_err(other)?
                .rows_affected();
                if added == 1 {
                    tx.commit().await.map_err(other)
                } else {
                    Err(app::server::StoreError::NotFound)
                }
            }
        }
    };
}

pub(crate) use impl_feedback_store;
