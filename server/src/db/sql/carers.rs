//! Carers: `carer_grants` (an invitation, and once accepted the grant it became) and
//! `carer_grant_scopes` (what each grant allows). Every change is also an access-log entry for
//! the resident (`insert_access`, from the sharing SQL). Shared by both backends through
//! `impl_carer_store!` (see `super`).

/// A grant with its resident's and carer's names and its permissions, one row per permission
/// (append a WHERE; rows come newest grant first, then by scope).
pub const GRANT_SELECT: &str = "SELECT g.id, g.resident_id, r.display_name, g.carer_id, \
        c.display_name, g.carer_name, g.relationship, g.invited_at, g.code_expires_at, \
        g.accepted_at, g.ends_at, g.revoked_at, s.scope, s.can_change \
     FROM carer_grants g JOIN people r ON r.id = g.resident_id \
     LEFT JOIN people c ON c.id = g.carer_id \
     LEFT JOIN carer_grant_scopes s ON s.grant_id = g.id";

pub type GrantSqlRow = (
    i64,
    i64,
    String,
    Option<i64>,
    Option<String>,
    String,
    String,
    i64,
    i64,
    Option<i64>,
    Option<i64>,
    Option<i64>,
    Option<String>,
    Option<bool>,
);

/// Rows of `GRANT_SELECT` (ordered by grant) folded into one `GrantRow` per grant.
pub fn fold(rows: Vec<GrantSqlRow>) -> Vec<app::server::store::GrantRow> {
    use app::domain::ids::PersonId;
    let mut grants: Vec<app::server::store::GrantRow> = Vec::new();
    for row in rows {
        let (id, resident, resident_name, carer, carer_name, name, relationship) =
            (row.0, row.1, row.2, row.3, row.4, row.5, row.6);
        if grants.last().is_none_or(|g| g.id != id) {
            grants.push(app::server::store::GrantRow {
                id,
                resident: PersonId(resident),
                resident_name,
                carer: carer.zip(carer_name).map(|(id, n)| (PersonId(id), n)),
                name,
                relationship,
                times: app::domain::carers::GrantTimes {
                    invited_at: row.7,
                    code_expires_at: row.8,
                    accepted_at: row.9,
                    ends_at: row.10,
                    revoked_at: row.11,
                },
                permissions: Vec::new(),
            });
        }
        if let (Some(scope), Some(change), Some(grant)) = (row.12, row.13, grants.last_mut()) {
            grant.permissions.push((scope, change));
        }
    }
    grants
}

macro_rules! impl_carer_store {
    ($store:ty, $db:ty) => {
        #[async_trait::async_trait]
        impl app::server::store::CarerStore for $store {
            #[tracing::instrument(skip_all)]
            async fn invite_carer(
                &self,
                resident: app::domain::ids::PersonId,
                by: &app::server::store::Accessor,
                grant: &app::server::store::NewGrant,
            ) -> Result<i64, app::server::StoreError> {
                use $crate::db::rows::{now_millis, other};
                let now = now_millis();
                let mut tx = self.begin_write().await?;
                let (id,): (i64,) = sqlx::query_as(
                    "INSERT INTO carer_grants (resident_id, carer_name, relationship, code_hash, \
                         invited_at, code_expires_at, ends_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
                )
                .bind(resident.0)
                .bind(grant.name.as_str())
                .bind(grant.relationship.as_str())
                .bind(grant.code_hash.as_str())
                .bind(now)
                .bind(grant.code_expires_at)
                .bind(grant.ends_at)
                .fetch_one(&mut *tx)
                .await
                .map_err(other)?;
                Self::insert_permissions(&mut tx, id, &grant.permissions).await?;
                Self::insert_access(&mut tx, resident, by, "carers", "invite-carer", now).await?;
                tx.commit().await.map_err(other)?;
                Ok(id)
            }

            #[tracing::instrument(skip_all)]
            async fn carer_grants(
                &self,
                resident: app::domain::ids::PersonId,
            ) -> Result<Vec<app::server::store::GrantRow>, app::server::StoreError> {
                let sql = format!(
                    "{} WHERE g.resident_id = $1 ORDER BY g.id DESC, s.scope",
                    $crate::db::sql::carers::GRANT_SELECT
                );
                let rows: Vec<$crate::db::sql::carers::GrantSqlRow> = sqlx::query_as(&sql)
                    .bind(resident.0)
                    .fetch_all(&self.pool)
                    .await
                    .map_err($crate::db::rows::other)?;
                Ok($crate::db::sql::carers::fold(rows))
            }

            #[tracing::instrument(skip_all)]
            async fn caring_for(
                &self,
                carer: app::domain::ids::PersonId,
            ) -> Result<Vec<app::server::store::GrantRow>, app::server::StoreError> {
                let sql = format!(
                    "{} WHERE g.carer_id = $1 ORDER BY g.id DESC, s.scope",
                    $crate::db::sql::carers::GRANT_SELECT
                );
                let rows: Vec<$crate::db::sql::carers::GrantSqlRow> = sqlx::query_as(&sql)
                    .bind(carer.0)
                    .fetch_all(&self.pool)
                    .await
                    .map_err($crate::db::rows::other)?;
                Ok($crate::db::sql::carers::fold(rows))
            }

            #[tracing::instrument(skip_all)]
            async fn carer_grant(
                &self,
                carer: app::domain::ids::PersonId,
                grant: i64,
            ) -> Result<Option<app::server::store::GrantRow>, app::server::StoreError> {
                let sql = format!(
                    "{} WHERE g.id = $1 AND g.carer_id = $2 ORDER BY g.id DESC, s.scope",
                    $crate::db::sql::carers::GRANT_SELECT
                );
                let rows: Vec<$crate::db::sql::carers::GrantSqlRow> = sqlx::query_as(&sql)
                    .bind(grant)
                    .bind(carer.0)
                    .fetch_all(&self.pool)
                    .await
                    .map_err($crate::db::rows::other)?;
                Ok($crate::db::sql::carers::fold(rows).pop())
            }

            #[tracing::instrument(skip_all)]
            async fn grant_by_code(
                &self,
                code_hash: &str,
            ) -> Result<Option<app::server::store::GrantRow>, app::server::StoreError> {
                let sql = format!(
                    "{} WHERE g.code_hash = $1 ORDER BY g.id DESC, s.scope",
                    $crate::db::sql::carers::GRANT_SELECT
                );
                let rows: Vec<$crate::db::sql::carers::GrantSqlRow> = sqlx::query_as(&sql)
                    .bind(code_hash)
                    .fetch_all(&self.pool)
                    .await
                    .map_err($crate::db::rows::other)?;
                Ok($crate::db::sql::carers::fold(rows).pop())
            }

            #[tracing::instrument(skip_all)]
            async fn accept_carer(
                &self,
                grant: i64,
                by: &app::server::store::Accessor,
                now: i64,
            ) -> Result<(), app::server::StoreError> {
                use $crate::db::rows::other;
                let mut tx = self.begin_write().await?;
                // Taken only if still pending: two people racing for one code, one wins.
                let taken: Option<(i64,)> = sqlx::query_as(
                    "UPDATE carer_grants SET carer_id = $2, accepted_at = $3 \
                     WHERE id = $1 AND carer_id IS NULL AND revoked_at IS NULL \
                       AND code_expires_at > $3 AND resident_id <> $2 \
                     RETURNING resident_id",
                )
                .bind(grant)
                .bind(by.id.0)
                .bind(now)
                .fetch_optional(&mut *tx)
                .await
                .map_err(other)?;
                let Some((resident,)) = taken else {
                    return Err(app::server::StoreError::Conflict("not pending"));
                };
                let resident = app::domain::ids::PersonId(resident);
                // One live grant per carer and resident, also when two of the resident's codes
                // are accepted at once: accepts for one resident take turns here, and the
                // second finds the first's grant.
                Self::lock_resident(&mut tx, resident).await?;
                let others: i64 = sqlx::query_scalar(
                    "SELECT count(*) FROM carer_grants \
                     WHERE resident_id = $1 AND carer_id = $2 AND id <> $3 \
                       AND revoked_at IS NULL AND (ends_at IS NULL OR ends_at > $4)",
                )
                .bind(resident.0)
                .bind(by.id.0)
                .bind(grant)
                .bind(now)
                .fetch_one(&mut *tx)
                .await
                .map_err(other)?;
                if others > 0 {
                    return Err(app::server::StoreError::Conflict("already caring"));
                }
                Self::insert_access(&mut tx, resident, by, "carers", "accept-carer", now).await?;
                tx.commit().await.map_err(other)
            }

            #[tracing::instrument(skip_all)]
            async fn change_carer(
                &self,
                resident: app::domain::ids::PersonId,
                grant: i64,
                by: &app::server::store::Accessor,
                permissions: &[(String, bool)],
                ends_at: Option<i64>,
            ) -> Result<(), app::server::StoreError> {
                use $crate::db::rows::{now_millis, other};
                let now = now_millis();
                let mut tx = self.begin_write().await?;
                let changed = sqlx::query(
                    "UPDATE carer_grants SET ends_at = $3 \
                     WHERE id = $1 AND resident_id = $2 AND revoked_at IS NULL \
                       AND (ends_at IS NULL OR ends_at > $4) \
                       AND (carer_id IS NOT NULL OR code_expires_at > $4)",
                )
                .bind(grant)
                .bind(resident.0)
                .bind(ends_at)
                .bind(now)
                .execute(&mut *tx)
                .await
                .map_err(other)?;
                if changed.rows_affected() == 0 {
                    return Err(app::server::StoreError::NotFound);
                }
                sqlx::query("DELETE FROM carer_grant_scopes WHERE grant_id = $1")
                    .bind(grant)
                    .execute(&mut *tx)
                    .await
                    .map_err(other)?;
                Self::insert_permissions(&mut tx, grant, permissions).await?;
                Self::insert_access(&mut tx, resident, by, "carers", "change-carer", now).await?;
                tx.commit().await.map_err(other)
            }

            #[tracing::instrument(skip_all)]
            async fn revoke_carer(
                &self,
                resident: app::domain::ids::PersonId,
                grant: i64,
                by: &app::server::store::Accessor,
            ) -> Result<(), app::server::StoreError> {
                use $crate::db::rows::{now_millis, other};
                let now = now_millis();
                let mut tx = self.begin_write().await?;
                let revoked = sqlx::query(
                    "UPDATE carer_grants SET revoked_at = $3 \
                     WHERE id = $1 AND resident_id = $2 AND revoked_at IS NULL",
                )
                .bind(grant)
                .bind(resident.0)
                .bind(now)
                .execute(&mut *tx)
                .await
                .map_err(other)?;
                if revoked.rows_affected() == 0 {
                    return Err(app::server::StoreError::NotFound);
                }
                Self::insert_access(&mut tx, resident, by, "carers", "revoke-carer", now).await?;
                tx.commit().await.map_err(other)
            }
        }

        impl $store {
            async fn insert_permissions(
                tx: &mut sqlx::Transaction<'static, $db>,
                grant: i64,
                permissions: &[(String, bool)],
            ) -> Result<(), app::server::StoreError> {
                for (scope, change) in permissions {
                    sqlx::query(
                        "INSERT INTO carer_grant_scopes (grant_id, scope, can_change) \
                         VALUES ($1, $2, $3)",
                    )
                    .bind(grant)
                    .bind(scope.as_str())
                    .bind(*change)
                    .execute(&mut **tx)
                    .await
                    .map_err($crate::db::rows::other)?;
                }
                Ok(())
            }
        }
    };
}

pub(crate) use impl_carer_store;
