//! The append-only audit log as a hash chain: every entry's hash covers all its fields and
//! the previous entry's hash, so changing, deleting or reordering a stored entry breaks the
//! chain at exactly that place, and `server verify-audit` can name the first broken entry.
//!
//! Limits of a chain on its own: someone who can write the database can rewrite an entry and
//! every entry after it, and can drop the newest entries. Both are caught only against a head
//! (last `seq` and `hash`) recorded elsewhere, e.g. printed by the verification or noted in
//! the adoption minutes; [`verify_segment`] returns the head for that purpose.
//!
//! Hashing needs `sha2`, which is server-only (`ssr`); the entry types are available everywhere.

use serde::{Deserialize, Serialize};
use thiserror::Error;

use chrono::{DateTime, Utc};

/// The `prev_hash` of the first entry: 64 zeros.
pub const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// Separates this encoding from any other use of SHA-256 in the app, and versions it.
#[cfg(feature = "ssr")]
const ENCODING_TAG: &[u8] = b"mitsprache-audit-v1";

/// One stored entry of the audit log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    /// Position in the chain: 1, 2, 3 … without gaps.
    pub seq: i64,
    /// When it happened (whole microseconds, which every database keeps exactly).
    pub at: DateTime<Utc>,
    /// Who did it; `None` for the system (migrations, scheduled jobs, CLI).
    pub actor_id: Option<i64>,
    /// What happened, e.g. `round.closed` (see [`AuditAction`]).
    pub action: String,
    /// The kind of object affected, e.g. `round`.
    pub object_type: String,
    /// The object's id, if it has one.
    pub object_id: Option<i64>,
    /// Further facts as JSON text (ids, hashes, old and new values). Stored and hashed as the
    /// exact text, never re-serialised: a database `jsonb` column would reorder keys and
    /// break the hash, so the column must be plain text.
    pub details: String,
    /// The previous entry's `hash` ([`GENESIS_HASH`] for the first).
    pub prev_hash: String,
    /// Hex SHA-256 over `prev_hash` and all fields above (see [`compute_hash`]).
    pub hash: String,
}

/// The fields an entry's hash covers, apart from `prev_hash`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AuditFields<'a> {
    /// Position in the chain.
    pub seq: i64,
    /// When it happened.
    pub at: DateTime<Utc>,
    /// Who did it.
    pub actor_id: Option<i64>,
    /// What happened.
    pub action: &'a str,
    /// The kind of object affected.
    pub object_type: &'a str,
    /// The object's id.
    pub object_id: Option<i64>,
    /// Further facts as JSON text.
    pub details: &'a str,
}

impl AuditEntry {
    /// The fields the hash covers.
    pub fn fields(&self) -> AuditFields<'_> {
        AuditFields {
            seq: self.seq,
            at: self.at,
            actor_id: self.actor_id,
            action: &self.action,
            object_type: &self.object_type,
            object_id: self.object_id,
            details: &self.details,
        }
    }
}

/// An event to log, before it gets its place in the chain.
#[derive(Debug, Clone, PartialEq)]
pub struct NewAuditEntry {
    /// When it happened.
    pub at: DateTime<Utc>,
    /// Who did it; `None` for the system.
    pub actor_id: Option<i64>,
    /// What happened.
    pub action: AuditAction,
    /// The kind of object affected, e.g. `round`.
    pub object_type: String,
    /// The object's id.
    pub object_id: Option<i64>,
    /// Further facts.
    pub details: serde_json::Value,
}

/// The last verified entry: continue verification from here, or compare with a recorded head.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChainHead {
    /// The entry's position.
    pub seq: i64,
    /// The entry's hash.
    pub hash: String,
}

/// The actions the app logs. Stored as [`AuditAction::as_str`]; entries keep the plain text,
/// so an action renamed later still verifies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum AuditAction {
    /// A process changed step.
    StepChanged,
    /// A version was published.
    VersionPublished,
    /// A discourse round was opened.
    RoundOpened,
    /// A discourse round was closed.
    RoundClosed,
    /// A round's deadline was extended or shortened.
    RoundDeadlineChanged,
    /// A round was ended before its deadline (by the group or a step change).
    RoundEndedEarly,
    /// A scheduled round was cancelled (by the group or a step change).
    RoundCancelled,
    /// A comment received or changed its disposition.
    DispositionSet,
    /// A comment was hidden by moderation.
    CommentHidden,
    /// A version was frozen and proposed for adoption.
    VersionProposed,
    /// A body's decision was recorded (or corrected).
    DecisionRecorded,
    /// A version was adopted.
    VersionAdopted,
    /// A rejected version was sent back to discourse or draft.
    VersionReturned,
    /// The project group withdrew a proposal before adoption, with a reason.
    ProposalWithdrawn,
    /// The plain-language summary of an adopted guideline was changed.
    SummaryChanged,
    /// A role was granted.
    RoleGranted,
    /// A role was removed.
    RoleRemoved,
    /// A user account was deactivated.
    UserDeactivated,
    /// A review was started.
    ReviewStarted,
    /// The next review date was changed.
    ReviewRescheduled,
    /// An experience report in the dialogue space was hidden by moderation.
    PostHidden,
    /// A body's procedure (and its parameters) was set.
    BodyProcedureSet,
    /// A body's chair was set.
    BodyChairSet,
    /// Whether the guideline is adopted as a works or service agreement was set.
    AgreementSet,
    /// A management member approved or rejected the frozen text.
    MemberConfirmed,
    /// A works council's resolution was entered from its minutes.
    ResolutionRecorded,
    /// A resolution's minutes were confirmed by the chair or a further member.
    MinutesConfirmed,
    /// The employer asked a MAV for approval; its deadline started.
    ApprovalRequested,
    /// A MAV's deadline was extended on its request.
    DeadlineExtended,
    /// A MAV approved, refused or objected.
    RequestAnswered,
    /// A MAV's deadline passed without refusal: approval deemed given.
    DeemedApproval,
    /// One side confirmed the works or service agreement.
    AgreementSigned,
    /// A section was marked as subject to co-determination.
    SectionMarked,
    /// A section's co-determination mark was removed.
    SectionUnmarked,
    /// Information handed to a council, or an expert it involved, was logged.
    CouncilInformed,
    /// An account was linked to an identity at the organisation's OpenID provider.
    AccountLinked,
    /// A staff list was imported (one entry with the counts).
    StaffImported,
    /// A person's account and personal data were deleted on request (DSGVO Art. 17).
    AccountDeleted,
}

impl AuditAction {
    /// All actions, for the filter of the audit page.
    pub const ALL: [AuditAction; 38] = [
        AuditAction::StepChanged,
        AuditAction::VersionPublished,
        AuditAction::RoundOpened,
        AuditAction::RoundClosed,
        AuditAction::RoundDeadlineChanged,
        AuditAction::RoundEndedEarly,
        AuditAction::RoundCancelled,
        AuditAction::DispositionSet,
        AuditAction::CommentHidden,
        AuditAction::VersionProposed,
        AuditAction::DecisionRecorded,
        AuditAction::VersionAdopted,
        AuditAction::VersionReturned,
        AuditAction::ProposalWithdrawn,
        AuditAction::SummaryChanged,
        AuditAction::RoleGranted,
        AuditAction::RoleRemoved,
        AuditAction::UserDeactivated,
        AuditAction::ReviewStarted,
        AuditAction::ReviewRescheduled,
        AuditAction::PostHidden,
        AuditAction::BodyProcedureSet,
        AuditAction::BodyChairSet,
        AuditAction::AgreementSet,
        AuditAction::MemberConfirmed,
        AuditAction::ResolutionRecorded,
        AuditAction::MinutesConfirmed,
        AuditAction::ApprovalRequested,
        AuditAction::DeadlineExtended,
        AuditAction::RequestAnswered,
        AuditAction::DeemedApproval,
        AuditAction::AgreementSigned,
        AuditAction::SectionMarked,
        AuditAction::SectionUnmarked,
        AuditAction::CouncilInformed,
        AuditAction::AccountLinked,
        AuditAction::StaffImported,
        AuditAction::AccountDeleted,
    ];

    /// The stored value.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::StepChanged => "process.step_changed",
            Self::VersionPublished => "version.published",
            Self::RoundOpened => "round.opened",
            Self::RoundClosed => "round.closed",
            Self::RoundDeadlineChanged => "round.deadline_changed",
            Self::RoundEndedEarly => "round.ended_early",
            Self::RoundCancelled => "round.cancelled",
            Self::DispositionSet => "comment.disposition_set",
            Self::CommentHidden => "comment.hidden",
            Self::VersionProposed => "adoption.proposed",
            Self::DecisionRecorded => "adoption.decision_recorded",
            Self::VersionAdopted => "adoption.adopted",
            Self::VersionReturned => "adoption.returned",
            Self::ProposalWithdrawn => "adoption.withdrawn",
            Self::SummaryChanged => "adoption.summary_changed",
            Self::RoleGranted => "account.role_granted",
            Self::RoleRemoved => "account.role_removed",
            Self::UserDeactivated => "account.deactivated",
            Self::ReviewStarted => "review.started",
            Self::ReviewRescheduled => "review.rescheduled",
            Self::PostHidden => "dialogue.post_hidden",
            Self::BodyProcedureSet => "codetermination.procedure_set",
            Self::BodyChairSet => "codetermination.chair_set",
            Self::AgreementSet => "codetermination.agreement_set",
            Self::MemberConfirmed => "codetermination.member_confirmed",
            Self::ResolutionRecorded => "codetermination.resolution_recorded",
            Self::MinutesConfirmed => "codetermination.minutes_confirmed",
            Self::ApprovalRequested => "codetermination.approval_requested",
            Self::DeadlineExtended => "codetermination.deadline_extended",
            Self::RequestAnswered => "codetermination.request_answered",
            Self::DeemedApproval => "codetermination.deemed_approval",
            Self::AgreementSigned => "codetermination.agreement_signed",
            Self::SectionMarked => "codetermination.section_marked",
            Self::SectionUnmarked => "codetermination.section_unmarked",
            Self::CouncilInformed => "codetermination.council_informed",
            Self::AccountLinked => "account.sso_linked",
            Self::StaffImported => "account.imported",
            Self::AccountDeleted => "account.deleted",
        }
    }

    /// German label for the audit page.
    pub fn label_de(self) -> &'static str {
        match self {
            Self::StepChanged => "Prozessschritt geändert",
            Self::VersionPublished => "Version veröffentlicht",
            Self::RoundOpened => "Diskursrunde eröffnet",
            Self::RoundClosed => "Diskursrunde geschlossen",
            Self::RoundDeadlineChanged => "Frist einer Diskursrunde geändert",
            Self::RoundEndedEarly => "Diskursrunde vorzeitig beendet",
            Self::RoundCancelled => "Geplante Diskursrunde abgesagt",
            Self::DispositionSet => "Rückmeldung zu Kommentar gegeben",
            Self::CommentHidden => "Kommentar ausgeblendet",
            Self::VersionProposed => "Version zur Verabschiedung vorgeschlagen",
            Self::DecisionRecorded => "Entscheidung eines Gremiums eingetragen",
            Self::VersionAdopted => "Version verabschiedet",
            Self::VersionReturned => "Version zur Überarbeitung zurückgegeben",
            Self::ProposalWithdrawn => "Vorschlag zur Verabschiedung zurückgezogen",
            Self::SummaryChanged => "Zusammenfassung der Leitlinie geändert",
            Self::RoleGranted => "Rolle vergeben",
            Self::RoleRemoved => "Rolle entzogen",
            Self::UserDeactivated => "Konto deaktiviert",
            Self::ReviewStarted => "Überprüfung begonnen",
            Self::ReviewRescheduled => "Überprüfungstermin geändert",
            Self::PostHidden => "Erfahrungsbericht ausgeblendet",
            Self::BodyProcedureSet => "Verfahren eines Gremiums festgelegt",
            Self::BodyChairSet => "Vorsitz eines Gremiums festgelegt",
            Self::AgreementSet => "Verabschiedung als Betriebs- oder Dienstvereinbarung festgelegt",
            Self::MemberConfirmed => "Bestätigung eines Mitglieds der Geschäftsführung",
            Self::ResolutionRecorded => "Beschluss des Betriebsrats eingetragen",
            Self::MinutesConfirmed => "Niederschrift eines Beschlusses bestätigt",
            Self::ApprovalRequested => {
                "Zustimmung der Mitarbeitervertretung beantragt (Frist beginnt)"
            }
            Self::DeadlineExtended => "Frist der Mitarbeitervertretung verlängert",
            Self::RequestAnswered => "Antwort der Mitarbeitervertretung eingetragen",
            Self::DeemedApproval => "Zustimmung gilt nach Fristablauf als erteilt",
            Self::AgreementSigned => "Vereinbarung von einer Seite bestätigt",
            Self::SectionMarked => "Abschnitt als mitbestimmungspflichtig markiert",
            Self::SectionUnmarked => "Markierung als mitbestimmungspflichtig entfernt",
            Self::CouncilInformed => "Unterrichtung der Arbeitnehmervertretung protokolliert",
            Self::AccountLinked => "Konto mit der Anmeldung der Organisation verknüpft",
            Self::StaffImported => "Mitarbeitendenliste importiert",
            Self::AccountDeleted => "Konto und persönliche Daten gelöscht",
        }
    }

    /// Reads a stored value; `None` for actions this version of the app does not know.
    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.as_str() == value)
    }
}

/// Where the chain is broken: the stored `seq` of the first bad entry, and how.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("Das Audit-Protokoll ist ab Eintrag {seq} nicht mehr intakt: {kind}")]
pub struct ChainError {
    /// The `seq` stored in the first entry that fails.
    pub seq: i64,
    /// What is wrong with it.
    pub kind: ChainErrorKind,
}

/// What is wrong with a broken entry.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ChainErrorKind {
    /// The entry is not the next in sequence: one was deleted, inserted or moved.
    #[error("Eintrag {expected} fehlt oder steht an falscher Stelle (gefunden: {found}).")]
    SeqGap {
        /// The `seq` that should come here.
        expected: i64,
        /// The `seq` found.
        found: i64,
    },
    /// The entry's `prev_hash` is not the previous entry's hash.
    #[error("Der Verweis auf den vorigen Eintrag stimmt nicht.")]
    BrokenLink,
    /// The entry's content does not match its hash: it was changed.
    #[error("Der Inhalt passt nicht zur gespeicherten Prüfsumme.")]
    HashMismatch,
}

#[cfg(feature = "ssr")]
pub use chain::*;

/// Hashing, appending and verification (server-only: needs `sha2`).
#[cfg(feature = "ssr")]
mod chain {
    use super::{
        AuditEntry, AuditFields, ChainError, ChainErrorKind, ChainHead, NewAuditEntry,
        ENCODING_TAG, GENESIS_HASH,
    };
    use chrono::{DateTime, SubsecRound, Utc};
    use sha2::{Digest, Sha256};

    /// Cuts an instant to whole microseconds, as [`append`] stores it.
    pub fn stored_instant(at: DateTime<Utc>) -> DateTime<Utc> {
        at.trunc_subsecs(6)
    }

    /// Feeds a byte string with its length in front.
    fn put_bytes(hasher: &mut Sha256, bytes: &[u8]) {
        // usize → u64 cannot lose bits on any platform Rust supports (at most 64-bit).
        hasher.update((bytes.len() as u64).to_be_bytes());
        hasher.update(bytes);
    }

    /// Feeds an integer as 8 big-endian bytes.
    fn put_i64(hasher: &mut Sha256, value: i64) {
        hasher.update(value.to_be_bytes());
    }

    /// Feeds an optional integer: a marker byte 0 (absent) or 1 followed by the value.
    fn put_opt_i64(hasher: &mut Sha256, value: Option<i64>) {
        match value {
            None => hasher.update([0u8]),
            Some(v) => {
                hasher.update([1u8]);
                put_i64(hasher, v);
            }
        }
    }

    /// Hex SHA-256 of an entry: `prev_hash` and all fields in a canonical encoding.
    ///
    /// Why the encoding is unambiguous: fields come in a fixed order; integers and the time
    /// (microseconds since 1970) are fixed-width 8-byte big-endian; an optional value has a
    /// marker byte 0/1 before it; every string is preceded by its byte length as 8 bytes. A
    /// reader can therefore split the bytes back into exactly one tuple of fields, so two
    /// different entries never feed the same bytes (action "ab" + type "c" is
    /// `2 a b 1 c`, action "a" + type "bc" is `1 a 2 b c`). A leading tag keeps these bytes
    /// apart from other hashes in the app and lets a future encoding change its tag.
    pub fn compute_hash(prev_hash: &str, fields: &AuditFields<'_>) -> String {
        let mut hasher = Sha256::new();
        put_bytes(&mut hasher, ENCODING_TAG);
        put_bytes(&mut hasher, prev_hash.as_bytes());
        put_i64(&mut hasher, fields.seq);
        put_i64(&mut hasher, fields.at.timestamp_micros());
        put_opt_i64(&mut hasher, fields.actor_id);
        put_bytes(&mut hasher, fields.action.as_bytes());
        put_bytes(&mut hasher, fields.object_type.as_bytes());
        put_opt_i64(&mut hasher, fields.object_id);
        put_bytes(&mut hasher, fields.details.as_bytes());
        format!("{:x}", hasher.finalize())
    }

    /// The next entry after `previous` (the newest stored entry, `None` for an empty log).
    /// The time is cut to whole microseconds, so what is stored is exactly what was hashed.
    /// Callers append inside the transaction of the change, with a unique index on `seq`, so
    /// two concurrent appends cannot both take the same place.
    pub fn append(previous: Option<&AuditEntry>, new: NewAuditEntry) -> AuditEntry {
        let head = match previous {
            Some(p) => ChainHead {
                seq: p.seq,
                hash: p.hash.clone(),
            },
            None => ChainHead {
                seq: 0,
                hash: GENESIS_HASH.to_owned(),
            },
        };
        append_after(&head, new)
    }

    /// The next entry after a stored head (`seq` 0 and [`GENESIS_HASH`] for an empty log), for
    /// callers that keep only the newest `seq` and `hash` rather than the whole entry.
    pub fn append_after(head: &ChainHead, new: NewAuditEntry) -> AuditEntry {
        let seq = head.seq + 1;
        let prev_hash = head.hash.clone();
        let mut entry = AuditEntry {
            seq,
            at: stored_instant(new.at),
            actor_id: new.actor_id,
            action: new.action.as_str().to_owned(),
            object_type: new.object_type,
            object_id: new.object_id,
            details: new.details.to_string(),
            prev_hash,
            hash: String::new(),
        };
        entry.hash = compute_hash(&entry.prev_hash, &entry.fields());
        entry
    }

    /// Verifies a whole log, given in stored order (`ORDER BY seq`), from its first entry.
    pub fn verify_chain(entries: &[AuditEntry]) -> Result<(), ChainError> {
        verify_segment(None, entries).map(|_| ())
    }

    /// Verifies entries that follow `after` (`None`: from the start of the log) and returns
    /// the new head, so a large log can be checked in batches. Each entry is checked for its
    /// place (`seq`), its link (`prev_hash`) and its content (`hash`), in that order; the first
    /// failing entry is reported.
    pub fn verify_segment(
        after: Option<&ChainHead>,
        entries: &[AuditEntry],
    ) -> Result<Option<ChainHead>, ChainError> {
        let mut expected_seq = after.map_or(1, |h| h.seq + 1);
        let mut expected_prev = after.map_or(GENESIS_HASH, |h| h.hash.as_str());
        for entry in entries {
            let fail = |kind| ChainError {
                seq: entry.seq,
                kind,
            };
            if entry.seq != expected_seq {
                return Err(fail(ChainErrorKind::SeqGap {
                    expected: expected_seq,
                    found: entry.seq,
                }));
            }
            if entry.prev_hash != expected_prev {
                return Err(fail(ChainErrorKind::BrokenLink));
            }
            if compute_hash(&entry.prev_hash, &entry.fields()) != entry.hash {
                return Err(fail(ChainErrorKind::HashMismatch));
            }
            expected_seq = entry.seq + 1;
            expected_prev = &entry.hash;
        }
        Ok(entries
            .last()
            .map(|e| ChainHead {
                seq: e.seq,
                hash: e.hash.clone(),
            })
            .or_else(|| after.cloned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_genesis_hash_is_64_zeros() {
        assert_eq!(GENESIS_HASH.len(), 64);
        assert!(GENESIS_HASH.bytes().all(|b| b == b'0'));
    }

    #[test]
    fn actions_round_trip_and_have_german_labels() {
        for action in AuditAction::ALL {
            assert_eq!(AuditAction::parse(action.as_str()), Some(action));
            assert!(!action.label_de().is_empty());
        }
        assert_eq!(AuditAction::parse("unbekannt"), None);
        assert_eq!(
            AuditAction::RoundClosed.label_de(),
            "Diskursrunde geschlossen"
        );
    }

    #[test]
    fn a_chain_error_names_the_entry_in_german() {
        let err = ChainError {
            seq: 17,
            kind: ChainErrorKind::HashMismatch,
        };
        assert_eq!(
            err.to_string(),
            "Das Audit-Protokoll ist ab Eintrag 17 nicht mehr intakt: Der Inhalt passt nicht zur gespeicherten Prüfsumme."
        );
    }

    #[cfg(feature = "ssr")]
    mod chain {
        use super::*;
        use chrono::Duration;
        use serde_json::json;

        fn t0() -> DateTime<Utc> {
            DateTime::parse_from_rfc3339("2026-11-21T10:00:00.123456789Z")
                .expect("valid test instant")
                .with_timezone(&Utc)
        }

        fn event(i: i64) -> NewAuditEntry {
            NewAuditEntry {
                at: t0() + Duration::minutes(i),
                actor_id: if i % 3 == 0 { None } else { Some(10 + i) },
                action: AuditAction::ALL[(i as usize) % AuditAction::ALL.len()],
                object_type: "round".to_owned(),
                object_id: if i % 4 == 0 { None } else { Some(100 + i) },
                details: json!({ "nummer": i, "grund": "Prüfung äöü", "hash": GENESIS_HASH }),
            }
        }

        fn chain(n: i64) -> Vec<AuditEntry> {
            let mut entries: Vec<AuditEntry> = Vec::new();
            for i in 1..=n {
                let next = append(entries.last(), event(i));
                entries.push(next);
            }
            entries
        }

        /// Replaces one ASCII character of a string by another, keeping it valid UTF-8.
        fn change_one_byte(text: &mut String) {
            let pos = text
                .char_indices()
                .find(|(_, c)| c.is_ascii_alphanumeric())
                .map(|(i, _)| i)
                .expect("an ASCII character to change");
            let old = text.as_bytes()[pos];
            let new = if old == b'0' { "1" } else { "0" };
            text.replace_range(pos..=pos, new);
        }

        #[test]
        fn appending_after_a_head_equals_appending_after_its_entry() {
            let entries = chain(2);
            let head = ChainHead {
                seq: entries[1].seq,
                hash: entries[1].hash.clone(),
            };
            assert_eq!(
                append_after(&head, event(3)),
                append(Some(&entries[1]), event(3))
            );
            let empty = ChainHead {
                seq: 0,
                hash: GENESIS_HASH.to_owned(),
            };
            assert_eq!(append_after(&empty, event(1)), append(None, event(1)));
        }

        #[test]
        fn an_untouched_chain_verifies() {
            let entries = chain(6);
            assert_eq!(verify_chain(&entries), Ok(()));
            assert_eq!(verify_chain(&[]), Ok(()));
        }

        #[test]
        fn the_first_entry_links_to_the_genesis_hash_and_each_next_to_its_predecessor() {
            let entries = chain(3);
            assert_eq!(entries[0].seq, 1);
            assert_eq!(entries[0].prev_hash, GENESIS_HASH);
            assert_eq!(entries[1].prev_hash, entries[0].hash);
            assert_eq!(entries[2].seq, 3);
            assert!(entries
                .iter()
                .all(|e| e.hash.len() == 64 && e.hash.bytes().all(|b| b.is_ascii_hexdigit())));
        }

        #[test]
        fn the_time_is_stored_in_whole_microseconds() {
            let entry = append(None, event(1));
            assert_eq!(entry.at.timestamp_subsec_nanos() % 1_000, 0);
            assert_eq!(entry.at, stored_instant(t0() + Duration::minutes(1)));
        }

        /// Computed independently with Python's `hashlib` over the documented encoding.
        const PINNED_HASH: &str =
            "1c4a2ec50225dea060ed8f568b4810d13d69af627fa4c354a8af333a55e708c5";

        #[test]
        fn the_hash_encoding_is_pinned() {
            let fields = AuditFields {
                seq: 1,
                at: DateTime::from_timestamp(1_795_000_000, 0).expect("valid instant"),
                actor_id: Some(7),
                action: "round.closed",
                object_type: "round",
                object_id: Some(3),
                details: r#"{"fehlend":0}"#,
            };
            // If this changes, every stored log fails verification: change the tag instead.
            assert_eq!(compute_hash(GENESIS_HASH, &fields), PINNED_HASH);
        }

        #[test]
        fn moving_text_between_fields_changes_the_hash() {
            let at = t0();
            let a = AuditFields {
                seq: 1,
                at,
                actor_id: None,
                action: "ab",
                object_type: "c",
                object_id: None,
                details: "{}",
            };
            let b = AuditFields {
                action: "a",
                object_type: "bc",
                ..a
            };
            assert_ne!(
                compute_hash(GENESIS_HASH, &a),
                compute_hash(GENESIS_HASH, &b)
            );
            let none_actor = a;
            let zero_actor = AuditFields {
                actor_id: Some(0),
                ..a
            };
            assert_ne!(
                compute_hash(GENESIS_HASH, &none_actor),
                compute_hash(GENESIS_HASH, &zero_actor)
            );
            let actor_not_object = AuditFields {
                actor_id: Some(5),
                ..a
            };
            let object_not_actor = AuditFields {
                object_id: Some(5),
                ..a
            };
            assert_ne!(
                compute_hash(GENESIS_HASH, &actor_not_object),
                compute_hash(GENESIS_HASH, &object_not_actor)
            );
        }

        #[test]
        fn changing_one_byte_of_any_text_field_fails_at_exactly_that_entry() {
            for k in 0..5 {
                for field in ["action", "object_type", "details"] {
                    let mut entries = chain(5);
                    let target = &mut entries[k];
                    match field {
                        "action" => change_one_byte(&mut target.action),
                        "object_type" => change_one_byte(&mut target.object_type),
                        _ => change_one_byte(&mut target.details),
                    }
                    assert_eq!(
                        verify_chain(&entries),
                        Err(ChainError {
                            seq: k as i64 + 1,
                            kind: ChainErrorKind::HashMismatch
                        }),
                        "{field} of entry {}",
                        k + 1
                    );
                }
            }
        }

        #[test]
        fn changing_ids_or_time_fails_at_exactly_that_entry() {
            type Tamper = fn(&mut AuditEntry);
            let tampers: [(&str, Tamper); 5] = [
                ("actor", |e| e.actor_id = Some(e.actor_id.unwrap_or(0) + 1)),
                ("actor removed", |e| {
                    e.actor_id = if e.actor_id.is_some() { None } else { Some(1) }
                }),
                ("object", |e| {
                    e.object_id = Some(e.object_id.unwrap_or(0) + 1)
                }),
                ("time", |e| e.at += Duration::microseconds(1)),
                ("details reformatted", |e| e.details.push(' ')),
            ];
            for (name, tamper) in tampers {
                let mut entries = chain(5);
                tamper(&mut entries[2]);
                assert_eq!(
                    verify_chain(&entries),
                    Err(ChainError {
                        seq: 3,
                        kind: ChainErrorKind::HashMismatch
                    }),
                    "{name}"
                );
            }
        }

        #[test]
        fn changing_a_stored_hash_or_link_fails_at_exactly_that_entry() {
            let mut entries = chain(5);
            change_one_byte(&mut entries[3].hash);
            assert_eq!(
                verify_chain(&entries),
                Err(ChainError {
                    seq: 4,
                    kind: ChainErrorKind::HashMismatch
                })
            );
            let mut entries = chain(5);
            change_one_byte(&mut entries[3].prev_hash);
            assert_eq!(
                verify_chain(&entries),
                Err(ChainError {
                    seq: 4,
                    kind: ChainErrorKind::BrokenLink
                })
            );
            let mut entries = chain(5);
            change_one_byte(&mut entries[0].prev_hash);
            assert_eq!(
                verify_chain(&entries),
                Err(ChainError {
                    seq: 1,
                    kind: ChainErrorKind::BrokenLink
                })
            );
        }

        #[test]
        fn every_single_byte_change_in_a_stored_row_is_caught_at_that_row() {
            let entries = chain(5);
            let stored = serde_json::to_vec(&entries[2]).expect("serialises");
            let mut checked = 0;
            for pos in 0..stored.len() {
                for replacement in [b'0', b'x'] {
                    if stored[pos] == replacement {
                        continue;
                    }
                    let mut bytes = stored.clone();
                    bytes[pos] = replacement;
                    let Ok(tampered) = serde_json::from_slice::<AuditEntry>(&bytes) else {
                        continue; // not a readable row any more: the database would refuse it
                    };
                    if tampered == entries[2] {
                        continue; // e.g. a renamed key of an absent optional field
                    }
                    let mut copy = entries.clone();
                    copy[2] = tampered.clone();
                    let err = verify_chain(&copy).expect_err("tampering must be detected");
                    assert_eq!(err.seq, tampered.seq, "byte {pos}: {err}");
                    checked += 1;
                }
            }
            assert!(checked > 100, "only {checked} variants were readable");
        }

        #[test]
        fn swapping_two_entries_is_detected_where_the_order_breaks() {
            let mut entries = chain(5);
            entries.swap(1, 2);
            assert_eq!(
                verify_chain(&entries),
                Err(ChainError {
                    seq: 3,
                    kind: ChainErrorKind::SeqGap {
                        expected: 2,
                        found: 3
                    }
                })
            );
        }

        #[test]
        fn swapping_contents_but_keeping_the_numbers_is_detected() {
            let mut entries = chain(5);
            entries.swap(1, 2);
            entries[1].seq = 2;
            entries[2].seq = 3;
            assert_eq!(
                verify_chain(&entries),
                Err(ChainError {
                    seq: 2,
                    kind: ChainErrorKind::BrokenLink
                })
            );
        }

        #[test]
        fn deleting_an_entry_is_detected_at_the_entry_after_the_gap() {
            let mut entries = chain(5);
            entries.remove(2);
            assert_eq!(
                verify_chain(&entries),
                Err(ChainError {
                    seq: 4,
                    kind: ChainErrorKind::SeqGap {
                        expected: 3,
                        found: 4
                    }
                })
            );
            let mut entries = chain(5);
            entries.remove(0);
            assert_eq!(
                verify_chain(&entries),
                Err(ChainError {
                    seq: 2,
                    kind: ChainErrorKind::SeqGap {
                        expected: 1,
                        found: 2
                    }
                })
            );
        }

        #[test]
        fn deleting_an_entry_and_renumbering_the_rest_is_detected() {
            let mut entries = chain(5);
            entries.remove(2);
            for e in entries.iter_mut().skip(2) {
                e.seq -= 1;
            }
            assert_eq!(
                verify_chain(&entries),
                Err(ChainError {
                    seq: 3,
                    kind: ChainErrorKind::BrokenLink
                })
            );
        }

        #[test]
        fn a_rewritten_and_rehashed_entry_breaks_the_link_of_the_next_one() {
            let mut entries = chain(5);
            entries[1].details = r#"{"gefälscht":true}"#.to_owned();
            entries[1].hash = compute_hash(&entries[1].prev_hash, &entries[1].fields());
            assert_eq!(
                verify_chain(&entries),
                Err(ChainError {
                    seq: 3,
                    kind: ChainErrorKind::BrokenLink
                })
            );
        }

        #[test]
        fn a_large_log_can_be_verified_in_batches() {
            let entries = chain(10);
            let head = verify_segment(None, &entries[..4]).expect("first batch");
            let head = verify_segment(head.as_ref(), &entries[4..]).expect("second batch");
            assert_eq!(
                head,
                Some(ChainHead {
                    seq: 10,
                    hash: entries[9].hash.clone()
                })
            );
            let mut tampered = entries.clone();
            change_one_byte(&mut tampered[6].details);
            let head = verify_segment(None, &tampered[..4]).expect("first batch");
            assert_eq!(
                verify_segment(head.as_ref(), &tampered[4..]).map(|_| ()),
                Err(ChainError {
                    seq: 7,
                    kind: ChainErrorKind::HashMismatch
                })
            );
            assert_eq!(verify_segment(head.as_ref(), &[]), Ok(head.clone()));
        }

        #[test]
        fn dropping_the_newest_entries_shows_only_against_a_recorded_head() {
            let entries = chain(5);
            let recorded = verify_segment(None, &entries).expect("intact");
            let truncated = verify_segment(None, &entries[..3]).expect("a prefix is a valid chain");
            assert_ne!(truncated, recorded);
        }
    }
}
