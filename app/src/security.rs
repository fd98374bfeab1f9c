//! The security headers every answer carries, as plain text (the server's middleware sets
//! them; pages add a Content-Security-Policy with the nonce of their inline scripts).

/// `Content-Security-Policy` of a page whose inline scripts (Leptos' hydration script and
/// resource data) carry `nonce`. Scripts: only from this site or with the nonce — no
/// `unsafe-inline`; `wasm-unsafe-eval` lets the browser compile the app's WebAssembly. Styles
/// allow inline `style` attributes (table column alignment in guidelines). Images only from
/// this site: a guideline's text cannot make readers' browsers call other servers. No page may
/// be framed by another site (clickjacking).
pub fn page_policy(nonce: &str) -> String {
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; \
         font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; \
         frame-ancestors 'none'"
    )
}

/// `Content-Security-Policy` of every other answer (server functions, files): nothing inline.
pub const DEFAULT_POLICY: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; \
     style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; \
     object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

/// `Referrer-Policy`: addresses of pages (which name processes and rounds) are not sent to
/// other sites a guideline links to.
pub const REFERRER_POLICY: &str = "same-origin";

/// `Permissions-Policy`: the app needs none of the browser's powerful features.
pub const PERMISSIONS_POLICY: &str =
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()";

/// `Cache-Control` of pages and server-function answers: they are personal (a shared PC must
/// not show the previous person's page from its cache).
pub const NO_STORE: &str = "no-store";

/// `Cache-Control` of the browser bundle: its file names carry a hash of their content, so a
/// new build has new names and browsers may keep each file for a year.
pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_policy_allows_scripts_only_from_the_site_or_with_the_nonce() {
        let policy = page_policy("abc123");
        let scripts = policy
            .split(';')
            .map(str::trim)
            .find(|d| d.starts_with("script-src"))
            .expect("a script-src directive");
        assert_eq!(
            scripts,
            "script-src 'self' 'nonce-abc123' 'wasm-unsafe-eval'"
        );
        assert!(!scripts.contains("unsafe-inline"));
        assert!(policy.contains("frame-ancestors 'none'"));
    }

    #[test]
    fn the_default_policy_allows_no_inline_script_and_no_framing() {
        let scripts = DEFAULT_POLICY
            .split(';')
            .map(str::trim)
            .find(|d| d.starts_with("script-src"))
            .expect("a script-src directive");
        assert!(!scripts.contains("unsafe-inline") && !scripts.contains("nonce"));
        assert!(DEFAULT_POLICY.contains("frame-ancestors 'none'"));
    }
}
