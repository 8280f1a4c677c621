//! Forms that post without a new page load, when script runs. Every Hive form is a plain
//! `<form method="post">` that works without JavaScript: a failed post comes back to its page
//! with the error summary and everything typed (kept in the session), a good one moves on.
//! With JavaScript this island sends the same post in the background and puts the answer's main
//! content in place of this page's, so the header, the scroll of a long page and the browser's
//! history behave as people expect, and focus goes to the error summary or the new content.
//! Anything unexpected falls back to the browser's own post.

use leptos::prelude::*;

/// Placed once, in the layout. It renders nothing.
#[island]
pub fn EnhancedForms() -> impl IntoView {
    #[cfg(feature = "hydrate")]
    {
        // The address of the page now shown (without its #fragment).
        let shown = StoredValue::new(browser::page_address());
        let submits = window_event_listener(leptos::ev::submit, move |event| {
            browser::on_submit(event, shown)
        });
        // A page reached by a background post is in the history; going back or forward to
        // another page loads it afresh. Following a #link within the page (the error
        // summary's) changes nothing.
        let moves = window_event_listener(leptos::ev::popstate, move |_| {
            if browser::page_address() != shown.get_value() {
                let _ = window().location().reload();
            }
        });
        on_cleanup(move || {
            submits.remove();
            moves.remove();
        });
    }
}

#[cfg(feature = "hydrate")]
mod browser {
    use leptos::prelude::*;
    use leptos::wasm_bindgen::{JsCast, JsValue};
    use leptos::web_sys::{self, HtmlFormElement, SubmitEvent};
    use wasm_bindgen_futures::JsFuture;

    pub fn page_address() -> String {
        let location = window().location();
        format!(
            "{}{}",
            location.pathname().unwrap_or_default(),
            location.search().unwrap_or_default()
        )
    }

    /// Server functions whose answer changes the header (whose record every page is), so the
    /// browser posts them itself and loads the whole next page.
    const WHOLE_PAGE: [&str; 2] = ["/api/act-for", "/api/stop-acting"];

    /// Only posts to Hive's own server functions are sent in the background: sign-in and
    /// sign-out change who is signed in (the header), and may leave for an identity provider;
    /// starting and stopping acting for someone change whose record the header names.
    pub fn on_submit(event: SubmitEvent, shown: StoredValue<String>) {
        let Some(form) = event
            .target()
            .and_then(|t| t.dyn_into::<HtmlFormElement>().ok())
        else {
            return;
        };
        let same_origin = web_sys::Url::new(&form.action()).is_ok_and(|url| {
            Some(url.origin()) == window().location().origin().ok()
                && url.pathname().starts_with("/api/")
                && !WHOLE_PAGE.contains(&url.pathname().as_str())
        });
        if event.default_prevented() || !form.method().eq_ignore_ascii_case("post") || !same_origin
        {
            return;
        }
        let Ok(body) = form_body(&form, event.submitter()) else {
            return;
        };
        event.prevent_default();
        leptos::task::spawn_local(async move {
            if send(&form, body, shown).await.is_err() {
                let _ = form.submit();
            }
        });
    }

    fn form_body(
        form: &HtmlFormElement,
        submitter: Option<web_sys::HtmlElement>,
    ) -> Result<web_sys::UrlSearchParams, JsValue> {
        let data = web_sys::FormData::new_with_form(form)?;
        let body = web_sys::UrlSearchParams::new_with_str_sequence_sequence(&data)?;
        if let Some(button) =
            submitter.and_then(|b| b.dyn_into::<web_sys::HtmlButtonElement>().ok())
            && !button.name().is_empty()
        {
            body.append(&button.name(), &button.value());
        }
        Ok(body)
    }

    /// Posts as the browser would (Accept: text/html, following the redirect), then shows the
    /// page it ends on.
    async fn send(
        form: &HtmlFormElement,
        body: web_sys::UrlSearchParams,
        shown: StoredValue<String>,
    ) -> Result<(), JsValue> {
        let init = web_sys::RequestInit::new();
        init.set_method("POST");
        init.set_body(&body);
        let headers = web_sys::Headers::new()?;
        headers.set("Accept", "text/html")?;
        init.set_headers(&headers);
        let response: web_sys::Response =
            JsFuture::from(window().fetch_with_str_and_init(&form.action(), &init))
                .await?
                .dyn_into()?;
        let html_answer = response
            .headers()
            .get("content-type")?
            .is_some_and(|t| t.starts_with("text/html"));
        if !html_answer {
            return Err(JsValue::from_str("not a page"));
        }
        let html = JsFuture::from(response.text()?)
            .await?
            .as_string()
            .unwrap_or_default();
        show(&html, &response.url())?;
        shown.set_value(page_address());
        // The session was used: the timeout warning counts again from now.
        window().dispatch_event(&web_sys::Event::new("hive:active")?)?;
        Ok(())
    }

    fn show(html: &str, url: &str) -> Result<(), JsValue> {
        let parsed =
            web_sys::DomParser::new()?.parse_from_string(html, web_sys::SupportedType::TextHtml)?;
        let document = document();
        let (Some(new_main), Some(main)) = (
            parsed.get_element_by_id("main-content"),
            document.get_element_by_id("main-content"),
        ) else {
            return Err(JsValue::from_str("no main content"));
        };
        main.set_inner_html(&new_main.inner_html());
        document.set_title(&parsed.title());
        if window().location().href().ok().as_deref() != Some(url) {
            window()
                .history()?
                .push_state_with_url(&JsValue::NULL, "", Some(url))?;
        }
        hydrate_islands(&main)?;
        // The error summary if there is one (it asks for focus), else the new content.
        let target = main
            .query_selector("[autofocus]")?
            .unwrap_or_else(|| main.clone());
        if let Ok(target) = target.dyn_into::<web_sys::HtmlElement>() {
            window().scroll_to_with_x_and_y(0.0, 0.0);
            target.focus()?;
        }
        Ok(())
    }

    /// Islands in the new content (a character count) come to life as on a page load.
    fn hydrate_islands(root: &web_sys::Element) -> Result<(), JsValue> {
        let hydrate: js_sys::Function =
            js_sys::Reflect::get(&window(), &JsValue::from_str("__hydrateIsland"))?.dyn_into()?;
        let islands = root.query_selector_all("leptos-island")?;
        for i in 0..islands.length() {
            if let Some(island) = islands.item(i)
                && let Ok(island) = island.dyn_into::<web_sys::HtmlElement>()
            {
                let id = island.dataset().get("component").unwrap_or_default();
                hydrate.call2(&JsValue::NULL, &island, &JsValue::from_str(&id))?;
            }
        }
        Ok(())
    }
}
