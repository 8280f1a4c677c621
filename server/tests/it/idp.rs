//! A small OpenID provider for the integration tests, on a loopback port: discovery, keys, a
//! token endpoint that checks PKCE and client authentication, and ID tokens the test writes and
//! signs itself (with the provider's key, another key, HMAC or none), since the refusals under
//! test are exactly the tokens a real provider would never issue.

use axum::extract::{Form, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use base64::Engine;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use hive_server::config::providers::{Audience, ClientAuth, IdentityProvider};
use rsa::pkcs1v15::{SigningKey, VerifyingKey};
use rsa::pkcs8::{DecodePrivateKey, DecodePublicKey};
use rsa::signature::{SignatureEncoding, Signer, Verifier};
use rsa::traits::PublicKeyParts;
use rsa::{RsaPrivateKey, RsaPublicKey};
use serde_json::{Value, json};
use sha2::{Digest, Sha256, Sha512};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

pub const CLIENT_ID: &str = "hive-test";
pub const CLIENT_SECRET: &str = "test-secret";
pub const KEY_ID: &str = "provider-key";
pub const ROTATED_KEY_ID: &str = "provider-key-2";
const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");

pub fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!("{FIXTURES}/{name}")).unwrap()
}

pub fn provider_key() -> RsaPrivateKey {
    RsaPrivateKey::from_pkcs8_pem(&fixture("provider-key.pem")).unwrap()
}

/// How a test token is signed.
#[derive(Clone, Copy, Debug)]
pub enum Signing {
    Rs256,
    Rs512,
    /// RS256 with a key the provider never published, under the provider's key id.
    OtherKey,
    /// RS256 with the provider's key, under a key id the provider does not have.
    UnknownKeyId,
    /// RS256 with the provider's key under its new id, once it has rotated (`rotate_key`).
    RotatedKeyId,
    /// `alg: none`, no signature.
    None,
    /// HS256 with the provider's public key (PEM) as the HMAC secret: the classic confusion.
    Hs256WithPublicKey,
    /// RS256, then one byte of the signature changed.
    BrokenSignature,
}

/// What the token endpoint was sent, for assertions about client authentication.
#[derive(Clone, Debug)]
pub struct TokenRequest {
    pub form: HashMap<String, String>,
    pub authorization: Option<String>,
}

#[derive(Default)]
struct IdpState {
    /// code -> (ID token, PKCE challenge)
    codes: HashMap<String, (String, String)>,
    requests: Vec<TokenRequest>,
    followed_redirect: bool,
    /// Discovery says `authorization_response_iss_parameter_supported` (RFC 9207).
    sends_iss: bool,
    /// The keys are published under the rotated key id only.
    rotated: bool,
    /// Discovery is down (503).
    down: bool,
    discovery_requests: usize,
    jwks_requests: usize,
}

#[derive(Clone)]
pub struct TestIdp {
    pub issuer: String,
    state: Arc<Mutex<IdpState>>,
}

impl TestIdp {
    pub async fn start() -> TestIdp {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let issuer = format!("http://{}", listener.local_addr().unwrap());
        let idp = TestIdp {
            issuer,
            state: Arc::new(Mutex::new(IdpState::default())),
        };
        let app = Router::new()
            .route("/.well-known/openid-configuration", get(discovery))
            .route("/jwks", get(jwks))
            .route("/token", post(token))
            .route("/token-elsewhere", post(token_elsewhere))
            .with_state(idp.clone());
        tokio::spawn(async move { axum::serve(listener, app).await });
        idp
    }

    /// A provider entry as `hive.toml` would give it.
    pub fn provider(
        &self,
        id: &str,
        audience: Audience,
        private_key_jwt: bool,
    ) -> IdentityProvider {
        let auth = if private_key_jwt {
            let path = std::path::PathBuf::from(format!("{FIXTURES}/client-key.pem"));
            ClientAuth::PrivateKeyJwt(
                hive_server::config::providers::read_client_key(&path).unwrap(),
            )
        } else {
            ClientAuth::ClientSecretBasic(CLIENT_SECRET.to_string().into())
        };
        IdentityProvider {
            id: id.to_string(),
            label: format!("Test {id}"),
            issuer: self.issuer.clone(),
            client_id: CLIENT_ID.to_string(),
            auth,
            scopes: vec!["openid".into(), "profile".into(), "email".into()],
            vtr: Some(r#"["P9.Cp.Cd"]"#.into()),
            minimum_level: None,
            audience,
            trust_email: false,
        }
    }

    /// The token endpoint will answer `code` with `id_token`, if the PKCE verifier matches.
    pub fn issue(&self, code: &str, id_token: String, challenge: &str) {
        self.state
            .lock()
            .unwrap()
            .codes
            .insert(code.to_string(), (id_token, challenge.to_string()));
    }

    pub fn token_requests(&self) -> Vec<TokenRequest> {
        self.state.lock().unwrap().requests.clone()
    }

    /// Claims as NHS login would send them for a P9 resident.
    pub fn claims(&self, subject: &str, nonce: &str) -> Value {
        let now = now();
        json!({
            "iss": self.issuer,
            "aud": CLIENT_ID,
            "sub": subject,
            "nonce": nonce,
            "iat": now,
            "exp": now + 300,
            "identity_proofing_level": "P9",
            "vot": "P9.Cp.Cd",
            "given_name": "Amira",
            "family_name": "Khan",
            "email": "amira@example.com",
            "email_verified": true,
        })
    }
}

pub fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

/// A JWT with these claims, signed as asked.
pub fn sign(claims: &Value, how: Signing) -> String {
    let (alg, kid) = match how {
        Signing::Rs512 => ("RS512", KEY_ID),
        Signing::None => ("none", KEY_ID),
        Signing::Hs256WithPublicKey => ("HS256", KEY_ID),
        Signing::UnknownKeyId => ("RS256", "no-such-key"),
        Signing::RotatedKeyId => ("RS256", ROTATED_KEY_ID),
        _ => ("RS256", KEY_ID),
    };
    let header = json!({ "alg": alg, "kid": kid, "typ": "JWT" });
    let input = format!(
        "{}.{}",
        URL_SAFE_NO_PAD.encode(header.to_string()),
        URL_SAFE_NO_PAD.encode(claims.to_string())
    );
    let signature: Vec<u8> = match how {
        Signing::None => Vec::new(),
        Signing::Rs512 => SigningKey::<Sha512>::new(provider_key())
            .sign(input.as_bytes())
            .to_vec(),
        Signing::OtherKey => {
            let other = RsaPrivateKey::from_pkcs8_pem(&fixture("other-key.pem")).unwrap();
            SigningKey::<Sha256>::new(other)
                .sign(input.as_bytes())
                .to_vec()
        }
        Signing::Hs256WithPublicKey => {
            use hmac::Mac;
            let public = provider_key().to_public_key();
            let pem =
                rsa::pkcs8::EncodePublicKey::to_public_key_pem(&public, rsa::pkcs8::LineEnding::LF)
                    .unwrap();
            let mut mac = hmac::Hmac::<Sha256>::new_from_slice(pem.as_bytes()).unwrap();
            mac.update(input.as_bytes());
            mac.finalize().into_bytes().to_vec()
        }
        Signing::Rs256
        | Signing::UnknownKeyId
        | Signing::RotatedKeyId
        | Signing::BrokenSignature => {
            let mut sig = SigningKey::<Sha256>::new(provider_key())
                .sign(input.as_bytes())
                .to_vec();
            if matches!(how, Signing::BrokenSignature) {
                sig[10] ^= 0x01;
            }
            sig
        }
    };
    format!("{input}.{}", URL_SAFE_NO_PAD.encode(signature))
}

async fn discovery(State(idp): State<TestIdp>) -> Response {
    let (sends_iss, down) = {
        let mut state = idp.state.lock().unwrap();
        state.discovery_requests += 1;
        (state.sends_iss, state.down)
    };
    if down {
        return StatusCode::SERVICE_UNAVAILABLE.into_response();
    }
    let base = &idp.issuer;
    Json(json!({
        "authorization_response_iss_parameter_supported": sends_iss,
        "issuer": base,
        "authorization_endpoint": format!("{base}/authorize"),
        "token_endpoint": format!("{base}/token"),
        "jwks_uri": format!("{base}/jwks"),
        "end_session_endpoint": format!("{base}/session/end"),
        "response_types_supported": ["code"],
        "subject_types_supported": ["public"],
        "id_token_signing_alg_values_supported": ["RS256", "RS512"],
    }))
    .into_response()
}

async fn jwks(State(idp): State<TestIdp>) -> Json<Value> {
    let rotated = {
        let mut state = idp.state.lock().unwrap();
        state.jwks_requests += 1;
        state.rotated
    };
    let public = provider_key().to_public_key();
    Json(json!({ "keys": [{
        "kty": "RSA",
        "kid": if rotated { ROTATED_KEY_ID } else { KEY_ID },
        "use": "sig",
        "n": URL_SAFE_NO_PAD.encode(public.n().to_bytes_be()),
        "e": URL_SAFE_NO_PAD.encode(public.e().to_bytes_be()),
    }]}))
}

async fn token(
    State(idp): State<TestIdp>,
    headers: HeaderMap,
    Form(form): Form<HashMap<String, String>>,
) -> Response {
    let authorization = headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let mut state = idp.state.lock().unwrap();
    state.requests.push(TokenRequest {
        form: form.clone(),
        authorization: authorization.clone(),
    });
    let refuse =
        |error: &str| (StatusCode::BAD_REQUEST, Json(json!({ "error": error }))).into_response();
    if !client_authenticated(&idp.issuer, &form, authorization.as_deref()) {
        return (
            StatusCode::UNAUTHORIZED,
            Json(json!({ "error": "invalid_client" })),
        )
            .into_response();
    }
    let code = form.get("code").cloned().unwrap_or_default();
    if code.starts_with("redirect-") {
        // A token endpoint that answers with a redirect: a client that follows it would send
        // the code (and its credentials) wherever it points.
        return (
            StatusCode::TEMPORARY_REDIRECT,
            [("location", format!("{}/token-elsewhere", idp.issuer))],
        )
            .into_response();
    }
    let Some((id_token, challenge)) = state.codes.remove(&code) else {
        return refuse("invalid_grant");
    };
    let verifier = form.get("code_verifier").cloned().unwrap_or_default();
    if URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes())) != challenge {
        return refuse("invalid_grant");
    }
    Json(json!({
        "access_token": "access",
        "token_type": "Bearer",
        "expires_in": 300,
        "id_token": id_token,
    }))
    .into_response()
}

async fn token_elsewhere(State(idp): State<TestIdp>) -> StatusCode {
    idp.state.lock().unwrap().followed_redirect = true;
    StatusCode::BAD_REQUEST
}

impl TestIdp {
    /// Discovery advertises RFC 9207's `iss` in the authorization response.
    pub fn send_iss(&self) {
        self.state.lock().unwrap().sends_iss = true;
    }

    /// The provider publishes its key under a new key id from now on.
    pub fn rotate_key(&self) {
        self.state.lock().unwrap().rotated = true;
    }

    /// Discovery answers 503 (`true`) or works again (`false`).
    pub fn set_down(&self, down: bool) {
        self.state.lock().unwrap().down = down;
    }

    /// How many times discovery and the keys were fetched.
    pub fn fetches(&self) -> (usize, usize) {
        let state = self.state.lock().unwrap();
        (state.discovery_requests, state.jwks_requests)
    }

    /// Whether anyone followed the token endpoint's redirect.
    pub fn redirect_followed(&self) -> bool {
        self.state.lock().unwrap().followed_redirect
    }
}

/// client_secret_basic, or a private_key_jwt assertion that verifies with the client's public
/// key as RS512 and names the client and this token endpoint.
fn client_authenticated(
    issuer: &str,
    form: &HashMap<String, String>,
    authorization: Option<&str>,
) -> bool {
    if let Some(basic) = authorization.and_then(|a| a.strip_prefix("Basic ")) {
        let expected = STANDARD.encode(format!("{CLIENT_ID}:{CLIENT_SECRET}"));
        return basic == expected;
    }
    let Some(assertion) = form.get("client_assertion") else {
        return false;
    };
    if form.get("client_assertion_type").map(String::as_str)
        != Some("urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
    {
        return false;
    }
    let claims = match assertion_claims(assertion) {
        Some(claims) => claims,
        None => return false,
    };
    claims["iss"] == CLIENT_ID
        && claims["sub"] == CLIENT_ID
        && claims["aud"] == format!("{issuer}/token")
        && claims["jti"].as_str().is_some_and(|j| !j.is_empty())
        && claims["exp"]
            .as_i64()
            .is_some_and(|exp| exp > now() && exp <= now() + 300)
}

/// The claims of an RS512 assertion that verifies with the client's public key.
pub fn assertion_claims(assertion: &str) -> Option<Value> {
    let (input, signature) = assertion.rsplit_once('.')?;
    let header: Value =
        serde_json::from_slice(&URL_SAFE_NO_PAD.decode(input.split('.').next()?).ok()?).ok()?;
    if header["alg"] != "RS512" {
        return None;
    }
    let public = RsaPublicKey::from_public_key_pem(&fixture("client-key.pub.pem")).ok()?;
    let signature =
        rsa::pkcs1v15::Signature::try_from(URL_SAFE_NO_PAD.decode(signature).ok()?.as_slice())
            .ok()?;
    VerifyingKey::<Sha512>::new(public)
        .verify(input.as_bytes(), &signature)
        .ok()?;
    serde_json::from_slice(&URL_SAFE_NO_PAD.decode(input.split('.').nth(1)?).ok()?).ok()
}
