//! Rows as the database returns them, and their conversion into domain types. The derives are
//! generic over the backend, so both stores decode the same structs.

use app::domain::ids::{NeighbourhoodId, PersonId, TeamId, WardId};
use app::domain::person::DemoPerson;
use app::domain::place::{Locality, Neighbourhood, Team, Ward};
use app::domain::role::Role;
use app::server::StoreError;
use app::server::store::{PersonRecord, TeamMembership};

pub fn other(err: impl std::error::Error + Send + Sync + 'static) -> StoreError {
    StoreError::Other(Box::new(err))
}

#[derive(Debug, thiserror::Error)]
#[error("the database holds a {what} code this Hive does not know")]
pub struct UnknownCode {
    what: &'static str,
}

fn role(code: &str) -> Result<Role, StoreError> {
    Role::parse(code).ok_or_else(|| other(UnknownCode { what: "role" }))
}

#[derive(sqlx::FromRow)]
pub struct NeighbourhoodRow {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub locality: String,
    pub team_id: Option<i64>,
    pub team_code: Option<String>,
    pub team_name: Option<String>,
}

#[derive(sqlx::FromRow)]
pub struct WardRow {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub neighbourhood_id: i64,
}

/// Puts wards under their neighbourhoods; neighbourhoods in locality order, then by name.
pub fn neighbourhoods(
    rows: Vec<NeighbourhoodRow>,
    wards: Vec<WardRow>,
) -> Result<Vec<Neighbourhood>, StoreError> {
    let mut list = rows
        .into_iter()
        .map(|row| {
            let locality = Locality::parse(&row.locality)
                .ok_or_else(|| other(UnknownCode { what: "locality" }))?;
            let team = match (row.team_id, row.team_code, row.team_name) {
                (Some(id), Some(code), Some(name)) => Some(Team {
                    id: TeamId(id),
                    code,
                    name,
                }),
                _ => None,
            };
            Ok(Neighbourhood {
                id: NeighbourhoodId(row.id),
                code: row.code,
                name: row.name,
                locality,
                team,
                wards: Vec::new(),
            })
        })
        .collect::<Result<Vec<_>, StoreError>>()?;
    for ward in wards {
        if let Some(n) = list.iter_mut().find(|n| n.id.0 == ward.neighbourhood_id) {
            n.wards.push(Ward {
                id: WardId(ward.id),
                code: ward.code,
                name: ward.name,
            });
        }
    }
    for n in &mut list {
        n.wards.sort_by(|a, b| a.name.cmp(&b.name));
    }
    let order = |l: Locality| Locality::ALL.iter().position(|x| *x == l);
    list.sort_by(|a, b| (order(a.locality), &a.name).cmp(&(order(b.locality), &b.name)));
    Ok(list)
}

#[derive(sqlx::FromRow)]
pub struct StaffRow {
    pub id: i64,
    pub display_name: String,
    pub email: Option<String>,
    pub role: String,
    pub team_id: Option<i64>,
    pub team_name: Option<String>,
    pub claimed_at: Option<i64>,
}

impl TryFrom<StaffRow> for app::domain::staff::StaffEntry {
    type Error = StoreError;

    fn try_from(row: StaffRow) -> Result<Self, StoreError> {
        use app::domain::staff::StaffStatus;
        Ok(app::domain::staff::StaffEntry {
            id: PersonId(row.id),
            name: row.display_name,
            email: row.email.unwrap_or_default(),
            role: role(&row.role)?,
            team: row.team_id.map(TeamId),
            team_name: row.team_name,
            status: if row.claimed_at.is_some() {
                StaffStatus::Active
            } else {
                StaffStatus::Pending
            },
        })
    }
}

#[derive(sqlx::FromRow)]
pub struct SignInAttemptRow {
    pub state: String,
    pub browser: String,
    pub provider: String,
    pub nonce: String,
    pub pkce_verifier: String,
    pub next_path: String,
    pub created_at: i64,
}

impl From<SignInAttemptRow> for app::server::store::SignInAttempt {
    fn from(row: SignInAttemptRow) -> Self {
        app::server::store::SignInAttempt {
            state: row.state,
            browser: row.browser,
            provider: row.provider,
            nonce: row.nonce,
            pkce_verifier: row.pkce_verifier,
            next_path: row.next_path,
            created_at: row.created_at,
        }
    }
}

/// A unique rule the database refused, named for the caller (never with the values).
pub fn unique_or_other(err: sqlx::Error, rule: &'static str) -> StoreError {
    match err.as_database_error() {
        Some(db) if db.is_unique_violation() => StoreError::Conflict(rule),
        Some(db) if db.is_foreign_key_violation() => StoreError::NotFound,
        _ => other(err),
    }
}

#[derive(sqlx::FromRow)]
pub struct PersonRow {
    pub id: i64,
    pub display_name: String,
    pub role: String,
    pub active: bool,
    pub team_id: Option<i64>,
    pub team_name: Option<String>,
    pub team_neighbourhood_id: Option<i64>,
    pub team_neighbourhood_name: Option<String>,
    pub home_neighbourhood_name: Option<String>,
    pub home_ward_code: Option<String>,
}

impl TryFrom<PersonRow> for PersonRecord {
    type Error = StoreError;

    fn try_from(row: PersonRow) -> Result<Self, StoreError> {
        let team = match (
            row.team_id,
            row.team_name,
            row.team_neighbourhood_id,
            row.team_neighbourhood_name,
        ) {
            (Some(team), Some(team_name), Some(neighbourhood), Some(neighbourhood_name)) => {
                Some(TeamMembership {
                    team: TeamId(team),
                    team_name,
                    neighbourhood: NeighbourhoodId(neighbourhood),
                    neighbourhood_name,
                })
            }
            _ => None,
        };
        Ok(PersonRecord {
            id: PersonId(row.id),
            name: row.display_name,
            role: role(&row.role)?,
            team,
            home_neighbourhood: row.home_neighbourhood_name,
            home_ward: row.home_ward_code,
            active: row.active,
        })
    }
}

/// A person with whether the session's sign-in was ended (`PeopleStore::person_signed_in`).
#[derive(sqlx::FromRow)]
pub struct SignedInPersonRow {
    #[sqlx(flatten)]
    pub person: PersonRow,
    pub ended: bool,
}

#[derive(sqlx::FromRow)]
pub struct DemoPersonRow {
    pub id: i64,
    pub display_name: String,
    pub role: String,
    pub demo_description: Option<String>,
    pub team_name: Option<String>,
}

/// Demo people, residents first, then in the order they were seeded.
pub fn demo_people(rows: Vec<DemoPersonRow>) -> Result<Vec<DemoPerson>, StoreError> {
    let mut people = rows
        .into_iter()
        .map(|row| {
            Ok(DemoPerson {
                id: PersonId(row.id),
                name: row.display_name,
                role: role(&row.role)?,
                team: row.team_name,
                description: row.demo_description.unwrap_or_default(),
            })
        })
        .collect::<Result<Vec<_>, StoreError>>()?;
    let rank = |r: Role| Role::ALL.iter().position(|x| *x == r);
    people.sort_by_key(|p| (rank(p.role), p.id));
    Ok(people)
}

pub fn now_millis() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or_default()
}

#[derive(sqlx::FromRow)]
pub struct RecordVersionRow {
    pub item_key: String,
    pub version: i64,
    pub body: String,
    pub author_id: i64,
    pub author_name: String,
    pub acting_for_id: i64,
    pub created_at: i64,
}

impl From<RecordVersionRow> for app::server::store::RecordVersion {
    fn from(row: RecordVersionRow) -> Self {
        app::server::store::RecordVersion {
            key: row.item_key,
            version: row.version,
            body: row.body,
            author: PersonId(row.author_id),
            author_name: row.author_name,
            acting_for: PersonId(row.acting_for_id),
            created_at: row.created_at,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::unique_or_other;
    use app::server::StoreError;
    use sqlx::Connection;

    /// What the database refuses, on a real SQLite: a unique rule is a conflict named for the
    /// caller, a missing row something refers to is "not found", anything else a failure.
    #[tokio::test]
    async fn the_database_refusals_are_told_apart() {
        let mut db = sqlx::SqliteConnection::connect("sqlite::memory:")
            .await
            .unwrap();
        for sql in [
            "PRAGMA foreign_keys = ON",
            "CREATE TABLE teams (id INTEGER PRIMARY KEY)",
            "CREATE TABLE people (email TEXT UNIQUE, age INTEGER CHECK (age > 0), \
             team_id INTEGER REFERENCES teams (id))",
            "INSERT INTO people (email) VALUES ('a@nhs.net')",
        ] {
            sqlx::query(sql).execute(&mut db).await.unwrap();
        }
        let mut refusal = async |sql: &str| {
            let err = sqlx::query(sql).execute(&mut db).await.unwrap_err();
            unique_or_other(err, "email")
        };
        let taken = refusal("INSERT INTO people (email) VALUES ('a@nhs.net')").await;
        assert!(matches!(taken, StoreError::Conflict("email")), "{taken:?}");
        let no_team = refusal("INSERT INTO people (team_id) VALUES (7)").await;
        assert!(matches!(no_team, StoreError::NotFound), "{no_team:?}");
        let broken = refusal("INSERT INTO people (age) VALUES (-1)").await;
        assert!(matches!(broken, StoreError::Other(_)), "{broken:?}");
    }
}
