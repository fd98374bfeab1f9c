//! A review of an adopted guideline: the start of a new revision.

use sea_orm::entity::prelude::*;

/// A row of `reviews`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "reviews")]
pub struct Model {
    /// Primary key.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The process.
    pub process_id: i64,
    /// The revision this review started.
    pub revision: i32,
    /// The kind of the trigger.
    pub trigger_kind: crate::domain::adoption::TriggerKind,
    /// The description for the trigger "other".
    pub trigger_text: Option<String>,
    /// The step the revision started in (`discourse` or `collect`).
    pub reentry_step: crate::domain::process::Step,
    /// The adopted proposal reviewed.
    pub from_proposal_id: i64,
    /// The adopted version reviewed.
    pub from_version_id: i64,
    /// Its number.
    pub from_version_number: i32,
    /// Its content hash (hex SHA-256) when the review started.
    pub content_hash: String,
    /// The coordinator who started it.
    pub started_by: i64,
    /// When.
    pub started_at: DateTimeUtc,
}

/// Relations of `reviews`.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
