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
use std::sync::Arc;
use tokio::sync::Semaphore;
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

/// How many pages are rendered at once: the rest wait their turn.
///
/// Rendering a page is pure CPU work once its data is loaded, and a large round page (12,000
/// words, 2,000 comments) holds several megabytes while it is built. Rendering more pages at
/// once than there are cores only makes each take longer and multiplies the memory (measured in
/// bench/: 64 concurrent renders peaked at ~390 MB). Server functions, files under `/pkg/` and
/// other methods are not limited.
#[derive(Debug, Clone)]
pub struct RenderLimit(Arc<Semaphore>);

impl RenderLimit {
    /// `MITSPRACHE_RENDER_LIMIT` if set to a positive number, else two renders per core (one
    /// can wait for the database while the other computes).
    pub fn from_env() -> Self {
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        let configured = std::env::var("MITSPRACHE_RENDER_LIMIT")
            .ok()
            .and_then(|v| v.trim().parse::<usize>().ok())
            .filter(|&n| n > 0);
        Self::new(configured.unwrap_or(2 * cores))
    }

    pub fn new(permits: usize) -> Self {
        Self(Arc::new(Semaphore::new(permits.max(1))))
    }
}

/// Whether a request renders a page (and so waits for a [`RenderLimit`] permit). Downloads
/// (PDF, Word, Markdown) have their own limit (`app::document::ssr::Documents`).
fn renders_page(method: &Method, path: &str) -> bool {
    matches!(*method, Method::GET | Method::HEAD)
        && !path.starts_with("/api/")
        && !path.starts_with("/pkg/")
        && ![".pdf", ".docx", ".md"]
            .iter()
            .any(|ext| path.ends_with(ext))
}

/// Refuses request bodies over [`crate::BODY_LIMIT`] (the draft upload: over
/// [`crate::UPLOAD_BODY_LIMIT`], the staff-list upload: [`crate::import::UPLOAD_BODY_LIMIT`]) with 413: at once when the declared length is too large,
/// otherwise when reading passes the limit.
pub async fn limit_body(req: Request, next: Next) -> Response {
    let limit = if req.uri().path() == app::import::pages::UPLOAD_PATH {
        crate::import::UPLOAD_BODY_LIMIT
    } else if crate::documents::is_upload_path(req.uri().path()) {
        crate::UPLOAD_BODY_LIMIT
    } else {
        crate::BODY_LIMIT
    };
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|len| len > limit) {
        return StatusCode::PAYLOAD_TOO_LARGE.into_response();
    }
    let (parts, body) = req.into_parts();
    let body = Body::new(http_body_util::Limited::new(body, limit));
    next.run(Request::from_parts(parts, body)).await
}

/// Lets at most the [`RenderLimit`]'s number of page renders run at once.
pub async fn limit_page_renders(
    State(limit): State<RenderLimit>,
    req: Request,
    next: Next,
) -> Response {
    if !renders_page(req.method(), req.uri().path()) {
        return next.run(req).await;
    }
    // The semaphore is never closed, so `acquire` cannot fail; if it ever did, render anyway.
    let _permit = limit.0.acquire().await.ok();
    next.run(req).await
}

/// Sets the security headers on every answer (pages set their own Content-Security-Policy
/// with the nonce of their inline scripts; everything else gets the default one) and the
/// caching rule: the hashed browser bundle under `/pkg/` may be cached for a year, everything
/// else is personal and must not be stored.
pub async fn security_headers(req: Request, next: Next) -> Response {
    use app::security;
    let bundle = req.uri().path().starts_with("/pkg/");
    let mut response = next.run(req).await;
    let ok = response.status().is_success();
    let headers = response.headers_mut();
    let mut set_default = |name: header::HeaderName, value: &'static str| {
        if !headers.contains_key(&name) {
            headers.insert(name, HeaderValue::from_static(value));
        }
    };
    set_default(header::CONTENT_SECURITY_POLICY, security::DEFAULT_POLICY);
    set_default(header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    set_default(header::REFERRER_POLICY, security::REFERRER_POLICY);
    set_default(
        header::HeaderName::from_static("permissions-policy"),
        security::PERMISSIONS_POLICY,
    );
    set_default(header::X_FRAME_OPTIONS, "DENY");
    let cache = if bundle && ok {
        security::IMMUTABLE
    } else {
        security::NO_STORE
    };
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    if bundle && !headers.contains_key(header::VARY) {
        // The same address answers brotli, gzip or plain bytes: caches must keep them apart.
        headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    }
    response
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
    // One-click unsubscribe (RFC 8058) is posted by mail programs, also from webmail pages on
    // other sites; the signed token in the address is its only proof, so cross-site is fine.
    let token_only = req.uri().path().starts_with("/abbestellen/");
    if !safe && !token_only {
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
    // A form post may fail after the person wrote a long text: keep the text, so the page it
    // returns to can show it (see `app::flash`). Form bodies are small (the body limit holds).
    let (req, text) = match form_text(req).await {
        Ok(found) => found,
        Err(response) => return response,
    };
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
        Err(err) => {
            let err = AppError::internal("reading a server function's error answer", err);
            return error_response(StatusCode::INTERNAL_SERVER_ERROR, &err);
        }
    };
    if let Ok(err) = serde_json::from_slice::<AppError>(&bytes) {
        if redirected {
            if let Some(session) = session {
                if let Err(e) = app::flash::remember(&session, &err, text).await {
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

/// The form fields that carry a person's text (comments, replies and reports: `body`;
/// contributions: `text`).
const TEXT_FIELDS: [&str; 2] = ["body", "text"];

/// For a form post to a server function: the request (with its body read and put back) and
/// the non-blank text field, if any. Other requests pass untouched.
async fn form_text(req: Request) -> Result<(Request, Option<String>), Response> {
    let is_form = req.method() == Method::POST
        && req.uri().path().starts_with("/api/")
        && req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
    if !is_form {
        return Ok((req, None));
    }
    let (parts, body) = req.into_parts();
    let bytes = to_bytes(body, crate::BODY_LIMIT)
        .await
        .map_err(|_| StatusCode::PAYLOAD_TOO_LARGE.into_response())?;
    let text = serde_urlencoded::from_bytes::<Vec<(String, String)>>(&bytes)
        .ok()
        .and_then(|fields| {
            fields
                .into_iter()
                .find(|(name, value)| {
                    TEXT_FIELDS.contains(&name.as_str()) && !value.trim().is_empty()
                })
                .map(|(_, value)| value)
        });
    Ok((Request::from_parts(parts, Body::from(bytes)), text))
}

/// Replaces the body limit's bare 413 with a German message in the server-function error shape
/// (for the draft upload, a plain form post, a German page with the way back).
pub async fn explain_too_large(req: Request, next: Next) -> Response {
    let upload =
        crate::documents::is_upload_path(req.uri().path()).then(|| req.uri().path().to_owned());
    let response = next.run(req).await;
    if response.status() != StatusCode::PAYLOAD_TOO_LARGE {
        return response;
    }
    if let Some(path) = upload {
        let back = path.trim_end_matches("/import");
        let mut page = (
            StatusCode::PAYLOAD_TOO_LARGE,
            format!(
                "<!DOCTYPE html><html lang=\"de\"><head><meta charset=\"utf-8\"><title>Datei zu groß · Mitsprache</title></head>\
                 <body><main><h1>Die Datei ist zu groß</h1><p>Es können Dateien bis 10 MB übernommen werden. \
                 Bitte verkleinern Sie die Datei (z. B. ohne Bilder speichern) und laden Sie sie erneut hoch.</p>\
                 <p><a href=\"{back}\">Zurück zum Entwurf</a></p></main></body></html>"
            ),
        )
            .into_response();
        page.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/html; charset=utf-8"),
        );
        return page;
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
    let err = AppError::internal("handling a request: the handler panicked", detail);
    error_response(StatusCode::INTERNAL_SERVER_ERROR, &err)
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

    /// Tracks how many handler calls run at once and the most seen.
    #[derive(Default)]
    struct Gauge {
        now: std::sync::atomic::AtomicUsize,
        max: std::sync::atomic::AtomicUsize,
    }

    impl Gauge {
        fn enter(&self) {
            use std::sync::atomic::Ordering::SeqCst;
            let now = self.now.fetch_add(1, SeqCst) + 1;
            self.max.fetch_max(now, SeqCst);
        }
        fn leave(&self) {
            self.now.fetch_sub(1, std::sync::atomic::Ordering::SeqCst);
        }
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn at_most_the_limit_of_pages_render_at_once_while_server_functions_are_not_held() {
        use std::sync::atomic::Ordering::SeqCst;
        use tower::ServiceExt;
        const CALLS: usize = 8;
        let pages = Arc::new(Gauge::default());
        let api = Arc::new(Gauge::default());
        // Every server-function call waits until all of them are inside: this only finishes if
        // the limit lets them all in at once.
        let barrier = Arc::new(tokio::sync::Barrier::new(CALLS));
        let app = {
            let (pages, api, barrier) = (pages.clone(), api.clone(), barrier.clone());
            axum::Router::new()
                .route(
                    "/seite",
                    axum::routing::get(move || async move {
                        pages.enter();
                        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
                        pages.leave();
                    }),
                )
                .route(
                    "/api/f",
                    axum::routing::post(move || async move {
                        api.enter();
                        barrier.wait().await;
                        api.leave();
                    }),
                )
                .layer(axum::middleware::from_fn_with_state(
                    RenderLimit::new(2),
                    limit_page_renders,
                ))
        };
        let call = |method: Method, path: &'static str| {
            let app = app.clone();
            tokio::spawn(async move {
                let req = axum::http::Request::builder()
                    .method(method)
                    .uri(path)
                    .body(Body::empty())
                    .unwrap();
                app.oneshot(req).await.unwrap().status()
            })
        };
        let mut tasks = Vec::new();
        for _ in 0..CALLS {
            tasks.push(call(Method::GET, "/seite"));
            tasks.push(call(Method::POST, "/api/f"));
        }
        for task in tasks {
            assert_eq!(task.await.unwrap(), StatusCode::OK);
        }
        assert!(
            pages.max.load(SeqCst) <= 2,
            "{} pages at once",
            pages.max.load(SeqCst)
        );
        assert_eq!(api.max.load(SeqCst), CALLS);
    }

    #[test]
    fn only_page_loads_wait_for_a_render_permit() {
        assert!(renders_page(&Method::GET, "/prozesse/1/runden/1"));
        assert!(renders_page(&Method::HEAD, "/"));
        assert!(!renders_page(&Method::POST, "/api/post_comment"));
        assert!(!renders_page(&Method::GET, "/api/get_round"));
        assert!(!renders_page(&Method::GET, "/pkg/mitsprache.wasm"));
        assert!(!renders_page(&Method::POST, "/abmelden"));
    }
}
