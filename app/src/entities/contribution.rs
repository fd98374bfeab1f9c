//! A contribution of step 1: an experience, expectation or concern.

use sea_orm::entity::prelude::*;

/// A row of `contributions`. `author_id` is always stored (abuse handling, "my contributions"),
/// but for anonymous contributions it never leaves the server.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "contributions")]
pub struct Model {
    /// Primary key.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The process.
    pub process_id: i64,
    /// What the contribution is about.
    pub kind: crate::domain::contribution::Kind,
    /// The text.
    pub body: String,
    /// Team or department, if given.
    pub team: Option<String>,
    /// Hidden author.
    pub anonymous: bool,
    /// Who wrote it (or entered it, for workshop results).
    pub author_id: i64,
    /// Set for results of an on-site workshop entered by a moderator.
    pub workshop_date: Option<Date>,
    /// The cluster it belongs to.
    pub cluster_id: Option<i64>,
    /// When it was submitted.
    pub created_at: DateTimeUtc,
}

/// Relations of `contributions`.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
