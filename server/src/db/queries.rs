//! The SQL both backends share, written once. `impl_store!` implements `Store` for a struct with
//! a `pool` field and a `begin_write()` method; the SQL is portable (`$n` placeholders,
//! `ON CONFLICT … DO NOTHING`, times as integer milliseconds), so the two stores cannot differ
//! in behaviour by accident.

macro_rules! impl_store {
    ($store:ty, $db:ty) => {
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
                let sql = format!("{} WHERE p.id = $1", $crate::db::rows::PERSON_SELECT);
                let row: Option<$crate::db::rows::PersonRow> = sqlx::query_as(&sql)
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

            #[tracing::instrument(skip_all)]
            async fn begin_sign_in(
                &self,
                a: &app::server::store::SignInAttempt,
            ) -> Result<(), app::server::StoreError> {
                use $crate::db::rows::other;
                let mut tx = self.begin_write().await?;
                sqlx::query(
                    "INSERT INTO sign_in_attempts \
                         (state, browser, provider, nonce, pkce_verifier, next_path, created_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7)",
                )
                .bind(&a.state)
                .bind(&a.browser)
                .bind(&a.provider)
                .bind(&a.nonce)
                .bind(&a.pkce_verifier)
                .bind(&a.next_path)
                .bind(a.created_at)
                .execute(&mut *tx)
                .await
                .map_err(other)?;
                tx.commit().await.map_err(other)
            }

            #[tracing::instrument(skip_all)]
            async fn take_sign_in(
                &self,
                state: &str,
            ) -> Result<Option<app::server::store::SignInAttempt>, app::server::StoreError> {
                use $crate::db::rows::other;
                let mut tx = self.begin_write().await?;
                let row: Option<$crate::db::rows::SignInAttemptRow> = sqlx::query_as(
                    "DELETE FROM sign_in_attempts WHERE state = $1 \
                     RETURNING state, browser, provider, nonce, pkce_verifier, next_path, created_at",
                )
                .bind(state)
                .fetch_optional(&mut *tx)
                .await
                .map_err(other)?;
                tx.commit().await.map_err(other)?;
                Ok(row.map(Into::into))
            }

            #[tracing::instrument(skip_all)]
            async fn forget_sign_ins_before(
                &self,
                millis: i64,
            ) -> Result<u64, app::server::StoreError> {
                use $crate::db::rows::other;
                let mut tx = self.begin_write().await?;
                let gone = sqlx::query("DELETE FROM sign_in_attempts WHERE created_at < $1")
                    .bind(millis)
                    .execute(&mut *tx)
                    .await
                    .map_err(other)?
                    .rows_affected();
                tx.commit().await.map_err(other)?;
                Ok(gone)
            }

            #[tracing::instrument(skip_all)]
            async fn person_by_identity(
                &self,
                issuer: &str,
                subject: &str,
            ) -> Result<Option<app::server::store::PersonRecord>, app::server::StoreError> {
                let sql = format!(
                    "{} JOIN identities i ON i.person_id = p.id \
                     WHERE i.issuer = $1 AND i.subject = $2",
                    $crate::db::rows::PERSON_SELECT
                );
                let row: Option<$crate::db::rows::PersonRow> = sqlx::query_as(&sql)
                    .bind(issuer)
                    .bind(subject)
                    .fetch_optional(&self.pool)
                    .await
                    .map_err($crate::db::rows::other)?;
                row.map(TryInto::try_into).transpose()
            }

            #[tracing::instrument(skip_all)]
            async fn record_sign_in(
                &self,
                person: app::domain::ids::PersonId,
                identity: &app::server::store::VerifiedIdentity,
            ) -> Result<(), app::server::StoreError> {
                let mut tx = self.begin_write().await?;
                Self::link_identity(&mut tx, person, identity).await?;
                tx.commit().await.map_err($crate::db::rows::other)
            }

            #[tracing::instrument(skip_all)]
            async fn add_resident(
                &self,
                name: &app::domain::person::DisplayName,
                identity: &app::server::store::VerifiedIdentity,
            ) -> Result<app::domain::ids::PersonId, app::server::StoreError> {
                use $crate::db::rows::{now_millis, other};
                let now = now_millis();
                let mut tx = self.begin_write().await?;
                let id: i64 = sqlx::query_scalar(
                    "INSERT INTO people (display_name, role, active, created_at) \
                     VALUES ($1, 'resident', TRUE, $2) RETURNING id",
                )
                .bind(name.as_str())
                .bind(now)
                .fetch_one(&mut *tx)
                .await
                .map_err(other)?;
                // The identity decides: if another first sign-in created it meanwhile, this
                // person is dropped with the transaction and the identity's person is used.
                let linked = sqlx::query(
                    "INSERT INTO identities \
                         (person_id, issuer, subject, identity_level, created_at, last_sign_in_at) \
                     VALUES ($1, $2, $3, $4, $5, $5) ON CONFLICT (issuer, subject) DO NOTHING",
                )
                .bind(id)
                .bind(&identity.issuer)
                .bind(&identity.subject)
                .bind(identity.level.map(|l| l.code()))
                .bind(now)
                .execute(&mut *tx)
                .await
                .map_err(other)?
                .rows_affected();
                if linked == 1 {
                    tx.commit().await.map_err(other)?;
                    return Ok(app::domain::ids::PersonId(id));
                }
                tx.rollback().await.map_err(other)?;
                let existing: i64 = sqlx::query_scalar(
                    "SELECT person_id FROM identities WHERE issuer = $1 AND subject = $2",
                )
                .bind(&identity.issuer)
                .bind(&identity.subject)
                .fetch_one(&self.pool)
                .await
                .map_err(other)?;
                Ok(app::domain::ids::PersonId(existing))
            }

            #[tracing::instrument(skip_all)]
            async fn claim_staff(
                &self,
                email: &app::domain::staff::Email,
                identity: &app::server::store::VerifiedIdentity,
            ) -> Result<Option<app::domain::ids::PersonId>, app::server::StoreError> {
                use $crate::db::rows::{now_millis, other};
                let mut tx = self.begin_write().await?;
                let sql = format!(
                    "SELECT id FROM ({}) d WHERE d.email = $1 AND d.claimed_at IS NULL",
                    $crate::db::rows::STAFF_SELECT
                );
                let pending: Option<i64> = sqlx::query_scalar(&sql)
                    .bind(email.as_str())
                    .fetch_optional(&mut *tx)
                    .await
                    .map_err(other)?;
                let Some(id) = pending else {
                    return Ok(None);
                };
                // Re-checked as it is set: of two sign-ins at once, one claims it.
                let claimed = sqlx::query(
                    "UPDATE people SET claimed_at = $2 \
                     WHERE id = $1 AND active AND claimed_at IS NULL",
                )
                .bind(id)
                .bind(now_millis())
                .execute(&mut *tx)
                .await
                .map_err(other)?
                .rows_affected();
                if claimed == 0 {
                    return Ok(None);
                }
                let person = app::domain::ids::PersonId(id);
                Self::link_identity(&mut tx, person, identity).await?;
                tx.commit().await.map_err(other)?;
                Ok(Some(person))
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
                    $crate::db::rows::RECORD_SELECT
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
                    $crate::db::rows::RECORD_SELECT
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
                    $crate::db::rows::RECORD_SELECT
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
                    $crate::db::rows::RECORD_SELECT
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
            ) -> Result<i64, app::server::StoreError> {
                // Without a base (answers, notes, reviews) a save is simply the next version:
                // if another save took that number at the same moment, take the one after.
                let mut attempts = 0;
                loop {
                    attempts += 1;
                    match self.save_record_once(resident, author, kind, key, base, body).await {
                        Err(app::server::StoreError::Conflict(_)) if base.is_none() && attempts < 5 => {
                            continue
                        }
                        other => return other,
                    }
                }
            }

            #[tracing::instrument(skip_all)]
            async fn staff_directory(
                &self,
            ) -> Result<Vec<app::domain::staff::StaffEntry>, app::server::StoreError> {
                let sql = format!("{} ORDER BY p.display_name, p.id", $crate::db::rows::STAFF_SELECT);
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
                let sql = format!("{} AND p.id = $1", $crate::db::rows::STAFF_SELECT);
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
            ) -> Result<(), app::server::StoreError> {
                use $crate::db::rows::{other, unique_or_other};
                let mut tx = self.begin_write().await?;
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
            ) -> Result<(), app::server::StoreError> {
                use $crate::db::rows::other;
                let mut tx = self.begin_write().await?;
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
            async fn save_record_once(
                &self,
                resident: app::domain::ids::PersonId,
                author: app::domain::ids::PersonId,
                kind: app::server::store::PartKind,
                key: &str,
                base: Option<i64>,
                body: &str,
            ) -> Result<i64, app::server::StoreError> {
                use $crate::db::rows::{now_millis, other, unique_or_other};
                let mut tx = self.begin_write().await?;
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
                .bind(now_millis())
                .execute(&mut *tx)
                .await
                // Another save took this version number first.
                .map_err(|e| unique_or_other(e, "stale"))?;
                tx.commit().await.map_err(other)?;
                Ok(version)
            }

            /// Points the identity at `person` (creating it if new) with this sign-in's level.
            async fn link_identity(
                tx: &mut sqlx::Transaction<'static, $db>,
                person: app::domain::ids::PersonId,
                identity: &app::server::store::VerifiedIdentity,
            ) -> Result<(), app::server::StoreError> {
                use $crate::db::rows::{now_millis, other};
                let now = now_millis();
                sqlx::query(
                    "INSERT INTO identities \
                         (person_id, issuer, subject, identity_level, created_at, last_sign_in_at) \
                     VALUES ($1, $2, $3, $4, $5, $5) \
                     ON CONFLICT (issuer, subject) DO UPDATE SET person_id = excluded.person_id, \
                         identity_level = excluded.identity_level, \
                         last_sign_in_at = excluded.last_sign_in_at",
                )
                .bind(person.0)
                .bind(&identity.issuer)
                .bind(&identity.subject)
                .bind(identity.level.map(|l| l.code()))
                .bind(now)
                .execute(&mut **tx)
                .await
                .map_err(other)?;
                Ok(())
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

pub(crate) use impl_store;
