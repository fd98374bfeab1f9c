//! Authorisation on the server, cross-site refusal, cookie flags and malformed requests.

use crate::helpers::{Backend, TestApp, COORDINATOR, STAFF};
use crate::on_both_databases;
use axum::body::Body;
use axum::http::{header, Request, StatusCode};

on_both_databases!(
    staff_are_refused_on_coordinator_server_functions,
    anonymous_callers_are_refused_with_401,
    staff_get_a_german_403_page_for_the_user_administration,
    a_cross_site_post_is_refused,
    a_same_origin_post_without_fetch_metadata_is_allowed,
    the_session_cookie_is_http_only_and_same_site_lax,
    a_malformed_server_function_call_is_a_clean_400,
    an_unknown_page_is_a_german_404,
);

async fn staff_are_refused_on_coordinator_server_functions(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let mut staff = app.client();
    staff.login(STAFF.0, STAFF.1).await;
    for (function, fields) in [
        ("list_users", vec![("page", "1")]),
        (
            "create_user",
            vec![
                ("display_name", "X"),
                ("email", "x@beispiel.de"),
                ("role_staff", "on"),
            ],
        ),
        ("reinvite_user", vec![("user_id", "1")]),
        ("deactivate_user", vec![("user_id", "1")]),
    ] {
        let response = staff.call(function, &fields).await;
        assert_eq!(
            response.status,
            StatusCode::FORBIDDEN,
            "{function}: {}",
            response.body
        );
        assert_eq!(
            response.json::<app::error::AppError>(),
            app::error::AppError::Forbidden,
            "{function}"
        );
    }
}

async fn anonymous_callers_are_refused_with_401(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let mut anonymous = app.client();
    for (function, fields) in [
        ("list_users", vec![("page", "1")]),
        ("deactivate_user", vec![("user_id", "2")]),
        (
            "change_password",
            vec![
                ("current_password", "a"),
                ("new_password", "bbbbbbbbbbbb"),
                ("confirm_password", "bbbbbbbbbbbb"),
            ],
        ),
    ] {
        let response = anonymous.call(function, &fields).await;
        assert_eq!(
            response.status,
            StatusCode::UNAUTHORIZED,
            "{function}: {}",
            response.body
        );
    }
}

async fn staff_get_a_german_403_page_for_the_user_administration(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let mut staff = app.client();
    staff.login(STAFF.0, STAFF.1).await;
    let page = staff.get("/admin/benutzer").await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    assert!(page.body.contains("Kein Zugriff"), "{}", page.body);
    assert!(
        !page.body.contains(COORDINATOR.0),
        "no user data may leak into the 403 page"
    );

    let mut admin = app.client();
    admin.login(COORDINATOR.0, COORDINATOR.1).await;
    let page = admin.get("/admin/benutzer").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains(STAFF.0));
}

async fn a_cross_site_post_is_refused(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let mut admin = app.client();
    admin.login(COORDINATOR.0, COORDINATOR.1).await;
    for (site, origin) in [
        (Some("cross-site"), "https://boese.example"),
        (None, "https://boese.example"),
    ] {
        let mut builder = Request::post("/api/deactivate_user")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::HOST, "127.0.0.1:3000")
            .header(header::ORIGIN, origin);
        if let Some(site) = site {
            builder = builder.header("sec-fetch-site", site);
        }
        let response = admin
            .send(builder.body(Body::from("user_id=2")).unwrap())
            .await;
        assert_eq!(response.status, StatusCode::FORBIDDEN, "{site:?}");
    }
    // The staff account is still active.
    app.client().login(STAFF.0, STAFF.1).await;
}

async fn a_same_origin_post_without_fetch_metadata_is_allowed(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let mut client = app.client();
    let request = Request::post("/api/login")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::HOST, "127.0.0.1:3000")
        .header(header::ORIGIN, "http://127.0.0.1:3000")
        .body(Body::from(crate::helpers::form_encode(&[
            ("email", STAFF.0),
            ("password", STAFF.1),
        ])))
        .unwrap();
    let response = client.send(request).await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.body);
}

async fn the_session_cookie_is_http_only_and_same_site_lax(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let mut client = app.client();
    let response = client
        .call("login", &[("email", STAFF.0), ("password", STAFF.1)])
        .await;
    let cookie = response
        .headers
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("mitsprache_session="))
        .expect("session cookie")
        .to_owned();
    assert!(cookie.contains("HttpOnly"), "{cookie}");
    assert!(cookie.contains("SameSite=Lax"), "{cookie}");
}

async fn a_malformed_server_function_call_is_a_clean_400(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let mut admin = app.client();
    admin.login(COORDINATOR.0, COORDINATOR.1).await;
    let missing = admin.call("deactivate_user", &[]).await;
    assert_eq!(missing.status, StatusCode::BAD_REQUEST, "{}", missing.body);
    let wrong_type = admin.call("deactivate_user", &[("user_id", "zwei")]).await;
    assert_eq!(
        wrong_type.status,
        StatusCode::BAD_REQUEST,
        "{}",
        wrong_type.body
    );
    let message = wrong_type.json::<app::error::AppError>().to_string();
    assert!(message.contains("Anfrage war unvollständig"), "{message}");
    let unknown_user = admin
        .call("deactivate_user", &[("user_id", "999999")])
        .await;
    assert_eq!(
        unknown_user.status,
        StatusCode::NOT_FOUND,
        "{}",
        unknown_user.body
    );
}

async fn an_unknown_page_is_a_german_404(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let page = app.client().get("/gibt-es-nicht").await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    assert!(page.body.contains("Seite nicht gefunden"), "{}", page.body);
}
