//! The word diff: never panics, and its pieces always rebuild both texts exactly.
#![no_main]

use app::domain::diff::{old_text, new_text, section_diff, word_diff};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: (&str, &str)| {
    let (old, new) = data;
    let ops = word_diff(old, new);
    assert_eq!(old_text(&ops), old, "old text not rebuilt");
    assert_eq!(new_text(&ops), new, "new text not rebuilt");
    // The section view of the same pair must not panic either.
    let _ = section_diff(old, new);
});
