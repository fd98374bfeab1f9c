//! A link from a contribution to the draft section that takes it up.

use sea_orm::entity::prelude::*;

/// A row of `contribution_sections`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "contribution_sections")]
pub struct Model {
    /// The contribution.
    #[sea_orm(primary_key, auto_increment = false)]
    pub contribution_id: i64,
    /// The section's anchor in the draft.
    #[sea_orm(primary_key, auto_increment = false)]
    pub anchor: String,
    /// The section's title when it was linked.
    pub title: String,
    /// Who linked it.
    pub linked_by: i64,
    /// When.
    pub linked_at: DateTimeUtc,
}

/// Relations of `contribution_sections`.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
