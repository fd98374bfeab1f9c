//! A one-time invitation link; only the SHA-256 of its token is stored.

use sea_orm::entity::prelude::*;

/// A row of `invitations`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "invitations")]
pub struct Model {
    /// Primary key.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The invited account.
    pub user_id: i64,
    /// Hex SHA-256 of the token in the link.
    #[sea_orm(unique)]
    pub token_hash: String,
    /// The coordinator who created it (none for the CLI).
    pub created_by: Option<i64>,
    /// When it was created.
    pub created_at: DateTimeUtc,
    /// When it stops being valid.
    pub expires_at: DateTimeUtc,
    /// When it was used.
    pub used_at: Option<DateTimeUtc>,
    /// Replaced by a newer invitation.
    pub revoked: bool,
}

/// Relations of `invitations`.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
