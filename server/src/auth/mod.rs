//! Sign-in and sign-out routes. Plain axum handlers (not server functions): browsers post to
//! them with ordinary forms and follow the redirect, with or without JavaScript.

use crate::web::AppState;
use app::domain::ids::PersonId;
use app::error::AppError;
use app::server::Hive;
use app::server::services::auth;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::post;
use axum::{Form, Router};
use serde::Deserialize;
use tower_sessions::Session;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/auth/demo", post(demo_sign_in))
        .route("/auth/logout", post(sign_out))
}

#[derive(Deserialize)]
struct DemoSignIn {
    person: i64,
}

async fn demo_sign_in(
    State(hive): State<Hive>,
    session: Session,
    Form(form): Form<DemoSignIn>,
) -> Response {
    match auth::demo_sign_in(&hive, &session, PersonId(form.person)).await {
        Ok(()) => Redirect::to("/").into_response(),
        Err(err) => plain_error(err),
    }
}

async fn sign_out(session: Session) -> Response {
    match auth::sign_out(&session).await {
        Ok(()) => Redirect::to("/").into_response(),
        Err(err) => plain_error(err),
    }
}

fn plain_error(err: AppError) -> Response {
    let status = StatusCode::from_u16(err.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    (status, err.to_string()).into_response()
}
