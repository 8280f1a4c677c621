//! The staff directory: admins add staff before they first sign in, change their role or team,
//! and remove them (which takes effect on their next request).

use crate::api::staff::{
    AddStaff, ChangeStaff, RemoveStaff, load_directory, load_member, load_new_staff,
};
use crate::components::form::{ErrorSummary, SelectField, TextField, notice};
use crate::components::pagination::Pagination;
use crate::components::screen::{param, screen};
use crate::domain::form::{FormScreen, Screen, kept_problems, message_for, start_with};
use crate::domain::place::Neighbourhood;
use crate::domain::staff::{
    Directory, MAX_SEARCH_CHARS, STAFF_ROLES, StaffForm, StaffMemberScreen, StaffStatus,
    directory_href,
};
use crate::error::FieldError;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn StaffDirectory() -> impl IntoView {
    let query = leptos_router::hooks::use_query_map().get_untracked();
    let (search, role, team, page) = (
        query.get("search"),
        query.get("role"),
        query.get("team"),
        query.get("page"),
    );
    screen(
        move || load_directory(search.clone(), role.clone(), team.clone(), page.clone()),
        |screen| view! { <DirectoryTable screen /> },
    )
}

#[component]
fn DirectoryTable(screen: Screen<Directory>) -> impl IntoView {
    let directory = screen.data;
    let filtered = directory.filtered();
    let (first, last) = directory.shown();
    let (total, found, page, pages) = (
        directory.total,
        directory.found,
        directory.page,
        directory.pages,
    );
    let mut caption = if filtered {
        format!("{found} of the {total} people in the directory")
    } else {
        format!("{total} people in the directory")
    };
    if pages > 1 {
        caption.push_str(&format!(", {first} to {last} shown"));
    }
    // Each page of results is a page of its own to a screen reader's list of pages.
    let title = if pages > 1 {
        format!("Staff directory (page {page} of {pages})")
    } else {
        "Staff directory".to_string()
    };
    let empty = directory.entries.is_empty();
    let none = (filtered && empty).then(|| {
        view! { <p>"Nobody in the directory matches. Check the spelling, or search for part of the name or email."</p> }
    });
    // Each entry's "Change" link carries this view of the directory, to come back to.
    let here = directory
        .href(directory.page)
        .split_once('?')
        .map(|(_, q)| format!("?{q}"))
        .unwrap_or_default();
    let pagination = {
        let directory = directory.clone();
        view! { <Pagination page pages href=move |n| directory.href(n) /> }
    };
    let Directory {
        entries: staff,
        search,
        role,
        team,
        teams,
        ..
    } = directory;
    view! {
        <Title text=title />
        {notice(screen.notice)}
        <h1>"Staff directory"</h1>
        <p class="nhsuk-body-l">
            "Only people listed here can sign in as staff. Their first sign-in with their work account claims their entry."
        </p>
        <p>
            <a class="nhsuk-button" href="/admin/staff/new">
                "Add someone"
            </a>
        </p>
        <form method="get" action="/admin/staff">
            <div class="nhsuk-form-group">
                <label class="nhsuk-label" for="search">"Search by name or email"</label>
                <input
                    class="nhsuk-input nhsuk-input--width-20"
                    id="search"
                    name="search"
                    type="search"
                    maxlength=MAX_SEARCH_CHARS.to_string()
                    value=search
                />
            </div>
            <div class="nhsuk-form-group">
                <label class="nhsuk-label" for="role">"Role"</label>
                <select class="nhsuk-select" id="role" name="role">
                    <option value="" selected=role.is_empty()>"Any role"</option>
                    {STAFF_ROLES
                        .iter()
                        .map(|r| {
                            let selected = r.code() == role;
                            view! { <option value=r.code() selected=selected>{r.label()}</option> }
                        })
                        .collect_view()}
                </select>
            </div>
            <div class="nhsuk-form-group">
                <label class="nhsuk-label" for="team">"Team"</label>
                <select class="nhsuk-select" id="team" name="team">
                    <option value="" selected=team.is_empty()>"Any team"</option>
                    {teams
                        .into_iter()
                        .map(|(id, name)| {
                            let selected = id == team;
                            view! { <option value=id selected=selected>{name}</option> }
                        })
                        .collect_view()}
                </select>
            </div>
            <button type="submit" class="nhsuk-button nhsuk-button--secondary">"Search"</button>
        </form>
        {none}
        <table class="nhsuk-table" hidden=empty>
            <caption class="nhsuk-table__caption">{caption}</caption>
            <thead class="nhsuk-table__head">
                <tr class="nhsuk-table__row">
                    <th class="nhsuk-table__header" scope="col">"Name"</th>
                    <th class="nhsuk-table__header" scope="col">"Email"</th>
                    <th class="nhsuk-table__header" scope="col">"Role"</th>
                    <th class="nhsuk-table__header" scope="col">"Team"</th>
                    <th class="nhsuk-table__header" scope="col">"Status"</th>
                    <th class="nhsuk-table__header" scope="col">
                        <span class="nhsuk-u-visually-hidden">"Actions"</span>
                    </th>
                </tr>
            </thead>
            <tbody class="nhsuk-table__body">
                {staff
                    .into_iter()
                    .map(|entry| {
                        let status = match entry.status {
                            StaffStatus::Pending => "Not signed in yet",
                            StaffStatus::Active => "Signed in",
                        };
                        view! {
                            <tr class="nhsuk-table__row">
                                <td class="nhsuk-table__cell">{entry.name.clone()}</td>
                                <td class="nhsuk-table__cell">{entry.email.clone()}</td>
                                <td class="nhsuk-table__cell">{entry.role.label()}</td>
                                <td class="nhsuk-table__cell">{entry.team_name.clone().unwrap_or_else(|| "—".into())}</td>
                                <td class="nhsuk-table__cell">{status}</td>
                                <td class="nhsuk-table__cell">
                                    <a href=format!("/admin/staff/{}{here}", entry.id)>
                                        "Change"
                                        <span class="nhsuk-u-visually-hidden">
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
        {pagination}
    }
}

#[component]
pub fn AddStaffPage() -> impl IntoView {
    screen(load_new_staff, |screen| view! { <AddStaff screen /> })
}

#[component]
fn AddStaff(screen: FormScreen<Vec<Neighbourhood>, StaffForm>) -> impl IntoView {
    let problems = screen.problems();
    let start = screen.start_with(|_| StaffForm::default());
    view! {
        <Title text="Add someone to the staff directory" />
        <ErrorSummary problems=problems.clone() />
        <h1>"Add someone to the staff directory"</h1>
        <ActionForm action={ServerAction::<AddStaff>::new()}>
            <StaffFields places=screen.data start problems />
            <button type="submit" class="nhsuk-button">
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
    // An id that is not a number is nobody's: the same "not found" as an unknown one.
    let id = param("id").parse::<i64>().unwrap_or(0);
    // The directory as it was shown, sent back by both forms (and checked by the server).
    let query = leptos_router::hooks::use_query_map().get_untracked();
    let back = {
        let mut q = form_urlencoded::Serializer::new(String::new());
        for key in ["search", "role", "team", "page"] {
            if let Some(value) = query.get(key) {
                q.append_pair(key, &value);
            }
        }
        q.finish()
    };
    screen(
        move || load_member(id),
        move |screen| view! { <ChangeStaff screen back=back.clone() /> },
    )
}

#[component]
fn ChangeStaff(screen: StaffMemberScreen, back: String) -> impl IntoView {
    let directory = directory_href(&back);
    let (back_change, back_remove) = (back.clone(), back);
    let StaffMemberScreen {
        entry,
        places,
        change,
        remove,
    } = screen;
    let start = start_with(&change, || entry.form());
    // Both forms report into one summary: the one that was posted.
    let problems = [kept_problems(&change), kept_problems(&remove)].concat();
    let title = format!("Change the entry for {}", entry.name);
    view! {
        <Title text=title.clone() />
        <ErrorSummary problems=problems.clone() />
        <h1>{title}</h1>
        <ActionForm action={ServerAction::<ChangeStaff>::new()}>
            <input type="hidden" name="id" value=entry.id.0 />
            <input type="hidden" name="back" value=back_change />
            <StaffFields places start problems />
            <button type="submit" class="nhsuk-button">
                "Save changes"
            </button>
        </ActionForm>
        <h2 class="nhsuk-heading-m">"Remove from the directory"</h2>
        <p>
            {format!(
                "{} will be signed out at their next click and will not be able to sign in as staff again unless they are added back.",
                entry.name,
            )}
        </p>
        <ActionForm action={ServerAction::<RemoveStaff>::new()}>
            <input type="hidden" name="id" value=entry.id.0 />
            <input type="hidden" name="back" value=back_remove />
            <button type="submit" class="nhsuk-button nhsuk-button--warning">
                {format!("Remove {}", entry.name)}
            </button>
        </ActionForm>
        <p>
            <a href=directory>"Back to the staff directory"</a>
        </p>
    }
}

/// The fields shared by adding and changing an entry.
#[component]
fn StaffFields(
    places: Vec<Neighbourhood>,
    start: StaffForm,
    problems: Vec<FieldError>,
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
            error=message_for(&problems, "name")
        />
        <TextField
            id="email"
            label="Work email address"
            hint="The address their work account (for example NHS CIS2) gives when they sign in."
            value=start.email
            kind="email"
            autocomplete="off"
            maxlength=254
            error=message_for(&problems, "email")
        />
        <SelectField
            id="role"
            label="Role"
            value=start.role
            options=roles
            error=message_for(&problems, "role")
        />
        <SelectField
            id="team"
            label="Team"
            hint="Practitioners and team leads work in one neighbourhood team. Engagement officers and administrators have no team."
            value=start.team
            options=teams
            error=message_for(&problems, "team")
        />
    }
}
