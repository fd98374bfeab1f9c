//! The browser half of Mitsprache: hydrates the server-rendered page.

// The app's page types are deeply nested; hydrating them needs a deeper limit.
#![recursion_limit = "256"]

/// Entry point called by the generated JavaScript once the wasm module is loaded.
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(app::App);
    // Browser tests (and curious users) can tell when the page has become interactive.
    if let Some(body) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.body())
    {
        let _ = body.set_attribute("data-hydrated", "true");
    }
}
