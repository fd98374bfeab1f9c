//! Co-determination services (server only): configure a body's procedure, run it on the open
//! proposal (confirmations, resolutions and their minutes, MAV requests, answers and deadlines),
//! the agreement's confirmations and the marked sections. Every step is one transaction with its
//! audit entry; a step that completes a body's procedure stores the body's decision, and a
//! decision that completes the adoption adopts the guideline (`adoption::ssr`).

use super::{
    AgreementView, BodyProcedureView, CodeterminationView, InformationView, MarkView,
    MemberVoteView, RequestView, ResolutionView, SignatureView,
};
use crate::adoption::ssr::{
    bodies, complete_if_adopted, decisions, frozen, insert_decision, latest_proposal,
    lock_proposals, open_proposal, require_body, today, NewDecisionRow,
};
use crate::audit::ssr::record as audit;
use crate::auth::Me;
use crate::domain::access::ProcessRoles;
use crate::domain::adoption::{effective_decision, FrozenVersion, Verdict};
use crate::domain::audit::AuditAction;
use crate::domain::codetermination::{
    check_confirmation, check_statement, deadline, decide_vote, deemed_approved, extend,
    management_outcome, minutes_confirmed, ConfirmationRule, FederalState, MeetingForm,
    MinutesConfirmation, Procedure, ProcedureKind, Vote, STATEMENT_MAX,
};
use crate::domain::process::Step;
use crate::entities::codetermination::{
    AgreementColumn, InformationKind, ProcedureColumn, RuleColumn, SideColumn,
};
use crate::entities::{
    adoption_proposal, agreement_signature, approval_request, approving_body, body_member,
    codetermination_mark, council_information, council_resolution, member_confirmation, process,
    resolution_confirmation, version,
};
use crate::error::{AppError, Context};
use crate::format::{date, date_time};
use chrono::{Datelike, NaiveDate, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    IntoActiveModel, QueryFilter, QueryOrder, Set, TransactionTrait,
};
use std::collections::HashMap;

/// A refusal of the domain as the error the client sees.
fn refused(err: impl std::fmt::Display) -> AppError {
    AppError::Conflict(err.to_string())
}

/// The procedure a stored body follows, with its parameters (the law's defaults where a
/// parameter is missing).
pub fn procedure_of(body: &approving_body::Model, members: u32) -> Procedure {
    let kind = ProcedureKind::from(body.procedure);
    let days = |value: Option<i32>, default: u32| value.map_or(default, |v| v.max(0) as u32);
    match kind.with_defaults(members) {
        Procedure::Simple => Procedure::Simple,
        Procedure::Management { rule } => Procedure::Management {
            rule: body.confirmation_rule.map_or(rule, ConfirmationRule::from),
        },
        Procedure::WorksCouncil { seats } => Procedure::WorksCouncil {
            seats: days(body.seats, seats),
        },
        Procedure::MavEkd {
            deadline_days,
            extension_days,
        } => Procedure::MavEkd {
            deadline_days: days(body.deadline_days, deadline_days),
            extension_days: days(body.extension_days, extension_days),
        },
        Procedure::MavMavo {
            deadline_days,
            extension_days,
        } => Procedure::MavMavo {
            deadline_days: days(body.deadline_days, deadline_days),
            extension_days: days(body.extension_days, extension_days),
        },
    }
}

/// The members of a body.
async fn members_of(
    db: &impl ConnectionTrait,
    body_id: i64,
) -> Result<Vec<body_member::Model>, AppError> {
    body_member::Entity::find()
        .filter(body_member::Column::BodyId.eq(body_id))
        .order_by_asc(body_member::Column::AddedAt)
        .all(db)
        .await
        .context("loading a body's members")
}

/// The open proposal of a process in step 4, with its frozen version (after locking).
struct Open {
    process: process::Model,
    proposal: adoption_proposal::Model,
    frozen: FrozenVersion,
}

/// Locks the proposals and loads the open proposal, refusing outside step 4, after a return or
/// withdrawal, and when the frozen text changed.
async fn lock_open(txn: &impl ConnectionTrait, process_id: i64) -> Result<Open, AppError> {
    lock_proposals(txn, process_id).await?;
    let process = process::Entity::find_by_id(process_id)
        .one(txn)
        .await
        .context("locking the open proposal")?
        .ok_or(AppError::NotFound)?;
    if process.step != Step::Adoption {
        return Err(AppError::Conflict(
            "Über eine Version wird nur in Schritt 4 „Verabschiedung“ entschieden.".into(),
        ));
    }
    let proposal = open_proposal(txn, process_id).await?;
    if proposal.returned_at.is_some() || proposal.adopted_at.is_some() {
        return Err(AppError::Conflict(
            "Über diese Version wird nicht mehr entschieden.".into(),
        ));
    }
    let (frozen, _) = frozen(txn, &proposal).await?;
    if frozen.current_hash != frozen.frozen_hash {
        tracing::error!(process = process_id, "frozen text differs from its hash");
        return Err(AppError::Conflict(
            "Der Text der eingefrorenen Version stimmt nicht mehr mit ihrer Prüfsumme überein. Bitte wenden Sie sich an die Koordination.".into(),
        ));
    }
    Ok(Open {
        process,
        proposal,
        frozen,
    })
}

/// Whether the body already has a decision on the open proposal.
async fn has_decision(
    txn: &impl ConnectionTrait,
    open: &Open,
    body_id: i64,
) -> Result<bool, AppError> {
    let all = decisions(txn, open.proposal.id).await?;
    Ok(effective_decision(&open.frozen, &all, body_id).is_some())
}

/// A member of the body, or `Forbidden`.
async fn require_member(
    db: &impl ConnectionTrait,
    body: &approving_body::Model,
    user_id: i64,
) -> Result<body_member::Model, AppError> {
    let member = body_member::Entity::find_by_id((body.id, user_id))
        .one(db)
        .await
        .context("checking body membership")?;
    crate::domain::access::check_body_member(member.is_some()).map_err(|_| AppError::Forbidden)?;
    member.ok_or(AppError::Forbidden)
}

/// Refuses people who are members of none of the process's bodies (the member steps: confirm,
/// resolve, answer, sign), before anything is looked up.
pub async fn require_any_body(
    db: &impl ConnectionTrait,
    process_id: i64,
    user_id: i64,
) -> Result<(), AppError> {
    let ids: Vec<i64> = bodies(db, process_id).await?.iter().map(|b| b.id).collect();
    let member = body_member::Entity::find()
        .filter(body_member::Column::BodyId.is_in(ids))
        .filter(body_member::Column::UserId.eq(user_id))
        .one(db)
        .await
        .context("checking body membership")?;
    member.map(drop).ok_or(AppError::Forbidden)
}

/// A body following `kind`, or a conflict naming its procedure.
fn require_kind(
    body: &approving_body::Model,
    kinds: &[ProcedureKind],
) -> Result<ProcedureKind, AppError> {
    let kind = ProcedureKind::from(body.procedure);
    if kinds.contains(&kind) {
        Ok(kind)
    } else {
        Err(AppError::Conflict(format!(
            "Für „{}“ gilt das Verfahren „{}“.",
            body.name,
            kind.label_de()
        )))
    }
}

/// Sets a body's procedure. Refused while a proposal is open: the rules of a running decision
/// do not change.
pub async fn configure_body(
    db: &DatabaseConnection,
    me: &Me,
    process_id: i64,
    body_id: i64,
    procedure: Procedure,
) -> Result<(), AppError> {
    let txn = db.begin().await.context("configuring a body's procedure")?;
    lock_proposals(&txn, process_id).await?;
    let process = process::Entity::find_by_id(process_id)
        .one(&txn)
        .await
        .context("configuring a body's procedure")?
        .ok_or(AppError::NotFound)?;
    if process.step == Step::Adoption {
        return Err(AppError::Conflict(
            "Solange eine Version zur Verabschiedung vorliegt, bleibt das Verfahren der Gremien unverändert.".into(),
        ));
    }
    let body = require_body(&txn, process_id, body_id).await?;
    let (rule, seats, deadline_days, extension_days) = match procedure {
        Procedure::Simple => (None, None, None, None),
        Procedure::Management { rule } => (Some(RuleColumn::from(rule)), None, None, None),
        Procedure::WorksCouncil { seats } => (None, Some(seats as i32), None, None),
        Procedure::MavEkd {
            deadline_days,
            extension_days,
        }
        | Procedure::MavMavo {
            deadline_days,
            extension_days,
        } => (
            None,
            None,
            Some(deadline_days as i32),
            Some(extension_days as i32),
        ),
    };
    let mut active = body.into_active_model();
    active.procedure = Set(ProcedureColumn::from(procedure.kind()));
    active.confirmation_rule = Set(rule);
    active.seats = Set(seats);
    active.deadline_days = Set(deadline_days);
    active.extension_days = Set(extension_days);
    let body = active
        .update(&txn)
        .await
        .context("configuring a body's procedure")?;
    audit(
        &txn,
        Some(me.id),
        AuditAction::BodyProcedureSet,
        "body",
        Some(body.id),
        serde_json::json!({
            "process_id": process_id,
            "body": body.name,
            "procedure": procedure.kind().as_str(),
            "rule": rule.map(|r| ConfirmationRule::from(r).as_str()),
            "seats": seats,
            "deadline_days": deadline_days,
            "extension_days": extension_days,
            "legal_basis": procedure.legal_basis_de(),
        }),
    )
    .await?;
    txn.commit()
        .await
        .context("configuring a body's procedure")?;
    Ok(())
}

/// Makes one member the chair of a body (`user_id` 0: nobody).
pub async fn set_chair(
    db: &DatabaseConnection,
    me: &Me,
    process_id: i64,
    body_id: i64,
    user_id: i64,
) -> Result<(), AppError> {
    let body = require_body(db, process_id, body_id).await?;
    let txn = db.begin().await.context("setting a body's chair")?;
    if user_id != 0 {
        body_member::Entity::find_by_id((body.id, user_id))
            .one(&txn)
            .await
            .context("setting a body's chair")?
            .ok_or_else(|| {
                AppError::Invalid("Den Vorsitz kann nur ein Mitglied des Gremiums haben.".into())
            })?;
    }
    body_member::Entity::update_many()
        .col_expr(
            body_member::Column::Chair,
            sea_orm::sea_query::Expr::value(false),
        )
        .filter(body_member::Column::BodyId.eq(body.id))
        .exec(&txn)
        .await
        .context("setting a body's chair")?;
    if user_id != 0 {
        body_member::Entity::update_many()
            .col_expr(
                body_member::Column::Chair,
                sea_orm::sea_query::Expr::value(true),
            )
            .filter(body_member::Column::BodyId.eq(body.id))
            .filter(body_member::Column::UserId.eq(user_id))
            .exec(&txn)
            .await
            .context("setting a body's chair")?;
    }
    audit(
        &txn,
        Some(me.id),
        AuditAction::BodyChairSet,
        "body",
        Some(body.id),
        serde_json::json!({ "process_id": process_id, "body": body.name, "chair": (user_id != 0).then_some(user_id) }),
    )
    .await?;
    txn.commit().await.context("setting a body's chair")?;
    Ok(())
}

/// Sets whether the guideline is adopted as a works or service agreement.
pub async fn set_agreement(
    db: &DatabaseConnection,
    me: &Me,
    process_id: i64,
    agreement: &str,
) -> Result<(), AppError> {
    let value = match agreement {
        "" => None,
        "betriebsvereinbarung" => Some(AgreementColumn::Betriebsvereinbarung),
        "dienstvereinbarung" => Some(AgreementColumn::Dienstvereinbarung),
        _ => return Err(AppError::BadRequest),
    };
    let txn = db.begin().await.context("setting the agreement kind")?;
    lock_proposals(&txn, process_id).await?;
    let process = process::Entity::find_by_id(process_id)
        .one(&txn)
        .await
        .context("setting the agreement kind")?
        .ok_or(AppError::NotFound)?;
    if process.step == Step::Adoption {
        return Err(AppError::Conflict(
            "Solange eine Version zur Verabschiedung vorliegt, bleibt die Form der Verabschiedung unverändert.".into(),
        ));
    }
    let mut active = process.into_active_model();
    active.agreement = Set(value);
    active
        .update(&txn)
        .await
        .context("setting the agreement kind")?;
    audit(
        &txn,
        Some(me.id),
        AuditAction::AgreementSet,
        "process",
        Some(process_id),
        serde_json::json!({ "agreement": (!agreement.is_empty()).then_some(agreement) }),
    )
    .await?;
    txn.commit().await.context("setting the agreement kind")?;
    Ok(())
}

/// A management member approves or rejects; when the rule decides, the body's decision is
/// stored (and may complete the adoption).
pub async fn confirm_as_member(
    db: &DatabaseConnection,
    me: &Me,
    process_id: i64,
    body_id: i64,
    approve: bool,
    reason: Option<&str>,
) -> Result<(), AppError> {
    let body = require_body(db, process_id, body_id).await?;
    require_member(db, &body, me.id).await?;
    require_kind(&body, &[ProcedureKind::Management])?;
    let reason = if approve {
        None
    } else {
        Some(
            crate::domain::text::required(
                reason.unwrap_or_default(),
                "Grund der Ablehnung",
                STATEMENT_MAX,
            )
            .map_err(AppError::invalid)?,
        )
    };
    let txn = db
        .begin()
        .await
        .context("confirming as a management member")?;
    let open = lock_open(&txn, process_id).await?;
    if has_decision(&txn, &open, body.id).await? {
        return Err(AppError::Conflict(format!(
            "„{}“ hat bereits entschieden.",
            body.name
        )));
    }
    let inserted = member_confirmation::ActiveModel {
        proposal_id: Set(open.proposal.id),
        body_id: Set(body.id),
        user_id: Set(me.id),
        approve: Set(approve),
        reason: Set(reason.clone()),
        content_hash: Set(open.frozen.frozen_hash.clone()),
        confirmed_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(&txn)
    .await;
    if let Err(err) = inserted {
        return Err(
            if matches!(
                err.sql_err(),
                Some(sea_orm::SqlErr::UniqueConstraintViolation(_))
            ) {
                AppError::Conflict("Sie haben bereits bestätigt.".into())
            } else {
                err.into()
            },
        );
    }
    audit(
        &txn,
        Some(me.id),
        AuditAction::MemberConfirmed,
        "body",
        Some(body.id),
        serde_json::json!({
            "process_id": process_id,
            "proposal_id": open.proposal.id,
            "body": body.name,
            "approve": approve,
            "reason": reason,
            "content_hash": open.frozen.frozen_hash,
        }),
    )
    .await?;
    let members = members_of(&txn, body.id).await?.len() as u32;
    let Procedure::Management { rule } = procedure_of(&body, members) else {
        return Err(AppError::internal(
            "confirming as a member",
            "the body's procedure is not a management decision",
        ));
    };
    let votes = member_confirmation::Entity::find()
        .filter(member_confirmation::Column::ProposalId.eq(open.proposal.id))
        .filter(member_confirmation::Column::BodyId.eq(body.id))
        .all(&txn)
        .await
        .context("confirming as a management member")?;
    let approvals = votes.iter().filter(|v| v.approve).count() as u32;
    let rejections = votes.len() as u32 - approvals;
    if let Some(approved) = management_outcome(rule, members, approvals, rejections) {
        let verdict = if approved {
            Verdict::Approved
        } else {
            Verdict::Rejected(
                votes
                    .iter()
                    .filter_map(|v| v.reason.clone())
                    .collect::<Vec<_>>()
                    .join(" / "),
            )
        };
        let basis = format!(
            "{}: {approvals} von {members} Mitgliedern haben zugestimmt, {rejections} abgelehnt.",
            rule.label_de()
        );
        insert_decision(
            &txn,
            NewDecisionRow {
                process_id,
                proposal: &open.proposal,
                frozen: &open.frozen,
                body: &body,
                verdict: &verdict,
                meeting_date: today(),
                minutes_ref: "Bestätigung der Mitglieder in Mitsprache".into(),
                recorded_by: me.id,
                actor: Some(me.id),
                basis: Some(basis),
                deemed: false,
                supersedes: None,
            },
        )
        .await?;
        complete_if_adopted(&txn, process_id, me.id).await?;
    }
    txn.commit()
        .await
        .context("confirming as a management member")?;
    Ok(())
}

/// A resolution as entered from the minutes.
pub struct ResolutionInput {
    /// Meeting date (`2026-11-21` or `21.11.2026`).
    pub meeting_date: String,
    /// In person or remote.
    pub meeting_form: MeetingForm,
    /// The conditions of § 30 (2) BetrVG were met (remote meetings).
    pub remote_ok: bool,
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
}

/// Reads a date typed in German or given by a date field.
fn parse_date(value: &str) -> Result<NaiveDate, AppError> {
    let value = value.trim();
    NaiveDate::parse_from_str(value, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(value, "%d.%m.%Y"))
        .map_err(|_| {
            AppError::Invalid("Bitte geben Sie ein gültiges Datum an (z. B. 21.11.2026).".into())
        })
}

/// Enters a works council's resolution; refused without quorum (the message says why).
pub async fn record_resolution(
    db: &DatabaseConnection,
    me: &Me,
    process_id: i64,
    body_id: i64,
    input: ResolutionInput,
) -> Result<i64, AppError> {
    let body = require_body(db, process_id, body_id).await?;
    require_member(db, &body, me.id).await?;
    require_kind(&body, &[ProcedureKind::WorksCouncil])?;
    let meeting_date = parse_date(&input.meeting_date)?;
    if meeting_date > today() {
        return Err(AppError::Invalid(
            "Das Datum der Sitzung liegt in der Zukunft.".into(),
        ));
    }
    if input.meeting_form == MeetingForm::Remote && !input.remote_ok {
        return Err(AppError::invalid(
            crate::domain::codetermination::CodeterminationError::RemoteConditionsNotConfirmed,
        ));
    }
    let wording =
        crate::domain::text::required(&input.wording, "Wortlaut des Beschlusses", STATEMENT_MAX)
            .map_err(AppError::invalid)?;
    let minutes_ref = crate::domain::text::required(
        &input.minutes_ref,
        "Protokollverweis",
        crate::domain::adoption::MINUTES_REF_MAX,
    )
    .map_err(AppError::invalid)?;
    let members = members_of(db, body.id).await?.len() as u32;
    let Procedure::WorksCouncil { seats } = procedure_of(&body, members) else {
        return Err(AppError::internal(
            "recording a resolution",
            "the body's procedure is not a works council vote",
        ));
    };
    let outcome = decide_vote(Vote {
        seats,
        present: input.present,
        yes: input.yes,
        no: input.no,
        abstain: input.abstain,
    })
    .map_err(AppError::invalid)?;
    let txn = db.begin().await.context("recording a resolution")?;
    let open = lock_open(&txn, process_id).await?;
    let row = council_resolution::ActiveModel {
        proposal_id: Set(open.proposal.id),
        body_id: Set(body.id),
        content_hash: Set(open.frozen.frozen_hash.clone()),
        meeting_date: Set(meeting_date),
        meeting_form: Set(input.meeting_form.into()),
        seats: Set(seats as i32),
        present: Set(input.present as i32),
        yes: Set(input.yes as i32),
        no: Set(input.no as i32),
        abstain: Set(input.abstain as i32),
        wording: Set(wording.clone()),
        minutes_ref: Set(minutes_ref.clone()),
        explanation: Set(outcome.explanation.clone()),
        approved: Set(outcome.approved),
        recorded_by: Set(me.id),
        recorded_at: Set(Utc::now()),
        decision_id: Set(None),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .context("recording a resolution")?;
    audit(
        &txn,
        Some(me.id),
        AuditAction::ResolutionRecorded,
        "resolution",
        Some(row.id),
        serde_json::json!({
            "process_id": process_id,
            "proposal_id": open.proposal.id,
            "body": body.name,
            "meeting_date": meeting_date.to_string(),
            "meeting_form": input.meeting_form.as_str(),
            "seats": seats,
            "present": input.present,
            "yes": input.yes,
            "no": input.no,
            "abstain": input.abstain,
            "approved": outcome.approved,
            "wording": wording,
            "minutes_ref": minutes_ref,
            "content_hash": open.frozen.frozen_hash,
        }),
    )
    .await?;
    txn.commit().await.context("recording a resolution")?;
    Ok(row.id)
}

/// Confirms a resolution's minutes; the second confirmation (chair and a further member) makes
/// the resolution the body's decision (superseding an earlier one) and may complete the adoption.
pub async fn confirm_minutes(
    db: &DatabaseConnection,
    me: &Me,
    process_id: i64,
    resolution_id: i64,
    as_chair: bool,
) -> Result<(), AppError> {
    let resolution = council_resolution::Entity::find_by_id(resolution_id)
        .one(db)
        .await
        .context("confirming a resolution's minutes")?
        .ok_or(AppError::NotFound)?;
    let body = require_body(db, process_id, resolution.body_id).await?;
    let member = require_member(db, &body, me.id).await?;
    let txn = db
        .begin()
        .await
        .context("confirming a resolution's minutes")?;
    let open = lock_open(&txn, process_id).await?;
    if resolution.proposal_id != open.proposal.id {
        return Err(AppError::Conflict(
            "Dieser Beschluss betrifft eine frühere Version.".into(),
        ));
    }
    let resolution = council_resolution::Entity::find_by_id(resolution_id)
        .one(&txn)
        .await
        .context("confirming a resolution's minutes")?
        .ok_or(AppError::NotFound)?;
    if resolution.decision_id.is_some() {
        return Err(AppError::Conflict(
            "Die Niederschrift dieses Beschlusses ist bereits bestätigt.".into(),
        ));
    }
    let existing: Vec<MinutesConfirmation> = resolution_confirmation::Entity::find()
        .filter(resolution_confirmation::Column::ResolutionId.eq(resolution.id))
        .all(&txn)
        .await
        .context("confirming a resolution's minutes")?
        .into_iter()
        .map(|c| MinutesConfirmation {
            user_id: c.user_id,
            as_chair: c.as_chair,
        })
        .collect();
    let new = MinutesConfirmation {
        user_id: me.id,
        as_chair,
    };
    check_confirmation(&existing, new, member.chair).map_err(|err| match err {
        crate::domain::codetermination::CodeterminationError::NotChair => AppError::Forbidden,
        other => refused(other),
    })?;
    resolution_confirmation::ActiveModel {
        resolution_id: Set(resolution.id),
        user_id: Set(me.id),
        as_chair: Set(as_chair),
        confirmed_at: Set(Utc::now()),
    }
    .insert(&txn)
    .await
    .context("confirming a resolution's minutes")?;
    audit(
        &txn,
        Some(me.id),
        AuditAction::MinutesConfirmed,
        "resolution",
        Some(resolution.id),
        serde_json::json!({
            "process_id": process_id,
            "body": body.name,
            "as_chair": as_chair,
            "content_hash": resolution.content_hash,
        }),
    )
    .await?;
    let mut all = existing;
    all.push(new);
    if minutes_confirmed(&all) {
        let previous = {
            let decisions = decisions(&txn, open.proposal.id).await?;
            effective_decision(&open.frozen, &decisions, body.id).map(|d| d.id)
        };
        let verdict = if resolution.approved {
            Verdict::Approved
        } else {
            Verdict::Rejected(format!(
                "Beschluss des Betriebsrats: {}",
                resolution.explanation
            ))
        };
        let decision = insert_decision(
            &txn,
            NewDecisionRow {
                process_id,
                proposal: &open.proposal,
                frozen: &open.frozen,
                body: &body,
                verdict: &verdict,
                meeting_date: resolution.meeting_date,
                minutes_ref: resolution.minutes_ref.clone(),
                recorded_by: resolution.recorded_by,
                actor: Some(me.id),
                basis: Some(format!(
                    "§ 33 BetrVG: {} Niederschrift bestätigt von Vorsitz und einem weiteren Mitglied (§ 34 BetrVG).",
                    resolution.explanation
                )),
                deemed: false,
                supersedes: previous,
            },
        )
        .await?;
        let mut active = resolution.into_active_model();
        active.decision_id = Set(Some(decision.id));
        active
            .update(&txn)
            .await
            .context("confirming a resolution's minutes")?;
        complete_if_adopted(&txn, process_id, me.id).await?;
    }
    txn.commit()
        .await
        .context("confirming a resolution's minutes")?;
    Ok(())
}

/// Records the employer's request to a MAV; the deadline is counted from the day of receipt.
pub async fn request_approval(
    db: &DatabaseConnection,
    me: &Me,
    process_id: i64,
    body_id: i64,
    received_on: &str,
) -> Result<(), AppError> {
    let body = require_body(db, process_id, body_id).await?;
    require_kind(&body, &[ProcedureKind::MavEkd, ProcedureKind::MavMavo])?;
    let received_on = parse_date(received_on)?;
    if received_on > today() {
        return Err(AppError::Invalid(
            "Der Tag des Eingangs bei der Mitarbeitervertretung liegt in der Zukunft.".into(),
        ));
    }
    let state = federal_state()?;
    let members = members_of(db, body.id).await?.len() as u32;
    let deadline_days = match procedure_of(&body, members) {
        Procedure::MavEkd { deadline_days, .. } | Procedure::MavMavo { deadline_days, .. } => {
            deadline_days
        }
        _ => {
            return Err(AppError::internal(
                "requesting an approval",
                "the body's procedure has no approval deadline",
            ))
        }
    };
    let last_day = deadline(received_on, deadline_days, state);
    let txn = db.begin().await.context("requesting an approval")?;
    let open = lock_open(&txn, process_id).await?;
    let inserted = approval_request::ActiveModel {
        proposal_id: Set(open.proposal.id),
        body_id: Set(body.id),
        content_hash: Set(open.frozen.frozen_hash.clone()),
        received_on: Set(received_on),
        last_day: Set(last_day),
        extension_reason: Set(None),
        requested_by: Set(me.id),
        requested_at: Set(Utc::now()),
        decision_id: Set(None),
        ..Default::default()
    }
    .insert(&txn)
    .await;
    let request = match inserted {
        Ok(row) => row,
        Err(err)
            if matches!(
                err.sql_err(),
                Some(sea_orm::SqlErr::UniqueConstraintViolation(_))
            ) =>
        {
            return Err(AppError::Conflict(format!(
                "Die Zustimmung von „{}“ zu dieser Version ist bereits beantragt.",
                body.name
            )))
        }
        Err(err) => return Err(err.into()),
    };
    audit(
        &txn,
        Some(me.id),
        AuditAction::ApprovalRequested,
        "approval_request",
        Some(request.id),
        serde_json::json!({
            "process_id": process_id,
            "proposal_id": open.proposal.id,
            "body": body.name,
            "received_on": received_on.to_string(),
            "last_day": last_day.to_string(),
            "deadline_days": deadline_days,
            "federal_state": state.map(FederalState::name_de),
            "content_hash": open.frozen.frozen_hash,
        }),
    )
    .await?;
    txn.commit().await.context("requesting an approval")?;
    // A request entered late (received weeks ago) may already have run out.
    settle_deadlines(db, today(), state).await?;
    Ok(())
}

/// Extends a MAV's deadline once by the body's extension days, counted from its last day.
pub async fn extend_deadline(
    db: &DatabaseConnection,
    me: &Me,
    process_id: i64,
    request_id: i64,
    reason: &str,
) -> Result<(), AppError> {
    let reason = crate::domain::text::required(reason, "Grund der Verlängerung", 1_000)
        .map_err(AppError::invalid)?;
    let state = federal_state()?;
    let txn = db.begin().await.context("extending an approval deadline")?;
    let open = lock_open(&txn, process_id).await?;
    let request = approval_request::Entity::find_by_id(request_id)
        .one(&txn)
        .await
        .context("extending an approval deadline")?
        .filter(|r| r.proposal_id == open.proposal.id)
        .ok_or(AppError::NotFound)?;
    if request.decision_id.is_some() || deemed_approved(request.last_day, today()) {
        return Err(AppError::Conflict(
            "Die Frist ist abgelaufen oder die Mitarbeitervertretung hat geantwortet; sie kann nicht mehr verlängert werden.".into(),
        ));
    }
    if request.extension_reason.is_some() {
        return Err(AppError::Conflict(
            "Die Frist wurde bereits einmal verlängert.".into(),
        ));
    }
    let body = require_body(&txn, process_id, request.body_id).await?;
    let members = members_of(&txn, body.id).await?.len() as u32;
    let extension_days = match procedure_of(&body, members) {
        Procedure::MavEkd { extension_days, .. } | Procedure::MavMavo { extension_days, .. } => {
            extension_days
        }
        _ => {
            return Err(AppError::internal(
                "extending a deadline",
                "the body's procedure has no deadline extension",
            ))
        }
    };
    let previous = request.last_day;
    let last_day = extend(previous, extension_days, state);
    let mut active = request.into_active_model();
    active.last_day = Set(last_day);
    active.extension_reason = Set(Some(reason.clone()));
    let request = active
        .update(&txn)
        .await
        .context("extending an approval deadline")?;
    audit(
        &txn,
        Some(me.id),
        AuditAction::DeadlineExtended,
        "approval_request",
        Some(request.id),
        serde_json::json!({
            "process_id": process_id,
            "body": body.name,
            "previous_last_day": previous.to_string(),
            "last_day": last_day.to_string(),
            "reason": reason,
        }),
    )
    .await?;
    txn.commit()
        .await
        .context("extending an approval deadline")?;
    Ok(())
}

/// The MAV answers: approval, or a refusal (MVG-EKD) / objections (MAVO) with reasons. Refused
/// once the deadline has passed: then silence has already approved.
pub async fn answer_request(
    db: &DatabaseConnection,
    me: &Me,
    process_id: i64,
    request_id: i64,
    approve: bool,
    reasons: Option<&str>,
) -> Result<(), AppError> {
    let txn = db.begin().await.context("answering an approval request")?;
    let open = lock_open(&txn, process_id).await?;
    let request = approval_request::Entity::find_by_id(request_id)
        .one(&txn)
        .await
        .context("answering an approval request")?
        .filter(|r| r.proposal_id == open.proposal.id)
        .ok_or(AppError::NotFound)?;
    let body = require_body(&txn, process_id, request.body_id).await?;
    require_member(&txn, &body, me.id).await?;
    let kind = require_kind(&body, &[ProcedureKind::MavEkd, ProcedureKind::MavMavo])?;
    if request.decision_id.is_some() {
        return Err(AppError::Conflict(
            "Die Mitarbeitervertretung hat bereits geantwortet.".into(),
        ));
    }
    if deemed_approved(request.last_day, today()) {
        return Err(AppError::Conflict(format!(
            "Die Frist ist am {} abgelaufen; die Zustimmung gilt als erteilt.",
            date(request.last_day)
        )));
    }
    let (verdict, basis) = if approve {
        (
            Verdict::Approved,
            format!(
                "{}: Zustimmung innerhalb der Frist (bis {}).",
                law(kind),
                date(request.last_day)
            ),
        )
    } else {
        let reasons = check_statement(reasons.unwrap_or_default()).map_err(AppError::invalid)?;
        let label = if kind == ProcedureKind::MavMavo {
            "Einwendungen der Mitarbeitervertretung"
        } else {
            "Zustimmung verweigert"
        };
        (
            Verdict::Rejected(format!("{label}: {reasons}")),
            format!(
                "{}: {label} schriftlich mit Gründen innerhalb der Frist (bis {}).",
                law(kind),
                date(request.last_day)
            ),
        )
    };
    let decision = insert_decision(
        &txn,
        NewDecisionRow {
            process_id,
            proposal: &open.proposal,
            frozen: &open.frozen,
            body: &body,
            verdict: &verdict,
            meeting_date: today(),
            minutes_ref: "Schriftliche Antwort in Mitsprache".into(),
            recorded_by: me.id,
            actor: Some(me.id),
            basis: Some(basis),
            deemed: false,
            supersedes: None,
        },
    )
    .await?;
    let request_id = request.id;
    let mut active = request.into_active_model();
    active.decision_id = Set(Some(decision.id));
    active
        .update(&txn)
        .await
        .context("answering an approval request")?;
    audit(
        &txn,
        Some(me.id),
        AuditAction::RequestAnswered,
        "approval_request",
        Some(request_id),
        serde_json::json!({
            "process_id": process_id,
            "body": body.name,
            "approve": approve,
            "decision_id": decision.id,
        }),
    )
    .await?;
    complete_if_adopted(&txn, process_id, me.id).await?;
    txn.commit()
        .await
        .context("answering an approval request")?;
    Ok(())
}

/// The law a MAV procedure follows, for texts.
fn law(kind: ProcedureKind) -> &'static str {
    match kind {
        ProcedureKind::MavMavo => "§ 33 MAVO",
        _ => "§ 38 MVG-EKD",
    }
}

/// Records the deemed approval of every MAV whose deadline has passed without an answer (the
/// background task calls this at start and then regularly; it is idempotent, so several app
/// instances may run it). Returns how many it recorded.
pub async fn settle_deadlines(
    db: &DatabaseConnection,
    today: NaiveDate,
    state: Option<FederalState>,
) -> Result<u32, AppError> {
    let due = approval_request::Entity::find()
        .filter(approval_request::Column::DecisionId.is_null())
        .filter(approval_request::Column::LastDay.lt(today))
        .all(db)
        .await
        .context("settling passed approval deadlines")?;
    let mut settled = 0;
    for request in due {
        let proposal = adoption_proposal::Entity::find_by_id(request.proposal_id)
            .one(db)
            .await
            .context("settling overdue approval requests: loading the proposal")?
            .context("settling overdue approval requests: the proposal is missing")?;
        if settle_one(db, proposal.process_id, request.id, today, state).await? {
            settled += 1;
        }
    }
    Ok(settled)
}

/// Records one deemed approval, re-checking everything under the proposals' lock.
async fn settle_one(
    db: &DatabaseConnection,
    process_id: i64,
    request_id: i64,
    today: NaiveDate,
    state: Option<FederalState>,
) -> Result<bool, AppError> {
    let txn = db
        .begin()
        .await
        .context("settling a passed approval deadline")?;
    let Ok(open) = lock_open(&txn, process_id).await else {
        // The proposal was returned, withdrawn or adopted meanwhile: nothing to deem.
        return Ok(false);
    };
    let Some(request) = approval_request::Entity::find_by_id(request_id)
        .one(&txn)
        .await
        .context("settling a passed approval deadline")?
        .filter(|r| r.decision_id.is_none() && r.proposal_id == open.proposal.id)
    else {
        return Ok(false);
    };
    if !deemed_approved(request.last_day, today) {
        return Ok(false);
    }
    let body = require_body(&txn, process_id, request.body_id).await?;
    let kind = ProcedureKind::from(body.procedure);
    let what = if kind == ProcedureKind::MavMavo {
        "Keine Einwendungen bis zum Fristende – die Zustimmung gilt als erteilt"
    } else {
        "Keine schriftliche Verweigerung mit Gründen bis zum Fristende – die Maßnahme gilt als gebilligt"
    };
    let basis = format!(
        "{}: Antrag eingegangen am {}, Frist bis {}{}. {what}.",
        law(kind),
        date(request.received_on),
        date(request.last_day),
        state.map_or_else(
            || " (Feiertage: bundesweit)".to_owned(),
            |s| format!(" (Feiertage: {})", s.name_de())
        ),
    );
    let decision = insert_decision(
        &txn,
        NewDecisionRow {
            process_id,
            proposal: &open.proposal,
            frozen: &open.frozen,
            body: &body,
            verdict: &Verdict::Approved,
            meeting_date: request.last_day,
            minutes_ref: "Fristablauf".into(),
            recorded_by: request.requested_by,
            actor: None,
            basis: Some(basis.clone()),
            deemed: true,
            supersedes: None,
        },
    )
    .await?;
    let requested_by = request.requested_by;
    let mut active = request.into_active_model();
    active.decision_id = Set(Some(decision.id));
    let request = active
        .update(&txn)
        .await
        .context("settling a passed approval deadline")?;
    audit(
        &txn,
        None,
        AuditAction::DeemedApproval,
        "approval_request",
        Some(request.id),
        serde_json::json!({
            "process_id": process_id,
            "body": body.name,
            "last_day": request.last_day.to_string(),
            "decision_id": decision.id,
            "rule": basis,
        }),
    )
    .await?;
    // Notifying both sides belongs here once notifications exist (the mail issue).
    complete_if_adopted(&txn, process_id, requested_by).await?;
    txn.commit()
        .await
        .context("settling a passed approval deadline")?;
    Ok(true)
}

/// The organisation's federal state from the app's settings.
fn federal_state() -> Result<Option<FederalState>, AppError> {
    Ok(crate::state::app_state()?.config.federal_state)
}

/// Whether both sides confirmed the agreement on the proposal's frozen hash.
pub async fn agreement_signed(
    db: &impl ConnectionTrait,
    proposal: &adoption_proposal::Model,
) -> Result<bool, AppError> {
    let signatures = agreement_signature::Entity::find()
        .filter(agreement_signature::Column::ProposalId.eq(proposal.id))
        .filter(agreement_signature::Column::ContentHash.eq(proposal.frozen_hash.clone()))
        .all(db)
        .await
        .context("checking the agreement's signatures")?;
    let side = |s: SideColumn| signatures.iter().any(|x| x.side == s);
    Ok(side(SideColumn::Employer) && side(SideColumn::Council))
}

/// What entitles a person to confirm for a side: for the employer, membership of a management
/// body; for the council, the chair of a works council or MAV. Returns the role text.
async fn signing_role(
    db: &impl ConnectionTrait,
    process_id: i64,
    user_id: i64,
    employer: bool,
) -> Result<Option<String>, AppError> {
    for body in bodies(db, process_id).await? {
        let Some(member) = body_member::Entity::find_by_id((body.id, user_id))
            .one(db)
            .await
            .context("checking who may sign the agreement")?
        else {
            continue;
        };
        let kind = ProcedureKind::from(body.procedure);
        if employer && kind == ProcedureKind::Management {
            return Ok(Some(body.name));
        }
        let council = matches!(
            kind,
            ProcedureKind::WorksCouncil | ProcedureKind::MavEkd | ProcedureKind::MavMavo
        );
        if !employer && council && member.chair {
            return Ok(Some(format!("Vorsitz {}", body.name)));
        }
    }
    Ok(None)
}

/// One side confirms the agreement on the frozen text; both confirmations may complete the
/// adoption.
pub async fn sign_agreement(
    db: &DatabaseConnection,
    me: &Me,
    process_id: i64,
    employer: bool,
) -> Result<(), AppError> {
    let txn = db.begin().await.context("signing the agreement")?;
    let open = lock_open(&txn, process_id).await?;
    if open.process.agreement.is_none() {
        return Err(AppError::Conflict(
            "Diese Leitlinie wird nicht als Betriebs- oder Dienstvereinbarung verabschiedet."
                .into(),
        ));
    }
    let role = signing_role(&txn, process_id, me.id, employer)
        .await?
        .ok_or(AppError::Forbidden)?;
    let side = if employer {
        SideColumn::Employer
    } else {
        SideColumn::Council
    };
    let inserted = agreement_signature::ActiveModel {
        proposal_id: Set(open.proposal.id),
        side: Set(side),
        user_id: Set(me.id),
        role_text: Set(role.clone()),
        content_hash: Set(open.frozen.frozen_hash.clone()),
        signed_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(&txn)
    .await;
    let signature = match inserted {
        Ok(row) => row,
        Err(err)
            if matches!(
                err.sql_err(),
                Some(sea_orm::SqlErr::UniqueConstraintViolation(_))
            ) =>
        {
            return Err(AppError::Conflict("Sie haben bereits bestätigt.".into()))
        }
        Err(err) => return Err(err.into()),
    };
    audit(
        &txn,
        Some(me.id),
        AuditAction::AgreementSigned,
        "proposal",
        Some(open.proposal.id),
        serde_json::json!({
            "process_id": process_id,
            "side": if employer { "employer" } else { "council" },
            "role": role,
            "content_hash": signature.content_hash,
        }),
    )
    .await?;
    complete_if_adopted(&txn, process_id, me.id).await?;
    txn.commit().await.context("signing the agreement")?;
    Ok(())
}

/// An entry of what a council was given, as the form sends it.
pub struct InformationInput<'a> {
    /// An expert involved (else information handed over).
    pub expert: bool,
    /// When (`2026-11-12` or `12.11.2026`).
    pub given_on: &'a str,
    /// What, or who on what.
    pub description: &'a str,
}

/// Logs information handed to a council (or an expert it involved).
pub async fn log_information(
    db: &DatabaseConnection,
    me: &Me,
    roles: ProcessRoles,
    process_id: i64,
    body_id: i64,
    input: InformationInput<'_>,
) -> Result<(), AppError> {
    let InformationInput {
        expert,
        given_on,
        description,
    } = input;
    let body = require_body(db, process_id, body_id).await?;
    if !roles.coordinator {
        require_member(db, &body, me.id).await?;
    }
    require_kind(
        &body,
        &[
            ProcedureKind::WorksCouncil,
            ProcedureKind::MavEkd,
            ProcedureKind::MavMavo,
        ],
    )?;
    let given_on = parse_date(given_on)?;
    if given_on > today() {
        return Err(AppError::Invalid("Das Datum liegt in der Zukunft.".into()));
    }
    let description = crate::domain::text::required(description, "Beschreibung", 2_000)
        .map_err(AppError::invalid)?;
    let kind = if expert {
        InformationKind::Expert
    } else {
        InformationKind::Information
    };
    let txn = db.begin().await.context("logging a council information")?;
    let row = council_information::ActiveModel {
        process_id: Set(process_id),
        body_id: Set(body.id),
        kind: Set(kind),
        given_on: Set(given_on),
        description: Set(description.clone()),
        recorded_by: Set(me.id),
        recorded_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .context("logging a council information")?;
    audit(
        &txn,
        Some(me.id),
        AuditAction::CouncilInformed,
        "body",
        Some(body.id),
        serde_json::json!({
            "process_id": process_id,
            "body": body.name,
            "kind": if expert { "expert" } else { "information" },
            "given_on": given_on.to_string(),
            "description": description,
            "entry": row.id,
        }),
    )
    .await?;
    txn.commit()
        .await
        .context("logging a council information")?;
    Ok(())
}

/// The German label of an information entry.
fn information_label(kind: InformationKind, procedure: ProcedureKind) -> &'static str {
    match (kind, procedure) {
        (InformationKind::Information, ProcedureKind::WorksCouncil) => {
            "Unterrichtung (§ 80 Abs. 2 BetrVG)"
        }
        (InformationKind::Expert, ProcedureKind::WorksCouncil) => {
            "Sachverständige hinzugezogen (§ 80 Abs. 3 BetrVG)"
        }
        (InformationKind::Information, _) => "Unterrichtung",
        (InformationKind::Expert, _) => "Sachverständige hinzugezogen",
    }
}

/// The headings (anchor, title) of a process's latest version.
async fn headings(
    db: &impl ConnectionTrait,
    process_id: i64,
) -> Result<Vec<(String, String)>, AppError> {
    let latest = version::Entity::find()
        .filter(version::Column::ProcessId.eq(process_id))
        .order_by_desc(version::Column::Number)
        .one(db)
        .await
        .context("loading the section headings")?;
    // The sections as `split_sections` cuts them (headings of level 1 and 2), so a mark's text
    // can be compared between versions.
    Ok(latest
        .map(|v| {
            crate::domain::markdown::split_sections(&v.body)
                .into_iter()
                .map(|s| (s.anchor, s.title))
                .collect()
        })
        .unwrap_or_default())
}

/// Marks a section of the latest version as subject to co-determination.
pub async fn mark_section(
    db: &DatabaseConnection,
    me: &Me,
    process_id: i64,
    anchor: &str,
    basis: &str,
) -> Result<(), AppError> {
    let basis =
        crate::domain::text::required(basis, "Rechtsgrundlage", 300).map_err(AppError::invalid)?;
    let title = headings(db, process_id)
        .await?
        .into_iter()
        .find(|(a, _)| a == anchor)
        .map(|(_, title)| title)
        .ok_or_else(|| {
            AppError::Invalid("Diesen Abschnitt gibt es in der neuesten Version nicht.".into())
        })?;
    let txn = db
        .begin()
        .await
        .context("marking a section as co-determined")?;
    codetermination_mark::Entity::delete_many()
        .filter(codetermination_mark::Column::ProcessId.eq(process_id))
        .filter(codetermination_mark::Column::Anchor.eq(anchor))
        .exec(&txn)
        .await
        .context("marking a section as co-determined")?;
    codetermination_mark::ActiveModel {
        process_id: Set(process_id),
        anchor: Set(anchor.to_owned()),
        title: Set(title.clone()),
        basis: Set(basis.clone()),
        marked_by: Set(me.id),
        marked_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .context("marking a section as co-determined")?;
    audit(
        &txn,
        Some(me.id),
        AuditAction::SectionMarked,
        "process",
        Some(process_id),
        serde_json::json!({ "anchor": anchor, "title": title, "basis": basis }),
    )
    .await?;
    txn.commit()
        .await
        .context("marking a section as co-determined")?;
    Ok(())
}

/// Removes a section's mark.
pub async fn unmark_section(
    db: &DatabaseConnection,
    me: &Me,
    process_id: i64,
    anchor: &str,
) -> Result<(), AppError> {
    let txn = db
        .begin()
        .await
        .context("unmarking a co-determined section")?;
    let deleted = codetermination_mark::Entity::delete_many()
        .filter(codetermination_mark::Column::ProcessId.eq(process_id))
        .filter(codetermination_mark::Column::Anchor.eq(anchor))
        .exec(&txn)
        .await
        .context("unmarking a co-determined section")?;
    if deleted.rows_affected == 0 {
        return Err(AppError::NotFound);
    }
    audit(
        &txn,
        Some(me.id),
        AuditAction::SectionUnmarked,
        "process",
        Some(process_id),
        serde_json::json!({ "anchor": anchor }),
    )
    .await?;
    txn.commit()
        .await
        .context("unmarking a co-determined section")?;
    Ok(())
}

/// The Markdown of one section (by heading anchor) of a text.
fn section_text(markdown: &str, anchor: &str) -> Option<String> {
    crate::domain::markdown::split_sections(markdown)
        .into_iter()
        .find(|s| s.anchor == anchor)
        .map(|s| s.markdown)
}

/// The last approval of a works council or MAV of this process on an earlier proposal, with
/// the text it approved: what "changed since the council's approval" compares with.
async fn last_council_approval(
    db: &impl ConnectionTrait,
    process_id: i64,
    before_proposal: Option<i64>,
) -> Result<Option<(NaiveDate, String)>, AppError> {
    let council_bodies: Vec<i64> = bodies(db, process_id)
        .await?
        .into_iter()
        .filter(|b| {
            matches!(
                ProcedureKind::from(b.procedure),
                ProcedureKind::WorksCouncil | ProcedureKind::MavEkd | ProcedureKind::MavMavo
            )
        })
        .map(|b| b.id)
        .collect();
    if council_bodies.is_empty() {
        return Ok(None);
    }
    let mut proposals = adoption_proposal::Entity::find()
        .filter(adoption_proposal::Column::ProcessId.eq(process_id))
        .order_by_desc(adoption_proposal::Column::Id)
        .all(db)
        .await
        .context("loading the last council approval")?;
    proposals.retain(|p| before_proposal.is_none_or(|id| p.id < id));
    for proposal in proposals {
        let (frozen, version) = frozen(db, &proposal).await?;
        let all = decisions(db, proposal.id).await?;
        let approval = council_bodies.iter().find_map(|id| {
            effective_decision(&frozen, &all, *id).filter(|d| d.verdict.is_approval())
        });
        if let Some(d) = approval {
            return Ok(Some((d.recorded_at.date_naive(), version.body)));
        }
    }
    Ok(None)
}

/// The co-determination part of the adoption page.
pub async fn view(
    db: &DatabaseConnection,
    me: &Me,
    process: &process::Model,
    roles: ProcessRoles,
) -> Result<CodeterminationView, AppError> {
    let state = federal_state()?;
    let proposal = latest_proposal(db, process.id).await?;
    let open_proposal = proposal
        .clone()
        .filter(|p| p.returned_at.is_none() && p.adopted_at.is_none())
        .filter(|_| process.step == Step::Adoption);
    let frozen_version = match &open_proposal {
        Some(p) => Some(frozen(db, p).await?),
        None => None,
    };
    let all_decisions = match &open_proposal {
        Some(p) => decisions(db, p.id).await?,
        None => Vec::new(),
    };
    let body_rows = bodies(db, process.id).await?;
    let mut user_ids: Vec<i64> = Vec::new();
    let mut members_by_body: HashMap<i64, Vec<body_member::Model>> = HashMap::new();
    for body in &body_rows {
        let members = members_of(db, body.id).await?;
        user_ids.extend(members.iter().map(|m| m.user_id));
        members_by_body.insert(body.id, members);
    }
    let (votes, resolutions, confirmations, requests, signatures) = match &open_proposal {
        Some(p) => {
            let votes = member_confirmation::Entity::find()
                .filter(member_confirmation::Column::ProposalId.eq(p.id))
                .all(db)
                .await
                .context("loading the co-determination page")?;
            let resolutions = council_resolution::Entity::find()
                .filter(council_resolution::Column::ProposalId.eq(p.id))
                .order_by_desc(council_resolution::Column::Id)
                .all(db)
                .await
                .context("loading the co-determination page")?;
            let confirmations = resolution_confirmation::Entity::find()
                .filter(
                    resolution_confirmation::Column::ResolutionId
                        .is_in(resolutions.iter().map(|r| r.id)),
                )
                .all(db)
                .await
                .context("loading the co-determination page")?;
            let requests = approval_request::Entity::find()
                .filter(approval_request::Column::ProposalId.eq(p.id))
                .all(db)
                .await
                .context("loading the co-determination page")?;
            let signatures = agreement_signature::Entity::find()
                .filter(agreement_signature::Column::ProposalId.eq(p.id))
                .order_by_asc(agreement_signature::Column::Id)
                .all(db)
                .await
                .context("loading the co-determination page")?;
            (votes, resolutions, confirmations, requests, signatures)
        }
        None => Default::default(),
    };
    let information = council_information::Entity::find()
        .filter(council_information::Column::ProcessId.eq(process.id))
        .order_by_asc(council_information::Column::GivenOn)
        .order_by_asc(council_information::Column::Id)
        .all(db)
        .await
        .context("loading the co-determination page")?;
    user_ids.extend(information.iter().map(|i| i.recorded_by));
    user_ids.extend(resolutions.iter().map(|r| r.recorded_by));
    user_ids.extend(signatures.iter().map(|s| s.user_id));
    let names = crate::account::ssr::display_names(db, user_ids).await?;
    let name = |id: i64| {
        names
            .get(&id)
            .cloned()
            .unwrap_or_else(|| "Unbekannt".into())
    };
    let today = today();
    let mut body_views = Vec::new();
    for body in &body_rows {
        let members = members_by_body.remove(&body.id).unwrap_or_default();
        let procedure = procedure_of(body, members.len() as u32);
        let kind = procedure.kind();
        let viewer = members.iter().find(|m| m.user_id == me.id);
        let decided = frozen_version
            .as_ref()
            .is_some_and(|(f, _)| effective_decision(f, &all_decisions, body.id).is_some());
        let body_votes: Vec<&member_confirmation::Model> =
            votes.iter().filter(|v| v.body_id == body.id).collect();
        let vote_views = if kind == ProcedureKind::Management {
            members
                .iter()
                .map(|m| {
                    let vote = body_votes.iter().find(|v| v.user_id == m.user_id);
                    MemberVoteView {
                        name: name(m.user_id),
                        approve: vote.map(|v| v.approve),
                        reason: vote.and_then(|v| v.reason.clone()),
                        at: vote.map(|v| date_time(v.confirmed_at)),
                    }
                })
                .collect()
        } else {
            Vec::new()
        };
        let resolution_views = resolutions
            .iter()
            .filter(|r| r.body_id == body.id)
            .map(|r| {
                let of_r: Vec<&resolution_confirmation::Model> = confirmations
                    .iter()
                    .filter(|c| c.resolution_id == r.id)
                    .collect();
                let existing: Vec<MinutesConfirmation> = of_r
                    .iter()
                    .map(|c| MinutesConfirmation {
                        user_id: c.user_id,
                        as_chair: c.as_chair,
                    })
                    .collect();
                let may = |as_chair: bool| {
                    viewer.is_some_and(|m| {
                        r.decision_id.is_none()
                            && open_proposal.is_some()
                            && check_confirmation(
                                &existing,
                                MinutesConfirmation {
                                    user_id: me.id,
                                    as_chair,
                                },
                                m.chair,
                            )
                            .is_ok()
                    })
                };
                ResolutionView {
                    id: r.id,
                    meeting_date: date(r.meeting_date),
                    meeting_form: MeetingForm::from(r.meeting_form).label_de().to_owned(),
                    seats: r.seats.max(0) as u32,
                    present: r.present.max(0) as u32,
                    yes: r.yes.max(0) as u32,
                    no: r.no.max(0) as u32,
                    abstain: r.abstain.max(0) as u32,
                    wording: r.wording.clone(),
                    minutes_ref: r.minutes_ref.clone(),
                    explanation: r.explanation.clone(),
                    approved: r.approved,
                    recorded_by: name(r.recorded_by),
                    confirmations: of_r
                        .iter()
                        .map(|c| {
                            format!(
                                "{} ({}), {}",
                                name(c.user_id),
                                if c.as_chair {
                                    "Vorsitz"
                                } else {
                                    "weiteres Mitglied"
                                },
                                date_time(c.confirmed_at)
                            )
                        })
                        .collect(),
                    confirmed: r.decision_id.is_some(),
                    may_confirm_as_chair: may(true),
                    may_confirm_as_member: may(false),
                }
            })
            .collect();
        let request = requests.iter().find(|r| r.body_id == body.id).map(|r| {
            let answered = r.decision_id.is_some();
            let weekday = weekday_de(r.last_day);
            let status = if answered {
                all_decisions
                    .iter()
                    .find(|d| Some(d.id) == r.decision_id)
                    .map(|d| format!("Entschieden: {}", d.verdict.label_de()))
                    .unwrap_or_else(|| "Entschieden".into())
            } else if deemed_approved(r.last_day, today) {
                format!(
                    "Die Frist ist am {} abgelaufen; die Zustimmung wird als erteilt eingetragen.",
                    date(r.last_day)
                )
            } else {
                format!(
                    "Die Frist läuft bis {weekday}, {} (24 Uhr). Ohne {} bis dahin gilt die Zustimmung als erteilt.",
                    date(r.last_day),
                    if kind == ProcedureKind::MavMavo {
                        "Einwendungen"
                    } else {
                        "schriftliche Verweigerung mit Gründen"
                    }
                )
            };
            RequestView {
                id: r.id,
                received_on: date(r.received_on),
                last_day: format!("{weekday}, {}", date(r.last_day)),
                extension_reason: r.extension_reason.clone(),
                status,
                answered,
                may_extend: !answered
                    && r.extension_reason.is_none()
                    && !deemed_approved(r.last_day, today),
                may_answer: !answered && !deemed_approved(r.last_day, today),
            }
        });
        let chair = members.iter().find(|m| m.chair).map(|m| name(m.user_id));
        let council = matches!(
            kind,
            ProcedureKind::WorksCouncil | ProcedureKind::MavEkd | ProcedureKind::MavMavo
        );
        let information_views = information
            .iter()
            .filter(|i| i.body_id == body.id)
            .map(|i| InformationView {
                kind_label: information_label(i.kind, kind).to_owned(),
                given_on: date(i.given_on),
                description: i.description.clone(),
                recorded_by: name(i.recorded_by),
            })
            .collect();
        body_views.push(BodyProcedureView {
            information: information_views,
            may_log_information: council && (roles.coordinator || viewer.is_some()),
            body_id: body.id,
            body_name: body.name.clone(),
            kind: kind.as_str().to_owned(),
            kind_label: kind.label_de().to_owned(),
            legal_basis: procedure.legal_basis_de(),
            rule: match procedure {
                Procedure::Management { rule } => Some(rule.as_str().to_owned()),
                _ => None,
            },
            seats: match procedure {
                Procedure::WorksCouncil { seats } => Some(seats),
                _ => None,
            },
            deadline_days: match procedure {
                Procedure::MavEkd { deadline_days, .. }
                | Procedure::MavMavo { deadline_days, .. } => Some(deadline_days),
                _ => None,
            },
            extension_days: match procedure {
                Procedure::MavEkd { extension_days, .. }
                | Procedure::MavMavo { extension_days, .. } => Some(extension_days),
                _ => None,
            },
            chair,
            members: members
                .iter()
                .map(|m| (m.user_id, name(m.user_id)))
                .collect(),
            viewer_is_member: viewer.is_some(),
            decided,
            viewer_voted: body_votes.iter().any(|v| v.user_id == me.id),
            votes: vote_views,
            resolutions: resolution_views,
            request,
        });
    }
    let agreement_kind = process.agreement.map(|a| match a {
        AgreementColumn::Betriebsvereinbarung => "betriebsvereinbarung".to_owned(),
        AgreementColumn::Dienstvereinbarung => "dienstvereinbarung".to_owned(),
    });
    let agreement = match (&agreement_kind, &open_proposal) {
        (Some(kind), Some(p)) => {
            let line = |s: &agreement_signature::Model| SignatureView {
                line: format!(
                    "{} ({}), {}",
                    name(s.user_id),
                    s.role_text,
                    date_time(s.signed_at)
                ),
                content_hash: s.content_hash.clone(),
            };
            let signed = |side: SideColumn| {
                signatures
                    .iter()
                    .any(|s| s.side == side && s.user_id == me.id)
            };
            Some(AgreementView {
                kind_label: agreement_label(kind).to_owned(),
                content_hash: p.frozen_hash.clone(),
                employer: signatures
                    .iter()
                    .filter(|s| s.side == SideColumn::Employer)
                    .map(line)
                    .collect(),
                council: signatures
                    .iter()
                    .filter(|s| s.side == SideColumn::Council)
                    .map(line)
                    .collect(),
                may_sign_employer: !signed(SideColumn::Employer)
                    && signing_role(db, process.id, me.id, true).await?.is_some(),
                may_sign_council: !signed(SideColumn::Council)
                    && signing_role(db, process.id, me.id, false).await?.is_some(),
            })
        }
        _ => None,
    };
    // Marked sections, and whether each changed since the council last approved.
    let marks = codetermination_mark::Entity::find()
        .filter(codetermination_mark::Column::ProcessId.eq(process.id))
        .order_by_asc(codetermination_mark::Column::Id)
        .all(db)
        .await
        .context("loading the co-determination page")?;
    let current_text = match &frozen_version {
        Some((_, version)) => Some(version.body.clone()),
        None => version::Entity::find()
            .filter(version::Column::ProcessId.eq(process.id))
            .order_by_desc(version::Column::Number)
            .one(db)
            .await
            .context("loading the co-determination page")?
            .map(|v| v.body),
    };
    let approval =
        last_council_approval(db, process.id, open_proposal.as_ref().map(|p| p.id)).await?;
    let mark_views = marks
        .into_iter()
        .map(|m| {
            let now = current_text.as_deref().and_then(|t| section_text(t, &m.anchor));
            let (since_approval, changed) = match &approval {
                Some((on, approved_text)) => {
                    let then = section_text(approved_text, &m.anchor);
                    let changed = then != now;
                    (
                        Some(if changed {
                            format!("geändert seit der Zustimmung der Mitarbeitervertretung bzw. des Betriebsrats vom {} – erneute Zustimmung nötig", date(*on))
                        } else {
                            format!("unverändert seit der Zustimmung vom {}", date(*on))
                        }),
                        changed,
                    )
                }
                None => (None, false),
            };
            MarkView {
                anchor: m.anchor,
                title: m.title,
                basis: m.basis,
                since_approval,
                changed,
            }
        })
        .collect();
    Ok(CodeterminationView {
        bodies: body_views,
        agreement_kind,
        agreement,
        marks: mark_views,
        sections: if roles.group_member {
            headings(db, process.id).await?
        } else {
            Vec::new()
        },
        holidays: state.map_or_else(
            || "nur die bundesweiten Feiertage (kein Bundesland eingestellt)".to_owned(),
            |s| format!("Feiertage in {}", s.name_de()),
        ),
        can_configure: roles.coordinator,
        can_mark: roles.group_member,
        open: open_proposal.is_some(),
    })
}

/// The German name of an agreement kind.
pub fn agreement_label(kind: &str) -> &'static str {
    if kind == "dienstvereinbarung" {
        "Dienstvereinbarung"
    } else {
        "Betriebsvereinbarung"
    }
}

/// The German weekday of a date.
fn weekday_de(day: NaiveDate) -> &'static str {
    match day.weekday() {
        chrono::Weekday::Mon => "Montag",
        chrono::Weekday::Tue => "Dienstag",
        chrono::Weekday::Wed => "Mittwoch",
        chrono::Weekday::Thu => "Donnerstag",
        chrono::Weekday::Fri => "Freitag",
        chrono::Weekday::Sat => "Samstag",
        chrono::Weekday::Sun => "Sonntag",
    }
}
