//! Where a resident lives: their home ward, which gives their neighbourhood and the integrated
//! neighbourhood team that sees what they share.

use super::form::Form;
use super::place::Neighbourhood;
use serde::{Deserialize, Serialize};

/// The outward part of a UK postcode (the district: `M8`, `M21`, `SK4`), from a whole postcode
/// or the district alone, in any case and spacing. `None` if it cannot be a postcode.
pub fn postcode_district(input: &str) -> Option<String> {
    let compact: String = input
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_uppercase();
    if compact.is_empty() || !compact.chars().all(|c| c.is_ascii_alphanumeric()) {
        return None;
    }
    // A whole postcode ends with its inward code: a digit and two letters.
    let outward = if compact.len() >= 5 {
        let (outward, inward) = compact.split_at(compact.len() - 3);
        let mut inward = inward.chars();
        let ok = inward.next().is_some_and(|c| c.is_ascii_digit())
            && inward.all(|c| c.is_ascii_alphabetic());
        if !ok {
            return None;
        }
        outward.to_string()
    } else {
        compact
    };
    // An outward code: one or two letters, a digit, then at most one more letter or digit.
    let letters = outward
        .chars()
        .take_while(|c| c.is_ascii_alphabetic())
        .count();
    let rest = &outward[letters..];
    let valid = (1..=2).contains(&letters)
        && rest.starts_with(|c: char| c.is_ascii_digit())
        && (1..=2).contains(&rest.len());
    valid.then_some(outward)
}

/// Choosing a home ward: its code.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct WhereILiveForm {
    pub ward: String,
}

impl Form for WhereILiveForm {
    const ID: &'static str = "where-i-live";
}

/// The where-I-live page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WhereILive {
    /// The home ward's code and its neighbourhood's name, if chosen.
    pub ward: Option<String>,
    pub neighbourhood: Option<String>,
    /// Every neighbourhood with its wards, to choose from.
    pub neighbourhoods: Vec<Neighbourhood>,
    /// The postcode district looked up, and the wards in it.
    pub district: Option<String>,
    pub found: Vec<String>,
    /// Why a postcode could not be looked up.
    pub postcode_problem: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_district_comes_from_a_whole_postcode_or_the_district_alone() {
        assert_eq!(postcode_district("m8 5de").as_deref(), Some("M8"));
        assert_eq!(postcode_district("M215PX").as_deref(), Some("M21"));
        assert_eq!(postcode_district(" sk4 1aa ").as_deref(), Some("SK4"));
        assert_eq!(postcode_district("M13").as_deref(), Some("M13"));
        assert_eq!(postcode_district("EC1A 1BB").as_deref(), Some("EC1A"));
        for bad in ["", "hello", "12345", "M8 5D", "M8-5DE", "MMM8", "<script>"] {
            assert_eq!(postcode_district(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_whole_postcode_needs_a_digit_and_two_letters_at_its_end() {
        // Rule: the inward code of a whole postcode is a digit then two letters.
        for bad in ["M8 5D1", "M8 D5E", "M8 55E"] {
            assert_eq!(postcode_district(bad), None, "{bad}");
        }
        assert_eq!(postcode_district("M1 1AA").as_deref(), Some("M1"));
        assert_eq!(postcode_district("m1").as_deref(), Some("M1"));
    }
}
