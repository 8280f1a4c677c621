//! Settings: defaults, then the optional file (`./hive.toml`, or the path in `HIVE_CONFIG`),
//! then environment variables (`HIVE_…`, and Leptos' own `LEPTOS_…`), each overriding the last.

pub mod providers;

use crate::db::{DEFAULT_URL, DatabaseUrl};
use crate::error::StartupError;
use leptos::config::LeptosOptions;
use providers::{IdentityProvider, RawProvider};
use serde::Deserialize;
use std::path::{Path, PathBuf};

pub const DEFAULT_CONFIG_FILE: &str = "hive.toml";

pub struct Settings {
    pub database: DatabaseUrl,
    pub leptos: LeptosOptions,
    /// The externally visible base URL; decides whether cookies are `Secure` and HSTS is sent,
    /// and (with identity providers) gives the redirect URI `{public_url}/auth/callback`.
    pub public_url: Option<String>,
    pub demo: bool,
    pub identity_providers: Vec<IdentityProvider>,
    /// Whoever signs in first through a staff provider with this email becomes an admin.
    pub bootstrap_admin_email: Option<String>,
    /// Residents are asked to review their record after this many days without a change.
    pub review_after_days: i64,
    /// How long identity providers' answers are trusted (the defaults but in tests).
    pub provider_timings: crate::auth::oidc::Timings,
    /// How often expired sessions and sign-ins are cleared away (five minutes but in tests).
    pub housekeeping_every: std::time::Duration,
    /// How long a request may take, and how much one person may write.
    pub limits: crate::web::Limits,
}

/// Six months, the default review period.
pub const DEFAULT_REVIEW_AFTER_DAYS: i64 = 182;

/// `hive.toml` as written. Unknown keys are refused, so a typo is not silently ignored.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct ConfigFile {
    pub public_url: Option<String>,
    pub bootstrap_admin_email: Option<String>,
    pub review_after_days: Option<i64>,
    pub writes_per_minute: Option<u32>,
    #[serde(default, rename = "identity_provider")]
    pub identity_providers: Vec<RawProvider>,
}

/// What the file (with environment overrides) decides.
pub struct Config {
    pub public_url: Option<String>,
    pub identity_providers: Vec<IdentityProvider>,
    pub bootstrap_admin_email: Option<String>,
    pub review_after_days: i64,
    pub writes_per_minute: std::num::NonZeroU32,
}

impl Settings {
    pub fn load(demo: bool) -> Result<Settings, StartupError> {
        let env = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
        let (path, required) = match env("HIVE_CONFIG") {
            Some(path) => (PathBuf::from(path), true),
            None => (PathBuf::from(DEFAULT_CONFIG_FILE), false),
        };
        let text = read_config_file(&path, required)?;
        let database = DatabaseUrl::parse(
            &env("HIVE_DATABASE_URL").unwrap_or_else(|| DEFAULT_URL.to_string()),
        )?;
        let config = Config::from_parts(text.as_deref(), &env)
            .map_err(|e| StartupError::new(format!("{}: {e}", path.display())))?;
        let mut leptos = leptos::config::get_configuration(None)
            .map_err(|e| StartupError::new(format!("Leptos settings: {e}")))?
            .leptos_options;
        if env("LEPTOS_HASH_FILES").is_none() {
            leptos.hash_files = hash_file_beside_binary(&leptos.hash_file);
        }
        Ok(Settings {
            database,
            leptos,
            public_url: config.public_url,
            demo,
            identity_providers: config.identity_providers,
            bootstrap_admin_email: config.bootstrap_admin_email,
            review_after_days: config.review_after_days,
            provider_timings: crate::auth::oidc::Timings::default(),
            housekeeping_every: crate::web::HOUSEKEEPING_EVERY,
            limits: crate::web::Limits {
                writes_per_minute: config.writes_per_minute,
                ..crate::web::Limits::default()
            },
        })
    }

    pub fn https(&self) -> bool {
        self.public_url
            .as_deref()
            .is_some_and(|u| u.starts_with("https://"))
    }
}

/// cargo-leptos builds the site with content-hashed file names and writes the hashes beside
/// the binary it builds; the pages must then name those files. Whether it did is read from
/// that file, so `hive` runs the same however it is started (`LEPTOS_HASH_FILES` still decides
/// when set).
fn hash_file_beside_binary(name: &str) -> bool {
    std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(|dir| dir.join(name)))
        .is_some_and(|path| path.is_file())
}

fn read_config_file(path: &Path, required: bool) -> Result<Option<String>, StartupError> {
    match std::fs::read_to_string(path) {
        Ok(text) => Ok(Some(text)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && !required => Ok(None),
        Err(e) => Err(StartupError::new(format!(
            "cannot read the configuration file {}: {e}",
            path.display()
        ))),
    }
}

impl Config {
    /// Parses and checks the file's text (if any) with `env` overriding it.
    pub fn from_parts(
        text: Option<&str>,
        env: &dyn Fn(&str) -> Option<String>,
    ) -> Result<Config, StartupError> {
        let file: ConfigFile = match text {
            Some(text) => toml::from_str(text)
                .map_err(|e| StartupError::new(format!("not valid: {}", e.message().trim())))?,
            None => ConfigFile::default(),
        };
        let public_url = env("HIVE_PUBLIC_URL").or(file.public_url);
        if let Some(url) = &public_url
            && !providers::issuer_allowed(url)
        {
            return Err(StartupError::new(
                "public_url must start with https:// (http:// only on a loopback address, for local testing)",
            ));
        }
        let bootstrap_admin_email =
            env("HIVE_BOOTSTRAP_ADMIN_EMAIL").or(file.bootstrap_admin_email);
        if let Some(email) = &bootstrap_admin_email
            && !looks_like_email(email)
        {
            return Err(StartupError::new(
                "bootstrap_admin_email must be an email address",
            ));
        }
        let review_after_days = match env("HIVE_REVIEW_AFTER_DAYS") {
            Some(days) => days.parse::<i64>().map_err(|_| {
                StartupError::new("HIVE_REVIEW_AFTER_DAYS must be a whole number of days")
            })?,
            None => file.review_after_days.unwrap_or(DEFAULT_REVIEW_AFTER_DAYS),
        };
        if !(1..=3650).contains(&review_after_days) {
            return Err(StartupError::new(
                "review_after_days must be between 1 and 3650",
            ));
        }
        let writes_per_minute =
            match env("HIVE_WRITES_PER_MINUTE") {
                Some(n) => Some(n.parse::<u32>().map_err(|_| {
                    StartupError::new("HIVE_WRITES_PER_MINUTE must be a whole number")
                })?),
                None => file.writes_per_minute,
            }
            .unwrap_or(crate::web::DEFAULT_WRITES_PER_MINUTE);
        let writes_per_minute = std::num::NonZeroU32::new(writes_per_minute)
            .filter(|n| n.get() <= 100_000)
            .ok_or_else(|| StartupError::new("writes_per_minute must be between 1 and 100000"))?;
        let mut identity_providers = Vec::new();
        for mut raw in file.identity_providers {
            raw.apply_overrides(env);
            let provider = raw.check()?;
            if identity_providers
                .iter()
                .any(|p: &IdentityProvider| p.id == provider.id)
            {
                return Err(StartupError::new(format!(
                    "identity_provider '{}' is listed twice",
                    provider.id
                )));
            }
            identity_providers.push(provider);
        }
        if !identity_providers.is_empty() && public_url.is_none() {
            return Err(StartupError::new(
                "public_url is needed with identity providers: it gives the redirect URI",
            ));
        }
        Ok(Config {
            public_url: public_url.map(|u| u.trim_end_matches('/').to_string()),
            identity_providers,
            bootstrap_admin_email,
            review_after_days,
            writes_per_minute,
        })
    }
}

fn looks_like_email(value: &str) -> bool {
    let mut parts = value.split('@');
    matches!(
        (parts.next(), parts.next(), parts.next()),
        (Some(local), Some(domain), None)
            if !local.is_empty() && domain.contains('.') && !value.contains(char::is_whitespace)
    )
}

#[cfg(test)]
mod tests;
