//! Feedback: a resident (or their carer) answers the Friends and Family Test about their
//! neighbourhood team or a service; engagement officers moderate what may be published; anyone
//! reads the published stories (`/stories`) and may report one; engagement officers and team
//! leads (for their neighbourhood) respond publicly.

use super::record::access;
use crate::domain::feedback::{
    Change, FeedbackForm, FeedbackScreen, Fft, GivenFeedback, HideReason, ModerateForm,
    ModerationQueue, PublicResponse, ReportForm, ReportReason, ResponseForm, STORIES_PAGE, Status,
    Stories, Story, TakeDownForm, ToModerate, WithdrawForm,
};
use crate::domain::ids::NeighbourhoodId;
use crate::domain::role::{Area, Role};
use crate::domain::sharing::Scope;
use crate::domain::text::free_text;
use crate::error::AppError;
use crate::server::Actor;
use crate::server::store::{
    Decision, FeedbackRow, NewFeedback, NewResponse, PartKind, ResponseRow, Store, StoryCounts,
    StoryQuery,
};

/// Moderation shows this many at a time, oldest first.
const MODERATION_PAGE: i64 = 50;

fn response(row: ResponseRow) -> PublicResponse {
    let role = Role::parse(&row.author_role).map_or("Staff", Role::label);
    let by = match &row.team_name {
        Some(team) => format!("{}, {role}, {team}", row.author_name),
        None => format!("{}, {role}", row.author_name),
    };
    PublicResponse {
        by,
        text: row.body,
        change: Change::parse(&row.change).unwrap_or(Change::Nothing),
        change_detail: row.change_detail,
        at: row.created_at,
    }
}

fn about(row: &FeedbackRow) -> String {
    match (&row.service, &row.neighbourhood_name) {
        (Some(service), _) => service.clone(),
        (None, Some(n)) => format!("{n} Integrated Neighbourhood Team"),
        (None, None) => "A neighbourhood team".into(),
    }
}

/// A piece of feedback's id as a form names it: one that is not a number is not found.
fn feedback_id(text: &str) -> Result<i64, AppError> {
    text.trim().parse().map_err(|_| AppError::NotFound)
}

/// The neighbourhood a resident lives in now, if any (from their ward).
async fn neighbourhood_of(
    store: &dyn Store,
    resident: crate::domain::ids::PersonId,
) -> Result<Option<(NeighbourhoodId, String)>, AppError> {
    let person = store.person(resident).await?;
    let Some(ward) = person.home_ward else {
        return Ok(None);
    };
    Ok(store
        .neighbourhoods()
        .await?
        .into_iter()
        .find(|n| n.wards.iter().any(|w| w.code == ward))
        .map(|n| (n.id, n.name)))
}

/// `/my/feedback`.
pub async fn screen(store: &dyn Store, actor: &Actor) -> Result<FeedbackScreen, AppError> {
    let access = access(actor)?;
    let services = store
        .services()
        .await?
        .into_iter()
        .filter(|s| s.active)
        .map(|s| (s.code, s.name))
        .collect();
    let team = neighbourhood_of(store, access.resident)
        .await?
        .map(|(_, name)| format!("{name} Integrated Neighbourhood Team"));
    let statements = store.person_statements().await?;
    let goals = if access.can_see(Scope::Goals) {
        let mut goals = Vec::new();
        for v in store.record_latest(access.resident, PartKind::Goal).await? {
            let goal: crate::domain::goals::Goal = super::record::read(&v)?;
            if goal.lifecycle.is_current() {
                goals.push((v.key.clone(), goal.description));
            }
        }
        // The goals' own words are on the page (to choose one): a carer's read of them is
        // logged, as the goals page logs it.
        if !goals.is_empty() {
            access.see(store, &[Scope::Goals]).await?;
        }
        goals
    } else {
        Vec::new()
    };
    // A carer acting for the resident sees the feedback they gave for them, not the resident's
    // own: feedback about care can be about the carer.
    let rows = match access.by.acting_for {
        Some(_) => {
            store
                .feedback_given_by(access.resident, access.by.id)
                .await?
        }
        None => store.feedback_given(access.resident).await?,
    };
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let responses = store.public_responses(&ids).await?;
    let given = rows
        .into_iter()
        .map(|row| GivenFeedback {
            id: row.id,
            about: about(&row),
            fft: Fft::parse(&row.fft).unwrap_or(Fft::DontKnow),
            good: row.good.clone(),
            better: row.better.clone(),
            status: Status::parse(&row.status).unwrap_or(Status::Private),
            at: row.created_at,
            given_by: row
                .acting_for
                .and(row.author_name.as_ref())
                .map(|n| format!("{n} (carer)")),
            responses: responses
                .iter()
                .filter(|r| r.feedback == row.id)
                .cloned()
                .map(response)
                .collect(),
        })
        .collect();
    Ok(FeedbackScreen {
        services,
        team,
        statements,
        goals,
        given,
    })
}

/// Gives feedback; a carer acting for someone gives it for them (marked as given by the carer).
pub async fn give(store: &dyn Store, actor: &Actor, form: &FeedbackForm) -> Result<(), AppError> {
    let access = access(actor)?;
    let mut errors = Vec::new();
    let checked = form.check().map_err(|e| errors.extend(e)).ok();
    let service = if form.service.is_empty() {
        None
    } else {
        let found = store
            .services()
            .await?
            .into_iter()
            .find(|s| s.active && s.code == form.service);
        if found.is_none() {
            errors.push(crate::error::FieldError {
                field: "service".into(),
                message: "Select a service from the list".into(),
            });
        }
        found.map(|s| s.id)
    };
    let known = store.person_statements().await?;
    let mut statements: Vec<&str> = Vec::new();
    for code in &form.statements {
        match known.iter().find(|s| s.code == *code) {
            Some(s) if !statements.contains(&s.code.as_str()) => statements.push(&s.code),
            Some(_) => {}
            None => errors.push(crate::error::FieldError {
                field: "statements".into(),
                message: "Select statements from the list".into(),
            }),
        }
    }
    let goal = if form.goal.is_empty() {
        None
    } else {
        let theirs = access.can_see(Scope::Goals)
            && crate::domain::goals::valid_key(&form.goal)
            && store
                .record_item(access.resident, PartKind::Goal, &form.goal)
                .await?
                .is_some();
        if !theirs {
            errors.push(crate::error::FieldError {
                field: "goal".into(),
                message: "Select one of your goals, or none".into(),
            });
        }
        Some(form.goal.as_str())
    };
    let Some(checked) = checked.filter(|_| errors.is_empty()) else {
        return Err(AppError::Invalid { fields: errors });
    };
    let neighbourhood = neighbourhood_of(store, access.resident).await?.map(|n| n.0);
    if service.is_none() && neighbourhood.is_none() {
        return Err(AppError::field(
            "service",
            "You have not said where you live, so Hive does not know your neighbourhood team: choose a service, or say where you live first",
        ));
    }
    store
        .add_feedback(&NewFeedback {
            resident: access.resident,
            by: &access.by,
            neighbourhood,
            service,
            fft: checked.fft.code(),
            good: checked.good.as_deref(),
            better: checked.better.as_deref(),
            statements: &statements.join(" "),
            goal_key: goal,
            status: if checked.publish {
                Status::Pending.code()
            } else {
                Status::Private.code()
            },
        })
        .await?;
    Ok(())
}

/// The resident (or their carer) takes their feedback back from publication: it is kept for
/// the service only. Someone else's, or feedback not published or waiting, is not found.
pub async fn withdraw(
    store: &dyn Store,
    actor: &Actor,
    form: &WithdrawForm,
) -> Result<(), AppError> {
    let access = access(actor)?;
    let id = feedback_id(&form.feedback)?;
    store
        .withdraw_feedback(id, access.resident, &access.by)
        .await?;
    Ok(())
}

/// Feedback waiting for moderation, with what looks identifying marked.
pub async fn moderation(store: &dyn Store, actor: &Actor) -> Result<ModerationQueue, AppError> {
    use crate::domain::identifying::mark;
    actor.require_area(Area::Engagement)?;
    let rows = store.feedback_to_moderate(MODERATION_PAGE).await?;
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let reports = store.reports(&ids).await?;
    let redacted: Vec<i64> = rows.iter().filter(|r| r.redacted).map(|r| r.id).collect();
    let originals = store.originals(&redacted).await?;
    Ok(ModerationQueue {
        items: rows
            .into_iter()
            .map(|row| ToModerate {
                id: row.id,
                about: about(&row),
                neighbourhood: row.neighbourhood_name.clone(),
                fft: Fft::parse(&row.fft).unwrap_or(Fft::DontKnow),
                good: row.good.as_deref().map(mark),
                better: row.better.as_deref().map(mark),
                at: row.created_at,
                reports: reports
                    .iter()
                    .filter(|(id, _)| *id == row.id)
                    .map(|(_, reason)| {
                        ReportReason::parse(reason)
                            .map_or_else(|| reason.clone(), |r| r.label().to_string())
                    })
                    .collect(),
                redacted: row.redacted,
                original_good: originals
                    .iter()
                    .find(|o| o.0 == row.id)
                    .and_then(|o| o.1.clone()),
                original_better: originals
                    .iter()
                    .find(|o| o.0 == row.id)
                    .and_then(|o| o.2.clone()),
                seen: crate::server::store::words_seen(row.good.as_deref(), row.better.as_deref()),
            })
            .collect(),
        kept: None,
    })
}

/// A moderator's decision; returns the confirmation.
pub async fn moderate(
    store: &dyn Store,
    actor: &Actor,
    form: &ModerateForm,
) -> Result<String, AppError> {
    actor.require_area(Area::Engagement)?;
    let id = feedback_id(&form.feedback)?;
    let by = super::sharing::accessor(actor)?;
    let text = |field: &str, value: &str| {
        free_text(value, crate::domain::feedback::MAX_ANSWER_CHARS)
            .map_err(|e| AppError::field(&format!("{field}-{id}"), e.to_string()))
    };
    let (decision, done) = match form.decision.as_str() {
        "publish" => (Decision::Publish, "Published"),
        "hide" => {
            let reason = HideReason::parse(&form.reason).ok_or_else(|| {
                AppError::field(&format!("reason-{id}"), "Select why it is not published")
            })?;
            (
                Decision::Hide {
                    reason: reason.code(),
                },
                "Not published",
            )
        }
        "redact" => {
            let good = text("good", &form.good)?;
            let better = text("better", &form.better)?;
            store
                .moderate(
                    id,
                    &by,
                    Decision::Redact {
                        good: good.as_deref(),
                        better: better.as_deref(),
                    },
                    Some(form.seen.trim()),
                )
                .await
                .map_err(moderated)?;
            return Ok("Redacted: the words as written are kept, for moderators only".into());
        }
        _ => {
            return Err(AppError::field(
                &format!("decision-{id}"),
                "Choose what to do",
            ));
        }
    };
    store
        .moderate(id, &by, decision, Some(form.seen.trim()))
        .await
        .map_err(moderated)?;
    Ok(done.into())
}

/// A moderator takes a published story down (`TakeDownForm`): it is no longer published, for
/// the reason given, as if hidden when it was moderated. A story reported or taken down by
/// someone else meanwhile is a conflict; an id that is not a published story is not found.
pub async fn take_down(
    store: &dyn Store,
    actor: &Actor,
    form: &TakeDownForm,
) -> Result<(), AppError> {
    actor.require_area(Area::Engagement)?;
    let id = feedback_id(&form.story)?;
    let by = super::sharing::accessor(actor)?;
    let reason = HideReason::parse(&form.reason).ok_or_else(|| {
        AppError::field(&format!("take-down-{id}"), "Select why it is taken down")
    })?;
    store
        .moderate(
            id,
            &by,
            Decision::TakeDown {
                reason: reason.code(),
            },
            Some(form.seen.trim()),
        )
        .await
        .map_err(|error| match error {
            crate::server::StoreError::Conflict(_) => AppError::Conflict(TAKEN_DOWN.into()),
            other => other.into(),
        })
}

/// What a moderator is told when the story stopped being published, or its words changed,
/// while they looked at it.
pub const TAKEN_DOWN: &str = "This story was reported, taken down or changed while you were \
    looking at it, so nothing was changed. If it is still published, look at it again.";

/// What a moderator is told when another moderator decided first, or changed the words they
/// were deciding on: their words are kept.
pub const MODERATED: &str = "Another moderator decided on this story or changed its words \
    while you were looking at it, so nothing was changed. Check it again in the list below.";

fn moderated(error: crate::server::StoreError) -> AppError {
    match error {
        crate::server::StoreError::Conflict(_) => AppError::Conflict(MODERATED.into()),
        other => other.into(),
    }
}

/// A story's page filters: neighbourhood and service codes ("" for all).
pub async fn stories(
    store: &dyn Store,
    actor: &Actor,
    neighbourhood: &str,
    service: &str,
    before: Option<i64>,
    unanswered: bool,
) -> Result<Stories, AppError> {
    let private = false;
    listed(
        store,
        actor,
        private,
        neighbourhood,
        service,
        before,
        unanswered,
    )
    .await
}

/// Feedback its writers kept for the service (`/engagement/feedback`, `/team/feedback`), newest
/// first, without names: engagement officers read all of it, a team lead their neighbourhood's
/// (whatever the filter says). They may reply; only the writer reads a reply.
pub async fn kept_for_service(
    store: &dyn Store,
    actor: &Actor,
    neighbourhood: &str,
    service: &str,
    before: Option<i64>,
    unanswered: bool,
) -> Result<Stories, AppError> {
    let private = true;
    listed(
        store,
        actor,
        private,
        neighbourhood,
        service,
        before,
        unanswered,
    )
    .await
}

/// Who may respond to a story, or read and reply to feedback kept for the service: every
/// engagement officer (`None`), and a team lead for their own neighbourhood's.
fn responder(actor: &Actor) -> Result<Option<(NeighbourhoodId, String)>, AppError> {
    let person = actor.person().ok_or(AppError::NotSignedIn)?;
    match (person.role, &person.team) {
        (Role::EngagementOfficer, _) => Ok(None),
        (Role::TeamLead, Some(team)) => {
            Ok(Some((team.neighbourhood, team.neighbourhood_name.clone())))
        }
        _ => Err(AppError::Forbidden),
    }
}

async fn listed(
    store: &dyn Store,
    actor: &Actor,
    private: bool,
    neighbourhood: &str,
    service: &str,
    before: Option<i64>,
    unanswered: bool,
) -> Result<Stories, AppError> {
    let responder = if private {
        Some(responder(actor)?)
    } else {
        responder(actor).ok()
    };
    // A filter for those who answer; anyone else reads every story.
    let unanswered = unanswered && responder.is_some();
    let neighbourhoods = store.neighbourhoods().await?;
    let services = store.services().await?;
    // A team lead's private feedback is their own neighbourhood's, bound as it is (never
    // from a lookup that could come back empty and so mean "every neighbourhood").
    let lead_of = match responder.as_ref() {
        Some(Some((own, _))) if private => Some(*own),
        _ => None,
    };
    // The filter as asked for; none on a lead's private feedback, which has no neighbourhood
    // to choose (`lead_of` is queried, and no other code is carried into its links).
    let chosen_n = neighbourhoods
        .iter()
        .find(|n| n.code == neighbourhood)
        .filter(|_| lead_of.is_none());
    let chosen_s = services.iter().find(|s| s.code == service);
    let query = StoryQuery {
        private,
        neighbourhood: lead_of.or(chosen_n.map(|n| n.id)),
        service: chosen_s.map(|s| s.id),
        before,
        limit: STORIES_PAGE + 1,
        unanswered,
    };
    let mut rows = store.stories(&query).await?;
    let next = (rows.len() as i64 > STORIES_PAGE).then(|| {
        rows.truncate(STORIES_PAGE as usize);
        rows.last().map(|r| r.id)
    });
    // Counting a city's private feedback would read most of the table on every page: its
    // page is read newest first, without totals.
    let counts = if private {
        StoryCounts::default()
    } else {
        // Of every published story the filters choose, answered or not.
        store
            .story_counts(&StoryQuery {
                unanswered: false,
                ..query
            })
            .await?
    };
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let responses = store.public_responses(&ids).await?;
    let statements = store.person_statements().await?;
    let may_take_down = !private && actor.require_area(Area::Engagement).is_ok();
    let (may_respond, respond_neighbourhood) = match responder {
        Some(only) => (true, only.map(|(_, name)| name)),
        None => (false, None),
    };
    Ok(Stories {
        stories: rows
            .into_iter()
            .map(|row| Story {
                id: row.id,
                about: about(&row),
                neighbourhood: row.neighbourhood_name.clone(),
                fft: Fft::parse(&row.fft).unwrap_or(Fft::DontKnow),
                good: row.good.clone(),
                better: row.better.clone(),
                statements: row
                    .statements
                    .split_whitespace()
                    .filter_map(|c| statements.iter().find(|s| s.code == c))
                    .map(|s| s.text.clone())
                    .collect(),
                at: row.created_at,
                has_writer: private && row.resident.is_some(),
                seen: if may_take_down {
                    crate::server::store::words_seen(row.good.as_deref(), row.better.as_deref())
                } else {
                    String::new()
                },
                responses: responses
                    .iter()
                    .filter(|r| r.feedback == row.id)
                    .cloned()
                    .map(response)
                    .collect(),
            })
            .collect(),
        neighbourhood: chosen_n.map(|n| n.code.clone()).unwrap_or_default(),
        service: chosen_s.map(|s| s.code.clone()).unwrap_or_default(),
        unanswered,
        neighbourhoods: neighbourhoods
            .iter()
            .map(|n| (n.code.clone(), n.name.clone()))
            .collect(),
        services: services
            .iter()
            .map(|s| (s.code.clone(), s.name.clone()))
            .collect(),
        total: counts.total,
        responded: counts.responded,
        planned: counts.planned,
        made: counts.made,
        before,
        next: next.flatten(),
        may_respond,
        respond_neighbourhood,
        kept_response: None,
        kept_report: None,
        may_take_down,
        kept_take_down: None,
    })
}

/// Anyone may report a published story: it goes back to moderation. Each report takes a story
/// down, so reports that would do so are limited per address (`limit`).
pub async fn report(
    store: &dyn Store,
    limit: &crate::server::context::AddressLimit,
    client: std::net::IpAddr,
    form: &ReportForm,
) -> Result<(), AppError> {
    let id = feedback_id(&form.story)?;
    let reason = ReportReason::parse(&form.reason).ok_or_else(|| {
        AppError::field(&format!("report-{id}"), "Select why you are reporting it")
    })?;
    store.story(id, false).await?.ok_or(AppError::NotFound)?;
    crate::server::context::check_limit(limit, client)?;
    store.report(id, reason.code()).await?;
    Ok(())
}

/// A public response: engagement officers on any story; team leads on their neighbourhood's.
/// With `private`, a reply to feedback kept for the service, which only its writer reads.
pub async fn respond(
    store: &dyn Store,
    actor: &Actor,
    form: &ResponseForm,
    private: bool,
) -> Result<(), AppError> {
    let only = responder(actor)?;
    let id = feedback_id(&form.story)?;
    let story = store.story(id, private).await?.ok_or(AppError::NotFound)?;
    // Whose it is comes first: another neighbourhood's feedback kept for the service is as if
    // it were not there, whatever else could be said about it (a published story is there
    // for anyone to read).
    if let Some((own, _)) = only
        && story.neighbourhood != Some(own)
    {
        return Err(if private {
            AppError::NotFound
        } else {
            AppError::Forbidden
        });
    }
    if private && story.resident.is_none() {
        return Err(AppError::field(
            &format!("text-{id}"),
            "This feedback was given at a campaign's public link without signing in, so there is nobody to reply to",
        ));
    }
    let (text, change, detail) = form.check().map_err(|fields| AppError::Invalid {
        fields: fields
            .into_iter()
            .map(|f| crate::error::FieldError {
                field: format!("{}-{id}", f.field),
                ..f
            })
            .collect(),
    })?;
    store
        .add_public_response(&NewResponse {
            feedback: id,
            private,
            by: &super::sharing::accessor(actor)?,
            body: &text,
            change: change.code(),
            change_detail: detail.as_deref(),
        })
        .await
        .map_err(|error| match error {
            // It was there a moment ago (read above): it stopped being published meanwhile.
            crate::server::StoreError::NotFound => AppError::Conflict(NOT_RESPONDED.into()),
            other => other.into(),
        })
}

/// What a responder is told when the story was reported, taken down or withdrawn by its
/// writer while they wrote: nothing was published.
pub const NOT_RESPONDED: &str = "This story was reported, taken down or withdrawn by the \
    person who wrote it while you were writing, so your response was not published.";

/// `/admin/services`: every service, offered or retired.
pub async fn services(
    store: &dyn Store,
    actor: &Actor,
) -> Result<crate::domain::feedback::ServicesScreen, AppError> {
    actor.require_area(Area::Admin)?;
    Ok(crate::domain::feedback::ServicesScreen {
        services: store
            .services()
            .await?
            .into_iter()
            .map(|s| (s.code, s.name, s.active))
            .collect(),
        kept: None,
    })
}

/// Adds a service residents can give feedback about; returns its name.
pub async fn add_service(
    store: &dyn Store,
    actor: &Actor,
    form: &crate::domain::feedback::ServiceForm,
) -> Result<String, AppError> {
    actor.require_area(Area::Admin)?;
    let (name, code) = form
        .check()
        .map_err(|fields| AppError::Invalid { fields })?;
    store.add_service(&code, &name).await.map_err(|e| match e {
        crate::server::StoreError::Conflict(_) => AppError::field(
            "code",
            "Another service already has this code: choose another",
        ),
        other => other.into(),
    })?;
    Ok(name)
}

/// Retires a service (no longer offered; what was given about it stays) or brings it back.
pub async fn set_service_state(
    store: &dyn Store,
    actor: &Actor,
    form: &crate::domain::feedback::ServiceStateForm,
) -> Result<&'static str, AppError> {
    actor.require_area(Area::Admin)?;
    let active = match form.active.as_str() {
        "yes" => true,
        "no" => false,
        _ => {
            return Err(AppError::field(
                "services",
                "Choose to retire the service or bring it back",
            ));
        }
    };
    store
        .set_service_active(form.service.trim(), active)
        .await?;
    Ok(if active {
        "The service is offered again"
    } else {
        "The service is retired: it is no longer offered, and what was said about it stays"
    })
}
