//! Sharing a record with the neighbourhood team, part by part, and the consent history.
//!
//! A *scope* is what a resident shares (and, later, what a carer is granted): each About Me
//! section, the goals (with their progress notes), the communication needs, the answers to
//! the person statements. Each grant maps onto a FHIR Consent: the resident's Consent is
//! `active` while anything is shared (`inactive` once nothing is), with one `permit` provision
//! per shared scope, its actor the resident's neighbourhood team.

use super::about_me::Section;
use super::form::Form;
use super::record::{Part, PartKind};
use crate::error::FieldError;
use serde::{Deserialize, Serialize};

/// One shareable part of a record.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Scope {
    AboutMe(Section),
    Goals,
    Needs,
    Statements,
}

impl Scope {
    /// Every scope, in the order the sharing page lists them: needs first (as on the record).
    pub fn all() -> Vec<Scope> {
        let mut all = vec![Scope::Needs];
        all.extend(Section::ALL.iter().map(|s| Scope::AboutMe(*s)));
        all.extend([Scope::Goals, Scope::Statements]);
        all
    }

    /// As stored and posted: `about-me:wellness`, `goals`, `needs`, `statements`.
    pub fn code(self) -> String {
        match self {
            Scope::AboutMe(section) => format!("about-me:{}", section.code()),
            Scope::Goals => "goals".into(),
            Scope::Needs => "needs".into(),
            Scope::Statements => "statements".into(),
        }
    }

    pub fn parse(code: &str) -> Option<Scope> {
        match code {
            "goals" => Some(Scope::Goals),
            "needs" => Some(Scope::Needs),
            "statements" => Some(Scope::Statements),
            other => other
                .strip_prefix("about-me:")
                .and_then(Section::parse)
                .map(Scope::AboutMe),
        }
    }

    /// What the resident reads: "About me: My wellness", "Goals and progress notes".
    pub fn label(self) -> String {
        match self {
            Scope::AboutMe(section) => format!("About me: {}", section.title()),
            Scope::Goals => "Goals and progress notes".into(),
            Scope::Needs => "Communication and information needs".into(),
            Scope::Statements => "How true the person statements feel".into(),
        }
    }

    /// Whether this scope covers a part of the record.
    pub fn covers(self, part: &Part) -> bool {
        match (self, part.kind) {
            (Scope::AboutMe(section), PartKind::AboutMe) => part.key == section.code(),
            (Scope::Goals, PartKind::Goal | PartKind::GoalNote) => true,
            (Scope::Needs, PartKind::Needs) => true,
            (Scope::Statements, PartKind::Statement) => true,
            _ => false,
        }
    }
}

/// What is shared now, scope by scope, with when it was shared.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Shared {
    pub scope: Scope,
    pub since: i64,
    pub by_name: String,
}

/// One change in the consent history.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsentEvent {
    pub scope: Scope,
    pub shared: bool,
    pub by_name: String,
    /// The change was made by someone acting for the resident (a carer), not the resident.
    pub by_someone_else: bool,
    pub at: i64,
}

/// The sharing form: the codes of every scope ticked (`scopes[]`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SharingForm {
    pub scopes: Vec<String>,
}

impl Form for SharingForm {
    const ID: &'static str = "sharing";
}

impl SharingForm {
    /// The scopes ticked, each once; an unknown code is refused.
    pub fn check(&self) -> Result<Vec<Scope>, Vec<FieldError>> {
        let mut scopes = Vec::new();
        for code in &self.scopes {
            match Scope::parse(code) {
                Some(scope) if !scopes.contains(&scope) => scopes.push(scope),
                Some(_) => {}
                None => {
                    return Err(vec![FieldError {
                        field: "scopes".into(),
                        message: "Choose from the parts listed".into(),
                    }]);
                }
            }
        }
        Ok(scopes)
    }
}

/// The sharing page: the neighbourhood whose team the record is shared with, what is shared
/// now, and the consent history (newest first).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SharingNow {
    /// The resident's neighbourhood, if known (its integrated team sees what is shared).
    pub neighbourhood: Option<String>,
    pub shared: Vec<Shared>,
    pub history: Vec<ConsentEvent>,
}

impl SharingNow {
    pub fn is_shared(&self, scope: Scope) -> bool {
        self.shared.iter().any(|s| s.scope == scope)
    }

    /// The sharing form as it stands: every scope shared now, ticked.
    pub fn form(&self) -> SharingForm {
        SharingForm {
            scopes: self.shared.iter().map(|s| s.scope.code()).collect(),
        }
    }
}

super::coded_enum!(
    /// What an access-log entry records. `read-across`: their answers read among the
    /// neighbourhood's (the team's person statements page), not an opening of their record.
    AccessAction {
        Read = "read", "Read";
        Write = "write", "Changed";
        Share = "share", "Shared with your team";
        StopSharing = "stop-sharing", "Stopped sharing";
        Move = "move", "Changed where you live";
        InviteCarer = "invite-carer", "Invited a carer";
        AcceptCarer = "accept-carer", "Accepted your invitation to be your carer";
        ChangeCarer = "change-carer", "Changed what a carer can do";
        RevokeCarer = "revoke-carer", "Revoked a carer";
        Acknowledge = "acknowledge", "Marked as read";
        Respond = "respond", "Responded";
        ProposeGoal = "propose-goal", "Proposed a goal";
        ReadAcross = "read-across", "Read among the neighbourhood's answers";
    }
);

/// One entry of the access log, as the resident reads it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccessEntry {
    pub id: i64,
    pub who: String,
    /// Their role and team at the time ("Practitioner, North Team"), or "You".
    pub role: String,
    /// Someone acting for the resident (a carer).
    pub acting_for_you: bool,
    pub scope: Option<Scope>,
    pub action: Option<AccessAction>,
    pub at: i64,
}

/// The activity page: a page of the log, newest first, the people to filter by, what it is
/// filtered by, and where the next (older) page starts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Activity {
    pub entries: Vec<AccessEntry>,
    pub people: Vec<(i64, String)>,
    pub person: Option<i64>,
    pub scope: Option<Scope>,
    /// The id to ask for entries before, when there are older ones.
    pub older: Option<i64>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_scope_is_named_as_the_resident_reads_it() {
        assert_eq!(Scope::Needs.label(), "Communication and information needs");
        assert_eq!(
            Scope::AboutMe(Section::Wellness).label(),
            "About me: My wellness"
        );
        let mut labels: Vec<String> = Section::ALL
            .into_iter()
            .map(|s| Scope::AboutMe(s).label())
            .collect();
        labels.extend([Scope::Goals, Scope::Needs, Scope::Statements].map(Scope::label));
        let distinct: std::collections::BTreeSet<&String> = labels.iter().collect();
        assert_eq!(distinct.len(), labels.len(), "{labels:?}");
    }

    #[test]
    fn every_scope_reads_back_from_its_code_and_codes_are_pinned() {
        for scope in Scope::all() {
            assert_eq!(Scope::parse(&scope.code()), Some(scope));
        }
        assert_eq!(Scope::all().len(), 10);
        // Stored in `shares` and `consent_events`: renaming one would orphan stored rows.
        let codes: Vec<String> = Scope::all().into_iter().map(Scope::code).collect();
        assert_eq!(
            codes,
            [
                "needs",
                "about-me:most-important",
                "about-me:important-people",
                "about-me:communication",
                "about-me:wellness",
                "about-me:do-and-dont",
                "about-me:support",
                "about-me:also-worth-knowing",
                "goals",
                "statements"
            ]
        );
        assert_eq!(Scope::parse("about-me:nope"), None);
        assert_eq!(Scope::parse("everything"), None);
    }

    #[test]
    fn a_scope_covers_its_own_parts_only() {
        let wellness = Part::new(PartKind::AboutMe, "wellness");
        assert!(Scope::AboutMe(Section::Wellness).covers(&wellness));
        assert!(!Scope::AboutMe(Section::Support).covers(&wellness));
        assert!(Scope::Goals.covers(&Part::new(PartKind::GoalNote, "g1")));
        assert!(!Scope::Goals.covers(&Part::new(PartKind::Needs, "needs")));
        assert!(!Scope::Needs.covers(&Part::new(PartKind::Review, "review")));
    }

    #[test]
    fn the_form_keeps_each_scope_once_and_refuses_unknown_ones() {
        let form = SharingForm {
            scopes: vec!["needs".into(), "goals".into(), "needs".into()],
        };
        assert_eq!(form.check().unwrap(), vec![Scope::Needs, Scope::Goals]);
        let bad = SharingForm {
            scopes: vec!["about-me:secrets".into()],
        };
        assert_eq!(bad.check().unwrap_err()[0].field, "scopes");
    }

    #[test]
    fn each_scope_covers_every_kind_of_part_it_names() {
        // Rule (access): needs cover the needs, statements the statement answers, goals both
        // goals and their notes; an About Me scope covers only its own section, and nothing
        // else covers an About Me section.
        assert!(Scope::Needs.covers(&Part::new(PartKind::Needs, "needs")));
        assert!(Scope::Statements.covers(&Part::new(PartKind::Statement, "safe")));
        assert!(Scope::Goals.covers(&Part::new(PartKind::Goal, "0123456789abcdef")));
        assert!(!Scope::Statements.covers(&Part::new(PartKind::Goal, "g1")));
        assert!(!Scope::Needs.covers(&Part::new(PartKind::Statement, "needs")));
        assert!(!Scope::Goals.covers(&Part::about_me(Section::Wellness)));
        // A part of another kind with a section's code as its key is not that section.
        assert!(
            !Scope::AboutMe(Section::Wellness).covers(&Part::new(PartKind::Statement, "wellness"))
        );
        assert!(Scope::AboutMe(Section::Wellness).covers(&Part::about_me(Section::Wellness)));
        // Nothing covers a review.
        for scope in Scope::all() {
            assert!(
                !scope.covers(&Part::new(PartKind::Review, "review")),
                "{scope:?}"
            );
        }
    }

    #[test]
    fn what_is_shared_now_is_ticked_on_the_form() {
        // Rule: is_shared answers for the scope asked about only; the form ticks exactly what
        // is shared.
        let now = SharingNow {
            neighbourhood: Some("Chorlton".into()),
            shared: vec![Shared {
                scope: Scope::AboutMe(Section::Support),
                since: 0,
                by_name: "George Walsh".into(),
            }],
            history: Vec::new(),
        };
        assert!(now.is_shared(Scope::AboutMe(Section::Support)));
        assert!(!now.is_shared(Scope::AboutMe(Section::Wellness)));
        assert!(!now.is_shared(Scope::Goals));
        assert_eq!(now.form().scopes, vec!["about-me:support"]);
        assert_eq!(
            now.form().check().unwrap(),
            vec![Scope::AboutMe(Section::Support)]
        );
        assert!(SharingForm::default().check().unwrap().is_empty());
    }
}
