//! One entry of the append-only audit log (a link of the hash chain).

use sea_orm::entity::prelude::*;

/// A row of `audit_log`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "audit_log")]
pub struct Model {
    /// Primary key (storage only; the chain position is `seq`).
    #[sea_orm(primary_key)]
    pub id: i64,
    /// Position in the chain: 1, 2, 3 … without gaps.
    #[sea_orm(unique)]
    pub seq: i64,
    /// When it happened (whole microseconds).
    pub at: DateTimeUtc,
    /// Who did it; `None` for the system.
    pub actor_id: Option<i64>,
    /// What happened (`domain::audit::AuditAction::as_str`). Deliberately a string, not a
    /// typed column: the hash covers these exact bytes, and an entry written by a newer version
    /// must still be read, verified and shown (raw) rather than make the whole log unreadable.
    pub action: String,
    /// The kind of object affected, e.g. `round`.
    pub object_type: String,
    /// The object's id.
    pub object_id: Option<i64>,
    /// Further facts as the exact JSON text that was hashed.
    #[sea_orm(column_type = "Text")]
    pub details: String,
    /// The previous entry's hash.
    pub prev_hash: String,
    /// This entry's hash.
    pub hash: String,
}

/// Relations of `audit_log`.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

impl From<Model> for crate::domain::audit::AuditEntry {
    fn from(m: Model) -> Self {
        Self {
            seq: m.seq,
            at: m.at,
            actor_id: m.actor_id,
            action: m.action,
            object_type: m.object_type,
            object_id: m.object_id,
            details: m.details,
            prev_hash: m.prev_hash,
            hash: m.hash,
        }
    }
}
