//! Adoption services (server only): bodies, proposal, decisions, return, summary, publication
//! and acknowledgements. The rules are `domain::adoption`; this module loads the facts for
//! them and stores the result, each change in one transaction.

use super::{
    AcknowledgementRate, AdoptionView, BodyMemberView, BodyView, DecisionView, GuidelineView,
    ProposalView, PublishedDecision, TeamAcknowledgement, TocEntry,
};
use crate::audit::ssr::record as audit;
use crate::auth::Me;
use crate::domain::access::ProcessRoles;
use crate::domain::account::Email;
use crate::domain::adoption::{
    adoption_status, check_propose, check_record, check_return, check_withdraw, effective_decision,
    history, return_reason_de, AdoptionContext, AdoptionError, AdoptionStatus, Body, Decision,
    DecisionForm, FrozenVersion, NewDecision, ReviewSchedule, Verdict,
};
use crate::domain::audit::AuditAction;
use crate::domain::codetermination::ProcedureKind;
use crate::domain::process::{Step, TransitionKind};
use crate::draft::ssr::content_hash;
use crate::entities::codetermination::ProcedureColumn;
use crate::entities::{
    acknowledgement, adoption_decision, adoption_proposal, approving_body, body_member, process,
    round, user, version,
};
use crate::error::{is_unique_violation, AppError, Context};
use crate::format::{date, date_time};
use crate::process::ssr::head;
use chrono::Utc;
use chrono_tz::Europe::Berlin;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    IntoActiveModel, QueryFilter, QueryOrder, Set, TransactionTrait,
};
use std::collections::HashMap;

/// A refused adoption action as the error the client sees: a non-member gets 403.
pub(crate) fn refused(err: AdoptionError) -> AppError {
    match err {
        AdoptionError::NotMember(_) => AppError::Forbidden,
        AdoptionError::UnknownBody => AppError::NotFound,
        AdoptionError::Returned
        | AdoptionError::ContentChanged
        | AdoptionError::StaleHash { .. }
        | AdoptionError::AlreadyAdopted
        | AdoptionError::AlreadyDecided(_)
        | AdoptionError::NothingToCorrect
        | AdoptionError::CorrectionOutdated
        | AdoptionError::WrongStep(_)
        | AdoptionError::RoundActive
        | AdoptionError::NoRequiredBody
        | AdoptionError::NotRejected => AppError::Conflict(err.to_string()),
        _ => AppError::invalid(err),
    }
}

/// Today's date in Germany.
pub(crate) fn today() -> chrono::NaiveDate {
    Utc::now().with_timezone(&Berlin).date_naive()
}

/// The bodies of a process, oldest first, as the domain sees them.
pub(crate) async fn bodies(
    db: &impl ConnectionTrait,
    process_id: i64,
) -> Result<Vec<approving_body::Model>, AppError> {
    approving_body::Entity::find()
        .filter(approving_body::Column::ProcessId.eq(process_id))
        .order_by_asc(approving_body::Column::Id)
        .all(db)
        .await
        .context("loading a process's bodies")
}

pub(crate) fn domain_body(row: &approving_body::Model) -> Body {
    Body {
        id: row.id,
        name: row.name.clone(),
        required: row.required,
    }
}

/// The latest proposal of a process.
pub(crate) async fn latest_proposal(
    db: &impl ConnectionTrait,
    process_id: i64,
) -> Result<Option<adoption_proposal::Model>, AppError> {
    adoption_proposal::Entity::find()
        .filter(adoption_proposal::Column::ProcessId.eq(process_id))
        .order_by_desc(adoption_proposal::Column::Id)
        .one(db)
        .await
        .context("loading the latest proposal")
}

/// The latest adopted proposal of a process (the guideline in force).
pub async fn adopted_proposal(
    db: &impl ConnectionTrait,
    process_id: i64,
) -> Result<Option<adoption_proposal::Model>, AppError> {
    adoption_proposal::Entity::find()
        .filter(adoption_proposal::Column::ProcessId.eq(process_id))
        .filter(adoption_proposal::Column::AdoptedAt.is_not_null())
        .order_by_desc(adoption_proposal::Column::Id)
        .one(db)
        .await
        .context("loading the adopted proposal")
}

fn domain_decision(row: &adoption_decision::Model) -> Result<Decision, AppError> {
    let verdict = Verdict::of_kind(row.verdict, row.verdict_text.as_deref().unwrap_or(""))
        .map_err(|err| {
            AppError::internal(
                "reading a stored verdict",
                format_args!("decision {}: {err}", row.id),
            )
        })?;
    Ok(Decision {
        id: row.id,
        version_id: row.version_id,
        body_id: row.body_id,
        verdict,
        meeting_date: row.meeting_date,
        minutes_ref: row.minutes_ref.clone(),
        recorded_by: row.recorded_by,
        recorded_at: row.recorded_at,
        content_hash: row.content_hash.clone(),
        supersedes: row.supersedes,
    })
}

/// The decisions on a proposal, oldest first.
pub(crate) async fn decisions(
    db: &impl ConnectionTrait,
    proposal_id: i64,
) -> Result<Vec<Decision>, AppError> {
    adoption_decision::Entity::find()
        .filter(adoption_decision::Column::ProposalId.eq(proposal_id))
        .order_by_asc(adoption_decision::Column::Id)
        .all(db)
        .await
        .context("loading the decisions on a proposal")?
        .iter()
        .map(domain_decision)
        .collect()
}

/// The frozen version of a proposal, with its content hash recomputed now.
pub(crate) async fn frozen(
    db: &impl ConnectionTrait,
    proposal: &adoption_proposal::Model,
) -> Result<(FrozenVersion, version::Model), AppError> {
    let version = version::Entity::find_by_id(proposal.version_id)
        .one(db)
        .await
        .context("loading a proposal's frozen version")?
        .context("loading a proposal's frozen version: the version is missing")?;
    Ok((
        FrozenVersion {
            version_id: version.id,
            frozen_hash: proposal.frozen_hash.clone(),
            current_hash: content_hash(&version.body),
        },
        version,
    ))
}

/// The rule that applied to each decision of a proposal (procedure bodies), with "gilt als
/// gebilligt" for those silence made.
async fn decision_notes(
    db: &impl ConnectionTrait,
    proposal_id: i64,
) -> Result<HashMap<i64, String>, AppError> {
    Ok(adoption_decision::Entity::find()
        .filter(adoption_decision::Column::ProposalId.eq(proposal_id))
        .all(db)
        .await
        .context("loading the rules applied to decisions")?
        .into_iter()
        .filter_map(|d| {
            let basis = d.basis?;
            Some((
                d.id,
                if d.deemed {
                    format!("Von Mitsprache festgestellt: {basis}")
                } else {
                    basis
                },
            ))
        })
        .collect())
}

fn decision_view(
    d: &Decision,
    names: &HashMap<i64, String>,
    notes: &HashMap<i64, String>,
) -> DecisionView {
    DecisionView {
        basis: notes.get(&d.id).cloned(),
        id: d.id,
        verdict: d.verdict.label_de().to_owned(),
        approval: d.verdict.is_approval(),
        text: d.verdict.text().map(str::to_owned),
        meeting_date: date(d.meeting_date),
        minutes_ref: d.minutes_ref.clone(),
        recorded_by: names
            .get(&d.recorded_by)
            .cloned()
            .unwrap_or_else(|| "Unbekannt".into()),
        recorded_at: date_time(d.recorded_at),
        content_hash: d.content_hash.clone(),
        supersedes: d.supersedes,
    }
}

/// The acknowledgement rate of a version: confirmations among active accounts, in total and
/// per team. Names are filled only when `with_names` (the caller checked for a coordinator).
async fn acknowledgement_rate(
    db: &DatabaseConnection,
    version_id: i64,
    with_names: bool,
) -> Result<AcknowledgementRate, AppError> {
    use crate::domain::team::{rates_per_team, team_key};
    let rows = acknowledgement::Entity::find()
        .filter(acknowledgement::Column::VersionId.eq(version_id))
        .order_by_asc(acknowledgement::Column::AcknowledgedAt)
        .all(db)
        .await
        .context("counting acknowledgements of a version")?;
    let accounts = user::Entity::find()
        .filter(user::Column::Active.eq(true))
        .order_by_asc(user::Column::DisplayName)
        .order_by_asc(user::Column::Id)
        .all(db)
        .await
        .context("counting acknowledgements of a version")?;
    // An invitation nobody accepted is not a reader yet: counted apart, not as "not read".
    let (people, invited): (Vec<_>, Vec<_>) = accounts.into_iter().partition(|u| {
        crate::domain::team::counts_for_read_rate(u.active, u.password_hash.is_some())
    });
    let total = people.len() as u64;
    let confirmed: std::collections::HashSet<i64> = rows.iter().map(|r| r.user_id).collect();
    let names = if with_names {
        crate::account::ssr::display_names(db, rows.iter().map(|r| r.user_id)).await?
    } else {
        std::collections::HashMap::new()
    };
    let teams = rates_per_team(
        people
            .iter()
            .map(|p| (p.team.as_deref(), confirmed.contains(&p.id))),
    )
    .into_iter()
    .map(|rate| {
        let key = rate.team.as_deref().map(team_key);
        let members = people.iter().filter(|p| {
            let own = p.team.as_deref().map(team_key).filter(|k| !k.is_empty());
            own == key
        });
        let (mut acknowledged_names, mut pending_names) = (Vec::new(), Vec::new());
        if with_names {
            for p in members {
                if confirmed.contains(&p.id) {
                    acknowledged_names.push(p.display_name.clone());
                } else {
                    pending_names.push(p.display_name.clone());
                }
            }
        }
        TeamAcknowledgement {
            text: rate.text_de(),
            rate,
            acknowledged_names,
            pending_names,
        }
    })
    .collect();
    let counted: std::collections::HashSet<i64> = people.iter().map(|p| p.id).collect();
    Ok(AcknowledgementRate {
        acknowledged: rows.iter().filter(|r| counted.contains(&r.user_id)).count() as u64,
        total,
        never_logged_in: invited.len() as u64,
        names: rows
            .iter()
            .filter_map(|r| names.get(&r.user_id).cloned())
            .collect(),
        teams,
    })
}

/// The adoption page's data.
pub async fn view(
    db: &DatabaseConnection,
    me: &Me,
    process: process::Model,
    roles: ProcessRoles,
) -> Result<AdoptionView, AppError> {
    let body_rows = bodies(db, process.id).await?;
    let members = body_member::Entity::find()
        .filter(body_member::Column::BodyId.is_in(body_rows.iter().map(|b| b.id)))
        .order_by_asc(body_member::Column::AddedAt)
        .all(db)
        .await
        .context("loading the adoption page")?;
    let proposal = latest_proposal(db, process.id).await?;
    let all_decisions = match &proposal {
        Some(p) => decisions(db, p.id).await?,
        None => Vec::new(),
    };
    let names = crate::account::ssr::display_names(
        db,
        members
            .iter()
            .map(|m| m.user_id)
            .chain(all_decisions.iter().map(|d| d.recorded_by))
            .chain(proposal.iter().map(|p| p.proposed_by)),
    )
    .await?;
    let domain_bodies: Vec<Body> = body_rows.iter().map(domain_body).collect();
    let notes = match &proposal {
        Some(p) => decision_notes(db, p.id).await?,
        None => HashMap::new(),
    };
    let mut proposal_view = None;
    let mut suggested_return_reason = None;
    let mut acknowledgements = None;
    let frozen_version = match &proposal {
        Some(p) => Some(frozen(db, p).await?),
        None => None,
    };
    if let (Some(p), Some((frozen, version))) = (&proposal, &frozen_version) {
        let status = adoption_status(frozen, &domain_bodies, &all_decisions);
        let rejections = match &status {
            AdoptionStatus::Rejected { by } => by
                .iter()
                .map(|s| format!("{}: {}", s.body.name, s.text))
                .collect(),
            _ => Vec::new(),
        };
        if p.returned_at.is_none() {
            suggested_return_reason = return_reason_de(&status);
        }
        if p.adopted_at.is_some() && roles.coordinator {
            acknowledgements = Some(acknowledgement_rate(db, version.id, roles.coordinator).await?);
        }
        proposal_view = Some(ProposalView {
            id: p.id,
            version_number: version.number,
            frozen_hash: p.frozen_hash.clone(),
            proposed_by: names
                .get(&p.proposed_by)
                .cloned()
                .unwrap_or_else(|| "Unbekannt".into()),
            proposed_at: date_time(p.proposed_at),
            status: if let Some(reason) = &p.withdrawn_reason {
                format!("Vorschlag zurückgezogen: {reason}")
            } else if p.returned_at.is_some() {
                "zur Überarbeitung zurückgegeben".to_owned()
            } else {
                status.label_de().to_owned()
            },
            adopted: p.adopted_at.is_some(),
            rejections,
            returned: p.returned_at.is_some(),
            adopted_at: p.adopted_at.map(date_time),
            next_review: p.next_review.map(date),
            summary: p.summary.clone(),
        });
    }
    let bodies = body_rows
        .iter()
        .map(|b| {
            let (current, entries) = match &frozen_version {
                Some((frozen, _)) => (
                    effective_decision(frozen, &all_decisions, b.id)
                        .map(|d| decision_view(d, &names, &notes)),
                    history(&all_decisions, b.id)
                        .into_iter()
                        .map(|d| decision_view(d, &names, &notes))
                        .collect(),
                ),
                None => (None, Vec::new()),
            };
            let body_members: Vec<BodyMemberView> = members
                .iter()
                .filter(|m| m.body_id == b.id)
                .map(|m| BodyMemberView {
                    user_id: m.user_id,
                    display_name: names
                        .get(&m.user_id)
                        .cloned()
                        .unwrap_or_else(|| "Unbekannt".into()),
                })
                .collect();
            BodyView {
                id: b.id,
                name: b.name.clone(),
                required: b.required,
                simple: b.procedure == ProcedureColumn::Simple,
                viewer_is_member: body_members.iter().any(|m| m.user_id == me.id),
                members: body_members,
                current,
                history: entries,
            }
        })
        .collect();
    let latest_version = version::Entity::find()
        .filter(version::Column::ProcessId.eq(process.id))
        .order_by_desc(version::Column::Number)
        .one(db)
        .await
        .context("loading the adoption page")?
        .map(|v| v.number);
    let codetermination = crate::codetermination::ssr::view(db, me, &process, roles).await?;
    Ok(AdoptionView {
        codetermination,
        process: head(process, roles),
        bodies,
        proposal: proposal_view,
        latest_version,
        suggested_return_reason,
        acknowledgements,
    })
}

/// Adds a checked body to a process.
pub async fn add_body(
    db: &DatabaseConnection,
    process_id: i64,
    body: &Body,
) -> Result<i64, AppError> {
    let row = approving_body::ActiveModel {
        process_id: Set(process_id),
        name: Set(body.name.clone()),
        required: Set(body.required),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await
    .context("adding a body to a process")?;
    Ok(row.id)
}

/// Loads a body of the process (`NotFound` for another process's body).
pub(crate) async fn require_body(
    db: &impl ConnectionTrait,
    process_id: i64,
    body_id: i64,
) -> Result<approving_body::Model, AppError> {
    approving_body::Entity::find_by_id(body_id)
        .one(db)
        .await
        .context("loading a body of the process")?
        .filter(|b| b.process_id == process_id)
        .ok_or(AppError::NotFound)
}

/// Adds an active account (by e-mail) to a body; adding someone twice changes nothing.
pub async fn add_member(
    db: &DatabaseConnection,
    process_id: i64,
    body_id: i64,
    by: i64,
    email: &str,
) -> Result<(), AppError> {
    let body = require_body(db, process_id, body_id).await?;
    let email = Email::parse(email).map_err(AppError::invalid)?;
    let person = crate::account::ssr::active_user_by_email(db, &email).await?;
    if body_member::Entity::find_by_id((body_id, person.id))
        .one(db)
        .await
        .context("adding a member to a body")?
        .is_some()
    {
        return Ok(());
    }
    let txn = db.begin().await.context("adding a member to a body")?;
    let inserted = body_member::ActiveModel {
        body_id: Set(body_id),
        user_id: Set(person.id),
        added_by: Set(by),
        added_at: Set(Utc::now()),
        chair: Set(false),
    }
    .insert(&txn)
    .await;
    match inserted {
        Ok(_) => {}
        // Someone added the same person a moment ago: nothing changed, nothing to log.
        Err(err) if is_unique_violation(&err) => return Ok(()),
        Err(err) => return Err(err.into()),
    }
    audit(
        &txn,
        Some(by),
        AuditAction::RoleGranted,
        "user",
        Some(person.id),
        serde_json::json!({
            "role": "body_member",
            "process_id": process_id,
            "body_id": body_id,
            "body": body.name,
        }),
    )
    .await?;
    txn.commit().await.context("adding a member to a body")?;
    Ok(())
}

/// Removes a member from a body.
pub async fn remove_member(
    db: &DatabaseConnection,
    process_id: i64,
    body_id: i64,
    by: i64,
    user_id: i64,
) -> Result<(), AppError> {
    let body = require_body(db, process_id, body_id).await?;
    let txn = db.begin().await.context("removing a member from a body")?;
    let result = body_member::Entity::delete_by_id((body_id, user_id))
        .exec(&txn)
        .await
        .context("removing a member from a body")?;
    if result.rows_affected == 0 {
        return Err(AppError::NotFound);
    }
    audit(
        &txn,
        Some(by),
        AuditAction::RoleRemoved,
        "user",
        Some(user_id),
        serde_json::json!({
            "role": "body_member",
            "process_id": process_id,
            "body_id": body_id,
            "body": body.name,
        }),
    )
    .await?;
    txn.commit()
        .await
        .context("removing a member from a body")?;
    Ok(())
}

/// Moves the process to `to` inside `txn`, with its timeline and audit entries; refuses when
/// someone else changed the step since `process` was read.
async fn move_step(
    txn: &impl ConnectionTrait,
    process: &process::Model,
    by: i64,
    to: Step,
    reason: Option<String>,
) -> Result<(), AppError> {
    use crate::process::transition::{transition_recorded, Transition, Via};
    let change = Transition::now(to, by, reason, Via::Adoption);
    transition_recorded(txn, process.id, process.step, change).await?;
    Ok(())
}

/// Freezes the latest published version: stores the proposal with its content hash and moves
/// the process from step 3 to step 4, in one transaction.
pub async fn propose(
    db: &DatabaseConnection,
    process: &process::Model,
    by: i64,
) -> Result<i64, AppError> {
    let step = process.step;
    let now = Utc::now();
    let round_states = round::Entity::find()
        .filter(round::Column::ProcessId.eq(process.id))
        .all(db)
        .await
        .context("proposing a version for adoption")?
        .iter()
        .map(|r| crate::round::ssr::state_at(r, now))
        .collect::<Result<Vec<_>, _>>()?;
    let body_list: Vec<Body> = bodies(db, process.id)
        .await?
        .iter()
        .map(domain_body)
        .collect();
    check_propose(step, &round_states, &body_list).map_err(refused)?;
    let latest = version::Entity::find()
        .filter(version::Column::ProcessId.eq(process.id))
        .order_by_desc(version::Column::Number)
        .one(db)
        .await
        .context("proposing a version for adoption")?
        .ok_or_else(|| {
            AppError::Conflict(
                "Es gibt noch keine veröffentlichte Version, die vorgeschlagen werden könnte."
                    .into(),
            )
        })?;
    let txn = db
        .begin()
        .await
        .context("proposing a version for adoption")?;
    let proposal = adoption_proposal::ActiveModel {
        process_id: Set(process.id),
        version_id: Set(latest.id),
        frozen_hash: Set(content_hash(&latest.body)),
        proposed_by: Set(by),
        proposed_at: Set(now),
        returned_at: Set(None),
        adopted_at: Set(None),
        next_review: Set(None),
        summary: Set(String::new()),
        summary_html: Set(String::new()),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .context("proposing a version for adoption")?;
    audit(
        &txn,
        Some(by),
        AuditAction::VersionProposed,
        "proposal",
        Some(proposal.id),
        serde_json::json!({
            "process_id": process.id,
            "version_id": latest.id,
            "version_number": latest.number,
            "content_hash": proposal.frozen_hash,
        }),
    )
    .await?;
    move_step(&txn, process, by, Step::Adoption, None).await?;
    // Rounds that have not started are cancelled with the step change (an open or unanswered
    // round refused the proposal above).
    crate::round::changes::settle_for_step_change(
        &txn,
        process.id,
        by,
        Step::Adoption,
        Some("Die Projektgruppe hat eine Version zur Verabschiedung vorgeschlagen."),
    )
    .await?;
    crate::notification::ssr::record(
        &txn,
        Some(by),
        crate::domain::notification::Event::AdoptionProposed {
            proposal_id: proposal.id,
        },
    )
    .await?;
    txn.commit()
        .await
        .context("proposing a version for adoption")?;
    Ok(proposal.id)
}

/// The proposal decisions are recorded on: the latest one, not yet sent back.
pub(crate) async fn open_proposal(
    db: &impl ConnectionTrait,
    process_id: i64,
) -> Result<adoption_proposal::Model, AppError> {
    latest_proposal(db, process_id).await?.ok_or_else(|| {
        AppError::Conflict("Es wurde noch keine Version zur Verabschiedung vorgeschlagen.".into())
    })
}

/// Records a decision by `by` (checked against body membership and the frozen hash); when it
/// completes the adoption, records the adoption date and the next review in the same
/// transaction.
pub async fn record(
    db: &DatabaseConnection,
    process: &process::Model,
    by: i64,
    form: &DecisionForm<'_>,
) -> Result<i64, AppError> {
    let body = require_body(db, process.id, form.body_id).await?;
    let is_member = body_member::Entity::find_by_id((body.id, by))
        .one(db)
        .await
        .context("recording a decision")?
        .is_some();
    crate::domain::access::check_body_member(is_member).map_err(|_| AppError::Forbidden)?;
    if body.procedure != ProcedureColumn::Simple {
        let kind = ProcedureKind::from(body.procedure);
        return Err(AppError::Conflict(format!(
            "Für „{}“ gilt das Verfahren „{}“: die Entscheidung entsteht dort und wird nicht von Hand eingetragen.",
            body.name,
            kind.label_de()
        )));
    }
    let new = NewDecision::parse(form, today()).map_err(refused)?;
    let txn = db.begin().await.context("recording a decision")?;
    lock_proposals(&txn, process.id).await?;
    let proposal = open_proposal(&txn, process.id).await?;
    let (frozen, _) = frozen(&txn, &proposal).await?;
    let body_list: Vec<Body> = bodies(&txn, process.id)
        .await?
        .iter()
        .map(domain_body)
        .collect();
    let existing = decisions(&txn, proposal.id).await?;
    let ctx = AdoptionContext {
        frozen: &frozen,
        bodies: &body_list,
        decisions: &existing,
        returned: proposal.returned_at.is_some(),
        recorder_body_ids: &[body.id],
    };
    check_record(&new, &ctx).map_err(refused)?;
    let row = insert_decision(
        &txn,
        NewDecisionRow {
            process_id: process.id,
            proposal: &proposal,
            frozen: &frozen,
            body: &body,
            verdict: &new.verdict,
            meeting_date: new.meeting_date,
            minutes_ref: new.minutes_ref.clone(),
            recorded_by: by,
            actor: Some(by),
            basis: None,
            deemed: false,
            supersedes: new.supersedes,
        },
    )
    .await?;
    complete_if_adopted(&txn, process.id, by).await?;
    txn.commit().await.context("recording a decision")?;
    Ok(row.id)
}

/// Locks the proposals of a process inside `txn` (write first): on PostgreSQL two members
/// recording at once are serialised and the second sees the first's decision; SQLite takes its
/// write lock here instead of upgrading a read snapshot later.
pub(crate) async fn lock_proposals(
    txn: &impl ConnectionTrait,
    process_id: i64,
) -> Result<(), AppError> {
    adoption_proposal::Entity::update_many()
        .col_expr(
            adoption_proposal::Column::Id,
            Expr::col(adoption_proposal::Column::Id).into(),
        )
        .filter(adoption_proposal::Column::ProcessId.eq(process_id))
        .exec(txn)
        .await
        .context("locking the proposals of a process")?;
    Ok(())
}

/// A body's decision about to be stored (by a member, or by a procedure: a confirmed
/// resolution, the members' confirmations, a MAV's answer or its silence).
pub(crate) struct NewDecisionRow<'a> {
    /// The process.
    pub process_id: i64,
    /// The open proposal.
    pub proposal: &'a adoption_proposal::Model,
    /// Its frozen version.
    pub frozen: &'a FrozenVersion,
    /// The body deciding.
    pub body: &'a approving_body::Model,
    /// What it decided.
    pub verdict: &'a Verdict,
    /// The meeting's (or the decision's) date.
    pub meeting_date: chrono::NaiveDate,
    /// The minutes reference (or what stands for it).
    pub minutes_ref: String,
    /// The account shown as having recorded it.
    pub recorded_by: i64,
    /// The audit entry's actor (`None`: the app itself, e.g. a deemed approval).
    pub actor: Option<i64>,
    /// The rule that applied and the reckoning.
    pub basis: Option<String>,
    /// Whether silence made it.
    pub deemed: bool,
    /// The decision it corrects.
    pub supersedes: Option<i64>,
}

/// Stores a decision with its audit entry (the caller holds the proposals' lock).
pub(crate) async fn insert_decision(
    txn: &impl ConnectionTrait,
    new: NewDecisionRow<'_>,
) -> Result<adoption_decision::Model, AppError> {
    let row = adoption_decision::ActiveModel {
        proposal_id: Set(new.proposal.id),
        version_id: Set(new.frozen.version_id),
        body_id: Set(new.body.id),
        verdict: Set(new.verdict.kind()),
        verdict_text: Set(new.verdict.text().map(str::to_owned)),
        meeting_date: Set(new.meeting_date),
        minutes_ref: Set(new.minutes_ref),
        recorded_by: Set(new.recorded_by),
        recorded_at: Set(Utc::now()),
        content_hash: Set(new.frozen.frozen_hash.clone()),
        supersedes: Set(new.supersedes),
        basis: Set(new.basis),
        deemed: Set(new.deemed),
        ..Default::default()
    }
    .insert(txn)
    .await
    .context("storing a decision")?;
    audit(
        txn,
        new.actor,
        AuditAction::DecisionRecorded,
        "decision",
        Some(row.id),
        serde_json::json!({
            "process_id": new.process_id,
            "proposal_id": new.proposal.id,
            "version_id": new.frozen.version_id,
            "body_id": new.body.id,
            "body": new.body.name,
            "procedure": ProcedureKind::from(new.body.procedure).as_str(),
            "decision": row.verdict.as_str(),
            "conditions": row.verdict_text,
            "meeting_date": row.meeting_date.to_string(),
            "minutes_ref": row.minutes_ref,
            "content_hash": row.content_hash,
            "supersedes": row.supersedes,
            "basis": row.basis,
            "deemed": row.deemed,
        }),
    )
    .await?;
    crate::notification::ssr::record(
        txn,
        new.actor,
        crate::domain::notification::Event::DecisionRecorded {
            decision_id: row.id,
        },
    )
    .await?;
    Ok(row)
}

/// Whether the open proposal of a process is complete — every required body approved and, for
/// a works or service agreement, both sides confirmed the frozen text — and if so adopts it: the
/// adoption date, the next review, the audit entry and the move to step 5, in `txn`. `by` is
/// the account the step change is recorded for. Returns whether it adopted.
pub(crate) async fn complete_if_adopted(
    txn: &impl ConnectionTrait,
    process_id: i64,
    by: i64,
) -> Result<bool, AppError> {
    let process = process::Entity::find_by_id(process_id)
        .one(txn)
        .await
        .context("completing an adopted proposal")?
        .ok_or(AppError::NotFound)?;
    let proposal = open_proposal(txn, process_id).await?;
    if proposal.returned_at.is_some() || proposal.adopted_at.is_some() {
        return Ok(false);
    }
    let (frozen, _) = frozen(txn, &proposal).await?;
    let body_list: Vec<Body> = bodies(txn, process_id)
        .await?
        .iter()
        .map(domain_body)
        .collect();
    let all = decisions(txn, proposal.id).await?;
    if !matches!(
        adoption_status(&frozen, &body_list, &all),
        AdoptionStatus::Adopted { .. }
    ) {
        return Ok(false);
    }
    if process.agreement.is_some()
        && !crate::codetermination::ssr::agreement_signed(txn, &proposal).await?
    {
        return Ok(false);
    }
    let now = Utc::now();
    let schedule = ReviewSchedule::after_adoption(today());
    let proposal_id = proposal.id;
    let mut active = proposal.into_active_model();
    active.adopted_at = Set(Some(now));
    active.next_review = Set(Some(schedule.next_review()));
    active
        .update(txn)
        .await
        .context("completing an adopted proposal")?;
    audit(
        txn,
        Some(by),
        AuditAction::VersionAdopted,
        "proposal",
        Some(proposal_id),
        serde_json::json!({
            "process_id": process_id,
            "version_id": frozen.version_id,
            "content_hash": frozen.frozen_hash,
            "next_review": schedule.next_review().to_string(),
        }),
    )
    .await?;
    crate::notification::ssr::record(
        txn,
        Some(by),
        crate::domain::notification::Event::GuidelineAdopted { proposal_id },
    )
    .await?;
    // Adoption completes step 4: the guideline is published and in force, and the process
    // enters step 5 (trial and review) until a review opens the next revision.
    move_step(
        txn,
        &process,
        by,
        Step::Review,
        Some(if process.agreement.is_some() {
            "Alle erforderlichen Gremien haben zugestimmt und beide Seiten haben die Vereinbarung bestätigt; die Leitlinie ist veröffentlicht und gilt.".into()
        } else {
            "Alle erforderlichen Gremien haben zugestimmt; die Leitlinie ist veröffentlicht und gilt.".into()
        }),
    )
    .await?;
    Ok(true)
}

/// The open proposal of a process with what decides its fate, read in `txn` after locking the
/// process's proposals (write first, as in `record`): a decision recorded at the same moment
/// either waits for us or is seen.
struct OpenProposal {
    proposal: adoption_proposal::Model,
    frozen: FrozenVersion,
    decisions: Vec<Decision>,
    status: AdoptionStatus,
}

/// Loads the [`OpenProposal`]; `closed` is the refusal when it was already returned or
/// withdrawn.
async fn lock_open_proposal(
    txn: &impl ConnectionTrait,
    process_id: i64,
    closed: AdoptionError,
) -> Result<OpenProposal, AppError> {
    lock_proposals(txn, process_id).await?;
    let proposal = open_proposal(txn, process_id).await?;
    if proposal.returned_at.is_some() {
        return Err(refused(closed));
    }
    let (frozen, _) = frozen(txn, &proposal).await?;
    let body_list: Vec<Body> = bodies(txn, process_id)
        .await?
        .iter()
        .map(domain_body)
        .collect();
    let decisions = decisions(txn, proposal.id).await?;
    let status = adoption_status(&frozen, &body_list, &decisions);
    Ok(OpenProposal {
        proposal,
        frozen,
        decisions,
        status,
    })
}

/// The reason of a checked step back out of step 4.
fn back_reason(kind: TransitionKind) -> Result<String, AppError> {
    match kind {
        TransitionKind::Back(reason) | TransitionKind::NewRevision(reason) => {
            Ok(reason.into_inner())
        }
        TransitionKind::Forward => Err(AppError::internal(
            "leaving step 4",
            "a step back was checked as a step forward",
        )),
    }
}

/// Sends a rejected version back to `to` (discourse or draft) with the group's reason, in one
/// transaction with the step change.
pub async fn return_version(
    db: &DatabaseConnection,
    process: &process::Model,
    by: i64,
    to: Step,
    reason: &str,
) -> Result<(), AppError> {
    let txn = db.begin().await.context("returning a version")?;
    let open = lock_open_proposal(&txn, process.id, AdoptionError::NotRejected).await?;
    let reason = back_reason(check_return(&open.status, to, reason).map_err(refused)?)?;
    let proposal = open.proposal;
    let proposal_id = proposal.id;
    let version_id = proposal.version_id;
    let mut active = proposal.into_active_model();
    active.returned_at = Set(Some(Utc::now()));
    active.update(&txn).await.context("returning a version")?;
    audit(
        &txn,
        Some(by),
        AuditAction::VersionReturned,
        "proposal",
        Some(proposal_id),
        serde_json::json!({
            "process_id": process.id,
            "version_id": version_id,
            "to": to.as_str(),
            "reason": reason,
        }),
    )
    .await?;
    move_step(&txn, process, by, to, Some(reason)).await?;
    txn.commit().await.context("returning a version")?;
    Ok(())
}

/// Withdraws the open proposal before adoption: closes it with the group's reason and moves
/// the process back to `to` (discourse or draft), audit-logged, in one transaction.
pub async fn withdraw(
    db: &DatabaseConnection,
    process: &process::Model,
    by: i64,
    to: Step,
    reason: &str,
) -> Result<(), AppError> {
    let txn = db.begin().await.context("withdrawing a proposal")?;
    let open = lock_open_proposal(&txn, process.id, AdoptionError::Returned).await?;
    let reason = back_reason(check_withdraw(&open.status, to, reason).map_err(refused)?)?;
    let (proposal, frozen, existing) = (open.proposal, open.frozen, open.decisions);
    let proposal_id = proposal.id;
    let version_id = proposal.version_id;
    let mut active = proposal.into_active_model();
    active.returned_at = Set(Some(Utc::now()));
    active.withdrawn_reason = Set(Some(reason.clone()));
    active
        .update(&txn)
        .await
        .context("withdrawing a proposal")?;
    audit(
        &txn,
        Some(by),
        AuditAction::ProposalWithdrawn,
        "proposal",
        Some(proposal_id),
        serde_json::json!({
            "process_id": process.id,
            "version_id": version_id,
            "content_hash": frozen.frozen_hash,
            "decisions": existing.len(),
            "to": to.as_str(),
            "reason": reason,
        }),
    )
    .await?;
    move_step(
        &txn,
        process,
        by,
        to,
        Some(format!("Vorschlag zurückgezogen: {reason}")),
    )
    .await?;
    txn.commit().await.context("withdrawing a proposal")?;
    Ok(())
}

/// Stores the plain-language summary on the latest proposal, rendered and sanitised. Once the
/// guideline is adopted the summary is published text: a change is audit-logged with the
/// hashes of the old and the new summary.
pub async fn save_summary(
    db: &DatabaseConnection,
    by: i64,
    process_id: i64,
    summary: &str,
) -> Result<(), AppError> {
    let txn = db
        .begin()
        .await
        .context("saving the plain-language summary")?;
    let proposal = open_proposal(&txn, process_id).await?;
    if proposal.summary == summary {
        return Ok(());
    }
    let html = crate::domain::markdown::render(summary).html;
    let (proposal_id, adopted, old_hash) = (
        proposal.id,
        proposal.adopted_at.is_some(),
        content_hash(&proposal.summary),
    );
    let mut active = proposal.into_active_model();
    active.summary = Set(summary.to_owned());
    active.summary_html = Set(html);
    active
        .update(&txn)
        .await
        .context("saving the plain-language summary")?;
    if adopted {
        audit(
            &txn,
            Some(by),
            AuditAction::SummaryChanged,
            "proposal",
            Some(proposal_id),
            serde_json::json!({
                "process_id": process_id,
                "old_hash": old_hash,
                "new_hash": content_hash(summary),
            }),
        )
        .await?;
    }
    txn.commit()
        .await
        .context("saving the plain-language summary")?;
    Ok(())
}

/// Each body's effective decision on an adopted proposal, as the publication page (and the
/// guideline PDF) list them.
pub(crate) async fn published_decisions(
    db: &impl ConnectionTrait,
    process_id: i64,
    proposal: &adoption_proposal::Model,
    frozen: &FrozenVersion,
) -> Result<Vec<PublishedDecision>, AppError> {
    let body_rows = bodies(db, process_id).await?;
    let all = decisions(db, proposal.id).await?;
    Ok(body_rows
        .iter()
        .filter_map(|b| {
            let d = effective_decision(frozen, &all, b.id)?;
            Some(PublishedDecision {
                body: b.name.clone(),
                verdict: d.verdict.label_de().to_owned(),
                conditions: match &d.verdict {
                    Verdict::ApprovedWithConditions(text) => Some(text.clone()),
                    _ => None,
                },
                meeting_date: date(d.meeting_date),
                minutes_ref: d.minutes_ref.clone(),
            })
        })
        .collect())
}

/// The German date of a proposal's adoption ("21.11.2026"; empty before it).
pub(crate) fn adoption_day(proposal: &adoption_proposal::Model) -> String {
    proposal
        .adopted_at
        .map(|at| date(at.with_timezone(&Berlin).date_naive()))
        .unwrap_or_default()
}

/// The publication page's data (`NotFound` while nothing is adopted).
pub async fn guideline(
    db: &DatabaseConnection,
    me: &Me,
    process: process::Model,
    roles: ProcessRoles,
) -> Result<GuidelineView, AppError> {
    let proposal = adopted_proposal(db, process.id)
        .await?
        .ok_or(AppError::NotFound)?;
    let process_step = process.step;
    let (frozen, version) = frozen(db, &proposal).await?;
    let decisions = published_decisions(db, process.id, &proposal, &frozen).await?;
    let rendered = crate::domain::markdown::render(&version.body);
    let acknowledged = acknowledgement::Entity::find_by_id((version.id, me.id))
        .one(db)
        .await
        .context("loading the published guideline")?
        .is_some();
    let acknowledgements = if roles.coordinator {
        Some(acknowledgement_rate(db, version.id, roles.coordinator).await?)
    } else {
        None
    };
    Ok(GuidelineView {
        process: head(process, roles),
        version_number: version.number,
        adopted_on: adoption_day(&proposal),
        next_review: proposal.next_review.map(date),
        content_hash: proposal.frozen_hash.clone(),
        toc: rendered
            .sections
            .into_iter()
            .filter(|s| s.level <= 3)
            .map(|s| TocEntry {
                anchor: s.anchor,
                level: s.level,
                title: s.title,
            })
            .collect(),
        // The stored HTML was sanitised when the version was published.
        html: version.body_html,
        summary_html: proposal.summary_html,
        decisions,
        acknowledged,
        acknowledgements,
        under_review: process_step != Step::Review,
    })
}

/// Records that `user_id` read the adopted guideline; `false` when they already had.
pub async fn acknowledge(
    db: &DatabaseConnection,
    process_id: i64,
    user_id: i64,
) -> Result<bool, AppError> {
    let proposal = adopted_proposal(db, process_id)
        .await?
        .ok_or_else(|| AppError::Conflict("Die Leitlinie ist noch nicht verabschiedet.".into()))?;
    if acknowledgement::Entity::find_by_id((proposal.version_id, user_id))
        .one(db)
        .await
        .context("recording that the guideline was read")?
        .is_some()
    {
        return Ok(false);
    }
    let inserted = acknowledgement::ActiveModel {
        version_id: Set(proposal.version_id),
        user_id: Set(user_id),
        acknowledged_at: Set(Utc::now()),
    }
    .insert(db)
    .await;
    match inserted {
        Ok(_) => Ok(true),
        Err(err) if is_unique_violation(&err) => Ok(false),
        Err(err) => Err(err.into()),
    }
}
