//! `hive seed --scale`: a Manchester-size data set for measuring Hive (`make bench`), on either
//! backend. About 550,000 made-up residents across the 32 wards, staff in every team, a fifth of
//! residents keeping a record they share (About Me, needs, goals with many versions, statements),
//! their consent history, staff reads in their access log, acknowledgements, the team queue, and
//! two years of feedback. Everyone is made up; names are drawn from lists.
//!
//! Deterministic: the same `--seed` on the same day gives the same rows (dates are relative to
//! the start of today, UTC). Written in batches, one transaction per batch, with many rows per
//! statement (`db::bulk`). The queue rows are computed here by the same rules as the store's
//! `refresh_queue`; `tests/it/scale.rs` recomputes them with the store's own SQL and compares.

use super::SeedError;
use crate::db::bulk::{BulkPool, TableRows, Val};
use app::domain::about_me::SectionBody;
use app::domain::goals::{Achievement, Day, Goal, Lifecycle};
use app::domain::needs::{Contact, Format, Needs, Support};
use app::domain::statements::{Answer, Truth};
use rand::seq::IndexedRandom;
use rand::{Rng as _, RngCore, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::collections::BTreeMap;
use std::time::Instant;

const DAY: i64 = 24 * 60 * 60 * 1000;

/// How much to write. `city()` is Manchester; `percent(10)` a tenth of every count.
#[derive(Clone, Debug)]
pub struct ScaleOptions {
    pub residents: u64,
    /// Residents who keep a record and share it, in percent.
    pub sharing_percent: u32,
    /// Goal versions in all (spread over the sharing residents' goals).
    pub goal_versions: u64,
    /// Feedback answers over the last two years.
    pub feedback: u64,
    pub staff_per_team: u32,
    pub seed: u64,
}

impl ScaleOptions {
    pub fn city() -> ScaleOptions {
        ScaleOptions {
            residents: 550_000,
            sharing_percent: 20,
            goal_versions: 2_000_000,
            feedback: 2_000_000,
            staff_per_team: 40,
            seed: 1,
        }
    }

    /// Every count at `percent` % of the city's (staff per team stay as they are).
    pub fn percent(percent: u32) -> ScaleOptions {
        let city = ScaleOptions::city();
        let part = |n: u64| (n * u64::from(percent) / 100).max(1);
        ScaleOptions {
            residents: part(city.residents),
            goal_versions: part(city.goal_versions),
            feedback: part(city.feedback),
            ..city
        }
    }
}

/// What was written: rows per table, and how long it took.
#[derive(Debug, Default)]
pub struct ScaleReport {
    pub rows: BTreeMap<&'static str, u64>,
    pub seconds: f64,
}

impl ScaleReport {
    pub fn total(&self) -> u64 {
        self.rows.values().sum()
    }
}

/// The data set's random choices: ChaCha8 (`rand_chacha`), whose stream for a seed is fixed by
/// the cipher's definition, with ranges drawn by `rand` (uniform, without modulo bias). Named
/// helpers keep the choices below readable; the same seed gives the same data with the
/// versions in `Cargo.lock`.
struct Rng(ChaCha8Rng);

impl Rng {
    fn seeded(seed: u64) -> Rng {
        Rng(ChaCha8Rng::seed_from_u64(seed))
    }
    fn next(&mut self) -> u64 {
        self.0.next_u64()
    }
    /// 0..n (0 when n is 0).
    fn below(&mut self, n: u64) -> u64 {
        if n == 0 { 0 } else { self.0.random_range(0..n) }
    }
    /// True `percent` times in a hundred (`percent` at most 100).
    fn chance(&mut self, percent: u64) -> bool {
        self.0.random_ratio(percent.min(100) as u32, 100)
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        items
            .choose(&mut self.0)
            .expect("a choice from a list that is not empty")
    }
    /// low..high (low when the range is empty).
    fn between(&mut self, low: i64, high: i64) -> i64 {
        if high <= low {
            low
        } else {
            self.0.random_range(low..high)
        }
    }
}

const FIRST_NAMES: &[&str] = &[
    "Aaliyah", "Abdul", "Ada", "Adebayo", "Aisha", "Alan", "Alice", "Amal", "Amina", "Andrzej",
    "Anna", "Arjun", "Barbara", "Bilal", "Bogdan", "Brenda", "Chen", "Chidi", "Ciara", "Colin",
    "Dalia", "Daniel", "Deborah", "Dev", "Donna", "Ebony", "Elif", "Emeka", "Emma", "Eric",
    "Farah", "Fatima", "Frank", "Gareth", "Grace", "Hamza", "Hassan", "Helen", "Ibrahim", "Irene",
    "Jack", "Jamal", "Janet", "Jin", "Joyce", "Kamala", "Karen", "Kwame", "Leon", "Lily",
    "Lorraine", "Mahmoud", "Margaret", "Maria", "Mei", "Michael", "Mohammed", "Nadia", "Ngozi",
    "Niamh", "Oksana", "Omar", "Patrick", "Pauline", "Ravi", "Rita", "Rukhsana", "Samuel",
    "Sandra", "Shabana", "Sean", "Siobhan", "Sunita", "Tariq", "Teresa", "Thomas", "Tomasz",
    "Usman", "Valerie", "Wei", "Yasmin", "Yusuf", "Zainab", "Zofia",
];

const SURNAMES: &[&str] = &[
    "Adeyemi", "Ahmed", "Ali", "Anderson", "Begum", "Bibi", "Brown", "Byrne", "Chen", "Clarke",
    "Collins", "Davies", "Evans", "Farrell", "Green", "Gupta", "Hall", "Hughes", "Hussain",
    "Iqbal", "Jackson", "Johnson", "Jones", "Kaur", "Kelly", "Khan", "Kowalski", "Lee", "Lewis",
    "Mahmood", "Malik", "Martin", "Mensah", "Murphy", "Nguyen", "Nowak", "O'Brien", "Obi",
    "Okafor", "Patel", "Price", "Rahman", "Roberts", "Robinson", "Shah", "Singh", "Smith",
    "Taylor", "Thomas", "Thompson", "Walker", "Walsh", "Ward", "Williams", "Wilson", "Wright",
    "Yildiz", "Zhang",
];

const MOST_IMPORTANT: &[&str] = &[
    "Staying in my own home, near my neighbours.",
    "Seeing my grandchildren at the weekend.",
    "Getting to the mosque on Fridays.",
    "My allotment, and the friends I have there.",
    "Being able to look after my husband.",
    "Going to the community centre on Tuesdays for the lunch club.",
    "Keeping my independence for as long as I can.",
    "My dog, Bella. She needs walking twice a day.",
    "Church on Sunday and the coffee morning after.",
    "Being able to get out to the shops on my own.",
];

const COMMUNICATION: &[&str] = &[
    "Please speak slowly and face me; I lip-read.",
    "My first language is Urdu. My son can help on the phone.",
    "I find letters hard to read. Please ring me instead.",
    "I need large print, at least 16 point.",
    "Please give me time to answer. I had a stroke and my words come slowly.",
    "I am hard of hearing in my right ear. Sit on my left.",
    "Text me first; I do not answer numbers I do not know.",
    "I use British Sign Language. Please book an interpreter.",
];

const GOALS: &[&str] = &[
    "Walk to the end of the road and back without stopping",
    "Get up the stairs on my own",
    "Cook a hot meal for myself twice a week",
    "Go back to the lunch club",
    "Manage my own tablets with a weekly box",
    "Sleep through the night without pain",
    "Get to the shops by bus",
    "Have a bath without help",
    "See my friends at the community centre every week",
    "Keep my leg ulcer clean and healing",
    "Go out in the garden every day",
    "Take my grandson to school on Fridays",
];

const WHY: &[&str] = &[
    "So I can see my friends.",
    "I want to stay in my own home.",
    "My daughter worries when I cannot get out.",
    "I used to love cooking and I miss it.",
    "I do not want to rely on other people for everything.",
];

const GOOD: &[&str] = &[
    "The nurse was kind and took the time to explain my tablets.",
    "They rang before they came, which I really appreciate.",
    "Everyone was friendly and listened to what I had to say.",
    "The physio gave me exercises that I can actually do at home.",
    "I felt treated like a person, not a number.",
    "They sorted out my equipment within a week.",
    "The carer speaks my language, which makes such a difference.",
    "They remembered what I told them last time.",
];

const BETTER: &[&str] = &[
    "It took three weeks to get an appointment.",
    "Letters still come in small print even though I asked for large print.",
    "I never know what time they will arrive.",
    "Different people every visit, so I have to explain everything again.",
    "Nobody told me the service had changed.",
    "The phone line is always busy in the morning.",
    "I would like to be asked before my visits are moved.",
];

const FFT: &[(&str, u64)] = &[
    ("very-good", 58),
    ("good", 25),
    ("neither", 6),
    ("poor", 4),
    ("very-poor", 3),
    ("dont-know", 4),
];

fn sentences(rng: &mut Rng, bank: &[&str], most: u64) -> String {
    let count = 1 + rng.below(most);
    (0..count)
        .map(|_| *rng.pick(bank))
        .collect::<Vec<_>>()
        .join(" ")
}

fn json<T: serde::Serialize>(value: &T) -> Result<String, SeedError> {
    serde_json::to_string(value).map_err(|e| SeedError::Data(e.to_string()))
}

fn name(index: u64) -> String {
    // Spread the combinations so neighbours in id order rarely share a surname.
    let first = FIRST_NAMES[(index % FIRST_NAMES.len() as u64) as usize];
    let surname =
        SURNAMES[((index / FIRST_NAMES.len() as u64 * 7 + index) % SURNAMES.len() as u64) as usize];
    format!("{first} {surname}")
}

/// A table's rows waiting to be written: (table, columns, rows).
type Pending = (&'static str, &'static [&'static str], Vec<Vec<Val>>);

/// Rows for one batch, inserted in one transaction.
struct Batch {
    tables: Vec<Pending>,
}

impl Batch {
    fn new(tables: &[(&'static str, &'static [&'static str])]) -> Batch {
        Batch {
            tables: tables.iter().map(|(t, c)| (*t, *c, Vec::new())).collect(),
        }
    }
    fn push(&mut self, table: &str, row: Vec<Val>) {
        if let Some(entry) = self.tables.iter_mut().find(|(t, _, _)| *t == table) {
            entry.2.push(row);
        }
    }
    fn len(&self) -> usize {
        self.tables.iter().map(|(_, _, r)| r.len()).sum()
    }
    async fn write(&mut self, bulk: &BulkPool, report: &mut ScaleReport) -> Result<(), SeedError> {
        let tables: Vec<TableRows<'_>> = self
            .tables
            .iter()
            .map(|(t, c, r)| (*t, *c, r.as_slice()))
            .collect();
        bulk.insert_all(&tables).await.map_err(store_error)?;
        for (table, _, rows) in &mut self.tables {
            *report.rows.entry(*table).or_default() += rows.len() as u64;
            rows.clear();
        }
        Ok(())
    }
}

fn store_error(err: sqlx::Error) -> SeedError {
    SeedError::Store(crate::db::rows::other(err))
}

const PEOPLE: &[&str] = &[
    "display_name",
    "role",
    "team_id",
    "home_ward_id",
    "active",
    "created_at",
];
const VERSIONS: &[&str] = &[
    "resident_id",
    "kind",
    "item_key",
    "version",
    "body",
    "author_id",
    "acting_for_id",
    "created_at",
];
const SHARES: &[&str] = &["resident_id", "scope", "shared_at", "shared_by"];
const CONSENT: &[&str] = &["resident_id", "scope", "shared", "actor_id", "created_at"];
const ACCESS: &[&str] = &[
    "resident_id",
    "actor_id",
    "actor_name",
    "actor_role",
    "actor_team",
    "acting_for_id",
    "scope",
    "action",
    "created_at",
];
const ACKS: &[&str] = &[
    "resident_id",
    "neighbourhood_id",
    "staff_id",
    "staff_name",
    "staff_role",
    "team_name",
    "kind",
    "item_key",
    "version",
    "created_at",
];
const QUEUE: &[&str] = &[
    "resident_id",
    "neighbourhood_id",
    "last_change_at",
    "has_needs",
    "unacknowledged",
    "active_goals",
    "open_proposals",
];
const FEEDBACK: &[&str] = &[
    "resident_id",
    "author_id",
    "author_name",
    "neighbourhood_id",
    "service_id",
    "fft",
    "good",
    "better",
    "statements",
    "status",
    "hidden_reason",
    "created_at",
    "published_at",
    "month",
];

struct Staff {
    id: i64,
    name: String,
    role: &'static str,
}

struct Place {
    ward: i64,
    neighbourhood: i64,
}

/// Writes the data set. Refused unless the database holds nobody but the demo's people (run it
/// on a new database). `progress` is told what is happening, a line at a time.
pub async fn seed_scale(
    store: &dyn app::server::Store,
    bulk: &BulkPool,
    options: &ScaleOptions,
    progress: &mut (dyn FnMut(String) + Send),
) -> Result<ScaleReport, SeedError> {
    let started = Instant::now();
    let mut report = ScaleReport::default();
    super::seed_demo(store).await?;
    super::seed_demo_record(store).await?;
    let others = bulk
        .number(&format!(
            "SELECT count(*) FROM people p WHERE p.demo_key IS NULL AND NOT EXISTS \
             (SELECT 1 FROM identities i WHERE i.person_id = p.id AND i.issuer = '{}')",
            super::DEMO_ISSUER
        ))
        .await
        .map_err(store_error)?;
    if others > 0 {
        return Err(SeedError::Data(
            "this database already holds people who are not the demo's; city-scale data goes into a new database".into(),
        ));
    }
    let today = crate::db::rows::now_millis() / DAY * DAY;
    let mut rng = Rng::seeded(options.seed);
    let wards: Vec<Place> = bulk
        .pairs("SELECT id, neighbourhood_id FROM wards ORDER BY id")
        .await
        .map_err(store_error)?
        .into_iter()
        .map(|(ward, neighbourhood)| Place {
            ward,
            neighbourhood,
        })
        .collect();
    let teams = bulk
        .pairs("SELECT id, neighbourhood_id FROM teams ORDER BY id")
        .await
        .map_err(store_error)?;
    let team_names: BTreeMap<i64, String> = bulk
        .named("SELECT id, name FROM teams")
        .await
        .map_err(store_error)?
        .into_iter()
        .collect();
    let services: Vec<i64> = bulk
        .pairs("SELECT id, id FROM services WHERE active ORDER BY id")
        .await
        .map_err(store_error)?
        .into_iter()
        .map(|(id, _)| id)
        .collect();
    let statements: Vec<String> = bulk
        .named("SELECT id, code FROM person_statements WHERE active ORDER BY position")
        .await
        .map_err(store_error)?
        .into_iter()
        .map(|(_, code)| code)
        .collect();
    if wards.is_empty() || teams.is_empty() || statements.is_empty() {
        return Err(SeedError::Data("the demo places are missing".into()));
    }

    // Staff: two team leads and the rest practitioners in every team; an engagement officer
    // per neighbourhood.
    let mut batch = Batch::new(&[("people", PEOPLE)]);
    // Staff names from further along the lists than the residents', one each.
    let mut staff_name = (1_000_001u64..).map(name);
    for (team, _) in &teams {
        for n in 0..options.staff_per_team {
            let role = if n < 2 { "team_lead" } else { "practitioner" };
            batch.push(
                "people",
                vec![
                    Val::Text(staff_name.next().unwrap_or_default()),
                    Val::Text(role.into()),
                    Val::MaybeInt(Some(*team)),
                    Val::MaybeInt(None),
                    Val::Bool(true),
                    Val::Int(today - 800 * DAY),
                ],
            );
        }
    }
    for _ in &teams {
        batch.push(
            "people",
            vec![
                Val::Text(staff_name.next().unwrap_or_default()),
                Val::Text("engagement_officer".into()),
                Val::MaybeInt(None),
                Val::MaybeInt(None),
                Val::Bool(true),
                Val::Int(today - 800 * DAY),
            ],
        );
    }
    batch.write(bulk, &mut report).await?;
    let staff_names: BTreeMap<i64, String> = bulk
        .named("SELECT id, display_name FROM people WHERE demo_key IS NULL AND team_id IS NOT NULL")
        .await
        .map_err(store_error)?
        .into_iter()
        .collect();
    let mut staff_by_neighbourhood: BTreeMap<i64, (String, Vec<Staff>)> = BTreeMap::new();
    for (id, team) in bulk
        .pairs("SELECT id, team_id FROM people WHERE demo_key IS NULL AND team_id IS NOT NULL ORDER BY id")
        .await
        .map_err(store_error)?
    {
        let Some((_, neighbourhood)) = teams.iter().find(|(t, _)| *t == team) else {
            continue;
        };
        let entry = staff_by_neighbourhood
            .entry(*neighbourhood)
            .or_insert_with(|| (team_names.get(&team).cloned().unwrap_or_default(), Vec::new()));
        entry.1.push(Staff {
            id,
            name: staff_names.get(&id).cloned().unwrap_or_default(),
            role: "practitioner",
        });
    }
    for (_, staff) in staff_by_neighbourhood.values_mut() {
        for member in staff.iter_mut().take(2) {
            member.role = "team_lead";
        }
    }
    progress(format!(
        "staff: {} in {} teams",
        report.rows.get("people").copied().unwrap_or(0),
        teams.len()
    ));

    // Residents, spread over the wards (some wards larger than others).
    let first_resident = bulk
        .number("SELECT max(id) FROM people")
        .await
        .map_err(store_error)?;
    let mut homes: Vec<usize> = Vec::with_capacity(options.residents as usize);
    for i in 0..options.residents {
        let ward = if rng.chance(30) {
            rng.below(wards.len() as u64 / 2) as usize
        } else {
            rng.below(wards.len() as u64) as usize
        };
        homes.push(ward);
        batch.push(
            "people",
            vec![
                Val::Text(name(i)),
                Val::Text("resident".into()),
                Val::MaybeInt(None),
                Val::MaybeInt(Some(wards[ward].ward)),
                Val::Bool(true),
                Val::Int(today - rng.between(1, 730) * DAY),
            ],
        );
        if batch.len() >= 20_000 {
            batch.write(bulk, &mut report).await?;
        }
    }
    batch.write(bulk, &mut report).await?;
    let resident_ids: Vec<i64> = bulk
        .pairs(&format!(
            "SELECT id, id FROM people WHERE id > {first_resident} AND role = 'resident' ORDER BY id"
        ))
        .await
        .map_err(store_error)?
        .into_iter()
        .map(|(id, _)| id)
        .collect();
    if resident_ids.len() as u64 != options.residents {
        return Err(SeedError::Data(
            "another writer added people while seeding".into(),
        ));
    }
    progress(format!(
        "residents: {} ({:.0} s)",
        options.residents,
        started.elapsed().as_secs_f64()
    ));

    // A fifth (by default) keep a record and share it.
    let sharers: Vec<u64> = (0..options.residents)
        .filter(|_| rng.chance(u64::from(options.sharing_percent)))
        .collect();
    let mut batch = Batch::new(&[
        ("record_versions", VERSIONS),
        ("shares", SHARES),
        ("consent_events", CONSENT),
        ("access_log", ACCESS),
        ("acknowledgements", ACKS),
        ("team_queue", QUEUE),
    ]);
    let mut goal_versions_written = 0u64;
    for (n, &i) in sharers.iter().enumerate() {
        let resident = resident_ids[i as usize];
        let place = &wards[homes[i as usize]];
        let Some((team_name, staff)) = staff_by_neighbourhood.get(&place.neighbourhood) else {
            continue;
        };
        let who = name(i);
        // Goal versions still to write, shared fairly among the residents left (the last
        // one writes all that is left); at least one each.
        let left = options.goal_versions.saturating_sub(goal_versions_written);
        let budget = (left / (sharers.len() - n) as u64).max(1);
        goal_versions_written += write_record(
            &mut rng,
            &mut batch,
            Record {
                resident,
                name: &who,
                neighbourhood: place.neighbourhood,
                team_name,
                staff,
                statements: &statements,
                goal_versions: budget,
                today,
            },
        )?;
        if batch.len() >= 40_000 {
            batch.write(bulk, &mut report).await?;
        }
        if (n + 1) % (sharers.len() / 10).max(1) == 0 || n + 1 == sharers.len() {
            progress(format!(
                "records: {} of {} residents, {} goal versions ({:.0} s)",
                n + 1,
                sharers.len(),
                goal_versions_written,
                started.elapsed().as_secs_f64()
            ));
        }
    }
    batch.write(bulk, &mut report).await?;

    // Two years of feedback, oldest first.
    let neighbourhoods: Vec<i64> = staff_by_neighbourhood.keys().copied().collect();
    let mut batch = Batch::new(&[("feedback", FEEDBACK)]);
    let span = 730 * DAY;
    for f in 0..options.feedback {
        let at = today - span
            + (f as i128 * span as i128 / options.feedback as i128) as i64
            + rng.between(0, 60_000);
        let from_resident = rng.chance(25);
        let (resident, author) = if from_resident {
            let i = rng.below(options.residents);
            (Some(resident_ids[i as usize]), Some(name(i)))
        } else {
            (None, None)
        };
        let status = if rng.chance(8) {
            "published"
        } else if at > today - 14 * DAY && rng.chance(10) {
            "pending"
        } else if rng.chance(1) {
            "hidden"
        } else {
            "private"
        };
        let mut weight = rng.below(100);
        let mut fft = "very-good";
        for (code, w) in FFT {
            if weight < *w {
                fft = code;
                break;
            }
            weight -= w;
        }
        let chosen: Vec<&str> = if rng.chance(20) {
            let mut codes = vec![rng.pick(&statements).as_str()];
            if rng.chance(40) {
                let other = rng.pick(&statements).as_str();
                if !codes.contains(&other) {
                    codes.push(other);
                }
            }
            codes
        } else {
            Vec::new()
        };
        let (year, month) = app::domain::time::uk_month(at);
        batch.push(
            "feedback",
            vec![
                Val::MaybeInt(resident),
                Val::MaybeInt(resident),
                Val::MaybeText(author),
                Val::MaybeInt((!rng.chance(5)).then(|| *rng.pick(&neighbourhoods))),
                Val::MaybeInt(
                    (rng.chance(60) && !services.is_empty()).then(|| *rng.pick(&services)),
                ),
                Val::Text(fft.into()),
                Val::MaybeText(rng.chance(45).then(|| sentences(&mut rng, GOOD, 3))),
                Val::MaybeText(rng.chance(30).then(|| sentences(&mut rng, BETTER, 2))),
                Val::Text(chosen.join(" ")),
                Val::Text(status.into()),
                Val::MaybeText(
                    (status == "hidden").then(|| "It named a member of staff.".to_string()),
                ),
                Val::Int(at),
                Val::MaybeInt((status == "published").then_some(at + 2 * DAY)),
                Val::Int(year * 100 + i64::from(month)),
            ],
        );
        if batch.len() >= 20_000 {
            batch.write(bulk, &mut report).await?;
        }
        if (f + 1) % (options.feedback / 10).max(1) == 0 || f + 1 == options.feedback {
            progress(format!(
                "feedback: {} of {} ({:.0} s)",
                f + 1,
                options.feedback,
                started.elapsed().as_secs_f64()
            ));
        }
    }
    batch.write(bulk, &mut report).await?;
    // The dashboards' counts, kept by the store as answers arrive, computed here in one go.
    for sql in crate::db::sql::feedback::RECOUNT {
        bulk.execute(sql).await.map_err(store_error)?;
    }
    // The planner's statistics, so the first queries on the new data choose their indexes.
    bulk.execute("ANALYZE").await.map_err(store_error)?;
    report.seconds = started.elapsed().as_secs_f64();
    Ok(report)
}

struct Record<'a> {
    resident: i64,
    name: &'a str,
    neighbourhood: i64,
    team_name: &'a str,
    staff: &'a [Staff],
    statements: &'a [String],
    goal_versions: u64,
    today: i64,
}

/// One resident's record, sharing, reads and queue row; returns the goal versions written.
fn write_record(rng: &mut Rng, batch: &mut Batch, r: Record<'_>) -> Result<u64, SeedError> {
    let began = r.today - rng.between(30, 720) * DAY;
    let mut clock = began;
    let mut tick = |rng: &mut Rng| {
        clock += rng.between(60_000, 3 * DAY);
        clock.min(r.today - 1)
    };
    // (kind, key, version, created_at) of every version written, for the queue and the acks.
    let mut versions: Vec<(&'static str, String, i64, i64)> = Vec::new();
    let version_row = |batch: &mut Batch,
                       versions: &mut Vec<(&'static str, String, i64, i64)>,
                       kind: &'static str,
                       key: &str,
                       version: i64,
                       body: String,
                       at: i64| {
        versions.push((kind, key.to_string(), version, at));
        batch.push(
            "record_versions",
            vec![
                Val::Int(r.resident),
                Val::Text(kind.into()),
                Val::Text(key.into()),
                Val::Int(version),
                Val::Text(body),
                Val::Int(r.resident),
                Val::Int(r.resident),
                Val::Int(at),
            ],
        );
    };
    for (section, bank) in [
        ("most-important", MOST_IMPORTANT),
        ("communication", COMMUNICATION),
    ] {
        let edits = if rng.chance(30) { 2 } else { 1 };
        for v in 1..=edits {
            let body = json(&SectionBody {
                text: sentences(rng, bank, 3),
                supported_by: None,
            })?;
            let at = tick(rng);
            version_row(batch, &mut versions, "about-me", section, v, body, at);
        }
    }
    let has_needs = rng.chance(70);
    if has_needs {
        let edits = if rng.chance(25) { 2 } else { 1 };
        for v in 1..=edits {
            let needs = Needs {
                formats: if rng.chance(40) {
                    vec![Format::LargePrint]
                } else {
                    vec![Format::EasyRead]
                },
                support: vec![*rng.pick(&[
                    Support::HearingLoop,
                    Support::ExtraTime,
                    Support::QuietPlace,
                ])],
                professionals: Vec::new(),
                language: None,
                interpreter: false,
                contact: vec![*rng.pick(&[
                    Contact::Telephone,
                    Contact::TextMessage,
                    Contact::Letter,
                ])],
                avoid_times: rng.chance(30).then(|| "Not before 10am.".to_string()),
                how_to_talk: rng.chance(50).then(|| sentences(rng, COMMUNICATION, 1)),
            };
            let at = tick(rng);
            version_row(batch, &mut versions, "needs", "needs", v, json(&needs)?, at);
        }
    }
    // Goals: one to five, sharing the version budget.
    let goals = 1 + rng.below(5).min(r.goal_versions.saturating_sub(1));
    let mut written = 0u64;
    let mut active_goal = false;
    for g in 0..goals {
        let key = format!("{:016x}", rng.next());
        let left = r.goal_versions - written;
        // An even share of what is left (the last goal gets all that is left).
        let count = (left / (goals - g)).max(1);
        let description = rng.pick(GOALS).to_string();
        let why = rng.chance(60).then(|| rng.pick(WHY).to_string());
        let target = Day::new(2027, 1 + rng.below(12) as u32, 1 + rng.below(28) as u32);
        let last_lifecycle = *rng.pick(&[
            Lifecycle::Active,
            Lifecycle::Active,
            Lifecycle::Active,
            Lifecycle::Completed,
            Lifecycle::OnHold,
        ]);
        for v in 1..=count {
            let lifecycle = if v == count {
                last_lifecycle
            } else {
                Lifecycle::Active
            };
            let achievement = *rng.pick(&[
                Achievement::InProgress,
                Achievement::Improving,
                Achievement::NoChange,
                Achievement::Worsening,
            ]);
            let goal = Goal {
                description: description.clone(),
                why: why.clone(),
                target,
                lifecycle,
                achievement: Some(if lifecycle == Lifecycle::Completed {
                    Achievement::Achieved
                } else {
                    achievement
                }),
            };
            let at = tick(rng);
            version_row(
                batch,
                &mut versions,
                "goal",
                &key,
                v as i64,
                json(&goal)?,
                at,
            );
        }
        active_goal |= last_lifecycle == Lifecycle::Active;
        written += count;
    }
    let share_statements = rng.chance(30);
    for code in r.statements.iter().take(3) {
        let answer = Answer {
            truth: *rng.pick(&Truth::ALL),
            comment: None,
        };
        let at = tick(rng);
        version_row(
            batch,
            &mut versions,
            "statement",
            code,
            1,
            json(&answer)?,
            at,
        );
    }
    // Sharing began after the first About Me section was written.
    let shared_at = versions.first().map(|v| v.3 + 60_000).unwrap_or(began);
    let mut scopes = vec!["about-me:most-important", "about-me:communication", "goals"];
    if has_needs {
        scopes.push("needs");
    }
    if share_statements {
        scopes.push("statements");
    }
    for scope in &scopes {
        batch.push(
            "shares",
            vec![
                Val::Int(r.resident),
                Val::Text((*scope).into()),
                Val::Int(shared_at),
                Val::Int(r.resident),
            ],
        );
        batch.push(
            "consent_events",
            vec![
                Val::Int(r.resident),
                Val::Text((*scope).into()),
                Val::Bool(true),
                Val::Int(r.resident),
                Val::Int(shared_at),
            ],
        );
        batch.push(
            "access_log",
            vec![
                Val::Int(r.resident),
                Val::Int(r.resident),
                Val::Text(r.name.into()),
                Val::Text("resident".into()),
                Val::MaybeText(None),
                Val::MaybeInt(None),
                Val::Text((*scope).into()),
                Val::Text("share".into()),
                Val::Int(shared_at),
            ],
        );
    }
    let is_shared = |kind: &str, key: &str| match kind {
        "needs" => has_needs,
        "goal" | "goal-note" => true,
        "statement" => share_statements,
        "about-me" => scopes.contains(&format!("about-me:{key}").as_str()),
        _ => false,
    };
    // The team read most records, some more than once; each read logs every shared part.
    let last_change = versions
        .iter()
        .filter(|(kind, key, _, _)| is_shared(kind, key))
        .map(|v| v.3)
        .max()
        .unwrap_or(shared_at);
    let mut acknowledged_all = false;
    if !r.staff.is_empty() && rng.chance(60) {
        let reads = 1 + rng.below(4);
        for _ in 0..reads {
            let member = rng.pick(r.staff);
            let at = rng.between(shared_at, r.today);
            for scope in &scopes {
                batch.push(
                    "access_log",
                    vec![
                        Val::Int(r.resident),
                        Val::Int(member.id),
                        Val::Text(member.name.clone()),
                        Val::Text(member.role.into()),
                        Val::MaybeText(Some(r.team_name.into())),
                        Val::MaybeInt(None),
                        Val::Text((*scope).into()),
                        Val::Text("read".into()),
                        Val::Int(at),
                    ],
                );
            }
        }
        // Half of the records read have every shared version acknowledged.
        if rng.chance(50) {
            acknowledged_all = true;
            let member = rng.pick(r.staff);
            let at = last_change + 60_000;
            let mut latest: BTreeMap<(&str, &str), i64> = BTreeMap::new();
            for (kind, key, version, _) in &versions {
                if matches!(*kind, "needs" | "goal" | "about-me") && is_shared(kind, key) {
                    let entry = latest.entry((*kind, key.as_str())).or_default();
                    *entry = (*entry).max(*version);
                }
            }
            for ((kind, key), version) in latest {
                batch.push(
                    "acknowledgements",
                    vec![
                        Val::Int(r.resident),
                        Val::Int(r.neighbourhood),
                        Val::Int(member.id),
                        Val::Text(member.name.clone()),
                        Val::Text(member.role.into()),
                        Val::Text(r.team_name.into()),
                        Val::Text(kind.into()),
                        Val::Text(key.into()),
                        Val::Int(version),
                        Val::Int(at),
                    ],
                );
            }
        }
    }
    batch.push(
        "team_queue",
        vec![
            Val::Int(r.resident),
            Val::Int(r.neighbourhood),
            Val::Int(last_change),
            Val::Bool(has_needs),
            Val::Bool(!acknowledged_all),
            Val::Bool(active_goal),
            Val::Bool(false),
        ],
    );
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_generator_is_fixed_by_its_seed_and_its_choices_are_even() {
        let first = |seed| {
            let mut rng = Rng::seeded(seed);
            (0..5).map(|_| rng.next()).collect::<Vec<u64>>()
        };
        assert_eq!(first(7), first(7));
        assert_ne!(first(7), first(8));

        // 10,000 draws of each helper: every outcome, in about its share (each bound is more
        // than six standard deviations from the expected count).
        let mut rng = Rng::seeded(1);
        let mut below = [0u32; 10];
        let mut between = BTreeMap::new();
        let mut picked = [0u32; 4];
        let mut chances = 0;
        for _ in 0..10_000 {
            below[rng.below(10) as usize] += 1;
            *between.entry(rng.between(-2, 3)).or_insert(0u32) += 1;
            picked[*rng.pick(&[0usize, 1, 2, 3])] += 1;
            chances += u32::from(rng.chance(30));
        }
        assert!(below.iter().all(|n| (820..=1180).contains(n)), "{below:?}");
        assert_eq!(
            between.keys().copied().collect::<Vec<_>>(),
            [-2, -1, 0, 1, 2]
        );
        assert!(
            between.values().all(|n| (1760..=2240).contains(n)),
            "{between:?}"
        );
        assert!(
            picked.iter().all(|n| (2260..=2740).contains(n)),
            "{picked:?}"
        );
        assert!((2720..=3280).contains(&chances), "{chances}");
        assert!((0..100).all(|_| !rng.chance(0) && rng.chance(100)));
        assert_eq!((rng.below(0), rng.below(1), rng.between(4, 4)), (0, 0, 4));
    }

    #[test]
    fn names_are_all_different_for_a_whole_round_of_the_lists_and_neighbours_differ() {
        let round = (FIRST_NAMES.len() * SURNAMES.len()) as u64;
        for start in [0, 1_000_001] {
            let names: Vec<String> = (start..start + round).map(name).collect();
            let different: std::collections::BTreeSet<&String> = names.iter().collect();
            assert_eq!(different.len() as u64, round);
            let surname = |n: &String| n.rsplit(' ').next().unwrap_or_default().to_string();
            assert!(names.windows(2).all(|w| surname(&w[0]) != surname(&w[1])));
        }
        assert_eq!(name(0), "Aaliyah Adeyemi");
        assert_eq!(name(1), "Abdul Ahmed");
    }

    #[test]
    fn a_batch_counts_the_rows_of_all_its_tables() {
        let mut batch = Batch::new(&[("people", PEOPLE), ("shares", SHARES)]);
        assert_eq!(batch.len(), 0);
        batch.push("people", vec![Val::Int(1)]);
        batch.push("people", vec![Val::Int(2)]);
        batch.push("shares", vec![Val::Int(3)]);
        // A table the batch was not made for is not its business.
        batch.push("feedback", vec![Val::Int(4)]);
        assert_eq!(batch.len(), 3);
    }

    #[test]
    fn a_tenth_of_the_city_is_a_tenth_of_each_count() {
        let tenth = ScaleOptions::percent(10);
        assert_eq!(tenth.residents, 55_000);
        assert_eq!(tenth.goal_versions, 200_000);
        assert_eq!(tenth.feedback, 200_000);
        assert_eq!(tenth.staff_per_team, 40);
        assert_eq!((tenth.sharing_percent, tenth.seed), (20, 1));
        let whole = ScaleOptions::percent(100);
        assert_eq!(
            (whole.residents, whole.goal_versions, whole.feedback),
            (550_000, 2_000_000, 2_000_000)
        );
        // Never nothing at all: at least one of each.
        let none = ScaleOptions::percent(0);
        assert_eq!(
            (none.residents, none.goal_versions, none.feedback),
            (1, 1, 1)
        );
    }
}
