//! An account.

use sea_orm::entity::prelude::*;

/// A row of `users`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "users")]
pub struct Model {
    /// Primary key.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// Normalised e-mail address, unique.
    #[sea_orm(unique)]
    pub email: String,
    /// Name shown to others.
    pub display_name: String,
    /// argon2id PHC string; `None` until the invitation is accepted.
    pub password_hash: Option<String>,
    /// Deactivated accounts cannot log in.
    pub active: bool,
    /// Bumped to end all sessions of the account (deactivation, password change).
    pub session_epoch: i32,
    /// When the account was created.
    pub created_at: DateTimeUtc,
    /// When the account was deactivated.
    pub deactivated_at: Option<DateTimeUtc>,
    /// The person's team ("Pflege"), set by a coordinator; `None` when not assigned.
    pub team: Option<String>,
    /// The OpenID provider (issuer URL) the account is linked to, if any.
    pub oidc_issuer: Option<String>,
    /// The person's subject at that provider: later log-ins match by it, not by e-mail.
    pub oidc_subject: Option<String>,
    /// When the account's personal data was deleted on request (DSGVO Art. 17); the row stays
    /// as "ehemalige:r Mitarbeiter:in" so the process record keeps its authors.
    pub deleted_at: Option<DateTimeUtc>,
}

/// Relations of `users`.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    /// Global roles.
    #[sea_orm(has_many = "super::user_role::Entity")]
    Roles,
}

impl Related<super::user_role::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Roles.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
