//! Hardening: carried-in review inputs remember the round they come from (so they are shown
//! only to those who could see that round), and a proposal can be withdrawn with a reason.

use sea_orm_migration::prelude::*;

/// Adds `review_inputs.round_id` (filled for the deferred comments already carried in) and
/// `adoption_proposals.withdrawn_reason`.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(ReviewInputs::Table)
                    .add_column(ColumnDef::new(ReviewInputs::RoundId).big_integer().null())
                    .to_owned(),
            )
            .await?;
        // Deferred comments carried in before this column existed: their comment's round.
        manager
            .exec_stmt(
                Query::update()
                    .table(ReviewInputs::Table)
                    .value(
                        ReviewInputs::RoundId,
                        SimpleExpr::SubQuery(
                            None,
                            Box::new(
                                Query::select()
                                    .column((Comments::Table, Comments::RoundId))
                                    .from(Comments::Table)
                                    .and_where(
                                        Expr::col((Comments::Table, Comments::Id))
                                            .equals((ReviewInputs::Table, ReviewInputs::SourceId)),
                                    )
                                    .to_owned()
                                    .into_sub_query_statement(),
                            ),
                        ),
                    )
                    .and_where(Expr::col(ReviewInputs::Source).eq("deferred_comment"))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(AdoptionProposals::Table)
                    .add_column(
                        ColumnDef::new(AdoptionProposals::WithdrawnReason)
                            .text()
                            .null(),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(AdoptionProposals::Table)
                    .drop_column(AdoptionProposals::WithdrawnReason)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(ReviewInputs::Table)
                    .drop_column(ReviewInputs::RoundId)
                    .to_owned(),
            )
            .await
    }
}

#[derive(DeriveIden, Clone, Copy)]
enum ReviewInputs {
    Table,
    RoundId,
    Source,
    SourceId,
}

#[derive(DeriveIden, Clone, Copy)]
enum Comments {
    Table,
    Id,
    RoundId,
}

#[derive(DeriveIden, Clone, Copy)]
enum AdoptionProposals {
    Table,
    WithdrawnReason,
}
