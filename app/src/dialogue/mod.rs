//! The dialogue space of an adopted guideline (trial, step 5): staff report experiences from
//! using AI under the guideline — use cases, uncertainties, success stories, needs for change —
//! and reply to each other (one level). Needs for change are carried into the next review.
//!
//! DTOs and server functions live here; the database services in [`ssr`]; the page in
//! [`pages`]. The rules are in `domain::dialogue`.

pub mod pages;
#[cfg(feature = "ssr")]
pub mod ssr;

use crate::error::AppError;
use crate::process::ProcessHead;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// A post or reply as the viewer may see it. For anonymous posts `author` is always `None`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DialoguePostView {
    /// Post id (the anchor `erfahrung-<id>`).
    pub id: i64,
    /// Stored kind (`need_for_change`); `None` for replies.
    pub kind: Option<String>,
    /// German label of the kind.
    pub kind_label: Option<String>,
    /// The author's name; `None` for anonymous posts.
    pub author: Option<String>,
    /// Posted anonymously.
    pub anonymous: bool,
    /// Written by the viewer.
    pub mine: bool,
    /// The text (rendered as text, never as HTML); empty when hidden, unless the viewer wrote it
    /// or moderates.
    pub body: String,
    /// Hidden by moderation.
    pub hidden: bool,
    /// Why it was hidden; only for its author and the moderators.
    pub hidden_reason: Option<String>,
    /// When (German local time).
    pub created_at: String,
    /// The adopted version it refers to.
    pub version_number: i32,
    /// Replies, oldest first (top-level posts only).
    pub replies: Vec<DialoguePostView>,
    /// Replies not included in `replies` (the page of the single thread shows them).
    #[serde(default)]
    pub more_replies: u64,
}

/// Paging of the replies when the page shows a single report with all its replies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThreadPaging {
    /// The report shown.
    pub post_id: i64,
    /// The page of replies shown (1-based).
    pub page: u64,
    /// How many pages of replies there are.
    pub pages: u64,
    /// How many replies there are.
    pub total: u64,
}

/// Everything the dialogue page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DialogueView {
    /// The process.
    pub process: ProcessHead,
    /// The adopted version in force, if any (posting needs one).
    pub version_number: Option<i32>,
    /// Whether a review (a new revision) is under way.
    pub under_review: bool,
    /// Whether the viewer may hide posts (project group or coordinator).
    pub can_moderate: bool,
    /// The posts of this page, newest first, with their replies.
    pub posts: Vec<DialoguePostView>,
    /// The kind filtered by, if any.
    pub filter: Option<String>,
    /// The page shown (1-based).
    pub page: u64,
    /// How many pages there are.
    pub pages: u64,
    /// Top-level posts matching the filter.
    pub total: u64,
    /// Set when the page shows one report with its replies page by page.
    #[serde(default)]
    pub thread: Option<ThreadPaging>,
}

/// The dialogue page's data: one page of posts, optionally of one kind. Every signed-in person.
#[server(prefix = "/api", endpoint = "get_dialogue")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "get_dialogue", skip_all, fields(process_id = process_id, thread_id = ?thread)))]
pub async fn get_dialogue(
    process_id: i64,
    kind: Option<String>,
    page: Option<u64>,
    thread: Option<i64>,
    replies_page: Option<u64>,
) -> Result<DialogueView, AppError> {
    use crate::domain::access::ProcessAction;
    use crate::domain::dialogue::PostKind;
    let me = crate::auth::ssr::require_user().await?;
    let db = &crate::state::app_state()?.db;
    let (process, roles) =
        crate::process::ssr::require(db, &me, process_id, ProcessAction::View).await?;
    let kind = match kind.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(value) => Some(PostKind::parse(value).map_err(AppError::invalid)?),
    };
    let shown = match thread {
        Some(post_id) => ssr::Shown::Thread {
            post_id,
            replies_page: replies_page.unwrap_or(1).max(1),
        },
        None => ssr::Shown::Page {
            kind,
            page: page.unwrap_or(1).max(1),
        },
    };
    ssr::view(db, &me, process, roles, shown).await
}

/// Posts an experience report (or, with `parent_id`, a reply). Every signed-in person, once a
/// guideline is adopted. A repeated submission of the same text within seconds returns the
/// stored post instead of a second one.
#[server(prefix = "/api", endpoint = "post_experience")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "post_experience", skip_all, fields(process_id = process_id, parent_id = ?parent_id)))]
pub async fn post_experience(
    process_id: i64,
    kind: Option<String>,
    body: String,
    anonymous: Option<String>,
    parent_id: Option<String>,
) -> Result<i64, AppError> {
    use crate::domain::access::ProcessAction;
    let me = crate::auth::ssr::require_user().await?;
    let db = &crate::state::app_state()?.db;
    let (process, _) =
        crate::process::ssr::require(db, &me, process_id, ProcessAction::ReportExperience).await?;
    crate::state::limit_posting(me.id)?;
    let parent_id = match parent_id.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(id) => Some(id.parse::<i64>().map_err(|_| AppError::BadRequest)?),
    };
    let input = ssr::PostInput {
        kind: kind.unwrap_or_default(),
        body,
        anonymous: anonymous.is_some(),
        parent_id,
    };
    let id = ssr::post(db, &me, &process, input).await?;
    leptos_axum::redirect(&format!(
        "/prozesse/{process_id}/erfahrungen#erfahrung-{id}"
    ));
    Ok(id)
}

/// Hides an experience report or reply that breaks the rules, with a reason shown to its
/// author. The project group or a coordinator.
#[server(prefix = "/api", endpoint = "hide_experience")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "hide_experience", skip_all, fields(post_id = post_id)))]
pub async fn hide_experience(post_id: i64, reason: String) -> Result<(), AppError> {
    let me = crate::auth::ssr::require_user().await?;
    let db = &crate::state::app_state()?.db;
    let process_id = ssr::hide(db, &me, post_id, &reason).await?;
    leptos_axum::redirect(&format!(
        "/prozesse/{process_id}/erfahrungen#erfahrung-{post_id}"
    ));
    Ok(())
}
