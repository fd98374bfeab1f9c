//! Configuration from environment variables, with defaults that run out of the box.

use leptos::config::LeptosOptions;
use std::net::SocketAddr;

/// Everything the server reads from its environment.
#[derive(Debug, Clone)]
pub struct Config {
    /// Address to listen on (`MITSPRACHE_ADDR`, default `127.0.0.1:3000`).
    pub addr: SocketAddr,
    /// Database (`DATABASE_URL`, default a SQLite file under `./data/`).
    pub database_url: String,
    /// Public address behind a proxy (`MITSPRACHE_PUBLIC_URL`), e.g. `https://mitsprache.example.de`.
    pub public_url: Option<String>,
    /// `Secure` cookies (`MITSPRACHE_SECURE_COOKIES`, default: on when the public URL is https).
    pub secure_cookies: bool,
    /// Take the client address from `X-Forwarded-For` (`MITSPRACHE_TRUST_PROXY=1`).
    pub trust_proxy: bool,
    /// Load demo data into an empty database at start (`MITSPRACHE_DEMO=1`).
    pub demo: bool,
    /// Folder with the compiled browser files (`LEPTOS_SITE_ROOT`, default `target/site`).
    pub site_root: String,
    /// Texts (comments, replies, contributions, dialogue posts) one account may post per minute
    /// (`MITSPRACHE_POSTING_LIMIT`, default 20; `0` switches the limit off, e.g. for benchmarks).
    pub posting_per_minute: usize,
    /// Log-in through the organisation's OpenID provider (`MITSPRACHE_OIDC_ISSUER`,
    /// `…_CLIENT_ID`, `…_CLIENT_SECRET`, `…_TEAM_CLAIM`, `…_COORDINATOR_GROUP`, `…_TRUST_EMAIL`).
    pub oidc: Option<app::sso::ssr::SsoSettings>,
    /// E-mail and password accepted (`MITSPRACHE_PASSWORD_LOGIN`, default on; `off` needs OIDC).
    pub password_login: bool,
    /// What happens to a deleted person's texts (`MITSPRACHE_DELETED_TEXTS`: `keep`, default,
    /// or `remove`).
    pub deleted_texts: app::domain::privacy::DeletedTexts,
}

/// Texts per account and minute unless configured.
pub const DEFAULT_POSTING_PER_MINUTE: usize = 20;

/// The default SQLite database file.
pub const DEFAULT_DATABASE_URL: &str = "sqlite://data/mitsprache.db?mode=rwc";

fn flag(name: &str) -> Option<bool> {
    std::env::var(name).ok().map(|v| {
        matches!(
            v.trim().to_lowercase().as_str(),
            "1" | "true" | "yes" | "ja" | "on"
        )
    })
}

/// A non-blank environment variable.
fn setting(name: &str) -> Option<String> {
    std::env::var(name)
        .ok()
        .map(|v| v.trim().to_owned())
        .filter(|v| !v.is_empty())
}

/// The OpenID Connect settings, if an issuer is configured (then the client id is required).
fn oidc_from_env() -> Result<Option<app::sso::ssr::SsoSettings>, String> {
    let Some(issuer) = setting("MITSPRACHE_OIDC_ISSUER") else {
        return Ok(None);
    };
    let client_id = setting("MITSPRACHE_OIDC_CLIENT_ID").ok_or_else(|| {
        "MITSPRACHE_OIDC_ISSUER ist gesetzt, MITSPRACHE_OIDC_CLIENT_ID fehlt.".to_owned()
    })?;
    Ok(Some(app::sso::ssr::SsoSettings {
        issuer,
        client_id,
        client_secret: setting("MITSPRACHE_OIDC_CLIENT_SECRET"),
        team_claim: setting("MITSPRACHE_OIDC_TEAM_CLAIM"),
        coordinator_group: setting("MITSPRACHE_OIDC_COORDINATOR_GROUP"),
        assume_email_verified: flag("MITSPRACHE_OIDC_TRUST_EMAIL").unwrap_or(false),
    }))
}

impl Config {
    /// Reads the configuration; a malformed value is an error with the variable's name.
    pub fn from_env() -> Result<Self, String> {
        let oidc = oidc_from_env()?;
        let password_login = flag("MITSPRACHE_PASSWORD_LOGIN").unwrap_or(true);
        if !password_login && oidc.is_none() {
            return Err("MITSPRACHE_PASSWORD_LOGIN=off braucht MITSPRACHE_OIDC_ISSUER: sonst könnte sich niemand anmelden.".into());
        }
        let addr = match std::env::var("MITSPRACHE_ADDR") {
            Ok(value) => value.parse().map_err(|_| {
                format!("MITSPRACHE_ADDR ist keine gültige Adresse (z. B. 127.0.0.1:3000): {value}")
            })?,
            Err(_) => SocketAddr::from(([127, 0, 0, 1], 3000)),
        };
        let public_url = std::env::var("MITSPRACHE_PUBLIC_URL")
            .ok()
            .filter(|v| !v.trim().is_empty());
        let https = public_url
            .as_deref()
            .is_some_and(|u| u.starts_with("https://"));
        Ok(Self {
            addr,
            database_url: std::env::var("DATABASE_URL")
                .ok()
                .filter(|v| !v.trim().is_empty())
                .unwrap_or_else(|| DEFAULT_DATABASE_URL.to_owned()),
            secure_cookies: flag("MITSPRACHE_SECURE_COOKIES").unwrap_or(https),
            public_url,
            trust_proxy: flag("MITSPRACHE_TRUST_PROXY").unwrap_or(false),
            demo: flag("MITSPRACHE_DEMO").unwrap_or(false),
            site_root: std::env::var("LEPTOS_SITE_ROOT")
                .unwrap_or_else(|_| "target/site".to_owned()),
            posting_per_minute: match std::env::var("MITSPRACHE_POSTING_LIMIT") {
                Ok(value) => value.trim().parse().map_err(|_| {
                    format!("MITSPRACHE_POSTING_LIMIT ist keine Zahl (z. B. 20): {value}")
                })?,
                Err(_) => DEFAULT_POSTING_PER_MINUTE,
            },
            oidc,
            password_login,
            deleted_texts: match setting("MITSPRACHE_DELETED_TEXTS") {
                Some(value) => app::domain::privacy::DeletedTexts::parse(&value).ok_or_else(|| {
                    format!("MITSPRACHE_DELETED_TEXTS muss „keep“ oder „remove“ sein, nicht „{value}“")
                })?,
                None => Default::default(),
            },
        })
    }

    /// A configuration for tests: the given database, nothing else special.
    pub fn for_tests(database_url: &str) -> Self {
        Self {
            addr: SocketAddr::from(([127, 0, 0, 1], 0)),
            database_url: database_url.to_owned(),
            public_url: None,
            secure_cookies: false,
            trust_proxy: false,
            demo: false,
            site_root: "target/site".to_owned(),
            posting_per_minute: DEFAULT_POSTING_PER_MINUTE,
            oidc: None,
            password_login: true,
            deleted_texts: Default::default(),
        }
    }

    /// The name of the current browser bundle: `scripts/build.sh` names its files after a hash
    /// of their content (`mitsprache-<hash>.js`, `…_bg.wasm`, `….css`) and writes the name into
    /// `pkg/current`. Without that file (tests without a build) the plain name.
    pub fn bundle_name(&self) -> String {
        std::fs::read_to_string(std::path::Path::new(&self.site_root).join("pkg/current"))
            .ok()
            .map(|name| name.trim().to_owned())
            .filter(|name| {
                !name.is_empty()
                    && name
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
            })
            .unwrap_or_else(|| "mitsprache".to_owned())
    }

    /// Leptos' options built from this configuration (no Cargo.toml needed at run time).
    pub fn leptos_options(&self) -> LeptosOptions {
        LeptosOptions::builder()
            .output_name(self.bundle_name())
            .site_root(self.site_root.as_str())
            .site_pkg_dir("pkg")
            .site_addr(self.addr)
            .build()
    }
}
