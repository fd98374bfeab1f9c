//! Bad input at the HTTP level: oversized bodies, malformed server-function payloads, invalid
//! UTF-8, unknown ids and ids of other processes always get a clean 4xx with a German
//! message — never a 500, never a panic (a panic would be caught and answered with 500).

use crate::helpers::{
    change_step, create_process, Backend, Client, TestApp, TestResponse, COORDINATOR, STAFF,
};
use crate::on_both_databases;
use axum::body::Body;
use axum::http::{header, Request, StatusCode};

on_both_databases!(
    an_oversized_body_is_refused_with_413_and_a_german_page,
    malformed_payloads_are_a_clean_400,
    invalid_utf8_is_a_clean_400,
    unknown_ids_are_a_clean_404,
    ids_of_another_process_are_refused,
    unknown_endpoints_and_wrong_methods_are_4xx,
    two_sessions_saving_the_same_draft_never_lose_an_accepted_text,
);

/// A raw POST to a server function with the headers a same-origin browser fetch sends.
fn raw_post(function: &str, content_type: &str, body: Vec<u8>) -> Request<Body> {
    Request::post(format!("/api/{function}"))
        .header(header::CONTENT_TYPE, content_type)
        .header(header::ACCEPT, "application/json")
        .header(header::HOST, "127.0.0.1:3000")
        .header("sec-fetch-site", "same-origin")
        .header(header::ORIGIN, "http://127.0.0.1:3000")
        .body(Body::from(body))
        .expect("request")
}

/// Asserts a clean refusal: a 4xx status (the expected one) and a German text, no stack trace.
fn assert_clean(response: &TestResponse, expected: StatusCode, what: &str) {
    assert_eq!(response.status, expected, "{what}: {}", response.body);
    assert!(!response.body.is_empty(), "{what}: empty body");
    for leak in ["panicked", "RUST_BACKTRACE", "src/", "DbErr", "sqlx"] {
        assert!(
            !response.body.contains(leak),
            "{what}: internal detail {leak:?} in {}",
            response.body
        );
    }
    let german = [
        "Anfrage",
        "nicht",
        "Seite",
        "zu groß",
        "gefunden",
        "Bitte",
        "ungültig",
    ];
    assert!(
        german.iter().any(|w| response.body.contains(w)),
        "{what}: no German message in {}",
        response.body
    );
}

async fn signed_in(app: &TestApp, who: (&str, &str)) -> Client {
    let mut client = app.client();
    client.login(who.0, who.1).await;
    client
}

async fn an_oversized_body_is_refused_with_413_and_a_german_page(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let mut staff = signed_in(&app, STAFF).await;
    let huge = format!("process_id=1&text={}", "a".repeat(server::BODY_LIMIT + 1));
    // As browsers send it: with its length announced.
    let mut request = raw_post(
        "submit_contribution",
        "application/x-www-form-urlencoded",
        huge.clone().into_bytes(),
    );
    request.headers_mut().insert(
        header::CONTENT_LENGTH,
        huge.len().to_string().parse().expect("length header"),
    );
    let response = staff.send(request).await;
    assert_clean(&response, StatusCode::PAYLOAD_TOO_LARGE, "oversized body");
    assert!(response.body.contains("zu groß"), "{}", response.body);
    // Streamed without a length, the limit still stops it: a clean refusal, never a 500.
    let response = staff
        .send(raw_post(
            "submit_contribution",
            "application/x-www-form-urlencoded",
            huge.into_bytes(),
        ))
        .await;
    assert!(
        response.status == StatusCode::PAYLOAD_TOO_LARGE
            || response.status == StatusCode::BAD_REQUEST,
        "streamed oversized body: {} {}",
        response.status,
        response.body
    );
}

async fn malformed_payloads_are_a_clean_400(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let mut admin = signed_in(&app, COORDINATOR).await;
    let cases: [(&str, &str, &[u8]); 5] = [
        (
            "create_process",
            "application/x-www-form-urlencoded",
            b"title",
        ),
        (
            "create_process",
            "application/x-www-form-urlencoded",
            b"%%%=%%%&&==",
        ),
        (
            "get_process",
            "application/x-www-form-urlencoded",
            b"id=1e999",
        ),
        ("get_process", "application/x-www-form-urlencoded", b"id=-"),
        (
            "change_step",
            "application/x-www-form-urlencoded",
            b"process_id=1&to[]=x",
        ),
    ];
    for (function, content_type, body) in cases {
        let response = admin
            .send(raw_post(function, content_type, body.to_vec()))
            .await;
        assert_clean(
            &response,
            StatusCode::BAD_REQUEST,
            &format!("{function} {:?}", String::from_utf8_lossy(body)),
        );
    }
}

async fn invalid_utf8_is_a_clean_400(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let mut admin = signed_in(&app, COORDINATOR).await;
    let mut body = b"title=".to_vec();
    body.extend_from_slice(&[0xff, 0xfe, 0xc3, 0x28]);
    body.extend_from_slice(b"&description=");
    let response = admin
        .send(raw_post(
            "create_process",
            "application/x-www-form-urlencoded",
            body,
        ))
        .await;
    assert_clean(&response, StatusCode::BAD_REQUEST, "raw invalid UTF-8");
    // Percent-encoded invalid bytes are decoded leniently, as browsers do: each becomes U+FFFD,
    // and the text is stored as such (never a 500, never raw bytes in the database).
    let response = admin
        .send(raw_post(
            "create_process",
            "application/x-www-form-urlencoded",
            b"title=Titel%FF%FE%C3%28&description=".to_vec(),
        ))
        .await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.body);
    let id: i64 = response.json();
    let detail = admin.call("get_process", &[("id", &id.to_string())]).await;
    assert_eq!(detail.status, StatusCode::OK, "{}", detail.body);
    let detail: serde_json::Value = detail.json();
    let title = detail["title"]
        .as_str()
        .or_else(|| detail["process"]["title"].as_str())
        .unwrap_or_else(|| panic!("no title in {detail}"));
    assert!(title.starts_with("Titel\u{FFFD}"), "{title:?}");
}

async fn unknown_ids_are_a_clean_404(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let mut admin = signed_in(&app, COORDINATOR).await;
    let cases: [(&str, &[(&str, &str)]); 5] = [
        ("get_process", &[("id", "999999")]),
        ("get_draft", &[("process_id", "999999")]),
        ("list_versions", &[("process_id", "999999")]),
        (
            "get_round",
            &[("process_id", "999999"), ("round_id", "999999")],
        ),
        ("deactivate_user", &[("user_id", "999999")]),
    ];
    for (function, fields) in cases {
        let response = admin.call(function, fields).await;
        assert_clean(&response, StatusCode::NOT_FOUND, function);
    }
    let page = admin.get("/prozesse/999999").await;
    assert_clean(&page, StatusCode::NOT_FOUND, "unknown process page");
    let page = admin.get("/prozesse/keine-zahl").await;
    assert!(
        page.status.is_client_error(),
        "non-numeric id: {}",
        page.status
    );
}

async fn ids_of_another_process_are_refused(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let mut admin = signed_in(&app, COORDINATOR).await;
    // Process A in discourse with a round; process B without.
    let a = crate::helpers::process_in_draft_step(&mut admin, "Prozess A").await;
    let b = create_process(&mut admin, "Prozess B").await;
    crate::helpers::appoint_member(&mut admin, a, COORDINATOR.0).await;
    let started = admin
        .call(
            "start_draft",
            &[("process_id", &a.to_string()), ("from_template", "ja")],
        )
        .await;
    assert_eq!(started.status, StatusCode::OK, "{}", started.body);
    let edit_count: i32 = started.json();
    let published = admin
        .call(
            "publish_version",
            &[
                ("process_id", &a.to_string()),
                ("change_summary", "Erste Fassung"),
                ("edit_count", &edit_count.to_string()),
            ],
        )
        .await;
    assert_eq!(published.status, StatusCode::OK, "{}", published.body);
    change_step(&mut admin, a, "discourse", "").await;
    let round_id = crate::rounds::open(&mut admin, a, false).await;

    // The round of A asked for under B's id is not found, as if it did not exist.
    let response = admin
        .call(
            "get_round",
            &[
                ("process_id", &b.to_string()),
                ("round_id", &round_id.to_string()),
            ],
        )
        .await;
    assert_clean(&response, StatusCode::NOT_FOUND, "round of A under B");
    let page = admin.get(&format!("/prozesse/{b}/runden/{round_id}")).await;
    assert_clean(&page, StatusCode::NOT_FOUND, "round page of A under B");
    let response = admin
        .call(
            "get_version",
            &[("process_id", &b.to_string()), ("number", "1")],
        )
        .await;
    assert!(
        response.status == StatusCode::NOT_FOUND,
        "version 1 of A under B: {} {}",
        response.status,
        response.body
    );
}

async fn unknown_endpoints_and_wrong_methods_are_4xx(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let mut admin = signed_in(&app, COORDINATOR).await;
    let response = admin.call("gibt_es_nicht", &[]).await;
    assert!(
        response.status.is_client_error(),
        "unknown server function: {} {}",
        response.status,
        response.body
    );
    let response = admin
        .send(
            Request::get("/api/list_processes")
                .header(header::HOST, "127.0.0.1:3000")
                .body(Body::empty())
                .expect("request"),
        )
        .await;
    assert!(
        response.status.is_client_error(),
        "GET on a POST server function: {} {}",
        response.status,
        response.body
    );
}

/// Two sessions of the project group save the same working draft at once, many times. Each save
/// either succeeds with the next edit count or is refused as a conflict; accepted saves form one
/// gapless sequence, and the stored text is the one of the last accepted save.
async fn two_sessions_saving_the_same_draft_never_lose_an_accepted_text(backend: Backend) {
    const ROUNDS: usize = 40;
    let app = TestApp::spawn(backend).await;
    let mut admin = signed_in(&app, COORDINATOR).await;
    let process_id = crate::helpers::process_in_draft_step(&mut admin, "Gleichzeitig").await;
    crate::helpers::appoint_member(&mut admin, process_id, COORDINATOR.0).await;
    let started = admin
        .call(
            "start_draft",
            &[
                ("process_id", &process_id.to_string()),
                ("from_template", "nein"),
            ],
        )
        .await;
    assert_eq!(started.status, StatusCode::OK, "{}", started.body);
    let first: i32 = started.json();
    let second = signed_in(&app, COORDINATOR).await;

    let run = |mut client: Client, who: &'static str| async move {
        let mut accepted: Vec<(i32, String)> = Vec::new();
        let mut conflicts = 0usize;
        for i in 0..ROUNDS {
            let draft = client
                .call("get_draft", &[("process_id", &process_id.to_string())])
                .await;
            assert_eq!(draft.status, StatusCode::OK, "{}", draft.body);
            let draft: serde_json::Value = draft.json();
            let base = draft["edit_count"]
                .as_i64()
                .or_else(|| draft["draft"]["edit_count"].as_i64())
                .unwrap_or_else(|| panic!("no edit_count in {draft}"));
            let text = format!("# Entwurf\n\nText von {who}, Runde {i}.\n");
            let saved = client
                .call(
                    "save_draft",
                    &[
                        ("process_id", &process_id.to_string()),
                        ("body", &text),
                        ("edit_count", &base.to_string()),
                    ],
                )
                .await;
            match saved.status {
                StatusCode::OK => accepted.push((saved.json(), text)),
                StatusCode::CONFLICT => conflicts += 1,
                other => panic!("save answered {other}: {}", saved.body),
            }
        }
        (accepted, conflicts)
    };
    let (a, b) = tokio::join!(run(admin.clone(), "A"), run(second, "B"));
    let mut accepted: Vec<(i32, String)> = a.0.into_iter().chain(b.0).collect();
    accepted.sort_by_key(|(count, _)| *count);
    let counts: Vec<i32> = accepted.iter().map(|(c, _)| *c).collect();
    let expected: Vec<i32> = (first + 1..=first + counts.len() as i32).collect();
    assert_eq!(
        counts, expected,
        "accepted saves must form one gapless sequence (conflicts: {} + {})",
        a.1, b.1
    );
    assert_eq!(
        accepted.len() + a.1 + b.1,
        2 * ROUNDS,
        "every save is answered"
    );
    let stored = admin
        .call("get_draft", &[("process_id", &process_id.to_string())])
        .await;
    let stored: serde_json::Value = stored.json();
    let stored_text = stored["body"]
        .as_str()
        .or_else(|| stored["draft"]["body"].as_str())
        .unwrap_or_else(|| panic!("no body in {stored}"));
    let last = accepted.last().expect("at least one save was accepted");
    assert_eq!(
        stored_text, last.1,
        "the stored text is the last accepted one"
    );
}
