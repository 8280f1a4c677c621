//! What changed between two versions of someone's words, line by line: removed lines struck
//! through and added ones marked, each also said in words for screen readers.

use crate::domain::about_me::DiffLine;
use leptos::prelude::*;

#[component]
pub fn Diff(lines: Vec<DiffLine>) -> impl IntoView {
    view! {
        <div class="app-diff">
            {lines
                .into_iter()
                .map(|line| match line {
                    DiffLine::Same(text) => view! { <p class="app-diff__same">{text}</p> }.into_any(),
                    DiffLine::Removed(text) => view! {
                        <p class="app-diff__removed">
                            <del>
                                <span class="nhsuk-u-visually-hidden">"Removed: "</span>
                                {text}
                            </del>
                        </p>
                    }
                    .into_any(),
                    DiffLine::Added(text) => view! {
                        <p class="app-diff__added">
                            <ins>
                                <span class="nhsuk-u-visually-hidden">"Added: "</span>
                                {text}
                            </ins>
                        </p>
                    }
                    .into_any(),
                })
                .collect_view()}
        </div>
    }
}
