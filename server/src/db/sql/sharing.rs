//! Sharing and the access log: `shares` (what is shared now), `consent_events` (every change)
//! and `access_log`, the last two append-only (the migration's triggers refuse updates and
//! deletes). Shared by both backends through `impl_sharing_store!` (see `super`).

/// Access-log entries (append a WHERE and ORDER BY).
pub const ACCESS_SELECT: &str = "SELECT id, actor_id, actor_name, actor_role, actor_team, \
        acting_for_id, scope, action, created_at FROM access_log";

macro_rules! impl_sharing_store {
    ($store:ty, $db:ty) => {
        #[async_trait::async_trait]
        impl app::server::store::SharingStore for $store {
            #[tracing::instrument(skip_all)]
            async fn shares(
                &self,
                resident: app::domain::ids::PersonId,
            ) -> Result<Vec<app::server::store::ShareRow>, app::server::StoreError> {
                let rows: Vec<(String, i64, i64, String)> = sqlx::query_as(
                    "SELECT s.scope, s.shared_at, s.shared_by, p.display_name \
                     FROM shares s JOIN people p ON p.id = s.shared_by \
                     WHERE s.resident_id = $1 ORDER BY s.scope",
                )
                .bind(resident.0)
                .fetch_all(&self.pool)
                .await
                .map_err($crate::db::rows::other)?;
                Ok(rows
                    .into_iter()
                    .map(|(scope, shared_at, by, name)| app::server::store::ShareRow {
                        scope,
                        shared_at,
                        shared_by: app::domain::ids::PersonId(by),
                        shared_by_name: name,
                    })
                    .collect())
            }

            #[tracing::instrument(skip_all)]
            async fn set_shares(
                &self,
                resident: app::domain::ids::PersonId,
                by: &app::server::store::Accessor,
                scopes: &[String],
            ) -> Result<usize, app::server::StoreError> {
                use $crate::db::rows::{now_millis, other};
                let now = now_millis();
                let mut tx = self.begin_write().await?;
                // Two saves of the sharing form at once (a double click) take turns: the second
                // finds the first's shares and changes nothing, rather than adding them again.
                Self::lock_resident(&mut tx, resident).await?;
                let current: Vec<(String,)> =
                    sqlx::query_as("SELECT scope FROM shares WHERE resident_id = $1")
                        .bind(resident.0)
                        .fetch_all(&mut *tx)
                        .await
                        .map_err(other)?;
                let current: Vec<String> = current.into_iter().map(|(s,)| s).collect();
                let started = scopes.iter().filter(|s| !current.contains(s));
                let stopped = current.iter().filter(|s| !scopes.contains(s));
                let changes: Vec<(&String, bool)> = started
                    .map(|s| (s, true))
                    .chain(stopped.map(|s| (s, false)))
                    .collect();
                for (scope, shared) in &changes {
                    if *shared {
                        sqlx::query(
                            "INSERT INTO shares (resident_id, scope, shared_at, shared_by) \
                             VALUES ($1, $2, $3, $4)",
                        )
                        .bind(resident.0)
                        .bind(scope.as_str())
                        .bind(now)
                        .bind(by.id.0)
                        .execute(&mut *tx)
                        .await
                        .map_err(other)?;
                    } else {
                        sqlx::query("DELETE FROM shares WHERE resident_id = $1 AND scope = $2")
                            .bind(resident.0)
                            .bind(scope.as_str())
                            .execute(&mut *tx)
                            .await
                            .map_err(other)?;
                    }
                    sqlx::query(
                        "INSERT INTO consent_events (resident_id, scope, shared, actor_id, created_at) \
                         VALUES ($1, $2, $3, $4, $5)",
                    )
                    .bind(resident.0)
                    .bind(scope.as_str())
                    .bind(*shared)
                    .bind(by.id.0)
                    .bind(now)
                    .execute(&mut *tx)
                    .await
                    .map_err(other)?;
                    let action = if *shared { "share" } else { "stop-sharing" };
                    Self::insert_access(&mut tx, resident, by, scope, action, now).await?;
                }
                if !changes.is_empty() {
                    Self::refresh_queue(&mut tx, resident).await?;
                }
                tx.commit().await.map_err(other)?;
                Ok(changes.len())
            }

            #[tracing::instrument(skip_all)]
            async fn consent_history(
                &self,
                resident: app::domain::ids::PersonId,
            ) -> Result<Vec<app::server::store::ConsentRow>, app::server::StoreError> {
                let rows: Vec<(i64, String, bool, i64, String, i64)> = sqlx::query_as(
                    "SELECT c.id, c.scope, c.shared, c.actor_id, p.display_name, c.created_at \
                     FROM consent_events c JOIN people p ON p.id = c.actor_id \
                     WHERE c.resident_id = $1 ORDER BY c.id DESC",
                )
                .bind(resident.0)
                .fetch_all(&self.pool)
                .await
                .map_err($crate::db::rows::other)?;
                Ok(rows
                    .into_iter()
                    .map(|(id, scope, shared, actor, actor_name, created_at)| {
                        app::server::store::ConsentRow {
                            id,
                            scope,
                            shared,
                            actor: app::domain::ids::PersonId(actor),
                            actor_name,
                            created_at,
                        }
                    })
                    .collect())
            }

            #[tracing::instrument(skip_all)]
            async fn move_home(
                &self,
                resident: app::domain::ids::PersonId,
                ward: app::domain::ids::WardId,
                by: &app::server::store::Accessor,
            ) -> Result<(), app::server::StoreError> {
                use $crate::db::rows::{now_millis, other};
                let mut tx = self.begin_write().await?;
                let moved = sqlx::query(
                    "UPDATE people SET home_ward_id = $2 WHERE id = $1 AND role = 'resident'",
                )
                .bind(resident.0)
                .bind(ward.0)
                .execute(&mut *tx)
                .await
                .map_err(other)?;
                if moved.rows_affected() == 0 {
                    return Err(app::server::StoreError::NotFound);
                }
                Self::insert_access(&mut tx, resident, by, "where-i-live", "move", now_millis())
                    .await?;
                Self::refresh_queue(&mut tx, resident).await?;
                tx.commit().await.map_err(other)
            }

            #[tracing::instrument(skip_all)]
            async fn log_access(
                &self,
                resident: app::domain::ids::PersonId,
                by: &app::server::store::Accessor,
                scopes: &[&str],
                action: &str,
            ) -> Result<(), app::server::StoreError> {
                use $crate::db::rows::{now_millis, other};
                let now = now_millis();
                let mut tx = self.begin_write().await?;
                for scope in scopes {
                    Self::insert_access(&mut tx, resident, by, scope, action, now).await?;
                }
                tx.commit().await.map_err(other)
            }

            #[tracing::instrument(skip_all)]
            async fn access_log(
                &self,
                resident: app::domain::ids::PersonId,
                query: &app::server::store::AccessQuery,
            ) -> Result<Vec<app::server::store::AccessRow>, app::server::StoreError> {
                // Absent filters are bound as NULL and match everything, so there is one
                // statement (one plan) for every combination.
                let sql = format!(
                    "{} WHERE resident_id = $1 AND ($2 IS NULL OR id < $2) \
                       AND ($3 IS NULL OR actor_id = $3) AND ($4 IS NULL OR scope = $4) \
                     ORDER BY id DESC LIMIT $5",
                    $crate::db::sql::sharing::ACCESS_SELECT
                );
                type Row = (i64, i64, String, String, Option<String>, Option<i64>, String, String, i64);
                let rows: Vec<Row> = sqlx::query_as(&sql)
                    .bind(resident.0)
                    .bind(query.before)
                    .bind(query.actor.map(|a| a.0))
                    .bind(query.scope.as_deref())
                    .bind(query.limit)
                    .fetch_all(&self.pool)
                    .await
                    .map_err($crate::db::rows::other)?;
                Ok(rows
                    .into_iter()
                    .map(|(id, actor, actor_name, actor_role, actor_team, acting_for, scope, action, created_at)| {
                        app::server::store::AccessRow {
                            id,
                            actor: app::domain::ids::PersonId(actor),
                            actor_name,
                            actor_role,
                            actor_team,
                            acting_for: acting_for.map(app::domain::ids::PersonId),
                            scope,
                            action,
                            created_at,
                        }
                    })
                    .collect())
            }

            #[tracing::instrument(skip_all)]
            async fn access_log_people(
                &self,
                resident: app::domain::ids::PersonId,
            ) -> Result<Vec<(app::domain::ids::PersonId, String)>, app::server::StoreError> {
                let rows: Vec<(i64, String)> = sqlx::query_as(
                    "SELECT DISTINCT actor_id, actor_name FROM access_log \
                     WHERE resident_id = $1 ORDER BY actor_name, actor_id",
                )
                .bind(resident.0)
                .fetch_all(&self.pool)
                .await
                .map_err($crate::db::rows::other)?;
                Ok(rows
                    .into_iter()
                    .map(|(id, name)| (app::domain::ids::PersonId(id), name))
                    .collect())
            }
        }

        impl $store {
            async fn insert_access(
                tx: &mut sqlx::Transaction<'static, $db>,
                resident: app::domain::ids::PersonId,
                by: &app::server::store::Accessor,
                scope: &str,
                action: &str,
                at: i64,
            ) -> Result<(), app::server::StoreError> {
                sqlx::query(
                    "INSERT INTO access_log (resident_id, actor_id, actor_name, actor_role, \
                         actor_team, acting_for_id, scope, action, created_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
                )
                .bind(resident.0)
                .bind(by.id.0)
                .bind(by.name.as_str())
                .bind(by.role.code())
                .bind(by.team.as_deref())
                .bind(by.acting_for.map(|p| p.0))
                .bind(scope)
                .bind(action)
                .bind(at)
                .execute(&mut **tx)
                .await
                .map_err($crate::db::rows::other)?;
                Ok(())
            }
        }
    };
}

pub(crate) use impl_sharing_store;
