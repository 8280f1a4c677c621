//! Sharing a record with the neighbourhood team, the consent history, and the access log the
//! resident reads. Only the resident changes what is shared (carers cannot, for now: see the
//! README); every change is kept.

use super::record::owner;
use crate::domain::ids::PersonId;
use crate::domain::sharing::{
    AccessAction, AccessEntry, Activity, ConsentEvent, Scope, Shared, SharingForm, SharingNow,
};
use crate::error::AppError;
use crate::server::Actor;
use crate::server::store::{AccessQuery, Accessor, Store};

/// Entries on one page of the activity log.
pub const ACTIVITY_PAGE: i64 = 25;

/// The actor as the access log records them.
pub fn accessor(actor: &Actor) -> Result<Accessor, AppError> {
    let person = actor.person().ok_or(AppError::NotSignedIn)?;
    Ok(Accessor {
        id: person.id,
        name: person.name.clone(),
        role: person.role,
        team: person.team.as_ref().map(|t| t.team_name.clone()),
        acting_for: None,
    })
}

/// What the resident shares now and every change to it (two queries).
pub async fn sharing_now(store: &dyn Store, actor: &Actor) -> Result<SharingNow, AppError> {
    let resident = owner(actor)?;
    let shared = store
        .shares(resident)
        .await?
        .into_iter()
        .filter_map(|row| {
            Some(Shared {
                scope: Scope::parse(&row.scope)?,
                since: row.shared_at,
                by_name: row.shared_by_name,
            })
        })
        .collect();
    let history = store
        .consent_history(resident)
        .await?
        .into_iter()
        .filter_map(|row| {
            Some(ConsentEvent {
                scope: Scope::parse(&row.scope)?,
                shared: row.shared,
                by_name: row.actor_name,
                by_someone_else: row.actor != resident,
                at: row.created_at,
            })
        })
        .collect();
    let neighbourhood = actor.person().and_then(|p| p.home_neighbourhood.clone());
    Ok(SharingNow {
        neighbourhood,
        shared,
        history,
    })
}

/// Shares exactly the scopes ticked; returns how many changed.
pub async fn set(store: &dyn Store, actor: &Actor, form: &SharingForm) -> Result<usize, AppError> {
    let resident = owner(actor)?;
    let scopes = form
        .check()
        .map_err(|fields| AppError::Invalid { fields })?;
    let codes: Vec<String> = scopes.into_iter().map(Scope::code).collect();
    Ok(store
        .set_shares(resident, &accessor(actor)?, &codes)
        .await?)
}

/// A page of the resident's access log, newest first, optionally only one person's entries or
/// one part's; `before` is where the page starts (from the previous page's "older").
pub async fn activity(
    store: &dyn Store,
    actor: &Actor,
    before: Option<i64>,
    person: Option<i64>,
    scope: Option<Scope>,
) -> Result<Activity, AppError> {
    let resident = owner(actor)?;
    let query = AccessQuery {
        before,
        // One more than a page: whether there is an older page, without counting.
        limit: ACTIVITY_PAGE + 1,
        actor: person.map(PersonId),
        scope: scope.map(Scope::code),
    };
    let mut rows = store.access_log(resident, &query).await?;
    let older = (rows.len() as i64 > ACTIVITY_PAGE).then(|| {
        rows.truncate(ACTIVITY_PAGE as usize);
        rows.last().map(|r| r.id)
    });
    let entries = rows
        .into_iter()
        .map(|row| {
            let you = row.actor == resident;
            let role = if you {
                "You".to_string()
            } else if row.acting_for.is_some() {
                // A resident acting as the person's carer: the relationship, not their role.
                "your carer".to_string()
            } else {
                let role = crate::domain::role::Role::parse(&row.actor_role)
                    .map(|r| r.label().to_string())
                    .unwrap_or(row.actor_role);
                match row.actor_team {
                    Some(team) => format!("{role}, {team}"),
                    None => role,
                }
            };
            AccessEntry {
                id: row.id,
                who: row.actor_name,
                role,
                acting_for_you: row.acting_for.is_some(),
                scope: Scope::parse(&row.scope),
                action: AccessAction::parse(&row.action),
                at: row.created_at,
            }
        })
        .collect();
    let people = store
        .access_log_people(resident)
        .await?
        .into_iter()
        .map(|(id, name)| (id.0, name))
        .collect();
    Ok(Activity {
        entries,
        people,
        person,
        scope,
        older: older.flatten(),
    })
}
