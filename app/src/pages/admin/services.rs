//! `/admin/services`: the services residents can give feedback about besides their
//! neighbourhood team. Retired services are no longer offered; what was said about them stays.

use crate::api::feedback::{AddService, SetServiceState, load_services};
use crate::components::form::{ErrorSummary, TextField, notice};
use crate::components::screen::screen;
use crate::domain::feedback::{ServiceForm, ServicesScreen};
use crate::domain::form::{Screen, kept_problems, message_for, start_with};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn ServicesPage() -> impl IntoView {
    screen(load_services, |screen| view! { <ServicesView screen /> })
}

#[component]
fn ServicesView(screen: Screen<ServicesScreen>) -> impl IntoView {
    let ServicesScreen { services, kept } = screen.data;
    let problems = kept_problems(&kept);
    let form = start_with(&kept, ServiceForm::default);
    view! {
        <Title text="Services" />
        <ErrorSummary problems=problems.clone() />
        {notice(screen.notice)}
        <h1>"Services"</h1>
        <p class="nhsuk-body-l">
            "Residents give feedback about their neighbourhood team or one of these services. A retired service is no longer offered; what was said about it stays."
        </p>
        <table class="nhsuk-table">
            <caption class="nhsuk-table__caption">"Services"</caption>
            <thead class="nhsuk-table__head">
                <tr class="nhsuk-table__row">
                    <th scope="col" class="nhsuk-table__header">"Service"</th>
                    <th scope="col" class="nhsuk-table__header">"Code"</th>
                    <th scope="col" class="nhsuk-table__header">"Status"</th>
                    <th scope="col" class="nhsuk-table__header"><span class="nhsuk-u-visually-hidden">"Change"</span></th>
                </tr>
            </thead>
            <tbody class="nhsuk-table__body">
                {services
                    .into_iter()
                    .map(|(code, name, active)| {
                        let (label, value) = if active { ("Retire", "no") } else { ("Offer again", "yes") };
                        view! {
                            <tr class="nhsuk-table__row">
                                <td class="nhsuk-table__cell">{name.clone()}</td>
                                <td class="nhsuk-table__cell">{code.clone()}</td>
                                <td class="nhsuk-table__cell">{if active { "Offered" } else { "Retired" }}</td>
                                <td class="nhsuk-table__cell">
                                    <ActionForm action={ServerAction::<SetServiceState>::new()}>
                                        <input type="hidden" name="service" value=code />
                                        <input type="hidden" name="active" value=value />
                                        <button type="submit" class="nhsuk-button nhsuk-button--secondary nhsuk-button--small">
                                            {label}
                                            <span class="nhsuk-u-visually-hidden">{format!(" {name}")}</span>
                                        </button>
                                    </ActionForm>
                                </td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
        <h2>"Add a service"</h2>
        <ActionForm action={ServerAction::<AddService>::new()}>
            <TextField id="name" label="Name" value=form.name error=message_for(&problems, "name") maxlength=120 />
            <TextField
                id="code"
                label="Code (optional)"
                hint="Lower-case letters, digits and hyphens. Left empty, it is made from the name. It cannot change later."
                value=form.code
                error=message_for(&problems, "code")
                maxlength=60
            />
            <button type="submit" class="nhsuk-button">"Add service"</button>
        </ActionForm>
    }
}
