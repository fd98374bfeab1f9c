//! Notifications through a transactional outbox (issue #12).
//!
//! - `notification_events`: one row per state change that concerns people, written in the
//!   transaction of the change; the sender expands it to recipients in batches (`done_up_to` is the
//!   last account id done, `done_at` set at the end; `claimed_until` is a lease, so several
//!   instances do not expand the same event at once). `dedup_key` makes time-based events
//!   (reminders) unique.
//! - `notifications`: one per recipient and event — the inbox, and the source of the mails
//!   (`mail_state`: none / waiting for the digest / queued; `digest_due_at`).
//! - `mails`: the outbox proper, rendered; claimed by a sender (`status`, `claimed_until`),
//!   retried with back-off (`attempts`, `next_attempt_at`), failed after the last try.
//! - `notification_preferences`: a frequency per account and event group (missing: default).
//! - `server_secrets`: secrets generated on first start (the unsubscribe links' HMAC key).
//! - `password_resets`: one-time links, stored as SHA-256 hashes.

use sea_orm_migration::prelude::*;

/// Creates the notification, outbox, preference, secret and password-reset tables.
#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(NotificationEvents::Table)
                    .col(pk(NotificationEvents::Id))
                    .col(
                        ColumnDef::new(NotificationEvents::Kind)
                            .string_len(40)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(NotificationEvents::Payload)
                            .text()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(NotificationEvents::ActorId)
                            .big_integer()
                            .null(),
                    )
                    .col(
                        ColumnDef::new(NotificationEvents::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(NotificationEvents::DueAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(NotificationEvents::DedupKey)
                            .string_len(200)
                            .null()
                            .unique_key(),
                    )
                    .col(
                        ColumnDef::new(NotificationEvents::DoneUpTo)
                            .big_integer()
                            .not_null()
                            .default(0),
                    )
                    .col(
                        ColumnDef::new(NotificationEvents::ClaimedUntil)
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .col(
                        ColumnDef::new(NotificationEvents::DoneAt)
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "idx_notification_events_open",
            NotificationEvents::Table,
            vec![NotificationEvents::DoneAt, NotificationEvents::DueAt],
            false,
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table(Notifications::Table)
                    .col(pk(Notifications::Id))
                    .col(
                        ColumnDef::new(Notifications::UserId)
                            .big_integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(Notifications::EventId)
                            .big_integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(Notifications::EventGroup)
                            .string_len(20)
                            .not_null(),
                    )
                    .col(ColumnDef::new(Notifications::Title).text().not_null())
                    .col(ColumnDef::new(Notifications::Body).text().not_null())
                    .col(ColumnDef::new(Notifications::Link).text().not_null())
                    .col(
                        ColumnDef::new(Notifications::Confidential)
                            .boolean()
                            .not_null()
                            .default(false),
                    )
                    .col(
                        ColumnDef::new(Notifications::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(Notifications::ReadAt)
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .col(
                        ColumnDef::new(Notifications::MailState)
                            .string_len(20)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(Notifications::DigestDueAt)
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .col(ColumnDef::new(Notifications::MailId).big_integer().null())
                    .foreign_key(
                        ForeignKey::create()
                            .from(Notifications::Table, Notifications::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Notifications::Table, Notifications::EventId)
                            .to(NotificationEvents::Table, NotificationEvents::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "idx_notifications_event_user",
            Notifications::Table,
            vec![Notifications::EventId, Notifications::UserId],
            true,
        )
        .await?;
        index(
            manager,
            "idx_notifications_user",
            Notifications::Table,
            vec![Notifications::UserId, Notifications::Id],
            false,
        )
        .await?;
        index(
            manager,
            "idx_notifications_digest",
            Notifications::Table,
            vec![Notifications::MailState, Notifications::DigestDueAt],
            false,
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table(Mails::Table)
                    .col(pk(Mails::Id))
                    .col(ColumnDef::new(Mails::Kind).string_len(20).not_null())
                    .col(ColumnDef::new(Mails::UserId).big_integer().null())
                    .col(ColumnDef::new(Mails::ToAddress).text().not_null())
                    .col(ColumnDef::new(Mails::ToName).text().not_null())
                    .col(ColumnDef::new(Mails::Subject).text().not_null())
                    .col(ColumnDef::new(Mails::BodyText).text().not_null())
                    .col(ColumnDef::new(Mails::BodyHtml).text().not_null())
                    .col(ColumnDef::new(Mails::UnsubscribeToken).text().null())
                    .col(
                        ColumnDef::new(Mails::Confidential)
                            .boolean()
                            .not_null()
                            .default(false),
                    )
                    .col(ColumnDef::new(Mails::Status).string_len(20).not_null())
                    .col(
                        ColumnDef::new(Mails::Attempts)
                            .integer()
                            .not_null()
                            .default(0),
                    )
                    .col(
                        ColumnDef::new(Mails::NextAttemptAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(Mails::ClaimedUntil)
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .col(ColumnDef::new(Mails::LastError).text().null())
                    .col(ColumnDef::new(Mails::FileName).text().null())
                    .col(
                        ColumnDef::new(Mails::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(Mails::SentAt)
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "idx_mails_due",
            Mails::Table,
            vec![Mails::Status, Mails::NextAttemptAt],
            false,
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table(NotificationPreferences::Table)
                    .col(
                        ColumnDef::new(NotificationPreferences::UserId)
                            .big_integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(NotificationPreferences::EventGroup)
                            .string_len(20)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(NotificationPreferences::Frequency)
                            .string_len(20)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(NotificationPreferences::ChangedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .primary_key(
                        Index::create()
                            .col(NotificationPreferences::UserId)
                            .col(NotificationPreferences::EventGroup),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(
                                NotificationPreferences::Table,
                                NotificationPreferences::UserId,
                            )
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(ServerSecrets::Table)
                    .col(
                        ColumnDef::new(ServerSecrets::Name)
                            .string_len(50)
                            .not_null()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(ServerSecrets::Value).text().not_null())
                    .col(
                        ColumnDef::new(ServerSecrets::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(PasswordResets::Table)
                    .col(pk(PasswordResets::Id))
                    .col(
                        ColumnDef::new(PasswordResets::UserId)
                            .big_integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(PasswordResets::TokenHash)
                            .string_len(64)
                            .not_null()
                            .unique_key(),
                    )
                    .col(
                        ColumnDef::new(PasswordResets::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(PasswordResets::ExpiresAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(PasswordResets::UsedAt)
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(PasswordResets::Table, PasswordResets::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            PasswordResets::Table.into_iden(),
            ServerSecrets::Table.into_iden(),
            NotificationPreferences::Table.into_iden(),
            Mails::Table.into_iden(),
            Notifications::Table.into_iden(),
            NotificationEvents::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}

/// An auto-incrementing 64-bit primary key.
fn pk<T: IntoIden>(column: T) -> ColumnDef {
    ColumnDef::new(column)
        .big_integer()
        .not_null()
        .auto_increment()
        .primary_key()
        .to_owned()
}

async fn index<T: IntoIden + Copy + 'static, C: IntoIden + 'static>(
    manager: &SchemaManager<'_>,
    name: &str,
    table: T,
    columns: Vec<C>,
    unique: bool,
) -> Result<(), DbErr> {
    let mut index = Index::create();
    index.name(name).table(table);
    for column in columns {
        index.col(column);
    }
    if unique {
        index.unique();
    }
    manager.create_index(index.to_owned()).await
}

#[derive(DeriveIden, Clone, Copy)]
enum Users {
    Table,
    Id,
}

#[derive(DeriveIden, Clone, Copy)]
enum NotificationEvents {
    Table,
    Id,
    Kind,
    Payload,
    ActorId,
    CreatedAt,
    DueAt,
    DedupKey,
    DoneUpTo,
    ClaimedUntil,
    DoneAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum Notifications {
    Table,
    Id,
    UserId,
    EventId,
    EventGroup,
    Title,
    Body,
    Link,
    Confidential,
    CreatedAt,
    ReadAt,
    MailState,
    DigestDueAt,
    MailId,
}

#[derive(DeriveIden, Clone, Copy)]
enum Mails {
    Table,
    Id,
    Kind,
    UserId,
    ToAddress,
    ToName,
    Subject,
    BodyText,
    BodyHtml,
    UnsubscribeToken,
    Confidential,
    Status,
    Attempts,
    NextAttemptAt,
    ClaimedUntil,
    LastError,
    FileName,
    CreatedAt,
    SentAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum NotificationPreferences {
    Table,
    UserId,
    EventGroup,
    Frequency,
    ChangedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum ServerSecrets {
    Table,
    Name,
    Value,
    CreatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
enum PasswordResets {
    Table,
    Id,
    UserId,
    TokenHash,
    CreatedAt,
    ExpiresAt,
    UsedAt,
}
