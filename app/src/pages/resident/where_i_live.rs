//! Where the resident lives: their home ward gives their neighbourhood and its team.

use crate::api::where_i_live::{SaveWhereILive, load_where_i_live};
use crate::components::form::{ErrorMessage, ErrorSummary, TextField, notice};
use crate::components::screen::screen;
use crate::domain::form::{FormScreen, message_for};
use crate::domain::where_i_live::{WhereILive, WhereILiveForm};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn WhereILivePage() -> impl IntoView {
    let postcode = use_query_map().get_untracked().get("postcode");
    screen(
        move || load_where_i_live(postcode.clone()),
        |screen| view! { <WhereILiveView screen /> },
    )
}

#[component]
fn WhereILiveView(screen: FormScreen<WhereILive, WhereILiveForm>) -> impl IntoView {
    let problems = screen.problems();
    let page = screen.data.clone();
    // What the list starts on: what was posted, else the only ward the postcode found, else
    // the ward saved now.
    let chosen = match (&screen.kept, page.found.as_slice()) {
        (Some(kept), _) => kept.form.ward.clone(),
        (None, [only]) => only.clone(),
        _ => page.ward.clone().unwrap_or_default(),
    };
    let refused = screen.kept.is_some();
    let ward_error = message_for(&problems, "ward");
    let invalid = ward_error.is_some();
    let now = match &page.neighbourhood {
        Some(n) => format!("You live in the {n} neighbourhood."),
        None => "You have not said where you live yet.".to_string(),
    };
    let ward_name = |code: &str| {
        page.neighbourhoods
            .iter()
            .flat_map(|n| n.wards.iter())
            .find(|w| w.code == code)
            .map(|w| w.name.clone())
            .unwrap_or_default()
    };
    let found_line = (!page.found.is_empty()).then(|| {
        let names: Vec<String> = page.found.iter().map(|c| ward_name(c)).collect();
        format!(
            "Wards in {}: {}. Choose yours below.",
            page.district.clone().unwrap_or_default(),
            names.join(", ")
        )
    });
    let found: Vec<(String, String)> = page
        .found
        .iter()
        .map(|code| (code.clone(), ward_name(code)))
        .collect();
    let district = page.district.clone().unwrap_or_default();
    let neighbourhoods = page.neighbourhoods.clone();
    view! {
        <Title text="Where you live" />
        <ErrorSummary problems=problems.clone() />
        {notice(screen.notice)}
        <h1>"Where you live"</h1>
        <p class="nhsuk-body-l">{now}</p>
        <p>
            "Your home ward decides your neighbourhood, and so the integrated neighbourhood team that sees the parts of your record you share. If you move, change it here: the new team sees what you share from then on, and the old one no longer does."
        </p>
        <form method="get" action="/my/where-i-live" class="app-no-print">
            <TextField
                id="postcode"
                label="Find your ward from your postcode (optional)"
                hint="For example, M8 5DE. Hive does not keep your postcode."
                value=page.district.clone().unwrap_or_default()
                autocomplete="postal-code"
                maxlength=10
                width="nhsuk-input--width-10"
                error=page.postcode_problem.clone()
            />
            <button type="submit" class="nhsuk-button nhsuk-button--secondary">
                "Find my ward"
            </button>
        </form>
        {found_line.map(|line| view! { <p>{line}</p> })}
        <div class="nhsuk-inset-text">
            <p>
                "The postcode table in this demonstration is small and illustrative. If your postcode is not found, choose your ward from the list."
            </p>
        </div>
        <ActionForm action={ServerAction::<SaveWhereILive>::new()}>
            <div class=if invalid { "nhsuk-form-group nhsuk-form-group--error" } else { "nhsuk-form-group" }>
                <label class="nhsuk-label" for="ward">"Your home ward"</label>
                <ErrorMessage id="ward-error".to_string() message=ward_error />
                <select
                    class=if invalid { "nhsuk-select nhsuk-select--error" } else { "nhsuk-select" }
                    id="ward"
                    name="ward"
                    aria-describedby=invalid.then_some("ward-error")
                >
                    <option value="" selected=chosen.is_empty()>"Choose your ward"</option>
                    {(!found.is_empty())
                        .then(|| {
                            view! {
                                <optgroup label=format!("In {district}")>
                                    {found
                                        .iter()
                                        .map(|(code, name)| {
                                            view! {
                                                <option value=code.clone() selected=*code == chosen>
                                                    {name.clone()}
                                                </option>
                                            }
                                        })
                                        .collect_view()}
                                </optgroup>
                            }
                        })}
                    {neighbourhoods
                        .iter()
                        .map(|n| {
                            view! {
                                <optgroup label=n.name.clone()>
                                    {n
                                        .wards
                                        .iter()
                                        .map(|w| {
                                            // With a postcode's wards shown, only a ward
                                            // posted from this list and refused is selected
                                            // here (not the one saved: they may be moving).
                                            let selected = w.code == chosen
                                                && (found.is_empty()
                                                    || refused
                                                        && !found.iter().any(|(code, _)| *code == chosen));
                                            view! {
                                                <option value=w.code.clone() selected=selected>
                                                    {w.name.clone()}
                                                </option>
                                            }
                                        })
                                        .collect_view()}
                                </optgroup>
                            }
                        })
                        .collect_view()}
                </select>
            </div>
            <button type="submit" class="nhsuk-button">
                "Save where I live"
            </button>
        </ActionForm>
        <p>
            <a href="/my/sharing">"What you share with your team"</a>
            " · "
            <a href="/my">"Back to your record"</a>
        </p>
    }
}
