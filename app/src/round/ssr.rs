//! Round and comment services (server only).

use super::{
    plain_text, snippet, split_blocks, BlockView, CommentPage, CommentView, OpenRoundBanner,
    RoundList, RoundSummary, RoundView, SupportResult, COMMENT_PAGE_SIZE,
};
use crate::auth::Me;
use crate::domain::access::{self, ProcessAction, ProcessRoles};
use crate::domain::comment::{
    check_anonymous, check_reply, is_duplicate, may_edit, shows_author, toggle_support, Anchor,
    CommentBody, HideReason, RecentSubmission, SupportChange,
};
use crate::domain::process::Step;
use crate::domain::round::{
    check_comment_window, check_open_new, from_berlin_local, remaining_days_text, Audience,
    RoundSchedule, RoundState, VersionFacts,
};
use crate::entities::{
    comment, comment_edit, comment_support, disposition, process, round, user, version,
};
use crate::error::AppError;
use crate::format::date_time;
use chrono::{NaiveDate, NaiveDateTime, NaiveTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait,
    IntoActiveModel, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set, SqlErr,
    TransactionTrait,
};
use std::collections::{HashMap, HashSet};

/// Characters of a paragraph's first words in the comment button's accessible name.
const SNIPPET_CHARS: usize = 60;

/// The form fields of "open a round".
pub struct OpenInput {
    /// `YYYY-MM-DD` or empty (now).
    pub start_date: String,
    /// `HH:MM` or empty.
    pub start_time: String,
    /// `YYYY-MM-DD`.
    pub deadline_date: String,
    /// `HH:MM` or empty (end of day).
    pub deadline_time: String,
    /// `everyone` or `teams`.
    pub audience: String,
    /// Team names, separated by commas or lines.
    pub teams: String,
    /// Whether comments may be anonymous.
    pub anonymous_allowed: bool,
}

/// The form fields of a comment.
pub struct PostInput {
    /// The version shown when the form was filled in.
    pub version_id: i64,
    /// The paragraph.
    pub block_id: String,
    /// The selected passage.
    pub quote: Option<String>,
    /// The text.
    pub body: String,
    /// Posted anonymously.
    pub anonymous: bool,
    /// The comment answered.
    pub parent_id: Option<i64>,
}

/// The round's stored audience.
pub(crate) fn parse_audience(round: &round::Model) -> Result<Audience, AppError> {
    serde_json::from_str(&round.audience).map_err(|err| {
        tracing::error!(error = %err, round = round.id, "unreadable round audience");
        AppError::Internal
    })
}

/// The round's stored schedule.
pub(crate) fn schedule(round: &round::Model) -> Result<RoundSchedule, AppError> {
    RoundSchedule::parse(round.starts_at, round.deadline).map_err(|err| {
        tracing::error!(error = %err, round = round.id, "stored round schedule is invalid");
        AppError::Internal
    })
}

/// The round's state now.
pub(crate) fn state(round: &round::Model) -> Result<RoundState, AppError> {
    Ok(schedule(round)?.state_at(Utc::now(), round.closed_at.is_some()))
}

/// Whether the viewer takes part in a round. The project group and coordinators always do;
/// accounts carry no team or body yet, so team and body audiences include nobody else.
pub(crate) fn in_audience(roles: ProcessRoles, audience: &Audience) -> bool {
    roles.group_member || roles.coordinator || audience.includes(None, &[])
}

fn is_unique_violation(err: &DbErr) -> bool {
    matches!(err.sql_err(), Some(SqlErr::UniqueConstraintViolation(_)))
}

/// The number of a version (0 if it is gone).
pub(crate) async fn version_number(
    db: &impl ConnectionTrait,
    version_id: i64,
) -> Result<i32, AppError> {
    Ok(version::Entity::find_by_id(version_id)
        .one(db)
        .await?
        .map_or(0, |v| v.number))
}

/// A round as lists and headers show it.
pub(crate) async fn summary(
    db: &impl ConnectionTrait,
    round: &round::Model,
) -> Result<RoundSummary, AppError> {
    let audience = parse_audience(round)?;
    let state = state(round)?;
    Ok(RoundSummary {
        id: round.id,
        version_number: version_number(db, round.version_id).await?,
        state,
        starts_at: date_time(round.starts_at),
        deadline: date_time(round.deadline),
        remaining: (state == RoundState::Open)
            .then(|| remaining_days_text(round.deadline, Utc::now()))
            .flatten(),
        audience: audience.label_de(),
        anonymous_allowed: round.anonymous_allowed,
    })
}

/// The rounds of a process that the viewer takes part in, newest first.
pub async fn list(
    db: &DatabaseConnection,
    process: process::Model,
    roles: ProcessRoles,
) -> Result<RoundList, AppError> {
    let rows = round::Entity::find()
        .filter(round::Column::ProcessId.eq(process.id))
        .order_by_desc(round::Column::Id)
        .all(db)
        .await?;
    let mut rounds = Vec::new();
    for row in &rows {
        if in_audience(roles, &parse_audience(row)?) {
            rounds.push(summary(db, row).await?);
        }
    }
    let latest_version = version::Entity::find()
        .filter(version::Column::ProcessId.eq(process.id))
        .order_by_desc(version::Column::Number)
        .one(db)
        .await?
        .map(|v| v.number);
    Ok(RoundList {
        process: crate::draft::ssr::head(process, roles),
        rounds,
        latest_version,
    })
}

fn parse_date(value: &str, field: &str) -> Result<NaiveDate, AppError> {
    NaiveDate::parse_from_str(value.trim(), "%Y-%m-%d")
        .map_err(|_| AppError::Invalid(format!("Bitte geben Sie {field} als Datum an.")))
}

fn parse_time(value: &str, field: &str, default: NaiveTime) -> Result<NaiveTime, AppError> {
    let value = value.trim();
    if value.is_empty() {
        return Ok(default);
    }
    NaiveTime::parse_from_str(value, "%H:%M")
        .or_else(|_| NaiveTime::parse_from_str(value, "%H:%M:%S"))
        .map_err(|_| AppError::Invalid(format!("Bitte geben Sie {field} als Uhrzeit an.")))
}

/// Opens a round on the latest version; returns its id.
pub async fn open(
    db: &DatabaseConnection,
    process: &process::Model,
    by: i64,
    input: OpenInput,
) -> Result<i64, AppError> {
    let now = Utc::now();
    let step = Step::parse(&process.step).map_err(|_| AppError::Internal)?;
    let latest = version::Entity::find()
        .filter(version::Column::ProcessId.eq(process.id))
        .order_by_desc(version::Column::Number)
        .one(db)
        .await?
        .ok_or_else(|| {
            AppError::Conflict(
                "Es gibt noch keine veröffentlichte Version, über die diskutiert werden kann."
                    .into(),
            )
        })?;
    let existing = round::Entity::find()
        .filter(round::Column::ProcessId.eq(process.id))
        .all(db)
        .await?;
    let states = existing.iter().map(state).collect::<Result<Vec<_>, _>>()?;
    check_open_new(
        step,
        VersionFacts {
            latest: true,
            frozen: false,
        },
        &states,
    )
    .map_err(|err| AppError::Conflict(err.to_string()))?;

    let start = if input.start_date.trim().is_empty() {
        now
    } else {
        let date = parse_date(&input.start_date, "den Beginn")?;
        let time = parse_time(&input.start_time, "den Beginn", NaiveTime::MIN)?;
        from_berlin_local(NaiveDateTime::new(date, time)).map_err(AppError::invalid)?
    };
    let end_of_day = NaiveTime::from_hms_opt(23, 59, 0).unwrap_or(NaiveTime::MIN);
    let deadline_date = parse_date(&input.deadline_date, "das Ende")?;
    let deadline_time = parse_time(&input.deadline_time, "das Ende", end_of_day)?;
    let deadline = from_berlin_local(NaiveDateTime::new(deadline_date, deadline_time))
        .map_err(AppError::invalid)?;
    let schedule = RoundSchedule::parse_new(start, deadline, now).map_err(AppError::invalid)?;
    let audience = match input.audience.as_str() {
        "teams" => Audience::teams(input.teams.split([',', '\n'])).map_err(AppError::invalid)?,
        _ => Audience::Everyone,
    };
    let audience = serde_json::to_string(&audience).map_err(|_| AppError::Internal)?;
    let created = round::ActiveModel {
        process_id: Set(process.id),
        version_id: Set(latest.id),
        starts_at: Set(schedule.start()),
        deadline: Set(schedule.deadline()),
        audience: Set(audience),
        anonymous_allowed: Set(input.anonymous_allowed),
        opened_by: Set(by),
        opened_at: Set(now),
        closed_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(created.id)
}

/// Open rounds (started, before the deadline) whose audience includes `me`.
pub async fn open_for(db: &DatabaseConnection, me: &Me) -> Result<Vec<OpenRoundBanner>, AppError> {
    let now = Utc::now();
    let rows = round::Entity::find()
        .filter(round::Column::ClosedAt.is_null())
        .filter(round::Column::StartsAt.lte(now))
        .filter(round::Column::Deadline.gt(now))
        .order_by_asc(round::Column::Deadline)
        .all(db)
        .await?;
    let mut banners = Vec::new();
    for row in rows {
        let Some(process) = process::Entity::find_by_id(row.process_id).one(db).await? else {
            continue;
        };
        let roles = crate::process::ssr::roles(db, me, process.id).await?;
        if !in_audience(roles, &parse_audience(&row)?) {
            continue;
        }
        banners.push(OpenRoundBanner {
            process_id: process.id,
            round_id: row.id,
            title: process.title,
            version_number: version_number(db, row.version_id).await?,
            remaining: remaining_days_text(row.deadline, now).unwrap_or_default(),
        });
    }
    Ok(banners)
}

/// A round with its process, after checking that `me` may do `action` and takes part.
pub(crate) async fn require_round(
    db: &DatabaseConnection,
    me: &Me,
    round_id: i64,
    action: ProcessAction,
) -> Result<(process::Model, ProcessRoles, round::Model), AppError> {
    let round = round::Entity::find_by_id(round_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let (process, roles) = crate::process::ssr::require(db, me, round.process_id, action).await?;
    if !in_audience(roles, &parse_audience(&round)?) {
        return Err(AppError::Forbidden);
    }
    Ok((process, roles, round))
}

/// A comment with its round and process, after the same checks as [`require_round`].
async fn require_comment(
    db: &DatabaseConnection,
    me: &Me,
    comment_id: i64,
    action: ProcessAction,
) -> Result<(ProcessRoles, round::Model, comment::Model), AppError> {
    let comment = comment::Entity::find_by_id(comment_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let (_, roles, round) = require_round(db, me, comment.round_id, action).await?;
    Ok((roles, round, comment))
}

/// The round page's data.
pub async fn view(
    db: &DatabaseConnection,
    me: &Me,
    process_id: i64,
    round_id: i64,
) -> Result<RoundView, AppError> {
    let (process, roles, round) = require_round(db, me, round_id, ProcessAction::View).await?;
    if round.process_id != process_id {
        return Err(AppError::NotFound);
    }
    let version = version::Entity::find_by_id(round.version_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let counts: HashMap<String, i64> = comment::Entity::find()
        .select_only()
        .column(comment::Column::BlockId)
        .column_as(comment::Column::Id.count(), "n")
        .filter(comment::Column::RoundId.eq(round.id))
        .group_by(comment::Column::BlockId)
        .into_tuple::<(String, i64)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let blocks: Vec<BlockView> = split_blocks(&version.body_html)
        .into_iter()
        .enumerate()
        .map(|(i, block)| BlockView {
            comments: counts.get(&block.id).copied().unwrap_or(0).max(0) as u64,
            snippet: snippet(&plain_text(&block.html), SNIPPET_CHARS),
            position: i + 1,
            id: block.id,
            html: block.html,
        })
        .collect();
    let total_comments = counts.values().map(|n| (*n).max(0) as u64).sum();
    let window = check_comment_window(&schedule(&round)?, round.closed_at.is_some(), Utc::now());
    let facts = crate::process::ssr::facts(&process);
    let may_comment = access::check(roles, ProcessAction::Comment, facts).is_ok();
    let can_moderate = access::check(roles, ProcessAction::Moderate, facts).is_ok();
    Ok(RoundView {
        round: summary(db, &round).await?,
        process: crate::draft::ssr::head(process, roles),
        version_id: version.id,
        blocks,
        can_comment: may_comment && window.is_ok(),
        closed_message: window.err().map(|e| e.to_string()),
        can_moderate,
        total_comments,
    })
}

/// One page of top-level comments with their replies.
pub async fn comments(
    db: &DatabaseConnection,
    me: &Me,
    round_id: i64,
    block: Option<&str>,
    after: i64,
) -> Result<CommentPage, AppError> {
    let (process, roles, round) = require_round(db, me, round_id, ProcessAction::View).await?;
    let moderator = access::check(
        roles,
        ProcessAction::Moderate,
        crate::process::ssr::facts(&process),
    )
    .is_ok();
    let mut query = comment::Entity::find()
        .filter(comment::Column::RoundId.eq(round.id))
        .filter(comment::Column::ParentId.is_null())
        .filter(comment::Column::Id.gt(after));
    if let Some(block) = block {
        query = query.filter(comment::Column::BlockId.eq(block));
    }
    let mut top = query
        .order_by_asc(comment::Column::Id)
        .limit(COMMENT_PAGE_SIZE + 1)
        .all(db)
        .await?;
    let next_after = if top.len() as u64 > COMMENT_PAGE_SIZE {
        top.truncate(COMMENT_PAGE_SIZE as usize);
        top.last().map(|c| c.id)
    } else {
        None
    };
    let top_ids: Vec<i64> = top.iter().map(|c| c.id).collect();
    let replies = if top_ids.is_empty() {
        Vec::new()
    } else {
        comment::Entity::find()
            .filter(comment::Column::ParentId.is_in(top_ids.clone()))
            .order_by_asc(comment::Column::Id)
            .all(db)
            .await?
    };
    let all_ids: Vec<i64> = top_ids
        .iter()
        .copied()
        .chain(replies.iter().map(|c| c.id))
        .collect();
    let mut supports: HashMap<i64, i64> = HashMap::new();
    let mut mine: HashSet<i64> = HashSet::new();
    let mut answered: HashSet<i64> = HashSet::new();
    if !all_ids.is_empty() {
        supports = comment_support::Entity::find()
            .select_only()
            .column(comment_support::Column::CommentId)
            .column_as(comment_support::Column::UserId.count(), "n")
            .filter(comment_support::Column::CommentId.is_in(all_ids.clone()))
            .group_by(comment_support::Column::CommentId)
            .into_tuple::<(i64, i64)>()
            .all(db)
            .await?
            .into_iter()
            .collect();
        mine = comment_support::Entity::find()
            .filter(comment_support::Column::CommentId.is_in(all_ids.clone()))
            .filter(comment_support::Column::UserId.eq(me.id))
            .all(db)
            .await?
            .into_iter()
            .map(|s| s.comment_id)
            .collect();
        answered = disposition::Entity::find()
            .filter(disposition::Column::CommentId.is_in(all_ids.clone()))
            .all(db)
            .await?
            .into_iter()
            .map(|d| d.comment_id)
            .collect();
    }
    let author_ids: HashSet<i64> = top
        .iter()
        .chain(replies.iter())
        .filter(|c| !c.anonymous)
        .map(|c| c.author_id)
        .collect();
    let names: HashMap<i64, String> = if author_ids.is_empty() {
        HashMap::new()
    } else {
        user::Entity::find()
            .filter(user::Column::Id.is_in(author_ids))
            .all(db)
            .await?
            .into_iter()
            .map(|u| (u.id, u.display_name))
            .collect()
    };
    let to_view = |c: comment::Model| -> CommentView {
        let is_mine = c.author_id == me.id;
        let hidden = c.hidden_reason.is_some();
        let may_read_hidden = is_mine || moderator;
        CommentView {
            author: shows_author(c.anonymous, is_mine)
                .then(|| {
                    if c.anonymous {
                        None
                    } else {
                        names.get(&c.author_id).cloned()
                    }
                })
                .flatten(),
            mine: is_mine,
            anonymous: c.anonymous,
            body: if hidden && !may_read_hidden {
                String::new()
            } else {
                c.body
            },
            hidden,
            hidden_reason: if may_read_hidden {
                c.hidden_reason
            } else {
                None
            },
            supports: supports.get(&c.id).copied().unwrap_or(0).max(0) as u64,
            supported: mine.contains(&c.id),
            edited: c.edited_at.is_some(),
            answered: answered.contains(&c.id),
            created_at: date_time(c.created_at),
            id: c.id,
            block_id: c.block_id,
            quote: c.quote,
            parent_id: c.parent_id,
            replies: Vec::new(),
        }
    };
    let mut by_parent: HashMap<i64, Vec<CommentView>> = HashMap::new();
    for reply in replies {
        let parent = reply.parent_id.unwrap_or_default();
        by_parent.entry(parent).or_default().push(to_view(reply));
    }
    let comments = top
        .into_iter()
        .map(|c| {
            let id = c.id;
            let mut view = to_view(c);
            view.replies = by_parent.remove(&id).unwrap_or_default();
            view
        })
        .collect();
    Ok(CommentPage {
        comments,
        next_after,
    })
}

/// Stores a comment or reply; returns its id (the stored one for a repeated submission).
pub async fn post(
    db: &DatabaseConnection,
    me: &Me,
    round_id: i64,
    input: PostInput,
) -> Result<i64, AppError> {
    let (_, _, round) = require_round(db, me, round_id, ProcessAction::Comment).await?;
    let now = Utc::now();
    check_comment_window(&schedule(&round)?, round.closed_at.is_some(), now)
        .map_err(|err| AppError::Conflict(err.to_string()))?;
    let body = CommentBody::parse(&input.body).map_err(AppError::invalid)?;
    check_anonymous(input.anonymous, round.anonymous_allowed).map_err(AppError::invalid)?;
    if input.version_id != round.version_id {
        return Err(AppError::Conflict(
            "Diese Runde bezieht sich auf eine andere Version. Bitte laden Sie die Seite neu."
                .into(),
        ));
    }
    let (block_id, quote) = match input.parent_id {
        Some(parent_id) => {
            let parent = comment::Entity::find_by_id(parent_id)
                .one(db)
                .await?
                .filter(|p| p.round_id == round.id)
                .ok_or(AppError::NotFound)?;
            check_reply(parent.parent_id.is_some()).map_err(AppError::invalid)?;
            (parent.block_id, None)
        }
        None => {
            let anchor = Anchor::parse(round.version_id, &input.block_id, input.quote.as_deref())
                .map_err(AppError::invalid)?;
            let version = version::Entity::find_by_id(round.version_id)
                .one(db)
                .await?
                .ok_or(AppError::NotFound)?;
            let block = split_blocks(&version.body_html)
                .into_iter()
                .find(|b| b.id == anchor.block_id())
                .ok_or_else(|| {
                    AppError::invalid(crate::domain::comment::CommentError::InvalidBlock)
                })?;
            anchor
                .check_quote_in(&plain_text(&block.html))
                .map_err(AppError::invalid)?;
            (
                anchor.block_id().to_owned(),
                anchor.quote().map(str::to_owned),
            )
        }
    };
    let hash = body.fingerprint();
    let previous = comment::Entity::find()
        .filter(comment::Column::RoundId.eq(round.id))
        .filter(comment::Column::AuthorId.eq(me.id))
        .order_by_desc(comment::Column::Id)
        .one(db)
        .await?;
    let recent = previous.as_ref().map(|p| RecentSubmission {
        author_id: p.author_id,
        body_hash: p.body_hash.clone(),
        at: p.created_at,
    });
    if let Some(previous) = previous.filter(|_| is_duplicate(recent.as_ref(), me.id, &hash, now)) {
        return Ok(previous.id);
    }
    let created = comment::ActiveModel {
        round_id: Set(round.id),
        version_id: Set(round.version_id),
        block_id: Set(block_id),
        quote: Set(quote),
        parent_id: Set(input.parent_id),
        author_id: Set(me.id),
        anonymous: Set(input.anonymous),
        body: Set(body.as_str().to_owned()),
        body_hash: Set(hash),
        hidden_reason: Set(None),
        hidden_by: Set(None),
        created_at: Set(now),
        edited_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(created.id)
}

/// Replaces an own comment's text and keeps the old one in `comment_edits`.
pub async fn edit(
    db: &DatabaseConnection,
    me: &Me,
    comment_id: i64,
    body: &str,
) -> Result<(), AppError> {
    let (_, round, comment) = require_comment(db, me, comment_id, ProcessAction::Comment).await?;
    let answered = disposition::Entity::find_by_id(comment.id)
        .one(db)
        .await?
        .is_some();
    may_edit(comment.author_id, me.id, answered, state(&round)?).map_err(|err| match err {
        crate::domain::comment::CommentError::NotAuthor => AppError::Forbidden,
        other => AppError::Conflict(other.to_string()),
    })?;
    let body = CommentBody::parse(body).map_err(AppError::invalid)?;
    if body.as_str() == comment.body {
        return Ok(());
    }
    let now = Utc::now();
    let txn = db.begin().await?;
    comment_edit::ActiveModel {
        comment_id: Set(comment.id),
        body: Set(comment.body.clone()),
        edited_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let mut active = comment.into_active_model();
    active.body_hash = Set(body.fingerprint());
    active.body = Set(body.as_str().to_owned());
    active.edited_at = Set(Some(now));
    active.update(&txn).await?;
    txn.commit().await?;
    Ok(())
}

/// Adds or withdraws `me`'s support.
pub async fn support(
    db: &DatabaseConnection,
    me: &Me,
    comment_id: i64,
) -> Result<SupportResult, AppError> {
    let (_, round, comment) = require_comment(db, me, comment_id, ProcessAction::Comment).await?;
    let already = comment_support::Entity::find_by_id((comment.id, me.id))
        .one(db)
        .await?
        .is_some();
    let change = toggle_support(already, comment.author_id == me.id, state(&round)?)
        .map_err(|err| AppError::Conflict(err.to_string()))?;
    match change {
        SupportChange::Add => {
            let inserted = comment_support::ActiveModel {
                comment_id: Set(comment.id),
                user_id: Set(me.id),
                created_at: Set(Utc::now()),
            }
            .insert(db)
            .await;
            // A double click that raced the first insert: the support is already there.
            match inserted {
                Ok(_) => {}
                Err(err) if is_unique_violation(&err) => {}
                Err(err) => return Err(err.into()),
            }
        }
        SupportChange::Withdraw => {
            comment_support::Entity::delete_many()
                .filter(comment_support::Column::CommentId.eq(comment.id))
                .filter(comment_support::Column::UserId.eq(me.id))
                .exec(db)
                .await?;
        }
    }
    let supports = comment_support::Entity::find()
        .filter(comment_support::Column::CommentId.eq(comment.id))
        .count(db)
        .await?;
    Ok(SupportResult { change, supports })
}

/// Hides a comment with a reason (it keeps counting in the report).
pub async fn hide(
    db: &DatabaseConnection,
    me: &Me,
    comment_id: i64,
    reason: &str,
) -> Result<(), AppError> {
    let (_, _, comment) = require_comment(db, me, comment_id, ProcessAction::Moderate).await?;
    let reason = HideReason::parse(reason).map_err(AppError::invalid)?;
    comment::Entity::update_many()
        .col_expr(
            comment::Column::HiddenReason,
            Expr::value(reason.as_str().to_owned()),
        )
        .col_expr(comment::Column::HiddenBy, Expr::value(me.id))
        .filter(comment::Column::Id.eq(comment.id))
        .exec(db)
        .await?;
    Ok(())
}
