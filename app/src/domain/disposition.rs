//! Dispositions: the project group's answer to every comment of a round, with a reason,
//! the progress of answering, the totals of the feedback report, and which answered
//! comments can be linked to a change in the next version.
//!
//! Which comments need an answer: every top-level comment that is not hidden. Replies belong
//! to their thread and are answered with it; hidden comments are answered by the moderation
//! reason, which the report shows.

use crate::domain::round::RoundState;
use serde::{Deserialize, Serialize};
use thiserror::Error;

/// The most characters a disposition's reason may have (after trimming).
pub const REASON_MAX: usize = 2_000;

/// The project group's answer to a comment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(
    feature = "ssr",
    derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum),
    sea_orm(
        rs_type = "String",
        db_type = "String(sea_orm::sea_query::StringLen::N(16))"
    )
)]
pub enum Disposition {
    /// The comment is taken over into the next version.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "accepted"))]
    Accepted,
    /// Part of the comment is taken over.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "partly_accepted"))]
    PartlyAccepted,
    /// The comment is not taken over.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "not_accepted"))]
    NotAccepted,
    /// Deferred to a later review of the guideline.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "deferred"))]
    Deferred,
}

impl Disposition {
    /// All dispositions in the order of the report.
    pub const ALL: [Disposition; 4] = [
        Disposition::Accepted,
        Disposition::PartlyAccepted,
        Disposition::NotAccepted,
        Disposition::Deferred,
    ];

    /// German label as shown to the comment's author and in the report.
    pub fn label_de(self) -> &'static str {
        match self {
            Self::Accepted => "übernommen",
            Self::PartlyAccepted => "teilweise übernommen",
            Self::NotAccepted => "nicht übernommen",
            Self::Deferred => "auf spätere Überprüfung verschoben",
        }
    }

    /// English label for the second locale.
    pub fn label_en(self) -> &'static str {
        match self {
            Self::Accepted => "accepted",
            Self::PartlyAccepted => "partly accepted",
            Self::NotAccepted => "not accepted",
            Self::Deferred => "deferred to a later review",
        }
    }

    /// The value stored in the database and posted by forms.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Accepted => "accepted",
            Self::PartlyAccepted => "partly_accepted",
            Self::NotAccepted => "not_accepted",
            Self::Deferred => "deferred",
        }
    }

    /// Reads a value written by [`Disposition::as_str`].
    pub fn parse(value: &str) -> Result<Self, DispositionError> {
        if value.trim().is_empty() {
            return Err(DispositionError::KindMissing);
        }
        Self::ALL
            .into_iter()
            .find(|d| d.as_str() == value)
            .ok_or_else(|| DispositionError::Unknown(value.to_owned()))
    }

    /// Whether a reason is required: always, except when the comment is taken over as it is.
    pub fn requires_reason(self) -> bool {
        self != Self::Accepted
    }

    /// Whether a comment with this answer can be linked to a change in the next version.
    pub fn may_link_change(self) -> bool {
        matches!(self, Self::Accepted | Self::PartlyAccepted)
    }
}

/// Why a disposition action is refused; the text is shown to the user.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum DispositionError {
    /// A stored or posted value that is not a disposition.
    #[error("Unbekannte Rückmeldung „{0}“.")]
    Unknown(String),
    /// No answer chosen.
    #[error("Bitte wählen Sie eine Rückmeldung: übernommen, teilweise übernommen, nicht übernommen oder auf spätere Überprüfung verschoben.")]
    KindMissing,
    /// A reason is required for this disposition.
    #[error("Bitte begründen Sie die Rückmeldung „{}“.", .0.label_de())]
    ReasonMissing(Disposition),
    /// The reason is too long.
    #[error("Die Begründung ist zu lang ({} Zeichen, höchstens {}).", crate::domain::german::number_u(*.chars), crate::domain::german::number_u(*.max))]
    ReasonTooLong {
        /// Characters entered (after trimming).
        chars: usize,
        /// The limit.
        max: usize,
    },
    /// The round has not started.
    #[error("Die Runde hat noch nicht begonnen; es gibt noch nichts zu beantworten.")]
    RoundNotStarted,
    /// The round is closed; its report is final.
    #[error("Die Runde ist abgeschlossen; Rückmeldungen können nicht mehr geändert werden.")]
    RoundClosed,
    /// Replies are answered with their thread.
    #[error(
        "Antworten erhalten keine eigene Rückmeldung; bitte beantworten Sie den ursprünglichen Kommentar."
    )]
    Reply,
    /// Linking a comment that was not (partly) accepted.
    #[error(
        "Nur übernommene oder teilweise übernommene Kommentare können mit einer Änderung verknüpft werden."
    )]
    NotLinkable,
}

/// A checked answer: the disposition and its reason (required for all but accepted).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "RawDecision")]
pub struct DispositionDecision {
    kind: Disposition,
    reason: Option<String>,
}

/// The unchecked wire form of a [`DispositionDecision`]; deserialising checks it again.
#[derive(Deserialize)]
struct RawDecision {
    kind: Disposition,
    reason: Option<String>,
}

impl TryFrom<RawDecision> for DispositionDecision {
    type Error = DispositionError;

    fn try_from(raw: RawDecision) -> Result<Self, Self::Error> {
        Self::parse(raw.kind, raw.reason.as_deref().unwrap_or_default())
    }
}

impl DispositionDecision {
    /// Checks an answer from the form; also used once for a bulk answer to several comments.
    pub fn parse(kind: Disposition, reason: &str) -> Result<Self, DispositionError> {
        let trimmed = reason.trim();
        let chars = trimmed.chars().count();
        if chars > REASON_MAX {
            return Err(DispositionError::ReasonTooLong {
                chars,
                max: REASON_MAX,
            });
        }
        if trimmed.is_empty() {
            if kind.requires_reason() {
                return Err(DispositionError::ReasonMissing(kind));
            }
            return Ok(Self { kind, reason: None });
        }
        Ok(Self {
            kind,
            reason: Some(trimmed.to_owned()),
        })
    }

    /// The disposition.
    pub fn kind(&self) -> Disposition {
        self.kind
    }

    /// The reason, if one was given (always for all but accepted).
    pub fn reason(&self) -> Option<&str> {
        self.reason.as_deref()
    }
}

/// Whether a comment needs a disposition before its round can close.
pub fn needs_disposition(is_reply: bool, hidden: bool) -> bool {
    !is_reply && !hidden
}

/// Checks that a comment can be answered now. Answering may start while the round is still
/// open (large rounds need the time; the comment then can no longer be edited) and ends when
/// the round is closed, because the report is then final.
pub fn check_can_decide(round_state: RoundState, is_reply: bool) -> Result<(), DispositionError> {
    match round_state {
        RoundState::Scheduled => Err(DispositionError::RoundNotStarted),
        RoundState::Closed | RoundState::Cancelled => Err(DispositionError::RoundClosed),
        RoundState::Open | RoundState::AwaitingDispositions if is_reply => {
            Err(DispositionError::Reply)
        }
        RoundState::Open | RoundState::AwaitingDispositions => Ok(()),
    }
}

/// Checks that a comment with this disposition (or none) can be linked to a change.
pub fn check_link_to_change(disposition: Option<Disposition>) -> Result<(), DispositionError> {
    match disposition {
        Some(d) if d.may_link_change() => Ok(()),
        _ => Err(DispositionError::NotLinkable),
    }
}

/// Where one comment stands, for the report and the progress count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Outcome {
    /// Needs a disposition and has none yet.
    Open,
    /// Hidden by moderation (counted apart, with its reason in the report).
    Hidden,
    /// Answered.
    Answered(Disposition),
}

impl Outcome {
    /// The outcome of a top-level comment; hiding wins over a disposition given earlier.
    pub fn of(hidden: bool, disposition: Option<Disposition>) -> Self {
        match (hidden, disposition) {
            (true, _) => Self::Hidden,
            (false, Some(d)) => Self::Answered(d),
            (false, None) => Self::Open,
        }
    }
}

/// Counts per disposition for the feedback report.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DispositionTotals {
    /// "übernommen".
    pub accepted: usize,
    /// "teilweise übernommen".
    pub partly_accepted: usize,
    /// "nicht übernommen".
    pub not_accepted: usize,
    /// "auf spätere Überprüfung verschoben".
    pub deferred: usize,
    /// Still without a disposition.
    pub open: usize,
    /// Hidden by moderation.
    pub hidden: usize,
}

impl DispositionTotals {
    /// The count for one disposition.
    pub fn count(&self, disposition: Disposition) -> usize {
        match disposition {
            Disposition::Accepted => self.accepted,
            Disposition::PartlyAccepted => self.partly_accepted,
            Disposition::NotAccepted => self.not_accepted,
            Disposition::Deferred => self.deferred,
        }
    }

    /// Comments answered.
    pub fn answered(&self) -> usize {
        self.accepted + self.partly_accepted + self.not_accepted + self.deferred
    }

    /// Comments that need a disposition (answered or not; hidden ones do not).
    pub fn needing(&self) -> usize {
        self.answered() + self.open
    }

    /// "143 von 210 beantwortet".
    pub fn progress_text_de(&self) -> String {
        progress_text_de(self.answered(), self.needing())
    }
}

/// Counts the outcomes of a round's top-level comments.
pub fn totals(outcomes: &[Outcome]) -> DispositionTotals {
    let mut totals = DispositionTotals::default();
    for outcome in outcomes {
        match outcome {
            Outcome::Open => totals.open += 1,
            Outcome::Hidden => totals.hidden += 1,
            Outcome::Answered(Disposition::Accepted) => totals.accepted += 1,
            Outcome::Answered(Disposition::PartlyAccepted) => totals.partly_accepted += 1,
            Outcome::Answered(Disposition::NotAccepted) => totals.not_accepted += 1,
            Outcome::Answered(Disposition::Deferred) => totals.deferred += 1,
        }
    }
    totals
}

/// "143 von 210 beantwortet".
pub fn progress_text_de(answered: usize, total: usize) -> String {
    format!("{answered} von {total} beantwortet")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_answer_must_be_chosen() {
        assert_eq!(Disposition::parse(""), Err(DispositionError::KindMissing));
        assert!(DispositionError::KindMissing
            .to_string()
            .starts_with("Bitte wählen Sie eine Rückmeldung"));
    }
    use Disposition::{Accepted, Deferred, NotAccepted, PartlyAccepted};

    #[test]
    fn dispositions_have_the_german_labels_of_the_report() {
        let labels: Vec<&str> = Disposition::ALL.iter().map(|d| d.label_de()).collect();
        assert_eq!(
            labels,
            [
                "übernommen",
                "teilweise übernommen",
                "nicht übernommen",
                "auf spätere Überprüfung verschoben"
            ]
        );
        assert_eq!(PartlyAccepted.label_en(), "partly accepted");
    }

    #[test]
    fn dispositions_round_trip_through_their_stored_values() {
        for d in Disposition::ALL {
            assert_eq!(Disposition::parse(d.as_str()), Ok(d));
        }
        assert_eq!(
            Disposition::parse("Accepted"),
            Err(DispositionError::Unknown("Accepted".into()))
        );
    }

    #[test]
    fn accepted_needs_no_reason() {
        let decision = DispositionDecision::parse(Accepted, "  ").expect("valid");
        assert_eq!(decision.kind(), Accepted);
        assert_eq!(decision.reason(), None);
        let with_reason = DispositionDecision::parse(Accepted, " Danke! ").expect("valid");
        assert_eq!(with_reason.reason(), Some("Danke!"));
    }

    #[test]
    fn every_other_disposition_needs_a_reason() {
        for kind in [PartlyAccepted, NotAccepted, Deferred] {
            assert_eq!(
                DispositionDecision::parse(kind, " \n "),
                Err(DispositionError::ReasonMissing(kind))
            );
            let ok = DispositionDecision::parse(kind, " Siehe Abschnitt 4. ").expect("valid");
            assert_eq!(ok.reason(), Some("Siehe Abschnitt 4."));
        }
        assert_eq!(
            DispositionError::ReasonMissing(PartlyAccepted).to_string(),
            "Bitte begründen Sie die Rückmeldung „teilweise übernommen“."
        );
    }

    #[test]
    fn a_reason_may_have_two_thousand_characters_but_not_more() {
        assert!(DispositionDecision::parse(NotAccepted, &"ß".repeat(REASON_MAX)).is_ok());
        let err = DispositionDecision::parse(Accepted, &"ß".repeat(REASON_MAX + 1))
            .expect_err("too long");
        assert_eq!(
            err.to_string(),
            "Die Begründung ist zu lang (2.001 Zeichen, höchstens 2.000)."
        );
    }

    #[test]
    fn a_decision_from_the_wire_is_checked_again() {
        assert!(serde_json::from_str::<DispositionDecision>(
            r#"{"kind":"NotAccepted","reason":null}"#
        )
        .is_err());
        let ok: DispositionDecision =
            serde_json::from_str(r#"{"kind":"Accepted","reason":null}"#).expect("valid");
        assert_eq!(ok.kind(), Accepted);
    }

    #[test]
    fn only_visible_top_level_comments_need_a_disposition() {
        assert!(needs_disposition(false, false));
        assert!(!needs_disposition(true, false));
        assert!(!needs_disposition(false, true));
    }

    #[test]
    fn answers_are_given_while_the_round_runs_and_until_it_is_closed() {
        assert_eq!(check_can_decide(RoundState::Open, false), Ok(()));
        assert_eq!(
            check_can_decide(RoundState::AwaitingDispositions, false),
            Ok(())
        );
        assert_eq!(
            check_can_decide(RoundState::Scheduled, false),
            Err(DispositionError::RoundNotStarted)
        );
        assert_eq!(
            check_can_decide(RoundState::Closed, false),
            Err(DispositionError::RoundClosed)
        );
        assert_eq!(
            check_can_decide(RoundState::AwaitingDispositions, true),
            Err(DispositionError::Reply)
        );
    }

    #[test]
    fn only_accepted_and_partly_accepted_comments_link_to_a_change() {
        assert_eq!(check_link_to_change(Some(Accepted)), Ok(()));
        assert_eq!(check_link_to_change(Some(PartlyAccepted)), Ok(()));
        for other in [Some(NotAccepted), Some(Deferred), None] {
            assert_eq!(
                check_link_to_change(other),
                Err(DispositionError::NotLinkable)
            );
        }
    }

    #[test]
    fn the_progress_reads_143_von_210_beantwortet() {
        assert_eq!(progress_text_de(143, 210), "143 von 210 beantwortet");
        let mut outcomes = vec![Outcome::Open; 67];
        outcomes.extend(vec![Outcome::Answered(NotAccepted); 143]);
        outcomes.extend(vec![Outcome::Hidden; 3]);
        assert_eq!(
            totals(&outcomes).progress_text_de(),
            "143 von 210 beantwortet"
        );
    }

    #[test]
    fn totals_count_each_disposition_open_and_hidden_comments() {
        let outcomes = [
            Outcome::of(false, Some(Accepted)),
            Outcome::of(false, Some(Accepted)),
            Outcome::of(false, Some(PartlyAccepted)),
            Outcome::of(false, Some(NotAccepted)),
            Outcome::of(false, Some(Deferred)),
            Outcome::of(false, None),
            Outcome::of(true, Some(Accepted)),
            Outcome::of(true, None),
        ];
        let t = totals(&outcomes);
        assert_eq!(
            t,
            DispositionTotals {
                accepted: 2,
                partly_accepted: 1,
                not_accepted: 1,
                deferred: 1,
                open: 1,
                hidden: 2,
            }
        );
        assert_eq!(t.count(Accepted), 2);
        assert_eq!(t.answered(), 5);
        assert_eq!(t.needing(), 6);
    }

    #[test]
    fn an_empty_round_has_zero_totals() {
        let t = totals(&[]);
        assert_eq!(t, DispositionTotals::default());
        assert_eq!(t.progress_text_de(), "0 von 0 beantwortet");
    }
}
