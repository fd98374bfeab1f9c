//! Accounts: e-mail addresses, display names, the password policy and global roles.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Maximum length of an e-mail address (RFC 5321 path limit).
pub const EMAIL_MAX: usize = 254;
/// Shortest password we accept.
pub const PASSWORD_MIN: usize = 10;
/// Longest password we accept (argon2 would take more, but nobody types this much).
pub const PASSWORD_MAX: usize = 256;
/// Longest display name.
pub const NAME_MAX: usize = 100;
/// Longest password a log-in form may send: generous (passwords set elsewhere may be longer
/// than [`PASSWORD_MAX`]), but bounded before any database or argon2 work.
pub const LOGIN_PASSWORD_MAX: usize = 1024;

/// Why an account field was refused; the `Display` text is shown to the user (German).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AccountFieldError {
    /// The e-mail address is empty or not of the form local@domain.tld.
    #[error("Bitte geben Sie eine gültige E-Mail-Adresse an (z. B. name@organisation.de).")]
    InvalidEmail,
    /// The display name is empty.
    #[error("Bitte geben Sie einen Namen an.")]
    EmptyName,
    /// The display name is too long.
    #[error("Der Name darf höchstens {NAME_MAX} Zeichen lang sein.")]
    NameTooLong,
    /// The password is shorter than the minimum.
    #[error("Das Passwort muss mindestens {PASSWORD_MIN} Zeichen lang sein.")]
    PasswordTooShort,
    /// The password is longer than the maximum.
    #[error("Das Passwort darf höchstens {PASSWORD_MAX} Zeichen lang sein.")]
    PasswordTooLong,
    /// Password and confirmation differ.
    #[error("Die beiden Passwörter stimmen nicht überein.")]
    PasswordMismatch,
    /// The role name is unknown.
    #[error("Unbekannte Rolle.")]
    UnknownRole,
}

/// A syntactically valid, normalised (trimmed, lower-case) e-mail address.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Email(String);

impl Email {
    /// Parses and normalises an e-mail address.
    pub fn parse(input: &str) -> Result<Self, AccountFieldError> {
        let email = input.trim().to_lowercase();
        if email.is_empty() || email.chars().count() > EMAIL_MAX {
            return Err(AccountFieldError::InvalidEmail);
        }
        let (local, domain) = email
            .split_once('@')
            .ok_or(AccountFieldError::InvalidEmail)?;
        let valid_local = !local.is_empty()
            && !local.starts_with('.')
            && !local.ends_with('.')
            && local
                .chars()
                .all(|c| !c.is_whitespace() && !c.is_control() && c != '@');
        let valid_domain = domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains("..")
            && domain
                .chars()
                .all(|c| c.is_alphanumeric() || c == '-' || c == '.');
        if valid_local && valid_domain {
            Ok(Self(email))
        } else {
            Err(AccountFieldError::InvalidEmail)
        }
    }

    /// The normalised address.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A person's display name: trimmed, non-empty, at most [`NAME_MAX`] characters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DisplayName(String);

impl DisplayName {
    /// Parses a display name, collapsing inner runs of white space.
    pub fn parse(input: &str) -> Result<Self, AccountFieldError> {
        let name = input.split_whitespace().collect::<Vec<_>>().join(" ");
        if name.is_empty() {
            Err(AccountFieldError::EmptyName)
        } else if name.chars().count() > NAME_MAX {
            Err(AccountFieldError::NameTooLong)
        } else {
            Ok(Self(name))
        }
    }

    /// The name as entered (normalised).
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The longest a session lives after log-in, however active it is: a session left open on a
/// ward's shared PC must end some day.
pub const SESSION_MAX_AGE_DAYS: i64 = 7;

/// Whether a session signed in at `signed_in_at` has outlived [`SESSION_MAX_AGE_DAYS`] at `now`.
/// A session without a sign-in time (made before the limit existed) counts as expired.
pub fn session_outlived(
    signed_in_at: Option<chrono::DateTime<chrono::Utc>>,
    now: chrono::DateTime<chrono::Utc>,
) -> bool {
    signed_in_at.is_none_or(|at| now - at >= chrono::Duration::days(SESSION_MAX_AGE_DAYS))
}

/// The fields of a log-in form, bounded in length before anything else looks at them: an
/// address longer than [`EMAIL_MAX`] cannot belong to an account, and a password longer than
/// [`LOGIN_PASSWORD_MAX`] is not checked (a megabyte of "e-mail" must not become a database key
/// or argon2 input). Not `Debug`-printed, for the password's sake.
pub struct LoginInput {
    email: String,
    password: String,
}

/// Why a log-in form was refused before checking it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LoginInputError {
    /// The e-mail field is longer than any address can be.
    #[error("Die E-Mail-Adresse ist zu lang (höchstens {EMAIL_MAX} Zeichen).")]
    EmailTooLong,
    /// The password field is longer than accepted.
    #[error("Das Passwort ist zu lang (höchstens 1.024 Zeichen).")]
    PasswordTooLong,
}

impl LoginInput {
    /// Bounds both fields; the content is checked later (as "wrong e-mail or password").
    pub fn parse(email: &str, password: &str) -> Result<Self, LoginInputError> {
        let email = email.trim();
        // Byte length first: cheap, and a longer byte string may still be short in characters.
        if email.len() > 4 * EMAIL_MAX || email.chars().count() > EMAIL_MAX {
            return Err(LoginInputError::EmailTooLong);
        }
        if password.len() > 4 * LOGIN_PASSWORD_MAX || password.chars().count() > LOGIN_PASSWORD_MAX
        {
            return Err(LoginInputError::PasswordTooLong);
        }
        Ok(Self {
            email: email.to_owned(),
            password: password.to_owned(),
        })
    }

    /// The e-mail as typed (trimmed).
    pub fn email(&self) -> &str {
        &self.email
    }

    /// The key the per-account throttle counts under: the address in lower case.
    pub fn email_key(&self) -> String {
        self.email.to_lowercase()
    }

    /// The password, for checking.
    pub fn password(&self) -> &str {
        &self.password
    }
}

/// A new password that satisfies the policy. Deliberately not `Serialize` and not `Debug`-printed.
#[derive(Clone)]
pub struct NewPassword(String);

impl fmt::Debug for NewPassword {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("NewPassword(***)")
    }
}

impl NewPassword {
    /// Checks length and that the confirmation matches.
    pub fn parse(password: &str, confirmation: &str) -> Result<Self, AccountFieldError> {
        let len = password.chars().count();
        if len < PASSWORD_MIN {
            Err(AccountFieldError::PasswordTooShort)
        } else if len > PASSWORD_MAX {
            Err(AccountFieldError::PasswordTooLong)
        } else if password != confirmation {
            Err(AccountFieldError::PasswordMismatch)
        } else {
            Ok(Self(password.to_owned()))
        }
    }

    /// The password, for hashing.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

/// Organisation-wide roles. Process-specific roles (project group, approving bodies) live with the process.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(
    feature = "ssr",
    derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum),
    sea_orm(
        rs_type = "String",
        db_type = "String(sea_orm::sea_query::StringLen::N(32))"
    )
)]
pub enum Role {
    /// Mitarbeitende: comments, contributes, reads.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "staff"))]
    Staff,
    /// KI-Koordinator:in / Admin: manages users and processes.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "coordinator"))]
    Coordinator,
}

impl Role {
    /// Every role, in display order.
    pub const ALL: [Role; 2] = [Role::Staff, Role::Coordinator];

    /// The value stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Staff => "staff",
            Role::Coordinator => "coordinator",
        }
    }

    /// Parses a stored or submitted role name.
    pub fn parse(input: &str) -> Result<Self, AccountFieldError> {
        match input.trim() {
            "staff" => Ok(Role::Staff),
            "coordinator" => Ok(Role::Coordinator),
            _ => Err(AccountFieldError::UnknownRole),
        }
    }

    /// The German label shown in the UI.
    pub fn label_de(self) -> &'static str {
        match self {
            Role::Staff => "Mitarbeitende",
            Role::Coordinator => "Koordination (Admin)",
        }
    }
}

/// What a signed-in person may do, decided from their roles only.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Permission {
    /// List, invite and deactivate accounts.
    ManageUsers,
    /// Create guideline processes.
    CreateProcess,
    /// Read and verify the audit log.
    ViewAuditLog,
}

/// Whether someone holding `roles` has `permission`.
pub fn has_permission(roles: &[Role], permission: Permission) -> bool {
    match permission {
        Permission::ManageUsers | Permission::CreateProcess | Permission::ViewAuditLog => {
            roles.contains(&Role::Coordinator)
        }
    }
}

/// Whether an actor may deactivate the target account (nobody deactivates themselves,
/// so an organisation cannot lock out its last coordinator by accident).
pub fn may_deactivate(actor_id: i64, actor_roles: &[Role], target_id: i64) -> bool {
    actor_id != target_id && has_permission(actor_roles, Permission::ManageUsers)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn email_is_trimmed_and_lowercased() {
        let email = Email::parse("  Anna.Schmidt@Caritas-Beispiel.DE ").unwrap();
        assert_eq!(email.as_str(), "anna.schmidt@caritas-beispiel.de");
    }

    #[test]
    fn email_without_at_or_domain_dot_is_refused() {
        for bad in [
            "",
            "anna",
            "anna@",
            "@example.de",
            "anna@example",
            "anna@.de",
            "a b@example.de",
            "anna@exa mple.de",
            "anna@example..de",
            ".anna@example.de",
        ] {
            assert_eq!(
                Email::parse(bad),
                Err(AccountFieldError::InvalidEmail),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn email_with_umlaut_domain_is_accepted() {
        assert!(Email::parse("info@müller-pflege.de").is_ok());
    }

    #[test]
    fn overlong_email_is_refused() {
        let long = format!("{}@example.de", "a".repeat(250));
        assert_eq!(Email::parse(&long), Err(AccountFieldError::InvalidEmail));
    }

    #[test]
    fn display_name_collapses_whitespace_and_refuses_empty() {
        assert_eq!(
            DisplayName::parse("  Anna   Schmidt ").unwrap().as_str(),
            "Anna Schmidt"
        );
        assert_eq!(DisplayName::parse("   "), Err(AccountFieldError::EmptyName));
        assert_eq!(
            DisplayName::parse(&"x".repeat(NAME_MAX + 1)),
            Err(AccountFieldError::NameTooLong)
        );
    }

    #[test]
    fn password_policy_checks_length_and_confirmation() {
        assert_eq!(
            NewPassword::parse("kurz", "kurz").unwrap_err(),
            AccountFieldError::PasswordTooShort
        );
        assert_eq!(
            NewPassword::parse("lang-genug-123", "lang-genug-124").unwrap_err(),
            AccountFieldError::PasswordMismatch
        );
        let long = "x".repeat(PASSWORD_MAX + 1);
        assert_eq!(
            NewPassword::parse(&long, &long).unwrap_err(),
            AccountFieldError::PasswordTooLong
        );
        assert_eq!(
            NewPassword::parse("lang-genug-123", "lang-genug-123")
                .unwrap()
                .expose(),
            "lang-genug-123"
        );
    }

    #[test]
    fn password_length_counts_characters_not_bytes() {
        // Nine umlauts are 18 bytes but only nine characters: too short.
        let pw = "äääääääää";
        assert_eq!(
            NewPassword::parse(pw, pw).unwrap_err(),
            AccountFieldError::PasswordTooShort
        );
    }

    #[test]
    fn password_debug_output_hides_the_secret() {
        let pw = NewPassword::parse("geheim-geheim", "geheim-geheim").unwrap();
        assert!(!format!("{pw:?}").contains("geheim"));
    }

    #[test]
    fn roles_round_trip_through_their_stored_names() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.as_str()), Ok(role));
        }
        assert_eq!(Role::parse("admin"), Err(AccountFieldError::UnknownRole));
    }

    #[test]
    fn only_coordinators_manage_users() {
        assert!(has_permission(
            &[Role::Staff, Role::Coordinator],
            Permission::ManageUsers
        ));
        assert!(!has_permission(&[Role::Staff], Permission::ManageUsers));
        assert!(!has_permission(&[], Permission::ManageUsers));
    }

    #[test]
    fn only_coordinators_read_the_audit_log() {
        assert!(has_permission(
            &[Role::Coordinator],
            Permission::ViewAuditLog
        ));
        assert!(!has_permission(&[Role::Staff], Permission::ViewAuditLog));
    }

    #[test]
    fn a_coordinator_cannot_deactivate_themselves() {
        assert!(may_deactivate(1, &[Role::Coordinator], 2));
        assert!(!may_deactivate(1, &[Role::Coordinator], 1));
        assert!(!may_deactivate(1, &[Role::Staff], 2));
    }

    #[test]
    fn a_log_in_with_an_overlong_email_or_password_is_refused_before_any_check() {
        let long_email = format!("{}@example.org", "a".repeat(EMAIL_MAX));
        assert_eq!(
            LoginInput::parse(&long_email, "x").err(),
            Some(LoginInputError::EmailTooLong)
        );
        let megabyte = "a".repeat(1_000_000);
        assert_eq!(
            LoginInput::parse(&megabyte, "x").err(),
            Some(LoginInputError::EmailTooLong)
        );
        assert_eq!(
            LoginInput::parse("a@b.de", &"p".repeat(LOGIN_PASSWORD_MAX + 1)).err(),
            Some(LoginInputError::PasswordTooLong)
        );
        let ok = LoginInput::parse(" Petra@Demo.de ", &"p".repeat(LOGIN_PASSWORD_MAX)).unwrap();
        assert_eq!(ok.email(), "Petra@Demo.de");
        assert_eq!(ok.email_key(), "petra@demo.de");
    }

    #[test]
    fn a_session_ends_seven_days_after_log_in_however_active() {
        let t0 = chrono::DateTime::parse_from_rfc3339("2026-11-21T10:00:00Z")
            .unwrap()
            .with_timezone(&chrono::Utc);
        assert!(!session_outlived(Some(t0), t0 + chrono::Duration::days(6)));
        assert!(session_outlived(Some(t0), t0 + chrono::Duration::days(7)));
        assert!(session_outlived(None, t0));
    }
}
