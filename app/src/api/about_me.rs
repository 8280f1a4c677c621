//! About Me, the resident's own words.

use crate::domain::about_me::{SectionNow, SectionVersion};
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
fn section_of(code: &str) -> Result<crate::domain::about_me::Section, AppError> {
    crate::domain::about_me::Section::parse(code).ok_or(AppError::NotFound)
}

#[server(prefix = "/api", endpoint = "about-me")]
pub async fn about_me_overview() -> Result<Vec<SectionNow>, AppError> {
    use crate::server::{current_actor, respond, services::about_me};
    let (hive, actor) = respond(current_actor().await)?;
    respond(about_me::overview(hive.store.as_ref(), &actor).await)
}

#[server(prefix = "/api", endpoint = "about-me-section")]
pub async fn about_me_section(section: String) -> Result<SectionNow, AppError> {
    use crate::server::{current_actor, respond, services::about_me};
    let (hive, actor) = respond(current_actor().await)?;
    let section = respond(section_of(&section))?;
    respond(about_me::section(hive.store.as_ref(), &actor, section).await)
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
    text: String,
    supported_by_name: String,
    supported_by_relationship: String,
    base: String,
) -> Result<(), AppError> {
    use crate::domain::about_me::SectionForm;
    use crate::server::{context, current_actor, respond, services::about_me};
    let (hive, actor) = respond(current_actor().await)?;
    let section = respond(section_of(&section))?;
    let form = SectionForm {
        text,
        supported_by_name,
        supported_by_relationship,
        base,
    };
    let result = about_me::save(hive.store.as_ref(), &actor, section, &form).await;
    if result.is_ok() {
        context::set_notice(format!("Saved: {}", section.title())).await?;
        leptos_axum::redirect("/my/about-me");
    }
    let values = [
        ("text", form.text.as_str()),
        ("supported_by_name", form.supported_by_name.as_str()),
        (
            "supported_by_relationship",
            form.supported_by_relationship.as_str(),
        ),
    ];
    let form_id = format!("about-me-{}", section.code());
    respond(context::keep_failed_form(&form_id, &values, result.map(|_| ())).await)
}
