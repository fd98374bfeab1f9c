//! Texts of the adoption page and the publication page of the adopted guideline.

/// All texts of the adoption and publication pages in one language.
pub struct AdoptionTexts {
    /// Tab and page heading.
    pub title: &'static str,
    /// Intro of the adoption page.
    pub intro: &'static str,
    /// Heading: the proposal.
    pub proposal_title: &'static str,
    /// No proposal yet.
    pub no_proposal: &'static str,
    /// "Version" before a number.
    pub version_word: &'static str,
    /// Label: status.
    pub status_label: &'static str,
    /// Label: the frozen SHA-256 hash.
    pub hash_label: &'static str,
    /// Label: proposed by and when.
    pub proposed_label: &'static str,
    /// Label: adopted at.
    pub adopted_label: &'static str,
    /// Label: next review.
    pub next_review_label: &'static str,
    /// Link to the publication page.
    pub guideline_link: &'static str,
    /// Heading: propose.
    pub propose_title: &'static str,
    /// Explanation of proposing (freezes the version, moves to step 4).
    pub propose_intro: &'static str,
    /// Button: propose.
    pub propose_submit: &'static str,
    /// Proposing needs a published version.
    pub propose_needs_version: &'static str,
    /// Heading: rejections.
    pub rejections_title: &'static str,
    /// Heading: send back.
    pub return_title: &'static str,
    /// Field: return target.
    pub return_to: &'static str,
    /// Option: back to discourse.
    pub return_discourse: &'static str,
    /// Option: back to draft.
    pub return_draft: &'static str,
    /// Field: reason.
    pub return_reason: &'static str,
    /// Button: send back.
    pub return_submit: &'static str,
    /// Heading: withdraw the proposal.
    pub withdraw_title: &'static str,
    /// Explanation of withdrawing.
    pub withdraw_intro: &'static str,
    /// Confirmation checkbox for withdrawing.
    pub withdraw_confirm: &'static str,
    /// Button: withdraw.
    pub withdraw_submit: &'static str,
    /// Heading: bodies.
    pub bodies_title: &'static str,
    /// No bodies configured.
    pub no_bodies: &'static str,
    /// Marker of a required body.
    pub required_marker: &'static str,
    /// Marker of an optional body.
    pub optional_marker: &'static str,
    /// Label: members.
    pub members_label: &'static str,
    /// No members yet.
    pub no_members: &'static str,
    /// Button: remove member (followed by the name).
    pub remove_member: &'static str,
    /// Label: current decision.
    pub current_label: &'static str,
    /// No decision yet.
    pub no_decision: &'static str,
    /// Heading: history.
    pub history_label: &'static str,
    /// "Sitzung vom".
    pub meeting_word: &'static str,
    /// "Protokoll".
    pub minutes_word: &'static str,
    /// "eingetragen von".
    pub recorded_by_word: &'static str,
    /// Marker of a correction.
    pub correction_marker: &'static str,
    /// Heading: record a decision (followed by the body).
    pub record_title: &'static str,
    /// Heading: correct the decision.
    pub correct_title: &'static str,
    /// Legend: decision.
    pub verdict_legend: &'static str,
    /// Option: approved.
    pub verdict_approved: &'static str,
    /// Option: approved with conditions.
    pub verdict_conditions: &'static str,
    /// Option: rejected.
    pub verdict_rejected: &'static str,
    /// Field: conditions or reason.
    pub verdict_text: &'static str,
    /// Hint under the text.
    pub verdict_text_hint: &'static str,
    /// Field: meeting date.
    pub meeting_date: &'static str,
    /// Field: minutes reference.
    pub minutes_ref: &'static str,
    /// Hint: the decision refers to this hash.
    pub record_hash_hint: &'static str,
    /// Button: record.
    pub record_submit: &'static str,
    /// Heading: configure bodies.
    pub configure_title: &'static str,
    /// Field: body name.
    pub body_name: &'static str,
    /// Field: required.
    pub body_required: &'static str,
    /// Button: add body.
    pub add_body: &'static str,
    /// Field: member e-mail.
    pub member_email: &'static str,
    /// Button: add member.
    pub add_member: &'static str,
    /// Heading: summary.
    pub summary_title: &'static str,
    /// Field: the summary text.
    pub summary_label: &'static str,
    /// Hint for the summary.
    pub summary_hint: &'static str,
    /// Button: save summary.
    pub summary_submit: &'static str,
    /// Heading: acknowledgements.
    pub ack_title: &'static str,
    /// Label: names (coordinators only).
    pub ack_names: &'static str,
    /// Publication page: label of the version.
    pub published_version: &'static str,
    /// Publication page: "verabschiedet am".
    pub published_on: &'static str,
    /// Publication page: summary heading.
    pub published_summary: &'static str,
    /// Publication page: table of contents.
    pub toc_title: &'static str,
    /// Publication page: decisions heading.
    pub decisions_title: &'static str,
    /// Column: body.
    pub col_body: &'static str,
    /// Column: decision.
    pub col_decision: &'static str,
    /// Column: meeting date.
    pub col_date: &'static str,
    /// Column: minutes.
    pub col_minutes: &'static str,
    /// Column: conditions.
    pub col_conditions: &'static str,
    /// Button: acknowledge.
    pub acknowledge: &'static str,
    /// Shown after acknowledging.
    pub acknowledged: &'static str,
    /// Button: print.
    pub print_hint: &'static str,
}

const DE: AdoptionTexts = AdoptionTexts {
    title: "Verabschiedung",
    intro: "Die Projektgruppe schlägt eine veröffentlichte Version zur Verabschiedung vor. Diese Version wird eingefroren; die Gremien entscheiden über genau diesen Text, erkennbar an seiner Prüfsumme.",
    proposal_title: "Vorgeschlagene Version",
    no_proposal: "Es wurde noch keine Version zur Verabschiedung vorgeschlagen.",
    version_word: "Version",
    status_label: "Stand",
    hash_label: "Prüfsumme (SHA-256)",
    proposed_label: "Vorgeschlagen",
    adopted_label: "Verabschiedet am",
    next_review_label: "Nächste Überprüfung (TT.MM.JJJJ)",
    guideline_link: "Verabschiedete Leitlinie lesen",
    propose_title: "Zur Verabschiedung vorschlagen",
    propose_intro: "Der Vorschlag friert die neueste veröffentlichte Version ein und führt den Prozess in Schritt 4 „Verabschiedung“. Danach gibt es keine weiteren Runden und keine neuen Versionen, bis die Version verabschiedet oder zurückgegeben ist.",
    propose_submit: "Version zur Verabschiedung vorschlagen",
    propose_needs_version: "Zuerst muss eine Version veröffentlicht sein.",
    rejections_title: "Ablehnungen",
    return_title: "Zur Überarbeitung zurückgeben",
    return_to: "Zurück zu",
    return_discourse: "Schritt 3: Diskurs",
    return_draft: "Schritt 2: Entwurf",
    return_reason: "Begründung",
    return_submit: "Zurückgeben",
    withdraw_title: "Vorschlag zurückziehen",
    withdraw_intro: "Die Projektgruppe kann den Vorschlag zurückziehen, solange die Version nicht verabschiedet ist – etwa wenn sie einen Fehler gefunden hat. Bereits eingetragene Entscheidungen bleiben im Verlauf; der Rückzug wird mit Begründung im Audit-Protokoll festgehalten.",
    withdraw_confirm: "Ich möchte den Vorschlag zurückziehen. Die Gremien entscheiden dann nicht mehr über diese Version.",
    withdraw_submit: "Vorschlag zurückziehen",
    bodies_title: "Gremien",
    no_bodies: "Es sind noch keine Gremien eingerichtet.",
    required_marker: "Zustimmung erforderlich",
    optional_marker: "Zustimmung nicht erforderlich",
    members_label: "Mitglieder",
    no_members: "Noch keine Mitglieder.",
    remove_member: "Entfernen:",
    current_label: "Entscheidung",
    no_decision: "Noch keine Entscheidung.",
    history_label: "Verlauf der Einträge",
    meeting_word: "Sitzung vom",
    minutes_word: "Protokoll",
    recorded_by_word: "eingetragen von",
    correction_marker: "Korrektur eines früheren Eintrags",
    record_title: "Entscheidung eintragen:",
    correct_title: "Entscheidung korrigieren (neuer Eintrag, der bisherige bleibt im Verlauf):",
    verdict_legend: "Entscheidung",
    verdict_approved: "Zugestimmt",
    verdict_conditions: "Mit Auflagen zugestimmt",
    verdict_rejected: "Abgelehnt",
    verdict_text: "Auflagen bzw. Begründung der Ablehnung",
    verdict_text_hint: "Pflicht bei Zustimmung mit Auflagen und bei Ablehnung.",
    meeting_date: "Datum der Sitzung (TT.MM.JJJJ)",
    minutes_ref: "Protokollverweis (z. B. „BR-Sitzung 2026/14, TOP 3“)",
    record_hash_hint: "Die Entscheidung wird mit dieser Prüfsumme gespeichert:",
    record_submit: "Entscheidung speichern",
    configure_title: "Gremien einrichten",
    body_name: "Name des Gremiums",
    body_required: "Zustimmung erforderlich",
    add_body: "Gremium hinzufügen",
    member_email: "E-Mail-Adresse des Mitglieds",
    add_member: "Mitglied hinzufügen",
    summary_title: "Zusammenfassung in einfacher Sprache",
    summary_label: "Text der Zusammenfassung",
    summary_hint: "Wenige Absätze für alle Mitarbeitenden; Markdown ist möglich. Sie erscheint über der Leitlinie.",
    summary_submit: "Zusammenfassung speichern",
    ack_title: "Zur Kenntnis genommen",
    ack_names: "Namen (nur für die Koordination sichtbar)",
    published_version: "Version",
    published_on: "verabschiedet am",
    published_summary: "Das Wichtigste in Kürze",
    toc_title: "Inhalt",
    decisions_title: "Beschlüsse der Gremien",
    col_body: "Gremium",
    col_decision: "Entscheidung",
    col_date: "Sitzung",
    col_minutes: "Protokoll",
    col_conditions: "Auflagen",
    acknowledge: "Zur Kenntnis genommen",
    acknowledged: "Sie haben diese Version zur Kenntnis genommen. Danke!",
    print_hint: "Drucken",
};

/// The adoption texts of the current language.
pub fn texts() -> &'static AdoptionTexts {
    &DE
}
