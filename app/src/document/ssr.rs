//! Downloads (server only): who may have which document, collecting its data, rendering it
//! off the async runtime with a limit on concurrent renders, and a cache of the bytes.
//!
//! The cache key is a SHA-256 over the document kind and every value the document shows, so
//! an adopted guideline (which never changes) is rendered once, a comparison once per pair of
//! versions, and a report or adoption record again only when something in it changed.

use super::layout::{
    self, Change, ComparedSection, ComparisonDocument, ReportCommentLine, ReportDocument,
};
use super::{content_disposition, file_name, PendingImport};
use crate::auth::Me;
use crate::domain::access::ProcessAction;
use crate::error::{AppError, Context};
use crate::state::AppState;
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::Semaphore;
use tower_sessions::Session;

/// A file ready to send.
#[derive(Debug, Clone)]
pub struct Download {
    /// The bytes.
    pub bytes: Arc<Vec<u8>>,
    /// The German file name.
    pub file_name: String,
    /// Its media type.
    pub content_type: &'static str,
}

impl Download {
    /// The `Content-Disposition` header value.
    pub fn disposition(&self) -> String {
        content_disposition(&self.file_name)
    }
}

/// The media type of PDF files.
pub const PDF: &str = "application/pdf";
/// The media type of Word files.
pub const DOCX: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
/// The media type of the Markdown source.
pub const MARKDOWN: &str = "text/markdown; charset=utf-8";

/// How long a download waits for a free render slot before it is told to try again.
const RENDER_WAIT: Duration = Duration::from_secs(60);

/// Rendered documents kept in memory, by content key, up to a total size.
#[derive(Debug, Default)]
struct Cache {
    entries: HashMap<[u8; 32], (Arc<Vec<u8>>, u64)>,
    bytes: usize,
    tick: u64,
}

/// The render limit and the cache, shared by all requests of this instance.
#[derive(Debug)]
pub struct Documents {
    renders: Semaphore,
    cache: Mutex<Cache>,
    budget: usize,
    /// The organisation's name for title pages (`MITSPRACHE_ORGANISATION`).
    pub organisation: Option<String>,
}

impl Documents {
    /// At most `renders` documents typeset at once; up to `budget` bytes of files cached.
    pub fn new(renders: usize, budget: usize, organisation: Option<String>) -> Self {
        Self {
            renders: Semaphore::new(renders.max(1)),
            cache: Mutex::default(),
            budget,
            organisation,
        }
    }

    /// One render per core (typesetting is pure CPU work) and 64 MB of cached files.
    pub fn for_this_machine(organisation: Option<String>) -> Self {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        Self::new(cores, 64 * 1024 * 1024, organisation)
    }

    fn cached(&self, key: &[u8; 32]) -> Option<Arc<Vec<u8>>> {
        let mut cache = self.cache.lock().ok()?;
        cache.tick += 1;
        let tick = cache.tick;
        let entry = cache.entries.get_mut(key)?;
        entry.1 = tick;
        Some(entry.0.clone())
    }

    fn store(&self, key: [u8; 32], bytes: Arc<Vec<u8>>) {
        let Ok(mut cache) = self.cache.lock() else {
            return;
        };
        if bytes.len() > self.budget {
            return;
        }
        cache.tick += 1;
        let tick = cache.tick;
        cache.bytes += bytes.len();
        if let Some((old, _)) = cache.entries.insert(key, (bytes, tick)) {
            cache.bytes -= old.len();
        }
        // Evict the least recently used files until the cache fits its budget.
        while cache.bytes > self.budget {
            let Some(oldest) = cache
                .entries
                .iter()
                .min_by_key(|(_, (_, used))| *used)
                .map(|(k, _)| *k)
            else {
                break;
            };
            if let Some((old, _)) = cache.entries.remove(&oldest) {
                cache.bytes -= old.len();
            }
        }
    }

    /// The bytes for `key`: from the cache, or made by `render` on a blocking thread once a
    /// render slot is free.
    async fn get_or_render(
        &self,
        key: [u8; 32],
        render: impl FnOnce() -> Result<Vec<u8>, String> + Send + 'static,
    ) -> Result<Arc<Vec<u8>>, AppError> {
        if let Some(bytes) = self.cached(&key) {
            return Ok(bytes);
        }
        let _permit = tokio::time::timeout(RENDER_WAIT, self.renders.acquire())
            .await
            .map_err(|_| AppError::Busy)?
            .map_err(|err| AppError::internal("waiting for a render slot", err))?;
        // Someone may have rendered it while this request waited.
        if let Some(bytes) = self.cached(&key) {
            return Ok(bytes);
        }
        let started = std::time::Instant::now();
        let bytes = tokio::task::spawn_blocking(render)
            .await
            .map_err(|err| AppError::internal("rendering a document (task)", err))?
            .map_err(|err| AppError::internal("rendering a document", err))?;
        tracing::info!(
            ms = started.elapsed().as_millis() as u64,
            bytes = bytes.len(),
            "document rendered"
        );
        let bytes = Arc::new(bytes);
        self.store(key, bytes.clone());
        Ok(bytes)
    }
}

/// The cache key of a document: its kind and everything it shows.
fn key(kind: &str, data: &impl serde::Serialize) -> Result<[u8; 32], AppError> {
    let json =
        serde_json::to_vec(data).map_err(|err| AppError::internal("hashing a document", err))?;
    let mut hasher = Sha256::new();
    hasher.update(kind.as_bytes());
    hasher.update([0]);
    hasher.update(&json);
    Ok(hasher.finalize().into())
}

/// Typesets markup made by `layout` on a blocking thread.
async fn pdf<D: serde::Serialize + Send + 'static>(
    state: &AppState,
    kind: &'static str,
    doc: D,
    layout: fn(&D) -> String,
    date: chrono::DateTime<chrono::Utc>,
) -> Result<Arc<Vec<u8>>, AppError> {
    let key = key(kind, &doc)?;
    let ident = format!("mitsprache-{kind}-{}", hex(&key[..8]));
    state
        .documents
        .get_or_render(key, move || {
            let markup = layout(&doc);
            super::pdf::render(&markup, &ident, super::pdf::DocumentDate::of(date))
                .map_err(|e| e.to_string())
        })
        .await
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The adopted guideline's document data, for everyone signed in (like its page); `NotFound`
/// while nothing is adopted.
async fn adopted_guideline(
    state: &AppState,
    me: &Me,
    process_id: i64,
    line_numbers: bool,
) -> Result<layout::GuidelineDocument, AppError> {
    let db = &state.db;
    let (process, _) =
        crate::process::ssr::require(db, me, process_id, ProcessAction::View).await?;
    crate::adoption::documents::guideline_document(
        db,
        &process,
        state.documents.organisation.clone(),
        line_numbers,
    )
    .await
}

/// The adopted guideline as PDF. Everyone signed in, once it is adopted (like its page).
pub async fn guideline_pdf(
    state: &AppState,
    me: &Me,
    process_id: i64,
    line_numbers: bool,
) -> Result<Download, AppError> {
    let doc = adopted_guideline(state, me, process_id, line_numbers).await?;
    let adopted = adopted_at(&state.db, process_id).await?;
    let name = file_name(
        &doc.title,
        &format!(
            "Version {}{}",
            doc.version_number,
            if line_numbers {
                " mit Zeilennummern"
            } else {
                ""
            }
        ),
        "pdf",
    );
    let bytes = pdf(state, "leitlinie", doc, layout::guideline, adopted).await?;
    Ok(Download {
        bytes,
        file_name: name,
        content_type: PDF,
    })
}

/// When the guideline in force was adopted (the PDF's date).
async fn adopted_at(
    db: &sea_orm::DatabaseConnection,
    process_id: i64,
) -> Result<chrono::DateTime<chrono::Utc>, AppError> {
    Ok(crate::adoption::ssr::adopted_proposal(db, process_id)
        .await?
        .and_then(|p| p.adopted_at)
        .unwrap_or_else(chrono::Utc::now))
}

/// The adopted guideline as Word file. Everyone signed in, once it is adopted.
pub async fn guideline_docx(
    state: &AppState,
    me: &Me,
    process_id: i64,
) -> Result<Download, AppError> {
    let doc = adopted_guideline(state, me, process_id, false).await?;
    let key = key("leitlinie-docx", &doc)?;
    let name = file_name(
        &doc.title,
        &format!("Version {}", doc.version_number),
        "docx",
    );
    let mut lines = Vec::new();
    if let Some(org) = &doc.organisation {
        lines.push(org.clone());
    }
    lines.push(format!(
        "Verabschiedete Version {}, verabschiedet am {}",
        doc.version_number, doc.adopted_on
    ));
    lines.push(format!(
        "SHA-256 des verabschiedeten Textes: {}",
        doc.content_hash
    ));
    let front = super::docx::DocxFrontMatter {
        title: doc.title.clone(),
        lines,
    };
    let body = doc.body;
    let bytes = state
        .documents
        .get_or_render(key, move || {
            super::docx::guideline_docx(&front, &body).map_err(|e| e.to_string())
        })
        .await?;
    Ok(Download {
        bytes,
        file_name: name,
        content_type: DOCX,
    })
}

/// The adopted guideline's Markdown source: exactly the bytes its hash covers.
pub async fn guideline_source(
    state: &AppState,
    me: &Me,
    process_id: i64,
) -> Result<Download, AppError> {
    let doc = adopted_guideline(state, me, process_id, false).await?;
    Ok(Download {
        file_name: doc.source_file_name,
        bytes: Arc::new(doc.body.into_bytes()),
        content_type: MARKDOWN,
    })
}

/// The feedback report of a round as PDF: as its page (the round's audience once closed, the
/// project group as a draft before). Authors never appear: the report holds none.
pub async fn report_pdf(
    state: &AppState,
    me: &Me,
    process_id: i64,
    round_id: i64,
) -> Result<Download, AppError> {
    use crate::domain::disposition::Disposition;
    let report = crate::disposition::ssr::report(&state.db, me, process_id, round_id).await?;
    let mut totals: Vec<(String, u64)> = Disposition::ALL
        .into_iter()
        .map(|d| (d.label_de().to_owned(), report.totals.count(d) as u64))
        .collect();
    if report.totals.open > 0 {
        totals.push(("noch ohne Rückmeldung".into(), report.totals.open as u64));
    }
    totals.push(("ausgeblendet".into(), report.totals.hidden as u64));
    let doc = ReportDocument {
        organisation: state.documents.organisation.clone(),
        title: report.process.title.clone(),
        version_number: report.round.version_number,
        period: format!(
            "{} – {} · {}",
            report.round.starts_at, report.round.deadline, report.round.audience
        ),
        final_report: report.final_report,
        totals,
        sections: report
            .sections
            .into_iter()
            .map(|s| {
                let comments = s
                    .comments
                    .into_iter()
                    .map(|c| ReportCommentLine {
                        id: c.id,
                        quote: c.quote,
                        body: c.body,
                        supports: c.supports,
                        answer: c.disposition.map_or_else(
                            || "noch ohne Rückmeldung".to_owned(),
                            |d| d.label_de().to_owned(),
                        ),
                        reason: c.reason,
                        hidden_reason: c.hidden_reason,
                    })
                    .collect();
                (s.title, comments)
            })
            .collect(),
    };
    let name = file_name(
        &doc.title,
        &format!(
            "Rückmeldebericht Version {}{}",
            doc.version_number,
            if doc.final_report { "" } else { " (Entwurf)" }
        ),
        "pdf",
    );
    let bytes = pdf(state, "bericht", doc, layout::report, chrono::Utc::now()).await?;
    Ok(Download {
        bytes,
        file_name: name,
        content_type: PDF,
    })
}

/// The comparison of two versions as PDF: as the compare page (everyone signed in).
pub async fn comparison_pdf(
    state: &AppState,
    me: &Me,
    process_id: i64,
    from: Option<i32>,
    to: Option<i32>,
) -> Result<Download, AppError> {
    use crate::draft::{PieceKind, SectionStatus};
    use crate::entities::version;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let db = &state.db;
    let (process, roles) =
        crate::process::ssr::require(db, me, process_id, ProcessAction::View).await?;
    let comparison = crate::draft::ssr::compare(db, process, roles, me.id, from, to).await?;
    let (Some(from), Some(to)) = (comparison.from, comparison.to) else {
        return Err(AppError::Invalid(
            "Zum Vergleichen braucht es mindestens zwei Versionen.".into(),
        ));
    };
    let hashes: HashMap<i32, String> = version::Entity::find()
        .filter(version::Column::ProcessId.eq(process_id))
        .filter(version::Column::Number.is_in([from, to]))
        .all(db)
        .await
        .context("rendering the comparison PDF")?
        .into_iter()
        .map(|v| (v.number, v.content_hash))
        .collect();
    let doc = ComparisonDocument {
        organisation: state.documents.organisation.clone(),
        title: comparison.process.title.clone(),
        from,
        to,
        from_hash: hashes.get(&from).cloned().unwrap_or_default(),
        to_hash: hashes.get(&to).cloned().unwrap_or_default(),
        inserted_words: comparison.inserted_words,
        deleted_words: comparison.deleted_words,
        sections: comparison
            .sections
            .into_iter()
            .map(|s| ComparedSection {
                title: s.title,
                old_title: s.old_title,
                status: match s.status {
                    SectionStatus::Added => "neu",
                    SectionStatus::Removed => "entfernt",
                    SectionStatus::Changed => "geändert",
                    SectionStatus::Unchanged => "unverändert",
                }
                .to_owned(),
                pieces: s
                    .pieces
                    .into_iter()
                    .map(|p| {
                        let change = match p.kind {
                            PieceKind::Equal => Change::Kept,
                            PieceKind::Insert => Change::Inserted,
                            PieceKind::Delete => Change::Deleted,
                        };
                        (change, p.text)
                    })
                    .collect(),
                inserted_words: s.inserted_words,
                deleted_words: s.deleted_words,
            })
            .collect(),
    };
    let name = file_name(
        &doc.title,
        &format!("Vergleich Version {from} mit {to}"),
        "pdf",
    );
    let bytes = pdf(
        state,
        "vergleich",
        doc,
        layout::comparison,
        chrono::Utc::now(),
    )
    .await?;
    Ok(Download {
        bytes,
        file_name: name,
        content_type: PDF,
    })
}

/// The adoption record as PDF: as the adoption page (everyone signed in), once a version was
/// proposed.
pub async fn adoption_record_pdf(
    state: &AppState,
    me: &Me,
    process_id: i64,
) -> Result<Download, AppError> {
    let db = &state.db;
    let (process, _) =
        crate::process::ssr::require(db, me, process_id, ProcessAction::View).await?;
    let doc = crate::adoption::documents::record_document(
        db,
        &process,
        state.documents.organisation.clone(),
    )
    .await?;
    let name = file_name(&doc.title, "Verabschiedungsprotokoll", "pdf");
    let bytes = pdf(
        state,
        "verabschiedung",
        doc,
        layout::adoption_record,
        chrono::Utc::now(),
    )
    .await?;
    Ok(Download {
        bytes,
        file_name: name,
        content_type: PDF,
    })
}

/// The session key of a person's pending import for a process.
fn import_key(process_id: i64) -> String {
    format!("draft_import_{process_id}")
}

/// The file the signed-in person uploaded for this process and has not applied yet.
pub async fn pending_import(
    session: &Session,
    process_id: i64,
) -> Result<Option<PendingImport>, AppError> {
    session
        .get::<PendingImport>(&import_key(process_id))
        .await
        .context("loading the pending import")
}

/// Keeps an uploaded file's text until the person applies or discards it.
pub async fn keep_import(
    session: &Session,
    process_id: i64,
    pending: &PendingImport,
) -> Result<(), AppError> {
    session
        .insert(&import_key(process_id), pending)
        .await
        .context("applying an import")?;
    Ok(())
}

/// Forgets the pending import.
pub async fn forget_import(session: &Session, process_id: i64) -> Result<(), AppError> {
    session
        .remove::<PendingImport>(&import_key(process_id))
        .await
        .context("discarding an import")?;
    Ok(())
}

/// Converts an upload and keeps it for the preview: project group only. The conversion runs
/// on a blocking thread; the Markdown must fit a draft.
pub async fn import_upload(
    state: &AppState,
    session: &Session,
    me: &Me,
    process_id: i64,
    file_name: String,
    bytes: Vec<u8>,
) -> Result<(), AppError> {
    let db = &state.db;
    crate::process::ssr::require(db, me, process_id, ProcessAction::EditDraft).await?;
    let name = file_name.clone();
    let imported = tokio::task::spawn_blocking(move || super::import::import(&name, &bytes))
        .await
        .map_err(|err| AppError::internal("importing a file (task)", err))?
        .map_err(AppError::invalid)?;
    let markdown = crate::draft::check_draft_size(imported.markdown)?;
    if markdown.trim().is_empty() {
        return Err(AppError::Invalid(
            "In der Datei wurde kein Text gefunden.".into(),
        ));
    }
    use sea_orm::EntityTrait;
    let edit_count = crate::entities::working_draft::Entity::find_by_id(process_id)
        .one(db)
        .await
        .context("storing an uploaded document")?
        .map(|d| d.edit_count);
    keep_import(
        session,
        process_id,
        &PendingImport {
            file_name: file_name.chars().take(200).collect(),
            markdown,
            dropped: imported.dropped,
            edit_count,
        },
    )
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn the_cache_keeps_the_most_recently_used_files_within_its_budget() {
        let docs = Documents::new(1, 10, None);
        let a = docs
            .get_or_render([1; 32], || Ok(vec![0; 6]))
            .await
            .unwrap();
        assert_eq!(a.len(), 6);
        // Cached: the second call does not render.
        let again = docs
            .get_or_render([1; 32], || Err("rendered twice".into()))
            .await
            .unwrap();
        assert_eq!(again.len(), 6);
        docs.get_or_render([2; 32], || Ok(vec![0; 6]))
            .await
            .unwrap();
        // The first file was evicted to make room.
        assert!(docs.cached(&[1; 32]).is_none());
        assert!(docs.cached(&[2; 32]).is_some());
    }

    #[test]
    fn the_cache_key_changes_with_any_shown_value() {
        let a = key("bericht", &("x", 1)).unwrap();
        assert_eq!(a, key("bericht", &("x", 1)).unwrap());
        assert_ne!(a, key("bericht", &("x", 2)).unwrap());
        assert_ne!(a, key("vergleich", &("x", 1)).unwrap());
    }
}

/// What `server verify-version` found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VersionCheck {
    /// The version's recorded hash.
    pub recorded: String,
    /// The hash of the stored text now (equal to `recorded` unless the database was altered).
    pub stored: String,
    /// The hash frozen when the version was proposed for adoption, if it was.
    pub frozen: Option<String>,
    /// The hash of the file's bytes.
    pub file: String,
    /// Whether the file matches once its line ends are LF (it was saved with CR LF).
    pub matches_with_lf: bool,
}

impl VersionCheck {
    /// Whether the file holds exactly the recorded text and the record is intact.
    pub fn ok(&self) -> bool {
        self.file == self.recorded
            && self.stored == self.recorded
            && self.frozen.as_ref().is_none_or(|f| *f == self.recorded)
    }
}

/// Checks a file's bytes against version `number` of a process: the SHA-256 of the file, of
/// the stored text and the recorded (and, if proposed, frozen) hash.
pub async fn verify_version(
    db: &sea_orm::DatabaseConnection,
    process_id: i64,
    number: i32,
    file: &[u8],
) -> Result<VersionCheck, AppError> {
    use crate::entities::{adoption_proposal, version};
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
    let row = version::Entity::find()
        .filter(version::Column::ProcessId.eq(process_id))
        .filter(version::Column::Number.eq(number))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let frozen = adoption_proposal::Entity::find()
        .filter(adoption_proposal::Column::VersionId.eq(row.id))
        .order_by_desc(adoption_proposal::Column::Id)
        .one(db)
        .await?
        .map(|p| p.frozen_hash);
    let sha = |bytes: &[u8]| hex(&Sha256::digest(bytes));
    let lf: Vec<u8> = String::from_utf8_lossy(file)
        .replace("\r\n", "\n")
        .into_bytes();
    Ok(VersionCheck {
        stored: crate::draft::ssr::content_hash(&row.body),
        recorded: row.content_hash.clone(),
        frozen,
        file: sha(file),
        matches_with_lf: sha(&lf) == row.content_hash && sha(file) != row.content_hash,
    })
}
