//! Texts of the downloads (PDF, Word) and the import of a draft from a file.

/// All texts of the documents in one language.
pub struct DocumentTexts {
    /// Label of the list of download links.
    pub downloads_label: &'static str,
    /// Link: the adopted guideline as PDF.
    pub guideline_pdf: &'static str,
    /// Link: the same with line numbers.
    pub guideline_pdf_lines: &'static str,
    /// Link: the adopted guideline as Word file.
    pub guideline_docx: &'static str,
    /// Link: the Markdown source whose hash was recorded.
    pub guideline_source: &'static str,
    /// Link: the feedback report as PDF.
    pub report_pdf: &'static str,
    /// Link: the comparison as PDF.
    pub comparison_pdf: &'static str,
    /// Link: the adoption record as PDF.
    pub record_pdf: &'static str,
    /// Heading of the import form.
    pub import_title: &'static str,
    /// Intro of the import form while a draft exists.
    pub import_intro_replace: &'static str,
    /// Intro of the import form before a draft exists.
    pub import_intro_start: &'static str,
    /// Label of the file field.
    pub import_file_label: &'static str,
    /// Hint under the file field.
    pub import_hint: &'static str,
    /// Button: upload and preview.
    pub import_submit: &'static str,
    /// Heading of the preview page.
    pub import_page_title: &'static str,
    /// No pending import.
    pub import_nothing: &'static str,
    /// Link back to the draft.
    pub back_to_draft: &'static str,
    /// Before the file name.
    pub import_file_prefix: &'static str,
    /// "Wort".
    pub word_one: &'static str,
    /// "Wörter".
    pub word_many: &'static str,
    /// Nothing was dropped.
    pub import_nothing_dropped: &'static str,
    /// Before the list of dropped items.
    pub import_dropped_intro: &'static str,
    /// What applying does when a draft exists.
    pub import_replaces: &'static str,
    /// What applying does before a draft exists.
    pub import_starts: &'static str,
    /// Button: apply.
    pub import_apply: &'static str,
    /// Button: discard.
    pub import_discard: &'static str,
    /// Heading of the preview.
    pub import_preview_title: &'static str,
}

/// German.
pub static DE: DocumentTexts = DocumentTexts {
    downloads_label: "Herunterladen",
    guideline_pdf: "Als PDF (archivierbar, PDF/A)",
    guideline_pdf_lines: "Als PDF mit Zeilennummern",
    guideline_docx: "Als Word-Datei",
    guideline_source: "Quelltext (Markdown, Grundlage der Prüfsumme)",
    report_pdf: "Als PDF",
    comparison_pdf: "Vergleich als PDF",
    record_pdf: "Verabschiedungsprotokoll als PDF",
    import_title: "Aus einer Datei übernehmen",
    import_intro_replace: "Sie können den Arbeitsentwurf durch den Text einer Word-, OpenDocument- oder Markdown-Datei ersetzen. Sie sehen zuerst eine Vorschau; erst nach Ihrer Bestätigung wird der Entwurf ersetzt.",
    import_intro_start: "Oder beginnen Sie mit dem Text einer vorhandenen Word-, OpenDocument- oder Markdown-Datei. Sie sehen zuerst eine Vorschau.",
    import_file_label: "Datei (.docx, .odt oder .md, höchstens 10 MB)",
    import_hint: "Überschriften, Absätze, Listen, Tabellen, fett und kursiv werden übernommen. Bilder, Kommentare und Fußnoten nicht – die Vorschau zeigt, was fehlt.",
    import_submit: "Hochladen und Vorschau zeigen",
    import_page_title: "Entwurf aus Datei: Vorschau",
    import_nothing: "Es liegt keine hochgeladene Datei vor.",
    back_to_draft: "Zurück zum Entwurf",
    import_file_prefix: "Datei:",
    word_one: "Wort",
    word_many: "Wörter",
    import_nothing_dropped: "Alle Inhalte der Datei wurden übernommen.",
    import_dropped_intro: "Nicht übernommen wurden (bitte bei Bedarf von Hand ergänzen):",
    import_replaces: "Wenn Sie übernehmen, ersetzt dieser Text den bisherigen Arbeitsentwurf. Frühere Versionen bleiben erhalten. Hat inzwischen jemand anderes den Entwurf gespeichert, wird nichts ersetzt.",
    import_starts: "Wenn Sie übernehmen, beginnt der Arbeitsentwurf mit diesem Text.",
    import_apply: "Als Arbeitsentwurf übernehmen",
    import_discard: "Verwerfen",
    import_preview_title: "Vorschau",
};

/// The texts of the current language.
pub fn texts() -> &'static DocumentTexts {
    &DE
}
