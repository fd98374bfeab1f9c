//! Who may do what in a guideline process: one table of rules, decided from the person's
//! relation to the process and the process's current step.

use crate::domain::process::Step;
use serde::{Deserialize, Serialize};

/// What the signed-in person is in relation to one process.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProcessRoles {
    /// Holds the organisation-wide coordinator role.
    pub coordinator: bool,
    /// Is a member of this process's project group.
    pub group_member: bool,
}

/// The facts about the process that the rules depend on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ProcessFacts {
    /// The current step.
    pub step: Step,
    /// Whether staff may see the contributions of others.
    pub contributions_visible: bool,
}

/// Something one can do in a process.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ProcessAction {
    /// Read the process page, published versions and diffs.
    View,
    /// Change title, description and settings.
    ChangeSettings,
    /// Appoint or remove project-group members.
    AppointGroup,
    /// Move the process to the next step.
    AdvanceStep,
    /// Move the process back to an earlier step (with a reason).
    StepBack,
    /// Submit an own contribution (step 1 only).
    SubmitContribution,
    /// See the contributions of others (authors only where not anonymous).
    ViewOthersContributions,
    /// See all contributions with filters, tag and cluster them, link them to sections.
    ManageContributions,
    /// Enter the results of an on-site workshop on behalf of a team.
    EnterWorkshopResults,
    /// Edit the working draft.
    EditDraft,
    /// Publish the working draft as a new version.
    PublishVersion,
    /// Open a discourse round on the latest version (step 3 only).
    OpenRound,
    /// Change a round's deadline or end it early (step 3 only).
    ChangeRound,
    /// Comment, reply and support in a round (the round's audience is checked separately).
    Comment,
    /// Hide comments that break the rules, with a reason.
    Moderate,
    /// Give comments a disposition and link them to changes in a later version.
    Decide,
    /// Close a round once every comment has a disposition.
    CloseRound,
    /// Add approving bodies and their members.
    ConfigureBodies,
    /// Propose the latest published version for adoption (freezes it; step 3 only).
    ProposeAdoption,
    /// Record a body's decision (step 4; and only as a member of that body:
    /// [`check_body_member`]).
    RecordDecision,
    /// Send a rejected version back to discourse or draft (step 4).
    ReturnVersion,
    /// Write the plain-language summary of the guideline (step 4).
    WriteSummary,
    /// Confirm having read the adopted guideline.
    Acknowledge,
    /// See how many people acknowledged the adopted guideline.
    ViewAcknowledgements,
    /// Report experiences and reply in the dialogue space (the service checks adoption).
    ReportExperience,
    /// Hide experience reports that break the rules, with a reason. The project group or a
    /// coordinator: in the trial the project group may have finished its work.
    ModerateDialogue,
    /// Start a review of the adopted guideline or change its review date.
    ManageReview,
    /// Mark sections as subject to co-determination (project group, any step).
    MarkCodetermination,
}

/// Why an action is refused; the text is shown to the user.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    /// The person's role does not allow it.
    #[error("Sie haben keine Berechtigung für diese Aktion.")]
    NotAllowed,
    /// Allowed for the person, but not in the current step.
    #[error("Das ist im aktuellen Schritt „{}“ nicht möglich.", .0.label_de())]
    WrongStep(Step),
}

/// Decides whether someone with `roles` may do `action` in a process with `facts`.
/// Every signed-in person is at least staff; callers check sign-in first.
pub fn check(
    roles: ProcessRoles,
    action: ProcessAction,
    facts: ProcessFacts,
) -> Result<(), Refusal> {
    use ProcessAction::*;
    let group_or_coordinator = roles.group_member || roles.coordinator;
    let allowed = match action {
        View | SubmitContribution | Comment | RecordDecision | Acknowledge | ReportExperience => {
            true
        }
        ChangeSettings | AppointGroup | ConfigureBodies | ViewAcknowledgements | ManageReview => {
            roles.coordinator
        }
        AdvanceStep | StepBack | ManageContributions | EnterWorkshopResults => group_or_coordinator,
        ModerateDialogue => group_or_coordinator,
        ViewOthersContributions => facts.contributions_visible || group_or_coordinator,
        EditDraft | PublishVersion | OpenRound | ChangeRound | Moderate | Decide | CloseRound
        | ProposeAdoption | ReturnVersion | WriteSummary | MarkCodetermination => {
            roles.group_member
        }
    };
    if !allowed {
        return Err(Refusal::NotAllowed);
    }
    let step_ok = match action {
        SubmitContribution => facts.step == Step::Collect,
        EnterWorkshopResults => matches!(facts.step, Step::Collect | Step::Draft),
        // The version proposed for adoption is frozen; new versions come from drafting and
        // from merging discourse rounds.
        EditDraft => facts.step != Step::Adoption,
        PublishVersion => matches!(facts.step, Step::Draft | Step::Discourse),
        OpenRound | ChangeRound | Comment | ProposeAdoption => facts.step == Step::Discourse,
        RecordDecision | ReturnVersion => facts.step == Step::Adoption,
        // The summary is not part of the hashed text: it can be refined while the adopted
        // guideline is in force (step 5), but not while a new revision is under way.
        WriteSummary => matches!(facts.step, Step::Adoption | Step::Review),
        _ => true,
    };
    if step_ok {
        Ok(())
    } else {
        Err(Refusal::WrongStep(facts.step))
    }
}

/// Acting for an approving body — recording its decision, confirming, voting, answering,
/// signing — is for its members only. Whether the step allows the action is [`check`]'s part
/// ([`ProcessAction::RecordDecision`]); this is the second half of that permission.
pub fn check_body_member(is_member: bool) -> Result<(), Refusal> {
    if is_member {
        Ok(())
    } else {
        Err(Refusal::NotAllowed)
    }
}

#[cfg(test)]
mod tests {
    use super::ProcessAction::*;
    use super::*;

    const STAFF: ProcessRoles = ProcessRoles {
        coordinator: false,
        group_member: false,
    };
    const GROUP: ProcessRoles = ProcessRoles {
        coordinator: false,
        group_member: true,
    };
    const COORDINATOR: ProcessRoles = ProcessRoles {
        coordinator: true,
        group_member: false,
    };

    fn facts(step: Step) -> ProcessFacts {
        ProcessFacts {
            step,
            contributions_visible: true,
        }
    }

    #[test]
    fn staff_may_contribute_only_while_collecting() {
        assert_eq!(
            check(STAFF, SubmitContribution, facts(Step::Collect)),
            Ok(())
        );
        assert_eq!(
            check(STAFF, SubmitContribution, facts(Step::Draft)),
            Err(Refusal::WrongStep(Step::Draft))
        );
    }

    #[test]
    fn only_the_project_group_opens_rounds_and_only_in_discourse() {
        assert_eq!(check(GROUP, OpenRound, facts(Step::Discourse)), Ok(()));
        assert_eq!(
            check(STAFF, OpenRound, facts(Step::Discourse)),
            Err(Refusal::NotAllowed)
        );
        assert_eq!(
            check(COORDINATOR, OpenRound, facts(Step::Discourse)),
            Err(Refusal::NotAllowed)
        );
        assert_eq!(
            check(GROUP, OpenRound, facts(Step::Draft)),
            Err(Refusal::WrongStep(Step::Draft))
        );
    }

    #[test]
    fn only_the_project_group_changes_a_rounds_deadline_and_only_in_discourse() {
        assert_eq!(check(GROUP, ChangeRound, facts(Step::Discourse)), Ok(()));
        for roles in [STAFF, COORDINATOR] {
            assert_eq!(
                check(roles, ChangeRound, facts(Step::Discourse)),
                Err(Refusal::NotAllowed)
            );
        }
        assert_eq!(
            check(GROUP, ChangeRound, facts(Step::Draft)),
            Err(Refusal::WrongStep(Step::Draft))
        );
    }

    #[test]
    fn everyone_signed_in_may_comment_but_only_in_discourse() {
        for roles in [STAFF, GROUP, COORDINATOR] {
            assert_eq!(check(roles, Comment, facts(Step::Discourse)), Ok(()));
        }
        assert_eq!(
            check(STAFF, Comment, facts(Step::Adoption)),
            Err(Refusal::WrongStep(Step::Adoption))
        );
    }

    #[test]
    fn only_coordinators_configure_bodies_and_see_acknowledgements() {
        for action in [ConfigureBodies, ViewAcknowledgements] {
            assert_eq!(check(COORDINATOR, action, facts(Step::Adoption)), Ok(()));
            assert_eq!(
                check(GROUP, action, facts(Step::Adoption)),
                Err(Refusal::NotAllowed)
            );
            assert_eq!(
                check(STAFF, action, facts(Step::Adoption)),
                Err(Refusal::NotAllowed)
            );
        }
    }

    #[test]
    fn the_project_group_proposes_in_discourse_and_returns_or_summarises_in_adoption() {
        assert_eq!(
            check(GROUP, ProposeAdoption, facts(Step::Discourse)),
            Ok(())
        );
        assert_eq!(
            check(GROUP, ProposeAdoption, facts(Step::Draft)),
            Err(Refusal::WrongStep(Step::Draft))
        );
        assert_eq!(
            check(COORDINATOR, ProposeAdoption, facts(Step::Discourse)),
            Err(Refusal::NotAllowed)
        );
        for action in [ReturnVersion, WriteSummary] {
            assert_eq!(check(GROUP, action, facts(Step::Adoption)), Ok(()));
            assert_eq!(
                check(STAFF, action, facts(Step::Adoption)),
                Err(Refusal::NotAllowed)
            );
            assert_eq!(
                check(GROUP, action, facts(Step::Discourse)),
                Err(Refusal::WrongStep(Step::Discourse))
            );
        }
    }

    #[test]
    fn the_summary_can_be_refined_while_the_guideline_is_in_force() {
        assert_eq!(check(GROUP, WriteSummary, facts(Step::Review)), Ok(()));
        assert_eq!(
            check(GROUP, ReturnVersion, facts(Step::Review)),
            Err(Refusal::WrongStep(Step::Review))
        );
    }

    #[test]
    fn only_coordinators_manage_reviews_and_everyone_reports_experiences() {
        for step in Step::ALL {
            assert_eq!(check(COORDINATOR, ManageReview, facts(step)), Ok(()));
            assert_eq!(
                check(GROUP, ManageReview, facts(step)),
                Err(Refusal::NotAllowed)
            );
            assert_eq!(
                check(STAFF, ManageReview, facts(step)),
                Err(Refusal::NotAllowed)
            );
            assert_eq!(check(STAFF, ReportExperience, facts(step)), Ok(()));
        }
    }

    #[test]
    fn decisions_are_recorded_only_in_adoption_and_membership_is_checked_later() {
        assert_eq!(check(STAFF, RecordDecision, facts(Step::Adoption)), Ok(()));
        assert_eq!(
            check(STAFF, RecordDecision, facts(Step::Discourse)),
            Err(Refusal::WrongStep(Step::Discourse))
        );
        assert_eq!(check(STAFF, Acknowledge, facts(Step::Review)), Ok(()));
    }

    #[test]
    fn the_group_or_a_coordinator_hides_experience_reports_in_any_step() {
        for step in Step::ALL {
            assert_eq!(check(GROUP, ModerateDialogue, facts(step)), Ok(()));
            assert_eq!(check(COORDINATOR, ModerateDialogue, facts(step)), Ok(()));
            assert_eq!(
                check(STAFF, ModerateDialogue, facts(step)),
                Err(Refusal::NotAllowed)
            );
        }
    }

    #[test]
    fn only_the_project_group_hides_comments() {
        assert_eq!(check(GROUP, Moderate, facts(Step::Discourse)), Ok(()));
        assert_eq!(check(GROUP, Moderate, facts(Step::Adoption)), Ok(()));
        assert_eq!(
            check(STAFF, Moderate, facts(Step::Discourse)),
            Err(Refusal::NotAllowed)
        );
        assert_eq!(
            check(COORDINATOR, Moderate, facts(Step::Discourse)),
            Err(Refusal::NotAllowed)
        );
    }

    #[test]
    fn only_the_project_group_answers_comments_and_closes_rounds() {
        for action in [Decide, CloseRound] {
            assert_eq!(check(GROUP, action, facts(Step::Discourse)), Ok(()));
            // The round's own state decides when; a process moved on may still close its round.
            assert_eq!(check(GROUP, action, facts(Step::Adoption)), Ok(()));
            assert_eq!(
                check(STAFF, action, facts(Step::Discourse)),
                Err(Refusal::NotAllowed)
            );
            assert_eq!(
                check(COORDINATOR, action, facts(Step::Discourse)),
                Err(Refusal::NotAllowed)
            );
        }
    }

    #[test]
    fn versions_are_published_only_while_drafting_or_in_discourse() {
        assert_eq!(check(GROUP, PublishVersion, facts(Step::Discourse)), Ok(()));
        assert_eq!(
            check(GROUP, PublishVersion, facts(Step::Collect)),
            Err(Refusal::WrongStep(Step::Collect))
        );
        assert_eq!(
            check(GROUP, PublishVersion, facts(Step::Adoption)),
            Err(Refusal::WrongStep(Step::Adoption))
        );
        assert_eq!(
            check(GROUP, EditDraft, facts(Step::Adoption)),
            Err(Refusal::WrongStep(Step::Adoption))
        );
        assert_eq!(check(GROUP, EditDraft, facts(Step::Collect)), Ok(()));
    }

    #[test]
    fn only_the_project_group_edits_and_publishes_drafts() {
        for action in [EditDraft, PublishVersion] {
            assert_eq!(check(GROUP, action, facts(Step::Draft)), Ok(()));
            assert_eq!(
                check(STAFF, action, facts(Step::Draft)),
                Err(Refusal::NotAllowed)
            );
            assert_eq!(
                check(COORDINATOR, action, facts(Step::Draft)),
                Err(Refusal::NotAllowed)
            );
        }
    }

    #[test]
    fn only_coordinators_appoint_the_group_and_change_settings() {
        for action in [AppointGroup, ChangeSettings] {
            assert_eq!(check(COORDINATOR, action, facts(Step::Collect)), Ok(()));
            assert_eq!(
                check(GROUP, action, facts(Step::Collect)),
                Err(Refusal::NotAllowed)
            );
            assert_eq!(
                check(STAFF, action, facts(Step::Collect)),
                Err(Refusal::NotAllowed)
            );
        }
    }

    #[test]
    fn staff_see_others_contributions_only_when_enabled() {
        let hidden = ProcessFacts {
            step: Step::Collect,
            contributions_visible: false,
        };
        assert_eq!(
            check(STAFF, ViewOthersContributions, facts(Step::Collect)),
            Ok(())
        );
        assert_eq!(
            check(STAFF, ViewOthersContributions, hidden),
            Err(Refusal::NotAllowed)
        );
        assert_eq!(check(GROUP, ViewOthersContributions, hidden), Ok(()));
    }

    #[test]
    fn staff_cannot_manage_contributions_or_change_steps() {
        for action in [
            ManageContributions,
            EnterWorkshopResults,
            AdvanceStep,
            StepBack,
        ] {
            assert_eq!(
                check(STAFF, action, facts(Step::Collect)),
                Err(Refusal::NotAllowed)
            );
            assert_eq!(check(GROUP, action, facts(Step::Collect)), Ok(()));
        }
    }

    #[test]
    fn workshop_results_can_be_entered_while_collecting_and_drafting() {
        assert_eq!(
            check(GROUP, EnterWorkshopResults, facts(Step::Draft)),
            Ok(())
        );
        assert_eq!(
            check(GROUP, EnterWorkshopResults, facts(Step::Discourse)),
            Err(Refusal::WrongStep(Step::Discourse))
        );
    }

    #[test]
    fn everyone_signed_in_may_view_a_process() {
        for roles in [STAFF, GROUP, COORDINATOR] {
            assert_eq!(check(roles, View, facts(Step::Review)), Ok(()));
        }
    }

    #[test]
    fn only_members_of_a_body_act_for_it() {
        assert_eq!(check_body_member(true), Ok(()));
        assert_eq!(check_body_member(false), Err(Refusal::NotAllowed));
    }
}
