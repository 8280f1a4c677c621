//! Counts shown about groups of residents: small numbers are never shown, so nobody can be
//! picked out of a table (the usual NHS rule for published figures: fewer than 5 is suppressed).

use serde::{Deserialize, Serialize};

/// Below this, a count is not shown.
pub const SMALLEST_SHOWN: i64 = 5;

/// A row of counts as it may be shown: each cell and the total, `None` where suppressed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Shown {
    pub total: Option<i64>,
    pub cells: Vec<Option<i64>>,
}

impl Shown {
    /// A cell's share of the total, as a whole percentage, when both are shown.
    pub fn percent(&self, cell: usize) -> Option<i64> {
        let total = self.total.filter(|t| *t > 0)?;
        let count = (*self.cells.get(cell)?)?;
        Some((count * 100 + total / 2) / total)
    }
}

/// Suppresses a row of counts. Under 5 in all: nothing is shown. Otherwise each cell from 1 to
/// 4 is hidden (0 is shown: it identifies nobody); and because the total is shown, a single
/// hidden cell could be worked out by subtraction, so the next smallest cell is hidden too.
pub fn suppress(counts: &[i64]) -> Shown {
    let total: i64 = counts.iter().sum();
    if total < SMALLEST_SHOWN {
        return Shown {
            total: None,
            cells: vec![None; counts.len()],
        };
    }
    let mut cells: Vec<Option<i64>> = counts
        .iter()
        .map(|c| (*c == 0 || *c >= SMALLEST_SHOWN).then_some(*c))
        .collect();
    if cells.iter().filter(|c| c.is_none()).count() == 1 {
        let next = counts
            .iter()
            .enumerate()
            .filter(|(i, c)| cells[*i].is_some() && **c > 0)
            .min_by_key(|(_, c)| **c)
            .map(|(i, _)| i);
        if let Some(i) = next {
            cells[i] = None;
        }
    }
    Shown {
        total: Some(total),
        cells,
    }
}

/// A table of counts as it may be shown, with its row and column totals and the grand total.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Table {
    pub cells: Vec<Vec<Option<i64>>>,
    pub row_totals: Vec<Option<i64>>,
    pub column_totals: Vec<Option<i64>>,
    pub total: Option<i64>,
}

/// Suppresses a table of counts shown with its totals (rows of equal length). Any count from 1
/// to 4, cell or total, is hidden. Then, because every row and column adds up to its total, a
/// line (a row or column, the totals included) with exactly one hidden count would give it
/// away by subtraction: the smallest other non-zero count in that line is hidden too, until no
/// line has a lone hidden count.
pub fn suppress_table(counts: &[Vec<i64>]) -> Table {
    let rows = counts.len();
    let columns = counts.first().map_or(0, Vec::len);
    // The table with its totals: row `rows` holds the column totals, column `columns` the row
    // totals, and the corner the grand total.
    let mut full = vec![vec![0_i64; columns + 1]; rows + 1];
    for (i, row) in counts.iter().enumerate() {
        for (j, count) in row.iter().take(columns).enumerate() {
            full[i][j] = *count;
            full[i][columns] += count;
            full[rows][j] += count;
            full[rows][columns] += count;
        }
    }
    let mut hidden: Vec<Vec<bool>> = full
        .iter()
        .map(|row| {
            row.iter()
                .map(|c| (1..SMALLEST_SHOWN).contains(c))
                .collect()
        })
        .collect();
    // Each line as the places in it.
    let mut lines: Vec<Vec<(usize, usize)>> = (0..=rows)
        .map(|i| (0..=columns).map(|j| (i, j)).collect())
        .collect();
    lines.extend((0..=columns).map(|j| (0..=rows).map(|i| (i, j)).collect()));
    loop {
        let mut changed = false;
        for line in &lines {
            let lone = line
                .iter()
                // Only counts of 1 or more are ever hidden.
                .filter(|(i, j)| hidden[*i][*j])
                .count()
                == 1;
            if !lone {
                continue;
            }
            let next = line
                .iter()
                .filter(|(i, j)| !hidden[*i][*j] && full[*i][*j] > 0)
                .min_by_key(|(i, j)| full[*i][*j]);
            if let Some((i, j)) = next {
                hidden[*i][*j] = true;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    let shown = |i: usize, j: usize| (!hidden[i][j]).then_some(full[i][j]);
    Table {
        cells: (0..rows)
            .map(|i| (0..columns).map(|j| shown(i, j)).collect())
            .collect(),
        row_totals: (0..rows).map(|i| shown(i, columns)).collect(),
        column_totals: (0..columns).map(|j| shown(rows, j)).collect(),
        total: shown(rows, columns),
    }
}

/// A share as a whole percentage, half up.
pub fn percent(part: i64, whole: i64) -> Option<i64> {
    (whole > 0).then(|| (part * 100 + whole / 2) / whole)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fewer_than_five_in_all_shows_nothing() {
        let shown = suppress(&[1, 2, 1, 0, 0]);
        assert_eq!(shown.total, None);
        assert!(shown.cells.iter().all(Option::is_none));
    }

    #[test]
    fn five_or_more_in_every_cell_shows_everything() {
        let shown = suppress(&[5, 0, 12]);
        assert_eq!(shown.total, Some(17));
        assert_eq!(shown.cells, vec![Some(5), Some(0), Some(12)]);
        assert_eq!(shown.percent(2), Some(71));
        assert_eq!(shown.percent(1), Some(0));
    }

    #[test]
    fn a_single_small_cell_takes_the_next_smallest_with_it() {
        // 3 alone hidden would be 20 - 6 - 11 = 3: the 6 is hidden too.
        let shown = suppress(&[6, 3, 11, 0]);
        assert_eq!(shown.total, Some(20));
        assert_eq!(shown.cells, vec![None, None, Some(11), Some(0)]);
        assert_eq!(shown.percent(0), None);
    }

    #[test]
    fn two_small_cells_hide_each_other() {
        let shown = suppress(&[4, 2, 9]);
        assert_eq!(shown.cells, vec![None, None, Some(9)]);
    }

    /// Every line of a shown table: no line may have exactly one hidden non-zero count.
    fn no_lone_hidden(counts: &[Vec<i64>], table: &Table) {
        let rows = counts.len();
        let columns = counts[0].len();
        let value = |i: usize, j: usize| -> (i64, bool) {
            let sum_row = |i: usize| counts[i].iter().sum::<i64>();
            match (i == rows, j == columns) {
                (false, false) => (counts[i][j], table.cells[i][j].is_none()),
                (false, true) => (sum_row(i), table.row_totals[i].is_none()),
                (true, false) => (
                    counts.iter().map(|r| r[j]).sum(),
                    table.column_totals[j].is_none(),
                ),
                (true, true) => ((0..rows).map(sum_row).sum(), table.total.is_none()),
            }
        };
        for i in 0..=rows {
            let lone = (0..=columns)
                .filter(|j| {
                    let (v, h) = value(i, *j);
                    h && v > 0
                })
                .count();
            assert_ne!(lone, 1, "row {i} gives a hidden count away");
        }
        for j in 0..=columns {
            let lone = (0..=rows)
                .filter(|i| {
                    let (v, h) = value(*i, j);
                    h && v > 0
                })
                .count();
            assert_ne!(lone, 1, "column {j} gives a hidden count away");
        }
    }

    #[test]
    fn a_table_hides_small_counts_and_what_would_give_them_away() {
        let counts = vec![vec![10, 3, 8], vec![7, 9, 12], vec![6, 6, 20]];
        let table = suppress_table(&counts);
        // 3 is hidden; its row loses its next smallest (8), and the lines those touch are
        // balanced in turn.
        assert_eq!(table.cells[0][1], None);
        assert_eq!(table.cells[0][2], None);
        assert_eq!(table.cells[0][0], Some(10));
        assert_eq!(table.total, Some(81));
        no_lone_hidden(&counts, &table);
        let values: Vec<i64> = table.cells.iter().flatten().flatten().copied().collect();
        assert!(!values.contains(&3));
    }

    #[test]
    fn small_totals_are_hidden_and_balanced() {
        let counts = vec![vec![2, 0], vec![0, 9], vec![5, 6]];
        let table = suppress_table(&counts);
        assert_eq!(table.cells[0][0], None);
        assert_eq!(table.row_totals[0], None);
        // The 2 as a row total would come out of the grand total less the other rows' totals,
        // so another row total goes, and with it a cell in that row.
        assert_eq!(table.total, Some(22));
        assert_eq!(table.row_totals.iter().filter(|t| t.is_none()).count(), 2);
        no_lone_hidden(&counts, &table);
        let empty = suppress_table(&[vec![0, 0]]);
        assert_eq!(empty.total, Some(0));
        let tiny = suppress_table(&[vec![1, 1]]);
        assert_eq!(tiny.total, None);
        assert_eq!(tiny.cells[0], vec![None, None]);
    }

    #[test]
    fn many_tables_never_give_a_count_away() {
        // A small deterministic sweep of tables with small numbers in them.
        let mut seed = 7_u64;
        for _ in 0..300 {
            let mut next = || {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                ((seed >> 33) % 14) as i64
            };
            let counts: Vec<Vec<i64>> = (0..4).map(|_| (0..5).map(|_| next()).collect()).collect();
            let table = suppress_table(&counts);
            no_lone_hidden(&counts, &table);
            for (i, row) in table.cells.iter().enumerate() {
                for (j, cell) in row.iter().enumerate() {
                    if let Some(v) = cell {
                        assert!(*v == 0 || *v >= SMALLEST_SHOWN);
                        assert_eq!(*v, counts[i][j]);
                    }
                }
            }
        }
    }

    #[test]
    fn exactly_five_in_all_is_shown() {
        // Rule: the total is suppressed below 5, not at 5.
        assert_eq!(
            suppress(&[5, 0]),
            Shown {
                total: Some(5),
                cells: vec![Some(5), Some(0)]
            }
        );
        assert_eq!(
            suppress(&[4, 0]),
            Shown {
                total: None,
                cells: vec![None, None]
            }
        );
        // Five in all from small cells: the total is shown, the cells are not.
        assert_eq!(
            suppress(&[3, 2]),
            Shown {
                total: Some(5),
                cells: vec![None, None]
            }
        );
    }

    #[test]
    fn percentages_round_half_up_and_never_divide_by_zero() {
        // Rule: a share is (part × 100 + whole / 2) / whole; nothing of nothing has no share.
        assert_eq!(percent(1, 8), Some(13));
        assert_eq!(percent(1, 3), Some(33));
        assert_eq!(percent(2, 3), Some(67));
        assert_eq!(percent(3, 3), Some(100));
        assert_eq!(percent(0, 7), Some(0));
        assert_eq!(percent(0, 0), None);
        let shown = Shown {
            total: Some(8),
            cells: vec![Some(1), None],
        };
        assert_eq!(shown.percent(0), Some(13));
        assert_eq!(shown.percent(1), None);
        assert_eq!(shown.percent(2), None);
        let nothing = Shown {
            total: Some(0),
            cells: vec![Some(0)],
        };
        assert_eq!(nothing.percent(0), None);
    }

    #[test]
    fn a_table_is_suppressed_exactly_as_worked_by_hand() {
        // Rule: the whole result of balancing, pinned (worked out with the same steps in
        // Python): small counts and what would give them away are hidden, zeros stay shown,
        // and every other count is shown.
        let table = suppress_table(&[vec![10, 3, 8], vec![7, 9, 12], vec![6, 6, 20]]);
        assert_eq!(
            table,
            Table {
                cells: vec![
                    vec![Some(10), None, None],
                    vec![None, Some(9), None],
                    vec![None, None, Some(20)],
                ],
                row_totals: vec![Some(21), Some(28), Some(32)],
                column_totals: vec![Some(23), Some(18), Some(40)],
                total: Some(81),
            }
        );
        let table = suppress_table(&[vec![2, 0], vec![0, 9], vec![5, 6]]);
        assert_eq!(
            table,
            Table {
                cells: vec![vec![None, Some(0)], vec![Some(0), None], vec![None, None],],
                row_totals: vec![None, None, Some(11)],
                column_totals: vec![Some(7), Some(15)],
                total: Some(22),
            }
        );
        // No rows: nothing to hide, and a grand total of 0.
        assert_eq!(
            suppress_table(&[]),
            Table {
                total: Some(0),
                ..Table::default()
            }
        );
    }
}
