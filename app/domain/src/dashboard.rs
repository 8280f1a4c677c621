//! The engagement dashboards: the Friends and Family Test by neighbourhood and UK month (as NHS
//! England publishes it: "% positive" is Very good and Good over all answers, Don't know
//! included; "% negative" is Poor and Very poor over all answers), person-statement tags, and
//! how each campaign question was answered. Every count passes through `stats` suppression.

use super::feedback::Fft;
use super::stats::{Shown, Table, percent, suppress, suppress_table};
use super::time::month_label;
use serde::{Deserialize, Serialize};

/// The most months one dashboard shows.
pub const MAX_MONTHS: usize = 24;

/// A UK month as `yyyymm`.
pub fn month_key(year: i64, month: u32) -> i64 {
    year * 100 + i64::from(month)
}

/// `yyyy-mm` (the filters' form) to `yyyymm`.
pub fn parse_month(text: &str) -> Option<i64> {
    let (year, month) = text.trim().split_once('-')?;
    let (year, month) = (year.parse::<i64>().ok()?, month.parse::<u32>().ok()?);
    ((2000..=2200).contains(&year) && (1..=12).contains(&month)).then(|| month_key(year, month))
}

/// `yyyymm` to `yyyy-mm`.
pub fn month_code(key: i64) -> String {
    format!("{:04}-{:02}", key / 100, key % 100)
}

/// "November 2026".
pub fn month_name(key: i64) -> String {
    month_label(key / 100, (key % 100) as u32)
}

/// The months from `from` to `to`, both included (`yyyymm`).
pub fn months_between(from: i64, to: i64) -> Vec<i64> {
    let mut months = Vec::new();
    let mut m = from;
    while m <= to && months.len() < MAX_MONTHS {
        months.push(m);
        m = if m % 100 >= 12 {
            (m / 100 + 1) * 100 + 1
        } else {
            m + 1
        };
    }
    months
}

/// The `n` months ending with `last`.
pub fn last_months(last: i64, n: usize) -> (i64, i64) {
    let mut first = last;
    for _ in 1..n {
        first = if first % 100 <= 1 {
            (first / 100 - 1) * 100 + 12
        } else {
            first - 1
        };
    }
    (first, last)
}

/// One figure of the FFT: how many answered, and the shares positive and negative, each `None`
/// where suppressed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FftFigure {
    pub answers: Option<i64>,
    pub positive: Option<i64>,
    pub negative: Option<i64>,
}

/// The FFT as a table: a row per neighbourhood, a column per month, with the totals.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FftTable {
    /// `yyyymm` of each column.
    pub months: Vec<i64>,
    /// Each row's name.
    pub rows: Vec<String>,
    pub cells: Vec<Vec<FftFigure>>,
    /// Each neighbourhood over all the months.
    pub row_totals: Vec<FftFigure>,
    /// Each month over all the neighbourhoods.
    pub month_totals: Vec<FftFigure>,
    pub total: FftFigure,
}

/// Counts of each answer for one cell.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct FftTally {
    pub answers: i64,
    pub positive: i64,
    pub negative: i64,
}

impl FftTally {
    pub fn add(&mut self, fft: Fft, count: i64) {
        self.answers += count;
        if fft.is_positive() {
            self.positive += count;
        }
        if fft.is_negative() {
            self.negative += count;
        }
    }

    fn plus(self, other: FftTally) -> FftTally {
        FftTally {
            answers: self.answers + other.answers,
            positive: self.positive + other.positive,
            negative: self.negative + other.negative,
        }
    }

    /// The figure, when its count may be shown.
    fn figure(self, shown: Option<i64>) -> FftFigure {
        match shown {
            Some(answers) => FftFigure {
                answers: Some(answers),
                positive: percent(self.positive, self.answers),
                negative: percent(self.negative, self.answers),
            },
            None => FftFigure::default(),
        }
    }
}

/// The FFT table from tallies (`tallies[row][month]`), suppressed as one table so no hidden
/// count can be worked out from the totals shown beside it.
pub fn fft_table(rows: Vec<String>, months: Vec<i64>, tallies: &[Vec<FftTally>]) -> FftTable {
    let counts: Vec<Vec<i64>> = tallies
        .iter()
        .map(|row| row.iter().map(|t| t.answers).collect())
        .collect();
    let Table {
        cells,
        row_totals,
        column_totals,
        total,
    } = suppress_table(&counts);
    let sum =
        |items: &mut dyn Iterator<Item = FftTally>| items.fold(FftTally::default(), FftTally::plus);
    let row_sums: Vec<FftTally> = tallies
        .iter()
        .map(|row| sum(&mut row.iter().copied()))
        .collect();
    let month_sums: Vec<FftTally> = (0..months.len())
        .map(|j| sum(&mut tallies.iter().map(|row| row[j])))
        .collect();
    let all = sum(&mut row_sums.iter().copied());
    FftTable {
        cells: tallies
            .iter()
            .zip(&cells)
            .map(|(row, shown)| row.iter().zip(shown).map(|(t, s)| t.figure(*s)).collect())
            .collect(),
        row_totals: row_sums
            .iter()
            .zip(&row_totals)
            .map(|(t, s)| t.figure(*s))
            .collect(),
        month_totals: month_sums
            .iter()
            .zip(&column_totals)
            .map(|(t, s)| t.figure(*s))
            .collect(),
        total: all.figure(total),
        rows,
        months,
    }
}

/// How one question was answered: each answer with its count (suppressed), and the total.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Distribution {
    pub campaign: String,
    pub question: String,
    /// Several choices: people may choose more than one, so the total counts choices.
    pub several: bool,
    pub labels: Vec<String>,
    pub shown: Shown,
}

impl Distribution {
    pub fn new(
        campaign: String,
        question: String,
        several: bool,
        values: Vec<(String, i64)>,
    ) -> Distribution {
        let counts: Vec<i64> = values.iter().map(|(_, c)| *c).collect();
        Distribution {
            campaign,
            question,
            several,
            labels: values.into_iter().map(|(l, _)| l).collect(),
            shown: suppress(&counts),
        }
    }
}

/// A count shown on its own (a statement tag): `None` from 1 to 4.
pub fn shown_alone(count: i64) -> Option<i64> {
    (count == 0 || count >= super::stats::SMALLEST_SHOWN).then_some(count)
}

/// The dashboard's filters as chosen (codes; empty for all).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DashboardFilter {
    pub neighbourhood: String,
    /// `yyyy-mm`.
    pub from: String,
    pub to: String,
    /// A campaign id, or empty for all feedback.
    pub campaign: String,
}

impl DashboardFilter {
    /// The query string for links (the CSV download keeps the filters).
    pub fn query(&self) -> String {
        form_urlencoded::Serializer::new(String::new())
            .append_pair("neighbourhood", &self.neighbourhood)
            .append_pair("from", &self.from)
            .append_pair("to", &self.to)
            .append_pair("campaign", &self.campaign)
            .finish()
    }
}

/// `/engagement/dashboard`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dashboard {
    pub filter: DashboardFilter,
    /// (code, name) of each neighbourhood, (id, title) of each campaign, and the months that
    /// can be chosen (`yyyy-mm`, label), newest first.
    pub neighbourhoods: Vec<(String, String)>,
    pub campaigns: Vec<(String, String)>,
    pub month_choices: Vec<(String, String)>,
    pub fft: FftTable,
    /// (statement, how many pieces of feedback were tagged with it).
    pub tags: Vec<(String, Option<i64>)>,
    pub distributions: Vec<Distribution>,
}

/// A CSV cell that a spreadsheet would run as a formula (it starts with `=`, `+`, `-`, `@`, a
/// tab or a carriage return) gets a leading apostrophe, so it is read as text (OWASP's advice
/// on CSV injection).
pub fn neutralise(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        std::borrow::Cow::Owned(format!("'{cell}"))
    } else {
        std::borrow::Cow::Borrowed(cell)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tally(answers: i64, positive: i64, negative: i64) -> FftTally {
        FftTally {
            answers,
            positive,
            negative,
        }
    }

    #[test]
    fn months_are_read_and_counted_across_a_new_year() {
        assert_eq!(parse_month("2026-03"), Some(202_603));
        assert_eq!(parse_month("2026-13"), None);
        assert_eq!(parse_month("26-1"), None);
        assert_eq!(parse_month("march"), None);
        assert_eq!(month_code(202_603), "2026-03");
        assert_eq!(months_between(202_611, 202_602), Vec::<i64>::new());
        assert_eq!(
            months_between(202_611, 202_702),
            vec![202_611, 202_612, 202_701, 202_702]
        );
        assert_eq!(last_months(202_702, 4), (202_611, 202_702));
        assert_eq!(last_months(202_612, 12), (202_601, 202_612));
        assert_eq!(month_name(202_612), "December 2026");
    }

    #[test]
    fn fft_figures_are_shares_of_all_answers_and_small_cells_are_hidden() {
        let table = fft_table(
            vec!["Chorlton".into(), "Gorton".into(), "Levenshulme".into()],
            vec![202_610, 202_611],
            &[
                vec![tally(10, 7, 2), tally(20, 15, 1)],
                vec![tally(3, 3, 0), tally(8, 2, 5)],
                vec![tally(6, 3, 1), tally(12, 6, 3)],
            ],
        );
        // 7 of 10 positive, 2 of 10 negative: Don't know and Neither count in the whole.
        assert_eq!(
            table.cells[0][0],
            FftFigure {
                answers: Some(10),
                positive: Some(70),
                negative: Some(20)
            }
        );
        // 3 answers: suppressed, and so is a count in each of its lines with it.
        assert_eq!(table.cells[1][0], FftFigure::default());
        let hidden_in_row = table.cells[1]
            .iter()
            .filter(|f| f.answers.is_none())
            .count()
            + usize::from(table.row_totals[1].answers.is_none());
        assert!(hidden_in_row >= 2);
        let hidden_in_month = table
            .cells
            .iter()
            .filter(|r| r[0].answers.is_none())
            .count()
            + usize::from(table.month_totals[0].answers.is_none());
        assert!(hidden_in_month >= 2);
        assert_eq!(table.total.answers, Some(59));
        assert_eq!(table.total.positive, Some(61));
        assert_eq!(table.row_totals[0].answers, Some(30));
    }

    #[test]
    fn formulas_are_neutralised_and_other_text_is_not() {
        for cell in ["=1+1", "+44", "-2", "@SUM(A1)", "\tx", "\rx"] {
            assert!(neutralise(cell).starts_with('\''), "{cell}");
        }
        assert_eq!(neutralise("Chorlton"), "Chorlton");
        assert_eq!(neutralise("1 = 1"), "1 = 1");
    }

    #[test]
    fn a_tally_counts_every_answer_and_the_two_groups() {
        // Rule: every answer counts in the whole; Very good and Good are positive, Poor and
        // Very poor negative; Neither and Don't know are neither.
        let mut t = FftTally::default();
        t.add(Fft::VeryGood, 2);
        t.add(Fft::Good, 1);
        t.add(Fft::Neither, 4);
        t.add(Fft::Poor, 3);
        t.add(Fft::VeryPoor, 1);
        t.add(Fft::DontKnow, 5);
        assert_eq!(t, tally(16, 3, 4));
        let mut u = tally(1, 1, 0);
        u.add(Fft::Good, 2);
        assert_eq!(u, tally(3, 3, 0));
    }

    #[test]
    fn the_negative_share_is_summed_over_the_whole_table() {
        // Rule: row, month and grand totals add up each part of the tally, negative included.
        let table = fft_table(
            vec!["Chorlton".into(), "Gorton".into()],
            vec![202_610, 202_611],
            &[
                vec![tally(10, 7, 2), tally(20, 15, 1)],
                vec![tally(6, 3, 1), tally(12, 6, 3)],
            ],
        );
        // 7 negative of 48.
        assert_eq!(
            table.total,
            FftFigure {
                answers: Some(48),
                positive: Some(65),
                negative: Some(15)
            }
        );
        assert_eq!(
            table.row_totals[1],
            FftFigure {
                answers: Some(18),
                positive: Some(50),
                negative: Some(22)
            }
        );
        assert_eq!(
            table.month_totals[0],
            FftFigure {
                answers: Some(16),
                positive: Some(63),
                negative: Some(19)
            }
        );
        assert_eq!(table.rows, vec!["Chorlton", "Gorton"]);
        assert_eq!(table.months, vec![202_610, 202_611]);
    }

    #[test]
    fn a_count_alone_is_hidden_from_one_to_four() {
        // Rule: a lone count (a statement tag) shows 0 and 5 or more.
        assert_eq!(shown_alone(0), Some(0));
        assert_eq!(shown_alone(1), None);
        assert_eq!(shown_alone(4), None);
        assert_eq!(shown_alone(5), Some(5));
        assert_eq!(shown_alone(12), Some(12));
    }

    #[test]
    fn a_dashboard_shows_at_most_twenty_four_months() {
        // Rule: however wide the range chosen, no more than MAX_MONTHS columns.
        let months = months_between(202_001, 203_012);
        assert_eq!(months.len(), MAX_MONTHS);
        assert_eq!(months[0], 202_001);
        assert_eq!(months[23], 202_112);
        assert_eq!(months_between(202_605, 202_605), vec![202_605]);
        assert_eq!(last_months(202_605, 1), (202_605, 202_605));
        assert_eq!(last_months(202_701, 2), (202_612, 202_701));
        assert_eq!(parse_month(" 2026-12 "), Some(202_612));
        assert_eq!(parse_month("1999-12"), None);
        assert_eq!(parse_month("2026-0"), None);
        assert_eq!(month_key(2026, 1), 202_601);
    }

    #[test]
    fn a_distribution_keeps_its_labels_and_suppresses_its_counts() {
        // Rule: each answer keeps its label in order; its counts pass through suppression.
        let d = Distribution::new(
            "Winter".into(),
            "How was it?".into(),
            false,
            vec![
                ("Phone".into(), 6),
                ("Letter".into(), 3),
                ("Email".into(), 11),
            ],
        );
        assert_eq!(d.labels, vec!["Phone", "Letter", "Email"]);
        assert_eq!(d.shown.total, Some(20));
        assert_eq!(d.shown.cells, vec![None, None, Some(11)]);
    }

    #[test]
    fn the_filters_survive_the_download_link() {
        // Rule: every filter is carried, encoded, in the CSV link.
        let filter = DashboardFilter {
            neighbourhood: "chorlton".into(),
            from: "2026-01".into(),
            to: "2026-03".into(),
            campaign: "7 & 8".into(),
        };
        assert_eq!(
            filter.query(),
            "neighbourhood=chorlton&from=2026-01&to=2026-03&campaign=7+%26+8"
        );
    }
}
