//! The frame around every page: skip link, header with the signed-in person and their
//! navigation, and the footer.

use crate::api::auth::whoami;
use crate::domain::person::SignedIn;
use crate::domain::role::Role;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

/// Every page's title. On the server it is escaped here, because leptos_meta 0.8 writes the
/// `<title>` text into the page as it is (a name typed by someone could otherwise end the
/// element); in the browser it is set as plain text and needs no escaping.
fn title(text: String) -> String {
    let title = format!("{text} – Hive");
    #[cfg(feature = "ssr")]
    let title = crate::domain::text::escape_html(&title);
    title
}

#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let me = Resource::new(|| (), |_| whoami());
    view! {
        <Title formatter=title />
        <a class="skip-link" href="#main-content">
            "Skip to main content"
        </a>
        <header class="hive-header">
            <div class="hive-width hive-header__row">
                <a class="hive-header__service" href="/">
                    <span class="hive-header__logo" aria-hidden="true">
                        "Hive"
                    </span>
                    <span class="hive-header__name">"Hive – your care record and feedback"</span>
                </a>
                <Suspense fallback=|| ()>
                    {move || Suspend::new(async move {
                        match me.await {
                            Ok(Some(person)) => view! { <Account person /> }.into_any(),
                            _ => {
                                view! {
                                    <a class="hive-header__signin" href="/auth/login">
                                        "Sign in"
                                    </a>
                                }
                                    .into_any()
                            }
                        }
                    })}
                </Suspense>
            </div>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    let role = me.await.ok().flatten().map(|p| p.role);
                    view! { <Navigation role /> }
                })}
            </Suspense>
        </header>
        <div class="hive-width">
            <main id="main-content" class="hive-main" tabindex="-1">
                {children()}
            </main>
        </div>
        <Footer />
        <crate::components::enhanced_forms::EnhancedForms />
    }
}

#[component]
fn Account(person: SignedIn) -> impl IntoView {
    let detail = match &person.team {
        Some(team) => format!("{}, {}", person.role.label(), team),
        None => person.role.label().to_string(),
    };
    view! {
        <div class="hive-header__account">
            <p class="hive-header__person">
                <span class="hive-visually-hidden">"Signed in as "</span>
                <strong>{person.name}</strong>
                <span class="hive-header__role">{detail}</span>
            </p>
            <form method="post" action="/auth/logout">
                <button type="submit" class="hive-link-button">
                    "Sign out"
                </button>
            </form>
        </div>
    }
}

/// The links a role's area offers. Later issues add to each list as the pages arrive.
fn links(role: Option<Role>) -> Vec<(&'static str, &'static str)> {
    let mut links = vec![("/", "Home")];
    if let Some(area) = role.map(Role::area) {
        links.push((area.path(), area.label()));
    }
    links.push(("/about/neighbourhoods", "Neighbourhoods"));
    links
}

#[component]
fn Navigation(role: Option<Role>) -> impl IntoView {
    view! {
        <nav class="hive-nav" aria-label="Main">
            <ul class="hive-width hive-nav__list">
                {links(role)
                    .into_iter()
                    .map(|(href, label)| {
                        view! {
                            <li class="hive-nav__item">
                                <A href=href exact=true>
                                    {label}
                                </A>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </nav>
    }
}

#[component]
fn Footer() -> impl IntoView {
    view! {
        <footer class="hive-footer">
            <div class="hive-width">
                <h2 class="hive-visually-hidden">"Support links"</h2>
                <ul class="hive-footer__list">
                    <li>
                        <a href="/about/accessibility">"Accessibility statement"</a>
                    </li>
                    <li>
                        <a href="/about/privacy">"Privacy notice"</a>
                    </li>
                    <li>
                        <a href="/about/neighbourhoods">"Neighbourhoods and teams"</a>
                    </li>
                </ul>
                <p class="hive-footer__small">
                    "Hive is open-source software for joined-up health and social care."
                </p>
            </div>
        </footer>
    }
}
