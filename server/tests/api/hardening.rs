//! Regression tests for the holes an outside review found (issue "Hardening"): the log-in
//! throttle under parallel requests, unbounded log-in fields, throttled password changes, the
//! absolute session lifetime and the clean-up of throttle rows.

use crate::helpers::{Backend, TestApp, COORDINATOR, STAFF};
use crate::on_both_databases;
use app::entities::login_throttle;
use axum::http::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, Set};

on_both_databases!(
    forty_parallel_wrong_passwords_get_at_most_five_password_checks,
    an_overlong_email_or_password_is_refused_before_anything_is_stored,
    a_right_password_does_not_use_up_the_allowance_of_the_address,
    wrong_current_passwords_when_changing_it_are_throttled,
    a_session_ends_seven_days_after_log_in_however_active,
    expired_throttle_rows_are_deleted_and_current_ones_kept,
    the_twenty_first_text_within_a_minute_is_refused_in_german,
    a_round_page_shows_the_first_replies_and_the_rest_load_page_by_page,
    the_dialogue_space_shows_the_first_replies_and_a_page_per_report,
    pages_functions_and_files_carry_the_security_headers,
    the_bundle_is_served_precompressed_and_cacheable_and_pages_are_compressed,
    two_instances_on_one_database_share_sessions_and_keep_one_audit_chain,
);

/// A site folder as `scripts/build.sh` leaves it: a hashed bundle with brotli and gzip copies.
fn built_site() -> (crate::helpers::TempDir, String) {
    let dir = std::env::temp_dir().join(format!(
        "mitsprache-site-{}-{}",
        std::process::id(),
        chrono::Utc::now().timestamp_nanos_opt().unwrap_or_default()
    ));
    let pkg = dir.join("pkg");
    std::fs::create_dir_all(&pkg).unwrap();
    let name = "mitsprache-0123456789abcdef";
    std::fs::write(pkg.join("current"), format!("{name}\n")).unwrap();
    for (file, content) in [
        (format!("{name}.js"), "export default function init() {}"),
        (format!("{name}.css"), "body { margin: 0 }"),
        (format!("{name}_bg.wasm"), "\0asm"),
    ] {
        std::fs::write(pkg.join(&file), content).unwrap();
        std::fs::write(pkg.join(format!("{file}.br")), b"brotli bytes").unwrap();
        std::fs::write(pkg.join(format!("{file}.gz")), b"gzip bytes").unwrap();
    }
    (
        crate::helpers::TempDir::new(dir.clone()),
        dir.display().to_string(),
    )
}

fn header<'a>(response: &'a crate::helpers::TestResponse, name: &str) -> &'a str {
    response
        .headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_else(|| panic!("no {name} header"))
}

fn assert_security_headers(response: &crate::helpers::TestResponse, what: &str) {
    let csp = header(response, "content-security-policy");
    let scripts = csp
        .split(';')
        .map(str::trim)
        .find(|d| d.starts_with("script-src"))
        .unwrap_or_else(|| panic!("{what}: no script-src in {csp}"));
    assert!(!scripts.contains("unsafe-inline"), "{what}: {csp}");
    assert!(csp.contains("frame-ancestors 'none'"), "{what}: {csp}");
    assert_eq!(
        header(response, "x-content-type-options"),
        "nosniff",
        "{what}"
    );
    assert_eq!(header(response, "referrer-policy"), "same-origin", "{what}");
    assert!(
        header(response, "permissions-policy").contains("camera=()"),
        "{what}"
    );
    assert_eq!(header(response, "x-frame-options"), "DENY", "{what}");
}

async fn forty_parallel_wrong_passwords_get_at_most_five_password_checks(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let mut tasks = Vec::new();
    for i in 0..40u16 {
        let mut client = app.client();
        // Many addresses, so only the per-account limit can hold them back.
        client.peer = format!("10.0.{}.{}:4000", i / 200, i % 200 + 1)
            .parse()
            .unwrap();
        tasks.push(tokio::spawn(async move {
            client
                .call(
                    "login",
                    &[("email", STAFF.0), ("password", "falsch-falsch")],
                )
                .await
        }));
    }
    let (mut checked, mut throttled) = (0, 0);
    for task in tasks {
        let response = task.await.unwrap();
        match response.status {
            // A password check answers "wrong e-mail or password".
            StatusCode::BAD_REQUEST => {
                assert!(response.body.contains("E-Mail oder Passwort ist falsch"));
                checked += 1;
            }
            StatusCode::TOO_MANY_REQUESTS => throttled += 1,
            other => panic!("unexpected {other}: {}", response.body),
        }
    }
    assert!(checked <= 5, "{checked} password checks for one account");
    assert_eq!(checked + throttled, 40);
    // No update was lost: the account's counter shows every attempt that was let through and
    // the one that blocked it, and the account stays blocked for the right password too.
    let row = login_throttle::Entity::find_by_id(format!("account:{}", STAFF.0))
        .one(&app.db)
        .await
        .unwrap()
        .expect("throttle row");
    assert!(row.failures >= 6, "counter {}", row.failures);
    assert!(row.blocked_until.is_some());
    let mut owner = app.client();
    owner.peer = "192.0.2.1:1".parse().unwrap();
    let blocked = owner
        .call("login", &[("email", STAFF.0), ("password", STAFF.1)])
        .await;
    assert_eq!(blocked.status, StatusCode::TOO_MANY_REQUESTS);
}

async fn an_overlong_email_or_password_is_refused_before_anything_is_stored(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let mut client = app.client();
    let megabyte = format!("{}@beispiel.de", "a".repeat(1_000_000));
    let response = client
        .call("login", &[("email", &megabyte), ("password", "x")])
        .await;
    assert_eq!(response.status, StatusCode::BAD_REQUEST);
    assert!(
        response
            .json::<app::error::AppError>()
            .to_string()
            .contains("E-Mail-Adresse ist zu lang"),
        "{}",
        response.body
    );
    let long_password = "p".repeat(1025);
    let response = client
        .call("login", &[("email", STAFF.0), ("password", &long_password)])
        .await;
    assert_eq!(response.status, StatusCode::BAD_REQUEST);
    assert!(
        response.body.contains("Passwort ist zu lang"),
        "{}",
        response.body
    );
    // Neither attempt reached the throttle table (nor, therefore, argon2).
    assert_eq!(
        login_throttle::Entity::find().count(&app.db).await.unwrap(),
        0
    );
}

async fn a_right_password_does_not_use_up_the_allowance_of_the_address(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    // An office behind one address: 25 people log in successfully.
    for _ in 0..25 {
        let mut colleague = app.client();
        colleague.login(STAFF.0, STAFF.1).await;
    }
    let row = login_throttle::Entity::find_by_id("address:127.0.0.1".to_owned())
        .one(&app.db)
        .await
        .unwrap();
    assert!(row.as_ref().is_none_or(|r| r.failures == 0), "{row:?}");
    let mut last = app.client();
    last.login(COORDINATOR.0, COORDINATOR.1).await;
}

async fn wrong_current_passwords_when_changing_it_are_throttled(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let mut staff = app.client();
    staff.login(STAFF.0, STAFF.1).await;
    let change = |current: &'static str| {
        [
            ("current_password", current),
            ("new_password", "ein-ganz-neues-passwort"),
            ("confirm_password", "ein-ganz-neues-passwort"),
        ]
    };
    for _ in 0..5 {
        let response = staff
            .call("change_password", &change("falsch-geraten"))
            .await;
        assert_eq!(
            response.status,
            StatusCode::BAD_REQUEST,
            "{}",
            response.body
        );
    }
    let response = staff.call("change_password", &change(STAFF.1)).await;
    assert_eq!(
        response.status,
        StatusCode::TOO_MANY_REQUESTS,
        "{}",
        response.body
    );
    // The password did not change.
    app.client().login(STAFF.0, STAFF.1).await;
}

async fn a_session_ends_seven_days_after_log_in_however_active(backend: Backend) {
    use tower_sessions::session::Id;
    use tower_sessions::SessionStore;
    let app = TestApp::spawn(backend).await;
    let mut staff = app.client();
    staff.login(STAFF.0, STAFF.1).await;
    assert_eq!(staff.whoami().await.as_deref(), Some(STAFF.0));
    // Move the sign-in time of this session eight days back, as if it had been kept alive
    // on a shared PC all week.
    let cookie = staff.cookie.clone().expect("session cookie");
    let id: Id = cookie
        .trim_start_matches("mitsprache_session=")
        .parse()
        .expect("session id");
    let store = server::session_store::DbSessionStore::new(&app.db);
    let mut record = store.load(&id).await.unwrap().expect("stored session");
    let eight_days_ago = chrono::Utc::now() - chrono::Duration::days(8);
    record.data.insert(
        "signed_in_at".into(),
        serde_json::to_value(eight_days_ago).unwrap(),
    );
    store.save(&record).await.unwrap();
    assert_eq!(staff.whoami().await, None, "the session outlived its limit");
}

async fn expired_throttle_rows_are_deleted_and_current_ones_kept(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let now = chrono::Utc::now();
    let row = |key: &str, started_minutes_ago: i64, blocked_for_minutes: Option<i64>| {
        login_throttle::ActiveModel {
            key: Set(key.to_owned()),
            failures: Set(3),
            window_started_at: Set(now - chrono::Duration::minutes(started_minutes_ago)),
            blocked_until: Set(blocked_for_minutes.map(|m| now + chrono::Duration::minutes(m))),
        }
    };
    login_throttle::Entity::insert_many([
        row("account:alt@beispiel.de", 60, None),
        row("account:abgelaufen@beispiel.de", 60, Some(-30)),
        row("account:frisch@beispiel.de", 2, None),
        row("account:gesperrt@beispiel.de", 20, Some(10)),
    ])
    .exec(&app.db)
    .await
    .unwrap();
    let deleted = app::account::ssr::delete_expired_throttles(&app.db, now)
        .await
        .unwrap();
    assert_eq!(deleted, 2);
    let left: Vec<String> = login_throttle::Entity::find()
        .filter(login_throttle::Column::Key.like("account:%"))
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|r| r.key)
        .collect();
    assert_eq!(left.len(), 2, "{left:?}");
    assert!(left.contains(&"account:frisch@beispiel.de".to_owned()));
    assert!(left.contains(&"account:gesperrt@beispiel.de".to_owned()));
}

async fn the_twenty_first_text_within_a_minute_is_refused_in_german(backend: Backend) {
    use crate::rounds::{open, round_view, setup};
    let mut s = setup(backend).await;
    let round_id = open(&mut s.nora, s.process_id, false).await;
    let view = round_view(&mut s.staff, s.process_id, round_id).await;
    let post = |i: usize| {
        [
            ("round_id", round_id.to_string()),
            ("version_id", view["version_id"].to_string()),
            ("block_id", "b2".to_owned()),
            ("quote", String::new()),
            ("body", format!("Kommentar Nummer {i}")),
        ]
    };
    for i in 0..20 {
        let fields = post(i);
        let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let response = s.staff.call("post_comment", &fields).await;
        assert_eq!(
            response.status,
            StatusCode::OK,
            "comment {i}: {}",
            response.body
        );
    }
    let fields = post(20);
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let refused = s.staff.call("post_comment", &fields).await;
    assert_eq!(
        refused.status,
        StatusCode::TOO_MANY_REQUESTS,
        "{}",
        refused.body
    );
    let message = refused.json::<app::error::AppError>().to_string();
    assert!(message.contains("Bitte warten Sie"), "{message}");
    assert!(message.contains("Ihr Text bleibt erhalten"), "{message}");
    // Nothing of the refused text was stored; another person is not held back.
    let stored = app::entities::comment::Entity::find()
        .filter(app::entities::comment::Column::Body.eq("Kommentar Nummer 20"))
        .count(&s.app.db)
        .await
        .unwrap();
    assert_eq!(stored, 0);
    // Without JavaScript the refused form returns to its page, and the text comes back with
    // the message instead of being lost.
    let page = format!("/prozesse/{}/runden/{round_id}", s.process_id);
    let plain = crate::comment_list::plain_post(&mut s.staff, "post_comment", &fields, &page).await;
    assert_eq!(plain.status, StatusCode::FOUND, "{}", plain.body);
    let flash = crate::helpers::call_ok(&mut s.staff, "take_flash", &[]).await;
    assert!(
        flash["message"]
            .as_str()
            .unwrap()
            .contains("Bitte warten Sie"),
        "{flash}"
    );
    assert_eq!(flash["text"], "Kommentar Nummer 20");
    let response = s.nora.call("post_comment", &fields).await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.body);
    drop(s.app);
}

/// Inserts `n` replies to `parent` directly (their number, not their posting, is under test).
async fn insert_replies(
    db: &sea_orm::DatabaseConnection,
    parent: &app::entities::comment::Model,
    n: usize,
) {
    use app::entities::comment;
    let rows = (0..n).map(|i| comment::ActiveModel {
        round_id: Set(parent.round_id),
        version_id: Set(parent.version_id),
        block_id: Set(parent.block_id.clone()),
        quote: Set(None),
        parent_id: Set(Some(parent.id)),
        author_id: Set(parent.author_id),
        anonymous: Set(false),
        body: Set(format!("Antwort {i:03}")),
        body_hash: Set(format!("hash-{i}")),
        hidden_reason: Set(None),
        hidden_by: Set(None),
        created_at: Set(chrono::Utc::now()),
        edited_at: Set(None),
        ..Default::default()
    });
    comment::Entity::insert_many(rows).exec(db).await.unwrap();
}

async fn a_round_page_shows_the_first_replies_and_the_rest_load_page_by_page(backend: Backend) {
    use crate::helpers::call_ok;
    use crate::rounds::{comment_on, open, round_view, setup};
    let mut s = setup(backend).await;
    let round_id = open(&mut s.nora, s.process_id, false).await;
    let view = round_view(&mut s.staff, s.process_id, round_id).await;
    let thread = comment_on(&mut s.staff, &view, "b2", "Wer entscheidet das?").await;
    let parent = app::entities::comment::Entity::find_by_id(thread)
        .one(&s.app.db)
        .await
        .unwrap()
        .unwrap();
    insert_replies(&s.app.db, &parent, 60).await;

    // The page carries the first three replies and the number of the rest, not all 60.
    let view = round_view(&mut s.staff, s.process_id, round_id).await;
    let block = view["blocks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["id"] == "b2")
        .expect("paragraph b2");
    let shown = &block["first"][0];
    assert_eq!(
        shown["replies"].as_array().map(Vec::len),
        Some(3),
        "{shown}"
    );
    assert_eq!(shown["more_replies"], 57);
    let html = s
        .staff
        .get(&format!("/prozesse/{}/runden/{round_id}", s.process_id))
        .await;
    assert!(html.body.contains("Antwort 002") && !html.body.contains("Antwort 003"));
    assert!(
        html.body.contains("Weitere 57 Antworten anzeigen"),
        "the button is missing"
    );

    // The rest: 50, then 7.
    let after = shown["replies"][2]["id"].to_string();
    let page = call_ok(
        &mut s.staff,
        "list_replies",
        &[("comment_id", &thread.to_string()), ("after", &after)],
    )
    .await;
    assert_eq!(page["replies"].as_array().map(Vec::len), Some(50));
    assert_eq!(page["replies"][0]["body"], "Antwort 003");
    let next = page["next_after"].to_string();
    let last = call_ok(
        &mut s.staff,
        "list_replies",
        &[("comment_id", &thread.to_string()), ("after", &next)],
    )
    .await;
    assert_eq!(last["replies"].as_array().map(Vec::len), Some(7));
    assert_eq!(last["next_after"], serde_json::Value::Null);
    // The list of all comments counts all replies.
    let list = call_ok(
        &mut s.staff,
        "list_round_comments",
        &[
            ("process_id", &s.process_id.to_string()),
            ("round_id", &round_id.to_string()),
            ("section", ""),
            ("status", ""),
            ("mine", "false"),
            ("page", "1"),
        ],
    )
    .await;
    assert_eq!(list["items"][0]["replies"], 60);
    drop(s.app);
}

async fn the_dialogue_space_shows_the_first_replies_and_a_page_per_report(backend: Backend) {
    use crate::helpers::call_ok;
    use app::entities::dialogue_post;
    let mut a = crate::reviews::adopted(backend).await;
    let report: i64 = crate::reviews::report(&mut a.staff, &a.pid, "use_case", "Protokolle", false)
        .await
        .json();
    let post = dialogue_post::Entity::find_by_id(report)
        .one(&a.app.db)
        .await
        .unwrap()
        .unwrap();
    let rows = (0..55).map(|i| dialogue_post::ActiveModel {
        process_id: Set(post.process_id),
        version_id: Set(post.version_id),
        parent_id: Set(Some(post.id)),
        kind: Set(None),
        author_id: Set(post.author_id),
        anonymous: Set(false),
        body: Set(format!("Antwort {i:03}")),
        body_hash: Set(format!("hash-{i}")),
        created_at: Set(chrono::Utc::now()),
        ..Default::default()
    });
    dialogue_post::Entity::insert_many(rows)
        .exec(&a.app.db)
        .await
        .unwrap();

    let page = call_ok(&mut a.staff, "get_dialogue", &[("process_id", &a.pid)]).await;
    assert_eq!(
        page["posts"][0]["replies"].as_array().map(Vec::len),
        Some(3)
    );
    assert_eq!(page["posts"][0]["more_replies"], 52);
    let html = a
        .staff
        .get(&format!("/prozesse/{}/erfahrungen", a.pid))
        .await;
    assert!(html.body.contains("Weitere 52 Antworten anzeigen"));
    assert!(
        html.body.contains(&format!("beitrag={report}")),
        "no link to the report's page"
    );

    // The report's own page, 50 replies a page, works without JavaScript (plain links).
    let thread = call_ok(
        &mut a.staff,
        "get_dialogue",
        &[
            ("process_id", &a.pid),
            ("thread", &report.to_string()),
            ("replies_page", "2"),
        ],
    )
    .await;
    assert_eq!(thread["posts"].as_array().map(Vec::len), Some(1));
    assert_eq!(
        thread["posts"][0]["replies"].as_array().map(Vec::len),
        Some(5)
    );
    assert_eq!(thread["posts"][0]["replies"][0]["body"], "Antwort 050");
    assert_eq!(thread["thread"]["pages"], 2);
    let html = a
        .staff
        .get(&format!(
            "/prozesse/{}/erfahrungen?beitrag={report}&antworten=2",
            a.pid
        ))
        .await;
    assert!(html.body.contains("Antwort 054") && !html.body.contains("Antwort 049"));
    drop(a.app);
}

async fn pages_functions_and_files_carry_the_security_headers(backend: Backend) {
    let (_site, root) = built_site();
    let app = TestApp::spawn_with(backend, |config| config.site_root = root).await;
    let mut staff = app.client();
    staff.login(STAFF.0, STAFF.1).await;

    // A page: its own policy names the nonce that every inline script carries.
    let page = staff.get("/").await;
    assert_eq!(page.status, StatusCode::OK);
    assert_security_headers(&page, "page");
    assert_eq!(header(&page, "cache-control"), "no-store");
    let csp = header(&page, "content-security-policy");
    let nonce = csp
        .split("'nonce-")
        .nth(1)
        .and_then(|rest| rest.split('\'').next())
        .unwrap_or_else(|| panic!("no nonce in {csp}"));
    let scripts: Vec<&str> = page.body.split("<script").skip(1).collect();
    assert!(!scripts.is_empty(), "the page has no scripts");
    for script in &scripts {
        let tag = script.split('>').next().unwrap_or_default();
        assert!(
            tag.contains(&format!("nonce=\"{nonce}\"")) || tag.contains(" src="),
            "inline script without the nonce: <script{tag}>"
        );
    }
    // The page loads the hashed bundle.
    assert!(
        page.body.contains("/pkg/mitsprache-0123456789abcdef.css"),
        "css link"
    );
    assert!(
        page.body.contains("mitsprache-0123456789abcdef"),
        "script names"
    );
    // Two pages get two nonces.
    let again = staff.get("/").await;
    assert_ne!(header(&again, "content-security-policy"), csp);

    // A server function.
    let answer = staff.call("current_user", &[]).await;
    assert_eq!(answer.status, StatusCode::OK);
    assert_security_headers(&answer, "server function");
    assert_eq!(header(&answer, "cache-control"), "no-store");

    // A file of the bundle.
    let file = staff.get("/pkg/mitsprache-0123456789abcdef.js").await;
    assert_eq!(file.status, StatusCode::OK);
    assert_security_headers(&file, "file");
    drop(app);
}

async fn the_bundle_is_served_precompressed_and_cacheable_and_pages_are_compressed(
    backend: Backend,
) {
    use axum::body::Body;
    use axum::http::{header, Request};
    let (_site, root) = built_site();
    let app = TestApp::spawn_with(backend, |config| config.site_root = root).await;
    let mut client = app.client();
    let get = |path: &str, encoding: &str| {
        Request::get(path)
            .header(header::HOST, "127.0.0.1:3000")
            .header(header::ACCEPT_ENCODING, encoding)
            .body(Body::empty())
            .unwrap()
    };
    let wasm = "/pkg/mitsprache-0123456789abcdef_bg.wasm";
    let br = client.send(get(wasm, "gzip, deflate, br")).await;
    assert_eq!(br.status, StatusCode::OK);
    assert_eq!(self::header(&br, "content-encoding"), "br");
    assert_eq!(br.body, "brotli bytes");
    assert_eq!(
        self::header(&br, "cache-control"),
        "public, max-age=31536000, immutable"
    );
    let gz = client.send(get(wasm, "gzip")).await;
    assert_eq!(self::header(&gz, "content-encoding"), "gzip");
    assert_eq!(gz.body, "gzip bytes");
    let plain = client.send(get(wasm, "identity")).await;
    assert!(plain.headers.get("content-encoding").is_none());
    // A file that does not exist is not cached for a year.
    let missing = client.send(get("/pkg/mitsprache-alt.js", "br")).await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert_eq!(self::header(&missing, "cache-control"), "no-store");
    // Pages and server-function answers are compressed on the fly.
    let page = client.send(get("/anmelden", "br")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(self::header(&page, "content-encoding"), "br");
    client.login(STAFF.0, STAFF.1).await;
    let answer = client
        .send(
            Request::post("/api/current_user")
                .header(header::HOST, "127.0.0.1:3000")
                .header(header::ACCEPT_ENCODING, "gzip")
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .header("sec-fetch-site", "same-origin")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(answer.status, StatusCode::OK);
    assert_eq!(self::header(&answer, "content-encoding"), "gzip");
    drop(app);
}

/// Two app instances behind a load balancer: a person's requests alternate between them.
async fn two_instances_on_one_database_share_sessions_and_keep_one_audit_chain(backend: Backend) {
    use crate::helpers::call_ok;
    use crate::rounds::{comment_on, open, round_view, setup};
    let mut s = setup(backend).await;
    let b = s.app.second_instance().await;
    let round_id = open(&mut s.nora, s.process_id, false).await;

    // Logged in on A (the setup did that), the staff member comments through B.
    let mut staff_b = s.staff.via(&b);
    assert_eq!(staff_b.whoami().await.as_deref(), Some(STAFF.0));
    let view = round_view(&mut staff_b, s.process_id, round_id).await;
    let comment = comment_on(&mut staff_b, &view, "b2", "Über B geschrieben.").await;
    // A fresh log-in on B holds on A.
    let mut fresh = app_client_on(&b);
    fresh.login(COORDINATOR.0, COORDINATOR.1).await;
    let mut fresh_a = fresh.via(&s.app.router);
    assert_eq!(fresh_a.whoami().await.as_deref(), Some(COORDINATOR.0));

    // The round ends; the group answers on A what was written on B.
    let stored = app::entities::round::Entity::find_by_id(round_id)
        .one(&s.app.db)
        .await
        .unwrap()
        .unwrap();
    let mut ended: app::entities::round::ActiveModel = stored.into();
    ended.starts_at = Set(chrono::Utc::now() - chrono::Duration::days(3));
    ended.deadline = Set(chrono::Utc::now() - chrono::Duration::minutes(1));
    sea_orm::ActiveModelTrait::update(ended, &s.app.db)
        .await
        .unwrap();
    call_ok(
        &mut s.nora,
        "decide_comments",
        &[
            ("round_id", &round_id.to_string()),
            ("comment_ids", &comment.to_string()),
            ("kind", "accepted"),
            ("reason", ""),
        ],
    )
    .await;
    let mine = call_ok(&mut staff_b, "my_comments", &[]).await;
    assert!(mine.to_string().contains("Über B geschrieben."), "{mine}");

    // State changes from both instances at once form one gapless, intact chain.
    let mut tasks = Vec::new();
    for i in 0..16 {
        let mut client = if i % 2 == 0 {
            fresh_a.clone()
        } else {
            fresh.clone()
        };
        tasks.push(tokio::spawn(async move {
            client
                .call(
                    "create_process",
                    &[("title", &format!("Leitlinie {i}")), ("description", "")],
                )
                .await
        }));
    }
    for task in tasks {
        let response = task.await.unwrap();
        assert_eq!(response.status, StatusCode::OK, "{}", response.body);
    }
    let report = app::audit::ssr::verify(&s.app.db).await.unwrap();
    assert_eq!(report.broken, None);
    let entries = app::entities::audit_log::Entity::find()
        .count(&s.app.db)
        .await
        .unwrap() as i64;
    assert_eq!(report.checked, entries, "every entry verified, none lost");
    assert!(entries >= 16);
    drop(s.app);
}

/// A client without a session on `router`.
fn app_client_on(router: &axum::Router) -> crate::helpers::Client {
    crate::helpers::Client::on(router)
}
