//! Campaigns: engagement officers write them; anyone answers at `/c/{slug}` while one is open
//! (signed-in residents once each; staff enter answers collected in person, marked assisted);
//! the owner downloads the answers. The dashboards count them (`dashboard`).

use crate::domain::campaigns::{
    AnswerForm, AnswerScreen, ArrangeForm, Campaign, CampaignForm, CampaignScreen, Campaigns,
    Phase, Question, QuestionForm, QuestionKind, check_answers, day_from_number, day_number,
};
use crate::domain::feedback::Status;
use crate::domain::goals::Day;
use crate::domain::ids::NeighbourhoodId;
use crate::domain::place::Neighbourhood;
use crate::domain::role::{Area, Role};
use crate::domain::statements::Statement;
use crate::error::{AppError, FieldError};
use crate::server::Actor;
use crate::server::store::{
    Arrange, CampaignFft, CampaignRow, NewAnswers, NewCampaign, NewQuestion, QuestionRow,
    SavedCampaign, ServiceRow, Store, StoreError,
};

/// Today in the UK.
pub fn today() -> Day {
    let (y, m, d) = crate::domain::time::uk_day(crate::server::now_millis());
    Day::new(y as i32, m, d).unwrap_or(Day {
        year: 2026,
        month: 1,
        day: 1,
    })
}

fn invalid(fields: Vec<FieldError>) -> AppError {
    AppError::Invalid { fields }
}

pub fn question(row: QuestionRow, statements: &[Statement]) -> Question {
    let kind = QuestionKind::parse(&row.kind).unwrap_or(QuestionKind::Text);
    let statement = row
        .statement
        .as_ref()
        .and_then(|code| statements.iter().find(|s| s.code == *code))
        .cloned();
    let prompt = match kind {
        QuestionKind::Fft => crate::domain::campaigns::fft_prompt().to_string(),
        QuestionKind::Statement if row.prompt.is_empty() => statement
            .as_ref()
            .map(|s| format!("How true does this feel? “{}”", s.text))
            .unwrap_or_default(),
        _ => row.prompt,
    };
    Question {
        id: row.id,
        kind,
        prompt,
        required: row.required,
        choices: row
            .choices
            .lines()
            .filter(|l| !l.is_empty())
            .map(str::to_string)
            .collect(),
        other: row.other,
        statement,
    }
}

/// A campaign as shown, from its row and the names it refers to.
pub fn campaign(
    row: CampaignRow,
    questions: Vec<Question>,
    neighbourhoods: &[Neighbourhood],
    services: &[ServiceRow],
    today: Day,
) -> Campaign {
    let opens = day_from_number(row.opens_on).unwrap_or(today);
    let closes = day_from_number(row.closes_on).unwrap_or(today);
    Campaign {
        id: row.id,
        slug: row.slug,
        title: row.title,
        description: row.description,
        service: row
            .service
            .and_then(|id| services.iter().find(|s| s.id == id))
            .map(|s| (s.code.clone(), s.name.clone())),
        neighbourhoods: neighbourhoods
            .iter()
            .filter(|n| row.neighbourhoods.contains(&n.id))
            .map(|n| (n.code.clone(), n.name.clone()))
            .collect(),
        opens,
        closes,
        phase: Phase::on(today, opens, closes),
        owner: row.owner_name,
        questions,
        answers: row.answers,
        version: row.version,
    }
}

fn choices_of(neighbourhoods: &[Neighbourhood]) -> Vec<(String, String)> {
    neighbourhoods
        .iter()
        .map(|n| (n.code.clone(), n.name.clone()))
        .collect()
}

/// The services a campaign may ask about: those offered, and the one it asks about now even if
/// it has been retired since (else its page would offer something else in its place, and a
/// change of dates would quietly move the campaign, and its later answers, to it).
fn service_choices(services: &[ServiceRow], current: Option<i64>) -> Vec<(String, String)> {
    services
        .iter()
        .filter(|s| s.active || Some(s.id) == current)
        .map(|s| {
            let name = if s.active {
                s.name.clone()
            } else {
                format!("{} (retired)", s.name)
            };
            (s.code.clone(), name)
        })
        .collect()
}

/// `/engagement/campaigns`.
pub async fn list(store: &dyn Store, actor: &Actor) -> Result<Campaigns, AppError> {
    actor.require_area(Area::Engagement)?;
    let neighbourhoods = store.neighbourhoods().await?;
    let services = store.services().await?;
    let today = today();
    let campaigns = store
        .campaigns()
        .await?
        .into_iter()
        .map(|row| campaign(row, Vec::new(), &neighbourhoods, &services, today))
        .collect();
    Ok(Campaigns {
        campaigns,
        neighbourhoods: choices_of(&neighbourhoods),
        services: service_choices(&services, None),
        kept: None,
    })
}

/// A campaign by its id as typed in a form or path: not found unless it is one.
async fn campaign_row(store: &dyn Store, id: &str) -> Result<CampaignRow, AppError> {
    let id = id.trim().parse::<i64>().map_err(|_| AppError::NotFound)?;
    store.campaign(id).await?.ok_or(AppError::NotFound)
}

/// Adds a campaign or changes its details; returns its id.
pub async fn save(store: &dyn Store, actor: &Actor, form: &CampaignForm) -> Result<i64, AppError> {
    actor.require_area(Area::Engagement)?;
    let saved = if form.id.trim().is_empty() {
        None
    } else {
        Some(campaign_row(store, &form.id).await?)
    };
    let existing = saved.as_ref().map(|row| SavedCampaign {
        id: row.id,
        // None sent (a crafted post): not the saved version, so refused as changed.
        version: form.version.trim().parse().unwrap_or(0),
    });
    let asks_about = saved.and_then(|row| row.service);
    let mut errors = Vec::new();
    let checked = form.check().map_err(|e| errors.extend(e)).ok();
    let service = if form.service.is_empty() {
        None
    } else {
        let found = store
            .services()
            .await?
            .into_iter()
            .find(|s| s.code == form.service && (s.active || Some(s.id) == asks_about));
        if found.is_none() {
            errors.push(FieldError {
                field: "service".into(),
                message: "Select a service from the list, or the neighbourhood teams".into(),
            });
        }
        found.map(|s| s.id)
    };
    let all = store.neighbourhoods().await?;
    let mut neighbourhoods: Vec<NeighbourhoodId> = Vec::new();
    // A neighbourhood named twice is stored once (the store ignores the repeat).
    for code in &form.neighbourhoods {
        match all.iter().find(|n| n.code == *code) {
            Some(n) => neighbourhoods.push(n.id),
            None => errors.push(FieldError {
                field: "neighbourhoods".into(),
                message: "Select neighbourhoods from the list".into(),
            }),
        }
    }
    let Some(checked) = checked.filter(|_| errors.is_empty()) else {
        return Err(invalid(errors));
    };
    let by = super::sharing::accessor(actor)?;
    store
        .save_campaign(&NewCampaign {
            id: existing,
            slug: &checked.slug,
            title: &checked.title,
            description: &checked.description,
            service,
            opens_on: day_number(checked.opens),
            closes_on: day_number(checked.closes),
            by: &by,
            neighbourhoods: &neighbourhoods,
        })
        .await
        .map_err(|e| match e {
            StoreError::Conflict("changed") => AppError::Conflict(DETAILS_CHANGED.into()),
            StoreError::Conflict(_) => AppError::field(
                "slug",
                "Another campaign already has this link name: choose another",
            ),
            other => other.into(),
        })
}

/// A change of details made on a page opened before another officer saved theirs.
pub const DETAILS_CHANGED: &str = "Someone else saved this campaign's details while you \
    were changing them, so yours were not saved. What you typed is below, after the details \
    as saved now: check it and save again.";

/// `/engagement/campaigns/{id}`.
pub async fn screen(
    store: &dyn Store,
    actor: &Actor,
    id: &str,
) -> Result<CampaignScreen, AppError> {
    let person = actor.require_area(Area::Engagement)?;
    let row = campaign_row(store, id).await?;
    let owner = row.owner == person.id;
    let statements = store.person_statements().await?;
    let questions = store
        .campaign_questions(row.id)
        .await?
        .into_iter()
        .map(|q| question(q, &statements))
        .collect();
    let neighbourhoods = store.neighbourhoods().await?;
    let services = store.services().await?;
    let asks_about = row.service;
    Ok(CampaignScreen {
        campaign: campaign(row, questions, &neighbourhoods, &services, today()),
        owner,
        neighbourhoods: choices_of(&neighbourhoods),
        services: service_choices(&services, asks_about),
        statements,
        kept_details: None,
        kept_question: None,
        kept_arrange: None,
    })
}

const ANSWERED: &str = "This campaign has answers, so its questions can no longer change (the answers would stop making sense). Start a new campaign to ask something else.";

/// Adds a question at the end.
pub async fn add_question(
    store: &dyn Store,
    actor: &Actor,
    form: &QuestionForm,
) -> Result<i64, AppError> {
    actor.require_area(Area::Engagement)?;
    let row = campaign_row(store, &form.campaign).await?;
    let checked = form.check().map_err(invalid)?;
    if let Some(code) = &checked.statement
        && !store
            .person_statements()
            .await?
            .iter()
            .any(|s| s.code == *code)
    {
        return Err(AppError::field(
            "statement",
            "Select a statement from the list",
        ));
    }
    let count = store.campaign_questions(row.id).await?.len();
    if count >= crate::domain::campaigns::MAX_QUESTIONS {
        return Err(AppError::field(
            "kind",
            format!(
                "A campaign has at most {} questions",
                crate::domain::campaigns::MAX_QUESTIONS
            ),
        ));
    }
    store
        .add_question(&NewQuestion {
            campaign: row.id,
            kind: checked.kind.code(),
            prompt: &checked.prompt,
            required: checked.required,
            choices: &checked.choices.join("\n"),
            other: checked.other,
            statement: checked.statement.as_deref(),
        })
        .await
        .map_err(|e| match e {
            // Another question took the last place at the same moment.
            StoreError::Conflict("full") => AppError::field(
                "kind",
                format!(
                    "A campaign has at most {} questions",
                    crate::domain::campaigns::MAX_QUESTIONS
                ),
            ),
            StoreError::Conflict(_) => AppError::Conflict(ANSWERED.into()),
            other => other.into(),
        })
}

/// Moves a question up or down, or removes it; returns the confirmation.
pub async fn arrange(
    store: &dyn Store,
    actor: &Actor,
    form: &ArrangeForm,
) -> Result<&'static str, AppError> {
    actor.require_area(Area::Engagement)?;
    let row = campaign_row(store, &form.campaign).await?;
    let question = form
        .question
        .trim()
        .parse::<i64>()
        .map_err(|_| AppError::NotFound)?;
    let (arrange, done) = match form.direction.as_str() {
        "up" => (Arrange::Up, "Question moved up"),
        "down" => (Arrange::Down, "Question moved down"),
        "remove" => (Arrange::Remove, "Question removed"),
        _ => {
            return Err(AppError::field(
                "questions",
                "Choose to move the question up or down, or remove it",
            ));
        }
    };
    store
        .arrange_question(row.id, question, arrange)
        .await
        .map_err(|e| match e {
            StoreError::Conflict(_) => AppError::Conflict(ANSWERED.into()),
            other => other.into(),
        })?;
    Ok(done)
}

/// Staff entering answers someone gave them: their name marks the answers as assisted.
fn assisting(actor: &Actor) -> Option<&crate::server::store::PersonRecord> {
    match actor {
        Actor::Person(p) if p.role != Role::Resident && p.role != Role::Admin => Some(p),
        _ => None,
    }
}

/// `/c/{slug}`: anyone may see a campaign by its link (not found for a link that is none).
pub async fn answer_screen(
    store: &dyn Store,
    actor: &Actor,
    slug: &str,
) -> Result<AnswerScreen, AppError> {
    let slug = slug.trim();
    if !crate::domain::campaigns::valid_slug(slug) {
        return Err(AppError::NotFound);
    }
    let row = store
        .campaign_by_slug(slug)
        .await?
        .ok_or(AppError::NotFound)?;
    let answered = match (assisting(actor), actor.person()) {
        (None, Some(p)) => store.has_answered(row.id, p.id).await?,
        _ => false,
    };
    let statements = store.person_statements().await?;
    let questions = store
        .campaign_questions(row.id)
        .await?
        .into_iter()
        .map(|q| question(q, &statements))
        .collect();
    let neighbourhoods = store.neighbourhoods().await?;
    let services = store.services().await?;
    let mut campaign = campaign(row, questions, &neighbourhoods, &services, today());
    campaign.answers = 0;
    Ok(AnswerScreen {
        campaign,
        assisted_by: assisting(actor).map(|p| p.name.clone()),
        answered,
        thanks: false,
        kept: None,
    })
}

/// Why a campaign is not taking answers, said plainly.
pub fn not_open(campaign: &Campaign) -> Option<String> {
    match campaign.phase {
        Phase::Open => None,
        Phase::NotYetOpen => Some(format!(
            "This campaign opens on {}. Come back then to answer it.",
            campaign.opens.label()
        )),
        Phase::Closed => Some(format!(
            "This campaign closed on {}. It is no longer taking answers.",
            campaign.closes.label()
        )),
    }
}

/// Stores a set of answers from `/c/{slug}`; returns the campaign's link.
pub async fn answer(
    store: &dyn Store,
    actor: &Actor,
    limit: &crate::server::context::AddressLimit,
    client: std::net::IpAddr,
    form: &AnswerForm,
) -> Result<String, AppError> {
    // Floods are refused before any work is done for them.
    crate::server::context::check_limit(limit, client)?;
    let screen = answer_screen(store, actor, &form.campaign).await?;
    let campaign = screen.campaign;
    let link = format!("/c/{}", campaign.slug);
    if !form.website.is_empty() {
        return Err(AppError::field(
            "website",
            "These answers could not be accepted: the field labelled “Leave this empty” must be left empty",
        ));
    }
    if let Some(why) = not_open(&campaign) {
        return Err(AppError::Conflict(why));
    }
    if screen.answered {
        return Err(AppError::Conflict(
            "You have already answered this campaign: thank you. Each person answers once.".into(),
        ));
    }
    let mut errors = Vec::new();
    let neighbourhood = if form.neighbourhood.is_empty() {
        None
    } else {
        let all = store.neighbourhoods().await?;
        let found = all
            .iter()
            .find(|n| n.code == form.neighbourhood)
            .filter(|n| campaign.neighbourhoods.iter().any(|(c, _)| *c == n.code));
        if found.is_none() {
            errors.push(FieldError {
                field: "neighbourhood".into(),
                message: "Select a neighbourhood from the list, or leave it out".into(),
            });
        }
        found.map(|n| n.id)
    };
    let checked = check_answers(&campaign.questions, &form.a)
        .map_err(|e| errors.extend(e))
        .ok();
    let Some(checked) = checked.filter(|_| errors.is_empty()) else {
        return Err(invalid(errors));
    };
    if checked.given.is_empty() {
        return Err(AppError::field(
            "answers",
            "Answer at least one question before sending",
        ));
    }
    let by = actor.person().map(|p| crate::server::store::Accessor {
        id: p.id,
        name: p.name.clone(),
        role: p.role,
        team: p.team.as_ref().map(|t| t.team_name.clone()),
        acting_for: None,
    });
    let assisted = assisting(actor).is_some();
    let answers: Vec<(i64, &str, Option<&str>)> = checked
        .given
        .iter()
        .map(|g| (g.question, g.value.as_str(), g.text.as_deref()))
        .collect();
    let service = match &campaign.service {
        Some((code, _)) => store
            .services()
            .await?
            .into_iter()
            .find(|s| s.code == *code)
            .map(|s| s.id),
        None => None,
    };
    store
        .add_answers(&NewAnswers {
            campaign: campaign.id,
            service,
            neighbourhood,
            person: by.as_ref().filter(|_| !assisted),
            assisted_by: by.as_ref().filter(|_| assisted),
            answers: &answers,
            fft: checked.fft.as_ref().map(|f| CampaignFft {
                fft: f.fft.code(),
                good: f.good.as_deref(),
                better: f.better.as_deref(),
                status: if f.publish {
                    Status::Pending.code()
                } else {
                    Status::Private.code()
                },
            }),
            at: crate::server::now_millis(),
        })
        .await
        .map_err(|e| match e {
            StoreError::Conflict("questions") => AppError::Conflict(
                "The campaign's questions changed while you were answering, so nothing was sent. Check your answers and send them again."
                    .into(),
            ),
            StoreError::Conflict(_) => AppError::Conflict(
                "You have already answered this campaign: thank you. Each person answers once."
                    .into(),
            ),
            other => other.into(),
        })?;
    Ok(link)
}

/// The answers to a campaign as CSV, for its owner only.
pub async fn answers_csv(store: &dyn Store, actor: &Actor, id: &str) -> Result<String, AppError> {
    let person = actor.require_area(Area::Engagement)?;
    let row = campaign_row(store, id).await?;
    if row.owner != person.id {
        return Err(AppError::NotFound);
    }
    let statements = store.person_statements().await?;
    let questions: Vec<Question> = store
        .campaign_questions(row.id)
        .await?
        .into_iter()
        .map(|q| question(q, &statements))
        .collect();
    let sets = store.answer_sets(row.id).await?;
    let mut header = vec![
        "Answered".to_string(),
        "Neighbourhood".into(),
        "Entered by (assisted)".into(),
    ];
    for (n, q) in questions.iter().enumerate() {
        header.push(format!("Q{}: {}", n + 1, q.prompt));
        if q.kind == QuestionKind::Fft {
            let [good, better] = crate::domain::campaigns::fft_follow_ups();
            header.push(format!("Q{}: {good}", n + 1));
            header.push(format!("Q{}: {better}", n + 1));
        }
    }
    let mut rows = vec![header];
    for set in sets {
        let mut row = vec![
            crate::domain::time::uk_date_time(set.created_at),
            set.neighbourhood.clone().unwrap_or_default(),
            set.assisted_by.clone().unwrap_or_default(),
        ];
        for q in &questions {
            let mine: Vec<String> = set
                .answers
                .iter()
                .filter(|(id, _, _)| *id == q.id)
                .map(|(_, value, words)| answer_label(q, value, words.as_deref()))
                .collect();
            row.push(mine.join("; "));
            if q.kind == QuestionKind::Fft {
                row.push(set.good.clone().unwrap_or_default());
                row.push(set.better.clone().unwrap_or_default());
            }
        }
        rows.push(row);
    }
    csv(rows)
}

/// How an answer reads: the FFT's and statements' labels, a choice as offered, "Other: …", or
/// the words written.
pub fn answer_label(q: &Question, value: &str, words: Option<&str>) -> String {
    match (q.kind, value) {
        (QuestionKind::Fft, code) => crate::domain::feedback::Fft::parse(code)
            .map_or(code.to_string(), |f| f.label().to_string()),
        (QuestionKind::Statement, code) => crate::domain::statements::Truth::parse(code)
            .map_or(code.to_string(), |t| t.label().to_string()),
        (_, "other") => format!("Other: {}", words.unwrap_or_default()),
        (QuestionKind::Text, _) => words.unwrap_or_default().to_string(),
        (_, value) => value.to_string(),
    }
}

/// Rows as CSV, every cell neutralised against spreadsheet formulas.
pub fn csv(rows: Vec<Vec<String>>) -> Result<String, AppError> {
    use crate::domain::dashboard::neutralise;
    let mut writer = ::csv::Writer::from_writer(Vec::new());
    for row in rows {
        writer
            .write_record(row.iter().map(|c| neutralise(c).into_owned()))
            .map_err(crate::server::internal)?;
    }
    let bytes = writer.into_inner().map_err(crate::server::internal)?;
    String::from_utf8(bytes).map_err(crate::server::internal)
}
