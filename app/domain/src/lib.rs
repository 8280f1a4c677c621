//! Hive's domain: plain types and rules, no I/O, no database, compiled for both the server and
//! the browser. Its own crate (re-exported by `app` as `app::domain` and `app::error`) so that
//! nothing here can reach for Leptos, the store or the request by accident, and so that its
//! tests build in seconds: `cargo mutants -p hive-domain` rebuilds only this crate per mutant.

/// An enum stored and sent under fixed codes, with a label for people: `ALL`, `code`, `label`
/// and `parse`. Serialised as its code, so renaming a variant never orphans stored data.
macro_rules! coded_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $code:literal, $label:literal;)+ }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
        #[serde(rename_all = "kebab-case")]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }

            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label),+ }
            }

            pub fn parse(code: &str) -> Option<$name> {
                Self::ALL.iter().copied().find(|x| x.code() == code)
            }
        }
    };
}
pub(crate) use coded_enum;

pub mod about_me;
pub mod campaigns;
pub mod carers;
pub mod dashboard;
pub mod error;
pub mod feedback;
pub mod form;
pub mod goals;
#[cfg(feature = "ssr")]
pub mod identifying;
pub mod identity;
pub mod ids;
pub mod navigation;
pub mod needs;
pub mod paging;
pub mod person;
pub mod place;
pub mod record;
pub mod review;
pub mod role;
pub mod sharing;
pub mod staff;
pub mod statements;
pub mod stats;
pub mod text;
pub mod time;
pub mod where_i_live;
