//! A member of an approving body, who may record the body's decision.

use sea_orm::entity::prelude::*;

/// A row of `body_members`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "body_members")]
pub struct Model {
    /// The body.
    #[sea_orm(primary_key, auto_increment = false)]
    pub body_id: i64,
    /// The member's account.
    #[sea_orm(primary_key, auto_increment = false)]
    pub user_id: i64,
    /// The coordinator who added them.
    pub added_by: i64,
    /// When.
    pub added_at: DateTimeUtc,
    /// Chairs the body (confirms a works council's minutes as chair, signs an agreement).
    pub chair: bool,
}

/// Relations of `body_members`.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
