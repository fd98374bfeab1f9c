//! Documents that leave the platform: the adopted guideline as archival PDF and as Word file,
//! the feedback report, a comparison and the adoption record as PDF, and a working draft
//! started from a Word, OpenDocument or Markdown file.
//!
//! [`markup`] and [`layout`] write typst markup from data (pure Rust); [`pdf`] typesets it
//! (server only: typst stays out of the browser bundle); [`docx`] writes Word files;
//! [`import`] reads uploaded files into Markdown; [`ssr`] collects each document's data from
//! the database, checks who may have it, and caches the rendered bytes.

#[cfg(feature = "ssr")]
pub mod docx;
#[cfg(feature = "import")]
pub mod import;
pub mod layout;
pub mod markup;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod pdf;
#[cfg(feature = "ssr")]
pub mod ssr;

use crate::error::AppError;
use crate::process::ProcessHead;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// A German file name for a download: "KI-Leitlinie 2027 – Version 3.pdf". Characters that
/// cannot stand in a file name or a header (`/`, `\`, quotes, control characters, CR, LF) are
/// replaced; the name is cut to a length every system accepts.
pub fn file_name(title: &str, what: &str, extension: &str) -> String {
    let clean = |s: &str| -> String {
        let replaced: String = s
            .chars()
            .map(|c| match c {
                '/' | '\\' | '"' | ':' | '*' | '?' | '<' | '>' | '|' => '-',
                c if c.is_control() => ' ',
                c => c,
            })
            .collect();
        replaced.split_whitespace().collect::<Vec<_>>().join(" ")
    };
    let title: String = clean(title).chars().take(80).collect();
    let title = title.trim_matches(|c: char| c == '.' || c.is_whitespace());
    let title = if title.is_empty() { "Leitlinie" } else { title };
    format!("{title} – {}.{extension}", clean(what))
}

/// The `Content-Disposition` value for a download named `name` (RFC 6266): an ASCII
/// fallback for old clients and the exact UTF-8 name in `filename*` (RFC 5987).
pub fn content_disposition(name: &str) -> String {
    let ascii: String = name
        .chars()
        .flat_map(|c| {
            let replacement: &str = match c {
                'ä' => "ae",
                'ö' => "oe",
                'ü' => "ue",
                'Ä' => "Ae",
                'Ö' => "Oe",
                'Ü' => "Ue",
                'ß' => "ss",
                '–' | '—' => "-",
                c if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | ' ') => {
                    return vec![c];
                }
                _ => "_",
            };
            replacement.chars().collect()
        })
        .collect();
    let mut encoded = String::with_capacity(name.len() * 3);
    for byte in name.bytes() {
        let c = byte as char;
        if c.is_ascii_alphanumeric() || "!#$&+-.^_`|~".contains(c) {
            encoded.push(c);
        } else {
            encoded.push_str(&format!("%{byte:02X}"));
        }
    }
    format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{encoded}")
}

/// An uploaded file waiting for the person to confirm that it replaces the working draft.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingImport {
    /// The uploaded file's name.
    pub file_name: String,
    /// The Markdown made from it.
    pub markdown: String,
    /// What was dropped ("2 Bilder oder eingebettete Objekte").
    pub dropped: Vec<String>,
    /// The working draft's save counter when the file was uploaded (`None`: no draft yet); the
    /// replacement is saved against it, so a save by someone else in between is not lost.
    pub edit_count: Option<i32>,
}

/// What the import preview page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportPreview {
    /// The process.
    pub process: ProcessHead,
    /// The pending import, if a file was uploaded.
    pub pending: Option<PendingImport>,
    /// The Markdown rendered and sanitised, for the preview.
    pub html: String,
    /// Words in the imported text.
    pub words: usize,
}

/// The import preview of a process (what the signed-in person uploaded). Project group only.
#[server(prefix = "/api", endpoint = "get_draft_import")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "get_import", skip_all, fields(process_id = process_id)))]
pub async fn get_import(process_id: i64) -> Result<ImportPreview, AppError> {
    use crate::domain::access::ProcessAction;
    let me = crate::auth::ssr::require_user().await?;
    let db = &crate::state::app_state()?.db;
    let (process, roles) =
        crate::process::ssr::require(db, &me, process_id, ProcessAction::EditDraft).await?;
    let session = crate::auth::ssr::session().await?;
    let pending = ssr::pending_import(&session, process_id).await?;
    let html = pending
        .as_ref()
        .map(|p| crate::domain::markdown::render(&p.markdown).html)
        .unwrap_or_default();
    let words = pending
        .as_ref()
        .map_or(0, |p| p.markdown.split_whitespace().count());
    Ok(ImportPreview {
        process: crate::process::ssr::head(process, roles),
        pending,
        html,
        words,
    })
}

/// Replaces (or starts) the working draft with the uploaded file's text, through the same
/// save as the editor: refused with a conflict when someone saved the draft after the upload.
/// Project group only.
#[server(prefix = "/api", endpoint = "apply_draft_import")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "apply_import", skip_all, fields(process_id = process_id)))]
pub async fn apply_import(process_id: i64) -> Result<i32, AppError> {
    use crate::domain::access::ProcessAction;
    let me = crate::auth::ssr::require_user().await?;
    let db = &crate::state::app_state()?.db;
    crate::process::ssr::require(db, &me, process_id, ProcessAction::EditDraft).await?;
    let session = crate::auth::ssr::session().await?;
    let pending = ssr::pending_import(&session, process_id)
        .await?
        .ok_or_else(|| {
            AppError::Invalid(
                "Es liegt keine hochgeladene Datei vor. Bitte laden Sie die Datei erneut hoch."
                    .into(),
            )
        })?;
    let body = crate::draft::check_draft_size(pending.markdown)?;
    let count = match pending.edit_count {
        Some(count) => crate::draft::ssr::save(db, process_id, me.id, &body, count).await?,
        None => crate::draft::ssr::start(db, process_id, me.id, &body).await?,
    };
    ssr::forget_import(&session, process_id).await?;
    leptos_axum::redirect(&format!("/prozesse/{process_id}/entwurf"));
    Ok(count)
}

/// Discards the uploaded file; the working draft stays as it is. Project group only.
#[server(prefix = "/api", endpoint = "discard_draft_import")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "discard_import", skip_all, fields(process_id = process_id)))]
pub async fn discard_import(process_id: i64) -> Result<(), AppError> {
    use crate::domain::access::ProcessAction;
    let me = crate::auth::ssr::require_user().await?;
    let db = &crate::state::app_state()?.db;
    crate::process::ssr::require(db, &me, process_id, ProcessAction::EditDraft).await?;
    let session = crate::auth::ssr::session().await?;
    ssr::forget_import(&session, process_id).await?;
    leptos_axum::redirect(&format!("/prozesse/{process_id}/entwurf"));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_name_keeps_umlauts_and_drops_what_breaks_headers() {
        assert_eq!(
            file_name("Leitlinie \"Süd\"/Nord\r\nx", "Version 3", "pdf"),
            "Leitlinie -Süd--Nord x – Version 3.pdf"
        );
        assert_eq!(
            file_name("  ", "Version 1", "docx"),
            "Leitlinie – Version 1.docx"
        );
    }

    #[test]
    fn the_content_disposition_has_an_ascii_fallback_and_the_exact_utf8_name() {
        assert_eq!(
            content_disposition("Übersicht – Prüfung.pdf"),
            "attachment; filename=\"Uebersicht - Pruefung.pdf\"; \
             filename*=UTF-8''%C3%9Cbersicht%20%E2%80%93%20Pr%C3%BCfung.pdf"
        );
    }

    #[test]
    fn no_quote_or_line_break_survives_into_the_header() {
        let value = content_disposition(&file_name("a\"b\r\nSet-Cookie: x=1", "c", "pdf"));
        assert!(!value.contains('\r') && !value.contains('\n'), "{value}");
        let inner = value
            .trim_start_matches("attachment; filename=\"")
            .split('"')
            .next()
            .unwrap();
        assert!(!inner.contains('"'));
        assert_eq!(value.matches('"').count(), 2, "{value}");
    }
}
