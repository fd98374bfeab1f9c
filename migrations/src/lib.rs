//! The database schema, portable between SQLite and PostgreSQL.

pub use sea_orm_migration::prelude::*;

mod m20261121_000001_create_accounts;
mod m20261121_000002_create_processes;
mod m20261121_000003_create_rounds;
mod m20261121_000004_create_adoption;
mod m20261121_000005_create_comment_changes;
mod m20261121_000006_create_audit_log;
mod m20261121_000007_add_user_team;
mod m20261121_000008_create_review_dialogue;
mod m20261122_000009_add_dialogue_moderation;
mod m20261123_120000_add_round_changes;
mod m20261123_120100_group_member_perspectives;
mod m20261129_000010_add_input_round_and_withdrawal;
mod m20261129_000010_create_notifications;
mod m20261129_180000_add_codetermination;
mod m20261130_000011_add_identity;

/// All migrations in the order they run.
pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261121_000001_create_accounts::Migration),
            Box::new(m20261121_000002_create_processes::Migration),
            Box::new(m20261121_000003_create_rounds::Migration),
            Box::new(m20261121_000004_create_adoption::Migration),
            Box::new(m20261121_000005_create_comment_changes::Migration),
            Box::new(m20261121_000006_create_audit_log::Migration),
            Box::new(m20261121_000007_add_user_team::Migration),
            Box::new(m20261121_000008_create_review_dialogue::Migration),
            Box::new(m20261122_000009_add_dialogue_moderation::Migration),
            Box::new(m20261123_120000_add_round_changes::Migration),
            Box::new(m20261123_120100_group_member_perspectives::Migration),
            Box::new(m20261129_000010_add_input_round_and_withdrawal::Migration),
            Box::new(m20261129_000010_create_notifications::Migration),
            Box::new(m20261129_180000_add_codetermination::Migration),
            Box::new(m20261130_000011_add_identity::Migration),
        ]
    }
}
