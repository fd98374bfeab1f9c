//! Data protection (DSGVO): how long what is kept, what deleting a person means, and the list
//! of stored data the "Datenschutz" page shows (built from the same constants the clean-up
//! uses, so the page cannot promise something the server does not do).

use crate::domain::account::SESSION_MAX_AGE_DAYS;
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

/// A session ends after this many hours without use (and at most [`SESSION_MAX_AGE_DAYS`]
/// after log-in); its row is deleted by the next clean-up.
pub const SESSION_IDLE_HOURS: i64 = 12;
/// Invitations that can no longer be used (used, replaced or expired) are deleted this many
/// days after they were created.
pub const SPENT_INVITATION_DAYS: i64 = 30;
/// A staff-list preview that was never applied is deleted after this many hours.
pub const IMPORT_PREVIEW_HOURS: i64 = 24;
/// Log-in attempts are counted for this many minutes.
pub const THROTTLE_MINUTES: i64 = 15;
/// Mails that were sent or given up are deleted this many days after they were written (the
/// inbox entry they carried stays).
pub const SENT_MAIL_DAYS: i64 = 30;
/// How often the clean-up runs, in minutes.
pub const CLEANUP_EVERY_MINUTES: i64 = 10;

/// The name a deleted person's texts are shown under.
pub const DELETED_NAME: &str = "ehemalige:r Mitarbeiter:in";
/// What stands in place of a removed text.
pub const REMOVED_TEXT: &str = "[Dieser Text wurde auf Wunsch der verfassenden Person gelöscht.]";

/// The address a deleted account keeps (unique, unusable: `.invalid` is reserved, RFC 2606),
/// so the same person can be invited or import anew as a new account.
pub fn deleted_email(user_id: i64) -> String {
    format!("geloescht-{user_id}@mitsprache.invalid")
}

/// What happens to a deleted person's texts (`MITSPRACHE_DELETED_TEXTS`): the organisation
/// decides once for all deletions.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum DeletedTexts {
    /// Comments, contributions and reports stay in the record under [`DELETED_NAME`].
    #[default]
    Keep,
    /// Their wording is replaced by [`REMOVED_TEXT`]; the answers to them stay.
    Remove,
}

impl DeletedTexts {
    /// Reads the setting (`keep`/`behalten` or `remove`/`entfernen`).
    pub fn parse(value: &str) -> Option<Self> {
        match value.trim().to_lowercase().as_str() {
            "keep" | "behalten" => Some(Self::Keep),
            "remove" | "entfernen" => Some(Self::Remove),
            _ => None,
        }
    }

    /// The stored value (in the audit entry of a deletion).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Keep => "kept",
            Self::Remove => "removed",
        }
    }
}

/// Whether an invitation row may be deleted at `now`: it cannot be used any more and was
/// created more than [`SPENT_INVITATION_DAYS`] ago.
pub fn invitation_spent(
    created_at: DateTime<Utc>,
    expires_at: DateTime<Utc>,
    used: bool,
    revoked: bool,
    now: DateTime<Utc>,
) -> bool {
    let unusable = used || revoked || expires_at <= now;
    unusable && now - created_at >= Duration::days(SPENT_INVITATION_DAYS)
}

/// One kind of stored data, for the "Datenschutz" page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredData {
    /// What is stored.
    pub what: String,
    /// What for.
    pub purpose: String,
    /// For how long.
    pub kept: String,
}

fn item(what: &str, purpose: &str, kept: String) -> StoredData {
    StoredData {
        what: what.to_owned(),
        purpose: purpose.to_owned(),
        kept,
    }
}

/// Everything Mitsprache stores about people, why, and for how long.
pub fn stored_data() -> Vec<StoredData> {
    vec![
        item(
            "Konto: Name, E-Mail-Adresse, Team, Rollen, Passwort (nur als argon2-Prüfwert), bei Anmeldung über die Organisation deren Kennung für Sie",
            "Anmeldung, Anzeige bei Ihren Beiträgen, Zielgruppen von Diskursrunden",
            "bis das Konto auf Ihren Wunsch gelöscht wird; ein deaktiviertes Konto bleibt bis dahin gespeichert".to_owned(),
        ),
        item(
            "Sitzung (ein zufälliges Cookie und der Anmeldezeitpunkt)",
            "angemeldet bleiben",
            format!(
                "endet {SESSION_IDLE_HOURS} Stunden nach der letzten Nutzung, spätestens {SESSION_MAX_AGE_DAYS} Tage nach der Anmeldung; danach innerhalb von {CLEANUP_EVERY_MINUTES} Minuten gelöscht"
            ),
        ),
        item(
            "Einladungslinks (nur als SHA-256-Prüfwert)",
            "erste Anmeldung eingeladener Personen",
            format!("gültig 7 Tage; benutzte, ersetzte und abgelaufene Links werden {SPENT_INVITATION_DAYS} Tage nach ihrer Erstellung gelöscht"),
        ),
        item(
            "Zähler fehlgeschlagener Anmeldungen (E-Mail-Adresse bzw. IP-Adresse)",
            "Schutz vor dem Erraten von Passwörtern",
            format!("{THROTTLE_MINUTES} Minuten, danach innerhalb von {CLEANUP_EVERY_MINUTES} Minuten gelöscht"),
        ),
        item(
            "Benachrichtigungen in Ihrem Postfach und Ihre E-Mail-Einstellungen",
            "Sie erfahren, was im Prozess geschieht und was auf Sie wartet",
            "bis Ihr Konto gelöscht wird".to_owned(),
        ),
        item(
            "E-Mails an Sie im Postausgang (Adresse, Betreff, Text)",
            "Zustellung; die Koordination sieht fehlgeschlagene Zustellungen",
            format!("gesendete und endgültig fehlgeschlagene E-Mails werden {SENT_MAIL_DAYS} Tage nach ihrer Erstellung gelöscht; ohne Mailserver (Probebetrieb) liegen sie zusätzlich als Datei auf dem Server, die nicht automatisch gelöscht wird"),
        ),
        item(
            "Hochgeladene Mitarbeitendenlisten (Namen, E-Mail-Adressen, Teams)",
            "Vorschau vor dem Import",
            format!("bis zur Übernahme, höchstens {IMPORT_PREVIEW_HOURS} Stunden; nach der Übernahme bleiben nur die Anzahlen"),
        ),
        item(
            "Beiträge, Kommentare, Antworten, Unterstützungen, Erfahrungsberichte, Lesebestätigungen",
            "der nachvollziehbare Beteiligungsprozess",
            "so lange wie der Prozess; nach einer Löschung Ihres Kontos stehen Ihre Texte unter „ehemalige:r Mitarbeiter:in“ (oder werden entfernt, wenn Ihre Organisation das so eingestellt hat)".to_owned(),
        ),
        item(
            "Audit-Protokoll (wer hat wann welchen Schritt getan, als Konto-Nummer)",
            "nachprüfbare Entscheidungen (Hash-Kette)",
            "dauerhaft; nach einer Löschung zeigt es statt Ihres Namens „ehemalige:r Mitarbeiter:in“".to_owned(),
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(days: i64) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2026-11-01T10:00:00Z")
            .unwrap()
            .with_timezone(&Utc)
            + Duration::days(days)
    }

    #[test]
    fn a_usable_invitation_is_never_deleted() {
        assert!(!invitation_spent(at(0), at(7), false, false, at(3)));
    }

    #[test]
    fn spent_invitations_are_deleted_thirty_days_after_creation() {
        // Used after a day: kept for the month, then deleted.
        assert!(!invitation_spent(at(0), at(7), true, false, at(29)));
        assert!(invitation_spent(at(0), at(7), true, false, at(30)));
        // Expired or replaced: the same.
        assert!(invitation_spent(at(0), at(7), false, false, at(31)));
        assert!(invitation_spent(at(0), at(7), false, true, at(30)));
    }

    #[test]
    fn the_texts_setting_reads_english_and_german() {
        assert_eq!(DeletedTexts::parse("entfernen"), Some(DeletedTexts::Remove));
        assert_eq!(DeletedTexts::parse(" Keep "), Some(DeletedTexts::Keep));
        assert_eq!(DeletedTexts::parse("vielleicht"), None);
    }

    #[test]
    fn a_deleted_account_gets_an_unusable_unique_address() {
        assert_eq!(deleted_email(42), "geloescht-42@mitsprache.invalid");
        assert!(crate::domain::account::Email::parse(&deleted_email(42)).is_ok());
    }

    #[test]
    fn the_privacy_page_names_the_times_the_clean_up_uses() {
        let all = stored_data();
        assert!(all.iter().any(|d| d.kept.contains("12 Stunden")));
        assert!(all.iter().any(|d| d.kept.contains("30 Tage")));
        assert!(all.iter().any(|d| d.kept.contains("24 Stunden")));
    }
}
