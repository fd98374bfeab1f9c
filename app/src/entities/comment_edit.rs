//! An earlier text of an edited comment.

use sea_orm::entity::prelude::*;

/// A row of `comment_edits`: the text a comment had before an edit.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "comment_edits")]
pub struct Model {
    /// Primary key.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The comment.
    pub comment_id: i64,
    /// The text before the edit.
    pub body: String,
    /// When the edit replaced it.
    pub edited_at: DateTimeUtc,
}

/// Relations of `comment_edits`.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
