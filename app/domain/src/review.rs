//! What the neighbourhood team sees: its queue of residents who share something, and a shared
//! record, communication needs first (the Accessible Information Standard's flag).

use super::about_me::SectionVersion;
use super::goals::GoalNow;
use super::needs::Needs;
use super::sharing::Scope;
use super::statements::Truth;
use serde::{Deserialize, Serialize};

/// Residents on one page of the queue.
pub const QUEUE_PAGE: i64 = 25;

/// A resident in the queue.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueEntry {
    pub resident: i64,
    pub name: String,
    pub ward: String,
    pub last_change_at: i64,
    pub has_needs: bool,
    /// A shared part changed since the team last acknowledged it.
    pub unacknowledged: bool,
    /// Something shared changed since this member of staff last opened the record.
    pub changed_since_looked: bool,
    /// A message from the resident (or their carer) has no response from the team yet.
    pub unanswered: bool,
}

/// The queue's filters and search, as its address carries them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueFilter {
    pub unacknowledged_only: bool,
    pub needs_only: bool,
    /// Changed since I (this member of staff) last opened their record.
    pub since_looked: bool,
    /// A code of [`GOAL_FILTERS`].
    pub goals: String,
    /// A ward code, or empty for every ward.
    pub ward: String,
    /// Part of the resident's name, or empty.
    pub name: String,
}

impl QueueFilter {
    /// The filter's part of a queue address (`&unread=yes&name=…`), for paging links.
    pub fn query(&self) -> String {
        let mut query = form_urlencoded::Serializer::new(String::new());
        for (on, key) in [
            (self.unacknowledged_only, "unread"),
            (self.needs_only, "needs"),
            (self.since_looked, "since"),
        ] {
            if on {
                query.append_pair(key, "yes");
            }
        }
        for (key, value) in [
            ("goals", &self.goals),
            ("ward", &self.ward),
            ("name", &self.name),
        ] {
            if !value.is_empty() {
                query.append_pair(key, value);
            }
        }
        let query = query.finish();
        if query.is_empty() {
            query
        } else {
            format!("&{query}")
        }
    }

    /// Anything chosen beyond the whole queue.
    pub fn is_filtered(&self) -> bool {
        self.unacknowledged_only
            || self.needs_only
            || self.since_looked
            || !self.goals.is_empty()
            || !self.ward.is_empty()
            || !self.name.is_empty()
    }
}

/// A page of the team's queue, with its counts and where the next page starts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Queue {
    pub team: String,
    pub neighbourhood: String,
    pub entries: Vec<QueueEntry>,
    pub filter: QueueFilter,
    pub total: i64,
    pub with_needs: i64,
    pub unacknowledged: i64,
    /// The `after` key of the next page (`{time}-{resident}`), when there is one.
    pub next: Option<String>,
    /// The neighbourhood's wards (code, name), for the ward filter.
    pub wards: Vec<(String, String)>,
    /// For a team lead: the team's activity.
    pub activity: Option<TeamActivity>,
}

/// A queue page key as the address carries it: `{last_change_at}-{resident}`.
pub fn queue_key(last_change_at: i64, resident: i64) -> String {
    format!("{last_change_at}-{resident}")
}

pub fn parse_queue_key(text: &str) -> Option<(i64, i64)> {
    let (at, id) = text.split_once('-')?;
    Some((at.parse().ok()?, id.parse().ok()?))
}

/// The communication needs as the team sees them: shared (with the version), recorded but not
/// shared (the team is told they exist, not what they are), or none recorded.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum TeamNeeds {
    Shared {
        needs: Box<Needs>,
        version: i64,
        by: String,
        at: i64,
    },
    NotShared,
    NoneRecorded,
}

/// One answer to a person statement, as shared.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SharedAnswer {
    pub statement: String,
    pub truth: Truth,
    pub comment: Option<String>,
    pub version: i64,
    pub at: i64,
}

/// "I have read this version" of one part, as the resident and the team see it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ack {
    pub version: i64,
    pub by: String,
    /// Their role and team then: "Team lead, Chorlton and Whalley Range Integrated …".
    pub role: String,
    pub at: i64,
}

impl Ack {
    /// What the part says about it, now that it is at version `now`.
    pub fn line(&self, now: i64) -> String {
        let read = format!(
            "Read by {}, {} on {} (version {})",
            self.by,
            self.role,
            super::time::uk_date(self.at),
            self.version
        );
        if now > self.version {
            format!("Changed since it was last read. {read}. Version {now} has not been read yet.")
        } else {
            read
        }
    }
}

/// A part of the record with its newest acknowledgement, if any: `(kind code, key)`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartAck {
    pub kind: String,
    pub key: String,
    pub ack: Ack,
}

/// The newest acknowledgement of a part among `acks`.
pub fn ack_for<'a>(acks: &'a [PartAck], kind: &str, key: &str) -> Option<&'a Ack> {
    acks.iter()
        .find(|a| a.kind == kind && a.key == key)
        .map(|a| &a.ack)
}

/// The form that acknowledges a version: which part, which version (the resident is in the
/// address).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AckForm {
    pub kind: String,
    pub key: String,
    pub version: String,
}

impl super::form::Form for AckForm {
    const ID: &'static str = "acknowledge";
    const NOTHING_TYPED: bool = true;
}

/// What changed in a part since the version the team last read (`since`), line by line.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartChanges {
    pub kind: String,
    pub key: String,
    pub since: i64,
    pub lines: Vec<super::about_me::DiffLine>,
}

/// The changes to a part among `changes`, if it changed since the team read it.
pub fn changes_for<'a>(
    changes: &'a [PartChanges],
    kind: &str,
    key: &str,
) -> Option<&'a PartChanges> {
    changes.iter().find(|c| c.kind == kind && c.key == key)
}

/// A resident's record as their neighbourhood team sees it: only the shared parts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SharedRecord {
    pub resident: i64,
    pub name: String,
    pub ward: String,
    pub needs: TeamNeeds,
    /// The shared About Me sections that have been written, in the standard's order.
    pub about_me: Vec<SectionVersion>,
    /// `None` when goals are not shared. Current goals first, then finished ones (completed,
    /// cancelled…), each newest change first: a finished goal's last version is read like any.
    pub goals: Option<Vec<GoalNow>>,
    /// The progress notes on the shared goals: (goal key, note), newest first.
    #[serde(default)]
    pub notes: Vec<(String, crate::goals::NoteNow)>,
    /// `None` when the answers are not shared.
    pub statements: Option<Vec<SharedAnswer>>,
    pub shared: Vec<Scope>,
    /// The team's newest acknowledgement of each part.
    pub acks: Vec<PartAck>,
    /// The last save's confirmation.
    pub notice: Option<crate::form::Notice>,
    /// The conversation on each part that has one.
    pub conversations: Vec<PartConversation>,
    /// Goals the team proposed, newest first.
    pub proposals: Vec<Proposal>,
    /// For each part changed since the team last read it: what changed since that version.
    pub changes: Vec<PartChanges>,
    /// A response that could not be sent, to show again.
    pub kept_message: Option<super::form::Kept<MessageForm>>,
    /// A proposal that could not be made, to show again.
    pub kept_proposal: Option<super::form::Kept<ProposeForm>>,
}

/// The longest response, reply or reason.
pub const MAX_MESSAGE_CHARS: usize = 2_000;

/// One message in the conversation on a part of a record.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Message {
    /// From the team (a response), not the resident or their carer (a reply).
    pub from_team: bool,
    /// "Priya Shah, District nurse, Chorlton … Team", "George Walsh", "Lin Walsh (carer)".
    pub by: String,
    pub text: String,
    pub at: i64,
    /// From the team and not yet seen by the resident.
    pub new: bool,
}

/// The conversation on one part: `kind` and `key` name the part as acknowledgements do.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartConversation {
    pub kind: String,
    pub key: String,
    /// Oldest first, as a conversation reads.
    pub messages: Vec<Message>,
}

/// The messages on a part among `conversations` (none yet: empty).
pub fn conversation_for<'a>(
    conversations: &'a [PartConversation],
    kind: &str,
    key: &str,
) -> &'a [Message] {
    conversations
        .iter()
        .find(|c| c.kind == kind && c.key == key)
        .map_or(&[], |c| c.messages.as_slice())
}

/// The `id` of the box a message on a part is written in (and where its error links).
pub fn message_field(kind: &str, key: &str) -> String {
    format!("message-{kind}-{key}")
}

/// A response (staff) or a reply (the resident): which part, and what they wrote.
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct MessageForm {
    pub kind: String,
    pub key: String,
    pub text: String,
}

impl std::fmt::Debug for MessageForm {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MessageForm")
            .field("kind", &self.kind)
            .finish_non_exhaustive()
    }
}

impl super::form::Form for MessageForm {
    const ID: &'static str = "message";
}

impl MessageForm {
    /// The text as it will be kept; problems name the part's box.
    pub fn check(&self) -> Result<String, Vec<crate::error::FieldError>> {
        let problem = |message: String| {
            vec![crate::error::FieldError {
                field: message_field(&self.kind, &self.key),
                message,
            }]
        };
        match super::text::free_text(&self.text, MAX_MESSAGE_CHARS) {
            Ok(Some(text)) => Ok(text),
            Ok(None) => Err(problem("Write your message before sending it".into())),
            Err(e) => Err(problem(e.to_string())),
        }
    }
}

/// A goal a member of staff proposes, as they typed it.
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ProposeForm {
    pub description: String,
    pub why: String,
}

impl std::fmt::Debug for ProposeForm {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ProposeForm(<redacted>)")
    }
}

impl super::form::Form for ProposeForm {
    const ID: &'static str = "propose-goal";
}

impl ProposeForm {
    /// What the goal would be, and why it might matter.
    pub fn check(&self) -> Result<(String, Option<String>), Vec<crate::error::FieldError>> {
        use super::goals::{MAX_DESCRIPTION_CHARS, MAX_WHY_CHARS};
        use super::text::{TextError, free_text, single_line};
        let mut errors = Vec::new();
        let problem = |field: &str, message: String| crate::error::FieldError {
            field: field.into(),
            message,
        };
        let description = match single_line(&self.description, MAX_DESCRIPTION_CHARS) {
            Ok(d) => Some(d),
            Err(TextError::Missing) => {
                errors.push(problem(
                    "description",
                    "Enter the goal you are proposing".into(),
                ));
                None
            }
            Err(e) => {
                errors.push(problem("description", e.to_string()));
                None
            }
        };
        let why = free_text(&self.why, MAX_WHY_CHARS)
            .map_err(|e| errors.push(problem("why", e.to_string())))
            .ok()
            .flatten();
        match description {
            Some(d) if errors.is_empty() => Ok((d, why)),
            _ => Err(errors),
        }
    }
}

/// The resident's answer to a proposed goal: `accept` or `decline`, with a reason if they like.
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DecideForm {
    pub proposal: String,
    pub decision: String,
    pub reason: String,
}

impl std::fmt::Debug for DecideForm {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DecideForm")
            .field("decision", &self.decision)
            .finish_non_exhaustive()
    }
}

impl super::form::Form for DecideForm {
    const ID: &'static str = "decide-goal";
}

/// What the resident decided about a proposed goal.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Decision {
    Accept,
    Decline { reason: Option<String> },
}

impl DecideForm {
    pub fn check(&self) -> Result<Decision, Vec<crate::error::FieldError>> {
        let field = format!("decision-{}", self.proposal.trim());
        let problem =
            |field: String, message: String| vec![crate::error::FieldError { field, message }];
        match self.decision.as_str() {
            "accept" => Ok(Decision::Accept),
            "decline" => super::text::free_text(&self.reason, MAX_MESSAGE_CHARS)
                .map(|reason| Decision::Decline { reason })
                .map_err(|e| problem(format!("reason-{}", self.proposal.trim()), e.to_string())),
            _ => Err(problem(
                field,
                "Select whether you accept this goal or decline it".into(),
            )),
        }
    }
}

/// A goal the team proposed, and what became of it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Proposal {
    pub id: i64,
    pub description: String,
    pub why: Option<String>,
    /// "Priya Shah, District nurse, Chorlton … Team".
    pub by: String,
    pub at: i64,
    /// `Proposed` (waiting), `Active` (accepted: the resident's goal `goal_key`) or `Rejected`.
    pub status: super::goals::Lifecycle,
    pub reason: Option<String>,
    pub goal_key: Option<String>,
    pub decided_by: Option<String>,
    pub decided_at: Option<i64>,
}

impl Proposal {
    pub fn waiting(&self) -> bool {
        self.status == super::goals::Lifecycle::Proposed
    }

    /// Where it stands, in a line: "Waiting for an answer", "Accepted by George Walsh on …".
    pub fn status_line(&self) -> String {
        use super::goals::Lifecycle;
        let when = self
            .decided_at
            .map(super::time::uk_date)
            .unwrap_or_default();
        let who = self.decided_by.clone().unwrap_or_default();
        match self.status {
            Lifecycle::Active => format!("Accepted by {who} on {when}"),
            Lifecycle::Rejected => match &self.reason {
                Some(reason) => format!("Declined by {who} on {when}: “{reason}”"),
                None => format!("Declined by {who} on {when}"),
            },
            _ => "Waiting for an answer".into(),
        }
    }
}

/// The queue's goal filter: anyone, those with an active shared goal, or those with a goal
/// the team proposed still waiting for their answer.
pub const GOAL_FILTERS: [(&str, &str); 3] = [
    ("", "Any"),
    ("active", "Has an active goal"),
    ("proposed", "A goal we proposed is waiting for an answer"),
];

/// The longest name search.
pub const MAX_SEARCH_CHARS: usize = 100;

/// The team's activity, for a team lead: queue size, the oldest change nobody has read, and
/// acknowledgements per member of staff since Monday.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamActivity {
    pub queue_size: i64,
    pub unacknowledged: i64,
    pub oldest_unacknowledged: Option<i64>,
    pub week_start: i64,
    /// (name, acknowledgements this week), most first.
    pub acks_this_week: Vec<(String, i64)>,
}

/// How true one person statement feels across the neighbourhood: the answers of residents
/// who share them, now and at the end of each of the last twelve months, counts suppressed
/// below 5 (see [`super::stats::suppress`]); cells follow [`super::statements::Truth::ALL`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatementAcross {
    pub code: String,
    pub statement: String,
    pub now: super::stats::Shown,
    /// ("November 2026", counts then), oldest first.
    pub months: Vec<(String, super::stats::Shown)>,
    /// Comments residents shared with their latest answer, newest first (none when fewer than
    /// 5 answered).
    pub comments: Vec<String>,
}

/// `/team/statements`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamStatements {
    pub team: String,
    pub neighbourhood: String,
    pub statements: Vec<StatementAcross>,
}

/// The conversation on one part as the resident (or their carer) sees it on that part's page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConversationScreen {
    pub kind: String,
    pub key: String,
    pub messages: Vec<Message>,
    /// They may write to the team about this part (it is shared and theirs to change).
    pub can_write: bool,
    /// The part is shared with their team now.
    pub shared: bool,
    /// A message that could not be sent, to show again.
    pub kept: Option<super::form::Kept<MessageForm>>,
}

/// A part with a conversation, for the resident's list of responses.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConversationSummary {
    pub label: String,
    pub href: String,
    pub last: Message,
    pub messages: usize,
    pub new: usize,
}

/// `/my/responses`: what the team wrote, and goals it proposed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResponsesScreen {
    pub conversations: Vec<ConversationSummary>,
    pub proposals: Vec<Proposal>,
    /// They may answer proposals (a carer needs permission to change goals).
    pub can_decide: bool,
    pub kept: Option<super::form::Kept<DecideForm>>,
}

/// The most comments shown under one statement.
pub const MAX_COMMENTS: usize = 10;

/// One saved answer to a person statement by a resident who shares their answers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SavedAnswer {
    pub resident: i64,
    pub code: String,
    pub at: i64,
    pub truth: super::statements::Truth,
    pub comment: Option<String>,
}

/// How true each statement (code, text) feels across the residents whose `answers` these are
/// (in any order): each resident counts once, with their latest answer now and their latest
/// before the end of each of the twelve UK calendar months up to `now`'s. Returns the
/// statements and the residents whose comments are shown (their words are read: the caller
/// logs it).
pub fn across(
    statements: &[(String, String)],
    answers: &[SavedAnswer],
    now: i64,
) -> (Vec<StatementAcross>, Vec<i64>) {
    use super::statements::Truth;
    use super::stats::suppress;
    use super::time::{month_label, previous_month, uk_month, uk_month_end};
    let mut months = Vec::new();
    let (mut year, mut month) = uk_month(now);
    for _ in 0..12 {
        months.push((year, month));
        (year, month) = previous_month(year, month);
    }
    months.reverse();
    let count = |chosen: &[&SavedAnswer]| -> Vec<i64> {
        Truth::ALL
            .iter()
            .map(|t| chosen.iter().filter(|a| a.truth == *t).count() as i64)
            .collect()
    };
    // The latest answer of each resident before `end`.
    let latest_before = |code: &str, end: i64| -> Vec<&SavedAnswer> {
        let mut by_resident: std::collections::BTreeMap<i64, &SavedAnswer> = Default::default();
        for a in answers.iter().filter(|a| a.code == code && a.at < end) {
            let slot = by_resident.entry(a.resident).or_insert(a);
            if a.at >= slot.at {
                *slot = a;
            }
        }
        by_resident.into_values().collect()
    };
    let mut quoted = Vec::new();
    let mut out = Vec::new();
    for (code, text) in statements {
        let latest = latest_before(code, i64::MAX);
        let now_shown = suppress(&count(&latest));
        let by_month = months
            .iter()
            .map(|(y, m)| {
                let then = latest_before(code, uk_month_end(*y, *m));
                (month_label(*y, *m), suppress(&count(&then)))
            })
            .collect();
        let mut comments: Vec<&SavedAnswer> = if now_shown.total.is_some() {
            latest
                .iter()
                .copied()
                .filter(|a| a.comment.is_some())
                .collect()
        } else {
            Vec::new()
        };
        comments.sort_by_key(|a| std::cmp::Reverse(a.at));
        comments.truncate(MAX_COMMENTS);
        quoted.extend(comments.iter().map(|a| a.resident));
        out.push(StatementAcross {
            code: code.clone(),
            statement: text.clone(),
            now: now_shown,
            months: by_month,
            comments: comments
                .into_iter()
                .filter_map(|a| a.comment.clone())
                .collect(),
        });
    }
    quoted.sort_unstable();
    quoted.dedup();
    (out, quoted)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_acknowledgement_says_when_a_later_version_is_unread() {
        let ack = Ack {
            version: 2,
            by: "Sam Okafor".into(),
            role: "Practitioner, North Team".into(),
            at: 1_795_367_220_000,
        };
        assert_eq!(
            ack.line(2),
            "Read by Sam Okafor, Practitioner, North Team on 22 November 2026 (version 2)"
        );
        assert!(ack.line(3).contains("Version 3 has not been read yet"));
    }

    #[test]
    fn a_filter_survives_the_paging_link() {
        let filter = QueueFilter {
            needs_only: true,
            name: "O'Brien & Co".into(),
            ward: "e05011356".into(),
            ..QueueFilter::default()
        };
        assert_eq!(
            filter.query(),
            "&needs=yes&ward=e05011356&name=O%27Brien+%26+Co"
        );
        assert_eq!(QueueFilter::default().query(), "");
        assert!(filter.is_filtered());
        assert!(!QueueFilter::default().is_filtered());
    }

    #[test]
    fn a_message_must_have_words_and_not_too_many() {
        let form = |text: &str| MessageForm {
            kind: "goal".into(),
            key: "0123456789abcdef".into(),
            text: text.into(),
        };
        assert_eq!(form("  Thank you  ").check(), Ok("Thank you".into()));
        let empty = form("   ").check().unwrap_err();
        assert_eq!(empty[0].field, "message-goal-0123456789abcdef");
        assert_eq!(empty[0].message, "Write your message before sending it");
        let long = form(&"a".repeat(MAX_MESSAGE_CHARS + 1))
            .check()
            .unwrap_err();
        assert_eq!(long[0].message, "Use 2000 characters or fewer");
        assert!(form(&"a".repeat(MAX_MESSAGE_CHARS)).check().is_ok());
    }

    #[test]
    fn a_decision_is_accept_or_decline() {
        let form = |decision: &str, reason: &str| DecideForm {
            proposal: "4".into(),
            decision: decision.into(),
            reason: reason.into(),
        };
        assert_eq!(form("accept", "").check(), Ok(Decision::Accept));
        assert_eq!(
            form("decline", " Not now ").check(),
            Ok(Decision::Decline {
                reason: Some("Not now".into())
            })
        );
        assert_eq!(
            form("decline", "").check(),
            Ok(Decision::Decline { reason: None })
        );
        assert_eq!(
            form("maybe", "").check().unwrap_err()[0].field,
            "decision-4"
        );
    }

    #[test]
    fn statements_across_count_each_resident_once_by_uk_month() {
        use crate::statements::Truth;
        // 00:30 BST on 1 July 2026 (23:30 UTC on 30 June) belongs to July.
        let july_first = 1_782_862_200_000;
        let june = july_first - 10 * 86_400_000;
        let now = july_first + 86_400_000;
        let answer = |resident, at, truth, comment: Option<&str>| SavedAnswer {
            resident,
            code: "s".into(),
            at,
            truth,
            comment: comment.map(str::to_string),
        };
        let mut answers: Vec<SavedAnswer> = (1..=6)
            .map(|r| answer(r, june, Truth::Partly, None))
            .collect();
        // Resident 1 changes their answer at the start of July, with a comment.
        answers.push(answer(1, july_first, Truth::Completely, Some("Better now")));
        let (result, quoted) = across(&[("s".into(), "A statement".into())], &answers, now);
        let s = &result[0];
        // Now: six residents (not seven answers): 5 partly, 1 completely (hidden, with the
        // next smallest).
        assert_eq!(s.now.total, Some(6));
        let completely = Truth::ALL
            .iter()
            .position(|t| *t == Truth::Completely)
            .unwrap();
        let partly = Truth::ALL.iter().position(|t| *t == Truth::Partly).unwrap();
        assert_eq!(s.now.cells[completely], None);
        assert_eq!(s.now.cells[partly], None);
        let (june_label, june_counts) = &s.months[10];
        assert_eq!(june_label, "June 2026");
        assert_eq!(
            june_counts.cells[partly],
            Some(6),
            "the July answer is not June's"
        );
        assert_eq!(s.months[11].0, "July 2026");
        assert_eq!(s.months[0].0, "August 2025");
        assert_eq!(s.months[9].1.total, None, "May: nobody had answered");
        assert_eq!(s.comments, vec!["Better now".to_string()]);
        assert_eq!(quoted, vec![1]);
        // Fewer than five residents: no counts and no comments.
        let (few, quoted) = across(&[("s".into(), "A statement".into())], &answers[..1], now);
        assert_eq!(few[0].now.total, None);
        assert!(few[0].comments.is_empty() && quoted.is_empty());
    }

    #[test]
    fn a_queue_key_reads_back_and_nonsense_does_not() {
        assert_eq!(
            parse_queue_key(&queue_key(1_795_367_220_000, 42)),
            Some((1_795_367_220_000, 42))
        );
        assert_eq!(parse_queue_key("42"), None);
        assert_eq!(parse_queue_key("x-1"), None);
    }

    #[test]
    fn any_one_filter_filters_the_queue() {
        // Rule: each filter on its own counts as filtering, and all of them reach the paging
        // link.
        for filter in [
            QueueFilter {
                unacknowledged_only: true,
                ..QueueFilter::default()
            },
            QueueFilter {
                needs_only: true,
                ..QueueFilter::default()
            },
            QueueFilter {
                since_looked: true,
                ..QueueFilter::default()
            },
            QueueFilter {
                goals: "active".into(),
                ..QueueFilter::default()
            },
            QueueFilter {
                ward: "e05011356".into(),
                ..QueueFilter::default()
            },
            QueueFilter {
                name: "Khan".into(),
                ..QueueFilter::default()
            },
        ] {
            assert!(filter.is_filtered(), "{filter:?}");
        }
        let all = QueueFilter {
            unacknowledged_only: true,
            needs_only: true,
            since_looked: true,
            goals: "proposed".into(),
            ward: "w".into(),
            name: "Ann".into(),
        };
        assert_eq!(
            all.query(),
            "&unread=yes&needs=yes&since=yes&goals=proposed&ward=w&name=Ann"
        );
    }

    fn ack(version: i64) -> Ack {
        Ack {
            version,
            by: "Sam Okafor".into(),
            role: "Practitioner, North Team".into(),
            at: 0,
        }
    }

    #[test]
    fn acknowledgements_changes_and_conversations_belong_to_one_part() {
        // Rule (access): what is found for a part matches both its kind and its key.
        let part_ack = |kind: &str, key: &str, version| PartAck {
            kind: kind.into(),
            key: key.into(),
            ack: ack(version),
        };
        let acks = [
            part_ack("goal", "a", 1),
            part_ack("about-me", "b", 2),
            part_ack("goal", "b", 3),
        ];
        assert_eq!(ack_for(&acks, "goal", "b").map(|a| a.version), Some(3));
        assert_eq!(ack_for(&acks, "goal", "a").map(|a| a.version), Some(1));
        assert_eq!(ack_for(&acks, "about-me", "b").map(|a| a.version), Some(2));
        assert_eq!(ack_for(&acks, "about-me", "a"), None);
        assert_eq!(ack_for(&acks, "needs", "needs"), None);

        let change = |kind: &str, key: &str, since| PartChanges {
            kind: kind.into(),
            key: key.into(),
            since,
            lines: Vec::new(),
        };
        let changes = [
            change("goal", "a", 1),
            change("about-me", "b", 2),
            change("goal", "b", 3),
        ];
        assert_eq!(changes_for(&changes, "goal", "b").map(|c| c.since), Some(3));
        assert_eq!(changes_for(&changes, "goal", "a").map(|c| c.since), Some(1));
        assert_eq!(changes_for(&changes, "about-me", "a"), None);

        let message = |text: &str| Message {
            from_team: true,
            by: "Sam Okafor".into(),
            text: text.into(),
            at: 0,
            new: false,
        };
        let conversation = |kind: &str, key: &str, text: &str| PartConversation {
            kind: kind.into(),
            key: key.into(),
            messages: vec![message(text)],
        };
        let conversations = [
            conversation("goal", "a", "first"),
            conversation("about-me", "b", "second"),
            conversation("goal", "b", "third"),
        ];
        assert_eq!(
            conversation_for(&conversations, "goal", "b"),
            [message("third")]
        );
        assert_eq!(
            conversation_for(&conversations, "goal", "a"),
            [message("first")]
        );
        assert!(conversation_for(&conversations, "about-me", "a").is_empty());
        assert!(conversation_for(&[], "goal", "a").is_empty());
    }

    #[test]
    fn an_acknowledgement_of_the_current_version_says_nothing_more() {
        // Rule: only a newer version than the one read is called unread.
        assert!(!ack(3).line(3).contains("Changed since"));
        assert!(
            ack(3)
                .line(4)
                .starts_with("Changed since it was last read. Read by")
        );
    }

    #[test]
    fn a_proposed_goal_needs_words_and_keeps_the_text_rules() {
        // Rule: a proposal has a one-line goal and an optional reason, each within its limit.
        let form = |description: &str, why: &str| ProposeForm {
            description: description.into(),
            why: why.into(),
        };
        assert_eq!(
            form(" Walk to the park ", "").check(),
            Ok(("Walk to the park".to_string(), None))
        );
        assert_eq!(
            form("Walk", " Fresh air ").check(),
            Ok(("Walk".to_string(), Some("Fresh air".to_string())))
        );
        let missing = form(" ", "").check().unwrap_err();
        assert_eq!(missing[0].field, "description");
        assert_eq!(missing[0].message, "Enter the goal you are proposing");
        let two_lines = form("Walk\nRun", "").check().unwrap_err();
        assert_eq!(two_lines[0].field, "description");
        assert_eq!(two_lines[0].message, "Keep this to one line");
        let long_why = form("Walk", &"a".repeat(2_001)).check().unwrap_err();
        let fields: Vec<&str> = long_why.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["why"]);
    }

    #[test]
    fn a_declined_reason_keeps_the_text_rules() {
        // Rule: a reason with control characters is refused, against the proposal's reason box.
        let form = DecideForm {
            proposal: " 4 ".into(),
            decision: "decline".into(),
            reason: "no\u{0}".into(),
        };
        assert_eq!(form.check().unwrap_err()[0].field, "reason-4");
        let undecided = DecideForm {
            decision: String::new(),
            ..form
        };
        let error = undecided.check().unwrap_err();
        assert_eq!(error[0].field, "decision-4");
        assert_eq!(
            error[0].message,
            "Select whether you accept this goal or decline it"
        );
    }

    #[test]
    fn a_proposal_says_where_it_stands() {
        // Rule: only a proposed goal is waiting; a decided one names who decided and when.
        use crate::goals::Lifecycle;
        let proposal = Proposal {
            id: 1,
            description: "Walk to the park".into(),
            why: None,
            by: "Sam Okafor".into(),
            at: 0,
            status: Lifecycle::Proposed,
            reason: None,
            goal_key: None,
            decided_by: None,
            decided_at: None,
        };
        assert!(proposal.waiting());
        assert_eq!(proposal.status_line(), "Waiting for an answer");
        let accepted = Proposal {
            status: Lifecycle::Active,
            decided_by: Some("George Walsh".into()),
            // 2026-11-22T17:07:00Z
            decided_at: Some(1_795_367_220_000),
            ..proposal
        };
        assert!(!accepted.waiting());
        assert_eq!(
            accepted.status_line(),
            "Accepted by George Walsh on 22 November 2026"
        );
        let declined = Proposal {
            status: Lifecycle::Rejected,
            reason: Some("Not now".into()),
            ..accepted
        };
        assert!(!declined.waiting());
        assert_eq!(
            declined.status_line(),
            "Declined by George Walsh on 22 November 2026: “Not now”"
        );
        let without_reason = Proposal {
            reason: None,
            ..declined
        };
        assert_eq!(
            without_reason.status_line(),
            "Declined by George Walsh on 22 November 2026"
        );
    }

    #[test]
    fn an_answer_at_the_month_end_belongs_to_the_next_month() {
        // Rule: a month counts answers strictly before its end (UK midnight as the next month
        // begins): one saved at that instant is the next month's.
        use crate::statements::Truth;
        // June 2026 ends at 23:00 UTC on 30 June (midnight BST).
        let june_end = 1_782_860_400_000;
        let now = june_end + 2 * 86_400_000;
        let mut answers: Vec<SavedAnswer> = (1..=5)
            .map(|resident| SavedAnswer {
                resident,
                code: "s".into(),
                at: june_end - 1,
                truth: Truth::Partly,
                comment: None,
            })
            .collect();
        answers.push(SavedAnswer {
            resident: 6,
            code: "s".into(),
            at: june_end,
            truth: Truth::Partly,
            comment: None,
        });
        let (result, _) = across(&[("s".into(), "A statement".into())], &answers, now);
        let months = &result[0].months;
        assert_eq!(months[10].0, "June 2026");
        assert_eq!(months[10].1.total, Some(5));
        assert_eq!(months[11].0, "July 2026");
        assert_eq!(months[11].1.total, Some(6));
        // Another statement's answers are not counted.
        let (other, _) = across(&[("t".into(), "Another".into())], &answers, now);
        assert_eq!(other[0].now.total, None);
    }

    #[test]
    fn only_the_ten_newest_comments_of_latest_answers_are_shown() {
        // Rule: comments come from each resident's latest answer, newest first, at most
        // MAX_COMMENTS; the residents quoted are exactly those whose words are shown.
        use crate::statements::Truth;
        let at = 1_782_000_000_000;
        let mut answers: Vec<SavedAnswer> = (1..=12)
            .map(|resident| SavedAnswer {
                resident,
                code: "s".into(),
                at: at + resident,
                truth: Truth::Mostly,
                comment: Some(format!("Comment {resident}")),
            })
            .collect();
        // Resident 13 once commented, but their latest answer has no comment.
        for (when, comment) in [(at, Some("Old words".to_string())), (at + 100, None)] {
            answers.push(SavedAnswer {
                resident: 13,
                code: "s".into(),
                at: when,
                truth: Truth::Mostly,
                comment,
            });
        }
        let (result, quoted) = across(
            &[("s".into(), "A statement".into())],
            &answers,
            at + 86_400_000,
        );
        let comments = &result[0].comments;
        assert_eq!(comments.len(), MAX_COMMENTS);
        assert_eq!(comments[0], "Comment 12");
        assert_eq!(comments[9], "Comment 3");
        assert!(!comments.iter().any(|c| c == "Old words"));
        assert_eq!(quoted, (3..=12).collect::<Vec<i64>>());
        assert_eq!(result[0].now.total, Some(13));
    }
}
