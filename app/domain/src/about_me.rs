//! About Me, the PRSB standard's seven sections in the resident's own words. Each section is
//! versioned: every save adds a version, nothing is overwritten.

use super::ids::PersonId;
use super::text::{TextError, free_text};
use crate::error::FieldError;
use serde::{Deserialize, Serialize};
use std::fmt;

/// The most one section may hold, in characters (said on screen).
pub const MAX_SECTION_CHARS: usize = 5_000;
/// The most a supporter's name or relationship may hold.
pub const MAX_SUPPORTER_CHARS: usize = 100;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Section {
    MostImportant,
    ImportantPeople,
    Communication,
    Wellness,
    DoAndDont,
    Support,
    AlsoWorthKnowing,
}

/// Where a section goes on the hospital-passport summary.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Passport {
    /// Red: things you must know about me.
    MustKnow,
    /// Amber: things that are important to me.
    ImportantToMe,
    /// Green: my likes and dislikes.
    LikesAndDislikes,
}

impl Section {
    /// In the standard's order.
    pub const ALL: [Section; 7] = [
        Section::MostImportant,
        Section::ImportantPeople,
        Section::Communication,
        Section::Wellness,
        Section::DoAndDont,
        Section::Support,
        Section::AlsoWorthKnowing,
    ];

    /// Stored, and used in addresses: `/my/about-me/{code}`.
    pub fn code(self) -> &'static str {
        match self {
            Section::MostImportant => "most-important",
            Section::ImportantPeople => "important-people",
            Section::Communication => "communication",
            Section::Wellness => "wellness",
            Section::DoAndDont => "do-and-dont",
            Section::Support => "support",
            Section::AlsoWorthKnowing => "also-worth-knowing",
        }
    }

    pub fn parse(code: &str) -> Option<Section> {
        Section::ALL.into_iter().find(|s| s.code() == code)
    }

    pub fn title(self) -> &'static str {
        match self {
            Section::MostImportant => "What is most important to me",
            Section::ImportantPeople => "People who are important to me",
            Section::Communication => "How I communicate and how to communicate with me",
            Section::Wellness => "My wellness",
            Section::DoAndDont => "Please do and please don't",
            Section::Support => "How and when to support me",
            Section::AlsoWorthKnowing => "Also worth knowing about me",
        }
    }

    /// Questions to help the person write, shown under the heading.
    pub fn prompts(self) -> &'static [&'static str] {
        match self {
            Section::MostImportant => &[
                "What matters most to you in your life right now?",
                "What would you want anyone caring for you to know first?",
            ],
            Section::ImportantPeople => &[
                "Who are the people you are close to: family, friends, neighbours, pets?",
                "Who should we contact, and who helps you day to day?",
            ],
            Section::Communication => &[
                "How do you like people to talk with you?",
                "Do you use a hearing aid, glasses, sign language or another language?",
                "How can people tell if you are worried, in pain or unhappy?",
            ],
            Section::Wellness => &[
                "What keeps you well, and what makes you unwell?",
                "Any health conditions, allergies or medicines people should know about?",
            ],
            Section::DoAndDont => &[
                "What should people always do when they support you?",
                "What should they never do?",
            ],
            Section::Support => &[
                "What help do you need, and at what times of day?",
                "What can you do for yourself, and how do you like to do it?",
            ],
            Section::AlsoWorthKnowing => &[
                "Your interests, your routines, your faith or culture, your food and drink.",
                "Anything else you would like people to know.",
            ],
        }
    }

    pub fn passport(self) -> Passport {
        match self {
            Section::Communication | Section::Wellness | Section::DoAndDont => Passport::MustKnow,
            Section::MostImportant | Section::ImportantPeople | Section::Support => {
                Passport::ImportantToMe
            }
            Section::AlsoWorthKnowing => Passport::LikesAndDislikes,
        }
    }
}

/// The section form as typed. `base` is the version the person started from.
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SectionForm {
    pub text: String,
    pub supported_by_name: String,
    pub supported_by_relationship: String,
    pub base: String,
}

impl crate::form::Form for SectionForm {
    const ID: &'static str = "about-me";
}

impl fmt::Debug for SectionForm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SectionForm")
            .field("base", &self.base)
            .finish_non_exhaustive()
    }
}

/// A checked section edit, ready to be stored as the version after `base`.
#[derive(Clone, PartialEq, Eq)]
pub struct SectionEdit {
    /// Empty when the person cleared the section.
    pub text: String,
    pub supported_by: Option<Supporter>,
    /// The version the edit started from; 0 for a section never written.
    pub base: i64,
}

impl fmt::Debug for SectionEdit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SectionEdit")
            .field("base", &self.base)
            .finish_non_exhaustive()
    }
}

/// Someone who helped the resident write, e.g. "Lin Walsh, daughter".
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Supporter {
    pub name: String,
    pub relationship: String,
}

impl fmt::Debug for Supporter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Supporter(<redacted>)")
    }
}

impl SectionForm {
    pub fn check(&self) -> Result<SectionEdit, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut fail = |field: &str, message: String| {
            errors.push(FieldError {
                field: field.into(),
                message,
            })
        };
        let text = match free_text(&self.text, MAX_SECTION_CHARS) {
            Ok(text) => text.unwrap_or_default(),
            Err(TextError::TooLong { max }) => {
                fail(
                    "text",
                    format!(
                        "Use {max} characters or fewer: this has {}",
                        self.text.chars().count()
                    ),
                );
                String::new()
            }
            Err(other) => {
                fail("text", other.to_string());
                String::new()
            }
        };
        let line = |input: &str| -> Result<Option<String>, TextError> {
            if input.contains(['\n', '\r']) {
                return Err(TextError::LineBreak);
            }
            free_text(input, MAX_SUPPORTER_CHARS)
        };
        let name = line(&self.supported_by_name);
        let relationship = line(&self.supported_by_relationship);
        if let Err(e) = &name {
            fail("supported_by_name", format!("Name: {e}"));
        }
        if let Err(e) = &relationship {
            fail("supported_by_relationship", format!("Relationship: {e}"));
        }
        let supported_by = match (name, relationship) {
            (Err(_), _) | (_, Err(_)) => None,
            (Ok(Some(name)), Ok(Some(relationship))) => Some(Supporter { name, relationship }),
            (Ok(None), Ok(None)) => None,
            (Ok(Some(_)), Ok(None)) => {
                fail(
                    "supported_by_relationship",
                    "Say how they know you, for example daughter or support worker".into(),
                );
                None
            }
            (Ok(None), Ok(Some(_))) => {
                fail(
                    "supported_by_name",
                    "Enter the name of the person who helped".into(),
                );
                None
            }
        };
        let base = match self.base.trim().parse::<i64>() {
            Ok(base) if base >= 0 => base,
            _ => {
                fail(
                    "text",
                    "The form could not be read. Reload the page and try again.".into(),
                );
                0
            }
        };
        if errors.is_empty() {
            Ok(SectionEdit {
                text,
                supported_by,
                base,
            })
        } else {
            Err(errors)
        }
    }
}

/// A section as stored (the JSON body of a `PartKind::AboutMe` version). Renaming a field here
/// would orphan every stored version: the pinned example in `domain::record` guards it.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SectionBody {
    /// Empty when the person cleared the section.
    pub text: String,
    pub supported_by: Option<Supporter>,
}

impl fmt::Debug for SectionBody {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SectionBody(<redacted>)")
    }
}

impl SectionEdit {
    pub fn body(&self) -> SectionBody {
        SectionBody {
            text: self.text.clone(),
            supported_by: self.supported_by.clone(),
        }
    }
}

/// One version of one section, as pages show it.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SectionVersion {
    pub section: Section,
    pub version: i64,
    pub text: String,
    pub supported_by: Option<Supporter>,
    pub author: PersonId,
    pub author_name: String,
    /// The resident the version is about (the author, unless a carer wrote it for them).
    pub acting_for: PersonId,
    /// Unix milliseconds.
    pub created_at: i64,
}

impl fmt::Debug for SectionVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SectionVersion")
            .field("section", &self.section)
            .field("version", &self.version)
            .finish_non_exhaustive()
    }
}

/// A section as the overview and edit pages show it: its latest version, if any.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SectionNow {
    pub section: Section,
    pub latest: Option<SectionVersion>,
    /// The team's newest acknowledgement of the section, if any.
    #[serde(default)]
    pub read: Option<crate::review::Ack>,
    /// The conversation with the team about the section (on the section's page).
    #[serde(default)]
    pub conversation: Option<crate::review::ConversationScreen>,
}

impl SectionNow {
    pub fn version(&self) -> i64 {
        self.latest.as_ref().map_or(0, |v| v.version)
    }

    /// The section's form filled in with what is saved now.
    pub fn form(&self) -> SectionForm {
        let latest = self.latest.as_ref();
        let supporter = latest.and_then(|v| v.supported_by.as_ref());
        SectionForm {
            text: latest.map(|v| v.text.clone()).unwrap_or_default(),
            supported_by_name: supporter.map(|s| s.name.clone()).unwrap_or_default(),
            supported_by_relationship: supporter
                .map(|s| s.relationship.clone())
                .unwrap_or_default(),
            base: self.version().to_string(),
        }
    }
}

/// A line of a comparison between two versions.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum DiffLine {
    Same(String),
    Removed(String),
    Added(String),
}

/// The most lines-by-lines a comparison may involve; past it, the old text is shown removed and
/// the new added, rather than spending the time (a section of 5,000 one-character lines).
const MAX_DIFF_CELLS: usize = 250_000;

/// What changed from `old` to `new`, line by line (Myers' diff, from the `similar` crate).
pub fn diff_lines(old: &str, new: &str) -> Vec<DiffLine> {
    let lines = |text: &str| -> Vec<String> {
        if text.is_empty() {
            Vec::new()
        } else {
            text.split('\n').map(String::from).collect()
        }
    };
    let (a, b) = (lines(old), lines(new));
    if a.len().saturating_mul(b.len()) > MAX_DIFF_CELLS {
        let mut out: Vec<DiffLine> = a.into_iter().map(DiffLine::Removed).collect();
        out.extend(b.into_iter().map(DiffLine::Added));
        return out;
    }
    similar::capture_diff_slices(similar::Algorithm::Myers, &a, &b)
        .iter()
        .flat_map(|op| op.iter_changes(&a, &b))
        .map(|change| {
            let line = change.value().clone();
            match change.tag() {
                similar::ChangeTag::Equal => DiffLine::Same(line),
                similar::ChangeTag::Delete => DiffLine::Removed(line),
                similar::ChangeTag::Insert => DiffLine::Added(line),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(text: &str, name: &str, relationship: &str, base: &str) -> SectionForm {
        SectionForm {
            text: text.into(),
            supported_by_name: name.into(),
            supported_by_relationship: relationship.into(),
            base: base.into(),
        }
    }

    fn fields(form: SectionForm) -> Vec<String> {
        form.check()
            .err()
            .unwrap_or_default()
            .into_iter()
            .map(|e| e.field)
            .collect()
    }

    #[test]
    fn every_code_parses_back_and_the_order_is_the_standards() {
        for section in Section::ALL {
            assert_eq!(Section::parse(section.code()), Some(section));
        }
        assert_eq!(Section::ALL[0].title(), "What is most important to me");
        assert_eq!(Section::ALL[6].title(), "Also worth knowing about me");
        assert_eq!(Section::parse("Wellness"), None);
    }

    #[test]
    fn every_section_asks_its_own_questions() {
        let mut seen = std::collections::BTreeSet::new();
        for section in Section::ALL {
            let prompts = section.prompts();
            assert!(prompts.len() >= 2, "{section:?}");
            for prompt in prompts {
                assert!(
                    prompt.len() > 10 && prompt.ends_with(['?', '.']),
                    "{prompt:?}"
                );
                assert!(seen.insert(*prompt), "asked twice: {prompt}");
            }
        }
        assert!(Section::Communication.prompts()[1].contains("hearing aid"));
    }

    #[test]
    fn a_section_may_be_cleared_but_not_overfilled() {
        assert_eq!(form("  ", "", "", "3").check().unwrap().text, "");
        assert!(
            form(&"a".repeat(MAX_SECTION_CHARS), "", "", "0")
                .check()
                .is_ok()
        );
        let too_long = form(&"a".repeat(MAX_SECTION_CHARS + 1), "", "", "0")
            .check()
            .unwrap_err();
        assert_eq!(
            too_long[0].message,
            "Use 5000 characters or fewer: this has 5001"
        );
    }

    #[test]
    fn control_characters_are_refused_and_text_is_stored_as_nfc() {
        assert_eq!(fields(form("a\0b", "", "", "0")), ["text"]);
        assert_eq!(
            form("Cafe\u{301}\r\nok", "", "", "0").check().unwrap().text,
            "Caf\u{e9}\nok"
        );
    }

    #[test]
    fn a_supporter_needs_both_name_and_relationship() {
        assert_eq!(
            fields(form("x", "Lin Walsh", "", "0")),
            ["supported_by_relationship"]
        );
        assert_eq!(
            fields(form("x", "", "daughter", "0")),
            ["supported_by_name"]
        );
        let ok = form("x", "Lin Walsh", "daughter", "0").check().unwrap();
        assert_eq!(ok.supported_by.unwrap().relationship, "daughter");
        assert_eq!(
            fields(form("x", "Lin\nWalsh", "daughter", "0")),
            ["supported_by_name"]
        );
    }

    #[test]
    fn the_base_version_must_be_a_version() {
        assert_eq!(fields(form("x", "", "", "-1")), ["text"]);
        assert_eq!(fields(form("x", "", "", "two")), ["text"]);
        assert_eq!(form("x", "", "", "2").check().unwrap().base, 2);
    }

    #[test]
    fn markup_is_kept_as_text() {
        let payload = "</textarea><script>alert(1)</script>";
        assert_eq!(form(payload, "", "", "0").check().unwrap().text, payload);
    }

    #[test]
    fn the_comparison_shows_removed_and_added_lines() {
        use DiffLine::*;
        assert_eq!(
            diff_lines("tea\nwalks\nradio", "tea\ngardening\nradio"),
            vec![
                Same("tea".into()),
                Removed("walks".into()),
                Added("gardening".into()),
                Same("radio".into())
            ]
        );
        assert_eq!(diff_lines("", "new"), vec![Added("new".into())]);
        assert_eq!(diff_lines("old", ""), vec![Removed("old".into())]);
    }

    #[test]
    fn a_huge_comparison_falls_back_to_old_and_new_in_full() {
        let old = "a\n".repeat(2_500);
        let new = "b\n".repeat(2_500);
        let lines = diff_lines(&old, &new);
        assert_eq!(lines.len(), 2 * 2_501);
        assert!(matches!(lines[0], DiffLine::Removed(_)));
    }

    #[test]
    fn every_section_has_a_place_on_the_passport() {
        let must_know = Section::ALL
            .iter()
            .filter(|s| s.passport() == Passport::MustKnow)
            .count();
        assert_eq!(must_know, 3);
    }

    #[test]
    fn a_comparison_keeps_unchanged_lines_between_additions_and_removals() {
        // Rule: the diff lists every line once, in order: unchanged, removed, added.
        use DiffLine::*;
        assert_eq!(
            diff_lines(
                "tea\nwalks\nradio\ngarden",
                "coffee\ntea\nradio\ngarden\nfriends"
            ),
            vec![
                Added("coffee".into()),
                Same("tea".into()),
                Removed("walks".into()),
                Same("radio".into()),
                Same("garden".into()),
                Added("friends".into()),
            ]
        );
        assert_eq!(diff_lines("same", "same"), vec![Same("same".into())]);
        assert_eq!(diff_lines("", ""), Vec::<DiffLine>::new());
    }

    #[test]
    fn the_fallback_starts_just_past_the_limit() {
        // Rule: up to MAX_DIFF_CELLS (lines of old times lines of new) the real diff is shown;
        // only past it is the old text shown removed and the new added.
        let lines: Vec<String> = (0..500).map(|i| format!("line {i}")).collect();
        let text = lines.join("\n");
        // 500 × 500 = 250,000: exactly the limit, so diffed.
        let same = diff_lines(&text, &text);
        assert_eq!(same.len(), 500);
        assert!(same.iter().all(|l| matches!(l, DiffLine::Same(_))));
        // 500 × 501 = 250,500: past it.
        let longer = format!("{text}\nline 500");
        let fallback = diff_lines(&text, &longer);
        assert_eq!(fallback.len(), 500 + 501);
        assert_eq!(fallback[0], DiffLine::Removed("line 0".into()));
        assert_eq!(fallback[500], DiffLine::Added("line 0".into()));
        assert_eq!(fallback[1_000], DiffLine::Added("line 500".into()));
    }

    fn version(number: i64, supported_by: Option<Supporter>) -> SectionVersion {
        SectionVersion {
            section: Section::Wellness,
            version: number,
            text: "I walk daily.".into(),
            supported_by,
            author: PersonId(1),
            author_name: "George Walsh".into(),
            acting_for: PersonId(1),
            created_at: 0,
        }
    }

    #[test]
    fn an_edit_starts_from_the_version_saved_now() {
        // Rule: the form's base is the latest version (0 for a section never written), so a
        // save made meanwhile is noticed; its text and supporter are what is saved.
        let written = SectionNow {
            section: Section::Wellness,
            latest: Some(version(
                3,
                Some(Supporter {
                    name: "Lin Walsh".into(),
                    relationship: "daughter".into(),
                }),
            )),
            read: None,
            conversation: None,
        };
        assert_eq!(written.version(), 3);
        let form = written.form();
        assert_eq!(form.base, "3");
        assert_eq!(form.text, "I walk daily.");
        assert_eq!(
            (
                form.supported_by_name.as_str(),
                form.supported_by_relationship.as_str()
            ),
            ("Lin Walsh", "daughter")
        );
        assert_eq!(form.check().unwrap().base, 3);
        let unwritten = SectionNow {
            latest: None,
            ..written
        };
        assert_eq!(unwritten.version(), 0);
        assert_eq!(unwritten.form().base, "0");
        assert_eq!(unwritten.form().text, "");
        let unsupported = SectionNow {
            latest: Some(version(1, None)),
            ..unwritten
        };
        assert_eq!(unsupported.form().supported_by_name, "");
    }

    #[test]
    fn a_supporter_relationship_is_one_line_and_the_edit_becomes_the_body() {
        // Rule: the relationship is one line too; what is stored is the text and supporter.
        assert_eq!(
            fields(form("x", "Lin", "daugh\nter", "0")),
            ["supported_by_relationship"]
        );
        let edit = form("x", "Lin", "daughter", "1").check().unwrap();
        let body = edit.body();
        assert_eq!(body.text, "x");
        assert_eq!(body.supported_by.map(|s| s.name), Some("Lin".to_string()));
    }
}
