//! Review cycles (step 5): the adopted guideline's next review date (coordinators change it),
//! the dashboard list of upcoming and overdue reviews, and starting a review early with a
//! trigger — which opens a new revision from the adopted version and carries in the collected
//! needs for change and the deferred comments.
//!
//! DTOs and server functions live here; the database services in [`ssr`]; the page and the
//! dashboard panel in [`pages`]. The rules are in `domain::review` and `domain::adoption`.

pub mod pages;
#[cfg(feature = "ssr")]
pub mod ssr;

use crate::error::AppError;
use crate::process::ProcessHead;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The adopted guideline in force and its review date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InForce {
    /// The adopted version's number.
    pub version_number: i32,
    /// Adoption date ("21.11.2026").
    pub adopted_on: String,
    /// Next review date ("21.11.2028").
    pub next_review: String,
    /// The same as `YYYY-MM-DD`, for the date field.
    pub next_review_iso: String,
    /// "Überprüfung fällig am …" / "… überfällig seit …".
    pub status_text: String,
    /// "überfällig", "bald fällig" or "geplant".
    pub urgency: String,
}

/// An input a review carried in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewInputView {
    /// "Änderungsbedarf" or "Zurückgestellter Kommentar".
    pub source: String,
    /// The text (never with its author).
    pub body: String,
    /// The disposition's reason, for deferred comments.
    pub note: Option<String>,
    /// Link to the original.
    pub link: String,
    /// When the original was written.
    pub created_at: String,
}

/// A started review.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewView {
    /// Review id.
    pub id: i64,
    /// The revision it started.
    pub revision: i32,
    /// German label of the trigger.
    pub trigger: String,
    /// The description (trigger "other").
    pub trigger_text: Option<String>,
    /// The step the revision started in ("3. Diskurs").
    pub reentry: String,
    /// The adopted version it started from.
    pub from_version_number: i32,
    /// That version's content hash.
    pub content_hash: String,
    /// Who started it.
    pub started_by: String,
    /// When.
    pub started_at: String,
    /// The carried-in inputs.
    pub inputs: Vec<ReviewInputView>,
}

/// Everything the review page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewPageView {
    /// The process.
    pub process: ProcessHead,
    /// The adopted guideline in force, if any.
    pub in_force: Option<InForce>,
    /// Whether a new revision is under way (the adopted version stays valid meanwhile).
    pub under_review: bool,
    /// Whether the viewer may start a review or change the date.
    pub can_manage: bool,
    /// Needs for change posted and not yet carried into a review.
    pub waiting_needs: u64,
    /// Deferred comments not yet carried into a review.
    pub waiting_deferred: u64,
    /// Reviews started so far, newest first.
    pub reviews: Vec<ReviewView>,
}

/// A review on the dashboard.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DueReview {
    /// Process id.
    pub process_id: i64,
    /// Process title.
    pub title: String,
    /// "Überprüfung fällig am …" / "… überfällig seit …".
    pub status_text: String,
    /// Whether it is overdue.
    pub overdue: bool,
}

/// The review page's data. Every signed-in person.
#[server(prefix = "/api", endpoint = "get_review")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "get_review", skip_all, fields(process_id = process_id)))]
pub async fn get_review(process_id: i64) -> Result<ReviewPageView, AppError> {
    use crate::domain::access::ProcessAction;
    let me = crate::auth::ssr::require_user().await?;
    let db = &crate::state::app_state()?.db;
    let (process, roles) =
        crate::process::ssr::require(db, &me, process_id, ProcessAction::View).await?;
    ssr::view(db, &me, process, roles).await
}

/// Moves the next review date (`YYYY-MM-DD`). Coordinators only, while the guideline is in
/// force and not under review.
#[server(prefix = "/api", endpoint = "reschedule_review")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "reschedule_review", skip_all, fields(process_id = process_id)))]
pub async fn reschedule_review(process_id: i64, next_review: String) -> Result<(), AppError> {
    use crate::domain::access::ProcessAction;
    let me = crate::auth::ssr::require_user().await?;
    let db = &crate::state::app_state()?.db;
    let (process, _) =
        crate::process::ssr::require(db, &me, process_id, ProcessAction::ManageReview).await?;
    let date = crate::domain::german::parse_date(&next_review).ok_or_else(|| {
        AppError::Invalid(
            "Bitte geben Sie den Überprüfungstermin als Datum ein, zum Beispiel 29.11.2028.".into(),
        )
    })?;
    ssr::reschedule(db, &process, me.id, date).await?;
    leptos_axum::redirect(&format!("/prozesse/{process_id}/ueberpruefung"));
    Ok(())
}

/// Starts a review early: records the trigger, opens revision + 1 at step 3 or 1 from the
/// adopted version (which stays published and valid) and carries in the needs for change and
/// deferred comments. Coordinators only; `confirm` must be ticked.
#[server(prefix = "/api", endpoint = "start_review")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "start_review", skip_all, fields(process_id = process_id)))]
pub async fn start_review(
    process_id: i64,
    trigger: String,
    trigger_text: Option<String>,
    reentry: String,
    confirm: Option<String>,
) -> Result<i64, AppError> {
    use crate::domain::access::ProcessAction;
    use crate::domain::adoption::ReviewTrigger;
    use crate::domain::review::Reentry;
    let me = crate::auth::ssr::require_user().await?;
    let db = &crate::state::app_state()?.db;
    let (process, _) =
        crate::process::ssr::require(db, &me, process_id, ProcessAction::ManageReview).await?;
    let trigger = ReviewTrigger::parse(&trigger, trigger_text.as_deref().unwrap_or(""))
        .map_err(AppError::invalid)?;
    let reentry = Reentry::parse(&reentry).map_err(AppError::invalid)?;
    if confirm.is_none() {
        return Err(AppError::Invalid(
            "Bitte bestätigen Sie, dass die Überprüfung jetzt beginnen soll.".into(),
        ));
    }
    let id = ssr::start(db, &process, me.id, &trigger, reentry).await?;
    leptos_axum::redirect(&format!("/prozesse/{process_id}/ueberpruefung"));
    Ok(id)
}

/// Upcoming (within 90 days) and overdue reviews of the processes the viewer coordinates or
/// works on in the project group; empty for everyone else.
#[server(prefix = "/api", endpoint = "due_reviews")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "due_reviews", skip_all))]
pub async fn due_reviews() -> Result<Vec<DueReview>, AppError> {
    let me = crate::auth::ssr::require_user().await?;
    let db = &crate::state::app_state()?.db;
    ssr::due(db, &me).await
}
