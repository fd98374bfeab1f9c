//! A guideline process.

use sea_orm::entity::prelude::*;

/// A row of `processes`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "processes")]
pub struct Model {
    /// Primary key.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// Title, e.g. "KI-Leitlinie 2027".
    pub title: String,
    /// Short description.
    pub description: String,
    /// Current step.
    pub step: crate::domain::process::Step,
    /// Revision counter: 1 for the first guideline, +1 per review.
    pub revision: i32,
    /// Whether staff see the contributions of others.
    pub contributions_visible: bool,
    /// The coordinator who created it.
    pub created_by: i64,
    /// When it was created.
    pub created_at: DateTimeUtc,
    /// Adopted as a works or service agreement: both sides confirm the frozen text.
    pub agreement: Option<super::codetermination::AgreementColumn>,
}

/// Relations of `processes`.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
