//! The neighbourhood team's side: the queue of residents who share something with the team,
//! and a shared record. A member of staff may open a resident's record only while the team
//! they belong to serves the resident's neighbourhood and the resident shares something, and
//! sees only the parts shared, decided from the database on every request; anything else is
//! not found. Every opening is in the resident's access log, one entry per part shown.

use super::record::{author_label, read};
use crate::domain::about_me::diff_lines;
use crate::domain::about_me::{Section, SectionBody, SectionVersion};
use crate::domain::goals::GoalNow;
use crate::domain::ids::PersonId;
use crate::domain::review::{
    AckForm, GOAL_FILTERS, MAX_SEARCH_CHARS, Message, MessageForm, PartConversation, Proposal,
    ProposeForm, QUEUE_PAGE, Queue, QueueEntry, QueueFilter, SharedAnswer, SharedRecord,
    TeamActivity, TeamNeeds, TeamStatements, parse_queue_key, queue_key,
};
use crate::domain::review::{PartChanges, ack_for};
use crate::domain::role::{Area, Role};
use crate::domain::sharing::Scope;
use crate::domain::statements::Answer;
use crate::domain::time::uk_week_start;
use crate::error::AppError;
use crate::server::store::{
    MessageRow, NewMessage, NewProposal, PartKind, ProposalRow, QueueQuery, RecordVersion, Store,
    TeamMembership,
};
use crate::server::{Actor, now_millis};

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
    let person = actor.person().ok_or(AppError::NotSignedIn)?;
    // What the form offers is all the filter can be: anything else is no filter.
    let mut filter = filter;
    if !GOAL_FILTERS.iter().any(|(code, _)| *code == filter.goals) {
        filter.goals.clear();
    }
    // Something that is not a place code at all is no ward of this team's, which is no filter
    // (and never reaches the database: PostgreSQL refuses a NUL byte).
    filter.ward = crate::domain::place::Code::parse(&filter.ward)
        .map(|code| code.as_str().to_string())
        .unwrap_or_default();
    // A search for characters no name has (control characters: PostgreSQL refuses a NUL
    // byte outright) finds what it would find without them.
    filter.name = filter
        .name
        .trim()
        .chars()
        .filter(|c| !c.is_control())
        .take(MAX_SEARCH_CHARS)
        .collect();
    let query = |filter: &QueueFilter| QueueQuery {
        after,
        // One more than a page: whether there is a next page, without counting.
        limit: QUEUE_PAGE + 1,
        unacknowledged_only: filter.unacknowledged_only,
        needs_only: filter.needs_only,
        viewer: Some(person.id),
        since_looked: filter.since_looked,
        active_goals: filter.goals == "active",
        open_proposals: filter.goals == "proposed",
        ward: (!filter.ward.is_empty()).then(|| filter.ward.clone()),
        name: (!filter.name.is_empty()).then(|| filter.name.clone()),
    };
    // Every read at the same time (on PostgreSQL each is a round trip; one after another they
    // were most of the queue's time). The page is read with the ward asked for before the
    // neighbourhood's wards are known: a ward of another neighbourhood finds nobody, since the
    // queue is this neighbourhood's, and is then read again without it (below).
    let week_start = uk_week_start(now_millis());
    let wards = async {
        Ok::<_, AppError>(
            store
                .neighbourhoods()
                .await?
                .into_iter()
                .find(|n| n.id == team.neighbourhood)
                .map(|n| {
                    n.wards
                        .into_iter()
                        .map(|w| (w.code, w.name))
                        .collect::<Vec<(String, String)>>()
                })
                .unwrap_or_default(),
        )
    };
    let page = async {
        Ok::<_, AppError>(
            store
                .team_queue(team.neighbourhood, &query(&filter))
                .await?,
        )
    };
    let counts = async { Ok::<_, AppError>(store.queue_counts(team.neighbourhood).await?) };
    let lead = async {
        match person.role == Role::TeamLead {
            true => Ok::<_, AppError>(Some(
                store
                    .team_activity(team.team, team.neighbourhood, week_start)
                    .await?,
            )),
            false => Ok(None),
        }
    };
    let (wards, mut rows, counts, lead) = tokio::try_join!(wards, page, counts, lead)?;
    if !filter.ward.is_empty() && !wards.iter().any(|(code, _)| *code == filter.ward) {
        filter.ward.clear();
        rows = store
            .team_queue(team.neighbourhood, &query(&filter))
            .await?;
    }
    let next = (rows.len() as i64 > QUEUE_PAGE).then(|| {
        rows.truncate(QUEUE_PAGE as usize);
        rows.last()
            .map(|r| queue_key(r.last_change_at, r.resident.0))
    });
    let activity = lead.map(|staff| TeamActivity {
        queue_size: counts.all,
        unacknowledged: counts.unacknowledged,
        oldest_unacknowledged: counts.oldest_unacknowledged,
        week_start,
        acks_this_week: staff,
    });
    Ok(Queue {
        wards,
        activity,
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
                changed_since_looked: r.changed_since_looked,
                unanswered: r.unanswered,
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
    // Every version of each shared kind (one query each, however many versions): the latest
    // is shown, and the one the team last read is compared with it.
    let acks = super::record::part_acks(store, resident, Some(team.neighbourhood)).await?;
    let mut changes = Vec::new();
    let mut compare = |kind: &str, all: &[RecordVersion], latest: &RecordVersion| {
        let read_version = ack_for(&acks, kind, &latest.key).map(|a| a.version);
        let Some(since) = read_version.filter(|v| *v < latest.version) else {
            return Ok::<(), AppError>(());
        };
        let Some(then) = all
            .iter()
            .find(|v| v.key == latest.key && v.version == since)
        else {
            return Ok(());
        };
        let text = |v: &RecordVersion| -> Result<String, AppError> {
            Ok(match kind {
                "needs" => {
                    let needs: crate::domain::needs::Needs = read(v)?;
                    let mut lines = needs.summary();
                    lines.extend(
                        needs
                            .how_to_talk
                            .map(|h| format!("How to talk with me: {h}")),
                    );
                    lines.join("\n")
                }
                "about-me" => read::<SectionBody>(v)?.text,
                _ => read::<crate::domain::goals::Goal>(v)?.lines().join("\n"),
            })
        };
        changes.push(PartChanges {
            kind: kind.to_string(),
            key: latest.key.clone(),
            since,
            lines: diff_lines(&text(then)?, &text(latest)?),
        });
        Ok(())
    };

    let needs = if shared.contains(&Scope::Needs) {
        let all = store.record_all(resident, PartKind::Needs).await?;
        let shown = match all.first() {
            Some(v) => TeamNeeds::Shared {
                needs: Box::new(read(v)?),
                version: v.version,
                by: author_label(v),
                at: v.created_at,
            },
            None => TeamNeeds::NoneRecorded,
        };
        if let Some(v) = all.first() {
            compare("needs", &all, v)?;
        }
        shown
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
        let all = store.record_all(resident, PartKind::AboutMe).await?;
        let mut versions = Vec::new();
        for section in &sections {
            if let Some(v) = all.iter().find(|v| v.key == section.code()) {
                compare("about-me", &all, v)?;
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
        let all = store.record_all(resident, PartKind::Goal).await?;
        let mut latest: Vec<&RecordVersion> = Vec::new();
        for v in &all {
            if !latest.iter().any(|l| l.key == v.key) {
                latest.push(v);
            }
        }
        for v in &latest {
            compare("goal", &all, v)?;
        }
        let mut goals = latest
            .iter()
            .map(|v| {
                Ok(GoalNow {
                    key: v.key.clone(),
                    goal: read(v)?,
                    version: v.version,
                    updated_at: v.created_at,
                    author_name: author_label(v),
                })
            })
            .collect::<Result<Vec<_>, AppError>>()?;
        goals.sort_by_key(|g| {
            (
                !g.goal.lifecycle.is_current(),
                std::cmp::Reverse(g.updated_at),
            )
        });
        Some(goals)
    } else {
        None
    };
    // Shared as "Goals and progress notes": the notes come with the goals.
    let notes = if shared.contains(&Scope::Goals) {
        let mut notes = store
            .record_all(resident, PartKind::GoalNote)
            .await?
            .iter()
            .map(|v| {
                let note: crate::domain::goals::Note = read(v)?;
                Ok((
                    v.key.clone(),
                    crate::domain::goals::NoteNow {
                        text: note.text,
                        author_name: author_label(v),
                        created_at: v.created_at,
                    },
                ))
            })
            .collect::<Result<Vec<_>, AppError>>()?;
        notes.sort_by_key(|(_, n)| std::cmp::Reverse(n.created_at));
        notes
    } else {
        Vec::new()
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
    let on_shared = |kind: &str, key: &str| match PartKind::parse(kind) {
        Some(PartKind::Needs) => shared.contains(&Scope::Needs),
        Some(PartKind::Goal) => shared.contains(&Scope::Goals),
        Some(PartKind::AboutMe) => {
            Section::parse(key).is_some_and(|s| shared.contains(&Scope::AboutMe(s)))
        }
        _ => false,
    };
    let conversations = conversations(
        store
            .messages(resident)
            .await?
            .into_iter()
            .filter(|m| m.neighbourhood == team.neighbourhood && on_shared(&m.kind, &m.key))
            .collect(),
    );
    // Proposals are about goals, and the resident's answers (a reason for declining, the goal
    // they made of it) are their words: shown only while goals are shared, like conversations.
    let proposals = if shared.contains(&Scope::Goals) {
        store
            .proposals(resident)
            .await?
            .into_iter()
            .filter(|p| p.neighbourhood == team.neighbourhood)
            .map(proposal)
            .collect()
    } else {
        Vec::new()
    };
    Ok(SharedRecord {
        acks,
        changes,
        conversations,
        proposals,
        kept_message: None,
        kept_proposal: None,
        notice: None,
        resident: resident.0,
        name: row.name,
        ward: row.ward,
        needs,
        about_me,
        goals,
        notes,
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
    let (kind, scope) = part(&form.kind, &form.key)?;
    let shared = store
        .shares(resident)
        .await?
        .iter()
        .any(|s| s.scope == scope.code());
    // A version that does not exist (0, negative, too high) is refused by the store.
    let version = form
        .version
        .trim()
        .parse::<i64>()
        .map_err(|_| AppError::NotFound)?;
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

/// A part of a record as a form names it (`kind`, `key`): its kind and the scope that shares
/// it. Anything else names nothing.
pub fn part(kind: &str, key: &str) -> Result<(PartKind, Scope), AppError> {
    use crate::domain::goals::valid_key;
    let kind = PartKind::parse(kind).ok_or(AppError::NotFound)?;
    let scope = match kind {
        PartKind::Needs if key == "needs" => Scope::Needs,
        PartKind::AboutMe => Scope::AboutMe(Section::parse(key).ok_or(AppError::NotFound)?),
        PartKind::Goal if valid_key(key) => Scope::Goals,
        _ => return Err(AppError::NotFound),
    };
    Ok((kind, scope))
}

/// Who wrote a message, as the conversation shows it.
pub fn message_by(row: &MessageRow) -> String {
    if row.from_team {
        let role = Role::parse(&row.author_role).map_or("Staff", Role::label);
        match &row.team_name {
            Some(team) => format!("{}, {role}, {team}", row.author_name),
            None => format!("{}, {role}", row.author_name),
        }
    } else if row.acting_for.is_some() {
        format!("{} (carer)", row.author_name)
    } else {
        row.author_name.clone()
    }
}

/// Messages grouped by part, each conversation oldest first, parts by their first message.
pub fn conversations(rows: Vec<MessageRow>) -> Vec<PartConversation> {
    let mut out: Vec<PartConversation> = Vec::new();
    for row in rows {
        let message = Message {
            from_team: row.from_team,
            by: message_by(&row),
            text: row.body.clone(),
            at: row.created_at,
            new: row.from_team && row.seen_at.is_none(),
        };
        match out
            .iter_mut()
            .find(|c| c.kind == row.kind && c.key == row.key)
        {
            Some(c) => c.messages.push(message),
            None => out.push(PartConversation {
                kind: row.kind,
                key: row.key,
                messages: vec![message],
            }),
        }
    }
    out
}

/// A stored proposal as the pages show it.
pub fn proposal(row: ProposalRow) -> Proposal {
    use crate::domain::goals::Lifecycle;
    let role = Role::parse(&row.staff_role).map_or("Staff", Role::label);
    Proposal {
        id: row.id,
        description: row.description,
        why: row.why,
        by: format!("{}, {role}, {}", row.staff_name, row.team_name),
        at: row.created_at,
        status: Lifecycle::parse(&row.status).unwrap_or(Lifecycle::Proposed),
        reason: row.reason,
        goal_key: row.goal_key,
        decided_by: row.decided_by_name,
        decided_at: row.decided_at,
    }
}

/// A member of staff responds on a shared part that has been written. Another team's
/// resident, a part not shared or not written: not found (before the text is looked at).
pub async fn respond(
    store: &dyn Store,
    actor: &Actor,
    resident: i64,
    form: &MessageForm,
) -> Result<String, AppError> {
    let team = staff(actor)?;
    let resident = PersonId(resident);
    if store
        .queued_resident(team.neighbourhood, resident)
        .await?
        .is_none()
    {
        return Err(AppError::NotFound);
    }
    let (kind, scope) = part(&form.kind, &form.key)?;
    let code = scope.code();
    if !store
        .shares(resident)
        .await?
        .iter()
        .any(|s| s.scope == code)
    {
        return Err(AppError::NotFound);
    }
    if store
        .record_item(resident, kind, &form.key)
        .await?
        .is_none()
    {
        return Err(AppError::NotFound);
    }
    let text = form
        .check()
        .map_err(|fields| AppError::Invalid { fields })?;
    store
        .add_message(&NewMessage {
            resident,
            neighbourhood: Some(team.neighbourhood),
            by: &super::sharing::accessor(actor)?,
            kind,
            key: &form.key,
            from_team: true,
            body: &text,
            scope: &code,
        })
        .await?;
    Ok(scope.label())
}

/// A member of staff proposes a goal to a resident who shares their goals with the team.
pub async fn propose(
    store: &dyn Store,
    actor: &Actor,
    resident: i64,
    form: &ProposeForm,
) -> Result<(), AppError> {
    let team = staff(actor)?;
    let resident = PersonId(resident);
    if store
        .queued_resident(team.neighbourhood, resident)
        .await?
        .is_none()
        || !store
            .shares(resident)
            .await?
            .iter()
            .any(|s| s.scope == Scope::Goals.code())
    {
        return Err(AppError::NotFound);
    }
    let (description, why) = form
        .check()
        .map_err(|fields| AppError::Invalid { fields })?;
    store
        .propose_goal(&NewProposal {
            resident,
            neighbourhood: team.neighbourhood,
            by: &super::sharing::accessor(actor)?,
            description: &description,
            why: why.as_deref(),
        })
        .await?;
    Ok(())
}

/// How true each person statement feels across the neighbourhood, from the residents who share
/// their answers with the team: now, and at the end of each of the last twelve months, small
/// numbers suppressed. The comments shown are logged for the residents who wrote them (the
/// counts identify nobody; a comment is their words), as read among the neighbourhood's
/// answers: not an opening of their record, so the queue still says what is new since the
/// member of staff last opened it.
pub async fn statements(store: &dyn Store, actor: &Actor) -> Result<TeamStatements, AppError> {
    use crate::domain::review::{SavedAnswer, across};
    use crate::domain::statements::Answer;
    let team = staff(actor)?;
    let texts: Vec<(String, String)> = store
        .person_statements()
        .await?
        .into_iter()
        .map(|s| (s.code, s.text))
        .collect();
    let answers = store
        .statement_answers(team.neighbourhood)
        .await?
        .into_iter()
        .map(|row| {
            let answer: Answer = serde_json::from_str(&row.body)
                .map_err(|_| crate::server::internal("a statement answer does not read back"))?;
            Ok(SavedAnswer {
                resident: row.resident.0,
                code: row.code,
                at: row.created_at,
                truth: answer.truth,
                comment: answer.comment,
            })
        })
        .collect::<Result<Vec<_>, AppError>>()?;
    let (statements, quoted) = across(&texts, &answers, now_millis());
    let by = super::sharing::accessor(actor)?;
    for resident in quoted {
        store
            .log_access(
                PersonId(resident),
                &by,
                &[Scope::Statements.code().as_str()],
                "read-across",
            )
            .await?;
    }
    Ok(TeamStatements {
        team: team.team_name.clone(),
        neighbourhood: team.neighbourhood_name.clone(),
        statements,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_part_is_named_by_its_kind_and_a_key_of_that_kind() {
        assert_eq!(
            part("needs", "needs").ok(),
            Some((PartKind::Needs, Scope::Needs))
        );
        assert_eq!(
            part("about-me", "wellness").ok(),
            Some((PartKind::AboutMe, Scope::AboutMe(Section::Wellness)))
        );
        assert_eq!(
            part("goal", "0a1b2c3d4e5f6a7b").ok(),
            Some((PartKind::Goal, Scope::Goals))
        );
        for (kind, key) in [
            ("needs", "wellness"),
            ("about-me", "needs"),
            ("goal", "needs"),
            ("goal", "not a key"),
            ("statement", "active-partner"),
            ("anything", "needs"),
        ] {
            assert_eq!(part(kind, key), Err(AppError::NotFound), "{kind} {key}");
        }
    }
}
