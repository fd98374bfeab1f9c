//! A management or board member's confirmation of the frozen text (approve or reject).

use sea_orm::entity::prelude::*;

/// A row of `member_confirmations`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "member_confirmations")]
pub struct Model {
    /// Primary key.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The proposal.
    pub proposal_id: i64,
    /// The body.
    pub body_id: i64,
    /// The member.
    pub user_id: i64,
    /// Approves (else rejects).
    pub approve: bool,
    /// The reason of a rejection.
    pub reason: Option<String>,
    /// The frozen hash confirmed.
    pub content_hash: String,
    /// When.
    pub confirmed_at: DateTimeUtc,
}

/// Relations of `member_confirmations`.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
