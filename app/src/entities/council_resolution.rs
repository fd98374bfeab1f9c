//! A works council's resolution on the frozen text, as its minutes record it.

use super::codetermination::MeetingFormColumn;
use sea_orm::entity::prelude::*;

/// A row of `council_resolutions`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "council_resolutions")]
pub struct Model {
    /// Primary key.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The proposal.
    pub proposal_id: i64,
    /// The body.
    pub body_id: i64,
    /// The frozen hash resolved on.
    pub content_hash: String,
    /// The meeting's date.
    pub meeting_date: Date,
    /// In person or remote.
    pub meeting_form: MeetingFormColumn,
    /// Members of the council at the time.
    pub seats: i32,
    /// Members who took part.
    pub present: i32,
    /// Votes in favour.
    pub yes: i32,
    /// Votes against.
    pub no: i32,
    /// Abstentions.
    pub abstain: i32,
    /// The wording of the resolution.
    pub wording: String,
    /// The minutes reference.
    pub minutes_ref: String,
    /// The reckoning of quorum and majority (German).
    pub explanation: String,
    /// Whether the vote approved.
    pub approved: bool,
    /// Who entered it.
    pub recorded_by: i64,
    /// When.
    pub recorded_at: DateTimeUtc,
    /// The body's decision, once the minutes are confirmed by chair and a further member.
    pub decision_id: Option<i64>,
}

/// Relations of `council_resolutions`.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
