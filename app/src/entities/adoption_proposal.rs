//! A version proposed for adoption, frozen with its content hash.

use sea_orm::entity::prelude::*;

/// A row of `adoption_proposals`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "adoption_proposals")]
pub struct Model {
    /// Primary key.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The process.
    pub process_id: i64,
    /// The frozen version.
    pub version_id: i64,
    /// Hex SHA-256 of the version's Markdown when it was frozen.
    pub frozen_hash: String,
    /// The project-group member who proposed it.
    pub proposed_by: i64,
    /// When.
    pub proposed_at: DateTimeUtc,
    /// When the group sent it back after a rejection, or withdrew it.
    pub returned_at: Option<DateTimeUtc>,
    /// The group's reason when it withdrew the proposal before the bodies decided (then
    /// `returned_at` is the time of the withdrawal).
    pub withdrawn_reason: Option<String>,
    /// When the last required body approved.
    pub adopted_at: Option<DateTimeUtc>,
    /// The next review date (set at adoption).
    pub next_review: Option<Date>,
    /// The plain-language summary (Markdown).
    pub summary: String,
    /// The summary rendered and sanitised.
    pub summary_html: String,
}

/// Relations of `adoption_proposals`.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
