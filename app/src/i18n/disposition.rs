//! Texts of the disposition list, the feedback report and "Meine Kommentare".

/// All texts of the disposition pages in one language.
pub struct DispositionTexts {
    /// Tab and page heading of the disposition list.
    pub dispositions_title: &'static str,
    /// Link from the round page to the disposition list.
    pub dispositions_link: &'static str,
    /// Heading of the feedback report.
    pub report_title: &'static str,
    /// Link to the feedback report.
    pub report_link: &'static str,
    /// Notice on the report before the round is closed.
    pub report_draft: &'static str,
    /// Intro of the report.
    pub report_intro: &'static str,
    /// Caption of the totals table.
    pub totals_caption: &'static str,
    /// Column: disposition.
    pub col_disposition: &'static str,
    /// Column: number.
    pub col_count: &'static str,
    /// Totals row: without an answer.
    pub open_label: &'static str,
    /// Label of hidden comments.
    pub hidden_label: &'static str,
    /// Before the moderation reason.
    pub hidden_reason_label: &'static str,
    /// Before the number of supporters.
    pub supports_label: &'static str,
    /// Before the number of replies.
    pub replies_label: &'static str,
    /// Before a reason.
    pub reason_label: &'static str,
    /// Before a quoted passage.
    pub quote_label: &'static str,
    /// A comment without an answer.
    pub no_answer: &'static str,
    /// Empty report or list.
    pub no_comments: &'static str,
    /// Button: print the report.
    pub print: &'static str,
    /// Legend of the filter form.
    pub filter_legend: &'static str,
    /// Filter: section.
    pub filter_section: &'static str,
    /// Filter option: all sections.
    pub filter_all_sections: &'static str,
    /// Filter: status.
    pub filter_status: &'static str,
    /// Filter option: all.
    pub status_all: &'static str,
    /// Filter option: open.
    pub status_open: &'static str,
    /// Filter option: answered.
    pub status_answered: &'static str,
    /// Filter: own comments.
    pub filter_mine: &'static str,
    /// Button: apply the filter.
    pub filter_submit: &'static str,
    /// After the number of matching comments.
    pub matching: &'static str,
    /// Accessible name of the progress bar.
    pub progress_label: &'static str,
    /// Field: the disposition.
    pub field_kind: &'static str,
    /// Field: the reason.
    pub field_reason: &'static str,
    /// Hint under the reason.
    pub reason_hint: &'static str,
    /// Button: save one answer.
    pub decide_submit: &'static str,
    /// Success after saving an answer.
    pub saved: &'static str,
    /// Checkbox label before the comment number.
    pub select_comment: &'static str,
    /// Heading of the bulk form.
    pub bulk_title: &'static str,
    /// After the number of selected comments.
    pub bulk_selected: &'static str,
    /// Button: answer the selected comments.
    pub bulk_submit: &'static str,
    /// Success after a bulk answer.
    pub bulk_saved: &'static str,
    /// Heading of the close section.
    pub close_title: &'static str,
    /// Intro of the close section.
    pub close_intro: &'static str,
    /// Button: close the round.
    pub close_submit: &'static str,
    /// Shown when the round is closed.
    pub closed_notice: &'static str,
    /// Field: section of the new version.
    pub link_field: &'static str,
    /// Button: link the comment to a change.
    pub link_submit: &'static str,
    /// Before the list of changes a comment led to.
    pub linked_to: &'static str,
    /// "Kommentar" before a number.
    pub comment_word: &'static str,
    /// Author of an anonymous comment.
    pub anonymous: &'static str,
    /// Label of the pagination.
    pub page_label: &'static str,
    /// Pagination: previous page.
    pub page_prev: &'static str,
    /// Pagination: next page.
    pub page_next: &'static str,
    /// Pagination: "Seite" before the number.
    pub page_of: &'static str,
    /// Pagination: "von" between the numbers.
    pub page_of_total: &'static str,
    /// Link back to the round.
    pub back_to_round: &'static str,
    /// Heading of the own comments page.
    pub my_title: &'static str,
    /// Intro of the own comments page.
    pub my_intro: &'static str,
    /// No own comments yet.
    pub my_empty: &'static str,
    /// Before the round link.
    pub in_round: &'static str,
    /// Badge of a reply.
    pub reply_badge: &'static str,
    /// Badge of an own anonymous comment.
    pub anonymous_badge: &'static str,
    /// Heading of the comments shown per changed section on the compare page.
    pub led_to: &'static str,
    /// "Version" before a number.
    pub version_word: &'static str,
    /// The empty first option of the answer selector.
    pub choose: &'static str,
}

/// German.
pub static DE: DispositionTexts = DispositionTexts {
    dispositions_title: "Rückmeldungen geben",
    dispositions_link: "Rückmeldungen geben",
    report_title: "Rückmeldebericht",
    report_link: "Rückmeldebericht",
    report_draft: "Entwurf: Die Runde ist noch nicht abgeschlossen. Nur die Projektgruppe sieht diesen Bericht.",
    report_intro: "Alle Kommentare dieser Runde mit der Rückmeldung der Projektgruppe, nach Abschnitten geordnet.",
    totals_caption: "Rückmeldungen insgesamt",
    col_disposition: "Rückmeldung",
    col_count: "Anzahl",
    open_label: "noch offen",
    hidden_label: "ausgeblendet",
    hidden_reason_label: "Grund der Ausblendung:",
    supports_label: "Unterstützungen:",
    replies_label: "Antworten:",
    reason_label: "Begründung:",
    quote_label: "Zur Textstelle:",
    no_answer: "noch ohne Rückmeldung",
    no_comments: "Keine Kommentare.",
    print: "Drucken",
    filter_legend: "Kommentare filtern",
    filter_section: "Abschnitt",
    filter_all_sections: "Alle Abschnitte",
    filter_status: "Status",
    status_all: "Alle",
    status_open: "Offen",
    status_answered: "Beantwortet",
    filter_mine: "Nur meine Kommentare",
    filter_submit: "Filtern",
    matching: "Kommentare gefunden",
    progress_label: "Fortschritt der Rückmeldungen",
    field_kind: "Rückmeldung",
    field_reason: "Begründung",
    reason_hint: "Pflicht, außer bei „übernommen“.",
    decide_submit: "Rückmeldung speichern",
    saved: "Rückmeldung gespeichert.",
    select_comment: "Auswählen: Kommentar",
    bulk_title: "Mehreren Kommentaren dieselbe Rückmeldung geben",
    bulk_selected: "ausgewählt",
    bulk_submit: "Den ausgewählten Kommentaren zuweisen",
    bulk_saved: "Rückmeldungen gespeichert.",
    close_title: "Runde abschließen",
    close_intro: "Nach dem Abschluss sind alle Rückmeldungen endgültig und der Rückmeldebericht ist für alle Teilnehmenden sichtbar.",
    close_submit: "Runde abschließen",
    closed_notice: "Die Runde ist abgeschlossen; die Rückmeldungen sind endgültig.",
    link_field: "Geführt zu Änderung in",
    link_submit: "Mit Änderung verknüpfen",
    linked_to: "Geführt zu Änderung:",
    comment_word: "Kommentar",
    anonymous: "anonym",
    page_label: "Seiten",
    page_prev: "Vorherige Seite",
    page_next: "Nächste Seite",
    page_of: "Seite",
    page_of_total: "von",
    back_to_round: "Zurück zur Runde",
    my_title: "Meine Kommentare",
    my_intro: "Hier sehen Sie alle Ihre Kommentare aus den Diskursrunden und was die Projektgruppe daraus gemacht hat.",
    my_empty: "Sie haben noch keine Kommentare geschrieben.",
    in_round: "Diskursrunde zu Version",
    reply_badge: "Antwort",
    anonymous_badge: "anonym geschrieben",
    led_to: "Kommentare, die zu dieser Änderung geführt haben",
    version_word: "Version",
    choose: "Bitte wählen",
};

/// The texts of the current language.
pub fn texts() -> &'static DispositionTexts {
    &DE
}
