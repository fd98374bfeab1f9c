//! The project group's working draft, published versions and their comparison.
//!
//! The working draft is private to the project group and saved with an optimistic check
//! (`edit_count`), so two members editing at once never overwrite each other. Publishing turns
//! the draft into an immutable, numbered version that everyone signed in can read and compare.
//! DTOs and server functions live here; the database services in [`ssr`]; the pages beside.

pub mod pages;
#[cfg(feature = "ssr")]
pub mod ssr;

use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// Longest working draft, in characters (a long guideline has about 60,000).
pub const DRAFT_MAX_CHARS: usize = 200_000;
/// Longest change summary of a version, in characters.
pub const SUMMARY_MAX_CHARS: usize = 2_000;

use crate::process::ProcessHead;

/// The stored working draft.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkingDraft {
    /// Markdown source.
    pub body: String,
    /// The source rendered and sanitised (`domain::markdown::render`), for the first preview.
    pub html: String,
    /// The save counter; a save must name it (optimistic lock).
    pub edit_count: i32,
    /// Who saved last.
    pub updated_by: String,
    /// When (German local time).
    pub updated_at: String,
}

/// Everything the draft page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DraftView {
    /// The process.
    pub process: ProcessHead,
    /// The working draft; `None` before someone started one.
    pub draft: Option<WorkingDraft>,
    /// The number of the latest published version, if any.
    pub latest_version: Option<i32>,
}

/// A rendered preview of Markdown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Preview {
    /// Sanitised HTML from `domain::markdown::render`, safe to insert.
    pub html: String,
}

/// A published version as the list shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VersionSummary {
    /// 1, 2, 3 … within the process.
    pub number: i32,
    /// When it was published (German local time).
    pub published_at: String,
    /// Who published it.
    pub published_by: String,
    /// What changed.
    pub change_summary: String,
}

/// The versions page's data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VersionList {
    /// The process.
    pub process: ProcessHead,
    /// Versions, newest first.
    pub versions: Vec<VersionSummary>,
}

/// One entry of a version's table of contents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TocEntry {
    /// The heading's `id` in the HTML.
    pub anchor: String,
    /// Heading level, 1 to 6.
    pub level: u8,
    /// Heading text.
    pub title: String,
}

/// One published version with everything its page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VersionDetail {
    /// The process.
    pub process: ProcessHead,
    /// The version's number.
    pub number: i32,
    /// Markdown source (for the plain-language check).
    pub body: String,
    /// Sanitised HTML, rendered when published.
    pub body_html: String,
    /// What changed.
    pub change_summary: String,
    /// Hex SHA-256 of the Markdown source.
    pub content_hash: String,
    /// Who published it.
    pub published_by: String,
    /// When (German local time).
    pub published_at: String,
    /// The headings, for the table of contents.
    pub toc: Vec<TocEntry>,
    /// The number of the latest version of the process.
    pub latest: i32,
}

/// What happened to a piece of text (a DTO of `domain::diff::DiffKind`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum PieceKind {
    /// Unchanged.
    Equal,
    /// Only in the newer version.
    Insert,
    /// Only in the older version.
    Delete,
}

/// A piece of a word-level diff.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Piece {
    /// Kept, inserted or deleted.
    pub kind: PieceKind,
    /// The text (shown as text, never as HTML).
    pub text: String,
}

/// How a section changed (a DTO of `domain::diff::SectionChangeKind`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum SectionStatus {
    /// New in the newer version.
    Added,
    /// Gone in the newer version.
    Removed,
    /// Title or text changed.
    Changed,
    /// The same.
    Unchanged,
}

/// The comparison of one section.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SectionComparison {
    /// The section's anchor.
    pub anchor: String,
    /// Its title (in the newer version, for removed ones in the older).
    pub title: String,
    /// The older title when only its spelling changed.
    pub old_title: Option<String>,
    /// What happened.
    pub status: SectionStatus,
    /// The pieces: the whole text for added/removed sections, the word diff for changed ones,
    /// empty for unchanged sections.
    pub pieces: Vec<Piece>,
    /// Words inserted in this section.
    pub inserted_words: usize,
    /// Words deleted in this section.
    pub deleted_words: usize,
    /// The comments of earlier rounds linked to this section of the newer version.
    pub comments: Vec<crate::disposition::LinkedComment>,
}

/// The compare page's data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Comparison {
    /// The process.
    pub process: ProcessHead,
    /// All versions, newest first (for the selects).
    pub versions: Vec<VersionSummary>,
    /// The older version compared (`None` while fewer than two versions exist).
    pub from: Option<i32>,
    /// The newer version compared.
    pub to: Option<i32>,
    /// Section by section, in the order of the newer version.
    pub sections: Vec<SectionComparison>,
    /// Words inserted in total.
    pub inserted_words: usize,
    /// Words deleted in total.
    pub deleted_words: usize,
}

/// The draft page's data. Project group only.
#[server(prefix = "/api", endpoint = "get_draft")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "get_draft", skip_all, fields(process_id = process_id)))]
pub async fn get_draft(process_id: i64) -> Result<DraftView, AppError> {
    use crate::domain::access::ProcessAction;
    let me = crate::auth::ssr::require_user().await?;
    let db = &crate::state::app_state()?.db;
    let (process, roles) =
        crate::process::ssr::require(db, &me, process_id, ProcessAction::EditDraft).await?;
    ssr::draft_view(db, process, roles).await
}

/// Starts the working draft from the built-in template (`from_template` = "ja") or empty.
/// Project group only; refused when a draft already exists.
#[server(prefix = "/api", endpoint = "start_draft")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "start_draft", skip_all, fields(process_id = process_id)))]
pub async fn start_draft(process_id: i64, from_template: String) -> Result<i32, AppError> {
    use crate::domain::access::ProcessAction;
    use crate::domain::template::AI_GUIDELINE;
    let me = crate::auth::ssr::require_user().await?;
    let db = &crate::state::app_state()?.db;
    crate::process::ssr::require(db, &me, process_id, ProcessAction::EditDraft).await?;
    let body = if from_template == "ja" {
        AI_GUIDELINE
    } else {
        ""
    };
    let count = ssr::start(db, process_id, me.id, body).await?;
    leptos_axum::redirect(&format!("/prozesse/{process_id}/entwurf"));
    Ok(count)
}

/// Saves the working draft if nobody saved since `edit_count`; returns the new count.
/// Otherwise `Conflict` and nothing is stored. Project group only.
#[server(prefix = "/api", endpoint = "save_draft")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "save_draft", skip_all, fields(process_id = process_id)))]
pub async fn save_draft(process_id: i64, body: String, edit_count: i32) -> Result<i32, AppError> {
    use crate::domain::access::ProcessAction;
    let me = crate::auth::ssr::require_user().await?;
    let db = &crate::state::app_state()?.db;
    crate::process::ssr::require(db, &me, process_id, ProcessAction::EditDraft).await?;
    let body = check_draft_size(body)?;
    ssr::save(db, process_id, me.id, &body, edit_count).await
}

/// Renders Markdown for the live preview (sanitised). Project group only.
#[server(prefix = "/api", endpoint = "preview_draft")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "preview_draft", skip_all, fields(process_id = process_id)))]
pub async fn preview_draft(process_id: i64, body: String) -> Result<Preview, AppError> {
    use crate::domain::access::ProcessAction;
    let me = crate::auth::ssr::require_user().await?;
    let db = &crate::state::app_state()?.db;
    crate::process::ssr::require(db, &me, process_id, ProcessAction::EditDraft).await?;
    let body = check_draft_size(body)?;
    Ok(Preview {
        html: crate::domain::markdown::render(&body).html,
    })
}

/// Publishes the stored working draft as the next version, if it is still at `edit_count`.
/// Project group only.
#[server(prefix = "/api", endpoint = "publish_version")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "publish_version", skip_all, fields(process_id = process_id)))]
pub async fn publish_version(
    process_id: i64,
    change_summary: String,
    edit_count: i32,
) -> Result<i32, AppError> {
    use crate::domain::access::ProcessAction;
    use crate::domain::text;
    let me = crate::auth::ssr::require_user().await?;
    let db = &crate::state::app_state()?.db;
    crate::process::ssr::require(db, &me, process_id, ProcessAction::PublishVersion).await?;
    let summary = text::required(&change_summary, "Was hat sich geändert?", SUMMARY_MAX_CHARS)
        .map_err(AppError::invalid)?;
    let number = ssr::publish(db, process_id, me.id, &summary, edit_count).await?;
    leptos_axum::redirect(&format!("/prozesse/{process_id}/versionen/{number}"));
    Ok(number)
}

/// The published versions of a process, newest first. Every signed-in person.
#[server(prefix = "/api", endpoint = "list_versions")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "list_versions", skip_all, fields(process_id = process_id)))]
pub async fn list_versions(process_id: i64) -> Result<VersionList, AppError> {
    use crate::domain::access::ProcessAction;
    let me = crate::auth::ssr::require_user().await?;
    let db = &crate::state::app_state()?.db;
    let (process, roles) =
        crate::process::ssr::require(db, &me, process_id, ProcessAction::View).await?;
    Ok(VersionList {
        versions: ssr::summaries(db, process.id).await?,
        process: crate::process::ssr::head(process, roles),
    })
}

/// One published version. Every signed-in person.
#[server(prefix = "/api", endpoint = "get_version")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "get_version", skip_all, fields(process_id = process_id, version_number = number)))]
pub async fn get_version(process_id: i64, number: i32) -> Result<VersionDetail, AppError> {
    use crate::domain::access::ProcessAction;
    let me = crate::auth::ssr::require_user().await?;
    let db = &crate::state::app_state()?.db;
    let (process, roles) =
        crate::process::ssr::require(db, &me, process_id, ProcessAction::View).await?;
    ssr::version_detail(db, process, roles, number).await
}

/// Compares two versions word by word, section by section; without numbers the latest with
/// the one before. Every signed-in person.
#[server(prefix = "/api", endpoint = "compare_versions")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "compare_versions", skip_all, fields(process_id = process_id, from = ?from, to = ?to)))]
pub async fn compare_versions(
    process_id: i64,
    from: Option<i32>,
    to: Option<i32>,
) -> Result<Comparison, AppError> {
    use crate::domain::access::ProcessAction;
    let me = crate::auth::ssr::require_user().await?;
    let db = &crate::state::app_state()?.db;
    let (process, roles) =
        crate::process::ssr::require(db, &me, process_id, ProcessAction::View).await?;
    ssr::compare(db, process, roles, me.id, from, to).await
}

/// Refuses a draft over [`DRAFT_MAX_CHARS`] with a German message.
pub fn check_draft_size(body: String) -> Result<String, AppError> {
    let chars = body.chars().count();
    if chars > DRAFT_MAX_CHARS {
        return Err(AppError::Invalid(format!(
            "Der Entwurf ist zu lang: höchstens {DRAFT_MAX_CHARS} Zeichen, jetzt {chars}. \
             Bitte kürzen Sie ihn oder lagern Sie Anhänge aus."
        )));
    }
    Ok(body)
}
