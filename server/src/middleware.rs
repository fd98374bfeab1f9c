//! Request middleware: client address, cross-site refusal, and HTTP statuses for server-function errors.

use app::domain::csrf::is_cross_site;
use app::error::AppError;
use app::state::ClientAddr;
use axum::body::{to_bytes, Body};
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::net::SocketAddr;
use tower_sessions::Session;

/// Records the client's address for throttling: the peer address, or with a trusted proxy the
/// last `X-Forwarded-For` entry (the one the proxy added).
pub async fn client_addr(
    State(trust_proxy): State<bool>,
    mut req: Request,
    next: Next,
) -> Response {
    let forwarded = trust_proxy
        .then(|| {
            req.headers()
                .get("x-forwarded-for")
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.rsplit(',').next())
                .map(|v| v.trim().to_owned())
                .filter(|v| !v.is_empty())
        })
        .flatten();
    let peer = req
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip().to_string());
    let addr = forwarded.or(peer).unwrap_or_else(|| "unknown".to_owned());
    req.extensions_mut().insert(ClientAddr(addr));
    next.run(req).await
}

/// Settings for the cross-site check.
#[derive(Debug, Clone)]
pub struct CsrfConfig {
    /// The configured public URL, if any.
    pub public_url: Option<String>,
}

/// Refuses state-changing requests that come from another site (CSRF).
pub async fn refuse_cross_site(
    State(config): State<CsrfConfig>,
    req: Request,
    next: Next,
) -> Response {
    let safe = matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    if !safe {
        let header = |name: &str| req.headers().get(name).and_then(|v| v.to_str().ok());
        if is_cross_site(
            header("sec-fetch-site"),
            header("origin"),
            header("host"),
            config.public_url.as_deref(),
        ) {
            tracing::warn!(path = %req.uri().path(), "refused cross-site request");
            return error_response(StatusCode::FORBIDDEN, &AppError::Forbidden);
        }
    }
    next.run(req).await
}

/// Server-function errors arrive as HTTP 500 from the framework; give them the status that fits
/// the error (400, 401, 403, 404, 409, 429), so clients and logs can tell a refusal from a fault.
///
/// A plain HTML form post (no JavaScript yet) that failed is redirected back to its page by the
/// framework without the message; the message is kept in the session and shown there once.
pub async fn server_fn_error_status(req: Request, next: Next) -> Response {
    let session = req.extensions().get::<Session>().cloned();
    let response = next.run(req).await;
    if !response.headers().contains_key("serverfnerror") {
        return response;
    }
    let redirected = response.status() == StatusCode::FOUND;
    if response.status() != StatusCode::INTERNAL_SERVER_ERROR && !redirected {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let bytes = match to_bytes(body, 256 * 1024).await {
        Ok(bytes) => bytes,
        Err(_) => return error_response(StatusCode::INTERNAL_SERVER_ERROR, &AppError::Internal),
    };
    if let Ok(err) = serde_json::from_slice::<AppError>(&bytes) {
        if redirected {
            if let Some(session) = session {
                if let Err(e) = app::flash::remember(&session, &err).await {
                    tracing::warn!(%e, "could not keep the form error for the next page");
                }
            }
        } else {
            parts.status = StatusCode::from_u16(err.status_code())
                .unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        }
    }
    Response::from_parts(parts, Body::from(bytes))
}

/// Replaces the body limit's bare 413 with a German message in the server-function error shape.
pub async fn explain_too_large(req: Request, next: Next) -> Response {
    let response = next.run(req).await;
    if response.status() != StatusCode::PAYLOAD_TOO_LARGE {
        return response;
    }
    error_response(
        StatusCode::PAYLOAD_TOO_LARGE,
        &AppError::Invalid(format!(
            "Die Anfrage ist zu groß (höchstens {} MB). Bitte kürzen Sie den Text.",
            crate::BODY_LIMIT / (1024 * 1024)
        )),
    )
}

/// The answer to a request whose handler panicked: a German message, the details only in the log.
pub fn panic_response(panic: Box<dyn std::any::Any + Send + 'static>) -> Response {
    let detail = panic
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| panic.downcast_ref::<&str>().copied())
        .unwrap_or("unknown panic");
    tracing::error!(panic = detail, "request handler panicked");
    error_response(StatusCode::INTERNAL_SERVER_ERROR, &AppError::Internal)
}

/// A plain JSON error body in the same shape server functions use.
pub fn error_response(status: StatusCode, err: &AppError) -> Response {
    let body = serde_json::to_string(err).unwrap_or_else(|_| {
        r#"{"error":"Internal","message":"Ein interner Fehler ist aufgetreten."}"#.to_owned()
    });
    let mut response = (status, body).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_panicking_handler_gets_a_clean_german_500() {
        use tower::ServiceExt;
        let app = axum::Router::new()
            .route(
                "/boom",
                axum::routing::get(|| async {
                    let bug: Option<&str> = None;
                    bug.expect("boom")
                }),
            )
            .layer(tower_http::catch_panic::CatchPanicLayer::custom(
                panic_response,
            ));
        let response = app
            .oneshot(
                axum::http::Request::get("/boom")
                    .body(Body::empty())
                    .unwrap(),
            )
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
        let body = to_bytes(response.into_body(), 1024).await.unwrap();
        let err: AppError = serde_json::from_slice(&body).unwrap();
        assert_eq!(err, AppError::Internal);
        assert!(err.to_string().starts_with("Ein interner Fehler"));
    }
}
