//! Texts about identity at organisation scale: log-in with the organisation's account, the
//! staff import, and the data-protection pages.

/// All identity texts in one language.
pub struct IdentityTexts {
    /// Button: log in at the organisation's provider.
    pub sso_login: &'static str,
    /// Hint under that button.
    pub sso_login_hint: &'static str,
    /// Heading above the password form when both ways are offered.
    pub sso_or_password: &'static str,
    /// Title of the page shown when a log-in through the provider failed.
    pub sso_error_title: &'static str,
    /// Link back to the log-in page.
    pub sso_try_again: &'static str,
    /// After a log-out of a session that came from the provider.
    pub sso_logged_out: &'static str,
    /// Link: also end the session at the provider.
    pub sso_end_session: &'static str,
    /// Own account page: the account is linked to the organisation's log-in.
    pub sso_linked: &'static str,
    /// Title of the import page.
    pub import_title: &'static str,
    /// Intro of the import page.
    pub import_intro: &'static str,
    /// Field label: the file.
    pub import_file_label: &'static str,
    /// Button: upload and preview.
    pub import_upload: &'static str,
    /// Heading: the file format.
    pub import_format_title: &'static str,
    /// The file format.
    pub import_format: &'static str,
    /// What the import does and does not do.
    pub import_format_details: &'static str,
    /// Link back to the user list.
    pub import_back_to_users: &'static str,
    /// Title of the preview page.
    pub import_preview_title: &'static str,
    /// Label of the list tabs.
    pub import_lists_label: &'static str,
    /// List: new accounts.
    pub import_new: &'static str,
    /// List: changed accounts.
    pub import_changed: &'static str,
    /// List: unchanged accounts.
    pub import_unchanged: &'static str,
    /// List: rows of deactivated accounts.
    pub import_deactivated: &'static str,
    /// List: invalid rows.
    pub import_invalid: &'static str,
    /// List: accounts missing from the file.
    pub import_missing: &'static str,
    /// Empty list.
    pub import_list_empty: &'static str,
    /// Column: line in the file.
    pub import_col_line: &'static str,
    /// Column: name.
    pub import_col_name: &'static str,
    /// Column: e-mail.
    pub import_col_email: &'static str,
    /// Column: team.
    pub import_col_team: &'static str,
    /// Column: note or reason.
    pub import_col_note: &'static str,
    /// Heading of the confirmation.
    pub import_apply_title: &'static str,
    /// Legend of the sync option.
    pub import_sync_legend: &'static str,
    /// Checkbox: deactivate accounts missing from the file.
    pub import_sync: &'static str,
    /// Button: apply the import.
    pub import_apply: &'static str,
    /// Link: upload another file.
    pub import_other_file: &'static str,
    /// Title after applying.
    pub import_done_title: &'static str,
    /// Heading: invitations.
    pub import_invitations_title: &'static str,
    /// How invitations go out.
    pub import_invitations_explain: &'static str,
    /// Button: download the links.
    pub import_invitations_download: &'static str,
    /// Button: send the invitations by mail.
    pub import_invitations_mail: &'static str,
    /// After sending: nobody was waiting.
    pub import_invited_none: &'static str,
    /// After sending: one mail.
    pub import_invited_one: &'static str,
    /// After sending: `{n}` mails.
    pub import_invited_many: &'static str,
    /// Passwords off: no invitations.
    pub import_invitations_sso: &'static str,
    /// Link on the user list.
    pub users_import_link: &'static str,
    /// Title: own data.
    pub my_data_title: &'static str,
    /// Intro of the own-data page.
    pub my_data_intro: &'static str,
    /// Link: download as JSON.
    pub my_data_download: &'static str,
    /// Heading: the account.
    pub my_data_account: &'static str,
    /// Marker of an anonymous text.
    pub my_data_anonymous: &'static str,
    /// Empty section.
    pub my_data_none: &'static str,
    /// Label: created.
    pub my_data_created: &'static str,
    /// Label: how the person logs in.
    pub my_data_login: &'static str,
    /// Logs in with a password.
    pub my_data_password: &'static str,
    /// Invited, no password yet.
    pub my_data_no_login: &'static str,
    /// Title: delete a person.
    pub delete_title: &'static str,
    /// What deletion does.
    pub delete_explain: &'static str,
    /// Texts are kept.
    pub delete_texts_kept: &'static str,
    /// Texts are removed.
    pub delete_texts_removed: &'static str,
    /// Confirmation checkbox.
    pub delete_confirm: &'static str,
    /// Button: delete.
    pub delete_submit: &'static str,
    /// Link: cancel.
    pub delete_cancel: &'static str,
    /// The person is already deleted.
    pub delete_already: &'static str,
    /// Link in the user list.
    pub delete_link: &'static str,
    /// Title: the privacy page.
    pub privacy_title: &'static str,
    /// Intro of the privacy page.
    pub privacy_intro: &'static str,
    /// Caption of the table.
    pub privacy_caption: &'static str,
    /// Column: what.
    pub privacy_col_what: &'static str,
    /// Column: purpose.
    pub privacy_col_purpose: &'static str,
    /// Column: how long.
    pub privacy_col_kept: &'static str,
    /// Heading: rights.
    pub privacy_rights_title: &'static str,
    /// The person's rights.
    pub privacy_rights: &'static str,
    /// Footer link.
    pub privacy_footer: &'static str,
}

/// The German texts.
pub const DE: IdentityTexts = IdentityTexts {
    sso_login: "Mit dem Konto Ihrer Organisation anmelden",
    sso_login_hint: "Sie werden zur Anmeldeseite Ihrer Organisation weitergeleitet und kommen danach hierher zurück.",
    sso_or_password: "Oder mit E-Mail-Adresse und Passwort",
    sso_error_title: "Anmeldung nicht möglich",
    sso_try_again: "Zurück zur Anmeldung",
    sso_logged_out: "Sie sind bei Mitsprache abgemeldet. Bei Ihrer Organisation sind Sie möglicherweise noch angemeldet – auf einem gemeinsam genutzten Gerät melden Sie sich bitte auch dort ab.",
    sso_end_session: "Auch beim Konto Ihrer Organisation abmelden",
    sso_linked: "Sie melden sich mit dem Konto Ihrer Organisation an.",
    import_title: "Mitarbeitende aus einer Liste importieren",
    import_intro: "Laden Sie die Liste Ihrer Mitarbeitenden hoch, wie Excel oder Ihr Personalprogramm sie als CSV-Datei speichert. Sie sehen zuerst eine Vorschau; gespeichert wird erst, wenn Sie bestätigen.",
    import_file_label: "CSV-Datei mit der Liste",
    import_upload: "Hochladen und Vorschau anzeigen",
    import_format_title: "So muss die Datei aussehen",
    import_format: "Die erste Zeile nennt die Spalten: „Name“ (oder „Vorname“ und „Nachname“), „E-Mail“, optional „Team“ (oder „Abteilung“) und „Rolle“ („Mitarbeitende“ oder „Koordination“). Trennzeichen Semikolon oder Komma; UTF-8 oder Windows-1252 (wie Excel speichert).",
    import_format_details: "Neue Personen bekommen ein Konto ohne Passwort und eine Einladung. Bei vorhandenen Konten (gleiche E-Mail-Adresse) werden Name, Team und die Rolle „Koordination“ übernommen; die Rolle wird nie entzogen. Deaktivierte Konten bleiben deaktiviert. Höchstens 10 MB und 50.000 Zeilen.",
    import_back_to_users: "Zurück zur Benutzerverwaltung",
    import_preview_title: "Vorschau des Imports",
    import_lists_label: "Zeilen der Vorschau",
    import_new: "Neu",
    import_changed: "Geändert",
    import_unchanged: "Unverändert",
    import_deactivated: "Deaktivierte Konten",
    import_invalid: "Ungültige Zeilen",
    import_missing: "Nicht in der Liste",
    import_list_empty: "Keine Zeilen in dieser Liste.",
    import_col_line: "Zeile",
    import_col_name: "Name",
    import_col_email: "E-Mail",
    import_col_team: "Team",
    import_col_note: "Hinweis",
    import_apply_title: "Übernehmen",
    import_sync_legend: "Abgleich",
    import_sync: "Konten deaktivieren, die nicht in der Liste stehen",
    import_apply: "Liste übernehmen",
    import_other_file: "Andere Datei hochladen",
    import_done_title: "Import übernommen",
    import_invitations_title: "Einladungen",
    import_invitations_explain: "Die neuen Konten haben noch kein Passwort. Senden Sie jeder Person ihre Einladung per E-Mail – oder laden Sie die Links herunter (CSV für Excel), z. B. für einen Serienbrief an Personen ohne E-Mail-Postfach. Jedes Senden erzeugt neue Links, die 7 Tage gelten; ältere Links derselben Personen werden ungültig.",
    import_invitations_download: "Einladungslinks herunterladen",
    import_invitations_mail: "Einladungen per E-Mail senden",
    import_invited_none: "Alle neuen Konten sind schon eingerichtet – es war keine Einladung mehr zu senden.",
    import_invited_one: "1 Einladung wird per E-Mail verschickt.",
    import_invited_many: "{n} Einladungen werden per E-Mail verschickt.",
    import_invitations_sso: "Die Personen melden sich mit dem Konto Ihrer Organisation an; ihr Konto wird bei der ersten Anmeldung über die E-Mail-Adresse verknüpft.",
    users_import_link: "Mitarbeitende aus einer Liste importieren",
    my_data_title: "Meine Daten",
    my_data_intro: "Hier steht alles, was Mitsprache über Sie gespeichert hat – auch Ihre anonymen Beiträge, die niemand sonst Ihnen zuordnen kann (Auskunft nach Art. 15 DSGVO).",
    my_data_download: "Alle Daten herunterladen (JSON)",
    my_data_account: "Ihr Konto",
    my_data_anonymous: "anonym",
    my_data_none: "Keine Einträge.",
    my_data_created: "Angelegt am",
    my_data_login: "Anmeldung",
    my_data_password: "mit E-Mail-Adresse und Passwort",
    my_data_no_login: "noch nicht aktiviert (Einladung offen)",
    delete_title: "Person und ihre Daten löschen",
    delete_explain: "Auf Wunsch der Person (Art. 17 DSGVO) werden Name, E-Mail-Adresse, Team, Passwort, Rollen, Mitgliedschaften in Projektgruppen und Gremien, Einladungen und die Verknüpfung mit dem Konto der Organisation gelöscht. Die Person wird abgemeldet und kann sich nicht mehr anmelden. Entscheidungen und Rückmeldungen, die sie im Prozess getroffen hat, bleiben unter „ehemalige:r Mitarbeiter:in“ nachvollziehbar; das Audit-Protokoll erhält einen Eintrag über die Löschung und bleibt prüfbar.",
    delete_texts_kept: "Ihre Beiträge, Kommentare und Erfahrungsberichte bleiben im Prozess und stehen danach unter „ehemalige:r Mitarbeiter:in“.",
    delete_texts_removed: "Der Wortlaut ihrer Beiträge, Kommentare und Erfahrungsberichte wird entfernt; Antworten anderer darauf bleiben.",
    delete_confirm: "Die Person hat die Löschung verlangt. Mir ist bewusst, dass sie nicht rückgängig gemacht werden kann.",
    delete_submit: "Endgültig löschen",
    delete_cancel: "Abbrechen und zurück zur Benutzerverwaltung",
    delete_already: "Die Daten dieser Person sind bereits gelöscht.",
    delete_link: "Daten löschen",
    privacy_title: "Datenschutz",
    privacy_intro: "Mitsprache speichert nur, was für die Beteiligung an den Leitlinien Ihrer Organisation nötig ist. Abgelaufene Sitzungen, Einladungen und Anmeldezähler löscht der Server regelmäßig von selbst.",
    privacy_caption: "Was gespeichert wird und wie lange",
    privacy_col_what: "Was",
    privacy_col_purpose: "Wofür",
    privacy_col_kept: "Wie lange",
    privacy_rights_title: "Ihre Rechte",
    privacy_rights: "Unter „Meine Daten“ sehen Sie alles, was über Sie gespeichert ist, und können es herunterladen. Die Löschung Ihres Kontos und Ihrer Daten veranlasst auf Ihren Wunsch die Koordination Ihrer Organisation.",
    privacy_footer: "Datenschutz",
};

/// The texts of the current language (German for now).
pub fn texts() -> &'static IdentityTexts {
    &DE
}
