//! The comment UI's data: the first comments of every paragraph on the round page, the list of
//! all comments of a round for readers (filters, pages, audience), and commenting, replying and
//! supporting as plain HTML form posts without JavaScript.

use crate::helpers::{call_ok, form_encode, Backend, Client, TestResponse};
use crate::on_both_databases;
use crate::rounds::{comment_on, open, round_view, setup, try_reply, Setup, TEXT};
use app::entities::{comment, round};
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use chrono::{Duration, Utc};
use sea_orm::{ActiveModelTrait, EntityTrait, Set};

on_both_databases!(
    the_round_page_brings_the_first_three_comments_of_every_paragraph,
    readers_filter_the_list_by_section_status_and_their_own_comments,
    people_outside_the_audience_cannot_list_the_comments,
    two_thousand_comments_are_listed_fifty_per_page,
    comment_reply_and_support_work_as_plain_form_posts,
    a_failed_plain_form_comment_returns_with_the_german_error,
);

/// Publishes version 2 (two sections: `b1` "KI-Leitlinie" with `b2`–`b4`, `b5` "Datenschutz"
/// with `b6`) so a round on it has sections to filter by.
async fn publish_two_sections(s: &mut Setup) {
    let pid = s.process_id.to_string();
    let draft = call_ok(&mut s.nora, "get_draft", &[("process_id", &pid)]).await;
    let count = draft["draft"]["edit_count"]
        .as_i64()
        .expect("count")
        .to_string();
    let text = format!("{TEXT}\n## Datenschutz\n\nKeine Namen eingeben.\n");
    let count = call_ok(
        &mut s.nora,
        "save_draft",
        &[
            ("process_id", &pid),
            ("body", &text),
            ("edit_count", &count),
        ],
    )
    .await
    .as_i64()
    .expect("count")
    .to_string();
    call_ok(
        &mut s.nora,
        "publish_version",
        &[
            ("process_id", &pid),
            ("change_summary", "Abschnitt Datenschutz"),
            ("edit_count", &count),
        ],
    )
    .await;
}

async fn try_list(
    client: &mut Client,
    process_id: i64,
    round_id: i64,
    section: &str,
    status: &str,
    mine: bool,
    page: usize,
) -> TestResponse {
    client
        .call(
            "list_round_comments",
            &[
                ("process_id", &process_id.to_string()),
                ("round_id", &round_id.to_string()),
                ("section", section),
                ("status", status),
                ("mine", if mine { "true" } else { "false" }),
                ("page", &page.to_string()),
            ],
        )
        .await
}

async fn list(
    client: &mut Client,
    process_id: i64,
    round_id: i64,
    section: &str,
    status: &str,
    mine: bool,
    page: usize,
) -> serde_json::Value {
    let response = try_list(client, process_id, round_id, section, status, mine, page).await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.body);
    response.json()
}

/// The comment texts of a list page, in order.
fn bodies(page: &serde_json::Value) -> Vec<String> {
    page["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|i| i["comment"]["body"].as_str().expect("body").to_owned())
        .collect()
}

/// Moves the round's deadline into the past, so the group may answer its comments.
async fn end_round(s: &Setup, round_id: i64) {
    let stored = round::Entity::find_by_id(round_id)
        .one(&s.app.db)
        .await
        .expect("query")
        .expect("round");
    let mut ended: round::ActiveModel = stored.into();
    ended.starts_at = Set(Utc::now() - Duration::days(10));
    ended.deadline = Set(Utc::now() - Duration::days(1));
    ended.update(&s.app.db).await.expect("move deadline");
}

/// A form post as a browser sends it before (or without) the wasm bundle.
pub(crate) async fn plain_post(
    client: &mut Client,
    function: &str,
    fields: &[(&str, &str)],
    referer: &str,
) -> TestResponse {
    let request = Request::post(format!("/api/{function}"))
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ACCEPT, "text/html,application/xhtml+xml")
        .header(header::HOST, "127.0.0.1:3000")
        .header("sec-fetch-site", "same-origin")
        .header(header::ORIGIN, "http://127.0.0.1:3000")
        .header(header::REFERER, format!("http://127.0.0.1:3000{referer}"))
        .body(Body::from(form_encode(fields)))
        .expect("request");
    client.send(request).await
}

fn location(response: &TestResponse) -> Option<&str> {
    response
        .headers
        .get(header::LOCATION)
        .and_then(|v| v.to_str().ok())
}

async fn the_round_page_brings_the_first_three_comments_of_every_paragraph(backend: Backend) {
    let mut s = setup(backend).await;
    let round_id = open(&mut s.nora, s.process_id, false).await;
    let view = round_view(&mut s.staff, s.process_id, round_id).await;
    for n in 1..=5 {
        comment_on(
            &mut s.staff,
            &view,
            "b2",
            &format!("Absatz zwei, Nummer {n}."),
        )
        .await;
    }
    let on_b3 = comment_on(&mut s.staff, &view, "b3", "Und der dritte Absatz?").await;
    let reply = try_reply(&mut s.nora, &view, on_b3, "Gute Frage.").await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);

    let view = round_view(&mut s.coordinator, s.process_id, round_id).await;
    let b2 = &view["blocks"][1];
    assert_eq!(b2["id"], "b2");
    assert_eq!(b2["comments"], 5);
    assert_eq!(b2["threads"], 5);
    let first: Vec<&str> = b2["first"]
        .as_array()
        .expect("first")
        .iter()
        .map(|c| c["body"].as_str().expect("body"))
        .collect();
    assert_eq!(
        first,
        [
            "Absatz zwei, Nummer 1.",
            "Absatz zwei, Nummer 2.",
            "Absatz zwei, Nummer 3."
        ]
    );
    let b3 = &view["blocks"][2];
    assert_eq!(b3["comments"], 2);
    assert_eq!(b3["threads"], 1);
    assert_eq!(b3["first"][0]["replies"][0]["body"], "Gute Frage.");
    assert_eq!(view["blocks"][0]["first"], serde_json::json!([]));

    // The next batch starts after the last comment the page brought.
    let last = b2["first"][2]["id"].as_i64().expect("id");
    let rest = call_ok(
        &mut s.coordinator,
        "list_comments",
        &[
            ("round_id", &round_id.to_string()),
            ("block_id", "b2"),
            ("after", &last.to_string()),
        ],
    )
    .await;
    assert_eq!(rest["comments"].as_array().expect("rest").len(), 2);
    drop(s.app);
}

async fn readers_filter_the_list_by_section_status_and_their_own_comments(backend: Backend) {
    let mut s = setup(backend).await;
    publish_two_sections(&mut s).await;
    let round_id = open(&mut s.nora, s.process_id, false).await;
    let view = round_view(&mut s.staff, s.process_id, round_id).await;
    let accepted = comment_on(&mut s.staff, &view, "b2", "Bitte konkreter.").await;
    let partly = comment_on(&mut s.staff, &view, "b6", "Auch keine Geburtsdaten?").await;
    let _open = comment_on(&mut s.coordinator, &view, "b6", "Und Fotos?").await;
    let hidden = comment_on(&mut s.coordinator, &view, "b3", "Unsachlich.").await;
    call_ok(
        &mut s.nora,
        "hide_comment",
        &[
            ("comment_id", &hidden.to_string()),
            ("reason", "Beleidigend."),
        ],
    )
    .await;
    end_round(&s, round_id).await;
    let rid = round_id.to_string();
    for (id, kind, reason) in [
        (accepted, "accepted", ""),
        (partly, "partly_accepted", "Geburtsdaten ja, Fotos später."),
    ] {
        call_ok(
            &mut s.nora,
            "decide_comments",
            &[
                ("round_id", &rid),
                ("comment_ids", &id.to_string()),
                ("kind", kind),
                ("reason", reason),
            ],
        )
        .await;
    }

    let pid = s.process_id;
    let all = list(&mut s.staff, pid, round_id, "", "", false, 1).await;
    assert_eq!(all["total"], 4);
    assert_eq!(all["matching"], 4);
    assert_eq!(all["pages"], 1);
    let sections: Vec<&str> = all["sections"]
        .as_array()
        .expect("sections")
        .iter()
        .map(|s| s["title"].as_str().expect("title"))
        .collect();
    assert_eq!(sections, ["KI-Leitlinie", "Datenschutz"]);
    // Readers do not see the text of a hidden comment, only that it was hidden.
    let hidden_item = &all["items"][3]["comment"];
    assert_eq!(hidden_item["hidden"], true);
    assert_eq!(hidden_item["body"], "");
    assert_eq!(all["items"][1]["disposition"], "PartlyAccepted");
    assert_eq!(all["items"][1]["reason"], "Geburtsdaten ja, Fotos später.");
    assert_eq!(all["items"][1]["section"], "Datenschutz");
    assert_eq!(all["items"][1]["position"], 6);

    let datenschutz = list(&mut s.staff, pid, round_id, "b5", "", false, 1).await;
    assert_eq!(
        bodies(&datenschutz),
        ["Auch keine Geburtsdaten?", "Und Fotos?"]
    );
    let open_ones = list(&mut s.staff, pid, round_id, "", "offen", false, 1).await;
    assert_eq!(bodies(&open_ones), ["Und Fotos?"]);
    let answered = list(&mut s.staff, pid, round_id, "", "beantwortet", false, 1).await;
    assert_eq!(
        bodies(&answered),
        ["Bitte konkreter.", "Auch keine Geburtsdaten?"]
    );
    let partly_list = list(&mut s.staff, pid, round_id, "", "partly_accepted", false, 1).await;
    assert_eq!(bodies(&partly_list), ["Auch keine Geburtsdaten?"]);
    let hidden_list = list(&mut s.staff, pid, round_id, "", "ausgeblendet", false, 1).await;
    assert_eq!(hidden_list["matching"], 1);
    let mine = list(&mut s.staff, pid, round_id, "", "", true, 1).await;
    assert_eq!(
        bodies(&mine),
        ["Bitte konkreter.", "Auch keine Geburtsdaten?"]
    );
    let mine_open = list(&mut s.staff, pid, round_id, "b5", "offen", true, 1).await;
    assert_eq!(mine_open["matching"], 0);
    assert_eq!(mine_open["items"], serde_json::json!([]));
    // The author of the hidden comment reads its text and the reason.
    let own_hidden = list(
        &mut s.coordinator,
        pid,
        round_id,
        "",
        "ausgeblendet",
        true,
        1,
    )
    .await;
    assert_eq!(bodies(&own_hidden), ["Unsachlich."]);
    assert_eq!(
        own_hidden["items"][0]["comment"]["hidden_reason"],
        "Beleidigend."
    );
    drop(s.app);
}

async fn people_outside_the_audience_cannot_list_the_comments(backend: Backend) {
    let mut s = setup(backend).await;
    let pid = s.process_id.to_string();
    let deadline = crate::helpers::berlin_day(14);
    let round_id: i64 = call_ok(
        &mut s.nora,
        "open_round",
        &[
            ("process_id", &pid),
            ("start_date", ""),
            ("start_time", ""),
            ("deadline_date", &deadline),
            ("deadline_time", ""),
            ("audience", "teams"),
            ("teams", "Pflege"),
        ],
    )
    .await
    .as_i64()
    .expect("round id");
    let view = round_view(&mut s.nora, s.process_id, round_id).await;
    comment_on(&mut s.nora, &view, "b2", "Nur für die Pflege.").await;

    let refused = try_list(&mut s.staff, s.process_id, round_id, "", "", false, 1).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN, "{}", refused.body);
    assert!(!refused.body.contains("Nur für die Pflege."));
    let mut visitor = s.app.client();
    let anonymous = try_list(&mut visitor, s.process_id, round_id, "", "", false, 1).await;
    assert_eq!(
        anonymous.status,
        StatusCode::UNAUTHORIZED,
        "{}",
        anonymous.body
    );
    // The round exists only under its own process.
    let elsewhere = try_list(&mut s.nora, s.process_id + 1, round_id, "", "", false, 1).await;
    assert_ne!(elsewhere.status, StatusCode::OK, "{}", elsewhere.body);
    let allowed = list(&mut s.nora, s.process_id, round_id, "", "", false, 1).await;
    assert_eq!(bodies(&allowed), ["Nur für die Pflege."]);
    drop(s.app);
}

async fn two_thousand_comments_are_listed_fifty_per_page(backend: Backend) {
    let mut s = setup(backend).await;
    let round_id = open(&mut s.nora, s.process_id, false).await;
    let view = round_view(&mut s.staff, s.process_id, round_id).await;
    let version_id = view["version_id"].as_i64().expect("version id");
    let first = comment_on(&mut s.staff, &view, "b2", "Der erste Kommentar.").await;
    let author = comment::Entity::find_by_id(first)
        .one(&s.app.db)
        .await
        .expect("query")
        .expect("comment")
        .author_id;
    crate::rounds::insert_two_thousand_comments(&s.app.db, round_id, version_id, author).await;

    let started = std::time::Instant::now();
    let page1 = list(&mut s.coordinator, s.process_id, round_id, "", "", false, 1).await;
    let elapsed = started.elapsed();
    assert!(elapsed.as_secs() < 5, "one page took {elapsed:?}");
    assert_eq!(page1["total"], 2_001);
    assert_eq!(page1["matching"], 2_001);
    assert_eq!(page1["pages"], 41);
    assert_eq!(page1["items"].as_array().expect("items").len(), 50);
    assert_eq!(page1["items"][0]["comment"]["body"], "Der erste Kommentar.");
    let page2 = list(&mut s.coordinator, s.process_id, round_id, "", "", false, 2).await;
    assert_eq!(page2["page"], 2);
    assert_eq!(page2["items"][0]["comment"]["body"], "Kommentar 49");
    let last = list(
        &mut s.coordinator,
        s.process_id,
        round_id,
        "",
        "",
        false,
        41,
    )
    .await;
    assert_eq!(bodies(&last), ["Kommentar 1999"]);
    // A page past the end shows the last page.
    let beyond = list(
        &mut s.coordinator,
        s.process_id,
        round_id,
        "",
        "",
        false,
        99,
    )
    .await;
    assert_eq!(beyond["page"], 41);

    // The round page brings three comments per paragraph, not two thousand.
    let started = std::time::Instant::now();
    let response = s
        .coordinator
        .call(
            "get_round",
            &[
                ("process_id", &s.process_id.to_string()),
                ("round_id", &round_id.to_string()),
            ],
        )
        .await;
    let elapsed = started.elapsed();
    assert_eq!(response.status, StatusCode::OK, "{}", response.body);
    assert!(elapsed.as_secs() < 5, "the round page took {elapsed:?}");
    assert!(
        response.body.len() < 30_000,
        "round page data is {} bytes",
        response.body.len()
    );
    let view: serde_json::Value = response.json();
    assert_eq!(view["blocks"][1]["threads"], 1_001);
    assert_eq!(
        view["blocks"][1]["first"].as_array().expect("first").len(),
        3
    );
    assert_eq!(view["blocks"][2]["threads"], 1_000);
    drop(s.app);
}

async fn comment_reply_and_support_work_as_plain_form_posts(backend: Backend) {
    let mut s = setup(backend).await;
    let round_id = open(&mut s.nora, s.process_id, false).await;
    let view = round_view(&mut s.staff, s.process_id, round_id).await;
    let rid = round_id.to_string();
    let vid = view["version_id"].as_i64().expect("version id").to_string();
    let page = format!("/prozesse/{}/runden/{round_id}", s.process_id);
    let back = format!("{page}#absatz-b3");

    let posted = plain_post(
        &mut s.staff,
        "post_comment",
        &[
            ("round_id", &rid),
            ("version_id", &vid),
            ("block_id", "b3"),
            ("body", "Ohne JavaScript geschrieben."),
        ],
        &format!("{page}?kommentieren=b3"),
    )
    .await;
    assert_eq!(posted.status, StatusCode::FOUND, "{}", posted.body);
    assert_eq!(location(&posted), Some(back.as_str()));

    let view = round_view(&mut s.nora, s.process_id, round_id).await;
    let comment = &view["blocks"][2]["first"][0];
    assert_eq!(comment["body"], "Ohne JavaScript geschrieben.");
    let cid = comment["id"].as_i64().expect("id").to_string();

    let replied = plain_post(
        &mut s.nora,
        "post_comment",
        &[
            ("round_id", &rid),
            ("version_id", &vid),
            ("block_id", ""),
            ("parent_id", &cid),
            ("body", "Auch die Antwort."),
        ],
        &format!("{page}?antworten={cid}"),
    )
    .await;
    assert_eq!(replied.status, StatusCode::FOUND, "{}", replied.body);
    assert_eq!(location(&replied), Some(back.as_str()));

    let supported = plain_post(
        &mut s.nora,
        "support_comment",
        &[("comment_id", &cid)],
        &page,
    )
    .await;
    assert_eq!(supported.status, StatusCode::FOUND, "{}", supported.body);
    assert_eq!(location(&supported), Some(back.as_str()));

    let view = round_view(&mut s.staff, s.process_id, round_id).await;
    let comment = &view["blocks"][2]["first"][0];
    assert_eq!(comment["supports"], 1);
    assert_eq!(comment["replies"][0]["body"], "Auch die Antwort.");
    assert_eq!(view["blocks"][2]["comments"], 2);

    // The running app gets data, not a redirect.
    let with_js = s
        .staff
        .call(
            "post_comment",
            &[
                ("round_id", &rid),
                ("version_id", &vid),
                ("block_id", "b2"),
                ("body", "Mit JavaScript."),
            ],
        )
        .await;
    assert_eq!(with_js.status, StatusCode::OK, "{}", with_js.body);
    assert!(location(&with_js).is_none());
    drop(s.app);
}

async fn a_failed_plain_form_comment_returns_with_the_german_error(backend: Backend) {
    let mut s = setup(backend).await;
    let round_id = open(&mut s.nora, s.process_id, false).await;
    let view = round_view(&mut s.staff, s.process_id, round_id).await;
    let vid = view["version_id"].as_i64().expect("version id").to_string();
    let page = format!(
        "/prozesse/{}/runden/{round_id}?kommentieren=b2",
        s.process_id
    );
    let refused = plain_post(
        &mut s.staff,
        "post_comment",
        &[
            ("round_id", &round_id.to_string()),
            ("version_id", &vid),
            ("block_id", "b2"),
            ("body", "   "),
        ],
        &page,
    )
    .await;
    assert_eq!(refused.status, StatusCode::FOUND, "{}", refused.body);
    // Back to the page the form was on (the framework adds its own error parameters).
    let back = location(&refused).expect("a redirect");
    assert!(
        back.starts_with(&format!("http://127.0.0.1:3000{page}")),
        "{back}"
    );
    let flash = call_ok(&mut s.staff, "take_flash", &[]).await;
    let message = flash["message"].as_str().expect("a kept message");
    assert!(message.contains("Kommentar"), "{message}");
    assert_eq!(
        call_ok(&mut s.staff, "take_flash", &[]).await,
        serde_json::Value::Null
    );
    let view = round_view(&mut s.staff, s.process_id, round_id).await;
    assert_eq!(view["total_comments"], 0);
    drop(s.app);
}
