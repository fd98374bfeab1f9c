//! A free tag the project group put on a contribution.

use sea_orm::entity::prelude::*;

/// A row of `contribution_tags`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "contribution_tags")]
pub struct Model {
    /// The contribution.
    #[sea_orm(primary_key, auto_increment = false)]
    pub contribution_id: i64,
    /// The tag (normalised).
    #[sea_orm(primary_key, auto_increment = false)]
    pub tag: String,
}

/// Relations of `contribution_tags`.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
