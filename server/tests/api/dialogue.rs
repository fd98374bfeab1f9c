//! The dialogue space: staff report experiences once a guideline is adopted, reply one level
//! deep, filter by kind and page through; anonymous authors never leave the server; repeated
//! submissions are stored once; the form works without JavaScript; the project group or a
//! coordinator hides posts that break the rules.

use crate::helpers::{call_ok, Backend};
use crate::on_both_databases;
use crate::reviews::{adopted, report};
use crate::rounds::setup;
use axum::http::StatusCode;

on_both_databases!(
    reports_need_an_adopted_guideline_and_valid_input,
    replies_go_one_level_deep_and_the_list_filters_and_pages,
    anonymous_authors_appear_in_no_answer_but_their_own,
    a_repeated_submission_is_stored_once,
    a_plain_form_post_without_javascript_returns_to_the_dialogue_page,
    a_hidden_post_keeps_its_text_from_others_and_stays_out_of_the_review,
);

async fn dialogue(
    client: &mut crate::helpers::Client,
    pid: &str,
    kind: &str,
    page: &str,
) -> serde_json::Value {
    call_ok(
        client,
        "get_dialogue",
        &[("process_id", pid), ("kind", kind), ("page", page)],
    )
    .await
}

async fn reports_need_an_adopted_guideline_and_valid_input(backend: Backend) {
    let mut s = setup(backend).await;
    let pid = s.process_id.to_string();
    let early = report(
        &mut s.staff,
        &pid,
        "use_case",
        "Ich nutze KI für Protokolle.",
        false,
    )
    .await;
    assert_eq!(early.status, StatusCode::CONFLICT);
    assert!(early.body.contains("verabschiedet"), "{}", early.body);
    let view = dialogue(&mut s.staff, &pid, "", "1").await;
    assert_eq!(view["version_number"], serde_json::Value::Null);
    drop(s.app);

    let mut a = adopted(backend).await;
    let empty = report(&mut a.staff, &a.pid, "use_case", "  \n ", false).await;
    assert_eq!(empty.status, StatusCode::BAD_REQUEST);
    assert!(
        empty.body.contains("Bitte schreiben Sie einen Text."),
        "{}",
        empty.body
    );
    let long = report(&mut a.staff, &a.pid, "use_case", &"x".repeat(4_001), false).await;
    assert_eq!(long.status, StatusCode::BAD_REQUEST);
    assert!(long.body.contains("zu lang"), "{}", long.body);
    let no_kind = report(&mut a.staff, &a.pid, "", "Ohne Art", false).await;
    assert_eq!(no_kind.status, StatusCode::BAD_REQUEST);
    let ok = report(
        &mut a.staff,
        &a.pid,
        "uncertainty",
        "Darf ich Fotos hochladen?",
        false,
    )
    .await;
    assert_eq!(ok.status, StatusCode::OK, "{}", ok.body);
    let view = dialogue(&mut a.coordinator, &a.pid, "", "1").await;
    assert_eq!(view["version_number"], 1);
    assert_eq!(view["total"], 1);
    assert_eq!(view["posts"][0]["kind_label"], "Unsicherheit");
    assert_eq!(view["posts"][0]["author"], "Sam Mitarbeit");
    assert_eq!(view["posts"][0]["version_number"], 1);
    drop(a.app);
}

async fn replies_go_one_level_deep_and_the_list_filters_and_pages(backend: Backend) {
    let mut a = adopted(backend).await;
    let first: i64 = report(
        &mut a.staff,
        &a.pid,
        "need_for_change",
        "Kapitel 3 ist unklar.",
        false,
    )
    .await
    .json();
    let reply = a
        .nora
        .call(
            "post_experience",
            &[
                ("process_id", &a.pid),
                ("body", "Danke, wir nehmen es auf."),
                ("parent_id", &first.to_string()),
            ],
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let reply_id: i64 = reply.json();
    let nested = a
        .staff
        .call(
            "post_experience",
            &[
                ("process_id", &a.pid),
                ("body", "Antwort auf die Antwort"),
                ("parent_id", &reply_id.to_string()),
            ],
        )
        .await;
    assert_eq!(nested.status, StatusCode::BAD_REQUEST);
    // Alternating authors: one account may post 20 texts a minute.
    for i in 0..21 {
        let author = if i % 2 == 0 {
            &mut a.coordinator
        } else {
            &mut a.nora
        };
        let r = report(
            author,
            &a.pid,
            "use_case",
            &format!("Anwendungsfall {i}"),
            false,
        )
        .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    }
    let all = dialogue(&mut a.staff, &a.pid, "", "1").await;
    assert_eq!(all["total"], 22, "replies are not counted as posts");
    assert_eq!(all["pages"], 2);
    assert_eq!(all["posts"].as_array().map(Vec::len), Some(20));
    assert_eq!(all["posts"][0]["body"], "Anwendungsfall 20", "newest first");
    let second = dialogue(&mut a.staff, &a.pid, "", "2").await;
    assert_eq!(second["posts"].as_array().map(Vec::len), Some(2));
    assert_eq!(second["posts"][1]["id"], first);
    assert_eq!(
        second["posts"][1]["replies"][0]["body"],
        "Danke, wir nehmen es auf."
    );
    let needs = dialogue(&mut a.staff, &a.pid, "need_for_change", "1").await;
    assert_eq!(needs["total"], 1);
    assert_eq!(needs["filter"], "need_for_change");
    assert_eq!(needs["posts"][0]["kind_label"], "Änderungsbedarf");
    let unknown = a
        .staff
        .call(
            "get_dialogue",
            &[("process_id", &a.pid), ("kind", "gossip"), ("page", "1")],
        )
        .await;
    assert_eq!(unknown.status, StatusCode::BAD_REQUEST);
    drop(a.app);
}

async fn anonymous_authors_appear_in_no_answer_but_their_own(backend: Backend) {
    let mut a = adopted(backend).await;
    let id: i64 = report(
        &mut a.staff,
        &a.pid,
        "need_for_change",
        "Anonymer Hinweis",
        true,
    )
    .await
    .json();
    call_ok(
        &mut a.staff,
        "post_experience",
        &[
            ("process_id", &a.pid),
            ("body", "Anonyme Antwort"),
            ("parent_id", &id.to_string()),
            ("anonymous", "on"),
        ],
    )
    .await;
    for client in [&mut a.coordinator, &mut a.nora] {
        let view = client
            .call(
                "get_dialogue",
                &[("process_id", &a.pid), ("kind", ""), ("page", "1")],
            )
            .await;
        assert_eq!(view.status, StatusCode::OK);
        assert!(!view.body.contains("Sam Mitarbeit"), "{}", view.body);
        assert!(!view.body.contains("author_id"), "{}", view.body);
        let json: serde_json::Value = view.json();
        assert_eq!(json["posts"][0]["author"], serde_json::Value::Null);
        assert_eq!(json["posts"][0]["anonymous"], true);
        assert_eq!(json["posts"][0]["mine"], false);
    }
    let own = dialogue(&mut a.staff, &a.pid, "", "1").await;
    assert_eq!(own["posts"][0]["mine"], true);
    assert_eq!(own["posts"][0]["replies"][0]["mine"], true);
    // The review page carries the text in, never the author.
    call_ok(
        &mut a.coordinator,
        "start_review",
        &[
            ("process_id", &a.pid),
            ("trigger", "change_needs"),
            ("trigger_text", ""),
            ("reentry", "discourse"),
            ("confirm", "on"),
        ],
    )
    .await;
    let review = a.nora.call("get_review", &[("process_id", &a.pid)]).await;
    assert!(review.body.contains("Anonymer Hinweis"), "{}", review.body);
    assert!(!review.body.contains("Sam Mitarbeit"), "{}", review.body);
    drop(a.app);
}

async fn a_repeated_submission_is_stored_once(backend: Backend) {
    let mut a = adopted(backend).await;
    let first: i64 = report(&mut a.staff, &a.pid, "success_story", "Klappt gut.", false)
        .await
        .json();
    let again: i64 = report(&mut a.staff, &a.pid, "success_story", "Klappt gut.", false)
        .await
        .json();
    assert_eq!(first, again);
    let view = dialogue(&mut a.staff, &a.pid, "", "1").await;
    assert_eq!(view["total"], 1);
    drop(a.app);
}

async fn a_plain_form_post_without_javascript_returns_to_the_dialogue_page(backend: Backend) {
    use axum::body::Body;
    use axum::http::{header, Request};
    let mut a = adopted(backend).await;
    let page = format!("/prozesse/{}/erfahrungen", a.pid);
    let body = crate::helpers::form_encode(&[
        ("process_id", &a.pid),
        ("kind", "use_case"),
        ("body", "Ohne JavaScript berichtet."),
    ]);
    let request = Request::post("/api/post_experience")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ACCEPT, "text/html,application/xhtml+xml")
        .header(header::HOST, "127.0.0.1:3000")
        .header("sec-fetch-site", "same-origin")
        .header(header::ORIGIN, "http://127.0.0.1:3000")
        .header(header::REFERER, format!("http://127.0.0.1:3000{page}"))
        .body(Body::from(body))
        .expect("request");
    let response = a.staff.send(request).await;
    assert_eq!(response.status, StatusCode::FOUND, "{}", response.body);
    let location = response
        .headers
        .get(header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    assert!(location.starts_with(&page), "{location}");
    let view = dialogue(&mut a.staff, &a.pid, "", "1").await;
    assert_eq!(view["posts"][0]["body"], "Ohne JavaScript berichtet.");
    drop(a.app);
}

async fn a_hidden_post_keeps_its_text_from_others_and_stays_out_of_the_review(backend: Backend) {
    use app::entities::audit_log;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let mut a = adopted(backend).await;
    let mut colleague =
        crate::helpers::new_member_client(&a.app, "Carla Kollegin", "carla@example.org").await;
    let rude: i64 = report(
        &mut a.staff,
        &a.pid,
        "need_for_change",
        "Die IT-Abteilung ist völlig unfähig.",
        false,
    )
    .await
    .json();
    let fair: i64 = report(
        &mut a.staff,
        &a.pid,
        "need_for_change",
        "Kapitel 2 sollte Übersetzungsdienste nennen.",
        false,
    )
    .await
    .json();
    let before = call_ok(&mut a.coordinator, "get_review", &[("process_id", &a.pid)]).await;
    assert_eq!(before["waiting_needs"], 2);

    // Staff may not hide; the moderators must give a reason.
    let rude_id = rude.to_string();
    let by_staff = a
        .staff
        .call(
            "hide_experience",
            &[("post_id", &rude_id), ("reason", "Weg damit")],
        )
        .await;
    assert_eq!(by_staff.status, StatusCode::FORBIDDEN, "{}", by_staff.body);
    let no_reason = a
        .nora
        .call(
            "hide_experience",
            &[("post_id", &rude_id), ("reason", "  ")],
        )
        .await;
    assert_eq!(no_reason.status, StatusCode::BAD_REQUEST);
    assert!(
        no_reason
            .body
            .contains("warum der Beitrag ausgeblendet wird"),
        "{}",
        no_reason.body
    );
    let hidden = a
        .coordinator
        .call(
            "hide_experience",
            &[("post_id", &rude_id), ("reason", "Persönlicher Angriff")],
        )
        .await;
    assert_eq!(hidden.status, StatusCode::OK, "{}", hidden.body);

    // A colleague sees that it was hidden, neither the text nor the reason.
    let view = dialogue(&mut colleague, &a.pid, "", "1").await;
    assert_eq!(view["can_moderate"], false);
    let seen = &view["posts"][1];
    assert_eq!(seen["id"], rude);
    assert_eq!(seen["hidden"], true);
    assert_eq!(seen["body"], "");
    assert_eq!(seen["hidden_reason"], serde_json::Value::Null);
    assert_eq!(view["posts"][0]["id"], fair);
    assert_eq!(
        view["posts"][0]["body"],
        "Kapitel 2 sollte Übersetzungsdienste nennen."
    );
    let page = colleague
        .get(&format!("/prozesse/{}/erfahrungen", a.pid))
        .await;
    assert!(
        !page.body.contains("unfähig"),
        "the hidden text is in the page"
    );
    assert!(page.body.contains("Dieser Beitrag wurde ausgeblendet"));
    assert!(
        !page.body.contains("Beitrag ausblenden"),
        "no moderation form for staff"
    );
    // The author sees the text with the reason; the project group sees the form on the others.
    let own = dialogue(&mut a.staff, &a.pid, "", "1").await;
    assert_eq!(
        own["posts"][1]["body"],
        "Die IT-Abteilung ist völlig unfähig."
    );
    assert_eq!(own["posts"][1]["hidden_reason"], "Persönlicher Angriff");
    let group_page = a
        .nora
        .get(&format!("/prozesse/{}/erfahrungen", a.pid))
        .await;
    assert!(group_page.body.contains("Persönlicher Angriff"));
    assert!(group_page.body.contains("Beitrag ausblenden"));

    // Only the fair need for change waits for the next review; the hiding is in the audit log.
    let after = call_ok(&mut a.coordinator, "get_review", &[("process_id", &a.pid)]).await;
    assert_eq!(after["waiting_needs"], 1);
    let logged = audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq("dialogue.post_hidden"))
        .all(&a.app.db)
        .await
        .expect("query");
    assert_eq!(logged.len(), 1);
    assert_eq!(logged[0].object_type, "dialogue_post");
    assert_eq!(logged[0].object_id, Some(rude));
    drop(a.app);
}
