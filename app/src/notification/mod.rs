//! Notifications: every state change that concerns someone is recorded in its transaction (the
//! outbox, [`ssr::record`]); the server's sender expands it to recipients ([`outbox`]), keeps
//! an inbox entry per person and mails them at once or in a digest, as each person chose. The
//! inbox (`/benachrichtigungen`), the preferences (`/konto/benachrichtigungen`), one-click
//! unsubscribe (`/abbestellen/:token`) and the coordinators' outbox view (`/admin/mails`).

#[cfg(feature = "ssr")]
pub mod content;
#[cfg(feature = "ssr")]
pub mod outbox;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod ssr;

use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// Notifications per inbox page.
pub const INBOX_PAGE_SIZE: u64 = 20;
/// Mails per page of the coordinators' list.
pub const MAILS_PAGE_SIZE: u64 = 50;

/// One notification in the inbox.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InboxItem {
    /// Id (for marking it read).
    pub id: i64,
    /// One line.
    pub title: String,
    /// A few lines of plain text.
    pub body: String,
    /// The place in the app.
    pub link: String,
    /// The group's German name.
    pub group: String,
    /// When (German time).
    pub at: String,
    /// Marked read.
    pub read: bool,
}

/// One page of the inbox.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InboxPage {
    /// Newest first.
    pub items: Vec<InboxItem>,
    /// This page (from 1).
    pub page: u64,
    /// Number of pages (at least 1).
    pub pages: u64,
    /// Notifications in all.
    pub total: u64,
    /// Unread in all.
    pub unread: u64,
}

/// One group's row of the preferences form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PreferenceRow {
    /// The group's form name (`rounds`).
    pub group: String,
    /// German name.
    pub label: String,
    /// What it contains.
    pub hint: String,
    /// The chosen frequency's form value.
    pub frequency: String,
}

/// A mail as the coordinators' list shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailRow {
    /// Id.
    pub id: i64,
    /// What it is (German).
    pub kind: String,
    /// Recipient; `None` for confidential mails.
    pub to: Option<String>,
    /// Subject; `None` for confidential mails.
    pub subject: Option<String>,
    /// Plain text; `None` for confidential mails.
    pub text: Option<String>,
    /// State (German).
    pub status: String,
    /// Failed for good.
    pub failed: bool,
    /// Tries so far.
    pub attempts: i32,
    /// The last error.
    pub last_error: Option<String>,
    /// Queued (German time).
    pub created_at: String,
    /// Sent (German time).
    pub sent_at: Option<String>,
    /// The `.eml` file (embedded default).
    pub file_name: Option<String>,
}

/// An `.eml` file of the embedded default.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailFile {
    /// File name.
    pub name: String,
    /// Size in bytes.
    pub bytes: u64,
    /// Last change (German time).
    pub at: String,
}

/// The coordinators' outbox page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailAdminPage {
    /// Newest first.
    pub mails: Vec<MailRow>,
    /// This page.
    pub page: u64,
    /// Pages.
    pub pages: u64,
    /// Mails in all.
    pub total: u64,
    /// Waiting to be sent.
    pub pending: u64,
    /// Failed for good.
    pub failed: u64,
    /// Where mail goes: "SMTP (mail.example.de)" or the folder of `.eml` files.
    pub transport: String,
    /// The newest `.eml` files (embedded default only).
    pub files: Vec<MailFile>,
    /// `.eml` files in all.
    pub files_total: usize,
}

/// What an unsubscribe link would stop.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnsubscribeScope {
    /// The groups' German names.
    pub groups: Vec<String>,
}

/// Unread notifications of the signed-in person (the bell). Every signed-in person.
#[server(prefix = "/api", endpoint = "unread_notifications")]
#[cfg_attr(
    feature = "ssr",
    tracing::instrument(name = "unread_notifications", skip_all)
)]
pub async fn unread_notifications() -> Result<u64, AppError> {
    let me = crate::auth::ssr::require_user().await?;
    ssr::unread_count(&crate::state::app_state()?.db, me.id).await
}

/// One page of the signed-in person's notifications. Every signed-in person (their own only).
#[server(prefix = "/api", endpoint = "get_inbox")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "get_inbox", skip_all))]
pub async fn get_inbox(page: Option<u64>) -> Result<InboxPage, AppError> {
    let me = crate::auth::ssr::require_user().await?;
    ssr::inbox(&crate::state::app_state()?.db, me.id, page.unwrap_or(1)).await
}

/// Marks one of the person's own notifications read, then back to the inbox.
#[server(prefix = "/api", endpoint = "mark_notification_read")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "mark_notification_read", skip_all, fields(notification_id = id)))]
pub async fn mark_notification_read(id: i64, page: Option<u64>) -> Result<(), AppError> {
    let me = crate::auth::ssr::require_user().await?;
    ssr::mark_read(&crate::state::app_state()?.db, me.id, id).await?;
    let page = page.unwrap_or(1).max(1);
    leptos_axum::redirect(&format!("/benachrichtigungen?seite={page}"));
    Ok(())
}

/// Marks all of the person's own notifications read, then back to the inbox.
#[server(prefix = "/api", endpoint = "mark_all_notifications_read")]
#[cfg_attr(
    feature = "ssr",
    tracing::instrument(name = "mark_all_notifications_read", skip_all)
)]
pub async fn mark_all_notifications_read() -> Result<u64, AppError> {
    let me = crate::auth::ssr::require_user().await?;
    let n = ssr::mark_all_read(&crate::state::app_state()?.db, me.id).await?;
    leptos_axum::redirect("/benachrichtigungen");
    Ok(n)
}

/// The signed-in person's mail frequency per group.
#[server(prefix = "/api", endpoint = "get_notification_preferences")]
#[cfg_attr(
    feature = "ssr",
    tracing::instrument(name = "get_notification_preferences", skip_all)
)]
pub async fn get_notification_preferences() -> Result<Vec<PreferenceRow>, AppError> {
    let me = crate::auth::ssr::require_user().await?;
    ssr::preferences(&crate::state::app_state()?.db, me.id).await
}

/// Saves the signed-in person's mail frequency per group (fields named after the groups; a
/// missing field keeps its setting).
#[server(prefix = "/api", endpoint = "save_notification_preferences")]
#[cfg_attr(
    feature = "ssr",
    tracing::instrument(name = "save_notification_preferences", skip_all)
)]
pub async fn save_notification_preferences(
    my_texts: Option<String>,
    rounds: Option<String>,
    versions: Option<String>,
    adoption: Option<String>,
    reviews: Option<String>,
) -> Result<(), AppError> {
    use crate::domain::notification::{EventGroup, Frequency};
    let me = crate::auth::ssr::require_user().await?;
    let mut choices = Vec::new();
    for (group, value) in [
        (EventGroup::MyTexts, my_texts),
        (EventGroup::Rounds, rounds),
        (EventGroup::Versions, versions),
        (EventGroup::Adoption, adoption),
        (EventGroup::Reviews, reviews),
    ] {
        if let Some(value) = value {
            choices.push((group, Frequency::parse(&value).map_err(AppError::invalid)?));
        }
    }
    ssr::set_preferences(&crate::state::app_state()?.db, me.id, &choices).await?;
    leptos_axum::redirect("/konto/benachrichtigungen?gespeichert=1");
    Ok(())
}

/// What an unsubscribe link stops. Everyone with the link (no log-in: the signed token is the
/// proof).
#[server(prefix = "/api", endpoint = "unsubscribe_info")]
#[cfg_attr(
    feature = "ssr",
    tracing::instrument(name = "unsubscribe_info", skip_all)
)]
pub async fn unsubscribe_info(token: String) -> Result<UnsubscribeScope, AppError> {
    let state = crate::state::app_state()?;
    let request = state
        .config
        .signing_key
        .verify(&token)
        .map_err(AppError::invalid)?;
    Ok(UnsubscribeScope {
        groups: request
            .groups
            .iter()
            .map(|g| g.label_de().to_owned())
            .collect(),
    })
}

/// The outbox for coordinators: mails newest first (confidential ones without recipient and
/// text), failures, and the `.eml` files of the embedded default.
#[server(prefix = "/api", endpoint = "list_mails")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "list_mails", skip_all))]
pub async fn list_mails(page: Option<u64>) -> Result<MailAdminPage, AppError> {
    use crate::domain::account::Permission;
    crate::auth::ssr::require_permission(Permission::ManageUsers).await?;
    let state = crate::state::app_state()?;
    ssr::admin_page(&state.db, &state.config, page.unwrap_or(1)).await
}

/// Puts a failed mail back into the queue. Coordinators only.
#[server(prefix = "/api", endpoint = "retry_mail")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "retry_mail", skip_all, fields(mail_id = mail_id)))]
pub async fn retry_mail(mail_id: i64) -> Result<(), AppError> {
    use crate::domain::account::Permission;
    crate::auth::ssr::require_permission(Permission::ManageUsers).await?;
    outbox::retry(&crate::state::app_state()?.db, mail_id).await?;
    leptos_axum::redirect("/admin/mails");
    Ok(())
}
