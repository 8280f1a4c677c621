//! The document shell and the route table: every URL Hive answers with a page.

use crate::components::layout::Layout;
use crate::components::not_found::NotFound;
use crate::domain::role::Area;
use crate::pages::{about, about_me, admin, auth, goals, home, needs, statements, summary};
use leptos::prelude::*;
use leptos_meta::{HashedStylesheet, MetaTags, provide_meta_context};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{SsrMode, path};

pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    set_content_security_policy();
    view! {
        <!DOCTYPE html>
        <html lang="en-GB">
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <HashedStylesheet options=options.clone() />
                <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
                <HydrationScripts options islands=true />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

/// Only Hive's own files and the inline scripts Leptos writes into this response (they carry
/// this response's nonce) may run; nothing may frame Hive or post its forms elsewhere.
#[cfg(feature = "ssr")]
fn set_content_security_policy() {
    use leptos::nonce::use_nonce;
    let (Some(nonce), Some(response)) =
        (use_nonce(), use_context::<leptos_axum::ResponseOptions>())
    else {
        return;
    };
    let providers = use_context::<crate::server::Hive>()
        .map(|hive| hive.provider_origins.join(" "))
        .unwrap_or_default();
    let policy = format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; \
         form-action 'self' {providers}; frame-ancestors 'none'; object-src 'none'; \
         base-uri 'none'"
    );
    if let Ok(value) = http::HeaderValue::from_str(&policy) {
        response.insert_header(http::header::CONTENT_SECURITY_POLICY, value);
    }
}

/// Every route renders in `SsrMode::Async`: the whole page, header included, is in the HTML, so
/// it works without JavaScript (streamed modes send late parts in templates that need script)
/// and a page can still set its status or redirect.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let area = |area: Area| move || view! { <home::AreaHome area /> };
    view! {
        <Router>
            <Layout>
                <Routes fallback=|| view! { <NotFound /> }>
                    <Route path=path!("") view=home::Home ssr=SsrMode::Async />
                    <Route path=path!("/my") view=area(Area::Personal) ssr=SsrMode::Async />
                    <Route path=path!("/my/about-me") view=about_me::AboutMe ssr=SsrMode::Async />
                    <Route path=path!("/my/needs") view=needs::NeedsPage ssr=SsrMode::Async />
                    <Route
                        path=path!("/my/needs/history")
                        view=needs::NeedsHistoryPage
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("/my/summary") view=summary::SummaryPage ssr=SsrMode::Async />
                    <Route path=path!("/my/goals") view=goals::GoalsPage ssr=SsrMode::Async />
                    <Route
                        path=path!("/my/statements")
                        view=statements::StatementsPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/my/statements/:code")
                        view=statements::AnswerPage
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("/my/goals/new") view=goals::NewGoalPage ssr=SsrMode::Async />
                    <Route path=path!("/my/goals/:key") view=goals::GoalPage ssr=SsrMode::Async />
                    <Route
                        path=path!("/my/goals/:key/history")
                        view=goals::GoalHistoryPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/my/about-me/:section")
                        view=about_me::AboutMeSection
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/my/about-me/:section/history")
                        view=about_me::AboutMeHistory
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("/team") view=area(Area::Team) ssr=SsrMode::Async />
                    <Route
                        path=path!("/engagement")
                        view=area(Area::Engagement)
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("/admin") view=area(Area::Admin) ssr=SsrMode::Async />
                    <Route path=path!("/auth/login") view=auth::SignIn ssr=SsrMode::Async />
                    <Route path=path!("/auth/demo") view=auth::DemoSignIn ssr=SsrMode::Async />
                    <Route
                        path=path!("/auth/problem")
                        view=auth::SignInProblem
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/admin/staff")
                        view=admin::StaffDirectory
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/admin/staff/new")
                        view=admin::AddStaffPage
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("/admin/places") view=admin::Places ssr=SsrMode::Async />
                    <Route
                        path=path!("/admin/places/rename")
                        view=admin::RenamePlacePage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/admin/places/:kind/new")
                        view=admin::AddPlacePage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/admin/staff/:id")
                        view=admin::ChangeStaffPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("/about/accessibility")
                        view=about::Accessibility
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("/about/privacy") view=about::Privacy ssr=SsrMode::Async />
                    <Route
                        path=path!("/about/neighbourhoods")
                        view=about::Neighbourhoods
                        ssr=SsrMode::Async
                    />
                </Routes>
            </Layout>
        </Router>
    }
}
