//! Review cycles (step 5): when an adopted guideline is due for review, and whether a review
//! may start. The schedule and the triggers themselves are in `domain::adoption`
//! ([`ReviewSchedule`], [`ReviewTrigger`]).

use crate::domain::adoption::ReviewSchedule;
use crate::domain::process::Step;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use thiserror::Error;

/// The dashboard lists reviews due within this many days.
pub const DUE_SOON_DAYS: i64 = 90;

/// Where a review's date stands, as the dashboard sorts it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Urgency {
    /// The date has passed.
    Overdue,
    /// Due within [`DUE_SOON_DAYS`] days (or today).
    DueSoon,
    /// Later.
    Later,
}

impl Urgency {
    /// Classifies a schedule on `today`.
    pub fn of(schedule: &ReviewSchedule, today: NaiveDate) -> Self {
        Self::at(schedule.next_review(), today)
    }

    /// Classifies a stored review date on `today` (the same rule as [`ReviewSchedule`]'s
    /// `is_overdue` / `is_due_soon`: on the date itself the review is due, not overdue).
    pub fn at(next_review: NaiveDate, today: NaiveDate) -> Self {
        let days = (next_review - today).num_days();
        if days < 0 {
            Self::Overdue
        } else if days <= DUE_SOON_DAYS {
            Self::DueSoon
        } else {
            Self::Later
        }
    }

    /// German label for the dashboard.
    pub fn label_de(self) -> &'static str {
        match self {
            Self::Overdue => "überfällig",
            Self::DueSoon => "bald fällig",
            Self::Later => "geplant",
        }
    }
}

/// Where an input a review carried in comes from (`review_inputs.source`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(
    feature = "ssr",
    derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum),
    sea_orm(
        rs_type = "String",
        db_type = "String(sea_orm::sea_query::StringLen::N(32))"
    )
)]
pub enum InputSource {
    /// A need for change from the dialogue space.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "need_for_change"))]
    NeedForChange,
    /// A comment the project group deferred to a later review.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "deferred_comment"))]
    DeferredComment,
}

impl InputSource {
    /// The stored value.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::NeedForChange => "need_for_change",
            Self::DeferredComment => "deferred_comment",
        }
    }

    /// German label for the review page.
    pub fn label_de(self) -> &'static str {
        match self {
            Self::NeedForChange => "Änderungsbedarf",
            Self::DeferredComment => "Zurückgestellter Kommentar",
        }
    }
}

/// Where a review of the adopted guideline may start.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Reentry {
    /// Straight into discourse rounds on the adopted text.
    Discourse,
    /// Back to collecting experiences first.
    Collect,
}

impl Reentry {
    /// Reads the form value (`discourse` or `collect`).
    pub fn parse(value: &str) -> Result<Self, StartError> {
        match value {
            "discourse" => Ok(Self::Discourse),
            "collect" => Ok(Self::Collect),
            _ => Err(StartError::UnknownReentry),
        }
    }

    /// The process step the revision starts in.
    pub fn step(self) -> Step {
        match self {
            Self::Discourse => Step::Discourse,
            Self::Collect => Step::Collect,
        }
    }
}

/// Why a review cannot start (or be rescheduled); the text is shown to the user.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum StartError {
    /// No version adopted yet.
    #[error(
        "Die Leitlinie ist noch nicht verabschiedet; eine Überprüfung ist erst danach möglich."
    )]
    NotAdopted,
    /// A revision is already running.
    #[error("Die Leitlinie wird bereits überprüft (Schritt „{}“).", .0.label_de())]
    AlreadyUnderReview(Step),
    /// Neither discourse nor collect.
    #[error("Bitte wählen Sie, ob die Überprüfung im Diskurs (Schritt 3) oder beim Sammeln (Schritt 1) beginnt.")]
    UnknownReentry,
}

/// Whether a review may start (or its date change): the process must be in step 5 with an
/// adopted guideline in force. In any other step either nothing is adopted yet, or a revision
/// (started by a review or still in its first adoption) is under way.
pub fn check_in_force(step: Step, has_adopted: bool) -> Result<(), StartError> {
    if !has_adopted {
        return Err(StartError::NotAdopted);
    }
    if step != Step::Review {
        return Err(StartError::AlreadyUnderReview(step));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid test date")
    }

    #[test]
    fn the_default_review_is_two_years_after_adoption_and_classified_by_the_date() {
        let s = ReviewSchedule::after_adoption(day(2026, 11, 21));
        assert_eq!(s.next_review(), day(2028, 11, 21));
        assert_eq!(Urgency::of(&s, day(2026, 11, 21)), Urgency::Later);
        assert_eq!(Urgency::of(&s, day(2028, 8, 22)), Urgency::Later);
        assert_eq!(Urgency::of(&s, day(2028, 8, 23)), Urgency::DueSoon);
        assert_eq!(Urgency::of(&s, day(2028, 11, 21)), Urgency::DueSoon);
        assert_eq!(Urgency::of(&s, day(2028, 11, 22)), Urgency::Overdue);
    }

    #[test]
    fn a_stored_date_is_classified_like_its_schedule() {
        let adopted = day(2026, 11, 21);
        let s = ReviewSchedule::after_adoption(adopted);
        let mut today = adopted;
        while today <= day(2029, 1, 1) {
            assert_eq!(
                Urgency::at(s.next_review(), today),
                Urgency::of(&s, today),
                "{today}"
            );
            assert_eq!(
                Urgency::of(&s, today) == Urgency::Overdue,
                s.is_overdue(today)
            );
            today = today.succ_opt().expect("date");
        }
    }

    #[test]
    fn overdue_sorts_before_due_soon_before_later() {
        let mut all = vec![Urgency::Later, Urgency::Overdue, Urgency::DueSoon];
        all.sort();
        assert_eq!(all, [Urgency::Overdue, Urgency::DueSoon, Urgency::Later]);
        assert_eq!(Urgency::Overdue.label_de(), "überfällig");
    }

    #[test]
    fn a_rescheduled_review_keeps_its_adoption_date_and_changes_its_urgency() {
        let today = day(2027, 1, 10);
        let s = ReviewSchedule::after_adoption(day(2026, 11, 21))
            .reschedule(day(2027, 2, 1), today)
            .expect("valid date");
        assert_eq!(s.adopted_on(), day(2026, 11, 21));
        assert_eq!(Urgency::of(&s, today), Urgency::DueSoon);
        assert!(ReviewSchedule::after_adoption(day(2026, 11, 21))
            .reschedule(today, today)
            .is_err());
    }

    #[test]
    fn a_review_reenters_at_discourse_or_collect_only() {
        assert_eq!(
            Reentry::parse("discourse").map(Reentry::step),
            Ok(Step::Discourse)
        );
        assert_eq!(
            Reentry::parse("collect").map(Reentry::step),
            Ok(Step::Collect)
        );
        for bad in ["draft", "adoption", "", "Discourse"] {
            assert_eq!(
                Reentry::parse(bad),
                Err(StartError::UnknownReentry),
                "{bad}"
            );
        }
    }

    #[test]
    fn a_review_starts_only_on_an_adopted_guideline_in_force() {
        assert_eq!(check_in_force(Step::Review, true), Ok(()));
        assert_eq!(
            check_in_force(Step::Review, false),
            Err(StartError::NotAdopted)
        );
        assert_eq!(
            check_in_force(Step::Discourse, false),
            Err(StartError::NotAdopted)
        );
        for step in [Step::Collect, Step::Draft, Step::Discourse, Step::Adoption] {
            assert_eq!(
                check_in_force(step, true),
                Err(StartError::AlreadyUnderReview(step))
            );
        }
        assert_eq!(
            StartError::AlreadyUnderReview(Step::Discourse).to_string(),
            "Die Leitlinie wird bereits überprüft (Schritt „Diskurs“)."
        );
    }
}
