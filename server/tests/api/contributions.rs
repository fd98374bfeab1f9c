//! Step 1 "collect": submitting contributions, anonymity, visibility, the project group's tools,
//! workshop results and pagination — each on SQLite and PostgreSQL.

use crate::helpers::{
    active_user, appoint_member, change_step, create_process, Backend, Client, TestApp,
    COORDINATOR, STAFF,
};
use crate::on_both_databases;
use app::entities::{contribution, contribution_tag, working_draft};
use axum::http::StatusCode;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, Set};
use serde_json::Value;

const STAFF_NAME: &str = "Sam Mitarbeit";
const COORDINATOR_NAME: &str = "Kim Koordination";
const GROUP_EMAIL: &str = "gruppe@beispiel.de";
const GROUP_NAME: &str = "Gerda Gruppe";

/// A process in step 1 with a project-group member, and signed-in clients for all three roles.
struct Setup {
    app: TestApp,
    process_id: i64,
    coordinator: Client,
    group: Client,
    staff: Client,
}

async fn setup(backend: Backend) -> Setup {
    let _ = tracing_subscriber::fmt().with_test_writer().try_init();
    let app = TestApp::spawn(backend).await;
    let mut coordinator = app.client();
    coordinator.login(COORDINATOR.0, COORDINATOR.1).await;
    let process_id = create_process(&mut coordinator, "KI-Leitlinie 2027").await;
    let group = active_user(&app, GROUP_NAME, GROUP_EMAIL, "gerdas-passwort").await;
    appoint_member(&mut coordinator, process_id, GROUP_EMAIL).await;
    let mut staff = app.client();
    staff.login(STAFF.0, STAFF.1).await;
    Setup {
        app,
        process_id,
        coordinator,
        group,
        staff,
    }
}

async fn submit(
    client: &mut Client,
    process_id: i64,
    kind: &str,
    text: &str,
    anonymous: bool,
) -> crate::helpers::TestResponse {
    let id = process_id.to_string();
    let mut fields = vec![
        ("process_id", id.as_str()),
        ("kind", kind),
        ("text", text),
        ("team", "Ambulante Pflege"),
    ];
    if anonymous {
        fields.push(("anonymous", "on"));
    }
    client.call("submit_contribution", &fields).await
}

async fn submit_ok(
    client: &mut Client,
    process_id: i64,
    kind: &str,
    text: &str,
    anonymous: bool,
) -> i64 {
    let response = submit(client, process_id, kind, text, anonymous).await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.body);
    response.json()
}

/// Calls `list_contributions`, asserts success and returns the raw answer.
async fn list_raw(
    client: &mut Client,
    process_id: i64,
    extra: &[(&str, &str)],
) -> crate::helpers::TestResponse {
    let id = process_id.to_string();
    let mut fields = vec![("process_id", id.as_str())];
    fields.extend_from_slice(extra);
    let response = client.call("list_contributions", &fields).await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.body);
    response
}

async fn list(client: &mut Client, process_id: i64, extra: &[(&str, &str)]) -> Value {
    list_raw(client, process_id, extra).await.json()
}

fn texts_of(items: &Value) -> Vec<String> {
    items
        .as_array()
        .expect("array")
        .iter()
        .map(|c| c["text"].as_str().expect("text").to_owned())
        .collect()
}

fn find<'a>(items: &'a Value, text: &str) -> &'a Value {
    items
        .as_array()
        .expect("array")
        .iter()
        .find(|c| c["text"] == text)
        .unwrap_or_else(|| panic!("no contribution {text:?} in {items}"))
}

fn assert_hides_staff(body: &str, context: &str) {
    assert!(
        !body.contains(STAFF_NAME) && !body.contains(STAFF.0) && !body.contains("mitarbeit@"),
        "{context}: the anonymous author leaked: {body}"
    );
}

on_both_databases!(
    no_one_sees_the_author_of_an_anonymous_contribution_through_any_server_function,
    staff_cannot_tag_cluster_link_or_enter_workshop_results,
    contributions_are_refused_outside_step_collect_with_a_german_message,
    too_long_and_empty_texts_are_refused_with_german_messages,
    hiding_contributions_hides_others_from_staff_but_not_their_own,
    the_list_is_paginated_newest_first_and_counted_per_kind,
    the_group_tags_clusters_filters_and_links_contributions_to_draft_sections,
    workshop_results_appear_as_the_team_and_not_as_the_moderator,
);

async fn no_one_sees_the_author_of_an_anonymous_contribution_through_any_server_function(
    backend: Backend,
) {
    let Setup {
        app,
        process_id,
        mut coordinator,
        mut group,
        mut staff,
    } = setup(backend).await;
    let secret = "Ich habe Angst, dass KI meine Dokumentation bewertet.";
    let anonymous_id = submit_ok(&mut staff, process_id, "concern", secret, true).await;
    // A named contribution by someone else, so the check below would see names if they were sent.
    submit_ok(
        &mut coordinator,
        process_id,
        "expectation",
        "Klare Regeln für Übersetzungen.",
        false,
    )
    .await;

    // The group works on it: tags, a cluster, a link — none of these answers may name the author.
    let pid = process_id.to_string();
    let cid = anonymous_id.to_string();
    let tagged = group
        .call(
            "tag_contribution",
            &[
                ("process_id", &pid),
                ("contribution_id", &cid),
                ("tags", "Bewertung"),
            ],
        )
        .await;
    assert_eq!(tagged.status, StatusCode::OK, "{}", tagged.body);
    assert_hides_staff(&tagged.body, "tag_contribution");
    let cluster = group
        .call(
            "create_cluster",
            &[("process_id", &pid), ("title", "Leistungskontrolle")],
        )
        .await;
    assert_eq!(cluster.status, StatusCode::OK, "{}", cluster.body);
    let cluster_id = cluster.body.trim().to_owned();
    let assigned = group
        .call(
            "assign_cluster",
            &[
                ("process_id", &pid),
                ("contribution_id", &cid),
                ("cluster_id", &cluster_id),
            ],
        )
        .await;
    assert_eq!(assigned.status, StatusCode::OK, "{}", assigned.body);
    assert_hides_staff(&assigned.body, "assign_cluster");

    for (who, client) in [
        ("coordinator", &mut coordinator),
        ("group", &mut group),
        ("staff", &mut staff),
    ] {
        for filter in [
            vec![],
            vec![("kind", "concern")],
            vec![("team", "Ambulante Pflege")],
            vec![("tag", "bewertung")],
            vec![("cluster", cluster_id.as_str())],
        ] {
            let response = list_raw(client, process_id, &filter).await;
            assert_hides_staff(&response.body, &format!("list as {who} with {filter:?}"));
            let overview: Value = response.json();
            let all = &overview["all"]["items"];
            let item = find(all, secret);
            assert!(item["author"].is_null(), "{who}: {item}");
            assert_eq!(item["anonymous"], true);
            assert_eq!(item["mine"], who == "staff", "{who}: {item}");
        }
        // The server-rendered page, as a browser loads it, does not name the author either.
        let page = client
            .get(&format!("/prozesse/{process_id}/beitraege"))
            .await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains(secret), "{who}: page lacks the text");
        if who != "staff" {
            assert_hides_staff(&page.body, &format!("page as {who}"));
        }
    }

    // The named contribution does show its author, so the checks above are not vacuous.
    let overview = list(&mut group, process_id, &[]).await;
    let named = find(&overview["all"]["items"], "Klare Regeln für Übersetzungen.");
    assert_eq!(named["author"], COORDINATOR_NAME);

    // The author finds it under "my contributions", marked as theirs, without a name.
    let overview = list(&mut staff, process_id, &[]).await;
    let mine = &overview["mine"];
    assert_eq!(texts_of(mine), [secret]);
    assert_eq!(mine[0]["mine"], true);
    assert!(mine[0]["author"].is_null());

    // The database still knows the author (for the author's own view and abuse handling).
    let row = contribution::Entity::find_by_id(anonymous_id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert!(row.anonymous);
}

async fn staff_cannot_tag_cluster_link_or_enter_workshop_results(backend: Backend) {
    let Setup {
        app,
        process_id,
        mut staff,
        ..
    } = setup(backend).await;
    let id = submit_ok(
        &mut staff,
        process_id,
        "experience",
        "Eigene Erfahrung",
        false,
    )
    .await;
    let pid = process_id.to_string();
    let cid = id.to_string();
    let calls: Vec<(&str, Vec<(&str, &str)>)> = vec![
        (
            "tag_contribution",
            vec![
                ("process_id", &pid),
                ("contribution_id", &cid),
                ("tags", "x"),
            ],
        ),
        (
            "untag_contribution",
            vec![
                ("process_id", &pid),
                ("contribution_id", &cid),
                ("tag", "x"),
            ],
        ),
        (
            "create_cluster",
            vec![("process_id", &pid), ("title", "Cluster")],
        ),
        (
            "assign_cluster",
            vec![
                ("process_id", &pid),
                ("contribution_id", &cid),
                ("cluster_id", ""),
            ],
        ),
        (
            "link_section",
            vec![
                ("process_id", &pid),
                ("contribution_id", &cid),
                ("anchor", "einleitung"),
            ],
        ),
        (
            "unlink_section",
            vec![
                ("process_id", &pid),
                ("contribution_id", &cid),
                ("anchor", "einleitung"),
            ],
        ),
        (
            "enter_workshop_results",
            vec![
                ("process_id", &pid),
                ("date", "2026-01-10"),
                ("team", "Pflege"),
                ("experiences", "Erfahrung aus dem Workshop"),
            ],
        ),
    ];
    for (function, fields) in calls {
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
    // Nothing was written.
    assert_eq!(
        contribution::Entity::find()
            .filter(contribution::Column::ProcessId.eq(process_id))
            .count(&app.db)
            .await
            .unwrap(),
        1
    );
    assert_eq!(
        contribution_tag::Entity::find()
            .count(&app.db)
            .await
            .unwrap(),
        0
    );
}

async fn contributions_are_refused_outside_step_collect_with_a_german_message(backend: Backend) {
    let Setup {
        app,
        process_id,
        mut coordinator,
        mut group,
        mut staff,
    } = setup(backend).await;
    submit_ok(&mut staff, process_id, "concern", "Noch rechtzeitig", false).await;
    change_step(&mut coordinator, process_id, "draft", "").await;

    let late = submit(&mut staff, process_id, "concern", "Zu spät", false).await;
    assert_eq!(late.status, StatusCode::CONFLICT, "{}", late.body);
    assert!(
        late.body.contains("im aktuellen Schritt „Entwurf") && late.body.contains("nicht möglich"),
        "{}",
        late.body
    );
    let late_group = submit(&mut group, process_id, "concern", "Auch zu spät", false).await;
    assert_eq!(
        late_group.status,
        StatusCode::CONFLICT,
        "{}",
        late_group.body
    );

    // Workshop results may still be entered while drafting; the list stays readable.
    let pid = process_id.to_string();
    let workshop = group
        .call(
            "enter_workshop_results",
            &[
                ("process_id", &pid),
                ("date", "2026-01-10"),
                ("team", "Pflege"),
                ("experiences", "Nachgereicht"),
            ],
        )
        .await;
    assert_eq!(workshop.status, StatusCode::OK, "{}", workshop.body);
    let overview = list(&mut staff, process_id, &[]).await;
    assert_eq!(
        texts_of(&overview["all"]["items"]),
        ["Nachgereicht", "Noch rechtzeitig"]
    );
    assert_eq!(
        contribution::Entity::find().count(&app.db).await.unwrap(),
        2
    );
}

async fn too_long_and_empty_texts_are_refused_with_german_messages(backend: Backend) {
    let Setup {
        app,
        process_id,
        mut staff,
        ..
    } = setup(backend).await;
    let too_long = "ä".repeat(5_001);
    let response = submit(&mut staff, process_id, "concern", &too_long, false).await;
    assert_eq!(
        response.status,
        StatusCode::BAD_REQUEST,
        "{}",
        response.body
    );
    assert!(
        response.body.contains("höchstens 5.000 Zeichen") && response.body.contains("5.001"),
        "{}",
        response.body
    );

    for blank in ["", "   \n\t "] {
        let response = submit(&mut staff, process_id, "concern", blank, false).await;
        assert_eq!(
            response.status,
            StatusCode::BAD_REQUEST,
            "{}",
            response.body
        );
        assert!(
            response.body.contains("Bitte schreiben Sie Ihren Beitrag"),
            "{}",
            response.body
        );
    }

    let id = process_id.to_string();
    let no_kind = staff
        .call(
            "submit_contribution",
            &[("process_id", &id), ("text", "Ohne Art")],
        )
        .await;
    assert_eq!(no_kind.status, StatusCode::BAD_REQUEST, "{}", no_kind.body);
    assert!(no_kind
        .body
        .contains("Erfahrung, eine Erwartung oder ein Bedenken"));

    assert_eq!(
        contribution::Entity::find().count(&app.db).await.unwrap(),
        0
    );
    // Exactly the limit, counted in characters, is accepted.
    submit_ok(&mut staff, process_id, "concern", &"ä".repeat(5_000), false).await;
}

async fn hiding_contributions_hides_others_from_staff_but_not_their_own(backend: Backend) {
    let Setup {
        process_id,
        mut coordinator,
        mut group,
        mut staff,
        app: _app,
        ..
    } = setup(backend).await;
    submit_ok(
        &mut coordinator,
        process_id,
        "expectation",
        "Von der Koordination",
        false,
    )
    .await;
    submit_ok(&mut staff, process_id, "experience", "Von Sam", false).await;

    // Visible (the default): staff see both, with the other's name.
    let overview = list(&mut staff, process_id, &[]).await;
    let all = &overview["all"]["items"];
    assert_eq!(texts_of(all).len(), 2);
    assert_eq!(
        find(all, "Von der Koordination")["author"],
        COORDINATOR_NAME
    );

    let pid = process_id.to_string();
    let hidden = coordinator
        .call("set_contributions_visible", &[("process_id", &pid)])
        .await;
    assert_eq!(hidden.status, StatusCode::OK, "{}", hidden.body);

    let response = list_raw(&mut staff, process_id, &[]).await;
    assert!(
        !response.body.contains("Von der Koordination"),
        "{}",
        response.body
    );
    let overview: Value = response.json();
    assert!(overview["all"].is_null(), "{overview}");
    assert_eq!(texts_of(&overview["mine"]), ["Von Sam"]);

    // The project group still reads everything.
    let overview = list(&mut group, process_id, &[]).await;
    assert_eq!(texts_of(&overview["all"]["items"]).len(), 2);
}

async fn the_list_is_paginated_newest_first_and_counted_per_kind(backend: Backend) {
    let Setup {
        process_id,
        mut group,
        mut staff,
        app,
        ..
    } = setup(backend).await;
    let kinds = ["experience", "expectation", "concern"];
    // The first ones through the form; the rest straight into the database, as one account
    // may post only 20 texts a minute.
    let staff_id = crate::helpers::user_id(&app, STAFF.0).await;
    for i in 0..120 {
        let text = format!("Beitrag {i:03}");
        if i < 10 {
            submit_ok(&mut staff, process_id, kinds[i % 3], &text, i % 10 == 0).await;
        } else {
            app::contribution::ssr::submit(
                &app.db,
                process_id,
                staff_id,
                app::domain::contribution::Kind::parse(kinds[i % 3]).unwrap(),
                &app::domain::contribution::ContributionText::parse(&text).unwrap(),
                None,
                i % 10 == 0,
            )
            .await
            .unwrap();
        }
    }
    let first = list(&mut group, process_id, &[]).await;
    let page1 = &first["all"];
    assert_eq!(page1["page"], 1);
    assert_eq!(page1["pages"], 3);
    assert_eq!(page1["total"], 120);
    assert_eq!(page1["matching"], 120);
    let texts1 = texts_of(&page1["items"]);
    assert_eq!(texts1.len(), 50);
    assert_eq!(texts1[0], "Beitrag 119");
    let counts: Vec<(String, u64)> = page1["kinds"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| {
            (
                k["kind"].as_str().unwrap().to_owned(),
                k["count"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        counts,
        [
            ("Experience".to_owned(), 40),
            ("Expectation".to_owned(), 40),
            ("Concern".to_owned(), 40)
        ]
    );

    let second = list(&mut group, process_id, &[("page", "2")]).await;
    let texts2 = texts_of(&second["all"]["items"]);
    assert_eq!(texts2.len(), 50);
    assert_eq!(texts2[0], "Beitrag 069");
    let third = list(&mut group, process_id, &[("page", "3")]).await;
    let texts3 = texts_of(&third["all"]["items"]);
    assert_eq!(texts3.len(), 20);
    assert_eq!(texts3.last().unwrap(), "Beitrag 000");
    let mut seen: Vec<String> = texts1.into_iter().chain(texts2).chain(texts3).collect();
    seen.sort();
    seen.dedup();
    assert_eq!(seen.len(), 120, "every contribution exactly once");

    // A page past the end shows the last page; a filter narrows the count and the pages.
    let beyond = list(&mut group, process_id, &[("page", "99")]).await;
    assert_eq!(beyond["all"]["page"], 3);
    let concerns = list(&mut group, process_id, &[("kind", "concern")]).await;
    assert_eq!(concerns["all"]["matching"], 40);
    assert_eq!(concerns["all"]["pages"], 1);
    assert_eq!(concerns["all"]["total"], 120);
    assert!(concerns["all"]["items"]
        .as_array()
        .unwrap()
        .iter()
        .all(|c| c["kind"] == "Concern"));
}

async fn the_group_tags_clusters_filters_and_links_contributions_to_draft_sections(
    backend: Backend,
) {
    let Setup {
        app,
        process_id,
        mut coordinator,
        mut group,
        mut staff,
    } = setup(backend).await;
    let first = submit_ok(
        &mut staff,
        process_id,
        "concern",
        "Datenschutz bei Klienten",
        false,
    )
    .await;
    let second = submit_ok(
        &mut staff,
        process_id,
        "expectation",
        "Schulungen für alle",
        true,
    )
    .await;
    let pid = process_id.to_string();
    let (c1, c2) = (first.to_string(), second.to_string());

    let call = |client: &mut Client,
                function: &'static str,
                fields: Vec<(&'static str, String)>| {
        let mut client = client.clone();
        async move {
            let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
            (client.call(function, &fields).await, client)
        }
    };
    let (r, _) = call(
        &mut group,
        "tag_contribution",
        vec![
            ("process_id", pid.clone()),
            ("contribution_id", c1.clone()),
            ("tags", " Datenschutz, KLIENTEN ,datenschutz".into()),
        ],
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let (r, _) = call(
        &mut coordinator,
        "tag_contribution",
        vec![
            ("process_id", pid.clone()),
            ("contribution_id", c2.clone()),
            ("tags", "datenschutz".into()),
        ],
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);

    let overview = list(&mut group, process_id, &[]).await;
    assert_eq!(
        find(&overview["all"]["items"], "Datenschutz bei Klienten")["tags"],
        serde_json::json!(["datenschutz", "klienten"])
    );
    assert_eq!(
        overview["all"]["tags"],
        serde_json::json!([
            {"tag": "datenschutz", "count": 2},
            {"tag": "klienten", "count": 1}
        ])
    );
    let by_tag = list(&mut group, process_id, &[("tag", "klienten")]).await;
    assert_eq!(
        texts_of(&by_tag["all"]["items"]),
        ["Datenschutz bei Klienten"]
    );

    let (r, _) = call(
        &mut group,
        "untag_contribution",
        vec![
            ("process_id", pid.clone()),
            ("contribution_id", c1.clone()),
            ("tag", "klienten".into()),
        ],
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let by_tag = list(&mut group, process_id, &[("tag", "klienten")]).await;
    assert_eq!(by_tag["all"]["matching"], 0);

    // Clusters: create, assign, filter, and a cluster of another process is refused.
    let (r, _) = call(
        &mut group,
        "create_cluster",
        vec![("process_id", pid.clone()), ("title", "Datenschutz".into())],
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let cluster_id: i64 = r.json();
    let (r, _) = call(
        &mut group,
        "assign_cluster",
        vec![
            ("process_id", pid.clone()),
            ("contribution_id", c1.clone()),
            ("cluster_id", cluster_id.to_string()),
        ],
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let by_cluster = list(
        &mut group,
        process_id,
        &[("cluster", &cluster_id.to_string())],
    )
    .await;
    assert_eq!(
        texts_of(&by_cluster["all"]["items"]),
        ["Datenschutz bei Klienten"]
    );
    assert_eq!(by_cluster["clusters"][0]["count"], 1);
    assert_eq!(
        by_cluster["all"]["items"][0]["cluster"]["title"],
        "Datenschutz"
    );

    let other_process = create_process(&mut coordinator, "Andere Leitlinie").await;
    let (r, _) = call(
        &mut coordinator,
        "tag_contribution",
        vec![
            ("process_id", other_process.to_string()),
            ("contribution_id", c1.clone()),
            ("tags", "fremd".into()),
        ],
    )
    .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND, "{}", r.body);

    // Linking without a draft explains itself.
    let (r, _) = call(
        &mut group,
        "link_section",
        vec![
            ("process_id", pid.clone()),
            ("contribution_id", c1.clone()),
            ("anchor", "datenschutz".into()),
        ],
    )
    .await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
    assert!(r.body.contains("Es gibt noch keinen Entwurf"), "{}", r.body);
    let overview = list(&mut group, process_id, &[]).await;
    assert_eq!(overview["has_draft"], false);

    let group_id = app::entities::user::Entity::find()
        .filter(app::entities::user::Column::Email.eq(GROUP_EMAIL))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .id;
    working_draft::ActiveModel {
        process_id: Set(process_id),
        body: Set("# KI-Leitlinie\n\nVorwort.\n\n## Datenschutz und Klientendaten\n\nText.\n\n## Schulung\n\nText.\n".into()),
        edit_count: Set(1),
        updated_by: Set(group_id),
        updated_at: Set(chrono::Utc::now()),
    }
    .insert(&app.db)
    .await
    .unwrap();
    let overview = list(&mut group, process_id, &[]).await;
    assert_eq!(overview["has_draft"], true);
    let anchors: Vec<&str> = overview["sections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["anchor"].as_str().unwrap())
        .collect();
    assert!(
        anchors.contains(&"datenschutz-und-klientendaten"),
        "{anchors:?}"
    );

    let (r, _) = call(
        &mut group,
        "link_section",
        vec![
            ("process_id", pid.clone()),
            ("contribution_id", c1.clone()),
            ("anchor", "gibt-es-nicht".into()),
        ],
    )
    .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.body);
    for contribution_id in [&c1, &c2] {
        let (r, _) = call(
            &mut group,
            "link_section",
            vec![
                ("process_id", pid.clone()),
                ("contribution_id", contribution_id.clone()),
                ("anchor", "datenschutz-und-klientendaten".into()),
            ],
        )
        .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    }

    // The author sees where their contribution went — also the anonymous one, on their own page.
    let page = staff
        .get(&format!("/prozesse/{process_id}/beitraege"))
        .await;
    assert!(
        page.body.contains(
            "Ihr Beitrag wurde in Abschnitt „Datenschutz und Klientendaten“ aufgegriffen."
        ),
        "{}",
        page.body
    );
    let overview = list(&mut staff, process_id, &[]).await;
    let mine = find(&overview["mine"], "Schulungen für alle");
    assert_eq!(
        mine["sections"][0]["title"],
        "Datenschutz und Klientendaten"
    );
    // Staff are not told the draft's sections.
    assert_eq!(overview["sections"], serde_json::json!([]));

    let (r, _) = call(
        &mut group,
        "unlink_section",
        vec![
            ("process_id", pid.clone()),
            ("contribution_id", c1.clone()),
            ("anchor", "datenschutz-und-klientendaten".into()),
        ],
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let overview = list(&mut staff, process_id, &[]).await;
    assert_eq!(
        find(&overview["mine"], "Datenschutz bei Klienten")["sections"],
        serde_json::json!([])
    );
}

async fn workshop_results_appear_as_the_team_and_not_as_the_moderator(backend: Backend) {
    let Setup {
        process_id,
        mut group,
        mut staff,
        app: _app,
        ..
    } = setup(backend).await;
    let pid = process_id.to_string();
    let response = group
        .call(
            "enter_workshop_results",
            &[
                ("process_id", &pid),
                ("date", "2026-01-10"),
                ("team", "Wohngruppe Nord"),
                (
                    "experiences",
                    "Dienstplan mit KI erstellt\n\nÜbersetzung für Eltern",
                ),
                ("expectations", ""),
                ("concerns", "Wer haftet bei Fehlern?"),
            ],
        )
        .await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.body);
    assert_eq!(response.json::<u64>(), 3);

    let response = list_raw(&mut staff, process_id, &[]).await;
    assert!(!response.body.contains(GROUP_NAME), "{}", response.body);
    let overview: Value = response.json();
    let items = &overview["all"]["items"];
    assert_eq!(texts_of(items).len(), 3);
    let concern = find(items, "Wer haftet bei Fehlern?");
    assert_eq!(concern["workshop_date"], "10.01.2026");
    assert_eq!(concern["team"], "Wohngruppe Nord");
    assert!(concern["author"].is_null());
    assert_eq!(concern["mine"], false);

    // The moderator's own list does not claim the team's results.
    let overview = list(&mut group, process_id, &[]).await;
    assert_eq!(overview["mine"], serde_json::json!([]));

    let page = staff
        .get(&format!("/prozesse/{process_id}/beitraege"))
        .await;
    assert!(
        page.body
            .contains("Workshop-Ergebnis Wohngruppe Nord, 10.01.2026"),
        "{}",
        page.body
    );

    // A broken entry is refused as a whole, with a German reason.
    let broken = group
        .call(
            "enter_workshop_results",
            &[
                ("process_id", &pid),
                ("date", "2026-01-10"),
                ("team", ""),
                ("experiences", "Ohne Team"),
            ],
        )
        .await;
    assert_eq!(broken.status, StatusCode::BAD_REQUEST, "{}", broken.body);
    assert!(broken.body.contains("welches Team"), "{}", broken.body);
}
