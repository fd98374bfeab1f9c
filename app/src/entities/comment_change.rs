//! A link from a (partly) accepted comment to the section of a later version it changed.

use sea_orm::entity::prelude::*;

/// A row of `comment_changes`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "comment_changes")]
pub struct Model {
    /// The comment that led to the change.
    #[sea_orm(primary_key, auto_increment = false)]
    pub comment_id: i64,
    /// The version that contains the change.
    #[sea_orm(primary_key, auto_increment = false)]
    pub version_id: i64,
    /// The changed section's anchor in that version.
    #[sea_orm(primary_key, auto_increment = false)]
    pub anchor: String,
    /// The project-group member who linked it.
    pub linked_by: i64,
    /// When.
    pub linked_at: DateTimeUtc,
}

/// Relations of `comment_changes`.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
