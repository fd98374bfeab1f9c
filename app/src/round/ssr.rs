//! Round and comment services (server only).

use super::{
    plain_text, snippet, split_blocks, BlockView, CommentPage, CommentView, ListedComment,
    OpenRoundBanner, ReplyPage, RoundComments, RoundList, RoundSummary, RoundView, SupportResult,
    COMMENT_LIST_PAGE_SIZE, COMMENT_PAGE_SIZE, FIRST_COMMENTS_PER_BLOCK,
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
use crate::error::{is_unique_violation, AppError, Context};
use crate::format::date_time;
use crate::thread::{
    first_reply_ids, reply_counts, COMMENT_REPLIES, REPLIES_SHOWN, REPLY_PAGE_SIZE,
};
use chrono::{NaiveDate, NaiveDateTime, NaiveTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    IntoActiveModel, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set, TransactionTrait,
};
use std::collections::{HashMap, HashSet};

/// Characters of a paragraph's first words in the comment button's accessible name.
const SNIPPET_CHARS: usize = 60;

/// The filter of the list of all comments of a round.
pub struct CommentFilter {
    /// The section's heading paragraph id.
    pub section: Option<String>,
    /// Open, answered (with which answer) or hidden.
    pub status: crate::domain::comment_filter::CommentStatus,
    /// Only the viewer's own comments.
    pub mine: bool,
    /// The page, 1-based.
    pub page: usize,
}

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

/// The round's stored schedule.
pub(crate) fn schedule(round: &round::Model) -> Result<RoundSchedule, AppError> {
    RoundSchedule::stored(round.starts_at, round.deadline).map_err(|err| {
        AppError::internal(
            "reading a round's stored schedule",
            format_args!("round {}: {err}", round.id),
        )
    })
}

/// The round's state now.
pub(crate) fn state(round: &round::Model) -> Result<RoundState, AppError> {
    state_at(round, Utc::now())
}

/// The round's state at `now`.
pub(crate) fn state_at(
    round: &round::Model,
    now: chrono::DateTime<Utc>,
) -> Result<RoundState, AppError> {
    Ok(schedule(round)?.state_of(now, round.closed_at.is_some(), round.cancelled_at.is_some()))
}

/// What places a person in a team or body audience: their team and approving-body memberships.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Membership {
    /// The account's team.
    pub team: Option<String>,
    /// The approving bodies the account belongs to.
    pub body_ids: Vec<i64>,
}

/// Loads an account's team and body memberships (nothing for an unknown account).
pub(crate) async fn membership(
    db: &impl ConnectionTrait,
    user_id: i64,
) -> Result<Membership, AppError> {
    let team = user::Entity::find_by_id(user_id)
        .one(db)
        .await
        .context("checking round membership")?
        .and_then(|u| u.team);
    let body_ids = crate::entities::body_member::Entity::find()
        .filter(crate::entities::body_member::Column::UserId.eq(user_id))
        .all(db)
        .await
        .context("checking round membership")?
        .into_iter()
        .map(|m| m.body_id)
        .collect();
    Ok(Membership { team, body_ids })
}

/// Whether the viewer takes part in a round. The project group and coordinators always do;
/// others by their team (team audiences) or their body memberships (body audiences).
pub(crate) fn in_audience(roles: ProcessRoles, audience: &Audience, member: &Membership) -> bool {
    roles.group_member
        || roles.coordinator
        || audience.includes(member.team.as_deref(), &member.body_ids)
}

/// The number of a version (0 if it is gone).
pub(crate) async fn version_number(
    db: &impl ConnectionTrait,
    version_id: i64,
) -> Result<i32, AppError> {
    // Only the number: the row also holds the whole text twice (Markdown and HTML).
    Ok(version::Entity::find_by_id(version_id)
        .select_only()
        .column(version::Column::Number)
        .into_tuple::<i32>()
        .one(db)
        .await
        .context("loading a version number")?
        .unwrap_or(0))
}

/// A round as lists and headers show it.
pub(crate) async fn summary(
    db: &impl ConnectionTrait,
    round: &round::Model,
) -> Result<RoundSummary, AppError> {
    let audience = &round.audience;
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
    me: &Me,
    process: process::Model,
    roles: ProcessRoles,
) -> Result<RoundList, AppError> {
    let rows = round::Entity::find()
        .filter(round::Column::ProcessId.eq(process.id))
        .order_by_desc(round::Column::Id)
        .all(db)
        .await
        .context("listing rounds")?;
    let member = membership(db, me.id).await?;
    let mut rounds = Vec::new();
    for row in &rows {
        if in_audience(roles, &row.audience, &member) {
            rounds.push(summary(db, row).await?);
        }
    }
    let latest_version = version::Entity::find()
        .filter(version::Column::ProcessId.eq(process.id))
        .order_by_desc(version::Column::Number)
        .one(db)
        .await
        .context("listing rounds")?
        .map(|v| v.number);
    let known_teams = if roles.group_member {
        crate::account::ssr::team_names(db).await?
    } else {
        Vec::new()
    };
    Ok(RoundList {
        process: crate::process::ssr::head(process, roles),
        rounds,
        latest_version,
        known_teams,
    })
}

/// A date field ("29.11.2026"), with the German message when it is not a date.
pub(crate) fn parse_date(value: &str, field: &str) -> Result<NaiveDate, AppError> {
    crate::domain::german::parse_date(value).ok_or_else(|| {
        AppError::Invalid(format!(
            "Bitte geben Sie {field} als Datum an, zum Beispiel 29.11.2026."
        ))
    })
}

/// A time field ("18:00"); empty is `default`.
pub(crate) fn parse_time(
    value: &str,
    field: &str,
    default: NaiveTime,
) -> Result<NaiveTime, AppError> {
    if value.trim().is_empty() {
        return Ok(default);
    }
    crate::domain::german::parse_time(value).ok_or_else(|| {
        AppError::Invalid(format!(
            "Bitte geben Sie {field} als Uhrzeit an, zum Beispiel 18:00."
        ))
    })
}

/// Opens a round on the latest version; returns its id.
pub async fn open(
    db: &DatabaseConnection,
    process: &process::Model,
    by: i64,
    input: OpenInput,
) -> Result<i64, AppError> {
    let now = Utc::now();
    let step = process.step;
    let latest = version::Entity::find()
        .filter(version::Column::ProcessId.eq(process.id))
        .order_by_desc(version::Column::Number)
        .one(db)
        .await
        .context("opening a round")?
        .ok_or_else(|| {
            AppError::Conflict(
                "Es gibt noch keine veröffentlichte Version, über die diskutiert werden kann."
                    .into(),
            )
        })?;
    let existing = round::Entity::find()
        .filter(round::Column::ProcessId.eq(process.id))
        .all(db)
        .await
        .context("opening a round")?;
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
        // The approving bodies of this process: all their members take part.
        "bodies" => {
            use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
            let bodies = crate::entities::approving_body::Entity::find()
                .filter(crate::entities::approving_body::Column::ProcessId.eq(process.id))
                .all(db)
                .await
                .context("opening a round")?;
            Audience::bodies(bodies.iter().map(|b| b.id)).map_err(|_| {
                AppError::Invalid(
                    "Für diesen Prozess sind noch keine Gremien eingerichtet. Die Koordination legt sie auf der Seite „Verabschiedung“ an."
                        .to_owned(),
                )
            })?
        }
        _ => Audience::Everyone,
    };
    let txn = db.begin().await.context("opening a round")?;
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
    .insert(&txn)
    .await
    .context("opening a round")?;
    crate::audit::ssr::record(
        &txn,
        Some(by),
        crate::domain::audit::AuditAction::RoundOpened,
        "round",
        Some(created.id),
        serde_json::json!({
            "process_id": process.id,
            "version_id": latest.id,
            "version_number": latest.number,
            "starts_at": created.starts_at.to_rfc3339(),
            "deadline": created.deadline.to_rfc3339(),
            "audience": created.audience.to_stored(),
        }),
    )
    .await?;
    crate::notification::ssr::record_at(
        &txn,
        Some(by),
        crate::domain::notification::Event::RoundOpened {
            round_id: created.id,
        },
        created.starts_at,
    )
    .await?;
    txn.commit().await.context("opening a round")?;
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
        .await
        .context("loading open rounds")?;
    let member = membership(db, me.id).await?;
    let mut banners = Vec::new();
    for row in rows {
        let Some(process) = process::Entity::find_by_id(row.process_id)
            .one(db)
            .await
            .context("loading open rounds")?
        else {
            continue;
        };
        // Only rounds one can comment in: outside step 3 nobody can.
        if crate::process::ssr::facts(&process).step != Step::Discourse {
            continue;
        }
        let roles = crate::process::ssr::roles(db, me, process.id).await?;
        if !in_audience(roles, &row.audience, &member) {
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
        .await
        .context("loading a round")?
        .ok_or(AppError::NotFound)?;
    let (process, roles) = crate::process::ssr::require(db, me, round.process_id, action).await?;
    let audience = &round.audience;
    if !in_audience(roles, audience, &Membership::default())
        && !in_audience(roles, audience, &membership(db, me.id).await?)
    {
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
        .await
        .context("loading a comment")?
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
        .await
        .context("loading a round")?
        .ok_or(AppError::NotFound)?;
    let counts: HashMap<String, i64> = comment::Entity::find()
        .select_only()
        .column(comment::Column::BlockId)
        .column_as(comment::Column::Id.count(), "n")
        .filter(comment::Column::RoundId.eq(round.id))
        .group_by(comment::Column::BlockId)
        .into_tuple::<(String, i64)>()
        .all(db)
        .await
        .context("loading a round")?
        .into_iter()
        .collect();
    let facts = crate::process::ssr::facts(&process);
    let may_comment = access::check(roles, ProcessAction::Comment, facts).is_ok();
    let can_moderate = access::check(roles, ProcessAction::Moderate, facts).is_ok();
    // Only ids and paragraphs of the threads (cheap even for thousands), then the first few
    // threads of every paragraph in full, so the page shows comments without a further request.
    let threads: Vec<(i64, String)> = comment::Entity::find()
        .select_only()
        .column(comment::Column::Id)
        .column(comment::Column::BlockId)
        .filter(comment::Column::RoundId.eq(round.id))
        .filter(comment::Column::ParentId.is_null())
        .order_by_asc(comment::Column::Id)
        .into_tuple::<(i64, String)>()
        .all(db)
        .await
        .context("loading a round")?;
    let mut thread_counts: HashMap<String, u64> = HashMap::new();
    let mut first_ids: Vec<i64> = Vec::new();
    for (id, block) in threads {
        let n = thread_counts.entry(block).or_default();
        if (*n as usize) < FIRST_COMMENTS_PER_BLOCK {
            first_ids.push(id);
        }
        *n += 1;
    }
    let mut first: HashMap<String, Vec<CommentView>> = HashMap::new();
    if !first_ids.is_empty() {
        let rows = comment::Entity::find()
            .filter(comment::Column::Id.is_in(first_ids))
            .order_by_asc(comment::Column::Id)
            .all(db)
            .await
            .context("loading a round")?;
        for view in views_of(db, me, can_moderate, rows).await? {
            first.entry(view.block_id.clone()).or_default().push(view);
        }
    }
    let blocks: Vec<BlockView> = split_blocks(&version.body_html)
        .into_iter()
        .enumerate()
        .map(|(i, block)| BlockView {
            comments: counts.get(&block.id).copied().unwrap_or(0).max(0) as u64,
            threads: thread_counts.get(&block.id).copied().unwrap_or(0),
            first: first.remove(&block.id).unwrap_or_default(),
            snippet: snippet(&plain_text(&block.html), SNIPPET_CHARS),
            position: i + 1,
            id: block.id,
            html: block.html,
        })
        .collect();
    let total_comments = counts.values().map(|n| (*n).max(0) as u64).sum();
    let window = check_comment_window(
        &schedule(&round)?,
        round.closed_at.is_some(),
        round.cancelled_at.is_some(),
        Utc::now(),
    );
    let (changes, ended) = super::changes::history(db, &round).await?;
    let manage = super::changes::manage(&process, roles, &round, state(&round)?);
    let step = facts.step;
    // Why commenting is not possible: a change that ended the round says so itself; otherwise
    // the schedule, or the step (a round left open by an older version of the app).
    let closed_message = match (ended, window) {
        (Some(message), _) => Some(message),
        (None, Err(err)) => Some(err.to_string()),
        (None, Ok(())) if step != Step::Discourse => Some(format!(
            "Kommentare sind zurzeit nicht möglich: Der Prozess ist im Schritt „{}“.",
            step.label_de()
        )),
        (None, Ok(())) => None,
    };
    Ok(RoundView {
        round: summary(db, &round).await?,
        process: crate::process::ssr::head(process, roles),
        version_id: version.id,
        blocks,
        can_comment: may_comment && closed_message.is_none(),
        closed_message,
        can_moderate,
        total_comments,
        changes,
        manage,
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
        .await
        .context("loading a paragraph's comments")?;
    let next_after = if top.len() as u64 > COMMENT_PAGE_SIZE {
        top.truncate(COMMENT_PAGE_SIZE as usize);
        top.last().map(|c| c.id)
    } else {
        None
    };
    Ok(CommentPage {
        comments: views_of(db, me, moderator, top).await?,
        next_after,
    })
}

/// Top-level comments as the viewer may see them, each with its replies (oldest first).
/// `moderator`: whether the viewer may read hidden comments.
pub(crate) async fn views_of(
    db: &impl ConnectionTrait,
    me: &Me,
    moderator: bool,
    top: Vec<comment::Model>,
) -> Result<Vec<CommentView>, AppError> {
    let top_ids: Vec<i64> = top.iter().map(|c| c.id).collect();
    // Only the first few replies of each thread; the rest load page by page (`replies`).
    let shown = first_reply_ids(db, COMMENT_REPLIES, &top_ids, REPLIES_SHOWN).await?;
    let reply_totals = reply_counts(db, COMMENT_REPLIES, &top_ids).await?;
    let replies = if shown.is_empty() {
        Vec::new()
    } else {
        comment::Entity::find()
            .filter(comment::Column::Id.is_in(shown))
            .order_by_asc(comment::Column::Id)
            .all(db)
            .await
            .context("building comment views")?
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
            .await
            .context("building comment views")?
            .into_iter()
            .collect();
        mine = comment_support::Entity::find()
            .filter(comment_support::Column::CommentId.is_in(all_ids.clone()))
            .filter(comment_support::Column::UserId.eq(me.id))
            .all(db)
            .await
            .context("building comment views")?
            .into_iter()
            .map(|s| s.comment_id)
            .collect();
        answered = disposition::Entity::find()
            .filter(disposition::Column::CommentId.is_in(all_ids.clone()))
            .all(db)
            .await
            .context("building comment views")?
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
    let names = crate::account::ssr::display_names(db, author_ids).await?;
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
            more_replies: 0,
        }
    };
    Ok(crate::thread::attach_replies(
        top.into_iter().map(|c| (c.id, to_view(c))).collect(),
        replies
            .into_iter()
            .map(|r| (r.parent_id, to_view(r)))
            .collect(),
        Some(&reply_totals),
        |view, replies, more| {
            view.replies = replies;
            view.more_replies = more;
        },
    ))
}

/// One page of the replies to a comment, after the reply `after` (0: from the start).
pub async fn replies(
    db: &DatabaseConnection,
    me: &Me,
    comment_id: i64,
    after: i64,
) -> Result<ReplyPage, AppError> {
    let (roles, round, parent) = require_comment(db, me, comment_id, ProcessAction::View).await?;
    if parent.parent_id.is_some() {
        return Err(AppError::NotFound);
    }
    let process = process::Entity::find_by_id(round.process_id)
        .one(db)
        .await
        .context("loading replies")?
        .ok_or(AppError::NotFound)?;
    let moderator = access::check(
        roles,
        ProcessAction::Moderate,
        crate::process::ssr::facts(&process),
    )
    .is_ok();
    let mut rows = comment::Entity::find()
        .filter(comment::Column::ParentId.eq(parent.id))
        .filter(comment::Column::Id.gt(after))
        .order_by_asc(comment::Column::Id)
        .limit(REPLY_PAGE_SIZE + 1)
        .all(db)
        .await
        .context("loading replies")?;
    let next_after = if rows.len() as u64 > REPLY_PAGE_SIZE {
        rows.truncate(REPLY_PAGE_SIZE as usize);
        rows.last().map(|c| c.id)
    } else {
        None
    };
    // Replies have no replies of their own, so `views_of` adds none to them.
    Ok(ReplyPage {
        replies: views_of(db, me, moderator, rows).await?,
        next_after,
    })
}

/// The change links of some comments, by comment.
pub(crate) async fn change_links(
    db: &impl ConnectionTrait,
    ids: &[i64],
) -> Result<HashMap<i64, Vec<super::ChangeLink>>, AppError> {
    let mut links: HashMap<i64, Vec<super::ChangeLink>> = HashMap::new();
    if ids.is_empty() {
        return Ok(links);
    }
    use crate::entities::comment_change;
    let rows = comment_change::Entity::find()
        .filter(comment_change::Column::CommentId.is_in(ids.to_vec()))
        .order_by_asc(comment_change::Column::VersionId)
        .order_by_asc(comment_change::Column::Anchor)
        .all(db)
        .await
        .context("loading comments' change links")?;
    let version_ids: HashSet<i64> = rows.iter().map(|r| r.version_id).collect();
    let versions: HashMap<i64, version::Model> = if version_ids.is_empty() {
        HashMap::new()
    } else {
        version::Entity::find()
            .filter(version::Column::Id.is_in(version_ids))
            .all(db)
            .await
            .context("loading comments' change links")?
            .into_iter()
            .map(|v| (v.id, v))
            .collect()
    };
    for row in rows {
        let Some(v) = versions.get(&row.version_id) else {
            continue;
        };
        let title = crate::domain::markdown::split_sections(&v.body)
            .into_iter()
            .find(|s| s.anchor == row.anchor)
            .map_or_else(|| row.anchor.clone(), |s| s.title);
        links
            .entry(row.comment_id)
            .or_default()
            .push(super::ChangeLink {
                process_id: v.process_id,
                version_number: v.number,
                anchor: row.anchor,
                title,
            });
    }
    Ok(links)
}

/// The plain text of every paragraph of a version, by paragraph id.
type ParagraphTexts = std::sync::Arc<HashMap<String, String>>;

/// [`ParagraphTexts`] of recently commented versions, by version id, one per app (in
/// [`AppState`](crate::state::AppState)). A published version never changes (rows of `versions`
/// are only inserted), so entries never go stale. The map is emptied when it grows past
/// [`PARAGRAPH_CACHE_VERSIONS`].
#[derive(Debug, Default)]
pub struct ParagraphCache {
    versions: std::sync::Mutex<HashMap<i64, ParagraphTexts>>,
}

const PARAGRAPH_CACHE_VERSIONS: usize = 64;

impl ParagraphCache {
    /// The paragraphs' plain texts of a published version, for checking a comment's paragraph
    /// and quote. Loading the version (its whole text, twice) and splitting it took about a
    /// quarter of the time of posting a comment (bench/README.md); a cached version costs no
    /// query at all.
    async fn texts(
        &self,
        db: &impl ConnectionTrait,
        version_id: i64,
    ) -> Result<ParagraphTexts, AppError> {
        let poisoned = |err| AppError::internal("reading the paragraph cache", err);
        if let Some(texts) = self
            .versions
            .lock()
            .map_err(poisoned)?
            .get(&version_id)
            .cloned()
        {
            return Ok(texts);
        }
        let html: String = version::Entity::find_by_id(version_id)
            .select_only()
            .column(version::Column::BodyHtml)
            .into_tuple()
            .one(db)
            .await
            .context("loading a version's paragraphs")?
            .ok_or(AppError::NotFound)?;
        let texts: ParagraphTexts = std::sync::Arc::new(
            split_blocks(&html)
                .into_iter()
                .map(|b| {
                    let text = plain_text(&b.html);
                    (b.id, text)
                })
                .collect(),
        );
        let mut versions = self.versions.lock().map_err(poisoned)?;
        if versions.len() >= PARAGRAPH_CACHE_VERSIONS {
            versions.clear();
        }
        versions.insert(version_id, texts.clone());
        Ok(texts)
    }
}

/// Stores a comment or reply; returns its id (the stored one for a repeated submission).
pub async fn post(
    db: &DatabaseConnection,
    paragraphs: &ParagraphCache,
    me: &Me,
    round_id: i64,
    input: PostInput,
) -> Result<i64, AppError> {
    let (_, _, round) = require_round(db, me, round_id, ProcessAction::Comment).await?;
    let now = Utc::now();
    check_comment_window(
        &schedule(&round)?,
        round.closed_at.is_some(),
        round.cancelled_at.is_some(),
        now,
    )
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
                .await
                .context("storing a comment")?
                .filter(|p| p.round_id == round.id)
                .ok_or(AppError::NotFound)?;
            check_reply(parent.parent_id.is_some()).map_err(AppError::invalid)?;
            (parent.block_id, None)
        }
        None => {
            let anchor = Anchor::parse(round.version_id, &input.block_id, input.quote.as_deref())
                .map_err(AppError::invalid)?;
            let paragraphs = paragraphs.texts(db, round.version_id).await?;
            let text = paragraphs.get(anchor.block_id()).ok_or_else(|| {
                AppError::invalid(crate::domain::comment::CommentError::InvalidBlock)
            })?;
            anchor.check_quote_in(text).map_err(AppError::invalid)?;
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
        .await
        .context("storing a comment")?;
    let recent = previous.as_ref().map(|p| RecentSubmission {
        author_id: p.author_id,
        body_hash: p.body_hash.clone(),
        at: p.created_at,
    });
    if let Some(previous) = previous.filter(|_| is_duplicate(recent.as_ref(), me.id, &hash, now)) {
        return Ok(previous.id);
    }
    // A reply and its notification are committed together.
    let txn = db.begin().await.context("storing a comment")?;
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
    .insert(&txn)
    .await
    .context("storing a comment")?;
    // Re-check the round after the insert, under a lock that closing the round must wait for
    // (see `disposition::ssr::close`): a round closed or ended in the meantime refuses the
    // comment, so a closed round never holds an unanswered comment it did not count.
    let mut current = round::Entity::find_by_id(round.id);
    if txn.get_database_backend() == sea_orm::DatabaseBackend::Postgres {
        current = current.lock_shared();
    }
    let current = current
        .one(&txn)
        .await
        .context("storing a comment")?
        .ok_or(AppError::NotFound)?;
    check_comment_window(
        &schedule(&current)?,
        current.closed_at.is_some(),
        current.cancelled_at.is_some(),
        now,
    )
    .map_err(|err| AppError::Conflict(err.to_string()))?;
    if created.parent_id.is_some() {
        crate::notification::ssr::record(
            &txn,
            Some(me.id),
            crate::domain::notification::Event::CommentReplied {
                reply_id: created.id,
            },
        )
        .await?;
    }
    txn.commit().await.context("storing a comment")?;
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
        .await
        .context("editing a comment")?
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
    let txn = db.begin().await.context("editing a comment")?;
    comment_edit::ActiveModel {
        comment_id: Set(comment.id),
        body: Set(comment.body.clone()),
        edited_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .context("editing a comment")?;
    let mut active = comment.into_active_model();
    active.body_hash = Set(body.fingerprint());
    active.body = Set(body.as_str().to_owned());
    active.edited_at = Set(Some(now));
    active.update(&txn).await.context("editing a comment")?;
    txn.commit().await.context("editing a comment")?;
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
        .await
        .context("supporting a comment")?
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
                .await
                .context("supporting a comment")?;
        }
    }
    let supports = comment_support::Entity::find()
        .filter(comment_support::Column::CommentId.eq(comment.id))
        .count(db)
        .await
        .context("supporting a comment")?;
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
    let txn = db.begin().await.context("hiding a comment")?;
    comment::Entity::update_many()
        .col_expr(
            comment::Column::HiddenReason,
            Expr::value(reason.as_str().to_owned()),
        )
        .col_expr(comment::Column::HiddenBy, Expr::value(me.id))
        .filter(comment::Column::Id.eq(comment.id))
        .exec(&txn)
        .await
        .context("hiding a comment")?;
    crate::audit::ssr::record(
        &txn,
        Some(me.id),
        crate::domain::audit::AuditAction::CommentHidden,
        "comment",
        Some(comment.id),
        serde_json::json!({
            "round_id": comment.round_id,
            "reason": reason.as_str(),
            "previous": comment.hidden_reason,
        }),
    )
    .await?;
    txn.commit().await.context("hiding a comment")?;
    Ok(())
}

/// The round page's address at a comment's paragraph, e.g. `/prozesse/1/runden/2#absatz-b3`.
pub async fn paragraph_path(db: &DatabaseConnection, comment_id: i64) -> Result<String, AppError> {
    let comment = comment::Entity::find_by_id(comment_id)
        .one(db)
        .await
        .context("finding a comment's paragraph")?
        .ok_or(AppError::NotFound)?;
    let round = round::Entity::find_by_id(comment.round_id)
        .one(db)
        .await
        .context("finding a comment's paragraph")?
        .ok_or(AppError::NotFound)?;
    Ok(format!(
        "/prozesse/{}/runden/{}#absatz-{}",
        round.process_id, round.id, comment.block_id
    ))
}

/// One page of the list of all comments of a round (the round's audience).
pub async fn overview(
    db: &DatabaseConnection,
    me: &Me,
    process_id: i64,
    round_id: i64,
    filter: CommentFilter,
) -> Result<RoundComments, AppError> {
    use crate::round::{sections_of_blocks, SectionRef};
    let (process, roles, round) = require_round(db, me, round_id, ProcessAction::View).await?;
    if round.process_id != process_id {
        return Err(AppError::NotFound);
    }
    let moderator = access::check(
        roles,
        ProcessAction::Moderate,
        crate::process::ssr::facts(&process),
    )
    .is_ok();
    let version = version::Entity::find_by_id(round.version_id)
        .one(db)
        .await
        .context("loading the round overview")?
        .ok_or(AppError::NotFound)?;
    let blocks = split_blocks(&version.body_html);
    let positions: HashMap<String, usize> = blocks
        .iter()
        .enumerate()
        .map(|(i, b)| (b.id.clone(), i + 1))
        .collect();
    let section_of: HashMap<String, SectionRef> = sections_of_blocks(&blocks).into_iter().collect();
    let mut sections: Vec<SectionRef> = Vec::new();
    for block in &blocks {
        if let Some(s) = section_of.get(&block.id) {
            if sections.last().is_none_or(|last| last.id != s.id) {
                sections.push(s.clone());
            }
        }
    }
    // The filter needs only a few columns of every thread; full rows are loaded for one page.
    let threads: Vec<(i64, String, i64, Option<String>)> = comment::Entity::find()
        .select_only()
        .column(comment::Column::Id)
        .column(comment::Column::BlockId)
        .column(comment::Column::AuthorId)
        .column(comment::Column::HiddenReason)
        .filter(comment::Column::RoundId.eq(round.id))
        .filter(comment::Column::ParentId.is_null())
        .order_by_asc(comment::Column::Id)
        .into_tuple()
        .all(db)
        .await
        .context("loading the round overview")?;
    let answers: HashMap<i64, disposition::Model> = disposition::Entity::find()
        .filter(
            disposition::Column::CommentId.in_subquery(
                sea_orm::sea_query::Query::select()
                    .column(comment::Column::Id)
                    .from(comment::Entity)
                    .and_where(comment::Column::RoundId.eq(round.id))
                    .to_owned(),
            ),
        )
        .all(db)
        .await
        .context("loading the round overview")?
        .into_iter()
        .map(|d| (d.comment_id, d))
        .collect();
    let kind = |id: i64| answers.get(&id).map(|d| d.kind);
    let total = threads.len();
    let mut matching: Vec<i64> = Vec::new();
    for (id, block, author, hidden) in &threads {
        let hidden = hidden.is_some();
        let answer = if hidden { None } else { kind(*id) };
        let in_section = filter
            .section
            .as_deref()
            .is_none_or(|wanted| section_of.get(block).is_some_and(|s| s.id == wanted));
        if in_section && (!filter.mine || *author == me.id) && filter.status.admits(hidden, answer)
        {
            matching.push(*id);
        }
    }
    let pages = matching.len().div_ceil(COMMENT_LIST_PAGE_SIZE).max(1);
    let page = filter.page.min(pages);
    let on_page: Vec<i64> = matching
        .iter()
        .skip((page - 1) * COMMENT_LIST_PAGE_SIZE)
        .take(COMMENT_LIST_PAGE_SIZE)
        .copied()
        .collect();
    let rows = if on_page.is_empty() {
        Vec::new()
    } else {
        comment::Entity::find()
            .filter(comment::Column::Id.is_in(on_page.clone()))
            .order_by_asc(comment::Column::Id)
            .all(db)
            .await
            .context("loading the round overview")?
    };
    let mut links = crate::round::ssr::change_links(db, &on_page).await?;
    let mut items = Vec::with_capacity(rows.len());
    for mut view in views_of(db, me, moderator, rows).await? {
        let answer = if view.hidden { None } else { kind(view.id) };
        let replies = view.replies.len() as u64 + view.more_replies;
        view.replies = Vec::new();
        view.more_replies = 0;
        items.push(ListedComment {
            replies,
            section: section_of
                .get(&view.block_id)
                .map(|s| s.title.clone())
                .unwrap_or_default(),
            position: positions.get(&view.block_id).copied().unwrap_or(0),
            disposition: answer,
            reason: answer
                .and_then(|_| answers.get(&view.id))
                .and_then(|d| d.reason.clone()),
            links: links.remove(&view.id).unwrap_or_default(),
            comment: view,
        });
    }
    Ok(RoundComments {
        round: summary(db, &round).await?,
        process: crate::process::ssr::head(process, roles),
        items,
        page,
        pages,
        matching: matching.len(),
        total,
        sections,
        can_moderate: moderator,
    })
}
