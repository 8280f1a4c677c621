//! Feedback: giving it, moderating it, and the published stories with their responses.

use crate::domain::feedback::{
    FeedbackForm, FeedbackScreen, ModerateForm, ModerationQueue, ReportForm, ResponseForm, Stories,
};
use crate::domain::form::{FormScreen, Screen};
use crate::error::AppError;
use leptos::prelude::*;

#[server(prefix = "/api", endpoint = "feedback")]
pub async fn load_feedback() -> Result<FormScreen<FeedbackScreen, FeedbackForm>, AppError> {
    use crate::server::{context, current_actor, respond, services::feedback};
    let (hive, actor) = respond(current_actor().await)?;
    let screen = feedback::screen(hive.store.as_ref(), &actor).await;
    respond(context::form_screen("", screen).await)
}

/// Statements are sent as `statements[]=…`.
#[server(prefix = "/api", endpoint = "give-feedback")]
pub async fn give_feedback(#[server(flatten)] form: FeedbackForm) -> Result<(), AppError> {
    use crate::server::context::{Saved, finish};
    use crate::server::{context::current_writer, respond, services::feedback};
    let (hive, actor) = respond(current_writer("", &form).await)?;
    let done = feedback::give(hive.store.as_ref(), &actor, &form).await;
    let done = done.map(|()| Saved::new("Thank you: your feedback was sent", "/my/feedback#given"));
    respond(finish("", &form, done).await)
}

/// The resident takes their feedback back from publication; it is kept for the service.
#[server(prefix = "/api", endpoint = "withdraw-feedback")]
pub async fn withdraw_feedback(
    #[server(flatten)] form: crate::domain::feedback::WithdrawForm,
) -> Result<(), AppError> {
    use crate::server::context::{Saved, finish};
    use crate::server::{context::current_writer, respond, services::feedback};
    let (hive, actor) = respond(current_writer("", &form).await)?;
    let done = feedback::withdraw(hive.store.as_ref(), &actor, &form).await;
    let done = done.map(|()| {
        Saved::new(
            "Your feedback will not be published: it is kept for the service only",
            "/my/feedback#given",
        )
    });
    respond(finish("", &form, done).await)
}

#[server(prefix = "/api", endpoint = "moderation")]
pub async fn load_moderation() -> Result<Screen<ModerationQueue>, AppError> {
    use crate::server::context::{screen, take_kept};
    use crate::server::{current_actor, respond, services::feedback};
    let (hive, actor) = respond(current_actor().await)?;
    let queue = feedback::moderation(hive.store.as_ref(), &actor).await;
    let mut screen = respond(screen(queue).await)?;
    screen.data.kept = respond(take_kept("").await)?;
    Ok(screen)
}

/// Publish, hide (with a reason) or redact feedback waiting for moderation.
#[server(prefix = "/api", endpoint = "moderate")]
pub async fn moderate(#[server(flatten)] form: ModerateForm) -> Result<(), AppError> {
    use crate::server::context::{Saved, finish};
    use crate::server::{context::current_writer, respond, services::feedback};
    let (hive, actor) = respond(current_writer("", &form).await)?;
    let done = feedback::moderate(hive.store.as_ref(), &actor, &form).await;
    let done = done.map(|notice| Saved::new(notice, "/engagement/moderation"));
    respond(finish("", &form, done).await)
}

/// `/stories`: published stories, filtered by neighbourhood and service codes, paged.
#[server(prefix = "/api", endpoint = "stories")]
pub async fn load_stories(
    neighbourhood: Option<String>,
    service: Option<String>,
    before: Option<String>,
    unanswered: Option<String>,
) -> Result<Screen<Stories>, AppError> {
    use crate::server::context::{screen, take_kept};
    use crate::server::{current_actor, respond, services::feedback};
    let (hive, actor) = respond(current_actor().await)?;
    // Ids start at 1: anything else is the first page.
    let before = before
        .and_then(|b| b.trim().parse::<i64>().ok())
        .filter(|b| *b > 0);
    let stories = feedback::stories(
        hive.store.as_ref(),
        &actor,
        neighbourhood.as_deref().unwrap_or_default(),
        service.as_deref().unwrap_or_default(),
        before,
        unanswered.as_deref() == Some("yes"),
    )
    .await;
    let mut screen = respond(screen(stories).await)?;
    screen.data.kept_response = respond(take_kept("").await)?;
    screen.data.kept_report = respond(take_kept("").await)?;
    screen.data.kept_take_down = respond(take_kept("").await)?;
    Ok(screen)
}

/// Anyone may report a published story; it goes back to moderation.
#[server(prefix = "/api", endpoint = "report-story")]
pub async fn report_story(#[server(flatten)] form: ReportForm) -> Result<(), AppError> {
    use crate::server::context::{Saved, client_ip, finish};
    use crate::server::{context::current_writer, respond, services::feedback};
    let (hive, _actor) = respond(current_writer("", &form).await)?;
    let done = feedback::report(hive.store.as_ref(), &hive.report_limit, client_ip(), &form).await;
    let done = done.map(|()| {
        Saved::new(
            "Thank you for telling us. The story is hidden until a moderator has looked at it again.",
            crate::domain::feedback::StoryFilter::parse(&form.filter).href("/stories", None),
        )
    });
    respond(finish("", &form, done).await)
}

/// A moderator takes a published story down.
#[server(prefix = "/api", endpoint = "take-down-story")]
pub async fn take_down_story(
    #[server(flatten)] form: crate::domain::feedback::TakeDownForm,
) -> Result<(), AppError> {
    use crate::server::context::{Saved, finish};
    use crate::server::{context::current_writer, respond, services::feedback};
    let (hive, actor) = respond(current_writer("", &form).await)?;
    let done = feedback::take_down(hive.store.as_ref(), &actor, &form).await;
    let done = done.map(|()| {
        Saved::new(
            "The story was taken down: it is no longer published",
            crate::domain::feedback::StoryFilter::parse(&form.filter).href("/stories", None),
        )
    });
    respond(finish("", &form, done).await)
}

/// A public response ("you said, we did").
#[server(prefix = "/api", endpoint = "respond-to-story")]
pub async fn respond_to_story(#[server(flatten)] form: ResponseForm) -> Result<(), AppError> {
    use crate::server::context::{Saved, finish};
    use crate::server::{context::current_writer, respond, services::feedback};
    let (hive, actor) = respond(current_writer("", &form).await)?;
    let done = feedback::respond(hive.store.as_ref(), &actor, &form, false).await;
    let back = crate::domain::feedback::StoryFilter::parse(&form.filter)
        .after_answer("/stories", form.story.trim());
    let done = done.map(|()| Saved::new("Your response was published", back));
    respond(finish("", &form, done).await)
}

/// `/engagement/feedback` and `/team/feedback`: feedback its writers kept for the service,
/// filtered by neighbourhood and service codes, paged.
#[server(prefix = "/api", endpoint = "kept-for-service")]
pub async fn load_kept_for_service(
    neighbourhood: Option<String>,
    service: Option<String>,
    before: Option<String>,
    unanswered: Option<String>,
) -> Result<Screen<Stories>, AppError> {
    use crate::server::context::{screen, take_kept};
    use crate::server::{current_actor, respond, services::feedback};
    let (hive, actor) = respond(current_actor().await)?;
    let before = before
        .and_then(|b| b.trim().parse::<i64>().ok())
        .filter(|b| *b > 0);
    let kept = feedback::kept_for_service(
        hive.store.as_ref(),
        &actor,
        neighbourhood.as_deref().unwrap_or_default(),
        service.as_deref().unwrap_or_default(),
        before,
        unanswered.as_deref() == Some("yes"),
    )
    .await;
    let mut screen = respond(screen(kept).await)?;
    screen.data.kept_response = respond(take_kept(PRIVATE).await)?;
    Ok(screen)
}

/// Replies to a resident's feedback kept for the service are kept apart from public responses
/// when refused (their page takes them).
#[cfg(feature = "ssr")]
const PRIVATE: &str = "private";

/// A reply to feedback kept for the service: only the person who gave it reads it, with their
/// feedback.
#[server(prefix = "/api", endpoint = "reply-to-feedback")]
pub async fn reply_to_feedback(#[server(flatten)] form: ResponseForm) -> Result<(), AppError> {
    use crate::server::context::{Saved, finish};
    use crate::server::{context::current_writer, respond, services::feedback};
    let (hive, actor) = respond(current_writer(PRIVATE, &form).await)?;
    let done = feedback::respond(hive.store.as_ref(), &actor, &form, true).await;
    // Back to the page it was sent from: a team lead's is in their team's area.
    let page = match actor.person().map(|p| p.role) {
        Some(crate::domain::role::Role::TeamLead) => "/team/feedback",
        _ => "/engagement/feedback",
    };
    let back = crate::domain::feedback::StoryFilter::parse(&form.filter)
        .after_answer(page, form.story.trim());
    let done = done.map(|()| {
        Saved::new(
            "Your reply was sent to the person who gave the feedback. It is not published.",
            back,
        )
    });
    respond(finish(PRIVATE, &form, done).await)
}

#[server(prefix = "/api", endpoint = "services")]
pub async fn load_services() -> Result<Screen<crate::domain::feedback::ServicesScreen>, AppError> {
    use crate::server::context::{screen, take_kept};
    use crate::server::{current_actor, respond, services::feedback};
    let (hive, actor) = respond(current_actor().await)?;
    let data = feedback::services(hive.store.as_ref(), &actor).await;
    let mut screen = respond(screen(data).await)?;
    screen.data.kept = respond(take_kept("").await)?;
    Ok(screen)
}

#[server(prefix = "/api", endpoint = "add-service")]
pub async fn add_service(
    #[server(flatten)] form: crate::domain::feedback::ServiceForm,
) -> Result<(), AppError> {
    use crate::server::context::{Saved, finish};
    use crate::server::{context::current_writer, respond, services::feedback};
    let (hive, actor) = respond(current_writer("", &form).await)?;
    let done = feedback::add_service(hive.store.as_ref(), &actor, &form).await;
    let done = done.map(|name| Saved::new(format!("{name} added"), "/admin/services"));
    respond(finish("", &form, done).await)
}

#[server(prefix = "/api", endpoint = "service-state")]
pub async fn set_service_state(
    #[server(flatten)] form: crate::domain::feedback::ServiceStateForm,
) -> Result<(), AppError> {
    use crate::server::context::{Saved, finish};
    use crate::server::{context::current_writer, respond, services::feedback};
    let (hive, actor) = respond(current_writer("", &form).await)?;
    let done = feedback::set_service_state(hive.store.as_ref(), &actor, &form).await;
    let done = done.map(|notice| Saved::new(notice, "/admin/services"));
    respond(finish("", &form, done).await)
}
