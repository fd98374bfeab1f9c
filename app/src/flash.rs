//! One-time messages for plain HTML form posts (before the wasm bundle has loaded, or without
//! JavaScript): the server keeps a failed form's error — and the text the person wrote, so it
//! is not lost — in the session, and the next page shows both once.

use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
const FLASH_KEY: &str = "flash_error";
#[cfg(feature = "ssr")]
const FLASH_TEXT_KEY: &str = "flash_text";

/// A failed form's message, with the text that was not stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Flash {
    /// The German error message.
    pub message: String,
    /// The text the person had written (a comment, reply, contribution or report), if any.
    pub text: Option<String>,
}

/// The request's headers if it is a plain HTML form post (no JavaScript yet: the browser asks
/// for a page, `Accept: text/html`); `None` for calls from the running app, which get their
/// answer as data and update the page themselves.
#[cfg(feature = "ssr")]
pub async fn plain_form_post() -> Option<http::HeaderMap> {
    let headers = leptos_axum::extract::<http::HeaderMap>().await.ok()?;
    headers
        .get(http::header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("text/html"))
        .then_some(headers)
}

/// Keeps an error (and the text of the failed form) for the next page of this session.
#[cfg(feature = "ssr")]
pub async fn remember(
    session: &tower_sessions::Session,
    err: &AppError,
    text: Option<String>,
) -> Result<(), tower_sessions::session::Error> {
    session.insert(FLASH_KEY, err.to_string()).await?;
    match text {
        Some(text) => session.insert(FLASH_TEXT_KEY, text).await,
        None => session.remove::<String>(FLASH_TEXT_KEY).await.map(drop),
    }
}

/// Takes (and removes) the kept message and text, if any.
#[server(prefix = "/api", endpoint = "take_flash")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "take_flash", skip_all))]
pub async fn take_flash() -> Result<Option<Flash>, AppError> {
    let session = crate::auth::ssr::session().await?;
    let text = session.remove::<String>(FLASH_TEXT_KEY).await?;
    Ok(session
        .remove::<String>(FLASH_KEY)
        .await?
        .map(|message| Flash { message, text }))
}

/// Shows the kept message once, at the top of the page, with the unsaved text to copy.
#[component]
pub fn FlashMessage() -> impl IntoView {
    let message = Resource::new(|| (), |_| take_flash());
    let t = crate::i18n::texts();
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                message.await.ok().flatten().map(|flash| {
                    let text = flash.text.map(|text| view! {
                        <label for="flash-text">{t.flash_text_label}</label>
                        <textarea id="flash-text" readonly rows="4" inner_html=crate::components::textarea_text(&text)></textarea>
                    });
                    view! {
                        <div class="alert error" role="alert">
                            <p>{flash.message}</p>
                            {text}
                        </div>
                    }
                })
            })}
        </Suspense>
    }
}
