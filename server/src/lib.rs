//! The Mitsprache server: configuration, database, sessions, middleware and the router.
//!
//! `build_app` is what `main` serves and what the integration tests drive.

// The app's page types are deeply nested; rendering them on the server needs a deeper limit.
#![recursion_limit = "256"]

pub mod allocator;
pub mod config;
pub mod db;
pub mod demo;
pub mod import;
pub mod load;
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

/// Where the invitation links of an import are downloaded.
pub const INVITATIONS_PATH: &str = "/admin/benutzer/import/{id}/einladungen";

/// The routes outside Leptos (method, path): each has a row in the authorisation matrix
/// (`server/tests/api/authz.rs`), which fails when one is missing.
pub const PLAIN_ROUTES: &[(&str, &str)] = &[
    ("GET", app::sso::ssr::LOGIN_PATH),
    ("GET", app::sso::ssr::CALLBACK_PATH),
    ("POST", app::import::pages::UPLOAD_PATH),
    ("POST", INVITATIONS_PATH),
    ("GET", app::privacy::pages::EXPORT_PATH),
];

async fn server_fn_handler(State(state): State<AppState>, req: Request<Body>) -> impl IntoResponse {
    handle_server_fns_with_context(move || provide_context(state.clone()), req).await
}

/// Builds the complete router on an open (and migrated) database.
pub async fn build_app(config: &Config, db: DatabaseConnection) -> Result<Router, StartupError> {
    let store = session_store::DbSessionStore::new(&db);
    store.migrate().await?;
    retention::spawn(db.clone(), store.clone());

    let leptos_options = config.leptos_options();
    let state = AppState {
        leptos_options: leptos_options.clone(),
        db,
        config: Arc::new(AppConfig {
            public_url: config.public_url.clone(),
            secure_cookies: config.secure_cookies,
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

/// A start-up failure, with a message for the operator.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct StartupError(pub String);

impl From<sea_orm::DbErr> for StartupError {
    fn from(err: sea_orm::DbErr) -> Self {
        StartupError(format!("Datenbankfehler: {err}"))
    }
}
