//! Texts of the discourse-round pages and the dashboard banner.

/// All texts of the round pages in one language.
pub struct RoundTexts {
    /// Tab and page heading: the rounds of a process.
    pub rounds_title: &'static str,
    /// Intro of the rounds page.
    pub rounds_intro: &'static str,
    /// No round yet.
    pub no_rounds: &'static str,
    /// "Runde zu Version" before a number.
    pub round_on_version: &'static str,
    /// Label before the state.
    pub state_label: &'static str,
    /// Label before the start.
    pub starts_label: &'static str,
    /// Label before the deadline.
    pub deadline_label: &'static str,
    /// Label before the audience.
    pub audience_label: &'static str,
    /// Heading of the open form.
    pub open_title: &'static str,
    /// Intro of the open form ("on version").
    pub open_intro: &'static str,
    /// Legend: start.
    pub open_start: &'static str,
    /// Hint under the start.
    pub open_start_hint: &'static str,
    /// Legend: end.
    pub open_end: &'static str,
    /// Hint under the end.
    pub open_end_hint: &'static str,
    /// Field: date.
    pub field_date: &'static str,
    /// Field: time.
    pub field_time: &'static str,
    /// Legend: audience.
    pub open_audience: &'static str,
    /// Option: everyone.
    pub audience_everyone: &'static str,
    /// Option: chosen teams.
    pub audience_teams: &'static str,
    /// Option: the members of the process's approving bodies.
    pub audience_bodies: &'static str,
    /// Field: team names.
    pub teams_label: &'static str,
    /// Hint under the team names.
    pub teams_hint: &'static str,
    /// Checkbox: anonymous comments allowed.
    pub allow_anonymous: &'static str,
    /// Button: open the round.
    pub open_submit: &'static str,
    /// Shown instead of the form when no version is published.
    pub open_needs_version: &'static str,
    /// Shown to the group outside step 3.
    pub open_needs_discourse: &'static str,
    /// "Version" before a number.
    pub version_word: &'static str,
    /// Link back to the round list.
    pub all_rounds: &'static str,
    /// Intro of the round page.
    pub round_intro: &'static str,
    /// Button text: comment on a paragraph.
    pub comment_button: &'static str,
    /// "Absatz" in the button's accessible name.
    pub paragraph_word: &'static str,
    /// One comment.
    pub comments_one: &'static str,
    /// Several comments.
    pub comments_many: &'static str,
    /// Accessible suffix of the count button.
    pub show_comments: &'static str,
    /// Heading of the comment form.
    pub form_title: &'static str,
    /// Before the quoted passage in the form.
    pub quote_label: &'static str,
    /// Explains the quote.
    pub quote_hint: &'static str,
    /// Opens the list of sentences to quote without a mouse.
    pub passage_choose: &'static str,
    /// Option: no quote, the whole paragraph.
    pub passage_whole: &'static str,
    /// Option: the passage marked with the mouse.
    pub passage_marked: &'static str,
    /// Field: comment text.
    pub body_label: &'static str,
    /// "characters" after the counter.
    pub chars: &'static str,
    /// Checkbox: comment anonymously.
    pub anonymous_label: &'static str,
    /// Button: send comment.
    pub send: &'static str,
    /// Button: cancel.
    pub cancel: &'static str,
    /// Confirmation after posting.
    pub sent: &'static str,
    /// Name shown for anonymous comments.
    pub anonymous_author: &'static str,
    /// Marker for own comments.
    pub you: &'static str,
    /// Marker for edited comments.
    pub edited: &'static str,
    /// Marker for answered comments.
    pub answered: &'static str,
    /// Shown to others instead of a hidden comment.
    pub hidden_notice: &'static str,
    /// Shown to author and group before the reason.
    pub hidden_reason: &'static str,
    /// Button: support.
    pub support: &'static str,
    /// Button: withdraw support.
    pub withdraw: &'static str,
    /// Button: reply.
    pub reply: &'static str,
    /// Field: reply text.
    pub reply_label: &'static str,
    /// Button: send reply.
    pub reply_send: &'static str,
    /// Button: edit.
    pub edit: &'static str,
    /// Field: edited text.
    pub edit_label: &'static str,
    /// Button: save edit.
    pub edit_save: &'static str,
    /// Button: hide.
    pub hide: &'static str,
    /// Field: hide reason.
    pub hide_label: &'static str,
    /// Button: confirm hiding.
    pub hide_submit: &'static str,
    /// Button: load more comments.
    pub more: &'static str,
    /// No comments on the paragraph yet.
    pub no_comments: &'static str,
    /// Label of the replies list.
    pub replies_label: &'static str,
    /// Button: load the remaining replies of a thread ("Weitere 4 Antworten anzeigen").
    pub more_replies_one: &'static str,
    /// The same for several replies; `{n}` is replaced by the number.
    pub more_replies_many: &'static str,
    /// The "more" button before the number ("Weitere 5 Kommentare anzeigen").
    pub more_prefix: &'static str,
    /// The "more" button after the number, one comment.
    pub more_suffix_one: &'static str,
    /// The "more" button after the number, several comments.
    pub more_suffix_many: &'static str,
    /// The accessible name of a paragraph's comment list, before its number.
    pub comments_on: &'static str,
    /// The round page's link to the list of all comments.
    pub list_link: &'static str,
    /// The heading of the list of all comments.
    pub list_title: &'static str,
    /// The introduction of the list of all comments.
    pub list_intro: &'static str,
    /// The link back to the round page.
    pub back_to_round: &'static str,
    /// The legend of the filter form.
    pub filter_legend: &'static str,
    /// The label of the section filter.
    pub filter_section: &'static str,
    /// The "all sections" option.
    pub filter_all_sections: &'static str,
    /// The label of the status filter.
    pub filter_status: &'static str,
    /// The label of the "only mine" checkbox.
    pub filter_mine: &'static str,
    /// The filter button.
    pub filter_submit: &'static str,
    /// The link that removes every filter.
    pub filter_reset: &'static str,
    /// "1 Kommentar gefunden".
    pub found_one: &'static str,
    /// "12 Kommentare gefunden".
    pub found_many: &'static str,
    /// The empty state of a round without comments.
    pub list_empty_round: &'static str,
    /// The empty state when no comment matches the filter.
    pub list_empty_filter: &'static str,
    /// The status of a comment without an answer.
    pub status_open: &'static str,
    /// The status of a hidden comment.
    pub status_hidden: &'static str,
    /// Before the project group's answer.
    pub answer_label: &'static str,
    /// The link from a listed comment to its paragraph.
    pub show_in_text: &'static str,
    /// Before the number of replies.
    pub replies_count: &'static str,
    /// Before the links to the changes a comment led to.
    pub changed_in: &'static str,
    /// The accessible name of the pagination.
    pub page_label: &'static str,
    /// The link to the previous page.
    pub page_prev: &'static str,
    /// The link to the next page.
    pub page_next: &'static str,
    /// "Seite 2 von 5": the first word.
    pub page_word: &'static str,
    /// "Seite 2 von 5": the middle word.
    pub page_of: &'static str,
    /// Heading of the list of deadline changes.
    pub changes_title: &'static str,
    /// Before a change's reason.
    pub reason_label: &'static str,
    /// Heading of the project group's deadline forms.
    pub manage_title: &'static str,
    /// Opens the deadline form.
    pub change_deadline_summary: &'static str,
    /// Explains the deadline form.
    pub change_deadline_intro: &'static str,
    /// Legend of the new deadline.
    pub new_deadline: &'static str,
    /// Label of the reason of a change.
    pub change_reason_label: &'static str,
    /// Button: change the deadline.
    pub change_deadline_submit: &'static str,
    /// Opens the end-early form.
    pub end_summary: &'static str,
    /// Opens the cancel form of a scheduled round.
    pub cancel_summary: &'static str,
    /// Warning before ending early.
    pub end_confirm_text: &'static str,
    /// Warning before cancelling.
    pub cancel_confirm_text: &'static str,
    /// Checkbox: confirm ending.
    pub end_confirm_label: &'static str,
    /// Checkbox: confirm cancelling.
    pub cancel_confirm_label: &'static str,
    /// Button: end the round now.
    pub end_submit: &'static str,
    /// Button: cancel the round.
    pub cancel_submit: &'static str,
}

/// German.
pub const DE: RoundTexts = RoundTexts {
    rounds_title: "Diskursrunden",
    rounds_intro: "In einer Diskursrunde kommentieren die Mitarbeitenden eine veröffentlichte Version. Danach beantwortet die Projektgruppe jeden Kommentar.",
    no_rounds: "Es gibt noch keine Diskursrunde.",
    round_on_version: "Runde zu Version",
    state_label: "Stand",
    starts_label: "Beginn",
    deadline_label: "Kommentarfrist bis",
    audience_label: "Teilnehmende",
    open_title: "Diskursrunde öffnen",
    open_intro: "Die Runde läuft auf der neuesten veröffentlichten Version:",
    open_start: "Beginn",
    open_start_hint: "Leer lassen, um sofort zu beginnen. Alle Zeiten sind deutsche Ortszeit.",
    open_end: "Ende der Kommentarfrist",
    open_end_hint: "Ohne Uhrzeit endet die Frist um 23:59 Uhr. Höchstens 90 Tage.",
    field_date: "Datum (TT.MM.JJJJ)",
    field_time: "Uhrzeit (hh:mm)",
    open_audience: "Wer kann kommentieren?",
    audience_everyone: "Alle Mitarbeitenden",
    audience_teams: "Ausgewählte Teams",
    audience_bodies: "Die verabschiedenden Gremien (alle ihre Mitglieder)",
    teams_label: "Teams",
    teams_hint: "Mehrere Teams durch Komma trennen.",
    allow_anonymous: "Anonyme Kommentare erlauben",
    open_submit: "Diskursrunde öffnen",
    open_needs_version: "Für eine Diskursrunde muss zuerst eine Version veröffentlicht sein.",
    open_needs_discourse: "Diskursrunden können im Schritt „Diskurs“ geöffnet werden.",
    version_word: "Version",
    all_rounds: "Alle Diskursrunden",
    round_intro: "Kommentieren Sie einen Absatz mit der Schaltfläche daneben. Wenn Sie vorher eine Textstelle im Absatz markieren, wird sie als Zitat gespeichert.",
    comment_button: "Kommentieren",
    paragraph_word: "Absatz",
    comments_one: "Kommentar",
    comments_many: "Kommentare",
    show_comments: "anzeigen",
    form_title: "Ihr Kommentar",
    quote_label: "Zitierte Textstelle:",
    quote_hint: "Ohne markierte Textstelle bezieht sich der Kommentar auf den ganzen Absatz.",
    passage_choose: "Textstelle wählen",
    passage_whole: "Den ganzen Absatz",
    passage_marked: "Die markierte Stelle:",
    body_label: "Kommentar",
    chars: "Zeichen",
    anonymous_label: "Anonym kommentieren (Ihr Name wird niemandem angezeigt)",
    send: "Kommentar senden",
    cancel: "Abbrechen",
    sent: "Ihr Kommentar wurde gespeichert.",
    anonymous_author: "Anonym",
    you: "(Sie)",
    edited: "bearbeitet",
    answered: "beantwortet",
    hidden_notice: "Dieser Kommentar wurde von der Projektgruppe ausgeblendet.",
    hidden_reason: "Von der Projektgruppe ausgeblendet. Begründung:",
    support: "Unterstützen",
    withdraw: "Unterstützung zurückziehen",
    reply: "Antworten",
    reply_label: "Ihre Antwort",
    reply_send: "Antwort senden",
    edit: "Bearbeiten",
    edit_label: "Kommentar bearbeiten",
    edit_save: "Änderung speichern",
    hide: "Ausblenden",
    hide_label: "Begründung (für die Person sichtbar)",
    hide_submit: "Kommentar ausblenden",
    more: "Weitere Kommentare laden",
    no_comments: "Noch keine Kommentare zu diesem Absatz.",
    replies_label: "Antworten",
    more_replies_one: "Eine weitere Antwort anzeigen",
    more_replies_many: "Weitere {n} Antworten anzeigen",
    more_prefix: "Weitere",
    more_suffix_one: "Kommentar anzeigen",
    more_suffix_many: "Kommentare anzeigen",
    comments_on: "Kommentare zu Absatz",
    list_link: "Alle Kommentare als Liste",
    list_title: "Alle Kommentare",
    list_intro: "Hier sehen Sie alle Kommentare dieser Runde mit dem Stand der Rückmeldung. Antworten und Unterstützen können Sie im Text der Runde.",
    back_to_round: "Zurück zum Text der Runde",
    filter_legend: "Kommentare filtern",
    filter_section: "Abschnitt",
    filter_all_sections: "Alle Abschnitte",
    filter_status: "Status",
    filter_mine: "Nur meine Kommentare",
    filter_submit: "Filtern",
    filter_reset: "Filter zurücksetzen",
    found_one: "Kommentar gefunden",
    found_many: "Kommentare gefunden",
    list_empty_round: "In dieser Runde gibt es noch keine Kommentare.",
    list_empty_filter: "Kein Kommentar passt zu diesem Filter.",
    status_open: "noch ohne Rückmeldung",
    status_hidden: "ausgeblendet",
    answer_label: "Rückmeldung der Projektgruppe:",
    show_in_text: "Im Text anzeigen",
    replies_count: "Antworten:",
    changed_in: "Geführt zu:",
    page_label: "Seiten",
    page_prev: "Vorherige Seite",
    page_next: "Nächste Seite",
    page_word: "Seite",
    page_of: "von",
    changes_title: "Änderungen der Frist",
    reason_label: "Begründung:",
    manage_title: "Frist und Ende der Runde",
    change_deadline_summary: "Frist ändern (verlängern oder verkürzen)",
    change_deadline_intro: "Die neue Frist muss in der Zukunft liegen und darf höchstens 90 Tage nach dem Beginn der Runde enden. Alle Teilnehmenden sehen die Änderung und Ihre Begründung auf dieser Seite.",
    new_deadline: "Neue Kommentarfrist",
    change_reason_label: "Begründung (für alle sichtbar)",
    change_deadline_submit: "Frist ändern",
    end_summary: "Runde vorzeitig beenden",
    cancel_summary: "Geplante Runde absagen",
    end_confirm_text: "Nach dem Beenden kann niemand mehr kommentieren, antworten oder unterstützen. Die Projektgruppe beantwortet dann alle Kommentare und schließt die Runde, ohne auf die ursprüngliche Frist zu warten.",
    cancel_confirm_text: "Die Runde hat noch nicht begonnen. Nach dem Absagen beginnt sie nicht; Sie können danach eine neue Runde öffnen.",
    end_confirm_label: "Ja, die Kommentierung soll jetzt enden.",
    cancel_confirm_label: "Ja, die Runde soll abgesagt werden.",
    end_submit: "Runde jetzt beenden",
    cancel_submit: "Runde absagen",
};

/// The round texts of the current language.
pub fn texts() -> &'static RoundTexts {
    &DE
}
