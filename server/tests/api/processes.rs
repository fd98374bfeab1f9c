//! Guideline processes: creation, steps and their history, the project group, settings.

use crate::helpers::{Backend, Client, TestApp, COORDINATOR, STAFF};
use crate::on_both_databases;
use axum::http::StatusCode;

on_both_databases!(
    a_coordinator_creates_a_process_that_everyone_sees,
    staff_cannot_create_processes_or_appoint_the_group,
    a_process_moves_forward_one_step_at_a_time,
    going_back_needs_a_reason_and_is_recorded,
    staff_cannot_change_steps_but_group_members_can,
    the_group_composition_warns_without_advocate_critic_or_low_tech_member,
    appointing_a_member_again_adds_a_perspective_and_says_what_changed,
    a_perspective_is_taken_but_never_the_last_one,
    a_group_member_who_decides_in_an_approving_body_gets_a_role_conflict_hint,
    perspectives_survive_the_migration_to_several_per_member,
    appointing_an_unknown_email_is_explained,
    an_unknown_process_is_a_404,
    a_too_long_title_is_refused_with_the_limit,
    the_example_process_of_the_demo_data_loads,
    a_coordinator_removes_a_group_member,
    server_function_spans_carry_ids_but_no_addresses_passwords_or_texts,
);

/// Creates a process as the demo coordinator and returns its id.
pub async fn create_process(admin: &mut Client, title: &str) -> String {
    let response = admin
        .call(
            "create_process",
            &[("title", title), ("description", "Gemeinsam erarbeitet")],
        )
        .await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.body);
    response.json::<i64>().to_string()
}

async fn logged_in(app: &TestApp, who: (&str, &str)) -> Client {
    let mut client = app.client();
    client.login(who.0, who.1).await;
    client
}

async fn a_coordinator_creates_a_process_that_everyone_sees(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let mut admin = logged_in(&app, COORDINATOR).await;
    let id = create_process(&mut admin, "KI-Leitlinie 2027").await;

    let mut staff = logged_in(&app, STAFF).await;
    let list: serde_json::Value = staff.call("list_processes", &[]).await.json();
    assert_eq!(list[0]["title"], "KI-Leitlinie 2027");
    assert_eq!(list[0]["step"], "Collect");
    let detail = staff.call("get_process", &[("id", &id)]).await;
    assert_eq!(detail.status, StatusCode::OK, "{}", detail.body);
    let detail: serde_json::Value = detail.json();
    assert_eq!(detail["timeline"].as_array().unwrap().len(), 1);
    assert_eq!(detail["timeline"][0]["by"], "Kim Koordination");
    assert_eq!(detail["roles"]["group_member"], false);

    // Anonymous visitors see nothing.
    assert_eq!(
        app.client().call("list_processes", &[]).await.status,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        app.client()
            .call("get_process", &[("id", &id)])
            .await
            .status,
        StatusCode::UNAUTHORIZED
    );
    // The page renders for staff.
    let page = staff.get(&format!("/prozesse/{id}")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains("KI-Leitlinie 2027") && page.body.contains("Sammeln"),
        "{}",
        page.body
    );
}

async fn staff_cannot_create_processes_or_appoint_the_group(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let mut admin = logged_in(&app, COORDINATOR).await;
    let id = create_process(&mut admin, "KI-Leitlinie").await;
    let mut staff = logged_in(&app, STAFF).await;
    let create = staff
        .call("create_process", &[("title", "Meins"), ("description", "")])
        .await;
    assert_eq!(create.status, StatusCode::FORBIDDEN);
    let appoint = staff
        .call(
            "appoint_member",
            &[
                ("process_id", &id),
                ("email", STAFF.0),
                ("perspective", "critic"),
            ],
        )
        .await;
    assert_eq!(appoint.status, StatusCode::FORBIDDEN);
    let settings = staff
        .call("set_contributions_visible", &[("process_id", &id)])
        .await;
    assert_eq!(settings.status, StatusCode::FORBIDDEN);
    let remove = staff
        .call("remove_member", &[("process_id", &id), ("user_id", "1")])
        .await;
    assert_eq!(remove.status, StatusCode::FORBIDDEN);
}

async fn a_process_moves_forward_one_step_at_a_time(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let mut admin = logged_in(&app, COORDINATOR).await;
    let id = create_process(&mut admin, "KI-Leitlinie").await;
    let skip = admin
        .call(
            "change_step",
            &[("process_id", &id), ("to", "discourse"), ("reason", "")],
        )
        .await;
    assert_eq!(skip.status, StatusCode::BAD_REQUEST, "{}", skip.body);
    for step in ["draft", "discourse"] {
        let response = admin
            .call(
                "change_step",
                &[("process_id", &id), ("to", step), ("reason", "")],
            )
            .await;
        assert_eq!(response.status, StatusCode::OK, "{step}: {}", response.body);
    }
    // Step 4 starts only by proposing a version on the adoption page.
    let adoption = admin
        .call(
            "change_step",
            &[("process_id", &id), ("to", "adoption"), ("reason", "")],
        )
        .await;
    assert_eq!(adoption.status, StatusCode::CONFLICT, "{}", adoption.body);
    assert!(adoption
        .json::<app::error::AppError>()
        .to_string()
        .contains("zur Verabschiedung vorschlägt"));
    let detail: serde_json::Value = admin.call("get_process", &[("id", &id)]).await.json();
    assert_eq!(detail["step"], "Discourse");
    assert_eq!(detail["timeline"].as_array().unwrap().len(), 3);
    let unknown = admin
        .call(
            "change_step",
            &[("process_id", &id), ("to", "party"), ("reason", "")],
        )
        .await;
    assert_eq!(unknown.status, StatusCode::BAD_REQUEST);
}

async fn going_back_needs_a_reason_and_is_recorded(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let mut admin = logged_in(&app, COORDINATOR).await;
    let id = create_process(&mut admin, "KI-Leitlinie").await;
    admin
        .call(
            "change_step",
            &[("process_id", &id), ("to", "draft"), ("reason", "")],
        )
        .await;
    admin
        .call(
            "change_step",
            &[("process_id", &id), ("to", "discourse"), ("reason", "")],
        )
        .await;
    let without = admin
        .call(
            "change_step",
            &[("process_id", &id), ("to", "draft"), ("reason", "  ")],
        )
        .await;
    assert_eq!(without.status, StatusCode::BAD_REQUEST);
    let message = without.json::<app::error::AppError>().to_string();
    assert!(message.contains("begründen"), "{message}");
    let with = admin
        .call(
            "change_step",
            &[
                ("process_id", &id),
                ("to", "draft"),
                ("reason", "Der Betriebsrat wünscht ein eigenes Kapitel."),
            ],
        )
        .await;
    assert_eq!(with.status, StatusCode::OK, "{}", with.body);
    let detail: serde_json::Value = admin.call("get_process", &[("id", &id)]).await.json();
    assert_eq!(detail["step"], "Draft");
    let last = detail["timeline"]
        .as_array()
        .unwrap()
        .last()
        .unwrap()
        .clone();
    assert_eq!(last["from"], "Discourse");
    assert_eq!(
        last["reason"],
        "Der Betriebsrat wünscht ein eigenes Kapitel."
    );
}

async fn staff_cannot_change_steps_but_group_members_can(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let mut admin = logged_in(&app, COORDINATOR).await;
    let id = create_process(&mut admin, "KI-Leitlinie").await;
    let mut staff = logged_in(&app, STAFF).await;
    let refused = staff
        .call(
            "change_step",
            &[("process_id", &id), ("to", "draft"), ("reason", "")],
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let appoint = admin
        .call(
            "appoint_member",
            &[
                ("process_id", &id),
                ("email", STAFF.0),
                ("perspective", "low_tech_affinity"),
            ],
        )
        .await;
    assert_eq!(appoint.status, StatusCode::OK, "{}", appoint.body);
    let allowed = staff
        .call(
            "change_step",
            &[("process_id", &id), ("to", "draft"), ("reason", "")],
        )
        .await;
    assert_eq!(allowed.status, StatusCode::OK, "{}", allowed.body);
    let detail: serde_json::Value = staff.call("get_process", &[("id", &id)]).await.json();
    assert_eq!(detail["roles"]["group_member"], true);
}

async fn the_group_composition_warns_without_advocate_critic_or_low_tech_member(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let mut admin = logged_in(&app, COORDINATOR).await;
    let id = create_process(&mut admin, "KI-Leitlinie").await;
    let detail: serde_json::Value = admin.call("get_process", &[("id", &id)]).await.json();
    assert_eq!(detail["warnings"].as_array().unwrap().len(), 4, "{detail}");
    assert!(detail["warnings"].to_string().contains("Befürworter:in"));

    admin
        .call(
            "appoint_member",
            &[
                ("process_id", &id),
                ("email", COORDINATOR.0),
                ("perspective", "advocate"),
            ],
        )
        .await;
    admin
        .call(
            "appoint_member",
            &[
                ("process_id", &id),
                ("email", STAFF.0),
                ("perspective", "critic"),
            ],
        )
        .await;
    let detail: serde_json::Value = admin.call("get_process", &[("id", &id)]).await.json();
    let warnings: Vec<String> = detail["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w.as_str().unwrap().to_owned())
        .collect();
    assert!(
        warnings.iter().any(|w| w.contains("wenig technikaffin")),
        "{warnings:?}"
    );
    assert!(
        !warnings.iter().any(|w| w.contains("kritische Sicht")),
        "{warnings:?}"
    );
    assert_eq!(detail["group"].as_array().unwrap().len(), 2);

    assert!(
        !warnings.iter().any(|w| w.contains("Befürworter")),
        "{warnings:?}"
    );
}

async fn appoint(admin: &mut Client, id: &str, email: &str, perspective: &str) -> String {
    let response = admin
        .call(
            "appoint_member",
            &[
                ("process_id", id),
                ("email", email),
                ("perspective", perspective),
            ],
        )
        .await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.body);
    response.json()
}

fn perspectives_of(detail: &serde_json::Value, name: &str) -> Vec<String> {
    detail["group"]
        .as_array()
        .expect("group")
        .iter()
        .find(|m| m["display_name"] == name)
        .map(|m| {
            m["perspectives"]
                .as_array()
                .expect("perspectives")
                .iter()
                .map(|p| p.as_str().expect("perspective").to_owned())
                .collect()
        })
        .unwrap_or_default()
}

async fn appointing_a_member_again_adds_a_perspective_and_says_what_changed(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let mut admin = logged_in(&app, COORDINATOR).await;
    let id = create_process(&mut admin, "KI-Leitlinie").await;
    let joined = appoint(&mut admin, &id, STAFF.0, "works_council").await;
    assert_eq!(
        joined,
        "Sam Mitarbeit ist jetzt in der Projektgruppe (Perspektive: Betriebsrat/MAV)."
    );
    let added = appoint(&mut admin, &id, STAFF.0, "critic").await;
    assert_eq!(
        added,
        "Sam Mitarbeit war schon in der Projektgruppe (Betriebsrat/MAV) und bringt jetzt zusätzlich die Perspektive „Kritiker:in“ ein."
    );
    let unchanged = appoint(&mut admin, &id, STAFF.0, "critic").await;
    assert!(
        unchanged.contains("Es wurde nichts geändert."),
        "{unchanged}"
    );

    let detail: serde_json::Value = admin.call("get_process", &[("id", &id)]).await.json();
    assert_eq!(detail["group"].as_array().unwrap().len(), 1);
    assert_eq!(
        perspectives_of(&detail, "Sam Mitarbeit"),
        ["Critic", "WorksCouncil"]
    );
    // Both perspectives count: no warning about a missing critic.
    assert!(!detail["warnings"].to_string().contains("kritische Sicht"));

    // Two audit entries (joined, added), none for the unchanged appointment.
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
    let granted = app::entities::audit_log::Entity::find()
        .filter(app::entities::audit_log::Column::Action.eq("account.role_granted"))
        .filter(app::entities::audit_log::Column::Details.contains("project_group"))
        .order_by_asc(app::entities::audit_log::Column::Seq)
        .all(&app.db)
        .await
        .expect("query");
    assert_eq!(granted.len(), 2);
    assert!(
        granted[1]
            .details
            .contains(r#""previous":["works_council"]"#),
        "{}",
        granted[1].details
    );
}

async fn a_perspective_is_taken_but_never_the_last_one(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let mut admin = logged_in(&app, COORDINATOR).await;
    let id = create_process(&mut admin, "KI-Leitlinie").await;
    appoint(&mut admin, &id, STAFF.0, "works_council").await;
    appoint(&mut admin, &id, STAFF.0, "critic").await;
    let detail: serde_json::Value = admin.call("get_process", &[("id", &id)]).await.json();
    let user_id = detail["group"][0]["user_id"].to_string();
    let take = |perspective: &'static str| {
        vec![
            ("process_id", id.clone()),
            ("user_id", user_id.clone()),
            ("perspective", perspective.to_owned()),
        ]
    };
    let fields = take("critic");
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let mut staff = logged_in(&app, STAFF).await;
    assert_eq!(
        staff.call("remove_perspective", &fields).await.status,
        StatusCode::FORBIDDEN
    );
    let taken = admin.call("remove_perspective", &fields).await;
    assert_eq!(taken.status, StatusCode::OK, "{}", taken.body);
    let detail: serde_json::Value = admin.call("get_process", &[("id", &id)]).await.json();
    assert_eq!(perspectives_of(&detail, "Sam Mitarbeit"), ["WorksCouncil"]);
    let last = take("works_council");
    let last: Vec<(&str, &str)> = last.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let refused = admin.call("remove_perspective", &last).await;
    assert_eq!(refused.status, StatusCode::CONFLICT, "{}", refused.body);
    assert!(
        refused.body.contains("einzige Perspektive"),
        "{}",
        refused.body
    );
}

async fn a_group_member_who_decides_in_an_approving_body_gets_a_role_conflict_hint(
    backend: Backend,
) {
    let app = TestApp::spawn(backend).await;
    let mut admin = logged_in(&app, COORDINATOR).await;
    let id = create_process(&mut admin, "KI-Leitlinie").await;
    appoint(&mut admin, &id, STAFF.0, "works_council").await;
    let detail: serde_json::Value = admin.call("get_process", &[("id", &id)]).await.json();
    assert_eq!(detail["conflicts"].as_array().map(Vec::len), Some(0));
    let body_id: i64 = admin
        .call("add_body", &[("process_id", &id), ("name", "Betriebsrat")])
        .await
        .json();
    let added = admin
        .call(
            "add_body_member",
            &[
                ("process_id", &id),
                ("body_id", &body_id.to_string()),
                ("email", STAFF.0),
            ],
        )
        .await;
    assert_eq!(added.status, StatusCode::OK, "{}", added.body);
    let mut staff = logged_in(&app, STAFF).await;
    let detail: serde_json::Value = staff.call("get_process", &[("id", &id)]).await.json();
    let conflicts = detail["conflicts"].as_array().expect("conflicts");
    assert_eq!(conflicts.len(), 1, "{detail}");
    assert!(
        conflicts[0]
            .as_str()
            .unwrap()
            .starts_with("Rollenkonflikt: Sam Mitarbeit schreibt in der Projektgruppe am Entwurf mit und entscheidet im Gremium „Betriebsrat“"),
        "{conflicts:?}"
    );
}

async fn perspectives_survive_the_migration_to_several_per_member(backend: Backend) {
    use migration::{Migrator, MigratorTrait};
    let app = TestApp::spawn(backend).await;
    let mut admin = logged_in(&app, COORDINATOR).await;
    let id = create_process(&mut admin, "KI-Leitlinie").await;
    appoint(&mut admin, &id, STAFF.0, "low_tech_affinity").await;
    appoint(&mut admin, &id, COORDINATOR.0, "advocate").await;
    // Back to one perspective per member in `group_members.perspective` (undoing the migrations
    // after it too), and forward again.
    let migrations = Migrator::migrations();
    let at = migrations
        .iter()
        .position(|m| m.name() == "m20261123_120100_group_member_perspectives")
        .expect("the perspectives migration");
    let steps = u32::try_from(migrations.len() - at).expect("few migrations");
    Migrator::down(&app.db, Some(steps))
        .await
        .expect("migrate down");
    assert!(
        !Migrator::get_applied_migrations(&app.db)
            .await
            .expect("applied")
            .iter()
            .any(|m| m.name() == "m20261123_120100_group_member_perspectives"),
        "the perspectives migration was undone"
    );
    Migrator::up(&app.db, None).await.expect("migrate up");
    let detail: serde_json::Value = admin.call("get_process", &[("id", &id)]).await.json();
    assert_eq!(
        perspectives_of(&detail, "Sam Mitarbeit"),
        ["LowTechAffinity"]
    );
    assert_eq!(perspectives_of(&detail, "Kim Koordination"), ["Advocate"]);
}

async fn appointing_an_unknown_email_is_explained(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let mut admin = logged_in(&app, COORDINATOR).await;
    let id = create_process(&mut admin, "KI-Leitlinie").await;
    let response = admin
        .call(
            "appoint_member",
            &[
                ("process_id", &id),
                ("email", "niemand@beispiel.de"),
                ("perspective", "critic"),
            ],
        )
        .await;
    assert_eq!(response.status, StatusCode::BAD_REQUEST);
    assert!(response
        .json::<app::error::AppError>()
        .to_string()
        .contains("kein aktives Konto"));
    let no_perspective = admin
        .call(
            "appoint_member",
            &[("process_id", &id), ("email", STAFF.0), ("perspective", "")],
        )
        .await;
    assert_eq!(no_perspective.status, StatusCode::BAD_REQUEST);
}

async fn an_unknown_process_is_a_404(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let mut staff = logged_in(&app, STAFF).await;
    assert_eq!(
        staff.call("get_process", &[("id", "4242")]).await.status,
        StatusCode::NOT_FOUND
    );
    let page = staff.get("/prozesse/4242").await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    assert!(page.body.contains("Seite nicht gefunden"));
}

async fn a_too_long_title_is_refused_with_the_limit(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let mut admin = logged_in(&app, COORDINATOR).await;
    let long = "L".repeat(201);
    let response = admin
        .call("create_process", &[("title", &long), ("description", "")])
        .await;
    assert_eq!(response.status, StatusCode::BAD_REQUEST);
    assert!(response
        .json::<app::error::AppError>()
        .to_string()
        .contains("höchstens 200 Zeichen"));
    let empty = admin
        .call("create_process", &[("title", "   "), ("description", "")])
        .await;
    assert_eq!(empty.status, StatusCode::BAD_REQUEST);
}

async fn the_example_process_of_the_demo_data_loads(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    server::demo::example::seed(&app.db)
        .await
        .expect("example process");
    let mut staff = logged_in(&app, STAFF).await;
    let list: serde_json::Value = staff.call("list_processes", &[]).await.json();
    assert_eq!(list[0]["title"], "KI-Leitlinie 2027");
    assert_eq!(list[0]["step"], "Draft");
    let id = list[0]["id"].to_string();
    let detail: serde_json::Value = staff.call("get_process", &[("id", &id)]).await.json();
    assert_eq!(detail["group"].as_array().unwrap().len(), 6);
    assert_eq!(detail["warnings"].as_array().unwrap().len(), 0, "{detail}");
    assert_eq!(detail["roles"]["group_member"], true);
}

async fn a_coordinator_removes_a_group_member(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let mut admin = logged_in(&app, COORDINATOR).await;
    let id = create_process(&mut admin, "KI-Leitlinie").await;
    admin
        .call(
            "appoint_member",
            &[
                ("process_id", &id),
                ("email", STAFF.0),
                ("perspective", "critic"),
            ],
        )
        .await;
    let detail: serde_json::Value = admin.call("get_process", &[("id", &id)]).await.json();
    let user_id = detail["group"][0]["user_id"].to_string();
    let removed = admin
        .call(
            "remove_member",
            &[("process_id", &id), ("user_id", &user_id)],
        )
        .await;
    assert_eq!(removed.status, StatusCode::OK, "{}", removed.body);
    let detail: serde_json::Value = admin.call("get_process", &[("id", &id)]).await.json();
    assert_eq!(detail["group"].as_array().unwrap().len(), 0);
    let again = admin
        .call(
            "remove_member",
            &[("process_id", &id), ("user_id", &user_id)],
        )
        .await;
    assert_eq!(again.status, StatusCode::NOT_FOUND);
}

/// Everything the log said while a test ran, for tests that read the log.
#[derive(Clone, Default)]
struct CapturedLog(std::sync::Arc<std::sync::Mutex<Vec<u8>>>);

impl CapturedLog {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().unwrap()).into_owned()
    }
}

impl std::io::Write for CapturedLog {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> tracing_subscriber::fmt::MakeWriter<'a> for CapturedLog {
    type Writer = Self;

    fn make_writer(&'a self) -> Self::Writer {
        self.clone()
    }
}

async fn server_function_spans_carry_ids_but_no_addresses_passwords_or_texts(backend: Backend) {
    use tracing::instrument::WithSubscriber;
    let log = CapturedLog::default();
    let subscriber = tracing_subscriber::fmt()
        .with_writer(log.clone())
        .with_ansi(false)
        .with_span_events(tracing_subscriber::fmt::format::FmtSpan::CLOSE)
        .finish();
    // The router runs inside this future, so the subscriber sees the server functions' spans.
    let id = async {
        let app = TestApp::spawn(backend).await;
        let mut admin = logged_in(&app, COORDINATOR).await;
        let id = create_process(&mut admin, "Vertraulicher Prozesstitel").await;
        let response = admin
            .call(
                "appoint_member",
                &[
                    ("process_id", &id),
                    ("email", STAFF.0),
                    ("perspective", "critic"),
                ],
            )
            .await;
        assert_eq!(response.status, StatusCode::OK, "{}", response.body);
        id
    }
    .with_subscriber(subscriber)
    .await;

    let text = log.text();
    assert!(
        text.contains(&format!("appoint_member{{process_id={id}}}")),
        "{text}"
    );
    assert!(text.contains("create_process"), "{text}");
    for secret in [
        COORDINATOR.0,
        COORDINATOR.1,
        STAFF.0,
        "Vertraulicher Prozesstitel",
    ] {
        assert!(!text.contains(secret), "{secret} in the log:\n{text}");
    }
}
