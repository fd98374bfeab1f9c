//! Discourse rounds: who is asked, from when until when, and what the round's state allows.
//!
//! A round runs on one published version. Its state follows from the schedule, the current
//! instant and whether the project group has closed it: scheduled → open → awaiting
//! dispositions (deadline passed) → closed. Comments are taken only while it is open; it can
//! be closed only after the deadline and only when every comment has a disposition, because
//! the promise to staff is that every comment is answered.
//!
//! The project group can change a round's deadline (extend or shorten it, with a reason) and
//! end an open round early, which moves the deadline to now: commenting stops, and once every
//! comment is answered the round can be closed without waiting for the original deadline. A
//! scheduled round that ends early is cancelled. When the process leaves the discourse step,
//! its open rounds end and its scheduled rounds are cancelled the same way ([`settle_on_step_change`]).
//!
//! The parts that need German local time (remaining days, "geschlossen seit …") use the
//! Europe/Berlin time-zone data and are server-only (`ssr`), like `crate::format`: DTOs carry
//! the finished text, so the browser bundle needs no time-zone data.

use crate::domain::process::Step;
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use thiserror::Error;

/// The longest a round may run, in days.
pub const MAX_ROUND_DAYS: i64 = 90;

/// Longest team name accepted in an audience (the same limit as a contribution's team).
pub const TEAM_NAME_MAX: usize = 100;

/// Who is asked to take part in a round. Stored typed (`DeriveValueType`, server only) as
/// its JSON text, see [`Audience::to_stored`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "ssr",
    derive(sea_orm::DeriveValueType),
    sea_orm(
        value_type = "String",
        from_str = "Audience::from_stored",
        to_str = "Audience::to_stored"
    )
)]
pub enum Audience {
    /// All staff of the organisation.
    Everyone,
    /// Staff of the named teams (team names as entered, compared case-insensitively).
    Teams(Vec<String>),
    /// Members of the chosen approving bodies (body ids).
    Bodies(Vec<i64>),
}

impl Audience {
    /// The stored form (`rounds.audience`, also the audit log's `audience`): its JSON text,
    /// e.g. `"Everyone"` or `{"Teams":["Pflege"]}`.
    pub fn to_stored(&self) -> String {
        // Names and ids only: serialising them cannot fail.
        serde_json::to_string(self).expect("an audience serialises")
    }

    /// Reads a value written by [`Audience::to_stored`].
    pub fn from_stored(value: &str) -> Result<Self, serde_json::Error> {
        serde_json::from_str(value)
    }

    /// Checks a team audience: names trimmed, blanks dropped, duplicates removed, at least one.
    pub fn teams<'a>(names: impl IntoIterator<Item = &'a str>) -> Result<Self, RoundError> {
        let mut teams: Vec<String> = Vec::new();
        for name in names {
            let name = name.trim();
            if name.is_empty() {
                continue;
            }
            if name.chars().count() > TEAM_NAME_MAX {
                return Err(RoundError::TeamNameTooLong { max: TEAM_NAME_MAX });
            }
            if !teams.iter().any(|t| same_team(t, name)) {
                teams.push(name.to_owned());
            }
        }
        if teams.is_empty() {
            return Err(RoundError::AudienceEmpty);
        }
        Ok(Self::Teams(teams))
    }

    /// Checks a body audience: duplicates removed, at least one body.
    pub fn bodies(ids: impl IntoIterator<Item = i64>) -> Result<Self, RoundError> {
        let mut bodies: Vec<i64> = Vec::new();
        for id in ids {
            if !bodies.contains(&id) {
                bodies.push(id);
            }
        }
        if bodies.is_empty() {
            return Err(RoundError::AudienceEmpty);
        }
        Ok(Self::Bodies(bodies))
    }

    /// Whether a person with this team and these body memberships belongs to the audience.
    /// The project group and coordinators see every round regardless; callers check that first.
    pub fn includes(&self, team: Option<&str>, body_ids: &[i64]) -> bool {
        match self {
            Self::Everyone => true,
            Self::Teams(teams) => {
                team.is_some_and(|team| teams.iter().any(|t| same_team(t, team.trim())))
            }
            Self::Bodies(bodies) => bodies.iter().any(|id| body_ids.contains(id)),
        }
    }

    /// Short German description, e.g. for the round page.
    pub fn label_de(&self) -> String {
        match self {
            Self::Everyone => "Alle Mitarbeitenden".to_owned(),
            Self::Teams(teams) => format!("Teams: {}", teams.join(", ")),
            Self::Bodies(bodies) if bodies.len() == 1 => "Ein Gremium".to_owned(),
            Self::Bodies(bodies) => format!("{} Gremien", bodies.len()),
        }
    }
}

/// Team names are typed by people; "Pflege", "pflege" and " Pflege " are the same team.
fn same_team(a: &str, b: &str) -> bool {
    crate::domain::team::team_key(a) == crate::domain::team::team_key(b)
}

/// A checked schedule: the deadline is after the start and at most [`MAX_ROUND_DAYS`] later.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "RawSchedule")]
pub struct RoundSchedule {
    start: DateTime<Utc>,
    deadline: DateTime<Utc>,
}

/// The unchecked wire form of a [`RoundSchedule`]; deserialising checks it again.
#[derive(Deserialize)]
struct RawSchedule {
    start: DateTime<Utc>,
    deadline: DateTime<Utc>,
}

impl TryFrom<RawSchedule> for RoundSchedule {
    type Error = RoundError;

    fn try_from(raw: RawSchedule) -> Result<Self, Self::Error> {
        Self::parse(raw.start, raw.deadline)
    }
}

impl RoundSchedule {
    /// Checks start and deadline. The deadline is exclusive: at that instant commenting ends.
    ///
    /// One hour of slack above [`MAX_ROUND_DAYS`] lets a round of exactly 90 calendar days
    /// across the autumn clock change (which has a 25-hour day) pass.
    pub fn parse(start: DateTime<Utc>, deadline: DateTime<Utc>) -> Result<Self, RoundError> {
        if deadline <= start {
            return Err(RoundError::DeadlineNotAfterStart);
        }
        if deadline - start > Duration::days(MAX_ROUND_DAYS) + Duration::hours(1) {
            return Err(RoundError::TooLong {
                max_days: MAX_ROUND_DAYS,
            });
        }
        Ok(Self { start, deadline })
    }

    /// A stored schedule as the database holds it: like [`RoundSchedule::parse`], but a
    /// deadline equal to the start is allowed, because a round ended in the instant it began
    /// is stored that way ([`schedule_after`]).
    pub fn stored(start: DateTime<Utc>, deadline: DateTime<Utc>) -> Result<Self, RoundError> {
        if deadline == start {
            return Ok(Self { start, deadline });
        }
        Self::parse(start, deadline)
    }

    /// Like [`RoundSchedule::parse`], and also refuses a deadline that has already passed,
    /// for opening a new round (the start may lie in the past: "ab sofort").
    pub fn parse_new(
        start: DateTime<Utc>,
        deadline: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<Self, RoundError> {
        let schedule = Self::parse(start, deadline)?;
        if deadline <= now {
            return Err(RoundError::DeadlinePassed);
        }
        Ok(schedule)
    }

    /// When commenting begins.
    pub fn start(&self) -> DateTime<Utc> {
        self.start
    }

    /// When commenting ends (exclusive).
    pub fn deadline(&self) -> DateTime<Utc> {
        self.deadline
    }

    /// The round's state at `now`; `closed` is whether the project group has closed it.
    pub fn state_at(&self, now: DateTime<Utc>, closed: bool) -> RoundState {
        self.state_of(now, closed, false)
    }

    /// The round's state at `now`, also knowing whether it was cancelled before it started.
    pub fn state_of(&self, now: DateTime<Utc>, closed: bool, cancelled: bool) -> RoundState {
        if cancelled {
            RoundState::Cancelled
        } else if closed {
            RoundState::Closed
        } else if now < self.start {
            RoundState::Scheduled
        } else if now < self.deadline {
            RoundState::Open
        } else {
            RoundState::AwaitingDispositions
        }
    }
}

/// Where a round stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum RoundState {
    /// Announced; the start lies in the future.
    Scheduled,
    /// Between start and deadline: comments, replies and support are taken.
    Open,
    /// The deadline has passed; the project group is answering the comments.
    AwaitingDispositions,
    /// Closed by the project group; the feedback report is visible.
    Closed,
    /// Cancelled before it started (by the project group or a step change).
    Cancelled,
}

impl RoundState {
    /// Short German label, e.g. for a status badge.
    pub fn label_de(self) -> &'static str {
        match self {
            Self::Scheduled => "geplant",
            Self::Open => "offen",
            Self::AwaitingDispositions => "in Auswertung",
            Self::Closed => "abgeschlossen",
            Self::Cancelled => "abgesagt",
        }
    }

    /// Whether the round still blocks opening another one (every state but closed or cancelled).
    pub fn is_active(self) -> bool {
        !matches!(self, Self::Closed | Self::Cancelled)
    }
}

/// Whether comments, replies, edits and support are taken in this state.
pub fn can_comment(state: RoundState) -> bool {
    state == RoundState::Open
}

/// "endet heute", "noch 1 Tag", "noch 9 Tage" for a number of calendar days left.
/// Negative numbers cannot occur for an open round; they read as "endet heute".
pub fn remaining_text_de(days_left: i64) -> String {
    match days_left {
        i64::MIN..=0 => "endet heute".to_owned(),
        1 => "noch 1 Tag".to_owned(),
        n => format!("noch {n} Tage"),
    }
}

/// What a person's version is, as far as opening a round on it matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VersionFacts {
    /// It is the newest published version of the process.
    pub latest: bool,
    /// It has been proposed for adoption and frozen.
    pub frozen: bool,
}

/// Checks that a new round may be opened: the process is in the discourse step, no other
/// round of the process is still active, and the version is the newest one and not frozen.
pub fn check_open_new(
    step: Step,
    version: VersionFacts,
    existing_states: &[RoundState],
) -> Result<(), RoundError> {
    if step != Step::Discourse {
        return Err(RoundError::WrongStep(step));
    }
    if existing_states.iter().any(|s| s.is_active()) {
        return Err(RoundError::AnotherRoundActive);
    }
    if version.frozen {
        return Err(RoundError::VersionFrozen);
    }
    if !version.latest {
        return Err(RoundError::VersionNotLatest);
    }
    Ok(())
}

/// Checks that a round may be closed: the deadline has passed and every comment that needs a
/// disposition has one. `total_comments` and `without_disposition` count the comments that
/// need one (see `crate::domain::disposition::needs_disposition`).
pub fn check_close(
    state: RoundState,
    total_comments: usize,
    without_disposition: usize,
) -> Result<(), RoundError> {
    match state {
        RoundState::Scheduled | RoundState::Open => Err(RoundError::StillRunning),
        RoundState::Closed => Err(RoundError::AlreadyClosed),
        RoundState::Cancelled => Err(RoundError::Cancelled),
        RoundState::AwaitingDispositions if without_disposition > 0 => {
            Err(RoundError::CommentsWithoutDisposition {
                missing: without_disposition,
                total: total_comments.max(without_disposition),
            })
        }
        RoundState::AwaitingDispositions => Ok(()),
    }
}

/// The longest reason for changing a round's schedule, in characters (after trimming).
pub const CHANGE_REASON_MAX: usize = 1_000;

/// How a round's schedule was changed. Stored in `round_changes.kind`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(
    feature = "ssr",
    derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum),
    sea_orm(
        rs_type = "String",
        db_type = "String(sea_orm::sea_query::StringLen::N(32))"
    )
)]
pub enum RoundChangeKind {
    /// The project group moved the deadline later.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "extended"))]
    Extended,
    /// The project group moved the deadline earlier (still in the future).
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "shortened"))]
    Shortened,
    /// The project group ended an open round now.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "ended_early"))]
    EndedEarly,
    /// The project group cancelled a round that had not started.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "cancelled"))]
    Cancelled,
    /// The process left the discourse step while the round was open.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "ended_by_step_change"))]
    EndedByStepChange,
    /// The process left the discourse step before the round started.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "cancelled_by_step_change"))]
    CancelledByStepChange,
}

impl RoundChangeKind {
    /// Whether the change cancels the round (it never started) rather than moving its deadline.
    pub fn cancels(self) -> bool {
        matches!(self, Self::Cancelled | Self::CancelledByStepChange)
    }

    /// Whether the change ends commenting now.
    pub fn ends_now(self) -> bool {
        matches!(self, Self::EndedEarly | Self::EndedByStepChange)
    }

    /// Short German label, e.g. for the audit log.
    pub fn label_de(self) -> &'static str {
        match self {
            Self::Extended => "Frist verlängert",
            Self::Shortened => "Frist verkürzt",
            Self::EndedEarly => "vorzeitig beendet",
            Self::Cancelled => "abgesagt",
            Self::EndedByStepChange => "durch Schrittwechsel beendet",
            Self::CancelledByStepChange => "durch Schrittwechsel abgesagt",
        }
    }

    /// The stored value (as `sea_orm(string_value)`), for the audit log's details.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Extended => "extended",
            Self::Shortened => "shortened",
            Self::EndedEarly => "ended_early",
            Self::Cancelled => "cancelled",
            Self::EndedByStepChange => "ended_by_step_change",
            Self::CancelledByStepChange => "cancelled_by_step_change",
        }
    }

    /// All kinds.
    pub const ALL: [RoundChangeKind; 6] = [
        Self::Extended,
        Self::Shortened,
        Self::EndedEarly,
        Self::Cancelled,
        Self::EndedByStepChange,
        Self::CancelledByStepChange,
    ];

    /// Reads a value stored by [`RoundChangeKind::as_str`].
    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == value)
    }
}

/// A checked reason for changing a round's schedule: trimmed, not empty, at most
/// [`CHANGE_REASON_MAX`] characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChangeReason(String);

impl ChangeReason {
    /// Trims and checks a reason entered by the project group.
    pub fn parse(reason: &str) -> Result<Self, RoundError> {
        use crate::domain::text::{required, TextError};
        match required(reason, "Begründung", CHANGE_REASON_MAX) {
            Ok(text) => Ok(Self(text)),
            Err(TextError::Empty { .. }) => Err(RoundError::ReasonMissing),
            Err(TextError::TooLong { max, actual, .. }) => {
                Err(RoundError::ReasonTooLong { chars: actual, max })
            }
        }
    }

    /// The reason text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Checks a new deadline for a round in `state` with `schedule` at `now`: the round is not
/// closed or cancelled, the new deadline lies in the future, after the start and at most
/// [`MAX_ROUND_DAYS`] after it, and differs from the current one. Returns the new schedule and
/// whether the deadline moved later or earlier. A round whose deadline has passed (being
/// answered) may be extended: commenting opens again until the new deadline.
pub fn check_change_deadline(
    schedule: &RoundSchedule,
    state: RoundState,
    new_deadline: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<(RoundSchedule, RoundChangeKind), RoundError> {
    match state {
        RoundState::Closed => return Err(RoundError::AlreadyClosed),
        RoundState::Cancelled => return Err(RoundError::Cancelled),
        RoundState::Scheduled | RoundState::Open | RoundState::AwaitingDispositions => {}
    }
    if new_deadline <= now {
        return Err(RoundError::NewDeadlineNotInFuture);
    }
    let changed = RoundSchedule::parse(schedule.start, new_deadline)?;
    if new_deadline == schedule.deadline {
        return Err(RoundError::DeadlineUnchanged);
    }
    let kind = if new_deadline > schedule.deadline {
        RoundChangeKind::Extended
    } else {
        RoundChangeKind::Shortened
    };
    Ok((changed, kind))
}

/// Checks ending a round early: an open round ends now, a scheduled one is cancelled.
pub fn check_end_early(state: RoundState) -> Result<RoundChangeKind, RoundError> {
    match state {
        RoundState::Open => Ok(RoundChangeKind::EndedEarly),
        RoundState::Scheduled => Ok(RoundChangeKind::Cancelled),
        RoundState::AwaitingDispositions => Err(RoundError::AlreadyEnded),
        RoundState::Closed => Err(RoundError::AlreadyClosed),
        RoundState::Cancelled => Err(RoundError::Cancelled),
    }
}

/// What leaving the discourse step does to a round in `state`: an open round ends, a
/// scheduled one is cancelled; rounds being answered, closed or cancelled stay as they are
/// (their comments are still answered and the round closed as usual).
pub fn settle_on_step_change(state: RoundState) -> Option<RoundChangeKind> {
    match state {
        RoundState::Open => Some(RoundChangeKind::EndedByStepChange),
        RoundState::Scheduled => Some(RoundChangeKind::CancelledByStepChange),
        RoundState::AwaitingDispositions | RoundState::Closed | RoundState::Cancelled => None,
    }
}

/// The schedule after a change of `kind` at `now`: ending moves the deadline to now (the
/// start at the earliest); a cancellation and the deadline changes (already applied by
/// [`check_change_deadline`]) keep it.
pub fn schedule_after(
    schedule: &RoundSchedule,
    kind: RoundChangeKind,
    now: DateTime<Utc>,
) -> RoundSchedule {
    if kind.ends_now() {
        RoundSchedule {
            start: schedule.start,
            deadline: now.max(schedule.start),
        }
    } else {
        *schedule
    }
}

/// Why a round action is refused; the text is shown to the user.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum RoundError {
    /// The deadline is not after the start.
    #[error("Das Ende der Runde muss nach ihrem Beginn liegen.")]
    DeadlineNotAfterStart,
    /// The round would run too long.
    #[error("Eine Diskursrunde dauert höchstens {max_days} Tage.")]
    TooLong {
        /// The limit in days.
        max_days: i64,
    },
    /// A new round's deadline lies in the past.
    #[error("Das Ende der Runde liegt in der Vergangenheit.")]
    DeadlinePassed,
    /// A chosen audience has no team or body.
    #[error("Bitte wählen Sie mindestens ein Team oder Gremium aus.")]
    AudienceEmpty,
    /// A team name is too long.
    #[error("Ein Teamname darf höchstens {} Zeichen lang sein.", crate::domain::german::number_u(*.max))]
    TeamNameTooLong {
        /// The limit.
        max: usize,
    },
    /// Rounds are opened in the discourse step only.
    #[error(
        "Diskursrunden gibt es nur im Schritt „Diskurs“; der Prozess ist im Schritt „{}“.",
        .0.label_de()
    )]
    WrongStep(Step),
    /// Another round of the process is scheduled, open or being answered.
    #[error(
        "Es gibt bereits eine Diskursrunde, die noch nicht abgeschlossen ist. Eine neue Runde kann erst danach beginnen."
    )]
    AnotherRoundActive,
    /// The version is frozen for adoption.
    #[error(
        "Diese Version ist zur Verabschiedung eingefroren; dazu gibt es keine Diskursrunde mehr."
    )]
    VersionFrozen,
    /// The version is not the newest one.
    #[error("Diskursrunden laufen nur auf der neuesten Version.")]
    VersionNotLatest,
    /// Closing before the deadline.
    #[error(
        "Die Runde läuft noch; sie kann erst nach dem Ende der Kommentarfrist geschlossen werden."
    )]
    StillRunning,
    /// Closing twice, or changing a closed round.
    #[error("Die Runde ist bereits geschlossen.")]
    AlreadyClosed,
    /// Changing or closing a cancelled round.
    #[error("Die Runde wurde abgesagt.")]
    Cancelled,
    /// Ending a round whose deadline has already passed.
    #[error("Die Kommentarfrist dieser Runde ist bereits abgelaufen.")]
    AlreadyEnded,
    /// A changed deadline that is not in the future.
    #[error("Die neue Frist muss in der Zukunft liegen. Um die Runde jetzt zu beenden, wählen Sie „Runde vorzeitig beenden“.")]
    NewDeadlineNotInFuture,
    /// The new deadline equals the current one.
    #[error("Die neue Frist ist dieselbe wie bisher.")]
    DeadlineUnchanged,
    /// A schedule change without a reason.
    #[error(
        "Bitte begründen Sie die Änderung; die Begründung sehen alle auf der Seite der Runde."
    )]
    ReasonMissing,
    /// The reason is too long.
    #[error("Die Begründung ist zu lang ({} Zeichen, höchstens {}).", crate::domain::german::number(*.chars as i64), crate::domain::german::number(*.max as i64))]
    ReasonTooLong {
        /// Characters entered (after trimming).
        chars: usize,
        /// The limit.
        max: usize,
    },
    /// Closing while comments are unanswered.
    #[error(
        "Die Runde kann erst geschlossen werden, wenn alle Kommentare beantwortet sind: {missing} von {total} {} {} noch ohne Rückmeldung.",
        if *.total == 1 { "Kommentar" } else { "Kommentaren" },
        if *.missing == 1 { "ist" } else { "sind" }
    )]
    CommentsWithoutDisposition {
        /// Comments without a disposition.
        missing: usize,
        /// Comments that need one.
        total: usize,
    },
}

#[cfg(feature = "ssr")]
pub use berlin::*;

/// German local time: remaining days, closed-since messages and local input times.
#[cfg(feature = "ssr")]
mod berlin {
    use super::{remaining_text_de, RoundChangeKind, RoundSchedule, RoundState};
    use crate::domain::process::Step;
    use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, TimeZone, Utc};
    use chrono_tz::Europe::Berlin;
    use thiserror::Error;

    /// The German calendar date of an instant.
    pub fn berlin_date(at: DateTime<Utc>) -> NaiveDate {
        at.with_timezone(&Berlin).date_naive()
    }

    /// Calendar days (Europe/Berlin) from `now` to the last day on which one can comment.
    ///
    /// The deadline is exclusive, so the last day is the day of the instant just before it: a
    /// deadline at 00:00 means "until the end of the previous day", not "one more day".
    pub fn days_left(deadline: DateTime<Utc>, now: DateTime<Utc>) -> i64 {
        let last_day = berlin_date(deadline - Duration::seconds(1));
        (last_day - berlin_date(now)).num_days()
    }

    /// The dashboard text for an open round ("noch 9 Tage"); `None` once the deadline passed.
    pub fn remaining_days_text(deadline: DateTime<Utc>, now: DateTime<Utc>) -> Option<String> {
        (now < deadline).then(|| remaining_text_de(days_left(deadline, now)))
    }

    /// "Die Runde ist seit 10.12.2026, 18:00 Uhr geschlossen." in German local time.
    pub fn closed_message(since: DateTime<Utc>) -> String {
        CommentWindowError::Ended { since }.to_string()
    }

    /// Checks that comments are taken now, with the German reason when not.
    pub fn check_comment_window(
        schedule: &RoundSchedule,
        closed: bool,
        cancelled: bool,
        now: DateTime<Utc>,
    ) -> Result<(), CommentWindowError> {
        match schedule.state_of(now, closed, cancelled) {
            RoundState::Open => Ok(()),
            RoundState::Cancelled => Err(CommentWindowError::Cancelled),
            RoundState::Scheduled => Err(CommentWindowError::NotYetOpen {
                starts: schedule.start(),
            }),
            // Commenting ended at the deadline, whenever the group closed the round later.
            RoundState::AwaitingDispositions | RoundState::Closed => {
                Err(CommentWindowError::Ended {
                    since: schedule.deadline(),
                })
            }
        }
    }

    /// Why a comment is not taken at this time; the text is shown to the user.
    #[derive(Debug, Clone, PartialEq, Eq, Error)]
    pub enum CommentWindowError {
        /// The round has not started.
        #[error("Die Runde beginnt erst am {}.", crate::format::date_time(*.starts))]
        NotYetOpen {
            /// When it starts.
            starts: DateTime<Utc>,
        },
        /// The deadline has passed.
        #[error("Die Runde ist seit {} geschlossen.", crate::format::date_time(*.since))]
        Ended {
            /// When commenting ended.
            since: DateTime<Utc>,
        },
        /// The round was cancelled before it started.
        #[error("Die Runde wurde abgesagt.")]
        Cancelled,
    }

    /// What a change of a round's schedule says on the round page, e.g. "Am 23.11.2026,
    /// 14:00 Uhr hat Nora Gruppe die Frist verlängert: vom 20.11.2026, 18:00 Uhr auf den
    /// 30.11.2026, 18:00 Uhr." `by` is the person's name; `step` the step the process moved
    /// to (for the changes a step change made).
    pub fn change_text_de(
        kind: RoundChangeKind,
        at: DateTime<Utc>,
        by: &str,
        old: DateTime<Utc>,
        new: DateTime<Utc>,
        step: Option<Step>,
    ) -> String {
        use crate::format::date_time;
        let (at, old, new) = (date_time(at), date_time(old), date_time(new));
        let step = step.map_or_else(String::new, |s| format!(" „{}“", s.label_de()));
        match kind {
            RoundChangeKind::Extended => {
                format!("Am {at} hat {by} die Frist verlängert: vom {old} auf den {new}.")
            }
            RoundChangeKind::Shortened => {
                format!("Am {at} hat {by} die Frist verkürzt: vom {old} auf den {new}.")
            }
            RoundChangeKind::EndedEarly => format!(
                "Am {at} hat {by} die Runde vorzeitig beendet (ursprüngliche Frist: {old})."
            ),
            RoundChangeKind::Cancelled => {
                format!("Am {at} hat {by} die geplante Runde abgesagt.")
            }
            RoundChangeKind::EndedByStepChange => format!(
                "Am {at} endete die Runde, weil {by} den Prozess in den Schritt{step} geführt hat (ursprüngliche Frist: {old})."
            ),
            RoundChangeKind::CancelledByStepChange => format!(
                "Am {at} wurde die geplante Runde abgesagt, weil {by} den Prozess in den Schritt{step} geführt hat."
            ),
        }
    }

    /// Why commenting ended, for the round page, when a change ended it: "Die Projektgruppe hat
    /// die Runde am 23.11.2026, 14:00 Uhr vorzeitig beendet. …". `None` for deadline changes.
    pub fn ended_message_de(
        kind: RoundChangeKind,
        at: DateTime<Utc>,
        step: Option<Step>,
    ) -> Option<String> {
        use crate::format::date_time;
        let at = date_time(at);
        let step = step.map_or_else(String::new, |s| format!(" „{}“", s.label_de()));
        match kind {
            RoundChangeKind::EndedEarly => Some(format!(
                "Die Projektgruppe hat die Runde am {at} vorzeitig beendet. Kommentare, Antworten und Unterstützung sind nicht mehr möglich; die Projektgruppe beantwortet jetzt alle Kommentare."
            )),
            RoundChangeKind::Cancelled => Some(format!(
                "Die Projektgruppe hat diese geplante Runde am {at} abgesagt. Sie hat nicht begonnen."
            )),
            RoundChangeKind::EndedByStepChange => Some(format!(
                "Die Kommentierung endete am {at}, weil der Prozess in den Schritt{step} gewechselt ist. Kommentare sind nicht mehr möglich; bereits geschriebene Kommentare werden weiter beantwortet."
            )),
            RoundChangeKind::CancelledByStepChange => Some(format!(
                "Diese geplante Runde wurde am {at} abgesagt, weil der Prozess in den Schritt{step} gewechselt ist."
            )),
            RoundChangeKind::Extended | RoundChangeKind::Shortened => None,
        }
    }

    /// Reads a local German time from a form (`datetime-local`) as an instant.
    ///
    /// A time in the autumn hour that occurs twice is read as the later one (winter time), so
    /// a deadline is never earlier than either reading; a time in the spring gap is refused.
    pub fn from_berlin_local(local: NaiveDateTime) -> Result<DateTime<Utc>, LocalTimeError> {
        Berlin
            .from_local_datetime(&local)
            .latest()
            .map(|at| at.with_timezone(&Utc))
            .ok_or(LocalTimeError::Skipped(local))
    }

    /// A local time that does not exist in Germany.
    #[derive(Debug, Clone, PartialEq, Eq, Error)]
    pub enum LocalTimeError {
        /// The hour skipped when summer time begins.
        #[error(
            "Die Uhrzeit {} gibt es am {} wegen der Umstellung auf Sommerzeit nicht. Bitte wählen Sie eine andere Uhrzeit.",
            .0.format("%H:%M"),
            .0.format("%d.%m.%Y")
        )]
        Skipped(NaiveDateTime),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(rfc3339: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(rfc3339)
            .expect("valid test instant")
            .with_timezone(&Utc)
    }

    fn schedule(start: &str, deadline: &str) -> RoundSchedule {
        RoundSchedule::parse(at(start), at(deadline)).expect("valid schedule")
    }

    const NEWEST: VersionFacts = VersionFacts {
        latest: true,
        frozen: false,
    };

    #[test]
    fn a_deadline_must_lie_after_the_start() {
        let t = at("2026-11-01T09:00:00Z");
        assert_eq!(
            RoundSchedule::parse(t, t),
            Err(RoundError::DeadlineNotAfterStart)
        );
        assert_eq!(
            RoundSchedule::parse(t, t - Duration::minutes(1)),
            Err(RoundError::DeadlineNotAfterStart)
        );
        assert!(RoundSchedule::parse(t, t + Duration::minutes(1)).is_ok());
    }

    #[test]
    fn a_round_may_last_ninety_days_but_not_longer() {
        let start = at("2026-03-02T08:00:00Z");
        assert!(RoundSchedule::parse(start, start + Duration::days(90)).is_ok());
        assert_eq!(
            RoundSchedule::parse(start, start + Duration::days(91)),
            Err(RoundError::TooLong { max_days: 90 })
        );
        assert_eq!(
            RoundError::TooLong { max_days: 90 }.to_string(),
            "Eine Diskursrunde dauert höchstens 90 Tage."
        );
    }

    #[test]
    fn ninety_calendar_days_across_the_autumn_clock_change_are_allowed() {
        // 1 Sep 10:00 summer time to 30 Nov 10:00 winter time is 90 days and one hour.
        let start = at("2026-09-01T08:00:00Z");
        let deadline = at("2026-11-30T09:00:00Z");
        assert_eq!(deadline - start, Duration::days(90) + Duration::hours(1));
        assert!(RoundSchedule::parse(start, deadline).is_ok());
    }

    #[test]
    fn a_new_round_cannot_end_in_the_past_but_may_start_now() {
        let now = at("2026-11-10T12:00:00Z");
        assert_eq!(
            RoundSchedule::parse_new(now - Duration::days(3), now, now),
            Err(RoundError::DeadlinePassed)
        );
        assert!(
            RoundSchedule::parse_new(now - Duration::hours(1), now + Duration::days(14), now)
                .is_ok()
        );
    }

    #[test]
    fn the_state_follows_start_deadline_and_the_closed_flag() {
        let s = schedule("2026-11-01T09:00:00Z", "2026-11-15T23:00:00Z");
        assert_eq!(
            s.state_at(at("2026-11-01T08:59:59Z"), false),
            RoundState::Scheduled
        );
        assert_eq!(
            s.state_at(at("2026-11-01T09:00:00Z"), false),
            RoundState::Open
        );
        assert_eq!(
            s.state_at(at("2026-11-15T22:59:59Z"), false),
            RoundState::Open
        );
        assert_eq!(
            s.state_at(at("2026-11-15T23:00:00Z"), false),
            RoundState::AwaitingDispositions
        );
        assert_eq!(
            s.state_at(at("2026-11-20T10:00:00Z"), true),
            RoundState::Closed
        );
    }

    #[test]
    fn comments_are_taken_only_while_the_round_is_open() {
        assert!(can_comment(RoundState::Open));
        for state in [
            RoundState::Scheduled,
            RoundState::AwaitingDispositions,
            RoundState::Closed,
        ] {
            assert!(!can_comment(state), "{state:?}");
        }
    }

    #[test]
    fn a_round_cannot_be_closed_while_comments_lack_a_disposition() {
        let err = check_close(RoundState::AwaitingDispositions, 210, 67).expect_err("refused");
        assert_eq!(
            err,
            RoundError::CommentsWithoutDisposition {
                missing: 67,
                total: 210
            }
        );
        assert_eq!(
            err.to_string(),
            "Die Runde kann erst geschlossen werden, wenn alle Kommentare beantwortet sind: 67 von 210 Kommentaren sind noch ohne Rückmeldung."
        );
    }

    #[test]
    fn the_close_message_uses_the_singular_for_one_missing_comment() {
        let err = check_close(RoundState::AwaitingDispositions, 12, 1).expect_err("refused");
        assert_eq!(
            err.to_string(),
            "Die Runde kann erst geschlossen werden, wenn alle Kommentare beantwortet sind: 1 von 12 Kommentaren ist noch ohne Rückmeldung."
        );
        let only = check_close(RoundState::AwaitingDispositions, 1, 1).expect_err("refused");
        assert_eq!(
            only.to_string(),
            "Die Runde kann erst geschlossen werden, wenn alle Kommentare beantwortet sind: 1 von 1 Kommentar ist noch ohne Rückmeldung."
        );
    }

    #[test]
    fn a_round_with_every_comment_answered_can_be_closed() {
        assert_eq!(
            check_close(RoundState::AwaitingDispositions, 210, 0),
            Ok(())
        );
    }

    #[test]
    fn a_round_without_any_comment_can_be_closed_after_the_deadline() {
        assert_eq!(check_close(RoundState::AwaitingDispositions, 0, 0), Ok(()));
    }

    #[test]
    fn a_round_cannot_be_closed_before_its_deadline_or_twice() {
        assert_eq!(
            check_close(RoundState::Open, 3, 0),
            Err(RoundError::StillRunning)
        );
        assert_eq!(
            check_close(RoundState::Scheduled, 0, 0),
            Err(RoundError::StillRunning)
        );
        assert_eq!(
            check_close(RoundState::Closed, 3, 0),
            Err(RoundError::AlreadyClosed)
        );
    }

    #[test]
    fn inconsistent_counts_still_report_the_missing_comments() {
        assert_eq!(
            check_close(RoundState::AwaitingDispositions, 2, 5),
            Err(RoundError::CommentsWithoutDisposition {
                missing: 5,
                total: 5
            })
        );
    }

    #[test]
    fn only_one_round_per_process_may_be_active_at_a_time() {
        for active in [
            RoundState::Scheduled,
            RoundState::Open,
            RoundState::AwaitingDispositions,
        ] {
            assert_eq!(
                check_open_new(Step::Discourse, NEWEST, &[RoundState::Closed, active]),
                Err(RoundError::AnotherRoundActive),
                "{active:?}"
            );
        }
        assert_eq!(
            check_open_new(
                Step::Discourse,
                NEWEST,
                &[RoundState::Closed, RoundState::Closed]
            ),
            Ok(())
        );
        assert_eq!(check_open_new(Step::Discourse, NEWEST, &[]), Ok(()));
    }

    #[test]
    fn rounds_are_opened_only_in_the_discourse_step() {
        for step in [Step::Collect, Step::Draft, Step::Adoption, Step::Review] {
            assert_eq!(
                check_open_new(step, NEWEST, &[]),
                Err(RoundError::WrongStep(step))
            );
        }
        assert_eq!(
            RoundError::WrongStep(Step::Draft).to_string(),
            "Diskursrunden gibt es nur im Schritt „Diskurs“; der Prozess ist im Schritt „Entwurf“."
        );
    }

    #[test]
    fn a_round_is_not_opened_on_a_frozen_or_outdated_version() {
        let frozen = VersionFacts {
            latest: true,
            frozen: true,
        };
        assert_eq!(
            check_open_new(Step::Discourse, frozen, &[]),
            Err(RoundError::VersionFrozen)
        );
        let old = VersionFacts {
            latest: false,
            frozen: false,
        };
        assert_eq!(
            check_open_new(Step::Discourse, old, &[]),
            Err(RoundError::VersionNotLatest)
        );
    }

    #[test]
    fn the_remaining_text_counts_days_in_german() {
        assert_eq!(remaining_text_de(0), "endet heute");
        assert_eq!(remaining_text_de(-1), "endet heute");
        assert_eq!(remaining_text_de(1), "noch 1 Tag");
        assert_eq!(remaining_text_de(9), "noch 9 Tage");
    }

    #[test]
    fn everyone_includes_every_person() {
        assert!(Audience::Everyone.includes(None, &[]));
    }

    #[test]
    fn a_team_audience_includes_its_teams_ignoring_case_and_spaces() {
        let audience = Audience::teams(["Pflege", " Verwaltung ", "", "pflege"]).expect("teams");
        assert_eq!(
            audience,
            Audience::Teams(vec!["Pflege".into(), "Verwaltung".into()])
        );
        assert!(audience.includes(Some("pflege "), &[]));
        assert!(audience.includes(Some("Verwaltung"), &[]));
        assert!(!audience.includes(Some("Küche"), &[]));
        assert!(!audience.includes(None, &[]));
    }

    #[test]
    fn a_body_audience_includes_members_of_its_bodies() {
        let audience = Audience::bodies([3, 5, 3]).expect("bodies");
        assert_eq!(audience, Audience::Bodies(vec![3, 5]));
        assert!(audience.includes(Some("Pflege"), &[7, 5]));
        assert!(!audience.includes(Some("Pflege"), &[7]));
    }

    #[test]
    fn a_chosen_audience_must_not_be_empty() {
        assert_eq!(Audience::teams([" ", ""]), Err(RoundError::AudienceEmpty));
        assert_eq!(Audience::bodies([]), Err(RoundError::AudienceEmpty));
        let long = "x".repeat(TEAM_NAME_MAX + 1);
        assert_eq!(
            Audience::teams([long.as_str()]),
            Err(RoundError::TeamNameTooLong { max: TEAM_NAME_MAX })
        );
    }

    #[test]
    fn audiences_have_german_labels() {
        assert_eq!(Audience::Everyone.label_de(), "Alle Mitarbeitenden");
        assert_eq!(
            Audience::Teams(vec!["Pflege".into(), "Küche".into()]).label_de(),
            "Teams: Pflege, Küche"
        );
        assert_eq!(Audience::Bodies(vec![1, 2]).label_de(), "2 Gremien");
    }

    #[test]
    fn a_schedule_from_the_wire_is_checked_again() {
        let ok: RoundSchedule = serde_json::from_str(
            r#"{"start":"2026-11-01T09:00:00Z","deadline":"2026-11-15T09:00:00Z"}"#,
        )
        .expect("valid schedule");
        assert_eq!(ok.deadline(), at("2026-11-15T09:00:00Z"));
        let bad = serde_json::from_str::<RoundSchedule>(
            r#"{"start":"2026-11-15T09:00:00Z","deadline":"2026-11-01T09:00:00Z"}"#,
        );
        assert!(bad.is_err());
        let round_trip = serde_json::to_string(&ok).expect("serialises");
        assert_eq!(
            serde_json::from_str::<RoundSchedule>(&round_trip).ok(),
            Some(ok)
        );
    }

    #[test]
    fn the_group_extends_or_shortens_a_running_round() {
        let s = schedule("2026-11-01T09:00:00Z", "2026-11-15T17:00:00Z");
        let now = at("2026-11-05T09:00:00Z");
        let (longer, kind) =
            check_change_deadline(&s, RoundState::Open, at("2026-11-29T17:00:00Z"), now)
                .expect("extended");
        assert_eq!(kind, RoundChangeKind::Extended);
        assert_eq!(longer.deadline(), at("2026-11-29T17:00:00Z"));
        assert_eq!(longer.start(), s.start());
        let (_, kind) =
            check_change_deadline(&s, RoundState::Open, at("2026-11-08T17:00:00Z"), now)
                .expect("shortened");
        assert_eq!(kind, RoundChangeKind::Shortened);
    }

    #[test]
    fn a_new_deadline_must_be_in_the_future_and_within_ninety_days_of_the_start() {
        let s = schedule("2026-11-01T09:00:00Z", "2026-11-15T17:00:00Z");
        let now = at("2026-11-05T09:00:00Z");
        assert_eq!(
            check_change_deadline(&s, RoundState::Open, now, now),
            Err(RoundError::NewDeadlineNotInFuture)
        );
        assert_eq!(
            check_change_deadline(&s, RoundState::Open, at("2026-11-04T09:00:00Z"), now),
            Err(RoundError::NewDeadlineNotInFuture)
        );
        assert_eq!(
            check_change_deadline(&s, RoundState::Open, at("2027-02-01T09:00:00Z"), now),
            Err(RoundError::TooLong { max_days: 90 })
        );
        assert_eq!(
            check_change_deadline(&s, RoundState::Open, s.deadline(), now),
            Err(RoundError::DeadlineUnchanged)
        );
        assert!(
            check_change_deadline(&s, RoundState::Open, at("2027-01-30T09:00:00Z"), now).is_ok(),
            "90 days after the start"
        );
    }

    #[test]
    fn a_scheduled_round_cannot_get_a_deadline_before_its_start() {
        let s = schedule("2026-11-20T09:00:00Z", "2026-11-30T17:00:00Z");
        let now = at("2026-11-05T09:00:00Z");
        assert_eq!(
            check_change_deadline(&s, RoundState::Scheduled, at("2026-11-19T09:00:00Z"), now),
            Err(RoundError::DeadlineNotAfterStart)
        );
    }

    #[test]
    fn a_round_being_answered_may_be_extended_which_reopens_it() {
        let s = schedule("2026-11-01T09:00:00Z", "2026-11-15T17:00:00Z");
        let now = at("2026-11-20T09:00:00Z");
        let (longer, kind) = check_change_deadline(
            &s,
            RoundState::AwaitingDispositions,
            at("2026-11-27T17:00:00Z"),
            now,
        )
        .expect("extended");
        assert_eq!(kind, RoundChangeKind::Extended);
        assert_eq!(longer.state_at(now, false), RoundState::Open);
    }

    #[test]
    fn closed_and_cancelled_rounds_keep_their_deadline() {
        let s = schedule("2026-11-01T09:00:00Z", "2026-11-15T17:00:00Z");
        let now = at("2026-11-05T09:00:00Z");
        let later = at("2026-11-29T17:00:00Z");
        assert_eq!(
            check_change_deadline(&s, RoundState::Closed, later, now),
            Err(RoundError::AlreadyClosed)
        );
        assert_eq!(
            check_change_deadline(&s, RoundState::Cancelled, later, now),
            Err(RoundError::Cancelled)
        );
    }

    #[test]
    fn ending_early_ends_an_open_round_and_cancels_a_scheduled_one() {
        assert_eq!(
            check_end_early(RoundState::Open),
            Ok(RoundChangeKind::EndedEarly)
        );
        assert_eq!(
            check_end_early(RoundState::Scheduled),
            Ok(RoundChangeKind::Cancelled)
        );
        assert_eq!(
            check_end_early(RoundState::AwaitingDispositions),
            Err(RoundError::AlreadyEnded)
        );
        assert_eq!(
            check_end_early(RoundState::Closed),
            Err(RoundError::AlreadyClosed)
        );
        assert_eq!(
            check_end_early(RoundState::Cancelled),
            Err(RoundError::Cancelled)
        );
    }

    #[test]
    fn a_round_ended_early_can_be_closed_once_every_comment_is_answered() {
        let s = schedule("2026-11-01T09:00:00Z", "2026-12-15T17:00:00Z");
        let now = at("2026-11-05T09:00:00Z");
        assert_eq!(
            check_close(s.state_at(now, false), 4, 0),
            Err(RoundError::StillRunning)
        );
        let ended = schedule_after(&s, RoundChangeKind::EndedEarly, now);
        assert_eq!(ended.deadline(), now);
        let state = ended.state_at(now, false);
        assert_eq!(state, RoundState::AwaitingDispositions);
        assert!(!can_comment(state));
        assert_eq!(check_close(state, 4, 0), Ok(()));
        assert_eq!(
            check_close(state, 4, 1),
            Err(RoundError::CommentsWithoutDisposition {
                missing: 1,
                total: 4
            })
        );
    }

    #[test]
    fn a_round_ended_in_the_instant_it_began_is_stored_and_read_as_ended() {
        let s = schedule("2026-11-01T09:00:00Z", "2026-11-15T17:00:00Z");
        let ended = schedule_after(&s, RoundChangeKind::EndedEarly, s.start());
        assert_eq!(ended.deadline(), s.start());
        let read = RoundSchedule::stored(ended.start(), ended.deadline()).expect("stored");
        assert_eq!(
            read.state_at(s.start(), false),
            RoundState::AwaitingDispositions
        );
        assert_eq!(
            RoundSchedule::stored(s.deadline(), s.start()),
            Err(RoundError::DeadlineNotAfterStart)
        );
        assert_eq!(schedule_after(&s, RoundChangeKind::Cancelled, s.start()), s);
    }

    #[test]
    fn leaving_the_discourse_step_ends_open_rounds_and_cancels_scheduled_ones() {
        assert_eq!(
            settle_on_step_change(RoundState::Open),
            Some(RoundChangeKind::EndedByStepChange)
        );
        assert_eq!(
            settle_on_step_change(RoundState::Scheduled),
            Some(RoundChangeKind::CancelledByStepChange)
        );
        for untouched in [
            RoundState::AwaitingDispositions,
            RoundState::Closed,
            RoundState::Cancelled,
        ] {
            assert_eq!(settle_on_step_change(untouched), None, "{untouched:?}");
        }
    }

    #[test]
    fn a_cancelled_round_is_not_active_and_cannot_be_closed() {
        let s = schedule("2026-11-20T09:00:00Z", "2026-11-30T17:00:00Z");
        let state = s.state_of(at("2026-11-05T09:00:00Z"), true, true);
        assert_eq!(state, RoundState::Cancelled);
        assert!(!state.is_active());
        assert_eq!(state.label_de(), "abgesagt");
        assert_eq!(check_close(state, 0, 0), Err(RoundError::Cancelled));
        assert_eq!(
            check_open_new(Step::Discourse, NEWEST, &[RoundState::Cancelled]),
            Ok(())
        );
    }

    #[test]
    fn a_schedule_change_needs_a_reason_of_bounded_length() {
        assert_eq!(ChangeReason::parse("  "), Err(RoundError::ReasonMissing));
        assert_eq!(
            ChangeReason::parse(" Frist vertippt ").map(|r| r.as_str().to_owned()),
            Ok("Frist vertippt".to_owned())
        );
        let long = "x".repeat(CHANGE_REASON_MAX + 1);
        let err = ChangeReason::parse(&long).expect_err("too long");
        assert_eq!(
            err.to_string(),
            "Die Begründung ist zu lang (1.001 Zeichen, höchstens 1.000)."
        );
    }

    #[test]
    fn change_kinds_round_trip_through_their_stored_values() {
        for kind in RoundChangeKind::ALL {
            assert_eq!(RoundChangeKind::parse(kind.as_str()), Some(kind));
        }
        assert_eq!(RoundChangeKind::parse("Extended"), None);
    }

    #[cfg(feature = "ssr")]
    mod berlin_time {
        use super::*;
        use chrono::{NaiveDate, NaiveDateTime};

        fn local(date: (i32, u32, u32), h: u32, m: u32) -> NaiveDateTime {
            NaiveDate::from_ymd_opt(date.0, date.1, date.2)
                .and_then(|d| d.and_hms_opt(h, m, 0))
                .expect("valid test date")
        }

        #[test]
        fn a_deadline_at_half_past_eleven_at_night_still_ends_today() {
            // 23:30 in Berlin (winter) is 22:30 UTC; at 08:00 the same day the round ends today.
            let deadline = at("2026-11-20T22:30:00Z");
            assert_eq!(
                remaining_days_text(deadline, at("2026-11-20T07:00:00Z")).as_deref(),
                Some("endet heute")
            );
            // UTC would already call 23:15 Berlin "the 20th", but 00:15 Berlin is the next day.
            assert_eq!(
                remaining_days_text(deadline, at("2026-11-19T23:15:00Z")).as_deref(),
                Some("endet heute")
            );
            assert_eq!(
                remaining_days_text(deadline, at("2026-11-19T22:45:00Z")).as_deref(),
                Some("noch 1 Tag")
            );
        }

        #[test]
        fn a_deadline_at_half_past_eleven_in_summer_still_ends_today() {
            // 23:30 summer time is 21:30 UTC; 00:30 Berlin on the 15th is 22:30 UTC on the 14th.
            let deadline = at("2026-07-15T21:30:00Z");
            assert_eq!(days_left(deadline, at("2026-07-14T22:30:00Z")), 0);
            assert_eq!(days_left(deadline, at("2026-07-14T21:59:00Z")), 1);
        }

        #[test]
        fn nine_calendar_days_read_noch_neun_tage() {
            let deadline = at("2026-11-30T17:00:00Z");
            assert_eq!(
                remaining_days_text(deadline, at("2026-11-21T09:00:00Z")).as_deref(),
                Some("noch 9 Tage")
            );
        }

        #[test]
        fn a_deadline_at_midnight_ends_with_the_previous_day() {
            // 00:00 Berlin on 21 Nov: one can comment until the end of the 20th.
            let deadline = at("2026-11-20T23:00:00Z");
            assert_eq!(
                remaining_days_text(deadline, at("2026-11-20T09:00:00Z")).as_deref(),
                Some("endet heute")
            );
        }

        #[test]
        fn the_remaining_days_are_calendar_days_across_the_spring_clock_change() {
            // Summer time starts on 29 Mar 2026; the 29th has 23 hours.
            let deadline = at("2026-03-30T21:30:00Z"); // 30 Mar 23:30 summer time
            let now = at("2026-03-28T22:30:00Z"); // 28 Mar 23:30 winter time
            assert_eq!(days_left(deadline, now), 2);
            assert_eq!(
                remaining_days_text(deadline, now).as_deref(),
                Some("noch 2 Tage")
            );
        }

        #[test]
        fn the_remaining_days_are_calendar_days_across_the_autumn_clock_change() {
            // Winter time starts on 25 Oct 2026; the 25th has 25 hours.
            let deadline = at("2026-10-26T22:30:00Z"); // 26 Oct 23:30 winter time
            let now = at("2026-10-24T21:45:00Z"); // 24 Oct 23:45 summer time
            assert_eq!(days_left(deadline, now), 2);
        }

        #[test]
        fn there_is_no_remaining_text_after_the_deadline() {
            let deadline = at("2026-11-20T22:30:00Z");
            assert_eq!(remaining_days_text(deadline, deadline), None);
        }

        #[test]
        fn the_closed_message_shows_german_local_time_in_winter_and_summer() {
            assert_eq!(
                closed_message(at("2026-12-10T17:00:00Z")),
                "Die Runde ist seit 10.12.2026, 18:00 Uhr geschlossen."
            );
            assert_eq!(
                closed_message(at("2026-06-10T17:00:00Z")),
                "Die Runde ist seit 10.06.2026, 19:00 Uhr geschlossen."
            );
        }

        #[test]
        fn commenting_after_the_deadline_names_the_deadline() {
            let s = schedule("2026-11-01T09:00:00Z", "2026-11-15T17:00:00Z");
            let err = check_comment_window(&s, false, false, at("2026-11-16T08:00:00Z"))
                .expect_err("ended");
            assert_eq!(
                err.to_string(),
                "Die Runde ist seit 15.11.2026, 18:00 Uhr geschlossen."
            );
            let closed = check_comment_window(&s, true, false, at("2026-12-01T08:00:00Z"))
                .expect_err("closed");
            assert_eq!(
                closed,
                CommentWindowError::Ended {
                    since: s.deadline()
                }
            );
        }

        #[test]
        fn commenting_before_the_start_names_the_start() {
            let s = schedule("2026-11-01T09:00:00Z", "2026-11-15T17:00:00Z");
            let err = check_comment_window(&s, false, false, at("2026-10-31T09:00:00Z"))
                .expect_err("early");
            assert_eq!(
                err.to_string(),
                "Die Runde beginnt erst am 01.11.2026, 10:00 Uhr."
            );
            assert_eq!(
                check_comment_window(&s, false, false, at("2026-11-05T09:00:00Z")),
                Ok(())
            );
        }

        #[test]
        fn a_deadline_change_reads_as_a_german_sentence() {
            assert_eq!(
                change_text_de(
                    RoundChangeKind::Extended,
                    at("2026-11-23T13:00:00Z"),
                    "Nora Gruppe",
                    at("2026-11-20T17:00:00Z"),
                    at("2026-11-30T17:00:00Z"),
                    None
                ),
                "Am 23.11.2026, 14:00 Uhr hat Nora Gruppe die Frist verlängert: vom 20.11.2026, 18:00 Uhr auf den 30.11.2026, 18:00 Uhr."
            );
            assert_eq!(
                change_text_de(
                    RoundChangeKind::EndedByStepChange,
                    at("2026-11-23T13:00:00Z"),
                    "Nora Gruppe",
                    at("2026-11-30T17:00:00Z"),
                    at("2026-11-23T13:00:00Z"),
                    Some(Step::Draft)
                ),
                "Am 23.11.2026, 14:00 Uhr endete die Runde, weil Nora Gruppe den Prozess in den Schritt „Entwurf“ geführt hat (ursprüngliche Frist: 30.11.2026, 18:00 Uhr)."
            );
        }

        #[test]
        fn the_round_page_says_why_commenting_ended() {
            let at_ = at("2026-11-23T13:00:00Z");
            assert!(ended_message_de(RoundChangeKind::EndedEarly, at_, None)
                .expect("message")
                .starts_with(
                    "Die Projektgruppe hat die Runde am 23.11.2026, 14:00 Uhr vorzeitig beendet."
                ));
            assert!(
                ended_message_de(RoundChangeKind::EndedByStepChange, at_, Some(Step::Draft))
                    .expect("message")
                    .contains("weil der Prozess in den Schritt „Entwurf“ gewechselt ist")
            );
            assert_eq!(ended_message_de(RoundChangeKind::Extended, at_, None), None);
        }

        #[test]
        fn a_cancelled_round_takes_no_comments() {
            let s = schedule("2026-11-20T09:00:00Z", "2026-11-30T17:00:00Z");
            assert_eq!(
                check_comment_window(&s, true, true, at("2026-11-25T09:00:00Z")),
                Err(CommentWindowError::Cancelled)
            );
        }

        #[test]
        fn local_form_times_are_read_as_german_time() {
            assert_eq!(
                from_berlin_local(local((2026, 11, 20), 23, 30)),
                Ok(at("2026-11-20T22:30:00Z"))
            );
            assert_eq!(
                from_berlin_local(local((2026, 7, 15), 23, 30)),
                Ok(at("2026-07-15T21:30:00Z"))
            );
        }

        #[test]
        fn a_local_time_in_the_spring_gap_is_refused() {
            let err = from_berlin_local(local((2026, 3, 29), 2, 30)).expect_err("gap");
            assert_eq!(
                err.to_string(),
                "Die Uhrzeit 02:30 gibt es am 29.03.2026 wegen der Umstellung auf Sommerzeit nicht. Bitte wählen Sie eine andere Uhrzeit."
            );
        }

        #[test]
        fn a_twice_occurring_autumn_time_is_read_as_the_later_one() {
            // 02:30 on 25 Oct 2026 happens at 00:30 UTC (summer) and 01:30 UTC (winter).
            assert_eq!(
                from_berlin_local(local((2026, 10, 25), 2, 30)),
                Ok(at("2026-10-25T01:30:00Z"))
            );
        }
    }
}
