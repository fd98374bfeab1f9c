//! Co-determination: how each approving body reaches its decision on the frozen text — a
//! management's confirmations, a works council's resolution with quorum, majority and minutes
//! confirmed by two, a MAV's answer within a deadline (or its silence, which approves) — and a
//! guideline adopted as a works or service agreement, which both sides confirm on the same hash.
//! The project group marks the sections that are subject to co-determination.
//!
//! DTOs and server functions live here; the database services in [`ssr`]; the panels of the
//! adoption page in [`pages`]. The rules are in `domain::codetermination`.

pub mod pages;
#[cfg(feature = "ssr")]
pub mod ssr;

use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// A management member and their confirmation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberVoteView {
    /// Name.
    pub name: String,
    /// `Some(true)` approved, `Some(false)` rejected, `None` not yet.
    pub approve: Option<bool>,
    /// The reason of a rejection.
    pub reason: Option<String>,
    /// When ("21.11.2026, 14:05").
    pub at: Option<String>,
}

/// A works council's resolution on the frozen text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResolutionView {
    /// Id.
    pub id: i64,
    /// Meeting date ("21.11.2026").
    pub meeting_date: String,
    /// "Präsenzsitzung" or "Video- oder Telefonkonferenz …".
    pub meeting_form: String,
    /// The vote: seats, present, yes, no, abstain.
    pub seats: u32,
    /// Members who took part.
    pub present: u32,
    /// Votes in favour.
    pub yes: u32,
    /// Votes against.
    pub no: u32,
    /// Abstentions.
    pub abstain: u32,
    /// The wording of the resolution.
    pub wording: String,
    /// The minutes reference.
    pub minutes_ref: String,
    /// Why the resolution approves or rejects (quorum and majority, in German).
    pub explanation: String,
    /// Whether it approves.
    pub approved: bool,
    /// Who entered it.
    pub recorded_by: String,
    /// Who confirmed the minutes ("Berta Rat (Vorsitz), 21.11.2026, 15:00").
    pub confirmations: Vec<String>,
    /// Whether chair and a further member confirmed (then it is the body's decision).
    pub confirmed: bool,
    /// Whether the viewer may confirm as chair now.
    pub may_confirm_as_chair: bool,
    /// Whether the viewer may confirm as a further member now.
    pub may_confirm_as_member: bool,
}

/// A MAV's deadline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestView {
    /// Id.
    pub id: i64,
    /// The day the MAV received the request ("10.11.2026").
    pub received_on: String,
    /// The last day of the deadline ("Dienstag, 24.11.2026").
    pub last_day: String,
    /// The reason of an extension, if the deadline was extended.
    pub extension_reason: Option<String>,
    /// Where it stands, in German ("Frist läuft bis …", "gilt seit … als gebilligt").
    pub status: String,
    /// Whether the MAV has answered (or its silence has).
    pub answered: bool,
    /// Whether the deadline may still be extended (not answered, not extended yet).
    pub may_extend: bool,
    /// Whether the MAV may still answer (not answered, deadline not passed).
    pub may_answer: bool,
}

/// Information handed to a council, or an expert it involved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InformationView {
    /// "Unterrichtung (§ 80 Abs. 2 BetrVG)" or "Sachverständige (§ 80 Abs. 3 BetrVG)".
    pub kind_label: String,
    /// When ("12.11.2026").
    pub given_on: String,
    /// What was handed over, or who was involved.
    pub description: String,
    /// Who entered it.
    pub recorded_by: String,
}

/// An approving body's procedure and where it stands on the open proposal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BodyProcedureView {
    /// The body.
    pub body_id: i64,
    /// Its name.
    pub body_name: String,
    /// `domain::codetermination::ProcedureKind::as_str`.
    pub kind: String,
    /// The procedure's German name.
    pub kind_label: String,
    /// The legal basis and the rule, in German.
    pub legal_basis: String,
    /// Management: `all` or `majority`.
    pub rule: Option<String>,
    /// Works council: its members.
    pub seats: Option<u32>,
    /// MAV: days of the deadline.
    pub deadline_days: Option<u32>,
    /// MAV: days of an extension.
    pub extension_days: Option<u32>,
    /// The chair's name.
    pub chair: Option<String>,
    /// The members (id, name), for choosing the chair.
    pub members: Vec<(i64, String)>,
    /// Whether the viewer is a member.
    pub viewer_is_member: bool,
    /// Whether the body has decided on the open proposal.
    pub decided: bool,
    /// Management: each member's confirmation.
    pub votes: Vec<MemberVoteView>,
    /// Management: whether the viewer has confirmed.
    pub viewer_voted: bool,
    /// Works council: resolutions on the open proposal, newest first.
    pub resolutions: Vec<ResolutionView>,
    /// MAV: the request and its deadline.
    pub request: Option<RequestView>,
    /// Works council or MAV: what it was given to inform itself, oldest first.
    pub information: Vec<InformationView>,
    /// Whether the viewer may log information (coordinators and the body's members).
    pub may_log_information: bool,
}

/// One side's confirmation of a works or service agreement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignatureView {
    /// "Kim Koordination (Geschäftsführung), 21.11.2026, 14:05".
    pub line: String,
    /// The hash confirmed.
    pub content_hash: String,
}

/// The agreement's confirmations.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgreementView {
    /// "Betriebsvereinbarung" or "Dienstvereinbarung".
    pub kind_label: String,
    /// The frozen hash both sides confirm.
    pub content_hash: String,
    /// The employer's confirmations.
    pub employer: Vec<SignatureView>,
    /// The council's (its chair's) confirmations.
    pub council: Vec<SignatureView>,
    /// Whether the viewer may confirm for the employer (a member of a management body).
    pub may_sign_employer: bool,
    /// Whether the viewer may confirm for the council (the chair of a council or MAV).
    pub may_sign_council: bool,
}

/// A section marked as subject to co-determination.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MarkView {
    /// The heading's anchor.
    pub anchor: String,
    /// The heading.
    pub title: String,
    /// The legal basis.
    pub basis: String,
    /// Since the council last approved: "geändert seit der Zustimmung vom 3.11.2026" or
    /// "unverändert seit der Zustimmung vom …"; `None` when it never approved.
    pub since_approval: Option<String>,
    /// Whether that means the council must look at it again.
    pub changed: bool,
}

/// Everything the adoption page shows about co-determination.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CodeterminationView {
    /// The bodies' procedures.
    pub bodies: Vec<BodyProcedureView>,
    /// `betriebsvereinbarung`, `dienstvereinbarung` or `None`.
    pub agreement_kind: Option<String>,
    /// The agreement's confirmations on the open proposal.
    pub agreement: Option<AgreementView>,
    /// The marked sections.
    pub marks: Vec<MarkView>,
    /// The headings of the latest version (anchor, title), for marking.
    pub sections: Vec<(String, String)>,
    /// Which public holidays count for deadlines ("Nordrhein-Westfalen" or the nationwide ones).
    pub holidays: String,
    /// Whether the viewer configures (coordinator).
    pub can_configure: bool,
    /// Whether the viewer marks sections (project group).
    pub can_mark: bool,
    /// Whether a proposal is open (in step 4), so procedures run.
    pub open: bool,
}

/// Sets a body's procedure and its parameters. Coordinators only, not while a proposal is open.
#[server(prefix = "/api", endpoint = "configure_body")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "configure_body", skip_all, fields(process_id = process_id, body_id = body_id)))]
pub async fn configure_body(
    process_id: i64,
    body_id: i64,
    procedure: String,
    rule: Option<String>,
    seats: Option<String>,
    deadline_days: Option<String>,
    extension_days: Option<String>,
) -> Result<(), AppError> {
    use crate::domain::access::ProcessAction;
    use crate::domain::codetermination::{ConfirmationRule, Procedure, ProcedureKind};
    let me = crate::auth::ssr::require_user().await?;
    let db = &crate::state::app_state()?.db;
    crate::process::ssr::require(db, &me, process_id, ProcessAction::ConfigureBodies).await?;
    let number = |value: Option<String>, default: u32| -> Result<u32, AppError> {
        match value.as_deref().map(str::trim) {
            None | Some("") => Ok(default),
            Some(v) => v
                .parse()
                .map_err(|_| AppError::Invalid("Bitte geben Sie eine ganze Zahl an.".to_owned())),
        }
    };
    let kind = ProcedureKind::parse(&procedure).map_err(AppError::invalid)?;
    let defaults = kind.with_defaults(1);
    let procedure = match defaults {
        Procedure::Simple => Procedure::Simple,
        Procedure::Management { rule: default } => Procedure::Management {
            rule: match rule.as_deref().map(str::trim) {
                None | Some("") => default,
                Some(r) => ConfirmationRule::parse(r).map_err(AppError::invalid)?,
            },
        },
        Procedure::WorksCouncil { .. } => Procedure::WorksCouncil {
            seats: number(seats, 0)?,
        },
        Procedure::MavEkd {
            deadline_days: d,
            extension_days: e,
        } => Procedure::MavEkd {
            deadline_days: number(deadline_days, d)?,
            extension_days: number(extension_days, e)?,
        },
        Procedure::MavMavo {
            deadline_days: d,
            extension_days: e,
        } => Procedure::MavMavo {
            deadline_days: number(deadline_days, d)?,
            extension_days: number(extension_days, e)?,
        },
    };
    let procedure = procedure.check().map_err(AppError::invalid)?;
    ssr::configure_body(db, &me, process_id, body_id, procedure).await?;
    leptos_axum::redirect(&format!("/prozesse/{process_id}/verabschiedung"));
    Ok(())
}

/// Makes a member the chair of a body (or nobody, with `user_id` 0). Coordinators only.
#[server(prefix = "/api", endpoint = "set_body_chair")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "set_body_chair", skip_all, fields(process_id = process_id, body_id = body_id, user_id = user_id)))]
pub async fn set_body_chair(process_id: i64, body_id: i64, user_id: i64) -> Result<(), AppError> {
    use crate::domain::access::ProcessAction;
    let me = crate::auth::ssr::require_user().await?;
    let db = &crate::state::app_state()?.db;
    crate::process::ssr::require(db, &me, process_id, ProcessAction::ConfigureBodies).await?;
    ssr::set_chair(db, &me, process_id, body_id, user_id).await?;
    leptos_axum::redirect(&format!("/prozesse/{process_id}/verabschiedung"));
    Ok(())
}

/// Sets whether the guideline is adopted as a works or service agreement (`agreement`:
/// `betriebsvereinbarung`, `dienstvereinbarung` or empty). Coordinators only, not while a
/// proposal is open.
#[server(prefix = "/api", endpoint = "set_agreement")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "set_agreement", skip_all, fields(process_id = process_id)))]
pub async fn set_agreement(process_id: i64, agreement: String) -> Result<(), AppError> {
    use crate::domain::access::ProcessAction;
    let me = crate::auth::ssr::require_user().await?;
    let db = &crate::state::app_state()?.db;
    crate::process::ssr::require(db, &me, process_id, ProcessAction::ConfigureBodies).await?;
    ssr::set_agreement(db, &me, process_id, agreement.trim()).await?;
    leptos_axum::redirect(&format!("/prozesse/{process_id}/verabschiedung"));
    Ok(())
}

/// A management member approves (`approve` = "ja") or rejects with a reason. Members of that
/// body, while the proposal is open.
#[server(prefix = "/api", endpoint = "confirm_as_member")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "confirm_as_member", skip_all, fields(process_id = process_id, body_id = body_id)))]
pub async fn confirm_as_member(
    process_id: i64,
    body_id: i64,
    approve: String,
    reason: Option<String>,
) -> Result<(), AppError> {
    use crate::domain::access::ProcessAction;
    let me = crate::auth::ssr::require_user().await?;
    let db = &crate::state::app_state()?.db;
    crate::process::ssr::require(db, &me, process_id, ProcessAction::RecordDecision).await?;
    ssr::require_any_body(db, process_id, me.id).await?;
    let approve = match approve.trim() {
        "ja" => true,
        "nein" => false,
        _ => return Err(AppError::BadRequest),
    };
    ssr::confirm_as_member(db, &me, process_id, body_id, approve, reason.as_deref()).await?;
    leptos_axum::redirect(&format!("/prozesse/{process_id}/verabschiedung"));
    Ok(())
}

/// Enters a works council's resolution from its minutes. Members of that body, while the
/// proposal is open; refused without quorum. `remote_ok` confirms the conditions of § 30 (2)
/// BetrVG for a video or telephone meeting.
#[server(prefix = "/api", endpoint = "record_resolution")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "record_resolution", skip_all, fields(process_id = process_id, body_id = body_id)))]
pub async fn record_resolution(
    process_id: i64,
    body_id: i64,
    meeting_date: String,
    meeting_form: String,
    remote_ok: Option<String>,
    present: String,
    yes: String,
    no: String,
    abstain: String,
    wording: String,
    minutes_ref: String,
) -> Result<i64, AppError> {
    use crate::domain::access::ProcessAction;
    use crate::domain::codetermination::MeetingForm;
    let me = crate::auth::ssr::require_user().await?;
    let db = &crate::state::app_state()?.db;
    crate::process::ssr::require(db, &me, process_id, ProcessAction::RecordDecision).await?;
    ssr::require_any_body(db, process_id, me.id).await?;
    let count = |value: &str, what: &str| -> Result<u32, AppError> {
        value
            .trim()
            .parse()
            .map_err(|_| AppError::Invalid(format!("Bitte geben Sie {what} als ganze Zahl an.")))
    };
    let input = ssr::ResolutionInput {
        meeting_date,
        meeting_form: MeetingForm::parse(&meeting_form).map_err(AppError::invalid)?,
        remote_ok: remote_ok.is_some(),
        present: count(&present, "die Zahl der teilnehmenden Mitglieder")?,
        yes: count(&yes, "die Ja-Stimmen")?,
        no: count(&no, "die Nein-Stimmen")?,
        abstain: count(&abstain, "die Enthaltungen")?,
        wording,
        minutes_ref,
    };
    let id = ssr::record_resolution(db, &me, process_id, body_id, input).await?;
    leptos_axum::redirect(&format!("/prozesse/{process_id}/verabschiedung"));
    Ok(id)
}

/// Confirms a resolution's minutes, as the chair (`as_chair` = "ja") or as a further member.
/// Members of that body; two separate accounts make it the body's decision.
#[server(prefix = "/api", endpoint = "confirm_minutes")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "confirm_minutes", skip_all, fields(process_id = process_id, resolution_id = resolution_id)))]
pub async fn confirm_minutes(
    process_id: i64,
    resolution_id: i64,
    as_chair: String,
) -> Result<(), AppError> {
    use crate::domain::access::ProcessAction;
    let me = crate::auth::ssr::require_user().await?;
    let db = &crate::state::app_state()?.db;
    crate::process::ssr::require(db, &me, process_id, ProcessAction::RecordDecision).await?;
    ssr::require_any_body(db, process_id, me.id).await?;
    ssr::confirm_minutes(db, &me, process_id, resolution_id, as_chair.trim() == "ja").await?;
    leptos_axum::redirect(&format!("/prozesse/{process_id}/verabschiedung"));
    Ok(())
}

/// Records that the employer asked a MAV for its approval: the day the MAV received the request
/// starts the deadline. Coordinators only, while the proposal is open.
#[server(prefix = "/api", endpoint = "request_approval")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "request_approval", skip_all, fields(process_id = process_id, body_id = body_id)))]
pub async fn request_approval(
    process_id: i64,
    body_id: i64,
    received_on: String,
) -> Result<(), AppError> {
    use crate::domain::access::ProcessAction;
    let me = crate::auth::ssr::require_user().await?;
    let db = &crate::state::app_state()?.db;
    crate::process::ssr::require(db, &me, process_id, ProcessAction::ConfigureBodies).await?;
    ssr::request_approval(db, &me, process_id, body_id, &received_on).await?;
    leptos_axum::redirect(&format!("/prozesse/{process_id}/verabschiedung"));
    Ok(())
}

/// Extends a MAV's deadline once, on its request, with the reason. Coordinators only.
#[server(prefix = "/api", endpoint = "extend_deadline")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "extend_deadline", skip_all, fields(process_id = process_id, request_id = request_id)))]
pub async fn extend_deadline(
    process_id: i64,
    request_id: i64,
    reason: String,
) -> Result<(), AppError> {
    use crate::domain::access::ProcessAction;
    let me = crate::auth::ssr::require_user().await?;
    let db = &crate::state::app_state()?.db;
    crate::process::ssr::require(db, &me, process_id, ProcessAction::ConfigureBodies).await?;
    ssr::extend_deadline(db, &me, process_id, request_id, &reason).await?;
    leptos_axum::redirect(&format!("/prozesse/{process_id}/verabschiedung"));
    Ok(())
}

/// The MAV's answer: approval (`approve` = "ja"), or a refusal (MVG-EKD) / objections (MAVO)
/// in writing with reasons. Members of that body, before the deadline has passed.
#[server(prefix = "/api", endpoint = "answer_request")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "answer_request", skip_all, fields(process_id = process_id, request_id = request_id)))]
pub async fn answer_request(
    process_id: i64,
    request_id: i64,
    approve: String,
    reasons: Option<String>,
) -> Result<(), AppError> {
    use crate::domain::access::ProcessAction;
    let me = crate::auth::ssr::require_user().await?;
    let db = &crate::state::app_state()?.db;
    crate::process::ssr::require(db, &me, process_id, ProcessAction::RecordDecision).await?;
    ssr::require_any_body(db, process_id, me.id).await?;
    let approve = match approve.trim() {
        "ja" => true,
        "nein" => false,
        _ => return Err(AppError::BadRequest),
    };
    ssr::answer_request(db, &me, process_id, request_id, approve, reasons.as_deref()).await?;
    leptos_axum::redirect(&format!("/prozesse/{process_id}/verabschiedung"));
    Ok(())
}

/// Confirms the works or service agreement on the frozen text, for the employer (`side` =
/// `employer`: members of a management body) or the council (`council`: the chair of a works
/// council or MAV).
#[server(prefix = "/api", endpoint = "sign_agreement")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "sign_agreement", skip_all, fields(process_id = process_id)))]
pub async fn sign_agreement(process_id: i64, side: String) -> Result<(), AppError> {
    use crate::domain::access::ProcessAction;
    let me = crate::auth::ssr::require_user().await?;
    let db = &crate::state::app_state()?.db;
    crate::process::ssr::require(db, &me, process_id, ProcessAction::RecordDecision).await?;
    ssr::require_any_body(db, process_id, me.id).await?;
    let employer = match side.trim() {
        "employer" => true,
        "council" => false,
        _ => return Err(AppError::BadRequest),
    };
    ssr::sign_agreement(db, &me, process_id, employer).await?;
    leptos_axum::redirect(&format!("/prozesse/{process_id}/verabschiedung"));
    Ok(())
}

/// Marks a section (by its heading's anchor in the latest version) as subject to
/// co-determination, with the legal basis. Project group only.
#[server(prefix = "/api", endpoint = "mark_section")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "mark_section", skip_all, fields(process_id = process_id)))]
pub async fn mark_section(process_id: i64, anchor: String, basis: String) -> Result<(), AppError> {
    use crate::domain::access::ProcessAction;
    let me = crate::auth::ssr::require_user().await?;
    let db = &crate::state::app_state()?.db;
    crate::process::ssr::require(db, &me, process_id, ProcessAction::MarkCodetermination).await?;
    ssr::mark_section(db, &me, process_id, anchor.trim(), &basis).await?;
    leptos_axum::redirect(&format!("/prozesse/{process_id}/verabschiedung"));
    Ok(())
}

/// Removes a section's mark. Project group only.
#[server(prefix = "/api", endpoint = "unmark_section")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "unmark_section", skip_all, fields(process_id = process_id)))]
pub async fn unmark_section(process_id: i64, anchor: String) -> Result<(), AppError> {
    use crate::domain::access::ProcessAction;
    let me = crate::auth::ssr::require_user().await?;
    let db = &crate::state::app_state()?.db;
    crate::process::ssr::require(db, &me, process_id, ProcessAction::MarkCodetermination).await?;
    ssr::unmark_section(db, &me, process_id, anchor.trim()).await?;
    leptos_axum::redirect(&format!("/prozesse/{process_id}/verabschiedung"));
    Ok(())
}

/// Logs what a works council or MAV was given to inform itself (`kind` = `information`) or an
/// expert it involved (`expert`). Coordinators and members of that body.
#[server(prefix = "/api", endpoint = "log_council_information")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "log_council_information", skip_all, fields(process_id = process_id, body_id = body_id)))]
pub async fn log_council_information(
    process_id: i64,
    body_id: i64,
    kind: String,
    given_on: String,
    description: String,
) -> Result<(), AppError> {
    use crate::domain::access::ProcessAction;
    let me = crate::auth::ssr::require_user().await?;
    let db = &crate::state::app_state()?.db;
    let (_, roles) = crate::process::ssr::require(db, &me, process_id, ProcessAction::View).await?;
    if !roles.coordinator {
        ssr::require_any_body(db, process_id, me.id).await?;
    }
    let expert = match kind.trim() {
        "information" => false,
        "expert" => true,
        _ => return Err(AppError::BadRequest),
    };
    let input = ssr::InformationInput {
        expert,
        given_on: &given_on,
        description: &description,
    };
    ssr::log_information(db, &me, roles, process_id, body_id, input).await?;
    leptos_axum::redirect(&format!("/prozesse/{process_id}/verabschiedung"));
    Ok(())
}
