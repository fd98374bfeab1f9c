//! The start page asks each person to act (issue #11, point 9): a body member's decision, the
//! project group's answers, a round open for one's team, the guideline to confirm and
//! contributions wanted in step 1 — each only for the person it concerns.

use crate::helpers::{call_ok, create_process, Backend, Client, STAFF};
use crate::on_both_databases;
use crate::rounds::{comment_on, open, round_view, setup};

on_both_databases!(each_person_sees_what_waits_for_them_and_it_goes_when_done);

async fn tasks(client: &mut Client) -> Vec<(String, String)> {
    call_ok(client, "my_tasks", &[])
        .await
        .as_array()
        .expect("tasks")
        .iter()
        .map(|t| {
            (
                t["text"].as_str().expect("text").to_owned(),
                t["href"].as_str().expect("href").to_owned(),
            )
        })
        .collect()
}

fn has(list: &[(String, String)], text: &str) -> bool {
    list.iter().any(|(t, _)| t.contains(text))
}

async fn each_person_sees_what_waits_for_them_and_it_goes_when_done(backend: Backend) {
    let mut s = setup(backend).await;
    let pid = s.process_id.to_string();

    // A round open for everyone: staff are asked to comment, the group has nothing to answer.
    let round_id = open(&mut s.nora, s.process_id, false).await;
    let staff = tasks(&mut s.staff).await;
    assert!(
        has(
            &staff,
            "Offene Diskursrunde: KI-Leitlinie 2027, Version 1 — noch 14 Tage"
        ) || has(
            &staff,
            "Offene Diskursrunde: KI-Leitlinie 2027, Version 1 — noch 13 Tage"
        ),
        "{staff:?}"
    );
    assert!(!has(&tasks(&mut s.nora).await, "auf eine Rückmeldung"));

    // A comment: the group is asked to answer it.
    let view = round_view(&mut s.staff, s.process_id, round_id).await;
    let comment = comment_on(&mut s.staff, &view, "b2", "Bitte genauer.").await;
    let group = tasks(&mut s.nora).await;
    let (text, href) = group
        .iter()
        .find(|(t, _)| t.contains("auf eine Rückmeldung"))
        .expect("answer task");
    assert_eq!(
        text,
        "1 Kommentar wartet auf eine Rückmeldung: KI-Leitlinie 2027, Runde zu Version 1"
    );
    assert_eq!(
        href,
        &format!("/prozesse/{pid}/runden/{round_id}/rueckmeldungen")
    );
    assert!(!has(&tasks(&mut s.staff).await, "auf eine Rückmeldung"));

    // The group answers, ends and closes the round; the coordinator sets up the body with the
    // staff member; the group proposes.
    let rid = round_id.to_string();
    crate::dispositions::decide(
        &mut s.nora,
        round_id,
        &[comment],
        "accepted",
        "Wird präzisiert.",
    )
    .await;
    assert!(!has(&tasks(&mut s.nora).await, "auf eine Rückmeldung"));
    call_ok(
        &mut s.nora,
        "end_round_early",
        &[
            ("process_id", &pid),
            ("round_id", &rid),
            ("reason", "Genug beraten"),
            ("confirm", "on"),
        ],
    )
    .await;
    call_ok(&mut s.nora, "close_round", &[("round_id", &rid)]).await;
    assert!(!has(&tasks(&mut s.staff).await, "Offene Diskursrunde"));
    let body = call_ok(
        &mut s.coordinator,
        "add_body",
        &[
            ("process_id", &pid),
            ("name", "Betriebsrat"),
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
        &[("process_id", &pid), ("body_id", &body), ("email", STAFF.0)],
    )
    .await;
    call_ok(&mut s.nora, "propose_adoption", &[("process_id", &pid)]).await;
    let staff = tasks(&mut s.staff).await;
    assert_eq!(
        staff[0],
        (
            "Entscheidung des Gremiums „Betriebsrat“ eintragen: KI-Leitlinie 2027, Version 1"
                .to_owned(),
            format!("/prozesse/{pid}/verabschiedung")
        ),
        "the decision comes first: {staff:?}"
    );
    assert!(!has(&tasks(&mut s.nora).await, "Entscheidung des Gremiums"));

    // The body decides: the guideline is adopted and everyone is asked to read it.
    let adoption = call_ok(&mut s.staff, "get_adoption", &[("process_id", &pid)]).await;
    let hash = adoption["proposal"]["frozen_hash"]
        .as_str()
        .expect("hash")
        .to_owned();
    call_ok(
        &mut s.staff,
        "record_decision",
        &[
            ("process_id", &pid),
            ("body_id", &body),
            ("kind", "approved"),
            ("text", ""),
            ("meeting_date", &crate::helpers::berlin_day(0)),
            ("minutes_ref", "BR 2026/3"),
            ("content_hash", &hash),
            ("supersedes", ""),
        ],
    )
    .await;
    let staff = tasks(&mut s.staff).await;
    assert!(!has(&staff, "Entscheidung des Gremiums"), "{staff:?}");
    assert!(
        staff.contains(&(
            "Leitlinie lesen und bestätigen: KI-Leitlinie 2027, Version 1".to_owned(),
            format!("/prozesse/{pid}/leitlinie")
        )),
        "{staff:?}"
    );
    call_ok(
        &mut s.staff,
        "acknowledge_guideline",
        &[("process_id", &pid)],
    )
    .await;
    assert!(!has(&tasks(&mut s.staff).await, "Leitlinie lesen"));
    assert!(has(&tasks(&mut s.coordinator).await, "Leitlinie lesen"));

    // A process that collects: everyone is asked to contribute.
    let collecting = create_process(&mut s.coordinator, "Leitlinie Messenger").await;
    let staff = tasks(&mut s.staff).await;
    assert!(
        staff.contains(&(
            "Erfahrungen, Erwartungen und Bedenken gesucht: Leitlinie Messenger".to_owned(),
            format!("/prozesse/{collecting}/beitraege")
        )),
        "{staff:?}"
    );
}
