//! Identity providers from `hive.toml`: OpenID Connect providers such as NHS login (residents)
//! and NHS CIS2 or an organisation's own (staff). Checked in full at start-up, so a mistake is
//! one clear line then, not a failed sign-in later. Secrets are never echoed.

use crate::error::StartupError;
pub use app::domain::identity::Audience;
use app::domain::identity::IdentityLevel;
use app::domain::place::Code;
use secrecy::SecretString;
use serde::Deserialize;
use std::path::PathBuf;

/// `[[identity_provider]]` as written in the file, before it is checked.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawProvider {
    pub id: String,
    pub label: String,
    pub issuer: String,
    pub client_id: String,
    pub auth_method: String,
    pub client_secret: Option<SecretString>,
    pub private_key_file: Option<PathBuf>,
    #[serde(default = "default_scopes")]
    pub scopes: Vec<String>,
    pub vtr: Option<String>,
    pub minimum_level: Option<String>,
    pub audience: String,
    /// Staff providers only: accept the `email` claim without `email_verified: true`, for a
    /// provider that vouches for every email it sends (e.g. NHS CIS2). Off by default.
    #[serde(default)]
    pub trust_email: bool,
}

fn default_scopes() -> Vec<String> {
    vec!["openid".into()]
}

/// How Hive proves itself to the provider's token endpoint.
#[derive(Debug, Clone)]
pub enum ClientAuth {
    ClientSecretBasic(SecretString),
    /// RS512 client assertions signed with this RSA key (read from `private_key_file`).
    PrivateKeyJwt(ClientKey),
}

/// Hive's private key for `private_key_jwt`. Its Debug output never shows the key.
#[derive(Clone)]
pub struct ClientKey {
    pub path: PathBuf,
    pub key: std::sync::Arc<rsa::RsaPrivateKey>,
}

impl std::fmt::Debug for ClientKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ClientKey")
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

/// Reads a PEM RSA private key, PKCS#8 (`BEGIN PRIVATE KEY`) or PKCS#1 (`BEGIN RSA PRIVATE KEY`).
pub fn read_client_key(path: &std::path::Path) -> Result<ClientKey, String> {
    use rsa::pkcs1::DecodeRsaPrivateKey;
    use rsa::pkcs8::DecodePrivateKey;
    let pem = std::fs::read_to_string(path)
        .map_err(|e| format!("private_key_file {} cannot be read: {e}", path.display()))?;
    let key = rsa::RsaPrivateKey::from_pkcs8_pem(&pem)
        .or_else(|_| rsa::RsaPrivateKey::from_pkcs1_pem(&pem))
        .map_err(|_| {
            format!(
                "private_key_file {} is not a PEM RSA private key (PKCS#8 or PKCS#1)",
                path.display()
            )
        })?;
    Ok(ClientKey {
        path: path.to_path_buf(),
        key: std::sync::Arc::new(key),
    })
}

#[derive(Debug, Clone)]
pub struct IdentityProvider {
    pub id: String,
    pub label: String,
    pub issuer: String,
    pub client_id: String,
    pub auth: ClientAuth,
    pub scopes: Vec<String>,
    /// Sent as the `vtr` parameter: a JSON array of vectors of trust.
    pub vtr: Option<String>,
    pub minimum_level: Option<IdentityLevel>,
    pub audience: Audience,
    pub trust_email: bool,
}

/// Environment variables that override one provider's keys: `HIVE_IDP_<ID>_<KEY>`, with the id
/// upper-cased and hyphens as underscores, e.g. `HIVE_IDP_NHS_LOGIN_CLIENT_SECRET`.
pub fn override_name(id: &str, key: &str) -> String {
    format!(
        "HIVE_IDP_{}_{}",
        id.to_uppercase().replace('-', "_"),
        key.to_uppercase()
    )
}

impl RawProvider {
    pub fn apply_overrides(&mut self, env: &dyn Fn(&str) -> Option<String>) {
        let var = |key: &str| env(&override_name(&self.id, key));
        if let Some(v) = var("label") {
            self.label = v;
        }
        if let Some(v) = var("issuer") {
            self.issuer = v;
        }
        if let Some(v) = var("client_id") {
            self.client_id = v;
        }
        if let Some(v) = var("client_secret") {
            self.client_secret = Some(SecretString::from(v));
        }
        if let Some(v) = var("private_key_file") {
            self.private_key_file = Some(PathBuf::from(v));
        }
        if let Some(v) = var("vtr") {
            self.vtr = Some(v);
        }
        if let Some(v) = var("minimum_level") {
            self.minimum_level = Some(v);
        }
        if let Some(v) = var("trust_email") {
            self.trust_email = v == "true";
        }
    }

    pub fn check(self) -> Result<IdentityProvider, StartupError> {
        let id = self.id.clone();
        let fail = |msg: String| StartupError::new(format!("identity_provider '{id}': {msg}"));
        Code::parse(&self.id).map_err(|_| {
            StartupError::new(format!(
                "identity_provider id '{}' must be lower-case letters, digits and hyphens",
                self.id
            ))
        })?;
        if self.label.trim().is_empty() {
            return Err(fail("label must not be empty".into()));
        }
        if !issuer_allowed(&self.issuer) {
            return Err(fail(
                "issuer must be an https:// URL (http:// only on a loopback address)".into(),
            ));
        }
        if self.client_id.trim().is_empty() {
            return Err(fail("client_id must not be empty".into()));
        }
        let auth = match self.auth_method.as_str() {
            "client_secret_basic" => ClientAuth::ClientSecretBasic(
                self.client_secret
                    .ok_or_else(|| fail("client_secret_basic needs client_secret".into()))?,
            ),
            "private_key_jwt" => {
                let path = self
                    .private_key_file
                    .ok_or_else(|| fail("private_key_jwt needs private_key_file".into()))?;
                ClientAuth::PrivateKeyJwt(read_client_key(&path).map_err(fail)?)
            }
            other => {
                return Err(fail(format!(
                    "auth_method '{other}' is not supported; use client_secret_basic or private_key_jwt"
                )));
            }
        };
        if !self.scopes.iter().any(|s| s == "openid") {
            return Err(fail("scopes must include openid".into()));
        }
        if let Some(vtr) = &self.vtr {
            let valid = serde_json::from_str::<Vec<String>>(vtr).is_ok_and(|v| !v.is_empty());
            if !valid {
                return Err(fail(
                    r#"vtr must be a JSON array of strings, e.g. '["P9.Cp.Cd"]'"#.into(),
                ));
            }
        }
        let minimum_level = match self.minimum_level.as_deref() {
            None => None,
            Some(code) => Some(
                IdentityLevel::parse(code)
                    .ok_or_else(|| fail(format!("minimum_level '{code}' is not P0, P5 or P9")))?,
            ),
        };
        let audience = match self.audience.as_str() {
            "residents" => Audience::Residents,
            "staff" => Audience::Staff,
            other => {
                return Err(fail(format!(
                    "audience '{other}' must be residents or staff"
                )));
            }
        };
        // Fail closed: a residents' provider must say what identity level records need, or
        // whoever it signs in would see them.
        if audience == Audience::Residents && minimum_level.is_none() {
            return Err(fail(
                "a residents provider needs minimum_level (P0, P5 or P9): without it, anyone it signs in could see records".into(),
            ));
        }
        Ok(IdentityProvider {
            id: self.id,
            label: self.label.trim().to_string(),
            // Exactly as configured: discovery and the `iss` checks compare it as a string.
            issuer: self.issuer,
            client_id: self.client_id,
            auth,
            scopes: self.scopes,
            vtr: self.vtr,
            minimum_level,
            audience,
            trust_email: self.trust_email,
        })
    }
}

/// An https:// URL, or an http:// one on a loopback address (local testing only).
pub(crate) fn issuer_allowed(issuer: &str) -> bool {
    if issuer.starts_with("https://") && issuer.len() > "https://".len() {
        return true;
    }
    ["http://127.0.0.1", "http://localhost", "http://[::1]"]
        .iter()
        .any(|loopback| {
            issuer.strip_prefix(loopback).is_some_and(|rest| {
                rest.is_empty() || rest.starts_with(':') || rest.starts_with('/')
            })
        })
}
