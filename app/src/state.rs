//! Server-side state shared by every request (server only).

use axum::extract::FromRef;
use leptos::config::LeptosOptions;
use sea_orm::DatabaseConnection;
use std::sync::Arc;

/// Settings that server functions need at run time.
#[derive(Debug, Clone, Default)]
pub struct AppConfig {
    /// The address users reach the app at (e.g. `https://mitsprache.example.de`), used for
    /// invitation links and the cross-site check behind a proxy. Derived from `Host` when unset.
    pub public_url: Option<String>,
    /// Whether cookies carry the `Secure` flag (the app is reached through HTTPS).
    pub secure_cookies: bool,
    /// The organisation's name in mails (`MITSPRACHE_ORG_NAME`).
    pub organisation: String,
    /// Where mail goes, for the coordinators ("SMTP: mail.example.de:587" or the folder).
    pub mail_transport: String,
    /// The folder of `.eml` files when mails are written to files (the embedded default).
    pub mail_dir: Option<std::path::PathBuf>,
    /// Signs and checks unsubscribe links.
    pub signing_key: crate::notification::ssr::SigningKey,
}

impl AppConfig {
    /// Organisation and public address for mails written during a request; without a
    /// configured public URL the request's `Host` is used.
    pub fn mail_frame(&self, fallback_base: &str) -> crate::notification::content::MailFrame {
        crate::notification::content::MailFrame {
            organisation: self.organisation.clone(),
            public_url: self
                .public_url
                .clone()
                .unwrap_or_else(|| fallback_base.to_owned())
                .trim_end_matches('/')
                .to_owned(),
        }
    }
}

/// The state handed to the router and, as context, to every server function and page.
#[derive(Clone, FromRef)]
pub struct AppState {
    /// Leptos' options (site root, output name, address).
    pub leptos_options: LeptosOptions,
    /// The database pool.
    pub db: DatabaseConnection,
    /// Run-time settings.
    pub config: Arc<AppConfig>,
}

/// The client's address as the server saw it (or as a trusted proxy reported it); placed into
/// the request extensions by the server's middleware.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientAddr(pub String);

/// The state of the current request; available in server functions and while rendering.
/// Missing context is an internal error (logged), never a panic that would leave the request
/// hanging.
pub fn app_state() -> Result<AppState, crate::error::AppError> {
    leptos::prelude::use_context::<AppState>().ok_or_else(|| {
        tracing::error!("AppState missing from the reactive context");
        crate::error::AppError::Internal
    })
}
