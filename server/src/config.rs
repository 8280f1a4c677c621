//! Settings, from the environment (`HIVE_…`, and Leptos' own `LEPTOS_…`).

use crate::db::{DEFAULT_URL, DatabaseUrl};
use crate::error::StartupError;
use leptos::config::LeptosOptions;

pub struct Settings {
    pub database: DatabaseUrl,
    pub leptos: LeptosOptions,
    /// The externally visible base URL; decides whether cookies are `Secure` and HSTS is sent.
    pub public_url: Option<String>,
    pub demo: bool,
}

impl Settings {
    pub fn from_env(demo: bool) -> Result<Settings, StartupError> {
        let url = std::env::var("HIVE_DATABASE_URL").unwrap_or_else(|_| DEFAULT_URL.to_string());
        let database = DatabaseUrl::parse(&url)?;
        let leptos = leptos::config::get_configuration(None)
            .map_err(|e| StartupError::new(format!("Leptos settings: {e}")))?
            .leptos_options;
        let public_url = std::env::var("HIVE_PUBLIC_URL")
            .ok()
            .filter(|u| !u.is_empty());
        if let Some(url) = &public_url
            && !(url.starts_with("https://") || url.starts_with("http://"))
        {
            return Err(StartupError::new(
                "HIVE_PUBLIC_URL must start with https:// (or http:// for local testing)",
            ));
        }
        Ok(Settings {
            database,
            leptos,
            public_url,
            demo,
        })
    }

    pub fn https(&self) -> bool {
        self.public_url
            .as_deref()
            .is_some_and(|u| u.starts_with("https://"))
    }
}
