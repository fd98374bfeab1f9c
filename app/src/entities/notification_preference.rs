//! A person's mail frequency for one event group (missing: the group's default).

use crate::domain::notification::{EventGroup, Frequency};
use sea_orm::entity::prelude::*;

/// A row of `notification_preferences`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "notification_preferences")]
pub struct Model {
    /// The account.
    #[sea_orm(primary_key, auto_increment = false)]
    pub user_id: i64,
    /// The group.
    #[sea_orm(primary_key, auto_increment = false)]
    pub event_group: EventGroup,
    /// How often.
    pub frequency: Frequency,
    /// When it was last set.
    pub changed_at: DateTimeUtc,
}

/// Relations of `notification_preferences`.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
