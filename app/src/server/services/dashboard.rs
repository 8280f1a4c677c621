//! `/engagement/dashboard`: the Friends and Family Test by neighbourhood and UK month, the
//! person statements feedback was tagged with, and how each campaign question was answered,
//! filtered by neighbourhood, months and campaign; and the same figures as CSV. Counts come
//! from three grouped queries; suppression is `domain::stats`.

use crate::domain::campaigns::QuestionKind;
use crate::domain::dashboard::{
    Dashboard, DashboardFilter, Distribution, FftTally, MAX_MONTHS, fft_table, last_months,
    month_code, month_key, month_name, months_between, parse_month, shown_alone,
};
use crate::domain::feedback::Fft;
use crate::domain::role::Area;
use crate::domain::statements::Truth;
use crate::error::AppError;
use crate::server::Actor;
use crate::server::store::{CountQuery, Store};

/// The filters as asked for, made sense of: unknown codes and impossible months fall back to
/// all neighbourhoods, all feedback and the last twelve months.
async fn resolve(
    store: &dyn Store,
    asked: &DashboardFilter,
) -> Result<(DashboardFilter, CountQuery, Dashboard), AppError> {
    let neighbourhoods = store.neighbourhoods().await?;
    let campaigns = store.campaigns().await?;
    let (year, month) = crate::domain::time::uk_month(crate::server::now_millis());
    let now = month_key(year, month);
    let (default_from, default_to) = last_months(now, 12);
    let to = parse_month(&asked.to).unwrap_or(default_to);
    let from = parse_month(&asked.from).unwrap_or(default_from);
    // Months asked the wrong way round are put in order.
    let (from, to) = (from.min(to), from.max(to));
    let (earliest, _) = last_months(to, MAX_MONTHS);
    let from = from.max(earliest);
    let neighbourhood = neighbourhoods
        .iter()
        .find(|n| n.code == asked.neighbourhood);
    let campaign = campaigns
        .iter()
        .find(|c| asked.campaign.trim().parse::<i64>().ok() == Some(c.id));
    let filter = DashboardFilter {
        neighbourhood: neighbourhood.map(|n| n.code.clone()).unwrap_or_default(),
        from: month_code(from),
        to: month_code(to),
        campaign: campaign.map(|c| c.id.to_string()).unwrap_or_default(),
    };
    let query = CountQuery {
        from_month: from,
        to_month: to,
        neighbourhood: neighbourhood.map(|n| n.id),
        campaign: campaign.map(|c| c.id),
    };
    let (first, _) = last_months(now, MAX_MONTHS);
    let month_choices: Vec<(String, String)> = months_between(first, now)
        .into_iter()
        .rev()
        .map(|m| (month_code(m), month_name(m)))
        .collect();
    let shell = Dashboard {
        filter: filter.clone(),
        neighbourhoods: neighbourhoods
            .iter()
            .map(|n| (n.code.clone(), n.name.clone()))
            .collect(),
        campaigns: campaigns
            .iter()
            .map(|c| (c.id.to_string(), c.title.clone()))
            .collect(),
        month_choices,
        ..Dashboard::default()
    };
    Ok((filter, query, shell))
}

/// The dashboard for engagement officers.
pub async fn dashboard(
    store: &dyn Store,
    actor: &Actor,
    asked: &DashboardFilter,
) -> Result<Dashboard, AppError> {
    actor.require_area(Area::Engagement)?;
    figures(store, asked).await
}

/// The figures, for whoever may see them (the contract tests call this directly).
pub async fn figures(store: &dyn Store, asked: &DashboardFilter) -> Result<Dashboard, AppError> {
    let (_, query, mut dashboard) = resolve(store, asked).await?;
    let all = store.neighbourhoods().await?;
    let months = months_between(query.from_month, query.to_month);
    // Rows: the chosen neighbourhood, or every one, then answers that gave none.
    let mut rows: Vec<(Option<crate::domain::ids::NeighbourhoodId>, String)> = all
        .iter()
        .filter(|n| query.neighbourhood.is_none_or(|id| id == n.id))
        .map(|n| (Some(n.id), n.name.clone()))
        .collect();
    let counts = store.fft_counts(&query).await?;
    if query.neighbourhood.is_none() && counts.iter().any(|c| c.neighbourhood.is_none()) {
        rows.push((None, "Neighbourhood not given".into()));
    }
    let mut tallies = vec![vec![FftTally::default(); months.len()]; rows.len()];
    for count in &counts {
        let (Some(i), Some(j), Some(fft)) = (
            rows.iter().position(|(id, _)| *id == count.neighbourhood),
            months.iter().position(|m| *m == count.month),
            Fft::parse(&count.fft),
        ) else {
            continue;
        };
        tallies[i][j].add(fft, count.count);
    }
    dashboard.fft = fft_table(rows.into_iter().map(|(_, n)| n).collect(), months, &tallies);

    let statements = store.person_statements().await?;
    let mut tagged = vec![0_i64; statements.len()];
    for (codes, count) in store.tag_counts(&query).await? {
        for code in codes.split_whitespace() {
            if let Some(i) = statements.iter().position(|s| s.code == code) {
                tagged[i] += count;
            }
        }
    }
    dashboard.tags = statements
        .iter()
        .zip(tagged)
        .map(|(s, count)| (s.text.clone(), shown_alone(count)))
        .collect();

    let answers = store.answer_counts(&query).await?;
    let mut campaign_ids: Vec<i64> = answers.iter().map(|a| a.campaign).collect();
    campaign_ids.sort_unstable();
    campaign_ids.dedup();
    let titles = store.campaigns().await?;
    for campaign in campaign_ids {
        let title = titles
            .iter()
            .find(|c| c.id == campaign)
            .map(|c| c.title.clone())
            .unwrap_or_default();
        for row in store.campaign_questions(campaign).await? {
            let q = super::campaigns::question(row, &statements);
            let count = |value: &str| {
                answers
                    .iter()
                    .find(|a| a.question == q.id && a.value == value)
                    .map_or(0, |a| a.count)
            };
            let values: Vec<(String, i64)> = match q.kind {
                QuestionKind::Rating => (1..=5)
                    .rev()
                    .map(|r| (r.to_string(), count(&r.to_string())))
                    .collect(),
                QuestionKind::Statement => Truth::ALL
                    .iter()
                    .map(|t| (t.label().to_string(), count(t.code())))
                    .collect(),
                QuestionKind::One | QuestionKind::Several => {
                    let mut values: Vec<(String, i64)> =
                        q.choices.iter().map(|c| (c.clone(), count(c))).collect();
                    if q.other {
                        values.push(("Other".into(), count("other")));
                    }
                    values
                }
                QuestionKind::Fft | QuestionKind::Text => continue,
            };
            dashboard.distributions.push(Distribution::new(
                title.clone(),
                q.prompt.clone(),
                q.kind == QuestionKind::Several,
                values,
            ));
        }
    }
    Ok(dashboard)
}

fn figure(value: Option<i64>) -> String {
    value.map_or_else(|| "suppressed".to_string(), |v| v.to_string())
}

/// The dashboard's figures as CSV, suppressed exactly as on the page.
pub async fn dashboard_csv(
    store: &dyn Store,
    actor: &Actor,
    asked: &DashboardFilter,
) -> Result<String, AppError> {
    let d = dashboard(store, actor, asked).await?;
    let mut rows: Vec<Vec<String>> = vec![vec![
        "Table".into(),
        "Neighbourhood or campaign".into(),
        "Month or question".into(),
        "Answer".into(),
        "Count".into(),
        "% positive".into(),
        "% negative".into(),
    ]];
    let fft_row = |rows: &mut Vec<Vec<String>>,
                   who: &str,
                   when: &str,
                   f: &crate::domain::dashboard::FftFigure| {
        rows.push(vec![
            "Friends and Family Test".into(),
            who.into(),
            when.into(),
            String::new(),
            figure(f.answers),
            figure(f.positive),
            figure(f.negative),
        ]);
    };
    let fft = &d.fft;
    for (i, name) in fft.rows.iter().enumerate() {
        for (j, month) in fft.months.iter().enumerate() {
            fft_row(&mut rows, name, &month_name(*month), &fft.cells[i][j]);
        }
        fft_row(&mut rows, name, "All months", &fft.row_totals[i]);
    }
    for (j, month) in fft.months.iter().enumerate() {
        fft_row(
            &mut rows,
            "All neighbourhoods",
            &month_name(*month),
            &fft.month_totals[j],
        );
    }
    fft_row(&mut rows, "All neighbourhoods", "All months", &fft.total);
    for (statement, count) in &d.tags {
        rows.push(vec![
            "Person statements feedback was tagged with".into(),
            String::new(),
            statement.clone(),
            String::new(),
            figure(*count),
            String::new(),
            String::new(),
        ]);
    }
    for dist in &d.distributions {
        for (label, count) in dist.labels.iter().zip(&dist.shown.cells) {
            rows.push(vec![
                "Campaign answers".into(),
                dist.campaign.clone(),
                dist.question.clone(),
                label.clone(),
                figure(*count),
                String::new(),
                String::new(),
            ]);
        }
        rows.push(vec![
            "Campaign answers".into(),
            dist.campaign.clone(),
            dist.question.clone(),
            if dist.several {
                "All choices"
            } else {
                "All answers"
            }
            .into(),
            figure(dist.shown.total),
            String::new(),
            String::new(),
        ]);
    }
    super::campaigns::csv(rows)
}
