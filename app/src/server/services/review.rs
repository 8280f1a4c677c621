//! The neighbourhood team's side: the queue of residents who share something with the team,
//! and a shared record. A member of staff may open a resident's record only while the team
//! they belong to serves the resident's neighbourhood and the resident shares something, and
//! sees only the parts shared, decided from the database on every request; anything else is
//! not found. Every opening is in the resident's access log, one entry per part shown.

use super::record::{author_label, read};
use crate::domain::about_me::{Section, SectionBody, SectionVersion};
use crate::domain::goals::GoalNow;
use crate::domain::ids::PersonId;
use crate::domain::review::{
    AckForm, QUEUE_PAGE, Queue, QueueEntry, QueueFilter, SharedAnswer, SharedRecord, TeamNeeds,
    parse_queue_key, queue_key,
};
use crate::domain::role::Area;
use crate::domain::sharing::Scope;
use crate::domain::statements::Answer;
use crate::error::AppError;
use crate::server::Actor;
use crate::server::store::{PartKind, QueueQuery, Store, TeamMembership};

/// The member of staff and their team; staff without a team (none should exist) see nothing.
fn staff(actor: &Actor) -> Result<&TeamMembership, AppError> {
    let person = actor.require_area(Area::Team)?;
    person.team.as_ref().ok_or(AppError::NotFound)
}

/// A page of the team's queue: residents of its neighbourhood who share something, the most
/// recently changed first; `after` is the previous page's `next`.
pub async fn queue(
    store: &dyn Store,
    actor: &Actor,
    after: Option<&str>,
    filter: QueueFilter,
) -> Result<Queue, AppError> {
    let team = staff(actor)?;
    let after = match after.filter(|a| !a.is_empty()) {
        None => None,
        Some(text) => {
            let (at, id) = parse_queue_key(text).ok_or(AppError::NotFound)?;
            Some((at, PersonId(id)))
        }
    };
    let query = QueueQuery {
        after,
        // One more than a page: whether there is a next page, without counting.
        limit: QUEUE_PAGE + 1,
        unacknowledged_only: filter.unacknowledged_only,
        needs_only: filter.needs_only,
    };
    let mut rows = store.team_queue(team.neighbourhood, &query).await?;
    let next = (rows.len() as i64 > QUEUE_PAGE).then(|| {
        rows.truncate(QUEUE_PAGE as usize);
        rows.last()
            .map(|r| queue_key(r.last_change_at, r.resident.0))
    });
    let counts = store.queue_counts(team.neighbourhood).await?;
    Ok(Queue {
        team: team.team_name.clone(),
        neighbourhood: team.neighbourhood_name.clone(),
        entries: rows
            .into_iter()
            .map(|r| QueueEntry {
                resident: r.resident.0,
                name: r.name,
                ward: r.ward,
                last_change_at: r.last_change_at,
                has_needs: r.has_needs,
                unacknowledged: r.unacknowledged,
            })
            .collect(),
        filter,
        total: counts.all,
        with_needs: counts.with_needs,
        unacknowledged: counts.unacknowledged,
        next: next.flatten(),
    })
}

/// A resident's record as the team sees it: needs first (or that they exist unshared), then
/// each shared part at its latest version. Refused as not found unless the resident is in the
/// team's queue now.
pub async fn record(
    store: &dyn Store,
    actor: &Actor,
    resident: i64,
) -> Result<SharedRecord, AppError> {
    let team = staff(actor)?;
    let resident = PersonId(resident);
    let Some(row) = store.queued_resident(team.neighbourhood, resident).await? else {
        tracing::warn!(
            person = actor.person().map(|p| p.id.0),
            "team record refused: not in the team's queue"
        );
        return Err(AppError::NotFound);
    };
    let shared: Vec<Scope> = store
        .shares(resident)
        .await?
        .iter()
        .filter_map(|s| Scope::parse(&s.scope))
        .collect();
    let order = Scope::all();
    let mut shared = shared;
    shared.sort_by_key(|s| order.iter().position(|o| o == s));

    let needs = if shared.contains(&Scope::Needs) {
        match store
            .record_latest(resident, PartKind::Needs)
            .await?
            .first()
        {
            Some(v) => TeamNeeds::Shared {
                needs: Box::new(read(v)?),
                version: v.version,
                by: author_label(v),
                at: v.created_at,
            },
            None => TeamNeeds::NoneRecorded,
        }
    } else if row.has_needs {
        TeamNeeds::NotShared
    } else {
        TeamNeeds::NoneRecorded
    };
    let sections: Vec<Section> = Section::ALL
        .into_iter()
        .filter(|s| shared.contains(&Scope::AboutMe(*s)))
        .collect();
    let about_me = if sections.is_empty() {
        Vec::new()
    } else {
        let latest = store.record_latest(resident, PartKind::AboutMe).await?;
        let mut versions = Vec::new();
        for section in &sections {
            if let Some(v) = latest.iter().find(|v| v.key == section.code()) {
                let body: SectionBody = read(v)?;
                versions.push(SectionVersion {
                    section: *section,
                    version: v.version,
                    text: body.text,
                    supported_by: body.supported_by,
                    author: v.author,
                    author_name: author_label(v),
                    acting_for: v.acting_for,
                    created_at: v.created_at,
                });
            }
        }
        versions
    };
    let goals = if shared.contains(&Scope::Goals) {
        let mut goals = store
            .record_latest(resident, PartKind::Goal)
            .await?
            .iter()
            .map(|v| {
                Ok(GoalNow {
                    key: v.key.clone(),
                    goal: read(v)?,
                    version: v.version,
                    updated_at: v.created_at,
                })
            })
            .collect::<Result<Vec<_>, AppError>>()?;
        goals.retain(|g| g.goal.lifecycle.is_current());
        goals.sort_by_key(|g| std::cmp::Reverse(g.updated_at));
        Some(goals)
    } else {
        None
    };
    let statements = if shared.contains(&Scope::Statements) {
        let texts = store.person_statements().await?;
        let latest = store.record_latest(resident, PartKind::Statement).await?;
        let mut answers = Vec::new();
        for statement in texts {
            if let Some(v) = latest.iter().find(|v| v.key == statement.code) {
                let answer: Answer = read(v)?;
                answers.push(SharedAnswer {
                    statement: statement.text,
                    truth: answer.truth,
                    comment: answer.comment,
                    version: v.version,
                    at: v.created_at,
                });
            }
        }
        Some(answers)
    } else {
        None
    };
    let codes: Vec<String> = shared.iter().map(|s| s.code()).collect();
    let codes: Vec<&str> = codes.iter().map(String::as_str).collect();
    store
        .log_access(resident, &super::sharing::accessor(actor)?, &codes, "read")
        .await?;
    let acks = super::record::part_acks(store, resident, Some(team.neighbourhood)).await?;
    Ok(SharedRecord {
        acks,
        notice: None,
        resident: resident.0,
        name: row.name,
        ward: row.ward,
        needs,
        about_me,
        goals,
        statements,
        shared,
    })
}

/// "I have read this version" of a shared part: needs, an About Me section or a goal. Anything
/// the member of staff could not open (another team's resident, a part not shared, a version
/// that does not exist) is not found. Returns what the confirmation names.
pub async fn acknowledge(
    store: &dyn Store,
    actor: &Actor,
    resident: i64,
    form: &AckForm,
) -> Result<String, AppError> {
    use crate::domain::goals::valid_key;
    use crate::server::store::NewAcknowledgement;
    let team = staff(actor)?;
    let resident = PersonId(resident);
    if store
        .queued_resident(team.neighbourhood, resident)
        .await?
        .is_none()
    {
        return Err(AppError::NotFound);
    }
    let kind = PartKind::parse(&form.kind).ok_or(AppError::NotFound)?;
    let scope = match kind {
        PartKind::Needs if form.key == "needs" => Scope::Needs,
        PartKind::AboutMe => Scope::AboutMe(Section::parse(&form.key).ok_or(AppError::NotFound)?),
        PartKind::Goal if valid_key(&form.key) => Scope::Goals,
        _ => return Err(AppError::NotFound),
    };
    let shared = store
        .shares(resident)
        .await?
        .iter()
        .any(|s| s.scope == scope.code());
    let version = form
        .version
        .trim()
        .parse::<i64>()
        .ok()
        .filter(|v| *v > 0)
        .ok_or(AppError::NotFound)?;
    if !shared {
        return Err(AppError::NotFound);
    }
    let code = scope.code();
    store
        .acknowledge(&NewAcknowledgement {
            resident,
            neighbourhood: team.neighbourhood,
            by: &super::sharing::accessor(actor)?,
            kind,
            key: &form.key,
            version,
            scope: &code,
        })
        .await?;
    Ok(format!("{}, version {version}", scope.label()))
}
