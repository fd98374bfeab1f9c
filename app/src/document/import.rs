//! A working draft from a file: Word (`.docx`), OpenDocument (`.odt`) or Markdown (`.md`).
//!
//! Headings, paragraphs, lists, tables, bold, italic, strike-through and links become
//! Markdown; images, comments, footnotes, formulas and tracked deletions are dropped and
//! listed, so the person knows what to carry over by hand. Every text from the file is
//! escaped for Markdown, so a `*` or `#` in the Word text stays a character.
//!
//! The file is untrusted: it is refused when it is larger than [`MAX_FILE_BYTES`], is not a
//! readable ZIP archive, is encrypted (or an old binary `.doc`), or would unpack to more than
//! [`MAX_UNPACKED_BYTES`] or at a ratio above [`MAX_RATIO`] (a zip bomb). The XML is read with
//! `quick-xml` as a stream (no entity expansion beyond the five predefined ones). Pure Rust,
//! no database: also compiled into the fuzz target.

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use std::collections::HashMap;
use std::io::{Cursor, Read};

/// Largest file accepted (10 MB).
pub const MAX_FILE_BYTES: usize = 10 * 1024 * 1024;
/// Most bytes unpacked from the parts read (document, styles, numbering, relations).
pub const MAX_UNPACKED_BYTES: u64 = 64 * 1024 * 1024;
/// Highest compression ratio of a part larger than 1 MB unpacked.
pub const MAX_RATIO: u64 = 100;
/// Most entries an archive may list.
const MAX_ENTRIES: usize = 5_000;
/// Deepest XML nesting accepted.
const MAX_DEPTH: usize = 256;

/// Why a file could not be imported; the text is what the person reads.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImportError {
    /// Larger than [`MAX_FILE_BYTES`].
    #[error("Die Datei ist zu groß: höchstens 10 MB.")]
    TooLarge,
    /// Empty upload.
    #[error("Die Datei ist leer. Bitte wählen Sie eine Datei aus.")]
    Empty,
    /// Neither `.docx`, `.odt` nor `.md`.
    #[error("Dieses Dateiformat kann nicht übernommen werden. Möglich sind Word-Dateien (.docx), OpenDocument-Texte (.odt) und Markdown (.md).")]
    UnknownFormat,
    /// Encrypted, password-protected, or an old binary Word file.
    #[error("Die Datei ist mit einem Kennwort geschützt oder im alten Word-Format (.doc). Bitte speichern Sie sie ohne Kennwort als .docx und laden Sie sie erneut hoch.")]
    Encrypted,
    /// Unpacks to far more than it weighs: refused as a possible zip bomb.
    #[error("Die Datei würde entpackt zu groß (mehr als 64 MB oder ungewöhnlich stark komprimiert). Sie wurde nicht geöffnet.")]
    ZipBomb,
    /// Not a readable archive, or the parts are missing or malformed.
    #[error("Die Datei ist beschädigt oder keine gültige {0}. Bitte öffnen und speichern Sie sie erneut und laden Sie sie dann hoch.")]
    Corrupt(&'static str),
    /// A Markdown file that is not UTF-8 text.
    #[error("Die Markdown-Datei ist kein Text in UTF-8. Bitte speichern Sie sie als UTF-8 und laden Sie sie erneut hoch.")]
    NotUtf8,
}

/// The kind of file, from its name and first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Word 2007 and later.
    Docx,
    /// OpenDocument text.
    Odt,
    /// Markdown or plain text.
    Markdown,
}

/// What an import produced: the Markdown and what was left out.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Imported {
    /// The draft text.
    pub markdown: String,
    /// What was dropped, in German ("2 Bilder", "3 Kommentare").
    pub dropped: Vec<String>,
}

/// Counts of what the converter left out.
#[derive(Debug, Default)]
struct Dropped {
    images: usize,
    comments: usize,
    footnotes: usize,
    formulas: usize,
    tracked: bool,
    text_boxes: usize,
}

impl Dropped {
    fn describe(&self) -> Vec<String> {
        let count = |n: usize, one: &str, many: &str| -> Option<String> {
            match n {
                0 => None,
                1 => Some(format!("1 {one}")),
                n => Some(format!("{n} {many}")),
            }
        };
        let mut out: Vec<String> = [
            count(
                self.images,
                "Bild oder eingebettetes Objekt",
                "Bilder oder eingebettete Objekte",
            ),
            count(self.comments, "Kommentar", "Kommentare"),
            count(self.footnotes, "Fußnote", "Fußnoten"),
            count(self.formulas, "Formel", "Formeln"),
            count(self.text_boxes, "Textfeld", "Textfelder"),
        ]
        .into_iter()
        .flatten()
        .collect();
        if self.tracked {
            out.push(
                "nachverfolgte Änderungen (Einfügungen wurden übernommen, Löschungen entfernt)"
                    .to_owned(),
            );
        }
        out
    }
}

/// The format of an upload, from its file name (and, for ZIP files, its first bytes).
pub fn detect(file_name: &str, bytes: &[u8]) -> Result<Format, ImportError> {
    let lower = file_name.trim().to_lowercase();
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        // An OLE container: an encrypted Office file or an old .doc.
        return Err(ImportError::Encrypted);
    }
    if lower.ends_with(".docx") {
        Ok(Format::Docx)
    } else if lower.ends_with(".odt") {
        Ok(Format::Odt)
    } else if lower.ends_with(".md") || lower.ends_with(".markdown") || lower.ends_with(".txt") {
        Ok(Format::Markdown)
    } else {
        Err(ImportError::UnknownFormat)
    }
}

/// Converts an uploaded file to Markdown.
pub fn import(file_name: &str, bytes: &[u8]) -> Result<Imported, ImportError> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(ImportError::TooLarge);
    }
    if bytes.is_empty() {
        return Err(ImportError::Empty);
    }
    match detect(file_name, bytes)? {
        Format::Markdown => markdown_file(bytes),
        Format::Docx => docx(bytes),
        Format::Odt => odt(bytes),
    }
}

fn markdown_file(bytes: &[u8]) -> Result<Imported, ImportError> {
    let text = std::str::from_utf8(bytes).map_err(|_| ImportError::NotUtf8)?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    Ok(Imported {
        markdown: text.replace("\r\n", "\n"),
        dropped: Vec::new(),
    })
}

/// An opened archive that unpacks parts within the limits.
struct Archive<'a> {
    zip: zip::ZipArchive<Cursor<&'a [u8]>>,
    unpacked: u64,
    what: &'static str,
}

impl<'a> Archive<'a> {
    fn open(bytes: &'a [u8], what: &'static str) -> Result<Self, ImportError> {
        if !bytes.starts_with(b"PK") {
            return Err(ImportError::Corrupt(what));
        }
        let zip =
            zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| ImportError::Corrupt(what))?;
        if zip.len() > MAX_ENTRIES {
            return Err(ImportError::ZipBomb);
        }
        let mut archive = Self {
            zip,
            unpacked: 0,
            what,
        };
        // What the archive claims it holds: refused early when that alone is too much.
        let mut declared = 0u64;
        for i in 0..archive.zip.len() {
            let entry = archive
                .zip
                .by_index_raw(i)
                .map_err(|_| ImportError::Corrupt(what))?;
            if entry.encrypted() {
                return Err(ImportError::Encrypted);
            }
            declared = declared.saturating_add(entry.size());
        }
        if declared > 4 * MAX_UNPACKED_BYTES {
            return Err(ImportError::ZipBomb);
        }
        archive.unpacked = 0;
        Ok(archive)
    }

    fn names(&self) -> Vec<String> {
        self.zip.file_names().map(str::to_owned).collect()
    }

    /// A part's bytes, or `None` when the archive has no such part.
    fn part(&mut self, name: &str) -> Result<Option<Vec<u8>>, ImportError> {
        let what = self.what;
        let mut file = match self.zip.by_name(name) {
            Ok(file) => file,
            Err(zip::result::ZipError::FileNotFound) => return Ok(None),
            Err(zip::result::ZipError::UnsupportedArchive(msg))
                if msg.to_lowercase().contains("password") =>
            {
                return Err(ImportError::Encrypted)
            }
            Err(_) => return Err(ImportError::Corrupt(what)),
        };
        if file.encrypted() {
            return Err(ImportError::Encrypted);
        }
        let compressed = file.compressed_size().max(1);
        let remaining = MAX_UNPACKED_BYTES.saturating_sub(self.unpacked);
        let mut out = Vec::new();
        // The declared size may lie: read at most what is left of the budget, plus one byte.
        (&mut file)
            .take(remaining + 1)
            .read_to_end(&mut out)
            .map_err(|_| ImportError::Corrupt(what))?;
        let size = out.len() as u64;
        if size > remaining {
            return Err(ImportError::ZipBomb);
        }
        if size > 1024 * 1024 && size / compressed > MAX_RATIO {
            return Err(ImportError::ZipBomb);
        }
        self.unpacked += size;
        Ok(Some(out))
    }
}

/// Inline formatting of a piece of text.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Fmt {
    bold: bool,
    italic: bool,
    strike: bool,
}

/// A piece of a paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Piece {
    Text(String, Fmt),
    Break,
    Link(String, String),
}

/// A block of the document, before it becomes Markdown.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Block {
    Heading(u8, Vec<Piece>),
    Paragraph(Vec<Piece>),
    Item {
        ordered: bool,
        depth: usize,
        pieces: Vec<Piece>,
    },
    Table(Vec<Vec<Vec<Piece>>>),
}

/// Escapes text so Markdown shows it as written.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '&' => {
                out.push('\\');
                out.push(c);
            }
            '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Escapes what would start a Markdown block at the start of a line (`#`, `-`, `+`, `=`,
/// `1.`), and drops the indentation that would make it code.
fn escape_line_start(line: &str) -> String {
    let line = line.trim_start();
    let first = line.chars().next();
    if matches!(first, Some('#' | '-' | '+' | '=')) {
        return format!("\\{line}");
    }
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 && matches!(line[digits..].chars().next(), Some('.' | ')')) {
        return format!("{}\\{}", &line[..digits], &line[digits..]);
    }
    line.to_owned()
}

/// Wraps `text` in `mark` with its outer whitespace outside (Markdown needs that).
fn wrap(text: &str, mark: &str) -> String {
    let trimmed = text.trim();
    if trimmed.is_empty() || mark.is_empty() {
        return text.to_owned();
    }
    let start = text.len() - text.trim_start().len();
    let end = text.trim_end().len();
    format!("{}{mark}{trimmed}{mark}{}", &text[..start], &text[end..])
}

/// The Markdown of a paragraph's pieces; line breaks become `separator`.
fn inline(pieces: &[Piece], separator: &str) -> String {
    let mut out = String::new();
    let mut i = 0;
    while i < pieces.len() {
        match &pieces[i] {
            Piece::Text(_, fmt) => {
                let fmt = *fmt;
                let mut text = String::new();
                while let Some(Piece::Text(t, f)) = pieces.get(i) {
                    if *f != fmt {
                        break;
                    }
                    text.push_str(t);
                    i += 1;
                }
                let mut md = escape(&text);
                if fmt.strike {
                    md = wrap(&md, "~~");
                }
                let mark = match (fmt.bold, fmt.italic) {
                    (true, true) => "***",
                    (true, false) => "**",
                    (false, true) => "*",
                    (false, false) => "",
                };
                out.push_str(&wrap(&md, mark));
                continue;
            }
            Piece::Break => out.push_str(separator),
            Piece::Link(url, text) => {
                let text = escape(text.trim());
                let label = if text.is_empty() { escape(url) } else { text };
                let safe_url: String = url
                    .chars()
                    .filter(|c| !c.is_whitespace() && !matches!(c, '(' | ')' | '<' | '>'))
                    .collect();
                out.push_str(&format!("[{label}]({safe_url})"));
            }
        }
        i += 1;
    }
    out
}

/// Markdown from blocks.
fn to_markdown(blocks: &[Block]) -> String {
    let mut out = String::new();
    let mut previous_item = false;
    // Marker widths of the open list levels, for the indentation of nested items.
    let mut indents: Vec<usize> = Vec::new();
    for block in blocks {
        let is_item = matches!(block, Block::Item { .. });
        if !out.is_empty() {
            out.push_str(if is_item && previous_item {
                "\n"
            } else {
                "\n\n"
            });
        }
        if !is_item {
            indents.clear();
        }
        match block {
            Block::Heading(level, pieces) => {
                let text = inline(pieces, " ");
                out.push_str(&format!(
                    "{} {}",
                    "#".repeat((*level).clamp(1, 6) as usize),
                    text.trim()
                ));
            }
            Block::Paragraph(pieces) => {
                let text = inline(pieces, "\\\n");
                let lines: Vec<String> = text.split('\n').map(escape_line_start).collect();
                out.push_str(&lines.join("\n"));
            }
            Block::Item {
                ordered,
                depth,
                pieces,
            } => {
                indents.truncate(*depth);
                while indents.len() < *depth {
                    indents.push(2);
                }
                let indent: usize = indents.iter().sum();
                let marker = if *ordered { "1. " } else { "- " };
                indents.push(marker.len());
                let text = inline(pieces, " ");
                out.push_str(&format!(
                    "{}{marker}{}",
                    " ".repeat(indent),
                    escape_line_start(&text)
                ));
            }
            Block::Table(rows) => {
                let columns = rows.iter().map(Vec::len).max().unwrap_or(0).max(1);
                for (r, row) in rows.iter().enumerate() {
                    let mut cells: Vec<String> = row
                        .iter()
                        .map(|cell| inline(cell, " ").replace('\n', " ").trim().to_owned())
                        .collect();
                    cells.resize(columns, String::new());
                    out.push_str(&format!("| {} |", cells.join(" | ")));
                    if r == 0 {
                        out.push_str(&format!("\n|{}", "---|".repeat(columns)));
                    }
                    if r + 1 < rows.len() {
                        out.push('\n');
                    }
                }
            }
        }
        previous_item = is_item;
    }
    if !out.is_empty() {
        out.push('\n');
    }
    out
}

/// Drops empty paragraphs and headings (Word uses them for spacing).
fn keep(block: &Block) -> bool {
    let has_text = |pieces: &[Piece]| {
        pieces.iter().any(|p| match p {
            Piece::Text(t, _) => !t.trim().is_empty(),
            Piece::Link(..) => true,
            Piece::Break => false,
        })
    };
    match block {
        Block::Heading(_, p) | Block::Paragraph(p) | Block::Item { pieces: p, .. } => has_text(p),
        Block::Table(rows) => !rows.is_empty(),
    }
}

// ---------------------------------------------------------------------------------------------
// XML helpers
// ---------------------------------------------------------------------------------------------

/// The local name of an element (`w:p` → `p`).
fn local(e: &BytesStart<'_>) -> String {
    String::from_utf8_lossy(e.local_name().as_ref()).into_owned()
}

/// An attribute's value by local name (`w:val` → `val`).
fn attr(e: &BytesStart<'_>, name: &str) -> Option<String> {
    e.attributes().with_checks(false).flatten().find_map(|a| {
        (a.key.local_name().as_ref() == name.as_bytes()).then(|| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .map(|v| v.into_owned())
                .unwrap_or_else(|_| String::from_utf8_lossy(&a.value).into_owned())
        })
    })
}

/// Whether a Word on/off property is on (`<w:b/>`, `<w:b w:val="true"/>`, not `w:val="0"`).
fn on(e: &BytesStart<'_>) -> bool {
    !matches!(
        attr(e, "val").as_deref(),
        Some("0" | "false" | "off" | "none")
    )
}

/// A streaming reader over XML bytes with our settings.
fn reader(bytes: &[u8]) -> Reader<&[u8]> {
    let mut reader = Reader::from_reader(bytes);
    reader.config_mut().trim_text(false);
    reader
}

/// What the XML walk hands to a converter.
enum Node<'e> {
    /// A start tag (`empty`: it has no content and no end tag follows).
    Open(&'e BytesStart<'e>, bool),
    /// An end tag, by local name.
    Close(String),
    /// Text (entities resolved).
    Text(String),
}

/// Walks XML bytes, calling `visit` per node; refuses malformed or too deeply nested XML.
fn walk(
    bytes: &[u8],
    what: &'static str,
    mut visit: impl FnMut(Node<'_>),
) -> Result<(), ImportError> {
    let mut reader = reader(bytes);
    let mut buf = Vec::new();
    let mut depth = 0usize;
    loop {
        let event = reader
            .read_event_into(&mut buf)
            .map_err(|_| ImportError::Corrupt(what))?;
        match event {
            Event::Start(e) => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err(ImportError::Corrupt(what));
                }
                visit(Node::Open(&e, false));
            }
            Event::Empty(e) => visit(Node::Open(&e, true)),
            Event::End(e) => {
                depth = depth.saturating_sub(1);
                visit(Node::Close(
                    String::from_utf8_lossy(e.local_name().as_ref()).into_owned(),
                ));
            }
            Event::Text(t) => {
                let text = t.xml10_content().map_err(|_| ImportError::Corrupt(what))?;
                visit(Node::Text(text.into_owned()));
            }
            Event::CData(t) => {
                let text = t.decode().map_err(|_| ImportError::Corrupt(what))?;
                visit(Node::Text(text.into_owned()));
            }
            Event::GeneralRef(r) => {
                let resolved = if r.is_char_ref() {
                    r.resolve_char_ref().ok().flatten().map(|c| c.to_string())
                } else {
                    let name = r.decode().map_err(|_| ImportError::Corrupt(what))?;
                    quick_xml::escape::resolve_predefined_entity(&name).map(str::to_owned)
                };
                if let Some(text) = resolved {
                    visit(Node::Text(text));
                }
            }
            Event::Eof => break,
            Event::Comment(_) | Event::Decl(_) | Event::PI(_) | Event::DocType(_) => {}
        }
        buf.clear();
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Word
// ---------------------------------------------------------------------------------------------

/// A Word paragraph style: its heading level and the style it is based on.
#[derive(Debug, Default, Clone)]
struct WordStyle {
    level: Option<u8>,
    based_on: Option<String>,
}

/// Heading levels per style id, from `word/styles.xml` (built-in names "heading 1" …,
/// "Title", or an outline level).
fn word_styles(bytes: Option<&[u8]>) -> Result<HashMap<String, u8>, ImportError> {
    let mut styles: HashMap<String, WordStyle> = HashMap::new();
    if let Some(bytes) = bytes {
        let mut current: Option<(String, WordStyle)> = None;
        walk(bytes, "Word-Datei", |node| match node {
            Node::Open(e, empty) => match local(e).as_str() {
                "style" if !empty => {
                    current = attr(e, "styleId").map(|id| (id, WordStyle::default()));
                }
                "name" => {
                    if let (Some((_, style)), Some(name)) = (current.as_mut(), attr(e, "val")) {
                        style.level = style.level.or_else(|| heading_level_of_name(&name));
                    }
                }
                "basedOn" => {
                    if let Some((_, style)) = current.as_mut() {
                        style.based_on = attr(e, "val");
                    }
                }
                "outlineLvl" => {
                    if let (Some((_, style)), Some(level)) = (
                        current.as_mut(),
                        attr(e, "val").and_then(|v| v.parse::<u8>().ok()),
                    ) {
                        if level < 9 {
                            style.level = style.level.or(Some(level + 1));
                        }
                    }
                }
                _ => {}
            },
            Node::Close(name) if name == "style" => {
                if let Some((id, style)) = current.take() {
                    styles.insert(id, style);
                }
            }
            _ => {}
        })?;
    }
    // Resolve levels through `basedOn` (a style based on "Heading 2" is a heading 2).
    let mut levels = HashMap::new();
    for id in styles.keys() {
        let mut at = Some(id.clone());
        for _ in 0..10 {
            let Some(style) = at.as_ref().and_then(|id| styles.get(id)) else {
                break;
            };
            if let Some(level) = style.level {
                levels.insert(id.clone(), level.min(6));
                break;
            }
            at = style.based_on.clone();
        }
    }
    Ok(levels)
}

/// The heading level of a style name: "heading 2" (Word's built-in name, also in German Word),
/// "Überschrift 2", "Title".
fn heading_level_of_name(name: &str) -> Option<u8> {
    let lower = name.trim().to_lowercase();
    if lower == "title" || lower == "titel" {
        return Some(1);
    }
    for prefix in ["heading", "überschrift"] {
        if let Some(rest) = lower.strip_prefix(prefix) {
            if let Ok(n) = rest.trim().parse::<u8>() {
                if (1..=9).contains(&n) {
                    return Some(n.min(6));
                }
            }
        }
    }
    None
}

/// Whether each list (by `numId`) and level is numbered, from `word/numbering.xml`.
fn word_numbering(bytes: Option<&[u8]>) -> Result<HashMap<(String, u8), bool>, ImportError> {
    let mut abstract_levels: HashMap<String, HashMap<u8, bool>> = HashMap::new();
    let mut nums: HashMap<String, String> = HashMap::new();
    if let Some(bytes) = bytes {
        let mut in_abstract: Option<String> = None;
        let mut in_level: Option<u8> = None;
        let mut in_num: Option<String> = None;
        walk(bytes, "Word-Datei", |node| match node {
            Node::Open(e, empty) => match local(e).as_str() {
                "abstractNum" if !empty => in_abstract = attr(e, "abstractNumId"),
                "lvl" if !empty => in_level = attr(e, "ilvl").and_then(|v| v.parse().ok()),
                "numFmt" => {
                    if let (Some(a), Some(l), Some(fmt)) = (&in_abstract, in_level, attr(e, "val"))
                    {
                        abstract_levels
                            .entry(a.clone())
                            .or_default()
                            .insert(l, !matches!(fmt.as_str(), "bullet" | "none"));
                    }
                }
                "num" if !empty => in_num = attr(e, "numId"),
                "abstractNumId" => {
                    if let (Some(n), Some(a)) = (&in_num, attr(e, "val")) {
                        nums.insert(n.clone(), a);
                    }
                }
                _ => {}
            },
            Node::Close(name) => match name.as_str() {
                "abstractNum" => in_abstract = None,
                "lvl" => in_level = None,
                "num" => in_num = None,
                _ => {}
            },
            Node::Text(_) => {}
        })?;
    }
    let mut out = HashMap::new();
    for (num, abs) in nums {
        if let Some(levels) = abstract_levels.get(&abs) {
            for (level, ordered) in levels {
                out.insert((num.clone(), *level), *ordered);
            }
        }
    }
    Ok(out)
}

/// Link targets by relation id, from `word/_rels/document.xml.rels`.
fn word_links(bytes: Option<&[u8]>) -> Result<HashMap<String, String>, ImportError> {
    let mut links = HashMap::new();
    if let Some(bytes) = bytes {
        walk(bytes, "Word-Datei", |node| {
            if let Node::Open(e, _) = node {
                if local(e) == "Relationship"
                    && attr(e, "TargetMode").as_deref() == Some("External")
                {
                    if let (Some(id), Some(target)) = (attr(e, "Id"), attr(e, "Target")) {
                        links.insert(id, target);
                    }
                }
            }
        })?;
    }
    Ok(links)
}

/// Whether a link target may be kept as a link.
fn allowed_link(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    ["http://", "https://", "mailto:"]
        .iter()
        .any(|s| lower.starts_with(s))
}

/// The state of the walk through `word/document.xml`.
#[derive(Default)]
struct WordWalk {
    blocks: Vec<Block>,
    dropped: Dropped,
    /// Depth inside subtrees whose content is dropped (drawings, deletions, field codes …).
    skip: usize,
    /// The local name of the element that started the skipped subtree, with nesting.
    skip_name: Option<String>,
    /// The paragraph being read.
    pieces: Option<Vec<Piece>>,
    style: Option<String>,
    outline: Option<u8>,
    num_id: Option<String>,
    ilvl: u8,
    in_ppr: bool,
    in_rpr: bool,
    fmt: Fmt,
    hidden: bool,
    in_text: bool,
    link: Option<(String, String)>,
    /// Tables being read (nested tables are flattened into their cell).
    tables: Vec<Vec<Vec<Vec<Piece>>>>,
    cell: Option<Vec<Piece>>,
}

impl WordWalk {
    fn start_skip(&mut self, name: &str, empty: bool) {
        if !empty {
            self.skip = 1;
            self.skip_name = Some(name.to_owned());
        }
    }

    fn push(&mut self, piece: Piece) {
        if let Some((_, text)) = self.link.as_mut() {
            if let Piece::Text(t, _) = &piece {
                text.push_str(t);
            }
            return;
        }
        if let Some(pieces) = self.pieces.as_mut() {
            pieces.push(piece);
        } else if let Some(cell) = self.cell.as_mut() {
            cell.push(piece);
        }
    }

    fn end_paragraph(
        &mut self,
        levels: &HashMap<String, u8>,
        numbering: &HashMap<(String, u8), bool>,
    ) {
        let Some(pieces) = self.pieces.take() else {
            return;
        };
        // Inside a table, paragraphs become text of the cell.
        if let Some(cell) = self.cell.as_mut() {
            if !cell.is_empty() && !pieces.is_empty() {
                cell.push(Piece::Text(" ".into(), Fmt::default()));
            }
            cell.extend(pieces);
            return;
        }
        let level = self
            .outline
            .or_else(|| self.style.as_ref().and_then(|s| levels.get(s).copied()));
        let block = match (level, &self.num_id) {
            (Some(level), _) => Block::Heading(level, pieces),
            (None, Some(num)) if num != "0" => Block::Item {
                ordered: numbering
                    .get(&(num.clone(), self.ilvl))
                    .copied()
                    .unwrap_or(false),
                depth: usize::from(self.ilvl.min(8)),
                pieces,
            },
            _ => Block::Paragraph(pieces),
        };
        if keep(&block) {
            self.blocks.push(block);
        }
    }
}

fn docx(bytes: &[u8]) -> Result<Imported, ImportError> {
    const WHAT: &str = "Word-Datei";
    let mut archive = Archive::open(bytes, WHAT)?;
    let names = archive.names();
    let document = archive
        .part("word/document.xml")?
        .ok_or(ImportError::Corrupt(WHAT))?;
    let levels = word_styles(archive.part("word/styles.xml")?.as_deref())?;
    let numbering = word_numbering(archive.part("word/numbering.xml")?.as_deref())?;
    let links = word_links(archive.part("word/_rels/document.xml.rels")?.as_deref())?;

    let mut w = WordWalk::default();
    walk(&document, WHAT, |node| {
        if w.skip > 0 {
            match node {
                Node::Open(e, false) if Some(local(e)) == w.skip_name => w.skip += 1,
                Node::Close(name) if Some(&name) == w.skip_name.as_ref() => {
                    w.skip -= 1;
                    if w.skip == 0 {
                        w.skip_name = None;
                    }
                }
                _ => {}
            }
            return;
        }
        match node {
            Node::Open(e, empty) => {
                let name = local(e);
                match name.as_str() {
                    "p" if !empty => {
                        w.pieces = Some(Vec::new());
                        w.style = None;
                        w.outline = None;
                        w.num_id = None;
                        w.ilvl = 0;
                    }
                    "pPr" if !empty => w.in_ppr = true,
                    "pStyle" if w.in_ppr => w.style = attr(e, "val"),
                    "outlineLvl" if w.in_ppr => {
                        w.outline = attr(e, "val")
                            .and_then(|v| v.parse::<u8>().ok())
                            .filter(|l| *l < 9)
                            .map(|l| (l + 1).min(6));
                    }
                    "ilvl" if w.in_ppr => {
                        w.ilvl = attr(e, "val").and_then(|v| v.parse().ok()).unwrap_or(0)
                    }
                    "numId" if w.in_ppr => w.num_id = attr(e, "val"),
                    "r" if !empty => {
                        w.fmt = Fmt::default();
                        w.hidden = false;
                    }
                    "rPr" if !empty && !w.in_ppr => w.in_rpr = true,
                    "b" if w.in_rpr => w.fmt.bold = on(e),
                    "i" if w.in_rpr => w.fmt.italic = on(e),
                    "strike" | "dstrike" if w.in_rpr => w.fmt.strike = on(e),
                    "vanish" if w.in_rpr => w.hidden = on(e),
                    "t" if !empty => w.in_text = true,
                    "tab" if !w.in_ppr => w.push(Piece::Text(" ".into(), w.fmt)),
                    "br" | "cr" if attr(e, "type").as_deref() != Some("page") => {
                        w.push(Piece::Break)
                    }
                    "noBreakHyphen" => w.push(Piece::Text("-".into(), w.fmt)),
                    "hyperlink" if !empty => {
                        let url = attr(e, "id").and_then(|id| links.get(&id).cloned());
                        w.link = url.filter(|u| allowed_link(u)).map(|u| (u, String::new()));
                    }
                    "drawing" | "pict" | "object" => {
                        w.dropped.images += 1;
                        w.start_skip(&name, empty);
                    }
                    "txbxContent" => {
                        w.dropped.text_boxes += 1;
                        w.start_skip(&name, empty);
                    }
                    "oMath" | "oMathPara" => {
                        w.dropped.formulas += 1;
                        w.start_skip(&name, empty);
                    }
                    "del" | "moveFrom" => {
                        w.dropped.tracked = true;
                        w.start_skip(&name, empty);
                    }
                    "ins" | "moveTo" if !w.in_rpr && !w.in_ppr => w.dropped.tracked = true,
                    "commentReference" => w.dropped.comments += 1,
                    "footnoteReference" | "endnoteReference" => w.dropped.footnotes += 1,
                    "instrText" | "delText" | "Choice" => w.start_skip(&name, empty),
                    "tbl" if !empty => {
                        if w.tables.is_empty() {
                            // A paragraph cannot be open here, but never lose its text.
                            w.end_paragraph(&levels, &numbering);
                        }
                        w.tables.push(Vec::new());
                    }
                    "tr" if !empty && w.tables.len() == 1 => {
                        if let Some(t) = w.tables.last_mut() {
                            t.push(Vec::new());
                        }
                    }
                    "tc" if !empty && w.tables.len() == 1 => w.cell = Some(Vec::new()),
                    _ => {}
                }
            }
            Node::Close(name) => match name.as_str() {
                "p" => w.end_paragraph(&levels, &numbering),
                "pPr" => w.in_ppr = false,
                "rPr" => w.in_rpr = false,
                "r" => {
                    w.fmt = Fmt::default();
                    w.hidden = false;
                }
                "t" => w.in_text = false,
                "hyperlink" => {
                    if let Some((url, text)) = w.link.take() {
                        w.push(Piece::Link(url, text));
                    }
                }
                "tc" if w.tables.len() == 1 => {
                    if let (Some(cell), Some(row)) = (
                        w.cell.take(),
                        w.tables.last_mut().and_then(|t| t.last_mut()),
                    ) {
                        row.push(cell);
                    }
                }
                "tbl" => {
                    if let Some(rows) = w.tables.pop() {
                        if w.tables.is_empty() {
                            w.blocks.push(Block::Table(rows));
                        }
                    }
                }
                _ => {}
            },
            Node::Text(text) => {
                if w.in_text && !w.hidden {
                    let fmt = w.fmt;
                    w.push(Piece::Text(text, fmt));
                }
            }
        }
    })?;
    // Images outside the body text (e.g. in headers) are only found as files.
    if w.dropped.images == 0 {
        w.dropped.images = names
            .iter()
            .filter(|n| n.starts_with("word/media/"))
            .count();
    }
    let blocks: Vec<Block> = w.blocks.into_iter().filter(keep).collect();
    Ok(Imported {
        markdown: to_markdown(&blocks),
        dropped: w.dropped.describe(),
    })
}

// ---------------------------------------------------------------------------------------------
// OpenDocument
// ---------------------------------------------------------------------------------------------

/// Text styles (bold, italic, strike) and list styles (numbered per level) of an ODF file.
#[derive(Default)]
struct OdfStyles {
    text: HashMap<String, Fmt>,
    lists: HashMap<String, HashMap<u8, bool>>,
}

fn odf_styles(parts: &[&[u8]]) -> Result<OdfStyles, ImportError> {
    let mut styles = OdfStyles::default();
    for bytes in parts {
        let mut style: Option<String> = None;
        let mut list: Option<String> = None;
        walk(bytes, "OpenDocument-Datei", |node| match node {
            Node::Open(e, empty) => match local(e).as_str() {
                "style" => style = attr(e, "name").filter(|_| !empty),
                "text-properties" => {
                    if let Some(name) = &style {
                        let fmt = styles.text.entry(name.clone()).or_default();
                        if attr(e, "font-weight").is_some_and(|w| {
                            w == "bold" || w.parse::<u32>().is_ok_and(|n| n >= 600)
                        }) {
                            fmt.bold = true;
                        }
                        if attr(e, "font-style").is_some_and(|s| s == "italic" || s == "oblique") {
                            fmt.italic = true;
                        }
                        if attr(e, "text-line-through-style").is_some_and(|s| s != "none") {
                            fmt.strike = true;
                        }
                    }
                }
                "list-style" if !empty => list = attr(e, "name"),
                kind @ ("list-level-style-number" | "list-level-style-bullet") => {
                    if let (Some(name), Some(level)) =
                        (&list, attr(e, "level").and_then(|l| l.parse::<u8>().ok()))
                    {
                        styles
                            .lists
                            .entry(name.clone())
                            .or_default()
                            .insert(level.saturating_sub(1), kind.ends_with("number"));
                    }
                }
                _ => {}
            },
            Node::Close(name) => match name.as_str() {
                "style" => style = None,
                "list-style" => list = None,
                _ => {}
            },
            Node::Text(_) => {}
        })?;
    }
    Ok(styles)
}

fn odt(bytes: &[u8]) -> Result<Imported, ImportError> {
    const WHAT: &str = "OpenDocument-Datei";
    let mut archive = Archive::open(bytes, WHAT)?;
    if let Some(manifest) = archive.part("META-INF/manifest.xml")? {
        if String::from_utf8_lossy(&manifest).contains("encryption-data") {
            return Err(ImportError::Encrypted);
        }
    }
    let content = archive
        .part("content.xml")?
        .ok_or(ImportError::Corrupt(WHAT))?;
    let styles_part = archive.part("styles.xml")?.unwrap_or_default();
    let styles = odf_styles(&[&styles_part, &content])?;

    let mut blocks: Vec<Block> = Vec::new();
    let mut dropped = Dropped::default();
    let mut skip: Option<(String, usize)> = None;
    let mut in_body = false;
    // The open paragraph: its pieces and heading level.
    let mut paragraph: Option<(Vec<Piece>, Option<u8>)> = None;
    // Formatting of the open spans.
    let mut spans: Vec<Fmt> = Vec::new();
    // Open lists: their style name (inherited by nested lists without one).
    let mut lists: Vec<Option<String>> = Vec::new();
    let mut link: Option<(String, String)> = None;
    let mut tables: Vec<Vec<Vec<Vec<Piece>>>> = Vec::new();
    let mut cell: Option<Vec<Piece>> = None;
    walk(&content, WHAT, |node| {
        if let Some((name, depth)) = skip.as_mut() {
            match &node {
                Node::Open(e, false) if local(e) == *name => *depth += 1,
                Node::Close(n) if n == name => {
                    *depth -= 1;
                    if *depth == 0 {
                        skip = None;
                    }
                }
                _ => {}
            }
            return;
        }
        let fmt = spans.last().copied().unwrap_or_default();
        let mut push = |piece: Piece, paragraph: &mut Option<(Vec<Piece>, Option<u8>)>| {
            if let Some((_, text)) = link.as_mut() {
                if let Piece::Text(t, _) = &piece {
                    text.push_str(t);
                }
                return;
            }
            if let Some((pieces, _)) = paragraph.as_mut() {
                pieces.push(piece);
            }
        };
        match node {
            Node::Open(e, empty) => {
                let name = local(e);
                match name.as_str() {
                    "body" => in_body = true,
                    _ if !in_body => {}
                    "h" | "p" if !empty => {
                        let level = (name == "h").then(|| {
                            attr(e, "outline-level")
                                .and_then(|l| l.parse::<u8>().ok())
                                .unwrap_or(1)
                                .clamp(1, 6)
                        });
                        paragraph = Some((Vec::new(), level));
                        spans.clear();
                    }
                    "span" if !empty => {
                        let own = attr(e, "style-name")
                            .and_then(|s| styles.text.get(&s).copied())
                            .unwrap_or_default();
                        spans.push(Fmt {
                            bold: fmt.bold || own.bold,
                            italic: fmt.italic || own.italic,
                            strike: fmt.strike || own.strike,
                        });
                    }
                    "s" => {
                        let n = attr(e, "c")
                            .and_then(|c| c.parse::<usize>().ok())
                            .unwrap_or(1);
                        push(Piece::Text(" ".repeat(n.min(100)), fmt), &mut paragraph);
                    }
                    "tab" => push(Piece::Text(" ".into(), fmt), &mut paragraph),
                    "line-break" => push(Piece::Break, &mut paragraph),
                    "a" if !empty => {
                        link = attr(e, "href")
                            .filter(|u| allowed_link(u))
                            .map(|u| (u, String::new()));
                    }
                    "list" if !empty => {
                        let style =
                            attr(e, "style-name").or_else(|| lists.last().cloned().flatten());
                        lists.push(style);
                    }
                    "frame" | "image" | "object" => {
                        dropped.images += 1;
                        if !empty {
                            skip = Some((name, 1));
                        }
                    }
                    "annotation" => {
                        dropped.comments += 1;
                        if !empty {
                            skip = Some((name, 1));
                        }
                    }
                    "note" => {
                        dropped.footnotes += 1;
                        if !empty {
                            skip = Some((name, 1));
                        }
                    }
                    "tracked-changes" => {
                        dropped.tracked = true;
                        if !empty {
                            skip = Some((name, 1));
                        }
                    }
                    "table" if !empty => tables.push(Vec::new()),
                    "table-row" if !empty && tables.len() == 1 => {
                        if let Some(t) = tables.last_mut() {
                            t.push(Vec::new());
                        }
                    }
                    "table-cell" | "covered-table-cell" if tables.len() == 1 => {
                        if empty {
                            if let Some(row) = tables.last_mut().and_then(|t| t.last_mut()) {
                                row.push(Vec::new());
                            }
                        } else {
                            cell = Some(Vec::new());
                        }
                    }
                    _ => {}
                }
            }
            Node::Close(name) => match name.as_str() {
                "h" | "p" => {
                    if let Some((pieces, level)) = paragraph.take() {
                        if let Some(c) = cell.as_mut() {
                            if !c.is_empty() && !pieces.is_empty() {
                                c.push(Piece::Text(" ".into(), Fmt::default()));
                            }
                            c.extend(pieces);
                        } else {
                            let block = match (level, lists.len()) {
                                (Some(level), _) => Block::Heading(level, pieces),
                                (None, 0) => Block::Paragraph(pieces),
                                (None, n) => {
                                    let depth = (n - 1).min(8);
                                    let ordered = lists
                                        .last()
                                        .cloned()
                                        .flatten()
                                        .and_then(|s| styles.lists.get(&s))
                                        .and_then(|levels| levels.get(&(depth as u8)))
                                        .copied()
                                        .unwrap_or(false);
                                    Block::Item {
                                        ordered,
                                        depth,
                                        pieces,
                                    }
                                }
                            };
                            if keep(&block) {
                                blocks.push(block);
                            }
                        }
                    }
                }
                "span" => {
                    spans.pop();
                }
                "a" => {
                    if let Some((url, text)) = link.take() {
                        if let Some((pieces, _)) = paragraph.as_mut() {
                            pieces.push(Piece::Link(url, text));
                        }
                    }
                }
                "list" => {
                    lists.pop();
                }
                "table-cell" | "covered-table-cell" if tables.len() == 1 => {
                    if let (Some(c), Some(row)) =
                        (cell.take(), tables.last_mut().and_then(|t| t.last_mut()))
                    {
                        row.push(c);
                    }
                }
                "table" => {
                    if let Some(rows) = tables.pop() {
                        if tables.is_empty() {
                            blocks.push(Block::Table(rows));
                        }
                    }
                }
                _ => {}
            },
            Node::Text(text) => {
                if paragraph.is_some() {
                    // ODF collapses runs of spaces; `text:s` carries the intended ones.
                    push(Piece::Text(text, fmt), &mut paragraph);
                }
            }
        }
    })?;
    let blocks: Vec<Block> = blocks.into_iter().filter(keep).collect();
    Ok(Imported {
        markdown: to_markdown(&blocks),
        dropped: dropped.describe(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    /// A ZIP archive of `(name, content)` parts.
    pub(crate) fn zip_of(parts: &[(&str, &[u8])]) -> Vec<u8> {
        let mut out = Cursor::new(Vec::new());
        {
            let mut zip = zip::ZipWriter::new(&mut out);
            let options = zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Deflated);
            for (name, content) in parts {
                zip.start_file(*name, options).unwrap();
                zip.write_all(content).unwrap();
            }
            zip.finish().unwrap();
        }
        out.into_inner()
    }

    const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships""#;

    fn docx_with(body: &str) -> Vec<u8> {
        let document =
            format!(r#"<?xml version="1.0"?><w:document {W}><w:body>{body}</w:body></w:document>"#);
        let styles = format!(
            r#"<w:styles {W}><w:style w:type="paragraph" w:styleId="berschrift1"><w:name w:val="heading 1"/></w:style><w:style w:type="paragraph" w:styleId="Meine2"><w:name w:val="Meine Überschrift"/><w:basedOn w:val="H2"/></w:style><w:style w:type="paragraph" w:styleId="H2"><w:name w:val="x"/><w:pPr><w:outlineLvl w:val="1"/></w:pPr></w:style></w:styles>"#
        );
        let numbering = format!(
            r#"<w:numbering {W}><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/></w:lvl></w:abstractNum><w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:numFmt w:val="decimal"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num></w:numbering>"#
        );
        let rels = r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId9" Type="hyperlink" Target="https://example.org/a" TargetMode="External"/></Relationships>"#;
        zip_of(&[
            ("word/document.xml", document.as_bytes()),
            ("word/styles.xml", styles.as_bytes()),
            ("word/numbering.xml", numbering.as_bytes()),
            ("word/_rels/document.xml.rels", rels.as_bytes()),
        ])
    }

    fn p(style: &str, runs: &str) -> String {
        format!(r#"<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr>{runs}</w:p>"#)
    }

    fn run(text: &str) -> String {
        format!(r#"<w:r><w:t xml:space="preserve">{text}</w:t></w:r>"#)
    }

    #[test]
    fn word_headings_paragraphs_and_emphasis_become_markdown() {
        let body = [
            p("berschrift1", &run("Ziele")),
            p("Meine2", &run("Unterziel")),
            format!(
                "<w:p>{}<w:r><w:rPr><w:b/></w:rPr><w:t>fett</w:t></w:r>{}<w:r><w:rPr><w:i/></w:rPr><w:t>kursiv </w:t></w:r><w:r><w:rPr><w:b w:val=\"0\"/></w:rPr><w:t>normal</w:t></w:r></w:p>",
                run("Ein "),
                run(" und ")
            ),
        ]
        .concat();
        let out = import("Entwurf.docx", &docx_with(&body)).unwrap();
        assert_eq!(
            out.markdown,
            "# Ziele\n\n## Unterziel\n\nEin **fett** und *kursiv* normal\n"
        );
        assert!(out.dropped.is_empty());
    }

    #[test]
    fn word_lists_keep_bullets_numbers_and_nesting() {
        let item = |num: u8, lvl: u8, text: &str| {
            format!(
                r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="{lvl}"/><w:numId w:val="{num}"/></w:numPr></w:pPr>{}</w:p>"#,
                run(text)
            )
        };
        let body = [
            item(1, 0, "Punkt"),
            item(1, 1, "Unterpunkt"),
            item(2, 0, "Erstens"),
        ]
        .concat();
        let out = import("l.docx", &docx_with(&body)).unwrap();
        assert_eq!(out.markdown, "- Punkt\n  - Unterpunkt\n1. Erstens\n");
    }

    #[test]
    fn word_tables_become_markdown_tables() {
        let cell = |t: &str| format!("<w:tc><w:p>{}</w:p></w:tc>", run(t));
        let body = format!(
            "<w:tbl><w:tr>{}{}</w:tr><w:tr>{}{}</w:tr></w:tbl>",
            cell("Wer"),
            cell("Was"),
            cell("Pflege"),
            cell("a|b")
        );
        let out = import("t.docx", &docx_with(&body)).unwrap();
        assert_eq!(
            out.markdown,
            "| Wer | Was |\n|---|---|\n| Pflege | a\\|b |\n"
        );
    }

    #[test]
    fn markdown_characters_in_word_text_stay_characters() {
        let body = [
            format!(
                "<w:p>{}</w:p>",
                run("# kein Titel *kein fett* [x](javascript:y) &lt;b&gt;")
            ),
            format!("<w:p>{}</w:p>", run("2026. Jahr")),
        ]
        .concat();
        let out = import("x.docx", &docx_with(&body)).unwrap();
        assert_eq!(
            out.markdown,
            "\\# kein Titel \\*kein fett\\* \\[x\\](javascript:y) \\<b\\>\n\n2026\\. Jahr\n"
        );
        let html = crate::domain::markdown::render(&out.markdown).html;
        assert!(
            !html.contains("<h1") && !html.contains("<em>") && !html.contains("<a "),
            "{html}"
        );
    }

    #[test]
    fn images_comments_and_tracked_deletions_are_dropped_and_listed() {
        let body = format!(
            "<w:p>{}<w:r><w:drawing><wp:inline xmlns:wp=\"x\"><a:t xmlns:a=\"y\">Bildtext</a:t></wp:inline></w:drawing></w:r><w:del><w:r><w:delText>weg</w:delText></w:r></w:del><w:ins><w:r><w:t>neu</w:t></w:r></w:ins><w:r><w:commentReference w:id=\"1\"/></w:r></w:p>",
            run("Text ")
        );
        let out = import("x.docx", &docx_with(&body)).unwrap();
        assert_eq!(out.markdown, "Text neu\n");
        assert_eq!(
            out.dropped,
            vec![
                "1 Bild oder eingebettetes Objekt".to_owned(),
                "1 Kommentar".to_owned(),
                "nachverfolgte Änderungen (Einfügungen wurden übernommen, Löschungen entfernt)"
                    .to_owned()
            ]
        );
    }

    #[test]
    fn links_keep_safe_targets_only() {
        let body = format!(
            "<w:p><w:hyperlink r:id=\"rId9\">{}</w:hyperlink></w:p>",
            run("Quelle")
        );
        let out = import("x.docx", &docx_with(&body)).unwrap();
        assert_eq!(out.markdown, "[Quelle](https://example.org/a)\n");
    }

    #[test]
    fn an_old_or_encrypted_office_file_is_refused() {
        let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
        ole.extend([0; 100]);
        assert_eq!(import("Entwurf.docx", &ole), Err(ImportError::Encrypted));
        assert_eq!(import("Entwurf.doc", &ole), Err(ImportError::Encrypted));
    }

    #[test]
    fn a_corrupt_or_foreign_file_gets_a_clear_error() {
        assert_eq!(
            import("x.docx", b"kein zip"),
            Err(ImportError::Corrupt("Word-Datei"))
        );
        assert_eq!(
            import("bild.png", b"\x89PNG"),
            Err(ImportError::UnknownFormat)
        );
        assert_eq!(import("x.docx", b""), Err(ImportError::Empty));
        let no_document = zip_of(&[("word/styles.xml", b"<x/>")]);
        assert_eq!(
            import("x.docx", &no_document),
            Err(ImportError::Corrupt("Word-Datei"))
        );
        let broken_xml = zip_of(&[("word/document.xml", b"<w:document><w:body><w:p></w:body>")]);
        assert_eq!(
            import("x.docx", &broken_xml),
            Err(ImportError::Corrupt("Word-Datei"))
        );
    }

    #[test]
    fn a_file_over_ten_megabytes_is_refused() {
        let big = vec![b'a'; MAX_FILE_BYTES + 1];
        assert_eq!(import("x.md", &big), Err(ImportError::TooLarge));
    }

    #[test]
    fn a_zip_bomb_is_refused_before_it_is_unpacked() {
        // 80 MB of zeros compress to about 80 KB.
        let zeros = vec![b' '; 80 * 1024 * 1024];
        let bomb = zip_of(&[("word/document.xml", &zeros)]);
        assert!(bomb.len() < MAX_FILE_BYTES);
        assert_eq!(import("x.docx", &bomb), Err(ImportError::ZipBomb));
        // A smaller but extremely compressed part is refused by its ratio.
        let dense = vec![b' '; 8 * 1024 * 1024];
        let bomb = zip_of(&[("word/document.xml", &dense)]);
        assert_eq!(import("x.docx", &bomb), Err(ImportError::ZipBomb));
    }

    #[test]
    fn markdown_files_are_taken_as_they_are() {
        let out = import("Entwurf.md", "\u{feff}# Titel\r\n\r\nText".as_bytes()).unwrap();
        assert_eq!(out.markdown, "# Titel\n\nText");
        assert_eq!(
            import("x.md", &[0xff, 0xfe, 0x00]),
            Err(ImportError::NotUtf8)
        );
    }

    #[test]
    fn an_odt_file_becomes_markdown() {
        let content = r#"<?xml version="1.0"?><office:document-content xmlns:office="o" xmlns:text="t" xmlns:style="s" xmlns:fo="f" xmlns:table="ta" xmlns:draw="d">
<office:automatic-styles>
<style:style style:name="T1" style:family="text"><style:text-properties fo:font-weight="bold"/></style:style>
<text:list-style style:name="L2"><text:list-level-style-number text:level="1"/></text:list-style>
</office:automatic-styles>
<office:body><office:text>
<text:h text:outline-level="2">Ziele</text:h>
<text:p>Ein <text:span text:style-name="T1">fetter</text:span> Satz.<text:s text:c="2"/>Ende</text:p>
<text:list><text:list-item><text:p>Punkt</text:p></text:list-item></text:list>
<text:list text:style-name="L2"><text:list-item><text:p>Erstens</text:p></text:list-item></text:list>
<table:table><table:table-row><table:table-cell><text:p>A</text:p></table:table-cell><table:table-cell><text:p>B</text:p></table:table-cell></table:table-row></table:table>
<text:p>Bild<draw:frame><draw:image/></draw:frame><office:annotation><text:p>Notiz</text:p></office:annotation></text:p>
</office:text></office:body></office:document-content>"#;
        let odt = zip_of(&[
            ("mimetype", b"application/vnd.oasis.opendocument.text"),
            ("content.xml", content.as_bytes()),
        ]);
        let out = import("Entwurf.odt", &odt).unwrap();
        assert_eq!(
            out.markdown,
            "## Ziele\n\nEin **fetter** Satz.  Ende\n\n- Punkt\n1. Erstens\n\n| A | B |\n|---|---|\n\nBild\n"
        );
        assert_eq!(
            out.dropped,
            vec![
                "1 Bild oder eingebettetes Objekt".to_owned(),
                "1 Kommentar".to_owned()
            ]
        );
    }
}
