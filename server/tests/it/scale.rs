//! `hive seed --scale`: what it writes is what the app would have written. The queue rows the
//! seed computes are recomputed with the store's own refresh and must be identical; the counts
//! are the ones asked for; the same seed gives the same data; a second run is refused.

use crate::support::{each_backend, sqlite};
use app::server::store::QueueQuery;
use hive_server::db::{self, REFRESH_DELETE, REFRESH_INSERT};
use hive_server::seed::scale::{ScaleOptions, seed_scale};

fn small(seed: u64) -> ScaleOptions {
    ScaleOptions {
        residents: 2_000,
        sharing_percent: 20,
        goal_versions: 8_000,
        feedback: 3_000,
        staff_per_team: 4,
        seed,
    }
}

/// The seed's people: neither demo people nor the demo's neighbours (who have an identity).
const SCALE: &str =
    "p.demo_key IS NULL AND NOT EXISTS (SELECT 1 FROM identities i WHERE i.person_id = p.id)";

/// The dashboards' kept counts, and the same counted from the answers themselves.
const KEPT_FFT: &str = "SELECT month, neighbourhood_id, campaign_id, fft, count \
    FROM feedback_fft_counts ORDER BY 1, 2, 3, 4";
const COUNTED_FFT: &str = "SELECT month, coalesce(neighbourhood_id, 0), coalesce(campaign_id, 0), \
    fft, count(*) FROM feedback GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4";
const KEPT_TAGS: &str = "SELECT month, neighbourhood_id, campaign_id, statements, count \
    FROM feedback_tag_counts ORDER BY 1, 2, 3, 4";
const COUNTED_TAGS: &str = "SELECT month, coalesce(neighbourhood_id, 0), \
    coalesce(campaign_id, 0), statements, count(*) FROM feedback WHERE statements <> '' \
    GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4";

type QueueLine = (i64, i64, i64, bool, bool, bool, bool);
const QUEUE: &str = "SELECT resident_id, neighbourhood_id, last_change_at, has_needs, \
    unacknowledged, active_goals, open_proposals FROM team_queue ORDER BY resident_id";

enum Pool {
    Sqlite(sqlx::SqlitePool),
    Postgres(sqlx::PgPool),
}

impl Pool {
    async fn open(url: &db::DatabaseUrl) -> Pool {
        match url {
            db::DatabaseUrl::Sqlite(path) => Pool::Sqlite(
                sqlx::SqlitePool::connect(&format!("sqlite://{}", path.display()))
                    .await
                    .unwrap(),
            ),
            db::DatabaseUrl::Postgres(url) => {
                Pool::Postgres(sqlx::PgPool::connect(url).await.unwrap())
            }
        }
    }
    async fn queue(&self) -> Vec<QueueLine> {
        match self {
            Pool::Sqlite(p) => sqlx::query_as(QUEUE).fetch_all(p).await.unwrap(),
            Pool::Postgres(p) => sqlx::query_as(QUEUE).fetch_all(p).await.unwrap(),
        }
    }
    async fn counts(&self, sql: &str) -> Vec<(i64, i64, i64, String, i64)> {
        match self {
            Pool::Sqlite(p) => sqlx::query_as(sql).fetch_all(p).await.unwrap(),
            Pool::Postgres(p) => sqlx::query_as(sql).fetch_all(p).await.unwrap(),
        }
    }
    async fn texts(&self, sql: &str) -> Vec<String> {
        match self {
            Pool::Sqlite(p) => sqlx::query_scalar(sql).fetch_all(p).await.unwrap(),
            Pool::Postgres(p) => sqlx::query_scalar(sql).fetch_all(p).await.unwrap(),
        }
    }
    async fn count(&self, sql: &str) -> i64 {
        match self {
            Pool::Sqlite(p) => sqlx::query_scalar(sql).fetch_one(p).await.unwrap(),
            Pool::Postgres(p) => sqlx::query_scalar(sql).fetch_one(p).await.unwrap(),
        }
    }
    async fn run(&self, sql: &str, resident: Option<i64>) {
        match self {
            Pool::Sqlite(p) => {
                let q = sqlx::query(sql);
                let q = match resident {
                    Some(r) => q.bind(r),
                    None => q,
                };
                q.execute(p).await.unwrap();
            }
            Pool::Postgres(p) => {
                let q = sqlx::query(sql);
                let q = match resident {
                    Some(r) => q.bind(r),
                    None => q,
                };
                q.execute(p).await.unwrap();
            }
        }
    }
}

#[tokio::test]
async fn the_city_data_is_what_the_app_would_have_written() {
    for test_db in each_backend().await {
        let database = db::open(&test_db.url).await.unwrap();
        let options = small(3);
        let report = seed_scale(
            database.store.as_ref(),
            &database.bulk,
            &options,
            &mut |_| {},
        )
        .await
        .unwrap();
        let pool = Pool::open(&test_db.url).await;
        let name = test_db.name;

        // The sizes asked for.
        assert_eq!(
            pool.count(&format!(
                "SELECT count(*) FROM people p WHERE {SCALE} AND role = 'resident'"
            ))
            .await,
            2_000,
            "{name}"
        );
        assert_eq!(
            pool.count(&format!(
                "SELECT count(*) FROM people p WHERE {SCALE} AND team_id IS NOT NULL"
            ))
            .await,
            12 * 4,
            "{name}"
        );
        assert_eq!(
            pool.count(&format!(
                "SELECT count(*) FROM record_versions r JOIN people p ON p.id = r.resident_id \
                        WHERE {SCALE} AND r.kind = 'goal'"
            ))
            .await,
            8_000,
            "{name}"
        );
        assert_eq!(
            pool.count(&format!(
                "SELECT count(*) FROM feedback WHERE campaign_id IS NULL AND (author_id IS NULL \
                        OR author_id IN (SELECT p.id FROM people p WHERE {SCALE}))"
            ))
            .await,
            3_000,
            "{name}"
        );
        let sharers = pool
            .count(&format!("SELECT count(DISTINCT resident_id) FROM shares s JOIN people p ON p.id = s.resident_id \
                    WHERE {SCALE}")).await;
        assert!(
            (300..=500).contains(&sharers),
            "{name}: {sharers} residents share"
        );
        assert_eq!(
            report.rows.get("team_queue").copied(),
            Some(sharers as u64),
            "{name}"
        );
        // Spread like a city: every ward has residents, the first half of the wards (by id)
        // more of them (30 % are drawn from those alone: 65 % expected); the Friends and
        // Family Test answers mostly "very good" (58 % expected). The bounds are six standard
        // deviations or more from what is expected.
        let wards = pool.count("SELECT count(*) FROM wards").await;
        assert_eq!(wards, 32, "{name}");
        let homes = format!(
            "FROM people p WHERE {SCALE} AND role = 'resident' AND home_ward_id IN \
             (SELECT id FROM wards ORDER BY id LIMIT 16)"
        );
        assert_eq!(
            pool.count(&format!(
                "SELECT count(DISTINCT home_ward_id) FROM people p WHERE {SCALE} AND role = 'resident'"
            ))
            .await,
            wards,
            "{name}"
        );
        // No ward holds more than about twice its share, none less than a third of it
        // (expected: 81 in each of the first 16, 44 in each of the rest).
        let per_ward = pool
            .texts(&format!(
                "SELECT CAST(count(*) AS TEXT) FROM people p WHERE {SCALE} AND role = 'resident' \
                 GROUP BY home_ward_id"
            ))
            .await;
        assert!(
            per_ward
                .iter()
                .all(|n| (15..=150).contains(&n.parse::<i64>().unwrap_or(0))),
            "{name}: residents per ward {per_ward:?}"
        );
        let first_half = pool.count(&format!("SELECT count(*) {homes}")).await;
        assert!(
            (1_160..=1_440).contains(&first_half),
            "{name}: {first_half} of 2,000 in the first 16 wards"
        );
        let very_good = pool
            .count("SELECT count(*) FROM feedback WHERE campaign_id IS NULL AND fft = 'very-good'")
            .await;
        assert!(
            (1_580..=1_900).contains(&very_good),
            "{name}: {very_good} of 3,000 very good"
        );
        let staff = pool
            .texts(&format!(
                "SELECT display_name FROM people p WHERE {SCALE} AND role <> 'resident'"
            ))
            .await;
        let staff_names: std::collections::BTreeSet<&String> = staff.iter().collect();
        assert_eq!((staff.len(), staff_names.len()), (60, 60), "{name}");
        // The goal versions are shared fairly: nobody far above the average of 8,000 among
        // the sharers (a remainder left to the last one would be).
        let most = pool
            .count(&format!(
                "SELECT max(n) FROM (SELECT count(*) AS n FROM record_versions r \
                 JOIN people p ON p.id = r.resident_id WHERE {SCALE} AND r.kind = 'goal' \
                 GROUP BY r.resident_id) AS per_resident"
            ))
            .await;
        assert!(
            most > 0 && most <= 2 * 8_000 / sharers + 1,
            "{name}: one resident has {most} goal versions; {sharers} share"
        );
        // Each record: one to five goals, the versions shared evenly among them; written over
        // the last two years (begun 30 to 720 days ago, a minute to three days between saves),
        // never today; shared a minute after the first save.
        let day = 24 * 60 * 60 * 1000;
        let now = crate::support::now_millis();
        let today = now / day * day;
        let goals = format!(
            "SELECT r.resident_id, r.item_key, count(*) AS n FROM record_versions r \
             JOIN people p ON p.id = r.resident_id WHERE {SCALE} AND r.kind = 'goal' \
             GROUP BY r.resident_id, r.item_key"
        );
        let per_resident = |what: &str| {
            format!(
                "SELECT {what} FROM (SELECT resident_id, count(*) AS goals, max(n) - min(n) AS spread \
                 FROM ({goals}) AS g GROUP BY resident_id) AS r"
            )
        };
        assert_eq!(
            (
                pool.count(&per_resident("min(goals)")).await,
                pool.count(&per_resident("max(goals)")).await,
                pool.count(&per_resident("max(spread)")).await,
                pool.count(&per_resident("count(*)")).await,
            ),
            (1, 5, 1, sharers),
            "{name}: goals per resident (fewest, most), versions' spread, residents with goals"
        );
        let versions =
            format!("FROM record_versions r JOIN people p ON p.id = r.resident_id WHERE {SCALE}");
        let (first, last) = (
            pool.count(&format!("SELECT min(r.created_at) {versions}"))
                .await,
            pool.count(&format!("SELECT max(r.created_at) {versions}"))
                .await,
        );
        // Some records would run into today; their last saves are held to the end of yesterday.
        assert!(
            first >= today - 720 * day && first < today - 690 * day && last == today - 1,
            "{name}: records written from {} to {} days ago",
            (today - first) / day,
            (today - last) / day
        );
        // The average record takes a few weeks (about sixteen saves, a day and a half apart).
        let weeks = pool
            .count(&format!(
                "SELECT CAST(avg(span) AS BIGINT) FROM (SELECT max(r.created_at) - min(r.created_at) \
                 AS span {versions} GROUP BY r.resident_id) AS s"
            ))
            .await;
        assert!(
            (10 * day..40 * day).contains(&weeks),
            "{name}: a record takes {} hours on average",
            weeks / 3_600_000
        );
        let shared_wrong = pool
            .count(&format!(
                "SELECT count(*) FROM shares s JOIN people p ON p.id = s.resident_id WHERE {SCALE} \
                 AND (s.shared_at >= {today} OR s.shared_at <> 60000 + (SELECT min(created_at) \
                 FROM record_versions r WHERE r.resident_id = s.resident_id))"
            ))
            .await;
        assert_eq!(
            shared_wrong, 0,
            "{name}: shares before the first save or in the future"
        );
        // Goals as residents set them: a target in 2027; achieved exactly when completed.
        for body in pool
            .texts(&format!("SELECT r.body {versions} AND r.kind = 'goal'"))
            .await
        {
            let goal: app::domain::goals::Goal = serde_json::from_str(&body).unwrap();
            assert_eq!(goal.target.map(|d| d.year), Some(2027), "{name}");
            assert_eq!(
                goal.lifecycle == app::domain::goals::Lifecycle::Completed,
                goal.achievement == Some(app::domain::goals::Achievement::Achieved),
                "{name}"
            );
        }
        // The team read three in five records, one to four times, and acknowledged every
        // shared version of half of those, after the last change and only after reading it.
        let read = pool
            .count(&format!(
                "SELECT count(DISTINCT a.resident_id) FROM access_log a JOIN people p \
                 ON p.id = a.resident_id WHERE {SCALE} AND a.action = 'read'"
            ))
            .await;
        assert!(
            (sharers * 45 / 100..=sharers * 75 / 100).contains(&read),
            "{name}: {read} of {sharers} records read"
        );
        let acks =
            format!("FROM acknowledgements a JOIN people p ON p.id = a.resident_id WHERE {SCALE}");
        let unread = pool
            .count(&format!(
                "SELECT count(*) {acks} AND NOT EXISTS (SELECT 1 FROM access_log l \
                 WHERE l.resident_id = a.resident_id AND l.action = 'read')"
            ))
            .await;
        let early = pool
            .count(&format!(
                "SELECT count(*) {acks} AND (a.created_at > {now} OR a.created_at <= \
                 (SELECT max(r.created_at) FROM record_versions r WHERE r.resident_id = a.resident_id \
                 AND r.kind <> 'statement'))"
            ))
            .await;
        assert_eq!(
            (unread, early),
            (0, 0),
            "{name}: acknowledged unread, or before the change"
        );
        // Two years of feedback up to today, evenly: the oldest about 730 days ago, the newest
        // today, a twelfth in each two-month stretch.
        let seeded = format!(
            "FROM feedback WHERE campaign_id IS NULL AND (author_id IS NULL \
             OR author_id IN (SELECT p.id FROM people p WHERE {SCALE}))"
        );
        let (oldest, newest) = (
            pool.count(&format!("SELECT min(created_at) {seeded}"))
                .await,
            pool.count(&format!("SELECT max(created_at) {seeded}"))
                .await,
        );
        assert!(
            (today - 730 * day..today - 729 * day).contains(&oldest),
            "{name}: the oldest answer is {} days old",
            (today - oldest) / day
        );
        assert!(
            (today - day..=today).contains(&newest),
            "{name}: the newest answer is {} days old",
            (today - newest) / day
        );
        let last_sixty_days = pool
            .count(&format!(
                "SELECT count(*) {seeded} AND created_at >= {}",
                today - 60 * day
            ))
            .await;
        assert!(
            (230..=270).contains(&last_sixty_days),
            "{name}: {last_sixty_days} answers in the last 60 days"
        );
        // Every answer of the Friends and Family Test is given, each about as often as the
        // real test's (3 % or more each; a twentieth of that would do).
        for fft in ["good", "neither", "poor", "very-poor", "dont-know"] {
            let given = pool
                .count(&format!("SELECT count(*) {seeded} AND fft = '{fft}'"))
                .await;
            assert!(given >= 45, "{name}: {given} answered {fft}");
        }
        // Answers wait for moderation only when they are new (the last fortnight).
        let (pending, old_pending) = (
            pool.count(&format!("SELECT count(*) {seeded} AND status = 'pending'"))
                .await,
            pool.count(&format!(
                "SELECT count(*) {seeded} AND status = 'pending' AND created_at < {}",
                today - 14 * day
            ))
            .await,
        );
        assert!(
            pending > 0 && old_pending == 0,
            "{name}: {pending} pending, {old_pending} of them older than a fortnight"
        );
        // Tagged with one statement or two different ones.
        let tags = pool
            .texts(&format!("SELECT statements {seeded} AND statements <> ''"))
            .await;
        let twice: Vec<&String> = tags
            .iter()
            .filter(|t| {
                t.split(' ')
                    .collect::<std::collections::BTreeSet<_>>()
                    .len()
                    != t.split(' ').count()
            })
            .collect();
        assert!(twice.is_empty(), "{name}: {twice:?}");
        assert!(tags.iter().any(|t| t.contains(' ')), "{name}");
        // Text as people write it: names of many kinds, answers of one to three sentences.
        let names = pool
            .texts(&format!(
                "SELECT display_name FROM people p WHERE {SCALE} AND role = 'resident'"
            ))
            .await;
        let different = |part: fn(&str) -> &str| {
            names
                .iter()
                .map(|n| part(n))
                .collect::<std::collections::BTreeSet<_>>()
                .len()
        };
        let (whole, firsts, surnames) = (
            different(|n| n),
            different(|n| n.split(' ').next().unwrap_or_default()),
            different(|n| n.rsplit(' ').next().unwrap_or_default()),
        );
        assert!(
            whole == 2_000 && firsts > 60 && surnames > 40,
            "{name}: {whole} different names, {firsts} first names, {surnames} surnames"
        );
        let (short, long, answers) = (
            pool.count(&format!(
                "SELECT CAST(min(length(good)) AS BIGINT) {seeded}"
            ))
            .await,
            pool.count(&format!(
                "SELECT CAST(max(length(good)) AS BIGINT) {seeded}"
            ))
            .await,
            pool.count(&format!("SELECT count(DISTINCT good) {seeded}"))
                .await,
        );
        assert!(
            short >= 40 && long > 150 && long < 300 && answers > 100,
            "{name}: what went well: {answers} different answers, {short} to {long} characters"
        );

        // Every feedback answer's month is its UK month.
        assert_eq!(
            pool.count("SELECT count(*) FROM feedback WHERE month < 202001 OR month > 210001")
                .await,
            0,
            "{name}"
        );

        // What the rows say is real: every statement answered or tagged is one of the city's
        // statements, and every record read or acknowledged names the staff member who did it
        // as they are, with their own role and team.
        let codes = pool.texts("SELECT code FROM person_statements").await;
        let answered = pool
            .texts("SELECT DISTINCT item_key FROM record_versions WHERE kind = 'statement'")
            .await;
        let tagged = pool
            .texts("SELECT DISTINCT statements FROM feedback WHERE statements <> ''")
            .await;
        assert!(!answered.is_empty() && !tagged.is_empty(), "{name}");
        let unknown: Vec<&str> = answered
            .iter()
            .map(String::as_str)
            .chain(tagged.iter().flat_map(|t| t.split(' ')))
            .filter(|code| !codes.iter().any(|c| c == code))
            .collect();
        assert!(unknown.is_empty(), "{name}: {unknown:?}");
        for (rows, wrong) in [
            (
                "FROM access_log a JOIN people p ON p.id = a.actor_id \
                 JOIN teams t ON t.id = p.team_id",
                "a.actor_name <> p.display_name OR a.actor_role <> p.role \
                 OR a.actor_team IS NULL OR a.actor_team <> t.name",
            ),
            (
                "FROM acknowledgements a JOIN people p ON p.id = a.staff_id \
                 JOIN teams t ON t.id = p.team_id",
                "a.staff_name <> p.display_name OR a.staff_role <> p.role \
                 OR a.team_name <> t.name",
            ),
        ] {
            let all = pool.count(&format!("SELECT count(*) {rows}")).await;
            assert!(all > 100, "{name}: {all} {rows}");
            assert_eq!(
                pool.count(&format!("SELECT count(*) {rows} WHERE {wrong}"))
                    .await,
                0,
                "{name}: {rows} names someone as they are not"
            );
        }

        // The dashboards' counts are the answers counted, after the seed and after answers
        // given through the store (with and without a neighbourhood and tags).
        assert_eq!(
            pool.counts(KEPT_FFT).await,
            pool.counts(COUNTED_FFT).await,
            "{name}"
        );
        assert_eq!(
            pool.counts(KEPT_TAGS).await,
            pool.counts(COUNTED_TAGS).await,
            "{name}"
        );
        let amira = database.store.demo_people().await.unwrap()[0].clone();
        let by = app::server::store::Accessor {
            id: amira.id,
            name: amira.name.clone(),
            role: app::domain::role::Role::Resident,
            team: None,
            acting_for: None,
        };
        let neighbourhood = database.store.neighbourhoods().await.unwrap()[3].id;
        for (place, tags) in [
            (Some(neighbourhood), "listened-to active-partner"),
            (Some(neighbourhood), "listened-to active-partner"),
            (None, ""),
            (Some(neighbourhood), ""),
        ] {
            database
                .store
                .add_feedback(&app::server::store::NewFeedback {
                    resident: amira.id,
                    by: &by,
                    neighbourhood: place,
                    service: None,
                    fft: "poor",
                    good: None,
                    better: Some("words"),
                    statements: tags,
                    goal_key: None,
                    status: "private",
                })
                .await
                .unwrap();
        }
        assert_eq!(
            pool.counts(KEPT_FFT).await,
            pool.counts(COUNTED_FFT).await,
            "{name}"
        );
        assert_eq!(
            pool.counts(KEPT_TAGS).await,
            pool.counts(COUNTED_TAGS).await,
            "{name}"
        );

        // The queue the seed wrote is the queue the store's own refresh computes.
        let written = pool.queue().await;
        assert!(
            written.iter().any(|q| q.4) && written.iter().any(|q| !q.4),
            "{name}: some read, some not"
        );
        assert!(
            written.iter().any(|q| q.3) && written.iter().any(|q| q.5),
            "{name}"
        );
        pool.run("DELETE FROM team_queue", None).await;
        for line in &written {
            pool.run(REFRESH_DELETE, Some(line.0)).await;
            pool.run(REFRESH_INSERT, Some(line.0)).await;
        }
        // The demo's own rows were refreshed as they were written (a change time never goes
        // back), so only the seed's rows are compared.
        let demo = pool
            .count("SELECT max(id) FROM people WHERE demo_key IS NOT NULL OR id IN (SELECT person_id FROM identities)")
            .await;
        let whole_queue = written.len();
        let written: Vec<QueueLine> = written.into_iter().filter(|q| q.0 > demo).collect();
        let recomputed: Vec<QueueLine> = pool
            .queue()
            .await
            .into_iter()
            .filter(|q| q.0 > demo)
            .collect();
        assert!(written.len() > 300, "{name}");
        let differ: Vec<_> = written
            .iter()
            .zip(&recomputed)
            .filter(|(a, b)| a != b)
            .take(3)
            .collect();
        assert!(
            differ.is_empty() && recomputed.len() == written.len(),
            "{name}: the seeded queue differs from the store's (seeded, recomputed): {differ:?}"
        );

        // The team's queue page reads it: its first page, newest first, and its counts.
        let neighbourhood = database.store.neighbourhoods().await.unwrap()[0].id;
        let counts = database.store.queue_counts(neighbourhood).await.unwrap();
        let expected = pool
            .queue()
            .await
            .iter()
            .filter(|q| q.1 == neighbourhood.0)
            .count() as i64;
        assert_eq!(pool.queue().await.len(), whole_queue, "{name}");
        assert_eq!(counts.all, expected, "{name}");
        let page = database
            .store
            .team_queue(
                neighbourhood,
                &QueueQuery {
                    limit: 25,
                    ..QueueQuery::default()
                },
            )
            .await
            .unwrap();
        assert_eq!(page.len() as i64, expected.min(25), "{name}");
        assert!(
            page.windows(2)
                .all(|w| w[0].last_change_at >= w[1].last_change_at),
            "{name}"
        );

        // Once is enough: a second run is refused and adds nothing.
        let before = pool.count("SELECT count(*) FROM people").await;
        let again = seed_scale(
            database.store.as_ref(),
            &database.bulk,
            &options,
            &mut |_| {},
        )
        .await;
        assert!(again.is_err(), "{name}");
        assert_eq!(
            pool.count("SELECT count(*) FROM people").await,
            before,
            "{name}"
        );
    }
}

#[tokio::test]
async fn the_same_seed_gives_the_same_data() {
    const FINGERPRINT: &str = "SELECT count(*) * 1000000 + sum(length(body)) FROM record_versions";
    const FEEDBACK: &str = "SELECT sum(length(coalesce(good, '')) + length(coalesce(better, '')) + month) FROM feedback";
    let mut prints = Vec::new();
    for seed in [5, 5, 6] {
        let test_db = sqlite();
        let database = db::open(&test_db.url).await.unwrap();
        seed_scale(
            database.store.as_ref(),
            &database.bulk,
            &small(seed),
            &mut |_| {},
        )
        .await
        .unwrap();
        let pool = Pool::open(&test_db.url).await;
        // The demo's own rows carry the time they were written; the seed's do not.
        let demo = pool
            .count("SELECT max(id) FROM people WHERE demo_key IS NOT NULL OR id IN (SELECT person_id FROM identities)")
            .await;
        let queue: Vec<QueueLine> = pool
            .queue()
            .await
            .into_iter()
            .filter(|q| q.0 > demo)
            .collect();
        prints.push((
            pool.count(FINGERPRINT).await,
            pool.count(FEEDBACK).await,
            queue,
        ));
    }
    assert_eq!(prints[0], prints[1]);
    assert_ne!(prints[0], prints[2]);
}

/// A page of the staff queue walks one of its neighbourhood's indexes, already in order, in the plan
/// PostgreSQL makes for any values. PostgreSQL may switch a prepared statement to that plan
/// (its "generic plan") from the sixth run on a connection, so `plan_cache_mode =
/// force_generic_plan` shows what a busy server runs. When every filter was in the statement as
/// `($n = FALSE OR …)`, that plan sorted the whole neighbourhood: at 10 % of the city the
/// first page took 55-63 ms instead of 1 ms (107 ms under `make bench`).
#[tokio::test]
async fn a_page_of_the_queue_walks_its_index_in_postgresqls_plan_for_any_values() {
    use app::domain::ids::PersonId;
    let Some(test_db) = crate::support::postgres().await else {
        return;
    };
    let database = db::open(&test_db.url).await.unwrap();
    let options = ScaleOptions {
        residents: 30_000,
        goal_versions: 6_000,
        feedback: 100,
        ..small(7)
    };
    seed_scale(
        database.store.as_ref(),
        &database.bulk,
        &options,
        &mut |_| {},
    )
    .await
    .unwrap();
    let db::DatabaseUrl::Postgres(url) = &test_db.url else {
        unreachable!()
    };
    let pool = sqlx::PgPool::connect(url).await.unwrap();
    let (neighbourhood, rows): (i64, i64) = sqlx::query_as(
        "SELECT neighbourhood_id, count(*) FROM team_queue GROUP BY 1 ORDER BY 2 DESC LIMIT 1",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    assert!(rows > 500, "{rows} rows");
    let first = QueueQuery {
        limit: 26,
        viewer: Some(PersonId(1)),
        ..QueueQuery::default()
    };
    let filtered = QueueQuery {
        unacknowledged_only: true,
        needs_only: true,
        active_goals: true,
        ..first.clone()
    };
    let next = QueueQuery {
        after: Some((i64::MAX, PersonId(i64::MAX))),
        ..first.clone()
    };
    let mut connection = pool.acquire().await.unwrap();
    sqlx::query("SET plan_cache_mode = force_generic_plan")
        .execute(&mut *connection)
        .await
        .unwrap();
    for (n, query) in [first, filtered, next].iter().enumerate() {
        let mut page = sqlx::QueryBuilder::<sqlx::Postgres>::new("");
        db::queue_page(&mut page, neighbourhood, query);
        sqlx::query(&format!("PREPARE page{n} AS {}", page.sql()))
            .execute(&mut *connection)
            .await
            .unwrap();
        // The statement's parameters, as the store binds them: the viewer, the neighbourhood,
        // then each filter's (types from the statement itself).
        let params: Vec<String> = sqlx::query_scalar(
            "SELECT t::text FROM pg_prepared_statements, unnest(parameter_types) t \
             WHERE name = $1",
        )
        .bind(format!("page{n}"))
        .fetch_all(&mut *connection)
        .await
        .unwrap();
        let values: Vec<String> = params
            .iter()
            .enumerate()
            .map(|(i, t)| match (i, t.as_str()) {
                (1, _) => neighbourhood.to_string(),
                (_, "bigint") if i + 1 == params.len() => "26".into(),
                (_, "bigint" | "integer" | "boolean") => "1".into(),
                (_, other) => panic!("parameter {i} of type {other}"),
            })
            .collect();
        let plan: Vec<String> =
            sqlx::query_scalar(&format!("EXPLAIN EXECUTE page{n}({})", values.join(", ")))
                .fetch_all(&mut *connection)
                .await
                .unwrap();
        let plan = plan.join("\n");
        assert!(
            plan.contains("Index Scan Backward using team_queue_"),
            "{query:?}\n{plan}"
        );
        assert!(!plan.contains("Sort"), "{query:?}\n{plan}");
    }
}

/// A page of stories, or of feedback kept for the service, is read in order from the newest
/// row and stops at the page's end, in PostgreSQL's plan for any values too (see the queue's
/// test above; the SQLite plans are checked in `schema.rs`), with nothing sorted or read
/// whole. "Not answered yet" probes each row's responses through their index: a plan that read
/// every response first (made to happen once, with `NOT IN`) would grow with the responses.
#[tokio::test]
async fn a_page_of_feedback_walks_its_index_in_postgresqls_plan_for_any_values() {
    use app::domain::ids::NeighbourhoodId;
    use app::server::store::StoryQuery;
    let Some(test_db) = crate::support::postgres().await else {
        return;
    };
    let database = db::open(&test_db.url).await.unwrap();
    let options = ScaleOptions {
        residents: 10_000,
        goal_versions: 2_000,
        feedback: 40_000,
        ..small(11)
    };
    seed_scale(
        database.store.as_ref(),
        &database.bulk,
        &options,
        &mut |_| {},
    )
    .await
    .unwrap();
    let db::DatabaseUrl::Postgres(url) = &test_db.url else {
        unreachable!()
    };
    let pool = sqlx::PgPool::connect(url).await.unwrap();
    // Every third answer has a response, as a busy engagement team's would.
    sqlx::query(
        "INSERT INTO feedback_responses (feedback_id, author_id, author_name, author_role, \
         body, change, created_at) \
         SELECT f.id, (SELECT min(id) FROM people), 'Joe', 'engagement', 'Thank you', 'none', 0 \
         FROM feedback f WHERE f.id % 3 = 0",
    )
    .execute(&pool)
    .await
    .unwrap();
    sqlx::query("ANALYZE").execute(&pool).await.unwrap();
    let (neighbourhood, service): (i64, i64) = sqlx::query_as(
        "SELECT (SELECT neighbourhood_id FROM feedback WHERE neighbourhood_id IS NOT NULL \
         GROUP BY 1 ORDER BY count(*) DESC LIMIT 1), \
         (SELECT service_id FROM feedback WHERE service_id IS NOT NULL \
         GROUP BY 1 ORDER BY count(*) DESC LIMIT 1)",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    let lead = StoryQuery {
        private: true,
        neighbourhood: Some(NeighbourhoodId(neighbourhood)),
        limit: 11,
        ..StoryQuery::default()
    };
    let pages = [
        (lead, "feedback_status_neighbourhood_idx"),
        (
            StoryQuery {
                before: Some(i64::MAX),
                ..lead
            },
            "feedback_status_neighbourhood_idx",
        ),
        (
            StoryQuery {
                unanswered: true,
                ..lead
            },
            "feedback_status_neighbourhood_idx",
        ),
        (
            StoryQuery {
                service: Some(service),
                limit: 11,
                ..StoryQuery::default()
            },
            "feedback_status_service_idx",
        ),
    ];
    let mut connection = pool.acquire().await.unwrap();
    sqlx::query("SET plan_cache_mode = force_generic_plan")
        .execute(&mut *connection)
        .await
        .unwrap();
    for (n, (query, index)) in pages.iter().enumerate() {
        sqlx::query(&format!(
            "PREPARE stories{n} AS {}",
            hive_server::db::stories_sql(query)
        ))
        .execute(&mut *connection)
        .await
        .unwrap();
        // As the store binds them: the neighbourhood, the service, the id to start before, the
        // limit.
        let values = [
            query.neighbourhood.map_or(0, |n| n.0),
            query.service.unwrap_or(0),
            query.before.unwrap_or(0),
            query.limit,
        ]
        .map(|v| v.to_string());
        let plan: Vec<String> = sqlx::query_scalar(&format!(
            "EXPLAIN EXECUTE stories{n}({})",
            values.join(", ")
        ))
        .fetch_all(&mut *connection)
        .await
        .unwrap();
        let plan = plan.join("\n");
        // In order, from the newest: down the filter's index, or down the primary key with
        // the filters checked on each row. PostgreSQL takes the second when the matching rows
        // are common among the newest (a lead's page at city size: 11 rows found among the
        // newest 314, 0.3 ms); either stops at the page's end.
        assert!(
            plan.contains(&format!("Index Scan Backward using {index}"))
                || plan.contains("Index Scan Backward using feedback_pkey"),
            "{query:?}\n{plan}"
        );
        // (The names of the neighbourhood and service may come from a scan of those small
        // tables.)
        for slow in [
            "Sort",
            "Seq Scan on feedback f",
            "Seq Scan on feedback_responses",
            "Hash Anti Join",
            "Hash Right Anti Join",
        ] {
            assert!(!plan.contains(slow), "{slow}: {query:?}\n{plan}");
        }
        if query.unanswered {
            assert!(
                plan.contains("using feedback_responses_feedback_idx"),
                "{query:?}\n{plan}"
            );
        }
    }
}
