//! People as Hive shows them.

use super::ids::{PersonId, TeamId};
use super::role::Role;
use super::text::{TextError, name_line};
use serde::{Deserialize, Serialize};
use std::fmt;

/// The most a display name may hold, in characters.
pub const MAX_NAME_CHARS: usize = 100;

/// A person's name as they want to be addressed; never empty, one line.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DisplayName(String);

impl DisplayName {
    pub fn parse(input: &str) -> Result<DisplayName, TextError> {
        name_line(input, MAX_NAME_CHARS).map(DisplayName)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Who is signed in, as the pages need it: no health data, nothing secret.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignedIn {
    pub person: PersonId,
    pub name: String,
    pub role: Role,
    pub team: Option<String>,
    pub neighbourhood: Option<String>,
    /// Signed in below the identity level records need: only the restricted page is open.
    pub restricted: bool,
    /// Acting as someone's carer: every page is theirs, with a banner saying so.
    pub acting_for: Option<super::carers::ActingFor>,
    /// Was acting for someone whose permission has since ended or been revoked.
    pub acting_ended: bool,
}

/// An area's home page: who is signed in, the last save's confirmation, and for a resident the
/// head of their record.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HomeScreen {
    pub person: SignedIn,
    pub notice: Option<crate::form::Notice>,
    pub record: Option<crate::record::RecordHead>,
}

/// A person offered on the demo sign-in page.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DemoPerson {
    pub id: PersonId,
    pub name: String,
    pub role: Role,
    pub team: Option<String>,
    pub description: String,
}

/// A person to be created: the demo seed now, sign-in and the staff directory later.
#[derive(Clone)]
pub struct NewPerson {
    pub name: DisplayName,
    pub role: Role,
    pub team: Option<TeamId>,
    pub home_ward: Option<super::ids::WardId>,
    /// Stable key of a demo person, so seeding twice finds them again.
    pub demo_key: Option<String>,
    pub demo_description: Option<String>,
}

// Debug output can end up in logs and panic messages: it names the record and role, never the
// person.
impl fmt::Debug for DisplayName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("DisplayName(<redacted>)")
    }
}

impl fmt::Debug for SignedIn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SignedIn")
            .field("person", &self.person)
            .field("role", &self.role)
            .finish_non_exhaustive()
    }
}

impl fmt::Debug for DemoPerson {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DemoPerson")
            .field("id", &self.id)
            .field("role", &self.role)
            .finish_non_exhaustive()
    }
}

impl fmt::Debug for NewPerson {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("NewPerson")
            .field("role", &self.role)
            .field("team", &self.team)
            .finish_non_exhaustive()
    }
}

/// A session nobody has used for this long has expired (the pages warn five minutes before).
pub const IDLE_LIFETIME_SECS: i64 = 30 * 60;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_is_kept_as_typed_without_the_spaces_around_it() {
        let name = DisplayName::parse("  Amira Khan ").unwrap();
        assert_eq!(name.as_str(), "Amira Khan");
        assert!(DisplayName::parse("   ").is_err());
    }

    #[test]
    fn debug_output_never_shows_the_name() {
        let name = DisplayName::parse("Amira Khan").unwrap();
        assert!(!format!("{name:?}").contains("Amira"));
        let signed_in = SignedIn {
            person: PersonId(7),
            name: "Amira Khan".into(),
            role: Role::Resident,
            team: None,
            neighbourhood: Some("Cheetham".into()),
            restricted: false,
            acting_for: None,
            acting_ended: false,
        };
        let debug = format!("{signed_in:?}");
        assert!(
            !debug.contains("Amira") && !debug.contains("Cheetham"),
            "{debug}"
        );
        assert!(debug.contains("Resident"), "{debug}");
    }

    #[test]
    fn names_are_trimmed() {
        assert_eq!(
            DisplayName::parse("  Amira Khan ").map(|n| n.0),
            Ok("Amira Khan".into())
        );
    }

    #[test]
    fn whitespace_only_names_are_rejected() {
        assert_eq!(DisplayName::parse(" \t "), Err(TextError::Missing));
    }

    #[test]
    fn names_may_not_span_lines() {
        assert_eq!(DisplayName::parse("Amira\nKhan"), Err(TextError::LineBreak));
    }

    #[test]
    fn a_hundred_character_name_is_accepted_and_one_more_is_not() {
        assert!(DisplayName::parse(&"é".repeat(100)).is_ok());
        assert_eq!(
            DisplayName::parse(&"é".repeat(101)),
            Err(TextError::TooLong { max: 100 })
        );
    }

    #[test]
    fn names_refuse_direction_overrides_and_zero_width_characters() {
        for bad in [
            "Amira\u{202E}nahK",
            "Amira\u{2067}Khan\u{2069}",
            "Ami\u{200B}ra Khan",
            "\u{FEFF}Amira Khan",
            "Amira\u{200F} Khan",
            "Amira\u{200D}Khan",
            "\u{200C}Amira",
        ] {
            assert_eq!(
                DisplayName::parse(bad),
                Err(TextError::InvisibleCharacter),
                "{bad:?}"
            );
        }
        // Between letters of a script that needs it, a non-joiner is part of the name.
        assert!(DisplayName::parse("\u{0645}\u{06CC}\u{200C}\u{0634}\u{0648}\u{062F}").is_ok());
    }
}
