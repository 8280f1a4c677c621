//! Feedback campaigns: an engagement officer writes the questions (the Friends and Family Test,
//! a rating from 1 to 5, one choice, several choices with an optional "other", free text, or how
//! true one of the city's person statements feels); anyone answers them at a public link
//! (`/c/{slug}`) while the campaign is open; staff may enter answers collected on paper
//! ("assisted"). The checks here are pure: the server adds what needs the database.

use super::feedback::{BETTER_QUESTION, Fft, GOOD_QUESTION, MAX_ANSWER_CHARS};
use super::goals::{Day, day_from_fields};
use super::statements::{Statement, Truth};
use super::text::{free_text, single_line};
use crate::error::FieldError;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub const MAX_TITLE_CHARS: usize = 120;
pub const MAX_DESCRIPTION_CHARS: usize = 1_000;
pub const MAX_PROMPT_CHARS: usize = 300;
pub const MAX_CHOICES: usize = 12;
pub const MAX_CHOICE_CHARS: usize = 100;
pub const MAX_QUESTIONS: usize = 30;
pub const MAX_SLUG_CHARS: usize = 60;

super::coded_enum!(
    /// The kinds of question a campaign can ask.
    QuestionKind {
        Fft = "fft", "Friends and Family Test (with its two follow-up questions)";
        Rating = "rating", "Rating from 1 (worst) to 5 (best)";
        One = "one", "One choice from a list";
        Several = "several", "Several choices from a list";
        Text = "text", "Free text";
        Statement = "statement", "How true a person statement feels";
    }
);

/// Where a campaign stands on a given UK day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Phase {
    NotYetOpen,
    Open,
    Closed,
}

impl Phase {
    pub fn on(today: Day, opens: Day, closes: Day) -> Phase {
        if today < opens {
            Phase::NotYetOpen
        } else if today > closes {
            Phase::Closed
        } else {
            Phase::Open
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Phase::NotYetOpen => "Not yet open",
            Phase::Open => "Open",
            Phase::Closed => "Closed",
        }
    }
}

/// A day as stored: `yyyymmdd`.
pub fn day_number(day: Day) -> i64 {
    i64::from(day.year) * 10_000 + i64::from(day.month) * 100 + i64::from(day.day)
}

pub fn day_from_number(n: i64) -> Option<Day> {
    Day::new(
        i32::try_from(n / 10_000).ok()?,
        u32::try_from(n / 100 % 100).ok()?,
        u32::try_from(n % 100).ok()?,
    )
}

/// A question as asked.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Question {
    pub id: i64,
    pub kind: QuestionKind,
    pub prompt: String,
    pub required: bool,
    /// The choices offered (one and several choices only).
    pub choices: Vec<String>,
    /// "Other" may be ticked, with words (several choices only).
    pub other: bool,
    /// The statement asked about (statement questions only).
    pub statement: Option<Statement>,
}

impl Question {
    /// The input the error summary links to.
    pub fn field(&self) -> String {
        format!("q{}", self.id)
    }
}

/// The answers a statement question offers, as (value, label), most true first.
pub fn truth_choices() -> Vec<(String, String)> {
    Truth::ALL
        .iter()
        .map(|t| (t.code().to_string(), t.label().to_string()))
        .collect()
}

/// A campaign as an officer sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Campaign {
    pub id: i64,
    pub slug: String,
    pub title: String,
    pub description: String,
    /// The service it asks about; `None`: the neighbourhood teams.
    pub service: Option<(String, String)>,
    /// (code, name) of the neighbourhoods it covers.
    pub neighbourhoods: Vec<(String, String)>,
    pub opens: Day,
    pub closes: Day,
    pub phase: Phase,
    pub owner: String,
    pub questions: Vec<Question>,
    pub answers: i64,
    /// The version of its details, which a change names.
    pub version: i64,
}

impl Campaign {
    /// What the service asked about is called in the FFT question.
    pub fn about(&self) -> String {
        match &self.service {
            Some((_, name)) => name.clone(),
            None => "your neighbourhood team".into(),
        }
    }
}

/// A campaign's details as typed (`id` empty for a new one).
#[derive(Clone, Default, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CampaignForm {
    pub id: String,
    pub title: String,
    pub description: String,
    /// The link's last part; empty: made from the title.
    pub slug: String,
    /// A service code, or empty for the neighbourhood teams.
    pub service: String,
    /// Neighbourhood codes.
    pub neighbourhoods: Vec<String>,
    pub opens_day: String,
    pub opens_month: String,
    pub opens_year: String,
    pub closes_day: String,
    pub closes_month: String,
    pub closes_year: String,
    /// The version of the saved details the change is made on (empty for a new campaign).
    pub version: String,
}

impl super::form::Form for CampaignForm {
    const ID: &'static str = "campaign";
}

/// A campaign's details, checked (before its service and neighbourhoods are looked up).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheckedCampaign {
    pub title: String,
    pub description: String,
    pub slug: String,
    pub opens: Day,
    pub closes: Day,
}

fn problem(field: &str, message: impl Into<String>) -> FieldError {
    FieldError {
        field: field.into(),
        message: message.into(),
    }
}

/// A link name from a title: lower-case letters, digits and single hyphens.
pub fn slug_from(text: &str) -> String {
    let mut slug = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
        if slug.len() >= MAX_SLUG_CHARS {
            break;
        }
    }
    slug.trim_end_matches('-').to_string()
}

/// A link name as typed is kept only if it is already one.
pub fn valid_slug(slug: &str) -> bool {
    !slug.is_empty() && slug.len() <= MAX_SLUG_CHARS && slug_from(slug) == slug
}

impl CampaignForm {
    pub fn check(&self) -> Result<CheckedCampaign, Vec<FieldError>> {
        let mut errors = Vec::new();
        let title = single_line(&self.title, MAX_TITLE_CHARS)
            .map_err(|e| errors.push(problem("title", e.to_string())))
            .ok();
        let description = match free_text(&self.description, MAX_DESCRIPTION_CHARS) {
            Ok(Some(d)) => Some(d),
            Ok(None) => {
                errors.push(problem(
                    "description",
                    "Say what the campaign is about and who it is for",
                ));
                None
            }
            Err(e) => {
                errors.push(problem("description", e.to_string()));
                None
            }
        };
        let typed = self.slug.trim();
        let slug = if typed.is_empty() {
            title.as_deref().map(slug_from).unwrap_or_default()
        } else {
            typed.to_string()
        };
        if title.is_some() && !valid_slug(&slug) {
            errors.push(problem(
                "slug",
                "The link name may only have lower-case letters, digits and single hyphens, up to 60",
            ));
        }
        let mut day =
            |parts: [&str; 3], name: &str, what: &str| match day_from_fields(parts, name, what) {
                Ok(Some(day)) => Some(day),
                Ok(None) => {
                    errors.push(problem(&format!("{name}_day"), format!("Enter the {what}")));
                    None
                }
                Err(e) => {
                    errors.push(e);
                    None
                }
            };
        let opens = day(
            [&self.opens_day, &self.opens_month, &self.opens_year],
            "opens",
            "opening date",
        );
        let closes = day(
            [&self.closes_day, &self.closes_month, &self.closes_year],
            "closes",
            "closing date",
        );
        if let (Some(o), Some(c)) = (opens, closes)
            && c < o
        {
            errors.push(problem(
                "closes_day",
                "The closing date must be on or after the opening date",
            ));
        }
        if self.neighbourhoods.is_empty() {
            errors.push(problem(
                "neighbourhoods",
                "Select the neighbourhoods the campaign covers",
            ));
        }
        match (title, description, opens, closes) {
            (Some(title), Some(description), Some(opens), Some(closes)) if errors.is_empty() => {
                Ok(CheckedCampaign {
                    title,
                    description,
                    slug,
                    opens,
                    closes,
                })
            }
            _ => Err(errors),
        }
    }

    /// The form filled from a saved campaign.
    pub fn from_campaign(c: &Campaign) -> CampaignForm {
        CampaignForm {
            id: c.id.to_string(),
            title: c.title.clone(),
            description: c.description.clone(),
            slug: c.slug.clone(),
            service: c.service.as_ref().map(|s| s.0.clone()).unwrap_or_default(),
            neighbourhoods: c.neighbourhoods.iter().map(|n| n.0.clone()).collect(),
            opens_day: c.opens.day.to_string(),
            opens_month: c.opens.month.to_string(),
            opens_year: c.opens.year.to_string(),
            closes_day: c.closes.day.to_string(),
            closes_month: c.closes.month.to_string(),
            closes_year: c.closes.year.to_string(),
            version: c.version.to_string(),
        }
    }
}

/// A question as typed.
#[derive(Clone, Default, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct QuestionForm {
    pub campaign: String,
    pub kind: String,
    pub prompt: String,
    /// `yes` when an answer is required.
    pub required: String,
    /// One choice per line.
    pub choices: String,
    /// `yes`: several choices may add "Other" with words.
    pub other: String,
    /// A statement code (statement questions).
    pub statement: String,
}

impl super::form::Form for QuestionForm {
    const ID: &'static str = "question";
}

/// A question checked, before its statement is looked up.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheckedQuestion {
    pub kind: QuestionKind,
    pub prompt: String,
    pub required: bool,
    pub choices: Vec<String>,
    pub other: bool,
    pub statement: Option<String>,
}

impl QuestionForm {
    pub fn check(&self) -> Result<CheckedQuestion, Vec<FieldError>> {
        let mut errors = Vec::new();
        let kind = QuestionKind::parse(&self.kind);
        if kind.is_none() {
            errors.push(problem("kind", "Select the kind of question"));
        }
        // The FFT and statement questions have their own wording.
        let prompt = match kind {
            Some(QuestionKind::Fft) => Some(String::new()),
            Some(QuestionKind::Statement) => free_text(&self.prompt, MAX_PROMPT_CHARS)
                .map_err(|e| errors.push(problem("prompt", e.to_string())))
                .ok()
                .map(Option::unwrap_or_default),
            _ => single_line(&self.prompt, MAX_PROMPT_CHARS)
                .map_err(|e| errors.push(problem("prompt", e.to_string())))
                .ok(),
        };
        let mut choices: Vec<String> = Vec::new();
        if matches!(kind, Some(QuestionKind::One | QuestionKind::Several)) {
            for line in self.choices.lines() {
                match free_text(line, MAX_CHOICE_CHARS) {
                    Ok(Some(c)) if !choices.contains(&c) => choices.push(c),
                    Ok(_) => {}
                    Err(e) => errors.push(problem("choices", e.to_string())),
                }
            }
            if choices.len() < 2 {
                errors.push(problem(
                    "choices",
                    "Write at least two choices, one per line",
                ));
            } else if choices.len() > MAX_CHOICES {
                errors.push(problem(
                    "choices",
                    format!("Write at most {MAX_CHOICES} choices"),
                ));
            } else if choices.iter().any(|c| c.eq_ignore_ascii_case("other")) {
                errors.push(problem(
                    "choices",
                    "Leave \"Other\" out of the list: tick \"Offer Other\" instead",
                ));
            }
        }
        let statement = (kind == Some(QuestionKind::Statement)).then(|| self.statement.clone());
        if statement.as_deref() == Some("") {
            errors.push(problem("statement", "Select the statement"));
        }
        match (kind, prompt) {
            (Some(kind), Some(prompt)) if errors.is_empty() => Ok(CheckedQuestion {
                kind,
                prompt,
                required: self.required == "yes",
                other: kind == QuestionKind::Several && self.other == "yes",
                choices,
                statement,
            }),
            _ => Err(errors),
        }
    }
}

/// Moving or removing a question (`direction`: up, down or remove). Not `action`: see
/// `ModerateForm`.
#[derive(Clone, Default, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ArrangeForm {
    pub campaign: String,
    pub question: String,
    pub direction: String,
}

impl super::form::Form for ArrangeForm {
    const ID: &'static str = "arrange";
}

/// Answers as posted from `/c/{slug}`: `a[q{question}]` for one value, `a[q{question}-{n}]`
/// for the n-th of several choices, `a[q{question}-other]` for "other"'s words, and
/// `a[q{question}-good]`, `a[q{question}-better]`, `a[q{question}-publish]` for the FFT's
/// follow-ups. (The `q` matters: a bare number would be read as a list index.) `website` is a honeypot: people never see it, so anything in it is a robot.
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AnswerForm {
    pub campaign: String,
    pub neighbourhood: String,
    pub website: String,
    pub a: BTreeMap<String, String>,
}

impl std::fmt::Debug for AnswerForm {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AnswerForm")
            .field("answers", &self.a.len())
            .finish_non_exhaustive()
    }
}

impl super::form::Form for AnswerForm {
    const ID: &'static str = "answer";
}

/// The FFT answered in a campaign, with its follow-ups: it becomes feedback like any other.
#[derive(Clone, PartialEq, Eq)]
pub struct FftGiven {
    pub question: i64,
    pub fft: Fft,
    pub good: Option<String>,
    pub better: Option<String>,
    pub publish: bool,
}

/// One stored answer: the value (a rating, a choice as offered, a statement's truth code, an
/// FFT code, `other`, or `text`) and any words.
#[derive(Clone, PartialEq, Eq)]
pub struct Given {
    pub question: i64,
    pub value: String,
    pub text: Option<String>,
}

impl std::fmt::Debug for Given {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Given")
            .field("question", &self.question)
            .finish_non_exhaustive()
    }
}

/// A whole set of answers, checked.
#[derive(Clone, PartialEq, Eq)]
pub struct CheckedAnswers {
    pub given: Vec<Given>,
    pub fft: Option<FftGiven>,
}

impl std::fmt::Debug for CheckedAnswers {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CheckedAnswers")
            .field("given", &self.given)
            .field("fft", &self.fft.as_ref().map(|x| x.fft))
            .finish()
    }
}

/// Checks answers against the questions: nothing for a question that is not asked, only the
/// choices offered, ratings 1 to 5, and every required question answered. Messages name the
/// question's position, as people see it.
pub fn check_answers(
    questions: &[Question],
    answers: &BTreeMap<String, String>,
) -> Result<CheckedAnswers, Vec<FieldError>> {
    let mut errors = Vec::new();
    // Every key must belong to a question of this campaign.
    for key in answers.keys() {
        let id = key
            .strip_prefix('q')
            .and_then(|k| k.split('-').next())
            .and_then(|id| id.parse::<i64>().ok());
        if !id.is_some_and(|id| questions.iter().any(|q| q.id == id)) {
            errors.push(problem(
                "answers",
                "An answer was sent for a question that is not in this campaign",
            ));
            return Err(errors);
        }
    }
    let mut given = Vec::new();
    let mut fft = None;
    for (n, q) in questions.iter().enumerate() {
        let field = q.field();
        let number = n + 1;
        let get = |suffix: &str| {
            let key = if suffix.is_empty() {
                format!("q{}", q.id)
            } else {
                format!("q{}-{suffix}", q.id)
            };
            answers.get(&key).map(|v| v.trim()).unwrap_or_default()
        };
        let mut words = |suffix: &str, field: &str| {
            free_text(get(suffix), MAX_ANSWER_CHARS)
                .map_err(|e| errors.push(problem(field, format!("Question {number}: {e}"))))
                .ok()
                .flatten()
        };
        let mut value: Option<String> = None;
        let mut text: Option<String> = None;
        let mut several: Vec<String> = Vec::new();
        let mut wrong: Option<&str> = None;
        match q.kind {
            QuestionKind::Fft => {
                let good = words("good", &format!("{field}-good"));
                let better = words("better", &format!("{field}-better"));
                let raw = get("");
                if !raw.is_empty() {
                    match Fft::parse(raw) {
                        Some(answer) => {
                            value = Some(answer.code().to_string());
                            fft = Some(FftGiven {
                                question: q.id,
                                fft: answer,
                                good,
                                better,
                                publish: get("publish") == "yes",
                            });
                        }
                        None => wrong = Some("Select one of the answers offered"),
                    }
                } else if good.is_some() || better.is_some() {
                    wrong = Some("Select how the experience was overall");
                }
            }
            QuestionKind::Rating => {
                let raw = get("");
                if !raw.is_empty() {
                    match raw.parse::<u8>() {
                        Ok(r) if (1..=5).contains(&r) => value = Some(r.to_string()),
                        _ => wrong = Some("Select a rating from 1 to 5"),
                    }
                }
            }
            QuestionKind::Statement => {
                let raw = get("");
                if !raw.is_empty() {
                    match Truth::parse(raw) {
                        Some(t) => value = Some(t.code().to_string()),
                        None => wrong = Some("Select one of the answers offered"),
                    }
                }
            }
            QuestionKind::One => {
                let raw = get("");
                if !raw.is_empty() {
                    match q.choices.iter().find(|c| c.as_str() == raw) {
                        Some(c) => value = Some(c.clone()),
                        None => wrong = Some("Select one of the choices offered"),
                    }
                }
            }
            QuestionKind::Several => {
                let prefix = format!("q{}-", q.id);
                for (key, v) in answers.range(prefix.clone()..) {
                    let Some(rest) = key.strip_prefix(&prefix) else {
                        break;
                    };
                    if rest == "other" {
                        continue;
                    }
                    let offered = rest
                        .parse::<usize>()
                        .ok()
                        .and_then(|i| q.choices.get(i))
                        .filter(|c| c.as_str() == v.trim());
                    match offered {
                        Some(c) if !several.contains(c) => several.push(c.clone()),
                        Some(_) => {}
                        None => wrong = Some("Select from the choices offered"),
                    }
                }
                let other = words("other", &field);
                if other.is_some() && !q.other {
                    wrong = Some("Select from the choices offered");
                }
                if let Some(other) = other {
                    given.push(Given {
                        question: q.id,
                        value: "other".into(),
                        text: Some(other),
                    });
                }
            }
            QuestionKind::Text => {
                text = words("", &field);
                value = text.is_some().then(|| "text".to_string());
            }
        }
        if let Some(message) = wrong {
            errors.push(problem(&field, format!("Question {number}: {message}")));
            continue;
        }
        let answered = value.is_some()
            || !several.is_empty()
            || given.last().is_some_and(|g| g.question == q.id);
        if q.required && !answered {
            errors.push(problem(
                &field,
                format!("Question {number}: answer this question"),
            ));
            continue;
        }
        if let Some(value) = value {
            given.push(Given {
                question: q.id,
                value,
                text,
            });
        }
        for value in several {
            given.push(Given {
                question: q.id,
                value,
                text: None,
            });
        }
    }
    if errors.is_empty() {
        Ok(CheckedAnswers { given, fft })
    } else {
        Err(errors)
    }
}

/// The FFT question's wording about what a campaign asks about.
pub fn fft_prompt() -> &'static str {
    super::feedback::FFT_QUESTION
}

pub fn fft_follow_ups() -> [&'static str; 2] {
    [GOOD_QUESTION, BETTER_QUESTION]
}

/// `/engagement/campaigns`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Campaigns {
    pub campaigns: Vec<Campaign>,
    /// (code, name) for the new campaign form.
    pub neighbourhoods: Vec<(String, String)>,
    pub services: Vec<(String, String)>,
    pub kept: Option<super::form::Kept<CampaignForm>>,
}

/// `/engagement/campaigns/{id}`: the campaign, its questions, and the forms that change them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CampaignScreen {
    pub campaign: Campaign,
    /// The signed-in officer owns it: they may download its answers.
    pub owner: bool,
    pub neighbourhoods: Vec<(String, String)>,
    pub services: Vec<(String, String)>,
    pub statements: Vec<Statement>,
    pub kept_details: Option<super::form::Kept<CampaignForm>>,
    pub kept_question: Option<super::form::Kept<QuestionForm>>,
    pub kept_arrange: Option<super::form::Kept<ArrangeForm>>,
}

/// `/c/{slug}`: a campaign as anyone answering it sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnswerScreen {
    pub campaign: Campaign,
    /// Signed in as staff: what they enter is marked as assisted, entered by them.
    pub assisted_by: Option<String>,
    /// Signed in as a resident who has already answered.
    pub answered: bool,
    pub thanks: bool,
    pub kept: Option<super::form::Kept<AnswerForm>>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn question(id: i64, kind: QuestionKind, required: bool) -> Question {
        Question {
            id,
            kind,
            prompt: "How was it?".into(),
            required,
            choices: if matches!(kind, QuestionKind::One | QuestionKind::Several) {
                vec!["Phone".into(), "Letter".into(), "Email".into()]
            } else {
                Vec::new()
            },
            other: kind == QuestionKind::Several,
            statement: None,
        }
    }

    fn answers(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (format!("q{k}"), v.to_string()))
            .collect()
    }

    fn all() -> Vec<Question> {
        vec![
            question(1, QuestionKind::Fft, true),
            question(2, QuestionKind::Rating, true),
            question(3, QuestionKind::One, false),
            question(4, QuestionKind::Several, false),
            question(5, QuestionKind::Text, false),
            question(6, QuestionKind::Statement, false),
        ]
    }

    fn fields(errors: &[FieldError]) -> Vec<&str> {
        errors.iter().map(|e| e.field.as_str()).collect()
    }

    #[test]
    fn good_answers_are_kept_as_given() {
        let checked = check_answers(
            &all(),
            &answers(&[
                ("1", "good"),
                ("1-good", " Kind "),
                ("1-publish", "yes"),
                ("2", "4"),
                ("3", "Letter"),
                ("4-0", "Phone"),
                ("4-2", "Email"),
                ("4-other", "Text message"),
                ("5", "More evening visits"),
                ("6", "mostly"),
            ]),
        )
        .unwrap();
        let fft = checked.fft.unwrap();
        assert_eq!(
            (fft.fft, fft.good.as_deref(), fft.publish),
            (Fft::Good, Some("Kind"), true)
        );
        let values: Vec<(i64, &str, Option<&str>)> = checked
            .given
            .iter()
            .map(|g| (g.question, g.value.as_str(), g.text.as_deref()))
            .collect();
        assert_eq!(
            values,
            vec![
                (1, "good", None),
                (2, "4", None),
                (3, "Letter", None),
                (4, "other", Some("Text message")),
                (4, "Phone", None),
                (4, "Email", None),
                (5, "text", Some("More evening visits")),
                (6, "mostly", None),
            ]
        );
    }

    #[test]
    fn bad_answers_are_refused_with_the_question_named() {
        let refused = |pairs: &[(&str, &str)]| check_answers(&all(), &answers(pairs)).unwrap_err();
        // A rating of 6.
        let e = refused(&[("1", "good"), ("2", "6")]);
        assert_eq!(fields(&e), vec!["q2"]);
        assert_eq!(e[0].message, "Question 2: Select a rating from 1 to 5");
        // A choice not offered, in one and in several (also under another choice's number).
        let e = refused(&[("1", "good"), ("2", "3"), ("3", "Pigeon")]);
        assert_eq!(fields(&e), vec!["q3"]);
        let e = refused(&[("1", "good"), ("2", "3"), ("4-1", "Phone")]);
        assert_eq!(fields(&e), vec!["q4"]);
        let e = refused(&[("1", "good"), ("2", "3"), ("4-7", "Phone")]);
        assert_eq!(fields(&e), vec!["q4"]);
        // Missing required answers.
        let e = refused(&[("3", "Letter")]);
        assert_eq!(fields(&e), vec!["q1", "q2"]);
        assert_eq!(e[1].message, "Question 2: answer this question");
        // A question not in the campaign.
        let e = refused(&[("1", "good"), ("2", "3"), ("99", "5")]);
        assert_eq!(fields(&e), vec!["answers"]);
        let e = refused(&[("1", "good"), ("2", "3"), ("x", "5")]);
        assert_eq!(fields(&e), vec!["answers"]);
        // An FFT answer that is not one of the six; a statement answer not on the scale.
        let e = refused(&[("1", "excellent"), ("2", "3"), ("6", "very")]);
        assert_eq!(fields(&e), vec!["q1", "q6"]);
        // Too long, and control characters.
        let long = "a".repeat(MAX_ANSWER_CHARS + 1);
        let e = refused(&[("1", "good"), ("2", "3"), ("5", long.as_str())]);
        assert_eq!(fields(&e), vec!["q5"]);
        let e = refused(&[("1", "good"), ("1-better", "a\u{0}b"), ("2", "3")]);
        assert_eq!(fields(&e), vec!["q1-better"]);
    }

    #[test]
    fn other_needs_offering_and_counts_as_an_answer() {
        let mut questions = vec![question(4, QuestionKind::Several, true)];
        let ok = check_answers(&questions, &answers(&[("4-other", "Fax")])).unwrap();
        assert_eq!(ok.given.len(), 1);
        questions[0].other = false;
        let e = check_answers(&questions, &answers(&[("4-other", "Fax")])).unwrap_err();
        assert_eq!(fields(&e), vec!["q4"]);
    }

    #[test]
    fn campaigns_are_open_from_the_first_day_to_the_last() {
        let day = |d| Day::new(2026, 12, d).unwrap();
        assert_eq!(Phase::on(day(1), day(2), day(5)), Phase::NotYetOpen);
        assert_eq!(Phase::on(day(2), day(2), day(5)), Phase::Open);
        assert_eq!(Phase::on(day(5), day(2), day(5)), Phase::Open);
        assert_eq!(Phase::on(day(6), day(2), day(5)), Phase::Closed);
        assert_eq!(day_from_number(day_number(day(31))), Some(day(31)));
        assert_eq!(day_number(day(3)), 20_261_203);
    }

    #[test]
    fn link_names_are_made_from_titles() {
        assert_eq!(
            slug_from("Winter 2026: how are we doing?"),
            "winter-2026-how-are-we-doing"
        );
        assert_eq!(slug_from("  Ça va?  "), "a-va");
        assert!(valid_slug("winter-2026"));
        assert!(!valid_slug("Winter"));
        assert!(!valid_slug("a--b"));
        assert!(!valid_slug("-a"));
        assert!(!valid_slug(""));
    }

    fn campaign_form() -> CampaignForm {
        CampaignForm {
            title: "Winter visits".into(),
            description: "How were your visits?".into(),
            neighbourhoods: vec!["chorlton".into()],
            opens_day: "1".into(),
            opens_month: "12".into(),
            opens_year: "2026".into(),
            closes_day: "31".into(),
            closes_month: "1".into(),
            closes_year: "2027".into(),
            ..CampaignForm::default()
        }
    }

    #[test]
    fn campaign_details_are_checked() {
        let ok = campaign_form().check().unwrap();
        assert_eq!(ok.slug, "winter-visits");
        assert_eq!(ok.closes, Day::new(2027, 1, 31).unwrap());
        let backwards = CampaignForm {
            closes_year: "2026".into(),
            closes_month: "11".into(),
            ..campaign_form()
        };
        assert_eq!(fields(&backwards.check().unwrap_err()), vec!["closes_day"]);
        let empty = CampaignForm::default().check().unwrap_err();
        assert_eq!(
            fields(&empty),
            vec![
                "title",
                "description",
                "opens_day",
                "closes_day",
                "neighbourhoods"
            ]
        );
        let bad_slug = CampaignForm {
            slug: "Winter Visits".into(),
            ..campaign_form()
        };
        assert_eq!(fields(&bad_slug.check().unwrap_err()), vec!["slug"]);
    }

    #[test]
    fn questions_are_checked() {
        let form = |kind: &str, prompt: &str, choices: &str| QuestionForm {
            kind: kind.into(),
            prompt: prompt.into(),
            choices: choices.into(),
            required: "yes".into(),
            other: "yes".into(),
            ..QuestionForm::default()
        };
        let ok = form(
            "several",
            "How do you hear from us?",
            "Phone\n\nLetter\nPhone\n",
        )
        .check()
        .unwrap();
        assert_eq!(ok.choices, vec!["Phone", "Letter"]);
        assert!(ok.required && ok.other);
        let one = form("one", "Which?", "A\nB").check().unwrap();
        assert!(!one.other, "only several choices offer Other");
        assert_eq!(
            fields(&form("one", "Which?", "A").check().unwrap_err()),
            vec!["choices"]
        );
        assert_eq!(
            fields(&form("one", "Which?", "A\nOther").check().unwrap_err()),
            vec!["choices"]
        );
        assert_eq!(
            fields(&form("rating", "", "").check().unwrap_err()),
            vec!["prompt"]
        );
        assert_eq!(
            fields(&form("poll", "Which?", "").check().unwrap_err()),
            vec!["kind"]
        );
        assert_eq!(
            fields(&form("statement", "", "").check().unwrap_err()),
            vec!["statement"]
        );
        assert!(form("fft", "", "").check().is_ok());
    }

    #[test]
    fn a_campaign_may_open_and_close_on_the_same_day() {
        // Rule: the closing date may be the opening date (on or after, not strictly after).
        let one_day = CampaignForm {
            closes_day: "1".into(),
            closes_month: "12".into(),
            closes_year: "2026".into(),
            ..campaign_form()
        };
        let ok = one_day.check().unwrap();
        assert_eq!(ok.opens, ok.closes);
        assert_eq!(
            backwards_message(),
            "The closing date must be on or after the opening date"
        );
    }

    fn backwards_message() -> String {
        let backwards = CampaignForm {
            closes_day: "30".into(),
            closes_month: "11".into(),
            closes_year: "2026".into(),
            ..campaign_form()
        };
        backwards.check().unwrap_err()[0].message.clone()
    }

    #[test]
    fn a_saved_campaign_reads_back_through_its_form() {
        // Rule: the edit form starts from the campaign as saved: the same details and dates.
        let campaign = Campaign {
            id: 7,
            slug: "winter-visits".into(),
            title: "Winter visits".into(),
            description: "How were your visits?".into(),
            service: Some(("podiatry".into(), "Podiatry".into())),
            neighbourhoods: vec![("chorlton".into(), "Chorlton".into())],
            opens: Day::new(2026, 12, 1).unwrap(),
            closes: Day::new(2027, 1, 31).unwrap(),
            phase: Phase::NotYetOpen,
            owner: "Joe Bloggs".into(),
            questions: Vec::new(),
            answers: 0,
            version: 3,
        };
        let form = CampaignForm::from_campaign(&campaign);
        assert_eq!(form.id, "7");
        assert_eq!(
            form.version, "3",
            "a change names the version it was made on"
        );
        assert_eq!(form.service, "podiatry");
        assert_eq!(form.neighbourhoods, vec!["chorlton"]);
        assert_eq!(
            form.check().unwrap(),
            CheckedCampaign {
                title: campaign.title.clone(),
                description: campaign.description.clone(),
                slug: campaign.slug.clone(),
                opens: campaign.opens,
                closes: campaign.closes,
            }
        );
        assert_eq!(campaign.about(), "Podiatry");
        let teams = Campaign {
            service: None,
            ..campaign
        };
        assert_eq!(teams.about(), "your neighbourhood team");
        assert_eq!(CampaignForm::from_campaign(&teams).service, "");
    }

    #[test]
    fn link_names_stop_at_sixty_characters() {
        // Rule: a link name is at most 60 characters, made or typed.
        assert_eq!(slug_from(&"a".repeat(70)), "a".repeat(60));
        assert!(valid_slug(&"a".repeat(60)));
        assert!(!valid_slug(&"a".repeat(61)));
        assert_eq!(slug_from("Winter -- visits!"), "winter-visits");
    }

    #[test]
    fn stored_days_that_do_not_exist_read_as_none() {
        // Rule: a yyyymmdd number reads back only as a real day.
        assert_eq!(day_from_number(20_240_229), Day::new(2024, 2, 29));
        assert_eq!(day_from_number(20_260_229), None);
        assert_eq!(day_from_number(20_261_301), None);
        assert_eq!(day_from_number(0), None);
    }

    #[test]
    fn a_list_offers_at_most_twelve_choices() {
        // Rule: 2 to 12 distinct choices; "Other" (any case) is offered by ticking, not listed.
        let form = |kind: &str, choices: &str| QuestionForm {
            kind: kind.into(),
            prompt: "Which?".into(),
            choices: choices.into(),
            ..QuestionForm::default()
        };
        let twelve: Vec<String> = (1..=12).map(|i| format!("Choice {i}")).collect();
        assert_eq!(
            form("several", &twelve.join("\n")).check().unwrap().choices,
            twelve
        );
        let thirteen = format!("{}\nChoice 13", twelve.join("\n"));
        let errors = form("several", &thirteen).check().unwrap_err();
        assert_eq!(fields(&errors), vec!["choices"]);
        assert_eq!(errors[0].message, "Write at most 12 choices");
        assert_eq!(
            fields(&form("one", "A\nOTHER").check().unwrap_err()),
            vec!["choices"]
        );
        // Only list questions read the choices.
        assert!(form("text", "").check().unwrap().choices.is_empty());
        let not_required = form("rating", "").check().unwrap();
        assert!(!not_required.required && !not_required.other);
    }

    #[test]
    fn a_statement_question_names_its_statement() {
        // Rule: a statement question keeps the statement chosen; other kinds have none.
        let form = QuestionForm {
            kind: "statement".into(),
            statement: "i-feel-safe".into(),
            ..QuestionForm::default()
        };
        let ok = form.check().unwrap();
        assert_eq!(ok.statement.as_deref(), Some("i-feel-safe"));
        assert_eq!(ok.prompt, "");
        let fft = QuestionForm {
            kind: "fft".into(),
            statement: "i-feel-safe".into(),
            ..QuestionForm::default()
        };
        assert_eq!(fft.check().unwrap().statement, None);
    }

    #[test]
    fn fft_follow_ups_need_the_fft_answered() {
        // Rule: words for "what was good" or "what would be better" without the FFT answer
        // itself are refused, even when the FFT is optional.
        let questions = [question(1, QuestionKind::Fft, false)];
        for key in ["1-good", "1-better"] {
            let e = check_answers(&questions, &answers(&[(key, "Kind")])).unwrap_err();
            assert_eq!(fields(&e), vec!["q1"], "{key}");
            assert_eq!(
                e[0].message,
                "Question 1: Select how the experience was overall"
            );
        }
        let none = check_answers(&questions, &answers(&[])).unwrap();
        assert!(none.given.is_empty() && none.fft.is_none());
        let no_publish = check_answers(&questions, &answers(&[("1", "poor")]))
            .unwrap()
            .fft
            .unwrap();
        assert!(!no_publish.publish);
    }

    #[test]
    fn a_required_question_is_answered_only_by_its_own_answers() {
        // Rule: ticking a choice answers a required several-choice question; the question
        // before it being answered does not.
        let several = [question(4, QuestionKind::Several, true)];
        let ok = check_answers(&several, &answers(&[("4-1", "Letter")])).unwrap();
        let values: Vec<(i64, &str)> = ok
            .given
            .iter()
            .map(|g| (g.question, g.value.as_str()))
            .collect();
        assert_eq!(values, vec![(4, "Letter")]);
        let questions = [
            question(5, QuestionKind::Text, false),
            question(4, QuestionKind::Several, true),
        ];
        let e = check_answers(&questions, &answers(&[("5", "Hello")])).unwrap_err();
        assert_eq!(fields(&e), vec!["q4"]);
        assert_eq!(e[0].message, "Question 2: answer this question");
    }

    #[test]
    fn ratings_run_from_one_to_five() {
        // Rule: 1 and 5 are ratings; 0 is not.
        let rating = [question(2, QuestionKind::Rating, true)];
        for r in ["1", "5"] {
            assert_eq!(
                check_answers(&rating, &answers(&[("2", r)])).unwrap().given[0].value,
                r
            );
        }
        assert_eq!(
            fields(&check_answers(&rating, &answers(&[("2", "0")])).unwrap_err()),
            vec!["q2"]
        );
    }

    #[test]
    fn a_campaigns_phase_reads_as_an_officer_and_a_resident_expect() {
        // Rule: the phase's label is the words on the campaigns list and the answer page.
        let labels: Vec<&str> = [Phase::NotYetOpen, Phase::Open, Phase::Closed]
            .into_iter()
            .map(Phase::label)
            .collect();
        assert_eq!(labels, ["Not yet open", "Open", "Closed"]);
    }

    #[test]
    fn a_statement_question_offers_the_five_answers_most_true_first() {
        // Rule: value is the stored code, label the words a resident reads.
        let choices = truth_choices();
        let pairs: Vec<(&str, &str)> = choices
            .iter()
            .map(|(v, l)| (v.as_str(), l.as_str()))
            .collect();
        assert_eq!(
            pairs,
            [
                ("completely", "Completely true"),
                ("mostly", "Mostly true"),
                ("partly", "Partly true"),
                ("a-little", "A little true"),
                ("not-at-all", "Not true at all"),
            ]
        );
    }

    #[test]
    fn a_campaign_asks_the_friends_and_family_test_in_its_standard_words() {
        // Rule: NHS England's wording, the same as the resident's own feedback form.
        assert_eq!(
            fft_prompt(),
            "Overall, how was your experience of our service?"
        );
        assert_eq!(
            fft_follow_ups(),
            [
                "What was good about your experience?",
                "What would have made your experience better?"
            ]
        );
    }

    #[test]
    fn a_choice_ticked_twice_is_one_answer() {
        // Rule: `q4-0` and `q4-00` both name the first choice; a hand-made request sending both
        // stores it once, so the dashboard counts it once.
        let several = [question(4, QuestionKind::Several, false)];
        let ok = check_answers(
            &several,
            &answers(&[("4-0", "Phone"), ("4-00", "Phone"), ("4-2", "Email")]),
        )
        .unwrap();
        let values: Vec<&str> = ok.given.iter().map(|g| g.value.as_str()).collect();
        assert_eq!(values, ["Phone", "Email"]);
    }
}
