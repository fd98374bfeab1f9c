//! Staff import services (server only): storing an upload, the preview, applying it in one
//! transaction, and the invitations of the accounts it created.

use super::{ImportOutcome, ImportView, PreviewList, PreviewRow, PREVIEW_PAGE_SIZE};
use crate::domain::account::Role;
use crate::domain::audit::AuditAction;
use crate::domain::staff_import::{
    parse_file, plan, spreadsheet_safe, ExistingAccount, ImportPlan, ParsedFile,
};
use crate::entities::staff_import::{self, ImportStatus};
use crate::entities::{invitation, user, user_role};
use crate::error::{AppError, Context};
use crate::format::date_time;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QuerySelect, Set, TransactionTrait,
};

/// Rows per `INSERT` (SQLite allows 32,766 bound values; a user row binds eight).
const CHUNK: usize = 1_000;

/// Reads and stores an uploaded file as a preview; returns the import's id. A file that cannot
/// be read at all is refused with a German message and nothing is stored.
pub async fn store_upload(
    db: &DatabaseConnection,
    by: i64,
    file_name: &str,
    bytes: &[u8],
    now: DateTime<Utc>,
) -> Result<i64, AppError> {
    let parsed = parse_file(bytes).map_err(AppError::invalid)?;
    let rows = serde_json::to_string(&parsed)
        .map_err(|err| AppError::internal("encoding the parsed staff list", err))?;
    let name: String = file_name
        .chars()
        .filter(|c| !c.is_control())
        .take(200)
        .collect();
    let stored = staff_import::ActiveModel {
        created_by: Set(by),
        created_at: Set(now),
        file_name: Set(if name.trim().is_empty() {
            "Mitarbeitendenliste.csv".to_owned()
        } else {
            name
        }),
        status: Set(ImportStatus::Previewed),
        rows: Set(Some(rows)),
        result: Set(None),
        applied_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await
    .context("storing a staff import upload")?;
    Ok(stored.id)
}

/// Every account that is not deleted, as the plan compares them (one query for the accounts,
/// one for the coordinators).
async fn existing_accounts(db: &impl ConnectionTrait) -> Result<Vec<ExistingAccount>, AppError> {
    let accounts: Vec<(i64, String, String, Option<String>, bool)> = user::Entity::find()
        .select_only()
        .columns([
            user::Column::Id,
            user::Column::DisplayName,
            user::Column::Email,
            user::Column::Team,
            user::Column::Active,
        ])
        .filter(user::Column::DeletedAt.is_null())
        .into_tuple()
        .all(db)
        .await
        .context("loading existing accounts for an import")?;
    let coordinators: std::collections::HashSet<i64> = user_role::Entity::find()
        .select_only()
        .column(user_role::Column::UserId)
        .filter(user_role::Column::Role.eq(Role::Coordinator))
        .into_tuple::<i64>()
        .all(db)
        .await
        .context("loading existing accounts for an import")?
        .into_iter()
        .collect();
    Ok(accounts
        .into_iter()
        .map(|(id, name, email, team, active)| ExistingAccount {
            coordinator: coordinators.contains(&id),
            id,
            name,
            email,
            team,
            active,
        })
        .collect())
}

async fn find(db: &impl ConnectionTrait, import_id: i64) -> Result<staff_import::Model, AppError> {
    staff_import::Entity::find_by_id(import_id)
        .one(db)
        .await
        .context("loading a staff import")?
        .ok_or(AppError::NotFound)
}

fn parsed(import: &staff_import::Model) -> Result<ParsedFile, AppError> {
    let rows = import.rows.as_deref().ok_or(AppError::NotFound)?;
    serde_json::from_str(rows).map_err(|err| AppError::internal("reading a stored staff list", err))
}

fn outcome(import: &staff_import::Model) -> Result<Option<ImportOutcome>, AppError> {
    import
        .result
        .as_deref()
        .map(|r| {
            serde_json::from_str(r)
                .map_err(|err| AppError::internal("reading an import's result", err))
        })
        .transpose()
}

fn team_text(team: &Option<String>) -> String {
    team.clone().unwrap_or_else(|| "–".to_owned())
}

fn change_text(before: &str, after: &str) -> String {
    if before == after {
        after.to_owned()
    } else {
        format!("{before} → {after}")
    }
}

/// The rows of one list of a plan, for one page.
fn list_rows(plan: &ImportPlan, list: PreviewList, page: u64) -> Vec<PreviewRow> {
    let skip = ((page - 1) * PREVIEW_PAGE_SIZE) as usize;
    let take = PREVIEW_PAGE_SIZE as usize;
    match list {
        PreviewList::New => plan
            .new
            .iter()
            .skip(skip)
            .take(take)
            .map(|r| PreviewRow {
                line: Some(r.line),
                name: r.name.clone(),
                email: r.email.clone(),
                team: team_text(&r.team),
                note: if r.coordinator {
                    Role::Coordinator.label_de().to_owned()
                } else {
                    String::new()
                },
            })
            .collect(),
        PreviewList::Changed => plan
            .changed
            .iter()
            .skip(skip)
            .take(take)
            .map(|c| PreviewRow {
                line: Some(c.line),
                name: change_text(&c.name.0, &c.name.1),
                email: c.email.clone(),
                team: change_text(&team_text(&c.team.0), &team_text(&c.team.1)),
                note: if c.grant_coordinator {
                    format!("+ {}", Role::Coordinator.label_de())
                } else {
                    String::new()
                },
            })
            .collect(),
        PreviewList::Unchanged => plan
            .unchanged
            .iter()
            .skip(skip)
            .take(take)
            .map(|(line, _)| PreviewRow {
                line: Some(*line),
                name: String::new(),
                email: String::new(),
                team: String::new(),
                note: String::new(),
            })
            .collect(),
        PreviewList::Deactivated => plan
            .deactivated
            .iter()
            .skip(skip)
            .take(take)
            .map(|(line, email)| PreviewRow {
                line: Some(*line),
                name: String::new(),
                email: email.clone(),
                team: String::new(),
                note: "Konto ist deaktiviert und bleibt es.".to_owned(),
            })
            .collect(),
        PreviewList::Invalid => plan
            .invalid
            .iter()
            .skip(skip)
            .take(take)
            .map(|r| PreviewRow {
                line: Some(r.line),
                name: r.name.clone(),
                email: r.email.clone(),
                team: String::new(),
                note: r.reason.clone(),
            })
            .collect(),
        PreviewList::Missing => plan
            .missing
            .iter()
            .skip(skip)
            .take(take)
            .map(|m| PreviewRow {
                line: None,
                name: m.name.clone(),
                email: m.email.clone(),
                team: team_text(&m.team),
                note: String::new(),
            })
            .collect(),
    }
}

/// The page of an import: its preview (computed now against the current accounts) or, once
/// applied, what it did. Without a chosen list: the invalid rows if any, else the new ones.
pub async fn view(
    db: &DatabaseConnection,
    import_id: i64,
    list: Option<PreviewList>,
    page: u64,
) -> Result<ImportView, AppError> {
    let import = find(db, import_id).await?;
    let base = ImportView {
        id: import.id,
        file_name: import.file_name.clone(),
        uploaded_at: date_time(import.created_at),
        encoding: String::new(),
        outcome: None,
        counts: Default::default(),
        fingerprint: String::new(),
        list: list.unwrap_or(PreviewList::New),
        rows: Vec::new(),
        page: 1,
        pages: 1,
        invitation_links: true,
    };
    if import.status == ImportStatus::Applied {
        return Ok(ImportView {
            outcome: outcome(&import)?,
            ..base
        });
    }
    let file = parsed(&import)?;
    let importer = import.created_by;
    let plan = plan(&file, &existing_accounts(db).await?, importer);
    let counts = plan.counts();
    let list = list.unwrap_or(if counts.invalid > 0 {
        PreviewList::Invalid
    } else {
        PreviewList::New
    });
    let pages = (list.count(&counts) as u64)
        .div_ceil(PREVIEW_PAGE_SIZE)
        .max(1);
    let page = page.clamp(1, pages);
    Ok(ImportView {
        encoding: file.encoding.clone(),
        counts,
        fingerprint: plan.fingerprint(),
        list,
        rows: list_rows(&plan, list, page),
        page,
        pages,
        ..base
    })
}

/// The sync option of [`apply`].
#[derive(Debug, Clone, Copy, Default)]
pub struct Sync {
    /// Deactivate the active accounts missing from the file.
    pub wanted: bool,
    /// The coordinator confirmed it.
    pub confirmed: bool,
}

/// Applies a previewed import in one transaction: creates the new accounts (staff, and
/// coordinator where the file says so; no password — they are invited), changes names, teams
/// and roles, and with a confirmed sync deactivates the active accounts missing from the file
/// (their sessions end, their invitations die). One audit entry with the counts.
pub async fn apply(
    db: &DatabaseConnection,
    import_id: i64,
    by: i64,
    fingerprint: &str,
    sync: Sync,
    now: DateTime<Utc>,
) -> Result<ImportOutcome, AppError> {
    let txn = db.begin().await.context("applying a staff import")?;
    // Claim the import first: this write takes the lock, so a second "apply" waits and then
    // finds it applied.
    let claimed = staff_import::Entity::update_many()
        .col_expr(
            staff_import::Column::Status,
            Expr::value(ImportStatus::Applied),
        )
        .filter(staff_import::Column::Id.eq(import_id))
        .filter(staff_import::Column::Status.eq(ImportStatus::Previewed))
        .exec(&txn)
        .await
        .context("applying a staff import")?;
    let import = find(&txn, import_id).await?;
    if claimed.rows_affected != 1 {
        return Err(AppError::Conflict(
            "Diese Liste wurde bereits übernommen.".into(),
        ));
    }
    let file = parsed(&import)?;
    let plan = plan(&file, &existing_accounts(&txn).await?, by);
    if plan.fingerprint() != fingerprint {
        return Err(AppError::Conflict(
            "Die Konten haben sich seit der Vorschau geändert. Bitte prüfen Sie die neue Vorschau und bestätigen Sie dann erneut.".into(),
        ));
    }
    let deactivate = sync.wanted && !plan.missing.is_empty();
    if deactivate && !sync.confirmed {
        return Err(AppError::Invalid(format!(
            "Bitte bestätigen Sie ausdrücklich, dass {} nicht in der Liste enthaltene Konten deaktiviert werden.",
            plan.missing.len()
        )));
    }

    // New accounts, a thousand per statement, then their ids and roles.
    let mut created_ids = Vec::with_capacity(plan.new.len());
    for chunk in plan.new.chunks(CHUNK) {
        user::Entity::insert_many(chunk.iter().map(|row| user::ActiveModel {
            email: Set(row.email.clone()),
            display_name: Set(row.name.clone()),
            password_hash: Set(None),
            active: Set(true),
            session_epoch: Set(0),
            created_at: Set(now),
            deactivated_at: Set(None),
            team: Set(row.team.clone()),
            ..Default::default()
        }))
        .exec_without_returning(&txn)
        .await
        .context("applying a staff import")?;
        let ids: Vec<(i64, String)> = user::Entity::find()
            .select_only()
            .columns([user::Column::Id, user::Column::Email])
            .filter(user::Column::Email.is_in(chunk.iter().map(|r| r.email.clone())))
            .into_tuple()
            .all(&txn)
            .await
            .context("applying a staff import")?;
        let ids: std::collections::HashMap<String, i64> =
            ids.into_iter().map(|(id, email)| (email, id)).collect();
        let mut roles = Vec::with_capacity(chunk.len());
        for row in chunk {
            let id = *ids
                .get(&row.email)
                .ok_or_else(|| AppError::internal("reading imported accounts", &row.email))?;
            created_ids.push(id);
            roles.push(user_role::ActiveModel {
                user_id: Set(id),
                role: Set(Role::Staff),
            });
            if row.coordinator {
                roles.push(user_role::ActiveModel {
                    user_id: Set(id),
                    role: Set(Role::Coordinator),
                });
            }
        }
        user_role::Entity::insert_many(roles)
            .exec_without_returning(&txn)
            .await
            .context("applying a staff import")?;
    }

    for change in &plan.changed {
        user::Entity::update_many()
            .col_expr(
                user::Column::DisplayName,
                Expr::value(change.name.1.clone()),
            )
            .col_expr(user::Column::Team, Expr::value(change.team.1.clone()))
            .filter(user::Column::Id.eq(change.user_id))
            .exec(&txn)
            .await
            .context("applying a staff import")?;
        if change.grant_coordinator {
            user_role::ActiveModel {
                user_id: Set(change.user_id),
                role: Set(Role::Coordinator),
            }
            .insert(&txn)
            .await
            .context("applying a staff import")?;
        }
    }

    let mut deactivated = 0;
    if deactivate {
        let ids: Vec<i64> = plan.missing.iter().map(|m| m.user_id).collect();
        for chunk in ids.chunks(CHUNK) {
            let done = user::Entity::update_many()
                .col_expr(user::Column::Active, Expr::value(false))
                .col_expr(user::Column::DeactivatedAt, Expr::value(now))
                .col_expr(
                    user::Column::SessionEpoch,
                    Expr::col(user::Column::SessionEpoch).add(1),
                )
                .filter(user::Column::Id.is_in(chunk.to_vec()))
                .filter(user::Column::Active.eq(true))
                .exec(&txn)
                .await
                .context("applying a staff import")?;
            deactivated += done.rows_affected as usize;
            invitation::Entity::update_many()
                .col_expr(invitation::Column::Revoked, Expr::value(true))
                .filter(invitation::Column::UserId.is_in(chunk.to_vec()))
                .filter(invitation::Column::UsedAt.is_null())
                .exec(&txn)
                .await
                .context("applying a staff import")?;
        }
    }

    let counts = plan.counts();
    let result = ImportOutcome {
        created: created_ids.len(),
        changed: counts.changed,
        unchanged: counts.unchanged,
        invalid: counts.invalid,
        deactivated,
        applied_at: date_time(now),
        created_ids,
    };
    crate::audit::ssr::record(
        &txn,
        Some(by),
        AuditAction::StaffImported,
        "import",
        Some(import_id),
        serde_json::json!({
            "created": result.created,
            "changed": result.changed,
            "unchanged": result.unchanged,
            "invalid": result.invalid,
            "deactivated": result.deactivated,
        }),
    )
    .await?;
    let mut row: staff_import::ActiveModel = import.into();
    // The file's names and addresses are not kept once the accounts hold them.
    row.rows = Set(None);
    row.result =
        Set(Some(serde_json::to_string(&result).map_err(|err| {
            AppError::internal("encoding an import's result", err)
        })?));
    row.applied_at = Set(Some(now));
    row.status = Set(ImportStatus::Applied);
    row.update(&txn).await.context("applying a staff import")?;
    txn.commit().await.context("applying a staff import")?;
    Ok(result)
}

/// An invitation link for a person of an import.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvitationLink {
    /// Name.
    pub name: String,
    /// E-mail.
    pub email: String,
    /// Team.
    pub team: Option<String>,
    /// The one-time link.
    pub link: String,
    /// Valid until (Berlin time).
    pub valid_until: String,
}

/// Sends the invitations of the accounts an import created that are still waiting (no
/// password set, not linked to the organisation's provider, active): one new link each (any
/// older link of theirs stops working). With `mail`, each person's link goes into the mail
/// outbox in the same transaction; the links are returned either way (for the file the
/// coordinator may download instead).
pub async fn send_invitations(
    db: &DatabaseConnection,
    by: i64,
    import_id: i64,
    base_url: &str,
    mail: Option<&crate::notification::content::MailFrame>,
    now: DateTime<Utc>,
) -> Result<Vec<InvitationLink>, AppError> {
    let import = find(db, import_id).await?;
    let Some(result) = outcome(&import)? else {
        return Err(AppError::Invalid(
            "Diese Liste ist noch nicht übernommen.".into(),
        ));
    };
    let txn = db.begin().await.context("queuing import invitations")?;
    let mut links = Vec::new();
    for chunk in result.created_ids.chunks(CHUNK) {
        let waiting = user::Entity::find()
            .filter(user::Column::Id.is_in(chunk.to_vec()))
            .filter(user::Column::Active.eq(true))
            .filter(user::Column::PasswordHash.is_null())
            .filter(user::Column::OidcSubject.is_null())
            .all(&txn)
            .await
            .context("queuing import invitations")?;
        let ids: Vec<i64> = waiting.iter().map(|u| u.id).collect();
        invitation::Entity::update_many()
            .col_expr(invitation::Column::Revoked, Expr::value(true))
            .filter(invitation::Column::UserId.is_in(ids))
            .filter(invitation::Column::UsedAt.is_null())
            .exec(&txn)
            .await
            .context("queuing import invitations")?;
        let mut rows = Vec::with_capacity(waiting.len());
        for person in waiting {
            let (token, hash) = crate::account::ssr::new_token();
            let expires = now + crate::domain::invitation::validity();
            if let Some(frame) = mail {
                crate::account::ssr::queue_invitation_mail(&txn, frame, &person, &token).await?;
            }
            rows.push(invitation::ActiveModel {
                user_id: Set(person.id),
                token_hash: Set(hash),
                created_by: Set(Some(by)),
                created_at: Set(now),
                expires_at: Set(expires),
                used_at: Set(None),
                revoked: Set(false),
                ..Default::default()
            });
            links.push(InvitationLink {
                name: person.display_name,
                email: person.email,
                team: person.team,
                link: format!("{base_url}/einladung/{token}"),
                valid_until: date_time(expires),
            });
        }
        if !rows.is_empty() {
            invitation::Entity::insert_many(rows)
                .exec_without_returning(&txn)
                .await
                .context("queuing import invitations")?;
        }
    }
    txn.commit().await.context("queuing import invitations")?;
    Ok(links)
}

/// The links as a CSV file for Excel: UTF-8 with byte-order mark, `;`-separated, every cell
/// defused against formulas.
pub fn links_csv(links: &[InvitationLink]) -> Result<Vec<u8>, AppError> {
    let mut out = vec![0xEF, 0xBB, 0xBF];
    {
        let mut writer = csv::WriterBuilder::new()
            .delimiter(b';')
            .from_writer(&mut out);
        let fail = |err: csv::Error| AppError::internal("writing the invitation links", err);
        writer
            .write_record(["Name", "E-Mail", "Team", "Einladungslink", "gültig bis"])
            .map_err(fail)?;
        for link in links {
            writer
                .write_record([
                    spreadsheet_safe(&link.name),
                    spreadsheet_safe(&link.email),
                    spreadsheet_safe(link.team.as_deref().unwrap_or("")),
                    link.link.clone(),
                    link.valid_until.clone(),
                ])
                .map_err(fail)?;
        }
        writer
            .flush()
            .map_err(|err| AppError::internal("writing the invitation links", err))?;
    }
    Ok(out)
}

/// Deletes previews that were never applied after a day (they hold names and addresses).
pub async fn delete_stale_previews(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
) -> Result<u64, sea_orm::DbErr> {
    Ok(staff_import::Entity::delete_many()
        .filter(staff_import::Column::Status.eq(ImportStatus::Previewed))
        .filter(
            staff_import::Column::CreatedAt
                .lt(now - chrono::Duration::hours(crate::domain::privacy::IMPORT_PREVIEW_HOURS)),
        )
        .exec(db)
        .await?
        .rows_affected)
}
