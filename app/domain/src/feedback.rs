//! Feedback on services: the Friends and Family Test (REFERENCE.md: its question, six answers and
//! two follow-ups), tagged with the person statements it relates to, kept private to the service
//! or published anonymously after moderation, with the organisation's public response ("you
//! said, we did").

use super::text::free_text;
use crate::error::FieldError;
use serde::{Deserialize, Serialize};

pub const FFT_QUESTION: &str = "Overall, how was your experience of our service?";
pub const GOOD_QUESTION: &str = "What was good about your experience?";
pub const BETTER_QUESTION: &str = "What would have made your experience better?";
pub const MAX_ANSWER_CHARS: usize = 2_000;
pub const MAX_RESPONSE_CHARS: usize = 2_000;
/// Published stories on one page of `/stories`.
pub const STORIES_PAGE: i64 = 10;

super::coded_enum!(
    /// The Friends and Family Test's answers, best first.
    Fft {
        VeryGood = "very-good", "Very good";
        Good = "good", "Good";
        Neither = "neither", "Neither good nor poor";
        Poor = "poor", "Poor";
        VeryPoor = "very-poor", "Very poor";
        DontKnow = "dont-know", "Don't know";
    }
);

impl Fft {
    /// Counted as positive in "% positive" (Very good, Good).
    pub fn is_positive(self) -> bool {
        matches!(self, Fft::VeryGood | Fft::Good)
    }

    /// Counted as negative in "% negative" (Poor, Very poor).
    pub fn is_negative(self) -> bool {
        matches!(self, Fft::Poor | Fft::VeryPoor)
    }
}

super::coded_enum!(
    /// Where a piece of feedback stands.
    Status {
        Private = "private", "Private to the service";
        Pending = "pending", "Waiting for moderation";
        Published = "published", "Published";
        Hidden = "hidden", "Not published";
    }
);

super::coded_enum!(
    /// Why a moderator does not publish something.
    HideReason {
        Spam = "spam", "Spam";
        Offensive = "offensive", "Offensive";
        DoesNotBelong = "does-not-belong", "Does not belong here";
        IdentifiesSomeone = "identifies-someone", "Identifies someone";
        Safeguarding = "safeguarding", "Safeguarding concern";
    }
);

super::coded_enum!(
    /// Why a reader reports a published story.
    ReportReason {
        Spam = "spam", "Spam";
        Offensive = "offensive", "Offensive";
        DoesNotBelong = "does-not-belong", "Does not belong here";
    }
);

super::coded_enum!(
    /// What a public response says will change.
    Change {
        Nothing = "none", "Response";
        Planned = "planned", "Change planned";
        Made = "made", "Change made";
    }
);

/// Feedback as typed by a resident (or their carer).
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct FeedbackForm {
    /// A service code, or empty for the neighbourhood team.
    pub service: String,
    pub fft: String,
    pub good: String,
    pub better: String,
    /// Person statement codes.
    pub statements: Vec<String>,
    /// One of their goals, or empty.
    pub goal: String,
    /// `yes`: may be published anonymously after moderation; `no`: private to the service.
    pub publish: String,
}

impl std::fmt::Debug for FeedbackForm {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FeedbackForm")
            .field("fft", &self.fft)
            .finish_non_exhaustive()
    }
}

impl super::form::Form for FeedbackForm {
    const ID: &'static str = "feedback";
}

/// Feedback checked, before its service, statements and goal are checked against what exists.
#[derive(Clone, PartialEq, Eq)]
pub struct CheckedFeedback {
    pub fft: Fft,
    pub good: Option<String>,
    pub better: Option<String>,
    pub publish: bool,
}

impl std::fmt::Debug for CheckedFeedback {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CheckedFeedback")
            .field("fft", &self.fft)
            .finish_non_exhaustive()
    }
}

fn problem(field: &str, message: impl Into<String>) -> FieldError {
    FieldError {
        field: field.into(),
        message: message.into(),
    }
}

impl FeedbackForm {
    pub fn check(&self) -> Result<CheckedFeedback, Vec<FieldError>> {
        let mut errors = Vec::new();
        let fft = Fft::parse(&self.fft);
        if fft.is_none() {
            errors.push(problem("fft", "Select how your experience was overall"));
        }
        let mut text = |field: &str, value: &str| {
            free_text(value, MAX_ANSWER_CHARS)
                .map_err(|e| errors.push(problem(field, e.to_string())))
                .ok()
                .flatten()
        };
        let good = text("good", &self.good);
        let better = text("better", &self.better);
        let publish = match self.publish.as_str() {
            "yes" => Some(true),
            "no" => Some(false),
            _ => {
                errors.push(problem(
                    "publish",
                    "Select whether your feedback may be published without your name",
                ));
                None
            }
        };
        match (fft, publish) {
            (Some(fft), Some(publish)) if errors.is_empty() => Ok(CheckedFeedback {
                fft,
                good,
                better,
                publish,
            }),
            _ => Err(errors),
        }
    }
}

/// The organisation's public response to a story.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicResponse {
    /// "Priya Shah, Team lead, Chorlton and Whalley Range Integrated Neighbourhood Team".
    pub by: String,
    pub text: String,
    pub change: Change,
    pub change_detail: Option<String>,
    pub at: i64,
}

/// Feedback as the person who gave it sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GivenFeedback {
    pub id: i64,
    pub about: String,
    pub fft: Fft,
    pub good: Option<String>,
    pub better: Option<String>,
    pub status: Status,
    pub at: i64,
    /// Given by a carer: "Lin Walsh (carer)".
    pub given_by: Option<String>,
    pub responses: Vec<PublicResponse>,
}

/// `/my/feedback`: the form's choices and what they gave.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeedbackScreen {
    /// (code, name): the services besides their neighbourhood team.
    pub services: Vec<(String, String)>,
    pub team: Option<String>,
    pub statements: Vec<super::statements::Statement>,
    /// (key, description) of their current goals, when they may see them.
    pub goals: Vec<(String, String)>,
    pub given: Vec<GivenFeedback>,
}

/// A published story, as anyone reads it: no name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Story {
    pub id: i64,
    pub about: String,
    pub neighbourhood: Option<String>,
    pub fft: Fft,
    pub good: Option<String>,
    pub better: Option<String>,
    pub statements: Vec<String>,
    pub at: i64,
    /// Feedback kept for the service from someone signed in, so a reply reaches them (not
    /// answers at a campaign's public link). Always false on published stories.
    pub has_writer: bool,
    pub responses: Vec<PublicResponse>,
    /// The fingerprint of the words shown, for a moderator's take-down (which is refused if
    /// they changed since); empty for everyone else.
    pub seen: String,
}

/// `/stories`, and feedback kept for the service (`/engagement/feedback`, `/team/feedback`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stories {
    pub stories: Vec<Story>,
    /// (code, name) of each neighbourhood, and of each service, for the filters.
    pub neighbourhoods: Vec<(String, String)>,
    pub services: Vec<(String, String)>,
    pub neighbourhood: String,
    pub service: String,
    /// Only what nobody has answered yet (a filter for those who may respond).
    pub unanswered: bool,
    /// Published stories matching the filters, and how many have each kind of response (not
    /// counted for feedback kept for the service).
    pub total: i64,
    pub responded: i64,
    pub planned: i64,
    pub made: i64,
    /// Where this page starts (`None` for the first) and where the next one does.
    pub before: Option<i64>,
    pub next: Option<i64>,
    /// The signed-in person may respond (an engagement officer, or a team lead for their
    /// neighbourhood's stories: `respond_neighbourhood`).
    pub may_respond: bool,
    pub respond_neighbourhood: Option<String>,
    pub kept_response: Option<super::form::Kept<ResponseForm>>,
    pub kept_report: Option<super::form::Kept<ReportForm>>,
    /// The signed-in person moderates (an engagement officer): they may take a published
    /// story down.
    pub may_take_down: bool,
    pub kept_take_down: Option<super::form::Kept<TakeDownForm>>,
}

/// Where a list of stories (or of private feedback) was when a form on it was sent: its
/// filters and page, so a report, a take-down or a response leads back there and not to the
/// start of an unfiltered list. Sent back by the page in each form's `filter` field; read
/// from it only as far as it is well formed (anything else is dropped), and only ever
/// appended to a path the server chooses.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoryFilter {
    pub neighbourhood: String,
    pub service: String,
    pub unanswered: bool,
    /// The page: the id the list started before, if not the first.
    pub before: Option<i64>,
}

impl StoryFilter {
    /// The filter as a query string (without `?`), empty when there is none.
    pub fn query(&self) -> String {
        let mut q = form_urlencoded::Serializer::new(String::new());
        if !self.neighbourhood.is_empty() {
            q.append_pair("neighbourhood", &self.neighbourhood);
        }
        if !self.service.is_empty() {
            q.append_pair("service", &self.service);
        }
        if self.unanswered {
            q.append_pair("unanswered", "yes");
        }
        if let Some(before) = self.before {
            q.append_pair("before", &before.to_string());
        }
        q.finish()
    }

    /// Reads a query string as `query` writes it: codes that are link names, "yes" for
    /// unanswered, a positive page id. Anything else, and any other key, is left out.
    pub fn parse(query: &str) -> StoryFilter {
        let mut filter = StoryFilter::default();
        for (key, value) in form_urlencoded::parse(query.as_bytes()) {
            match &*key {
                "neighbourhood" if code_like(&value) => {
                    filter.neighbourhood = value.into_owned();
                }
                "service" if code_like(&value) => {
                    filter.service = value.into_owned();
                }
                "unanswered" => filter.unanswered = value == "yes",
                "before" => filter.before = value.parse().ok().filter(|b: &i64| *b > 0),
                _ => {}
            }
        }
        filter
    }

    /// Where an answer to story `id` leads: this list, at the story; but a list of what
    /// nobody has answered yet no longer holds it, so there at the top (the next to answer).
    pub fn after_answer(&self, path: &str, id: &str) -> String {
        self.href(path, Some(id).filter(|_| !self.unanswered))
    }

    /// `path` with this filter, and `#story-{id}` when a story is named.
    pub fn href(&self, path: &str, story: Option<&str>) -> String {
        let query = self.query();
        let mut href = path.to_string();
        if !query.is_empty() {
            href.push('?');
            href.push_str(&query);
        }
        if let Some(id) =
            story.filter(|id| !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit()))
        {
            href.push_str("#story-");
            href.push_str(id);
        }
        href
    }
}

/// Whether `text` could be a place's or a service's code: lower-case letters, digits and
/// hyphens, up to 60 (what an administrator may give one).
fn code_like(text: &str) -> bool {
    (1..=60).contains(&text.len())
        && text
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

impl Stories {
    /// The filters and page this list shows.
    pub fn filter(&self) -> StoryFilter {
        StoryFilter {
            neighbourhood: self.neighbourhood.clone(),
            service: self.service.clone(),
            unanswered: self.unanswered,
            before: self.before,
        }
    }
}

/// Taking one's own feedback back from publication (published, or waiting for moderation): it
/// is then kept for the service only.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct WithdrawForm {
    pub feedback: String,
}

impl super::form::Form for WithdrawForm {
    const ID: &'static str = "feedback-withdraw";
    const NOTHING_TYPED: bool = true;
}

/// Reporting a published story.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ReportForm {
    pub story: String,
    pub reason: String,
    /// The list's filters and page (`StoryFilter::query`), to go back to.
    pub filter: String,
}

impl super::form::Form for ReportForm {
    const ID: &'static str = "report";
}

/// A moderator taking a published story down, with why (a `HideReason`): it is then not
/// published, as if hidden when it was moderated, and the decision is theirs in its history.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct TakeDownForm {
    pub story: String,
    pub reason: String,
    /// The words the moderator's page showed (their fingerprint): the take-down is of those.
    pub seen: String,
    /// The list's filters and page (`StoryFilter::query`), to go back to.
    pub filter: String,
}

impl super::form::Form for TakeDownForm {
    const ID: &'static str = "take-down";
}

/// A public response as typed.
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ResponseForm {
    pub story: String,
    pub text: String,
    pub change: String,
    pub detail: String,
    /// The list's filters and page (`StoryFilter::query`), to go back to.
    pub filter: String,
}

impl std::fmt::Debug for ResponseForm {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ResponseForm")
            .field("change", &self.change)
            .finish_non_exhaustive()
    }
}

impl super::form::Form for ResponseForm {
    const ID: &'static str = "public-response";
}

impl ResponseForm {
    /// The response's text, its change and what and when (required with a change).
    pub fn check(&self) -> Result<(String, Change, Option<String>), Vec<FieldError>> {
        let mut errors = Vec::new();
        let text = match free_text(&self.text, MAX_RESPONSE_CHARS) {
            Ok(Some(t)) => Some(t),
            Ok(None) => {
                errors.push(problem("text", "Write the response"));
                None
            }
            Err(e) => {
                errors.push(problem("text", e.to_string()));
                None
            }
        };
        let change = Change::parse(&self.change);
        if change.is_none() {
            errors.push(problem("change", "Select whether anything will change"));
        }
        let detail = free_text(&self.detail, 500)
            .map_err(|e| errors.push(problem("detail", e.to_string())))
            .ok()
            .flatten();
        if matches!(change, Some(Change::Planned | Change::Made)) && detail.is_none() {
            errors.push(problem("detail", "Say what changes, and when"));
        }
        match (text, change) {
            (Some(text), Some(change)) if errors.is_empty() => Ok((text, change, detail)),
            _ => Err(errors),
        }
    }
}

/// A moderation decision as typed: `publish`, `hide` (with a reason) or `redact` (the two
/// answers as they should be shown). Not called `action`: a form field of that name hides the
/// form's own `action` from script (the browser's "DOM clobbering"), and the enhanced forms
/// read it.
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ModerateForm {
    pub feedback: String,
    pub decision: String,
    pub reason: String,
    pub good: String,
    pub better: String,
    /// The words the moderator's page showed (their fingerprint): a decision is on those.
    pub seen: String,
}

impl std::fmt::Debug for ModerateForm {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ModerateForm")
            .field("decision", &self.decision)
            .finish_non_exhaustive()
    }
}

impl super::form::Form for ModerateForm {
    const ID: &'static str = "moderate";
}

/// A piece of text with what in it looks identifying, for a moderator.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Marked {
    /// The text in pieces: (piece, what it looks like if identifying).
    pub pieces: Vec<(String, Option<String>)>,
    /// The text with each identifying piece replaced, as the redaction starts.
    pub suggested: String,
}

/// A piece of feedback waiting for moderation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ToModerate {
    pub id: i64,
    pub about: String,
    pub neighbourhood: Option<String>,
    pub fft: Fft,
    pub good: Option<Marked>,
    pub better: Option<Marked>,
    pub at: i64,
    /// Reports of it since it was published, with their reasons.
    pub reports: Vec<String>,
    /// It was redacted: the words as written are kept, and shown to moderators only.
    pub redacted: bool,
    pub original_good: Option<String>,
    pub original_better: Option<String>,
    /// The fingerprint of the words shown, which each of its forms sends back.
    pub seen: String,
}

/// `/engagement/moderation`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ModerationQueue {
    pub items: Vec<ToModerate>,
    pub kept: Option<super::form::Kept<ModerateForm>>,
}

/// A service as an administrator adds it: its name, and a code made from it unless given.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ServiceForm {
    pub name: String,
    pub code: String,
}

impl super::form::Form for ServiceForm {
    const ID: &'static str = "service";
}

impl ServiceForm {
    /// The name and the code.
    pub fn check(&self) -> Result<(String, String), Vec<FieldError>> {
        let mut errors = Vec::new();
        let name = super::text::name_line(&self.name, 120)
            .map_err(|e| errors.push(problem("name", e.to_string())))
            .ok();
        let code = if self.code.trim().is_empty() {
            name.as_deref()
                .map(super::campaigns::slug_from)
                .unwrap_or_default()
        } else {
            self.code.trim().to_string()
        };
        if name.is_some() && !super::campaigns::valid_slug(&code) {
            errors.push(problem(
                "code",
                "The code may only have lower-case letters, digits and single hyphens, up to 60",
            ));
        }
        match name {
            Some(name) if errors.is_empty() => Ok((name, code)),
            _ => Err(errors),
        }
    }
}

/// Retiring a service (no longer offered for new feedback; what was given about it stays), or
/// bringing it back: `active` is `yes` or `no`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ServiceStateForm {
    pub service: String,
    pub active: String,
}

impl super::form::Form for ServiceStateForm {
    const ID: &'static str = "service-state";
    const NOTHING_TYPED: bool = true;
}

/// `/admin/services`: (code, name, active) of each.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServicesScreen {
    pub services: Vec<(String, String, bool)>,
    pub kept: Option<super::form::Kept<ServiceForm>>,
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_service_name_refuses_invisible_characters() {
        let form = |name: &str| ServiceForm {
            name: name.into(),
            ..ServiceForm::default()
        };
        assert!(form("District\u{200D} nursing").check().is_err());
        assert!(form("District\u{202E}nursing").check().is_err());
        assert!(form("District nursing").check().is_ok());
    }

    use super::*;

    fn form(fft: &str, publish: &str) -> FeedbackForm {
        FeedbackForm {
            fft: fft.into(),
            publish: publish.into(),
            good: " Kind nurses ".into(),
            ..FeedbackForm::default()
        }
    }

    #[test]
    fn feedback_needs_an_answer_and_a_choice_about_publishing() {
        let ok = form("good", "yes").check().unwrap();
        assert_eq!(ok.fft, Fft::Good);
        assert!(ok.publish);
        assert_eq!(ok.good.as_deref(), Some("Kind nurses"));
        assert_eq!(ok.better, None);
        let errors = form("excellent", "").check().unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, vec!["fft", "publish"]);
        let long = FeedbackForm {
            better: "a".repeat(MAX_ANSWER_CHARS + 1),
            ..form("poor", "no")
        };
        assert_eq!(long.check().unwrap_err()[0].field, "better");
    }

    #[test]
    fn positive_and_negative_are_the_published_groups() {
        let positive: Vec<Fft> = Fft::ALL
            .iter()
            .copied()
            .filter(|f| f.is_positive())
            .collect();
        let negative: Vec<Fft> = Fft::ALL
            .iter()
            .copied()
            .filter(|f| f.is_negative())
            .collect();
        assert_eq!(positive, vec![Fft::VeryGood, Fft::Good]);
        assert_eq!(negative, vec![Fft::Poor, Fft::VeryPoor]);
        assert!(!Fft::DontKnow.is_positive() && !Fft::DontKnow.is_negative());
    }

    #[test]
    fn a_change_needs_saying_what_and_when() {
        let response = |change: &str, detail: &str| ResponseForm {
            story: "1".into(),
            text: "Thank you".into(),
            change: change.into(),
            detail: detail.into(),
            ..ResponseForm::default()
        };
        assert!(response("none", "").check().is_ok());
        assert_eq!(response("made", "").check().unwrap_err()[0].field, "detail");
        let (_, change, detail) = response("made", "Evening visits since May")
            .check()
            .unwrap();
        assert_eq!(
            (change, detail.as_deref()),
            (Change::Made, Some("Evening visits since May"))
        );
        assert_eq!(
            response("maybe", "").check().unwrap_err()[0].field,
            "change"
        );
    }

    #[test]
    fn a_service_needs_a_name_and_gets_a_code_from_it() {
        let form = |name: &str, code: &str| ServiceForm {
            name: name.into(),
            code: code.into(),
        };
        assert_eq!(
            form("Podiatry (foot care)", "").check().unwrap(),
            (
                "Podiatry (foot care)".to_string(),
                "podiatry-foot-care".to_string()
            )
        );
        assert_eq!(form("", "").check().unwrap_err()[0].field, "name");
        assert_eq!(
            form("Podiatry", "Foot Care").check().unwrap_err()[0].field,
            "code"
        );
    }

    #[test]
    fn feedback_may_be_kept_private() {
        // Rule: "no" is a choice (private to the service), not a missing answer.
        let private = form("poor", "no").check().unwrap();
        assert!(!private.publish);
        assert_eq!(private.fft, Fft::Poor);
        let errors = form("good", "maybe").check().unwrap_err();
        assert_eq!(errors.len(), 1);
        assert_eq!(
            errors[0].message,
            "Select whether your feedback may be published without your name"
        );
    }

    #[test]
    fn a_response_needs_words_and_a_planned_change_needs_saying_too() {
        // Rule: the response's text is required; a planned change, like a made one, needs
        // what and when; no change needs no detail.
        let response = |text: &str, change: &str, detail: &str| ResponseForm {
            story: "1".into(),
            text: text.into(),
            change: change.into(),
            detail: detail.into(),
            ..ResponseForm::default()
        };
        let planned = response("Thank you", "planned", "").check().unwrap_err();
        assert_eq!(planned.len(), 1);
        assert_eq!(planned[0].field, "detail");
        assert_eq!(planned[0].message, "Say what changes, and when");
        let empty = response(" ", "none", "").check().unwrap_err();
        assert_eq!(empty[0].field, "text");
        assert_eq!(empty[0].message, "Write the response");
        assert_eq!(
            response("Thank you", "none", "").check(),
            Ok(("Thank you".to_string(), Change::Nothing, None))
        );
        let long = response("Thank you", "planned", &"a".repeat(501))
            .check()
            .unwrap_err();
        assert_eq!(long[0].field, "detail");
    }

    #[test]
    fn a_service_without_a_name_is_one_problem_and_a_typed_code_is_kept() {
        // Rule: a missing name is reported once (not also as a bad code); a valid code as
        // typed is kept, trimmed.
        let form = |name: &str, code: &str| ServiceForm {
            name: name.into(),
            code: code.into(),
        };
        let errors = form("", "").check().unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["name"]);
        assert_eq!(
            form("Podiatry", " foot-care ").check(),
            Ok(("Podiatry".to_string(), "foot-care".to_string()))
        );
    }

    #[test]
    fn a_story_filter_reads_back_what_it_wrote_and_nothing_else() {
        let filter = StoryFilter {
            neighbourhood: "chorlton-whalley-range".into(),
            service: "district-nursing".into(),
            unanswered: true,
            before: Some(42),
        };
        let query = filter.query();
        assert_eq!(
            query,
            "neighbourhood=chorlton-whalley-range&service=district-nursing&unanswered=yes&before=42"
        );
        assert_eq!(StoryFilter::parse(&query), filter);
        assert_eq!(StoryFilter::default().query(), "");
        assert_eq!(
            filter.href("/stories", Some("7")),
            format!("/stories?{query}#story-7")
        );
        assert_eq!(StoryFilter::default().href("/stories", None), "/stories");
        // What a page would never send is left out: other keys, codes that are not link
        // names, a page that is not a positive id, an anchor that is not an id.
        let odd = StoryFilter::parse(
            "next=%2F%2Fevil.example&neighbourhood=..%2Fadmin&service=A%20B&unanswered=no&before=-3",
        );
        assert_eq!(odd, StoryFilter::default());
        assert_eq!(
            StoryFilter::parse("before=0&service=district-nursing").href("/stories", Some("1#x")),
            "/stories?service=district-nursing"
        );
        assert_eq!(StoryFilter::parse("before=9").before, Some(9));
        // An administrator's code may have a double hyphen or end in one.
        assert_eq!(
            StoryFilter::parse("neighbourhood=north--1-").neighbourhood,
            "north--1-"
        );
        assert_eq!(
            StoryFilter::parse(&format!("service={}", "a".repeat(61))).service,
            ""
        );
        // After an answer: at the story, unless the list is of what nobody has answered.
        assert_eq!(
            StoryFilter::parse("service=podiatry").after_answer("/stories", "7"),
            "/stories?service=podiatry#story-7"
        );
        assert_eq!(
            filter.after_answer("/engagement/feedback", "7"),
            format!("/engagement/feedback?{query}")
        );
    }

    #[test]
    fn a_list_of_stories_gives_back_its_own_filters_and_page() {
        let stories = Stories {
            stories: Vec::new(),
            neighbourhoods: Vec::new(),
            services: Vec::new(),
            neighbourhood: "chorlton-whalley-range".into(),
            service: "podiatry".into(),
            unanswered: true,
            total: 0,
            responded: 0,
            planned: 0,
            made: 0,
            before: Some(12),
            next: Some(3),
            may_respond: true,
            respond_neighbourhood: None,
            kept_response: None,
            kept_report: None,
            may_take_down: false,
            kept_take_down: None,
        };
        assert_eq!(
            stories.filter(),
            StoryFilter {
                neighbourhood: "chorlton-whalley-range".into(),
                service: "podiatry".into(),
                unanswered: true,
                before: Some(12),
            }
        );
    }
}
