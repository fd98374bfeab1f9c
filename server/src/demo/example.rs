//! The example process of the demo data: "KI-Leitlinie 2027" in step 2 with contributions from
//! step 1, a mixed project group, two published versions and a working draft.

use app::audit::ssr::record;
use app::domain::account::{DisplayName, Email, NewPassword, Role};
use app::domain::audit::AuditAction;
use app::domain::contribution::Kind;
use app::domain::group::Perspective;
use app::domain::markdown;
use app::domain::process::Step;
use app::entities::{
    cluster, contribution, contribution_section, contribution_tag, version, working_draft,
};
use app::error::{AppError, Context};
use chrono::{Duration, NaiveDate, Utc};
use sea_orm::{ActiveModelTrait, DatabaseConnection, Set, TransactionTrait};
use sha2::{Digest, Sha256};

/// Version 1 of the demo guideline.
pub const VERSION_1: &str = include_str!("guideline_v1.md");
/// Version 2 of the demo guideline.
pub const VERSION_2: &str = include_str!("guideline_v2.md");

/// Further demo people who form the project group (all with the password below).
pub const GROUP: &[(&str, &str, Perspective)] = &[
    (
        "Paula Pflege",
        "pflege@demo.mitsprache.de",
        Perspective::LowTechAffinity,
    ),
    (
        "Ben Betriebsrat",
        "betriebsrat@demo.mitsprache.de",
        Perspective::WorksCouncil,
    ),
    (
        "Dana Datenschutz",
        "datenschutz@demo.mitsprache.de",
        Perspective::DataProtection,
    ),
    (
        "Lea Leitung",
        "leitung@demo.mitsprache.de",
        Perspective::Management,
    ),
];
/// The password of the further demo people.
pub const GROUP_PASSWORD: &str = "Demo-Gruppe-2026";

const KINDS: [Kind; 3] = [Kind::Experience, Kind::Expectation, Kind::Concern];

/// (kind index, team, anonymous, text, tags)
const CONTRIBUTIONS: &[(usize, &str, bool, &str, &[&str])] = &[
    (0, "Ambulante Pflege", false, "Ich nutze ein Übersetzungsprogramm, um mit Angehörigen zu sprechen, die kaum Deutsch können. Das hilft sehr, aber ich weiß nicht, ob ich das darf.", &["übersetzung", "datenschutz"]),
    (2, "Ambulante Pflege", true, "Ich habe Angst, dass die Dokumentation bald von einer Maschine geschrieben wird und niemand mehr genau hinschaut.", &["dokumentation"]),
    (1, "Verwaltung", false, "Ich wünsche mir klare Regeln, welche Programme wir für Briefe und Protokolle verwenden dürfen.", &["regeln"]),
    (0, "Verwaltung", false, "Für Protokolle von Teambesprechungen spart mir ein Schreibassistent jede Woche fast eine Stunde.", &["protokolle"]),
    (2, "Jugendhilfe", true, "Daten von Kindern und Jugendlichen dürfen auf keinen Fall in fremde Hände geraten.", &["datenschutz"]),
    (1, "Jugendhilfe", false, "Eine Schulung für alle, nicht nur für die Technikbegeisterten.", &["schulung"]),
    (2, "Beratung", false, "Wer haftet, wenn eine KI falsche Auskünfte gibt, die wir an Ratsuchende weitergeben?", &["haftung"]),
    (0, "Beratung", false, "Wir haben ausprobiert, Infotexte in Leichte Sprache zu übertragen. Die Vorschläge waren gut, mussten aber immer nachgebessert werden.", &["leichte sprache"]),
    (1, "Stationäre Pflege", false, "Die Leitlinie soll kurz und verständlich sein, nicht wie ein Vertrag.", &["verständlichkeit"]),
    (2, "Stationäre Pflege", true, "Ich mache mir Sorgen, dass Stellen gestrichen werden, wenn KI Arbeit übernimmt.", &["arbeitsplätze"]),
    (0, "IT", false, "Viele Kolleginnen nutzen private Konten bei KI-Diensten. Wir sehen das an den Zugriffen.", &["schatten-it", "datenschutz"]),
    (1, "IT", false, "Wir brauchen ein Register aller Werkzeuge mit einer verantwortlichen Person.", &["register"]),
    (2, "Betriebsrat", false, "Eine Leistungs- und Verhaltenskontrolle durch KI darf es nicht geben.", &["mitbestimmung"]),
    (1, "Betriebsrat", false, "Der Betriebsrat muss vor der Einführung neuer Werkzeuge beteiligt werden.", &["mitbestimmung"]),
    (0, "Kita", false, "Für Elternbriefe in mehreren Sprachen war ein KI-Werkzeug eine große Hilfe.", &["übersetzung"]),
    (2, "Kita", true, "Fotos von Kindern dürfen nie in ein KI-Programm hochgeladen werden.", &["datenschutz"]),
    (1, "Geschäftsführung", false, "Wir wollen Chancen nutzen, aber mit klaren Grenzen und nachvollziehbar.", &["regeln"]),
    (0, "Eingliederungshilfe", false, "Eine Vorlesefunktion hilft einer Klientin mit Sehbehinderung, ihre Post selbst zu lesen.", &["teilhabe"]),
    (2, "Eingliederungshilfe", false, "Nicht alle Klientinnen und Klienten können einschätzen, was mit ihren Daten passiert.", &["datenschutz", "teilhabe"]),
    (1, "Ambulante Pflege", false, "Ich möchte wissen, an wen ich mich wenden kann, wenn ich unsicher bin.", &["ansprechperson"]),
    (0, "Stationäre Pflege", true, "Ich habe einmal einen Pflegebericht von einer KI zusammenfassen lassen. Danach war mir unwohl.", &["dokumentation", "datenschutz"]),
    (1, "Verwaltung", false, "Bitte Beispiele: Was ist erlaubt, was nicht? Ganz konkret aus unserem Alltag.", &["verständlichkeit"]),
    (2, "Beratung", false, "KI-Antworten klingen sehr sicher, auch wenn sie falsch sind. Das ist gefährlich.", &["haftung"]),
    (1, "Jugendhilfe", false, "Die Leitlinie sollte regelmäßig überprüft werden, die Technik ändert sich schnell.", &["überprüfung"]),
    (0, "IT", false, "Unser Testlauf mit einem Dienst in einem Rechenzentrum in der EU lief stabil.", &["technik"]),
    (2, "Kita", false, "Ich habe keine Zeit für noch eine Schulung neben der Arbeit.", &["schulung"]),
    (1, "Stationäre Pflege", false, "Schulungen sollten in der Arbeitszeit stattfinden.", &["schulung"]),
    (0, "Beratung", true, "Ich habe mit einer KI eine schwierige E-Mail entschärft. Das hat geholfen, ohne dass Namen drinstanden.", &["kommunikation"]),
    (2, "Verwaltung", false, "Wenn jeder ein anderes Werkzeug nimmt, wird es unübersichtlich und teuer.", &["register"]),
    (1, "Eingliederungshilfe", false, "Die Leitlinie sollte es auch in Leichter Sprache geben.", &["leichte sprache", "verständlichkeit"]),
];

fn hash(text: &str) -> String {
    Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Creates the example process (the demo accounts must exist: coordinator id 1, staff id 2).
pub async fn seed(db: &DatabaseConnection) -> Result<(), AppError> {
    let now = Utc::now();
    let coordinator = 1;
    let staff = 2;
    let password = NewPassword::parse(GROUP_PASSWORD, GROUP_PASSWORD).map_err(AppError::invalid)?;
    let mut group = vec![
        (coordinator, Perspective::Advocate),
        (staff, Perspective::Critic),
    ];
    for (name, email, perspective) in GROUP {
        let name = DisplayName::parse(name).map_err(AppError::invalid)?;
        let email = Email::parse(email).map_err(AppError::invalid)?;
        let user = app::account::ssr::create_user_with_password(
            db,
            &name,
            &email,
            &[Role::Staff],
            &password,
        )
        .await?;
        group.push((user.id, *perspective));
        // A member may bring several perspectives: the works council member is also a critic.
        if *perspective == Perspective::WorksCouncil {
            group.push((user.id, Perspective::Critic));
        }
    }

    let txn = db.begin().await?;
    let started = now - Duration::days(42);
    let process = app::entities::process::ActiveModel {
        title: Set("KI-Leitlinie 2027".to_owned()),
        description: Set("Wie wir Künstliche Intelligenz in unserer Arbeit nutzen wollen – gemeinsam erarbeitet mit allen Mitarbeitenden.".to_owned()),
        step: Set(Step::Collect),
        revision: Set(1),
        contributions_visible: Set(true),
        created_by: Set(coordinator),
        created_at: Set(started),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let path = [
        (Step::Collect, now - Duration::days(42)),
        (Step::Draft, now - Duration::days(14)),
    ];
    // The demo's history goes into the audit log as the app would have written it.
    for change in app::process::transition::replay(&txn, process.id, coordinator, &path).await? {
        record(
            &txn,
            Some(coordinator),
            AuditAction::StepChanged,
            "process",
            Some(process.id),
            change.audit_details(),
        )
        .await?;
    }
    for (user_id, perspective) in &group {
        app::process::ssr::insert_member(
            &txn,
            process.id,
            *user_id,
            &[*perspective],
            coordinator,
            started,
        )
        .await?;
        record(
            &txn,
            Some(coordinator),
            AuditAction::RoleGranted,
            "user",
            Some(*user_id),
            serde_json::json!({
                "role": "project_group",
                "process_id": process.id,
                "perspective": perspective.as_str(),
                "previous": null,
            }),
        )
        .await?;
    }
    let data_cluster = cluster::ActiveModel {
        process_id: Set(process.id),
        title: Set("Datenschutz bei Klientendaten".to_owned()),
        created_at: Set(now - Duration::days(16)),
        ..Default::default()
    }
    .insert(&txn)
    .await?;

    let data_section = markdown::split_sections(VERSION_2)
        .into_iter()
        .find(|s| s.title.contains("Datenschutz"))
        .context("seeding the example: version 2 has no data-protection section")?;
    let authors: Vec<i64> = group.iter().map(|(id, _)| *id).collect();
    for (i, (kind, team, anonymous, body, tags)) in CONTRIBUTIONS.iter().enumerate() {
        let row = contribution::ActiveModel {
            process_id: Set(process.id),
            kind: Set(KINDS[*kind]),
            body: Set((*body).to_owned()),
            team: Set(Some((*team).to_owned())),
            anonymous: Set(*anonymous),
            author_id: Set(authors[i % authors.len()]),
            workshop_date: Set(None),
            cluster_id: Set(tags.contains(&"datenschutz").then_some(data_cluster.id)),
            created_at: Set(started + Duration::hours(6 * i as i64 + 3)),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        for tag in *tags {
            contribution_tag::ActiveModel {
                contribution_id: Set(row.id),
                tag: Set((*tag).to_owned()),
            }
            .insert(&txn)
            .await?;
        }
        if tags.contains(&"datenschutz") {
            contribution_section::ActiveModel {
                contribution_id: Set(row.id),
                anchor: Set(data_section.anchor.clone()),
                title: Set(data_section.title.clone()),
                linked_by: Set(coordinator),
                linked_at: Set(now - Duration::days(10)),
            }
            .insert(&txn)
            .await?;
        }
    }
    // One workshop result, entered by the coordinator for a team.
    contribution::ActiveModel {
        process_id: Set(process.id),
        kind: Set(Kind::Expectation),
        body: Set("Workshop Wohngruppe Nord: Wir wünschen uns eine Sprechstunde, in der wir Fragen zu KI stellen können.".to_owned()),
        team: Set(Some("Wohngruppe Nord".to_owned())),
        anonymous: Set(false),
        author_id: Set(coordinator),
        workshop_date: Set(NaiveDate::from_ymd_opt(2026, 10, 14)),
        cluster_id: Set(None),
        created_at: Set(now - Duration::days(20)),
        ..Default::default()
    }
    .insert(&txn)
    .await?;

    for (number, body, summary, days_ago) in [
        (1, VERSION_1, "Erster Entwurf nach den zehn Kapiteln des Musteraufbaus.", 7),
        (2, VERSION_2, "Entscheidungen bleiben bei Fachkräften; Schulungen in der Arbeitszeit; Betriebsrat entscheidet bei der Risiko-Ampel mit.", 2),
    ] {
        let published = version::ActiveModel {
            process_id: Set(process.id),
            number: Set(number),
            body: Set(body.to_owned()),
            body_html: Set(markdown::render(body).html),
            change_summary: Set(summary.to_owned()),
            content_hash: Set(hash(body)),
            published_by: Set(group[2].0),
            published_at: Set(now - Duration::days(days_ago)),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        record(
            &txn,
            Some(group[2].0),
            AuditAction::VersionPublished,
            "version",
            Some(published.id),
            serde_json::json!({
                "process_id": process.id,
                "version_number": number,
                "content_hash": published.content_hash,
                "change_summary": summary,
            }),
        )
        .await?;
    }
    working_draft::ActiveModel {
        process_id: Set(process.id),
        body: Set(format!("{VERSION_2}\nIm Glossar erklären wir auch Begriffe wie „Prompt“ und „Halluzination“.\n")),
        edit_count: Set(3),
        updated_by: Set(group[2].0),
        updated_at: Set(now - Duration::days(1)),
    }
    .insert(&txn)
    .await?;
    txn.commit().await?;
    Ok(())
}
