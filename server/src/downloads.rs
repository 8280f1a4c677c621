//! CSV downloads: the dashboard's figures and a campaign's answers. Plain axum routes (a file,
//! not a page); who may download is decided by the same services the pages use.

use app::domain::dashboard::DashboardFilter;
use app::error::AppError;
use app::server::Hive;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use tower_sessions::Session;

pub fn routes<S>() -> Router<S>
where
    Hive: axum::extract::FromRef<S>,
    S: Clone + Send + Sync + 'static,
{
    Router::new()
        .route("/engagement/dashboard.csv", get(dashboard))
        .route("/engagement/campaigns/{id}/answers.csv", get(answers))
}

fn csv(result: Result<String, AppError>, name: &str) -> Response {
    match result {
        Ok(body) => {
            let mut response = body.into_response();
            let headers = response.headers_mut();
            headers.insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/csv; charset=utf-8"),
            );
            if let Ok(value) = HeaderValue::from_str(&format!("attachment; filename=\"{name}\"")) {
                headers.insert(header::CONTENT_DISPOSITION, value);
            }
            response
        }
        Err(err) => {
            let status = StatusCode::from_u16(err.status()).unwrap_or(StatusCode::NOT_FOUND);
            (status, err.to_string()).into_response()
        }
    }
}

async fn dashboard(
    State(hive): State<Hive>,
    session: Session,
    Query(filter): Query<DashboardFilter>,
) -> Response {
    let store = hive.store.as_ref();
    let result = match app::server::actor::from_session(store, &session, hive.demo).await {
        Ok(actor) => app::server::services::dashboard::dashboard_csv(store, &actor, &filter).await,
        Err(err) => Err(err),
    };
    csv(result, "hive-dashboard.csv")
}

async fn answers(State(hive): State<Hive>, session: Session, Path(id): Path<String>) -> Response {
    let store = hive.store.as_ref();
    let result = match app::server::actor::from_session(store, &session, hive.demo).await {
        Ok(actor) => app::server::services::campaigns::answers_csv(store, &actor, &id).await,
        Err(err) => Err(err),
    };
    csv(result, "hive-campaign-answers.csv")
}
