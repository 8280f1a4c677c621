//! The city's geography: localities, neighbourhoods, wards and their teams. All configuration
//! data; only the three localities are fixed.

use super::ids::{NeighbourhoodId, TeamId, WardId};
use super::text::{TextError, single_line};
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Locality {
    North,
    Central,
    South,
}

impl Locality {
    pub const ALL: [Locality; 3] = [Locality::North, Locality::Central, Locality::South];

    pub fn code(self) -> &'static str {
        match self {
            Locality::North => "north",
            Locality::Central => "central",
            Locality::South => "south",
        }
    }

    pub fn parse(code: &str) -> Option<Locality> {
        Locality::ALL.into_iter().find(|l| l.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            Locality::North => "North",
            Locality::Central => "Central",
            Locality::South => "South",
        }
    }
}

/// A neighbourhood as people see it: its team and the wards it covers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Neighbourhood {
    pub id: NeighbourhoodId,
    pub code: String,
    pub name: String,
    pub locality: Locality,
    pub team: Option<Team>,
    pub wards: Vec<Ward>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ward {
    pub id: WardId,
    pub code: String,
    pub name: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Team {
    pub id: TeamId,
    pub code: String,
    pub name: String,
}

/// A stable short code for configuration data, e.g. `north-1` or `ward-ancoats`: lower-case
/// letters, digits and hyphens, 2 to 40 characters, starting with a letter.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Code(String);

impl Code {
    pub fn parse(input: &str) -> Result<Code, TextError> {
        let value = single_line(input, 40)?;
        let valid_chars = value
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        let starts_with_letter = value.starts_with(|c: char| c.is_ascii_lowercase());
        if value.chars().count() < 2 || !valid_chars || !starts_with_letter {
            return Err(TextError::BadCode);
        }
        Ok(Code(value))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A neighbourhood, ward or team to be created (by an admin, or the demo seed).
#[derive(Clone, Debug)]
pub struct NewNeighbourhood {
    pub code: Code,
    pub name: String,
    pub locality: Locality,
}

#[derive(Clone, Debug)]
pub struct NewWard {
    pub code: Code,
    pub name: String,
    pub neighbourhood: Code,
}

#[derive(Clone, Debug)]
pub struct NewTeam {
    pub code: Code,
    pub name: String,
    pub neighbourhood: Code,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locality_codes_round_trip() {
        for locality in Locality::ALL {
            assert_eq!(Locality::parse(locality.code()), Some(locality));
        }
        assert_eq!(Locality::parse("east"), None);
    }

    #[test]
    fn codes_are_lower_case_letters_digits_and_hyphens() {
        assert_eq!(
            Code::parse("north-1").map(|c| c.0),
            Ok("north-1".to_string())
        );
        assert_eq!(Code::parse("North-1"), Err(TextError::BadCode));
        assert_eq!(Code::parse("north 1"), Err(TextError::BadCode));
        assert_eq!(Code::parse("1-north"), Err(TextError::BadCode));
        assert_eq!(Code::parse("n"), Err(TextError::BadCode));
    }

    #[test]
    fn an_empty_code_is_reported_as_missing() {
        assert_eq!(Code::parse("  "), Err(TextError::Missing));
    }

    #[test]
    fn codes_longer_than_forty_characters_are_rejected() {
        let long = "a".repeat(41);
        assert_eq!(Code::parse(&long), Err(TextError::TooLong { max: 40 }));
    }
}
