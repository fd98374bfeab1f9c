//! A published, immutable version of a guideline.

use sea_orm::entity::prelude::*;

/// A row of `versions`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "versions")]
pub struct Model {
    /// Primary key.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The process.
    pub process_id: i64,
    /// 1, 2, 3 … within the process.
    pub number: i32,
    /// Markdown source.
    pub body: String,
    /// Rendered and sanitised HTML.
    pub body_html: String,
    /// What changed, in the project group's words.
    pub change_summary: String,
    /// Hex SHA-256 of the Markdown source.
    pub content_hash: String,
    /// Who published it.
    pub published_by: i64,
    /// When.
    pub published_at: DateTimeUtc,
}

/// Relations of `versions`.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
