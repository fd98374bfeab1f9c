//! The plain-language check: never panics, and its numbers stay finite and consistent.
#![no_main]

use app::domain::readability::{analyse, analyse_sections};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let report = analyse(text);
    assert!(report.average_sentence_length.is_finite());
    assert!(report.average_syllables_per_word.is_finite());
    assert_eq!(report.score.is_none(), report.word_count == 0);
    let _ = analyse_sections(text);
});
