//! Guideline processes: the dashboard list, the five steps with their timeline, the project
//! group and the process settings. Sub-pages (contributions, drafts, versions) live in their
//! own modules and use [`ssr::require`] for their permission checks.

pub mod pages;
#[cfg(feature = "ssr")]
pub mod ssr;
#[cfg(feature = "ssr")]
pub mod transition;

use crate::domain::access::{ProcessFacts, ProcessRoles};
use crate::domain::group::Perspective;
use crate::domain::process::Step;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// What every page of a process shows in its header (title, step, the viewer's roles).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProcessHead {
    /// Process id.
    pub id: i64,
    /// Title.
    pub title: String,
    /// Current step.
    pub step: Step,
    /// The viewer's relation to the process.
    pub roles: ProcessRoles,
}

/// Longest process title.
pub const TITLE_MAX: usize = 200;
/// Longest process description.
pub const DESCRIPTION_MAX: usize = 2_000;

/// A process as the dashboard lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProcessSummary {
    /// Process id.
    pub id: i64,
    /// Title.
    pub title: String,
    /// Current step.
    pub step: Step,
    /// Revision (1 for the first guideline).
    pub revision: i32,
}

/// One step change in the timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimelineEntry {
    /// The step before (none at creation).
    pub from: Option<Step>,
    /// The step after.
    pub to: Step,
    /// The reason given (for going back).
    pub reason: Option<String>,
    /// Who changed it.
    pub by: String,
    /// When (German local time).
    pub at: String,
}

/// A project-group member as everyone may see them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupMember {
    /// Account id.
    pub user_id: i64,
    /// Name.
    pub display_name: String,
    /// The perspectives they bring, in display order.
    pub perspectives: Vec<Perspective>,
}

/// Everything the process page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProcessDetail {
    /// Process id.
    pub id: i64,
    /// Title.
    pub title: String,
    /// Description.
    pub description: String,
    /// Current step.
    pub step: Step,
    /// Revision.
    pub revision: i32,
    /// Whether staff see others' contributions.
    pub contributions_visible: bool,
    /// The viewer's relation to the process.
    pub roles: ProcessRoles,
    /// Step history, oldest first.
    pub timeline: Vec<TimelineEntry>,
    /// The project group.
    pub group: Vec<GroupMember>,
    /// Warnings about the group's composition (German).
    pub warnings: Vec<String>,
    /// Hints about members who also decide in an approving body (German).
    pub conflicts: Vec<String>,
}

impl ProcessDetail {
    /// The facts the access rules need.
    pub fn facts(&self) -> ProcessFacts {
        ProcessFacts {
            step: self.step,
            contributions_visible: self.contributions_visible,
        }
    }

    /// Whether the viewer may do `action` (the server checks again).
    pub fn can(&self, action: crate::domain::access::ProcessAction) -> bool {
        crate::domain::access::check(self.roles, action, self.facts()).is_ok()
    }
}

/// All processes, newest first. Every signed-in person.
#[server(prefix = "/api", endpoint = "list_processes")]
#[cfg_attr(
    feature = "ssr",
    tracing::instrument(name = "list_processes", skip_all)
)]
pub async fn list_processes() -> Result<Vec<ProcessSummary>, AppError> {
    crate::auth::ssr::require_user().await?;
    ssr::list(&crate::state::app_state()?.db).await
}

/// Creates a process in step 1 and opens it. Coordinators only.
#[server(prefix = "/api", endpoint = "create_process")]
#[cfg_attr(
    feature = "ssr",
    tracing::instrument(name = "create_process", skip_all)
)]
pub async fn create_process(title: String, description: String) -> Result<i64, AppError> {
    use crate::domain::account::Permission;
    use crate::domain::text;
    let me = crate::auth::ssr::require_permission(Permission::CreateProcess).await?;
    let title = text::required(&title, "Titel", TITLE_MAX).map_err(AppError::invalid)?;
    let description =
        text::optional(&description, "Beschreibung", DESCRIPTION_MAX).map_err(AppError::invalid)?;
    let id = ssr::create(
        &crate::state::app_state()?.db,
        me.id,
        &title,
        description.as_deref().unwrap_or(""),
    )
    .await?;
    leptos_axum::redirect(&format!("/prozesse/{id}"));
    Ok(id)
}

/// The process page's data. Every signed-in person.
#[server(prefix = "/api", endpoint = "get_process")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "get_process", skip_all, fields(process_id = id)))]
pub async fn get_process(id: i64) -> Result<ProcessDetail, AppError> {
    use crate::domain::access::ProcessAction;
    let me = crate::auth::ssr::require_user().await?;
    let db = &crate::state::app_state()?.db;
    let (process, roles) = ssr::require(db, &me, id, ProcessAction::View).await?;
    ssr::detail(db, process, roles).await
}

/// Moves the process to another step: forward one step, or back with a reason.
#[server(prefix = "/api", endpoint = "change_step")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "change_step", skip_all, fields(process_id = process_id)))]
pub async fn change_step(process_id: i64, to: String, reason: String) -> Result<(), AppError> {
    use crate::domain::access::{self, ProcessAction};
    use crate::domain::process::{check_transition, TransitionKind};
    let me = crate::auth::ssr::require_user().await?;
    let db = &crate::state::app_state()?.db;
    // Refuse people who may not change steps at all before saying anything about the rules.
    let (process, roles) = ssr::require(db, &me, process_id, ProcessAction::AdvanceStep).await?;
    let from = process.step;
    let to = Step::parse(&to).map_err(|_| AppError::BadRequest)?;
    let reason = Some(reason.as_str()).filter(|r| !r.trim().is_empty());
    let kind = check_transition(from, to, reason).map_err(AppError::invalid)?;
    if kind == TransitionKind::Forward && to == Step::Adoption {
        // Step 4 starts only with a proposed (frozen) version, never with a bare step change.
        return Err(AppError::Conflict(
            "Schritt 4 beginnt, wenn die Projektgruppe auf der Seite „Verabschiedung“ eine Version zur Verabschiedung vorschlägt.".into(),
        ));
    }
    if kind == TransitionKind::Forward && to == Step::Review {
        // Step 5 starts when the last required body approves, never with a bare step change.
        return Err(AppError::Conflict(
            "Schritt 5 beginnt von selbst, sobald alle erforderlichen Gremien der vorgeschlagenen Version zugestimmt haben.".into(),
        ));
    }
    if from == Step::Adoption {
        // A frozen version leaves the adoption only with a recorded decision: returned after a
        // rejection, or the proposal withdrawn with a reason (both on the adoption page).
        return Err(AppError::Conflict(
            crate::domain::adoption::AdoptionError::LeaveOnlyByReturnOrWithdrawal.to_string(),
        ));
    }
    if matches!(kind, TransitionKind::NewRevision(_)) {
        // A new revision is a review: it records its trigger and carries in the collected input.
        return Err(AppError::Conflict(
            "Eine neue Überarbeitung beginnt die Koordination auf der Seite „Überprüfung“.".into(),
        ));
    }
    let action = match kind {
        TransitionKind::Forward => ProcessAction::AdvanceStep,
        TransitionKind::Back(_) | TransitionKind::NewRevision(_) => ProcessAction::StepBack,
    };
    access::check(roles, action, ssr::facts(&process)).map_err(ssr::refusal)?;
    ssr::change_step(db, &process, me.id, to, kind).await
}

/// Sets whether staff see others' contributions. Coordinators only.
#[server(prefix = "/api", endpoint = "set_contributions_visible")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "set_contributions_visible", skip_all, fields(process_id = process_id)))]
pub async fn set_contributions_visible(
    process_id: i64,
    visible: Option<String>,
) -> Result<(), AppError> {
    use crate::domain::access::ProcessAction;
    let me = crate::auth::ssr::require_user().await?;
    let db = &crate::state::app_state()?.db;
    let (process, _) = ssr::require(db, &me, process_id, ProcessAction::ChangeSettings).await?;
    ssr::set_contributions_visible(db, process, visible.is_some()).await
}

/// Appoints a person (by e-mail) to the project group with a perspective; a member who is
/// already in the group gets the perspective added (never replaced). Returns what changed, in
/// German. Coordinators only.
#[server(prefix = "/api", endpoint = "appoint_member")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "appoint_member", skip_all, fields(process_id = process_id)))]
pub async fn appoint_member(
    process_id: i64,
    email: String,
    perspective: String,
) -> Result<String, AppError> {
    use crate::domain::access::ProcessAction;
    let me = crate::auth::ssr::require_user().await?;
    let db = &crate::state::app_state()?.db;
    ssr::require(db, &me, process_id, ProcessAction::AppointGroup).await?;
    let perspective = Perspective::parse(&perspective)
        .map_err(|_| AppError::Invalid("Bitte wählen Sie eine Perspektive.".into()))?;
    ssr::appoint(db, process_id, me.id, &email, perspective).await
}

/// Takes one perspective from a member who brings several. Coordinators only.
#[server(prefix = "/api", endpoint = "remove_perspective")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "remove_perspective", skip_all, fields(process_id = process_id, user_id = user_id)))]
pub async fn remove_perspective(
    process_id: i64,
    user_id: i64,
    perspective: String,
) -> Result<(), AppError> {
    use crate::domain::access::ProcessAction;
    let me = crate::auth::ssr::require_user().await?;
    let db = &crate::state::app_state()?.db;
    ssr::require(db, &me, process_id, ProcessAction::AppointGroup).await?;
    let perspective = Perspective::parse(&perspective).map_err(|_| AppError::BadRequest)?;
    ssr::remove_perspective(db, process_id, me.id, user_id, perspective).await
}

/// Removes a person from the project group. Coordinators only.
#[server(prefix = "/api", endpoint = "remove_member")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "remove_member", skip_all, fields(process_id = process_id, user_id = user_id)))]
pub async fn remove_member(process_id: i64, user_id: i64) -> Result<(), AppError> {
    use crate::domain::access::ProcessAction;
    let me = crate::auth::ssr::require_user().await?;
    let db = &crate::state::app_state()?.db;
    ssr::require(db, &me, process_id, ProcessAction::AppointGroup).await?;
    ssr::remove_member(db, process_id, me.id, user_id).await
}
