//! Carers: the resident invites, changes and revokes; the carer accepts an invitation with its
//! code and chooses whom to act for. Only the resident manages their carers and what they share
//! (a carer acting for them is told those pages are not found: see the README).

use super::record::owner;
use super::sharing::accessor;
use crate::domain::carers::{
    AcceptForm, CarerGrant, Caring, CaringNow, GrantForm, INVITATION_DAYS, InviteForm,
    NewInvitation, Permission, code_from, normalise_code,
};
use crate::domain::goals::Day;
use crate::domain::record::DAY_MILLIS;
use crate::domain::role::Area;
use crate::domain::sharing::Scope;
use crate::domain::time::{uk_day, uk_end_of_day};
use crate::error::AppError;
use crate::server::Actor;
use crate::server::store::{GrantRow, NewGrant, Store, StoreError};

use crate::server::now_millis;

fn today(now: i64) -> Day {
    let (year, month, day) = uk_day(now);
    Day::new(year as i32, month, day).unwrap_or(Day {
        year: year as i32,
        month,
        day,
    })
}

/// The last day of a grant that ends at `ends_at` (the UK midnight after its last day).
fn last_day(ends_at: Option<i64>) -> Option<Day> {
    ends_at.map(|end| today(end - 1))
}

fn ends_at(last_day: Option<Day>) -> Option<i64> {
    last_day.map(|d| uk_end_of_day(d.year.into(), d.month, d.day))
}

/// The SHA-256 of a canonical code, as stored: the code itself is never kept.
fn code_hash(code: &str) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(code.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn permissions(row: &GrantRow) -> Vec<Permission> {
    let order = Scope::all();
    let mut permissions: Vec<Permission> = row
        .permissions
        .iter()
        .filter_map(|(code, change)| {
            Some(Permission {
                scope: Scope::parse(code)?,
                change: *change,
            })
        })
        .collect();
    permissions.sort_by_key(|p| order.iter().position(|s| *s == p.scope));
    permissions
}

fn stored(permissions: &[Permission]) -> Vec<(String, bool)> {
    permissions
        .iter()
        .map(|p| (p.scope.code(), p.change))
        .collect()
}

fn grant(row: GrantRow, now: i64) -> CarerGrant {
    CarerGrant {
        id: row.id,
        permissions: permissions(&row),
        status: row.times.status(now),
        last_day: last_day(row.times.ends_at),
        carer_name: row.carer.map(|(_, name)| name),
        name: row.name,
        relationship: row.relationship,
        times: row.times,
    }
}

/// Every invitation and grant the resident has made, newest first.
pub async fn carers(store: &dyn Store, actor: &Actor) -> Result<Vec<CarerGrant>, AppError> {
    let resident = owner(actor)?;
    let now = now_millis();
    Ok(store
        .carer_grants(resident)
        .await?
        .into_iter()
        .map(|row| grant(row, now))
        .collect())
}

/// One of the resident's grants; anyone else's is not found.
pub async fn one(store: &dyn Store, actor: &Actor, id: i64) -> Result<CarerGrant, AppError> {
    carers(store, actor)
        .await?
        .into_iter()
        .find(|g| g.id == id)
        .ok_or(AppError::NotFound)
}

/// Makes an invitation; returns its code (shown once) and when it stops working.
pub async fn invite(
    store: &dyn Store,
    actor: &Actor,
    form: &InviteForm,
) -> Result<NewInvitation, AppError> {
    let resident = owner(actor)?;
    let now = now_millis();
    let invitation = form
        .check(today(now))
        .map_err(|fields| AppError::Invalid { fields })?;
    let random = u64::from_le_bytes(
        uuid::Uuid::new_v4().as_bytes()[..8]
            .try_into()
            .map_err(crate::server::internal)?,
    );
    let code = code_from(random);
    let expires_at = now + INVITATION_DAYS * DAY_MILLIS;
    let id = store
        .invite_carer(
            resident,
            &accessor(actor)?,
            &NewGrant {
                name: invitation.name.clone(),
                relationship: invitation.relationship,
                code_hash: code_hash(&code),
                code_expires_at: expires_at,
                ends_at: ends_at(invitation.grant.last_day),
                permissions: stored(&invitation.grant.permissions),
            },
        )
        .await?;
    Ok(NewInvitation {
        grant: id,
        name: invitation.name,
        code,
        expires_at,
    })
}

/// Changes what a grant allows, or its end; returns the carer's name.
pub async fn change(
    store: &dyn Store,
    actor: &Actor,
    id: i64,
    form: &GrantForm,
) -> Result<String, AppError> {
    let now = now_millis();
    let grant = one(store, actor, id).await?;
    let ended = || {
        AppError::Conflict(
            "This carer's permission has ended or been revoked, so it cannot be changed. Invite them again if they need it."
                .into(),
        )
    };
    if !grant.status.is_open() {
        return Err(ended());
    }
    let checked = form
        .check(today(now))
        .map_err(|fields| AppError::Invalid { fields })?;
    let resident = owner(actor)?;
    store
        .change_carer(
            resident,
            id,
            &accessor(actor)?,
            &stored(&checked.permissions),
            ends_at(checked.last_day),
        )
        .await
        .map_err(|e| match e {
            // Theirs and open a moment ago (above): it ended or was revoked in between, and
            // what they chose is kept with the reason.
            StoreError::NotFound => ended(),
            other => other.into(),
        })?;
    Ok(grant.name)
}

/// Revokes a grant (or cancels an invitation); returns the carer's name.
pub async fn revoke(store: &dyn Store, actor: &Actor, id: i64) -> Result<String, AppError> {
    let grant = one(store, actor, id).await?;
    let resident = owner(actor)?;
    match store.revoke_carer(resident, id, &accessor(actor)?).await {
        Ok(()) => Ok(grant.name),
        // A fixed message: without JavaScript an error travels in the page's address, and a
        // name must not.
        Err(StoreError::NotFound) => Err(AppError::Conflict(
            "This carer's access had already ended.".into(),
        )),
        Err(err) => Err(err.into()),
    }
}

/// The signed-in resident as a carer: whoever is acting now, they are the carer. Only a
/// resident's role is in the personal area, so whoever passes is a resident.
fn carer(actor: &Actor) -> Result<&crate::server::store::PersonRecord, AppError> {
    actor.require_area(Area::Personal)
}

/// The people the signed-in person cares for (every grant they accepted, newest first).
pub async fn caring(store: &dyn Store, actor: &Actor) -> Result<CaringNow, AppError> {
    let person = carer(actor)?;
    let now = now_millis();
    let people = store
        .caring_for(person.id)
        .await?
        .into_iter()
        .map(|row| Caring {
            grant: row.id,
            permissions: permissions(&row),
            status: row.times.status(now),
            last_day: last_day(row.times.ends_at),
            resident_name: row.resident_name,
            relationship: row.relationship,
        })
        .collect();
    Ok(CaringNow {
        people,
        acting_for: actor.acting_for().map(|g| g.resident_name.clone()),
    })
}

const CODE_FIELD: &str = "code";

/// Accepts an invitation by its code; returns the name of the person now cared for.
pub async fn accept(
    store: &dyn Store,
    actor: &Actor,
    form: &AcceptForm,
) -> Result<String, AppError> {
    let person = carer(actor)?;
    let refused = |message: &str| {
        tracing::warn!(person = person.id.0, "invitation code refused");
        AppError::field(CODE_FIELD, message)
    };
    let Some(code) = normalise_code(&form.code) else {
        return Err(if form.code.trim().is_empty() {
            AppError::field(CODE_FIELD, "Enter the invitation code")
        } else {
            AppError::field(
                CODE_FIELD,
                "Enter the code as it was given to you: 12 letters and numbers, for example 7KQ3-M9XD-2HBT",
            )
        });
    };
    let Some(row) = store.grant_by_code(&code_hash(&code)).await? else {
        return Err(refused(
            "There is no invitation with this code. Check it and try again, or ask for a new one",
        ));
    };
    let now = now_millis();
    if row.resident == person.id {
        return Err(refused(
            "This is your own invitation. Give the code to the person you want to care for you",
        ));
    }
    match row.times.status(now) {
        crate::domain::carers::GrantStatus::Pending => {}
        crate::domain::carers::GrantStatus::Expired => {
            return Err(refused(&format!(
                "This invitation has expired: codes work for {INVITATION_DAYS} days. Ask for a new one"
            )));
        }
        crate::domain::carers::GrantStatus::Revoked if row.carer.is_none() => {
            return Err(refused("This invitation was cancelled. Ask for a new one"));
        }
        _ => {
            return Err(refused(
                "This invitation has already been used. Each code works once: ask for a new one",
            ));
        }
    }
    let already = store
        .caring_for(person.id)
        .await?
        .into_iter()
        .any(|g| g.resident == row.resident && g.times.status(now).is_live());
    // Not their name: without JavaScript an error travels in the page's address.
    let already_caring = || {
        refused(
            "You already care for the person who gave you this code. They can change what you can do from their own record",
        )
    };
    if already {
        return Err(already_caring());
    }
    let by = crate::server::store::Accessor {
        acting_for: Some(row.resident),
        ..accessor(actor)?
    };
    match store.accept_carer(row.id, &by, now).await {
        Ok(()) => Ok(row.resident_name),
        // Another of their codes was accepted at the same moment.
        Err(StoreError::Conflict("already caring")) => Err(already_caring()),
        Err(StoreError::Conflict(_)) => Err(refused(
            "This invitation has already been used. Each code works once: ask for a new one",
        )),
        Err(err) => Err(err.into()),
    }
}

/// Whether the signed-in person may act under this grant now; returns whom for. Anyone
/// else's grant, or one that is not live, is not found.
pub async fn may_act(store: &dyn Store, actor: &Actor, grant: i64) -> Result<String, AppError> {
    let person = carer(actor)?;
    match store.carer_grant(person.id, grant).await? {
        Some(row) if row.times.status(now_millis()).is_live() => Ok(row.resident_name),
        _ => Err(AppError::NotFound),
    }
}
