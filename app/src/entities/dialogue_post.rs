//! An experience report (or a reply to one) in the dialogue space of an adopted guideline.

use sea_orm::entity::prelude::*;

/// A row of `dialogue_posts`. `author_id` is always stored; for anonymous posts it never
/// leaves the server.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "dialogue_posts")]
pub struct Model {
    /// Primary key.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The process.
    pub process_id: i64,
    /// The adopted version in force when it was written.
    pub version_id: i64,
    /// The post answered (replies only; one level).
    pub parent_id: Option<i64>,
    /// What the post is about (top-level posts only).
    pub kind: Option<crate::domain::dialogue::PostKind>,
    /// Who wrote it.
    pub author_id: i64,
    /// Hidden author.
    pub anonymous: bool,
    /// The text.
    pub body: String,
    /// Hex SHA-256 of the text (duplicate guard).
    pub body_hash: String,
    /// When it was written.
    pub created_at: DateTimeUtc,
    /// Why the project group or a coordinator hid it; `None` while it is shown.
    pub hidden_reason: Option<String>,
    /// Who hid it.
    pub hidden_by: Option<i64>,
    /// When it was hidden.
    pub hidden_at: Option<DateTimeUtc>,
}

/// Relations of `dialogue_posts`.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
