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
    /// The organisation's federal state, whose public holidays end co-determination deadlines
    /// later (`MITSPRACHE_BUNDESLAND`, e.g. `NW`); unset: only the nationwide holidays.
    pub federal_state: Option<app::domain::codetermination::FederalState>,
    /// How often MAV deadlines are checked for deemed approval
    /// (`MITSPRACHE_DEADLINE_CHECK_SECONDS`, default 60).
    pub deadline_check_seconds: u64,
    /// The organisation's name on the title pages of PDF and Word files and in mails
    /// (`MITSPRACHE_ORGANISATION`, e.g. "Caritasverband Musterstadt e. V."; default none: no
    /// name on title pages, "Mitsprache" in mails).
    pub organisation: Option<String>,
    /// Mail settings.
    pub mail: MailConfig,
    /// Log-in through the organisation's OpenID provider (`MITSPRACHE_OIDC_ISSUER`,
    /// `…_CLIENT_ID`, `…_CLIENT_SECRET`, `…_TEAM_CLAIM`, `…_COORDINATOR_GROUP`, `…_TRUST_EMAIL`).
    pub oidc: Option<app::sso::ssr::SsoSettings>,
    /// E-mail and password accepted (`MITSPRACHE_PASSWORD_LOGIN`, default on; `off` needs OIDC).
    pub password_login: bool,
    /// What happens to a deleted person's texts (`MITSPRACHE_DELETED_TEXTS`: `keep`, default,
    /// or `remove`).
    pub deleted_texts: app::domain::privacy::DeletedTexts,
}

/// Mail settings (see the README's configuration table).
#[derive(Debug, Clone)]
pub struct MailConfig {
    /// `MITSPRACHE_SMTP_URL`, e.g. `smtp://user:pass@mail.example.de:587` or `smtps://…`;
    /// none: mails are written as `.eml` files into `dir`.
    pub smtp_url: Option<String>,
    /// `MITSPRACHE_MAIL_FROM`.
    pub from: String,
    /// `MITSPRACHE_MAIL_DIR` (default `data/mail`): the folder of `.eml` files without SMTP.
    pub dir: std::path::PathBuf,
    /// `MITSPRACHE_SECRET`: key of the unsubscribe links (default: generated, stored in the
    /// database).
    pub secret: Option<String>,
    /// Whether this instance runs the sender (`MITSPRACHE_MAIL_SENDER`, default on).
    pub sender: bool,
    /// First retry delay in seconds (`MITSPRACHE_MAIL_RETRY_SECONDS`, default 30).
    pub retry_seconds: i64,
    /// Lease of a claimed mail in seconds (`MITSPRACHE_MAIL_LEASE_SECONDS`, default 120):
    /// after a crash, mails in flight go out again after this.
    pub lease_seconds: i64,
    /// Poll interval of the sender in milliseconds (`MITSPRACHE_MAIL_POLL_MS`, default 1000).
    pub poll_ms: u64,
}

impl MailConfig {
    fn from_env() -> Result<Self, String> {
        let text = |name: &str| {
            std::env::var(name)
                .ok()
                .map(|v| v.trim().to_owned())
                .filter(|v| !v.is_empty())
        };
        let number = |name: &str, default: i64| -> Result<i64, String> {
            match text(name) {
                None => Ok(default),
                Some(v) => v
                    .parse::<i64>()
                    .ok()
                    .filter(|n| *n > 0)
                    .ok_or_else(|| format!("{name} ist keine positive Zahl: {v}")),
            }
        };
        Ok(Self {
            smtp_url: text("MITSPRACHE_SMTP_URL"),
            from: text("MITSPRACHE_MAIL_FROM")
                .unwrap_or_else(|| "Mitsprache <mitsprache@localhost>".to_owned()),
            dir: text("MITSPRACHE_MAIL_DIR")
                .unwrap_or_else(|| "data/mail".to_owned())
                .into(),
            secret: text("MITSPRACHE_SECRET"),
            sender: flag("MITSPRACHE_MAIL_SENDER").unwrap_or(true),
            retry_seconds: number("MITSPRACHE_MAIL_RETRY_SECONDS", 30)?,
            lease_seconds: number("MITSPRACHE_MAIL_LEASE_SECONDS", 120)?,
            poll_ms: number("MITSPRACHE_MAIL_POLL_MS", 1000)? as u64,
        })
    }

    /// Tests: no sender (a test that needs one turns it on), files into a throw-away folder.
    pub fn for_tests() -> Self {
        Self {
            smtp_url: None,
            from: "Mitsprache <mitsprache@example.org>".to_owned(),
            dir: std::env::temp_dir().join(format!("mitsprache-test-mail-{}", std::process::id())),
            secret: Some("test-secret".to_owned()),
            sender: false,
            retry_seconds: 1,
            lease_seconds: 5,
            poll_ms: 100,
        }
    }
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
            federal_state: match std::env::var("MITSPRACHE_BUNDESLAND") {
                Ok(value) if !value.trim().is_empty() => Some(
                    app::domain::codetermination::FederalState::parse(&value)
                        .map_err(|e| format!("MITSPRACHE_BUNDESLAND: {e}"))?,
                ),
                _ => None,
            },
            deadline_check_seconds: match std::env::var("MITSPRACHE_DEADLINE_CHECK_SECONDS") {
                Ok(value) => value
                    .trim()
                    .parse::<u64>()
                    .ok()
                    .filter(|s| *s > 0)
                    .ok_or_else(|| {
                        format!(
                            "MITSPRACHE_DEADLINE_CHECK_SECONDS ist keine positive Zahl: {value}"
                        )
                    })?,
                Err(_) => 60,
            },
            mail: MailConfig::from_env()?,
            organisation: std::env::var("MITSPRACHE_ORGANISATION")
                .ok()
                .map(|v| v.trim().to_owned())
                .filter(|v| !v.is_empty()),
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
            federal_state: None,
            deadline_check_seconds: 60,
            mail: MailConfig::for_tests(),
            organisation: Some("Testorganisation".to_owned()),
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

    /// The organisation's name in mail subjects and signatures.
    pub fn mail_organisation(&self) -> String {
        self.organisation
            .clone()
            .unwrap_or_else(|| "Mitsprache".to_owned())
    }

    /// The address for links in mails: the public URL, else this server's address.
    pub fn link_base(&self) -> String {
        self.public_url
            .clone()
            .unwrap_or_else(|| format!("http://{}", self.addr))
            .trim_end_matches('/')
            .to_owned()
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
