//! Data protection on the server: the scheduled clean-up of data whose time is up (see
//! `app::domain::privacy` for the times, which the "Datenschutz" page shows), and the download
//! of a person's own data as JSON.

use crate::middleware::error_response;
use crate::session_store::DbSessionStore;
use app::domain::privacy::CLEANUP_EVERY_MINUTES;
use app::error::AppError;
use app::state::AppState;
use axum::extract::State;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use sea_orm::DatabaseConnection;
use tower_sessions::session_store::ExpiredDeletion;
use tower_sessions::Session;

/// What one clean-up removed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Cleaned {
    /// Log-in counters that no longer count or block.
    pub throttles: u64,
    /// Invitations that cannot be used any more, a month after creation.
    pub invitations: u64,
    /// Staff-list previews never applied, after a day.
    pub previews: u64,
    /// Mails sent or given up, a month after they were written.
    pub mails: u64,
}

/// One clean-up: expired sessions, spent invitations, old log-in counters, stale import
/// previews, old mails. Each part runs even if another fails (the failure is logged; the next round
/// tries again, also after a database outage).
pub async fn run_once(
    db: &DatabaseConnection,
    store: &DbSessionStore,
    now: DateTime<Utc>,
) -> Cleaned {
    if let Err(err) = store.delete_expired().await {
        tracing::warn!(%err, "expired-session clean-up failed; retrying later");
    }
    let log = |what: &str, result: Result<u64, sea_orm::DbErr>| match result {
        Ok(n) => {
            if n > 0 {
                tracing::debug!(rows = n, what, "clean-up");
            }
            n
        }
        Err(err) => {
            tracing::warn!(%err, what, "clean-up failed; retrying later");
            0
        }
    };
    Cleaned {
        throttles: log(
            "log-in counters",
            app::account::ssr::delete_expired_throttles(db, now).await,
        ),
        invitations: log(
            "spent invitations",
            app::privacy::ssr::delete_spent_invitations(db, now).await,
        ),
        previews: log(
            "import previews",
            app::import::ssr::delete_stale_previews(db, now).await,
        ),
        mails: log(
            "old mails",
            app::privacy::ssr::delete_old_mails(db, now).await,
        ),
    }
}

/// Runs [`run_once`] every [`CLEANUP_EVERY_MINUTES`] minutes in the background.
pub fn spawn(db: DatabaseConnection, store: DbSessionStore) {
    tokio::spawn(async move {
        let every = std::time::Duration::from_secs(CLEANUP_EVERY_MINUTES as u64 * 60);
        let mut interval = tokio::time::interval(every);
        loop {
            interval.tick().await;
            run_once(&db, &store, Utc::now()).await;
        }
    });
}

/// `GET /konto/meine-daten.json`: the signed-in person's data as a JSON file (Art. 15 DSGVO).
pub async fn export(State(state): State<AppState>, session: Session) -> Response {
    let me = match app::auth::ssr::user_of_session(&state.db, &session).await {
        Ok(Some(me)) => me,
        Ok(None) => return error_response(StatusCode::UNAUTHORIZED, &AppError::Unauthenticated),
        Err(err) => return error_response(StatusCode::INTERNAL_SERVER_ERROR, &err),
    };
    let data = match app::privacy::ssr::personal_data(&state.db, me.id, Utc::now()).await {
        Ok(data) => data,
        Err(err) => return error_response(StatusCode::INTERNAL_SERVER_ERROR, &err),
    };
    match serde_json::to_vec_pretty(&data) {
        Ok(json) => {
            let mut response = json.into_response();
            let headers = response.headers_mut();
            headers.insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json; charset=utf-8"),
            );
            headers.insert(
                header::CONTENT_DISPOSITION,
                HeaderValue::from_static("attachment; filename=\"meine-daten-mitsprache.json\""),
            );
            response
        }
        Err(err) => error_response(
            StatusCode::INTERNAL_SERVER_ERROR,
            &AppError::internal("encoding the personal data", err),
        ),
    }
}
