//! Dialogue services (server only): list, post and hide experience reports. Anonymous authors
//! are stored (for abuse handling and the author's own view) but never sent to anyone else.

use super::{DialoguePostView, DialogueView, ThreadPaging};
use crate::adoption::ssr::adopted_proposal;
use crate::auth::Me;
use crate::domain::access::{self, ProcessAction, ProcessRoles};
use crate::domain::comment::{is_duplicate, shows_author, RecentSubmission};
use crate::domain::dialogue::{
    hide_reason, page_count, shows_hidden_text, DialogueError, NewPost, PostBody, PostKind,
    PAGE_SIZE,
};
use crate::domain::process::Step;
use crate::draft::ssr::content_hash;
use crate::entities::{dialogue_post, process, version};
use crate::error::{AppError, Context};
use crate::format::date_time;
use crate::process::ssr::head;
use crate::thread::{
    first_reply_ids, reply_counts, DIALOGUE_REPLIES, REPLIES_SHOWN, REPLY_PAGE_SIZE,
};
use chrono::Utc;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set, TransactionTrait,
};
use std::collections::HashMap;

/// A post as the form sends it.
pub struct PostInput {
    /// The kind (ignored for replies).
    pub kind: String,
    /// The text.
    pub body: String,
    /// Hide the author.
    pub anonymous: bool,
    /// The post answered.
    pub parent_id: Option<i64>,
}

/// Version numbers by id.
async fn version_numbers(
    db: &impl ConnectionTrait,
    ids: impl IntoIterator<Item = i64>,
) -> Result<HashMap<i64, i32>, AppError> {
    let ids: Vec<i64> = ids.into_iter().collect();
    Ok(version::Entity::find()
        .filter(version::Column::Id.is_in(ids))
        .all(db)
        .await
        .context("loading version numbers")?
        .into_iter()
        .map(|v| (v.id, v.number))
        .collect())
}

/// What the dialogue page shows.
pub enum Shown {
    /// One page of reports (optionally of one kind), each with its first replies.
    Page {
        /// The kind filtered by.
        kind: Option<PostKind>,
        /// The page (1-based).
        page: u64,
    },
    /// One report with one page of its replies.
    Thread {
        /// The report.
        post_id: i64,
        /// The page of replies (1-based).
        replies_page: u64,
    },
}

/// One page of the dialogue space.
pub async fn view(
    db: &DatabaseConnection,
    me: &Me,
    process: process::Model,
    roles: ProcessRoles,
    shown: Shown,
) -> Result<DialogueView, AppError> {
    let adopted = adopted_proposal(db, process.id).await?;
    let version_number = match &adopted {
        Some(p) => version::Entity::find_by_id(p.version_id)
            .one(db)
            .await
            .context("loading the dialogue page")?
            .map(|v| v.number),
        None => None,
    };
    let step = process.step;
    let can_moderate = access::check(
        roles,
        ProcessAction::ModerateDialogue,
        crate::process::ssr::facts(&process),
    )
    .is_ok();
    let top = dialogue_post::Entity::find()
        .filter(dialogue_post::Column::ProcessId.eq(process.id))
        .filter(dialogue_post::Column::ParentId.is_null());
    let (filter, posts, replies, page, pages, total, thread) = match shown {
        Shown::Page { kind, page } => {
            let top = match kind {
                Some(kind) => top.filter(dialogue_post::Column::Kind.eq(kind)),
                None => top,
            };
            let total = top
                .clone()
                .count(db)
                .await
                .context("loading the dialogue page")?;
            let pages = page_count(total);
            let page = page.min(pages);
            let posts = top
                .order_by_desc(dialogue_post::Column::Id)
                .offset((page - 1) * PAGE_SIZE)
                .limit(PAGE_SIZE)
                .all(db)
                .await
                .context("loading the dialogue page")?;
            let ids: Vec<i64> = posts.iter().map(|p| p.id).collect();
            let shown = first_reply_ids(db, DIALOGUE_REPLIES, &ids, REPLIES_SHOWN).await?;
            let replies = dialogue_post::Entity::find()
                .filter(dialogue_post::Column::Id.is_in(shown))
                .order_by_asc(dialogue_post::Column::Id)
                .all(db)
                .await
                .context("loading the dialogue page")?;
            (kind, posts, replies, page, pages, total, None)
        }
        Shown::Thread {
            post_id,
            replies_page,
        } => {
            let post = top
                .filter(dialogue_post::Column::Id.eq(post_id))
                .one(db)
                .await
                .context("loading the dialogue page")?
                .ok_or(AppError::NotFound)?;
            let of_post =
                dialogue_post::Entity::find().filter(dialogue_post::Column::ParentId.eq(post.id));
            let count = of_post
                .clone()
                .count(db)
                .await
                .context("loading the dialogue page")?;
            let reply_pages = count.div_ceil(REPLY_PAGE_SIZE).max(1);
            let replies_page = replies_page.min(reply_pages);
            let replies = of_post
                .order_by_asc(dialogue_post::Column::Id)
                .offset((replies_page - 1) * REPLY_PAGE_SIZE)
                .limit(REPLY_PAGE_SIZE)
                .all(db)
                .await
                .context("loading the dialogue page")?;
            let thread = ThreadPaging {
                post_id: post.id,
                page: replies_page,
                pages: reply_pages,
                total: count,
            };
            (None, vec![post], replies, 1, 1, 1, Some(thread))
        }
    };
    let post_ids: Vec<i64> = posts.iter().map(|p| p.id).collect();
    let reply_totals = reply_counts(db, DIALOGUE_REPLIES, &post_ids).await?;
    let names = crate::account::ssr::display_names(
        db,
        posts
            .iter()
            .chain(replies.iter())
            .filter(|p| !p.anonymous)
            .map(|p| p.author_id),
    )
    .await?;
    let numbers =
        version_numbers(db, posts.iter().chain(replies.iter()).map(|p| p.version_id)).await?;
    let to_view = |p: dialogue_post::Model| {
        let mine = p.author_id == me.id;
        let kind = p.kind;
        let hidden = p.hidden_reason.is_some();
        let sees_text = !hidden || shows_hidden_text(mine, can_moderate);
        DialoguePostView {
            id: p.id,
            kind: kind.map(|k| k.as_str().to_owned()),
            kind_label: kind.map(|k| k.label_de().to_owned()),
            // Anonymous authors are never looked up, so their names cannot leak.
            author: shows_author(p.anonymous, mine)
                .then(|| {
                    if p.anonymous {
                        None
                    } else {
                        names.get(&p.author_id).cloned()
                    }
                })
                .flatten(),
            anonymous: p.anonymous,
            mine,
            // A hidden text leaves the server only for its author and the moderators.
            body: if sees_text { p.body } else { String::new() },
            hidden,
            hidden_reason: p.hidden_reason.filter(|_| sees_text),
            created_at: date_time(p.created_at),
            version_number: numbers.get(&p.version_id).copied().unwrap_or_default(),
            replies: Vec::new(),
            more_replies: 0,
        }
    };
    let posts = crate::thread::attach_replies(
        posts.into_iter().map(|p| (p.id, to_view(p))).collect(),
        replies
            .into_iter()
            .map(|r| (r.parent_id, to_view(r)))
            .collect(),
        thread.is_none().then_some(&reply_totals),
        |view, replies, more| {
            view.replies = replies;
            view.more_replies = more;
        },
    );
    Ok(DialogueView {
        can_moderate,
        under_review: adopted.is_some() && step != Step::Review,
        process: head(process, roles),
        version_number,
        posts,
        filter: filter.map(|k| k.as_str().to_owned()),
        page,
        pages,
        total,
        thread,
    })
}

/// Stores a report or reply by `me`; returns its id (the stored one for a repeated
/// submission).
pub async fn post(
    db: &DatabaseConnection,
    me: &Me,
    process: &process::Model,
    input: PostInput,
) -> Result<i64, AppError> {
    let adopted = adopted_proposal(db, process.id)
        .await?
        .ok_or_else(|| AppError::Conflict(DialogueError::NotAdopted.to_string()))?;
    let body = PostBody::parse(&input.body).map_err(AppError::invalid)?;
    let parent = match input.parent_id {
        Some(id) => Some(
            dialogue_post::Entity::find_by_id(id)
                .one(db)
                .await
                .context("storing a dialogue post")?
                .filter(|p| p.process_id == process.id)
                .ok_or(AppError::NotFound)?,
        ),
        None => None,
    };
    let new = NewPost::parse(
        &input.kind,
        input.parent_id,
        parent.as_ref().is_some_and(|p| p.parent_id.is_some()),
    )
    .map_err(AppError::invalid)?;
    let now = Utc::now();
    let hash = content_hash(body.as_str());
    let previous = dialogue_post::Entity::find()
        .filter(dialogue_post::Column::ProcessId.eq(process.id))
        .filter(dialogue_post::Column::AuthorId.eq(me.id))
        .order_by_desc(dialogue_post::Column::Id)
        .one(db)
        .await
        .context("storing a dialogue post")?;
    let recent = previous.as_ref().map(|p| RecentSubmission {
        author_id: p.author_id,
        body_hash: p.body_hash.clone(),
        at: p.created_at,
    });
    if let Some(previous) = previous.filter(|_| is_duplicate(recent.as_ref(), me.id, &hash, now)) {
        return Ok(previous.id);
    }
    let (kind, parent_id) = match new {
        NewPost::Report(kind) => (Some(kind), None),
        NewPost::Reply(id) => (None, Some(id)),
    };
    // A reply and its notification are committed together.
    let txn = db.begin().await.context("storing a dialogue post")?;
    let created = dialogue_post::ActiveModel {
        process_id: Set(process.id),
        version_id: Set(adopted.version_id),
        parent_id: Set(parent_id),
        kind: Set(kind),
        author_id: Set(me.id),
        anonymous: Set(input.anonymous),
        body: Set(body.as_str().to_owned()),
        body_hash: Set(hash),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .context("storing a dialogue post")?;
    if created.parent_id.is_some() {
        crate::notification::ssr::record(
            &txn,
            Some(me.id),
            crate::domain::notification::Event::PostReplied {
                reply_id: created.id,
            },
        )
        .await?;
    }
    txn.commit().await.context("storing a dialogue post")?;
    Ok(created.id)
}

/// Hides a post (or reply) that breaks the rules, with a reason its author sees; hiding again
/// replaces the reason. Logged in the audit chain in the same transaction. Returns the process id.
pub async fn hide(
    db: &DatabaseConnection,
    me: &Me,
    post_id: i64,
    reason: &str,
) -> Result<i64, AppError> {
    let post = dialogue_post::Entity::find_by_id(post_id)
        .one(db)
        .await
        .context("hiding a dialogue post")?
        .ok_or(AppError::NotFound)?;
    crate::process::ssr::require(db, me, post.process_id, ProcessAction::ModerateDialogue).await?;
    let reason = hide_reason(reason).map_err(AppError::invalid)?;
    let txn = db.begin().await.context("hiding a dialogue post")?;
    dialogue_post::Entity::update_many()
        .col_expr(
            dialogue_post::Column::HiddenReason,
            Expr::value(reason.as_str().to_owned()),
        )
        .col_expr(dialogue_post::Column::HiddenBy, Expr::value(me.id))
        .col_expr(dialogue_post::Column::HiddenAt, Expr::value(Utc::now()))
        .filter(dialogue_post::Column::Id.eq(post.id))
        .exec(&txn)
        .await
        .context("hiding a dialogue post")?;
    crate::audit::ssr::record(
        &txn,
        Some(me.id),
        crate::domain::audit::AuditAction::PostHidden,
        "dialogue_post",
        Some(post.id),
        serde_json::json!({
            "process_id": post.process_id,
            "reason": reason.as_str(),
            "previous": post.hidden_reason,
        }),
    )
    .await?;
    txn.commit().await.context("hiding a dialogue post")?;
    Ok(post.process_id)
}
