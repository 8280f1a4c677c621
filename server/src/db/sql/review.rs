//! The team's queue: `team_queue`, one row per resident who shares something, refreshed by
//! `refresh_queue` inside every transaction that can change it (a save, a change of sharing, a
//! move). Shared by both backends through `impl_review_store!` (see `super`).

/// Puts the resident's queue row right: removed if they share nothing or have no home ward,
/// otherwise their neighbourhood, when a shared part last changed (or sharing began), whether
/// they have recorded communication needs, whether they share an active goal (the latest
/// version's body, as serde writes it, says `"lifecycle":"active"`: a resident's own text cannot,
/// since its quotes are escaped), whether a goal the team proposed waits for their answer, and
/// whether any version of a shared part (needs,
/// an About Me section, a goal) is newer than the team's last acknowledgement of it. Bind the
/// resident as `$1`.
///
/// Saves for one resident can run at the same moment: the row is upserted (so two refreshes
/// never collide on its key), and its change time never goes back (a refresh that could not
/// see the other's new version keeps the later time). `refresh_queue` first locks the
/// resident's person row on PostgreSQL (`lock_resident`; SQLite's writers take turns anyway),
/// so one resident's refreshes take turns and each reads what the one before committed.
/// A team's queue counts: everyone, with needs, not yet read, and the oldest change not yet
/// read. Both parts come from an index alone: the counts from `team_queue_counts_idx`, the
/// oldest from the end of `team_queue_unacknowledged_idx` (as one aggregate over the rows,
/// SQLite read each of a team's thousands of rows from the table: 3-4 ms at city size).
/// Bind the neighbourhood as `$1`.
pub const QUEUE_COUNTS: &str = "SELECT count(*), sum(CASE WHEN has_needs THEN 1 ELSE 0 END), \
        sum(CASE WHEN unacknowledged THEN 1 ELSE 0 END), \
        (SELECT min(u.last_change_at) FROM team_queue u \
          WHERE u.neighbourhood_id = $1 AND u.unacknowledged = TRUE) \
    FROM team_queue WHERE neighbourhood_id = $1";

pub const REFRESH_DELETE: &str = "DELETE FROM team_queue WHERE resident_id = $1 \
    AND NOT EXISTS (SELECT 1 FROM shares s JOIN people p ON p.id = s.resident_id \
                    WHERE s.resident_id = $1 AND p.home_ward_id IS NOT NULL)";
/// The resident's queue row as their record and sharing are now. "Has needs" follows the latest
/// version of the needs: one saved with nothing in it (the needs as the page saves them when
/// every box is cleared, checked by a test below) means none.
pub const REFRESH_INSERT: &str = "INSERT INTO team_queue \
        (resident_id, neighbourhood_id, last_change_at, has_needs, unacknowledged, \
         active_goals, open_proposals) \
    SELECT p.id, w.neighbourhood_id, \
        coalesce((SELECT max(v.created_at) FROM record_versions v JOIN shares s2 \
                    ON s2.resident_id = v.resident_id \
                   AND (s2.scope = 'needs' AND v.kind = 'needs' \
                        OR s2.scope = 'goals' AND v.kind IN ('goal', 'goal-note') \
                        OR s2.scope = 'statements' AND v.kind = 'statement' \
                        OR v.kind = 'about-me' AND s2.scope = 'about-me:' || v.item_key) \
                  WHERE v.resident_id = p.id), \
                 (SELECT min(s3.shared_at) FROM shares s3 WHERE s3.resident_id = p.id)), \
        EXISTS (SELECT 1 FROM record_versions n WHERE n.resident_id = p.id AND n.kind = 'needs' \
                   AND n.body <> '{\"formats\":[],\"support\":[],\"professionals\":[],\"language\":null,\"interpreter\":false,\"contact\":[],\"avoid_times\":null,\"how_to_talk\":null}' \
                   AND n.version = (SELECT max(n2.version) FROM record_versions n2 \
                        WHERE n2.resident_id = n.resident_id AND n2.kind = 'needs')), \
        EXISTS (SELECT 1 FROM record_versions u JOIN shares s4 ON s4.resident_id = u.resident_id \
                   AND (s4.scope = 'needs' AND u.kind = 'needs' \
                        OR s4.scope = 'goals' AND u.kind = 'goal' \
                        OR u.kind = 'about-me' AND s4.scope = 'about-me:' || u.item_key) \
                 WHERE u.resident_id = p.id \
                   AND NOT EXISTS (SELECT 1 FROM acknowledgements a \
                        WHERE a.resident_id = u.resident_id \
                          AND a.neighbourhood_id = w.neighbourhood_id AND a.kind = u.kind \
                          AND a.item_key = u.item_key AND a.version >= u.version)), \
        EXISTS (SELECT 1 FROM record_versions g JOIN shares s5 ON s5.resident_id = g.resident_id \
                   AND s5.scope = 'goals' \
                 WHERE g.resident_id = p.id AND g.kind = 'goal' \
                   AND g.body LIKE '%\"lifecycle\":\"active\"%' \
                   AND g.version = (SELECT max(g2.version) FROM record_versions g2 \
                        WHERE g2.resident_id = g.resident_id AND g2.kind = 'goal' \
                          AND g2.item_key = g.item_key)), \
        EXISTS (SELECT 1 FROM goal_proposals gp WHERE gp.resident_id = p.id \
                   AND gp.neighbourhood_id = w.neighbourhood_id AND gp.status = 'proposed') \
    FROM people p JOIN wards w ON w.id = p.home_ward_id \
    WHERE p.id = $1 AND EXISTS (SELECT 1 FROM shares s WHERE s.resident_id = p.id) \
    ON CONFLICT (resident_id) DO UPDATE SET \
        neighbourhood_id = excluded.neighbourhood_id, \
        last_change_at = CASE WHEN excluded.last_change_at > team_queue.last_change_at \
            OR excluded.neighbourhood_id <> team_queue.neighbourhood_id \
            THEN excluded.last_change_at ELSE team_queue.last_change_at END, \
        has_needs = excluded.has_needs, \
        unacknowledged = excluded.unacknowledged, \
        active_goals = excluded.active_goals, \
        open_proposals = excluded.open_proposals";

/// Queue rows with the resident's name and ward, `looked` as the changed-since-I-looked
/// column, and whether a message from the resident (or their carer) to this team has no
/// response after it on its part (append a WHERE and ORDER BY). The last is worked out for the
/// page's rows only, each from `responses_part_idx`.
pub fn queue_select(looked: &str) -> String {
    format!("{QUEUE_COLUMNS}{looked}{}", queue_from())
}

/// The queue's columns up to the changed-since-I-looked one, which follows them.
pub const QUEUE_COLUMNS: &str = "SELECT q.resident_id, p.display_name, w.name, \
    q.last_change_at, q.has_needs, q.unacknowledged, ";

/// The rest of `queue_select` after the changed-since-I-looked column.
pub fn queue_from() -> String {
    format!(
        ", {UNANSWERED} \
         FROM team_queue q JOIN people p ON p.id = q.resident_id \
         JOIN wards w ON w.id = p.home_ward_id"
    )
}

/// A message from the resident's side on a part they still share, with no response from the
/// queue's team on that part after it. (A part they stopped sharing is not on the team's page,
/// so nobody could answer it there.)
const UNANSWERED: &str = "EXISTS (SELECT 1 FROM responses r \
    WHERE r.resident_id = q.resident_id AND r.neighbourhood_id = q.neighbourhood_id \
      AND r.from_team = FALSE \
      AND EXISTS (SELECT 1 FROM shares s WHERE s.resident_id = r.resident_id \
           AND (s.scope = 'needs' AND r.kind = 'needs' OR s.scope = 'goals' AND r.kind = 'goal' \
                OR r.kind = 'about-me' AND s.scope = 'about-me:' || r.item_key)) \
      AND NOT EXISTS (SELECT 1 FROM responses t \
           WHERE t.resident_id = r.resident_id AND t.kind = r.kind AND t.item_key = r.item_key \
             AND t.neighbourhood_id = r.neighbourhood_id AND t.from_team = TRUE \
             AND t.id > r.id))";

/// Whether a shared part changed since a member of staff last opened the record (their reads
/// are in the resident's access log): this, the member of staff's id bound, then
/// `CHANGED_SINCE_LOOKED_END`.
pub const CHANGED_SINCE_LOOKED: &str = "NOT EXISTS (SELECT 1 FROM access_log l \
    WHERE l.resident_id = q.resident_id AND l.actor_id = ";
pub const CHANGED_SINCE_LOOKED_END: &str =
    " AND l.action = 'read' AND l.created_at >= q.last_change_at)";

/// A page of the team's queue (`ReviewStore::team_queue`), the neighbourhood bound first.
/// Newest first; after a key, strictly older (ties broken by resident id). The filters are
/// each one condition on the queue row (or its resident), so the page is still one walk down
/// the neighbourhood's index.
///
/// The statement holds only the filters that are on, so each combination is its own prepared
/// statement with its own plan. Written once with every filter in it as `($n = FALSE OR …)`,
/// PostgreSQL's plan for any values (its "generic plan", which it may use from a statement's
/// sixth run on a connection) could not walk that index: it sorted the whole neighbourhood,
/// and the first page took 55-63 ms at 10 % of the city instead of 1 ms.
pub fn queue_page<'a, DB>(
    sql: &mut sqlx::QueryBuilder<'a, DB>,
    neighbourhood: i64,
    query: &app::server::store::QueueQuery,
) where
    DB: sqlx::Database,
    i64: sqlx::Encode<'a, DB> + sqlx::Type<DB>,
    String: sqlx::Encode<'a, DB> + sqlx::Type<DB>,
{
    let viewer = query.viewer.map_or(0, |v| v.0);
    sql.push(QUEUE_COLUMNS)
        .push(CHANGED_SINCE_LOOKED)
        .push_bind(viewer)
        .push(CHANGED_SINCE_LOOKED_END)
        .push(queue_from())
        .push(" WHERE q.neighbourhood_id = ")
        .push_bind(neighbourhood);
    if let Some((at, resident)) = query.after {
        sql.push(" AND (q.last_change_at < ")
            .push_bind(at)
            .push(" OR (q.last_change_at = ")
            .push_bind(at)
            .push(" AND q.resident_id < ")
            .push_bind(resident.0)
            .push("))");
    }
    if query.unacknowledged_only {
        sql.push(" AND q.unacknowledged");
    }
    if query.needs_only {
        sql.push(" AND q.has_needs");
    }
    if query.since_looked && query.viewer.is_some() {
        sql.push(" AND ")
            .push(CHANGED_SINCE_LOOKED)
            .push_bind(viewer)
            .push(CHANGED_SINCE_LOOKED_END);
    }
    if query.active_goals {
        sql.push(" AND q.active_goals");
    }
    if query.open_proposals {
        sql.push(" AND q.open_proposals");
    }
    if let Some(ward) = query.ward.as_ref().filter(|w| !w.is_empty()) {
        sql.push(" AND w.code = ").push_bind(ward.clone());
    }
    if let Some(name) = &query.name {
        sql.push(" AND lower(p.display_name) LIKE ")
            .push_bind(name_pattern(name))
            .push(" ESCAPE '\\'");
    }
    sql.push(" ORDER BY q.last_change_at DESC, q.resident_id DESC LIMIT ")
        .push_bind(query.limit);
}

/// A name search as a LIKE pattern (any case; `%`, `_` and `\\` typed are themselves).
pub fn name_pattern(name: &str) -> String {
    let mut pattern = String::from("%");
    for c in name.to_lowercase().chars() {
        if matches!(c, '%' | '_' | '\\') {
            pattern.push('\\');
        }
        pattern.push(c);
    }
    pattern.push('%');
    pattern
}

pub type QueueSqlRow = (i64, String, String, i64, bool, bool, bool, bool);

pub fn queue_row(row: QueueSqlRow) -> app::server::store::QueueRow {
    app::server::store::QueueRow {
        resident: app::domain::ids::PersonId(row.0),
        name: row.1,
        ward: row.2,
        last_change_at: row.3,
        has_needs: row.4,
        unacknowledged: row.5,
        changed_since_looked: row.6,
        unanswered: row.7,
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
                let mut sql = sqlx::QueryBuilder::<$db>::new("");
                $crate::db::sql::review::queue_page(&mut sql, neighbourhood.0, query);
                let rows: Vec<$crate::db::sql::review::QueueSqlRow> = sql
                    .build_query_as()
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
                type Row = (i64, Option<i64>, Option<i64>, Option<i64>);
                let (all, needs, unread, oldest): Row =
                    sqlx::query_as($crate::db::sql::review::QUEUE_COUNTS)
                        .bind(neighbourhood.0)
                        .fetch_one(&self.pool)
                        .await
                        .map_err($crate::db::rows::other)?;
                Ok(app::server::store::QueueCounts {
                    all,
                    with_needs: needs.unwrap_or(0),
                    unacknowledged: unread.unwrap_or(0),
                    oldest_unacknowledged: oldest,
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
                // The row says they are this team's; their home ward and their sharing, read
                // now, must say so too (access never rests on the kept row alone).
                let sql = format!(
                    "{} WHERE q.neighbourhood_id = $1 AND q.resident_id = $2 \
                       AND w.neighbourhood_id = q.neighbourhood_id \
                       AND EXISTS (SELECT 1 FROM shares s WHERE s.resident_id = q.resident_id)",
                    $crate::db::sql::review::queue_select("FALSE")
                );
                let row: Option<$crate::db::sql::review::QueueSqlRow> = sqlx::query_as(&sql)
                    .bind(neighbourhood.0)
                    .bind(resident.0)
                    .fetch_optional(&self.pool)
                    .await
                    .map_err($crate::db::rows::other)?;
                Ok(row.map($crate::db::sql::review::queue_row))
            }

            #[tracing::instrument(skip_all)]
            async fn add_message(
                &self,
                message: &app::server::store::NewMessage<'_>,
            ) -> Result<(), app::server::StoreError> {
                use $crate::db::rows::{now_millis, other};
                let now = now_millis();
                let by = message.by;
                let mut tx = self.begin_write().await?;
                Self::check_carer(&mut tx, message.resident, by, Some(message.scope), now).await?;
                let neighbourhood = match message.neighbourhood {
                    Some(n) => n.0,
                    None => sqlx::query_scalar(
                        "SELECT neighbourhood_id FROM team_queue WHERE resident_id = $1",
                    )
                    .bind(message.resident.0)
                    .fetch_optional(&mut *tx)
                    .await
                    .map_err(other)?
                    .ok_or(app::server::StoreError::NotFound)?,
                };
                sqlx::query(
                    "INSERT INTO responses (resident_id, neighbourhood_id, kind, item_key, \
                         author_id, author_name, author_role, team_name, acting_for_id, \
                         from_team, body, created_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
                )
                .bind(message.resident.0)
                .bind(neighbourhood)
                .bind(message.kind.code())
                .bind(message.key)
                .bind(by.id.0)
                .bind(by.name.as_str())
                .bind(by.role.code())
                .bind(by.team.as_deref())
                .bind(by.acting_for.map(|p| p.0))
                .bind(message.from_team)
                .bind(message.body)
                .bind(now)
                .execute(&mut *tx)
                .await
                .map_err(other)?;
                if by.id != message.resident {
                    Self::insert_access(&mut tx, message.resident, by, message.scope, "respond", now)
                        .await?;
                }
                if !message.from_team {
                    // A reply is news for the team: the resident moves up its queue.
                    sqlx::query(
                        "UPDATE team_queue SET last_change_at = $2 \
                         WHERE resident_id = $1 AND last_change_at < $2",
                    )
                    .bind(message.resident.0)
                    .bind(now)
                    .execute(&mut *tx)
                    .await
                    .map_err(other)?;
                }
                tx.commit().await.map_err(other)
            }

            #[tracing::instrument(skip_all)]
            async fn messages(
                &self,
                resident: app::domain::ids::PersonId,
            ) -> Result<Vec<app::server::store::MessageRow>, app::server::StoreError> {
                type Row = (
                    i64, String, String, String, String, Option<String>, Option<i64>, bool,
                    String, i64, Option<i64>,
                );
                let rows: Vec<Row> = sqlx::query_as(
                    "SELECT neighbourhood_id, kind, item_key, author_name, author_role, team_name, \
                         acting_for_id, from_team, body, created_at, seen_at \
                     FROM responses WHERE resident_id = $1 ORDER BY id",
                )
                .bind(resident.0)
                .fetch_all(&self.pool)
                .await
                .map_err($crate::db::rows::other)?;
                Ok(rows
                    .into_iter()
                    .map(|r| app::server::store::MessageRow {
                        neighbourhood: app::domain::ids::NeighbourhoodId(r.0),
                        kind: r.1,
                        key: r.2,
                        author_name: r.3,
                        author_role: r.4,
                        team_name: r.5,
                        acting_for: r.6.map(app::domain::ids::PersonId),
                        from_team: r.7,
                        body: r.8,
                        created_at: r.9,
                        seen_at: r.10,
                    })
                    .collect())
            }

            #[tracing::instrument(skip_all)]
            async fn mark_seen(
                &self,
                resident: app::domain::ids::PersonId,
                kind: app::server::store::PartKind,
                key: &str,
            ) -> Result<(), app::server::StoreError> {
                sqlx::query(
                    "UPDATE responses SET seen_at = $4 WHERE resident_id = $1 AND kind = $2 \
                     AND item_key = $3 AND from_team AND seen_at IS NULL",
                )
                .bind(resident.0)
                .bind(kind.code())
                .bind(key)
                .bind($crate::db::rows::now_millis())
                .execute(&self.pool)
                .await
                .map_err($crate::db::rows::other)?;
                Ok(())
            }

            #[tracing::instrument(skip_all)]
            async fn propose_goal(
                &self,
                proposal: &app::server::store::NewProposal<'_>,
            ) -> Result<i64, app::server::StoreError> {
                use $crate::db::rows::{now_millis, other};
                let now = now_millis();
                let by = proposal.by;
                let mut tx = self.begin_write().await?;
                let id: i64 = sqlx::query_scalar(
                    "INSERT INTO goal_proposals (resident_id, neighbourhood_id, staff_id, \
                         staff_name, staff_role, team_name, description, why, status, created_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'proposed', $9) RETURNING id",
                )
                .bind(proposal.resident.0)
                .bind(proposal.neighbourhood.0)
                .bind(by.id.0)
                .bind(by.name.as_str())
                .bind(by.role.code())
                .bind(by.team.as_deref().unwrap_or_default())
                .bind(proposal.description)
                .bind(proposal.why)
                .bind(now)
                .fetch_one(&mut *tx)
                .await
                .map_err(other)?;
                Self::insert_access(&mut tx, proposal.resident, by, "goals", "propose-goal", now)
                    .await?;
                Self::refresh_queue(&mut tx, proposal.resident).await?;
                tx.commit().await.map_err(other)?;
                Ok(id)
            }

            #[tracing::instrument(skip_all)]
            async fn proposals(
                &self,
                resident: app::domain::ids::PersonId,
            ) -> Result<Vec<app::server::store::ProposalRow>, app::server::StoreError> {
                type Row = (
                    i64, i64, String, String, String, String, Option<String>, String,
                    Option<String>, Option<String>, Option<String>, i64, Option<i64>,
                );
                let rows: Vec<Row> = sqlx::query_as(
                    "SELECT id, neighbourhood_id, staff_name, staff_role, team_name, description, \
                         why, status, reason, goal_key, decided_by_name, created_at, decided_at \
                     FROM goal_proposals WHERE resident_id = $1 ORDER BY id DESC",
                )
                .bind(resident.0)
                .fetch_all(&self.pool)
                .await
                .map_err($crate::db::rows::other)?;
                Ok(rows
                    .into_iter()
                    .map(|r| app::server::store::ProposalRow {
                        id: r.0,
                        neighbourhood: app::domain::ids::NeighbourhoodId(r.1),
                        staff_name: r.2,
                        staff_role: r.3,
                        team_name: r.4,
                        description: r.5,
                        why: r.6,
                        status: r.7,
                        reason: r.8,
                        goal_key: r.9,
                        decided_by_name: r.10,
                        created_at: r.11,
                        decided_at: r.12,
                    })
                    .collect())
            }

            #[tracing::instrument(skip_all)]
            async fn decide_proposal(
                &self,
                decision: &app::server::store::ProposalDecision<'_>,
            ) -> Result<(), app::server::StoreError> {
                use $crate::db::rows::{now_millis, other};
                let now = now_millis();
                let by = decision.by;
                let mut tx = self.begin_write().await?;
                Self::check_carer(&mut tx, decision.resident, by, Some("goals"), now).await?;
                let status: Option<String> = sqlx::query_scalar(
                    "SELECT status FROM goal_proposals WHERE id = $1 AND resident_id = $2",
                )
                .bind(decision.proposal)
                .bind(decision.resident.0)
                .fetch_optional(&mut *tx)
                .await
                .map_err(other)?;
                match status.as_deref() {
                    None => return Err(app::server::StoreError::NotFound),
                    Some("proposed") => {}
                    Some(_) => return Err(app::server::StoreError::Conflict("decided")),
                }
                if let Some((key, body)) = decision.accept {
                    sqlx::query(
                        "INSERT INTO record_versions (resident_id, kind, item_key, version, body, \
                             author_id, acting_for_id, created_at) \
                         VALUES ($1, 'goal', $2, 1, $3, $4, $1, $5)",
                    )
                    .bind(decision.resident.0)
                    .bind(key)
                    .bind(body)
                    .bind(by.id.0)
                    .bind(now)
                    .execute(&mut *tx)
                    .await
                    .map_err(other)?;
                }
                if by.id != decision.resident {
                    Self::insert_access(&mut tx, decision.resident, by, "goals", "write", now)
                        .await?;
                }
                // Only a proposal still waiting changes: two answers at once, one wins.
                let changed = sqlx::query(
                    "UPDATE goal_proposals SET status = $3, reason = $4, goal_key = $5, \
                         decided_by = $6, decided_by_name = $7, decided_at = $8 \
                     WHERE id = $1 AND resident_id = $2 AND status = 'proposed'",
                )
                .bind(decision.proposal)
                .bind(decision.resident.0)
                .bind(if decision.accept.is_some() { "active" } else { "rejected" })
                .bind(decision.reason)
                .bind(decision.accept.map(|a| a.0))
                .bind(by.id.0)
                .bind(if by.acting_for.is_some() {
                    format!("{} (carer)", by.name)
                } else {
                    by.name.clone()
                })
                .bind(now)
                .execute(&mut *tx)
                .await
                .map_err(other)?
                .rows_affected();
                if changed != 1 {
                    return Err(app::server::StoreError::Conflict("decided"));
                }
                Self::refresh_queue(&mut tx, decision.resident).await?;
                tx.commit().await.map_err(other)
            }

            #[tracing::instrument(skip_all)]
            async fn team_activity(
                &self,
                team: app::domain::ids::TeamId,
                neighbourhood: app::domain::ids::NeighbourhoodId,
                since: i64,
            ) -> Result<Vec<(String, i64)>, app::server::StoreError> {
                let staff: Vec<(String, i64)> = sqlx::query_as(
                    "SELECT p.display_name, (SELECT count(*) FROM acknowledgements a \
                         WHERE a.staff_id = p.id AND a.neighbourhood_id = $2 \
                           AND a.created_at >= $3) AS acks \
                     FROM people p WHERE p.team_id = $1 AND p.active \
                     ORDER BY acks DESC, p.display_name",
                )
                .bind(team.0)
                .bind(neighbourhood.0)
                .bind(since)
                .fetch_all(&self.pool)
                .await
                .map_err($crate::db::rows::other)?;
                Ok(staff)
            }

            #[tracing::instrument(skip_all)]
            async fn statement_answers(
                &self,
                neighbourhood: app::domain::ids::NeighbourhoodId,
            ) -> Result<Vec<app::server::store::StatementAnswerRow>, app::server::StoreError> {
                let rows: Vec<(i64, String, String, i64)> = sqlx::query_as(
                    "SELECT v.resident_id, v.item_key, v.body, v.created_at \
                     FROM team_queue q JOIN record_versions v ON v.resident_id = q.resident_id \
                     WHERE q.neighbourhood_id = $1 AND v.kind = 'statement' \
                       AND EXISTS (SELECT 1 FROM shares s \
                                    WHERE s.resident_id = q.resident_id AND s.scope = 'statements') \
                     ORDER BY v.resident_id, v.item_key, v.version",
                )
                .bind(neighbourhood.0)
                .fetch_all(&self.pool)
                .await
                .map_err($crate::db::rows::other)?;
                Ok(rows
                    .into_iter()
                    .map(|r| app::server::store::StatementAnswerRow {
                        resident: app::domain::ids::PersonId(r.0),
                        code: r.1,
                        body: r.2,
                        created_at: r.3,
                    })
                    .collect())
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
                Self::lock_resident(tx, resident).await?;
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

#[cfg(test)]
mod tests {
    /// The needs `REFRESH_INSERT` takes for none are exactly what the needs page saves when
    /// every box is cleared.
    #[test]
    fn no_needs_in_the_queue_sql_are_the_needs_the_page_saves_empty() {
        let empty = serde_json::to_string(&app::domain::needs::Needs::default()).unwrap();
        assert!(
            super::REFRESH_INSERT.contains(&format!("n.body <> '{empty}'")),
            "{empty}"
        );
    }
}
