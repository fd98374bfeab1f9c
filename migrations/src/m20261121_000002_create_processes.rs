//! Guideline processes (step 1 and 2): processes and their step history, the project group,
//! contributions with tags and clusters, the working draft and published versions.

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
                    .table(Processes::Table)
                    .col(id(Processes::Id))
                    .col(ColumnDef::new(Processes::Title).string_len(200).not_null())
                    .col(ColumnDef::new(Processes::Description).text().not_null())
                    .col(ColumnDef::new(Processes::Step).string_len(16).not_null())
                    .col(
                        ColumnDef::new(Processes::Revision)
                            .integer()
                            .not_null()
                            .default(1),
                    )
                    .col(
                        ColumnDef::new(Processes::ContributionsVisible)
                            .boolean()
                            .not_null()
                            .default(true),
                    )
                    .col(
                        ColumnDef::new(Processes::CreatedBy)
                            .big_integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(Processes::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .foreign_key(&mut fk(
                        Processes::Table,
                        Processes::CreatedBy,
                        Users::Table,
                        Users::Id,
                    ))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(StepChanges::Table)
                    .col(id(StepChanges::Id))
                    .col(
                        ColumnDef::new(StepChanges::ProcessId)
                            .big_integer()
                            .not_null(),
                    )
                    .col(ColumnDef::new(StepChanges::FromStep).string_len(16).null())
                    .col(
                        ColumnDef::new(StepChanges::ToStep)
                            .string_len(16)
                            .not_null(),
                    )
                    .col(ColumnDef::new(StepChanges::Reason).text().null())
                    .col(
                        ColumnDef::new(StepChanges::ChangedBy)
                            .big_integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(StepChanges::ChangedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .foreign_key(&mut fk(
                        StepChanges::Table,
                        StepChanges::ProcessId,
                        Processes::Table,
                        Processes::Id,
                    ))
                    .foreign_key(&mut fk(
                        StepChanges::Table,
                        StepChanges::ChangedBy,
                        Users::Table,
                        Users::Id,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_step_changes_process")
                    .table(StepChanges::Table)
                    .col(StepChanges::ProcessId)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(GroupMembers::Table)
                    .col(
                        ColumnDef::new(GroupMembers::ProcessId)
                            .big_integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(GroupMembers::UserId)
                            .big_integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(GroupMembers::Perspective)
                            .string_len(32)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(GroupMembers::AppointedBy)
                            .big_integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(GroupMembers::AppointedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .primary_key(
                        Index::create()
                            .col(GroupMembers::ProcessId)
                            .col(GroupMembers::UserId),
                    )
                    .foreign_key(&mut fk(
                        GroupMembers::Table,
                        GroupMembers::ProcessId,
                        Processes::Table,
                        Processes::Id,
                    ))
                    .foreign_key(&mut fk(
                        GroupMembers::Table,
                        GroupMembers::UserId,
                        Users::Table,
                        Users::Id,
                    ))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Clusters::Table)
                    .col(id(Clusters::Id))
                    .col(ColumnDef::new(Clusters::ProcessId).big_integer().not_null())
                    .col(ColumnDef::new(Clusters::Title).string_len(200).not_null())
                    .col(
                        ColumnDef::new(Clusters::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .foreign_key(&mut fk(
                        Clusters::Table,
                        Clusters::ProcessId,
                        Processes::Table,
                        Processes::Id,
                    ))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Contributions::Table)
                    .col(id(Contributions::Id))
                    .col(
                        ColumnDef::new(Contributions::ProcessId)
                            .big_integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(Contributions::Kind)
                            .string_len(16)
                            .not_null(),
                    )
                    .col(ColumnDef::new(Contributions::Body).text().not_null())
                    .col(ColumnDef::new(Contributions::Team).string_len(100).null())
                    .col(
                        ColumnDef::new(Contributions::Anonymous)
                            .boolean()
                            .not_null()
                            .default(false),
                    )
                    .col(
                        ColumnDef::new(Contributions::AuthorId)
                            .big_integer()
                            .not_null(),
                    )
                    .col(ColumnDef::new(Contributions::WorkshopDate).date().null())
                    .col(
                        ColumnDef::new(Contributions::ClusterId)
                            .big_integer()
                            .null(),
                    )
                    .col(
                        ColumnDef::new(Contributions::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .foreign_key(&mut fk(
                        Contributions::Table,
                        Contributions::ProcessId,
                        Processes::Table,
                        Processes::Id,
                    ))
                    .foreign_key(&mut fk(
                        Contributions::Table,
                        Contributions::AuthorId,
                        Users::Table,
                        Users::Id,
                    ))
                    .foreign_key(
                        &mut ForeignKey::create()
                            .from(Contributions::Table, Contributions::ClusterId)
                            .to(Clusters::Table, Clusters::Id)
                            .on_delete(ForeignKeyAction::SetNull)
                            .to_owned(),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_contributions_process")
                    .table(Contributions::Table)
                    .col(Contributions::ProcessId)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(ContributionTags::Table)
                    .col(
                        ColumnDef::new(ContributionTags::ContributionId)
                            .big_integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(ContributionTags::Tag)
                            .string_len(60)
                            .not_null(),
                    )
                    .primary_key(
                        Index::create()
                            .col(ContributionTags::ContributionId)
                            .col(ContributionTags::Tag),
                    )
                    .foreign_key(&mut fk(
                        ContributionTags::Table,
                        ContributionTags::ContributionId,
                        Contributions::Table,
                        Contributions::Id,
                    ))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(ContributionSections::Table)
                    .col(
                        ColumnDef::new(ContributionSections::ContributionId)
                            .big_integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(ContributionSections::Anchor)
                            .string_len(200)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(ContributionSections::Title)
                            .string_len(300)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(ContributionSections::LinkedBy)
                            .big_integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(ContributionSections::LinkedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .primary_key(
                        Index::create()
                            .col(ContributionSections::ContributionId)
                            .col(ContributionSections::Anchor),
                    )
                    .foreign_key(&mut fk(
                        ContributionSections::Table,
                        ContributionSections::ContributionId,
                        Contributions::Table,
                        Contributions::Id,
                    ))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(WorkingDrafts::Table)
                    .col(
                        ColumnDef::new(WorkingDrafts::ProcessId)
                            .big_integer()
                            .not_null()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(WorkingDrafts::Body).text().not_null())
                    .col(
                        ColumnDef::new(WorkingDrafts::EditCount)
                            .integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(WorkingDrafts::UpdatedBy)
                            .big_integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(WorkingDrafts::UpdatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .foreign_key(&mut fk(
                        WorkingDrafts::Table,
                        WorkingDrafts::ProcessId,
                        Processes::Table,
                        Processes::Id,
                    ))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Versions::Table)
                    .col(id(Versions::Id))
                    .col(ColumnDef::new(Versions::ProcessId).big_integer().not_null())
                    .col(ColumnDef::new(Versions::Number).integer().not_null())
                    .col(ColumnDef::new(Versions::Body).text().not_null())
                    .col(ColumnDef::new(Versions::BodyHtml).text().not_null())
                    .col(ColumnDef::new(Versions::ChangeSummary).text().not_null())
                    .col(
                        ColumnDef::new(Versions::ContentHash)
                            .string_len(64)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(Versions::PublishedBy)
                            .big_integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(Versions::PublishedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .foreign_key(&mut fk(
                        Versions::Table,
                        Versions::ProcessId,
                        Processes::Table,
                        Processes::Id,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_versions_process_number")
                    .table(Versions::Table)
                    .col(Versions::ProcessId)
                    .col(Versions::Number)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            Versions::Table.into_iden(),
            WorkingDrafts::Table.into_iden(),
            ContributionSections::Table.into_iden(),
            ContributionTags::Table.into_iden(),
            Contributions::Table.into_iden(),
            Clusters::Table.into_iden(),
            GroupMembers::Table.into_iden(),
            StepChanges::Table.into_iden(),
            Processes::Table.into_iden(),
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
    Title,
    Description,
    Step,
    Revision,
    ContributionsVisible,
    CreatedBy,
    CreatedAt,
}

#[derive(DeriveIden)]
enum StepChanges {
    Table,
    Id,
    ProcessId,
    FromStep,
    ToStep,
    Reason,
    ChangedBy,
    ChangedAt,
}

#[derive(DeriveIden)]
enum GroupMembers {
    Table,
    ProcessId,
    UserId,
    Perspective,
    AppointedBy,
    AppointedAt,
}

#[derive(DeriveIden)]
enum Clusters {
    Table,
    Id,
    ProcessId,
    Title,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Contributions {
    Table,
    Id,
    ProcessId,
    Kind,
    Body,
    Team,
    Anonymous,
    AuthorId,
    WorkshopDate,
    ClusterId,
    CreatedAt,
}

#[derive(DeriveIden)]
enum ContributionTags {
    Table,
    ContributionId,
    Tag,
}

#[derive(DeriveIden)]
enum ContributionSections {
    Table,
    ContributionId,
    Anchor,
    Title,
    LinkedBy,
    LinkedAt,
}

#[derive(DeriveIden)]
enum WorkingDrafts {
    Table,
    ProcessId,
    Body,
    EditCount,
    UpdatedBy,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Versions {
    Table,
    Id,
    ProcessId,
    Number,
    Body,
    BodyHtml,
    ChangeSummary,
    ContentHash,
    PublishedBy,
    PublishedAt,
}
