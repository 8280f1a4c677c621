//! The demo city and its people: 12 neighbourhoods (an illustrative grouping of Manchester's
//! 32 wards), nine made-up people, and a small illustrative postcode table.

use app::domain::place::Locality;
use app::domain::role::Role;

/// (code, name, locality, wards)
pub(super) const NEIGHBOURHOODS: [(&str, &str, Locality, &[&str]); 12] = [
    (
        "cheetham-crumpsall",
        "Cheetham and Crumpsall",
        Locality::North,
        &["Cheetham", "Crumpsall"],
    ),
    (
        "blackley-charlestown",
        "Blackley and Charlestown",
        Locality::North,
        &["Higher Blackley", "Charlestown"],
    ),
    (
        "harpurhey-moston",
        "Harpurhey and Moston",
        Locality::North,
        &["Harpurhey", "Moston"],
    ),
    (
        "newton-heath-ancoats",
        "Newton Heath and Ancoats",
        Locality::North,
        &["Miles Platting and Newton Heath", "Ancoats and Beswick"],
    ),
    (
        "city-centre",
        "City Centre",
        Locality::Central,
        &["Deansgate", "Piccadilly"],
    ),
    (
        "ardwick-longsight",
        "Ardwick and Longsight",
        Locality::Central,
        &["Ardwick", "Longsight"],
    ),
    (
        "gorton-levenshulme",
        "Gorton and Levenshulme",
        Locality::Central,
        &[
            "Gorton and Abbey Hey",
            "Levenshulme",
            "Clayton and Openshaw",
        ],
    ),
    (
        "hulme-moss-side-rusholme",
        "Hulme, Moss Side and Rusholme",
        Locality::Central,
        &["Hulme", "Moss Side", "Rusholme"],
    ),
    (
        "chorlton-whalley-range",
        "Chorlton and Whalley Range",
        Locality::South,
        &["Chorlton", "Chorlton Park", "Whalley Range"],
    ),
    (
        "fallowfield-withington",
        "Fallowfield and Withington",
        Locality::South,
        &["Fallowfield", "Withington", "Old Moat", "Burnage"],
    ),
    (
        "didsbury",
        "Didsbury",
        Locality::South,
        &["Didsbury East", "Didsbury West"],
    ),
    (
        "wythenshawe",
        "Wythenshawe",
        Locality::South,
        &[
            "Baguley",
            "Brooklands",
            "Northenden",
            "Sharston",
            "Woodhouse Park",
        ],
    ),
];

/// A made-up person for demo sign-in.
pub(super) struct DemoSeed {
    pub(super) key: &'static str,
    pub(super) name: &'static str,
    pub(super) role: Role,
    /// The neighbourhood whose team they work in (staff only).
    pub(super) team: Option<&'static str>,
    pub(super) home_ward: Option<&'static str>,
    pub(super) description: &'static str,
}

pub(super) const PEOPLE: [DemoSeed; 11] = [
    DemoSeed {
        key: "amira",
        name: "Amira Khan",
        role: Role::Resident,
        team: None,
        home_ward: Some("Cheetham"),
        description: "A resident of Cheetham who keeps her own record.",
    },
    DemoSeed {
        key: "hannah",
        name: "Hannah Price",
        role: Role::Resident,
        team: None,
        home_ward: Some("Ancoats and Beswick"),
        description: "Wrote her record seven months ago: Hive asks her to check it is still right.",
    },
    DemoSeed {
        key: "idris",
        name: "Idris Hughes",
        role: Role::Resident,
        team: None,
        home_ward: Some("Moss Side"),
        description: "Also has not looked at his record for seven months.",
    },
    DemoSeed {
        key: "george",
        name: "George Walsh",
        role: Role::Resident,
        team: None,
        home_ward: Some("Chorlton"),
        description: "A resident of Chorlton whose daughter helps with his care.",
    },
    DemoSeed {
        key: "lin",
        name: "Lin Walsh",
        role: Role::Resident,
        team: None,
        home_ward: Some("Chorlton"),
        description: "Cares for her father, George Walsh: he lets her act for him.",
    },
    DemoSeed {
        key: "olu",
        name: "Olu Bello",
        role: Role::Resident,
        team: None,
        home_ward: Some("Chorlton Park"),
        description: "Lives in Chorlton Park and has not shared anything with the team yet.",
    },
    DemoSeed {
        key: "maggie",
        name: "Maggie Byrne",
        role: Role::Resident,
        team: None,
        home_ward: Some("Whalley Range"),
        description: "Lives in Whalley Range and has not shared anything with the team yet.",
    },
    DemoSeed {
        key: "sam",
        name: "Sam Okafor",
        role: Role::Practitioner,
        team: Some("cheetham-crumpsall"),
        home_ward: None,
        description: "A district nurse in the Cheetham and Crumpsall team.",
    },
    DemoSeed {
        key: "priya",
        name: "Priya Shah",
        role: Role::TeamLead,
        team: Some("chorlton-whalley-range"),
        home_ward: None,
        description: "Leads the Chorlton and Whalley Range team.",
    },
    DemoSeed {
        key: "joe",
        name: "Joe Murphy",
        role: Role::EngagementOfficer,
        team: None,
        home_ward: None,
        description: "Runs feedback campaigns across the city.",
    },
    DemoSeed {
        key: "ruth",
        name: "Ruth Adeyemi",
        role: Role::Admin,
        team: None,
        home_ward: None,
        description: "Looks after the staff directory and the city's settings.",
    },
];

/// An illustrative table of postcode districts and the demo wards in them (the page that uses
/// it says so): enough to find a ward from a postcode in the demo, not a real lookup.
pub(super) const POSTCODE_DISTRICTS: &[(&str, &str)] = &[
    ("M8", "Cheetham"),
    ("M8", "Crumpsall"),
    ("M9", "Higher Blackley"),
    ("M9", "Harpurhey"),
    ("M40", "Moston"),
    ("M40", "Miles Platting and Newton Heath"),
    ("M4", "Ancoats and Beswick"),
    ("M1", "Piccadilly"),
    ("M3", "Deansgate"),
    ("M12", "Ardwick"),
    ("M13", "Longsight"),
    ("M14", "Moss Side"),
    ("M14", "Rusholme"),
    ("M15", "Hulme"),
    ("M16", "Whalley Range"),
    ("M21", "Chorlton"),
    ("M21", "Chorlton Park"),
    ("M20", "Didsbury West"),
    ("M20", "Withington"),
];
