//! A staff list uploaded by a coordinator: previewed first, applied on confirmation.

use sea_orm::entity::prelude::*;

/// Where an import stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, EnumIter, DeriveActiveEnum)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(20))")]
pub enum ImportStatus {
    /// Uploaded and shown as a preview; nothing written to the accounts yet.
    #[sea_orm(string_value = "previewed")]
    Previewed,
    /// Applied: accounts created, changed and (with sync) deactivated.
    #[sea_orm(string_value = "applied")]
    Applied,
}

/// A row of `staff_imports`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "staff_imports")]
pub struct Model {
    /// Primary key.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The coordinator who uploaded the file.
    pub created_by: i64,
    /// When it was uploaded.
    pub created_at: DateTimeUtc,
    /// The uploaded file's name (shown on the preview).
    pub file_name: String,
    /// Previewed or applied.
    pub status: ImportStatus,
    /// The parsed rows (JSON of `domain::staff_import::ParsedFile`) until applied.
    pub rows: Option<String>,
    /// What applying did (JSON of `account::import::ImportResult`).
    pub result: Option<String>,
    /// When it was applied.
    pub applied_at: Option<DateTimeUtc>,
}

/// Relations of `staff_imports`.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
