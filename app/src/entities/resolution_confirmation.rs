//! A confirmation of a works council's minutes, by the chair or a further member.

use sea_orm::entity::prelude::*;

/// A row of `resolution_confirmations`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "resolution_confirmations")]
pub struct Model {
    /// The resolution.
    #[sea_orm(primary_key, auto_increment = false)]
    pub resolution_id: i64,
    /// The confirming member.
    #[sea_orm(primary_key, auto_increment = false)]
    pub user_id: i64,
    /// Confirmed as the chair.
    pub as_chair: bool,
    /// When.
    pub confirmed_at: DateTimeUtc,
}

/// Relations of `resolution_confirmations`.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
