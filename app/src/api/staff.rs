//! The staff directory, for admins. Every function checks the actor in the service layer.

use crate::domain::form::{FormScreen, Screen};
use crate::domain::place::Neighbourhood;
use crate::domain::staff::{StaffForm, StaffMemberScreen};
use crate::error::AppError;
use leptos::prelude::*;

/// The directory, searched by name or email and filtered by role and team (all optional),
/// a page at a time.
#[server(prefix = "/api", endpoint = "staff-directory")]
pub async fn load_directory(
    search: Option<String>,
    role: Option<String>,
    team: Option<String>,
    page: Option<String>,
) -> Result<Screen<crate::domain::staff::Directory>, AppError> {
    use crate::server::{context, current_actor, respond, services::staff};
    let (hive, actor) = respond(current_actor().await)?;
    let directory = staff::directory(
        hive.store.as_ref(),
        &actor,
        search.as_deref().unwrap_or_default(),
        role.as_deref().unwrap_or_default(),
        team.as_deref().unwrap_or_default(),
        page.as_deref().unwrap_or_default(),
    )
    .await;
    respond(context::screen(directory).await)
}

/// The add-someone page: the teams to choose from.
#[server(prefix = "/api", endpoint = "new-staff")]
pub async fn load_new_staff() -> Result<FormScreen<Vec<Neighbourhood>, StaffForm>, AppError> {
    use crate::server::{context, current_actor, respond, services::places};
    let (hive, actor) = respond(current_actor().await)?;
    let teams = places::to_manage(hive.store.as_ref(), &actor).await;
    respond(context::form_screen("", teams).await)
}

#[server(prefix = "/api", endpoint = "staff-member")]
pub async fn load_member(id: i64) -> Result<StaffMemberScreen, AppError> {
    use crate::domain::ids::PersonId;
    use crate::server::{context, current_actor, respond, services::places, services::staff};
    let (hive, actor) = respond(current_actor().await)?;
    let store = hive.store.as_ref();
    let entry = respond(staff::member(store, &actor, PersonId(id)).await)?;
    let instance = id.to_string();
    respond(
        async {
            Ok(StaffMemberScreen {
                entry,
                places: places::to_manage(store, &actor).await?,
                change: context::take_kept::<StaffForm>(&instance).await?,
                remove: context::take_kept::<crate::domain::staff::RemoveStaffForm>(&instance)
                    .await?,
            })
        }
        .await,
    )
}

#[server(prefix = "/api", endpoint = "add-staff")]
pub async fn add_staff(#[server(flatten)] form: StaffForm) -> Result<(), AppError> {
    use crate::server::context::{Saved, finish};
    use crate::server::{context::current_writer, respond, services::staff};
    let (hive, actor) = respond(current_writer("", &form).await)?;
    let added = staff::add(hive.store.as_ref(), &actor, &form).await;
    let added = added.map(|_| {
        let notice = format!("{} was added to the staff directory", form.name.trim());
        Saved::new(notice, "/admin/staff")
    });
    respond(finish("", &form, added).await)
}

#[server(prefix = "/api", endpoint = "change-staff")]
pub async fn change_staff(
    id: i64,
    back: Option<String>,
    #[server(flatten)] form: StaffForm,
) -> Result<(), AppError> {
    use crate::domain::ids::PersonId;
    use crate::server::context::{Saved, finish};
    use crate::server::{context::current_writer, respond, services::staff};
    let (hive, actor) = respond(current_writer(&id.to_string(), &form).await)?;
    let changed = staff::change(hive.store.as_ref(), &actor, PersonId(id), &form).await;
    let changed = changed.map(|_| {
        let notice = format!("The entry for {} was changed", form.name.trim());
        let back = crate::domain::staff::directory_href(back.as_deref().unwrap_or_default());
        Saved::new(notice, back)
    });
    respond(finish(&id.to_string(), &form, changed).await)
}

#[server(prefix = "/api", endpoint = "remove-staff")]
pub async fn remove_staff(id: i64, back: Option<String>) -> Result<(), AppError> {
    use crate::domain::ids::PersonId;
    use crate::server::context::{Saved, finish};
    use crate::server::{context::current_writer, respond, services::staff};
    let form = crate::domain::staff::RemoveStaffForm {};
    let (hive, actor) = respond(current_writer(&id.to_string(), &form).await)?;
    let store = hive.store.as_ref();
    let name = respond(staff::member(store, &actor, PersonId(id)).await)?.name;
    let removed = staff::remove(store, &actor, PersonId(id)).await;
    let removed = removed.map(|_| {
        Saved::new(
            format!("{name} was removed from the staff directory"),
            crate::domain::staff::directory_href(back.as_deref().unwrap_or_default()),
        )
    });
    respond(finish(&id.to_string(), &form, removed).await)
}
