//! The adopted guideline as a Word file (server only), written with `docx-rs`.
//!
//! Headings use Word's built-in heading styles ("heading 1" …, with outline levels), so Word's
//! navigation pane and table of contents work; lists are Word lists (bullets, and numbering
//! that restarts per list); tables are Word tables. The Markdown is read from the same parse
//! as the page (`domain::markdown::events`). Text goes into runs as text: Word sees no markup.

use crate::domain::markdown::{events, heading_level_number};
use docx_rs::{
    AbstractNumbering, AlignmentType, Docx, Hyperlink, HyperlinkType, IndentLevel, Level, LevelJc,
    LevelOverride, LevelText, NumberFormat, Numbering, NumberingId, Paragraph, Run, RunFonts,
    SpecialIndentType, Start, Style, StyleType, Table, TableCell, TableRow,
};
use pulldown_cmark::{Event, Tag, TagEnd};

/// The front matter of the Word file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocxFrontMatter {
    /// The guideline's title.
    pub title: String,
    /// Lines under the title ("Verabschiedete Version 3", the hash …).
    pub lines: Vec<String>,
}

/// Why the Word file could not be written (details for the log).
#[derive(Debug, thiserror::Error)]
#[error("writing the Word file failed: {0}")]
pub struct DocxError(String);

/// The abstract numbering of bullet lists.
const BULLETS: usize = 1;
/// The abstract numbering of numbered lists (each list gets its own instance).
const DECIMAL: usize = 2;

/// The Word styles the file uses: headings 1–6 (Word's built-in names), title, quote, code,
/// list paragraph.
fn styles(mut docx: Docx) -> Docx {
    const SIZES: [usize; 6] = [32, 28, 26, 24, 22, 22];
    for (i, size) in SIZES.iter().enumerate() {
        let n = i + 1;
        let mut style = Style::new(format!("Heading{n}"), StyleType::Paragraph)
            .name(format!("heading {n}"))
            .based_on("Normal")
            .next("Normal")
            .q_format(true)
            .outline_lvl(i)
            .size(*size)
            .bold();
        if n >= 5 {
            style = style.italic();
        }
        docx = docx.add_style(style);
    }
    docx.add_style(
        Style::new("Title", StyleType::Paragraph)
            .name("Title")
            .based_on("Normal")
            .next("Normal")
            .q_format(true)
            .size(44)
            .bold(),
    )
    .add_style(
        Style::new("Quote", StyleType::Paragraph)
            .name("Quote")
            .based_on("Normal")
            .italic()
            .indent(Some(720), None, Some(720), None),
    )
    .add_style(
        Style::new("Code", StyleType::Paragraph)
            .name("Code")
            .based_on("Normal")
            .fonts(RunFonts::new().ascii("Courier New").hi_ansi("Courier New"))
            .size(20),
    )
    .add_style(
        Style::new("ListParagraph", StyleType::Paragraph)
            .name("List Paragraph")
            .based_on("Normal"),
    )
}

/// Bullet and decimal list definitions, nine levels each.
fn numberings(mut docx: Docx) -> Docx {
    let mut bullets = AbstractNumbering::new(BULLETS);
    let mut decimal = AbstractNumbering::new(DECIMAL);
    // One level: its number format and text, indented a half inch per level.
    let level = |level: usize, format: &str, text: String| {
        Level::new(
            level,
            Start::new(1),
            NumberFormat::new(format),
            LevelText::new(text),
            LevelJc::new("left"),
        )
        .indent(
            Some(720 * (level as i32 + 1)),
            Some(SpecialIndentType::Hanging(360)),
            None,
            None,
        )
    };
    for n in 0..9 {
        let bullet = if n % 2 == 0 { "•" } else { "◦" };
        bullets = bullets.add_level(level(n, "bullet", bullet.to_owned()));
        decimal = decimal.add_level(level(n, "decimal", format!("%{}.", n + 1)));
    }
    docx = docx
        .add_abstract_numbering(bullets)
        .add_abstract_numbering(decimal);
    docx.add_numbering(Numbering::new(BULLETS, BULLETS))
}

/// Inline formatting in force.
#[derive(Debug, Default, Clone, Copy)]
struct Format {
    bold: u32,
    italic: u32,
    strike: u32,
}

impl Format {
    fn run(self, text: &str, code: bool) -> Run {
        let mut run = Run::new().add_text(text);
        if self.bold > 0 {
            run = run.bold();
        }
        if self.italic > 0 {
            run = run.italic();
        }
        if self.strike > 0 {
            run = run.strike();
        }
        if code {
            run = run.fonts(RunFonts::new().ascii("Courier New").hi_ansi("Courier New"));
        }
        run
    }
}

/// A list being written: its Word numbering instance.
#[derive(Debug, Clone, Copy)]
struct ListFrame {
    numbering: usize,
}

/// Where runs go: the document, or a table cell.
struct Writer {
    docx: Docx,
    next_numbering: usize,
    paragraph: Option<Paragraph>,
    /// Whether the open paragraph already holds text (a list item's first paragraph reuses it).
    has_text: bool,
    format: Format,
    lists: Vec<ListFrame>,
    /// Inside a block quote (depth).
    quote: u32,
    heading: Option<usize>,
    link: Option<(String, Vec<Run>)>,
    table: Option<Vec<TableRow>>,
    row: Vec<TableCell>,
    cell: Option<Vec<Paragraph>>,
}

impl Writer {
    fn new(docx: Docx) -> Self {
        Self {
            docx,
            next_numbering: DECIMAL + 1,
            paragraph: None,
            has_text: false,
            format: Format::default(),
            lists: Vec::new(),
            quote: 0,
            heading: None,
            link: None,
            table: None,
            row: Vec::new(),
            cell: None,
        }
    }

    /// A new paragraph with the style the context asks for.
    fn open(&mut self) {
        self.flush();
        let mut p = Paragraph::new();
        if let Some(level) = self.heading {
            p = p.style(&format!("Heading{level}"));
        } else if self.quote > 0 {
            p = p.style("Quote");
        } else if !self.lists.is_empty() {
            p = p.style("ListParagraph");
        }
        self.paragraph = Some(p);
        self.has_text = false;
    }

    /// A new paragraph that is a list item (numbered or bulleted at the current depth).
    fn open_item(&mut self) {
        self.open();
        let depth = self.lists.len().saturating_sub(1).min(8);
        if let (Some(frame), Some(p)) = (self.lists.last().copied(), self.paragraph.take()) {
            self.paragraph =
                Some(p.numbering(NumberingId::new(frame.numbering), IndentLevel::new(depth)));
        }
    }

    /// Puts the open paragraph where it belongs (a cell or the document).
    fn flush(&mut self) {
        if let Some(p) = self.paragraph.take() {
            match self.cell.as_mut() {
                Some(cell) => cell.push(p),
                None => self.docx = std::mem::take(&mut self.docx).add_paragraph(p),
            }
        }
        self.has_text = false;
    }

    fn push_run(&mut self, run: Run) {
        if let Some((_, runs)) = self.link.as_mut() {
            runs.push(run);
            return;
        }
        if self.paragraph.is_none() {
            self.open();
        }
        if let Some(p) = self.paragraph.take() {
            self.paragraph = Some(p.add_run(run));
        }
        self.has_text = true;
    }

    fn text(&mut self, text: &str, code: bool) {
        let run = self.format.run(text, code);
        self.push_run(run);
    }
}

/// Writes the guideline (front matter, then the Markdown) as a `.docx` file.
pub fn guideline_docx(front: &DocxFrontMatter, markdown: &str) -> Result<Vec<u8>, DocxError> {
    let docx = numberings(styles(Docx::new()))
        .default_size(22)
        .add_paragraph(
            Paragraph::new()
                .style("Title")
                .add_run(Run::new().add_text(&front.title)),
        );
    let mut docx = docx;
    for line in &front.lines {
        docx = docx.add_paragraph(Paragraph::new().add_run(Run::new().add_text(line)));
    }
    let mut w = Writer::new(docx);
    let mut code: Option<String> = None;
    for event in events(markdown) {
        if let Some(buffer) = code.as_mut() {
            match event {
                Event::End(TagEnd::CodeBlock) => {
                    let body = code.take().unwrap_or_default();
                    for line in body.trim_end_matches('\n').split('\n') {
                        w.flush();
                        w.paragraph = Some(Paragraph::new().style("Code"));
                        w.text(line.trim_end_matches('\r'), true);
                        w.flush();
                    }
                }
                Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => {
                    buffer.push_str(&t)
                }
                _ => {}
            }
            continue;
        }
        match event {
            Event::Start(tag) => start(&mut w, tag, &mut code),
            Event::End(tag) => end(&mut w, tag),
            Event::Text(t) | Event::Html(t) | Event::InlineHtml(t) => w.text(&t, false),
            Event::Code(t) => w.text(&t, true),
            Event::SoftBreak => w.text(" ", false),
            Event::HardBreak => w.push_run(Run::new().add_break(docx_rs::BreakType::TextWrapping)),
            Event::Rule => {
                w.flush();
                w.docx = std::mem::take(&mut w.docx).add_paragraph(
                    Paragraph::new()
                        .align(AlignmentType::Center)
                        .add_run(Run::new().add_text("* * *")),
                );
            }
            Event::FootnoteReference(t) | Event::InlineMath(t) | Event::DisplayMath(t) => {
                w.text(&t, false)
            }
            Event::TaskListMarker(done) => w.text(if done { "☒ " } else { "☐ " }, false),
        }
    }
    w.flush();
    let mut bytes = std::io::Cursor::new(Vec::new());
    w.docx
        .build()
        .pack(&mut bytes)
        .map_err(|e| DocxError(e.to_string()))?;
    Ok(bytes.into_inner())
}

fn start(w: &mut Writer, tag: Tag<'_>, code: &mut Option<String>) {
    match tag {
        Tag::Paragraph | Tag::HtmlBlock => {
            // A list item's first paragraph is the item's own (already numbered) paragraph.
            if w.paragraph.is_none() || w.has_text {
                w.open();
            }
        }
        Tag::Heading { level, .. } => {
            w.heading = Some(heading_level_number(level) as usize);
            w.open();
        }
        Tag::BlockQuote(_) => {
            w.flush();
            w.quote += 1;
        }
        Tag::CodeBlock(_) => {
            w.flush();
            *code = Some(String::new());
        }
        Tag::List(first) => {
            w.flush();
            let numbering = match first {
                None => BULLETS,
                Some(start) => {
                    let id = w.next_numbering;
                    w.next_numbering += 1;
                    let start = usize::try_from(start).unwrap_or(1);
                    w.docx = std::mem::take(&mut w.docx).add_numbering(
                        Numbering::new(id, DECIMAL)
                            .add_override(LevelOverride::new(0).start(start)),
                    );
                    id
                }
            };
            w.lists.push(ListFrame { numbering });
        }
        Tag::Item => w.open_item(),
        Tag::Table(_) => {
            w.flush();
            w.table = Some(Vec::new());
        }
        Tag::TableHead | Tag::TableRow => w.row = Vec::new(),
        Tag::TableCell => {
            w.cell = Some(Vec::new());
            w.open();
        }
        Tag::Emphasis => w.format.italic += 1,
        Tag::Strong => w.format.bold += 1,
        Tag::Strikethrough => w.format.strike += 1,
        Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. } => {
            if super::markup::is_allowed_url(&dest_url) {
                w.link = Some((dest_url.trim().to_owned(), Vec::new()));
            }
        }
        Tag::FootnoteDefinition(_)
        | Tag::DefinitionList
        | Tag::DefinitionListTitle
        | Tag::DefinitionListDefinition
        | Tag::MetadataBlock(_)
        | Tag::Superscript
        | Tag::Subscript => {}
    }
}

fn end(w: &mut Writer, tag: TagEnd) {
    match tag {
        TagEnd::Paragraph | TagEnd::HtmlBlock => w.flush(),
        TagEnd::Heading(_) => {
            w.flush();
            w.heading = None;
        }
        TagEnd::BlockQuote(_) => {
            w.flush();
            w.quote = w.quote.saturating_sub(1);
        }
        TagEnd::CodeBlock => {}
        TagEnd::List(_) => {
            w.flush();
            w.lists.pop();
        }
        TagEnd::Item => w.flush(),
        TagEnd::Table => {
            w.flush();
            if let Some(rows) = w.table.take() {
                let table = Table::new(rows).style("TableGrid");
                w.docx = std::mem::take(&mut w.docx).add_table(table);
            }
        }
        TagEnd::TableHead | TagEnd::TableRow => {
            let cells = std::mem::take(&mut w.row);
            if let Some(rows) = w.table.as_mut() {
                rows.push(TableRow::new(cells));
            }
        }
        TagEnd::TableCell => {
            w.flush();
            let paragraphs = w.cell.take().unwrap_or_default();
            let mut cell = TableCell::new();
            if paragraphs.is_empty() {
                cell = cell.add_paragraph(Paragraph::new());
            }
            for p in paragraphs {
                cell = cell.add_paragraph(p);
            }
            w.row.push(cell);
        }
        TagEnd::Emphasis => w.format.italic = w.format.italic.saturating_sub(1),
        TagEnd::Strong => w.format.bold = w.format.bold.saturating_sub(1),
        TagEnd::Strikethrough => w.format.strike = w.format.strike.saturating_sub(1),
        TagEnd::Link | TagEnd::Image => {
            if let Some((url, runs)) = w.link.take() {
                let mut link = Hyperlink::new(url, HyperlinkType::External);
                for run in runs {
                    link = link.add_run(run.underline("single").color("0563C1"));
                }
                if w.paragraph.is_none() {
                    w.open();
                }
                if let Some(p) = w.paragraph.take() {
                    w.paragraph = Some(p.add_hyperlink(link));
                }
                w.has_text = true;
            }
        }
        TagEnd::FootnoteDefinition
        | TagEnd::DefinitionList
        | TagEnd::DefinitionListTitle
        | TagEnd::DefinitionListDefinition
        | TagEnd::MetadataBlock(_)
        | TagEnd::Superscript
        | TagEnd::Subscript => {}
    }
}
