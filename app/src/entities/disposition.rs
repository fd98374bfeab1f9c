//! The project group's answer to a comment.

use sea_orm::entity::prelude::*;

/// A row of `dispositions`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "dispositions")]
pub struct Model {
    /// The comment answered.
    #[sea_orm(primary_key, auto_increment = false)]
    pub comment_id: i64,
    /// The project group's answer.
    pub kind: crate::domain::disposition::Disposition,
    /// The reason (required for all but "accepted").
    pub reason: Option<String>,
    /// Who decided.
    pub decided_by: i64,
    /// When.
    pub decided_at: DateTimeUtc,
}

/// Relations of `dispositions`.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
