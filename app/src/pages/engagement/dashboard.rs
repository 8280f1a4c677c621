//! `/engagement/dashboard`: the Friends and Family Test by neighbourhood and month, the person
//! statements feedback is about, and campaign answers; charts with their tables, filters and a
//! CSV download. Small numbers are suppressed (`domain::stats`).

use crate::api::campaigns::load_dashboard;
use crate::components::chart::{Bar, bar_chart};
use crate::components::screen::screen;
use crate::domain::dashboard::{Dashboard, Distribution, FftFigure, month_name};
use crate::domain::form::Screen;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn DashboardPage() -> impl IntoView {
    let query = use_query_map().get_untracked();
    let (n, f, t, c) = (
        query.get("neighbourhood"),
        query.get("from"),
        query.get("to"),
        query.get("campaign"),
    );
    screen(
        move || load_dashboard(n.clone(), f.clone(), t.clone(), c.clone()),
        |screen| view! { <DashboardView screen /> },
    )
}

const SUPPRESSED: &str = "suppressed";

fn cell(value: Option<i64>, unit: &str) -> String {
    value.map_or_else(|| SUPPRESSED.to_string(), |v| format!("{v}{unit}"))
}

fn select(
    id: &'static str,
    label: &'static str,
    all: Option<&'static str>,
    options: Vec<(String, String)>,
    chosen: String,
) -> impl IntoView {
    view! {
        <div class="nhsuk-form-group">
            <label class="nhsuk-label" for=id>{label}</label>
            <select class="nhsuk-select" id=id name=id>
                {all.map(|all| view! { <option value="" selected=chosen.is_empty()>{all}</option> })}
                {options
                    .into_iter()
                    .map(|(code, name)| {
                        let selected = code == chosen;
                        view! { <option value=code selected=selected>{name}</option> }
                    })
                    .collect_view()}
            </select>
        </div>
    }
}

fn fft_cells(f: &FftFigure) -> impl IntoView + use<> {
    view! {
        <td class="nhsuk-table__cell nhsuk-table__cell--numeric">{cell(f.answers, "")}</td>
        <td class="nhsuk-table__cell nhsuk-table__cell--numeric">{cell(f.positive, "%")}</td>
        <td class="nhsuk-table__cell nhsuk-table__cell--numeric">{cell(f.negative, "%")}</td>
    }
}

fn fft_head(first: &'static str) -> impl IntoView {
    view! {
        <thead class="nhsuk-table__head">
            <tr class="nhsuk-table__row">
                <th scope="col" class="nhsuk-table__header">{first}</th>
                <th scope="col" class="nhsuk-table__header nhsuk-table__header--numeric">"Answers"</th>
                <th scope="col" class="nhsuk-table__header nhsuk-table__header--numeric">"% positive"</th>
                <th scope="col" class="nhsuk-table__header nhsuk-table__header--numeric">"% negative"</th>
            </tr>
        </thead>
    }
}

#[component]
fn DashboardView(screen: Screen<Dashboard>) -> impl IntoView {
    let d = screen.data;
    let csv = format!("/engagement/dashboard.csv?{}", d.filter.query());
    let fft = d.fft;
    let period = format!(
        "{} to {}",
        month_name(fft.months.first().copied().unwrap_or_default()),
        month_name(fft.months.last().copied().unwrap_or_default())
    );
    let month_bars: Vec<Bar> = fft
        .months
        .iter()
        .zip(&fft.month_totals)
        .flat_map(|(m, f)| {
            [
                Bar {
                    label: format!("{} positive", month_name(*m)),
                    value: f.positive,
                    tone: "positive",
                },
                Bar {
                    label: format!("{} negative", month_name(*m)),
                    value: f.negative,
                    tone: "negative",
                },
            ]
        })
        .collect();
    let neighbourhood_bars: Vec<Bar> = fft
        .rows
        .iter()
        .zip(&fft.row_totals)
        .map(|(name, f)| Bar {
            label: name.clone(),
            value: f.positive,
            tone: "positive",
        })
        .collect();
    let total = fft.total.clone();
    let headline = match (total.answers, total.positive, total.negative) {
        (Some(n), Some(p), Some(neg)) => {
            format!("{n} answers to the Friends and Family Test: {p}% positive, {neg}% negative.")
        }
        _ => {
            "Fewer than 5 answers to the Friends and Family Test match: the figures are suppressed."
                .into()
        }
    };
    let tag_max = d.tags.iter().filter_map(|(_, c)| *c).max().unwrap_or(1);
    let tag_bars: Vec<Bar> = d
        .tags
        .iter()
        .map(|(s, c)| Bar {
            label: s.clone(),
            value: *c,
            tone: "positive",
        })
        .collect();
    view! {
        <Title text="Dashboard" />
        <h1>"Feedback dashboard"</h1>
        <form method="get" action="/engagement/dashboard" class="nhsuk-u-margin-bottom-5">
            {select("neighbourhood", "Neighbourhood", Some("All neighbourhoods"), d.neighbourhoods.clone(), d.filter.neighbourhood.clone())}
            {select("from", "From", None, d.month_choices.clone(), d.filter.from.clone())}
            {select("to", "To", None, d.month_choices.clone(), d.filter.to.clone())}
            {select("campaign", "Campaign", Some("All feedback"), d.campaigns.clone(), d.filter.campaign.clone())}
            <button type="submit" class="nhsuk-button nhsuk-button--secondary">"Show"</button>
        </form>
        <p>
            <a href=csv download="">"Download these figures (CSV)"</a>
        </p>
        <div class="nhsuk-inset-text">
            <p>
                "% positive is the share answering Very good or Good, and % negative the share answering Poor or Very poor, of all answers including Don't know: the way NHS England has published the Friends and Family Test since its 2014 review. Months are UK calendar months. A figure built from fewer than 5 answers is shown as “suppressed”, and so is another beside it where the total would give it away."
            </p>
        </div>
        <h2>"Friends and Family Test"</h2>
        <p class="nhsuk-body-l">{headline}</p>
        <h3>{format!("By month, {period}")}</h3>
        {bar_chart(month_bars, 100, "%")}
        <div class="app-table-scroll" tabindex="0" role="region" aria-label="Friends and Family Test by month (scrolls sideways)">
            <table class="nhsuk-table">
                <caption class="nhsuk-table__caption nhsuk-table__caption--s">"Friends and Family Test by month"</caption>
                {fft_head("Month")}
                <tbody class="nhsuk-table__body">
                    {fft.months.iter().zip(&fft.month_totals).map(|(m, f)| view! {
                        <tr class="nhsuk-table__row">
                            <th scope="row" class="nhsuk-table__header">{month_name(*m)}</th>
                            {fft_cells(f)}
                        </tr>
                    }).collect_view()}
                    <tr class="nhsuk-table__row">
                        <th scope="row" class="nhsuk-table__header">"All months"</th>
                        {fft_cells(&total)}
                    </tr>
                </tbody>
            </table>
        </div>
        <h3>"By neighbourhood"</h3>
        {bar_chart(neighbourhood_bars, 100, "%")}
        <div class="app-table-scroll" tabindex="0" role="region" aria-label="Friends and Family Test by neighbourhood (scrolls sideways)">
            <table class="nhsuk-table">
                <caption class="nhsuk-table__caption nhsuk-table__caption--s">"Friends and Family Test by neighbourhood"</caption>
                {fft_head("Neighbourhood")}
                <tbody class="nhsuk-table__body">
                    {fft.rows.iter().zip(&fft.row_totals).map(|(name, f)| view! {
                        <tr class="nhsuk-table__row">
                            <th scope="row" class="nhsuk-table__header">{name.clone()}</th>
                            {fft_cells(f)}
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
        <h3>"By neighbourhood and month (% positive, with the number of answers)"</h3>
        <div class="app-table-scroll" tabindex="0" role="region" aria-label="% positive by neighbourhood and month (scrolls sideways)">
            <table class="nhsuk-table">
                <caption class="nhsuk-table__caption nhsuk-table__caption--s">"% positive by neighbourhood and month"</caption>
                <thead class="nhsuk-table__head">
                    <tr class="nhsuk-table__row">
                        <th scope="col" class="nhsuk-table__header">"Neighbourhood"</th>
                        {fft.months.iter().map(|m| view! { <th scope="col" class="nhsuk-table__header nhsuk-table__header--numeric">{month_name(*m)}</th> }).collect_view()}
                    </tr>
                </thead>
                <tbody class="nhsuk-table__body">
                    {fft.rows.iter().zip(&fft.cells).map(|(name, cells)| view! {
                        <tr class="nhsuk-table__row">
                            <th scope="row" class="nhsuk-table__header">{name.clone()}</th>
                            {cells.iter().map(|f| {
                                let text = match (f.positive, f.answers) {
                                    (Some(p), Some(n)) => format!("{p}% ({n})"),
                                    (_, Some(0)) => "0".to_string(),
                                    _ => SUPPRESSED.to_string(),
                                };
                                view! { <td class="nhsuk-table__cell nhsuk-table__cell--numeric">{text}</td> }
                            }).collect_view()}
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
        <h2>"Person statements feedback was about"</h2>
        <p>"How many pieces of feedback were tagged with each statement by the people who gave them."</p>
        {bar_chart(tag_bars, tag_max, "")}
        <table class="nhsuk-table">
            <caption class="nhsuk-table__caption nhsuk-table__caption--s">"Feedback tagged with each statement"</caption>
            <thead class="nhsuk-table__head">
                <tr class="nhsuk-table__row">
                    <th scope="col" class="nhsuk-table__header">"Statement"</th>
                    <th scope="col" class="nhsuk-table__header nhsuk-table__header--numeric">"Feedback"</th>
                </tr>
            </thead>
            <tbody class="nhsuk-table__body">
                {d.tags.iter().map(|(s, c)| view! {
                    <tr class="nhsuk-table__row">
                        <th scope="row" class="nhsuk-table__header">{s.clone()}</th>
                        <td class="nhsuk-table__cell nhsuk-table__cell--numeric">{cell(*c, "")}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
        <h2>"Campaign answers"</h2>
        {d.distributions.is_empty().then(|| view! { <p>"No campaign answers match."</p> })}
        {d.distributions.into_iter().map(distribution).collect_view()}
    }
}

fn distribution(d: Distribution) -> impl IntoView {
    let max = d.shown.cells.iter().flatten().copied().max().unwrap_or(1);
    let bars: Vec<Bar> = d
        .labels
        .iter()
        .zip(&d.shown.cells)
        .map(|(label, value)| Bar {
            label: label.clone(),
            value: *value,
            tone: "positive",
        })
        .collect();
    let total_label = if d.several {
        "All choices"
    } else {
        "All answers"
    };
    view! {
        <h3>{d.question.clone()}</h3>
        <p class="app-meta">{d.campaign.clone()}</p>
        {bar_chart(bars, max, "")}
        <table class="nhsuk-table">
            <caption class="nhsuk-table__caption nhsuk-table__caption--s">{format!("Answers: {}", d.question)}</caption>
            <thead class="nhsuk-table__head">
                <tr class="nhsuk-table__row">
                    <th scope="col" class="nhsuk-table__header">"Answer"</th>
                    <th scope="col" class="nhsuk-table__header nhsuk-table__header--numeric">"Count"</th>
                    <th scope="col" class="nhsuk-table__header nhsuk-table__header--numeric">"Share"</th>
                </tr>
            </thead>
            <tbody class="nhsuk-table__body">
                {d.labels.iter().enumerate().map(|(i, label)| view! {
                    <tr class="nhsuk-table__row">
                        <th scope="row" class="nhsuk-table__header">{label.clone()}</th>
                        <td class="nhsuk-table__cell nhsuk-table__cell--numeric">{cell(d.shown.cells[i], "")}</td>
                        <td class="nhsuk-table__cell nhsuk-table__cell--numeric">{cell(d.shown.percent(i), "%")}</td>
                    </tr>
                }).collect_view()}
                <tr class="nhsuk-table__row">
                    <th scope="row" class="nhsuk-table__header">{total_label}</th>
                    <td class="nhsuk-table__cell nhsuk-table__cell--numeric">{cell(d.shown.total, "")}</td>
                    <td class="nhsuk-table__cell nhsuk-table__cell--numeric"></td>
                </tr>
            </tbody>
        </table>
    }
}
