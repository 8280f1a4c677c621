//! Rules for every piece of text a person types into Hive. The same rules run in the browser and
//! on the server, and give the same result whichever database stores the text.

use serde::{Deserialize, Serialize};
use unicode_normalization::UnicodeNormalization;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum TextError {
    #[error("Enter some text")]
    Missing,
    #[error("Use {max} characters or fewer")]
    TooLong { max: usize },
    #[error("Remove the hidden control characters (they are often pasted in by accident)")]
    ControlCharacter,
    #[error("Keep this to one line")]
    LineBreak,
    #[error(
        "Remove the invisible characters (such as zero-width spaces or direction marks): they can make words read differently from how they look"
    )]
    InvisibleCharacter,
    #[error(
        "Remove the characters that could not be read (shown as \u{FFFD}): they were not sent as text"
    )]
    Unreadable,
    #[error("Use lower-case letters, numbers and hyphens, starting with a letter")]
    BadCode,
    #[error("Enter an email address in the correct format, like name@nhs.net")]
    BadEmail,
}

/// Free text that may span lines (a section of About Me, a comment). Line endings become `\n`,
/// the text is stored in Unicode NFC, and surrounding blank space is dropped. `Ok(None)` means
/// the person left it empty.
pub fn free_text(input: &str, max_chars: usize) -> Result<Option<String>, TextError> {
    let unified = input.replace("\r\n", "\n").replace('\r', "\n");
    if unified
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t')
    {
        return Err(TextError::ControlCharacter);
    }
    // What a browser or script sent as bytes that are not UTF-8, decoded as the replacement
    // character: storing it would keep a garbled text nobody typed.
    if unified.contains('\u{FFFD}') {
        return Err(TextError::Unreadable);
    }
    let normalised: String = unified.trim().nfc().collect();
    if normalised.is_empty() {
        return Ok(None);
    }
    if normalised.chars().count() > max_chars {
        return Err(TextError::TooLong { max: max_chars });
    }
    Ok(Some(normalised))
}

/// Characters that change how text is shown without being seen: the bidirectional controls
/// (embeddings, overrides, isolates, marks) and zero-width spaces and joiners (U+200B, U+2060,
/// U+FEFF, U+180E). In a name they could make it read as someone else's.
fn invisible(c: char) -> bool {
    matches!(
        c,
        '\u{202A}'..='\u{202E}'
            | '\u{2066}'..='\u{2069}'
            | '\u{200E}'
            | '\u{200F}'
            | '\u{061C}'
            | '\u{200B}'
            | '\u{2060}'
            | '\u{FEFF}'
            | '\u{180E}'
    )
}

/// A person's name: one line, with no invisible characters. The zero-width joiner and
/// non-joiner (U+200D, U+200C) are part of how some scripts are written (Persian, the Indic
/// scripts), so they are kept between two letters outside ASCII, and refused anywhere else.
pub fn name_line(input: &str, max_chars: usize) -> Result<String, TextError> {
    let name = single_line(input, max_chars)?;
    let chars: Vec<char> = name.chars().collect();
    let joins_letters = |i: usize| {
        let letter = |c: Option<&char>| c.is_some_and(|c| c.is_alphabetic() && !c.is_ascii());
        i > 0 && letter(chars.get(i - 1)) && letter(chars.get(i + 1))
    };
    let bad = chars
        .iter()
        .enumerate()
        .any(|(i, c)| invisible(*c) || (matches!(c, '\u{200C}' | '\u{200D}') && !joins_letters(i)));
    if bad {
        return Err(TextError::InvisibleCharacter);
    }
    Ok(name)
}

/// A required single line (a name, a title, a language). Refuses the invisible characters too
/// (a direction override in a service's or a carer's name reads as something else); the joiners
/// are left to `name_line`, which knows where a name may have them.
pub fn single_line(input: &str, max_chars: usize) -> Result<String, TextError> {
    if input.contains(['\n', '\r']) {
        return Err(TextError::LineBreak);
    }
    if input.chars().any(invisible) {
        return Err(TextError::InvisibleCharacter);
    }
    free_text(input, max_chars)?.ok_or(TextError::Missing)
}

/// Text made safe to write into HTML as text: `&`, `<`, `>`, `"` and `'` become references.
/// For the two places Leptos 0.8 writes text into a page without escaping it on the server:
/// the children of `<textarea>` and the `<title>` (see `components::form::TextAreaField` and the
/// layout's title formatter).
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_joiner_is_kept_only_between_two_letters_of_a_script_that_needs_it() {
        // Persian writes "mi-khaham" with a non-joiner between two Arabic-script letters.
        assert!(name_line("\u{645}\u{6CC}\u{200C}\u{62E}", 100).is_ok());
        for name in [
            "Ann\u{200D}e",            // between Latin letters: never needed
            "a\u{200C}\u{645}",        // only the letter after is of such a script
            "\u{645}\u{200C}a",        // only the letter before
            "\u{645}\u{200C} \u{645}", // a space after it
        ] {
            assert_eq!(
                name_line(name, 100),
                Err(TextError::InvisibleCharacter),
                "{name:?}"
            );
        }
    }

    #[test]
    fn html_is_escaped_to_text() {
        assert_eq!(
            escape_html("</textarea><b a=\"x\" b='y'>&"),
            "&lt;/textarea&gt;&lt;b a=&quot;x&quot; b=&#39;y&#39;&gt;&amp;"
        );
        assert_eq!(escape_html("Amira Khan"), "Amira Khan");
    }

    #[test]
    fn empty_and_blank_free_text_is_none() {
        assert_eq!(free_text("", 10), Ok(None));
        assert_eq!(free_text(" \n\t ", 10), Ok(None));
    }

    #[test]
    fn windows_and_old_mac_line_endings_become_newlines() {
        assert_eq!(free_text("a\r\nb\rc", 10), Ok(Some("a\nb\nc".into())));
    }

    #[test]
    fn tabs_and_newlines_are_kept_inside_text() {
        assert_eq!(free_text("a\tb\nc", 10), Ok(Some("a\tb\nc".into())));
    }

    #[test]
    fn text_that_was_not_sent_as_text_is_refused() {
        assert_eq!(free_text("caf\u{FFFD}", 100), Err(TextError::Unreadable));
        assert_eq!(
            single_line("\u{FFFD}\u{FFFD}", 100),
            Err(TextError::Unreadable)
        );
    }

    #[test]
    fn single_lines_refuse_direction_overrides_and_zero_width_spaces() {
        for bad in [
            "Dis\u{202E}trict",
            "Ward\u{200B}",
            "\u{2066}x\u{2069}",
            "a\u{200F}b",
        ] {
            assert_eq!(
                single_line(bad, 100),
                Err(TextError::InvisibleCharacter),
                "{bad:?}"
            );
        }
        assert!(single_line("Community therapy", 100).is_ok());
    }

    #[test]
    fn nul_and_other_control_characters_are_refused() {
        for bad in ["a\0b", "a\u{7}b", "a\u{1b}[31mb", "a\u{7f}b", "a\u{85}b"] {
            assert_eq!(
                free_text(bad, 100),
                Err(TextError::ControlCharacter),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn text_is_stored_in_nfc() {
        let decomposed = "Cafe\u{301}";
        assert_eq!(free_text(decomposed, 10), Ok(Some("Caf\u{e9}".into())));
    }

    #[test]
    fn the_limit_counts_characters_after_normalisation() {
        // Four decomposed characters are eight code points but four characters once composed.
        let decomposed = "e\u{301}".repeat(4);
        assert!(free_text(&decomposed, 4).is_ok());
        assert_eq!(
            free_text(&"a".repeat(5), 4),
            Err(TextError::TooLong { max: 4 })
        );
    }

    #[test]
    fn markup_is_just_text() {
        let payload = "</textarea><script>alert(1)</script>";
        assert_eq!(free_text(payload, 100), Ok(Some(payload.into())));
    }

    #[test]
    fn single_lines_are_required_and_refuse_line_breaks() {
        assert_eq!(single_line("  ", 10), Err(TextError::Missing));
        assert_eq!(single_line("a\r\nb", 10), Err(TextError::LineBreak));
        assert_eq!(single_line(" a b ", 10), Ok("a b".into()));
    }
}
