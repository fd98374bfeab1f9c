//! Demo processes in step 3 (discourse):
//!
//! - "Leitlinie Datenschutz im Alltag": round 1 on version 1 is closed (every comment answered,
//!   so its feedback report exists, and the accepted ones are linked to version 2); round 2 on
//!   version 2 is open with 200 comments, some of them already answered.
//! - "Leitlinie Social Media": two versions and a round on version 2 whose deadline has passed,
//!   with three comments still waiting for an answer — the state in which the project group answers and closes a round.
//!
//! The coordinator (id 1) is in both project groups; the staff account (id 2) wrote comments.

use super::example::GROUP;
use app::audit::ssr::record;
use app::domain::audit::AuditAction;
use app::domain::disposition::Disposition;
use app::domain::markdown;
use app::domain::process::Step;
use app::domain::round::Audience;
use app::entities::{
    comment, comment_change, comment_support, disposition, process, round, user, version,
};
use app::error::AppError;
use app::process::transition::replay;
use app::round::split_blocks;
use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, DatabaseTransaction, EntityTrait,
    QueryFilter, QuerySelect, Set, TransactionTrait,
};
use sha2::{Digest, Sha256};

/// Version 1 of the privacy guideline.
const PRIVACY_V1: &str = "# Datenschutz im Alltag\n\nDiese Leitlinie beschreibt, wie wir im Alltag mit persönlichen Daten umgehen.\n\n## Grundsätze\n\nWir erheben nur Daten, die wir für unsere Arbeit brauchen.\n\nDaten von Klientinnen und Klienten bleiben in unseren Systemen.\n\n## Telefon und Messenger\n\nDienstliche Nachrichten schreiben wir nur mit dem dienstlichen Telefon.\n\n## Papier und Ablage\n\nAkten liegen nicht offen herum. Am Ende des Tages ist der Schreibtisch leer.\n\n## Fragen\n\nFragen beantwortet die Datenschutzbeauftragte.\n";

/// Version 2: round 1 merged in.
const PRIVACY_V2: &str = "# Datenschutz im Alltag\n\nDiese Leitlinie beschreibt, wie wir im Alltag mit persönlichen Daten umgehen. Sie gilt für alle Mitarbeitenden, auch für Ehrenamtliche.\n\n## Grundsätze\n\nWir erheben nur Daten, die wir für unsere Arbeit brauchen.\n\nDaten von Klientinnen und Klienten bleiben in unseren Systemen. Ausnahmen regelt eine Liste der freigegebenen Dienste.\n\n## Telefon und Messenger\n\nDienstliche Nachrichten schreiben wir nur mit dem dienstlichen Telefon. Private Messenger nutzen wir dafür nicht, auch nicht in Notfällen.\n\n## Papier und Ablage\n\nAkten liegen nicht offen herum. Am Ende des Tages ist der Schreibtisch leer.\n\n## Fragen\n\nFragen beantwortet die Datenschutzbeauftragte. Sie bietet jeden Monat eine offene Sprechstunde an.\n";

/// The social-media guideline, version 1.
const SOCIAL_V1: &str = "# Social Media\n\nWir zeigen unsere Arbeit gern in sozialen Netzwerken.\n\n## Fotos\n\nFotos von Klientinnen und Klienten veröffentlichen wir nur mit Einwilligung.\n\n## Private Konten\n\nWer privat über die Arbeit schreibt, nennt keine Namen und keine Orte.\n";

/// Version 2 (the round discusses it): the consent must be written.
const SOCIAL_V2: &str = "# Social Media\n\nWir zeigen unsere Arbeit gern in sozialen Netzwerken.\n\n## Fotos\n\nFotos von Klientinnen und Klienten veröffentlichen wir nur mit schriftlicher Einwilligung.\n\n## Private Konten\n\nWer privat über die Arbeit schreibt, nennt keine Namen und keine Orte.\n";

/// Round 1 of the privacy guideline: (block index among the paragraphs, author slot,
/// anonymous, text, answer, reason, title of the section of version 2 it changed).
type ClosedComment = (
    usize,
    usize,
    bool,
    &'static str,
    Disposition,
    Option<&'static str>,
    Option<&'static str>,
);

const ROUND_1: &[ClosedComment] = &[
    (0, 0, false, "Gilt das auch für Ehrenamtliche? Die arbeiten oft mit denselben Daten.", Disposition::Accepted, None, Some("Datenschutz im Alltag")),
    (2, 1, false, "Was ist mit Diensten, die wir schon nutzen, zum Beispiel der Dienstplan-App?", Disposition::PartlyAccepted, Some("Wir führen eine Liste der freigegebenen Dienste; die Dienstplan-App kommt darauf, andere Dienste prüfen wir einzeln."), Some("Grundsätze")),
    (3, 0, true, "Im Notfall schreibe ich Kolleginnen auch mal privat. Darf ich das dann nicht mehr?", Disposition::PartlyAccepted, Some("Private Messenger bleiben auch im Notfall tabu; für Notfälle gibt es das Bereitschaftstelefon."), Some("Telefon und Messenger")),
    (4, 2, false, "Ein leerer Schreibtisch ist im Gruppenraum kaum möglich, wir teilen uns einen Tisch zu fünft.", Disposition::Deferred, Some("Das klären wir mit der Haustechnik; abschließbare Fächer nehmen wir in die Überprüfung 2028 auf.", ), None),
    (5, 3, false, "Eine feste Sprechstunde wäre hilfreich, per Mail traue ich mich oft nicht zu fragen.", Disposition::Accepted, Some("Danke – die Sprechstunde gibt es ab Januar."), Some("Fragen")),
    (1, 1, false, "Der Satz ist zu allgemein. Welche Daten brauchen wir denn?", Disposition::NotAccepted, Some("Das hängt vom Arbeitsbereich ab; die Verzeichnisse der Verarbeitungstätigkeiten regeln es im Einzelnen."), None),
    (3, 2, false, "Bitte auch E-Mail erwähnen, nicht nur Messenger.", Disposition::NotAccepted, Some("E-Mail regelt die bestehende E-Mail-Richtlinie; wir verweisen nicht doppelt."), None),
];

/// Comment texts of the open round, combined with teams for variety.
const OPEN_TEXTS: &[&str] = &[
    "Die Liste der freigegebenen Dienste sollte im Intranet leicht zu finden sein.",
    "Wer pflegt die Liste, und wie schnell kommt ein neuer Dienst dazu?",
    "Gut, dass Ehrenamtliche jetzt ausdrücklich genannt werden.",
    "Das Bereitschaftstelefon ist nachts oft besetzt. Was dann?",
    "Bitte Beispiele für erlaubte und verbotene Fälle ergänzen.",
    "Die Sprechstunde sollte auch online möglich sein.",
    "Im ambulanten Dienst haben wir keinen Schreibtisch. Wie gilt der Abschnitt für uns?",
    "Ich verstehe nicht, was mit Systemen gemeint ist.",
    "Der Text ist verständlich geschrieben, danke.",
    "Können wir Fotos für die Dokumentation mit dem Diensthandy machen?",
    "Was passiert, wenn jemand gegen die Leitlinie verstößt?",
    "Die Regel zu Messengern ist zu streng für Wohngruppen mit Jugendlichen.",
];

const TEAMS: &[&str] = &[
    "Ambulante Pflege",
    "Jugendhilfe",
    "Kita",
    "Beratung",
    "Verwaltung",
    "Wohngruppe Nord",
    "Eingliederungshilfe",
    "Stationäre Pflege",
];

/// Comments in the open round.
const OPEN_COMMENTS: usize = 200;
/// Of which the project group has already answered.
const OPEN_ANSWERED: usize = 60;

fn hash(text: &str) -> String {
    Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The ids of the paragraphs that are not headings, in order.
fn text_blocks(markdown_text: &str) -> Vec<String> {
    split_blocks(&markdown::render(markdown_text).html)
        .into_iter()
        .filter(|b| !b.html.starts_with("<h1") && !b.html.starts_with("<h2"))
        .map(|b| b.id)
        .collect()
}

/// A process in step 3 with its group and step history.
pub(super) async fn discourse_process(
    txn: &DatabaseTransaction,
    title: &str,
    description: &str,
    group: &[i64],
    started: DateTime<Utc>,
) -> Result<process::Model, AppError> {
    let coordinator = 1;
    let process = process::ActiveModel {
        title: Set(title.to_owned()),
        description: Set(description.to_owned()),
        step: Set(Step::Collect),
        revision: Set(1),
        contributions_visible: Set(true),
        created_by: Set(coordinator),
        created_at: Set(started),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    let path = [
        (Step::Collect, started),
        (Step::Draft, started + Duration::days(10)),
        (Step::Discourse, started + Duration::days(20)),
    ];
    let changes = replay(txn, process.id, coordinator, &path).await?;
    let process = process::Model {
        step: Step::Discourse,
        ..process
    };
    for change in changes {
        record(
            txn,
            Some(coordinator),
            AuditAction::StepChanged,
            "process",
            Some(process.id),
            change.audit_details(),
        )
        .await?;
    }
    use app::domain::group::Perspective;
    let perspectives = [
        Perspective::Advocate,
        Perspective::DataProtection,
        Perspective::WorksCouncil,
        Perspective::Critic,
    ];
    for (i, user_id) in group.iter().enumerate() {
        app::process::ssr::insert_member(
            txn,
            process.id,
            *user_id,
            &[perspectives[i % perspectives.len()]],
            coordinator,
            started,
        )
        .await?;
        record(
            txn,
            Some(coordinator),
            AuditAction::RoleGranted,
            "user",
            Some(*user_id),
            serde_json::json!({
                "role": "project_group",
                "process_id": process.id,
                "perspective": perspectives[i % perspectives.len()].as_str(),
                "previous": null,
            }),
        )
        .await?;
    }
    Ok(process)
}

pub(super) async fn publish(
    txn: &DatabaseTransaction,
    process_id: i64,
    number: i32,
    body: &str,
    summary: &str,
    by: i64,
    at: DateTime<Utc>,
) -> Result<version::Model, AppError> {
    let published = version::ActiveModel {
        process_id: Set(process_id),
        number: Set(number),
        body: Set(body.to_owned()),
        body_html: Set(markdown::render(body).html),
        change_summary: Set(summary.to_owned()),
        content_hash: Set(hash(body)),
        published_by: Set(by),
        published_at: Set(at),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    record(
        txn,
        Some(by),
        AuditAction::VersionPublished,
        "version",
        Some(published.id),
        serde_json::json!({
            "process_id": process_id,
            "version_number": number,
            "content_hash": published.content_hash,
            "change_summary": summary,
        }),
    )
    .await?;
    Ok(published)
}

/// Logs the opening of a demo round as the app would.
async fn record_opened(
    txn: &DatabaseTransaction,
    round: &round::Model,
    version_number: i32,
) -> Result<(), AppError> {
    record(
        txn,
        Some(round.opened_by),
        AuditAction::RoundOpened,
        "round",
        Some(round.id),
        serde_json::json!({
            "process_id": round.process_id,
            "version_id": round.version_id,
            "version_number": version_number,
            "starts_at": round.starts_at.to_rfc3339(),
            "deadline": round.deadline.to_rfc3339(),
            "audience": round.audience.to_stored(),
        }),
    )
    .await
}

#[expect(
    clippy::too_many_arguments,
    reason = "one argument per column of a demo row"
)]
fn new_comment(
    round: &round::Model,
    block_id: &str,
    author_id: i64,
    anonymous: bool,
    body: &str,
    parent_id: Option<i64>,
    hidden_reason: Option<&str>,
    at: DateTime<Utc>,
) -> comment::ActiveModel {
    comment::ActiveModel {
        round_id: Set(round.id),
        version_id: Set(round.version_id),
        block_id: Set(block_id.to_owned()),
        quote: Set(None),
        parent_id: Set(parent_id),
        author_id: Set(author_id),
        anonymous: Set(anonymous),
        body: Set(body.to_owned()),
        body_hash: Set(hash(body)),
        hidden_reason: Set(hidden_reason.map(str::to_owned)),
        hidden_by: Set(hidden_reason.map(|_| 1)),
        created_at: Set(at),
        edited_at: Set(None),
        ..Default::default()
    }
}

/// Creates both demo processes (after the demo accounts and the example process).
pub async fn seed(db: &DatabaseConnection) -> Result<(), AppError> {
    let now = Utc::now();
    let coordinator = 1;
    let staff = 2;
    let emails: Vec<&str> = GROUP.iter().map(|(_, email, _)| *email).collect();
    let mut others: Vec<i64> = user::Entity::find()
        .filter(user::Column::Email.is_in(emails))
        .all(db)
        .await?
        .into_iter()
        .map(|u| u.id)
        .collect();
    others.sort_unstable();
    // Authors of comments: the staff account first, then the other demo people.
    let mut authors = vec![staff];
    authors.extend(others.iter().copied());
    let group = [coordinator, *others.get(2).unwrap_or(&coordinator)];

    // ---- Leitlinie Datenschutz im Alltag ------------------------------------------------
    let txn = db.begin().await?;
    let started = now - Duration::days(70);
    let process = discourse_process(
        &txn,
        "Leitlinie Datenschutz im Alltag",
        "Wie wir im Alltag mit persönlichen Daten umgehen – von Messenger bis Schreibtisch.",
        &group,
        started,
    )
    .await?;
    let v1 = publish(
        &txn,
        process.id,
        1,
        PRIVACY_V1,
        "Erster Entwurf.",
        coordinator,
        started + Duration::days(19),
    )
    .await?;
    let round_1 = round::ActiveModel {
        process_id: Set(process.id),
        version_id: Set(v1.id),
        starts_at: Set(started + Duration::days(20)),
        deadline: Set(started + Duration::days(34)),
        audience: Set(Audience::Everyone),
        anonymous_allowed: Set(true),
        opened_by: Set(coordinator),
        opened_at: Set(started + Duration::days(20)),
        closed_at: Set(Some(started + Duration::days(40))),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    record_opened(&txn, &round_1, 1).await?;
    let v2 = publish(
        &txn,
        process.id,
        2,
        PRIVACY_V2,
        "Runde 1 eingearbeitet: Ehrenamtliche, Liste freigegebener Dienste, Sprechstunde.",
        coordinator,
        started + Duration::days(41),
    )
    .await?;
    let blocks_1 = text_blocks(PRIVACY_V1);
    let sections_2 = markdown::split_sections(PRIVACY_V2);
    for (i, (block, slot, anonymous, body, answer, reason, anchor)) in ROUND_1.iter().enumerate() {
        let at = started + Duration::days(21) + Duration::hours(7 * i as i64);
        let block_id = blocks_1.get(*block).cloned().unwrap_or_default();
        let row = new_comment(
            &round_1,
            &block_id,
            authors[slot % authors.len()],
            *anonymous,
            body,
            None,
            None,
            at,
        )
        .insert(&txn)
        .await?;
        disposition::ActiveModel {
            comment_id: Set(row.id),
            kind: Set(*answer),
            reason: Set(reason.map(str::to_owned)),
            decided_by: Set(coordinator),
            decided_at: Set(started + Duration::days(38)),
        }
        .insert(&txn)
        .await?;
        record(
            &txn,
            Some(coordinator),
            AuditAction::DispositionSet,
            "comment",
            Some(row.id),
            serde_json::json!({
                "process_id": process.id,
                "round_id": round_1.id,
                "comment_ids": [row.id],
                "count": 1,
                "disposition": answer.as_str(),
                "reason": reason,
            }),
        )
        .await?;
        let anchor = anchor.and_then(|title| {
            sections_2
                .iter()
                .find(|s| s.title == title)
                .map(|s| s.anchor.clone())
        });
        if let Some(anchor) = anchor {
            comment_change::ActiveModel {
                comment_id: Set(row.id),
                version_id: Set(v2.id),
                anchor: Set(anchor),
                linked_by: Set(coordinator),
                linked_at: Set(started + Duration::days(41)),
            }
            .insert(&txn)
            .await?;
        }
        for supporter in authors.iter().filter(|a| **a != row.author_id).take(i % 4) {
            comment_support::ActiveModel {
                comment_id: Set(row.id),
                user_id: Set(*supporter),
                created_at: Set(at + Duration::hours(2)),
            }
            .insert(&txn)
            .await?;
        }
    }
    let hidden = new_comment(
        &round_1,
        blocks_1.get(1).map_or("", String::as_str),
        authors[authors.len() - 1],
        false,
        "Wer das geschrieben hat, hat keine Ahnung von unserer Arbeit.",
        None,
        Some("Persönlicher Angriff; bitte sachlich bleiben."),
        started + Duration::days(25),
    )
    .insert(&txn)
    .await
    .map_err(AppError::from)?;
    record(
        &txn,
        Some(coordinator),
        AuditAction::CommentHidden,
        "comment",
        Some(hidden.id),
        serde_json::json!({
            "round_id": round_1.id,
            "reason": hidden.hidden_reason,
            "previous": null,
        }),
    )
    .await?;
    record(
        &txn,
        Some(coordinator),
        AuditAction::RoundClosed,
        "round",
        Some(round_1.id),
        serde_json::json!({
            "process_id": process.id,
            "version_id": round_1.version_id,
            "comments": ROUND_1.len(),
        }),
    )
    .await?;
    txn.commit().await?;

    // The open round on version 2: 200 comments in batches, 60 already answered.
    let txn = db.begin().await?;
    let round_2 = round::ActiveModel {
        process_id: Set(process.id),
        version_id: Set(v2.id),
        starts_at: Set(now - Duration::days(4)),
        deadline: Set(now + Duration::days(10)),
        audience: Set(Audience::Everyone),
        anonymous_allowed: Set(true),
        opened_by: Set(coordinator),
        opened_at: Set(now - Duration::days(4)),
        closed_at: Set(None),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    record_opened(&txn, &round_2, 2).await?;
    let blocks_2 = text_blocks(PRIVACY_V2);
    let start = now - Duration::days(4);
    let rows = (0..OPEN_COMMENTS).map(|i| {
        let text = OPEN_TEXTS[i % OPEN_TEXTS.len()];
        let team = TEAMS[i % TEAMS.len()];
        let body = format!("{text} ({team})");
        new_comment(
            &round_2,
            blocks_2
                .get(i % blocks_2.len().max(1))
                .map_or("", String::as_str),
            authors[i % authors.len()],
            i % 7 == 3,
            &body,
            None,
            None,
            start + Duration::minutes(25 * i as i64),
        )
    });
    comment::Entity::insert_many(rows).exec(&txn).await?;
    let ids: Vec<i64> = comment::Entity::find()
        .select_only()
        .column(comment::Column::Id)
        .filter(comment::Column::RoundId.eq(round_2.id))
        .into_tuple::<i64>()
        .all(&txn)
        .await?;
    let answers = [
        (Disposition::Accepted, None),
        (
            Disposition::PartlyAccepted,
            Some("Wir ergänzen Beispiele im Anhang."),
        ),
        (
            Disposition::NotAccepted,
            Some("Das regelt bereits die Dienstanweisung IT."),
        ),
        (
            Disposition::Deferred,
            Some("Nehmen wir in die nächste Überprüfung mit."),
        ),
    ];
    let decided = ids.iter().take(OPEN_ANSWERED).enumerate().map(|(i, id)| {
        let (kind, reason) = answers[i % answers.len()];
        disposition::ActiveModel {
            comment_id: Set(*id),
            kind: Set(kind),
            reason: Set(reason.map(str::to_owned)),
            decided_by: Set(coordinator),
            decided_at: Set(now - Duration::days(1)),
        }
    });
    disposition::Entity::insert_many(decided).exec(&txn).await?;
    // Logged as the app logs a bulk answer: one entry per answer given to several comments.
    for (k, (kind, reason)) in answers.iter().enumerate() {
        let answered: Vec<i64> = ids
            .iter()
            .take(OPEN_ANSWERED)
            .enumerate()
            .filter(|(i, _)| i % answers.len() == k)
            .map(|(_, id)| *id)
            .collect();
        record(
            &txn,
            Some(coordinator),
            AuditAction::DispositionSet,
            "round",
            Some(round_2.id),
            serde_json::json!({
                "process_id": process.id,
                "round_id": round_2.id,
                "comment_ids": answered,
                "count": answered.len(),
                "disposition": kind.as_str(),
                "reason": reason,
            }),
        )
        .await?;
    }
    // The group replies to every twentieth comment, on its paragraph.
    let top = comment::Entity::find()
        .filter(comment::Column::RoundId.eq(round_2.id))
        .all(&txn)
        .await?;
    let replies = top.iter().step_by(20).map(|parent| {
        new_comment(
            &round_2,
            &parent.block_id,
            coordinator,
            false,
            "Danke, wir nehmen das auf.",
            Some(parent.id),
            None,
            now - Duration::days(1),
        )
    });
    comment::Entity::insert_many(replies).exec(&txn).await?;
    txn.commit().await?;

    // ---- Leitlinie Social Media: a round awaiting its dispositions ------------------------
    let txn = db.begin().await?;
    let started = now - Duration::days(40);
    let social = discourse_process(
        &txn,
        "Leitlinie Social Media",
        "Wie wir in sozialen Netzwerken über unsere Arbeit sprechen.",
        &[coordinator],
        started,
    )
    .await?;
    publish(
        &txn,
        social.id,
        1,
        SOCIAL_V1,
        "Erster Entwurf.",
        coordinator,
        started + Duration::days(17),
    )
    .await?;
    let v2 = publish(
        &txn,
        social.id,
        2,
        SOCIAL_V2,
        "Schriftliche Einwilligung.",
        coordinator,
        started + Duration::days(19),
    )
    .await?;
    let ended = round::ActiveModel {
        process_id: Set(social.id),
        version_id: Set(v2.id),
        starts_at: Set(now - Duration::days(15)),
        deadline: Set(now - Duration::days(1)),
        audience: Set(Audience::Everyone),
        anonymous_allowed: Set(false),
        opened_by: Set(coordinator),
        opened_at: Set(now - Duration::days(15)),
        closed_at: Set(None),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    record_opened(&txn, &ended, 1).await?;
    let blocks = text_blocks(SOCIAL_V2);
    for (i, body) in [
        "Brauchen wir die Einwilligung auch für Gruppenfotos, auf denen man niemanden erkennt?",
        "Bitte ein Muster für die Einwilligung beilegen.",
        "Darf ich unsere Beiträge mit meinem privaten Konto teilen?",
    ]
    .iter()
    .enumerate()
    {
        new_comment(
            &ended,
            blocks
                .get(i + 1)
                .or(blocks.first())
                .map_or("", String::as_str),
            staff,
            false,
            body,
            None,
            None,
            now - Duration::days(10) + Duration::hours(i as i64),
        )
        .insert(&txn)
        .await?;
    }
    txn.commit().await?;
    Ok(())
}
