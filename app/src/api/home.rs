use crate::domain::person::HomeScreen;
use crate::domain::role::Area;
use crate::error::AppError;
use leptos::prelude::*;

/// An area's home page, if the area is the signed-in person's: who they are, the last save's
/// confirmation and, for a resident, the head of their record.
#[server(prefix = "/api", endpoint = "area-home")]
pub async fn load_home(area: Area) -> Result<HomeScreen, AppError> {
    use crate::server::{context, current_actor, respond, services::home};
    let (hive, actor) = respond(current_actor().await)?;
    let home = home::home(&hive, &actor, area).await;
    respond(
        async {
            let home = home?;
            Ok(HomeScreen {
                notice: context::take_notice().await?,
                ..home
            })
        }
        .await,
    )
}

/// `/`: nothing for visitors (the landing page); for everyone signed in, the home of their own
/// area, as `load_home` gives it.
#[server(prefix = "/api", endpoint = "front")]
pub async fn load_front() -> Result<Option<HomeScreen>, AppError> {
    use crate::server::{context, current_actor, respond, services::home};
    let (hive, actor) = respond(current_actor().await)?;
    let Some(area) = actor.signed_in().map(|person| person.role.area()) else {
        return Ok(None);
    };
    let home = home::home(&hive, &actor, area).await;
    respond(
        async {
            let home = home?;
            Ok(Some(HomeScreen {
                notice: context::take_notice().await?,
                ..home
            }))
        }
        .await,
    )
}
