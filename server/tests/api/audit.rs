//! The audit log: every state change writes exactly its entry in the same transaction, refused
//! or failed changes leave none, the hash chain verifies (in batches, also under concurrent
//! writes), a changed byte is found at exactly its entry (also by `server verify-audit`), and
//! only coordinators read the log.

use crate::helpers::{
    appoint, call_ok, create_process, new_member_client, Backend, Client, TestApp, COORDINATOR,
    STAFF,
};
use crate::on_both_databases;
use crate::rounds::{comment_on, open, round_view, setup};
use app::audit::ssr::{record, verify};
use app::domain::audit::AuditAction;
use app::domain::process::Step;
use app::entities::{adoption_proposal, audit_head, audit_log, process, round, user, version};
use axum::http::StatusCode;
use chrono::{Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, Set, Statement, TransactionTrait,
};
use std::process::Command;

on_both_databases!(
    every_listed_state_change_writes_exactly_its_entry,
    refused_actions_leave_no_entry,
    an_entry_recorded_before_a_failure_in_the_same_transaction_is_rolled_back,
    a_service_that_fails_after_recording_leaves_no_entry,
    a_changed_byte_fails_verification_at_exactly_that_entry_also_in_the_cli,
    deleting_the_newest_entry_is_caught_against_the_stored_head,
    twenty_concurrent_state_changes_form_a_gapless_valid_chain,
    only_coordinators_read_and_verify_the_audit_log,
    the_audit_list_filters_and_pages_by_fifty,
    the_log_reads_in_german_with_berlin_times_and_links,
);

/// `(action, actor, object type, object id)` of an entry.
type Shape = (String, Option<i64>, String, Option<i64>);

fn shape(action: AuditAction, actor: i64, object_type: &str, object_id: i64) -> Shape {
    (
        action.as_str().to_owned(),
        Some(actor),
        object_type.to_owned(),
        Some(object_id),
    )
}

/// The newest `seq` in the log (0 when empty).
async fn last_seq(app: &TestApp) -> i64 {
    audit_log::Entity::find()
        .order_by_desc(audit_log::Column::Seq)
        .one(&app.db)
        .await
        .expect("query")
        .map_or(0, |e| e.seq)
}

/// The entries after `mark`, oldest first; moves `mark` to the newest.
async fn entries_since(app: &TestApp, mark: &mut i64) -> Vec<audit_log::Model> {
    let entries = audit_log::Entity::find()
        .filter(audit_log::Column::Seq.gt(*mark))
        .order_by_asc(audit_log::Column::Seq)
        .all(&app.db)
        .await
        .expect("query");
    if let Some(last) = entries.last() {
        *mark = last.seq;
    }
    entries
}

/// Asserts that exactly `expected` was logged since `mark`, in that order.
async fn expect_logged(app: &TestApp, mark: &mut i64, what: &str, expected: &[Shape]) {
    let entries = entries_since(app, mark).await;
    let got: Vec<Shape> = entries
        .iter()
        .map(|e| {
            (
                e.action.clone(),
                e.actor_id,
                e.object_type.clone(),
                e.object_id,
            )
        })
        .collect();
    assert_eq!(got, expected, "{what}");
}

pub(crate) async fn user_id(app: &TestApp, email: &str) -> i64 {
    user::Entity::find()
        .filter(user::Column::Email.eq(email))
        .one(&app.db)
        .await
        .expect("query")
        .expect("user")
        .id
}

/// Moves the round's deadline into the past, so it awaits its dispositions.
pub(crate) async fn end_round(app: &TestApp, round_id: i64) {
    let stored = round::Entity::find_by_id(round_id)
        .one(&app.db)
        .await
        .expect("query")
        .expect("round");
    let mut ended: round::ActiveModel = stored.into();
    ended.starts_at = Set(Utc::now() - Duration::days(10));
    ended.deadline = Set(Utc::now() - Duration::days(1));
    ended.update(&app.db).await.expect("move deadline");
}

async fn assert_intact(app: &TestApp) {
    let report = verify(&app.db).await.expect("verify");
    assert_eq!(report.broken, None);
    let head = report.head.expect("a head");
    assert_eq!(head.seq, last_seq(app).await);
    assert_eq!(report.checked, head.seq);
}

async fn decision(
    client: &mut Client,
    pid: &str,
    body_id: &str,
    kind: &str,
    text: &str,
    hash: &str,
) -> i64 {
    let today = crate::helpers::berlin_day(0);
    call_ok(
        client,
        "record_decision",
        &[
            ("process_id", pid),
            ("body_id", body_id),
            ("kind", kind),
            ("text", text),
            ("meeting_date", &today),
            ("minutes_ref", "Sitzung 2026/14, TOP 3"),
            ("content_hash", hash),
            ("supersedes", ""),
        ],
    )
    .await
    .as_i64()
    .expect("decision id")
}

async fn frozen_hash(client: &mut Client, pid: &str) -> String {
    let view = call_ok(client, "get_adoption", &[("process_id", pid)]).await;
    view["proposal"]["frozen_hash"]
        .as_str()
        .expect("hash")
        .to_owned()
}

async fn every_listed_state_change_writes_exactly_its_entry(backend: Backend) {
    use AuditAction::*;
    let app = TestApp::spawn(backend).await;
    let coord = user_id(&app, COORDINATOR.0).await;
    let staff_id = user_id(&app, STAFF.0).await;
    let mut mark = last_seq(&app).await;
    assert!(mark > 0, "the demo accounts' roles are logged");
    let mut coordinator = app.client();
    coordinator.login(COORDINATOR.0, COORDINATOR.1).await;
    let mut staff = app.client();
    staff.login(STAFF.0, STAFF.1).await;

    // Process created (its first step) and moved forward.
    let pid_n = create_process(&mut coordinator, "KI-Leitlinie 2027").await;
    let pid = pid_n.to_string();
    expect_logged(
        &app,
        &mut mark,
        "created",
        &[shape(StepChanged, coord, "process", pid_n)],
    )
    .await;
    call_ok(
        &mut coordinator,
        "change_step",
        &[("process_id", &pid), ("to", "draft"), ("reason", "")],
    )
    .await;
    expect_logged(
        &app,
        &mut mark,
        "forward",
        &[shape(StepChanged, coord, "process", pid_n)],
    )
    .await;
    let entry = audit_log::Entity::find()
        .filter(audit_log::Column::Seq.eq(mark))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let details: serde_json::Value = serde_json::from_str(&entry.details).unwrap();
    assert_eq!(details["from"], "collect");
    assert_eq!(details["to"], "draft");

    // Role granted with a new account; project group appointed.
    let mut nora = new_member_client(&app, "Nora Gruppe", "nora@example.org").await;
    let nora_id = user_id(&app, "nora@example.org").await;
    expect_logged(
        &app,
        &mut mark,
        "invited",
        &[shape(RoleGranted, coord, "user", nora_id)],
    )
    .await;
    appoint(&mut coordinator, pid_n, "nora@example.org").await;
    expect_logged(
        &app,
        &mut mark,
        "appointed",
        &[shape(RoleGranted, coord, "user", nora_id)],
    )
    .await;

    // Version published.
    call_ok(
        &mut nora,
        "start_draft",
        &[("process_id", &pid), ("from_template", "nein")],
    )
    .await;
    let count = call_ok(
        &mut nora,
        "save_draft",
        &[
            ("process_id", &pid),
            ("body", crate::rounds::TEXT),
            ("edit_count", "0"),
        ],
    )
    .await
    .as_i64()
    .unwrap()
    .to_string();
    expect_logged(&app, &mut mark, "saving a draft is no state change", &[]).await;
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
    let v1 = version::Entity::find()
        .filter(version::Column::ProcessId.eq(pid_n))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    expect_logged(
        &app,
        &mut mark,
        "published",
        &[shape(VersionPublished, nora_id, "version", v1.id)],
    )
    .await;
    let published = audit_log::Entity::find()
        .filter(audit_log::Column::Seq.eq(mark))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert!(
        published.details.contains(&v1.content_hash),
        "{}",
        published.details
    );

    // Forward to discourse, back with a reason, forward again.
    for (to, reason) in [
        ("discourse", ""),
        ("draft", "Kapitel 3 fehlt noch"),
        ("discourse", ""),
    ] {
        call_ok(
            &mut nora,
            "change_step",
            &[("process_id", &pid), ("to", to), ("reason", reason)],
        )
        .await;
        expect_logged(
            &app,
            &mut mark,
            to,
            &[shape(StepChanged, nora_id, "process", pid_n)],
        )
        .await;
    }
    let back = audit_log::Entity::find()
        .filter(audit_log::Column::Seq.eq(mark - 1))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert!(
        back.details.contains("Kapitel 3 fehlt noch"),
        "{}",
        back.details
    );

    // Round opened, comment hidden, dispositions (single and bulk), round closed.
    let round_id = open(&mut nora, pid_n, false).await;
    expect_logged(
        &app,
        &mut mark,
        "opened",
        &[shape(RoundOpened, nora_id, "round", round_id)],
    )
    .await;
    let view = round_view(&mut staff, pid_n, round_id).await;
    let first = comment_on(&mut staff, &view, "b2", "Bitte konkreter werden.").await;
    let second = comment_on(&mut staff, &view, "b3", "Was ist mit Diktiersoftware?").await;
    let third = comment_on(&mut staff, &view, "b4", "Unsachlich.").await;
    expect_logged(&app, &mut mark, "commenting is no state change", &[]).await;
    call_ok(
        &mut nora,
        "hide_comment",
        &[
            ("comment_id", &third.to_string()),
            ("reason", "Beleidigend."),
        ],
    )
    .await;
    expect_logged(
        &app,
        &mut mark,
        "hidden",
        &[shape(CommentHidden, nora_id, "comment", third)],
    )
    .await;
    end_round(&app, round_id).await;
    let rid = round_id.to_string();
    call_ok(
        &mut nora,
        "decide_comments",
        &[
            ("round_id", &rid),
            ("comment_ids", &first.to_string()),
            ("kind", "accepted"),
            ("reason", ""),
        ],
    )
    .await;
    expect_logged(
        &app,
        &mut mark,
        "single disposition",
        &[shape(DispositionSet, nora_id, "comment", first)],
    )
    .await;
    call_ok(
        &mut nora,
        "decide_comments",
        &[
            ("round_id", &rid),
            ("comment_ids", &format!("{first},{second}")),
            ("kind", "not_accepted"),
            ("reason", "Passt nicht."),
        ],
    )
    .await;
    expect_logged(
        &app,
        &mut mark,
        "bulk disposition",
        &[shape(DispositionSet, nora_id, "round", round_id)],
    )
    .await;
    let bulk = audit_log::Entity::find()
        .filter(audit_log::Column::Seq.eq(mark))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let details: serde_json::Value = serde_json::from_str(&bulk.details).unwrap();
    assert_eq!(details["comment_ids"], serde_json::json!([first, second]));
    assert_eq!(details["reason"], "Passt nicht.");
    call_ok(&mut nora, "close_round", &[("round_id", &rid)]).await;
    expect_logged(
        &app,
        &mut mark,
        "closed",
        &[shape(RoundClosed, nora_id, "round", round_id)],
    )
    .await;

    // Body members added and removed.
    let body = call_ok(
        &mut coordinator,
        "add_body",
        &[
            ("process_id", &pid),
            ("name", "Geschäftsführung"),
            ("required", "on"),
        ],
    )
    .await
    .as_i64()
    .unwrap()
    .to_string();
    let mut gerd = new_member_client(&app, "Gerd Führung", "gerd@example.org").await;
    let gerd_id = user_id(&app, "gerd@example.org").await;
    expect_logged(
        &app,
        &mut mark,
        "gerd invited",
        &[shape(RoleGranted, coord, "user", gerd_id)],
    )
    .await;
    for email in ["gerd@example.org", "mitarbeit@demo.mitsprache.de"] {
        call_ok(
            &mut coordinator,
            "add_body_member",
            &[("process_id", &pid), ("body_id", &body), ("email", email)],
        )
        .await;
    }
    expect_logged(
        &app,
        &mut mark,
        "body members",
        &[
            shape(RoleGranted, coord, "user", gerd_id),
            shape(RoleGranted, coord, "user", staff_id),
        ],
    )
    .await;
    call_ok(
        &mut coordinator,
        "remove_body_member",
        &[
            ("process_id", &pid),
            ("body_id", &body),
            ("user_id", &staff_id.to_string()),
        ],
    )
    .await;
    expect_logged(
        &app,
        &mut mark,
        "body member removed",
        &[shape(RoleRemoved, coord, "user", staff_id)],
    )
    .await;

    // Proposed, rejected, returned; proposed again, approved, adopted.
    let proposal = call_ok(&mut nora, "propose_adoption", &[("process_id", &pid)])
        .await
        .as_i64()
        .unwrap();
    expect_logged(
        &app,
        &mut mark,
        "proposed",
        &[
            shape(VersionProposed, nora_id, "proposal", proposal),
            shape(StepChanged, nora_id, "process", pid_n),
        ],
    )
    .await;
    let hash = frozen_hash(&mut nora, &pid).await;
    let proposed = audit_log::Entity::find()
        .filter(audit_log::Column::Seq.eq(mark - 1))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert!(proposed.details.contains(&hash), "{}", proposed.details);
    let rejected = decision(&mut gerd, &pid, &body, "rejected", "Zu vage", &hash).await;
    expect_logged(
        &app,
        &mut mark,
        "rejected",
        &[shape(DecisionRecorded, gerd_id, "decision", rejected)],
    )
    .await;
    call_ok(
        &mut nora,
        "return_version",
        &[
            ("process_id", &pid),
            ("to", "discourse"),
            ("reason", "Wir schärfen nach."),
        ],
    )
    .await;
    expect_logged(
        &app,
        &mut mark,
        "returned",
        &[
            shape(VersionReturned, nora_id, "proposal", proposal),
            shape(StepChanged, nora_id, "process", pid_n),
        ],
    )
    .await;
    let again = call_ok(&mut nora, "propose_adoption", &[("process_id", &pid)])
        .await
        .as_i64()
        .unwrap();
    expect_logged(
        &app,
        &mut mark,
        "proposed again",
        &[
            shape(VersionProposed, nora_id, "proposal", again),
            shape(StepChanged, nora_id, "process", pid_n),
        ],
    )
    .await;
    let approved = decision(&mut gerd, &pid, &body, "approved", "", &hash).await;
    expect_logged(
        &app,
        &mut mark,
        "approved and adopted",
        &[
            shape(DecisionRecorded, gerd_id, "decision", approved),
            shape(VersionAdopted, gerd_id, "proposal", again),
            shape(StepChanged, gerd_id, "process", pid_n),
        ],
    )
    .await;
    let recorded = audit_log::Entity::find()
        .filter(audit_log::Column::Seq.eq(mark - 2))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert!(recorded.details.contains(&hash), "{}", recorded.details);

    // Project group member removed; account deactivated.
    call_ok(
        &mut coordinator,
        "remove_member",
        &[("process_id", &pid), ("user_id", &nora_id.to_string())],
    )
    .await;
    expect_logged(
        &app,
        &mut mark,
        "member removed",
        &[shape(RoleRemoved, coord, "user", nora_id)],
    )
    .await;
    call_ok(
        &mut coordinator,
        "deactivate_user",
        &[("user_id", &staff_id.to_string())],
    )
    .await;
    expect_logged(
        &app,
        &mut mark,
        "deactivated",
        &[shape(UserDeactivated, coord, "user", staff_id)],
    )
    .await;

    assert_intact(&app).await;
}

async fn refused_actions_leave_no_entry(backend: Backend) {
    let mut s = setup(backend).await;
    let round_id = open(&mut s.nora, s.process_id, false).await;
    let mut mark = last_seq(&s.app).await;
    let pid = s.process_id.to_string();
    let rid = round_id.to_string();

    let running = s.nora.call("close_round", &[("round_id", &rid)]).await;
    assert_eq!(running.status, StatusCode::CONFLICT, "{}", running.body);
    let staff_step = s
        .staff
        .call(
            "change_step",
            &[("process_id", &pid), ("to", "adoption"), ("reason", "")],
        )
        .await;
    assert_eq!(
        staff_step.status,
        StatusCode::FORBIDDEN,
        "{}",
        staff_step.body
    );
    let no_reason = s
        .nora
        .call(
            "change_step",
            &[("process_id", &pid), ("to", "draft"), ("reason", " ")],
        )
        .await;
    assert_eq!(
        no_reason.status,
        StatusCode::BAD_REQUEST,
        "{}",
        no_reason.body
    );
    let second_round = s
        .nora
        .call(
            "open_round",
            &[
                ("process_id", &pid),
                ("start_date", ""),
                ("start_time", ""),
                ("deadline_date", "2099-01-01"),
                ("deadline_time", ""),
                ("audience", "everyone"),
                ("teams", ""),
            ],
        )
        .await;
    assert_eq!(
        second_round.status,
        StatusCode::CONFLICT,
        "{}",
        second_round.body
    );
    let no_body = s
        .nora
        .call("propose_adoption", &[("process_id", &pid)])
        .await;
    assert_ne!(no_body.status, StatusCode::OK, "{}", no_body.body);
    let self_deactivate = s
        .coordinator
        .call(
            "deactivate_user",
            &[("user_id", &user_id(&s.app, COORDINATOR.0).await.to_string())],
        )
        .await;
    assert_eq!(self_deactivate.status, StatusCode::BAD_REQUEST);
    expect_logged(&s.app, &mut mark, "refused actions", &[]).await;
    assert_intact(&s.app).await;
}

async fn an_entry_recorded_before_a_failure_in_the_same_transaction_is_rolled_back(
    backend: Backend,
) {
    let app = TestApp::spawn(backend).await;
    let before = last_seq(&app).await;
    let head_before = audit_head::Entity::find_by_id(1)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();

    let txn = app.db.begin().await.unwrap();
    record(
        &txn,
        Some(1),
        AuditAction::RoleGranted,
        "user",
        Some(2),
        serde_json::json!({ "role": "coordinator" }),
    )
    .await
    .expect("recorded inside the transaction");
    // The change after the record fails (a second head row with the same id) …
    let failed = txn
        .execute(Statement::from_string(
            txn.get_database_backend(),
            "INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, 'x')".to_owned(),
        ))
        .await;
    assert!(failed.is_err(), "the forced failure must fail");
    // … so the caller rolls back, as every service does on an error.
    txn.rollback().await.unwrap();

    assert_eq!(last_seq(&app).await, before, "the entry is gone");
    let head_after = audit_head::Entity::find_by_id(1)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(head_after, head_before);

    // The next append continues the chain without a gap.
    let txn = app.db.begin().await.unwrap();
    record(
        &txn,
        None,
        AuditAction::RoleGranted,
        "user",
        Some(2),
        serde_json::json!({}),
    )
    .await
    .unwrap();
    txn.commit().await.unwrap();
    assert_eq!(last_seq(&app).await, before + 1);
    assert_intact(&app).await;
}

async fn a_service_that_fails_after_recording_leaves_no_entry(backend: Backend) {
    let mut s = setup(backend).await;
    let pid = s.process_id.to_string();
    call_ok(
        &mut s.coordinator,
        "add_body",
        &[
            ("process_id", &pid),
            ("name", "Vorstand"),
            ("required", "on"),
        ],
    )
    .await;
    let stale = process::Entity::find_by_id(s.process_id)
        .one(&s.app.db)
        .await
        .unwrap()
        .unwrap();
    // Someone else moves the step after the page was loaded: proposing logs the proposal,
    // then finds the step changed and fails — the whole transaction is rolled back.
    let mut moved: process::ActiveModel = stale.clone().into();
    moved.step = Set(Step::Draft);
    moved.update(&s.app.db).await.unwrap();
    let mut mark = last_seq(&s.app).await;
    let nora = user_id(&s.app, "nora@example.org").await;
    let result = app::adoption::ssr::propose(&s.app.db, &stale, nora).await;
    assert!(
        matches!(result, Err(app::error::AppError::Conflict(_))),
        "{result:?}"
    );
    assert_eq!(
        adoption_proposal::Entity::find()
            .count(&s.app.db)
            .await
            .unwrap(),
        0
    );
    expect_logged(&s.app, &mut mark, "failed proposal", &[]).await;
    assert_intact(&s.app).await;
}

/// Appends `n` entries directly, in one transaction.
async fn append_many(app: &TestApp, n: i64) {
    let txn = app.db.begin().await.unwrap();
    for i in 0..n {
        record(
            &txn,
            Some(1),
            AuditAction::StepChanged,
            "process",
            Some(i),
            serde_json::json!({ "from": "collect", "to": "draft", "i": i }),
        )
        .await
        .unwrap();
    }
    txn.commit().await.unwrap();
}

fn run_verify_cli(app: &TestApp) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_server"))
        .arg("verify-audit")
        .env("DATABASE_URL", &app.url)
        .env("RUST_LOG", "error")
        .output()
        .expect("run the server binary")
}

async fn a_changed_byte_fails_verification_at_exactly_that_entry_also_in_the_cli(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    // More than two verification batches of 1,000.
    append_many(&app, 2_100).await;
    let total = last_seq(&app).await;
    assert_intact(&app).await;
    let ok = run_verify_cli(&app);
    let stdout = String::from_utf8_lossy(&ok.stdout);
    assert!(
        ok.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    assert!(
        stdout.contains(&format!("{total} Einträge geprüft")),
        "{stdout}"
    );
    let head = audit_head::Entity::find_by_id(1)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert!(stdout.contains(&head.hash), "{stdout}");

    // One byte of one stored entry's details, in the second batch.
    let target = 1_500;
    let stored = audit_log::Entity::find()
        .filter(audit_log::Column::Seq.eq(target))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let tampered = stored
        .details
        .replacen("draft", "draft".replacen('d', "D", 1).as_str(), 1);
    assert_eq!(tampered.len(), stored.details.len());
    assert_ne!(tampered, stored.details);
    audit_log::Entity::update_many()
        .col_expr(audit_log::Column::Details, Expr::value(tampered))
        .filter(audit_log::Column::Seq.eq(target))
        .exec(&app.db)
        .await
        .unwrap();

    let report = verify(&app.db).await.unwrap();
    let broken = report.broken.expect("the chain is broken");
    assert_eq!(broken.seq, target);
    assert_eq!(report.checked, target - 1);
    assert!(
        broken
            .message
            .contains(&format!("ab Eintrag {target} nicht mehr intakt")),
        "{}",
        broken.message
    );
    let failed = run_verify_cli(&app);
    assert!(!failed.status.success(), "the CLI must fail");
    let stderr = String::from_utf8_lossy(&failed.stderr);
    assert!(
        stderr.contains(&format!("ab Eintrag {target} nicht mehr intakt")),
        "{stderr}"
    );
}

async fn deleting_the_newest_entry_is_caught_against_the_stored_head(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    append_many(&app, 3).await;
    let last = last_seq(&app).await;
    audit_log::Entity::delete_many()
        .filter(audit_log::Column::Seq.eq(last))
        .exec(&app.db)
        .await
        .unwrap();
    let report = verify(&app.db).await.unwrap();
    assert_eq!(report.broken.expect("broken").seq, last);
    assert_eq!(report.checked, last - 1);
}

async fn twenty_concurrent_state_changes_form_a_gapless_valid_chain(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let mut coordinator = app.client();
    coordinator.login(COORDINATOR.0, COORDINATOR.1).await;
    let mut ids = Vec::new();
    for i in 0..20 {
        ids.push(create_process(&mut coordinator, &format!("Leitlinie {i}")).await);
    }
    let mut mark = last_seq(&app).await;
    let tasks: Vec<_> = ids
        .iter()
        .map(|id| {
            let mut client = coordinator.clone();
            let id = id.to_string();
            tokio::spawn(async move {
                client
                    .call(
                        "change_step",
                        &[("process_id", &id), ("to", "draft"), ("reason", "")],
                    )
                    .await
            })
        })
        .collect();
    for task in tasks {
        let response = task.await.expect("task");
        assert_eq!(response.status, StatusCode::OK, "{}", response.body);
    }
    let start = mark;
    let entries = entries_since(&app, &mut mark).await;
    assert_eq!(entries.len(), 20);
    for (i, entry) in entries.iter().enumerate() {
        assert_eq!(entry.seq, start + 1 + i as i64, "no gaps");
        assert_eq!(entry.action, AuditAction::StepChanged.as_str());
    }
    let mut objects: Vec<i64> = entries.iter().filter_map(|e| e.object_id).collect();
    objects.sort_unstable();
    assert_eq!(objects, ids);
    assert_intact(&app).await;
}

async fn only_coordinators_read_and_verify_the_audit_log(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let mut anonymous = app.client();
    for function in ["list_audit", "verify_audit"] {
        let response = anonymous.call(function, &[]).await;
        assert_eq!(response.status, StatusCode::UNAUTHORIZED, "{function}");
    }
    let mut staff = app.client();
    staff.login(STAFF.0, STAFF.1).await;
    for function in ["list_audit", "verify_audit"] {
        let response = staff.call(function, &[]).await;
        assert_eq!(response.status, StatusCode::FORBIDDEN, "{function}");
    }
    let page = staff.get("/audit").await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    assert!(!page.body.contains("account.role_granted"));

    let mut coordinator = app.client();
    coordinator.login(COORDINATOR.0, COORDINATOR.1).await;
    let report = call_ok(&mut coordinator, "verify_audit", &[]).await;
    assert!(report["broken"].is_null(), "{report}");
    assert_eq!(report["checked"], last_seq(&app).await);
    let page = coordinator.get("/audit").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Audit-Protokoll"), "{}", page.body);
    assert!(page.body.contains("Rolle vergeben"), "{}", page.body);
    let checked = coordinator.get("/audit?pruefen=1").await;
    assert_eq!(checked.status, StatusCode::OK);
    assert!(checked.body.contains("intakt"), "{}", checked.body);
}

async fn the_audit_list_filters_and_pages_by_fifty(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let mut coordinator = app.client();
    coordinator.login(COORDINATOR.0, COORDINATOR.1).await;
    let process_id = create_process(&mut coordinator, "Leitlinie").await;
    append_many(&app, 60).await;
    let total = last_seq(&app).await;

    let first = call_ok(&mut coordinator, "list_audit", &[]).await;
    assert_eq!(first["total"], total);
    assert_eq!(first["pages"], 2);
    let rows = first["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 50);
    assert_eq!(rows[0]["seq"], total, "newest first");
    let second = call_ok(&mut coordinator, "list_audit", &[("page", "2")]).await;
    assert_eq!(second["rows"].as_array().unwrap().len() as i64, total - 50);

    let roles = call_ok(
        &mut coordinator,
        "list_audit",
        &[("action", "account.role_granted")],
    )
    .await;
    let rows = roles["rows"].as_array().unwrap();
    assert!(!rows.is_empty());
    assert!(rows.iter().all(|r| r["action_label"] == "Rolle vergeben"));

    let object = call_ok(
        &mut coordinator,
        "list_audit",
        &[
            ("object_type", "process"),
            ("object_id", &process_id.to_string()),
        ],
    )
    .await;
    let rows = object["rows"].as_array().unwrap();
    assert!(!rows.is_empty());
    // The object is named by its title and links to its page.
    assert!(rows.iter().all(|r| r["object"]
        .as_str()
        .is_some_and(|o| o.starts_with("Prozess „"))
        && r["object_href"] == format!("/prozesse/{process_id}")));

    let coord = user_id(&app, COORDINATOR.0).await;
    let name = user::Entity::find_by_id(coord)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .display_name;
    let by_actor = call_ok(
        &mut coordinator,
        "list_audit",
        &[("actor", &coord.to_string())],
    )
    .await;
    let rows = by_actor["rows"].as_array().unwrap();
    assert!(!rows.is_empty());
    assert!(
        rows.iter().all(|r| r["actor"] == name.as_str()),
        "{by_actor}"
    );
    let tomorrow = crate::helpers::berlin_day(2);
    let future = call_ok(&mut coordinator, "list_audit", &[("from", &tomorrow)]).await;
    assert_eq!(future["total"], 0);
    let today = crate::helpers::berlin_day(-1);
    let recent = call_ok(
        &mut coordinator,
        "list_audit",
        &[("from", &today), ("to", &tomorrow)],
    )
    .await;
    assert_eq!(recent["total"], total);
    let wrong = coordinator
        .call("list_audit", &[("from", &tomorrow), ("to", &today)])
        .await;
    assert_eq!(wrong.status, StatusCode::BAD_REQUEST, "{}", wrong.body);
}

async fn the_log_reads_in_german_with_berlin_times_and_links(backend: Backend) {
    let mut s = setup(backend).await;
    let round_id = open(&mut s.nora, s.process_id, false).await;
    let page = call_ok(&mut s.coordinator, "list_audit", &[("page", "1")]).await;
    let rows = page["rows"].as_array().expect("rows");
    let opened = rows
        .iter()
        .find(|r| r["action"] == "round.opened")
        .expect("round opened");
    assert_eq!(opened["object"], format!("Diskursrunde {round_id}"));
    assert_eq!(
        opened["object_href"],
        format!("/prozesse/{}/runden/{round_id}", s.process_id)
    );
    let details = opened["details"].as_array().expect("details");
    let get = |label: &str| {
        details
            .iter()
            .find(|d| d["label"] == label)
            .unwrap_or_else(|| panic!("{label} in {details:?}"))
            .clone()
    };
    assert_eq!(get("Prozess")["value"], "„KI-Leitlinie 2027“");
    assert_eq!(
        get("Prozess")["href"],
        format!("/prozesse/{}", s.process_id)
    );
    assert_eq!(get("Version")["value"], "Version 1");
    assert_eq!(
        get("Version")["href"],
        format!("/prozesse/{}/versionen/1", s.process_id)
    );
    assert_eq!(get("Teilnehmende")["value"], "Alle Mitarbeitenden");
    let deadline = get("Kommentarfrist bis")["value"]
        .as_str()
        .expect("deadline")
        .to_owned();
    assert!(deadline.ends_with(", 18:00 Uhr"), "{deadline}");
    assert_eq!(deadline.len(), "01.12.2026, 18:00 Uhr".len(), "{deadline}");
    // The version's row id is not shown beside its number.
    assert_eq!(
        details.iter().filter(|d| d["label"] == "Version").count(),
        1,
        "{details:?}"
    );
    // No raw stored values anywhere on the page.
    let text = page.to_string();
    for raw in [
        "\"Everyone\"",
        "discourse",
        "T18:00",
        "+00:00",
        "version_id",
    ] {
        assert!(!text.contains(raw), "{raw} in {text}");
    }
    let step = rows
        .iter()
        .find(|r| r["action"] == "process.step_changed")
        .expect("step change");
    let labels: Vec<String> = step["details"]
        .as_array()
        .expect("details")
        .iter()
        .map(|d| format!("{}={}", d["label"], d["value"]))
        .collect();
    assert!(
        labels.contains(&"\"nach Schritt\"=\"3. Diskurs\"".to_owned()),
        "{labels:?}"
    );
}
