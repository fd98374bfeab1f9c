//! A state change that concerns people: the outbox entry written in the change's transaction.

use crate::domain::notification::EventKind;
use sea_orm::entity::prelude::*;

/// A row of `notification_events`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "notification_events")]
pub struct Model {
    /// Primary key.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// What happened.
    pub kind: EventKind,
    /// The event with its ids, as JSON (`domain::notification::Event`). Deliberately a string,
    /// not a typed column: the sender drops one unreadable event with a logged error, where a
    /// decoding error would stop it from claiming any event at all.
    pub payload: String,
    /// Who caused it (not notified about their own action).
    pub actor_id: Option<i64>,
    /// When it was written.
    pub created_at: DateTimeUtc,
    /// Not expanded before this moment (a round that starts later).
    pub due_at: DateTimeUtc,
    /// Makes time-based events unique (`round_closing:7:…`).
    #[sea_orm(unique)]
    pub dedup_key: Option<String>,
    /// Recipients with an id up to this one have their notification.
    pub done_up_to: i64,
    /// Lease of the sender expanding it.
    pub claimed_until: Option<DateTimeUtc>,
    /// When every recipient had their notification.
    pub done_at: Option<DateTimeUtc>,
}

/// Relations of `notification_events`.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
