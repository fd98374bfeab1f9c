//! Opening the database (SQLite or PostgreSQL) and bringing its schema up to date.

use migration::{Migrator, MigratorTrait};
use sea_orm::{ConnectOptions, Database, DatabaseConnection, DbErr};
use std::time::Duration;

/// Opens the database at `url`; for SQLite with WAL journal and a busy timeout, creating the
/// file's folder if needed. Then runs all pending migrations.
pub async fn connect_and_migrate(url: &str) -> Result<DatabaseConnection, DbErr> {
    if let Some(path) = sqlite_file(url) {
        if let Some(parent) = std::path::Path::new(path)
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
        {
            std::fs::create_dir_all(parent).map_err(|err| {
                DbErr::Custom(format!(
                    "Ordner {} kann nicht angelegt werden: {err}",
                    parent.display()
                ))
            })?;
        }
    }
    let sqlite = url.starts_with("sqlite");
    let mut options = ConnectOptions::new(url.to_owned());
    options
        .sqlx_logging(false)
        .max_connections(if sqlite { 8 } else { 20 })
        // While the database is away, a request waits at most this long for a connection and
        // then gets a clean "internal error" answer.
        .acquire_timeout(Duration::from_secs(10))
        // PostgreSQL: pooled connections are checked before use, so after a database restart
        // the dead ones are dropped and replaced instead of failing requests: the app recovers
        // by itself (server/tests/crash.rs relies on it). A SQLite file cannot go away like
        // that, and the check cost a round trip to its worker thread for every query (5 % of
        // the time of posting a comment, bench/README.md).
        .test_before_acquire(!sqlite)
        .map_sqlx_sqlite_opts(|opts| {
            opts.journal_mode(sea_orm::sqlx::sqlite::SqliteJournalMode::Wal)
                .synchronous(sea_orm::sqlx::sqlite::SqliteSynchronous::Normal)
                .busy_timeout(Duration::from_secs(10))
                .foreign_keys(true)
        });
    let db = Database::connect(options).await?;
    Migrator::up(&db, None).await?;
    Ok(db)
}

/// The file path of a `sqlite://` URL, if it names a file.
fn sqlite_file(url: &str) -> Option<&str> {
    let rest = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))?;
    let path = rest.split('?').next()?;
    (!path.is_empty() && path != ":memory:").then_some(path)
}

#[cfg(test)]
mod tests {
    use super::sqlite_file;

    #[test]
    fn the_file_of_a_sqlite_url_is_found() {
        assert_eq!(
            sqlite_file("sqlite://data/mitsprache.db?mode=rwc"),
            Some("data/mitsprache.db")
        );
        assert_eq!(sqlite_file("sqlite::memory:"), None);
        assert_eq!(sqlite_file("postgres://localhost/x"), None);
    }
}
