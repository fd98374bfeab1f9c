//! The employer's request for a MAV's approval, which starts the deadline.

use sea_orm::entity::prelude::*;

/// A row of `approval_requests`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "approval_requests")]
pub struct Model {
    /// Primary key.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The proposal.
    pub proposal_id: i64,
    /// The body (the MAV).
    pub body_id: i64,
    /// The frozen hash the request is about.
    pub content_hash: String,
    /// The day the MAV received the request (does not count).
    pub received_on: Date,
    /// The last day of the deadline (extensions included); silence approves from the next day.
    pub last_day: Date,
    /// Why the deadline was extended (on the MAV's request), if it was.
    pub extension_reason: Option<String>,
    /// Who entered the request.
    pub requested_by: i64,
    /// When.
    pub requested_at: DateTimeUtc,
    /// The body's decision (explicit or deemed), once there is one.
    pub decision_id: Option<i64>,
}

/// Relations of `approval_requests`.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
