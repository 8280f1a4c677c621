//! The staff directory: admins add staff before they first sign in, change their role or team,
//! and remove them (which takes effect on their next request).

use crate::api::places::places_to_manage;
use crate::api::staff::{
    AddStaff, ChangeStaff, RemoveStaff, failed_form, notice, staff_directory, staff_member,
};
use crate::components::error_page::ErrorPage;
use crate::components::form::{
    ErrorSummary, Notice, SelectField, TextField, form_problems, message_for,
};
use crate::domain::form::FormFlash;
use crate::domain::place::Neighbourhood;
use crate::domain::staff::{STAFF_ROLES, StaffEntry, StaffForm, StaffStatus};
use crate::error::FieldError;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn StaffDirectory() -> impl IntoView {
    let staff = Resource::new(|| (), |_| staff_directory());
    let confirmation = Resource::new(|| (), |_| notice());
    view! {
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                match staff.await {
                    Ok(staff) => {
                        let confirmation = confirmation.await.ok().flatten();
                        view! { <DirectoryTable staff confirmation /> }.into_any()
                    }
                    Err(error) => view! { <ErrorPage error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn DirectoryTable(staff: Vec<StaffEntry>, confirmation: Option<String>) -> impl IntoView {
    view! {
        <Title text="Staff directory" />
        <h1>"Staff directory"</h1>
        {confirmation.map(|text| view! { <Notice text /> })}
        <p class="hive-lede">
            "Only people listed here can sign in as staff. Their first sign-in with their work account claims their entry."
        </p>
        <p>
            <a class="hive-button" href="/admin/staff/new">
                "Add someone"
            </a>
        </p>
        <table class="hive-table">
            <caption class="hive-table__caption">
                {format!("{} people in the directory", staff.len())}
            </caption>
            <thead>
                <tr>
                    <th scope="col">"Name"</th>
                    <th scope="col">"Email"</th>
                    <th scope="col">"Role"</th>
                    <th scope="col">"Team"</th>
                    <th scope="col">"Status"</th>
                    <th scope="col">
                        <span class="hive-visually-hidden">"Actions"</span>
                    </th>
                </tr>
            </thead>
            <tbody>
                {staff
                    .into_iter()
                    .map(|entry| {
                        let status = match entry.status {
                            StaffStatus::Pending => "Not signed in yet",
                            StaffStatus::Active => "Signed in",
                        };
                        view! {
                            <tr>
                                <td>{entry.name.clone()}</td>
                                <td>{entry.email.clone()}</td>
                                <td>{entry.role.label()}</td>
                                <td>{entry.team_name.clone().unwrap_or_else(|| "—".into())}</td>
                                <td>{status}</td>
                                <td>
                                    <a href=format!("/admin/staff/{}", entry.id)>
                                        "Change"
                                        <span class="hive-visually-hidden">
                                            {format!(" {}", entry.name)}
                                        </span>
                                    </a>
                                </td>
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
}

#[component]
pub fn AddStaffPage() -> impl IntoView {
    let places = Resource::new(|| (), |_| places_to_manage());
    let flash = Resource::new(|| (), |_| failed_form("staff-add".into()));
    view! {
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                let flash = flash.await.ok().flatten();
                match places.await {
                    Ok(places) => {
                        let start = flash_form(flash.as_ref()).unwrap_or_default();
                        view! { <AddStaffForm places start flash /> }.into_any()
                    }
                    Err(error) => view! { <ErrorPage error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn AddStaffForm(
    places: Vec<Neighbourhood>,
    start: StaffForm,
    flash: Option<FormFlash>,
) -> impl IntoView {
    let action = ServerAction::<AddStaff>::new();
    let problems = form_problems(action.value().into(), flash.as_ref());
    view! {
        <Title text="Add someone to the staff directory" />
        <ErrorSummary problems />
        <h1>"Add someone to the staff directory"</h1>
        <ActionForm action>
            <StaffFields places start problems />
            <button type="submit" class="hive-button">
                "Add to the directory"
            </button>
        </ActionForm>
        <p>
            <a href="/admin/staff">"Back to the staff directory"</a>
        </p>
    }
}

#[component]
pub fn ChangeStaffPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || {
        params
            .read()
            .get("id")
            .and_then(|id| id.parse::<i64>().ok())
            .unwrap_or(0)
    };
    let member = Resource::new(id, staff_member);
    let places = Resource::new(|| (), |_| places_to_manage());
    let flash = Resource::new(id, |id| failed_form(format!("staff-{id}")));
    view! {
        <Suspense fallback=|| view! { <p>"Loading…"</p> }>
            {move || Suspend::new(async move {
                let flash = flash.await.ok().flatten();
                match (member.await, places.await) {
                    (Ok(member), Ok(places)) => {
                        view! { <ChangeStaffForm member places flash /> }.into_any()
                    }
                    (Err(error), _) | (_, Err(error)) => {
                        view! { <ErrorPage error /> }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}

#[component]
fn ChangeStaffForm(
    member: StaffEntry,
    places: Vec<Neighbourhood>,
    flash: Option<FormFlash>,
) -> impl IntoView {
    let change = ServerAction::<ChangeStaff>::new();
    let remove = ServerAction::<RemoveStaff>::new();
    let start = flash_form(flash.as_ref()).unwrap_or_else(|| member.form());
    // Both forms report into one summary: whichever was used last.
    let latest = Signal::derive(move || remove.value().get().or_else(|| change.value().get()));
    let problems = form_problems(latest, flash.as_ref());
    let title = format!("Change the entry for {}", member.name);
    view! {
        <Title text=title.clone() />
        <ErrorSummary problems />
        <h1>{title}</h1>
        <ActionForm action=change>
            <input type="hidden" name="id" value=member.id.0 />
            <StaffFields places start problems />
            <button type="submit" class="hive-button">
                "Save changes"
            </button>
        </ActionForm>
        <h2>"Remove from the directory"</h2>
        <p>
            {format!(
                "{} will be signed out at their next click and will not be able to sign in as staff again unless they are added back.",
                member.name,
            )}
        </p>
        <ActionForm action=remove>
            <input type="hidden" name="id" value=member.id.0 />
            <button type="submit" class="hive-button hive-button--warning">
                {format!("Remove {}", member.name)}
            </button>
        </ActionForm>
        <p>
            <a href="/admin/staff">"Back to the staff directory"</a>
        </p>
    }
}

/// The fields shared by adding and changing an entry.
#[component]
fn StaffFields(
    places: Vec<Neighbourhood>,
    start: StaffForm,
    problems: Signal<Vec<FieldError>>,
) -> impl IntoView {
    let roles = std::iter::once((String::new(), "Choose a role".to_string()))
        .chain(
            STAFF_ROLES
                .iter()
                .map(|r| (r.code().to_string(), r.label().to_string())),
        )
        .collect();
    let teams = std::iter::once((String::new(), "No team".to_string()))
        .chain(places.into_iter().filter_map(|n| {
            n.team
                .map(|t| (t.id.0.to_string(), format!("{} ({})", t.name, n.name)))
        }))
        .collect();
    view! {
        <TextField
            id="name"
            label="Full name"
            value=start.name
            autocomplete="off"
            maxlength=100
            error=message_for(problems, "name")
        />
        <TextField
            id="email"
            label="Work email address"
            hint="The address their work account (for example NHS CIS2) gives when they sign in."
            value=start.email
            kind="email"
            autocomplete="off"
            maxlength=254
            error=message_for(problems, "email")
        />
        <SelectField
            id="role"
            label="Role"
            value=start.role
            options=roles
            error=message_for(problems, "role")
        />
        <SelectField
            id="team"
            label="Team"
            hint="Practitioners and team leads work in one neighbourhood team. Engagement officers and administrators have no team."
            value=start.team
            options=teams
            error=message_for(problems, "team")
        />
    }
}

/// The form as it was typed, from a post without JavaScript.
fn flash_form(flash: Option<&FormFlash>) -> Option<StaffForm> {
    let flash = flash?;
    Some(StaffForm {
        name: flash.value("name").unwrap_or_default(),
        email: flash.value("email").unwrap_or_default(),
        role: flash.value("role").unwrap_or_default(),
        team: flash.value("team").unwrap_or_default(),
    })
}
