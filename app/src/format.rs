//! Dates and times as German readers expect them (Europe/Berlin). Server only: DTOs carry the
//! formatted text, so the browser bundle needs no time-zone data.

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Europe::Berlin;

/// "21.11.2026, 18:30 Uhr" in German local time.
pub fn date_time(at: DateTime<Utc>) -> String {
    at.with_timezone(&Berlin)
        .format("%d.%m.%Y, %H:%M Uhr")
        .to_string()
}

/// "21.11.2026".
pub fn date(at: NaiveDate) -> String {
    at.format("%d.%m.%Y").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_are_shown_in_german_local_time_with_summer_time() {
        let winter = DateTime::parse_from_rfc3339("2026-11-21T17:30:00Z")
            .unwrap()
            .with_timezone(&Utc);
        assert_eq!(date_time(winter), "21.11.2026, 18:30 Uhr");
        let summer = DateTime::parse_from_rfc3339("2026-07-01T10:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        assert_eq!(date_time(summer), "01.07.2026, 12:00 Uhr");
    }
}
