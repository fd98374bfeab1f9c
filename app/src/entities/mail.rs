//! A mail of the outbox, rendered, with its delivery state.

use crate::domain::notification::{MailKind, MailStatus};
use sea_orm::entity::prelude::*;

/// A row of `mails`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "mails")]
pub struct Model {
    /// Primary key.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// What it is.
    pub kind: MailKind,
    /// The recipient's account.
    pub user_id: Option<i64>,
    /// The recipient's address.
    pub to_address: String,
    /// The recipient's name.
    pub to_name: String,
    /// The subject (header-safe).
    pub subject: String,
    /// The plain-text part.
    pub body_text: String,
    /// The HTML part (every user text escaped).
    pub body_html: String,
    /// The unsubscribe token for `List-Unsubscribe` (none for invitations and resets).
    pub unsubscribe_token: Option<String>,
    /// Hidden from coordinators (anonymous authors' mails, password resets).
    pub confidential: bool,
    /// Delivery state.
    pub status: MailStatus,
    /// Tries so far.
    pub attempts: i32,
    /// Not tried again before this moment.
    pub next_attempt_at: DateTimeUtc,
    /// The claiming sender's lease.
    pub claimed_until: Option<DateTimeUtc>,
    /// The last failure, for the coordinators' list.
    pub last_error: Option<String>,
    /// The `.eml` file it was written to (embedded default without SMTP).
    pub file_name: Option<String>,
    /// When it was queued.
    pub created_at: DateTimeUtc,
    /// When the mail server accepted it.
    pub sent_at: Option<DateTimeUtc>,
}

/// Relations of `mails`.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
