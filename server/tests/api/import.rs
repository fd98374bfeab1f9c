//! The staff import over HTTP: upload (multipart, as a browser sends it), preview, apply in one
//! transaction with one audit entry, the sync's confirmation, invitation links, bad files.

use crate::helpers::{
    call_ok, user_id, Backend, Client, TestApp, TestResponse, COORDINATOR, STAFF,
};
use crate::on_both_databases;
use app::entities::{audit_log, staff_import, user};
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};

const UPLOAD: &str = "/admin/benutzer/import/hochladen";

/// Uploads `bytes` as the file field of the upload form.
pub async fn upload(client: &mut Client, name: &str, bytes: &[u8]) -> TestResponse {
    let boundary = "mitsprache-test-grenze";
    let mut body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"datei\"; filename=\"{name}\"\r\nContent-Type: text/csv\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    let request = Request::post(UPLOAD)
        .header(
            header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={boundary}"),
        )
        .header(header::HOST, "127.0.0.1:3000")
        .header(header::ORIGIN, "http://127.0.0.1:3000")
        .header(header::CONTENT_LENGTH, body.len())
        .body(Body::from(body))
        .expect("request");
    client.send(request).await
}

/// Uploads and returns the import's id from the redirect to its preview.
async fn uploaded(client: &mut Client, bytes: &[u8]) -> i64 {
    let response = upload(client, "mitarbeitende.csv", bytes).await;
    assert_eq!(response.status, StatusCode::SEE_OTHER, "{}", response.body);
    let to = response.headers["location"].to_str().unwrap().to_owned();
    to.rsplit('/')
        .next()
        .unwrap()
        .parse()
        .unwrap_or_else(|_| panic!("preview address {to}"))
}

async fn preview(client: &mut Client, id: i64, list: &str) -> serde_json::Value {
    call_ok(
        client,
        "import_preview",
        &[("import_id", &id.to_string()), ("list", list)],
    )
    .await
}

async fn coordinator(app: &TestApp) -> Client {
    let mut client = app.client();
    client.login(COORDINATOR.0, COORDINATOR.1).await;
    client
}

/// A list as German Excel saves it: Windows-1252, semicolons, CRLF.
fn excel_list() -> Vec<u8> {
    let mut bytes = b"Name;E-Mail;Team;Rolle\r\n".to_vec();
    bytes.extend_from_slice(b"J\xf6rg M\xfcller;joerg@example.org;K\xfcche;\r\n");
    bytes.extend_from_slice(b"=HYPERLINK(\"http://x\");formel@example.org;Kita;\r\n");
    bytes.extend_from_slice(b"Mia Mitarbeit;mitarbeit@demo.mitsprache.de;Beratung;\r\n");
    bytes.extend_from_slice(b"Kim Koordination;koordination@demo.mitsprache.de;;Koordination\r\n");
    bytes.extend_from_slice(b"Ohne Adresse;keine-adresse;Kita;\r\n");
    bytes.extend_from_slice(b"Zweimal;joerg@example.org;Kita;\r\n");
    bytes
}

on_both_databases!(
    the_preview_sorts_the_rows_and_writes_nothing,
    applying_creates_and_changes_accounts_with_one_audit_entry_and_links_for_download,
    a_stale_preview_or_a_second_apply_changes_nothing,
    the_sync_deactivates_missing_accounts_only_after_explicit_confirmation,
    bad_files_get_a_german_message_and_change_nothing,
);

async fn the_preview_sorts_the_rows_and_writes_nothing(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let mut admin = coordinator(&app).await;
    let accounts = user::Entity::find().count(&app.db).await.unwrap();
    let id = uploaded(&mut admin, &excel_list()).await;
    let view = preview(&mut admin, id, "").await;
    assert_eq!(view["encoding"], "Windows-1252");
    let counts = &view["counts"];
    assert_eq!(counts["new"], 2, "{view}");
    assert_eq!(
        counts["changed"], 1,
        "Sam becomes Mia Mitarbeit of Beratung"
    );
    assert_eq!(counts["unchanged"], 1, "Kim is already coordinator");
    assert_eq!(counts["invalid"], 2);
    assert_eq!(view["list"], "Invalid", "invalid rows first");
    let lines: Vec<i64> = view["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["line"].as_i64().unwrap())
        .collect();
    assert_eq!(lines, vec![6, 7]);
    assert!(view["rows"][1]["note"]
        .as_str()
        .unwrap()
        .contains("Zeile 2"));
    let new = preview(&mut admin, id, "neu").await;
    assert_eq!(new["rows"][0]["name"], "Jörg Müller");
    assert_eq!(new["rows"][0]["team"], "Küche");
    assert_eq!(
        user::Entity::find().count(&app.db).await.unwrap(),
        accounts,
        "nothing written"
    );
    // The preview page renders for the coordinator, in German.
    let page = admin.get(&format!("/admin/benutzer/import/{id}")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Es wurde noch nichts gespeichert"));
}

async fn applying_creates_and_changes_accounts_with_one_audit_entry_and_links_for_download(
    backend: Backend,
) {
    let app = TestApp::spawn(backend).await;
    let mut admin = coordinator(&app).await;
    let id = uploaded(&mut admin, &excel_list()).await;
    let view = preview(&mut admin, id, "").await;
    let before = audit_log::Entity::find().count(&app.db).await.unwrap();
    let outcome = call_ok(
        &mut admin,
        "apply_import",
        &[
            ("import_id", &id.to_string()),
            ("fingerprint", view["fingerprint"].as_str().unwrap()),
        ],
    )
    .await;
    assert_eq!(outcome["created"], 2);
    assert_eq!(outcome["changed"], 1);
    let joerg = user::Entity::find_by_id(user_id(&app, "joerg@example.org").await)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(joerg.team.as_deref(), Some("Küche"));
    assert!(joerg.password_hash.is_none(), "invited, no password");
    let mia = user::Entity::find_by_id(user_id(&app, STAFF.0).await)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (mia.display_name.as_str(), mia.team.as_deref()),
        ("Mia Mitarbeit", Some("Beratung"))
    );
    let entries = audit_log::Entity::find()
        .order_by_asc(audit_log::Column::Seq)
        .all(&app.db)
        .await
        .unwrap();
    assert_eq!(
        entries.len() as u64,
        before + 1,
        "one entry for the whole import"
    );
    let entry = entries.last().unwrap();
    assert_eq!(entry.action, "account.imported");
    let details: serde_json::Value = serde_json::from_str(&entry.details).unwrap();
    assert_eq!(details["created"], 2);
    assert_eq!(details["invalid"], 2);
    let report = call_ok(&mut admin, "verify_audit", &[]).await;
    assert!(report["broken"].is_null(), "{report}");
    let stored = staff_import::Entity::find_by_id(id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        stored.rows, None,
        "the file's names are not kept after applying"
    );

    // The invitations by mail: one invitation mail per new person in the outbox, the result
    // page says how many.
    let sent = admin
        .post_form(
            &format!("/admin/benutzer/import/{id}/einladungen"),
            &[("art", "mail")],
        )
        .await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);
    assert_eq!(
        sent.headers["location"],
        format!("/admin/benutzer/import/{id}?eingeladen=2")
    );
    let mails = app::entities::mail::Entity::find()
        .filter(
            app::entities::mail::Column::Kind.eq(app::domain::notification::MailKind::Invitation),
        )
        .all(&app.db)
        .await
        .unwrap();
    let mut to: Vec<&str> = mails.iter().map(|m| m.to_address.as_str()).collect();
    to.sort_unstable();
    assert_eq!(to.len(), 2, "{to:?}");
    assert!(to.contains(&"joerg@example.org"), "{to:?}");
    assert!(mails.iter().all(|m| m.body_text.contains("/einladung/")));
    let page = admin
        .get(&format!("/admin/benutzer/import/{id}?eingeladen=2"))
        .await;
    assert!(page
        .body
        .contains("2 Einladungen werden per E-Mail verschickt."));

    // Or as a file: a CSV for Excel with a working link per new person (the mailed links
    // stop working: each sending makes new ones).
    let csv = admin
        .post_form(
            &format!("/admin/benutzer/import/{id}/einladungen"),
            &[("art", "datei")],
        )
        .await;
    assert_eq!(csv.status, StatusCode::OK, "{}", csv.body);
    assert!(csv.headers["content-disposition"]
        .to_str()
        .unwrap()
        .contains("attachment"));
    assert!(
        csv.body.starts_with('\u{feff}'),
        "a byte-order mark for Excel"
    );
    assert!(
        csv.body.contains("'=HYPERLINK"),
        "formulas defused: {}",
        csv.body
    );
    let line = csv
        .body
        .lines()
        .find(|l| l.contains("joerg@example.org"))
        .expect("Jörg's row");
    let token = line
        .split("/einladung/")
        .nth(1)
        .unwrap()
        .split(';')
        .next()
        .unwrap();
    let mut joerg = app.client();
    call_ok(
        &mut joerg,
        "accept_invitation",
        &[
            ("token", token),
            ("password", "ein-gutes-passwort"),
            ("confirm_password", "ein-gutes-passwort"),
        ],
    )
    .await;
    assert_eq!(joerg.whoami().await.as_deref(), Some("joerg@example.org"));
}

async fn a_stale_preview_or_a_second_apply_changes_nothing(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let mut admin = coordinator(&app).await;
    let id = uploaded(&mut admin, &excel_list()).await;
    let shown = preview(&mut admin, id, "").await["fingerprint"]
        .as_str()
        .unwrap()
        .to_owned();
    // Meanwhile someone invites Jörg by hand: the preview no longer says what would happen.
    crate::helpers::invite(&app, "Jörg Müller", "joerg@example.org").await;
    let response = admin
        .call(
            "apply_import",
            &[("import_id", &id.to_string()), ("fingerprint", &shown)],
        )
        .await;
    assert_eq!(response.status, StatusCode::CONFLICT, "{}", response.body);
    assert!(response.body.contains("seit der Vorschau geändert"));
    assert!(user::Entity::find()
        .filter(user::Column::Email.eq("formel@example.org"))
        .one(&app.db)
        .await
        .unwrap()
        .is_none());
    let fresh = preview(&mut admin, id, "").await;
    assert_eq!(fresh["counts"]["new"], 1);
    let fingerprint = fresh["fingerprint"].as_str().unwrap().to_owned();
    call_ok(
        &mut admin,
        "apply_import",
        &[
            ("import_id", &id.to_string()),
            ("fingerprint", &fingerprint),
        ],
    )
    .await;
    let again = admin
        .call(
            "apply_import",
            &[
                ("import_id", &id.to_string()),
                ("fingerprint", &fingerprint),
            ],
        )
        .await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    assert!(again.body.contains("bereits übernommen"));
}

async fn the_sync_deactivates_missing_accounts_only_after_explicit_confirmation(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let mut admin = coordinator(&app).await;
    let mut staff = app.client();
    staff.login(STAFF.0, STAFF.1).await;
    // Only the coordinator and one new person: every other active account is missing.
    let id = uploaded(
        &mut admin,
        b"Name,E-Mail\nKim Koordination,koordination@demo.mitsprache.de\nNina Neu,nina@example.org\n",
    )
    .await;
    let view = preview(&mut admin, id, "fehlend").await;
    let missing = view["counts"]["missing"].as_u64().unwrap();
    assert!(missing >= 2, "{view}");
    let emails: Vec<&str> = view["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["email"].as_str().unwrap())
        .collect();
    assert!(emails.contains(&STAFF.0) && !emails.contains(&COORDINATOR.0));
    let fingerprint = view["fingerprint"].as_str().unwrap().to_owned();
    let id_text = id.to_string();
    let unconfirmed = admin
        .call(
            "apply_import",
            &[
                ("import_id", &id_text),
                ("fingerprint", &fingerprint),
                ("sync", "on"),
            ],
        )
        .await;
    assert_eq!(
        unconfirmed.status,
        StatusCode::BAD_REQUEST,
        "{}",
        unconfirmed.body
    );
    assert!(unconfirmed.body.contains("ausdrücklich"));
    assert_eq!(
        staff.whoami().await.as_deref(),
        Some(STAFF.0),
        "nothing happened"
    );
    assert!(user::Entity::find()
        .filter(user::Column::Email.eq("nina@example.org"))
        .one(&app.db)
        .await
        .unwrap()
        .is_none());
    let outcome = call_ok(
        &mut admin,
        "apply_import",
        &[
            ("import_id", &id_text),
            ("fingerprint", &fingerprint),
            ("sync", "on"),
            ("confirm_sync", "on"),
        ],
    )
    .await;
    assert_eq!(outcome["deactivated"].as_u64(), Some(missing));
    assert_eq!(
        staff.whoami().await,
        None,
        "the deactivated person's session ended"
    );
    assert_eq!(
        admin.whoami().await.as_deref(),
        Some(COORDINATOR.0),
        "never the importer"
    );
}

async fn bad_files_get_a_german_message_and_change_nothing(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let mut admin = coordinator(&app).await;
    let huge = vec![b'a'; 50 * 1024 * 1024];
    for (bytes, message) in [
        (&b""[..], "Die Datei ist leer"),
        (
            &b"Name;Telefon\nAnna;123\n"[..],
            "In der ersten Zeile fehlen die n\u{f6}tigen Spalten",
        ),
        (&b"%PDF-1.7\n\x00\x01\x02\x03binary"[..], "keine Textdatei"),
        (&huge[..], "zu gro\u{df}"),
    ] {
        let response = upload(&mut admin, "liste.csv", bytes).await;
        assert_eq!(
            response.status,
            StatusCode::SEE_OTHER,
            "{message}: {}",
            response.body
        );
        assert_eq!(response.headers["location"], "/admin/benutzer/import");
        let flash = call_ok(&mut admin, "take_flash", &[]).await;
        assert!(
            flash["message"]
                .as_str()
                .unwrap_or_default()
                .contains(message),
            "{flash}"
        );
    }
    assert_eq!(
        staff_import::Entity::find().count(&app.db).await.unwrap(),
        0
    );
    // Beyond what the server reads at all: refused at once.
    let too_much = vec![b'a'; 65 * 1024 * 1024];
    let response = upload(&mut admin, "riesig.csv", &too_much).await;
    assert_eq!(response.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(response.body.contains("zu groß"));
}
