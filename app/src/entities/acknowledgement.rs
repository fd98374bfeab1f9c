//! A staff member's read acknowledgement of an adopted version.

use sea_orm::entity::prelude::*;

/// A row of `acknowledgements`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "acknowledgements")]
pub struct Model {
    /// The adopted version.
    #[sea_orm(primary_key, auto_increment = false)]
    pub version_id: i64,
    /// The person.
    #[sea_orm(primary_key, auto_increment = false)]
    pub user_id: i64,
    /// When they confirmed.
    pub acknowledged_at: DateTimeUtc,
}

/// Relations of `acknowledgements`.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
