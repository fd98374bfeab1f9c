//! Texts about teams: the team field of accounts, the team filter, team audiences of rounds and
//! the acknowledgement rate per team.

/// All team texts in one language.
pub struct TeamTexts {
    /// Field label: team.
    pub field_team: &'static str,
    /// Hint under the team field.
    pub team_hint: &'static str,
    /// Column: team.
    pub col_team: &'static str,
    /// Shown for a person without team.
    pub no_team: &'static str,
    /// Label of the team filter.
    pub filter_label: &'static str,
    /// Filter option: everyone.
    pub filter_all: &'static str,
    /// Filter option: people without team.
    pub filter_none: &'static str,
    /// Button: apply filter.
    pub filter_submit: &'static str,
    /// Label of the search field of the user list.
    pub search_label: &'static str,
    /// Hint below the search field.
    pub search_hint: &'static str,
    /// Summary of the change-team disclosure.
    pub change_team: &'static str,
    /// Label of the new-team field (the person's name follows).
    pub new_team_for: &'static str,
    /// Button: save the team.
    pub save_team: &'static str,
    /// Success message after changing a team.
    pub team_saved: &'static str,
    /// Empty state of a filtered user list.
    pub filter_empty: &'static str,
    /// Own account page: label before the own team.
    pub your_team: &'static str,
    /// Own account page: no team assigned yet.
    pub your_team_none: &'static str,
    /// Round form: label before the known team names.
    pub known_teams: &'static str,
    /// Acknowledgement rate: heading of the per-team table.
    pub rate_per_team: &'static str,
    /// Acknowledgement rate: column team.
    pub rate_col_team: &'static str,
    /// Acknowledgement rate: column rate.
    pub rate_col_rate: &'static str,
    /// Acknowledgement rate: people without team.
    pub rate_without_team: &'static str,
    /// Acknowledgement rate: names of those who confirmed.
    pub rate_done: &'static str,
    /// Acknowledgement rate: names of those who have not yet.
    pub rate_pending: &'static str,
    /// Acknowledgement rate: caption of the per-team table.
    pub rate_caption: &'static str,
    /// Acknowledgement rate: heading of the name lists (coordinators only).
    pub rate_names: &'static str,
    /// Acknowledgement rate: nobody in this list.
    pub rate_nobody: &'static str,
}

const DE: TeamTexts = TeamTexts {
    field_team: "Team (optional)",
    team_hint: "Zum Beispiel „Pflege“ oder „Beratung“. Bestehende Teams werden vorgeschlagen.",
    col_team: "Team",
    no_team: "ohne Team",
    filter_label: "Nach Team filtern",
    filter_all: "Alle Teams",
    filter_none: "Ohne Team",
    filter_submit: "Filtern",
    search_label: "Person suchen",
    search_hint:
        "Ein Teil des Namens oder der Adresse, zum Beispiel „Müller“ oder „@pflege.example.de“.",
    change_team: "Team ändern",
    new_team_for: "Neues Team für",
    save_team: "Team speichern",
    team_saved: "Das Team wurde gespeichert.",
    filter_empty: "Zu dieser Auswahl (Team, Name oder E-Mail-Adresse) gibt es keine Konten.",
    your_team: "Ihr Team:",
    your_team_none: "Ihnen ist noch kein Team zugeordnet.",
    known_teams: "Bekannte Teams:",
    rate_per_team: "Nach Teams",
    rate_col_team: "Team",
    rate_col_rate: "Zur Kenntnis genommen",
    rate_without_team: "ohne Team",
    rate_done: "Bereits zur Kenntnis genommen",
    rate_pending: "Noch nicht zur Kenntnis genommen",
    rate_caption: "Lesebestätigungen nach Teams",
    rate_names: "Namen (nur für die Koordination sichtbar)",
    rate_nobody: "niemand",
};

/// The team texts of the current language.
pub fn texts() -> &'static TeamTexts {
    &DE
}
