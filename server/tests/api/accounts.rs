//! Log-in, throttling, invitations, deactivation and password changes.

use crate::helpers::{invite, Backend, TestApp, COORDINATOR, STAFF};
use crate::on_both_databases;
use app::entities::invitation;
use axum::http::StatusCode;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

on_both_databases!(
    login_with_correct_password_starts_a_session,
    wrong_password_and_unknown_email_get_the_same_message,
    repeated_failures_block_the_account_for_a_while,
    repeated_failures_from_one_address_block_that_address,
    session_id_changes_at_every_login,
    logout_ends_the_session,
    a_valid_invitation_sets_the_password_and_logs_in,
    an_invitation_cannot_be_used_twice,
    an_expired_invitation_is_refused,
    an_unknown_invitation_token_is_refused,
    a_new_invitation_link_replaces_the_old_one,
    deactivation_ends_sessions_and_blocks_login,
    a_coordinator_cannot_deactivate_themselves,
    changing_the_password_needs_the_current_one_and_ends_other_sessions,
    creating_a_user_validates_input_in_german,
    the_user_list_is_paginated,
);

async fn login_with_correct_password_starts_a_session(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let mut client = app.client();
    assert_eq!(client.whoami().await, None);
    client.login(STAFF.0, STAFF.1).await;
    assert_eq!(client.whoami().await.as_deref(), Some(STAFF.0));
}

async fn wrong_password_and_unknown_email_get_the_same_message(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let mut client = app.client();
    let wrong = client
        .call(
            "login",
            &[("email", STAFF.0), ("password", "falsch-falsch")],
        )
        .await;
    let unknown = client
        .call(
            "login",
            &[
                ("email", "niemand@beispiel.de"),
                ("password", "falsch-falsch"),
            ],
        )
        .await;
    assert_eq!(wrong.status, StatusCode::BAD_REQUEST);
    assert_eq!(unknown.status, StatusCode::BAD_REQUEST);
    assert!(
        wrong.body.contains("E-Mail oder Passwort ist falsch"),
        "{}",
        wrong.body
    );
    assert_eq!(wrong.body, unknown.body);
    assert_eq!(client.whoami().await, None);
}

async fn repeated_failures_block_the_account_for_a_while(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let mut attacker = app.client();
    for _ in 0..5 {
        let response = attacker
            .call(
                "login",
                &[("email", STAFF.0), ("password", "falsch-falsch")],
            )
            .await;
        assert_eq!(response.status, StatusCode::BAD_REQUEST);
    }
    // Even the right password is refused now, also from another address.
    let mut owner = app.client();
    owner.peer = "10.1.2.3:5000".parse().unwrap();
    let blocked = owner
        .call("login", &[("email", STAFF.0), ("password", STAFF.1)])
        .await;
    assert_eq!(
        blocked.status,
        StatusCode::TOO_MANY_REQUESTS,
        "{}",
        blocked.body
    );
    let message = blocked.json::<app::error::AppError>().to_string();
    assert!(
        message.starts_with("Zu viele fehlgeschlagene Versuche. Bitte warten Sie 1"),
        "{message}"
    );
    // Other accounts are not affected.
    owner.login(COORDINATOR.0, COORDINATOR.1).await;
}

async fn repeated_failures_from_one_address_block_that_address(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let mut attacker = app.client();
    attacker.peer = "203.0.113.9:1234".parse().unwrap();
    for i in 0..20 {
        let email = format!("probe{i}@beispiel.de");
        let response = attacker
            .call("login", &[("email", &email), ("password", "falsch-falsch")])
            .await;
        assert_eq!(response.status, StatusCode::BAD_REQUEST, "attempt {i}");
    }
    let blocked = attacker
        .call("login", &[("email", STAFF.0), ("password", STAFF.1)])
        .await;
    assert_eq!(blocked.status, StatusCode::TOO_MANY_REQUESTS);
    // The same account from another address still works.
    let mut colleague = app.client();
    colleague.peer = "198.51.100.7:1234".parse().unwrap();
    colleague.login(STAFF.0, STAFF.1).await;
}

async fn session_id_changes_at_every_login(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let mut client = app.client();
    client.login(STAFF.0, STAFF.1).await;
    let first = client.cookie.clone().expect("session cookie");
    client.login(STAFF.0, STAFF.1).await;
    let second = client.cookie.clone().expect("session cookie");
    assert_ne!(first, second, "login must issue a new session id");
    // The old id no longer identifies anyone.
    let mut stale = app.client();
    stale.cookie = Some(first);
    assert_eq!(stale.whoami().await, None);
}

async fn logout_ends_the_session(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let mut client = app.client();
    client.login(STAFF.0, STAFF.1).await;
    let cookie = client.cookie.clone();
    let response = client.call("logout", &[]).await;
    assert_eq!(response.status, StatusCode::OK);
    let mut replay = app.client();
    replay.cookie = cookie;
    assert_eq!(
        replay.whoami().await,
        None,
        "the old cookie must not work after logout"
    );
}

async fn a_valid_invitation_sets_the_password_and_logs_in(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let token = invite(&app, "Nora Neu", "nora@beispiel.de").await;
    let mut nora = app.client();
    let info = nora.call("invitation_info", &[("token", &token)]).await;
    assert_eq!(info.status, StatusCode::OK);
    assert_eq!(info.json::<String>(), "Nora Neu");
    // Before accepting, the account cannot log in.
    let early = nora
        .call(
            "login",
            &[
                ("email", "nora@beispiel.de"),
                ("password", "noras-passwort"),
            ],
        )
        .await;
    assert_eq!(early.status, StatusCode::BAD_REQUEST);

    let accepted = nora
        .call(
            "accept_invitation",
            &[
                ("token", &token),
                ("password", "noras-passwort"),
                ("confirm_password", "noras-passwort"),
            ],
        )
        .await;
    assert_eq!(accepted.status, StatusCode::OK, "{}", accepted.body);
    assert_eq!(nora.whoami().await.as_deref(), Some("nora@beispiel.de"));

    let mut again = app.client();
    again.login("Nora@Beispiel.de", "noras-passwort").await;
}

async fn an_invitation_cannot_be_used_twice(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let token = invite(&app, "Nora Neu", "nora@beispiel.de").await;
    let fields = [
        ("token", token.as_str()),
        ("password", "noras-passwort"),
        ("confirm_password", "noras-passwort"),
    ];
    assert_eq!(
        app.client().call("accept_invitation", &fields).await.status,
        StatusCode::OK
    );
    let fields2 = [
        ("token", token.as_str()),
        ("password", "fremdes-passwort"),
        ("confirm_password", "fremdes-passwort"),
    ];
    let reused = app.client().call("accept_invitation", &fields2).await;
    assert_eq!(reused.status, StatusCode::BAD_REQUEST);
    assert!(reused.body.contains("bereits verwendet"), "{}", reused.body);
    // The first password still holds; the second was not set.
    app.client()
        .login("nora@beispiel.de", "noras-passwort")
        .await;
}

async fn an_expired_invitation_is_refused(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let token = invite(&app, "Nora Neu", "nora@beispiel.de").await;
    invitation::Entity::update_many()
        .col_expr(
            invitation::Column::ExpiresAt,
            Expr::value(chrono::Utc::now() - chrono::Duration::minutes(1)),
        )
        .filter(invitation::Column::TokenHash.eq(app::account::ssr::token_hash(&token)))
        .exec(&app.db)
        .await
        .unwrap();
    let mut nora = app.client();
    let info = nora.call("invitation_info", &[("token", &token)]).await;
    assert_eq!(info.status, StatusCode::BAD_REQUEST);
    assert!(info.body.contains("abgelaufen"), "{}", info.body);
    let accepted = nora
        .call(
            "accept_invitation",
            &[
                ("token", &token),
                ("password", "noras-passwort"),
                ("confirm_password", "noras-passwort"),
            ],
        )
        .await;
    assert_eq!(accepted.status, StatusCode::BAD_REQUEST);
    assert_eq!(nora.whoami().await, None);
}

async fn an_unknown_invitation_token_is_refused(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let response = app
        .client()
        .call("invitation_info", &[("token", "erfunden")])
        .await;
    assert_eq!(response.status, StatusCode::BAD_REQUEST);
    assert!(response.body.contains("ungültig"), "{}", response.body);
    // The page shows the message in German, not a blank page.
    let page = app.client().get("/einladung/erfunden").await;
    assert!(
        page.body.contains("Dieser Einladungslink ist ungültig"),
        "{}",
        page.body
    );
}

async fn a_new_invitation_link_replaces_the_old_one(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let old = invite(&app, "Nora Neu", "nora@beispiel.de").await;
    let user_id = app::entities::user::Entity::find()
        .filter(app::entities::user::Column::Email.eq("nora@beispiel.de"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .id
        .to_string();
    let mut admin = app.client();
    admin.login(COORDINATOR.0, COORDINATOR.1).await;
    let response = admin.call("reinvite_user", &[("user_id", &user_id)]).await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.body);
    let new: serde_json::Value = response.json();
    let new = new["link"]
        .as_str()
        .unwrap()
        .rsplit('/')
        .next()
        .unwrap()
        .to_owned();
    assert_ne!(old, new);
    assert_eq!(
        app.client()
            .call("invitation_info", &[("token", &old)])
            .await
            .status,
        StatusCode::BAD_REQUEST
    );
    assert_eq!(
        app.client()
            .call("invitation_info", &[("token", &new)])
            .await
            .status,
        StatusCode::OK
    );
}

async fn deactivation_ends_sessions_and_blocks_login(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let mut staff = app.client();
    staff.login(STAFF.0, STAFF.1).await;
    let staff_id = app::entities::user::Entity::find()
        .filter(app::entities::user::Column::Email.eq(STAFF.0))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .id
        .to_string();

    // Staff cannot deactivate anyone.
    let refused = staff.call("deactivate_user", &[("user_id", "1")]).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);

    let mut admin = app.client();
    admin.login(COORDINATOR.0, COORDINATOR.1).await;
    let response = admin
        .call("deactivate_user", &[("user_id", &staff_id)])
        .await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.body);

    assert_eq!(staff.whoami().await, None, "the open session must end");
    let again = app
        .client()
        .call("login", &[("email", STAFF.0), ("password", STAFF.1)])
        .await;
    assert_eq!(again.status, StatusCode::BAD_REQUEST);
    assert!(again.body.contains("deaktiviert"), "{}", again.body);
}

async fn a_coordinator_cannot_deactivate_themselves(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let mut admin = app.client();
    admin.login(COORDINATOR.0, COORDINATOR.1).await;
    let response = admin.call("deactivate_user", &[("user_id", "1")]).await;
    assert_eq!(response.status, StatusCode::BAD_REQUEST);
    assert_eq!(admin.whoami().await.as_deref(), Some(COORDINATOR.0));
}

async fn changing_the_password_needs_the_current_one_and_ends_other_sessions(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let mut phone = app.client();
    phone.login(STAFF.0, STAFF.1).await;
    let mut laptop = app.client();
    laptop.login(STAFF.0, STAFF.1).await;

    let wrong = laptop
        .call(
            "change_password",
            &[
                ("current_password", "falsch-falsch"),
                ("new_password", "ganz-neues-passwort"),
                ("confirm_password", "ganz-neues-passwort"),
            ],
        )
        .await;
    assert_eq!(wrong.status, StatusCode::BAD_REQUEST);
    assert!(wrong.body.contains("aktuelle Passwort"), "{}", wrong.body);

    let short = laptop
        .call(
            "change_password",
            &[
                ("current_password", STAFF.1),
                ("new_password", "kurz"),
                ("confirm_password", "kurz"),
            ],
        )
        .await;
    assert_eq!(short.status, StatusCode::BAD_REQUEST);
    assert!(
        short.body.contains("mindestens 10 Zeichen"),
        "{}",
        short.body
    );

    let ok = laptop
        .call(
            "change_password",
            &[
                ("current_password", STAFF.1),
                ("new_password", "ganz-neues-passwort"),
                ("confirm_password", "ganz-neues-passwort"),
            ],
        )
        .await;
    assert_eq!(ok.status, StatusCode::OK, "{}", ok.body);
    assert_eq!(
        laptop.whoami().await.as_deref(),
        Some(STAFF.0),
        "this session stays"
    );
    assert_eq!(phone.whoami().await, None, "other sessions end");
    app.client().login(STAFF.0, "ganz-neues-passwort").await;
}

async fn creating_a_user_validates_input_in_german(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let mut admin = app.client();
    admin.login(COORDINATOR.0, COORDINATOR.1).await;
    let bad_email = admin
        .call(
            "create_user",
            &[
                ("display_name", "X"),
                ("email", "kein-at-zeichen"),
                ("role_staff", "on"),
            ],
        )
        .await;
    assert_eq!(bad_email.status, StatusCode::BAD_REQUEST);
    assert!(
        bad_email.body.contains("gültige E-Mail-Adresse"),
        "{}",
        bad_email.body
    );
    let no_role = admin
        .call(
            "create_user",
            &[("display_name", "X"), ("email", "x@beispiel.de")],
        )
        .await;
    assert_eq!(no_role.status, StatusCode::BAD_REQUEST);
    assert!(
        no_role.body.contains("mindestens eine Rolle"),
        "{}",
        no_role.body
    );
    let duplicate = admin
        .call(
            "create_user",
            &[
                ("display_name", "X"),
                ("email", STAFF.0),
                ("role_staff", "on"),
            ],
        )
        .await;
    assert_eq!(duplicate.status, StatusCode::BAD_REQUEST);
    assert!(
        duplicate.body.contains("bereits ein Konto"),
        "{}",
        duplicate.body
    );
}

async fn the_user_list_is_paginated(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let mut admin = app.client();
    admin.login(COORDINATOR.0, COORDINATOR.1).await;
    for i in 0..60 {
        let email = format!("person{i:02}@beispiel.de");
        let name = format!("Person {i:02}");
        let r = admin
            .call(
                "create_user",
                &[
                    ("display_name", &name),
                    ("email", &email),
                    ("role_staff", "on"),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    }
    let first: serde_json::Value = admin.call("list_users", &[("page", "1")]).await.json();
    let second: serde_json::Value = admin.call("list_users", &[("page", "2")]).await.json();
    assert_eq!(first["total"], 63);
    assert_eq!(first["pages"], 2);
    assert_eq!(first["users"].as_array().unwrap().len(), 50);
    assert_eq!(second["users"].as_array().unwrap().len(), 13);
}
