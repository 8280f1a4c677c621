//! Requests another site makes a browser send, oversized bodies, and a request whose handling
//! panics.

use crate::support::{session_cookie, spawn_app, sqlite};

#[tokio::test]
async fn a_cross_site_sign_in_post_is_refused_and_signs_nobody_in() {
    let app = spawn_app(sqlite(), true).await;
    let id = app.demo_person_id("Amira Khan").await;
    for (header, value) in [
        ("sec-fetch-site", "cross-site"),
        ("origin", "https://evil.example"),
    ] {
        let response = app
            .client
            .post(app.url("/auth/demo"))
            .header("content-type", "application/x-www-form-urlencoded")
            .header(header, value)
            .body(format!("person={id}"))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 403, "{header}: {value}");
        assert!(session_cookie(response.headers()).is_none());
    }
}

/// Announced as 3 MB, the body is refused before it is read: the client gets 413 without
/// having to send it (a client that keeps writing would meet a closed connection instead).
#[tokio::test]
async fn a_three_megabyte_body_is_413() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let app = spawn_app(sqlite(), true).await;
    let mut stream = tokio::net::TcpStream::connect(app.addr).await.unwrap();
    let head = format!(
        "POST /api/area-home HTTP/1.1\r\nHost: {}\r\nOrigin: http://{}\r\n\
         Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n",
        app.addr,
        app.addr,
        3 * 1024 * 1024
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    stream.write_all(&[b'a'; 64 * 1024]).await.unwrap();
    let mut response = vec![0; 64];
    let read = stream.read(&mut response).await.unwrap();
    let status_line = String::from_utf8_lossy(&response[..read]);
    assert!(status_line.starts_with("HTTP/1.1 413"), "{status_line}");
}

/// Sends `head` and `body` on a fresh connection and gives back the status line and the rest.
async fn raw(app: &crate::support::TestApp, head: &str, body: &[u8]) -> String {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut stream = tokio::net::TcpStream::connect(app.addr).await.unwrap();
    stream.write_all(head.as_bytes()).await.unwrap();
    // The server may answer (and close) before all of it is written.
    let _ = stream.write_all(body).await;
    let mut response = Vec::new();
    let _ = stream.read_to_end(&mut response).await;
    String::from_utf8_lossy(&response).into_owned()
}

/// A chunked body gives no length up front: it is found too big while being read, and that is
/// the client's doing (413), not a failure of Hive (it used to be a 502). Nothing is stored.
#[tokio::test]
async fn an_oversized_chunked_body_is_413_and_invalid_utf8_is_422() {
    let app = spawn_app(sqlite(), true).await;
    let cookie = app.sign_in_as("Olu Bello", None).await;
    let head = |extra: &str| {
        format!(
            "POST /api/give-feedback HTTP/1.1\r\nHost: {addr}\r\nOrigin: http://{addr}\r\n\
             Cookie: {cookie}\r\nContent-Type: application/x-www-form-urlencoded\r\n\
             Connection: close\r\n{extra}\r\n",
            addr = app.addr
        )
    };
    let mut chunked = Vec::new();
    for _ in 0..5 {
        chunked.extend_from_slice(format!("{:x}\r\n", 64 * 1024).as_bytes());
        chunked.extend_from_slice(&[b'a'; 64 * 1024]);
        chunked.extend_from_slice(b"\r\n");
    }
    chunked.extend_from_slice(b"0\r\n\r\n");
    let answer = raw(&app, &head("Transfer-Encoding: chunked\r\n"), &chunked).await;
    assert!(answer.starts_with("HTTP/1.1 413"), "{answer}");

    let body: &[u8] = b"fft=good&publish=no&better=\xff\xfe\xfd";
    let answer = raw(
        &app,
        &head(&format!("Content-Length: {}\r\n", body.len())),
        body,
    )
    .await;
    assert!(answer.starts_with("HTTP/1.1 422"), "{answer}");
    let olu = app.demo_person_id("Olu Bello").await;
    let given = app
        .store
        .feedback_given(app::domain::ids::PersonId(olu))
        .await
        .unwrap();
    assert!(given.is_empty(), "nothing stored");
}

#[tokio::test]
async fn pages_allow_only_their_own_scripts_and_those_carrying_this_responses_nonce() {
    let app = spawn_app(sqlite(), true).await;
    let first = app.get("/about/privacy", None).await;
    let policy = first.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_string();
    for directive in [
        "default-src 'self'",
        "frame-ancestors 'none'",
        "object-src 'none'",
        "base-uri 'none'",
    ] {
        assert!(policy.contains(directive), "{policy}");
    }
    assert!(!policy.contains("unsafe-inline"), "{policy}");
    let nonce = policy
        .split("'nonce-")
        .nth(1)
        .and_then(|rest| rest.split('\'').next())
        .expect("a nonce in the policy")
        .to_string();
    let html = first.text().await.unwrap();
    assert!(
        html.contains(&format!("<script type=\"module\" nonce=\"{nonce}\">")),
        "{html}"
    );
    let inline_scripts = html.matches("<script").count();
    assert_eq!(
        html.matches(&format!("nonce=\"{nonce}\"")).count(),
        inline_scripts,
        "every script carries the nonce"
    );

    let second = app.get("/about/privacy", None).await;
    let other = second.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_string();
    assert_ne!(policy, other, "each response gets a fresh nonce");
}

/// Every form's server function counts against the signed-in person's allowance of writes: a
/// minute's worth at once, then 429 with a retry time and nothing saved, whatever the form; what
/// they typed is kept for the page (no JavaScript). Someone else is not held up.
#[tokio::test]
async fn writes_are_limited_per_person_and_say_when_to_try_again() {
    let app = spawn_app(sqlite(), true).await;
    let amira = app.sign_in_as("Amira Khan", None).await;
    let hannah = app.sign_in_as("Hannah Price", None).await;
    let answer = |comment: &'static str| {
        [
            ("statement", "listened-to"),
            ("truth", "mostly"),
            ("comment", comment),
        ]
    };
    // Sixty writes of different kinds are taken (refusals of the input count too).
    for n in 0..60 {
        let response = if n % 2 == 0 {
            app.post_form("/api/answer-statement", &answer("taken"), Some(&amira))
                .await
        } else {
            app.post_form("/api/save-needs", &[("base", "999")], Some(&amira))
                .await
        };
        assert_ne!(response.status(), 429, "write {n} was within the allowance");
    }
    let id = app::domain::ids::PersonId(app.demo_person_id("Amira Khan").await);
    let store = app.store.clone();
    let versions = || {
        let store = store.clone();
        async move {
            store
                .record_history(id, app::server::store::PartKind::Statement, "listened-to")
                .await
                .unwrap()
                .len()
        }
    };
    let before = versions().await;
    let refused = app
        .post_form("/api/answer-statement", &answer("over"), Some(&amira))
        .await;
    assert_eq!(refused.status(), 429);
    let wait: u64 = refused.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=60).contains(&wait), "{wait}");
    assert_eq!(versions().await, before, "nothing was saved");
    // Without JavaScript: back to the page, which keeps the words and says why.
    let page = "/my/statements/listened-to";
    let kept = app
        .post_page_form(
            page,
            "/api/answer-statement",
            &answer("my typed words"),
            &amira,
        )
        .await;
    assert_eq!(kept.status(), 302);
    let back = app.get(page, Some(&amira)).await.text().await.unwrap();
    assert!(back.contains("Nothing was saved this time"), "{back}");
    assert!(back.contains(">my typed words</textarea>"), "{back}");
    // Hannah's allowance is her own.
    let hers = app
        .post_form("/api/answer-statement", &answer("hers"), Some(&hannah))
        .await;
    assert_ne!(hers.status(), 429);
    assert!(hers.status().is_success() || hers.status().is_redirection());
}

/// A bug that panics while a request is answered gets a 500 that says so, not a connection
/// closed without an answer (which a browser shows as its own error page, and a client as
/// "connection closed before message completed"), nor a page left waiting for a load that
/// will never finish; the server goes on serving.
#[tokio::test]
async fn a_request_that_panics_is_answered_500_and_the_server_goes_on() {
    let (app, counts) = crate::counting::spawn_counting_app(sqlite()).await;
    counts
        .panics
        .store(true, std::sync::atomic::Ordering::SeqCst);
    let response = app.post_form("/api/demo-people", &[], None).await;
    assert_eq!(response.status(), 500);
    assert_eq!(
        response.headers()["cache-control"],
        "no-store",
        "an error is never kept"
    );
    let body = response.text().await.unwrap();
    assert!(
        body.starts_with("Sorry, there is a problem with the service."),
        "{body}"
    );
    assert!(
        !body.contains("deliberate"),
        "the panic's message stays inside: {body}"
    );
    // A page whose load panics: the error page at once, not a wait for the request's timeout.
    let page = app
        .client
        .get(app.url("/auth/demo"))
        .header("accept", "text/html")
        .timeout(std::time::Duration::from_secs(10))
        .send()
        .await
        .expect("the page is answered, not left waiting");
    assert_eq!(page.status(), 500);
    let html = page.text().await.unwrap();
    assert!(
        html.contains("<h1>Sorry, there is a problem with the service</h1>"),
        "{html}"
    );
    assert!(!html.contains("deliberate"), "{html}");
    counts
        .panics
        .store(false, std::sync::atomic::Ordering::SeqCst);
    assert_eq!(app.get("/auth/demo", None).await.status(), 200);
    let response = app.post_form("/api/demo-people", &[], None).await;
    assert_eq!(response.status(), 200);
    assert!(response.text().await.unwrap().contains("Amira Khan"));
}

/// A form with nothing typed in it (a button: revoke a carer, retire a service, act for
/// someone, "nothing has changed", mark as read) that is refused says why at the top of the
/// page it came back to, once, as the error summary; without JavaScript the reload used to
/// show nothing, so the person could not tell it had not worked.
#[tokio::test]
async fn a_refused_button_says_why_on_the_page_it_came_back_to() {
    let app = spawn_app(sqlite(), true).await;
    hive_server::seed::seed_demo_record(app.store.as_ref())
        .await
        .unwrap();
    let body = |page: &'static str, cookie: String| {
        let app = &app;
        async move { app.get(page, Some(&cookie)).await.text().await.unwrap() }
    };
    let says = |page: &str, why: &str| {
        page.contains("There is a problem") && page.contains(why) && page.contains("role=\"alert\"")
    };

    // Revoked twice (a second tab, a double click): the second says it had already ended.
    let george = app.sign_in_as("George Walsh", None).await;
    let george_id = app::domain::ids::PersonId(app.demo_person_id("George Walsh").await);
    let grant = app.store.carer_grants(george_id).await.unwrap()[0]
        .id
        .to_string();
    let path: &'static str = format!("/my/carers/{grant}").leak();
    for _ in 0..2 {
        let back = app
            .post_page_form(path, "/api/revoke-carer", &[("grant", &grant)], &george)
            .await;
        assert_eq!(back.status(), 302);
    }
    let shown = body(path, george.clone()).await;
    assert!(says(&shown, "access had already ended."), "{shown}");
    assert!(!shown.contains("can no longer see or change"), "{shown}");
    let again = body(path, george.clone()).await;
    assert!(!again.contains("There is a problem"), "shown once: {again}");

    // A crafted choice on the services page.
    let ruth = app.sign_in_as("Ruth Adeyemi", None).await;
    let service = app.store.services().await.unwrap()[0].code.clone();
    let back = app
        .post_page_form(
            "/admin/services",
            "/api/service-state",
            &[("service", &service), ("active", "maybe")],
            &ruth,
        )
        .await;
    assert_eq!(back.status(), 302);
    let shown = body("/admin/services", ruth.clone()).await;
    assert!(
        says(&shown, "Choose to retire the service or bring it back"),
        "{shown}"
    );

    // Over the allowance of writes: acting for someone, "nothing has changed", mark as read.
    let spend = |cookie: String| {
        let app = &app;
        async move {
            // Until refused: the allowance refills as time passes.
            for _ in 0..200 {
                let response = app
                    .post_form("/api/save-needs", &[("base", "999")], Some(&cookie))
                    .await;
                if response.status() == 429 {
                    return;
                }
            }
            panic!("never refused");
        }
    };
    let too_many = "Nothing was saved this time";
    let lin = app.sign_in_as("Lin Walsh", None).await;
    spend(lin.clone()).await;
    app.post_page_form("/caring", "/api/act-for", &[("grant", &grant)], &lin)
        .await;
    let shown = body("/caring", lin.clone()).await;
    assert!(says(&shown, too_many), "{shown}");

    let amira = app.sign_in_as("Amira Khan", None).await;
    spend(amira.clone()).await;
    app.post_page_form("/my", "/api/confirm-review", &[], &amira)
        .await;
    let shown = body("/my", amira.clone()).await;
    assert!(says(&shown, too_many), "{shown}");

    let priya = app.sign_in_as("Priya Shah", None).await;
    spend(priya.clone()).await;
    let record: &'static str = format!("/team/residents/{}", george_id.0).leak();
    app.post_page_form(
        record,
        "/api/acknowledge",
        &[
            ("resident", &george_id.0.to_string()),
            ("kind", "needs"),
            ("key", "needs"),
            ("version", "1"),
        ],
        &priya,
    )
    .await;
    let shown = body(record, priya.clone()).await;
    assert!(says(&shown, too_many), "{shown}");
    assert!(!shown.contains("Marked as read"), "{shown}");
}

/// Starts a form post of `body_length` bytes, sends `sent` of them, then stalls: gives back what
/// the server answered and how long it took (at most ten seconds).
async fn stall_after(
    app: &crate::support::TestApp,
    cookie: &str,
    body_length: usize,
    sent: &[u8],
) -> (String, std::time::Duration) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut stream = tokio::net::TcpStream::connect(app.addr).await.unwrap();
    let head = format!(
        "POST /api/save-needs HTTP/1.1\r\nHost: {addr}\r\nOrigin: http://{addr}\r\n\
         Cookie: {cookie}\r\nContent-Type: application/x-www-form-urlencoded\r\n\
         Content-Length: {body_length}\r\n\r\n",
        addr = app.addr
    );
    let started = std::time::Instant::now();
    stream.write_all(head.as_bytes()).await.unwrap();
    stream.write_all(sent).await.unwrap();
    let mut answer = vec![0; 4096];
    let read = tokio::time::timeout(std::time::Duration::from_secs(10), stream.read(&mut answer))
        .await
        .expect("an answer within ten seconds")
        .unwrap();
    let took = started.elapsed();
    let mut answer = answer[..read].to_vec();
    // The rest of the answer (its body), if it came apart from the head.
    while let Ok(Ok(n @ 1..)) = tokio::time::timeout(
        std::time::Duration::from_millis(300),
        stream.read_buf(&mut answer),
    )
    .await
    {
        let _ = n;
    }
    (String::from_utf8_lossy(&answer).into_owned(), took)
}

/// A client that stops sending its body part-way is answered 408 once the body read times
/// out, and nothing is stored: it cannot hold the connection open.
#[tokio::test]
async fn a_body_that_stops_arriving_is_408_and_stores_nothing() {
    let limits = hive_server::web::Limits {
        body_read_timeout: std::time::Duration::from_millis(300),
        ..hive_server::web::Limits::default()
    };
    let app = with_limits(limits, true).await;
    let cookie = app.sign_in_as("Amira Khan", None).await;
    let (answer, took) = stall_after(&app, &cookie, 200, b"base=0&language=Stalled+").await;
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
    assert!(answer.contains("TimedOut"), "says what happened: {answer}");
    assert!(took >= std::time::Duration::from_millis(300), "{took:?}");
    let after = app
        .get("/my/needs", Some(&cookie))
        .await
        .text()
        .await
        .unwrap();
    assert!(!after.contains("Stalled"), "nothing stored");
}

/// A client that sends its body a little at a time, each part inside the body timeout, is still
/// answered 408 when the whole request outlasts the request timeout.
#[tokio::test]
async fn a_request_that_outlasts_the_request_timeout_is_408() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let limits = hive_server::web::Limits {
        body_read_timeout: std::time::Duration::from_secs(5),
        request_timeout: std::time::Duration::from_millis(400),
        ..hive_server::web::Limits::default()
    };
    let app = with_limits(limits, true).await;
    let cookie = app.sign_in_as("Amira Khan", None).await;
    let mut stream = tokio::net::TcpStream::connect(app.addr).await.unwrap();
    let head = format!(
        "POST /api/save-needs HTTP/1.1\r\nHost: {addr}\r\nOrigin: http://{addr}\r\n\
         Cookie: {cookie}\r\nContent-Type: application/x-www-form-urlencoded\r\n\
         Content-Length: 100\r\n\r\n",
        addr = app.addr
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    let started = std::time::Instant::now();
    // A byte every 100 ms: never long enough apart for the body timeout.
    let mut answer = vec![0; 4096];
    let read = loop {
        tokio::select! {
            read = stream.read(&mut answer) => break read.unwrap(),
            () = tokio::time::sleep(std::time::Duration::from_millis(100)) => {
                let _ = stream.write_all(b"a").await;
                assert!(started.elapsed() < std::time::Duration::from_secs(10), "no answer");
            }
        }
    };
    let answer = String::from_utf8_lossy(&answer[..read]);
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
    assert!(started.elapsed() >= std::time::Duration::from_millis(400));
}

/// A client that sends its headers a little at a time, or keeps a connection open and silent
/// after an answer, loses the connection once the header timeout has passed: neither can hold
/// one for ever (the request and body timeouts only start once the headers are in).
#[tokio::test]
async fn slow_headers_and_a_silent_kept_alive_connection_are_closed() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let limits = hive_server::web::Limits {
        header_read_timeout: std::time::Duration::from_millis(500),
        ..hive_server::web::Limits::default()
    };
    let app = with_limits(limits, false).await;
    // Closed, or an answer then closed: within ten seconds either way.
    async fn closes(stream: &mut tokio::net::TcpStream) -> std::time::Duration {
        let started = std::time::Instant::now();
        let mut buffer = vec![0; 4096];
        loop {
            let read =
                tokio::time::timeout(std::time::Duration::from_secs(10), stream.read(&mut buffer))
                    .await
                    .expect("the connection was still open after ten seconds");
            if !matches!(read, Ok(n) if n > 0) {
                return started.elapsed();
            }
        }
    }

    // Headers started, never finished.
    let mut slow = tokio::net::TcpStream::connect(app.addr).await.unwrap();
    slow.write_all(b"GET /healthz HTTP/1.1\r\nHost: hive\r\nX-Slow: a")
        .await
        .unwrap();
    let took = closes(&mut slow).await;
    assert!(took >= std::time::Duration::from_millis(400), "{took:?}");

    // One request answered, then silence on the kept-alive connection.
    let mut idle = tokio::net::TcpStream::connect(app.addr).await.unwrap();
    idle.write_all(b"GET /healthz HTTP/1.1\r\nHost: hive\r\n\r\n")
        .await
        .unwrap();
    let mut answer = vec![0; 4096];
    let read = idle.read(&mut answer).await.unwrap();
    assert!(answer[..read].starts_with(b"HTTP/1.1 200"));
    closes(&mut idle).await;

    // A client that keeps up is answered as ever, on a connection kept alive.
    let client = reqwest::Client::new();
    for _ in 0..3 {
        let response = client.get(app.url("/healthz")).send().await.unwrap();
        assert_eq!(response.status(), 200);
    }
}

/// A demo app on SQLite with these limits.
async fn with_limits(limits: hive_server::web::Limits, demo: bool) -> crate::support::TestApp {
    crate::support::spawn_app_with(
        sqlite(),
        crate::support::Options {
            demo,
            limits: Some(limits),
            ..crate::support::Options::default()
        },
    )
    .await
}

/// Server functions take forms: a body of another type, or with no type, is refused with 415
/// before any function reads it (read as a form it had none of the fields, and a read answered
/// with its defaults). A form with a charset is still a form.
#[tokio::test]
async fn a_server_function_sent_anything_but_a_form_is_415() {
    let app = spawn_app(sqlite(), true).await;
    let cookie = app.sign_in_as("Amira Khan", None).await;
    let send = |path: &'static str, content_type: Option<&'static str>, body: &'static str| {
        let mut request = app
            .client
            .post(app.url(path))
            .header("origin", format!("http://{}", app.addr))
            .header("cookie", &cookie)
            .body(body);
        if let Some(content_type) = content_type {
            request = request.header("content-type", content_type);
        }
        async move { request.send().await.unwrap().status().as_u16() }
    };
    for (path, body) in [
        ("/api/stories", "neighbourhood=chorlton"),
        ("/api/save-needs", "base=0&language=Welsh"),
    ] {
        for content_type in [
            Some("text/plain"),
            Some("application/json"),
            Some("multipart/form-data; boundary=x"),
            None,
        ] {
            assert_eq!(
                send(path, content_type, body).await,
                415,
                "{path} {content_type:?}"
            );
        }
    }
    assert_eq!(
        send(
            "/api/stories",
            Some("Application/X-WWW-Form-Urlencoded; charset=UTF-8"),
            "neighbourhood=chorlton"
        )
        .await,
        200
    );
    let needs = app
        .get("/my/needs", Some(&cookie))
        .await
        .text()
        .await
        .unwrap();
    assert!(!needs.contains("Welsh"), "nothing stored");
}
