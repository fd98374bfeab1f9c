//! The tamper-evident audit log: every state change appends an entry to a hash chain in the
//! same transaction (see [`ssr::record`]); coordinators read and filter it on `/audit` and
//! verify the chain there or with `server verify-audit`. The chain itself (hashing,
//! verification) is in `domain::audit`.

#[cfg(feature = "ssr")]
pub mod details;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod ssr;

use crate::domain::audit::ChainHead;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// Entries per page of the audit page.
pub const AUDIT_PAGE_SIZE: u64 = 50;

/// What the audit page filters by; empty fields do not filter.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditFilter {
    /// Stored action, e.g. `round.closed`.
    pub action: Option<String>,
    /// Who did it.
    pub actor: Option<i64>,
    /// Kind of object, e.g. `round`.
    pub object_type: Option<String>,
    /// The object's id.
    pub object_id: Option<i64>,
    /// First day (`YYYY-MM-DD`, German local time).
    pub from: Option<String>,
    /// Last day, inclusive.
    pub to: Option<String>,
    /// Page, from 1.
    pub page: u64,
}

/// One label/value pair of an entry's details.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DetailItem {
    /// German label (empty for details that are not a JSON object).
    pub label: String,
    /// The value as plain German text.
    pub value: String,
    /// The address of the object the value names, if it has a page.
    pub href: Option<String>,
}

/// One entry as the audit page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditRow {
    /// Position in the chain.
    pub seq: i64,
    /// When (German local time).
    pub at: String,
    /// Who (name, or "System").
    pub actor: String,
    /// Stored action.
    pub action: String,
    /// German label of the action.
    pub action_label: String,
    /// The affected object, e.g. "Diskursrunde 3".
    pub object: String,
    /// The object's page, if it has one.
    pub object_href: Option<String>,
    /// Further facts.
    pub details: Vec<DetailItem>,
    /// The entry's hash.
    pub hash: String,
}

/// One page of the audit log with the choices of the filter form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditPage {
    /// Entries, newest first.
    pub rows: Vec<AuditRow>,
    /// Matching entries in all.
    pub total: u64,
    /// This page (from 1).
    pub page: u64,
    /// Number of pages (at least 1).
    pub pages: u64,
    /// People who appear in the log: id and name.
    pub actors: Vec<(i64, String)>,
    /// Object types in the log: stored name and German label.
    pub object_types: Vec<(String, String)>,
}

/// The first entry where the chain breaks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BrokenEntry {
    /// Its position.
    pub seq: i64,
    /// What is wrong, in German.
    pub message: String,
}

/// The result of verifying the chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VerifyReport {
    /// Entries verified as intact.
    pub checked: i64,
    /// The last intact entry (`None` for an empty log or a break at the first entry).
    pub head: Option<ChainHead>,
    /// The first broken entry, if any.
    pub broken: Option<BrokenEntry>,
}

/// One page of the audit log (coordinators only).
#[server(prefix = "/api", endpoint = "list_audit")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "list_audit", skip_all, fields(actor_id = ?actor, object_id = ?object_id)))]
pub async fn list_audit(
    action: Option<String>,
    actor: Option<i64>,
    object_type: Option<String>,
    object_id: Option<i64>,
    from: Option<String>,
    to: Option<String>,
    page: Option<u64>,
) -> Result<AuditPage, AppError> {
    use crate::domain::account::Permission;
    crate::auth::ssr::require_permission(Permission::ViewAuditLog).await?;
    let db = &crate::state::app_state()?.db;
    let filter = AuditFilter {
        action,
        actor,
        object_type,
        object_id,
        from,
        to,
        page: page.unwrap_or(1),
    };
    ssr::list(db, &filter).await
}

/// Verifies the whole chain (coordinators only).
#[server(prefix = "/api", endpoint = "verify_audit")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "verify_audit", skip_all))]
pub async fn verify_audit() -> Result<VerifyReport, AppError> {
    use crate::domain::account::Permission;
    crate::auth::ssr::require_permission(Permission::ViewAuditLog).await?;
    let db = &crate::state::app_state()?.db;
    ssr::verify(db).await
}
