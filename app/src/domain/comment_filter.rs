//! The status filter of a round's comment list for readers: open, answered (any or one
//! particular disposition) or hidden. Plain rules, shared by the server and the filter form.

use crate::domain::disposition::Disposition;
use serde::{Deserialize, Serialize};

/// Which comments the reader's list shows, by what became of them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum CommentStatus {
    /// Every comment.
    #[default]
    All,
    /// Visible comments without an answer yet.
    Open,
    /// Visible comments with any answer.
    Answered,
    /// Visible comments with this answer.
    Answer(Disposition),
    /// Comments the project group hid.
    Hidden,
}

impl CommentStatus {
    /// Every choice in the order of the filter form.
    pub fn choices() -> Vec<CommentStatus> {
        let mut all = vec![Self::All, Self::Open, Self::Answered];
        all.extend(Disposition::ALL.into_iter().map(Self::Answer));
        all.push(Self::Hidden);
        all
    }

    /// Reads the query value; anything unknown is "all", so an old link never fails.
    pub fn parse(value: &str) -> Self {
        match value.trim() {
            "offen" => Self::Open,
            "beantwortet" => Self::Answered,
            "ausgeblendet" => Self::Hidden,
            other => Disposition::parse(other).map_or(Self::All, Self::Answer),
        }
    }

    /// The query value written by the filter form (empty for "all").
    pub fn as_str(self) -> &'static str {
        match self {
            Self::All => "",
            Self::Open => "offen",
            Self::Answered => "beantwortet",
            Self::Answer(d) => d.as_str(),
            Self::Hidden => "ausgeblendet",
        }
    }

    /// The German label of the filter option.
    pub fn label_de(self) -> String {
        match self {
            Self::All => "Alle".to_owned(),
            Self::Open => "Offen (noch ohne Rückmeldung)".to_owned(),
            Self::Answered => "Beantwortet (alle Rückmeldungen)".to_owned(),
            Self::Answer(d) => format!("Beantwortet: {}", d.label_de()),
            Self::Hidden => "Ausgeblendet".to_owned(),
        }
    }

    /// Whether a comment passes: `hidden` if the project group hid it, `answer` its disposition.
    /// A hidden comment counts only as hidden, whatever answer it may once have had.
    pub fn admits(self, hidden: bool, answer: Option<Disposition>) -> bool {
        match self {
            Self::All => true,
            Self::Hidden => hidden,
            _ if hidden => false,
            Self::Open => answer.is_none(),
            Self::Answered => answer.is_some(),
            Self::Answer(wanted) => answer == Some(wanted),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_choice_reads_back_from_its_query_value() {
        for choice in CommentStatus::choices() {
            assert_eq!(CommentStatus::parse(choice.as_str()), choice);
        }
        assert_eq!(CommentStatus::parse("quatsch"), CommentStatus::All);
        assert_eq!(
            CommentStatus::parse("partly_accepted"),
            CommentStatus::Answer(Disposition::PartlyAccepted)
        );
    }

    #[test]
    fn open_and_answered_exclude_hidden_comments() {
        assert!(CommentStatus::Open.admits(false, None));
        assert!(!CommentStatus::Open.admits(true, None));
        assert!(!CommentStatus::Open.admits(false, Some(Disposition::Accepted)));
        assert!(CommentStatus::Answered.admits(false, Some(Disposition::Deferred)));
        assert!(!CommentStatus::Answered.admits(true, Some(Disposition::Deferred)));
        assert!(CommentStatus::Hidden.admits(true, None));
        assert!(!CommentStatus::Hidden.admits(false, None));
        assert!(CommentStatus::All.admits(true, None));
    }

    #[test]
    fn one_disposition_admits_only_comments_with_that_answer() {
        let partly = CommentStatus::Answer(Disposition::PartlyAccepted);
        assert!(partly.admits(false, Some(Disposition::PartlyAccepted)));
        assert!(!partly.admits(false, Some(Disposition::Accepted)));
        assert!(!partly.admits(false, None));
    }

    #[test]
    fn labels_are_german() {
        assert_eq!(
            CommentStatus::Answer(Disposition::PartlyAccepted).label_de(),
            "Beantwortet: teilweise übernommen"
        );
        assert_eq!(CommentStatus::Hidden.label_de(), "Ausgeblendet");
    }
}
