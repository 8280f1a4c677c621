//! Places and staff: the city's neighbourhoods, wards and teams, and the staff directory.
//! Shared by both backends through `impl_places_store!` (see `super`).

/// The directory's columns (append `AND …`); `claimed_at` is set by the first sign-in.
pub const STAFF_SELECT: &str = "SELECT p.id, p.display_name, p.email, p.role, p.team_id, \
        t.name AS team_name, p.claimed_at \
     FROM people p LEFT JOIN teams t ON t.id = p.team_id \
     WHERE p.active AND p.email IS NOT NULL \
       AND p.role IN ('practitioner', 'team_lead', 'engagement_officer', 'admin')";

macro_rules! impl_places_store {
    ($store:ty, $db:ty) => {
        #[async_trait::async_trait]
        impl app::server::store::PlaceStore for $store {
            #[tracing::instrument(skip_all)]
            async fn neighbourhoods(
                &self,
            ) -> Result<Vec<app::domain::place::Neighbourhood>, app::server::StoreError> {
                use $crate::db::rows::{NeighbourhoodRow, WardRow, other};
                // Two reads at once (two connections): on PostgreSQL each is a round trip.
                let (rows, wards): (Vec<NeighbourhoodRow>, Vec<WardRow>) = tokio::try_join!(
                    sqlx::query_as(
                        "SELECT n.id, n.code, n.name, n.locality, \
                                t.id AS team_id, t.code AS team_code, t.name AS team_name \
                         FROM neighbourhoods n LEFT JOIN teams t ON t.neighbourhood_id = n.id",
                    )
                    .fetch_all(&self.pool),
                    sqlx::query_as("SELECT id, code, name, neighbourhood_id FROM wards")
                        .fetch_all(&self.pool),
                )
                .map_err(other)?;
                $crate::db::rows::neighbourhoods(rows, wards)
            }

            #[tracing::instrument(skip_all)]
            async fn add_neighbourhoods(
                &self,
                new: &[app::domain::place::NewNeighbourhood],
            ) -> Result<app::server::store::Inserted, app::server::StoreError> {
                use $crate::db::rows::{now_millis, other};
                let mut tx = self.begin_write().await?;
                let mut inserted = 0;
                for n in new {
                    inserted += sqlx::query(
                        "INSERT INTO neighbourhoods (code, name, locality, created_at) \
                         VALUES ($1, $2, $3, $4) ON CONFLICT (code) DO NOTHING",
                    )
                    .bind(n.code.as_str())
                    .bind(&n.name)
                    .bind(n.locality.code())
                    .bind(now_millis())
                    .execute(&mut *tx)
                    .await
                    .map_err(other)?
                    .rows_affected();
                }
                tx.commit().await.map_err(other)?;
                Ok(app::server::store::Inserted(inserted))
            }

            #[tracing::instrument(skip_all)]
            async fn add_wards(
                &self,
                new: &[app::domain::place::NewWard],
            ) -> Result<app::server::store::Inserted, app::server::StoreError> {
                let rows = new
                    .iter()
                    .map(|w| (w.code.as_str(), w.name.as_str(), w.neighbourhood.as_str()));
                self.add_in_neighbourhood("wards", rows).await
            }

            #[tracing::instrument(skip_all)]
            async fn add_teams(
                &self,
                new: &[app::domain::place::NewTeam],
            ) -> Result<app::server::store::Inserted, app::server::StoreError> {
                let rows = new
                    .iter()
                    .map(|t| (t.code.as_str(), t.name.as_str(), t.neighbourhood.as_str()));
                self.add_in_neighbourhood("teams", rows).await
            }

            #[tracing::instrument(skip_all)]
            async fn rename_place(
                &self,
                kind: app::domain::place::PlaceKind,
                code: &str,
                name: &str,
            ) -> Result<(), app::server::StoreError> {
                use app::domain::place::PlaceKind;
                use $crate::db::rows::other;
                let table = match kind {
                    PlaceKind::Neighbourhood => "neighbourhoods",
                    PlaceKind::Ward => "wards",
                    PlaceKind::Team => "teams",
                };
                let mut tx = self.begin_write().await?;
                let renamed = sqlx::query(&format!("UPDATE {table} SET name = $1 WHERE code = $2"))
                    .bind(name)
                    .bind(code)
                    .execute(&mut *tx)
                    .await
                    .map_err(other)?
                    .rows_affected();
                if renamed == 0 {
                    return Err(app::server::StoreError::NotFound);
                }
                tx.commit().await.map_err(other)
            }

            #[tracing::instrument(skip_all)]
            async fn team_id(
                &self,
                code: &str,
            ) -> Result<app::domain::ids::TeamId, app::server::StoreError> {
                self.id_by_code("teams", code).await.map(app::domain::ids::TeamId)
            }

            #[tracing::instrument(skip_all)]
            async fn ward_id(
                &self,
                code: &str,
            ) -> Result<app::domain::ids::WardId, app::server::StoreError> {
                self.id_by_code("wards", code).await.map(app::domain::ids::WardId)
            }

            #[tracing::instrument(skip_all)]
            async fn add_postcode_districts(
                &self,
                rows: &[(&str, &str)],
            ) -> Result<app::server::store::Inserted, app::server::StoreError> {
                use $crate::db::rows::other;
                let mut tx = self.begin_write().await?;
                let mut added = 0;
                for (district, ward) in rows {
                    let done = sqlx::query(
                        "INSERT INTO postcode_districts (district, ward_id) \
                         SELECT $1, id FROM wards WHERE code = $2 \
                         ON CONFLICT (district, ward_id) DO NOTHING",
                    )
                    .bind(*district)
                    .bind(*ward)
                    .execute(&mut *tx)
                    .await
                    .map_err(other)?;
                    added += done.rows_affected();
                }
                tx.commit().await.map_err(other)?;
                Ok(app::server::store::Inserted(added))
            }

            #[tracing::instrument(skip_all)]
            async fn wards_in_district(
                &self,
                district: &str,
            ) -> Result<Vec<String>, app::server::StoreError> {
                let rows: Vec<(String,)> = sqlx::query_as(
                    "SELECT w.code FROM postcode_districts d JOIN wards w ON w.id = d.ward_id \
                     WHERE d.district = $1 ORDER BY w.name",
                )
                .bind(district)
                .fetch_all(&self.pool)
                .await
                .map_err($crate::db::rows::other)?;
                Ok(rows.into_iter().map(|(code,)| code).collect())
            }

            #[tracing::instrument(skip_all)]
            async fn staff_directory(
                &self,
            ) -> Result<Vec<app::domain::staff::StaffEntry>, app::server::StoreError> {
                let sql = format!("{} ORDER BY p.display_name, p.id", $crate::db::sql::places::STAFF_SELECT);
                let rows: Vec<$crate::db::rows::StaffRow> = sqlx::query_as(&sql)
                    .fetch_all(&self.pool)
                    .await
                    .map_err($crate::db::rows::other)?;
                rows.into_iter().map(TryInto::try_into).collect()
            }

            #[tracing::instrument(skip_all)]
            async fn staff_member(
                &self,
                id: app::domain::ids::PersonId,
            ) -> Result<app::domain::staff::StaffEntry, app::server::StoreError> {
                let sql = format!("{} AND p.id = $1", $crate::db::sql::places::STAFF_SELECT);
                let row: Option<$crate::db::rows::StaffRow> = sqlx::query_as(&sql)
                    .bind(id.0)
                    .fetch_optional(&self.pool)
                    .await
                    .map_err($crate::db::rows::other)?;
                row.ok_or(app::server::StoreError::NotFound)?.try_into()
            }

            #[tracing::instrument(skip_all)]
            async fn add_staff(
                &self,
                new: &app::domain::staff::NewStaff,
            ) -> Result<app::domain::ids::PersonId, app::server::StoreError> {
                use $crate::db::rows::{now_millis, other, unique_or_other};
                let mut tx = self.begin_write().await?;
                let id: i64 = sqlx::query_scalar(
                    "INSERT INTO people (display_name, email, role, team_id, active, created_at) \
                     VALUES ($1, $2, $3, $4, TRUE, $5) RETURNING id",
                )
                .bind(new.name.as_str())
                .bind(new.email.as_str())
                .bind(new.role.code())
                .bind(new.team.map(|t| t.0))
                .bind(now_millis())
                .fetch_one(&mut *tx)
                .await
                .map_err(|e| unique_or_other(e, "email"))?;
                tx.commit().await.map_err(other)?;
                Ok(app::domain::ids::PersonId(id))
            }

            #[tracing::instrument(skip_all)]
            async fn change_staff(
                &self,
                id: app::domain::ids::PersonId,
                change: &app::domain::staff::NewStaff,
                by: app::domain::ids::PersonId,
            ) -> Result<(), app::server::StoreError> {
                use $crate::db::rows::{other, unique_or_other};
                let mut tx = self.begin_write().await?;
                Self::still_admin(&mut tx, id, by).await?;
                let changed = sqlx::query(
                    "UPDATE people SET display_name = $1, email = $2, role = $3, team_id = $4 \
                     WHERE id = $5 AND active AND email IS NOT NULL \
                       AND role IN ('practitioner', 'team_lead', 'engagement_officer', 'admin')",
                )
                .bind(change.name.as_str())
                .bind(change.email.as_str())
                .bind(change.role.code())
                .bind(change.team.map(|t| t.0))
                .bind(id.0)
                .execute(&mut *tx)
                .await
                .map_err(|e| unique_or_other(e, "email"))?
                .rows_affected();
                if changed == 0 {
                    return Err(app::server::StoreError::NotFound);
                }
                tx.commit().await.map_err(other)
            }

            #[tracing::instrument(skip_all)]
            async fn remove_staff(
                &self,
                id: app::domain::ids::PersonId,
                by: app::domain::ids::PersonId,
            ) -> Result<(), app::server::StoreError> {
                use $crate::db::rows::other;
                let mut tx = self.begin_write().await?;
                Self::still_admin(&mut tx, id, by).await?;
                let removed = sqlx::query(
                    "UPDATE people SET active = FALSE \
                     WHERE id = $1 AND active AND email IS NOT NULL \
                       AND role IN ('practitioner', 'team_lead', 'engagement_officer', 'admin')",
                )
                .bind(id.0)
                .execute(&mut *tx)
                .await
                .map_err(other)?
                .rows_affected();
                if removed == 0 {
                    return Err(app::server::StoreError::NotFound);
                }
                tx.commit().await.map_err(other)
            }
        }

        impl $store {
            /// Before an administrator `by` changes or removes `id`: both rows are locked
            /// (PostgreSQL; SQLite's writers take turns anyway), so a change to either committed
            /// meanwhile is seen here, and `by` must still be an active administrator:
            /// `Conflict("remover")` otherwise. Two administrators removing or demoting each
            /// other at once: the second finds itself changed and changes nothing.
            async fn still_admin(
                tx: &mut sqlx::Transaction<'static, $db>,
                id: app::domain::ids::PersonId,
                by: app::domain::ids::PersonId,
            ) -> Result<(), app::server::StoreError> {
                Self::lock_people(tx, &[id, by]).await?;
                let admin: Option<i64> = sqlx::query_scalar(
                    "SELECT id FROM people WHERE id = $1 AND active AND role = 'admin'",
                )
                .bind(by.0)
                .fetch_optional(&mut **tx)
                .await
                .map_err($crate::db::rows::other)?;
                match admin {
                    Some(_) => Ok(()),
                    None => Err(app::server::StoreError::Conflict("remover".into())),
                }
            }

            /// The id of the row of `table` (a fixed table name, never input) with this code.
            async fn id_by_code(
                &self,
                table: &'static str,
                code: &str,
            ) -> Result<i64, app::server::StoreError> {
                let id: Option<i64> =
                    sqlx::query_scalar(&format!("SELECT id FROM {table} WHERE code = $1"))
                        .bind(code)
                        .fetch_optional(&self.pool)
                        .await
                        .map_err($crate::db::rows::other)?;
                id.ok_or(app::server::StoreError::NotFound)
            }

            /// Inserts wards or teams (code, name, neighbourhood code) that are not there yet
            /// (a team also conflicts with another team of the same neighbourhood). A
            /// neighbourhood code that does not exist is an error and nothing is kept.
            async fn add_in_neighbourhood<'a>(
                &self,
                table: &'static str,
                rows: impl Iterator<Item = (&'a str, &'a str, &'a str)>,
            ) -> Result<app::server::store::Inserted, app::server::StoreError> {
                use $crate::db::rows::{now_millis, other};
                let insert = format!(
                    "INSERT INTO {table} (code, name, neighbourhood_id, created_at) \
                     SELECT $1, $2, id, $4 FROM neighbourhoods WHERE code = $3 \
                     ON CONFLICT DO NOTHING"
                );
                let mut tx = self.begin_write().await?;
                let mut inserted = 0;
                for (code, name, neighbourhood) in rows {
                    let added = sqlx::query(&insert)
                        .bind(code)
                        .bind(name)
                        .bind(neighbourhood)
                        .bind(now_millis())
                        .execute(&mut *tx)
                        .await
                        .map_err(other)?
                        .rows_affected();
                    if added == 0 {
                        // Already there (by code, or a team for that neighbourhood), unless
                        // the neighbourhood itself is unknown.
                        let neighbourhoods: i64 =
                            sqlx::query_scalar("SELECT count(*) FROM neighbourhoods WHERE code = $1")
                                .bind(neighbourhood)
                                .fetch_one(&mut *tx)
                                .await
                                .map_err(other)?;
                        if neighbourhoods == 0 {
                            return Err(app::server::StoreError::NotFound);
                        }
                    }
                    inserted += added;
                }
                tx.commit().await.map_err(other)?;
                Ok(app::server::store::Inserted(inserted))
            }
        }
    };
}

pub(crate) use impl_places_store;
