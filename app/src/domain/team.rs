//! Teams of accounts ("Pflege", "Beratung"): the name a coordinator assigns, and the read
//! acknowledgement counted per team.
//!
//! A team is a plain name, not a table: names are compared case-insensitively with inner
//! spaces collapsed, so "Pflege" and " pflege " are one team. The first spelling seen is shown.

use crate::domain::round::TEAM_NAME_MAX;
use serde::{Deserialize, Serialize};
use std::fmt;

/// Why a team name was refused; the `Display` text is shown to the user (German).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TeamError {
    /// Longer than [`TEAM_NAME_MAX`] characters.
    #[error("Der Teamname darf höchstens {TEAM_NAME_MAX} Zeichen lang sein.")]
    TooLong,
}

/// A valid team name: trimmed, inner spaces collapsed, 1 to [`TEAM_NAME_MAX`] characters.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct TeamName(String);

impl TeamName {
    /// Parses an optional team field: blank means "no team" (`None`).
    pub fn parse_optional(input: &str) -> Result<Option<Self>, TeamError> {
        let name = input.split_whitespace().collect::<Vec<_>>().join(" ");
        if name.is_empty() {
            Ok(None)
        } else if name.chars().count() > TEAM_NAME_MAX {
            Err(TeamError::TooLong)
        } else {
            Ok(Some(Self(name)))
        }
    }

    /// The name as stored and shown.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The key under which spellings of the same team compare equal.
    pub fn key(&self) -> String {
        team_key(&self.0)
    }
}

impl fmt::Display for TeamName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The comparison key of a team name: lower-case, spaces collapsed.
pub fn team_key(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Distinct team names (first spelling wins), sorted alphabetically, blanks dropped.
pub fn distinct_names<'a>(names: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    let mut out: Vec<String> = Vec::new();
    for name in names {
        let Ok(Some(team)) = TeamName::parse_optional(name) else {
            continue;
        };
        if seen.insert(team.key()) {
            out.push(team.0);
        }
    }
    out.sort_by_key(|a| a.to_lowercase());
    out
}

/// The acknowledgement count of one team, or of the people without a team (`team: None`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamRate {
    /// The team's name; `None` for "ohne Team".
    pub team: Option<String>,
    /// People of the team who confirmed.
    pub acknowledged: u64,
    /// Active people of the team.
    pub total: u64,
}

impl TeamRate {
    /// The whole-number percentage, rounded half up; 0 for an empty team.
    pub fn percent(&self) -> u64 {
        percent(self.acknowledged, self.total)
    }

    /// "3 von 4 (75 %)".
    pub fn text_de(&self) -> String {
        format!(
            "{} von {} ({} %)",
            self.acknowledged,
            self.total,
            self.percent()
        )
    }
}

/// `part` of `whole` as a whole-number percentage, rounded half up; 0 when `whole` is 0.
pub fn percent(part: u64, whole: u64) -> u64 {
    if whole == 0 {
        0
    } else {
        (part * 200 + whole) / (2 * whole)
    }
}

/// Counts acknowledgements per team from (team, acknowledged) per active person. Teams are
/// sorted by name; the people without a team come last (and only if there are any).
pub fn rates_per_team<'a>(
    people: impl IntoIterator<Item = (Option<&'a str>, bool)>,
) -> Vec<TeamRate> {
    let mut teams: Vec<(String, TeamRate)> = Vec::new();
    let mut without = TeamRate {
        team: None,
        acknowledged: 0,
        total: 0,
    };
    for (team, acknowledged) in people {
        let team = team.and_then(|t| TeamName::parse_optional(t).ok().flatten());
        let rate = match team {
            None => &mut without,
            Some(team) => {
                let key = team.key();
                match teams.iter().position(|(k, _)| *k == key) {
                    Some(i) => &mut teams[i].1,
                    None => {
                        teams.push((
                            key,
                            TeamRate {
                                team: Some(team.0),
                                acknowledged: 0,
                                total: 0,
                            },
                        ));
                        let last = teams.len() - 1;
                        &mut teams[last].1
                    }
                }
            }
        };
        rate.total += 1;
        if acknowledged {
            rate.acknowledged += 1;
        }
    }
    teams.sort_by(|a, b| a.0.cmp(&b.0));
    let mut out: Vec<TeamRate> = teams.into_iter().map(|(_, r)| r).collect();
    if without.total > 0 {
        out.push(without);
    }
    out
}

/// Whether an account counts for the read rate of an adopted guideline: it is active and its
/// person has logged in at least once. An invitation nobody accepted yet is not a reader who
/// has not read; the page shows such accounts apart.
pub fn counts_for_read_rate(active: bool, has_logged_in: bool) -> bool {
    active && has_logged_in
}

#[cfg(test)]
mod tests {
    #[test]
    fn only_active_accounts_that_have_logged_in_count_for_the_read_rate() {
        assert!(counts_for_read_rate(true, true));
        assert!(
            !counts_for_read_rate(true, false),
            "invited, never logged in"
        );
        assert!(!counts_for_read_rate(false, true), "deactivated");
    }

    use super::*;

    #[test]
    fn a_team_name_is_trimmed_and_inner_spaces_collapse() {
        let team = TeamName::parse_optional("  Ambulante   Pflege ")
            .unwrap()
            .unwrap();
        assert_eq!(team.as_str(), "Ambulante Pflege");
    }

    #[test]
    fn a_blank_team_means_no_team() {
        assert_eq!(TeamName::parse_optional(""), Ok(None));
        assert_eq!(TeamName::parse_optional(" \t "), Ok(None));
    }

    #[test]
    fn a_team_name_of_the_maximum_length_passes_and_one_more_is_refused_in_german() {
        assert!(TeamName::parse_optional(&"ä".repeat(TEAM_NAME_MAX)).is_ok());
        let err = TeamName::parse_optional(&"ä".repeat(TEAM_NAME_MAX + 1)).unwrap_err();
        assert_eq!(err, TeamError::TooLong);
        assert_eq!(
            err.to_string(),
            "Der Teamname darf höchstens 100 Zeichen lang sein."
        );
    }

    #[test]
    fn spellings_of_the_same_team_share_a_key() {
        let a = TeamName::parse_optional("Pflege").unwrap().unwrap();
        let b = TeamName::parse_optional(" PFLEGE ").unwrap().unwrap();
        assert_eq!(a.key(), b.key());
        assert_ne!(a.key(), team_key("Beratung"));
    }

    #[test]
    fn a_team_audience_matches_an_account_team_however_it_is_spelled() {
        let audience =
            crate::domain::round::Audience::teams(["Ambulante  Pflege", "Kita"]).unwrap();
        assert!(audience.includes(Some("ambulante pflege"), &[]));
        assert!(audience.includes(Some("KITA"), &[]));
        assert!(!audience.includes(Some("Beratung"), &[]));
        assert!(!audience.includes(None, &[]));
    }

    #[test]
    fn distinct_names_keep_the_first_spelling_and_sort() {
        let names = distinct_names(["Pflege", "beratung", "pflege", "", "Kita", "Beratung"]);
        assert_eq!(names, vec!["beratung", "Kita", "Pflege"]);
    }

    #[test]
    fn percentages_round_half_up_and_an_empty_team_is_zero() {
        assert_eq!(percent(1, 3), 33);
        assert_eq!(percent(2, 3), 67);
        assert_eq!(percent(1, 8), 13);
        assert_eq!(percent(0, 0), 0);
        assert_eq!(percent(4, 4), 100);
    }

    #[test]
    fn rates_are_counted_per_team_with_the_people_without_team_last() {
        let rates = rates_per_team([
            (Some("Pflege"), true),
            (Some("pflege "), false),
            (None, true),
            (Some("Beratung"), false),
            (Some("Pflege"), true),
            (Some("  "), false),
        ]);
        assert_eq!(
            rates,
            vec![
                TeamRate {
                    team: Some("Beratung".into()),
                    acknowledged: 0,
                    total: 1
                },
                TeamRate {
                    team: Some("Pflege".into()),
                    acknowledged: 2,
                    total: 3
                },
                TeamRate {
                    team: None,
                    acknowledged: 1,
                    total: 2
                },
            ]
        );
        assert_eq!(rates[1].text_de(), "2 von 3 (67 %)");
    }

    #[test]
    fn without_people_outside_teams_there_is_no_ohne_team_line() {
        let rates = rates_per_team([(Some("Kita"), false)]);
        assert_eq!(rates.len(), 1);
        assert_eq!(rates[0].team.as_deref(), Some("Kita"));
    }
}
