//! The download routes (PDF, Word, Markdown source) and the upload of a file for a new
//! working draft. They are plain routes (a browser follows a link or posts a form), so each
//! loads the session user itself; the permission checks are the app's (`app::document::ssr`),
//! the same as on the page a link comes from.

use app::document::ssr::{self as docs, Download};
use app::domain::markdown::escape_html;
use app::error::AppError;
use app::state::AppState;
use axum::extract::{Multipart, Path, Query, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post, MethodRouter};
use axum::Router;
use serde::Deserialize;
use tower_sessions::Session;

/// Every download and upload route. The authorisation matrix test walks this list, so a new
/// route cannot miss its row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocumentRoute {
    /// The adopted guideline as PDF (`?zeilennummern=ja` adds line numbers).
    GuidelinePdf,
    /// The adopted guideline as Word file.
    GuidelineDocx,
    /// The adopted guideline's Markdown source (the bytes of its hash).
    GuidelineSource,
    /// A round's feedback report as PDF.
    ReportPdf,
    /// The comparison of two versions as PDF (`?from=N&to=M`).
    ComparisonPdf,
    /// The adoption record as PDF.
    AdoptionRecordPdf,
    /// Upload of a file that becomes the working draft after a preview.
    DraftImport,
}

impl DocumentRoute {
    /// All routes, in the order of the matrix.
    pub const ALL: [DocumentRoute; 7] = [
        DocumentRoute::GuidelinePdf,
        DocumentRoute::GuidelineDocx,
        DocumentRoute::GuidelineSource,
        DocumentRoute::ReportPdf,
        DocumentRoute::ComparisonPdf,
        DocumentRoute::AdoptionRecordPdf,
        DocumentRoute::DraftImport,
    ];

    /// The route pattern (axum syntax).
    pub fn path(self) -> &'static str {
        match self {
            DocumentRoute::GuidelinePdf => "/prozesse/{id}/leitlinie.pdf",
            DocumentRoute::GuidelineDocx => "/prozesse/{id}/leitlinie.docx",
            DocumentRoute::GuidelineSource => "/prozesse/{id}/leitlinie.md",
            DocumentRoute::ReportPdf => "/prozesse/{id}/runden/{round}/bericht.pdf",
            DocumentRoute::ComparisonPdf => "/prozesse/{id}/vergleich.pdf",
            DocumentRoute::AdoptionRecordPdf => "/prozesse/{id}/verabschiedung.pdf",
            DocumentRoute::DraftImport => "/prozesse/{id}/entwurf/import",
        }
    }

    /// Whether the route takes a POST (the upload) rather than a GET.
    pub fn is_upload(self) -> bool {
        self == DocumentRoute::DraftImport
    }

    fn handler(self) -> MethodRouter<AppState> {
        match self {
            DocumentRoute::GuidelinePdf => get(guideline_pdf),
            DocumentRoute::GuidelineDocx => get(guideline_docx),
            DocumentRoute::GuidelineSource => get(guideline_source),
            DocumentRoute::ReportPdf => get(report_pdf),
            DocumentRoute::ComparisonPdf => get(comparison_pdf),
            DocumentRoute::AdoptionRecordPdf => get(adoption_record_pdf),
            // The size is limited by `middleware::limit_body` (10 MB for this address), not by
            // axum's default of 2 MB for extractors.
            DocumentRoute::DraftImport => {
                post(draft_import).layer(axum::extract::DefaultBodyLimit::disable())
            }
        }
    }
}

/// The routes, to merge into the app's router.
pub fn routes() -> Router<AppState> {
    DocumentRoute::ALL
        .into_iter()
        .fold(Router::new(), |router, route| {
            router.route(route.path(), route.handler())
        })
}

/// Whether a request is the upload (it may carry a file of up to 10 MB).
pub fn is_upload_path(path: &str) -> bool {
    let mut parts = path.trim_end_matches('/').split('/');
    matches!(
        (parts.next(), parts.next(), parts.next(), parts.next(), parts.next(), parts.next()),
        (Some(""), Some("prozesse"), Some(id), Some("entwurf"), Some("import"), None)
            if id.parse::<i64>().is_ok()
    )
}

/// The signed-in person, or the refusal every route gives without one.
async fn me(state: &AppState, session: &Session) -> Result<app::auth::Me, AppError> {
    app::auth::ssr::user_of_session(&state.db, session)
        .await?
        .ok_or(AppError::Unauthenticated)
}

/// A file as an attachment with its German name.
fn send(download: Download) -> Response {
    let mut response = (StatusCode::OK, download.bytes.as_ref().clone()).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(download.content_type),
    );
    match HeaderValue::from_str(&download.disposition()) {
        Ok(value) => {
            headers.insert(header::CONTENT_DISPOSITION, value);
        }
        Err(err) => {
            tracing::error!(%err, "unencodable download name");
            headers.insert(
                header::CONTENT_DISPOSITION,
                HeaderValue::from_static("attachment"),
            );
        }
    }
    response
}

/// A refusal or failure as a small German page (a download link is a navigation).
fn refuse(err: AppError) -> Response {
    let status =
        StatusCode::from_u16(err.status_code()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let title = match err {
        AppError::Unauthenticated => "Bitte melden Sie sich an",
        AppError::Forbidden => "Keine Berechtigung",
        AppError::NotFound => "Nicht gefunden",
        _ => "Die Datei kann nicht erstellt werden",
    };
    let login = matches!(err, AppError::Unauthenticated)
        .then_some(r#"<p><a href="/anmelden">Zur Anmeldung</a></p>"#)
        .unwrap_or("");
    let body = format!(
        "<!DOCTYPE html><html lang=\"de\"><head><meta charset=\"utf-8\"><title>{title} · Mitsprache</title></head>\
         <body><main><h1>{title}</h1><p>{}</p>{login}<p><a href=\"/\">Zur Startseite</a></p></main></body></html>",
        escape_html(&err.to_string())
    );
    let mut response = (status, body).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    response
}

fn answer(result: Result<Download, AppError>) -> Response {
    match result {
        Ok(download) => send(download),
        Err(err) => refuse(err),
    }
}

/// `?zeilennummern=ja`
#[derive(Debug, Deserialize)]
struct GuidelineQuery {
    #[serde(default)]
    zeilennummern: Option<String>,
}

async fn guideline_pdf(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<i64>,
    Query(query): Query<GuidelineQuery>,
) -> Response {
    let lines = matches!(query.zeilennummern.as_deref(), Some("ja" | "1" | "on"));
    answer(
        async { docs::guideline_pdf(&state, &me(&state, &session).await?, id, lines).await }.await,
    )
}

async fn guideline_docx(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<i64>,
) -> Response {
    answer(async { docs::guideline_docx(&state, &me(&state, &session).await?, id).await }.await)
}

async fn guideline_source(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<i64>,
) -> Response {
    answer(async { docs::guideline_source(&state, &me(&state, &session).await?, id).await }.await)
}

async fn report_pdf(
    State(state): State<AppState>,
    session: Session,
    Path((id, round)): Path<(i64, i64)>,
) -> Response {
    answer(async { docs::report_pdf(&state, &me(&state, &session).await?, id, round).await }.await)
}

/// `?from=N&to=M`; both optional like on the compare page.
#[derive(Debug, Deserialize)]
struct CompareQuery {
    /// Also `von`, the name the compare page's form uses.
    #[serde(default, alias = "von")]
    from: Option<String>,
    /// Also `zu`.
    #[serde(default, alias = "zu")]
    to: Option<String>,
}

async fn comparison_pdf(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<i64>,
    Query(query): Query<CompareQuery>,
) -> Response {
    let number = |v: Option<String>| -> Result<Option<i32>, AppError> {
        match v.as_deref().map(str::trim) {
            None | Some("") => Ok(None),
            Some(n) => n.parse().map(Some).map_err(|_| {
                AppError::Invalid("Bitte wählen Sie die Versionen als Zahlen.".into())
            }),
        }
    };
    answer(
        async {
            let me = me(&state, &session).await?;
            let (from, to) = (number(query.from)?, number(query.to)?);
            docs::comparison_pdf(&state, &me, id, from, to).await
        }
        .await,
    )
}

async fn adoption_record_pdf(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<i64>,
) -> Response {
    answer(
        async { docs::adoption_record_pdf(&state, &me(&state, &session).await?, id).await }.await,
    )
}

/// Reads the upload (field `datei`), converts it and shows the preview; on a refusal the
/// draft page shows the German message (a plain form post, so no JavaScript is needed).
async fn draft_import(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<i64>,
    multipart: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> Response {
    let me = match me(&state, &session).await {
        Ok(me) => me,
        Err(err) => return refuse(err),
    };
    // Permission first, before a byte of the file is looked at.
    if let Err(err) = app::process::ssr::require(
        &state.db,
        &me,
        id,
        app::domain::access::ProcessAction::EditDraft,
    )
    .await
    {
        return refuse(err);
    }
    let result = async {
        let mut multipart = multipart.map_err(|_| {
            AppError::Invalid(
                "Bitte wählen Sie eine Datei aus und senden Sie das Formular erneut.".into(),
            )
        })?;
        let (name, bytes) = read_file(&mut multipart).await?;
        docs::import_upload(&state, &session, &me, id, name, bytes).await
    }
    .await;
    match result {
        Ok(()) => Redirect::to(&format!("/prozesse/{id}/entwurf/import")).into_response(),
        Err(err @ (AppError::Invalid(_) | AppError::Conflict(_) | AppError::Busy)) => {
            if let Err(e) = app::flash::remember(&session, &err, None).await {
                tracing::warn!(%e, "could not keep the import error for the draft page");
                return refuse(err);
            }
            Redirect::to(&format!("/prozesse/{id}/entwurf")).into_response()
        }
        Err(err) => refuse(err),
    }
}

/// The `datei` field of the form: its file name and bytes (at most 10 MB, else refused).
async fn read_file(multipart: &mut Multipart) -> Result<(String, Vec<u8>), AppError> {
    use app::document::import::{ImportError, MAX_FILE_BYTES};
    let malformed = || {
        AppError::Invalid(
            "Die Datei kam nicht vollständig an. Bitte versuchen Sie es erneut.".into(),
        )
    };
    while let Some(mut field) = multipart.next_field().await.map_err(|_| malformed())? {
        if field.name() != Some("datei") {
            continue;
        }
        let name = field.file_name().unwrap_or_default().to_owned();
        let mut bytes = Vec::new();
        while let Some(chunk) = field.chunk().await.map_err(|_| malformed())? {
            if bytes.len() + chunk.len() > MAX_FILE_BYTES {
                return Err(AppError::invalid(ImportError::TooLarge));
            }
            bytes.extend_from_slice(&chunk);
        }
        if bytes.is_empty() && name.is_empty() {
            return Err(AppError::invalid(ImportError::Empty));
        }
        return Ok((name, bytes));
    }
    Err(AppError::invalid(ImportError::Empty))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_import_address_counts_as_an_upload() {
        assert!(is_upload_path("/prozesse/12/entwurf/import"));
        assert!(!is_upload_path("/prozesse/x/entwurf/import"));
        assert!(!is_upload_path("/prozesse/12/entwurf"));
        assert!(!is_upload_path("/api/save_draft"));
        assert!(!is_upload_path("/prozesse/12/entwurf/import/mehr"));
    }

    #[test]
    fn every_route_has_its_own_address() {
        let mut paths: Vec<&str> = DocumentRoute::ALL.iter().map(|r| r.path()).collect();
        paths.sort_unstable();
        paths.dedup();
        assert_eq!(paths.len(), DocumentRoute::ALL.len());
    }
}

/// What `server render-documents` measured: time and size of each document made from the
/// latest version of a process (the benchmark's 12,000-word guideline).
#[derive(Debug, Clone, serde::Serialize)]
pub struct RenderMeasurement {
    /// Words of the latest version.
    pub words: usize,
    /// The version typeset.
    pub version: i32,
    /// The guideline PDF (title page, contents, text): milliseconds and bytes.
    pub guideline_pdf_ms: u128,
    /// Its size.
    pub guideline_pdf_bytes: usize,
    /// The same with line numbers.
    pub guideline_pdf_lines_ms: u128,
    /// Its size.
    pub guideline_pdf_lines_bytes: usize,
    /// The Word file.
    pub docx_ms: u128,
    /// Its size.
    pub docx_bytes: usize,
    /// The comparison of version 1 with the latest.
    pub comparison_pdf_ms: u128,
    /// Its size.
    pub comparison_pdf_bytes: usize,
}

/// Typesets the documents of a process's latest version as the downloads would (without the
/// cache), timing each. The title page uses placeholder decisions when nothing is adopted.
pub async fn measure(
    db: &sea_orm::DatabaseConnection,
    process_id: i64,
) -> Result<RenderMeasurement, String> {
    use app::document::layout::{self, ComparisonDocument, DecisionLine, GuidelineDocument};
    use app::document::pdf::{render, DocumentDate};
    use app::entities::{process, version};
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
    use std::time::Instant;
    let process = process::Entity::find_by_id(process_id)
        .one(db)
        .await
        .map_err(|e| e.to_string())?
        .ok_or_else(|| format!("Prozess {process_id} gibt es nicht."))?;
    let versions = version::Entity::find()
        .filter(version::Column::ProcessId.eq(process_id))
        .order_by_asc(version::Column::Number)
        .all(db)
        .await
        .map_err(|e| e.to_string())?;
    let (Some(first), Some(latest)) = (versions.first(), versions.last()) else {
        return Err(format!("Prozess {process_id} hat keine Version."));
    };
    let date = DocumentDate::of(latest.published_at);
    let mut doc = GuidelineDocument {
        organisation: Some("Lasttest e. V.".into()),
        title: process.title.clone(),
        version_number: latest.number,
        adopted_on: "01.12.2026".into(),
        next_review: Some("01.12.2028".into()),
        content_hash: latest.content_hash.clone(),
        source_file_name: "quelltext.md".into(),
        decisions: vec![DecisionLine {
            body: "Betriebsrat".into(),
            verdict: "mit Auflagen zugestimmt".into(),
            meeting_date: "30.11.2026".into(),
            minutes_ref: "BR-2026-11, TOP 3".into(),
            conditions: Some("Schulung aller Teams bis März".into()),
        }],
        summary: "Kurz gesagt: Wir nutzen KI mit Bedacht.".into(),
        body: latest.body.clone(),
        line_numbers: false,
    };
    let timed = |markup: String| -> Result<(u128, usize), String> {
        let started = Instant::now();
        let pdf = render(&markup, "bench", date).map_err(|e| e.to_string())?;
        Ok((started.elapsed().as_millis(), pdf.len()))
    };
    let (guideline_pdf_ms, guideline_pdf_bytes) = timed(layout::guideline(&doc))?;
    doc.line_numbers = true;
    let (guideline_pdf_lines_ms, guideline_pdf_lines_bytes) = timed(layout::guideline(&doc))?;
    let started = Instant::now();
    let docx = app::document::docx::guideline_docx(
        &app::document::docx::DocxFrontMatter {
            title: doc.title.clone(),
            lines: vec![format!("Version {}", doc.version_number)],
        },
        &doc.body,
    )
    .map_err(|e| e.to_string())?;
    let docx_ms = started.elapsed().as_millis();
    let sections = app::domain::diff::section_diff(&first.body, &latest.body);
    let comparison = ComparisonDocument {
        organisation: None,
        title: process.title.clone(),
        from: first.number,
        to: latest.number,
        from_hash: first.content_hash.clone(),
        to_hash: latest.content_hash.clone(),
        inserted_words: 0,
        deleted_words: 0,
        sections: sections
            .into_iter()
            .map(|s| {
                use app::document::layout::{Change, ComparedSection};
                use app::domain::diff::{DiffKind, SectionChangeKind};
                let (status, pieces) = match s.kind {
                    SectionChangeKind::Added(md) => ("neu", vec![(Change::Inserted, md)]),
                    SectionChangeKind::Removed(md) => ("entfernt", vec![(Change::Deleted, md)]),
                    SectionChangeKind::Changed(ops) => (
                        "geändert",
                        ops.into_iter()
                            .map(|op| {
                                let change = match op.kind {
                                    DiffKind::Equal => Change::Kept,
                                    DiffKind::Insert => Change::Inserted,
                                    DiffKind::Delete => Change::Deleted,
                                };
                                (change, op.text)
                            })
                            .collect(),
                    ),
                    SectionChangeKind::Unchanged => ("unverändert", Vec::new()),
                };
                ComparedSection {
                    title: s.title,
                    old_title: s.old_title,
                    status: status.into(),
                    pieces,
                    inserted_words: 0,
                    deleted_words: 0,
                }
            })
            .collect(),
    };
    let (comparison_pdf_ms, comparison_pdf_bytes) = timed(layout::comparison(&comparison))?;
    Ok(RenderMeasurement {
        words: latest.body.split_whitespace().count(),
        version: latest.number,
        guideline_pdf_ms,
        guideline_pdf_bytes,
        guideline_pdf_lines_ms,
        guideline_pdf_lines_bytes,
        docx_ms,
        docx_bytes: docx.len(),
        comparison_pdf_ms,
        comparison_pdf_bytes,
    })
}
