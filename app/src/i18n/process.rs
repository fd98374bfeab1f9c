//! Texts of the process pages (dashboard, process overview, project group).

/// All texts of the process pages in one language.
pub struct ProcessTexts {
    /// Dashboard heading of the process list.
    pub list_title: &'static str,
    /// Empty state of the process list.
    pub list_empty: &'static str,
    /// Empty state for coordinators.
    pub list_empty_coordinator: &'static str,
    /// Heading of the create form.
    pub create_title: &'static str,
    /// Field: title.
    pub field_title: &'static str,
    /// Hint under the title.
    pub field_title_hint: &'static str,
    /// Field: description.
    pub field_description: &'static str,
    /// Button: create process.
    pub create_submit: &'static str,
    /// "Schritt" before a step number.
    pub step_word: &'static str,
    /// Label of the step indicator.
    pub steps_label: &'static str,
    /// Revision label.
    pub revision: &'static str,
    /// Sub navigation label.
    pub nav_label: &'static str,
    /// Tab: overview.
    pub tab_overview: &'static str,
    /// Tab: contributions.
    pub tab_contributions: &'static str,
    /// Tab: draft.
    pub tab_draft: &'static str,
    /// Tab: versions.
    pub tab_versions: &'static str,
    /// Heading: change the step.
    pub step_change_title: &'static str,
    /// Button: advance; the next step's name follows.
    pub advance: &'static str,
    /// Confirmation before advancing.
    pub advance_confirm: &'static str,
    /// Button: confirm advance.
    pub advance_submit: &'static str,
    /// Summary: go back.
    pub back_title: &'static str,
    /// Field: step to go back to.
    pub back_to: &'static str,
    /// Field: reason.
    pub back_reason: &'static str,
    /// Hint for the reason.
    pub back_reason_hint: &'static str,
    /// Button: go back.
    pub back_submit: &'static str,
    /// Link to the adoption page, where step 4 starts with a proposal.
    pub to_adoption: &'static str,
    /// Heading: timeline.
    pub timeline_title: &'static str,
    /// Timeline: created in step.
    pub timeline_created: &'static str,
    /// Timeline: "by".
    pub timeline_by: &'static str,
    /// Timeline: reason label.
    pub timeline_reason: &'static str,
    /// Heading: project group.
    pub group_title: &'static str,
    /// Intro to the project group.
    pub group_intro: &'static str,
    /// Empty group.
    pub group_empty: &'static str,
    /// Column: perspective.
    pub col_perspective: &'static str,
    /// Heading: appoint.
    pub appoint_title: &'static str,
    /// Field: e-mail of the person.
    pub appoint_email: &'static str,
    /// Field: perspective.
    pub appoint_perspective: &'static str,
    /// Placeholder option of the perspective select.
    pub choose: &'static str,
    /// Button: appoint.
    pub appoint_submit: &'static str,
    /// Button: remove from group; the name follows.
    pub remove_member: &'static str,
    /// Summary that opens the removal confirmation.
    pub remove: &'static str,
    /// Confirmation question before removing; the name follows.
    pub remove_confirm: &'static str,
    /// Heading: warnings about the composition.
    pub warnings_title: &'static str,
    /// Group is well mixed.
    pub group_ok: &'static str,
    /// Heading: settings.
    pub settings_title: &'static str,
    /// Checkbox: staff see each other's contributions.
    pub setting_visible: &'static str,
    /// Button: save settings.
    pub settings_submit: &'static str,
    /// Saved.
    pub saved: &'static str,
    /// Your role in this process.
    pub your_role_group: &'static str,
    /// Accessible name before a perspective: take it away.
    pub remove_perspective: &'static str,
    /// Visible text of that button.
    pub remove_perspective_short: &'static str,
    /// Heading of the role-conflict hints.
    pub conflicts_title: &'static str,
    /// Hint on the appoint form.
    pub appoint_hint: &'static str,
}

/// German.
pub static DE: ProcessTexts = ProcessTexts {
    list_title: "Leitlinien-Prozesse",
    list_empty: "Es gibt noch keine Leitlinien-Prozesse.",
    list_empty_coordinator: "Es gibt noch keine Leitlinien-Prozesse. Legen Sie den ersten an, zum Beispiel „KI-Leitlinie 2027“.",
    create_title: "Neuen Prozess anlegen",
    field_title: "Titel",
    field_title_hint: "Zum Beispiel „KI-Leitlinie 2027“.",
    field_description: "Kurzbeschreibung (optional)",
    create_submit: "Prozess anlegen",
    step_word: "Schritt",
    steps_label: "Schritte des Prozesses",
    revision: "Überarbeitung",
    nav_label: "Bereiche des Prozesses",
    tab_overview: "Überblick",
    tab_contributions: "Beiträge",
    tab_draft: "Entwurf",
    tab_versions: "Versionen",
    step_change_title: "Schritt wechseln",
    advance: "Weiter zu:",
    advance_confirm: "Der Prozess geht damit in den nächsten Schritt. Alle Beteiligten sehen den neuen Stand.",
    advance_submit: "Ja, weiter",
    back_title: "Einen Schritt zurückgehen",
    back_to: "Zurück zu",
    back_reason: "Begründung",
    back_reason_hint: "Die Begründung erscheint im Verlauf, damit alle nachvollziehen können, warum.",
    back_submit: "Zurückgehen",
    to_adoption: "Weiter zu 4. Verabschiedung: eine Version zur Verabschiedung vorschlagen",
    timeline_title: "Verlauf",
    timeline_created: "Prozess angelegt",
    timeline_by: "von",
    timeline_reason: "Begründung:",
    group_title: "Projektgruppe",
    group_intro: "Die Projektgruppe schreibt den Entwurf. Sie sollte gemischt sein: Befürworter:innen, Kritiker:innen und Menschen mit wenig Technikaffinität gehören hinein.",
    group_empty: "Noch niemand ist in die Projektgruppe berufen.",
    col_perspective: "Perspektiven",
    appoint_title: "Person berufen",
    appoint_email: "E-Mail-Adresse der Person",
    appoint_perspective: "Perspektive",
    choose: "Bitte wählen",
    appoint_submit: "In die Projektgruppe berufen",
    remove_member: "Ja, entfernen:",
    remove: "Entfernen",
    remove_confirm: "Wirklich aus der Projektgruppe entfernen?",
    warnings_title: "Hinweise zur Zusammensetzung",
    group_ok: "Die Gruppe ist gemischt zusammengesetzt.",
    settings_title: "Einstellungen",
    setting_visible: "Mitarbeitende sehen die Beiträge der anderen (anonyme ohne Namen)",
    settings_submit: "Einstellungen speichern",
    saved: "Gespeichert.",
    your_role_group: "Sie gehören zur Projektgruppe.",
    remove_perspective: "Perspektive entfernen:",
    remove_perspective_short: "entfernen",
    conflicts_title: "Rollenkonflikte",
    appoint_hint: "Eine Person kann mehrere Perspektiven einbringen: Berufen Sie sie dafür erneut mit der weiteren Perspektive. Bestehende Perspektiven bleiben erhalten.",
};

/// The process texts of the current language.
pub fn texts() -> &'static ProcessTexts {
    &DE
}
