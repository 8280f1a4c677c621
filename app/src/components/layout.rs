//! The frame around every page: skip link, header with the signed-in person and their
//! navigation, and the footer.

use crate::api::auth::whoami;
use crate::components::screen::unless_it_panics;
use crate::domain::person::SignedIn;
use crate::domain::role::Role;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_location;

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
    let me = Resource::new(|| (), |_| unless_it_panics(whoami()));
    // Read now, while the page is being built, not inside the header's `Suspend` after the
    // load: read there, the router's location was once found already disposed (a panic,
    // answered 500), as its redirect function and response were once not found.
    let here = use_location().pathname.get_untracked();
    view! {
        <Title formatter=title />
        <a class="nhsuk-skip-link" href="#main-content">
            "Skip to main content"
        </a>
        <Suspense fallback=|| ()>
            {move || {
                let here = here.clone();
                Suspend::new(async move {
                    let person = me.await.ok().flatten();
                    view! { <Header person here /> }
                })
            }}
        </Suspense>
        <div class="nhsuk-width-container">
            <main id="main-content" class="nhsuk-main-wrapper" tabindex="-1">
                {children()}
            </main>
        </div>
        <Footer />
        <crate::components::enhanced_forms::EnhancedForms />
    }
}

/// The NHS.UK header: the service name, who is signed in (or a way to sign in), and the
/// person's navigation. nhsuk-frontend's script, which folds long menus, is not used: the
/// menu is short and wraps.
#[component]
fn Header(person: Option<SignedIn>, here: String) -> impl IntoView {
    let role = person.as_ref().map(|p| p.role);
    let signed_in = person.is_some();
    let acting = person
        .as_ref()
        .and_then(|p| match (&p.acting_for, p.acting_ended) {
            (Some(a), _) => Some(Some(a.name.clone())),
            (None, true) => Some(None),
            (None, false) => None,
        });
    view! {
        <header class="nhsuk-header" role="banner">
            <div class="nhsuk-header__container nhsuk-width-container">
                <div class="nhsuk-header__service">
                    <a class="nhsuk-header__service-name" href="/">
                        "Hive – your care record and feedback"
                    </a>
                </div>
                <nav class="nhsuk-header__account" aria-label="Account">
                    <ul class="nhsuk-header__account-list">
                        {match person {
                            Some(person) => view! { <Account person /> }.into_any(),
                            None => {
                                view! {
                                    <li class="nhsuk-header__account-item">
                                        <a class="nhsuk-header__account-link" href="/auth/login">
                                            "Sign in"
                                        </a>
                                    </li>
                                }
                                    .into_any()
                            }
                        }}
                    </ul>
                </nav>
            </div>
            <Navigation role here />
            {acting.map(|name| view! { <ActingBanner name /> })}
            {signed_in
                .then(|| {
                    view! {
                        <crate::components::session_timeout::SessionTimeout
                            idle_secs=crate::domain::person::IDLE_LIFETIME_SECS
                            warn_secs=5 * 60
                        />
                    }
                })}
        </header>
    }
}

/// On every page while a carer acts for someone: whose record this is, and the way back. With
/// no name, the permission has ended since they chose it.
#[component]
fn ActingBanner(name: Option<String>) -> impl IntoView {
    let text = match name {
        Some(name) => view! {
            "You are acting for "
            <strong>{name}</strong>
        }
        .into_any(),
        None => "Your permission to act for this person has ended or been revoked.".into_any(),
    };
    view! {
        <div class="app-acting">
            <div class="nhsuk-width-container app-acting__container">
                <p class="app-acting__text">{text}</p>
                <ActionForm
                    action={ServerAction::<crate::api::carers::StopActing>::new()}
                    attr:class="app-acting__form"
                >
                    <button type="submit" class="nhsuk-button nhsuk-button--secondary nhsuk-button--small">
                        "Back to your own record"
                    </button>
                </ActionForm>
            </div>
        </div>
    }
}

#[component]
fn Account(person: SignedIn) -> impl IntoView {
    let detail = match &person.team {
        Some(team) => format!("{}, {}", person.role.label(), team),
        None => person.role.label().to_string(),
    };
    view! {
        <li class="nhsuk-header__account-item">
            // One child, so the item's flex gap does not split the name from its comma.
            <span>
                <span class="nhsuk-u-visually-hidden">"Signed in as "</span>
                <strong>{person.name}</strong>
                {format!(", {detail}")}
            </span>
        </li>
        <li class="nhsuk-header__account-item">
            <form class="nhsuk-header__account-form" method="post" action="/auth/logout">
                <button type="submit" class="nhsuk-header__account-button">
                    "Sign out"
                </button>
            </form>
        </li>
    }
}

/// The links a role's area offers. Later issues add to each list as the pages arrive.
fn links(role: Option<Role>) -> Vec<(&'static str, &'static str)> {
    let mut links = vec![("/", "Home")];
    if let Some(area) = role.map(Role::area) {
        links.push((area.path(), area.label()));
        if area == crate::domain::role::Area::Personal {
            links.push(("/caring", "People I care for"));
        }
    }
    links.push(("/about/neighbourhoods", "Neighbourhoods"));
    links
}

#[component]
fn Navigation(role: Option<Role>, here: String) -> impl IntoView {
    view! {
        <nav class="nhsuk-header__navigation" aria-label="Menu">
            <div class="nhsuk-header__navigation-container nhsuk-width-container">
                <ul class="nhsuk-header__navigation-list">
                    {links(role)
                        .into_iter()
                        .map(|(href, label)| {
                            let current = here == href;
                            let class = if current {
                                "nhsuk-header__navigation-item nhsuk-header__navigation-item--current"
                            } else {
                                "nhsuk-header__navigation-item"
                            };
                            view! {
                                <li class=class>
                                    <a
                                        class="nhsuk-header__navigation-link"
                                        href=href
                                        aria-current=current.then_some("page")
                                    >
                                        {if current {
                                            view! {
                                                <strong class="nhsuk-header__navigation-item-current-fallback">
                                                    {label}
                                                </strong>
                                            }
                                                .into_any()
                                        } else {
                                            label.into_any()
                                        }}
                                    </a>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </div>
        </nav>
    }
}

#[component]
fn Footer() -> impl IntoView {
    view! {
        <footer class="nhsuk-footer" role="contentinfo">
            <div class="nhsuk-width-container">
                <div class="nhsuk-footer__meta">
                    <h2 class="nhsuk-u-visually-hidden">"Support links"</h2>
                    <ul class="nhsuk-footer__list">
                        <li class="nhsuk-footer__list-item">
                            <a class="nhsuk-footer__list-item-link" href="/about/accessibility">
                                "Accessibility statement"
                            </a>
                        </li>
                        <li class="nhsuk-footer__list-item">
                            <a class="nhsuk-footer__list-item-link" href="/about/privacy">
                                "Privacy notice"
                            </a>
                        </li>
                        <li class="nhsuk-footer__list-item">
                            <a class="nhsuk-footer__list-item-link" href="/about/neighbourhoods">
                                "Neighbourhoods and teams"
                            </a>
                        </li>
                    </ul>
                    <p class="nhsuk-body-s">
                        "Hive is open-source software for joined-up health and social care."
                    </p>
                </div>
            </div>
        </footer>
    }
}
