//! The project group's working draft of a process (one per process, not public).

use sea_orm::entity::prelude::*;

/// A row of `working_drafts`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "working_drafts")]
pub struct Model {
    /// The process.
    #[sea_orm(primary_key, auto_increment = false)]
    pub process_id: i64,
    /// Markdown source.
    pub body: String,
    /// Incremented at every save; a save must name the count it started from (optimistic lock).
    pub edit_count: i32,
    /// Who saved last.
    pub updated_by: i64,
    /// When.
    pub updated_at: DateTimeUtc,
}

/// Relations of `working_drafts`.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
