//! The NHS.UK character count, as an island: the one part of a form page that runs in the
//! browser. Without JavaScript the message under the field states the limit and the server
//! checks it.

use leptos::prelude::*;

/// Under the textarea `field`: "You can enter up to 2,000 characters" (`{field}-info`, which the
/// textarea is described by), and, once the island has hydrated, "You have 1,234 characters
/// remaining" (`{field}-count`), kept up to date as the person types and said politely to
/// screen readers. The markup is nhsuk-frontend's; its own script is not used.
#[island]
pub fn CharacterCount(field: String, max: usize, used: usize) -> impl IntoView {
    let used = RwSignal::new(used);
    let live = RwSignal::new(false);
    Effect::new(move || live.set(true));
    let watched = field.clone();
    let listener = window_event_listener(leptos::ev::input, move |event| {
        use leptos::wasm_bindgen::JsCast;
        let Some(textarea) = event
            .target()
            .and_then(|t| t.dyn_into::<leptos::web_sys::HtmlTextAreaElement>().ok())
        else {
            return;
        };
        if textarea.id() == watched {
            used.set(count(&textarea.value()));
        }
    });
    on_cleanup(move || listener.remove());
    let over = move || used.get() > max;
    view! {
        <div
            id=format!("{field}-info")
            class=move || {
                if live.get() {
                    "nhsuk-hint nhsuk-character-count__message nhsuk-u-visually-hidden"
                } else {
                    "nhsuk-hint nhsuk-character-count__message"
                }
            }
        >
            {format!("You can enter up to {} characters", thousands(max))}
        </div>
        <div
            id=format!("{field}-count")
            class=move || {
                if live.get() && over() {
                    "nhsuk-error-message nhsuk-character-count__status"
                } else {
                    "nhsuk-hint nhsuk-character-count__status"
                }
            }
            aria-live="polite"
        >
            {move || live.get().then(|| message(used.get(), max))}
        </div>
    }
}

/// Characters as the server counts them (line endings as one).
fn count(text: &str) -> usize {
    text.replace("\r\n", "\n").chars().count()
}

fn message(used: usize, max: usize) -> String {
    let plural = |n: usize| if n == 1 { "character" } else { "characters" };
    if used <= max {
        let left = max - used;
        format!("You have {} {} remaining", thousands(left), plural(left))
    } else {
        let over = used - max;
        format!("You have {} {} too many", thousands(over), plural(over))
    }
}

fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_message_counts_down_then_says_how_many_too_many() {
        assert_eq!(message(0, 5_000), "You have 5,000 characters remaining");
        assert_eq!(message(4_999, 5_000), "You have 1 character remaining");
        assert_eq!(message(5_000, 5_000), "You have 0 characters remaining");
        assert_eq!(message(5_001, 5_000), "You have 1 character too many");
        assert_eq!(
            message(1_001_500, 500),
            "You have 1,001,000 characters too many"
        );
    }

    #[test]
    fn a_windows_line_ending_counts_once() {
        assert_eq!(count("a\r\nb"), 3);
        assert_eq!(count("é"), 1);
    }
}
