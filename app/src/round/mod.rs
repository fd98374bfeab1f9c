//! Discourse rounds (step 3): the project group opens a round on the latest published version;
//! the round's audience comments on paragraphs (or a quoted passage), replies, supports and
//! edits; the project group hides comments that break the rules.
//!
//! DTOs, the paragraph splitting of a version's HTML and the server functions live here; the
//! database services in [`ssr`]; the pages in [`pages`]. The rules themselves are in
//! `domain::round` and `domain::comment`.

#[cfg(feature = "ssr")]
pub mod changes;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod ssr;

use crate::domain::comment::SupportChange;
use crate::domain::round::RoundState;
use crate::error::AppError;
use crate::process::ProcessHead;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// Top-level comments per page; replies come with their comment.
pub const COMMENT_PAGE_SIZE: u64 = 50;

/// Top-level comments per paragraph that the round page renders with the page itself; the
/// rest load in batches of [`COMMENT_PAGE_SIZE`] ("weitere N anzeigen").
pub const FIRST_COMMENTS_PER_BLOCK: usize = 3;

/// Comments per page of the list of all comments of a round.
pub const COMMENT_LIST_PAGE_SIZE: usize = 50;

/// A round as lists and headers show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoundSummary {
    /// Round id.
    pub id: i64,
    /// The number of the version under discussion.
    pub version_number: i32,
    /// Scheduled, open, awaiting dispositions or closed.
    pub state: RoundState,
    /// Start (German local time).
    pub starts_at: String,
    /// Deadline (German local time).
    pub deadline: String,
    /// "noch 9 Tage" while the round runs.
    pub remaining: Option<String>,
    /// Who may take part, in German.
    pub audience: String,
    /// Whether comments may be anonymous.
    pub anonymous_allowed: bool,
}

/// The rounds page's data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoundList {
    /// The process.
    pub process: ProcessHead,
    /// Rounds, newest first (only those whose audience includes the viewer).
    pub rounds: Vec<RoundSummary>,
    /// The latest published version, which a new round would discuss.
    pub latest_version: Option<i32>,
    /// Team names in use by accounts, offered for a team audience (project group only).
    #[serde(default)]
    pub known_teams: Vec<String>,
}

/// The dashboard banner of an open round.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpenRoundBanner {
    /// Process id.
    pub process_id: i64,
    /// Round id.
    pub round_id: i64,
    /// Process title.
    pub title: String,
    /// The version under discussion.
    pub version_number: i32,
    /// "noch 9 Tage".
    pub remaining: String,
}

/// One top-level paragraph of a version with its comment count.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BlockView {
    /// Paragraph id, e.g. `b12`.
    pub id: String,
    /// 1-based position, for the button's accessible name.
    pub position: usize,
    /// Sanitised HTML of the paragraph (from the stored version).
    pub html: String,
    /// The first words, for the button's accessible name.
    pub snippet: String,
    /// Comments and replies on this paragraph, hidden ones included.
    pub comments: u64,
    /// Top-level comments (threads) on this paragraph.
    pub threads: u64,
    /// The first [`FIRST_COMMENTS_PER_BLOCK`] threads, oldest first, with their replies.
    pub first: Vec<CommentView>,
}

/// One change of a round's schedule, as the round page lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoundChangeView {
    /// "Am 23.11.2026, 14:00 Uhr hat Nora Gruppe die Frist verlängert: vom … auf den …".
    pub text: String,
    /// The reason given.
    pub reason: Option<String>,
}

/// What the project group may change on a round page now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoundManage {
    /// The current deadline's date ("29.11.2026", German local time), for the form.
    pub deadline_date: String,
    /// Its time (`HH:MM`).
    pub deadline_time: String,
    /// Whether the round can be ended early (open) or cancelled (scheduled).
    pub can_end: bool,
    /// Whether it has not started yet (ending it cancels it).
    pub scheduled: bool,
}

/// Everything the round page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoundView {
    /// The process.
    pub process: ProcessHead,
    /// The round.
    pub round: RoundSummary,
    /// The version's id (the comment anchor).
    pub version_id: i64,
    /// The version's paragraphs in order.
    pub blocks: Vec<BlockView>,
    /// Whether the viewer may comment now.
    pub can_comment: bool,
    /// Why not, when the round has not started or has ended (German).
    pub closed_message: Option<String>,
    /// Whether the viewer may hide comments.
    pub can_moderate: bool,
    /// All comments of the round.
    pub total_comments: u64,
    /// Changes of the deadline, oldest first.
    pub changes: Vec<RoundChangeView>,
    /// The project group's deadline and end-early forms, when it may use them now.
    pub manage: Option<RoundManage>,
}

/// A comment as the viewer may see it. For anonymous comments `author` is always `None`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommentView {
    /// Comment id.
    pub id: i64,
    /// The paragraph.
    pub block_id: String,
    /// The quoted passage, if any.
    pub quote: Option<String>,
    /// The comment answered (replies only).
    pub parent_id: Option<i64>,
    /// The author's name; `None` for anonymous comments.
    pub author: Option<String>,
    /// Whether the viewer wrote it.
    pub mine: bool,
    /// Whether it was posted anonymously.
    pub anonymous: bool,
    /// The text; empty for hidden comments unless the viewer wrote it or moderates.
    pub body: String,
    /// Whether the project group hid it.
    pub hidden: bool,
    /// Why it was hidden; shown to its author and the project group only.
    pub hidden_reason: Option<String>,
    /// Number of supporters.
    pub supports: u64,
    /// Whether the viewer supports it.
    pub supported: bool,
    /// Whether the text was edited.
    pub edited: bool,
    /// Whether the project group answered it (then it can no longer be edited).
    pub answered: bool,
    /// When it was written (German local time).
    pub created_at: String,
    /// The first replies, oldest first (top-level comments only).
    pub replies: Vec<CommentView>,
    /// Replies not included in `replies`; they load page by page (`list_replies`).
    #[serde(default)]
    pub more_replies: u64,
}

/// One page of the replies to a comment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReplyPage {
    /// Replies, oldest first.
    pub replies: Vec<CommentView>,
    /// Pass as `after` to load the next page; `None` on the last page.
    pub next_after: Option<i64>,
}

/// One page of top-level comments.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommentPage {
    /// Comments, oldest first, each with its replies.
    pub comments: Vec<CommentView>,
    /// Pass as `after` to load the next page; `None` on the last page.
    pub next_after: Option<i64>,
}

/// One comment in the list of all comments of a round.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListedComment {
    /// The comment as the viewer may see it (without its replies).
    pub comment: CommentView,
    /// Number of replies.
    pub replies: u64,
    /// The section's heading.
    pub section: String,
    /// The paragraph's position in the version (1-based), for "Absatz 3".
    pub position: usize,
    /// The project group's answer, if given (never for hidden comments).
    pub disposition: Option<crate::domain::disposition::Disposition>,
    /// Its reason.
    pub reason: Option<String>,
    /// Sections of later versions this comment changed.
    pub links: Vec<crate::round::ChangeLink>,
}

/// The list of all comments of a round, for readers: one page for a filter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoundComments {
    /// The process.
    pub process: ProcessHead,
    /// The round.
    pub round: RoundSummary,
    /// The comments of this page, oldest first.
    pub items: Vec<ListedComment>,
    /// This page (1-based).
    pub page: usize,
    /// Number of pages for the filter (at least 1).
    pub pages: usize,
    /// Comments matching the filter.
    pub matching: usize,
    /// All top-level comments of the round.
    pub total: usize,
    /// The sections of the version, for the filter.
    pub sections: Vec<crate::round::SectionRef>,
    /// Whether the viewer may give dispositions (link to the project group's list).
    pub can_moderate: bool,
}

/// The answer to a support click.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SupportResult {
    /// What happened.
    pub change: SupportChange,
    /// The new number of supporters.
    pub supports: u64,
}

/// A section of a version as the filter and the report name it: its heading's paragraph.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SectionRef {
    /// The paragraph id of the heading (`b1`), or of the first paragraph before any heading.
    pub id: String,
    /// The heading text ("Einleitung" for text before the first heading).
    pub title: String,
}

/// A link from a comment to the section of a later version it changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChangeLink {
    /// The process.
    pub process_id: i64,
    /// The version with the change.
    pub version_number: i32,
    /// The section's anchor (the compare page's `#diff-…`).
    pub anchor: String,
    /// The section's heading.
    pub title: String,
}

impl ChangeLink {
    /// The address of the change in the compare page.
    pub fn href(&self) -> String {
        format!(
            "/prozesse/{}/vergleich?von={}&zu={}#diff-{}",
            self.process_id,
            self.version_number - 1,
            self.version_number,
            self.anchor
        )
    }
}

/// The sections of a version's paragraphs: each paragraph belongs to the last heading
/// (`<h1>`/`<h2>`) before it; text before the first heading is the introduction.
pub fn sections_of_blocks(blocks: &[HtmlBlock]) -> Vec<(String, SectionRef)> {
    let mut current = SectionRef {
        id: blocks.first().map(|b| b.id.clone()).unwrap_or_default(),
        title: "Einleitung".to_owned(),
    };
    blocks
        .iter()
        .map(|block| {
            let html = block.html.trim_start();
            if html.starts_with("<h1") || html.starts_with("<h2") {
                current = SectionRef {
                    id: block.id.clone(),
                    title: plain_text(&block.html),
                };
            }
            (block.id.clone(), current.clone())
        })
        .collect()
}

/// A paragraph cut out of a version's HTML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HtmlBlock {
    /// Paragraph id, e.g. `b3`.
    pub id: String,
    /// The paragraph's HTML (with anything up to the next paragraph, e.g. a rule).
    pub html: String,
}

/// Cuts a version's sanitised HTML into its numbered top-level paragraphs.
///
/// `domain::markdown::render` puts `data-block="bN"` on every top-level block and the sanitiser
/// removes the attribute from anything user-written, so every occurrence starts a paragraph.
pub fn split_blocks(html: &str) -> Vec<HtmlBlock> {
    const MARK: &str = " data-block=\"";
    let mut starts: Vec<(usize, String)> = Vec::new();
    let mut from = 0;
    while let Some(pos) = html[from..].find(MARK) {
        let attr = from + pos;
        let value_start = attr + MARK.len();
        let Some(value_len) = html[value_start..].find('"') else {
            break;
        };
        let id = html[value_start..value_start + value_len].to_owned();
        // Only an attribute inside a start tag counts: the same characters in the text of a
        // paragraph (the sanitiser escapes `<` and `>` in text, but not `"`) must not split it.
        let tag_start = html[..attr].rfind('<');
        let tag_end = html[..attr].rfind('>');
        if let Some(tag_start) = tag_start.filter(|start| tag_end.is_none_or(|end| end < *start)) {
            starts.push((tag_start, id));
        }
        from = value_start + value_len;
    }
    let mut blocks = Vec::with_capacity(starts.len());
    for (i, (start, id)) in starts.iter().enumerate() {
        let begin = if i == 0 { 0 } else { *start };
        let end = starts.get(i + 1).map_or(html.len(), |(next, _)| *next);
        blocks.push(HtmlBlock {
            id: id.clone(),
            html: html[begin..end].trim().to_owned(),
        });
    }
    blocks
}

/// The plain text of a paragraph's HTML: tags removed, the entities the sanitiser writes decoded.
/// Table cells and list items are separated by a space, as a reader's selection of them is.
pub fn plain_text(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut tag = String::new();
    let mut in_tag = false;
    // Inside a quoted attribute value (a cell's `data-label`) a `>` does not end the tag.
    let mut in_value = false;
    for c in html.chars() {
        match c {
            '<' if !in_tag => {
                in_tag = true;
                in_value = false;
                tag.clear();
            }
            '"' if in_tag => {
                in_value = !in_value;
                tag.push(c);
            }
            '>' if in_tag && !in_value => {
                in_tag = false;
                // No space for inline markup: it may split a word (`Teil<em>habe</em>`).
                let name = tag.trim_start_matches('/');
                let name = name
                    .split(|c: char| !c.is_ascii_alphanumeric())
                    .next()
                    .unwrap_or("");
                if matches!(name, "td" | "th" | "li" | "p" | "br" | "tr") {
                    text.push(' ');
                }
            }
            c if in_tag => tag.push(c),
            c => text.push(c),
        }
    }
    let text = text
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&nbsp;", " ")
        .replace("&amp;", "&");
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The passages of a paragraph a reader can choose to quote without a mouse ("Textstelle
/// wählen"): the cells of a table row, otherwise the sentences. Only passages shorter than
/// [`QUOTE_MAX`](crate::domain::comment::QUOTE_MAX) and only when there are at least two:
/// quoting the one sentence of a paragraph says no more than commenting on the paragraph.
pub fn passages(html: &str) -> Vec<String> {
    let parts: Vec<String> = if html.contains("<td") {
        html.split("<td")
            .skip(1)
            .map(|cell| plain_text(&format!("<td{}", cell.split("</td>").next().unwrap_or(""))))
            .collect()
    } else {
        crate::domain::readability::split_sentences(&plain_text(html))
    };
    let mut chosen: Vec<String> = Vec::with_capacity(parts.len());
    for part in parts {
        let fits = (1..=crate::domain::comment::QUOTE_MAX).contains(&part.chars().count());
        if fits && !chosen.contains(&part) {
            chosen.push(part);
        }
    }
    if chosen.len() < 2 {
        chosen.clear();
    }
    chosen
}

/// The first words of a paragraph (at most `max` characters), for labels.
pub fn snippet(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let cut: String = text.chars().take(max).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{cut} …")
}

/// The rounds of a process whose audience includes the viewer. Every signed-in person.
#[server(prefix = "/api", endpoint = "list_rounds")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "list_rounds", skip_all, fields(process_id = process_id)))]
pub async fn list_rounds(process_id: i64) -> Result<RoundList, AppError> {
    use crate::domain::access::ProcessAction;
    let me = crate::auth::ssr::require_user().await?;
    let db = &crate::state::app_state()?.db;
    let (process, roles) =
        crate::process::ssr::require(db, &me, process_id, ProcessAction::View).await?;
    ssr::list(db, &me, process, roles).await
}

/// Opens a round on the latest published version. Dates and times are German local time;
/// an empty start means now. `audience` is `everyone` or `teams` (then `teams` names them,
/// separated by commas or lines). Project group only, in step 3.
// One argument per form field, so the form posts plain names without JavaScript. `allow`, not
// `expect`: the `server` macro copies the attribute to items where the lint does not fire.
#[allow(clippy::too_many_arguments)]
#[server(prefix = "/api", endpoint = "open_round")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "open_round", skip_all, fields(process_id = process_id)))]
pub async fn open_round(
    process_id: i64,
    start_date: String,
    start_time: String,
    deadline_date: String,
    deadline_time: String,
    audience: String,
    teams: String,
    anonymous_allowed: Option<String>,
) -> Result<i64, AppError> {
    use crate::domain::access::ProcessAction;
    let me = crate::auth::ssr::require_user().await?;
    let db = &crate::state::app_state()?.db;
    let (process, _) =
        crate::process::ssr::require(db, &me, process_id, ProcessAction::OpenRound).await?;
    let input = ssr::OpenInput {
        start_date,
        start_time,
        deadline_date,
        deadline_time,
        audience,
        teams,
        anonymous_allowed: anonymous_allowed.is_some(),
    };
    let id = ssr::open(db, &process, me.id, input).await?;
    leptos_axum::redirect(&format!("/prozesse/{process_id}/runden/{id}"));
    Ok(id)
}

/// The open rounds whose audience includes the viewer, for the dashboard.
#[server(prefix = "/api", endpoint = "my_open_rounds")]
#[cfg_attr(
    feature = "ssr",
    tracing::instrument(name = "my_open_rounds", skip_all)
)]
pub async fn my_open_rounds() -> Result<Vec<OpenRoundBanner>, AppError> {
    let me = crate::auth::ssr::require_user().await?;
    ssr::open_for(&crate::state::app_state()?.db, &me).await
}

/// A round with the version's paragraphs and comment counts. The round's audience only.
#[server(prefix = "/api", endpoint = "get_round")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "get_round", skip_all, fields(process_id = process_id, round_id = round_id)))]
pub async fn get_round(process_id: i64, round_id: i64) -> Result<RoundView, AppError> {
    let me = crate::auth::ssr::require_user().await?;
    ssr::view(&crate::state::app_state()?.db, &me, process_id, round_id).await
}

/// Moves a round's deadline (extend or shorten; German local date and time, an empty time is
/// 23:59) with a reason. Project group only, in step 3, while the round is not closed.
/// A plain form post returns to the round page.
#[server(prefix = "/api", endpoint = "change_round_deadline")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "change_round_deadline", skip_all, fields(process_id = process_id, round_id = round_id)))]
pub async fn change_round_deadline(
    process_id: i64,
    round_id: i64,
    deadline_date: String,
    deadline_time: String,
    reason: String,
) -> Result<(), AppError> {
    let me = crate::auth::ssr::require_user().await?;
    let db = &crate::state::app_state()?.db;
    let input = changes::DeadlineInput {
        date: deadline_date,
        time: deadline_time,
        reason,
    };
    changes::change_deadline(db, &me, process_id, round_id, input).await?;
    leptos_axum::redirect(&format!("/prozesse/{process_id}/runden/{round_id}"));
    Ok(())
}

/// Ends an open round now (a scheduled one is cancelled), after the confirmation `confirm`
/// and with a reason. Project group only, in step 3. A plain form post returns to the round
/// page.
#[server(prefix = "/api", endpoint = "end_round_early")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "end_round_early", skip_all, fields(process_id = process_id, round_id = round_id)))]
pub async fn end_round_early(
    process_id: i64,
    round_id: i64,
    reason: String,
    confirm: Option<String>,
) -> Result<(), AppError> {
    let me = crate::auth::ssr::require_user().await?;
    let db = &crate::state::app_state()?.db;
    // Permission first, so a refused person learns nothing from the confirmation message.
    ssr::require_round(
        db,
        &me,
        round_id,
        crate::domain::access::ProcessAction::ChangeRound,
    )
    .await?;
    if confirm.is_none() {
        return Err(AppError::Invalid(
            "Bitte bestätigen Sie, dass die Kommentierung jetzt enden soll.".into(),
        ));
    }
    changes::end_early(db, &me, process_id, round_id, &reason).await?;
    leptos_axum::redirect(&format!("/prozesse/{process_id}/runden/{round_id}"));
    Ok(())
}

/// One page of top-level comments of a round (with replies), optionally of one paragraph
/// (`block_id` empty = all), after the comment id `after` (0 = from the start). The round's
/// audience only.
#[server(prefix = "/api", endpoint = "list_comments")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "list_comments", skip_all, fields(round_id = round_id)))]
pub async fn list_comments(
    round_id: i64,
    block_id: String,
    after: i64,
) -> Result<CommentPage, AppError> {
    let me = crate::auth::ssr::require_user().await?;
    let block = Some(block_id.trim()).filter(|b| !b.is_empty());
    ssr::comments(&crate::state::app_state()?.db, &me, round_id, block, after).await
}

/// The replies to a comment after the reply `after` (0 = from the start), 50 at a time. The
/// round's audience only.
#[server(prefix = "/api", endpoint = "list_replies")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "list_replies", skip_all, fields(comment_id = comment_id)))]
pub async fn list_replies(comment_id: i64, after: i64) -> Result<ReplyPage, AppError> {
    let me = crate::auth::ssr::require_user().await?;
    ssr::replies(&crate::state::app_state()?.db, &me, comment_id, after).await
}

/// All top-level comments of a round, page `page` (1-based, 50 each), filtered by section
/// (`section` = the heading's paragraph id, empty = all), status (see
/// `domain::comment_filter::CommentStatus`) and `mine`. The round's audience only.
#[server(prefix = "/api", endpoint = "list_round_comments")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "list_round_comments", skip_all, fields(process_id = process_id, round_id = round_id)))]
pub async fn list_round_comments(
    process_id: i64,
    round_id: i64,
    section: String,
    status: String,
    mine: bool,
    page: usize,
) -> Result<RoundComments, AppError> {
    use crate::domain::comment_filter::CommentStatus;
    let me = crate::auth::ssr::require_user().await?;
    let filter = ssr::CommentFilter {
        section: Some(section.trim().to_owned()).filter(|s| !s.is_empty()),
        status: CommentStatus::parse(&status),
        mine,
        page: page.max(1),
    };
    ssr::overview(
        &crate::state::app_state()?.db,
        &me,
        process_id,
        round_id,
        filter,
    )
    .await
}

/// After a plain HTML form post (no JavaScript yet), sends the browser to the round page at
/// the comment's paragraph (`…#absatz-b3`); calls from the running app get their answer as
/// data and update the page themselves.
#[cfg(feature = "ssr")]
async fn back_to_paragraph(comment_id: i64) {
    if crate::flash::plain_form_post().await.is_none() {
        return;
    }
    let Ok(state) = crate::state::app_state() else {
        return;
    };
    if let Ok(path) = ssr::paragraph_path(&state.db, comment_id).await {
        leptos_axum::redirect(&path);
    }
}

/// Posts a comment on a paragraph (or, with `parent_id`, a reply). A repeated submission of the
/// same text within seconds returns the stored comment's id. The round's audience, while open.
/// A plain form post (no JavaScript) returns to the paragraph on the round page.
#[server(prefix = "/api", endpoint = "post_comment")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "post_comment", skip_all, fields(round_id = round_id, version_id = version_id, parent_id = ?parent_id)))]
pub async fn post_comment(
    round_id: i64,
    version_id: i64,
    block_id: String,
    quote: Option<String>,
    body: String,
    anonymous: Option<String>,
    parent_id: Option<i64>,
) -> Result<i64, AppError> {
    let me = crate::auth::ssr::require_user().await?;
    crate::state::limit_posting(me.id)?;
    let input = ssr::PostInput {
        version_id,
        block_id,
        quote,
        body,
        anonymous: anonymous.is_some(),
        parent_id: parent_id.filter(|id| *id > 0),
    };
    let state = crate::state::app_state()?;
    let id = ssr::post(&state.db, &state.paragraphs, &me, round_id, input).await?;
    back_to_paragraph(id).await;
    Ok(id)
}

/// Changes the text of an own comment (the old text is kept). Until it is answered, while the
/// round is open.
#[server(prefix = "/api", endpoint = "edit_comment")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "edit_comment", skip_all, fields(comment_id = comment_id)))]
pub async fn edit_comment(comment_id: i64, body: String) -> Result<(), AppError> {
    let me = crate::auth::ssr::require_user().await?;
    ssr::edit(&crate::state::app_state()?.db, &me, comment_id, &body).await
}

/// Adds or withdraws the viewer's support of a comment. Not for own comments; while open.
/// A plain form post (no JavaScript) returns to the paragraph on the round page.
#[server(prefix = "/api", endpoint = "support_comment")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "support_comment", skip_all, fields(comment_id = comment_id)))]
pub async fn support_comment(comment_id: i64) -> Result<SupportResult, AppError> {
    let me = crate::auth::ssr::require_user().await?;
    let result = ssr::support(&crate::state::app_state()?.db, &me, comment_id).await?;
    back_to_paragraph(comment_id).await;
    Ok(result)
}

/// Hides a comment that breaks the rules, with a reason shown to its author. Project group only.
#[server(prefix = "/api", endpoint = "hide_comment")]
#[cfg_attr(feature = "ssr", tracing::instrument(name = "hide_comment", skip_all, fields(comment_id = comment_id)))]
pub async fn hide_comment(comment_id: i64, reason: String) -> Result<(), AppError> {
    let me = crate::auth::ssr::require_user().await?;
    ssr::hide(&crate::state::app_state()?.db, &me, comment_id, &reason).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_version_is_cut_into_its_numbered_paragraphs() {
        let html = "<h1 data-block=\"b1\" id=\"titel\">Titel</h1>\n<p data-block=\"b2\">Absatz <em>eins</em></p>\n<hr>\n<ul data-block=\"b3\">\n<li><p>a</p></li>\n</ul>\n";
        let blocks = split_blocks(html);
        let ids: Vec<&str> = blocks.iter().map(|b| b.id.as_str()).collect();
        assert_eq!(ids, ["b1", "b2", "b3"]);
        assert_eq!(
            blocks[0].html,
            "<h1 data-block=\"b1\" id=\"titel\">Titel</h1>"
        );
        assert_eq!(
            blocks[1].html,
            "<p data-block=\"b2\">Absatz <em>eins</em></p>\n<hr>"
        );
        assert!(blocks[2].html.starts_with("<ul data-block=\"b3\">"));
    }

    #[test]
    fn a_version_without_paragraphs_has_no_blocks() {
        assert!(split_blocks("").is_empty());
    }

    #[test]
    fn plain_text_drops_tags_and_decodes_entities() {
        assert_eq!(
            plain_text("<p data-block=\"b1\">Würde &amp; <em>Teilhabe</em>\n&lt;b&gt;</p>"),
            "Würde & Teilhabe <b>"
        );
    }

    #[test]
    fn plain_text_separates_table_cells_and_list_items() {
        let html = crate::domain::markdown::render(
            "| Werkzeug > Dienst | Regel |\n|---|---|\n| Chat-KI | nur Entwürfe |\n\n- eins\n  - zwei\n",
        )
        .html;
        let blocks = split_blocks(&html);
        assert_eq!(
            plain_text(&blocks[1].html),
            "Chat-KI nur Entwürfe",
            "{html}"
        );
        assert_eq!(plain_text(&blocks[2].html), "eins zwei", "{html}");
    }

    #[test]
    fn a_reader_can_choose_a_sentence_or_a_cell_to_quote() {
        let html = crate::domain::markdown::render(
            "Wir nutzen KI nur mit Vorsicht. Daten von Klientinnen, z. B. Namen, bleiben intern! Fragen klärt die Gruppe.\n\nEin Satz allein.\n\n| Werkzeug | Regel |\n|---|---|\n| Chat-KI | nur Entwürfe |\n",
        )
        .html;
        let blocks = split_blocks(&html);
        assert_eq!(
            passages(&blocks[0].html),
            [
                "Wir nutzen KI nur mit Vorsicht.",
                "Daten von Klientinnen, z. B. Namen, bleiben intern!",
                "Fragen klärt die Gruppe."
            ]
        );
        // One sentence: quoting it is the same as commenting on the paragraph.
        assert!(passages(&blocks[1].html).is_empty());
        assert_eq!(passages(&blocks[3].html), ["Chat-KI", "nur Entwürfe"]);
        // Every passage passes the server's check that a quote occurs in its paragraph.
        for block in &blocks {
            for passage in passages(&block.html) {
                let anchor =
                    crate::domain::comment::Anchor::parse(1, &block.id, Some(&passage)).unwrap();
                assert_eq!(
                    anchor.check_quote_in(&plain_text(&block.html)),
                    Ok(()),
                    "{passage}"
                );
            }
        }
    }

    #[test]
    fn a_snippet_ends_at_a_word_boundary() {
        assert_eq!(snippet("kurz", 40), "kurz");
        assert_eq!(
            snippet("Die Organisation nutzt KI verantwortungsvoll", 20),
            "Die Organisation …"
        );
    }

    #[test]
    fn block_markers_written_as_text_in_a_draft_do_not_split_the_paragraph() {
        let html = crate::domain::markdown::render(
            "Erster Absatz mit <p data-block=\"b9\"> und ` data-block=\"b8\"` im Text.\n\nZweiter Absatz: data-block=\"b7\" x\n",
        )
        .html;
        let blocks = split_blocks(&html);
        let ids: Vec<&str> = blocks.iter().map(|b| b.id.as_str()).collect();
        assert_eq!(ids, ["b1", "b2"], "{html}");
        assert!(plain_text(&blocks[0].html).contains("data-block=\"b9\""));
        assert!(plain_text(&blocks[1].html).contains("data-block=\"b7\""));
    }
}
