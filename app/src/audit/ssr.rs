//! Audit log services (server only): appending an entry inside the transaction of the change,
//! verifying the whole chain in batches, and listing entries for the audit page.

use super::{
    AuditFilter, AuditPage, AuditRow, BrokenEntry, DetailItem, VerifyReport, AUDIT_PAGE_SIZE,
};
use crate::domain::audit::{
    append_after, verify_segment, AuditAction, AuditEntry, ChainHead, NewAuditEntry, GENESIS_HASH,
};
use crate::domain::round::from_berlin_local;
use crate::entities::{audit_head, audit_log};
use crate::error::AppError;
use crate::format::date_time;
use chrono::{Days, NaiveDate, NaiveTime, Utc};
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
        .await?;
    if bumped.rows_affected != 1 {
        tracing::error!("the audit_head row is missing");
        return Err(AppError::Internal);
    }
    let head = audit_head::Entity::find_by_id(HEAD_ID)
        .one(conn)
        .await?
        .ok_or(AppError::Internal)?;
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
    .await?;
    audit_head::Entity::update_many()
        .col_expr(audit_head::Column::Hash, Expr::value(entry.hash))
        .filter(audit_head::Column::Id.eq(HEAD_ID))
        .exec(conn)
        .await?;
    Ok(())
}

/// Verifies the whole chain, [`VERIFY_BATCH`] entries at a time, up to the head recorded in
/// `audit_head` (read first, so entries appended meanwhile do not disturb the check), and then
/// that the last entry is that head (which catches the newest entries being deleted).
pub async fn verify(db: &DatabaseConnection) -> Result<VerifyReport, AppError> {
    let stored = audit_head::Entity::find_by_id(HEAD_ID)
        .one(db)
        .await?
        .ok_or_else(|| {
            tracing::error!("the audit_head row is missing");
            AppError::Internal
        })?;
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
            .await?
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

/// German name of an object type, for the table.
pub fn object_type_label(object_type: &str) -> &str {
    match object_type {
        "process" => "Prozess",
        "version" => "Version",
        "round" => "Diskursrunde",
        "comment" => "Kommentar",
        "proposal" => "Vorschlag zur Verabschiedung",
        "decision" => "Entscheidung",
        "body" => "Gremium",
        "user" => "Konto",
        "review" => "Überprüfung",
        "team" => "Team",
        "dialogue_post" => "Erfahrungsbericht",
        "import" => "Import einer Mitarbeitendenliste",
        other => other,
    }
}

/// German name of a details key; unknown keys are shown as stored.
fn detail_label(key: &str) -> &str {
    match key {
        "process_id" => "Prozess",
        "from" | "from_step" => "von",
        "to" | "to_step" => "nach",
        "reason" => "Begründung",
        "version_id" => "Version (Id)",
        "version_number" | "number" => "Versionsnummer",
        "content_hash" => "Inhalts-Hash",
        "round_id" => "Diskursrunde",
        "comment_id" => "Kommentar",
        "comment_ids" => "Kommentare",
        "disposition" | "outcome" => "Rückmeldung",
        "previous" => "vorher",
        "deadline" => "Frist",
        "starts_at" => "Beginn",
        "audience" => "Zielgruppe",
        "body_id" => "Gremium",
        "body" => "Gremium",
        "decision" => "Entscheidung",
        "meeting_date" => "Sitzungsdatum",
        "minutes_ref" => "Protokoll",
        "proposal_id" => "Vorschlag",
        "user_id" => "Konto",
        "role" => "Rolle",
        "perspective" => "Perspektive",
        "count" => "Anzahl",
        "new_account" => "neues Konto",
        "via" => "ausgelöst durch",
        "title" => "Titel",
        "revision" => "Überarbeitung",
        "comments" => "Kommentare",
        "change_summary" => "Änderungen",
        "conditions" => "Auflagen/Begründung",
        "supersedes" => "ersetzt Entscheidung",
        "next_review" => "nächste Überprüfung",
        "email" => "E-Mail",
        "name" => "Name",
        "trigger" => "Anlass",
        "issuer" => "Anmeldedienst",
        "created" => "angelegt",
        "changed" => "geändert",
        "unchanged" => "unverändert",
        "invalid" => "ungültig",
        "deactivated" => "deaktiviert",
        "texts" => "Texte",
        "contributions" => "Beiträge",
        "dialogue_posts" => "Erfahrungsberichte",
        other => other,
    }
}

/// A JSON value as plain text (strings without quotes, lists comma-separated, yes/no).
fn plain(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::Null => "–".to_owned(),
        serde_json::Value::Bool(true) => "ja".to_owned(),
        serde_json::Value::Bool(false) => "nein".to_owned(),
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Array(items) => items.iter().map(plain).collect::<Vec<_>>().join(", "),
        other => other.to_string(),
    }
}

/// The German label of a stored value (step, role, disposition, decision, perspective);
/// anything else as it is.
fn value_label(key: &str, value: &serde_json::Value) -> String {
    use crate::domain::{
        account::Role, disposition::Disposition, group::Perspective, process::Step,
    };
    let text = value.as_str().unwrap_or_default();
    let label = match key {
        "from" | "to" => Step::parse(text).ok().map(|s| s.label_de().to_owned()),
        "role" => match text {
            "project_group" => Some("Projektgruppe".to_owned()),
            "body_member" => Some("Mitglied eines Gremiums".to_owned()),
            other => Role::parse(other).ok().map(|r| r.label_de().to_owned()),
        },
        "disposition" => Disposition::parse(text)
            .ok()
            .map(|d| d.label_de().to_owned()),
        "perspective" | "previous" => Perspective::parse(text)
            .ok()
            .map(|p| p.label_de().to_owned()),
        "decision" => match text {
            "approved" => Some("zugestimmt".to_owned()),
            "approved_with_conditions" => Some("mit Auflagen zugestimmt".to_owned()),
            "rejected" => Some("abgelehnt".to_owned()),
            _ => None,
        },
        _ => None,
    };
    label.unwrap_or_else(|| plain(value))
}

/// The details text as label/value pairs; text that is not a JSON object is shown as it is.
pub fn readable_details(details: &str) -> Vec<DetailItem> {
    match serde_json::from_str::<serde_json::Value>(details) {
        Ok(serde_json::Value::Object(map)) => map
            .iter()
            .map(|(k, v)| DetailItem {
                label: detail_label(k).to_owned(),
                value: value_label(k, v),
            })
            .collect(),
        _ => vec![DetailItem {
            label: String::new(),
            value: details.to_owned(),
        }],
    }
}

/// Start and end (exclusive) of a Berlin calendar-day range, as UTC instants.
fn day_start(date: &str) -> Result<Option<chrono::DateTime<Utc>>, AppError> {
    let date = date.trim();
    if date.is_empty() {
        return Ok(None);
    }
    let day = NaiveDate::parse_from_str(date, "%Y-%m-%d").map_err(|_| {
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
        let day = NaiveDate::parse_from_str(to, "%Y-%m-%d").map_err(|_| {
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
    let total = paginator.num_items().await?;
    let pages = total.div_ceil(AUDIT_PAGE_SIZE).max(1);
    let page = filter.page.clamp(1, pages);
    let rows = paginator.fetch_page(page - 1).await?;

    let actor_ids: Vec<i64> = audit_log::Entity::find()
        .select_only()
        .column(audit_log::Column::ActorId)
        .distinct()
        .filter(audit_log::Column::ActorId.is_not_null())
        .into_tuple::<Option<i64>>()
        .all(db)
        .await?
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
        .await?;

    // Accounts named in this page's entries: shown with their current name (for a deleted
    // person "ehemalige:r Mitarbeiter:in"). Entries written before names were kept out of the
    // hashed details may hold a name and e-mail; for deleted people these are not shown.
    let user_ids: Vec<i64> = rows
        .iter()
        .filter(|r| r.object_type == "user")
        .filter_map(|r| r.object_id)
        .collect();
    let accounts: std::collections::HashMap<i64, (String, bool)> = if user_ids.is_empty() {
        Default::default()
    } else {
        crate::entities::user::Entity::find()
            .filter(crate::entities::user::Column::Id.is_in(user_ids))
            .all(db)
            .await?
            .into_iter()
            .map(|u| (u.id, (u.display_name, u.deleted_at.is_some())))
            .collect()
    };
    let rows = rows
        .into_iter()
        .map(|row| {
            let action = AuditAction::parse(&row.action);
            let account = (row.object_type == "user")
                .then(|| row.object_id.and_then(|id| accounts.get(&id)))
                .flatten();
            let mut details = readable_details(&row.details);
            if account.is_some_and(|(_, deleted)| *deleted) {
                for item in &mut details {
                    if item.label == detail_label("email") || item.label == detail_label("name") {
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
                object: match (row.object_id, account) {
                    (Some(id), Some((name, _))) => {
                        format!("{} {id} ({name})", object_type_label(&row.object_type))
                    }
                    (Some(id), None) => format!("{} {id}", object_type_label(&row.object_type)),
                    (None, _) => object_type_label(&row.object_type).to_owned(),
                },
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn details_are_shown_with_german_labels_and_plain_values() {
        let items = readable_details(r#"{"reason":"Fehler <b>","comment_ids":[1,2]}"#);
        assert_eq!(
            items,
            vec![
                DetailItem {
                    label: "Kommentare".into(),
                    value: "1, 2".into()
                },
                DetailItem {
                    label: "Begründung".into(),
                    value: "Fehler <b>".into()
                },
            ]
        );
    }

    #[test]
    fn stored_values_are_shown_with_their_german_labels() {
        let items = readable_details(
            r#"{"from":"collect","new_account":true,"role":"project_group","to":"draft"}"#,
        );
        let values: Vec<&str> = items.iter().map(|i| i.value.as_str()).collect();
        assert_eq!(values[1], "ja");
        assert_eq!(values[2], "Projektgruppe");
        assert_ne!(values[0], "collect");
        assert_ne!(values[3], "draft");
    }

    #[test]
    fn details_that_are_not_an_object_are_shown_unchanged() {
        assert_eq!(readable_details("kaputt")[0].value, "kaputt");
    }
}
