//! Review services (server only): the review page, rescheduling, starting a review (one
//! transaction: the review record, the new revision, the working draft seeded from the adopted
//! text, the carried-in inputs, the timeline and the audit entry) and the dashboard list.

use super::{DueReview, InForce, ReviewInputView, ReviewPageView, ReviewView};
use crate::adoption::ssr::adopted_proposal;
use crate::auth::Me;
use crate::domain::access::ProcessRoles;
use crate::domain::account::Role;
use crate::domain::adoption::{ReviewSchedule, ReviewTrigger};
use crate::domain::audit::AuditAction;
use crate::domain::dialogue::PostKind;
use crate::domain::disposition::Disposition;
use crate::domain::process::Step;
use crate::domain::review::{check_in_force, InputSource, Reentry, StartError, Urgency};
use crate::draft::ssr::content_hash;
use crate::entities::{
    adoption_proposal, comment, dialogue_post, disposition, process, review, review_input, round,
    version, working_draft,
};
use crate::error::{is_unique_violation, AppError, Context};
use crate::format::{date, date_time};
use crate::process::ssr::head;
use chrono::{NaiveDate, Utc};
use chrono_tz::Europe::Berlin;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    IntoActiveModel, QueryFilter, QueryOrder, Set, TransactionTrait,
};
use std::collections::HashSet;

/// Today's date in Germany.
fn today() -> NaiveDate {
    Utc::now().with_timezone(&Berlin).date_naive()
}

fn refused(err: StartError) -> AppError {
    AppError::Conflict(err.to_string())
}

/// The adoption date of a proposal (German calendar day).
fn adopted_on(p: &adoption_proposal::Model) -> NaiveDate {
    p.adopted_at
        .map(|at| at.with_timezone(&Berlin).date_naive())
        .unwrap_or_else(today)
}

/// The source ids already carried into some review of the process.
async fn carried(
    db: &impl ConnectionTrait,
    process_id: i64,
    source: InputSource,
) -> Result<HashSet<i64>, AppError> {
    let reviews: Vec<i64> = review::Entity::find()
        .filter(review::Column::ProcessId.eq(process_id))
        .all(db)
        .await
        .context("loading carried-over items for a review")?
        .into_iter()
        .map(|r| r.id)
        .collect();
    Ok(review_input::Entity::find()
        .filter(review_input::Column::ReviewId.is_in(reviews))
        .filter(review_input::Column::Source.eq(source))
        .all(db)
        .await
        .context("loading carried-over items for a review")?
        .into_iter()
        .map(|i| i.source_id)
        .collect())
}

/// Needs for change not yet carried into a review and not hidden by moderation, oldest first.
async fn waiting_needs(
    db: &impl ConnectionTrait,
    process_id: i64,
) -> Result<Vec<dialogue_post::Model>, AppError> {
    let done = carried(db, process_id, InputSource::NeedForChange).await?;
    Ok(dialogue_post::Entity::find()
        .filter(dialogue_post::Column::ProcessId.eq(process_id))
        .filter(dialogue_post::Column::Kind.eq(PostKind::NeedForChange))
        .order_by_asc(dialogue_post::Column::Id)
        .all(db)
        .await
        .context("loading open needs")?
        .into_iter()
        .filter(|p| !done.contains(&p.id))
        .filter(|p| crate::domain::dialogue::carried_into_review(p.kind, p.hidden_reason.is_some()))
        .collect())
}

/// Visible comments answered "deferred" and not yet carried into a review, with the reason
/// and round, oldest first.
async fn waiting_deferred(
    db: &impl ConnectionTrait,
    process_id: i64,
) -> Result<Vec<(comment::Model, Option<String>)>, AppError> {
    let done = carried(db, process_id, InputSource::DeferredComment).await?;
    let rounds: Vec<i64> = round::Entity::find()
        .filter(round::Column::ProcessId.eq(process_id))
        .all(db)
        .await
        .context("loading deferred comments")?
        .into_iter()
        .map(|r| r.id)
        .collect();
    let comments = comment::Entity::find()
        .filter(comment::Column::RoundId.is_in(rounds))
        .filter(comment::Column::HiddenReason.is_null())
        .order_by_asc(comment::Column::Id)
        .all(db)
        .await
        .context("loading deferred comments")?;
    let deferred: std::collections::HashMap<i64, Option<String>> = disposition::Entity::find()
        .filter(disposition::Column::CommentId.is_in(comments.iter().map(|c| c.id)))
        .filter(disposition::Column::Kind.eq(Disposition::Deferred))
        .all(db)
        .await
        .context("loading deferred comments")?
        .into_iter()
        .map(|d| (d.comment_id, d.reason))
        .collect();
    Ok(comments
        .into_iter()
        .filter(|c| !done.contains(&c.id))
        .filter_map(|c| deferred.get(&c.id).cloned().map(|reason| (c, reason)))
        .collect())
}

/// The rounds of a process whose comments the viewer may read: those whose audience includes
/// them (every round for the project group and coordinators).
async fn readable_rounds(
    db: &impl ConnectionTrait,
    me: &Me,
    roles: ProcessRoles,
    process_id: i64,
) -> Result<HashSet<i64>, AppError> {
    use crate::round::ssr::{in_audience, membership};
    let member = membership(db, me.id).await?;
    let mut readable = HashSet::new();
    for round in round::Entity::find()
        .filter(round::Column::ProcessId.eq(process_id))
        .all(db)
        .await
        .context("loading readable rounds")?
    {
        if in_audience(roles, &round.audience, &member) {
            readable.insert(round.id);
        }
    }
    Ok(readable)
}

/// The review page's data. Carried-in comments keep the audience of their round: a staff
/// member outside a team round sees neither its deferred comments nor the group's reasons.
pub async fn view(
    db: &DatabaseConnection,
    me: &Me,
    process: process::Model,
    roles: ProcessRoles,
) -> Result<ReviewPageView, AppError> {
    let readable = readable_rounds(db, me, roles, process.id).await?;
    let may_read = |round_id: Option<i64>| round_id.is_none_or(|id| readable.contains(&id));
    let step = process.step;
    let adopted = adopted_proposal(db, process.id).await?;
    let in_force = match &adopted {
        Some(p) => {
            let number = version::Entity::find_by_id(p.version_id)
                .one(db)
                .await
                .context("loading the review page")?
                .map(|v| v.number)
                .unwrap_or_default();
            let next = p
                .next_review
                .unwrap_or_else(|| ReviewSchedule::after_adoption(adopted_on(p)).next_review());
            let today = today();
            let urgency = Urgency::at(next, today);
            Some(InForce {
                version_number: number,
                adopted_on: date(adopted_on(p)),
                next_review: date(next),
                next_review_iso: next.format("%Y-%m-%d").to_string(),
                status_text: if urgency == Urgency::Overdue {
                    format!("Überprüfung überfällig seit {}", date(next))
                } else {
                    format!("Überprüfung fällig am {}", date(next))
                },
                urgency: urgency.label_de().to_owned(),
            })
        }
        None => None,
    };
    let rows = review::Entity::find()
        .filter(review::Column::ProcessId.eq(process.id))
        .order_by_desc(review::Column::Id)
        .all(db)
        .await
        .context("loading the review page")?;
    let inputs = review_input::Entity::find()
        .filter(review_input::Column::ReviewId.is_in(rows.iter().map(|r| r.id)))
        .order_by_asc(review_input::Column::Id)
        .all(db)
        .await
        .context("loading the review page")?;
    let names = crate::account::ssr::display_names(db, rows.iter().map(|r| r.started_by)).await?;
    let reviews = rows
        .into_iter()
        .map(|r| {
            let trigger = r.trigger_kind.label_de().to_owned();
            let reentry = format!("{}. {}", r.reentry_step.number(), r.reentry_step.label_de());
            ReviewView {
                id: r.id,
                revision: r.revision,
                trigger,
                trigger_text: r.trigger_text.clone(),
                reentry,
                from_version_number: r.from_version_number,
                content_hash: r.content_hash.clone(),
                started_by: names
                    .get(&r.started_by)
                    .cloned()
                    .unwrap_or_else(|| "Unbekannt".into()),
                started_at: date_time(r.started_at),
                inputs: inputs
                    .iter()
                    .filter(|i| i.review_id == r.id && may_read(i.round_id))
                    .map(|i| ReviewInputView {
                        source: i.source.label_de().to_owned(),
                        body: i.body.clone(),
                        note: i.note.clone(),
                        link: i.link.clone(),
                        created_at: date_time(i.source_created_at),
                    })
                    .collect(),
            }
        })
        .collect();
    let waiting_needs = waiting_needs(db, process.id).await?.len() as u64;
    let waiting_deferred = waiting_deferred(db, process.id)
        .await?
        .iter()
        .filter(|(c, _)| may_read(Some(c.round_id)))
        .count() as u64;
    Ok(ReviewPageView {
        under_review: adopted.is_some() && step != Step::Review,
        in_force,
        can_manage: roles.coordinator,
        waiting_needs,
        waiting_deferred,
        reviews,
        process: head(process, roles),
    })
}

/// Moves the next review of the guideline in force to `next_review`.
pub async fn reschedule(
    db: &DatabaseConnection,
    process: &process::Model,
    by: i64,
    next_review: NaiveDate,
) -> Result<(), AppError> {
    let step = process.step;
    let adopted = adopted_proposal(db, process.id).await?;
    check_in_force(step, adopted.is_some()).map_err(refused)?;
    let proposal =
        adopted.context("rescheduling a review: in force without an adopted proposal")?;
    let schedule = ReviewSchedule::after_adoption(adopted_on(&proposal))
        .reschedule(next_review, today())
        .map_err(AppError::invalid)?;
    let previous = proposal.next_review;
    let txn = db.begin().await.context("rescheduling a review")?;
    let proposal_id = proposal.id;
    let mut active = proposal.into_active_model();
    active.next_review = Set(Some(schedule.next_review()));
    active.update(&txn).await.context("rescheduling a review")?;
    crate::audit::ssr::record(
        &txn,
        Some(by),
        AuditAction::ReviewRescheduled,
        "process",
        Some(process.id),
        serde_json::json!({
            "proposal_id": proposal_id,
            "from": previous.map(|d| d.to_string()),
            "to": schedule.next_review().to_string(),
        }),
    )
    .await?;
    txn.commit().await.context("rescheduling a review")?;
    Ok(())
}

/// Starts a review in one transaction; returns the review's id.
pub async fn start(
    db: &DatabaseConnection,
    process: &process::Model,
    by: i64,
    trigger: &ReviewTrigger,
    reentry: Reentry,
) -> Result<i64, AppError> {
    let now = Utc::now();
    let txn = db.begin().await.context("starting a review")?;
    // Write first: takes SQLite's write lock at once and locks the process row on PostgreSQL,
    // so two coordinators starting at once take turns and the second sees the new step.
    process::Entity::update_many()
        .col_expr(process::Column::Id, Expr::col(process::Column::Id).into())
        .filter(process::Column::Id.eq(process.id))
        .exec(&txn)
        .await
        .context("starting a review")?;
    let current = process::Entity::find_by_id(process.id)
        .one(&txn)
        .await
        .context("starting a review")?
        .ok_or(AppError::NotFound)?;
    let step = current.step;
    let adopted = adopted_proposal(&txn, process.id).await?;
    check_in_force(step, adopted.is_some()).map_err(refused)?;
    let proposal = adopted.context("starting a review: in force without an adopted proposal")?;
    let adopted_version = version::Entity::find_by_id(proposal.version_id)
        .one(&txn)
        .await
        .context("starting a review: loading the adopted version")?
        .context("starting a review: the adopted version is missing")?;
    let hash = content_hash(&adopted_version.body);
    if hash != proposal.frozen_hash {
        return Err(AppError::internal(
            "starting a review: checking the adopted version",
            format_args!(
                "process {}: the text differs from its frozen hash",
                process.id
            ),
        ));
    }
    let revision = current.revision + 1;
    let to = reentry.step();
    let inserted = review::ActiveModel {
        process_id: Set(process.id),
        revision: Set(revision),
        trigger_kind: Set(trigger.kind()),
        trigger_text: Set(trigger.description().map(str::to_owned)),
        reentry_step: Set(to),
        from_proposal_id: Set(proposal.id),
        from_version_id: Set(adopted_version.id),
        from_version_number: Set(adopted_version.number),
        content_hash: Set(hash.clone()),
        started_by: Set(by),
        started_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await;
    let review = match inserted {
        Ok(row) => row,
        Err(err) if is_unique_violation(&err) => {
            return Err(refused(StartError::AlreadyUnderReview(step)))
        }
        Err(err) => return Err(err.into()),
    };
    let mut inputs = 0usize;
    for post in waiting_needs(&txn, process.id).await? {
        review_input::ActiveModel {
            review_id: Set(review.id),
            source: Set(InputSource::NeedForChange),
            source_id: Set(post.id),
            body: Set(post.body),
            note: Set(None),
            link: Set(format!(
                "/prozesse/{}/erfahrungen?art={}#erfahrung-{}",
                process.id,
                PostKind::NeedForChange.as_str(),
                post.id
            )),
            source_created_at: Set(post.created_at),
            round_id: Set(None),
            ..Default::default()
        }
        .insert(&txn)
        .await
        .context("starting a review")?;
        inputs += 1;
    }
    for (c, reason) in waiting_deferred(&txn, process.id).await? {
        review_input::ActiveModel {
            review_id: Set(review.id),
            source: Set(InputSource::DeferredComment),
            source_id: Set(c.id),
            body: Set(c.body),
            note: Set(reason),
            link: Set(format!(
                "/prozesse/{}/runden/{}/bericht",
                process.id, c.round_id
            )),
            source_created_at: Set(c.created_at),
            round_id: Set(Some(c.round_id)),
            ..Default::default()
        }
        .insert(&txn)
        .await
        .context("starting a review")?;
        inputs += 1;
    }
    // The new revision's working draft starts from the adopted text.
    match working_draft::Entity::find_by_id(process.id)
        .one(&txn)
        .await
        .context("starting a review")?
    {
        Some(draft) => {
            let count = draft.edit_count + 1;
            let mut active = draft.into_active_model();
            active.body = Set(adopted_version.body.clone());
            active.edit_count = Set(count);
            active.updated_by = Set(by);
            active.updated_at = Set(now);
            active.update(&txn).await.context("starting a review")?;
        }
        None => {
            working_draft::ActiveModel {
                process_id: Set(process.id),
                body: Set(adopted_version.body.clone()),
                edit_count: Set(1),
                updated_by: Set(by),
                updated_at: Set(now),
            }
            .insert(&txn)
            .await
            .context("starting a review")?;
        }
    }
    use crate::process::transition::{transition, Transition, Via};
    let change = Transition {
        to,
        reason: Some(trigger.reason_de()),
        by,
        at: now,
        new_revision: true,
        via: Via::Review,
    };
    let changed = transition(&txn, process.id, current.step, change).await?;
    // One audit entry for the review with its step change (`from`, `to`, `reason`, `revision`).
    let mut details = changed.audit_details();
    for (key, value) in [
        ("review_id", serde_json::json!(review.id)),
        ("trigger", serde_json::json!(trigger.as_str())),
        ("trigger_text", serde_json::json!(trigger.description())),
        ("from_version", serde_json::json!(adopted_version.number)),
        ("content_hash", serde_json::json!(hash)),
        ("inputs", serde_json::json!(inputs)),
    ] {
        details[key] = value;
    }
    crate::audit::ssr::record(
        &txn,
        Some(by),
        AuditAction::ReviewStarted,
        "process",
        Some(process.id),
        details,
    )
    .await?;
    txn.commit().await.context("starting a review")?;
    Ok(review.id)
}

/// Due and overdue reviews of guidelines in force, for the processes `me` coordinates (all,
/// for coordinators) or works on in the project group; overdue first.
pub async fn due(db: &DatabaseConnection, me: &Me) -> Result<Vec<DueReview>, AppError> {
    let coordinator = me.roles.contains(&Role::Coordinator);
    let mut query = process::Entity::find().filter(process::Column::Step.eq(Step::Review));
    if !coordinator {
        let mine = crate::process::ssr::groups_of(db, me.id).await?;
        if mine.is_empty() {
            return Ok(Vec::new());
        }
        query = query.filter(process::Column::Id.is_in(mine));
    }
    let processes = query.all(db).await.context("loading due reviews")?;
    let today = today();
    let mut due = Vec::new();
    for p in processes {
        let Some(proposal) = adopted_proposal(db, p.id).await? else {
            continue;
        };
        let next = proposal
            .next_review
            .unwrap_or_else(|| ReviewSchedule::after_adoption(adopted_on(&proposal)).next_review());
        let urgency = Urgency::at(next, today);
        if urgency == Urgency::Later {
            continue;
        }
        due.push((
            urgency,
            next,
            DueReview {
                process_id: p.id,
                title: p.title,
                status_text: if urgency == Urgency::Overdue {
                    format!("Überprüfung überfällig seit {}", date(next))
                } else {
                    format!("Überprüfung fällig am {}", date(next))
                },
                overdue: urgency == Urgency::Overdue,
            },
        ));
    }
    due.sort_by_key(|(u, next, _)| (*u, *next));
    Ok(due.into_iter().map(|(_, _, d)| d).collect())
}
