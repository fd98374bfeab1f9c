//! Changes of a round's schedule (server only): the project group moves the deadline or ends a
//! round early, and a step change settles the rounds of the process. Each command checks the
//! rule in `domain::round`, writes the round, its `round_changes` row and the audit entry in one
//! transaction. The round page reads the history with [`history`].

use super::ssr::{require_round, schedule, state_at};
use super::{RoundChangeView, RoundManage};
use crate::auth::Me;
use crate::domain::access::{self, ProcessAction, ProcessRoles};
use crate::domain::audit::AuditAction;
use crate::domain::process::Step;
use crate::domain::round::{
    change_text_de, check_change_deadline, check_end_early, ended_message_de, from_berlin_local,
    schedule_after, settle_on_step_change, ChangeReason, RoundChangeKind, RoundSchedule,
    RoundState,
};
use crate::entities::{process, round, round_change};
use crate::error::{AppError, Context};
use chrono::{DateTime, NaiveDateTime, NaiveTime, Utc};
use chrono_tz::Europe::Berlin;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DatabaseTransaction,
    EntityTrait, QueryFilter, QueryOrder, Set, TransactionTrait,
};

/// The form fields of "Frist ändern".
pub struct DeadlineInput {
    /// `YYYY-MM-DD`.
    pub date: String,
    /// `HH:MM` or empty (end of day).
    pub time: String,
    /// Why.
    pub reason: String,
}

fn refused(err: crate::domain::round::RoundError) -> AppError {
    use crate::domain::round::RoundError;
    match err {
        RoundError::ReasonMissing
        | RoundError::ReasonTooLong { .. }
        | RoundError::NewDeadlineNotInFuture
        | RoundError::DeadlineNotAfterStart
        | RoundError::TooLong { .. }
        | RoundError::DeadlineUnchanged => AppError::invalid(err),
        other => AppError::Conflict(other.to_string()),
    }
}

/// Reads the new deadline from the form (German local time; an empty time is 23:59).
fn parse_deadline(date: &str, time: &str) -> Result<DateTime<Utc>, AppError> {
    use super::ssr::{parse_date, parse_time};
    let date = parse_date(date, "die neue Frist")?;
    let end_of_day = NaiveTime::from_hms_opt(23, 59, 0).unwrap_or(NaiveTime::MIN);
    let time = parse_time(time, "die Uhrzeit der neuen Frist", end_of_day)?;
    from_berlin_local(NaiveDateTime::new(date, time)).map_err(AppError::invalid)
}

/// Locks the round row for the rest of the transaction and reads it again: on PostgreSQL the
/// write takes the row lock, on SQLite the database's write lock, so two changes (or a change
/// and a close) at once take turns and the second sees the first.
async fn lock_round(txn: &DatabaseTransaction, round_id: i64) -> Result<round::Model, AppError> {
    round::Entity::update_many()
        .col_expr(round::Column::Id, Expr::col(round::Column::Id).into())
        .filter(round::Column::Id.eq(round_id))
        .exec(txn)
        .await
        .context("locking a round")?;
    round::Entity::find_by_id(round_id)
        .one(txn)
        .await
        .context("locking a round")?
        .ok_or(AppError::NotFound)
}

/// Writes a change: the round's new deadline (or its cancellation), the history row and the
/// audit entry, all on `txn`.
#[expect(
    clippy::too_many_arguments,
    reason = "one argument per fact of a change row; a struct would only rename them"
)]
async fn apply(
    txn: &DatabaseTransaction,
    current: round::Model,
    kind: RoundChangeKind,
    new_schedule: RoundSchedule,
    reason: Option<String>,
    to_step: Option<Step>,
    by: i64,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let old_deadline = current.deadline;
    let round_id = current.id;
    let process_id = current.process_id;
    let mut active: round::ActiveModel = current.into();
    active.deadline = Set(new_schedule.deadline());
    if kind.cancels() {
        active.cancelled_at = Set(Some(now));
        active.closed_at = Set(Some(now));
    }
    active.update(txn).await.context("writing a round change")?;
    let change = round_change::ActiveModel {
        round_id: Set(round_id),
        kind: Set(kind),
        old_deadline: Set(old_deadline),
        new_deadline: Set(new_schedule.deadline()),
        reason: Set(reason.clone()),
        to_step: Set(to_step),
        changed_by: Set(by),
        changed_at: Set(now),
        ..Default::default()
    }
    .insert(txn)
    .await
    .context("writing a round change")?;
    let action = match kind {
        RoundChangeKind::Extended | RoundChangeKind::Shortened => AuditAction::RoundDeadlineChanged,
        RoundChangeKind::EndedEarly | RoundChangeKind::EndedByStepChange => {
            AuditAction::RoundEndedEarly
        }
        RoundChangeKind::Cancelled | RoundChangeKind::CancelledByStepChange => {
            AuditAction::RoundCancelled
        }
    };
    crate::audit::ssr::record(
        txn,
        Some(by),
        action,
        "round",
        Some(round_id),
        serde_json::json!({
            "process_id": process_id,
            "change": kind.as_str(),
            "old_deadline": old_deadline.to_rfc3339(),
            "new_deadline": new_schedule.deadline().to_rfc3339(),
            "reason": reason,
            "to": to_step.map(Step::as_str),
        }),
    )
    .await?;
    // The round's audience learns of it by mail and in the inbox, written in this transaction
    // (outbox): a change that fails tells nobody.
    crate::notification::ssr::record(
        txn,
        Some(by),
        crate::domain::notification::Event::RoundChanged {
            change_id: change.id,
        },
    )
    .await?;
    Ok(())
}

/// A change the project group makes to one round: checks that `me` may change it and that it
/// belongs to the process, checks the reason, then decides the change with `decide` on the
/// locked round and writes it.
async fn change_round(
    db: &DatabaseConnection,
    me: &Me,
    process_id: i64,
    round_id: i64,
    reason: &str,
    decide: impl FnOnce(
        &round::Model,
        DateTime<Utc>,
    ) -> Result<(RoundSchedule, RoundChangeKind), AppError>,
) -> Result<(), AppError> {
    let (_, _, round) = require_round(db, me, round_id, ProcessAction::ChangeRound).await?;
    if round.process_id != process_id {
        return Err(AppError::NotFound);
    }
    let reason = ChangeReason::parse(reason).map_err(refused)?;
    let txn = db.begin().await.context("changing a round")?;
    let current = lock_round(&txn, round_id).await?;
    let now = Utc::now();
    let (new_schedule, kind) = decide(&current, now)?;
    apply(
        &txn,
        current,
        kind,
        new_schedule,
        Some(reason.as_str().to_owned()),
        None,
        me.id,
        now,
    )
    .await?;
    txn.commit().await.context("changing a round")?;
    Ok(())
}

/// Moves a round's deadline (project group, step 3). The round is locked while it changes.
pub async fn change_deadline(
    db: &DatabaseConnection,
    me: &Me,
    process_id: i64,
    round_id: i64,
    input: DeadlineInput,
) -> Result<(), AppError> {
    let new_deadline = parse_deadline(&input.date, &input.time);
    change_round(
        db,
        me,
        process_id,
        round_id,
        &input.reason,
        |current, now| {
            check_change_deadline(
                &schedule(current)?,
                state_at(current, now)?,
                new_deadline?,
                now,
            )
            .map_err(refused)
        },
    )
    .await
}

/// Ends an open round now, or cancels a scheduled one (project group, step 3), with a reason.
pub async fn end_early(
    db: &DatabaseConnection,
    me: &Me,
    process_id: i64,
    round_id: i64,
    reason: &str,
) -> Result<(), AppError> {
    change_round(db, me, process_id, round_id, reason, |current, now| {
        let kind = check_end_early(state_at(current, now)?).map_err(refused)?;
        Ok((schedule_after(&schedule(current)?, kind, now), kind))
    })
    .await
}

/// Settles the rounds of a process that leaves the discourse step for `to`, inside the step
/// change's transaction: open rounds end now, scheduled ones are cancelled, each with its
/// history row and audit entry. Rounds being answered or closed stay as they are.
pub async fn settle_for_step_change(
    txn: &DatabaseTransaction,
    process_id: i64,
    by: i64,
    to: Step,
    reason: Option<&str>,
) -> Result<(), AppError> {
    let now = Utc::now();
    let rounds = round::Entity::find()
        .filter(round::Column::ProcessId.eq(process_id))
        .filter(round::Column::ClosedAt.is_null())
        .order_by_asc(round::Column::Id)
        .all(txn)
        .await
        .context("settling rounds for a step change")?;
    for current in rounds {
        let Some(kind) = settle_on_step_change(state_at(&current, now)?) else {
            continue;
        };
        let new_schedule = schedule_after(&schedule(&current)?, kind, now);
        apply(
            txn,
            current,
            kind,
            new_schedule,
            reason.map(str::to_owned),
            Some(to),
            by,
            now,
        )
        .await?;
    }
    Ok(())
}

/// The history of a round's schedule, oldest first, and why commenting ended (if a change
/// ended it).
pub async fn history(
    db: &impl ConnectionTrait,
    round: &round::Model,
) -> Result<(Vec<RoundChangeView>, Option<String>), AppError> {
    let rows = round_change::Entity::find()
        .filter(round_change::Column::RoundId.eq(round.id))
        .order_by_asc(round_change::Column::Id)
        .all(db)
        .await
        .context("loading a round's changes")?;
    let names = crate::account::ssr::display_names(db, rows.iter().map(|r| r.changed_by)).await?;
    let ended = rows
        .iter()
        .rev()
        .find(|r| r.kind.ends_now() || r.kind.cancels())
        // A later extension reopened the round: the ending no longer explains anything.
        .filter(|r| r.new_deadline == round.deadline)
        .and_then(|r| ended_message_de(r.kind, r.changed_at, r.to_step));
    let changes = rows
        .into_iter()
        .map(|r| {
            let by = names
                .get(&r.changed_by)
                .cloned()
                .unwrap_or_else(|| "Unbekannt".to_owned());
            RoundChangeView {
                text: change_text_de(
                    r.kind,
                    r.changed_at,
                    &by,
                    r.old_deadline,
                    r.new_deadline,
                    r.to_step,
                ),
                reason: r.reason,
            }
        })
        .collect();
    Ok((changes, ended))
}

/// What the project group may change on the round page now, with the deadline as the form
/// shows it (German local date and time).
pub fn manage(
    process: &process::Model,
    roles: ProcessRoles,
    round: &round::Model,
    state: RoundState,
) -> Option<RoundManage> {
    let facts = crate::process::ssr::facts(process);
    access::check(roles, ProcessAction::ChangeRound, facts).ok()?;
    if !state.is_active() {
        return None;
    }
    let local = round.deadline.with_timezone(&Berlin);
    Some(RoundManage {
        deadline_date: local.format("%d.%m.%Y").to_string(),
        deadline_time: local.format("%H:%M").to_string(),
        can_end: matches!(state, RoundState::Open | RoundState::Scheduled),
        scheduled: state == RoundState::Scheduled,
    })
}
