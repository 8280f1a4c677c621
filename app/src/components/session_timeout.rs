//! The warning before a signed-in session times out (WCAG 2.2.1, the NHS.UK timeout pattern).
//! A session nobody uses for `IDLE_LIFETIME_SECS` (30 minutes) has expired, and anything typed
//! but not saved is lost with it: five minutes before, this island opens a dialog that says so
//! and offers to stay signed in (which uses the session, so its idle time starts again) or to
//! sign out. Any page load starts the count again (the island comes with every page), and so
//! does a form sent in the background (`enhanced_forms` says so with a `hive:active` event).
//! Without JavaScript there is no warning; the server still keeps what a refused form had.

use leptos::prelude::*;

/// Minutes of inactivity before the warning, and minutes the warning gives.
#[island]
pub fn SessionTimeout(idle_secs: i64, warn_secs: i64) -> impl IntoView {
    let dialog = NodeRef::<leptos::html::Dialog>::new();
    // In the browser only (a server renders the dialog closed and has no timers).
    #[cfg(feature = "hydrate")]
    let count = browser::watch(dialog, idle_secs, warn_secs);
    #[cfg(not(feature = "hydrate"))]
    let _ = idle_secs;
    let minutes = warn_secs / 60;
    let stay = move |_| {
        #[cfg(feature = "hydrate")]
        browser::stay(count.clone());
    };
    view! {
        <dialog
            node_ref=dialog
            class="app-timeout"
            aria-labelledby="timeout-title"
            aria-describedby="timeout-text"
        >
            <h2 class="nhsuk-heading-m" id="timeout-title">"You will be signed out soon"</h2>
            <p id="timeout-text">
                {format!(
                    "You have not used Hive for a while. To protect your information, you will be signed out in {minutes} minutes, and anything you have typed but not saved will be lost.",
                )}
            </p>
            <div class="nhsuk-button-group">
                <button type="button" class="nhsuk-button" on:click=stay>
                    "Stay signed in"
                </button>
                <form method="post" action="/auth/logout">
                    <button type="submit" class="nhsuk-button nhsuk-button--secondary">
                        "Sign out"
                    </button>
                </form>
            </div>
        </dialog>
    }
}

#[cfg(feature = "hydrate")]
mod browser {
    use leptos::prelude::*;
    use leptos::wasm_bindgen::JsCast;
    use std::cell::Cell;
    use std::rc::Rc;
    use std::time::Duration;

    /// One page's count: its dialog, which count is the latest (a timer from an earlier one
    /// does nothing), and the two lengths (seconds).
    #[derive(Clone)]
    pub struct Count {
        dialog: NodeRef<leptos::html::Dialog>,
        latest: Rc<Cell<u64>>,
        idle: i64,
        warn: i64,
    }

    /// Starts the count, and starts it again on every `hive:active` event.
    pub fn watch(dialog: NodeRef<leptos::html::Dialog>, idle: i64, warn: i64) -> Count {
        let count = Count {
            dialog,
            latest: Rc::new(Cell::new(0)),
            idle,
            warn,
        };
        restart(&count);
        let again = count.clone();
        let active = window_event_listener_untyped("hive:active", move |_| restart(&again));
        on_cleanup(move || active.remove());
        count
    }

    /// From now: the warning at `idle - warn` seconds; at `idle` the session has expired, and
    /// the page is loaded again, which shows the person signed out.
    fn restart(count: &Count) {
        let this = count.latest.get() + 1;
        count.latest.set(this);
        if let Some(open) = count.dialog.get_untracked()
            && open.open()
        {
            open.close();
        }
        let secs = |n: i64| Duration::from_secs(u64::try_from(n.max(0)).unwrap_or(0));
        let (dialog, latest) = (count.dialog, count.latest.clone());
        set_timeout(
            move || {
                if latest.get() == this
                    && let Some(dialog) = dialog.get_untracked()
                {
                    let _ = dialog.show_modal();
                }
            },
            secs(count.idle - count.warn),
        );
        let latest = count.latest.clone();
        set_timeout(
            move || {
                if latest.get() == this {
                    let _ = window().location().reload();
                }
            },
            secs(count.idle),
        );
    }

    /// "Stay signed in": the server counts the session as used; then the count starts again.
    /// Signed out meanwhile (in another tab, say), the page is loaded again.
    pub fn stay(count: Count) {
        leptos::task::spawn_local(async move {
            let init = leptos::web_sys::RequestInit::new();
            init.set_method("POST");
            let answer = wasm_bindgen_futures::JsFuture::from(
                window().fetch_with_str_and_init("/auth/still-here", &init),
            )
            .await
            .ok()
            .and_then(|r| r.dyn_into::<leptos::web_sys::Response>().ok());
            match answer {
                Some(r) if r.ok() => restart(&count),
                _ => {
                    let _ = window().location().reload();
                }
            }
        });
    }
}
