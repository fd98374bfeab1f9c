//! The built-in starting text for a new AI guideline: the ten chapters of the model outline,
//! each with a few guiding questions the project group answers in its own words.
//!
//! The wording is our own and deliberately plain: short sentences, questions instead of legal
//! phrases, placeholders in square brackets that the group replaces or deletes.

/// Markdown of the template for a new AI guideline ("KI-Leitlinie").
pub const AI_GUIDELINE: &str = r#"# KI-Leitlinie von [Name der Organisation]

Diese Vorlage hat zehn Kapitel. Unter jeder Überschrift stehen Fragen. Beantworten Sie die Fragen in eigenen Worten und löschen Sie die Fragen danach. Schreiben Sie kurz und verständlich: Alle Mitarbeitenden sollen den Text verstehen.

## 1. Präambel: Wozu diese Leitlinie?

- Was ist unser Auftrag als Organisation? Für wen sind wir da?
- Wie soll KI diesem Auftrag dienen? Zum Beispiel: Sie nimmt uns Routinearbeit ab, damit mehr Zeit für Menschen bleibt.
- Welche Werte sind uns dabei wichtig? Zum Beispiel Würde, Gerechtigkeit, Mitbestimmung und Offenheit.
- Was soll KI bei uns nie tun?

[Ein bis zwei Absätze: Warum wir diese Leitlinie haben und was sie erreichen soll.]

## 2. Geltungsbereich: Für wen und wofür gilt sie?

- Für wen gilt die Leitlinie? Zum Beispiel für alle Beschäftigten, Ehrenamtliche und Auszubildende.
- Für welche Arbeit gilt sie? In der Arbeit mit Klient:innen, in der Verwaltung, in der Zusammenarbeit mit Partnern?
- Welche KI-Werkzeuge sind gemeint? Zum Beispiel Textgeneratoren, Übersetzungshilfen oder Auswertungen.
- Wo setzen wir KI ausdrücklich nicht ein? Zum Beispiel bei Entscheidungen über Hilfen ohne Prüfung durch einen Menschen.

## 3. Ethische Grundsätze: Woran orientieren wir uns?

- Wie schützen wir die Würde und Selbstbestimmung der Menschen, mit denen wir arbeiten?
- Wie verhindern wir, dass KI Menschen benachteiligt? Zum Beispiel wegen Herkunft, Sprache, Alter oder Behinderung.
- Wie erklären wir KI-Einsatz so, dass alle ihn verstehen, auch ohne Technikwissen?
- Wie gehen wir sparsam mit Daten und Energie um?

| Grundsatz | Was das bei uns bedeutet | Beispiel |
| --- | --- | --- |
| [Grundsatz] | [In einem Satz] | [Ein Beispiel aus dem Alltag] |

## 4. Verantwortung: Wer entscheidet was?

- Wer ist bei uns Ansprechperson für KI (KI-Koordination)? Wie erreicht man sie?
- Wer gibt ein neues KI-Werkzeug frei, bevor es genutzt wird? Wer wird dabei beteiligt, etwa Betriebsrat oder Mitarbeitervertretung und Datenschutz?
- Führen wir ein KI-Register? Was steht darin? Zum Beispiel: Werkzeug, Zweck, Daten, verantwortliche Person, Risikostufe.
- Wie halten wir fest, wofür KI genutzt wurde, damit es später nachvollziehbar ist?

| Rolle | Aufgabe | Person oder Gremium |
| --- | --- | --- |
| KI-Koordination | [Aufgabe] | [Name] |
| Freigabe neuer Werkzeuge | [Aufgabe] | [Name oder Gremium] |

## 5. Datenschutz und Sicherheit: Wie schützen wir Daten?

- Welche Daten dürfen nie in ein KI-Werkzeug eingegeben werden? Zum Beispiel Namen, Gesundheitsdaten oder Angaben zu Klient:innen.
- Welche Regeln gelten für uns? Zum Beispiel die DSGVO und das Sozialgeheimnis.
- Wo werden die Daten verarbeitet? Nutzen wir nur Anbieter, die die europäischen Datenschutzregeln einhalten?
- Wer darf auf welche Daten zugreifen? Wann löschen wir Daten wieder?

## 6. Risiken: Wie schätzen wir sie ein?

- Was kann schiefgehen? Zum Beispiel falsche Vorschläge, Benachteiligung, Datenlecks oder zu viel Vertrauen in die Technik.
- Wie prüfen wir ein Werkzeug, bevor wir es nutzen?
- Wie ordnen wir Anwendungen nach einer Ampel ein?

| Ampel | Bedeutung | Beispiel | Was gilt |
| --- | --- | --- | --- |
| Grün | geringes Risiko | [z. B. Hilfe beim Formulieren eines Aushangs] | frei nutzbar nach den Regeln dieser Leitlinie |
| Gelb | mittleres Risiko | [Beispiel] | nur nach Freigabe und mit Prüfung durch einen Menschen |
| Rot | hohes Risiko | [Beispiel] | nicht erlaubt |

## 7. Beteiligung und Schulung: Wie nehmen wir alle mit?

- Wie beteiligen wir Mitarbeitende und, wo es passt, Klient:innen an Entscheidungen über KI?
- Welche Schulungen bieten wir an? Für wen sind sie Pflicht?
- Wo bekommt man Hilfe, wenn man unsicher ist?
- Wie können Mitarbeitende Bedenken äußern, auch anonym?

## 8. Technische Anforderungen: Was muss ein Werkzeug können?

- Welche Anforderungen stellen wir an KI-Werkzeuge? Zum Beispiel Barrierefreiheit, verständliche Erklärungen, Abschaltbarkeit.
- Welche Werkzeuge sind bei uns freigegeben? Wo steht die aktuelle Liste?
- Wie sichern wir Zugänge? Zum Beispiel mit Dienstkonten statt privaten Konten.

## 9. Überprüfung: Wie lernen wir dazu?

- Wie sammeln wir Erfahrungen aus dem Alltag mit KI?
- Woran merken wir, ob die Leitlinie wirkt?
- Wann überprüfen wir die Leitlinie? Zum Beispiel alle zwei Jahre und zusätzlich, wenn sich Gesetze oder Werkzeuge ändern.
- Wer ist für die Überprüfung verantwortlich?

## 10. Anhang

- Begriffe kurz erklärt: [Was ist KI? Was ist ein Sprachmodell?]
- Vorlage für das KI-Register
- Liste der freigegebenen Werkzeuge
- Ansprechpersonen und Kontaktwege
"#;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::markdown::{render, split_sections};
    use std::collections::HashSet;

    #[test]
    fn the_template_has_ten_chapters_with_distinct_anchors() {
        let rendered = render(AI_GUIDELINE);
        let chapters: Vec<_> = rendered.sections.iter().filter(|s| s.level == 2).collect();
        assert_eq!(chapters.len(), 10, "{chapters:?}");
        let anchors: HashSet<&str> = chapters.iter().map(|s| s.anchor.as_str()).collect();
        assert_eq!(anchors.len(), 10, "anchors must differ: {anchors:?}");
        assert!(anchors.iter().all(|a| !a.is_empty()));
    }

    #[test]
    fn the_template_splits_into_the_preamble_and_ten_sections() {
        let sections = split_sections(AI_GUIDELINE);
        // One level-1 title (with the introduction below it) and ten chapters.
        assert_eq!(
            sections.len(),
            11,
            "{:?}",
            sections.iter().map(|s| &s.title).collect::<Vec<_>>()
        );
    }

    #[test]
    fn the_template_covers_the_risk_traffic_light() {
        for colour in ["Grün", "Gelb", "Rot"] {
            assert!(AI_GUIDELINE.contains(&format!("| {colour} |")), "{colour}");
        }
    }
}
