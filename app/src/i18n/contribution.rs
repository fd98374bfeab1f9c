//! Texts of the contributions page (step 1: collect).

/// All texts of the contributions page in one language.
pub struct ContributionTexts {
    /// Page title (before the process title).
    pub page_title: &'static str,
    /// Intro sentence above the form.
    pub intro: &'static str,
    /// Heading: submit a contribution.
    pub submit_title: &'static str,
    /// Legend of the kind radio buttons.
    pub field_kind: &'static str,
    /// Explanation of the kind "experience".
    pub kind_hint_experience: &'static str,
    /// Explanation of the kind "expectation".
    pub kind_hint_expectation: &'static str,
    /// Explanation of the kind "concern".
    pub kind_hint_concern: &'static str,
    /// Field: the text.
    pub field_text: &'static str,
    /// Hint under the text field.
    pub text_hint: &'static str,
    /// Counter: "{count} / {max} Zeichen".
    pub counter: &'static str,
    /// Added to the counter when the text is too long.
    pub counter_too_long: &'static str,
    /// Field: team or department.
    pub field_team: &'static str,
    /// Hint under the team field.
    pub team_hint: &'static str,
    /// Checkbox: submit anonymously.
    pub field_anonymous: &'static str,
    /// What anonymous means.
    pub anonymous_hint: &'static str,
    /// Button: submit.
    pub submit: &'static str,
    /// Success message after submitting.
    pub submitted: &'static str,
    /// Shown instead of the form outside step 1.
    pub submit_closed: &'static str,
    /// Heading: own contributions.
    pub mine_title: &'static str,
    /// Empty state of the own contributions.
    pub mine_empty: &'static str,
    /// Heading: all contributions (project group, or staff when visible).
    pub all_title: &'static str,
    /// Shown to staff when others' contributions are hidden.
    pub others_hidden: &'static str,
    /// Empty state of the whole list.
    pub all_empty: &'static str,
    /// Empty state when filters match nothing.
    pub filtered_empty: &'static str,
    /// Heading of the filter form.
    pub filter_title: &'static str,
    /// Filter: kind.
    pub filter_kind: &'static str,
    /// Filter: team.
    pub filter_team: &'static str,
    /// Filter: tag.
    pub filter_tag: &'static str,
    /// Filter: cluster.
    pub filter_cluster: &'static str,
    /// Option: no filter.
    pub filter_all: &'static str,
    /// Button: apply the filters.
    pub filter_submit: &'static str,
    /// Link: reset the filters.
    pub filter_reset: &'static str,
    /// Heading of the counts.
    pub counts_title: &'static str,
    /// Label of the tag counts.
    pub tag_counts_label: &'static str,
    /// No tags yet.
    pub tags_none: &'static str,
    /// Byline: "von".
    pub by: &'static str,
    /// Byline for anonymous contributions.
    pub anonymous: &'static str,
    /// Marks the viewer's own contribution.
    pub yours: &'static str,
    /// Marks the viewer's own anonymous contribution.
    pub yours_anonymous: &'static str,
    /// "Workshop-Ergebnis" before team and date.
    pub workshop_result: &'static str,
    /// Byline of workshop results (instead of the moderator's name).
    pub workshop_author: &'static str,
    /// "Team:" before the team.
    pub team_label: &'static str,
    /// Label before tags.
    pub tags_label: &'static str,
    /// Label before the cluster.
    pub cluster_label: &'static str,
    /// Shown to the author: "Ihr Beitrag wurde in Abschnitt „{title}“ aufgegriffen."
    pub taken_up_mine: &'static str,
    /// Shown to others: "Aufgegriffen in Abschnitt „{title}“."
    pub taken_up: &'static str,
    /// Summary of the project group's tools on a contribution.
    pub tools_summary: &'static str,
    /// Field: new tags.
    pub field_tags: &'static str,
    /// Hint for new tags.
    pub tags_hint: &'static str,
    /// Button: add tags.
    pub add_tags: &'static str,
    /// Button: remove a tag (the tag follows).
    pub remove_tag: &'static str,
    /// Field: cluster of a contribution.
    pub field_cluster: &'static str,
    /// Option: no cluster.
    pub no_cluster: &'static str,
    /// Button: assign the cluster.
    pub assign_cluster: &'static str,
    /// Field: section to link.
    pub field_section: &'static str,
    /// Button: link the section.
    pub link_section: &'static str,
    /// Button: unlink a section (the title follows).
    pub unlink_section: &'static str,
    /// Shown to the group when there is no draft to link to.
    pub no_draft: &'static str,
    /// Heading: clusters.
    pub clusters_title: &'static str,
    /// Intro to clusters.
    pub clusters_intro: &'static str,
    /// Empty state of the clusters.
    pub clusters_empty: &'static str,
    /// Field: cluster title.
    pub field_cluster_title: &'static str,
    /// Button: create a cluster.
    pub create_cluster: &'static str,
    /// Success after creating a cluster.
    pub cluster_created: &'static str,
    /// Heading: workshop results.
    pub workshop_title: &'static str,
    /// Intro to the workshop form.
    pub workshop_intro: &'static str,
    /// Field: workshop date.
    pub field_workshop_date: &'static str,
    /// Field: workshop team.
    pub field_workshop_team: &'static str,
    /// Hint for each workshop text field.
    pub workshop_blocks_hint: &'static str,
    /// Button: save workshop results.
    pub workshop_submit: &'static str,
    /// Success after saving workshop results.
    pub workshop_saved: &'static str,
    /// Heading of the project group's tools.
    pub group_tools_title: &'static str,
    /// "Eingereicht am".
    pub submitted_at: &'static str,
}

/// German.
pub static DE: ContributionTexts = ContributionTexts {
    page_title: "Beiträge",
    intro: "In Schritt 1 sammelt die Projektgruppe Erfahrungen, Erwartungen und Bedenken aus der ganzen Organisation. Jeder Beitrag wird gelesen und fließt in den Entwurf ein.",
    submit_title: "Beitrag einreichen",
    field_kind: "Was möchten Sie teilen?",
    kind_hint_experience: "Etwas, das Sie mit KI erlebt haben",
    kind_hint_expectation: "Etwas, das die Leitlinie regeln oder ermöglichen soll",
    kind_hint_concern: "Eine Sorge oder ein Risiko, das bedacht werden muss",
    field_text: "Ihr Beitrag",
    text_hint: "Schreiben Sie so, wie Sie es einer Kollegin erzählen würden. Höchstens 5.000 Zeichen.",
    counter: "{count} / {max} Zeichen",
    counter_too_long: "– zu lang, bitte kürzen",
    field_team: "Team oder Bereich (freiwillig)",
    team_hint: "Hilft der Projektgruppe, Beiträge einzuordnen, z. B. „Ambulante Pflege“.",
    field_anonymous: "Anonym einreichen",
    anonymous_hint: "Anonym heißt: Niemand – auch nicht die Projektgruppe oder die Koordination – sieht, dass der Beitrag von Ihnen stammt, weder auf der Seite noch in Exporten. Nur Sie selbst sehen ihn unter „Meine Beiträge“. Das System speichert die Zuordnung, damit Sie Ihren Beitrag wiederfinden und Missbrauch geklärt werden kann. Tipp: Achten Sie darauf, dass Team und Text Sie nicht doch erkennbar machen.",
    submit: "Beitrag einreichen",
    submitted: "Danke! Ihr Beitrag ist eingegangen.",
    submit_closed: "Beiträge können nur in Schritt 1 („Sammeln“) eingereicht werden. Dieser Prozess ist schon weiter.",
    mine_title: "Meine Beiträge",
    mine_empty: "Sie haben in diesem Prozess noch keinen Beitrag eingereicht.",
    all_title: "Alle Beiträge",
    others_hidden: "Die Koordination hat die Beiträge anderer für diesen Prozess nicht sichtbar geschaltet. Die Projektgruppe liest alle Beiträge.",
    all_empty: "Noch gibt es keine Beiträge. Der erste Beitrag kann Ihrer sein.",
    filtered_empty: "Kein Beitrag passt zu diesen Filtern.",
    filter_title: "Beiträge filtern",
    filter_kind: "Art",
    filter_team: "Team",
    filter_tag: "Schlagwort",
    filter_cluster: "Cluster",
    filter_all: "Alle",
    filter_submit: "Filtern",
    filter_reset: "Filter zurücksetzen",
    counts_title: "Überblick",
    tag_counts_label: "Schlagwörter",
    tags_none: "Noch keine Schlagwörter vergeben.",
    by: "von",
    anonymous: "Anonym",
    yours: "Ihr Beitrag",
    yours_anonymous: "Ihr Beitrag (anonym eingereicht)",
    workshop_result: "Workshop-Ergebnis",
    workshop_author: "Workshop",
    team_label: "Team:",
    tags_label: "Schlagwörter:",
    cluster_label: "Cluster:",
    taken_up_mine: "Ihr Beitrag wurde in Abschnitt „{title}“ aufgegriffen.",
    taken_up: "Aufgegriffen in Abschnitt „{title}“.",
    tools_summary: "Bearbeiten: Schlagwörter, Cluster, Abschnitte",
    field_tags: "Neue Schlagwörter",
    tags_hint: "Mehrere durch Komma trennen.",
    add_tags: "Hinzufügen",
    remove_tag: "Schlagwort entfernen:",
    field_cluster: "Cluster",
    no_cluster: "Kein Cluster",
    assign_cluster: "Cluster zuordnen",
    field_section: "Abschnitt des Entwurfs",
    link_section: "Verknüpfen",
    unlink_section: "Verknüpfung lösen:",
    no_draft: "Es gibt noch keinen Entwurf. Sobald die Projektgruppe einen Entwurf gespeichert hat, können Beiträge mit seinen Abschnitten verknüpft werden.",
    clusters_title: "Cluster",
    clusters_intro: "Fassen Sie ähnliche Beiträge unter einem Titel zusammen, z. B. „Datenschutz bei Klientendaten“.",
    clusters_empty: "Noch keine Cluster.",
    field_cluster_title: "Titel des neuen Clusters",
    create_cluster: "Cluster anlegen",
    cluster_created: "Cluster angelegt.",
    workshop_title: "Workshop-Ergebnisse eintragen",
    workshop_intro: "Tragen Sie die Ergebnisse eines Workshops vor Ort im Namen eines Teams ein. Die Beiträge erscheinen als „Workshop-Ergebnis“ des Teams, nicht unter Ihrem Namen.",
    field_workshop_date: "Datum des Workshops (TT.MM.JJJJ)",
    field_workshop_team: "Team",
    workshop_blocks_hint: "Ein Beitrag pro Absatz: Trennen Sie Beiträge durch eine Leerzeile. Felder ohne Beiträge bleiben leer.",
    workshop_submit: "Workshop-Ergebnisse speichern",
    workshop_saved: "Die Workshop-Ergebnisse wurden gespeichert.",
    group_tools_title: "Für die Projektgruppe",
    submitted_at: "eingereicht am",
};

/// The contribution texts of the current language.
pub fn texts() -> &'static ContributionTexts {
    &DE
}
