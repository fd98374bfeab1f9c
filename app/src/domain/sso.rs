//! Single sign-on with the organisation's OpenID provider: which account a verified identity
//! signs in to, what follows the provider's claims (team, coordinator role), and the German
//! messages for every way a log-in through the provider can fail.
//!
//! The protocol itself (PKCE, state, nonce, ID-token signature and expiry) is checked by the
//! `openidconnect` crate in `sso::ssr`; this module decides what a checked identity means.

use crate::domain::team::TeamName;
use serde::{Deserialize, Serialize};

/// How long a log-in begun at the provider may take until it comes back (the person types
/// their password there, maybe a second factor).
pub const PENDING_LOGIN_MINUTES: i64 = 15;

/// Why a log-in through the organisation's provider failed. Each has a short code (used in the
/// address of the error page, so no text from outside is ever reflected into a page) and a
/// German message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum SsoFailure {
    /// Single sign-on is not configured on this server.
    #[error(
        "Die Anmeldung mit dem Konto Ihrer Organisation ist auf diesem Server nicht eingerichtet."
    )]
    NotConfigured,
    /// The provider could not be reached or answered nonsense (discovery, keys, token endpoint down).
    #[error("Der Anmeldedienst Ihrer Organisation ist gerade nicht erreichbar. Bitte versuchen Sie es in einigen Minuten erneut.")]
    ProviderUnavailable,
    /// The person cancelled at the provider (or refused the consent).
    #[error("Sie haben die Anmeldung beim Anmeldedienst Ihrer Organisation abgebrochen. Sie können es jederzeit erneut versuchen.")]
    Cancelled,
    /// No log-in was begun in this browser, or it took too long.
    #[error("Die Anmeldung ist abgelaufen oder wurde in einem anderen Browserfenster begonnen. Bitte beginnen Sie die Anmeldung erneut.")]
    Expired,
    /// The `state` that came back is not the one sent (a forged or mixed-up answer).
    #[error("Die Antwort des Anmeldedienstes passt nicht zu Ihrer Anmeldung und wurde aus Sicherheitsgründen abgelehnt. Bitte beginnen Sie die Anmeldung erneut.")]
    StateMismatch,
    /// The provider refused the code (used twice, for another client, expired) or sent an error.
    #[error("Der Anmeldedienst hat die Anmeldung nicht bestätigt (der Anmeldecode ist ungültig, abgelaufen oder wurde schon verwendet). Bitte beginnen Sie die Anmeldung erneut.")]
    CodeRejected,
    /// The ID token failed a check: signature, issuer, audience, nonce or expiry.
    #[error("Die Anmeldebestätigung des Anmeldedienstes ist ungültig und wurde aus Sicherheitsgründen abgelehnt. Bitte wenden Sie sich an Ihre Koordination, wenn das wieder geschieht.")]
    InvalidToken,
    /// The provider sent no e-mail address, so no account can be found or created.
    #[error("Der Anmeldedienst hat keine E-Mail-Adresse übermittelt. Bitte wenden Sie sich an Ihre Koordination.")]
    EmailMissing,
    /// The e-mail address is not confirmed at the provider.
    #[error("Ihre E-Mail-Adresse ist beim Anmeldedienst Ihrer Organisation nicht bestätigt. Bitte bestätigen Sie sie dort oder wenden Sie sich an Ihre Koordination.")]
    EmailUnverified,
    /// The account is deactivated (or its data were deleted).
    #[error("Dieses Konto ist deaktiviert. Bitte wenden Sie sich an Ihre Koordination.")]
    Deactivated,
    /// The account with this e-mail is already linked to another identity at a provider.
    #[error("Das Konto mit dieser E-Mail-Adresse ist bereits mit einer anderen Anmeldung verknüpft. Bitte wenden Sie sich an Ihre Koordination.")]
    AlreadyLinked,
    /// Something failed on our side (database); details in the log.
    #[error("Bei der Anmeldung ist ein interner Fehler aufgetreten. Bitte versuchen Sie es später erneut.")]
    Internal,
}

impl SsoFailure {
    /// Every failure, for the error page and the tests.
    pub const ALL: [SsoFailure; 12] = [
        Self::NotConfigured,
        Self::ProviderUnavailable,
        Self::Cancelled,
        Self::Expired,
        Self::StateMismatch,
        Self::CodeRejected,
        Self::InvalidToken,
        Self::EmailMissing,
        Self::EmailUnverified,
        Self::Deactivated,
        Self::AlreadyLinked,
        Self::Internal,
    ];

    /// The code in the error page's address (`/anmelden/fehler?grund=…`).
    pub fn code(self) -> &'static str {
        match self {
            Self::NotConfigured => "nicht-eingerichtet",
            Self::ProviderUnavailable => "nicht-erreichbar",
            Self::Cancelled => "abgebrochen",
            Self::Expired => "abgelaufen",
            Self::StateMismatch => "ungueltige-antwort",
            Self::CodeRejected => "code-abgelehnt",
            Self::InvalidToken => "ungueltige-bestaetigung",
            Self::EmailMissing => "keine-email",
            Self::EmailUnverified => "email-unbestaetigt",
            Self::Deactivated => "deaktiviert",
            Self::AlreadyLinked => "bereits-verknuepft",
            Self::Internal => "intern",
        }
    }

    /// The failure of a code; unknown codes read as [`SsoFailure::Expired`] (start again).
    pub fn from_code(code: &str) -> Self {
        Self::ALL
            .into_iter()
            .find(|f| f.code() == code)
            .unwrap_or(Self::Expired)
    }

    /// The failure for an `error` parameter the provider sent back instead of a code
    /// (RFC 6749 §4.1.2.1, OpenID Connect Core §3.1.2.6).
    pub fn from_provider_error(error: &str) -> Self {
        match error {
            "access_denied" | "consent_required" | "interaction_required" | "login_required" => {
                Self::Cancelled
            }
            "temporarily_unavailable" | "server_error" => Self::ProviderUnavailable,
            _ => Self::CodeRejected,
        }
    }
}

/// What the provider says about the person, after the ID token passed every check (and the
/// user-info answer, where the ID token lacked claims, was merged in).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SsoIdentity {
    /// The provider's issuer URL.
    pub issuer: String,
    /// The person's stable id at the provider.
    pub subject: String,
    /// E-mail address (any case; normalised when used).
    pub email: Option<String>,
    /// Whether the provider confirmed the address.
    pub email_verified: bool,
    /// Display name from `name`, or given and family name, or the user name.
    pub name: Option<String>,
    /// The team claim's value, when a team claim is configured and present.
    pub team: Option<TeamClaim>,
    /// The values of the `groups` claim; `None` when the provider sent no such claim.
    pub groups: Option<Vec<String>>,
}

/// The team claim as sent: a name, or explicitly none (empty string).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TeamClaim {
    /// The person belongs to this team.
    Team(TeamName),
    /// The claim is empty: the person has no team.
    NoTeam,
}

/// Reads a team claim: a string, or the first string of a list (Entra and Keycloak may send
/// one-element lists). Too long or of another type: not usable (`None`, the team stays).
pub fn team_claim(value: &serde_json::Value) -> Option<TeamClaim> {
    let text = match value {
        serde_json::Value::String(s) => s.as_str(),
        serde_json::Value::Array(items) => items.iter().find_map(|v| v.as_str()).unwrap_or(""),
        serde_json::Value::Null => "",
        _ => return None,
    };
    match TeamName::parse_optional(text) {
        Ok(Some(team)) => Some(TeamClaim::Team(team)),
        Ok(None) => Some(TeamClaim::NoTeam),
        Err(_) => None,
    }
}

/// Reads a `groups` claim: a list of strings (other entries ignored) or a single string.
pub fn groups_claim(value: &serde_json::Value) -> Option<Vec<String>> {
    match value {
        serde_json::Value::Array(items) => Some(
            items
                .iter()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect(),
        ),
        serde_json::Value::String(s) => Some(vec![s.clone()]),
        _ => None,
    }
}

/// Whether `groups` contains the configured coordinator group. Keycloak sends group paths
/// ("/mitsprache-koordination"), so a leading slash is ignored on both sides.
pub fn in_group(groups: &[String], group: &str) -> bool {
    let wanted = group.trim().trim_start_matches('/');
    !wanted.is_empty()
        && groups
            .iter()
            .any(|g| g.trim().trim_start_matches('/') == wanted)
}

/// What should happen to the coordinator role at a log-in through the provider.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CoordinatorChange {
    /// Grant it (in the group, not yet coordinator).
    Grant,
    /// Take it away (the claim was sent, the group is not in it).
    Remove,
    /// Leave as is.
    Keep,
}

/// The coordinator role follows the configured group — but only when the provider sent a
/// `groups` claim at all: a provider that sends none leaves every role as it is.
pub fn coordinator_change(
    group: Option<&str>,
    groups: Option<&[String]>,
    is_coordinator: bool,
) -> CoordinatorChange {
    match (group, groups) {
        (Some(group), Some(groups)) => match (in_group(groups, group), is_coordinator) {
            (true, false) => CoordinatorChange::Grant,
            (false, true) => CoordinatorChange::Remove,
            _ => CoordinatorChange::Keep,
        },
        _ => CoordinatorChange::Keep,
    }
}

/// An account as far as the log-in decision needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KnownAccount {
    /// Account id.
    pub id: i64,
    /// Whether it may log in.
    pub active: bool,
    /// The provider identity it is linked to, if any: (issuer, subject).
    pub linked: Option<(String, String)>,
}

/// Which account a verified identity signs in to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SsoDecision {
    /// The account linked to this identity.
    SignIn(i64),
    /// The account with the same verified e-mail: link it to this identity, then sign in.
    Link(i64),
    /// No account yet: create one (just in time) from the verified e-mail and name.
    Create,
}

/// Decides the account for `identity`, given the account linked to its issuer and subject
/// (`by_subject`) and the account with its e-mail address (`by_email`).
///
/// Linked accounts are found by subject only — a changed e-mail at the provider keeps the
/// account, and another identity that claims the same e-mail cannot take it over. An
/// unlinked account is linked only by an e-mail the provider confirmed.
pub fn decide(
    identity: &SsoIdentity,
    by_subject: Option<&KnownAccount>,
    by_email: Option<&KnownAccount>,
) -> Result<SsoDecision, SsoFailure> {
    if let Some(account) = by_subject {
        return if account.active {
            Ok(SsoDecision::SignIn(account.id))
        } else {
            Err(SsoFailure::Deactivated)
        };
    }
    if identity
        .email
        .as_deref()
        .is_none_or(|e| e.trim().is_empty())
    {
        return Err(SsoFailure::EmailMissing);
    }
    if !identity.email_verified {
        return Err(SsoFailure::EmailUnverified);
    }
    match by_email {
        Some(account) if account.linked.is_some() => Err(SsoFailure::AlreadyLinked),
        Some(account) if !account.active => Err(SsoFailure::Deactivated),
        Some(account) => Ok(SsoDecision::Link(account.id)),
        None => Ok(SsoDecision::Create),
    }
}

/// The display name for a new account: the provider's name, else the e-mail's local part.
pub fn new_account_name(identity: &SsoIdentity, email: &str) -> String {
    identity
        .name
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(|n| n.chars().take(crate::domain::account::NAME_MAX).collect())
        .unwrap_or_else(|| email.split('@').next().unwrap_or(email).to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn identity(email: Option<&str>, verified: bool) -> SsoIdentity {
        SsoIdentity {
            issuer: "https://login.example.org".into(),
            subject: "sub-1".into(),
            email: email.map(str::to_owned),
            email_verified: verified,
            name: Some("Anna Pflege".into()),
            team: None,
            groups: None,
        }
    }

    fn account(id: i64, active: bool, linked: bool) -> KnownAccount {
        KnownAccount {
            id,
            active,
            linked: linked.then(|| ("https://login.example.org".into(), "other".into())),
        }
    }

    #[test]
    fn a_linked_account_is_found_by_subject_even_when_the_email_changed() {
        let who = identity(Some("neu@example.org"), true);
        assert_eq!(
            decide(&who, Some(&account(7, true, true)), None),
            Ok(SsoDecision::SignIn(7))
        );
    }

    #[test]
    fn an_account_with_the_same_verified_email_is_linked() {
        let who = identity(Some("anna@example.org"), true);
        assert_eq!(
            decide(&who, None, Some(&account(3, true, false))),
            Ok(SsoDecision::Link(3))
        );
    }

    #[test]
    fn an_unverified_email_neither_links_nor_creates_an_account() {
        let who = identity(Some("anna@example.org"), false);
        assert_eq!(
            decide(&who, None, Some(&account(3, true, false))),
            Err(SsoFailure::EmailUnverified)
        );
        assert_eq!(decide(&who, None, None), Err(SsoFailure::EmailUnverified));
    }

    #[test]
    fn a_deactivated_account_stays_refused_whether_found_by_subject_or_email() {
        let who = identity(Some("anna@example.org"), true);
        assert_eq!(
            decide(&who, Some(&account(3, false, true)), None),
            Err(SsoFailure::Deactivated)
        );
        assert_eq!(
            decide(&who, None, Some(&account(3, false, false))),
            Err(SsoFailure::Deactivated)
        );
    }

    #[test]
    fn an_account_linked_to_another_identity_is_not_taken_over_by_email() {
        let who = identity(Some("anna@example.org"), true);
        assert_eq!(
            decide(&who, None, Some(&account(3, true, true))),
            Err(SsoFailure::AlreadyLinked)
        );
    }

    #[test]
    fn a_new_person_with_a_verified_email_gets_an_account() {
        let who = identity(Some("anna@example.org"), true);
        assert_eq!(decide(&who, None, None), Ok(SsoDecision::Create));
        assert_eq!(
            decide(&identity(None, true), None, None),
            Err(SsoFailure::EmailMissing)
        );
    }

    #[test]
    fn every_failure_has_its_own_code_that_reads_back() {
        let mut codes: Vec<&str> = SsoFailure::ALL.iter().map(|f| f.code()).collect();
        for failure in SsoFailure::ALL {
            assert_eq!(SsoFailure::from_code(failure.code()), failure);
        }
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), SsoFailure::ALL.len());
        assert_eq!(SsoFailure::from_code("<script>"), SsoFailure::Expired);
    }

    #[test]
    fn a_cancelled_log_in_at_the_provider_reads_as_cancelled() {
        assert_eq!(
            SsoFailure::from_provider_error("access_denied"),
            SsoFailure::Cancelled
        );
        assert_eq!(
            SsoFailure::from_provider_error("invalid_request"),
            SsoFailure::CodeRejected
        );
    }

    #[test]
    fn the_team_claim_may_be_a_string_or_a_list_and_blank_means_no_team() {
        let pflege = TeamName::parse_optional("Pflege").unwrap().unwrap();
        assert_eq!(
            team_claim(&serde_json::json!("Pflege")),
            Some(TeamClaim::Team(pflege.clone()))
        );
        assert_eq!(
            team_claim(&serde_json::json!(["Pflege", "Kita"])),
            Some(TeamClaim::Team(pflege))
        );
        assert_eq!(
            team_claim(&serde_json::json!("  ")),
            Some(TeamClaim::NoTeam)
        );
        assert_eq!(team_claim(&serde_json::json!(42)), None);
        assert_eq!(team_claim(&serde_json::json!("x".repeat(500))), None);
    }

    #[test]
    fn the_coordinator_role_follows_the_group_only_when_groups_are_sent() {
        let groups = vec!["/mitsprache-koordination".to_owned(), "alle".to_owned()];
        let group = Some("mitsprache-koordination");
        assert_eq!(
            coordinator_change(group, Some(&groups), false),
            CoordinatorChange::Grant
        );
        assert_eq!(
            coordinator_change(group, Some(&["alle".to_owned()]), true),
            CoordinatorChange::Remove
        );
        assert_eq!(
            coordinator_change(group, None, true),
            CoordinatorChange::Keep
        );
        assert_eq!(
            coordinator_change(None, Some(&groups), false),
            CoordinatorChange::Keep
        );
    }

    #[test]
    fn a_new_account_is_named_from_the_claim_or_the_email() {
        let mut who = identity(Some("anna@example.org"), true);
        assert_eq!(new_account_name(&who, "anna@example.org"), "Anna Pflege");
        who.name = None;
        assert_eq!(new_account_name(&who, "anna@example.org"), "anna");
    }
}
