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
};

/// The texts of the current language (German for now).
pub fn texts() -> &'static IdentityTexts {
    &DE
}
