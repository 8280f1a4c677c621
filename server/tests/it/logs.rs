//! No health data reaches the logs: the real binary, logging everything at debug level, is
//! driven through the record, sharing, review, feedback and campaign flows with marker text in
//! every field, and everything it printed is searched for the markers.

use std::io::Read;
use std::process::{Command, Stdio};

const MARKER: &str = "MARKERLOGS";

fn form(pairs: &[(&str, &str)]) -> String {
    pairs
        .iter()
        .map(|(k, v)| format!("{k}={}", crate::support::urlencode(v)))
        .collect::<Vec<_>>()
        .join("&")
}

#[test]
fn health_data_typed_into_hive_never_reaches_its_logs() {
    let dir = tempfile::tempdir().unwrap();
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let log_path = dir.path().join("hive.log");
    let log = std::fs::File::create(&log_path).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_hive"))
        .args(["serve", "--demo"])
        .current_dir(dir.path())
        .env("HIVE_DATABASE_URL", "sqlite://data/hive.db")
        .env("LEPTOS_SITE_ADDR", format!("127.0.0.1:{port}"))
        // Everything, every crate, at debug: more than anyone runs in production.
        .env("HIVE_LOG", "debug")
        .stdout(Stdio::from(log.try_clone().unwrap()))
        .stderr(Stdio::from(log))
        .spawn()
        .unwrap();
    let base = format!("http://127.0.0.1:{port}");
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let outcome = runtime.block_on(async {
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .timeout(std::time::Duration::from_secs(20))
            .build()
            .unwrap();
        let mut up = false;
        for _ in 0..100 {
            if client.get(format!("{base}/healthz")).send().await.is_ok() {
                up = true;
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        assert!(up, "hive did not start");
        let post = |path: &str, body: String, cookie: Option<String>, html: bool| {
            let mut request = client
                .post(format!("{base}{path}"))
                .header("content-type", "application/x-www-form-urlencoded")
                .header("origin", &base)
                .body(body);
            if html {
                // A form post without JavaScript: a refusal keeps what was typed in the session.
                request = request
                    .header("accept", "text/html")
                    .header("referer", format!("{base}/my/about-me/wellness"));
            }
            if let Some(cookie) = cookie {
                request = request.header("cookie", cookie);
            }
            async move {
                let response = request.send().await.unwrap();
                let status = response.status().as_u16();
                let cookie = response
                    .headers()
                    .get_all("set-cookie")
                    .iter()
                    .filter_map(|v| v.to_str().ok())
                    .find(|v| v.starts_with("hive_session="))
                    .map(|v| v.split(';').next().unwrap_or_default().to_string());
                (status, cookie)
            }
        };
        let people = client
            .post(format!("{base}/api/demo-people"))
            .header("origin", &base)
            .header("content-type", "application/x-www-form-urlencoded")
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        let people: serde_json::Value = serde_json::from_str(&people).unwrap();
        let id = |name: &str| {
            people
                .as_array()
                .unwrap()
                .iter()
                .find(|p| p["name"] == name)
                .unwrap()["id"]
                .to_string()
        };
        let (olu, priya) = (id("Olu Bello"), id("Priya Shah"));
        let (_, cookie) = post("/auth/demo", form(&[("person", &olu)]), None, false).await;
        let olu_cookie = cookie.expect("signed in");
        let me = Some(olu_cookie.clone());
        let text = |what: &str| format!("{MARKER} {what}");
        let mut statuses = Vec::new();
        for (path, body) in [
            (
                "/api/save-about-me",
                form(&[
                    ("section", "wellness"),
                    ("base", "0"),
                    ("text", &text("about me")),
                ]),
            ),
            (
                "/api/save-needs",
                form(&[
                    ("base", "0"),
                    ("formats[]", "large-print"),
                    ("how_to_talk", &text("how to talk")),
                ]),
            ),
            (
                "/api/add-goal",
                form(&[("description", &text("goal")), ("lifecycle", "active")]),
            ),
            (
                "/api/save-sharing",
                "scopes[]=needs&scopes[]=about-me:wellness&scopes[]=goals".to_string(),
            ),
            (
                "/api/give-feedback",
                form(&[
                    ("fft", "poor"),
                    ("better", &text("feedback")),
                    ("publish", "yes"),
                ]),
            ),
            (
                "/api/reply",
                form(&[
                    ("kind", "needs"),
                    ("key", "needs"),
                    ("text", &text("reply")),
                ]),
            ),
            (
                "/api/answer-campaign",
                form(&[
                    ("campaign", "how-are-we-doing"),
                    ("website", &text("honeypot")),
                ]),
            ),
        ] {
            statuses.push((path, post(path, body, me.clone(), false).await.0));
        }
        // A refused no-JavaScript post: what was typed is kept in the session for the page.
        let long = format!("{} {}", text("too long"), "x".repeat(6_000));
        let kept = post(
            "/api/save-about-me",
            form(&[("section", "wellness"), ("base", "0"), ("text", &long)]),
            me.clone(),
            true,
        )
        .await
        .0;
        let page = client
            .get(format!("{base}/my/about-me/wellness"))
            .header("cookie", &olu_cookie)
            .send()
            .await
            .unwrap()
            .status()
            .as_u16();
        // Staff read the shared record and respond.
        let (_, cookie) = post("/auth/demo", form(&[("person", &priya)]), None, false).await;
        let priya_cookie = cookie.expect("signed in");
        let record = client
            .get(format!("{base}/team/residents/{olu}"))
            .header("cookie", &priya_cookie)
            .send()
            .await
            .unwrap();
        let record_status = record.status().as_u16();
        let record_text = record.text().await.unwrap();
        let respond = post(
            "/api/respond",
            form(&[
                ("resident", &olu),
                ("kind", "needs"),
                ("key", "needs"),
                ("text", &text("response")),
            ]),
            Some(priya_cookie),
            false,
        )
        .await
        .0;
        (statuses, kept, page, record_status, record_text, respond)
    });
    let _ = child.kill();
    let _ = child.wait();
    let (statuses, kept, page, record_status, record_text, respond) = outcome;
    // The flows ran: each save was accepted (the honeypot answer refused, as it should be).
    for (path, status) in &statuses {
        let expected_refusal = *path == "/api/answer-campaign";
        assert_eq!(*status >= 400, expected_refusal, "{path}: {status}");
    }
    assert_eq!(
        kept, 302,
        "the refused no-JavaScript post goes back to its page"
    );
    assert_eq!(page, 200);
    assert_eq!(record_status, 200, "{record_text}");
    assert!(
        record_text.contains(&format!("{MARKER} how to talk")),
        "the team read the marker"
    );
    assert!(respond < 400, "{respond}");
    let mut logged = String::new();
    std::fs::File::open(&log_path)
        .unwrap()
        .read_to_string(&mut logged)
        .unwrap();
    assert!(
        logged.lines().count() > 20,
        "the server logged at debug level: {logged}"
    );
    let leaks: Vec<&str> = logged.lines().filter(|l| l.contains(MARKER)).collect();
    assert!(leaks.is_empty(), "health data in the logs: {leaks:#?}");
}
