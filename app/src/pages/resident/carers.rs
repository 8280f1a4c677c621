//! Carers: the resident's invitations and grants (`/my/carers`, `/my/carers/{grant}`), and the
//! carer's side (`/caring`): the people they care for, acting for one, and accepting an
//! invitation code.

use crate::api::carers::{
    AcceptInvitation, ActFor, ChangeCarer, InviteCarer, RevokeCarer, load_carer, load_carers,
    load_caring,
};
use crate::components::form::{Choices, DateField, ErrorSummary, TextField, notice};
use crate::components::screen::{param, screen};
use crate::domain::carers::{
    AcceptForm, CODE_CHARS, CarerGrant, CarersNow, CaringNow, GrantForm, GrantStatus, InviteForm,
    MAX_NAME_CHARS, MAX_RELATIONSHIP_CHARS, Permission,
};
use crate::domain::form::{FormScreen, date_message, message_for};
use crate::domain::sharing::Scope;
use crate::domain::time::{uk_date, uk_date_time};
use crate::error::FieldError;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

fn scope_options() -> Vec<(String, String)> {
    Scope::all()
        .into_iter()
        .map(|scope| (scope.code(), scope.label()))
        .collect()
}

/// What a grant allows, in words: "Can see and change: …" then "Can see: …".
fn permissions_text(permissions: &[Permission]) -> Vec<String> {
    let labels = |change: bool| -> Vec<String> {
        permissions
            .iter()
            .filter(|p| p.change == change)
            .map(|p| p.scope.label())
            .collect()
    };
    let mut lines = Vec::new();
    let (change, see) = (labels(true), labels(false));
    if !change.is_empty() {
        lines.push(format!("Can see and change: {}", change.join("; ")));
    }
    if !see.is_empty() {
        lines.push(format!("Can see: {}", see.join("; ")));
    }
    lines
}

fn status_tag(status: GrantStatus) -> impl IntoView {
    let colour = match status {
        GrantStatus::Active => "nhsuk-tag--green",
        GrantStatus::Pending => "nhsuk-tag--blue",
        _ => "nhsuk-tag--grey",
    };
    view! { <strong class=format!("nhsuk-tag {colour}")>{status.label()}</strong> }
}

/// The parts they may see and change, and an optional last day: the invitation's and the
/// change form's shared fields.
#[component]
fn GrantFields(start: GrantForm, problems: Vec<FieldError>) -> impl IntoView {
    view! {
        <Choices
            name="see"
            legend="What they can see"
            hint="Select every part they can read."
            options=scope_options()
            checked=start.see
            error=message_for(&problems, "see")
        />
        <Choices
            name="change"
            legend="What they can also change"
            hint="They can see these parts too. Everything they change is marked as written by them."
            options=scope_options()
            checked=start.change
            error=message_for(&problems, "change")
        />
        <DateField
            name="ends"
            legend="Last day they can act for you (optional)"
            hint="Leave empty if there is no end date. For example, 31 3 2027"
            day=start.ends_day
            month=start.ends_month
            year=start.ends_year
            error=date_message(&problems, "ends")
        />
    }
}

#[component]
pub fn CarersPage() -> impl IntoView {
    screen(load_carers, |screen| view! { <Carers screen /> })
}

#[component]
fn Carers(screen: FormScreen<CarersNow, InviteForm>) -> impl IntoView {
    let problems = screen.problems();
    let start = screen.start_with(|_| InviteForm::default());
    let CarersNow {
        grants,
        new_invitation,
    } = screen.data;
    let grant_start = GrantForm {
        see: start.see.clone(),
        change: start.change.clone(),
        ends_day: start.ends_day.clone(),
        ends_month: start.ends_month.clone(),
        ends_year: start.ends_year.clone(),
    };
    let invitation = new_invitation.map(|inv| {
        let link = format!("/caring?code={}", inv.code);
        view! {
            <div class="nhsuk-inset-text" id="new-invitation">
                <span class="nhsuk-u-visually-hidden">"Information: "</span>
                <h2 class="nhsuk-heading-m">{format!("Give {} this code", inv.name)}</h2>
                <p class="nhsuk-heading-l app-code" id="invitation-code">{inv.code.clone()}</p>
                <p>
                    {format!(
                        "It works once, until {}. They sign in to Hive, choose \"People I care for\" and enter it, or open this link after signing in: ",
                        uk_date_time(inv.expires_at),
                    )}
                    <a href=link.clone()>{link.clone()}</a>
                </p>
                <p>"We show this code only once. If it is lost, cancel this invitation and make a new one."</p>
            </div>
        }
    });
    view! {
        <Title text="Your carers" />
        <ErrorSummary problems=problems.clone() />
        {notice(screen.notice)}
        <h1>"Your carers"</h1>
        {invitation}
        <p class="nhsuk-body-l">
            "A carer is someone you trust to see, and if you choose to change, parts of your record for you: a family member, a friend, a neighbour."
        </p>
        <p>
            "You choose what each carer can do, part by part, and can change it or stop it at any time. Everything they read or change is listed on "
            <a href="/my/activity">"who has seen your record"</a>
            ". Only you can change what you share with your team, or who your carers are."
        </p>
        <h2 class="nhsuk-heading-m">"People who can act for you"</h2>
        {if grants.is_empty() {
            view! { <p>"You have not invited anyone yet."</p> }.into_any()
        } else {
            view! {
                <ul class="nhsuk-list app-version-list">
                    {grants.into_iter().map(|g| view! { <GrantSummary grant=g /> }).collect_view()}
                </ul>
            }
                .into_any()
        }}
        <h2 class="nhsuk-heading-m">"Invite a carer"</h2>
        <ActionForm action={ServerAction::<InviteCarer>::new()}>
            <TextField
                id="name"
                label="Their name"
                value=start.name
                error=message_for(&problems, "name")
                maxlength=MAX_NAME_CHARS
                autocomplete="off"
            />
            <TextField
                id="relationship"
                label="How they are related to you"
                hint="For example, daughter, husband, friend or neighbour"
                value=start.relationship
                error=message_for(&problems, "relationship")
                maxlength=MAX_RELATIONSHIP_CHARS
                width="nhsuk-input--width-20"
            />
            <GrantFields start=grant_start problems=problems.clone() />
            <button type="submit" class="nhsuk-button">
                "Make an invitation code"
            </button>
        </ActionForm>
        <p>
            <a href="/my">"Back to your record"</a>
        </p>
    }
}

#[component]
fn GrantSummary(grant: CarerGrant) -> impl IntoView {
    let href = format!("/my/carers/{}", grant.id);
    let who = match &grant.carer_name {
        Some(accepted) if *accepted != grant.name => {
            format!(
                "{} ({}), signed in as {accepted}",
                grant.name, grant.relationship
            )
        }
        _ => format!("{} ({})", grant.name, grant.relationship),
    };
    let until = grant
        .last_day
        .map(|d| format!("Until the end of {}", d.label()));
    view! {
        <li>
            <h3 class="nhsuk-heading-s">
                <a href=href>{who}</a>
                " "
                {status_tag(grant.status)}
            </h3>
            {permissions_text(&grant.permissions)
                .into_iter()
                .map(|line| view! { <p class="nhsuk-u-margin-bottom-1">{line}</p> })
                .collect_view()}
            <p class="app-meta">
                {format!("Invited {}", uk_date(grant.times.invited_at))}
                {grant.times.accepted_at.map(|at| format!(", accepted {}", uk_date(at)))}
                {grant.times.revoked_at.map(|at| format!(", revoked {}", uk_date(at)))}
                {until.map(|u| format!(". {u}"))}
            </p>
        </li>
    }
}

#[component]
pub fn CarerPage() -> impl IntoView {
    let grant = param("grant");
    screen(
        move || load_carer(grant.clone()),
        |screen| view! { <Carer screen /> },
    )
}

#[component]
fn Carer(screen: FormScreen<CarerGrant, GrantForm>) -> impl IntoView {
    let problems = screen.problems();
    let start = screen.start_with(CarerGrant::form);
    let grant = screen.data;
    let id = grant.id.to_string();
    let open = grant.status.is_open();
    let title = format!("{} ({})", grant.name, grant.relationship);
    let revoke_label = if grant.status == GrantStatus::Pending {
        "Cancel this invitation"
    } else {
        "Stop them acting for you"
    };
    let change = open.then(|| {
        let id = id.clone();
        let problems = problems.clone();
        view! {
            <h2 class="nhsuk-heading-m">"Change what they can do"</h2>
            <ActionForm action={ServerAction::<ChangeCarer>::new()}>
                <input type="hidden" name="grant" value=id />
                <GrantFields start problems=problems.clone() />
                <button type="submit" class="nhsuk-button">
                    "Save changes"
                </button>
            </ActionForm>
            <h2 class="nhsuk-heading-m">{revoke_label}</h2>
            <p>"This takes effect straight away: the next page they open is refused."</p>
        }
    });
    let revoke = (grant.status != GrantStatus::Revoked).then(|| {
        view! {
            <ActionForm action={ServerAction::<RevokeCarer>::new()}>
                <input type="hidden" name="grant" value=id.clone() />
                <button type="submit" class="nhsuk-button nhsuk-button--warning">
                    {revoke_label}
                </button>
            </ActionForm>
        }
    });
    view! {
        <Title text=format!("Carer: {title}") />
        <ErrorSummary problems=problems.clone() />
        {notice(screen.notice)}
        <h1>{title}</h1>
        <p>{status_tag(grant.status)}</p>
        {permissions_text(&grant.permissions)
            .into_iter()
            .map(|line| view! { <p>{line}</p> })
            .collect_view()}
        {change}
        {revoke}
        <p>
            <a href="/my/carers">"Back to your carers"</a>
        </p>
    }
}

#[component]
pub fn CaringPage() -> impl IntoView {
    let code = use_query_map().get_untracked().get("code");
    screen(load_caring, move |screen| {
        view! { <CaringView screen code=code.clone() /> }
    })
}

#[component]
fn CaringView(screen: FormScreen<CaringNow, AcceptForm>, code: Option<String>) -> impl IntoView {
    let problems = screen.problems();
    let start = screen.start_with(|_| AcceptForm {
        code: code.unwrap_or_default(),
    });
    let CaringNow { people, acting_for } = screen.data;
    let acting = acting_for.map(|name| {
        view! {
            <p class="nhsuk-inset-text">
                {format!("You are acting for {name} now. Choose someone else, or go back to your own record from the bar at the top.")}
            </p>
        }
    });
    view! {
        <Title text="People I care for" />
        <ErrorSummary problems=problems.clone() />
        {notice(screen.notice)}
        <h1>"People I care for"</h1>
        {acting}
        <p class="nhsuk-body-l">
            "When someone gives you permission, you can see and change parts of their record for them. Choose a person to act for them: every page is then theirs until you go back to your own record."
        </p>
        {if people.is_empty() {
            view! { <p>"Nobody has given you permission yet."</p> }.into_any()
        } else {
            view! {
                <ul class="nhsuk-list app-version-list">
                    {people
                        .into_iter()
                        .map(|person| {
                            let name = person.resident_name.clone();
                            let act = person.status.is_live().then(move || {
                                view! {
                                    <ActionForm action={ServerAction::<ActFor>::new()}>
                                        <input type="hidden" name="grant" value=person.grant.to_string() />
                                        <button type="submit" class="nhsuk-button nhsuk-button--secondary">
                                            {format!("Act for {name}")}
                                        </button>
                                    </ActionForm>
                                }
                            });
                            let until = person
                                .last_day
                                .map(|d| format!("Until the end of {}.", d.label()));
                            view! {
                                <li>
                                    <h2 class="nhsuk-heading-s">
                                        {format!("{} (you are their {})", person.resident_name, person.relationship)}
                                        " "
                                        {status_tag(person.status)}
                                    </h2>
                                    {permissions_text(&person.permissions)
                                        .into_iter()
                                        .map(|line| view! { <p class="nhsuk-u-margin-bottom-1">{line}</p> })
                                        .collect_view()}
                                    <p class="app-meta">{until}</p>
                                    {act}
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            }
                .into_any()
        }}
        <h2 class="nhsuk-heading-m">"Enter an invitation code"</h2>
        <ActionForm action={ServerAction::<AcceptInvitation>::new()}>
            <TextField
                id="code"
                label="Invitation code"
                hint="The 12 letters and numbers the person gave you, for example 7KQ3-M9XD-2HBT"
                value=start.code
                error=message_for(&problems, "code")
                maxlength=CODE_CHARS + 8
                autocomplete="off"
                width="nhsuk-input--width-10"
            />
            <button type="submit" class="nhsuk-button">
                "Accept the invitation"
            </button>
        </ActionForm>
        <p>
            <a href="/my">"Back to your record"</a>
        </p>
    }
}
