//! Goals in the resident's own words, with the FHIR Goal lifecycle and achievement statuses.
//! A goal is never deleted by normal use: it is marked cancelled or entered-in-error.

use super::text::{TextError, free_text, single_line};
use crate::error::FieldError;
use crate::form::Kept;
use serde::{Deserialize, Serialize};
use std::fmt;

pub const MAX_DESCRIPTION_CHARS: usize = 500;
pub const MAX_WHY_CHARS: usize = 2_000;
pub const MAX_NOTE_CHARS: usize = 2_000;

super::coded_enum!(
    /// FHIR R4 Goal.lifecycleStatus.
    Lifecycle {
        Proposed = "proposed", "Proposed";
        Planned = "planned", "Planned";
        Accepted = "accepted", "Accepted";
        Active = "active", "Active";
        OnHold = "on-hold", "On hold";
        Completed = "completed", "Completed";
        Cancelled = "cancelled", "Cancelled";
        EnteredInError = "entered-in-error", "Entered in error";
        Rejected = "rejected", "Rejected";
    }
);

super::coded_enum!(
    /// FHIR R4 Goal.achievementStatus: how it is going.
    Achievement {
        InProgress = "in-progress", "In progress";
        Improving = "improving", "Improving";
        Worsening = "worsening", "Getting harder";
        NoChange = "no-change", "No change";
        Achieved = "achieved", "Achieved";
        Sustaining = "sustaining", "Keeping it up";
        NotAchieved = "not-achieved", "Not achieved";
        NoProgress = "no-progress", "No progress";
        NotAttainable = "not-attainable", "Not possible now";
    }
);

impl Lifecycle {
    /// Active goals are shown apart from past ones.
    pub fn is_current(self) -> bool {
        matches!(
            self,
            Lifecycle::Proposed
                | Lifecycle::Planned
                | Lifecycle::Accepted
                | Lifecycle::Active
                | Lifecycle::OnHold
        )
    }
}

/// A calendar date that exists.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Day {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl Day {
    /// The day, if the calendar has it (jiff's Gregorian calendar: month lengths and leap
    /// years) and its year is one a person could mean, 1900 to 2200.
    pub fn new(year: i32, month: u32, day: u32) -> Option<Day> {
        if !(1900..=2200).contains(&year) {
            return None;
        }
        jiff::civil::Date::new(
            i16::try_from(year).ok()?,
            i8::try_from(month).ok()?,
            i8::try_from(day).ok()?,
        )
        .ok()?;
        Some(Day { year, month, day })
    }

    pub fn label(self) -> String {
        super::time::date_label(self.year.into(), self.month, self.day)
    }
}

/// The three boxes of a typed date, in the order they are shown.
pub const DATE_PARTS: [&str; 3] = ["day", "month", "year"];

/// What is wrong with a date typed as day, month and year (`what` names it in the message):
/// the message and which boxes are wrong, in the order day, month, year. `None` when all
/// three are empty (no date) or the date exists.
///
/// The order of the checks follows the GOV.UK date input's: a box left empty first, then a
/// box that cannot be right (a 13th month, letters, a year without 4 numbers), then a day
/// the month does not have.
pub fn date_problem(parts: [&str; 3], what: &str) -> Option<(String, [bool; 3])> {
    let parts = parts.map(str::trim);
    let empty = parts.map(str::is_empty);
    if empty.iter().all(|e| *e) {
        return None;
    }
    if empty.iter().any(|e| *e) {
        let missing: Vec<&str> = DATE_PARTS
            .iter()
            .zip(empty)
            .filter(|(_, e)| *e)
            .map(|(name, _)| *name)
            .collect();
        return Some((
            format!("The {what} must include a {}", missing.join(" and ")),
            empty,
        ));
    }
    let within = |p: &str, range: std::ops::RangeInclusive<u32>| {
        p.bytes().all(|b| b.is_ascii_digit()) && p.parse::<u32>().is_ok_and(|n| range.contains(&n))
    };
    let four_numbers = parts[2].len() == 4 && parts[2].bytes().all(|b| b.is_ascii_digit());
    let wrong = [
        !within(parts[0], 1..=31),
        !within(parts[1], 1..=12),
        !(four_numbers && within(parts[2], 1900..=2200)),
    ];
    if wrong == [false, false, true] && !four_numbers {
        return Some((
            format!("The year of the {what} must have 4 numbers, for example 2027"),
            wrong,
        ));
    }
    let real = format!("The {what} must be a real date");
    if wrong.iter().any(|w| *w) {
        return Some((real, wrong));
    }
    let number = |p: &str| p.parse::<u32>().unwrap_or_default();
    match Day::new(number(parts[2]) as i32, number(parts[1]), number(parts[0])) {
        Some(_) => None,
        // The day is past the end of its month (31 April, 29 February 2027).
        None => Some((real, [true, false, false])),
    }
}

/// A date typed as day, month and year in the boxes `{name}_day`, `{name}_month` and
/// `{name}_year` (`what` names it in messages): `None` when all three are empty. A problem is
/// reported on the first wrong box, where the error summary links.
pub fn day_from_fields(
    parts: [&str; 3],
    name: &str,
    what: &str,
) -> Result<Option<Day>, crate::error::FieldError> {
    if let Some((message, wrong)) = date_problem(parts, what) {
        let first = wrong.iter().position(|w| *w).unwrap_or_default();
        return Err(crate::error::FieldError {
            field: format!("{name}_{}", DATE_PARTS[first]),
            message,
        });
    }
    let number = |p: &str| p.trim().parse::<u32>().unwrap_or_default();
    Ok(Day::new(
        number(parts[2]) as i32,
        number(parts[1]),
        number(parts[0]),
    ))
}

/// A goal as stored.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Goal {
    /// What I want to be able to do.
    pub description: String,
    /// Why it matters to me.
    pub why: Option<String>,
    pub target: Option<Day>,
    pub lifecycle: Lifecycle,
    pub achievement: Option<Achievement>,
}

impl fmt::Debug for Goal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Goal")
            .field("lifecycle", &self.lifecycle)
            .finish_non_exhaustive()
    }
}

/// A progress note on a goal, dated by when it was saved.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Note {
    pub text: String,
}

/// A goal as the pages show it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GoalNow {
    pub key: String,
    pub goal: Goal,
    pub version: i64,
    pub updated_at: i64,
    /// Who wrote this version ("Lin Walsh (carer)" when a carer did).
    #[serde(default)]
    pub author_name: String,
}

/// A dated note with who wrote it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoteNow {
    pub text: String,
    pub author_name: String,
    pub created_at: i64,
}

/// One goal with its notes (newest first).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GoalDetail {
    pub now: GoalNow,
    pub notes: Vec<NoteNow>,
    /// The team's newest acknowledgement of the goal, if any.
    #[serde(default)]
    pub read: Option<crate::review::Ack>,
}

/// A goal's page: the goal and its notes, the last save's confirmation, and a failed post of
/// any of its three forms to show again.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct GoalScreen {
    pub detail: GoalDetail,
    pub notice: Option<crate::form::Notice>,
    pub change: Option<Kept<GoalForm>>,
    pub note: Option<Kept<NoteForm>>,
    pub stop: Option<Kept<StopGoalForm>>,
    /// See [`crate::form::FormScreen::read_only`].
    #[serde(default)]
    pub read_only: bool,
    /// The conversation with the team about the goal.
    #[serde(default)]
    pub conversation: Option<crate::review::ConversationScreen>,
}

/// One saved version of a goal.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GoalVersion {
    pub goal: Goal,
    pub version: i64,
    pub author_name: String,
    pub created_at: i64,
}

/// What changed from `before` to `after`, field by field, as people read them.
pub fn changes(before: &Goal, after: &Goal) -> Vec<String> {
    let mut out = Vec::new();
    if before.description != after.description {
        out.push(format!(
            "What I want to be able to do: now “{}”",
            after.description
        ));
    }
    if before.why != after.why {
        out.push(match &after.why {
            Some(why) => format!("Why it matters: now “{why}”"),
            None => "Why it matters: removed".into(),
        });
    }
    if before.target != after.target {
        out.push(match after.target {
            Some(day) => format!("Target date: now {}", day.label()),
            None => "Target date: removed".into(),
        });
    }
    if before.lifecycle != after.lifecycle {
        out.push(format!(
            "Where this goal is: {} → {}",
            before.lifecycle.label(),
            after.lifecycle.label()
        ));
    }
    if before.achievement != after.achievement {
        let label = |a: Option<Achievement>| a.map_or("not set", |a| a.label());
        out.push(format!(
            "How it is going: {} → {}",
            label(before.achievement),
            label(after.achievement)
        ));
    }
    out
}

/// The goal form as typed.
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct GoalForm {
    pub description: String,
    pub why: String,
    pub target_day: String,
    pub target_month: String,
    pub target_year: String,
    pub lifecycle: String,
    pub achievement: String,
}

impl crate::form::Form for GoalForm {
    const ID: &'static str = "goal";
}

/// Removing a goal: `how` is `cancelled` or `entered-in-error`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct StopGoalForm {
    pub how: String,
}

impl crate::form::Form for StopGoalForm {
    const ID: &'static str = "goal-stop";
}

/// A dated progress note on a goal.
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct NoteForm {
    pub note: String,
}

impl fmt::Debug for NoteForm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("NoteForm(<redacted>)")
    }
}

impl crate::form::Form for NoteForm {
    const ID: &'static str = "goal-note";
}

impl fmt::Debug for GoalForm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("GoalForm(<redacted>)")
    }
}

fn problem(field: &str, message: impl Into<String>) -> FieldError {
    FieldError {
        field: field.into(),
        message: message.into(),
    }
}

impl GoalForm {
    pub fn check(&self) -> Result<Goal, Vec<FieldError>> {
        let mut errors = Vec::new();
        let description = match single_line(&self.description, MAX_DESCRIPTION_CHARS) {
            Ok(d) => Some(d),
            Err(TextError::Missing) => {
                errors.push(problem(
                    "description",
                    "Enter what you want to be able to do",
                ));
                None
            }
            Err(TextError::LineBreak) => {
                match free_text(&self.description, MAX_DESCRIPTION_CHARS) {
                    Ok(d) => d,
                    Err(e) => {
                        errors.push(problem("description", e.to_string()));
                        None
                    }
                }
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
        let target = day_from_fields(
            [&self.target_day, &self.target_month, &self.target_year],
            "target",
            "target date",
        )
        .map_err(|e| errors.push(e))
        .ok()
        .flatten();
        let lifecycle = Lifecycle::parse(&self.lifecycle);
        if lifecycle.is_none() {
            errors.push(problem("lifecycle", "Select where this goal is"));
        }
        let achievement = match self.achievement.as_str() {
            "" => None,
            code => match Achievement::parse(code) {
                Some(a) => Some(a),
                None => {
                    errors.push(problem("achievement", "Select how it is going"));
                    None
                }
            },
        };
        match (description, lifecycle) {
            (Some(description), Some(lifecycle)) if errors.is_empty() => Ok(Goal {
                description,
                why,
                target,
                lifecycle,
                achievement,
            }),
            _ => Err(errors),
        }
    }
}

impl Goal {
    /// The goal as lines people read, for comparing two versions.
    pub fn lines(&self) -> Vec<String> {
        let mut lines = vec![format!(
            "What I want to be able to do: {}",
            self.description
        )];
        if let Some(why) = &self.why {
            lines.push(format!("Why it matters: {why}"));
        }
        if let Some(day) = self.target {
            lines.push(format!("Target date: {}", day.label()));
        }
        lines.push(format!("Where this goal is: {}", self.lifecycle.label()));
        if let Some(a) = self.achievement {
            lines.push(format!("How it is going: {}", a.label()));
        }
        lines
    }

    /// The goal as its edit form starts.
    pub fn form(&self) -> GoalForm {
        GoalForm {
            description: self.description.clone(),
            why: self.why.clone().unwrap_or_default(),
            target_day: self.target.map(|d| d.day.to_string()).unwrap_or_default(),
            target_month: self.target.map(|d| d.month.to_string()).unwrap_or_default(),
            target_year: self.target.map(|d| d.year.to_string()).unwrap_or_default(),
            lifecycle: self.lifecycle.code().into(),
            achievement: self
                .achievement
                .map(|a| a.code().to_string())
                .unwrap_or_default(),
        }
    }
}

/// A progress note as typed.
pub fn check_note(text: &str) -> Result<Note, Vec<FieldError>> {
    match free_text(text, MAX_NOTE_CHARS) {
        Ok(Some(text)) => Ok(Note { text }),
        Ok(None) => Err(vec![problem("note", "Write the note before saving it")]),
        Err(e) => Err(vec![problem("note", e.to_string())]),
    }
}

/// Goal keys are Hive's own (16 hexadecimal digits); anything else names no goal.
pub fn valid_key(key: &str) -> bool {
    key.len() == 16
        && key
            .bytes()
            .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(description: &str, day: &str, month: &str, year: &str) -> GoalForm {
        GoalForm {
            description: description.into(),
            target_day: day.into(),
            target_month: month.into(),
            target_year: year.into(),
            lifecycle: "active".into(),
            achievement: "in-progress".into(),
            ..GoalForm::default()
        }
    }

    fn fields(f: GoalForm) -> Vec<String> {
        f.check()
            .err()
            .unwrap_or_default()
            .into_iter()
            .map(|e| e.field)
            .collect()
    }

    #[test]
    fn only_dates_that_exist_are_accepted() {
        assert_eq!(
            form("Walk", "29", "2", "2028").check().unwrap().target,
            Day::new(2028, 2, 29)
        );
        // The problem is on the first wrong box, where the error summary links.
        assert_eq!(fields(form("Walk", "29", "2", "2027")), ["target_day"]);
        assert_eq!(fields(form("Walk", "31", "4", "2027")), ["target_day"]);
        assert_eq!(fields(form("Walk", "1", "13", "2027")), ["target_month"]);
        assert_eq!(fields(form("Walk", "1", "1", "27")), ["target_year"]);
        assert_eq!(fields(form("Walk", "x", "1", "2027")), ["target_day"]);
        assert_eq!(fields(form("Walk", "1", "", "")), ["target_month"]);
        assert_eq!(form("Walk", "", "", "").check().unwrap().target, None);
    }

    #[test]
    fn a_goal_needs_words_and_known_statuses() {
        assert_eq!(fields(form(" ", "", "", "")), ["description"]);
        let mut f = form("Walk", "", "", "");
        f.lifecycle = "finished".into();
        f.achievement = "great".into();
        assert_eq!(fields(f), ["lifecycle", "achievement"]);
        assert_eq!(fields(form(&"a".repeat(501), "", "", "")), ["description"]);
        assert_eq!(fields(form("a\u{0}", "", "", "")), ["description"]);
    }

    #[test]
    fn statuses_are_stored_under_their_codes() {
        for l in Lifecycle::ALL {
            assert_eq!(
                serde_json::to_string(l).unwrap(),
                format!("\"{}\"", l.code())
            );
        }
        for a in Achievement::ALL {
            assert_eq!(
                serde_json::to_string(a).unwrap(),
                format!("\"{}\"", a.code())
            );
        }
    }

    #[test]
    fn current_and_past_goals_are_told_apart() {
        assert!(Lifecycle::OnHold.is_current());
        assert!(!Lifecycle::Cancelled.is_current());
        assert!(!Lifecycle::EnteredInError.is_current());
        assert!(!Lifecycle::Completed.is_current());
    }

    #[test]
    fn a_goal_round_trips_through_its_form() {
        let goal = form("Walk to the shops", "3", "6", "2027").check().unwrap();
        assert_eq!(goal.form().check().unwrap(), goal);
    }

    #[test]
    fn the_changes_between_two_versions_are_named() {
        let before = form("Walk", "", "", "").check().unwrap();
        let mut after = before.clone();
        after.lifecycle = Lifecycle::Cancelled;
        after.target = Day::new(2027, 1, 2);
        assert_eq!(
            changes(&before, &after),
            [
                "Target date: now 2 January 2027",
                "Where this goal is: Active → Cancelled"
            ]
        );
        assert!(changes(&before, &before).is_empty());
    }

    #[test]
    fn notes_need_words_and_keys_are_hives_own() {
        assert!(check_note("  ").is_err());
        assert_eq!(
            check_note("Walked to the corner").unwrap().text,
            "Walked to the corner"
        );
        assert!(valid_key("0123456789abcdef"));
        assert!(!valid_key("0123456789ABCDEF"));
        assert!(!valid_key("../../etc"));
    }

    fn messages(f: GoalForm) -> Vec<String> {
        f.check()
            .err()
            .unwrap_or_default()
            .into_iter()
            .map(|e| e.message)
            .collect()
    }

    #[test]
    fn a_target_year_must_have_four_digits() {
        // Rule: the year is typed with four digits: "99", "20261" and "02027" are refused
        // with the 4-numbers message on the year, not taken as years 99, 20261 or 2027.
        let four_numbers = "The year of the target date must have 4 numbers, for example 2027";
        for year in ["99", "20261", "02027", "227"] {
            assert_eq!(
                fields(form("Walk", "1", "1", year)),
                ["target_year"],
                "{year}"
            );
            assert_eq!(
                messages(form("Walk", "1", "1", year)),
                [four_numbers],
                "{year}"
            );
        }
        // Four numbers out of the calendar's range is not a real year.
        assert_eq!(
            date_problem(["1", "1", "0227"], "target date"),
            Some((
                "The target date must be a real date".into(),
                [false, false, true]
            ))
        );
        // A date with four digits that does not exist gets the other message.
        assert_eq!(
            messages(form("Walk", "29", "2", "2027")),
            ["The target date must be a real date"]
        );
        assert_eq!(
            day_from_fields(["1", "1", " 2027 "], "d", "day"),
            Ok(Day::new(2027, 1, 1))
        );
    }

    #[test]
    fn a_date_problem_marks_the_boxes_that_are_wrong() {
        // Rule (the GOV.UK date input's): boxes left empty come first and only they are
        // marked; then boxes that cannot be right; then a day its month does not have.
        let problem = |d: &str, m: &str, y: &str| date_problem([d, m, y], "end date");
        assert_eq!(problem("", "", ""), None);
        assert_eq!(problem(" 7 ", "03", "2027"), None);
        assert_eq!(
            problem("1", "", "2027"),
            Some((
                "The end date must include a month".into(),
                [false, true, false]
            ))
        );
        assert_eq!(
            problem("", "3", ""),
            Some((
                "The end date must include a day and year".into(),
                [true, false, true]
            ))
        );
        // Empty boxes win over a wrong one: "13" is not marked until the day is typed.
        assert_eq!(
            problem("", "13", "2027"),
            Some((
                "The end date must include a day".into(),
                [true, false, false]
            ))
        );
        let real = "The end date must be a real date".to_string();
        assert_eq!(
            problem("1", "13", "2027"),
            Some((real.clone(), [false, true, false]))
        );
        assert_eq!(
            problem("0", "0", "2027"),
            Some((real.clone(), [true, true, false]))
        );
        assert_eq!(
            problem("32", "1", "2027"),
            Some((real.clone(), [true, false, false]))
        );
        assert_eq!(
            problem("+1", "1", "2027"),
            Some((real.clone(), [true, false, false]))
        );
        assert_eq!(
            problem("x", "1", "99"),
            Some((real.clone(), [true, false, true]))
        );
        assert_eq!(
            problem("31", "4", "2027"),
            Some((real.clone(), [true, false, false]))
        );
        assert_eq!(problem("29", "2", "2028"), None);
        assert_eq!(problem("1", "12", "2200"), None);
        assert_eq!(problem("1", "1", "1900"), None);
        assert_eq!(
            problem("31", "12", "2201"),
            Some((real.clone(), [false, false, true]))
        );
        assert_eq!(
            problem("31", "12", "1899"),
            Some((real, [false, false, true]))
        );
    }

    #[test]
    fn leap_years_follow_the_gregorian_rule() {
        // Rule: 29 February exists in years divisible by 4, except centuries not divisible by
        // 400 (2000 and 2024 are leap years; 1900, 2100 and 2027 are not).
        assert!(Day::new(2000, 2, 29).is_some());
        assert!(Day::new(2024, 2, 29).is_some());
        assert!(Day::new(2028, 2, 29).is_some());
        assert!(Day::new(1900, 2, 29).is_none());
        assert!(Day::new(2100, 2, 29).is_none());
        assert!(Day::new(2027, 2, 29).is_none());
        assert!(Day::new(2100, 2, 28).is_some());
    }

    #[test]
    fn days_exist_only_within_their_month_and_the_supported_years() {
        // Rule: day 1 to the month's length, months 1 to 12, years 1900 to 2200.
        assert!(Day::new(2027, 1, 31).is_some());
        assert!(Day::new(2027, 12, 31).is_some());
        assert!(Day::new(2027, 6, 30).is_some());
        assert!(Day::new(2027, 6, 31).is_none());
        assert!(Day::new(2027, 9, 31).is_none());
        assert!(Day::new(2027, 11, 31).is_none());
        assert!(Day::new(2027, 1, 0).is_none());
        assert!(Day::new(2027, 0, 1).is_none());
        assert!(Day::new(2027, 13, 1).is_none());
        assert!(Day::new(1900, 1, 1).is_some());
        assert!(Day::new(1899, 12, 31).is_none());
        assert!(Day::new(2200, 12, 31).is_some());
        assert!(Day::new(2201, 1, 1).is_none());
        assert_eq!(
            Day::new(2027, 3, 27).map(Day::label).as_deref(),
            Some("27 March 2027")
        );
    }

    #[test]
    fn a_description_may_run_over_lines_but_keeps_the_text_rules() {
        // Rule: the description may span lines (it is free text then), still within 500
        // characters and without control characters; an empty one has its own message.
        let walk = form("Walk to the shops\nand back", "", "", "")
            .check()
            .unwrap();
        assert_eq!(walk.description, "Walk to the shops\nand back");
        assert_eq!(
            fields(form(&format!("a\n{}", "a".repeat(499)), "", "", "")),
            ["description"]
        );
        assert_eq!(fields(form("a\n\u{0}", "", "", "")), ["description"]);
        assert_eq!(
            messages(form(" ", "", "", "")),
            ["Enter what you want to be able to do"]
        );
    }

    #[test]
    fn how_it_is_going_may_be_left_unset() {
        // Rule: an empty achievement is no achievement, not an unknown one.
        let mut f = form("Walk", "", "", "");
        f.achievement = String::new();
        assert_eq!(f.check().unwrap().achievement, None);
        f.lifecycle = String::new();
        assert_eq!(messages(f), ["Select where this goal is"]);
    }

    #[test]
    fn every_changed_field_is_named_and_a_goal_reads_as_lines() {
        // Rule: each of the five fields is compared, and removals are said as removals.
        let mut before = form("Walk", "3", "6", "2027").check().unwrap();
        before.why = Some("To see people".into());
        let after = Goal {
            description: "Walk further".into(),
            why: None,
            target: None,
            lifecycle: Lifecycle::OnHold,
            achievement: None,
        };
        assert_eq!(
            changes(&before, &after),
            [
                "What I want to be able to do: now “Walk further”",
                "Why it matters: removed",
                "Target date: removed",
                "Where this goal is: Active → On hold",
                "How it is going: In progress → not set",
            ]
        );
        assert_eq!(
            changes(&after, &before)[1],
            "Why it matters: now “To see people”"
        );
        assert_eq!(
            before.lines(),
            [
                "What I want to be able to do: Walk",
                "Why it matters: To see people",
                "Target date: 3 June 2027",
                "Where this goal is: Active",
                "How it is going: In progress",
            ]
        );
        assert_eq!(
            after.lines(),
            [
                "What I want to be able to do: Walk further",
                "Where this goal is: On hold",
            ]
        );
    }

    #[test]
    fn notes_refuse_control_characters_and_keys_are_exactly_sixteen_digits() {
        // Rule: a note follows the text rules; a goal key is 16 lower-case hex digits.
        assert_eq!(check_note("a\u{0}").err().unwrap()[0].field, "note");
        assert_eq!(
            check_note(" ").err().unwrap()[0].message,
            "Write the note before saving it"
        );
        assert!(!valid_key("0123456789abcde"));
        assert!(!valid_key("0123456789abcdef0"));
        assert!(!valid_key("0123456789abcdeg"));
    }
}
