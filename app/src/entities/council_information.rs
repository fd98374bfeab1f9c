//! What a works council or MAV was given to inform itself, or an expert it involved.

use super::codetermination::InformationKind;
use sea_orm::entity::prelude::*;

/// A row of `council_information`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "council_information")]
pub struct Model {
    /// Primary key.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The process.
    pub process_id: i64,
    /// The body informed.
    pub body_id: i64,
    /// Information handed over, or an expert involved.
    pub kind: InformationKind,
    /// When.
    pub given_on: Date,
    /// What was handed over, or who was involved and on what.
    pub description: String,
    /// Who entered it.
    pub recorded_by: i64,
    /// When it was entered.
    pub recorded_at: DateTimeUtc,
}

/// Relations of `council_information`.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
