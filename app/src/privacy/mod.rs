//! Data-protection rights (DSGVO): every person sees and downloads their data (Art. 15), a
//! coordinator deletes a person on request (Art. 17), and the "Datenschutz" page says what is
//! stored for how long. Database services in [`ssr`], pages beside.

pub mod pages;
#[cfg(feature = "ssr")]
pub mod ssr;

use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The own account as the export shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountData {
    /// Account number.
    pub id: i64,
    /// Name.
    pub name: String,
    /// E-mail.
    pub email: String,
    /// Team.
    pub team: Option<String>,
    /// Roles (German).
    pub roles: Vec<String>,
    /// Created (Berlin time).
    pub created_at: String,
    /// Logs in through the organisation's provider (its issuer), if linked.
    pub organisation_login: Option<String>,
    /// Has a password.
    pub has_password: bool,
}

/// One stored item: a text, a support, a confirmation, an audit entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DataItem {
    /// When (Berlin time).
    pub at: String,
    /// Where (process, round, version).
    pub place: String,
    /// The text or what happened.
    pub text: String,
    /// Written anonymously (others never saw the author).
    pub anonymous: bool,
    /// Further facts (kind, reply, hidden with reason, earlier wordings).
    pub note: String,
}

/// One kind of data with its items.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DataSection {
    /// Machine name (`comments`, …).
    pub key: String,
    /// German heading.
    pub title: String,
    /// The items, oldest first.
    pub items: Vec<DataItem>,
}

/// Everything stored about a person (Art. 15 DSGVO).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonalData {
    /// When this was compiled (Berlin time).
    pub exported_at: String,
    /// The account.
    pub account: AccountData,
    /// Contributions, comments, supports, reports, acknowledgements, memberships, audit entries.
    pub sections: Vec<DataSection>,
}

/// What deleting a person would remove and keep, for the confirmation page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeletionSummary {
    /// Account number.
    pub user_id: i64,
    /// Name.
    pub name: String,
    /// E-mail.
    pub email: String,
    /// Their contributions, comments and reports.
    pub texts: u64,
    /// The texts are removed (else they stay under "ehemalige:r Mitarbeiter:in").
    pub remove_texts: bool,
    /// Already deleted.
    pub deleted: bool,
}

/// The signed-in person's own data.
#[server(prefix = "/api", endpoint = "my_data")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "my_data", skip_all))]
pub async fn my_data() -> Result<PersonalData, AppError> {
    let me = crate::auth::ssr::require_user().await?;
    ssr::personal_data(&crate::state::app_state()?.db, me.id, chrono::Utc::now()).await
}

/// What deleting an account would do. Coordinators only.
#[server(prefix = "/api", endpoint = "deletion_preview")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "deletion_preview", skip_all, fields(user_id = user_id)))]
pub async fn deletion_preview(user_id: i64) -> Result<DeletionSummary, AppError> {
    use crate::domain::account::Permission;
    crate::auth::ssr::require_permission(Permission::ManageUsers).await?;
    let state = crate::state::app_state()?;
    ssr::deletion_preview(&state.db, user_id, state.config.deleted_texts).await
}

/// Deletes a person's account and personal data on their request, after an explicit
/// confirmation (`confirm`); their texts stay under "ehemalige:r Mitarbeiter:in" or are
/// removed, as the organisation set. Coordinators only, never themselves.
#[server(prefix = "/api", endpoint = "delete_person")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "delete_person", skip_all, fields(user_id = user_id)))]
pub async fn delete_person(user_id: i64, confirm: Option<String>) -> Result<(), AppError> {
    use crate::domain::account::Permission;
    let me = crate::auth::ssr::require_permission(Permission::ManageUsers).await?;
    if me.id == user_id {
        return Err(AppError::Invalid(
            "Sie können Ihr eigenes Konto nicht löschen. Bitten Sie eine andere Koordinatorin oder einen anderen Koordinator.".into(),
        ));
    }
    if confirm.is_none() {
        return Err(AppError::Invalid(
            "Bitte bestätigen Sie, dass die Person die Löschung verlangt hat und dass sie endgültig ist.".into(),
        ));
    }
    let state = crate::state::app_state()?;
    ssr::delete_person(
        &state.db,
        me.id,
        user_id,
        state.config.deleted_texts,
        chrono::Utc::now(),
    )
    .await?;
    leptos_axum::redirect("/admin/benutzer");
    Ok(())
}
