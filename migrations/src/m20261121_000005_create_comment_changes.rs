//! Merging a round into the next version: which (partly) accepted comment led to a change in
//! which section of which version.

use sea_orm_migration::prelude::*;

/// Creates `comment_changes`.
#[derive(DeriveMigrationName)]
pub struct Migration;

fn big(col: impl IntoIden) -> ColumnDef {
    ColumnDef::new(col).big_integer().not_null().to_owned()
}

fn fk(
    from_table: impl IntoIden + 'static,
    from_col: impl IntoIden + 'static,
    to_table: impl IntoIden + 'static,
    to_col: impl IntoIden + 'static,
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(from_table, from_col)
        .to(to_table, to_col)
        .on_delete(ForeignKeyAction::Cascade)
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(CommentChanges::Table)
                    .col(big(CommentChanges::CommentId))
                    .col(big(CommentChanges::VersionId))
                    .col(
                        ColumnDef::new(CommentChanges::Anchor)
                            .string_len(200)
                            .not_null(),
                    )
                    .col(big(CommentChanges::LinkedBy))
                    .col(
                        ColumnDef::new(CommentChanges::LinkedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .primary_key(
                        Index::create()
                            .col(CommentChanges::CommentId)
                            .col(CommentChanges::VersionId)
                            .col(CommentChanges::Anchor),
                    )
                    .foreign_key(&mut fk(
                        CommentChanges::Table,
                        CommentChanges::CommentId,
                        Comments::Table,
                        Comments::Id,
                    ))
                    .foreign_key(&mut fk(
                        CommentChanges::Table,
                        CommentChanges::VersionId,
                        Versions::Table,
                        Versions::Id,
                    ))
                    .foreign_key(&mut fk(
                        CommentChanges::Table,
                        CommentChanges::LinkedBy,
                        Users::Table,
                        Users::Id,
                    ))
                    .to_owned(),
            )
            .await?;
        // The compare page asks "which comments led to the changes in version N?".
        manager
            .create_index(
                Index::create()
                    .name("idx_comment_changes_version")
                    .table(CommentChanges::Table)
                    .col(CommentChanges::VersionId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(CommentChanges::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum CommentChanges {
    Table,
    CommentId,
    VersionId,
    Anchor,
    LinkedBy,
    LinkedAt,
}

#[derive(DeriveIden)]
enum Comments {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Versions {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}
