//! Process services (server only).

use super::transition::{transition_recorded, Transition, Via};
use super::{GroupMember, ProcessDetail, ProcessSummary, TimelineEntry};
use crate::audit::ssr::record;
use crate::auth::Me;
use crate::domain::access::{self, ProcessAction, ProcessFacts, ProcessRoles, Refusal};
use crate::domain::account::{Email, Role};
use crate::domain::audit::AuditAction;
use crate::domain::group::{
    composition_warnings_by_member, role_conflicts, Appointment, Perspective,
};
use crate::domain::process::{Step, TransitionKind};
use crate::entities::{
    approving_body, body_member, group_member, group_member_perspective, process, step_change,
};
use crate::error::{AppError, Context};
use chrono::Utc;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, Set, TransactionTrait,
};

/// The header data of a process page.
pub fn head(process: process::Model, roles: ProcessRoles) -> super::ProcessHead {
    super::ProcessHead {
        id: process.id,
        step: process.step,
        title: process.title,
        roles,
    }
}

/// The facts of a stored process that the access rules need.
pub fn facts(process: &process::Model) -> ProcessFacts {
    ProcessFacts {
        step: process.step,
        contributions_visible: process.contributions_visible,
    }
}

/// A refusal as the error the client sees.
pub fn refusal(refusal: Refusal) -> AppError {
    match refusal {
        Refusal::NotAllowed => AppError::Forbidden,
        Refusal::WrongStep(_) => AppError::Conflict(refusal.to_string()),
    }
}

/// The viewer's relation to a process.
pub async fn roles(
    db: &impl ConnectionTrait,
    me: &Me,
    process_id: i64,
) -> Result<ProcessRoles, AppError> {
    let member = group_member::Entity::find_by_id((process_id, me.id))
        .one(db)
        .await
        .context("loading a person's process roles")?
        .is_some();
    Ok(ProcessRoles {
        coordinator: me.roles.contains(&Role::Coordinator),
        group_member: member,
    })
}

/// The processes whose project group the account belongs to.
pub async fn groups_of(db: &impl ConnectionTrait, user_id: i64) -> Result<Vec<i64>, AppError> {
    Ok(group_member::Entity::find()
        .filter(group_member::Column::UserId.eq(user_id))
        .all(db)
        .await
        .context("loading process groups")?
        .into_iter()
        .map(|m| m.process_id)
        .collect())
}

/// Loads a process and checks that `me` may do `action` in it: `NotFound` for an unknown id,
/// `Forbidden` for a role that may not, `Conflict` (with the reason) for the wrong step.
/// Every server function about a process starts here.
pub async fn require(
    db: &impl ConnectionTrait,
    me: &Me,
    process_id: i64,
    action: ProcessAction,
) -> Result<(process::Model, ProcessRoles), AppError> {
    let process = process::Entity::find_by_id(process_id)
        .one(db)
        .await
        .context("loading a process")?
        .ok_or(AppError::NotFound)?;
    let roles = roles(db, me, process_id).await?;
    access::check(roles, action, facts(&process)).map_err(refusal)?;
    Ok((process, roles))
}

/// All processes, newest first.
pub async fn list(db: &DatabaseConnection) -> Result<Vec<ProcessSummary>, AppError> {
    let rows = process::Entity::find()
        .order_by_desc(process::Column::CreatedAt)
        .order_by_desc(process::Column::Id)
        .all(db)
        .await
        .context("listing processes")?;
    Ok(rows
        .into_iter()
        .map(|p| ProcessSummary {
            id: p.id,
            step: p.step,
            title: p.title,
            revision: p.revision,
        })
        .collect())
}

/// Creates a process in step 1, with the first timeline entry.
pub async fn create(
    db: &DatabaseConnection,
    by: i64,
    title: &str,
    description: &str,
) -> Result<i64, AppError> {
    let now = Utc::now();
    let txn = db.begin().await.context("creating a process")?;
    let created = process::ActiveModel {
        title: Set(title.to_owned()),
        description: Set(description.to_owned()),
        step: Set(Step::Collect),
        revision: Set(1),
        contributions_visible: Set(true),
        created_by: Set(by),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .context("creating a process")?;
    // The first step is a step change too (from none), as on the process's timeline.
    let first = super::transition::begin(&txn, created.id, by, now).await?;
    let mut details = first.audit_details();
    details["title"] = title.into();
    record(
        &txn,
        Some(by),
        AuditAction::StepChanged,
        "process",
        Some(created.id),
        details,
    )
    .await?;
    txn.commit().await.context("creating a process")?;
    Ok(created.id)
}

/// The process page's data.
pub async fn detail(
    db: &DatabaseConnection,
    process: process::Model,
    roles: ProcessRoles,
) -> Result<ProcessDetail, AppError> {
    let changes = step_change::Entity::find()
        .filter(step_change::Column::ProcessId.eq(process.id))
        .order_by_asc(step_change::Column::ChangedAt)
        .order_by_asc(step_change::Column::Id)
        .all(db)
        .await
        .context("loading a process")?;
    let members = group_member::Entity::find()
        .filter(group_member::Column::ProcessId.eq(process.id))
        .order_by_asc(group_member::Column::AppointedAt)
        .all(db)
        .await
        .context("loading a process")?;
    let names = crate::account::ssr::display_names(
        db,
        changes
            .iter()
            .map(|c| c.changed_by)
            .chain(members.iter().map(|m| m.user_id)),
    )
    .await?;
    let unknown = || "Unbekannt".to_owned();
    let timeline = changes
        .into_iter()
        .map(|c| TimelineEntry {
            from: c.from_step,
            to: c.to_step,
            reason: c.reason,
            by: names.get(&c.changed_by).cloned().unwrap_or_else(unknown),
            at: crate::format::date_time(c.changed_at),
        })
        .collect();
    let mut held = perspectives_of(db, process.id).await?;
    let group: Vec<GroupMember> = members
        .into_iter()
        .map(|m| GroupMember {
            user_id: m.user_id,
            display_name: names.get(&m.user_id).cloned().unwrap_or_else(unknown),
            perspectives: held.remove(&m.user_id).unwrap_or_default(),
        })
        .collect();
    let per_member: Vec<&[Perspective]> = group.iter().map(|m| m.perspectives.as_slice()).collect();
    let warnings = composition_warnings_by_member(&per_member)
        .into_iter()
        .map(|w| w.message_de())
        .collect();
    let seats = body_seats(db, process.id).await?;
    let conflicts = role_conflicts(
        &group
            .iter()
            .map(|m| (m.user_id, m.display_name.clone()))
            .collect::<Vec<_>>(),
        &seats,
    )
    .into_iter()
    .map(|c| c.message_de())
    .collect();
    Ok(ProcessDetail {
        id: process.id,
        step: process.step,
        title: process.title,
        description: process.description,
        revision: process.revision,
        contributions_visible: process.contributions_visible,
        roles,
        timeline,
        group,
        warnings,
        conflicts,
    })
}

/// Records a step change (already checked) with its timeline entry, in one transaction.
pub async fn change_step(
    db: &DatabaseConnection,
    process: &process::Model,
    by: i64,
    to: Step,
    kind: TransitionKind,
) -> Result<(), AppError> {
    let reason = match &kind {
        TransitionKind::Forward => None,
        TransitionKind::Back(reason) | TransitionKind::NewRevision(reason) => {
            Some(reason.as_str().to_owned())
        }
    };
    let txn = db.begin().await.context("changing a process's step")?;
    let mut change = Transition::now(to, by, reason.clone(), Via::Group);
    change.new_revision = matches!(kind, TransitionKind::NewRevision(_));
    transition_recorded(&txn, process.id, process.step, change).await?;
    // Leaving the discourse step: no round may stay open without comment buttons.
    if process.step == Step::Discourse && to != Step::Discourse {
        crate::round::changes::settle_for_step_change(&txn, process.id, by, to, reason.as_deref())
            .await?;
    }
    txn.commit().await.context("changing a process's step")?;
    Ok(())
}

/// Stores the visibility setting.
pub async fn set_contributions_visible(
    db: &DatabaseConnection,
    process: process::Model,
    visible: bool,
) -> Result<(), AppError> {
    let mut active: process::ActiveModel = process.into();
    active.contributions_visible = Set(visible);
    active
        .update(db)
        .await
        .context("setting contribution visibility")?;
    Ok(())
}

/// The perspectives of every member of a process's group, by account, in display order.
pub async fn perspectives_of(
    db: &impl ConnectionTrait,
    process_id: i64,
) -> Result<std::collections::HashMap<i64, Vec<Perspective>>, AppError> {
    let mut held: std::collections::HashMap<i64, Vec<Perspective>> = Default::default();
    for row in group_member_perspective::Entity::find()
        .filter(group_member_perspective::Column::ProcessId.eq(process_id))
        .all(db)
        .await
        .context("loading a member's perspectives")?
    {
        held.entry(row.user_id).or_default().push(row.perspective);
    }
    for list in held.values_mut() {
        list.sort();
    }
    Ok(held)
}

/// (account, body name) for every member of every approving body of a process.
async fn body_seats(
    db: &impl ConnectionTrait,
    process_id: i64,
) -> Result<Vec<(i64, String)>, AppError> {
    let bodies = approving_body::Entity::find()
        .filter(approving_body::Column::ProcessId.eq(process_id))
        .order_by_asc(approving_body::Column::Id)
        .all(db)
        .await
        .context("loading body seats")?;
    let members = body_member::Entity::find()
        .filter(body_member::Column::BodyId.is_in(bodies.iter().map(|b| b.id)))
        .all(db)
        .await
        .context("loading body seats")?;
    Ok(bodies
        .iter()
        .flat_map(|b| {
            members
                .iter()
                .filter(move |m| m.body_id == b.id)
                .map(move |m| (m.user_id, b.name.clone()))
        })
        .collect())
}

/// Adds a member with their perspectives (or the perspectives to an existing member) inside
/// `txn`; used by appointing and by the seeders.
pub async fn insert_member(
    txn: &impl ConnectionTrait,
    process_id: i64,
    user_id: i64,
    perspectives: &[Perspective],
    by: i64,
    at: chrono::DateTime<Utc>,
) -> Result<(), AppError> {
    let exists = group_member::Entity::find_by_id((process_id, user_id))
        .one(txn)
        .await
        .context("storing a group member")?
        .is_some();
    if !exists {
        group_member::ActiveModel {
            process_id: Set(process_id),
            user_id: Set(user_id),
            appointed_by: Set(by),
            appointed_at: Set(at),
        }
        .insert(txn)
        .await
        .context("storing a group member")?;
    }
    for perspective in perspectives {
        group_member_perspective::ActiveModel {
            process_id: Set(process_id),
            user_id: Set(user_id),
            perspective: Set(*perspective),
        }
        .insert(txn)
        .await
        .context("storing a group member")?;
    }
    Ok(())
}

/// Appoints an active account to the group with a perspective, or adds the perspective to a
/// member; returns what changed, in German.
pub async fn appoint(
    db: &DatabaseConnection,
    process_id: i64,
    by: i64,
    email: &str,
    perspective: Perspective,
) -> Result<String, AppError> {
    let email = Email::parse(email).map_err(AppError::invalid)?;
    let person = crate::account::ssr::active_user_by_email(db, &email).await?;
    let txn = db.begin().await.context("appointing a member")?;
    // Write first (lock the process row), so two appointments of one person take turns.
    process::Entity::update_many()
        .col_expr(process::Column::Id, Expr::col(process::Column::Id).into())
        .filter(process::Column::Id.eq(process_id))
        .exec(&txn)
        .await
        .context("appointing a member")?;
    let current: Vec<Perspective> = group_member_perspective::Entity::find()
        .filter(group_member_perspective::Column::ProcessId.eq(process_id))
        .filter(group_member_perspective::Column::UserId.eq(person.id))
        .all(&txn)
        .await
        .context("appointing a member")?
        .into_iter()
        .map(|row| row.perspective)
        .collect();
    let appointment = Appointment::decide(&current, perspective);
    let message = appointment.message_de(&person.display_name);
    if matches!(appointment, Appointment::Unchanged(_)) {
        return Ok(message);
    }
    insert_member(&txn, process_id, person.id, &[perspective], by, Utc::now()).await?;
    record(
        &txn,
        Some(by),
        AuditAction::RoleGranted,
        "user",
        Some(person.id),
        serde_json::json!({
            "role": "project_group",
            "process_id": process_id,
            "perspective": perspective.as_str(),
            "previous": current.iter().map(|p| p.as_str()).collect::<Vec<_>>(),
        }),
    )
    .await?;
    txn.commit().await.context("appointing a member")?;
    Ok(message)
}

/// Takes one perspective from a member; the last one cannot be taken (remove the member).
pub async fn remove_perspective(
    db: &DatabaseConnection,
    process_id: i64,
    by: i64,
    user_id: i64,
    perspective: Perspective,
) -> Result<(), AppError> {
    let txn = db.begin().await.context("removing a perspective")?;
    let current = group_member_perspective::Entity::find()
        .filter(group_member_perspective::Column::ProcessId.eq(process_id))
        .filter(group_member_perspective::Column::UserId.eq(user_id))
        .all(&txn)
        .await
        .context("removing a perspective")?;
    if !current.iter().any(|row| row.perspective == perspective) {
        return Err(AppError::NotFound);
    }
    if current.len() == 1 {
        return Err(AppError::Conflict(
            "Das ist die einzige Perspektive dieser Person. Um sie aus der Projektgruppe zu nehmen, wählen Sie „Entfernen“.".into(),
        ));
    }
    group_member_perspective::Entity::delete_by_id((process_id, user_id, perspective))
        .exec(&txn)
        .await
        .context("removing a perspective")?;
    record(
        &txn,
        Some(by),
        AuditAction::RoleRemoved,
        "user",
        Some(user_id),
        serde_json::json!({
            "role": "project_group",
            "process_id": process_id,
            "perspective": perspective.as_str(),
        }),
    )
    .await?;
    txn.commit().await.context("removing a perspective")?;
    Ok(())
}

/// Removes a member from the group.
pub async fn remove_member(
    db: &DatabaseConnection,
    process_id: i64,
    by: i64,
    user_id: i64,
) -> Result<(), AppError> {
    let txn = db.begin().await.context("removing a group member")?;
    group_member_perspective::Entity::delete_many()
        .filter(group_member_perspective::Column::ProcessId.eq(process_id))
        .filter(group_member_perspective::Column::UserId.eq(user_id))
        .exec(&txn)
        .await
        .context("removing a group member")?;
    let result = group_member::Entity::delete_by_id((process_id, user_id))
        .exec(&txn)
        .await
        .context("removing a group member")?;
    if result.rows_affected == 0 {
        return Err(AppError::NotFound);
    }
    record(
        &txn,
        Some(by),
        AuditAction::RoleRemoved,
        "user",
        Some(user_id),
        serde_json::json!({ "role": "project_group", "process_id": process_id }),
    )
    .await?;
    txn.commit().await.context("removing a group member")?;
    Ok(())
}
