//! What every part of the resident's record shares: whose record this request may read and
//! write, and which parts (decided once per request, from the database, when the actor was
//! worked out), recording every read and write by someone else in the resident's access log,
//! and reading and writing the parts kept as versioned JSON.

use crate::domain::carers::Permission;
use crate::domain::ids::PersonId;
use crate::domain::role::{Area, Role};
use crate::domain::sharing::Scope;
use crate::error::AppError;
use crate::server::actor::{Acting, Actor};
use crate::server::internal;
use crate::server::store::{Accessor, PartKind, RecordVersion, Store, StoreError};
use serde::Serialize;
use serde::de::DeserializeOwned;

/// The resident whose own business this is (sharing, carers, where they live, their activity):
/// the resident themself only. A carer acting for them is told it is not found.
pub fn owner(actor: &Actor) -> Result<PersonId, AppError> {
    // Only a resident's role is in the personal area, so whoever passes is a resident.
    let person = actor.require_area(Area::Personal)?;
    match actor {
        Actor::Acting(..) => Err(AppError::NotFound),
        _ => Ok(person.id),
    }
}

/// Access to one resident's record on this request: the resident themself (every part), or
/// a carer acting under a live grant (the parts it names, each to see or to change).
#[derive(Clone, Debug)]
pub struct RecordAccess {
    pub resident: PersonId,
    pub resident_name: String,
    /// Who is reading or writing, as the access log records them.
    pub by: Accessor,
    /// `None` for the resident themself.
    carer: Option<Vec<Permission>>,
}

/// The record this request may use. Anyone whose area this is not is refused as usual; a carer
/// whose grant has ended since they chose it is told it is not found.
pub fn access(actor: &Actor) -> Result<RecordAccess, AppError> {
    let person = actor.require_area(Area::Personal)?;
    let by = super::sharing::accessor(actor)?;
    match actor {
        Actor::Acting(_, acting) => match acting.as_ref() {
            Acting::For(grant) => Ok(RecordAccess {
                resident: grant.resident,
                resident_name: grant.resident_name.clone(),
                by: Accessor {
                    acting_for: Some(grant.resident),
                    ..by
                },
                carer: Some(grant.permissions.clone()),
            }),
            Acting::Ended => Err(AppError::NotFound),
        },
        // `require_area(Personal)` let only a resident through: their own record.
        _ => Ok(RecordAccess {
            resident: person.id,
            resident_name: person.name.clone(),
            by,
            carer: None,
        }),
    }
}

/// Whether this actor may see `scope` but not change it (a carer with a see-only grant).
pub fn read_only(actor: &Actor, scope: Scope) -> bool {
    access(actor).is_ok_and(|a| a.can_see(scope) && !a.can_change(scope))
}

impl RecordAccess {
    /// The resident themself.
    pub fn is_own(&self) -> bool {
        self.carer.is_none()
    }

    pub fn can_see(&self, scope: Scope) -> bool {
        self.carer
            .as_ref()
            .is_none_or(|p| p.iter().any(|p| p.scope == scope))
    }

    pub fn can_change(&self, scope: Scope) -> bool {
        self.carer
            .as_ref()
            .is_none_or(|p| p.iter().any(|p| p.scope == scope && p.change))
    }

    /// Reading these parts: refused (as not found) unless every one may be seen; a carer's
    /// read is logged for the resident, one entry per part.
    pub async fn see(&self, store: &dyn Store, scopes: &[Scope]) -> Result<(), AppError> {
        if let Some(refused) = scopes.iter().find(|s| !self.can_see(**s)) {
            tracing::warn!(
                person = self.by.id.0,
                scope = %refused.code(),
                "record read refused: not in the grant"
            );
            return Err(AppError::NotFound);
        }
        self.log(store, scopes, "read").await
    }

    /// Before changing a part: a part they cannot see is not found; one they may only see is
    /// refused.
    pub fn may_change(&self, scope: Scope) -> Result<(), AppError> {
        if !self.can_see(scope) {
            return Err(AppError::NotFound);
        }
        if !self.can_change(scope) {
            tracing::warn!(person = self.by.id.0, scope = %scope.code(), "record write refused: see only");
            return Err(AppError::Forbidden);
        }
        Ok(())
    }

    async fn log(&self, store: &dyn Store, scopes: &[Scope], action: &str) -> Result<(), AppError> {
        if self.is_own() || scopes.is_empty() {
            return Ok(());
        }
        let codes: Vec<String> = scopes.iter().map(|s| s.code()).collect();
        let codes: Vec<&str> = codes.iter().map(String::as_str).collect();
        store
            .log_access(self.resident, &self.by, &codes, action)
            .await?;
        Ok(())
    }

    /// Stores `value` as the next version of a part in `scope`, written by whoever this is
    /// (a carer's writes are attributed to them, and logged); a stale base is the conflict
    /// `stale` describes.
    #[allow(clippy::too_many_arguments)]
    pub async fn write<T: Serialize>(
        &self,
        store: &dyn Store,
        scope: Scope,
        kind: PartKind,
        key: &str,
        base: Option<i64>,
        value: &T,
        stale: &str,
    ) -> Result<i64, AppError> {
        self.may_change(scope)?;
        let body = serde_json::to_string(value).map_err(internal)?;
        let code = scope.code();
        let log = (!self.is_own()).then_some((&self.by, code.as_str()));
        match store
            .save_record(self.resident, self.by.id, kind, key, base, &body, log)
            .await
        {
            Ok(version) => Ok(version),
            Err(StoreError::Conflict(_)) => Err(AppError::Conflict(stale.into())),
            Err(err) => Err(err.into()),
        }
    }
}

/// Who wrote a version, as histories show it: a carer's writes say so (they are the resident's
/// record, written for them).
pub fn author_label(version: &RecordVersion) -> String {
    if version.author == version.acting_for {
        version.author_name.clone()
    } else {
        format!("{} (carer)", version.author_name)
    }
}

/// The newest acknowledgement of each part of the resident's record, by the team serving
/// `neighbourhood` (or by any team), as the pages show them.
pub async fn part_acks(
    store: &dyn Store,
    resident: PersonId,
    neighbourhood: Option<crate::domain::ids::NeighbourhoodId>,
) -> Result<Vec<crate::domain::review::PartAck>, AppError> {
    let mut acks: Vec<crate::domain::review::PartAck> = Vec::new();
    for row in store.acknowledgements(resident).await? {
        if neighbourhood.is_some_and(|n| n != row.neighbourhood)
            || acks.iter().any(|a| a.kind == row.kind && a.key == row.key)
        {
            continue;
        }
        let role = Role::parse(&row.staff_role)
            .map(|r| r.label().to_string())
            .unwrap_or(row.staff_role);
        acks.push(crate::domain::review::PartAck {
            kind: row.kind,
            key: row.key,
            ack: crate::domain::review::Ack {
                version: row.version,
                by: row.staff_name,
                role: format!("{role}, {}", row.team_name),
                at: row.created_at,
            },
        });
    }
    Ok(acks)
}

/// A stored version read back as its domain type. The log says only what kind of failure and
/// where: serde's own message can quote the stored (health) text.
pub fn read<T: DeserializeOwned>(version: &RecordVersion) -> Result<T, AppError> {
    read_body(version.version, &version.body)
}

/// As `read`, for a version's number and body read without the rest of it.
pub fn read_body<T: DeserializeOwned>(version: i64, body: &str) -> Result<T, AppError> {
    serde_json::from_str(body).map_err(|e| {
        internal(format!(
            "record version {version} does not read back ({:?} at column {})",
            e.classify(),
            e.column()
        ))
    })
}

/// Stores the resident's own entry that belongs to no shared part (a review): theirs only.
pub async fn write_own<T: Serialize>(
    store: &dyn Store,
    resident: PersonId,
    kind: PartKind,
    key: &str,
    value: &T,
) -> Result<i64, AppError> {
    let body = serde_json::to_string(value).map_err(internal)?;
    Ok(store
        .save_record(resident, resident, kind, key, None, &body, None)
        .await?)
}
