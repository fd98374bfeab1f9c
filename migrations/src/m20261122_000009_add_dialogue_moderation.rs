//! Experience reports in the dialogue space can be hidden by the project group or a coordinator
//! when they break the rules, with a reason shown to the author (like comments in a round).

use sea_orm_migration::prelude::*;

/// Adds `dialogue_posts.hidden_reason`, `hidden_by` and `hidden_at` (all nullable: not hidden).
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite's ALTER TABLE adds a single column at a time.
        let columns = [
            ColumnDef::new(DialoguePosts::HiddenReason)
                .text()
                .null()
                .to_owned(),
            ColumnDef::new(DialoguePosts::HiddenBy)
                .big_integer()
                .null()
                .to_owned(),
            ColumnDef::new(DialoguePosts::HiddenAt)
                .timestamp_with_time_zone()
                .null()
                .to_owned(),
        ];
        for mut column in columns {
            manager
                .alter_table(
                    Table::alter()
                        .table(DialoguePosts::Table)
                        .add_column(&mut column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in [
            DialoguePosts::HiddenAt,
            DialoguePosts::HiddenBy,
            DialoguePosts::HiddenReason,
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(DialoguePosts::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden, Clone, Copy)]
enum DialoguePosts {
    Table,
    HiddenReason,
    HiddenBy,
    HiddenAt,
}
