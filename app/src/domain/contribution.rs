//! Contributions of step 1: their kind, their text, the team, the project group's free tags,
//! cluster titles and the workshop results a moderator enters on behalf of a team.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Longest contribution text, in characters (not bytes: "ä" counts once).
pub const TEXT_MAX: usize = 5_000;
/// Longest team or department name.
pub const TEAM_MAX: usize = 100;
/// Longest tag.
pub const TAG_MAX: usize = 60;
/// Longest cluster title.
pub const CLUSTER_TITLE_MAX: usize = 200;
/// Most contributions one workshop entry may hold.
pub const WORKSHOP_MAX_ENTRIES: usize = 200;

/// What a contribution is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(
    feature = "ssr",
    derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum),
    sea_orm(
        rs_type = "String",
        db_type = "String(sea_orm::sea_query::StringLen::N(16))"
    )
)]
pub enum Kind {
    /// Something that happened ("Erfahrung").
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "experience"))]
    Experience,
    /// Something the guideline should achieve ("Erwartung").
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "expectation"))]
    Expectation,
    /// A worry ("Bedenken").
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "concern"))]
    Concern,
}

/// An unknown kind name.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("Bitte wählen Sie, ob es eine Erfahrung, eine Erwartung oder ein Bedenken ist.")]
pub struct UnknownKind;

impl Kind {
    /// Every kind, in the order the UI lists them.
    pub const ALL: [Kind; 3] = [Kind::Experience, Kind::Expectation, Kind::Concern];

    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Experience => "experience",
            Kind::Expectation => "expectation",
            Kind::Concern => "concern",
        }
    }

    /// Reads a stored name.
    pub fn parse(s: &str) -> Result<Self, UnknownKind> {
        Kind::ALL
            .into_iter()
            .find(|k| k.as_str() == s.trim())
            .ok_or(UnknownKind)
    }

    /// The German label (singular).
    pub fn label_de(self) -> &'static str {
        match self {
            Kind::Experience => "Erfahrung",
            Kind::Expectation => "Erwartung",
            Kind::Concern => "Bedenken",
        }
    }

    /// The word after a count: "1 Erfahrung", "9 Erfahrungen" ("Bedenken" either way).
    pub fn count_word_de(self, n: impl TryInto<i64>) -> &'static str {
        crate::domain::german::plural(
            n.try_into().unwrap_or(i64::MAX),
            self.label_de(),
            self.plural_de(),
        )
    }

    /// The German label (plural), for counts and headings.
    pub fn plural_de(self) -> &'static str {
        match self {
            Kind::Experience => "Erfahrungen",
            Kind::Expectation => "Erwartungen",
            Kind::Concern => "Bedenken",
        }
    }
}

/// Why a contribution (or one of its fields) was refused; shown to the user.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ContributionError {
    /// The text is empty.
    #[error("Bitte schreiben Sie Ihren Beitrag, bevor Sie ihn absenden.")]
    EmptyText,
    /// The text is too long.
    #[error("Ihr Beitrag ist zu lang: höchstens {} Zeichen sind möglich, jetzt sind es {}. Bitte kürzen Sie ihn oder teilen Sie ihn auf mehrere Beiträge auf.", crate::domain::german::number_u(TEXT_MAX), crate::domain::german::number_u(*.0))]
    TextTooLong(usize),
    /// The team name is too long.
    #[error("Der Name des Teams oder Bereichs darf höchstens {TEAM_MAX} Zeichen lang sein.")]
    TeamTooLong,
    /// A workshop entry without team.
    #[error("Bitte geben Sie an, welches Team den Workshop durchgeführt hat.")]
    TeamMissing,
    /// The tag is empty.
    #[error("Bitte geben Sie ein Schlagwort ein.")]
    EmptyTag,
    /// The tag is too long.
    #[error("Ein Schlagwort darf höchstens {TAG_MAX} Zeichen lang sein: „{0}“.")]
    TagTooLong(String),
    /// The cluster title is empty.
    #[error("Bitte geben Sie dem Cluster einen Titel.")]
    EmptyClusterTitle,
    /// The cluster title is too long.
    #[error("Der Titel eines Clusters darf höchstens {CLUSTER_TITLE_MAX} Zeichen lang sein.")]
    ClusterTitleTooLong,
    /// The workshop date is missing or unreadable.
    #[error("Bitte geben Sie das Datum des Workshops an (z. B. 21.11.2026).")]
    WorkshopDate,
    /// A workshop date in the future.
    #[error("Das Datum des Workshops liegt in der Zukunft. Bitte prüfen Sie es.")]
    WorkshopDateInFuture,
    /// A workshop entry without any contribution.
    #[error("Bitte tragen Sie mindestens einen Beitrag aus dem Workshop ein.")]
    WorkshopEmpty,
    /// Too many contributions in one workshop entry.
    #[error("Bitte tragen Sie höchstens {WORKSHOP_MAX_ENTRIES} Beiträge auf einmal ein.")]
    WorkshopTooMany,
    /// One workshop contribution is too long.
    #[error("Ein Workshop-Beitrag ({kind}, Nr. {number}) ist zu lang: höchstens {} Zeichen sind möglich, jetzt sind es {}.", crate::domain::german::number_u(TEXT_MAX), crate::domain::german::number_u(*.actual))]
    WorkshopTextTooLong {
        /// The kind's German label.
        kind: &'static str,
        /// Its position within that kind, from 1.
        number: usize,
        /// Its length.
        actual: usize,
    },
}

/// A contribution's text: trimmed, not empty, at most [`TEXT_MAX`] characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContributionText(String);

impl ContributionText {
    /// Checks and trims a text.
    pub fn parse(input: &str) -> Result<Self, ContributionError> {
        let text = input.trim();
        let count = text.chars().count();
        if count == 0 {
            Err(ContributionError::EmptyText)
        } else if count > TEXT_MAX {
            Err(ContributionError::TextTooLong(count))
        } else {
            Ok(Self(text.to_owned()))
        }
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// An optional team or department: trimmed, `None` when blank, at most [`TEAM_MAX`] characters.
pub fn parse_team(input: &str) -> Result<Option<String>, ContributionError> {
    let team = collapse_spaces(input);
    if team.is_empty() {
        Ok(None)
    } else if team.chars().count() > TEAM_MAX {
        Err(ContributionError::TeamTooLong)
    } else {
        Ok(Some(team))
    }
}

/// A free tag: trimmed, inner whitespace collapsed, lower case, 1 to [`TAG_MAX`] characters.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Tag(String);

impl Tag {
    /// Normalises one tag, so "Datenschutz " and "datenschutz" are the same tag.
    pub fn parse(input: &str) -> Result<Self, ContributionError> {
        let tag = collapse_spaces(input).to_lowercase();
        if tag.is_empty() {
            Err(ContributionError::EmptyTag)
        } else if tag.chars().count() > TAG_MAX {
            Err(ContributionError::TagTooLong(tag))
        } else {
            Ok(Self(tag))
        }
    }

    /// Several tags separated by commas; blanks between commas are skipped, duplicates removed.
    pub fn parse_list(input: &str) -> Result<Vec<Self>, ContributionError> {
        let mut tags: Vec<Tag> = Vec::new();
        for part in input.split(',').filter(|p| !p.trim().is_empty()) {
            let tag = Tag::parse(part)?;
            if !tags.contains(&tag) {
                tags.push(tag);
            }
        }
        if tags.is_empty() {
            Err(ContributionError::EmptyTag)
        } else {
            Ok(tags)
        }
    }

    /// The normalised tag.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A cluster title: trimmed, not empty, at most [`CLUSTER_TITLE_MAX`] characters.
pub fn parse_cluster_title(input: &str) -> Result<String, ContributionError> {
    let title = collapse_spaces(input);
    if title.is_empty() {
        Err(ContributionError::EmptyClusterTitle)
    } else if title.chars().count() > CLUSTER_TITLE_MAX {
        Err(ContributionError::ClusterTitleTooLong)
    } else {
        Ok(title)
    }
}

fn collapse_spaces(input: &str) -> String {
    input.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Splits a text field into blocks separated by blank lines (one contribution per block).
pub fn split_blocks(input: &str) -> Vec<String> {
    let normalised = input.replace("\r\n", "\n");
    let mut blocks = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for line in normalised.lines() {
        if line.trim().is_empty() {
            if !current.is_empty() {
                blocks.push(current.join("\n"));
                current.clear();
            }
        } else {
            current.push(line);
        }
    }
    if !current.is_empty() {
        blocks.push(current.join("\n"));
    }
    blocks
}

/// The results of one on-site workshop, checked and ready to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkshopEntry {
    /// When the workshop took place.
    pub date: NaiveDate,
    /// The team that held it.
    pub team: String,
    /// The contributions, in the order entered.
    pub contributions: Vec<(Kind, ContributionText)>,
}

impl WorkshopEntry {
    /// Checks a workshop form: a date not after `today` (`YYYY-MM-DD` or `TT.MM.JJJJ`), a team,
    /// and one text field per kind with one contribution per block (blank line between blocks).
    pub fn parse(
        date: &str,
        team: &str,
        texts: [(Kind, &str); 3],
        today: NaiveDate,
    ) -> Result<Self, ContributionError> {
        let date = parse_date(date).ok_or(ContributionError::WorkshopDate)?;
        if date > today {
            return Err(ContributionError::WorkshopDateInFuture);
        }
        let team = parse_team(team)?.ok_or(ContributionError::TeamMissing)?;
        let mut contributions = Vec::new();
        for (kind, text) in texts {
            for (i, block) in split_blocks(text).into_iter().enumerate() {
                let parsed = ContributionText::parse(&block).map_err(|err| match err {
                    ContributionError::TextTooLong(actual) => {
                        ContributionError::WorkshopTextTooLong {
                            kind: kind.label_de(),
                            number: i + 1,
                            actual,
                        }
                    }
                    other => other,
                })?;
                contributions.push((kind, parsed));
            }
        }
        if contributions.is_empty() {
            Err(ContributionError::WorkshopEmpty)
        } else if contributions.len() > WORKSHOP_MAX_ENTRIES {
            Err(ContributionError::WorkshopTooMany)
        } else {
            Ok(Self {
                date,
                team,
                contributions,
            })
        }
    }
}

fn parse_date(input: &str) -> Option<NaiveDate> {
    crate::domain::german::parse_date(input)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_count_of_one_takes_the_singular() {
        assert_eq!(Kind::Experience.count_word_de(1), "Erfahrung");
        assert_eq!(Kind::Experience.count_word_de(9), "Erfahrungen");
        assert_eq!(Kind::Expectation.count_word_de(1), "Erwartung");
        assert_eq!(Kind::Concern.count_word_de(1), "Bedenken");
        assert_eq!(Kind::Concern.count_word_de(0), "Bedenken");
    }

    #[test]
    fn kinds_round_trip_through_their_stored_names() {
        for kind in Kind::ALL {
            assert_eq!(Kind::parse(kind.as_str()), Ok(kind));
        }
        assert_eq!(Kind::parse("wish"), Err(UnknownKind));
        assert_eq!(Kind::Concern.label_de(), "Bedenken");
        assert_eq!(Kind::Experience.label_de(), "Erfahrung");
        assert_eq!(Kind::Expectation.plural_de(), "Erwartungen");
    }

    #[test]
    fn kinds_serialise_as_their_variant_names() {
        let json = serde_json::to_string(&Kind::Concern).unwrap();
        assert_eq!(serde_json::from_str::<Kind>(&json).unwrap(), Kind::Concern);
    }

    #[test]
    fn a_text_is_trimmed_and_must_not_be_empty() {
        assert_eq!(
            ContributionText::parse("  Gute Erfahrung.\n")
                .unwrap()
                .as_str(),
            "Gute Erfahrung."
        );
        assert_eq!(
            ContributionText::parse(" \n\t "),
            Err(ContributionError::EmptyText)
        );
    }

    #[test]
    fn the_text_limit_counts_characters_not_bytes() {
        assert!(ContributionText::parse(&"ü".repeat(TEXT_MAX)).is_ok());
        let err = ContributionText::parse(&"ü".repeat(TEXT_MAX + 1)).unwrap_err();
        assert_eq!(err, ContributionError::TextTooLong(5_001));
        assert!(err.to_string().contains("höchstens 5.000 Zeichen"));
        assert!(err.to_string().contains("jetzt sind es 5.001"));
    }

    #[test]
    fn a_blank_team_is_none_and_a_long_one_is_refused() {
        assert_eq!(parse_team("   "), Ok(None));
        assert_eq!(
            parse_team("  Ambulante   Pflege "),
            Ok(Some("Ambulante Pflege".into()))
        );
        assert!(parse_team(&"a".repeat(TEAM_MAX)).is_ok());
        assert_eq!(
            parse_team(&"a".repeat(TEAM_MAX + 1)),
            Err(ContributionError::TeamTooLong)
        );
    }

    #[test]
    fn tags_are_normalised_to_lower_case_without_extra_spaces() {
        assert_eq!(
            Tag::parse("  Daten  Schutz ").unwrap().as_str(),
            "daten schutz"
        );
        assert_eq!(Tag::parse("ÜBERWACHUNG").unwrap().as_str(), "überwachung");
        assert_eq!(Tag::parse("  "), Err(ContributionError::EmptyTag));
        assert!(Tag::parse(&"ä".repeat(TAG_MAX)).is_ok());
        assert!(matches!(
            Tag::parse(&"ä".repeat(TAG_MAX + 1)),
            Err(ContributionError::TagTooLong(_))
        ));
    }

    #[test]
    fn a_tag_list_is_split_at_commas_without_blanks_or_duplicates() {
        let tags = Tag::parse_list("Datenschutz, , datenschutz ,Schulung").unwrap();
        let names: Vec<&str> = tags.iter().map(Tag::as_str).collect();
        assert_eq!(names, ["datenschutz", "schulung"]);
        assert_eq!(Tag::parse_list(" , "), Err(ContributionError::EmptyTag));
    }

    #[test]
    fn cluster_titles_are_required_and_limited() {
        assert_eq!(
            parse_cluster_title(" Datenschutz "),
            Ok("Datenschutz".into())
        );
        assert_eq!(
            parse_cluster_title(""),
            Err(ContributionError::EmptyClusterTitle)
        );
        assert_eq!(
            parse_cluster_title(&"x".repeat(CLUSTER_TITLE_MAX + 1)),
            Err(ContributionError::ClusterTitleTooLong)
        );
    }

    #[test]
    fn blocks_are_separated_by_blank_lines() {
        let text = "Erste Zeile\nzweite Zeile\n\n  \r\nZweiter Beitrag\r\n\n\n";
        assert_eq!(
            split_blocks(text),
            ["Erste Zeile\nzweite Zeile", "Zweiter Beitrag"]
        );
        assert!(split_blocks(" \n \n").is_empty());
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 21).unwrap()
    }

    #[test]
    fn a_workshop_entry_collects_the_blocks_of_every_kind() {
        let entry = WorkshopEntry::parse(
            "2026-11-20",
            " Wohngruppe Nord ",
            [
                (Kind::Experience, "Dienstplan mit KI\n\nÜbersetzungen"),
                (Kind::Expectation, ""),
                (Kind::Concern, "Datenschutz"),
            ],
            today(),
        )
        .unwrap();
        assert_eq!(entry.team, "Wohngruppe Nord");
        assert_eq!(entry.date, NaiveDate::from_ymd_opt(2026, 11, 20).unwrap());
        let kinds: Vec<Kind> = entry.contributions.iter().map(|(k, _)| *k).collect();
        assert_eq!(kinds, [Kind::Experience, Kind::Experience, Kind::Concern]);
        assert_eq!(entry.contributions[1].1.as_str(), "Übersetzungen");
    }

    #[test]
    fn a_workshop_entry_accepts_german_dates_and_refuses_future_ones() {
        let texts = [
            (Kind::Experience, "x"),
            (Kind::Expectation, ""),
            (Kind::Concern, ""),
        ];
        assert!(WorkshopEntry::parse("21.11.2026", "Team", texts, today()).is_ok());
        assert_eq!(
            WorkshopEntry::parse("2026-11-22", "Team", texts, today()),
            Err(ContributionError::WorkshopDateInFuture)
        );
        assert_eq!(
            WorkshopEntry::parse("gestern", "Team", texts, today()),
            Err(ContributionError::WorkshopDate)
        );
    }

    #[test]
    fn a_workshop_entry_needs_a_team_and_at_least_one_contribution() {
        let empty = [
            (Kind::Experience, " "),
            (Kind::Expectation, "\n\n"),
            (Kind::Concern, ""),
        ];
        assert_eq!(
            WorkshopEntry::parse("2026-11-20", "Team", empty, today()),
            Err(ContributionError::WorkshopEmpty)
        );
        let one = [
            (Kind::Experience, "x"),
            (Kind::Expectation, ""),
            (Kind::Concern, ""),
        ];
        assert_eq!(
            WorkshopEntry::parse("2026-11-20", "  ", one, today()),
            Err(ContributionError::TeamMissing)
        );
    }

    #[test]
    fn a_too_long_workshop_contribution_is_named_by_kind_and_number() {
        let long = format!("kurz\n\n{}", "a".repeat(TEXT_MAX + 1));
        let err = WorkshopEntry::parse(
            "2026-11-20",
            "Team",
            [
                (Kind::Experience, ""),
                (Kind::Expectation, ""),
                (Kind::Concern, &long),
            ],
            today(),
        )
        .unwrap_err();
        assert_eq!(
            err,
            ContributionError::WorkshopTextTooLong {
                kind: "Bedenken",
                number: 2,
                actual: TEXT_MAX + 1
            }
        );
        assert!(err
            .to_string()
            .starts_with("Ein Workshop-Beitrag (Bedenken, Nr. 2)"));
    }
}
