//! The four PDF documents as typst markup: the adopted guideline, the feedback report of a
//! round, the comparison of two versions and the adoption record.
//!
//! Each document is described by a plain struct (collected from the database by
//! `document::ssr`) and laid out here. Every value from a person goes through
//! [`markup::text`] or [`markup::string_literal`]; the German labels are ours.

use super::markup::{self, string_literal, text};
use serde::Serialize;

/// One body's effective decision, as the title page lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DecisionLine {
    /// The body ("Betriebsrat").
    pub body: String,
    /// The verdict in German ("mit Auflagen zugestimmt").
    pub verdict: String,
    /// Meeting date ("21.11.2026").
    pub meeting_date: String,
    /// Minutes reference.
    pub minutes_ref: String,
    /// Conditions, if any.
    pub conditions: Option<String>,
}

/// The adopted guideline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GuidelineDocument {
    /// The organisation's name (configured), if any.
    pub organisation: Option<String>,
    /// The process title.
    pub title: String,
    /// The adopted version's number.
    pub version_number: i32,
    /// Adoption date ("21.11.2026").
    pub adopted_on: String,
    /// Next review date, if scheduled.
    pub next_review: Option<String>,
    /// Hex SHA-256 of the adopted Markdown.
    pub content_hash: String,
    /// The file name of the Markdown source download, which holds exactly the hashed bytes.
    pub source_file_name: String,
    /// The bodies' decisions.
    pub decisions: Vec<DecisionLine>,
    /// The plain-language summary (Markdown; empty when none was written).
    pub summary: String,
    /// The guideline's Markdown.
    pub body: String,
    /// Whether the text gets line numbers.
    pub line_numbers: bool,
}

/// One comment of the feedback report (authors never appear).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReportCommentLine {
    /// Comment number.
    pub id: i64,
    /// The quoted passage, if any.
    pub quote: Option<String>,
    /// The text (empty when hidden).
    pub body: String,
    /// Supporters.
    pub supports: u64,
    /// The answer in German, or "noch ohne Rückmeldung".
    pub answer: String,
    /// The reason of the answer.
    pub reason: Option<String>,
    /// The moderation reason of a hidden comment.
    pub hidden_reason: Option<String>,
}

/// The feedback report of a round.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReportDocument {
    /// The organisation's name, if configured.
    pub organisation: Option<String>,
    /// The process title.
    pub title: String,
    /// The version commented on.
    pub version_number: i32,
    /// "21.11.2026 10:00 – 05.12.2026 18:00 · alle Mitarbeitenden".
    pub period: String,
    /// Whether the round is closed (otherwise the report is marked as a draft).
    pub final_report: bool,
    /// Totals: (German label, count).
    pub totals: Vec<(String, u64)>,
    /// Sections with their comments, in the order of the version.
    pub sections: Vec<(String, Vec<ReportCommentLine>)>,
}

/// A piece of a comparison.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Change {
    /// Unchanged text.
    Kept,
    /// Text only in the newer version.
    Inserted,
    /// Text only in the older version.
    Deleted,
}

/// One section of a comparison.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ComparedSection {
    /// The section's title.
    pub title: String,
    /// The older title, when it changed.
    pub old_title: Option<String>,
    /// "neu", "entfernt", "geändert" or "unverändert".
    pub status: String,
    /// The text, piece by piece (empty for unchanged sections).
    pub pieces: Vec<(Change, String)>,
    /// Words inserted and deleted.
    pub inserted_words: usize,
    /// Words deleted.
    pub deleted_words: usize,
}

/// The comparison of two versions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ComparisonDocument {
    /// The organisation's name, if configured.
    pub organisation: Option<String>,
    /// The process title.
    pub title: String,
    /// The older version.
    pub from: i32,
    /// The newer version.
    pub to: i32,
    /// The content hashes of both.
    pub from_hash: String,
    /// The newer version's hash.
    pub to_hash: String,
    /// Sections in the order of the newer version.
    pub sections: Vec<ComparedSection>,
    /// Words inserted in total.
    pub inserted_words: usize,
    /// Words deleted in total.
    pub deleted_words: usize,
}

/// One entry of the adoption record, in time order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RecordEntry {
    /// When (German local time, "21.11.2026, 10:00").
    pub at: String,
    /// What happened ("Beschluss Betriebsrat: zugestimmt").
    pub what: String,
    /// Details as label and value ("Protokoll", "BR-2026-11").
    pub details: Vec<(String, String)>,
}

/// The adoption record of one proposal: the frozen hash and everything decided on it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AdoptionRecordDocument {
    /// The organisation's name, if configured.
    pub organisation: Option<String>,
    /// The process title.
    pub title: String,
    /// Facts at the top (label, value): version, frozen hash, status, adoption date …
    pub facts: Vec<(String, String)>,
    /// Whether the stored text still has the frozen hash (checked when the record was made).
    pub hash_intact: bool,
    /// The frozen hash.
    pub frozen_hash: String,
    /// Every entry, oldest first.
    pub entries: Vec<RecordEntry>,
}

/// Settings shared by every document: language, fonts, page, footer, the document's title.
fn preamble(out: &mut String, title: &str, organisation: Option<&str>) {
    let author = organisation.unwrap_or("Mitsprache");
    out.push_str(&format!(
        "#set document(title: {}, author: {})\n",
        string_literal(title),
        string_literal(author)
    ));
    out.push_str(
        r#"#set text(lang: "de", region: "de", font: "Libertinus Serif", size: 11pt)
#set page(paper: "a4", margin: (x: 2.4cm, top: 2.4cm, bottom: 2.8cm), footer: context align(center, text(size: 9pt)[Seite #counter(page).display() von #counter(page).final().first()]))
#set par(leading: 0.7em, spacing: 1.1em)
#set heading(numbering: none)
#show heading: set block(above: 1.5em, below: 0.8em)
#show heading.where(level: 1): set text(size: 16pt)
#show heading.where(level: 2): set text(size: 13.5pt)
#show link: underline
#show raw: set text(font: "DejaVu Sans Mono", size: 0.85em)
#set table(stroke: 0.5pt + luma(150), inset: 6pt)
#show table.cell.where(y: 0): strong
#set quote(block: true)
#let hash(h) = text(font: "DejaVu Sans Mono", size: 8.5pt, h)
"#,
    );
}

/// The title block: organisation, title, subtitle lines.
fn title_block(out: &mut String, organisation: Option<&str>, kind: &str, lines: &[String]) {
    out.push_str("#align(center)[\n#v(2.5cm)\n");
    if let Some(org) = organisation {
        out.push_str(&format!("#text(size: 13pt)[{}]\n\n#v(0.6cm)\n", text(org)));
    }
    out.push_str(&format!("#text(size: 13pt)[{}]\n\n", text(kind)));
    out.push_str("#title()\n\n#v(0.4cm)\n");
    for line in lines {
        out.push_str(&format!("{}\n\n", text(line)));
    }
    out.push_str("]\n\n");
}

/// A heading of our own (front matter), optionally left out of the table of contents.
fn heading(out: &mut String, level: u8, title: &str, outlined: bool) {
    out.push_str(&format!(
        "#heading(level: {level}, outlined: {outlined})[{}];\n\n",
        text(title)
    ));
}

/// Plain text with its line breaks kept (comments, reasons): one paragraph per blank line.
fn plain(out: &mut String, value: &str) {
    for (i, paragraph) in value.split("\n\n").enumerate() {
        if i > 0 {
            out.push_str("\n\n");
        }
        let lines: Vec<String> = paragraph
            .lines()
            .map(|l| text(l.trim_end_matches('\r')))
            .collect();
        out.push_str(&lines.join("#linebreak();"));
    }
    out.push_str("\n\n");
}

/// Labels and values as a two-column table without a header row.
fn facts_table(out: &mut String, facts: &[(String, String)]) {
    out.push_str(
        "#table(columns: (auto, 1fr), stroke: none, inset: (x: 0pt, y: 4pt), column-gutter: 12pt, ",
    );
    for (label, value) in facts {
        out.push_str(&format!("[#strong[{}];],[{}],", text(label), text(value)));
    }
    out.push_str(");\n\n");
}

/// The adopted guideline: title page with decisions and hash, summary, contents, text.
pub fn guideline(doc: &GuidelineDocument) -> String {
    let mut out = String::with_capacity(doc.body.len() * 2 + 8_000);
    preamble(&mut out, &doc.title, doc.organisation.as_deref());
    let mut lines = vec![
        format!("Verabschiedete Version {}", doc.version_number),
        format!("verabschiedet am {}", doc.adopted_on),
    ];
    if let Some(next) = &doc.next_review {
        lines.push(format!("nächste Überprüfung bis {next}"));
    }
    title_block(&mut out, doc.organisation.as_deref(), "Leitlinie", &lines);

    heading(&mut out, 2, "Beschlüsse der Gremien", false);
    if doc.decisions.is_empty() {
        plain(&mut out, "Keine Beschlüsse erfasst.");
    } else {
        out.push_str("#table(columns: (auto, auto, auto, 1fr), table.header([Gremium],[Beschluss],[Sitzung],[Protokoll]),");
        for d in &doc.decisions {
            out.push_str(&format!(
                "[{}],[{}],[{}],[{}],",
                text(&d.body),
                text(&d.verdict),
                text(&d.meeting_date),
                text(&d.minutes_ref)
            ));
            if let Some(conditions) = &d.conditions {
                out.push_str(&format!(
                    "table.cell(colspan: 4)[#emph[Auflagen:] {}],",
                    text(conditions)
                ));
            }
        }
        out.push_str(");\n\n");
    }

    heading(&mut out, 2, "Prüfsumme des verabschiedeten Textes", false);
    out.push_str(&format!(
        "SHA-256: #hash({});\n\n",
        string_literal(&doc.content_hash)
    ));
    plain(
        &mut out,
        &format!(
            "Die Prüfsumme wird über die Bytes des Markdown-Quelltexts von Version {} gebildet, \
             genau so, wie er gespeichert ist (UTF-8, Zeilenumbrüche wie gespeichert, ohne \
             Byte-Order-Mark). Diese Bytes enthält die Datei „{}“, die auf der Seite der \
             Leitlinie heruntergeladen werden kann. Nachrechnen: sha256sum {} – oder auf dem \
             Server: server verify-version PROZESS {} DATEI.",
            doc.version_number, doc.source_file_name, doc.source_file_name, doc.version_number
        ),
    );

    if !doc.summary.trim().is_empty() {
        out.push_str("#pagebreak()\n");
        heading(&mut out, 1, "Zusammenfassung in einfacher Sprache", true);
        out.push_str(&markup::markdown(&doc.summary, 1));
    }
    out.push_str("#pagebreak()\n#outline(title: [Inhaltsverzeichnis], depth: 3)\n#pagebreak()\n");
    if doc.line_numbers {
        out.push_str("#[\n#set par.line(numbering: \"1\")\n");
    }
    out.push_str(&markup::markdown(&doc.body, 0));
    if doc.line_numbers {
        out.push_str("\n]\n");
    }
    out
}

/// The feedback report of a round: every comment with its answer, grouped by section.
pub fn report(doc: &ReportDocument) -> String {
    let mut out = String::new();
    let title = format!("Rückmeldebericht: {}", doc.title);
    preamble(&mut out, &title, doc.organisation.as_deref());
    let mut lines = vec![
        format!("Diskursrunde zu Version {}", doc.version_number),
        doc.period.clone(),
    ];
    if !doc.final_report {
        lines.push("ENTWURF – die Runde ist noch nicht abgeschlossen.".to_owned());
    }
    title_block(
        &mut out,
        doc.organisation.as_deref(),
        "Rückmeldebericht",
        &lines,
    );
    plain(
        &mut out,
        "Alle Kommentare dieser Runde mit der Rückmeldung der Projektgruppe, nach Abschnitten \
         geordnet. Namen stehen nicht im Bericht.",
    );
    heading(&mut out, 2, "Rückmeldungen insgesamt", false);
    out.push_str(
        "#table(columns: (auto, auto), align: (left, right), table.header([Rückmeldung],[Anzahl]),",
    );
    for (label, count) in &doc.totals {
        out.push_str(&format!(
            "[{}],[{}],",
            text(label),
            text(&count.to_string())
        ));
    }
    out.push_str(");\n\n");
    if doc.sections.is_empty() {
        plain(&mut out, "In dieser Runde gibt es keine Kommentare.");
    }
    for (section, comments) in &doc.sections {
        heading(&mut out, 1, section, true);
        for c in comments {
            heading(&mut out, 3, &format!("Kommentar {}", c.id), false);
            if let Some(reason) = &c.hidden_reason {
                plain(
                    &mut out,
                    &format!("Ausgeblendet. Grund der Ausblendung: {reason}"),
                );
                continue;
            }
            if let Some(quote) = &c.quote {
                out.push_str(&format!(
                    "#quote[#emph[Zur Textstelle:] {}];\n\n",
                    text(quote)
                ));
            }
            plain(&mut out, &c.body);
            let mut answer = format!("Rückmeldung: {}", c.answer);
            if let Some(reason) = &c.reason {
                answer.push_str(&format!(" – Begründung: {reason}"));
            }
            out.push_str(&format!(
                "#text(size: 10pt)[{}]\n\n#block(inset: (left: 10pt), stroke: (left: 2pt + luma(120)))[{}]\n\n",
                text(&format!("Unterstützungen: {}", c.supports)),
                text(&answer)
            ));
        }
    }
    out
}

/// The comparison of two versions: insertions underlined between [+ +], deletions struck
/// through between [− −], so the marks survive printing in black and white and reading aloud.
pub fn comparison(doc: &ComparisonDocument) -> String {
    let mut out = String::new();
    let title = format!(
        "{}: Vergleich Version {} mit Version {}",
        doc.title, doc.from, doc.to
    );
    preamble(&mut out, &title, doc.organisation.as_deref());
    out.push_str(
        r##"#let ins(body) = underline(text(fill: rgb("#0a5c2a"), weight: "bold")[\[+#body+\]])
#let del(body) = strike(text(fill: rgb("#8a1020"))[\[−#body−\]])
"##,
    );
    title_block(
        &mut out,
        doc.organisation.as_deref(),
        "Vergleich zweier Versionen",
        &[
            format!("Version {} → Version {}", doc.from, doc.to),
            format!(
                "{} Wörter eingefügt, {} Wörter gestrichen",
                doc.inserted_words, doc.deleted_words
            ),
        ],
    );
    heading(&mut out, 2, "So lesen Sie den Vergleich", false);
    out.push_str(
        "Eingefügter Text ist #ins[fett und unterstrichen] und steht zwischen \\[+ und +\\]. \
         Gestrichener Text ist #del[durchgestrichen] und steht zwischen \\[− und −\\]. \
         Die Markierungen sind auch ohne Farbe zu erkennen.\n\n",
    );
    facts_table(
        &mut out,
        &[
            (format!("Version {}", doc.from), doc.from_hash.clone()),
            (format!("Version {}", doc.to), doc.to_hash.clone()),
        ],
    );
    for s in &doc.sections {
        heading(&mut out, 1, &s.title, true);
        let mut status = s.status.clone();
        if let Some(old) = &s.old_title {
            status.push_str(&format!(" (früher: „{old}“)"));
        }
        if s.inserted_words + s.deleted_words > 0 {
            status.push_str(&format!(
                " · {} Wörter eingefügt, {} gestrichen",
                s.inserted_words, s.deleted_words
            ));
        }
        out.push_str(&format!("#text(size: 10pt)[#emph[{}]]\n\n", text(&status)));
        if s.pieces.is_empty() {
            continue;
        }
        // The pieces are Markdown source; shown as text with its line breaks.
        out.push_str("#block[");
        for (change, piece) in &s.pieces {
            let shown = pieces_markup(piece);
            match change {
                Change::Kept => out.push_str(&shown),
                Change::Inserted => out.push_str(&format!("#ins[{shown}];")),
                Change::Deleted => out.push_str(&format!("#del[{shown}];")),
            }
        }
        out.push_str("];\n\n");
    }
    out
}

/// A piece of source text with its line breaks as typst line breaks.
fn pieces_markup(piece: &str) -> String {
    piece
        .split('\n')
        .map(|line| text(line.trim_end_matches('\r')))
        .collect::<Vec<_>>()
        .join("#linebreak();")
}

/// The adoption record: the frozen hash and every decision and correction with its history.
pub fn adoption_record(doc: &AdoptionRecordDocument) -> String {
    let mut out = String::new();
    let title = format!("Verabschiedungsprotokoll: {}", doc.title);
    preamble(&mut out, &title, doc.organisation.as_deref());
    title_block(
        &mut out,
        doc.organisation.as_deref(),
        "Verabschiedungsprotokoll",
        &[],
    );
    facts_table(&mut out, &doc.facts);
    out.push_str(&format!(
        "Eingefrorene Prüfsumme (SHA-256): #hash({});\n\n",
        string_literal(&doc.frozen_hash)
    ));
    plain(
        &mut out,
        if doc.hash_intact {
            "Der gespeicherte Text hat beim Erstellen dieses Protokolls noch genau diese Prüfsumme."
        } else {
            "ACHTUNG: Der gespeicherte Text hat nicht mehr die eingefrorene Prüfsumme."
        },
    );
    heading(&mut out, 1, "Verlauf", true);
    if doc.entries.is_empty() {
        plain(&mut out, "Noch keine Einträge.");
    }
    for entry in &doc.entries {
        heading(&mut out, 2, &format!("{} – {}", entry.at, entry.what), true);
        facts_table(&mut out, &entry.details);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn guideline_doc(evil: &str) -> GuidelineDocument {
        GuidelineDocument {
            organisation: Some(evil.to_owned()),
            title: evil.to_owned(),
            version_number: 3,
            adopted_on: "21.11.2026".into(),
            next_review: Some("21.11.2028".into()),
            content_hash: "ab".repeat(32),
            source_file_name: "leitlinie.md".into(),
            decisions: vec![DecisionLine {
                body: evil.to_owned(),
                verdict: "zugestimmt".into(),
                meeting_date: "20.11.2026".into(),
                minutes_ref: evil.to_owned(),
                conditions: Some(evil.to_owned()),
            }],
            summary: evil.to_owned(),
            body: format!("# {evil}\n\n{evil}"),
            line_numbers: true,
        }
    }

    /// The markup with every string literal removed (what typst reads as markup or code).
    fn outside_literals(markup: &str) -> String {
        let mut out = String::new();
        let mut chars = markup.chars();
        while let Some(c) = chars.next() {
            if c != '"' {
                out.push(c);
                continue;
            }
            // Skip to the closing quote, honouring escapes.
            while let Some(c) = chars.next() {
                match c {
                    '\\' => {
                        chars.next();
                    }
                    '"' => break,
                    _ => {}
                }
            }
        }
        out
    }

    #[test]
    fn no_user_value_appears_outside_a_string_literal() {
        let evil = "EVIL\" #import \"x\" ] \\";
        let out = guideline(&guideline_doc(evil));
        assert!(out.contains("EVIL"));
        assert!(!outside_literals(&out).contains("EVIL"), "{out}");
        let report_doc = ReportDocument {
            organisation: Some(evil.into()),
            title: evil.into(),
            version_number: 1,
            period: evil.into(),
            final_report: true,
            totals: vec![(evil.into(), 1)],
            sections: vec![(
                evil.into(),
                vec![ReportCommentLine {
                    id: 1,
                    quote: Some(evil.into()),
                    body: format!("{evil}\n\n{evil}"),
                    supports: 0,
                    answer: evil.into(),
                    reason: Some(evil.into()),
                    hidden_reason: None,
                }],
            )],
        };
        assert!(!outside_literals(&report(&report_doc)).contains("EVIL"));
        let record = AdoptionRecordDocument {
            organisation: None,
            title: evil.into(),
            facts: vec![(evil.into(), evil.into())],
            hash_intact: true,
            frozen_hash: evil.into(),
            entries: vec![RecordEntry {
                at: evil.into(),
                what: evil.into(),
                details: vec![(evil.into(), evil.into())],
            }],
        };
        assert!(!outside_literals(&adoption_record(&record)).contains("EVIL"));
        let comparison_doc = ComparisonDocument {
            organisation: None,
            title: evil.into(),
            from: 1,
            to: 2,
            from_hash: evil.into(),
            to_hash: evil.into(),
            sections: vec![ComparedSection {
                title: evil.into(),
                old_title: Some(evil.into()),
                status: evil.into(),
                pieces: vec![
                    (Change::Inserted, evil.into()),
                    (Change::Deleted, evil.into()),
                ],
                inserted_words: 1,
                deleted_words: 1,
            }],
            inserted_words: 1,
            deleted_words: 1,
        };
        assert!(!outside_literals(&comparison(&comparison_doc)).contains("EVIL"));
    }

    #[test]
    fn line_numbers_are_switched_on_only_for_the_text() {
        let mut doc = guideline_doc("x");
        assert!(guideline(&doc).contains("par.line(numbering"));
        doc.line_numbers = false;
        assert!(!guideline(&doc).contains("par.line(numbering"));
    }

    #[test]
    fn a_draft_report_says_so_on_its_title_page() {
        let doc = ReportDocument {
            organisation: None,
            title: "T".into(),
            version_number: 1,
            period: "p".into(),
            final_report: false,
            totals: vec![],
            sections: vec![],
        };
        assert!(report(&doc).contains("ENTWURF"));
    }
}
