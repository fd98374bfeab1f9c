//! Composition of the project group that writes the draft.
//!
//! The process asks for a mixed group: not only advocates, but also critics and people with
//! little affinity for technology, because resistance in social work is often professionally
//! founded. The platform warns when such voices are missing; it never blocks.

use thiserror::Error;

/// Groups smaller than this get a warning.
pub const MIN_GROUP_SIZE: usize = 3;

/// The perspective a member brings into the project group.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub enum Perspective {
    /// Sees the chances of the technology.
    Advocate,
    /// Questions the technology and its use.
    Critic,
    /// Has little affinity for technology.
    LowTechAffinity,
    /// Member of the works council (Betriebsrat) or staff representation (MAV).
    WorksCouncil,
    /// Data protection.
    DataProtection,
    /// Management.
    Management,
    /// Specialist practice, e.g. care or youth welfare.
    SpecialistPractice,
}

impl Perspective {
    /// All perspectives in display order.
    pub const ALL: [Perspective; 7] = [
        Perspective::Advocate,
        Perspective::Critic,
        Perspective::LowTechAffinity,
        Perspective::WorksCouncil,
        Perspective::DataProtection,
        Perspective::Management,
        Perspective::SpecialistPractice,
    ];

    /// German label for the UI.
    pub fn label_de(self) -> &'static str {
        match self {
            Self::Advocate => "Befürworter:in",
            Self::Critic => "Kritiker:in",
            Self::LowTechAffinity => "wenig technikaffin",
            Self::WorksCouncil => "Betriebsrat/MAV",
            Self::DataProtection => "Datenschutz",
            Self::Management => "Leitung",
            Self::SpecialistPractice => "Fachpraxis",
        }
    }

    /// English label for the second locale.
    pub fn label_en(self) -> &'static str {
        match self {
            Self::Advocate => "Advocate",
            Self::Critic => "Critic",
            Self::LowTechAffinity => "Little tech affinity",
            Self::WorksCouncil => "Works council / staff representation",
            Self::DataProtection => "Data protection",
            Self::Management => "Management",
            Self::SpecialistPractice => "Specialist practice",
        }
    }

    /// The value stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Advocate => "advocate",
            Self::Critic => "critic",
            Self::LowTechAffinity => "low_tech_affinity",
            Self::WorksCouncil => "works_council",
            Self::DataProtection => "data_protection",
            Self::Management => "management",
            Self::SpecialistPractice => "specialist_practice",
        }
    }

    /// Reads a value stored by [`Perspective::as_str`].
    pub fn parse(value: &str) -> Result<Self, UnknownPerspective> {
        Self::ALL
            .into_iter()
            .find(|p| p.as_str() == value)
            .ok_or_else(|| UnknownPerspective(value.to_owned()))
    }
}

/// A stored perspective value that is not known.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("Unbekannte Perspektive „{0}“.")]
pub struct UnknownPerspective(pub String);

/// A hint that the project group is not as mixed as the process asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum GroupWarning {
    /// Nobody brings a critical view.
    NoCritic,
    /// Nobody has little affinity for technology.
    NoLowTechAffinity,
    /// Fewer than [`MIN_GROUP_SIZE`] members; holds the member count.
    TooSmall(usize),
}

impl GroupWarning {
    /// Stable identifier, e.g. for tests and CSS.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::NoCritic => "no_critic",
            Self::NoLowTechAffinity => "no_low_tech_affinity",
            Self::TooSmall(_) => "too_small",
        }
    }

    /// The German text shown to the coordinator.
    pub fn message_de(self) -> String {
        match self {
            Self::NoCritic => "In der Projektgruppe vertritt niemand eine kritische Sicht. \
                Kritik ist in der Sozialwirtschaft oft fachlich begründet; ohne sie bildet die \
                Leitlinie die wichtigen Spannungen nicht ab."
                .to_owned(),
            Self::NoLowTechAffinity => "In der Projektgruppe ist niemand wenig technikaffin. \
                Die Leitlinie muss auch für Kolleg:innen verständlich und tragfähig sein, die mit \
                Technik wenig zu tun haben."
                .to_owned(),
            Self::TooSmall(0) => "Die Projektgruppe hat noch keine Mitglieder.".to_owned(),
            Self::TooSmall(1) => "Die Projektgruppe hat nur ein Mitglied. Für eine gemischte \
                Gruppe braucht es mindestens drei Personen."
                .to_owned(),
            Self::TooSmall(n) => format!(
                "Die Projektgruppe hat nur {n} Mitglieder. Für eine gemischte Gruppe braucht es \
                 mindestens {MIN_GROUP_SIZE} Personen."
            ),
        }
    }
}

/// Warnings for a group given one main perspective per member.
pub fn composition_warnings(members: &[Perspective]) -> Vec<GroupWarning> {
    let per_member: Vec<&[Perspective]> = members.iter().map(std::slice::from_ref).collect();
    composition_warnings_by_member(&per_member)
}

/// Warnings for a group whose members may each bring several perspectives.
///
/// Order: size first, then missing critic, then missing low tech affinity.
pub fn composition_warnings_by_member(members: &[&[Perspective]]) -> Vec<GroupWarning> {
    let has = |wanted: Perspective| members.iter().any(|m| m.contains(&wanted));
    let mut warnings = Vec::new();
    if members.len() < MIN_GROUP_SIZE {
        warnings.push(GroupWarning::TooSmall(members.len()));
    }
    if !has(Perspective::Critic) {
        warnings.push(GroupWarning::NoCritic);
    }
    if !has(Perspective::LowTechAffinity) {
        warnings.push(GroupWarning::NoLowTechAffinity);
    }
    warnings
}

#[cfg(test)]
mod tests {
    use super::*;
    use Perspective::*;

    #[test]
    fn a_mixed_group_gets_no_warning() {
        assert!(composition_warnings(&[Advocate, Critic, LowTechAffinity]).is_empty());
        assert!(composition_warnings(&[
            Advocate,
            Critic,
            LowTechAffinity,
            WorksCouncil,
            DataProtection,
            Management,
            SpecialistPractice
        ])
        .is_empty());
    }

    #[test]
    fn a_group_without_a_critic_is_warned() {
        assert_eq!(
            composition_warnings(&[Advocate, LowTechAffinity, Management]),
            vec![GroupWarning::NoCritic]
        );
    }

    #[test]
    fn a_group_without_low_tech_affinity_is_warned() {
        assert_eq!(
            composition_warnings(&[Advocate, Critic, DataProtection, WorksCouncil]),
            vec![GroupWarning::NoLowTechAffinity]
        );
    }

    #[test]
    fn a_group_of_only_advocates_gets_both_warnings() {
        assert_eq!(
            composition_warnings(&[Advocate, Advocate, Advocate]),
            vec![GroupWarning::NoCritic, GroupWarning::NoLowTechAffinity]
        );
    }

    #[test]
    fn a_group_of_fewer_than_three_members_is_warned() {
        assert_eq!(
            composition_warnings(&[Critic, LowTechAffinity]),
            vec![GroupWarning::TooSmall(2)]
        );
        assert_eq!(
            composition_warnings(&[]),
            vec![
                GroupWarning::TooSmall(0),
                GroupWarning::NoCritic,
                GroupWarning::NoLowTechAffinity
            ]
        );
    }

    #[test]
    fn members_with_several_perspectives_count_for_each() {
        let critic_in_works_council: &[Perspective] = &[WorksCouncil, Critic];
        let practitioner: &[Perspective] = &[SpecialistPractice, LowTechAffinity];
        let advocate: &[Perspective] = &[Advocate];
        assert!(
            composition_warnings_by_member(&[critic_in_works_council, practitioner, advocate])
                .is_empty()
        );
        assert_eq!(
            composition_warnings_by_member(&[critic_in_works_council, practitioner]),
            vec![GroupWarning::TooSmall(2)]
        );
    }

    #[test]
    fn warnings_have_german_messages() {
        assert!(GroupWarning::NoCritic
            .message_de()
            .contains("kritische Sicht"));
        assert!(GroupWarning::NoLowTechAffinity
            .message_de()
            .contains("wenig technikaffin"));
        assert_eq!(
            GroupWarning::TooSmall(0).message_de(),
            "Die Projektgruppe hat noch keine Mitglieder."
        );
        assert!(GroupWarning::TooSmall(1)
            .message_de()
            .contains("nur ein Mitglied"));
        assert_eq!(
            GroupWarning::TooSmall(2).message_de(),
            "Die Projektgruppe hat nur 2 Mitglieder. Für eine gemischte Gruppe braucht es mindestens 3 Personen."
        );
        for warning in [
            GroupWarning::NoCritic,
            GroupWarning::NoLowTechAffinity,
            GroupWarning::TooSmall(1),
        ] {
            assert!(!warning.message_de().contains("  "), "{warning:?}");
        }
    }

    #[test]
    fn perspectives_round_trip_through_their_database_values() {
        for perspective in Perspective::ALL {
            assert_eq!(Perspective::parse(perspective.as_str()), Ok(perspective));
        }
        assert_eq!(
            Perspective::parse("Critic"),
            Err(UnknownPerspective("Critic".into()))
        );
    }

    #[test]
    fn perspectives_have_the_german_labels_of_the_process() {
        let labels: Vec<&str> = Perspective::ALL.iter().map(|p| p.label_de()).collect();
        assert_eq!(
            labels,
            [
                "Befürworter:in",
                "Kritiker:in",
                "wenig technikaffin",
                "Betriebsrat/MAV",
                "Datenschutz",
                "Leitung",
                "Fachpraxis"
            ]
        );
        assert_eq!(
            UnknownPerspective("x".into()).to_string(),
            "Unbekannte Perspektive „x“."
        );
    }
}
