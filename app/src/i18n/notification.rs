//! Texts of notifications: the bell, the inbox, the mail preferences, unsubscribing, the
//! coordinators' outbox page, and the password reset.

/// All notification texts in one language.
pub struct NotificationTexts {
    /// Accessible name of the bell: `{n}` is the unread count.
    pub bell_label: &'static str,
    /// Accessible name of the bell without unread notifications.
    pub bell_label_none: &'static str,
    /// Inbox page title.
    pub inbox_title: &'static str,
    /// Inbox intro.
    pub inbox_intro: &'static str,
    /// Inbox empty state.
    pub inbox_empty: &'static str,
    /// Inbox: unread count, `{n}` replaced.
    pub inbox_unread: &'static str,
    /// Inbox: nothing unread.
    pub inbox_all_read: &'static str,
    /// Button: mark one read.
    pub mark_read: &'static str,
    /// Button: mark all read.
    pub mark_all_read: &'static str,
    /// Link to the place of a notification.
    pub open_place: &'static str,
    /// Badge of an unread notification.
    pub unread_badge: &'static str,
    /// Link to the preferences.
    pub settings_link: &'static str,
    /// Preferences page title.
    pub prefs_title: &'static str,
    /// Preferences intro.
    pub prefs_intro: &'static str,
    /// Button: save preferences.
    pub prefs_submit: &'static str,
    /// Saved message.
    pub prefs_saved: &'static str,
    /// Unsubscribe page title.
    pub unsubscribe_title: &'static str,
    /// Unsubscribe page: before the group list.
    pub unsubscribe_intro: &'static str,
    /// Unsubscribe page: hint.
    pub unsubscribe_hint: &'static str,
    /// Button: unsubscribe.
    pub unsubscribe_submit: &'static str,
    /// Unsubscribe page: done.
    pub unsubscribe_done: &'static str,
    /// Outbox page title.
    pub mails_title: &'static str,
    /// Outbox page intro.
    pub mails_intro: &'static str,
    /// Label before the transport.
    pub mails_transport: &'static str,
    /// Count of waiting mails, `{n}`.
    pub mails_pending: &'static str,
    /// Count of failed mails, `{n}`.
    pub mails_failed: &'static str,
    /// Outbox empty state.
    pub mails_empty: &'static str,
    /// Shown instead of recipient and subject.
    pub mails_confidential: &'static str,
    /// Button: retry.
    pub mails_retry: &'static str,
    /// Label: tries.
    pub mails_attempts: &'static str,
    /// Label: last error.
    pub mails_error: &'static str,
    /// Summary: show the text.
    pub mails_show_text: &'static str,
    /// Heading of the file list.
    pub mails_files_title: &'static str,
    /// Intro of the file list.
    pub mails_files_intro: &'static str,
    /// Column: when.
    pub mails_col_when: &'static str,
    /// Column: kind.
    pub mails_col_kind: &'static str,
    /// Column: to.
    pub mails_col_to: &'static str,
    /// Column: subject.
    pub mails_col_subject: &'static str,
    /// Column: status.
    pub mails_col_status: &'static str,
    /// Column: file.
    pub mails_col_file: &'static str,
    /// Column: size.
    pub mails_col_size: &'static str,
    /// Navigation: outbox.
    pub nav_mails: &'static str,
    /// Log-in page: link to the reset form.
    pub forgot_link: &'static str,
    /// Reset request page title.
    pub forgot_title: &'static str,
    /// Reset request intro.
    pub forgot_intro: &'static str,
    /// Button: request the link.
    pub forgot_submit: &'static str,
    /// Answer after a request (same for unknown addresses).
    pub forgot_done: &'static str,
    /// New password page title.
    pub reset_title: &'static str,
    /// New password page intro.
    pub reset_intro: &'static str,
    /// Button: set the new password.
    pub reset_submit: &'static str,
    /// Invite form: checkbox to mail the link.
    pub send_invitation_mail: &'static str,
    /// After inviting with mail.
    pub invitation_mailed: &'static str,
}

const DE: NotificationTexts = NotificationTexts {
    bell_label: "Benachrichtigungen ({n} ungelesen)",
    bell_label_none: "Benachrichtigungen",
    inbox_title: "Benachrichtigungen",
    inbox_intro: "Hier sehen Sie, was auf der Plattform für Sie wichtig war – die neuesten zuerst.",
    inbox_empty: "Noch keine Benachrichtigungen. Sobald sich etwas tut, das Sie betrifft – etwa eine neue Diskursrunde oder eine Antwort auf Ihren Kommentar –, steht es hier.",
    inbox_unread: "{n} ungelesen",
    inbox_all_read: "Alles gelesen.",
    mark_read: "Als gelesen markieren",
    mark_all_read: "Alle als gelesen markieren",
    open_place: "Zur Stelle",
    unread_badge: "neu",
    settings_link: "Einstellungen für E-Mails",
    prefs_title: "Benachrichtigungen per E-Mail",
    prefs_intro: "Wählen Sie, wie oft Sie E-Mails erhalten. Im Bereich „Benachrichtigungen“ der Plattform erscheinen alle Benachrichtigungen unabhängig davon. Zusammenfassungen kommen um 7 Uhr, wöchentliche montags.",
    prefs_submit: "Einstellungen speichern",
    prefs_saved: "Ihre Einstellungen wurden gespeichert.",
    unsubscribe_title: "E-Mails abbestellen",
    unsubscribe_intro: "Mit diesem Link bestellen Sie E-Mails zu folgenden Themen ab:",
    unsubscribe_hint: "Sie müssen sich dafür nicht anmelden. Im Bereich „Benachrichtigungen“ der Plattform sehen Sie weiterhin alles; unter „Konto → Benachrichtigungen“ können Sie E-Mails jederzeit wieder einschalten.",
    unsubscribe_submit: "E-Mails abbestellen",
    unsubscribe_done: "Erledigt: Sie erhalten zu diesen Themen keine E-Mails mehr.",
    mails_title: "E-Mail-Versand",
    mails_intro: "Alle E-Mails, die die Plattform verschickt oder verschicken will, die neuesten zuerst. Fehlgeschlagene E-Mails können Sie erneut senden. Vertrauliche E-Mails (Passwort zurücksetzen, Rückmeldungen an anonyme Autor:innen) zeigen weder Empfänger:in noch Inhalt.",
    mails_transport: "Versandweg:",
    mails_pending: "{n} warten auf Versand",
    mails_failed: "{n} fehlgeschlagen",
    mails_empty: "Noch keine E-Mails.",
    mails_confidential: "vertraulich",
    mails_retry: "Erneut senden",
    mails_attempts: "Versuche:",
    mails_error: "Letzter Fehler:",
    mails_show_text: "Text anzeigen",
    mails_files_title: "E-Mail-Dateien (ohne SMTP-Server)",
    mails_files_intro: "Ohne eingerichteten SMTP-Server schreibt die Plattform jede E-Mail als .eml-Datei in diesen Ordner. Die neuesten 50:",
    mails_col_when: "Erstellt",
    mails_col_kind: "Art",
    mails_col_to: "An",
    mails_col_subject: "Betreff",
    mails_col_status: "Status",
    mails_col_file: "Datei",
    mails_col_size: "Größe",
    nav_mails: "E-Mails",
    forgot_link: "Passwort vergessen?",
    forgot_title: "Passwort vergessen",
    forgot_intro: "Geben Sie die E-Mail-Adresse Ihres Kontos ein. Wir schicken Ihnen einen Link, mit dem Sie ein neues Passwort festlegen. Der Link gilt eine Stunde.",
    forgot_submit: "Link anfordern",
    forgot_done: "Wenn es ein aktives Konto mit dieser Adresse gibt, haben wir einen Link geschickt. Bitte sehen Sie in Ihr Postfach (auch in den Spam-Ordner). Kommt nichts an, wenden Sie sich an Ihre Koordination.",
    reset_title: "Neues Passwort festlegen",
    reset_intro: "Legen Sie ein neues Passwort fest. Danach sind Sie angemeldet; andere Sitzungen Ihres Kontos werden beendet.",
    reset_submit: "Passwort speichern und anmelden",
    send_invitation_mail: "Einladung per E-Mail senden",
    invitation_mailed: "Die Einladung wurde per E-Mail verschickt. Den Link können Sie zusätzlich weitergeben:",
};

/// The notification texts of the current language.
pub fn texts() -> &'static NotificationTexts {
    &DE
}
