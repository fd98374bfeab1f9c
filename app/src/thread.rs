//! Threads of replies (server only): comments in a round and posts in the dialogue space both
//! answer a top-level text with replies one level deep. A page shows each thread with its first
//! few replies and the number of the rest; the rest load page by page. Nothing a page loads
//! grows with the number of replies someone writes.

use crate::error::AppError;
use sea_orm::{ConnectionTrait, DatabaseBackend, Statement, Value};
use std::collections::HashMap;

/// Replies shown with each thread; the rest load on request.
pub const REPLIES_SHOWN: usize = 3;

/// Replies loaded per request after the first ones.
pub const REPLY_PAGE_SIZE: u64 = 50;

/// A table with replies: its name and the column naming the answered row.
#[derive(Debug, Clone, Copy)]
pub struct ReplyTable {
    /// The table, e.g. `comments`.
    pub table: &'static str,
    /// The column with the parent's id, e.g. `parent_id`.
    pub parent: &'static str,
}

/// Replies to round comments.
pub const COMMENT_REPLIES: ReplyTable = ReplyTable {
    table: "comments",
    parent: "parent_id",
};

/// Replies to experience reports in the dialogue space.
pub const DIALOGUE_REPLIES: ReplyTable = ReplyTable {
    table: "dialogue_posts",
    parent: "parent_id",
};

/// `?, ?, ?` or `$1, $2, $3`, as the backend expects.
fn placeholders(backend: DatabaseBackend, n: usize) -> String {
    (1..=n)
        .map(|i| match backend {
            DatabaseBackend::Postgres => format!("${i}"),
            _ => "?".to_owned(),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Runs the query `sql` builds around the placeholder list for `parents`, with their ids bound.
async fn query_by_parents(
    db: &impl ConnectionTrait,
    parents: &[i64],
    sql: impl FnOnce(String) -> String,
    context: &str,
) -> Result<Vec<sea_orm::QueryResult>, AppError> {
    let backend = db.get_database_backend();
    let values: Vec<Value> = parents.iter().map(|&id| id.into()).collect();
    let statement =
        Statement::from_sql_and_values(backend, sql(placeholders(backend, parents.len())), values);
    db.query_all(statement)
        .await
        .map_err(|err| AppError::internal(context, err))
}

/// The ids of the first `per_parent` replies (oldest first) of each of `parents`, in one query
/// (a window function; SQLite and PostgreSQL both have it).
pub async fn first_reply_ids(
    db: &impl ConnectionTrait,
    table: ReplyTable,
    parents: &[i64],
    per_parent: usize,
) -> Result<Vec<i64>, AppError> {
    if parents.is_empty() {
        return Ok(Vec::new());
    }
    let sql = |list: String| {
        format!(
            "SELECT id FROM (SELECT id, ROW_NUMBER() OVER (PARTITION BY {parent} ORDER BY id) AS n \
             FROM {table} WHERE {parent} IN ({list})) AS ranked WHERE n <= {per_parent} ORDER BY id",
            parent = table.parent,
            table = table.table,
        )
    };
    query_by_parents(db, parents, sql, "loading the first replies of threads")
        .await?
        .iter()
        .map(|row| {
            row.try_get::<i64>("", "id")
                .map_err(|err| AppError::internal("reading a reply id", err))
        })
        .collect()
}

/// The number of replies of each of `parents` (threads without replies are missing).
pub async fn reply_counts(
    db: &impl ConnectionTrait,
    table: ReplyTable,
    parents: &[i64],
) -> Result<HashMap<i64, u64>, AppError> {
    if parents.is_empty() {
        return Ok(HashMap::new());
    }
    let sql = |list: String| {
        format!(
            "SELECT {parent} AS parent, COUNT(*) AS n FROM {table} WHERE {parent} IN ({list}) \
             GROUP BY {parent}",
            parent = table.parent,
            table = table.table,
        )
    };
    query_by_parents(db, parents, sql, "counting the replies of threads")
        .await?
        .iter()
        .map(|row| {
            let parent = row.try_get::<i64>("", "parent")?;
            let n = row.try_get::<i64>("", "n")?;
            Ok((parent, n.max(0) as u64))
        })
        .collect::<Result<_, sea_orm::DbErr>>()
        .map_err(|err| AppError::internal("reading reply counts", err))
}
