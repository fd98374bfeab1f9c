//! Co-determination procedures: each approving body follows a procedure (management
//! confirmations, a works-council resolution, a MAV deadline with deemed approval, or the simple
//! record of before); a body member can chair it; a guideline can be adopted as a works or
//! service agreement that both sides confirm on the same hash; the project group marks sections
//! subject to co-determination.

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

fn int(col: impl IntoIden) -> ColumnDef {
    ColumnDef::new(col).integer().not_null().to_owned()
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

/// Adds one column per statement (SQLite's ALTER TABLE adds a single column at a time).
async fn add_columns(
    manager: &SchemaManager<'_>,
    table: impl IntoIden + Copy + 'static,
    columns: Vec<ColumnDef>,
) -> Result<(), DbErr> {
    for mut column in columns {
        manager
            .alter_table(
                Table::alter()
                    .table(table)
                    .add_column(&mut column)
                    .to_owned(),
            )
            .await?;
    }
    Ok(())
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        add_columns(
            manager,
            ApprovingBodies::Table,
            vec![
                ColumnDef::new(ApprovingBodies::Procedure)
                    .string_len(20)
                    .not_null()
                    .default("simple")
                    .to_owned(),
                ColumnDef::new(ApprovingBodies::ConfirmationRule)
                    .string_len(20)
                    .null()
                    .to_owned(),
                ColumnDef::new(ApprovingBodies::Seats)
                    .integer()
                    .null()
                    .to_owned(),
                ColumnDef::new(ApprovingBodies::DeadlineDays)
                    .integer()
                    .null()
                    .to_owned(),
                ColumnDef::new(ApprovingBodies::ExtensionDays)
                    .integer()
                    .null()
                    .to_owned(),
            ],
        )
        .await?;
        add_columns(
            manager,
            BodyMembers::Table,
            vec![ColumnDef::new(BodyMembers::Chair)
                .boolean()
                .not_null()
                .default(false)
                .to_owned()],
        )
        .await?;
        add_columns(
            manager,
            Processes::Table,
            vec![ColumnDef::new(Processes::Agreement)
                .string_len(30)
                .null()
                .to_owned()],
        )
        .await?;
        add_columns(
            manager,
            AdoptionDecisions::Table,
            vec![
                ColumnDef::new(AdoptionDecisions::Basis)
                    .text()
                    .null()
                    .to_owned(),
                ColumnDef::new(AdoptionDecisions::Deemed)
                    .boolean()
                    .not_null()
                    .default(false)
                    .to_owned(),
            ],
        )
        .await?;

        // Management / board: each named member's confirmation of the frozen text.
        manager
            .create_table(
                Table::create()
                    .table(MemberConfirmations::Table)
                    .col(id(MemberConfirmations::Id))
                    .col(big(MemberConfirmations::ProposalId))
                    .col(big(MemberConfirmations::BodyId))
                    .col(big(MemberConfirmations::UserId))
                    .col(
                        ColumnDef::new(MemberConfirmations::Approve)
                            .boolean()
                            .not_null(),
                    )
                    .col(ColumnDef::new(MemberConfirmations::Reason).text().null())
                    .col(text(MemberConfirmations::ContentHash))
                    .col(at(MemberConfirmations::ConfirmedAt))
                    .foreign_key(&mut fk(
                        MemberConfirmations::Table,
                        MemberConfirmations::ProposalId,
                        AdoptionProposals::Table,
                        AdoptionProposals::Id,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_member_confirmations_once")
                    .table(MemberConfirmations::Table)
                    .col(MemberConfirmations::ProposalId)
                    .col(MemberConfirmations::BodyId)
                    .col(MemberConfirmations::UserId)
                    .unique()
                    .to_owned(),
            )
            .await?;

        // Works council: the resolution of a meeting, as the minutes record it.
        manager
            .create_table(
                Table::create()
                    .table(CouncilResolutions::Table)
                    .col(id(CouncilResolutions::Id))
                    .col(big(CouncilResolutions::ProposalId))
                    .col(big(CouncilResolutions::BodyId))
                    .col(text(CouncilResolutions::ContentHash))
                    .col(
                        ColumnDef::new(CouncilResolutions::MeetingDate)
                            .date()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(CouncilResolutions::MeetingForm)
                            .string_len(20)
                            .not_null(),
                    )
                    .col(int(CouncilResolutions::Seats))
                    .col(int(CouncilResolutions::Present))
                    .col(int(CouncilResolutions::Yes))
                    .col(int(CouncilResolutions::No))
                    .col(int(CouncilResolutions::Abstain))
                    .col(text(CouncilResolutions::Wording))
                    .col(text(CouncilResolutions::MinutesRef))
                    .col(text(CouncilResolutions::Explanation))
                    .col(
                        ColumnDef::new(CouncilResolutions::Approved)
                            .boolean()
                            .not_null(),
                    )
                    .col(big(CouncilResolutions::RecordedBy))
                    .col(at(CouncilResolutions::RecordedAt))
                    .col(
                        ColumnDef::new(CouncilResolutions::DecisionId)
                            .big_integer()
                            .null(),
                    )
                    .foreign_key(&mut fk(
                        CouncilResolutions::Table,
                        CouncilResolutions::ProposalId,
                        AdoptionProposals::Table,
                        AdoptionProposals::Id,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ResolutionConfirmations::Table)
                    .col(big(ResolutionConfirmations::ResolutionId))
                    .col(big(ResolutionConfirmations::UserId))
                    .col(
                        ColumnDef::new(ResolutionConfirmations::AsChair)
                            .boolean()
                            .not_null(),
                    )
                    .col(at(ResolutionConfirmations::ConfirmedAt))
                    .primary_key(
                        Index::create()
                            .col(ResolutionConfirmations::ResolutionId)
                            .col(ResolutionConfirmations::UserId),
                    )
                    .foreign_key(&mut fk(
                        ResolutionConfirmations::Table,
                        ResolutionConfirmations::ResolutionId,
                        CouncilResolutions::Table,
                        CouncilResolutions::Id,
                    ))
                    .to_owned(),
            )
            .await?;

        // MAV: the employer's request for approval and its deadline.
        manager
            .create_table(
                Table::create()
                    .table(ApprovalRequests::Table)
                    .col(id(ApprovalRequests::Id))
                    .col(big(ApprovalRequests::ProposalId))
                    .col(big(ApprovalRequests::BodyId))
                    .col(text(ApprovalRequests::ContentHash))
                    .col(
                        ColumnDef::new(ApprovalRequests::ReceivedOn)
                            .date()
                            .not_null(),
                    )
                    .col(ColumnDef::new(ApprovalRequests::LastDay).date().not_null())
                    .col(
                        ColumnDef::new(ApprovalRequests::ExtensionReason)
                            .text()
                            .null(),
                    )
                    .col(big(ApprovalRequests::RequestedBy))
                    .col(at(ApprovalRequests::RequestedAt))
                    .col(
                        ColumnDef::new(ApprovalRequests::DecisionId)
                            .big_integer()
                            .null(),
                    )
                    .foreign_key(&mut fk(
                        ApprovalRequests::Table,
                        ApprovalRequests::ProposalId,
                        AdoptionProposals::Table,
                        AdoptionProposals::Id,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_approval_requests_once")
                    .table(ApprovalRequests::Table)
                    .col(ApprovalRequests::ProposalId)
                    .col(ApprovalRequests::BodyId)
                    .unique()
                    .to_owned(),
            )
            .await?;

        // A works or service agreement: both sides confirm the same frozen text.
        manager
            .create_table(
                Table::create()
                    .table(AgreementSignatures::Table)
                    .col(id(AgreementSignatures::Id))
                    .col(big(AgreementSignatures::ProposalId))
                    .col(
                        ColumnDef::new(AgreementSignatures::Side)
                            .string_len(20)
                            .not_null(),
                    )
                    .col(big(AgreementSignatures::UserId))
                    .col(text(AgreementSignatures::RoleText))
                    .col(text(AgreementSignatures::ContentHash))
                    .col(at(AgreementSignatures::SignedAt))
                    .foreign_key(&mut fk(
                        AgreementSignatures::Table,
                        AgreementSignatures::ProposalId,
                        AdoptionProposals::Table,
                        AdoptionProposals::Id,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_agreement_signatures_once")
                    .table(AgreementSignatures::Table)
                    .col(AgreementSignatures::ProposalId)
                    .col(AgreementSignatures::Side)
                    .col(AgreementSignatures::UserId)
                    .unique()
                    .to_owned(),
            )
            .await?;

        // What the council was given to inform itself, and experts it involved.
        manager
            .create_table(
                Table::create()
                    .table(CouncilInformation::Table)
                    .col(id(CouncilInformation::Id))
                    .col(big(CouncilInformation::ProcessId))
                    .col(big(CouncilInformation::BodyId))
                    .col(
                        ColumnDef::new(CouncilInformation::Kind)
                            .string_len(20)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(CouncilInformation::GivenOn)
                            .date()
                            .not_null(),
                    )
                    .col(text(CouncilInformation::Description))
                    .col(big(CouncilInformation::RecordedBy))
                    .col(at(CouncilInformation::RecordedAt))
                    .foreign_key(&mut fk(
                        CouncilInformation::Table,
                        CouncilInformation::ProcessId,
                        Processes::Table,
                        Processes::Id,
                    ))
                    .to_owned(),
            )
            .await?;

        // Sections the project group marks as subject to co-determination.
        manager
            .create_table(
                Table::create()
                    .table(CodeterminationMarks::Table)
                    .col(id(CodeterminationMarks::Id))
                    .col(big(CodeterminationMarks::ProcessId))
                    .col(text(CodeterminationMarks::Anchor))
                    .col(text(CodeterminationMarks::Title))
                    .col(text(CodeterminationMarks::Basis))
                    .col(big(CodeterminationMarks::MarkedBy))
                    .col(at(CodeterminationMarks::MarkedAt))
                    .foreign_key(&mut fk(
                        CodeterminationMarks::Table,
                        CodeterminationMarks::ProcessId,
                        Processes::Table,
                        Processes::Id,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("ux_codetermination_marks_section")
                    .table(CodeterminationMarks::Table)
                    .col(CodeterminationMarks::ProcessId)
                    .col(CodeterminationMarks::Anchor)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            CouncilInformation::Table.into_iden(),
            CodeterminationMarks::Table.into_iden(),
            AgreementSignatures::Table.into_iden(),
            ApprovalRequests::Table.into_iden(),
            ResolutionConfirmations::Table.into_iden(),
            CouncilResolutions::Table.into_iden(),
            MemberConfirmations::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        let drops: [(DynIden, DynIden); 9] = [
            (
                AdoptionDecisions::Table.into_iden(),
                AdoptionDecisions::Deemed.into_iden(),
            ),
            (
                AdoptionDecisions::Table.into_iden(),
                AdoptionDecisions::Basis.into_iden(),
            ),
            (
                Processes::Table.into_iden(),
                Processes::Agreement.into_iden(),
            ),
            (
                BodyMembers::Table.into_iden(),
                BodyMembers::Chair.into_iden(),
            ),
            (
                ApprovingBodies::Table.into_iden(),
                ApprovingBodies::ExtensionDays.into_iden(),
            ),
            (
                ApprovingBodies::Table.into_iden(),
                ApprovingBodies::DeadlineDays.into_iden(),
            ),
            (
                ApprovingBodies::Table.into_iden(),
                ApprovingBodies::Seats.into_iden(),
            ),
            (
                ApprovingBodies::Table.into_iden(),
                ApprovingBodies::ConfirmationRule.into_iden(),
            ),
            (
                ApprovingBodies::Table.into_iden(),
                ApprovingBodies::Procedure.into_iden(),
            ),
        ];
        for (table, column) in drops {
            manager
                .alter_table(Table::alter().table(table).drop_column(column).to_owned())
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden, Clone, Copy)]
enum ApprovingBodies {
    Table,
    Procedure,
    ConfirmationRule,
    Seats,
    DeadlineDays,
    ExtensionDays,
}

#[derive(DeriveIden, Clone, Copy)]
enum BodyMembers {
    Table,
    Chair,
}

#[derive(DeriveIden, Clone, Copy)]
enum Processes {
    Table,
    Id,
    Agreement,
}

#[derive(DeriveIden, Clone, Copy)]
enum AdoptionProposals {
    Table,
    Id,
}

#[derive(DeriveIden, Clone, Copy)]
enum AdoptionDecisions {
    Table,
    Basis,
    Deemed,
}

#[derive(DeriveIden, Clone, Copy)]
enum MemberConfirmations {
    Table,
    Id,
    ProposalId,
    BodyId,
    UserId,
    Approve,
    Reason,
    ContentHash,
    ConfirmedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum CouncilResolutions {
    Table,
    Id,
    ProposalId,
    BodyId,
    ContentHash,
    MeetingDate,
    MeetingForm,
    Seats,
    Present,
    Yes,
    No,
    Abstain,
    Wording,
    MinutesRef,
    Explanation,
    Approved,
    RecordedBy,
    RecordedAt,
    DecisionId,
}

#[derive(DeriveIden, Clone, Copy)]
enum ResolutionConfirmations {
    Table,
    ResolutionId,
    UserId,
    AsChair,
    ConfirmedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum ApprovalRequests {
    Table,
    Id,
    ProposalId,
    BodyId,
    ContentHash,
    ReceivedOn,
    LastDay,
    ExtensionReason,
    RequestedBy,
    RequestedAt,
    DecisionId,
}

#[derive(DeriveIden, Clone, Copy)]
enum AgreementSignatures {
    Table,
    Id,
    ProposalId,
    Side,
    UserId,
    RoleText,
    ContentHash,
    SignedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum CodeterminationMarks {
    Table,
    Id,
    ProcessId,
    Anchor,
    Title,
    Basis,
    MarkedBy,
    MarkedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum CouncilInformation {
    Table,
    Id,
    ProcessId,
    BodyId,
    Kind,
    GivenOn,
    Description,
    RecordedBy,
    RecordedAt,
}
