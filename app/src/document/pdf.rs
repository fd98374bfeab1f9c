//! Typesetting typst markup into an archival, tagged PDF (server only).
//!
//! The [`World`] typst compiles in holds exactly one file, the generated markup, and the fonts
//! that `typst-assets` ships (Libertinus Serif for text, DejaVu Sans Mono for hashes and code:
//! both cover German). It answers every other file — `#read`, `#image`, `#import`, any
//! package — with "access denied", so even markup that slipped past the escaping could not
//! read the server's disk or fetch a package.

use std::sync::LazyLock;
use typst::diag::{FileError, FileResult, SourceDiagnostic};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

/// Why a document could not be typeset (a bug in the generated markup; details for the log).
#[derive(Debug, thiserror::Error)]
#[error("typesetting failed: {0}")]
pub struct RenderError(pub String);

/// The fonts, parsed once per process.
struct Fonts {
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
}

static FONTS: LazyLock<Fonts> = LazyLock::new(|| {
    let fonts: Vec<Font> = typst_assets::fonts()
        .flat_map(|data| Font::iter(Bytes::new(data)))
        .collect();
    Fonts {
        book: LazyHash::new(FontBook::from_fonts(&fonts)),
        fonts,
    }
});

/// The standard library, built once (it is the same for every document).
static LIBRARY: LazyLock<LazyHash<Library>> = LazyLock::new(|| LazyHash::new(Library::default()));

/// The one file id every document uses: ids are interned for the life of the process and
/// limited in number, so a fresh id per document would leak.
static MAIN: LazyLock<FileId> = LazyLock::new(|| {
    // A constant, valid path: this cannot fail.
    let path = VirtualPath::new("/dokument.typ").expect("a valid constant path");
    RootedPath::new(VirtualRoot::Project, path).intern()
});

/// A world of one source and the bundled fonts; nothing else exists in it.
struct DocumentWorld {
    main: Source,
    today: Datetime,
}

impl World for DocumentWorld {
    fn library(&self) -> &LazyHash<Library> {
        &LIBRARY
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &FONTS.book
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else {
            Err(FileError::AccessDenied)
        }
    }

    fn file(&self, _id: FileId) -> FileResult<Bytes> {
        Err(FileError::AccessDenied)
    }

    fn font(&self, index: usize) -> Option<Font> {
        FONTS.fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        Some(self.today)
    }
}

/// The document's date: shown where the markup asks for today, and written as the PDF's
/// creation date (the same input gives the same bytes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DocumentDate {
    /// Year, month, day, hour, minute, second in UTC.
    pub utc: (i32, u8, u8, u8, u8, u8),
}

impl DocumentDate {
    /// The date of a point in time.
    pub fn of(at: chrono::DateTime<chrono::Utc>) -> Self {
        use chrono::{Datelike, Timelike};
        Self {
            utc: (
                at.year(),
                at.month() as u8,
                at.day() as u8,
                at.hour() as u8,
                at.minute() as u8,
                at.second() as u8,
            ),
        }
    }
}

/// Typesets `markup` into a PDF/A-2a file (archival, tagged, with the document language the
/// markup sets). `ident` identifies the document across versions (e.g. "leitlinie-7").
pub fn render(markup: &str, ident: &str, date: DocumentDate) -> Result<Vec<u8>, RenderError> {
    let (y, mo, d, h, mi, s) = date.utc;
    let datetime = Datetime::from_ymd_hms(y, mo, d, h, mi, s)
        .ok_or_else(|| RenderError(format!("invalid date {:?}", date.utc)))?;
    let world = DocumentWorld {
        main: Source::new(*MAIN, markup.to_owned()),
        today: datetime,
    };
    let result = typst::compile::<PagedDocument>(&world);
    let document = result.output.map_err(|errors| describe(&errors))?;
    let standards =
        PdfStandards::new(&[PdfStandard::A_2a]).map_err(|err| RenderError(format!("{err:?}")))?;
    let options = PdfOptions {
        ident: typst::foundations::Smart::Custom(ident.to_owned()),
        creator: typst::foundations::Smart::Custom(Some("Mitsprache".to_owned())),
        timestamp: Some(Timestamp::new_utc(datetime)),
        standards,
        tagged: true,
        ..PdfOptions::default()
    };
    let pdf = typst_pdf::pdf(&document, &options).map_err(|errors| describe(&errors));
    // typst memoises layouts across compilations; drop what the last few renders did not use,
    // so a long-running server does not keep every document it ever typeset.
    typst::comemo::evict(2);
    pdf
}

/// The diagnostics of a failed compilation, for the log.
fn describe(errors: &[SourceDiagnostic]) -> RenderError {
    RenderError(
        errors
            .iter()
            .map(|e| e.message.to_string())
            .collect::<Vec<_>>()
            .join("; "),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date() -> DocumentDate {
        DocumentDate {
            utc: (2026, 11, 29, 10, 0, 0),
        }
    }

    #[test]
    fn a_small_document_becomes_a_pdf_a_file() {
        let pdf = render(
            "#set document(title: \"Test\")\n#set text(lang: \"de\")\nHallo Welt – Äpfel, Öl, Übermut, Straße.",
            "test",
            date(),
        )
        .expect("renders");
        assert!(pdf.starts_with(b"%PDF-"));
        let text = String::from_utf8_lossy(&pdf);
        assert!(
            text.contains("pdfaid:part"),
            "PDF/A identification in the XMP metadata"
        );
        assert!(text.contains("StructTreeRoot"), "tagged");
    }

    #[test]
    fn the_world_refuses_to_read_files_or_packages() {
        let err = render("#read(\"/etc/passwd\")", "test", date()).expect_err("refused");
        assert!(
            err.0.to_lowercase().contains("access denied") || err.0.contains("denied"),
            "{}",
            err.0
        );
        let err = render("#import \"@preview/cetz:0.3.0\"", "test", date()).expect_err("refused");
        assert!(!err.0.is_empty());
    }
}
