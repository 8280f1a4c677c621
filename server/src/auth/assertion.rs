//! `private_key_jwt` client authentication (RFC 7523), as NHS login requires: a JWT signed RS512
//! with Hive's private key, `iss` = `sub` = the client id, `aud` = the token endpoint, a fresh
//! `jti` and a short life.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use rsa::RsaPrivateKey;
use rsa::pkcs1v15::SigningKey;
use rsa::signature::{SignatureEncoding, Signer};
use sha2::Sha512;

/// How long an assertion is valid: long enough to reach the token endpoint, no longer.
pub const ASSERTION_LIFETIME_SECS: u64 = 60;

#[derive(Debug, thiserror::Error)]
#[error("the client assertion could not be signed")]
pub struct AssertionError;

pub fn client_assertion(
    key: &RsaPrivateKey,
    client_id: &str,
    token_endpoint: &str,
) -> Result<String, AssertionError> {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_err(|_| AssertionError)?
        .as_secs();
    let header = serde_json::json!({ "alg": "RS512", "typ": "JWT" });
    let claims = serde_json::json!({
        "iss": client_id,
        "sub": client_id,
        "aud": token_endpoint,
        "jti": uuid::Uuid::new_v4().to_string(),
        "iat": now,
        "exp": now + ASSERTION_LIFETIME_SECS,
    });
    let signing_input = format!(
        "{}.{}",
        URL_SAFE_NO_PAD.encode(header.to_string()),
        URL_SAFE_NO_PAD.encode(claims.to_string())
    );
    let signature = SigningKey::<Sha512>::new(key.clone())
        .try_sign(signing_input.as_bytes())
        .map_err(|_| AssertionError)?;
    Ok(format!(
        "{signing_input}.{}",
        URL_SAFE_NO_PAD.encode(signature.to_bytes())
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rsa::pkcs1v15::{Signature, VerifyingKey};
    use rsa::pkcs8::DecodePrivateKey;
    use rsa::signature::Verifier;

    fn key() -> RsaPrivateKey {
        RsaPrivateKey::from_pkcs8_pem(include_str!("../../tests/fixtures/client-key.pem")).unwrap()
    }

    fn part(jwt: &str, i: usize) -> serde_json::Value {
        let bytes = URL_SAFE_NO_PAD
            .decode(jwt.split('.').nth(i).unwrap())
            .unwrap();
        serde_json::from_slice(&bytes).unwrap()
    }

    #[test]
    fn the_assertion_names_the_client_and_the_token_endpoint() {
        let jwt = client_assertion(&key(), "hive", "https://idp.example/token").unwrap();
        assert_eq!(part(&jwt, 0)["alg"], "RS512");
        let claims = part(&jwt, 1);
        assert_eq!(claims["iss"], "hive");
        assert_eq!(claims["sub"], "hive");
        assert_eq!(claims["aud"], "https://idp.example/token");
        let lifetime = claims["exp"].as_u64().unwrap() - claims["iat"].as_u64().unwrap();
        assert_eq!(lifetime, ASSERTION_LIFETIME_SECS);
    }

    #[test]
    fn each_assertion_has_a_fresh_id() {
        let a = client_assertion(&key(), "hive", "https://idp.example/token").unwrap();
        let b = client_assertion(&key(), "hive", "https://idp.example/token").unwrap();
        assert_ne!(part(&a, 1)["jti"], part(&b, 1)["jti"]);
    }

    #[test]
    fn the_signature_verifies_with_the_public_key_as_rs512() {
        let key = key();
        let jwt = client_assertion(&key, "hive", "https://idp.example/token").unwrap();
        let (input, signature) = jwt.rsplit_once('.').unwrap();
        let signature =
            Signature::try_from(URL_SAFE_NO_PAD.decode(signature).unwrap().as_slice()).unwrap();
        let public = VerifyingKey::<Sha512>::new(key.to_public_key());
        assert!(public.verify(input.as_bytes(), &signature).is_ok());
        let sha256 = VerifyingKey::<sha2::Sha256>::new(key.to_public_key());
        assert!(sha256.verify(input.as_bytes(), &signature).is_err());
    }
}
