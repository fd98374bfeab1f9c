//! Cross-site request detection for state-changing requests.
//!
//! Browsers send `Sec-Fetch-Site` (all current ones) or at least `Origin` on every cross-origin
//! POST, and a page cannot suppress them. A request with neither is not from a browser form or
//! script on another site (curl, tests), so it is not a cross-site request forgery.

/// Whether a state-changing request must be refused as cross-site.
///
/// `host` is the `Host` header of the request; `public_origin`, if configured, is the origin the
/// app is reached at behind a proxy (e.g. `https://mitsprache.example.de`).
pub fn is_cross_site(
    sec_fetch_site: Option<&str>,
    origin: Option<&str>,
    host: Option<&str>,
    public_origin: Option<&str>,
) -> bool {
    if let Some(site) = sec_fetch_site {
        // "none" is a user-initiated navigation (bookmark, typed URL).
        return !matches!(site.trim(), "same-origin" | "none");
    }
    match origin {
        None => false,
        Some(origin) => {
            let origin = origin.trim().trim_end_matches('/');
            if origin == "null" {
                return true;
            }
            if let Some(public) = public_origin {
                if origin.eq_ignore_ascii_case(public.trim_end_matches('/')) {
                    return false;
                }
            }
            let origin_host = origin
                .split_once("://")
                .map(|(_, rest)| rest)
                .unwrap_or(origin);
            match host {
                Some(host) => !origin_host.eq_ignore_ascii_case(host.trim()),
                None => true,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_origin_fetch_metadata_is_allowed() {
        assert!(!is_cross_site(
            Some("same-origin"),
            Some("http://127.0.0.1:3000"),
            Some("127.0.0.1:3000"),
            None
        ));
        assert!(!is_cross_site(Some("none"), None, None, None));
    }

    #[test]
    fn cross_site_and_same_site_fetch_metadata_is_refused() {
        assert!(is_cross_site(
            Some("cross-site"),
            None,
            Some("127.0.0.1:3000"),
            None
        ));
        // A sibling sub-domain is "same-site" but still another origin.
        assert!(is_cross_site(
            Some("same-site"),
            None,
            Some("app.example.de"),
            None
        ));
    }

    #[test]
    fn a_foreign_origin_without_fetch_metadata_is_refused() {
        assert!(is_cross_site(
            None,
            Some("https://evil.example"),
            Some("127.0.0.1:3000"),
            None
        ));
        assert!(is_cross_site(
            None,
            Some("null"),
            Some("127.0.0.1:3000"),
            None
        ));
    }

    #[test]
    fn a_matching_origin_or_configured_public_origin_is_allowed() {
        assert!(!is_cross_site(
            None,
            Some("http://127.0.0.1:3000"),
            Some("127.0.0.1:3000"),
            None
        ));
        assert!(!is_cross_site(
            None,
            Some("https://mitsprache.example.de"),
            Some("10.0.0.5:3000"),
            Some("https://mitsprache.example.de/")
        ));
    }

    #[test]
    fn a_request_without_origin_or_fetch_metadata_is_not_cross_site() {
        assert!(!is_cross_site(None, None, Some("127.0.0.1:3000"), None));
    }
}
