//! Numbers and plural forms as German readers expect them: one place for "5.000", "12,5",
//! "1 Beitrag" and "3 Beiträge", used by every page, message and error text.
//!
//! German writes a dot between thousands ("5.000", "15.000") and a decimal comma ("12,5"),
//! and the singular only for exactly one ("1 Beitrag", "0 Beiträge", "2 Beiträge"). Dates
//! are typed and shown as "29.11.2026", times as "18:00".

use chrono::{NaiveDate, NaiveTime};

/// A whole number with German thousands separators: `5000` → "5.000", `-1234567` → "-1.234.567".
pub fn number(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if n < 0 {
        grouped.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push('.');
        }
        grouped.push(c);
    }
    grouped
}

/// [`number`] for counts held as `usize` or `u64` (saturating at `i64::MAX`).
pub fn number_u(n: impl TryInto<i64>) -> String {
    number(n.try_into().unwrap_or(i64::MAX))
}

/// The word for `n` things: `one` for exactly one, `many` otherwise (also for 0).
pub fn plural<'a>(n: i64, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 {
        one
    } else {
        many
    }
}

/// A count with its noun: `count(1, "Beitrag", "Beiträge")` → "1 Beitrag",
/// `count(5000, …)` → "5.000 Beiträge".
pub fn count(n: i64, one: &str, many: &str) -> String {
    format!("{} {}", number(n), plural(n, one, many))
}

/// [`count`] for counts held as `usize` or `u64`.
pub fn count_u(n: impl TryInto<i64>, one: &str, many: &str) -> String {
    count(n.try_into().unwrap_or(i64::MAX), one, many)
}

/// A decimal number with a German comma and thousands separators, rounded to `places`:
/// `decimal(1234.56, 1)` → "1.234,6", `decimal(64.0, 0)` → "64".
pub fn decimal(value: f64, places: usize) -> String {
    if !value.is_finite() {
        return "–".to_owned();
    }
    let formatted = format!("{:.*}", places, value.abs());
    let (whole, fraction) = formatted
        .split_once('.')
        .map_or((formatted.as_str(), ""), |(w, f)| (w, f));
    let whole: i64 = whole.parse().unwrap_or(0);
    // "-0" after rounding reads oddly: only a non-zero result keeps its sign.
    let negative = value < 0.0 && formatted.chars().any(|c| c.is_ascii_digit() && c != '0');
    let mut text = String::new();
    if negative {
        text.push('-');
    }
    text.push_str(&number(whole));
    if !fraction.is_empty() {
        text.push(',');
        text.push_str(fraction);
    }
    text
}

/// A share in whole per cent: `percent(3, 4)` → "75 %"; "–" when there is nothing to divide.
pub fn percent(part: i64, total: i64) -> String {
    if total <= 0 {
        return "–".to_owned();
    }
    let rounded = (part as f64 * 100.0 / total as f64).round() as i64;
    format!("{} %", number(rounded))
}

/// A date as typed into a date field: German "29.11.2026" (also "29.11.26", "1.2.2027") or
/// the ISO form "2026-11-29" that browsers' date pickers and older links send.
pub fn parse_date(input: &str) -> Option<NaiveDate> {
    let text = input.trim();
    if let Ok(date) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        return Some(date);
    }
    let mut parts = text.split('.');
    let day: u32 = parts.next()?.trim().parse().ok()?;
    let month: u32 = parts.next()?.trim().parse().ok()?;
    let year_text = parts.next()?.trim();
    if parts.next().is_some_and(|rest| !rest.trim().is_empty()) {
        return None;
    }
    let year: i32 = year_text.parse().ok()?;
    let year = match year_text.len() {
        2 => 2000 + year,
        4 => year,
        _ => return None,
    };
    NaiveDate::from_ymd_opt(year, month, day)
}

/// A time as typed: "18:00", "8:30", "18.00" or "18" (full hours); seconds are accepted.
pub fn parse_time(input: &str) -> Option<NaiveTime> {
    let text = input.trim().trim_end_matches("Uhr").trim();
    if let Ok(hour) = text.parse::<u32>() {
        return NaiveTime::from_hms_opt(hour, 0, 0);
    }
    let text = text.replace('.', ":");
    NaiveTime::parse_from_str(&text, "%H:%M")
        .or_else(|_| NaiveTime::parse_from_str(&text, "%H:%M:%S"))
        .ok()
}

/// A date as German readers write it and as date fields show it: "29.11.2026".
pub fn date_text(date: NaiveDate) -> String {
    date.format("%d.%m.%Y").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_are_separated_by_dots() {
        assert_eq!(number(0), "0");
        assert_eq!(number(999), "999");
        assert_eq!(number(1000), "1.000");
        assert_eq!(number(5000), "5.000");
        assert_eq!(number(15000), "15.000");
        assert_eq!(number(200_000), "200.000");
        assert_eq!(number(1_234_567), "1.234.567");
        assert_eq!(number(-1234), "-1.234");
        assert_eq!(number(i64::MIN), "-9.223.372.036.854.775.808");
    }

    #[test]
    fn unsigned_counts_are_formatted_the_same_way() {
        assert_eq!(number_u(5000usize), "5.000");
        assert_eq!(number_u(u64::MAX), "9.223.372.036.854.775.807");
    }

    #[test]
    fn exactly_one_takes_the_singular_and_everything_else_the_plural() {
        assert_eq!(count(1, "Beitrag", "Beiträge"), "1 Beitrag");
        assert_eq!(count(0, "Beitrag", "Beiträge"), "0 Beiträge");
        assert_eq!(count(2, "Erfahrung", "Erfahrungen"), "2 Erfahrungen");
        assert_eq!(count(1, "Erfahrung", "Erfahrungen"), "1 Erfahrung");
        assert_eq!(count(5000, "Zeichen", "Zeichen"), "5.000 Zeichen");
        assert_eq!(
            count_u(1usize, "Wort gelöscht", "Wörter gelöscht"),
            "1 Wort gelöscht"
        );
        assert_eq!(plural(-1, "Tag", "Tage"), "Tage");
    }

    #[test]
    fn decimals_use_a_comma_and_thousands_dots() {
        assert_eq!(decimal(12.345, 1), "12,3");
        assert_eq!(decimal(64.0, 0), "64");
        assert_eq!(decimal(1234.56, 1), "1.234,6");
        assert_eq!(decimal(-3.26, 1), "-3,3");
        assert_eq!(decimal(-0.04, 1), "0,0");
        assert_eq!(decimal(f64::NAN, 1), "–");
    }

    #[test]
    fn dates_are_read_in_german_and_in_iso_form() {
        let day = NaiveDate::from_ymd_opt(2026, 11, 29).expect("date");
        for typed in ["29.11.2026", " 29.11.2026 ", "29.11.26", "2026-11-29"] {
            assert_eq!(parse_date(typed), Some(day), "{typed}");
        }
        assert_eq!(parse_date("1.2.2027"), NaiveDate::from_ymd_opt(2027, 2, 1));
        for bad in [
            "",
            "31.02.2026",
            "29.11.",
            "11/29/2026",
            "29.11.2026.1",
            "morgen",
        ] {
            assert_eq!(parse_date(bad), None, "{bad}");
        }
        assert_eq!(date_text(day), "29.11.2026");
    }

    #[test]
    fn times_are_read_as_germans_type_them() {
        let six_pm = NaiveTime::from_hms_opt(18, 0, 0);
        for typed in ["18:00", "18.00", "18", "18 Uhr", "18:00:00"] {
            assert_eq!(parse_time(typed), six_pm, "{typed}");
        }
        assert_eq!(parse_time("8:30"), NaiveTime::from_hms_opt(8, 30, 0));
        for bad in ["", "25:00", "abends", "6 PM"] {
            assert_eq!(parse_time(bad), None, "{bad}");
        }
    }

    #[test]
    fn shares_are_whole_per_cent_with_a_space_before_the_sign() {
        assert_eq!(percent(3, 4), "75 %");
        assert_eq!(percent(1, 3), "33 %");
        assert_eq!(percent(0, 0), "–");
        assert_eq!(percent(4, 4), "100 %");
    }
}
