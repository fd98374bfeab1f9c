//! Data-protection services (server only): compiling a person's data, deleting a person, and
//! the scheduled clean-up of data whose time is up.

use super::{AccountData, DataItem, DataSection, DeletionSummary, PersonalData};
use crate::domain::audit::AuditAction;
use crate::domain::privacy::{
    deleted_email, DeletedTexts, DELETED_NAME, REMOVED_TEXT, SPENT_INVITATION_DAYS,
};
use crate::domain::review::InputSource;
use crate::entities::{
    acknowledgement, approving_body, audit_log, body_member, comment, comment_edit,
    comment_support, contribution, dialogue_post, group_member, invitation, login_throttle,
    process, review_input, round, user, user_role, version,
};
use crate::error::{AppError, Context};
use crate::format::date_time;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, Set, TransactionTrait,
};
use std::collections::HashMap;

async fn process_titles(db: &impl ConnectionTrait) -> Result<HashMap<i64, String>, AppError> {
    Ok(process::Entity::find()
        .all(db)
        .await
        .context("loading process titles")?
        .into_iter()
        .map(|p| (p.id, p.title))
        .collect())
}

fn section(key: &str, title: &str, items: Vec<DataItem>) -> DataSection {
    DataSection {
        key: key.to_owned(),
        title: title.to_owned(),
        items,
    }
}

/// Everything stored about `user_id`: the account, contributions, comments and replies (with
/// earlier wordings), supports, dialogue posts, read confirmations, memberships and the audit
/// entries the person caused — anonymous texts included (they are the person's own).
pub async fn personal_data(
    db: &DatabaseConnection,
    user_id: i64,
    now: DateTime<Utc>,
) -> Result<PersonalData, AppError> {
    let me = user::Entity::find_by_id(user_id)
        .one(db)
        .await
        .context("collecting a person's data")?
        .ok_or(AppError::NotFound)?;
    let titles = process_titles(db).await?;
    let title = |id: i64| titles.get(&id).cloned().unwrap_or_default();
    let roles = crate::auth::ssr::roles_of(db, user_id)
        .await?
        .into_iter()
        .map(|r| r.label_de().to_owned())
        .collect();

    let contributions = contribution::Entity::find()
        .filter(contribution::Column::AuthorId.eq(user_id))
        .order_by_asc(contribution::Column::Id)
        .all(db)
        .await
        .context("collecting a person's data")?
        .into_iter()
        .map(|c| DataItem {
            at: date_time(c.created_at),
            place: title(c.process_id),
            text: c.body,
            anonymous: c.anonymous,
            note: format!(
                "Art: {}{}",
                c.kind.as_str(),
                c.team.map(|t| format!(", Team: {t}")).unwrap_or_default()
            ),
        })
        .collect();

    let rounds: HashMap<i64, i64> = round::Entity::find()
        .all(db)
        .await
        .context("collecting a person's data")?
        .into_iter()
        .map(|r| (r.id, r.process_id))
        .collect();
    let comments = comment::Entity::find()
        .filter(comment::Column::AuthorId.eq(user_id))
        .order_by_asc(comment::Column::Id)
        .all(db)
        .await
        .context("collecting a person's data")?;
    let ids: Vec<i64> = comments.iter().map(|c| c.id).collect();
    let mut edits: HashMap<i64, Vec<String>> = HashMap::new();
    for chunk in ids.chunks(1_000) {
        for edit in comment_edit::Entity::find()
            .filter(comment_edit::Column::CommentId.is_in(chunk.to_vec()))
            .order_by_asc(comment_edit::Column::Id)
            .all(db)
            .await
            .context("collecting a person's data")?
        {
            edits.entry(edit.comment_id).or_default().push(edit.body);
        }
    }
    let comments = comments
        .into_iter()
        .map(|c| {
            let mut note = vec![if c.parent_id.is_some() {
                "Antwort".to_owned()
            } else {
                "Kommentar".to_owned()
            }];
            if let Some(reason) = &c.hidden_reason {
                note.push(format!("ausgeblendet: {reason}"));
            }
            if let Some(earlier) = edits.get(&c.id) {
                note.push(format!("frühere Versionen: {}", earlier.join(" | ")));
            }
            DataItem {
                at: date_time(c.created_at),
                place: format!(
                    "{} · Diskursrunde {}",
                    rounds
                        .get(&c.round_id)
                        .map(|p| title(*p))
                        .unwrap_or_default(),
                    c.round_id
                ),
                text: c.body,
                anonymous: c.anonymous,
                note: note.join("; "),
            }
        })
        .collect();

    let supports = comment_support::Entity::find()
        .filter(comment_support::Column::UserId.eq(user_id))
        .all(db)
        .await
        .context("collecting a person's data")?
        .into_iter()
        .map(|s| DataItem {
            at: date_time(s.created_at),
            place: format!("Kommentar {}", s.comment_id),
            text: "unterstützt (+1)".to_owned(),
            anonymous: false,
            note: String::new(),
        })
        .collect();

    let posts = dialogue_post::Entity::find()
        .filter(dialogue_post::Column::AuthorId.eq(user_id))
        .order_by_asc(dialogue_post::Column::Id)
        .all(db)
        .await
        .context("collecting a person's data")?
        .into_iter()
        .map(|p| DataItem {
            at: date_time(p.created_at),
            place: title(p.process_id),
            text: p.body,
            anonymous: p.anonymous,
            note: p
                .kind
                .map(|k| format!("Art: {}", k.as_str()))
                .unwrap_or_else(|| "Antwort".to_owned()),
        })
        .collect();

    let versions: HashMap<i64, (i64, i32)> = version::Entity::find()
        .all(db)
        .await
        .context("collecting a person's data")?
        .into_iter()
        .map(|v| (v.id, (v.process_id, v.number)))
        .collect();
    let acknowledgements = acknowledgement::Entity::find()
        .filter(acknowledgement::Column::UserId.eq(user_id))
        .all(db)
        .await
        .context("collecting a person's data")?
        .into_iter()
        .map(|a| {
            let (process_id, number) = versions.get(&a.version_id).copied().unwrap_or((0, 0));
            DataItem {
                at: date_time(a.acknowledged_at),
                place: format!("{} · Version {number}", title(process_id)),
                text: "zur Kenntnis genommen".to_owned(),
                anonymous: false,
                note: String::new(),
            }
        })
        .collect();

    let mut perspectives: HashMap<i64, Vec<&'static str>> = HashMap::new();
    for p in crate::entities::group_member_perspective::Entity::find()
        .filter(crate::entities::group_member_perspective::Column::UserId.eq(user_id))
        .all(db)
        .await
        .context("collecting a person's data")?
    {
        perspectives
            .entry(p.process_id)
            .or_default()
            .push(p.perspective.label_de());
    }
    let mut memberships: Vec<DataItem> = group_member::Entity::find()
        .filter(group_member::Column::UserId.eq(user_id))
        .all(db)
        .await
        .context("collecting a person's data")?
        .into_iter()
        .map(|m| DataItem {
            at: date_time(m.appointed_at),
            place: title(m.process_id),
            text: "Projektgruppe".to_owned(),
            anonymous: false,
            note: format!(
                "Perspektive: {}",
                perspectives
                    .get(&m.process_id)
                    .map(|p| p.join(", "))
                    .unwrap_or_default()
            ),
        })
        .collect();
    let bodies: HashMap<i64, (i64, String)> = approving_body::Entity::find()
        .all(db)
        .await
        .context("collecting a person's data")?
        .into_iter()
        .map(|b| (b.id, (b.process_id, b.name)))
        .collect();
    for m in body_member::Entity::find()
        .filter(body_member::Column::UserId.eq(user_id))
        .all(db)
        .await
        .context("collecting a person's data")?
    {
        let (process_id, name) = bodies.get(&m.body_id).cloned().unwrap_or_default();
        memberships.push(DataItem {
            at: date_time(m.added_at),
            place: title(process_id),
            text: format!("Gremium: {name}"),
            anonymous: false,
            note: String::new(),
        });
    }

    let audit = audit_log::Entity::find()
        .filter(audit_log::Column::ActorId.eq(user_id))
        .order_by_asc(audit_log::Column::Seq)
        .all(db)
        .await
        .context("collecting a person's data")?
        .into_iter()
        .map(|e| DataItem {
            at: date_time(e.at),
            place: format!(
                "{} {}",
                crate::audit::ssr::object_type_label(&e.object_type),
                e.object_id.map(|i| i.to_string()).unwrap_or_default()
            ),
            text: AuditAction::parse(&e.action)
                .map_or_else(|| e.action.clone(), |a| a.label_de().to_owned()),
            anonymous: false,
            note: format!("Eintrag {}", e.seq),
        })
        .collect();

    // The inbox (what was told to the person, read or not) and the mail settings.
    let mut notifications: Vec<DataItem> = crate::entities::notification::Entity::find()
        .filter(crate::entities::notification::Column::UserId.eq(me.id))
        .order_by_asc(crate::entities::notification::Column::Id)
        .all(db)
        .await
        .context("collecting a person's data")?
        .into_iter()
        .map(|n| DataItem {
            at: date_time(n.created_at),
            place: n.link,
            text: format!("{}: {}", n.title, n.body),
            anonymous: false,
            note: match n.read_at {
                Some(at) => format!("gelesen am {}", date_time(at)),
                None => "ungelesen".to_owned(),
            },
        })
        .collect();
    for p in crate::entities::notification_preference::Entity::find()
        .filter(crate::entities::notification_preference::Column::UserId.eq(me.id))
        .all(db)
        .await
        .context("collecting a person's data")?
    {
        notifications.push(DataItem {
            at: String::new(),
            place: "E-Mail-Einstellungen".to_owned(),
            text: p.event_group.label_de().to_owned(),
            anonymous: false,
            note: p.frequency.label_de().to_owned(),
        });
    }
    Ok(PersonalData {
        exported_at: date_time(now),
        account: AccountData {
            id: me.id,
            name: me.display_name,
            email: me.email,
            team: me.team,
            roles,
            created_at: date_time(me.created_at),
            organisation_login: me.oidc_issuer,
            has_password: me.password_hash.is_some(),
        },
        sections: vec![
            section(
                "contributions",
                "Beiträge (Erfahrungen, Erwartungen, Bedenken)",
                contributions,
            ),
            section("comments", "Kommentare und Antworten", comments),
            section("supports", "Unterstützte Kommentare", supports),
            section("dialogue_posts", "Erfahrungsberichte und Antworten", posts),
            section("acknowledgements", "Lesebestätigungen", acknowledgements),
            section("memberships", "Projektgruppen und Gremien", memberships),
            section(
                "notifications",
                "Benachrichtigungen und E-Mail-Einstellungen",
                notifications,
            ),
            section("audit", "Ihre Einträge im Audit-Protokoll", audit),
        ],
    })
}

async fn texts_of(db: &impl ConnectionTrait, user_id: i64) -> Result<(u64, u64, u64), AppError> {
    let contributions = contribution::Entity::find()
        .filter(contribution::Column::AuthorId.eq(user_id))
        .count(db)
        .await
        .context("loading a person's texts")?;
    let comments = comment::Entity::find()
        .filter(comment::Column::AuthorId.eq(user_id))
        .count(db)
        .await
        .context("loading a person's texts")?;
    let posts = dialogue_post::Entity::find()
        .filter(dialogue_post::Column::AuthorId.eq(user_id))
        .count(db)
        .await
        .context("loading a person's texts")?;
    Ok((contributions, comments, posts))
}

/// What deleting `user_id` would do.
pub async fn deletion_preview(
    db: &DatabaseConnection,
    user_id: i64,
    texts: DeletedTexts,
) -> Result<DeletionSummary, AppError> {
    let person = user::Entity::find_by_id(user_id)
        .one(db)
        .await
        .context("previewing a person's deletion")?
        .ok_or(AppError::NotFound)?;
    let (a, b, c) = texts_of(db, user_id).await?;
    Ok(DeletionSummary {
        user_id,
        name: person.display_name,
        email: person.email,
        texts: a + b + c,
        remove_texts: texts == DeletedTexts::Remove,
        deleted: person.deleted_at.is_some(),
    })
}

fn removed_hash() -> String {
    use sha2::{Digest, Sha256};
    format!("{:x}", Sha256::digest(REMOVED_TEXT.as_bytes()))
}

/// Deletes a person on request, in one transaction: name, e-mail, team, password, the link to
/// the organisation's provider, roles, memberships, invitations and log-in counters go; the
/// account row stays as "ehemalige:r Mitarbeiter:in" (deactivated, its sessions end) so every
/// text and decision keeps an author. With [`DeletedTexts::Remove`] the wording of their
/// contributions, comments, replies and reports (and copies carried into a review, and earlier
/// wordings) is replaced. One audit entry `account.deleted` is appended; no entry is changed.
pub async fn delete_person(
    db: &DatabaseConnection,
    by: i64,
    user_id: i64,
    texts: DeletedTexts,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let txn = db.begin().await.context("deleting a person")?;
    let person = user::Entity::find_by_id(user_id)
        .one(&txn)
        .await
        .context("deleting a person")?
        .ok_or(AppError::NotFound)?;
    if person.deleted_at.is_some() {
        return Err(AppError::Conflict(
            "Die Daten dieser Person sind bereits gelöscht.".into(),
        ));
    }
    let (contributions, comments, posts) = texts_of(&txn, user_id).await?;
    if texts == DeletedTexts::Remove {
        let comment_ids: Vec<i64> = comment::Entity::find()
            .filter(comment::Column::AuthorId.eq(user_id))
            .all(&txn)
            .await
            .context("deleting a person")?
            .into_iter()
            .map(|c| c.id)
            .collect();
        let post_ids: Vec<i64> = dialogue_post::Entity::find()
            .filter(dialogue_post::Column::AuthorId.eq(user_id))
            .all(&txn)
            .await
            .context("deleting a person")?
            .into_iter()
            .map(|p| p.id)
            .collect();
        comment::Entity::update_many()
            .col_expr(comment::Column::Body, Expr::value(REMOVED_TEXT))
            .col_expr(comment::Column::BodyHash, Expr::value(removed_hash()))
            .filter(comment::Column::AuthorId.eq(user_id))
            .exec(&txn)
            .await
            .context("deleting a person")?;
        contribution::Entity::update_many()
            .col_expr(contribution::Column::Body, Expr::value(REMOVED_TEXT))
            .filter(contribution::Column::AuthorId.eq(user_id))
            .exec(&txn)
            .await
            .context("deleting a person")?;
        dialogue_post::Entity::update_many()
            .col_expr(dialogue_post::Column::Body, Expr::value(REMOVED_TEXT))
            .col_expr(dialogue_post::Column::BodyHash, Expr::value(removed_hash()))
            .filter(dialogue_post::Column::AuthorId.eq(user_id))
            .exec(&txn)
            .await
            .context("deleting a person")?;
        for chunk in comment_ids.chunks(1_000) {
            comment_edit::Entity::delete_many()
                .filter(comment_edit::Column::CommentId.is_in(chunk.to_vec()))
                .exec(&txn)
                .await
                .context("deleting a person")?;
        }
        for (source, ids) in [
            (InputSource::DeferredComment, &comment_ids),
            (InputSource::NeedForChange, &post_ids),
        ] {
            for chunk in ids.chunks(1_000) {
                review_input::Entity::update_many()
                    .col_expr(review_input::Column::Body, Expr::value(REMOVED_TEXT))
                    .filter(review_input::Column::Source.eq(source))
                    .filter(review_input::Column::SourceId.is_in(chunk.to_vec()))
                    .exec(&txn)
                    .await
                    .context("deleting a person")?;
            }
        }
    }
    user_role::Entity::delete_many()
        .filter(user_role::Column::UserId.eq(user_id))
        .exec(&txn)
        .await
        .context("deleting a person")?;
    crate::entities::group_member_perspective::Entity::delete_many()
        .filter(crate::entities::group_member_perspective::Column::UserId.eq(user_id))
        .exec(&txn)
        .await
        .context("deleting a person")?;
    group_member::Entity::delete_many()
        .filter(group_member::Column::UserId.eq(user_id))
        .exec(&txn)
        .await
        .context("deleting a person")?;
    // The inbox, the mails to the person (they hold the address and what they told), the mail
    // settings and reset links.
    crate::entities::notification::Entity::delete_many()
        .filter(crate::entities::notification::Column::UserId.eq(user_id))
        .exec(&txn)
        .await
        .context("deleting a person")?;
    crate::entities::mail::Entity::delete_many()
        .filter(crate::entities::mail::Column::UserId.eq(user_id))
        .exec(&txn)
        .await
        .context("deleting a person")?;
    crate::entities::notification_preference::Entity::delete_many()
        .filter(crate::entities::notification_preference::Column::UserId.eq(user_id))
        .exec(&txn)
        .await
        .context("deleting a person")?;
    crate::entities::password_reset::Entity::delete_many()
        .filter(crate::entities::password_reset::Column::UserId.eq(user_id))
        .exec(&txn)
        .await
        .context("deleting a person")?;
    body_member::Entity::delete_many()
        .filter(body_member::Column::UserId.eq(user_id))
        .exec(&txn)
        .await
        .context("deleting a person")?;
    invitation::Entity::delete_many()
        .filter(invitation::Column::UserId.eq(user_id))
        .exec(&txn)
        .await
        .context("deleting a person")?;
    login_throttle::Entity::delete_many()
        .filter(login_throttle::Column::Key.is_in([
            format!("account:{}", person.email),
            format!("password-change:{user_id}"),
        ]))
        .exec(&txn)
        .await
        .context("deleting a person")?;
    let epoch = person.session_epoch + 1;
    let deactivated_at = person.deactivated_at.unwrap_or(now);
    let mut row: user::ActiveModel = person.into();
    row.display_name = Set(DELETED_NAME.to_owned());
    row.email = Set(deleted_email(user_id));
    row.password_hash = Set(None);
    row.active = Set(false);
    row.session_epoch = Set(epoch);
    row.team = Set(None);
    row.oidc_issuer = Set(None);
    row.oidc_subject = Set(None);
    row.deactivated_at = Set(Some(deactivated_at));
    row.deleted_at = Set(Some(now));
    row.update(&txn).await.context("deleting a person")?;
    crate::audit::ssr::record(
        &txn,
        Some(by),
        AuditAction::AccountDeleted,
        "user",
        Some(user_id),
        serde_json::json!({
            "texts": texts.as_str(),
            "contributions": contributions,
            "comments": comments,
            "dialogue_posts": posts,
        }),
    )
    .await?;
    txn.commit().await.context("deleting a person")?;
    Ok(())
}

/// Deletes mails that were sent or given up more than
/// [`crate::domain::privacy::SENT_MAIL_DAYS`] days ago.
pub async fn delete_old_mails(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
) -> Result<u64, sea_orm::DbErr> {
    use crate::domain::notification::MailStatus;
    use crate::entities::mail;
    Ok(mail::Entity::delete_many()
        .filter(
            mail::Column::CreatedAt
                .lte(now - chrono::Duration::days(crate::domain::privacy::SENT_MAIL_DAYS)),
        )
        .filter(mail::Column::Status.is_in([MailStatus::Sent, MailStatus::Failed]))
        .exec(db)
        .await?
        .rows_affected)
}

/// Deletes invitations that can no longer be used, [`SPENT_INVITATION_DAYS`] after creation.
pub async fn delete_spent_invitations(
    db: &DatabaseConnection,
    now: DateTime<Utc>,
) -> Result<u64, sea_orm::DbErr> {
    Ok(invitation::Entity::delete_many()
        .filter(
            invitation::Column::CreatedAt.lte(now - chrono::Duration::days(SPENT_INVITATION_DAYS)),
        )
        .filter(
            Condition::any()
                .add(invitation::Column::UsedAt.is_not_null())
                .add(invitation::Column::Revoked.eq(true))
                .add(invitation::Column::ExpiresAt.lte(now)),
        )
        .exec(db)
        .await?
        .rows_affected)
}
