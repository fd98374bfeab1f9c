//! A round's lifecycle after it opened (issue #11, points 1 and 2): the project group extends or
//! shortens the deadline with a reason, ends a round early after a confirmation and closes it as
//! soon as every comment is answered; a step change out of step 3 ends open rounds and cancels
//! scheduled ones in the same transaction. Everything is on the round page and in the audit log.

use crate::helpers::{call_ok, Backend, Client, TestResponse};
use crate::on_both_databases;
use crate::rounds::{comment_on, open, round_view, setup};
use app::domain::audit::AuditAction;
use app::entities::{audit_log, round, round_change};
use axum::http::StatusCode;
use chrono::{Duration, Utc};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

on_both_databases!(
    the_group_extends_and_shortens_a_deadline_and_everyone_sees_why,
    a_deadline_change_needs_a_reason_a_future_date_and_the_ninety_day_limit,
    a_round_ended_early_takes_no_comments_and_closes_once_everything_is_answered,
    ending_early_needs_the_confirmation_and_a_reason,
    only_the_project_group_changes_a_round,
    closed_rounds_keep_their_deadline,
    stepping_back_to_the_draft_ends_the_open_round_in_the_same_transaction,
    a_scheduled_round_is_cancelled_by_a_step_change,
    a_process_runs_with_a_one_day_round_and_with_a_ninety_day_round,
    the_round_s_audience_hears_of_a_changed_deadline_and_an_early_end_with_the_reason,
);

fn day(days: i64) -> String {
    crate::helpers::berlin_day(days)
}

async fn change_deadline(
    client: &mut Client,
    process_id: i64,
    round_id: i64,
    date: &str,
    time: &str,
    reason: &str,
) -> TestResponse {
    client
        .call(
            "change_round_deadline",
            &[
                ("process_id", &process_id.to_string()),
                ("round_id", &round_id.to_string()),
                ("deadline_date", date),
                ("deadline_time", time),
                ("reason", reason),
            ],
        )
        .await
}

async fn end_early(
    client: &mut Client,
    process_id: i64,
    round_id: i64,
    reason: &str,
    confirm: bool,
) -> TestResponse {
    let pid = process_id.to_string();
    let rid = round_id.to_string();
    let mut fields = vec![
        ("process_id", pid.as_str()),
        ("round_id", rid.as_str()),
        ("reason", reason),
    ];
    if confirm {
        fields.push(("confirm", "on"));
    }
    client.call("end_round_early", &fields).await
}

async fn stored(app: &crate::helpers::TestApp, round_id: i64) -> round::Model {
    round::Entity::find_by_id(round_id)
        .one(&app.db)
        .await
        .expect("query")
        .expect("round")
}

async fn entries(app: &crate::helpers::TestApp, action: AuditAction) -> Vec<audit_log::Model> {
    audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq(action.as_str()))
        .order_by_asc(audit_log::Column::Seq)
        .all(&app.db)
        .await
        .expect("query")
}

fn texts(view: &serde_json::Value) -> Vec<String> {
    view["changes"]
        .as_array()
        .expect("changes")
        .iter()
        .map(|c| c["text"].as_str().expect("text").to_owned())
        .collect()
}

async fn the_group_extends_and_shortens_a_deadline_and_everyone_sees_why(backend: Backend) {
    let mut s = setup(backend).await;
    let round_id = open(&mut s.nora, s.process_id, false).await;
    let before = stored(&s.app, round_id).await.deadline;

    let extended = change_deadline(
        &mut s.nora,
        s.process_id,
        round_id,
        &day(30),
        "18:00",
        "Die Teams der Nachtschicht brauchen mehr Zeit.",
    )
    .await;
    assert_eq!(extended.status, StatusCode::OK, "{}", extended.body);
    let after = stored(&s.app, round_id).await.deadline;
    assert!(after > before + Duration::days(15), "{before} → {after}");

    let view = round_view(&mut s.staff, s.process_id, round_id).await;
    let lines = texts(&view);
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(
        lines[0].contains("hat Nora Gruppe die Frist verlängert: vom ")
            && lines[0].contains(" auf den "),
        "{}",
        lines[0]
    );
    assert_eq!(
        view["changes"][0]["reason"],
        "Die Teams der Nachtschicht brauchen mehr Zeit."
    );
    assert_eq!(view["can_comment"], true);
    assert!(view["manage"].is_null(), "staff get no forms");
    let group_view = round_view(&mut s.nora, s.process_id, round_id).await;
    // The form shows the deadline as Germans type it.
    let (y, m, d) = {
        let iso = day(30);
        let parts: Vec<&str> = iso.split('-').collect();
        (
            parts[0].to_owned(),
            parts[1].to_owned(),
            parts[2].to_owned(),
        )
    };
    assert_eq!(
        group_view["manage"]["deadline_date"],
        format!("{d}.{m}.{y}")
    );
    assert_eq!(group_view["manage"]["deadline_time"], "18:00");
    assert_eq!(group_view["manage"]["can_end"], true);

    let shortened = change_deadline(
        &mut s.nora,
        s.process_id,
        round_id,
        &day(7),
        "",
        "Die Sitzung der Geschäftsführung wurde vorgezogen.",
    )
    .await;
    assert_eq!(shortened.status, StatusCode::OK, "{}", shortened.body);
    let view = round_view(&mut s.staff, s.process_id, round_id).await;
    let lines = texts(&view);
    assert!(lines[1].contains("die Frist verkürzt"), "{lines:?}");
    assert!(lines[1].contains(", 23:59 Uhr."), "{}", lines[1]);

    let logged = entries(&s.app, AuditAction::RoundDeadlineChanged).await;
    assert_eq!(logged.len(), 2);
    let details: serde_json::Value =
        serde_json::from_str(&logged[0].details).expect("json details");
    assert_eq!(details["change"], "extended");
    assert_eq!(details["old_deadline"], before.to_rfc3339());
    assert_eq!(details["new_deadline"], after.to_rfc3339());
    assert_eq!(
        details["reason"],
        "Die Teams der Nachtschicht brauchen mehr Zeit."
    );
    assert_eq!(logged[0].object_id, Some(round_id));
}

async fn a_deadline_change_needs_a_reason_a_future_date_and_the_ninety_day_limit(backend: Backend) {
    let mut s = setup(backend).await;
    let round_id = open(&mut s.nora, s.process_id, false).await;
    let before = stored(&s.app, round_id).await.deadline;
    for (date, time, reason, expected) in [
        (day(20), "18:00", "  ", "Bitte begründen Sie die Änderung"),
        (
            day(-1),
            "18:00",
            "Vertippt",
            "Die neue Frist muss in der Zukunft liegen",
        ),
        (day(91), "18:00", "Vertippt", "höchstens 90 Tage"),
        ("12/20/2026".to_owned(), "", "Vertippt", "als Datum an"),
        (day(20), "abends", "Vertippt", "Uhrzeit"),
    ] {
        let response =
            change_deadline(&mut s.nora, s.process_id, round_id, &date, time, reason).await;
        assert_eq!(
            response.status,
            StatusCode::BAD_REQUEST,
            "{date}: {}",
            response.body
        );
        assert!(
            response.body.contains(expected),
            "{date}: {}",
            response.body
        );
    }
    assert_eq!(stored(&s.app, round_id).await.deadline, before);
    assert!(entries(&s.app, AuditAction::RoundDeadlineChanged)
        .await
        .is_empty());
    let long_reason = "x".repeat(1001);
    let response = change_deadline(
        &mut s.nora,
        s.process_id,
        round_id,
        &day(20),
        "",
        &long_reason,
    )
    .await;
    assert_eq!(
        response.status,
        StatusCode::BAD_REQUEST,
        "{}",
        response.body
    );
    assert!(response.body.contains("1.001 Zeichen"), "{}", response.body);
}

async fn a_round_ended_early_takes_no_comments_and_closes_once_everything_is_answered(
    backend: Backend,
) {
    let mut s = setup(backend).await;
    let round_id = open(&mut s.nora, s.process_id, false).await;
    let original = stored(&s.app, round_id).await.deadline;
    let view = round_view(&mut s.staff, s.process_id, round_id).await;
    let comment = comment_on(&mut s.staff, &view, "b2", "Bitte genauer.").await;
    let rid = round_id.to_string();

    // While it runs, closing is refused even with every comment answered.
    let running = s.nora.call("close_round", &[("round_id", &rid)]).await;
    assert_eq!(running.status, StatusCode::CONFLICT, "{}", running.body);

    let ended = end_early(
        &mut s.nora,
        s.process_id,
        round_id,
        "Alle Teams haben schon im Workshop beraten.",
        true,
    )
    .await;
    assert_eq!(ended.status, StatusCode::OK, "{}", ended.body);
    let row = stored(&s.app, round_id).await;
    assert!(row.deadline <= Utc::now() && row.deadline < original);
    assert!(row.closed_at.is_none(), "ending is not closing");

    let view = round_view(&mut s.staff, s.process_id, round_id).await;
    assert_eq!(view["round"]["state"], "AwaitingDispositions");
    assert_eq!(view["can_comment"], false);
    let message = view["closed_message"].as_str().expect("closed message");
    assert!(
        message.starts_with("Die Projektgruppe hat die Runde am ")
            && message.contains("vorzeitig beendet"),
        "{message}"
    );
    assert!(texts(&view)[0].contains("die Runde vorzeitig beendet (ursprüngliche Frist: "));
    let late = s
        .staff
        .call(
            "post_comment",
            &[
                ("round_id", &rid),
                ("version_id", &view["version_id"].to_string()),
                ("block_id", "b3"),
                ("body", "Noch ein Gedanke."),
            ],
        )
        .await;
    assert_eq!(late.status, StatusCode::CONFLICT, "{}", late.body);
    let banners = call_ok(&mut s.staff, "my_open_rounds", &[]).await;
    assert_eq!(banners.as_array().map(Vec::len), Some(0), "{banners}");

    // Ending twice is refused in German.
    let again = end_early(&mut s.nora, s.process_id, round_id, "Nochmal", true).await;
    assert_eq!(again.status, StatusCode::CONFLICT, "{}", again.body);
    assert!(again.body.contains("bereits abgelaufen"), "{}", again.body);

    let unanswered = s.nora.call("close_round", &[("round_id", &rid)]).await;
    assert_eq!(
        unanswered.status,
        StatusCode::CONFLICT,
        "{}",
        unanswered.body
    );
    assert!(
        unanswered.body.contains("1 von 1 Kommentar"),
        "{}",
        unanswered.body
    );
    crate::dispositions::decide(
        &mut s.nora,
        round_id,
        &[comment],
        "accepted",
        "Wird präzisiert.",
    )
    .await;
    call_ok(&mut s.nora, "close_round", &[("round_id", &rid)]).await;
    assert!(stored(&s.app, round_id).await.closed_at.is_some());

    let logged = entries(&s.app, AuditAction::RoundEndedEarly).await;
    assert_eq!(logged.len(), 1);
    let details: serde_json::Value = serde_json::from_str(&logged[0].details).expect("json");
    assert_eq!(details["old_deadline"], original.to_rfc3339());
    assert_eq!(details["change"], "ended_early");
    assert_eq!(
        details["reason"],
        "Alle Teams haben schon im Workshop beraten."
    );

    // A new round can follow at once.
    open(&mut s.nora, s.process_id, false).await;
}

async fn ending_early_needs_the_confirmation_and_a_reason(backend: Backend) {
    let mut s = setup(backend).await;
    let round_id = open(&mut s.nora, s.process_id, false).await;
    let unconfirmed = end_early(&mut s.nora, s.process_id, round_id, "Grund", false).await;
    assert_eq!(
        unconfirmed.status,
        StatusCode::BAD_REQUEST,
        "{}",
        unconfirmed.body
    );
    assert!(
        unconfirmed.body.contains("Bitte bestätigen Sie"),
        "{}",
        unconfirmed.body
    );
    let no_reason = end_early(&mut s.nora, s.process_id, round_id, " ", true).await;
    assert_eq!(
        no_reason.status,
        StatusCode::BAD_REQUEST,
        "{}",
        no_reason.body
    );
    let view = round_view(&mut s.staff, s.process_id, round_id).await;
    assert_eq!(view["round"]["state"], "Open");
    assert!(round_change::Entity::find()
        .all(&s.app.db)
        .await
        .expect("query")
        .is_empty());
}

async fn only_the_project_group_changes_a_round(backend: Backend) {
    let mut s = setup(backend).await;
    let round_id = open(&mut s.nora, s.process_id, false).await;
    for client in [&mut s.staff, &mut s.coordinator] {
        let change =
            change_deadline(client, s.process_id, round_id, &day(20), "", "Mehr Zeit").await;
        assert_eq!(change.status, StatusCode::FORBIDDEN, "{}", change.body);
        let end = end_early(client, s.process_id, round_id, "Schluss", true).await;
        assert_eq!(end.status, StatusCode::FORBIDDEN, "{}", end.body);
    }
    // The round's id with another process's id: not found.
    let other = change_deadline(&mut s.nora, s.process_id + 100, round_id, &day(20), "", "x").await;
    assert_eq!(other.status, StatusCode::NOT_FOUND, "{}", other.body);
    let view = round_view(&mut s.staff, s.process_id, round_id).await;
    assert_eq!(view["round"]["state"], "Open");
}

async fn closed_rounds_keep_their_deadline(backend: Backend) {
    let mut s = setup(backend).await;
    let round_id = open(&mut s.nora, s.process_id, false).await;
    end_early(&mut s.nora, s.process_id, round_id, "Schluss", true).await;
    call_ok(
        &mut s.nora,
        "close_round",
        &[("round_id", &round_id.to_string())],
    )
    .await;
    let change = change_deadline(
        &mut s.nora,
        s.process_id,
        round_id,
        &day(20),
        "",
        "Doch noch",
    )
    .await;
    assert_eq!(change.status, StatusCode::CONFLICT, "{}", change.body);
    assert!(
        change.body.contains("bereits geschlossen"),
        "{}",
        change.body
    );
    let view = round_view(&mut s.nora, s.process_id, round_id).await;
    assert!(view["manage"].is_null());
}

async fn stepping_back_to_the_draft_ends_the_open_round_in_the_same_transaction(backend: Backend) {
    let mut s = setup(backend).await;
    let round_id = open(&mut s.nora, s.process_id, false).await;
    let view = round_view(&mut s.staff, s.process_id, round_id).await;
    comment_on(&mut s.staff, &view, "b2", "Das ist unklar.").await;
    let banners = call_ok(&mut s.staff, "my_open_rounds", &[]).await;
    assert_eq!(banners.as_array().map(Vec::len), Some(1));

    call_ok(
        &mut s.nora,
        "change_step",
        &[
            ("process_id", &s.process_id.to_string()),
            ("to", "draft"),
            ("reason", "Kapitel 3 wird neu geschrieben."),
        ],
    )
    .await;

    let row = stored(&s.app, round_id).await;
    assert!(row.deadline <= Utc::now());
    let view = round_view(&mut s.staff, s.process_id, round_id).await;
    assert_eq!(view["round"]["state"], "AwaitingDispositions");
    assert!(view["round"]["remaining"].is_null());
    assert_eq!(view["can_comment"], false);
    let message = view["closed_message"].as_str().expect("message");
    assert!(
        message.contains("weil der Prozess in den Schritt „Entwurf“ gewechselt ist"),
        "{message}"
    );
    let history = texts(&view);
    assert!(
        history[0].contains("den Prozess in den Schritt „Entwurf“ geführt hat"),
        "{history:?}"
    );
    assert_eq!(
        view["changes"][0]["reason"],
        "Kapitel 3 wird neu geschrieben."
    );
    let banners = call_ok(&mut s.staff, "my_open_rounds", &[]).await;
    assert_eq!(banners.as_array().map(Vec::len), Some(0), "{banners}");

    // The step change and the round's end are logged together, the step change first.
    let all = audit_log::Entity::find()
        .order_by_desc(audit_log::Column::Seq)
        .all(&s.app.db)
        .await
        .expect("query");
    assert_eq!(all[0].action, AuditAction::RoundEndedEarly.as_str());
    assert_eq!(all[0].object_id, Some(round_id));
    assert_eq!(all[1].action, AuditAction::StepChanged.as_str());
    let details: serde_json::Value = serde_json::from_str(&all[0].details).expect("json");
    assert_eq!(details["change"], "ended_by_step_change");
    assert_eq!(details["to"], "draft");

    // The group answers the comment in step 2 and closes the round; back in step 3 a new
    // round opens.
    let rid = round_id.to_string();
    let comments = call_ok(
        &mut s.nora,
        "list_comments",
        &[("round_id", &rid), ("block_id", ""), ("after", "0")],
    )
    .await;
    let comment_id = comments["comments"][0]["id"].as_i64().expect("comment id");
    crate::dispositions::decide(
        &mut s.nora,
        round_id,
        &[comment_id],
        "accepted",
        "Wird im neuen Kapitel 3 geklärt.",
    )
    .await;
    call_ok(&mut s.nora, "close_round", &[("round_id", &rid)]).await;
}

async fn a_scheduled_round_is_cancelled_by_a_step_change(backend: Backend) {
    let mut s = setup(backend).await;
    let pid = s.process_id.to_string();
    let start = day(5);
    let deadline = day(20);
    let round_id: i64 = call_ok(
        &mut s.nora,
        "open_round",
        &[
            ("process_id", &pid),
            ("start_date", &start),
            ("start_time", "08:00"),
            ("deadline_date", &deadline),
            ("deadline_time", "18:00"),
            ("audience", "everyone"),
            ("teams", ""),
        ],
    )
    .await
    .as_i64()
    .expect("round id");
    let view = round_view(&mut s.nora, s.process_id, round_id).await;
    assert_eq!(view["round"]["state"], "Scheduled");
    assert_eq!(view["manage"]["scheduled"], true);

    call_ok(
        &mut s.nora,
        "change_step",
        &[
            ("process_id", &pid),
            ("to", "draft"),
            ("reason", "Doch noch nicht reif."),
        ],
    )
    .await;
    let row = stored(&s.app, round_id).await;
    assert!(row.cancelled_at.is_some());
    let view = round_view(&mut s.staff, s.process_id, round_id).await;
    assert_eq!(view["round"]["state"], "Cancelled");
    assert!(view["closed_message"]
        .as_str()
        .expect("message")
        .contains("abgesagt, weil der Prozess in den Schritt „Entwurf“ gewechselt ist"));
    assert_eq!(entries(&s.app, AuditAction::RoundCancelled).await.len(), 1);

    // Back in step 3, the cancelled round does not block a new one.
    call_ok(
        &mut s.nora,
        "change_step",
        &[("process_id", &pid), ("to", "discourse"), ("reason", "")],
    )
    .await;
    open(&mut s.nora, s.process_id, false).await;
}

async fn a_process_runs_with_a_one_day_round_and_with_a_ninety_day_round(backend: Backend) {
    let mut s = setup(backend).await;
    let pid = s.process_id.to_string();
    for (days, label) in [(1, "short"), (89, "long")] {
        let deadline = day(days);
        let round_id: i64 = call_ok(
            &mut s.nora,
            "open_round",
            &[
                ("process_id", &pid),
                ("start_date", ""),
                ("start_time", ""),
                ("deadline_date", &deadline),
                ("deadline_time", "23:00"),
                ("audience", "everyone"),
                ("teams", ""),
            ],
        )
        .await
        .as_i64()
        .expect("round id");
        let view = round_view(&mut s.staff, s.process_id, round_id).await;
        assert_eq!(view["can_comment"], true, "{label}");
        let comment = comment_on(&mut s.staff, &view, "b2", "Gut so.").await;
        let ended = end_early(&mut s.nora, s.process_id, round_id, "Fertig beraten", true).await;
        assert_eq!(ended.status, StatusCode::OK, "{label}: {}", ended.body);
        let rid = round_id.to_string();
        crate::dispositions::decide(
            &mut s.nora,
            round_id,
            &[comment],
            "not_accepted",
            "Bleibt so.",
        )
        .await;
        call_ok(&mut s.nora, "close_round", &[("round_id", &rid)]).await;
    }
}

/// Issue #11 point 1 with the mail of issue #12: participants learn of a changed deadline and
/// of an early end, with the group's reason, in their inbox and by mail; the person who made the
/// change gets no notification of it.
async fn the_round_s_audience_hears_of_a_changed_deadline_and_an_early_end_with_the_reason(
    backend: Backend,
) {
    use crate::mail::{expand_all, has, titles};
    use app::entities::notification;
    let mut s = setup(backend).await;
    let round_id = open(&mut s.nora, s.process_id, false).await;
    let moved = change_deadline(
        &mut s.nora,
        s.process_id,
        round_id,
        &day(30),
        "18:00",
        "Die Teams der Nachtschicht brauchen mehr Zeit.",
    )
    .await;
    assert_eq!(moved.status, StatusCode::OK, "{}", moved.body);
    let ended = end_early(
        &mut s.nora,
        s.process_id,
        round_id,
        "Alle Teams haben sich geäußert.",
        true,
    )
    .await;
    assert_eq!(ended.status, StatusCode::OK, "{}", ended.body);
    expand_all(&s.app).await;

    let staff = titles(&s.app, crate::helpers::STAFF.0).await;
    assert!(
        has(&staff, "Frist geändert: KI-Leitlinie 2027"),
        "{staff:?}"
    );
    assert!(
        has(&staff, "Diskursrunde vorzeitig beendet: KI-Leitlinie 2027"),
        "{staff:?}"
    );
    let group = titles(&s.app, "nora@example.org").await;
    assert!(
        !has(&group, "Frist geändert") && !has(&group, "Diskursrunde vorzeitig beendet"),
        "the one who changed the round is not told: {group:?}"
    );
    let staff_id = crate::helpers::user_id(&s.app, crate::helpers::STAFF.0).await;
    let bodies: Vec<String> = notification::Entity::find()
        .filter(notification::Column::UserId.eq(staff_id))
        .all(&s.app.db)
        .await
        .expect("notifications")
        .into_iter()
        .map(|n| n.body)
        .collect();
    assert!(
        bodies.iter().any(|b| b.contains("verlängert")
            && b.contains("18:00")
            && b.contains("„Die Teams der Nachtschicht brauchen mehr Zeit.“")),
        "{bodies:?}"
    );
    assert!(
        bodies
            .iter()
            .any(|b| b.contains("vorzeitig beendet")
                && b.contains("Alle Teams haben sich geäußert.")),
        "{bodies:?}"
    );
}
