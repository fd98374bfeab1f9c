//! Review cycles: adoption moves the process to step 5 with a review date, only coordinators
//! reschedule or start a review, starting one opens the next revision from the adopted
//! version (which stays the valid published one) and carries in needs for change and deferred
//! comments; refusals for guidelines not adopted or already under review.

use crate::helpers::{call_ok, Backend, Client, TestApp, COORDINATOR};
use crate::on_both_databases;
use crate::rounds::{comment_on, open, round_view, setup, TEXT};
use app::entities::{adoption_proposal, round, working_draft};
use axum::http::StatusCode;
use chrono::{Duration, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, IntoActiveModel, QueryFilter, Set};

on_both_databases!(
    adoption_moves_the_process_to_step_five_and_due_reviews_reach_the_dashboard,
    only_coordinators_reschedule_or_start_a_review,
    starting_a_review_opens_revision_two_in_discourse_and_the_adopted_version_stays_valid,
    a_review_can_reenter_at_collect_and_inputs_are_carried_only_once,
    a_review_is_refused_before_adoption_and_while_one_is_under_way,
    carried_in_comments_of_a_team_round_are_shown_only_to_that_round_s_audience,
    the_description_of_a_new_tool_is_kept_shown_and_logged,
);

/// An adopted guideline: version 1 of "KI-Leitlinie 2027" (group: Nora), adopted by the
/// management (whose member is the coordinator), with one comment of a closed round that was
/// deferred to the next review.
pub(crate) struct Adopted {
    pub(crate) app: TestApp,
    pub(crate) coordinator: Client,
    pub(crate) nora: Client,
    pub(crate) staff: Client,
    pub(crate) process_id: i64,
    pub(crate) pid: String,
    pub(crate) hash: String,
}

/// The text of the deferred comment.
pub(crate) const DEFERRED: &str = "Was gilt für Übersetzungsdienste?";

pub(crate) async fn adopted(backend: Backend) -> Adopted {
    adopted_after_round(backend, None).await
}

/// As [`adopted`]; with `team`, the round was for that team only and the staff member who
/// commented belongs to it.
pub(crate) async fn adopted_after_round(backend: Backend, team: Option<&str>) -> Adopted {
    let mut s = setup(backend).await;
    let pid = s.process_id.to_string();
    let round_id = match team {
        None => open(&mut s.nora, s.process_id, false).await,
        Some(team) => {
            let staff_id = app::entities::user::Entity::find()
                .filter(app::entities::user::Column::Email.eq(crate::helpers::STAFF.0))
                .one(&s.app.db)
                .await
                .expect("query")
                .expect("staff account")
                .id
                .to_string();
            call_ok(
                &mut s.coordinator,
                "set_user_team",
                &[("user_id", &staff_id), ("team", team)],
            )
            .await;
            let response =
                crate::rounds::try_open(&mut s.nora, s.process_id, "teams", team, false).await;
            assert_eq!(response.status, StatusCode::OK, "{}", response.body);
            response.json()
        }
    };
    let view = round_view(&mut s.staff, s.process_id, round_id).await;
    let comment = comment_on(&mut s.staff, &view, "b3", DEFERRED).await;
    let stored = round::Entity::find_by_id(round_id)
        .one(&s.app.db)
        .await
        .expect("query")
        .expect("round");
    let mut ended = stored.into_active_model();
    ended.starts_at = Set(Utc::now() - Duration::days(10));
    ended.deadline = Set(Utc::now() - Duration::days(1));
    ended.update(&s.app.db).await.expect("end round");
    let rid = round_id.to_string();
    call_ok(
        &mut s.nora,
        "decide_comments",
        &[
            ("round_id", &rid),
            ("comment_ids", &comment.to_string()),
            ("kind", "deferred"),
            ("reason", "Klären wir bei der nächsten Überprüfung."),
        ],
    )
    .await;
    call_ok(&mut s.nora, "close_round", &[("round_id", &rid)]).await;
    let body = call_ok(
        &mut s.coordinator,
        "add_body",
        &[
            ("process_id", &pid),
            ("name", "Geschäftsführung"),
            ("required", "on"),
        ],
    )
    .await
    .as_i64()
    .expect("body id")
    .to_string();
    call_ok(
        &mut s.coordinator,
        "add_body_member",
        &[
            ("process_id", &pid),
            ("body_id", &body),
            ("email", COORDINATOR.0),
        ],
    )
    .await;
    call_ok(&mut s.nora, "propose_adoption", &[("process_id", &pid)]).await;
    let view = call_ok(&mut s.nora, "get_adoption", &[("process_id", &pid)]).await;
    let hash = view["proposal"]["frozen_hash"]
        .as_str()
        .expect("hash")
        .to_owned();
    call_ok(
        &mut s.coordinator,
        "record_decision",
        &[
            ("process_id", &pid),
            ("body_id", &body),
            ("kind", "approved"),
            ("text", ""),
            ("meeting_date", &crate::helpers::berlin_day(0)),
            ("minutes_ref", "Sitzung 2026/14, TOP 3"),
            ("content_hash", &hash),
            ("supersedes", ""),
        ],
    )
    .await;
    Adopted {
        app: s.app,
        coordinator: s.coordinator,
        nora: s.nora,
        staff: s.staff,
        process_id: s.process_id,
        pid,
        hash,
    }
}

/// Posts an experience report as `client`.
pub(crate) async fn report(
    client: &mut Client,
    pid: &str,
    kind: &str,
    body: &str,
    anonymous: bool,
) -> crate::helpers::TestResponse {
    let mut fields = vec![("process_id", pid), ("kind", kind), ("body", body)];
    if anonymous {
        fields.push(("anonymous", "on"));
    }
    client.call("post_experience", &fields).await
}

async fn start(
    client: &mut Client,
    pid: &str,
    trigger: &str,
    text: &str,
    reentry: &str,
    confirm: bool,
) -> crate::helpers::TestResponse {
    let mut fields = vec![
        ("process_id", pid),
        ("trigger", trigger),
        ("trigger_text", text),
        ("reentry", reentry),
    ];
    if confirm {
        fields.push(("confirm", "on"));
    }
    client.call("start_review", &fields).await
}

/// Sets the stored next review date to `days` from today.
async fn review_in(a: &Adopted, days: i64) {
    let proposal = adoption_proposal::Entity::find()
        .filter(adoption_proposal::Column::ProcessId.eq(a.process_id))
        .filter(adoption_proposal::Column::AdoptedAt.is_not_null())
        .one(&a.app.db)
        .await
        .expect("query")
        .expect("adopted");
    let mut active = proposal.into_active_model();
    active.next_review = Set(Some(app::domain::round::berlin_date(
        Utc::now() + Duration::days(days),
    )));
    active.update(&a.app.db).await.expect("update");
}

async fn adoption_moves_the_process_to_step_five_and_due_reviews_reach_the_dashboard(
    backend: Backend,
) {
    let mut a = adopted(backend).await;
    let process = call_ok(&mut a.staff, "get_process", &[("id", &a.pid)]).await;
    assert_eq!(process["step"], "Review", "{process}");
    assert_eq!(process["revision"], 1);
    let view = call_ok(&mut a.staff, "get_review", &[("process_id", &a.pid)]).await;
    assert_eq!(view["under_review"], false);
    assert_eq!(view["can_manage"], false);
    assert_eq!(view["in_force"]["version_number"], 1);
    assert_eq!(view["in_force"]["urgency"], "geplant");
    assert_eq!(view["waiting_deferred"], 1);
    // Two years away: not on the dashboard yet.
    let due = call_ok(&mut a.coordinator, "due_reviews", &[]).await;
    assert_eq!(due, serde_json::json!([]));
    review_in(&a, 30).await;
    let due = call_ok(&mut a.coordinator, "due_reviews", &[]).await;
    assert_eq!(due[0]["process_id"], a.process_id);
    assert_eq!(due[0]["overdue"], false);
    assert!(due[0]["status_text"]
        .as_str()
        .unwrap()
        .starts_with("Überprüfung fällig am"));
    let due = call_ok(&mut a.nora, "due_reviews", &[]).await;
    assert_eq!(
        due.as_array().map(Vec::len),
        Some(1),
        "the group sees it too"
    );
    review_in(&a, -1).await;
    let due = call_ok(&mut a.coordinator, "due_reviews", &[]).await;
    assert_eq!(due[0]["overdue"], true);
    assert!(due[0]["status_text"]
        .as_str()
        .unwrap()
        .starts_with("Überprüfung überfällig seit"));
    let due = call_ok(&mut a.staff, "due_reviews", &[]).await;
    assert_eq!(due, serde_json::json!([]), "staff have no dashboard entry");
    // The generic step buttons cannot open a revision without a review.
    let bare = a
        .coordinator
        .call(
            "change_step",
            &[
                ("process_id", &a.pid),
                ("to", "discourse"),
                ("reason", "Neu"),
            ],
        )
        .await;
    assert_eq!(bare.status, StatusCode::CONFLICT, "{}", bare.body);
    drop(a.app);
}

async fn only_coordinators_reschedule_or_start_a_review(backend: Backend) {
    let mut a = adopted(backend).await;
    let in_a_year = crate::helpers::berlin_day(365);
    for client in [&mut a.staff, &mut a.nora] {
        let r = client
            .call(
                "reschedule_review",
                &[("process_id", &a.pid), ("next_review", &in_a_year)],
            )
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.body);
        let r = start(client, &a.pid, "new_law", "", "discourse", true).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.body);
    }
    let past = a
        .coordinator
        .call(
            "reschedule_review",
            &[("process_id", &a.pid), ("next_review", "2020-01-01")],
        )
        .await;
    assert_eq!(past.status, StatusCode::BAD_REQUEST);
    assert!(past.body.contains("in der Zukunft"), "{}", past.body);
    let garbage = a
        .coordinator
        .call(
            "reschedule_review",
            &[("process_id", &a.pid), ("next_review", "morgen")],
        )
        .await;
    assert_eq!(garbage.status, StatusCode::BAD_REQUEST);
    call_ok(
        &mut a.coordinator,
        "reschedule_review",
        &[("process_id", &a.pid), ("next_review", &in_a_year)],
    )
    .await;
    let view = call_ok(&mut a.staff, "get_review", &[("process_id", &a.pid)]).await;
    assert_eq!(view["in_force"]["next_review_iso"], in_a_year);
    let process = call_ok(&mut a.staff, "get_process", &[("id", &a.pid)]).await;
    assert_eq!(process["step"], "Review", "rescheduling changes no step");
    drop(a.app);
}

async fn starting_a_review_opens_revision_two_in_discourse_and_the_adopted_version_stays_valid(
    backend: Backend,
) {
    let mut a = adopted(backend).await;
    let need = report(
        &mut a.staff,
        &a.pid,
        "need_for_change",
        "Kapitel 2 sollte Übersetzungs-KI regeln.",
        true,
    )
    .await;
    assert_eq!(need.status, StatusCode::OK, "{}", need.body);
    let story = report(
        &mut a.staff,
        &a.pid,
        "success_story",
        "Protokolle gehen schneller.",
        false,
    )
    .await;
    assert_eq!(story.status, StatusCode::OK, "{}", story.body);
    let unconfirmed = start(
        &mut a.coordinator,
        &a.pid,
        "new_law",
        "",
        "discourse",
        false,
    )
    .await;
    assert_eq!(unconfirmed.status, StatusCode::BAD_REQUEST);
    let response = start(&mut a.coordinator, &a.pid, "new_law", "", "discourse", true).await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.body);

    let process = call_ok(&mut a.staff, "get_process", &[("id", &a.pid)]).await;
    assert_eq!(process["step"], "Discourse");
    assert_eq!(process["revision"], 2);
    let timeline = process["timeline"].as_array().expect("timeline");
    assert_eq!(
        timeline.last().expect("entry")["reason"],
        "Überprüfung: Neue Rechtslage (z. B. EU-KI-Verordnung)"
    );
    // The adopted version is still the valid published one, marked as under review.
    let guideline = call_ok(&mut a.staff, "get_guideline", &[("process_id", &a.pid)]).await;
    assert_eq!(guideline["version_number"], 1);
    assert_eq!(guideline["content_hash"], a.hash);
    assert_eq!(guideline["under_review"], true);
    // The working draft of the new revision starts from the adopted text.
    let draft = working_draft::Entity::find_by_id(a.process_id)
        .one(&a.app.db)
        .await
        .expect("query")
        .expect("draft");
    assert_eq!(draft.body, TEXT);
    // The review and its inputs: the need for change and the deferred comment, no authors.
    let view = call_ok(&mut a.nora, "get_review", &[("process_id", &a.pid)]).await;
    assert_eq!(view["under_review"], true);
    let review = &view["reviews"][0];
    assert_eq!(review["revision"], 2);
    assert_eq!(review["from_version_number"], 1);
    assert_eq!(review["content_hash"], a.hash);
    assert_eq!(review["started_by"], "Kim Koordination");
    assert_eq!(review["reentry"], "3. Diskurs");
    let inputs = review["inputs"].as_array().expect("inputs");
    assert_eq!(inputs.len(), 2, "{view}");
    assert_eq!(inputs[0]["source"], "Änderungsbedarf");
    assert_eq!(
        inputs[0]["body"],
        "Kapitel 2 sollte Übersetzungs-KI regeln."
    );
    assert!(inputs[0]["link"].as_str().unwrap().contains("/erfahrungen"));
    assert_eq!(inputs[1]["source"], "Zurückgestellter Kommentar");
    assert_eq!(inputs[1]["body"], DEFERRED);
    assert_eq!(
        inputs[1]["note"],
        "Klären wir bei der nächsten Überprüfung."
    );
    let json = view.to_string();
    assert!(
        !json.contains("Sam Mitarbeit"),
        "no author leaves the server: {json}"
    );
    drop(a.app);
}

async fn a_review_can_reenter_at_collect_and_inputs_are_carried_only_once(backend: Backend) {
    let mut a = adopted(backend).await;
    let other = start(&mut a.coordinator, &a.pid, "other", "  ", "collect", true).await;
    assert_eq!(other.status, StatusCode::BAD_REQUEST);
    assert!(other.body.contains("beschreiben"), "{}", other.body);
    let draft = start(&mut a.coordinator, &a.pid, "new_tool", "", "draft", true).await;
    assert_eq!(draft.status, StatusCode::BAD_REQUEST);
    let response = start(
        &mut a.coordinator,
        &a.pid,
        "other",
        "Fusion mit Träger B",
        "collect",
        true,
    )
    .await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.body);
    let process = call_ok(&mut a.staff, "get_process", &[("id", &a.pid)]).await;
    assert_eq!(process["step"], "Collect");
    assert_eq!(process["revision"], 2);
    let view = call_ok(&mut a.staff, "get_review", &[("process_id", &a.pid)]).await;
    assert_eq!(view["reviews"][0]["trigger"], "Sonstiger Anlass");
    assert_eq!(view["reviews"][0]["trigger_text"], "Fusion mit Träger B");
    assert_eq!(view["reviews"][0]["reentry"], "1. Sammeln");
    assert_eq!(
        view["reviews"][0]["inputs"].as_array().map(Vec::len),
        Some(1)
    );
    assert_eq!(
        view["waiting_deferred"], 0,
        "the deferred comment was carried in"
    );
    drop(a.app);
}

async fn a_review_is_refused_before_adoption_and_while_one_is_under_way(backend: Backend) {
    let mut s = setup(backend).await;
    let pid = s.process_id.to_string();
    let early = start(&mut s.coordinator, &pid, "new_law", "", "discourse", true).await;
    assert_eq!(early.status, StatusCode::CONFLICT);
    assert!(
        early.body.contains("noch nicht verabschiedet"),
        "{}",
        early.body
    );
    let reschedule = s
        .coordinator
        .call(
            "reschedule_review",
            &[("process_id", &pid), ("next_review", "2030-01-01")],
        )
        .await;
    assert_eq!(reschedule.status, StatusCode::CONFLICT);
    drop(s.app);

    let mut a = adopted(backend).await;
    let first = start(
        &mut a.coordinator,
        &a.pid,
        "change_needs",
        "",
        "discourse",
        true,
    )
    .await;
    assert_eq!(first.status, StatusCode::OK, "{}", first.body);
    let second = start(&mut a.coordinator, &a.pid, "new_law", "", "discourse", true).await;
    assert_eq!(second.status, StatusCode::CONFLICT);
    assert!(second.body.contains("bereits überprüft"), "{}", second.body);
    let in_a_year = crate::helpers::berlin_day(365);
    let reschedule = a
        .coordinator
        .call(
            "reschedule_review",
            &[("process_id", &a.pid), ("next_review", &in_a_year)],
        )
        .await;
    assert_eq!(reschedule.status, StatusCode::CONFLICT);
    let view = call_ok(&mut a.coordinator, "get_review", &[("process_id", &a.pid)]).await;
    assert_eq!(view["reviews"].as_array().map(Vec::len), Some(1));
    drop(a.app);
}

on_both_databases!(the_demo_has_a_guideline_in_trial_and_one_under_review);

async fn the_demo_has_a_guideline_in_trial_and_one_under_review(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    server::demo::example::seed(&app.db).await.expect("example");
    server::demo::privacy::seed(&app.db).await.expect("privacy");
    server::demo::trial::seed(&app.db).await.expect("trial");
    let mut kim = app.client();
    kim.login(COORDINATOR.0, COORDINATOR.1).await;
    let processes = call_ok(&mut kim, "list_processes", &[]).await;
    let id_of = |title: &str| {
        processes
            .as_array()
            .expect("list")
            .iter()
            .find(|p| p["title"] == title)
            .unwrap_or_else(|| panic!("{title} missing: {processes}"))["id"]
            .as_i64()
            .expect("id")
            .to_string()
    };
    let video = id_of("Leitlinie Videoberatung");
    let docs = id_of("Leitlinie Digitale Dokumentation");
    let guideline = call_ok(&mut kim, "get_guideline", &[("process_id", &video)]).await;
    assert_eq!(guideline["decisions"].as_array().map(Vec::len), Some(2));
    assert_eq!(guideline["acknowledgements"]["acknowledged"], 4);
    assert_eq!(guideline["under_review"], false);
    let posts = call_ok(
        &mut kim,
        "get_dialogue",
        &[
            ("process_id", &video),
            ("kind", "need_for_change"),
            ("page", "1"),
        ],
    )
    .await;
    assert_eq!(posts["total"], 2);
    let due = call_ok(&mut kim, "due_reviews", &[]).await;
    assert!(due.to_string().contains("Leitlinie Videoberatung"), "{due}");
    let process = call_ok(&mut kim, "get_process", &[("id", &docs)]).await;
    assert_eq!(process["step"], "Discourse");
    assert_eq!(process["revision"], 2);
    let review = call_ok(&mut kim, "get_review", &[("process_id", &docs)]).await;
    assert_eq!(review["reviews"][0]["trigger"], "Neues KI-Werkzeug");
    assert_eq!(
        review["reviews"][0]["inputs"].as_array().map(Vec::len),
        Some(2)
    );
    let still_valid = call_ok(&mut kim, "get_guideline", &[("process_id", &docs)]).await;
    assert_eq!(still_valid["version_number"], 1);
    assert_eq!(still_valid["under_review"], true);
    drop(app);
}

/// The review page used to copy every deferred comment of every round, with the group's reason,
/// to everyone who could see the process.
async fn carried_in_comments_of_a_team_round_are_shown_only_to_that_round_s_audience(
    backend: Backend,
) {
    let mut a = adopted_after_round(backend, Some("Kita")).await;
    let mut outsider =
        crate::helpers::new_member_client(&a.app, "Olga Außen", "olga@example.org").await;
    // Before the review: the waiting count does not reveal the team's comment either.
    let view = call_ok(&mut outsider, "get_review", &[("process_id", &a.pid)]).await;
    assert_eq!(view["waiting_deferred"], 0, "{view}");
    let view = call_ok(&mut a.staff, "get_review", &[("process_id", &a.pid)]).await;
    assert_eq!(view["waiting_deferred"], 1, "{view}");
    let response = start(&mut a.coordinator, &a.pid, "new_law", "", "discourse", true).await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.body);

    // Outside the team: neither the comment nor the group's reason, in the data or the page.
    let view = call_ok(&mut outsider, "get_review", &[("process_id", &a.pid)]).await;
    assert_eq!(
        view["reviews"][0]["inputs"],
        serde_json::json!([]),
        "{view}"
    );
    let page = outsider
        .get(&format!("/prozesse/{}/ueberpruefung", a.pid))
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(!page.body.contains(DEFERRED), "the page leaks the comment");
    assert!(!page
        .body
        .contains("Klären wir bei der nächsten Überprüfung"));
    // The round itself stays closed to the outsider, as before.
    let report = outsider.get(&format!("/prozesse/{}/runden", a.pid)).await;
    assert!(!report.body.contains(DEFERRED));

    // The team member, the project group and the coordinator see the carried-in comment.
    for client in [&mut a.staff, &mut a.nora, &mut a.coordinator] {
        let view = call_ok(client, "get_review", &[("process_id", &a.pid)]).await;
        let inputs = view["reviews"][0]["inputs"].as_array().expect("inputs");
        assert!(inputs.iter().any(|i| i["body"] == DEFERRED), "{view}");
    }
    drop(a.app);
}

async fn the_description_of_a_new_tool_is_kept_shown_and_logged(backend: Backend) {
    use app::entities::audit_log;
    let mut a = adopted(backend).await;
    let response = start(
        &mut a.coordinator,
        &a.pid,
        "new_tool",
        " Microsoft Copilot ",
        "discourse",
        true,
    )
    .await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.body);

    let view = call_ok(&mut a.staff, "get_review", &[("process_id", &a.pid)]).await;
    let review = &view["reviews"][0];
    assert_eq!(review["trigger"], "Neues KI-Werkzeug");
    assert_eq!(review["trigger_text"], "Microsoft Copilot");
    let process = call_ok(&mut a.staff, "get_process", &[("id", &a.pid)]).await;
    let timeline = process["timeline"].as_array().expect("timeline");
    assert_eq!(
        timeline.last().expect("entry")["reason"],
        "Überprüfung: Neues KI-Werkzeug: Microsoft Copilot"
    );
    let entry = audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq("review.started"))
        .one(&a.app.db)
        .await
        .expect("query")
        .expect("entry");
    let details: serde_json::Value = serde_json::from_str(&entry.details).expect("json");
    assert_eq!(details["trigger"], "new_tool");
    assert_eq!(details["trigger_text"], "Microsoft Copilot");
}
