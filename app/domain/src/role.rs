//! What a person does in Hive. The code is what is stored; the label is what people read.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Role {
    Resident,
    Practitioner,
    TeamLead,
    EngagementOfficer,
    Admin,
}

/// Where a role's pages live; each area checks the role again in every operation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Area {
    /// `/my/…`: a resident's own record, or (being someone's carer is a relationship between
    /// residents, not a role) the record of someone they act for.
    Personal,
    /// `/team/…`: staff of an integrated neighbourhood team.
    Team,
    /// `/engagement/…`: feedback campaigns and dashboards.
    Engagement,
    /// `/admin/…`: the staff directory and the city's configuration.
    Admin,
}

impl Role {
    pub const ALL: [Role; 5] = [
        Role::Resident,
        Role::Practitioner,
        Role::TeamLead,
        Role::EngagementOfficer,
        Role::Admin,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Role::Resident => "resident",
            Role::Practitioner => "practitioner",
            Role::TeamLead => "team_lead",
            Role::EngagementOfficer => "engagement_officer",
            Role::Admin => "admin",
        }
    }

    pub fn parse(code: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|role| role.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            Role::Resident => "Resident",
            Role::Practitioner => "Practitioner",
            Role::TeamLead => "Team lead",
            Role::EngagementOfficer => "Engagement officer",
            Role::Admin => "Administrator",
        }
    }

    /// Staff roles belong to exactly one neighbourhood team; no other role has a team.
    pub fn needs_team(self) -> bool {
        matches!(self, Role::Practitioner | Role::TeamLead)
    }

    pub fn area(self) -> Area {
        match self {
            Role::Resident => Area::Personal,
            Role::Practitioner | Role::TeamLead => Area::Team,
            Role::EngagementOfficer => Area::Engagement,
            Role::Admin => Area::Admin,
        }
    }
}

impl Area {
    /// What the area is called in the navigation.
    pub fn label(self) -> &'static str {
        match self {
            Area::Personal => "My record",
            Area::Team => "My team",
            Area::Engagement => "Engagement",
            Area::Admin => "Administration",
        }
    }

    pub fn path(self) -> &'static str {
        match self {
            Area::Personal => "/my",
            Area::Team => "/team",
            Area::Engagement => "/engagement",
            Area::Admin => "/admin",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_area_has_its_own_name_in_the_navigation() {
        let labels: std::collections::BTreeSet<&str> =
            [Area::Personal, Area::Team, Area::Engagement, Area::Admin]
                .into_iter()
                .map(Area::label)
                .collect();
        assert_eq!(labels.len(), 4);
        assert_eq!(Area::Personal.label(), "My record");
        assert_eq!(Area::Team.label(), "My team");
    }

    #[test]
    fn every_code_parses_back_to_its_role() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.code()), Some(role));
        }
    }

    #[test]
    fn unknown_and_differently_cased_codes_are_rejected() {
        assert_eq!(Role::parse("Admin"), None);
        assert_eq!(Role::parse("superuser"), None);
        assert_eq!(Role::parse(""), None);
    }

    #[test]
    fn only_practitioners_and_team_leads_belong_to_a_team() {
        let with_team: Vec<Role> = Role::ALL.into_iter().filter(|r| r.needs_team()).collect();
        assert_eq!(with_team, vec![Role::Practitioner, Role::TeamLead]);
    }

    #[test]
    fn residents_use_the_personal_area_and_staff_the_team_area() {
        assert_eq!(Role::Resident.area(), Area::Personal);
        // Carers are residents: the old role's code no longer reads (the migration moved it).
        assert_eq!(Role::parse("carer"), None);
        assert_eq!(Role::TeamLead.area(), Area::Team);
        assert_eq!(Role::EngagementOfficer.area().path(), "/engagement");
    }
}
