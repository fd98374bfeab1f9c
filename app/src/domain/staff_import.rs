//! The staff list a coordinator imports: reading the file as Excel saves it, checking every
//! row, and the plan of what applying it would do (new, changed, unchanged, invalid, and the
//! accounts missing from the file), before anything is written.
//!
//! Reading bytes (encodings, CSV) needs `csv` and `encoding_rs` and is server-only (`ssr`);
//! the rows, the plan and its checks are plain Rust everywhere.

use crate::domain::account::{DisplayName, Email};
use crate::domain::team::{team_key, TeamName};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// Largest file accepted (15,000 people take about 1.5 MB).
pub const IMPORT_MAX_BYTES: usize = 10 * 1024 * 1024;
/// Most rows accepted in one file.
pub const IMPORT_MAX_ROWS: usize = 50_000;
/// Longest cell text shown back in the list of invalid rows.
const SHOWN_MAX: usize = 80;

/// Why a whole file was refused; nothing is stored. The text is shown to the coordinator.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImportFileError {
    /// No file, or only blank lines, or only the header.
    #[error("Die Datei ist leer oder enthält keine Zeilen mit Personen. Bitte wählen Sie die Liste der Mitarbeitenden als CSV-Datei.")]
    Empty,
    /// Not a text file (e.g. an Excel workbook or a PDF).
    #[error("Die Datei ist keine Textdatei im CSV-Format. Bitte speichern Sie die Liste in Excel mit „Speichern unter“ → „CSV (Trennzeichen-getrennt)“ und laden Sie diese Datei hoch.")]
    Binary,
    /// Larger than [`IMPORT_MAX_BYTES`].
    #[error("Die Datei ist zu groß (höchstens 10 MB). Bitte teilen Sie die Liste auf.")]
    TooLarge,
    /// More rows than [`IMPORT_MAX_ROWS`].
    #[error("Die Datei hat mehr als 50.000 Zeilen. Bitte teilen Sie die Liste auf.")]
    TooManyRows,
    /// The header lacks the e-mail or the name column.
    #[error("In der ersten Zeile fehlen die nötigen Spalten: gebraucht werden „Name“ (oder „Vorname“ und „Nachname“) und „E-Mail“, dazu optional „Team“ und „Rolle“. Gefunden: {found}.")]
    MissingColumns {
        /// The headers found, as typed.
        found: String,
    },
    /// The CSV could not be read.
    #[error("Die Datei konnte nicht gelesen werden (Zeile {line}). Bitte prüfen Sie, ob sie als CSV gespeichert ist.")]
    Unreadable {
        /// Where reading failed.
        line: u64,
    },
}

/// A valid row of the file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportRow {
    /// Line in the file (the header is line 1).
    pub line: u64,
    /// Display name.
    pub name: String,
    /// Normalised e-mail address.
    pub email: String,
    /// Team, if given.
    pub team: Option<String>,
    /// The role column says coordinator.
    pub coordinator: bool,
}

/// A row that cannot be imported, with why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvalidRow {
    /// Line in the file.
    pub line: u64,
    /// The row's name as written (shortened, may be empty), to find it in the file.
    #[serde(default)]
    pub name: String,
    /// The row's e-mail cell as written (shortened, may be empty). Previews stored before the
    /// name was kept have the name or e-mail here, as `shown`.
    #[serde(default, alias = "shown")]
    pub email: String,
    /// Why it cannot be imported (German).
    pub reason: String,
}

/// A file read into rows.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParsedFile {
    /// The rows that can be imported.
    pub rows: Vec<ImportRow>,
    /// The rows that cannot.
    pub invalid: Vec<InvalidRow>,
    /// The encoding found ("UTF-8", "Windows-1252", "UTF-16").
    pub encoding: String,
}

/// What the role column may say.
fn role_is_coordinator(text: &str) -> Result<bool, ()> {
    let key: String = text
        .to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect();
    match key.as_str() {
        "" | "mitarbeitende" | "mitarbeiter" | "mitarbeiterin" | "mitarbeiterinnen" | "staff" => {
            Ok(false)
        }
        "koordination" | "koordinator" | "koordinatorin" | "koordinatorinnen" | "admin"
        | "coordinator" => Ok(true),
        _ => Err(()),
    }
}

/// A column of the header, recognised by its normalised name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Name,
    FirstName,
    LastName,
    Email,
    Team,
    Role,
}

fn column_of(header: &str) -> Option<Column> {
    let key: String = header
        .to_lowercase()
        .replace('ä', "ae")
        .replace('ö', "oe")
        .replace('ü', "ue")
        .replace('ß', "ss")
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect();
    Some(match key.as_str() {
        "name" | "vollername" | "anzeigename" | "mitarbeiter" | "mitarbeiterin"
        | "mitarbeitende" | "person" | "displayname" | "fullname" => Column::Name,
        "vorname" | "firstname" | "givenname" => Column::FirstName,
        "nachname" | "familienname" | "lastname" | "surname" | "familyname" => Column::LastName,
        "email" | "emailadresse" | "mail" | "mailadresse" | "emailaddress" => Column::Email,
        "team" | "abteilung" | "bereich" | "einrichtung" | "department" | "wohnbereich"
        | "station" => Column::Team,
        "rolle" | "role" | "berechtigung" => Column::Role,
        _ => return None,
    })
}

fn shorten(text: &str) -> String {
    let text = text.trim();
    if text.chars().count() > SHOWN_MAX {
        let cut: String = text.chars().take(SHOWN_MAX).collect();
        format!("{cut}…")
    } else {
        text.to_owned()
    }
}

/// Reads the rows of an already decoded file: the first non-blank line is the header; each
/// further line is checked (name, e-mail, team, role, duplicates within the file).
pub fn read_rows(
    header: &[String],
    records: impl IntoIterator<Item = (u64, Vec<String>)>,
) -> Result<(Vec<ImportRow>, Vec<InvalidRow>), ImportFileError> {
    let columns: Vec<Option<Column>> = header.iter().map(|h| column_of(h)).collect();
    let find = |wanted: Column| columns.iter().position(|c| *c == Some(wanted));
    let email_col = find(Column::Email);
    let name_col = find(Column::Name);
    let first_col = find(Column::FirstName);
    let last_col = find(Column::LastName);
    let (Some(email_col), true) = (
        email_col,
        name_col.is_some() || first_col.is_some() || last_col.is_some(),
    ) else {
        let found = header
            .iter()
            .map(|h| format!("„{}“", shorten(h)))
            .collect::<Vec<_>>()
            .join(", ");
        return Err(ImportFileError::MissingColumns {
            found: if found.is_empty() {
                "keine".to_owned()
            } else {
                found
            },
        });
    };
    let team_col = find(Column::Team);
    let role_col = find(Column::Role);
    let mut rows = Vec::new();
    let mut invalid = Vec::new();
    let mut seen: HashMap<String, u64> = HashMap::new();
    for (line, record) in records {
        if record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        if rows.len() + invalid.len() >= IMPORT_MAX_ROWS {
            return Err(ImportFileError::TooManyRows);
        }
        let cell = |col: Option<usize>| {
            col.and_then(|c| record.get(c))
                .map(|s| s.trim().to_owned())
                .unwrap_or_default()
        };
        let name_text = match name_col {
            Some(_) => cell(name_col),
            None => format!("{} {}", cell(first_col), cell(last_col)),
        };
        let email_text = cell(Some(email_col));
        let mut reasons = Vec::new();
        let name = DisplayName::parse(&name_text).map_err(|e| reasons.push(e.to_string()));
        let email = match Email::parse(&email_text) {
            Ok(email) => Some(email),
            Err(_) if email_text.is_empty() => {
                reasons.push("Die E-Mail-Adresse fehlt.".to_owned());
                None
            }
            Err(_) => {
                reasons.push(format!(
                    "„{}“ ist keine gültige E-Mail-Adresse.",
                    shorten(&email_text)
                ));
                None
            }
        };
        let team =
            TeamName::parse_optional(&cell(team_col)).map_err(|e| reasons.push(e.to_string()));
        let role_text = cell(role_col);
        let coordinator = role_is_coordinator(&role_text).map_err(|()| {
            reasons.push(format!(
                "Unbekannte Rolle „{}“ (möglich: Mitarbeitende, Koordination).",
                shorten(&role_text)
            ))
        });
        if let Some(email) = &email {
            if let Some(first) = seen.get(email.as_str()) {
                reasons.push(format!(
                    "Doppelt: dieselbe E-Mail-Adresse steht schon in Zeile {first}."
                ));
            }
        }
        match (name, email, team, coordinator) {
            (Ok(name), Some(email), Ok(team), Ok(coordinator)) if reasons.is_empty() => {
                seen.insert(email.as_str().to_owned(), line);
                rows.push(ImportRow {
                    line,
                    name: name.as_str().to_owned(),
                    email: email.as_str().to_owned(),
                    team: team.map(|t| t.as_str().to_owned()),
                    coordinator,
                });
            }
            _ => invalid.push(InvalidRow {
                line,
                name: shorten(&name_text),
                email: shorten(&email_text),
                reason: reasons.join(" "),
            }),
        }
    }
    if rows.is_empty() && invalid.is_empty() {
        return Err(ImportFileError::Empty);
    }
    Ok((rows, invalid))
}

#[cfg(feature = "ssr")]
pub use reading::parse_file;

/// Decoding and splitting the file (server only).
#[cfg(feature = "ssr")]
mod reading {
    use super::{read_rows, ImportFileError, ParsedFile, IMPORT_MAX_BYTES};

    /// Decodes the bytes: UTF-8 (with or without byte-order mark), UTF-16 with byte-order mark
    /// (Excel's "Unicode-Text"), otherwise Windows-1252 (Excel's "CSV" on German Windows).
    fn decode(bytes: &[u8]) -> Result<(String, &'static str), ImportFileError> {
        if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
            return std::str::from_utf8(rest)
                .map(|s| (s.to_owned(), "UTF-8"))
                .map_err(|_| ImportFileError::Binary);
        }
        for (bom, encoding) in [
            (&[0xFF, 0xFE][..], encoding_rs::UTF_16LE),
            (&[0xFE, 0xFF][..], encoding_rs::UTF_16BE),
        ] {
            if bytes.starts_with(bom) {
                let (text, _, bad) = encoding.decode(bytes);
                return if bad {
                    Err(ImportFileError::Binary)
                } else {
                    Ok((text.into_owned(), "UTF-16"))
                };
            }
        }
        if bytes.contains(&0) {
            return Err(ImportFileError::Binary);
        }
        match std::str::from_utf8(bytes) {
            Ok(text) => Ok((text.to_owned(), "UTF-8")),
            Err(_) => {
                let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
                Ok((text.into_owned(), "Windows-1252"))
            }
        }
    }

    /// The separator: whichever of `;`, `,` and tab the header line has most of (`;` when tied:
    /// German Excel's choice).
    fn separator(text: &str) -> u8 {
        let header = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
        let count = |c: char| header.matches(c).count();
        let mut best = (count(';'), b';');
        for (n, sep) in [(count(','), b','), (count('\t'), b'\t')] {
            if n > best.0 {
                best = (n, sep);
            }
        }
        best.1
    }

    /// Reads a staff list as uploaded: size, encoding, separator, header, rows.
    pub fn parse_file(bytes: &[u8]) -> Result<ParsedFile, ImportFileError> {
        if bytes.len() > IMPORT_MAX_BYTES {
            return Err(ImportFileError::TooLarge);
        }
        let (text, encoding) = decode(bytes)?;
        // Control characters other than line breaks and tabs do not occur in a list of names.
        let controls = text
            .chars()
            .filter(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
            .count();
        if controls > text.len() / 100 {
            return Err(ImportFileError::Binary);
        }
        if text.trim().is_empty() {
            return Err(ImportFileError::Empty);
        }
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(separator(&text))
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes());
        let mut records = Vec::new();
        let mut header: Option<Vec<String>> = None;
        let mut record = csv::StringRecord::new();
        let bytes = text.as_bytes();
        let (mut counted_to, mut newlines) = (0usize, 0u64);
        loop {
            // Where the next record starts, as an editor counts lines (from 1): csv's own line
            // count lags behind a CRLF, so count the line breaks before the record's first byte.
            let mut start = (reader.position().byte() as usize).clamp(counted_to, bytes.len());
            while start < bytes.len() && matches!(bytes[start], b'\r' | b'\n') {
                start += 1;
            }
            newlines += bytes[counted_to..start]
                .iter()
                .filter(|b| **b == b'\n')
                .count() as u64;
            counted_to = start;
            let line = newlines + 1;
            let more =
                reader
                    .read_record(&mut record)
                    .map_err(|err| ImportFileError::Unreadable {
                        line: err.position().map_or(line, |p| p.line()),
                    })?;
            if !more {
                break;
            }
            let fields: Vec<String> = record.iter().map(str::to_owned).collect();
            if header.is_none() {
                if fields.iter().all(|f| f.trim().is_empty()) {
                    continue;
                }
                header = Some(fields);
            } else {
                records.push((line, fields));
            }
        }
        let header = header.ok_or(ImportFileError::Empty)?;
        let (rows, invalid) = read_rows(&header, records)?;
        Ok(ParsedFile {
            rows,
            invalid,
            encoding: encoding.to_owned(),
        })
    }
}

/// An existing account, as the plan compares it with the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExistingAccount {
    /// Account id.
    pub id: i64,
    /// Display name.
    pub name: String,
    /// Normalised e-mail.
    pub email: String,
    /// Team.
    pub team: Option<String>,
    /// Can log in.
    pub active: bool,
    /// Holds the coordinator role.
    pub coordinator: bool,
}

/// A row that changes an existing account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountChange {
    /// Line in the file.
    pub line: u64,
    /// The account.
    pub user_id: i64,
    /// Its e-mail.
    pub email: String,
    /// Name before and after (equal when unchanged).
    pub name: (String, String),
    /// Team before and after.
    pub team: (Option<String>, Option<String>),
    /// The coordinator role is added.
    pub grant_coordinator: bool,
}

/// An active account that is not in the file (deactivated by a sync, after confirmation).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MissingAccount {
    /// The account.
    pub user_id: i64,
    /// Its name.
    pub name: String,
    /// Its e-mail.
    pub email: String,
    /// Its team.
    pub team: Option<String>,
}

/// What applying a file would do.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportPlan {
    /// Rows that create an account (team spelt as the team in use).
    pub new: Vec<ImportRow>,
    /// Rows that change an account's name, team or role.
    pub changed: Vec<AccountChange>,
    /// Rows whose account already matches (line, account id).
    pub unchanged: Vec<(u64, i64)>,
    /// Rows of deactivated accounts (left deactivated: line, e-mail).
    pub deactivated: Vec<(u64, String)>,
    /// Rows that cannot be imported.
    pub invalid: Vec<InvalidRow>,
    /// Active accounts missing from the file (never the importing coordinator).
    pub missing: Vec<MissingAccount>,
}

/// The counts of a plan.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportCounts {
    /// Accounts to create.
    pub new: usize,
    /// Accounts to change.
    pub changed: usize,
    /// Accounts that already match.
    pub unchanged: usize,
    /// Rows of deactivated accounts.
    pub deactivated: usize,
    /// Invalid rows.
    pub invalid: usize,
    /// Active accounts missing from the file.
    pub missing: usize,
}

impl ImportPlan {
    /// The counts.
    pub fn counts(&self) -> ImportCounts {
        ImportCounts {
            new: self.new.len(),
            changed: self.changed.len(),
            unchanged: self.unchanged.len(),
            deactivated: self.deactivated.len(),
            invalid: self.invalid.len(),
            missing: self.missing.len(),
        }
    }

    /// A fingerprint of what the plan writes (FNV-1a, 64 bit, hex): the preview sends it with
    /// the confirmation, and applying refuses when the accounts changed in between, so what is
    /// applied is exactly what was shown.
    pub fn fingerprint(&self) -> String {
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        let mut feed = |text: &str| {
            for byte in text.bytes().chain([0xff]) {
                hash ^= u64::from(byte);
                hash = hash.wrapping_mul(0x0100_0000_01b3);
            }
        };
        for row in &self.new {
            feed(&row.email);
            feed(&row.name);
            feed(row.team.as_deref().unwrap_or("-"));
            feed(if row.coordinator { "k" } else { "m" });
        }
        for change in &self.changed {
            feed(&change.user_id.to_string());
            feed(&change.name.1);
            feed(change.team.1.as_deref().unwrap_or("-"));
            feed(if change.grant_coordinator { "k" } else { "m" });
        }
        for missing in &self.missing {
            feed(&missing.user_id.to_string());
        }
        format!("{hash:016x}")
    }
}

/// Compares the file with the existing accounts (pure: the same inputs give the same plan).
///
/// A row matches an account by e-mail. Names compare exactly, teams case-insensitively (and a
/// new team takes the spelling already in use). The role column only ever adds the
/// coordinator role: an import never takes it away. Deactivated accounts stay deactivated.
/// Accounts missing from the file are listed (not the coordinator importing).
pub fn plan(file: &ParsedFile, existing: &[ExistingAccount], importer_id: i64) -> ImportPlan {
    let by_email: HashMap<&str, &ExistingAccount> =
        existing.iter().map(|a| (a.email.as_str(), a)).collect();
    let mut spelling: HashMap<String, String> = HashMap::new();
    for team in existing.iter().filter_map(|a| a.team.as_deref()) {
        spelling
            .entry(team_key(team))
            .or_insert_with(|| team.to_owned());
    }
    let mut plan = ImportPlan {
        invalid: file.invalid.clone(),
        ..ImportPlan::default()
    };
    let mut in_file = std::collections::HashSet::new();
    for row in &file.rows {
        in_file.insert(row.email.as_str());
        let team = row.team.as_ref().map(|t| {
            spelling
                .entry(team_key(t))
                .or_insert_with(|| t.clone())
                .clone()
        });
        match by_email.get(row.email.as_str()) {
            None => plan.new.push(ImportRow {
                team,
                ..row.clone()
            }),
            Some(account) if !account.active => {
                plan.deactivated.push((row.line, row.email.clone()))
            }
            Some(account) => {
                let same_team =
                    account.team.as_deref().map(team_key) == team.as_deref().map(team_key);
                let grant = row.coordinator && !account.coordinator;
                if account.name == row.name && same_team && !grant {
                    plan.unchanged.push((row.line, account.id));
                } else {
                    plan.changed.push(AccountChange {
                        line: row.line,
                        user_id: account.id,
                        email: account.email.clone(),
                        name: (account.name.clone(), row.name.clone()),
                        team: (
                            account.team.clone(),
                            if same_team {
                                account.team.clone()
                            } else {
                                team
                            },
                        ),
                        grant_coordinator: grant,
                    });
                }
            }
        }
    }
    plan.missing = existing
        .iter()
        .filter(|a| a.active && a.id != importer_id && !in_file.contains(a.email.as_str()))
        .map(|a| MissingAccount {
            user_id: a.id,
            name: a.name.clone(),
            email: a.email.clone(),
            team: a.team.clone(),
        })
        .collect();
    plan
}

/// A cell of a CSV file we hand out (e.g. invitation links): text that a spreadsheet would
/// read as a formula (`=`, `+`, `-`, `@`, tab, carriage return at the start) gets a leading
/// apostrophe, so opening the file in Excel never runs anything a name contains.
pub fn spreadsheet_safe(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(lines: &[&[&str]]) -> Vec<(u64, Vec<String>)> {
        lines
            .iter()
            .enumerate()
            .map(|(i, l)| (i as u64 + 2, l.iter().map(|s| s.to_string()).collect()))
            .collect()
    }

    fn header(h: &[&str]) -> Vec<String> {
        h.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn rows_are_checked_and_invalid_ones_say_why_with_their_line() {
        let (ok, bad) = read_rows(
            &header(&["Name", "E-Mail", "Team", "Rolle"]),
            rows(&[
                &["Anna Alt", "Anna@Example.org", "Pflege", ""],
                &["", "leer@example.org", "Pflege", ""],
                &["Bert", "kein-at", "Kita", ""],
                &["Anna Doppelt", "anna@example.org", "", ""],
                &["Carla", "carla@example.org", "", "Chefin"],
                &["Dora", "dora@example.org", "", "Koordination"],
            ]),
        )
        .unwrap();
        assert_eq!(ok.len(), 2);
        assert_eq!(ok[0].email, "anna@example.org");
        assert!(ok[1].coordinator);
        let lines: Vec<u64> = bad.iter().map(|r| r.line).collect();
        assert_eq!(lines, vec![3, 4, 5, 6]);
        assert!(bad[0].reason.contains("Namen"));
        assert!(bad[1].reason.contains("keine gültige E-Mail-Adresse"));
        assert!(bad[2].reason.contains("Zeile 2"));
        assert!(bad[3].reason.contains("Unbekannte Rolle"));
    }

    #[test]
    fn invalid_rows_keep_the_name_and_address_as_written_so_the_coordinator_finds_them() {
        let (_, bad) = read_rows(
            &header(&["Name", "E-Mail"]),
            rows(&[&["Bert Berg", "kein-at"], &["Olaf Ohnemail", ""]]),
        )
        .unwrap();
        assert_eq!(
            (bad[0].name.as_str(), bad[0].email.as_str()),
            ("Bert Berg", "kein-at")
        );
        assert_eq!(
            (bad[1].name.as_str(), bad[1].email.as_str()),
            ("Olaf Ohnemail", "")
        );
    }

    #[test]
    fn an_invalid_row_stored_before_names_were_kept_still_reads() {
        let row: InvalidRow =
            serde_json::from_str(r#"{"line":4,"shown":"kein-at","reason":"x"}"#).unwrap();
        assert_eq!((row.name.as_str(), row.email.as_str()), ("", "kein-at"));
    }

    #[test]
    fn first_and_last_name_columns_make_the_name_and_headers_may_be_spelt_freely() {
        let (ok, bad) = read_rows(
            &header(&["Vorname", "Nachname", "E-Mail-Adresse", "Abteilung"]),
            rows(&[&["Jörg", "Müller", "j.mueller@example.org", "Wohnbereich 2"]]),
        )
        .unwrap();
        assert!(bad.is_empty());
        assert_eq!(ok[0].name, "Jörg Müller");
        assert_eq!(ok[0].team.as_deref(), Some("Wohnbereich 2"));
    }

    #[test]
    fn a_file_without_an_email_column_is_refused_naming_what_was_found() {
        let err = read_rows(&header(&["Name", "Telefon"]), rows(&[&["A", "1"]])).unwrap_err();
        match err {
            ImportFileError::MissingColumns { found } => {
                assert_eq!(found, "„Name“, „Telefon“")
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_file_with_only_a_header_is_empty() {
        assert_eq!(
            read_rows(&header(&["Name", "E-Mail"]), rows(&[&["", ""]])).unwrap_err(),
            ImportFileError::Empty
        );
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn excel_files_in_windows_1252_with_semicolons_are_read() {
        // "Jörg Müller;jm@example.org;Küche" as German Excel saves it.
        let mut bytes = b"Name;E-Mail;Team\r\n".to_vec();
        bytes.extend_from_slice(b"J\xf6rg M\xfcller;jm@example.org;K\xfcche\r\n");
        let file = parse_file(&bytes).unwrap();
        assert_eq!(file.encoding, "Windows-1252");
        assert_eq!(file.rows[0].name, "Jörg Müller");
        assert_eq!(file.rows[0].team.as_deref(), Some("Küche"));
        assert_eq!(file.rows[0].line, 2);
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn utf8_files_with_byte_order_mark_and_commas_are_read() {
        let bytes = "\u{feff}Name,E-Mail,Team\n\"Meier, Ute\",ute@example.org,Kita\n";
        let file = parse_file(bytes.as_bytes()).unwrap();
        assert_eq!(file.encoding, "UTF-8");
        assert_eq!(file.rows[0].name, "Meier, Ute");
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn binary_empty_and_oversized_files_are_refused() {
        assert_eq!(
            parse_file(b"PK\x03\x04\x00\x00binary").unwrap_err(),
            ImportFileError::Binary
        );
        assert_eq!(parse_file(b"  \r\n").unwrap_err(), ImportFileError::Empty);
        assert_eq!(parse_file(b"").unwrap_err(), ImportFileError::Empty);
        let big = vec![b'a'; IMPORT_MAX_BYTES + 1];
        assert_eq!(parse_file(&big).unwrap_err(), ImportFileError::TooLarge);
    }

    fn account(id: i64, name: &str, email: &str, team: Option<&str>) -> ExistingAccount {
        ExistingAccount {
            id,
            name: name.into(),
            email: email.into(),
            team: team.map(str::to_owned),
            active: true,
            coordinator: false,
        }
    }

    fn row(line: u64, name: &str, email: &str, team: Option<&str>) -> ImportRow {
        ImportRow {
            line,
            name: name.into(),
            email: email.into(),
            team: team.map(str::to_owned),
            coordinator: false,
        }
    }

    #[test]
    fn the_plan_sorts_rows_into_new_changed_unchanged_and_lists_the_missing() {
        let existing = vec![
            account(1, "Koordination", "ko@example.org", None),
            account(2, "Anna", "anna@example.org", Some("Pflege")),
            account(3, "Bert", "bert@example.org", Some("Kita")),
            account(4, "Carla", "carla@example.org", None),
            ExistingAccount {
                active: false,
                ..account(5, "Dora", "dora@example.org", None)
            },
        ];
        let file = ParsedFile {
            rows: vec![
                row(2, "Anna", "anna@example.org", Some("pflege")),
                row(3, "Bert Neu", "bert@example.org", Some("Kita")),
                row(4, "Emil", "emil@example.org", Some("PFLEGE")),
                row(5, "Dora", "dora@example.org", None),
            ],
            ..ParsedFile::default()
        };
        let plan = plan(&file, &existing, 1);
        assert_eq!(plan.unchanged, vec![(2, 2)], "team differs only by case");
        assert_eq!(plan.changed.len(), 1);
        assert_eq!(plan.changed[0].name.1, "Bert Neu");
        assert_eq!(
            plan.new[0].team.as_deref(),
            Some("Pflege"),
            "spelling in use"
        );
        assert_eq!(plan.deactivated, vec![(5, "dora@example.org".to_owned())]);
        let missing: Vec<i64> = plan.missing.iter().map(|m| m.user_id).collect();
        assert_eq!(
            missing,
            vec![4],
            "never the importing coordinator, never the deactivated"
        );
    }

    #[test]
    fn the_role_column_only_ever_adds_the_coordinator_role() {
        let mut boss = account(2, "Anna", "anna@example.org", None);
        boss.coordinator = true;
        let file = ParsedFile {
            rows: vec![row(2, "Anna", "anna@example.org", None)],
            ..ParsedFile::default()
        };
        assert_eq!(plan(&file, &[boss.clone()], 1).unchanged.len(), 1);
        boss.coordinator = false;
        let file = ParsedFile {
            rows: vec![ImportRow {
                coordinator: true,
                ..row(2, "Anna", "anna@example.org", None)
            }],
            ..ParsedFile::default()
        };
        assert!(plan(&file, &[boss], 1).changed[0].grant_coordinator);
    }

    #[test]
    fn the_fingerprint_changes_when_what_would_be_written_changes() {
        let file = ParsedFile {
            rows: vec![row(2, "Anna", "anna@example.org", None)],
            ..ParsedFile::default()
        };
        let before = plan(&file, &[], 1).fingerprint();
        assert_eq!(before, plan(&file, &[], 1).fingerprint());
        let now = plan(
            &file,
            &[account(9, "Anna", "anna@example.org", Some("Kita"))],
            1,
        );
        assert_ne!(before, now.fingerprint());
    }

    #[test]
    fn cells_a_spreadsheet_would_run_as_formulas_are_defused() {
        assert_eq!(spreadsheet_safe("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(spreadsheet_safe("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(spreadsheet_safe("Anna Alt"), "Anna Alt");
    }
}
