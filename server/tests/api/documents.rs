//! Documents that leave the platform (issue #16): the adopted guideline as archival, tagged
//! PDF and as Word file, the feedback report, a comparison and the adoption record as PDF,
//! and a working draft started from an uploaded file. The PDFs are read back with poppler
//! (`pdftotext`, `pdfinfo`, `pdftoppm`) and `qpdf`, installed by `scripts/install-tools.sh`.

use crate::helpers::{call_ok, Backend, Client, TempDir, TestApp, COORDINATOR};
use crate::on_both_databases;
use crate::rounds::{comment_on, open, round_view, setup_with_text};
use app::entities::{process, round};
use axum::http::StatusCode;
use chrono::{Duration, Utc};
use sea_orm::{ActiveModelTrait, EntityTrait, IntoActiveModel, Set};
use std::process::Command;

on_both_databases!(
    the_adopted_guideline_is_an_archival_tagged_pdf_with_title_headings_and_hash,
    every_user_text_comes_out_of_every_pdf_literally,
    the_report_pdf_lists_every_comment_with_its_answer_and_never_an_author,
    the_comparison_pdf_marks_insertions_and_deletions_without_colour,
    the_adoption_record_pdf_lists_every_decision_and_correction,
    the_guideline_docx_has_word_headings_and_round_trips_through_the_import,
    downloads_carry_german_file_names_for_every_browser,
    a_word_file_becomes_the_working_draft_only_after_the_preview,
    an_import_never_overwrites_a_draft_saved_after_the_upload,
    a_broken_encrypted_bombed_or_oversized_file_changes_nothing,
    downloads_of_what_does_not_exist_yet_are_refused_in_german,
);

/// Version 1 of the guideline: chapters with a list and a table.
const V1: &str = "# KI-Leitlinie\n\nVorspann zur Leitlinie.\n\n## Wozu diese Leitlinie\n\nWir nutzen KI **verantwortungsvoll**.\n\n## Was erlaubt ist\n\n- Texte entwerfen lassen\n- Übersetzen lassen\n\n| Dienst | Erlaubt |\n|---|---|\n| Übersetzung | ja |\n\n## Was nicht erlaubt ist\n\nDaten von Klientinnen gehören nicht in öffentliche KI-Dienste.\n";

/// Version 2: one sentence changed, one paragraph gone, one chapter added.
const V2: &str = "# KI-Leitlinie\n\n## Wozu diese Leitlinie\n\nWir nutzen KI **verantwortungsvoll** und mit Augenmaß.\n\n## Was erlaubt ist\n\n- Texte entwerfen lassen\n- Übersetzen lassen\n\n| Dienst | Erlaubt |\n|---|---|\n| Übersetzung | ja |\n\n## Was nicht erlaubt ist\n\nDaten von Klientinnen gehören nicht in öffentliche KI-Dienste.\n\n## Ansprechpersonen\n\nFragen beantwortet die Koordination.\n";

/// Text that typst would run if it were pasted into markup, and that Markdown leaves as text.
const EVIL: &str =
    r##"#read("/etc/passwd") #import "@x/y:0.1.0" $x$ [x] <y> @z \ #set page(width: 1cm)"##;

/// An adopted guideline (version 2) after a closed round on version 1 with an anonymous and a
/// named comment; two required bodies, the first corrected its decision.
struct Docs {
    app: TestApp,
    coordinator: Client,
    nora: Client,
    staff: Client,
    pid: String,
    round_id: i64,
    hash: String,
    /// The display name of the staff account (its comment was anonymous).
    staff_name: String,
}

/// The fixture; with `evil`, that text is in every field a person can write.
async fn adopted_docs(backend: Backend, evil: Option<&str>) -> Docs {
    let extra = evil.map_or(String::new(), |e| {
        format!("\n## Kapitel {e}\n\nAbsatz {e}\n")
    });
    let mut s = setup_with_text(backend, &format!("{V1}{extra}")).await;
    let pid = s.process_id.to_string();
    if let Some(e) = evil {
        let row = process::Entity::find_by_id(s.process_id)
            .one(&s.app.db)
            .await
            .expect("query")
            .expect("process");
        let mut active = row.into_active_model();
        active.title = Set(format!("Leitlinie {e}"));
        active.update(&s.app.db).await.expect("title");
    }
    let e = evil.unwrap_or("");
    let round_id = open(&mut s.nora, s.process_id, true).await;
    let view = round_view(&mut s.staff, s.process_id, round_id).await;
    let response = s
        .staff
        .call(
            "post_comment",
            &[
                ("round_id", &round_id.to_string()),
                (
                    "version_id",
                    &view["version_id"].as_i64().expect("version").to_string(),
                ),
                ("block_id", "b3"),
                ("quote", ""),
                ("body", &format!("Anonymer Hinweis zur Haltung {e}")),
                ("anonymous", "on"),
            ],
        )
        .await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.body);
    let anonymous: i64 = response.json();
    let named = comment_on(
        &mut s.staff,
        &view,
        "b5",
        &format!("Benannter Hinweis zu Diensten {e}"),
    )
    .await;
    let stored = round::Entity::find_by_id(round_id)
        .one(&s.app.db)
        .await
        .expect("query")
        .expect("round");
    let mut ended = stored.into_active_model();
    ended.starts_at = Set(Utc::now() - Duration::days(10));
    ended.deadline = Set(Utc::now() - Duration::days(1));
    ended.update(&s.app.db).await.expect("end round");
    let rid = round_id.to_string();
    for (comment, kind) in [(anonymous, "accepted"), (named, "not_accepted")] {
        call_ok(
            &mut s.nora,
            "decide_comments",
            &[
                ("round_id", &rid),
                ("comment_ids", &comment.to_string()),
                ("kind", kind),
                ("reason", &format!("Begründung der Gruppe {e}")),
            ],
        )
        .await;
    }
    call_ok(&mut s.nora, "close_round", &[("round_id", &rid)]).await;
    let draft = call_ok(&mut s.nora, "get_draft", &[("process_id", &pid)]).await;
    let count = draft["draft"]["edit_count"]
        .as_i64()
        .expect("count")
        .to_string();
    let count = call_ok(
        &mut s.nora,
        "save_draft",
        &[
            ("process_id", &pid),
            ("body", &format!("{V2}{extra}")),
            ("edit_count", &count),
        ],
    )
    .await
    .as_i64()
    .expect("count")
    .to_string();
    call_ok(
        &mut s.nora,
        "publish_version",
        &[
            ("process_id", &pid),
            ("change_summary", "Runde eingearbeitet"),
            ("edit_count", &count),
        ],
    )
    .await;
    let mut bodies = Vec::new();
    for name in ["Geschäftsführung", "Betriebsrat"] {
        let body = call_ok(
            &mut s.coordinator,
            "add_body",
            &[
                ("process_id", &pid),
                ("name", format!("{name} {e}").trim()),
                ("required", "on"),
            ],
        )
        .await
        .as_i64()
        .expect("body id")
        .to_string();
        call_ok(
            &mut s.coordinator,
            "add_body_member",
            &[
                ("process_id", &pid),
                ("body_id", &body),
                ("email", COORDINATOR.0),
            ],
        )
        .await;
        bodies.push(body);
    }
    call_ok(&mut s.nora, "propose_adoption", &[("process_id", &pid)]).await;
    call_ok(
        &mut s.nora,
        "save_summary",
        &[
            ("process_id", &pid),
            ("summary", &format!("Kurz gesagt: KI ja, Daten nein. {e}")),
        ],
    )
    .await;
    let hash = call_ok(&mut s.nora, "get_adoption", &[("process_id", &pid)]).await["proposal"]
        ["frozen_hash"]
        .as_str()
        .expect("hash")
        .to_owned();
    let first = record(
        &mut s.coordinator,
        &pid,
        &bodies[0],
        "approved",
        "",
        "GF-Protokoll 1",
        &hash,
        "",
    )
    .await;
    record(
        &mut s.coordinator,
        &pid,
        &bodies[0],
        "approved_with_conditions",
        &format!("Schulung vor dem Einsatz {e}"),
        &format!("Protokoll GF 1, berichtigt {e}"),
        &hash,
        &first.to_string(),
    )
    .await;
    record(
        &mut s.coordinator,
        &pid,
        &bodies[1],
        "approved",
        "",
        "BR-2026-11",
        &hash,
        "",
    )
    .await;
    let staff_name = call_ok(&mut s.staff, "current_user", &[]).await["display_name"]
        .as_str()
        .expect("name")
        .to_owned();
    Docs {
        app: s.app,
        coordinator: s.coordinator,
        nora: s.nora,
        staff: s.staff,
        pid,
        round_id,
        hash,
        staff_name,
    }
}

/// Records a body's decision; returns its id.
#[allow(clippy::too_many_arguments)]
async fn record(
    client: &mut Client,
    pid: &str,
    body: &str,
    kind: &str,
    text: &str,
    minutes: &str,
    hash: &str,
    supersedes: &str,
) -> i64 {
    call_ok(
        client,
        "record_decision",
        &[
            ("process_id", pid),
            ("body_id", body),
            ("kind", kind),
            ("text", text),
            ("meeting_date", &crate::helpers::berlin_day(0)),
            ("minutes_ref", minutes),
            ("content_hash", hash),
            ("supersedes", supersedes),
        ],
    )
    .await
    .as_i64()
    .expect("decision id")
}

/// Downloads `path` and checks it is an attachment of `content_type`.
async fn download(client: &mut Client, path: &str, content_type: &str) -> Vec<u8> {
    let response = client.get(path).await;
    assert_eq!(response.status, StatusCode::OK, "{path}: {}", response.body);
    assert_eq!(
        response
            .headers
            .get("content-type")
            .and_then(|v| v.to_str().ok()),
        Some(content_type),
        "{path}"
    );
    let disposition = response
        .headers
        .get("content-disposition")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    assert!(
        disposition.starts_with("attachment; filename=\""),
        "{disposition}"
    );
    assert!(disposition.contains("filename*=UTF-8''"), "{disposition}");
    response.bytes
}

/// A file in a fresh temporary folder (removed with the returned guard).
fn temp_file(bytes: &[u8], name: &str) -> (TempDir, std::path::PathBuf) {
    let dir = std::env::temp_dir().join(format!(
        "mitsprache-doc-{}-{}",
        std::process::id(),
        rand_suffix()
    ));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write file");
    (TempDir::new(dir), path)
}

fn rand_suffix() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static NEXT: AtomicU64 = AtomicU64::new(0);
    NEXT.fetch_add(1, Ordering::SeqCst) + Utc::now().timestamp_nanos_opt().unwrap_or(0) as u64
}

/// Runs a tool on a file; its standard output (the tool must succeed).
fn tool(program: &str, args: &[&str]) -> String {
    let output = Command::new(program)
        .args(args)
        .output()
        .unwrap_or_else(|e| {
            panic!("{program} missing (scripts/install-tools.sh installs it): {e}")
        });
    assert!(
        output.status.success(),
        "{program} {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// The text of a PDF as `pdftotext` reads it, with runs of whitespace made single spaces.
pub(crate) fn pdf_text(pdf: &[u8]) -> String {
    let (_dir, path) = temp_file(pdf, "dokument.pdf");
    let text = tool(
        "pdftotext",
        &["-enc", "UTF-8", path.to_str().expect("path"), "-"],
    );
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `needle` with its whitespace made single spaces, for searching in [`pdf_text`].
fn squash(needle: &str) -> String {
    needle.split_whitespace().collect::<Vec<_>>().join(" ")
}

async fn the_adopted_guideline_is_an_archival_tagged_pdf_with_title_headings_and_hash(
    backend: Backend,
) {
    let mut d = adopted_docs(backend, None).await;
    let pdf = download(
        &mut d.staff,
        &format!("/prozesse/{}/leitlinie.pdf", d.pid),
        "application/pdf",
    )
    .await;
    let text = pdf_text(&pdf);
    assert!(text.contains("KI-Leitlinie 2027"), "title missing: {text}");
    for heading in [
        "KI-Leitlinie",
        "Wozu diese Leitlinie",
        "Was erlaubt ist",
        "Was nicht erlaubt ist",
        "Ansprechpersonen",
    ] {
        assert!(text.contains(heading), "heading {heading} missing: {text}");
    }
    assert!(text.contains(&d.hash), "hash missing: {text}");
    assert!(text.contains("Inhaltsverzeichnis"), "{text}");
    assert!(
        text.contains("Kurz gesagt: KI ja, Daten nein."),
        "summary missing: {text}"
    );
    assert!(
        text.contains("Schulung vor dem Einsatz"),
        "conditions missing: {text}"
    );
    assert!(
        text.contains("BR-2026-11"),
        "minutes reference missing: {text}"
    );
    assert!(text.contains("Seite 1 von"), "page numbers missing: {text}");
    assert!(text.contains("Übersetzung"), "table missing: {text}");

    let (_dir, path) = temp_file(&pdf, "leitlinie.pdf");
    let file = path.to_str().expect("path");
    // PDF/A-2a in the XMP metadata.
    let xmp = tool("pdfinfo", &["-meta", file]);
    assert!(
        xmp.contains("<pdfaid:part>2</pdfaid:part>") || xmp.contains("pdfaid:part=\"2\""),
        "no PDF/A-2 identification: {xmp}"
    );
    assert!(
        xmp.contains("<pdfaid:conformance>A</pdfaid:conformance>")
            || xmp.contains("pdfaid:conformance=\"A\""),
        "no level A: {xmp}"
    );
    // Tagged: a structure tree with headings, marked content, the language German.
    let json = tool("qpdf", &["--json", file]);
    assert!(json.contains("\"/StructTreeRoot\""), "no structure tree");
    assert!(json.contains("\"/Marked\": true"), "not marked as tagged");
    assert!(
        json.contains("\"/Lang\": \"u:de"),
        "document language is not German"
    );
    assert!(
        json.contains("\"/S\": \"/H1\"") || json.contains("\"/S\": \"/H2\""),
        "no heading tags"
    );
    assert!(json.contains("\"/S\": \"/Table\""), "no table tag");
    // Fonts are embedded (PDF/A requires it; pdffonts lists "emb yes").
    let fonts = tool("pdffonts", &[file]);
    assert!(
        fonts.lines().skip(2).all(|l| l.contains(" yes ")),
        "a font is not embedded: {fonts}"
    );
    // Page 1 renders.
    let out = path.with_file_name("seite");
    tool(
        "pdftoppm",
        &[
            "-f",
            "1",
            "-l",
            "1",
            "-r",
            "40",
            "-png",
            file,
            out.to_str().expect("path"),
        ],
    );
    let rendered = std::fs::read_dir(path.parent().expect("dir"))
        .expect("dir")
        .flatten()
        .any(|e| {
            e.file_name().to_string_lossy().starts_with("seite")
                && e.file_name().to_string_lossy().ends_with(".png")
        });
    assert!(rendered, "pdftoppm wrote no page image");

    // Line numbers on request.
    let numbered = download(
        &mut d.staff,
        &format!("/prozesse/{}/leitlinie.pdf?zeilennummern=ja", d.pid),
        "application/pdf",
    )
    .await;
    assert_ne!(numbered, pdf);
    // The Markdown source holds exactly the bytes of the hash.
    let source = download(
        &mut d.staff,
        &format!("/prozesse/{}/leitlinie.md", d.pid),
        "text/markdown; charset=utf-8",
    )
    .await;
    assert_eq!(
        app::draft::ssr::content_hash(std::str::from_utf8(&source).expect("utf-8")),
        d.hash
    );
    let _ = (&d.app, &d.coordinator, &d.nora, d.round_id, &d.staff_name);
}

async fn every_user_text_comes_out_of_every_pdf_literally(backend: Backend) {
    let mut d = adopted_docs(backend, Some(EVIL)).await;
    let evil = squash(EVIL);
    // Narrow table cells break lines inside the text, and pdftotext reads a break as a space:
    // compare without any whitespace.
    let bare = |s: &str| s.split_whitespace().collect::<String>();
    let pid = d.pid.clone();
    for path in [
        format!("/prozesse/{pid}/leitlinie.pdf"),
        format!("/prozesse/{pid}/runden/{}/bericht.pdf", d.round_id),
        format!("/prozesse/{pid}/vergleich.pdf?from=1&to=2"),
        format!("/prozesse/{pid}/verabschiedung.pdf"),
    ] {
        let text = pdf_text(&download(&mut d.staff, &path, "application/pdf").await);
        // The title is in every document.
        assert!(
            bare(&text).contains(&bare(&format!("Leitlinie {evil}"))),
            "{path}: title not literal: {text}"
        );
        assert!(
            !text.contains("root:x:0"),
            "{path}: a file of the server was read"
        );
        match path.as_str() {
            p if p.ends_with("leitlinie.pdf") => {
                for expected in [
                    format!("Kapitel {evil}"),
                    format!("Absatz {evil}"),
                    format!("Kurz gesagt: KI ja, Daten nein. {evil}"),
                    format!("Schulung vor dem Einsatz {evil}"),
                    format!("Protokoll GF 1, berichtigt {evil}"),
                    format!("Betriebsrat {evil}"),
                ] {
                    assert!(
                        bare(&text).contains(&bare(&expected)),
                        "{path}: {expected} not literal: {text}"
                    );
                }
            }
            p if p.ends_with("bericht.pdf") => {
                for expected in [
                    format!("Anonymer Hinweis zur Haltung {evil}"),
                    format!("Benannter Hinweis zu Diensten {evil}"),
                    format!("Begründung der Gruppe {evil}"),
                ] {
                    assert!(
                        bare(&text).contains(&bare(&expected)),
                        "{path}: {expected} not literal: {text}"
                    );
                }
            }
            p if p.ends_with("verabschiedung.pdf") => {
                for expected in [
                    format!("Schulung vor dem Einsatz {evil}"),
                    format!("Protokoll GF 1, berichtigt {evil}"),
                    format!("Geschäftsführung {evil}"),
                ] {
                    assert!(
                        bare(&text).contains(&bare(&expected)),
                        "{path}: {expected} not literal: {text}"
                    );
                }
            }
            _ => {}
        }
    }
}

async fn the_report_pdf_lists_every_comment_with_its_answer_and_never_an_author(backend: Backend) {
    let mut d = adopted_docs(backend, None).await;
    let path = format!("/prozesse/{}/runden/{}/bericht.pdf", d.pid, d.round_id);
    let text = pdf_text(&download(&mut d.staff, &path, "application/pdf").await);
    assert!(text.contains("Anonymer Hinweis zur Haltung"), "{text}");
    assert!(text.contains("Benannter Hinweis zu Diensten"), "{text}");
    assert!(text.contains("Rückmeldung: übernommen"), "{text}");
    assert!(text.contains("Rückmeldung: nicht übernommen"), "{text}");
    assert!(text.contains("Begründung der Gruppe"), "{text}");
    // Grouped by section: the headings of the commented sections.
    assert!(text.contains("Wozu diese Leitlinie"), "{text}");
    assert!(
        !text.contains(&d.staff_name),
        "an author's name is in the report: {text}"
    );
    assert!(
        !text.contains("ENTWURF"),
        "a closed round's report is final: {text}"
    );
}

async fn the_comparison_pdf_marks_insertions_and_deletions_without_colour(backend: Backend) {
    let mut d = adopted_docs(backend, None).await;
    let text = pdf_text(
        &download(
            &mut d.staff,
            &format!("/prozesse/{}/vergleich.pdf?from=1&to=2", d.pid),
            "application/pdf",
        )
        .await,
    );
    assert!(text.contains("Version 1 → Version 2"), "{text}");
    // Inserted words between [+ +], deleted between [− −]: readable in black and white.
    assert!(text.contains("[+") && text.contains("Augenmaß"), "{text}");
    assert!(
        text.contains("[−") && text.contains("Vorspann zur Leitlinie."),
        "{text}"
    );
    let inserted = text.find("[+").expect("an insertion mark");
    assert!(text[inserted..].contains("+]"), "{text}");
    assert!(
        text.contains("Ansprechpersonen") && text.contains("neu"),
        "{text}"
    );
    // The compare page's own parameter names work too.
    download(
        &mut d.staff,
        &format!("/prozesse/{}/vergleich.pdf?von=1&zu=2", d.pid),
        "application/pdf",
    )
    .await;
}

async fn the_adoption_record_pdf_lists_every_decision_and_correction(backend: Backend) {
    let mut d = adopted_docs(backend, None).await;
    let text = pdf_text(
        &download(
            &mut d.staff,
            &format!("/prozesse/{}/verabschiedung.pdf", d.pid),
            "application/pdf",
        )
        .await,
    );
    assert!(text.contains(&d.hash), "{text}");
    assert!(text.contains("noch genau diese Prüfsumme"), "{text}");
    assert!(
        text.contains("Version 2 zur Verabschiedung vorgeschlagen"),
        "{text}"
    );
    // The first decision, its correction (naming what it corrects), the second body.
    assert!(text.contains("GF-Protokoll 1"), "{text}");
    assert!(text.contains("Berichtigung Nr."), "{text}");
    assert!(text.contains("Berichtigt den Eintrag"), "{text}");
    assert!(text.contains("mit Auflagen zugestimmt"), "{text}");
    assert!(text.contains("BR-2026-11"), "{text}");
    assert!(text.contains("Version 2 verabschiedet"), "{text}");
    let first = text.find("GF-Protokoll 1").expect("first decision");
    let adopted = text.find("Version 2 verabschiedet").expect("adoption");
    assert!(first < adopted, "entries are in time order: {text}");
}

async fn the_guideline_docx_has_word_headings_and_round_trips_through_the_import(backend: Backend) {
    let mut d = adopted_docs(backend, None).await;
    let docx = download(
        &mut d.staff,
        &format!("/prozesse/{}/leitlinie.docx", d.pid),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    .await;
    // Word's built-in heading styles.
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx.clone())).expect("a zip");
    let mut styles = String::new();
    std::io::Read::read_to_string(
        &mut zip.by_name("word/styles.xml").expect("styles"),
        &mut styles,
    )
    .expect("read");
    assert!(styles.contains("w:val=\"heading 2\""), "{styles}");
    let imported = app::document::import::import("leitlinie.docx", &docx).expect("imports");
    // The body's headings and paragraphs come back in order after the front matter.
    let blocks = |md: &str| -> Vec<String> {
        md.split("\n\n")
            .map(|b| b.trim().to_owned())
            .filter(|b| !b.is_empty())
            .collect()
    };
    let original = blocks(V2);
    let back = blocks(&imported.markdown);
    assert!(
        back.ends_with(&original),
        "round trip differs:\n--- original\n{}\n--- imported\n{}",
        original.join("\n\n"),
        back.join("\n\n")
    );
    assert!(back[0].contains("KI-Leitlinie 2027"), "{back:?}");
    assert!(imported.dropped.is_empty(), "{:?}", imported.dropped);
}

async fn downloads_carry_german_file_names_for_every_browser(backend: Backend) {
    let mut d = adopted_docs(backend, None).await;
    let row = process::Entity::find_by_id(d.pid.parse::<i64>().expect("id"))
        .one(&d.app.db)
        .await
        .expect("query")
        .expect("process");
    let mut active = row.into_active_model();
    active.title = Set("Übergänge \"Süd\"\r\nSet-Cookie: x=1".into());
    active.update(&d.app.db).await.expect("title");
    let response = d
        .staff
        .get(&format!("/prozesse/{}/leitlinie.pdf", d.pid))
        .await;
    assert_eq!(response.status, StatusCode::OK);
    let value = response.headers["content-disposition"]
        .to_str()
        .expect("ascii header");
    assert_eq!(
        value,
        "attachment; filename=\"Uebergaenge -Sued- Set-Cookie- x_1 - Version 2.pdf\"; \
         filename*=UTF-8''%C3%9Cberg%C3%A4nge%20-S%C3%BCd-%20Set-Cookie-%20x%3D1%20%E2%80%93%20Version%202.pdf"
    );
    assert!(response
        .headers
        .get("set-cookie")
        .is_none_or(|c| !c.to_str().unwrap_or("").contains("x=1")));
    assert_eq!(response.headers["cache-control"], "no-store");
}

/// Uploads a file to the draft import of `pid`.
async fn upload(
    client: &mut Client,
    pid: &str,
    name: &str,
    bytes: &[u8],
) -> crate::helpers::TestResponse {
    client
        .upload(
            &format!("/prozesse/{pid}/entwurf/import"),
            "datei",
            name,
            bytes,
        )
        .await
}

/// A Word file with a heading, a paragraph with bold text, a list and an image part.
fn word_file() -> Vec<u8> {
    let front = app::document::docx::DocxFrontMatter {
        title: "Entwurf aus Word".into(),
        lines: vec![],
    };
    app::document::docx::guideline_docx(
        &front,
        "## Ziele\n\nWir wollen **sicher** arbeiten.\n\n- eins\n- zwei\n",
    )
    .expect("docx")
}

async fn a_word_file_becomes_the_working_draft_only_after_the_preview(backend: Backend) {
    let mut s = setup_with_text(backend, V1).await;
    let pid = s.process_id.to_string();
    let before = call_ok(&mut s.nora, "get_draft", &[("process_id", &pid)]).await;
    // Staff may not upload.
    let refused = upload(&mut s.staff, &pid, "entwurf.docx", &word_file()).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN, "{}", refused.body);
    let response = upload(&mut s.nora, &pid, "Entwurf Ü.docx", &word_file()).await;
    assert_eq!(response.status, StatusCode::SEE_OTHER, "{}", response.body);
    assert_eq!(
        response.headers["location"],
        format!("/prozesse/{pid}/entwurf/import")
    );
    // The preview shows the converted text; the draft is unchanged so far.
    let preview = call_ok(&mut s.nora, "get_draft_import", &[("process_id", &pid)]).await;
    let markdown = preview["pending"]["markdown"]
        .as_str()
        .expect("markdown")
        .to_owned();
    assert_eq!(
        markdown,
        "# Entwurf aus Word\n\n## Ziele\n\nWir wollen **sicher** arbeiten.\n\n- eins\n- zwei\n"
    );
    assert_eq!(preview["pending"]["file_name"], "Entwurf Ü.docx");
    assert!(preview["html"]
        .as_str()
        .expect("html")
        .contains("<strong>sicher</strong>"));
    let page = s.nora.get(&format!("/prozesse/{pid}/entwurf/import")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Als Arbeitsentwurf übernehmen"));
    assert_eq!(
        call_ok(&mut s.nora, "get_draft", &[("process_id", &pid)]).await,
        before
    );
    // Applying replaces the draft through the editor's save.
    let applied = s
        .nora
        .post_form("/api/apply_draft_import", &[("process_id", &pid)])
        .await;
    assert!(applied.status.is_redirection(), "{}", applied.body);
    let after = call_ok(&mut s.nora, "get_draft", &[("process_id", &pid)]).await;
    assert_eq!(after["draft"]["body"], markdown.as_str());
    assert_eq!(
        after["draft"]["edit_count"].as_i64(),
        before["draft"]["edit_count"].as_i64().map(|c| c + 1)
    );
    // The pending import is gone: applying twice does nothing more.
    let again = s
        .nora
        .call("apply_draft_import", &[("process_id", &pid)])
        .await;
    assert_eq!(again.status, StatusCode::BAD_REQUEST, "{}", again.body);
    // A Markdown file is taken as it is; discarding leaves the draft alone.
    let response = upload(
        &mut s.nora,
        &pid,
        "notiz.md",
        "# Nur eine Notiz\n".as_bytes(),
    )
    .await;
    assert_eq!(response.status, StatusCode::SEE_OTHER);
    call_ok(&mut s.nora, "discard_draft_import", &[("process_id", &pid)]).await;
    assert_eq!(
        call_ok(&mut s.nora, "get_draft", &[("process_id", &pid)]).await,
        after
    );
    let _ = (&s.app, &s.coordinator);
}

async fn an_import_never_overwrites_a_draft_saved_after_the_upload(backend: Backend) {
    let mut s = setup_with_text(backend, V1).await;
    let pid = s.process_id.to_string();
    let response = upload(&mut s.nora, &pid, "entwurf.docx", &word_file()).await;
    assert_eq!(response.status, StatusCode::SEE_OTHER, "{}", response.body);
    // Meanwhile the draft is saved (in another tab, or by another member).
    let draft = call_ok(&mut s.nora, "get_draft", &[("process_id", &pid)]).await;
    let count = draft["draft"]["edit_count"]
        .as_i64()
        .expect("count")
        .to_string();
    call_ok(
        &mut s.nora,
        "save_draft",
        &[
            ("process_id", &pid),
            ("body", "Inzwischen gespeichert."),
            ("edit_count", &count),
        ],
    )
    .await;
    let refused = s
        .nora
        .call("apply_draft_import", &[("process_id", &pid)])
        .await;
    assert_eq!(refused.status, StatusCode::CONFLICT, "{}", refused.body);
    assert!(
        refused.body.contains("inzwischen gespeichert"),
        "{}",
        refused.body
    );
    let after = call_ok(&mut s.nora, "get_draft", &[("process_id", &pid)]).await;
    assert_eq!(after["draft"]["body"], "Inzwischen gespeichert.");
    // The uploaded text is still there to look at.
    let preview = call_ok(&mut s.nora, "get_draft_import", &[("process_id", &pid)]).await;
    assert!(preview["pending"]["markdown"]
        .as_str()
        .expect("kept")
        .contains("Ziele"));
    let _ = (&s.app, &s.coordinator, &s.staff);
}

/// Uploads a bad file: the answer sends the person back to the draft with a German message
/// (shown once), and nothing changed.
async fn refused_upload(client: &mut Client, pid: &str, name: &str, bytes: &[u8]) -> String {
    let response = upload(client, pid, name, bytes).await;
    assert_eq!(
        response.status,
        StatusCode::SEE_OTHER,
        "{name}: {}",
        response.body
    );
    assert_eq!(
        response.headers["location"],
        format!("/prozesse/{pid}/entwurf")
    );
    let flash = call_ok(client, "take_flash", &[]).await;
    flash.to_string()
}

async fn a_broken_encrypted_bombed_or_oversized_file_changes_nothing(backend: Backend) {
    let mut s = setup_with_text(backend, V1).await;
    let pid = s.process_id.to_string();
    let before = call_ok(&mut s.nora, "get_draft", &[("process_id", &pid)]).await;
    let message = refused_upload(
        &mut s.nora,
        &pid,
        "kaputt.docx",
        b"PK\x03\x04 nicht wirklich",
    )
    .await;
    assert!(message.contains("beschädigt"), "{message}");
    let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    ole.extend([0u8; 512]);
    let message = refused_upload(&mut s.nora, &pid, "geheim.docx", &ole).await;
    assert!(message.contains("Kennwort"), "{message}");
    let bomb = {
        let mut out = std::io::Cursor::new(Vec::new());
        let mut zip = zip::ZipWriter::new(&mut out);
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        zip.start_file("word/document.xml", options).expect("zip");
        let block = vec![b' '; 1024 * 1024];
        for _ in 0..80 {
            std::io::Write::write_all(&mut zip, &block).expect("zip");
        }
        zip.finish().expect("zip");
        out.into_inner()
    };
    assert!(
        bomb.len() < 1024 * 1024,
        "the bomb is small: {}",
        bomb.len()
    );
    let message = refused_upload(&mut s.nora, &pid, "bombe.docx", &bomb).await;
    assert!(message.contains("zu groß"), "{message}");
    let message = refused_upload(&mut s.nora, &pid, "bild.png", b"\x89PNG").await;
    assert!(message.contains(".docx"), "{message}");
    // Over 10 MB: refused before it is read.
    let big = vec![b'a'; 10 * 1024 * 1024 + 100 * 1024];
    let response = upload(&mut s.nora, &pid, "riesig.md", &big).await;
    assert_eq!(response.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(
        response.body.contains("höchstens 10 MB") || response.body.contains("bis 10 MB"),
        "{}",
        response.body
    );
    // Just under the body limit but over 10 MB of file: refused by the form reader.
    let over = vec![b'a'; 10 * 1024 * 1024 + 10];
    let message = refused_upload(&mut s.nora, &pid, "gross.md", &over).await;
    assert!(message.contains("10 MB"), "{message}");
    assert_eq!(
        call_ok(&mut s.nora, "get_draft", &[("process_id", &pid)]).await,
        before
    );
    let preview = call_ok(&mut s.nora, "get_draft_import", &[("process_id", &pid)]).await;
    assert!(preview["pending"].is_null(), "{preview}");
    let _ = (&s.app, &s.coordinator, &s.staff);
}

async fn downloads_of_what_does_not_exist_yet_are_refused_in_german(backend: Backend) {
    let mut s = setup_with_text(backend, V1).await;
    let pid = s.process_id.to_string();
    for path in [
        format!("/prozesse/{pid}/leitlinie.pdf"),
        format!("/prozesse/{pid}/leitlinie.docx"),
        format!("/prozesse/{pid}/verabschiedung.pdf"),
        "/prozesse/987654/leitlinie.pdf".to_owned(),
    ] {
        let response = s.staff.get(&path).await;
        assert_eq!(response.status, StatusCode::NOT_FOUND, "{path}");
        assert!(
            response.body.contains("nicht gefunden"),
            "{path}: {}",
            response.body
        );
    }
    // One version only: nothing to compare.
    let response = s.staff.get(&format!("/prozesse/{pid}/vergleich.pdf")).await;
    assert_eq!(response.status, StatusCode::BAD_REQUEST);
    assert!(
        response.body.contains("mindestens zwei Versionen"),
        "{}",
        response.body
    );
    let response = s
        .staff
        .get(&format!("/prozesse/{pid}/vergleich.pdf?from=eins"))
        .await;
    assert_eq!(response.status, StatusCode::BAD_REQUEST);
    // Not signed in: 401 with the way to the log-in.
    let response = s
        .app
        .client()
        .get(&format!("/prozesse/{pid}/vergleich.pdf"))
        .await;
    assert_eq!(response.status, StatusCode::UNAUTHORIZED);
    assert!(response.body.contains("/anmelden"));
    let _ = (&s.coordinator, &s.nora);
}
