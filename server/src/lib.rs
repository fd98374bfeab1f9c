//! The Mitsprache server: configuration, database, sessions, middleware and the router.
//!
//! `build_app` is what `main` serves and what the integration tests drive.

// The app's page types are deeply nested; rendering them on the server needs a deeper limit.
#![recursion_limit = "256"]

pub mod allocator;
pub mod config;
pub mod db;
pub mod demo;
pub mod documents;
pub mod import;
pub mod load;
pub mod mail;
pub mod middleware;
pub mod retention;
pub mod session_store;
pub mod sso;

use app::state::{AppConfig, AppState};
use app::{shell, App};
use axum::body::Body;
use axum::extract::State;
use axum::http::Request;
use axum::response::IntoResponse;
use axum::routing::{get, post};
use axum::Router;
use leptos::prelude::provide_context;
use leptos_axum::{generate_route_list, handle_server_fns_with_context, LeptosRoutes};
use sea_orm::DatabaseConnection;
use std::sync::Arc;
use tower_sessions::cookie::SameSite;
use tower_sessions::{Expiry, SessionManagerLayer};

pub use config::Config;

/// Largest request body accepted (a long draft fits many times); the staff-list upload may
/// send up to [`import::UPLOAD_BODY_LIMIT`].
pub const BODY_LIMIT: usize = 2 * 1024 * 1024;
/// Largest body of the draft upload (`documents`): a 10 MB file and the form around it.
pub const UPLOAD_BODY_LIMIT: usize = 10 * 1024 * 1024 + 64 * 1024;

/// Where the invitation links of an import are downloaded.
pub const INVITATIONS_PATH: &str = "/admin/benutzer/import/{id}/einladungen";

/// The routes outside Leptos (method, path) besides the document routes
/// (`documents::DocumentRoute::ALL`): each has a row in the authorisation matrix
/// (`server/tests/api/authz.rs`), which fails when one is missing.
pub const PLAIN_ROUTES: &[(&str, &str)] = &[
    ("GET", app::sso::ssr::LOGIN_PATH),
    ("GET", app::sso::ssr::CALLBACK_PATH),
    ("POST", app::import::pages::UPLOAD_PATH),
    ("POST", INVITATIONS_PATH),
    ("GET", app::privacy::pages::EXPORT_PATH),
    ("POST", UNSUBSCRIBE_ROUTE),
];

async fn server_fn_handler(State(state): State<AppState>, req: Request<Body>) -> impl IntoResponse {
    handle_server_fns_with_context(move || provide_context(state.clone()), req).await
}

/// Builds the complete router on an open (and migrated) database.
pub async fn build_app(config: &Config, db: DatabaseConnection) -> Result<Router, StartupError> {
    let store = session_store::DbSessionStore::new(&db);
    store.migrate().await?;
    retention::spawn(db.clone(), store.clone());
    spawn_deadline_watch(
        db.clone(),
        config.federal_state,
        config.deadline_check_seconds,
    );

    let leptos_options = config.leptos_options();
    let signing_key = app::notification::ssr::signing_key(&db, config.mail.secret.as_deref())
        .await
        .map_err(|e| StartupError(format!("Schlüssel für Abmeldelinks: {e}")))?;
    let transport =
        mail::Transport::from_settings(config.mail.smtp_url.as_deref(), &config.mail.dir)
            .map_err(StartupError)?;
    let frame = app::notification::content::MailFrame {
        organisation: config.mail_organisation(),
        public_url: config.link_base(),
    };
    let mail_transport = transport.label();
    let mail_dir = transport.dir();
    let mut sender = mail::Sender::new(transport, &config.mail.from, frame, signing_key.clone())
        .map_err(StartupError)?;
    sender.retry_base = chrono::Duration::seconds(config.mail.retry_seconds);
    sender.lease = chrono::Duration::seconds(config.mail.lease_seconds);
    sender.poll = std::time::Duration::from_millis(config.mail.poll_ms);
    if config.mail.sender {
        sender.spawn(db.clone());
    }
    let state = AppState {
        leptos_options: leptos_options.clone(),
        db,
        config: Arc::new(AppConfig {
            public_url: config.public_url.clone(),
            secure_cookies: config.secure_cookies,
            federal_state: config.federal_state,
            organisation: config.mail_organisation(),
            mail_transport,
            mail_dir,
            signing_key,
            sso: match &config.oidc {
                Some(settings) => Some(Arc::new(
                    app::sso::ssr::SsoClient::new(settings.clone()).map_err(StartupError)?,
                )),
                None => None,
            },
            password_login_disabled: !config.password_login,
            deleted_texts: config.deleted_texts,
        }),
        passwords: Arc::new(app::account::ssr::PasswordQueue::for_this_machine()),
        posting: Arc::new(app::state::PostingLimiter::new(
            (config.posting_per_minute > 0)
                .then(|| app::domain::throttle::RateLimit::per_minute(config.posting_per_minute)),
        )),
        documents: Arc::new(app::document::ssr::Documents::for_this_machine(
            config.organisation.clone(),
        )),
        paragraphs: Arc::default(),
    };
    let routes = generate_route_list(App);

    let sessions = SessionManagerLayer::new(store)
        .with_name("mitsprache_session")
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_secure(config.secure_cookies)
        .with_expiry(Expiry::OnInactivity(time::Duration::hours(
            app::domain::privacy::SESSION_IDLE_HOURS,
        )));

    let ssr_state = state.clone();
    let fallback_state = state.clone();
    // The browser bundle: names carry a content hash (scripts/build.sh), and brotli and gzip
    // files made at build time are sent to browsers that accept them.
    let bundle =
        tower_http::services::ServeDir::new(std::path::Path::new(&config.site_root).join("pkg"))
            .precompressed_br()
            .precompressed_gzip();
    let router = Router::new()
        .route(
            "/api/{*fn_name}",
            post(server_fn_handler).get(server_fn_handler),
        )
        .nest_service("/pkg", bundle)
        .route(UNSUBSCRIBE_ROUTE, post(one_click_unsubscribe))
        .merge(documents::routes())
        .route(app::sso::ssr::LOGIN_PATH, get(sso::begin))
        .route(app::sso::ssr::CALLBACK_PATH, get(sso::callback))
        .route(
            app::import::pages::UPLOAD_PATH,
            post(import::upload).layer(axum::extract::DefaultBodyLimit::disable()),
        )
        .route(INVITATIONS_PATH, post(import::invitations))
        .route(app::privacy::pages::EXPORT_PATH, get(retention::export))
        .leptos_routes_with_context(
            &state,
            routes,
            move || provide_context(ssr_state.clone()),
            {
                let options = leptos_options.clone();
                move || shell(options.clone())
            },
        )
        .fallback(leptos_axum::file_and_error_handler_with_context::<
            AppState,
            _,
        >(
            move || provide_context(fallback_state.clone()), shell
        ))
        .layer(axum::middleware::from_fn(
            middleware::server_fn_error_status,
        ))
        .layer(axum::middleware::from_fn_with_state(
            middleware::RenderLimit::from_env(),
            middleware::limit_page_renders,
        ))
        .layer(sessions)
        .layer(axum::middleware::from_fn_with_state(
            middleware::CsrfConfig {
                public_url: config.public_url.clone(),
            },
            middleware::refuse_cross_site,
        ))
        .layer(axum::middleware::from_fn_with_state(
            config.trust_proxy,
            middleware::client_addr,
        ))
        .layer(axum::middleware::from_fn(middleware::limit_body))
        .layer(axum::middleware::from_fn(middleware::explain_too_large))
        // Pages and server-function answers compressed on the fly (the bundle is precompressed).
        .layer(tower_http::compression::CompressionLayer::new())
        .layer(axum::middleware::from_fn(middleware::security_headers))
        // A bug must never leave a request hanging or show a stack trace: answer 500 in German.
        .layer(tower_http::catch_panic::CatchPanicLayer::custom(
            middleware::panic_response,
        ))
        .with_state(state);
    Ok(router)
}

/// Records deemed approvals of MAVs whose deadline passed, at start (a deadline that ran out
/// while the app was stopped counts at once) and then every `seconds`. Deadlines live in the
/// database, so they survive restarts; the check is idempotent, so several instances may run it.
fn spawn_deadline_watch(
    db: DatabaseConnection,
    state: Option<app::domain::codetermination::FederalState>,
    seconds: u64,
) {
    tokio::spawn(async move {
        let mut interval = tokio::time::interval(tokio::time::Duration::from_secs(seconds));
        loop {
            interval.tick().await;
            let today = app::domain::round::berlin_date(chrono::Utc::now());
            match app::codetermination::ssr::settle_deadlines(&db, today, state).await {
                Ok(0) => {}
                Ok(n) => tracing::info!(approvals = n, "deemed approvals recorded after deadlines"),
                Err(err) => tracing::warn!(?err, "deadline check failed; retrying later"),
            }
        }
    });
}

/// The one-click unsubscribe address (RFC 8058): mail programs post
/// `List-Unsubscribe=One-Click` here, and the unsubscribe page's plain form does too. The GET
/// of the same address is the page (`/abbestellen/:token`).
pub const UNSUBSCRIBE_ROUTE: &str = "/abbestellen/{token}";

/// Stops the mail of the token's groups. No log-in: the signed token is the proof. A browser
/// form is sent back to the page; a mail program gets a short text.
async fn one_click_unsubscribe(
    State(state): State<AppState>,
    axum::extract::Path(token): axum::extract::Path<String>,
    headers: axum::http::HeaderMap,
) -> axum::response::Response {
    use axum::http::StatusCode;
    let result =
        app::notification::ssr::unsubscribe(&state.db, &state.config.signing_key, &token).await;
    let browser = headers
        .get(axum::http::header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("text/html"));
    match result {
        Ok(_) if browser => {
            axum::response::Redirect::to(&format!("/abbestellen/{}?erledigt=1", token.trim()))
                .into_response()
        }
        Ok(_) => (
            StatusCode::OK,
            "Abgemeldet: Sie erhalten zu diesen Themen keine E-Mails mehr.",
        )
            .into_response(),
        Err(err) => middleware::error_response(
            StatusCode::from_u16(err.status_code()).unwrap_or(StatusCode::BAD_REQUEST),
            &err,
        ),
    }
}

/// A start-up failure, with a message for the operator.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct StartupError(pub String);

impl From<sea_orm::DbErr> for StartupError {
    fn from(err: sea_orm::DbErr) -> Self {
        StartupError(format!("Datenbankfehler: {err}"))
    }
}
