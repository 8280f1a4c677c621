//! How sure an identity provider is that a person is who they say (NHS login's levels).

use serde::{Deserialize, Serialize};

/// P0: verified email or phone; P5: matched to the national demographics service;
/// P9: photo ID checked. Ordered: `P9 > P5 > P0`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum IdentityLevel {
    P0,
    P5,
    P9,
}

impl IdentityLevel {
    pub fn code(self) -> &'static str {
        match self {
            IdentityLevel::P0 => "P0",
            IdentityLevel::P5 => "P5",
            IdentityLevel::P9 => "P9",
        }
    }

    /// A level as configured (`P9`) or as returned in `identity_proofing_level`.
    pub fn parse(code: &str) -> Option<IdentityLevel> {
        match code {
            "P0" => Some(IdentityLevel::P0),
            "P5" => Some(IdentityLevel::P5),
            "P9" => Some(IdentityLevel::P9),
            _ => None,
        }
    }

    /// The level inside a vector of trust as returned in `vot`, e.g. `P9.Cp.Cd`.
    pub fn from_vot(vot: &str) -> Option<IdentityLevel> {
        IdentityLevel::parse(vot.split('.').next()?)
    }
}

/// The credentials part of a vector of trust (`Cp.Cd` of `P9.Cp.Cd`), as a sorted list, so
/// `Cd.Cp` and `Cp.Cd` are the same.
fn credentials(vector: &str) -> Vec<&str> {
    let mut parts: Vec<&str> = vector
        .trim()
        .split('.')
        .skip(1)
        .filter(|p| !p.is_empty())
        .collect();
    parts.sort_unstable();
    parts
}

/// Whether the credentials a provider says it used (`vot`, e.g. `P9.Cp.Cd`) are ones Hive asked
/// for (`vtr`, e.g. `["P9.Cp.Cd","P9.Cm"]`). A provider that asked for nothing accepts anything;
/// one that asked and got no `vot` (or no credentials in it) does not: the level then counts for
/// nothing.
pub fn credentials_requested(vtr: &[String], vot: Option<&str>) -> bool {
    if vtr.is_empty() {
        return true;
    }
    let Some(used) = vot.map(credentials).filter(|c| !c.is_empty()) else {
        return false;
    };
    vtr.iter().any(|asked| credentials(asked) == used)
}

/// Who an identity provider is for: residents (NHS login) or staff (NHS CIS2, an organisation's
/// own provider). Staff providers only ever sign in people already in the staff directory.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Audience {
    Residents,
    Staff,
}

/// A configured identity provider as the sign-in page offers it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProviderOption {
    pub id: String,
    pub label: String,
    pub audience: Audience,
}

/// What the sign-in page offers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignInOptions {
    pub demo: bool,
    pub providers: Vec<ProviderOption>,
}

#[cfg(test)]
mod tests {
    #[test]
    fn only_the_credentials_asked_for_are_accepted() {
        use super::credentials_requested;
        let asked: Vec<String> = ["P9.Cp.Cd", "P9.Cp.Ck", "P9.Cm"].map(String::from).to_vec();
        assert!(credentials_requested(&asked, Some("P9.Cp.Cd")));
        assert!(
            credentials_requested(&asked, Some("P5.Cd.Cp")),
            "order and level aside"
        );
        assert!(credentials_requested(&asked, Some("P9.Cm")));
        assert!(
            !credentials_requested(&asked, Some("P9.Cp")),
            "a password alone"
        );
        assert!(!credentials_requested(&asked, Some("P9.Cp.Cd.Ck")));
        assert!(!credentials_requested(&asked, Some("P9")));
        assert!(!credentials_requested(&asked, None));
        assert!(credentials_requested(&[], None), "nothing asked for");
        assert!(credentials_requested(&[], Some("P0.Cp")));
    }

    use super::*;

    #[test]
    fn levels_are_ordered_by_assurance() {
        assert!(IdentityLevel::P9 > IdentityLevel::P5);
        assert!(IdentityLevel::P5 > IdentityLevel::P0);
    }

    #[test]
    fn only_exact_codes_parse() {
        assert_eq!(IdentityLevel::parse("P9"), Some(IdentityLevel::P9));
        assert_eq!(IdentityLevel::parse("p9"), None);
        assert_eq!(IdentityLevel::parse("P7"), None);
    }

    #[test]
    fn the_level_is_read_from_a_vector_of_trust() {
        assert_eq!(IdentityLevel::from_vot("P9.Cp.Cd"), Some(IdentityLevel::P9));
        assert_eq!(IdentityLevel::from_vot("P5.Cm"), Some(IdentityLevel::P5));
        assert_eq!(IdentityLevel::from_vot("Cp.P9"), None);
        assert_eq!(IdentityLevel::from_vot(""), None);
    }

    #[test]
    fn every_level_parses_from_its_code() {
        // Rule: P0, P5 and P9 each read back from their own code (P0 included: a verified
        // email or phone is a level, not an unknown one).
        assert_eq!(IdentityLevel::parse("P0"), Some(IdentityLevel::P0));
        assert_eq!(IdentityLevel::parse("P5"), Some(IdentityLevel::P5));
        for level in [IdentityLevel::P0, IdentityLevel::P5, IdentityLevel::P9] {
            assert_eq!(IdentityLevel::parse(level.code()), Some(level));
        }
        assert_eq!(IdentityLevel::P0.code(), "P0");
        assert_eq!(IdentityLevel::from_vot("P0.Cp"), Some(IdentityLevel::P0));
        assert_eq!(IdentityLevel::parse(""), None);
    }
}
