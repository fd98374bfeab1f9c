//! The working draft and published versions: permissions, the concurrent-edit conflict,
//! numbering, comparison, refused publications and sanitising.

use crate::helpers::{
    appoint, call_ok, new_member_client, process_in_draft_step, Backend, Client, TestApp,
    COORDINATOR, STAFF,
};
use crate::on_both_databases;
use app::entities::{version, working_draft};
use app::error::AppError;
use axum::http::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

on_both_databases!(
    staff_and_coordinators_outside_the_group_cannot_edit_or_publish,
    of_two_saves_from_the_same_count_exactly_one_wins,
    versions_are_numbered_and_any_two_can_be_compared,
    empty_unchanged_or_stale_drafts_are_not_published,
    script_in_a_draft_does_not_survive_publishing,
    an_oversized_draft_is_refused_in_german,
);

/// A coordinator's client with a process in step 2 whose group is the coordinator alone.
async fn coordinator_with_own_group(app: &TestApp) -> (Client, i64) {
    let mut coordinator = app.client();
    coordinator.login(COORDINATOR.0, COORDINATOR.1).await;
    let id = process_in_draft_step(&mut coordinator, "KI-Leitlinie 2027").await;
    appoint(&mut coordinator, id, COORDINATOR.0).await;
    (coordinator, id)
}

async fn draft_of(client: &mut Client, id: i64) -> (String, i32) {
    let view = call_ok(client, "get_draft", &[("process_id", &id.to_string())]).await;
    let draft = &view["draft"];
    (
        draft["body"].as_str().expect("body").to_owned(),
        draft["edit_count"].as_i64().expect("edit_count") as i32,
    )
}

async fn save(
    client: &mut Client,
    id: i64,
    body: &str,
    count: i32,
) -> crate::helpers::TestResponse {
    client
        .call(
            "save_draft",
            &[
                ("process_id", &id.to_string()),
                ("body", body),
                ("edit_count", &count.to_string()),
            ],
        )
        .await
}

async fn publish(
    client: &mut Client,
    id: i64,
    summary: &str,
    count: i32,
) -> crate::helpers::TestResponse {
    client
        .call(
            "publish_version",
            &[
                ("process_id", &id.to_string()),
                ("change_summary", summary),
                ("edit_count", &count.to_string()),
            ],
        )
        .await
}

async fn stored_body(app: &TestApp, id: i64) -> String {
    working_draft::Entity::find_by_id(id)
        .one(&app.db)
        .await
        .expect("query")
        .expect("draft row")
        .body
}

async fn staff_and_coordinators_outside_the_group_cannot_edit_or_publish(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let mut coordinator = app.client();
    coordinator.login(COORDINATOR.0, COORDINATOR.1).await;
    let id = process_in_draft_step(&mut coordinator, "KI-Leitlinie 2027").await;
    // Only Nora is in the group; the coordinator is not.
    let mut nora = new_member_client(&app, "Nora Neu", "nora@beispiel.de").await;
    appoint(&mut coordinator, id, "nora@beispiel.de").await;
    let pid = id.to_string();
    call_ok(
        &mut nora,
        "start_draft",
        &[("process_id", &pid), ("from_template", "nein")],
    )
    .await;
    assert_eq!(
        save(&mut nora, id, "Noras Text.", 0).await.status,
        StatusCode::OK
    );

    let mut staff = app.client();
    staff.login(STAFF.0, STAFF.1).await;
    for (who, client) in [("staff", &mut staff), ("coordinator", &mut coordinator)] {
        for (function, fields) in [
            ("get_draft", vec![("process_id", pid.as_str())]),
            (
                "start_draft",
                vec![("process_id", pid.as_str()), ("from_template", "ja")],
            ),
            (
                "save_draft",
                vec![
                    ("process_id", pid.as_str()),
                    ("body", "Übernommen!"),
                    ("edit_count", "1"),
                ],
            ),
            (
                "preview_draft",
                vec![("process_id", pid.as_str()), ("body", "# Hallo")],
            ),
            (
                "publish_version",
                vec![
                    ("process_id", pid.as_str()),
                    ("change_summary", "Erste Fassung"),
                    ("edit_count", "1"),
                ],
            ),
        ] {
            let response = client.call(function, &fields).await;
            assert_eq!(
                response.status,
                StatusCode::FORBIDDEN,
                "{who} {function}: {}",
                response.body
            );
            assert_eq!(
                response.json::<AppError>(),
                AppError::Forbidden,
                "{who} {function}"
            );
        }
    }
    assert_eq!(stored_body(&app, id).await, "Noras Text.");
    let versions = version::Entity::find()
        .filter(version::Column::ProcessId.eq(id))
        .all(&app.db)
        .await
        .expect("query");
    assert!(versions.is_empty(), "nothing was published");

    // Reading the (empty) version list is open to everyone signed in.
    let list = call_ok(&mut staff, "list_versions", &[("process_id", &pid)]).await;
    assert_eq!(list["versions"].as_array().map(Vec::len), Some(0));
    // Signed out, nothing at all.
    let anonymous = app
        .client()
        .call("get_draft", &[("process_id", &pid)])
        .await;
    assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);
}

async fn of_two_saves_from_the_same_count_exactly_one_wins(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (mut kim, id) = coordinator_with_own_group(&app).await;
    let mut nora = new_member_client(&app, "Nora Neu", "nora@beispiel.de").await;
    appoint(&mut kim, id, "nora@beispiel.de").await;
    let started = call_ok(
        &mut kim,
        "start_draft",
        &[("process_id", &id.to_string()), ("from_template", "nein")],
    )
    .await;
    assert_eq!(started, 0);

    // Both load the draft at the same count …
    let (_, kim_count) = draft_of(&mut kim, id).await;
    let (_, nora_count) = draft_of(&mut nora, id).await;
    assert_eq!((kim_count, nora_count), (0, 0));

    // … and save at the same moment.
    let (kim_saved, nora_saved) = tokio::join!(
        save(&mut kim, id, "Kims Fassung.", kim_count),
        save(&mut nora, id, "Noras Fassung.", nora_count),
    );
    let statuses = [kim_saved.status, nora_saved.status];
    assert_eq!(
        statuses.iter().filter(|s| **s == StatusCode::OK).count(),
        1,
        "exactly one save wins: {kim_saved:?} {nora_saved:?}"
    );
    let (winner_text, loser, loser_text) = if kim_saved.status == StatusCode::OK {
        ("Kims Fassung.", nora_saved, "Noras Fassung.")
    } else {
        ("Noras Fassung.", kim_saved, "Kims Fassung.")
    };
    assert_eq!(loser.status, StatusCode::CONFLICT, "{}", loser.body);
    assert!(
        matches!(loser.json::<AppError>(), AppError::Conflict(msg) if msg.contains("nicht verloren")),
        "{}",
        loser.body
    );
    // The winner's text is stored, the loser's is not; the count moved once.
    assert_eq!(stored_body(&app, id).await, winner_text);
    let (body, count) = draft_of(&mut nora, id).await;
    assert_eq!((body.as_str(), count), (winner_text, 1));
    assert!(!body.contains(loser_text));

    // A save that still names the old count keeps being refused; with the new count it works.
    let stale = save(&mut kim, id, "Veraltet.", 0).await;
    assert_eq!(stale.status, StatusCode::CONFLICT, "{}", stale.body);
    assert_eq!(stored_body(&app, id).await, winner_text);
    let merged = format!("{winner_text} {loser_text}");
    let again = save(&mut nora, id, &merged, 1).await;
    assert_eq!(again.status, StatusCode::OK, "{}", again.body);
    assert_eq!(again.json::<i32>(), 2);
    assert_eq!(stored_body(&app, id).await, merged);
}

async fn versions_are_numbered_and_any_two_can_be_compared(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (mut kim, id) = coordinator_with_own_group(&app).await;
    let pid = id.to_string();
    call_ok(
        &mut kim,
        "start_draft",
        &[("process_id", &pid), ("from_template", "ja")],
    )
    .await;
    let (template, count) = draft_of(&mut kim, id).await;
    assert!(template.contains("## 1. Präambel"), "{template}");
    assert!(template.contains("## 10. Anhang"), "{template}");

    let first = publish(&mut kim, id, "Erste Fassung aus der Vorlage", count).await;
    assert_eq!(first.status, StatusCode::OK, "{}", first.body);
    assert_eq!(first.json::<i32>(), 1);

    let second_text = template.replace(
        "Was soll KI bei uns nie tun?",
        "KI ersetzt bei uns nie das Gespräch mit Klient:innen.",
    );
    assert_ne!(second_text, template);
    assert_eq!(
        save(&mut kim, id, &second_text, count).await.status,
        StatusCode::OK
    );
    let second = publish(&mut kim, id, "Präambel ergänzt", count + 1).await;
    assert_eq!(second.json::<i32>(), 2, "{}", second.body);

    let third_text = format!("{second_text}\n## 11. Kontakt\n\nSchreiben Sie an ki@beispiel.de.\n");
    assert_eq!(
        save(&mut kim, id, &third_text, count + 1).await.status,
        StatusCode::OK
    );
    let third = publish(&mut kim, id, "Kontakt ergänzt", count + 2).await;
    assert_eq!(third.json::<i32>(), 3, "{}", third.body);

    // The list, newest first, readable by staff.
    let mut staff = app.client();
    staff.login(STAFF.0, STAFF.1).await;
    let list = call_ok(&mut staff, "list_versions", &[("process_id", &pid)]).await;
    let numbers: Vec<i64> = list["versions"]
        .as_array()
        .expect("versions")
        .iter()
        .map(|v| v["number"].as_i64().expect("number"))
        .collect();
    assert_eq!(numbers, [3, 2, 1]);
    assert_eq!(
        list["versions"][2]["change_summary"],
        "Erste Fassung aus der Vorlage"
    );
    assert_eq!(list["versions"][2]["published_by"], "Kim Koordination");

    // A version keeps exactly the text it was published with, with its hash.
    let v1 = call_ok(
        &mut staff,
        "get_version",
        &[("process_id", &pid), ("number", "1")],
    )
    .await;
    assert_eq!(v1["body"], template.as_str());
    assert_eq!(
        v1["content_hash"],
        app::draft::ssr::content_hash(&template).as_str()
    );
    assert_eq!(v1["latest"], 3);
    assert!(v1["toc"].as_array().expect("toc").len() >= 11);
    let missing = staff
        .call("get_version", &[("process_id", &pid), ("number", "9")])
        .await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);

    // 1 → 2: a deletion and an insertion in the preamble; other sections unchanged.
    let diff = call_ok(
        &mut staff,
        "compare_versions",
        &[("process_id", &pid), ("from", "1"), ("to", "2")],
    )
    .await;
    let pieces = |diff: &serde_json::Value, kind: &str| -> String {
        diff["sections"]
            .as_array()
            .expect("sections")
            .iter()
            .flat_map(|s| s["pieces"].as_array().cloned().unwrap_or_default())
            .filter(|p| p["kind"] == kind)
            .map(|p| p["text"].as_str().unwrap_or_default().to_owned())
            .collect()
    };
    assert!(pieces(&diff, "Insert").contains("Gespräch"), "{diff}");
    assert!(pieces(&diff, "Delete").contains("Was soll"), "{diff}");
    assert!(diff["inserted_words"].as_u64().expect("count") > 0);
    assert!(diff["deleted_words"].as_u64().expect("count") > 0);
    let changed: Vec<&serde_json::Value> = diff["sections"]
        .as_array()
        .expect("sections")
        .iter()
        .filter(|s| s["status"] != "Unchanged")
        .collect();
    assert_eq!(changed.len(), 1, "{diff}");
    assert!(changed[0]["title"]
        .as_str()
        .unwrap_or_default()
        .contains("Präambel"));

    // Any two: 1 → 3 has the new section; backwards 3 → 1 removes it; 2 → 2 changes nothing.
    let one_three = call_ok(
        &mut staff,
        "compare_versions",
        &[("process_id", &pid), ("from", "1"), ("to", "3")],
    )
    .await;
    assert!(one_three["sections"]
        .as_array()
        .expect("sections")
        .iter()
        .any(|s| s["status"] == "Added" && s["title"] == "11. Kontakt"));
    let three_one = call_ok(
        &mut staff,
        "compare_versions",
        &[("process_id", &pid), ("from", "3"), ("to", "1")],
    )
    .await;
    assert!(three_one["sections"]
        .as_array()
        .expect("sections")
        .iter()
        .any(|s| s["status"] == "Removed" && s["title"] == "11. Kontakt"));
    let same = call_ok(
        &mut staff,
        "compare_versions",
        &[("process_id", &pid), ("from", "2"), ("to", "2")],
    )
    .await;
    assert_eq!(same["inserted_words"], 0);
    assert_eq!(same["deleted_words"], 0);
    // Without numbers: the latest against the one before.
    let default = call_ok(&mut staff, "compare_versions", &[("process_id", &pid)]).await;
    assert_eq!(
        (default["from"].as_i64(), default["to"].as_i64()),
        (Some(2), Some(3))
    );

    // The pages render for staff, with the diff marked up as <ins>/<del>.
    let page = staff
        .get(&format!("/prozesse/{id}/vergleich?von=1&zu=2"))
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("<ins>"), "no insertion markup");
    assert!(page.body.contains("<del>"), "no deletion markup");
    let page = staff.get(&format!("/prozesse/{id}/versionen/2")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("das Gespräch mit Klient:innen"));
    let rows = version::Entity::find()
        .filter(version::Column::ProcessId.eq(id))
        .order_by_asc(version::Column::Number)
        .all(&app.db)
        .await
        .expect("query");
    assert_eq!(rows.iter().map(|v| v.number).collect::<Vec<_>>(), [1, 2, 3]);
}

async fn empty_unchanged_or_stale_drafts_are_not_published(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (mut kim, id) = coordinator_with_own_group(&app).await;
    // No draft at all.
    let none = publish(&mut kim, id, "Nichts", 0).await;
    assert_eq!(none.status, StatusCode::BAD_REQUEST, "{}", none.body);

    call_ok(
        &mut kim,
        "start_draft",
        &[("process_id", &id.to_string()), ("from_template", "nein")],
    )
    .await;
    let empty = publish(&mut kim, id, "Leer", 0).await;
    assert_eq!(empty.status, StatusCode::BAD_REQUEST, "{}", empty.body);
    assert!(empty.body.contains("leerer Entwurf"), "{}", empty.body);
    assert_eq!(
        save(&mut kim, id, "  \n\n  ", 0).await.status,
        StatusCode::OK
    );
    let blank = publish(&mut kim, id, "Nur Leerzeichen", 1).await;
    assert_eq!(blank.status, StatusCode::BAD_REQUEST, "{}", blank.body);

    assert_eq!(
        save(&mut kim, id, "# Leitlinie\n\nText.", 1).await.status,
        StatusCode::OK
    );
    let no_summary = publish(&mut kim, id, "   ", 2).await;
    assert_eq!(
        no_summary.status,
        StatusCode::BAD_REQUEST,
        "{}",
        no_summary.body
    );
    assert!(
        no_summary.body.contains("Was hat sich geändert?"),
        "{}",
        no_summary.body
    );
    let stale = publish(&mut kim, id, "Erste Fassung", 1).await;
    assert_eq!(stale.status, StatusCode::CONFLICT, "{}", stale.body);
    let first = publish(&mut kim, id, "Erste Fassung", 2).await;
    assert_eq!(first.status, StatusCode::OK, "{}", first.body);

    // Publishing the same text again is refused, also after a save that changed nothing.
    let identical = publish(&mut kim, id, "Nochmal", 2).await;
    assert_eq!(
        identical.status,
        StatusCode::BAD_REQUEST,
        "{}",
        identical.body
    );
    assert!(
        identical.body.contains("unverändert gegenüber Version 1"),
        "{}",
        identical.body
    );
    assert_eq!(
        save(&mut kim, id, "# Leitlinie\n\nText.", 2).await.status,
        StatusCode::OK
    );
    let resaved = publish(&mut kim, id, "Nochmal", 3).await;
    assert_eq!(resaved.status, StatusCode::BAD_REQUEST, "{}", resaved.body);

    let count = version::Entity::find()
        .filter(version::Column::ProcessId.eq(id))
        .all(&app.db)
        .await
        .expect("query")
        .len();
    assert_eq!(count, 1);
}

async fn script_in_a_draft_does_not_survive_publishing(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (mut kim, id) = coordinator_with_own_group(&app).await;
    let pid = id.to_string();
    call_ok(
        &mut kim,
        "start_draft",
        &[("process_id", &pid), ("from_template", "nein")],
    )
    .await;
    let attack = "# Leitlinie\n\n<script>alert('x')</script>\n\n<img src=x onerror=alert(1)>\n\n\
                  [klick](javascript:alert(1)) und <a href=\"javascript:alert(2)\">hier</a>\n";
    assert_eq!(save(&mut kim, id, attack, 0).await.status, StatusCode::OK);

    let assert_harmless = |html: &str, what: &str| {
        // Every real tag (escaped text shows as `&lt;…`, never as `<`).
        let tags: Vec<String> = html
            .split('<')
            .skip(1)
            .map(|rest| rest.split('>').next().unwrap_or_default().to_lowercase())
            .collect();
        assert!(!tags.is_empty(), "{what}: {html}");
        for tag in &tags {
            assert!(!tag.starts_with("script"), "{what}: <{tag}> in {html}");
            assert!(!tag.starts_with("img"), "{what}: <{tag}> in {html}");
            assert!(!tag.contains("javascript"), "{what}: <{tag}> in {html}");
            assert!(!tag.contains("onerror"), "{what}: <{tag}> in {html}");
        }
        // The link text stays, without its target; the raw HTML stays visible as text.
        assert!(
            tags.iter()
                .any(|t| t.starts_with("a ") && !t.contains("href")),
            "{what}: {html}"
        );
        assert!(html.contains("&lt;script&gt;"), "{what}: {html}");
    };

    let preview = call_ok(
        &mut kim,
        "preview_draft",
        &[("process_id", &pid), ("body", attack)],
    )
    .await;
    assert_harmless(preview["html"].as_str().expect("html"), "preview");

    assert_eq!(
        publish(&mut kim, id, "Test", 1).await.status,
        StatusCode::OK
    );
    let stored = version::Entity::find()
        .filter(version::Column::ProcessId.eq(id))
        .one(&app.db)
        .await
        .expect("query")
        .expect("version");
    assert_eq!(
        stored.body, attack,
        "the Markdown source is kept as written"
    );
    assert_harmless(&stored.body_html, "stored body_html");

    let page = kim.get(&format!("/prozesse/{id}/versionen/1")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(!page.body.contains("<script>alert"), "version page");
    assert!(!page.body.contains("<img src=x"), "version page");
}

async fn an_oversized_draft_is_refused_in_german(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (mut kim, id) = coordinator_with_own_group(&app).await;
    call_ok(
        &mut kim,
        "start_draft",
        &[("process_id", &id.to_string()), ("from_template", "nein")],
    )
    .await;
    let huge = "ä".repeat(app::draft::DRAFT_MAX_CHARS + 1);
    let response = save(&mut kim, id, &huge, 0).await;
    assert_eq!(response.status, StatusCode::BAD_REQUEST);
    assert!(
        response.body.contains("Der Entwurf ist zu lang"),
        "{}",
        response.body
    );
    assert_eq!(stored_body(&app, id).await, "");
    // Exactly at the limit is fine.
    let full = "ä".repeat(app::draft::DRAFT_MAX_CHARS);
    assert_eq!(save(&mut kim, id, &full, 0).await.status, StatusCode::OK);
}
