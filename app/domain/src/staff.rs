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

/// `/admin/staff`: the directory, or the part of it a search finds, a page at a time.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Directory {
    /// This page of those found.
    pub entries: Vec<StaffEntry>,
    /// Everyone in the directory, found or not, and those found.
    pub total: usize,
    pub found: usize,
    /// The search as it was used (trimmed, at most `MAX_SEARCH_CHARS`), the role's code and
    /// the team's id ("" for any).
    pub search: String,
    pub role: String,
    pub team: String,
    /// (id, name) of every team someone in the directory is in, by name, to filter by.
    pub teams: Vec<(String, String)>,
    /// This page (from 1) and how many there are (at least 1).
    pub page: usize,
    pub pages: usize,
}

/// `/admin/staff` with a search, a role, a team and a page (each left out when empty, or the
/// first page).
fn directory_link(search: &str, role: &str, team: &str, page: usize) -> String {
    let mut q = form_urlencoded::Serializer::new(String::new());
    for (key, value) in [("search", search), ("role", role), ("team", team)] {
        if !value.is_empty() {
            q.append_pair(key, value);
        }
    }
    if page > 1 {
        q.append_pair("page", &page.to_string());
    }
    let q = q.finish();
    if q.is_empty() {
        "/admin/staff".to_string()
    } else {
        format!("/admin/staff?{q}")
    }
}

/// Where a change or a removal leads back to: the directory as the list showed it, from the
/// query string its page sent back (`search`, `role`, `team`, `page`), read only as far as it
/// is well formed (a search without control characters and at most `MAX_SEARCH_CHARS`, a
/// staff role's code, a team's id, a page number); anything else is left out.
pub fn directory_href(query: &str) -> String {
    let (mut search, mut role, mut team, mut page) = (String::new(), "", String::new(), 1);
    for (key, value) in form_urlencoded::parse(query.as_bytes()) {
        match &*key {
            "search" => search = clean_search(&value),
            "role" => {
                role = Role::parse(&value)
                    .filter(|r| STAFF_ROLES.contains(r))
                    .map_or("", Role::code);
            }
            "team" => {
                let id =
                    (1..=18).contains(&value.len()) && value.bytes().all(|b| b.is_ascii_digit());
                team = if id {
                    value.into_owned()
                } else {
                    String::new()
                };
            }
            "page" => {
                page = value
                    .parse::<usize>()
                    .ok()
                    .filter(|p| (1..=100_000).contains(p))
                    .unwrap_or(1)
            }
            _ => {}
        }
    }
    directory_link(&search, role, &team, page)
}

/// A search as it is used: without control characters or spaces around it, and at most
/// `MAX_SEARCH_CHARS` (the rest of a longer one is ignored).
fn clean_search(search: &str) -> String {
    let kept: String = search.chars().filter(|c| !c.is_control()).collect();
    let kept: String = kept.trim().chars().take(MAX_SEARCH_CHARS).collect();
    kept.trim_end().to_string()
}

/// The longest directory search used; the rest of a longer one is ignored.
pub const MAX_SEARCH_CHARS: usize = 100;

/// People on one page of the directory.
pub const DIRECTORY_PAGE: usize = 50;

impl Directory {
    /// Those of `entries` whose name or email holds `search` (any case; "" finds everyone),
    /// who have `role` (a staff role's code) and are in `team` (a team's id; anything else,
    /// for either, is no filter): page `page` of them (from 1; past the last is the last, and
    /// anything but a number the first).
    pub fn find(
        entries: Vec<StaffEntry>,
        search: &str,
        role: &str,
        team: &str,
        page: &str,
    ) -> Directory {
        let search = clean_search(search);
        let wanted = search.to_lowercase();
        let role = Role::parse(role).filter(|r| STAFF_ROLES.contains(r));
        let total = entries.len();
        let mut teams: Vec<(TeamId, String)> = entries
            .iter()
            .filter_map(|e| Some((e.team?, e.team_name.clone()?)))
            .collect();
        teams.sort_by(|a, b| a.1.cmp(&b.1).then(a.0.0.cmp(&b.0.0)));
        teams.dedup();
        let team = team
            .trim()
            .parse::<i64>()
            .ok()
            .map(TeamId)
            .filter(|t| teams.iter().any(|(id, _)| id == t));
        let found: Vec<StaffEntry> = entries
            .into_iter()
            .filter(|e| role.is_none_or(|r| e.role == r))
            .filter(|e| team.is_none_or(|t| e.team == Some(t)))
            .filter(|e| {
                wanted.is_empty()
                    || e.name.to_lowercase().contains(&wanted)
                    || e.email.to_lowercase().contains(&wanted)
            })
            .collect();
        let pages = found.len().div_ceil(DIRECTORY_PAGE).max(1);
        let page = page.trim().parse::<usize>().unwrap_or(1).clamp(1, pages);
        Directory {
            found: found.len(),
            entries: found
                .into_iter()
                .skip((page - 1) * DIRECTORY_PAGE)
                .take(DIRECTORY_PAGE)
                .collect(),
            total,
            search,
            role: role.map(|r| r.code().to_string()).unwrap_or_default(),
            team: team.map(|t| t.0.to_string()).unwrap_or_default(),
            teams: teams
                .into_iter()
                .map(|(id, name)| (id.0.to_string(), name))
                .collect(),
            page,
            pages,
        }
    }

    /// Whether a search, role or team narrows the directory.
    pub fn filtered(&self) -> bool {
        !self.search.is_empty() || !self.role.is_empty() || !self.team.is_empty()
    }

    /// The address of page `page` of what this directory found.
    pub fn href(&self, page: usize) -> String {
        directory_link(&self.search, &self.role, &self.team, page)
    }

    /// Which of those found this page shows, from 1: (first, last); (0, 0) for none.
    pub fn shown(&self) -> (usize, usize) {
        if self.entries.is_empty() {
            return (0, 0);
        }
        let first = (self.page - 1) * DIRECTORY_PAGE + 1;
        (first, first + self.entries.len() - 1)
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
            Directory::find(everyone.clone(), search, role, "", "")
                .entries
                .iter()
                .map(|e| e.id.0)
                .collect()
        };
        assert_eq!(found("", ""), [1, 2, 3]);
        assert_eq!(found("  SHAH ", ""), [1], "any case, spaces around ignored");
        assert_eq!(found("okafor@", ""), [2], "part of an email");
        assert_eq!(found("adeyemi", ""), [3], "part of a name not in the email");
        assert_eq!(found("nhs.example", "admin"), Vec::<i64>::new());
        assert_eq!(found("", "admin"), [3]);
        assert_eq!(
            found("", "resident"),
            [1, 2, 3],
            "not a staff role: no filter"
        );
        assert_eq!(found("", "nonsense"), [1, 2, 3]);
        let directory = Directory::find(everyone.clone(), &"a".repeat(500), "team_lead", "", "");
        assert_eq!(directory.total, 3);
        assert_eq!(directory.search.len(), MAX_SEARCH_CHARS);
        assert_eq!(directory.role, "team_lead");
        assert_eq!(
            Directory::find(everyone.clone(), "", "resident", "", "").role,
            ""
        );
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

    #[test]
    fn the_directory_is_filtered_by_team_and_read_a_page_at_a_time() {
        let entry = |id: i64, team: Option<(i64, &str)>| StaffEntry {
            id: PersonId(id),
            name: format!("Person {id:03}"),
            email: format!("p{id}@nhs.example"),
            role: Role::Practitioner,
            team: team.map(|(t, _)| TeamId(t)),
            team_name: team.map(|(_, n)| n.to_string()),
            status: StaffStatus::Active,
        };
        // 120 people: the even ones in Chorlton (team 3), the odd ones in Ancoats (team 1),
        // and one in no team.
        let mut everyone: Vec<StaffEntry> = (1..=119)
            .map(|id| {
                entry(
                    id,
                    Some(if id % 2 == 0 {
                        (3, "Chorlton")
                    } else {
                        (1, "Ancoats")
                    }),
                )
            })
            .collect();
        everyone.push(entry(120, None));
        let find = |team: &str, page: &str| Directory::find(everyone.clone(), "", "", team, page);
        let first = find("", "");
        assert_eq!(
            (first.total, first.found, first.page, first.pages),
            (120, 120, 1, 3)
        );
        assert_eq!(first.entries.len(), DIRECTORY_PAGE);
        assert_eq!(first.shown(), (1, 50));
        assert_eq!(
            first.teams,
            [
                ("1".to_string(), "Ancoats".to_string()),
                ("3".into(), "Chorlton".into())
            ],
            "each team once, by name"
        );
        let last = find("", "3");
        assert_eq!(
            (last.page, last.entries.len(), last.shown()),
            (3, 20, (101, 120))
        );
        assert_eq!(last.entries[0].id, PersonId(101));
        assert_eq!(find("", "99").page, 3, "past the last page: the last");
        assert_eq!(find("", "0").page, 1);
        assert_eq!(find("", "two").page, 1);
        let chorlton = find("3", "2");
        assert_eq!((chorlton.found, chorlton.page, chorlton.pages), (59, 2, 2));
        assert!(chorlton.entries.iter().all(|e| e.team == Some(TeamId(3))));
        assert_eq!(chorlton.entries[0].id, PersonId(102));
        assert_eq!(chorlton.href(1), "/admin/staff?team=3");
        assert_eq!(chorlton.href(2), "/admin/staff?team=3&page=2");
        assert!(chorlton.filtered());
        // A team nobody is in, or not a team: no filter.
        assert_eq!(find("7", "").team, "");
        assert_eq!(find("x", "").found, 120);
        assert!(!find("x", "").filtered());
        assert!(Directory::find(everyone.clone(), "person", "", "", "").filtered());
        assert!(Directory::find(everyone.clone(), "", "practitioner", "", "").filtered());
        let none = Directory::find(everyone.clone(), "nobody", "", "", "4");
        assert_eq!(
            (none.found, none.page, none.pages, none.shown()),
            (0, 1, 1, (0, 0))
        );
        let searched = Directory::find(everyone.clone(), "a b&c", "team_lead", "1", "1");
        assert_eq!(
            searched.href(2),
            "/admin/staff?search=a+b%26c&role=team_lead&team=1&page=2"
        );
    }

    #[test]
    fn a_change_leads_back_to_the_directory_as_it_was_shown_and_nowhere_else() {
        assert_eq!(directory_href(""), "/admin/staff");
        assert_eq!(
            directory_href("search=Nurse%20Kay&role=practitioner&team=3&page=2"),
            "/admin/staff?search=Nurse+Kay&role=practitioner&team=3&page=2"
        );
        // What the page would never send is left out.
        assert_eq!(
            directory_href("next=%2F%2Fevil.example&role=resident&team=3x&page=-1&search=%00%0A"),
            "/admin/staff"
        );
        assert_eq!(directory_href("page=1&team=12"), "/admin/staff?team=12");
        assert_eq!(
            directory_href("team=12&team=x"),
            "/admin/staff",
            "the last team said"
        );
        // The search comes back as the directory used it.
        let typed = format!("{}\t {}", "a".repeat(98), "b".repeat(10));
        let used = Directory::find(Vec::new(), &typed, "", "", "").search;
        assert_eq!(used, format!("{} b", "a".repeat(98)).trim_end());
        let mut q = form_urlencoded::Serializer::new(String::new());
        q.append_pair("search", &typed);
        assert_eq!(
            directory_href(&q.finish()),
            Directory::find(Vec::new(), &typed, "", "", "").href(1)
        );
        assert_eq!(
            directory_href(&format!("search={}", "a".repeat(500))),
            format!("/admin/staff?search={}", "a".repeat(MAX_SEARCH_CHARS))
        );
    }
}
