//! Invitations: a one-time link with which an invited person sets their password.

use chrono::{DateTime, Duration, Utc};

/// How long an invitation link is valid.
pub fn validity() -> Duration {
    Duration::days(7)
}

/// Why an invitation cannot be used; the text is shown to the person who opened the link.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum InvitationError {
    /// No invitation has this token.
    #[error("Dieser Einladungslink ist ungültig. Bitte fragen Sie Ihre Koordination nach einem neuen Link.")]
    Unknown,
    /// The link is older than its validity.
    #[error("Dieser Einladungslink ist abgelaufen. Bitte fragen Sie Ihre Koordination nach einem neuen Link.")]
    Expired,
    /// The link has been used already.
    #[error("Dieser Einladungslink wurde bereits verwendet. Bitte melden Sie sich mit Ihrem Passwort an.")]
    AlreadyUsed,
    /// The account was deactivated in the meantime.
    #[error("Dieses Konto ist deaktiviert.")]
    AccountInactive,
}

/// The facts about a stored invitation that decide whether it can be used.
#[derive(Debug, Clone, Copy)]
pub struct InvitationState {
    /// When it stops being valid.
    pub expires_at: DateTime<Utc>,
    /// When it was used, if it was.
    pub used_at: Option<DateTime<Utc>>,
    /// When a newer invitation for the same account replaced it, if one did.
    pub revoked: bool,
    /// Whether the invited account is active.
    pub account_active: bool,
}

/// Decides whether an invitation may be accepted at `now`.
pub fn check_usable(
    state: Option<InvitationState>,
    now: DateTime<Utc>,
) -> Result<(), InvitationError> {
    let state = state.ok_or(InvitationError::Unknown)?;
    if state.used_at.is_some() {
        return Err(InvitationError::AlreadyUsed);
    }
    if state.revoked {
        return Err(InvitationError::Unknown);
    }
    if !state.account_active {
        return Err(InvitationError::AccountInactive);
    }
    if now >= state.expires_at {
        return Err(InvitationError::Expired);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2026-11-21T10:00:00Z")
            .unwrap()
            .with_timezone(&Utc)
    }

    fn fresh() -> InvitationState {
        InvitationState {
            expires_at: now() + validity(),
            used_at: None,
            revoked: false,
            account_active: true,
        }
    }

    #[test]
    fn a_fresh_invitation_is_usable_for_seven_days() {
        assert_eq!(check_usable(Some(fresh()), now()), Ok(()));
        assert_eq!(
            check_usable(
                Some(fresh()),
                now() + Duration::days(7) - Duration::seconds(1)
            ),
            Ok(())
        );
        assert_eq!(
            check_usable(Some(fresh()), now() + Duration::days(7)),
            Err(InvitationError::Expired)
        );
    }

    #[test]
    fn a_used_invitation_cannot_be_used_again() {
        let used = InvitationState {
            used_at: Some(now()),
            ..fresh()
        };
        assert_eq!(
            check_usable(Some(used), now()),
            Err(InvitationError::AlreadyUsed)
        );
    }

    #[test]
    fn an_unknown_or_replaced_token_is_refused() {
        assert_eq!(check_usable(None, now()), Err(InvitationError::Unknown));
        let revoked = InvitationState {
            revoked: true,
            ..fresh()
        };
        assert_eq!(
            check_usable(Some(revoked), now()),
            Err(InvitationError::Unknown)
        );
    }

    #[test]
    fn an_invitation_for_a_deactivated_account_is_refused() {
        let inactive = InvitationState {
            account_active: false,
            ..fresh()
        };
        assert_eq!(
            check_usable(Some(inactive), now()),
            Err(InvitationError::AccountInactive)
        );
    }
}
