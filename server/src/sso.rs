//! The two legs of a log-in through the organisation's OpenID provider, as plain routes: a
//! redirect to the provider, and the callback that comes back. Every failure ends on the German
//! page `/anmelden/fehler?grund=…` (never a 500, never text from the request in a page).

use app::domain::sso::SsoFailure;
use app::sso::ssr::{account_for, CallbackParams, PendingLogin, PENDING_KEY, VIA_SSO_KEY};
use app::state::AppState;
use axum::extract::{Query, State};
use axum::http::{header, HeaderMap};
use axum::response::{IntoResponse, Redirect, Response};
use tower_sessions::Session;

/// Where a failure is explained.
fn failed(failure: SsoFailure) -> Response {
    Redirect::to(&format!("/anmelden/fehler?grund={}", failure.code())).into_response()
}

fn host(headers: &HeaderMap) -> Option<&str> {
    headers.get(header::HOST).and_then(|h| h.to_str().ok())
}

/// `GET /auth/oidc/login`: keeps state, nonce and PKCE verifier in the session and sends the
/// browser to the provider.
pub async fn begin(
    State(state): State<AppState>,
    session: Session,
    headers: HeaderMap,
) -> Response {
    let Some(sso) = state.config.sso.clone() else {
        return failed(SsoFailure::NotConfigured);
    };
    let redirect_uri = format!(
        "{}{}",
        state.public_base(host(&headers)),
        app::sso::ssr::CALLBACK_PATH
    );
    match sso.begin(&redirect_uri, chrono::Utc::now()).await {
        Ok((url, pending)) => match session.insert(PENDING_KEY, pending).await {
            Ok(()) => Redirect::to(&url).into_response(),
            Err(err) => {
                tracing::error!(%err, "keeping the pending log-in in the session");
                failed(SsoFailure::Internal)
            }
        },
        Err(failure) => failed(failure),
    }
}

/// `GET /auth/oidc/callback`: takes the pending log-in out of the session (so an answer is
/// used at most once), checks the answer, signs in with a fresh session id.
pub async fn callback(
    State(state): State<AppState>,
    session: Session,
    params: Result<Query<CallbackParams>, axum::extract::rejection::QueryRejection>,
) -> Response {
    let Some(sso) = state.config.sso.clone() else {
        return failed(SsoFailure::NotConfigured);
    };
    let pending = match session.remove::<PendingLogin>(PENDING_KEY).await {
        Ok(Some(pending)) => pending,
        Ok(None) => return failed(SsoFailure::Expired),
        Err(err) => {
            tracing::warn!(%err, "reading the pending log-in");
            return failed(SsoFailure::Expired);
        }
    };
    let Ok(Query(params)) = params else {
        return failed(SsoFailure::StateMismatch);
    };
    let identity = match sso.finish(&pending, &params, chrono::Utc::now()).await {
        Ok(identity) => identity,
        Err(failure) => return failed(failure),
    };
    let user = match account_for(&state.db, sso.settings(), &identity).await {
        Ok(user) => user,
        Err(failure) => return failed(failure),
    };
    let signed_in = async {
        app::auth::ssr::start_session(&session, &user).await?;
        session.insert(VIA_SSO_KEY, true).await?;
        Ok::<_, app::error::AppError>(())
    }
    .await;
    match signed_in {
        Ok(()) => Redirect::to("/").into_response(),
        Err(_) => failed(SsoFailure::Internal),
    }
}
