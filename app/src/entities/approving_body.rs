//! An approving body of a process (e.g. the works council).

use sea_orm::entity::prelude::*;

/// A row of `approving_bodies`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "approving_bodies")]
pub struct Model {
    /// Primary key.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The process.
    pub process_id: i64,
    /// Name ("Betriebsrat").
    pub name: String,
    /// Whether the guideline is adopted only with its approval.
    pub required: bool,
    /// When the coordinator added it.
    pub created_at: DateTimeUtc,
    /// The procedure it decides by.
    pub procedure: super::codetermination::ProcedureColumn,
    /// Management: all or majority.
    pub confirmation_rule: Option<super::codetermination::RuleColumn>,
    /// Works council: its members.
    pub seats: Option<i32>,
    /// MAV: days of the deadline.
    pub deadline_days: Option<i32>,
    /// MAV: days one extension adds.
    pub extension_days: Option<i32>,
}

/// Relations of `approving_bodies`.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
