//! The home of the personal area: a resident's own record, or the record they act for.

use crate::api::home::load_home;
use crate::api::summary::ConfirmReview;
use crate::components::card::{Card, Cards};
use crate::components::form::notice;
use crate::components::screen::screen;
use crate::domain::about_me::Section;
use crate::domain::carers::ActingFor;
use crate::domain::person::HomeScreen;
use crate::domain::record::RecordHead;
use crate::domain::role::Area;
use crate::domain::sharing::Scope;
use crate::domain::time::uk_date;
use crate::pages::resident::needs::NeedsFlag;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn Home() -> impl IntoView {
    screen(|| load_home(Area::Personal), home_view)
}

/// The personal area's home, from its view model (also what `/` shows residents): their own
/// record, or the record of the person they are acting for.
pub fn home_view(home: HomeScreen) -> AnyView {
    match home.person.acting_for.clone() {
        Some(acting) => view! { <ActingHome home acting /> }.into_any(),
        None => view! { <ResidentHome home /> }.into_any(),
    }
}

#[component]
fn ResidentHome(home: HomeScreen) -> impl IntoView {
    let person = home.person;
    let neighbourhood = person
        .neighbourhood
        .map(|n| format!("You live in the {n} neighbourhood."));
    view! {
        <Title text="Your record" />
        {notice(home.notice)}
        <h1>{format!("Hello, {}", person.name)}</h1>
        <p class="nhsuk-body-l">"This is your own record. Only you decide who sees it."</p>
        <p>
            {neighbourhood}
            " "
            <a href="/my/where-i-live">"Change where you live"</a>
        </p>
        {home.record.map(|record| view! { <RecordHeadView record own=true /> })}
        <Cards>
            <Card
                title="About me"
                href="/my/about-me"
                text="What matters to you, the people important to you, and how to support you."
            />
            <Card
                title="My goals"
                href="/my/goals"
                text="What you want to be able to do, and how it is going."
            />
            <Card
                title="Communication needs"
                href="/my/needs"
                text="How people should communicate with you and give you information."
            />
            <Card
                title="How things feel"
                href="/my/statements"
                text="How true the city's person statements feel for you now."
            />
            <Card
                title="Responses from your team"
                href="/my/responses"
                text="What your neighbourhood team wrote about what you share, your replies, and goals they proposed."
            />
            <Card
                title="Give feedback"
                href="/my/feedback"
                text="Tell your neighbourhood team or a service how it went, and see what they did about it."
            />
            <Card
                title="Sharing your record"
                href="/my/sharing"
                text="Choose what your neighbourhood team can see, part by part."
            />
            <Card
                title="Your carers"
                href="/my/carers"
                text="Let someone you trust see or change parts of your record for you."
            />
            <Card
                title="Who has seen your record"
                href="/my/activity"
                text="Everyone who has opened or changed your record, and when."
            />
            <Card
                title="People I care for"
                href="/caring"
                text="Act for someone who has given you permission."
            />
        </Cards>
    }
}

/// The home of the record a carer is acting for: only the parts their grant names.
#[component]
fn ActingHome(home: HomeScreen, acting: ActingFor) -> impl IntoView {
    let about_me = Section::ALL
        .iter()
        .any(|s| acting.can_see(Scope::AboutMe(*s)));
    let cards = [
        (
            about_me,
            "About me",
            "/my/about-me",
            "What matters to them, and how to support them.",
        ),
        (
            acting.can_see(Scope::Goals),
            "Goals",
            "/my/goals",
            "What they want to be able to do, and how it is going.",
        ),
        (
            acting.can_see(Scope::Needs),
            "Communication needs",
            "/my/needs",
            "How people should communicate with them and give them information.",
        ),
        (
            acting.can_see(Scope::Statements),
            "How things feel",
            "/my/statements",
            "How true the city's person statements feel for them.",
        ),
        (
            true,
            "Responses from their team",
            "/my/responses",
            "What their neighbourhood team wrote, and goals it proposed.",
        ),
        (
            true,
            "Give feedback",
            "/my/feedback",
            "Tell their team or a service how their care has been, for them.",
        ),
    ];
    view! {
        <Title text=format!("{}'s record", acting.name) />
        {notice(home.notice)}
        <h1>{format!("{}'s record", acting.name)}</h1>
        <p class="nhsuk-body-l">
            {format!(
                "You are acting for {}, with their permission. You see only the parts they chose, and everything you change is marked as written by you.",
                acting.name,
            )}
        </p>
        {home.record.map(|record| view! { <RecordHeadView record own=false /> })}
        <Cards>
            {cards
                .into_iter()
                .filter(|(shown, ..)| *shown)
                .map(|(_, title, href, text)| view! { <Card title href text /> })
                .collect_view()}
        </Cards>
    }
}

/// Needs first, then when the record was last reviewed, and a call to review it when due.
#[component]
fn RecordHeadView(record: RecordHead, own: bool) -> impl IntoView {
    let review = record.review;
    let when = review
        .last_reviewed
        .map(|at| match own {
            true => format!("Your record was last reviewed on {}.", uk_date(at)),
            false => format!("Their record was last changed on {}.", uk_date(at)),
        })
        .unwrap_or_else(|| match own {
            true => "You have not written anything in your record yet.".into(),
            false => "Nothing has been written in their record yet.".into(),
        });
    let due = (own && review.due).then(|| {
        view! {
            <div class="nhsuk-card nhsuk-card--warning">
<div class="nhsuk-card__content">
                <h2 class="nhsuk-card__heading">
                    <span role="text">
                        <span class="nhsuk-u-visually-hidden">"Important: "</span>
                        "Time to check your record"
                    </span>
                </h2>
                <p>
                    "It is a while since your record was last changed. Please look through it: is it still right?"
                </p>
                <ActionForm action={ServerAction::<ConfirmReview>::new()}>
                    <button type="submit" class="nhsuk-button">
                        "Nothing has changed"
                    </button>
                </ActionForm>
            </div>
            </div>
        }
    });
    let news = [
        match record.new_responses {
            0 => None,
            1 => Some("1 new response".to_string()),
            n => Some(format!("{n} new responses")),
        },
        match record.proposals_waiting {
            0 => None,
            1 => Some("1 proposed goal waiting for an answer".to_string()),
            n => Some(format!("{n} proposed goals waiting for an answer")),
        },
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>();
    let news = (!news.is_empty()).then(|| {
        view! {
            <div class="nhsuk-inset-text" id="team-news">
                <span class="nhsuk-u-visually-hidden">"Information: "</span>
                <p>
                    {format!("From {} neighbourhood team: {}. ", if own { "your" } else { "their" }, news.join("; "))}
                    <a href="/my/responses">"Read and answer"</a>
                </p>
            </div>
        }
    });
    view! {
        {record.needs.map(|needs| view! { <NeedsFlag needs /> })}
        {news}
        {due}
        <p class="app-meta">
            {when}
            " "
            <a href="/my/summary">
                {if own { "See the summary of your record" } else { "See the summary of their record" }}
            </a>
        </p>
    }
}
