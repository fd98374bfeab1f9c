//! Typst markup for the PDF documents, written from data — never by pasting user text.
//!
//! Every piece of text that comes from a person (titles, the guideline's Markdown, comments,
//! reasons, minutes references) enters the markup as a typst *string literal* in an embedded
//! expression: `#"…";`. Inside a string literal only `\` and `"` are special, so escaping them
//! (and control characters) is all it takes for `#import`, `#read("/etc/passwd")`, `$`, `*`,
//! `_`, `[`, `]`, `<`, `@` and backslashes to come out as the characters they are. The
//! trailing `;` ends the expression, so nothing that follows can extend it. Structure (headings,
//! lists, tables, emphasis) is only ever written by this module, as function calls.
//!
//! Markdown is converted from the same parse as the page (`domain::markdown::events`), so the
//! PDF shows the headings, lists and tables the app shows.

use crate::domain::markdown::{events, heading_level_number};
use pulldown_cmark::{Alignment, Event, Tag, TagEnd};

/// `text` as a typst string literal (with the quotes) that evaluates to exactly `text`.
pub fn string_literal(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Markup that shows `text` literally (for use in markup mode, e.g. inside `[…]`).
pub fn text(text: &str) -> String {
    if text.is_empty() {
        return String::new();
    }
    format!("#{};", string_literal(text))
}

/// Whether a link target may become a clickable link in the PDF (the schemes the page allows).
pub(crate) fn is_allowed_url(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    ["http://", "https://", "mailto:", "tel:"]
        .iter()
        .any(|scheme| lower.starts_with(scheme))
}

/// Where the converter is: which container it writes into.
#[derive(Debug)]
enum Frame {
    /// A list (`#list(` / `#enum(`): items are code-mode arguments.
    List,
    /// A list item's content block.
    Item,
    /// A table (`#table(`): cells are code-mode arguments.
    Table { columns: usize, in_row: usize },
    /// Any other content block (heading, emphasis, quote, link …).
    Block,
    /// A link to a scheme we do not link (its text is still shown).
    PlainLink,
}

/// Converts Markdown to typst markup. Headings keep their level plus `heading_offset`
/// (capped at 6).
pub fn markdown(markdown: &str, heading_offset: u8) -> String {
    let mut out = String::with_capacity(markdown.len() * 2);
    let mut stack: Vec<Frame> = Vec::new();
    // Code blocks: their text is collected and written as one raw block.
    let mut code: Option<String> = None;
    for event in events(markdown) {
        if let Some(buffer) = code.as_mut() {
            match event {
                Event::End(TagEnd::CodeBlock) => {
                    let body = code.take().unwrap_or_default();
                    let body = body.strip_suffix('\n').unwrap_or(&body);
                    out.push_str(&format!("#raw({}, block: true);\n\n", string_literal(body)));
                }
                Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => {
                    buffer.push_str(&t)
                }
                _ => {}
            }
            continue;
        }
        match event {
            Event::Start(tag) => start(tag, &mut out, &mut stack, &mut code, heading_offset),
            Event::End(tag) => end(tag, &mut out, &mut stack),
            Event::Text(t) | Event::Html(t) | Event::InlineHtml(t) => out.push_str(&text(&t)),
            Event::Code(t) => out.push_str(&format!("#raw({});", string_literal(&t))),
            Event::SoftBreak => out.push(' '),
            Event::HardBreak => out.push_str("#linebreak();"),
            Event::Rule => out.push_str("#divider();\n\n"),
            // Not enabled in our parser options; should they ever arrive, show their text.
            Event::FootnoteReference(t) | Event::InlineMath(t) | Event::DisplayMath(t) => {
                out.push_str(&text(&t))
            }
            Event::TaskListMarker(done) => out.push_str(if done { "☒ " } else { "☐ " }),
        }
    }
    // Close whatever a malformed event stream left open, so the markup always parses.
    while let Some(frame) = stack.pop() {
        out.push_str(match frame {
            Frame::List | Frame::Table { .. } => ");",
            Frame::Item => "],",
            Frame::Block => "];",
            Frame::PlainLink => "",
        });
    }
    out
}

fn start(
    tag: Tag<'_>,
    out: &mut String,
    stack: &mut Vec<Frame>,
    code: &mut Option<String>,
    heading_offset: u8,
) {
    match tag {
        Tag::Paragraph | Tag::HtmlBlock => {}
        Tag::Heading { level, .. } => {
            let level = (heading_level_number(level) + heading_offset).min(6);
            out.push_str(&format!("#heading(level: {level})["));
            stack.push(Frame::Block);
        }
        Tag::BlockQuote(_) => {
            out.push_str("#quote(block: true)[");
            stack.push(Frame::Block);
        }
        // The language name is not used: no highlighting of user text.
        Tag::CodeBlock(_) => *code = Some(String::new()),
        Tag::List(Some(first)) => {
            out.push_str(&format!("#enum(start: {first}, "));
            stack.push(Frame::List);
        }
        Tag::List(None) => {
            out.push_str("#list(");
            stack.push(Frame::List);
        }
        Tag::Item => {
            out.push('[');
            stack.push(Frame::Item);
        }
        Tag::Table(columns) => {
            let align: Vec<&str> = columns
                .iter()
                .map(|a| match a {
                    Alignment::Center => "center",
                    Alignment::Right => "right",
                    Alignment::Left | Alignment::None => "left",
                })
                .collect();
            out.push_str(&format!(
                "#table(columns: {}, align: ({},), ",
                columns.len().max(1),
                align.join(", ")
            ));
            stack.push(Frame::Table {
                columns: columns.len().max(1),
                in_row: 0,
            });
        }
        Tag::TableHead => out.push_str("table.header("),
        Tag::TableRow => {
            if let Some(Frame::Table { in_row, .. }) = stack.last_mut() {
                *in_row = 0;
            }
        }
        Tag::TableCell => {
            if let Some(Frame::Table { in_row, .. }) = stack.last_mut() {
                *in_row += 1;
            }
            out.push('[');
            stack.push(Frame::Block);
        }
        Tag::Emphasis => {
            out.push_str("#emph[");
            stack.push(Frame::Block);
        }
        Tag::Strong => {
            out.push_str("#strong[");
            stack.push(Frame::Block);
        }
        Tag::Strikethrough => {
            out.push_str("#strike[");
            stack.push(Frame::Block);
        }
        Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. } => {
            if is_allowed_url(&dest_url) {
                out.push_str(&format!("#link({})[", string_literal(dest_url.trim())));
                stack.push(Frame::Block);
            } else {
                stack.push(Frame::PlainLink);
            }
        }
        // Not enabled in our parser options: their content is shown as it comes.
        Tag::FootnoteDefinition(_)
        | Tag::DefinitionList
        | Tag::DefinitionListTitle
        | Tag::DefinitionListDefinition
        | Tag::MetadataBlock(_)
        | Tag::Superscript
        | Tag::Subscript => {}
    }
}

fn end(tag: TagEnd, out: &mut String, stack: &mut Vec<Frame>) {
    match tag {
        TagEnd::Paragraph | TagEnd::HtmlBlock => out.push_str("\n\n"),
        TagEnd::Heading(_) | TagEnd::BlockQuote(_) => {
            stack.pop();
            out.push_str("];\n\n");
        }
        TagEnd::CodeBlock => {}
        TagEnd::List(_) => {
            stack.pop();
            out.push_str(");\n\n");
        }
        TagEnd::Item => {
            stack.pop();
            out.push_str("],");
        }
        TagEnd::Table => {
            stack.pop();
            out.push_str(");\n\n");
        }
        TagEnd::TableHead => {
            pad_row(out, stack);
            out.push_str("),");
        }
        TagEnd::TableRow => pad_row(out, stack),
        TagEnd::TableCell => {
            stack.pop();
            out.push_str("],");
        }
        TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough => {
            stack.pop();
            out.push_str("];");
        }
        TagEnd::Link | TagEnd::Image => {
            if let Some(Frame::Block) = stack.pop() {
                out.push_str("];");
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

/// Fills a table row that has fewer cells than the table has columns, so the next row does
/// not start in the middle of this one.
fn pad_row(out: &mut String, stack: &mut [Frame]) {
    if let Some(Frame::Table { columns, in_row }) = stack.last_mut() {
        while *in_row > 0 && *in_row < *columns {
            out.push_str("[],");
            *in_row += 1;
        }
        *in_row = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_string_literal_escapes_quotes_backslashes_and_control_characters() {
        assert_eq!(string_literal(r#"a"b\c"#), r#""a\"b\\c""#);
        assert_eq!(string_literal("x\ny\t\u{7}"), r#""x\ny\t\u{7}""#);
        assert_eq!(
            string_literal("#import \"@preview/x:1.0.0\""),
            r##""#import \"@preview/x:1.0.0\"""##
        );
    }

    #[test]
    fn user_text_only_ever_appears_inside_string_literals() {
        let out = markdown("Hallo #read(\"/etc/passwd\") $x$ <a> @ref *fett*", 0);
        assert_eq!(
            out,
            r##"#"Hallo #read(\"/etc/passwd\") $x$ ";#"<a>";#" @ref ";#emph[#"fett";];"##
                .to_owned()
                + "\n\n"
        );
    }

    #[test]
    fn headings_lists_and_tables_become_typst_functions() {
        let out = markdown(
            "# Titel\n\n## Teil\n\n- eins\n- zwei\n\n3. drei\n\n| A | B |\n|---|:-:|\n| 1 | 2 |\n",
            0,
        );
        assert!(out.contains(r#"#heading(level: 1)[#"Titel";];"#), "{out}");
        assert!(out.contains(r#"#heading(level: 2)[#"Teil";];"#), "{out}");
        assert!(out.contains(r#"#list([#"eins";],[#"zwei";],);"#), "{out}");
        assert!(out.contains(r#"#enum(start: 3, [#"drei";],);"#), "{out}");
        assert!(
            out.contains("#table(columns: 2, align: (left, center,), table.header("),
            "{out}"
        );
        assert!(out.contains(r#"[#"1";],[#"2";],"#), "{out}");
    }

    #[test]
    fn the_heading_offset_moves_levels_down_but_not_past_six() {
        let out = markdown("# Eins\n\n###### Sechs", 1);
        assert!(out.contains("#heading(level: 2)"), "{out}");
        assert!(out.contains("#heading(level: 6)"), "{out}");
        assert!(!out.contains("level: 7"), "{out}");
    }

    #[test]
    fn links_keep_only_the_schemes_the_page_allows() {
        let out = markdown("[gut](https://example.org) [böse](javascript:alert(1))", 0);
        assert!(
            out.contains(r#"#link("https://example.org")[#"gut";];"#),
            "{out}"
        );
        assert!(!out.contains("javascript"), "{out}");
        assert!(out.contains(r#"#"böse";"#), "{out}");
    }

    #[test]
    fn code_blocks_become_raw_blocks_with_the_text_as_a_literal() {
        let out = markdown("```rust\n#let x = 1\n```", 0);
        assert!(
            out.contains(r##"#raw("#let x = 1", block: true);"##),
            "{out}"
        );
    }

    #[test]
    fn raw_html_and_images_are_shown_as_text_and_links() {
        let out = markdown(
            "<script>alert(1)</script>\n\n![Logo](https://example.org/l.png)",
            0,
        );
        assert!(out.contains(r#"#"<script>alert(1)</script>\n";"#), "{out}");
        assert!(
            out.contains(r#"#link("https://example.org/l.png")[#"Bild: ";#"Logo";];"#),
            "{out}"
        );
    }

    #[test]
    fn a_short_table_row_is_padded_to_the_column_count() {
        let out = markdown("| A | B | C |\n|---|---|---|\n| 1 |\n", 0);
        assert!(out.contains(r#"[#"1";],[],[],"#), "{out}");
    }
}
