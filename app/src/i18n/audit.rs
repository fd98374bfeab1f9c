//! Texts of the audit log page.

/// All texts of the audit page in one language.
pub struct AuditTexts {
    /// Tab and page heading.
    pub title: &'static str,
    /// Navigation link.
    pub nav: &'static str,
    /// Intro under the heading.
    pub intro: &'static str,
    /// Heading of the verification box.
    pub verify_title: &'static str,
    /// Explanation of the verification.
    pub verify_intro: &'static str,
    /// Button: verify the chain.
    pub verify_submit: &'static str,
    /// Result: intact, before the count.
    pub verify_ok: &'static str,
    /// "Einträge geprüft".
    pub verify_entries: &'static str,
    /// Before the newest entry's number.
    pub verify_last_entry: &'static str,
    /// Before the newest hash.
    pub verify_last_hash: &'static str,
    /// Result for an empty log.
    pub verify_empty: &'static str,
    /// Hint after an intact result: note the head elsewhere.
    pub verify_note: &'static str,
    /// Result: broken, heading.
    pub verify_broken: &'static str,
    /// After the count of intact entries before the break.
    pub verify_intact_before: &'static str,
    /// Filter legend.
    pub filter_legend: &'static str,
    /// Filter: action.
    pub filter_action: &'static str,
    /// Filter: person.
    pub filter_person: &'static str,
    /// Filter: object type.
    pub filter_object_type: &'static str,
    /// Filter: object id.
    pub filter_object_id: &'static str,
    /// Filter: from date.
    pub filter_from: &'static str,
    /// Filter: to date.
    pub filter_to: &'static str,
    /// Option: no filter.
    pub filter_all: &'static str,
    /// Button: apply the filter.
    pub filter_submit: &'static str,
    /// Link: reset the filter.
    pub filter_reset: &'static str,
    /// Table caption, before the count.
    pub caption: &'static str,
    /// "Treffer" after the count.
    pub hits: &'static str,
    /// Column: number.
    pub col_seq: &'static str,
    /// Column: time.
    pub col_at: &'static str,
    /// Column: person.
    pub col_actor: &'static str,
    /// Column: action.
    pub col_action: &'static str,
    /// Column: object.
    pub col_object: &'static str,
    /// Column: details.
    pub col_details: &'static str,
    /// Column: hash.
    pub col_hash: &'static str,
    /// No entries at all.
    pub empty: &'static str,
    /// No entries for this filter.
    pub empty_filter: &'static str,
    /// Label of the page navigation.
    pub pagination_label: &'static str,
    /// Link: previous page.
    pub page_prev: &'static str,
    /// Link: next page.
    pub page_next: &'static str,
    /// "Seite".
    pub page_word: &'static str,
    /// "von".
    pub page_of: &'static str,
}

/// German.
pub const DE: AuditTexts = AuditTexts {
    title: "Audit-Protokoll",
    nav: "Audit-Protokoll",
    intro: "Jede Statusänderung – Schrittwechsel, veröffentlichte Versionen, Diskursrunden, Rückmeldungen, Beschlüsse der Gremien, Rollen und Konten – wird hier unveränderlich festgehalten: wer, wann, was. Jeder Eintrag enthält die Prüfsumme des vorigen, sodass eine nachträgliche Änderung auffällt.",
    verify_title: "Kette prüfen",
    verify_intro: "Prüft alle Einträge der Reihe nach gegen ihre Prüfsummen.",
    verify_submit: "Kette prüfen",
    verify_ok: "Die Kette ist intakt:",
    verify_entries: "Einträge geprüft",
    verify_last_entry: "letzter Eintrag Nr.",
    verify_last_hash: "letzter Hash",
    verify_empty: "Die Kette ist intakt: Es gibt noch keine Einträge.",
    verify_note: "Notieren Sie den letzten Hash außerhalb der Plattform (z. B. im Sitzungsprotokoll). Nur so lässt sich später auch erkennen, ob die neuesten Einträge gelöscht wurden.",
    verify_broken: "Die Kette ist nicht intakt.",
    verify_intact_before: "Einträge davor sind intakt",
    filter_legend: "Einträge filtern",
    filter_action: "Aktion",
    filter_person: "Person",
    filter_object_type: "Objektart",
    filter_object_id: "Objekt-Nr.",
    filter_from: "von (TT.MM.JJJJ)",
    filter_to: "bis (TT.MM.JJJJ)",
    filter_all: "alle",
    filter_submit: "Filtern",
    filter_reset: "Filter zurücksetzen",
    caption: "Einträge, neueste zuerst:",
    hits: "Treffer",
    col_seq: "Nr.",
    col_at: "Zeitpunkt",
    col_actor: "Person",
    col_action: "Aktion",
    col_object: "Objekt",
    col_details: "Einzelheiten",
    col_hash: "Prüfsumme",
    empty: "Noch keine Einträge.",
    empty_filter: "Kein Eintrag passt zu diesem Filter.",
    pagination_label: "Seiten",
    page_prev: "Vorherige Seite",
    page_next: "Nächste Seite",
    page_word: "Seite",
    page_of: "von",
};

/// The audit texts of the current language.
pub fn texts() -> &'static AuditTexts {
    &DE
}
