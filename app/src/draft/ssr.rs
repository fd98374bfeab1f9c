//! Working-draft and version services (server only).

use super::{
    Comparison, DraftView, Piece, PieceKind, SectionComparison, SectionStatus, TocEntry,
    VersionDetail, VersionSummary, WorkingDraft,
};
use crate::domain::access::ProcessRoles;
use crate::domain::diff::{diff_stats, section_diff, DiffKind, DiffOp, SectionChangeKind};
use crate::domain::markdown::render;
use crate::entities::{process, version, working_draft};
use crate::error::{is_unique_violation, AppError, Context};
use crate::process::ssr::head;
use chrono::Utc;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set, TransactionTrait,
};
use sha2::{Digest, Sha256};

/// Told to the second of two people who publish at the same moment.
const PUBLISH_RACE: &str = "Gerade eben wurde gleichzeitig eine andere Version veröffentlicht. \
Bitte laden Sie die Seite neu, prüfen Sie den Stand und versuchen Sie es erneut.";

/// Hex SHA-256 of a version's Markdown source.
pub fn content_hash(body: &str) -> String {
    format!("{:x}", Sha256::digest(body.as_bytes()))
}

use crate::account::ssr::display_names as names;

fn unknown() -> String {
    "Unbekannt".to_owned()
}

/// The number of the latest version of a process, if any.
async fn latest_number(
    db: &impl ConnectionTrait,
    process_id: i64,
) -> Result<Option<i32>, AppError> {
    Ok(version::Entity::find()
        .filter(version::Column::ProcessId.eq(process_id))
        .order_by_desc(version::Column::Number)
        .one(db)
        .await
        .context("loading the latest version number")?
        .map(|v| v.number))
}

/// The draft page's data.
pub async fn draft_view(
    db: &impl ConnectionTrait,
    process: process::Model,
    roles: ProcessRoles,
) -> Result<DraftView, AppError> {
    let row = working_draft::Entity::find_by_id(process.id)
        .one(db)
        .await
        .context("loading the working draft")?;
    let draft = match row {
        Some(row) => {
            let names = names(db, [row.updated_by]).await?;
            Some(WorkingDraft {
                updated_by: names.get(&row.updated_by).cloned().unwrap_or_else(unknown),
                updated_at: crate::format::date_time(row.updated_at),
                html: crate::domain::markdown::render(&row.body).html,
                body: row.body,
                edit_count: row.edit_count,
            })
        }
        None => None,
    };
    Ok(DraftView {
        latest_version: latest_number(db, process.id).await?,
        process: head(process, roles),
        draft,
    })
}

/// Creates the working draft with `body`; refused when one exists. Returns the edit count (0).
pub async fn start(
    db: &impl ConnectionTrait,
    process_id: i64,
    by: i64,
    body: &str,
) -> Result<i32, AppError> {
    let exists = || {
        AppError::Conflict(
            "Es gibt bereits einen Entwurf. Bitte laden Sie die Seite neu, um ihn zu sehen.".into(),
        )
    };
    if working_draft::Entity::find_by_id(process_id)
        .one(db)
        .await
        .context("starting the working draft")?
        .is_some()
    {
        return Err(exists());
    }
    let inserted = working_draft::ActiveModel {
        process_id: Set(process_id),
        body: Set(body.to_owned()),
        edit_count: Set(0),
        updated_by: Set(by),
        updated_at: Set(Utc::now()),
    }
    .insert(db)
    .await;
    match inserted {
        Ok(row) => Ok(row.edit_count),
        Err(err) if is_unique_violation(&err) => Err(exists()),
        Err(err) => Err(err.into()),
    }
}

/// Stores `body` only if the draft is still at `edit_count`, in one conditional UPDATE, so
/// that of two concurrent saves from the same count exactly one wins. Returns the new count.
pub async fn save(
    db: &impl ConnectionTrait,
    process_id: i64,
    by: i64,
    body: &str,
    edit_count: i32,
) -> Result<i32, AppError> {
    let result = working_draft::Entity::update_many()
        .col_expr(working_draft::Column::Body, Expr::value(body.to_owned()))
        .col_expr(
            working_draft::Column::EditCount,
            Expr::col(working_draft::Column::EditCount).add(1),
        )
        .col_expr(working_draft::Column::UpdatedBy, Expr::value(by))
        .col_expr(working_draft::Column::UpdatedAt, Expr::value(Utc::now()))
        .filter(working_draft::Column::ProcessId.eq(process_id))
        .filter(working_draft::Column::EditCount.eq(edit_count))
        .exec(db)
        .await
        .context("saving the working draft")?;
    if result.rows_affected == 1 {
        return Ok(edit_count + 1);
    }
    let current = working_draft::Entity::find_by_id(process_id)
        .one(db)
        .await
        .context("saving the working draft")?;
    match current {
        None => Err(AppError::Invalid(
            "Es gibt noch keinen Entwurf. Bitte beginnen Sie zuerst einen.".into(),
        )),
        Some(row) => {
            let names = names(db, [row.updated_by]).await?;
            let who = names.get(&row.updated_by).cloned().unwrap_or_else(unknown);
            Err(AppError::Conflict(format!(
                "Nicht gespeichert: {who} hat den Entwurf inzwischen gespeichert ({}). \
                 Ihr Text ist nicht verloren – vergleichen Sie beide Texte unten.",
                crate::format::date_time(row.updated_at)
            )))
        }
    }
}

/// Publishes the stored working draft (still at `edit_count`) as the next version number.
pub async fn publish(
    conn: &(impl ConnectionTrait + TransactionTrait),
    process_id: i64,
    by: i64,
    change_summary: &str,
    edit_count: i32,
) -> Result<i32, AppError> {
    // The version and its audit entry are committed together.
    let txn = conn.begin().await.context("publishing a version")?;
    let db = &txn;
    // Write first, so SQLite takes its write lock now rather than failing to upgrade a read
    // snapshot when someone else committed in between (see `process::ssr::change_step`).
    working_draft::Entity::update_many()
        .col_expr(
            working_draft::Column::EditCount,
            Expr::col(working_draft::Column::EditCount).into(),
        )
        .filter(working_draft::Column::ProcessId.eq(process_id))
        .exec(db)
        .await
        .context("publishing a version")?;
    let draft = working_draft::Entity::find_by_id(process_id)
        .one(db)
        .await
        .context("publishing a version")?
        .ok_or_else(|| {
            AppError::Invalid("Es gibt noch keinen Entwurf zum Veröffentlichen.".into())
        })?;
    if draft.edit_count != edit_count {
        return Err(AppError::Conflict(
            "Der Entwurf wurde inzwischen geändert. Bitte laden Sie die Seite neu, prüfen Sie \
             den aktuellen Stand und veröffentlichen Sie dann."
                .into(),
        ));
    }
    if draft.body.trim().is_empty() {
        return Err(AppError::Invalid(
            "Ein leerer Entwurf kann nicht veröffentlicht werden.".into(),
        ));
    }
    let hash = content_hash(&draft.body);
    let latest = version::Entity::find()
        .filter(version::Column::ProcessId.eq(process_id))
        .order_by_desc(version::Column::Number)
        .one(db)
        .await
        .context("publishing a version")?;
    if let Some(latest) = &latest {
        if latest.content_hash == hash {
            return Err(AppError::Invalid(format!(
                "Der Entwurf ist unverändert gegenüber Version {}. Es gibt nichts Neues zu veröffentlichen.",
                latest.number
            )));
        }
    }
    let number = latest.map_or(1, |v| v.number + 1);
    let inserted = version::ActiveModel {
        process_id: Set(process_id),
        number: Set(number),
        body_html: Set(render(&draft.body).html),
        body: Set(draft.body),
        change_summary: Set(change_summary.to_owned()),
        content_hash: Set(hash),
        published_by: Set(by),
        published_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await;
    let row = match inserted {
        Ok(row) => row,
        Err(err) if is_unique_violation(&err) => {
            return Err(AppError::Conflict(PUBLISH_RACE.into()))
        }
        Err(err) => return Err(err.into()),
    };
    crate::audit::ssr::record(
        &txn,
        Some(by),
        crate::domain::audit::AuditAction::VersionPublished,
        "version",
        Some(row.id),
        serde_json::json!({
            "process_id": process_id,
            "version_number": row.number,
            "content_hash": row.content_hash,
            "change_summary": row.change_summary,
        }),
    )
    .await?;
    crate::notification::ssr::record(
        &txn,
        Some(by),
        crate::domain::notification::Event::VersionPublished { version_id: row.id },
    )
    .await?;
    txn.commit().await.context("publishing a version")?;
    Ok(row.number)
}

/// The versions of a process, newest first.
pub async fn summaries(
    db: &impl ConnectionTrait,
    process_id: i64,
) -> Result<Vec<VersionSummary>, AppError> {
    let rows: Vec<(i32, i64, chrono::DateTime<Utc>, String)> = version::Entity::find()
        .select_only()
        .column(version::Column::Number)
        .column(version::Column::PublishedBy)
        .column(version::Column::PublishedAt)
        .column(version::Column::ChangeSummary)
        .filter(version::Column::ProcessId.eq(process_id))
        .order_by_desc(version::Column::Number)
        .into_tuple()
        .all(db)
        .await
        .context("loading the version list")?;
    let names = names(db, rows.iter().map(|r| r.1)).await?;
    Ok(rows
        .into_iter()
        .map(|(number, by, at, summary)| VersionSummary {
            number,
            published_at: crate::format::date_time(at),
            published_by: names.get(&by).cloned().unwrap_or_else(unknown),
            change_summary: summary,
        })
        .collect())
}

async fn find_version(
    db: &impl ConnectionTrait,
    process_id: i64,
    number: i32,
) -> Result<version::Model, AppError> {
    version::Entity::find()
        .filter(version::Column::ProcessId.eq(process_id))
        .filter(version::Column::Number.eq(number))
        .one(db)
        .await
        .context("loading a version")?
        .ok_or(AppError::NotFound)
}

/// One version with its table of contents.
pub async fn version_detail(
    db: &impl ConnectionTrait,
    process: process::Model,
    roles: ProcessRoles,
    number: i32,
) -> Result<VersionDetail, AppError> {
    let row = find_version(db, process.id, number).await?;
    let names = names(db, [row.published_by]).await?;
    // Rendering is deterministic, so the anchors match the ids in the stored HTML.
    let toc = render(&row.body)
        .sections
        .into_iter()
        .map(|s| TocEntry {
            anchor: s.anchor,
            level: s.level,
            title: s.title,
        })
        .collect();
    Ok(VersionDetail {
        latest: latest_number(db, process.id).await?.unwrap_or(row.number),
        process: head(process, roles),
        number: row.number,
        published_by: names
            .get(&row.published_by)
            .cloned()
            .unwrap_or_else(unknown),
        published_at: crate::format::date_time(row.published_at),
        body: row.body,
        body_html: row.body_html,
        change_summary: row.change_summary,
        content_hash: row.content_hash,
        toc,
    })
}

fn piece(op: DiffOp) -> Piece {
    Piece {
        kind: match op.kind {
            DiffKind::Equal => PieceKind::Equal,
            DiffKind::Insert => PieceKind::Insert,
            DiffKind::Delete => PieceKind::Delete,
        },
        text: op.text,
    }
}

/// Compares two versions for `viewer_id`; without numbers the latest with the one before.
pub async fn compare(
    db: &impl ConnectionTrait,
    process: process::Model,
    roles: ProcessRoles,
    viewer_id: i64,
    from: Option<i32>,
    to: Option<i32>,
) -> Result<Comparison, AppError> {
    let versions = summaries(db, process.id).await?;
    let latest = versions.first().map(|v| v.number);
    let to = to.or(latest);
    let from = from.or_else(|| to.map(|t| t - 1).filter(|n| *n >= 1));
    let (Some(from), Some(to)) = (from, to) else {
        return Ok(Comparison {
            process: head(process, roles),
            versions,
            from: None,
            to: None,
            sections: Vec::new(),
            inserted_words: 0,
            deleted_words: 0,
        });
    };
    let old = find_version(db, process.id, from).await?;
    let new = find_version(db, process.id, to).await?;
    let mut linked =
        crate::disposition::ssr::linked_by_section(db, roles, viewer_id, new.id).await?;
    let sections: Vec<SectionComparison> = section_diff(&old.body, &new.body)
        .into_iter()
        .map(|change| {
            let (status, ops) = match change.kind {
                SectionChangeKind::Added(md) => (
                    SectionStatus::Added,
                    vec![DiffOp::new(DiffKind::Insert, md)],
                ),
                SectionChangeKind::Removed(md) => (
                    SectionStatus::Removed,
                    vec![DiffOp::new(DiffKind::Delete, md)],
                ),
                SectionChangeKind::Changed(ops) => (SectionStatus::Changed, ops),
                SectionChangeKind::Unchanged => (SectionStatus::Unchanged, Vec::new()),
            };
            let (inserted_words, deleted_words) = diff_stats(&ops);
            SectionComparison {
                comments: linked.remove(&change.anchor).unwrap_or_default(),
                anchor: change.anchor,
                title: change.title,
                old_title: change.old_title,
                status,
                pieces: ops.into_iter().map(piece).collect(),
                inserted_words,
                deleted_words,
            }
        })
        .collect();
    Ok(Comparison {
        process: head(process, roles),
        versions,
        from: Some(from),
        to: Some(to),
        inserted_words: sections.iter().map(|s| s.inserted_words).sum(),
        deleted_words: sections.iter().map(|s| s.deleted_words).sum(),
        sections,
    })
}

#[cfg(test)]
mod tests {
    use super::content_hash;

    #[test]
    fn the_content_hash_is_hex_sha256_of_the_markdown() {
        assert_eq!(
            content_hash("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
