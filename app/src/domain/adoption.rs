//! Formal adoption of a frozen version by the approving bodies, and the review cycle after it.
//!
//! When the project group proposes a version, it is frozen and its content hash recorded.
//! Each body records a decision that names the hash it refers to, so an approval is tied to
//! the exact text approved. Decisions are never edited: a correction is a new entry that
//! supersedes the body's current one, so the history stays. The adoption status is computed
//! from the frozen version, the bodies and the decisions — nothing is stored that could
//! disagree with them.

use crate::domain::process::{check_transition, Step, TransitionError, TransitionKind};
use crate::domain::round::RoundState;
use crate::domain::text::{self, TextError};
use chrono::{DateTime, Months, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use thiserror::Error;

/// The most characters of conditions or a rejection reason.
pub const DECISION_TEXT_MAX: usize = 2_000;

/// The most characters of a minutes reference ("Protokoll BR-Sitzung 2026/14, TOP 3").
pub const MINUTES_REF_MAX: usize = 200;

/// The most characters of a body's name.
pub const BODY_NAME_MAX: usize = 100;

/// Default months from adoption to the next review (two years).
pub const REVIEW_MONTHS_DEFAULT: u32 = 24;

/// The furthest a review date may be set ahead, in years (catches typed years like 2208).
pub const REVIEW_YEARS_MAX: u32 = 5;

/// The most characters of the text of an "other" review trigger.
pub const TRIGGER_TEXT_MAX: usize = 1_000;

/// An approving body of a process, e.g. the works council.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Body {
    /// Database id.
    pub id: i64,
    /// Name as configured ("Betriebsrat", "MAV", "Vorstand").
    pub name: String,
    /// Whether the guideline is adopted only with this body's approval.
    pub required: bool,
}

impl Body {
    /// A body with a checked name (trimmed, not empty, at most [`BODY_NAME_MAX`]).
    pub fn new(id: i64, name: &str, required: bool) -> Result<Self, AdoptionError> {
        let name = text::required(name, "Name des Gremiums", BODY_NAME_MAX)?;
        Ok(Self { id, name, required })
    }
}

/// What a body decided.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Verdict {
    /// Approved as it stands.
    Approved,
    /// Approved with conditions (the conditions text).
    ApprovedWithConditions(String),
    /// Rejected (the reason).
    Rejected(String),
}

/// The kind of a [`Verdict`], without its text: what `adoption_decisions.verdict` stores.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(
    feature = "ssr",
    derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum),
    sea_orm(
        rs_type = "String",
        db_type = "String(sea_orm::sea_query::StringLen::N(32))"
    )
)]
pub enum VerdictKind {
    /// [`Verdict::Approved`].
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "approved"))]
    Approved,
    /// [`Verdict::ApprovedWithConditions`].
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "approved_with_conditions"))]
    ApprovedWithConditions,
    /// [`Verdict::Rejected`].
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "rejected"))]
    Rejected,
}

impl VerdictKind {
    /// All kinds, in the order of the form.
    pub const ALL: [VerdictKind; 3] =
        [Self::Approved, Self::ApprovedWithConditions, Self::Rejected];

    /// The stored and posted value.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Approved => "approved",
            Self::ApprovedWithConditions => "approved_with_conditions",
            Self::Rejected => "rejected",
        }
    }

    /// Reads a value written by [`VerdictKind::as_str`].
    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.as_str() == value)
    }

    /// German label for the publication page and the adoption overview.
    pub fn label_de(self) -> &'static str {
        match self {
            Self::Approved => "zugestimmt",
            Self::ApprovedWithConditions => "mit Auflagen zugestimmt",
            Self::Rejected => "abgelehnt",
        }
    }
}

impl Verdict {
    /// Checks a verdict from the form. `kind` is the posted value (see [`VerdictKind::as_str`]);
    /// `text` holds the conditions or the reason and is ignored for a plain approval.
    pub fn parse(kind: &str, text: &str) -> Result<Self, AdoptionError> {
        let kind = VerdictKind::parse(kind)
            .ok_or_else(|| AdoptionError::UnknownVerdict(kind.to_owned()))?;
        Self::of_kind(kind, text)
    }

    /// A verdict of a known kind with its text, checked as [`Verdict::parse`] does.
    pub fn of_kind(kind: VerdictKind, text: &str) -> Result<Self, AdoptionError> {
        let checked = |missing: AdoptionError| -> Result<String, AdoptionError> {
            let trimmed = text.trim();
            if trimmed.is_empty() {
                return Err(missing);
            }
            let chars = trimmed.chars().count();
            if chars > DECISION_TEXT_MAX {
                return Err(AdoptionError::TextTooLong {
                    chars,
                    max: DECISION_TEXT_MAX,
                });
            }
            Ok(trimmed.to_owned())
        };
        match kind {
            VerdictKind::Approved => Ok(Self::Approved),
            VerdictKind::ApprovedWithConditions => Ok(Self::ApprovedWithConditions(checked(
                AdoptionError::ConditionsMissing,
            )?)),
            VerdictKind::Rejected => Ok(Self::Rejected(checked(AdoptionError::ReasonMissing)?)),
        }
    }

    /// The kind, as stored.
    pub fn kind(&self) -> VerdictKind {
        match self {
            Self::Approved => VerdictKind::Approved,
            Self::ApprovedWithConditions(_) => VerdictKind::ApprovedWithConditions,
            Self::Rejected(_) => VerdictKind::Rejected,
        }
    }

    /// The stored value of the kind.
    pub fn as_str(&self) -> &'static str {
        self.kind().as_str()
    }

    /// German label for the publication page and the adoption overview.
    pub fn label_de(&self) -> &'static str {
        self.kind().label_de()
    }

    /// Whether the body approved (with or without conditions).
    pub fn is_approval(&self) -> bool {
        !matches!(self, Self::Rejected(_))
    }

    /// The conditions or the reason, if any.
    pub fn text(&self) -> Option<&str> {
        match self {
            Self::Approved => None,
            Self::ApprovedWithConditions(text) | Self::Rejected(text) => Some(text),
        }
    }
}

/// The version proposed for adoption, as far as decisions on it matter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FrozenVersion {
    /// The version's id.
    pub version_id: i64,
    /// Hex SHA-256 recorded when it was frozen.
    pub frozen_hash: String,
    /// Hex SHA-256 of its content now, recomputed by the caller.
    pub current_hash: String,
}

/// A recorded decision (one row; corrections are further rows).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decision {
    /// Database id; increases with every entry.
    pub id: i64,
    /// The frozen version decided on.
    pub version_id: i64,
    /// The body that decided.
    pub body_id: i64,
    /// What it decided.
    pub verdict: Verdict,
    /// The date of the meeting.
    pub meeting_date: NaiveDate,
    /// Reference to the minutes.
    pub minutes_ref: String,
    /// Who recorded it.
    pub recorded_by: i64,
    /// When it was recorded.
    pub recorded_at: DateTime<Utc>,
    /// The content hash the decision refers to.
    pub content_hash: String,
    /// The entry this one corrects, if it is a correction.
    pub supersedes: Option<i64>,
}

/// A decision as entered in the form, before it is checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DecisionForm<'a> {
    /// The body whose decision this is.
    pub body_id: i64,
    /// "approved", "approved_with_conditions" or "rejected".
    pub kind: &'a str,
    /// Conditions or reason.
    pub text: &'a str,
    /// Meeting date as `2026-11-21` (date input) or `21.11.2026`.
    pub meeting_date: &'a str,
    /// Minutes reference.
    pub minutes_ref: &'a str,
    /// The content hash shown on the form the body member saw.
    pub content_hash: &'a str,
    /// The decision being corrected, if this is a correction.
    pub supersedes: Option<i64>,
}

/// A checked new decision, ready for [`check_record`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewDecision {
    /// The body whose decision this is.
    pub body_id: i64,
    /// What it decided.
    pub verdict: Verdict,
    /// The date of the meeting (not in the future).
    pub meeting_date: NaiveDate,
    /// Reference to the minutes (required, at most [`MINUTES_REF_MAX`]).
    pub minutes_ref: String,
    /// The content hash the decision refers to.
    pub content_hash: String,
    /// The decision being corrected, if this is a correction.
    pub supersedes: Option<i64>,
}

impl NewDecision {
    /// Checks the form's fields; `today` is the German calendar date.
    pub fn parse(form: &DecisionForm<'_>, today: NaiveDate) -> Result<Self, AdoptionError> {
        let verdict = Verdict::parse(form.kind, form.text)?;
        let meeting_date = parse_date(form.meeting_date)?;
        if meeting_date > today {
            return Err(AdoptionError::MeetingDateInFuture);
        }
        let minutes_ref = text::required(form.minutes_ref, "Protokollverweis", MINUTES_REF_MAX)?;
        Ok(Self {
            body_id: form.body_id,
            verdict,
            meeting_date,
            minutes_ref,
            content_hash: form.content_hash.trim().to_owned(),
            supersedes: form.supersedes,
        })
    }
}

/// Reads a date from a date input (`2026-11-21`) or as typed in German (`21.11.2026`).
fn parse_date(input: &str) -> Result<NaiveDate, AdoptionError> {
    crate::domain::german::parse_date(input).ok_or(AdoptionError::MeetingDateInvalid)
}

/// The first characters of a hash, for messages (safe for any input).
fn short(hash: &str) -> String {
    hash.chars().take(12).collect()
}

/// Everything [`check_record`] needs to know about the adoption.
#[derive(Debug, Clone, Copy)]
pub struct AdoptionContext<'a> {
    /// The version proposed for adoption.
    pub frozen: &'a FrozenVersion,
    /// The process's approving bodies.
    pub bodies: &'a [Body],
    /// All decisions recorded on the frozen version, corrections included.
    pub decisions: &'a [Decision],
    /// Whether the project group has sent the version back after a rejection.
    pub returned: bool,
    /// The bodies the person recording is a member of.
    pub recorder_body_ids: &'a [i64],
}

/// Checks that a decision may be recorded: by a member of the body, on the frozen content
/// (the version unchanged since freezing, and the hash the member saw equal to it), while the
/// adoption is undecided or rejected but not yet sent back, and — for a body that already
/// decided — only as a correction of its current decision.
pub fn check_record(new: &NewDecision, ctx: &AdoptionContext<'_>) -> Result<(), AdoptionError> {
    if ctx.returned {
        return Err(AdoptionError::Returned);
    }
    let body = ctx
        .bodies
        .iter()
        .find(|b| b.id == new.body_id)
        .ok_or(AdoptionError::UnknownBody)?;
    if !ctx.recorder_body_ids.contains(&body.id) {
        return Err(AdoptionError::NotMember(body.name.clone()));
    }
    if ctx.frozen.current_hash != ctx.frozen.frozen_hash {
        return Err(AdoptionError::ContentChanged);
    }
    if new.content_hash != ctx.frozen.frozen_hash {
        return Err(AdoptionError::StaleHash {
            given: short(&new.content_hash),
            frozen: short(&ctx.frozen.frozen_hash),
        });
    }
    if matches!(
        adoption_status(ctx.frozen, ctx.bodies, ctx.decisions),
        AdoptionStatus::Adopted { .. }
    ) {
        return Err(AdoptionError::AlreadyAdopted);
    }
    let current = effective_decision(ctx.frozen, ctx.decisions, body.id);
    match (current, new.supersedes) {
        (None, None) => Ok(()),
        (None, Some(_)) => Err(AdoptionError::NothingToCorrect),
        (Some(_), None) => Err(AdoptionError::AlreadyDecided(body.name.clone())),
        (Some(current), Some(id)) if current.id == id => Ok(()),
        (Some(_), Some(_)) => Err(AdoptionError::CorrectionOutdated),
    }
}

/// Whether a decision counts for this frozen version: same version and same content hash.
fn counts_for(frozen: &FrozenVersion, decision: &Decision) -> bool {
    decision.version_id == frozen.version_id && decision.content_hash == frozen.frozen_hash
}

/// A body's effective decision: the newest entry no other entry supersedes.
pub fn effective_decision<'a>(
    frozen: &FrozenVersion,
    decisions: &'a [Decision],
    body_id: i64,
) -> Option<&'a Decision> {
    let of_body = || {
        decisions
            .iter()
            .filter(move |d| d.body_id == body_id && counts_for(frozen, d))
    };
    of_body()
        .filter(|d| !of_body().any(|later| later.supersedes == Some(d.id)))
        .max_by_key(|d| (d.recorded_at, d.id))
}

/// The history of a body's decisions, oldest first (for the adoption page).
pub fn history(decisions: &[Decision], body_id: i64) -> Vec<&Decision> {
    let mut entries: Vec<&Decision> = decisions.iter().filter(|d| d.body_id == body_id).collect();
    entries.sort_by_key(|d| (d.recorded_at, d.id));
    entries
}

/// A body with the text of its decision (conditions or reason).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BodyStatement {
    /// The body.
    pub body: Body,
    /// Its conditions or its reason.
    pub text: String,
}

/// Where the adoption of a frozen version stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum AdoptionStatus {
    /// No body is configured as required; nothing could adopt the guideline.
    NoRequiredBody,
    /// Required bodies have not decided yet.
    AwaitingDecisions {
        /// The required bodies without a decision.
        missing: Vec<Body>,
    },
    /// Every required body approved; the version is adopted.
    Adopted {
        /// Conditions attached by bodies (required or not), for the publication page.
        conditions: Vec<BodyStatement>,
    },
    /// A required body rejected; the project group sends the version back.
    Rejected {
        /// The required bodies that rejected, with their reasons.
        by: Vec<BodyStatement>,
    },
}

impl AdoptionStatus {
    /// Short German label for the process overview.
    pub fn label_de(&self) -> &'static str {
        match self {
            Self::NoRequiredBody => "keine zustimmungspflichtigen Gremien",
            Self::AwaitingDecisions { .. } => "Entscheidungen stehen aus",
            Self::Adopted { .. } => "verabschiedet",
            Self::Rejected { .. } => "abgelehnt",
        }
    }
}

/// Computes the adoption status. A rejection by a required body wins even while others
/// are missing, because the version cannot be adopted any more. Decisions of bodies that
/// are not required are shown but do not decide.
pub fn adoption_status(
    frozen: &FrozenVersion,
    bodies: &[Body],
    decisions: &[Decision],
) -> AdoptionStatus {
    let required: Vec<&Body> = bodies.iter().filter(|b| b.required).collect();
    if required.is_empty() {
        return AdoptionStatus::NoRequiredBody;
    }
    let mut missing = Vec::new();
    let mut rejected = Vec::new();
    for body in &required {
        match effective_decision(frozen, decisions, body.id).map(|d| &d.verdict) {
            None => missing.push((*body).clone()),
            Some(Verdict::Rejected(reason)) => rejected.push(BodyStatement {
                body: (*body).clone(),
                text: reason.clone(),
            }),
            Some(_) => {}
        }
    }
    if !rejected.is_empty() {
        return AdoptionStatus::Rejected { by: rejected };
    }
    if !missing.is_empty() {
        return AdoptionStatus::AwaitingDecisions { missing };
    }
    let conditions = bodies
        .iter()
        .filter_map(|body| {
            let decision = effective_decision(frozen, decisions, body.id)?;
            match &decision.verdict {
                Verdict::ApprovedWithConditions(text) => Some(BodyStatement {
                    body: body.clone(),
                    text: text.clone(),
                }),
                _ => None,
            }
        })
        .collect();
    AdoptionStatus::Adopted { conditions }
}

/// Checks that the project group may propose a version for adoption: the process is in the
/// discourse step, no round is still active, and at least one body is required.
pub fn check_propose(
    step: Step,
    round_states: &[RoundState],
    bodies: &[Body],
) -> Result<(), AdoptionError> {
    if step != Step::Discourse {
        return Err(AdoptionError::WrongStep(step));
    }
    // A round that has not started does not hold the proposal up: proposing cancels it.
    if round_states
        .iter()
        .any(|s| s.is_active() && *s != RoundState::Scheduled)
    {
        return Err(AdoptionError::RoundActive);
    }
    if !bodies.iter().any(|b| b.required) {
        return Err(AdoptionError::NoRequiredBody);
    }
    Ok(())
}

/// A suggested reason for sending a rejected version back, naming the bodies and reasons.
pub fn return_reason_de(status: &AdoptionStatus) -> Option<String> {
    match status {
        AdoptionStatus::Rejected { by } => Some(
            by.iter()
                .map(|s| format!("Abgelehnt durch {}: {}", s.body.name, s.text))
                .collect::<Vec<_>>()
                .join("\n"),
        ),
        _ => None,
    }
}

/// Checks sending a rejected version back: only after a rejection, only to discourse or
/// draft (the project group chooses), with a reason as for every step back.
pub fn check_return(
    status: &AdoptionStatus,
    to: Step,
    reason: &str,
) -> Result<TransitionKind, AdoptionError> {
    if !matches!(status, AdoptionStatus::Rejected { .. }) {
        return Err(AdoptionError::NotRejected);
    }
    if !matches!(to, Step::Discourse | Step::Draft) {
        return Err(AdoptionError::ReturnTarget(to));
    }
    Ok(check_transition(Step::Adoption, to, Some(reason))?)
}

/// Checks withdrawing a proposal before the bodies have adopted it: the project group takes
/// the frozen version out of adoption (e.g. it found an error) with a reason, back to
/// discourse or draft. This and [`check_return`] are the only ways out of step 4 other than
/// adoption, so a frozen version never leaves the adoption without a recorded decision.
pub fn check_withdraw(
    status: &AdoptionStatus,
    to: Step,
    reason: &str,
) -> Result<TransitionKind, AdoptionError> {
    if matches!(status, AdoptionStatus::Adopted { .. }) {
        return Err(AdoptionError::AlreadyAdopted);
    }
    if !matches!(to, Step::Discourse | Step::Draft) {
        return Err(AdoptionError::WithdrawTarget(to));
    }
    Ok(check_transition(Step::Adoption, to, Some(reason))?)
}

/// Why an adoption action is refused; the text is shown to the user.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum AdoptionError {
    /// A posted kind that is not a verdict.
    #[error("Unbekannte Entscheidung „{0}“.")]
    UnknownVerdict(String),
    /// Approval with conditions but no conditions.
    #[error("Bitte geben Sie die Auflagen an, unter denen das Gremium zugestimmt hat.")]
    ConditionsMissing,
    /// Rejection without a reason.
    #[error("Bitte geben Sie den Grund für die Ablehnung an.")]
    ReasonMissing,
    /// Conditions or reason too long.
    #[error("Der Text ist zu lang ({} Zeichen, höchstens {}).", crate::domain::german::number_u(*.chars), crate::domain::german::number_u(*.max))]
    TextTooLong {
        /// Characters entered (after trimming).
        chars: usize,
        /// The limit.
        max: usize,
    },
    /// Minutes reference or body name empty or too long.
    #[error(transparent)]
    Text(#[from] TextError),
    /// The meeting date cannot be read.
    #[error("Bitte geben Sie das Datum der Sitzung an (z. B. 21.11.2026).")]
    MeetingDateInvalid,
    /// The meeting date lies in the future.
    #[error("Das Datum der Sitzung liegt in der Zukunft.")]
    MeetingDateInFuture,
    /// The body is not configured for the process.
    #[error("Dieses Gremium ist für den Prozess nicht eingerichtet.")]
    UnknownBody,
    /// The person is not a member of the body.
    #[error("Nur Mitglieder des Gremiums „{0}“ können dessen Entscheidung eintragen.")]
    NotMember(String),
    /// The version was sent back after a rejection.
    #[error(
        "Diese Version wurde nach einer Ablehnung zur Überarbeitung zurückgegeben; Entscheidungen dazu werden nicht mehr eingetragen."
    )]
    Returned,
    /// The frozen version's content no longer matches its recorded hash.
    #[error(
        "Der Text der eingefrorenen Version stimmt nicht mehr mit der beim Einfrieren festgehaltenen Prüfsumme überein. Bitte wenden Sie sich an die Koordination."
    )]
    ContentChanged,
    /// The decision refers to other content than the frozen version.
    #[error(
        "Die Entscheidung bezieht sich auf eine andere Textversion (Prüfsumme {given}…) als die zur Verabschiedung eingefrorene (Prüfsumme {frozen}…)."
    )]
    StaleHash {
        /// Start of the hash given.
        given: String,
        /// Start of the frozen hash.
        frozen: String,
    },
    /// The version is already adopted.
    #[error(
        "Die Version ist bereits verabschiedet; Entscheidungen können nicht mehr geändert werden."
    )]
    AlreadyAdopted,
    /// The body already decided; only a correction may follow.
    #[error(
        "Für „{0}“ ist bereits eine Entscheidung eingetragen. Eine Änderung ist nur als Korrektur dieser Entscheidung möglich."
    )]
    AlreadyDecided(String),
    /// A correction without a decision to correct.
    #[error("Es gibt keine Entscheidung dieses Gremiums, die korrigiert werden könnte.")]
    NothingToCorrect,
    /// The corrected decision is no longer the current one.
    #[error(
        "Die Entscheidung wurde inzwischen geändert. Bitte laden Sie die Seite neu und prüfen Sie die aktuelle Entscheidung."
    )]
    CorrectionOutdated,
    /// Proposing outside the discourse step.
    #[error(
        "Zur Verabschiedung vorgeschlagen wird im Schritt „Diskurs“; der Prozess ist im Schritt „{}“.",
        .0.label_de()
    )]
    WrongStep(Step),
    /// A round is still active.
    #[error(
        "Eine Diskursrunde läuft noch oder hat unbeantwortete Kommentare. Beenden Sie sie (auf der Seite der Runde auch vorzeitig), beantworten Sie alle Kommentare und schließen Sie sie; danach kann eine Version zur Verabschiedung vorgeschlagen werden."
    )]
    RoundActive,
    /// No required body is configured.
    #[error("Mindestens ein Gremium muss als zustimmungspflichtig eingerichtet sein.")]
    NoRequiredBody,
    /// Sending back a version that was not rejected.
    #[error("Zurückgegeben werden kann nur eine abgelehnte Version.")]
    NotRejected,
    /// Sending back to a step other than discourse or draft.
    #[error(
        "Nach einer Ablehnung geht der Prozess zurück zum Diskurs oder zum Entwurf, nicht zu „{}“.",
        .0.label_de()
    )]
    ReturnTarget(Step),
    /// Withdrawing to a step other than discourse or draft.
    #[error(
        "Ein zurückgezogener Vorschlag geht zurück zum Diskurs oder zum Entwurf, nicht zu „{}“.",
        .0.label_de()
    )]
    WithdrawTarget(Step),
    /// Leaving step 4 by a bare step change.
    #[error(
        "Eine zur Verabschiedung vorgeschlagene Version verlässt Schritt 4 nur, wenn die Projektgruppe sie nach einer Ablehnung zurückgibt oder den Vorschlag mit Begründung zurückzieht (Seite „Verabschiedung“)."
    )]
    LeaveOnlyByReturnOrWithdrawal,
    /// The step change itself is refused (e.g. no reason).
    #[error(transparent)]
    Transition(#[from] TransitionError),
}

/// When an adopted guideline is next reviewed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "RawReviewSchedule")]
pub struct ReviewSchedule {
    adopted_on: NaiveDate,
    next_review: NaiveDate,
}

/// The unchecked wire form of a [`ReviewSchedule`].
#[derive(Deserialize)]
struct RawReviewSchedule {
    adopted_on: NaiveDate,
    next_review: NaiveDate,
}

impl TryFrom<RawReviewSchedule> for ReviewSchedule {
    type Error = ReviewError;

    fn try_from(raw: RawReviewSchedule) -> Result<Self, Self::Error> {
        if raw.next_review <= raw.adopted_on {
            return Err(ReviewError::NotInFuture);
        }
        Ok(Self {
            adopted_on: raw.adopted_on,
            next_review: raw.next_review,
        })
    }
}

impl ReviewSchedule {
    /// The default schedule: review two years after adoption. Chrono clamps to the month's
    /// last day, so adoption on 29 Feb 2028 gives 28 Feb 2030.
    pub fn after_adoption(adopted_on: NaiveDate) -> Self {
        let next_review = adopted_on
            .checked_add_months(Months::new(REVIEW_MONTHS_DEFAULT))
            .unwrap_or(NaiveDate::MAX);
        Self {
            adopted_on,
            next_review,
        }
    }

    /// Moves the next review to `next_review`, which must lie after `today` and at most
    /// [`REVIEW_YEARS_MAX`] years ahead.
    pub fn reschedule(self, next_review: NaiveDate, today: NaiveDate) -> Result<Self, ReviewError> {
        if next_review <= today {
            return Err(ReviewError::NotInFuture);
        }
        let latest = today
            .checked_add_months(Months::new(REVIEW_YEARS_MAX * 12))
            .unwrap_or(NaiveDate::MAX);
        if next_review > latest {
            return Err(ReviewError::TooFar {
                years: REVIEW_YEARS_MAX,
            });
        }
        Ok(Self {
            adopted_on: self.adopted_on,
            next_review,
        })
    }

    /// The adoption date.
    pub fn adopted_on(&self) -> NaiveDate {
        self.adopted_on
    }

    /// The date of the next review.
    pub fn next_review(&self) -> NaiveDate {
        self.next_review
    }

    /// Days from `today` to the review date (negative when overdue).
    pub fn days_until(&self, today: NaiveDate) -> i64 {
        (self.next_review - today).num_days()
    }

    /// Whether the review date has passed (on the date itself the review is due, not overdue).
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        today > self.next_review
    }

    /// Whether the review is due within `within_days` days and not yet overdue.
    pub fn is_due_soon(&self, today: NaiveDate, within_days: i64) -> bool {
        !self.is_overdue(today) && self.days_until(today) <= within_days
    }

    /// "Überprüfung fällig am 21.11.2028" or "Überprüfung überfällig seit 21.11.2028".
    pub fn status_text_de(&self, today: NaiveDate) -> String {
        let date = self.next_review.format("%d.%m.%Y");
        if self.is_overdue(today) {
            format!("Überprüfung überfällig seit {date}")
        } else {
            format!("Überprüfung fällig am {date}")
        }
    }
}

/// The kind of reason a review is started before its date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "ssr",
    derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum),
    sea_orm(
        rs_type = "String",
        db_type = "String(sea_orm::sea_query::StringLen::N(32))"
    )
)]
pub enum TriggerKind {
    /// A new law or regulation, e.g. the EU AI Act.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "new_law"))]
    NewLaw,
    /// A new AI tool in the organisation.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "new_tool"))]
    NewTool,
    /// Needs for change collected from staff.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "change_needs"))]
    ChangeNeeds,
    /// Another reason (a description is required).
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "other"))]
    Other,
}

impl TriggerKind {
    /// All kinds, in the order of the form.
    pub const ALL: [TriggerKind; 4] = [Self::NewLaw, Self::NewTool, Self::ChangeNeeds, Self::Other];

    /// The stored value.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::NewLaw => "new_law",
            Self::NewTool => "new_tool",
            Self::ChangeNeeds => "change_needs",
            Self::Other => "other",
        }
    }

    /// Reads a stored or posted value.
    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == value)
    }

    /// German label for the form and the process history.
    pub fn label_de(self) -> &'static str {
        match self {
            Self::NewLaw => "Neue Rechtslage (z. B. EU-KI-Verordnung)",
            Self::NewTool => "Neues KI-Werkzeug",
            Self::ChangeNeeds => "Gesammelter Anpassungsbedarf",
            Self::Other => "Sonstiger Anlass",
        }
    }
}

/// Why a review is started before its date: the kind and its description ("Neues
/// KI-Werkzeug: Microsoft Copilot"). The description is optional for every kind but "other",
/// where it is the only information.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewTrigger {
    kind: TriggerKind,
    description: Option<String>,
}

impl ReviewTrigger {
    /// Checks a trigger from the form: a known kind, the description trimmed (empty is none),
    /// at most [`TRIGGER_TEXT_MAX`] characters, required for "other".
    pub fn parse(kind: &str, text: &str) -> Result<Self, ReviewError> {
        let kind =
            TriggerKind::parse(kind).ok_or_else(|| ReviewError::UnknownTrigger(kind.to_owned()))?;
        let trimmed = text.trim();
        let chars = trimmed.chars().count();
        if chars > TRIGGER_TEXT_MAX {
            return Err(ReviewError::TriggerTextTooLong {
                chars,
                max: TRIGGER_TEXT_MAX,
            });
        }
        if trimmed.is_empty() && kind == TriggerKind::Other {
            return Err(ReviewError::TriggerTextMissing);
        }
        Ok(Self {
            kind,
            description: (!trimmed.is_empty()).then(|| trimmed.to_owned()),
        })
    }

    /// A trigger of a kind without description.
    pub fn of(kind: TriggerKind) -> Self {
        Self {
            kind,
            description: None,
        }
    }

    /// The kind.
    pub fn kind(&self) -> TriggerKind {
        self.kind
    }

    /// The description, if any.
    pub fn description(&self) -> Option<&str> {
        self.description.as_deref()
    }

    /// The stored value of the kind.
    pub fn as_str(&self) -> &'static str {
        self.kind.as_str()
    }

    /// German label of the kind.
    pub fn label_de(&self) -> &'static str {
        self.kind.label_de()
    }

    /// Kind and description in one line: "Neues KI-Werkzeug: Microsoft Copilot"; "other" shows
    /// only its description.
    pub fn text_de(&self) -> String {
        match (self.kind, self.description.as_deref()) {
            (TriggerKind::Other, Some(text)) => text.to_owned(),
            (kind, Some(text)) => format!("{}: {text}", kind.label_de()),
            (kind, None) => kind.label_de().to_owned(),
        }
    }

    /// The reason recorded for the step change: "Überprüfung: " and [`ReviewTrigger::text_de`].
    pub fn reason_de(&self) -> String {
        format!("Überprüfung: {}", self.text_de())
    }
}

/// Why a review action is refused; the text is shown to the user.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ReviewError {
    /// The new review date is not in the future.
    #[error("Der nächste Überprüfungstermin muss in der Zukunft liegen.")]
    NotInFuture,
    /// The new review date is too far ahead.
    #[error("Der nächste Überprüfungstermin darf höchstens {years} Jahre in der Zukunft liegen.")]
    TooFar {
        /// The limit in years.
        years: u32,
    },
    /// A posted trigger that is not known.
    #[error("Unbekannter Anlass „{0}“.")]
    UnknownTrigger(String),
    /// "Other" without a description.
    #[error("Bitte beschreiben Sie den Anlass der Überprüfung.")]
    TriggerTextMissing,
    /// The description is too long.
    #[error("Die Beschreibung ist zu lang ({} Zeichen, höchstens {}).", crate::domain::german::number_u(*.chars), crate::domain::german::number_u(*.max))]
    TriggerTextTooLong {
        /// Characters entered (after trimming).
        chars: usize,
        /// The limit.
        max: usize,
    },
}

#[cfg(test)]
mod tests {
    use super::*;

    const HASH: &str = "6c05f0c848470389aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    const OTHER_HASH: &str = "ffffffffffff0389aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    const MGMT: i64 = 1;
    const COUNCIL: i64 = 2;
    const ADVISORY: i64 = 3;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid test date")
    }

    fn frozen() -> FrozenVersion {
        FrozenVersion {
            version_id: 30,
            frozen_hash: HASH.into(),
            current_hash: HASH.into(),
        }
    }

    fn bodies() -> Vec<Body> {
        vec![
            Body::new(MGMT, "Geschäftsführung", true).expect("valid"),
            Body::new(COUNCIL, "Betriebsrat", true).expect("valid"),
            Body::new(ADVISORY, "Beirat", false).expect("valid"),
        ]
    }

    fn decision(id: i64, body_id: i64, verdict: Verdict, supersedes: Option<i64>) -> Decision {
        Decision {
            id,
            version_id: 30,
            body_id,
            verdict,
            meeting_date: day(2026, 11, 20),
            minutes_ref: format!("Protokoll {id}"),
            recorded_by: 9,
            recorded_at: DateTime::from_timestamp(1_790_000_000 + id * 60, 0)
                .expect("valid test instant"),
            content_hash: HASH.into(),
            supersedes,
        }
    }

    fn form<'a>(body_id: i64, kind: &'a str, text: &'a str) -> DecisionForm<'a> {
        DecisionForm {
            body_id,
            kind,
            text,
            meeting_date: "2026-11-20",
            minutes_ref: "BR-Sitzung 2026/14, TOP 3",
            content_hash: HASH,
            supersedes: None,
        }
    }

    fn new(body_id: i64, kind: &str, text: &str) -> NewDecision {
        NewDecision::parse(&form(body_id, kind, text), day(2026, 11, 21)).expect("valid form")
    }

    fn ctx<'a>(
        frozen: &'a FrozenVersion,
        bodies: &'a [Body],
        decisions: &'a [Decision],
    ) -> AdoptionContext<'a> {
        AdoptionContext {
            frozen,
            bodies,
            decisions,
            returned: false,
            recorder_body_ids: &[MGMT, COUNCIL, ADVISORY],
        }
    }

    fn statement(body: &Body, text: &str) -> BodyStatement {
        BodyStatement {
            body: body.clone(),
            text: text.into(),
        }
    }

    #[test]
    fn without_decisions_all_required_bodies_are_missing() {
        let b = bodies();
        assert_eq!(
            adoption_status(&frozen(), &b, &[]),
            AdoptionStatus::AwaitingDecisions {
                missing: vec![b[0].clone(), b[1].clone()]
            }
        );
    }

    #[test]
    fn the_version_is_adopted_when_all_required_bodies_approve() {
        let b = bodies();
        let decisions = [
            decision(1, MGMT, Verdict::Approved, None),
            decision(2, COUNCIL, Verdict::Approved, None),
        ];
        assert_eq!(
            adoption_status(&frozen(), &b, &decisions),
            AdoptionStatus::Adopted { conditions: vec![] }
        );
    }

    #[test]
    fn approval_with_conditions_counts_as_approval_and_keeps_the_conditions() {
        let b = bodies();
        let decisions = [
            decision(1, MGMT, Verdict::Approved, None),
            decision(
                2,
                COUNCIL,
                Verdict::ApprovedWithConditions("Evaluation nach einem Jahr".into()),
                None,
            ),
        ];
        assert_eq!(
            adoption_status(&frozen(), &b, &decisions),
            AdoptionStatus::Adopted {
                conditions: vec![statement(&b[1], "Evaluation nach einem Jahr")]
            }
        );
    }

    #[test]
    fn one_required_rejection_rejects_the_version_even_with_bodies_missing() {
        let b = bodies();
        let decisions = [decision(
            1,
            COUNCIL,
            Verdict::Rejected("Datenschutz ungeklärt".into()),
            None,
        )];
        let status = adoption_status(&frozen(), &b, &decisions);
        assert_eq!(
            status,
            AdoptionStatus::Rejected {
                by: vec![statement(&b[1], "Datenschutz ungeklärt")]
            }
        );
        assert_eq!(
            return_reason_de(&status).as_deref(),
            Some("Abgelehnt durch Betriebsrat: Datenschutz ungeklärt")
        );
    }

    #[test]
    fn bodies_that_are_not_required_neither_block_nor_adopt() {
        let b = bodies();
        let decisions = [
            decision(1, MGMT, Verdict::Approved, None),
            decision(2, COUNCIL, Verdict::Approved, None),
            decision(3, ADVISORY, Verdict::Rejected("zu vage".into()), None),
        ];
        assert!(matches!(
            adoption_status(&frozen(), &b, &decisions),
            AdoptionStatus::Adopted { .. }
        ));
        let only_advisory = [decision(1, ADVISORY, Verdict::Approved, None)];
        assert!(matches!(
            adoption_status(&frozen(), &b, &only_advisory),
            AdoptionStatus::AwaitingDecisions { missing } if missing.len() == 2
        ));
    }

    #[test]
    fn without_a_required_body_nothing_is_ever_adopted() {
        let advisory_only = vec![Body::new(ADVISORY, "Beirat", false).expect("valid")];
        let decisions = [decision(1, ADVISORY, Verdict::Approved, None)];
        assert_eq!(
            adoption_status(&frozen(), &advisory_only, &decisions),
            AdoptionStatus::NoRequiredBody
        );
    }

    #[test]
    fn a_superseding_decision_is_the_effective_one_and_history_is_kept() {
        let b = bodies();
        let decisions = [
            decision(1, MGMT, Verdict::Approved, None),
            decision(2, COUNCIL, Verdict::Rejected("Formfehler".into()), None),
            decision(
                3,
                COUNCIL,
                Verdict::ApprovedWithConditions("Schulung".into()),
                Some(2),
            ),
        ];
        assert_eq!(
            effective_decision(&frozen(), &decisions, COUNCIL).map(|d| d.id),
            Some(3)
        );
        assert_eq!(
            adoption_status(&frozen(), &b, &decisions),
            AdoptionStatus::Adopted {
                conditions: vec![statement(&b[1], "Schulung")]
            }
        );
        let ids: Vec<i64> = history(&decisions, COUNCIL).iter().map(|d| d.id).collect();
        assert_eq!(ids, [2, 3]);
    }

    #[test]
    fn a_correction_can_turn_an_approval_into_a_rejection() {
        let b = bodies();
        let decisions = [
            decision(1, MGMT, Verdict::Approved, None),
            decision(
                2,
                MGMT,
                Verdict::Rejected("Falsch eingetragen".into()),
                Some(1),
            ),
        ];
        assert!(matches!(
            adoption_status(&frozen(), &b, &decisions),
            AdoptionStatus::Rejected { by } if by[0].body.id == MGMT
        ));
    }

    #[test]
    fn decisions_on_other_content_or_another_version_do_not_count() {
        let b = bodies();
        let mut stale = decision(1, MGMT, Verdict::Approved, None);
        stale.content_hash = OTHER_HASH.into();
        let mut earlier_version = decision(2, COUNCIL, Verdict::Approved, None);
        earlier_version.version_id = 20;
        let decisions = [stale, earlier_version];
        assert_eq!(
            adoption_status(&frozen(), &b, &decisions),
            AdoptionStatus::AwaitingDecisions {
                missing: vec![b[0].clone(), b[1].clone()]
            }
        );
    }

    #[test]
    fn a_first_decision_of_a_body_member_is_accepted() {
        let (f, b) = (frozen(), bodies());
        assert_eq!(
            check_record(&new(COUNCIL, "approved", ""), &ctx(&f, &b, &[])),
            Ok(())
        );
    }

    #[test]
    fn a_decision_against_a_stale_hash_is_refused() {
        let (f, b) = (frozen(), bodies());
        let mut stale = new(COUNCIL, "approved", "");
        stale.content_hash = OTHER_HASH.into();
        let err = check_record(&stale, &ctx(&f, &b, &[])).expect_err("stale");
        assert_eq!(
            err,
            AdoptionError::StaleHash {
                given: "ffffffffffff".into(),
                frozen: "6c05f0c84847".into()
            }
        );
        assert_eq!(
            err.to_string(),
            "Die Entscheidung bezieht sich auf eine andere Textversion (Prüfsumme ffffffffffff…) als die zur Verabschiedung eingefrorene (Prüfsumme 6c05f0c84847…)."
        );
    }

    #[test]
    fn a_short_or_non_ascii_hash_in_the_form_does_not_break_the_message() {
        let (f, b) = (frozen(), bodies());
        let mut odd = new(COUNCIL, "approved", "");
        odd.content_hash = "äöü".into();
        assert!(matches!(
            check_record(&odd, &ctx(&f, &b, &[])),
            Err(AdoptionError::StaleHash { given, .. }) if given == "äöü"
        ));
    }

    #[test]
    fn no_decision_is_recorded_when_the_frozen_content_changed() {
        let b = bodies();
        let changed = FrozenVersion {
            current_hash: OTHER_HASH.into(),
            ..frozen()
        };
        assert_eq!(
            check_record(&new(COUNCIL, "approved", ""), &ctx(&changed, &b, &[])),
            Err(AdoptionError::ContentChanged)
        );
    }

    #[test]
    fn only_members_record_their_bodys_decision() {
        let (f, b) = (frozen(), bodies());
        let context = AdoptionContext {
            recorder_body_ids: &[MGMT],
            ..ctx(&f, &b, &[])
        };
        let err = check_record(&new(COUNCIL, "approved", ""), &context).expect_err("not member");
        assert_eq!(
            err.to_string(),
            "Nur Mitglieder des Gremiums „Betriebsrat“ können dessen Entscheidung eintragen."
        );
        assert_eq!(
            check_record(&new(99, "approved", ""), &context),
            Err(AdoptionError::UnknownBody)
        );
    }

    #[test]
    fn a_second_decision_must_supersede_the_current_one() {
        let (f, b) = (frozen(), bodies());
        let decisions = [decision(5, COUNCIL, Verdict::Approved, None)];
        let context = ctx(&f, &b, &decisions);
        assert_eq!(
            check_record(&new(COUNCIL, "rejected", "Doch nicht"), &context),
            Err(AdoptionError::AlreadyDecided("Betriebsrat".into()))
        );
        let mut correction = new(COUNCIL, "rejected", "Doch nicht");
        correction.supersedes = Some(5);
        assert_eq!(check_record(&correction, &context), Ok(()));
    }

    #[test]
    fn a_correction_of_an_outdated_decision_is_refused() {
        let (f, b) = (frozen(), bodies());
        let decisions = [
            decision(5, COUNCIL, Verdict::Rejected("A".into()), None),
            decision(6, COUNCIL, Verdict::Rejected("B".into()), Some(5)),
        ];
        let mut correction = new(COUNCIL, "approved", "");
        correction.supersedes = Some(5);
        assert_eq!(
            check_record(&correction, &ctx(&f, &b, &decisions)),
            Err(AdoptionError::CorrectionOutdated)
        );
        let mut nothing = new(MGMT, "approved", "");
        nothing.supersedes = Some(5);
        assert_eq!(
            check_record(&nothing, &ctx(&f, &b, &decisions)),
            Err(AdoptionError::NothingToCorrect)
        );
    }

    #[test]
    fn after_adoption_no_decision_can_be_added_or_corrected() {
        let (f, b) = (frozen(), bodies());
        let decisions = [
            decision(1, MGMT, Verdict::Approved, None),
            decision(2, COUNCIL, Verdict::Approved, None),
        ];
        let mut correction = new(COUNCIL, "rejected", "Zu spät");
        correction.supersedes = Some(2);
        assert_eq!(
            check_record(&correction, &ctx(&f, &b, &decisions)),
            Err(AdoptionError::AlreadyAdopted)
        );
    }

    #[test]
    fn after_a_rejection_other_bodies_may_still_record_until_the_version_is_sent_back() {
        let (f, b) = (frozen(), bodies());
        let decisions = [decision(1, COUNCIL, Verdict::Rejected("Nein".into()), None)];
        assert_eq!(
            check_record(&new(MGMT, "approved", ""), &ctx(&f, &b, &decisions)),
            Ok(())
        );
        let returned = AdoptionContext {
            returned: true,
            ..ctx(&f, &b, &decisions)
        };
        assert_eq!(
            check_record(&new(MGMT, "approved", ""), &returned),
            Err(AdoptionError::Returned)
        );
    }

    #[test]
    fn conditions_and_rejection_reasons_are_required() {
        assert_eq!(
            Verdict::parse("approved_with_conditions", "  "),
            Err(AdoptionError::ConditionsMissing)
        );
        assert_eq!(
            Verdict::parse("rejected", ""),
            Err(AdoptionError::ReasonMissing)
        );
        assert_eq!(
            Verdict::parse("rejected", &"x".repeat(DECISION_TEXT_MAX + 1)),
            Err(AdoptionError::TextTooLong {
                chars: 2_001,
                max: 2_000
            })
        );
        assert_eq!(
            Verdict::parse("approved", "wird ignoriert"),
            Ok(Verdict::Approved)
        );
        assert_eq!(
            Verdict::parse("vertagt", ""),
            Err(AdoptionError::UnknownVerdict("vertagt".into()))
        );
    }

    #[test]
    fn verdicts_have_german_labels_and_stored_values() {
        let conditions = Verdict::ApprovedWithConditions("x".into());
        assert_eq!(Verdict::Approved.label_de(), "zugestimmt");
        assert_eq!(conditions.label_de(), "mit Auflagen zugestimmt");
        assert_eq!(Verdict::Rejected("y".into()).label_de(), "abgelehnt");
        assert_eq!(
            Verdict::parse(conditions.as_str(), "x"),
            Ok(conditions.clone())
        );
        assert_eq!(conditions.text(), Some("x"));
        assert!(conditions.is_approval());
        assert!(!Verdict::Rejected("y".into()).is_approval());
    }

    #[test]
    fn the_minutes_reference_is_required_and_limited() {
        let today = day(2026, 11, 21);
        let mut f = form(COUNCIL, "approved", "");
        f.minutes_ref = "  ";
        assert_eq!(
            NewDecision::parse(&f, today)
                .map(|_| ())
                .map_err(|e| e.to_string()),
            Err("Bitte füllen Sie das Feld „Protokollverweis“ aus.".into())
        );
        let long = "p".repeat(MINUTES_REF_MAX + 1);
        f.minutes_ref = &long;
        assert!(matches!(
            NewDecision::parse(&f, today),
            Err(AdoptionError::Text(TextError::TooLong { max: 200, .. }))
        ));
    }

    #[test]
    fn the_meeting_date_is_read_in_both_formats_and_not_in_the_future() {
        let today = day(2026, 11, 21);
        let mut f = form(COUNCIL, "approved", "");
        f.meeting_date = "20.11.2026";
        assert_eq!(
            NewDecision::parse(&f, today).map(|d| d.meeting_date),
            Ok(day(2026, 11, 20))
        );
        f.meeting_date = "2026-11-21";
        assert!(NewDecision::parse(&f, today).is_ok());
        f.meeting_date = "2026-11-22";
        assert_eq!(
            NewDecision::parse(&f, today),
            Err(AdoptionError::MeetingDateInFuture)
        );
        f.meeting_date = "gestern";
        assert_eq!(
            NewDecision::parse(&f, today),
            Err(AdoptionError::MeetingDateInvalid)
        );
    }

    #[test]
    fn a_version_is_proposed_from_discourse_with_no_active_round_and_a_required_body() {
        let b = bodies();
        assert_eq!(
            check_propose(Step::Discourse, &[RoundState::Closed], &b),
            Ok(())
        );
        assert_eq!(
            check_propose(Step::Draft, &[], &b),
            Err(AdoptionError::WrongStep(Step::Draft))
        );
        assert_eq!(
            check_propose(Step::Discourse, &[RoundState::AwaitingDispositions], &b),
            Err(AdoptionError::RoundActive)
        );
        assert_eq!(
            check_propose(Step::Discourse, &[], &b[2..]),
            Err(AdoptionError::NoRequiredBody)
        );
    }

    #[test]
    fn a_round_that_has_not_started_does_not_hold_up_a_proposal_but_an_open_one_does() {
        let b = bodies();
        assert_eq!(
            check_propose(
                Step::Discourse,
                &[RoundState::Scheduled, RoundState::Cancelled],
                &b
            ),
            Ok(())
        );
        assert_eq!(
            check_propose(Step::Discourse, &[RoundState::Open], &b),
            Err(AdoptionError::RoundActive)
        );
    }

    #[test]
    fn after_a_rejection_the_group_returns_to_discourse_or_draft_with_a_reason() {
        let b = bodies();
        let rejected = AdoptionStatus::Rejected {
            by: vec![statement(&b[1], "Nein")],
        };
        for to in [Step::Discourse, Step::Draft] {
            assert!(matches!(
                check_return(&rejected, to, "Betriebsrat hat abgelehnt"),
                Ok(TransitionKind::Back(_))
            ));
        }
        assert_eq!(
            check_return(&rejected, Step::Collect, "Grund"),
            Err(AdoptionError::ReturnTarget(Step::Collect))
        );
        assert_eq!(
            check_return(&rejected, Step::Draft, " "),
            Err(AdoptionError::Transition(TransitionError::ReasonMissing))
        );
        assert_eq!(
            check_return(
                &AdoptionStatus::AwaitingDecisions { missing: vec![] },
                Step::Draft,
                "Grund"
            ),
            Err(AdoptionError::NotRejected)
        );
    }

    #[test]
    fn a_body_needs_a_name() {
        assert!(matches!(
            Body::new(1, "  ", true),
            Err(AdoptionError::Text(TextError::Empty { .. }))
        ));
        assert_eq!(
            Body::new(1, " MAV ", false).map(|b| b.name),
            Ok("MAV".to_owned())
        );
    }

    #[test]
    fn the_next_review_is_two_years_after_adoption() {
        let s = ReviewSchedule::after_adoption(day(2026, 11, 21));
        assert_eq!(s.next_review(), day(2028, 11, 21));
        assert_eq!(s.adopted_on(), day(2026, 11, 21));
    }

    #[test]
    fn adoption_on_29_february_is_reviewed_on_28_february() {
        let s = ReviewSchedule::after_adoption(day(2028, 2, 29));
        assert_eq!(s.next_review(), day(2030, 2, 28));
    }

    #[test]
    fn the_review_date_can_be_moved_to_a_future_date_only() {
        let s = ReviewSchedule::after_adoption(day(2026, 11, 21));
        let today = day(2027, 3, 1);
        assert_eq!(
            s.reschedule(day(2027, 9, 1), today)
                .map(|s| s.next_review()),
            Ok(day(2027, 9, 1))
        );
        assert_eq!(s.reschedule(today, today), Err(ReviewError::NotInFuture));
        assert_eq!(
            s.reschedule(day(2032, 3, 2), today),
            Err(ReviewError::TooFar { years: 5 })
        );
        assert!(s.reschedule(day(2032, 3, 1), today).is_ok());
    }

    #[test]
    fn a_review_is_due_on_its_date_and_overdue_the_day_after() {
        let s = ReviewSchedule::after_adoption(day(2026, 11, 21));
        assert!(!s.is_overdue(day(2028, 11, 21)));
        assert!(s.is_overdue(day(2028, 11, 22)));
        assert_eq!(s.days_until(day(2028, 11, 22)), -1);
        assert_eq!(
            s.status_text_de(day(2028, 11, 22)),
            "Überprüfung überfällig seit 21.11.2028"
        );
        assert_eq!(
            s.status_text_de(day(2027, 1, 1)),
            "Überprüfung fällig am 21.11.2028"
        );
    }

    #[test]
    fn a_review_within_the_window_is_due_soon_but_an_overdue_one_is_not() {
        let s = ReviewSchedule::after_adoption(day(2026, 11, 21));
        assert!(s.is_due_soon(day(2028, 10, 22), 30));
        assert!(!s.is_due_soon(day(2028, 10, 21), 30));
        assert!(s.is_due_soon(day(2028, 11, 21), 30));
        assert!(!s.is_due_soon(day(2028, 11, 22), 30));
    }

    #[test]
    fn a_review_schedule_from_the_wire_is_checked_again() {
        assert!(serde_json::from_str::<ReviewSchedule>(
            r#"{"adopted_on":"2026-11-21","next_review":"2026-11-01"}"#
        )
        .is_err());
        let s = ReviewSchedule::after_adoption(day(2026, 11, 21));
        let json = serde_json::to_string(&s).expect("serialises");
        assert_eq!(serde_json::from_str::<ReviewSchedule>(&json).ok(), Some(s));
    }

    #[test]
    fn review_triggers_have_german_labels_and_other_needs_a_text() {
        assert_eq!(
            ReviewTrigger::parse("new_law", ""),
            Ok(ReviewTrigger::of(TriggerKind::NewLaw))
        );
        assert_eq!(
            TriggerKind::NewLaw.label_de(),
            "Neue Rechtslage (z. B. EU-KI-Verordnung)"
        );
        assert_eq!(TriggerKind::NewTool.label_de(), "Neues KI-Werkzeug");
        assert_eq!(
            ReviewTrigger::of(TriggerKind::ChangeNeeds).reason_de(),
            "Überprüfung: Gesammelter Anpassungsbedarf"
        );
        assert_eq!(
            ReviewTrigger::parse("other", "  "),
            Err(ReviewError::TriggerTextMissing)
        );
        let other = ReviewTrigger::parse("other", " Fusion mit Träger B ").expect("valid");
        assert_eq!(other.description(), Some("Fusion mit Träger B"));
        assert_eq!(other.reason_de(), "Überprüfung: Fusion mit Träger B");
        assert_eq!(
            ReviewTrigger::parse("other", &"x".repeat(TRIGGER_TEXT_MAX + 1)),
            Err(ReviewError::TriggerTextTooLong {
                chars: 1_001,
                max: 1_000
            })
        );
        for kind in TriggerKind::ALL {
            assert_eq!(TriggerKind::parse(kind.as_str()), Some(kind));
        }
        assert_eq!(
            ReviewTrigger::parse("x", ""),
            Err(ReviewError::UnknownTrigger("x".into()))
        );
    }

    #[test]
    fn a_pending_or_partly_decided_proposal_may_be_withdrawn_with_a_reason() {
        let pending = AdoptionStatus::AwaitingDecisions { missing: vec![] };
        assert!(matches!(
            check_withdraw(&pending, Step::Draft, "Fehler in Kapitel 3 gefunden"),
            Ok(TransitionKind::Back(_))
        ));
        assert!(matches!(
            check_withdraw(&pending, Step::Discourse, "Noch eine Runde"),
            Ok(TransitionKind::Back(_))
        ));
        assert!(matches!(
            check_withdraw(&pending, Step::Draft, "  "),
            Err(AdoptionError::Transition(_))
        ));
        assert_eq!(
            check_withdraw(&pending, Step::Collect, "Grund"),
            Err(AdoptionError::WithdrawTarget(Step::Collect))
        );
    }

    #[test]
    fn an_adopted_version_cannot_be_withdrawn() {
        let adopted = AdoptionStatus::Adopted { conditions: vec![] };
        assert_eq!(
            check_withdraw(&adopted, Step::Draft, "Grund"),
            Err(AdoptionError::AlreadyAdopted)
        );
    }

    #[test]
    fn every_trigger_kind_keeps_its_description() {
        let tool = ReviewTrigger::parse("new_tool", " Microsoft Copilot ").expect("valid");
        assert_eq!(tool.kind(), TriggerKind::NewTool);
        assert_eq!(tool.description(), Some("Microsoft Copilot"));
        assert_eq!(tool.text_de(), "Neues KI-Werkzeug: Microsoft Copilot");
        assert_eq!(
            tool.reason_de(),
            "Überprüfung: Neues KI-Werkzeug: Microsoft Copilot"
        );
        let law = ReviewTrigger::parse("new_law", "EU-KI-Verordnung, Art. 4").expect("valid");
        assert_eq!(law.description(), Some("EU-KI-Verordnung, Art. 4"));
        assert_eq!(
            ReviewTrigger::parse("new_tool", &"x".repeat(TRIGGER_TEXT_MAX + 1)),
            Err(ReviewError::TriggerTextTooLong {
                chars: 1_001,
                max: 1_000
            })
        );
    }
}
