//! Discourse rounds (step 3): rounds on a published version, comments anchored to a paragraph,
//! their edit history, supports (+1) and the project group's dispositions.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

fn id(col: impl IntoIden) -> ColumnDef {
    ColumnDef::new(col)
        .big_integer()
        .not_null()
        .auto_increment()
        .primary_key()
        .to_owned()
}

fn big(col: impl IntoIden) -> ColumnDef {
    ColumnDef::new(col).big_integer().not_null().to_owned()
}

fn at(col: impl IntoIden) -> ColumnDef {
    ColumnDef::new(col)
        .timestamp_with_time_zone()
        .not_null()
        .to_owned()
}

fn at_null(col: impl IntoIden) -> ColumnDef {
    ColumnDef::new(col)
        .timestamp_with_time_zone()
        .null()
        .to_owned()
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
                    .table(Rounds::Table)
                    .col(id(Rounds::Id))
                    .col(big(Rounds::ProcessId))
                    .col(big(Rounds::VersionId))
                    .col(at(Rounds::StartsAt))
                    .col(at(Rounds::Deadline))
                    .col(ColumnDef::new(Rounds::Audience).text().not_null())
                    .col(
                        ColumnDef::new(Rounds::AnonymousAllowed)
                            .boolean()
                            .not_null()
                            .default(false),
                    )
                    .col(big(Rounds::OpenedBy))
                    .col(at(Rounds::OpenedAt))
                    .col(at_null(Rounds::ClosedAt))
                    .foreign_key(&mut fk(
                        Rounds::Table,
                        Rounds::ProcessId,
                        Processes::Table,
                        Processes::Id,
                    ))
                    .foreign_key(&mut fk(
                        Rounds::Table,
                        Rounds::VersionId,
                        Versions::Table,
                        Versions::Id,
                    ))
                    .foreign_key(&mut fk(
                        Rounds::Table,
                        Rounds::OpenedBy,
                        Users::Table,
                        Users::Id,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_rounds_process")
                    .table(Rounds::Table)
                    .col(Rounds::ProcessId)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Comments::Table)
                    .col(id(Comments::Id))
                    .col(big(Comments::RoundId))
                    .col(big(Comments::VersionId))
                    .col(ColumnDef::new(Comments::BlockId).string_len(16).not_null())
                    .col(ColumnDef::new(Comments::Quote).text().null())
                    .col(ColumnDef::new(Comments::ParentId).big_integer().null())
                    .col(big(Comments::AuthorId))
                    .col(
                        ColumnDef::new(Comments::Anonymous)
                            .boolean()
                            .not_null()
                            .default(false),
                    )
                    .col(ColumnDef::new(Comments::Body).text().not_null())
                    .col(ColumnDef::new(Comments::BodyHash).string_len(64).not_null())
                    .col(ColumnDef::new(Comments::HiddenReason).text().null())
                    .col(ColumnDef::new(Comments::HiddenBy).big_integer().null())
                    .col(at(Comments::CreatedAt))
                    .col(at_null(Comments::EditedAt))
                    .foreign_key(&mut fk(
                        Comments::Table,
                        Comments::RoundId,
                        Rounds::Table,
                        Rounds::Id,
                    ))
                    .foreign_key(&mut fk(
                        Comments::Table,
                        Comments::VersionId,
                        Versions::Table,
                        Versions::Id,
                    ))
                    .foreign_key(&mut fk(
                        Comments::Table,
                        Comments::ParentId,
                        Comments::Table,
                        Comments::Id,
                    ))
                    .foreign_key(&mut fk(
                        Comments::Table,
                        Comments::AuthorId,
                        Users::Table,
                        Users::Id,
                    ))
                    .to_owned(),
            )
            .await?;
        for (name, cols) in [
            ("idx_comments_round", vec![Comments::RoundId]),
            (
                "idx_comments_version_block",
                vec![Comments::VersionId, Comments::BlockId],
            ),
            ("idx_comments_parent", vec![Comments::ParentId]),
            ("idx_comments_author", vec![Comments::AuthorId]),
        ] {
            let mut index = Index::create();
            index.name(name).table(Comments::Table);
            for col in cols {
                index.col(col);
            }
            manager.create_index(index.to_owned()).await?;
        }

        manager
            .create_table(
                Table::create()
                    .table(CommentEdits::Table)
                    .col(id(CommentEdits::Id))
                    .col(big(CommentEdits::CommentId))
                    .col(ColumnDef::new(CommentEdits::Body).text().not_null())
                    .col(at(CommentEdits::EditedAt))
                    .foreign_key(&mut fk(
                        CommentEdits::Table,
                        CommentEdits::CommentId,
                        Comments::Table,
                        Comments::Id,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_comment_edits_comment")
                    .table(CommentEdits::Table)
                    .col(CommentEdits::CommentId)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(CommentSupports::Table)
                    .col(big(CommentSupports::CommentId))
                    .col(big(CommentSupports::UserId))
                    .col(at(CommentSupports::CreatedAt))
                    .primary_key(
                        Index::create()
                            .col(CommentSupports::CommentId)
                            .col(CommentSupports::UserId),
                    )
                    .foreign_key(&mut fk(
                        CommentSupports::Table,
                        CommentSupports::CommentId,
                        Comments::Table,
                        Comments::Id,
                    ))
                    .foreign_key(&mut fk(
                        CommentSupports::Table,
                        CommentSupports::UserId,
                        Users::Table,
                        Users::Id,
                    ))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Dispositions::Table)
                    .col(
                        ColumnDef::new(Dispositions::CommentId)
                            .big_integer()
                            .not_null()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(Dispositions::Kind).string_len(16).not_null())
                    .col(ColumnDef::new(Dispositions::Reason).text().null())
                    .col(big(Dispositions::DecidedBy))
                    .col(at(Dispositions::DecidedAt))
                    .foreign_key(&mut fk(
                        Dispositions::Table,
                        Dispositions::CommentId,
                        Comments::Table,
                        Comments::Id,
                    ))
                    .foreign_key(&mut fk(
                        Dispositions::Table,
                        Dispositions::DecidedBy,
                        Users::Table,
                        Users::Id,
                    ))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            Dispositions::Table.into_iden(),
            CommentSupports::Table.into_iden(),
            CommentEdits::Table.into_iden(),
            Comments::Table.into_iden(),
            Rounds::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Processes {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Versions {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Rounds {
    Table,
    Id,
    ProcessId,
    VersionId,
    StartsAt,
    Deadline,
    Audience,
    AnonymousAllowed,
    OpenedBy,
    OpenedAt,
    ClosedAt,
}

#[derive(DeriveIden)]
enum Comments {
    Table,
    Id,
    RoundId,
    VersionId,
    BlockId,
    Quote,
    ParentId,
    AuthorId,
    Anonymous,
    Body,
    BodyHash,
    HiddenReason,
    HiddenBy,
    CreatedAt,
    EditedAt,
}

#[derive(DeriveIden)]
enum CommentEdits {
    Table,
    Id,
    CommentId,
    Body,
    EditedAt,
}

#[derive(DeriveIden)]
enum CommentSupports {
    Table,
    CommentId,
    UserId,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Dispositions {
    Table,
    CommentId,
    Kind,
    Reason,
    DecidedBy,
    DecidedAt,
}
