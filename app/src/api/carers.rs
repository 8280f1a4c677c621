//! Carers: the resident's invitations and grants (`/my/carers`), and the carer's side
//! (`/caring`): accepting an invitation and choosing whom to act for.

use crate::domain::carers::{
    AcceptForm, ActForm, CarerGrant, CarersNow, CaringNow, GrantForm, InviteForm, RevokeForm,
};
use crate::domain::form::FormScreen;
use crate::error::AppError;
use leptos::prelude::*;

/// The session key of an invitation just made, shown once on the carers page.
#[cfg(feature = "ssr")]
const NEW_INVITATION_KEY: &str = "hive.new-invitation";

/// A grant id from a path or hidden field; anything else is not found.
#[cfg(feature = "ssr")]
fn grant_id(text: &str) -> Result<i64, AppError> {
    text.trim().parse::<i64>().map_err(|_| AppError::NotFound)
}

#[server(prefix = "/api", endpoint = "carers")]
pub async fn load_carers() -> Result<FormScreen<CarersNow, InviteForm>, AppError> {
    use crate::server::{context, current_actor, respond, services::carers};
    let (hive, actor) = respond(current_actor().await)?;
    let grants = respond(carers::carers(hive.store.as_ref(), &actor).await)?;
    let new_invitation = respond(
        context::take_flash::<crate::domain::carers::NewInvitation>(NEW_INVITATION_KEY).await,
    )?;
    respond(
        context::form_screen(
            "",
            Ok(CarersNow {
                grants,
                new_invitation,
            }),
        )
        .await,
    )
}

#[server(prefix = "/api", endpoint = "invite-carer")]
pub async fn invite_carer(#[server(flatten)] form: InviteForm) -> Result<(), AppError> {
    use crate::server::context::{self, Saved, finish};
    use crate::server::{context::current_writer, respond, services::carers};
    let (hive, actor) = respond(current_writer("", &form).await)?;
    let invited = match carers::invite(hive.store.as_ref(), &actor, &form).await {
        Ok(invitation) => {
            let notice = format!("Invitation made for {}", invitation.name);
            respond(context::set_flash(NEW_INVITATION_KEY, &invitation).await)?;
            Ok(Saved::new(notice, "/my/carers"))
        }
        Err(err) => Err(err),
    };
    respond(finish("", &form, invited).await)
}

#[server(prefix = "/api", endpoint = "carer")]
pub async fn load_carer(grant: String) -> Result<FormScreen<CarerGrant, GrantForm>, AppError> {
    use crate::server::{context, current_actor, respond, services::carers};
    let (hive, actor) = respond(current_actor().await)?;
    let id = respond(grant_id(&grant))?;
    let grant = carers::one(hive.store.as_ref(), &actor, id).await;
    respond(context::form_screen(&id.to_string(), grant).await)
}

#[server(prefix = "/api", endpoint = "change-carer")]
pub async fn change_carer(
    grant: String,
    #[server(flatten)] form: GrantForm,
) -> Result<(), AppError> {
    use crate::server::context::{Saved, finish};
    use crate::server::{context::current_writer, respond, services::carers};
    let id = respond(grant_id(&grant))?;
    let (hive, actor) = respond(current_writer(&id.to_string(), &form).await)?;
    let changed = carers::change(hive.store.as_ref(), &actor, id, &form).await;
    let changed = changed.map(|name| {
        Saved::new(
            format!("What {name} can do was changed"),
            format!("/my/carers/{id}"),
        )
    });
    respond(finish(&id.to_string(), &form, changed).await)
}

#[server(prefix = "/api", endpoint = "revoke-carer")]
pub async fn revoke_carer(
    grant: String,
    #[server(flatten)] form: RevokeForm,
) -> Result<(), AppError> {
    use crate::server::context::{Saved, finish};
    use crate::server::{context::current_writer, respond, services::carers};
    let id = respond(grant_id(&grant))?;
    let (hive, actor) = respond(current_writer(&id.to_string(), &form).await)?;
    let revoked = carers::revoke(hive.store.as_ref(), &actor, id).await;
    let revoked = revoked.map(|name| {
        Saved::new(
            format!("{name} can no longer see or change your record"),
            "/my/carers",
        )
    });
    respond(finish(&id.to_string(), &form, revoked).await)
}

#[server(prefix = "/api", endpoint = "caring")]
pub async fn load_caring() -> Result<FormScreen<CaringNow, AcceptForm>, AppError> {
    use crate::server::{context, current_actor, respond, services::carers};
    let (hive, actor) = respond(current_actor().await)?;
    let caring = carers::caring(hive.store.as_ref(), &actor).await;
    respond(context::form_screen("", caring).await)
}

#[server(prefix = "/api", endpoint = "accept-invitation")]
pub async fn accept_invitation(#[server(flatten)] form: AcceptForm) -> Result<(), AppError> {
    use crate::server::context::{Saved, finish};
    use crate::server::{context::current_writer, respond, services::carers};
    let (hive, actor) = respond(current_writer("", &form).await)?;
    let accepted = carers::accept(hive.store.as_ref(), &actor, &form).await;
    let accepted = accepted.map(|name| Saved::new(format!("You now care for {name}"), "/caring"));
    respond(finish("", &form, accepted).await)
}

/// Switches the whole portal to act for the person under `grant`, from the next request.
#[server(prefix = "/api", endpoint = "act-for")]
pub async fn act_for(grant: String, #[server(flatten)] form: ActForm) -> Result<(), AppError> {
    use crate::server::context::{self, Saved, finish};
    use crate::server::{context::current_writer, respond, services::carers};
    let id = respond(grant_id(&grant))?;
    let (hive, actor) = respond(current_writer(&id.to_string(), &form).await)?;
    let acting = match carers::may_act(hive.store.as_ref(), &actor, id).await {
        Ok(name) => context::act_as(Some(id))
            .await
            .map(|_| Saved::new(format!("You are now acting for {name}"), "/my")),
        Err(err) => Err(err),
    };
    respond(finish(&id.to_string(), &form, acting).await)
}

/// Back to the person's own record.
#[server(prefix = "/api", endpoint = "stop-acting")]
pub async fn stop_acting(#[server(flatten)] form: ActForm) -> Result<(), AppError> {
    use crate::server::context::{self, Saved, finish};
    use crate::server::{context::current_writer, respond};
    let (_, actor) = respond(current_writer("", &form).await)?;
    let stopped = match actor.person() {
        Some(_) => context::act_as(None)
            .await
            .map(|_| Saved::new("You are back in your own record", "/my")),
        None => Err(AppError::NotSignedIn),
    };
    respond(finish("", &form, stopped).await)
}
