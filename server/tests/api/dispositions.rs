//! Dispositions: who answers comments, reasons, bulk answers, closing a round, the author's
//! view, the feedback report and the links from comments to changes in the next version.

use crate::helpers::{call_ok, Backend, Client, TestResponse};
use crate::on_both_databases;
use crate::rounds::{comment_on, open, round_view, setup, try_reply, Setup};
use app::entities::round;
use axum::http::StatusCode;
use chrono::{Duration, Utc};
use sea_orm::{ActiveModelTrait, EntityTrait, Set};

on_both_databases!(
    staff_cannot_give_a_disposition_or_see_the_list,
    a_reason_is_required_except_for_accepted,
    a_bulk_answer_gives_several_comments_the_same_disposition,
    the_round_closes_only_when_every_comment_is_answered,
    the_author_sees_disposition_and_reason_on_my_comments,
    the_report_is_visible_to_the_audience_only_after_closing,
    accepted_comments_link_to_the_change_in_the_next_version,
    the_disposition_list_filters_and_pages_by_fifty,
    a_plain_form_answer_without_javascript_returns_to_the_list,
    an_answer_must_be_chosen_and_the_report_of_an_open_round_has_a_title,
);

async fn try_decide(
    client: &mut Client,
    round_id: i64,
    ids: &[i64],
    kind: &str,
    reason: &str,
) -> TestResponse {
    let ids = ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
    client
        .call(
            "decide_comments",
            &[
                ("round_id", &round_id.to_string()),
                ("comment_ids", &ids),
                ("kind", kind),
                ("reason", reason),
            ],
        )
        .await
}

pub(crate) async fn decide(
    client: &mut Client,
    round_id: i64,
    ids: &[i64],
    kind: &str,
    reason: &str,
) {
    let response = try_decide(client, round_id, ids, kind, reason).await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.body);
}

async fn list(
    client: &mut Client,
    round_id: i64,
    status: &str,
    mine: bool,
    page: usize,
) -> TestResponse {
    client
        .call(
            "list_dispositions",
            &[
                ("round_id", &round_id.to_string()),
                ("section", ""),
                ("status", status),
                ("mine", if mine { "true" } else { "false" }),
                ("page", &page.to_string()),
            ],
        )
        .await
}

/// Moves the round's deadline into the past, so it awaits its dispositions.
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

async fn report(client: &mut Client, process_id: i64, round_id: i64) -> TestResponse {
    client
        .call(
            "get_report",
            &[
                ("process_id", &process_id.to_string()),
                ("round_id", &round_id.to_string()),
            ],
        )
        .await
}

/// A round with two staff comments (and a reply by Nora); returns round id and comment ids.
async fn round_with_comments(s: &mut Setup) -> (i64, i64, i64) {
    let round_id = open(&mut s.nora, s.process_id, false).await;
    let view = round_view(&mut s.staff, s.process_id, round_id).await;
    let first = comment_on(&mut s.staff, &view, "b2", "Bitte konkreter werden.").await;
    let second = comment_on(&mut s.staff, &view, "b3", "Was ist mit Diktiersoftware?").await;
    let reply = try_reply(&mut s.nora, &view, first, "Danke, wir schauen es uns an.").await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    (round_id, first, second)
}

async fn staff_cannot_give_a_disposition_or_see_the_list(backend: Backend) {
    let mut s = setup(backend).await;
    let (round_id, first, _) = round_with_comments(&mut s).await;
    let refused = try_decide(&mut s.staff, round_id, &[first], "accepted", "").await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN, "{}", refused.body);
    let listed = list(&mut s.staff, round_id, "", false, 1).await;
    assert_eq!(listed.status, StatusCode::FORBIDDEN, "{}", listed.body);
    let closed = s
        .staff
        .call("close_round", &[("round_id", &round_id.to_string())])
        .await;
    assert_eq!(closed.status, StatusCode::FORBIDDEN, "{}", closed.body);
    // The coordinator is not in the project group either.
    let refused = try_decide(&mut s.coordinator, round_id, &[first], "accepted", "").await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN, "{}", refused.body);
    drop(s.app);
}

async fn a_reason_is_required_except_for_accepted(backend: Backend) {
    let mut s = setup(backend).await;
    let (round_id, first, second) = round_with_comments(&mut s).await;
    let missing = try_decide(&mut s.nora, round_id, &[first], "partly_accepted", "  ").await;
    assert_eq!(missing.status, StatusCode::BAD_REQUEST, "{}", missing.body);
    assert!(
        missing
            .body
            .contains("Bitte begründen Sie die Rückmeldung „teilweise übernommen“."),
        "{}",
        missing.body
    );
    decide(&mut s.nora, round_id, &[second], "accepted", "").await;
    let unknown = try_decide(&mut s.nora, round_id, &[first], "vielleicht", "x").await;
    assert_eq!(unknown.status, StatusCode::BAD_REQUEST, "{}", unknown.body);
    // Replies are answered with their thread.
    let page: serde_json::Value = list(&mut s.nora, round_id, "", false, 1).await.json();
    assert_eq!(page["items"].as_array().expect("items").len(), 2);
    assert_eq!(page["progress"], "1 von 2 beantwortet");
    drop(s.app);
}

async fn a_bulk_answer_gives_several_comments_the_same_disposition(backend: Backend) {
    let mut s = setup(backend).await;
    let (round_id, first, second) = round_with_comments(&mut s).await;
    decide(
        &mut s.nora,
        round_id,
        &[first, second],
        "deferred",
        "Wir nehmen das in die Überprüfung 2028 mit.",
    )
    .await;
    let page: serde_json::Value = list(&mut s.nora, round_id, "", false, 1).await.json();
    for item in page["items"].as_array().expect("items") {
        assert_eq!(item["disposition"], "Deferred");
        assert_eq!(
            item["reason"],
            "Wir nehmen das in die Überprüfung 2028 mit."
        );
    }
    assert_eq!(page["progress"], "2 von 2 beantwortet");
    assert_eq!(page["totals"]["deferred"], 2);
    // A later answer replaces the earlier one.
    decide(&mut s.nora, round_id, &[first], "accepted", "").await;
    let page: serde_json::Value = list(&mut s.nora, round_id, "", false, 1).await.json();
    assert_eq!(page["totals"]["deferred"], 1);
    assert_eq!(page["totals"]["accepted"], 1);
    // An id from another round or an unknown one is refused as a whole.
    let unknown = try_decide(&mut s.nora, round_id, &[second, 999_999], "accepted", "").await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND, "{}", unknown.body);
    drop(s.app);
}

async fn the_round_closes_only_when_every_comment_is_answered(backend: Backend) {
    let mut s = setup(backend).await;
    let (round_id, first, second) = round_with_comments(&mut s).await;
    let rid = round_id.to_string();
    let running = s.nora.call("close_round", &[("round_id", &rid)]).await;
    assert_eq!(running.status, StatusCode::CONFLICT, "{}", running.body);
    assert!(
        running.body.contains("Die Runde läuft noch"),
        "{}",
        running.body
    );

    end_round(&s, round_id).await;
    decide(&mut s.nora, round_id, &[first], "accepted", "").await;
    let refused = s.nora.call("close_round", &[("round_id", &rid)]).await;
    assert_eq!(refused.status, StatusCode::CONFLICT, "{}", refused.body);
    assert!(
        refused
            .body
            .contains("1 von 2 Kommentaren ist noch ohne Rückmeldung"),
        "{}",
        refused.body
    );
    let page: serde_json::Value = list(&mut s.nora, round_id, "", false, 1).await.json();
    assert_eq!(page["can_close"], false);

    decide(
        &mut s.nora,
        round_id,
        &[second],
        "not_accepted",
        "Passt nicht in die Leitlinie.",
    )
    .await;
    call_ok(&mut s.nora, "close_round", &[("round_id", &rid)]).await;
    let stored = round::Entity::find_by_id(round_id)
        .one(&s.app.db)
        .await
        .expect("query")
        .expect("round");
    assert!(stored.closed_at.is_some());
    // Dispositions are final once the round is closed.
    let late = try_decide(&mut s.nora, round_id, &[second], "accepted", "").await;
    assert_eq!(late.status, StatusCode::CONFLICT, "{}", late.body);
    assert!(late.body.contains("abgeschlossen"), "{}", late.body);
    let twice = s.nora.call("close_round", &[("round_id", &rid)]).await;
    assert_eq!(twice.status, StatusCode::CONFLICT, "{}", twice.body);
    drop(s.app);
}

async fn the_author_sees_disposition_and_reason_on_my_comments(backend: Backend) {
    let mut s = setup(backend).await;
    let (round_id, first, second) = round_with_comments(&mut s).await;
    decide(
        &mut s.nora,
        round_id,
        &[first],
        "partly_accepted",
        "Wir nennen jetzt Beispiele.",
    )
    .await;
    let mine = call_ok(&mut s.staff, "my_comments", &[]).await;
    let mine = mine.as_array().expect("list");
    assert_eq!(mine.len(), 2);
    let answered = mine.iter().find(|c| c["id"] == first).expect("first");
    assert_eq!(answered["disposition"], "PartlyAccepted");
    assert_eq!(answered["reason"], "Wir nennen jetzt Beispiele.");
    assert_eq!(answered["process_title"], "KI-Leitlinie 2027");
    let open_one = mine.iter().find(|c| c["id"] == second).expect("second");
    assert!(open_one["disposition"].is_null());
    // The page shows the label and the reason.
    let page = s.staff.get("/meine-kommentare").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body
            .contains("teilweise übernommen: Wir nennen jetzt Beispiele."),
        "{}",
        page.body
    );
    // Nora's only comment is her reply.
    let hers = call_ok(&mut s.nora, "my_comments", &[]).await;
    assert_eq!(hers.as_array().expect("list").len(), 1);
    assert_eq!(hers[0]["reply"], true);
    drop(s.app);
}

async fn the_report_is_visible_to_the_audience_only_after_closing(backend: Backend) {
    let mut s = setup(backend).await;
    let (round_id, first, second) = round_with_comments(&mut s).await;
    let view = round_view(&mut s.staff, s.process_id, round_id).await;
    let third = comment_on(&mut s.staff, &view, "b4", "Unsachlicher Kommentar.").await;
    call_ok(
        &mut s.nora,
        "hide_comment",
        &[
            ("comment_id", &third.to_string()),
            ("reason", "Beleidigend gegenüber Kolleg:innen."),
        ],
    )
    .await;
    let early = report(&mut s.staff, s.process_id, round_id).await;
    assert_eq!(early.status, StatusCode::CONFLICT, "{}", early.body);
    let draft: serde_json::Value = report(&mut s.nora, s.process_id, round_id).await.json();
    assert_eq!(draft["final_report"], false);

    end_round(&s, round_id).await;
    decide(
        &mut s.nora,
        round_id,
        &[first],
        "partly_accepted",
        "Beispiele ergänzt.",
    )
    .await;
    decide(&mut s.nora, round_id, &[second], "accepted", "").await;
    call_ok(
        &mut s.nora,
        "close_round",
        &[("round_id", &round_id.to_string())],
    )
    .await;

    let shown: serde_json::Value = report(&mut s.staff, s.process_id, round_id).await.json();
    assert_eq!(shown["final_report"], true);
    assert_eq!(shown["totals"]["accepted"], 1);
    assert_eq!(shown["totals"]["partly_accepted"], 1);
    assert_eq!(shown["totals"]["hidden"], 1);
    let comments = shown["sections"][0]["comments"]
        .as_array()
        .expect("comments");
    assert_eq!(shown["sections"][0]["title"], "KI-Leitlinie");
    assert_eq!(comments.len(), 3);
    let hidden = comments.iter().find(|c| c["id"] == third).expect("hidden");
    assert_eq!(hidden["body"], "");
    assert_eq!(
        hidden["hidden_reason"],
        "Beleidigend gegenüber Kolleg:innen."
    );
    let page = s
        .staff
        .get(&format!(
            "/prozesse/{}/runden/{round_id}/bericht",
            s.process_id
        ))
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Rückmeldebericht"), "{}", page.body);
    assert!(page.body.contains("Beispiele ergänzt."), "{}", page.body);
    assert!(page.body.contains("ausgeblendet"), "{}", page.body);
    drop(s.app);
}

async fn accepted_comments_link_to_the_change_in_the_next_version(backend: Backend) {
    let mut s = setup(backend).await;
    let (round_id, first, second) = round_with_comments(&mut s).await;
    end_round(&s, round_id).await;
    decide(
        &mut s.nora,
        round_id,
        &[first],
        "partly_accepted",
        "Beispiele ergänzt.",
    )
    .await;
    decide(
        &mut s.nora,
        round_id,
        &[second],
        "not_accepted",
        "Nicht im Rahmen.",
    )
    .await;
    call_ok(
        &mut s.nora,
        "close_round",
        &[("round_id", &round_id.to_string())],
    )
    .await;

    // Version 2 with a changed first section and a new one.
    let pid = s.process_id.to_string();
    let draft = call_ok(&mut s.nora, "get_draft", &[("process_id", &pid)]).await;
    let count = draft["draft"]["edit_count"]
        .as_i64()
        .expect("count")
        .to_string();
    let text = format!(
        "{}\nZum Beispiel Diktiersoftware.\n\n## Datenschutz\n\nKeine Namen eingeben.\n",
        crate::rounds::TEXT
    );
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
            ("change_summary", "Runde 1 eingearbeitet"),
            ("edit_count", &count),
        ],
    )
    .await;

    let page: serde_json::Value = list(&mut s.nora, round_id, "", false, 1).await.json();
    let targets: Vec<String> = page["link_targets"]
        .as_array()
        .expect("targets")
        .iter()
        .map(|t| {
            format!(
                "{}:{}",
                t["version_number"],
                t["anchor"].as_str().expect("anchor")
            )
        })
        .collect();
    assert_eq!(targets, ["2:ki-leitlinie", "2:datenschutz"]);

    let refused = s
        .nora
        .call(
            "link_comment_change",
            &[
                ("comment_id", &second.to_string()),
                ("target", "2:ki-leitlinie"),
            ],
        )
        .await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST, "{}", refused.body);
    let by_staff = s
        .staff
        .call(
            "link_comment_change",
            &[
                ("comment_id", &first.to_string()),
                ("target", "2:ki-leitlinie"),
            ],
        )
        .await;
    assert_eq!(by_staff.status, StatusCode::FORBIDDEN, "{}", by_staff.body);
    let wrong_section = s
        .nora
        .call(
            "link_comment_change",
            &[
                ("comment_id", &first.to_string()),
                ("target", "2:gibt-es-nicht"),
            ],
        )
        .await;
    assert_eq!(
        wrong_section.status,
        StatusCode::BAD_REQUEST,
        "{}",
        wrong_section.body
    );
    for _ in 0..2 {
        call_ok(
            &mut s.nora,
            "link_comment_change",
            &[
                ("comment_id", &first.to_string()),
                ("target", "2:ki-leitlinie"),
            ],
        )
        .await;
    }

    // The compare page's data shows the comment at the changed section ...
    let comparison = call_ok(&mut s.staff, "compare_versions", &[("process_id", &pid)]).await;
    let section = comparison["sections"]
        .as_array()
        .expect("sections")
        .iter()
        .find(|sec| sec["anchor"] == "ki-leitlinie")
        .expect("section")
        .clone();
    let linked = section["comments"].as_array().expect("comments");
    assert_eq!(linked.len(), 1);
    assert_eq!(linked[0]["id"], first);
    let page = s
        .staff
        .get(&format!("/prozesse/{pid}/vergleich?von=1&zu=2"))
        .await;
    assert!(
        page.body.contains(&format!(
            "/prozesse/{pid}/runden/{round_id}/bericht#kommentar-{first}"
        )),
        "{}",
        page.body
    );
    // ... and the author's comment links to the change.
    let mine = call_ok(&mut s.staff, "my_comments", &[]).await;
    let answered = mine
        .as_array()
        .expect("list")
        .iter()
        .find(|c| c["id"] == first)
        .expect("first")
        .clone();
    assert_eq!(answered["links"][0]["version_number"], 2);
    assert_eq!(answered["links"][0]["anchor"], "ki-leitlinie");
    drop(s.app);
}

async fn the_disposition_list_filters_and_pages_by_fifty(backend: Backend) {
    use app::entities::comment;
    let mut s = setup(backend).await;
    let (round_id, first, _) = round_with_comments(&mut s).await;
    let stored = comment::Entity::find_by_id(first)
        .one(&s.app.db)
        .await
        .expect("query")
        .expect("comment");
    // 118 more comments by staff, written straight into the database.
    let rows = (0..118).map(|i| comment::ActiveModel {
        round_id: Set(round_id),
        version_id: Set(stored.version_id),
        block_id: Set("b3".into()),
        quote: Set(None),
        parent_id: Set(None),
        author_id: Set(stored.author_id),
        anonymous: Set(false),
        body: Set(format!("Kommentar Nummer {i}")),
        body_hash: Set(format!("hash{i}")),
        hidden_reason: Set(None),
        hidden_by: Set(None),
        created_at: Set(Utc::now()),
        edited_at: Set(None),
        ..Default::default()
    });
    comment::Entity::insert_many(rows)
        .exec(&s.app.db)
        .await
        .expect("insert");
    decide(&mut s.nora, round_id, &[first], "accepted", "").await;

    let page: serde_json::Value = list(&mut s.nora, round_id, "", false, 1).await.json();
    assert_eq!(page["matching"], 120);
    assert_eq!(page["pages"], 3);
    assert_eq!(page["items"].as_array().expect("items").len(), 50);
    assert_eq!(page["progress"], "1 von 120 beantwortet");
    let last: serde_json::Value = list(&mut s.nora, round_id, "", false, 3).await.json();
    assert_eq!(last["items"].as_array().expect("items").len(), 20);
    let open: serde_json::Value = list(&mut s.nora, round_id, "offen", false, 1).await.json();
    assert_eq!(open["matching"], 119);
    let answered: serde_json::Value = list(&mut s.nora, round_id, "beantwortet", false, 1)
        .await
        .json();
    assert_eq!(answered["matching"], 1);
    let mine: serde_json::Value = list(&mut s.nora, round_id, "", true, 1).await.json();
    assert_eq!(mine["matching"], 0);
    drop(s.app);
}

on_both_databases!(the_demo_has_a_closed_round_with_its_report_and_an_open_round_with_200_comments);

async fn the_demo_has_a_closed_round_with_its_report_and_an_open_round_with_200_comments(
    backend: Backend,
) {
    use app::entities::{comment, process};
    use sea_orm::{ColumnTrait, PaginatorTrait, QueryFilter};
    let app = crate::helpers::TestApp::spawn(backend).await;
    let started = std::time::Instant::now();
    server::demo::example::seed(&app.db).await.expect("example");
    server::demo::privacy::seed(&app.db).await.expect("privacy");
    eprintln!("demo data seeded in {:?}", started.elapsed());
    let privacy = process::Entity::find()
        .filter(process::Column::Title.eq("Leitlinie Datenschutz im Alltag"))
        .one(&app.db)
        .await
        .expect("query")
        .expect("process");
    let rounds = round::Entity::find()
        .filter(round::Column::ProcessId.eq(privacy.id))
        .all(&app.db)
        .await
        .expect("rounds");
    let closed = rounds
        .iter()
        .find(|r| r.closed_at.is_some())
        .expect("closed");
    let open_round = rounds.iter().find(|r| r.closed_at.is_none()).expect("open");
    let top_level = comment::Entity::find()
        .filter(comment::Column::RoundId.eq(open_round.id))
        .filter(comment::Column::ParentId.is_null())
        .count(&app.db)
        .await
        .expect("count");
    assert_eq!(top_level, 200);

    let mut staff = app.client();
    staff
        .login(crate::helpers::STAFF.0, crate::helpers::STAFF.1)
        .await;
    let shown: serde_json::Value = report(&mut staff, privacy.id, closed.id).await.json();
    assert_eq!(shown["final_report"], true);
    assert_eq!(shown["totals"]["open"], 0);
    assert_eq!(shown["totals"]["hidden"], 1);
    let mine = call_ok(&mut staff, "my_comments", &[]).await;
    assert!(mine
        .as_array()
        .expect("list")
        .iter()
        .any(|c| c["disposition"] == "PartlyAccepted"
            && !c["links"].as_array().expect("links").is_empty()));

    let mut kim = app.client();
    kim.login(crate::helpers::COORDINATOR.0, crate::helpers::COORDINATOR.1)
        .await;
    let page: serde_json::Value = list(&mut kim, open_round.id, "", false, 1).await.json();
    assert_eq!(page["progress"], "60 von 200 beantwortet");
    assert_eq!(page["pages"], 4);
}

async fn a_plain_form_answer_without_javascript_returns_to_the_list(backend: Backend) {
    use axum::body::Body;
    use axum::http::{header, Request};
    let mut s = setup(backend).await;
    let (round_id, first, _) = round_with_comments(&mut s).await;
    let list_path = format!(
        "/prozesse/{}/runden/{round_id}/rueckmeldungen?seite=1&status=offen",
        s.process_id
    );
    let body = crate::helpers::form_encode(&[
        ("round_id", &round_id.to_string()),
        ("comment_ids", &first.to_string()),
        ("kind", "accepted"),
        ("reason", ""),
    ]);
    let request = Request::post("/api/decide_comments")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ACCEPT, "text/html,application/xhtml+xml")
        .header(header::HOST, "127.0.0.1:3000")
        .header("sec-fetch-site", "same-origin")
        .header(header::ORIGIN, "http://127.0.0.1:3000")
        .header(header::REFERER, format!("http://127.0.0.1:3000{list_path}"))
        .body(Body::from(body))
        .expect("request");
    let response = s.nora.send(request).await;
    assert_eq!(response.status, StatusCode::FOUND, "{}", response.body);
    assert_eq!(
        response
            .headers
            .get(header::LOCATION)
            .and_then(|v| v.to_str().ok()),
        Some(list_path.as_str())
    );
    let page: serde_json::Value = list(&mut s.nora, round_id, "", false, 1).await.json();
    assert_eq!(page["progress"], "1 von 2 beantwortet");
    drop(s.app);
}

async fn an_answer_must_be_chosen_and_the_report_of_an_open_round_has_a_title(backend: Backend) {
    let mut s = setup(backend).await;
    let round_id = open(&mut s.nora, s.process_id, false).await;
    let view = round_view(&mut s.staff, s.process_id, round_id).await;
    let comment = comment_on(&mut s.staff, &view, "b2", "Bitte genauer.").await;
    let unchosen = try_decide(&mut s.nora, round_id, &[comment], "", "").await;
    assert_eq!(
        unchosen.status,
        StatusCode::BAD_REQUEST,
        "{}",
        unchosen.body
    );
    assert!(
        unchosen.body.contains("Bitte wählen Sie eine Rückmeldung"),
        "{}",
        unchosen.body
    );
    // The list offers no preselected answer.
    let page = s
        .nora
        .get(&format!(
            "/prozesse/{}/runden/{round_id}/rueckmeldungen",
            s.process_id
        ))
        .await;
    assert!(
        page.body
            .contains(r#"<option value="" disabled selected>Bitte wählen</option>"#),
        "no empty first option"
    );
    let report = s
        .staff
        .get(&format!(
            "/prozesse/{}/runden/{round_id}/bericht",
            s.process_id
        ))
        .await;
    assert!(
        report.body.contains("<title>Rückmeldebericht"),
        "{}",
        report.body
    );
    assert!(
        report.body.contains("<h1>Rückmeldebericht</h1>"),
        "{}",
        report.body
    );
}
