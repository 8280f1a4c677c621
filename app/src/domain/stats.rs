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
}
