//! Accounts: log-in and log-out, the own account, user administration and invitations.
//!
//! DTOs and server functions live here; the database services in [`ssr`]; the pages beside.

pub mod admin_page;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod ssr;

use crate::auth::Me;
use crate::domain::account::Role;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// Accounts per page in the administration list.
pub const USERS_PER_PAGE: u64 = 50;

/// Where an account stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum AccountStatus {
    /// Can log in.
    Active,
    /// Invited; the password has not been set yet.
    Invited,
    /// Deactivated; cannot log in.
    Deactivated,
}

/// An account as the administration list shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserSummary {
    /// Account id.
    pub id: i64,
    /// Display name.
    pub display_name: String,
    /// E-mail address.
    pub email: String,
    /// Global roles.
    pub roles: Vec<Role>,
    /// Status.
    pub status: AccountStatus,
    /// Team, if assigned.
    pub team: Option<String>,
}

/// Which accounts the administration list shows, by team.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum TeamFilter {
    /// Everyone.
    All,
    /// People without a team.
    WithoutTeam,
    /// People of one team (compared case-insensitively).
    Team(String),
}

impl TeamFilter {
    /// The value of the `team` query parameter: empty = all, `-` = without team, else a name.
    pub fn from_query(value: Option<&str>) -> Self {
        match value.map(str::trim) {
            None | Some("") => Self::All,
            Some(TEAM_FILTER_NONE) => Self::WithoutTeam,
            Some(name) => Self::Team(name.to_owned()),
        }
    }

    /// The query value for links (inverse of [`TeamFilter::from_query`]).
    pub fn to_query(&self) -> String {
        match self {
            Self::All => String::new(),
            Self::WithoutTeam => TEAM_FILTER_NONE.to_owned(),
            Self::Team(name) => name.clone(),
        }
    }
}

/// The `team` query value that selects the people without a team.
pub const TEAM_FILTER_NONE: &str = "-";

/// One page of the administration list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserPage {
    /// The accounts on this page.
    pub users: Vec<UserSummary>,
    /// This page, counted from 1.
    pub page: u64,
    /// Number of pages (at least 1).
    pub pages: u64,
    /// Number of accounts.
    pub total: u64,
    /// The id of the coordinator looking at the list (they cannot deactivate themselves).
    pub viewer_id: i64,
    /// Every team name in use, sorted (for the filter and the suggestions).
    pub teams: Vec<String>,
    /// The team filter applied.
    pub filter: TeamFilter,
    /// The search text applied (empty: none).
    pub search: String,
}

/// A freshly created invitation link, shown once to the coordinator.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreatedInvitation {
    /// The invited account.
    pub user_id: i64,
    /// Their name.
    pub display_name: String,
    /// The full link to pass on.
    pub link: String,
    /// Whether the link was also queued as a mail to the person.
    #[serde(default)]
    pub mailed: bool,
}

/// The signed-in person, or `None` when nobody is.
#[server(prefix = "/api", endpoint = "current_user")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "current_user", skip_all))]
pub async fn current_user() -> Result<Option<Me>, AppError> {
    crate::auth::ssr::current_user().await
}

/// Logs in with e-mail and password, then goes to the start page.
#[server(prefix = "/api", endpoint = "login")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "login", skip_all))]
pub async fn login(email: String, password: String) -> Result<(), AppError> {
    use crate::state::{app_state, ClientAddr};
    let addr = use_context::<http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<ClientAddr>().cloned())
        .map(|a| a.0)
        .unwrap_or_else(|| "unknown".into());
    let state = app_state()?;
    state.require_password_login()?;
    let input =
        crate::domain::account::LoginInput::parse(&email, &password).map_err(AppError::invalid)?;
    let user = ssr::login(
        &state.db,
        &state.passwords,
        &input,
        &addr,
        chrono::Utc::now(),
    )
    .await?;
    crate::auth::ssr::sign_in(&user).await?;
    leptos_axum::redirect("/");
    Ok(())
}

/// Logs out and goes to the log-in page (which, after a log-in through the organisation's
/// provider, offers to end the session there too).
#[server(prefix = "/api", endpoint = "logout")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "logout", skip_all))]
pub async fn logout() -> Result<(), AppError> {
    let via_provider = crate::auth::ssr::session()
        .await?
        .get::<bool>(crate::sso::ssr::VIA_SSO_KEY)
        .await?
        .unwrap_or(false);
    crate::auth::ssr::sign_out().await?;
    leptos_axum::redirect(if via_provider {
        "/anmelden?abgemeldet=organisation"
    } else {
        "/anmelden"
    });
    Ok(())
}

/// Changes the own password; other sessions of the account end, this one stays.
#[server(prefix = "/api", endpoint = "change_password")]
#[cfg_attr(
    feature = "ssr",
    tracing::instrument(name = "change_password", skip_all)
)]
pub async fn change_password(
    current_password: String,
    new_password: String,
    confirm_password: String,
) -> Result<(), AppError> {
    use crate::domain::account::NewPassword;
    let me = crate::auth::ssr::require_user().await?;
    let state = crate::state::app_state()?;
    state.require_password_login()?;
    let new = NewPassword::parse(&new_password, &confirm_password).map_err(AppError::invalid)?;
    let user = ssr::change_password(
        &state.db,
        &state.passwords,
        me.id,
        &current_password,
        &new,
        chrono::Utc::now(),
    )
    .await?;
    crate::auth::ssr::refresh_epoch(user.session_epoch).await
}

/// One page (counted from 1) of all accounts, optionally of one team (`team`: empty = all,
/// `-` = without team) and with `search` in the name or e-mail address. Coordinators only.
#[server(prefix = "/api", endpoint = "list_users")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "list_users", skip_all))]
pub async fn list_users(
    page: u64,
    team: Option<String>,
    search: Option<String>,
) -> Result<UserPage, AppError> {
    use crate::domain::account::Permission;
    let me = crate::auth::ssr::require_permission(Permission::ManageUsers).await?;
    let db = &crate::state::app_state()?.db;
    let page = page.max(1);
    let filter = TeamFilter::from_query(team.as_deref());
    let search = search.unwrap_or_default();
    let (users, total) = ssr::list_users(db, &filter, &search, page - 1, USERS_PER_PAGE).await?;
    let pages = total.div_ceil(USERS_PER_PAGE).max(1);
    Ok(UserPage {
        users,
        page,
        pages,
        total,
        viewer_id: me.id,
        teams: ssr::team_names(db).await?,
        filter,
        search: search.trim().to_owned(),
    })
}

/// Sets or clears (blank `team`) the team of an account. Coordinators only.
#[server(prefix = "/api", endpoint = "set_user_team")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "set_user_team", skip_all, fields(user_id = user_id)))]
pub async fn set_user_team(user_id: i64, team: String) -> Result<(), AppError> {
    use crate::domain::account::Permission;
    use crate::domain::team::TeamName;
    crate::auth::ssr::require_permission(Permission::ManageUsers).await?;
    let team = TeamName::parse_optional(&team).map_err(AppError::invalid)?;
    ssr::set_team(&crate::state::app_state()?.db, user_id, team.as_ref()).await?;
    Ok(())
}

/// The app's address as users reach it: the configured public URL, else from the request.
#[cfg(feature = "ssr")]
pub(crate) fn request_base() -> Result<String, AppError> {
    let state = crate::state::app_state()?;
    let host = use_context::<http::request::Parts>().and_then(|p| {
        p.headers
            .get(http::header::HOST)
            .and_then(|h| h.to_str().ok())
            .map(str::to_owned)
    });
    Ok(state.public_base(host.as_deref()))
}

#[cfg(feature = "ssr")]
fn invitation_link(token: &str) -> Result<String, AppError> {
    Ok(format!("{}/einladung/{token}", request_base()?))
}

/// Organisation and address for a mail written during this request.
#[cfg(feature = "ssr")]
fn mail_frame() -> Result<crate::notification::content::MailFrame, AppError> {
    Ok(crate::state::app_state()?
        .config
        .mail_frame(&request_base()?))
}

/// Creates an account (with an optional team) and returns its one-time invitation link.
/// Coordinators only. Checkbox fields are present ("on") when ticked.
#[server(prefix = "/api", endpoint = "create_user")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "create_user", skip_all))]
pub async fn create_user(
    display_name: String,
    email: String,
    role_staff: Option<String>,
    role_coordinator: Option<String>,
    team: Option<String>,
    send_mail: Option<String>,
) -> Result<CreatedInvitation, AppError> {
    use crate::domain::account::{DisplayName, Email, Permission};
    use crate::domain::team::TeamName;
    let me = crate::auth::ssr::require_permission(Permission::ManageUsers).await?;
    let name = DisplayName::parse(&display_name).map_err(AppError::invalid)?;
    let email = Email::parse(&email).map_err(AppError::invalid)?;
    let team =
        TeamName::parse_optional(team.as_deref().unwrap_or_default()).map_err(AppError::invalid)?;
    let mut roles = Vec::new();
    if role_staff.is_some() {
        roles.push(Role::Staff);
    }
    if role_coordinator.is_some() {
        roles.push(Role::Coordinator);
    }
    if roles.is_empty() {
        return Err(AppError::Invalid(
            "Bitte wählen Sie mindestens eine Rolle.".into(),
        ));
    }
    let frame = send_mail.is_some().then(mail_frame).transpose()?;
    let (user, token) = ssr::create_invited_user(
        &crate::state::app_state()?.db,
        me.id,
        &name,
        &email,
        &roles,
        team.as_ref(),
        frame.as_ref(),
        chrono::Utc::now(),
    )
    .await?;
    Ok(CreatedInvitation {
        user_id: user.id,
        display_name: user.display_name,
        link: invitation_link(&token)?,
        mailed: frame.is_some(),
    })
}

/// Replaces the invitation link of an account that has not been activated. Coordinators only.
#[server(prefix = "/api", endpoint = "reinvite_user")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "reinvite_user", skip_all, fields(user_id = user_id)))]
pub async fn reinvite_user(
    user_id: i64,
    send_mail: Option<String>,
) -> Result<CreatedInvitation, AppError> {
    use crate::domain::account::Permission;
    let me = crate::auth::ssr::require_permission(Permission::ManageUsers).await?;
    let frame = send_mail.is_some().then(mail_frame).transpose()?;
    let (user, token) = ssr::reinvite(
        &crate::state::app_state()?.db,
        me.id,
        user_id,
        frame.as_ref(),
        chrono::Utc::now(),
    )
    .await?;
    Ok(CreatedInvitation {
        user_id: user.id,
        display_name: user.display_name,
        link: invitation_link(&token)?,
        mailed: frame.is_some(),
    })
}

/// Deactivates an account; its sessions end at once. Coordinators only, never themselves.
#[server(prefix = "/api", endpoint = "deactivate_user")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "deactivate_user", skip_all, fields(user_id = user_id)))]
pub async fn deactivate_user(user_id: i64) -> Result<(), AppError> {
    use crate::domain::account::{may_deactivate, Permission};
    let me = crate::auth::ssr::require_permission(Permission::ManageUsers).await?;
    if !may_deactivate(me.id, &me.roles, user_id) {
        return Err(AppError::Invalid(
            "Sie können Ihr eigenes Konto nicht deaktivieren.".into(),
        ));
    }
    ssr::deactivate(
        &crate::state::app_state()?.db,
        me.id,
        user_id,
        chrono::Utc::now(),
    )
    .await?;
    Ok(())
}

/// The invited person's name, or why the link cannot be used. Open to everyone with the link.
#[server(prefix = "/api", endpoint = "invitation_info")]
#[cfg_attr(
    feature = "ssr",
    tracing::instrument(name = "invitation_info", skip_all)
)]
pub async fn invitation_info(token: String) -> Result<String, AppError> {
    ssr::invitation_name(&crate::state::app_state()?.db, &token, chrono::Utc::now()).await
}

/// Sets the password from an invitation link and logs the person in.
#[server(prefix = "/api", endpoint = "accept_invitation")]
#[cfg_attr(
    feature = "ssr",
    tracing::instrument(name = "accept_invitation", skip_all)
)]
pub async fn accept_invitation(
    token: String,
    password: String,
    confirm_password: String,
) -> Result<(), AppError> {
    sign_in_with_new_password(
        &password,
        &confirm_password,
        |state, password, now| async move {
            ssr::accept_invitation(&state.db, &state.passwords, &token, &password, now).await
        },
    )
    .await
}

/// Checks a new password (typed twice), lets `set` store it (invitation or reset link), signs
/// the person in and goes to the start page.
#[cfg(feature = "ssr")]
async fn sign_in_with_new_password<F, Fut>(
    password: &str,
    confirm_password: &str,
    set: F,
) -> Result<(), AppError>
where
    F: FnOnce(
        crate::state::AppState,
        crate::domain::account::NewPassword,
        chrono::DateTime<chrono::Utc>,
    ) -> Fut,
    Fut: std::future::Future<Output = Result<crate::entities::user::Model, AppError>>,
{
    use crate::domain::account::NewPassword;
    let state = crate::state::app_state()?;
    state.require_password_login()?;
    let password = NewPassword::parse(password, confirm_password).map_err(AppError::invalid)?;
    let user = set(state, password, chrono::Utc::now()).await?;
    crate::auth::ssr::sign_in(&user).await?;
    leptos_axum::redirect("/");
    Ok(())
}

/// Asks for a password-reset link. The answer is the same whether or not an account has this
/// address (only too many requests from one address are refused); the link goes by mail.
#[server(prefix = "/api", endpoint = "request_password_reset")]
#[cfg_attr(
    feature = "ssr",
    tracing::instrument(name = "request_password_reset", skip_all)
)]
pub async fn request_password_reset(email: String) -> Result<(), AppError> {
    use crate::state::{app_state, ClientAddr};
    let addr = use_context::<http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<ClientAddr>().cloned())
        .map(|a| a.0)
        .unwrap_or_else(|| "unknown".into());
    ssr::request_password_reset(
        &app_state()?.db,
        &email,
        &addr,
        &mail_frame()?,
        chrono::Utc::now(),
    )
    .await?;
    leptos_axum::redirect("/passwort-vergessen?gesendet=1");
    Ok(())
}

/// Whether a reset link can be used (the person's name), or why not. Everyone with the link.
#[server(prefix = "/api", endpoint = "password_reset_info")]
#[cfg_attr(
    feature = "ssr",
    tracing::instrument(name = "password_reset_info", skip_all)
)]
pub async fn password_reset_info(token: String) -> Result<String, AppError> {
    ssr::reset_name(&crate::state::app_state()?.db, &token, chrono::Utc::now()).await
}

/// Sets a new password from a reset link (once), ends the account's other sessions and signs
/// the person in.
#[server(prefix = "/api", endpoint = "reset_password")]
#[cfg_attr(
    feature = "ssr",
    tracing::instrument(name = "reset_password", skip_all)
)]
pub async fn reset_password(
    token: String,
    password: String,
    confirm_password: String,
) -> Result<(), AppError> {
    sign_in_with_new_password(
        &password,
        &confirm_password,
        |state, password, now| async move {
            ssr::reset_password(&state.db, &state.passwords, &token, &password, now).await
        },
    )
    .await
}
