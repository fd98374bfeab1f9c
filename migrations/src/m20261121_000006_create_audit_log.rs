//! The append-only audit log (a hash chain, see `app/src/domain/audit.rs`) and its one-row head.
//!
//! `audit_head` holds the newest entry's `seq` and `hash`. Every append first updates this row
//! inside the transaction of the change, so concurrent appends queue on its row lock
//! (PostgreSQL) or on the database write lock (SQLite) and each gets the next `seq` without gaps.
//! `details` is plain TEXT: the hash covers its exact bytes, which a `json`/`jsonb` column
//! would not keep.

use sea_orm_migration::prelude::*;

/// The `prev_hash` of the first entry (64 zeros), also the head of an empty log.
const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// Creates `audit_log` and `audit_head`.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(AuditLog::Table)
                    .col(
                        ColumnDef::new(AuditLog::Id)
                            .big_integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new(AuditLog::Seq)
                            .big_integer()
                            .not_null()
                            .unique_key(),
                    )
                    .col(
                        ColumnDef::new(AuditLog::At)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(ColumnDef::new(AuditLog::ActorId).big_integer().null())
                    .col(ColumnDef::new(AuditLog::Action).string_len(100).not_null())
                    .col(
                        ColumnDef::new(AuditLog::ObjectType)
                            .string_len(100)
                            .not_null(),
                    )
                    .col(ColumnDef::new(AuditLog::ObjectId).big_integer().null())
                    .col(ColumnDef::new(AuditLog::Details).text().not_null())
                    .col(ColumnDef::new(AuditLog::PrevHash).string_len(64).not_null())
                    .col(ColumnDef::new(AuditLog::Hash).string_len(64).not_null())
                    .to_owned(),
            )
            .await?;
        for (name, cols) in [
            ("idx_audit_log_action", vec![AuditLog::Action]),
            ("idx_audit_log_actor", vec![AuditLog::ActorId]),
            (
                "idx_audit_log_object",
                vec![AuditLog::ObjectType, AuditLog::ObjectId],
            ),
        ] {
            let mut index = Index::create();
            index.name(name).table(AuditLog::Table);
            for col in cols {
                index.col(col);
            }
            manager.create_index(index.to_owned()).await?;
        }

        manager
            .create_table(
                Table::create()
                    .table(AuditHead::Table)
                    .col(
                        ColumnDef::new(AuditHead::Id)
                            .big_integer()
                            .not_null()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(AuditHead::Seq).big_integer().not_null())
                    .col(ColumnDef::new(AuditHead::Hash).string_len(64).not_null())
                    .to_owned(),
            )
            .await?;
        manager
            .exec_stmt(
                Query::insert()
                    .into_table(AuditHead::Table)
                    .columns([AuditHead::Id, AuditHead::Seq, AuditHead::Hash])
                    .values_panic([1i64.into(), 0i64.into(), GENESIS_HASH.into()])
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(AuditHead::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(AuditLog::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden, Clone, Copy)]
enum AuditLog {
    Table,
    Id,
    Seq,
    At,
    ActorId,
    Action,
    ObjectType,
    ObjectId,
    Details,
    PrevHash,
    Hash,
}

#[derive(DeriveIden)]
enum AuditHead {
    Table,
    Id,
    Seq,
    Hash,
}
