//! Teams on accounts: coordinators set them, team and body audiences of rounds follow them,
//! and the read acknowledgement is counted per team (names for coordinators only).

use crate::helpers::{call_ok, new_member_client, Backend, Client, TestApp, COORDINATOR, STAFF};
use crate::on_both_databases;
use crate::rounds::{comment_on, round_view, setup as round_setup, TEXT};
use app::domain::round::Audience;
use app::entities::{round, user};
use axum::http::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

on_both_databases!(
    the_coordinator_sets_teams_and_the_person_sees_their_own,
    only_coordinators_set_teams_or_list_them,
    a_team_name_longer_than_100_characters_is_refused_in_german,
    the_user_list_filters_by_team_and_without_team,
    the_user_list_finds_people_by_a_part_of_name_or_address,
    a_team_audience_reaches_its_team_and_nobody_else,
    a_body_audience_reaches_the_body_members_and_nobody_else,
    the_rate_per_team_is_counted_and_names_are_shown_only_to_coordinators,
);

async fn coordinator(app: &TestApp) -> Client {
    let mut client = app.client();
    client.login(COORDINATOR.0, COORDINATOR.1).await;
    client
}

async fn user_id(app: &TestApp, email: &str) -> i64 {
    user::Entity::find()
        .filter(user::Column::Email.eq(email))
        .one(&app.db)
        .await
        .unwrap()
        .expect("account exists")
        .id
}

async fn set_team(client: &mut Client, user_id: i64, team: &str) -> crate::helpers::TestResponse {
    client
        .call(
            "set_user_team",
            &[("user_id", &user_id.to_string()), ("team", team)],
        )
        .await
}

async fn set_team_ok(client: &mut Client, user_id: i64, team: &str) {
    let response = set_team(client, user_id, team).await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.body);
}

async fn the_coordinator_sets_teams_and_the_person_sees_their_own(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let mut admin = coordinator(&app).await;
    let created = call_ok(
        &mut admin,
        "create_user",
        &[
            ("display_name", "Paula Pflege"),
            ("email", "paula@example.org"),
            ("role_staff", "on"),
            ("team", "  Ambulante   Pflege "),
        ],
    )
    .await;
    let paula = created["user_id"].as_i64().expect("id");
    let list = call_ok(&mut admin, "list_users", &[("page", "1")]).await;
    let row = list["users"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["id"] == paula)
        .expect("listed")
        .clone();
    assert_eq!(row["team"], "Ambulante Pflege");
    assert_eq!(list["teams"], serde_json::json!(["Ambulante Pflege"]));

    // Another spelling of a team in use takes the spelling in use.
    let sam = user_id(&app, STAFF.0).await;
    set_team_ok(&mut admin, sam, "ambulante pflege").await;
    let mut staff = app.client();
    staff.login(STAFF.0, STAFF.1).await;
    let me = call_ok(&mut staff, "current_user", &[]).await;
    assert_eq!(me["team"], "Ambulante Pflege");
    let page = staff.get("/konto").await;
    assert!(
        page.body.contains("Ihr Team: Ambulante Pflege"),
        "{}",
        page.body
    );

    // Changing and clearing.
    set_team_ok(&mut admin, sam, "Beratung").await;
    assert_eq!(
        call_ok(&mut staff, "current_user", &[]).await["team"],
        "Beratung"
    );
    set_team_ok(&mut admin, sam, "   ").await;
    assert!(call_ok(&mut staff, "current_user", &[]).await["team"].is_null());
    let list = call_ok(&mut admin, "list_users", &[("page", "1")]).await;
    assert_eq!(list["teams"], serde_json::json!(["Ambulante Pflege"]));

    let unknown = set_team(&mut admin, 999_999, "Pflege").await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND, "{}", unknown.body);
}

async fn only_coordinators_set_teams_or_list_them(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let mut staff = app.client();
    staff.login(STAFF.0, STAFF.1).await;
    let sam = user_id(&app, STAFF.0).await;
    let own = set_team(&mut staff, sam, "Pflege").await;
    assert_eq!(own.status, StatusCode::FORBIDDEN, "{}", own.body);
    let listed = staff
        .call("list_users", &[("page", "1"), ("team", "Pflege")])
        .await;
    assert_eq!(listed.status, StatusCode::FORBIDDEN, "{}", listed.body);
    let mut anonymous = app.client();
    let nobody = set_team(&mut anonymous, sam, "Pflege").await;
    assert_eq!(nobody.status, StatusCode::UNAUTHORIZED, "{}", nobody.body);
    let stored = user::Entity::find_by_id(sam)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.team, None);
}

async fn a_team_name_longer_than_100_characters_is_refused_in_german(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let mut admin = coordinator(&app).await;
    let sam = user_id(&app, STAFF.0).await;
    let long = "Ä".repeat(101);
    let refused = set_team(&mut admin, sam, &long).await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST, "{}", refused.body);
    assert!(
        refused
            .body
            .contains("Der Teamname darf höchstens 100 Zeichen lang sein."),
        "{}",
        refused.body
    );
    let invite = admin
        .call(
            "create_user",
            &[
                ("display_name", "Zu Lang"),
                ("email", "lang@example.org"),
                ("role_staff", "on"),
                ("team", &long),
            ],
        )
        .await;
    assert_eq!(invite.status, StatusCode::BAD_REQUEST, "{}", invite.body);
    let exactly = "Ä".repeat(100);
    set_team_ok(&mut admin, sam, &exactly).await;
    let stored = user::Entity::find_by_id(sam)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.team.as_deref(), Some(exactly.as_str()));
}

async fn the_user_list_filters_by_team_and_without_team(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let mut admin = coordinator(&app).await;
    let sam = user_id(&app, STAFF.0).await;
    set_team_ok(&mut admin, sam, "Pflege").await;
    for (name, email, team) in [
        ("Petra", "petra@example.org", "pflege"),
        ("Bea", "bea@example.org", "Beratung"),
    ] {
        call_ok(
            &mut admin,
            "create_user",
            &[
                ("display_name", name),
                ("email", email),
                ("role_staff", "on"),
                ("team", team),
            ],
        )
        .await;
    }
    let names = |list: &serde_json::Value| -> Vec<String> {
        list["users"]
            .as_array()
            .unwrap()
            .iter()
            .map(|u| u["display_name"].as_str().unwrap().to_owned())
            .collect()
    };
    let pflege = call_ok(
        &mut admin,
        "list_users",
        &[("page", "1"), ("team", "PFLEGE")],
    )
    .await;
    assert_eq!(names(&pflege), vec!["Petra", "Sam Mitarbeit"]);
    assert_eq!(pflege["total"], 2);
    let beratung = call_ok(
        &mut admin,
        "list_users",
        &[("page", "1"), ("team", "Beratung")],
    )
    .await;
    assert_eq!(names(&beratung), vec!["Bea"]);
    let without = call_ok(&mut admin, "list_users", &[("page", "1"), ("team", "-")]).await;
    assert_eq!(
        without["total"], 2,
        "coordinator and the invited demo person"
    );
    let all = call_ok(&mut admin, "list_users", &[("page", "1"), ("team", "")]).await;
    assert_eq!(all["total"], 5);
    assert_eq!(all["teams"], serde_json::json!(["Beratung", "Pflege"]));
    let nobody = call_ok(&mut admin, "list_users", &[("page", "1"), ("team", "Kita")]).await;
    assert_eq!(nobody["total"], 0);
}

/// Opens a two-week round with the given audience (`everyone`, `teams` or `bodies`).
async fn try_open_round(
    nora: &mut Client,
    process_id: i64,
    audience: &str,
    teams: &str,
) -> crate::helpers::TestResponse {
    let deadline = crate::helpers::berlin_day(14);
    nora.call(
        "open_round",
        &[
            ("process_id", &process_id.to_string()),
            ("start_date", ""),
            ("start_time", ""),
            ("deadline_date", &deadline),
            ("deadline_time", "18:00"),
            ("audience", audience),
            ("teams", teams),
        ],
    )
    .await
}

async fn open_team_round(nora: &mut Client, process_id: i64, teams: &str) -> i64 {
    let response = try_open_round(nora, process_id, "teams", teams).await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.body);
    response.json()
}

/// Opens a round for the process's approving bodies (the form's "bodies" choice).
async fn open_body_round(nora: &mut Client, process_id: i64) -> crate::helpers::TestResponse {
    try_open_round(nora, process_id, "bodies", "").await
}

/// What a person can do with a round: see it, see it listed, see the banner, comment.
async fn assert_takes_part(client: &mut Client, process_id: i64, round_id: i64, yes: bool) {
    let pid = process_id.to_string();
    let rid = round_id.to_string();
    let view = client
        .call("get_round", &[("process_id", &pid), ("round_id", &rid)])
        .await;
    let listed = call_ok(client, "list_rounds", &[("process_id", &pid)]).await;
    let banners = call_ok(client, "my_open_rounds", &[]).await;
    let comments = client
        .call(
            "list_comments",
            &[("round_id", &rid), ("block_id", ""), ("after", "0")],
        )
        .await;
    if yes {
        assert_eq!(view.status, StatusCode::OK, "{}", view.body);
        assert_eq!(comments.status, StatusCode::OK, "{}", comments.body);
        assert_eq!(listed["rounds"][0]["id"], round_id);
        assert_eq!(banners[0]["round_id"], round_id);
        let view: serde_json::Value = view.json();
        comment_on(client, &view, "b2", "Das betrifft unser Team direkt.").await;
    } else {
        assert_eq!(view.status, StatusCode::FORBIDDEN, "{}", view.body);
        assert_eq!(comments.status, StatusCode::FORBIDDEN, "{}", comments.body);
        assert_eq!(listed["rounds"], serde_json::json!([]));
        assert_eq!(banners, serde_json::json!([]));
    }
}

async fn a_team_audience_reaches_its_team_and_nobody_else(backend: Backend) {
    let mut s = round_setup(backend).await;
    let round_id = open_team_round(&mut s.nora, s.process_id, "Pflege, Verwaltung").await;
    let view = round_view(&mut s.nora, s.process_id, round_id).await;
    assert_eq!(view["round"]["audience"], "Teams: Pflege, Verwaltung");

    // Without a team, Sam is outside; in another team too.
    assert_takes_part(&mut s.staff, s.process_id, round_id, false).await;
    let sam = user_id(&s.app, STAFF.0).await;
    set_team_ok(&mut s.coordinator, sam, "Kita").await;
    assert_takes_part(&mut s.staff, s.process_id, round_id, false).await;
    // In one of the chosen teams (spelled differently), Sam takes part and comments.
    set_team_ok(&mut s.coordinator, sam, "verwaltung").await;
    assert_takes_part(&mut s.staff, s.process_id, round_id, true).await;

    // The project group offers the team names in use when opening a round.
    let list = call_ok(
        &mut s.nora,
        "list_rounds",
        &[("process_id", &s.process_id.to_string())],
    )
    .await;
    assert_eq!(list["known_teams"], serde_json::json!(["verwaltung"]));
    let staff_list = call_ok(
        &mut s.staff,
        "list_rounds",
        &[("process_id", &s.process_id.to_string())],
    )
    .await;
    assert_eq!(staff_list["known_teams"], serde_json::json!([]));
    drop(s.app);
}

async fn a_body_audience_reaches_the_body_members_and_nobody_else(backend: Backend) {
    let mut s = round_setup(backend).await;
    let pid = s.process_id.to_string();
    // Without bodies there is nobody to ask: refused in German, nothing opened.
    let refused = open_body_round(&mut s.nora, s.process_id).await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST, "{}", refused.body);
    assert!(
        refused.body.contains("noch keine Gremien"),
        "{}",
        refused.body
    );
    let body_id = call_ok(
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
    .expect("body id");
    call_ok(
        &mut s.coordinator,
        "add_body_member",
        &[
            ("process_id", &pid),
            ("body_id", &body_id.to_string()),
            ("email", STAFF.0),
        ],
    )
    .await;
    // Opened through the form's "bodies" choice: every body of the process.
    let opened = open_body_round(&mut s.nora, s.process_id).await;
    assert_eq!(opened.status, StatusCode::OK, "{}", opened.body);
    let round_id: i64 = opened.json();
    let stored = round::Entity::find_by_id(round_id)
        .one(&s.app.db)
        .await
        .unwrap()
        .expect("round");
    assert_eq!(stored.audience, Audience::bodies([body_id]).unwrap());
    assert_takes_part(&mut s.staff, s.process_id, stored.id, true).await;
    let mut other = new_member_client(&s.app, "Otto Außen", "otto@example.org").await;
    assert_takes_part(&mut other, s.process_id, stored.id, false).await;
    // A team does not open a body audience.
    let otto = user_id(&s.app, "otto@example.org").await;
    set_team_ok(&mut s.coordinator, otto, "Betriebsrat").await;
    assert_takes_part(&mut other, s.process_id, stored.id, false).await;
    assert!(TEXT.contains("Daten von Klientinnen"));
    drop(s.app);
}

async fn the_rate_per_team_is_counted_and_names_are_shown_only_to_coordinators(backend: Backend) {
    let mut s = round_setup(backend).await;
    let pid = s.process_id.to_string();
    let body_id = call_ok(
        &mut s.coordinator,
        "add_body",
        &[
            ("process_id", &pid),
            ("name", "Vorstand"),
            ("required", "on"),
        ],
    )
    .await
    .as_i64()
    .expect("body id")
    .to_string();
    let mut gerd = new_member_client(&s.app, "Gerd Vorstand", "gerd@example.org").await;
    call_ok(
        &mut s.coordinator,
        "add_body_member",
        &[
            ("process_id", &pid),
            ("body_id", &body_id),
            ("email", "gerd@example.org"),
        ],
    )
    .await;
    call_ok(&mut s.nora, "propose_adoption", &[("process_id", &pid)]).await;
    let adoption = call_ok(&mut s.nora, "get_adoption", &[("process_id", &pid)]).await;
    let hash = adoption["proposal"]["frozen_hash"]
        .as_str()
        .expect("hash")
        .to_owned();
    let today = crate::helpers::berlin_day(0);
    call_ok(
        &mut gerd,
        "record_decision",
        &[
            ("process_id", &pid),
            ("body_id", &body_id),
            ("kind", "approved"),
            ("text", ""),
            ("meeting_date", &today),
            ("minutes_ref", "Sitzung 2026/14, TOP 3"),
            ("content_hash", &hash),
            ("supersedes", ""),
        ],
    )
    .await;

    // Teams: Sam and Nora in Pflege, Gerd in Beratung; Kim, the invited Alex: no team.
    let sam = user_id(&s.app, STAFF.0).await;
    let nora = user_id(&s.app, "nora@example.org").await;
    let gerd_id = user_id(&s.app, "gerd@example.org").await;
    set_team_ok(&mut s.coordinator, sam, "Pflege").await;
    set_team_ok(&mut s.coordinator, nora, "Pflege").await;
    set_team_ok(&mut s.coordinator, gerd_id, "Beratung").await;
    for client in [&mut s.staff, &mut gerd] {
        assert_eq!(
            call_ok(client, "acknowledge_guideline", &[("process_id", &pid)]).await,
            true
        );
    }

    let page = call_ok(&mut s.coordinator, "get_guideline", &[("process_id", &pid)]).await;
    let rate = &page["acknowledgements"];
    assert_eq!(rate["acknowledged"], 2);
    // The invited Alex never logged in: not counted as "not read", shown apart.
    assert_eq!(rate["total"], 4);
    assert_eq!(rate["never_logged_in"], 1);
    let teams = rate["teams"].as_array().expect("teams");
    let line = |i: usize| {
        (
            teams[i]["rate"]["team"].clone(),
            teams[i]["text"].as_str().unwrap().to_owned(),
        )
    };
    assert_eq!(teams.len(), 3);
    assert_eq!(
        line(0),
        (serde_json::json!("Beratung"), "1 von 1 (100 %)".into())
    );
    assert_eq!(
        line(1),
        (serde_json::json!("Pflege"), "1 von 2 (50 %)".into())
    );
    assert_eq!(line(2), (serde_json::Value::Null, "0 von 1 (0 %)".into()));
    assert_eq!(
        teams[1]["acknowledged_names"],
        serde_json::json!(["Sam Mitarbeit"])
    );
    assert_eq!(
        teams[1]["pending_names"],
        serde_json::json!(["Nora Gruppe"])
    );
    assert_eq!(
        teams[2]["pending_names"],
        serde_json::json!(["Kim Koordination"])
    );
    let adoption = call_ok(&mut s.coordinator, "get_adoption", &[("process_id", &pid)]).await;
    assert_eq!(adoption["acknowledgements"]["teams"], rate["teams"]);

    // Colleagues — staff, the project group, body members — get neither rate nor names.
    for client in [&mut s.staff, &mut s.nora, &mut gerd] {
        let page = call_ok(client, "get_guideline", &[("process_id", &pid)]).await;
        assert!(page["acknowledgements"].is_null(), "{page}");
        let adoption = call_ok(client, "get_adoption", &[("process_id", &pid)]).await;
        assert!(adoption["acknowledgements"].is_null(), "{adoption}");
        assert!(!adoption.to_string().contains("pending_names"));
    }
    let html = s.staff.get(&format!("/prozesse/{pid}/leitlinie")).await;
    assert!(!html.body.contains("Nora Gruppe"), "names leaked to staff");
    drop(s.app);
}

/// With 15,000 accounts on 300 pages, a coordinator finds a person by typing a part of the
/// name or the address; `%` and `_` are letters there, not wildcards.
async fn the_user_list_finds_people_by_a_part_of_name_or_address(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let mut admin = coordinator(&app).await;
    for (name, email) in [
        ("Jürgen Größer", "j_groesser@kueche.example.org"),
        ("Änne Weiß", "aenne@pflege.example.org"),
        ("Jörg Gross", "jgross@pflege.example.org"),
    ] {
        call_ok(
            &mut admin,
            "create_user",
            &[
                ("display_name", name),
                ("email", email),
                ("role_staff", "on"),
            ],
        )
        .await;
    }
    let found = |list: serde_json::Value| -> Vec<String> {
        list["users"]
            .as_array()
            .unwrap()
            .iter()
            .map(|u| u["display_name"].as_str().unwrap().to_owned())
            .collect()
    };
    let search = |q: &'static str| [("page", "1"), ("search", q)];
    assert_eq!(
        found(call_ok(&mut admin, "list_users", &search("GROSS")).await),
        vec!["Jörg Gross"]
    );
    let mut pflege = found(call_ok(&mut admin, "list_users", &search(" @pflege.example ")).await);
    pflege.sort();
    assert_eq!(pflege, vec!["Jörg Gross", "Änne Weiß"]);
    assert_eq!(
        found(call_ok(&mut admin, "list_users", &search("j_g")).await),
        vec!["Jürgen Größer"],
        "the underscore is a letter, not a wildcard"
    );
    assert!(found(call_ok(&mut admin, "list_users", &search("%")).await).is_empty());
    let page = admin.get("/admin/benutzer?suche=weiß").await;
    assert!(page.body.contains("aenne@pflege.example.org"));
    assert!(!page.body.contains("jgross@pflege.example.org"));
}
