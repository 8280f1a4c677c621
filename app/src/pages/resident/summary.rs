//! The one-page summary, printable on A4: communication needs first, then About Me as a
//! hospital-passport (red: must know; amber: important to me; green: likes and dislikes), then
//! current goals.

use crate::api::summary::load_summary;
use crate::components::screen::screen;
use crate::domain::about_me::{Passport, SectionNow};
use crate::domain::record::RecordSummary;
use crate::domain::time::uk_date;
use crate::pages::resident::needs::NeedsFlag;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn SummaryPage() -> impl IntoView {
    screen(load_summary, |summary| view! { <Summary summary /> })
}

#[component]
fn Passport(kind: Passport, title: &'static str, sections: Vec<SectionNow>) -> impl IntoView {
    let class = match kind {
        Passport::MustKnow => "app-passport app-passport--red",
        Passport::ImportantToMe => "app-passport app-passport--amber",
        Passport::LikesAndDislikes => "app-passport app-passport--green",
    };
    // A section a carer wrote says so (the record is the resident's, written for them).
    let written: Vec<(String, String, Option<String>)> = sections
        .into_iter()
        .filter(|s| s.section.passport() == kind)
        .filter_map(|s| {
            s.latest.filter(|v| !v.text.is_empty()).map(|v| {
                let by =
                    (v.author != v.acting_for).then(|| format!("Written by {}", v.author_name));
                (s.section.title().to_string(), v.text, by)
            })
        })
        .collect();
    let empty = written.is_empty();
    view! {
        <section class=class>
            <h3 class="nhsuk-heading-s">{title}</h3>
            {empty.then(|| view! { <p class="app-meta">"Nothing written yet."</p> })}
            {written
                .into_iter()
                .map(|(heading, text, by)| {
                    view! {
                        <h4 class="app-passport__heading nhsuk-heading-xs">{heading}</h4>
                        <p class="app-own-words">{text}</p>
                        {by.map(|by| view! { <p class="app-meta">{by}</p> })}
                    }
                })
                .collect_view()}
        </section>
    }
}

#[component]
fn Summary(summary: RecordSummary) -> impl IntoView {
    let RecordSummary {
        name,
        needs,
        needs_written_by,
        about_me,
        goals,
        review,
    } = summary;
    let reviewed = review
        .last_reviewed
        .map(|at| format!("Last reviewed {}", uk_date(at)))
        .unwrap_or_else(|| "Not reviewed yet".into());
    let no_goals = goals.as_ref().is_some_and(Vec::is_empty);
    let goals_shown = goals.is_some();
    view! {
        <Title text="Summary of my record" />
        <h1>{format!("{name}: about me and my care")}</h1>
        <p class="app-meta">{reviewed}</p>
        <p class="app-no-print">"To print this summary, use your browser's Print option. It fits on one or two A4 pages."</p>
        {needs.map(|needs| view! { <NeedsFlag needs link=false /> })}
        {needs_written_by.map(|by| view! { <p class="app-meta">{format!("Needs written by {by}")}</p> })}
        <h2 class="nhsuk-heading-m">"About me"</h2>
        <Passport kind=Passport::MustKnow title="Things you must know about me" sections=about_me.clone() />
        <Passport kind=Passport::ImportantToMe title="Things that are important to me" sections=about_me.clone() />
        <Passport kind=Passport::LikesAndDislikes title="My likes and dislikes" sections=about_me />
        {goals_shown.then(|| view! { <h2 class="nhsuk-heading-m">"My goals"</h2> })}
        {no_goals.then(|| view! { <p>"No current goals."</p> })}
        <ul class="nhsuk-list nhsuk-list--bullet">
            {goals
                .unwrap_or_default()
                .into_iter()
                .map(|g| {
                    let target = g.goal.target.map(|t| format!(" (by {})", t.label())).unwrap_or_default();
                    let progress = g.goal.achievement.map(|a| format!(" · {}", a.label())).unwrap_or_default();
                    // A version a carer wrote says so, as the needs and About Me do.
                    let by = if g.author_name.ends_with("(carer)") {
                        format!(" · written by {}", g.author_name)
                    } else {
                        String::new()
                    };
                    view! {
                        <li>
                            <span class="app-own-words">{g.goal.description.clone()}</span>
                            <span class="app-meta">{format!("{target}{progress}{by}")}</span>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}
