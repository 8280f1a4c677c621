//! The demo's campaign: "How are we doing?", open from five months ago to two months ahead, by
//! Joe Murphy (engagement officer), with every kind of question and answers across four
//! neighbourhoods over six months: many in two, a few in the others, so
//! the dashboard shows some figures and suppresses others. Some answers were entered by Sam
//! Okafor from paper forms (assisted); two say they may be published, one with a telephone
//! number for the moderator to redact.

use super::SeedError;
use app::domain::campaigns::day_number;
use app::domain::goals::Day;
use app::domain::person::DemoPerson;
use app::domain::role::Role;
use app::server::Store;
use app::server::store::{Accessor, CampaignFft, NewAnswers, NewCampaign, NewQuestion};
use rand::{Rng as _, SeedableRng};
use rand_chacha::ChaCha8Rng;

pub const DEMO_SLUG: &str = "how-are-we-doing";

const FFT: [&str; 6] = [
    "very-good",
    "good",
    "neither",
    "poor",
    "very-poor",
    "dont-know",
];
const HEARD: [&str; 4] = ["Phone call", "Letter", "Text message", "A visit"];
const HELP: [&str; 4] = [
    "Evening visits",
    "The same nurse each time",
    "Help with forms",
    "Transport to appointments",
];
const TRUTH: [&str; 5] = ["completely", "mostly", "partly", "a-little", "not-at-all"];

fn day_months_ago(now: i64, months: i64) -> Day {
    let (y, m, _) = app::domain::time::uk_day(now);
    let total = y * 12 + i64::from(m) - 1 - months;
    Day::new((total / 12) as i32, (total % 12) as u32 + 1, 1).unwrap_or(Day {
        year: 2026,
        month: 1,
        day: 1,
    })
}

/// Adds it once (nothing if the campaign is there); returns the rows added.
pub async fn seed_demo_campaign(
    store: &dyn Store,
    people: &[DemoPerson],
) -> Result<u64, SeedError> {
    let find = |name: &str| people.iter().find(|p| p.name == name);
    let (Some(joe), Some(sam)) = (find("Joe Murphy"), find("Sam Okafor")) else {
        return Ok(0);
    };
    if store.campaign_by_slug(DEMO_SLUG).await?.is_some() {
        return Ok(0);
    }
    let officer = Accessor {
        id: joe.id,
        name: joe.name.clone(),
        role: Role::EngagementOfficer,
        team: None,
        acting_for: None,
    };
    let nurse = Accessor {
        id: sam.id,
        name: sam.name.clone(),
        role: Role::Practitioner,
        team: sam.team.clone(),
        acting_for: None,
    };
    let neighbourhoods = store.neighbourhoods().await?;
    let named = |name: &str| neighbourhoods.iter().find(|n| n.name == name).map(|n| n.id);
    // (neighbourhood, answers a month)
    let places = [
        (named("Chorlton and Whalley Range"), 9),
        (named("Fallowfield and Withington"), 7),
        (named("Gorton and Levenshulme"), 2),
        (named("Didsbury"), 3),
    ];
    let covered: Vec<_> = places.iter().filter_map(|(n, _)| *n).collect();
    let now = app::server::now_millis();
    let opens = day_months_ago(now, 5);
    // Its last day is the first of the third month ahead.
    let closes = day_months_ago(now, -3);
    let campaign = store
        .save_campaign(&NewCampaign {
            id: None,
            slug: DEMO_SLUG,
            title: "How are we doing?",
            description: "Tell your neighbourhood team how your care has been, and what would help. It takes about three minutes. You do not need to sign in, and your answers are anonymous.",
            service: None,
            opens_on: day_number(opens),
            closes_on: day_number(closes),
            by: &officer,
            neighbourhoods: &covered,
        })
        .await?;
    let heard = HEARD.join("\n");
    let help = HELP.join("\n");
    // (kind, prompt, required, choices, offers Other); the statement question asks about the
    // city's first statement.
    let questions = [
        ("fft", "", true, "", false),
        (
            "rating",
            "How easy was it to contact your team?",
            true,
            "",
            false,
        ),
        (
            "one",
            "How did you last hear from your team?",
            false,
            heard.as_str(),
            false,
        ),
        (
            "several",
            "What would help you most?",
            false,
            help.as_str(),
            true,
        ),
        ("statement", "", false, "", false),
        (
            "text",
            "Is there anything else you would like to tell us?",
            false,
            "",
            false,
        ),
    ];
    let statements = store.person_statements().await?;
    let mut ids = Vec::new();
    for (kind, prompt, required, choices, other) in questions {
        let statement = match kind {
            "statement" => statements.first().map(|s| s.code.as_str()),
            _ => None,
        };
        ids.push(
            store
                .add_question(&NewQuestion {
                    campaign,
                    kind,
                    prompt,
                    required,
                    choices,
                    other,
                    statement,
                })
                .await?,
        );
    }
    let mut added = 1 + ids.len() as u64;
    // The same answers every time the demo is seeded (as `hive seed --scale` draws its own).
    let mut rng = ChaCha8Rng::seed_from_u64(2026);
    let mut next = move |n: usize| rng.random_range(0..n);
    let day_ms = 86_400_000_i64;
    for months_ago in (0..6_i64).rev() {
        // Answers from the second of the month, every other day, never in the future.
        let first = day_months_ago(now, months_ago);
        let (y, m) = app::domain::time::previous_month(first.year.into(), first.month);
        let start = app::domain::time::uk_month_end(y, m);
        for (place, per_month) in places {
            for i in 0..per_month {
                // Mostly good, as the real FFT is; Don't know now and then.
                let fft = [0, 0, 0, 1, 1, 1, 2, 3, 4, 5][next(10)];
                let at = (start + (i as i64 * 2 + 1) * day_ms + 10 * 3_600_000)
                    .min(now - 3_600_000 - i as i64 * 60_000);
                let heard = HEARD[next(HEARD.len())];
                let help = HELP[next(HELP.len())];
                let rating = (5 - fft.min(4) as i64).to_string();
                let truth = TRUTH[(fft.min(4) + next(2)).min(4)];
                let mut answers: Vec<(i64, &str, Option<&str>)> = vec![
                    (ids[0], FFT[fft], None),
                    (ids[1], rating.as_str(), None),
                    (ids[2], heard, None),
                    (ids[3], help, None),
                    (ids[4], truth, None),
                ];
                if i == 0 && months_ago == 1 {
                    answers.push((ids[3], "other", Some("A phone number that gets answered")));
                }
                // The first answers this month in Chorlton and Whalley Range were on paper.
                let assisted = place == places[0].0 && months_ago == 0 && i < 2;
                let (good, better, status) = match (months_ago, i, place == places[0].0) {
                    (0, 0, true) => (
                        Some("The nurse who came on Tuesday was lovely."),
                        Some("Call me back on 07700 900123 about my appointment times please."),
                        "pending",
                    ),
                    (1, 1, true) => (
                        Some("Quick to answer the phone."),
                        Some("Visits after 5pm for people who work."),
                        "pending",
                    ),
                    _ => (None, None, "private"),
                };
                store
                    .add_answers(&NewAnswers {
                        campaign,
                        service: None,
                        neighbourhood: place,
                        person: None,
                        assisted_by: assisted.then_some(&nurse),
                        answers: &answers,
                        fft: Some(CampaignFft {
                            fft: FFT[fft],
                            good,
                            better,
                            status,
                        }),
                        at,
                    })
                    .await?;
                added += 2;
            }
        }
    }
    Ok(added)
}

#[cfg(test)]
mod tests {
    use super::*;
    use app::domain::time::uk_month_end;

    fn day(year: i32, month: u32) -> Day {
        Day::new(year, month, 1).unwrap()
    }

    #[test]
    fn months_ago_counts_whole_calendar_months_back_and_forward_to_the_first() {
        // 15 January 2026, noon: the year turns going back and going forward.
        let mid_january = uk_month_end(2025, 12) + 14 * 86_400_000 + 12 * 3_600_000;
        assert_eq!(day_months_ago(mid_january, 0), day(2026, 1));
        assert_eq!(day_months_ago(mid_january, 1), day(2025, 12));
        assert_eq!(day_months_ago(mid_january, 5), day(2025, 8));
        assert_eq!(day_months_ago(mid_january, 12), day(2025, 1));
        assert_eq!(day_months_ago(mid_january, 13), day(2024, 12));
        assert_eq!(day_months_ago(mid_january, -3), day(2026, 4));
        assert_eq!(day_months_ago(mid_january, -11), day(2026, 12));
        assert_eq!(day_months_ago(mid_january, -12), day(2027, 1));
    }

    #[test]
    fn months_ago_starts_from_the_uk_date() {
        // Half past midnight on 1 April 2026 in Manchester (British Summer Time) is still
        // 31 March in UTC: the campaign's months are the UK's.
        let april = uk_month_end(2026, 3) + 30 * 60_000;
        assert_eq!(day_months_ago(april, 0), day(2026, 4));
        assert_eq!(day_months_ago(april, 5), day(2025, 11));
    }
}
