//! The dialogue space of an adopted guideline (trial, step 5): staff report experiences from
//! using AI under the guideline and reply to each other. Reports of kind "need for change" are
//! collected as input for the next review.

use crate::domain::comment::{CommentError, HideReason};
use serde::{Deserialize, Serialize};
use thiserror::Error;

/// The longest post or reply, in characters.
pub const POST_MAX: usize = 4_000;

/// Posts shown per page.
pub const PAGE_SIZE: u64 = 20;

/// What an experience report is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(
    feature = "ssr",
    derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum),
    sea_orm(
        rs_type = "String",
        db_type = "String(sea_orm::sea_query::StringLen::N(32))"
    )
)]
pub enum PostKind {
    /// How AI is used in daily work.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "use_case"))]
    UseCase,
    /// Something the guideline leaves unclear.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "uncertainty"))]
    Uncertainty,
    /// Something that went well.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "success_story"))]
    SuccessStory,
    /// The guideline should change (input for the next review).
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "need_for_change"))]
    NeedForChange,
}

impl PostKind {
    /// All kinds, in the order the form lists them.
    pub const ALL: [PostKind; 4] = [
        PostKind::UseCase,
        PostKind::Uncertainty,
        PostKind::SuccessStory,
        PostKind::NeedForChange,
    ];

    /// The stored value.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::UseCase => "use_case",
            Self::Uncertainty => "uncertainty",
            Self::SuccessStory => "success_story",
            Self::NeedForChange => "need_for_change",
        }
    }

    /// Reads a stored or posted value.
    pub fn parse(value: &str) -> Result<Self, DialogueError> {
        Self::ALL
            .into_iter()
            .find(|k| k.as_str() == value)
            .ok_or(DialogueError::UnknownKind)
    }

    /// German label.
    pub fn label_de(self) -> &'static str {
        match self {
            Self::UseCase => "Anwendungsfall",
            Self::Uncertainty => "Unsicherheit",
            Self::SuccessStory => "Erfolgsgeschichte",
            Self::NeedForChange => "Änderungsbedarf",
        }
    }

    /// Whether posts of this kind are carried into the next review.
    pub fn feeds_review(self) -> bool {
        self == Self::NeedForChange
    }
}

/// Why a post is refused; the text is shown to the user.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum DialogueError {
    /// No text.
    #[error("Bitte schreiben Sie einen Text.")]
    Empty,
    /// Too long.
    #[error("Der Text ist zu lang ({} Zeichen, höchstens {}).", crate::domain::german::number_u(*.chars), crate::domain::german::number_u(*.max))]
    TooLong {
        /// Characters entered (after trimming).
        chars: usize,
        /// The limit.
        max: usize,
    },
    /// A kind that is not one of the four.
    #[error("Bitte wählen Sie, worum es geht (Anwendungsfall, Unsicherheit, Erfolgsgeschichte oder Änderungsbedarf).")]
    UnknownKind,
    /// A reply to a reply.
    #[error("Auf eine Antwort kann nicht erneut geantwortet werden. Bitte antworten Sie auf den Beitrag.")]
    NestedReply,
    /// Nothing adopted yet.
    #[error("Erfahrungen können erst berichtet werden, wenn die Leitlinie verabschiedet ist.")]
    NotAdopted,
    /// Hiding without a reason.
    #[error(
        "Bitte geben Sie einen Grund an, warum der Beitrag ausgeblendet wird. Die verfassende Person sieht diesen Grund."
    )]
    HideReasonMissing,
    /// The moderation reason is too long.
    #[error("Der Grund ist zu lang ({} Zeichen, höchstens {}).", crate::domain::german::number_u(*.chars), crate::domain::german::number_u(*.max))]
    HideReasonTooLong {
        /// Characters entered.
        chars: usize,
        /// The limit.
        max: usize,
    },
}

/// Checks the reason for hiding a post: the same rules as for comments, worded for posts.
pub fn hide_reason(input: &str) -> Result<HideReason, DialogueError> {
    HideReason::parse(input).map_err(|err| match err {
        CommentError::HideReasonTooLong { chars, max } => {
            DialogueError::HideReasonTooLong { chars, max }
        }
        _ => DialogueError::HideReasonMissing,
    })
}

/// Whether the viewer sees the text of a hidden post: its author (with the reason, to know
/// what was objected to) and the people who moderate. Everyone else sees only that it was hidden.
pub fn shows_hidden_text(mine: bool, moderates: bool) -> bool {
    mine || moderates
}

/// Whether a post is carried into the next review: needs for change that were not hidden.
pub fn carried_into_review(kind: Option<PostKind>, hidden: bool) -> bool {
    !hidden && kind.is_some_and(PostKind::feeds_review)
}

/// A checked post text: line breaks normalised, trimmed, not empty, at most [`POST_MAX`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PostBody(String);

impl PostBody {
    /// Checks a text entered by a user.
    pub fn parse(input: &str) -> Result<Self, DialogueError> {
        let text = input.replace("\r\n", "\n").replace('\r', "\n");
        let trimmed = text.trim();
        if trimmed.is_empty() {
            return Err(DialogueError::Empty);
        }
        let chars = trimmed.chars().count();
        if chars > POST_MAX {
            return Err(DialogueError::TooLong {
                chars,
                max: POST_MAX,
            });
        }
        Ok(Self(trimmed.to_owned()))
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// What a new post is: a report of a kind, or a reply to a top-level post.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NewPost {
    /// A top-level report.
    Report(PostKind),
    /// A reply to the post with this id.
    Reply(i64),
}

impl NewPost {
    /// Reads the form: a reply when `parent_id` is given (its kind is ignored), else a report
    /// whose kind must be known. `parent_is_reply` tells whether the parent itself answers
    /// another post (replies go one level deep).
    pub fn parse(
        kind: &str,
        parent_id: Option<i64>,
        parent_is_reply: bool,
    ) -> Result<Self, DialogueError> {
        match parent_id {
            Some(_) if parent_is_reply => Err(DialogueError::NestedReply),
            Some(id) => Ok(Self::Reply(id)),
            None => PostKind::parse(kind).map(Self::Report),
        }
    }
}

/// How many pages `total` items fill (at least one).
pub fn page_count(total: u64) -> u64 {
    total.div_ceil(PAGE_SIZE).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_round_trip_and_have_german_labels() {
        for kind in PostKind::ALL {
            assert_eq!(PostKind::parse(kind.as_str()), Ok(kind));
        }
        let labels: Vec<_> = PostKind::ALL.iter().map(|k| k.label_de()).collect();
        assert_eq!(
            labels,
            [
                "Anwendungsfall",
                "Unsicherheit",
                "Erfolgsgeschichte",
                "Änderungsbedarf"
            ]
        );
        assert_eq!(
            PostKind::parse("NeedForChange"),
            Err(DialogueError::UnknownKind)
        );
    }

    #[test]
    fn only_needs_for_change_feed_the_next_review() {
        let feeding: Vec<_> = PostKind::ALL
            .into_iter()
            .filter(|k| k.feeds_review())
            .collect();
        assert_eq!(feeding, [PostKind::NeedForChange]);
    }

    #[test]
    fn an_empty_or_blank_text_is_refused() {
        assert_eq!(PostBody::parse(""), Err(DialogueError::Empty));
        assert_eq!(PostBody::parse(" \r\n\t "), Err(DialogueError::Empty));
    }

    #[test]
    fn a_text_is_trimmed_and_its_line_breaks_count_once() {
        let body = PostBody::parse("  Zeile 1\r\nZeile 2  ").expect("valid");
        assert_eq!(body.as_str(), "Zeile 1\nZeile 2");
        let at_limit = format!("{}\r\n{}", "ä".repeat(POST_MAX - 2), "ö");
        assert!(PostBody::parse(&at_limit).is_ok());
    }

    #[test]
    fn a_text_over_the_limit_is_refused_with_its_length() {
        let err = PostBody::parse(&"a".repeat(POST_MAX + 1)).expect_err("too long");
        assert_eq!(
            err,
            DialogueError::TooLong {
                chars: 4_001,
                max: 4_000
            }
        );
        assert_eq!(
            err.to_string(),
            "Der Text ist zu lang (4.001 Zeichen, höchstens 4.000)."
        );
    }

    #[test]
    fn a_report_needs_a_known_kind_and_a_reply_ignores_it() {
        assert_eq!(
            NewPost::parse("need_for_change", None, false),
            Ok(NewPost::Report(PostKind::NeedForChange))
        );
        assert_eq!(
            NewPost::parse("", None, false),
            Err(DialogueError::UnknownKind)
        );
        assert_eq!(NewPost::parse("", Some(7), false), Ok(NewPost::Reply(7)));
    }

    #[test]
    fn replies_go_one_level_deep() {
        assert_eq!(
            NewPost::parse("", Some(7), true),
            Err(DialogueError::NestedReply)
        );
    }

    #[test]
    fn hiding_needs_a_reason_worded_for_posts() {
        assert_eq!(hide_reason(" \n "), Err(DialogueError::HideReasonMissing));
        assert!(DialogueError::HideReasonMissing
            .to_string()
            .contains("warum der Beitrag ausgeblendet wird"));
        let long = "x".repeat(crate::domain::comment::HIDE_REASON_MAX + 1);
        assert!(matches!(
            hide_reason(&long),
            Err(DialogueError::HideReasonTooLong { .. })
        ));
        assert_eq!(
            hide_reason("  Beleidigend  ").map(|r| r.as_str().to_owned()),
            Ok("Beleidigend".to_owned())
        );
    }

    #[test]
    fn a_hidden_text_is_shown_only_to_its_author_and_the_moderators() {
        assert!(shows_hidden_text(true, false));
        assert!(shows_hidden_text(false, true));
        assert!(!shows_hidden_text(false, false));
    }

    #[test]
    fn a_hidden_need_for_change_is_not_carried_into_the_review() {
        assert!(carried_into_review(Some(PostKind::NeedForChange), false));
        assert!(!carried_into_review(Some(PostKind::NeedForChange), true));
        assert!(!carried_into_review(Some(PostKind::UseCase), false));
        assert!(!carried_into_review(None, false));
    }

    #[test]
    fn page_count_rounds_up_and_is_at_least_one() {
        assert_eq!(page_count(0), 1);
        assert_eq!(page_count(PAGE_SIZE), 1);
        assert_eq!(page_count(PAGE_SIZE + 1), 2);
    }
}
