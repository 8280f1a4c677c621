//! About Me, the resident's own words.

use crate::domain::about_me::{SectionForm, SectionNow, SectionVersion};
use crate::domain::form::{FormScreen, Screen};
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
fn section_of(code: &str) -> Result<crate::domain::about_me::Section, AppError> {
    crate::domain::about_me::Section::parse(code).ok_or(AppError::NotFound)
}

#[server(prefix = "/api", endpoint = "about-me")]
pub async fn load_about_me() -> Result<Screen<Vec<SectionNow>>, AppError> {
    use crate::server::{context, current_actor, respond, services::about_me};
    let (hive, actor) = respond(current_actor().await)?;
    let overview = about_me::overview(hive.store.as_ref(), &actor).await;
    respond(context::screen(overview).await)
}

#[server(prefix = "/api", endpoint = "about-me-section")]
pub async fn load_section(
    section: String,
) -> Result<FormScreen<SectionNow, SectionForm>, AppError> {
    use crate::domain::sharing::Scope;
    use crate::server::services::record::read_only;
    use crate::server::{context, current_actor, respond, services::about_me};
    let (hive, actor) = respond(current_actor().await)?;
    let code = respond(section_of(&section))?;
    let now = about_me::section(hive.store.as_ref(), &actor, code).await;
    let mut screen = respond(context::form_screen(&section, now).await)?;
    screen.read_only = read_only(&actor, Scope::AboutMe(code));
    screen.data.conversation = Some(respond(
        crate::api::responses::conversation(hive.store.as_ref(), &actor, "about-me", code.code())
            .await,
    )?);
    Ok(screen)
}

#[server(prefix = "/api", endpoint = "about-me-history")]
pub async fn about_me_history(section: String) -> Result<Vec<SectionVersion>, AppError> {
    use crate::server::{current_actor, respond, services::about_me};
    let (hive, actor) = respond(current_actor().await)?;
    let section = respond(section_of(&section))?;
    respond(about_me::history(hive.store.as_ref(), &actor, section).await)
}

#[server(prefix = "/api", endpoint = "save-about-me")]
pub async fn save_about_me_section(
    section: String,
    #[server(flatten)] form: SectionForm,
) -> Result<(), AppError> {
    use crate::server::context::{Saved, finish};
    use crate::server::{context::current_writer, respond, services::about_me};
    let (hive, actor) = respond(current_writer(&section, &form).await)?;
    let code = respond(section_of(&section))?;
    let saved = about_me::save(hive.store.as_ref(), &actor, code, &form).await;
    let saved = saved.map(|_| Saved::new(format!("Saved: {}", code.title()), "/my/about-me"));
    respond(finish(&section, &form, saved).await)
}
