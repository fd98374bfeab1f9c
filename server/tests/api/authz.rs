//! The authorisation matrix (issue #6): every server function and every page, called by every
//! role, with the expected allow or deny. A server function or page without a row fails the
//! test, as does a row whose function or page no longer exists.

use crate::helpers::{
    appoint, call_ok, invite, new_member_client, process_in_draft_step, Backend, Client,
    TestResponse,
};
use crate::on_both_databases;
use crate::reviews::adopted;
use crate::rounds::{comment_on, open, round_view, TEXT};
use app::entities::{round, user};
use axum::http::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use std::collections::{BTreeSet, HashMap};

on_both_databases!(every_server_function_and_page_allows_exactly_the_roles_in_the_matrix);

/// The roles of the matrix, in column order. The last one is a member of the project group of
/// another process only: group rights are per process, so it gets what staff get (this catches
/// checks that ask "is in some group" instead of "is in this process's group").
const ROLES: [&str; 7] = [
    "anonymous",
    "staff",
    "project group",
    "body member",
    "coordinator",
    "deactivated",
    "group of another process",
];

/// What one role should get from one row. A 404 never counts as a refusal: no function or page
/// in the matrix hides an object's existence from a role (they answer 401/403 before looking).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Expect {
    /// Reaches past the permission check: any status but 401, 403 or 5xx (a page: 200).
    Allow,
    /// Refused: 401 or 403.
    Deny,
}

use Expect::{Allow as A, Deny as D};

/// Public: everyone, signed in or not (their own session decides what they get).
const EVERYONE: [Expect; 7] = [A, A, A, A, A, A, A];
/// Every active signed-in account; anonymous and deactivated are refused.
const SIGNED_IN: [Expect; 7] = [D, A, A, A, A, D, A];
/// Only the coordinator (organisation-wide role).
const COORDINATOR: [Expect; 7] = [D, D, D, D, A, D, D];
/// Only members of the process's project group.
const GROUP: [Expect; 7] = [D, D, A, D, D, D, D];
/// The project group or the coordinator.
const GROUP_OR_COORDINATOR: [Expect; 7] = [D, D, A, D, A, D, D];
/// Only members of the approving body named in the call.
const BODY: [Expect; 7] = [D, D, D, A, D, D, D];
/// Only the author of the comment (the staff account wrote the fixture comment).
const AUTHOR: [Expect; 7] = [D, A, D, D, D, D, D];

/// Whether a row is a server function or a page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// `POST /api/<name>` with form fields.
    Function,
    /// `GET <url>` as a browser navigation; `name` is the route pattern (`/prozesse/:id`).
    Page,
    /// A route outside the server functions and pages (`server::PLAIN_ROUTES` and the document
    /// routes `server::documents::DocumentRoute::ALL`): `name` is "METHOD path" as registered,
    /// `url` the address requested; a POST sends `fields` as a form.
    Route,
}

/// One row of the matrix.
///
/// Columns: `name` (the server function's endpoint, or the page's route pattern), `fields` (the
/// form fields sent; values may name fixture ids in braces, see [`Fixture::ids`]), `url` (pages:
/// the address loaded, with fixture ids in braces) and `expect`, one entry per role in the order
/// of [`ROLES`]: anonymous, staff, project group, body member, coordinator, deactivated, group
/// member of another process.
///
/// Field values are chosen so that an allowed call fails validation, finds nothing or meets a
/// step that forbids it after the permission check wherever a success would change the fixture
/// for later rows; the other allowed calls succeed harmlessly.
struct Row {
    kind: Kind,
    name: &'static str,
    fields: &'static [(&'static str, &'static str)],
    url: &'static str,
    expect: [Expect; 7],
}

/// A server-function row.
const fn call(
    name: &'static str,
    fields: &'static [(&'static str, &'static str)],
    expect: [Expect; 7],
) -> Row {
    Row {
        kind: Kind::Function,
        name,
        fields,
        url: "",
        expect,
    }
}

/// A page row: the route pattern as written in `app/src/lib.rs` (with a leading `/`), the URL.
const fn page(pattern: &'static str, url: &'static str, expect: [Expect; 7]) -> Row {
    Row {
        kind: Kind::Page,
        name: pattern,
        fields: &[],
        url,
        expect,
    }
}

/// A row for a route that is neither page nor server function: "METHOD /path/{param}" as
/// registered, the URL requested, the form fields of a POST.
const fn route(
    name: &'static str,
    url: &'static str,
    fields: &'static [(&'static str, &'static str)],
    expect: [Expect; 7],
) -> Row {
    Row {
        kind: Kind::Route,
        name,
        fields,
        url,
        expect,
    }
}

/// The matrix. Fixture ids: `p1` (step 1, one staff contribution `contribution1`), `p3` (step 3,
/// open round `round3` on `version3`, staff comment `comment3`), `p4` (step 4, proposed, body
/// `body4` whose only member is the body member, frozen hash `hash4`), `p5` (adopted, closed round
/// `round5`, staff experience report `post5`), `p0` (step 1; only the "group of another
/// process" role is in its group), `invitation` (a pending invitation's token), `missing` (an id nobody has), `role` (the
/// column's index). The project group member is in the group of p1, p3, p4 and p5.
#[rustfmt::skip]
const MATRIX: &[Row] = &[
    // ---- accounts ----
    call("current_user", &[], EVERYONE),
    call("take_flash", &[], EVERYONE),
    // A wrong password (for one unknown address per role): 400; nobody's session changes.
    call("login", &[("email", "niemand{role}@example.org"), ("password", "falsch")], EVERYONE),
    call(
        "change_password",
        &[("current_password", "falsch"), ("new_password", "kurz"), ("confirm_password", "anders")],
        SIGNED_IN,
    ),
    call("list_users", &[("page", "1")], COORDINATOR),
    call("set_user_team", &[("user_id", "{missing}"), ("team", "Pflege")], COORDINATOR),
    call("create_user", &[("display_name", ""), ("email", "")], COORDINATOR),
    call("reinvite_user", &[("user_id", "{missing}")], COORDINATOR),
    call("deactivate_user", &[("user_id", "{missing}")], COORDINATOR),
    call("invitation_info", &[("token", "{invitation}")], EVERYONE),
    call("login_ways", &[], EVERYONE),
    // ---- staff import and data protection ----
    call("import_preview", &[("import_id", "{import}")], COORDINATOR),
    // A stale fingerprint: 409 for the coordinator, nothing applied.
    call("apply_import", &[("import_id", "{import}"), ("fingerprint", "veraltet")], COORDINATOR),
    call("my_data", &[], SIGNED_IN),
    call("deletion_preview", &[("user_id", "{invited_id}")], COORDINATOR),
    // Without the confirmation: 400 after the permission check, nobody deleted.
    call("delete_person", &[("user_id", "{invited_id}")], COORDINATOR),
    // ---- plain routes (not server functions) ----
    // Single sign-on is not configured in the fixture: both answer with the German error page.
    route("GET /auth/oidc/login", "/auth/oidc/login", &[], EVERYONE),
    route("GET /auth/oidc/callback", "/auth/oidc/callback?state=x&code=y", &[], EVERYONE),
    // No file: back to the form with a message (303) for the coordinator.
    route("POST /admin/benutzer/import/hochladen", "/admin/benutzer/import/hochladen", &[], COORDINATOR),
    // Not applied yet: 400 for the coordinator.
    route("POST /admin/benutzer/import/{id}/einladungen", "/admin/benutzer/import/{import}/einladungen", &[], COORDINATOR),
    route("GET /konto/meine-daten.json", "/konto/meine-daten.json", &[], SIGNED_IN),
    // Too short a password: 400 before the (still pending) invitation is touched.
    call(
        "accept_invitation",
        &[("token", "{invitation}"), ("password", "kurz"), ("confirm_password", "kurz")],
        EVERYONE,
    ),
    // ---- processes ----
    call("list_processes", &[], SIGNED_IN),
    call("create_process", &[("title", ""), ("description", "")], COORDINATOR),
    call("get_process", &[("id", "{p1}")], SIGNED_IN),
    call("change_step", &[("process_id", "{p3}"), ("to", "ungueltig"), ("reason", "")], GROUP_OR_COORDINATOR),
    call("set_contributions_visible", &[("process_id", "{p1}"), ("visible", "on")], COORDINATOR),
    call(
        "appoint_member",
        &[("process_id", "{p1}"), ("email", "keine-adresse"), ("perspective", "ungueltig")],
        COORDINATOR,
    ),
    // An unknown account: 404 for the coordinator after the permission check.
    call(
        "remove_perspective",
        &[("process_id", "{p1}"), ("user_id", "{missing}"), ("perspective", "critic")],
        COORDINATOR,
    ),
    call("remove_member", &[("process_id", "{p1}"), ("user_id", "{missing}")], COORDINATOR),
    // ---- contributions (step 1) ----
    call("submit_contribution", &[("process_id", "{p1}"), ("kind", ""), ("text", "")], SIGNED_IN),
    call("list_contributions", &[("process_id", "{p1}")], SIGNED_IN),
    call(
        "enter_workshop_results",
        &[("process_id", "{p1}"), ("date", ""), ("team", "")],
        GROUP_OR_COORDINATOR,
    ),
    call(
        "tag_contribution",
        &[("process_id", "{p1}"), ("contribution_id", "{contribution1}"), ("tags", "Datenschutz")],
        GROUP_OR_COORDINATOR,
    ),
    call(
        "untag_contribution",
        &[("process_id", "{p1}"), ("contribution_id", "{contribution1}"), ("tag", "Datenschutz")],
        GROUP_OR_COORDINATOR,
    ),
    call("create_cluster", &[("process_id", "{p1}"), ("title", "")], GROUP_OR_COORDINATOR),
    call(
        "assign_cluster",
        &[("process_id", "{p1}"), ("contribution_id", "{contribution1}"), ("cluster_id", "keine-zahl")],
        GROUP_OR_COORDINATOR,
    ),
    call(
        "link_section",
        &[("process_id", "{p1}"), ("contribution_id", "{contribution1}"), ("anchor", "nicht-vorhanden")],
        GROUP_OR_COORDINATOR,
    ),
    call(
        "unlink_section",
        &[("process_id", "{p1}"), ("contribution_id", "{contribution1}"), ("anchor", "nicht-vorhanden")],
        GROUP_OR_COORDINATOR,
    ),
    // ---- drafts and versions (writing ones aimed at p4, whose version is frozen: 409) ----
    call("get_draft", &[("process_id", "{p3}")], GROUP),
    call("start_draft", &[("process_id", "{p4}"), ("from_template", "nein")], GROUP),
    call("save_draft", &[("process_id", "{p4}"), ("body", ""), ("edit_count", "0")], GROUP),
    call("preview_draft", &[("process_id", "{p3}"), ("body", "# Vorschau")], GROUP),
    call(
        "publish_version",
        &[("process_id", "{p4}"), ("change_summary", ""), ("edit_count", "0")],
        GROUP,
    ),
    call("list_versions", &[("process_id", "{p3}")], SIGNED_IN),
    call("get_version", &[("process_id", "{p3}"), ("number", "1")], SIGNED_IN),
    call("compare_versions", &[("process_id", "{p3}")], SIGNED_IN),
    // ---- discourse rounds and comments (step 3) ----
    call("list_rounds", &[("process_id", "{p3}")], SIGNED_IN),
    call(
        "open_round",
        &[
            ("process_id", "{p3}"),
            ("start_date", ""),
            ("start_time", ""),
            ("deadline_date", ""),
            ("deadline_time", ""),
            ("audience", "everyone"),
            ("teams", ""),
        ],
        GROUP,
    ),
    // An empty reason: 400 for the group after the permission check, the round stays open.
    call(
        "change_round_deadline",
        &[
            ("process_id", "{p3}"),
            ("round_id", "{round3}"),
            ("deadline_date", ""),
            ("deadline_time", ""),
            ("reason", ""),
        ],
        GROUP,
    ),
    // Without the confirmation: 400 for the group, the round stays open.
    call("end_round_early", &[("process_id", "{p3}"), ("round_id", "{round3}"), ("reason", "")], GROUP),
    call("my_open_rounds", &[], SIGNED_IN),
    call("my_tasks", &[], SIGNED_IN),
    call("get_round", &[("process_id", "{p3}"), ("round_id", "{round3}")], SIGNED_IN),
    call("list_comments", &[("round_id", "{round3}"), ("block_id", ""), ("after", "0")], SIGNED_IN),
    call("list_replies", &[("comment_id", "{comment3}"), ("after", "0")], SIGNED_IN),
    call(
        "list_round_comments",
        &[
            ("process_id", "{p3}"),
            ("round_id", "{round3}"),
            ("section", ""),
            ("status", ""),
            ("mine", "false"),
            ("page", "1"),
        ],
        SIGNED_IN,
    ),
    call(
        "post_comment",
        &[("round_id", "{round3}"), ("version_id", "{version3}"), ("block_id", "b2"), ("body", "")],
        SIGNED_IN,
    ),
    call("edit_comment", &[("comment_id", "{comment3}"), ("body", "")], AUTHOR),
    call("support_comment", &[("comment_id", "{comment3}")], SIGNED_IN),
    call("hide_comment", &[("comment_id", "{comment3}"), ("reason", "")], GROUP),
    // ---- dispositions and reports ----
    call(
        "list_dispositions",
        &[("round_id", "{round3}"), ("section", ""), ("status", ""), ("mine", "false"), ("page", "1")],
        GROUP,
    ),
    call(
        "decide_comments",
        &[("round_id", "{round3}"), ("comment_ids", ""), ("kind", "ungueltig"), ("reason", "")],
        GROUP,
    ),
    // The round is still open: 409 for the group.
    call("close_round", &[("round_id", "{round3}")], GROUP),
    call("get_report", &[("process_id", "{p5}"), ("round_id", "{round5}")], SIGNED_IN),
    call("my_comments", &[], SIGNED_IN),
    call("link_comment_change", &[("comment_id", "{comment3}"), ("target", "1:nicht-vorhanden")], GROUP),
    // ---- adoption (step 4) ----
    call("get_adoption", &[("process_id", "{p4}")], SIGNED_IN),
    call("add_body", &[("process_id", "{p4}"), ("name", "")], COORDINATOR),
    call(
        "add_body_member",
        &[("process_id", "{p4}"), ("body_id", "{body4}"), ("email", "keine-adresse")],
        COORDINATOR,
    ),
    call(
        "remove_body_member",
        &[("process_id", "{p4}"), ("body_id", "{body4}"), ("user_id", "{missing}")],
        COORDINATOR,
    ),
    // p4 is already proposed: 409 for the group.
    call("propose_adoption", &[("process_id", "{p4}")], GROUP),
    call(
        "record_decision",
        &[
            ("process_id", "{p4}"),
            ("body_id", "{body4}"),
            ("kind", "ungueltig"),
            ("text", ""),
            ("meeting_date", ""),
            ("minutes_ref", ""),
            ("content_hash", "{hash4}"),
        ],
        BODY,
    ),
    call("return_version", &[("process_id", "{p4}"), ("to", "ungueltig"), ("reason", "")], GROUP),
    // Co-determination (body4 follows the simple procedure, so member steps meet a 409 after
    // the permission check; settings are refused in step 4; unknown ids give 404).
    call("configure_body", &[("process_id", "{p4}"), ("body_id", "{body4}"), ("procedure", "works_council"), ("seats", "5")], COORDINATOR),
    call("set_body_chair", &[("process_id", "{p4}"), ("body_id", "{body4}"), ("user_id", "{missing}")], COORDINATOR),
    call("set_agreement", &[("process_id", "{p4}"), ("agreement", "betriebsvereinbarung")], COORDINATOR),
    call("confirm_as_member", &[("process_id", "{p4}"), ("body_id", "{body4}"), ("approve", "ja")], BODY),
    call(
        "record_resolution",
        &[
            ("process_id", "{p4}"), ("body_id", "{body4}"), ("meeting_date", "2026-11-20"),
            ("meeting_form", "in_person"), ("present", "3"), ("yes", "3"), ("no", "0"),
            ("abstain", "0"), ("wording", "Zustimmung"), ("minutes_ref", "TOP 1"),
        ],
        BODY,
    ),
    call("confirm_minutes", &[("process_id", "{p4}"), ("resolution_id", "{missing}"), ("as_chair", "ja")], BODY),
    call("request_approval", &[("process_id", "{p4}"), ("body_id", "{body4}"), ("received_on", "2026-11-20")], COORDINATOR),
    call("extend_deadline", &[("process_id", "{p4}"), ("request_id", "{missing}"), ("reason", "Antrag der MAV")], COORDINATOR),
    call("answer_request", &[("process_id", "{p4}"), ("request_id", "{missing}"), ("approve", "ja")], BODY),
    call("sign_agreement", &[("process_id", "{p4}"), ("side", "employer")], BODY),
    call("mark_section", &[("process_id", "{p4}"), ("anchor", "gibt-es-nicht"), ("basis", "§ 87 BetrVG")], GROUP),
    call("unmark_section", &[("process_id", "{p4}"), ("anchor", "gibt-es-nicht")], GROUP),
    // body4 is not a council: 409 after the check (coordinators and members of a body pass it).
    call(
        "log_council_information",
        &[("process_id", "{p4}"), ("body_id", "{body4}"), ("kind", "information"), ("given_on", "2026-11-20"), ("description", "Entwurf übergeben")],
        [D, D, D, A, A, D, D],
    ),
    // An unknown step: 400 after the permission check, the proposal stays open.
    call(
        "withdraw_proposal",
        &[("process_id", "{p4}"), ("to", "ungueltig"), ("reason", "Fehler"), ("confirm", "on")],
        GROUP,
    ),
    call("save_summary", &[("process_id", "{p4}"), ("summary", "Kurz gesagt: KI mit Verstand.")], GROUP),
    // ---- the adopted guideline, dialogue and review (step 5) ----
    call("get_guideline", &[("process_id", "{p5}")], SIGNED_IN),
    call("acknowledge_guideline", &[("process_id", "{p5}")], SIGNED_IN),
    call("get_dialogue", &[("process_id", "{p5}")], SIGNED_IN),
    call("post_experience", &[("process_id", "{p5}"), ("kind", ""), ("body", "")], SIGNED_IN),
    call("hide_experience", &[("post_id", "{post5}"), ("reason", "")], GROUP_OR_COORDINATOR),
    call("get_review", &[("process_id", "{p5}")], SIGNED_IN),
    call("reschedule_review", &[("process_id", "{p5}"), ("next_review", "kein-datum")], COORDINATOR),
    call(
        "start_review",
        &[("process_id", "{p5}"), ("trigger", ""), ("reentry", "")],
        COORDINATOR,
    ),
    call("due_reviews", &[], SIGNED_IN),
    // ---- notifications, mail and password reset ----
    call("unread_notifications", &[], SIGNED_IN),
    call("get_inbox", &[("page", "1")], SIGNED_IN),
    call("mark_notification_read", &[("id", "{missing}")], SIGNED_IN),
    call("mark_all_notifications_read", &[], SIGNED_IN),
    call("get_notification_preferences", &[], SIGNED_IN),
    call("save_notification_preferences", &[("my_texts", "ungueltig")], SIGNED_IN),
    call("unsubscribe_info", &[("token", "{unsubscribe}")], EVERYONE),
    call("list_mails", &[("page", "1")], COORDINATOR),
    call("retry_mail", &[("mail_id", "{missing}")], COORDINATOR),
    // One unknown address per role: the same answer for everyone, no mail.
    call("request_password_reset", &[("email", "niemand{role}@example.org")], EVERYONE),
    call("password_reset_info", &[("token", "{reset}")], EVERYONE),
    // Too short a password: 400 before the (still unused) link is touched.
    call(
        "reset_password",
        &[("token", "{reset}"), ("password", "kurz"), ("confirm_password", "kurz")],
        EVERYONE,
    ),
    // A damaged token: 400 for everyone (the token is the proof, not a session).
    route("POST /abbestellen/{token}", "/abbestellen/1.rounds.kaputt", &[("List-Unsubscribe", "One-Click")], EVERYONE),
    // ---- audit log ----
    call("list_audit", &[("page", "1")], COORDINATOR),
    call("verify_audit", &[], COORDINATOR),
    // ---- pages ----
    page("/", "/", EVERYONE),
    page("/anmelden", "/anmelden", EVERYONE),
    page("/anmelden/fehler", "/anmelden/fehler?grund=abgelaufen", EVERYONE),
    page("/konto", "/konto", SIGNED_IN),
    page("/einladung/:token", "/einladung/{invitation}", EVERYONE),
    page("/admin/benutzer", "/admin/benutzer", COORDINATOR),
    page("/admin/benutzer/import", "/admin/benutzer/import", COORDINATOR),
    page("/admin/benutzer/import/:id", "/admin/benutzer/import/{import}", COORDINATOR),
    page("/admin/benutzer/:id/loeschen", "/admin/benutzer/{invited_id}/loeschen", COORDINATOR),
    page("/konto/meine-daten", "/konto/meine-daten", SIGNED_IN),
    page("/datenschutz", "/datenschutz", EVERYONE),
    page("/audit", "/audit", COORDINATOR),
    page("/meine-kommentare", "/meine-kommentare", SIGNED_IN),
    page("/prozesse/:id", "/prozesse/{p1}", SIGNED_IN),
    page("/prozesse/:id/beitraege", "/prozesse/{p1}/beitraege", SIGNED_IN),
    page("/prozesse/:id/entwurf", "/prozesse/{p3}/entwurf", GROUP),
    page("/prozesse/:id/versionen", "/prozesse/{p3}/versionen", SIGNED_IN),
    page("/prozesse/:id/versionen/:number", "/prozesse/{p3}/versionen/1", SIGNED_IN),
    page("/prozesse/:id/vergleich", "/prozesse/{p3}/vergleich", SIGNED_IN),
    page("/prozesse/:id/runden", "/prozesse/{p3}/runden", SIGNED_IN),
    page("/prozesse/:id/runden/:round", "/prozesse/{p3}/runden/{round3}", SIGNED_IN),
    page("/prozesse/:id/runden/:round/kommentare", "/prozesse/{p3}/runden/{round3}/kommentare", SIGNED_IN),
    page("/prozesse/:id/runden/:round/rueckmeldungen", "/prozesse/{p3}/runden/{round3}/rueckmeldungen", GROUP),
    page("/prozesse/:id/runden/:round/bericht", "/prozesse/{p5}/runden/{round5}/bericht", SIGNED_IN),
    page("/prozesse/:id/verabschiedung", "/prozesse/{p4}/verabschiedung", SIGNED_IN),
    page("/prozesse/:id/leitlinie", "/prozesse/{p5}/leitlinie", SIGNED_IN),
    page("/prozesse/:id/erfahrungen", "/prozesse/{p5}/erfahrungen", SIGNED_IN),
    page("/prozesse/:id/ueberpruefung", "/prozesse/{p5}/ueberpruefung", SIGNED_IN),
    page("/benachrichtigungen", "/benachrichtigungen", SIGNED_IN),
    page("/konto/benachrichtigungen", "/konto/benachrichtigungen", SIGNED_IN),
    page("/abbestellen/:token", "/abbestellen/{unsubscribe}", EVERYONE),
    page("/admin/mails", "/admin/mails", COORDINATOR),
    page("/passwort-vergessen", "/passwort-vergessen", EVERYONE),
    page("/passwort-neu/:token", "/passwort-neu/{reset}", EVERYONE),
    page("/prozesse/:id/entwurf/import", "/prozesse/{p3}/entwurf/import", GROUP),
    // ---- documents (issue #16): as the page each comes from ----
    call("get_draft_import", &[("process_id", "{p3}")], GROUP),
    // Nothing was uploaded: 400 after the permission check, nothing changes.
    call("apply_draft_import", &[("process_id", "{p3}")], GROUP),
    call("discard_draft_import", &[("process_id", "{p3}")], GROUP),
    route("GET /prozesse/{id}/leitlinie.pdf", "/prozesse/{p5}/leitlinie.pdf", &[], SIGNED_IN),
    route("GET /prozesse/{id}/leitlinie.docx", "/prozesse/{p5}/leitlinie.docx", &[], SIGNED_IN),
    route("GET /prozesse/{id}/leitlinie.md", "/prozesse/{p5}/leitlinie.md", &[], SIGNED_IN),
    route("GET /prozesse/{id}/runden/{round}/bericht.pdf", "/prozesse/{p5}/runden/{round5}/bericht.pdf", &[], SIGNED_IN),
    route("GET /prozesse/{id}/vergleich.pdf", "/prozesse/{p5}/vergleich.pdf?from=1&to=1", &[], SIGNED_IN),
    route("GET /prozesse/{id}/verabschiedung.pdf", "/prozesse/{p4}/verabschiedung.pdf", &[], SIGNED_IN),
    // A form without a file: sent back to the draft with a message (303), nothing changes.
    route("POST /prozesse/{id}/entwurf/import", "/prozesse/{p3}/entwurf/import", &[("datei", "")], GROUP),
    // Last, because it ends the sessions of the signed-in roles.
    call("logout", &[], EVERYONE),
];

/// The accounts of the six roles and the ids the rows refer to.
struct Fixture {
    /// One client per role, in the order of [`ROLES`].
    clients: Vec<Client>,
    /// The deactivated account's original session cookie, sent again with every call.
    dead_cookie: Option<String>,
    /// `name` → value, substituted for `{name}` in fields and URLs.
    ids: HashMap<&'static str, String>,
    /// Keeps the app (and its database) alive.
    _app: crate::helpers::TestApp,
}

/// As the coordinator: a new process moved through drafting into step 3 by `group`, which
/// publishes one version of [`TEXT`].
async fn in_discourse(coordinator: &mut Client, group: &mut Client, title: &str) -> i64 {
    let id = process_in_draft_step(coordinator, title).await;
    appoint(coordinator, id, "nora@example.org").await;
    let pid = id.to_string();
    call_ok(
        group,
        "start_draft",
        &[("process_id", &pid), ("from_template", "nein")],
    )
    .await;
    let count = call_ok(
        group,
        "save_draft",
        &[("process_id", &pid), ("body", TEXT), ("edit_count", "0")],
    )
    .await
    .as_i64()
    .expect("edit count")
    .to_string();
    call_ok(
        group,
        "publish_version",
        &[
            ("process_id", &pid),
            ("change_summary", "Erste Fassung"),
            ("edit_count", &count),
        ],
    )
    .await;
    call_ok(
        group,
        "change_step",
        &[("process_id", &pid), ("to", "discourse"), ("reason", "")],
    )
    .await;
    id
}

/// Builds the app with one process per step and one account per role.
async fn fixture(backend: Backend) -> Fixture {
    // p5: adopted, with a closed round; Nora is its project group.
    let mut a = adopted(backend).await;
    let app = a.app;
    let p5 = a.process_id;
    let round5 = round::Entity::find()
        .filter(round::Column::ProcessId.eq(p5))
        .one(&app.db)
        .await
        .expect("query")
        .expect("closed round of the adopted process")
        .id;
    let post5 = crate::reviews::report(
        &mut a.staff,
        &p5.to_string(),
        "use_case",
        "Ich nutze KI für Protokolle.",
        false,
    )
    .await
    .json::<i64>();

    // p1: collecting, with one staff contribution.
    let p1 = call_ok(
        &mut a.coordinator,
        "create_process",
        &[("title", "Leitlinie Sammeln"), ("description", "")],
    )
    .await
    .as_i64()
    .expect("process id");
    appoint(&mut a.coordinator, p1, "nora@example.org").await;
    let contribution1 = call_ok(
        &mut a.staff,
        "submit_contribution",
        &[
            ("process_id", &p1.to_string()),
            ("kind", "concern"),
            (
                "text",
                "Ich habe Sorge, dass Daten in fremde Hände geraten.",
            ),
        ],
    )
    .await
    .as_i64()
    .expect("contribution id");

    // p3: discourse with an open round and a staff comment.
    let p3 = in_discourse(&mut a.coordinator, &mut a.nora, "Leitlinie Diskurs").await;
    let round3 = open(&mut a.nora, p3, false).await;
    let view = round_view(&mut a.staff, p3, round3).await;
    let version3 = view["version_id"].as_i64().expect("version id");
    let comment3 = comment_on(&mut a.staff, &view, "b2", "Was heißt öffentlich genau?").await;

    // p4: proposed for adoption; Berta is the only member of its body.
    let berta = new_member_client(&app, "Berta Gremium", "berta@example.org").await;
    let p4 = in_discourse(&mut a.coordinator, &mut a.nora, "Leitlinie Verabschiedung").await;
    let pid4 = p4.to_string();
    let body4 = call_ok(
        &mut a.coordinator,
        "add_body",
        &[
            ("process_id", &pid4),
            ("name", "Betriebsrat"),
            ("required", "on"),
        ],
    )
    .await
    .as_i64()
    .expect("body id");
    call_ok(
        &mut a.coordinator,
        "add_body_member",
        &[
            ("process_id", &pid4),
            ("body_id", &body4.to_string()),
            ("email", "berta@example.org"),
        ],
    )
    .await;
    call_ok(&mut a.nora, "propose_adoption", &[("process_id", &pid4)]).await;
    let hash4 = call_ok(&mut a.nora, "get_adoption", &[("process_id", &pid4)]).await["proposal"]
        ["frozen_hash"]
        .as_str()
        .expect("frozen hash")
        .to_owned();

    // The deactivated account: signed in, then deactivated by the coordinator.
    let dora = new_member_client(&app, "Dora Ehemalig", "dora@example.org").await;
    let dora_id = user::Entity::find()
        .filter(user::Column::Email.eq("dora@example.org"))
        .one(&app.db)
        .await
        .expect("query")
        .expect("dora")
        .id;
    call_ok(
        &mut a.coordinator,
        "deactivate_user",
        &[("user_id", &dora_id.to_string())],
    )
    .await;
    let dead_cookie = dora.cookie.clone();
    assert!(
        dead_cookie.is_some(),
        "the deactivated account had a session"
    );
    let mut probe = dora.clone();
    assert_eq!(
        probe.whoami().await,
        None,
        "a deactivated account's session must be dead"
    );

    let invitation = invite(&app, "Ines Eingeladen", "ines@example.org").await;
    let invited_id = user::Entity::find()
        .filter(user::Column::Email.eq("ines@example.org"))
        .one(&app.db)
        .await
        .expect("query")
        .expect("ines")
        .id;
    let coordinator_id = user::Entity::find()
        .filter(user::Column::Email.eq(crate::helpers::COORDINATOR.0))
        .one(&app.db)
        .await
        .expect("query")
        .expect("coordinator")
        .id;
    let import = app::import::ssr::store_upload(
        &app.db,
        coordinator_id,
        "liste.csv",
        b"Name;E-Mail;Team\nPia Plan;pia@example.org;Kita\n",
        chrono::Utc::now(),
    )
    .await
    .expect("a previewed import");

    // A valid unsubscribe link (the tests' secret) and an unused password-reset link of Sam's.
    let sam = user::Entity::find()
        .filter(user::Column::Email.eq(crate::helpers::STAFF.0))
        .one(&app.db)
        .await
        .expect("query")
        .expect("staff account");
    let unsubscribe = app::notification::ssr::SigningKey::new(b"test-secret".to_vec()).sign(
        &app::domain::notification::UnsubscribeRequest {
            user_id: sam.id,
            groups: vec![app::domain::notification::EventGroup::Rounds],
        },
    );
    let (reset, reset_hash) = app::account::ssr::new_token();
    {
        use sea_orm::{ActiveModelTrait, Set};
        app::entities::password_reset::ActiveModel {
            user_id: Set(sam.id),
            token_hash: Set(reset_hash),
            created_at: Set(chrono::Utc::now()),
            expires_at: Set(chrono::Utc::now() + chrono::Duration::hours(1)),
            used_at: Set(None),
            ..Default::default()
        }
        .insert(&app.db)
        .await
        .expect("reset link");
    }

    // p0: a process of its own for the member of another project group.
    let olga = new_member_client(&app, "Olga Andere Gruppe", "olga@example.org").await;
    let p0 = call_ok(
        &mut a.coordinator,
        "create_process",
        &[("title", "Leitlinie Anderswo"), ("description", "")],
    )
    .await
    .as_i64()
    .expect("process id");
    appoint(&mut a.coordinator, p0, "olga@example.org").await;

    let ids = HashMap::from([
        ("invitation", invitation),
        ("unsubscribe", unsubscribe),
        ("reset", reset),
        ("p0", p0.to_string()),
        ("p1", p1.to_string()),
        ("p3", p3.to_string()),
        ("p4", pid4),
        ("p5", p5.to_string()),
        ("contribution1", contribution1.to_string()),
        ("round3", round3.to_string()),
        ("version3", version3.to_string()),
        ("comment3", comment3.to_string()),
        ("round5", round5.to_string()),
        ("post5", post5.to_string()),
        ("body4", body4.to_string()),
        ("hash4", hash4),
        ("missing", "987654".to_owned()),
        ("invited_id", invited_id.to_string()),
        ("import", import.to_string()),
    ]);
    let clients = vec![
        app.client(),
        a.staff,
        a.nora,
        berta,
        a.coordinator,
        dora,
        olga,
    ];
    Fixture {
        clients,
        dead_cookie,
        ids,
        _app: app,
    }
}

/// Replaces every `{name}` by the fixture id `name`.
fn fill(template: &str, ids: &HashMap<&'static str, String>) -> String {
    let mut out = template.to_owned();
    for (name, value) in ids {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    assert!(!out.contains('{'), "unknown fixture id in {template}");
    out
}

/// Whether `status` is what `expect` asks for.
fn judge(kind: Kind, expect: Expect, status: StatusCode) -> bool {
    if status.is_server_error() {
        return false;
    }
    let refused = matches!(status, StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN);
    match (expect, kind) {
        (Expect::Allow, Kind::Page) => status == StatusCode::OK,
        (Expect::Allow, Kind::Function) => !refused,
        // A download arrives (200), an upload or log-in sends the person on (303), a broken
        // token or callback is answered 400: reached, never refused, missing or failed.
        (Expect::Allow, Kind::Route) => {
            !refused && status != StatusCode::NOT_FOUND && !status.is_server_error()
        }
        (Expect::Deny, _) => refused,
    }
}

/// A route as `generate_route_list` reports it (`/prozesse/{id}`), written like the rows.
fn route_pattern(path: &str) -> String {
    let path = path
        .split('/')
        .map(
            |segment| match segment.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
                Some(name) => format!(":{name}"),
                None => segment.to_owned(),
            },
        )
        .collect::<Vec<_>>()
        .join("/");
    if path.is_empty() {
        "/".to_owned()
    } else {
        path
    }
}

/// Every registered function and route without a row, every row without one, and every
/// duplicate row.
fn completeness_problems() -> Vec<String> {
    let mut problems = Vec::new();
    let registered: BTreeSet<String> = leptos::server_fn::axum::server_fn_paths()
        .map(|(path, _)| path.trim_start_matches("/api/").to_owned())
        .collect();
    let routes: BTreeSet<String> = leptos_axum::generate_route_list(app::App)
        .iter()
        .map(|r| route_pattern(r.path()))
        .collect();
    let other: BTreeSet<String> = server::PLAIN_ROUTES
        .iter()
        .map(|(method, path)| format!("{method} {path}"))
        .chain(server::documents::DocumentRoute::ALL.iter().map(|r| {
            let method = if r.is_upload() { "POST" } else { "GET" };
            format!("{method} {}", r.path())
        }))
        .collect();
    for (kind, known, what) in [
        (Kind::Function, &registered, "server function"),
        (Kind::Page, &routes, "page route"),
        (Kind::Route, &other, "other route"),
    ] {
        let rows: Vec<&str> = MATRIX
            .iter()
            .filter(|r| r.kind == kind)
            .map(|r| r.name)
            .collect();
        let in_rows: BTreeSet<&str> = rows.iter().copied().collect();
        if in_rows.len() != rows.len() {
            problems.push(format!("{what}: duplicate rows in the matrix"));
        }
        for name in known {
            if !in_rows.contains(name.as_str()) {
                problems.push(format!(
                    "{what} `{name}` has no row in the authorisation matrix"
                ));
            }
        }
        for name in &in_rows {
            if !known.contains(*name) {
                problems.push(format!("row `{name}` names no registered {what}"));
            }
        }
    }
    problems
}

#[tokio::test]
async fn every_registered_server_function_and_page_has_exactly_one_row_in_the_matrix() {
    let problems = completeness_problems();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

async fn every_server_function_and_page_allows_exactly_the_roles_in_the_matrix(backend: Backend) {
    let mut problems = completeness_problems();
    let mut f = fixture(backend).await;
    for row in MATRIX {
        let mut statuses = Vec::new();
        for (role, expect) in row.expect.iter().enumerate() {
            f.ids.insert("role", role.to_string());
            let fields: Vec<(&str, String)> = row
                .fields
                .iter()
                .map(|(k, v)| (*k, fill(v, &f.ids)))
                .collect();
            let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
            if ROLES[role] == "deactivated" {
                f.clients[role].cookie = f.dead_cookie.clone();
            }
            let client = &mut f.clients[role];
            let response: TestResponse = match row.kind {
                Kind::Function => client.call(row.name, &fields).await,
                Kind::Page => client.get(&fill(row.url, &f.ids)).await,
                Kind::Route if row.name.starts_with("POST ") => {
                    client.post_form(&fill(row.url, &f.ids), &fields).await
                }
                Kind::Route => client.get(&fill(row.url, &f.ids)).await,
            };
            statuses.push(response.status.as_u16().to_string());
            if !judge(row.kind, *expect, response.status) {
                let excerpt: String = match row.kind {
                    Kind::Function | Kind::Route => response.body.chars().take(200).collect(),
                    Kind::Page => format!(
                        "<title>{}</title>",
                        response
                            .body
                            .split("<title>")
                            .nth(1)
                            .and_then(|t| t.split("</title>").next())
                            .unwrap_or("")
                    ),
                };
                problems.push(format!(
                    "{} × {}: expected {:?}, got {} — {}",
                    row.name, ROLES[role], expect, response.status, excerpt
                ));
            }
        }
        // The observed statuses, for reading with `--no-capture`.
        println!("{:<45} {}", row.name, statuses.join(" "));
    }
    assert!(
        problems.is_empty(),
        "{} mismatches in the authorisation matrix:\n{}",
        problems.len(),
        problems.join("\n")
    );
}
