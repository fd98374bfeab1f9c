//! The test harness: a fresh database per test, the real router, and a client with a cookie jar.

use axum::body::{to_bytes, Body};
use axum::extract::ConnectInfo;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use sea_orm::{ConnectionTrait, Database, DatabaseConnection, Statement};
use server::{build_app, config::Config, db};
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use tower::ServiceExt;

/// Which database a test runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// A SQLite file in a fresh temporary folder.
    Sqlite,
    /// A fresh database on the cluster named by `MITSPRACHE_TEST_PG_URL`.
    Postgres,
}

/// Generates one test per backend for a scenario `async fn name(backend: Backend)`.
#[macro_export]
macro_rules! on_both_databases {
    ($($name:ident),* $(,)?) => {
        $(
            mod $name {
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn on_sqlite() {
                    super::$name($crate::helpers::Backend::Sqlite).await;
                }

                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn on_postgres() {
                    if $crate::helpers::postgres_url().is_none() {
                        return;
                    }
                    super::$name($crate::helpers::Backend::Postgres).await;
                }
            }
        )*
    };
}

/// The PostgreSQL server URL for tests. Missing is only allowed when no one asked for PostgreSQL:
/// the test command sets `MITSPRACHE_REQUIRE_PG=1`, so there a missing server fails the test.
pub fn postgres_url() -> Option<String> {
    match std::env::var("MITSPRACHE_TEST_PG_URL") {
        Ok(url) if !url.is_empty() => Some(url),
        _ => {
            assert!(
                std::env::var("MITSPRACHE_REQUIRE_PG").is_err(),
                "MITSPRACHE_TEST_PG_URL is not set but PostgreSQL tests are required (run scripts/test.sh)"
            );
            eprintln!("note: PostgreSQL test skipped (MITSPRACHE_TEST_PG_URL not set)");
            None
        }
    }
}

static COUNTER: AtomicU64 = AtomicU64::new(0);

fn unique_name() -> String {
    format!(
        "t{}_{}_{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::SeqCst),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or(0)
    )
}

/// A running app on its own database.
pub struct TestApp {
    /// The router under test.
    pub router: Router,
    /// Direct database access for arranging and checking.
    pub db: DatabaseConnection,
    /// The database's URL (for running the CLI against it).
    pub url: String,
    _scratch: Scratch,
}

/// What a test's database leaves behind, removed when the test ends (also when it fails):
/// without this, ~300 PostgreSQL test databases filled CI's disk.
enum Scratch {
    /// The SQLite file's temporary folder.
    Folder(#[allow(dead_code)] TempDir),
    /// A database on the test cluster.
    PgDatabase { server: String, name: String },
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let Scratch::PgDatabase {
            server,
            name: db_name,
        } = self
        else {
            return;
        };
        let (server, name) = (server.clone(), db_name.clone());
        // Drop runs inside the test's runtime, which must not block on itself: a thread with its
        // own small runtime drops the database (FORCE ends the app's pooled connections).
        let dropped = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .map_err(|e| e.to_string())?;
            runtime.block_on(async {
                let admin = Database::connect(&server)
                    .await
                    .map_err(|e| e.to_string())?;
                admin
                    .execute(Statement::from_string(
                        admin.get_database_backend(),
                        format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"),
                    ))
                    .await
                    .map_err(|e| e.to_string())?;
                admin.close().await.map_err(|e| e.to_string())
            })
        })
        .join();
        match dropped {
            Ok(Ok(())) => {}
            Ok(Err(e)) => eprintln!("note: test database {db_name} was not dropped: {e}"),
            Err(_) => eprintln!("note: dropping test database {db_name} panicked"),
        }
    }
}

/// A temporary folder removed at drop.
pub struct TempDir(std::path::PathBuf);

impl TempDir {
    /// Takes charge of `path` (an existing folder).
    pub fn new(path: std::path::PathBuf) -> Self {
        Self(path)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

impl TestApp {
    /// Starts the app on a fresh database of the given backend, with the demo accounts.
    pub async fn spawn(backend: Backend) -> Self {
        Self::spawn_with(backend, |_| {}).await
    }

    /// As [`TestApp::spawn`], with the configuration changed by `configure` first.
    pub async fn spawn_with(backend: Backend, configure: impl FnOnce(&mut Config)) -> Self {
        let (url, scratch) = match backend {
            Backend::Sqlite => {
                let dir = std::env::temp_dir().join(format!("mitsprache-test-{}", unique_name()));
                std::fs::create_dir_all(&dir).expect("temp dir");
                (
                    format!("sqlite://{}/test.db?mode=rwc", dir.display()),
                    Scratch::Folder(TempDir(dir)),
                )
            }
            Backend::Postgres => {
                let server = postgres_url().expect("PostgreSQL URL");
                let name = unique_name();
                let admin = Database::connect(&server)
                    .await
                    .expect("connect to PostgreSQL");
                admin
                    .execute(Statement::from_string(
                        admin.get_database_backend(),
                        format!("CREATE DATABASE {name}"),
                    ))
                    .await
                    .expect("create test database");
                let _ = admin.close().await;
                let base = server
                    .rsplit_once('/')
                    .map_or_else(|| server.clone(), |(base, _)| base.to_owned());
                (
                    format!("{base}/{name}"),
                    Scratch::PgDatabase { server, name },
                )
            }
        };
        let db = db::connect_and_migrate(&url).await.expect("migrate");
        server::demo::seed(&db).await.expect("seed demo accounts");
        let mut config = Config::for_tests(&url);
        configure(&mut config);
        let router = build_app(&config, db.clone()).await.expect("build app");
        Self {
            router,
            db,
            url,
            _scratch: scratch,
        }
    }

    /// A second app instance on the same database, with its own connection pool (as a second
    /// server behind a load balancer would be).
    pub async fn second_instance(&self) -> Router {
        let db = db::connect_and_migrate(&self.url).await.expect("connect");
        build_app(&Config::for_tests(&self.url), db)
            .await
            .expect("build app")
    }

    /// A new browser-like client without cookies, from `127.0.0.1`.
    pub fn client(&self) -> Client {
        Client {
            router: self.router.clone(),
            cookie: None,
            peer: SocketAddr::from(([127, 0, 0, 1], 40000)),
        }
    }
}

/// A response, read completely.
#[derive(Debug)]
pub struct TestResponse {
    /// HTTP status.
    pub status: StatusCode,
    /// Response headers.
    pub headers: axum::http::HeaderMap,
    /// Body as text.
    pub body: String,
}

impl TestResponse {
    /// The body parsed as JSON.
    pub fn json<T: serde::de::DeserializeOwned>(&self) -> T {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }
}

/// A client that keeps the session cookie like a browser does.
#[derive(Clone)]
pub struct Client {
    router: Router,
    /// The session cookie (`name=value`), if one was set.
    pub cookie: Option<String>,
    /// The address the server sees.
    pub peer: SocketAddr,
}

impl Client {
    /// A new browser without cookies, from `127.0.0.1`, talking to `router`.
    pub fn on(router: &Router) -> Client {
        Client {
            router: router.clone(),
            cookie: None,
            peer: SocketAddr::from(([127, 0, 0, 1], 40000)),
        }
    }

    /// The same browser (cookie and address), now talking to `router` (another instance).
    pub fn via(&self, router: &Router) -> Client {
        Client {
            router: router.clone(),
            cookie: self.cookie.clone(),
            peer: self.peer,
        }
    }

    /// Sends a request (adding cookie and peer address) and stores a new session cookie.
    pub async fn send(&mut self, mut request: Request<Body>) -> TestResponse {
        if let Some(cookie) = &self.cookie {
            request
                .headers_mut()
                .insert(header::COOKIE, cookie.parse().expect("cookie header"));
        }
        request.extensions_mut().insert(ConnectInfo(self.peer));
        let response = self
            .router
            .clone()
            .oneshot(request)
            .await
            .expect("router is infallible");
        for set_cookie in response.headers().get_all(header::SET_COOKIE) {
            let value = set_cookie.to_str().expect("ascii cookie");
            let pair = value.split(';').next().unwrap_or_default().to_owned();
            if pair.starts_with("mitsprache_session=") {
                let cleared = value.contains("Max-Age=0") || pair == "mitsprache_session=";
                self.cookie = if cleared { None } else { Some(pair) };
            }
        }
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = to_bytes(response.into_body(), 16 * 1024 * 1024)
            .await
            .expect("body");
        TestResponse {
            status,
            headers,
            body: String::from_utf8_lossy(&bytes).into_owned(),
        }
    }

    /// Calls a server function with form fields, as the browser's fetch does.
    pub async fn call(&mut self, function: &str, fields: &[(&str, &str)]) -> TestResponse {
        let body = form_encode(fields);
        let request = Request::post(format!("/api/{function}"))
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::ACCEPT, "application/json")
            .header(header::HOST, "127.0.0.1:3000")
            .header("sec-fetch-site", "same-origin")
            .header(header::ORIGIN, "http://127.0.0.1:3000")
            .body(Body::from(body))
            .expect("request");
        self.send(request).await
    }

    /// Posts a plain HTML form (urlencoded `body`) to `path`, as a browser without JavaScript does.
    pub async fn post_form(&mut self, path: &str, body: &str) -> TestResponse {
        let request = Request::post(path)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::HOST, "127.0.0.1:3000")
            .header("sec-fetch-site", "same-origin")
            .header(header::ORIGIN, "http://127.0.0.1:3000")
            .body(Body::from(body.to_owned()))
            .expect("request");
        self.send(request).await
    }

    /// Loads a page as a browser navigation.
    pub async fn get(&mut self, path: &str) -> TestResponse {
        let request = Request::get(path)
            .header(header::ACCEPT, "text/html")
            .header(header::HOST, "127.0.0.1:3000")
            .body(Body::empty())
            .expect("request");
        self.send(request).await
    }

    /// Logs in and asserts success.
    pub async fn login(&mut self, email: &str, password: &str) {
        let response = self
            .call("login", &[("email", email), ("password", password)])
            .await;
        assert_eq!(
            response.status,
            StatusCode::OK,
            "login failed: {}",
            response.body
        );
    }

    /// The signed-in person's e-mail, asked from the server.
    pub async fn whoami(&mut self) -> Option<String> {
        let response = self.call("current_user", &[]).await;
        assert_eq!(response.status, StatusCode::OK, "{}", response.body);
        let me: Option<serde_json::Value> = response.json();
        me.map(|m| m["email"].as_str().unwrap_or_default().to_owned())
    }
}

/// `application/x-www-form-urlencoded` encoding.
pub fn form_encode(fields: &[(&str, &str)]) -> String {
    fields
        .iter()
        .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
        .collect::<Vec<_>>()
        .join("&")
}

fn encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            b' ' => "+".to_owned(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The demo coordinator's credentials.
pub const COORDINATOR: (&str, &str) = ("koordination@demo.mitsprache.de", "Demo-Koordination-2026");
/// The demo staff member's credentials.
pub const STAFF: (&str, &str) = ("mitarbeit@demo.mitsprache.de", "Demo-Mitarbeit-2026");

/// Logs in as coordinator, creates an invitation, and returns its token.
pub async fn invite(app: &TestApp, name: &str, email: &str) -> String {
    let mut admin = app.client();
    admin.login(COORDINATOR.0, COORDINATOR.1).await;
    let response = admin
        .call(
            "create_user",
            &[
                ("display_name", name),
                ("email", email),
                ("role_staff", "on"),
            ],
        )
        .await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.body);
    let created: serde_json::Value = response.json();
    let link = created["link"].as_str().expect("link").to_owned();
    link.rsplit('/').next().expect("token").to_owned()
}

// ---- drafts and versions (server/tests/api/drafts.rs) ---------------------------------------

/// Calls a server function and asserts success; returns the JSON answer.
pub async fn call_ok(
    client: &mut Client,
    function: &str,
    fields: &[(&str, &str)],
) -> serde_json::Value {
    let response = client.call(function, fields).await;
    assert_eq!(
        response.status,
        StatusCode::OK,
        "{function}: {}",
        response.body
    );
    response.json()
}

/// As a signed-in coordinator: creates a process and moves it to step 2 ("draft").
/// Nobody is appointed to its project group yet.
pub async fn process_in_draft_step(coordinator: &mut Client, title: &str) -> i64 {
    let id = call_ok(
        coordinator,
        "create_process",
        &[("title", title), ("description", "")],
    )
    .await
    .as_i64()
    .expect("process id");
    let id_text = id.to_string();
    call_ok(
        coordinator,
        "change_step",
        &[("process_id", &id_text), ("to", "draft"), ("reason", "")],
    )
    .await;
    id
}

/// As a signed-in coordinator: appoints the account with `email` to the project group.
pub async fn appoint(coordinator: &mut Client, process_id: i64, email: &str) {
    call_ok(
        coordinator,
        "appoint_member",
        &[
            ("process_id", &process_id.to_string()),
            ("email", email),
            ("perspective", "critic"),
        ],
    )
    .await;
}

/// Invites a new person, lets them set a password, and returns their signed-in client.
pub async fn new_member_client(app: &TestApp, name: &str, email: &str) -> Client {
    let token = invite(app, name, email).await;
    let mut client = app.client();
    call_ok(
        &mut client,
        "accept_invitation",
        &[
            ("token", &token),
            ("password", "ein-gutes-passwort"),
            ("confirm_password", "ein-gutes-passwort"),
        ],
    )
    .await;
    client
}

// ---- end of drafts and versions -------------------------------------------------------------

// ---- Contributions (step 1): process set-up helpers. Added for tests/api/contributions.rs. ----

/// Creates a process as the (signed-in coordinator) client and returns its id.
pub async fn create_process(coordinator: &mut Client, title: &str) -> i64 {
    let response = coordinator
        .call(
            "create_process",
            &[("title", title), ("description", "Testprozess")],
        )
        .await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.body);
    response.json()
}

/// Appoints an active account to the project group (as the signed-in coordinator).
pub async fn appoint_member(coordinator: &mut Client, process_id: i64, email: &str) {
    let id = process_id.to_string();
    let response = coordinator
        .call(
            "appoint_member",
            &[
                ("process_id", &id),
                ("email", email),
                ("perspective", "critic"),
            ],
        )
        .await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.body);
}

/// Moves a process to step `to` (as a signed-in coordinator or group member).
pub async fn change_step(client: &mut Client, process_id: i64, to: &str, reason: &str) {
    let id = process_id.to_string();
    let response = client
        .call(
            "change_step",
            &[("process_id", &id), ("to", to), ("reason", reason)],
        )
        .await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.body);
}

/// Invites a person, lets them set a password and returns their signed-in client.
pub async fn active_user(app: &TestApp, name: &str, email: &str, password: &str) -> Client {
    let token = invite(app, name, email).await;
    let mut client = app.client();
    let response = client
        .call(
            "accept_invitation",
            &[
                ("token", &token),
                ("password", password),
                ("confirm_password", password),
            ],
        )
        .await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.body);
    client
}

// ---- End of the contribution helpers. ----

/// The German calendar date (Europe/Berlin) `days` from now as `YYYY-MM-DD`, as a date input sends
/// it. The server reads date inputs as German local time, so the UTC date would be a day off in the
/// hours after midnight in Berlin.
pub fn berlin_day(days: i64) -> String {
    let at = chrono::Utc::now() + chrono::Duration::days(days);
    app::domain::round::berlin_date(at)
        .format("%Y-%m-%d")
        .to_string()
}

/// The id of the account with `email`.
pub async fn user_id(app: &TestApp, email: &str) -> i64 {
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    app::entities::user::Entity::find()
        .filter(app::entities::user::Column::Email.eq(email))
        .one(&app.db)
        .await
        .expect("query")
        .expect("account exists")
        .id
}
