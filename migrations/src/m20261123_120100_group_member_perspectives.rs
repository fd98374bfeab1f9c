//! A project-group member can bring several perspectives (e.g. works council *and* critic).
//! They move from the one `group_members.perspective` column into
//! `group_member_perspectives` (one row per member and perspective, typed with sea-orm's
//! `DeriveActiveEnum` over the same string values), keeping every existing appointment.

use sea_orm_migration::prelude::*;

/// Creates `group_member_perspectives`, copies each member's perspective into it and drops
/// `group_members.perspective`.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(GroupMemberPerspectives::Table)
                    .col(
                        ColumnDef::new(GroupMemberPerspectives::ProcessId)
                            .big_integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(GroupMemberPerspectives::UserId)
                            .big_integer()
                            .not_null(),
                    )
                    // `domain::group::Perspective` (string values as before).
                    .col(
                        ColumnDef::new(GroupMemberPerspectives::Perspective)
                            .string_len(32)
                            .not_null(),
                    )
                    .primary_key(
                        Index::create()
                            .col(GroupMemberPerspectives::ProcessId)
                            .col(GroupMemberPerspectives::UserId)
                            .col(GroupMemberPerspectives::Perspective),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(
                                GroupMemberPerspectives::Table,
                                GroupMemberPerspectives::ProcessId,
                            )
                            .to(Processes::Table, Processes::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(
                                GroupMemberPerspectives::Table,
                                GroupMemberPerspectives::UserId,
                            )
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        // Every existing appointment keeps its perspective.
        let copy = Query::insert()
            .into_table(GroupMemberPerspectives::Table)
            .columns([
                GroupMemberPerspectives::ProcessId,
                GroupMemberPerspectives::UserId,
                GroupMemberPerspectives::Perspective,
            ])
            .select_from(
                Query::select()
                    .columns([
                        GroupMembers::ProcessId,
                        GroupMembers::UserId,
                        GroupMembers::Perspective,
                    ])
                    .from(GroupMembers::Table)
                    .to_owned(),
            )
            .map_err(|err| DbErr::Migration(err.to_string()))?
            .to_owned();
        manager.exec_stmt(copy).await?;
        manager
            .alter_table(
                Table::alter()
                    .table(GroupMembers::Table)
                    .drop_column(GroupMembers::Perspective)
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(GroupMembers::Table)
                    .add_column(
                        ColumnDef::new(GroupMembers::Perspective)
                            .string_len(32)
                            .not_null()
                            .default("advocate"),
                    )
                    .to_owned(),
            )
            .await?;
        // One perspective per member again: the first in name order.
        let first = Query::select()
            .expr(Expr::col(GroupMemberPerspectives::Perspective).min())
            .from(GroupMemberPerspectives::Table)
            .and_where(
                Expr::col((
                    GroupMemberPerspectives::Table,
                    GroupMemberPerspectives::ProcessId,
                ))
                .equals((GroupMembers::Table, GroupMembers::ProcessId)),
            )
            .and_where(
                Expr::col((
                    GroupMemberPerspectives::Table,
                    GroupMemberPerspectives::UserId,
                ))
                .equals((GroupMembers::Table, GroupMembers::UserId)),
            )
            .to_owned();
        manager
            .exec_stmt(
                Query::update()
                    .table(GroupMembers::Table)
                    .value(
                        GroupMembers::Perspective,
                        SimpleExpr::SubQuery(None, Box::new(first.into_sub_query_statement())),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .drop_table(
                Table::drop()
                    .table(GroupMemberPerspectives::Table)
                    .to_owned(),
            )
            .await?;
        Ok(())
    }
}

#[derive(DeriveIden, Clone, Copy)]
enum GroupMemberPerspectives {
    Table,
    ProcessId,
    UserId,
    Perspective,
}

#[derive(DeriveIden, Clone, Copy)]
enum GroupMembers {
    Table,
    ProcessId,
    UserId,
    Perspective,
}

#[derive(DeriveIden, Clone, Copy)]
enum Processes {
    Table,
    Id,
}

#[derive(DeriveIden, Clone, Copy)]
enum Users {
    Table,
    Id,
}
