//! Texts of the dialogue space (experience reports) and the review page.

/// All texts of the dialogue and review pages in one language.
pub struct ReviewTexts {
    /// Tab and page heading of the dialogue space.
    pub dialogue_title: &'static str,
    /// Intro of the dialogue space.
    pub dialogue_intro: &'static str,
    /// Empty state while nothing is adopted.
    pub dialogue_not_adopted: &'static str,
    /// Note while a review is under way.
    pub dialogue_under_review: &'static str,
    /// Link on a report with more replies than shown ("Weitere 12 Antworten anzeigen").
    pub more_replies_one: &'static str,
    /// The same for several replies; `{n}` is the number still hidden.
    pub more_replies_many: &'static str,
    /// Link from a single report back to the list.
    pub thread_back: &'static str,
    /// Label of the pagination of a report's replies.
    pub thread_pages_label: &'static str,
    /// No posts yet.
    pub dialogue_empty: &'static str,
    /// No posts of the filtered kind.
    pub dialogue_empty_filtered: &'static str,
    /// Link to the publication page, followed by the number.
    pub read_guideline: &'static str,
    /// Heading of the report form.
    pub report_title: &'static str,
    /// Legend of the kind choice.
    pub kind_legend: &'static str,
    /// Label of the report text.
    pub report_body: &'static str,
    /// Hint under the report text.
    pub report_hint: &'static str,
    /// Checkbox: post anonymously.
    pub anonymous_label: &'static str,
    /// Button: post a report.
    pub report_submit: &'static str,
    /// Heading of the list.
    pub posts_title: &'static str,
    /// Label of the filter navigation.
    pub filter_label: &'static str,
    /// Filter: all kinds.
    pub filter_all: &'static str,
    /// Byline of an anonymous post.
    pub anonymous_author: &'static str,
    /// Byline of the viewer's own anonymous post.
    pub anonymous_mine: &'static str,
    /// "Version" before a number.
    pub version_word: &'static str,
    /// Opens the reply form.
    pub reply_summary: &'static str,
    /// Label of the reply text.
    pub reply_body: &'static str,
    /// Button: send a reply.
    pub reply_submit: &'static str,
    /// Link to the dialogue space.
    pub dialogue_link: &'static str,
    /// Shown to others instead of a hidden post.
    pub post_hidden_notice: &'static str,
    /// Before the reason, for the author and the moderators.
    pub post_hidden_reason: &'static str,
    /// Opens the moderation form.
    pub post_hide: &'static str,
    /// Field: the reason for hiding.
    pub post_hide_label: &'static str,
    /// Button: hide the post.
    pub post_hide_submit: &'static str,
    /// Tab and page heading of the review page.
    pub review_title: &'static str,
    /// Intro of the review page.
    pub review_intro: &'static str,
    /// Empty state while nothing is adopted.
    pub review_not_adopted: &'static str,
    /// Heading: the guideline in force.
    pub in_force_title: &'static str,
    /// Label: adoption date.
    pub adopted_on_label: &'static str,
    /// Label: next review date.
    pub next_review_label: &'static str,
    /// Note while a review runs.
    pub under_review_note: &'static str,
    /// Start of the sentence on collected inputs.
    pub waiting_intro: &'static str,
    /// After the number of needs for change.
    pub waiting_needs: &'static str,
    /// After the number of deferred comments.
    pub waiting_deferred: &'static str,
    /// Heading of the date form.
    pub reschedule_title: &'static str,
    /// Button: save the date.
    pub reschedule_submit: &'static str,
    /// Success after saving the date.
    pub rescheduled: &'static str,
    /// Heading of the start form.
    pub start_title: &'static str,
    /// Explanation of starting a review.
    pub start_intro: &'static str,
    /// Legend of the trigger choice.
    pub trigger_legend: &'static str,
    /// Label of the trigger description.
    pub trigger_text_label: &'static str,
    /// Hint under the trigger description.
    pub trigger_text_hint: &'static str,
    /// Legend of the re-entry choice.
    pub reentry_legend: &'static str,
    /// Re-entry at step 3.
    pub reentry_discourse: &'static str,
    /// Re-entry at step 1.
    pub reentry_collect: &'static str,
    /// What the review carries in ({needs}, {deferred}).
    pub start_carries: &'static str,
    /// Confirmation checkbox.
    pub start_confirm: &'static str,
    /// Button: start the review.
    pub start_submit: &'static str,
    /// Heading of the list of reviews.
    pub reviews_title: &'static str,
    /// No reviews yet.
    pub no_reviews: &'static str,
    /// "Überarbeitung" before a number.
    pub revision_word: &'static str,
    /// Label: started by and when.
    pub started_label: &'static str,
    /// Label: step the revision started in.
    pub reentry_label: &'static str,
    /// Label: the reviewed version.
    pub from_version_label: &'static str,
    /// Label: content hash.
    pub hash_label: &'static str,
    /// Heading: carried-in inputs.
    pub inputs_title: &'static str,
    /// No inputs.
    pub no_inputs: &'static str,
    /// Before a deferred comment's reason.
    pub input_note: &'static str,
    /// Link to the original.
    pub input_link: &'static str,
    /// Dashboard heading.
    pub due_title: &'static str,
    /// Publication page: the version is valid.
    pub valid_label: &'static str,
    /// Publication page: a review is under way.
    pub in_review_label: &'static str,
    /// Process page in step 4: step 5 starts by itself.
    pub step5_auto: &'static str,
    /// Process page in step 5: link to the review page.
    pub to_review: &'static str,
}

/// The German texts.
pub const DE: ReviewTexts = ReviewTexts {
    dialogue_title: "Erfahrungen",
    dialogue_intro: "Berichten Sie, wie Sie KI im Alltag unter dieser Leitlinie nutzen: Anwendungsfälle, Unsicherheiten, Erfolgsgeschichten und Änderungsbedarf. Beiträge mit Änderungsbedarf fließen in die nächste Überprüfung ein.",
    dialogue_not_adopted: "Erfahrungen können berichtet werden, sobald die Leitlinie verabschiedet und veröffentlicht ist.",
    dialogue_under_review: "Die Leitlinie wird gerade überprüft. Die verabschiedete Version gilt weiter, bis eine neue verabschiedet ist.",
    more_replies_one: "Eine weitere Antwort anzeigen",
    more_replies_many: "Weitere {n} Antworten anzeigen",
    thread_back: "Zurück zu allen Erfahrungen",
    thread_pages_label: "Seiten der Antworten",
    dialogue_empty: "Noch keine Erfahrungen berichtet. Machen Sie den Anfang!",
    dialogue_empty_filtered: "Zu dieser Art gibt es noch keine Beiträge.",
    read_guideline: "Gültige Leitlinie lesen: Version",
    report_title: "Erfahrung berichten",
    kind_legend: "Worum geht es?",
    report_body: "Ihr Bericht",
    report_hint: "Höchstens 4000 Zeichen. Bitte keine Namen oder Daten von Klientinnen und Klienten.",
    anonymous_label: "Anonym veröffentlichen (Ihr Name wird niemandem angezeigt)",
    report_submit: "Erfahrung teilen",
    posts_title: "Berichtete Erfahrungen",
    filter_label: "Nach Art filtern",
    filter_all: "Alle",
    anonymous_author: "Anonym",
    anonymous_mine: "Sie (anonym veröffentlicht)",
    version_word: "Version",
    reply_summary: "Antworten",
    reply_body: "Ihre Antwort",
    reply_submit: "Antwort senden",
    dialogue_link: "Erfahrungen aus der Erprobung",
    post_hidden_notice: "Dieser Beitrag wurde ausgeblendet, weil er gegen die Regeln verstößt.",
    post_hidden_reason: "Ausgeblendet. Begründung:",
    post_hide: "Ausblenden",
    post_hide_label: "Begründung (für die verfassende Person sichtbar)",
    post_hide_submit: "Beitrag ausblenden",
    review_title: "Überprüfung",
    review_intro: "Jede verabschiedete Leitlinie wird regelmäßig überprüft (in der Regel nach zwei Jahren) und kann aus gegebenem Anlass früher überprüft werden. Eine Überprüfung beginnt eine neue Überarbeitung auf Grundlage der gültigen Version; diese bleibt gültig, bis eine neue Version verabschiedet ist.",
    review_not_adopted: "Die Leitlinie ist noch nicht verabschiedet. Nach der Verabschiedung erscheint hier der nächste Überprüfungstermin.",
    in_force_title: "Gültige Leitlinie",
    adopted_on_label: "Verabschiedet am",
    next_review_label: "Nächste Überprüfung (TT.MM.JJJJ)",
    under_review_note: "In Überprüfung: Eine neue Überarbeitung läuft. Die verabschiedete Version bleibt gültig, bis eine neue Version verabschiedet ist.",
    waiting_intro: "Für die nächste Überprüfung gesammelt:",
    waiting_needs: "Beiträge mit Änderungsbedarf",
    waiting_deferred: "zurückgestellte Kommentare",
    reschedule_title: "Überprüfungstermin ändern",
    reschedule_submit: "Termin speichern",
    rescheduled: "Der Überprüfungstermin wurde gespeichert.",
    start_title: "Überprüfung jetzt beginnen",
    start_intro: "Beginnen Sie die Überprüfung vor dem Termin, wenn es einen Anlass gibt. Der Prozess beginnt eine neue Überarbeitung im gewählten Schritt; der Entwurf startet mit dem Text der gültigen Version.",
    trigger_legend: "Anlass der Überprüfung",
    trigger_text_label: "Beschreibung des Anlasses",
    trigger_text_hint: "Zum Beispiel der Name des neuen Werkzeugs oder des Gesetzes. Pflicht bei „Sonstiger Anlass“; höchstens 1.000 Zeichen.",
    reentry_legend: "Wo beginnt die Überarbeitung?",
    reentry_discourse: "Schritt 3: Diskurs über die gültige Version",
    reentry_collect: "Schritt 1: zuerst erneut Erfahrungen sammeln",
    start_carries: "Übernommen werden {needs} Beiträge mit Änderungsbedarf und {deferred} zurückgestellte Kommentare.",
    start_confirm: "Ja, ich möchte die Überprüfung jetzt beginnen.",
    start_submit: "Überprüfung beginnen",
    reviews_title: "Bisherige Überprüfungen",
    no_reviews: "Es wurde noch keine Überprüfung begonnen.",
    revision_word: "Überarbeitung",
    started_label: "Begonnen von",
    reentry_label: "Beginn im Schritt",
    from_version_label: "Ausgangsversion",
    hash_label: "Prüfsumme (SHA-256)",
    inputs_title: "Eingänge für die Projektgruppe",
    no_inputs: "Keine Eingänge: Es gab weder Änderungsbedarf noch zurückgestellte Kommentare.",
    input_note: "Begründung der Zurückstellung:",
    input_link: "Zum Original",
    due_title: "Anstehende Überprüfungen",
    valid_label: "gültig",
    in_review_label: "in Überprüfung",
    step5_auto: "Schritt 5 (Überprüfung) beginnt von selbst, sobald alle erforderlichen Gremien zugestimmt haben. Dann ist die Leitlinie veröffentlicht und gilt.",
    to_review: "Zur Überprüfung: Termin, Anlass und neue Überarbeitung",
};

/// The texts of the current language (German for now).
pub fn texts() -> &'static ReviewTexts {
    &DE
}
