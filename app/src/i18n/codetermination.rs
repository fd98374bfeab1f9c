//! Texts of the co-determination part of the adoption page.

/// All co-determination texts in one language.
pub struct CodeterminationTexts {
    /// Heading of the section.
    pub title: &'static str,
    /// Intro: the defaults are to be checked against the law.
    pub intro: &'static str,
    /// Label before the holidays counted for deadlines.
    pub holidays_label: &'static str,
    /// Label: the procedure.
    pub procedure_label: &'static str,
    /// Label: legal basis.
    pub legal_basis_label: &'static str,
    /// Label: chair.
    pub chair_label: &'static str,
    /// No chair set.
    pub no_chair: &'static str,
    /// Legend of the settings form.
    pub configure_legend: &'static str,
    /// Label: management rule.
    pub rule_label: &'static str,
    /// Option: all must agree.
    pub rule_all: &'static str,
    /// Option: majority.
    pub rule_majority: &'static str,
    /// Label: seats of the works council.
    pub seats_label: &'static str,
    /// Label: deadline days.
    pub deadline_label: &'static str,
    /// Label: extension days.
    pub extension_label: &'static str,
    /// Button: save the procedure.
    pub configure_submit: &'static str,
    /// Hint: procedures cannot change in step 4.
    pub configure_locked: &'static str,
    /// Label: choose the chair.
    pub chair_select: &'static str,
    /// Option: no chair.
    pub chair_none: &'static str,
    /// Button: set chair.
    pub chair_submit: &'static str,
    /// Heading: members' confirmations.
    pub votes_title: &'static str,
    /// A member has not confirmed yet.
    pub vote_open: &'static str,
    /// A member approved.
    pub vote_yes: &'static str,
    /// A member rejected.
    pub vote_no: &'static str,
    /// Button: approve.
    pub approve_button: &'static str,
    /// Summary: reject with reason.
    pub reject_legend: &'static str,
    /// Label: reason of rejection.
    pub reject_reason: &'static str,
    /// Button: reject.
    pub reject_button: &'static str,
    /// Heading: enter a resolution.
    pub resolution_title: &'static str,
    /// Label: meeting date.
    pub meeting_date: &'static str,
    /// Legend: meeting form.
    pub meeting_form: &'static str,
    /// Option: in person.
    pub form_in_person: &'static str,
    /// Option: video/telephone.
    pub form_remote: &'static str,
    /// Checkbox: conditions of § 30 (2) met.
    pub remote_ok: &'static str,
    /// Label: members present.
    pub present: &'static str,
    /// Label: yes votes.
    pub yes: &'static str,
    /// Label: no votes.
    pub no: &'static str,
    /// Label: abstentions.
    pub abstain: &'static str,
    /// Label: wording of the resolution.
    pub wording: &'static str,
    /// Label: minutes reference.
    pub minutes_ref: &'static str,
    /// Button: enter the resolution.
    pub resolution_submit: &'static str,
    /// Heading: resolutions.
    pub resolutions_title: &'static str,
    /// Label of the vote line.
    pub vote_line: &'static str,
    /// Label: confirmations of the minutes.
    pub confirmations_label: &'static str,
    /// Hint: minutes need two confirmations.
    pub not_confirmed: &'static str,
    /// The resolution is the body's decision.
    pub confirmed: &'static str,
    /// Button: confirm as chair.
    pub confirm_chair: &'static str,
    /// Button: confirm as further member.
    pub confirm_member: &'static str,
    /// Heading: the MAV's deadline.
    pub request_title: &'static str,
    /// No request yet.
    pub request_none: &'static str,
    /// Label: day of receipt.
    pub received_label: &'static str,
    /// Button: record the request.
    pub request_submit: &'static str,
    /// Label: last day.
    pub last_day_label: &'static str,
    /// Label: extension reason.
    pub extended_label: &'static str,
    /// Label: reason of the extension.
    pub extend_reason: &'static str,
    /// Button: extend.
    pub extend_submit: &'static str,
    /// Button: approve.
    pub answer_approve: &'static str,
    /// Summary: refuse in writing with reasons.
    pub answer_refuse_ekd: &'static str,
    /// Summary: raise objections.
    pub answer_object_mavo: &'static str,
    /// Label: reasons.
    pub answer_reasons: &'static str,
    /// Button: refuse.
    pub answer_refuse_submit: &'static str,
    /// Button: object.
    pub answer_object_submit: &'static str,
    /// Heading: agreement.
    pub agreement_title: &'static str,
    /// Intro: both sides confirm the same text.
    pub agreement_intro: &'static str,
    /// Label: employer side.
    pub agreement_employer: &'static str,
    /// Label: council side.
    pub agreement_council: &'static str,
    /// No confirmation yet.
    pub agreement_none: &'static str,
    /// Button: confirm for the employer.
    pub sign_employer: &'static str,
    /// Button: confirm for the council.
    pub sign_council: &'static str,
    /// Legend: adopt as agreement.
    pub agreement_setting: &'static str,
    /// Option: a guideline.
    pub agreement_plain: &'static str,
    /// Option: works agreement.
    pub agreement_bv: &'static str,
    /// Option: service agreement.
    pub agreement_dv: &'static str,
    /// Button: save.
    pub agreement_submit: &'static str,
    /// Heading: marked sections.
    pub marks_title: &'static str,
    /// No marks.
    pub marks_none: &'static str,
    /// Label: section to mark.
    pub mark_section: &'static str,
    /// Label: legal basis of a mark.
    pub mark_basis: &'static str,
    /// Button: mark.
    pub mark_submit: &'static str,
    /// Button: remove mark.
    pub unmark: &'static str,
    /// The body has decided.
    pub decided: &'static str,
    /// Heading: information of the council.
    pub information_title: &'static str,
    /// No entries.
    pub information_none: &'static str,
    /// Before the name of who entered it.
    pub information_by: &'static str,
    /// Summary: log information.
    pub information_add: &'static str,
    /// Legend: kind.
    pub information_kind: &'static str,
    /// Option: documents handed over.
    pub information_information: &'static str,
    /// Option: expert involved.
    pub information_expert: &'static str,
    /// Label: date.
    pub information_date: &'static str,
    /// Label: description.
    pub information_description: &'static str,
    /// Button: save.
    pub information_submit: &'static str,
}

/// German.
const DE: CodeterminationTexts = CodeterminationTexts {
    title: "Mitbestimmung",
    intro: "Jedes Gremium entscheidet nach seinem Verfahren. Die Voreinstellungen folgen dem Gesetz zum Zeitpunkt der Einrichtung (BetrVG, MVG-EKD, MAVO); bitte prüfen Sie sie mit Ihrer Rechtsberatung und Ihrer Geschäftsordnung gegen die aktuelle Rechtslage.",
    holidays_label: "Fristen werden nach §§ 187, 188, 193 BGB berechnet; es zählen",
    procedure_label: "Verfahren",
    legal_basis_label: "Rechtsgrundlage und Regel",
    chair_label: "Vorsitz",
    no_chair: "noch nicht festgelegt",
    configure_legend: "Verfahren einstellen",
    rule_label: "Regel",
    rule_all: "Alle Mitglieder müssen zustimmen",
    rule_majority: "Die Mehrheit der Mitglieder muss zustimmen",
    seats_label: "Mitglieder des Betriebsrats (auch ohne Konto hier)",
    deadline_label: "Frist in Tagen",
    extension_label: "Verlängerung auf Antrag, in Tagen",
    configure_submit: "Verfahren speichern",
    configure_locked: "Solange eine Version zur Verabschiedung vorliegt, bleibt das Verfahren unverändert.",
    chair_select: "Vorsitz festlegen",
    chair_none: "niemand",
    chair_submit: "Vorsitz speichern",
    votes_title: "Bestätigungen der Mitglieder",
    vote_open: "steht aus",
    vote_yes: "zugestimmt",
    vote_no: "abgelehnt",
    approve_button: "Zustimmen",
    reject_legend: "Ablehnen (mit Begründung)",
    reject_reason: "Begründung der Ablehnung",
    reject_button: "Ablehnen",
    resolution_title: "Beschluss aus der Sitzung eintragen",
    meeting_date: "Datum der Sitzung",
    meeting_form: "Form der Sitzung",
    form_in_person: "Präsenzsitzung",
    form_remote: "Video- oder Telefonkonferenz",
    remote_ok: "Die Voraussetzungen des § 30 Abs. 2 BetrVG waren erfüllt (Geschäftsordnung erlaubt es, kein Widerspruch eines Viertels der Mitglieder, keine Aufzeichnung).",
    present: "Teilnehmende Mitglieder",
    yes: "Ja-Stimmen",
    no: "Nein-Stimmen",
    abstain: "Enthaltungen",
    wording: "Wortlaut des Beschlusses",
    minutes_ref: "Protokollverweis (z. B. „BR-Sitzung 2026/14, TOP 3“)",
    resolution_submit: "Beschluss eintragen",
    resolutions_title: "Beschlüsse zu dieser Version",
    vote_line: "Abstimmung",
    confirmations_label: "Niederschrift bestätigt von",
    not_confirmed: "Die Niederschrift braucht noch die Bestätigung durch die oder den Vorsitzenden und ein weiteres Mitglied (zwei verschiedene Konten).",
    confirmed: "Niederschrift bestätigt – der Beschluss ist die Entscheidung des Gremiums.",
    confirm_chair: "Niederschrift als Vorsitz bestätigen",
    confirm_member: "Niederschrift als weiteres Mitglied bestätigen",
    request_title: "Antrag und Frist",
    request_none: "Der Dienstgeber hat die Zustimmung noch nicht beantragt.",
    received_label: "Antrag eingegangen bei der Mitarbeitervertretung am",
    request_submit: "Antrag eintragen (Frist beginnt)",
    last_day_label: "Fristende",
    extended_label: "Verlängert auf Antrag der MAV",
    extend_reason: "Grund der Verlängerung (Antrag der MAV)",
    extend_submit: "Frist verlängern",
    answer_approve: "Zustimmen",
    answer_refuse_ekd: "Zustimmung verweigern (schriftlich mit Gründen)",
    answer_object_mavo: "Einwendungen erheben",
    answer_reasons: "Gründe",
    answer_refuse_submit: "Zustimmung verweigern",
    answer_object_submit: "Einwendungen erheben",
    agreement_title: "Bestätigung der Vereinbarung",
    agreement_intro: "Beide Seiten bestätigen denselben eingefrorenen Text; erst mit beiden Bestätigungen und allen erforderlichen Zustimmungen ist die Leitlinie verabschiedet.",
    agreement_employer: "Für den Arbeitgeber",
    agreement_council: "Für die Arbeitnehmervertretung",
    agreement_none: "noch keine Bestätigung",
    sign_employer: "Für den Arbeitgeber bestätigen",
    sign_council: "Als Vorsitz für die Arbeitnehmervertretung bestätigen",
    agreement_setting: "Form der Verabschiedung",
    agreement_plain: "Leitlinie (ohne Vereinbarung)",
    agreement_bv: "Betriebsvereinbarung",
    agreement_dv: "Dienstvereinbarung",
    agreement_submit: "Form speichern",
    marks_title: "Mitbestimmungspflichtige Abschnitte",
    marks_none: "Die Projektgruppe hat keine Abschnitte als mitbestimmungspflichtig markiert.",
    mark_section: "Abschnitt",
    mark_basis: "Rechtsgrundlage (z. B. „§ 87 Abs. 1 Nr. 6 BetrVG – technische Einrichtungen“)",
    mark_submit: "Als mitbestimmungspflichtig markieren",
    unmark: "Markierung entfernen:",
    decided: "Das Gremium hat über diese Version entschieden.",
    information_title: "Unterrichtung und Sachverständige",
    information_none: "Noch nichts protokolliert.",
    information_by: "eingetragen von",
    information_add: "Unterrichtung oder Sachverständige protokollieren",
    information_kind: "Art",
    information_information: "Unterlagen oder Informationen übergeben",
    information_expert: "Sachverständige hinzugezogen",
    information_date: "Datum",
    information_description: "Was wurde übergeben bzw. wer wurde wozu hinzugezogen?",
    information_submit: "Eintrag speichern",
};

/// The texts of the current locale.
pub fn texts() -> &'static CodeterminationTexts {
    &DE
}
