//! The tests' SMTP server: aiosmtpd (PyPI) running `scripts/smtp-sink.py` on a loopback port,
//! storing every message it accepts as JSON. Shared by `tests/api` and `tests/crash.rs`.

#![allow(dead_code)]

use std::io::BufRead;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};

/// aiosmtpd on a loopback port, storing every message as JSON; stopped at drop.
pub struct SmtpSink {
    child: Child,
    pub port: u16,
    dir: PathBuf,
}

fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("workspace root")
        .to_path_buf()
}

pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port()
}

impl SmtpSink {
    /// Starts the server on a free port.
    pub fn start() -> Self {
        Self::start_on(free_port())
    }

    /// Starts the server on `port` and waits until it listens.
    pub fn start_on(port: u16) -> Self {
        let python = std::env::var("MITSPRACHE_SMTP_PYTHON")
            .map(PathBuf::from)
            .unwrap_or_else(|_| repo_root().join(".tools/smtp-venv/bin/python"));
        assert!(
            python.exists(),
            "{} is missing: run scripts/install-tools.sh --smtp (installs aiosmtpd from PyPI)",
            python.display()
        );
        let dir = std::env::temp_dir().join(format!(
            "mitsprache-smtp-{}-{port}-{}",
            std::process::id(),
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_nanos())
                .unwrap_or(0)
        ));
        let mut child = Command::new(python)
            .arg(repo_root().join("scripts/smtp-sink.py"))
            .args(["--port", &port.to_string(), "--dir"])
            .arg(&dir)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start the SMTP server");
        let mut line = String::new();
        std::io::BufReader::new(child.stdout.take().expect("stdout"))
            .read_line(&mut line)
            .expect("SMTP server output");
        assert_eq!(line.trim(), "ready", "the SMTP server did not start");
        Self { child, port, dir }
    }

    /// The SMTP URL of this server.
    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    /// Every message received so far, in order.
    pub fn messages(&self) -> Vec<serde_json::Value> {
        let mut names: Vec<PathBuf> = std::fs::read_dir(&self.dir)
            .map(|d| {
                d.filter_map(Result::ok)
                    .map(|e| e.path())
                    .filter(|p| p.extension().is_some_and(|e| e == "json"))
                    .collect()
            })
            .unwrap_or_default();
        names.sort();
        names
            .iter()
            .map(|p| {
                serde_json::from_str(&std::fs::read_to_string(p).expect("message file"))
                    .expect("message JSON")
            })
            .collect()
    }
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// A rendered mail, due now, as the outbox holds it (for tests that fill the outbox directly).
pub fn queued_mail(i: usize, subject: &str) -> app::entities::mail::ActiveModel {
    use app::domain::notification::{MailKind, MailStatus};
    use sea_orm::Set;
    let now = chrono::Utc::now();
    app::entities::mail::ActiveModel {
        kind: Set(MailKind::Notification),
        user_id: Set(None),
        to_address: Set(format!("person{i}@example.org")),
        to_name: Set(format!("Person {i}")),
        subject: Set(subject.to_owned()),
        body_text: Set(format!("Nachricht {i}")),
        body_html: Set(format!("<p>Nachricht {i}</p>")),
        unsubscribe_token: Set(None),
        confidential: Set(false),
        status: Set(MailStatus::Pending),
        attempts: Set(0),
        next_attempt_at: Set(now),
        claimed_until: Set(None),
        last_error: Set(None),
        file_name: Set(None),
        created_at: Set(now),
        sent_at: Set(None),
        ..Default::default()
    }
}
