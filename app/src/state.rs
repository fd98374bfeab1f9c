//! Server-side state shared by every request (server only).

use crate::domain::throttle::RateLimit;
use axum::extract::FromRef;
use chrono::{DateTime, Utc};
use leptos::config::LeptosOptions;
use sea_orm::DatabaseConnection;
use std::collections::{HashMap, VecDeque};
use std::sync::Arc;

/// Settings that server functions need at run time.
#[derive(Debug, Clone, Default)]
pub struct AppConfig {
    /// The address users reach the app at (e.g. `https://mitsprache.example.de`), used for
    /// invitation links and the cross-site check behind a proxy. Derived from `Host` when unset.
    pub public_url: Option<String>,
    /// Whether cookies carry the `Secure` flag (the app is reached through HTTPS).
    pub secure_cookies: bool,
    /// The organisation's federal state, whose public holidays end deadlines later
    /// (`MITSPRACHE_BUNDESLAND`); `None`: only the nationwide holidays count.
    pub federal_state: Option<crate::domain::codetermination::FederalState>,
    /// The organisation's name in mails (`MITSPRACHE_ORGANISATION`, else "Mitsprache").
    pub organisation: String,
    /// Where mail goes, for the coordinators ("SMTP: mail.example.de:587" or the folder).
    pub mail_transport: String,
    /// The folder of `.eml` files when mails are written to files (the embedded default).
    pub mail_dir: Option<std::path::PathBuf>,
    /// Signs and checks unsubscribe links.
    pub signing_key: crate::notification::ssr::SigningKey,
    /// Log-in through the organisation's OpenID provider, when configured.
    pub sso: Option<Arc<crate::sso::ssr::SsoClient>>,
    /// Passwords switched off (`MITSPRACHE_PASSWORD_LOGIN=off`): only the provider logs in.
    pub password_login_disabled: bool,
    /// What happens to a deleted person's texts (`MITSPRACHE_DELETED_TEXTS`).
    pub deleted_texts: crate::domain::privacy::DeletedTexts,
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

impl AppState {
    /// The address users reach the app at, without a trailing slash: the configured public URL,
    /// else scheme and `host` of the request (else the listening address).
    pub fn public_base(&self, host: Option<&str>) -> String {
        match &self.config.public_url {
            Some(url) => url.trim_end_matches('/').to_owned(),
            None => {
                let host = host
                    .map(str::to_owned)
                    .unwrap_or_else(|| self.leptos_options.site_addr.to_string());
                let scheme = if self.config.secure_cookies {
                    "https"
                } else {
                    "http"
                };
                format!("{scheme}://{host}")
            }
        }
    }

    /// Refuses what needs a password while passwords are switched off.
    pub fn require_password_login(&self) -> Result<(), crate::error::AppError> {
        if self.config.password_login_disabled {
            Err(crate::error::AppError::Invalid(
                "Die Anmeldung mit Passwort ist abgeschaltet. Bitte melden Sie sich mit dem Konto Ihrer Organisation an.".into(),
            ))
        } else {
            Ok(())
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
    /// The queue of password checks (argon2 is slow and memory-hungry by design).
    pub passwords: Arc<crate::account::ssr::PasswordQueue>,
    /// How fast each account may post texts.
    pub posting: Arc<PostingLimiter>,
    /// The render limit and cache of downloadable documents (PDF, Word).
    pub documents: Arc<crate::document::ssr::Documents>,
    /// The paragraphs' texts of recently commented versions (checking anchors and quotes).
    pub paragraphs: Arc<crate::round::ssr::ParagraphCache>,
}

/// The per-account rate limit for texts (comments, replies, contributions, dialogue posts),
/// by default [`RateLimit::POSTING`], counted in this app instance's memory. Behind a load
/// balancer with several instances each counts on its own, so an account could post that many
/// times the limit; the limit is a brake on floods, not an accounting.
#[derive(Debug)]
pub struct PostingLimiter {
    /// `None`: no limit (benchmarks).
    limit: Option<RateLimit>,
    recent: std::sync::Mutex<HashMap<i64, VecDeque<DateTime<Utc>>>>,
}

impl Default for PostingLimiter {
    fn default() -> Self {
        Self::new(Some(RateLimit::POSTING))
    }
}

impl PostingLimiter {
    /// A limiter with `limit` (`None`: every text is accepted).
    pub fn new(limit: Option<RateLimit>) -> Self {
        Self {
            limit,
            recent: std::sync::Mutex::default(),
        }
    }

    /// Counts a text by `user_id` at `now`, or refuses it with the seconds to wait.
    pub fn admit(&self, user_id: i64, now: DateTime<Utc>) -> Result<(), crate::error::AppError> {
        let Some(limit) = self.limit else {
            return Ok(());
        };
        let mut recent = self
            .recent
            .lock()
            .map_err(|err| crate::error::AppError::internal("counting a posted text", err))?;
        // Forget accounts that have been quiet for a window, so the map stays small.
        if recent.len() > 10_000 {
            recent.retain(|_, times| times.back().is_some_and(|at| now - *at < limit.per));
        }
        limit
            .admit(recent.entry(user_id).or_default(), now)
            .map_err(|wait| crate::error::AppError::RateLimited {
                seconds: wait.num_seconds().max(1),
            })
    }
}

/// Refuses a text by `user_id` when they posted too much in the last minute (see
/// [`PostingLimiter`]). Called by the server functions that store comments, replies,
/// contributions and dialogue posts, after their permission checks.
pub fn limit_posting(user_id: i64) -> Result<(), crate::error::AppError> {
    app_state()?.posting.admit(user_id, chrono::Utc::now())
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
