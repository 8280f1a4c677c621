//! The NHS.UK pagination component, numbered: previous, the page numbers (with gaps), next.

use crate::domain::paging::page_items;
use leptos::prelude::*;

/// Links to the pages of a list: page `page` of `pages`, each page's address from `href`.
/// Nothing for a single page.
#[component]
pub fn Pagination(page: usize, pages: usize, href: impl Fn(usize) -> String) -> impl IntoView {
    let items = page_items(page, pages);
    if items.is_empty() {
        return None;
    }
    let previous = (page > 1).then(|| href(page - 1));
    let next = (page < pages).then(|| href(page + 1));
    let items: Vec<_> = items
        .into_iter()
        .map(|item| item.map(|n| (n, href(n))))
        .collect();
    Some(view! {
        <nav class="nhsuk-pagination nhsuk-pagination--numbered" role="navigation" aria-label="Pagination">
            {previous.map(|href| view! {
                <a href=href class="nhsuk-pagination__previous" rel="prev">
                    <svg class="nhsuk-icon nhsuk-icon--arrow-left" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" width="16" height="16" focusable="false" aria-hidden="true">
                        <path d="M10.7 6.3c.4.4.4 1 0 1.4L7.4 11H19a1 1 0 0 1 0 2H7.4l3.3 3.3c.4.4.4 1 0 1.4a1 1 0 0 1-1.4 0l-5-5A1 1 0 0 1 4 12c0-.3.1-.5.3-.7l5-5a1 1 0 0 1 1.4 0Z"></path>
                    </svg>
                    <span class="nhsuk-pagination__title">
                        "Previous"<span class="nhsuk-u-visually-hidden">" page"</span>
                    </span>
                </a>
            })}
            <ul class="nhsuk-pagination__list">
                {items
                    .into_iter()
                    .map(|item| match item {
                        Some((n, href)) => {
                            let current = n == page;
                            view! {
                                <li class=if current { "nhsuk-pagination__item nhsuk-pagination__item--current" } else { "nhsuk-pagination__item" }>
                                    <a
                                        class="nhsuk-pagination__link"
                                        href=href
                                        aria-label=format!("Page {n}")
                                        aria-current=current.then_some("page")
                                    >
                                        {n}
                                    </a>
                                </li>
                            }
                            .into_any()
                        }
                        None => view! {
                            <li class="nhsuk-pagination__item nhsuk-pagination__item--ellipsis">"⋯"</li>
                        }
                        .into_any(),
                    })
                    .collect_view()}
            </ul>
            {next.map(|href| view! {
                <a href=href class="nhsuk-pagination__next" rel="next">
                    <span class="nhsuk-pagination__title">
                        "Next"<span class="nhsuk-u-visually-hidden">" page"</span>
                    </span>
                    <svg class="nhsuk-icon nhsuk-icon--arrow-right" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" width="16" height="16" focusable="false" aria-hidden="true">
                        <path d="m14.7 6.3 5 5c.2.2.3.4.3.7 0 .3-.1.5-.3.7l-5 5a1 1 0 0 1-1.4-1.4l3.3-3.3H5a1 1 0 0 1 0-2h11.6l-3.3-3.3a1 1 0 1 1 1.4-1.4Z"></path>
                    </svg>
                </a>
            })}
        </nav>
    })
}
