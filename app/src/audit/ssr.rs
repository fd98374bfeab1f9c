//! Audit log services (server only): appending an entry inside the transaction of the change,
//! verifying the whole chain in batches, and listing entries for the audit page.

use super::{AuditFilter, AuditPage, AuditRow, BrokenEntry, VerifyReport, AUDIT_PAGE_SIZE};
use crate::domain::audit::{
    append_after, verify_segment, AuditAction, AuditEntry, ChainHead, NewAuditEntry, GENESIS_HASH,
};
use crate::domain::round::from_berlin_local;
use crate::entities::{audit_head, audit_log};
use crate::error::{AppError, Context};
use crate::format::date_time;
use chrono::{Days, NaiveTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, Set,
};

/// Entries read per query when verifying, so a log of millions of entries needs little memory.
pub const VERIFY_BATCH: u64 = 1_000;

/// The id of the one `audit_head` row.
const HEAD_ID: i64 = 1;

/// Appends an entry to the audit log. Call it with the open transaction of the change it
/// records, so the entry is committed or rolled back together with the change.
///
/// The head row is updated *before* it is read: on SQLite that write takes the database's write
/// lock at once (a deferred transaction that had only read could otherwise not upgrade), on
/// PostgreSQL it locks the row until commit. Concurrent appends therefore take turns, and each
/// gets the next `seq` without gaps.
pub async fn record<C: ConnectionTrait>(
    conn: &C,
    actor_id: Option<i64>,
    action: AuditAction,
    object_type: &str,
    object_id: Option<i64>,
    details: serde_json::Value,
) -> Result<(), AppError> {
    let bumped = audit_head::Entity::update_many()
        .col_expr(
            audit_head::Column::Seq,
            Expr::col(audit_head::Column::Seq).add(1),
        )
        .filter(audit_head::Column::Id.eq(HEAD_ID))
        .exec(conn)
        .await
        .context("appending to the audit log")?;
    if bumped.rows_affected != 1 {
        return Err(AppError::internal(
            "appending to the audit log",
            "the audit_head row is missing",
        ));
    }
    let head = audit_head::Entity::find_by_id(HEAD_ID)
        .one(conn)
        .await
        .context("appending to the audit log: reading the head")?
        .context("appending to the audit log: the audit_head row vanished after its update")?;
    let previous = ChainHead {
        seq: head.seq - 1,
        hash: head.hash,
    };
    let entry = append_after(
        &previous,
        NewAuditEntry {
            at: Utc::now(),
            actor_id,
            action,
            object_type: object_type.to_owned(),
            object_id,
            details,
        },
    );
    audit_log::Entity::insert(audit_log::ActiveModel {
        seq: Set(entry.seq),
        at: Set(entry.at),
        actor_id: Set(entry.actor_id),
        action: Set(entry.action.clone()),
        object_type: Set(entry.object_type.clone()),
        object_id: Set(entry.object_id),
        details: Set(entry.details.clone()),
        prev_hash: Set(entry.prev_hash.clone()),
        hash: Set(entry.hash.clone()),
        ..Default::default()
    })
    .exec_without_returning(conn)
    .await
    .context("appending to the audit log")?;
    audit_head::Entity::update_many()
        .col_expr(audit_head::Column::Hash, Expr::value(entry.hash))
        .filter(audit_head::Column::Id.eq(HEAD_ID))
        .exec(conn)
        .await
        .context("appending to the audit log")?;
    Ok(())
}

/// Verifies the whole chain, [`VERIFY_BATCH`] entries at a time, up to the head recorded in
/// `audit_head` (read first, so entries appended meanwhile do not disturb the check), and then
/// that the last entry is that head (which catches the newest entries being deleted).
pub async fn verify(db: &DatabaseConnection) -> Result<VerifyReport, AppError> {
    let stored = audit_head::Entity::find_by_id(HEAD_ID)
        .one(db)
        .await
        .context("verifying the audit log: reading the head")?
        .context("verifying the audit log: the audit_head row is missing")?;
    let mut head: Option<ChainHead> = None;
    let mut checked: i64 = 0;
    loop {
        let after = head.as_ref().map_or(0, |h| h.seq);
        let batch: Vec<AuditEntry> = audit_log::Entity::find()
            .filter(audit_log::Column::Seq.gt(after))
            .filter(audit_log::Column::Seq.lte(stored.seq))
            .order_by_asc(audit_log::Column::Seq)
            .limit(VERIFY_BATCH)
            .all(db)
            .await
            .context("verifying the audit log")?
            .into_iter()
            .map(AuditEntry::from)
            .collect();
        if batch.is_empty() {
            break;
        }
        let len = batch.len() as i64;
        match verify_segment(head.as_ref(), &batch) {
            Ok(next) => {
                head = next;
                checked += len;
            }
            Err(err) => {
                return Ok(VerifyReport {
                    checked: checked + batch.iter().take_while(|e| e.seq != err.seq).count() as i64,
                    head,
                    broken: Some(BrokenEntry {
                        seq: err.seq,
                        message: err.to_string(),
                    }),
                });
            }
        }
    }
    let last_seq = head.as_ref().map_or(0, |h| h.seq);
    let last_hash = head
        .as_ref()
        .map_or(GENESIS_HASH, |h| h.hash.as_str())
        .to_owned();
    let broken = if last_seq != stored.seq {
        Some(BrokenEntry {
            seq: last_seq + 1,
            message: format!(
                "Das Audit-Protokoll ist ab Eintrag {} nicht mehr intakt: Die Einträge {} bis {} fehlen.",
                last_seq + 1,
                last_seq + 1,
                stored.seq
            ),
        })
    } else if last_hash != stored.hash {
        Some(BrokenEntry {
            seq: last_seq,
            message: format!(
                "Das Audit-Protokoll ist ab Eintrag {last_seq} nicht mehr intakt: Der gespeicherte Stand der Kette passt nicht zum letzten Eintrag."
            ),
        })
    } else {
        None
    };
    Ok(VerifyReport {
        checked,
        head,
        broken,
    })
}

pub use super::details::{object_type_label, readable_details};

/// Start and end (exclusive) of a Berlin calendar-day range, as UTC instants.
fn day_start(date: &str) -> Result<Option<chrono::DateTime<Utc>>, AppError> {
    let date = date.trim();
    if date.is_empty() {
        return Ok(None);
    }
    let day = crate::domain::german::parse_date(date).ok_or_else(|| {
        AppError::Invalid("Bitte geben Sie ein Datum im Format TT.MM.JJJJ an.".to_owned())
    })?;
    from_berlin_local(day.and_time(NaiveTime::MIN))
        .map(Some)
        .map_err(AppError::invalid)
}

/// One page of entries matching `filter`, newest first, with the names of the actors.
pub async fn list(db: &DatabaseConnection, filter: &AuditFilter) -> Result<AuditPage, AppError> {
    let mut cond = Condition::all();
    if let Some(action) = filter.action.as_deref().filter(|a| !a.is_empty()) {
        cond = cond.add(audit_log::Column::Action.eq(action));
    }
    if let Some(actor) = filter.actor {
        cond = cond.add(audit_log::Column::ActorId.eq(actor));
    }
    if let Some(object_type) = filter.object_type.as_deref().filter(|t| !t.is_empty()) {
        cond = cond.add(audit_log::Column::ObjectType.eq(object_type));
    }
    if let Some(object_id) = filter.object_id {
        cond = cond.add(audit_log::Column::ObjectId.eq(object_id));
    }
    let from = day_start(filter.from.as_deref().unwrap_or_default())?;
    if let Some(from) = from {
        cond = cond.add(audit_log::Column::At.gte(from));
    }
    if let Some(to) = filter
        .to
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
    {
        let day = crate::domain::german::parse_date(to).ok_or_else(|| {
            AppError::Invalid("Bitte geben Sie ein Datum im Format TT.MM.JJJJ an.".to_owned())
        })?;
        let next = day.checked_add_days(Days::new(1)).ok_or_else(|| {
            AppError::Invalid("Das Datum liegt außerhalb des gültigen Bereichs.".to_owned())
        })?;
        let end = from_berlin_local(next.and_time(NaiveTime::MIN)).map_err(AppError::invalid)?;
        if from.is_some_and(|f| f >= end) {
            return Err(AppError::Invalid(
                "Das Enddatum liegt vor dem Anfangsdatum.".to_owned(),
            ));
        }
        cond = cond.add(audit_log::Column::At.lt(end));
    }
    let paginator = audit_log::Entity::find()
        .filter(cond)
        .order_by_desc(audit_log::Column::Seq)
        .paginate(db, AUDIT_PAGE_SIZE);
    let total = paginator
        .num_items()
        .await
        .context("listing audit entries")?;
    let pages = total.div_ceil(AUDIT_PAGE_SIZE).max(1);
    let page = filter.page.clamp(1, pages);
    let rows = paginator
        .fetch_page(page - 1)
        .await
        .context("listing audit entries")?;

    let actor_ids: Vec<i64> = audit_log::Entity::find()
        .select_only()
        .column(audit_log::Column::ActorId)
        .distinct()
        .filter(audit_log::Column::ActorId.is_not_null())
        .into_tuple::<Option<i64>>()
        .all(db)
        .await
        .context("listing audit entries")?
        .into_iter()
        .flatten()
        .collect();
    let names = crate::account::ssr::display_names(db, actor_ids.iter().copied()).await?;
    let mut actors: Vec<(i64, String)> = names.iter().map(|(id, n)| (*id, n.clone())).collect();
    actors.sort_by(|a, b| a.1.cmp(&b.1).then(a.0.cmp(&b.0)));

    let object_types: Vec<String> = audit_log::Entity::find()
        .select_only()
        .column(audit_log::Column::ObjectType)
        .distinct()
        .order_by_asc(audit_log::Column::ObjectType)
        .into_tuple::<String>()
        .all(db)
        .await
        .context("listing audit entries")?;

    let lookup = lookup(db, &rows, &names).await?;
    // Entries written before names were kept out of the hashed details may hold a deleted
    // person's name and e-mail: these are not shown (the entry itself stays as written).
    let user_ids: Vec<i64> = rows
        .iter()
        .filter(|r| r.object_type == "user")
        .filter_map(|r| r.object_id)
        .collect();
    let deleted: std::collections::HashSet<i64> = if user_ids.is_empty() {
        Default::default()
    } else {
        crate::entities::user::Entity::find()
            .filter(crate::entities::user::Column::Id.is_in(user_ids))
            .filter(crate::entities::user::Column::DeletedAt.is_not_null())
            .all(db)
            .await
            .context("listing audit entries")?
            .into_iter()
            .map(|u| u.id)
            .collect()
    };
    let rows = rows
        .into_iter()
        .map(|row| {
            let action = AuditAction::parse(&row.action);
            let (object, object_href) = lookup.object(&row.object_type, row.object_id);
            let mut details = readable_details(&row.details, &lookup);
            if row.object_type == "user" && row.object_id.is_some_and(|id| deleted.contains(&id)) {
                for item in &mut details {
                    if item.label == "E-Mail" || item.label == "Name" {
                        item.value = "[gelöscht]".to_owned();
                    }
                }
            }
            AuditRow {
                seq: row.seq,
                at: date_time(row.at),
                actor: match row.actor_id {
                    Some(id) => names
                        .get(&id)
                        .cloned()
                        .unwrap_or_else(|| format!("Konto {id}")),
                    None => "System".to_owned(),
                },
                action_label: action
                    .map_or_else(|| row.action.clone(), |a| a.label_de().to_owned()),
                action: row.action,
                object,
                object_href,
                details,
                hash: row.hash,
            }
        })
        .collect();
    Ok(AuditPage {
        rows,
        total,
        page,
        pages,
        actors,
        object_types: object_types
            .into_iter()
            .map(|t| {
                let label = object_type_label(&t).to_owned();
                (t, label)
            })
            .collect(),
    })
}

/// Loads what the entries of one page refer to: process titles, the processes of rounds,
/// versions and comments, and account names, a few queries per page.
async fn lookup(
    db: &DatabaseConnection,
    rows: &[audit_log::Model],
    actors: &std::collections::HashMap<i64, String>,
) -> Result<super::details::Lookup, AppError> {
    use crate::entities::{
        adoption_decision, adoption_proposal, comment, dialogue_post, process, review, round,
        version,
    };
    let mut wanted = super::details::Referenced::default();
    let mut proposals = Vec::new();
    let mut decisions = Vec::new();
    let mut reviews = Vec::new();
    let mut posts = Vec::new();
    for row in rows {
        wanted.add(&row.object_type, row.object_id, &row.details);
        match (row.object_type.as_str(), row.object_id) {
            ("proposal", Some(id)) => proposals.push(id),
            ("decision", Some(id)) => decisions.push(id),
            ("review", Some(id)) => reviews.push(id),
            ("dialogue_post", Some(id)) => posts.push(id),
            _ => {}
        }
    }
    let mut out = super::details::Lookup::default();
    for c in comment::Entity::find()
        .filter(comment::Column::Id.is_in(wanted.comments.clone()))
        .all(db)
        .await
        .context("loading what audit entries refer to")?
    {
        wanted.rounds.push(c.round_id);
        out.comments.insert(c.id, (0, c.round_id, c.block_id));
    }
    for r in round::Entity::find()
        .filter(round::Column::Id.is_in(wanted.rounds.clone()))
        .all(db)
        .await
        .context("loading what audit entries refer to")?
    {
        wanted.processes.push(r.process_id);
        out.rounds.insert(r.id, r.process_id);
    }
    for c in out.comments.values_mut() {
        c.0 = out.rounds.get(&c.1).copied().unwrap_or_default();
    }
    out.comments.retain(|_, c| c.0 != 0);
    let versions: Vec<(i64, i64, i32)> = version::Entity::find()
        .select_only()
        .column(version::Column::Id)
        .column(version::Column::ProcessId)
        .column(version::Column::Number)
        .filter(version::Column::Id.is_in(wanted.versions.clone()))
        .into_tuple()
        .all(db)
        .await
        .context("loading what audit entries refer to")?;
    for (id, process_id, number) in versions {
        out.versions.insert(id, (process_id, number));
    }
    for p in adoption_proposal::Entity::find()
        .filter(adoption_proposal::Column::Id.is_in(proposals))
        .all(db)
        .await
        .context("loading what audit entries refer to")?
    {
        out.proposals.insert(p.id, p.process_id);
    }
    for d in adoption_decision::Entity::find()
        .filter(adoption_decision::Column::Id.is_in(decisions))
        .all(db)
        .await
        .context("loading what audit entries refer to")?
    {
        if let Some(p) = adoption_proposal::Entity::find_by_id(d.proposal_id)
            .one(db)
            .await
            .context("loading what audit entries refer to")?
        {
            out.decisions.insert(d.id, p.process_id);
        }
    }
    for r in review::Entity::find()
        .filter(review::Column::Id.is_in(reviews))
        .all(db)
        .await
        .context("loading what audit entries refer to")?
    {
        out.reviews.insert(r.id, r.process_id);
    }
    for p in dialogue_post::Entity::find()
        .filter(dialogue_post::Column::Id.is_in(posts))
        .all(db)
        .await
        .context("loading what audit entries refer to")?
    {
        out.posts.insert(p.id, p.process_id);
    }
    let titles: Vec<(i64, String)> = process::Entity::find()
        .select_only()
        .column(process::Column::Id)
        .column(process::Column::Title)
        .filter(process::Column::Id.is_in(wanted.processes.clone()))
        .into_tuple()
        .all(db)
        .await
        .context("loading what audit entries refer to")?;
    out.processes = titles.into_iter().collect();
    let missing: Vec<i64> = wanted
        .users
        .iter()
        .copied()
        .filter(|id| !actors.contains_key(id))
        .collect();
    out.users = actors.clone();
    out.users
        .extend(crate::account::ssr::display_names(db, missing).await?);
    Ok(out)
}
