//! A perspective a project-group member brings (one row per member and perspective).

use crate::domain::group::Perspective;
use sea_orm::entity::prelude::*;

/// A row of `group_member_perspectives`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "group_member_perspectives")]
pub struct Model {
    /// The process.
    #[sea_orm(primary_key, auto_increment = false)]
    pub process_id: i64,
    /// The member's account.
    #[sea_orm(primary_key, auto_increment = false)]
    pub user_id: i64,
    /// The perspective.
    #[sea_orm(primary_key, auto_increment = false)]
    pub perspective: Perspective,
}

/// Relations of `group_member_perspectives`.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
