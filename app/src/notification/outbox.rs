//! The outbox's work (server only, driven by the server's sender task): expanding events to
//! recipients in batches, bundling digests, recording time-based reminders, and claiming mails
//! for sending so that several instances send each mail once.
//!
//! Claims: an event is claimed with a conditional UPDATE of its lease; each batch of
//! recipients is one transaction that also moves the event's `done_up_to` (conditionally), and
//! `(event_id, user_id)` is unique — a batch is never written twice. Mails are claimed with one
//! `UPDATE … WHERE id IN (SELECT … LIMIT n [FOR UPDATE SKIP LOCKED]) RETURNING id`: on
//! PostgreSQL the row locks let concurrent senders skip each other's rows; on SQLite the
//! statement runs under the database's write lock, which serialises claims.

use super::content::{
    recipients, render_digest, render_single, Content, DigestItem, MailFrame, RenderedMail,
};
use super::ssr::{stored_frequencies, SigningKey, WAKE_SENDER};
use crate::domain::notification::{
    closing_reminder_due, gives_up, retry_delay, schedule::digest_due_at, Event, EventGroup,
    Frequency, MailKind, MailState, MailStatus, UnsubscribeRequest, READING_REMINDER_DAYS,
    REVIEW_NOTICE_DAYS,
};
use crate::entities::{adoption_proposal, mail, notification, notification_event, round, user};
use crate::error::{AppError, Context};
use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DatabaseBackend, DatabaseConnection, EntityTrait,
    QueryFilter, QueryOrder, QuerySelect, Set, Statement, TransactionTrait, Value,
};
use std::collections::HashMap;

/// Recipients written per transaction when expanding an event.
pub const EXPAND_BATCH: usize = 500;
/// How long an event stays claimed by the instance expanding it.
const EVENT_LEASE_SECONDS: i64 = 60;

/// What the outbox needs to render and sign mails.
#[derive(Debug, Clone)]
pub struct OutboxContext {
    /// Organisation and public address.
    pub frame: MailFrame,
    /// Signs unsubscribe links.
    pub key: SigningKey,
}

impl OutboxContext {
    fn unsubscribe_path(&self, user_id: i64, groups: Vec<EventGroup>) -> (String, String) {
        let token = self.key.sign(&UnsubscribeRequest { user_id, groups });
        (format!("/abbestellen/{token}"), token)
    }
}

/// A recipient's address and name.
struct Address {
    email: String,
    name: String,
}

async fn addresses(
    db: &impl ConnectionTrait,
    ids: &[i64],
) -> Result<HashMap<i64, Address>, AppError> {
    let rows: Vec<(i64, String, String)> = user::Entity::find()
        .select_only()
        .column(user::Column::Id)
        .column(user::Column::Email)
        .column(user::Column::DisplayName)
        .filter(user::Column::Id.is_in(ids.iter().copied()))
        .into_tuple()
        .all(db)
        .await
        .context("loading mail addresses")?;
    Ok(rows
        .into_iter()
        .map(|(id, email, name)| (id, Address { email, name }))
        .collect())
}

/// A new outbox row for a rendered mail.
fn mail_row(
    kind: MailKind,
    user_id: Option<i64>,
    to: (&str, &str),
    rendered: RenderedMail,
    unsubscribe_token: Option<String>,
    confidential: bool,
    now: DateTime<Utc>,
) -> mail::ActiveModel {
    mail::ActiveModel {
        kind: Set(kind),
        user_id: Set(user_id),
        to_address: Set(to.0.to_owned()),
        to_name: Set(to.1.to_owned()),
        subject: Set(rendered.subject),
        body_text: Set(rendered.text),
        body_html: Set(rendered.html),
        unsubscribe_token: Set(unsubscribe_token),
        confidential: Set(confidential),
        status: Set(MailStatus::Pending),
        attempts: Set(0),
        // Due at once, even when the caller's clock is ahead (a digest run for tomorrow).
        next_attempt_at: Set(now.min(Utc::now())),
        claimed_until: Set(None),
        last_error: Set(None),
        file_name: Set(None),
        created_at: Set(now),
        sent_at: Set(None),
        ..Default::default()
    }
}

/// Queues an invitation or password-reset mail in the caller's transaction.
pub async fn queue_link_mail<C: ConnectionTrait>(
    conn: &C,
    kind: MailKind,
    user_id: i64,
    to: (&str, &str),
    rendered: RenderedMail,
) -> Result<(), AppError> {
    // A reset link gives access to the account: only its owner may see it.
    let confidential = kind == MailKind::PasswordReset;
    mail::Entity::insert(mail_row(
        kind,
        Some(user_id),
        to,
        rendered,
        None,
        confidential,
        Utc::now(),
    ))
    .exec_without_returning(conn)
    .await
    .context("queuing a link mail")?;
    WAKE_SENDER.notify_one();
    Ok(())
}

/// Expands due events until none is left or `budget` recipients were written; returns the
/// number of notifications written.
pub async fn expand_due(
    db: &DatabaseConnection,
    ctx: &OutboxContext,
    now: DateTime<Utc>,
    budget: usize,
) -> Result<usize, AppError> {
    let mut written = 0;
    while written < budget {
        let candidates: Vec<notification_event::Model> = notification_event::Entity::find()
            .filter(notification_event::Column::DoneAt.is_null())
            .filter(notification_event::Column::DueAt.lte(now))
            .filter(
                Condition::any()
                    .add(notification_event::Column::ClaimedUntil.is_null())
                    .add(notification_event::Column::ClaimedUntil.lt(now)),
            )
            .order_by_asc(notification_event::Column::Id)
            .limit(10)
            .all(db)
            .await
            .context("expanding due notification events")?;
        let mut claimed = None;
        for event in candidates {
            let lease = now + Duration::seconds(EVENT_LEASE_SECONDS);
            let done = notification_event::Entity::update_many()
                .col_expr(notification_event::Column::ClaimedUntil, Expr::value(lease))
                .filter(notification_event::Column::Id.eq(event.id))
                .filter(notification_event::Column::DoneAt.is_null())
                .filter(
                    Condition::any()
                        .add(notification_event::Column::ClaimedUntil.is_null())
                        .add(notification_event::Column::ClaimedUntil.lt(now)),
                )
                .exec(db)
                .await
                .context("expanding due notification events")?;
            if done.rows_affected == 1 {
                claimed = Some(event);
                break;
            }
        }
        let Some(event) = claimed else {
            break;
        };
        written += expand_event(db, ctx, &event, now, budget - written).await?;
    }
    Ok(written)
}

/// Writes the notifications (and immediate mails) of one claimed event, batch by batch.
async fn expand_event(
    db: &DatabaseConnection,
    ctx: &OutboxContext,
    event: &notification_event::Model,
    now: DateTime<Utc>,
    budget: usize,
) -> Result<usize, AppError> {
    let parsed: Event = match serde_json::from_str(&event.payload) {
        Ok(parsed) => parsed,
        Err(err) => {
            tracing::error!(%err, event = event.id, "unreadable notification event; dropped");
            finish(db, event.id, now).await?;
            return Ok(0);
        }
    };
    let all = recipients(db, &parsed, event.actor_id).await?;
    let group = parsed.kind().group();
    let mut after = event.done_up_to;
    let mut written = 0;
    loop {
        let batch = all.batch(after, EXPAND_BATCH);
        if batch.is_empty() {
            finish(db, event.id, now).await?;
            return Ok(written);
        }
        let last = batch.last().map_or(after, |(id, _)| *id);
        write_batch(db, ctx, event, group, &batch, after, last, now).await?;
        written += batch.len();
        after = last;
        if written >= budget {
            // Keep the claim's progress; the rest follows in the next round of the sender.
            notification_event::Entity::update_many()
                .col_expr(
                    notification_event::Column::ClaimedUntil,
                    Expr::value(Option::<DateTime<Utc>>::None),
                )
                .filter(notification_event::Column::Id.eq(event.id))
                .exec(db)
                .await
                .context("expanding a notification event")?;
            return Ok(written);
        }
    }
}

async fn finish(
    db: &impl ConnectionTrait,
    event_id: i64,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    notification_event::Entity::update_many()
        .col_expr(notification_event::Column::DoneAt, Expr::value(now))
        .filter(notification_event::Column::Id.eq(event_id))
        .exec(db)
        .await
        .context("finishing a notification event")?;
    Ok(())
}

/// One transaction: the batch's notifications, the mails of those who want them at once, and
/// the event's progress (only if no one else moved it meanwhile).
#[expect(clippy::too_many_arguments)]
async fn write_batch(
    db: &DatabaseConnection,
    ctx: &OutboxContext,
    event: &notification_event::Model,
    group: EventGroup,
    batch: &[(i64, Content)],
    from: i64,
    to: i64,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let ids: Vec<i64> = batch.iter().map(|(id, _)| *id).collect();
    let stored = stored_frequencies(db, &ids).await?;
    let people = addresses(db, &ids).await?;
    let mut notifications = Vec::with_capacity(batch.len());
    let mut mails = Vec::new();
    for (user_id, content) in batch {
        let frequency = stored
            .get(&(*user_id, group))
            .copied()
            .unwrap_or(group.default_frequency());
        let mail_state = match frequency {
            Frequency::Never => MailState::None,
            Frequency::Immediately => MailState::Queued,
            Frequency::Daily | Frequency::Weekly => MailState::Waiting,
        };
        notifications.push(notification::ActiveModel {
            user_id: Set(*user_id),
            event_id: Set(event.id),
            event_group: Set(group),
            title: Set(content.title.clone()),
            body: Set(content.body.clone()),
            link: Set(content.link.clone()),
            confidential: Set(content.confidential),
            created_at: Set(now),
            read_at: Set(None),
            mail_state: Set(mail_state),
            digest_due_at: Set(digest_due_at(frequency, now)),
            mail_id: Set(None),
            ..Default::default()
        });
        if frequency == Frequency::Immediately {
            if let Some(person) = people.get(user_id) {
                let (path, token) = ctx.unsubscribe_path(*user_id, vec![group]);
                let rendered = render_single(&ctx.frame, &person.name, group, content, &path);
                mails.push(mail_row(
                    MailKind::Notification,
                    Some(*user_id),
                    (&person.email, &person.name),
                    rendered,
                    Some(token),
                    content.confidential,
                    now,
                ));
            }
        }
    }
    let txn = db.begin().await.context("writing notifications")?;
    let moved = notification_event::Entity::update_many()
        .col_expr(notification_event::Column::DoneUpTo, Expr::value(to))
        .filter(notification_event::Column::Id.eq(event.id))
        .filter(notification_event::Column::DoneUpTo.eq(from))
        .exec(&txn)
        .await
        .context("writing notifications")?;
    if moved.rows_affected != 1 {
        // Another sender wrote this batch meanwhile (its lease had run out).
        txn.rollback().await.context("writing notifications")?;
        return Ok(());
    }
    notification::Entity::insert_many(notifications)
        .exec_without_returning(&txn)
        .await
        .context("writing notifications")?;
    if !mails.is_empty() {
        // Large rows: a few hundred per statement keep within every backend's parameter limit.
        for chunk in mails.chunks(200) {
            mail::Entity::insert_many(chunk.to_vec())
                .exec_without_returning(&txn)
                .await
                .context("writing notifications")?;
        }
    }
    txn.commit().await.context("writing notifications")?;
    Ok(())
}

/// People per round of [`queue_digests`].
const DIGEST_PEOPLE: u64 = 200;

/// Bundles each person's due digest notifications into one mail; returns the mails queued.
pub async fn queue_digests(
    db: &DatabaseConnection,
    ctx: &OutboxContext,
    now: DateTime<Utc>,
) -> Result<usize, AppError> {
    let people: Vec<i64> = notification::Entity::find()
        .select_only()
        .column(notification::Column::UserId)
        .distinct()
        .filter(notification::Column::MailState.eq(MailState::Waiting))
        .filter(notification::Column::DigestDueAt.lte(now))
        .limit(DIGEST_PEOPLE)
        .into_tuple()
        .all(db)
        .await
        .context("queuing digests")?;
    let mut queued = 0;
    let addresses = addresses(db, &people).await?;
    let stored = stored_frequencies(db, &people).await?;
    for user_id in people {
        let items = notification::Entity::find()
            .filter(notification::Column::UserId.eq(user_id))
            .filter(notification::Column::MailState.eq(MailState::Waiting))
            .filter(notification::Column::DigestDueAt.lte(now))
            .order_by_asc(notification::Column::Id)
            .all(db)
            .await
            .context("queuing digests")?;
        let Some(person) = addresses.get(&user_id) else {
            continue;
        };
        if items.is_empty() {
            continue;
        }
        let ids: Vec<i64> = items.iter().map(|n| n.id).collect();
        let mut groups: Vec<EventGroup> = items.iter().map(|n| n.event_group).collect();
        groups.sort();
        groups.dedup();
        // "wöchentlich" if every group in it is weekly, else "täglich".
        let weekly = groups.iter().all(|g| {
            stored
                .get(&(user_id, *g))
                .copied()
                .unwrap_or(g.default_frequency())
                == Frequency::Weekly
        });
        let frequency = if weekly {
            Frequency::Weekly
        } else {
            Frequency::Daily
        };
        let digest: Vec<DigestItem> = items
            .iter()
            .map(|n| DigestItem {
                group: n.event_group,
                content: Content {
                    title: n.title.clone(),
                    body: n.body.clone(),
                    link: n.link.clone(),
                    confidential: n.confidential,
                },
                at: crate::format::date_time(n.created_at),
            })
            .collect();
        let (path, token) = ctx.unsubscribe_path(user_id, groups);
        let rendered = render_digest(&ctx.frame, &person.name, frequency, &digest, &path);
        let confidential = items.iter().any(|n| n.confidential);
        let txn = db.begin().await.context("queuing digests")?;
        let inserted = mail::Entity::insert(mail_row(
            MailKind::Digest,
            Some(user_id),
            (&person.email, &person.name),
            rendered,
            Some(token),
            confidential,
            now,
        ))
        .exec(&txn)
        .await
        .context("queuing digests")?;
        let taken = notification::Entity::update_many()
            .col_expr(
                notification::Column::MailState,
                Expr::value(MailState::Queued),
            )
            .col_expr(
                notification::Column::MailId,
                Expr::value(inserted.last_insert_id),
            )
            .filter(notification::Column::Id.is_in(ids.clone()))
            .filter(notification::Column::MailState.eq(MailState::Waiting))
            .exec(&txn)
            .await
            .context("queuing digests")?;
        if taken.rows_affected as usize != ids.len() {
            // Another instance bundled (some of) them meanwhile.
            txn.rollback().await.context("queuing digests")?;
            continue;
        }
        txn.commit().await.context("queuing digests")?;
        queued += 1;
    }
    Ok(queued)
}

/// Records the time-based events that are due: round reminders, reading reminders and review
/// dates. Each is recorded once (by its key), whichever instance sees it first.
pub async fn schedule_reminders(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
) -> Result<usize, AppError> {
    let mut recorded = 0;
    let lead = crate::domain::notification::closing_reminder_lead();
    let rounds = round::Entity::find()
        .filter(round::Column::ClosedAt.is_null())
        .filter(round::Column::Deadline.gt(now))
        .filter(round::Column::Deadline.lte(now + lead))
        .all(db)
        .await
        .context("scheduling reminders")?;
    for r in rounds {
        if closing_reminder_due(r.starts_at, r.deadline, now) {
            let key = format!("round_closing:{}:{}", r.id, r.deadline.timestamp());
            if super::ssr::record_once(db, Event::RoundClosing { round_id: r.id }, key, now).await?
            {
                recorded += 1;
            }
        }
    }
    let adopted = adoption_proposal::Entity::find()
        .filter(adoption_proposal::Column::AdoptedAt.is_not_null())
        .all(db)
        .await
        .context("scheduling reminders")?;
    let today = crate::domain::round::berlin_date(now);
    for p in adopted {
        let Some(adopted_at) = p.adopted_at else {
            continue;
        };
        // Only while it is recent: an old adoption needs no "please read" when this starts.
        let age = now - adopted_at;
        if age >= Duration::days(READING_REMINDER_DAYS)
            && age < Duration::days(READING_REMINDER_DAYS + 7)
        {
            let key = format!("reading_reminder:{}", p.id);
            if super::ssr::record_once(db, Event::ReadingReminder { proposal_id: p.id }, key, now)
                .await?
            {
                recorded += 1;
            }
        }
        if let Some(date) = p.next_review {
            let days = (date - today).num_days();
            let (event, key) = if days < 0 {
                (
                    Event::ReviewOverdue { proposal_id: p.id },
                    format!("review_overdue:{}:{date}", p.id),
                )
            } else if days <= REVIEW_NOTICE_DAYS {
                (
                    Event::ReviewDue { proposal_id: p.id },
                    format!("review_due:{}:{date}", p.id),
                )
            } else {
                continue;
            };
            if super::ssr::record_once(db, event, key, now).await? {
                recorded += 1;
            }
        }
    }
    Ok(recorded)
}

/// Claims up to `limit` mails that are due (or whose sender's lease ran out), marks them
/// `sending` until `now + lease`, counts the try, and returns them.
pub async fn claim_mails(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
    lease: Duration,
    limit: u64,
) -> Result<Vec<mail::Model>, AppError> {
    let backend = db.get_database_backend();
    let postgres = backend == DatabaseBackend::Postgres;
    let lock = if postgres {
        " FOR UPDATE SKIP LOCKED"
    } else {
        ""
    };
    let p = |i: usize| {
        if postgres {
            format!("${i}")
        } else {
            "?".to_owned()
        }
    };
    let sql = format!(
        "UPDATE mails SET status = {p1}, claimed_until = {p2}, attempts = attempts + 1 \
         WHERE id IN (SELECT id FROM mails WHERE (status = {p3} AND next_attempt_at <= {p4}) \
         OR (status = {p5} AND claimed_until < {p6}) ORDER BY id LIMIT {limit}{lock}) RETURNING id",
        p1 = p(1),
        p2 = p(2),
        p3 = p(3),
        p4 = p(4),
        p5 = p(5),
        p6 = p(6),
    );
    let values: Vec<Value> = vec![
        "sending".into(),
        (now + lease).into(),
        "pending".into(),
        now.into(),
        "sending".into(),
        now.into(),
    ];
    let rows = db
        .query_all(Statement::from_sql_and_values(backend, sql, values))
        .await
        .context("claiming mails to send")?;
    let ids: Vec<i64> = rows
        .iter()
        .filter_map(|r| r.try_get::<i64>("", "id").ok())
        .collect();
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    mail::Entity::find()
        .filter(mail::Column::Id.is_in(ids))
        .order_by_asc(mail::Column::Id)
        .all(db)
        .await
        .context("claiming mails to send")
}

/// Marks a mail accepted by the mail server (or written to `file_name`).
pub async fn mark_sent(
    db: &impl ConnectionTrait,
    mail_id: i64,
    now: DateTime<Utc>,
    file_name: Option<String>,
) -> Result<(), AppError> {
    mail_update(mail_id)
        .col_expr(mail::Column::Status, Expr::value(MailStatus::Sent))
        .col_expr(mail::Column::SentAt, Expr::value(now))
        .col_expr(
            mail::Column::ClaimedUntil,
            Expr::value(Option::<DateTime<Utc>>::None),
        )
        .col_expr(mail::Column::FileName, Expr::value(file_name))
        .exec(db)
        .await
        .context("marking a mail sent")?;
    Ok(())
}

/// An update of one mail row.
fn mail_update(mail_id: i64) -> sea_orm::UpdateMany<mail::Entity> {
    mail::Entity::update_many().filter(mail::Column::Id.eq(mail_id))
}

/// Records a failed try: waits with back-off, or gives up after the last try.
pub async fn mark_failed_try(
    db: &impl ConnectionTrait,
    sent: &mail::Model,
    error: &str,
    now: DateTime<Utc>,
    retry_base: Duration,
) -> Result<MailStatus, AppError> {
    let status = if gives_up(sent.attempts) {
        MailStatus::Failed
    } else {
        MailStatus::Pending
    };
    let error: String = error.chars().take(500).collect();
    mail_update(sent.id)
        .col_expr(mail::Column::Status, Expr::value(status))
        .col_expr(
            mail::Column::NextAttemptAt,
            Expr::value(now + retry_delay(sent.attempts, retry_base)),
        )
        .col_expr(
            mail::Column::ClaimedUntil,
            Expr::value(Option::<DateTime<Utc>>::None),
        )
        .col_expr(mail::Column::LastError, Expr::value(error))
        .exec(db)
        .await
        .context("recording a failed mail try")?;
    Ok(status)
}

/// Puts a failed mail back into the queue for a fresh set of tries (coordinators).
pub async fn retry(db: &impl ConnectionTrait, mail_id: i64) -> Result<(), AppError> {
    let done = mail_update(mail_id)
        .filter(mail::Column::Status.eq(MailStatus::Failed))
        .col_expr(mail::Column::Status, Expr::value(MailStatus::Pending))
        .col_expr(mail::Column::Attempts, Expr::value(0))
        .col_expr(mail::Column::NextAttemptAt, Expr::value(Utc::now()))
        .exec(db)
        .await
        .context("retrying a mail")?;
    if done.rows_affected == 0 {
        return Err(AppError::Conflict(
            "Diese E-Mail ist nicht (mehr) fehlgeschlagen.".into(),
        ));
    }
    WAKE_SENDER.notify_one();
    Ok(())
}
