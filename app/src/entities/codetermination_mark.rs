//! A section the project group marked as subject to co-determination.

use sea_orm::entity::prelude::*;

/// A row of `codetermination_marks`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "codetermination_marks")]
pub struct Model {
    /// Primary key.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The process.
    pub process_id: i64,
    /// The section's heading anchor (stable across versions while the heading stays).
    pub anchor: String,
    /// The heading when it was marked.
    pub title: String,
    /// The legal basis ("§ 87 Abs. 1 Nr. 6 BetrVG – technische Einrichtungen").
    pub basis: String,
    /// Who marked it.
    pub marked_by: i64,
    /// When.
    pub marked_at: DateTimeUtc,
}

/// Relations of `codetermination_marks`.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
