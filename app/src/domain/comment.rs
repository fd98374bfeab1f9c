//! Comments in a discourse round: their text, where they are anchored, replies, edits,
//! support (+1), moderation and the guard against submitting the same comment twice.
//!
//! A comment is anchored to a version and a paragraph (`b12`), optionally with the quoted
//! passage. Anchors are never moved by guessing: a version is immutable, so the anchor stays
//! true for the life of the comment.

use crate::domain::round::RoundState;
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use thiserror::Error;

/// The most characters a comment may have (after trimming).
pub const BODY_MAX: usize = 5_000;

/// The most characters a quoted passage may have.
pub const QUOTE_MAX: usize = 1_000;

/// The most characters a moderation reason may have.
pub const HIDE_REASON_MAX: usize = 1_000;

/// Seconds within which the same text by the same author counts as a double submission.
pub const DUPLICATE_WINDOW_SECONDS: i64 = 10;

/// Most digits in a block number (`b999999`); more is not a real paragraph.
const BLOCK_DIGITS_MAX: usize = 6;

/// Why a comment action is refused; the text is shown to the user.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum CommentError {
    /// The text is empty (after trimming).
    #[error("Bitte schreiben Sie einen Kommentar.")]
    Empty,
    /// The text is too long.
    #[error("Der Kommentar ist zu lang ({} Zeichen, höchstens {}).", crate::domain::german::number_u(*.chars), crate::domain::german::number_u(*.max))]
    TooLong {
        /// Characters entered (after trimming).
        chars: usize,
        /// The limit.
        max: usize,
    },
    /// The paragraph id is not of the form `b12`.
    #[error("Der Absatz, auf den sich der Kommentar bezieht, ist unbekannt.")]
    InvalidBlock,
    /// The quoted passage is too long.
    #[error(
        "Die markierte Textstelle ist zu lang ({} Zeichen, höchstens {}). Bitte markieren Sie eine kürzere Stelle oder kommentieren Sie den ganzen Absatz.", crate::domain::german::number_u(*.chars), crate::domain::german::number_u(*.max)
    )]
    QuoteTooLong {
        /// Characters selected.
        chars: usize,
        /// The limit.
        max: usize,
    },
    /// The quoted passage does not occur in the paragraph.
    #[error(
        "Die markierte Textstelle steht nicht in diesem Absatz. Bitte kommentieren Sie den ganzen Absatz."
    )]
    QuoteNotFound,
    /// Replies go one level deep.
    #[error(
        "Auf eine Antwort kann nicht weiter geantwortet werden. Bitte antworten Sie auf den ursprünglichen Kommentar."
    )]
    ReplyToReply,
    /// Someone else's comment.
    #[error("Sie können nur Ihre eigenen Kommentare bearbeiten.")]
    NotAuthor,
    /// The project group has answered the comment.
    #[error(
        "Die Projektgruppe hat diesen Kommentar bereits beantwortet; er kann nicht mehr geändert werden."
    )]
    AlreadyAnswered,
    /// Editing outside the open round.
    #[error("Die Runde ist nicht offen; Kommentare können jetzt nicht geändert werden.")]
    EditOutsideRound,
    /// Supporting outside the open round.
    #[error("Kommentare können nur unterstützt werden, solange die Runde offen ist.")]
    SupportOutsideRound,
    /// Supporting one's own comment.
    #[error("Ihren eigenen Kommentar können Sie nicht unterstützen.")]
    OwnComment,
    /// Anonymous comments are not enabled for the process.
    #[error("In diesem Prozess sind keine anonymen Kommentare vorgesehen.")]
    AnonymousNotAllowed,
    /// Hiding without a reason.
    #[error(
        "Bitte geben Sie einen Grund an, warum der Kommentar ausgeblendet wird. Die verfassende Person sieht diesen Grund."
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

/// Line breaks as one `\n`: browsers post `\r\n`, which would count twice against the limit
/// a `maxlength` attribute counts once, and would make equal texts hash differently.
fn normalise_newlines(input: &str) -> String {
    input.replace("\r\n", "\n").replace('\r', "\n")
}

/// A checked comment text: line breaks normalised, trimmed, not empty, at most [`BODY_MAX`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct CommentBody(String);

impl CommentBody {
    /// Checks a comment text entered by a user.
    pub fn parse(input: &str) -> Result<Self, CommentError> {
        let text = normalise_newlines(input);
        let trimmed = text.trim();
        if trimmed.is_empty() {
            return Err(CommentError::Empty);
        }
        let chars = trimmed.chars().count();
        if chars > BODY_MAX {
            return Err(CommentError::TooLong {
                chars,
                max: BODY_MAX,
            });
        }
        Ok(Self(trimmed.to_owned()))
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Hex SHA-256 of the text, for the duplicate-submission guard.
    #[cfg(feature = "ssr")]
    pub fn fingerprint(&self) -> String {
        use sha2::{Digest, Sha256};
        format!("{:x}", Sha256::digest(self.0.as_bytes()))
    }
}

impl TryFrom<String> for CommentBody {
    type Error = CommentError;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<CommentBody> for String {
    fn from(body: CommentBody) -> Self {
        body.0
    }
}

/// Whether `id` is a paragraph id as the Markdown renderer numbers them: `b1`, `b2`, …
pub fn is_block_id(id: &str) -> bool {
    let Some(digits) = id.strip_prefix('b') else {
        return false;
    };
    !digits.is_empty()
        && digits.len() <= BLOCK_DIGITS_MAX
        && !digits.starts_with('0')
        && digits.bytes().all(|b| b.is_ascii_digit())
}

/// Where a comment points: a version, a paragraph and, optionally, a quoted passage in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "RawAnchor")]
pub struct Anchor {
    version_id: i64,
    block_id: String,
    quote: Option<String>,
}

/// The unchecked wire form of an [`Anchor`]; deserialising checks it again.
#[derive(Deserialize)]
struct RawAnchor {
    version_id: i64,
    block_id: String,
    quote: Option<String>,
}

impl TryFrom<RawAnchor> for Anchor {
    type Error = CommentError;

    fn try_from(raw: RawAnchor) -> Result<Self, Self::Error> {
        Self::parse(raw.version_id, &raw.block_id, raw.quote.as_deref())
    }
}

impl Anchor {
    /// Checks an anchor from the comment form.
    ///
    /// A blank quote means a comment on the whole paragraph: that is the fallback when a
    /// passage cannot be selected (keyboard, phone), so an empty hidden field is not an error.
    pub fn parse(
        version_id: i64,
        block_id: &str,
        quote: Option<&str>,
    ) -> Result<Self, CommentError> {
        let block_id = block_id.trim();
        if !is_block_id(block_id) {
            return Err(CommentError::InvalidBlock);
        }
        let quote = match quote.map(str::trim).filter(|q| !q.is_empty()) {
            None => None,
            Some(q) => {
                let chars = q.chars().count();
                if chars > QUOTE_MAX {
                    return Err(CommentError::QuoteTooLong {
                        chars,
                        max: QUOTE_MAX,
                    });
                }
                Some(q.to_owned())
            }
        };
        Ok(Self {
            version_id,
            block_id: block_id.to_owned(),
            quote,
        })
    }

    /// The version commented on.
    pub fn version_id(&self) -> i64 {
        self.version_id
    }

    /// The paragraph id, e.g. `b12`.
    pub fn block_id(&self) -> &str {
        &self.block_id
    }

    /// The quoted passage, if one was selected.
    pub fn quote(&self) -> Option<&str> {
        self.quote.as_deref()
    }

    /// Checks that the quote occurs in the paragraph's plain text. Runs of whitespace count as
    /// one space, because a browser selection across a line break reports it differently.
    pub fn check_quote_in(&self, block_text: &str) -> Result<(), CommentError> {
        match &self.quote {
            None => Ok(()),
            Some(quote) if collapse(block_text).contains(&collapse(quote)) => Ok(()),
            Some(_) => Err(CommentError::QuoteNotFound),
        }
    }
}

/// Whitespace runs as single spaces, trimmed.
fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Checks a reply: threads are one level deep, so a reply to a reply is refused.
pub fn check_reply(parent_is_reply: bool) -> Result<(), CommentError> {
    if parent_is_reply {
        Err(CommentError::ReplyToReply)
    } else {
        Ok(())
    }
}

/// Whether `viewer_id` may edit a comment: only its author, only before the project group has
/// given it a disposition (the answer refers to the text as it was), only while the round is
/// open. Anonymous comments keep their author id internally, so the author can edit them too.
pub fn may_edit(
    author_id: i64,
    viewer_id: i64,
    has_disposition: bool,
    round_state: RoundState,
) -> Result<(), CommentError> {
    if author_id != viewer_id {
        return Err(CommentError::NotAuthor);
    }
    if has_disposition {
        return Err(CommentError::AlreadyAnswered);
    }
    if round_state != RoundState::Open {
        return Err(CommentError::EditOutsideRound);
    }
    Ok(())
}

/// Checks a request to comment anonymously against the process setting.
pub fn check_anonymous(requested: bool, process_allows: bool) -> Result<(), CommentError> {
    if requested && !process_allows {
        Err(CommentError::AnonymousNotAllowed)
    } else {
        Ok(())
    }
}

/// Whether a viewer is shown a comment's author. Anonymous authors are hidden from everyone
/// but themselves — project group and coordinators included — in pages and exports alike.
pub fn shows_author(anonymous: bool, viewer_is_author: bool) -> bool {
    !anonymous || viewer_is_author
}

/// What a click on "unterstützen" does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum SupportChange {
    /// Add this person's support.
    Add,
    /// Withdraw this person's support.
    Withdraw,
}

/// Decides a click on the support button: once per person, withdrawable, while the round is open.
///
/// Authors cannot support their own comment: the support count tells the project group how
/// many *other* people share a point, and an author's own +1 would add one to every comment
/// without saying anything. After the deadline counts are frozen, because the dispositions
/// and the report refer to them.
pub fn toggle_support(
    already_supported: bool,
    is_author: bool,
    round_state: RoundState,
) -> Result<SupportChange, CommentError> {
    if round_state != RoundState::Open {
        return Err(CommentError::SupportOutsideRound);
    }
    if already_supported {
        // Withdrawing is always allowed, even for support recorded before this rule existed.
        return Ok(SupportChange::Withdraw);
    }
    if is_author {
        return Err(CommentError::OwnComment);
    }
    Ok(SupportChange::Add)
}

/// A checked reason for hiding a comment; shown to its author and in the report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct HideReason(String);

impl HideReason {
    /// Trims and checks a moderation reason.
    pub fn parse(input: &str) -> Result<Self, CommentError> {
        let trimmed = input.trim();
        if trimmed.is_empty() {
            return Err(CommentError::HideReasonMissing);
        }
        let chars = trimmed.chars().count();
        if chars > HIDE_REASON_MAX {
            return Err(CommentError::HideReasonTooLong {
                chars,
                max: HIDE_REASON_MAX,
            });
        }
        Ok(Self(trimmed.to_owned()))
    }

    /// The reason text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for HideReason {
    type Error = CommentError;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<HideReason> for String {
    fn from(reason: HideReason) -> Self {
        reason.0
    }
}

/// The author's most recent comment, as far as the duplicate guard needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecentSubmission {
    /// Who wrote it.
    pub author_id: i64,
    /// [`CommentBody::fingerprint`] of its text.
    pub body_hash: String,
    /// When it was stored.
    pub at: DateTime<Utc>,
}

/// Whether a new comment repeats `previous` (same author, same text) within
/// [`DUPLICATE_WINDOW_SECONDS`]: a double click or a re-sent form. The caller then shows the
/// stored comment instead of creating a second one. Clocks of several app instances may
/// differ slightly, so the window counts in both directions.
pub fn is_duplicate(
    previous: Option<&RecentSubmission>,
    author_id: i64,
    body_hash: &str,
    now: DateTime<Utc>,
) -> bool {
    previous.is_some_and(|p| {
        p.author_id == author_id
            && p.body_hash == body_hash
            && (now - p.at).abs() <= Duration::seconds(DUPLICATE_WINDOW_SECONDS)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(rfc3339: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(rfc3339)
            .expect("valid test instant")
            .with_timezone(&Utc)
    }

    #[test]
    fn a_comment_is_trimmed_and_must_not_be_empty() {
        assert_eq!(
            CommentBody::parse("  Gute Idee.\n ").map(|b| b.as_str().to_owned()),
            Ok("Gute Idee.".to_owned())
        );
        for blank in ["", "   ", "\r\n\t "] {
            assert_eq!(CommentBody::parse(blank), Err(CommentError::Empty));
        }
        assert_eq!(
            CommentError::Empty.to_string(),
            "Bitte schreiben Sie einen Kommentar."
        );
    }

    #[test]
    fn a_comment_may_have_five_thousand_characters_but_not_more() {
        assert!(CommentBody::parse(&"ü".repeat(BODY_MAX)).is_ok());
        let err = CommentBody::parse(&"ü".repeat(BODY_MAX + 1)).expect_err("too long");
        assert_eq!(
            err,
            CommentError::TooLong {
                chars: 5_001,
                max: 5_000
            }
        );
        assert_eq!(
            err.to_string(),
            "Der Kommentar ist zu lang (5.001 Zeichen, höchstens 5.000)."
        );
    }

    #[test]
    fn browser_line_breaks_count_as_one_character() {
        let posted = format!("{}\r\n{}", "a".repeat(2_500), "b".repeat(2_499));
        let body = CommentBody::parse(&posted).expect("5,000 characters with one line break");
        assert_eq!(body.as_str().chars().count(), BODY_MAX);
        assert!(!body.as_str().contains('\r'));
    }

    #[test]
    fn a_comment_body_from_the_wire_is_checked_again() {
        assert!(serde_json::from_str::<CommentBody>(r#""  ""#).is_err());
        let body: CommentBody = serde_json::from_str(r#"" Danke ""#).expect("valid");
        assert_eq!(body.as_str(), "Danke");
        assert_eq!(
            serde_json::to_string(&body).ok().as_deref(),
            Some(r#""Danke""#)
        );
    }

    #[test]
    fn block_ids_look_like_b_and_a_number() {
        for ok in ["b1", "b12", "b999999"] {
            assert!(is_block_id(ok), "{ok}");
        }
        for bad in [
            "", "b", "b0", "b01", "B1", "12", "b1a", "b-1", "b1234567", "b１",
        ] {
            assert!(!is_block_id(bad), "{bad}");
        }
    }

    #[test]
    fn an_anchor_points_to_a_version_and_paragraph() {
        let anchor = Anchor::parse(7, " b12 ", None).expect("valid");
        assert_eq!(anchor.version_id(), 7);
        assert_eq!(anchor.block_id(), "b12");
        assert_eq!(anchor.quote(), None);
        assert_eq!(
            Anchor::parse(7, "abschnitt-2", None),
            Err(CommentError::InvalidBlock)
        );
    }

    #[test]
    fn a_blank_quote_means_a_comment_on_the_whole_paragraph() {
        let anchor = Anchor::parse(7, "b3", Some("  \n ")).expect("valid");
        assert_eq!(anchor.quote(), None);
    }

    #[test]
    fn a_quote_is_trimmed_and_at_most_one_thousand_characters() {
        let anchor = Anchor::parse(7, "b3", Some("  personenbezogene Daten ")).expect("valid");
        assert_eq!(anchor.quote(), Some("personenbezogene Daten"));
        assert!(Anchor::parse(7, "b3", Some(&"x".repeat(QUOTE_MAX))).is_ok());
        assert_eq!(
            Anchor::parse(7, "b3", Some(&"x".repeat(QUOTE_MAX + 1))),
            Err(CommentError::QuoteTooLong {
                chars: 1_001,
                max: 1_000
            })
        );
    }

    #[test]
    fn a_quote_must_occur_in_its_paragraph_ignoring_line_breaks() {
        let block =
            "Personenbezogene Daten von Klientinnen\nund Klienten gehören nicht in KI-Werkzeuge.";
        let found = Anchor::parse(1, "b2", Some("Klientinnen und  Klienten")).expect("valid");
        assert_eq!(found.check_quote_in(block), Ok(()));
        let missing = Anchor::parse(1, "b2", Some("Mitarbeitende")).expect("valid");
        assert_eq!(
            missing.check_quote_in(block),
            Err(CommentError::QuoteNotFound)
        );
        let paragraph = Anchor::parse(1, "b2", None).expect("valid");
        assert_eq!(paragraph.check_quote_in(block), Ok(()));
    }

    #[test]
    fn an_anchor_from_the_wire_is_checked_again() {
        let bad = serde_json::from_str::<Anchor>(
            r#"{"version_id":1,"block_id":"<script>","quote":null}"#,
        );
        assert!(bad.is_err());
        let good: Anchor =
            serde_json::from_str(r#"{"version_id":1,"block_id":"b4","quote":"Text"}"#)
                .expect("valid");
        assert_eq!(good.quote(), Some("Text"));
    }

    #[test]
    fn one_may_reply_to_a_comment_but_not_to_a_reply() {
        assert_eq!(check_reply(false), Ok(()));
        assert_eq!(check_reply(true), Err(CommentError::ReplyToReply));
    }

    #[test]
    fn anonymous_comments_need_the_process_setting() {
        assert_eq!(check_anonymous(true, true), Ok(()));
        assert_eq!(check_anonymous(false, false), Ok(()));
        assert_eq!(
            check_anonymous(true, false),
            Err(CommentError::AnonymousNotAllowed)
        );
    }

    #[test]
    fn an_anonymous_author_is_shown_only_to_themselves() {
        assert!(shows_author(false, false));
        assert!(shows_author(true, true));
        assert!(!shows_author(true, false));
    }

    #[test]
    fn the_author_may_edit_an_unanswered_comment_while_the_round_is_open() {
        assert_eq!(may_edit(5, 5, false, RoundState::Open), Ok(()));
    }

    #[test]
    fn nobody_else_may_edit_a_comment() {
        assert_eq!(
            may_edit(5, 6, false, RoundState::Open),
            Err(CommentError::NotAuthor)
        );
    }

    #[test]
    fn a_comment_with_a_disposition_cannot_be_edited() {
        assert_eq!(
            may_edit(5, 5, true, RoundState::Open),
            Err(CommentError::AlreadyAnswered)
        );
        assert_eq!(
            may_edit(5, 5, true, RoundState::AwaitingDispositions),
            Err(CommentError::AlreadyAnswered)
        );
    }

    #[test]
    fn a_comment_cannot_be_edited_outside_the_open_round() {
        for state in [
            RoundState::Scheduled,
            RoundState::AwaitingDispositions,
            RoundState::Closed,
        ] {
            assert_eq!(
                may_edit(5, 5, false, state),
                Err(CommentError::EditOutsideRound),
                "{state:?}"
            );
        }
    }

    #[test]
    fn support_is_given_once_and_can_be_withdrawn() {
        assert_eq!(
            toggle_support(false, false, RoundState::Open),
            Ok(SupportChange::Add)
        );
        assert_eq!(
            toggle_support(true, false, RoundState::Open),
            Ok(SupportChange::Withdraw)
        );
    }

    #[test]
    fn authors_cannot_support_their_own_comment() {
        assert_eq!(
            toggle_support(false, true, RoundState::Open),
            Err(CommentError::OwnComment)
        );
        assert_eq!(
            toggle_support(true, true, RoundState::Open),
            Ok(SupportChange::Withdraw)
        );
    }

    #[test]
    fn support_is_frozen_outside_the_open_round() {
        for state in [
            RoundState::Scheduled,
            RoundState::AwaitingDispositions,
            RoundState::Closed,
        ] {
            for already in [false, true] {
                assert_eq!(
                    toggle_support(already, false, state),
                    Err(CommentError::SupportOutsideRound)
                );
            }
        }
    }

    #[test]
    fn hiding_a_comment_requires_a_reason() {
        assert_eq!(
            HideReason::parse("  "),
            Err(CommentError::HideReasonMissing)
        );
        assert_eq!(
            HideReason::parse(" Beleidigend ").map(|r| r.as_str().to_owned()),
            Ok("Beleidigend".to_owned())
        );
        assert_eq!(
            HideReason::parse(&"x".repeat(HIDE_REASON_MAX + 1)),
            Err(CommentError::HideReasonTooLong {
                chars: 1_001,
                max: 1_000
            })
        );
    }

    fn recent(author_id: i64, hash: &str, when: &str) -> RecentSubmission {
        RecentSubmission {
            author_id,
            body_hash: hash.to_owned(),
            at: at(when),
        }
    }

    #[test]
    fn the_same_text_by_the_same_author_within_ten_seconds_is_a_duplicate() {
        let prev = recent(5, "abc", "2026-11-21T10:00:00Z");
        assert!(is_duplicate(
            Some(&prev),
            5,
            "abc",
            at("2026-11-21T10:00:00Z")
        ));
        assert!(is_duplicate(
            Some(&prev),
            5,
            "abc",
            at("2026-11-21T10:00:10Z")
        ));
        assert!(!is_duplicate(
            Some(&prev),
            5,
            "abc",
            at("2026-11-21T10:00:11Z")
        ));
    }

    #[test]
    fn another_text_or_another_author_is_not_a_duplicate() {
        let prev = recent(5, "abc", "2026-11-21T10:00:00Z");
        let now = at("2026-11-21T10:00:02Z");
        assert!(!is_duplicate(Some(&prev), 5, "abd", now));
        assert!(!is_duplicate(Some(&prev), 6, "abc", now));
        assert!(!is_duplicate(None, 5, "abc", now));
    }

    #[test]
    fn a_previous_submission_slightly_in_the_future_still_counts() {
        let prev = recent(5, "abc", "2026-11-21T10:00:03Z");
        assert!(is_duplicate(
            Some(&prev),
            5,
            "abc",
            at("2026-11-21T10:00:00Z")
        ));
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn equal_texts_have_equal_fingerprints_whatever_the_line_breaks() {
        let a = CommentBody::parse("Zeile 1\r\nZeile 2").expect("valid");
        let b = CommentBody::parse(" Zeile 1\nZeile 2 ").expect("valid");
        let c = CommentBody::parse("Zeile 1 Zeile 2").expect("valid");
        assert_eq!(a.fingerprint(), b.fingerprint());
        assert_ne!(a.fingerprint(), c.fingerprint());
        assert_eq!(a.fingerprint().len(), 64);
    }
}
