//! Markdown for drafts and guidelines: rendered with pulldown-cmark, then sanitised with ammonia.
//!
//! Raw HTML written into the Markdown is never passed through: it is shown as escaped text.
//! Headings get stable anchors (`id`) derived from their text, and every top-level block gets a
//! `data-block="b<n>"` attribute in document order so comments can be attached to a paragraph.
//! The HTML is rendered once when a draft is saved and stored beside the Markdown source.

use std::collections::HashSet;
use std::ops::Range;
use std::sync::LazyLock;

use pulldown_cmark::{html, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// Anchor of the text that comes before the first heading.
pub const PREAMBLE_ANCHOR: &str = "einleitung";

/// Title of the text that comes before the first heading.
pub const PREAMBLE_TITLE: &str = "Einleitung";

/// Anchor used for a heading whose text yields no usable slug (e.g. only punctuation).
const FALLBACK_ANCHOR: &str = "abschnitt";

/// Name of the attribute that numbers top-level blocks.
pub const BLOCK_ATTRIBUTE: &str = "data-block";

/// Sanitised HTML of a Markdown document plus the headings found in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderedMarkdown {
    /// Sanitised HTML, safe to insert into a page as is.
    pub html: String,
    /// Every heading in document order, with the `id` it carries in `html`.
    pub sections: Vec<Section>,
}

/// A heading of a rendered document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// The heading's `id` in the HTML, usable as a URL fragment.
    pub anchor: String,
    /// Heading level, 1 to 6.
    pub level: u8,
    /// Heading text without Markdown syntax.
    pub title: String,
}

/// A top-level section of a Markdown document (split at headings of level 1 and 2).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SectionText {
    /// The heading's anchor, identical to the `id` that [`render`] gives it.
    pub anchor: String,
    /// Heading text without Markdown syntax.
    pub title: String,
    /// The raw Markdown below the heading, up to the next level-1 or level-2 heading.
    pub markdown: String,
}

/// The parser options shared by rendering and splitting, so both see the same headings.
fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH
}

/// The sanitiser: ammonia's safe defaults, narrowed URL schemes, and our own attributes allowed.
static SANITIZER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut builder = ammonia::Builder::default();
    builder
        .url_schemes(HashSet::from(["http", "https", "mailto", "tel"]))
        .link_rel(Some("noopener noreferrer nofollow"))
        // Images become links before sanitising (`image_as_link`); none may load from elsewhere.
        .rm_tags(["img"])
        .filter_style_properties(HashSet::from(["text-align", "width"]));
    for tag in ["h1", "h2", "h3", "h4", "h5", "h6"] {
        builder.add_tag_attributes(tag, &["id", BLOCK_ATTRIBUTE]);
    }
    for tag in ["p", "ul", "ol", "blockquote", "pre", "table"] {
        builder.add_tag_attributes(tag, &[BLOCK_ATTRIBUTE]);
    }
    for tag in ["ul", "ol", "table"] {
        builder.add_allowed_classes(tag, [UNIT_CLASS]);
    }
    // pulldown-cmark expresses column alignment as an inline style; only `text-align` survives.
    // Column widths of a table cut into rows (`table_colgroup`) are a `width` on `col`.
    for tag in ["th", "td", "col"] {
        builder.add_tag_attributes(tag, &["style"]);
    }
    builder.add_tag_attributes("td", &["data-label"]);
    builder
});

/// Renders Markdown to sanitised HTML with heading anchors and numbered top-level blocks.
pub fn render(markdown: &str) -> RenderedMarkdown {
    let mut slugger = Slugger::default();
    let mut sections = Vec::new();
    let mut unsafe_html = String::with_capacity(markdown.len() * 3 / 2);
    let mut block: Vec<Event<'_>> = Vec::new();
    let mut depth = 0usize;
    let mut block_number = 0usize;

    for event in events(markdown) {
        match &event {
            Event::Start(_) => depth += 1,
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
        block.push(event);
        if depth > 0 {
            continue;
        }
        let numbered = matches!(block.first(), Some(Event::Start(tag)) if is_numbered_block(tag));
        assign_heading_ids(&mut block, &mut slugger, &mut sections);
        if !numbered {
            html::push_html(&mut unsafe_html, block.drain(..));
            continue;
        }
        for unit in commentable_units(std::mem::take(&mut block)) {
            block_number += 1;
            unsafe_html.push_str(&with_block_attribute(&unit, block_number));
        }
    }
    // An unterminated block cannot happen with pulldown-cmark, but never drop text silently.
    if !block.is_empty() {
        html::push_html(&mut unsafe_html, block.drain(..));
    }

    RenderedMarkdown {
        html: SANITIZER.clean(&unsafe_html).to_string(),
        sections,
    }
}

/// The parse every output of a Markdown text shares (the page's HTML, the PDF, the Word file):
/// pulldown-cmark with our options, raw HTML turned into text, images turned into links.
pub fn events(markdown: &str) -> impl Iterator<Item = Event<'_>> {
    Parser::new_ext(markdown, options())
        .map(neutralise_raw_html)
        .flat_map(image_as_link)
}

/// Splits Markdown into the text before the first heading and one part per level-1/2 heading.
///
/// Headings inside block quotes or lists do not split. The preamble is only returned when it
/// contains text; its anchor is [`PREAMBLE_ANCHOR`] unless a heading already uses that anchor.
pub fn split_sections(markdown: &str) -> Vec<SectionText> {
    struct Boundary {
        range: Range<usize>,
        anchor: String,
        title: String,
    }

    let mut slugger = Slugger::default();
    let mut boundaries: Vec<Boundary> = Vec::new();
    let mut depth = 0usize;
    let mut heading: Option<(usize, HeadingLevel, Range<usize>, String)> = None;

    for (event, range) in Parser::new_ext(markdown, options()).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                heading = Some((depth, level, range, String::new()));
                depth += 1;
            }
            Event::End(TagEnd::Heading(_)) => {
                depth = depth.saturating_sub(1);
                if let Some((heading_depth, level, range, raw_title)) = heading.take() {
                    let title = normalise_title(&raw_title);
                    let anchor = slugger.unique(&title);
                    if heading_depth == 0 && level <= HeadingLevel::H2 {
                        boundaries.push(Boundary {
                            range,
                            anchor,
                            title,
                        });
                    }
                }
            }
            Event::Start(_) => depth += 1,
            Event::End(_) => depth = depth.saturating_sub(1),
            other => {
                if let Some((_, _, _, title)) = heading.as_mut() {
                    push_title_text(title, &other);
                }
            }
        }
    }

    let mut sections = Vec::with_capacity(boundaries.len() + 1);
    let preamble_end = boundaries.first().map_or(markdown.len(), |b| b.range.start);
    let preamble = section_body(markdown, 0..preamble_end);
    if !preamble.trim().is_empty() {
        let taken: HashSet<&str> = boundaries.iter().map(|b| b.anchor.as_str()).collect();
        let mut anchor = PREAMBLE_ANCHOR.to_owned();
        let mut n = 1;
        while taken.contains(anchor.as_str()) {
            anchor = match n {
                1 => format!("{PREAMBLE_ANCHOR}-vorspann"),
                _ => format!("{PREAMBLE_ANCHOR}-vorspann-{n}"),
            };
            n += 1;
        }
        sections.push(SectionText {
            anchor,
            title: PREAMBLE_TITLE.to_owned(),
            markdown: preamble,
        });
    }
    for (i, boundary) in boundaries.iter().enumerate() {
        let end = boundaries
            .get(i + 1)
            .map_or(markdown.len(), |next| next.range.start);
        let start = boundary.range.end.min(end);
        sections.push(SectionText {
            anchor: boundary.anchor.clone(),
            title: boundary.title.clone(),
            markdown: section_body(markdown, start..end),
        });
    }
    sections
}

/// Turns a heading text into a URL-friendly anchor: lowercase, umlauts transliterated, dashes.
///
/// Returns an empty string when the text contains no letters or digits.
pub fn slugify(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    let mut pending_dash = false;
    for c in text.chars().flat_map(char::to_lowercase) {
        let replacement = match c {
            'ä' => "ae",
            'ö' => "oe",
            'ü' => "ue",
            'ß' => "ss",
            'à' | 'á' | 'â' | 'ã' | 'å' => "a",
            'æ' => "ae",
            'ç' => "c",
            'è' | 'é' | 'ê' | 'ë' => "e",
            'ì' | 'í' | 'î' | 'ï' => "i",
            'ñ' => "n",
            'ò' | 'ó' | 'ô' | 'õ' | 'ø' => "o",
            'œ' => "oe",
            'ù' | 'ú' | 'û' => "u",
            'ý' | 'ÿ' => "y",
            _ => "",
        };
        if !replacement.is_empty() || c.is_alphanumeric() {
            if pending_dash && !slug.is_empty() {
                slug.push('-');
            }
            pending_dash = false;
            if replacement.is_empty() {
                slug.push(c);
            } else {
                slug.push_str(replacement);
            }
        } else {
            pending_dash = true;
        }
    }
    slug
}

/// Hands out unique anchors in document order: the second "Ziele" becomes `ziele-2`.
#[derive(Debug, Default)]
struct Slugger {
    used: HashSet<String>,
}

impl Slugger {
    /// Returns the slug of `title`, suffixed with `-2`, `-3`, … if it was handed out before.
    fn unique(&mut self, title: &str) -> String {
        let mut base = slugify(title);
        if base.is_empty() {
            FALLBACK_ANCHOR.clone_into(&mut base);
        }
        let mut candidate = base.clone();
        let mut n = 2;
        while self.used.contains(&candidate) {
            candidate = format!("{base}-{n}");
            n += 1;
        }
        self.used.insert(candidate.clone());
        candidate
    }
}

/// Replaces raw HTML with text so that it is escaped on output instead of interpreted.
fn neutralise_raw_html(event: Event<'_>) -> Event<'_> {
    match event {
        Event::Html(raw) | Event::InlineHtml(raw) => Event::Text(raw),
        Event::Start(Tag::HtmlBlock) => Event::Start(Tag::Paragraph),
        Event::End(TagEnd::HtmlBlock) => Event::End(TagEnd::Paragraph),
        other => other,
    }
}

/// Replaces an image by a link to it ("Bild: <alt text>"): an image loaded from another server
/// would tell that server who reads the guideline and when. The reader can still open it.
fn image_as_link(event: Event<'_>) -> Vec<Event<'_>> {
    match event {
        Event::Start(Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        }) => vec![
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }),
            Event::Text(CowStr::Borrowed(IMAGE_LINK_PREFIX)),
        ],
        Event::End(TagEnd::Image) => vec![Event::End(TagEnd::Link)],
        other => vec![other],
    }
}

/// The words before an image's alt text in the link that replaces it.
pub const IMAGE_LINK_PREFIX: &str = "Bild: ";

/// Whether a top-level block of this kind gets a `data-block` number (rules do not).
fn is_numbered_block(tag: &Tag<'_>) -> bool {
    matches!(
        tag,
        Tag::Paragraph
            | Tag::Heading { .. }
            | Tag::BlockQuote(_)
            | Tag::CodeBlock(_)
            | Tag::List(_)
            | Tag::Table(_)
            | Tag::HtmlBlock
    )
}

/// Class of a list or table that holds one unit cut out of a longer list or table, so the
/// units read as one list or table (`style/drafts.css`).
pub const UNIT_CLASS: &str = "unit";

/// Cuts a top-level block into the units a reader comments on, as HTML: a list into its
/// top-level items (each in a list of its own that numbers on), a table into its header row and
/// its body rows (each in a table of its own with the same column widths, every cell labelled
/// with its column's heading for narrow screens). Any other block is one unit.
fn commentable_units(block: Vec<Event<'_>>) -> Vec<String> {
    match block.first() {
        Some(Event::Start(Tag::List(first))) => {
            let first = *first;
            list_items(block)
                .into_iter()
                .enumerate()
                .map(|(i, item)| {
                    let start = first.map(|n| n + i as u64);
                    let mut events = Vec::with_capacity(item.len() + 2);
                    events.push(Event::Start(Tag::List(start)));
                    events.extend(item);
                    events.push(Event::End(TagEnd::List(start.is_some())));
                    let mut out = String::new();
                    html::push_html(&mut out, events.into_iter());
                    with_unit_class(out.trim_start())
                })
                .collect()
        }
        Some(Event::Start(Tag::Table(_))) => table_rows(block),
        _ => {
            let mut out = String::new();
            html::push_html(&mut out, block.into_iter());
            vec![out]
        }
    }
}

/// The top-level items of a list block (its first and last event are the list's start and end).
fn list_items(block: Vec<Event<'_>>) -> Vec<Vec<Event<'_>>> {
    let mut items: Vec<Vec<Event<'_>>> = Vec::new();
    let mut depth = 0usize;
    let inner = block.len().saturating_sub(1);
    for event in block.into_iter().take(inner).skip(1) {
        if depth == 0 && matches!(event, Event::Start(Tag::Item)) {
            items.push(Vec::new());
        }
        match &event {
            Event::Start(_) => depth += 1,
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
        if let Some(item) = items.last_mut() {
            item.push(event);
        }
    }
    items
}

/// A table block as one table per row: the header row first, then each body row.
///
/// pulldown-cmark writes `<table><thead><tr>…</tr></thead><tbody>\n<tr>…</tr>\n…</tbody></table>`;
/// text in cells is escaped, so every `<tr>` in that HTML is a row's start tag.
fn table_rows(block: Vec<Event<'_>>) -> Vec<String> {
    let headings = table_headings(&block);
    let colgroup = table_colgroup(&block);
    let mut table = String::new();
    html::push_html(&mut table, block.into_iter());
    let open = format!("<table class=\"{UNIT_CLASS}\">{colgroup}");
    let (head, body) = match table.split_once("</thead>") {
        Some((head, body)) => (head.strip_prefix("<table>").unwrap_or(head), body),
        None => ("", table.as_str()),
    };
    let mut units = Vec::new();
    if !head.is_empty() {
        units.push(format!("{open}{head}</thead></table>\n"));
    }
    for row in body.split("<tr>").skip(1) {
        let row = row.split("</tr>").next().unwrap_or_default();
        let mut labelled = String::with_capacity(row.len() + 64);
        for (i, cell) in row.split("<td").enumerate() {
            if i > 0 {
                labelled.push_str("<td");
                if let Some(heading) = headings.get(i - 1).filter(|h| !h.is_empty()) {
                    labelled.push_str(&format!(" data-label=\"{}\"", escape_html(heading)));
                }
            }
            labelled.push_str(cell);
        }
        units.push(format!(
            "{open}<tbody><tr>{labelled}</tr></tbody></table>\n"
        ));
    }
    if units.is_empty() {
        units.push(table);
    }
    units
}

/// The plain text of each header cell of a table block.
fn table_headings(block: &[Event<'_>]) -> Vec<String> {
    let mut headings = Vec::new();
    let mut in_head = false;
    for event in block {
        match event {
            Event::Start(Tag::TableHead) => in_head = true,
            Event::End(TagEnd::TableHead) => break,
            Event::Start(Tag::TableCell) if in_head => headings.push(String::new()),
            other if in_head => {
                if let Some(heading) = headings.last_mut() {
                    push_title_text(heading, other);
                }
            }
            _ => {}
        }
    }
    headings
        .iter()
        .map(String::as_str)
        .map(normalise_title)
        .collect()
}

/// Column widths for a table cut into rows, so the rows' columns line up: each column's share
/// follows its longest cell (counted up to 40 characters), but gives its longest word room
/// (a fixed table layout would otherwise break "Werkzeug" into "Werkzeu g").
fn table_colgroup(block: &[Event<'_>]) -> String {
    // Per column: (longest cell, longest word), in characters.
    let mut longest: Vec<(usize, usize)> = Vec::new();
    let mut column = 0usize;
    let mut length = 0usize;
    let mut word = 0usize;
    for event in block {
        match event {
            Event::Start(Tag::TableHead | Tag::TableRow) => column = 0,
            Event::Start(Tag::TableCell) => {
                length = 0;
                word = 0;
            }
            Event::End(TagEnd::TableCell) => {
                if longest.len() <= column {
                    longest.resize(column + 1, (0, 0));
                }
                let (cell, words) = longest[column];
                longest[column] = (cell.max(length), words.max(word));
                column += 1;
            }
            Event::Text(text) | Event::Code(text) => {
                length += text.chars().count();
                let words = text.split_whitespace().map(|w| w.chars().count());
                word = word.max(words.max().unwrap_or(0));
            }
            _ => {}
        }
    }
    let weights: Vec<usize> = longest
        .iter()
        .map(|(cell, word)| (*cell).clamp(4, 40).max(word * 6 / 5 + 2))
        .collect();
    let total: usize = weights.iter().sum();
    if total == 0 {
        return String::new();
    }
    let cols: String = weights
        .iter()
        .map(|w| format!("<col style=\"width: {}%\">", w * 100 / total))
        .collect();
    format!("<colgroup>{cols}</colgroup>")
}

/// HTML-escapes a text for element content and attribute values.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Adds the unit class to the first tag of a list's HTML (`<ul>` or `<ol …>`).
fn with_unit_class(list_html: &str) -> String {
    match list_html.get(..3) {
        Some(name @ ("<ul" | "<ol")) => {
            format!("{name} class=\"{UNIT_CLASS}\"{}", &list_html[3..])
        }
        _ => list_html.to_owned(),
    }
}

/// Gives every heading in `events` its unique anchor as `id` and records it as a section.
fn assign_heading_ids(
    events: &mut [Event<'_>],
    slugger: &mut Slugger,
    sections: &mut Vec<Section>,
) {
    let mut i = 0;
    while i < events.len() {
        if let Event::Start(Tag::Heading { level, .. }) = &events[i] {
            let level = *level;
            let mut raw_title = String::new();
            let mut j = i + 1;
            while j < events.len() && !matches!(events[j], Event::End(TagEnd::Heading(_))) {
                push_title_text(&mut raw_title, &events[j]);
                j += 1;
            }
            let title = normalise_title(&raw_title);
            let anchor = slugger.unique(&title);
            if let Event::Start(Tag::Heading { id, .. }) = &mut events[i] {
                *id = Some(CowStr::from(anchor.clone()));
            }
            sections.push(Section {
                anchor,
                level: heading_level_number(level),
                title,
            });
            i = j;
        }
        i += 1;
    }
}

/// Appends the visible text of an inline event inside a heading.
fn push_title_text(title: &mut String, event: &Event<'_>) {
    match event {
        Event::Text(text) | Event::Code(text) | Event::Html(text) | Event::InlineHtml(text) => {
            title.push_str(text);
        }
        Event::SoftBreak | Event::HardBreak => title.push(' '),
        _ => {}
    }
}

/// The text of a Markdown document as a reader sees it rendered, for comparing versions:
/// without Markdown's marks (`#`, `**`, `|---|`, link targets). Paragraphs and headings are
/// separated by a blank line, list items start a line with "• " (or their number), indented by
/// their depth, and a table is one line per row with its cells separated by " │ ".
pub fn reading_text(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len());
    // Per open list: the next number of an ordered list, `None` for bullets.
    let mut lists: Vec<Option<u64>> = Vec::new();
    let mut cell = 0usize;
    let end_block = |out: &mut String| {
        while out.ends_with(' ') {
            out.pop();
        }
        if !out.is_empty() && !out.ends_with("\n\n") {
            out.push_str(if out.ends_with('\n') { "\n" } else { "\n\n" });
        }
    };
    let end_line = |out: &mut String| {
        while out.ends_with(' ') {
            out.pop();
        }
        if !out.is_empty() && !out.ends_with('\n') {
            out.push('\n');
        }
    };
    for event in Parser::new_ext(markdown, options()) {
        match event {
            Event::Start(Tag::List(first)) => {
                end_line(&mut out);
                lists.push(first);
            }
            Event::End(TagEnd::List(_)) => {
                lists.pop();
                if lists.is_empty() {
                    end_block(&mut out);
                }
            }
            Event::Start(Tag::Item) => {
                end_line(&mut out);
                out.push_str(&"  ".repeat(lists.len().saturating_sub(1)));
                match lists.last_mut() {
                    Some(Some(n)) => {
                        out.push_str(&format!("{n}. "));
                        *n += 1;
                    }
                    _ => out.push_str("• "),
                }
            }
            Event::End(TagEnd::Item) => end_line(&mut out),
            Event::Start(Tag::TableHead | Tag::TableRow) => {
                end_line(&mut out);
                cell = 0;
            }
            Event::Start(Tag::TableCell) => {
                if cell > 0 {
                    out.push_str(" │ ");
                }
                cell += 1;
            }
            Event::End(TagEnd::TableHead | TagEnd::TableRow) => end_line(&mut out),
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::Table
                | TagEnd::BlockQuote(_)
                | TagEnd::CodeBlock,
            ) => {
                // A paragraph inside a list item ends with the item.
                if lists.is_empty() {
                    end_block(&mut out);
                }
            }
            Event::Text(text) | Event::Code(text) | Event::Html(text) | Event::InlineHtml(text) => {
                out.push_str(&text);
            }
            Event::SoftBreak => out.push(' '),
            Event::HardBreak => out.push('\n'),
            Event::Rule => {
                end_block(&mut out);
                out.push_str("———");
                end_block(&mut out);
            }
            _ => {}
        }
    }
    out.trim_end().to_owned()
}

/// Collapses runs of whitespace in a heading title and trims it.
fn normalise_title(raw: &str) -> String {
    raw.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Converts pulldown-cmark's heading level into its number.
pub fn heading_level_number(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// Inserts `data-block="b<n>"` into the first tag of a rendered block.
///
/// The first tag is always one pulldown-cmark wrote (raw HTML is neutralised before), so it
/// starts with `<name`; the attribute goes right after the name.
fn with_block_attribute(block_html: &str, number: usize) -> String {
    let Some(rest) = block_html.strip_prefix('<') else {
        return block_html.to_owned();
    };
    let name_len = rest
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(rest.len());
    let (name, tail) = rest.split_at(name_len);
    format!("<{name} {BLOCK_ATTRIBUTE}=\"b{number}\"{tail}")
}

/// The Markdown of a section body without leading blank lines and trailing whitespace.
fn section_body(markdown: &str, range: Range<usize>) -> String {
    let body = markdown.get(range).unwrap_or_default();
    let mut start = 0;
    for line in body.split_inclusive('\n') {
        if line.trim().is_empty() {
            start += line.len();
        } else {
            break;
        }
    }
    body.get(start..).unwrap_or_default().trim_end().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn html(markdown: &str) -> String {
        render(markdown).html
    }

    #[test]
    fn paragraphs_and_emphasis_are_rendered() {
        let out = html("Hallo *Welt* und **alle**.");
        assert_eq!(
            out,
            "<p data-block=\"b1\">Hallo <em>Welt</em> und <strong>alle</strong>.</p>\n"
        );
    }

    #[test]
    fn tables_and_strikethrough_are_enabled() {
        let out = html("| A | B |\n|:--|--:|\n| 1 | ~~2~~ |\n");
        assert!(
            out.contains("<table data-block=\"b1\" class=\"unit\">"),
            "{out}"
        );
        assert!(
            out.contains("<table data-block=\"b2\" class=\"unit\">"),
            "{out}"
        );
        assert!(
            out.contains("<th style=\"text-align:left\">A</th>"),
            "{out}"
        );
        assert!(
            out.contains("<td data-label=\"B\" style=\"text-align:right\"><del>2</del></td>"),
            "{out}"
        );
    }

    /// The rendered units: the HTML from each `data-block` start tag to the next.
    fn units(html: &str) -> Vec<String> {
        let starts: Vec<usize> = html
            .match_indices(" data-block=")
            .filter_map(|(at, _)| html[..at].rfind('<'))
            .collect();
        starts
            .iter()
            .enumerate()
            .map(|(i, start)| {
                let end = starts.get(i + 1).copied().unwrap_or(html.len());
                html[*start..end].trim().to_owned()
            })
            .collect()
    }

    /// The inside of every real tag (`<…>`); escaped text uses `&lt;` and is not matched.
    fn tags(html: &str) -> Vec<String> {
        html.split('<')
            .skip(1)
            .filter_map(|rest| rest.split_once('>').map(|(tag, _)| tag.to_lowercase()))
            .collect()
    }

    /// The attribute names of every real tag, with quoted values removed first.
    fn attribute_names(html: &str) -> Vec<String> {
        tags(html)
            .iter()
            .flat_map(|tag| {
                let unquoted: String = tag.split('"').step_by(2).collect::<Vec<_>>().join(" ");
                unquoted
                    .split_whitespace()
                    .skip(1)
                    .map(|attr| attr.split('=').next().unwrap_or_default().to_owned())
                    .collect::<Vec<_>>()
            })
            .collect()
    }

    /// The values of every `href` and `src` attribute.
    fn urls(html: &str) -> Vec<String> {
        let mut found = Vec::new();
        for tag in tags(html) {
            for attr in ["href=\"", "src=\""] {
                let mut rest = tag.as_str();
                while let Some(pos) = rest.find(attr) {
                    let value = &rest[pos + attr.len()..];
                    let end = value.find('"').unwrap_or(value.len());
                    found.push(value[..end].to_owned());
                    rest = &value[end..];
                }
            }
        }
        found
    }

    /// Asserts that no URL in `html` has a scheme other than http, https, mailto or tel.
    fn assert_only_safe_schemes(html: &str) {
        for url in urls(html) {
            if let Some((scheme, _)) = url.split_once(':') {
                let is_scheme = !scheme.is_empty()
                    && scheme
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || "+.-".contains(c));
                if is_scheme {
                    assert!(
                        ["http", "https", "mailto", "tel"].contains(&scheme),
                        "unsafe URL {url} in {html}"
                    );
                }
            }
        }
    }

    #[test]
    fn script_tags_are_removed() {
        let out =
            html("Vorher\n\n<script>alert('x')</script>\n\nNachher <script>alert(1)</script>");
        assert!(!tags(&out).iter().any(|t| t.starts_with("script")), "{out}");
        assert!(out.contains("Nachher"), "{out}");
    }

    #[test]
    fn style_and_iframe_tags_are_not_rendered() {
        let out = html(
            "<style>body{display:none}</style>\n\n<iframe src=\"https://example.org\"></iframe>",
        );
        for tag in tags(&out) {
            assert!(
                !tag.starts_with("style") && !tag.starts_with("iframe"),
                "{out}"
            );
        }
    }

    #[test]
    fn raw_html_blocks_are_shown_as_escaped_text() {
        let out = html("<div onclick=\"steal()\">\n<b>fett</b>\n</div>\n\nText");
        assert_eq!(
            out,
            "<p data-block=\"b1\">&lt;div onclick=\"steal()\"&gt;\n&lt;b&gt;fett&lt;/b&gt;\n&lt;/div&gt;\n</p>\n<p data-block=\"b2\">Text</p>\n"
        );
        assert_eq!(
            tags(&out),
            ["p data-block=\"b1\"", "/p", "p data-block=\"b2\"", "/p"]
        );
    }

    #[test]
    fn inline_html_is_shown_as_escaped_text() {
        let out = html("Ein <i>kursives</i> Wort");
        assert_eq!(
            out,
            "<p data-block=\"b1\">Ein &lt;i&gt;kursives&lt;/i&gt; Wort</p>\n"
        );
    }

    #[test]
    fn img_onerror_attributes_are_removed() {
        let out = html(
            "<img src=x onerror=alert(1)>\n\nund inline <img src=\"a.png\" onerror=\"alert(2)\">",
        );
        assert!(!tags(&out).iter().any(|t| t.starts_with("img")), "{out}");
        assert!(
            !attribute_names(&out).iter().any(|a| a.starts_with("on")),
            "{out}"
        );
    }

    #[test]
    fn event_handler_attributes_never_survive() {
        let out = html(
            "![x](https://example.org/a.png \"t\\\" onerror=\\\"alert(1)\")\n\n[a](https://example.org \"x\\\" onmouseover=\\\"alert(1)\")",
        );
        let names = attribute_names(&out);
        assert!(!names.iter().any(|a| a.starts_with("on")), "{out}");
        assert!(names.contains(&"title".to_owned()), "{out}");
    }

    #[test]
    fn markdown_images_become_links_so_no_other_server_sees_the_readers() {
        let out = html("![Logo](https://example.org/logo.png)");
        assert!(!tags(&out).iter().any(|t| t.starts_with("img")), "{out}");
        assert!(
            out.contains("href=\"https://example.org/logo.png\"") && out.contains("Bild: Logo"),
            "{out}"
        );
        let unsafe_source = html("![x](javascript:alert(1))");
        assert!(!unsafe_source.contains("javascript"), "{unsafe_source}");
    }

    #[test]
    fn javascript_links_are_removed() {
        let out = html("[klick](javascript:alert(1))");
        assert_eq!(
            out,
            "<p data-block=\"b1\"><a rel=\"noopener noreferrer nofollow\">klick</a></p>\n"
        );
    }

    #[test]
    fn mixed_case_javascript_links_are_removed() {
        let out = html("[a](JaVaScRiPt:alert(1)) [b](  jAvAsCrIpT:alert(1)) [c](<java\tscript:alert(1)>) [d](<java\nscript:alert(1)>)");
        assert_only_safe_schemes(&out);
        assert_eq!(urls(&out).len(), 1, "{out}");
        // A tab inside the destination is percent-encoded, which leaves a harmless relative path.
        assert_eq!(urls(&out), ["java%09script:alert(1)"]);
    }

    #[test]
    fn entity_encoded_javascript_links_are_removed() {
        let out = html(
            "[a](jav&#x61;script:alert(1)) [b](&#106;avascript:alert(1)) [c](javascript&colon;alert(1)) [d](&#x4A;&#x41;VASCRIPT:alert(1)) [e](java&#9;script:alert(1))",
        );
        assert_only_safe_schemes(&out);
        assert_eq!(urls(&out), ["java%09script:alert(1)"], "{out}");
    }

    #[test]
    fn reference_style_javascript_links_are_removed() {
        let out = html("[klick][x]\n\n[x]: javascript:alert(1)");
        assert!(urls(&out).is_empty(), "{out}");
    }

    #[test]
    fn autolinks_with_javascript_are_not_links() {
        let out = html("<javascript:alert(1)>");
        assert!(urls(&out).is_empty(), "{out}");
    }

    #[test]
    fn vbscript_links_are_removed() {
        let out = html("[a](vbscript:msgbox(1)) [b](VBScript:msgbox(1))");
        assert!(urls(&out).is_empty(), "{out}");
    }

    #[test]
    fn data_urls_are_removed_from_links_and_images() {
        let out = html(
            "[a](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)\n\n![b](data:image/svg+xml;base64,PHN2Zz4=)\n\n[c](DATA:text/html,x)",
        );
        assert!(urls(&out).is_empty(), "{out}");
        assert!(!out.contains("data:"), "{out}");
    }

    #[test]
    fn links_get_noopener_noreferrer_nofollow() {
        let out = html("[Seite](https://example.org/)");
        assert_eq!(
            out,
            "<p data-block=\"b1\"><a href=\"https://example.org/\" rel=\"noopener noreferrer nofollow\">Seite</a></p>\n"
        );
    }

    #[test]
    fn relative_and_fragment_links_are_kept() {
        let out = html("[oben](#einleitung) [Liste](/leitlinien)");
        assert!(out.contains("href=\"#einleitung\""), "{out}");
        assert!(out.contains("href=\"/leitlinien\""), "{out}");
    }

    #[test]
    fn headings_get_transliterated_anchors() {
        let rendered = render("# Präambel: Würde & Teilhabe\n\n## Größe der Maßnahme\n");
        assert!(
            rendered
                .html
                .contains("<h1 data-block=\"b1\" id=\"praeambel-wuerde-teilhabe\">Präambel: Würde &amp; Teilhabe</h1>"),
            "{}",
            rendered.html
        );
        assert_eq!(
            rendered.sections,
            vec![
                Section {
                    anchor: "praeambel-wuerde-teilhabe".into(),
                    level: 1,
                    title: "Präambel: Würde & Teilhabe".into(),
                },
                Section {
                    anchor: "groesse-der-massnahme".into(),
                    level: 2,
                    title: "Größe der Maßnahme".into(),
                },
            ]
        );
    }

    #[test]
    fn duplicate_headings_get_numbered_anchors() {
        let rendered = render("## Ziele\n\n## Ziele\n\n### Ziele\n\n## Ziele 2\n");
        let anchors: Vec<&str> = rendered
            .sections
            .iter()
            .map(|s| s.anchor.as_str())
            .collect();
        assert_eq!(anchors, ["ziele", "ziele-2", "ziele-3", "ziele-2-2"]);
        for anchor in anchors {
            assert_eq!(
                rendered.html.matches(&format!("id=\"{anchor}\"")).count(),
                1
            );
        }
    }

    #[test]
    fn anchors_are_stable_across_renders() {
        let text = "# KI-Leitlinie\n\nText\n\n## Datenschutz\n\n## Datenschutz\n";
        assert_eq!(render(text), render(text));
    }

    #[test]
    fn anchors_survive_sanitising() {
        let rendered = render("### Mitsprache für alle");
        assert!(
            rendered.html.contains("id=\"mitsprache-fuer-alle\""),
            "{}",
            rendered.html
        );
    }

    #[test]
    fn headings_without_letters_get_a_fallback_anchor() {
        let rendered = render("# ???\n\n# !!!\n");
        let anchors: Vec<&str> = rendered
            .sections
            .iter()
            .map(|s| s.anchor.as_str())
            .collect();
        assert_eq!(anchors, ["abschnitt", "abschnitt-2"]);
    }

    #[test]
    fn heading_titles_include_inline_code_and_drop_formatting() {
        let rendered = render("## Die *neue* `KI`-Regel\n");
        assert_eq!(rendered.sections[0].title, "Die neue KI-Regel");
        assert_eq!(rendered.sections[0].anchor, "die-neue-ki-regel");
    }

    #[test]
    fn slugify_transliterates_and_collapses_separators() {
        assert_eq!(
            slugify("  Übersicht -- Äußerungen  "),
            "uebersicht-aeusserungen"
        );
        assert_eq!(
            slugify("Befürworter:innen & Kritiker:innen"),
            "befuerworter-innen-kritiker-innen"
        );
        assert_eq!(slugify("Café Crème 2025"), "cafe-creme-2025");
        assert_eq!(slugify("…"), "");
    }

    #[test]
    fn top_level_blocks_are_numbered_in_document_order() {
        let out = html(
            "# Titel\n\nAbsatz\n\n- eins\n- zwei\n\n> Zitat\n>\n> zweiter Absatz\n\n```\ncode\n```\n\n---\n\n3. drei\n4. vier\n\n| a |\n|---|\n| b |\n",
        );
        assert!(out.contains("<h1 data-block=\"b1\" id=\"titel\">"), "{out}");
        assert!(out.contains("<p data-block=\"b2\">Absatz</p>"), "{out}");
        // A list is numbered per top-level item, a table per row (its header row first).
        assert!(
            out.contains("<ul data-block=\"b3\" class=\"unit\">\n<li>eins</li>"),
            "{out}"
        );
        assert!(
            out.contains("<ul data-block=\"b4\" class=\"unit\">\n<li>zwei</li>"),
            "{out}"
        );
        assert!(out.contains("<blockquote data-block=\"b5\">"), "{out}");
        assert!(out.contains("<pre data-block=\"b6\"><code>code"), "{out}");
        assert!(out.contains("<hr>"), "{out}");
        assert!(
            out.contains("<ol data-block=\"b7\" class=\"unit\" start=\"3\">"),
            "{out}"
        );
        assert!(
            out.contains("<ol data-block=\"b8\" class=\"unit\" start=\"4\">"),
            "{out}"
        );
        assert!(
            out.contains("<table data-block=\"b9\" class=\"unit\">"),
            "{out}"
        );
        assert!(
            out.contains("<table data-block=\"b10\" class=\"unit\">"),
            "{out}"
        );
        // Nested blocks are not numbered: only the ten units are.
        assert_eq!(out.matches("data-block=").count(), 10, "{out}");
    }

    #[test]
    fn each_top_level_list_item_is_a_unit_with_its_nested_list_and_numbering() {
        let rendered = render("1. Erstens\n   - innen a\n   - innen b\n2. Zweitens\n3. Drittens\n");
        let blocks = units(&rendered.html);
        assert_eq!(blocks.len(), 3, "{}", rendered.html);
        // The nested list stays inside its item, and the numbering goes on across units.
        assert!(
            blocks[0].starts_with("<ol data-block=\"b1\" class=\"unit\">"),
            "{}",
            blocks[0]
        );
        assert!(
            blocks[0].contains("<ul>\n<li>innen a</li>\n<li>innen b</li>\n</ul>"),
            "{}",
            blocks[0]
        );
        assert!(
            blocks[0].starts_with("<ol data-block=\"b1\" class=\"unit\">\n<li>Erstens"),
            "{}",
            blocks[0]
        );
        assert!(blocks[1].contains("start=\"2\""), "{}", blocks[1]);
        assert!(blocks[2].contains("start=\"3\""), "{}", blocks[2]);
        assert!(blocks.iter().all(|b| b.ends_with("</ol>")), "{blocks:?}");
    }

    #[test]
    fn each_table_row_is_a_unit_with_aligned_columns_and_labelled_cells() {
        let rendered = render(
            "| Werkzeug | Erlaubt für |\n|:---|---|\n| Übersetzer | alle Texte ohne Namen |\n| Chat-KI | Entwürfe |\n",
        );
        let blocks = units(&rendered.html);
        assert_eq!(blocks.len(), 3, "{}", rendered.html);
        let head = &blocks[0];
        assert!(
            head.contains("<th style=\"text-align:left\">Werkzeug</th><th>Erlaubt für</th>"),
            "{head}"
        );
        assert!(!head.contains("<td"), "{head}");
        let row = &blocks[1];
        assert!(
            row.contains("<td data-label=\"Werkzeug\" style=\"text-align:left\">Übersetzer</td><td data-label=\"Erlaubt für\">alle Texte ohne Namen</td>"),
            "{row}"
        );
        assert!(!row.contains("<th"), "{row}");
        assert!(blocks[2].contains(">Chat-KI</td>"), "{}", blocks[2]);
        // Every unit has the same column widths: the longest cells have 10 and 21 characters,
        // the longest word of the first column ("Übersetzer") needs 14 → 14:21 → 40 % and 60 %.
        for block in &blocks {
            assert!(
                block.contains(
                    "<colgroup><col style=\"width:40%\"><col style=\"width:60%\"></colgroup>"
                ),
                "{block}"
            );
            assert!(block.ends_with("</table>"), "{block}");
        }
    }

    #[test]
    fn a_column_heading_cannot_break_out_of_its_cell_label() {
        let out = html("| a\" onclick=\"x() <b> |\n|---|\n| Zelle |\n");
        assert!(
            !tags(&out).iter().any(|t| t.contains("onclick=\"x")),
            "{out}"
        );
        assert!(
            out.contains("data-label=\"a&quot; onclick=&quot;x() &lt;b&gt;\""),
            "{out}"
        );
    }

    #[test]
    fn user_written_data_block_attributes_do_not_appear() {
        let out = html("<p data-block=\"b99\">gefälscht</p>");
        assert!(!tags(&out).iter().any(|t| t.contains("b99")), "{out}");
    }

    #[test]
    fn empty_markdown_renders_nothing() {
        assert_eq!(
            render(""),
            RenderedMarkdown {
                html: String::new(),
                sections: Vec::new()
            }
        );
        assert!(split_sections("  \n\n").is_empty());
    }

    #[test]
    fn the_reading_text_drops_markdown_marks_and_keeps_lists_and_table_rows() {
        let text = "Wir nutzen KI **verantwortungsvoll** und [prüfen](https://example.org) es.\n\n### Werkzeuge\n\n- Übersetzen\n  - nur intern\n- Entwerfen\n\n1. erstens\n2. zweitens\n\n| Werkzeug | Erlaubt |\n|---|---|\n| Übersetzung | ja |\n\nEnde.";
        assert_eq!(
            reading_text(text),
            "Wir nutzen KI verantwortungsvoll und prüfen es.\n\nWerkzeuge\n\n• Übersetzen\n  • nur intern\n• Entwerfen\n\n1. erstens\n2. zweitens\n\nWerkzeug │ Erlaubt\nÜbersetzung │ ja\n\nEnde."
        );
        assert_eq!(reading_text("Nur ein Satz."), "Nur ein Satz.");
        assert_eq!(reading_text(""), "");
    }

    #[test]
    fn split_sections_returns_preamble_and_top_level_sections() {
        let text = "Vorwort mit *Text*.\n\n# Präambel\n\nWerte.\n\n### Unterpunkt\n\nMehr.\n\n## Geltungsbereich\n\n- Pflege\n- Jugendhilfe\n";
        let sections = split_sections(text);
        assert_eq!(
            sections,
            vec![
                SectionText {
                    anchor: "einleitung".into(),
                    title: "Einleitung".into(),
                    markdown: "Vorwort mit *Text*.".into(),
                },
                SectionText {
                    anchor: "praeambel".into(),
                    title: "Präambel".into(),
                    markdown: "Werte.\n\n### Unterpunkt\n\nMehr.".into(),
                },
                SectionText {
                    anchor: "geltungsbereich".into(),
                    title: "Geltungsbereich".into(),
                    markdown: "- Pflege\n- Jugendhilfe".into(),
                },
            ]
        );
    }

    #[test]
    fn split_sections_uses_the_same_anchors_as_render() {
        let text =
            "# A\n\n### Ziele\n\n## Ziele\n\n> ## Ziele im Zitat\n\nSetext\n======\n\n## Ziele\n";
        let rendered = render(text);
        let split = split_sections(text);
        let split_anchors: Vec<&str> = split.iter().map(|s| s.anchor.as_str()).collect();
        assert_eq!(split_anchors, ["a", "ziele-2", "setext", "ziele-3"]);
        for anchor in split_anchors {
            assert!(
                rendered.sections.iter().any(|s| s.anchor == anchor),
                "{anchor}"
            );
        }
    }

    #[test]
    fn split_sections_without_headings_returns_only_the_preamble() {
        let sections = split_sections("Nur ein Absatz.\n");
        assert_eq!(sections.len(), 1);
        assert_eq!(sections[0].anchor, PREAMBLE_ANCHOR);
        assert_eq!(sections[0].markdown, "Nur ein Absatz.");
    }

    #[test]
    fn preamble_anchor_does_not_collide_with_a_heading_called_einleitung() {
        let sections = split_sections("Vorab.\n\n# Einleitung\n\nText\n");
        let anchors: Vec<&str> = sections.iter().map(|s| s.anchor.as_str()).collect();
        assert_eq!(anchors, ["einleitung-vorspann", "einleitung"]);
    }

    #[test]
    fn split_sections_keeps_empty_sections() {
        let sections = split_sections("# Eins\n# Zwei\nText\n");
        assert_eq!(sections.len(), 2);
        assert_eq!(sections[0].markdown, "");
        assert_eq!(sections[1].markdown, "Text");
    }
}
