//! Dates: parse the forms English text and metadata use, normalised to ISO `YYYY-MM-DD`.
//! Impossible dates (February 30) are rejected, never invented.

use chrono::NaiveDate;
use regex::Regex;
use std::sync::LazyLock;

const MONTHS: &str = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept\.?|Sep\.?|Oct\.?|Nov\.?|Dec\.?)";

static TEXT_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?x)
        \b(?P<iso_y>\d{{4}})-(?P<iso_m>\d{{1,2}})-(?P<iso_d>\d{{1,2}})(?:\b|T)
        | \b(?P<mdy_m>{MONTHS})\s+(?P<mdy_d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<mdy_y>\d{{4}})\b
        | \b(?P<dmy_d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<dmy_m>{MONTHS}),?\s+(?P<dmy_y>\d{{4}})\b
        | \b(?P<us_m>\d{{1,2}})/(?P<us_d>\d{{1,2}})/(?P<us_y>\d{{4}})\b
        | \b(?P<ymd_y>\d{{4}})/(?P<ymd_m>\d{{1,2}})/(?P<ymd_d>\d{{1,2}})\b
        "
    ))
    .unwrap()
});

static MONTH_YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"^(?P<m>{MONTHS})\s+(?P<y>\d{{4}})$")).unwrap());

/// Month number for an English month name or abbreviation.
pub fn month_number(name: &str) -> Option<u32> {
    let key = name.trim_end_matches('.').to_ascii_lowercase();
    let key = key.get(..3)?;
    Some(match key {
        "jan" => 1,
        "feb" => 2,
        "mar" => 3,
        "apr" => 4,
        "may" => 5,
        "jun" => 6,
        "jul" => 7,
        "aug" => 8,
        "sep" => 9,
        "oct" => 10,
        "nov" => 11,
        "dec" => 12,
        _ => return None,
    })
}

fn make_date(year: &str, month: u32, day: &str) -> Option<NaiveDate> {
    let year: i32 = year.parse().ok()?;
    let day: u32 = day.parse().ok()?;
    if !(1800..=2200).contains(&year) {
        return None;
    }
    NaiveDate::from_ymd_opt(year, month, day)
}

fn date_from_captures(caps: &regex::Captures<'_>) -> Option<NaiveDate> {
    let get = |name: &str| caps.name(name).map(|m| m.as_str());
    if let Some(y) = get("iso_y") {
        return make_date(y, get("iso_m")?.parse().ok()?, get("iso_d")?);
    }
    if let Some(y) = get("mdy_y") {
        return make_date(y, month_number(get("mdy_m")?)?, get("mdy_d")?);
    }
    if let Some(y) = get("dmy_y") {
        return make_date(y, month_number(get("dmy_m")?)?, get("dmy_d")?);
    }
    if let Some(y) = get("us_y") {
        return make_date(y, get("us_m")?.parse().ok()?, get("us_d")?);
    }
    if let Some(y) = get("ymd_y") {
        return make_date(y, get("ymd_m")?.parse().ok()?, get("ymd_d")?);
    }
    None
}

/// Every valid date written in `text`, in order, with its byte range.
pub fn find_dates(text: &str) -> Vec<(NaiveDate, std::ops::Range<usize>)> {
    TEXT_DATE
        .captures_iter(text)
        .filter_map(|caps| {
            let whole = caps.get(0)?;
            date_from_captures(&caps).map(|date| (date, whole.range()))
        })
        .collect()
}

/// Parses a date given as metadata: ISO dates and timestamps, English dates, and a bare
/// month and year (taken as the first of the month).
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    if let Some(caps) = MONTH_YEAR.captures(text) {
        let year = caps.name("y")?.as_str();
        return make_date(year, month_number(caps.name("m")?.as_str())?, "1");
    }
    find_dates(text).into_iter().next().map(|(date, _)| date)
}

/// ISO form of a date.
pub fn iso(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(input: &str, expected: Option<&str>) {
        assert_eq!(parse_date(input).map(iso).as_deref(), expected, "{input}");
    }

    #[test]
    fn common_forms() {
        check("2013-06-30", Some("2013-06-30"));
        check("2021-01-22 14:06:00-05:00", Some("2021-01-22"));
        check("2023-06-01T10:00:00Z", Some("2023-06-01"));
        check("June 30, 2013", Some("2013-06-30"));
        check("Sunday, June 30, 2013", Some("2013-06-30"));
        check("30 June 2013", Some("2013-06-30"));
        check("Jan. 31, 2020", Some("2020-01-31"));
        check("Sept. 3rd, 2019", Some("2019-09-03"));
        check("06/30/2013", Some("2013-06-30"));
        check("2013/06/30", Some("2013-06-30"));
        check("March 2024", Some("2024-03-01"));
    }

    #[test]
    fn impossible_dates_are_rejected() {
        check("February 30, 2021", None);
        check("2021-13-01", None);
        check("13/45/2020", None);
        check("no date here", None);
    }

    #[test]
    fn finds_dates_in_text() {
        let text = "Kerry spoke in Tel Aviv on Sunday, June 30, 2013, and again on 2 July 2013.";
        let dates: Vec<String> = find_dates(text).into_iter().map(|(d, _)| iso(d)).collect();
        assert_eq!(dates, vec!["2013-06-30", "2013-07-02"]);
    }
}
