//! Campaigns and the dashboard: the counts on every backend against a fixture with known
//! answers (UK months, suppression), and the pages: writing a campaign, answering it at its
//! public link (anonymous, signed in, assisted), the refusals, the rate limit and the CSVs.

use crate::support::{TestApp, each_backend, open_store, resident_accessor, spawn_app, sqlite};
use app::domain::dashboard::DashboardFilter;
use app::domain::role::Role;
use app::server::store::{Accessor, CampaignFft, CountQuery, NewAnswers, NewCampaign, NewQuestion};

async fn page(app: &TestApp, path: &str, cookie: Option<&str>) -> (u16, String) {
    let response = app.get(path, cookie).await;
    let status = response.status().as_u16();
    (status, response.text().await.unwrap())
}

async fn post(
    app: &TestApp,
    path: &str,
    form: &[(&str, &str)],
    cookie: Option<&str>,
) -> (u16, String) {
    let response = app.post_form(path, form, cookie).await;
    let status = response.status().as_u16();
    (status, response.text().await.unwrap())
}

/// Milliseconds of a UTC date and time.
fn utc(year: i64, month: u32, day: u32, hour: i64, minute: i64) -> i64 {
    // Days from 1970-01-01 (the civil-from-days inverse, as in domain::time).
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    ((days * 24 + hour) * 60 + minute) * 60_000
}

#[test]
fn the_fixture_clock_is_right() {
    assert_eq!(utc(1970, 1, 1, 0, 0), 0);
    assert_eq!(utc(2026, 6, 1, 0, 0), 1_780_272_000_000);
}

async fn officer(store: &dyn app::server::Store) -> Accessor {
    Accessor {
        role: Role::EngagementOfficer,
        ..resident_accessor(store, "Joe Murphy").await
    }
}

#[tokio::test]
async fn the_dashboard_counts_by_uk_month_and_suppresses_what_would_identify_on_every_backend() {
    for db in each_backend().await {
        let store = open_store(&db).await;
        let store = store.as_ref();
        hive_server::seed::seed_demo(store).await.unwrap();
        let joe = officer(store).await;
        let all = store.neighbourhoods().await.unwrap();
        let id = |name: &str| all.iter().find(|n| n.name == name).unwrap().id;
        let (a, b, c) = (
            id("Chorlton and Whalley Range"),
            id("Didsbury"),
            id("Wythenshawe"),
        );
        let campaign = store
            .save_campaign(&NewCampaign {
                id: None,
                slug: "fixture",
                title: "Fixture",
                description: "Known answers",
                service: None,
                opens_on: 20_260_101,
                closes_on: 20_261_231,
                by: &joe,
                neighbourhoods: &[a, b, c],
            })
            .await
            .unwrap();
        let fft_q = store
            .add_question(&NewQuestion {
                campaign,
                kind: "fft",
                prompt: "",
                required: true,
                choices: "",
                other: false,
                statement: None,
            })
            .await
            .unwrap();
        let rating_q = store
            .add_question(&NewQuestion {
                campaign,
                kind: "rating",
                prompt: "How easy was it?",
                required: true,
                choices: "",
                other: false,
                statement: None,
            })
            .await
            .unwrap();
        let add = |neighbourhood, fft: &'static str, rating: &'static str, at: i64| {
            let answers = vec![(fft_q, fft, None), (rating_q, rating, None)];
            async move {
                store
                    .add_answers(&NewAnswers {
                        campaign,
                        service: None,
                        neighbourhood: Some(neighbourhood),
                        person: None,
                        assisted_by: None,
                        answers: &answers,
                        fft: Some(CampaignFft {
                            fft,
                            good: None,
                            better: None,
                            status: "private",
                        }),
                        at,
                    })
                    .await
                    .unwrap();
            }
        };
        // Mid-month times in May, June and July 2026 (British Summer Time).
        let mid = |month: u32| utc(2026, month, 15, 11, 0);
        // A: May 10 (one at 23:59 BST on 31 May), June 12 (one at 00:30 BST on 1 June), July 9.
        for _ in 0..9 {
            add(a, "good", "4", mid(5)).await;
        }
        add(a, "good", "4", utc(2026, 5, 31, 22, 59)).await;
        add(a, "very-good", "5", utc(2026, 5, 31, 23, 30)).await;
        for (fft, n) in [
            ("very-good", 5),
            ("good", 3),
            ("neither", 1),
            ("poor", 1),
            ("dont-know", 1),
        ] {
            for _ in 0..n {
                add(a, fft, "3", mid(6)).await;
            }
        }
        for _ in 0..9 {
            add(a, "good", "4", mid(7)).await;
        }
        // B: May 8, June 9, July 7. C: May 6, June 2, July 12.
        for (place, counts) in [(b, [8, 9, 7]), (c, [6, 2, 12])] {
            for (month, n) in [5, 6, 7].into_iter().zip(counts) {
                for _ in 0..n {
                    add(place, "poor", "2", mid(month)).await;
                }
            }
        }
        let filter = DashboardFilter {
            campaign: campaign.to_string(),
            from: "2026-05".into(),
            to: "2026-07".into(),
            ..DashboardFilter::default()
        };
        let d = app::server::services::dashboard::figures(store, &filter)
            .await
            .unwrap();
        let fft = &d.fft;
        assert_eq!(fft.months, vec![202_605, 202_606, 202_607], "{}", db.name);
        let row = |name: &str| fft.rows.iter().position(|r| r == name).unwrap();
        let (ra, rb, rc) = (
            row("Chorlton and Whalley Range"),
            row("Didsbury"),
            row("Wythenshawe"),
        );
        let answers =
            |r: usize| -> Vec<Option<i64>> { fft.cells[r].iter().map(|f| f.answers).collect() };
        // The answer at 00:30 BST on 1 June is June's; at 23:59 BST on 31 May, May's.
        assert_eq!(
            answers(ra),
            vec![Some(10), Some(12), Some(9)],
            "{}",
            db.name
        );
        let june = &fft.cells[ra][1];
        assert_eq!(
            (june.positive, june.negative),
            (Some(75), Some(8)),
            "{}",
            db.name
        );
        assert_eq!(
            (fft.cells[ra][0].positive, fft.cells[ra][0].negative),
            (Some(100), Some(0))
        );
        // 2 in Wythenshawe in June is hidden, and so is what would give it away: the next
        // smallest in its row (6, May) and its column (9 in Didsbury), and then 8 in Didsbury
        // in May, or May's total would give the 6 away.
        assert_eq!(answers(rb), vec![None, None, Some(7)], "{}", db.name);
        assert_eq!(answers(rc), vec![None, None, Some(12)], "{}", db.name);
        let month_totals: Vec<Option<i64>> = fft.month_totals.iter().map(|f| f.answers).collect();
        assert_eq!(
            month_totals,
            vec![Some(24), Some(23), Some(28)],
            "{}",
            db.name
        );
        assert_eq!(fft.total.answers, Some(75), "{}", db.name);
        // 10 (May) + 9 (June) + 9 (July) positive of 75.
        assert_eq!(fft.total.positive, Some(37), "{}", db.name);
        assert_eq!(fft.row_totals[rb].answers, Some(24), "{}", db.name);
        // Neighbourhoods without answers show 0; the others are not listed as missing.
        assert!(fft.rows.iter().all(|r| r != "Neighbourhood not given"));
        // The rating question's distribution: 5 to 1, with the small counts hidden.
        let rating = d
            .distributions
            .iter()
            .find(|x| x.question == "How easy was it?")
            .unwrap();
        assert_eq!(rating.labels, vec!["5", "4", "3", "2", "1"]);
        assert_eq!(
            rating.shown.cells,
            vec![None, Some(19), None, Some(44), Some(0)],
            "{}: one 5 is hidden, and the 11 that would give it away",
            db.name
        );
        assert_eq!(rating.shown.total, Some(75));
        // One neighbourhood: only its row.
        let one = app::server::services::dashboard::figures(
            store,
            &DashboardFilter {
                neighbourhood: "didsbury".into(),
                ..filter.clone()
            },
        )
        .await
        .unwrap();
        assert_eq!(one.fft.rows, vec!["Didsbury".to_string()], "{}", db.name);
        assert_eq!(one.fft.total.answers, Some(24));

        // Winter time: 23:30 GMT on 30 November is November; 00:30 GMT on 1 December,
        // December; 23:30 UTC on 31 March 2026 (BST since the 29th) is April.
        for at in [
            utc(2026, 11, 30, 23, 30),
            utc(2026, 12, 1, 0, 30),
            utc(2026, 3, 31, 23, 30),
        ] {
            add(c, "good", "4", at).await;
        }
        let counts = store
            .fft_counts(&CountQuery {
                from_month: 202_601,
                to_month: 202_612,
                neighbourhood: Some(c),
                campaign: Some(campaign),
            })
            .await
            .unwrap();
        let months: Vec<i64> = {
            let mut m: Vec<i64> = counts
                .iter()
                .filter(|x| x.fft == "good")
                .map(|x| x.month)
                .collect();
            m.sort_unstable();
            m
        };
        assert_eq!(months, vec![202_604, 202_611, 202_612], "{}", db.name);
    }
}

async fn new_campaign(
    app: &TestApp,
    joe: &str,
    slug: &str,
    opens: [&str; 3],
    closes: [&str; 3],
) -> String {
    let (status, body) = post(
        app,
        "/api/save-campaign",
        &[
            ("title", "Winter visits"),
            ("description", "How were your visits this winter?"),
            ("slug", slug),
            ("neighbourhoods[]", "chorlton-whalley-range"),
            ("neighbourhoods[]", "didsbury"),
            ("opens_day", opens[0]),
            ("opens_month", opens[1]),
            ("opens_year", opens[2]),
            ("closes_day", closes[0]),
            ("closes_month", closes[1]),
            ("closes_year", closes[2]),
        ],
        Some(joe),
    )
    .await;
    assert!(status < 400, "{status} {body}");
    app.store
        .campaign_by_slug(slug)
        .await
        .unwrap()
        .unwrap()
        .id
        .to_string()
}

async fn question(
    app: &TestApp,
    joe: &str,
    campaign: &str,
    form: &[(&str, &str)],
) -> (u16, String) {
    let mut all = vec![("campaign", campaign)];
    all.extend_from_slice(form);
    post(app, "/api/add-question", &all, Some(joe)).await
}

#[tokio::test]
async fn an_officer_writes_a_campaign_and_anyone_answers_it_once() {
    let app = spawn_app(sqlite(), true).await;
    let joe = app.sign_in_as("Joe Murphy", None).await;
    // Bad details: a 422 naming each field, nothing stored.
    let (status, body) = post(
        &app,
        "/api/save-campaign",
        &[
            ("title", "Winter"),
            ("opens_day", "31"),
            ("opens_month", "2"),
            ("opens_year", "2026"),
        ],
        Some(&joe),
    )
    .await;
    assert_eq!(status, 422);
    for message in [
        "Say what the campaign is about",
        "The opening date must be a real date",
        "Enter the closing date",
        "Select the neighbourhoods the campaign covers",
    ] {
        assert!(body.contains(message), "{message}: {body}");
    }
    assert!(
        app.store
            .campaigns()
            .await
            .unwrap()
            .iter()
            .all(|c| c.title != "Winter")
    );
    // Residents cannot write campaigns.
    let olu = app.sign_in_as("Olu Bello", None).await;
    let (status, _) = post(&app, "/api/save-campaign", &[("title", "Mine")], Some(&olu)).await;
    assert_eq!(status, 403);

    let id = new_campaign(
        &app,
        &joe,
        "winter-visits",
        ["1", "1", "2026"],
        ["31", "12", "2099"],
    )
    .await;
    // The same link name again: refused.
    let (status, body) = post(
        &app,
        "/api/save-campaign",
        &[
            ("title", "Winter visits again"),
            ("description", "Again"),
            ("slug", "winter-visits"),
            ("neighbourhoods[]", "didsbury"),
            ("opens_day", "1"),
            ("opens_month", "1"),
            ("opens_year", "2026"),
            ("closes_day", "1"),
            ("closes_month", "2"),
            ("closes_year", "2026"),
        ],
        Some(&joe),
    )
    .await;
    assert_eq!(status, 422);
    assert!(
        body.contains("Another campaign already has this link name"),
        "{body}"
    );

    for form in [
        vec![("kind", "fft"), ("required", "yes")],
        vec![
            ("kind", "rating"),
            ("prompt", "How easy was it to reach us?"),
            ("required", "yes"),
        ],
        vec![
            ("kind", "several"),
            ("prompt", "What would help?"),
            ("choices", "Evening visits\nThe same nurse"),
            ("other", "yes"),
        ],
        vec![
            ("kind", "one"),
            ("prompt", "How did we contact you?"),
            ("choices", "Phone\nLetter"),
        ],
        vec![("kind", "text"), ("prompt", "Anything else?")],
    ] {
        let (status, body) = question(&app, &joe, &id, &form).await;
        assert!(status < 400, "{status} {body}");
    }
    let (status, body) = question(
        &app,
        &joe,
        &id,
        &[
            ("kind", "one"),
            ("prompt", "Which?"),
            ("choices", "Only one"),
        ],
    )
    .await;
    assert_eq!(status, 422);
    assert!(body.contains("Write at least two choices"), "{body}");
    let questions = app
        .store
        .campaign_questions(id.parse().unwrap())
        .await
        .unwrap();
    assert_eq!(questions.len(), 5);
    // Reorder: the one-choice question moves up above several choices.
    let (status, _) = post(
        &app,
        "/api/arrange-question",
        &[
            ("campaign", &id),
            ("question", &questions[3].id.to_string()),
            ("direction", "up"),
        ],
        Some(&joe),
    )
    .await;
    assert!(status < 400);
    let kinds: Vec<String> = app
        .store
        .campaign_questions(id.parse().unwrap())
        .await
        .unwrap()
        .into_iter()
        .map(|q| q.kind)
        .collect();
    assert_eq!(kinds, vec!["fft", "rating", "one", "several", "text"]);
    let q: Vec<String> = questions.iter().map(|q| q.id.to_string()).collect();
    let key = |i: usize, suffix: &str| {
        if suffix.is_empty() {
            format!("a[q{}]", q[i])
        } else {
            format!("a[q{}-{suffix}]", q[i])
        }
    };
    let (fft, rating, several0, other, one, text, good, publish) = (
        key(0, ""),
        key(1, ""),
        key(2, "0"),
        key(2, "other"),
        key(3, ""),
        key(4, ""),
        key(0, "good"),
        key(0, "publish"),
    );

    // Anyone reads it without signing in.
    let (status, html) = page(&app, "/c/winter-visits", None).await;
    assert_eq!(status, 200);
    assert!(html.contains("How were your visits this winter?"));
    assert!(html.contains("Overall, how was your experience of our service?"));
    assert!(html.contains("Leave this empty"), "the honeypot is there");
    assert!(html.contains("Not for urgent help"), "{html}");
    assert_eq!(page(&app, "/c/no-such-campaign", None).await.0, 404);

    // Bad answers: a 422 each, saying which question.
    let refused = [
        (
            vec![(fft.as_str(), "good"), (rating.as_str(), "6")],
            "Question 2: Select a rating from 1 to 5",
        ),
        (
            vec![(fft.as_str(), "good")],
            "Question 2: answer this question",
        ),
        (
            vec![
                (fft.as_str(), "good"),
                (rating.as_str(), "3"),
                (one.as_str(), "Pigeon"),
            ],
            "Question 3: Select one of the choices offered",
        ),
        (
            vec![
                (fft.as_str(), "good"),
                (rating.as_str(), "3"),
                ("a[q999999]", "5"),
            ],
            "not in this campaign",
        ),
        (
            vec![
                (fft.as_str(), "good"),
                (rating.as_str(), "3"),
                ("website", "http://spam.example"),
            ],
            "must be left empty",
        ),
    ];
    for (answers, message) in refused {
        let mut form = vec![("campaign", "winter-visits")];
        form.extend(answers);
        let (status, body) = post(&app, "/api/answer-campaign", &form, None).await;
        assert_eq!(status, 422, "{message}");
        assert!(body.contains(message), "{message}: {body}");
    }
    assert_eq!(
        app.store
            .campaign(id.parse().unwrap())
            .await
            .unwrap()
            .unwrap()
            .answers,
        0
    );

    // An anonymous answer, with a formula for the CSV to neutralise.
    let (status, body) = post(
        &app,
        "/api/answer-campaign",
        &[
            ("campaign", "winter-visits"),
            ("neighbourhood", "didsbury"),
            (fft.as_str(), "very-good"),
            (good.as_str(), "Ring 07700 900999 any time"),
            (publish.as_str(), "yes"),
            (rating.as_str(), "5"),
            (several0.as_str(), "Evening visits"),
            (other.as_str(), "A named nurse"),
            (one.as_str(), "Letter"),
            (text.as_str(), "=HYPERLINK(\"http://evil.example\")"),
        ],
        None,
    )
    .await;
    assert!(status < 400, "{status} {body}");
    // Its FFT waits for moderation like any other feedback, phone number and all.
    let (_, queue) = page(&app, "/engagement/moderation", Some(&joe)).await;
    assert!(queue.contains("07700 900999"), "{queue}");

    // A signed-in resident answers once.
    let answer = [
        ("campaign", "winter-visits"),
        (fft.as_str(), "good"),
        (rating.as_str(), "4"),
    ];
    let (status, _) = post(&app, "/api/answer-campaign", &answer, Some(&olu)).await;
    assert!(status < 400);
    let (status, body) = post(&app, "/api/answer-campaign", &answer, Some(&olu)).await;
    assert_eq!(status, 409);
    assert!(body.contains("already answered"), "{body}");
    // The first load after answering thanks them; later ones say they have answered.
    let (_, html) = page(&app, "/c/winter-visits", Some(&olu)).await;
    assert!(html.contains("Your answers help"), "{html}");
    let (_, html) = page(&app, "/c/winter-visits", Some(&olu)).await;
    assert!(
        html.contains("You have already answered this campaign"),
        "{html}"
    );
    assert!(!html.contains("Send answers"));

    // Staff enter paper answers: marked as assisted, entered by them, as often as needed.
    let sam = app.sign_in_as("Sam Okafor", None).await;
    let (_, html) = page(&app, "/c/winter-visits", Some(&sam)).await;
    assert!(html.contains("recorded as entered by you"), "{html}");
    for _ in 0..2 {
        let (status, _) = post(&app, "/api/answer-campaign", &answer, Some(&sam)).await;
        assert!(status < 400);
    }
    // Questions cannot change once there are answers.
    let (status, body) = question(&app, &joe, &id, &[("kind", "text"), ("prompt", "Late?")]).await;
    assert_eq!(status, 409);
    assert!(body.contains("can no longer change"), "{body}");

    // The owner downloads the answers; formulas are neutralised.
    let response = app
        .get(
            &format!("/engagement/campaigns/{id}/answers.csv"),
            Some(&joe),
        )
        .await;
    assert_eq!(response.status().as_u16(), 200);
    assert!(
        response.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/csv")
    );
    let csv = response.text().await.unwrap();
    assert!(csv.contains("'=HYPERLINK"), "{csv}");
    assert!(!csv.contains(",=HYPERLINK"), "{csv}");
    assert!(csv.contains("Other: A named nurse"), "{csv}");
    assert_eq!(csv.matches("Sam Okafor").count(), 2, "{csv}");
    assert_eq!(csv.lines().count(), 5, "a header and four sets: {csv}");
    // Nobody else does; a resident gets no dashboard.
    let other = app
        .store
        .save_campaign(&NewCampaign {
            id: None,
            slug: "someone-elses",
            title: "Someone else's",
            description: "Not Joe's",
            service: None,
            opens_on: 20_260_101,
            closes_on: 20_260_102,
            by: &resident_accessor(app.store.as_ref(), "Priya Shah").await,
            neighbourhoods: &[],
        })
        .await
        .unwrap();
    assert_eq!(
        app.get(
            &format!("/engagement/campaigns/{other}/answers.csv"),
            Some(&joe)
        )
        .await
        .status()
        .as_u16(),
        404
    );
    assert_eq!(
        app.get(
            &format!("/engagement/campaigns/{id}/answers.csv"),
            Some(&sam)
        )
        .await
        .status()
        .as_u16(),
        403
    );
    assert_eq!(
        app.get("/engagement/dashboard.csv", Some(&olu))
            .await
            .status()
            .as_u16(),
        403
    );
    assert_eq!(
        app.get("/engagement/dashboard.csv", None)
            .await
            .status()
            .as_u16(),
        401
    );

    // The dashboard shows the campaign's answers, and the CSV of its figures downloads.
    let (status, html) = page(
        &app,
        &format!("/engagement/dashboard?campaign={id}"),
        Some(&joe),
    )
    .await;
    assert_eq!(status, 200);
    assert!(html.contains("How easy was it to reach us?"), "{html}");
    assert!(html.contains("suppressed"));
    let response = app
        .get(
            &format!("/engagement/dashboard.csv?campaign={id}"),
            Some(&joe),
        )
        .await;
    assert_eq!(response.status().as_u16(), 200);
    let csv = response.text().await.unwrap();
    assert!(csv.starts_with("Table,"), "{csv}");
    assert!(
        csv.contains("Friends and Family Test,All neighbourhoods,All months,,suppressed"),
        "{csv}"
    );
}

#[tokio::test]
async fn closed_and_unopened_campaigns_say_so_and_floods_are_refused() {
    let app = spawn_app(sqlite(), true).await;
    let joe = app.sign_in_as("Joe Murphy", None).await;
    let closed = new_campaign(
        &app,
        &joe,
        "last-year",
        ["1", "1", "2020"],
        ["31", "12", "2020"],
    )
    .await;
    let later = new_campaign(
        &app,
        &joe,
        "next-century",
        ["1", "1", "2099"],
        ["31", "12", "2099"],
    )
    .await;
    for (id, slug) in [(&closed, "last-year"), (&later, "next-century")] {
        let (status, _) = question(
            &app,
            &joe,
            id,
            &[("kind", "rating"), ("prompt", "How was it?")],
        )
        .await;
        assert!(status < 400);
        let q = app
            .store
            .campaign_questions(id.parse().unwrap())
            .await
            .unwrap()[0]
            .id;
        let (_, html) = page(&app, &format!("/c/{slug}"), None).await;
        assert!(!html.contains("Send answers"), "no form on {slug}");
        let (status, body) = post(
            &app,
            "/api/answer-campaign",
            &[("campaign", slug), (&format!("a[q{q}]"), "3")],
            None,
        )
        .await;
        assert_eq!(status, 409, "{slug}");
        let expected = if slug == "last-year" {
            "This campaign closed on 31 December 2020"
        } else {
            "This campaign opens on 1 January 2099"
        };
        assert!(html.contains(expected), "{html}");
        assert!(body.contains(expected), "{body}");
    }
    // A flood from one address: the first twenty are taken (refused or not), then 429 with a
    // time to wait.
    let mut statuses = Vec::new();
    for _ in 0..22 {
        let response = app
            .post_form("/api/answer-campaign", &[("campaign", "last-year")], None)
            .await;
        let retry = response.headers().get("retry-after").cloned();
        statuses.push(response.status().as_u16());
        if statuses.last() == Some(&429) {
            assert!(retry.is_some(), "429 says when to try again");
            let body = response.text().await.unwrap();
            assert!(body.contains("TooMany"), "{body}");
        }
    }
    // Two posts above were already counted. (One more may get through if three seconds
    // passed since the first: the allowance refills at one every three seconds.)
    assert!(statuses[..18].iter().all(|s| *s == 409), "{statuses:?}");
    assert!(
        statuses.iter().filter(|s| **s == 429).count() >= 3,
        "{statuses:?}"
    );
    assert_eq!(statuses.last(), Some(&429), "{statuses:?}");
}

#[tokio::test]
async fn a_statement_question_asks_about_its_own_statement_in_its_own_words_or_the_citys() {
    let app = spawn_app(sqlite(), true).await;
    let joe = app.sign_in_as("Joe Murphy", None).await;
    let id = new_campaign(
        &app,
        &joe,
        "how-true",
        ["1", "1", "2020"],
        ["31", "12", "2099"],
    )
    .await;
    // A code that is not one of the city's statements is refused, naming the field.
    let (status, body) = question(
        &app,
        &joe,
        &id,
        &[("kind", "statement"), ("statement", "not-a-statement")],
    )
    .await;
    assert_eq!(status, 422, "{body}");
    assert!(body.contains("Select a statement from the list"), "{body}");
    for form in [
        vec![("kind", "statement"), ("statement", "listened-to")],
        vec![
            ("kind", "statement"),
            ("statement", "plan-together"),
            ("prompt", "Thinking of your last visit, how true is this?"),
        ],
    ] {
        let (status, body) = question(&app, &joe, &id, &form).await;
        assert!(status < 400, "{status} {body}");
    }
    let (status, html) = page(&app, "/c/how-true", None).await;
    assert_eq!(status, 200);
    // Without words of its own, the question asks about its own statement in the city's words.
    assert!(
        html.contains("How true does this feel? “I am listened to about what matters to me.”"),
        "{html}"
    );
    // With its own words, they are kept, and the statement is still its own.
    assert!(
        html.contains("Thinking of your last visit, how true is this?"),
        "{html}"
    );
    assert!(
        html.contains(
            "I can plan my care with people who work together to understand me and my carers."
        ),
        "{html}"
    );
    assert!(
        !html.contains("How true does this feel? “I can plan"),
        "{html}"
    );
    for other in ["I am an active partner", "People communicate with me"] {
        assert!(!html.contains(other), "{other} was not asked: {html}");
    }
}

#[tokio::test]
async fn a_campaign_about_a_service_says_so_and_its_forms_offer_every_neighbourhood_and_active_service()
 {
    let app = spawn_app(sqlite(), true).await;
    app.store
        .set_service_active("gp-practice", false)
        .await
        .unwrap();
    let joe = app.sign_in_as("Joe Murphy", None).await;
    let all = app.store.neighbourhoods().await.unwrap();
    assert_eq!(all.len(), 12);
    let active = [
        ("district-nursing", "District nursing"),
        ("social-care", "Adult social care"),
        ("intermediate-care", "Intermediate care and reablement"),
    ];
    let (status, list) = page(&app, "/engagement/campaigns", Some(&joe)).await;
    assert_eq!(status, 200);
    for n in &all {
        assert!(
            list.contains(&format!("value=\"{}\"", n.code)),
            "{}: {list}",
            n.code
        );
        assert!(list.contains(&n.name), "{}: {list}", n.name);
    }
    for (code, name) in active {
        assert!(
            list.contains(&format!("value=\"{code}\"")),
            "{code}: {list}"
        );
        assert!(list.contains(name), "{name}: {list}");
    }
    assert!(!list.contains("value=\"gp-practice\""), "retired: {list}");

    let form = |service: &'static str| {
        vec![
            ("title", "Care at home"),
            ("description", "How was your care at home?"),
            ("slug", "care-at-home"),
            ("service", service),
            ("neighbourhoods[]", "didsbury"),
            ("neighbourhoods[]", "didsbury"),
            ("opens_day", "1"),
            ("opens_month", "1"),
            ("opens_year", "2020"),
            ("closes_day", "31"),
            ("closes_month", "12"),
            ("closes_year", "2099"),
        ]
    };
    // A retired service is not one to choose.
    let (status, body) = post(&app, "/api/save-campaign", &form("gp-practice"), Some(&joe)).await;
    assert_eq!(status, 422, "{body}");
    assert!(body.contains("\"field\":\"service\""), "{body}");
    assert!(
        app.store
            .campaign_by_slug("care-at-home")
            .await
            .unwrap()
            .is_none()
    );
    let (status, body) = post(&app, "/api/save-campaign", &form("social-care"), Some(&joe)).await;
    assert!(status < 400, "{status} {body}");
    let id = app
        .store
        .campaign_by_slug("care-at-home")
        .await
        .unwrap()
        .unwrap()
        .id;
    let didsbury = all.iter().find(|n| n.code == "didsbury").unwrap().id;
    // Named twice, kept once.
    assert_eq!(
        app.store
            .campaign(id)
            .await
            .unwrap()
            .unwrap()
            .neighbourhoods,
        vec![didsbury]
    );
    let (status, mine) = page(&app, &format!("/engagement/campaigns/{id}"), Some(&joe)).await;
    assert_eq!(status, 200);
    assert!(mine.contains("About Adult social care."), "{mine}");
    for n in &all {
        assert!(
            mine.contains(&format!("value=\"{}\"", n.code)),
            "{}: {mine}",
            n.code
        );
    }
    for (code, _) in active {
        assert!(
            mine.contains(&format!("value=\"{code}\"")),
            "{code}: {mine}"
        );
    }
    assert!(!mine.contains("value=\"gp-practice\""), "retired: {mine}");
    assert!(
        mine.contains("Download its answers (CSV)"),
        "the owner's: {mine}"
    );

    // The service it asks about is retired: its page still offers it, chosen (marked so),
    // and changing the dates keeps the campaign about it, not about something else.
    app.store
        .set_service_active("social-care", false)
        .await
        .unwrap();
    let (_, mine) = page(&app, &format!("/engagement/campaigns/{id}"), Some(&joe)).await;
    let option = mine
        .split("<option")
        .find(|o| o.contains("value=\"social-care\""))
        .unwrap_or_else(|| panic!("still offered: {mine}"));
    assert!(option.contains("selected"), "{option}");
    assert!(option.contains("Adult social care (retired)"), "{option}");
    let version = app
        .store
        .campaign(id)
        .await
        .unwrap()
        .unwrap()
        .version
        .to_string();
    let id_text = id.to_string();
    let mut change = form("social-care");
    change.extend([("id", id_text.as_str()), ("version", version.as_str())]);
    let (status, body) = post(&app, "/api/save-campaign", &change, Some(&joe)).await;
    assert!(status < 400, "{status} {body}");
    let social_care = app
        .store
        .services()
        .await
        .unwrap()
        .into_iter()
        .find(|s| s.code == "social-care")
        .unwrap()
        .id;
    assert_eq!(
        app.store.campaign(id).await.unwrap().unwrap().service,
        Some(social_care)
    );
    // Still not one a new campaign may choose.
    let mut other = form("social-care");
    for field in other.iter_mut().filter(|f| f.0 == "slug") {
        field.1 = "other-care";
    }
    let (status, body) = post(&app, "/api/save-campaign", &other, Some(&joe)).await;
    assert_eq!(status, 422);
    assert!(body.contains("\"field\":\"service\""), "{body}");

    // Someone else's campaign: its answers are for its owner only.
    let priya = Accessor {
        role: Role::EngagementOfficer,
        ..resident_accessor(app.store.as_ref(), "Priya Shah").await
    };
    let theirs = app
        .store
        .save_campaign(&NewCampaign {
            id: None,
            slug: "someone-elses",
            title: "Someone else's",
            description: "Not Joe's",
            service: None,
            opens_on: 20_200_101,
            closes_on: 20_991_231,
            by: &priya,
            neighbourhoods: &[didsbury],
        })
        .await
        .unwrap();
    let (status, other) = page(&app, &format!("/engagement/campaigns/{theirs}"), Some(&joe)).await;
    assert_eq!(status, 200);
    assert!(other.contains("About your neighbourhood team."), "{other}");
    assert!(!other.contains("Download its answers"), "{other}");

    let (status, body) = question(
        &app,
        &joe,
        &id.to_string(),
        &[("kind", "fft"), ("required", "yes")],
    )
    .await;
    assert!(status < 400, "{status} {body}");
    let q = app.store.campaign_questions(id).await.unwrap()[0].id;
    let (status, public) = page(&app, "/c/care-at-home", None).await;
    assert_eq!(status, 200);
    assert!(public.contains("About Adult social care."), "{public}");
    assert!(!public.contains("District nursing"), "{public}");

    let (value, good, publish) = (
        format!("a[q{q}]"),
        format!("a[q{q}-good]"),
        format!("a[q{q}-publish]"),
    );
    let answers = |neighbourhood: &'static str| {
        vec![
            ("campaign", "care-at-home".to_string()),
            (value.as_str(), "good".to_string()),
            (good.as_str(), "The carers were kind".to_string()),
            (publish.as_str(), "yes".to_string()),
            ("neighbourhood", neighbourhood.to_string()),
        ]
    };
    // A neighbourhood the campaign does not cover is refused, naming the field.
    let outside = answers("wythenshawe");
    let outside: Vec<(&str, &str)> = outside.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let (status, body) = post(&app, "/api/answer-campaign", &outside, None).await;
    assert_eq!(status, 422, "{body}");
    assert!(body.contains("\"field\":\"neighbourhood\""), "{body}");
    let inside = answers("didsbury");
    let inside: Vec<(&str, &str)> = inside.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let (status, body) = post(&app, "/api/answer-campaign", &inside, None).await;
    assert!(status < 400, "{status} {body}");
    let story = app
        .store
        .feedback_to_moderate(100)
        .await
        .unwrap()
        .into_iter()
        .find(|f| f.good.as_deref() == Some("The carers were kind"))
        .expect("the story waits for moderation");
    assert_eq!(story.service.as_deref(), Some("Adult social care"));
    assert_eq!(story.neighbourhood_name.as_deref(), Some("Didsbury"));
}

#[tokio::test]
async fn questions_move_up_and_down_and_are_removed_each_saying_what_was_done() {
    let app = spawn_app(sqlite(), true).await;
    let joe = app.sign_in_as("Joe Murphy", None).await;
    let id = new_campaign(
        &app,
        &joe,
        "in-order",
        ["1", "1", "2020"],
        ["31", "12", "2099"],
    )
    .await;
    for prompt in ["First", "Second", "Third"] {
        let (status, body) =
            question(&app, &joe, &id, &[("kind", "text"), ("prompt", prompt)]).await;
        assert!(status < 400, "{status} {body}");
    }
    let screen = format!("/engagement/campaigns/{id}");
    let order = || async {
        app.store
            .campaign_questions(id.parse().unwrap())
            .await
            .unwrap()
            .into_iter()
            .map(|q| (q.id.to_string(), q.prompt))
            .collect::<Vec<_>>()
    };
    let prompts = |o: &[(String, String)]| o.iter().map(|(_, p)| p.clone()).collect::<Vec<_>>();
    let first = order().await[0].0.clone();
    let arrange = |question: String, direction: &'static str| {
        let (id, screen, joe) = (id.clone(), screen.clone(), joe.clone());
        let app = &app;
        async move {
            let response = app
                .post_page_form(
                    &screen,
                    "/api/arrange-question",
                    &[
                        ("campaign", &id),
                        ("question", &question),
                        ("direction", direction),
                    ],
                    &joe,
                )
                .await;
            assert!(response.status().as_u16() < 400, "{}", response.status());
            page(app, &screen, Some(&joe)).await.1
        }
    };
    let html = arrange(first.clone(), "down").await;
    assert!(html.contains("Question moved down"), "{html}");
    assert_eq!(prompts(&order().await), ["Second", "First", "Third"]);
    let third = order().await[2].0.clone();
    let html = arrange(third, "up").await;
    assert!(html.contains("Question moved up"), "{html}");
    assert_eq!(prompts(&order().await), ["Second", "Third", "First"]);
    let second = order().await[0].0.clone();
    let html = arrange(second, "remove").await;
    assert!(html.contains("Question removed"), "{html}");
    assert_eq!(prompts(&order().await), ["Third", "First"]);
    // A direction that is none: refused, naming the field, nothing moved.
    let (status, body) = post(
        &app,
        "/api/arrange-question",
        &[
            ("campaign", &id),
            ("question", &first),
            ("direction", "sideways"),
        ],
        Some(&joe),
    )
    .await;
    assert_eq!(status, 422, "{body}");
    assert!(body.contains("\"field\":\"questions\""), "{body}");
    assert_eq!(prompts(&order().await), ["Third", "First"]);
}

/// The options of one `<select>` on a page, from its id to its end.
fn select_of<'a>(html: &'a str, id: &str) -> &'a str {
    let start = html
        .find(&format!("id=\"{id}\""))
        .unwrap_or_else(|| panic!("no select {id}: {html}"));
    let rest = &html[start..];
    &rest[..rest.find("</select>").expect("the select ends")]
}

#[tokio::test]
async fn the_dashboards_filters_offer_every_choice_keep_what_was_chosen_and_put_months_in_order() {
    use app::domain::dashboard::{MAX_MONTHS, last_months, month_code, month_key, month_name};
    let app = spawn_app(sqlite(), true).await;
    let joe = app.sign_in_as("Joe Murphy", None).await;
    let id = new_campaign(
        &app,
        &joe,
        "filters",
        ["1", "1", "2020"],
        ["31", "12", "2099"],
    )
    .await;
    let millis = i64::try_from(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_millis(),
    )
    .unwrap();
    let (year, month) = app::domain::time::uk_month(millis);
    let now = month_key(year, month);
    let (first, _) = last_months(now, MAX_MONTHS);
    let (default_from, _) = last_months(now, 12);

    // Unasked: every neighbourhood and campaign offered, all chosen, the last twelve months.
    let (status, html) = page(&app, "/engagement/dashboard", Some(&joe)).await;
    assert_eq!(status, 200);
    let neighbourhoods = select_of(&html, "neighbourhood");
    assert!(
        neighbourhoods.contains("<option value=\"\" selected"),
        "{neighbourhoods}"
    );
    for n in app.store.neighbourhoods().await.unwrap() {
        assert!(
            neighbourhoods.contains(&format!("<option value=\"{}\">{}</option>", n.code, n.name)),
            "{}: {neighbourhoods}",
            n.code
        );
    }
    let campaigns = select_of(&html, "campaign");
    assert!(
        campaigns.contains("<option value=\"\" selected"),
        "{campaigns}"
    );
    assert!(
        campaigns.contains(&format!("<option value=\"{id}\">Winter visits</option>")),
        "{campaigns}"
    );
    let (from, to) = (select_of(&html, "from"), select_of(&html, "to"));
    let mut month = first;
    let mut offered = 0;
    while month <= now {
        for select in [from, to] {
            assert!(
                select.contains(&format!("value=\"{}\"", month_code(month))),
                "{month}: {select}"
            );
            assert!(select.contains(&month_name(month)), "{month}: {select}");
        }
        offered += 1;
        month = if month % 100 == 12 {
            month + 89
        } else {
            month + 1
        };
    }
    assert_eq!(offered, MAX_MONTHS);
    assert!(
        from.contains(&format!("value=\"{}\" selected", month_code(default_from))),
        "{from}"
    );
    assert!(
        to.contains(&format!("value=\"{}\" selected", month_code(now))),
        "{to}"
    );

    // Asked: what was chosen is kept, and months asked the wrong way round are put in order.
    let (earlier, _) = last_months(now, 6);
    let (later, _) = last_months(now, 3);
    let (status, html) = page(
        &app,
        &format!(
            "/engagement/dashboard?neighbourhood=didsbury&from={}&to={}&campaign={id}",
            month_code(later),
            month_code(earlier)
        ),
        Some(&joe),
    )
    .await;
    assert_eq!(status, 200);
    assert!(select_of(&html, "neighbourhood").contains("<option value=\"didsbury\" selected"));
    assert!(select_of(&html, "campaign").contains(&format!("<option value=\"{id}\" selected")));
    let (from, to) = (select_of(&html, "from"), select_of(&html, "to"));
    assert!(
        from.contains(&format!("value=\"{}\" selected", month_code(earlier))),
        "{from}"
    );
    assert!(
        to.contains(&format!("value=\"{}\" selected", month_code(later))),
        "{to}"
    );
    // The figures cover the months in order, from the earlier to the later.
    let period = format!("{} to {}", month_name(earlier), month_name(later));
    assert!(html.contains(&period), "{period}: {html}");

    // Codes that are none fall back to all neighbourhoods and all feedback.
    let (status, html) = page(
        &app,
        "/engagement/dashboard?neighbourhood=xyzzy&campaign=99999",
        Some(&joe),
    )
    .await;
    assert_eq!(status, 200);
    assert!(select_of(&html, "neighbourhood").contains("<option value=\"\" selected"));
    assert!(select_of(&html, "campaign").contains("<option value=\"\" selected"));
}

#[tokio::test]
async fn the_dashboard_counts_each_statement_feedback_was_tagged_with_and_names_each_questions_campaign()
 {
    use app::server::services::dashboard::figures;
    use app::server::store::NewFeedback;
    let app = spawn_app(sqlite(), true).await;
    let store = app.store.as_ref();
    let all = store.neighbourhoods().await.unwrap();
    let wythenshawe = all.iter().find(|n| n.code == "wythenshawe").unwrap().id;
    let only = DashboardFilter {
        neighbourhood: "wythenshawe".into(),
        ..DashboardFilter::default()
    };
    let before = figures(store, &only).await.unwrap();
    assert!(
        before.tags.iter().all(|(_, c)| *c == Some(0)),
        "the demo has no tagged feedback in Wythenshawe: {:?}",
        before.tags
    );
    let olu = resident_accessor(store, "Olu Bello").await;
    for (statements, n) in [
        ("active-partner listened-to", 5),
        ("listened-to", 6),
        ("plan-together", 2),
    ] {
        for _ in 0..n {
            store
                .add_feedback(&NewFeedback {
                    resident: olu.id,
                    by: &olu,
                    neighbourhood: Some(wythenshawe),
                    service: None,
                    fft: "good",
                    good: None,
                    better: None,
                    statements,
                    goal_key: None,
                    status: "private",
                })
                .await
                .unwrap();
        }
    }
    let statements = store.person_statements().await.unwrap();
    let d = figures(store, &only).await.unwrap();
    let tagged = |code: &str| {
        let text = &statements.iter().find(|s| s.code == code).unwrap().text;
        d.tags.iter().find(|(t, _)| t == text).unwrap().1
    };
    // Feedback tagged with two statements counts for each; 2 is too few to show.
    assert_eq!(tagged("active-partner"), Some(5));
    assert_eq!(tagged("listened-to"), Some(11));
    assert_eq!(tagged("plan-together"), None);
    assert_eq!(tagged("meaningful-communication"), Some(0));
    assert_eq!(d.tags.len(), statements.len());

    // Each campaign's questions come under its own title; several choices add up as choices.
    let joe = officer(store).await;
    let covered = [wythenshawe];
    let campaign = |slug, title| NewCampaign {
        id: None,
        slug,
        title,
        description: "One choice and several",
        service: None,
        opens_on: 20_200_101,
        closes_on: 20_991_231,
        by: &joe,
        neighbourhoods: &covered,
    };
    // Another campaign first, to tell the two apart.
    store
        .save_campaign(&campaign("another", "Another campaign"))
        .await
        .unwrap();
    let campaign = store
        .save_campaign(&campaign("two-questions", "Two questions"))
        .await
        .unwrap();
    let mut ids = Vec::new();
    for (kind, prompt) in [("one", "Which one?"), ("several", "Which ones?")] {
        ids.push(
            store
                .add_question(&NewQuestion {
                    campaign,
                    kind,
                    prompt,
                    required: false,
                    choices: "Red\nBlue",
                    other: false,
                    statement: None,
                })
                .await
                .unwrap(),
        );
    }
    let answers = vec![
        (ids[0], "Red", None),
        (ids[1], "Red", None),
        (ids[1], "Blue", None),
    ];
    store
        .add_answers(&NewAnswers {
            campaign,
            service: None,
            neighbourhood: Some(wythenshawe),
            person: None,
            assisted_by: None,
            answers: &answers,
            fft: None,
            at: i64::try_from(
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .unwrap()
                    .as_millis(),
            )
            .unwrap(),
        })
        .await
        .unwrap();
    let d = figures(store, &DashboardFilter::default()).await.unwrap();
    for (prompt, several) in [("Which one?", false), ("Which ones?", true)] {
        let x = d
            .distributions
            .iter()
            .find(|x| x.question == prompt)
            .unwrap_or_else(|| panic!("{prompt}: {:?}", d.distributions));
        assert_eq!(x.campaign, "Two questions", "{prompt}");
        assert_eq!(x.several, several, "{prompt}");
    }
}

/// The month `ahead` months after (year, month) (negative: before), counted one at a time.
fn months_from(year: i64, month: u32, ahead: i64) -> (i64, u32) {
    let mut at = (year, month);
    for _ in 0..ahead.unsigned_abs() {
        at = if ahead < 0 {
            app::domain::time::previous_month(at.0, at.1)
        } else if at.1 == 12 {
            (at.0 + 1, 1)
        } else {
            (at.0, at.1 + 1)
        };
    }
    at
}

/// What `make demo` shows an engagement officer and anyone at the demo campaign's link: it is
/// open today (since the first of the month five months ago, to the first of the third month
/// ahead), asks every kind of question, and has half a year of answers in its four
/// neighbourhoods (9, 7, 2 and 3 a month), two of them entered from paper by Sam Okafor.
#[tokio::test]
async fn the_demo_campaign_is_open_with_every_kind_of_question_and_half_a_year_of_answers() {
    use app::domain::time::{uk_day, uk_month, uk_month_end};
    let app = spawn_app(sqlite(), true).await;
    let store = app.store.as_ref();
    hive_server::seed::seed_demo_record(store).await.unwrap();
    let now = app::server::now_millis();
    let campaign = store
        .campaign_by_slug(hive_server::seed::campaign::DEMO_SLUG)
        .await
        .unwrap()
        .expect("the demo campaign");
    let (year, month, _) = uk_day(now);
    let first_of = |(y, m): (i64, u32)| y * 10_000 + i64::from(m) * 100 + 1;
    assert_eq!(campaign.opens_on, first_of(months_from(year, month, -5)));
    assert_eq!(campaign.closes_on, first_of(months_from(year, month, 3)));
    assert_eq!(campaign.owner_name, "Joe Murphy");
    let neighbourhoods = store.neighbourhoods().await.unwrap();
    let name_of = |id| {
        neighbourhoods
            .iter()
            .find(|n| n.id == id)
            .map(|n| n.name.as_str())
            .unwrap()
    };
    let mut covered: Vec<&str> = campaign
        .neighbourhoods
        .iter()
        .map(|n| name_of(*n))
        .collect();
    covered.sort();
    assert_eq!(
        covered,
        [
            "Chorlton and Whalley Range",
            "Didsbury",
            "Fallowfield and Withington",
            "Gorton and Levenshulme"
        ]
    );

    let questions = store.campaign_questions(campaign.id).await.unwrap();
    let kinds: Vec<&str> = questions.iter().map(|q| q.kind.as_str()).collect();
    assert_eq!(
        kinds,
        ["fft", "rating", "one", "several", "statement", "text"]
    );
    let first_statement = store.person_statements().await.unwrap()[0].code.clone();
    assert_eq!(
        questions[4].statement.as_deref(),
        Some(first_statement.as_str())
    );
    assert!(questions[3].other, "what would help offers Other");
    assert_eq!(questions[2].choices.lines().count(), 4);

    // Half a year of answers: 21 a month for six months, from the opening day to now.
    let sets = store.answer_sets(campaign.id).await.unwrap();
    assert_eq!(campaign.answers, 126);
    assert_eq!(sets.len(), 126);
    let in_place = |name: &str| {
        sets.iter()
            .filter(|s| s.neighbourhood.as_deref() == Some(name))
            .count()
    };
    assert_eq!(
        [
            in_place("Chorlton and Whalley Range"),
            in_place("Fallowfield and Withington"),
            in_place("Gorton and Levenshulme"),
            in_place("Didsbury"),
        ],
        [54, 42, 12, 18]
    );
    let opened = {
        let (y, m) = months_from(year, month, -6);
        uk_month_end(y, m)
    };
    assert!(
        sets.iter().all(|s| (opened..=now).contains(&s.created_at)),
        "every answer between the opening day and now"
    );
    let mut months: Vec<(i64, u32)> = sets.iter().map(|s| uk_month(s.created_at)).collect();
    months.sort();
    months.dedup();
    // Six months; five in the first hour of a month, when this month's are an hour back.
    assert!(months.len() >= 5, "{months:?}");
    let assisted: Vec<_> = sets
        .iter()
        .filter_map(|s| s.assisted_by.as_deref())
        .collect();
    assert_eq!(assisted, ["Sam Okafor", "Sam Okafor"]);
    assert!(
        sets.iter()
            .filter(|s| s.assisted_by.is_some())
            .all(|s| s.neighbourhood.as_deref() == Some("Chorlton and Whalley Range"))
    );
    // Answers spread as real ones do: on different days (every other day from the second of
    // the month), every Friends and Family Test answer given, every choice chosen.
    let mut days: Vec<(i64, u32, u32)> = sets.iter().map(|s| uk_day(s.created_at)).collect();
    days.sort();
    days.dedup();
    assert!(days.len() >= 40, "{} days", days.len());
    let chosen = |question: i64| {
        let mut values: Vec<&str> = sets
            .iter()
            .flat_map(|s| &s.answers)
            .filter(|(q, _, _)| *q == question)
            .map(|(_, value, _)| value.as_str())
            .collect();
        values.sort();
        values.dedup();
        values.len()
    };
    assert_eq!(chosen(questions[0].id), 6, "every FFT answer");
    assert_eq!(chosen(questions[1].id), 5, "every rating");
    assert!(
        sets.iter()
            .flat_map(|s| &s.answers)
            .filter(|(q, _, _)| *q == questions[1].id)
            .all(|(_, rating, _)| ["1", "2", "3", "4", "5"].contains(&rating.as_str())),
        "ratings from 1 to 5"
    );
    assert_eq!(chosen(questions[2].id), 4, "every way of hearing");
    // Every choice, and Other.
    assert_eq!(chosen(questions[3].id), 5, "every kind of help");
    // Two may be published (one with a telephone number to redact); one a month, in each
    // place, wrote an Other.
    assert_eq!(sets.iter().filter(|s| s.better.is_some()).count(), 2);
    let others = sets
        .iter()
        .flat_map(|s| &s.answers)
        .filter(|(_, _, other)| other.as_deref() == Some("A phone number that gets answered"))
        .count();
    assert_eq!(others, 4);

    // Anyone can answer it at its link.
    let (status, html) = page(&app, "/c/how-are-we-doing", None).await;
    assert_eq!(status, 200);
    assert!(html.contains("How are we doing?"));
    assert!(
        html.contains("Send answers"),
        "the form is there: open today"
    );
}

/// Answers sent to a question that was removed while the form was being filled in are refused
/// as a conflict (the page keeps what was typed and says why), and nothing of the set is stored.
#[tokio::test]
async fn answers_to_a_question_removed_meanwhile_are_a_conflict_and_store_nothing() {
    use app::server::store::{Arrange, StoreError};
    for db in each_backend().await {
        let store = open_store(&db).await;
        let store = store.as_ref();
        hive_server::seed::seed_demo(store).await.unwrap();
        let joe = officer(store).await;
        let campaign = store
            .save_campaign(&NewCampaign {
                id: None,
                slug: "removed-meanwhile",
                title: "Removed meanwhile",
                description: "A question goes while someone answers",
                service: None,
                opens_on: 20_260_101,
                closes_on: 20_991_231,
                by: &joe,
                neighbourhoods: &[],
            })
            .await
            .unwrap();
        let rating = |prompt: &'static str| NewQuestion {
            campaign,
            kind: "rating",
            prompt,
            required: true,
            choices: "",
            other: false,
            statement: None,
        };
        let kept = store
            .add_question(&rating("How easy was it?"))
            .await
            .unwrap();
        let gone = store
            .add_question(&rating("How quick was it?"))
            .await
            .unwrap();
        store
            .arrange_question(campaign, gone, Arrange::Remove)
            .await
            .unwrap();
        let answers = [(kept, "4", None), (gone, "5", None)];
        let sent = store
            .add_answers(&NewAnswers {
                campaign,
                service: None,
                neighbourhood: None,
                person: None,
                assisted_by: None,
                answers: &answers,
                fft: None,
                at: 1_780_272_000_000,
            })
            .await;
        assert!(
            matches!(sent, Err(StoreError::Conflict("questions"))),
            "{}: {:?}",
            db.name,
            sent.err()
        );
        assert!(
            store.answer_sets(campaign).await.unwrap().is_empty(),
            "{}: nothing stored",
            db.name
        );
    }
}

/// PostgreSQL: a question removed while a set of answers is being stored waits for it, then
/// finds the campaign answered and changes nothing (before, it removed a question of a
/// campaign that had answers, or failed with a 500 when the answers used it).
#[tokio::test]
async fn a_question_is_not_removed_while_answers_are_being_stored_on_postgres() {
    use app::server::store::{Arrange, StoreError};
    let Some(db) = crate::support::postgres().await else {
        return;
    };
    let hive_server::db::DatabaseUrl::Postgres(url) = &db.url else {
        unreachable!()
    };
    let store = open_store(&db).await;
    hive_server::seed::seed_demo(store.as_ref()).await.unwrap();
    let joe = officer(store.as_ref()).await;
    let campaign = store
        .save_campaign(&NewCampaign {
            id: None,
            slug: "answered-meanwhile",
            title: "Answered meanwhile",
            description: "Answers arrive while a question goes",
            service: None,
            opens_on: 20_260_101,
            closes_on: 20_991_231,
            by: &joe,
            neighbourhoods: &[],
        })
        .await
        .unwrap();
    for prompt in ["How easy was it?", "How quick was it?"] {
        store
            .add_question(&NewQuestion {
                campaign,
                kind: "rating",
                prompt,
                required: true,
                choices: "",
                other: false,
                statement: None,
            })
            .await
            .unwrap();
    }
    let gone = store.campaign_questions(campaign).await.unwrap()[1].id;
    // A set of answers being stored, held open on a connection of its own.
    let pool = sqlx::PgPool::connect(url).await.unwrap();
    let mut answering = pool.begin().await.unwrap();
    sqlx::query(
        "INSERT INTO campaign_responses (campaign_id, neighbourhood_id, person_id, \
             assisted_by_id, assisted_by_name, month, created_at) \
         VALUES ($1, NULL, NULL, NULL, NULL, 202606, 1780272000000)",
    )
    .bind(campaign)
    .execute(&mut *answering)
    .await
    .unwrap();
    let removing = tokio::spawn({
        let store = store.clone();
        async move {
            store
                .arrange_question(campaign, gone, Arrange::Remove)
                .await
        }
    });
    // It waits for the answers (a lock), or it has already finished.
    crate::support::until_blocked(&pool, &removing).await;
    answering.commit().await.unwrap();
    let removed = removing.await.unwrap();
    assert!(
        matches!(removed, Err(StoreError::Conflict("answered"))),
        "{:?}",
        removed.err()
    );
    assert_eq!(store.campaign_questions(campaign).await.unwrap().len(), 2);
}

/// A campaign takes at most `MAX_QUESTIONS` questions, also when two are added at the same
/// moment for its last place (the service's own count is read before either is stored).
#[tokio::test]
async fn two_questions_added_at_once_for_the_last_place_make_one_on_every_backend() {
    use app::domain::campaigns::MAX_QUESTIONS;
    use app::server::store::StoreError;
    for db in each_backend().await {
        let store = open_store(&db).await;
        let store = store.as_ref();
        hive_server::seed::seed_demo(store).await.unwrap();
        let joe = officer(store).await;
        let campaign = store
            .save_campaign(&NewCampaign {
                id: None,
                slug: "nearly-full",
                title: "Nearly full",
                description: "One place left",
                service: None,
                opens_on: 20_260_101,
                closes_on: 20_991_231,
                by: &joe,
                neighbourhoods: &[],
            })
            .await
            .unwrap();
        let rating = NewQuestion {
            campaign,
            kind: "rating",
            prompt: "How was it?",
            required: false,
            choices: "",
            other: false,
            statement: None,
        };
        for _ in 1..MAX_QUESTIONS {
            store.add_question(&rating).await.unwrap();
        }
        let (a, b) = tokio::join!(store.add_question(&rating), store.add_question(&rating));
        let full = |r: &Result<i64, StoreError>| matches!(r, Err(StoreError::Conflict("full")));
        assert!(
            (a.is_ok() && full(&b)) || (full(&a) && b.is_ok()),
            "{}: {:?} {:?}",
            db.name,
            a.as_ref().err(),
            b.as_ref().err()
        );
        assert_eq!(
            store.campaign_questions(campaign).await.unwrap().len(),
            MAX_QUESTIONS,
            "{}",
            db.name
        );
    }
}

/// A change of details names the version it was made on: one made on details another officer
/// has changed since is refused on every backend, and changes nothing (not even the
/// neighbourhoods); the versions count up.
#[tokio::test]
async fn a_change_of_details_made_on_older_details_changes_nothing_on_every_backend() {
    use app::server::StoreError;
    use app::server::store::SavedCampaign;
    for db in each_backend().await {
        let store = open_store(&db).await;
        let store = store.as_ref();
        hive_server::seed::seed_demo(store).await.unwrap();
        let joe = officer(store).await;
        let all = store.neighbourhoods().await.unwrap();
        let (a, b) = ([all[0].id], [all[1].id]);
        let details = |id, title, neighbourhoods| NewCampaign {
            id,
            slug: "versions",
            title,
            description: "Versions",
            service: None,
            opens_on: 20_200_101,
            closes_on: 20_991_231,
            by: &joe,
            neighbourhoods,
        };
        let id = store
            .save_campaign(&details(None, "First", &a))
            .await
            .unwrap();
        assert_eq!(store.campaign(id).await.unwrap().unwrap().version, 1);
        let at = |version| Some(SavedCampaign { id, version });
        store
            .save_campaign(&details(at(1), "Second", &b))
            .await
            .unwrap();
        let stale = store.save_campaign(&details(at(1), "Stale", &a)).await;
        assert!(
            matches!(stale, Err(StoreError::Conflict("changed"))),
            "{}: {stale:?}",
            db.name
        );
        let now = store.campaign(id).await.unwrap().unwrap();
        assert_eq!(
            (
                now.title.as_str(),
                now.neighbourhoods.as_slice(),
                now.version
            ),
            ("Second", b.as_slice(), 2),
            "{}",
            db.name
        );
        let gone = store
            .save_campaign(&details(
                Some(SavedCampaign {
                    id: 999_999,
                    version: 1,
                }),
                "Nowhere",
                &a,
            ))
            .await;
        assert!(matches!(gone, Err(StoreError::NotFound)), "{}", db.name);
    }
}

/// Two officers change one campaign's details from pages opened at the same time: the second
/// is told someone else saved first, gets back what they typed beside the details as saved
/// now, and can save again from there (without JavaScript, as here).
#[tokio::test]
async fn an_officer_changing_details_another_has_just_changed_is_told_and_keeps_their_words() {
    let app = spawn_app(sqlite(), true).await;
    let joe = app.sign_in_as("Joe Murphy", None).await;
    let id = new_campaign(
        &app,
        &joe,
        "winter-visits",
        ["1", "1", "2026"],
        ["31", "12", "2099"],
    )
    .await;
    let path: &'static str = format!("/engagement/campaigns/{id}").leak();
    let form = |title: &'static str, version: &'static str| {
        vec![
            ("id", id.as_str()),
            ("version", version),
            ("title", title),
            ("description", "How were your visits this winter?"),
            ("slug", "winter-visits"),
            ("neighbourhoods[]", "didsbury"),
            ("opens_day", "1"),
            ("opens_month", "1"),
            ("opens_year", "2026"),
            ("closes_day", "31"),
            ("closes_month", "12"),
            ("closes_year", "2099"),
        ]
    };
    let save = |title: &'static str, version: &'static str| {
        let (app, joe, form) = (&app, &joe, form(title, version));
        async move { post(app, "/api/save-campaign", &form, Some(joe)).await }
    };
    let saved = || async {
        let slug = "winter-visits";
        app.store.campaign_by_slug(slug).await.unwrap().unwrap()
    };
    let (_, opened) = page(&app, path, Some(&joe)).await;
    assert!(opened.contains("name=\"version\" value=\"1\""), "{opened}");
    let (status, _) = save("Winter visits: first", "1").await;
    assert!(status < 400, "{status}");
    let (status, body) = save("Winter visits: second", "1").await;
    assert_eq!(status, 409);
    assert!(body.contains("Someone else saved this campaign"), "{body}");
    // A post without a version is not taken as the saved one.
    let (status, _) = save("Winter visits: none", "").await;
    assert_eq!(status, 409);
    let now = saved().await;
    assert_eq!(now.title, "Winter visits: first");

    let back = app
        .post_page_form(
            path,
            "/api/save-campaign",
            &form("Winter visits: typed", "1"),
            &joe,
        )
        .await;
    assert_eq!(back.status(), 302);
    let (_, shown) = page(&app, path, Some(&joe)).await;
    assert!(
        shown.contains("Someone else saved this campaign"),
        "{shown}"
    );
    assert!(shown.contains("<h1>Winter visits: first</h1>"), "{shown}");
    assert!(shown.contains("value=\"Winter visits: typed\""), "{shown}");
    assert!(shown.contains("name=\"version\" value=\"2\""), "{shown}");
    assert!(shown.contains("The details as saved now"), "{shown}");
    let (status, _) = save("Winter visits: typed", "2").await;
    assert!(status < 400, "{status}");
    let now = saved().await;
    assert_eq!(
        (now.title.as_str(), now.version),
        ("Winter visits: typed", 3)
    );

    // Refused for something else (no title) while another officer saves: the page keeps the
    // version it was typed on, so the corrected save is still told about the other's.
    let back = app
        .post_page_form(path, "/api/save-campaign", &form("", "3"), &joe)
        .await;
    assert_eq!(back.status(), 302);
    let (status, _) = save("Winter visits: other", "3").await;
    assert!(status < 400, "{status}");
    let (_, shown) = page(&app, path, Some(&joe)).await;
    assert!(shown.contains("name=\"version\" value=\"3\""), "{shown}");
    assert!(!shown.contains("The details as saved now"), "{shown}");
    let (status, _) = save("Winter visits: corrected", "3").await;
    assert_eq!(status, 409);
    let now = saved().await;
    assert_eq!(now.title, "Winter visits: other");
}
