//! Co-determination procedures: a works council's resolution with quorum, majority and minutes
//! confirmed by two accounts; management confirmations; a MAV's deadline with deemed approval
//! (also across a restart); objections under the MAVO; a works agreement confirmed by both
//! sides on the same hash; marked sections and changes since the council's approval.

use crate::helpers::{
    appoint, berlin_day, call_ok, new_member_client, process_in_draft_step, Backend, Client,
    TestApp, COORDINATOR, STAFF,
};
use crate::on_both_databases;
use app::domain::adoption::VerdictKind;
use app::entities::{adoption_decision, approval_request, audit_log};
use axum::http::StatusCode;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, IntoActiveModel, QueryFilter, Set};

on_both_databases!(
    a_works_council_resolution_needs_quorum_and_counts_once_chair_and_member_confirm_the_minutes,
    a_silent_mvg_ekd_mav_approves_after_its_deadline_also_when_the_app_was_stopped,
    a_mavo_mav_objects_with_reasons_and_a_late_answer_is_refused,
    a_works_agreement_needs_both_sides_on_the_same_hash,
    marked_sections_changed_since_the_council_s_approval_are_flagged,
    procedures_are_fixed_while_a_version_is_proposed,
);

const TEXT: &str = "# KI-Leitlinie\n\nWir nutzen KI verantwortungsvoll.\n\n## Datenschutz\n\nKeine Namen in öffentliche KI-Dienste.\n";

/// A process in step 3 with version 1; Nora is the project group.
struct Setup {
    app: TestApp,
    coordinator: Client,
    nora: Client,
    pid: String,
}

async fn setup(backend: Backend) -> Setup {
    let app = TestApp::spawn(backend).await;
    let mut coordinator = app.client();
    coordinator.login(COORDINATOR.0, COORDINATOR.1).await;
    let process_id = process_in_draft_step(&mut coordinator, "KI-Leitlinie Mitbestimmung").await;
    let pid = process_id.to_string();
    let mut nora = new_member_client(&app, "Nora Gruppe", "nora@example.org").await;
    appoint(&mut coordinator, process_id, "nora@example.org").await;
    call_ok(
        &mut nora,
        "start_draft",
        &[("process_id", &pid), ("from_template", "nein")],
    )
    .await;
    publish(&mut nora, &pid, TEXT, "Erste Fassung").await;
    call_ok(
        &mut nora,
        "change_step",
        &[("process_id", &pid), ("to", "discourse"), ("reason", "")],
    )
    .await;
    Setup {
        app,
        coordinator,
        nora,
        pid,
    }
}

async fn publish(nora: &mut Client, pid: &str, text: &str, summary: &str) {
    let draft = call_ok(nora, "get_draft", &[("process_id", pid)]).await;
    let count = draft["draft"]["edit_count"]
        .as_i64()
        .unwrap_or(0)
        .to_string();
    let count = call_ok(
        nora,
        "save_draft",
        &[("process_id", pid), ("body", text), ("edit_count", &count)],
    )
    .await
    .as_i64()
    .expect("edit count")
    .to_string();
    call_ok(
        nora,
        "publish_version",
        &[
            ("process_id", pid),
            ("change_summary", summary),
            ("edit_count", &count),
        ],
    )
    .await;
}

/// Adds a required body with the given procedure settings and members; returns its id.
async fn body(s: &mut Setup, name: &str, procedure: &[(&str, &str)], members: &[&str]) -> String {
    let id = call_ok(
        &mut s.coordinator,
        "add_body",
        &[("process_id", &s.pid), ("name", name), ("required", "on")],
    )
    .await
    .as_i64()
    .expect("body id")
    .to_string();
    for email in members {
        call_ok(
            &mut s.coordinator,
            "add_body_member",
            &[("process_id", &s.pid), ("body_id", &id), ("email", email)],
        )
        .await;
    }
    let mut fields = vec![("process_id", s.pid.as_str()), ("body_id", id.as_str())];
    fields.extend_from_slice(procedure);
    call_ok(&mut s.coordinator, "configure_body", &fields).await;
    id
}

async fn user_id(app: &TestApp, email: &str) -> String {
    crate::helpers::user_id(app, email).await.to_string()
}

async fn set_chair(s: &mut Setup, body_id: &str, email: &str) {
    let user = user_id(&s.app, email).await;
    call_ok(
        &mut s.coordinator,
        "set_body_chair",
        &[
            ("process_id", &s.pid),
            ("body_id", body_id),
            ("user_id", &user),
        ],
    )
    .await;
}

async fn propose(s: &mut Setup) {
    call_ok(&mut s.nora, "propose_adoption", &[("process_id", &s.pid)]).await;
}

async fn adoption(client: &mut Client, pid: &str) -> serde_json::Value {
    call_ok(client, "get_adoption", &[("process_id", pid)]).await
}

fn procedure_of<'a>(view: &'a serde_json::Value, name: &str) -> &'a serde_json::Value {
    view["codetermination"]["bodies"]
        .as_array()
        .expect("bodies")
        .iter()
        .find(|b| b["body_name"] == name)
        .expect("body")
}

async fn resolution(
    client: &mut Client,
    pid: &str,
    body_id: &str,
    present: &str,
    yes: &str,
    no: &str,
) -> crate::helpers::TestResponse {
    client
        .call(
            "record_resolution",
            &[
                ("process_id", pid),
                ("body_id", body_id),
                ("meeting_date", &berlin_day(0)),
                ("meeting_form", "in_person"),
                ("present", present),
                ("yes", yes),
                ("no", no),
                ("abstain", "0"),
                (
                    "wording",
                    "Der Betriebsrat stimmt der KI-Leitlinie in Fassung 1 zu.",
                ),
                ("minutes_ref", "BR-Sitzung 2026/14, TOP 3"),
            ],
        )
        .await
}

async fn a_works_council_resolution_needs_quorum_and_counts_once_chair_and_member_confirm_the_minutes(
    backend: Backend,
) {
    let mut s = setup(backend).await;
    let mut berta = new_member_client(&s.app, "Berta Rat", "berta@example.org").await;
    let mut bernd = new_member_client(&s.app, "Bernd Rat", "bernd@example.org").await;
    let council = body(
        &mut s,
        "Betriebsrat",
        &[("procedure", "works_council"), ("seats", "5")],
        &["berta@example.org", "bernd@example.org"],
    )
    .await;
    set_chair(&mut s, &council, "berta@example.org").await;
    // The council was informed and involved an expert; both are logged, by a member or the
    // coordinator, and listed on the page.
    for (client, kind, what) in [
        (
            &mut s.coordinator,
            "information",
            "Entwurf Fassung 1 und Datenschutz-Folgenabschätzung übergeben",
        ),
        (
            &mut berta,
            "expert",
            "IT-Sachverständige zur Protokollierung hinzugezogen",
        ),
    ] {
        call_ok(
            client,
            "log_council_information",
            &[
                ("process_id", &s.pid),
                ("body_id", &council),
                ("kind", kind),
                ("given_on", &berlin_day(-3)),
                ("description", what),
            ],
        )
        .await;
    }
    let mut outsider = s.app.client();
    outsider.login(STAFF.0, STAFF.1).await;
    let refused = outsider
        .call(
            "log_council_information",
            &[
                ("process_id", &s.pid),
                ("body_id", &council),
                ("kind", "information"),
                ("given_on", &berlin_day(0)),
                ("description", "x"),
            ],
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let view = adoption(&mut berta, &s.pid).await;
    let log = &procedure_of(&view, "Betriebsrat")["information"];
    assert_eq!(log[0]["kind_label"], "Unterrichtung (§ 80 Abs. 2 BetrVG)");
    assert_eq!(
        log[1]["kind_label"],
        "Sachverständige hinzugezogen (§ 80 Abs. 3 BetrVG)"
    );
    propose(&mut s).await;
    let pid = s.pid.clone();

    // Two of five members: no quorum, no resolution, and the message says why.
    let refused = resolution(&mut berta, &pid, &council, "2", "2", "0").await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST, "{}", refused.body);
    assert!(
        refused.body.contains("nicht beschlussfähig"),
        "{}",
        refused.body
    );
    assert!(refused.body.contains("mindestens 3"), "{}", refused.body);
    // Staff outside the body cannot enter one.
    let mut staff = s.app.client();
    staff.login(STAFF.0, STAFF.1).await;
    let outsider = resolution(&mut staff, &pid, &council, "4", "3", "1").await;
    assert_eq!(outsider.status, StatusCode::FORBIDDEN);

    let id = resolution(&mut bernd, &pid, &council, "4", "3", "1")
        .await
        .json::<i64>()
        .to_string();
    let view = adoption(&mut berta, &pid).await;
    let entry = &procedure_of(&view, "Betriebsrat")["resolutions"][0];
    assert_eq!(entry["approved"], true);
    assert!(entry["explanation"].as_str().unwrap().contains("4 von 5"));
    assert_eq!(entry["may_confirm_as_chair"], true);
    assert!(!view["codetermination"]["bodies"][0]["decided"]
        .as_bool()
        .unwrap());

    let as_chair = [
        ("process_id", pid.as_str()),
        ("resolution_id", id.as_str()),
        ("as_chair", "ja"),
    ];
    let as_member = [
        ("process_id", pid.as_str()),
        ("resolution_id", id.as_str()),
        ("as_chair", "nein"),
    ];
    // Bernd is not the chair.
    let not_chair = bernd.call("confirm_minutes", &as_chair).await;
    assert_eq!(
        not_chair.status,
        StatusCode::FORBIDDEN,
        "{}",
        not_chair.body
    );
    call_ok(&mut berta, "confirm_minutes", &as_chair).await;
    // One account cannot be both confirmations.
    let twice = berta.call("confirm_minutes", &as_member).await;
    assert_eq!(twice.status, StatusCode::CONFLICT, "{}", twice.body);
    assert!(adoption_decision::Entity::find()
        .all(&s.app.db)
        .await
        .unwrap()
        .is_empty());
    call_ok(&mut bernd, "confirm_minutes", &as_member).await;

    // Now it is the council's decision, with the rule that applied; and the guideline is adopted.
    let decisions = adoption_decision::Entity::find()
        .all(&s.app.db)
        .await
        .unwrap();
    assert_eq!(decisions.len(), 1);
    assert_eq!(decisions[0].verdict, VerdictKind::Approved);
    assert!(decisions[0]
        .basis
        .as_deref()
        .unwrap()
        .contains("§ 33 BetrVG"));
    assert_eq!(decisions[0].minutes_ref, "BR-Sitzung 2026/14, TOP 3");
    let view = adoption(&mut staff, &pid).await;
    assert_eq!(view["process"]["step"], "Review", "{view}");
    // Every step is in the audit chain.
    for action in [
        "codetermination.council_informed",
        "codetermination.resolution_recorded",
        "codetermination.minutes_confirmed",
        "adoption.decision_recorded",
        "adoption.adopted",
    ] {
        let n = audit_log::Entity::find()
            .filter(audit_log::Column::Action.eq(action))
            .all(&s.app.db)
            .await
            .unwrap()
            .len();
        assert!(n >= 1, "{action}");
    }
    let report = app::audit::ssr::verify(&s.app.db).await.unwrap();
    assert_eq!(report.broken, None);
    drop(s.app);
}

async fn a_silent_mvg_ekd_mav_approves_after_its_deadline_also_when_the_app_was_stopped(
    backend: Backend,
) {
    let mut s = setup(backend).await;
    let mut mia = new_member_client(&s.app, "Mia MAV", "mia@example.org").await;
    let mav = body(
        &mut s,
        "Mitarbeitervertretung",
        &[
            ("procedure", "mav_ekd"),
            ("deadline_days", "14"),
            ("extension_days", "14"),
        ],
        &["mia@example.org"],
    )
    .await;
    propose(&mut s).await;
    let pid = s.pid.clone();
    // Received ten days ago: the two weeks have not run out.
    call_ok(
        &mut s.coordinator,
        "request_approval",
        &[
            ("process_id", &pid),
            ("body_id", &mav),
            ("received_on", &berlin_day(-10)),
        ],
    )
    .await;
    let view = adoption(&mut mia, &pid).await;
    let request = &procedure_of(&view, "Mitarbeitervertretung")["request"];
    assert!(
        request["status"]
            .as_str()
            .unwrap()
            .starts_with("Die Frist läuft bis"),
        "{request}"
    );
    assert_eq!(request["may_answer"], true);
    // A refusal needs reasons in writing.
    let request_id = request["id"].to_string();
    let bare = mia
        .call(
            "answer_request",
            &[
                ("process_id", &pid),
                ("request_id", &request_id),
                ("approve", "nein"),
                ("reasons", "Nein."),
            ],
        )
        .await;
    assert_eq!(bare.status, StatusCode::BAD_REQUEST, "{}", bare.body);
    assert!(bare.body.contains("Gründe"), "{}", bare.body);

    // The check at the deadline's last day records nothing; the day after, silence approves.
    let stored = approval_request::Entity::find()
        .one(&s.app.db)
        .await
        .unwrap()
        .unwrap();
    let last_day = stored.last_day;
    assert_eq!(
        app::codetermination::ssr::settle_deadlines(&s.app.db, last_day, None)
            .await
            .unwrap(),
        0
    );
    assert!(adoption_decision::Entity::find()
        .all(&s.app.db)
        .await
        .unwrap()
        .is_empty());

    // The app was stopped while the deadline ran out: move the deadline into the past and start
    // a new instance, whose check at start records the deemed approval.
    let mut active = stored.into_active_model();
    active.last_day = Set(app::domain::round::berlin_date(
        chrono::Utc::now() - chrono::Duration::days(1),
    ));
    active.update(&s.app.db).await.unwrap();
    let restarted = s.app.second_instance().await;
    let mut decisions = Vec::new();
    for _ in 0..50 {
        decisions = adoption_decision::Entity::find()
            .all(&s.app.db)
            .await
            .unwrap();
        if !decisions.is_empty() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(
        decisions.len(),
        1,
        "the restarted app recorded the deemed approval"
    );
    assert!(decisions[0].deemed);
    assert_eq!(decisions[0].verdict, VerdictKind::Approved);
    assert!(decisions[0]
        .basis
        .as_deref()
        .unwrap()
        .contains("§ 38 MVG-EKD"));
    assert!(decisions[0]
        .basis
        .as_deref()
        .unwrap()
        .contains("gilt als gebilligt"));
    let entries = audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq("codetermination.deemed_approval"))
        .all(&s.app.db)
        .await
        .unwrap();
    assert_eq!(entries.len(), 1);
    assert_eq!(
        entries[0].actor_id, None,
        "recorded by the app, not a person"
    );
    // Running the check again changes nothing; the guideline is adopted.
    assert_eq!(
        app::codetermination::ssr::settle_deadlines(
            &s.app.db,
            app::domain::round::berlin_date(chrono::Utc::now()),
            None
        )
        .await
        .unwrap(),
        0
    );
    let mut on_b = mia.via(&restarted);
    let view = adoption(&mut on_b, &pid).await;
    assert_eq!(view["process"]["step"], "Review");
    // Both sides learn it: the MAV's member and the coordinator (employer side).
    crate::mail::expand_all(&s.app).await;
    for email in ["mia@example.org", COORDINATOR.0] {
        let titles = crate::mail::titles(&s.app, email).await;
        assert!(
            crate::mail::has(
                &titles,
                "Zustimmung von Mitarbeitervertretung gilt als erteilt"
            ),
            "{email}: {titles:?}"
        );
    }
    drop(s.app);
}

async fn a_mavo_mav_objects_with_reasons_and_a_late_answer_is_refused(backend: Backend) {
    let mut s = setup(backend).await;
    let mut mia = new_member_client(&s.app, "Mia MAV", "mia@example.org").await;
    let mav = body(
        &mut s,
        "MAV",
        &[("procedure", "mav_mavo")],
        &["mia@example.org"],
    )
    .await;
    propose(&mut s).await;
    let pid = s.pid.clone();
    call_ok(
        &mut s.coordinator,
        "request_approval",
        &[
            ("process_id", &pid),
            ("body_id", &mav),
            ("received_on", &berlin_day(-1)),
        ],
    )
    .await;
    let view = adoption(&mut mia, &pid).await;
    let request_id = procedure_of(&view, "MAV")["request"]["id"].to_string();
    // The coordinator extends once, with the reason.
    call_ok(
        &mut s.coordinator,
        "extend_deadline",
        &[
            ("process_id", &pid),
            ("request_id", &request_id),
            ("reason", "Antrag der MAV vom heutigen Tag"),
        ],
    )
    .await;
    let again = s
        .coordinator
        .call(
            "extend_deadline",
            &[
                ("process_id", &pid),
                ("request_id", &request_id),
                ("reason", "noch einmal"),
            ],
        )
        .await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    call_ok(
        &mut mia,
        "answer_request",
        &[
            ("process_id", &pid),
            ("request_id", &request_id),
            ("approve", "nein"),
            (
                "reasons",
                "Die Leitlinie regelt die Auswertung von Protokollen nicht.",
            ),
        ],
    )
    .await;
    let decisions = adoption_decision::Entity::find()
        .all(&s.app.db)
        .await
        .unwrap();
    assert_eq!(decisions.len(), 1);
    assert_eq!(decisions[0].verdict, VerdictKind::Rejected);
    assert!(decisions[0]
        .verdict_text
        .as_deref()
        .unwrap()
        .starts_with("Einwendungen der Mitarbeitervertretung:"));
    let view = adoption(&mut mia, &pid).await;
    assert_eq!(view["proposal"]["status"], "abgelehnt");
    // A second answer is refused.
    let late = mia
        .call(
            "answer_request",
            &[
                ("process_id", &pid),
                ("request_id", &request_id),
                ("approve", "ja"),
            ],
        )
        .await;
    assert_eq!(late.status, StatusCode::CONFLICT);
    drop(s.app);
}

async fn a_works_agreement_needs_both_sides_on_the_same_hash(backend: Backend) {
    let mut s = setup(backend).await;
    let mut gerd = new_member_client(&s.app, "Gerd Führung", "gerd@example.org").await;
    let mut berta = new_member_client(&s.app, "Berta Rat", "berta@example.org").await;
    let mut bernd = new_member_client(&s.app, "Bernd Rat", "bernd@example.org").await;
    call_ok(
        &mut s.coordinator,
        "set_agreement",
        &[
            ("process_id", &s.pid),
            ("agreement", "betriebsvereinbarung"),
        ],
    )
    .await;
    let management = body(
        &mut s,
        "Geschäftsführung",
        &[("procedure", "management"), ("rule", "all")],
        &["gerd@example.org"],
    )
    .await;
    let council = body(
        &mut s,
        "Betriebsrat",
        &[("procedure", "works_council"), ("seats", "3")],
        &["berta@example.org", "bernd@example.org"],
    )
    .await;
    set_chair(&mut s, &council, "berta@example.org").await;
    propose(&mut s).await;
    let pid = s.pid.clone();
    call_ok(
        &mut gerd,
        "confirm_as_member",
        &[
            ("process_id", &pid),
            ("body_id", &management),
            ("approve", "ja"),
        ],
    )
    .await;
    let id = resolution(&mut berta, &pid, &council, "3", "3", "0")
        .await
        .json::<i64>()
        .to_string();
    for (client, as_chair) in [(&mut berta, "ja"), (&mut bernd, "nein")] {
        call_ok(
            client,
            "confirm_minutes",
            &[
                ("process_id", &pid),
                ("resolution_id", &id),
                ("as_chair", as_chair),
            ],
        )
        .await;
    }
    // Both bodies approved, but the agreement is not yet confirmed by both sides.
    let view = adoption(&mut gerd, &pid).await;
    assert_eq!(view["process"]["step"], "Adoption");
    let agreement = &view["codetermination"]["agreement"];
    assert_eq!(agreement["kind_label"], "Betriebsvereinbarung");
    assert_eq!(agreement["may_sign_employer"], true);
    assert_eq!(agreement["may_sign_council"], false);
    // Only the council's chair confirms for the council; staff for neither side.
    let not_chair = bernd
        .call(
            "sign_agreement",
            &[("process_id", &pid), ("side", "council")],
        )
        .await;
    assert_eq!(not_chair.status, StatusCode::FORBIDDEN);
    let mut staff = s.app.client();
    staff.login(STAFF.0, STAFF.1).await;
    let outsider = staff
        .call(
            "sign_agreement",
            &[("process_id", &pid), ("side", "employer")],
        )
        .await;
    assert_eq!(outsider.status, StatusCode::FORBIDDEN);
    call_ok(
        &mut berta,
        "sign_agreement",
        &[("process_id", &pid), ("side", "council")],
    )
    .await;
    assert_eq!(
        adoption(&mut gerd, &pid).await["process"]["step"],
        "Adoption"
    );
    call_ok(
        &mut gerd,
        "sign_agreement",
        &[("process_id", &pid), ("side", "employer")],
    )
    .await;
    let view = adoption(&mut gerd, &pid).await;
    assert_eq!(view["process"]["step"], "Review", "{view}");
    let hash = view["proposal"]["frozen_hash"].as_str().unwrap().to_owned();
    let signatures = app::entities::agreement_signature::Entity::find()
        .all(&s.app.db)
        .await
        .unwrap();
    assert_eq!(signatures.len(), 2);
    assert!(signatures.iter().all(|sig| sig.content_hash == hash));
    // The adoption record's PDF shows both confirmations with name, role and hash, the
    // members' confirmation and the council's vote with both confirmations of its minutes.
    let pdf = gerd
        .get(&format!("/prozesse/{pid}/verabschiedung.pdf"))
        .await;
    assert_eq!(pdf.status, StatusCode::OK);
    let text = crate::documents::pdf_text(&pdf.bytes);
    for expected in [
        "Vereinbarung bestätigt: Arbeitgeber",
        "Vereinbarung bestätigt: Arbeitnehmervertretung",
        "Gerd Führung",
        "Berta",
        "Geschäftsführung: Mitglied stimmt zu",
        "3 Mitglieder, 3 anwesend; 3 ja, 0 nein, 0 Enthaltungen",
        "Niederschrift bestätigt (Vorsitz)",
        "Niederschrift bestätigt (Mitglied)",
    ] {
        assert!(text.contains(expected), "{expected:?} missing in: {text}");
    }
    assert!(
        text.contains(&hash) || text.contains(&hash[..16]),
        "the frozen hash is printed"
    );
    drop(s.app);
}

async fn marked_sections_changed_since_the_council_s_approval_are_flagged(backend: Backend) {
    let mut s = setup(backend).await;
    let mut gerd = new_member_client(&s.app, "Gerd Führung", "gerd@example.org").await;
    let mut mia = new_member_client(&s.app, "Mia MAV", "mia@example.org").await;
    let management = body(
        &mut s,
        "Geschäftsführung",
        &[("procedure", "management"), ("rule", "all")],
        &["gerd@example.org"],
    )
    .await;
    let mav = body(
        &mut s,
        "MAV",
        &[("procedure", "mav_ekd")],
        &["mia@example.org"],
    )
    .await;
    let pid = s.pid.clone();
    // Only the project group marks sections, and only sections that exist.
    let refused = s
        .coordinator
        .call(
            "mark_section",
            &[
                ("process_id", &pid),
                ("anchor", "datenschutz"),
                ("basis", "§ 87 Abs. 1 Nr. 6 BetrVG"),
            ],
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    call_ok(
        &mut s.nora,
        "mark_section",
        &[
            ("process_id", &pid),
            ("anchor", "datenschutz"),
            (
                "basis",
                "§ 87 Abs. 1 Nr. 6 BetrVG – technische Einrichtungen",
            ),
        ],
    )
    .await;
    propose(&mut s).await;
    // The MAV approves version 1; the management rejects it: the group sends it back.
    call_ok(
        &mut s.coordinator,
        "request_approval",
        &[
            ("process_id", &pid),
            ("body_id", &mav),
            ("received_on", &berlin_day(0)),
        ],
    )
    .await;
    let view = adoption(&mut mia, &pid).await;
    let request_id = procedure_of(&view, "MAV")["request"]["id"].to_string();
    call_ok(
        &mut mia,
        "answer_request",
        &[
            ("process_id", &pid),
            ("request_id", &request_id),
            ("approve", "ja"),
        ],
    )
    .await;
    call_ok(
        &mut gerd,
        "confirm_as_member",
        &[
            ("process_id", &pid),
            ("body_id", &management),
            ("approve", "nein"),
            ("reason", "Kapitel 1 zu knapp."),
        ],
    )
    .await;
    call_ok(
        &mut s.nora,
        "return_version",
        &[
            ("process_id", &pid),
            ("to", "discourse"),
            ("reason", "Ablehnung der Geschäftsführung"),
        ],
    )
    .await;
    // Version 2 changes the marked section.
    publish(
        &mut s.nora,
        &pid,
        &TEXT.replace("Keine Namen", "Keine Namen und keine Fotos"),
        "Datenschutz erweitert",
    )
    .await;
    propose(&mut s).await;
    let view = adoption(&mut mia, &pid).await;
    let mark = &view["codetermination"]["marks"][0];
    assert_eq!(mark["title"], "Datenschutz");
    assert_eq!(mark["changed"], true, "{mark}");
    assert!(mark["since_approval"]
        .as_str()
        .unwrap()
        .contains("erneute Zustimmung nötig"));
    drop(s.app);
}

async fn procedures_are_fixed_while_a_version_is_proposed(backend: Backend) {
    let mut s = setup(backend).await;
    let mut gerd = new_member_client(&s.app, "Gerd Führung", "gerd@example.org").await;
    let management = body(
        &mut s,
        "Geschäftsführung",
        &[("procedure", "management")],
        &["gerd@example.org"],
    )
    .await;
    let bad = s
        .coordinator
        .call(
            "configure_body",
            &[
                ("process_id", &s.pid),
                ("body_id", &management),
                ("procedure", "works_council"),
                ("seats", "0"),
            ],
        )
        .await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST, "{}", bad.body);
    propose(&mut s).await;
    let locked = s
        .coordinator
        .call(
            "configure_body",
            &[
                ("process_id", &s.pid),
                ("body_id", &management),
                ("procedure", "simple"),
            ],
        )
        .await;
    assert_eq!(locked.status, StatusCode::CONFLICT, "{}", locked.body);
    // A procedure body's decision is not entered by hand.
    let hash = adoption(&mut gerd, &s.pid).await["proposal"]["frozen_hash"]
        .as_str()
        .unwrap()
        .to_owned();
    let by_hand = gerd
        .call(
            "record_decision",
            &[
                ("process_id", &s.pid),
                ("body_id", &management),
                ("kind", "approved"),
                ("text", ""),
                ("meeting_date", &berlin_day(0)),
                ("minutes_ref", "TOP 1"),
                ("content_hash", &hash),
                ("supersedes", ""),
            ],
        )
        .await;
    assert_eq!(by_hand.status, StatusCode::CONFLICT, "{}", by_hand.body);
    assert!(by_hand.body.contains("Verfahren"), "{}", by_hand.body);
    drop(s.app);
}
