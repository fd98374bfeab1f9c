//! A comment (or a reply) on a paragraph of a version during a round.

use sea_orm::entity::prelude::*;

/// A row of `comments`. `author_id` is always stored; for anonymous comments it never leaves
/// the server.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "comments")]
pub struct Model {
    /// Primary key.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The round.
    pub round_id: i64,
    /// The version commented on.
    pub version_id: i64,
    /// The paragraph id (`b12`).
    pub block_id: String,
    /// The selected passage, if any.
    pub quote: Option<String>,
    /// The comment answered (replies only; one level).
    pub parent_id: Option<i64>,
    /// Who wrote it.
    pub author_id: i64,
    /// Hidden author.
    pub anonymous: bool,
    /// The current text.
    pub body: String,
    /// `CommentBody::fingerprint` of the current text (duplicate guard).
    pub body_hash: String,
    /// Why the project group hid it.
    pub hidden_reason: Option<String>,
    /// Who hid it.
    pub hidden_by: Option<i64>,
    /// When it was written.
    pub created_at: DateTimeUtc,
    /// When it was last edited.
    pub edited_at: Option<DateTimeUtc>,
}

/// Relations of `comments`.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
