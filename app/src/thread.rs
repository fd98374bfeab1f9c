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

/// Puts the loaded replies under their threads, in the threads' order: `attach` receives each
/// thread's view, its replies (oldest first, as loaded) and how many more there are by
/// `totals` (the reply count per thread; `None` on a thread's own page, where all are loaded).
pub fn attach_replies<V>(
    threads: Vec<(i64, V)>,
    replies: Vec<(Option<i64>, V)>,
    totals: Option<&HashMap<i64, u64>>,
    attach: impl Fn(&mut V, Vec<V>, u64),
) -> Vec<V> {
    let mut by_parent: HashMap<i64, Vec<V>> = HashMap::new();
    for (parent, reply) in replies {
        by_parent
            .entry(parent.unwrap_or_default())
            .or_default()
            .push(reply);
    }
    threads
        .into_iter()
        .map(|(id, mut view)| {
            let replies = by_parent.remove(&id).unwrap_or_default();
            let more = totals
                .map(|t| t.get(&id).copied().unwrap_or(0))
                .map_or(0, |total| total.saturating_sub(replies.len() as u64));
            attach(&mut view, replies, more);
            view
        })
        .collect()
}

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replies_go_under_their_threads_in_order_with_the_number_not_shown() {
        let threads = vec![(1, (1, Vec::new(), 0)), (2, (2, Vec::new(), 0))];
        let replies = vec![
            (Some(2), (20, Vec::new(), 0)),
            (Some(1), (10, Vec::new(), 0)),
            (Some(2), (21, Vec::new(), 0)),
        ];
        let totals = HashMap::from([(1, 1), (2, 7)]);
        type View = (i64, Vec<i64>, u64);
        let attach = |view: &mut View, replies: Vec<View>, more: u64| {
            view.1 = replies.into_iter().map(|r| r.0).collect();
            view.2 = more;
        };
        let shown = attach_replies(threads.clone(), replies.clone(), Some(&totals), attach);
        assert_eq!(shown, [(1, vec![10], 0), (2, vec![20, 21], 5)]);
        // On a thread's own page every reply is loaded: nothing more to show.
        let all = attach_replies(threads, replies, None, attach);
        assert_eq!(all, [(1, vec![10], 0), (2, vec![20, 21], 0)]);
    }
}
