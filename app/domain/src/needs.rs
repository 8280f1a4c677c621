//! Communication and information needs, in the kinds the Accessible Information Standard uses.
//! A short summary of them heads the resident's record, and later is the flag staff see first.

use super::text::{TextError, free_text};
use crate::error::FieldError;
use serde::{Deserialize, Serialize};
use std::fmt;

pub const MAX_LANGUAGE_CHARS: usize = 60;
pub const MAX_TIMES_CHARS: usize = 500;
pub const MAX_HOW_TO_TALK_CHARS: usize = 2_000;

super::coded_enum!(
    /// Information in an alternative format.
    Format {
        LargePrint = "large-print", "Large print";
        EasyRead = "easy-read", "Easy Read";
        Braille = "braille", "Braille";
        Audio = "audio", "Audio";
        Electronic = "electronic", "Email or electronic documents (to use with my own technology)";
        BslVideo = "bsl-video", "British Sign Language (BSL) video";
    }
);

super::coded_enum!(
    /// Support during a conversation or appointment.
    Support {
        HearingLoop = "hearing-loop", "A hearing loop";
        Lipreading = "lipreading", "Face me so I can lip-read";
        Advocate = "advocate", "An advocate";
        ExtraTime = "extra-time", "Extra time";
        QuietPlace = "quiet-place", "A quiet place";
    }
);

super::coded_enum!(
    /// A communication professional.
    Professional {
        BslInterpreter = "bsl-interpreter", "British Sign Language interpreter";
        SseInterpreter = "sse-interpreter", "Sign-Supported English interpreter";
        Lipspeaker = "lipspeaker", "Lipspeaker";
        Notetaker = "notetaker", "Notetaker";
        SpeechToText = "speech-to-text", "Speech-to-text reporter";
        DeafblindManual = "deafblind-manual", "Deafblind manual interpreter";
    }
);

super::coded_enum!(
    /// How to get in touch.
    Contact {
        Letter = "letter", "Letter";
        Telephone = "telephone", "Telephone";
        TextMessage = "text-message", "Text message";
        Email = "email", "Email";
        Visit = "visit", "A visit";
        TextRelay = "text-relay", "Text Relay (Relay UK)";
    }
);

/// A resident's needs as stored (every part optional).
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Needs {
    pub formats: Vec<Format>,
    pub support: Vec<Support>,
    pub professionals: Vec<Professional>,
    /// The spoken language they prefer, if not English.
    pub language: Option<String>,
    /// A spoken-language interpreter is needed.
    pub interpreter: bool,
    pub contact: Vec<Contact>,
    pub avoid_times: Option<String>,
    pub how_to_talk: Option<String>,
}

impl fmt::Debug for Needs {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Needs(<redacted>)")
    }
}

impl Needs {
    /// The form filled in with these needs (the version it starts from is set by the page).
    pub fn form(&self) -> NeedsForm {
        fn codes<T: Copy>(list: &[T], code: fn(T) -> &'static str) -> Vec<String> {
            list.iter().map(|x| code(*x).to_string()).collect()
        }
        NeedsForm {
            formats: codes(&self.formats, Format::code),
            support: codes(&self.support, Support::code),
            professionals: codes(&self.professionals, Professional::code),
            language: self.language.clone().unwrap_or_default(),
            interpreter: self.interpreter,
            contact: codes(&self.contact, Contact::code),
            avoid_times: self.avoid_times.clone().unwrap_or_default(),
            how_to_talk: self.how_to_talk.clone().unwrap_or_default(),
            base: String::new(),
        }
    }

    pub fn is_empty(&self) -> bool {
        *self == Needs::default()
    }

    /// The short summary at the top of the record: one line per kind of need that is set.
    pub fn summary(&self) -> Vec<String> {
        fn list<T: Copy>(items: &[T], label: fn(T) -> &'static str) -> String {
            items
                .iter()
                .map(|i| label(*i))
                .collect::<Vec<_>>()
                .join(", ")
        }
        let mut lines = Vec::new();
        if !self.formats.is_empty() {
            lines.push(format!(
                "Information in: {}",
                list(&self.formats, Format::label)
            ));
        }
        if !self.professionals.is_empty() {
            lines.push(format!(
                "Needs: {}",
                list(&self.professionals, Professional::label)
            ));
        }
        match (&self.language, self.interpreter) {
            (Some(language), true) => {
                lines.push(format!("Speaks {language}: needs an interpreter"))
            }
            (Some(language), false) => lines.push(format!("Prefers to speak {language}")),
            (None, true) => lines.push("Needs a spoken-language interpreter".into()),
            (None, false) => {}
        }
        if !self.support.is_empty() {
            lines.push(format!("Support: {}", list(&self.support, Support::label)));
        }
        if !self.contact.is_empty() {
            lines.push(format!(
                "Contact by: {}",
                list(&self.contact, Contact::label)
            ));
        }
        if let Some(times) = &self.avoid_times {
            lines.push(format!("Times to avoid: {times}"));
        }
        lines
    }
}

/// The needs as saved now, for the page and the summary at the top of the record.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NeedsNow {
    pub needs: Needs,
    /// 0 when nothing has been saved.
    pub version: i64,
    pub updated_at: Option<i64>,
    /// The team's newest acknowledgement of the needs, if any.
    #[serde(default)]
    pub read: Option<crate::review::Ack>,
    /// Who wrote this version, when it was not the resident (a carer, for them).
    #[serde(default)]
    pub written_by: Option<String>,
    /// The conversation with the team about the needs (on the needs page).
    #[serde(default)]
    pub conversation: Option<crate::review::ConversationScreen>,
}

/// One saved version of the needs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NeedsVersion {
    pub needs: Needs,
    pub version: i64,
    pub author_name: String,
    pub created_at: i64,
}

/// The needs form as typed: checkbox codes, and text.
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct NeedsForm {
    pub formats: Vec<String>,
    pub support: Vec<String>,
    pub professionals: Vec<String>,
    pub language: String,
    #[serde(deserialize_with = "crate::form::checkbox")]
    pub interpreter: bool,
    pub contact: Vec<String>,
    pub avoid_times: String,
    pub how_to_talk: String,
    pub base: String,
}

impl crate::form::Form for NeedsForm {
    const ID: &'static str = "needs";
}

impl fmt::Debug for NeedsForm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("NeedsForm(<redacted>)")
    }
}

fn codes<T: Copy + PartialEq>(
    input: &[String],
    parse: fn(&str) -> Option<T>,
    field: &str,
    errors: &mut Vec<FieldError>,
) -> Vec<T> {
    let mut out = Vec::new();
    for code in input {
        match parse(code) {
            Some(item) if !out.contains(&item) => out.push(item),
            Some(_) => {}
            None => {
                errors.push(FieldError {
                    field: field.into(),
                    message: "Choose from the options given".into(),
                });
                break;
            }
        }
    }
    out
}

impl NeedsForm {
    /// The checked needs and the version the edit started from.
    pub fn check(&self) -> Result<(Needs, i64), Vec<FieldError>> {
        let mut errors = Vec::new();
        let formats = codes(&self.formats, Format::parse, "formats", &mut errors);
        let support = codes(&self.support, Support::parse, "support", &mut errors);
        let professionals = codes(
            &self.professionals,
            Professional::parse,
            "professionals",
            &mut errors,
        );
        let mut text = |field: &str, input: &str, max: usize, one_line: bool| -> Option<String> {
            let result = if one_line && input.contains(['\n', '\r']) {
                Err(TextError::LineBreak)
            } else {
                free_text(input, max)
            };
            result
                .map_err(|e| {
                    errors.push(FieldError {
                        field: field.into(),
                        message: e.to_string(),
                    })
                })
                .ok()
                .flatten()
        };
        let language = text("language", &self.language, MAX_LANGUAGE_CHARS, true);
        let avoid_times = text("avoid_times", &self.avoid_times, MAX_TIMES_CHARS, false);
        let how_to_talk = text(
            "how_to_talk",
            &self.how_to_talk,
            MAX_HOW_TO_TALK_CHARS,
            false,
        );
        let contact = codes(&self.contact, Contact::parse, "contact", &mut errors);
        let base = match self.base.trim().parse::<i64>() {
            Ok(base) if base >= 0 => base,
            _ => {
                errors.push(FieldError {
                    field: String::new(),
                    message: "The form could not be read. Reload the page and try again.".into(),
                });
                0
            }
        };
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok((
            Needs {
                formats,
                support,
                professionals,
                language,
                interpreter: self.interpreter,
                contact,
                avoid_times,
                how_to_talk,
            },
            base,
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> NeedsForm {
        NeedsForm {
            base: "0".into(),
            ..NeedsForm::default()
        }
    }

    #[test]
    fn only_known_codes_are_accepted_and_repeats_count_once() {
        let mut f = form();
        f.formats = vec!["large-print".into(), "large-print".into(), "braille".into()];
        assert_eq!(
            f.check().unwrap().0.formats,
            [Format::LargePrint, Format::Braille]
        );
        f.formats.push("smoke-signals".into());
        assert_eq!(f.check().unwrap_err()[0].field, "formats");
    }

    #[test]
    fn text_fields_follow_the_text_rules() {
        let mut f = form();
        f.language = "Polish\nand more".into();
        f.how_to_talk = "x\u{0}".into();
        f.avoid_times = "a".repeat(MAX_TIMES_CHARS + 1);
        let fields: Vec<String> = f
            .check()
            .unwrap_err()
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, ["language", "avoid_times", "how_to_talk"]);
    }

    #[test]
    fn the_summary_says_the_needs_in_a_few_lines() {
        let mut f = form();
        f.formats = vec!["large-print".into()];
        f.professionals = vec!["bsl-interpreter".into()];
        f.language = "Polish".into();
        f.interpreter = true;
        f.contact = vec!["text-message".into(), "email".into()];
        f.avoid_times = "Before 10am".into();
        let needs = f.check().unwrap().0;
        assert_eq!(
            needs.summary(),
            [
                "Information in: Large print",
                "Needs: British Sign Language interpreter",
                "Speaks Polish: needs an interpreter",
                "Contact by: Text message, Email",
                "Times to avoid: Before 10am",
            ]
        );
        assert!(Needs::default().summary().is_empty());
        assert!(!format!("{needs:?}").contains("Polish"));
    }

    #[test]
    fn needs_are_stored_under_their_codes() {
        let check = |json: String, code: &str| assert_eq!(json, format!("\"{code}\""));
        for f in Format::ALL {
            check(serde_json::to_string(f).unwrap(), f.code());
        }
        for s in Support::ALL {
            check(serde_json::to_string(s).unwrap(), s.code());
        }
        for p in Professional::ALL {
            check(serde_json::to_string(p).unwrap(), p.code());
        }
        for c in Contact::ALL {
            check(serde_json::to_string(c).unwrap(), c.code());
        }
    }

    #[test]
    fn every_code_parses_back() {
        for f in Format::ALL {
            assert_eq!(Format::parse(f.code()), Some(*f));
        }
        for c in Contact::ALL {
            assert_eq!(Contact::parse(c.code()), Some(*c));
        }
    }

    #[test]
    fn only_the_language_must_be_one_line() {
        // Rule: times to avoid and how to talk may span lines; the language may not.
        let mut f = form();
        f.avoid_times = "Mornings\nFriday afternoons".into();
        f.how_to_talk = "Slowly.\nFace me.".into();
        let needs = f.check().unwrap().0;
        assert_eq!(
            needs.avoid_times.as_deref(),
            Some("Mornings\nFriday afternoons")
        );
        assert_eq!(needs.how_to_talk.as_deref(), Some("Slowly.\nFace me."));
    }

    #[test]
    fn the_base_version_must_be_a_version() {
        // Rule: the version an edit started from is a whole number from 0; anything else is an
        // unreadable form, reported for the whole form.
        let mut f = form();
        f.base = "4".into();
        assert_eq!(f.check().unwrap().1, 4);
        for bad in ["-1", "", "four"] {
            f.base = bad.into();
            let errors = f.check().unwrap_err();
            assert_eq!(errors[0].field, "", "{bad:?}");
            assert_eq!(
                errors[0].message,
                "The form could not be read. Reload the page and try again."
            );
        }
    }

    #[test]
    fn needs_read_back_through_their_form() {
        // Rule: the edit form starts from what is saved, and saving it unchanged saves the
        // same needs.
        let mut f = form();
        f.formats = vec!["easy-read".into()];
        f.support = vec!["quiet-place".into()];
        f.professionals = vec!["notetaker".into()];
        f.language = "Urdu".into();
        f.contact = vec!["letter".into()];
        f.avoid_times = "Mornings".into();
        f.how_to_talk = "Slowly".into();
        let needs = f.check().unwrap().0;
        let mut again = needs.form();
        again.base = "1".into();
        assert_eq!(again.check().unwrap(), (needs.clone(), 1));
        assert!(!needs.is_empty());
        assert!(Needs::default().is_empty());
        let interpreter_only = Needs {
            interpreter: true,
            ..Needs::default()
        };
        assert!(!interpreter_only.is_empty());
    }

    #[test]
    fn the_summary_says_language_and_interpreter_either_way_and_support() {
        // Rule: a language without an interpreter is a preference; an interpreter without a
        // language is still a need; support has its own line.
        let language = Needs {
            language: Some("Polish".into()),
            ..Needs::default()
        };
        assert_eq!(language.summary(), ["Prefers to speak Polish"]);
        let interpreter = Needs {
            interpreter: true,
            ..Needs::default()
        };
        assert_eq!(
            interpreter.summary(),
            ["Needs a spoken-language interpreter"]
        );
        let support = Needs {
            support: vec![Support::HearingLoop, Support::ExtraTime],
            ..Needs::default()
        };
        assert_eq!(support.summary(), ["Support: A hearing loop, Extra time"]);
        // How to talk is shown in full elsewhere, not in the summary.
        let words = Needs {
            how_to_talk: Some("Slowly".into()),
            ..Needs::default()
        };
        assert!(words.summary().is_empty());
    }
}
