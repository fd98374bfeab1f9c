//! Plain-language check for German guideline texts.
//!
//! Computes Amstad's German adaptation of the Flesch reading ease,
//! `180 − ASL − 58.5 × ASW` (ASL: average sentence length in words, ASW: average syllables per
//! word), and points at sentences over 20 words and words of 20 letters or more. Syllables and
//! sentence ends are found with rules, not a dictionary, so the score is an estimate: good for
//! finding passages that "read like a contract", not for grading a text to the decimal.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use crate::domain::markdown::split_sections;

/// Sentences with more words than this are reported as long.
pub const LONG_SENTENCE_WORDS: usize = 20;

/// Words with at least this many letters (between hyphens) are reported as very long.
pub const LONG_WORD_LETTERS: usize = 20;

/// What the score means, for the help text beside it.
pub const SCORE_EXPLANATION: &str = "Der Lesbarkeitswert (Flesch-Index nach Amstad) liegt \
zwischen 0 und 100. Je höher der Wert, desto leichter ist der Text. Kurze Sätze und kurze \
Wörter machen den Wert besser.";

/// Why long sentences are flagged.
pub const LONG_SENTENCE_EXPLANATION: &str = "Leitlinien, die wie ein Vertrag klingen, werden \
nicht gelesen. Sätze mit mehr als 20 Wörtern muss man oft zweimal lesen. Teilen Sie lange Sätze \
auf: ein Gedanke pro Satz.";

/// Why very long words are flagged.
pub const LONG_WORD_EXPLANATION: &str = "Sehr lange Wörter bremsen beim Lesen, besonders lange \
zusammengesetzte Hauptwörter. Ein Bindestrich hilft („Daten-Schutz-Beauftragte“). Oft ist ein \
Verb besser: „Wir prüfen die Daten“ statt „Durchführung der Datenüberprüfung“.";

/// What the check cannot do.
pub const LIMITS_EXPLANATION: &str = "Der Wert ist nur ein Hinweis. Er sagt nichts darüber, ob \
ein Text richtig, freundlich oder vollständig ist. Lesen Sie schwierige Stellen am besten mit \
Kolleg:innen, die den Text noch nicht kennen.";

/// Readability band of a score, after the usual Flesch/Amstad table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Band {
    /// 90 and above.
    VeryEasy,
    /// 80 to under 90.
    Easy,
    /// 70 to under 80.
    FairlyEasy,
    /// 60 to under 70.
    Standard,
    /// 50 to under 60.
    FairlyDifficult,
    /// 30 to under 50.
    Difficult,
    /// Under 30.
    VeryDifficult,
}

impl Band {
    /// The band a (raw or clamped) score falls into.
    pub fn from_score(score: f64) -> Self {
        match score {
            s if s >= 90.0 => Self::VeryEasy,
            s if s >= 80.0 => Self::Easy,
            s if s >= 70.0 => Self::FairlyEasy,
            s if s >= 60.0 => Self::Standard,
            s if s >= 50.0 => Self::FairlyDifficult,
            s if s >= 30.0 => Self::Difficult,
            _ => Self::VeryDifficult,
        }
    }

    /// German label for the UI.
    pub fn label_de(self) -> &'static str {
        match self {
            Self::VeryEasy => "sehr leicht",
            Self::Easy => "leicht",
            Self::FairlyEasy => "mittelleicht",
            Self::Standard => "mittel",
            Self::FairlyDifficult => "mittelschwer",
            Self::Difficult => "schwer",
            Self::VeryDifficult => "sehr schwer",
        }
    }

    /// Stable identifier, e.g. for CSS classes.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::VeryEasy => "very_easy",
            Self::Easy => "easy",
            Self::FairlyEasy => "fairly_easy",
            Self::Standard => "standard",
            Self::FairlyDifficult => "fairly_difficult",
            Self::Difficult => "difficult",
            Self::VeryDifficult => "very_difficult",
        }
    }
}

/// Amstad's reading ease of a text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Score {
    /// The formula's result; can be below 0 or above 100.
    pub raw: f64,
    /// The result clamped to 0..=100, for display.
    pub clamped: f64,
    /// The band of the raw score.
    pub band: Band,
}

impl Score {
    /// Computes the score from average sentence length and average syllables per word.
    pub fn amstad(average_sentence_length: f64, average_syllables_per_word: f64) -> Self {
        let raw = 180.0 - average_sentence_length - 58.5 * average_syllables_per_word;
        Self {
            raw,
            clamped: raw.clamp(0.0, 100.0),
            band: Band::from_score(raw),
        }
    }
}

/// A sentence over [`LONG_SENTENCE_WORDS`] words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LongSentence {
    /// The sentence, with whitespace collapsed.
    pub text: String,
    /// Number of words in it.
    pub word_count: usize,
}

/// A word with at least [`LONG_WORD_LETTERS`] letters in one hyphen-free part.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LongWord {
    /// The word as first written in the text.
    pub word: String,
    /// Letters in its longest hyphen-free part.
    pub letters: usize,
    /// How often it occurs.
    pub occurrences: usize,
}

/// The result of a plain-language check.
#[derive(Debug, Clone, PartialEq)]
pub struct ReadabilityReport {
    /// Amstad's score; `None` when the text has no words.
    pub score: Option<Score>,
    /// Number of sentences that contain words.
    pub sentence_count: usize,
    /// Number of words.
    pub word_count: usize,
    /// Number of syllables (estimated).
    pub syllable_count: usize,
    /// Words per sentence (0 for an empty text).
    pub average_sentence_length: f64,
    /// Syllables per word (0 for an empty text).
    pub average_syllables_per_word: f64,
    /// Sentences over [`LONG_SENTENCE_WORDS`] words, longest first.
    pub long_sentences: Vec<LongSentence>,
    /// Very long words in order of first occurrence.
    pub long_words: Vec<LongWord>,
}

/// The plain-language check of one section of a Markdown document.
#[derive(Debug, Clone, PartialEq)]
pub struct SectionReadability {
    /// The section's anchor (see `markdown::split_sections`).
    pub anchor: String,
    /// The section's title.
    pub title: String,
    /// The check of the section's text.
    pub report: ReadabilityReport,
}

/// Checks a plain text (no Markdown); blank lines separate paragraphs.
pub fn analyse(text: &str) -> ReadabilityReport {
    let mut report = ReadabilityReport {
        score: None,
        sentence_count: 0,
        word_count: 0,
        syllable_count: 0,
        average_sentence_length: 0.0,
        average_syllables_per_word: 0.0,
        long_sentences: Vec::new(),
        long_words: Vec::new(),
    };
    for sentence in split_sentences(text) {
        let sentence_words = words(&sentence);
        if sentence_words.is_empty() {
            continue;
        }
        report.sentence_count += 1;
        report.word_count += sentence_words.len();
        for word in &sentence_words {
            report.syllable_count += count_syllables(word);
            let letters = longest_part_letters(word);
            if letters >= LONG_WORD_LETTERS {
                match report.long_words.iter_mut().find(|w| w.word == *word) {
                    Some(known) => known.occurrences += 1,
                    None => report.long_words.push(LongWord {
                        word: (*word).to_owned(),
                        letters,
                        occurrences: 1,
                    }),
                }
            }
        }
        if sentence_words.len() > LONG_SENTENCE_WORDS {
            report.long_sentences.push(LongSentence {
                word_count: sentence_words.len(),
                text: sentence,
            });
        }
    }
    report
        .long_sentences
        .sort_by_key(|sentence| std::cmp::Reverse(sentence.word_count));
    if report.word_count > 0 {
        report.average_sentence_length = report.word_count as f64 / report.sentence_count as f64;
        report.average_syllables_per_word = report.syllable_count as f64 / report.word_count as f64;
        report.score = Some(Score::amstad(
            report.average_sentence_length,
            report.average_syllables_per_word,
        ));
    }
    report
}

/// Checks a whole Markdown document (Markdown syntax, headings and code are left out).
pub fn analyse_markdown(markdown: &str) -> ReadabilityReport {
    analyse(&plain_text(markdown))
}

/// Checks each section of a Markdown document (see `markdown::split_sections`).
pub fn analyse_sections(markdown: &str) -> Vec<SectionReadability> {
    split_sections(markdown)
        .into_iter()
        .map(|section| SectionReadability {
            report: analyse_markdown(&section.markdown),
            anchor: section.anchor,
            title: section.title,
        })
        .collect()
}

/// The prose of a Markdown document: one paragraph per block, separated by blank lines.
///
/// Headings, code blocks, raw HTML and image descriptions are left out: they are not prose
/// that someone reads as sentences. Table cells and list items each become a paragraph.
pub fn plain_text(markdown: &str) -> String {
    let mut text = String::with_capacity(markdown.len());
    let mut skip_depth = 0usize;
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    for event in Parser::new_ext(markdown, options) {
        match event {
            Event::Start(
                Tag::Heading { .. } | Tag::CodeBlock(_) | Tag::Image { .. } | Tag::HtmlBlock,
            ) => {
                skip_depth += 1;
            }
            Event::End(TagEnd::Heading(_) | TagEnd::CodeBlock | TagEnd::HtmlBlock) => {
                skip_depth = skip_depth.saturating_sub(1);
                text.push_str("\n\n");
            }
            // An image inside a sentence must not split it.
            Event::End(TagEnd::Image) => skip_depth = skip_depth.saturating_sub(1),
            Event::Start(
                Tag::Paragraph
                | Tag::Item
                | Tag::List(_)
                | Tag::BlockQuote(_)
                | Tag::TableCell
                | Tag::TableRow
                | Tag::TableHead,
            )
            | Event::End(
                TagEnd::Paragraph
                | TagEnd::Item
                | TagEnd::List(_)
                | TagEnd::BlockQuote(_)
                | TagEnd::TableCell
                | TagEnd::TableRow
                | TagEnd::TableHead,
            )
            | Event::Rule => text.push_str("\n\n"),
            Event::Text(t) | Event::Code(t) if skip_depth == 0 => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak if skip_depth == 0 => text.push(' '),
            _ => {}
        }
    }
    text
}

/// Splits plain text into sentences, with whitespace collapsed.
///
/// Blank lines always end a sentence. `.`, `!`, `?` and `…` end one unless the next word starts
/// with a lowercase letter, and a `.` does not end one after a common abbreviation (z. B., d. h.,
/// u. a., bzw., ggf., Nr., Abs., …), a single letter, an ordinal ("am 3. Oktober") or a number
/// at the start of a line ("1. Präambel"). Decimals ("3.5") contain no space and never split.
pub fn split_sentences(text: &str) -> Vec<String> {
    let mut sentences = Vec::new();
    for paragraph in paragraphs(text) {
        let tokens: Vec<&str> = paragraph.split_whitespace().collect();
        let mut start = 0;
        for i in 0..tokens.len() {
            let previous = i.checked_sub(1).and_then(|p| tokens.get(p)).copied();
            let next = tokens.get(i + 1).copied();
            if next.is_none() || ends_sentence(tokens[i], previous, next) {
                sentences.push(tokens[start..=i].join(" "));
                start = i + 1;
            }
        }
    }
    sentences
}

/// Counts the syllables of a German word by its vowel nuclei.
///
/// Vowels are a e i o u ä ö ü y (and accented vowels); a run of vowels counts one nucleus per
/// vowel, except that ei ie au eu äu ai ey ay ou aa ee oo count as one, and the u of "qu" is a
/// consonant. Words without a vowel (numbers, "z", "Nr") count as one syllable.
pub fn count_syllables(word: &str) -> usize {
    let chars: Vec<char> = word.chars().flat_map(char::to_lowercase).collect();
    let mut count = 0;
    let mut i = 0;
    while i < chars.len() {
        if !is_vowel(chars[i]) {
            i += 1;
            continue;
        }
        let mut start = i;
        while i < chars.len() && is_vowel(chars[i]) {
            i += 1;
        }
        if chars[start] == 'u' && start > 0 && chars[start - 1] == 'q' {
            start += 1;
        }
        count += nuclei(&chars[start..i]);
    }
    if count == 0 && chars.iter().any(|c| c.is_alphanumeric()) {
        1
    } else {
        count
    }
}

/// Whether a lowercase character is a vowel.
fn is_vowel(c: char) -> bool {
    matches!(
        c,
        'a' | 'e'
            | 'i'
            | 'o'
            | 'u'
            | 'ä'
            | 'ö'
            | 'ü'
            | 'y'
            | 'à'
            | 'á'
            | 'â'
            | 'é'
            | 'è'
            | 'ê'
            | 'ë'
            | 'í'
            | 'ì'
            | 'î'
            | 'ï'
            | 'ó'
            | 'ò'
            | 'ô'
            | 'ú'
            | 'ù'
            | 'û'
    )
}

/// Counts the syllable nuclei in a run of vowels.
fn nuclei(run: &[char]) -> usize {
    const ONE_NUCLEUS: [[char; 2]; 12] = [
        ['e', 'i'],
        ['i', 'e'],
        ['a', 'u'],
        ['e', 'u'],
        ['ä', 'u'],
        ['a', 'i'],
        ['e', 'y'],
        ['a', 'y'],
        ['o', 'u'],
        ['a', 'a'],
        ['e', 'e'],
        ['o', 'o'],
    ];
    let mut count = 0;
    let mut i = 0;
    while i < run.len() {
        let pair = run.get(i..i + 2);
        i += match pair {
            Some(pair) if ONE_NUCLEUS.iter().any(|p| p[..] == *pair) => 2,
            _ => 1,
        };
        count += 1;
    }
    count
}

/// The words of a sentence: whitespace- or slash-separated, surrounding punctuation removed.
fn words(sentence: &str) -> Vec<&str> {
    sentence
        .split(|c: char| c.is_whitespace() || c == '/')
        .map(|token| token.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|word| !word.is_empty())
        .collect()
}

/// Letters in the longest hyphen-free part of a word.
fn longest_part_letters(word: &str) -> usize {
    word.split(['-', '‐', '‑'])
        .map(|part| part.chars().filter(|c| c.is_alphabetic()).count())
        .max()
        .unwrap_or(0)
}

/// Splits text at blank lines.
fn paragraphs(text: &str) -> Vec<String> {
    let mut paragraphs = Vec::new();
    let mut current = String::new();
    for line in text.lines() {
        if line.trim().is_empty() {
            if !current.trim().is_empty() {
                paragraphs.push(std::mem::take(&mut current));
            }
            current.clear();
        } else {
            current.push_str(line);
            current.push('\n');
        }
    }
    if !current.trim().is_empty() {
        paragraphs.push(current);
    }
    paragraphs
}

/// Characters that may follow a sentence-ending mark (closing quotes and brackets).
const CLOSING: &[char] = &['"', '\'', '“', '”', '‘', '’', '»', '«', '›', '‹', ')', ']'];

/// Characters that may precede the first word of a sentence (opening quotes and brackets).
const OPENING: &[char] = &['"', '\'', '„', '“', '‚', '‘', '»', '«', '›', '‹', '(', '['];

/// Abbreviations that end with a dot but normally stand inside a sentence (lowercase, no dots).
const ABBREVIATIONS: &[&str] = &[
    "abs", "abt", "allg", "art", "bspw", "bzgl", "bzw", "ca", "dr", "dt", "ebd", "einschl", "evtl",
    "ff", "fr", "gem", "ggf", "grds", "hr", "inkl", "insb", "jh", "kap", "lt", "max", "min",
    "mind", "mio", "mrd", "nr", "prof", "sog", "st", "str", "tel", "vgl", "vs", "ziff", "zzgl",
    "zzt",
];

/// Abbreviations that often end a sentence: they split when the next word is capitalised.
const ENDING_ABBREVIATIONS: &[&str] = &["usw", "etc", "usf", "uvm"];

/// Words after which "3." is an ordinal rather than the end of a sentence.
const ORDINAL_CONTEXT: &[&str] = &[
    "der",
    "die",
    "das",
    "dem",
    "den",
    "des",
    "am",
    "im",
    "vom",
    "zum",
    "zur",
    "beim",
    "bis",
    "ab",
    "seit",
    "ein",
    "eine",
    "einem",
    "einen",
    "einer",
    "jede",
    "jedem",
    "jeden",
    "jeder",
    "je",
    "alle",
    "bereits",
    "spätestens",
];

/// Month names after which "3." is a date.
const MONTHS: &[&str] = &[
    "januar",
    "februar",
    "märz",
    "april",
    "mai",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "dezember",
];

/// Whether `token` ends a sentence, given its neighbours in the paragraph.
fn ends_sentence(token: &str, previous: Option<&str>, next: Option<&str>) -> bool {
    let core = token.trim_end_matches(CLOSING);
    let Some(last) = core.chars().last() else {
        return false;
    };
    if !matches!(last, '.' | '!' | '?' | '…') {
        return false;
    }
    let Some(next) = next else {
        return true;
    };
    let next_starts_lowercase = next
        .trim_start_matches(OPENING)
        .chars()
        .next()
        .is_some_and(char::is_lowercase);
    if next_starts_lowercase {
        return false;
    }
    if last != '.' || core.ends_with("..") {
        return true;
    }

    let stem = core
        .strip_suffix('.')
        .unwrap_or(core)
        .trim_start_matches(OPENING);
    let key: String = stem
        .chars()
        .filter(|&c| c != '.')
        .flat_map(char::to_lowercase)
        .collect();
    if key.is_empty() || ENDING_ABBREVIATIONS.contains(&key.as_str()) {
        return true;
    }
    let letters_and_dots = stem.chars().all(|c| c.is_alphabetic() || c == '.');
    if letters_and_dots && (stem.contains('.') || stem.chars().count() == 1) {
        // z.B., d.h., i.d.R., e.V. — and the parts of "z. B.", "d. h.", "u. a.".
        return false;
    }
    if ABBREVIATIONS.contains(&key.as_str()) {
        return false;
    }
    if !stem.is_empty() && stem.len() <= 2 && stem.chars().all(|c| c.is_ascii_digit()) {
        let Some(previous) = previous else {
            // "1. Präambel" at the start of a line is an enumeration.
            return false;
        };
        let previous = previous
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        let next_word = next
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        if ORDINAL_CONTEXT.contains(&previous.as_str()) || MONTHS.contains(&next_word.as_str()) {
            return false;
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_close(actual: f64, expected: f64) {
        assert!((actual - expected).abs() < 1e-9, "{actual} != {expected}");
    }

    #[test]
    fn syllables_follow_german_vowel_nuclei() {
        let cases = [
            ("Wir", 1),
            ("nutzen", 2),
            ("Leitlinie", 3),
            ("Mitarbeitende", 5),
            ("Betriebsrat", 3),
            ("neue", 2),
            ("Feuer", 2),
            ("Bauer", 2),
            ("Träume", 2),
            ("Quelle", 2),
            ("Aquarium", 4),
            ("Situation", 5),
            ("Organisation", 6),
            ("Idee", 2),
            ("Staat", 1),
            ("Typ", 1),
            ("System", 2),
            ("Künstliche", 3),
            ("Intelligenz", 4),
            ("Übersetzungen", 5),
            ("Verarbeitungstätigkeiten", 8),
            ("Mitarbeiter:innen", 6),
            ("KI-Leitlinie", 4),
            ("Januar", 3),
            ("z", 1),
            ("2025", 1),
            ("", 0),
        ];
        for (word, expected) in cases {
            assert_eq!(count_syllables(word), expected, "{word}");
        }
    }

    #[test]
    fn three_short_sentences_match_the_hand_computed_score() {
        // S1: Wir(1) nutzen(2) Daten(2) mit(1) Bedacht(2)            = 5 words,  8 syllables
        // S2: Jede(2) Person(2) darf(1) Fragen(2) stellen(2)         = 5 words,  9 syllables
        // S3: Der(1) Betriebsrat(3) prüft(1) neue(2) Werkzeuge(3)    = 5 words, 10 syllables
        // ASL = 15 / 3 = 5.0; ASW = 27 / 15 = 1.8
        // score = 180 − 5.0 − 58.5 × 1.8 = 180 − 5 − 105.3 = 69.7 → "mittel" (60 to under 70)
        let report = analyse(
            "Wir nutzen Daten mit Bedacht. Jede Person darf Fragen stellen. \
             Der Betriebsrat prüft neue Werkzeuge.",
        );
        assert_eq!(report.sentence_count, 3);
        assert_eq!(report.word_count, 15);
        assert_eq!(report.syllable_count, 27);
        assert_close(report.average_sentence_length, 5.0);
        assert_close(report.average_syllables_per_word, 1.8);
        let score = report.score.expect("text has words");
        assert_close(score.raw, 69.7);
        assert_close(score.clamped, 69.7);
        assert_eq!(score.band, Band::Standard);
        assert_eq!(score.band.label_de(), "mittel");
        assert!(report.long_sentences.is_empty());
        assert!(report.long_words.is_empty());
    }

    #[test]
    fn a_contract_like_sentence_scores_below_zero_and_is_clamped() {
        // Die(1) Verarbeitungstätigkeiten(8: e-a-ei-u-ä-i-ei-e) unterliegen(4: u-e-ie-e)
        // datenschutzrechtlichen(6: a-e-u-e-i-e) Anforderungen(5: A-o-e-u-e)
        // = 5 words, 24 syllables, 1 sentence. ASL = 5; ASW = 4.8
        // score = 180 − 5 − 58.5 × 4.8 = 180 − 5 − 280.8 = −105.8 → shown as 0, "sehr schwer"
        let report = analyse(
            "Die Verarbeitungstätigkeiten unterliegen datenschutzrechtlichen Anforderungen.",
        );
        assert_eq!((report.word_count, report.syllable_count), (5, 24));
        let score = report.score.expect("text has words");
        assert_close(score.raw, -105.8);
        assert_close(score.clamped, 0.0);
        assert_eq!(score.band.label_de(), "sehr schwer");
        assert_eq!(
            report.long_words,
            vec![
                LongWord {
                    word: "Verarbeitungstätigkeiten".into(),
                    letters: 24,
                    occurrences: 1
                },
                LongWord {
                    word: "datenschutzrechtlichen".into(),
                    letters: 22,
                    occurrences: 1
                },
            ]
        );
    }

    #[test]
    fn abbreviations_and_ordinals_match_the_hand_computed_score() {
        // S1: Wir(1) nutzen(2) KI(1) z(1) B(1) für(1) Übersetzungen(5) d(1) h(1) für(1)
        //     kurze(2) Texte(2)                                   = 12 words, 19 syllables
        // S2: Das(1) gilt(1) ab(1) dem(1) 1(1) Januar(3: a-u-a)   =  6 words,  8 syllables
        // ASL = 18 / 2 = 9; ASW = 27 / 18 = 1.5
        // score = 180 − 9 − 58.5 × 1.5 = 180 − 9 − 87.75 = 83.25 → "leicht" (80 to under 90)
        let text = "Wir nutzen KI z. B. für Übersetzungen, d. h. für kurze Texte. \
                    Das gilt ab dem 1. Januar.";
        let report = analyse(text);
        assert_eq!(report.sentence_count, 2);
        assert_eq!((report.word_count, report.syllable_count), (18, 27));
        let score = report.score.expect("text has words");
        assert_close(score.raw, 83.25);
        assert_eq!(score.band, Band::Easy);
    }

    #[test]
    fn german_abbreviations_do_not_end_sentences() {
        let sentences = split_sentences(
            "Wir nutzen z. B. Übersetzer, d. h. Werkzeuge wie DeepL. Das gilt u. a. für Teams \
             bzw. Gremien. Ggf. fragen Sie Nr. 5 oder Abs. 2 nach. Details siehe Art. 5 DSGVO, \
             vgl. Kap. 3 usw. Am Ende steht das Ergebnis etc. und mehr.",
        );
        assert_eq!(
            sentences,
            [
                "Wir nutzen z. B. Übersetzer, d. h. Werkzeuge wie DeepL.",
                "Das gilt u. a. für Teams bzw. Gremien.",
                "Ggf. fragen Sie Nr. 5 oder Abs. 2 nach.",
                "Details siehe Art. 5 DSGVO, vgl. Kap. 3 usw.",
                "Am Ende steht das Ergebnis etc. und mehr.",
            ]
        );
    }

    #[test]
    fn abbreviations_without_spaces_do_not_end_sentences() {
        let sentences = split_sentences(
            "Wir nutzen z.B. Chatbots, d.h. Programme. Die Caritas e.V. Köln macht mit.",
        );
        assert_eq!(
            sentences,
            [
                "Wir nutzen z.B. Chatbots, d.h. Programme.",
                "Die Caritas e.V. Köln macht mit."
            ]
        );
    }

    #[test]
    fn ordinals_and_decimals_do_not_end_sentences() {
        let sentences = split_sentences(
            "Am 3. Oktober tagt die MAV. Der 2. Entwurf ist fertig. Der Anteil liegt bei 3.5 \
             Prozent. Es gilt Abs. 2. Danach kommt Version 2.0. Schluss.",
        );
        assert_eq!(
            sentences,
            [
                "Am 3. Oktober tagt die MAV.",
                "Der 2. Entwurf ist fertig.",
                "Der Anteil liegt bei 3.5 Prozent.",
                "Es gilt Abs. 2.",
                "Danach kommt Version 2.0.",
                "Schluss.",
            ]
        );
    }

    #[test]
    fn question_marks_exclamation_marks_and_quotes_end_sentences() {
        let sentences = split_sentences(
            "Was heißt das? Wir erklären es! Er sagte: „Das ist gut.“ Dann ging er. \
             „Wie geht das?“, fragte sie. Niemand wusste es…",
        );
        assert_eq!(
            sentences,
            [
                "Was heißt das?",
                "Wir erklären es!",
                "Er sagte: „Das ist gut.“",
                "Dann ging er.",
                "„Wie geht das?“, fragte sie.",
                "Niemand wusste es…",
            ]
        );
    }

    #[test]
    fn blank_lines_end_sentences_and_enumerations_do_not() {
        let sentences =
            split_sentences("Überschrift ohne Punkt\n\n1. Präambel und Werte\nzweite Zeile\n\n\n");
        assert_eq!(
            sentences,
            [
                "Überschrift ohne Punkt",
                "1. Präambel und Werte zweite Zeile"
            ]
        );
    }

    #[test]
    fn long_sentences_are_reported_longest_first() {
        let long_23 = "Wir wollen gemeinsam mit allen Mitarbeitenden klären, wie wir KI im Alltag \
                       nutzen und welche Regeln dafür gelten sollen, damit niemand allein bleibt.";
        let long_27 =
            "Die Projektgruppe sammelt alle Rückmeldungen aus den Teams, ordnet sie nach \
                       Themen, prüft jede einzelne sorgfältig und erklärt am Ende öffentlich, was \
                       daraus geworden ist und warum.";
        let text = format!("Kurzer Satz. {long_23} {long_27} Noch ein kurzer Satz.");
        let report = analyse(&text);
        assert_eq!(report.sentence_count, 4);
        let counts: Vec<usize> = report.long_sentences.iter().map(|s| s.word_count).collect();
        assert_eq!(counts, [27, 23]);
        assert!(report.long_sentences[0]
            .text
            .starts_with("Die Projektgruppe"));
    }

    #[test]
    fn a_sentence_of_exactly_twenty_words_is_not_long() {
        let twenty = vec!["Wort"; 20].join(" ") + ".";
        assert!(analyse(&twenty).long_sentences.is_empty());
        let twenty_one = vec!["Wort"; 21].join(" ") + ".";
        assert_eq!(analyse(&twenty_one).long_sentences[0].word_count, 21);
    }

    #[test]
    fn hyphenated_compounds_are_measured_per_part() {
        let report = analyse(
            "Die Datenschutz-Grundverordnung gilt. Die Datenschutzgrundverordnung gilt. \
             Die Datenschutzgrundverordnung gilt immer.",
        );
        assert_eq!(
            report.long_words,
            vec![LongWord {
                word: "Datenschutzgrundverordnung".into(),
                letters: 26,
                occurrences: 2
            }]
        );
    }

    #[test]
    fn an_empty_text_has_no_score() {
        for text in ["", "   \n\n ", "– … –"] {
            let report = analyse(text);
            assert_eq!(report.score, None, "{text:?}");
            assert_eq!(report.word_count, 0);
            assert_eq!(report.sentence_count, 0);
        }
    }

    #[test]
    fn bands_follow_the_amstad_table() {
        let cases = [
            (100.0, "sehr leicht"),
            (90.0, "sehr leicht"),
            (89.9, "leicht"),
            (75.0, "mittelleicht"),
            (60.0, "mittel"),
            (55.0, "mittelschwer"),
            (30.0, "schwer"),
            (29.9, "sehr schwer"),
            (-20.0, "sehr schwer"),
        ];
        for (score, label) in cases {
            assert_eq!(Band::from_score(score).label_de(), label, "{score}");
        }
        assert_close(Score::amstad(10.0, 1.0).clamped, 100.0);
        assert_close(Score::amstad(10.0, 1.0).raw, 111.5);
    }

    #[test]
    fn markdown_is_reduced_to_prose() {
        let text = plain_text(
            "# Titel\n\nEin **fetter** Satz mit [Link](https://example.org) und `Code`.\n\n\
             Ein Bild ![Logo](a.png) im Satz.\n\n- Punkt eins\n- Punkt zwei\n\n```\nlet x = 1;\n```\n\n![Bild](a.png)\n\n| A | B |\n|---|---|\n| x | y |\n",
        );
        let sentences = split_sentences(&text);
        assert_eq!(
            sentences,
            [
                "Ein fetter Satz mit Link und Code.",
                "Ein Bild im Satz.",
                "Punkt eins",
                "Punkt zwei",
                "A",
                "B",
                "x",
                "y"
            ]
        );
    }

    #[test]
    fn sections_are_analysed_separately() {
        let markdown = "Kurz. Klar.\n\n# Datenschutz\n\nDie Verarbeitungstätigkeiten unterliegen \
                        datenschutzrechtlichen Anforderungen.\n\n## Alltag\n\nWir nutzen Daten \
                        mit Bedacht.\n";
        let sections = analyse_sections(markdown);
        let anchors: Vec<&str> = sections.iter().map(|s| s.anchor.as_str()).collect();
        assert_eq!(anchors, ["einleitung", "datenschutz", "alltag"]);
        assert_eq!(sections[0].report.sentence_count, 2);
        assert_eq!(sections[1].title, "Datenschutz");
        assert_eq!(
            sections[1].report.score.map(|s| s.band),
            Some(Band::VeryDifficult)
        );
        // Wir(1) nutzen(2) Daten(2) mit(1) Bedacht(2): ASL 5, ASW 1.6 → 180 − 5 − 93.6 = 81.4
        let alltag = sections[2].report.score.expect("section has words");
        assert_close(alltag.raw, 81.4);
    }

    #[test]
    fn explanations_are_german_and_carry_the_rationale() {
        assert!(LONG_SENTENCE_EXPLANATION
            .starts_with("Leitlinien, die wie ein Vertrag klingen, werden nicht gelesen."));
        for text in [
            SCORE_EXPLANATION,
            LONG_SENTENCE_EXPLANATION,
            LONG_WORD_EXPLANATION,
            LIMITS_EXPLANATION,
        ] {
            assert!(!text.contains("  "), "{text}");
            assert!(text.ends_with('.'), "{text}");
        }
    }
}
