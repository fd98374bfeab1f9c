//! A discourse round on a published version.

use sea_orm::entity::prelude::*;

/// A row of `rounds`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "rounds")]
pub struct Model {
    /// Primary key.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The process.
    pub process_id: i64,
    /// The published version under discussion.
    pub version_id: i64,
    /// When comments open.
    pub starts_at: DateTimeUtc,
    /// When comments close.
    pub deadline: DateTimeUtc,
    /// Who is asked to take part (stored as JSON text).
    pub audience: crate::domain::round::Audience,
    /// Whether comments may be anonymous in this round.
    pub anonymous_allowed: bool,
    /// The project-group member who opened it.
    pub opened_by: i64,
    /// When it was opened.
    pub opened_at: DateTimeUtc,
    /// When the project group closed it (all comments answered); also set when it was
    /// cancelled, so every reader of the schedule sees it as finished.
    pub closed_at: Option<DateTimeUtc>,
    /// When it was cancelled before it started.
    pub cancelled_at: Option<DateTimeUtc>,
}

/// Relations of `rounds`.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
