//! Components shared by several pages.

pub mod layout;
pub mod unsaved;

/// The `inner_html` for a `<textarea>` that shows user text.
///
/// Leptos does not escape the children of `<textarea>` (it treats them like `<script>`), so a
/// text containing `</textarea>` would end the element and inject markup. Use
/// `<textarea inner_html=textarea_text(&text)></textarea>` instead of a text child: the
/// browser decodes the entities back to exactly `text`, on the server-rendered page and when
/// the client renders it.
pub fn textarea_text(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len() + text.len() / 8);
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            other => escaped.push(other),
        }
    }
    escaped
}

#[cfg(test)]
mod tests {
    use super::textarea_text;

    #[test]
    fn a_closing_textarea_tag_in_user_text_is_escaped() {
        assert_eq!(
            textarea_text("A</textarea><script>x()</script> & B"),
            "A&lt;/textarea&gt;&lt;script&gt;x()&lt;/script&gt; &amp; B"
        );
    }

    /// Guards every page: a `<textarea>` with a text child would be rendered unescaped.
    #[test]
    fn no_textarea_in_the_app_has_a_text_child() {
        fn visit(dir: &std::path::Path, bad: &mut Vec<String>) {
            for entry in std::fs::read_dir(dir).expect("readable source folder") {
                let path = entry.expect("entry").path();
                if path.is_dir() {
                    visit(&path, bad);
                } else if path.extension().is_some_and(|e| e == "rs")
                    && !path.ends_with("components/mod.rs")
                {
                    let source = std::fs::read_to_string(&path).expect("readable source");
                    let mut rest = source.as_str();
                    while let Some(start) = rest.find("<textarea ") {
                        let after = &rest[start..];
                        let Some(end) = after.find("</textarea>") else {
                            break;
                        };
                        if !after[..end].ends_with('>') {
                            bad.push(format!("{}: {}", path.display(), &after[..end.min(120)]));
                        }
                        rest = &after[end..];
                    }
                }
            }
        }
        let mut bad = Vec::new();
        visit(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
            &mut bad,
        );
        assert!(
            bad.is_empty(),
            "textareas with a text child (use inner_html=textarea_text(..)): {bad:#?}"
        );
    }

    #[test]
    fn plain_text_and_umlauts_stay_as_they_are() {
        assert_eq!(textarea_text("Grüße, „KI“ – 100 %"), "Grüße, „KI“ – 100 %");
    }
}
