//! The one error type that crosses from server to page. Every message in it is safe to show to
//! the person using Hive: internal causes stay in the server log, under a reference id.

use serde::{Deserialize, Serialize};

/// A problem with one field of a form: `field` is the id of its input, for the error summary link.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    #[error("You need to sign in to see this page")]
    NotSignedIn,
    #[error("This page is not available to you")]
    Forbidden,
    /// Signed in, but the identity provider vouched for less than Hive needs to show records.
    #[error("We need to confirm who you are before you can see records")]
    Restricted,
    /// Also what "someone else's" looks like: nobody can learn what exists by guessing ids.
    #[error("Page not found")]
    NotFound,
    #[error("There is a problem")]
    Invalid { fields: Vec<FieldError> },
    #[error("{0}")]
    Conflict(String),
    /// What was sent is larger than Hive takes.
    #[error("What was sent is too large. Shorten it and try again.")]
    TooLarge,
    /// Too many requests from one connection or one person in a short time.
    #[error(
        "Too much has been sent in the last few minutes. Nothing was saved this time: try again in {retry_after} seconds."
    )]
    TooMany { retry_after: u64 },
    /// What was sent stopped arriving part-way (a slow or stalled connection).
    #[error("What was sent took too long to arrive. Nothing was saved: try again.")]
    TimedOut,
    #[error("Sorry, something went wrong. If it keeps happening, tell us reference {reference}")]
    Internal { reference: String },
    /// The request never reached Hive, or its answer could not be read.
    #[error("Sorry, Hive could not be reached. Check your connection and try again.")]
    Unreachable,
}

impl AppError {
    pub fn field(field: &str, message: impl Into<String>) -> AppError {
        AppError::Invalid {
            fields: vec![FieldError {
                field: field.to_string(),
                message: message.into(),
            }],
        }
    }

    /// The HTTP status this error is answered with.
    pub fn status(&self) -> u16 {
        match self {
            AppError::NotSignedIn => 401,
            AppError::Forbidden | AppError::Restricted => 403,
            AppError::NotFound => 404,
            AppError::Invalid { .. } => 422,
            AppError::Conflict(_) => 409,
            AppError::TooMany { .. } => 429,
            AppError::TooLarge => 413,
            AppError::TimedOut => 408,
            AppError::Internal { .. } => 500,
            AppError::Unreachable => 502,
        }
    }
}

// How a server function's own failures (arguments it could not read, an answer that never came)
// become an `AppError`: with the `server-fn` feature, which `app` turns on.
#[cfg(feature = "server-fn")]
impl server_fn::error::FromServerFnError for AppError {
    type Encoder = server_fn::codec::JsonEncoding;

    fn from_server_fn_error(value: server_fn::error::ServerFnErrorErr) -> Self {
        use server_fn::error::ServerFnErrorErr;
        match value {
            // The arguments a browser sent could not be read: a malformed or hand-made request.
            ServerFnErrorErr::Args(_) | ServerFnErrorErr::MissingArg(_) => {
                AppError::Invalid { fields: Vec::new() }
            }
            // On the server these are a request that could not be read: a body over the
            // limit (sent in chunks, so it was only found out while reading), or one that is not
            // UTF-8 or not the expected encoding. The client sent something wrong: a 4xx.
            #[cfg(feature = "ssr")]
            ServerFnErrorErr::Request(message) | ServerFnErrorErr::Deserialization(message) => {
                if message.contains("length limit") {
                    AppError::TooLarge
                } else if message.contains("designated timeout") {
                    // tower-http's body timeout: the body stopped arriving.
                    AppError::TimedOut
                } else {
                    AppError::Invalid { fields: Vec::new() }
                }
            }
            // In the browser: the answer never came, or could not be read.
            #[cfg(not(feature = "ssr"))]
            ServerFnErrorErr::Request(_) | ServerFnErrorErr::Deserialization(_) => {
                AppError::Unreachable
            }
            ServerFnErrorErr::Response(_) => AppError::Unreachable,
            _ => AppError::Internal {
                reference: "unknown".to_string(),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_input_is_a_client_error_and_failures_are_server_errors() {
        assert_eq!(AppError::field("name", "Enter your name").status(), 422);
        assert_eq!(AppError::NotFound.status(), 404);
        let internal = AppError::Internal {
            reference: "abc".into(),
        };
        assert_eq!(internal.status(), 500);
        assert!(internal.to_string().contains("abc"));
    }

    #[cfg(feature = "server-fn")]
    #[test]
    fn unreadable_arguments_are_invalid_input_not_a_crash() {
        use server_fn::error::{FromServerFnError, ServerFnErrorErr};
        let err = AppError::from_server_fn_error(ServerFnErrorErr::Args("bad".into()));
        assert_eq!(err.status(), 422);
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn a_request_the_server_could_not_read_is_the_senders_fault() {
        // Rule: on the server, a body over the limit is 413 and one that is not UTF-8 or not the
        // expected encoding is 422: never a 5xx.
        use server_fn::error::{FromServerFnError, ServerFnErrorErr};
        let over = ServerFnErrorErr::Request("length limit exceeded".into());
        assert_eq!(AppError::from_server_fn_error(over), AppError::TooLarge);
        let garbled = ServerFnErrorErr::Deserialization("invalid utf-8 sequence".into());
        assert_eq!(AppError::from_server_fn_error(garbled).status(), 422);
        let unreadable = ServerFnErrorErr::Request("error reading a body from connection".into());
        assert_eq!(AppError::from_server_fn_error(unreadable).status(), 422);
        let stalled =
            ServerFnErrorErr::Request("data was not received within the designated timeout".into());
        assert_eq!(AppError::from_server_fn_error(stalled), AppError::TimedOut);
    }

    #[cfg(all(feature = "server-fn", not(feature = "ssr")))]
    #[test]
    fn in_the_browser_an_answer_that_never_came_says_so() {
        // Rule: a request that failed or an answer that could not be read is "could not be
        // reached" (502), not a problem with what the person typed.
        use server_fn::error::{FromServerFnError, ServerFnErrorErr};
        for failure in [
            ServerFnErrorErr::Request("network".into()),
            ServerFnErrorErr::Deserialization("truncated".into()),
        ] {
            assert_eq!(
                AppError::from_server_fn_error(failure),
                AppError::Unreachable
            );
        }
    }

    #[cfg(feature = "server-fn")]
    #[test]
    fn an_answer_that_could_not_be_made_is_unreachable() {
        use server_fn::error::{FromServerFnError, ServerFnErrorErr};
        let failure = ServerFnErrorErr::Response("encoding".into());
        assert_eq!(
            AppError::from_server_fn_error(failure),
            AppError::Unreachable
        );
    }

    #[test]
    fn each_error_has_its_own_status() {
        // Rule: the status a browser and the access tests see for each kind of refusal.
        let statuses: Vec<u16> = [
            AppError::NotSignedIn,
            AppError::Forbidden,
            AppError::Restricted,
            AppError::NotFound,
            AppError::Invalid { fields: Vec::new() },
            AppError::Conflict("changed".into()),
            AppError::TooLarge,
            AppError::TooMany { retry_after: 30 },
            AppError::TimedOut,
            AppError::Internal {
                reference: "r".into(),
            },
            AppError::Unreachable,
        ]
        .iter()
        .map(AppError::status)
        .collect();
        assert_eq!(
            statuses,
            [401, 403, 403, 404, 422, 409, 413, 429, 408, 500, 502]
        );
        assert!(
            AppError::TooMany { retry_after: 30 }
                .to_string()
                .contains("30 seconds")
        );
    }
}
