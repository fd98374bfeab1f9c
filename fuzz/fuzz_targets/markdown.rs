//! Markdown rendering + sanitising: never panics, and the HTML it returns holds only allowed
//! tags, no event-handler attributes and no link or image URL with a scheme other than
//! http, https, mailto or tel.
#![no_main]

use app::domain::markdown::render;
use libfuzzer_sys::fuzz_target;

/// Tags the sanitiser may let through (ammonia's defaults that Markdown can produce).
const ALLOWED_TAGS: &[&str] = &[
    "a", "abbr", "b", "blockquote", "br", "code", "del", "em", "h1", "h2", "h3", "h4", "h5", "h6",
    "hr", "i", "img", "input", "li", "ol", "p", "pre", "s", "strong", "sub", "sup", "table",
    "tbody", "td", "th", "thead", "tr", "ul", "span", "div", "dl", "dt", "dd", "kbd", "q",
    "small", "strike", "u", "mark", "cite", "caption", "col", "colgroup", "tfoot", "dfn", "rp",
    "rt", "rtc", "ruby", "samp", "var", "wbr", "bdi", "bdo", "center", "data", "details",
    "summary", "figure", "figcaption", "footer", "header", "hgroup", "map", "area", "nav",
    "time", "tt", "acronym", "article", "aside", "font",
];

/// One start tag of serialised HTML: its name and its attributes (name, value).
struct Tag {
    name: String,
    attributes: Vec<(String, String)>,
}

/// Reads the start tags of html5ever-serialised HTML (double-quoted attribute values, `<` in
/// text escaped as `&lt;`). Panics on anything it cannot read: the sanitiser's output must
/// always be this regular.
fn start_tags(html: &str) -> Vec<Tag> {
    let bytes: Vec<char> = html.chars().collect();
    let mut tags = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != '<' {
            i += 1;
            continue;
        }
        i += 1;
        if bytes.get(i) == Some(&'/') {
            while i < bytes.len() && bytes[i] != '>' {
                i += 1;
            }
            continue;
        }
        let mut name = String::new();
        while i < bytes.len() && !matches!(bytes[i], ' ' | '>' | '/') {
            name.push(bytes[i]);
            i += 1;
        }
        let mut attributes = Vec::new();
        loop {
            while i < bytes.len() && matches!(bytes[i], ' ' | '/') {
                i += 1;
            }
            match bytes.get(i) {
                None => panic!("unterminated tag <{name} in {html:?}"),
                Some('>') => {
                    i += 1;
                    break;
                }
                Some(_) => {}
            }
            let mut attr = String::new();
            while i < bytes.len() && !matches!(bytes[i], '=' | ' ' | '>') {
                attr.push(bytes[i]);
                i += 1;
            }
            let mut value = String::new();
            if bytes.get(i) == Some(&'=') {
                i += 1;
                assert_eq!(bytes.get(i), Some(&'"'), "unquoted attribute in {html:?}");
                i += 1;
                while i < bytes.len() && bytes[i] != '"' {
                    value.push(bytes[i]);
                    i += 1;
                }
                i += 1;
            }
            attributes.push((attr.to_ascii_lowercase(), value));
        }
        tags.push(Tag {
            name: name.to_ascii_lowercase(),
            attributes,
        });
    }
    tags
}

/// Whether a URL attribute value is harmless: relative, a fragment, or an allowed scheme.
fn safe_url(value: &str) -> bool {
    let cleaned: String = value
        .replace("&amp;", "&")
        .chars()
        .filter(|c| !c.is_ascii_whitespace() && !c.is_control())
        .collect();
    let lower = cleaned.to_ascii_lowercase();
    match lower.find(':') {
        None => true,
        Some(colon) => {
            let before = &lower[..colon];
            // Only `alpha *( alpha / digit / "+" / "-" / "." )` before the colon is a scheme
            // (RFC 3986, as browsers parse it); anything else makes a relative URL.
            let is_scheme = before.starts_with(|c: char| c.is_ascii_alphabetic())
                && before
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
            !is_scheme || matches!(before, "http" | "https" | "mailto" | "tel")
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(markdown) = std::str::from_utf8(data) else {
        return;
    };
    let rendered = render(markdown);
    for tag in start_tags(&rendered.html) {
        assert!(
            ALLOWED_TAGS.contains(&tag.name.as_str()),
            "tag <{}> got through: {:?}",
            tag.name,
            rendered.html
        );
        for (attr, value) in &tag.attributes {
            assert!(
                !attr.starts_with("on"),
                "event handler {attr} got through: {:?}",
                rendered.html
            );
            if matches!(attr.as_str(), "href" | "src" | "action" | "formaction" | "xlink:href") {
                assert!(safe_url(value), "unsafe URL {value:?} in {:?}", rendered.html);
            }
        }
    }
    // Heading ids are what the anchors of comments point at: they must be unique.
    let mut ids: Vec<&str> = rendered.sections.iter().map(|s| s.anchor.as_str()).collect();
    ids.sort_unstable();
    let before = ids.len();
    ids.dedup();
    assert_eq!(before, ids.len(), "duplicate heading ids for {markdown:?}");
});
