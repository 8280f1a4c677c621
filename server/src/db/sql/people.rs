//! People and sign-in: the demo people, the person every request reads, identities, and
//! sign-ins under way.
//! Shared by both backends through `impl_people_store!` (see `super`).

/// How a person is read for the actor check, whichever key finds them (append a WHERE).
pub const PERSON_SELECT: &str = "SELECT p.id, p.display_name, p.role, p.active, \
        t.id AS team_id, t.name AS team_name, \
        tn.id AS team_neighbourhood_id, tn.name AS team_neighbourhood_name, \
        hn.name AS home_neighbourhood_name, w.code AS home_ward_code \
     FROM people p \
     LEFT JOIN teams t ON t.id = p.team_id \
     LEFT JOIN neighbourhoods tn ON tn.id = t.neighbourhood_id \
     LEFT JOIN wards w ON w.id = p.home_ward_id \
     LEFT JOIN neighbourhoods hn ON hn.id = w.neighbourhood_id";

macro_rules! impl_people_store {
    ($store:ty, $db:ty) => {
        #[async_trait::async_trait]
        impl app::server::store::PeopleStore for $store {
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
                let sql = format!("{} WHERE p.id = $1", $crate::db::sql::people::PERSON_SELECT);
                let row: Option<$crate::db::rows::PersonRow> = sqlx::query_as(&sql)
                    .bind(id.0)
                    .fetch_optional(&self.pool)
                    .await
                    .map_err($crate::db::rows::other)?;
                row.ok_or(app::server::StoreError::NotFound)?.try_into()
            }

            #[tracing::instrument(skip_all)]
            async fn person_signed_in(
                &self,
                id: app::domain::ids::PersonId,
                token: &str,
            ) -> Result<(app::server::store::PersonRecord, bool), app::server::StoreError> {
                // Every request's first read: the statement is put together once.
                static SQL: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
                    format!(
                        "{} WHERE p.id = $1",
                        $crate::db::sql::people::PERSON_SELECT.replacen(
                            " FROM people p",
                            ", EXISTS (SELECT 1 FROM ended_sign_ins e WHERE e.token = $2) \
                             AS ended FROM people p",
                            1
                        )
                    )
                });
                let row: Option<$crate::db::rows::SignedInPersonRow> = sqlx::query_as(&SQL)
                    .bind(id.0)
                    .bind(token)
                    .fetch_optional(&self.pool)
                    .await
                    .map_err($crate::db::rows::other)?;
                let row = row.ok_or(app::server::StoreError::NotFound)?;
                Ok((row.person.try_into()?, row.ended))
            }

            #[tracing::instrument(skip_all)]
            async fn end_sign_in(&self, token: &str) -> Result<(), app::server::StoreError> {
                sqlx::query(
                    "INSERT INTO ended_sign_ins (token, ended_at) VALUES ($1, $2) \
                     ON CONFLICT DO NOTHING",
                )
                .bind(token)
                .bind($crate::db::rows::now_millis())
                .execute(&self.pool)
                .await
                .map_err($crate::db::rows::other)?;
                Ok(())
            }

            #[tracing::instrument(skip_all)]
            async fn forget_ended_sign_ins_before(
                &self,
                millis: i64,
            ) -> Result<u64, app::server::StoreError> {
                Ok(sqlx::query("DELETE FROM ended_sign_ins WHERE ended_at < $1")
                    .bind(millis)
                    .execute(&self.pool)
                    .await
                    .map_err($crate::db::rows::other)?
                    .rows_affected())
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
                    $crate::db::sql::people::PERSON_SELECT
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
                    $crate::db::sql::places::STAFF_SELECT
                );
                let pending: Option<i64> = sqlx::query_scalar(&sql)
                    .bind(email.as_str())
                    .fetch_optional(&mut *tx)
                    .await
                    .map_err(other)?;
                let Some(id) = pending else {
                    return Ok(None);
                };
                // Re-checked as it is set: of two sign-ins at once, one claims it; and an
                // address an administrator corrected meanwhile no longer claims it.
                let claimed = sqlx::query(
                    "UPDATE people SET claimed_at = $2 \
                     WHERE id = $1 AND active AND claimed_at IS NULL AND email = $3",
                )
                .bind(id)
                .bind(now_millis())
                .bind(email.as_str())
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
        }

        impl $store {
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
        }
    };
}

pub(crate) use impl_people_store;
