//! One notification of one person: an entry of their inbox and the source of their mail.

use crate::domain::notification::{EventGroup, MailState};
use sea_orm::entity::prelude::*;

/// A row of `notifications`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "notifications")]
pub struct Model {
    /// Primary key.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The recipient.
    pub user_id: i64,
    /// The event it came from.
    pub event_id: i64,
    /// The preference group.
    pub event_group: EventGroup,
    /// One line, e.g. "Neue Diskursrunde: KI-Leitlinie 2027".
    pub title: String,
    /// Plain text, a few lines (only what the recipient may see in the app).
    pub body: String,
    /// The place in the app (a path, e.g. `/prozesse/1/runden/2`).
    pub link: String,
    /// Concerns the recipient's own anonymous text: coordinators never see its mail.
    pub confidential: bool,
    /// When.
    pub created_at: DateTimeUtc,
    /// When the recipient marked it read.
    pub read_at: Option<DateTimeUtc>,
    /// Whether and how it is mailed.
    pub mail_state: MailState,
    /// When the digest carrying it is due.
    pub digest_due_at: Option<DateTimeUtc>,
    /// The mail that carried it.
    pub mail_id: Option<i64>,
}

/// Relations of `notifications`.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
