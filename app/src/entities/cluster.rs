//! A cluster: contributions the project group grouped under one title.

use sea_orm::entity::prelude::*;

/// A row of `clusters`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "clusters")]
pub struct Model {
    /// Primary key.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The process.
    pub process_id: i64,
    /// Title, e.g. "Datenschutz bei Klientendaten".
    pub title: String,
    /// When it was created.
    pub created_at: DateTimeUtc,
}

/// Relations of `clusters`.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
