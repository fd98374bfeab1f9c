//! Dispositions (step 3, after commenting): the project group answers every comment of a round,
//! one at a time or several at once, closes the round when all are answered, publishes the
//! feedback report ("Rückmeldebericht") and links (partly) accepted comments to the sections of
//! the next version they changed. Authors follow their comments on "Meine Kommentare".
//!
//! DTOs and server functions live here; the database services in [`ssr`]; the pages in
//! [`pages`]. The rules are in `domain::disposition` and `domain::round::check_close`.

pub mod pages;
#[cfg(feature = "ssr")]
pub mod ssr;

use crate::domain::disposition::{Disposition, DispositionTotals};
use crate::error::AppError;
use crate::process::ProcessHead;
use crate::round::RoundSummary;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

pub use crate::round::{sections_of_blocks, ChangeLink, SectionRef};

/// Comments per page of the disposition list.
pub const DISPOSITION_PAGE_SIZE: usize = 50;

/// Which comments the disposition list shows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum StatusFilter {
    /// All comments that need an answer.
    #[default]
    All,
    /// Only those without a disposition.
    Open,
    /// Only those with one.
    Answered,
}

impl StatusFilter {
    /// Reads the query value (`offen`, `beantwortet`; anything else is all).
    pub fn parse(value: &str) -> Self {
        match value {
            "offen" => Self::Open,
            "beantwortet" => Self::Answered,
            _ => Self::All,
        }
    }

    /// The query value written by the filter form.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::All => "",
            Self::Open => "offen",
            Self::Answered => "beantwortet",
        }
    }

    /// Whether a comment with or without a disposition passes the filter.
    pub fn admits(self, answered: bool) -> bool {
        match self {
            Self::All => true,
            Self::Open => !answered,
            Self::Answered => answered,
        }
    }
}

/// A section of a later version that a comment can be linked to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinkTarget {
    /// The version's number.
    pub version_number: i32,
    /// The section's anchor.
    pub anchor: String,
    /// The section's heading.
    pub title: String,
}

/// A comment in the disposition list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DispositionItem {
    /// Comment id.
    pub id: i64,
    /// The paragraph.
    pub block_id: String,
    /// The section's heading.
    pub section: String,
    /// The quoted passage, if any.
    pub quote: Option<String>,
    /// The author's name; `None` for anonymous comments.
    pub author: Option<String>,
    /// The text.
    pub body: String,
    /// Number of supporters.
    pub supports: u64,
    /// Number of replies.
    pub replies: u64,
    /// The answer, if given.
    pub disposition: Option<Disposition>,
    /// Its reason.
    pub reason: Option<String>,
    /// Sections of later versions this comment changed.
    pub links: Vec<ChangeLink>,
}

/// The disposition page's data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DispositionList {
    /// The process.
    pub process: ProcessHead,
    /// The round.
    pub round: RoundSummary,
    /// The comments of this page.
    pub items: Vec<DispositionItem>,
    /// This page (1-based).
    pub page: usize,
    /// Number of pages for the filter (at least 1).
    pub pages: usize,
    /// Comments matching the filter.
    pub matching: usize,
    /// Totals of the whole round.
    pub totals: DispositionTotals,
    /// "143 von 210 beantwortet".
    pub progress: String,
    /// Whether answers can still be given (the round is not closed).
    pub can_decide: bool,
    /// Whether the round can be closed now (deadline passed, every comment answered).
    pub can_close: bool,
    /// Why the round cannot be closed yet (German), when it is not closed.
    pub close_hint: Option<String>,
    /// The sections of the version, for the filter.
    pub sections: Vec<SectionRef>,
    /// Sections of later versions, for linking accepted comments.
    pub link_targets: Vec<LinkTarget>,
}

/// One comment in the feedback report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportComment {
    /// Comment id (the `#kommentar-…` anchor).
    pub id: i64,
    /// The quoted passage, if any.
    pub quote: Option<String>,
    /// The text; empty for hidden comments.
    pub body: String,
    /// Number of supporters.
    pub supports: u64,
    /// The answer (none for hidden or still open comments).
    pub disposition: Option<Disposition>,
    /// Its reason.
    pub reason: Option<String>,
    /// The moderation reason of a hidden comment.
    pub hidden_reason: Option<String>,
}

/// One section of the feedback report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportSection {
    /// The section's heading.
    pub title: String,
    /// Its comments in the order they were written.
    pub comments: Vec<ReportComment>,
}

/// The feedback report of a round.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Report {
    /// The process.
    pub process: ProcessHead,
    /// The round.
    pub round: RoundSummary,
    /// Whether the round is closed (otherwise the project group sees a draft).
    pub final_report: bool,
    /// Totals per disposition.
    pub totals: DispositionTotals,
    /// Sections with comments, in the order of the version.
    pub sections: Vec<ReportSection>,
}

/// One of the viewer's own comments with what became of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyComment {
    /// Comment id.
    pub id: i64,
    /// The process.
    pub process_id: i64,
    /// Its title.
    pub process_title: String,
    /// The round.
    pub round_id: i64,
    /// The version commented on.
    pub version_number: i32,
    /// The quoted passage, if any.
    pub quote: Option<String>,
    /// The text.
    pub body: String,
    /// Whether it was posted anonymously.
    pub anonymous: bool,
    /// Whether it is a reply.
    pub reply: bool,
    /// When it was written (German local time).
    pub created_at: String,
    /// The answer, if given.
    pub disposition: Option<Disposition>,
    /// Its reason.
    pub reason: Option<String>,
    /// The moderation reason if it was hidden.
    pub hidden_reason: Option<String>,
    /// The changes it led to.
    pub links: Vec<ChangeLink>,
}

/// The comments linked to one section of a version, for the compare page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinkedComment {
    /// Comment id.
    pub id: i64,
    /// The process (for the link to the report).
    pub process_id: i64,
    /// The round (the comment's page is the round's disposition list).
    pub round_id: i64,
    /// The first words of the comment.
    pub snippet: String,
    /// The answer.
    pub disposition: Disposition,
}

/// Reads a list of comment ids posted as `12,13,14` (the bulk form's hidden field).
pub fn parse_ids(value: &str) -> Result<Vec<i64>, AppError> {
    let ids = value
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|s| !s.is_empty())
        .map(|s| s.parse::<i64>().map_err(|_| AppError::BadRequest))
        .collect::<Result<Vec<_>, _>>()?;
    if ids.is_empty() {
        return Err(AppError::Invalid(
            "Bitte wählen Sie mindestens einen Kommentar aus.".into(),
        ));
    }
    Ok(ids)
}

/// The address to send a browser back to after a plain form post, from its `Referer`: only a
/// path of this app's process pages (no open redirect), otherwise `fallback`.
pub fn back_target(referer: Option<&str>, fallback: &str) -> String {
    referer
        .and_then(|r| r.split_once("://"))
        .and_then(|(_, rest)| rest.find('/').map(|i| rest[i..].to_owned()))
        .filter(|path| path.starts_with("/prozesse/") && !path.contains("//"))
        .unwrap_or_else(|| fallback.to_owned())
}

/// After a plain form post (no JavaScript yet), sends the browser back to the page it came
/// from; calls from the running app get their answer as data and reload the list themselves.
#[cfg(feature = "ssr")]
async fn back_without_js(fallback: &str) {
    if let Some(headers) = crate::flash::plain_form_post().await {
        let referer = headers
            .get(http::header::REFERER)
            .and_then(|v| v.to_str().ok());
        leptos_axum::redirect(&back_target(referer, fallback));
    }
}

/// The disposition list of a round: page `page` (1-based) of the top-level, visible comments,
/// filtered by section (`section` = heading paragraph id, empty = all), status and "mine".
/// Project group only.
#[server(prefix = "/api", endpoint = "list_dispositions")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "list_dispositions", skip_all, fields(round_id = round_id)))]
pub async fn list_dispositions(
    round_id: i64,
    section: String,
    status: String,
    mine: bool,
    page: usize,
) -> Result<DispositionList, AppError> {
    let me = crate::auth::ssr::require_user().await?;
    let filter = ssr::ListFilter {
        section: Some(section.trim().to_owned()).filter(|s| !s.is_empty()),
        status: StatusFilter::parse(status.trim()),
        mine,
        page: page.max(1),
    };
    ssr::list(&crate::state::app_state()?.db, &me, round_id, filter).await
}

/// Gives one or several comments (`comment_ids` = `12,13,14`) the same disposition `kind`
/// (`accepted`, `partly_accepted`, `not_accepted`, `deferred`) with a reason (required for all
/// but accepted); returns how many were answered. Project group only, until the round is closed.
#[server(prefix = "/api", endpoint = "decide_comments")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "decide_comments", skip_all, fields(round_id = round_id)))]
pub async fn decide_comments(
    round_id: i64,
    comment_ids: String,
    kind: String,
    reason: String,
) -> Result<usize, AppError> {
    use crate::domain::disposition::DispositionDecision;
    let me = crate::auth::ssr::require_user().await?;
    let db = &crate::state::app_state()?.db;
    let round = ssr::require_round(
        db,
        &me,
        round_id,
        crate::domain::access::ProcessAction::Decide,
    )
    .await?;
    let ids = parse_ids(&comment_ids)?;
    let kind = Disposition::parse(kind.trim()).map_err(AppError::invalid)?;
    let decision = DispositionDecision::parse(kind, &reason).map_err(AppError::invalid)?;
    let answered = ssr::decide(db, &me, &round, &ids, &decision).await?;
    back_without_js(&ssr::list_path(&round.round)).await;
    Ok(answered)
}

/// Closes a round: refused while comments lack a disposition (the message says how many).
/// Project group only, after the deadline.
#[server(prefix = "/api", endpoint = "close_round")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "close_round", skip_all, fields(round_id = round_id)))]
pub async fn close_round(round_id: i64) -> Result<(), AppError> {
    let me = crate::auth::ssr::require_user().await?;
    let db = &crate::state::app_state()?.db;
    let round = ssr::require_round(
        db,
        &me,
        round_id,
        crate::domain::access::ProcessAction::CloseRound,
    )
    .await?;
    ssr::close(db, &me, &round).await?;
    back_without_js(&ssr::list_path(&round.round)).await;
    Ok(())
}

/// The feedback report of a round: for the round's audience once the round is closed (409
/// before), for the project group at any time as a draft.
#[server(prefix = "/api", endpoint = "get_report")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "get_report", skip_all, fields(process_id = process_id, round_id = round_id)))]
pub async fn get_report(process_id: i64, round_id: i64) -> Result<Report, AppError> {
    let me = crate::auth::ssr::require_user().await?;
    ssr::report(&crate::state::app_state()?.db, &me, process_id, round_id).await
}

/// The viewer's own comments across all rounds, newest first, with dispositions, reasons and
/// the changes they led to. Every signed-in person.
#[server(prefix = "/api", endpoint = "my_comments")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "my_comments", skip_all))]
pub async fn my_comments() -> Result<Vec<MyComment>, AppError> {
    let me = crate::auth::ssr::require_user().await?;
    ssr::mine(&crate::state::app_state()?.db, &me).await
}

/// Links a (partly) accepted comment to a section (`anchor`) of a later version `version_number`
/// of the same process. Project group only.
#[server(prefix = "/api", endpoint = "link_comment_change")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "link_comment_change", skip_all, fields(comment_id = comment_id)))]
pub async fn link_comment_change(comment_id: i64, target: String) -> Result<(), AppError> {
    let me = crate::auth::ssr::require_user().await?;
    let (number, anchor) = target
        .split_once(':')
        .and_then(|(n, a)| Some((n.parse::<i32>().ok()?, a.to_owned())))
        .ok_or_else(|| AppError::Invalid("Bitte wählen Sie einen Abschnitt aus.".into()))?;
    let db = &crate::state::app_state()?.db;
    let round = ssr::link(db, &me, comment_id, number, &anchor).await?;
    back_without_js(&ssr::list_path(&round)).await;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::round::HtmlBlock;

    fn block(id: &str, html: &str) -> HtmlBlock {
        HtmlBlock {
            id: id.into(),
            html: html.into(),
        }
    }

    #[test]
    fn paragraphs_belong_to_the_heading_before_them() {
        let blocks = [
            block("b1", "<p data-block=\"b1\">Vorwort</p>"),
            block("b2", "<h1 data-block=\"b2\" id=\"ziele\">Ziele</h1>"),
            block("b3", "<p data-block=\"b3\">Text</p>"),
            block(
                "b4",
                "<h2 data-block=\"b4\" id=\"daten\">Daten &amp; Schutz</h2>",
            ),
            block("b5", "<h3 data-block=\"b5\">Unterpunkt</h3>"),
        ];
        let sections: Vec<(String, String, String)> = sections_of_blocks(&blocks)
            .into_iter()
            .map(|(b, s)| (b, s.id, s.title))
            .collect();
        let expect = |b: &str, s: &str, t: &str| (b.to_owned(), s.to_owned(), t.to_owned());
        assert_eq!(
            sections,
            [
                expect("b1", "b1", "Einleitung"),
                expect("b2", "b2", "Ziele"),
                expect("b3", "b2", "Ziele"),
                expect("b4", "b4", "Daten & Schutz"),
                expect("b5", "b4", "Daten & Schutz"),
            ]
        );
    }

    #[test]
    fn the_status_filter_reads_its_query_values() {
        assert_eq!(StatusFilter::parse("offen"), StatusFilter::Open);
        assert_eq!(StatusFilter::parse("beantwortet"), StatusFilter::Answered);
        assert_eq!(StatusFilter::parse(""), StatusFilter::All);
        assert!(StatusFilter::Open.admits(false));
        assert!(!StatusFilter::Open.admits(true));
        assert!(StatusFilter::Answered.admits(true));
        assert!(StatusFilter::All.admits(false));
    }

    #[test]
    fn bulk_ids_are_read_from_a_comma_separated_list() {
        assert_eq!(parse_ids("3, 5,8").expect("ids"), vec![3, 5, 8]);
        assert_eq!(parse_ids("x"), Err(AppError::BadRequest));
        assert!(matches!(parse_ids(" "), Err(AppError::Invalid(_))));
    }

    #[test]
    fn a_plain_form_returns_only_to_a_process_page_of_this_app() {
        let fallback = "/prozesse/1/runden/2/rueckmeldungen";
        assert_eq!(
            back_target(
                Some("http://127.0.0.1:3000/prozesse/1/runden/2/rueckmeldungen?seite=3"),
                fallback
            ),
            "/prozesse/1/runden/2/rueckmeldungen?seite=3"
        );
        assert_eq!(
            back_target(Some("https://evil.example/x"), fallback),
            fallback
        );
        assert_eq!(
            back_target(Some("https://a.de//evil.example/prozesse/"), fallback),
            fallback
        );
        assert_eq!(back_target(None, fallback), fallback);
    }

    #[test]
    fn a_change_link_points_into_the_comparison_with_the_previous_version() {
        let link = ChangeLink {
            process_id: 4,
            version_number: 3,
            anchor: "daten".into(),
            title: "Daten".into(),
        };
        assert_eq!(link.href(), "/prozesse/4/vergleich?von=2&zu=3#diff-daten");
    }
}
