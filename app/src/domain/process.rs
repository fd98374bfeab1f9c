//! The five steps of a guideline process and which step may follow which.
//!
//! A process moves forward one step at a time: collect → draft → discourse → adoption → review.
//! It may go back any number of steps, but only with a reason, because going back discards
//! work people have done and the audit log must say why. Review is the last step: from there a
//! new revision starts again at discourse or at collect.

use thiserror::Error;

/// The most characters a reason for going back may have (after trimming).
pub const MAX_REASON_CHARS: usize = 1_000;

/// A step of the guideline process. New columns store it typed (`DeriveActiveEnum`, server
/// only) with the values of [`Step::as_str`].
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[cfg_attr(
    feature = "ssr",
    derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum),
    sea_orm(
        rs_type = "String",
        db_type = "String(sea_orm::sea_query::StringLen::N(16))"
    )
)]
pub enum Step {
    /// Collect experiences, expectations and concerns.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "collect"))]
    Collect,
    /// The project group writes the draft.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "draft"))]
    Draft,
    /// Discourse rounds on published versions.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "discourse"))]
    Discourse,
    /// Formal adoption by the bodies, then trial use.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "adoption"))]
    Adoption,
    /// Periodic or triggered review of the adopted guideline.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "review"))]
    Review,
}

impl Step {
    /// All steps in process order.
    pub const ALL: [Step; 5] = [
        Step::Collect,
        Step::Draft,
        Step::Discourse,
        Step::Adoption,
        Step::Review,
    ];

    /// Short German label, e.g. for the step indicator.
    pub fn label_de(self) -> &'static str {
        match self {
            Self::Collect => "Sammeln",
            Self::Draft => "Entwurf",
            Self::Discourse => "Diskurs",
            Self::Adoption => "Verabschiedung",
            Self::Review => "Überprüfung",
        }
    }

    /// Full German title of the step, as in the process description.
    pub fn title_de(self) -> &'static str {
        match self {
            Self::Collect => "Erfahrungen, Erwartungen und Bedenken sammeln",
            Self::Draft => "Entwurf durch die Projektgruppe",
            Self::Discourse => "Ernsthafter Diskurs",
            Self::Adoption => "Verabschiedung und Ausprobieren",
            Self::Review => "Überprüfung",
        }
    }

    /// Short English label for the second locale.
    pub fn label_en(self) -> &'static str {
        match self {
            Self::Collect => "Collect",
            Self::Draft => "Draft",
            Self::Discourse => "Discourse",
            Self::Adoption => "Adoption",
            Self::Review => "Review",
        }
    }

    /// The value stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Collect => "collect",
            Self::Draft => "draft",
            Self::Discourse => "discourse",
            Self::Adoption => "adoption",
            Self::Review => "review",
        }
    }

    /// Reads a value stored by [`Step::as_str`].
    pub fn parse(value: &str) -> Result<Self, UnknownStep> {
        Self::ALL
            .into_iter()
            .find(|step| step.as_str() == value)
            .ok_or_else(|| UnknownStep(value.to_owned()))
    }

    /// Position in the process, 1 to 5.
    pub fn number(self) -> u8 {
        match self {
            Self::Collect => 1,
            Self::Draft => 2,
            Self::Discourse => 3,
            Self::Adoption => 4,
            Self::Review => 5,
        }
    }

    /// The step that follows, if any.
    pub fn next(self) -> Option<Self> {
        match self {
            Self::Collect => Some(Self::Draft),
            Self::Draft => Some(Self::Discourse),
            Self::Discourse => Some(Self::Adoption),
            Self::Adoption => Some(Self::Review),
            Self::Review => None,
        }
    }
}

/// A stored step value that is not one of the five steps.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("Unbekannter Prozessschritt „{0}“.")]
pub struct UnknownStep(pub String);

/// A checked reason for going back: trimmed, not empty, at most [`MAX_REASON_CHARS`] characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TransitionReason(String);

impl TransitionReason {
    /// Trims and checks a reason entered by a user.
    pub fn parse(reason: &str) -> Result<Self, TransitionError> {
        let trimmed = reason.trim();
        if trimmed.is_empty() {
            return Err(TransitionError::ReasonMissing);
        }
        let chars = trimmed.chars().count();
        if chars > MAX_REASON_CHARS {
            return Err(TransitionError::ReasonTooLong {
                chars,
                max: MAX_REASON_CHARS,
            });
        }
        Ok(Self(trimmed.to_owned()))
    }

    /// The reason text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The reason text, owned.
    pub fn into_inner(self) -> String {
        self.0
    }
}

/// An allowed change of step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TransitionKind {
    /// To the next step.
    Forward,
    /// Back to an earlier step, with the reason.
    Back(TransitionReason),
    /// From review to discourse or collect: a new revision of the adopted guideline.
    NewRevision(TransitionReason),
}

/// Why a change of step is not allowed. The texts are shown to users.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum TransitionError {
    /// The process already is in that step.
    #[error("Der Prozess ist bereits im Schritt „{}“.", .0.label_de())]
    SameStep(Step),
    /// Forward moves must not skip a step.
    #[error(
        "Von „{}“ geht es nur zum nächsten Schritt „{}“, nicht direkt zu „{}“.",
        .from.label_de(),
        .next.label_de(),
        .to.label_de()
    )]
    SkipsAhead {
        /// Current step.
        from: Step,
        /// The step that would be allowed.
        next: Step,
        /// The step asked for.
        to: Step,
    },
    /// From review only discourse or collect can be reopened.
    #[error(
        "Nach der Überprüfung beginnt eine neue Überarbeitung im Diskurs oder beim Sammeln, nicht im Schritt „{}“.",
        .0.label_de()
    )]
    ReviewReopensOnlyDiscourseOrCollect(Step),
    /// Going back needs a reason.
    #[error("Bitte begründen Sie, warum der Prozess einen Schritt zurückgeht.")]
    ReasonMissing,
    /// The reason is too long.
    #[error("Die Begründung ist zu lang ({} Zeichen, höchstens {}).", crate::domain::german::number_u(*.chars), crate::domain::german::number_u(*.max))]
    ReasonTooLong {
        /// Characters entered (after trimming).
        chars: usize,
        /// The limit.
        max: usize,
    },
}

/// Checks whether a process may move from `from` to `to`.
///
/// Forward moves go to the next step only and need no reason (one given is ignored). Backward
/// moves need a non-empty reason of at most [`MAX_REASON_CHARS`] characters. From
/// [`Step::Review`] only [`Step::Discourse`] and [`Step::Collect`] can be reopened.
pub fn check_transition(
    from: Step,
    to: Step,
    reason: Option<&str>,
) -> Result<TransitionKind, TransitionError> {
    if from == to {
        return Err(TransitionError::SameStep(from));
    }
    if to > from {
        return match from.next() {
            Some(next) if next == to => Ok(TransitionKind::Forward),
            Some(next) => Err(TransitionError::SkipsAhead { from, next, to }),
            // Unreachable: nothing is after Review, so `to > from` cannot hold there.
            None => Err(TransitionError::SameStep(from)),
        };
    }
    if from == Step::Review && !matches!(to, Step::Discourse | Step::Collect) {
        return Err(TransitionError::ReviewReopensOnlyDiscourseOrCollect(to));
    }
    let reason = TransitionReason::parse(reason.unwrap_or_default())?;
    Ok(match from {
        Step::Review => TransitionKind::NewRevision(reason),
        _ => TransitionKind::Back(reason),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use Step::{Adoption, Collect, Discourse, Draft, Review};

    fn reason(text: &str) -> TransitionReason {
        TransitionReason::parse(text).expect("valid reason")
    }

    #[test]
    fn each_step_may_move_forward_to_the_next_one() {
        for (from, to) in [
            (Collect, Draft),
            (Draft, Discourse),
            (Discourse, Adoption),
            (Adoption, Review),
        ] {
            assert_eq!(
                check_transition(from, to, None),
                Ok(TransitionKind::Forward),
                "{from:?}"
            );
        }
    }

    #[test]
    fn a_reason_given_for_a_forward_move_is_not_required_and_ignored() {
        assert_eq!(
            check_transition(Collect, Draft, Some("")),
            Ok(TransitionKind::Forward)
        );
        assert_eq!(
            check_transition(Collect, Draft, Some("weil")),
            Ok(TransitionKind::Forward)
        );
    }

    #[test]
    fn skipping_ahead_is_refused() {
        assert_eq!(
            check_transition(Collect, Discourse, None),
            Err(TransitionError::SkipsAhead {
                from: Collect,
                next: Draft,
                to: Discourse
            })
        );
        assert_eq!(
            check_transition(Draft, Review, Some("Abkürzung")),
            Err(TransitionError::SkipsAhead {
                from: Draft,
                next: Discourse,
                to: Review
            })
        );
        assert!(check_transition(Collect, Review, None).is_err());
        assert!(check_transition(Discourse, Review, None).is_err());
    }

    #[test]
    fn staying_in_the_same_step_is_refused() {
        for step in Step::ALL {
            assert_eq!(
                check_transition(step, step, Some("x")),
                Err(TransitionError::SameStep(step))
            );
        }
    }

    #[test]
    fn going_back_any_number_of_steps_works_with_a_reason() {
        let pairs = [
            (Draft, Collect),
            (Discourse, Draft),
            (Discourse, Collect),
            (Adoption, Discourse),
            (Adoption, Draft),
            (Adoption, Collect),
        ];
        for (from, to) in pairs {
            assert_eq!(
                check_transition(from, to, Some("  Der Betriebsrat hat abgelehnt. ")),
                Ok(TransitionKind::Back(reason(
                    "Der Betriebsrat hat abgelehnt."
                ))),
                "{from:?} → {to:?}"
            );
        }
    }

    #[test]
    fn going_back_without_a_reason_is_refused() {
        for r in [None, Some(""), Some("   \n\t ")] {
            assert_eq!(
                check_transition(Discourse, Draft, r),
                Err(TransitionError::ReasonMissing)
            );
        }
    }

    #[test]
    fn a_reason_over_one_thousand_characters_is_refused() {
        let at_limit = "ä".repeat(MAX_REASON_CHARS);
        assert!(check_transition(Adoption, Discourse, Some(&at_limit)).is_ok());
        let padded = format!("   {at_limit}   ");
        assert!(check_transition(Adoption, Discourse, Some(&padded)).is_ok());
        let too_long = "ä".repeat(MAX_REASON_CHARS + 1);
        assert_eq!(
            check_transition(Adoption, Discourse, Some(&too_long)),
            Err(TransitionError::ReasonTooLong {
                chars: 1_001,
                max: 1_000
            })
        );
    }

    #[test]
    fn review_is_the_last_step() {
        assert_eq!(Review.next(), None);
        assert_eq!(Step::ALL.last(), Some(&Review));
    }

    #[test]
    fn review_reopens_discourse_or_collect_as_a_new_revision() {
        for to in [Discourse, Collect] {
            assert_eq!(
                check_transition(Review, to, Some("EU AI Act tritt in Kraft")),
                Ok(TransitionKind::NewRevision(reason(
                    "EU AI Act tritt in Kraft"
                )))
            );
        }
    }

    #[test]
    fn review_cannot_reopen_draft_or_adoption() {
        for to in [Draft, Adoption] {
            assert_eq!(
                check_transition(Review, to, Some("Grund")),
                Err(TransitionError::ReviewReopensOnlyDiscourseOrCollect(to))
            );
        }
    }

    #[test]
    fn a_new_revision_needs_a_reason() {
        assert_eq!(
            check_transition(Review, Collect, None),
            Err(TransitionError::ReasonMissing)
        );
        assert_eq!(
            check_transition(Review, Discourse, Some(" ")),
            Err(TransitionError::ReasonMissing)
        );
    }

    #[test]
    fn every_pair_of_steps_has_exactly_the_expected_outcome() {
        for from in Step::ALL {
            for to in Step::ALL {
                let result = check_transition(from, to, Some("Grund"));
                let expected_ok = if to > from {
                    from.next() == Some(to)
                } else if to < from {
                    from != Review || matches!(to, Discourse | Collect)
                } else {
                    false
                };
                assert_eq!(result.is_ok(), expected_ok, "{from:?} → {to:?}: {result:?}");
            }
        }
    }

    #[test]
    fn steps_round_trip_through_their_database_values() {
        for step in Step::ALL {
            assert_eq!(Step::parse(step.as_str()), Ok(step));
        }
        assert_eq!(Step::parse("Collect"), Err(UnknownStep("Collect".into())));
        assert_eq!(Step::parse(""), Err(UnknownStep(String::new())));
    }

    #[test]
    fn steps_have_labels_and_numbers_in_order() {
        let labels: Vec<&str> = Step::ALL.iter().map(|s| s.label_de()).collect();
        assert_eq!(
            labels,
            [
                "Sammeln",
                "Entwurf",
                "Diskurs",
                "Verabschiedung",
                "Überprüfung"
            ]
        );
        let english: Vec<&str> = Step::ALL.iter().map(|s| s.label_en()).collect();
        assert_eq!(
            english,
            ["Collect", "Draft", "Discourse", "Adoption", "Review"]
        );
        let numbers: Vec<u8> = Step::ALL.iter().map(|s| s.number()).collect();
        assert_eq!(numbers, [1, 2, 3, 4, 5]);
        assert_eq!(
            Collect.title_de(),
            "Erfahrungen, Erwartungen und Bedenken sammeln"
        );
    }

    #[test]
    fn errors_read_as_german_sentences() {
        let skip = check_transition(Collect, Adoption, None).expect_err("skip");
        assert_eq!(
            skip.to_string(),
            "Von „Sammeln“ geht es nur zum nächsten Schritt „Entwurf“, nicht direkt zu „Verabschiedung“."
        );
        assert_eq!(
            TransitionError::SameStep(Draft).to_string(),
            "Der Prozess ist bereits im Schritt „Entwurf“."
        );
        assert_eq!(
            TransitionError::ReasonTooLong {
                chars: 1_200,
                max: 1_000
            }
            .to_string(),
            "Die Begründung ist zu lang (1.200 Zeichen, höchstens 1.000)."
        );
        assert_eq!(
            UnknownStep("x".into()).to_string(),
            "Unbekannter Prozessschritt „x“."
        );
    }
}
