//! Teams for the demo accounts, and a few more staff, so that team audiences and the read
//! acknowledgement per team have something to show.

use app::account::ssr::{create_user_with_password, set_team};
use app::domain::account::{DisplayName, Email, NewPassword, Role};
use app::domain::team::TeamName;
use app::entities::user;
use app::error::AppError;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};

/// Password of the additional staff accounts (demo only).
pub const TEAM_PASSWORD: &str = "Demo-Team-2026";

/// The team of each existing demo account, by e-mail.
const TEAMS: &[(&str, &str)] = &[
    ("koordination@demo.mitsprache.de", "Verwaltung"),
    ("mitarbeit@demo.mitsprache.de", "Pflege"),
    ("eingeladen@demo.mitsprache.de", "Kita"),
    ("pflege@demo.mitsprache.de", "Pflege"),
    ("betriebsrat@demo.mitsprache.de", "Verwaltung"),
    ("datenschutz@demo.mitsprache.de", "Verwaltung"),
    ("leitung@demo.mitsprache.de", "Beratung"),
];

/// Additional staff accounts: name, e-mail, team (`None`: not assigned yet).
pub const STAFF: &[(&str, &str, Option<&str>)] = &[
    (
        "Petra Pflegedienst",
        "petra@demo.mitsprache.de",
        Some("Pflege"),
    ),
    ("Tom Tagespflege", "tom@demo.mitsprache.de", Some("Pflege")),
    ("Bea Beratung", "bea@demo.mitsprache.de", Some("Beratung")),
    (
        "Bruno Schuldnerberatung",
        "bruno@demo.mitsprache.de",
        Some("Beratung"),
    ),
    ("Kira Kita", "kira@demo.mitsprache.de", Some("Kita")),
    ("Kai Krippe", "kai@demo.mitsprache.de", Some("Kita")),
    ("Nele Neu", "nele@demo.mitsprache.de", None),
];

/// Gives the demo accounts their teams and creates the additional staff.
pub async fn seed(db: &DatabaseConnection) -> Result<(), AppError> {
    for (email, team) in TEAMS {
        let Some(account) = user::Entity::find()
            .filter(user::Column::Email.eq(*email))
            .one(db)
            .await?
        else {
            continue;
        };
        let team = TeamName::parse_optional(team).map_err(AppError::invalid)?;
        set_team(db, account.id, team.as_ref()).await?;
    }
    let password = NewPassword::parse(TEAM_PASSWORD, TEAM_PASSWORD).map_err(AppError::invalid)?;
    for (name, email, team) in STAFF {
        let name = DisplayName::parse(name).map_err(AppError::invalid)?;
        let email = Email::parse(email).map_err(AppError::invalid)?;
        let account =
            create_user_with_password(db, &name, &email, &[Role::Staff], &password).await?;
        if let Some(team) = team {
            let team = TeamName::parse_optional(team).map_err(AppError::invalid)?;
            set_team(db, account.id, team.as_ref()).await?;
        }
    }
    Ok(())
}
