//! The audit log in German (server only): every detail of an entry gets a German label and a
//! German value (steps, triggers, audiences, answers, decisions, roles, perspectives, Berlin
//! times and German dates), ids become names and links to the object, and facts an entry
//! states twice (a body's id beside its name, a version's row id beside its number) are shown
//! once. Entries keep their stored text: this is only how the page reads them.

use super::DetailItem;
use crate::domain::account::Role;
use crate::domain::adoption::TriggerKind;
use crate::domain::codetermination::{ConfirmationRule, MeetingForm, ProcedureKind};
use crate::domain::disposition::Disposition;
use crate::domain::group::Perspective;
use crate::domain::process::Step;
use crate::domain::round::{Audience, RoundChangeKind};
use crate::format::{date, date_time};
use chrono::{DateTime, NaiveDate, Utc};
use serde_json::{Map, Value};
use std::collections::HashMap;

/// What the page knows about the objects entries refer to, loaded once per page.
#[derive(Debug, Clone, Default)]
pub struct Lookup {
    /// Process titles by id.
    pub processes: HashMap<i64, String>,
    /// Round id → process id.
    pub rounds: HashMap<i64, i64>,
    /// Version row id → (process id, number).
    pub versions: HashMap<i64, (i64, i32)>,
    /// Comment id → (process id, round id, paragraph id).
    pub comments: HashMap<i64, (i64, i64, String)>,
    /// Proposal id → process id.
    pub proposals: HashMap<i64, i64>,
    /// Decision id → process id.
    pub decisions: HashMap<i64, i64>,
    /// Review id → process id.
    pub reviews: HashMap<i64, i64>,
    /// Dialogue post id → process id.
    pub posts: HashMap<i64, i64>,
    /// Account names by id.
    pub users: HashMap<i64, String>,
}

impl Lookup {
    fn process_href(&self, id: i64) -> String {
        format!("/prozesse/{id}")
    }

    fn round_href(&self, id: i64) -> Option<String> {
        self.rounds
            .get(&id)
            .map(|p| format!("/prozesse/{p}/runden/{id}"))
    }

    fn comment_href(&self, id: i64) -> Option<String> {
        self.comments
            .get(&id)
            .map(|(p, r, block)| format!("/prozesse/{p}/runden/{r}#absatz-{block}"))
    }

    /// The name and address of an entry's object, e.g. ("Diskursrunde 3", "/prozesse/1/runden/3").
    pub fn object(&self, object_type: &str, id: Option<i64>) -> (String, Option<String>) {
        let label = object_type_label(object_type);
        let Some(id) = id else {
            return (label.to_owned(), None);
        };
        match object_type {
            "process" => (
                self.processes
                    .get(&id)
                    .map_or_else(|| format!("{label} {id}"), |t| format!("{label} „{t}“")),
                Some(self.process_href(id)),
            ),
            "version" => match self.versions.get(&id) {
                Some((p, n)) => (
                    format!("Version {n}"),
                    Some(format!("/prozesse/{p}/versionen/{n}")),
                ),
                None => (format!("{label} {id}"), None),
            },
            "round" => (format!("{label} {id}"), self.round_href(id)),
            "comment" => (format!("{label} {id}"), self.comment_href(id)),
            "proposal" | "decision" => {
                let process = if object_type == "proposal" {
                    self.proposals.get(&id)
                } else {
                    self.decisions.get(&id)
                };
                (
                    format!("{label} {id}"),
                    process.map(|p| format!("/prozesse/{p}/verabschiedung")),
                )
            }
            "review" => (
                format!("{label} {id}"),
                self.reviews
                    .get(&id)
                    .map(|p| format!("/prozesse/{p}/ueberpruefung")),
            ),
            "dialogue_post" => (
                format!("{label} {id}"),
                self.posts
                    .get(&id)
                    .map(|p| format!("/prozesse/{p}/erfahrungen#erfahrung-{id}")),
            ),
            "user" => (
                self.users
                    .get(&id)
                    .map_or_else(|| format!("{label} {id}"), |n| format!("{label}: {n}")),
                Some("/admin/benutzer".to_owned()),
            ),
            _ => (format!("{label} {id}"), None),
        }
    }
}

/// German name of an object type, for the table and the filter.
pub fn object_type_label(object_type: &str) -> &str {
    match object_type {
        "process" => "Prozess",
        "version" => "Version",
        "round" => "Diskursrunde",
        "comment" => "Kommentar",
        "proposal" => "Vorschlag zur Verabschiedung",
        "decision" => "Entscheidung",
        "body" => "Gremium",
        "user" => "Konto",
        "review" => "Überprüfung",
        "team" => "Team",
        "dialogue_post" => "Erfahrungsbericht",
        "import" => "Import einer Mitarbeitendenliste",
        other => other,
    }
}

/// German name of a details key; `None` for keys the app does not write.
pub fn detail_label(key: &str) -> Option<&'static str> {
    Some(match key {
        "process_id" => "Prozess",
        "title" => "Titel",
        "from" | "from_step" => "von Schritt",
        "to" | "to_step" => "nach Schritt",
        "via" => "ausgelöst durch",
        "reason" => "Begründung",
        "revision" => "Überarbeitung",
        "version_id" | "version_number" | "number" => "Version",
        "from_version" => "Ausgangsversion",
        "content_hash" => "Prüfsumme des Textes",
        "change_summary" => "Änderungen",
        "round_id" => "Diskursrunde",
        "starts_at" => "Beginn",
        "deadline" => "Kommentarfrist bis",
        "old_deadline" => "bisherige Frist",
        "new_deadline" => "neue Frist",
        "change" => "Änderung",
        "audience" => "Teilnehmende",
        "comment_id" => "Kommentar",
        "comment_ids" => "Kommentare",
        "comments" => "Kommentare",
        "count" => "Anzahl",
        "disposition" | "outcome" => "Rückmeldung",
        "proposal_id" => "Vorschlag",
        "body" | "body_id" => "Gremium",
        "decision" => "Entscheidung",
        "conditions" => "Auflagen/Begründung",
        "meeting_date" => "Sitzungsdatum",
        "minutes_ref" => "Protokoll",
        "supersedes" => "ersetzt Entscheidung",
        "next_review" => "nächste Überprüfung",
        "previous_review" | "old_review" => "bisheriger Termin",
        "review_id" => "Überprüfung",
        "trigger" => "Anlass",
        "trigger_text" => "Beschreibung des Anlasses",
        "inputs" => "übernommene Eingaben",
        "user_id" => "Konto",
        "role" => "Rolle",
        "perspective" => "Perspektive",
        "previous" => "vorher",
        "new_account" => "neues Konto",
        "email" => "E-Mail",
        "name" => "Name",
        "team" => "Team",
        "post_id" => "Erfahrungsbericht",
        "kind" => "Art",
        "old_hash" => "bisherige Prüfsumme",
        "new_hash" => "neue Prüfsumme",
        "summary_hash" => "Prüfsumme der Zusammenfassung",
        // Identity (issue #13).
        "issuer" => "Anmeldedienst",
        "created" => "angelegt",
        "changed" => "geändert",
        "unchanged" => "unverändert",
        "invalid" => "ungültig",
        "deactivated" => "deaktiviert",
        "texts" => "Texte",
        "contributions" => "Beiträge",
        "dialogue_posts" => "Erfahrungsberichte",
        // Co-determination (issue #17).
        "procedure" => "Verfahren",
        "rule" => "Regel",
        "seats" => "Mitglieder des Gremiums",
        "deadline_days" => "Frist in Tagen",
        "extension_days" => "Verlängerung in Tagen",
        "legal_basis" | "basis" => "Rechtsgrundlage",
        "approve" | "approved" => "Zustimmung",
        "meeting_form" => "Sitzungsform",
        "present" => "anwesend",
        "yes" => "Ja-Stimmen",
        "no" => "Nein-Stimmen",
        "abstain" => "Enthaltungen",
        "wording" => "Wortlaut des Beschlusses",
        "as_chair" => "als Vorsitz",
        "received_on" => "Antrag eingegangen am",
        "last_day" => "Frist endet am",
        "previous_last_day" => "bisheriges Fristende",
        "federal_state" => "Bundesland",
        "decision_id" => "Entscheidung",
        "side" => "Seite",
        "given_on" => "übergeben am",
        "description" => "Beschreibung",
        "entry" => "Eintrag",
        "deemed" => "gilt als erteilt",
        "decisions" => "bisherige Entscheidungen",
        "anchor" => "Abschnitt",
        _ => return None,
    })
}

/// The order details are shown in: what and where first, then the values, then hashes.
const ORDER: &[&str] = &[
    "process_id",
    "title",
    "round_id",
    "version_number",
    "version_id",
    "from_version",
    "proposal_id",
    "review_id",
    "body",
    "body_id",
    "comment_id",
    "comment_ids",
    "count",
    "comments",
    "from",
    "from_step",
    "to",
    "to_step",
    "via",
    "change",
    "old_deadline",
    "new_deadline",
    "starts_at",
    "deadline",
    "audience",
    "trigger",
    "trigger_text",
    "role",
    "perspective",
    "previous",
    "disposition",
    "decision",
    "conditions",
    "meeting_date",
    "minutes_ref",
    "supersedes",
    "reason",
    "change_summary",
    "revision",
    "next_review",
    "inputs",
];

fn rank(key: &str) -> usize {
    ORDER.iter().position(|k| *k == key).unwrap_or(ORDER.len())
}

/// A stored value as plain German text (strings without quotes, lists comma-separated).
fn plain(value: &Value) -> String {
    match value {
        Value::Null => "–".to_owned(),
        Value::Bool(true) => "ja".to_owned(),
        Value::Bool(false) => "nein".to_owned(),
        Value::String(s) => s.clone(),
        Value::Array(items) => items.iter().map(plain).collect::<Vec<_>>().join(", "),
        Value::Number(n) => n
            .as_i64()
            .map_or_else(|| n.to_string(), crate::domain::german::number),
        other => other.to_string(),
    }
}

/// Labels every element of a string or a list of strings with `label`; unknown values stay.
fn each(value: &Value, label: impl Fn(&str) -> Option<String>) -> String {
    let one = |v: &Value| match v.as_str() {
        Some(s) => label(s).unwrap_or_else(|| s.to_owned()),
        None => plain(v),
    };
    match value {
        Value::Array(items) if items.is_empty() => "–".to_owned(),
        Value::Array(items) => items.iter().map(one).collect::<Vec<_>>().join(", "),
        other => one(other),
    }
}

fn step_label(s: &str) -> Option<String> {
    Step::parse(s)
        .ok()
        .map(|s| format!("{}. {}", s.number(), s.label_de()))
}

fn role_label(s: &str) -> Option<String> {
    match s {
        "project_group" => Some("Projektgruppe".to_owned()),
        "body_member" => Some("Mitglied eines Gremiums".to_owned()),
        other => Role::parse(other).ok().map(|r| r.label_de().to_owned()),
    }
}

fn verdict_label(s: &str) -> Option<String> {
    match s {
        "approved" => Some("zugestimmt".to_owned()),
        "approved_with_conditions" => Some("mit Auflagen zugestimmt".to_owned()),
        "rejected" => Some("abgelehnt".to_owned()),
        _ => None,
    }
}

fn via_label(s: &str) -> Option<String> {
    match s {
        "adoption" => Some("Verabschiedung".to_owned()),
        "review" => Some("Überprüfung".to_owned()),
        "return" => Some("Rückgabe zur Überarbeitung".to_owned()),
        _ => None,
    }
}

/// A stored instant ("2026-11-20T17:00:00+00:00") in German local time.
fn instant(value: &Value) -> Option<String> {
    let text = value.as_str()?;
    DateTime::parse_from_rfc3339(text)
        .ok()
        .map(|at| date_time(at.with_timezone(&Utc)))
}

/// A stored calendar date ("2026-11-29") as "29.11.2026".
fn day(value: &Value) -> Option<String> {
    NaiveDate::parse_from_str(value.as_str()?, "%Y-%m-%d")
        .ok()
        .map(date)
}

/// The stored audience (the JSON of `domain::round::Audience`, itself stored as text).
fn audience(value: &Value) -> Option<String> {
    let parsed: Audience = match value {
        Value::String(text) => serde_json::from_str(text).ok()?,
        other => serde_json::from_value(other.clone()).ok()?,
    };
    Some(parsed.label_de())
}

fn id_of(value: &Value) -> Option<i64> {
    value.as_i64()
}

/// One detail, or `None` when it only repeats another one of the same entry.
fn item(key: &str, value: &Value, all: &Map<String, Value>, lookup: &Lookup) -> Option<DetailItem> {
    // Said by another detail: the body's name, the version's number.
    if (key == "body_id" && all.contains_key("body"))
        || (key == "version_id" && all.contains_key("version_number"))
    {
        return None;
    }
    if value.is_null() {
        return None;
    }
    let label = detail_label(key).unwrap_or("Angabe").to_owned();
    let process = all.get("process_id").and_then(id_of);
    let (text, href) = match key {
        "process_id" => {
            let id = id_of(value)?;
            (
                lookup
                    .processes
                    .get(&id)
                    .map_or_else(|| id.to_string(), |t| format!("„{t}“")),
                Some(lookup.process_href(id)),
            )
        }
        "round_id" => {
            let id = id_of(value)?;
            (format!("Runde {id}"), lookup.round_href(id))
        }
        "version_number" | "from_version" => {
            let n = id_of(value)?;
            (
                format!("Version {n}"),
                process.map(|p| format!("/prozesse/{p}/versionen/{n}")),
            )
        }
        "version_id" => {
            let id = id_of(value)?;
            match lookup.versions.get(&id) {
                Some((p, n)) => (
                    format!("Version {n}"),
                    Some(format!("/prozesse/{p}/versionen/{n}")),
                ),
                None => (format!("Nr. {id}"), None),
            }
        }
        "comment_id" => {
            let id = id_of(value)?;
            (format!("Nr. {id}"), lookup.comment_href(id))
        }
        "proposal_id" | "supersedes" => {
            let id = id_of(value)?;
            (
                format!("Nr. {id}"),
                process.map(|p| format!("/prozesse/{p}/verabschiedung")),
            )
        }
        "review_id" => {
            let id = id_of(value)?;
            (
                format!("Nr. {id}"),
                process.map(|p| format!("/prozesse/{p}/ueberpruefung")),
            )
        }
        "body_id" => (
            format!("Nr. {}", plain(value)),
            process.map(|p| format!("/prozesse/{p}/verabschiedung")),
        ),
        "user_id" => {
            let id = id_of(value)?;
            (
                lookup
                    .users
                    .get(&id)
                    .cloned()
                    .unwrap_or_else(|| id.to_string()),
                None,
            )
        }
        "from" | "to" | "from_step" | "to_step" => (each(value, step_label), None),
        "via" => (each(value, via_label), None),
        "role" => (each(value, role_label), None),
        "perspective" | "previous" => (
            each(value, |s| {
                Perspective::parse(s).ok().map(|p| p.label_de().to_owned())
            }),
            None,
        ),
        "disposition" | "outcome" => (
            each(value, |s| {
                Disposition::parse(s).ok().map(|d| d.label_de().to_owned())
            }),
            None,
        ),
        "decision" => (each(value, verdict_label), None),
        "trigger" => (
            each(value, |s| {
                TriggerKind::parse(s).map(|k| k.label_de().to_owned())
            }),
            None,
        ),
        "change" => (
            each(value, |s| {
                RoundChangeKind::parse(s).map(|k| k.label_de().to_owned())
            }),
            None,
        ),
        "audience" => (audience(value).unwrap_or_else(|| plain(value)), None),
        "procedure" => (
            each(value, |s| {
                ProcedureKind::parse(s)
                    .ok()
                    .map(|k| k.label_de().to_owned())
            }),
            None,
        ),
        "rule" => (
            each(value, |s| {
                ConfirmationRule::parse(s)
                    .ok()
                    .map(|r| r.label_de().to_owned())
            }),
            None,
        ),
        "meeting_form" => (
            each(value, |s| {
                MeetingForm::parse(s).ok().map(|f| f.label_de().to_owned())
            }),
            None,
        ),
        "side" => (
            each(value, |s| match s {
                "employer" => Some("Arbeitgeber".to_owned()),
                "council" => Some("Betriebsrat / MAV".to_owned()),
                _ => None,
            }),
            None,
        ),
        "kind" => (
            each(value, |s| match s {
                "expert" => Some("Sachverständige hinzugezogen".to_owned()),
                "information" => Some("Information".to_owned()),
                _ => None,
            }),
            None,
        ),
        "received_on" | "last_day" | "previous_last_day" | "given_on" => {
            (day(value).unwrap_or_else(|| plain(value)), None)
        }
        "starts_at" | "deadline" | "old_deadline" | "new_deadline" => {
            (instant(value).unwrap_or_else(|| plain(value)), None)
        }
        "meeting_date" | "next_review" | "previous_review" | "old_review" => (
            day(value)
                .or_else(|| instant(value))
                .unwrap_or_else(|| plain(value)),
            None,
        ),
        _ => (plain(value), None),
    };
    Some(DetailItem {
        label,
        value: text,
        href,
    })
}

/// The details text as German label/value pairs in a sensible order; text that is not a JSON
/// object is shown as it is.
pub fn readable_details(details: &str, lookup: &Lookup) -> Vec<DetailItem> {
    match serde_json::from_str::<Value>(details) {
        Ok(Value::Object(map)) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort_by_key(|k| (rank(k), (*k).clone()));
            keys.into_iter()
                .filter_map(|k| item(k, &map[k.as_str()], &map, lookup))
                .collect()
        }
        _ => vec![DetailItem {
            label: String::new(),
            value: details.to_owned(),
            href: None,
        }],
    }
}

/// The ids of each kind of object the details refer to, for loading the [`Lookup`].
#[derive(Debug, Default)]
pub struct Referenced {
    /// Process ids.
    pub processes: Vec<i64>,
    /// Round ids.
    pub rounds: Vec<i64>,
    /// Version row ids.
    pub versions: Vec<i64>,
    /// Comment ids.
    pub comments: Vec<i64>,
    /// Account ids.
    pub users: Vec<i64>,
}

impl Referenced {
    /// Collects the ids of one entry's details and object.
    pub fn add(&mut self, object_type: &str, object_id: Option<i64>, details: &str) {
        if let Some(id) = object_id {
            match object_type {
                "process" => self.processes.push(id),
                "round" => self.rounds.push(id),
                "version" => self.versions.push(id),
                "comment" => self.comments.push(id),
                "user" => self.users.push(id),
                _ => {}
            }
        }
        let Ok(Value::Object(map)) = serde_json::from_str::<Value>(details) else {
            return;
        };
        let ids = |key: &str| -> Vec<i64> {
            match map.get(key) {
                Some(Value::Array(items)) => items.iter().filter_map(Value::as_i64).collect(),
                Some(v) => v.as_i64().into_iter().collect(),
                None => Vec::new(),
            }
        };
        self.processes.extend(ids("process_id"));
        self.rounds.extend(ids("round_id"));
        self.versions.extend(ids("version_id"));
        self.comments.extend(ids("comment_id"));
        self.users.extend(ids("user_id"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(details: &str) -> Vec<(String, String)> {
        readable_details(details, &Lookup::default())
            .into_iter()
            .map(|i| (i.label, i.value))
            .collect()
    }

    #[test]
    fn steps_triggers_and_causes_read_in_german() {
        let items = values(
            r#"{"from_step":"review","to_step":"discourse","trigger":"new_tool","trigger_text":"Microsoft Copilot","from_version":1,"via":"adoption"}"#,
        );
        assert!(
            items.contains(&("von Schritt".into(), "5. Überprüfung".into())),
            "{items:?}"
        );
        assert!(items.contains(&("nach Schritt".into(), "3. Diskurs".into())));
        assert!(items.contains(&("Anlass".into(), "Neues KI-Werkzeug".into())));
        assert!(items.contains(&(
            "Beschreibung des Anlasses".into(),
            "Microsoft Copilot".into()
        )));
        assert!(items.contains(&("Ausgangsversion".into(), "Version 1".into())));
        assert!(items.contains(&("ausgelöst durch".into(), "Verabschiedung".into())));
        for (label, value) in &items {
            for raw in [
                "review",
                "discourse",
                "new_tool",
                "from_version",
                "adoption",
            ] {
                assert!(label != raw && value != raw, "{label}: {value}");
            }
        }
    }

    #[test]
    fn audiences_times_and_dates_read_in_german() {
        let items = values(
            r#"{"audience":"\"Everyone\"","starts_at":"2026-11-20T08:00:00+00:00","deadline":"2026-12-04T22:59:00+00:00","meeting_date":"2026-11-29","next_review":"2028-11-29"}"#,
        );
        assert!(
            items.contains(&("Teilnehmende".into(), "Alle Mitarbeitenden".into())),
            "{items:?}"
        );
        assert!(items.contains(&("Beginn".into(), "20.11.2026, 09:00 Uhr".into())));
        assert!(items.contains(&("Kommentarfrist bis".into(), "04.12.2026, 23:59 Uhr".into())));
        assert!(items.contains(&("Sitzungsdatum".into(), "29.11.2026".into())));
        assert!(items.contains(&("nächste Überprüfung".into(), "29.11.2028".into())));
        let teams = values(r#"{"audience":"{\"Teams\":[\"Pflege\",\"Kita\"]}"}"#);
        assert_eq!(teams[0].1, "Teams: Pflege, Kita");
    }

    #[test]
    fn answers_decisions_roles_perspectives_and_changes_read_in_german() {
        let items = values(
            r#"{"disposition":"partly_accepted","decision":"approved_with_conditions","role":"project_group","perspective":"critic","previous":["works_council","advocate"],"change":"ended_early"}"#,
        );
        let get = |label: &str| {
            items
                .iter()
                .find(|(l, _)| l == label)
                .map(|(_, v)| v.clone())
                .unwrap_or_default()
        };
        assert_eq!(get("Rückmeldung"), "teilweise übernommen");
        assert_eq!(get("Entscheidung"), "mit Auflagen zugestimmt");
        assert_eq!(get("Rolle"), "Projektgruppe");
        assert_eq!(get("Perspektive"), "Kritiker:in");
        assert_eq!(get("vorher"), "Betriebsrat/MAV, Befürworter:in");
        assert_eq!(get("Änderung"), "vorzeitig beendet");
    }

    #[test]
    fn a_body_and_a_version_are_shown_once_and_empty_values_not_at_all() {
        let items = values(
            r#"{"body":"Betriebsrat","body_id":4,"version_id":8,"version_number":1,"supersedes":null,"process_id":5}"#,
        );
        let labels: Vec<&str> = items.iter().map(|(l, _)| l.as_str()).collect();
        assert_eq!(labels, ["Prozess", "Version", "Gremium"], "{items:?}");
    }

    #[test]
    fn ids_become_names_and_links() {
        let mut lookup = Lookup::default();
        lookup.processes.insert(5, "Leitlinie Videoberatung".into());
        lookup.rounds.insert(3, 5);
        lookup.comments.insert(12, (5, 3, "b4".into()));
        let items = readable_details(
            r#"{"process_id":5,"round_id":3,"comment_id":12,"version_number":2}"#,
            &lookup,
        );
        assert_eq!(items[0].value, "„Leitlinie Videoberatung“");
        assert_eq!(items[0].href.as_deref(), Some("/prozesse/5"));
        assert_eq!(items[1].href.as_deref(), Some("/prozesse/5/runden/3"));
        assert_eq!(items[2].href.as_deref(), Some("/prozesse/5/versionen/2"));
        assert_eq!(
            items[3].href.as_deref(),
            Some("/prozesse/5/runden/3#absatz-b4")
        );
        let (name, href) = lookup.object("process", Some(5));
        assert_eq!(name, "Prozess „Leitlinie Videoberatung“");
        assert_eq!(href.as_deref(), Some("/prozesse/5"));
    }

    #[test]
    fn details_that_are_not_an_object_are_shown_unchanged() {
        assert_eq!(values("kaputt")[0].1, "kaputt");
    }

    /// Guards the log: every key an audit entry is written with has a German label.
    #[test]
    fn every_detail_the_app_writes_has_a_german_label() {
        fn visit(dir: &std::path::Path, keys: &mut Vec<(String, String)>) {
            for entry in std::fs::read_dir(dir).expect("readable source folder") {
                let path = entry.expect("entry").path();
                if path.is_dir() {
                    visit(&path, keys);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    let source = std::fs::read_to_string(&path).expect("readable source");
                    let mut rest = source.as_str();
                    while let Some(at) = rest.find("AuditAction::") {
                        let after = &rest[at..];
                        let Some(open) = after.find("json!({") else {
                            break;
                        };
                        // Only the details of this call: the JSON must start right after the
                        // action and object arguments.
                        if after[..open].matches(';').count() > 0 {
                            rest = &after["AuditAction::".len()..];
                            continue;
                        }
                        let body = &after[open..];
                        let end = body.find("})").unwrap_or(body.len());
                        for line in body[..end].lines() {
                            let line = line.trim();
                            if let Some(key) =
                                line.strip_prefix('"').and_then(|l| l.split_once("\":"))
                            {
                                keys.push((path.display().to_string(), key.0.to_owned()));
                            }
                        }
                        rest = &body[end..];
                    }
                }
            }
        }
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut keys = Vec::new();
        visit(&root.join("src"), &mut keys);
        visit(&root.join("../server/src"), &mut keys);
        assert!(keys.len() > 40, "found only {} keys", keys.len());
        let missing: Vec<_> = keys
            .into_iter()
            .filter(|(_, key)| detail_label(key).is_none())
            .collect();
        assert!(
            missing.is_empty(),
            "keys without a German label: {missing:?}"
        );
    }
}
