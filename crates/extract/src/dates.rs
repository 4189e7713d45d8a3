//! Dates as pages write them: machine formats from metadata (RFC 3339 and its relatives) and
//! human datelines ("December 22, 2024", "22 Dec 2024 10:15").

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};

/// Words that may precede a dateline's date.
const DATELINE_PREFIXES: &[&str] =
    &["published", "updated", "posted", "last updated", "first published", "date", "on"];

/// Parses a machine-readable timestamp (metadata, `<time datetime>`); times without a zone
/// are taken as UTC.
pub fn parse_machine(text: &str) -> Option<DateTime<FixedOffset>> {
    let text = text.trim();
    if let Ok(t) = DateTime::parse_from_rfc3339(text) {
        return Some(t);
    }
    if let Ok(t) = DateTime::parse_from_rfc2822(text) {
        return Some(t);
    }
    for format in ["%Y-%m-%dT%H:%M:%S%.f%z", "%Y-%m-%d %H:%M:%S%.f%z", "%Y-%m-%dT%H:%M%z"] {
        if let Ok(t) = DateTime::parse_from_str(text, format) {
            return Some(t);
        }
    }
    for format in ["%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%d %H:%M:%S%.f", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"] {
        if let Ok(t) = NaiveDateTime::parse_from_str(text, format) {
            return Some(utc(t));
        }
    }
    let date_part = text.get(..10).unwrap_or(text);
    NaiveDate::parse_from_str(date_part, "%Y-%m-%d").ok().map(midnight)
}

/// Parses a short human dateline such as "Published: 22 December 2024, 10:15" or
/// "Dec. 22, 2024". Returns `None` for anything longer than a dateline.
pub fn parse_dateline(line: &str) -> Option<DateTime<FixedOffset>> {
    if line.split_whitespace().count() > 10 {
        return None;
    }
    let mut text = line.trim().to_lowercase();
    for prefix in DATELINE_PREFIXES {
        if let Some(rest) = text.strip_prefix(prefix) {
            text = rest.trim_start_matches([':', ' ', '-']).to_string();
        }
    }
    if let Some(t) = parse_machine(&text) {
        return Some(t);
    }
    let cleaned: String = text.replace(['.', ','], " ").replace(" at ", " ");
    let tokens: Vec<&str> = cleaned.split_whitespace().collect();
    let date = human_date(&tokens)?;
    let time = tokens.iter().find_map(|t| NaiveTime::parse_from_str(t, "%H:%M").ok());
    Some(match time {
        Some(time) => utc(date.and_time(time)),
        None => midnight(date),
    })
}

/// Finds day, month name and year among the tokens, in either order ("22 dec 2024",
/// "december 22 2024", "monday 22 december 2024").
fn human_date(tokens: &[&str]) -> Option<NaiveDate> {
    let month = tokens.iter().find_map(|t| month_number(t))?;
    let mut numbers =
        tokens.iter().filter_map(|t| t.trim_end_matches(|c: char| c.is_alphabetic()).parse::<i32>().ok());
    let (mut day, mut year) = (None, None);
    for n in numbers.by_ref() {
        match n {
            1..=31 if day.is_none() => day = Some(n),
            1900..=2100 if year.is_none() => year = Some(n),
            _ => {}
        }
    }
    NaiveDate::from_ymd_opt(year?, month, u32::try_from(day?).ok()?)
}

fn month_number(token: &str) -> Option<u32> {
    const MONTHS: [&str; 12] =
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
    if token.len() < 3 || !token.chars().all(char::is_alphabetic) {
        return None;
    }
    let prefix = token.get(..3)?;
    let index = MONTHS.iter().position(|m| *m == prefix)?;
    let full = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ][index];
    let known = full.starts_with(token) || (token == "sept");
    known.then_some(index as u32 + 1)
}

fn utc(t: NaiveDateTime) -> DateTime<FixedOffset> {
    Utc.from_utc_datetime(&t).fixed_offset()
}

fn midnight(date: NaiveDate) -> DateTime<FixedOffset> {
    utc(date.and_time(NaiveTime::MIN))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iso(t: Option<DateTime<FixedOffset>>) -> Option<String> {
        t.map(|t| t.to_rfc3339())
    }

    #[test]
    fn parses_machine_formats() {
        assert_eq!(
            iso(parse_machine("2024-05-03T15:47:42+02:00")).as_deref(),
            Some("2024-05-03T15:47:42+02:00")
        );
        assert_eq!(
            iso(parse_machine("2024-05-03T15:47:42.389Z")).as_deref(),
            Some("2024-05-03T15:47:42.389+00:00")
        );
        assert_eq!(
            iso(parse_machine("2024-05-03T15:47:42+0200")).as_deref(),
            Some("2024-05-03T15:47:42+02:00")
        );
        assert_eq!(iso(parse_machine("2024-05-03")).as_deref(), Some("2024-05-03T00:00:00+00:00"));
        assert_eq!(parse_machine("yesterday"), None);
    }

    #[test]
    fn parses_datelines() {
        let expect = Some("2024-12-22T00:00:00+00:00".to_string());
        assert_eq!(iso(parse_dateline("December 22, 2024")), expect);
        assert_eq!(iso(parse_dateline("Published: 22 Dec. 2024")), expect);
        assert_eq!(iso(parse_dateline("Sunday, 22nd December 2024")), expect);
        assert_eq!(
            iso(parse_dateline("Updated Dec 22, 2024 at 10:15")).as_deref(),
            Some("2024-12-22T10:15:00+00:00")
        );
        assert_eq!(parse_dateline("May the force be with you"), None);
        assert_eq!(parse_dateline("February 30, 2024"), None);
    }
}
