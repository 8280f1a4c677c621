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
                <table class="hive-table">
                    <caption class="hive-table__caption">{locality.label()}</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Neighbourhood"</th>
                            <th scope="col">"Team"</th>
                            <th scope="col">"Wards"</th>
                        </tr>
                    </thead>
                    <tbody>
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
                                    <tr>
                                        <th scope="row">{n.name}</th>
                                        <td>{n.team.map(|t| t.name).unwrap_or_default()}</td>
                                        <td>{wards}</td>
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
