//! Identity at organisation scale (issue #13): accounts linked to the organisation's OpenID
//! provider, staff imports with a preview, and accounts deleted on request (DSGVO Art. 17).

use sea_orm_migration::prelude::*;

/// Adds `users.oidc_issuer`, `users.oidc_subject` (unique together) and `users.deleted_at`,
/// and creates `staff_imports`.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // SQLite adds one column per ALTER TABLE.
        for column in [
            ColumnDef::new(Users::OidcIssuer)
                .string_len(500)
                .null()
                .to_owned(),
            ColumnDef::new(Users::OidcSubject)
                .string_len(255)
                .null()
                .to_owned(),
            ColumnDef::new(Users::DeletedAt)
                .timestamp_with_time_zone()
                .null()
                .to_owned(),
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Users::Table)
                        .add_column(column)
                        .to_owned(),
                )
                .await?;
        }
        // Later log-ins find the account by issuer and subject; NULLs (password accounts) do
        // not collide on either database.
        manager
            .create_index(
                Index::create()
                    .name("idx_users_oidc_subject")
                    .table(Users::Table)
                    .col(Users::OidcIssuer)
                    .col(Users::OidcSubject)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(StaffImports::Table)
                    .col(
                        ColumnDef::new(StaffImports::Id)
                            .big_integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new(StaffImports::CreatedBy)
                            .big_integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(StaffImports::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(StaffImports::FileName)
                            .string_len(255)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(StaffImports::Status)
                            .string_len(20)
                            .not_null(),
                    )
                    // The parsed rows as JSON until the import is applied (then emptied).
                    .col(ColumnDef::new(StaffImports::Rows).text().null())
                    // Counts and the ids of the accounts created, once applied.
                    .col(ColumnDef::new(StaffImports::Result).text().null())
                    .col(
                        ColumnDef::new(StaffImports::AppliedAt)
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_staff_imports_created_by")
                            .from(StaffImports::Table, StaffImports::CreatedBy)
                            .to(Users::Table, Users::Id),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(StaffImports::Table).to_owned())
            .await?;
        manager
            .drop_index(
                Index::drop()
                    .name("idx_users_oidc_subject")
                    .table(Users::Table)
                    .to_owned(),
            )
            .await?;
        for column in [Users::OidcIssuer, Users::OidcSubject, Users::DeletedAt] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Users::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
    OidcIssuer,
    OidcSubject,
    DeletedAt,
}

#[derive(DeriveIden)]
enum StaffImports {
    Table,
    Id,
    CreatedBy,
    CreatedAt,
    FileName,
    Status,
    Rows,
    Result,
    AppliedAt,
}
