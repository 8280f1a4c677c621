//! Carers acting for residents. Being a carer is a relationship, not a role: anyone who signs
//! in as a resident can care for someone, and keeps their own record too. The resident invites
//! them with a single-use code, grants each part *see* or *see and change*, may give an end
//! date, and can change or revoke the grant at any time. A grant maps onto a FHIR Consent whose
//! actor is the carer (status active while the grant is live; a provision per part, `access` or
//! `correct`), alongside the team's (see [`super::sharing`]).

use super::form::Form;
use super::goals::Day;
use super::sharing::Scope;
use super::text::{name_line, single_line};
use crate::error::FieldError;
use serde::{Deserialize, Serialize};

/// How long an invitation code can be used for.
pub const INVITATION_DAYS: i64 = 14;
/// Characters in a code, without its dashes: 12 from a 32-letter alphabet, 60 random bits.
pub const CODE_CHARS: usize = 12;
/// The code's alphabet: digits and capitals without I, L, O and U, so it reads aloud and types
/// without confusion (Crockford's base 32).
const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
pub const MAX_NAME_CHARS: usize = 100;
pub const MAX_RELATIONSHIP_CHARS: usize = 60;

/// A new invitation code from 60 random bits, as people read it: `7KQ3-M9XD-2HBT`.
pub fn code_from(random: u64) -> String {
    let chars: String = (0..CODE_CHARS)
        .map(|i| ALPHABET[((random >> (i * 5)) & 31) as usize] as char)
        .collect();
    format!("{}-{}-{}", &chars[..4], &chars[4..8], &chars[8..])
}

/// A code as typed, made canonical: spaces and dashes dropped, letters capitalised, and the
/// letters people confuse with digits read as the digits (O as 0, I and L as 1). `None` if it
/// cannot be a code at all.
pub fn normalise_code(typed: &str) -> Option<String> {
    let chars: String = typed
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .map(|c| match c.to_ascii_uppercase() {
            'O' => '0',
            'I' | 'L' => '1',
            c => c,
        })
        .collect();
    (chars.len() == CODE_CHARS && chars.bytes().all(|b| ALPHABET.contains(&b)))
        .then(|| format!("{}-{}-{}", &chars[..4], &chars[4..8], &chars[8..]))
}

/// What a carer may do with one part.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Permission {
    pub scope: Scope,
    /// See and change; otherwise see only.
    pub change: bool,
}

super::coded_enum!(
    /// Where a grant is in its life, worked out from its times.
    GrantStatus {
        Pending = "pending", "Invitation not used yet";
        Expired = "expired", "Invitation expired";
        Active = "active", "Active";
        Ended = "ended", "Ended";
        Revoked = "revoked", "Revoked";
    }
);

impl GrantStatus {
    /// Whether the carer may act now.
    pub fn is_live(self) -> bool {
        self == GrantStatus::Active
    }

    /// Whether anything about the grant can still change (pending or active).
    pub fn is_open(self) -> bool {
        matches!(self, GrantStatus::Pending | GrantStatus::Active)
    }
}

/// The times a grant's status is worked out from (Unix milliseconds).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GrantTimes {
    pub invited_at: i64,
    pub code_expires_at: i64,
    pub accepted_at: Option<i64>,
    pub ends_at: Option<i64>,
    pub revoked_at: Option<i64>,
}

impl GrantTimes {
    pub fn status(&self, now: i64) -> GrantStatus {
        if self.revoked_at.is_some() {
            GrantStatus::Revoked
        } else if self.accepted_at.is_none() {
            if now < self.code_expires_at {
                GrantStatus::Pending
            } else {
                GrantStatus::Expired
            }
        } else if self.ends_at.is_some_and(|end| now >= end) {
            GrantStatus::Ended
        } else {
            GrantStatus::Active
        }
    }
}

/// A grant as the resident's carers page shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CarerGrant {
    pub id: i64,
    /// The carer as the resident named them, and the person who accepted (once accepted).
    pub name: String,
    pub relationship: String,
    pub carer_name: Option<String>,
    pub permissions: Vec<Permission>,
    pub times: GrantTimes,
    pub status: GrantStatus,
    /// The last day the grant lasts, if it has an end date.
    pub last_day: Option<Day>,
}

impl CarerGrant {
    pub fn permission(&self, scope: Scope) -> Option<Permission> {
        self.permissions.iter().copied().find(|p| p.scope == scope)
    }

    /// The form that changes this grant, as it stands.
    pub fn form(&self) -> GrantForm {
        let see = self.permissions.iter().map(|p| p.scope.code()).collect();
        let change = self
            .permissions
            .iter()
            .filter(|p| p.change)
            .map(|p| p.scope.code())
            .collect();
        let (ends_day, ends_month, ends_year) = match self.last_day {
            Some(d) => (d.day.to_string(), d.month.to_string(), d.year.to_string()),
            None => Default::default(),
        };
        GrantForm {
            see,
            change,
            ends_day,
            ends_month,
            ends_year,
        }
    }
}

/// The carers page: every invitation and grant, newest first, and the code of the invitation
/// just made (shown once: only its hash is kept).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CarersNow {
    pub grants: Vec<CarerGrant>,
    pub new_invitation: Option<NewInvitation>,
}

/// An invitation just made: the code to pass on, and until when it works.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewInvitation {
    pub grant: i64,
    pub name: String,
    pub code: String,
    pub expires_at: i64,
}

/// Someone the signed-in person cares for, on their `/caring` page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Caring {
    pub grant: i64,
    pub resident_name: String,
    pub relationship: String,
    pub permissions: Vec<Permission>,
    pub status: GrantStatus,
    pub last_day: Option<Day>,
}

/// The `/caring` page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaringNow {
    pub people: Vec<Caring>,
    /// The person being acted for now, if any.
    pub acting_for: Option<String>,
}

/// Who a carer is acting for, shown on every page while they do.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActingFor {
    pub name: String,
    pub permissions: Vec<Permission>,
}

// Debug output can reach logs: it never names the person.
impl std::fmt::Debug for ActingFor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ActingFor")
            .field("permissions", &self.permissions)
            .finish_non_exhaustive()
    }
}

impl ActingFor {
    pub fn can_see(&self, scope: Scope) -> bool {
        self.permissions.iter().any(|p| p.scope == scope)
    }

    pub fn can_change(&self, scope: Scope) -> bool {
        self.permissions
            .iter()
            .any(|p| p.scope == scope && p.change)
    }
}

fn problem(field: &str, message: &str) -> FieldError {
    FieldError {
        field: field.into(),
        message: message.into(),
    }
}

/// The parts a carer may see and change: `see[]` and `change[]` scope codes, and an optional
/// last day (`ends_day`, `ends_month`, `ends_year`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct GrantForm {
    pub see: Vec<String>,
    pub change: Vec<String>,
    pub ends_day: String,
    pub ends_month: String,
    pub ends_year: String,
}

impl Form for GrantForm {
    const ID: &'static str = "carer-grant";
}

/// A checked grant: what may be seen or changed, and the last day, if any.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheckedGrant {
    pub permissions: Vec<Permission>,
    pub last_day: Option<Day>,
}

impl GrantForm {
    /// Changing a part means seeing it too; at least one part; a last day not before `today`.
    pub fn check(&self, today: Day) -> Result<CheckedGrant, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut permissions: Vec<Permission> = Vec::new();
        let codes = self.see.iter().map(|c| (c, false));
        for (code, change) in codes.chain(self.change.iter().map(|c| (c, true))) {
            match Scope::parse(code) {
                Some(scope) => match permissions.iter_mut().find(|p| p.scope == scope) {
                    Some(p) => p.change |= change,
                    None => permissions.push(Permission { scope, change }),
                },
                None => {
                    errors.push(problem("see", "Choose from the parts listed"));
                    break;
                }
            }
        }
        if errors.is_empty() && permissions.is_empty() {
            errors.push(problem(
                "see",
                "Select at least one part they can see or change",
            ));
        }
        // In the order the page lists them, so the stored grant reads the same however posted.
        let order = Scope::all();
        permissions.sort_by_key(|p| order.iter().position(|s| *s == p.scope));
        let last_day = match super::goals::day_from_fields(
            [&self.ends_day, &self.ends_month, &self.ends_year],
            "ends",
            "end date",
        ) {
            Ok(Some(day)) if day < today => {
                errors.push(problem(
                    "ends_day",
                    "The end date must be today or in the future",
                ));
                None
            }
            Ok(day) => day,
            Err(e) => {
                errors.push(e);
                None
            }
        };
        if errors.is_empty() {
            Ok(CheckedGrant {
                permissions,
                last_day,
            })
        } else {
            Err(errors)
        }
    }
}

/// Inviting a carer: who they are to the resident, and what they may do.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct InviteForm {
    pub name: String,
    pub relationship: String,
    pub see: Vec<String>,
    pub change: Vec<String>,
    pub ends_day: String,
    pub ends_month: String,
    pub ends_year: String,
}

impl Form for InviteForm {
    const ID: &'static str = "carer-invite";
}

/// A checked invitation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Invitation {
    pub name: String,
    pub relationship: String,
    pub grant: CheckedGrant,
}

impl InviteForm {
    /// What the invitation grants, as the grant form.
    pub fn grant(&self) -> GrantForm {
        GrantForm {
            see: self.see.clone(),
            change: self.change.clone(),
            ends_day: self.ends_day.clone(),
            ends_month: self.ends_month.clone(),
            ends_year: self.ends_year.clone(),
        }
    }

    pub fn check(&self, today: Day) -> Result<Invitation, Vec<FieldError>> {
        let mut errors = Vec::new();
        let name = name_line(&self.name, MAX_NAME_CHARS)
            .map_err(|e| match e {
                super::text::TextError::Missing => errors.push(problem(
                    "name",
                    "Enter the name of the person who cares for you",
                )),
                e => errors.push(problem("name", &format!("Their name: {e}"))),
            })
            .ok();
        let relationship = single_line(&self.relationship, MAX_RELATIONSHIP_CHARS)
            .map_err(|e| match e {
                super::text::TextError::Missing => errors.push(problem(
                    "relationship",
                    "Enter how they are related to you, for example daughter, friend or neighbour",
                )),
                e => errors.push(problem(
                    "relationship",
                    &format!("How they are related to you: {e}"),
                )),
            })
            .ok();
        let grant = self.grant().check(today).map_err(|e| errors.extend(e)).ok();
        match (name, relationship, grant) {
            // Each is None exactly when it added its problem to `errors`.
            (Some(name), Some(relationship), Some(grant)) => Ok(Invitation {
                name,
                relationship,
                grant,
            }),
            _ => Err(errors),
        }
    }
}

/// Accepting an invitation: the code as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AcceptForm {
    pub code: String,
}

impl Form for AcceptForm {
    const ID: &'static str = "carer-accept";
}

/// Revoking a grant (or cancelling an invitation): no fields.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RevokeForm {}

impl Form for RevokeForm {
    const ID: &'static str = "carer-revoke";
    const NOTHING_TYPED: bool = true;
}

/// Starting or stopping acting for someone: no fields (the grant is in the path).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActForm {}

impl Form for ActForm {
    const ID: &'static str = "carer-act";
    const NOTHING_TYPED: bool = true;
}

#[cfg(test)]
mod tests {
    use super::*;

    const TODAY: Day = Day {
        year: 2026,
        month: 11,
        day: 30,
    };

    #[test]
    fn codes_are_twelve_unambiguous_characters_and_read_back_as_typed() {
        let code = code_from(0x0fed_cba9_8765_4321);
        assert_eq!(code.len(), 14);
        assert_eq!(normalise_code(&code), Some(code.clone()));
        let typed = code.to_lowercase().replace('-', " ");
        assert_eq!(normalise_code(&typed), Some(code));
        assert_ne!(code_from(1), code_from(2));
        assert_eq!(
            normalise_code("0o1i-l000-0000"),
            Some("0011-1000-0000".into())
        );
        assert_eq!(normalise_code("ABCD-EFGH-JKM"), None);
        assert_eq!(normalise_code("ABCD-EFGH-JKMU"), None);
        assert_eq!(normalise_code(""), None);
    }

    #[test]
    fn a_grant_is_pending_then_active_then_ended_unless_revoked() {
        let times = GrantTimes {
            invited_at: 0,
            code_expires_at: 100,
            ..GrantTimes::default()
        };
        assert_eq!(times.status(99), GrantStatus::Pending);
        assert_eq!(times.status(100), GrantStatus::Expired);
        let accepted = GrantTimes {
            accepted_at: Some(50),
            ends_at: Some(200),
            ..times
        };
        assert_eq!(accepted.status(150), GrantStatus::Active);
        assert_eq!(accepted.status(200), GrantStatus::Ended);
        let revoked = GrantTimes {
            revoked_at: Some(120),
            ..accepted
        };
        assert_eq!(revoked.status(150), GrantStatus::Revoked);
        assert!(accepted.status(150).is_live());
        assert!(!revoked.status(150).is_live());
    }

    #[test]
    fn changing_a_part_means_seeing_it_and_unknown_parts_are_refused() {
        let form = GrantForm {
            see: vec!["goals".into(), "needs".into()],
            change: vec!["goals".into(), "about-me:wellness".into()],
            ..GrantForm::default()
        };
        let grant = form.check(TODAY).unwrap();
        assert_eq!(
            grant.permissions,
            vec![
                Permission {
                    scope: Scope::Needs,
                    change: false
                },
                Permission {
                    scope: Scope::AboutMe(crate::about_me::Section::Wellness),
                    change: true
                },
                Permission {
                    scope: Scope::Goals,
                    change: true
                },
            ]
        );
        let unknown = GrantForm {
            see: vec!["everything".into()],
            ..GrantForm::default()
        };
        assert_eq!(unknown.check(TODAY).unwrap_err()[0].field, "see");
        assert_eq!(
            GrantForm::default().check(TODAY).unwrap_err()[0].field,
            "see"
        );
    }

    #[test]
    fn an_end_date_must_be_real_and_not_past() {
        let with = |d: &str, m: &str, y: &str| GrantForm {
            see: vec!["needs".into()],
            ends_day: d.into(),
            ends_month: m.into(),
            ends_year: y.into(),
            ..GrantForm::default()
        };
        assert_eq!(
            with("30", "11", "2026").check(TODAY).unwrap().last_day,
            Some(TODAY)
        );
        assert!(with("29", "11", "2026").check(TODAY).is_err());
        assert!(with("31", "11", "2026").check(TODAY).is_err());
        assert_eq!(with("", "", "").check(TODAY).unwrap().last_day, None);
    }

    #[test]
    fn an_invitation_needs_a_name_and_relationship() {
        let form = InviteForm {
            name: " ".into(),
            relationship: String::new(),
            see: vec!["needs".into()],
            ..InviteForm::default()
        };
        let fields: Vec<String> = form
            .check(TODAY)
            .unwrap_err()
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, vec!["name", "relationship"]);
    }

    #[test]
    fn a_code_spells_out_its_random_bits_five_at_a_time() {
        // Rule: character i is bits 5i to 5i+4 of the random number, in Crockford's alphabet.
        assert_eq!(code_from(0x0fed_cba9_8765_4321), "1SGA-P36N-BEVZ");
        assert_eq!(code_from(0), "0000-0000-0000");
        assert_eq!(code_from(u64::MAX), "ZZZZ-ZZZZ-ZZZZ");
        assert_eq!(code_from(31 << 55), "0000-0000-000Z");
        assert_eq!(code_from(1), "1000-0000-0000");
    }

    #[test]
    fn only_pending_and_active_grants_are_open() {
        // Rule: a grant can still change while pending or active; expired, ended and revoked
        // ones cannot, and only an active one lets the carer act.
        let open: Vec<GrantStatus> = GrantStatus::ALL
            .iter()
            .copied()
            .filter(|s| s.is_open())
            .collect();
        assert_eq!(open, vec![GrantStatus::Pending, GrantStatus::Active]);
        let live: Vec<GrantStatus> = GrantStatus::ALL
            .iter()
            .copied()
            .filter(|s| s.is_live())
            .collect();
        assert_eq!(live, vec![GrantStatus::Active]);
    }

    #[test]
    fn a_grant_without_an_end_lasts_and_revoking_beats_everything() {
        // Rule: accepted with no end date stays active; revoked is revoked whether pending,
        // active or expired.
        let accepted = GrantTimes {
            invited_at: 0,
            code_expires_at: 100,
            accepted_at: Some(50),
            ..GrantTimes::default()
        };
        assert_eq!(accepted.status(i64::MAX), GrantStatus::Active);
        let revoked_invitation = GrantTimes {
            code_expires_at: 100,
            revoked_at: Some(10),
            ..GrantTimes::default()
        };
        assert_eq!(revoked_invitation.status(20), GrantStatus::Revoked);
        assert_eq!(revoked_invitation.status(200), GrantStatus::Revoked);
    }

    #[test]
    fn a_carer_sees_and_changes_only_what_was_granted() {
        // Rule: seeing a part needs a permission for it; changing it needs that permission
        // with change, for that same part.
        let acting = ActingFor {
            name: "George Walsh".into(),
            permissions: vec![
                Permission {
                    scope: Scope::Needs,
                    change: false,
                },
                Permission {
                    scope: Scope::Goals,
                    change: true,
                },
            ],
        };
        assert!(acting.can_see(Scope::Needs));
        assert!(!acting.can_change(Scope::Needs));
        assert!(acting.can_see(Scope::Goals));
        assert!(acting.can_change(Scope::Goals));
        assert!(!acting.can_see(Scope::Statements));
        assert!(!acting.can_change(Scope::Statements));
    }

    #[test]
    fn a_grant_reads_back_through_its_form() {
        // Rule: the change form starts from the grant as it stands: the same parts, the same
        // changes, the same last day.
        let grant = CarerGrant {
            id: 1,
            name: "Lin Walsh".into(),
            relationship: "daughter".into(),
            carer_name: None,
            permissions: vec![
                Permission {
                    scope: Scope::Needs,
                    change: true,
                },
                Permission {
                    scope: Scope::Goals,
                    change: false,
                },
            ],
            times: GrantTimes::default(),
            status: GrantStatus::Active,
            last_day: Day::new(2027, 1, 31),
        };
        assert_eq!(
            grant.permission(Scope::Goals),
            Some(Permission {
                scope: Scope::Goals,
                change: false
            })
        );
        assert_eq!(grant.permission(Scope::Statements), None);
        let form = grant.form();
        assert_eq!(form.see, vec!["needs", "goals"]);
        assert_eq!(form.change, vec!["needs"]);
        assert_eq!(
            (
                form.ends_day.as_str(),
                form.ends_month.as_str(),
                form.ends_year.as_str()
            ),
            ("31", "1", "2027")
        );
        let checked = form.check(TODAY).unwrap();
        assert_eq!(checked.permissions, grant.permissions);
        assert_eq!(checked.last_day, grant.last_day);
        let open_ended = CarerGrant {
            last_day: None,
            ..grant
        };
        assert_eq!(open_ended.form().ends_year, "");
    }

    #[test]
    fn changing_a_part_twice_still_changes_it_and_an_unknown_part_is_one_error() {
        // Rule: a part posted more than once is granted once, with change if any post says
        // change; an unknown part is refused once, not also as "nothing chosen".
        let twice = GrantForm {
            see: vec!["goals".into(), "goals".into()],
            change: vec!["goals".into(), "goals".into()],
            ..GrantForm::default()
        };
        assert_eq!(
            twice.check(TODAY).unwrap().permissions,
            vec![Permission {
                scope: Scope::Goals,
                change: true
            }]
        );
        let unknown = GrantForm {
            see: vec!["everything".into(), "needs".into()],
            ..GrantForm::default()
        };
        let errors = unknown.check(TODAY).unwrap_err();
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].message, "Choose from the parts listed");
        assert_eq!(
            GrantForm::default().check(TODAY).unwrap_err()[0].message,
            "Select at least one part they can see or change"
        );
    }

    #[test]
    fn an_invitation_carries_its_grant_and_reports_its_problems_too() {
        // Rule: a good invitation keeps the name, relationship and grant; a past end date is
        // reported with the other problems.
        let form = InviteForm {
            name: " Lin Walsh ".into(),
            relationship: "daughter".into(),
            see: vec!["needs".into()],
            change: vec!["goals".into()],
            ends_day: "1".into(),
            ends_month: "12".into(),
            ends_year: "2026".into(),
        };
        let invitation = form.check(TODAY).unwrap();
        assert_eq!(invitation.name, "Lin Walsh");
        assert_eq!(invitation.relationship, "daughter");
        assert_eq!(invitation.grant.last_day, Day::new(2026, 12, 1));
        assert_eq!(invitation.grant.permissions.len(), 2);
        let late = InviteForm {
            name: String::new(),
            ends_day: "1".into(),
            ends_month: "1".into(),
            ends_year: "2026".into(),
            ..form
        };
        let fields: Vec<String> = late
            .check(TODAY)
            .unwrap_err()
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, vec!["name", "ends_day"]);
    }
}
