//! Formal adoption: only body members record their body's decision, decisions against changed
//! content are refused, all required approvals adopt the version, a rejection sends it back,
//! corrections keep the history, and the read acknowledgement counts once per person.

use crate::helpers::{
    appoint, call_ok, new_member_client, process_in_draft_step, Backend, Client, TestApp,
    COORDINATOR, STAFF,
};
use crate::on_both_databases;
use app::domain::adoption::VerdictKind;
use app::entities::{acknowledgement, adoption_decision, version};
use axum::http::StatusCode;
use chrono::{Months, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, IntoActiveModel, QueryFilter, Set};

on_both_databases!(
    only_members_of_a_body_record_its_decision,
    a_decision_against_changed_content_is_refused,
    when_all_required_bodies_approve_the_version_is_adopted_and_published,
    after_a_rejection_the_group_sends_the_version_back_with_the_reason_visible,
    a_correction_supersedes_the_decision_and_keeps_the_history,
    staff_acknowledge_the_guideline_once_and_only_coordinators_see_the_rate,
    a_frozen_version_leaves_adoption_only_by_return_or_a_withdrawal_with_a_reason,
);

/// The version text: two chapters.
const TEXT: &str = "# KI-Leitlinie\n\nWir nutzen KI verantwortungsvoll.\n\n## Datenschutz\n\nDaten von Klientinnen gehören nicht in öffentliche KI-Dienste.\n";

/// A process in step 3 with one published version, the group (Nora), and two required
/// bodies: management (Gerd) and works council (Berta).
struct Setup {
    app: TestApp,
    coordinator: Client,
    nora: Client,
    gerd: Client,
    berta: Client,
    staff: Client,
    pid: String,
    management: String,
    council: String,
}

async fn setup(backend: Backend) -> Setup {
    let app = TestApp::spawn(backend).await;
    let mut coordinator = app.client();
    coordinator.login(COORDINATOR.0, COORDINATOR.1).await;
    let process_id = process_in_draft_step(&mut coordinator, "KI-Leitlinie 2027").await;
    let pid = process_id.to_string();
    let mut nora = new_member_client(&app, "Nora Gruppe", "nora@example.org").await;
    let gerd = new_member_client(&app, "Gerd Führung", "gerd@example.org").await;
    let berta = new_member_client(&app, "Berta Rat", "berta@example.org").await;
    appoint(&mut coordinator, process_id, "nora@example.org").await;
    call_ok(
        &mut nora,
        "start_draft",
        &[("process_id", &pid), ("from_template", "nein")],
    )
    .await;
    let count = call_ok(
        &mut nora,
        "save_draft",
        &[("process_id", &pid), ("body", TEXT), ("edit_count", "0")],
    )
    .await
    .as_i64()
    .expect("edit count")
    .to_string();
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
    let management = add_body(&mut coordinator, &pid, "Geschäftsführung").await;
    let council = add_body(&mut coordinator, &pid, "Betriebsrat").await;
    for (body_id, email) in [
        (&management, "gerd@example.org"),
        (&council, "berta@example.org"),
    ] {
        call_ok(
            &mut coordinator,
            "add_body_member",
            &[("process_id", &pid), ("body_id", body_id), ("email", email)],
        )
        .await;
    }
    let mut staff = app.client();
    staff.login(STAFF.0, STAFF.1).await;
    Setup {
        app,
        coordinator,
        nora,
        gerd,
        berta,
        staff,
        pid,
        management,
        council,
    }
}

/// Adds a required body as the coordinator and returns its id.
async fn add_body(coordinator: &mut Client, pid: &str, name: &str) -> String {
    call_ok(
        coordinator,
        "add_body",
        &[("process_id", pid), ("name", name), ("required", "on")],
    )
    .await
    .as_i64()
    .expect("body id")
    .to_string()
}

fn today() -> String {
    crate::helpers::berlin_day(0)
}

/// Proposes the version as Nora and returns the frozen hash shown on the adoption page.
async fn propose(s: &mut Setup) -> String {
    call_ok(&mut s.nora, "propose_adoption", &[("process_id", &s.pid)]).await;
    let view = call_ok(&mut s.nora, "get_adoption", &[("process_id", &s.pid)]).await;
    assert_eq!(view["process"]["step"], "Adoption");
    view["proposal"]["frozen_hash"]
        .as_str()
        .expect("hash")
        .to_owned()
}

async fn record(
    client: &mut Client,
    pid: &str,
    body_id: &str,
    kind: &str,
    text: &str,
    hash: &str,
    supersedes: &str,
) -> crate::helpers::TestResponse {
    let date = today();
    client
        .call(
            "record_decision",
            &[
                ("process_id", pid),
                ("body_id", body_id),
                ("kind", kind),
                ("text", text),
                ("meeting_date", &date),
                ("minutes_ref", "Sitzung 2026/14, TOP 3"),
                ("content_hash", hash),
                ("supersedes", supersedes),
            ],
        )
        .await
}

async fn only_members_of_a_body_record_its_decision(backend: Backend) {
    let mut s = setup(backend).await;
    let staff_adds = s
        .staff
        .call(
            "add_body",
            &[("process_id", &s.pid), ("name", "MAV"), ("required", "on")],
        )
        .await;
    assert_eq!(staff_adds.status, StatusCode::FORBIDDEN);
    let hash = propose(&mut s).await;
    assert_eq!(hash.len(), 64);
    let (pid, management) = (s.pid.clone(), s.management.clone());
    for client in [&mut s.staff, &mut s.berta, &mut s.nora, &mut s.coordinator] {
        let response = record(client, &pid, &management, "approved", "", &hash, "").await;
        assert_eq!(response.status, StatusCode::FORBIDDEN, "{}", response.body);
    }
    let response = record(&mut s.gerd, &pid, &management, "approved", "", &hash, "").await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.body);
    let stored = adoption_decision::Entity::find()
        .all(&s.app.db)
        .await
        .unwrap();
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0].content_hash, hash);
}

async fn a_decision_against_changed_content_is_refused(backend: Backend) {
    let mut s = setup(backend).await;
    let hash = propose(&mut s).await;
    let (pid, management) = (s.pid.clone(), s.management.clone());
    let stale = "f".repeat(64);
    let response = record(&mut s.gerd, &pid, &management, "approved", "", &stale, "").await;
    assert_eq!(response.status, StatusCode::CONFLICT, "{}", response.body);
    assert!(
        response.body.contains("andere Textversion"),
        "{}",
        response.body
    );

    // Someone changes the frozen text directly in the database.
    let stored = version::Entity::find()
        .filter(version::Column::ContentHash.eq(hash.clone()))
        .one(&s.app.db)
        .await
        .unwrap()
        .expect("frozen version");
    let mut active = stored.into_active_model();
    active.body = Set(format!("{TEXT}\nNachträglich eingefügt.\n"));
    active.update(&s.app.db).await.unwrap();
    let response = record(&mut s.gerd, &pid, &management, "approved", "", &hash, "").await;
    assert_eq!(response.status, StatusCode::CONFLICT, "{}", response.body);
    assert!(response.body.contains("Prüfsumme"), "{}", response.body);
    assert!(adoption_decision::Entity::find()
        .all(&s.app.db)
        .await
        .unwrap()
        .is_empty());
}

async fn when_all_required_bodies_approve_the_version_is_adopted_and_published(backend: Backend) {
    let mut s = setup(backend).await;
    let hash = propose(&mut s).await;
    let (pid, management, council) = (s.pid.clone(), s.management.clone(), s.council.clone());
    let guideline = s.staff.call("get_guideline", &[("process_id", &pid)]).await;
    assert_eq!(guideline.status, StatusCode::NOT_FOUND);
    let response = record(&mut s.gerd, &pid, &management, "approved", "", &hash, "").await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.body);
    let view = call_ok(&mut s.nora, "get_adoption", &[("process_id", &pid)]).await;
    assert_eq!(view["proposal"]["adopted"], false);
    let missing_conditions = record(
        &mut s.berta,
        &pid,
        &council,
        "approved_with_conditions",
        " ",
        &hash,
        "",
    )
    .await;
    assert_eq!(missing_conditions.status, StatusCode::BAD_REQUEST);
    let response = record(
        &mut s.berta,
        &pid,
        &council,
        "approved_with_conditions",
        "Schulung aller Teams bis März",
        &hash,
        "",
    )
    .await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.body);
    call_ok(
        &mut s.nora,
        "save_summary",
        &[
            ("process_id", &pid),
            ("summary", "Wir nutzen KI **mit Bedacht**."),
        ],
    )
    .await;
    let view = call_ok(&mut s.nora, "get_adoption", &[("process_id", &pid)]).await;
    assert_eq!(view["proposal"]["adopted"], true, "{view}");
    let in_two_years = app::domain::round::berlin_date(Utc::now())
        .checked_add_months(Months::new(24))
        .unwrap()
        .format("%d.%m.%Y")
        .to_string();
    // The German date may be a day ahead of UTC around midnight.
    let next = view["proposal"]["next_review"].as_str().expect("review");
    assert!(
        next == in_two_years || next.ends_with(&in_two_years[6..]),
        "{next}"
    );
    let page = call_ok(&mut s.staff, "get_guideline", &[("process_id", &pid)]).await;
    assert_eq!(page["content_hash"], hash);
    assert_eq!(page["toc"][1]["title"], "Datenschutz");
    assert!(page["summary_html"]
        .as_str()
        .unwrap()
        .contains("<strong>mit Bedacht</strong>"));
    let decisions = page["decisions"].as_array().expect("decisions");
    assert_eq!(decisions.len(), 2);
    assert_eq!(decisions[1]["verdict"], "mit Auflagen zugestimmt");
    assert_eq!(decisions[1]["conditions"], "Schulung aller Teams bis März");
    // After adoption nothing can be corrected any more.
    let current = view["bodies"][1]["current"]["id"]
        .as_i64()
        .unwrap()
        .to_string();
    let late = record(
        &mut s.berta,
        &pid,
        &council,
        "rejected",
        "Zu spät",
        &hash,
        &current,
    )
    .await;
    assert_eq!(late.status, StatusCode::CONFLICT, "{}", late.body);
}

async fn after_a_rejection_the_group_sends_the_version_back_with_the_reason_visible(
    backend: Backend,
) {
    let mut s = setup(backend).await;
    let hash = propose(&mut s).await;
    let (pid, council) = (s.pid.clone(), s.council.clone());
    let no_reason = record(&mut s.berta, &pid, &council, "rejected", "", &hash, "").await;
    assert_eq!(no_reason.status, StatusCode::BAD_REQUEST);
    let response = record(
        &mut s.berta,
        &pid,
        &council,
        "rejected",
        "Kapitel Datenschutz zu vage",
        &hash,
        "",
    )
    .await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.body);
    let view = call_ok(&mut s.nora, "get_adoption", &[("process_id", &pid)]).await;
    assert_eq!(
        view["proposal"]["rejections"][0],
        "Betriebsrat: Kapitel Datenschutz zu vage"
    );
    let suggested = view["suggested_return_reason"]
        .as_str()
        .expect("reason")
        .to_owned();
    assert!(suggested.contains("Kapitel Datenschutz zu vage"));
    let staff_returns = s
        .staff
        .call(
            "return_version",
            &[
                ("process_id", &pid),
                ("to", "discourse"),
                ("reason", &suggested),
            ],
        )
        .await;
    assert_eq!(staff_returns.status, StatusCode::FORBIDDEN);
    let to_collect = s
        .nora
        .call(
            "return_version",
            &[
                ("process_id", &pid),
                ("to", "collect"),
                ("reason", &suggested),
            ],
        )
        .await;
    assert_eq!(
        to_collect.status,
        StatusCode::BAD_REQUEST,
        "{}",
        to_collect.body
    );
    call_ok(
        &mut s.nora,
        "return_version",
        &[
            ("process_id", &pid),
            ("to", "discourse"),
            ("reason", &suggested),
        ],
    )
    .await;
    let process = call_ok(&mut s.staff, "get_process", &[("id", &pid)]).await;
    assert_eq!(process["step"], "Discourse");
    let last = process["timeline"]
        .as_array()
        .unwrap()
        .last()
        .unwrap()
        .clone();
    assert_eq!(last["from"], "Adoption");
    assert!(last["reason"]
        .as_str()
        .unwrap()
        .contains("Abgelehnt durch Betriebsrat: Kapitel Datenschutz zu vage"));
    let view = call_ok(&mut s.staff, "get_adoption", &[("process_id", &pid)]).await;
    assert_eq!(view["proposal"]["returned"], true);
    assert_eq!(view["proposal"]["rejections"].as_array().unwrap().len(), 1);
}

async fn a_correction_supersedes_the_decision_and_keeps_the_history(backend: Backend) {
    let mut s = setup(backend).await;
    let hash = propose(&mut s).await;
    let (pid, management) = (s.pid.clone(), s.management.clone());
    let response = record(
        &mut s.gerd,
        &pid,
        &management,
        "rejected",
        "Versehentlich eingetragen",
        &hash,
        "",
    )
    .await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.body);
    let first: i64 = response.json();
    let second_without_correction =
        record(&mut s.gerd, &pid, &management, "approved", "", &hash, "").await;
    assert_eq!(second_without_correction.status, StatusCode::CONFLICT);
    let correction = record(
        &mut s.gerd,
        &pid,
        &management,
        "approved",
        "",
        &hash,
        &first.to_string(),
    )
    .await;
    assert_eq!(correction.status, StatusCode::OK, "{}", correction.body);
    let view = call_ok(&mut s.staff, "get_adoption", &[("process_id", &pid)]).await;
    let body = &view["bodies"][0];
    assert_eq!(body["current"]["verdict"], "zugestimmt");
    let history = body["history"].as_array().unwrap();
    assert_eq!(history.len(), 2);
    assert_eq!(history[0]["verdict"], "abgelehnt");
    assert_eq!(history[1]["supersedes"], first);
    assert_eq!(view["proposal"]["rejections"].as_array().unwrap().len(), 0);
    // The first entry is still stored unchanged.
    let stored = adoption_decision::Entity::find_by_id(first)
        .one(&s.app.db)
        .await
        .unwrap()
        .expect("kept");
    assert_eq!(stored.verdict, VerdictKind::Rejected);
}

async fn staff_acknowledge_the_guideline_once_and_only_coordinators_see_the_rate(backend: Backend) {
    let mut s = setup(backend).await;
    let hash = propose(&mut s).await;
    let (pid, management, council) = (s.pid.clone(), s.management.clone(), s.council.clone());
    let early = s
        .staff
        .call("acknowledge_guideline", &[("process_id", &pid)])
        .await;
    assert_eq!(early.status, StatusCode::CONFLICT);
    for (client, body) in [(&mut s.gerd, &management), (&mut s.berta, &council)] {
        let response = record(client, &pid, body, "approved", "", &hash, "").await;
        assert_eq!(response.status, StatusCode::OK, "{}", response.body);
    }
    let first = call_ok(
        &mut s.staff,
        "acknowledge_guideline",
        &[("process_id", &pid)],
    )
    .await;
    assert_eq!(first, true);
    let again = call_ok(
        &mut s.staff,
        "acknowledge_guideline",
        &[("process_id", &pid)],
    )
    .await;
    assert_eq!(again, false);
    assert_eq!(
        acknowledgement::Entity::find()
            .all(&s.app.db)
            .await
            .unwrap()
            .len(),
        1
    );
    let page = call_ok(&mut s.staff, "get_guideline", &[("process_id", &pid)]).await;
    assert_eq!(page["acknowledged"], true);
    assert!(page["acknowledgements"].is_null());
    let page = call_ok(&mut s.coordinator, "get_guideline", &[("process_id", &pid)]).await;
    assert_eq!(page["acknowledged"], false);
    assert_eq!(page["acknowledgements"]["acknowledged"], 1);
    assert!(page["acknowledgements"]["total"].as_u64().unwrap() >= 5);
    assert_eq!(
        page["acknowledgements"]["names"].as_array().unwrap().len(),
        1
    );
}

/// `change_step` used to take a frozen version out of adoption without any decision, leaving
/// its proposal open.
async fn a_frozen_version_leaves_adoption_only_by_return_or_a_withdrawal_with_a_reason(
    backend: Backend,
) {
    let mut s = setup(backend).await;
    let hash = propose(&mut s).await;
    let management = s.management.clone();
    let approved = record(&mut s.gerd, &s.pid, &management, "approved", "", &hash, "").await;
    assert_eq!(approved.status, StatusCode::OK, "{}", approved.body);
    // Neither the group nor a coordinator can step back with the generic step buttons.
    for client in [&mut s.nora, &mut s.coordinator] {
        let back = client
            .call(
                "change_step",
                &[
                    ("process_id", &s.pid),
                    ("to", "draft"),
                    ("reason", "Fehler gefunden"),
                ],
            )
            .await;
        assert_eq!(back.status, StatusCode::CONFLICT, "{}", back.body);
        assert!(back.body.contains("zurückzieht"), "{}", back.body);
    }
    let withdraw = |confirm: bool, reason: &'static str| {
        let mut fields = vec![("to", "draft"), ("reason", reason)];
        if confirm {
            fields.push(("confirm", "on"));
        }
        fields
    };
    // Only the project group withdraws; a confirmation and a reason are required.
    for client in [&mut s.staff, &mut s.coordinator, &mut s.gerd] {
        let mut fields = withdraw(true, "Fehler gefunden");
        fields.push(("process_id", &s.pid));
        let refused = client.call("withdraw_proposal", &fields).await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN, "{}", refused.body);
    }
    let mut fields = withdraw(false, "Fehler gefunden");
    fields.push(("process_id", &s.pid));
    let unconfirmed = s.nora.call("withdraw_proposal", &fields).await;
    assert_eq!(
        unconfirmed.status,
        StatusCode::BAD_REQUEST,
        "{}",
        unconfirmed.body
    );
    let mut fields = withdraw(true, "   ");
    fields.push(("process_id", &s.pid));
    let no_reason = s.nora.call("withdraw_proposal", &fields).await;
    assert_eq!(
        no_reason.status,
        StatusCode::BAD_REQUEST,
        "{}",
        no_reason.body
    );

    let mut fields = withdraw(true, "In Kapitel 2 fehlt die Regel für Übersetzungen.");
    fields.push(("process_id", &s.pid));
    call_ok(&mut s.nora, "withdraw_proposal", &fields).await;
    let view = call_ok(&mut s.nora, "get_adoption", &[("process_id", &s.pid)]).await;
    assert_eq!(view["process"]["step"], "Draft");
    assert_eq!(view["proposal"]["returned"], true);
    assert_eq!(
        view["proposal"]["status"],
        "Vorschlag zurückgezogen: In Kapitel 2 fehlt die Regel für Übersetzungen."
    );
    // The proposal is closed: no more decisions on it, and the recorded one stays.
    let council = s.council.clone();
    let late = record(&mut s.berta, &s.pid, &council, "approved", "", &hash, "").await;
    assert_ne!(late.status, StatusCode::OK, "{}", late.body);
    let decisions = adoption_decision::Entity::find()
        .all(&s.app.db)
        .await
        .unwrap();
    assert_eq!(decisions.len(), 1);
    // The withdrawal and the step change are in the audit log.
    let entries = app::entities::audit_log::Entity::find()
        .filter(app::entities::audit_log::Column::Action.eq("adoption.withdrawn"))
        .all(&s.app.db)
        .await
        .unwrap();
    assert_eq!(entries.len(), 1);
    assert!(
        entries[0].details.contains("In Kapitel 2 fehlt"),
        "{}",
        entries[0].details
    );
    drop(s.app);
}
