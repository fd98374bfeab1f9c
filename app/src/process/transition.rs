//! The one way a process changes its step (server only). Every step change — the project
//! group's, the adoption's (proposal, return, withdrawal, adoption), a review's, and the demo and
//! load seeders' history — goes through [`transition`] (or [`begin`] for a new process): it
//! locks and re-reads the process, refuses when someone else changed the step meanwhile, writes
//! the step and revision and the timeline's `step_changes` row, and hands back the audit
//! details, with the same keys for every caller. Whether a change is allowed is decided before,
//! by the domain (`domain::process`, `domain::adoption`, `domain::review`).

use crate::audit::ssr::record;
use crate::domain::audit::AuditAction;
use crate::domain::process::Step;
use crate::entities::{process, step_change};
use crate::error::{AppError, Context};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};

/// What caused a step change, named in its audit entry ("ausgelöst durch").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Via {
    /// The project group (or coordinator) changed the step on the process page.
    Group,
    /// A proposal, its return or withdrawal, or the adoption itself.
    Adoption,
    /// A review re-entered an earlier step.
    Review,
}

impl Via {
    /// The stored value in the audit details; `None` for the group's own change (as before).
    fn stored(self) -> Option<&'static str> {
        match self {
            Via::Group => None,
            Via::Adoption => Some("adoption"),
            Via::Review => Some("review"),
        }
    }
}

/// A step change to make: where to, why, by whom, when.
#[derive(Debug, Clone)]
pub struct Transition {
    /// The step the process moves to.
    pub to: Step,
    /// The reason shown on the timeline (required for stepping back; the domain checks it).
    pub reason: Option<String>,
    /// Who changed the step.
    pub by: i64,
    /// When (now, except for the seeders' history).
    pub at: DateTime<Utc>,
    /// Whether the change starts a new revision (a review's re-entry, a new revision asked for).
    pub new_revision: bool,
    /// What caused it.
    pub via: Via,
}

impl Transition {
    /// A change made now.
    pub fn now(to: Step, by: i64, reason: Option<String>, via: Via) -> Self {
        Self {
            to,
            reason,
            by,
            at: Utc::now(),
            new_revision: false,
            via,
        }
    }
}

/// A step change as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepChanged {
    /// The step before (`None` for a new process).
    pub from: Option<Step>,
    /// The step after.
    pub to: Step,
    /// The process's revision after the change.
    pub revision: i32,
    /// The reason given.
    pub reason: Option<String>,
    via: Via,
}

impl StepChanged {
    /// The details of the change's audit entry: `from`, `to`, `reason`, `revision` and, unless
    /// the group changed the step itself, `via`.
    pub fn audit_details(&self) -> serde_json::Value {
        let mut details = serde_json::json!({
            "from": self.from.map(Step::as_str),
            "to": self.to.as_str(),
            "reason": self.reason,
            "revision": self.revision,
        });
        if let Some(via) = self.via.stored() {
            details["via"] = via.into();
        }
        details
    }
}

/// Moves the process from `expected` (the step the caller read and checked) to `change.to`
/// inside `txn`. Refuses with a conflict when the process is no longer at `expected`: two
/// people changing the step at once must not both win.
pub async fn transition(
    txn: &impl ConnectionTrait,
    process_id: i64,
    expected: Step,
    change: Transition,
) -> Result<StepChanged, AppError> {
    // Write first: on PostgreSQL this locks the process row, so two step changes at once take
    // turns and the second sees the first's step; SQLite takes its write lock here instead of
    // upgrading a read snapshot later (which fails at once when another change committed).
    process::Entity::update_many()
        .col_expr(process::Column::Id, Expr::col(process::Column::Id).into())
        .filter(process::Column::Id.eq(process_id))
        .exec(txn)
        .await
        .context("moving a process to another step")?;
    let current = process::Entity::find_by_id(process_id)
        .one(txn)
        .await
        .context("moving a process to another step")?
        .ok_or(AppError::NotFound)?;
    if current.step != expected {
        return Err(AppError::Conflict(
            "Der Schritt wurde inzwischen von jemand anderem geändert. Bitte laden Sie die Seite neu."
                .into(),
        ));
    }
    let revision = current.revision + i32::from(change.new_revision);
    let mut active: process::ActiveModel = current.into();
    active.step = Set(change.to);
    active.revision = Set(revision);
    active
        .update(txn)
        .await
        .context("moving a process to another step")?;
    write_row(txn, process_id, Some(expected), &change).await?;
    Ok(StepChanged {
        from: Some(expected),
        to: change.to,
        revision,
        reason: change.reason,
        via: change.via,
    })
}

/// [`transition`] with its audit entry ("Schritt geändert").
pub async fn transition_recorded(
    txn: &impl ConnectionTrait,
    process_id: i64,
    expected: Step,
    change: Transition,
) -> Result<StepChanged, AppError> {
    let by = change.by;
    let changed = transition(txn, process_id, expected, change).await?;
    record(
        txn,
        Some(by),
        AuditAction::StepChanged,
        "process",
        Some(process_id),
        changed.audit_details(),
    )
    .await?;
    Ok(changed)
}

/// The first entry of a new process's timeline: from no step into step 1 (the process row was
/// just inserted in step 1).
pub async fn begin(
    txn: &impl ConnectionTrait,
    process_id: i64,
    by: i64,
    at: DateTime<Utc>,
) -> Result<StepChanged, AppError> {
    let change = Transition {
        to: Step::Collect,
        reason: None,
        by,
        at,
        new_revision: false,
        via: Via::Group,
    };
    write_row(txn, process_id, None, &change).await?;
    Ok(StepChanged {
        from: None,
        to: Step::Collect,
        revision: 1,
        reason: None,
        via: Via::Group,
    })
}

/// A past history for the demo and load data: a process just inserted in step 1 goes through
/// the steps of `path` (step 1 first) at the given times, the way the app would have moved it.
/// Returns every change for the caller's audit entries.
pub async fn replay(
    txn: &impl ConnectionTrait,
    process_id: i64,
    by: i64,
    path: &[(Step, DateTime<Utc>)],
) -> Result<Vec<StepChanged>, AppError> {
    let mut changes = Vec::with_capacity(path.len());
    let mut steps = path.iter();
    let Some((_, at)) = steps.next() else {
        return Ok(changes);
    };
    changes.push(begin(txn, process_id, by, *at).await?);
    let mut from = Step::Collect;
    for (to, at) in steps {
        let change = Transition {
            to: *to,
            reason: None,
            by,
            at: *at,
            new_revision: false,
            via: Via::Group,
        };
        changes.push(transition(txn, process_id, from, change).await?);
        from = *to;
    }
    Ok(changes)
}

/// The timeline's row of a step change: the only place that writes `step_changes`.
async fn write_row(
    txn: &impl ConnectionTrait,
    process_id: i64,
    from: Option<Step>,
    change: &Transition,
) -> Result<(), AppError> {
    step_change::ActiveModel {
        process_id: Set(process_id),
        from_step: Set(from),
        to_step: Set(change.to),
        reason: Set(change.reason.clone()),
        changed_by: Set(change.by),
        changed_at: Set(change.at),
        ..Default::default()
    }
    .insert(txn)
    .await
    .context("storing a step change")?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_audit_details_have_the_same_keys_for_every_cause() {
        let change = |via| StepChanged {
            from: Some(Step::Discourse),
            to: Step::Adoption,
            revision: 2,
            reason: None,
            via,
        };
        assert_eq!(
            change(Via::Group).audit_details(),
            serde_json::json!({ "from": "discourse", "to": "adoption", "reason": null, "revision": 2 })
        );
        assert_eq!(
            change(Via::Adoption).audit_details(),
            serde_json::json!({ "from": "discourse", "to": "adoption", "reason": null, "revision": 2, "via": "adoption" })
        );
        let first = StepChanged {
            from: None,
            to: Step::Collect,
            revision: 1,
            reason: None,
            via: Via::Group,
        };
        assert_eq!(first.audit_details()["from"], serde_json::Value::Null);
    }
}
