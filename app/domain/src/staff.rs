//! The staff directory: who may sign in through a staff identity provider, in which role and
//! team. An admin adds people here first; a staff sign-in claims the entry by email.

use super::ids::{PersonId, TeamId};
use super::person::DisplayName;
use super::role::Role;
use super::text::{TextError, single_line};
use crate::error::FieldError;
use serde::{Deserialize, Serialize};
use std::fmt;

/// The longest email address accepted (RFC 5321's path limit).
pub const MAX_EMAIL_CHARS: usize = 254;

/// A work email address, compared and stored in lower case.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Email(String);

impl Email {
    pub fn parse(input: &str) -> Result<Email, TextError> {
        let value = single_line(input, MAX_EMAIL_CHARS)?.to_lowercase();
        let mut parts = value.split('@');
        let valid = matches!(
            (parts.next(), parts.next(), parts.next()),
            (Some(local), Some(domain), None)
                if !local.is_empty()
                    && domain.contains('.')
                    && !domain.starts_with('.')
                    && !domain.ends_with('.')
                    && !value.contains(char::is_whitespace)
        );
        if valid {
            Ok(Email(value))
        } else {
            Err(TextError::BadEmail)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Email(<redacted>)")
    }
}

/// The roles an admin can give in the directory.
pub const STAFF_ROLES: [Role; 4] = [
    Role::Practitioner,
    Role::TeamLead,
    Role::EngagementOfficer,
    Role::Admin,
];

/// The directory form as typed, before it is checked. Field names are the inputs' ids.
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct StaffForm {
    pub name: String,
    pub email: String,
    pub role: String,
    /// A team id, or empty for roles without a team.
    pub team: String,
}

impl crate::form::Form for StaffForm {
    const ID: &'static str = "staff";
}

/// Removing someone from the directory has no fields.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RemoveStaffForm {}

impl crate::form::Form for RemoveStaffForm {
    const ID: &'static str = "staff-remove";
}

/// The page that changes one entry: the entry, the teams to choose from, the last save's
/// confirmation, and a failed change or removal to show again.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct StaffMemberScreen {
    pub entry: StaffEntry,
    pub places: Vec<crate::place::Neighbourhood>,
    pub change: Option<crate::form::Kept<StaffForm>>,
    pub remove: Option<crate::form::Kept<RemoveStaffForm>>,
}

impl fmt::Debug for StaffForm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("StaffForm")
            .field("role", &self.role)
            .finish_non_exhaustive()
    }
}

/// A directory entry that passed every check that needs no database (the team's existence and
/// the email's uniqueness are the store's to confirm).
#[derive(Clone, PartialEq, Eq)]
pub struct NewStaff {
    pub name: DisplayName,
    pub email: Email,
    pub role: Role,
    pub team: Option<TeamId>,
}

impl fmt::Debug for NewStaff {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("NewStaff")
            .field("role", &self.role)
            .field("team", &self.team)
            .finish_non_exhaustive()
    }
}

impl StaffForm {
    /// Every problem at once, in the order the fields appear on the page.
    pub fn check(&self) -> Result<NewStaff, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut fail = |field: &str, message: String| {
            errors.push(FieldError {
                field: field.to_string(),
                message,
            })
        };
        let name = DisplayName::parse(&self.name)
            .map_err(|e| match e {
                TextError::Missing => fail("name", "Enter the person's full name".into()),
                other => fail("name", format!("Full name: {other}")),
            })
            .ok();
        let email = Email::parse(&self.email)
            .map_err(|e| match e {
                TextError::Missing => fail("email", "Enter their work email address".into()),
                TextError::BadEmail => fail(
                    "email",
                    "Enter an email address in the correct format, like name@nhs.net".into(),
                ),
                other => fail("email", format!("Email: {other}")),
            })
            .ok();
        let role = Role::parse(&self.role).filter(|r| STAFF_ROLES.contains(r));
        if role.is_none() {
            fail("role", "Select a role".into());
        }
        let team = match self.team.trim() {
            "" => None,
            id => match id.parse::<i64>() {
                Ok(id) if id > 0 => Some(TeamId(id)),
                _ => {
                    fail("team", "Select a team from the list".into());
                    None
                }
            },
        };
        if let Some(role) = role {
            if role.needs_team() && team.is_none() && self.team.trim().is_empty() {
                fail(
                    "team",
                    format!("Select the team a {} works in", role.label().to_lowercase()),
                );
            }
            if !role.needs_team() && team.is_some() {
                fail(
                    "team",
                    format!(
                        "An {} does not belong to a team: choose \"No team\"",
                        role.label().to_lowercase()
                    ),
                );
            }
        }
        match (name, email, role) {
            (Some(name), Some(email), Some(role)) if errors.is_empty() => Ok(NewStaff {
                name,
                email,
                role,
                team,
            }),
            _ => Err(errors),
        }
    }
}

/// Whether a directory entry has been claimed by a sign-in yet.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum StaffStatus {
    /// Added by an admin; nobody has signed in with this email yet.
    Pending,
    /// Signed in at least once.
    Active,
}

/// One line of the directory.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffEntry {
    pub id: PersonId,
    pub name: String,
    pub email: String,
    pub role: Role,
    pub team: Option<TeamId>,
    pub team_name: Option<String>,
    pub status: StaffStatus,
}

/// `/admin/staff`: the directory, or the part of it a search finds.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Directory {
    pub entries: Vec<StaffEntry>,
    /// Everyone in the directory, found or not.
    pub total: usize,
    /// The search as it was used (trimmed, at most `MAX_SEARCH_CHARS`), and the role's code
    /// ("" for any).
    pub search: String,
    pub role: String,
}

/// The longest directory search used; the rest of a longer one is ignored.
pub const MAX_SEARCH_CHARS: usize = 100;

impl Directory {
    /// Those of `entries` whose name or email holds `search` (any case; "" finds everyone) and
    /// who have `role` (a staff role's code; anything else is no filter).
    pub fn find(entries: Vec<StaffEntry>, search: &str, role: &str) -> Directory {
        let search: String = search.trim().chars().take(MAX_SEARCH_CHARS).collect();
        let wanted = search.to_lowercase();
        let role = Role::parse(role).filter(|r| STAFF_ROLES.contains(r));
        let total = entries.len();
        let entries = entries
            .into_iter()
            .filter(|e| role.is_none_or(|r| e.role == r))
            .filter(|e| {
                wanted.is_empty()
                    || e.name.to_lowercase().contains(&wanted)
                    || e.email.to_lowercase().contains(&wanted)
            })
            .collect();
        Directory {
            entries,
            total,
            search,
            role: role.map(|r| r.code().to_string()).unwrap_or_default(),
        }
    }
}

impl fmt::Debug for StaffEntry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("StaffEntry")
            .field("id", &self.id)
            .field("role", &self.role)
            .field("status", &self.status)
            .finish_non_exhaustive()
    }
}

impl StaffEntry {
    /// The entry as its edit form starts.
    pub fn form(&self) -> StaffForm {
        StaffForm {
            name: self.name.clone(),
            email: self.email.clone(),
            role: self.role.code().to_string(),
            team: self.team.map(|t| t.0.to_string()).unwrap_or_default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_entry_opens_its_edit_form_with_what_is_saved() {
        let entry = StaffEntry {
            id: PersonId(4),
            name: "Priya Shah".into(),
            email: "priya.shah@example.nhs.uk".into(),
            role: Role::TeamLead,
            team: Some(TeamId(3)),
            team_name: Some("Chorlton".into()),
            status: StaffStatus::Active,
        };
        let form = entry.form();
        assert_eq!(
            form,
            StaffForm {
                name: "Priya Shah".into(),
                email: "priya.shah@example.nhs.uk".into(),
                role: "team_lead".into(),
                team: "3".into(),
            }
        );
        let saved = form.check().unwrap();
        assert_eq!((saved.role, saved.team), (Role::TeamLead, Some(TeamId(3))));
    }

    #[test]
    fn the_directory_is_searched_by_part_of_a_name_or_email_in_any_case_and_by_role() {
        let entry = |id: i64, name: &str, email: &str, role: Role| StaffEntry {
            id: PersonId(id),
            name: name.into(),
            email: email.into(),
            role,
            team: None,
            team_name: None,
            status: StaffStatus::Active,
        };
        let everyone = vec![
            entry(1, "Priya Shah", "priya.shah@nhs.example", Role::TeamLead),
            entry(2, "Sam Okafor", "s.okafor@nhs.example", Role::Practitioner),
            entry(3, "Ruth Adeyemi", "ruth@council.example", Role::Admin),
        ];
        let found = |search: &str, role: &str| -> Vec<i64> {
            Directory::find(everyone.clone(), search, role)
                .entries
                .iter()
                .map(|e| e.id.0)
                .collect()
        };
        assert_eq!(found("", ""), [1, 2, 3]);
        assert_eq!(found("  SHAH ", ""), [1], "any case, spaces around ignored");
        assert_eq!(found("okafor@", ""), [2], "part of an email");
        assert_eq!(found("nhs.example", "admin"), Vec::<i64>::new());
        assert_eq!(found("", "admin"), [3]);
        assert_eq!(
            found("", "resident"),
            [1, 2, 3],
            "not a staff role: no filter"
        );
        assert_eq!(found("", "nonsense"), [1, 2, 3]);
        let directory = Directory::find(everyone.clone(), &"a".repeat(500), "team_lead");
        assert_eq!(directory.total, 3);
        assert_eq!(directory.search.len(), MAX_SEARCH_CHARS);
        assert_eq!(directory.role, "team_lead");
        assert_eq!(Directory::find(everyone.clone(), "", "resident").role, "");
    }

    fn form(name: &str, email: &str, role: &str, team: &str) -> StaffForm {
        StaffForm {
            name: name.into(),
            email: email.into(),
            role: role.into(),
            team: team.into(),
        }
    }

    fn fields(result: Result<NewStaff, Vec<FieldError>>) -> Vec<String> {
        result
            .err()
            .unwrap_or_default()
            .into_iter()
            .map(|e| e.field)
            .collect()
    }

    #[test]
    fn emails_are_lower_cased_and_trimmed() {
        assert_eq!(
            Email::parse("  Sam.Okafor@NHS.net ").map(|e| e.0),
            Ok("sam.okafor@nhs.net".into())
        );
    }

    #[test]
    fn malformed_emails_are_refused() {
        for bad in [
            "sam",
            "sam@",
            "@nhs.net",
            "sam@nhs",
            "sam@@nhs.net",
            "sam @nhs.net",
            "a@.net",
        ] {
            assert_eq!(Email::parse(bad), Err(TextError::BadEmail), "{bad}");
        }
        assert_eq!(Email::parse(""), Err(TextError::Missing));
    }

    #[test]
    fn a_practitioner_needs_a_team() {
        assert_eq!(
            fields(form("Sam", "s@nhs.net", "practitioner", "").check()),
            ["team"]
        );
        let ok = form("Sam", "s@nhs.net", "practitioner", "3")
            .check()
            .unwrap();
        assert_eq!(ok.team, Some(TeamId(3)));
        assert_eq!(ok.role, Role::Practitioner);
    }

    #[test]
    fn engagement_officers_and_admins_have_no_team() {
        assert_eq!(
            fields(form("Joe", "j@nhs.net", "admin", "3").check()),
            ["team"]
        );
        assert!(
            form("Joe", "j@nhs.net", "engagement_officer", "")
                .check()
                .is_ok()
        );
    }

    #[test]
    fn only_staff_roles_can_be_given() {
        assert_eq!(
            fields(form("A", "a@nhs.net", "resident", "").check()),
            ["role"]
        );
        assert_eq!(
            fields(form("A", "a@nhs.net", "superuser", "").check()),
            ["role"]
        );
    }

    #[test]
    fn every_problem_is_reported_in_page_order() {
        assert_eq!(
            fields(form("", "nope", "", "x").check()),
            ["name", "email", "role", "team"]
        );
    }

    #[test]
    fn control_characters_in_names_are_refused() {
        assert_eq!(
            fields(form("Sam\u{0}", "s@nhs.net", "admin", "").check()),
            ["name"]
        );
    }

    #[test]
    fn debug_output_never_shows_name_or_email() {
        let form = form("Sam Okafor", "sam@nhs.net", "admin", "");
        let debug = format!("{form:?} {:?}", form.check().unwrap());
        assert!(!debug.contains("Sam") && !debug.contains("sam@"), "{debug}");
    }

    fn messages(result: Result<NewStaff, Vec<FieldError>>) -> Vec<String> {
        result
            .err()
            .unwrap_or_default()
            .into_iter()
            .map(|e| e.message)
            .collect()
    }

    #[test]
    fn a_team_id_must_be_a_positive_number() {
        // Rule: team ids start at 1: 0 or a negative id names no team, and is refused once
        // (not also as a missing team).
        for team in ["0", "-3", " 0 "] {
            let result = form("Sam", "s@nhs.net", "practitioner", team).check();
            assert_eq!(
                messages(result),
                ["Select a team from the list"],
                "{team:?}"
            );
        }
        assert_eq!(
            fields(form("Joe", "j@nhs.net", "admin", "0").check()),
            ["team"]
        );
        assert_eq!(
            form("Sam", "s@nhs.net", "team_lead", " 1 ")
                .check()
                .unwrap()
                .team,
            Some(TeamId(1))
        );
    }

    #[test]
    fn team_messages_name_the_role() {
        // Rule: a team lead needs a team; an administrator must not have one.
        assert_eq!(
            messages(form("Sam", "s@nhs.net", "team_lead", "").check()),
            ["Select the team a team lead works in"]
        );
        assert_eq!(
            messages(form("Joe", "j@nhs.net", "admin", "3").check()),
            ["An administrator does not belong to a team: choose \"No team\""]
        );
    }

    #[test]
    fn an_email_domain_may_not_end_with_a_dot() {
        // Rule: the domain has a dot, not at its start or end.
        assert_eq!(Email::parse("sam@nhs.net."), Err(TextError::BadEmail));
        assert_eq!(
            Email::parse("sam@nhs.net").map(|e| e.as_str().to_string()),
            Ok("sam@nhs.net".to_string())
        );
    }
}
