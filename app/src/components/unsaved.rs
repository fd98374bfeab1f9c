//! Guards unsaved work against leaving the page: while a page reports unsaved changes
//! ([`set_unsaved`]), closing the tab or reloading asks the browser's own question
//! (`beforeunload`), and following a link or logging out asks first — the app's links are
//! handled by the Leptos router, where `beforeunload` never fires.
//!
//! The listeners are installed once, in the capture phase on `window`, so they run before
//! the router's own click handler; cancelling stops the event there. Without JavaScript
//! nothing of this runs (and nothing is typed into a live editor either).

/// The question before leaving a page with unsaved changes.
pub const LEAVE_QUESTION: &str =
    "Ihre Änderungen sind noch nicht gespeichert. Trotzdem verlassen? \
Eine Kopie bleibt auf diesem Gerät, bis Sie speichern.";

#[cfg(feature = "hydrate")]
thread_local! {
    static UNSAVED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    static INSTALLED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Tells the guard whether the current page has unsaved changes. Pages call it with `false`
/// when their work is saved and when they are left.
pub fn set_unsaved(unsaved: bool) {
    #[cfg(feature = "hydrate")]
    {
        UNSAVED.with(|u| u.set(unsaved));
        if unsaved {
            install();
        }
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = unsaved;
}

/// Whether leaving must be confirmed now.
#[cfg(feature = "hydrate")]
fn is_unsaved() -> bool {
    UNSAVED.with(std::cell::Cell::get)
}

/// Whether a click on `target` would leave the page: a link (not to another tab, not a
/// download, not an anchor on this page) or the log-out button in the header.
#[cfg(feature = "hydrate")]
fn leaves_page(event: &web_sys::MouseEvent) -> bool {
    use leptos::wasm_bindgen::JsCast;
    if event.default_prevented()
        || event.button() != 0
        || event.ctrl_key()
        || event.meta_key()
        || event.shift_key()
        || event.alt_key()
    {
        return false;
    }
    let Some(target) = event
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
    else {
        return false;
    };
    if let Ok(Some(link)) = target.closest("a[href]") {
        let href = link.get_attribute("href").unwrap_or_default();
        let new_tab = link
            .get_attribute("target")
            .is_some_and(|t| !t.is_empty() && t != "_self");
        return !new_tab && !link.has_attribute("download") && !href.starts_with('#');
    }
    // Logging out leaves the page too.
    matches!(
        target
            .closest(".site-header form button[type=submit], .site-header form button:not([type])"),
        Ok(Some(_))
    )
}

#[cfg(feature = "hydrate")]
fn install() {
    use leptos::wasm_bindgen::{closure::Closure, JsCast};
    if INSTALLED.with(|i| i.replace(true)) {
        return;
    }
    let Some(window) = web_sys::window() else {
        return;
    };
    let on_click =
        Closure::<dyn FnMut(web_sys::MouseEvent)>::new(move |ev: web_sys::MouseEvent| {
            if !is_unsaved() || !leaves_page(&ev) {
                return;
            }
            let stay = !web_sys::window()
                .and_then(|w| w.confirm_with_message(LEAVE_QUESTION).ok())
                .unwrap_or(true);
            if stay {
                ev.prevent_default();
                ev.stop_immediate_propagation();
            } else {
                // Leaving on purpose: no second question from `beforeunload`.
                UNSAVED.with(|u| u.set(false));
            }
        });
    let options = web_sys::AddEventListenerOptions::new();
    options.set_capture(true);
    let _ = window.add_event_listener_with_callback_and_add_event_listener_options(
        "click",
        on_click.as_ref().unchecked_ref(),
        &options,
    );
    let on_unload = Closure::<dyn FnMut(web_sys::BeforeUnloadEvent)>::new(
        move |ev: web_sys::BeforeUnloadEvent| {
            if is_unsaved() {
                ev.prevent_default();
                // Older browsers need a return value to ask.
                ev.set_return_value(LEAVE_QUESTION);
            }
        },
    );
    let _ =
        window.add_event_listener_with_callback("beforeunload", on_unload.as_ref().unchecked_ref());
    // The listeners live as long as the app: installed once, never removed.
    on_click.forget();
    on_unload.forget();
}
