//! Notifications: which events exist, which group (for preferences and unsubscribing) each
//! belongs to, how often a person wants mail of a group, when a digest is due, how failed mails
//! are retried, and the unsubscribe token's format. Plain Rust; the database and SMTP are in
//! `notification::ssr` and the server's mail sender.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

/// The groups a person sets a mail frequency for (and unsubscribes from).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(
    feature = "ssr",
    derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum),
    sea_orm(
        rs_type = "String",
        db_type = "String(sea_orm::sea_query::StringLen::N(20))"
    )
)]
pub enum EventGroup {
    /// Answers, replies and uptake of my own comments, posts and contributions.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "my_texts"))]
    MyTexts,
    /// Rounds opened for me, and the reminder before a round closes.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "rounds"))]
    Rounds,
    /// New versions of a guideline I worked on.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "versions"))]
    Versions,
    /// Proposals, decisions, adoption and the reading reminder.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "adoption"))]
    Adoption,
    /// Review dates coming up or passed.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "reviews"))]
    Reviews,
}

impl EventGroup {
    /// Every group, in the order the preferences page lists them.
    pub const ALL: [EventGroup; 5] = [
        EventGroup::MyTexts,
        EventGroup::Rounds,
        EventGroup::Versions,
        EventGroup::Adoption,
        EventGroup::Reviews,
    ];

    /// The stored and transmitted name.
    pub fn as_str(self) -> &'static str {
        match self {
            EventGroup::MyTexts => "my_texts",
            EventGroup::Rounds => "rounds",
            EventGroup::Versions => "versions",
            EventGroup::Adoption => "adoption",
            EventGroup::Reviews => "reviews",
        }
    }

    /// The group of a stored name.
    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|g| g.as_str() == value.trim())
    }

    /// German name on the preferences page and in mails.
    pub fn label_de(self) -> &'static str {
        match self {
            EventGroup::MyTexts => "Rückmeldungen zu meinen Beiträgen",
            EventGroup::Rounds => "Diskursrunden",
            EventGroup::Versions => "Neue Versionen",
            EventGroup::Adoption => "Verabschiedung und Lesebestätigung",
            EventGroup::Reviews => "Überprüfungstermine",
        }
    }

    /// What the group contains, in a sentence for the preferences page.
    pub fn hint_de(self) -> &'static str {
        match self {
            EventGroup::MyTexts => "Antworten der Projektgruppe auf Ihre Kommentare (mit Begründung), Antworten auf Ihre Kommentare und Erfahrungsberichte, Ihre Beiträge im Entwurf.",
            EventGroup::Rounds => "Eine Diskursrunde wird für Sie eröffnet, ihre Frist ändert sich oder sie endet vorzeitig; Erinnerung drei Tage vor dem Ende, wenn Sie noch nicht kommentiert haben.",
            EventGroup::Versions => "Eine neue Version einer Leitlinie, an der Sie mitgearbeitet oder die Sie kommentiert haben.",
            EventGroup::Adoption => "Vorschläge zur Verabschiedung für Ihr Gremium, Entscheidungen der Gremien, verabschiedete Leitlinien und die Erinnerung zum Lesen.",
            EventGroup::Reviews => "Eine Überprüfung steht in 30 Tagen an oder ist überfällig.",
        }
    }

    /// The frequency used until the person chooses one: answers to one's own texts and new
    /// rounds at once (they ask for a reaction), everything else in the daily digest.
    pub fn default_frequency(self) -> Frequency {
        match self {
            EventGroup::MyTexts | EventGroup::Rounds => Frequency::Immediately,
            _ => Frequency::Daily,
        }
    }
}

/// How often a person gets mail of one group.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(
    feature = "ssr",
    derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum),
    sea_orm(
        rs_type = "String",
        db_type = "String(sea_orm::sea_query::StringLen::N(20))"
    )
)]
pub enum Frequency {
    /// One mail per notification, at once.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "immediately"))]
    Immediately,
    /// Bundled into one mail a day (07:00 German time).
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "daily"))]
    Daily,
    /// Bundled into one mail a week (Monday 07:00 German time).
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "weekly"))]
    Weekly,
    /// No mail (the notification still shows in the inbox of the app).
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "never"))]
    Never,
}

impl Frequency {
    /// Every frequency, in the order of the preferences form.
    pub const ALL: [Frequency; 4] = [
        Frequency::Immediately,
        Frequency::Daily,
        Frequency::Weekly,
        Frequency::Never,
    ];

    /// The form value.
    pub fn as_str(self) -> &'static str {
        match self {
            Frequency::Immediately => "immediately",
            Frequency::Daily => "daily",
            Frequency::Weekly => "weekly",
            Frequency::Never => "never",
        }
    }

    /// The frequency of a form value; anything else is refused in German.
    pub fn parse(value: &str) -> Result<Self, NotificationError> {
        Self::ALL
            .into_iter()
            .find(|f| f.as_str() == value.trim())
            .ok_or(NotificationError::UnknownFrequency)
    }

    /// German label ("sofort", "täglich", …).
    pub fn label_de(self) -> &'static str {
        match self {
            Frequency::Immediately => "sofort",
            Frequency::Daily => "täglich (Zusammenfassung)",
            Frequency::Weekly => "wöchentlich (Zusammenfassung)",
            Frequency::Never => "nie",
        }
    }
}

/// Refused input around notifications.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NotificationError {
    /// A frequency that is not offered.
    #[error("Bitte wählen Sie für jede Art von Benachrichtigung: sofort, täglich, wöchentlich oder nie.")]
    UnknownFrequency,
    /// The unsubscribe link is damaged or was not made by this server.
    #[error("Dieser Abmeldelink ist ungültig. Bitte verwenden Sie den vollständigen Link aus der E-Mail oder ändern Sie Ihre Einstellungen unter „Konto → Benachrichtigungen“.")]
    InvalidToken,
}

/// What happened. Stored as the event's kind; the ids it needs are in [`Event`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(
    feature = "ssr",
    derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum),
    sea_orm(
        rs_type = "String",
        db_type = "String(sea_orm::sea_query::StringLen::N(40))"
    )
)]
pub enum EventKind {
    /// A round was opened (for its audience).
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "round_opened"))]
    RoundOpened,
    /// A round closes in three days (for its audience members who have not commented).
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "round_closing"))]
    RoundClosing,
    /// A round's deadline was changed, or the round ended early or was cancelled (for its
    /// audience).
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "round_changed"))]
    RoundChanged,
    /// The project group answered comments (for their authors).
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "comments_answered"))]
    CommentsAnswered,
    /// Someone replied to a comment (for its author).
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "comment_replied"))]
    CommentReplied,
    /// Someone replied to an experience report (for its author).
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "post_replied"))]
    PostReplied,
    /// A contribution was linked to a draft section (for its author).
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "contribution_taken_up"))]
    ContributionTakenUp,
    /// A version was published (project group, commenters on the previous version).
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "version_published"))]
    VersionPublished,
    /// A version was proposed for adoption (members of the bodies).
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "adoption_proposed"))]
    AdoptionProposed,
    /// A body recorded its decision (project group, coordinators).
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "decision_recorded"))]
    DecisionRecorded,
    /// A guideline was adopted (everyone).
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "guideline_adopted"))]
    GuidelineAdopted,
    /// 14 days after adoption (those who have not confirmed reading).
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "reading_reminder"))]
    ReadingReminder,
    /// The review is due in 30 days (coordinators, project group).
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "review_due"))]
    ReviewDue,
    /// The review date has passed (coordinators, project group).
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "review_overdue"))]
    ReviewOverdue,
}

impl EventKind {
    /// The preference group of the event.
    pub fn group(self) -> EventGroup {
        match self {
            EventKind::RoundOpened | EventKind::RoundClosing | EventKind::RoundChanged => {
                EventGroup::Rounds
            }
            EventKind::CommentsAnswered
            | EventKind::CommentReplied
            | EventKind::PostReplied
            | EventKind::ContributionTakenUp => EventGroup::MyTexts,
            EventKind::VersionPublished => EventGroup::Versions,
            EventKind::AdoptionProposed
            | EventKind::DecisionRecorded
            | EventKind::GuidelineAdopted
            | EventKind::ReadingReminder => EventGroup::Adoption,
            EventKind::ReviewDue | EventKind::ReviewOverdue => EventGroup::Reviews,
        }
    }
}

/// A state change that concerns people, with the ids needed to find them and to describe it.
/// Written in the transaction of the change; expanded to recipients later by the sender.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum Event {
    /// See [`EventKind::RoundOpened`].
    RoundOpened {
        /// The round.
        round_id: i64,
    },
    /// See [`EventKind::RoundClosing`].
    RoundClosing {
        /// The round.
        round_id: i64,
    },
    /// See [`EventKind::RoundChanged`].
    RoundChanged {
        /// The row of the round's change history.
        change_id: i64,
    },
    /// See [`EventKind::CommentsAnswered`]: one event for a bulk answer.
    CommentsAnswered {
        /// The comments answered (all with the same answer).
        comment_ids: Vec<i64>,
    },
    /// See [`EventKind::CommentReplied`].
    CommentReplied {
        /// The reply.
        reply_id: i64,
    },
    /// See [`EventKind::PostReplied`].
    PostReplied {
        /// The reply.
        reply_id: i64,
    },
    /// See [`EventKind::ContributionTakenUp`].
    ContributionTakenUp {
        /// The contribution.
        contribution_id: i64,
        /// The section's anchor in the draft.
        anchor: String,
    },
    /// See [`EventKind::VersionPublished`].
    VersionPublished {
        /// The new version.
        version_id: i64,
    },
    /// See [`EventKind::AdoptionProposed`].
    AdoptionProposed {
        /// The proposal.
        proposal_id: i64,
    },
    /// See [`EventKind::DecisionRecorded`].
    DecisionRecorded {
        /// The decision.
        decision_id: i64,
    },
    /// See [`EventKind::GuidelineAdopted`].
    GuidelineAdopted {
        /// The proposal that was adopted.
        proposal_id: i64,
    },
    /// See [`EventKind::ReadingReminder`].
    ReadingReminder {
        /// The proposal that was adopted.
        proposal_id: i64,
    },
    /// See [`EventKind::ReviewDue`].
    ReviewDue {
        /// The adopted proposal whose review is due.
        proposal_id: i64,
    },
    /// See [`EventKind::ReviewOverdue`].
    ReviewOverdue {
        /// The adopted proposal whose review is overdue.
        proposal_id: i64,
    },
}

impl Event {
    /// The kind of this event.
    pub fn kind(&self) -> EventKind {
        match self {
            Event::RoundOpened { .. } => EventKind::RoundOpened,
            Event::RoundClosing { .. } => EventKind::RoundClosing,
            Event::RoundChanged { .. } => EventKind::RoundChanged,
            Event::CommentsAnswered { .. } => EventKind::CommentsAnswered,
            Event::CommentReplied { .. } => EventKind::CommentReplied,
            Event::PostReplied { .. } => EventKind::PostReplied,
            Event::ContributionTakenUp { .. } => EventKind::ContributionTakenUp,
            Event::VersionPublished { .. } => EventKind::VersionPublished,
            Event::AdoptionProposed { .. } => EventKind::AdoptionProposed,
            Event::DecisionRecorded { .. } => EventKind::DecisionRecorded,
            Event::GuidelineAdopted { .. } => EventKind::GuidelineAdopted,
            Event::ReadingReminder { .. } => EventKind::ReadingReminder,
            Event::ReviewDue { .. } => EventKind::ReviewDue,
            Event::ReviewOverdue { .. } => EventKind::ReviewOverdue,
        }
    }
}

/// Where a notification's mail stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "ssr",
    derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum),
    sea_orm(
        rs_type = "String",
        db_type = "String(sea_orm::sea_query::StringLen::N(20))"
    )
)]
pub enum MailState {
    /// No mail (the person chose "nie").
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "none"))]
    None,
    /// Waits for the person's digest.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "waiting"))]
    Waiting,
    /// A mail carrying it is in the outbox (or sent).
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "queued"))]
    Queued,
}

/// Where a mail of the outbox stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "ssr",
    derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum),
    sea_orm(
        rs_type = "String",
        db_type = "String(sea_orm::sea_query::StringLen::N(20))"
    )
)]
pub enum MailStatus {
    /// Waiting to be sent (again).
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "pending"))]
    Pending,
    /// Claimed by a sender until its lease ends.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "sending"))]
    Sending,
    /// Accepted by the mail server (or written to a file).
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "sent"))]
    Sent,
    /// Given up after [`MAX_ATTEMPTS`] tries.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "failed"))]
    Failed,
}

impl MailStatus {
    /// German label for the coordinators' list.
    pub fn label_de(self) -> &'static str {
        match self {
            MailStatus::Pending => "wartet",
            MailStatus::Sending => "wird gesendet",
            MailStatus::Sent => "gesendet",
            MailStatus::Failed => "fehlgeschlagen",
        }
    }
}

/// What a mail is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "ssr",
    derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum),
    sea_orm(
        rs_type = "String",
        db_type = "String(sea_orm::sea_query::StringLen::N(20))"
    )
)]
pub enum MailKind {
    /// One notification, sent at once.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "notification"))]
    Notification,
    /// The daily or weekly bundle.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "digest"))]
    Digest,
    /// An invitation link.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "invitation"))]
    Invitation,
    /// A password-reset link.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "password_reset"))]
    PasswordReset,
}

impl MailKind {
    /// German label for the coordinators' list.
    pub fn label_de(self) -> &'static str {
        match self {
            MailKind::Notification => "Benachrichtigung",
            MailKind::Digest => "Zusammenfassung",
            MailKind::Invitation => "Einladung",
            MailKind::PasswordReset => "Passwort zurücksetzen",
        }
    }
}

/// Tries before a mail is marked failed.
pub const MAX_ATTEMPTS: i32 = 8;

/// The wait before try `attempts + 1` after `attempts` failed tries: `base`, doubled each time,
/// at most one hour (with a base of 30 s: 30 s, 1 min, 2 min, … 32 min, 1 h).
pub fn retry_delay(attempts: i32, base: Duration) -> Duration {
    let doublings = attempts.saturating_sub(1).clamp(0, 16) as u32;
    let delay = base * 2_i32.saturating_pow(doublings);
    delay.min(Duration::hours(1))
}

/// Whether a mail that failed its `attempts`-th try is given up.
pub fn gives_up(attempts: i32) -> bool {
    attempts >= MAX_ATTEMPTS
}

/// A text made safe for a mail header: control characters (CR and LF above all, which would
/// start a new header) become spaces, runs of white space collapse, and it is cut to `max`
/// characters.
pub fn header_safe(text: &str, max: usize) -> String {
    let cleaned: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let collapsed = cleaned.split_whitespace().collect::<Vec<_>>().join(" ");
    if collapsed.chars().count() <= max {
        collapsed
    } else {
        let mut cut: String = collapsed.chars().take(max.saturating_sub(1)).collect();
        cut.push('…');
        cut
    }
}

/// The first `max` characters of a text on one line (for the inbox and mail subjects).
pub fn excerpt(text: &str, max: usize) -> String {
    header_safe(text, max)
}

/// The groups an unsubscribe token covers, in its text form: group names joined by `+`.
fn groups_text(groups: &[EventGroup]) -> String {
    groups
        .iter()
        .map(|g| g.as_str())
        .collect::<Vec<_>>()
        .join("+")
}

/// What an unsubscribe link says: whose mail of which groups to stop. The link carries it with
/// a MAC (made by the server with its secret) over [`UnsubscribeRequest::signed_text`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnsubscribeRequest {
    /// The account.
    pub user_id: i64,
    /// The groups (one for a single notification, those in it for a digest).
    pub groups: Vec<EventGroup>,
}

impl UnsubscribeRequest {
    /// The text the MAC covers.
    pub fn signed_text(&self) -> String {
        format!(
            "unsubscribe\n{}\n{}",
            self.user_id,
            groups_text(&self.groups)
        )
    }

    /// The token for a link: `<user>.<groups>.<mac>`, URL-safe.
    pub fn token(&self, mac_hex: &str) -> String {
        format!("{}.{}.{}", self.user_id, groups_text(&self.groups), mac_hex)
    }

    /// Splits a token into the request and its MAC (not yet checked).
    pub fn parse(token: &str) -> Result<(Self, String), NotificationError> {
        let mut parts = token.trim().split('.');
        let (Some(user), Some(groups), Some(mac), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(NotificationError::InvalidToken);
        };
        let user_id = user
            .parse::<i64>()
            .map_err(|_| NotificationError::InvalidToken)?;
        let groups = groups
            .split('+')
            .map(|g| EventGroup::parse(g).ok_or(NotificationError::InvalidToken))
            .collect::<Result<Vec<_>, _>>()?;
        let hex = mac.len() == 64 && mac.bytes().all(|b| b.is_ascii_hexdigit());
        if groups.is_empty() || !hex {
            return Err(NotificationError::InvalidToken);
        }
        Ok((Self { user_id, groups }, mac.to_ascii_lowercase()))
    }
}

/// Digest timing in German time (server only: needs the time-zone database).
#[cfg(feature = "ssr")]
pub mod schedule {
    use super::Frequency;
    use chrono::{DateTime, Datelike, Duration, NaiveTime, TimeZone, Utc, Weekday};
    use chrono_tz::Europe::Berlin;

    /// The hour (German time) at which digests go out.
    pub const DIGEST_HOUR: u32 = 7;

    /// When a notification created at `created_at` goes out with the person's digest: the next
    /// 07:00 (daily) or the next Monday 07:00 (weekly) German time after it; `None` for
    /// "sofort" and "nie".
    pub fn digest_due_at(frequency: Frequency, created_at: DateTime<Utc>) -> Option<DateTime<Utc>> {
        let local = created_at.with_timezone(&Berlin);
        let at_seven = |date: chrono::NaiveDate| {
            let time = NaiveTime::from_hms_opt(DIGEST_HOUR, 0, 0).unwrap_or(NaiveTime::MIN);
            Berlin
                .from_local_datetime(&date.and_time(time))
                .earliest()
                .map(|t| t.with_timezone(&Utc))
        };
        match frequency {
            Frequency::Immediately | Frequency::Never => None,
            Frequency::Daily => {
                let today = at_seven(local.date_naive())?;
                if today > created_at {
                    Some(today)
                } else {
                    at_seven(local.date_naive() + Duration::days(1))
                }
            }
            Frequency::Weekly => {
                let mut date = local.date_naive();
                loop {
                    if date.weekday() == Weekday::Mon {
                        if let Some(at) = at_seven(date).filter(|at| *at > created_at) {
                            return Some(at);
                        }
                    }
                    date += Duration::days(1);
                }
            }
        }
    }
}

/// How long before a round's deadline the reminder goes out.
pub fn closing_reminder_lead() -> Duration {
    Duration::days(3)
}

/// Whether a round (started at `starts_at`, ending at `deadline`, open now) is due for its
/// reminder: within three days of the end. Rounds shorter than that get none: the mail that
/// opened them said when they end.
pub fn closing_reminder_due(
    starts_at: DateTime<Utc>,
    deadline: DateTime<Utc>,
    now: DateTime<Utc>,
) -> bool {
    let lead = closing_reminder_lead();
    deadline - starts_at > lead && now < deadline && deadline - now <= lead
}

/// Days after adoption before the reading reminder.
pub const READING_REMINDER_DAYS: i64 = 14;
/// Days before the review date when it is announced.
pub const REVIEW_NOTICE_DAYS: i64 = 30;

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn answers_and_rounds_come_at_once_and_the_rest_daily_by_default() {
        assert_eq!(
            EventGroup::MyTexts.default_frequency(),
            Frequency::Immediately
        );
        assert_eq!(
            EventGroup::Rounds.default_frequency(),
            Frequency::Immediately
        );
        for group in [
            EventGroup::Versions,
            EventGroup::Adoption,
            EventGroup::Reviews,
        ] {
            assert_eq!(group.default_frequency(), Frequency::Daily);
        }
    }

    #[test]
    fn every_event_belongs_to_the_group_a_person_would_expect() {
        assert_eq!(EventKind::CommentsAnswered.group(), EventGroup::MyTexts);
        assert_eq!(EventKind::CommentReplied.group(), EventGroup::MyTexts);
        assert_eq!(EventKind::RoundClosing.group(), EventGroup::Rounds);
        assert_eq!(EventKind::RoundChanged.group(), EventGroup::Rounds);
        assert_eq!(EventKind::ReadingReminder.group(), EventGroup::Adoption);
        assert_eq!(EventKind::ReviewOverdue.group(), EventGroup::Reviews);
        assert_eq!(
            Event::CommentsAnswered {
                comment_ids: vec![1]
            }
            .kind(),
            EventKind::CommentsAnswered
        );
    }

    #[test]
    fn an_unknown_frequency_is_refused_in_german() {
        assert_eq!(Frequency::parse("daily"), Ok(Frequency::Daily));
        let err = Frequency::parse("stündlich").unwrap_err();
        assert!(err.to_string().contains("sofort, täglich"));
    }

    #[test]
    fn retries_wait_longer_each_time_up_to_an_hour() {
        let base = Duration::seconds(30);
        assert_eq!(retry_delay(1, base), Duration::seconds(30));
        assert_eq!(retry_delay(2, base), Duration::seconds(60));
        assert_eq!(retry_delay(4, base), Duration::seconds(240));
        assert_eq!(retry_delay(12, base), Duration::hours(1));
        assert!(!gives_up(MAX_ATTEMPTS - 1));
        assert!(gives_up(MAX_ATTEMPTS));
    }

    #[test]
    fn header_text_loses_line_breaks_so_no_header_can_be_injected() {
        assert_eq!(
            header_safe("Petra\r\nBcc: boese@example.org", 100),
            "Petra Bcc: boese@example.org"
        );
        assert_eq!(header_safe("a\u{0}b\tc", 100), "a b c");
        assert_eq!(header_safe("Sehr langer Titel", 6), "Sehr …");
    }

    #[test]
    fn an_unsubscribe_token_round_trips_and_rejects_tampering() {
        let request = UnsubscribeRequest {
            user_id: 42,
            groups: vec![EventGroup::Rounds, EventGroup::Versions],
        };
        let mac = "a".repeat(64);
        let token = request.token(&mac);
        assert_eq!(token, format!("42.rounds+versions.{mac}"));
        assert_eq!(
            UnsubscribeRequest::parse(&token),
            Ok((request.clone(), mac.clone()))
        );
        for bad in [
            "42.rounds".to_owned(),
            format!("x.rounds.{mac}"),
            format!("42.unbekannt.{mac}"),
            "42.rounds.zz".to_owned(),
            format!("42.rounds.{mac}.mehr"),
        ] {
            assert_eq!(
                UnsubscribeRequest::parse(&bad),
                Err(NotificationError::InvalidToken),
                "{bad}"
            );
        }
        assert_ne!(
            request.signed_text(),
            UnsubscribeRequest {
                user_id: 4,
                groups: vec![EventGroup::Rounds]
            }
            .signed_text()
        );
    }

    #[test]
    fn a_round_is_reminded_within_three_days_of_its_end_unless_it_is_shorter() {
        let start = Utc.with_ymd_and_hms(2026, 11, 1, 8, 0, 0).unwrap();
        let deadline = Utc.with_ymd_and_hms(2026, 11, 20, 22, 59, 0).unwrap();
        assert!(!closing_reminder_due(
            start,
            deadline,
            deadline - Duration::days(4)
        ));
        assert!(closing_reminder_due(
            start,
            deadline,
            deadline - Duration::days(2)
        ));
        assert!(!closing_reminder_due(
            start,
            deadline,
            deadline + Duration::hours(1)
        ));
        let short_start = deadline - Duration::days(2);
        assert!(!closing_reminder_due(
            short_start,
            deadline,
            deadline - Duration::days(1)
        ));
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn a_daily_digest_goes_out_at_seven_german_time_the_next_morning() {
        use schedule::digest_due_at;
        // 10:00 German time (CET = UTC+1) on a Tuesday.
        let created = Utc.with_ymd_and_hms(2026, 12, 1, 9, 0, 0).unwrap();
        assert_eq!(
            digest_due_at(Frequency::Daily, created),
            Some(Utc.with_ymd_and_hms(2026, 12, 2, 6, 0, 0).unwrap())
        );
        // 05:00 German time: the same morning.
        let early = Utc.with_ymd_and_hms(2026, 12, 1, 4, 0, 0).unwrap();
        assert_eq!(
            digest_due_at(Frequency::Daily, early),
            Some(Utc.with_ymd_and_hms(2026, 12, 1, 6, 0, 0).unwrap())
        );
        // Summer time (CEST = UTC+2).
        let summer = Utc.with_ymd_and_hms(2026, 7, 1, 12, 0, 0).unwrap();
        assert_eq!(
            digest_due_at(Frequency::Daily, summer),
            Some(Utc.with_ymd_and_hms(2026, 7, 2, 5, 0, 0).unwrap())
        );
        assert_eq!(digest_due_at(Frequency::Immediately, created), None);
        assert_eq!(digest_due_at(Frequency::Never, created), None);
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn a_weekly_digest_goes_out_on_the_next_monday_morning() {
        use schedule::digest_due_at;
        // Tuesday 1 December 2026 → Monday 7 December, 07:00 CET.
        let created = Utc.with_ymd_and_hms(2026, 12, 1, 9, 0, 0).unwrap();
        assert_eq!(
            digest_due_at(Frequency::Weekly, created),
            Some(Utc.with_ymd_and_hms(2026, 12, 7, 6, 0, 0).unwrap())
        );
        // Monday 08:00 → the Monday after.
        let monday = Utc.with_ymd_and_hms(2026, 12, 7, 7, 0, 0).unwrap();
        assert_eq!(
            digest_due_at(Frequency::Weekly, monday),
            Some(Utc.with_ymd_and_hms(2026, 12, 14, 6, 0, 0).unwrap())
        );
    }
}
