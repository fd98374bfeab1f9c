//! Free-text fields: trimmed, required or optional, with a character limit and German messages.

/// Why a text field was refused; shown to the user.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TextError {
    /// The field is empty (after trimming).
    #[error("Bitte füllen Sie das Feld „{field}“ aus.")]
    Empty {
        /// The field's German label.
        field: &'static str,
    },
    /// The field is longer than allowed.
    #[error("„{field}“ darf höchstens {} Zeichen lang sein (jetzt: {}).", crate::domain::german::number_u(*.max), crate::domain::german::number_u(*.actual))]
    TooLong {
        /// The field's German label.
        field: &'static str,
        /// The limit.
        max: usize,
        /// The length entered.
        actual: usize,
    },
}

/// A required text: trimmed, not empty, at most `max` characters.
pub fn required(input: &str, field: &'static str, max: usize) -> Result<String, TextError> {
    match optional(input, field, max)? {
        Some(text) => Ok(text),
        None => Err(TextError::Empty { field }),
    }
}

/// An optional text: trimmed, `None` when empty, at most `max` characters.
pub fn optional(input: &str, field: &'static str, max: usize) -> Result<Option<String>, TextError> {
    let text = input.trim();
    let actual = text.chars().count();
    if actual == 0 {
        Ok(None)
    } else if actual > max {
        Err(TextError::TooLong { field, max, actual })
    } else {
        Ok(Some(text.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn required_text_is_trimmed_and_must_not_be_empty() {
        assert_eq!(
            required("  KI-Leitlinie 2027 ", "Titel", 200),
            Ok("KI-Leitlinie 2027".to_owned())
        );
        assert_eq!(
            required("   ", "Titel", 200),
            Err(TextError::Empty { field: "Titel" })
        );
    }

    #[test]
    fn the_limit_counts_characters_and_the_message_says_how_many() {
        assert!(required(&"ä".repeat(200), "Titel", 200).is_ok());
        let err = required(&"ä".repeat(201), "Titel", 200).unwrap_err();
        assert_eq!(
            err.to_string(),
            "„Titel“ darf höchstens 200 Zeichen lang sein (jetzt: 201)."
        );
    }

    #[test]
    fn optional_text_is_none_when_blank() {
        assert_eq!(optional(" ", "Team", 100), Ok(None));
        assert_eq!(
            optional(" Pflege ", "Team", 100),
            Ok(Some("Pflege".to_owned()))
        );
    }
}
