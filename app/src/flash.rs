//! One-time messages for plain HTML form posts (before the wasm bundle has loaded, or without
//! JavaScript): the server keeps a failed form's error in the session, the next page shows it.

use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
const FLASH_KEY: &str = "flash_error";

/// Keeps an error for the next page of this session.
#[cfg(feature = "ssr")]
pub async fn remember(
    session: &tower_sessions::Session,
    err: &AppError,
) -> Result<(), tower_sessions::session::Error> {
    session.insert(FLASH_KEY, err.to_string()).await
}

/// Takes (and removes) the kept error message, if any.
#[server(prefix = "/api", endpoint = "take_flash")]
pub async fn take_flash() -> Result<Option<String>, AppError> {
    let session = crate::auth::ssr::session().await?;
    Ok(session.remove::<String>(FLASH_KEY).await?)
}

/// Shows the kept error message once, at the top of the page.
#[component]
pub fn FlashMessage() -> impl IntoView {
    let message = Resource::new(|| (), |_| take_flash());
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                message.await.ok().flatten().map(|text| view! { <p class="alert error" role="alert">{text}</p> })
            })}
        </Suspense>
    }
}
