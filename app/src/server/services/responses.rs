//! The resident's side of staff review: the team's responses on each part of their record and
//! their replies (a conversation per part), and goals the team proposed, which they accept (a
//! goal of their own, theirs to edit) or decline. A carer acting for them sees the parts their
//! grant names, and writes where it lets them change the part.

use super::record::{RecordAccess, access, read};
use super::review::{conversations, part, proposal};
use crate::domain::about_me::Section;
use crate::domain::goals::{Goal, Lifecycle, valid_key};
use crate::domain::review::{
    ConversationScreen, ConversationSummary, DecideForm, Decision, MessageForm, ResponsesScreen,
};
use crate::domain::sharing::Scope;
use crate::error::AppError;
use crate::server::Actor;
use crate::server::store::{NewMessage, PartKind, ProposalDecision, Store, StoreError};

/// What a reply to an unshared part is told.
pub const NOT_SHARED: &str = "You do not share this part of your record with your \
    neighbourhood team now, so they cannot read a message about it. Share it first, then write.";

/// The conversation on one part, for its page (which has already checked and logged the read
/// of the part itself): the team's messages count as seen from now.
pub async fn conversation(
    store: &dyn Store,
    actor: &Actor,
    kind: &str,
    key: &str,
) -> Result<ConversationScreen, AppError> {
    let access = access(actor)?;
    let (kind_code, scope) = part(kind, key)?;
    if !access.can_see(scope) {
        return Err(AppError::NotFound);
    }
    let resident = access.resident;
    let rows: Vec<_> = store
        .messages(resident)
        .await?
        .into_iter()
        .filter(|m| m.kind == kind && m.key == key)
        .collect();
    // Seen by the resident, or by a carer who acts on this part for them; a carer who may
    // only look leaves the resident's "new" as it was (looking changes nothing of theirs).
    if access.can_change(scope) && rows.iter().any(|m| m.from_team && m.seen_at.is_none()) {
        store.mark_seen(resident, kind_code, key).await?;
    }
    let messages = conversations(rows)
        .pop()
        .map(|c| c.messages)
        .unwrap_or_default();
    let shared = is_shared(store, &access, scope).await?;
    Ok(ConversationScreen {
        kind: kind.to_string(),
        key: key.to_string(),
        messages,
        can_write: shared && access.can_change(scope),
        shared,
        kept: None,
    })
}

async fn is_shared(
    store: &dyn Store,
    access: &RecordAccess,
    scope: Scope,
) -> Result<bool, AppError> {
    let code = scope.code();
    Ok(store
        .shares(access.resident)
        .await?
        .iter()
        .any(|s| s.scope == code))
}

/// A reply (or a first message) to the team about a part that exists and is shared; returns
/// where the part's page is.
pub async fn reply(
    store: &dyn Store,
    actor: &Actor,
    form: &MessageForm,
) -> Result<String, AppError> {
    let access = access(actor)?;
    let (kind, scope) = part(&form.kind, &form.key)?;
    access.may_change(scope)?;
    if store
        .record_item(access.resident, kind, &form.key)
        .await?
        .is_none()
    {
        return Err(AppError::NotFound);
    }
    let not_shared = || {
        AppError::field(
            &crate::domain::review::message_field(&form.kind, &form.key),
            NOT_SHARED,
        )
    };
    if !is_shared(store, &access, scope).await? {
        return Err(not_shared());
    }
    let text = form
        .check()
        .map_err(|fields| AppError::Invalid { fields })?;
    let code = scope.code();
    match store
        .add_message(&NewMessage {
            resident: access.resident,
            neighbourhood: None,
            by: &access.by,
            kind,
            key: &form.key,
            from_team: false,
            body: &text,
            scope: &code,
        })
        .await
    {
        Ok(()) => Ok(part_href(kind, &form.key)),
        // They share it but live nowhere a team serves; a carer whose grant ended (or stopped
        // letting them change this part) while they wrote is refused as not found instead.
        Err(StoreError::NotFound) if access.is_own() => Err(not_shared()),
        Err(other) => Err(other.into()),
    }
}

/// The page a part lives on.
pub fn part_href(kind: PartKind, key: &str) -> String {
    match kind {
        PartKind::Needs => "/my/needs".into(),
        PartKind::AboutMe => format!("/my/about-me/{key}"),
        _ => format!("/my/goals/{key}"),
    }
}

/// Every conversation with the team, newest first, and the goals it proposed.
pub async fn overview(store: &dyn Store, actor: &Actor) -> Result<ResponsesScreen, AppError> {
    let access = access(actor)?;
    let goals = if access.can_see(Scope::Goals) {
        store.record_latest(access.resident, PartKind::Goal).await?
    } else {
        Vec::new()
    };
    let rows = store.messages(access.resident).await?;
    let mut list = Vec::new();
    // Each conversation shown is a read of its part (its last message is on the page): a
    // carer's read is logged under every part shown, as the part's own page logs it.
    let mut read_parts: Vec<Scope> = Vec::new();
    for c in conversations(rows) {
        let Ok((kind, scope)) = part(&c.kind, &c.key) else {
            continue;
        };
        if !access.can_see(scope) {
            continue;
        }
        if !read_parts.contains(&scope) {
            read_parts.push(scope);
        }
        let label = match kind {
            PartKind::Needs => "Communication needs".to_string(),
            PartKind::AboutMe => Section::parse(&c.key)
                .map_or("About me", Section::title)
                .to_string(),
            _ => match goals.iter().find(|g| g.key == c.key) {
                Some(v) => format!("Goal: {}", read::<Goal>(v)?.description),
                None => "A goal".into(),
            },
        };
        let Some(last) = c.messages.last().cloned() else {
            continue;
        };
        list.push(ConversationSummary {
            label,
            href: part_href(kind, &c.key),
            new: c.messages.iter().filter(|m| m.new).count(),
            messages: c.messages.len(),
            last,
        });
    }
    list.sort_by_key(|c| std::cmp::Reverse(c.last.at));
    if access.can_see(Scope::Goals) && !read_parts.contains(&Scope::Goals) {
        read_parts.push(Scope::Goals);
    }
    access.see(store, &read_parts).await?;
    let proposals = if access.can_see(Scope::Goals) {
        store
            .proposals(access.resident)
            .await?
            .into_iter()
            .map(proposal)
            .collect()
    } else {
        Vec::new()
    };
    Ok(ResponsesScreen {
        conversations: list,
        proposals,
        can_decide: access.can_change(Scope::Goals),
        kept: None,
    })
}

/// Accepts a proposed goal (version 1 of a goal of their own, active, in their record) or
/// declines it. Returns the confirmation and where to go next.
pub async fn decide(
    store: &dyn Store,
    actor: &Actor,
    form: &DecideForm,
) -> Result<(String, String), AppError> {
    let access = access(actor)?;
    access.may_change(Scope::Goals)?;
    let id = form
        .proposal
        .trim()
        .parse::<i64>()
        .map_err(|_| AppError::NotFound)?;
    let Some(row) = store
        .proposals(access.resident)
        .await?
        .into_iter()
        .find(|p| p.id == id)
    else {
        return Err(AppError::NotFound);
    };
    let decision = form
        .check()
        .map_err(|fields| AppError::Invalid { fields })?;
    let (accept, reason, done) = match decision {
        Decision::Accept => {
            let key = uuid::Uuid::new_v4().simple().to_string()[..16].to_string();
            debug_assert!(valid_key(&key));
            let goal = Goal {
                description: row.description.clone(),
                why: row.why.clone(),
                target: None,
                lifecycle: Lifecycle::Active,
                achievement: None,
            };
            let body = serde_json::to_string(&goal).map_err(crate::server::internal)?;
            (Some((key, body)), None, "accepted")
        }
        Decision::Decline { reason } => (None, reason, "declined"),
    };
    let result = store
        .decide_proposal(&ProposalDecision {
            resident: access.resident,
            proposal: id,
            by: &access.by,
            accept: accept.as_ref().map(|(k, b)| (k.as_str(), b.as_str())),
            reason: reason.as_deref(),
        })
        .await;
    match result {
        Ok(()) => {}
        Err(StoreError::Conflict(_)) => {
            return Err(AppError::Conflict(
                "This proposed goal has already been answered.".into(),
            ));
        }
        Err(other) => return Err(other.into()),
    }
    let to = match &accept {
        Some((key, _)) => format!("/my/goals/{key}"),
        None => "/my/goals".into(),
    };
    Ok((format!("You {done} the goal “{}”", row.description), to))
}
