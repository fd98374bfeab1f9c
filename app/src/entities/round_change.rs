//! A change of a round's schedule: a deadline moved, a round ended early or cancelled.

use crate::domain::process::Step;
use crate::domain::round::RoundChangeKind;
use sea_orm::entity::prelude::*;

/// A row of `round_changes`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "round_changes")]
pub struct Model {
    /// Primary key.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The round.
    pub round_id: i64,
    /// What changed.
    pub kind: RoundChangeKind,
    /// The deadline before.
    pub old_deadline: DateTimeUtc,
    /// The deadline after (the old one for a cancellation).
    pub new_deadline: DateTimeUtc,
    /// Why (the project group's reason, or the step change's reason).
    pub reason: Option<String>,
    /// The step the process moved to, for changes made by a step change.
    pub to_step: Option<Step>,
    /// Who changed it.
    pub changed_by: i64,
    /// When.
    pub changed_at: DateTimeUtc,
}

/// Relations of `round_changes`.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
