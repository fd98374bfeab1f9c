//! Disposition, closing, report and change-link services (server only).

use super::{
    sections_of_blocks, DispositionItem, DispositionList, LinkTarget, LinkedComment, MyComment,
    Report, ReportComment, ReportSection, SectionRef, StatusFilter, DISPOSITION_PAGE_SIZE,
};
use crate::auth::Me;
use crate::domain::access::{self, ProcessAction, ProcessRoles};
use crate::domain::disposition::{
    check_can_decide, check_link_to_change, needs_disposition, totals, DispositionDecision,
    DispositionError, Outcome,
};
use crate::domain::markdown::split_sections;
use crate::domain::round::{check_close, RoundState};
use crate::entities::{
    comment, comment_change, comment_support, disposition, process, round, version,
};
use crate::error::{AppError, Context};
use crate::format::date_time;
use crate::round::ssr::change_links;
use crate::round::ssr::{in_audience, membership, state, summary};
use crate::round::{snippet, split_blocks};
use chrono::Utc;
use sea_orm::sea_query::{OnConflict, Query};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set, TransactionTrait,
};
use std::collections::{HashMap, HashSet};

/// Characters of a comment's first words on the compare page.
const SNIPPET_CHARS: usize = 80;

/// The disposition list's filter.
pub struct ListFilter {
    /// The section's heading paragraph id.
    pub section: Option<String>,
    /// Answered, open or all.
    pub status: StatusFilter,
    /// Only the viewer's own comments.
    pub mine: bool,
    /// The page, 1-based.
    pub page: usize,
}

/// A round the viewer may act on, with its process and the viewer's roles.
pub struct RoundCtx {
    /// The process.
    pub process: process::Model,
    /// The viewer's roles in it.
    pub roles: ProcessRoles,
    /// The round.
    pub round: round::Model,
}

/// The disposition list of a round.
pub fn list_path(round: &round::Model) -> String {
    format!(
        "/prozesse/{}/runden/{}/rueckmeldungen",
        round.process_id, round.id
    )
}

/// Loads a round after checking that `me` may do `action` in its process and takes part.
pub async fn require_round(
    db: &DatabaseConnection,
    me: &Me,
    round_id: i64,
    action: ProcessAction,
) -> Result<RoundCtx, AppError> {
    let (process, roles, round) =
        crate::round::ssr::require_round(db, me, round_id, action).await?;
    Ok(RoundCtx {
        process,
        roles,
        round,
    })
}

fn disposition_error(err: DispositionError) -> AppError {
    match err {
        DispositionError::Unknown(_)
        | DispositionError::KindMissing
        | DispositionError::ReasonMissing(_)
        | DispositionError::ReasonTooLong { .. }
        | DispositionError::Reply
        | DispositionError::NotLinkable => AppError::Invalid(err.to_string()),
        DispositionError::RoundNotStarted | DispositionError::RoundClosed => {
            AppError::Conflict(err.to_string())
        }
    }
}

/// The top-level comments of a round in order, and the dispositions given to them.
async fn round_comments(
    db: &impl ConnectionTrait,
    round_id: i64,
) -> Result<(Vec<comment::Model>, HashMap<i64, disposition::Model>), AppError> {
    let top = comment::Entity::find()
        .filter(comment::Column::RoundId.eq(round_id))
        .filter(comment::Column::ParentId.is_null())
        .order_by_asc(comment::Column::Id)
        .all(db)
        .await
        .context("loading a round's comments and dispositions")?;
    let dispositions = disposition::Entity::find()
        .filter(
            disposition::Column::CommentId.in_subquery(
                Query::select()
                    .column(comment::Column::Id)
                    .from(comment::Entity)
                    .and_where(comment::Column::RoundId.eq(round_id))
                    .to_owned(),
            ),
        )
        .all(db)
        .await
        .context("loading a round's comments and dispositions")?
        .into_iter()
        .map(|d| (d.comment_id, d))
        .collect();
    Ok((top, dispositions))
}

fn outcomes(
    top: &[comment::Model],
    dispositions: &HashMap<i64, disposition::Model>,
) -> Result<Vec<Outcome>, AppError> {
    top.iter()
        .map(|c| {
            let kind = dispositions.get(&c.id).map(|d| d.kind);
            Ok(Outcome::of(c.hidden_reason.is_some(), kind))
        })
        .collect()
}

/// Supporters per comment.
async fn support_counts(
    db: &impl ConnectionTrait,
    ids: &[i64],
) -> Result<HashMap<i64, u64>, AppError> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    Ok(comment_support::Entity::find()
        .select_only()
        .column(comment_support::Column::CommentId)
        .column_as(comment_support::Column::UserId.count(), "n")
        .filter(comment_support::Column::CommentId.is_in(ids.to_vec()))
        .group_by(comment_support::Column::CommentId)
        .into_tuple::<(i64, i64)>()
        .all(db)
        .await
        .context("counting comment supports")?
        .into_iter()
        .map(|(id, n)| (id, n.max(0) as u64))
        .collect())
}

/// The disposition list of a round (project group).
pub async fn list(
    db: &DatabaseConnection,
    me: &Me,
    round_id: i64,
    filter: ListFilter,
) -> Result<DispositionList, AppError> {
    let ctx = require_round(db, me, round_id, ProcessAction::Decide).await?;
    let round = &ctx.round;
    let version = version::Entity::find_by_id(round.version_id)
        .one(db)
        .await
        .context("listing dispositions")?
        .ok_or(AppError::NotFound)?;
    let section_of: HashMap<String, SectionRef> =
        sections_of_blocks(&split_blocks(&version.body_html))
            .into_iter()
            .collect();
    let mut sections: Vec<SectionRef> = Vec::new();
    for block in split_blocks(&version.body_html) {
        if let Some(s) = section_of.get(&block.id) {
            if sections.last().is_none_or(|last| last.id != s.id) {
                sections.push(s.clone());
            }
        }
    }
    let (top, dispositions) = round_comments(db, round.id).await?;
    let totals = totals(&outcomes(&top, &dispositions)?);
    let round_state = state(round)?;
    let matching: Vec<&comment::Model> =
        top.iter()
            .filter(|c| needs_disposition(false, c.hidden_reason.is_some()))
            .filter(|c| filter.status.admits(dispositions.contains_key(&c.id)))
            .filter(|c| !filter.mine || c.author_id == me.id)
            .filter(|c| {
                filter.section.as_deref().is_none_or(|wanted| {
                    section_of.get(&c.block_id).is_some_and(|s| s.id == wanted)
                })
            })
            .collect();
    let pages = matching.len().div_ceil(DISPOSITION_PAGE_SIZE).max(1);
    let page = filter.page.min(pages);
    let on_page: Vec<&comment::Model> = matching
        .iter()
        .skip((page - 1) * DISPOSITION_PAGE_SIZE)
        .take(DISPOSITION_PAGE_SIZE)
        .copied()
        .collect();
    let ids: Vec<i64> = on_page.iter().map(|c| c.id).collect();
    let supports = support_counts(db, &ids).await?;
    let replies: HashMap<i64, i64> = if ids.is_empty() {
        HashMap::new()
    } else {
        comment::Entity::find()
            .select_only()
            .column(comment::Column::ParentId)
            .column_as(comment::Column::Id.count(), "n")
            .filter(comment::Column::ParentId.is_in(ids.clone()))
            .group_by(comment::Column::ParentId)
            .into_tuple::<(i64, i64)>()
            .all(db)
            .await
            .context("listing dispositions")?
            .into_iter()
            .collect()
    };
    let author_ids: HashSet<i64> = on_page
        .iter()
        .filter(|c| !c.anonymous)
        .map(|c| c.author_id)
        .collect();
    let names = crate::account::ssr::display_names(db, author_ids).await?;
    let mut links = change_links(db, &ids).await?;
    let mut items = Vec::with_capacity(on_page.len());
    for c in on_page {
        let answer = dispositions.get(&c.id);
        items.push(DispositionItem {
            id: c.id,
            block_id: c.block_id.clone(),
            section: section_of
                .get(&c.block_id)
                .map(|s| s.title.clone())
                .unwrap_or_default(),
            quote: c.quote.clone(),
            author: (!c.anonymous)
                .then(|| names.get(&c.author_id).cloned())
                .flatten(),
            body: c.body.clone(),
            supports: supports.get(&c.id).copied().unwrap_or(0),
            replies: replies.get(&c.id).copied().unwrap_or(0).max(0) as u64,
            disposition: answer.map(|d| d.kind),
            reason: answer.and_then(|d| d.reason.clone()),
            links: links.remove(&c.id).unwrap_or_default(),
        });
    }
    let close_check = check_close(round_state, totals.needing(), totals.open);
    let link_targets = link_targets(db, ctx.process.id, round.version_id).await?;
    Ok(DispositionList {
        round: summary(db, round).await?,
        process: crate::process::ssr::head(ctx.process, ctx.roles),
        items,
        page,
        pages,
        matching: matching.len(),
        progress: totals.progress_text_de(),
        totals,
        can_decide: check_can_decide(round_state, false).is_ok(),
        can_close: close_check.is_ok(),
        close_hint: match (round_state, close_check) {
            (RoundState::Closed, _) | (_, Ok(())) => None,
            (_, Err(err)) => Some(err.to_string()),
        },
        sections,
        link_targets,
    })
}

/// The sections of the versions published after `version_id` (newest first).
async fn link_targets(
    db: &impl ConnectionTrait,
    process_id: i64,
    version_id: i64,
) -> Result<Vec<LinkTarget>, AppError> {
    let number = crate::round::ssr::version_number(db, version_id).await?;
    let later = version::Entity::find()
        .filter(version::Column::ProcessId.eq(process_id))
        .filter(version::Column::Number.gt(number))
        .order_by_desc(version::Column::Number)
        .all(db)
        .await
        .context("loading change link targets")?;
    Ok(later
        .into_iter()
        .flat_map(|v| {
            split_sections(&v.body)
                .into_iter()
                .map(move |s| LinkTarget {
                    version_number: v.number,
                    anchor: s.anchor,
                    title: s.title,
                })
        })
        .collect())
}

/// Stores the same answer for several comments of the round; returns how many.
pub async fn decide(
    db: &DatabaseConnection,
    me: &Me,
    ctx: &RoundCtx,
    ids: &[i64],
    decision: &DispositionDecision,
) -> Result<usize, AppError> {
    let round_state = state(&ctx.round)?;
    let unique: Vec<i64> = {
        let mut seen = HashSet::new();
        ids.iter().copied().filter(|id| seen.insert(*id)).collect()
    };
    let rows = comment::Entity::find()
        .filter(comment::Column::Id.is_in(unique.clone()))
        .all(db)
        .await
        .context("recording dispositions")?;
    if rows.len() != unique.len() || rows.iter().any(|c| c.round_id != ctx.round.id) {
        return Err(AppError::NotFound);
    }
    for c in &rows {
        check_can_decide(round_state, c.parent_id.is_some()).map_err(disposition_error)?;
        if c.hidden_reason.is_some() {
            return Err(AppError::Invalid(
                "Ausgeblendete Kommentare erhalten keine Rückmeldung; sie zählen im Bericht als „ausgeblendet“."
                    .into(),
            ));
        }
    }
    let now = Utc::now();
    let txn = db.begin().await.context("recording dispositions")?;
    // One statement per batch: a bulk answer to a whole page is one round trip.
    for chunk in unique.chunks(500) {
        let models = chunk.iter().map(|id| disposition::ActiveModel {
            comment_id: Set(*id),
            kind: Set(decision.kind()),
            reason: Set(decision.reason().map(str::to_owned)),
            decided_by: Set(me.id),
            decided_at: Set(now),
        });
        disposition::Entity::insert_many(models)
            .on_conflict(
                OnConflict::column(disposition::Column::CommentId)
                    .update_columns([
                        disposition::Column::Kind,
                        disposition::Column::Reason,
                        disposition::Column::DecidedBy,
                        disposition::Column::DecidedAt,
                    ])
                    .to_owned(),
            )
            .exec(&txn)
            .await
            .context("recording dispositions")?;
    }
    // One entry per answer given, not per comment: a bulk answer is one decision (same answer,
    // same reason, one person, one moment), and 500 comments answered at once stay one entry.
    // A single comment is the entry's object, so filtering by it finds its answer; several
    // comments are listed in the details of an entry about the round.
    let (object_type, object_id) = match unique.as_slice() {
        [one] => ("comment", *one),
        _ => ("round", ctx.round.id),
    };
    crate::audit::ssr::record(
        &txn,
        Some(me.id),
        crate::domain::audit::AuditAction::DispositionSet,
        object_type,
        Some(object_id),
        serde_json::json!({
            "process_id": ctx.process.id,
            "round_id": ctx.round.id,
            "comment_ids": unique,
            "count": unique.len(),
            "disposition": decision.kind().as_str(),
            "reason": decision.reason(),
        }),
    )
    .await?;
    crate::notification::ssr::record(
        &txn,
        Some(me.id),
        crate::domain::notification::Event::CommentsAnswered {
            comment_ids: unique.clone(),
        },
    )
    .await?;
    txn.commit().await.context("recording dispositions")?;
    Ok(unique.len())
}

/// Closes the round if every comment that needs a disposition has one.
pub async fn close(db: &DatabaseConnection, me: &Me, ctx: &RoundCtx) -> Result<(), AppError> {
    let txn = db.begin().await.context("closing a round")?;
    // Close first, count after: the update takes the round's row lock (PostgreSQL) or the
    // write lock (SQLite), and a comment being posted re-checks the round under that lock after
    // its insert (`round::ssr::post`). So every comment is either counted here or refused
    // there; none can slip into a round closed with an unanswered comment. Only an open round
    // is closed, so two clicks at once close it once (and log it once).
    let closed = round::Entity::update_many()
        .col_expr(
            round::Column::ClosedAt,
            sea_orm::sea_query::Expr::value(Utc::now()),
        )
        .filter(round::Column::Id.eq(ctx.round.id))
        .filter(round::Column::ClosedAt.is_null())
        .exec(&txn)
        .await
        .context("closing a round")?;
    let (top, dispositions) = round_comments(&txn, ctx.round.id).await?;
    let t = totals(&outcomes(&top, &dispositions)?);
    // Dropping the transaction on refusal rolls the close back.
    check_close(state(&ctx.round)?, t.needing(), t.open)
        .map_err(|err| AppError::Conflict(err.to_string()))?;
    if closed.rows_affected == 1 {
        crate::audit::ssr::record(
            &txn,
            Some(me.id),
            crate::domain::audit::AuditAction::RoundClosed,
            "round",
            Some(ctx.round.id),
            serde_json::json!({
                "process_id": ctx.process.id,
                "version_id": ctx.round.version_id,
                "comments": t.needing(),
            }),
        )
        .await?;
    }
    txn.commit().await.context("closing a round")?;
    Ok(())
}

/// The feedback report; a draft for the project group before closing.
pub async fn report(
    db: &DatabaseConnection,
    me: &Me,
    process_id: i64,
    round_id: i64,
) -> Result<Report, AppError> {
    let ctx = require_round(db, me, round_id, ProcessAction::View).await?;
    if ctx.round.process_id != process_id {
        return Err(AppError::NotFound);
    }
    let closed = ctx.round.closed_at.is_some();
    let may_see_draft = access::check(
        ctx.roles,
        ProcessAction::Decide,
        crate::process::ssr::facts(&ctx.process),
    )
    .is_ok();
    if !closed && !may_see_draft {
        return Err(AppError::Conflict(
            "Der Rückmeldebericht erscheint, sobald die Projektgruppe die Runde abgeschlossen hat."
                .into(),
        ));
    }
    let version = version::Entity::find_by_id(ctx.round.version_id)
        .one(db)
        .await
        .context("loading the round report")?
        .ok_or(AppError::NotFound)?;
    let blocks = split_blocks(&version.body_html);
    let section_of: HashMap<String, SectionRef> = sections_of_blocks(&blocks).into_iter().collect();
    let (top, dispositions) = round_comments(db, ctx.round.id).await?;
    let totals = totals(&outcomes(&top, &dispositions)?);
    let ids: Vec<i64> = top.iter().map(|c| c.id).collect();
    let mut supports = HashMap::new();
    for chunk in ids.chunks(1000) {
        supports.extend(support_counts(db, chunk).await?);
    }
    let mut by_section: HashMap<String, Vec<ReportComment>> = HashMap::new();
    for c in top {
        let hidden = c.hidden_reason.is_some();
        let answer = dispositions.get(&c.id).filter(|_| !hidden);
        let key = section_of
            .get(&c.block_id)
            .map(|s| s.id.clone())
            .unwrap_or_default();
        by_section.entry(key).or_default().push(ReportComment {
            id: c.id,
            quote: if hidden { None } else { c.quote },
            body: if hidden { String::new() } else { c.body },
            supports: supports.get(&c.id).copied().unwrap_or(0),
            disposition: answer.map(|d| d.kind),
            reason: answer.and_then(|d| d.reason.clone()),
            hidden_reason: c.hidden_reason,
        });
    }
    let mut sections = Vec::new();
    let mut seen = HashSet::new();
    for block in &blocks {
        let Some(s) = section_of.get(&block.id) else {
            continue;
        };
        if !seen.insert(s.id.clone()) {
            continue;
        }
        if let Some(comments) = by_section.remove(&s.id) {
            sections.push(ReportSection {
                title: s.title.clone(),
                comments,
            });
        }
    }
    Ok(Report {
        round: summary(db, &ctx.round).await?,
        process: crate::process::ssr::head(ctx.process, ctx.roles),
        final_report: closed,
        totals,
        sections,
    })
}

/// The viewer's own comments, newest first.
pub async fn mine(db: &DatabaseConnection, me: &Me) -> Result<Vec<MyComment>, AppError> {
    let own = comment::Entity::find()
        .filter(comment::Column::AuthorId.eq(me.id))
        .order_by_desc(comment::Column::Id)
        .limit(500)
        .all(db)
        .await
        .context("loading my comments and their answers")?;
    if own.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<i64> = own.iter().map(|c| c.id).collect();
    let dispositions: HashMap<i64, disposition::Model> = disposition::Entity::find()
        .filter(disposition::Column::CommentId.is_in(ids.clone()))
        .all(db)
        .await
        .context("loading my comments and their answers")?
        .into_iter()
        .map(|d| (d.comment_id, d))
        .collect();
    let round_ids: HashSet<i64> = own.iter().map(|c| c.round_id).collect();
    let rounds: HashMap<i64, round::Model> = round::Entity::find()
        .filter(round::Column::Id.is_in(round_ids))
        .all(db)
        .await
        .context("loading my comments and their answers")?
        .into_iter()
        .map(|r| (r.id, r))
        .collect();
    let process_ids: HashSet<i64> = rounds.values().map(|r| r.process_id).collect();
    let processes: HashMap<i64, process::Model> = process::Entity::find()
        .filter(process::Column::Id.is_in(process_ids))
        .all(db)
        .await
        .context("loading my comments and their answers")?
        .into_iter()
        .map(|p| (p.id, p))
        .collect();
    let version_ids: HashSet<i64> = own.iter().map(|c| c.version_id).collect();
    let numbers: HashMap<i64, i32> = version::Entity::find()
        .filter(version::Column::Id.is_in(version_ids))
        .all(db)
        .await
        .context("loading my comments and their answers")?
        .into_iter()
        .map(|v| (v.id, v.number))
        .collect();
    let mut links = change_links(db, &ids).await?;
    let mut result = Vec::with_capacity(own.len());
    for c in own {
        let (Some(r), answer) = (rounds.get(&c.round_id), dispositions.get(&c.id)) else {
            continue;
        };
        let Some(p) = processes.get(&r.process_id) else {
            continue;
        };
        result.push(MyComment {
            id: c.id,
            process_id: p.id,
            process_title: p.title.clone(),
            round_id: r.id,
            version_number: numbers.get(&c.version_id).copied().unwrap_or(0),
            quote: c.quote,
            body: c.body,
            anonymous: c.anonymous,
            reply: c.parent_id.is_some(),
            created_at: date_time(c.created_at),
            disposition: answer.map(|d| d.kind),
            reason: answer.and_then(|d| d.reason.clone()),
            hidden_reason: c.hidden_reason,
            links: links.remove(&c.id).unwrap_or_default(),
        });
    }
    Ok(result)
}

/// Links a (partly) accepted comment to a section of a later version of its process.
pub async fn link(
    db: &DatabaseConnection,
    me: &Me,
    comment_id: i64,
    version_number: i32,
    anchor: &str,
) -> Result<round::Model, AppError> {
    let c = comment::Entity::find_by_id(comment_id)
        .one(db)
        .await
        .context("linking a comment to a change")?
        .ok_or(AppError::NotFound)?;
    let ctx = require_round(db, me, c.round_id, ProcessAction::Decide).await?;
    let answer = disposition::Entity::find_by_id(c.id)
        .one(db)
        .await
        .context("linking a comment to a change")?;
    let kind = answer.as_ref().map(|d| d.kind);
    check_link_to_change(kind).map_err(disposition_error)?;
    let round_number = crate::round::ssr::version_number(db, ctx.round.version_id).await?;
    let target = version::Entity::find()
        .filter(version::Column::ProcessId.eq(ctx.process.id))
        .filter(version::Column::Number.eq(version_number))
        .one(db)
        .await.context("linking a comment to a change")?
        .filter(|v| v.number > round_number)
        .ok_or_else(|| {
            AppError::Invalid(
                "Kommentare werden mit einer späteren Version verknüpft als der, die kommentiert wurde."
                    .into(),
            )
        })?;
    if !split_sections(&target.body)
        .iter()
        .any(|s| s.anchor == anchor)
    {
        return Err(AppError::Invalid(
            "Diesen Abschnitt gibt es in der gewählten Version nicht.".into(),
        ));
    }
    comment_change::Entity::insert(comment_change::ActiveModel {
        comment_id: Set(c.id),
        version_id: Set(target.id),
        anchor: Set(anchor.to_owned()),
        linked_by: Set(me.id),
        linked_at: Set(Utc::now()),
    })
    .on_conflict(
        OnConflict::columns([
            comment_change::Column::CommentId,
            comment_change::Column::VersionId,
            comment_change::Column::Anchor,
        ])
        .do_nothing()
        .to_owned(),
    )
    .do_nothing()
    .exec(db)
    .await
    .context("linking a comment to a change")?;
    Ok(ctx.round)
}

/// The comments linked to each section of a version, for the compare page. Only comments
/// whose round the viewer (`viewer_id`) takes part in are listed.
pub async fn linked_by_section(
    db: &impl ConnectionTrait,
    roles: ProcessRoles,
    viewer_id: i64,
    version_id: i64,
) -> Result<HashMap<String, Vec<LinkedComment>>, AppError> {
    let rows = comment_change::Entity::find()
        .filter(comment_change::Column::VersionId.eq(version_id))
        .order_by_asc(comment_change::Column::CommentId)
        .all(db)
        .await
        .context("loading linked changes by section")?;
    let mut result: HashMap<String, Vec<LinkedComment>> = HashMap::new();
    if rows.is_empty() {
        return Ok(result);
    }
    let ids: Vec<i64> = rows.iter().map(|r| r.comment_id).collect();
    let comments: HashMap<i64, comment::Model> = comment::Entity::find()
        .filter(comment::Column::Id.is_in(ids.clone()))
        .all(db)
        .await
        .context("loading linked changes by section")?
        .into_iter()
        .map(|c| (c.id, c))
        .collect();
    let dispositions: HashMap<i64, disposition::Model> = disposition::Entity::find()
        .filter(disposition::Column::CommentId.is_in(ids))
        .all(db)
        .await
        .context("loading linked changes by section")?
        .into_iter()
        .map(|d| (d.comment_id, d))
        .collect();
    // Per round: the process, if the viewer takes part in it.
    let member = membership(db, viewer_id).await?;
    let mut audiences: HashMap<i64, Option<i64>> = HashMap::new();
    for row in rows {
        let (Some(c), Some(d)) = (
            comments.get(&row.comment_id),
            dispositions.get(&row.comment_id),
        ) else {
            continue;
        };
        if c.hidden_reason.is_some() {
            continue;
        }
        let visible = match audiences.get(&c.round_id) {
            Some(v) => *v,
            None => {
                let v = match round::Entity::find_by_id(c.round_id)
                    .one(db)
                    .await
                    .context("loading linked changes by section")?
                {
                    Some(r) if in_audience(roles, &r.audience, &member) => Some(r.process_id),
                    _ => None,
                };
                audiences.insert(c.round_id, v);
                v
            }
        };
        let Some(process_id) = visible else {
            continue;
        };
        result.entry(row.anchor).or_default().push(LinkedComment {
            id: c.id,
            process_id,
            round_id: c.round_id,
            snippet: snippet(&c.body, SNIPPET_CHARS),
            disposition: d.kind,
        });
    }
    Ok(result)
}
