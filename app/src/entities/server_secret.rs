//! A secret the server generated on first start (e.g. the unsubscribe links' HMAC key).

use sea_orm::entity::prelude::*;

/// A row of `server_secrets`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "server_secrets")]
pub struct Model {
    /// What it is for.
    #[sea_orm(primary_key, auto_increment = false)]
    pub name: String,
    /// The secret (hex).
    pub value: String,
    /// When it was made.
    pub created_at: DateTimeUtc,
}

/// Relations of `server_secrets`.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
