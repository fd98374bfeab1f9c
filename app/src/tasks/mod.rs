//! "Was auf Sie wartet": the start page's list of what each person should do now (see
//! `domain::tasks`). The server function collects the facts; the panel shows them.

pub mod pages;
#[cfg(feature = "ssr")]
pub mod ssr;

use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// One line of the list: its text and where to do it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaskView {
    /// What waits, in German (`domain::tasks::Task::text_de`).
    pub text: String,
    /// Where to do it.
    pub href: String,
    /// A short German word for the kind ("Entscheidung", "Lesen" …), for the badge.
    pub badge: String,
}

/// What waits for the signed-in person, most urgent first. Every signed-in person sees only
/// their own tasks (their bodies, their project groups, the rounds of their audience).
#[server(prefix = "/api", endpoint = "my_tasks")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "my_tasks", skip_all))]
pub async fn my_tasks() -> Result<Vec<TaskView>, AppError> {
    let me = crate::auth::ssr::require_user().await?;
    ssr::for_me(&crate::state::app_state()?.db, &me).await
}
