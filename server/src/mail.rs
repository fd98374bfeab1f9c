//! The mail sender: a background task that expands notification events, bundles digests,
//! records reminders and delivers the outbox — over SMTP with lettre (STARTTLS, implicit TLS,
//! AUTH from `MITSPRACHE_SMTP_URL`) or, without SMTP, as `.eml` files (the embedded default).
//!
//! Delivery is at least once: a mail is marked sent after the server accepted it, so a crash
//! in between sends it again after its claim's lease ends (README: "one duplicate").

use app::domain::notification::{header_safe, MailStatus};
use app::entities::mail;
use app::notification::content::MailFrame;
use app::notification::outbox::{self, OutboxContext};
use app::notification::ssr::{SigningKey, WAKE_SENDER};
use chrono::{Duration, Utc};
use lettre::message::header::{Header, HeaderName, HeaderValue};
use lettre::message::{Mailbox, MultiPart};
use lettre::transport::smtp::PoolConfig;
use lettre::{AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use sea_orm::DatabaseConnection;
use std::path::PathBuf;
use std::sync::Arc;

/// Where mail goes.
#[derive(Clone)]
pub enum Transport {
    /// An SMTP server (pooled connections).
    Smtp(AsyncSmtpTransport<Tokio1Executor>, String),
    /// `.eml` files in a folder.
    Files(AsyncFileTransport<Tokio1Executor>, PathBuf),
}

impl Transport {
    /// From the settings: SMTP if a URL is given, else files in `dir` (created if needed).
    pub fn from_settings(smtp_url: Option<&str>, dir: &std::path::Path) -> Result<Self, String> {
        match smtp_url {
            Some(url) => {
                let effective = effective_smtp_url(url);
                let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(&effective)
                    .map_err(|e| format!("MITSPRACHE_SMTP_URL ist ungültig: {e}"))?
                    .timeout(Some(std::time::Duration::from_secs(20)))
                    .pool_config(PoolConfig::new().max_size(8))
                    .build();
                Ok(Transport::Smtp(transport, smtp_label(url)))
            }
            None => {
                std::fs::create_dir_all(dir).map_err(|e| {
                    format!(
                        "Der Ordner {} kann nicht angelegt werden: {e}",
                        dir.display()
                    )
                })?;
                Ok(Transport::Files(
                    AsyncFileTransport::new(dir),
                    dir.to_path_buf(),
                ))
            }
        }
    }

    /// For the coordinators: "SMTP: host:port" (never the password) or the folder.
    pub fn label(&self) -> String {
        match self {
            Transport::Smtp(_, label) => label.clone(),
            Transport::Files(_, dir) => format!("Dateien im Ordner {}", dir.display()),
        }
    }

    /// The folder of `.eml` files, if mail goes there.
    pub fn dir(&self) -> Option<PathBuf> {
        match self {
            Transport::Files(_, dir) => Some(dir.clone()),
            Transport::Smtp(..) => None,
        }
    }
}

/// `smtp://` without a `tls=` choice: STARTTLS required, except on the loopback (a local relay
/// or test server); `?tls=none`: plain; `smtps://` is implicit TLS (lettre's default for that
/// scheme).
pub fn effective_smtp_url(url: &str) -> String {
    let url = url.trim();
    if url.starts_with("smtp://") && url.contains("tls=none") {
        // Plain SMTP on request (lettre's own form: no `tls` parameter at all).
        return url
            .replace("?tls=none&", "?")
            .replace("&tls=none", "")
            .replace("?tls=none", "");
    }
    if !url.starts_with("smtp://") || url.contains("tls=") {
        return url.to_owned();
    }
    let host = url
        .trim_start_matches("smtp://")
        .rsplit('@')
        .next()
        .unwrap_or("")
        .split(['/', '?'])
        .next()
        .unwrap_or("");
    let host_only = if host.starts_with('[') {
        host.split(']').next().unwrap_or("").trim_start_matches('[')
    } else {
        host.split(':').next().unwrap_or("")
    };
    let local = host_only == "localhost" || host_only == "::1" || host_only.starts_with("127.");
    let tls = if local { "opportunistic" } else { "required" };
    let sep = if url.contains('?') { '&' } else { '?' };
    format!("{url}{sep}tls={tls}")
}

/// "SMTP: host:port", without user or password.
fn smtp_label(url: &str) -> String {
    let rest = url.split("://").nth(1).unwrap_or(url);
    let host = rest.rsplit('@').next().unwrap_or(rest);
    let host = host.split(['/', '?']).next().unwrap_or(host);
    format!("SMTP: {host}")
}

/// `List-Unsubscribe: <https://…/abbestellen/TOKEN>` (RFC 2369).
#[derive(Clone)]
struct ListUnsubscribe(String);

impl Header for ListUnsubscribe {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("List-Unsubscribe")
    }

    fn parse(s: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(Self(s.to_owned()))
    }

    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), self.0.clone())
    }
}

/// `List-Unsubscribe-Post: List-Unsubscribe=One-Click` (RFC 8058).
#[derive(Clone)]
struct ListUnsubscribePost;

impl Header for ListUnsubscribePost {
    fn name() -> HeaderName {
        HeaderName::new_from_ascii_str("List-Unsubscribe-Post")
    }

    fn parse(_: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(Self)
    }

    fn display(&self) -> HeaderValue {
        HeaderValue::new(Self::name(), "List-Unsubscribe=One-Click".to_owned())
    }
}

/// Everything the sender needs.
#[derive(Clone)]
pub struct Sender {
    /// Where mail goes.
    pub transport: Transport,
    /// The `From` address.
    pub from: Mailbox,
    /// Rendering and signing.
    pub outbox: OutboxContext,
    /// First retry delay (doubled per try).
    pub retry_base: Duration,
    /// How long a claimed mail stays with this sender.
    pub lease: Duration,
    /// How often the sender looks for work when not woken.
    pub poll: std::time::Duration,
    /// Mails sent at once.
    pub concurrency: usize,
}

impl Sender {
    /// A sender from the parts.
    pub fn new(
        transport: Transport,
        from: &str,
        frame: MailFrame,
        key: SigningKey,
    ) -> Result<Self, String> {
        let from: Mailbox = from
            .parse()
            .map_err(|e| format!("MITSPRACHE_MAIL_FROM ist keine gültige Absenderadresse: {e}"))?;
        Ok(Self {
            transport,
            from,
            outbox: OutboxContext { frame, key },
            retry_base: Duration::seconds(30),
            lease: Duration::seconds(120),
            poll: std::time::Duration::from_millis(1000),
            concurrency: 8,
        })
    }

    /// The message of an outbox row: plain text and HTML, safe headers, and for notifications
    /// the RFC 8058 one-click unsubscribe headers.
    pub fn message(&self, row: &mail::Model) -> Result<Message, String> {
        let address = row
            .to_address
            .parse()
            .map_err(|e| format!("ungültige Empfängeradresse: {e}"))?;
        let to = Mailbox::new(Some(header_safe(&row.to_name, 100)), address);
        let mut builder = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(header_safe(&row.subject, 200));
        if let Some(token) = &row.unsubscribe_token {
            builder = builder
                .header(ListUnsubscribe(format!(
                    "<{}/abbestellen/{token}>",
                    self.outbox.frame.public_url
                )))
                .header(ListUnsubscribePost);
        }
        builder
            .multipart(MultiPart::alternative_plain_html(
                row.body_text.clone(),
                row.body_html.clone(),
            ))
            .map_err(|e| format!("E-Mail kann nicht gebaut werden: {e}"))
    }

    /// Delivers one mail; the file name for the file transport.
    async fn deliver(&self, row: &mail::Model) -> Result<Option<String>, String> {
        let message = self.message(row)?;
        match &self.transport {
            Transport::Smtp(smtp, _) => smtp
                .send(message)
                .await
                .map(|_| None)
                .map_err(|e| e.to_string()),
            Transport::Files(files, _) => files
                .send(message)
                .await
                .map(|id| Some(format!("{id}.eml")))
                .map_err(|e| e.to_string()),
        }
    }

    /// One round of work: reminders, expansion, digests, then sending until nothing is due
    /// (at most `max_mails`). Returns the mails sent.
    pub async fn work(
        &self,
        db: &DatabaseConnection,
        with_reminders: bool,
        max_mails: usize,
    ) -> Result<usize, app::error::AppError> {
        let now = Utc::now();
        if with_reminders {
            outbox::schedule_reminders(db, now).await?;
        }
        outbox::expand_due(db, &self.outbox, now, 5_000).await?;
        outbox::queue_digests(db, &self.outbox, now).await?;
        let mut sent = 0;
        while sent < max_mails {
            let batch = outbox::claim_mails(db, Utc::now(), self.lease, 50).await?;
            if batch.is_empty() {
                break;
            }
            let me = Arc::new(self.clone());
            let limit = Arc::new(tokio::sync::Semaphore::new(self.concurrency.max(1)));
            let mut tasks = tokio::task::JoinSet::new();
            for row in batch {
                let (me, db, limit) = (me.clone(), db.clone(), limit.clone());
                tasks.spawn(async move {
                    let _permit = limit.acquire_owned().await;
                    me.send_one(&db, row).await
                });
            }
            while let Some(done) = tasks.join_next().await {
                if matches!(done, Ok(Ok(true))) {
                    sent += 1;
                }
            }
        }
        Ok(sent)
    }

    /// Sends one claimed mail and records the outcome; `true` when sent.
    async fn send_one(
        &self,
        db: &DatabaseConnection,
        row: mail::Model,
    ) -> Result<bool, app::error::AppError> {
        match self.deliver(&row).await {
            Ok(file) => {
                outbox::mark_sent(db, row.id, Utc::now(), file).await?;
                Ok(true)
            }
            Err(err) => {
                let status =
                    outbox::mark_failed_try(db, &row, &err, Utc::now(), self.retry_base).await?;
                if status == MailStatus::Failed {
                    tracing::error!(mail = row.id, attempts = row.attempts, error = %err, "mail failed for good");
                } else {
                    tracing::warn!(mail = row.id, attempts = row.attempts, error = %err, "mail not sent; will retry");
                }
                Ok(false)
            }
        }
    }

    /// Runs the sender until the process ends: works, then waits for a wake-up or the poll
    /// interval. Errors (a database that is away) are logged and retried.
    pub fn spawn(self, db: DatabaseConnection) -> tokio::task::JoinHandle<()> {
        tokio::spawn(async move {
            let mut last_reminders =
                std::time::Instant::now() - std::time::Duration::from_secs(3600);
            loop {
                let reminders = last_reminders.elapsed() >= std::time::Duration::from_secs(60);
                if reminders {
                    last_reminders = std::time::Instant::now();
                }
                match self.work(&db, reminders, 1_000).await {
                    Ok(sent) if sent > 0 => {
                        tracing::debug!(sent, "mails sent");
                        continue;
                    }
                    Ok(_) => {}
                    Err(err) => tracing::warn!(?err, "mail sender round failed"),
                }
                tokio::select! {
                    _ = WAKE_SENDER.notified() => {
                        // Let the transaction that woke us commit.
                        tokio::time::sleep(std::time::Duration::from_millis(30)).await;
                    }
                    _ = tokio::time::sleep(self.poll) => {}
                }
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_smtp_to_a_remote_server_requires_starttls_and_loopback_may_go_without() {
        assert_eq!(
            effective_smtp_url("smtp://u:p@mail.example.de:587"),
            "smtp://u:p@mail.example.de:587?tls=required"
        );
        assert_eq!(
            effective_smtp_url("smtp://127.0.0.1:2525"),
            "smtp://127.0.0.1:2525?tls=opportunistic"
        );
        assert_eq!(
            effective_smtp_url("smtps://u:p@mail.example.de"),
            "smtps://u:p@mail.example.de"
        );
        assert_eq!(
            effective_smtp_url("smtp://relay.intern:25?tls=none"),
            "smtp://relay.intern:25"
        );
        assert_eq!(
            effective_smtp_url("smtp://mail.example.de:25?tls=opportunistic"),
            "smtp://mail.example.de:25?tls=opportunistic"
        );
    }

    #[test]
    fn the_transport_label_never_shows_the_password() {
        assert_eq!(
            smtp_label("smtp://user:geheim@mail.example.de:587"),
            "SMTP: mail.example.de:587"
        );
    }

    #[test]
    fn a_mail_has_one_click_unsubscribe_headers_and_no_injected_header() {
        let sender = Sender::new(
            Transport::from_settings(None, &std::env::temp_dir().join("mitsprache-mail-unit"))
                .unwrap(),
            "Mitsprache <mitsprache@example.org>",
            MailFrame {
                organisation: "Org".into(),
                public_url: "https://m.example.de".into(),
            },
            SigningKey::new(b"k".to_vec()),
        )
        .unwrap();
        let row = mail::Model {
            id: 1,
            kind: app::domain::notification::MailKind::Notification,
            user_id: Some(1),
            to_address: "petra@example.org".into(),
            to_name: "Petra\r\nBcc: boese@example.org".into(),
            subject: "Hallo\r\nBcc: boese@example.org".into(),
            body_text: "Text".into(),
            body_html: "<p>Text</p>".into(),
            unsubscribe_token: Some("1.rounds.abc".into()),
            confidential: false,
            status: MailStatus::Pending,
            attempts: 0,
            next_attempt_at: Utc::now(),
            claimed_until: None,
            last_error: None,
            file_name: None,
            created_at: Utc::now(),
            sent_at: None,
        };
        let raw = String::from_utf8(sender.message(&row).unwrap().formatted()).unwrap();
        assert!(raw.contains("List-Unsubscribe: <https://m.example.de/abbestellen/1.rounds.abc>"));
        assert!(raw.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click"));
        assert!(
            !raw.lines()
                .any(|l| l.to_ascii_lowercase().starts_with("bcc:")),
            "{raw}"
        );
    }
}
