//! Who is signed in: the session wrapper and the permission checks every server function uses.

use crate::domain::account::{has_permission, Permission, Role};
use serde::{Deserialize, Serialize};

/// The signed-in person as the UI sees them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Me {
    /// Account id.
    pub id: i64,
    /// Display name.
    pub display_name: String,
    /// E-mail address.
    pub email: String,
    /// Global roles.
    pub roles: Vec<Role>,
    /// The team a coordinator assigned, if any.
    #[serde(default)]
    pub team: Option<String>,
}

impl Me {
    /// Whether this person has `permission`.
    pub fn can(&self, permission: Permission) -> bool {
        has_permission(&self.roles, permission)
    }
}

#[cfg(feature = "ssr")]
pub mod ssr {
    //! Session handling on the server.

    use super::Me;
    use crate::domain::account::{Permission, Role};
    use crate::entities::{user, user_role};
    use crate::error::AppError;
    use crate::state::app_state;
    use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
    use tower_sessions::Session;

    const USER_KEY: &str = "user_id";
    const EPOCH_KEY: &str = "session_epoch";
    const SIGNED_IN_AT_KEY: &str = "signed_in_at";

    /// The request's session (placed there by the session layer).
    pub async fn session() -> Result<Session, AppError> {
        leptos_axum::extract::<Session>().await.map_err(|err| {
            AppError::internal("reading the session: is the session layer missing?", err)
        })
    }

    /// Loads an account's roles.
    pub async fn roles_of(db: &impl ConnectionTrait, user_id: i64) -> Result<Vec<Role>, AppError> {
        let rows = user_role::Entity::find()
            .filter(user_role::Column::UserId.eq(user_id))
            .all(db)
            .await?;
        let mut roles: Vec<Role> = rows.iter().map(|r| r.role).collect();
        roles.sort();
        Ok(roles)
    }

    /// The signed-in person, or `None`. A session whose account was deactivated, or whose
    /// password changed elsewhere, is ended here.
    pub async fn current_user() -> Result<Option<Me>, AppError> {
        let session = session().await?;
        user_of_session(&app_state()?.db, &session).await
    }

    /// The person signed in with `session`, or `None` (for routes outside server functions,
    /// e.g. downloads; the same checks as [`current_user`]).
    pub async fn user_of_session(
        db: &impl ConnectionTrait,
        session: &Session,
    ) -> Result<Option<Me>, AppError> {
        let Some(user_id) = session.get::<i64>(USER_KEY).await? else {
            return Ok(None);
        };
        let epoch = session.get::<i32>(EPOCH_KEY).await?;
        let signed_in_at = session
            .get::<chrono::DateTime<chrono::Utc>>(SIGNED_IN_AT_KEY)
            .await?;
        if crate::domain::account::session_outlived(signed_in_at, chrono::Utc::now()) {
            session.flush().await?;
            return Ok(None);
        }
        let user = user::Entity::find_by_id(user_id).one(db).await?;
        match user {
            Some(user) if user.active && Some(user.session_epoch) == epoch => Ok(Some(Me {
                id: user.id,
                display_name: user.display_name,
                email: user.email,
                roles: roles_of(db, user_id).await?,
                team: user.team,
            })),
            _ => {
                session.flush().await?;
                Ok(None)
            }
        }
    }

    /// The signed-in person, or `Unauthenticated`.
    pub async fn require_user() -> Result<Me, AppError> {
        current_user().await?.ok_or(AppError::Unauthenticated)
    }

    /// The signed-in person if they have `permission`; `Forbidden` otherwise.
    pub async fn require_permission(permission: Permission) -> Result<Me, AppError> {
        let me = require_user().await?;
        if me.can(permission) {
            Ok(me)
        } else {
            Err(AppError::Forbidden)
        }
    }

    /// Signs `user` in: a new session id (against fixation), then the account and its epoch.
    pub async fn sign_in(user: &user::Model) -> Result<(), AppError> {
        start_session(&session().await?, user).await
    }

    /// [`sign_in`] on a given session (the provider's callback is a plain route).
    pub async fn start_session(session: &Session, user: &user::Model) -> Result<(), AppError> {
        session.cycle_id().await?;
        session.insert(USER_KEY, user.id).await?;
        session.insert(EPOCH_KEY, user.session_epoch).await?;
        session.insert(SIGNED_IN_AT_KEY, chrono::Utc::now()).await?;
        Ok(())
    }

    /// Keeps the current session valid after the account's epoch changed (own password change).
    pub async fn refresh_epoch(epoch: i32) -> Result<(), AppError> {
        let session = session().await?;
        session.cycle_id().await?;
        session.insert(EPOCH_KEY, epoch).await?;
        Ok(())
    }

    /// Ends the session: data removed, cookie cleared.
    pub async fn sign_out() -> Result<(), AppError> {
        session().await?.flush().await?;
        Ok(())
    }
}
