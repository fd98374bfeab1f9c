//! Data-protection rights over HTTP: the own data (page, server function, JSON download),
//! deleting a person (texts kept or removed, the audit chain still verifying), and the
//! scheduled clean-up.

use crate::helpers::{
    call_ok, create_process, user_id, Backend, Client, TestApp, COORDINATOR, STAFF,
};
use crate::on_both_databases;
use app::entities::{audit_log, contribution, invitation, staff_import, user};
use axum::http::StatusCode;
use chrono::{Duration, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, Set};

async fn signed_in(app: &TestApp, who: (&str, &str)) -> Client {
    let mut client = app.client();
    client.login(who.0, who.1).await;
    client
}

/// A process in step 1 with an anonymous and a named contribution by the staff member.
async fn with_contributions(app: &TestApp) -> (Client, Client, i64) {
    let mut admin = signed_in(app, COORDINATOR).await;
    let mut staff = signed_in(app, STAFF).await;
    let process = create_process(&mut admin, "Leitlinie Datenschutz").await;
    let id = process.to_string();
    for (text, anonymous) in [
        ("Ich sorge mich um Gesundheitsdaten in KI-Werkzeugen.", true),
        ("Ich wünsche mir eine Schulung zu KI im Team.", false),
    ] {
        let mut fields = vec![
            ("process_id", id.as_str()),
            ("kind", "concern"),
            ("text", text),
        ];
        if anonymous {
            fields.push(("anonymous", "on"));
        }
        call_ok(&mut staff, "submit_contribution", &fields).await;
    }
    (admin, staff, process)
}

on_both_databases!(
    a_person_sees_and_downloads_all_their_data_including_anonymous_texts,
    deleting_a_person_removes_personal_data_keeps_texts_and_the_chain_verifies,
    with_texts_removed_the_wording_of_a_deleted_person_is_gone,
    the_clean_up_removes_only_what_has_outlived_its_time,
);

async fn a_person_sees_and_downloads_all_their_data_including_anonymous_texts(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (mut admin, mut staff, _) = with_contributions(&app).await;
    let data = call_ok(&mut staff, "my_data", &[]).await;
    assert_eq!(data["account"]["email"], STAFF.0);
    let contributions = data["sections"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["key"] == "contributions")
        .expect("contributions section");
    let items = contributions["items"].as_array().unwrap();
    assert_eq!(items.len(), 2);
    assert!(items.iter().any(
        |i| i["anonymous"] == true && i["text"].as_str().unwrap().contains("Gesundheitsdaten")
    ));
    // The same as a file.
    let file = staff.get("/konto/meine-daten.json").await;
    assert_eq!(file.status, StatusCode::OK);
    assert!(file.headers["content-disposition"]
        .to_str()
        .unwrap()
        .contains("attachment"));
    let json: serde_json::Value = file.json();
    assert_eq!(json["account"]["email"], STAFF.0);
    assert!(file.body.contains("Gesundheitsdaten"));
    // Readable page, in German.
    let page = staff.get("/konto/meine-daten").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Gesundheitsdaten") && page.body.contains("anonym"));
    // Nobody else's export contains the anonymous text.
    let other = call_ok(&mut admin, "my_data", &[]).await;
    assert!(!other.to_string().contains("Gesundheitsdaten"));
    let mut anonymous = app.client();
    assert_eq!(
        anonymous.get("/konto/meine-daten.json").await.status,
        StatusCode::UNAUTHORIZED
    );
}

async fn deleting_a_person_removes_personal_data_keeps_texts_and_the_chain_verifies(
    backend: Backend,
) {
    let app = TestApp::spawn(backend).await;
    let (mut admin, mut staff, process) = with_contributions(&app).await;
    let staff_id = user_id(&app, STAFF.0).await;
    // An entry written the old way, with name and e-mail inside the hashed details.
    app::audit::ssr::record(
        &app.db,
        None,
        app::domain::audit::AuditAction::UserDeactivated,
        "user",
        Some(staff_id),
        serde_json::json!({ "email": STAFF.0, "name": "Sam Mitarbeit" }),
    )
    .await
    .unwrap();
    let id = staff_id.to_string();
    let preview = call_ok(&mut admin, "deletion_preview", &[("user_id", &id)]).await;
    assert_eq!(preview["texts"], 2);
    let unconfirmed = admin.call("delete_person", &[("user_id", &id)]).await;
    assert_eq!(unconfirmed.status, StatusCode::BAD_REQUEST);
    assert_eq!(staff.whoami().await.as_deref(), Some(STAFF.0));
    let own = user_id(&app, COORDINATOR.0).await.to_string();
    let myself = admin
        .call("delete_person", &[("user_id", &own), ("confirm", "on")])
        .await;
    assert_eq!(myself.status, StatusCode::BAD_REQUEST);

    call_ok(
        &mut admin,
        "delete_person",
        &[("user_id", &id), ("confirm", "on")],
    )
    .await;
    assert_eq!(staff.whoami().await, None, "signed out");
    let gone = user::Entity::find_by_id(staff_id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(gone.display_name, "ehemalige:r Mitarbeiter:in");
    assert_eq!(
        gone.email,
        format!("geloescht-{staff_id}@mitsprache.invalid")
    );
    assert!(gone.password_hash.is_none() && gone.team.is_none() && !gone.active);
    let mut again = app.client();
    let login = again
        .call("login", &[("email", STAFF.0), ("password", STAFF.1)])
        .await;
    assert_eq!(login.status, StatusCode::BAD_REQUEST);
    // The texts stay in the record.
    let kept = contribution::Entity::find()
        .filter(contribution::Column::ProcessId.eq(process))
        .count(&app.db)
        .await
        .unwrap();
    assert_eq!(kept, 2);
    // One deletion entry; the chain verifies; the old entry's name and e-mail are not shown.
    let last = audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq("account.deleted"))
        .one(&app.db)
        .await
        .unwrap()
        .expect("deletion logged");
    assert!(!last.details.contains(STAFF.0));
    let report = call_ok(&mut admin, "verify_audit", &[]).await;
    assert!(report["broken"].is_null(), "{report}");
    let log = call_ok(&mut admin, "list_audit", &[("page", "1")]).await;
    let text = log.to_string();
    assert!(
        !text.contains(STAFF.0) && !text.contains("Sam Mitarbeit"),
        "{text}"
    );
    assert!(text.contains("[gelöscht]") && text.contains("ehemalige:r Mitarbeiter:in"));
    // The address is free again: the person can be invited anew as a new account.
    crate::helpers::invite(&app, "Sam Mitarbeit", STAFF.0).await;
    // Deleting twice is refused.
    let twice = admin
        .call("delete_person", &[("user_id", &id), ("confirm", "on")])
        .await;
    assert_eq!(twice.status, StatusCode::CONFLICT);
}

async fn with_texts_removed_the_wording_of_a_deleted_person_is_gone(backend: Backend) {
    let app = TestApp::spawn_with(backend, |config| {
        config.deleted_texts = app::domain::privacy::DeletedTexts::Remove;
    })
    .await;
    let (mut admin, _staff, process) = with_contributions(&app).await;
    let id = user_id(&app, STAFF.0).await.to_string();
    call_ok(
        &mut admin,
        "delete_person",
        &[("user_id", &id), ("confirm", "on")],
    )
    .await;
    let texts: Vec<String> = contribution::Entity::find()
        .filter(contribution::Column::ProcessId.eq(process))
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|c| c.body)
        .collect();
    assert_eq!(texts.len(), 2);
    assert!(
        texts
            .iter()
            .all(|t| t == app::domain::privacy::REMOVED_TEXT),
        "{texts:?}"
    );
    let report = call_ok(&mut admin, "verify_audit", &[]).await;
    assert!(report["broken"].is_null());
}

async fn the_clean_up_removes_only_what_has_outlived_its_time(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let now = Utc::now();
    let someone = user_id(&app, STAFF.0).await;
    let admin_id = user_id(&app, COORDINATOR.0).await;
    let add = |created: chrono::DateTime<Utc>, used: bool, hash: &str| invitation::ActiveModel {
        user_id: Set(someone),
        token_hash: Set(hash.to_owned()),
        created_by: Set(None),
        created_at: Set(created),
        expires_at: Set(created + Duration::days(7)),
        used_at: Set(used.then_some(created)),
        revoked: Set(false),
        ..Default::default()
    };
    add(now - Duration::days(40), true, "alt-benutzt")
        .insert(&app.db)
        .await
        .unwrap();
    add(now - Duration::days(40), false, "alt-abgelaufen")
        .insert(&app.db)
        .await
        .unwrap();
    add(now - Duration::days(10), true, "juenger-benutzt")
        .insert(&app.db)
        .await
        .unwrap();
    add(now - Duration::days(1), false, "gueltig")
        .insert(&app.db)
        .await
        .unwrap();
    for (hours, name) in [(30, "alt.csv"), (2, "neu.csv")] {
        staff_import::ActiveModel {
            created_by: Set(admin_id),
            created_at: Set(now - Duration::hours(hours)),
            file_name: Set(name.to_owned()),
            status: Set(staff_import::ImportStatus::Previewed),
            rows: Set(Some("{}".to_owned())),
            result: Set(None),
            applied_at: Set(None),
            ..Default::default()
        }
        .insert(&app.db)
        .await
        .unwrap();
    }
    // Mails: sent or given up a month ago go; a young one and one still waiting stay.
    {
        use app::domain::notification::MailStatus;
        for (days, status, subject) in [
            (40, MailStatus::Sent, "alt-gesendet"),
            (40, MailStatus::Failed, "alt-fehlgeschlagen"),
            (40, MailStatus::Pending, "alt-wartend"),
            (2, MailStatus::Sent, "jung-gesendet"),
        ] {
            let mut row = crate::smtp_sink::queued_mail(0, subject);
            row.status = Set(status);
            row.created_at = Set(now - Duration::days(days));
            row.insert(&app.db).await.unwrap();
        }
    }
    let store = server::session_store::DbSessionStore::new(&app.db);
    // The app's own scheduled run may get there first (it starts with the app); either way,
    // afterwards exactly the outlived rows are gone.
    server::retention::run_once(&app.db, &store, now).await;
    let mut left: Vec<String> = invitation::Entity::find()
        .filter(invitation::Column::UserId.eq(someone))
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|i| i.token_hash)
        .collect();
    left.sort();
    assert_eq!(
        left,
        vec!["gueltig".to_owned(), "juenger-benutzt".to_owned()]
    );
    let previews: Vec<String> = staff_import::Entity::find()
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|i| i.file_name)
        .collect();
    assert_eq!(previews, vec!["neu.csv".to_owned()]);
    let mut mails: Vec<String> = app::entities::mail::Entity::find()
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|m| m.subject)
        .filter(|s| s.starts_with("alt-") || s.starts_with("jung-"))
        .collect();
    mails.sort();
    assert_eq!(
        mails,
        vec!["alt-wartend".to_owned(), "jung-gesendet".to_owned()]
    );
    // The privacy page names these times.
    let page = app.client().get("/datenschutz").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("30 Tage") && page.body.contains("24 Stunden"));
}
