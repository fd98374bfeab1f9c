//! What waits for a person on the start page: a decision of their approving body, a guideline
//! to read and confirm, a round open for them, contributions wanted in step 1, comments
//! waiting for the project group's answer. The services find the facts; the rules here order
//! them and say each one in German.

use crate::domain::german::count_u;
use serde::{Deserialize, Serialize};

/// One thing that waits for the person, with the facts its sentence needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum TaskKind {
    /// Their approving body has not yet decided on the proposed version.
    Decide {
        /// The body's name.
        body: String,
        /// The proposed version's number.
        version: i32,
    },
    /// Comments of a round of their project group wait for an answer.
    Answer {
        /// How many.
        open: u64,
        /// The version the round discusses.
        version: i32,
    },
    /// A round they belong to takes comments.
    Comment {
        /// The version under discussion.
        version: i32,
        /// "noch 9 Tage".
        remaining: String,
    },
    /// The adopted guideline waits for their read confirmation.
    Read {
        /// The adopted version's number.
        version: i32,
    },
    /// The process collects experiences, expectations and concerns.
    Contribute {
        /// How many they have contributed so far.
        mine: u64,
    },
}

impl TaskKind {
    /// Where the task stands on the page: what others wait for first (a body's decision, the
    /// answers the staff wait for), then what is open for a limited time, then the rest.
    pub fn rank(&self) -> u8 {
        match self {
            Self::Decide { .. } => 0,
            Self::Answer { .. } => 1,
            Self::Comment { .. } => 2,
            Self::Read { .. } => 3,
            Self::Contribute { .. } => 4,
        }
    }
}

/// A task of one process.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Task {
    /// The process.
    pub process_id: i64,
    /// Its title.
    pub title: String,
    /// What waits.
    pub kind: TaskKind,
    /// Where to do it.
    pub href: String,
}

impl Task {
    /// The link text, e.g. "Entscheidung des Gremiums „Betriebsrat“: KI-Leitlinie 2027, Version 3".
    pub fn text_de(&self) -> String {
        let title = &self.title;
        match &self.kind {
            TaskKind::Decide { body, version } => {
                format!("Entscheidung des Gremiums „{body}“ eintragen: {title}, Version {version}")
            }
            TaskKind::Answer { open, version } => format!(
                "{} {} auf eine Rückmeldung: {title}, Runde zu Version {version}",
                count_u(*open, "Kommentar", "Kommentare"),
                if *open == 1 { "wartet" } else { "warten" },
            ),
            // The same words as the round banner always had, so people find it again.
            TaskKind::Comment { version, remaining } => {
                format!("Offene Diskursrunde: {title}, Version {version} — {remaining}")
            }
            TaskKind::Read { version } => {
                format!("Leitlinie lesen und bestätigen: {title}, Version {version}")
            }
            TaskKind::Contribute { mine } => {
                let yours = if *mine == 0 {
                    String::new()
                } else {
                    format!(
                        " (von Ihnen bisher {})",
                        count_u(*mine, "Beitrag", "Beiträge")
                    )
                };
                format!("Erfahrungen, Erwartungen und Bedenken gesucht: {title}{yours}")
            }
        }
    }
}

/// Puts tasks in the order of [`TaskKind::rank`], then by process (newest first) as found.
pub fn order(mut tasks: Vec<Task>) -> Vec<Task> {
    tasks.sort_by_key(|t| t.kind.rank());
    tasks
}

/// The heading's count: "3 Aufgaben" / "1 Aufgabe".
pub fn heading_count_de(n: usize) -> String {
    count_u(n, "Aufgabe", "Aufgaben")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn task(kind: TaskKind) -> Task {
        Task {
            process_id: 1,
            title: "KI-Leitlinie 2027".into(),
            kind,
            href: "/prozesse/1".into(),
        }
    }

    #[test]
    fn each_task_says_what_waits_in_german() {
        assert_eq!(
            task(TaskKind::Decide {
                body: "Betriebsrat".into(),
                version: 3
            })
            .text_de(),
            "Entscheidung des Gremiums „Betriebsrat“ eintragen: KI-Leitlinie 2027, Version 3"
        );
        assert_eq!(
            task(TaskKind::Answer {
                open: 1,
                version: 2
            })
            .text_de(),
            "1 Kommentar wartet auf eine Rückmeldung: KI-Leitlinie 2027, Runde zu Version 2"
        );
        assert_eq!(
            task(TaskKind::Answer {
                open: 1200,
                version: 2
            })
            .text_de(),
            "1.200 Kommentare warten auf eine Rückmeldung: KI-Leitlinie 2027, Runde zu Version 2"
        );
        assert_eq!(
            task(TaskKind::Comment {
                version: 1,
                remaining: "noch 9 Tage".into()
            })
            .text_de(),
            "Offene Diskursrunde: KI-Leitlinie 2027, Version 1 — noch 9 Tage"
        );
        assert_eq!(
            task(TaskKind::Read { version: 2 }).text_de(),
            "Leitlinie lesen und bestätigen: KI-Leitlinie 2027, Version 2"
        );
        assert_eq!(
            task(TaskKind::Contribute { mine: 0 }).text_de(),
            "Erfahrungen, Erwartungen und Bedenken gesucht: KI-Leitlinie 2027"
        );
        assert_eq!(
            task(TaskKind::Contribute { mine: 1 }).text_de(),
            "Erfahrungen, Erwartungen und Bedenken gesucht: KI-Leitlinie 2027 (von Ihnen bisher 1 Beitrag)"
        );
    }

    #[test]
    fn decisions_and_answers_come_before_reading_and_contributing() {
        let ordered = order(vec![
            task(TaskKind::Contribute { mine: 0 }),
            task(TaskKind::Read { version: 1 }),
            task(TaskKind::Comment {
                version: 1,
                remaining: "endet heute".into(),
            }),
            task(TaskKind::Answer {
                open: 3,
                version: 1,
            }),
            task(TaskKind::Decide {
                body: "Vorstand".into(),
                version: 1,
            }),
        ]);
        let ranks: Vec<u8> = ordered.iter().map(|t| t.kind.rank()).collect();
        assert_eq!(ranks, [0, 1, 2, 3, 4]);
        assert_eq!(heading_count_de(1), "1 Aufgabe");
        assert_eq!(heading_count_de(3), "3 Aufgaben");
    }
}
