//! E-mail notifications against a real SMTP server on loopback (aiosmtpd, `scripts/smtp-sink.py`,
//! installed by `scripts/install-tools.sh --smtp`): audiences, anonymity, digests, one-click
//! unsubscribe, an SMTP server that is down, password reset and mailed invitations.

use crate::audit::{end_round, user_id};
use crate::helpers::{call_ok, new_member_client, Backend, Client, TestApp, COORDINATOR, STAFF};
use crate::on_both_databases;
use crate::rounds::{comment_on, round_view, setup_in, Setup, TEXT};
pub(crate) use crate::smtp_sink::{free_port, SmtpSink};
use app::domain::notification::MailStatus;
use app::entities::{mail, notification, notification_event, notification_preference, round};
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use chrono::{Duration, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, Set};

on_both_databases!(
    a_team_round_reaches_only_that_team_and_the_inbox_counts_it,
    an_anonymous_comments_answer_reaches_its_author_with_reason_and_no_mail_names_her,
    a_daily_digest_bundles_the_day_into_one_mail,
    the_unsubscribe_link_works_without_log_in,
    mails_wait_while_the_smtp_server_is_down_and_go_out_when_it_is_back,
    a_password_reset_link_comes_by_mail_once_and_unknown_addresses_get_the_same_answer,
    an_invitation_can_be_mailed_from_the_user_list,
    a_refused_change_records_no_notification,
    two_senders_on_one_database_send_each_mail_once,
    reminders_are_recorded_once_and_skip_those_who_already_commented,
    every_process_event_reaches_the_people_it_concerns,
);

/// An app whose sender delivers to `smtp_url` (polling every 100 ms, retrying after 1 s).
pub(crate) async fn mail_app(backend: Backend, smtp_url: &str) -> TestApp {
    let url = smtp_url.to_owned();
    TestApp::spawn_with(backend, move |config| {
        config.mail.smtp_url = Some(url);
        config.mail.sender = true;
        config.public_url = Some("https://mitsprache.example.de".to_owned());
    })
    .await
}

/// Waits until every due event is expanded and no mail waits or is being sent (at most 30 s).
pub(crate) async fn settle(app: &TestApp) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    loop {
        let events = notification_event::Entity::find()
            .filter(notification_event::Column::DoneAt.is_null())
            .filter(notification_event::Column::DueAt.lte(Utc::now()))
            .count(&app.db)
            .await
            .expect("count events");
        let mails = mail::Entity::find()
            .filter(mail::Column::Status.is_in([MailStatus::Pending, MailStatus::Sending]))
            .count(&app.db)
            .await
            .expect("count mails");
        if events == 0 && mails == 0 {
            return;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "{events} events and {mails} mails still open after 30 s"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

/// The messages to `address`.
fn to(messages: &[serde_json::Value], address: &str) -> Vec<serde_json::Value> {
    messages
        .iter()
        .filter(|m| {
            m["to"]
                .as_array()
                .is_some_and(|t| t.iter().any(|a| a == address))
        })
        .cloned()
        .collect()
}

fn recipients(messages: &[serde_json::Value]) -> Vec<String> {
    let mut out: Vec<String> = messages
        .iter()
        .flat_map(|m| m["to"].as_array().cloned().unwrap_or_default())
        .filter_map(|a| a.as_str().map(str::to_owned))
        .collect();
    out.sort();
    out
}

async fn set_team(coordinator: &mut Client, app: &TestApp, email: &str, team: &str) {
    let id = user_id(app, email).await.to_string();
    call_ok(
        coordinator,
        "set_user_team",
        &[("user_id", &id), ("team", team)],
    )
    .await;
}

async fn open_round(
    nora: &mut Client,
    process_id: i64,
    audience: &str,
    teams: &str,
    anonymous: bool,
) -> i64 {
    let deadline = crate::helpers::berlin_day(14);
    let pid = process_id.to_string();
    let mut fields = vec![
        ("process_id", pid.as_str()),
        ("start_date", ""),
        ("start_time", ""),
        ("deadline_date", deadline.as_str()),
        ("deadline_time", "18:00"),
        ("audience", audience),
        ("teams", teams),
    ];
    if anonymous {
        fields.push(("anonymous_allowed", "on"));
    }
    call_ok(nora, "open_round", &fields)
        .await
        .as_i64()
        .expect("round id")
}

// ---- the journeys ---------------------------------------------------------------------------

async fn a_team_round_reaches_only_that_team_and_the_inbox_counts_it(backend: Backend) {
    let sink = SmtpSink::start();
    let mut s: Setup = setup_in(mail_app(backend, &sink.url()).await, TEXT).await;
    let mut paula = new_member_client(&s.app, "Paula Pflege", "paula@example.org").await;
    let mut bert = new_member_client(&s.app, "Bert Beratung", "bert@example.org").await;
    set_team(&mut s.coordinator, &s.app, STAFF.0, "Pflege").await;
    set_team(&mut s.coordinator, &s.app, "paula@example.org", "pflege").await;
    set_team(&mut s.coordinator, &s.app, "bert@example.org", "Beratung").await;
    settle(&s.app).await;
    let before = sink.messages().len();

    let round_id = open_round(&mut s.nora, s.process_id, "teams", "Pflege", false).await;
    settle(&s.app).await;
    let mails: Vec<serde_json::Value> = sink.messages().split_off(before);
    assert_eq!(
        recipients(&mails),
        vec![STAFF.0.to_owned(), "paula@example.org".to_owned()],
        "only team Pflege gets the mail"
    );
    for m in &mails {
        assert!(
            m["subject"]
                .as_str()
                .unwrap()
                .contains("Neue Diskursrunde: KI-Leitlinie 2027"),
            "{m}"
        );
        assert!(
            m["subject"]
                .as_str()
                .unwrap()
                .starts_with("[Testorganisation]"),
            "{m}"
        );
        let link = format!(
            "https://mitsprache.example.de/prozesse/{}/runden/{round_id}",
            s.process_id
        );
        assert!(m["text"].as_str().unwrap().contains(&link), "{m}");
        assert!(m["html"].as_str().unwrap().contains(&link), "{m}");
        assert!(
            m["headers"]["List-Unsubscribe"]
                .as_str()
                .unwrap()
                .contains("/abbestellen/"),
            "{m}"
        );
        assert_eq!(
            m["headers"]["List-Unsubscribe-Post"],
            "List-Unsubscribe=One-Click"
        );
    }
    // The bell and the inbox: Paula has one unread notification, Bert none.
    assert_eq!(call_ok(&mut paula, "unread_notifications", &[]).await, 1);
    assert_eq!(call_ok(&mut bert, "unread_notifications", &[]).await, 0);
    let inbox = call_ok(&mut paula, "get_inbox", &[]).await;
    let id = inbox["items"][0]["id"].as_i64().expect("notification id");
    assert_eq!(
        inbox["items"][0]["link"],
        format!("/prozesse/{}/runden/{round_id}", s.process_id)
    );
    // Another person cannot mark it read; Paula can.
    let foreign = bert
        .call("mark_notification_read", &[("id", &id.to_string())])
        .await;
    assert_eq!(foreign.status, StatusCode::NOT_FOUND, "{}", foreign.body);
    call_ok(
        &mut paula,
        "mark_notification_read",
        &[("id", &id.to_string())],
    )
    .await;
    assert_eq!(call_ok(&mut paula, "unread_notifications", &[]).await, 0);
    let page = paula.get("/benachrichtigungen").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains("Neue Diskursrunde: KI-Leitlinie 2027"),
        "inbox page lists it"
    );
}

async fn an_anonymous_comments_answer_reaches_its_author_with_reason_and_no_mail_names_her(
    backend: Backend,
) {
    let sink = SmtpSink::start();
    let mut s: Setup = setup_in(mail_app(backend, &sink.url()).await, TEXT).await;
    let mut petra = new_member_client(&s.app, "Petra Pfiffig", "petra@example.org").await;
    let round_id = open_round(&mut s.nora, s.process_id, "everyone", "", true).await;
    let view = round_view(&mut petra, s.process_id, round_id).await;
    let version = view["version_id"].as_i64().unwrap().to_string();
    let petras = call_ok(
        &mut petra,
        "post_comment",
        &[
            ("round_id", &round_id.to_string()),
            ("version_id", &version),
            ("block_id", "b3"),
            (
                "body",
                "Wer prüft, ob Klientendaten wirklich draußen bleiben?",
            ),
            ("anonymous", "on"),
        ],
    )
    .await
    .as_i64()
    .unwrap();
    // Sam's comment gets an anonymous reply from Petra.
    let sams = comment_on(&mut s.staff, &view, "b2", "Was heißt verantwortungsvoll?").await;
    call_ok(
        &mut petra,
        "post_comment",
        &[
            ("round_id", &round_id.to_string()),
            ("version_id", &version),
            ("block_id", "b2"),
            ("body", "Das frage ich mich auch."),
            ("anonymous", "on"),
            ("parent_id", &sams.to_string()),
        ],
    )
    .await;
    end_round(&s.app, round_id).await;
    call_ok(
        &mut s.nora,
        "decide_comments",
        &[
            ("round_id", &round_id.to_string()),
            ("comment_ids", &petras.to_string()),
            ("kind", "partly_accepted"),
            (
                "reason",
                "Wir ergänzen eine Stichprobenkontrolle durch den Datenschutz.",
            ),
        ],
    )
    .await;
    settle(&s.app).await;
    let all = sink.messages();
    let hers = to(&all, "petra@example.org");
    let answer = hers
        .iter()
        .find(|m| {
            m["subject"]
                .as_str()
                .unwrap()
                .contains("Antwort auf Ihren Kommentar")
        })
        .unwrap_or_else(|| panic!("Petra's answer mail: {hers:?}"));
    let text = answer["text"].as_str().unwrap();
    assert!(text.contains("teilweise übernommen"), "{text}");
    assert!(
        text.contains("Wir ergänzen eine Stichprobenkontrolle durch den Datenschutz."),
        "{text}"
    );
    assert!(
        text.contains("Wer prüft, ob Klientendaten wirklich draußen bleiben?"),
        "{text}"
    );
    // Sam learns of the reply without a name.
    let sam_reply = to(&all, STAFF.0)
        .into_iter()
        .find(|m| m["subject"].as_str().unwrap().contains("Neue Antwort"))
        .expect("Sam's reply mail");
    assert!(sam_reply["text"]
        .as_str()
        .unwrap()
        .contains("Jemand (anonym)"));
    // No mail to anyone else names her.
    let others: Vec<_> = all
        .iter()
        .filter(|m| to(&[(*m).clone()], "petra@example.org").is_empty())
        .collect();
    assert!(
        others.len() >= 2,
        "round mails and Sam's reply mail: {others:?}"
    );
    for m in others {
        let whole = m.to_string();
        assert!(
            !whole.contains("Petra") && !whole.contains("petra@"),
            "names her: {whole}"
        );
    }
    // Coordinators see the mail to her as confidential: no recipient, no subject, no text.
    let list = call_ok(&mut s.coordinator, "list_mails", &[]).await;
    let listed = list["mails"].to_string();
    assert!(
        !listed.contains("Stichprobenkontrolle") && !listed.contains("Klientendaten wirklich"),
        "{listed}"
    );
    assert!(list["mails"]
        .as_array()
        .unwrap()
        .iter()
        .any(|m| m["to"].is_null() && m["subject"].is_null() && m["text"].is_null()));
}

async fn a_daily_digest_bundles_the_day_into_one_mail(backend: Backend) {
    let sink = SmtpSink::start();
    let mut s: Setup = setup_in(mail_app(backend, &sink.url()).await, TEXT).await;
    call_ok(
        &mut s.staff,
        "save_notification_preferences",
        &[("my_texts", "daily")],
    )
    .await;
    let prefs = call_ok(&mut s.staff, "get_notification_preferences", &[]).await;
    assert_eq!(prefs[0]["group"], "my_texts");
    assert_eq!(prefs[0]["frequency"], "daily");
    assert_eq!(
        prefs[1]["frequency"], "immediately",
        "rounds keep their default"
    );
    let round_id = open_round(&mut s.nora, s.process_id, "everyone", "", false).await;
    let view = round_view(&mut s.staff, s.process_id, round_id).await;
    let sams = comment_on(&mut s.staff, &view, "b2", "Was heißt verantwortungsvoll?").await;
    for answer in ["Erste Antwort der Gruppe.", "Zweite Antwort der Gruppe."] {
        call_ok(
            &mut s.nora,
            "post_comment",
            &[
                ("round_id", &round_id.to_string()),
                ("version_id", &view["version_id"].to_string()),
                ("block_id", "b2"),
                ("body", answer),
                ("parent_id", &sams.to_string()),
            ],
        )
        .await;
    }
    settle(&s.app).await;
    let before = to(&sink.messages(), STAFF.0);
    assert!(
        before
            .iter()
            .all(|m| !m["subject"].as_str().unwrap().contains("Neue Antwort")),
        "no single mail for replies in digest mode: {before:?}"
    );
    assert_eq!(
        call_ok(&mut s.staff, "unread_notifications", &[]).await,
        3,
        "round + 2 replies"
    );

    // The next morning the sender bundles both replies into one mail.
    let ctx = app::notification::outbox::OutboxContext {
        frame: app::notification::content::MailFrame {
            organisation: "Testorganisation".into(),
            public_url: "https://mitsprache.example.de".into(),
        },
        key: app::notification::ssr::SigningKey::new(b"test-secret".to_vec()),
    };
    let queued =
        app::notification::outbox::queue_digests(&s.app.db, &ctx, Utc::now() + Duration::days(1))
            .await
            .expect("digests");
    assert_eq!(queued, 1);
    settle(&s.app).await;
    let digests: Vec<_> = to(&sink.messages(), STAFF.0)
        .into_iter()
        .filter(|m| m["subject"].as_str().unwrap().contains("Zusammenfassung"))
        .collect();
    assert_eq!(digests.len(), 1, "{digests:?}");
    let text = digests[0]["text"].as_str().unwrap();
    assert!(digests[0]["subject"]
        .as_str()
        .unwrap()
        .contains("tägliche Zusammenfassung: 2 Neuigkeiten"));
    assert!(
        text.contains("Erste Antwort der Gruppe.") && text.contains("Zweite Antwort der Gruppe."),
        "{text}"
    );
    // Bundled once: another run finds nothing.
    let again =
        app::notification::outbox::queue_digests(&s.app.db, &ctx, Utc::now() + Duration::days(1))
            .await
            .expect("digests");
    assert_eq!(again, 0);
}

async fn the_unsubscribe_link_works_without_log_in(backend: Backend) {
    let sink = SmtpSink::start();
    let mut s: Setup = setup_in(mail_app(backend, &sink.url()).await, TEXT).await;
    open_round(&mut s.nora, s.process_id, "everyone", "", false).await;
    settle(&s.app).await;
    let mail = to(&sink.messages(), STAFF.0)
        .into_iter()
        .next()
        .expect("a mail to Sam");
    let header = mail["headers"]["List-Unsubscribe"]
        .as_str()
        .unwrap()
        .to_owned();
    let url = header.trim_start_matches('<').trim_end_matches('>');
    let path = url
        .trim_start_matches("https://mitsprache.example.de")
        .to_owned();
    assert!(path.starts_with("/abbestellen/"), "{path}");
    assert!(
        mail["text"].as_str().unwrap().contains(url),
        "the link is in the text too"
    );

    // Without a session: the page names the group; the one-click post unsubscribes.
    let mut stranger = s.app.client();
    let page = stranger.get(&path).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Diskursrunden"));
    let one_click = Request::post(&path)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::HOST, "mail-client.example.org")
        .header(header::ORIGIN, "https://webmail.example.org")
        .body(Body::from("List-Unsubscribe=One-Click"))
        .unwrap();
    let response = stranger.send(one_click).await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.body);
    let sam = user_id(&s.app, STAFF.0).await;
    let stored = notification_preference::Entity::find()
        .filter(notification_preference::Column::UserId.eq(sam))
        .all(&s.app.db)
        .await
        .unwrap();
    assert_eq!(stored.len(), 1);
    assert_eq!(
        stored[0].frequency,
        app::domain::notification::Frequency::Never
    );
    // A forged token is refused in German and changes nothing.
    let forged = path.replace(&sam.to_string(), &(sam + 1).to_string());
    let response = stranger
        .send(
            Request::post(&forged)
                .body(Body::from("List-Unsubscribe=One-Click"))
                .unwrap(),
        )
        .await;
    assert_eq!(
        response.status,
        StatusCode::BAD_REQUEST,
        "{}",
        response.body
    );
    assert!(
        response.body.contains("Abmeldelink ist ungültig"),
        "{}",
        response.body
    );
}

async fn mails_wait_while_the_smtp_server_is_down_and_go_out_when_it_is_back(backend: Backend) {
    let port = free_port();
    let mut s: Setup = setup_in(
        mail_app(backend, &format!("smtp://127.0.0.1:{port}")).await,
        TEXT,
    )
    .await;
    open_round(&mut s.nora, s.process_id, "everyone", "", false).await;
    // The mails wait with an error and are tried again.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    loop {
        let waiting = mail::Entity::find()
            .filter(mail::Column::Status.eq(MailStatus::Pending))
            .filter(mail::Column::Attempts.gte(1))
            .filter(mail::Column::LastError.is_not_null())
            .count(&s.app.db)
            .await
            .unwrap();
        if waiting >= 2 {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "mails did not wait with an error"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let queued = mail::Entity::find().count(&s.app.db).await.unwrap();
    let sink = SmtpSink::start_on(port);
    settle(&s.app).await;
    let sent = mail::Entity::find()
        .filter(mail::Column::Status.eq(MailStatus::Sent))
        .count(&s.app.db)
        .await
        .unwrap();
    assert_eq!(sent, queued);
    assert_eq!(
        sink.messages().len() as u64,
        queued,
        "every waiting mail arrived once"
    );
    let list = call_ok(&mut s.coordinator, "list_mails", &[]).await;
    assert_eq!(list["failed"], 0);
    assert_eq!(list["pending"], 0);
}

async fn a_password_reset_link_comes_by_mail_once_and_unknown_addresses_get_the_same_answer(
    backend: Backend,
) {
    let sink = SmtpSink::start();
    let app = mail_app(backend, &sink.url()).await;
    let mut anonymous = app.client();
    let unknown = anonymous
        .call(
            "request_password_reset",
            &[("email", "niemand@example.org")],
        )
        .await;
    let known = anonymous
        .call("request_password_reset", &[("email", STAFF.0)])
        .await;
    assert_eq!(unknown.status, StatusCode::OK, "{}", unknown.body);
    assert_eq!(
        (known.status, &known.body),
        (unknown.status, &unknown.body),
        "same answer"
    );
    settle(&app).await;
    let mails = sink.messages();
    assert_eq!(recipients(&mails), vec![STAFF.0.to_owned()]);
    let text = mails[0]["text"].as_str().unwrap();
    let link = text
        .split_whitespace()
        .find(|w| w.contains("/passwort-neu/"))
        .expect("reset link");
    let token = link.rsplit('/').next().unwrap();
    assert!(mails[0]["headers"].get("List-Unsubscribe").is_none());
    // Coordinators cannot read it.
    let mut coordinator = app.client();
    coordinator.login(COORDINATOR.0, COORDINATOR.1).await;
    let list = call_ok(&mut coordinator, "list_mails", &[]).await;
    assert!(
        !list.to_string().contains(token),
        "the link is hidden from coordinators"
    );

    let page = anonymous.get(&format!("/passwort-neu/{token}")).await;
    assert_eq!(page.status, StatusCode::OK);
    let new = "Ein-neues-Passwort-2026";
    call_ok(
        &mut anonymous,
        "reset_password",
        &[
            ("token", token),
            ("password", new),
            ("confirm_password", new),
        ],
    )
    .await;
    assert_eq!(
        anonymous.whoami().await.as_deref(),
        Some(STAFF.0),
        "signed in"
    );
    let again = app
        .client()
        .call(
            "reset_password",
            &[
                ("token", token),
                ("password", new),
                ("confirm_password", new),
            ],
        )
        .await;
    assert_eq!(again.status, StatusCode::BAD_REQUEST);
    assert!(
        again
            .body
            .contains("ungültig, abgelaufen oder wurde schon benutzt"),
        "{}",
        again.body
    );
    let old = app
        .client()
        .call("login", &[("email", STAFF.0), ("password", STAFF.1)])
        .await;
    assert_eq!(
        old.status,
        StatusCode::BAD_REQUEST,
        "the old password is gone"
    );
    app.client().login(STAFF.0, new).await;

    // At most three links per account an hour: further requests answer the same, send nothing.
    for _ in 0..4 {
        let r = anonymous
            .call("request_password_reset", &[("email", STAFF.0)])
            .await;
        assert_eq!(r.status, StatusCode::OK);
    }
    settle(&app).await;
    assert_eq!(to(&sink.messages(), STAFF.0).len(), 3);
}

async fn an_invitation_can_be_mailed_from_the_user_list(backend: Backend) {
    let sink = SmtpSink::start();
    let app = mail_app(backend, &sink.url()).await;
    let mut coordinator = app.client();
    coordinator.login(COORDINATOR.0, COORDINATOR.1).await;
    let created = call_ok(
        &mut coordinator,
        "create_user",
        &[
            ("display_name", "Ines\r\nBcc: boese@example.org"),
            ("email", "ines@example.org"),
            ("role_staff", "on"),
            ("send_mail", "on"),
        ],
    )
    .await;
    assert_eq!(created["mailed"], true);
    let link = created["link"].as_str().unwrap().to_owned();
    settle(&app).await;
    let mails = sink.messages();
    assert_eq!(recipients(&mails), vec!["ines@example.org".to_owned()]);
    assert!(mails[0]["text"]
        .as_str()
        .unwrap()
        .contains(link.rsplit('/').next().unwrap()));
    let raw_headers = mails[0]["headers"].to_string().to_lowercase();
    assert!(
        !raw_headers.contains("\"bcc\""),
        "no injected header: {raw_headers}"
    );
    // Without the box ticked, nothing is mailed; the link is still shown.
    let quiet = call_ok(
        &mut coordinator,
        "create_user",
        &[
            ("display_name", "Ohne Mail"),
            ("email", "ohne@example.org"),
            ("role_staff", "on"),
        ],
    )
    .await;
    assert_eq!(quiet["mailed"], false);
    assert!(quiet["link"].as_str().unwrap().contains("/einladung/"));
    settle(&app).await;
    assert_eq!(sink.messages().len(), 1);
}

async fn a_refused_change_records_no_notification(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let mut s: Setup = setup_in(app, TEXT).await;
    let events_before = notification_event::Entity::find()
        .count(&s.app.db)
        .await
        .unwrap();
    // A deadline in the past: refused, nothing recorded.
    let pid = s.process_id.to_string();
    let yesterday = crate::helpers::berlin_day(-1);
    let refused = s
        .nora
        .call(
            "open_round",
            &[
                ("process_id", &pid),
                ("start_date", ""),
                ("start_time", ""),
                ("deadline_date", &yesterday),
                ("deadline_time", ""),
                ("audience", "everyone"),
                ("teams", ""),
            ],
        )
        .await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST, "{}", refused.body);
    // Staff may not open one either.
    let forbidden = s.staff.call("open_round", &[("process_id", &pid)]).await;
    assert!(forbidden.status.is_client_error());
    assert_eq!(
        notification_event::Entity::find()
            .count(&s.app.db)
            .await
            .unwrap(),
        events_before
    );
    assert_eq!(
        notification::Entity::find().count(&s.app.db).await.unwrap(),
        0
    );
    // The accepted change records exactly one event.
    open_round(&mut s.nora, s.process_id, "everyone", "", false).await;
    assert_eq!(
        notification_event::Entity::find()
            .count(&s.app.db)
            .await
            .unwrap(),
        events_before + 1
    );
}

async fn two_senders_on_one_database_send_each_mail_once(backend: Backend) {
    let sink = SmtpSink::start();
    let first = mail_app(backend, &sink.url()).await;
    // A second instance on the same database, sending too.
    let mut config = server::config::Config::for_tests(&first.url);
    config.mail.smtp_url = Some(sink.url());
    config.mail.sender = true;
    let second_db = server::db::connect_and_migrate(&first.url)
        .await
        .expect("second pool");
    let _second = server::build_app(&config, second_db)
        .await
        .expect("second app");
    settle(&first).await;
    let before = sink.messages().len();
    const MAILS: usize = 300;
    let rows: Vec<mail::ActiveModel> = (0..MAILS)
        .map(|i| crate::smtp_sink::queued_mail(i, &format!("Zwei Sender {i:03}")))
        .collect();
    for chunk in rows.chunks(100) {
        mail::Entity::insert_many(chunk.to_vec())
            .exec_without_returning(&first.db)
            .await
            .expect("queue");
    }
    app::notification::ssr::WAKE_SENDER.notify_waiters();
    settle(&first).await;
    let subjects: Vec<String> = sink.messages()[before..]
        .iter()
        .map(|m| m["subject"].as_str().unwrap().to_owned())
        .collect();
    let unique: std::collections::BTreeSet<&String> = subjects.iter().collect();
    assert_eq!(unique.len(), MAILS, "every mail went out");
    assert_eq!(subjects.len(), MAILS, "and each exactly once");
}

async fn reminders_are_recorded_once_and_skip_those_who_already_commented(backend: Backend) {
    use app::notification::outbox::schedule_reminders;
    let sink = SmtpSink::start();
    let mut s: Setup = setup_in(mail_app(backend, &sink.url()).await, TEXT).await;
    let mut paula = new_member_client(&s.app, "Paula Pflege", "paula@example.org").await;
    let round_id = open_round(&mut s.nora, s.process_id, "everyone", "", false).await;
    let view = round_view(&mut s.staff, s.process_id, round_id).await;
    comment_on(&mut s.staff, &view, "b2", "Schon kommentiert.").await;
    settle(&s.app).await;
    // The round started ten days ago and ends in two.
    let stored = round::Entity::find_by_id(round_id)
        .one(&s.app.db)
        .await
        .unwrap()
        .unwrap();
    let mut moved: round::ActiveModel = stored.into();
    moved.starts_at = Set(Utc::now() - Duration::days(10));
    moved.deadline = Set(Utc::now() + Duration::days(2));
    moved.update(&s.app.db).await.unwrap();
    let before = sink.messages().len();
    assert!(schedule_reminders(&s.app.db, Utc::now()).await.unwrap() >= 1);
    assert_eq!(
        schedule_reminders(&s.app.db, Utc::now()).await.unwrap(),
        0,
        "once"
    );
    settle(&s.app).await;
    let reminders: Vec<_> = sink.messages()[before..]
        .iter()
        .filter(|m| {
            m["subject"]
                .as_str()
                .unwrap()
                .contains("Diskursrunde endet bald")
        })
        .cloned()
        .collect();
    let got = recipients(&reminders);
    assert!(got.contains(&"paula@example.org".to_owned()), "{got:?}");
    assert!(
        !got.contains(&STAFF.0.to_owned()),
        "Sam commented already: {got:?}"
    );
    assert!(
        !got.contains(&"nora@example.org".to_owned()),
        "the group opened it: {got:?}"
    );
    assert_eq!(
        call_ok(&mut paula, "unread_notifications", &[]).await,
        2,
        "opened + reminder"
    );
}

/// Expands every due event now (without a sender), as the sender would.
pub(crate) async fn expand_all(app: &TestApp) {
    let ctx = app::notification::outbox::OutboxContext {
        frame: app::notification::content::MailFrame {
            organisation: "Testorganisation".into(),
            public_url: "https://mitsprache.example.de".into(),
        },
        key: app::notification::ssr::SigningKey::new(b"test-secret".to_vec()),
    };
    app::notification::outbox::expand_due(&app.db, &ctx, Utc::now(), 100_000)
        .await
        .expect("expand");
}

/// The notifications of one person: (title, confidential).
pub(crate) async fn titles(app: &TestApp, email: &str) -> Vec<(String, bool)> {
    let id = user_id(app, email).await;
    notification::Entity::find()
        .filter(notification::Column::UserId.eq(id))
        .all(&app.db)
        .await
        .expect("notifications")
        .into_iter()
        .map(|n| (n.title, n.confidential))
        .collect()
}

pub(crate) fn has(list: &[(String, bool)], start: &str) -> bool {
    list.iter().any(|(t, _)| t.starts_with(start))
}

async fn every_process_event_reaches_the_people_it_concerns(backend: Backend) {
    use app::entities::{adoption_proposal, working_draft};
    let mut a = crate::reviews::adopted(backend).await;
    let nora = "nora@example.org";
    expand_all(&a.app).await;
    let (coordinator, staff, group) = (
        titles(&a.app, COORDINATOR.0).await,
        titles(&a.app, STAFF.0).await,
        titles(&a.app, nora).await,
    );
    // Proposal: the body's member (the coordinator), not the group member who proposed.
    assert!(
        has(&coordinator, "Zur Verabschiedung vorgelegt"),
        "{coordinator:?}"
    );
    assert!(!has(&group, "Zur Verabschiedung vorgelegt"), "{group:?}");
    // Decision: the project group, not the coordinator who recorded it.
    assert!(has(&group, "Geschäftsführung hat entschieden"), "{group:?}");
    assert!(
        !has(&coordinator, "Geschäftsführung hat entschieden"),
        "{coordinator:?}"
    );
    // Adoption: everyone but the one whose decision completed it; the answer: its author.
    assert!(
        has(&staff, "Verabschiedet – bitte lesen") && has(&group, "Verabschiedet – bitte lesen")
    );
    assert!(has(&staff, "Antwort auf Ihren Kommentar"), "{staff:?}");

    // A reply to an experience report reaches its author.
    let post = crate::reviews::report(
        &mut a.staff,
        &a.pid,
        "use_case",
        "Ich nutze KI für Protokolle.",
        false,
    )
    .await
    .json::<i64>();
    call_ok(
        &mut a.nora,
        "post_experience",
        &[
            ("process_id", &a.pid),
            ("body", "Danke, das hilft uns."),
            ("parent_id", &post.to_string()),
        ],
    )
    .await;
    expand_all(&a.app).await;
    assert!(has(
        &titles(&a.app, STAFF.0).await,
        "Neue Antwort auf Ihren Erfahrungsbericht"
    ));

    // Reading reminder after 14 days: only those who have not confirmed.
    call_ok(
        &mut a.nora,
        "acknowledge_guideline",
        &[("process_id", &a.pid)],
    )
    .await;
    let proposal = adoption_proposal::Entity::find()
        .filter(adoption_proposal::Column::ProcessId.eq(a.process_id))
        .one(&a.app.db)
        .await
        .unwrap()
        .unwrap();
    let mut moved: adoption_proposal::ActiveModel = proposal.into();
    moved.adopted_at = Set(Some(Utc::now() - Duration::days(15)));
    moved.next_review = Set(Some(Utc::now().date_naive() + Duration::days(10)));
    moved.update(&a.app.db).await.unwrap();
    app::notification::outbox::schedule_reminders(&a.app.db, Utc::now())
        .await
        .unwrap();
    expand_all(&a.app).await;
    assert!(has(
        &titles(&a.app, STAFF.0).await,
        "Erinnerung – bitte lesen"
    ));
    assert!(!has(
        &titles(&a.app, nora).await,
        "Erinnerung – bitte lesen"
    ));
    // The review in ten days: coordinators and the project group, not staff.
    assert!(has(
        &titles(&a.app, COORDINATOR.0).await,
        "Überprüfung in 30 Tagen"
    ));
    assert!(has(&titles(&a.app, nora).await, "Überprüfung in 30 Tagen"));
    assert!(!has(&titles(&a.app, STAFF.0).await, "Überprüfung"));

    // A contribution taken up in a draft section: its (anonymous) author, confidentially.
    let p1 = call_ok(
        &mut a.coordinator,
        "create_process",
        &[("title", "Leitlinie Sammeln"), ("description", "")],
    )
    .await
    .as_i64()
    .unwrap();
    let contribution = call_ok(
        &mut a.staff,
        "submit_contribution",
        &[
            ("process_id", &p1.to_string()),
            ("kind", "concern"),
            ("text", "Ich habe Sorge um die Daten der Klient:innen."),
            ("anonymous", "on"),
        ],
    )
    .await
    .as_i64()
    .unwrap();
    working_draft::ActiveModel {
        process_id: Set(p1),
        body: Set("# Leitlinie\n\n## Datenschutz\n\nText.\n".into()),
        edit_count: Set(1),
        updated_by: Set(user_id(&a.app, COORDINATOR.0).await),
        updated_at: Set(Utc::now()),
    }
    .insert(&a.app.db)
    .await
    .unwrap();
    call_ok(
        &mut a.coordinator,
        "link_section",
        &[
            ("process_id", &p1.to_string()),
            ("contribution_id", &contribution.to_string()),
            ("anchor", "datenschutz"),
        ],
    )
    .await;
    expand_all(&a.app).await;
    let staff = titles(&a.app, STAFF.0).await;
    let taken = staff
        .iter()
        .find(|(t, _)| t.starts_with("Ihr Beitrag wurde aufgegriffen"))
        .unwrap_or_else(|| panic!("{staff:?}"));
    assert!(taken.1, "about her anonymous contribution: confidential");
}
