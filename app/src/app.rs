//! The document shell and the route table: every URL Hive answers with a page.

use crate::components::layout::Layout;
use crate::components::not_found::NotFound;
use crate::pages::public::{self, about, auth};
use crate::pages::resident::{
    self, about_me, carers, feedback, goals, needs, responses, sharing, statements, summary,
    where_i_live,
};
use crate::pages::{admin, engagement, team};
use leptos::prelude::*;
use leptos_meta::{HashedStylesheet, MetaTags, provide_meta_context};
use leptos_router::components::{Outlet, ParentRoute, Route, Router, Routes};
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
/// and a page can still set its status or redirect. Each area is a parent route; a parent's
/// mode is its children's.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        <Router>
            <Layout>
                <Routes fallback=|| view! { <NotFound /> }>
                    <Route path=path!("") view=public::Home ssr=SsrMode::Async />
                    <Route path=path!("/stories") view=public::stories::StoriesPage ssr=SsrMode::Async />
                    <Route path=path!("/c/:slug") view=public::campaign::AnswerPage ssr=SsrMode::Async />
                    <ParentRoute path=path!("/my") view=Outlet ssr=SsrMode::Async>
                        <Route path=path!("") view=resident::Home />
                        <Route path=path!("about-me") view=about_me::AboutMe />
                        <Route path=path!("about-me/:section") view=about_me::AboutMeSection />
                        <Route
                            path=path!("about-me/:section/history")
                            view=about_me::AboutMeHistory
                        />
                        <Route path=path!("needs") view=needs::NeedsPage />
                        <Route path=path!("needs/history") view=needs::NeedsHistoryPage />
                        <Route path=path!("goals") view=goals::GoalsPage />
                        <Route path=path!("goals/new") view=goals::NewGoalPage />
                        <Route path=path!("goals/:key") view=goals::GoalPage />
                        <Route path=path!("goals/:key/history") view=goals::GoalHistoryPage />
                        <Route path=path!("statements") view=statements::StatementsPage />
                        <Route path=path!("statements/:code") view=statements::AnswerPage />
                        <Route path=path!("summary") view=summary::SummaryPage />
                        <Route path=path!("responses") view=responses::ResponsesPage />
                        <Route path=path!("feedback") view=feedback::FeedbackPage />
                        <Route path=path!("sharing") view=sharing::SharingPage />
                        <Route path=path!("activity") view=sharing::ActivityPage />
                        <Route path=path!("where-i-live") view=where_i_live::WhereILivePage />
                        <Route path=path!("carers") view=carers::CarersPage />
                        <Route path=path!("carers/:grant") view=carers::CarerPage />
                    </ParentRoute>
                    <ParentRoute path=path!("/caring") view=Outlet ssr=SsrMode::Async>
                        <Route path=path!("") view=carers::CaringPage />
                    </ParentRoute>
                    <ParentRoute path=path!("/team") view=Outlet ssr=SsrMode::Async>
                        <Route path=path!("") view=team::Home />
                        <Route path=path!("residents/:resident") view=team::ResidentPage />
                        <Route path=path!("statements") view=team::StatementsPage />
                        <Route path=path!("feedback") view=public::stories::KeptForServicePage />
                    </ParentRoute>
                    <ParentRoute path=path!("/engagement") view=Outlet ssr=SsrMode::Async>
                        <Route path=path!("") view=engagement::Home />
                        <Route path=path!("moderation") view=engagement::ModerationPage />
                        <Route path=path!("feedback") view=public::stories::KeptForServicePage />
                        <Route path=path!("campaigns") view=engagement::campaigns::CampaignsPage />
                        <Route path=path!("campaigns/:id") view=engagement::campaigns::CampaignPage />
                        <Route path=path!("dashboard") view=engagement::dashboard::DashboardPage />
                    </ParentRoute>
                    <ParentRoute path=path!("/admin") view=Outlet ssr=SsrMode::Async>
                        <Route path=path!("") view=admin::Home />
                        <Route path=path!("staff") view=admin::StaffDirectory />
                        <Route path=path!("staff/new") view=admin::AddStaffPage />
                        <Route path=path!("staff/:id") view=admin::ChangeStaffPage />
                        <Route path=path!("places") view=admin::Places />
                        <Route path=path!("services") view=admin::ServicesPage />
                        <Route path=path!("places/rename") view=admin::RenamePlacePage />
                        <Route path=path!("places/:kind/new") view=admin::AddPlacePage />
                    </ParentRoute>
                    <ParentRoute path=path!("/auth") view=Outlet ssr=SsrMode::Async>
                        <Route path=path!("login") view=auth::SignIn />
                        <Route path=path!("demo") view=auth::DemoSignIn />
                        <Route path=path!("problem") view=auth::SignInProblem />
                    </ParentRoute>
                    <ParentRoute path=path!("/about") view=Outlet ssr=SsrMode::Async>
                        <Route path=path!("accessibility") view=about::Accessibility />
                        <Route path=path!("privacy") view=about::Privacy />
                        <Route path=path!("neighbourhoods") view=about::Neighbourhoods />
                    </ParentRoute>
                </Routes>
            </Layout>
        </Router>
    }
}
