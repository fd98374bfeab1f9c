//! Demo data, so that a newcomer sees a living example on first start.

pub mod example;
pub mod privacy;
pub mod teams;
pub mod trial;

use app::account::ssr::{create_invited_user, create_user_with_password};
use app::domain::account::{DisplayName, Email, NewPassword, Role};
use app::entities::user;
use app::error::AppError;
use sea_orm::{DatabaseConnection, EntityTrait, PaginatorTrait};

/// A demo account whose credentials are printed at start-up.
pub struct DemoAccount {
    /// Display name.
    pub name: &'static str,
    /// Log-in e-mail.
    pub email: &'static str,
    /// Log-in password (demo only).
    pub password: &'static str,
    /// Global roles.
    pub roles: &'static [Role],
}

/// The demo accounts.
pub const DEMO_ACCOUNTS: &[DemoAccount] = &[
    DemoAccount {
        name: "Kim Koordination",
        email: "koordination@demo.mitsprache.de",
        password: "Demo-Koordination-2026",
        roles: &[Role::Staff, Role::Coordinator],
    },
    DemoAccount {
        name: "Sam Mitarbeit",
        email: "mitarbeit@demo.mitsprache.de",
        password: "Demo-Mitarbeit-2026",
        roles: &[Role::Staff],
    },
];

/// Whether the database has no accounts yet.
pub async fn is_empty(db: &DatabaseConnection) -> Result<bool, AppError> {
    Ok(user::Entity::find().count(db).await? == 0)
}

/// Creates the demo accounts (and one pending invitation) in an empty database.
pub async fn seed(db: &DatabaseConnection) -> Result<(), AppError> {
    for account in DEMO_ACCOUNTS {
        let name = DisplayName::parse(account.name).map_err(AppError::invalid)?;
        let email = Email::parse(account.email).map_err(AppError::invalid)?;
        let password =
            NewPassword::parse(account.password, account.password).map_err(AppError::invalid)?;
        create_user_with_password(db, &name, &email, account.roles, &password).await?;
    }
    let name = DisplayName::parse("Alex Eingeladen").map_err(AppError::invalid)?;
    let email = Email::parse("eingeladen@demo.mitsprache.de").map_err(AppError::invalid)?;
    create_invited_user(
        db,
        1,
        &name,
        &email,
        &[Role::Staff],
        None,
        None,
        chrono::Utc::now(),
    )
    .await?;
    Ok(())
}

/// Creates the demo accounts and the example process with its project group.
pub async fn seed_with_example(db: &DatabaseConnection) -> Result<(), AppError> {
    seed(db).await?;
    example::seed(db).await?;
    privacy::seed(db).await?;
    trial::seed(db).await?;
    teams::seed(db).await
}

/// The lines printed after seeding, with the log-in data.
pub fn credentials_text() -> String {
    let mut text = String::from("Demo-Zugänge (demo accounts):\n");
    for account in DEMO_ACCOUNTS {
        let roles = account
            .roles
            .iter()
            .map(|r| r.label_de())
            .collect::<Vec<_>>()
            .join(", ");
        text.push_str(&format!(
            "  {:<34} Passwort: {:<24} ({roles})\n",
            account.email, account.password
        ));
    }
    for (name, email, perspective) in example::GROUP {
        text.push_str(&format!(
            "  {email:<34} Passwort: {:<24} ({name}, Projektgruppe: {})\n",
            example::GROUP_PASSWORD,
            perspective.label_de()
        ));
    }
    for (name, email, team) in teams::STAFF {
        text.push_str(&format!(
            "  {email:<34} Passwort: {:<24} ({name}, Team: {})\n",
            teams::TEAM_PASSWORD,
            team.unwrap_or("ohne Team")
        ));
    }
    text
}
