//! One person's support (+1) of a comment.

use sea_orm::entity::prelude::*;

/// A row of `comment_supports`; the primary key makes support once per person.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "comment_supports")]
pub struct Model {
    /// The comment.
    #[sea_orm(primary_key, auto_increment = false)]
    pub comment_id: i64,
    /// The supporter.
    #[sea_orm(primary_key, auto_increment = false)]
    pub user_id: i64,
    /// When.
    pub created_at: DateTimeUtc,
}

/// Relations of `comment_supports`.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
