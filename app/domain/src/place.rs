//! The city's geography: localities, neighbourhoods, wards and their teams. All configuration
//! data; only the three localities are fixed.

use super::ids::{NeighbourhoodId, TeamId, WardId};
use super::text::{TextError, name_line, single_line};
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
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewNeighbourhood {
    pub code: Code,
    pub name: String,
    pub locality: Locality,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewWard {
    pub code: Code,
    pub name: String,
    pub neighbourhood: Code,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewTeam {
    pub code: Code,
    pub name: String,
    pub neighbourhood: Code,
}

/// The longest name of a neighbourhood, ward or team.
pub const MAX_PLACE_NAME_CHARS: usize = 100;

/// What an admin can add or rename.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum PlaceKind {
    Neighbourhood,
    Ward,
    Team,
}

impl PlaceKind {
    pub const ALL: [PlaceKind; 3] = [PlaceKind::Neighbourhood, PlaceKind::Ward, PlaceKind::Team];

    pub fn code(self) -> &'static str {
        match self {
            PlaceKind::Neighbourhood => "neighbourhood",
            PlaceKind::Ward => "ward",
            PlaceKind::Team => "team",
        }
    }

    pub fn parse(code: &str) -> Option<PlaceKind> {
        PlaceKind::ALL.into_iter().find(|k| k.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            PlaceKind::Neighbourhood => "Neighbourhood",
            PlaceKind::Ward => "Ward",
            PlaceKind::Team => "Team",
        }
    }
}

/// An add-a-place form as typed. `within` is the locality of a neighbourhood, or the
/// neighbourhood code of a ward or team.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PlaceForm {
    pub code: String,
    pub name: String,
    pub within: String,
}

impl crate::form::Form for PlaceForm {
    const ID: &'static str = "place";
}

/// Renaming a place: `place` is the choice `kind:code`, `name` the new name.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RenamePlaceForm {
    pub place: String,
    pub name: String,
}

impl crate::form::Form for RenamePlaceForm {
    const ID: &'static str = "place-rename";
}

/// A place that passed every check needing no database.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NewPlace {
    Neighbourhood(NewNeighbourhood),
    Ward(NewWard),
    Team(NewTeam),
}

fn field(field: &str, message: String) -> crate::error::FieldError {
    crate::error::FieldError {
        field: field.to_string(),
        message,
    }
}

/// A place's name: one line, 1 to 100 characters.
pub fn place_name(input: &str) -> Result<String, crate::error::FieldError> {
    name_line(input, MAX_PLACE_NAME_CHARS).map_err(|e| match e {
        TextError::Missing => field("name", "Enter a name".into()),
        other => field("name", format!("Name: {other}")),
    })
}

impl PlaceForm {
    pub fn check(&self, kind: PlaceKind) -> Result<NewPlace, Vec<crate::error::FieldError>> {
        let mut errors = Vec::new();
        let code = Code::parse(&self.code)
            .map_err(|e| {
                errors.push(match e {
                    TextError::Missing => field("code", "Enter a code".into()),
                    other => field("code", format!("Code: {other}")),
                })
            })
            .ok();
        let name = place_name(&self.name).map_err(|e| errors.push(e)).ok();
        let within = match kind {
            PlaceKind::Neighbourhood => match Locality::parse(&self.within) {
                Some(locality) => Some(Err(locality)),
                None => {
                    errors.push(field("within", "Select the locality".into()));
                    None
                }
            },
            PlaceKind::Ward | PlaceKind::Team => match Code::parse(&self.within) {
                Ok(neighbourhood) => Some(Ok(neighbourhood)),
                Err(_) => {
                    errors.push(field("within", "Select the neighbourhood".into()));
                    None
                }
            },
        };
        match (code, name, within) {
            // Each part is `None` exactly when it added a problem.
            (Some(code), Some(name), Some(within)) => Ok(match within {
                Err(locality) => NewPlace::Neighbourhood(NewNeighbourhood {
                    code,
                    name,
                    locality,
                }),
                Ok(neighbourhood) if kind == PlaceKind::Ward => NewPlace::Ward(NewWard {
                    code,
                    name,
                    neighbourhood,
                }),
                Ok(neighbourhood) => NewPlace::Team(NewTeam {
                    code,
                    name,
                    neighbourhood,
                }),
            }),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_place_name_refuses_joiners_between_ascii_letters() {
        // The reliability run's bad input: a zero-width joiner inside "Ward" was stored.
        assert!(super::place_name("Wa\u{200D}rd").is_err());
        assert!(super::place_name("Moss Side").is_ok());
    }

    use super::*;

    fn form(code: &str, name: &str, within: &str) -> PlaceForm {
        PlaceForm {
            code: code.into(),
            name: name.into(),
            within: within.into(),
        }
    }

    fn fields(result: Result<NewPlace, Vec<crate::error::FieldError>>) -> Vec<String> {
        result
            .err()
            .unwrap_or_default()
            .into_iter()
            .map(|e| e.field)
            .collect()
    }

    #[test]
    fn a_neighbourhood_needs_a_known_locality() {
        assert!(matches!(
            form("north-9", "Harpurhey", "north").check(PlaceKind::Neighbourhood),
            Ok(NewPlace::Neighbourhood(n)) if n.locality == Locality::North
        ));
        assert_eq!(
            fields(form("north-9", "Harpurhey", "east").check(PlaceKind::Neighbourhood)),
            ["within"]
        );
    }

    #[test]
    fn wards_and_teams_name_their_neighbourhood_by_code() {
        assert!(matches!(
            form("ward-x", "X", "north-1").check(PlaceKind::Ward),
            Ok(NewPlace::Ward(w)) if w.neighbourhood.as_str() == "north-1"
        ));
        assert!(matches!(
            form("int-x", "X", "north-1").check(PlaceKind::Team),
            Ok(NewPlace::Team(_))
        ));
        assert_eq!(
            fields(form("int-x", "X", "").check(PlaceKind::Team)),
            ["within"]
        );
    }

    #[test]
    fn every_problem_is_reported_in_page_order() {
        assert_eq!(
            fields(form("X Y", "", "").check(PlaceKind::Ward)),
            ["code", "name", "within"]
        );
        assert_eq!(
            fields(form("ok-code", "Line\nbreak", "north-1").check(PlaceKind::Ward)),
            ["name"]
        );
    }

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

    #[test]
    fn a_two_character_code_is_the_shortest_accepted() {
        // Rule: codes are 2 to 40 characters; one character is too short however valid.
        assert_eq!(Code::parse("n1").map(|c| c.0), Ok("n1".to_string()));
        assert_eq!(Code::parse("a-"), Ok(Code("a-".into())));
        assert_eq!(Code::parse("a"), Err(TextError::BadCode));
        assert_eq!(Code::parse(&"a".repeat(40)).map(|c| c.0.len()), Ok(40));
    }

    #[test]
    fn missing_codes_and_names_have_their_own_messages() {
        // Rule: an empty code or name asks for one; other problems say what is wrong.
        let errors = form("", "", "north")
            .check(PlaceKind::Neighbourhood)
            .unwrap_err();
        let messages: Vec<&str> = errors.iter().map(|e| e.message.as_str()).collect();
        assert_eq!(messages, ["Enter a code", "Enter a name"]);
        assert_eq!(
            place_name("a\nb").unwrap_err().message,
            "Name: Keep this to one line"
        );
        assert_eq!(place_name(" Ancoats ").unwrap(), "Ancoats");
        let bad_code = form("X", "Y", "north-1")
            .check(PlaceKind::Team)
            .unwrap_err();
        assert_eq!(
            bad_code[0].message,
            "Code: Use lower-case letters, numbers and hyphens, starting with a letter"
        );
    }

    #[test]
    fn place_kinds_are_named_in_the_address_and_on_the_page() {
        // Rule: `/admin/places/<code>/new`; the label heads the form.
        for kind in PlaceKind::ALL {
            assert_eq!(PlaceKind::parse(kind.code()), Some(kind));
        }
        let named: Vec<(&str, &str)> = PlaceKind::ALL
            .into_iter()
            .map(|k| (k.code(), k.label()))
            .collect();
        assert_eq!(
            named,
            [
                ("neighbourhood", "Neighbourhood"),
                ("ward", "Ward"),
                ("team", "Team")
            ]
        );
        assert_eq!(PlaceKind::parse("Ward"), None);
        assert_eq!(PlaceKind::parse("locality"), None);
    }

    #[test]
    fn localities_read_as_the_city_names_them() {
        let labels: Vec<&str> = Locality::ALL.into_iter().map(Locality::label).collect();
        assert_eq!(labels, ["North", "Central", "South"]);
    }
}
