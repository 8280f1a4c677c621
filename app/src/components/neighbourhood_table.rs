//! The city's neighbourhoods, grouped by locality, with their teams and wards.

use crate::domain::place::{Locality, Neighbourhood};
use leptos::prelude::*;

#[component]
pub fn NeighbourhoodTable(neighbourhoods: Vec<Neighbourhood>) -> impl IntoView {
    Locality::ALL
        .into_iter()
        .map(|locality| {
            let rows: Vec<Neighbourhood> = neighbourhoods
                .iter()
                .filter(|n| n.locality == locality)
                .cloned()
                .collect();
            view! {
                <table class="nhsuk-table">
                    <caption class="nhsuk-table__caption">{locality.label()}</caption>
                    <thead class="nhsuk-table__head">
                        <tr class="nhsuk-table__row">
                            <th class="nhsuk-table__header" scope="col">"Neighbourhood"</th>
                            <th class="nhsuk-table__header" scope="col">"Team"</th>
                            <th class="nhsuk-table__header" scope="col">"Wards"</th>
                        </tr>
                    </thead>
                    <tbody class="nhsuk-table__body">
                        {rows
                            .into_iter()
                            .map(|n| {
                                let wards = n
                                    .wards
                                    .iter()
                                    .map(|w| w.name.as_str())
                                    .collect::<Vec<_>>()
                                    .join(", ");
                                view! {
                                    <tr class="nhsuk-table__row">
                                        <th class="nhsuk-table__header" scope="row">{n.name}</th>
                                        <td class="nhsuk-table__cell">{n.team.map(|t| t.name).unwrap_or_default()}</td>
                                        <td class="nhsuk-table__cell">{wards}</td>
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                </table>
            }
        })
        .collect_view()
}
