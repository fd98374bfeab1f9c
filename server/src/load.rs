//! `server seed-load`: a large, realistic organisation for the benchmarks in `bench/`.
//!
//! At full scale: 15,000 accounts (one coordinator, the rest staff), 20 processes, one guideline
//! of about 12,000 words in ten chapters published in five versions, and an open round on the
//! latest version with 2,000 comments (a fifth of them replies), several thousand supports and a
//! tenth of the comments answered. The data is deterministic (a fixed seed) and is written the
//! way the app writes it: Markdown rendered by `app::domain::markdown`, the version hash from
//! `app::draft::ssr::content_hash`, comment fingerprints from `CommentBody`, and every change
//! that the app logs has its entry in the audit chain (computed with `app::domain::audit`).
//!
//! Speed: rows go in with `insert_many` in chunks inside one transaction, and all accounts share
//! ONE argon2id hash of [`LOAD_PASSWORD`], computed once with the app's own (secure, unchanged)
//! parameters — hashing 15,000 passwords separately would take many minutes and measure nothing.

use app::domain::account::{NewPassword, Role};
use app::domain::audit::{append_after, AuditAction, ChainHead, NewAuditEntry, GENESIS_HASH};
use app::domain::comment::CommentBody;
use app::domain::disposition::Disposition;
use app::domain::group::Perspective;
use app::domain::markdown;
use app::domain::process::Step;
use app::domain::round::Audience;
use app::draft::ssr::content_hash;
use app::entities::{
    audit_head, audit_log, comment, comment_support, disposition, group_member,
    group_member_perspective, process, round, user, user_role, version,
};
use app::error::{AppError, Context};
use app::round::split_blocks;
use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DatabaseTransaction,
    EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set, TransactionTrait,
};
use serde::Serialize;
use std::collections::HashSet;

/// The password of every load account (benchmarks only; never use it in production).
pub const LOAD_PASSWORD: &str = "Last-Test-2026";
/// The e-mail domain of the load accounts; `seed-load` refuses to run twice on one database.
pub const LOAD_DOMAIN: &str = "last.mitsprache.de";
/// The load coordinator's e-mail address.
pub const LOAD_COORDINATOR: &str = "koordination@last.mitsprache.de";
/// The title of the large guideline process.
pub const LOAD_TITLE: &str = "KI-Leitlinie (Lasttest)";

/// Rows per `insert_many` statement: far below SQLite's 32,766 and PostgreSQL's 65,535 bind
/// parameters for the widest table (about ten columns).
const CHUNK: usize = 1000;

/// The size of the generated organisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct LoadScale {
    /// Accounts, including the coordinator.
    pub users: usize,
    /// Processes, including the large one.
    pub processes: usize,
    /// Chapters of the large guideline.
    pub chapters: usize,
    /// Approximate words of the large guideline.
    pub words: usize,
    /// Published versions of the large guideline.
    pub versions: usize,
    /// Comments (top-level and replies) in the open round on the latest version.
    pub comments: usize,
}

impl LoadScale {
    /// The organisation issue #6 asks for.
    pub const FULL: LoadScale = LoadScale {
        users: 15_000,
        processes: 20,
        chapters: 10,
        words: 12_000,
        versions: 5,
        comments: 2_000,
    };

    /// The full organisation with accounts, words and comments multiplied by `factor`
    /// (`0 < factor ≤ 1`); processes, chapters and versions keep their numbers so the shape
    /// stays the same.
    pub fn scaled(factor: f64) -> LoadScale {
        let factor = if factor.is_finite() && factor > 0.0 {
            factor.min(1.0)
        } else {
            1.0
        };
        let times = |n: usize, min: usize| ((n as f64 * factor).round() as usize).max(min);
        LoadScale {
            users: times(Self::FULL.users, 20),
            words: times(Self::FULL.words, 600),
            comments: times(Self::FULL.comments, 20),
            ..Self::FULL
        }
    }
}

/// What `seed-load` created: the ids and addresses the benchmark needs (written as JSON).
#[derive(Debug, Clone, Serialize)]
pub struct LoadReport {
    /// The requested size.
    pub scale: LoadScale,
    /// The large process.
    pub process_id: i64,
    /// The open round with the comments.
    pub round_id: i64,
    /// The version the round discusses (the latest).
    pub version_id: i64,
    /// Its number.
    pub version_number: i32,
    /// Paragraph ids of that version that take comments.
    pub block_ids: Vec<String>,
    /// Words of the latest version's Markdown.
    pub words: usize,
    /// Level-2 headings (chapters) of the latest version.
    pub chapters: usize,
    /// Accounts created.
    pub users: usize,
    /// Comments created (top-level and replies).
    pub comments: usize,
    /// Of which replies.
    pub replies: usize,
    /// Supports created.
    pub supports: usize,
    /// Comments with an answer.
    pub answered: usize,
    /// Audit entries appended.
    pub audit_entries: usize,
    /// The coordinator's e-mail address.
    pub coordinator_email: String,
    /// Staff addresses: `mitarbeit-00001@…` up to this number.
    pub staff_count: usize,
    /// The shared password.
    pub password: String,
    /// The argon2 parameters of the shared hash, as stored (e.g. `argon2id v=19 m=19456,t=2,p=1`).
    pub argon2: String,
    /// The version page with its comments (the round page).
    pub round_path: String,
    /// The comparison page between the first and the latest version.
    pub compare_path: String,
}

/// The e-mail address of load staff account `n` (1-based).
pub fn staff_email(n: usize) -> String {
    format!("mitarbeit-{n:05}@{LOAD_DOMAIN}")
}

/// Whether the load data is already in the database.
pub async fn is_loaded(db: &DatabaseConnection) -> Result<bool, AppError> {
    Ok(user::Entity::find()
        .filter(user::Column::Email.eq(LOAD_COORDINATOR))
        .count(db)
        .await?
        > 0)
}

/// SplitMix64: a tiny deterministic generator, so the data is the same on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n > 0`).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    /// True with probability `percent` / 100.
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const SUBJECTS: &[&str] = &[
    "Die Projektgruppe",
    "Jede Mitarbeiterin und jeder Mitarbeiter",
    "Die Leitung",
    "Das Team",
    "Der Betriebsrat",
    "Die zuständige Fachkraft",
    "Die Datenschutzbeauftragte",
    "Die Einrichtung",
    "Die Beratungsstelle",
    "Die Verwaltung",
    "Die Pflegefachkraft",
    "Die KI-Koordination",
    "Wer ein KI-Werkzeug nutzt,",
    "Die Geschäftsführung",
];
const VERBS: &[&str] = &[
    "prüft",
    "dokumentiert",
    "bespricht",
    "beschreibt",
    "bewertet",
    "nutzt",
    "erklärt",
    "überprüft",
    "begleitet",
    "regelt",
    "meldet",
    "sammelt",
    "kennt",
    "achtet auf",
];
const ADVERBIALS: &[&str] = &[
    "",
    "vor jeder Nutzung",
    "in regelmäßigen Abständen",
    "gemeinsam mit dem Team",
    "in der Arbeitszeit",
    "sorgfältig und nachvollziehbar",
    "mindestens einmal im Jahr",
    "im Zweifel mit der Leitung",
    "schriftlich",
    "in einfacher Sprache",
    "vor der Weitergabe",
];
const OBJECTS: &[&str] = &[
    "den Einsatz von Schreibassistenten",
    "personenbezogene Daten",
    "die Ergebnisse einer automatischen Übersetzung",
    "jede neue Anwendung",
    "die Risiken für Klientinnen und Klienten",
    "die Schulungsangebote",
    "das Register der freigegebenen Werkzeuge",
    "die Rückmeldungen aus den Teams",
    "die Entscheidung im Einzelfall",
    "die Qualität der erzeugten Texte",
    "mögliche Fehler und Verzerrungen",
    "die Einwilligung der Betroffenen",
    "den Schutz vertraulicher Informationen",
    "die Zusammenfassung eines Berichts",
    "die Grenzen der eingesetzten Systeme",
];
const CLAUSES: &[&str] = &[
    "",
    "",
    ", damit niemand benachteiligt wird",
    ", weil Fehler Folgen für Menschen haben",
    ", sodass alle Beteiligten informiert sind",
    ", wenn sensible Daten betroffen sind",
    ", bevor ein neues Werkzeug eingeführt wird",
    ", auch wenn die Zeit knapp ist",
];
const CHAPTERS: &[&str] = &[
    "Ziel und Geltungsbereich",
    "Grundsätze",
    "Begriffe",
    "Erlaubte und ausgeschlossene Anwendungen",
    "Datenschutz und Vertraulichkeit",
    "Verantwortung und Haftung",
    "Qualifizierung",
    "Mitbestimmung",
    "Beschaffung und Register",
    "Überprüfung und Weiterentwicklung",
];
const SECTIONS: &[&str] = &[
    "Grundregel",
    "Beispiele aus dem Alltag",
    "Zuständigkeiten",
    "Ausnahmen",
    "Fragen und Ansprechpersonen",
    "Dokumentation",
];
const TEAMS: &[&str] = &[
    "Ambulante Pflege",
    "Stationäre Pflege",
    "Jugendhilfe",
    "Kita",
    "Beratung",
    "Verwaltung",
    "Eingliederungshilfe",
    "IT",
    "Wohngruppe Nord",
    "Geschäftsführung",
];
const FIRST_NAMES: &[&str] = &[
    "Anna", "Ben", "Clara", "David", "Elif", "Finn", "Greta", "Hakan", "Ida", "Jonas", "Karla",
    "Luca", "Mira", "Noah", "Olga", "Paul", "Rana", "Sven", "Tara", "Umut",
];
const LAST_NAMES: &[&str] = &[
    "Becker", "Demir", "Fischer", "Hoffmann", "Kaya", "Klein", "Köhler", "Lang", "Meyer", "Nowak",
    "Richter", "Schmidt", "Schulz", "Wagner", "Weber", "Wolf", "Yılmaz", "Zimmer",
];
const COMMENT_OPENINGS: &[&str] = &[
    "Ich finde diesen Absatz gut, aber",
    "Aus Sicht unseres Teams gilt:",
    "Bitte prüfen:",
    "Mir ist nicht klar, ob",
    "Wir haben die Erfahrung gemacht, dass",
    "Ein Vorschlag:",
    "Das geht mir zu weit, denn",
    "Danke für die klare Regel;",
];
const COMMENT_POINTS: &[&str] = &[
    "die Regel im Nachtdienst kaum umsetzbar ist.",
    "ein Beispiel aus der Praxis helfen würde.",
    "die Schulung in der Arbeitszeit stattfinden muss.",
    "auch Ehrenamtliche gemeint sein sollten.",
    "der Datenschutz hier genauer beschrieben werden sollte.",
    "die Sprache für viele Kolleginnen zu schwer ist.",
    "wir eine Ansprechperson pro Standort brauchen.",
    "das Register für alle einsehbar sein sollte.",
    "die Entscheidung beim Menschen bleiben muss.",
    "Übersetzungen für Angehörige ausdrücklich erlaubt sein sollten.",
];
const REPLIES: &[&str] = &[
    "Dem schließe ich mich an.",
    "Danke, das nehmen wir in der Projektgruppe auf.",
    "Bei uns ist das anders, wir brauchen mehr Spielraum.",
    "Gute Frage – das sollte die Leitlinie beantworten.",
];

fn sentence(rng: &mut Rng) -> String {
    let subject = rng.pick(SUBJECTS);
    let verb = rng.pick(VERBS);
    let adverbial = rng.pick(ADVERBIALS);
    let object = rng.pick(OBJECTS);
    let clause = rng.pick(CLAUSES);
    let middle = if adverbial.is_empty() {
        String::new()
    } else {
        format!(" {adverbial}")
    };
    format!("{subject} {verb}{middle} {object}{clause}.")
}

/// A guideline as chapters → sections → paragraphs → sentences, so versions can be revised.
#[derive(Clone)]
struct Guideline {
    title: String,
    intro: Vec<String>,
    chapters: Vec<(String, Vec<(String, Vec<Vec<String>>)>)>,
}

impl Guideline {
    /// About `words` words in `chapters` chapters of sections of five paragraphs of three to
    /// seven sentences (the last paragraph of a chapter may be shorter, to meet the count).
    fn generate(rng: &mut Rng, title: &str, chapters: usize, words: usize) -> Self {
        let per_chapter = words / chapters.max(1);
        let chapters = (0..chapters)
            .map(|c| {
                let heading = format!("{}. {}", c + 1, CHAPTERS[c % CHAPTERS.len()]);
                let mut budget = per_chapter as isize - heading.split_whitespace().count() as isize;
                let mut sections: Vec<(String, Vec<Vec<String>>)> = Vec::new();
                while budget > 0 {
                    if sections.last().is_none_or(|(_, p)| p.len() == 5) {
                        let s = sections.len();
                        let title = format!("{}.{} {}", c + 1, s + 1, SECTIONS[s % SECTIONS.len()]);
                        budget -= title.split_whitespace().count() as isize;
                        sections.push((title, Vec::new()));
                    }
                    let mut paragraph = Vec::new();
                    for _ in 0..3 + rng.below(5) {
                        let next = sentence(rng);
                        budget -= next.split_whitespace().count() as isize;
                        paragraph.push(next);
                        if budget <= 0 {
                            break;
                        }
                    }
                    if let Some((_, paragraphs)) = sections.last_mut() {
                        paragraphs.push(paragraph);
                    }
                }
                (heading, sections)
            })
            .collect();
        Guideline {
            title: title.to_owned(),
            intro: vec![
                "Diese Leitlinie beschreibt, wie wir Künstliche Intelligenz in unserer Arbeit nutzen."
                    .to_owned(),
                "Sie wurde gemeinsam mit den Mitarbeitenden erarbeitet.".to_owned(),
            ],
            chapters,
        }
    }

    /// The next version: a few sentences replaced, added or removed, the odd new paragraph.
    fn revise(&self, rng: &mut Rng) -> Self {
        let mut next = self.clone();
        for (_, sections) in &mut next.chapters {
            for (_, paragraphs) in sections.iter_mut() {
                for paragraph in paragraphs.iter_mut() {
                    if rng.chance(6) {
                        let i = rng.below(paragraph.len());
                        paragraph[i] = sentence(rng);
                    }
                    if rng.chance(3) {
                        paragraph.push(sentence(rng));
                    }
                    if paragraph.len() > 2 && rng.chance(1) {
                        let i = rng.below(paragraph.len());
                        paragraph.remove(i);
                    }
                }
                if rng.chance(10) {
                    paragraphs.push((0..4).map(|_| sentence(rng)).collect());
                }
            }
        }
        // At least one change, so even a tiny guideline gets a new version.
        let c = rng.below(next.chapters.len());
        next.intro.push(format!(
            "Diese Version ändert unter anderem Kapitel {}: {}",
            c + 1,
            sentence(rng)
        ));
        next
    }

    fn markdown(&self) -> String {
        let mut text = format!("# {}\n\n{}\n", self.title, self.intro.join(" "));
        for (chapter, sections) in &self.chapters {
            text.push_str(&format!("\n## {chapter}\n"));
            for (section, paragraphs) in sections {
                text.push_str(&format!("\n### {section}\n"));
                for paragraph in paragraphs {
                    text.push('\n');
                    text.push_str(&paragraph.join(" "));
                    text.push('\n');
                }
            }
        }
        text
    }
}

/// The audit entries of the load data, appended in memory to the stored chain head and written
/// in chunks — the same entries, hashed the same way, as `app::audit::ssr::record` would write.
struct Chain {
    head: ChainHead,
    pending: Vec<audit_log::ActiveModel>,
    written: usize,
}

impl Chain {
    async fn open(txn: &DatabaseTransaction) -> Result<Self, AppError> {
        let head = audit_head::Entity::find().one(txn).await?;
        let head = match head {
            Some(h) => ChainHead {
                seq: h.seq,
                hash: h.hash,
            },
            None => ChainHead {
                seq: 0,
                hash: GENESIS_HASH.to_owned(),
            },
        };
        Ok(Chain {
            head,
            pending: Vec::new(),
            written: 0,
        })
    }

    fn push(
        &mut self,
        actor_id: Option<i64>,
        action: AuditAction,
        object_type: &str,
        object_id: Option<i64>,
        details: serde_json::Value,
    ) {
        let entry = append_after(
            &self.head,
            NewAuditEntry {
                at: Utc::now(),
                actor_id,
                action,
                object_type: object_type.to_owned(),
                object_id,
                details,
            },
        );
        self.head = ChainHead {
            seq: entry.seq,
            hash: entry.hash.clone(),
        };
        self.pending.push(audit_log::ActiveModel {
            seq: Set(entry.seq),
            at: Set(entry.at),
            actor_id: Set(entry.actor_id),
            action: Set(entry.action),
            object_type: Set(entry.object_type),
            object_id: Set(entry.object_id),
            details: Set(entry.details),
            prev_hash: Set(entry.prev_hash),
            hash: Set(entry.hash),
            ..Default::default()
        });
    }

    /// Writes the pending entries and moves the stored head.
    async fn flush(&mut self, txn: &DatabaseTransaction) -> Result<(), AppError> {
        let pending = std::mem::take(&mut self.pending);
        self.written += pending.len();
        insert_chunked(txn, pending).await?;
        audit_head::Entity::update_many()
            .col_expr(audit_head::Column::Seq, Expr::value(self.head.seq))
            .col_expr(
                audit_head::Column::Hash,
                Expr::value(self.head.hash.clone()),
            )
            .exec(txn)
            .await?;
        Ok(())
    }
}

async fn insert_chunked<A>(conn: &impl ConnectionTrait, rows: Vec<A>) -> Result<(), AppError>
where
    A: sea_orm::ActiveModelTrait + Send,
    <A::Entity as EntityTrait>::Model: sea_orm::IntoActiveModel<A>,
{
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let chunk: Vec<A> = rows.by_ref().take(CHUNK).collect();
        <A::Entity as EntityTrait>::insert_many(chunk)
            .exec_without_returning(conn)
            .await?;
    }
    Ok(())
}

/// The paragraph ids of a rendered version that are not headings (where comments go).
fn text_blocks(html: &str) -> Vec<String> {
    split_blocks(html)
        .into_iter()
        .filter(|b| !b.html.starts_with("<h"))
        .map(|b| b.id)
        .collect()
}

/// A new process in step 1; [`history_and_group`] moves it on.
fn process_row(title: &str, by: i64, at: DateTime<Utc>) -> process::ActiveModel {
    process::ActiveModel {
        title: Set(title.to_owned()),
        description: Set(format!(
            "{title}: gemeinsam erarbeitet mit allen Mitarbeitenden (Lastdaten)."
        )),
        step: Set(Step::Collect),
        revision: Set(1),
        contributions_visible: Set(true),
        created_by: Set(by),
        created_at: Set(at),
        ..Default::default()
    }
}

/// Step history and project group of a process, with their audit entries.
async fn history_and_group(
    txn: &DatabaseTransaction,
    chain: &mut Chain,
    process_id: i64,
    to: Step,
    group: &[(i64, Perspective)],
    coordinator: i64,
    started: DateTime<Utc>,
) -> Result<(), AppError> {
    let steps = [Step::Collect, Step::Draft, Step::Discourse];
    let reached = steps.iter().position(|s| *s == to).unwrap_or(0);
    let path: Vec<(Step, DateTime<Utc>)> = steps[..=reached]
        .iter()
        .enumerate()
        .map(|(i, step)| (*step, started + Duration::days(10 * i as i64)))
        .collect();
    for change in app::process::transition::replay(txn, process_id, coordinator, &path).await? {
        chain.push(
            Some(coordinator),
            AuditAction::StepChanged,
            "process",
            Some(process_id),
            change.audit_details(),
        );
    }
    let members = group.iter().map(|(user_id, _)| group_member::ActiveModel {
        process_id: Set(process_id),
        user_id: Set(*user_id),
        appointed_by: Set(coordinator),
        appointed_at: Set(started),
    });
    insert_chunked(txn, members.collect()).await?;
    let perspectives =
        group.iter().map(
            |(user_id, perspective)| group_member_perspective::ActiveModel {
                process_id: Set(process_id),
                user_id: Set(*user_id),
                perspective: Set(*perspective),
            },
        );
    insert_chunked(txn, perspectives.collect()).await?;
    for (user_id, perspective) in group {
        chain.push(
            Some(coordinator),
            AuditAction::RoleGranted,
            "user",
            Some(*user_id),
            serde_json::json!({
                "role": "project_group",
                "process_id": process_id,
                "perspective": perspective.as_str(),
                "previous": null,
            }),
        );
    }
    Ok(())
}

/// Publishes `body` as version `number` of a process, as `draft::ssr::publish` stores it.
#[expect(
    clippy::too_many_arguments,
    reason = "one argument per column of a version row"
)]
async fn publish(
    txn: &DatabaseTransaction,
    chain: &mut Chain,
    process_id: i64,
    number: i32,
    body: String,
    summary: &str,
    by: i64,
    at: DateTime<Utc>,
) -> Result<version::Model, AppError> {
    let row = version::ActiveModel {
        process_id: Set(process_id),
        number: Set(number),
        body_html: Set(markdown::render(&body).html),
        content_hash: Set(content_hash(&body)),
        body: Set(body),
        change_summary: Set(summary.to_owned()),
        published_by: Set(by),
        published_at: Set(at),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    chain.push(
        Some(by),
        AuditAction::VersionPublished,
        "version",
        Some(row.id),
        serde_json::json!({
            "process_id": process_id,
            "version_number": number,
            "content_hash": row.content_hash,
            "change_summary": summary,
        }),
    );
    Ok(row)
}

/// Creates the load organisation in one transaction. Refuses when it is already there.
pub async fn seed_load(db: &DatabaseConnection, scale: LoadScale) -> Result<LoadReport, AppError> {
    if is_loaded(db).await? {
        return Err(AppError::Invalid(
            "Die Lastdaten sind in dieser Datenbank bereits vorhanden.".into(),
        ));
    }
    let mut rng = Rng(0x4D69_7473_7072_6163); // "Mitsprac"
    let now = Utc::now();
    let start = now - Duration::days(200);

    let password = NewPassword::parse(LOAD_PASSWORD, LOAD_PASSWORD).map_err(AppError::invalid)?;
    let shared_hash = app::account::ssr::hash_password(&password).await?;
    let argon2 = argon2_params(&shared_hash);

    let txn = db.begin().await?;
    let mut chain = Chain::open(&txn).await?;

    // ---- accounts ---------------------------------------------------------------------------
    let staff_count = scale.users.saturating_sub(1).max(1);
    let mut accounts = vec![(
        LOAD_COORDINATOR.to_owned(),
        "Kai Koordination (Last)".to_owned(),
    )];
    for n in 1..=staff_count {
        let name = format!(
            "{} {}",
            FIRST_NAMES[rng.below(FIRST_NAMES.len())],
            LAST_NAMES[rng.below(LAST_NAMES.len())]
        );
        accounts.push((staff_email(n), name));
    }
    let rows: Vec<user::ActiveModel> = accounts
        .iter()
        .enumerate()
        .map(|(i, (email, name))| user::ActiveModel {
            email: Set(email.clone()),
            display_name: Set(name.clone()),
            password_hash: Set(Some(shared_hash.clone())),
            active: Set(true),
            session_epoch: Set(0),
            created_at: Set(start + Duration::seconds(i as i64)),
            deactivated_at: Set(None),
            team: Set(Some(TEAMS[i % TEAMS.len()].to_owned())),
            ..Default::default()
        })
        .collect();
    insert_chunked(&txn, rows).await?;
    let ids: Vec<(i64, String)> = user::Entity::find()
        .select_only()
        .column(user::Column::Id)
        .column(user::Column::Email)
        .filter(user::Column::Email.like(format!("%@{LOAD_DOMAIN}")))
        .order_by_asc(user::Column::Id)
        .into_tuple()
        .all(&txn)
        .await?;
    let coordinator = ids
        .iter()
        .find(|(_, email)| email == LOAD_COORDINATOR)
        .map(|(id, _)| *id)
        .context("seeding load data: the load coordinator was not created")?;
    let staff: Vec<i64> = ids
        .iter()
        .filter(|(id, _)| *id != coordinator)
        .map(|(id, _)| *id)
        .collect();
    let mut roles = Vec::with_capacity(ids.len() + 1);
    for (id, _) in &ids {
        let mut granted = vec![Role::Staff];
        if *id == coordinator {
            granted.push(Role::Coordinator);
        }
        for role in granted {
            roles.push(user_role::ActiveModel {
                user_id: Set(*id),
                role: Set(role),
            });
            chain.push(
                None,
                AuditAction::RoleGranted,
                "user",
                Some(*id),
                serde_json::json!({ "role": role.as_str(), "new_account": true }),
            );
        }
    }
    insert_chunked(&txn, roles).await?;

    // ---- the large process: five versions and an open round -----------------------------------
    let group: Vec<(i64, Perspective)> = std::iter::once((coordinator, Perspective::Advocate))
        .chain(
            [
                Perspective::Critic,
                Perspective::LowTechAffinity,
                Perspective::WorksCouncil,
                Perspective::DataProtection,
                Perspective::Management,
            ]
            .into_iter()
            .enumerate()
            .map(|(i, p)| (staff[i * 7 % staff.len()], p)),
        )
        .collect::<Vec<_>>();
    // A staff account may appear twice at a tiny scale; a member is appointed once.
    let mut seen = HashSet::new();
    let group: Vec<(i64, Perspective)> = group
        .into_iter()
        .filter(|(id, _)| seen.insert(*id))
        .collect();
    let big = process_row(LOAD_TITLE, coordinator, start)
        .insert(&txn)
        .await?;
    history_and_group(
        &txn,
        &mut chain,
        big.id,
        Step::Discourse,
        &group,
        coordinator,
        start,
    )
    .await?;
    let mut guideline = Guideline::generate(&mut rng, LOAD_TITLE, scale.chapters, scale.words);
    let mut latest: Option<version::Model> = None;
    for number in 1..=scale.versions.max(1) {
        if number > 1 {
            guideline = guideline.revise(&mut rng);
        }
        let summary = if number == 1 {
            "Erster Entwurf nach den zehn Kapiteln des Musteraufbaus.".to_owned()
        } else {
            format!("Runde {} eingearbeitet.", number - 1)
        };
        latest = Some(
            publish(
                &txn,
                &mut chain,
                big.id,
                number as i32,
                guideline.markdown(),
                &summary,
                group[group.len() - 1].0,
                start + Duration::days(30 + 25 * number as i64),
            )
            .await?,
        );
    }
    let latest = latest.context("seeding load data: no version was published")?;
    let opened = now - Duration::days(10);
    let open_round = round::ActiveModel {
        process_id: Set(big.id),
        version_id: Set(latest.id),
        starts_at: Set(opened),
        deadline: Set(now + Duration::days(60)),
        audience: Set(Audience::Everyone),
        anonymous_allowed: Set(true),
        opened_by: Set(coordinator),
        opened_at: Set(opened),
        closed_at: Set(None),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    chain.push(
        Some(coordinator),
        AuditAction::RoundOpened,
        "round",
        Some(open_round.id),
        serde_json::json!({
            "process_id": big.id,
            "version_id": latest.id,
            "version_number": latest.number,
            "starts_at": open_round.starts_at.to_rfc3339(),
            "deadline": open_round.deadline.to_rfc3339(),
            "audience": open_round.audience.to_stored(),
        }),
    );

    // ---- comments, replies, supports, answers -------------------------------------------------
    let blocks = text_blocks(&latest.body_html);
    if blocks.is_empty() {
        return Err(AppError::internal(
            "seeding load data",
            "the latest version has no text blocks to comment on",
        ));
    }
    let replies = scale.comments / 5;
    let top_level = scale.comments - replies;
    let comment_row = |block_id: &str,
                       parent_id: Option<i64>,
                       author_id: i64,
                       anonymous: bool,
                       body: &str,
                       at: DateTime<Utc>|
     -> Result<comment::ActiveModel, AppError> {
        let parsed = CommentBody::parse(body).map_err(AppError::invalid)?;
        Ok(comment::ActiveModel {
            round_id: Set(open_round.id),
            version_id: Set(latest.id),
            block_id: Set(block_id.to_owned()),
            quote: Set(None),
            parent_id: Set(parent_id),
            author_id: Set(author_id),
            anonymous: Set(anonymous),
            body_hash: Set(parsed.fingerprint()),
            body: Set(body.to_owned()),
            hidden_reason: Set(None),
            hidden_by: Set(None),
            created_at: Set(at),
            edited_at: Set(None),
            ..Default::default()
        })
    };
    let span = (now - opened).num_seconds().max(1) as usize;
    let mut rows = Vec::with_capacity(top_level);
    for i in 0..top_level {
        // Skewed towards the first paragraphs, as readers comment most where they start.
        let r = rng.below(1_000_000) as f64 / 1_000_000.0;
        let block = &blocks[((r * r) * blocks.len() as f64) as usize % blocks.len()];
        let body = format!(
            "{} {} ({})",
            rng.pick(COMMENT_OPENINGS),
            rng.pick(COMMENT_POINTS),
            TEAMS[i % TEAMS.len()]
        );
        let at = opened + Duration::seconds((i * span / top_level.max(1)) as i64);
        rows.push(comment_row(
            block,
            None,
            staff[rng.below(staff.len())],
            rng.chance(10),
            &body,
            at,
        )?);
    }
    insert_chunked(&txn, rows).await?;
    let parents: Vec<(i64, String, i64)> = comment::Entity::find()
        .select_only()
        .column(comment::Column::Id)
        .column(comment::Column::BlockId)
        .column(comment::Column::AuthorId)
        .filter(comment::Column::RoundId.eq(open_round.id))
        .order_by_asc(comment::Column::Id)
        .into_tuple()
        .all(&txn)
        .await?;
    let mut rows = Vec::with_capacity(replies);
    for i in 0..replies {
        let (parent_id, block, _) = &parents[rng.below(parents.len())];
        let author = if rng.chance(30) {
            group[rng.below(group.len())].0
        } else {
            staff[rng.below(staff.len())]
        };
        rows.push(comment_row(
            block,
            Some(*parent_id),
            author,
            false,
            rng.pick(REPLIES),
            now - Duration::seconds((replies - i) as i64 * 60),
        )?);
    }
    insert_chunked(&txn, rows).await?;

    let mut supports = Vec::new();
    let mut pairs = HashSet::new();
    for (comment_id, _, author_id) in &parents {
        // Most comments get a few supports, some get many.
        let count = match rng.below(10) {
            0..=3 => 0,
            4..=7 => 1 + rng.below(4),
            _ => 5 + rng.below(20),
        };
        for _ in 0..count {
            let supporter = staff[rng.below(staff.len())];
            if supporter != *author_id && pairs.insert((*comment_id, supporter)) {
                supports.push(comment_support::ActiveModel {
                    comment_id: Set(*comment_id),
                    user_id: Set(supporter),
                    created_at: Set(now - Duration::hours(1)),
                });
            }
        }
    }
    let support_count = supports.len();
    insert_chunked(&txn, supports).await?;

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
    let answered: Vec<i64> = parents.iter().step_by(10).map(|(id, _, _)| *id).collect();
    let decided = answered.iter().enumerate().map(|(i, id)| {
        let (kind, reason) = answers[i % answers.len()];
        disposition::ActiveModel {
            comment_id: Set(*id),
            kind: Set(kind),
            reason: Set(reason.map(str::to_owned)),
            decided_by: Set(coordinator),
            decided_at: Set(now - Duration::hours(2)),
        }
    });
    insert_chunked(&txn, decided.collect()).await?;
    // Logged as the app logs a bulk answer: one entry per answer given to several comments.
    for (k, (kind, reason)) in answers.iter().enumerate() {
        let ids: Vec<i64> = answered
            .iter()
            .enumerate()
            .filter(|(i, _)| i % answers.len() == k)
            .map(|(_, id)| *id)
            .collect();
        chain.push(
            Some(coordinator),
            AuditAction::DispositionSet,
            "round",
            Some(open_round.id),
            serde_json::json!({
                "process_id": big.id,
                "round_id": open_round.id,
                "comment_ids": ids,
                "count": ids.len(),
                "disposition": kind.as_str(),
                "reason": reason,
            }),
        );
    }

    // ---- the other processes: collecting or drafting ------------------------------------------
    let topics = [
        "Datenschutz im Alltag",
        "Social Media",
        "Mobiles Arbeiten",
        "Dienstfahrzeuge",
        "Fotos und Filme",
        "Umgang mit Spenden",
        "Beschwerdemanagement",
        "Gewaltschutz",
        "Ehrenamt",
        "Barrierefreie Kommunikation",
        "Nachhaltigkeit",
        "Dienstkleidung",
        "Einarbeitung",
        "Fortbildung",
        "Arbeitszeit",
        "Notfallplan",
        "Öffentlichkeitsarbeit",
        "Videokonferenzen",
        "Passwörter und Konten",
    ];
    for i in 1..scale.processes {
        let title = format!("Leitlinie {}", topics[(i - 1) % topics.len()]);
        let step = if i % 2 == 0 {
            Step::Draft
        } else {
            Step::Collect
        };
        let started = start + Duration::days(i as i64);
        let row = process_row(&title, coordinator, started)
            .insert(&txn)
            .await?;
        let members: Vec<(i64, Perspective)> = [
            (coordinator, Perspective::Advocate),
            (staff[(i * 13) % staff.len()], Perspective::Critic),
            (
                staff[(i * 29 + 1) % staff.len()],
                Perspective::LowTechAffinity,
            ),
        ]
        .into_iter()
        .filter({
            let mut seen = HashSet::new();
            move |(id, _)| seen.insert(*id)
        })
        .collect();
        history_and_group(
            &txn,
            &mut chain,
            row.id,
            step,
            &members,
            coordinator,
            started,
        )
        .await?;
        if step == Step::Draft {
            let text = Guideline::generate(&mut rng, &title, 2, 600).markdown();
            publish(
                &txn,
                &mut chain,
                row.id,
                1,
                text,
                "Erster Entwurf.",
                coordinator,
                started + Duration::days(15),
            )
            .await?;
        }
    }

    chain.flush(&txn).await?;
    txn.commit().await?;

    let markdown_text = &latest.body;
    Ok(LoadReport {
        scale,
        process_id: big.id,
        round_id: open_round.id,
        version_id: latest.id,
        version_number: latest.number,
        words: markdown_text.split_whitespace().count(),
        chapters: markdown_text
            .lines()
            .filter(|l| l.starts_with("## "))
            .count(),
        block_ids: blocks,
        users: ids.len(),
        comments: top_level + replies,
        replies,
        supports: support_count,
        answered: answered.len(),
        audit_entries: chain.written,
        coordinator_email: LOAD_COORDINATOR.to_owned(),
        staff_count,
        password: LOAD_PASSWORD.to_owned(),
        argon2,
        round_path: format!("/prozesse/{}/runden/{}", big.id, open_round.id),
        compare_path: format!("/prozesse/{}/vergleich?von=1&zu={}", big.id, latest.number),
    })
}

/// `argon2id v=19 m=19456,t=2,p=1` from a PHC string `$argon2id$v=19$m=19456,t=2,p=1$salt$hash`.
fn argon2_params(phc: &str) -> String {
    phc.split('$')
        .filter(|p| !p.is_empty())
        .take(3)
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_generated_guideline_has_the_asked_chapters_and_about_the_asked_words() {
        let mut rng = Rng(1);
        let text = Guideline::generate(&mut rng, "T", 10, 12_000).markdown();
        assert_eq!(text.lines().filter(|l| l.starts_with("## ")).count(), 10);
        let words = text.split_whitespace().count();
        assert!((10_800..=13_200).contains(&words), "{words} words");
    }

    #[test]
    fn a_revision_changes_some_text_but_keeps_the_chapters() {
        let mut rng = Rng(2);
        let first = Guideline::generate(&mut rng, "T", 10, 6_000);
        let second = first.revise(&mut rng);
        assert_ne!(first.markdown(), second.markdown());
        assert_eq!(first.chapters.len(), second.chapters.len());
    }

    #[test]
    fn the_generator_is_deterministic() {
        let a = Guideline::generate(&mut Rng(7), "T", 10, 3_000).markdown();
        let b = Guideline::generate(&mut Rng(7), "T", 10, 3_000).markdown();
        assert_eq!(a, b);
    }

    #[test]
    fn the_argon2_parameters_are_read_from_the_stored_hash() {
        assert_eq!(
            argon2_params("$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA"),
            "argon2id v=19 m=19456,t=2,p=1"
        );
    }

    #[test]
    fn scaling_keeps_the_shape_and_shrinks_the_volume() {
        let small = LoadScale::scaled(0.01);
        assert_eq!(small.processes, 20);
        assert_eq!(small.versions, 5);
        assert_eq!(small.chapters, 10);
        assert_eq!(small.users, 150);
        assert_eq!(small.comments, 20);
        assert_eq!(LoadScale::scaled(1.0), LoadScale::FULL);
    }
}
