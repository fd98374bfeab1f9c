//! The staff import's file transfers, as plain routes (they work without JavaScript): the
//! upload of the list (multipart form) and the download of the invitation links (CSV).

use crate::middleware::error_response;
use app::domain::account::Permission;
use app::domain::staff_import::{ImportFileError, IMPORT_MAX_BYTES};
use app::error::AppError;
use app::state::AppState;
use axum::extract::{Multipart, Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use tower_sessions::Session;

/// The largest request body the upload route reads: more than the file limit, so a file that
/// is too large is read to its end and answered with a German message on the page rather than
/// a broken connection. Larger requests get 413 at once.
pub const UPLOAD_BODY_LIMIT: usize = 64 * 1024 * 1024;

/// The signed-in coordinator, or the answer refusing the request.
async fn coordinator(state: &AppState, session: &Session) -> Result<app::auth::Me, Response> {
    match app::auth::ssr::user_of_session(&state.db, session).await {
        Ok(Some(me)) if me.can(Permission::ManageUsers) => Ok(me),
        Ok(Some(_)) => Err(error_response(StatusCode::FORBIDDEN, &AppError::Forbidden)),
        Ok(None) => Err(error_response(
            StatusCode::UNAUTHORIZED,
            &AppError::Unauthenticated,
        )),
        Err(err) => Err(error_response(StatusCode::INTERNAL_SERVER_ERROR, &err)),
    }
}

/// Back to the upload form with the message shown once (the flash of plain form posts).
async fn back_with(session: &Session, err: &AppError) -> Response {
    if let Err(e) = app::flash::remember(session, err, None).await {
        tracing::warn!(%e, "could not keep the import error for the next page");
    }
    Redirect::to("/admin/benutzer/import").into_response()
}

/// The uploaded file: its name and bytes; `Ok(None)` when it is larger than allowed (read to
/// its end and dropped).
async fn read_file(multipart: &mut Multipart) -> Result<Option<(String, Vec<u8>)>, AppError> {
    let unreadable = |err: axum::extract::multipart::MultipartError| {
        tracing::info!(%err, "staff list upload unreadable");
        AppError::Invalid(
            "Die Datei ist nicht vollständig angekommen. Bitte versuchen Sie es erneut.".into(),
        )
    };
    while let Some(mut field) = multipart.next_field().await.map_err(unreadable)? {
        if field.name() != Some("datei") {
            continue;
        }
        let name = field.file_name().unwrap_or_default().to_owned();
        let mut bytes = Vec::new();
        let mut too_large = false;
        while let Some(chunk) = field.chunk().await.map_err(unreadable)? {
            if bytes.len() + chunk.len() > IMPORT_MAX_BYTES {
                too_large = true;
                bytes = Vec::new();
            }
            if !too_large {
                bytes.extend_from_slice(&chunk);
            }
        }
        return Ok((!too_large).then_some((name, bytes)));
    }
    Err(AppError::invalid(ImportFileError::Empty))
}

/// `POST /admin/benutzer/import/hochladen`: reads and checks the list, stores it as a preview
/// and shows the preview; a bad file goes back to the form with a German message.
pub async fn upload(
    State(state): State<AppState>,
    session: Session,
    multipart: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> Response {
    let me = match coordinator(&state, &session).await {
        Ok(me) => me,
        Err(response) => return response,
    };
    let Ok(mut multipart) = multipart else {
        return back_with(&session, &AppError::invalid(ImportFileError::Empty)).await;
    };
    let (name, bytes) = match read_file(&mut multipart).await {
        Ok(Some(file)) => file,
        Ok(None) => {
            return back_with(&session, &AppError::invalid(ImportFileError::TooLarge)).await
        }
        Err(err) => return back_with(&session, &err).await,
    };
    match app::import::ssr::store_upload(&state.db, me.id, &name, &bytes, chrono::Utc::now()).await
    {
        Ok(id) => Redirect::to(&format!("/admin/benutzer/import/{id}")).into_response(),
        Err(err) => back_with(&session, &err).await,
    }
}

/// What the coordinator chose on the import's result page.
#[derive(Debug, Default, serde::Deserialize)]
pub struct InvitationChoice {
    /// `datei`: the links as a file; anything else: by mail.
    #[serde(default)]
    art: String,
}

/// `POST /admin/benutzer/import/{id}/einladungen`: new invitation links for the accounts the
/// import created that are still waiting — by mail (back to the result page, which says how
/// many), or with `art=datei` as a CSV file for Excel.
pub async fn invitations(
    State(state): State<AppState>,
    session: Session,
    headers: HeaderMap,
    id: Result<Path<i64>, axum::extract::rejection::PathRejection>,
    choice: Result<axum::extract::Form<InvitationChoice>, axum::extract::rejection::FormRejection>,
) -> Response {
    let me = match coordinator(&state, &session).await {
        Ok(me) => me,
        Err(response) => return response,
    };
    let Ok(Path(id)) = id else {
        return error_response(StatusCode::NOT_FOUND, &AppError::NotFound);
    };
    if let Err(err) = state.require_password_login() {
        return error_response(StatusCode::BAD_REQUEST, &err);
    }
    let host = headers.get(header::HOST).and_then(|h| h.to_str().ok());
    let base = state.public_base(host);
    let as_file = choice.is_ok_and(|c| c.art == "datei");
    let frame = state.config.mail_frame(&base);
    let mail = (!as_file).then_some(&frame);
    let links = match app::import::ssr::send_invitations(
        &state.db,
        me.id,
        id,
        &base,
        mail,
        chrono::Utc::now(),
    )
    .await
    {
        Ok(links) if !as_file => {
            return axum::response::Redirect::to(&format!(
                "/admin/benutzer/import/{id}?eingeladen={}",
                links.len()
            ))
            .into_response();
        }
        Ok(links) => links,
        Err(err) => {
            let status = StatusCode::from_u16(err.status_code())
                .unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            return error_response(status, &err);
        }
    };
    match app::import::ssr::links_csv(&links) {
        Ok(csv) => {
            let mut response = csv.into_response();
            let headers = response.headers_mut();
            headers.insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/csv; charset=utf-8"),
            );
            if let Ok(value) = HeaderValue::from_str(&format!(
                "attachment; filename=\"einladungslinks-import-{id}.csv\""
            )) {
                headers.insert(header::CONTENT_DISPOSITION, value);
            }
            response
        }
        Err(err) => error_response(StatusCode::INTERNAL_SERVER_ERROR, &err),
    }
}
