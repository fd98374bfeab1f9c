//! Discourse rounds: who opens them, comments, replies, support, edits with history, the
//! deadline, the audience, anonymous authors, duplicate submissions and paging.

use crate::helpers::{
    appoint, call_ok, new_member_client, process_in_draft_step, Backend, Client, TestApp,
    TestResponse, COORDINATOR, STAFF,
};
use crate::on_both_databases;
use app::domain::disposition::Disposition;
use app::entities::{comment, comment_edit, disposition, round};
use axum::http::StatusCode;
use chrono::{Duration, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};

on_both_databases!(
    only_the_project_group_opens_a_round_and_only_one_at_a_time,
    staff_comment_and_the_group_replies_in_one_level_threads,
    support_counts_once_per_person_and_can_be_withdrawn,
    an_edit_keeps_the_old_text_and_ends_with_the_disposition,
    comments_after_the_deadline_are_refused_in_german,
    people_outside_the_audience_get_403,
    an_anonymous_author_appears_in_no_answer,
    empty_too_long_and_repeated_comments_are_handled,
    the_group_hides_a_comment_with_a_reason_the_author_sees,
    two_thousand_comments_load_in_bounded_pages,
    quotes_are_checked_against_the_text_of_the_apps_own_database,
);

/// The version text: a heading and three paragraphs (`b1` … `b4`).
pub(crate) const TEXT: &str = "# KI-Leitlinie\n\nWir nutzen KI verantwortungsvoll.\n\nDaten von Klientinnen gehören nicht in öffentliche KI-Dienste.\n\nFragen beantwortet die Koordination.\n";

/// A process in step 3 with one published version; the group is Nora alone.
pub(crate) struct Setup {
    pub(crate) app: TestApp,
    pub(crate) coordinator: Client,
    pub(crate) nora: Client,
    pub(crate) staff: Client,
    pub(crate) process_id: i64,
}

pub(crate) async fn setup(backend: Backend) -> Setup {
    setup_with_text(backend, TEXT).await
}

/// As [`setup`], with `text` as version 1.
pub(crate) async fn setup_with_text(backend: Backend, text: &str) -> Setup {
    setup_in(TestApp::spawn(backend).await, text).await
}

/// As [`setup`], on an app the caller started (e.g. with a mail server configured).
pub(crate) async fn setup_in(app: TestApp, text: &str) -> Setup {
    let mut coordinator = app.client();
    coordinator.login(COORDINATOR.0, COORDINATOR.1).await;
    let process_id = process_in_draft_step(&mut coordinator, "KI-Leitlinie 2027").await;
    let mut nora = new_member_client(&app, "Nora Gruppe", "nora@example.org").await;
    appoint(&mut coordinator, process_id, "nora@example.org").await;
    let pid = process_id.to_string();
    call_ok(
        &mut nora,
        "start_draft",
        &[("process_id", &pid), ("from_template", "nein")],
    )
    .await;
    let count = call_ok(
        &mut nora,
        "save_draft",
        &[("process_id", &pid), ("body", text), ("edit_count", "0")],
    )
    .await;
    let count = count.as_i64().expect("edit count").to_string();
    call_ok(
        &mut nora,
        "publish_version",
        &[
            ("process_id", &pid),
            ("change_summary", "Erste Fassung"),
            ("edit_count", &count),
        ],
    )
    .await;
    call_ok(
        &mut nora,
        "change_step",
        &[("process_id", &pid), ("to", "discourse"), ("reason", "")],
    )
    .await;
    let mut staff = app.client();
    staff.login(STAFF.0, STAFF.1).await;
    Setup {
        app,
        coordinator,
        nora,
        staff,
        process_id,
    }
}

fn in_days(days: i64) -> String {
    crate::helpers::berlin_day(days)
}

pub(crate) async fn try_open(
    client: &mut Client,
    process_id: i64,
    audience: &str,
    teams: &str,
    anonymous: bool,
) -> TestResponse {
    let pid = process_id.to_string();
    let deadline = in_days(14);
    let mut fields = vec![
        ("process_id", pid.as_str()),
        ("start_date", ""),
        ("start_time", ""),
        ("deadline_date", deadline.as_str()),
        ("deadline_time", "18:00"),
        ("audience", audience),
        ("teams", teams),
    ];
    if anonymous {
        fields.push(("anonymous_allowed", "on"));
    }
    client.call("open_round", &fields).await
}

pub(crate) async fn open(client: &mut Client, process_id: i64, anonymous: bool) -> i64 {
    let response = try_open(client, process_id, "everyone", "", anonymous).await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.body);
    response.json()
}

pub(crate) async fn round_view(
    client: &mut Client,
    process_id: i64,
    round_id: i64,
) -> serde_json::Value {
    call_ok(
        client,
        "get_round",
        &[
            ("process_id", &process_id.to_string()),
            ("round_id", &round_id.to_string()),
        ],
    )
    .await
}

async fn try_comment(
    client: &mut Client,
    view: &serde_json::Value,
    block: &str,
    quote: &str,
    body: &str,
) -> TestResponse {
    let round_id = view["round"]["id"].as_i64().expect("round id").to_string();
    let version_id = view["version_id"].as_i64().expect("version id").to_string();
    client
        .call(
            "post_comment",
            &[
                ("round_id", &round_id),
                ("version_id", &version_id),
                ("block_id", block),
                ("quote", quote),
                ("body", body),
            ],
        )
        .await
}

pub(crate) async fn comment_on(
    client: &mut Client,
    view: &serde_json::Value,
    block: &str,
    body: &str,
) -> i64 {
    let response = try_comment(client, view, block, "", body).await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.body);
    response.json()
}

pub(crate) async fn try_reply(
    client: &mut Client,
    view: &serde_json::Value,
    parent: i64,
    body: &str,
) -> TestResponse {
    let round_id = view["round"]["id"].as_i64().expect("round id").to_string();
    let version_id = view["version_id"].as_i64().expect("version id").to_string();
    client
        .call(
            "post_comment",
            &[
                ("round_id", &round_id),
                ("version_id", &version_id),
                ("block_id", ""),
                ("parent_id", &parent.to_string()),
                ("body", body),
            ],
        )
        .await
}

async fn comments(
    client: &mut Client,
    round_id: i64,
    block: &str,
    after: i64,
) -> serde_json::Value {
    call_ok(
        client,
        "list_comments",
        &[
            ("round_id", &round_id.to_string()),
            ("block_id", block),
            ("after", &after.to_string()),
        ],
    )
    .await
}

async fn support(client: &mut Client, comment_id: i64) -> TestResponse {
    client
        .call(
            "support_comment",
            &[("comment_id", &comment_id.to_string())],
        )
        .await
}

async fn only_the_project_group_opens_a_round_and_only_one_at_a_time(backend: Backend) {
    let mut s = setup(backend).await;
    let staff = try_open(&mut s.staff, s.process_id, "everyone", "", false).await;
    assert_eq!(staff.status, StatusCode::FORBIDDEN, "{}", staff.body);
    let coordinator = try_open(&mut s.coordinator, s.process_id, "everyone", "", false).await;
    assert_eq!(
        coordinator.status,
        StatusCode::FORBIDDEN,
        "{}",
        coordinator.body
    );

    let round_id = open(&mut s.nora, s.process_id, false).await;
    let view = round_view(&mut s.staff, s.process_id, round_id).await;
    assert_eq!(view["round"]["version_number"], 1);
    assert_eq!(view["round"]["state"], "Open");
    assert_eq!(view["can_comment"], true);
    assert_eq!(view["can_moderate"], false);
    let ids: Vec<&str> = view["blocks"]
        .as_array()
        .expect("blocks")
        .iter()
        .map(|b| b["id"].as_str().expect("block id"))
        .collect();
    assert_eq!(ids, ["b1", "b2", "b3", "b4"]);

    let second = try_open(&mut s.nora, s.process_id, "everyone", "", false).await;
    assert_eq!(second.status, StatusCode::CONFLICT, "{}", second.body);
    assert!(
        second.body.contains("bereits eine Diskursrunde"),
        "{}",
        second.body
    );

    let banners = call_ok(&mut s.staff, "my_open_rounds", &[]).await;
    assert_eq!(banners[0]["round_id"], round_id);
    assert_eq!(banners[0]["title"], "KI-Leitlinie 2027");
    assert_eq!(banners[0]["remaining"], "noch 14 Tage");
    let page = s
        .staff
        .get(&format!("/prozesse/{}/runden/{round_id}", s.process_id))
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains("Kommentieren: Absatz 2"),
        "button label in the page"
    );
    // The paragraphs' HTML is in the page once: not again in the hydration data, where it
    // would appear JSON-escaped (`\u003cp data-block=…`).
    assert!(
        page.body.contains(r#"<p data-block="b2">"#),
        "paragraph in the page"
    );
    assert!(
        !page.body.contains("u003cp data-block"),
        "paragraph HTML repeated in the hydration data"
    );
    // The server function the browser calls when it navigates to the page still brings it.
    assert!(view["blocks"][1]["html"]
        .as_str()
        .expect("html")
        .starts_with(r#"<p data-block="b2">"#));
    drop(s.app);
}

async fn staff_comment_and_the_group_replies_in_one_level_threads(backend: Backend) {
    let mut s = setup(backend).await;
    let round_id = open(&mut s.nora, s.process_id, false).await;
    let view = round_view(&mut s.staff, s.process_id, round_id).await;
    let response = try_comment(
        &mut s.staff,
        &view,
        "b3",
        "öffentliche KI-Dienste",
        "Was ist mit internen Diensten?",
    )
    .await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.body);
    let comment_id: i64 = response.json();
    let reply = try_reply(&mut s.nora, &view, comment_id, "Die sind erlaubt.").await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let reply_id: i64 = reply.json();
    let deeper = try_reply(&mut s.staff, &view, reply_id, "Danke!").await;
    assert_eq!(deeper.status, StatusCode::BAD_REQUEST, "{}", deeper.body);

    let wrong_quote = try_comment(&mut s.staff, &view, "b2", "steht hier nicht", "Text").await;
    assert_eq!(
        wrong_quote.status,
        StatusCode::BAD_REQUEST,
        "{}",
        wrong_quote.body
    );
    let wrong_block = try_comment(&mut s.staff, &view, "b99", "", "Text").await;
    assert_eq!(
        wrong_block.status,
        StatusCode::BAD_REQUEST,
        "{}",
        wrong_block.body
    );

    let page = comments(&mut s.nora, round_id, "b3", 0).await;
    let list = page["comments"].as_array().expect("comments");
    assert_eq!(list.len(), 1);
    assert_eq!(list[0]["quote"], "öffentliche KI-Dienste");
    assert_eq!(list[0]["author"], "Sam Mitarbeit");
    assert_eq!(list[0]["replies"][0]["id"], reply_id);
    assert_eq!(list[0]["replies"][0]["author"], "Nora Gruppe");
    assert_eq!(page["next_after"], serde_json::Value::Null);

    let view = round_view(&mut s.staff, s.process_id, round_id).await;
    assert_eq!(view["blocks"][2]["comments"], 2, "comment and reply count");
    assert_eq!(view["total_comments"], 2);
    drop(s.app);
}

async fn support_counts_once_per_person_and_can_be_withdrawn(backend: Backend) {
    let mut s = setup(backend).await;
    let round_id = open(&mut s.nora, s.process_id, false).await;
    let view = round_view(&mut s.staff, s.process_id, round_id).await;
    let comment_id = comment_on(&mut s.staff, &view, "b2", "Gut so.").await;

    let own = support(&mut s.staff, comment_id).await;
    assert_eq!(own.status, StatusCode::CONFLICT, "{}", own.body);

    let added: serde_json::Value = support(&mut s.nora, comment_id).await.json();
    assert_eq!(added["change"], "Add");
    assert_eq!(added["supports"], 1);
    let page = comments(&mut s.nora, round_id, "", 0).await;
    assert_eq!(page["comments"][0]["supports"], 1);
    assert_eq!(page["comments"][0]["supported"], true);

    let withdrawn: serde_json::Value = support(&mut s.nora, comment_id).await.json();
    assert_eq!(withdrawn["change"], "Withdraw");
    assert_eq!(withdrawn["supports"], 0);
    drop(s.app);
}

async fn an_edit_keeps_the_old_text_and_ends_with_the_disposition(backend: Backend) {
    let mut s = setup(backend).await;
    let round_id = open(&mut s.nora, s.process_id, false).await;
    let view = round_view(&mut s.staff, s.process_id, round_id).await;
    let comment_id = comment_on(&mut s.staff, &view, "b2", "Erste Fassung.").await;
    let id = comment_id.to_string();

    let other = s
        .nora
        .call("edit_comment", &[("comment_id", &id), ("body", "Fremd")])
        .await;
    assert_eq!(other.status, StatusCode::FORBIDDEN, "{}", other.body);

    call_ok(
        &mut s.staff,
        "edit_comment",
        &[("comment_id", &id), ("body", "Zweite Fassung.")],
    )
    .await;
    let stored = comment::Entity::find_by_id(comment_id)
        .one(&s.app.db)
        .await
        .expect("query")
        .expect("comment");
    assert_eq!(stored.body, "Zweite Fassung.");
    assert!(stored.edited_at.is_some());
    let history = comment_edit::Entity::find()
        .filter(comment_edit::Column::CommentId.eq(comment_id))
        .all(&s.app.db)
        .await
        .expect("query");
    assert_eq!(history.len(), 1);
    assert_eq!(history[0].body, "Erste Fassung.");
    let page = comments(&mut s.staff, round_id, "b2", 0).await;
    assert_eq!(page["comments"][0]["edited"], true);

    disposition::ActiveModel {
        comment_id: Set(comment_id),
        kind: Set(Disposition::Accepted),
        reason: Set(None),
        decided_by: Set(1),
        decided_at: Set(Utc::now()),
    }
    .insert(&s.app.db)
    .await
    .expect("disposition");
    let late = s
        .staff
        .call(
            "edit_comment",
            &[("comment_id", &id), ("body", "Dritte Fassung.")],
        )
        .await;
    assert_eq!(late.status, StatusCode::CONFLICT, "{}", late.body);
    drop(s.app);
}

async fn comments_after_the_deadline_are_refused_in_german(backend: Backend) {
    let mut s = setup(backend).await;
    let round_id = open(&mut s.nora, s.process_id, false).await;
    let view = round_view(&mut s.staff, s.process_id, round_id).await;
    let stored = round::Entity::find_by_id(round_id)
        .one(&s.app.db)
        .await
        .expect("query")
        .expect("round");
    let mut ended: round::ActiveModel = stored.into();
    ended.starts_at = Set(Utc::now() - Duration::days(10));
    ended.deadline = Set(Utc::now() - Duration::days(1));
    ended.update(&s.app.db).await.expect("move deadline");

    let late = try_comment(&mut s.staff, &view, "b2", "", "Zu spät?").await;
    assert_eq!(late.status, StatusCode::CONFLICT, "{}", late.body);
    assert!(
        late.body.contains("Die Runde ist seit") && late.body.contains("geschlossen"),
        "{}",
        late.body
    );
    let view = round_view(&mut s.staff, s.process_id, round_id).await;
    assert_eq!(view["can_comment"], false);
    assert!(view["closed_message"]
        .as_str()
        .expect("message")
        .starts_with("Die Runde ist seit"));
    let banners = call_ok(&mut s.staff, "my_open_rounds", &[]).await;
    assert_eq!(banners, serde_json::json!([]));
    drop(s.app);
}

async fn people_outside_the_audience_get_403(backend: Backend) {
    let mut s = setup(backend).await;
    let response = try_open(
        &mut s.nora,
        s.process_id,
        "teams",
        "Pflege, Verwaltung",
        false,
    )
    .await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.body);
    let round_id: i64 = response.json();
    let view = round_view(&mut s.nora, s.process_id, round_id).await;
    assert_eq!(view["round"]["audience"], "Teams: Pflege, Verwaltung");

    let pid = s.process_id.to_string();
    let rid = round_id.to_string();
    let denied = s
        .staff
        .call("get_round", &[("process_id", &pid), ("round_id", &rid)])
        .await;
    assert_eq!(denied.status, StatusCode::FORBIDDEN, "{}", denied.body);
    let post = try_comment(&mut s.staff, &view, "b2", "", "Darf ich?").await;
    assert_eq!(post.status, StatusCode::FORBIDDEN, "{}", post.body);
    let list = s
        .staff
        .call(
            "list_comments",
            &[("round_id", &rid), ("block_id", ""), ("after", "0")],
        )
        .await;
    assert_eq!(list.status, StatusCode::FORBIDDEN, "{}", list.body);
    let rounds = call_ok(&mut s.staff, "list_rounds", &[("process_id", &pid)]).await;
    assert_eq!(rounds["rounds"], serde_json::json!([]));
    assert_eq!(
        call_ok(&mut s.staff, "my_open_rounds", &[]).await,
        serde_json::json!([])
    );
    drop(s.app);
}

async fn an_anonymous_author_appears_in_no_answer(backend: Backend) {
    let mut s = setup(backend).await;
    let not_allowed = open(&mut s.nora, s.process_id, false).await;
    let view = round_view(&mut s.staff, s.process_id, not_allowed).await;
    let refused = s
        .staff
        .call(
            "post_comment",
            &[
                ("round_id", &not_allowed.to_string()),
                ("version_id", &view["version_id"].to_string()),
                ("block_id", "b2"),
                ("body", "Anonym?"),
                ("anonymous", "on"),
            ],
        )
        .await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST, "{}", refused.body);
    // Close the first round in the database so that a second one may open.
    let mut first: round::ActiveModel = round::Entity::find_by_id(not_allowed)
        .one(&s.app.db)
        .await
        .expect("query")
        .expect("round")
        .into();
    first.closed_at = Set(Some(Utc::now()));
    first.update(&s.app.db).await.expect("close");

    let round_id = open(&mut s.nora, s.process_id, true).await;
    let view = round_view(&mut s.staff, s.process_id, round_id).await;
    let response = s
        .staff
        .call(
            "post_comment",
            &[
                ("round_id", &round_id.to_string()),
                ("version_id", &view["version_id"].to_string()),
                ("block_id", "b2"),
                ("body", "Ich traue mich nicht, das offen zu sagen."),
                ("anonymous", "on"),
            ],
        )
        .await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.body);
    let comment_id: i64 = response.json();
    let reply = try_reply(&mut s.nora, &view, comment_id, "Danke für den Hinweis.").await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);

    for client in [&mut s.nora, &mut s.coordinator] {
        let page = client
            .call(
                "list_comments",
                &[
                    ("round_id", &round_id.to_string()),
                    ("block_id", ""),
                    ("after", "0"),
                ],
            )
            .await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.body);
        assert!(!page.body.contains("Sam"), "{}", page.body);
        assert!(!page.body.contains("mitarbeit@"), "{}", page.body);
        let json: serde_json::Value = page.json();
        assert_eq!(json["comments"][0]["author"], serde_json::Value::Null);
        assert_eq!(json["comments"][0]["anonymous"], true);
        assert_eq!(json["comments"][0]["mine"], false);
    }
    let own = comments(&mut s.staff, round_id, "", 0).await;
    assert_eq!(own["comments"][0]["mine"], true);
    assert_eq!(own["comments"][0]["author"], serde_json::Value::Null);
    let html = s
        .nora
        .get(&format!("/prozesse/{}/runden/{round_id}", s.process_id))
        .await;
    assert!(!html.body.contains("Sam Mitarbeit"));
    drop(s.app);
}

async fn empty_too_long_and_repeated_comments_are_handled(backend: Backend) {
    let mut s = setup(backend).await;
    let round_id = open(&mut s.nora, s.process_id, false).await;
    let view = round_view(&mut s.staff, s.process_id, round_id).await;
    let empty = try_comment(&mut s.staff, &view, "b2", "", "   ").await;
    assert_eq!(empty.status, StatusCode::BAD_REQUEST, "{}", empty.body);
    let long = "x".repeat(5_001);
    let too_long = try_comment(&mut s.staff, &view, "b2", "", &long).await;
    assert_eq!(
        too_long.status,
        StatusCode::BAD_REQUEST,
        "{}",
        too_long.body
    );
    assert!(too_long.body.contains("5"), "{}", too_long.body);
    let exactly = "x".repeat(5_000);
    let first = comment_on(&mut s.staff, &view, "b2", &exactly).await;

    let once = comment_on(&mut s.staff, &view, "b3", "Doppelt geklickt.").await;
    let twice = comment_on(&mut s.staff, &view, "b3", "Doppelt geklickt.").await;
    assert_eq!(
        once, twice,
        "the repeated submission returns the stored comment"
    );
    assert_ne!(first, once);
    let stored = comment::Entity::find()
        .filter(comment::Column::RoundId.eq(round_id))
        .all(&s.app.db)
        .await
        .expect("query");
    assert_eq!(stored.len(), 2);
    drop(s.app);
}

async fn the_group_hides_a_comment_with_a_reason_the_author_sees(backend: Backend) {
    let mut s = setup(backend).await;
    let round_id = open(&mut s.nora, s.process_id, false).await;
    let view = round_view(&mut s.staff, s.process_id, round_id).await;
    let comment_id = comment_on(&mut s.staff, &view, "b2", "Beleidigung.").await;
    let id = comment_id.to_string();

    let by_staff = s
        .staff
        .call("hide_comment", &[("comment_id", &id), ("reason", "weg")])
        .await;
    assert_eq!(by_staff.status, StatusCode::FORBIDDEN, "{}", by_staff.body);
    let by_coordinator = s
        .coordinator
        .call("hide_comment", &[("comment_id", &id), ("reason", "weg")])
        .await;
    assert_eq!(by_coordinator.status, StatusCode::FORBIDDEN);
    let no_reason = s
        .nora
        .call("hide_comment", &[("comment_id", &id), ("reason", " ")])
        .await;
    assert_eq!(
        no_reason.status,
        StatusCode::BAD_REQUEST,
        "{}",
        no_reason.body
    );
    call_ok(
        &mut s.nora,
        "hide_comment",
        &[
            ("comment_id", &id),
            ("reason", "Verstößt gegen die Regeln."),
        ],
    )
    .await;

    let own = comments(&mut s.staff, round_id, "b2", 0).await;
    assert_eq!(own["comments"][0]["hidden"], true);
    assert_eq!(
        own["comments"][0]["hidden_reason"],
        "Verstößt gegen die Regeln."
    );
    let mut other = new_member_client(&s.app, "Ole Anders", "ole@example.org").await;
    let seen = comments(&mut other, round_id, "b2", 0).await;
    assert_eq!(seen["comments"][0]["hidden"], true);
    assert_eq!(seen["comments"][0]["body"], "");
    assert_eq!(
        seen["comments"][0]["hidden_reason"],
        serde_json::Value::Null
    );
    let view = round_view(&mut other, s.process_id, round_id).await;
    assert_eq!(
        view["blocks"][1]["comments"], 1,
        "hidden comments keep counting"
    );
    drop(s.app);
}

async fn two_thousand_comments_load_in_bounded_pages(backend: Backend) {
    let mut s = setup(backend).await;
    let round_id = open(&mut s.nora, s.process_id, false).await;
    let view = round_view(&mut s.staff, s.process_id, round_id).await;
    let version_id = view["version_id"].as_i64().expect("version id");
    let author = comment::Entity::find()
        .all(&s.app.db)
        .await
        .expect("query")
        .len();
    assert_eq!(author, 0);
    let staff_id = comment_on(&mut s.staff, &view, "b2", "Der erste Kommentar.").await;
    let staff_author = comment::Entity::find_by_id(staff_id)
        .one(&s.app.db)
        .await
        .expect("query")
        .expect("comment")
        .author_id;
    insert_two_thousand_comments(&s.app.db, round_id, version_id, staff_author).await;

    let started = std::time::Instant::now();
    let first = s
        .nora
        .call(
            "list_comments",
            &[
                ("round_id", &round_id.to_string()),
                ("block_id", ""),
                ("after", "0"),
            ],
        )
        .await;
    let elapsed = started.elapsed();
    assert_eq!(first.status, StatusCode::OK, "{}", first.body);
    let first: serde_json::Value = first.json();
    assert_eq!(first["comments"].as_array().expect("page").len(), 50);
    assert!(first["next_after"].is_i64());
    assert!(elapsed.as_secs() < 5, "one page took {elapsed:?}");

    // Walk one paragraph's pages to the end: 1,001 comments on b2.
    let mut after = 0;
    let mut seen = 0;
    let mut pages = 0;
    loop {
        let page = comments(&mut s.nora, round_id, "b2", after).await;
        let n = page["comments"].as_array().expect("page").len();
        assert!(n <= 50);
        seen += n;
        pages += 1;
        match page["next_after"].as_i64() {
            Some(next) => after = next,
            None => break,
        }
    }
    assert_eq!(seen, 1_001);
    assert_eq!(pages, 21);
    let view = round_view(&mut s.nora, s.process_id, round_id).await;
    assert_eq!(view["total_comments"], 2_001);
    assert_eq!(view["blocks"][1]["comments"], 1_001);
    drop(s.app);
}

/// Two apps on two databases in one process (as in these tests) both have a version 1 with a
/// paragraph `b3`, with different texts: the cached paragraph texts (`paragraph_texts`) must not
/// let one app check a quote against the other's text.
async fn quotes_are_checked_against_the_text_of_the_apps_own_database(backend: Backend) {
    let mut first = setup(backend).await;
    let round_id = open(&mut first.nora, first.process_id, false).await;
    let view = round_view(&mut first.staff, first.process_id, round_id).await;
    let quoted = try_comment(
        &mut first.staff,
        &view,
        "b3",
        "Klientinnen",
        "Auch Angehörige?",
    )
    .await;
    assert_eq!(quoted.status, StatusCode::OK, "{}", quoted.body);

    let other = "# KI-Leitlinie\n\nWir nutzen KI verantwortungsvoll.\n\nPraktikantinnen fragen vor der Nutzung nach.\n\nFragen beantwortet die Koordination.\n";
    let mut second = setup_with_text(backend, other).await;
    let round_id = open(&mut second.nora, second.process_id, false).await;
    let view2 = round_view(&mut second.staff, second.process_id, round_id).await;
    if backend == Backend::Sqlite {
        // Fresh SQLite files number alike: the same version id in both apps.
        assert_eq!(view2["version_id"], view["version_id"]);
    }
    let own = try_comment(
        &mut second.staff,
        &view2,
        "b3",
        "Praktikantinnen",
        "Auch Azubis?",
    )
    .await;
    assert_eq!(own.status, StatusCode::OK, "{}", own.body);
    let foreign = try_comment(&mut second.staff, &view2, "b3", "Klientinnen", "Und hier?").await;
    assert_eq!(foreign.status, StatusCode::BAD_REQUEST, "{}", foreign.body);
    assert!(
        foreign.body.contains("steht nicht in diesem Absatz"),
        "{}",
        foreign.body
    );
    drop(first.app);
    drop(second.app);
}

/// Stores 2,000 top-level comments by `author` directly (half on `b2`, half on `b3`), for the
/// tests of bounded pages.
pub(crate) async fn insert_two_thousand_comments(
    db: &sea_orm::DatabaseConnection,
    round_id: i64,
    version_id: i64,
    author: i64,
) {
    let now = Utc::now();
    for chunk in 0..20 {
        let rows = (0..100).map(|i| comment::ActiveModel {
            round_id: Set(round_id),
            version_id: Set(version_id),
            block_id: Set(if i % 2 == 0 { "b2" } else { "b3" }.to_owned()),
            quote: Set(None),
            parent_id: Set(None),
            author_id: Set(author),
            anonymous: Set(false),
            body: Set(format!("Kommentar {}", chunk * 100 + i)),
            body_hash: Set(format!("{chunk}-{i}")),
            hidden_reason: Set(None),
            hidden_by: Set(None),
            created_at: Set(now),
            edited_at: Set(None),
            ..Default::default()
        });
        comment::Entity::insert_many(rows)
            .exec(db)
            .await
            .expect("insert comments");
    }
}
