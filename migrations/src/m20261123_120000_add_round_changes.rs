//! A round's schedule can change after it opened: the project group extends or shortens the
//! deadline or ends the round early, and a step change ends open rounds and cancels scheduled
//! ones. Each change is a row of `round_changes` (old and new deadline, reason, who, when), so
//! the round page can say what happened; a cancelled round gets `rounds.cancelled_at`.

use sea_orm_migration::prelude::*;

/// Creates `round_changes` and adds `rounds.cancelled_at` (nullable: not cancelled).
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Rounds::Table)
                    .add_column(
                        ColumnDef::new(Rounds::CancelledAt)
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(RoundChanges::Table)
                    .col(
                        ColumnDef::new(RoundChanges::Id)
                            .big_integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new(RoundChanges::RoundId)
                            .big_integer()
                            .not_null(),
                    )
                    // `domain::round::RoundChangeKind` (sea-orm `DeriveActiveEnum`, string values).
                    .col(ColumnDef::new(RoundChanges::Kind).string_len(32).not_null())
                    .col(
                        ColumnDef::new(RoundChanges::OldDeadline)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(RoundChanges::NewDeadline)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(ColumnDef::new(RoundChanges::Reason).text().null())
                    // `domain::process::Step` the process moved to (step changes only).
                    .col(ColumnDef::new(RoundChanges::ToStep).string_len(16).null())
                    .col(
                        ColumnDef::new(RoundChanges::ChangedBy)
                            .big_integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(RoundChanges::ChangedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(RoundChanges::Table, RoundChanges::RoundId)
                            .to(Rounds::Table, Rounds::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(RoundChanges::Table, RoundChanges::ChangedBy)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_round_changes_round")
                    .table(RoundChanges::Table)
                    .col(RoundChanges::RoundId)
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(RoundChanges::Table).to_owned())
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Rounds::Table)
                    .drop_column(Rounds::CancelledAt)
                    .to_owned(),
            )
            .await?;
        Ok(())
    }
}

#[derive(DeriveIden, Clone, Copy)]
enum Rounds {
    Table,
    Id,
    CancelledAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum RoundChanges {
    Table,
    Id,
    RoundId,
    Kind,
    OldDeadline,
    NewDeadline,
    Reason,
    ToStep,
    ChangedBy,
    ChangedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum Users {
    Table,
    Id,
}
