//! Staff import: a coordinator uploads the staff list (CSV as Excel saves it), sees a preview of
//! what would happen, and applies it in one transaction with one audit entry.
//!
//! The upload and the download of invitation links are plain routes of the server (a file
//! upload and a file download work without JavaScript that way); the preview and applying are
//! server functions. Database services in [`ssr`], the pages beside.

pub mod pages;
#[cfg(feature = "ssr")]
pub mod ssr;

use crate::domain::staff_import::ImportCounts;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// Rows per page of a preview list.
pub const PREVIEW_PAGE_SIZE: u64 = 50;

/// Which rows of the preview are listed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum PreviewList {
    /// Rows that create accounts.
    New,
    /// Rows that change accounts.
    Changed,
    /// Rows whose accounts already match.
    Unchanged,
    /// Rows of deactivated accounts.
    Deactivated,
    /// Rows that cannot be imported.
    Invalid,
    /// Active accounts missing from the file.
    Missing,
}

impl PreviewList {
    /// Every list, in the order of the tabs.
    pub const ALL: [PreviewList; 6] = [
        Self::Invalid,
        Self::New,
        Self::Changed,
        Self::Missing,
        Self::Deactivated,
        Self::Unchanged,
    ];

    /// The value in the address (`?liste=neu`).
    pub fn code(self) -> &'static str {
        match self {
            Self::New => "neu",
            Self::Changed => "geaendert",
            Self::Unchanged => "unveraendert",
            Self::Deactivated => "deaktiviert",
            Self::Invalid => "ungueltig",
            Self::Missing => "fehlend",
        }
    }

    /// The list of a code, if it is one.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|l| l.code() == code)
    }

    /// How many rows the list has.
    pub fn count(self, counts: &ImportCounts) -> usize {
        match self {
            Self::New => counts.new,
            Self::Changed => counts.changed,
            Self::Unchanged => counts.unchanged,
            Self::Deactivated => counts.deactivated,
            Self::Invalid => counts.invalid,
            Self::Missing => counts.missing,
        }
    }
}

/// One row of a preview list, ready to show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PreviewRow {
    /// Line in the file (none for missing accounts).
    pub line: Option<u64>,
    /// Name (for changes: "old → new" when it changes).
    pub name: String,
    /// E-mail, or the invalid cell's text.
    pub email: String,
    /// Team (for changes: "old → new" when it changes).
    pub team: String,
    /// Role change or the reason a row is invalid.
    pub note: String,
}

/// What applying did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportOutcome {
    /// Accounts created.
    pub created: usize,
    /// Accounts changed.
    pub changed: usize,
    /// Rows whose account already matched.
    pub unchanged: usize,
    /// Invalid rows (not imported).
    pub invalid: usize,
    /// Accounts deactivated by the sync.
    pub deactivated: usize,
    /// When it was applied (Berlin time).
    pub applied_at: String,
    /// The accounts created (for the invitations).
    pub created_ids: Vec<i64>,
}

/// An import as its page shows it: the preview, or what applying did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportView {
    /// The import's id.
    pub id: i64,
    /// The uploaded file's name.
    pub file_name: String,
    /// When it was uploaded (Berlin time).
    pub uploaded_at: String,
    /// The file's encoding as found.
    pub encoding: String,
    /// Applied: what it did. `None` while it is a preview.
    pub outcome: Option<ImportOutcome>,
    /// The preview's counts (empty once applied).
    pub counts: ImportCounts,
    /// The preview's fingerprint, sent back with the confirmation.
    pub fingerprint: String,
    /// The list shown.
    pub list: PreviewList,
    /// Its rows on this page.
    pub rows: Vec<PreviewRow>,
    /// This page (from 1).
    pub page: u64,
    /// Number of pages of the list.
    pub pages: u64,
    /// Invitations go out as links for download (`false`: people log in through the
    /// organisation's provider, passwords are off).
    pub invitation_links: bool,
}

/// The preview of an upload (or what applying it did), one list page at a time. Coordinators only.
#[server(prefix = "/api", endpoint = "import_preview")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "import_preview", skip_all, fields(import_id = import_id)))]
pub async fn import_preview(
    import_id: i64,
    list: Option<String>,
    page: Option<u64>,
) -> Result<ImportView, AppError> {
    use crate::domain::account::Permission;
    crate::auth::ssr::require_permission(Permission::ManageUsers).await?;
    let list = list.as_deref().and_then(PreviewList::from_code);
    let state = crate::state::app_state()?;
    let mut view = ssr::view(&state.db, import_id, list, page.unwrap_or(1).max(1)).await?;
    view.invitation_links = !state.config.password_login_disabled;
    Ok(view)
}

/// Applies a previewed upload: creates and changes the accounts and, with `sync` and its
/// confirmation, deactivates the active accounts missing from the file — in one transaction
/// with one audit entry. Refused when the accounts changed since the preview (`fingerprint`).
/// Coordinators only.
#[server(prefix = "/api", endpoint = "apply_import")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "apply_import", skip_all, fields(import_id = import_id)))]
pub async fn apply_import(
    import_id: i64,
    fingerprint: String,
    sync: Option<String>,
    confirm_sync: Option<String>,
) -> Result<ImportOutcome, AppError> {
    use crate::domain::account::Permission;
    let me = crate::auth::ssr::require_permission(Permission::ManageUsers).await?;
    let state = crate::state::app_state()?;
    ssr::apply(
        &state.db,
        import_id,
        me.id,
        &fingerprint,
        ssr::Sync {
            wanted: sync.is_some(),
            confirmed: confirm_sync.is_some(),
        },
        chrono::Utc::now(),
    )
    .await
}
