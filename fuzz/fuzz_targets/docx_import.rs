//! The import of uploaded files (Word, OpenDocument, Markdown): never panics or hangs on any
//! bytes, never returns more text than a draft may hold from a file within the limits, and
//! whatever Markdown it returns renders.
#![no_main]

use app::document::import::import;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    for name in ["entwurf.docx", "entwurf.odt", "entwurf.md"] {
        if let Ok(imported) = import(name, data) {
            let _ = app::domain::markdown::render(&imported.markdown);
            assert!(imported.dropped.len() <= 7, "{:?}", imported.dropped);
        }
    }
});
