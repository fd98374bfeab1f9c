//! Formal adoption (step 4): the approving bodies of a process and their members, the version
//! proposed for adoption with its frozen hash, the bodies' decisions (append-only; corrections
//! supersede), and the staff's read acknowledgements of the adopted version.

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
                    .table(ApprovingBodies::Table)
                    .col(id(ApprovingBodies::Id))
                    .col(big(ApprovingBodies::ProcessId))
                    .col(ColumnDef::new(ApprovingBodies::Name).text().not_null())
                    .col(
                        ColumnDef::new(ApprovingBodies::Required)
                            .boolean()
                            .not_null(),
                    )
                    .col(at(ApprovingBodies::CreatedAt))
                    .foreign_key(&mut fk(
                        ApprovingBodies::Table,
                        ApprovingBodies::ProcessId,
                        Processes::Table,
                        Processes::Id,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_approving_bodies_process")
                    .table(ApprovingBodies::Table)
                    .col(ApprovingBodies::ProcessId)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(BodyMembers::Table)
                    .col(big(BodyMembers::BodyId))
                    .col(big(BodyMembers::UserId))
                    .col(big(BodyMembers::AddedBy))
                    .col(at(BodyMembers::AddedAt))
                    .primary_key(
                        Index::create()
                            .col(BodyMembers::BodyId)
                            .col(BodyMembers::UserId),
                    )
                    .foreign_key(&mut fk(
                        BodyMembers::Table,
                        BodyMembers::BodyId,
                        ApprovingBodies::Table,
                        ApprovingBodies::Id,
                    ))
                    .foreign_key(&mut fk(
                        BodyMembers::Table,
                        BodyMembers::UserId,
                        Users::Table,
                        Users::Id,
                    ))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(AdoptionProposals::Table)
                    .col(id(AdoptionProposals::Id))
                    .col(big(AdoptionProposals::ProcessId))
                    .col(big(AdoptionProposals::VersionId))
                    .col(
                        ColumnDef::new(AdoptionProposals::FrozenHash)
                            .string_len(64)
                            .not_null(),
                    )
                    .col(big(AdoptionProposals::ProposedBy))
                    .col(at(AdoptionProposals::ProposedAt))
                    .col(
                        ColumnDef::new(AdoptionProposals::ReturnedAt)
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .col(
                        ColumnDef::new(AdoptionProposals::AdoptedAt)
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .col(ColumnDef::new(AdoptionProposals::NextReview).date().null())
                    .col(
                        ColumnDef::new(AdoptionProposals::Summary)
                            .text()
                            .not_null()
                            .default(""),
                    )
                    .col(
                        ColumnDef::new(AdoptionProposals::SummaryHtml)
                            .text()
                            .not_null()
                            .default(""),
                    )
                    .foreign_key(&mut fk(
                        AdoptionProposals::Table,
                        AdoptionProposals::ProcessId,
                        Processes::Table,
                        Processes::Id,
                    ))
                    .foreign_key(&mut fk(
                        AdoptionProposals::Table,
                        AdoptionProposals::VersionId,
                        Versions::Table,
                        Versions::Id,
                    ))
                    .foreign_key(&mut fk(
                        AdoptionProposals::Table,
                        AdoptionProposals::ProposedBy,
                        Users::Table,
                        Users::Id,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_adoption_proposals_process")
                    .table(AdoptionProposals::Table)
                    .col(AdoptionProposals::ProcessId)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(AdoptionDecisions::Table)
                    .col(id(AdoptionDecisions::Id))
                    .col(big(AdoptionDecisions::ProposalId))
                    .col(big(AdoptionDecisions::VersionId))
                    .col(big(AdoptionDecisions::BodyId))
                    .col(
                        ColumnDef::new(AdoptionDecisions::Verdict)
                            .string_len(32)
                            .not_null(),
                    )
                    .col(ColumnDef::new(AdoptionDecisions::VerdictText).text().null())
                    .col(
                        ColumnDef::new(AdoptionDecisions::MeetingDate)
                            .date()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(AdoptionDecisions::MinutesRef)
                            .text()
                            .not_null(),
                    )
                    .col(big(AdoptionDecisions::RecordedBy))
                    .col(at(AdoptionDecisions::RecordedAt))
                    .col(
                        ColumnDef::new(AdoptionDecisions::ContentHash)
                            .string_len(64)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(AdoptionDecisions::Supersedes)
                            .big_integer()
                            .null(),
                    )
                    .foreign_key(&mut fk(
                        AdoptionDecisions::Table,
                        AdoptionDecisions::ProposalId,
                        AdoptionProposals::Table,
                        AdoptionProposals::Id,
                    ))
                    .foreign_key(&mut fk(
                        AdoptionDecisions::Table,
                        AdoptionDecisions::BodyId,
                        ApprovingBodies::Table,
                        ApprovingBodies::Id,
                    ))
                    .foreign_key(&mut fk(
                        AdoptionDecisions::Table,
                        AdoptionDecisions::RecordedBy,
                        Users::Table,
                        Users::Id,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_adoption_decisions_proposal")
                    .table(AdoptionDecisions::Table)
                    .col(AdoptionDecisions::ProposalId)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Acknowledgements::Table)
                    .col(big(Acknowledgements::VersionId))
                    .col(big(Acknowledgements::UserId))
                    .col(at(Acknowledgements::AcknowledgedAt))
                    .primary_key(
                        Index::create()
                            .col(Acknowledgements::VersionId)
                            .col(Acknowledgements::UserId),
                    )
                    .foreign_key(&mut fk(
                        Acknowledgements::Table,
                        Acknowledgements::VersionId,
                        Versions::Table,
                        Versions::Id,
                    ))
                    .foreign_key(&mut fk(
                        Acknowledgements::Table,
                        Acknowledgements::UserId,
                        Users::Table,
                        Users::Id,
                    ))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            Acknowledgements::Table.into_iden(),
            AdoptionDecisions::Table.into_iden(),
            AdoptionProposals::Table.into_iden(),
            BodyMembers::Table.into_iden(),
            ApprovingBodies::Table.into_iden(),
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
enum ApprovingBodies {
    Table,
    Id,
    ProcessId,
    Name,
    Required,
    CreatedAt,
}

#[derive(DeriveIden)]
enum BodyMembers {
    Table,
    BodyId,
    UserId,
    AddedBy,
    AddedAt,
}

#[derive(DeriveIden)]
enum AdoptionProposals {
    Table,
    Id,
    ProcessId,
    VersionId,
    FrozenHash,
    ProposedBy,
    ProposedAt,
    ReturnedAt,
    AdoptedAt,
    NextReview,
    Summary,
    SummaryHtml,
}

#[derive(DeriveIden)]
enum AdoptionDecisions {
    Table,
    Id,
    ProposalId,
    VersionId,
    BodyId,
    Verdict,
    VerdictText,
    MeetingDate,
    MinutesRef,
    RecordedBy,
    RecordedAt,
    ContentHash,
    Supersedes,
}

#[derive(DeriveIden)]
enum Acknowledgements {
    Table,
    VersionId,
    UserId,
    AcknowledgedAt,
}
