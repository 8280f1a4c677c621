//! A horizontal bar chart drawn on the server as SVG. Hand-built: it is a few rectangles and
//! labels, and the charting crates (plotters, charts-rs) would bring fonts and rasterisers for
//! what the browser draws itself. The chart is a picture of the table beside it (`aria-hidden`):
//! the table is what screen readers read, and a suppressed value has no bar.

use leptos::prelude::*;

/// One bar: its label and value (`None`: suppressed, drawn as a gap with "suppressed").
pub struct Bar {
    pub label: String,
    pub value: Option<i64>,
    /// `positive` or `negative` (the bar's colour), or empty for the default.
    pub tone: &'static str,
}

const WIDTH: i64 = 640;
const LABEL_WIDTH: i64 = 250;
const ROW: i64 = 26;

/// Bars scaled to `max` (100 for percentages); `unit` follows each value ("%" or "").
pub fn bar_chart(bars: Vec<Bar>, max: i64, unit: &'static str) -> impl IntoView {
    let max = max.max(1);
    let height = ROW * bars.len() as i64 + 8;
    let room = WIDTH - LABEL_WIDTH - 90;
    view! {
        <svg
            class="app-chart"
            aria-hidden="true"
            focusable="false"
            width=WIDTH.to_string()
            height=height.to_string()
            viewBox=format!("0 0 {WIDTH} {height}")
        >
            {bars
                .into_iter()
                .enumerate()
                .map(|(i, bar)| {
                    let y = ROW * i as i64 + 4;
                    let length = bar.value.map_or(0, |v| (v.clamp(0, max) * room) / max);
                    let class = match bar.tone {
                        "negative" => "app-chart__bar--negative",
                        _ => "app-chart__bar--positive",
                    };
                    let value = bar
                        .value
                        .map_or_else(|| "suppressed".to_string(), |v| format!("{v}{unit}"));
                    let mut label = bar.label;
                    if label.chars().count() > 34 {
                        label = label.chars().take(33).collect::<String>() + "…";
                    }
                    view! {
                        <text class="app-chart__label" x="0" y=(y + 16).to_string()>{label}</text>
                        <rect
                            class=class
                            x=LABEL_WIDTH.to_string()
                            y=(y + 3).to_string()
                            width=length.to_string()
                            height=(ROW - 8).to_string()
                        />
                        <text class="app-chart__label" x=(LABEL_WIDTH + length + 6).to_string() y=(y + 16).to_string()>
                            {value}
                        </text>
                    }
                })
                .collect_view()}
        </svg>
    }
}
