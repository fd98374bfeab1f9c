//! Composition of the project group that writes the draft.
//!
//! The process asks for a mixed group: not only advocates, but also critics and people with
//! little affinity for technology, because resistance in social work is often professionally
//! founded. The platform warns when such voices are missing; it never blocks.

use thiserror::Error;

/// Groups smaller than this get a warning.
pub const MIN_GROUP_SIZE: usize = 3;

/// A perspective a member brings into the project group (a member may bring several).
/// Stored typed (`DeriveActiveEnum`, server only) with the values of [`Perspective::as_str`].
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[cfg_attr(
    feature = "ssr",
    derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum),
    sea_orm(
        rs_type = "String",
        db_type = "String(sea_orm::sea_query::StringLen::N(32))"
    )
)]
pub enum Perspective {
    /// Sees the chances of the technology.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "advocate"))]
    Advocate,
    /// Questions the technology and its use.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "critic"))]
    Critic,
    /// Has little affinity for technology.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "low_tech_affinity"))]
    LowTechAffinity,
    /// Member of the works council (Betriebsrat) or staff representation (MAV).
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "works_council"))]
    WorksCouncil,
    /// Data protection.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "data_protection"))]
    DataProtection,
    /// Management.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "management"))]
    Management,
    /// Specialist practice, e.g. care or youth welfare.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "specialist_practice"))]
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
    /// Nobody sees the chances of the technology.
    NoAdvocate,
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
            Self::NoAdvocate => "no_advocate",
            Self::NoCritic => "no_critic",
            Self::NoLowTechAffinity => "no_low_tech_affinity",
            Self::TooSmall(_) => "too_small",
        }
    }

    /// The German text shown to the coordinator.
    pub fn message_de(self) -> String {
        match self {
            Self::NoAdvocate => "In der Projektgruppe ist niemand, der die Chancen der Technik \
                vertritt (Befürworter:in). Ohne diese Sicht fehlen der Leitlinie die Beispiele, \
                wo KI die Arbeit wirklich erleichtert."
                .to_owned(),
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
/// Order: size first, then missing advocate, critic and low tech affinity.
pub fn composition_warnings_by_member(members: &[&[Perspective]]) -> Vec<GroupWarning> {
    let has = |wanted: Perspective| members.iter().any(|m| m.contains(&wanted));
    let mut warnings = Vec::new();
    if members.len() < MIN_GROUP_SIZE {
        warnings.push(GroupWarning::TooSmall(members.len()));
    }
    if !has(Perspective::Advocate) {
        warnings.push(GroupWarning::NoAdvocate);
    }
    if !has(Perspective::Critic) {
        warnings.push(GroupWarning::NoCritic);
    }
    if !has(Perspective::LowTechAffinity) {
        warnings.push(GroupWarning::NoLowTechAffinity);
    }
    warnings
}

/// What appointing a person with a perspective changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Appointment {
    /// The person joined the group with this perspective.
    Joined(Perspective),
    /// The person was already in the group and now also brings this perspective.
    Added {
        /// The perspective added.
        added: Perspective,
        /// The perspectives they brought before.
        before: Vec<Perspective>,
    },
    /// The person already brings this perspective: nothing changed.
    Unchanged(Perspective),
}

impl Appointment {
    /// Decides what appointing with `perspective` means for a person who currently brings
    /// `current` (empty: not in the group). Appointing never replaces a perspective.
    pub fn decide(current: &[Perspective], perspective: Perspective) -> Self {
        if current.is_empty() {
            Self::Joined(perspective)
        } else if current.contains(&perspective) {
            Self::Unchanged(perspective)
        } else {
            Self::Added {
                added: perspective,
                before: current.to_vec(),
            }
        }
    }

    /// What the coordinator reads after appointing `name`.
    pub fn message_de(&self, name: &str) -> String {
        match self {
            Self::Joined(p) => format!(
                "{name} ist jetzt in der Projektgruppe (Perspektive: {}).",
                p.label_de()
            ),
            Self::Added { added, before } => format!(
                "{name} war schon in der Projektgruppe ({}) und bringt jetzt zusätzlich die Perspektive „{}“ ein.",
                labels_de(before),
                added.label_de()
            ),
            Self::Unchanged(p) => format!(
                "{name} ist bereits mit der Perspektive „{}“ in der Projektgruppe. Es wurde nichts geändert.",
                p.label_de()
            ),
        }
    }
}

/// German labels of perspectives, comma-separated in display order.
pub fn labels_de(perspectives: &[Perspective]) -> String {
    let mut sorted = perspectives.to_vec();
    sorted.sort();
    sorted.dedup();
    sorted
        .iter()
        .map(|p| p.label_de())
        .collect::<Vec<_>>()
        .join(", ")
}

/// A project-group member who also decides in an approving body of the same process: they
/// would vote on the text they wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoleConflict {
    /// The member's name.
    pub name: String,
    /// The bodies they belong to.
    pub bodies: Vec<String>,
}

impl RoleConflict {
    /// The hint on the process page.
    pub fn message_de(&self) -> String {
        let bodies = self
            .bodies
            .iter()
            .map(|b| format!("„{b}“"))
            .collect::<Vec<_>>()
            .join(", ");
        let word = if self.bodies.len() == 1 {
            "im Gremium"
        } else {
            "in den Gremien"
        };
        format!(
            "Rollenkonflikt: {} schreibt in der Projektgruppe am Entwurf mit und entscheidet {word} {bodies} über die Verabschiedung. Klären Sie, ob die Person dort bei dieser Leitlinie mitstimmt, und halten Sie es im Protokoll fest.",
            self.name
        )
    }
}

/// The role conflicts of a group: `members` are (account id, name), `body_seats` are
/// (account id, body name) for every body of the process. In the members' order.
pub fn role_conflicts(
    members: &[(i64, String)],
    body_seats: &[(i64, String)],
) -> Vec<RoleConflict> {
    members
        .iter()
        .filter_map(|(id, name)| {
            let mut bodies: Vec<String> = body_seats
                .iter()
                .filter(|(member, _)| member == id)
                .map(|(_, body)| body.clone())
                .collect();
            bodies.dedup();
            (!bodies.is_empty()).then(|| RoleConflict {
                name: name.clone(),
                bodies,
            })
        })
        .collect()
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
            composition_warnings(&[Advocate, Critic, LowTechAffinity][1..]),
            vec![GroupWarning::TooSmall(2), GroupWarning::NoAdvocate]
        );
        assert_eq!(
            composition_warnings(&[]),
            vec![
                GroupWarning::TooSmall(0),
                GroupWarning::NoAdvocate,
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
            vec![GroupWarning::TooSmall(2), GroupWarning::NoAdvocate]
        );
    }

    #[test]
    fn a_group_without_an_advocate_is_warned() {
        assert_eq!(
            composition_warnings(&[Critic, LowTechAffinity, DataProtection]),
            vec![GroupWarning::NoAdvocate]
        );
        assert!(GroupWarning::NoAdvocate
            .message_de()
            .contains("Befürworter:in"));
    }

    #[test]
    fn appointing_someone_again_adds_a_perspective_and_never_replaces_one() {
        assert_eq!(
            Appointment::decide(&[], Critic),
            Appointment::Joined(Critic)
        );
        assert_eq!(
            Appointment::decide(&[WorksCouncil], Critic),
            Appointment::Added {
                added: Critic,
                before: vec![WorksCouncil]
            }
        );
        assert_eq!(
            Appointment::decide(&[WorksCouncil, Critic], Critic),
            Appointment::Unchanged(Critic)
        );
    }

    #[test]
    fn the_coordinator_reads_what_an_appointment_changed() {
        assert_eq!(
            Appointment::Joined(Critic).message_de("Paula Pflege"),
            "Paula Pflege ist jetzt in der Projektgruppe (Perspektive: Kritiker:in)."
        );
        assert_eq!(
            Appointment::decide(&[WorksCouncil], Critic).message_de("Ben Betriebsrat"),
            "Ben Betriebsrat war schon in der Projektgruppe (Betriebsrat/MAV) und bringt jetzt zusätzlich die Perspektive „Kritiker:in“ ein."
        );
        assert!(Appointment::Unchanged(Critic)
            .message_de("Ben")
            .contains("Es wurde nichts geändert."));
    }

    #[test]
    fn a_group_member_who_decides_in_a_body_is_a_role_conflict() {
        let members = vec![
            (1, "Ben Betriebsrat".to_owned()),
            (2, "Paula Pflege".to_owned()),
        ];
        let seats = vec![(1, "Betriebsrat".to_owned()), (3, "Vorstand".to_owned())];
        let conflicts = role_conflicts(&members, &seats);
        assert_eq!(
            conflicts,
            vec![RoleConflict {
                name: "Ben Betriebsrat".into(),
                bodies: vec!["Betriebsrat".into()]
            }]
        );
        assert!(conflicts[0]
            .message_de()
            .starts_with("Rollenkonflikt: Ben Betriebsrat schreibt in der Projektgruppe am Entwurf mit und entscheidet im Gremium „Betriebsrat“"));
        let two = RoleConflict {
            name: "Lea".into(),
            bodies: vec!["Vorstand".into(), "Geschäftsführung".into()],
        };
        assert!(two
            .message_de()
            .contains("in den Gremien „Vorstand“, „Geschäftsführung“"));
        assert!(role_conflicts(&members, &[]).is_empty());
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
            GroupWarning::NoAdvocate,
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
