//! The SQL both backends share, written once. `impl_store!` implements `Store` for a struct with
//! a `pool` field and a `begin_write()` method; the SQL is portable (`$n` placeholders,
//! `ON CONFLICT … DO NOTHING`, times as integer milliseconds), so the two stores cannot differ
//! in behaviour by accident.

macro_rules! impl_store {
    ($store:ty) => {
        #[async_trait::async_trait]
        impl app::server::Store for $store {
            #[tracing::instrument(skip_all)]
            async fn ping(&self) -> Result<(), app::server::StoreError> {
                self.check_reachable()?;
                sqlx::query("SELECT count(*) FROM neighbourhoods")
                    .fetch_one(&self.pool)
                    .await
                    .map_err($crate::db::rows::other)?;
                Ok(())
            }

            #[tracing::instrument(skip_all)]
            async fn neighbourhoods(
                &self,
            ) -> Result<Vec<app::domain::place::Neighbourhood>, app::server::StoreError> {
                use $crate::db::rows::{NeighbourhoodRow, WardRow, other};
                let rows: Vec<NeighbourhoodRow> = sqlx::query_as(
                    "SELECT n.id, n.code, n.name, n.locality, \
                            t.id AS team_id, t.code AS team_code, t.name AS team_name \
                     FROM neighbourhoods n LEFT JOIN teams t ON t.neighbourhood_id = n.id",
                )
                .fetch_all(&self.pool)
                .await
                .map_err(other)?;
                let wards: Vec<WardRow> =
                    sqlx::query_as("SELECT id, code, name, neighbourhood_id FROM wards")
                        .fetch_all(&self.pool)
                        .await
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
            async fn add_demo_people(
                &self,
                people: &[app::domain::person::NewPerson],
            ) -> Result<app::server::store::Inserted, app::server::StoreError> {
                use $crate::db::rows::{now_millis, other};
                let mut tx = self.begin_write().await?;
                let mut inserted = 0;
                for p in people {
                    inserted += sqlx::query(
                        "INSERT INTO people (display_name, role, team_id, home_ward_id, \
                             demo_key, demo_description, active, created_at) \
                         VALUES ($1, $2, $3, $4, $5, $6, TRUE, $7) \
                         ON CONFLICT (demo_key) DO NOTHING",
                    )
                    .bind(p.name.as_str())
                    .bind(p.role.code())
                    .bind(p.team.map(|t| t.0))
                    .bind(p.home_ward.map(|w| w.0))
                    .bind(p.demo_key.as_deref())
                    .bind(p.demo_description.as_deref())
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
            async fn person(
                &self,
                id: app::domain::ids::PersonId,
            ) -> Result<app::server::store::PersonRecord, app::server::StoreError> {
                let row: Option<$crate::db::rows::PersonRow> = sqlx::query_as(
                    "SELECT p.id, p.display_name, p.role, p.active, \
                            t.id AS team_id, t.name AS team_name, \
                            tn.id AS team_neighbourhood_id, tn.name AS team_neighbourhood_name, \
                            hn.name AS home_neighbourhood_name \
                     FROM people p \
                     LEFT JOIN teams t ON t.id = p.team_id \
                     LEFT JOIN neighbourhoods tn ON tn.id = t.neighbourhood_id \
                     LEFT JOIN wards w ON w.id = p.home_ward_id \
                     LEFT JOIN neighbourhoods hn ON hn.id = w.neighbourhood_id \
                     WHERE p.id = $1",
                )
                .bind(id.0)
                .fetch_optional(&self.pool)
                .await
                .map_err($crate::db::rows::other)?;
                row.ok_or(app::server::StoreError::NotFound)?.try_into()
            }

            #[tracing::instrument(skip_all)]
            async fn demo_people(
                &self,
            ) -> Result<Vec<app::domain::person::DemoPerson>, app::server::StoreError> {
                let rows: Vec<$crate::db::rows::DemoPersonRow> = sqlx::query_as(
                    "SELECT p.id, p.display_name, p.role, p.demo_description, \
                            t.name AS team_name \
                     FROM people p LEFT JOIN teams t ON t.id = p.team_id \
                     WHERE p.demo_key IS NOT NULL AND p.active",
                )
                .fetch_all(&self.pool)
                .await
                .map_err($crate::db::rows::other)?;
                $crate::db::rows::demo_people(rows)
            }
        }

        impl $store {
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

pub(crate) use impl_store;
