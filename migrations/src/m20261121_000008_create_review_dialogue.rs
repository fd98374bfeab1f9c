//! Trial and review (step 5): the dialogue space on an adopted guideline (experience reports
//! and one level of replies), the reviews started on it (trigger, who, when, from which
//! adopted version and hash), and the inputs each review carried in (needs for change and
//! deferred comments, copied as they were when the review started).

use sea_orm_migration::prelude::*;

/// Creates `dialogue_posts`, `reviews` and `review_inputs`.
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

fn text(col: impl IntoIden) -> ColumnDef {
    ColumnDef::new(col).text().not_null().to_owned()
}

fn at(col: impl IntoIden) -> ColumnDef {
    ColumnDef::new(col)
        .timestamp_with_time_zone()
        .not_null()
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
                    .table(DialoguePosts::Table)
                    .col(id(DialoguePosts::Id))
                    .col(big(DialoguePosts::ProcessId))
                    .col(big(DialoguePosts::VersionId))
                    .col(ColumnDef::new(DialoguePosts::ParentId).big_integer().null())
                    .col(ColumnDef::new(DialoguePosts::Kind).string_len(32).null())
                    .col(big(DialoguePosts::AuthorId))
                    .col(
                        ColumnDef::new(DialoguePosts::Anonymous)
                            .boolean()
                            .not_null(),
                    )
                    .col(text(DialoguePosts::Body))
                    .col(
                        ColumnDef::new(DialoguePosts::BodyHash)
                            .string_len(64)
                            .not_null(),
                    )
                    .col(at(DialoguePosts::CreatedAt))
                    .foreign_key(&mut fk(
                        DialoguePosts::Table,
                        DialoguePosts::ProcessId,
                        Processes::Table,
                        Processes::Id,
                    ))
                    .foreign_key(&mut fk(
                        DialoguePosts::Table,
                        DialoguePosts::VersionId,
                        Versions::Table,
                        Versions::Id,
                    ))
                    .foreign_key(&mut fk(
                        DialoguePosts::Table,
                        DialoguePosts::ParentId,
                        DialoguePosts::Table,
                        DialoguePosts::Id,
                    ))
                    .foreign_key(&mut fk(
                        DialoguePosts::Table,
                        DialoguePosts::AuthorId,
                        Users::Table,
                        Users::Id,
                    ))
                    .to_owned(),
            )
            .await?;
        // The dialogue page lists a process's posts newest first, filtered by kind.
        manager
            .create_index(
                Index::create()
                    .name("idx_dialogue_posts_process_kind")
                    .table(DialoguePosts::Table)
                    .col(DialoguePosts::ProcessId)
                    .col(DialoguePosts::Kind)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_dialogue_posts_parent")
                    .table(DialoguePosts::Table)
                    .col(DialoguePosts::ParentId)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Reviews::Table)
                    .col(id(Reviews::Id))
                    .col(big(Reviews::ProcessId))
                    .col(ColumnDef::new(Reviews::Revision).integer().not_null())
                    .col(
                        ColumnDef::new(Reviews::TriggerKind)
                            .string_len(32)
                            .not_null(),
                    )
                    .col(ColumnDef::new(Reviews::TriggerText).text().null())
                    .col(
                        ColumnDef::new(Reviews::ReentryStep)
                            .string_len(32)
                            .not_null(),
                    )
                    .col(big(Reviews::FromProposalId))
                    .col(big(Reviews::FromVersionId))
                    .col(
                        ColumnDef::new(Reviews::FromVersionNumber)
                            .integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(Reviews::ContentHash)
                            .string_len(64)
                            .not_null(),
                    )
                    .col(big(Reviews::StartedBy))
                    .col(at(Reviews::StartedAt))
                    .foreign_key(&mut fk(
                        Reviews::Table,
                        Reviews::ProcessId,
                        Processes::Table,
                        Processes::Id,
                    ))
                    .foreign_key(&mut fk(
                        Reviews::Table,
                        Reviews::FromProposalId,
                        AdoptionProposals::Table,
                        AdoptionProposals::Id,
                    ))
                    .foreign_key(&mut fk(
                        Reviews::Table,
                        Reviews::FromVersionId,
                        Versions::Table,
                        Versions::Id,
                    ))
                    .foreign_key(&mut fk(
                        Reviews::Table,
                        Reviews::StartedBy,
                        Users::Table,
                        Users::Id,
                    ))
                    .to_owned(),
            )
            .await?;
        // One review per revision: two coordinators starting at once cannot both win.
        manager
            .create_index(
                Index::create()
                    .name("idx_reviews_process_revision")
                    .table(Reviews::Table)
                    .col(Reviews::ProcessId)
                    .col(Reviews::Revision)
                    .unique()
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(ReviewInputs::Table)
                    .col(id(ReviewInputs::Id))
                    .col(big(ReviewInputs::ReviewId))
                    .col(
                        ColumnDef::new(ReviewInputs::Source)
                            .string_len(32)
                            .not_null(),
                    )
                    .col(big(ReviewInputs::SourceId))
                    .col(text(ReviewInputs::Body))
                    .col(ColumnDef::new(ReviewInputs::Note).text().null())
                    .col(text(ReviewInputs::Link))
                    .col(at(ReviewInputs::SourceCreatedAt))
                    .foreign_key(&mut fk(
                        ReviewInputs::Table,
                        ReviewInputs::ReviewId,
                        Reviews::Table,
                        Reviews::Id,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_review_inputs_source")
                    .table(ReviewInputs::Table)
                    .col(ReviewInputs::ReviewId)
                    .col(ReviewInputs::Source)
                    .col(ReviewInputs::SourceId)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            ReviewInputs::Table.into_iden(),
            Reviews::Table.into_iden(),
            DialoguePosts::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum DialoguePosts {
    Table,
    Id,
    ProcessId,
    VersionId,
    ParentId,
    Kind,
    AuthorId,
    Anonymous,
    Body,
    BodyHash,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Reviews {
    Table,
    Id,
    ProcessId,
    Revision,
    TriggerKind,
    TriggerText,
    ReentryStep,
    FromProposalId,
    FromVersionId,
    FromVersionNumber,
    ContentHash,
    StartedBy,
    StartedAt,
}

#[derive(DeriveIden)]
enum ReviewInputs {
    Table,
    Id,
    ReviewId,
    Source,
    SourceId,
    Body,
    Note,
    Link,
    SourceCreatedAt,
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
enum Users {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum AdoptionProposals {
    Table,
    Id,
}
