//! Formal adoption (step 4) and publication: the coordinator configures the approving bodies,
//! the project group proposes the latest published version (which freezes it and moves the
//! process to step 4), body members record their body's decision against the frozen content
//! hash, and the adopted guideline gets a publication page with a read acknowledgement.
//!
//! DTOs and server functions live here; the database services in [`ssr`]; the pages in
//! [`pages`]. The rules themselves are in `domain::adoption`.

#[cfg(feature = "ssr")]
pub mod documents;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod ssr;

use crate::error::AppError;
use crate::process::ProcessHead;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// Longest plain-language summary, in characters.
pub const SUMMARY_MAX: usize = 5_000;

/// A member of an approving body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BodyMemberView {
    /// Account id.
    pub user_id: i64,
    /// Name.
    pub display_name: String,
}

/// One recorded decision (an entry of a body's history).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecisionView {
    /// Entry id (a correction names it in `supersedes`).
    pub id: i64,
    /// German label of the verdict ("mit Auflagen zugestimmt").
    pub verdict: String,
    /// Whether the body approved (with or without conditions).
    pub approval: bool,
    /// Conditions or reason.
    pub text: Option<String>,
    /// Meeting date ("21.11.2026").
    pub meeting_date: String,
    /// Minutes reference.
    pub minutes_ref: String,
    /// Who recorded it.
    pub recorded_by: String,
    /// When (German local time).
    pub recorded_at: String,
    /// The content hash it refers to.
    pub content_hash: String,
    /// The entry it corrects.
    pub supersedes: Option<i64>,
    /// The rule that applied and the reckoning (procedure bodies; "Von Mitsprache
    /// festgestellt: …" when silence made it).
    #[serde(default)]
    pub basis: Option<String>,
}

/// An approving body with its members and decisions on the current proposal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BodyView {
    /// Body id.
    pub id: i64,
    /// Name.
    pub name: String,
    /// Whether its approval is required.
    pub required: bool,
    /// Whether it decides by a member's record (no procedure of its own): then the page offers
    /// the decision form.
    pub simple: bool,
    /// Its members.
    pub members: Vec<BodyMemberView>,
    /// Whether the viewer is a member (and may record its decision).
    pub viewer_is_member: bool,
    /// The effective decision on the current proposal.
    pub current: Option<DecisionView>,
    /// Every entry on the current proposal, oldest first (corrections included).
    pub history: Vec<DecisionView>,
}

/// The version proposed for adoption and where its adoption stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProposalView {
    /// Proposal id.
    pub id: i64,
    /// The frozen version's number.
    pub version_number: i32,
    /// Hex SHA-256 recorded when it was frozen.
    pub frozen_hash: String,
    /// Who proposed it.
    pub proposed_by: String,
    /// When (German local time).
    pub proposed_at: String,
    /// German label of the adoption status.
    pub status: String,
    /// Whether every required body approved.
    pub adopted: bool,
    /// Rejections by required bodies ("Betriebsrat: reason").
    pub rejections: Vec<String>,
    /// Whether the group sent it back after a rejection.
    pub returned: bool,
    /// When it was adopted (German local time).
    pub adopted_at: Option<String>,
    /// The next review date ("21.11.2028").
    pub next_review: Option<String>,
    /// The plain-language summary (Markdown source).
    pub summary: String,
}

/// How many people confirmed having read the adopted guideline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AcknowledgementRate {
    /// People who confirmed.
    pub acknowledged: u64,
    /// Active accounts whose person has logged in at least once (the base of the rate).
    pub total: u64,
    /// Invited accounts whose person never logged in: not counted, shown apart.
    #[serde(default)]
    pub never_logged_in: u64,
    /// Their names, in order of confirmation (coordinators only).
    pub names: Vec<String>,
    /// The same per team, sorted by name, "ohne Team" last.
    #[serde(default)]
    pub teams: Vec<TeamAcknowledgement>,
}

/// The read acknowledgement of one team, or of the people without a team.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamAcknowledgement {
    /// The counts (`rate.team` is `None` for the people without a team).
    pub rate: crate::domain::team::TeamRate,
    /// "3 von 4 (75 %)".
    pub text: String,
    /// Who confirmed, by name (only filled for coordinators).
    pub acknowledged_names: Vec<String>,
    /// Who has not confirmed yet, by name (only filled for coordinators).
    pub pending_names: Vec<String>,
}

/// Everything the adoption page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdoptionView {
    /// The process.
    pub process: ProcessHead,
    /// The approving bodies.
    pub bodies: Vec<BodyView>,
    /// The latest proposal, if any.
    pub proposal: Option<ProposalView>,
    /// The latest published version, which a proposal would freeze.
    pub latest_version: Option<i32>,
    /// A suggested reason for sending a rejected version back.
    pub suggested_return_reason: Option<String>,
    /// Read acknowledgements of the adopted version (coordinators only).
    pub acknowledgements: Option<AcknowledgementRate>,
    /// The bodies' procedures, the agreement and the marked sections.
    pub codetermination: crate::codetermination::CodeterminationView,
}

/// An entry of the table of contents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TocEntry {
    /// The heading's anchor.
    pub anchor: String,
    /// Heading level, 1 to 6.
    pub level: u8,
    /// Heading text.
    pub title: String,
}

/// A body's decision as the publication page lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublishedDecision {
    /// The body's name.
    pub body: String,
    /// German label of the verdict.
    pub verdict: String,
    /// Conditions, if any.
    pub conditions: Option<String>,
    /// Meeting date.
    pub meeting_date: String,
    /// Minutes reference.
    pub minutes_ref: String,
}

/// Everything the publication page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GuidelineView {
    /// The process.
    pub process: ProcessHead,
    /// The adopted version's number.
    pub version_number: i32,
    /// Adoption date ("21.11.2026").
    pub adopted_on: String,
    /// Next review date.
    pub next_review: Option<String>,
    /// Hex SHA-256 of the adopted text.
    pub content_hash: String,
    /// Table of contents.
    pub toc: Vec<TocEntry>,
    /// The guideline's sanitised HTML.
    pub html: String,
    /// The summary's sanitised HTML (empty when none was written).
    pub summary_html: String,
    /// The bodies' effective decisions.
    pub decisions: Vec<PublishedDecision>,
    /// Whether the viewer confirmed having read it.
    pub acknowledged: bool,
    /// Read acknowledgements (coordinators only).
    pub acknowledgements: Option<AcknowledgementRate>,
    /// Whether a review (a new revision) is under way; the version shown stays valid.
    pub under_review: bool,
}

/// The adoption page's data. Every signed-in person.
#[server(prefix = "/api", endpoint = "get_adoption")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "get_adoption", skip_all, fields(process_id = process_id)))]
pub async fn get_adoption(process_id: i64) -> Result<AdoptionView, AppError> {
    use crate::domain::access::ProcessAction;
    let me = crate::auth::ssr::require_user().await?;
    let db = &crate::state::app_state()?.db;
    let (process, roles) =
        crate::process::ssr::require(db, &me, process_id, ProcessAction::View).await?;
    ssr::view(db, &me, process, roles).await
}

/// Adds an approving body to the process. Coordinators only.
#[server(prefix = "/api", endpoint = "add_body")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "add_body", skip_all, fields(process_id = process_id)))]
pub async fn add_body(
    process_id: i64,
    name: String,
    required: Option<String>,
) -> Result<i64, AppError> {
    use crate::domain::access::ProcessAction;
    let me = crate::auth::ssr::require_user().await?;
    let db = &crate::state::app_state()?.db;
    crate::process::ssr::require(db, &me, process_id, ProcessAction::ConfigureBodies).await?;
    let body = crate::domain::adoption::Body::new(0, &name, required.is_some())
        .map_err(AppError::invalid)?;
    ssr::add_body(db, process_id, &body).await
}

/// Adds a person (by e-mail) to an approving body. Coordinators only.
#[server(prefix = "/api", endpoint = "add_body_member")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "add_body_member", skip_all, fields(process_id = process_id, body_id = body_id)))]
pub async fn add_body_member(process_id: i64, body_id: i64, email: String) -> Result<(), AppError> {
    use crate::domain::access::ProcessAction;
    let me = crate::auth::ssr::require_user().await?;
    let db = &crate::state::app_state()?.db;
    crate::process::ssr::require(db, &me, process_id, ProcessAction::ConfigureBodies).await?;
    ssr::add_member(db, process_id, body_id, me.id, &email).await
}

/// Removes a person from an approving body. Coordinators only.
#[server(prefix = "/api", endpoint = "remove_body_member")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "remove_body_member", skip_all, fields(process_id = process_id, body_id = body_id, user_id = user_id)))]
pub async fn remove_body_member(
    process_id: i64,
    body_id: i64,
    user_id: i64,
) -> Result<(), AppError> {
    use crate::domain::access::ProcessAction;
    let me = crate::auth::ssr::require_user().await?;
    let db = &crate::state::app_state()?.db;
    crate::process::ssr::require(db, &me, process_id, ProcessAction::ConfigureBodies).await?;
    ssr::remove_member(db, process_id, body_id, me.id, user_id).await
}

/// Proposes the latest published version for adoption: freezes it with its content hash and
/// moves the process from step 3 to step 4. Project group only.
#[server(prefix = "/api", endpoint = "propose_adoption")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "propose_adoption", skip_all, fields(process_id = process_id)))]
pub async fn propose_adoption(process_id: i64) -> Result<i64, AppError> {
    use crate::domain::access::ProcessAction;
    let me = crate::auth::ssr::require_user().await?;
    let db = &crate::state::app_state()?.db;
    let (process, _) =
        crate::process::ssr::require(db, &me, process_id, ProcessAction::ProposeAdoption).await?;
    let id = ssr::propose(db, &process, me.id).await?;
    leptos_axum::redirect(&format!("/prozesse/{process_id}/verabschiedung"));
    Ok(id)
}

/// Records a body's decision on the frozen version (or corrects its current one by a new
/// entry). Members of that body only; the signed-in member is recorded as the recorder.
// One argument per form field, so the form posts plain names without JavaScript. `allow`, not
// `expect`: the `server` macro copies the attribute to items where the lint does not fire.
#[allow(clippy::too_many_arguments)]
#[server(prefix = "/api", endpoint = "record_decision")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "record_decision", skip_all, fields(process_id = process_id, body_id = body_id)))]
pub async fn record_decision(
    process_id: i64,
    body_id: i64,
    kind: String,
    text: String,
    meeting_date: String,
    minutes_ref: String,
    content_hash: String,
    supersedes: Option<String>,
) -> Result<i64, AppError> {
    use crate::domain::access::ProcessAction;
    use crate::domain::adoption::DecisionForm;
    let me = crate::auth::ssr::require_user().await?;
    let db = &crate::state::app_state()?.db;
    let (process, _) =
        crate::process::ssr::require(db, &me, process_id, ProcessAction::RecordDecision).await?;
    let supersedes = match supersedes.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(id) => Some(id.parse::<i64>().map_err(|_| AppError::BadRequest)?),
    };
    let form = DecisionForm {
        body_id,
        kind: &kind,
        text: &text,
        meeting_date: &meeting_date,
        minutes_ref: &minutes_ref,
        content_hash: &content_hash,
        supersedes,
    };
    let id = ssr::record(db, &process, me.id, &form).await?;
    leptos_axum::redirect(&format!("/prozesse/{process_id}/verabschiedung"));
    Ok(id)
}

/// Sends a rejected version back to step 3 or 2 with a reason. Project group only.
#[server(prefix = "/api", endpoint = "return_version")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "return_version", skip_all, fields(process_id = process_id)))]
pub async fn return_version(process_id: i64, to: String, reason: String) -> Result<(), AppError> {
    use crate::domain::access::ProcessAction;
    use crate::domain::process::Step;
    let me = crate::auth::ssr::require_user().await?;
    let db = &crate::state::app_state()?.db;
    let (process, _) =
        crate::process::ssr::require(db, &me, process_id, ProcessAction::ReturnVersion).await?;
    let to = Step::parse(&to).map_err(|_| AppError::BadRequest)?;
    ssr::return_version(db, &process, me.id, to, &reason).await?;
    leptos_axum::redirect(&format!("/prozesse/{process_id}/verabschiedung"));
    Ok(())
}

/// Withdraws the proposal before adoption and returns to step 3 or 2 with a reason; `confirm`
/// must be ticked. Project group only, in step 4.
#[server(prefix = "/api", endpoint = "withdraw_proposal")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "withdraw_proposal", skip_all, fields(process_id = process_id)))]
pub async fn withdraw_proposal(
    process_id: i64,
    to: String,
    reason: String,
    confirm: Option<String>,
) -> Result<(), AppError> {
    use crate::domain::access::ProcessAction;
    use crate::domain::process::Step;
    let me = crate::auth::ssr::require_user().await?;
    let db = &crate::state::app_state()?.db;
    let (process, _) =
        crate::process::ssr::require(db, &me, process_id, ProcessAction::ReturnVersion).await?;
    let to = Step::parse(&to).map_err(|_| AppError::BadRequest)?;
    if confirm.is_none() {
        return Err(AppError::Invalid(
            "Bitte bestätigen Sie, dass der Vorschlag zurückgezogen werden soll.".into(),
        ));
    }
    ssr::withdraw(db, &process, me.id, to, &reason).await?;
    leptos_axum::redirect(&format!("/prozesse/{process_id}/verabschiedung"));
    Ok(())
}

/// Saves the plain-language summary of the proposed guideline. Project group only.
#[server(prefix = "/api", endpoint = "save_summary")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "save_summary", skip_all, fields(process_id = process_id)))]
pub async fn save_summary(process_id: i64, summary: String) -> Result<(), AppError> {
    use crate::domain::access::ProcessAction;
    let me = crate::auth::ssr::require_user().await?;
    let db = &crate::state::app_state()?.db;
    crate::process::ssr::require(db, &me, process_id, ProcessAction::WriteSummary).await?;
    let summary = crate::domain::text::optional(&summary, "Zusammenfassung", SUMMARY_MAX)
        .map_err(AppError::invalid)?;
    ssr::save_summary(db, me.id, process_id, summary.as_deref().unwrap_or("")).await?;
    leptos_axum::redirect(&format!("/prozesse/{process_id}/verabschiedung"));
    Ok(())
}

/// The publication page's data: the adopted guideline. Every signed-in person.
#[server(prefix = "/api", endpoint = "get_guideline")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "get_guideline", skip_all, fields(process_id = process_id)))]
pub async fn get_guideline(process_id: i64) -> Result<GuidelineView, AppError> {
    use crate::domain::access::ProcessAction;
    let me = crate::auth::ssr::require_user().await?;
    let db = &crate::state::app_state()?.db;
    let (process, roles) =
        crate::process::ssr::require(db, &me, process_id, ProcessAction::View).await?;
    ssr::guideline(db, &me, process, roles).await
}

/// Confirms that the signed-in person read the adopted guideline (once per version; a second
/// confirmation changes nothing). Every signed-in person.
#[server(prefix = "/api", endpoint = "acknowledge_guideline")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "acknowledge_guideline", skip_all, fields(process_id = process_id)))]
pub async fn acknowledge_guideline(process_id: i64) -> Result<bool, AppError> {
    use crate::domain::access::ProcessAction;
    let me = crate::auth::ssr::require_user().await?;
    let db = &crate::state::app_state()?.db;
    crate::process::ssr::require(db, &me, process_id, ProcessAction::Acknowledge).await?;
    let new = ssr::acknowledge(db, process_id, me.id).await?;
    leptos_axum::redirect(&format!("/prozesse/{process_id}/leitlinie"));
    Ok(new)
}
