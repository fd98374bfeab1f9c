//! Crash safety (issue #6), run against the real server binary over real HTTP.
//!
//! - SQLite: comments are posted from several tasks, the server is killed with SIGKILL at a
//!   random moment, restarted on the same file, and every comment that got a success answer
//!   must be there (10 iterations; the seed is printed and can be set with
//!   `MITSPRACHE_CRASH_SEED`).
//! - PostgreSQL (when `MITSPRACHE_TEST_PG_URL` is set, i.e. PostgreSQL is installed and asked
//!   for): a private throw-away cluster is started, the server runs on it under load, the
//!   database is stopped (`pg_ctl stop -m immediate`) and started again; the app must answer
//!   cleanly while it is gone, recover by itself and answer within 5 s of its return. The
//!   private cluster keeps the shared test cluster of the other tests untouched.
//!
//! The binary is the debug build Cargo made for this test (what scripts/test.sh runs: one
//! shared debug build, no separate release build), or `MITSPRACHE_CRASH_SERVER_BIN` if set
//! (e.g. a release build).

#[path = "support/smtp_sink.rs"]
mod smtp_sink;

use app::entities::comment;
use sea_orm::{
    ColumnTrait, ConnectionTrait, Database, DatabaseConnection, EntityTrait, QueryFilter, Statement,
};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// The demo staff account (see `server/src/demo`).
const STAFF: (&str, &str) = ("mitarbeit@demo.mitsprache.de", "Demo-Mitarbeit-2026");
/// How many tasks post comments at the same time.
const POSTERS: usize = 4;
/// Iterations of the SQLite kill-and-restart cycle.
const SQLITE_ITERATIONS: u64 = 10;
/// Words that must never reach a client: signs of a stack trace or of raw driver errors.
const LEAKS: &[&str] = &[
    "panicked",
    "backtrace",
    "RUST_BACKTRACE",
    "src/",
    "sqlx",
    "DbErr",
    "Connection refused",
    "error returned from database",
    "PoolTimedOut",
];

// ---- small helpers ----------------------------------------------------------------------------

/// A seeded pseudo-random generator (SplitMix64): enough for picking delays, and reproducible.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `low..=high`.
    fn between(&mut self, low: u64, high: u64) -> u64 {
        low + self.next() % (high - low + 1)
    }
}

fn seed() -> u64 {
    std::env::var("MITSPRACHE_CRASH_SEED")
        .ok()
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_nanos() as u64)
                .unwrap_or(42)
        })
}

fn server_binary() -> PathBuf {
    match std::env::var("MITSPRACHE_CRASH_SERVER_BIN") {
        Ok(path) if !path.trim().is_empty() => {
            let path = PathBuf::from(path);
            assert!(
                path.is_file(),
                "MITSPRACHE_CRASH_SERVER_BIN={} is not a file",
                path.display()
            );
            path
        }
        _ => PathBuf::from(env!("CARGO_BIN_EXE_server")),
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port()
}

/// A temporary folder, removed at drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new(kind: &str) -> Self {
        let dir = std::env::temp_dir().join(format!(
            "mitsprache-crash-{kind}-{}-{}",
            std::process::id(),
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_nanos())
                .unwrap_or(0)
        ));
        std::fs::create_dir_all(&dir).expect("temp dir");
        Self(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

// ---- the server process -----------------------------------------------------------------------

/// The server binary running as a child process; killed with SIGKILL at drop.
struct Server {
    child: Child,
    port: u16,
    log: PathBuf,
}

impl Server {
    /// Starts `server serve` on a free port and waits until it answers HTTP.
    async fn start(database_url: &str, dir: &Path) -> Self {
        Self::start_with(database_url, dir, &[]).await
    }

    /// As [`Server::start`], with more environment variables (mail goes to `dir/mail` unless
    /// they say otherwise).
    async fn start_with(database_url: &str, dir: &Path, env: &[(&str, String)]) -> Self {
        let port = free_port();
        let log = dir.join("server.log");
        let out = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&log)
            .expect("log file");
        let child = Command::new(server_binary())
            .arg("serve")
            .env("DATABASE_URL", database_url)
            .env("MITSPRACHE_ADDR", format!("127.0.0.1:{port}"))
            .env("MITSPRACHE_DEMO", "1")
            .env("LEPTOS_SITE_ROOT", dir)
            .env("RUST_LOG", "warn")
            // Many comments from few accounts within seconds: durability is under test here, not
            // the per-account posting limit (server/tests/api/hardening.rs tests that).
            .env("MITSPRACHE_POSTING_LIMIT", "0")
            .env("MITSPRACHE_MAIL_DIR", dir.join("mail"))
            .envs(env.iter().map(|(k, v)| (*k, v.as_str())))
            .stdin(Stdio::null())
            .stdout(out.try_clone().expect("log file"))
            .stderr(out)
            .spawn()
            .expect("start the server binary");
        let mut server = Self { child, port, log };
        server.wait_ready().await;
        server
    }

    async fn wait_ready(&mut self) {
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            if let Some(status) = self.child.try_wait().expect("child status") {
                panic!(
                    "the server exited ({status}) at start:\n{}",
                    self.log_text()
                );
            }
            if let Ok(reply) = call(self.port, None, "current_user", &[]).await {
                if reply.status == 200 {
                    return;
                }
            }
            assert!(
                Instant::now() < deadline,
                "the server did not answer within 60 s:\n{}",
                self.log_text()
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Whether the process is still running.
    fn is_running(&mut self) -> bool {
        self.child.try_wait().expect("child status").is_none()
    }

    /// SIGKILL (what `Child::kill` sends on Unix), then reap the process.
    fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    fn log_text(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.kill();
    }
}

// ---- a minimal HTTP/1.1 client ----------------------------------------------------------------

/// A complete HTTP answer.
#[derive(Debug)]
struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl Reply {
    fn header<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.headers
            .iter()
            .filter(move |(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {} {}", self.status, self.body))
    }

    /// The session cookie (`name=value`) the server set, if any.
    fn session_cookie(&self) -> Option<String> {
        self.header("set-cookie")
            .map(|v| v.split(';').next().unwrap_or_default().trim().to_owned())
            .find(|pair| pair.starts_with("mitsprache_session=") && pair.len() > 19)
    }
}

fn form_encode(fields: &[(&str, &str)]) -> String {
    let encode = |s: &str| -> String {
        s.bytes()
            .map(|b| match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                    (b as char).to_string()
                }
                b' ' => "+".to_owned(),
                _ => format!("%{b:02X}"),
            })
            .collect()
    };
    fields
        .iter()
        .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
        .collect::<Vec<_>>()
        .join("&")
}

/// Calls a server function as the app's own fetch does (one connection per request). An error
/// means no complete answer arrived (refused, reset, cut off, or no answer within 20 s).
async fn call(
    port: u16,
    cookie: Option<&str>,
    function: &str,
    fields: &[(&str, &str)],
) -> std::io::Result<Reply> {
    match tokio::time::timeout(
        Duration::from_secs(20),
        call_inner(port, cookie, function, fields),
    )
    .await
    {
        Ok(result) => result,
        Err(_) => Err(std::io::Error::new(
            std::io::ErrorKind::TimedOut,
            "no answer within 20 s",
        )),
    }
}

async fn call_inner(
    port: u16,
    cookie: Option<&str>,
    function: &str,
    fields: &[(&str, &str)],
) -> std::io::Result<Reply> {
    let body = form_encode(fields);
    let mut head = format!(
        "POST /api/{function} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\
         Origin: http://127.0.0.1:{port}\r\nSec-Fetch-Site: same-origin\r\n\
         Accept: application/json\r\nContent-Type: application/x-www-form-urlencoded\r\n\
         Content-Length: {}\r\nConnection: close\r\n",
        body.len()
    );
    if let Some(cookie) = cookie {
        head.push_str(&format!("Cookie: {cookie}\r\n"));
    }
    head.push_str("\r\n");
    let mut stream = tokio::net::TcpStream::connect(("127.0.0.1", port)).await?;
    stream.write_all(head.as_bytes()).await?;
    stream.write_all(body.as_bytes()).await?;
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).await?;
    parse_reply(&raw)
        .ok_or_else(|| std::io::Error::new(std::io::ErrorKind::UnexpectedEof, "incomplete answer"))
}

/// Parses a complete HTTP/1.1 answer; `None` if it was cut off.
fn parse_reply(raw: &[u8]) -> Option<Reply> {
    let split = raw.windows(4).position(|w| w == b"\r\n\r\n")?;
    let head = std::str::from_utf8(&raw[..split]).ok()?;
    let rest = &raw[split + 4..];
    let mut lines = head.split("\r\n");
    let status = lines.next()?.split(' ').nth(1)?.parse().ok()?;
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_owned(), v.trim().to_owned()))
        .collect();
    let find = |name: &str| {
        headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    };
    let body = if find("transfer-encoding").is_some_and(|v| v.contains("chunked")) {
        let mut out = Vec::new();
        let mut rest = rest;
        loop {
            let line_end = rest.windows(2).position(|w| w == b"\r\n")?;
            let size_text = std::str::from_utf8(&rest[..line_end]).ok()?;
            let size = usize::from_str_radix(size_text.split(';').next()?.trim(), 16).ok()?;
            rest = &rest[line_end + 2..];
            if size == 0 {
                break;
            }
            out.extend_from_slice(rest.get(..size)?);
            rest = rest.get(size + 2..)?;
        }
        out
    } else if let Some(length) = find("content-length") {
        let length: usize = length.parse().ok()?;
        rest.get(..length)?.to_vec()
    } else {
        rest.to_vec()
    };
    Some(Reply {
        status,
        headers,
        body: String::from_utf8_lossy(&body).into_owned(),
    })
}

/// Logs in as the demo staff member and returns the session cookie.
async fn login_staff(port: u16) -> String {
    let reply = call(
        port,
        None,
        "login",
        &[("email", STAFF.0), ("password", STAFF.1)],
    )
    .await
    .expect("login answered");
    assert_eq!(reply.status, 200, "login failed: {}", reply.body);
    reply.session_cookie().expect("a session cookie")
}

/// Where comments go: the demo's open round ("Datenschutz im Alltag").
#[derive(Debug, Clone)]
struct Target {
    round_id: String,
    version_id: String,
    blocks: Vec<String>,
}

async fn open_round(port: u16, cookie: &str) -> Target {
    let reply = call(port, Some(cookie), "my_open_rounds", &[])
        .await
        .expect("my_open_rounds answered");
    assert_eq!(reply.status, 200, "{}", reply.body);
    let rounds = reply.json();
    let first = rounds
        .as_array()
        .and_then(|r| r.first())
        .unwrap_or_else(|| panic!("the demo data has an open round: {rounds}"));
    let process_id = first["process_id"]
        .as_i64()
        .expect("process id")
        .to_string();
    let round_id = first["round_id"].as_i64().expect("round id").to_string();
    let reply = call(
        port,
        Some(cookie),
        "get_round",
        &[("process_id", &process_id), ("round_id", &round_id)],
    )
    .await
    .expect("get_round answered");
    assert_eq!(reply.status, 200, "{}", reply.body);
    let view = reply.json();
    assert_eq!(view["can_comment"], true, "staff may comment: {view}");
    let blocks: Vec<String> = view["blocks"]
        .as_array()
        .expect("blocks")
        .iter()
        .filter_map(|b| b["id"].as_str().map(str::to_owned))
        .collect();
    assert!(!blocks.is_empty(), "the round has paragraphs");
    Target {
        round_id,
        version_id: view["version_id"].as_i64().expect("version id").to_string(),
        blocks,
    }
}

async fn post(
    port: u16,
    cookie: &str,
    target: &Target,
    block: usize,
    text: &str,
) -> std::io::Result<Reply> {
    call(
        port,
        Some(cookie),
        "post_comment",
        &[
            ("round_id", &target.round_id),
            ("version_id", &target.version_id),
            ("block_id", &target.blocks[block % target.blocks.len()]),
            ("body", text),
        ],
    )
    .await
}

/// What the posting tasks saw.
#[derive(Default)]
struct Outcome {
    /// Comment id → text, for every post answered with 200.
    acked: BTreeMap<i64, String>,
    /// Answers other than 200 (status, body).
    refused: Vec<(u16, String)>,
    /// Requests without a complete answer.
    no_answer: usize,
}

/// Starts `POSTERS` tasks posting unique comments until `stop` is set.
fn start_posting(
    port: u16,
    cookie: &str,
    target: &Target,
    tag: &str,
    stop: &Arc<AtomicBool>,
    outcome: &Arc<Mutex<Outcome>>,
) -> Vec<tokio::task::JoinHandle<()>> {
    (0..POSTERS)
        .map(|task| {
            let (cookie, target, tag) = (cookie.to_owned(), target.clone(), tag.to_owned());
            let (stop, outcome) = (stop.clone(), outcome.clone());
            tokio::spawn(async move {
                let mut n = 0usize;
                while !stop.load(Ordering::SeqCst) {
                    n += 1;
                    let text = format!(
                        "Absturztest {tag} Aufgabe {task} Nr. {n}: Bitte diesen Absatz prüfen."
                    );
                    match post(port, &cookie, &target, task * 7 + n, &text).await {
                        Ok(reply) if reply.status == 200 => {
                            let id = reply.json().as_i64().expect("comment id");
                            outcome.lock().unwrap().acked.insert(id, text);
                        }
                        Ok(reply) => {
                            outcome
                                .lock()
                                .unwrap()
                                .refused
                                .push((reply.status, reply.body));
                            tokio::time::sleep(Duration::from_millis(50)).await;
                        }
                        Err(_) => {
                            outcome.lock().unwrap().no_answer += 1;
                            tokio::time::sleep(Duration::from_millis(20)).await;
                        }
                    }
                }
            })
        })
        .collect()
}

/// Asserts that every acknowledged comment is stored with its text.
async fn assert_all_stored(db: &DatabaseConnection, acked: &BTreeMap<i64, String>, context: &str) {
    let ids: Vec<i64> = acked.keys().copied().collect();
    let mut stored = BTreeMap::new();
    for chunk in ids.chunks(500) {
        for row in comment::Entity::find()
            .filter(comment::Column::Id.is_in(chunk.iter().copied()))
            .all(db)
            .await
            .expect("read comments")
        {
            stored.insert(row.id, row.body);
        }
    }
    let missing: BTreeSet<i64> = ids
        .iter()
        .copied()
        .filter(|id| !stored.contains_key(id))
        .collect();
    assert!(
        missing.is_empty(),
        "{context}: {} of {} acknowledged comments are lost: {missing:?}",
        missing.len(),
        ids.len()
    );
    for (id, text) in acked {
        assert_eq!(
            stored[id].trim(),
            text.trim(),
            "{context}: comment {id} changed"
        );
    }
}

/// Asserts that the audit log's hash chain is intact.
async fn assert_audit_intact(db: &DatabaseConnection, context: &str) {
    let report = app::audit::ssr::verify(db).await.expect("verify audit log");
    assert!(
        report.broken.is_none(),
        "{context}: the audit chain is broken: {:?}",
        report.broken.map(|b| b.message)
    );
}

/// A refusal while the database is away must be a clean error in German, never a stack trace
/// or a raw driver message.
fn assert_clean_failure(status: u16, body: &str) {
    for leak in LEAKS {
        assert!(
            !body.contains(leak),
            "the answer leaks internals ({leak}): {status} {body}"
        );
    }
    assert!(
        status >= 500,
        "a database outage is a server-side fault, not {status}: {body}"
    );
    if !body.is_empty() {
        let value: serde_json::Value = serde_json::from_str(body)
            .unwrap_or_else(|e| panic!("not the JSON error shape ({e}): {status} {body}"));
        let message = value["message"].as_str().unwrap_or_default();
        assert!(
            message.contains("Fehler") || message.contains("später"),
            "no German message: {status} {body}"
        );
    }
}

// ---- SQLite: SIGKILL at a random moment -------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn every_acknowledged_comment_survives_a_sigkill_of_the_server_on_sqlite() {
    let seed = seed();
    println!(
        "crash test seed {seed} (repeat with MITSPRACHE_CRASH_SEED={seed}), binary {}",
        server_binary().display()
    );
    let mut rng = Rng(seed);
    let started = Instant::now();
    let mut total_acked = 0;
    for iteration in 1..=SQLITE_ITERATIONS {
        let dir = TempDir::new("sqlite");
        let url = format!("sqlite://{}/crash.db?mode=rwc", dir.0.display());
        let mut server = Server::start(&url, &dir.0).await;
        let cookie = login_staff(server.port).await;
        let target = open_round(server.port, &cookie).await;

        let stop = Arc::new(AtomicBool::new(false));
        let outcome = Arc::new(Mutex::new(Outcome::default()));
        let tasks = start_posting(
            server.port,
            &cookie,
            &target,
            &format!("{seed}-{iteration}"),
            &stop,
            &outcome,
        );
        // Kill at a random moment once the first comment is through.
        let wait_first = Instant::now();
        while outcome.lock().unwrap().acked.is_empty() {
            assert!(
                wait_first.elapsed() < Duration::from_secs(30),
                "no comment was accepted: {:?}\n{}",
                outcome.lock().unwrap().refused,
                server.log_text()
            );
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
        let delay = rng.between(0, 1200);
        tokio::time::sleep(Duration::from_millis(delay)).await;
        server.kill();
        stop.store(true, Ordering::SeqCst);
        for task in tasks {
            task.await.expect("posting task");
        }
        let outcome = std::mem::take(&mut *outcome.lock().unwrap());
        assert!(
            outcome.refused.is_empty(),
            "iteration {iteration}: posts were refused before the kill: {:?}",
            outcome.refused
        );

        // Restart on the same file; the old session must still work.
        let server = Server::start(&url, &dir.0).await;
        let reply = post(
            server.port,
            &cookie,
            &target,
            0,
            &format!("Nach dem Neustart {seed}-{iteration}"),
        )
        .await
        .expect("post after restart answered");
        assert_eq!(reply.status, 200, "post after restart: {}", reply.body);

        let db = Database::connect(&url).await.expect("open the SQLite file");
        let context = format!("seed {seed}, iteration {iteration}, kill after {delay} ms");
        assert_all_stored(&db, &outcome.acked, &context).await;
        let check = db
            .query_one(Statement::from_string(
                db.get_database_backend(),
                "PRAGMA integrity_check",
            ))
            .await
            .expect("integrity check")
            .expect("a result row");
        let verdict: String = check.try_get_by_index(0).expect("text");
        assert_eq!(verdict, "ok", "{context}: SQLite integrity check");
        assert_audit_intact(&db, &context).await;
        db.close().await.expect("close");
        drop(server);

        println!(
            "iteration {iteration}: killed {delay} ms after the first answer; {} acknowledged, {} without answer; all stored",
            outcome.acked.len(),
            outcome.no_answer
        );
        total_acked += outcome.acked.len();
    }
    println!(
        "{SQLITE_ITERATIONS} iterations, {total_acked} acknowledged comments, {:.1} s",
        started.elapsed().as_secs_f64()
    );
}

// ---- PostgreSQL: the database restarts under load ---------------------------------------------

/// A private PostgreSQL cluster in a temporary folder (as the `postgres` user when run as root,
/// like scripts/pg-cluster.sh); stopped and removed at drop.
struct PgCluster {
    bin: PathBuf,
    dir: TempDir,
    port: u16,
    as_postgres: bool,
}

impl PgCluster {
    fn start() -> Self {
        let bin = std::fs::read_dir("/usr/lib/postgresql")
            .expect("PostgreSQL is installed under /usr/lib/postgresql")
            .filter_map(|e| e.ok())
            .filter_map(|e| {
                let version: u32 = e.file_name().to_str()?.parse().ok()?;
                Some((version, e.path().join("bin")))
            })
            .max()
            .map(|(_, bin)| bin)
            .expect("a PostgreSQL version");
        let dir = TempDir::new("pg");
        let as_postgres = Command::new("id")
            .arg("-u")
            .output()
            .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
            .unwrap_or(false);
        if as_postgres {
            let status = Command::new("chown")
                .args(["postgres:postgres", dir.0.to_str().expect("path")])
                .status()
                .expect("chown");
            assert!(status.success(), "chown of the cluster folder");
        }
        let cluster = Self {
            bin,
            dir,
            port: free_port(),
            as_postgres,
        };
        let data = cluster.dir.0.join("data");
        cluster.run(
            "initdb",
            &[
                "-D",
                data.to_str().expect("path"),
                "-U",
                "postgres",
                "--auth=trust",
                "--encoding=UTF8",
                "--locale=C.UTF-8",
            ],
        );
        cluster.pg_start();
        cluster
    }

    fn run(&self, tool: &str, args: &[&str]) {
        let program = self.bin.join(tool);
        let mut command = if self.as_postgres {
            let mut c = Command::new("runuser");
            c.args(["-u", "postgres", "--"]).arg(&program);
            c
        } else {
            Command::new(&program)
        };
        let output = command.args(args).output().expect("run a PostgreSQL tool");
        assert!(
            output.status.success(),
            "{tool} {args:?} failed: {}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
    }

    /// Starts the database and waits until it accepts connections. Durable commits
    /// (`synchronous_commit` stays on), so an immediate stop must not lose acknowledged rows.
    fn pg_start(&self) {
        let options = format!(
            "-p {} -k {} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off",
            self.port,
            self.dir.0.display()
        );
        let data = self.dir.0.join("data");
        let log = self.dir.0.join("server.log");
        self.run(
            "pg_ctl",
            &[
                "-D",
                data.to_str().expect("path"),
                "-l",
                log.to_str().expect("path"),
                "-w",
                "-o",
                &options,
                "start",
            ],
        );
    }

    /// Stops the database like a crash would: no checkpoint, connections cut.
    fn pg_stop_immediate(&self) {
        let data = self.dir.0.join("data");
        self.run(
            "pg_ctl",
            &[
                "-D",
                data.to_str().expect("path"),
                "-m",
                "immediate",
                "-w",
                "stop",
            ],
        );
    }

    fn url(&self) -> String {
        format!("postgres://postgres@127.0.0.1:{}/postgres", self.port)
    }
}

impl Drop for PgCluster {
    fn drop(&mut self) {
        let data = self.dir.0.join("data");
        let program = self.bin.join("pg_ctl");
        let mut command = if self.as_postgres {
            let mut c = Command::new("runuser");
            c.args(["-u", "postgres", "--"]).arg(&program);
            c
        } else {
            Command::new(&program)
        };
        let _ = command
            .args([
                "-D",
                data.to_str().unwrap_or_default(),
                "-m",
                "immediate",
                "stop",
            ])
            .output();
    }
}

/// Whether PostgreSQL tests should run: like `helpers::postgres_url` of the API tests, a
/// missing `MITSPRACHE_TEST_PG_URL` skips, unless `MITSPRACHE_REQUIRE_PG` asks for them.
fn postgres_wanted() -> bool {
    match std::env::var("MITSPRACHE_TEST_PG_URL") {
        Ok(url) if !url.is_empty() => true,
        _ => {
            assert!(
                std::env::var("MITSPRACHE_REQUIRE_PG").is_err(),
                "MITSPRACHE_TEST_PG_URL is not set but PostgreSQL tests are required (run scripts/test.sh)"
            );
            eprintln!("note: PostgreSQL crash test skipped (MITSPRACHE_TEST_PG_URL not set)");
            false
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_app_recovers_by_itself_within_five_seconds_when_postgresql_restarts_under_load() {
    if !postgres_wanted() {
        return;
    }
    let cluster = PgCluster::start();
    let dir = TempDir::new("pg-app");
    let mut server = Server::start(&cluster.url(), &dir.0).await;
    let cookie = login_staff(server.port).await;
    let target = open_round(server.port, &cookie).await;

    let stop = Arc::new(AtomicBool::new(false));
    let outcome = Arc::new(Mutex::new(Outcome::default()));
    let tasks = start_posting(server.port, &cookie, &target, "pg", &stop, &outcome);
    let wait_first = Instant::now();
    while outcome.lock().unwrap().acked.is_empty() {
        assert!(
            wait_first.elapsed() < Duration::from_secs(30),
            "no comment was accepted before the outage: {:?}\n{}",
            outcome.lock().unwrap().refused,
            server.log_text()
        );
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    tokio::time::sleep(Duration::from_millis(500)).await;

    // The database goes away under load; the app keeps answering, with clean errors.
    cluster.pg_stop_immediate();
    let down_at = Instant::now();
    tokio::time::sleep(Duration::from_secs(3)).await;
    // A request of its own while the database is away.
    let during = call(server.port, Some(&cookie), "my_open_rounds", &[])
        .await
        .expect("the app answers while the database is away");
    println!(
        "while the database was away: {} after {:.1} s: {}",
        during.status,
        down_at.elapsed().as_secs_f64(),
        during.body
    );
    assert_clean_failure(during.status, &during.body);
    assert!(
        server.is_running(),
        "the app survived the outage:\n{}",
        server.log_text()
    );

    // The database comes back; the app must answer within 5 s, without a restart.
    cluster.pg_start();
    let back_at = Instant::now();
    let mut attempt = 0;
    let recovered_after = loop {
        attempt += 1;
        let reply = post(
            server.port,
            &cookie,
            &target,
            attempt,
            &format!("Nach der Rückkehr der Datenbank Nr. {attempt}"),
        )
        .await;
        if matches!(&reply, Ok(r) if r.status == 200) {
            break back_at.elapsed();
        }
        assert!(
            back_at.elapsed() < Duration::from_secs(5),
            "the app did not recover within 5 s of the database's return; last answer: {reply:?}\n{}",
            server.log_text()
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    assert!(
        recovered_after < Duration::from_secs(5),
        "recovered only after {recovered_after:?}"
    );
    println!(
        "database away {:.1} s; app answered {:.2} s after its return (attempt {attempt})",
        (back_at - down_at).as_secs_f64(),
        recovered_after.as_secs_f64()
    );

    // Let the load run on the recovered app for a moment, then stop it.
    tokio::time::sleep(Duration::from_millis(500)).await;
    stop.store(true, Ordering::SeqCst);
    for task in tasks {
        task.await.expect("posting task");
    }
    assert!(
        server.is_running(),
        "the app was not restarted and still runs"
    );
    let outcome = std::mem::take(&mut *outcome.lock().unwrap());
    assert!(
        !outcome.refused.is_empty(),
        "the outage was noticed by the posting tasks"
    );
    for (status, body) in &outcome.refused {
        assert_clean_failure(*status, body);
    }
    assert_eq!(outcome.no_answer, 0, "every request got an answer");
    println!(
        "{} acknowledged, {} refused cleanly during the outage",
        outcome.acked.len(),
        outcome.refused.len()
    );

    let db = Database::connect(&cluster.url()).await.expect("connect");
    assert_all_stored(&db, &outcome.acked, "PostgreSQL restart").await;
    assert_audit_intact(&db, "PostgreSQL restart").await;
    db.close().await.expect("close");
    drop(server);
}

// ---- mail: SIGKILL with 1,000 mails in the outbox --------------------------------------------

/// Mails queued before the kill.
const PENDING_MAILS: usize = 1_000;

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn every_pending_mail_arrives_after_a_sigkill_with_duplicates_only_for_mails_in_flight() {
    use app::domain::notification::MailStatus;
    use app::entities::mail;
    use sea_orm::PaginatorTrait;

    let sink = smtp_sink::SmtpSink::start();
    let dir = TempDir::new("mail");
    let url = format!("sqlite://{}/crash.db?mode=rwc", dir.0.display());
    // The outbox as a burst of notifications leaves it: 1,000 rendered mails, due now.
    {
        let db = server::db::connect_and_migrate(&url)
            .await
            .expect("migrate");
        let rows: Vec<mail::ActiveModel> = (0..PENDING_MAILS)
            .map(|i| smtp_sink::queued_mail(i, &format!("Absturztest {i:04}")))
            .collect();
        for chunk in rows.chunks(200) {
            mail::Entity::insert_many(chunk.to_vec())
                .exec_without_returning(&db)
                .await
                .expect("queue mails");
        }
        db.close().await.expect("close");
    }
    let env = [
        ("MITSPRACHE_SMTP_URL", sink.url()),
        ("MITSPRACHE_MAIL_LEASE_SECONDS", "2".to_owned()),
        ("MITSPRACHE_MAIL_POLL_MS", "100".to_owned()),
    ];
    let arrived = |sink: &smtp_sink::SmtpSink| -> Vec<String> {
        sink.messages()
            .iter()
            .filter_map(|m| m["subject"].as_str().map(str::to_owned))
            .filter(|s| s.starts_with("Absturztest"))
            .collect()
    };
    let mut server = Server::start_with(&url, &dir.0, &env).await;
    // Kill while sending: once some mails arrived, before all did.
    let wait = Instant::now();
    loop {
        let n = arrived(&sink).len();
        if n >= 100 {
            break;
        }
        assert!(
            wait.elapsed() < Duration::from_secs(60),
            "only {n} mails arrived in 60 s:\n{}",
            server.log_text()
        );
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    server.kill();
    let at_kill = arrived(&sink).len();
    println!("killed after {at_kill} of {PENDING_MAILS} mails had arrived");
    assert!(
        at_kill < PENDING_MAILS,
        "the kill came too late to test anything"
    );

    let _server = Server::start_with(&url, &dir.0, &env).await;
    let db = server::db::connect_and_migrate(&url).await.expect("reopen");
    let wait = Instant::now();
    loop {
        let open = mail::Entity::find()
            .filter(mail::Column::Status.ne(MailStatus::Sent))
            .filter(mail::Column::Subject.starts_with("Absturztest"))
            .count(&db)
            .await
            .expect("count");
        if open == 0 {
            break;
        }
        assert!(
            wait.elapsed() < Duration::from_secs(120),
            "{open} mails not sent 120 s after the restart"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let subjects = arrived(&sink);
    let unique: BTreeSet<&String> = subjects.iter().collect();
    assert_eq!(unique.len(), PENDING_MAILS, "every mail arrived");
    let duplicates = subjects.len() - unique.len();
    println!("{duplicates} duplicates (mails in flight at the kill)");
    // In flight at most: one claimed batch of 50.
    assert!(duplicates <= 50, "{duplicates} duplicates");
}
