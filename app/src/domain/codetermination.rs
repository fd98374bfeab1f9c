//! Co-determination: the procedures by which an approving body reaches its decision, as
//! German labour law shapes them, and the deadlines that law counts.
//!
//! Every body follows one [`Procedure`]. Its parameters are defaults taken from the law at the
//! time of writing (BetrVG for works councils, MVG-EKD and MAVO for the employee representations
//! of Protestant and Catholic employers); the organisation must check them against the current
//! law and its own rules of procedure, and a coordinator can change them per body. The app says
//! so wherever it applies them.
//!
//! - **Management / board** ([`Procedure::Management`]): the members named confirm in the app;
//!   "all must agree" or "majority".
//! - **Works council** ([`Procedure::WorksCouncil`], § 33 BetrVG): a resolution in a meeting
//!   (in person, or by video/telephone under § 30 (2)); quorum when at least half the members
//!   take part; adopted with the majority of the votes of the members present (a tie rejects);
//!   the minutes (§ 34) are confirmed by the chair and one further member — two accounts.
//! - **MAV under the MVG-EKD** ([`Procedure::MavEkd`], § 38): the employer's request starts a
//!   deadline (two weeks); the MAV approves or refuses in writing with reasons; without a
//!   refusal by the deadline the measure "gilt als gebilligt".
//! - **MAV under the MAVO** ([`Procedure::MavMavo`], § 33): the same with one week and
//!   objections ("Einwendungen") instead of a refusal.
//! - **Simple record** ([`Procedure::Simple`]): a member records the body's decision with the
//!   meeting date and minutes reference (what every body did before procedures existed).
//!
//! Deadlines are counted as §§ 187 (1), 188 (1) and 193 BGB count them: the day the request is
//! received does not count; a deadline of n days ends at the end of the n-th day after it (a
//! deadline in weeks is a multiple of seven days: it ends on the same weekday); if that day is a
//! Saturday, Sunday or public holiday at the organisation's place, the deadline ends at the end
//! of the next working day.

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use holiday_de::GermanRegion;
use serde::{Deserialize, Serialize};
use thiserror::Error;

/// Longest wording of a resolution, of reasons and objections, in characters.
pub const STATEMENT_MAX: usize = 5_000;

/// Shortest reasons for refusing approval under the MVG-EKD (a refusal "unter Angabe von
/// Gründen" needs more than a word).
pub const REASONS_MIN: usize = 20;

/// Longest a deadline may be set or extended, in days (catches typos such as 140).
pub const DEADLINE_DAYS_MAX: u32 = 90;

/// The most seats a body may have.
pub const SEATS_MAX: u32 = 99;

/// How a management or board decides among the members named.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ConfirmationRule {
    /// Every member must approve; one rejection rejects.
    All,
    /// More than half of the members must approve; the proposal is rejected as soon as that
    /// can no longer happen.
    Majority,
}

impl ConfirmationRule {
    /// The stored value.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::All => "all",
            Self::Majority => "majority",
        }
    }

    /// Reads a stored or posted value.
    pub fn parse(value: &str) -> Result<Self, CodeterminationError> {
        match value.trim() {
            "all" => Ok(Self::All),
            "majority" => Ok(Self::Majority),
            other => Err(CodeterminationError::UnknownRule(other.to_owned())),
        }
    }

    /// German label.
    pub fn label_de(self) -> &'static str {
        match self {
            Self::All => "alle Mitglieder müssen zustimmen",
            Self::Majority => "die Mehrheit der Mitglieder muss zustimmen",
        }
    }
}

/// The procedure an approving body follows, with its parameters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Procedure {
    /// A member records the body's decision (meeting date, minutes reference).
    Simple,
    /// The members named confirm in the app.
    Management {
        /// All or majority.
        rule: ConfirmationRule,
    },
    /// A resolution in a meeting with quorum and majority, minutes confirmed by two.
    WorksCouncil {
        /// Members of the council (not only those with an account here).
        seats: u32,
    },
    /// Approval within a deadline after the employer's request; silence approves.
    MavEkd {
        /// Days from the receipt of the request.
        deadline_days: u32,
        /// Days added by one extension on the MAV's request.
        extension_days: u32,
    },
    /// Objections within a deadline after the employer's request; silence approves.
    MavMavo {
        /// Days from the receipt of the request.
        deadline_days: u32,
        /// Days added by one extension on the MAV's request.
        extension_days: u32,
    },
}

/// The kind of a procedure, without parameters (the stored column).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ProcedureKind {
    /// See [`Procedure::Simple`].
    Simple,
    /// See [`Procedure::Management`].
    Management,
    /// See [`Procedure::WorksCouncil`].
    WorksCouncil,
    /// See [`Procedure::MavEkd`].
    MavEkd,
    /// See [`Procedure::MavMavo`].
    MavMavo,
}

impl ProcedureKind {
    /// Every kind, in the order of the settings form.
    pub const ALL: [ProcedureKind; 5] = [
        Self::Simple,
        Self::Management,
        Self::WorksCouncil,
        Self::MavEkd,
        Self::MavMavo,
    ];

    /// The stored and posted value.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Simple => "simple",
            Self::Management => "management",
            Self::WorksCouncil => "works_council",
            Self::MavEkd => "mav_ekd",
            Self::MavMavo => "mav_mavo",
        }
    }

    /// Reads a stored or posted value.
    pub fn parse(value: &str) -> Result<Self, CodeterminationError> {
        Self::ALL
            .into_iter()
            .find(|k| k.as_str() == value.trim())
            .ok_or_else(|| CodeterminationError::UnknownProcedure(value.trim().to_owned()))
    }

    /// German name for the settings form.
    pub fn label_de(self) -> &'static str {
        match self {
            Self::Simple => "Entscheidung eintragen (ohne festes Verfahren)",
            Self::Management => "Geschäftsführung / Vorstand: Bestätigung der Mitglieder",
            Self::WorksCouncil => "Betriebsrat (BetrVG): Beschluss in einer Sitzung",
            Self::MavEkd => "Mitarbeitervertretung (MVG-EKD): Zustimmung mit Frist",
            Self::MavMavo => "Mitarbeitervertretung (MAVO): Einwendungen mit Frist",
        }
    }

    /// The procedure with the law's defaults (`members`: the body's members with an account,
    /// the default number of seats of a works council).
    pub fn with_defaults(self, members: u32) -> Procedure {
        match self {
            Self::Simple => Procedure::Simple,
            Self::Management => Procedure::Management {
                rule: ConfirmationRule::All,
            },
            Self::WorksCouncil => Procedure::WorksCouncil {
                seats: members.max(1),
            },
            Self::MavEkd => Procedure::MavEkd {
                deadline_days: 14,
                extension_days: 14,
            },
            Self::MavMavo => Procedure::MavMavo {
                deadline_days: 7,
                extension_days: 14,
            },
        }
    }
}

impl Procedure {
    /// The kind of this procedure.
    pub fn kind(self) -> ProcedureKind {
        match self {
            Self::Simple => ProcedureKind::Simple,
            Self::Management { .. } => ProcedureKind::Management,
            Self::WorksCouncil { .. } => ProcedureKind::WorksCouncil,
            Self::MavEkd { .. } => ProcedureKind::MavEkd,
            Self::MavMavo { .. } => ProcedureKind::MavMavo,
        }
    }

    /// Checks the parameters a coordinator entered.
    pub fn check(self) -> Result<Self, CodeterminationError> {
        match self {
            Self::WorksCouncil { seats } if seats == 0 || seats > SEATS_MAX => {
                Err(CodeterminationError::SeatsOutOfRange)
            }
            Self::MavEkd {
                deadline_days,
                extension_days,
            }
            | Self::MavMavo {
                deadline_days,
                extension_days,
            } if deadline_days == 0
                || deadline_days > DEADLINE_DAYS_MAX
                || extension_days > DEADLINE_DAYS_MAX =>
            {
                Err(CodeterminationError::DeadlineOutOfRange)
            }
            other => Ok(other),
        }
    }

    /// The legal basis the procedure follows, as the adoption page names it.
    pub fn legal_basis_de(self) -> String {
        match self {
            Self::Simple => {
                "Kein festes Verfahren: ein Mitglied trägt die Entscheidung des Gremiums mit Sitzungsdatum und Protokollverweis ein.".to_owned()
            }
            Self::Management { rule } => format!(
                "Geschäftsführung / Vorstand: Jedes genannte Mitglied bestätigt in Mitsprache; {}.",
                rule.label_de()
            ),
            Self::WorksCouncil { seats } => format!(
                "Betriebsverfassungsgesetz: Beschluss in einer Sitzung (§ 33 BetrVG), auch per Video- oder Telefonkonferenz unter den Voraussetzungen des § 30 Abs. 2. \
                 Beschlussfähig, wenn mindestens die Hälfte der {seats} Mitglieder teilnimmt (mindestens {}); \
                 beschlossen mit der Mehrheit der Stimmen der anwesenden Mitglieder, Stimmengleichheit lehnt ab. \
                 Die Niederschrift (§ 34 BetrVG) bestätigen die oder der Vorsitzende und ein weiteres Mitglied.",
                quorum(seats)
            ),
            Self::MavEkd { deadline_days, extension_days } => format!(
                "Mitarbeitervertretungsgesetz der EKD (§ 38 MVG-EKD): Der Antrag des Dienstgebers setzt eine Frist von {} in Gang, die auf Antrag der MAV um {} verlängert werden kann. \
                 Die MAV stimmt zu oder verweigert die Zustimmung schriftlich unter Angabe von Gründen; ohne Verweigerung bis zum Fristende gilt die Maßnahme als gebilligt.",
                days_de(deadline_days),
                days_de(extension_days)
            ),
            Self::MavMavo { deadline_days, extension_days } => format!(
                "Mitarbeitervertretungsordnung (§ 33 MAVO): Der Antrag des Dienstgebers setzt eine Frist von {} in Gang, die auf Antrag der MAV um {} verlängert werden kann. \
                 Die MAV stimmt zu oder erhebt Einwendungen; ohne Einwendungen bis zum Fristende gilt die Zustimmung als erteilt.",
                days_de(deadline_days),
                days_de(extension_days)
            ),
        }
    }
}

/// "eine Woche", "zwei Wochen", "10 Tagen" — days as a German deadline reads them (dative).
pub fn days_de(days: u32) -> String {
    match days {
        7 => "einer Woche".to_owned(),
        14 => "zwei Wochen".to_owned(),
        21 => "drei Wochen".to_owned(),
        1 => "einem Tag".to_owned(),
        n => format!("{n} Tagen"),
    }
}

/// The members who must take part for a works council to have a quorum: at least half
/// (§ 33 Abs. 2 BetrVG), rounded up.
pub fn quorum(seats: u32) -> u32 {
    seats.div_ceil(2)
}

/// How a works-council meeting took place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum MeetingForm {
    /// Everyone in the room.
    InPerson,
    /// By video or telephone (all or some members), § 30 Abs. 2 BetrVG.
    Remote,
}

impl MeetingForm {
    /// The stored and posted value.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::InPerson => "in_person",
            Self::Remote => "remote",
        }
    }

    /// Reads a stored or posted value.
    pub fn parse(value: &str) -> Result<Self, CodeterminationError> {
        match value.trim() {
            "in_person" => Ok(Self::InPerson),
            "remote" => Ok(Self::Remote),
            _ => Err(CodeterminationError::UnknownMeetingForm),
        }
    }

    /// German label.
    pub fn label_de(self) -> &'static str {
        match self {
            Self::InPerson => "Präsenzsitzung",
            Self::Remote => "Video- oder Telefonkonferenz (§ 30 Abs. 2 BetrVG)",
        }
    }
}

/// The vote of a works-council meeting, as entered from the minutes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Vote {
    /// Members of the council.
    pub seats: u32,
    /// Members who took part.
    pub present: u32,
    /// Votes in favour.
    pub yes: u32,
    /// Votes against.
    pub no: u32,
    /// Abstentions.
    pub abstain: u32,
}

/// What a valid resolution decided, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResolutionOutcome {
    /// Whether the council approved.
    pub approved: bool,
    /// The reckoning in plain German ("7 von 9 Mitgliedern anwesend – beschlussfähig (nötig: 5);
    /// 5 Ja, 1 Nein, 1 Enthaltung: Mehrheit der Anwesenden (mehr als 3,5) erreicht").
    pub explanation: String,
}

/// Checks a works-council vote and decides it (§ 33 BetrVG): the numbers must add up, at least
/// half the members must have taken part (no resolution without quorum), and the proposal is
/// adopted with more yes votes than half of the members present — abstentions and absent votes
/// count against it, a tie rejects.
pub fn decide_vote(vote: Vote) -> Result<ResolutionOutcome, CodeterminationError> {
    if vote.seats == 0 || vote.present > vote.seats {
        return Err(CodeterminationError::MorePresentThanSeats {
            present: vote.present,
            seats: vote.seats,
        });
    }
    let cast = vote.yes + vote.no + vote.abstain;
    if cast > vote.present {
        return Err(CodeterminationError::MoreVotesThanPresent {
            votes: cast,
            present: vote.present,
        });
    }
    let needed = quorum(vote.seats);
    if vote.present < needed {
        return Err(CodeterminationError::NoQuorum {
            present: vote.present,
            seats: vote.seats,
            needed,
        });
    }
    let approved = vote.yes * 2 > vote.present;
    let half = format!("{:.1}", f64::from(vote.present) / 2.0).replace('.', ",");
    let half = half.strip_suffix(",0").unwrap_or(&half).to_owned();
    let explanation = format!(
        "{} von {} Mitgliedern haben teilgenommen – beschlussfähig (nötig: {needed}). {} Ja, {} Nein, {} Enthaltung{}: {}",
        vote.present,
        vote.seats,
        vote.yes,
        vote.no,
        vote.abstain,
        if vote.abstain == 1 { "" } else { "en" },
        if approved {
            format!("mehr als die Hälfte der Anwesenden ({half}) hat zugestimmt – der Antrag ist angenommen.")
        } else if vote.yes * 2 == vote.present {
            "Stimmengleichheit – der Antrag ist abgelehnt (§ 33 Abs. 1 BetrVG).".to_owned()
        } else {
            format!("nicht mehr als die Hälfte der Anwesenden ({half}) hat zugestimmt – der Antrag ist abgelehnt.")
        }
    );
    Ok(ResolutionOutcome {
        approved,
        explanation,
    })
}

/// Who has confirmed a works council's minutes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MinutesConfirmation {
    /// The account.
    pub user_id: i64,
    /// Whether they confirmed as the council's chair.
    pub as_chair: bool,
}

/// Checks one more confirmation of the minutes: the chair confirms as chair, any member as a
/// further member, and nobody twice (two separate accounts, § 34 Abs. 1 BetrVG).
pub fn check_confirmation(
    existing: &[MinutesConfirmation],
    new: MinutesConfirmation,
    is_chair: bool,
) -> Result<(), CodeterminationError> {
    if new.as_chair && !is_chair {
        return Err(CodeterminationError::NotChair);
    }
    if existing.iter().any(|c| c.user_id == new.user_id) {
        return Err(CodeterminationError::AlreadyConfirmed);
    }
    if new.as_chair && existing.iter().any(|c| c.as_chair) {
        return Err(CodeterminationError::ChairAlreadyConfirmed);
    }
    if !new.as_chair && existing.iter().any(|c| !c.as_chair) {
        return Err(CodeterminationError::MemberAlreadyConfirmed);
    }
    Ok(())
}

/// Whether the minutes are confirmed: by the chair and by one further member.
pub fn minutes_confirmed(confirmations: &[MinutesConfirmation]) -> bool {
    let chair = confirmations.iter().find(|c| c.as_chair);
    chair.is_some_and(|chair| {
        confirmations
            .iter()
            .any(|c| !c.as_chair && c.user_id != chair.user_id)
    })
}

/// Where the confirmations of a management or board stand: `Some(true)` approved, `Some(false)`
/// rejected, `None` still open.
pub fn management_outcome(
    rule: ConfirmationRule,
    members: u32,
    approvals: u32,
    rejections: u32,
) -> Option<bool> {
    match rule {
        ConfirmationRule::All if rejections > 0 => Some(false),
        ConfirmationRule::All if members > 0 && approvals >= members => Some(true),
        ConfirmationRule::All => None,
        ConfirmationRule::Majority if approvals * 2 > members => Some(true),
        // A majority is out of reach once half of the members (or more) rejected.
        ConfirmationRule::Majority if rejections * 2 >= members && members > 0 => Some(false),
        ConfirmationRule::Majority => None,
    }
}

/// A refusal (MVG-EKD) or objections (MAVO) of a MAV: in writing with reasons.
pub fn check_statement(text: &str) -> Result<String, CodeterminationError> {
    let text = text.trim();
    let chars = text.chars().count();
    if chars < REASONS_MIN {
        return Err(CodeterminationError::ReasonsMissing { min: REASONS_MIN });
    }
    if chars > STATEMENT_MAX {
        return Err(CodeterminationError::StatementTooLong {
            chars,
            max: STATEMENT_MAX,
        });
    }
    Ok(text.to_owned())
}

/// The German federal state whose public holidays end deadlines later.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum FederalState {
    /// Baden-Württemberg.
    BW,
    /// Bayern.
    BY,
    /// Berlin.
    BE,
    /// Brandenburg.
    BB,
    /// Bremen.
    HB,
    /// Hamburg.
    HH,
    /// Hessen.
    HE,
    /// Mecklenburg-Vorpommern.
    MV,
    /// Niedersachsen.
    NI,
    /// Nordrhein-Westfalen.
    NW,
    /// Rheinland-Pfalz.
    RP,
    /// Saarland.
    SL,
    /// Sachsen.
    SN,
    /// Sachsen-Anhalt.
    ST,
    /// Schleswig-Holstein.
    SH,
    /// Thüringen.
    TH,
}

impl FederalState {
    /// Reads the two-letter abbreviation ("NW", "by").
    pub fn parse(value: &str) -> Result<Self, CodeterminationError> {
        use FederalState::*;
        Ok(match value.trim().to_ascii_uppercase().as_str() {
            "BW" => BW,
            "BY" => BY,
            "BE" => BE,
            "BB" => BB,
            "HB" => HB,
            "HH" => HH,
            "HE" => HE,
            "MV" => MV,
            "NI" => NI,
            "NW" => NW,
            "RP" => RP,
            "SL" => SL,
            "SN" => SN,
            "ST" => ST,
            "SH" => SH,
            "TH" => TH,
            other => return Err(CodeterminationError::UnknownState(other.to_owned())),
        })
    }

    /// The state's name.
    pub fn name_de(self) -> &'static str {
        use FederalState::*;
        match self {
            BW => "Baden-Württemberg",
            BY => "Bayern",
            BE => "Berlin",
            BB => "Brandenburg",
            HB => "Bremen",
            HH => "Hamburg",
            HE => "Hessen",
            MV => "Mecklenburg-Vorpommern",
            NI => "Niedersachsen",
            NW => "Nordrhein-Westfalen",
            RP => "Rheinland-Pfalz",
            SL => "Saarland",
            SN => "Sachsen",
            ST => "Sachsen-Anhalt",
            SH => "Schleswig-Holstein",
            TH => "Thüringen",
        }
    }

    fn region(self) -> GermanRegion {
        use FederalState::*;
        match self {
            BW => GermanRegion::BadenWuerttemberg,
            BY => GermanRegion::Bayern,
            BE => GermanRegion::Berlin,
            BB => GermanRegion::Brandenburg,
            HB => GermanRegion::Bremen,
            HH => GermanRegion::Hamburg,
            HE => GermanRegion::Hessen,
            MV => GermanRegion::MechlenburgVorpommern,
            NI => GermanRegion::Niedersachsen,
            NW => GermanRegion::NordrheinWestfalen,
            RP => GermanRegion::RheinlandPfalz,
            SL => GermanRegion::Saarland,
            SN => GermanRegion::Sachsen,
            ST => GermanRegion::SachsenAnhalt,
            SH => GermanRegion::SchleswigHolstein,
            TH => GermanRegion::Thueringen,
        }
    }
}

/// Whether `day` is a working day at the organisation's place: not a Saturday, Sunday or
/// public holiday (of the federal state, or only the nationwide ones when none is set).
pub fn is_working_day(day: NaiveDate, state: Option<FederalState>) -> bool {
    if matches!(day.weekday(), Weekday::Sat | Weekday::Sun) {
        return false;
    }
    match state {
        Some(state) => !state.region().is_holiday(day),
        // Holidays every state keeps: the common ones of any two states with few holidays.
        None => !(GermanRegion::Hamburg.is_holiday(day) && GermanRegion::Hessen.is_holiday(day)),
    }
}

/// The last day of a deadline of `days` days for a request received on `received` (§§ 187 (1),
/// 188, 193 BGB): the day of receipt does not count; a last day that is not a working day moves
/// to the next working day. The deadline ends at the end of that day.
pub fn deadline(received: NaiveDate, days: u32, state: Option<FederalState>) -> NaiveDate {
    let mut last = received + Duration::days(i64::from(days));
    while !is_working_day(last, state) {
        last += Duration::days(1);
    }
    last
}

/// A deadline extended by `days` from its current last day (the extension runs from the end of
/// the original deadline, and again ends on a working day).
pub fn extend(last_day: NaiveDate, days: u32, state: Option<FederalState>) -> NaiveDate {
    deadline(last_day, days, state)
}

/// Whether silence has become approval on `today` (German calendar date): the deadline ended
/// with the end of its last day, so from the next day on.
pub fn deemed_approved(last_day: NaiveDate, today: NaiveDate) -> bool {
    today > last_day
}

/// Why a co-determination step is refused; the text is shown to the user.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum CodeterminationError {
    /// A posted procedure that does not exist.
    #[error("Unbekanntes Verfahren „{0}“.")]
    UnknownProcedure(String),
    /// A posted confirmation rule that does not exist.
    #[error("Unbekannte Regel „{0}“.")]
    UnknownRule(String),
    /// A posted meeting form that does not exist.
    #[error("Bitte wählen Sie, wie die Sitzung stattfand.")]
    UnknownMeetingForm,
    /// A federal state that does not exist.
    #[error("Unbekanntes Bundesland „{0}“ (bitte das Kürzel angeben, z. B. NW).")]
    UnknownState(String),
    /// Seats out of range.
    #[error("Bitte geben Sie die Zahl der Mitglieder des Betriebsrats an (1 bis 99).")]
    SeatsOutOfRange,
    /// Deadline out of range.
    #[error("Bitte geben Sie die Frist in Tagen an (1 bis 90).")]
    DeadlineOutOfRange,
    /// More members present than the council has.
    #[error(
        "Es können nicht {present} Mitglieder teilgenommen haben: der Betriebsrat hat {seats}."
    )]
    MorePresentThanSeats {
        /// Members present.
        present: u32,
        /// Seats.
        seats: u32,
    },
    /// More votes than members present.
    #[error("{votes} Stimmen sind mehr als die {present} anwesenden Mitglieder.")]
    MoreVotesThanPresent {
        /// Votes cast.
        votes: u32,
        /// Members present.
        present: u32,
    },
    /// No quorum: no resolution.
    #[error(
        "Der Betriebsrat war nicht beschlussfähig: {present} von {seats} Mitgliedern haben teilgenommen, nötig sind mindestens {needed} (§ 33 Abs. 2 BetrVG). Ohne Beschlussfähigkeit gibt es keinen Beschluss."
    )]
    NoQuorum {
        /// Members present.
        present: u32,
        /// Seats.
        seats: u32,
        /// Members needed.
        needed: u32,
    },
    /// The conditions of a video or telephone meeting were not confirmed.
    #[error(
        "Eine Sitzung per Video- oder Telefonkonferenz zählt nur, wenn die Voraussetzungen des § 30 Abs. 2 BetrVG erfüllt waren. Bitte bestätigen Sie das."
    )]
    RemoteConditionsNotConfirmed,
    /// Someone other than the chair confirmed as chair.
    #[error(
        "Als Vorsitzende oder Vorsitzender bestätigen kann nur, wer den Vorsitz des Gremiums hat."
    )]
    NotChair,
    /// The same account confirmed twice.
    #[error("Sie haben die Niederschrift bereits bestätigt; die zweite Bestätigung muss von einem anderen Mitglied kommen.")]
    AlreadyConfirmed,
    /// The chair's confirmation exists.
    #[error("Die oder der Vorsitzende hat die Niederschrift bereits bestätigt.")]
    ChairAlreadyConfirmed,
    /// A further member's confirmation exists.
    #[error("Ein weiteres Mitglied hat die Niederschrift bereits bestätigt.")]
    MemberAlreadyConfirmed,
    /// A refusal or objections without (enough) reasons.
    #[error("Bitte geben Sie die Gründe schriftlich an (mindestens {min} Zeichen).")]
    ReasonsMissing {
        /// The minimum.
        min: usize,
    },
    /// A statement that is too long.
    #[error("Der Text ist zu lang ({chars} Zeichen, höchstens {max}).")]
    StatementTooLong {
        /// Characters entered.
        chars: usize,
        /// The limit.
        max: usize,
    },
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn vote(seats: u32, present: u32, yes: u32, no: u32, abstain: u32) -> Vote {
        Vote {
            seats,
            present,
            yes,
            no,
            abstain,
        }
    }

    #[test]
    fn a_works_council_has_a_quorum_when_at_least_half_its_members_take_part() {
        for (seats, needed) in [(1, 1), (3, 2), (5, 3), (7, 4), (9, 5), (11, 6), (10, 5)] {
            assert_eq!(quorum(seats), needed, "{seats} seats");
            assert!(decide_vote(vote(seats, needed, needed, 0, 0)).is_ok());
            assert_eq!(
                decide_vote(vote(seats, needed - 1, needed - 1, 0, 0)),
                Err(CodeterminationError::NoQuorum {
                    present: needed - 1,
                    seats,
                    needed
                }),
                "{seats} seats, {} present",
                needed - 1
            );
        }
    }

    #[test]
    fn a_resolution_needs_more_yes_votes_than_half_of_the_members_present() {
        // (present, yes, no, abstain) → approved?
        let table = [
            (9, 5, 4, 0, true),
            (9, 5, 0, 4, true),
            (9, 4, 1, 4, false), // abstentions count against
            (8, 4, 4, 0, false), // a tie rejects
            (8, 4, 2, 2, false),
            (8, 5, 3, 0, true),
            (5, 3, 0, 0, true), // two present did not vote: still 3 of 5
            (5, 2, 0, 0, false),
        ];
        for (present, yes, no, abstain, approved) in table {
            let outcome = decide_vote(vote(9, present, yes, no, abstain)).unwrap();
            assert_eq!(
                outcome.approved, approved,
                "{present} present, {yes}/{no}/{abstain}: {}",
                outcome.explanation
            );
        }
        let tie = decide_vote(vote(9, 8, 4, 4, 0)).unwrap();
        assert!(
            tie.explanation.contains("Stimmengleichheit"),
            "{}",
            tie.explanation
        );
        let yes = decide_vote(vote(9, 7, 5, 1, 1)).unwrap();
        assert_eq!(
            yes.explanation,
            "7 von 9 Mitgliedern haben teilgenommen – beschlussfähig (nötig: 5). 5 Ja, 1 Nein, 1 Enthaltung: mehr als die Hälfte der Anwesenden (3,5) hat zugestimmt – der Antrag ist angenommen."
        );
    }

    #[test]
    fn numbers_that_do_not_add_up_are_refused() {
        assert!(matches!(
            decide_vote(vote(9, 10, 5, 0, 0)),
            Err(CodeterminationError::MorePresentThanSeats { .. })
        ));
        assert!(matches!(
            decide_vote(vote(9, 6, 4, 2, 1)),
            Err(CodeterminationError::MoreVotesThanPresent {
                votes: 7,
                present: 6
            })
        ));
    }

    #[test]
    fn the_minutes_need_the_chair_and_one_further_member_as_two_accounts() {
        let chair = MinutesConfirmation {
            user_id: 1,
            as_chair: true,
        };
        let member = MinutesConfirmation {
            user_id: 2,
            as_chair: false,
        };
        assert!(!minutes_confirmed(&[]));
        assert!(!minutes_confirmed(&[chair]));
        assert!(!minutes_confirmed(&[member]));
        assert!(minutes_confirmed(&[chair, member]));
        // The chair cannot also be the further member.
        assert_eq!(
            check_confirmation(
                &[chair],
                MinutesConfirmation {
                    user_id: 1,
                    as_chair: false
                },
                true
            ),
            Err(CodeterminationError::AlreadyConfirmed)
        );
        // Only the chair confirms as chair.
        assert_eq!(
            check_confirmation(
                &[],
                MinutesConfirmation {
                    user_id: 3,
                    as_chair: true
                },
                false
            ),
            Err(CodeterminationError::NotChair)
        );
        assert_eq!(
            check_confirmation(
                &[member],
                MinutesConfirmation {
                    user_id: 4,
                    as_chair: false
                },
                false
            ),
            Err(CodeterminationError::MemberAlreadyConfirmed)
        );
        assert_eq!(check_confirmation(&[member], chair, true), Ok(()));
    }

    #[test]
    fn management_decides_by_all_or_by_majority() {
        use ConfirmationRule::*;
        assert_eq!(management_outcome(All, 3, 2, 0), None);
        assert_eq!(management_outcome(All, 3, 3, 0), Some(true));
        assert_eq!(management_outcome(All, 3, 2, 1), Some(false));
        assert_eq!(management_outcome(Majority, 3, 1, 0), None);
        assert_eq!(management_outcome(Majority, 3, 2, 0), Some(true));
        assert_eq!(management_outcome(Majority, 3, 1, 1), None);
        assert_eq!(management_outcome(Majority, 3, 1, 2), Some(false));
        assert_eq!(management_outcome(Majority, 4, 2, 1), None);
        assert_eq!(
            management_outcome(Majority, 4, 2, 2),
            Some(false),
            "2 of 4 is no majority"
        );
        assert_eq!(management_outcome(Majority, 4, 3, 1), Some(true));
        assert_eq!(
            management_outcome(All, 0, 0, 0),
            None,
            "nobody named, nothing decided"
        );
    }

    #[test]
    fn a_refusal_or_objection_without_reasons_is_refused() {
        assert_eq!(
            check_statement("Nein."),
            Err(CodeterminationError::ReasonsMissing { min: REASONS_MIN })
        );
        assert_eq!(
            check_statement("   ").unwrap_err(),
            CodeterminationError::ReasonsMissing { min: REASONS_MIN }
        );
        assert!(check_statement("Die Leitlinie regelt die Verhaltenskontrolle nicht.").is_ok());
        assert!(matches!(
            check_statement(&"x".repeat(STATEMENT_MAX + 1)),
            Err(CodeterminationError::StatementTooLong { .. })
        ));
    }

    #[test]
    fn the_day_of_receipt_does_not_count_and_a_deadline_in_weeks_ends_on_the_same_weekday() {
        // Received Tuesday 2026-11-10: two weeks end on Tuesday 2026-11-24.
        assert_eq!(deadline(day(2026, 11, 10), 14, None), day(2026, 11, 24));
        // One week from Wednesday: Wednesday.
        assert_eq!(deadline(day(2026, 11, 11), 7, None), day(2026, 11, 18));
        // Three days from Monday: Thursday.
        assert_eq!(deadline(day(2026, 11, 9), 3, None), day(2026, 11, 12));
    }

    #[test]
    fn a_deadline_ending_on_a_weekend_moves_to_the_next_working_day() {
        // Received Saturday 2026-11-07, one week: Saturday 14th → Monday 16th.
        assert_eq!(deadline(day(2026, 11, 7), 7, None), day(2026, 11, 16));
        // Ending on Sunday → Monday.
        assert_eq!(deadline(day(2026, 11, 1), 14, None), day(2026, 11, 16));
    }

    #[test]
    fn holidays_of_the_federal_state_move_the_deadline_and_others_do_not() {
        // All Saints' Day (1 November 2027, a Monday) is a holiday in NRW and Bavaria, not in Berlin.
        let received = day(2027, 10, 18); // Monday; two weeks end on Monday 1 November
        assert_eq!(
            deadline(received, 14, Some(FederalState::NW)),
            day(2027, 11, 2)
        );
        assert_eq!(
            deadline(received, 14, Some(FederalState::BY)),
            day(2027, 11, 2)
        );
        assert_eq!(
            deadline(received, 14, Some(FederalState::BE)),
            day(2027, 11, 1)
        );
        // Reformation Day (31 October 2028, a Tuesday): Saxony yes, NRW no.
        let received = day(2028, 10, 24);
        assert_eq!(
            deadline(received, 7, Some(FederalState::SN)),
            day(2028, 11, 1)
        );
        assert_eq!(
            deadline(received, 7, Some(FederalState::NW)),
            day(2028, 10, 31)
        );
        // International Women's Day (8 March 2027, Monday) only in Berlin and MV.
        let received = day(2027, 3, 1);
        assert_eq!(
            deadline(received, 7, Some(FederalState::BE)),
            day(2027, 3, 9)
        );
        assert_eq!(
            deadline(received, 7, Some(FederalState::HE)),
            day(2027, 3, 8)
        );
    }

    #[test]
    fn nationwide_holidays_count_without_a_federal_state_and_chain_with_weekends() {
        // Christmas 2026: Friday 25th and Saturday 26th are holidays, Sunday 27th too → Monday 28th.
        assert_eq!(deadline(day(2026, 12, 18), 7, None), day(2026, 12, 28));
        // Good Friday 2027 is 26 March; Easter Monday 29 March → Tuesday 30 March.
        assert_eq!(deadline(day(2027, 3, 19), 7, None), day(2027, 3, 30));
        // German Unity Day, Saturday 3 October 2026 → Monday 5 October.
        assert_eq!(deadline(day(2026, 9, 26), 7, None), day(2026, 10, 5));
        // A state-only holiday does not count without a state: Corpus Christi 2027 (27 May, Thursday).
        assert_eq!(deadline(day(2027, 5, 20), 7, None), day(2027, 5, 27));
    }

    #[test]
    fn silence_approves_from_the_day_after_the_last_day_and_not_on_it() {
        let last = day(2026, 11, 24);
        assert!(!deemed_approved(last, day(2026, 11, 23)));
        assert!(
            !deemed_approved(last, last),
            "the whole last day still counts"
        );
        assert!(deemed_approved(last, day(2026, 11, 25)));
    }

    #[test]
    fn an_extension_runs_from_the_end_of_the_deadline() {
        let last = deadline(day(2026, 11, 10), 14, None);
        assert_eq!(extend(last, 14, None), day(2026, 12, 8));
    }

    #[test]
    fn procedures_carry_the_law_s_defaults_and_refuse_nonsense_parameters() {
        assert_eq!(
            ProcedureKind::MavEkd.with_defaults(5),
            Procedure::MavEkd {
                deadline_days: 14,
                extension_days: 14
            }
        );
        assert_eq!(
            ProcedureKind::MavMavo.with_defaults(5),
            Procedure::MavMavo {
                deadline_days: 7,
                extension_days: 14
            }
        );
        assert_eq!(
            ProcedureKind::WorksCouncil.with_defaults(9),
            Procedure::WorksCouncil { seats: 9 }
        );
        assert!(Procedure::WorksCouncil { seats: 0 }.check().is_err());
        assert!(Procedure::MavEkd {
            deadline_days: 140,
            extension_days: 14
        }
        .check()
        .is_err());
        for kind in ProcedureKind::ALL {
            assert_eq!(ProcedureKind::parse(kind.as_str()), Ok(kind));
            assert!(!kind.with_defaults(3).legal_basis_de().is_empty());
        }
        assert!(Procedure::WorksCouncil { seats: 9 }
            .legal_basis_de()
            .contains("mindestens 5"));
        assert!(ProcedureKind::MavEkd
            .with_defaults(1)
            .legal_basis_de()
            .contains("zwei Wochen"));
    }

    #[test]
    fn federal_states_are_read_from_their_abbreviation() {
        assert_eq!(FederalState::parse("nw"), Ok(FederalState::NW));
        assert_eq!(FederalState::parse(" BY "), Ok(FederalState::BY));
        assert!(FederalState::parse("XX").is_err());
        assert_eq!(FederalState::TH.name_de(), "Thüringen");
    }
}
