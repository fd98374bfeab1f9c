//! Texts of the draft, version and comparison pages.

/// All texts of the draft and version pages in one language.
pub struct DraftTexts {
    /// Heading of the draft page.
    pub draft_title: &'static str,
    /// Intro of the draft page.
    pub draft_intro: &'static str,
    /// Heading: start the draft.
    pub start_title: &'static str,
    /// Intro to the start choice.
    pub start_intro: &'static str,
    /// Button: start from the template.
    pub start_template: &'static str,
    /// Explains the template.
    pub start_template_text: &'static str,
    /// Button: start empty.
    pub start_empty: &'static str,
    /// Explains the empty start.
    pub start_empty_text: &'static str,
    /// Before the time of the last save.
    pub last_saved: &'static str,
    /// "by" before a name.
    pub by: &'static str,
    /// Label of the draft text field.
    pub body_label: &'static str,
    /// How to format.
    pub body_hint: &'static str,
    /// "characters" after the count.
    pub chars: &'static str,
    /// Marker for unsaved changes.
    pub unsaved: &'static str,
    /// Confirmation after saving.
    pub saved: &'static str,
    /// Button: save the draft.
    pub save: &'static str,
    /// Heading of the preview.
    pub preview_title: &'static str,
    /// Hint under the preview heading.
    pub preview_hint: &'static str,
    /// Heading of the save conflict.
    pub conflict_title: &'static str,
    /// Explains the save conflict.
    pub conflict_intro: &'static str,
    /// Label: the stored text.
    pub conflict_theirs: &'static str,
    /// Label: the own text.
    pub conflict_yours: &'static str,
    /// Button: take the stored text.
    pub conflict_take_theirs: &'static str,
    /// Button: merge both texts.
    pub conflict_merge: &'static str,
    /// Button: keep the own text.
    pub conflict_keep_mine: &'static str,
    /// Explains merging.
    pub conflict_merge_hint: &'static str,
    /// After choosing.
    pub conflict_resolved: &'static str,
    /// Button: close the comparison.
    pub conflict_close: &'static str,
    /// Heading: publish a version.
    pub publish_title: &'static str,
    /// Explains publishing.
    pub publish_intro: &'static str,
    /// Warning: unsaved changes are not published.
    pub publish_unsaved: &'static str,
    /// Field: change summary.
    pub summary_label: &'static str,
    /// Hint for the change summary.
    pub summary_hint: &'static str,
    /// Button start: publish version (number follows).
    pub publish_submit: &'static str,
    /// Button end.
    pub publish_submit_suffix: &'static str,
    /// Heading of the plain-language check.
    pub readability_title: &'static str,
    /// Summary: how the check works.
    pub readability_help: &'static str,
    /// No text to check.
    pub readability_empty: &'static str,
    /// Label: readability score.
    pub score_label: &'static str,
    /// "of" in "64 of 100".
    pub score_of: &'static str,
    /// Label: average sentence length.
    pub sentence_length_label: &'static str,
    /// "words".
    pub words: &'static str,
    /// One long sentence.
    pub long_sentence_one: &'static str,
    /// Several long sentences.
    pub long_sentence_many: &'static str,
    /// Label before the very long words.
    pub long_words: &'static str,
    /// Heading of the versions page.
    pub versions_title: &'static str,
    /// Intro of the versions page.
    pub versions_intro: &'static str,
    /// No versions yet.
    pub versions_empty: &'static str,
    /// Link to the draft.
    pub to_draft: &'static str,
    /// Caption of the versions table.
    pub versions_caption: &'static str,
    /// Column: version.
    pub col_version: &'static str,
    /// Column: published at.
    pub col_published_at: &'static str,
    /// Column: published by.
    pub col_published_by: &'static str,
    /// Column: change summary.
    pub col_summary: &'static str,
    /// "Version" before a number.
    pub version_word: &'static str,
    /// Link: view version (number follows).
    pub view_version: &'static str,
    /// Link: compare with the previous version (number follows).
    pub compare_with_previous: &'static str,
    /// Link: compare any two versions.
    pub compare_any: &'static str,
    /// Badge of the latest version.
    pub latest_badge: &'static str,
    /// Label: content hash.
    pub hash_label: &'static str,
    /// Explains the content hash.
    pub hash_hint: &'static str,
    /// Link: all versions.
    pub all_versions: &'static str,
    /// Heading of the table of contents.
    pub toc_title: &'static str,
    /// Heading of the compare page.
    pub compare_title: &'static str,
    /// Fewer than two versions.
    pub compare_too_few: &'static str,
    /// Select: older version.
    pub compare_from: &'static str,
    /// Select: newer version.
    pub compare_to: &'static str,
    /// Button: compare.
    pub compare_submit: &'static str,
    /// Legend: inserted text.
    pub legend_inserted: &'static str,
    /// Legend: deleted text.
    pub legend_deleted: &'static str,
    /// One unchanged section.
    pub unchanged_one: &'static str,
    /// Several unchanged sections.
    pub unchanged_many: &'static str,
    /// Section status: new.
    pub status_added: &'static str,
    /// Section status: removed.
    pub status_removed: &'static str,
    /// Section status: changed.
    pub status_changed: &'static str,
    /// Section status: unchanged.
    pub status_unchanged: &'static str,
    /// Before a former title.
    pub formerly: &'static str,
    /// Screen-reader marker before inserted text.
    pub sr_inserted: &'static str,
    /// Screen-reader marker before deleted text.
    pub sr_deleted: &'static str,
    /// Screen-reader marker after a change.
    pub sr_end: &'static str,
    /// Heading of the offer to restore unsaved text.
    pub restore_title: &'static str,
    /// Before the time of the unsaved copy.
    pub restore_intro: &'static str,
    /// When the stored draft changed after the copy.
    pub restore_changed: &'static str,
    /// Button: restore the unsaved copy.
    pub restore_button: &'static str,
    /// Button: discard the unsaved copy.
    pub restore_discard: &'static str,
}

/// German.
pub static DE: DraftTexts = DraftTexts {
    draft_title: "Arbeitsentwurf",
    draft_intro: "Hier schreibt die Projektgruppe am Entwurf. Gespeichert wird nur für die Projektgruppe; sichtbar für alle wird der Text erst, wenn Sie ihn als Version veröffentlichen.",
    start_title: "Entwurf beginnen",
    start_intro: "Es gibt noch keinen Entwurf. Wie möchten Sie anfangen?",
    start_template: "Mit der Vorlage beginnen",
    start_template_text: "Die Vorlage enthält die zehn Kapitel einer KI-Leitlinie – von der Präambel bis zum Anhang – mit Leitfragen zu jedem Kapitel.",
    start_empty: "Leer beginnen",
    start_empty_text: "Sie beginnen mit einem leeren Text und gliedern selbst.",
    last_saved: "Zuletzt gespeichert:",
    by: "von",
    body_label: "Text des Entwurfs (Markdown)",
    body_hint: "„## Titel“ beginnt ein Kapitel, „- “ eine Aufzählung, **fett** hebt hervor. Eine Leerzeile trennt Absätze.",
    chars: "Zeichen",
    unsaved: "Ungespeicherte Änderungen",
    saved: "Entwurf gespeichert.",
    save: "Entwurf speichern",
    preview_title: "Vorschau",
    preview_hint: "So sieht der Text später aus. Die Vorschau folgt Ihrer Eingabe.",
    conflict_title: "Jemand anderes hat inzwischen gespeichert",
    conflict_intro: "Ihr Text wurde nicht gespeichert, damit nichts überschrieben wird. Links steht der gespeicherte Text, rechts Ihrer. Wählen Sie, wie Sie weitermachen, und speichern Sie dann erneut.",
    conflict_theirs: "Gespeicherter Text",
    conflict_yours: "Ihr Text (nicht gespeichert)",
    conflict_take_theirs: "Gespeicherten Text übernehmen",
    conflict_merge: "Beide Texte zusammenführen",
    conflict_keep_mine: "Mit meinem Text weiterarbeiten",
    conflict_merge_hint: "Beim Zusammenführen bleibt jedes Wort aus beiden Texten erhalten. Wo beide dieselbe Stelle geändert haben, stehen beide Varianten hintereinander – bitte bereinigen.",
    conflict_resolved: "Der Text im Editor ist jetzt Ihre Arbeitsgrundlage. Speichern Sie, wenn er fertig ist.",
    conflict_close: "Vergleich schließen",
    publish_title: "Als Version veröffentlichen",
    publish_intro: "Eine Version ist für alle sichtbar und kann nicht mehr geändert werden. Veröffentlicht wird der zuletzt gespeicherte Stand.",
    publish_unsaved: "Sie haben ungespeicherte Änderungen. Speichern Sie zuerst, sonst wird der zuletzt gespeicherte Stand veröffentlicht.",
    summary_label: "Was hat sich geändert?",
    summary_hint: "Ein bis drei Sätze für alle Mitarbeitenden, zum Beispiel: „Kapitel 5 nach den Hinweisen des Datenschutzes überarbeitet.“",
    publish_submit: "Version",
    publish_submit_suffix: "veröffentlichen",
    readability_title: "Verständlichkeit prüfen",
    readability_help: "Wie die Prüfung funktioniert",
    readability_empty: "Noch kein Text zum Prüfen.",
    score_label: "Lesbarkeit",
    score_of: "von",
    sentence_length_label: "Durchschnittliche Satzlänge",
    words: "Wörter",
    long_sentence_one: "langer Satz (über 20 Wörter)",
    long_sentence_many: "lange Sätze (über 20 Wörter)",
    long_words: "Sehr lange Wörter:",
    versions_title: "Versionen",
    versions_intro: "Jede veröffentlichte Version bleibt unverändert erhalten. So lässt sich nachvollziehen, wie die Leitlinie entstanden ist.",
    versions_empty: "Es wurde noch keine Version veröffentlicht.",
    to_draft: "Zum Arbeitsentwurf",
    versions_caption: "Veröffentlichte Versionen, neueste zuerst",
    col_version: "Version",
    col_published_at: "Veröffentlicht am",
    col_published_by: "Veröffentlicht von",
    col_summary: "Änderungen",
    version_word: "Version",
    view_version: "Ansehen: Version",
    compare_with_previous: "Vergleichen mit Version",
    compare_any: "Zwei beliebige Versionen vergleichen",
    latest_badge: "aktuell",
    hash_label: "Prüfsumme (SHA-256)",
    hash_hint: "Diese Prüfsumme ändert sich bei jeder Änderung am Text. So lässt sich belegen, welcher Text beschlossen wurde.",
    all_versions: "Alle Versionen",
    toc_title: "Inhalt",
    compare_title: "Versionen vergleichen",
    compare_too_few: "Zum Vergleichen braucht es mindestens zwei veröffentlichte Versionen.",
    compare_from: "Ältere Version",
    compare_to: "Neuere Version",
    compare_submit: "Vergleichen",
    legend_inserted: "eingefügter Text ist unterstrichen",
    legend_deleted: "gelöschter Text ist durchgestrichen",
    unchanged_one: "unveränderter Abschnitt",
    unchanged_many: "unveränderte Abschnitte",
    status_added: "neu",
    status_removed: "entfernt",
    status_changed: "geändert",
    status_unchanged: "unverändert",
    formerly: "vorher:",
    sr_inserted: "[eingefügt:] ",
    sr_deleted: "[gelöscht:] ",
    sr_end: "[Ende]",
    restore_title: "Ungespeicherter Text auf diesem Gerät",
    restore_intro: "Beim letzten Mal wurde hier Text geschrieben, aber nicht gespeichert. Zuletzt geändert am",
    restore_changed: "Der gespeicherte Entwurf wurde danach noch geändert. Wenn Sie den Text wiederherstellen und speichern, sehen Sie beide Texte nebeneinander; nichts geht verloren.",
    restore_button: "Ungespeicherten Text wiederherstellen",
    restore_discard: "Verwerfen",
};

/// The draft texts of the current language.
pub fn texts() -> &'static DraftTexts {
    &DE
}
