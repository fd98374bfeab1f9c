//! A member of a process's project group; the perspectives they bring are in
//! `group_member_perspectives`.

use sea_orm::entity::prelude::*;

/// A row of `group_members`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "group_members")]
pub struct Model {
    /// The process.
    #[sea_orm(primary_key, auto_increment = false)]
    pub process_id: i64,
    /// The member's account.
    #[sea_orm(primary_key, auto_increment = false)]
    pub user_id: i64,
    /// The coordinator who appointed them.
    pub appointed_by: i64,
    /// When.
    pub appointed_at: DateTimeUtc,
}

/// Relations of `group_members`.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
