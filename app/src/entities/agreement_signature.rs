//! One side's confirmation of a works or service agreement on the frozen text.

use super::codetermination::SideColumn;
use sea_orm::entity::prelude::*;

/// A row of `agreement_signatures`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "agreement_signatures")]
pub struct Model {
    /// Primary key.
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The proposal.
    pub proposal_id: i64,
    /// Employer or council.
    pub side: SideColumn,
    /// Who confirmed.
    pub user_id: i64,
    /// Their role as shown in the record ("Geschäftsführung", "Vorsitz Betriebsrat").
    pub role_text: String,
    /// The frozen hash confirmed.
    pub content_hash: String,
    /// When.
    pub signed_at: DateTimeUtc,
}

/// Relations of `agreement_signatures`.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
