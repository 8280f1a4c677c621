//! What in a piece of free text looks as if it identifies someone, for a moderator to check
//! before it is published: email addresses, telephone numbers, NHS numbers (ten digits whose
//! last is the modulus 11 check digit of the other nine), postcodes, and names typed after a
//! title ("Dr Patel", "nurse Sarah"). The patterns are the `regex` crate's; the NHS number
//! check is the NHS Data Dictionary's. Server only: the browser never needs it.

use regex::Regex;
use std::sync::LazyLock;

/// What a piece of text looks like.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Email,
    Phone,
    NhsNumber,
    Postcode,
    Name,
}

impl Kind {
    pub fn label(self) -> &'static str {
        match self {
            Kind::Email => "an email address",
            Kind::Phone => "a telephone number",
            Kind::NhsNumber => "an NHS number",
            Kind::Postcode => "a postcode",
            Kind::Name => "a name",
        }
    }

    /// What replaces it in a suggested redaction.
    pub fn placeholder(self) -> &'static str {
        match self {
            Kind::Email => "[email address removed]",
            Kind::Phone => "[phone number removed]",
            Kind::NhsNumber => "[NHS number removed]",
            Kind::Postcode => "[postcode removed]",
            Kind::Name => "[name removed]",
        }
    }
}

/// The patterns are constants, checked by the tests below.
fn pattern(text: &str) -> Regex {
    Regex::new(text).expect("a valid pattern")
}

static EMAIL: LazyLock<Regex> =
    LazyLock::new(|| pattern(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+"));
/// Ten digits, alone or grouped 3 3 4 (spaces or hyphens): checked as an NHS number first.
static TEN_DIGITS: LazyLock<Regex> = LazyLock::new(|| pattern(r"\b\d{3}[ -]?\d{3}[ -]?\d{4}\b"));
/// A UK number: 0 or +44, then 9 or 10 more digits, with spaces, hyphens or brackets.
static PHONE: LazyLock<Regex> =
    LazyLock::new(|| pattern(r"(?:\+44[ -]?(?:\(0\)[ -]?)?|\(?0)\d(?:[ )-]?\d){8,9}\b"));
static POSTCODE: LazyLock<Regex> =
    LazyLock::new(|| pattern(r"(?i)\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b"));
/// A title, then one or two capitalised words: the words are the name.
static NAME: LazyLock<Regex> = LazyLock::new(|| {
    pattern(
        r"\b(?i:dr|doctor|nurse|sister|matron|mr|mrs|ms|miss|mx|carer|physio|therapist)\.?\s+([A-Z][a-z'-]+(?:\s+[A-Z][a-z'-]+)?)",
    )
});

/// Whether ten digits are a valid NHS number: weights 10 down to 2 on the first nine, the
/// check digit 11 minus the sum modulo 11 (11 reads as 0; 10 is never valid).
pub fn is_nhs_number(digits: &str) -> bool {
    let d: Vec<u32> = digits.chars().filter_map(|c| c.to_digit(10)).collect();
    // `to_digit(10)` takes only the ASCII digits: other characters (spaces, hyphens) drop out.
    if d.len() != 10 {
        return false;
    }
    let sum: u32 = d[..9]
        .iter()
        .zip((2..=10).rev())
        .map(|(digit, weight)| digit * weight)
        .sum();
    match 11 - sum % 11 {
        11 => d[9] == 0,
        10 => false,
        check => d[9] == check,
    }
}

/// Every identifying-looking span of `text` (byte ranges), in order, without overlaps.
pub fn find(text: &str) -> Vec<(std::ops::Range<usize>, Kind)> {
    let mut found: Vec<(std::ops::Range<usize>, Kind)> = Vec::new();
    let mut add = |range: std::ops::Range<usize>, kind: Kind| {
        if !found
            .iter()
            .any(|(r, _)| r.start < range.end && range.start < r.end)
        {
            found.push((range, kind));
        }
    };
    for m in EMAIL.find_iter(text) {
        add(m.range(), Kind::Email);
    }
    for m in TEN_DIGITS.find_iter(text) {
        if is_nhs_number(m.as_str()) {
            add(m.range(), Kind::NhsNumber);
        }
    }
    for m in PHONE.find_iter(text) {
        add(m.range(), Kind::Phone);
    }
    for m in POSTCODE.find_iter(text) {
        add(m.range(), Kind::Postcode);
    }
    for c in NAME.captures_iter(text) {
        if let Some(name) = c.get(1) {
            add(name.range(), Kind::Name);
        }
    }
    found.sort_by_key(|(r, _)| r.start);
    found
}

/// The text in pieces for a moderator, and the redaction Hive suggests.
pub fn mark(text: &str) -> super::feedback::Marked {
    let mut pieces = Vec::new();
    let mut suggested = String::new();
    let mut at = 0;
    for (range, kind) in find(text) {
        if range.start > at {
            pieces.push((text[at..range.start].to_string(), None));
            suggested.push_str(&text[at..range.start]);
        }
        pieces.push((
            text[range.clone()].to_string(),
            Some(kind.label().to_string()),
        ));
        suggested.push_str(kind.placeholder());
        at = range.end;
    }
    if at < text.len() {
        pieces.push((text[at..].to_string(), None));
        suggested.push_str(&text[at..]);
    }
    super::feedback::Marked { pieces, suggested }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(String, Kind)> {
        find(text)
            .into_iter()
            .map(|(r, k)| (text[r].to_string(), k))
            .collect()
    }

    #[test]
    fn nhs_numbers_pass_the_modulus_11_check() {
        // 943 476 5919 is the NHS's own example of a valid number.
        assert!(is_nhs_number("9434765919"));
        assert!(is_nhs_number("943 476 5919"));
        assert!(!is_nhs_number("9434765918"), "wrong check digit");
        // A remainder of 1 gives check 10: never valid.
        assert!(!is_nhs_number("1000000010"));
        // 2×10 + 1×2 = 22, remainder 0: check 11, read as 0.
        assert!(is_nhs_number("2000000010"));
        assert!(!is_nhs_number("2000000011"));
        assert!(!is_nhs_number("943476591"));
    }

    #[test]
    fn identifying_things_are_found_and_ordinary_words_are_not() {
        let text = "Dr Patel was kind. Ring me on 0161 496 0000 or email jo.bloggs@example.org. \
                    My NHS number is 943 476 5919 and I live at M21 9AA. The nurse Sarah Jones helped.";
        let found = kinds(text);
        assert_eq!(
            found,
            vec![
                ("Patel".to_string(), Kind::Name),
                ("0161 496 0000".to_string(), Kind::Phone),
                ("jo.bloggs@example.org".to_string(), Kind::Email),
                ("943 476 5919".to_string(), Kind::NhsNumber),
                ("M21 9AA".to_string(), Kind::Postcode),
                ("Sarah Jones".to_string(), Kind::Name),
            ]
        );
        assert!(kinds("The visits were on time and the team listened to me.").is_empty());
        // Ten digits that fail the check are not an NHS number (but still look like a phone
        // number only if they start with 0).
        assert!(kinds("Reference 9434765918").is_empty());
        assert_eq!(kinds("+44 7700 900123")[0].1, Kind::Phone);
    }

    #[test]
    fn a_suggested_redaction_replaces_each_piece() {
        let marked = mark("Call 07700 900123, ask for nurse Amy.");
        assert_eq!(
            marked.suggested,
            "Call [phone number removed], ask for nurse [name removed]."
        );
        assert_eq!(marked.pieces.len(), 5);
        assert_eq!(marked.pieces[1].1.as_deref(), Some("a telephone number"));
    }

    #[test]
    fn a_piece_inside_another_is_not_marked_twice() {
        // Rule: spans never overlap: the postcode-like "m219aa" inside an email address is
        // part of the email, found first.
        assert_eq!(
            kinds("Write to jo.m219aa@example.org please"),
            vec![("jo.m219aa@example.org".to_string(), Kind::Email)]
        );
    }

    #[test]
    fn a_redaction_has_no_empty_pieces_at_either_end() {
        // Rule: text before and after a piece is kept only when there is some.
        let marked = mark("jo@example.org");
        assert_eq!(
            marked.pieces,
            vec![(
                "jo@example.org".to_string(),
                Some("an email address".to_string())
            )]
        );
        assert_eq!(marked.suggested, "[email address removed]");
        let marked = mark("Dr Patel");
        assert_eq!(
            marked.pieces,
            vec![
                ("Dr ".to_string(), None),
                ("Patel".to_string(), Some("a name".to_string()))
            ]
        );
        assert_eq!(marked.suggested, "Dr [name removed]");
        let plain = mark("no identifying words");
        assert_eq!(
            plain.pieces,
            vec![("no identifying words".to_string(), None)]
        );
        assert_eq!(plain.suggested, "no identifying words");
    }

    #[test]
    fn spans_that_touch_are_both_found() {
        // Rule: two spans overlap only if they share a character; one ending where the next
        // begins are both marked (a name run into a number, an address into a number).
        let kinds = |text: &str| find(text).into_iter().map(|(_, k)| k).collect::<Vec<_>>();
        assert_eq!(kinds("Dr Patel+447700900123"), [Kind::Name, Kind::Phone]);
        assert_eq!(kinds("a@b.uk+447700900123"), [Kind::Email, Kind::Phone]);
    }
}
