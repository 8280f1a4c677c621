//! Campaigns: writing them, answering them at their public link, and the dashboards.

use crate::domain::campaigns::{
    AnswerForm, AnswerScreen, ArrangeForm, CampaignForm, CampaignScreen, Campaigns, QuestionForm,
};
use crate::domain::dashboard::Dashboard;
use crate::domain::form::Screen;
use crate::error::AppError;
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "campaigns")]
pub async fn load_campaigns() -> Result<Screen<Campaigns>, AppError> {
    use crate::server::context::{screen, take_kept};
    use crate::server::{current_actor, respond, services::campaigns};
    let (hive, actor) = respond(current_actor().await)?;
    let list = campaigns::list(hive.store.as_ref(), &actor).await;
    let mut screen = respond(screen(list).await)?;
    screen.data.kept = respond(take_kept("").await)?;
    Ok(screen)
}

/// Adds a campaign (no `id`) or changes its details. Neighbourhoods are sent as
/// `neighbourhoods[]=…`.
#[server(prefix = "/api", endpoint = "save-campaign")]
pub async fn save_campaign(#[server(flatten)] form: CampaignForm) -> Result<(), AppError> {
    use crate::server::context::{Saved, finish};
    use crate::server::{context::current_writer, respond, services::campaigns};
    let (hive, actor) = respond(current_writer(form.id.trim(), &form).await)?;
    let new = form.id.trim().is_empty();
    let done = campaigns::save(hive.store.as_ref(), &actor, &form).await;
    let done = done.map(|id| {
        let notice = if new {
            "Campaign added: now add its questions"
        } else {
            "Campaign details saved"
        };
        Saved::new(notice, format!("/engagement/campaigns/{id}"))
    });
    respond(finish(form.id.trim(), &form, done).await)
}

#[server(prefix = "/api", endpoint = "campaign")]
pub async fn load_campaign(id: String) -> Result<Screen<CampaignScreen>, AppError> {
    use crate::server::context::{screen, take_kept};
    use crate::server::{current_actor, respond, services::campaigns};
    let (hive, actor) = respond(current_actor().await)?;
    let data = campaigns::screen(hive.store.as_ref(), &actor, &id).await;
    let mut screen = respond(screen(data).await)?;
    let id = id.trim();
    screen.data.kept_details = respond(take_kept(id).await)?;
    screen.data.kept_question = respond(take_kept(id).await)?;
    screen.data.kept_arrange = respond(take_kept(id).await)?;
    Ok(screen)
}

#[server(prefix = "/api", endpoint = "add-question")]
pub async fn add_question(#[server(flatten)] form: QuestionForm) -> Result<(), AppError> {
    use crate::server::context::{Saved, finish};
    use crate::server::{context::current_writer, respond, services::campaigns};
    let (hive, actor) = respond(current_writer(form.campaign.trim(), &form).await)?;
    let done = campaigns::add_question(hive.store.as_ref(), &actor, &form).await;
    let id = form.campaign.trim().to_string();
    let done = done.map(|_| {
        Saved::new(
            "Question added",
            format!("/engagement/campaigns/{id}#questions"),
        )
    });
    respond(finish(&id, &form, done).await)
}

#[server(prefix = "/api", endpoint = "arrange-question")]
pub async fn arrange_question(#[server(flatten)] form: ArrangeForm) -> Result<(), AppError> {
    use crate::server::context::{Saved, finish};
    use crate::server::{context::current_writer, respond, services::campaigns};
    let (hive, actor) = respond(current_writer(form.campaign.trim(), &form).await)?;
    let done = campaigns::arrange(hive.store.as_ref(), &actor, &form).await;
    let id = form.campaign.trim().to_string();
    let done =
        done.map(|notice| Saved::new(notice, format!("/engagement/campaigns/{id}#questions")));
    respond(finish(&id, &form, done).await)
}

/// `/c/{slug}`: anyone, signed in or not.
#[server(prefix = "/api", endpoint = "answer-campaign-page")]
pub async fn load_answer(slug: String) -> Result<Screen<AnswerScreen>, AppError> {
    use crate::server::context::{screen, take_flash, take_kept};
    use crate::server::{current_actor, respond, services::campaigns};
    let (hive, actor) = respond(current_actor().await)?;
    let data = campaigns::answer_screen(hive.store.as_ref(), &actor, &slug).await;
    let mut screen = respond(screen(data).await)?;
    screen.data.kept = respond(take_kept(slug.trim()).await)?;
    screen.data.thanks = respond(take_flash::<bool>(THANKS_KEY).await)?.unwrap_or(false);
    Ok(screen)
}

#[cfg(feature = "ssr")]
const THANKS_KEY: &str = "hive.answered";

/// Answers at a campaign's public link. The answers are `a[…]` (see `AnswerForm`).
#[server(prefix = "/api", endpoint = "answer-campaign")]
pub async fn answer_campaign(#[server(flatten)] form: AnswerForm) -> Result<(), AppError> {
    use crate::server::context::{Saved, client_ip, finish, set_flash};
    use crate::server::{context::current_writer, respond, services::campaigns};
    let (hive, actor) = respond(current_writer(form.campaign.trim(), &form).await)?;
    let done = campaigns::answer(
        hive.store.as_ref(),
        &actor,
        &hive.answer_limit,
        client_ip(),
        &form,
    )
    .await;
    if done.is_ok() {
        respond(set_flash(THANKS_KEY, &true).await)?;
    }
    let done = done.map(|link| Saved::new("Thank you: your answers were sent", link));
    respond(finish(form.campaign.trim(), &form, done).await)
}

/// `/engagement/dashboard`, filtered by neighbourhood code, months (`yyyy-mm`) and campaign.
#[server(prefix = "/api", endpoint = "dashboard")]
pub async fn load_dashboard(
    neighbourhood: Option<String>,
    from: Option<String>,
    to: Option<String>,
    campaign: Option<String>,
) -> Result<Screen<Dashboard>, AppError> {
    use crate::domain::dashboard::DashboardFilter;
    use crate::server::context::screen;
    use crate::server::{current_actor, respond, services::dashboard};
    let (hive, actor) = respond(current_actor().await)?;
    let filter = DashboardFilter {
        neighbourhood: neighbourhood.unwrap_or_default(),
        from: from.unwrap_or_default(),
        to: to.unwrap_or_default(),
        campaign: campaign.unwrap_or_default(),
    };
    let data = dashboard::dashboard(hive.store.as_ref(), &actor, &filter).await;
    respond(screen(data).await)
}
