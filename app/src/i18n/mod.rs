//! The message catalogue: every text the UI shows, in one place per language.
//!
//! Components read texts through [`texts()`] (and the per-concept catalogues beside this file,
//! e.g. [`process::texts()`]); adding English means filling a second value of each catalogue
//! and choosing it per request, without touching any component.

pub mod adoption;
pub mod audit;
pub mod codetermination;
pub mod contribution;
pub mod disposition;
pub mod document;
pub mod draft;
pub mod identity;
pub mod notification;
pub mod process;
pub mod review;
pub mod round;
pub mod team;

/// All UI texts of one language.
pub struct Texts {
    /// Product name shown in the header.
    pub app_name: &'static str,
    /// Link that jumps over the navigation (screen readers, keyboard).
    pub skip_to_content: &'static str,
    /// Label of the main navigation.
    pub nav_label: &'static str,
    /// Navigation: start page.
    pub nav_home: &'static str,
    /// Navigation: user administration.
    pub nav_users: &'static str,
    /// Navigation: own account.
    pub nav_account: &'static str,
    /// Button: log out.
    pub logout: &'static str,
    /// Shown while data loads.
    pub loading: &'static str,
    /// Shown when a request failed for an unknown reason.
    pub generic_error: &'static str,
    /// Label above the text of a failed form, shown after the error so nothing is lost.
    pub flash_text_label: &'static str,

    /// Login page title.
    pub login_title: &'static str,
    /// Login intro sentence.
    pub login_intro: &'static str,
    /// Field label: e-mail.
    pub field_email: &'static str,
    /// Field label: password.
    pub field_password: &'static str,
    /// Button: log in.
    pub login_submit: &'static str,
    /// Wrong e-mail or password (same text for both, so accounts cannot be probed).
    pub login_failed: &'static str,

    /// Start page title for signed-in users.
    pub home_title: &'static str,
    /// Greeting, followed by the user's name.
    pub home_greeting: &'static str,
    /// Start page text while no processes exist yet.
    pub home_intro: &'static str,
    /// Start page text for visitors.
    pub home_anonymous: &'static str,
    /// Link to log in.
    pub home_login_link: &'static str,

    /// Account page title.
    pub account_title: &'static str,
    /// Section heading: change password.
    pub change_password_title: &'static str,
    /// Field label: current password.
    pub field_current_password: &'static str,
    /// Field label: new password.
    pub field_new_password: &'static str,
    /// Field label: confirm new password.
    pub field_confirm_password: &'static str,
    /// Hint under the new password field.
    pub password_hint: &'static str,
    /// Button: save new password.
    pub change_password_submit: &'static str,
    /// Success message after the password change.
    pub password_changed: &'static str,
    /// Label before the own roles.
    pub your_roles: &'static str,

    /// User administration title.
    pub users_title: &'static str,
    /// Table caption of the user list.
    pub users_caption: &'static str,
    /// Column: name.
    pub col_name: &'static str,
    /// Column: e-mail.
    pub col_email: &'static str,
    /// Column: roles.
    pub col_roles: &'static str,
    /// Column: status.
    pub col_status: &'static str,
    /// Column: actions.
    pub col_actions: &'static str,
    /// Status: active.
    pub status_active: &'static str,
    /// Status: invited, password not yet set.
    pub status_invited: &'static str,
    /// Status: deactivated.
    pub status_deactivated: &'static str,
    /// Empty state of the user list.
    pub users_empty: &'static str,
    /// Section heading: create a user.
    pub create_user_title: &'static str,
    /// Field label: name.
    pub field_name: &'static str,
    /// Legend of the role checkboxes.
    pub field_roles: &'static str,
    /// Button: create user and invitation.
    pub create_user_submit: &'static str,
    /// Heading above a freshly created invitation link.
    pub invitation_created: &'static str,
    /// Explanation of the invitation link.
    pub invitation_explain: &'static str,
    /// Button: copy link.
    pub copy_link: &'static str,
    /// Confirmation after copying.
    pub copied: &'static str,
    /// Button: deactivate user.
    pub deactivate: &'static str,
    /// Confirmation question before deactivating; the name follows.
    pub deactivate_confirm: &'static str,
    /// Button: cancel.
    pub cancel: &'static str,
    /// Button: new invitation link.
    pub reinvite: &'static str,
    /// Pagination: previous page.
    pub page_prev: &'static str,
    /// Pagination: next page.
    pub page_next: &'static str,
    /// Pagination: "page x of y" (x and y are filled in).
    pub page_of: &'static str,
    /// Label of the pagination navigation.
    pub pagination_label: &'static str,

    /// Invitation page title.
    pub invitation_title: &'static str,
    /// Invitation page intro; the name follows.
    pub invitation_intro: &'static str,
    /// Button: set password and log in.
    pub invitation_submit: &'static str,

    /// 403 page title.
    pub forbidden_title: &'static str,
    /// 403 page text.
    pub forbidden_text: &'static str,
    /// 404 page title.
    pub not_found_title: &'static str,
    /// 404 page text.
    pub not_found_text: &'static str,
    /// Link back to the start page.
    pub back_home: &'static str,
    /// Page title shown when login is required.
    pub login_required_title: &'static str,
    /// Text shown when login is required.
    pub login_required_text: &'static str,
    /// Heading of the start page's task list.
    pub tasks_title: &'static str,
    /// The task list's empty state.
    pub tasks_empty: &'static str,
    /// Title and heading of a page that can only show a message.
    pub notice_title: &'static str,
}

/// German, the default and primary language.
pub static DE: Texts = Texts {
    app_name: "Mitsprache",
    skip_to_content: "Zum Inhalt springen",
    nav_label: "Hauptnavigation",
    nav_home: "Start",
    nav_users: "Benutzer:innen",
    nav_account: "Mein Konto",
    logout: "Abmelden",
    loading: "Wird geladen …",
    generic_error: "Etwas ist schiefgegangen. Bitte versuchen Sie es erneut.",
    flash_text_label: "Ihr Text wurde nicht gespeichert. Hier ist er, damit nichts verloren geht:",

    login_title: "Anmelden",
    login_intro: "Melden Sie sich mit Ihrer dienstlichen E-Mail-Adresse an.",
    field_email: "E-Mail-Adresse",
    field_password: "Passwort",
    login_submit: "Anmelden",
    login_failed: "E-Mail oder Passwort ist falsch",

    home_title: "Übersicht",
    home_greeting: "Willkommen,",
    home_intro: "Hier entstehen Leitlinien gemeinsam: Erfahrungen sammeln, Entwürfe diskutieren, verbindlich beschließen und regelmäßig überprüfen.",
    home_anonymous: "Mitsprache ist die Plattform, auf der Ihre Organisation Leitlinien gemeinsam mit den Mitarbeitenden erarbeitet.",
    home_login_link: "Zur Anmeldung",

    account_title: "Mein Konto",
    change_password_title: "Passwort ändern",
    field_current_password: "Aktuelles Passwort",
    field_new_password: "Neues Passwort",
    field_confirm_password: "Neues Passwort wiederholen",
    password_hint: "Mindestens 10 Zeichen. Ein Satz, den Sie sich gut merken können, ist ein gutes Passwort.",
    change_password_submit: "Passwort ändern",
    password_changed: "Ihr Passwort wurde geändert.",
    your_roles: "Ihre Rollen:",

    users_title: "Benutzer:innen verwalten",
    users_caption: "Alle Konten der Organisation",
    col_name: "Name",
    col_email: "E-Mail",
    col_roles: "Rollen",
    col_status: "Status",
    col_actions: "Aktionen",
    status_active: "aktiv",
    status_invited: "eingeladen",
    status_deactivated: "deaktiviert",
    users_empty: "Es gibt noch keine Konten.",
    create_user_title: "Neue Person einladen",
    field_name: "Name",
    field_roles: "Rollen",
    create_user_submit: "Konto anlegen und Einladungslink erzeugen",
    invitation_created: "Einladungslink erstellt",
    invitation_explain: "Geben Sie diesen Link persönlich weiter. Er ist 7 Tage gültig und kann nur einmal verwendet werden. Er wird nur jetzt angezeigt.",
    copy_link: "Link kopieren",
    copied: "Kopiert",
    deactivate: "Deaktivieren",
    deactivate_confirm: "Konto wirklich deaktivieren? Die Person wird sofort abgemeldet und kann sich nicht mehr anmelden:",
    cancel: "Abbrechen",
    reinvite: "Neuen Einladungslink erzeugen",
    page_prev: "Vorherige Seite",
    page_next: "Nächste Seite",
    page_of: "Seite {page} von {pages}",
    pagination_label: "Seiten",

    invitation_title: "Einladung annehmen",
    invitation_intro: "Willkommen bei Mitsprache! Legen Sie ein Passwort fest, um Ihr Konto zu aktivieren:",
    invitation_submit: "Passwort festlegen und anmelden",

    forbidden_title: "Kein Zugriff",
    forbidden_text: "Für diese Seite fehlt Ihnen die Berechtigung. Wenn Sie glauben, dass das ein Fehler ist, wenden Sie sich an Ihre Koordination.",
    not_found_title: "Seite nicht gefunden",
    not_found_text: "Diese Seite gibt es nicht (mehr). Vielleicht hat sich die Adresse geändert.",
    back_home: "Zur Startseite",
    login_required_title: "Bitte anmelden",
    login_required_text: "Für diese Seite müssen Sie angemeldet sein.",
    tasks_title: "Was auf Sie wartet",
    tasks_empty: "Im Moment wartet nichts auf Sie. Neue Aufgaben erscheinen hier, sobald es etwas zu tun gibt.",
    notice_title: "Hinweis",
};

/// The texts of the current language (German; English will be chosen per request later).
pub fn texts() -> &'static Texts {
    &DE
}

#[cfg(test)]
mod tests {
    /// Every Rust source of the app and the demo data, with its path, without test modules.
    fn sources() -> Vec<(String, String)> {
        fn visit(dir: &std::path::Path, out: &mut Vec<(String, String)>) {
            for entry in std::fs::read_dir(dir).expect("readable source folder") {
                let path = entry.expect("entry").path();
                if path.is_dir() {
                    visit(&path, out);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    let text = std::fs::read_to_string(&path).expect("readable source");
                    // What the app says, not what its tests feed it.
                    let shown = text.split("#[cfg(test)]").next().unwrap_or_default();
                    out.push((path.display().to_string(), shown.to_owned()));
                }
            }
        }
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut out = Vec::new();
        visit(&root.join("src"), &mut out);
        visit(&root.join("../server/src/demo"), &mut out);
        out
    }

    /// One word for one thing: a published text is a "Version" everywhere (a revision is an
    /// "Überarbeitung", a text variant in the editor a "Text").
    #[test]
    fn a_published_text_is_always_called_a_version() {
        let word = concat!("Fass", "ung");
        let found: Vec<String> = sources()
            .into_iter()
            .filter(|(_, text)| text.contains(word))
            .map(|(path, _)| path)
            .collect();
        assert!(found.is_empty(), "„{word}“ in {found:?}");
    }

    /// One gender form: the colon ("Kolleg:innen"), never a star, slash, underscore or
    /// capital I.
    #[test]
    fn the_gender_form_is_always_the_colon() {
        let mut found = Vec::new();
        for (path, text) in sources() {
            for marker in ["*innen", "/innen", "_innen", "*in ", "/-innen"] {
                if text.contains(marker) {
                    found.push(format!("{path}: {marker}"));
                }
            }
            for word in text.split(|c: char| !c.is_alphanumeric()) {
                if word.len() > 6 && word.ends_with("Innen") && word != "Innen" {
                    found.push(format!("{path}: {word}"));
                }
            }
        }
        assert!(found.is_empty(), "{found:?}");
    }
}
