//! An input a review carried in: a need for change from the dialogue space or a deferred
//! comment, copied as it was when the review started. No author is copied.

use sea_orm::entity::prelude::*;

/// A row of `review_inputs`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "review_inputs")]
pub struct Model {
    /// Primary key.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The review.
    pub review_id: i64,
    /// A need for change or a deferred comment.
    pub source: crate::domain::review::InputSource,
    /// The dialogue post's or comment's id.
    pub source_id: i64,
    /// Its text.
    pub body: String,
    /// The disposition's reason (deferred comments).
    pub note: Option<String>,
    /// Path of the original.
    pub link: String,
    /// When the original was written.
    pub source_created_at: DateTimeUtc,
    /// The round a deferred comment comes from: the input is shown only to those who may see
    /// that round (its audience, the project group, coordinators). `None` for needs for change,
    /// which everyone could read in the dialogue space.
    pub round_id: Option<i64>,
}

/// Relations of `review_inputs`.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
