use super::providers::{Audience, ClientAuth};
use super::*;
use app::domain::identity::IdentityLevel;
use secrecy::ExposeSecret;
use std::collections::HashMap;

fn env_of(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
    let map: HashMap<String, String> = pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    move |name: &str| map.get(name).cloned()
}

const NHS_LOGIN: &str = r#"
public_url = "https://hive.example"

[[identity_provider]]
id = "nhs-login"
label = "NHS login"
issuer = "https://auth.login.nhs.uk/"
client_id = "hive"
auth_method = "client_secret_basic"
client_secret = "file-secret"
scopes = ["openid", "profile", "email"]
vtr = '["P9.Cp.Cd","P9.Cp.Ck","P9.Cm"]'
minimum_level = "P9"
audience = "residents"
"#;

fn error(text: &str, env: &[(&str, &str)]) -> String {
    match Config::from_parts(Some(text), &env_of(env)) {
        Ok(_) => panic!("expected the configuration to be refused"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn no_file_means_defaults_and_no_providers() {
    let config = Config::from_parts(None, &env_of(&[])).unwrap();
    assert!(config.identity_providers.is_empty());
    assert_eq!(config.public_url, None);
}

#[test]
fn a_provider_is_read_with_every_documented_key() {
    let config = Config::from_parts(Some(NHS_LOGIN), &env_of(&[])).unwrap();
    let p = &config.identity_providers[0];
    assert_eq!(p.id, "nhs-login");
    assert_eq!(p.label, "NHS login");
    assert_eq!(
        p.issuer, "https://auth.login.nhs.uk/",
        "kept exactly: discovery and iss compare it as a string"
    );
    assert_eq!(p.scopes, ["openid", "profile", "email"]);
    assert_eq!(p.vtr.as_deref(), Some(r#"["P9.Cp.Cd","P9.Cp.Ck","P9.Cm"]"#));
    assert_eq!(p.minimum_level, Some(IdentityLevel::P9));
    assert_eq!(p.audience, Audience::Residents);
    let ClientAuth::ClientSecretBasic(secret) = &p.auth else {
        panic!("wrong auth")
    };
    assert_eq!(secret.expose_secret(), "file-secret");
}

#[test]
fn environment_variables_override_the_file() {
    let env = [
        ("HIVE_IDP_NHS_LOGIN_CLIENT_SECRET", "env-secret"),
        ("HIVE_IDP_NHS_LOGIN_CLIENT_ID", "hive-prod"),
        ("HIVE_PUBLIC_URL", "https://care.example/"),
    ];
    let config = Config::from_parts(Some(NHS_LOGIN), &env_of(&env)).unwrap();
    let p = &config.identity_providers[0];
    assert_eq!(p.client_id, "hive-prod");
    let ClientAuth::ClientSecretBasic(secret) = &p.auth else {
        panic!("wrong auth")
    };
    assert_eq!(secret.expose_secret(), "env-secret");
    assert_eq!(config.public_url.as_deref(), Some("https://care.example"));
    assert!(!p.trust_email, "off unless said");
    let trusting = [("HIVE_IDP_NHS_LOGIN_TRUST_EMAIL", "true")];
    let config = Config::from_parts(Some(NHS_LOGIN), &env_of(&trusting)).unwrap();
    assert!(config.identity_providers[0].trust_email);
}

#[test]
fn a_provider_without_scopes_asks_for_openid_alone() {
    let text = NHS_LOGIN.replace("scopes = [\"openid\", \"profile\", \"email\"]\n", "");
    assert_ne!(text, NHS_LOGIN);
    let config = Config::from_parts(Some(&text), &env_of(&[])).unwrap();
    assert_eq!(config.identity_providers[0].scopes, ["openid"]);
}

#[test]
fn secrets_never_appear_in_errors_or_debug_output() {
    let config = Config::from_parts(Some(NHS_LOGIN), &env_of(&[])).unwrap();
    assert!(!format!("{:?}", config.identity_providers).contains("file-secret"));
    let broken = NHS_LOGIN.replace("audience = \"residents\"", "audience = \"everyone\"");
    assert!(!error(&broken, &[]).contains("file-secret"));
}

#[test]
fn unknown_keys_are_refused_so_typos_are_not_ignored() {
    let typo = NHS_LOGIN.replace("client_secret =", "client_secert =");
    assert!(
        error(&typo, &[]).contains("client_secert"),
        "{}",
        error(&typo, &[])
    );
}

#[test]
fn each_auth_method_needs_its_credential() {
    let no_secret = NHS_LOGIN.replace("client_secret = \"file-secret\"\n", "");
    assert!(error(&no_secret, &[]).contains("needs client_secret"));
    let jwt = NHS_LOGIN.replace("client_secret_basic", "private_key_jwt");
    assert!(error(&jwt, &[]).contains("needs private_key_file"));
    let missing_key = jwt.replace(
        "client_secret = \"file-secret\"",
        "private_key_file = \"/no/such/key.pem\"",
    );
    assert!(error(&missing_key, &[]).contains("cannot be read"));
    let other = NHS_LOGIN.replace("client_secret_basic", "client_secret_post");
    assert!(error(&other, &[]).contains("not supported"));
}

#[test]
fn a_private_key_jwt_provider_names_its_key_file() {
    let dir = tempfile::tempdir().unwrap();
    let key = dir.path().join("key.pem");
    std::fs::copy(
        concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/client-key.pem"),
        &key,
    )
    .unwrap();
    let text = NHS_LOGIN
        .replace("client_secret_basic", "private_key_jwt")
        .replace(
            "client_secret = \"file-secret\"",
            &format!("private_key_file = \"{}\"", key.display()),
        );
    let config = Config::from_parts(Some(&text), &env_of(&[])).unwrap();
    assert!(
        matches!(&config.identity_providers[0].auth, ClientAuth::PrivateKeyJwt(k) if k.path == key)
    );
}

#[test]
fn a_key_file_that_is_not_an_rsa_key_is_refused_at_start_up() {
    let dir = tempfile::tempdir().unwrap();
    let key = dir.path().join("key.pem");
    std::fs::write(&key, "-----BEGIN PRIVATE KEY-----\nnot a key\n").unwrap();
    let text = NHS_LOGIN
        .replace("client_secret_basic", "private_key_jwt")
        .replace(
            "client_secret = \"file-secret\"",
            &format!("private_key_file = \"{}\"", key.display()),
        );
    assert!(error(&text, &[]).contains("is not a PEM RSA private key"));
}

#[test]
fn issuers_must_be_https_except_on_loopback() {
    for bad in [
        "http://auth.example",
        "ftp://auth.example",
        "https://",
        "http://127.0.0.1.evil.example",
    ] {
        let text = NHS_LOGIN.replace("https://auth.login.nhs.uk/", bad);
        assert!(error(&text, &[]).contains("issuer must be"), "{bad}");
    }
    for good in [
        "http://127.0.0.1:9090",
        "http://localhost:9090/oidc",
        "http://[::1]:9090",
    ] {
        let text = NHS_LOGIN.replace("https://auth.login.nhs.uk/", good);
        assert!(
            Config::from_parts(Some(&text), &env_of(&[])).is_ok(),
            "{good}"
        );
    }
}

#[test]
fn scopes_vtr_levels_and_audiences_are_checked() {
    let no_openid = NHS_LOGIN.replace("\"openid\", ", "");
    assert!(error(&no_openid, &[]).contains("scopes must include openid"));
    let bad_vtr = NHS_LOGIN.replace(r#"'["P9.Cp.Cd","P9.Cp.Ck","P9.Cm"]'"#, "'P9.Cp.Cd'");
    assert!(error(&bad_vtr, &[]).contains("vtr must be a JSON array"));
    let bad_level = NHS_LOGIN.replace("minimum_level = \"P9\"", "minimum_level = \"P7\"");
    assert!(error(&bad_level, &[]).contains("'P7'"));
    let bad_audience = NHS_LOGIN.replace("\"residents\"", "\"patients\"");
    assert!(error(&bad_audience, &[]).contains("residents or staff"));
}

#[test]
fn ids_are_codes_and_unique() {
    let bad_id = NHS_LOGIN.replace("id = \"nhs-login\"", "id = \"NHS login\"");
    assert!(error(&bad_id, &[]).contains("lower-case"));
    let twice = format!("{NHS_LOGIN}{}", &NHS_LOGIN[NHS_LOGIN.find("[[").unwrap()..]);
    assert!(error(&twice, &[]).contains("listed twice"));
}

#[test]
fn providers_need_a_public_url_for_their_redirect_uri() {
    let text = NHS_LOGIN.replace("public_url = \"https://hive.example\"", "");
    assert!(error(&text, &[]).contains("public_url is needed"));
}

#[test]
fn the_bootstrap_admin_email_is_checked() {
    let text = format!("bootstrap_admin_email = \"not an email\"\n{NHS_LOGIN}");
    assert!(error(&text, &[]).contains("bootstrap_admin_email"));
    let ok = Config::from_parts(
        None,
        &env_of(&[("HIVE_BOOTSTRAP_ADMIN_EMAIL", "ruth@nhs.example")]),
    )
    .unwrap();
    assert_eq!(
        ok.bootstrap_admin_email.as_deref(),
        Some("ruth@nhs.example")
    );
}

#[test]
fn a_residents_provider_must_say_what_level_records_need() {
    let text = NHS_LOGIN.replace("minimum_level = \"P9\"\n", "");
    assert!(
        error(&text, &[]).contains("a residents provider needs minimum_level"),
        "fail closed"
    );
    let staff = text.replace("audience = \"residents\"", "audience = \"staff\"");
    assert!(Config::from_parts(Some(&staff), &env_of(&[])).is_ok());
}

#[test]
fn plain_http_public_urls_are_only_for_loopback() {
    for bad in [
        "http://hive.example",
        "http://10.0.0.5:3000",
        "hive.example",
    ] {
        let text = NHS_LOGIN.replace("https://hive.example", bad);
        assert!(
            error(&text, &[]).contains("public_url must start with https://"),
            "{bad}"
        );
    }
    for good in [
        "http://127.0.0.1:3000",
        "http://localhost:3000",
        "https://hive.example",
    ] {
        let text = NHS_LOGIN.replace("https://hive.example", good);
        assert!(
            Config::from_parts(Some(&text), &env_of(&[])).is_ok(),
            "{good}"
        );
    }
}

#[test]
fn the_write_allowance_is_sixty_a_minute_unless_set_and_then_it_is_checked() {
    let config = Config::from_parts(None, &env_of(&[])).unwrap();
    assert_eq!(config.writes_per_minute.get(), 60);
    let config = Config::from_parts(Some("writes_per_minute = 600"), &env_of(&[])).unwrap();
    assert_eq!(config.writes_per_minute.get(), 600);
    let config = Config::from_parts(
        Some("writes_per_minute = 600"),
        &env_of(&[("HIVE_WRITES_PER_MINUTE", "5")]),
    )
    .unwrap();
    assert_eq!(config.writes_per_minute.get(), 5, "the environment wins");
    for text in ["writes_per_minute = 0", "writes_per_minute = 100001"] {
        assert_eq!(
            error(text, &[]),
            "writes_per_minute must be between 1 and 100000"
        );
    }
    assert_eq!(
        error("", &[("HIVE_WRITES_PER_MINUTE", "lots")]),
        "HIVE_WRITES_PER_MINUTE must be a whole number"
    );
}
