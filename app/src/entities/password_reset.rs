//! A one-time password-reset link; only the SHA-256 of its token is stored.

use sea_orm::entity::prelude::*;

/// A row of `password_resets`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "password_resets")]
pub struct Model {
    /// Primary key.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The account.
    pub user_id: i64,
    /// Hex SHA-256 of the token in the link.
    #[sea_orm(unique)]
    pub token_hash: String,
    /// When it was requested.
    pub created_at: DateTimeUtc,
    /// When it stops being valid.
    pub expires_at: DateTimeUtc,
    /// When it was used.
    pub used_at: Option<DateTimeUtc>,
}

/// Relations of `password_resets`.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
