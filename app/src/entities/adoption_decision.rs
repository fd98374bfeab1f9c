//! A body's recorded decision on a frozen version; corrections are further rows.

use sea_orm::entity::prelude::*;

/// A row of `adoption_decisions`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "adoption_decisions")]
pub struct Model {
    /// Primary key.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The proposal decided on.
    pub proposal_id: i64,
    /// The frozen version.
    pub version_id: i64,
    /// The body that decided.
    pub body_id: i64,
    /// The kind of the verdict; its text is `verdict_text`.
    pub verdict: crate::domain::adoption::VerdictKind,
    /// Conditions or reason.
    pub verdict_text: Option<String>,
    /// The date of the meeting.
    pub meeting_date: Date,
    /// Reference to the minutes.
    pub minutes_ref: String,
    /// The member who recorded it.
    pub recorded_by: i64,
    /// When.
    pub recorded_at: DateTimeUtc,
    /// The content hash the decision refers to.
    pub content_hash: String,
    /// The decision this one corrects.
    pub supersedes: Option<i64>,
    /// The rule that applied and the reckoning (procedure bodies), in German.
    pub basis: Option<String>,
    /// Recorded by the app because a deadline passed without refusal ("gilt als gebilligt").
    pub deemed: bool,
}

/// Relations of `adoption_decisions`.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
