//! Notification services (server only): recording events in the transaction of a state
//! change, the inbox, preferences, and the signed unsubscribe links.

use super::{InboxItem, InboxPage, PreferenceRow, INBOX_PAGE_SIZE};
use crate::domain::notification::{
    Event, EventGroup, Frequency, NotificationError, UnsubscribeRequest,
};
use crate::entities::{notification, notification_event, notification_preference, server_secret};
use crate::error::{AppError, Context};
use chrono::{DateTime, Utc};
use hmac::{Hmac, Mac};
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};
use sha2::Sha256;
use std::collections::HashMap;

/// Wakes the sender when an event or mail was written (it also polls, so a wake-up that comes
/// before the transaction commits only costs one poll interval).
pub static WAKE_SENDER: tokio::sync::Notify = tokio::sync::Notify::const_new();

/// Records `event` (caused by `actor`, who is not notified) in the transaction of the state
/// change, so it is committed or rolled back with it. The sender expands it to its recipients.
pub async fn record<C: ConnectionTrait>(
    conn: &C,
    actor: Option<i64>,
    event: Event,
) -> Result<(), AppError> {
    record_at(conn, actor, event, Utc::now()).await
}

/// Like [`record`], for an event that must not reach anyone before `due_at` (a round that
/// starts later).
pub async fn record_at<C: ConnectionTrait>(
    conn: &C,
    actor: Option<i64>,
    event: Event,
    due_at: DateTime<Utc>,
) -> Result<(), AppError> {
    insert_event(conn, actor, &event, due_at, None).await?;
    Ok(())
}

/// Records a time-based event once: a second call with the same `key` does nothing. Returns
/// whether it was recorded now.
pub async fn record_once<C: ConnectionTrait>(
    conn: &C,
    event: Event,
    key: String,
    now: DateTime<Utc>,
) -> Result<bool, AppError> {
    insert_event(conn, None, &event, now, Some(key)).await
}

async fn insert_event<C: ConnectionTrait>(
    conn: &C,
    actor: Option<i64>,
    event: &Event,
    due_at: DateTime<Utc>,
    dedup_key: Option<String>,
) -> Result<bool, AppError> {
    let payload = serde_json::to_string(event).context("serialising a notification event")?;
    let row = notification_event::ActiveModel {
        kind: Set(event.kind()),
        payload: Set(payload),
        actor_id: Set(actor),
        created_at: Set(Utc::now()),
        due_at: Set(due_at),
        dedup_key: Set(dedup_key),
        done_up_to: Set(0),
        claimed_until: Set(None),
        done_at: Set(None),
        ..Default::default()
    };
    let inserted = notification_event::Entity::insert(row)
        .on_conflict(
            OnConflict::column(notification_event::Column::DedupKey)
                .do_nothing()
                .to_owned(),
        )
        .exec_without_returning(conn)
        .await
        .context("storing a notification event")?;
    WAKE_SENDER.notify_one();
    Ok(inserted > 0)
}

/// Unread notifications of a person.
pub async fn unread_count(db: &impl ConnectionTrait, user_id: i64) -> Result<u64, AppError> {
    notification::Entity::find()
        .filter(notification::Column::UserId.eq(user_id))
        .filter(notification::Column::ReadAt.is_null())
        .count(db)
        .await
        .context("counting unread notifications")
}

/// One page of a person's notifications, newest first.
pub async fn inbox(
    db: &impl ConnectionTrait,
    user_id: i64,
    page: u64,
) -> Result<InboxPage, AppError> {
    let paginator = notification::Entity::find()
        .filter(notification::Column::UserId.eq(user_id))
        .order_by_desc(notification::Column::Id)
        .paginate(db, INBOX_PAGE_SIZE);
    let total = paginator.num_items().await.context("loading the inbox")?;
    let pages = total.div_ceil(INBOX_PAGE_SIZE).max(1);
    let page = page.clamp(1, pages);
    let items = paginator
        .fetch_page(page - 1)
        .await
        .context("loading the inbox")?
        .into_iter()
        .map(|n| InboxItem {
            id: n.id,
            title: n.title,
            body: n.body,
            link: n.link,
            group: n.event_group.label_de().to_owned(),
            at: crate::format::date_time(n.created_at),
            read: n.read_at.is_some(),
        })
        .collect();
    Ok(InboxPage {
        items,
        page,
        pages,
        total,
        unread: unread_count(db, user_id).await?,
    })
}

/// Marks one of the person's notifications read (another person's: not found).
pub async fn mark_read(db: &impl ConnectionTrait, user_id: i64, id: i64) -> Result<(), AppError> {
    let found = notification::Entity::find_by_id(id)
        .filter(notification::Column::UserId.eq(user_id))
        .one(db)
        .await
        .context("marking a notification read")?
        .ok_or(AppError::NotFound)?;
    if found.read_at.is_none() {
        notification::Entity::update_many()
            .col_expr(notification::Column::ReadAt, Expr::value(Utc::now()))
            .filter(notification::Column::Id.eq(found.id))
            .exec(db)
            .await
            .context("marking a notification read")?;
    }
    Ok(())
}

/// Marks all of the person's notifications read; returns how many were unread.
pub async fn mark_all_read(db: &impl ConnectionTrait, user_id: i64) -> Result<u64, AppError> {
    let done = notification::Entity::update_many()
        .col_expr(notification::Column::ReadAt, Expr::value(Utc::now()))
        .filter(notification::Column::UserId.eq(user_id))
        .filter(notification::Column::ReadAt.is_null())
        .exec(db)
        .await
        .context("marking all notifications read")?;
    Ok(done.rows_affected)
}

/// The stored frequencies of the given people (missing entries: the group's default).
pub async fn stored_frequencies(
    db: &impl ConnectionTrait,
    user_ids: &[i64],
) -> Result<HashMap<(i64, EventGroup), Frequency>, AppError> {
    let mut out = HashMap::new();
    for chunk in user_ids.chunks(1000) {
        for row in notification_preference::Entity::find()
            .filter(notification_preference::Column::UserId.is_in(chunk.iter().copied()))
            .all(db)
            .await
            .context("loading notification preferences")?
        {
            out.insert((row.user_id, row.event_group), row.frequency);
        }
    }
    Ok(out)
}

/// A person's frequency for every group.
pub async fn preferences(
    db: &impl ConnectionTrait,
    user_id: i64,
) -> Result<Vec<PreferenceRow>, AppError> {
    let stored = stored_frequencies(db, &[user_id]).await?;
    Ok(EventGroup::ALL
        .into_iter()
        .map(|group| PreferenceRow {
            group: group.as_str().to_owned(),
            label: group.label_de().to_owned(),
            hint: group.hint_de().to_owned(),
            frequency: stored
                .get(&(user_id, group))
                .copied()
                .unwrap_or(group.default_frequency())
                .as_str()
                .to_owned(),
        })
        .collect())
}

/// Sets a person's frequency of the given groups.
pub async fn set_preferences(
    db: &impl ConnectionTrait,
    user_id: i64,
    choices: &[(EventGroup, Frequency)],
) -> Result<(), AppError> {
    if choices.is_empty() {
        return Ok(());
    }
    let now = Utc::now();
    let rows = choices
        .iter()
        .map(|(group, frequency)| notification_preference::ActiveModel {
            user_id: Set(user_id),
            event_group: Set(*group),
            frequency: Set(*frequency),
            changed_at: Set(now),
        });
    notification_preference::Entity::insert_many(rows)
        .on_conflict(
            OnConflict::columns([
                notification_preference::Column::UserId,
                notification_preference::Column::EventGroup,
            ])
            .update_columns([
                notification_preference::Column::Frequency,
                notification_preference::Column::ChangedAt,
            ])
            .to_owned(),
        )
        .exec_without_returning(db)
        .await
        .context("saving notification preferences")?;
    Ok(())
}

/// The key that signs unsubscribe links. Not `Debug`-printable.
#[derive(Clone, Default)]
pub struct SigningKey(std::sync::Arc<Vec<u8>>);

impl std::fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SigningKey(…)")
    }
}

impl SigningKey {
    /// A key from raw bytes.
    pub fn new(bytes: Vec<u8>) -> Self {
        Self(std::sync::Arc::new(bytes))
    }

    fn mac(&self) -> Hmac<Sha256> {
        // HMAC takes keys of any length; this cannot fail.
        <Hmac<Sha256> as Mac>::new_from_slice(&self.0)
            .unwrap_or_else(|_| unreachable!("HMAC accepts keys of any length"))
    }

    /// The unsubscribe token of `request`.
    pub fn sign(&self, request: &UnsubscribeRequest) -> String {
        let mut mac = self.mac();
        mac.update(request.signed_text().as_bytes());
        let hex: String = mac
            .finalize()
            .into_bytes()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        request.token(&hex)
    }

    /// The request of a token made by [`SigningKey::sign`]; refused if damaged or forged
    /// (compared in constant time).
    pub fn verify(&self, token: &str) -> Result<UnsubscribeRequest, NotificationError> {
        let (request, hex) = UnsubscribeRequest::parse(token)?;
        let bytes: Vec<u8> = (0..hex.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&hex[i..i + 2], 16))
            .collect::<Result<_, _>>()
            .map_err(|_| NotificationError::InvalidToken)?;
        let mut mac = self.mac();
        mac.update(request.signed_text().as_bytes());
        mac.verify_slice(&bytes)
            .map_err(|_| NotificationError::InvalidToken)?;
        Ok(request)
    }
}

/// The name of the unsubscribe key in `server_secrets`.
const UNSUBSCRIBE_SECRET: &str = "unsubscribe_hmac";

/// The unsubscribe key: from `configured` (`MITSPRACHE_SECRET`) if set, else the one stored in
/// the database, created on first start (several instances starting at once agree on the
/// first one stored).
pub async fn signing_key(
    db: &impl ConnectionTrait,
    configured: Option<&str>,
) -> Result<SigningKey, AppError> {
    if let Some(secret) = configured.filter(|s| !s.trim().is_empty()) {
        return Ok(SigningKey::new(secret.trim().as_bytes().to_vec()));
    }
    if let Some(row) = server_secret::Entity::find_by_id(UNSUBSCRIBE_SECRET.to_owned())
        .one(db)
        .await
        .context("loading the unsubscribe secret")?
    {
        return Ok(SigningKey::new(row.value.into_bytes()));
    }
    let (fresh, _) = crate::account::ssr::new_token();
    server_secret::Entity::insert(server_secret::ActiveModel {
        name: Set(UNSUBSCRIBE_SECRET.to_owned()),
        value: Set(fresh),
        created_at: Set(Utc::now()),
    })
    .on_conflict(
        OnConflict::column(server_secret::Column::Name)
            .do_nothing()
            .to_owned(),
    )
    .exec_without_returning(db)
    .await
    .context("loading the unsubscribe secret")?;
    let row = server_secret::Entity::find_by_id(UNSUBSCRIBE_SECRET.to_owned())
        .one(db)
        .await
        .context("loading the unsubscribe secret")?
        .context("loading the unsubscribe secret: the row just ensured is missing")?;
    Ok(SigningKey::new(row.value.into_bytes()))
}

/// Stops the mail of the token's groups ("nie"); returns the groups. No log-in needed: the
/// token is the proof.
pub async fn unsubscribe(
    db: &impl ConnectionTrait,
    key: &SigningKey,
    token: &str,
) -> Result<Vec<EventGroup>, AppError> {
    let request = key.verify(token).map_err(AppError::invalid)?;
    let choices: Vec<(EventGroup, Frequency)> = request
        .groups
        .iter()
        .map(|g| (*g, Frequency::Never))
        .collect();
    set_preferences(db, request.user_id, &choices).await?;
    Ok(request.groups)
}

/// The coordinators' outbox page.
pub async fn admin_page(
    db: &impl ConnectionTrait,
    config: &crate::state::AppConfig,
    page: u64,
) -> Result<super::MailAdminPage, AppError> {
    use super::{MailAdminPage, MailFile, MailRow, MAILS_PAGE_SIZE};
    use crate::domain::notification::MailStatus;
    use crate::entities::mail;
    let paginator = mail::Entity::find()
        .order_by_desc(mail::Column::Id)
        .paginate(db, MAILS_PAGE_SIZE);
    let total = paginator
        .num_items()
        .await
        .context("loading the mail admin page")?;
    let pages = total.div_ceil(MAILS_PAGE_SIZE).max(1);
    let page = page.clamp(1, pages);
    let mails = paginator
        .fetch_page(page - 1)
        .await
        .context("loading the mail admin page")?
        .into_iter()
        .map(|m| {
            let open = !m.confidential;
            MailRow {
                id: m.id,
                kind: m.kind.label_de().to_owned(),
                to: open.then(|| format!("{} <{}>", m.to_name, m.to_address)),
                subject: open.then_some(m.subject),
                text: open.then_some(m.body_text),
                status: m.status.label_de().to_owned(),
                failed: m.status == MailStatus::Failed,
                attempts: m.attempts,
                last_error: m.last_error,
                created_at: crate::format::date_time(m.created_at),
                sent_at: m.sent_at.map(crate::format::date_time),
                file_name: if open { m.file_name } else { None },
            }
        })
        .collect();
    let count = |status: MailStatus| {
        mail::Entity::find()
            .filter(mail::Column::Status.eq(status))
            .count(db)
    };
    let pending = count(MailStatus::Pending)
        .await
        .context("loading the mail admin page")?
        + count(MailStatus::Sending)
            .await
            .context("loading the mail admin page")?;
    let failed = count(MailStatus::Failed)
        .await
        .context("loading the mail admin page")?;
    // The files of confidential mails are not listed (their names would be all that shows).
    let confidential: std::collections::HashSet<String> = mail::Entity::find()
        .select_only()
        .column(mail::Column::FileName)
        .filter(mail::Column::Confidential.eq(true))
        .filter(mail::Column::FileName.is_not_null())
        .into_tuple::<Option<String>>()
        .all(db)
        .await
        .context("loading the mail admin page")?
        .into_iter()
        .flatten()
        .collect();
    let (files, files_total) = match &config.mail_dir {
        Some(dir) => list_files(dir, &confidential),
        None => (Vec::new(), 0),
    };
    Ok(MailAdminPage {
        mails,
        page,
        pages,
        total,
        pending,
        failed,
        transport: config.mail_transport.clone(),
        files: files
            .into_iter()
            .map(|(name, bytes, at)| MailFile {
                name,
                bytes,
                at: crate::format::date_time(at),
            })
            .collect(),
        files_total,
    })
}

/// The newest 50 `.eml` files of `dir` (name, size, time) and how many there are, leaving out
/// `hidden` names.
fn list_files(
    dir: &std::path::Path,
    hidden: &std::collections::HashSet<String>,
) -> (Vec<(String, u64, DateTime<Utc>)>, usize) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return (Vec::new(), 0);
    };
    let mut files: Vec<(String, u64, DateTime<Utc>)> = entries
        .filter_map(Result::ok)
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            if !name.ends_with(".eml") || hidden.contains(&name) {
                return None;
            }
            let meta = e.metadata().ok()?;
            let at: DateTime<Utc> = meta.modified().ok()?.into();
            Some((name, meta.len(), at))
        })
        .collect();
    files.sort_by(|a, b| b.2.cmp(&a.2).then(b.0.cmp(&a.0)));
    let total = files.len();
    files.truncate(50);
    (files, total)
}
