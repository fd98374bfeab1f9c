//! Log-in through the organisation's OpenID provider, against a real provider: the npm package
//! `oidc-provider` (end2end/oidc/provider.mjs), started per test on loopback. The browser is
//! played by two clients: a cookie-keeping HTTP client at the provider (its own login form) and
//! the test client at our router.

use crate::helpers::{call_ok, user_id, Backend, Client, TestApp, TestResponse, COORDINATOR};
use crate::on_both_databases;
use app::entities::user;
use axum::http::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use tokio::io::{AsyncBufReadExt, BufReader};

/// Our callback as the provider knows it (the test client sends `Host: 127.0.0.1:3000`).
const CALLBACK: &str = "http://127.0.0.1:3000/auth/oidc/callback";

/// A running provider with its people in a JSON file the test may rewrite.
pub struct Provider {
    /// The issuer URL (`http://127.0.0.1:<port>`).
    pub issuer: String,
    accounts: std::path::PathBuf,
    _dir: crate::helpers::TempDir,
    _child: tokio::process::Child,
}

impl Provider {
    /// Starts the provider with `accounts` (login name → claims).
    pub async fn start(accounts: serde_json::Value) -> Self {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let script = root.join("end2end/oidc/provider.mjs");
        assert!(
            root.join("end2end/node_modules/oidc-provider").is_dir(),
            "the npm package oidc-provider is missing: run scripts/install-tools.sh --browser"
        );
        let dir = std::env::temp_dir().join(format!(
            "mitsprache-oidc-{}-{}",
            std::process::id(),
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_nanos())
                .unwrap_or(0)
        ));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let file = dir.join("accounts.json");
        std::fs::write(&file, accounts.to_string()).expect("accounts file");
        let mut child = tokio::process::Command::new("node")
            .arg(&script)
            .args(["--port", "0", "--redirect", CALLBACK, "--accounts"])
            .arg(&file)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .expect("start node (Debian's nodejs) with the OpenID provider");
        let stdout = child.stdout.take().expect("provider stdout");
        let mut lines = BufReader::new(stdout).lines();
        let issuer = tokio::time::timeout(std::time::Duration::from_secs(30), async {
            while let Some(line) = lines.next_line().await.expect("provider output") {
                if let Some(issuer) = line.strip_prefix("OIDC-PROVIDER-READY ") {
                    return issuer.trim().to_owned();
                }
            }
            panic!("the OpenID provider ended before it was ready");
        })
        .await
        .expect("the OpenID provider starts within 30 s");
        // Keep reading its output so it never blocks on a full pipe.
        tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
        Self {
            issuer,
            accounts: file,
            _dir: crate::helpers::TempDir::new(dir),
            _child: child,
        }
    }

    /// Replaces the people's claims (read at the next log-in).
    pub fn set_accounts(&self, accounts: serde_json::Value) {
        std::fs::write(&self.accounts, accounts.to_string()).expect("accounts file");
    }

    /// Our settings for this provider.
    pub fn settings(&self) -> app::sso::ssr::SsoSettings {
        app::sso::ssr::SsoSettings {
            issuer: self.issuer.clone(),
            client_id: "mitsprache".into(),
            client_secret: Some("mitsprache-test-secret".into()),
            team_claim: Some("department".into()),
            coordinator_group: Some("mitsprache-koordination".into()),
            assume_email_verified: false,
        }
    }
}

/// The people of most tests.
pub fn people() -> serde_json::Value {
    serde_json::json!({
        "anna": {
            "email": "anna.sso@example.org", "email_verified": true, "name": "Anna Sonnenschein",
            "department": "Pflege", "groups": ["alle"]
        },
        "mitarbeit": {
            "email": "mitarbeit@demo.mitsprache.de", "email_verified": true, "name": "Mia Mitarbeit",
            "department": "Beratung", "groups": ["alle"]
        },
        "udo": {
            "email": "udo.sso@example.org", "email_verified": false, "name": "Udo Unbestätigt",
            "department": "Verwaltung", "groups": ["alle"]
        },
        "udo2": {
            "email": "mitarbeit@demo.mitsprache.de", "email_verified": false, "name": "Falsche Mia"
        },
    })
}

/// The browser at the provider: keeps the provider's cookies and stops at our callback.
fn provider_browser() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::custom(|attempt| {
            if attempt.url().as_str().starts_with("http://127.0.0.1:3000/") {
                attempt.stop()
            } else {
                attempt.follow()
            }
        }))
        .build()
        .expect("HTTP client")
}

/// The `Location` of a redirect.
fn location(response: &TestResponse) -> String {
    response
        .headers
        .get("location")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_else(|| panic!("a redirect, got {}: {}", response.status, response.body))
        .to_owned()
}

/// A query parameter of a URL.
fn param(url: &str, name: &str) -> Option<String> {
    reqwest::Url::parse(url)
        .ok()?
        .query_pairs()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.into_owned())
}

/// Starts a log-in at our app: the provider's authorization URL.
async fn begin(client: &mut Client) -> String {
    let response = client.get("/auth/oidc/login").await;
    assert_eq!(response.status, StatusCode::SEE_OTHER, "{}", response.body);
    location(&response)
}

/// Logs in as `login` on the provider's own login form, from the authorization URL to the
/// redirect back to us; returns our callback's path and query.
async fn at_provider(browser: &reqwest::Client, authorization_url: &str, login: &str) -> String {
    let form = browser
        .get(authorization_url)
        .send()
        .await
        .expect("provider reachable");
    assert!(form.status().is_success(), "login form: {}", form.status());
    let page = form.text().await.expect("login page");
    let action = page
        .split("action=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("the provider's login form");
    let action = reqwest::Url::parse(authorization_url)
        .and_then(|base| base.join(action))
        .expect("form action");
    let back = browser
        .post(action)
        .form(&[("prompt", "login"), ("login", login), ("password", "egal")])
        .send()
        .await
        .expect("login posted");
    let to = back
        .headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_else(|| panic!("a redirect back to us, got {}", back.status()))
        .to_owned();
    assert!(to.starts_with(CALLBACK), "redirected to {to}");
    to.trim_start_matches("http://127.0.0.1:3000").to_owned()
}

/// The whole log-in as `login`; returns the callback path used and our final answer.
async fn log_in(client: &mut Client, login: &str) -> (String, TestResponse) {
    let url = begin(client).await;
    let callback = at_provider(&provider_browser(), &url, login).await;
    let response = client.get(&callback).await;
    (callback, response)
}

/// Asserts that `response` sends the browser to the error page for `failure`, and that the
/// page explains it in German.
async fn assert_failed(
    client: &mut Client,
    response: &TestResponse,
    failure: app::domain::sso::SsoFailure,
) {
    assert_eq!(response.status, StatusCode::SEE_OTHER, "{}", response.body);
    let to = location(response);
    assert_eq!(to, format!("/anmelden/fehler?grund={}", failure.code()));
    let page = client.get(&to).await;
    assert_eq!(page.status, StatusCode::OK);
    let message = failure.to_string();
    let first_words: String = message.chars().take(40).collect();
    assert!(page.body.contains(&first_words), "{}", page.body);
}

async fn app_with(provider: &Provider, backend: Backend) -> TestApp {
    let settings = provider.settings();
    TestApp::spawn_with(backend, move |config| config.oidc = Some(settings)).await
}

on_both_databases!(
    a_first_log_in_through_the_provider_creates_the_account_with_name_and_team,
    an_account_with_the_same_verified_email_is_linked_and_later_found_by_subject,
    a_wrong_state_is_refused_and_nobody_is_signed_in,
    a_replayed_code_is_refused,
    a_code_issued_to_another_client_is_refused,
    an_unverified_email_neither_creates_nor_links_an_account,
    a_deactivated_account_stays_refused,
    the_team_and_the_coordinator_role_follow_the_claims_at_every_log_in,
    cancelling_at_the_provider_ends_on_a_german_page,
    log_out_after_a_provider_log_in_offers_the_providers_end_session,
);

async fn a_first_log_in_through_the_provider_creates_the_account_with_name_and_team(
    backend: Backend,
) {
    let provider = Provider::start(people()).await;
    let app = app_with(&provider, backend).await;
    let mut client = app.client();
    let url = begin(&mut client).await;
    assert!(url.starts_with(&provider.issuer), "{url}");
    assert_eq!(
        param(&url, "code_challenge_method").as_deref(),
        Some("S256")
    );
    assert!(param(&url, "nonce").is_some() && param(&url, "state").is_some());
    let before = client
        .cookie
        .clone()
        .expect("a session for the pending log-in");
    let callback = at_provider(&provider_browser(), &url, "anna").await;
    let response = client.get(&callback).await;
    assert_eq!(response.status, StatusCode::SEE_OTHER);
    assert_eq!(location(&response), "/");
    assert_ne!(
        client.cookie.as_ref(),
        Some(&before),
        "the session id rotates"
    );
    assert_eq!(
        client.whoami().await.as_deref(),
        Some("anna.sso@example.org")
    );
    let anna = user::Entity::find()
        .filter(user::Column::Email.eq("anna.sso@example.org"))
        .one(&app.db)
        .await
        .unwrap()
        .expect("created just in time");
    assert_eq!(anna.display_name, "Anna Sonnenschein");
    assert_eq!(anna.team.as_deref(), Some("Pflege"));
    assert_eq!(anna.oidc_subject.as_deref(), Some("anna"));
    assert_eq!(anna.oidc_issuer.as_deref(), Some(provider.issuer.as_str()));
    assert!(anna.password_hash.is_none());
    // The audit chain still verifies with the link entry.
    let mut admin = app.client();
    admin.login(COORDINATOR.0, COORDINATOR.1).await;
    let report = call_ok(&mut admin, "verify_audit", &[]).await;
    assert!(report["broken"].is_null(), "{report}");
}

async fn an_account_with_the_same_verified_email_is_linked_and_later_found_by_subject(
    backend: Backend,
) {
    let provider = Provider::start(people()).await;
    let app = app_with(&provider, backend).await;
    let existing = user_id(&app, "mitarbeit@demo.mitsprache.de").await;
    let accounts_before = user::Entity::find().count(&app.db).await.unwrap();

    let mut client = app.client();
    let (_, response) = log_in(&mut client, "mitarbeit").await;
    assert_eq!(location(&response), "/");
    assert_eq!(
        client.whoami().await.as_deref(),
        Some("mitarbeit@demo.mitsprache.de")
    );
    let linked = user::Entity::find_by_id(existing)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(linked.oidc_subject.as_deref(), Some("mitarbeit"));

    // The address changes at the provider: the next log-in still finds the account by subject.
    let mut people = people();
    people["mitarbeit"]["email"] = "mia.neu@example.org".into();
    provider.set_accounts(people);
    let mut again = app.client();
    let (_, response) = log_in(&mut again, "mitarbeit").await;
    assert_eq!(location(&response), "/");
    assert_eq!(
        again.whoami().await.as_deref(),
        Some("mitarbeit@demo.mitsprache.de")
    );
    assert_eq!(
        user::Entity::find().count(&app.db).await.unwrap(),
        accounts_before,
        "no second account"
    );

    // Another identity claiming the same (unverified) address does not get the account.
    let mut other = app.client();
    let (_, response) = log_in(&mut other, "udo2").await;
    assert_failed(
        &mut other,
        &response,
        app::domain::sso::SsoFailure::EmailUnverified,
    )
    .await;
    assert_eq!(other.whoami().await, None);
}

async fn a_wrong_state_is_refused_and_nobody_is_signed_in(backend: Backend) {
    let provider = Provider::start(people()).await;
    let app = app_with(&provider, backend).await;
    let mut client = app.client();
    let url = begin(&mut client).await;
    let callback = at_provider(&provider_browser(), &url, "anna").await;
    let state = param(&format!("http://x{callback}"), "state").expect("state");
    let forged = callback.replace(&format!("state={state}"), "state=gefaelscht");
    assert_ne!(forged, callback);
    let response = client.get(&forged).await;
    assert_failed(
        &mut client,
        &response,
        app::domain::sso::SsoFailure::StateMismatch,
    )
    .await;
    assert_eq!(client.whoami().await, None);
    // The pending log-in is used up: the genuine answer afterwards is refused too.
    let response = client.get(&callback).await;
    assert_failed(
        &mut client,
        &response,
        app::domain::sso::SsoFailure::Expired,
    )
    .await;
    assert_eq!(client.whoami().await, None);
    assert_eq!(
        user::Entity::find()
            .filter(user::Column::Email.eq("anna.sso@example.org"))
            .count(&app.db)
            .await
            .unwrap(),
        0
    );
}

async fn a_replayed_code_is_refused(backend: Backend) {
    let provider = Provider::start(people()).await;
    let app = app_with(&provider, backend).await;
    let mut client = app.client();
    let (callback, response) = log_in(&mut client, "anna").await;
    assert_eq!(location(&response), "/");
    call_ok(&mut client, "logout", &[]).await;

    // The same answer again (e.g. from the browser history): no pending log-in any more.
    let mut replay = app.client();
    let response = replay.get(&callback).await;
    assert_failed(
        &mut replay,
        &response,
        app::domain::sso::SsoFailure::Expired,
    )
    .await;
    assert_eq!(replay.whoami().await, None);

    // The used code with the state of a fresh log-in: the provider refuses the code.
    let url = begin(&mut replay).await;
    let state = param(&url, "state").expect("state");
    let code = param(&format!("http://x{callback}"), "code").expect("code");
    let response = replay
        .get(&format!("/auth/oidc/callback?code={code}&state={state}"))
        .await;
    assert_failed(
        &mut replay,
        &response,
        app::domain::sso::SsoFailure::CodeRejected,
    )
    .await;
    assert_eq!(replay.whoami().await, None);
}

async fn a_code_issued_to_another_client_is_refused(backend: Backend) {
    let provider = Provider::start(people()).await;
    let app = app_with(&provider, backend).await;
    let mut client = app.client();
    let url = begin(&mut client).await;
    // The same request, but for the organisation's other application.
    let mut other = reqwest::Url::parse(&url).unwrap();
    let pairs: Vec<(String, String)> = other
        .query_pairs()
        .map(|(k, v)| {
            let v = if k == "client_id" {
                "andere-app".into()
            } else {
                v.into_owned()
            };
            (k.into_owned(), v)
        })
        .collect();
    other.query_pairs_mut().clear().extend_pairs(pairs);
    let callback = at_provider(&provider_browser(), other.as_str(), "anna").await;
    let response = client.get(&callback).await;
    assert_failed(
        &mut client,
        &response,
        app::domain::sso::SsoFailure::CodeRejected,
    )
    .await;
    assert_eq!(client.whoami().await, None);
}

async fn an_unverified_email_neither_creates_nor_links_an_account(backend: Backend) {
    let provider = Provider::start(people()).await;
    let app = app_with(&provider, backend).await;
    let accounts_before = user::Entity::find().count(&app.db).await.unwrap();
    let mut client = app.client();
    let (_, response) = log_in(&mut client, "udo").await;
    assert_failed(
        &mut client,
        &response,
        app::domain::sso::SsoFailure::EmailUnverified,
    )
    .await;
    assert_eq!(client.whoami().await, None);
    assert_eq!(
        user::Entity::find().count(&app.db).await.unwrap(),
        accounts_before
    );
    // "udo2" claims the demo staff member's address without confirmation: not linked.
    let (_, response) = log_in(&mut client, "udo2").await;
    assert_failed(
        &mut client,
        &response,
        app::domain::sso::SsoFailure::EmailUnverified,
    )
    .await;
    let mia = user::Entity::find_by_id(user_id(&app, "mitarbeit@demo.mitsprache.de").await)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(mia.oidc_subject, None);
}

async fn a_deactivated_account_stays_refused(backend: Backend) {
    let provider = Provider::start(people()).await;
    let app = app_with(&provider, backend).await;
    let mut anna = app.client();
    let (_, response) = log_in(&mut anna, "anna").await;
    assert_eq!(location(&response), "/");
    let id = user_id(&app, "anna.sso@example.org").await;
    let mut admin = app.client();
    admin.login(COORDINATOR.0, COORDINATOR.1).await;
    call_ok(
        &mut admin,
        "deactivate_user",
        &[("user_id", &id.to_string())],
    )
    .await;
    assert_eq!(anna.whoami().await, None, "the open session ended");

    let mut again = app.client();
    let (_, response) = log_in(&mut again, "anna").await;
    assert_failed(
        &mut again,
        &response,
        app::domain::sso::SsoFailure::Deactivated,
    )
    .await;
    assert_eq!(again.whoami().await, None);

    // A deactivated account that was never linked is not linked by e-mail either.
    let mia = user_id(&app, "mitarbeit@demo.mitsprache.de").await;
    call_ok(
        &mut admin,
        "deactivate_user",
        &[("user_id", &mia.to_string())],
    )
    .await;
    let (_, response) = log_in(&mut again, "mitarbeit").await;
    assert_failed(
        &mut again,
        &response,
        app::domain::sso::SsoFailure::Deactivated,
    )
    .await;
}

async fn the_team_and_the_coordinator_role_follow_the_claims_at_every_log_in(backend: Backend) {
    let provider = Provider::start(people()).await;
    let app = app_with(&provider, backend).await;
    let mut client = app.client();
    log_in(&mut client, "anna").await;
    let id = user_id(&app, "anna.sso@example.org").await;
    let team = |app: &TestApp| {
        let db = app.db.clone();
        async move {
            user::Entity::find_by_id(id)
                .one(&db)
                .await
                .unwrap()
                .unwrap()
                .team
        }
    };
    assert_eq!(team(&app).await.as_deref(), Some("Pflege"));
    let response = client.call("list_users", &[("page", "1")]).await;
    assert_eq!(
        response.status,
        StatusCode::FORBIDDEN,
        "not a coordinator yet"
    );

    // She moves to counselling and joins the coordinator group.
    let mut people = people();
    people["anna"]["department"] = "Beratung".into();
    people["anna"]["groups"] = serde_json::json!(["alle", "/mitsprache-koordination"]);
    provider.set_accounts(people.clone());
    let mut client = app.client();
    log_in(&mut client, "anna").await;
    assert_eq!(team(&app).await.as_deref(), Some("Beratung"));
    let response = client.call("list_users", &[("page", "1")]).await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.body);

    // She leaves the group: the role goes at the next log-in.
    people["anna"]["groups"] = serde_json::json!(["alle"]);
    provider.set_accounts(people);
    let mut client = app.client();
    log_in(&mut client, "anna").await;
    let response = client.call("list_users", &[("page", "1")]).await;
    assert_eq!(response.status, StatusCode::FORBIDDEN);
}

async fn cancelling_at_the_provider_ends_on_a_german_page(backend: Backend) {
    let provider = Provider::start(people()).await;
    let app = app_with(&provider, backend).await;
    let mut client = app.client();
    let url = begin(&mut client).await;
    let browser = provider_browser();
    let page = browser
        .get(&url)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let abort = page
        .split("href=\"")
        .find_map(|rest| rest.split('"').next().filter(|h| h.contains("/abort")))
        .expect("the provider's cancel link")
        .to_owned();
    let abort = reqwest::Url::parse(&url).unwrap().join(&abort).unwrap();
    let back = browser.get(abort).send().await.unwrap();
    let to = back.headers()["location"].to_str().unwrap().to_owned();
    assert_eq!(param(&to, "error").as_deref(), Some("access_denied"));
    let response = client
        .get(to.trim_start_matches("http://127.0.0.1:3000"))
        .await;
    assert_failed(
        &mut client,
        &response,
        app::domain::sso::SsoFailure::Cancelled,
    )
    .await;
    // An unknown reason in the address is not shown; the page explains "start again".
    let page = client
        .get("/anmelden/fehler?grund=%3Cscript%3Ealert(1)%3C/script%3E")
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(!page.body.contains("<script>alert"));
    assert!(page
        .body
        .contains("Bitte beginnen Sie die Anmeldung erneut"));
}

async fn log_out_after_a_provider_log_in_offers_the_providers_end_session(backend: Backend) {
    let provider = Provider::start(people()).await;
    let app = app_with(&provider, backend).await;
    let mut client = app.client();
    log_in(&mut client, "anna").await;
    let ways = call_ok(&mut client, "login_ways", &[]).await;
    assert_eq!(ways["organisation"], true);
    assert_eq!(ways["password"], true);
    let end = ways["end_session_url"]
        .as_str()
        .expect("end-session URL")
        .to_owned();
    assert!(
        end.starts_with(&format!("{}/session/end", provider.issuer)),
        "{end}"
    );
    assert_eq!(param(&end, "client_id").as_deref(), Some("mitsprache"));
    assert_eq!(
        param(&end, "post_logout_redirect_uri").as_deref(),
        Some("http://127.0.0.1:3000/anmelden")
    );
    // A plain form post (no JavaScript): the log-out lands on the page that offers it.
    let request = axum::http::Request::post("/api/logout")
        .header("content-type", "application/x-www-form-urlencoded")
        .header("host", "127.0.0.1:3000")
        .header("origin", "http://127.0.0.1:3000")
        .header("referer", "http://127.0.0.1:3000/")
        .body(axum::body::Body::empty())
        .unwrap();
    let response = client.send(request).await;
    assert_eq!(
        location(&response),
        "/anmelden?abgemeldet=organisation",
        "{:?}",
        response.status
    );
    assert_eq!(client.whoami().await, None);
    let page = client.get("/anmelden?abgemeldet=organisation").await;
    assert!(page
        .body
        .contains("Auch beim Konto Ihrer Organisation abmelden"));
}

on_both_databases!(with_passwords_switched_off_only_the_provider_logs_in);

async fn with_passwords_switched_off_only_the_provider_logs_in(backend: Backend) {
    let provider = Provider::start(people()).await;
    let settings = provider.settings();
    let app = TestApp::spawn_with(backend, move |config| {
        config.oidc = Some(settings);
        config.password_login = false;
    })
    .await;
    let mut client = app.client();
    let response = client
        .call(
            "login",
            &[("email", COORDINATOR.0), ("password", COORDINATOR.1)],
        )
        .await;
    assert_eq!(response.status, StatusCode::BAD_REQUEST);
    assert!(response
        .body
        .contains("Anmeldung mit Passwort ist abgeschaltet"));
    assert_eq!(client.whoami().await, None);
    let ways = call_ok(&mut client, "login_ways", &[]).await;
    assert_eq!(ways["password"], false);
    let page = client.get("/anmelden").await;
    assert!(page
        .body
        .contains("Mit dem Konto Ihrer Organisation anmelden"));
    assert!(!page.body.contains("id=\"login-password\""));
    let (_, response) = log_in(&mut client, "anna").await;
    assert_eq!(location(&response), "/");
}
