//! Campaigns, their answers, and the dashboards' counts. Shared by both backends through
//! `impl_campaign_store!` (see `super`).

/// Campaigns with their answer counts (append a WHERE and ORDER BY).
pub const CAMPAIGN_SELECT: &str = "SELECT c.id, c.slug, c.title, c.description, c.service_id, \
        c.opens_on, c.closes_on, c.owner_id, c.owner_name, \
        (SELECT count(*) FROM campaign_responses r WHERE r.campaign_id = c.id), \
        c.details_version \
     FROM campaigns c";

pub type CampaignSqlRow = (
    i64,
    String,
    String,
    String,
    Option<i64>,
    i64,
    i64,
    i64,
    String,
    i64,
    i64,
);

pub fn campaign_row(
    r: CampaignSqlRow,
    neighbourhoods: &[(i64, i64)],
) -> app::server::store::CampaignRow {
    use app::domain::ids::{NeighbourhoodId, PersonId};
    app::server::store::CampaignRow {
        id: r.0,
        slug: r.1,
        title: r.2,
        description: r.3,
        service: r.4,
        opens_on: r.5,
        closes_on: r.6,
        owner: PersonId(r.7),
        owner_name: r.8,
        answers: r.9,
        version: r.10,
        neighbourhoods: neighbourhoods
            .iter()
            .filter(|(c, _)| *c == r.0)
            .map(|(_, n)| NeighbourhoodId(*n))
            .collect(),
    }
}

/// The dashboards' filters on a table aliased `x` with `month`, `neighbourhood_id` and
/// `campaign_id`: `$1`..`$4` are from, to, neighbourhood (0: any) and campaign (0: any).
pub const COUNT_FILTER: &str = "x.month BETWEEN $1 AND $2 \
    AND ($3 = 0 OR x.neighbourhood_id = $3) AND ($4 = 0 OR x.campaign_id = $4)";

macro_rules! impl_campaign_store {
    ($store:ty, $db:ty) => {
        impl $store {
            async fn campaigns_where(
                &self,
                filter: &str,
                id: i64,
                slug: &str,
            ) -> Result<Vec<app::server::store::CampaignRow>, app::server::StoreError> {
                use $crate::db::rows::other;
                let sql = format!(
                    "{} WHERE {filter} ORDER BY c.id DESC",
                    $crate::db::sql::campaigns::CAMPAIGN_SELECT
                );
                let rows: Vec<$crate::db::sql::campaigns::CampaignSqlRow> = sqlx::query_as(&sql)
                    .bind(id)
                    .bind(slug)
                    .fetch_all(&self.pool)
                    .await
                    .map_err(other)?;
                let sql = format!(
                    "SELECT cn.campaign_id, cn.neighbourhood_id FROM campaign_neighbourhoods cn \
                     JOIN campaigns c ON c.id = cn.campaign_id WHERE {filter} \
                     ORDER BY cn.neighbourhood_id"
                );
                let neighbourhoods: Vec<(i64, i64)> = sqlx::query_as(&sql)
                    .bind(id)
                    .bind(slug)
                    .fetch_all(&self.pool)
                    .await
                    .map_err(other)?;
                Ok(rows
                    .into_iter()
                    .map(|r| $crate::db::sql::campaigns::campaign_row(r, &neighbourhoods))
                    .collect())
            }
        }

        #[async_trait::async_trait]
        impl app::server::store::CampaignStore for $store {
            #[tracing::instrument(skip_all)]
            async fn campaigns(
                &self,
            ) -> Result<Vec<app::server::store::CampaignRow>, app::server::StoreError> {
                self.campaigns_where("($1 = 0 OR c.id = $1) AND ($2 = '' OR c.slug = $2)", 0, "")
                    .await
            }

            #[tracing::instrument(skip_all)]
            async fn campaign(
                &self,
                id: i64,
            ) -> Result<Option<app::server::store::CampaignRow>, app::server::StoreError> {
                Ok(self
                    .campaigns_where("c.id = $1 AND $2 = ''", id, "")
                    .await?
                    .pop())
            }

            #[tracing::instrument(skip_all)]
            async fn campaign_by_slug(
                &self,
                slug: &str,
            ) -> Result<Option<app::server::store::CampaignRow>, app::server::StoreError> {
                Ok(self
                    .campaigns_where("$1 = 0 AND c.slug = $2", 0, slug)
                    .await?
                    .pop())
            }

            #[tracing::instrument(skip_all)]
            async fn save_campaign(
                &self,
                campaign: &app::server::store::NewCampaign<'_>,
            ) -> Result<i64, app::server::StoreError> {
                use $crate::db::rows::{now_millis, other, unique_or_other};
                let mut tx = self.begin_write().await?;
                let id: i64 = match campaign.id {
                    None => sqlx::query_scalar(
                        "INSERT INTO campaigns (slug, title, description, service_id, opens_on, \
                             closes_on, owner_id, owner_name, created_at) \
                         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
                    )
                    .bind(campaign.slug)
                    .bind(campaign.title)
                    .bind(campaign.description)
                    .bind(campaign.service)
                    .bind(campaign.opens_on)
                    .bind(campaign.closes_on)
                    .bind(campaign.by.id.0)
                    .bind(campaign.by.name.as_str())
                    .bind(now_millis())
                    .fetch_one(&mut *tx)
                    .await
                    .map_err(|e| unique_or_other(e, "slug"))?,
                    Some(app::server::store::SavedCampaign { id, version }) => {
                        // Only the version the change was made on is replaced: a save on
                        // details another officer changed since changes nothing (PostgreSQL
                        // re-reads the row a waiting UPDATE was blocked on).
                        let changed = sqlx::query(
                            "UPDATE campaigns SET slug = $2, title = $3, description = $4, \
                                 service_id = $5, opens_on = $6, closes_on = $7, \
                                 details_version = details_version + 1 \
                             WHERE id = $1 AND details_version = $8",
                        )
                        .bind(id)
                        .bind(campaign.slug)
                        .bind(campaign.title)
                        .bind(campaign.description)
                        .bind(campaign.service)
                        .bind(campaign.opens_on)
                        .bind(campaign.closes_on)
                        .bind(version)
                        .execute(&mut *tx)
                        .await
                        .map_err(|e| unique_or_other(e, "slug"))?
                        .rows_affected();
                        if changed != 1 {
                            let there: Option<i64> =
                                sqlx::query_scalar("SELECT id FROM campaigns WHERE id = $1")
                                    .bind(id)
                                    .fetch_optional(&mut *tx)
                                    .await
                                    .map_err(other)?;
                            return Err(match there {
                                Some(_) => app::server::StoreError::Conflict("changed"),
                                None => app::server::StoreError::NotFound,
                            });
                        }
                        sqlx::query("DELETE FROM campaign_neighbourhoods WHERE campaign_id = $1")
                            .bind(id)
                            .execute(&mut *tx)
                            .await
                            .map_err(other)?;
                        id
                    }
                };
                for n in campaign.neighbourhoods {
                    sqlx::query(
                        "INSERT INTO campaign_neighbourhoods (campaign_id, neighbourhood_id) \
                         VALUES ($1, $2) ON CONFLICT DO NOTHING",
                    )
                    .bind(id)
                    .bind(n.0)
                    .execute(&mut *tx)
                    .await
                    .map_err(other)?;
                }
                tx.commit().await.map_err(other)?;
                Ok(id)
            }

            #[tracing::instrument(skip_all)]
            async fn campaign_questions(
                &self,
                campaign: i64,
            ) -> Result<Vec<app::server::store::QuestionRow>, app::server::StoreError> {
                let rows: Vec<(i64, i64, i64, String, String, bool, String, bool, Option<String>)> =
                    sqlx::query_as(
                        "SELECT id, campaign_id, position, kind, prompt, required, choices, \
                             other, statement_code \
                         FROM campaign_questions WHERE campaign_id = $1 ORDER BY position, id",
                    )
                    .bind(campaign)
                    .fetch_all(&self.pool)
                    .await
                    .map_err($crate::db::rows::other)?;
                Ok(rows
                    .into_iter()
                    .map(|r| app::server::store::QuestionRow {
                        id: r.0,
                        campaign: r.1,
                        position: r.2,
                        kind: r.3,
                        prompt: r.4,
                        required: r.5,
                        choices: r.6,
                        other: r.7,
                        statement: r.8,
                    })
                    .collect())
            }

            #[tracing::instrument(skip_all)]
            async fn add_question(
                &self,
                question: &app::server::store::NewQuestion<'_>,
            ) -> Result<i64, app::server::StoreError> {
                use $crate::db::rows::other;
                let mut tx = self.begin_write().await?;
                Self::lock_campaign(&mut tx, question.campaign).await?;
                let answers: Option<i64> = sqlx::query_scalar(
                    "SELECT (SELECT count(*) FROM campaign_responses r WHERE r.campaign_id = c.id) \
                     FROM campaigns c WHERE c.id = $1",
                )
                .bind(question.campaign)
                .fetch_optional(&mut *tx)
                .await
                .map_err(other)?;
                match answers {
                    None => return Err(app::server::StoreError::NotFound),
                    Some(0) => {}
                    Some(_) => return Err(app::server::StoreError::Conflict("answered")),
                }
                // Counted under the campaign's lock: two additions at once cannot both take
                // the last place.
                let questions: i64 = sqlx::query_scalar(
                    "SELECT count(*) FROM campaign_questions WHERE campaign_id = $1",
                )
                .bind(question.campaign)
                .fetch_one(&mut *tx)
                .await
                .map_err(other)?;
                if questions >= app::domain::campaigns::MAX_QUESTIONS as i64 {
                    return Err(app::server::StoreError::Conflict("full"));
                }
                let id: i64 = sqlx::query_scalar(
                    "INSERT INTO campaign_questions (campaign_id, position, kind, prompt, \
                         required, choices, other, statement_code) \
                     VALUES ($1, (SELECT COALESCE(max(position), 0) + 1 FROM campaign_questions \
                         WHERE campaign_id = $1), $2, $3, $4, $5, $6, $7) RETURNING id",
                )
                .bind(question.campaign)
                .bind(question.kind)
                .bind(question.prompt)
                .bind(question.required)
                .bind(question.choices)
                .bind(question.other)
                .bind(question.statement)
                .fetch_one(&mut *tx)
                .await
                .map_err(other)?;
                tx.commit().await.map_err(other)?;
                Ok(id)
            }

            #[tracing::instrument(skip_all)]
            async fn arrange_question(
                &self,
                campaign: i64,
                question: i64,
                arrange: app::server::store::Arrange,
            ) -> Result<(), app::server::StoreError> {
                use app::server::store::Arrange;
                use $crate::db::rows::other;
                let mut tx = self.begin_write().await?;
                Self::lock_campaign(&mut tx, campaign).await?;
                let order: Vec<(i64, i64)> = sqlx::query_as(
                    "SELECT id, position FROM campaign_questions WHERE campaign_id = $1 \
                     ORDER BY position, id",
                )
                .bind(campaign)
                .fetch_all(&mut *tx)
                .await
                .map_err(other)?;
                let Some(at) = order.iter().position(|(id, _)| *id == question) else {
                    return Err(app::server::StoreError::NotFound);
                };
                let swap_with = match arrange {
                    Arrange::Up => at.checked_sub(1),
                    Arrange::Down => (at + 1 < order.len()).then_some(at + 1),
                    Arrange::Remove => {
                        let answered: i64 = sqlx::query_scalar(
                            "SELECT count(*) FROM campaign_responses WHERE campaign_id = $1",
                        )
                        .bind(campaign)
                        .fetch_one(&mut *tx)
                        .await
                        .map_err(other)?;
                        if answered > 0 {
                            return Err(app::server::StoreError::Conflict("answered"));
                        }
                        sqlx::query("DELETE FROM campaign_questions WHERE id = $1")
                            .bind(question)
                            .execute(&mut *tx)
                            .await
                            .map_err(other)?;
                        None
                    }
                };
                if let Some(other_at) = swap_with {
                    // Positions are renumbered 1.. in the new order.
                    let mut ids: Vec<i64> = order.iter().map(|(id, _)| *id).collect();
                    ids.swap(at, other_at);
                    for (i, id) in ids.iter().enumerate() {
                        sqlx::query("UPDATE campaign_questions SET position = $2 WHERE id = $1")
                            .bind(id)
                            .bind(i as i64 + 1)
                            .execute(&mut *tx)
                            .await
                            .map_err(other)?;
                    }
                }
                tx.commit().await.map_err(other)
            }

            #[tracing::instrument(skip_all)]
            async fn add_answers(
                &self,
                set: &app::server::store::NewAnswers<'_>,
            ) -> Result<i64, app::server::StoreError> {
                use $crate::db::rows::{other, unique_or_other};
                let (year, month) = app::domain::time::uk_month(set.at);
                let month = year * 100 + i64::from(month);
                let mut tx = self.begin_write().await?;
                let response: i64 = sqlx::query_scalar(
                    "INSERT INTO campaign_responses (campaign_id, neighbourhood_id, person_id, \
                         assisted_by_id, assisted_by_name, month, created_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
                )
                .bind(set.campaign)
                .bind(set.neighbourhood.map(|n| n.0))
                .bind(set.person.map(|p| p.id.0))
                .bind(set.assisted_by.map(|a| a.id.0))
                .bind(set.assisted_by.map(|a| a.name.as_str()))
                .bind(month)
                .bind(set.at)
                .fetch_one(&mut *tx)
                .await
                .map_err(|e| unique_or_other(e, "answered"))?;
                for (question, value, words) in set.answers {
                    sqlx::query(
                        "INSERT INTO campaign_answers (response_id, question_id, value, words) \
                         VALUES ($1, $2, $3, $4)",
                    )
                    .bind(response)
                    .bind(question)
                    .bind(*value)
                    .bind(*words)
                    .execute(&mut *tx)
                    .await
                    // The question was removed while the form was being filled in.
                    .map_err(|e| match e.as_database_error() {
                        Some(db) if db.is_foreign_key_violation() => {
                            app::server::StoreError::Conflict("questions")
                        }
                        _ => other(e),
                    })?;
                }
                if let Some(fft) = set.fft {
                    let author = set.person.or(set.assisted_by);
                    sqlx::query(
                        "INSERT INTO feedback (resident_id, author_id, author_name, \
                             neighbourhood_id, service_id, fft, good, better, statements, status, \
                             created_at, campaign_id, response_id, month) \
                         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, '', $9, $10, $11, $12, $13)",
                    )
                    .bind(set.person.map(|p| p.id.0))
                    .bind(author.map(|a| a.id.0))
                    .bind(author.map(|a| a.name.as_str()))
                    .bind(set.neighbourhood.map(|n| n.0))
                    .bind(set.service)
                    .bind(fft.fft)
                    .bind(fft.good)
                    .bind(fft.better)
                    .bind(fft.status)
                    .bind(set.at)
                    .bind(set.campaign)
                    .bind(response)
                    .bind(month)
                    .execute(&mut *tx)
                    .await
                    .map_err(other)?;
                    Self::count_feedback(
                        &mut tx,
                        month,
                        set.neighbourhood.map(|n| n.0),
                        Some(set.campaign),
                        fft.fft,
                        "",
                    )
                    .await?;
                }
                tx.commit().await.map_err(other)?;
                Ok(response)
            }

            #[tracing::instrument(skip_all)]
            async fn has_answered(
                &self,
                campaign: i64,
                person: app::domain::ids::PersonId,
            ) -> Result<bool, app::server::StoreError> {
                let found: Option<i64> = sqlx::query_scalar(
                    "SELECT id FROM campaign_responses WHERE campaign_id = $1 AND person_id = $2",
                )
                .bind(campaign)
                .bind(person.0)
                .fetch_optional(&self.pool)
                .await
                .map_err($crate::db::rows::other)?;
                Ok(found.is_some())
            }

            #[tracing::instrument(skip_all)]
            async fn answer_sets(
                &self,
                campaign: i64,
            ) -> Result<Vec<app::server::store::AnswerSetRow>, app::server::StoreError> {
                use $crate::db::rows::other;
                let sets: Vec<(i64, Option<String>, Option<String>, i64, Option<String>, Option<String>)> =
                    sqlx::query_as(
                        "SELECT r.id, n.name, r.assisted_by_name, r.created_at, f.good, f.better \
                         FROM campaign_responses r \
                         LEFT JOIN neighbourhoods n ON n.id = r.neighbourhood_id \
                         LEFT JOIN feedback f ON f.response_id = r.id \
                         WHERE r.campaign_id = $1 ORDER BY r.id",
                    )
                    .bind(campaign)
                    .fetch_all(&self.pool)
                    .await
                    .map_err(other)?;
                let answers: Vec<(i64, i64, String, Option<String>)> = sqlx::query_as(
                    "SELECT a.response_id, a.question_id, a.value, a.words \
                     FROM campaign_answers a JOIN campaign_responses r ON r.id = a.response_id \
                     WHERE r.campaign_id = $1 ORDER BY a.response_id, a.id",
                )
                .bind(campaign)
                .fetch_all(&self.pool)
                .await
                .map_err(other)?;
                let mut answers = answers.into_iter().peekable();
                Ok(sets
                    .into_iter()
                    .map(|(id, neighbourhood, assisted_by, created_at, good, better)| {
                        let mut mine = Vec::new();
                        while let Some((_, q, v, w)) = answers.next_if(|a| a.0 == id) {
                            mine.push((q, v, w));
                        }
                        app::server::store::AnswerSetRow {
                            id,
                            neighbourhood,
                            assisted_by,
                            created_at,
                            answers: mine,
                            good,
                            better,
                        }
                    })
                    .collect())
            }

            #[tracing::instrument(skip_all)]
            async fn fft_counts(
                &self,
                query: &app::server::store::CountQuery,
            ) -> Result<Vec<app::server::store::FftCount>, app::server::StoreError> {
                // From the counts kept as answers arrive (neighbourhood 0: none given).
                let sql = format!(
                    "SELECT x.neighbourhood_id, x.month, x.fft, CAST(sum(x.count) AS BIGINT) \
                     FROM feedback_fft_counts x \
                     WHERE {} GROUP BY x.neighbourhood_id, x.month, x.fft",
                    $crate::db::sql::campaigns::COUNT_FILTER
                );
                let rows: Vec<(i64, i64, String, i64)> = sqlx::query_as(&sql)
                    .bind(query.from_month)
                    .bind(query.to_month)
                    .bind(query.neighbourhood.map_or(0, |n| n.0))
                    .bind(query.campaign.unwrap_or(0))
                    .fetch_all(&self.pool)
                    .await
                    .map_err($crate::db::rows::other)?;
                Ok(rows
                    .into_iter()
                    .map(|(n, month, fft, count)| app::server::store::FftCount {
                        neighbourhood: (n != 0).then_some(app::domain::ids::NeighbourhoodId(n)),
                        month,
                        fft,
                        count,
                    })
                    .collect())
            }

            #[tracing::instrument(skip_all)]
            async fn tag_counts(
                &self,
                query: &app::server::store::CountQuery,
            ) -> Result<Vec<(String, i64)>, app::server::StoreError> {
                let sql = format!(
                    "SELECT x.statements, CAST(sum(x.count) AS BIGINT) FROM feedback_tag_counts x \
                     WHERE {} GROUP BY x.statements",
                    $crate::db::sql::campaigns::COUNT_FILTER
                );
                sqlx::query_as(&sql)
                    .bind(query.from_month)
                    .bind(query.to_month)
                    .bind(query.neighbourhood.map_or(0, |n| n.0))
                    .bind(query.campaign.unwrap_or(0))
                    .fetch_all(&self.pool)
                    .await
                    .map_err($crate::db::rows::other)
            }

            #[tracing::instrument(skip_all)]
            async fn answer_counts(
                &self,
                query: &app::server::store::CountQuery,
            ) -> Result<Vec<app::server::store::AnswerCount>, app::server::StoreError> {
                let sql = format!(
                    "SELECT x.campaign_id, a.question_id, a.value, count(*) \
                     FROM campaign_responses x JOIN campaign_answers a ON a.response_id = x.id \
                     JOIN campaign_questions q ON q.id = a.question_id \
                     WHERE {} AND q.kind IN ('rating', 'statement', 'one', 'several') \
                     GROUP BY x.campaign_id, a.question_id, a.value",
                    $crate::db::sql::campaigns::COUNT_FILTER
                );
                let rows: Vec<(i64, i64, String, i64)> = sqlx::query_as(&sql)
                    .bind(query.from_month)
                    .bind(query.to_month)
                    .bind(query.neighbourhood.map_or(0, |n| n.0))
                    .bind(query.campaign.unwrap_or(0))
                    .fetch_all(&self.pool)
                    .await
                    .map_err($crate::db::rows::other)?;
                Ok(rows
                    .into_iter()
                    .map(|(campaign, question, value, count)| app::server::store::AnswerCount {
                        campaign,
                        question,
                        value,
                        count,
                    })
                    .collect())
            }
        }
    };
}

pub(crate) use impl_campaign_store;
