//! Numbered pages, as the NHS.UK pagination component shows them.

/// The page links to show for page `page` of `pages` (both from 1): every page when there
/// are few, otherwise the first, the last and the pages either side of this one, with `None`
/// for a gap (an ellipsis) between them. Empty for a single page, which needs no links.
pub fn page_items(page: usize, pages: usize) -> Vec<Option<usize>> {
    if pages <= 1 {
        return Vec::new();
    }
    let page = page.clamp(1, pages);
    let mut items = Vec::new();
    let mut last_shown = 0;
    for n in 1..=pages {
        let near = n.abs_diff(page) <= 1;
        if pages <= 7 || n == 1 || n == pages || near {
            if n > last_shown + 1 {
                items.push(None);
            }
            items.push(Some(n));
            last_shown = n;
        }
    }
    items
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn few_pages_are_all_shown_and_many_with_gaps_around_this_one() {
        assert!(page_items(1, 1).is_empty());
        assert!(page_items(1, 0).is_empty());
        assert_eq!(page_items(2, 3), [Some(1), Some(2), Some(3)]);
        assert_eq!(page_items(4, 7).len(), 7);
        assert_eq!(
            page_items(1, 10),
            [Some(1), Some(2), None, Some(10)],
            "the first page"
        );
        assert_eq!(
            page_items(5, 10),
            [Some(1), None, Some(4), Some(5), Some(6), None, Some(10)]
        );
        assert_eq!(
            page_items(3, 10),
            [Some(1), Some(2), Some(3), Some(4), None, Some(10)],
            "no gap where no page is left out"
        );
        assert_eq!(page_items(10, 10), [Some(1), None, Some(9), Some(10)]);
        assert_eq!(
            page_items(99, 10),
            page_items(10, 10),
            "past the last: the last"
        );
    }
}
