//! Accounts get a team ("Pflege", "Beratung"), so rounds can address chosen teams and the
//! read acknowledgement can be counted per team.

use sea_orm_migration::prelude::*;

/// Adds the nullable `users.team` column and an index on it.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // A plain text column rather than a `teams` table: teams are just names the
        // coordinator types (with suggestions), and renaming one is a bulk update.
        manager
            .alter_table(
                Table::alter()
                    .table(Users::Table)
                    .add_column(ColumnDef::new(Users::Team).string_len(100).null())
                    .to_owned(),
            )
            .await?;
        // Filtering the user list and counting acknowledgements group by team.
        manager
            .create_index(
                Index::create()
                    .name("idx_users_team")
                    .table(Users::Table)
                    .col(Users::Team)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name("idx_users_team")
                    .table(Users::Table)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Users::Table)
                    .drop_column(Users::Team)
                    .to_owned(),
            )
            .await
    }
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Team,
}
