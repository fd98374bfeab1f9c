//! One entry of a process's step history (the timeline).

use sea_orm::entity::prelude::*;

/// A row of `step_changes`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "step_changes")]
pub struct Model {
    /// Primary key.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The process.
    pub process_id: i64,
    /// The step before (none when the process was created).
    pub from_step: Option<crate::domain::process::Step>,
    /// The step after.
    pub to_step: crate::domain::process::Step,
    /// Why (required when going back).
    pub reason: Option<String>,
    /// Who changed it.
    pub changed_by: i64,
    /// When.
    pub changed_at: DateTimeUtc,
}

/// Relations of `step_changes`.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
