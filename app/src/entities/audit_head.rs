//! The one-row head of the audit chain: the newest entry's `seq` and `hash`, and the lock that
//! makes concurrent appends take turns.

use sea_orm::entity::prelude::*;

/// The row of `audit_head` (always `id = 1`).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "audit_head")]
pub struct Model {
    /// Always 1.
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: i64,
    /// The newest entry's `seq` (0 for an empty log).
    pub seq: i64,
    /// The newest entry's hash (the genesis hash for an empty log).
    pub hash: String,
}

/// Relations of `audit_head`.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
