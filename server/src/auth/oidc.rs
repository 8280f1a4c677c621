//! OpenID Connect with the configured identity providers: discovery, the authorization request
//! (code flow, PKCE S256, state, nonce, `vtr`), the token request (client_secret_basic or
//! private_key_jwt) and full ID token validation. The HTTP client never follows redirects.

use super::assertion;
use crate::config::providers::{ClientAuth, IdentityProvider};
use app::domain::identity::IdentityLevel;
use app::server::store::CauseChain;
use openidconnect::core::{
    CoreAuthDisplay, CoreClaimName, CoreClaimType, CoreClientAuthMethod, CoreGenderClaim,
    CoreGrantType, CoreJsonWebKey, CoreJsonWebKeySet, CoreJweContentEncryptionAlgorithm,
    CoreJweKeyManagementAlgorithm, CoreJwsSigningAlgorithm, CoreResponseMode, CoreResponseType,
    CoreSubjectIdentifierType,
};
use openidconnect::{
    AdditionalClaims, AdditionalProviderMetadata, ClaimsVerificationError, ClientId, IdToken,
    IdTokenVerifier, IssuerUrl, LogoutProviderMetadata, Nonce, ProviderMetadata,
    SignatureVerificationError,
};
use secrecy::ExposeSecret;
use serde::{Deserialize, Serialize};
use std::sync::Arc;
use std::time::{Duration, Instant};
use url::Url;

/// How long a provider's answers are trusted, and how often it is asked again. Production uses
/// the defaults; the tests shorten them to see each happen.
#[derive(Clone, Copy, Debug)]
pub struct Timings {
    /// How long discovery (endpoints and signing keys) is used before it is fetched again. Once
    /// it is older, sign-ins go on using it while one background request refreshes it.
    pub discovery_ttl: Duration,
    /// After discovery failed with nothing cached, sign-ins are refused at once (a clear page)
    /// for this long instead of each waiting for a provider that is down.
    pub retry_discovery_after: Duration,
    /// An ID token signed with a key id Hive has not seen makes it fetch the keys again (the
    /// provider may have rotated them), at most this often.
    pub refetch_keys_after: Duration,
}

impl Default for Timings {
    fn default() -> Timings {
        Timings {
            discovery_ttl: Duration::from_secs(15 * 60),
            retry_discovery_after: Duration::from_secs(30),
            refetch_keys_after: Duration::from_secs(60),
        }
    }
}

/// Per request to a provider.
const PROVIDER_TIMEOUT: Duration = Duration::from_secs(10);
/// How far in the future an ID token's `iat` may be (clocks differ a little).
const CLOCK_SKEW_SECS: i64 = 60;

/// RFC 9207: a provider that says it sends `iss` in the authorization response must send it.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
pub struct Rfc9207Metadata {
    pub authorization_response_iss_parameter_supported: Option<bool>,
}
impl AdditionalProviderMetadata for Rfc9207Metadata {}

type HiveProviderMetadata = ProviderMetadata<
    LogoutProviderMetadata<Rfc9207Metadata>,
    CoreAuthDisplay,
    CoreClientAuthMethod,
    CoreClaimName,
    CoreClaimType,
    CoreGrantType,
    CoreJweContentEncryptionAlgorithm,
    CoreJweKeyManagementAlgorithm,
    CoreJsonWebKey,
    CoreResponseMode,
    CoreResponseType,
    CoreSubjectIdentifierType,
>;

/// NHS login's claims beyond the standard ones.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
pub struct NhsClaims {
    pub identity_proofing_level: Option<String>,
    pub vot: Option<String>,
}
impl AdditionalClaims for NhsClaims {}

type NhsIdToken =
    IdToken<NhsClaims, CoreGenderClaim, CoreJweContentEncryptionAlgorithm, CoreJwsSigningAlgorithm>;

/// Why a sign-in could not be completed. The text goes to the log only (never tokens or
/// personal data); the person sees a reference.
#[derive(Debug, thiserror::Error)]
pub enum OidcError {
    #[error("discovery failed: {0}")]
    Discovery(String),
    #[error("the token request failed: {0}")]
    Token(String),
    #[error("the ID token was refused: {0}")]
    IdToken(String),
    #[error("the ID token was signed with a key the provider does not publish")]
    UnknownKey,
    #[error("the provider is misconfigured: {0}")]
    Config(String),
}

/// What discovery found, as much as Hive uses.
pub struct Discovered {
    pub issuer: IssuerUrl,
    pub authorization_endpoint: Url,
    pub token_endpoint: Url,
    pub end_session_endpoint: Option<Url>,
    pub jwks: CoreJsonWebKeySet,
    /// RFC 9207: the callback must carry `iss`.
    pub sends_iss: bool,
}

/// One configured provider with its discovery cache. The cache's lock is never held across a
/// network call: one request at a time fetches (`fetching`), the rest use what is cached or, with
/// nothing cached, wait for that one fetch instead of starting their own.
pub struct Provider {
    pub config: IdentityProvider,
    discovered: std::sync::RwLock<Option<(Instant, Arc<Discovered>)>>,
    fetching: Arc<tokio::sync::Mutex<()>>,
    failed_at: std::sync::Mutex<Option<Instant>>,
    /// When an unknown key id last made Hive fetch the keys again.
    keys_refetched_at: std::sync::Mutex<Option<Instant>>,
}

impl Provider {
    fn cached(&self) -> Option<(Instant, Arc<Discovered>)> {
        self.discovered.read().ok().and_then(|c| c.clone())
    }

    fn recently_failed(&self, within: Duration) -> bool {
        self.failed_at
            .lock()
            .ok()
            .and_then(|f| *f)
            .is_some_and(|at| at.elapsed() < within)
    }
}

/// The authorization request to send the browser to, and what must be kept to finish it.
pub struct Started {
    pub url: Url,
    pub state: String,
    pub nonce: String,
    pub pkce_verifier: String,
}

/// The person an ID token vouched for.
pub struct Verified {
    pub subject: String,
    pub level: Option<IdentityLevel>,
    /// The vector of trust the provider says it used (`P9.Cp.Cd`: level, then credentials).
    pub vot: Option<String>,
    pub name: Option<String>,
    pub email: Option<String>,
    pub email_verified: Option<bool>,
}

/// Every configured provider, sharing one HTTP client.
pub struct Providers {
    list: Vec<Arc<Provider>>,
    redirect_uri: String,
    http: openidconnect::reqwest::Client,
    timings: Timings,
}

/// Fetches a provider's discovery document and keys.
async fn fetch(
    http: &openidconnect::reqwest::Client,
    config: &IdentityProvider,
) -> Result<Discovered, OidcError> {
    let issuer = IssuerUrl::new(config.issuer.clone())
        .map_err(|e| OidcError::Config(format!("issuer is not a URL: {e}")))?;
    let metadata = HiveProviderMetadata::discover_async(issuer, http)
        .await
        .map_err(|e| OidcError::Discovery(CauseChain(&e).to_string()))?;
    let token_endpoint = metadata
        .token_endpoint()
        .ok_or_else(|| OidcError::Discovery("no token_endpoint".into()))?
        .url()
        .clone();
    let extra = metadata.additional_metadata();
    Ok(Discovered {
        issuer: metadata.issuer().clone(),
        authorization_endpoint: metadata.authorization_endpoint().url().clone(),
        token_endpoint,
        end_session_endpoint: extra.end_session_endpoint.as_ref().map(|u| u.url().clone()),
        jwks: metadata.jwks().clone(),
        sends_iss: extra
            .additional_metadata
            .authorization_response_iss_parameter_supported
            .unwrap_or(false),
    })
}

impl Providers {
    pub fn new(
        configs: &[IdentityProvider],
        public_url: Option<&str>,
        timings: Timings,
    ) -> Result<Providers, OidcError> {
        let http = openidconnect::reqwest::Client::builder()
            // Following a redirect could hand a code or credentials to another host (RFC 9700).
            .redirect(openidconnect::reqwest::redirect::Policy::none())
            .timeout(PROVIDER_TIMEOUT)
            .build()
            .map_err(|e| OidcError::Config(format!("the HTTP client: {e}")))?;
        Ok(Providers {
            list: configs
                .iter()
                .map(|config| {
                    Arc::new(Provider {
                        config: config.clone(),
                        discovered: std::sync::RwLock::new(None),
                        fetching: Arc::new(tokio::sync::Mutex::new(())),
                        failed_at: std::sync::Mutex::new(None),
                        keys_refetched_at: std::sync::Mutex::new(None),
                    })
                })
                .collect(),
            redirect_uri: format!("{}/auth/callback", public_url.unwrap_or("")),
            http,
            timings,
        })
    }

    pub fn get(&self, id: &str) -> Option<Arc<Provider>> {
        self.list.iter().find(|p| p.config.id == id).cloned()
    }

    /// Fetches every provider's discovery in the background, so the first sign-in after a
    /// start does not wait for it.
    pub fn warm_up(&self) {
        for provider in &self.list {
            self.refresh_in_background(provider);
        }
    }

    /// The provider's endpoints and keys. Fresh ones straight from the cache; stale ones too,
    /// while one background request refreshes them; with nothing cached, one request fetches
    /// and the others wait for it. A provider that is down is not asked again for 30 seconds:
    /// sign-ins meanwhile are refused at once with a clear page.
    pub async fn discover(&self, provider: &Arc<Provider>) -> Result<Arc<Discovered>, OidcError> {
        if let Some((at, found)) = provider.cached() {
            if at.elapsed() >= self.timings.discovery_ttl {
                self.refresh_in_background(provider);
            }
            return Ok(found);
        }
        self.fetch_now(provider, None).await
    }

    /// Fetches discovery unless another request is already doing so (then waits for it), or it
    /// failed moments ago. With `older_than`, a cached copy fetched after that instant will do.
    async fn fetch_now(
        &self,
        provider: &Arc<Provider>,
        older_than: Option<Instant>,
    ) -> Result<Arc<Discovered>, OidcError> {
        let fresh_enough = |provider: &Provider| {
            provider
                .cached()
                .filter(|(at, _)| older_than.is_none_or(|then| *at > then))
                .map(|(_, found)| found)
        };
        if provider.recently_failed(self.timings.retry_discovery_after) {
            return Err(OidcError::Discovery(
                "the provider did not answer moments ago; not asking again yet".into(),
            ));
        }
        let _turn = provider.fetching.lock().await;
        // Whoever held the turn may have fetched it, or failed, meanwhile.
        if let Some(found) = fresh_enough(provider) {
            return Ok(found);
        }
        if provider.recently_failed(self.timings.retry_discovery_after) {
            return Err(OidcError::Discovery(
                "the provider did not answer moments ago; not asking again yet".into(),
            ));
        }
        match fetch(&self.http, &provider.config).await {
            Ok(found) => {
                let found = Arc::new(found);
                if let Ok(mut cache) = provider.discovered.write() {
                    *cache = Some((Instant::now(), found.clone()));
                }
                if let Ok(mut failed) = provider.failed_at.lock() {
                    *failed = None;
                }
                Ok(found)
            }
            Err(err) => {
                if let Ok(mut failed) = provider.failed_at.lock() {
                    *failed = Some(Instant::now());
                }
                Err(err)
            }
        }
    }

    /// One background refresh at a time per provider; a failed refresh keeps what is cached.
    fn refresh_in_background(&self, provider: &Arc<Provider>) {
        let Ok(turn) = provider.fetching.clone().try_lock_owned() else {
            return;
        };
        let provider = provider.clone();
        let http = self.http.clone();
        tokio::spawn(async move {
            let _turn = turn;
            match fetch(&http, &provider.config).await {
                Ok(found) => {
                    if let Ok(mut cache) = provider.discovered.write() {
                        *cache = Some((Instant::now(), Arc::new(found)));
                    }
                }
                Err(err) => tracing::warn!(
                    provider = %provider.config.id,
                    cause = %err,
                    "could not refresh the provider's discovery; using what was fetched before"
                ),
            }
        });
    }

    /// The authorization request for a new sign-in: fresh state, nonce and PKCE verifier.
    pub async fn start(&self, provider: &Arc<Provider>) -> Result<Started, OidcError> {
        let found = self.discover(provider).await?;
        // 256 bits each (the libraries' default is 128).
        let state = openidconnect::CsrfToken::new_random_len(32)
            .secret()
            .clone();
        let nonce = Nonce::new_random_len(32).secret().clone();
        let (challenge, verifier) = openidconnect::PkceCodeChallenge::new_random_sha256();
        let mut url = found.authorization_endpoint.clone();
        {
            let mut query = url.query_pairs_mut();
            query
                .append_pair("response_type", "code")
                .append_pair("client_id", &provider.config.client_id)
                .append_pair("redirect_uri", &self.redirect_uri)
                .append_pair("scope", &provider.config.scopes.join(" "))
                .append_pair("state", &state)
                .append_pair("nonce", &nonce)
                .append_pair("code_challenge", challenge.as_str())
                .append_pair("code_challenge_method", "S256");
            if let Some(vtr) = &provider.config.vtr {
                query.append_pair("vtr", vtr);
            }
        }
        Ok(Started {
            url,
            state,
            nonce,
            pkce_verifier: verifier.secret().clone(),
        })
    }

    /// Exchanges the code at the token endpoint and validates the ID token that comes back.
    /// A token signed under a key id Hive does not have makes it fetch the keys once more (at
    /// most once a minute) before refusing: the provider may have rotated its keys.
    pub async fn finish(
        &self,
        provider: &Arc<Provider>,
        code: &str,
        nonce: &str,
        pkce_verifier: &str,
    ) -> Result<Verified, OidcError> {
        let found = self.discover(provider).await?;
        let id_token = self.exchange(provider, &found, code, pkce_verifier).await?;
        let client = &provider.config.client_id;
        match verify_id_token(&id_token, client, &found.issuer, &found.jwks, nonce) {
            Err(OidcError::UnknownKey) => {
                {
                    let Ok(mut last) = provider.keys_refetched_at.lock() else {
                        return Err(OidcError::UnknownKey);
                    };
                    if last.is_some_and(|at| at.elapsed() < self.timings.refetch_keys_after) {
                        return Err(OidcError::UnknownKey);
                    }
                    *last = Some(Instant::now());
                }
                let fetched_at = provider.cached().map(|(at, _)| at);
                let found = self.fetch_now(provider, fetched_at).await?;
                verify_id_token(&id_token, client, &found.issuer, &found.jwks, nonce)
            }
            verified => verified,
        }
    }

    async fn exchange(
        &self,
        provider: &Provider,
        found: &Discovered,
        code: &str,
        pkce_verifier: &str,
    ) -> Result<String, OidcError> {
        let config = &provider.config;
        let mut form: Vec<(&str, String)> = vec![
            ("grant_type", "authorization_code".into()),
            ("code", code.into()),
            ("redirect_uri", self.redirect_uri.clone()),
            ("code_verifier", pkce_verifier.into()),
        ];
        let mut request = self
            .http
            .post(found.token_endpoint.clone())
            .header(http::header::ACCEPT, "application/json");
        match &config.auth {
            ClientAuth::ClientSecretBasic(secret) => {
                // RFC 6749 2.3.1: both parts are form-encoded before Basic encoding.
                let encode = |v: &str| {
                    url::form_urlencoded::byte_serialize(v.as_bytes()).collect::<String>()
                };
                request = request.basic_auth(
                    encode(&config.client_id),
                    Some(encode(secret.expose_secret())),
                );
            }
            ClientAuth::PrivateKeyJwt(key) => {
                let assertion = assertion::client_assertion(
                    &key.key,
                    &config.client_id,
                    found.token_endpoint.as_str(),
                )
                .map_err(|e| OidcError::Config(format!("signing the client assertion: {e}")))?;
                form.push(("client_id", config.client_id.clone()));
                form.push((
                    "client_assertion_type",
                    "urn:ietf:params:oauth:client-assertion-type:jwt-bearer".into(),
                ));
                form.push(("client_assertion", assertion));
            }
        }
        let response = request
            .form(&form)
            .send()
            .await
            .map_err(|e| OidcError::Token(CauseChain(&e.without_url()).to_string()))?;
        let status = response.status();
        let body = response
            .bytes()
            .await
            .map_err(|e| OidcError::Token(CauseChain(&e.without_url()).to_string()))?;
        if !status.is_success() {
            // Only the OAuth error code: descriptions can echo what was sent.
            let code = serde_json::from_slice::<TokenError>(&body)
                .map(|e| loggable_code(&e.error))
                .unwrap_or_else(|_| "unreadable".into());
            return Err(OidcError::Token(format!("HTTP {status}, error {code}")));
        }
        let tokens: TokenResponse = serde_json::from_slice(&body)
            .map_err(|_| OidcError::Token("the response is not a token response".into()))?;
        tokens
            .id_token
            .ok_or_else(|| OidcError::Token("no id_token in the response".into()))
    }
}

#[derive(Deserialize)]
struct TokenResponse {
    id_token: Option<String>,
}

#[derive(Deserialize)]
struct TokenError {
    error: String,
}

/// An OAuth error code, fit for a log line: `[a-z_]` only, at most 40 characters.
pub fn loggable_code(code: &str) -> String {
    code.chars()
        .filter(|c| c.is_ascii_lowercase() || *c == '_')
        .take(40)
        .collect()
}

/// Validates an ID token: signature with the provider's keys (RS256 or RS512 only; `none`,
/// HMAC and unknown key ids are refused), `iss`, `aud`, `exp`, `iat` (not in the future) and
/// `nonce`.
pub fn verify_id_token(
    id_token: &str,
    client_id: &str,
    issuer: &IssuerUrl,
    jwks: &CoreJsonWebKeySet,
    nonce: &str,
) -> Result<Verified, OidcError> {
    let token: NhsIdToken = id_token.parse().map_err(|e: serde_json::Error| {
        OidcError::IdToken(format!("not a JWT ({:?})", e.classify()))
    })?;
    let verifier = IdTokenVerifier::<CoreJsonWebKey>::new_public_client(
        ClientId::new(client_id.to_string()),
        issuer.clone(),
        jwks.clone(),
    )
    .set_allowed_algs([
        CoreJwsSigningAlgorithm::RsaSsaPkcs1V15Sha256,
        CoreJwsSigningAlgorithm::RsaSsaPkcs1V15Sha512,
    ])
    .set_issue_time_verifier_fn(|iat| {
        if iat > chrono::Utc::now() + chrono::Duration::seconds(CLOCK_SKEW_SECS) {
            Err("issued in the future".to_string())
        } else {
            Ok(())
        }
    });
    let claims = token
        .claims(&verifier, &Nonce::new(nonce.to_string()))
        .map_err(|e| match e {
            ClaimsVerificationError::SignatureVerification(
                SignatureVerificationError::NoMatchingKey,
            ) => OidcError::UnknownKey,
            other => OidcError::IdToken(CauseChain(&other).to_string()),
        })?;
    let extra = claims.additional_claims();
    let level = extra
        .identity_proofing_level
        .as_deref()
        .and_then(IdentityLevel::parse)
        .or_else(|| extra.vot.as_deref().and_then(IdentityLevel::from_vot));
    let name = claims
        .name()
        .and_then(|n| n.get(None))
        .map(|n| n.to_string())
        .or_else(|| {
            let given = claims.given_name().and_then(|n| n.get(None))?;
            let family = claims.family_name().and_then(|n| n.get(None));
            Some(match family {
                Some(family) => format!("{} {}", given.as_str(), family.as_str()),
                None => given.to_string(),
            })
        });
    Ok(Verified {
        subject: claims.subject().to_string(),
        level,
        vot: extra.vot.clone(),
        name,
        email: claims.email().map(|e| e.to_string()),
        email_verified: claims.email_verified(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The timings the operators' documentation promises (the tests of what each does use
    /// shorter ones).
    #[test]
    fn discovery_lives_fifteen_minutes_a_provider_down_is_left_thirty_seconds_keys_a_minute() {
        let t = Timings::default();
        assert_eq!(t.discovery_ttl, Duration::from_secs(900));
        assert_eq!(t.retry_discovery_after, Duration::from_secs(30));
        assert_eq!(t.refetch_keys_after, Duration::from_secs(60));
    }
}
