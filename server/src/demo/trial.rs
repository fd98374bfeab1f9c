//! Demo processes after adoption, built with the app's own services so the data is consistent:
//!
//! - "Leitlinie Videoberatung": version 1 adopted by management and works council (with
//!   conditions), published with a summary, read by four people; staff report experiences in
//!   the dialogue space (including needs for change); the review date is moved to six weeks
//!   from now, so the dashboard shows it as due soon.
//! - "Leitlinie Digitale Dokumentation": version 1 adopted, two needs for change reported, then
//!   reviewed early because of a new AI tool: revision 2 is in step 3 with the needs carried in,
//!   while version 1 stays the valid published guideline.

use super::example::GROUP;
use super::privacy::{discourse_process, publish};
use app::auth::Me;
use app::domain::account::Role;
use app::domain::adoption::{Body, DecisionForm, ReviewTrigger};
use app::domain::review::Reentry;
use app::entities::{process, user};
use app::error::{AppError, Context};
use chrono::{Duration, Utc};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, TransactionTrait};

/// The video counselling guideline.
const VIDEO_V1: &str = "# Leitlinie Videoberatung\n\nWir beraten Klientinnen und Klienten auch per Video, wenn sie das wünschen.\n\n## Werkzeuge\n\nWir nutzen nur das freigegebene Videowerkzeug. Automatische Mitschriften durch KI schalten wir nur mit Einwilligung aller Beteiligten ein.\n\n## Datenschutz\n\nWir zeichnen Gespräche nicht auf. Namen und Diagnosen nennen wir nur, wenn es für die Beratung nötig ist.\n\n## Fragen\n\nFragen beantwortet die Koordination.\n";

/// The digital documentation guideline (the one under review).
const DOCS_V1: &str = "# Leitlinie Digitale Dokumentation\n\nWir dokumentieren sorgfältig, knapp und nachvollziehbar.\n\n## KI-Unterstützung\n\nKI darf Formulierungsvorschläge machen. Die Verantwortung für jeden Eintrag bleibt bei der Fachkraft.\n\n## Freigegebene Werkzeuge\n\nErlaubt ist nur die Schreibhilfe im Dokumentationssystem.\n";

/// Experience reports of the video guideline: (author slot, kind, anonymous, text, reply).
const VIDEO_POSTS: &[(usize, &str, bool, &str, Option<&str>)] = &[
    (0, "use_case", false, "Ich nutze die KI-Mitschrift in Teamsitzungen ohne Klientinnen. Das spart mir jede Woche eine Stunde.", Some("Danke! Genau dafür ist die Regel gedacht.")),
    (1, "uncertainty", true, "Muss ich die Einwilligung zur Mitschrift schriftlich einholen oder reicht mündlich zu Beginn des Gesprächs?", Some("Mündlich reicht, bitte im Protokoll vermerken. Wir nehmen das in die nächste Version auf.")),
    (2, "success_story", false, "Eine Klientin mit Hörbehinderung konnte dank der Live-Untertitel zum ersten Mal ohne Dolmetscherin teilnehmen.", None),
    (3, "need_for_change", false, "Die Leitlinie sagt nichts zu Gruppenberatungen per Video. Dort ist die Einwilligung aller kaum einzuholen.", None),
    (0, "need_for_change", true, "Das freigegebene Videowerkzeug läuft auf den Diensttablets nicht. Wir brauchen eine Alternative.", None),
];

/// Needs for change of the documentation guideline, carried into its review.
const DOCS_NEEDS: &[(usize, bool, &str)] = &[
    (1, false, "Der neue Spracheingabe-Assistent im Dokumentationssystem ist nicht geregelt. Darf ich ihn nutzen?"),
    (2, true, "Bitte klären, ob KI-Vorschläge als solche im Eintrag gekennzeichnet werden müssen."),
];

/// The signed-in view of a stored account, as the services expect it.
fn me(row: &user::Model) -> Me {
    Me {
        id: row.id,
        display_name: row.display_name.clone(),
        email: row.email.clone(),
        roles: vec![Role::Staff],
        team: None,
    }
}

async fn reload(db: &DatabaseConnection, id: i64) -> Result<process::Model, AppError> {
    process::Entity::find_by_id(id)
        .one(db)
        .await
        .context("seeding the trial: reloading a process")?
        .context("seeding the trial: a process just written is missing")
}

/// Creates a process in step 3 with version 1 and two required bodies, proposes version 1 and
/// records both approvals (the works council's with conditions), which adopts and publishes it.
async fn adopted(
    db: &DatabaseConnection,
    title: &str,
    description: &str,
    text: &str,
    summary: &str,
    group: &[i64],
    started_days_ago: i64,
) -> Result<process::Model, AppError> {
    let coordinator = 1;
    let staff = 2;
    let started = Utc::now() - Duration::days(started_days_ago);
    let txn = db.begin().await?;
    let p = discourse_process(&txn, title, description, group, started).await?;
    publish(
        &txn,
        p.id,
        1,
        text,
        "Erste Version.",
        coordinator,
        started + Duration::days(20),
    )
    .await?;
    txn.commit().await?;
    let management = app::adoption::ssr::add_body(
        db,
        p.id,
        &Body::new(0, "Geschäftsführung", true).map_err(AppError::invalid)?,
    )
    .await?;
    let council = app::adoption::ssr::add_body(
        db,
        p.id,
        &Body::new(0, "Betriebsrat", true).map_err(AppError::invalid)?,
    )
    .await?;
    app::adoption::ssr::add_member(
        db,
        p.id,
        management,
        coordinator,
        "koordination@demo.mitsprache.de",
    )
    .await?;
    app::adoption::ssr::add_member(
        db,
        p.id,
        council,
        coordinator,
        "mitarbeit@demo.mitsprache.de",
    )
    .await?;
    app::adoption::ssr::propose(db, &p, coordinator).await?;
    app::adoption::ssr::save_summary(db, coordinator, p.id, summary).await?;
    let hash = app::draft::ssr::content_hash(text);
    // The German date, as the meeting date is checked against it.
    let today = app::domain::round::berlin_date(Utc::now())
        .format("%Y-%m-%d")
        .to_string();
    for (body_id, by, kind, conditions, minutes) in [
        (
            management,
            coordinator,
            "approved",
            "",
            "GF-Sitzung 2026/21, TOP 4",
        ),
        (
            council,
            staff,
            "approved_with_conditions",
            "Alle Teams werden bis Ende des Quartals geschult.",
            "BR-Sitzung 2026/19, TOP 2",
        ),
    ] {
        let current = reload(db, p.id).await?;
        let form = DecisionForm {
            body_id,
            kind,
            text: conditions,
            meeting_date: &today,
            minutes_ref: minutes,
            content_hash: &hash,
            supersedes: None,
        };
        app::adoption::ssr::record(db, &current, by, &form).await?;
    }
    reload(db, p.id).await
}

/// Posts a report (and a reply by the coordinator) through the dialogue service.
async fn post(
    db: &DatabaseConnection,
    p: &process::Model,
    author: &user::Model,
    kind: &str,
    anonymous: bool,
    text: &str,
    parent_id: Option<i64>,
) -> Result<i64, AppError> {
    app::dialogue::ssr::post(
        db,
        &me(author),
        p,
        app::dialogue::ssr::PostInput {
            kind: kind.to_owned(),
            body: text.to_owned(),
            anonymous,
            parent_id,
        },
    )
    .await
}

/// Seeds both processes.
pub async fn seed(db: &DatabaseConnection) -> Result<(), AppError> {
    let coordinator = 1;
    let emails: Vec<&str> = GROUP.iter().map(|(_, email, _)| *email).collect();
    let mut people = user::Entity::find()
        .filter(user::Column::Id.eq(2))
        .all(db)
        .await?;
    let mut others = user::Entity::find()
        .filter(user::Column::Email.is_in(emails))
        .all(db)
        .await?;
    others.sort_by_key(|u| u.id);
    people.extend(others);
    let kim = user::Entity::find_by_id(coordinator)
        .one(db)
        .await
        .context("seeding the trial: loading the coordinator")?
        .context("seeding the trial: the coordinator just found is missing")?;
    let author = |slot: usize| people.get(slot % people.len().max(1)).cloned();
    let group: Vec<i64> = std::iter::once(coordinator)
        .chain(people.get(3).map(|u| u.id))
        .collect();

    // ---- Leitlinie Videoberatung: adopted, in trial -----------------------------------------
    let video = adopted(
        db,
        "Leitlinie Videoberatung",
        "Beratung per Video – mit KI-Mitschrift und Untertiteln, aber sicher.",
        VIDEO_V1,
        "Wir beraten auch per Video. KI-Mitschriften **nur mit Einwilligung**, keine Aufzeichnungen.",
        &group,
        120,
    )
    .await?;
    for reader in std::iter::once(coordinator).chain(people.iter().take(3).map(|u| u.id)) {
        app::adoption::ssr::acknowledge(db, video.id, reader).await?;
    }
    for (slot, kind, anonymous, text, reply) in VIDEO_POSTS {
        let Some(author) = author(*slot) else {
            continue;
        };
        let id = post(db, &video, &author, kind, *anonymous, text, None).await?;
        if let Some(reply) = reply {
            post(db, &video, &kim, "", false, reply, Some(id)).await?;
        }
    }
    let in_six_weeks = app::domain::round::berlin_date(Utc::now()) + Duration::days(42);
    app::review::ssr::reschedule(db, &video, coordinator, in_six_weeks).await?;

    // ---- Leitlinie Digitale Dokumentation: adopted, now under review ------------------------
    let docs = adopted(
        db,
        "Leitlinie Digitale Dokumentation",
        "Wie KI beim Dokumentieren helfen darf.",
        DOCS_V1,
        "KI macht Vorschläge, **die Fachkraft entscheidet**.",
        &group,
        200,
    )
    .await?;
    for reader in std::iter::once(coordinator).chain(people.iter().take(2).map(|u| u.id)) {
        app::adoption::ssr::acknowledge(db, docs.id, reader).await?;
    }
    for (slot, anonymous, text) in DOCS_NEEDS {
        let Some(author) = author(*slot) else {
            continue;
        };
        post(
            db,
            &docs,
            &author,
            "need_for_change",
            *anonymous,
            text,
            None,
        )
        .await?;
    }
    app::review::ssr::start(
        db,
        &docs,
        coordinator,
        &ReviewTrigger::parse("new_tool", "Microsoft Copilot in Outlook und Word")
            .map_err(AppError::invalid)?,
        Reentry::Discourse,
    )
    .await?;
    Ok(())
}
