//! Dates: parse the forms English text and metadata use, normalised to ISO `YYYY-MM-DD`.
//! Impossible dates (February 30) are rejected, never invented.

use crate::model::SplitWords;
use chrono::NaiveDate;
use regex::Regex;
use std::sync::LazyLock;

const MONTHS: &str = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept\.?|Sep\.?|Oct\.?|Nov\.?|Dec\.?)";

static TEXT_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?x)
        (?-u:\b)(?P<iso_y>\d{{4}})-(?P<iso_m>\d{{1,2}})-(?P<iso_d>\d{{1,2}})(?:(?-u:\b)|T)
        | (?-u:\b)(?P<mdy_m>{MONTHS})\s+(?P<mdy_d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<mdy_y>\d{{4}})(?-u:\b)
        | (?-u:\b)(?P<dmy_d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<dmy_m>{MONTHS}),?\s+(?P<dmy_y>\d{{4}})(?-u:\b)
        | (?-u:\b)(?P<us_m>\d{{1,2}})/(?P<us_d>\d{{1,2}})/(?P<us_y>\d{{4}})(?-u:\b)
        | (?-u:\b)(?P<ymd_y>\d{{4}})/(?P<ymd_m>\d{{1,2}})/(?P<ymd_d>\d{{1,2}})(?-u:\b)
        "
    ))
    .unwrap()
});

/// "March 5" or "5 March" with no year: only a date when a reference date gives the year.
static MONTH_DAY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?x)
        (?-u:\b)(?P<md_m>{MONTHS})\s+(?P<md_d>\d{{1,2}})(?:st|nd|rd|th)?(?-u:\b)(?:,?\s+\d{{4}})?
        | (?-u:\b)(?P<dm_d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<dm_m>{MONTHS})(?-u:\b)(?:,?\s+\d{{4}})?
        "
    ))
    .unwrap()
});

/// A relative day: "on Tuesday", "last Friday", "yesterday", "next Monday".
static RELATIVE_DAY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)(?-u:\b)(?:(?P<dir>last|next|this|on|late|early)\s+)?
        (?P<day>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|yesterday|today|tomorrow)(?-u:\b)
        (?P<trail>,?\s+(?:\d{1,2}\s+)?(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.))?",
    )
    .unwrap()
});

/// A news dateline opening an article: "WASHINGTON, Jan. 31 —", "HALVERN, March 3, 2024
/// (Courier) -", "LONDON (Reuters) —".
static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?x)^\s*(?P<place>[A-Z][A-Z.'’\-]+(?:\s+[A-Z][A-Z.'’\-]+){{0,3}})
        (?:,\s+(?P<region>[A-Z][A-Za-z.]+(?:\s+[A-Z][A-Za-z.]+)?))?
        (?:,\s+(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+)?(?P<when>(?:{MONTHS})\s+\d{{1,2}}(?:,?\s+\d{{4}})?|\d{{1,2}}\s+(?:{MONTHS})(?:\s+\d{{4}})?|\d{{4}}-\d{{2}}-\d{{2}}|(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)))?
        \s*(?:\((?P<agency>[^()]{{2,40}})\)\s*)?
        (?:—|–|--|-|:)\s"
    ))
    .unwrap()
});

/// A line that says when the text was published: "Updated Friday, May 20, 2022".
static PUBLISHED_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?i:published|updated|posted|last updated|first published|dated|date|issued|released)(?i:\s+on)?:?\s+").unwrap()
});

/// A date in a file's path, as people name files and sites name pages: "2019-06-19_x.txt",
/// "20190619-report.html", ".../2019/06/19/slug".
static PATH_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:^|[^0-9])(?P<y>(?:18|19|20|21)\d{2})(?P<sep1>[-_./]?)(?P<m>[01]\d)(?P<sep2>[-_./]?)(?P<d>[0-3]\d)(?:[^0-9]|$)",
    )
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

/// The first valid date written in `text`, with its byte range.
pub fn first_date(text: &str) -> Option<(NaiveDate, std::ops::Range<usize>)> {
    TEXT_DATE.captures_iter(text).find_map(|caps| {
        let whole = caps.get(0)?;
        date_from_captures(&caps).map(|date| (date, whole.range()))
    })
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
    first_date(text).map(|(date, _)| date)
}

/// The first date written in `text`, reading a date without a year ("March 5") against
/// `reference`: the year that puts it nearest the reference.
pub fn first_date_near(text: &str, reference: Option<NaiveDate>) -> Option<NaiveDate> {
    let full = first_date(text);
    let partial = reference.and_then(|reference| {
        MONTH_DAY.captures_iter(text).find_map(|caps| {
            let whole = caps.get(0)?;
            let month = month_number(caps.name("md_m").or(caps.name("dm_m"))?.as_str())?;
            let day: u32 = caps
                .name("md_d")
                .or(caps.name("dm_d"))?
                .as_str()
                .parse()
                .ok()?;
            nearest_year(month, day, reference).map(|date| (date, whole.range()))
        })
    });
    match (full, partial) {
        (Some(full), Some(partial)) if partial.1.start < full.1.start => Some(partial.0),
        (Some(full), _) => Some(full.0),
        (None, partial) => partial.map(|p| p.0),
    }
}

/// A month and day in the year (before, of, or after the reference's) nearest the reference.
fn nearest_year(month: u32, day: u32, reference: NaiveDate) -> Option<NaiveDate> {
    use chrono::Datelike;
    (reference.year() - 1..=reference.year() + 1)
        .filter_map(|year| NaiveDate::from_ymd_opt(year, month, day))
        .min_by_key(|date| (*date - reference).num_days().abs())
}

/// The day a relative expression means, read against the document's date: "on Tuesday"
/// and "last Tuesday" are the latest Tuesday before it, "next Tuesday" the first after,
/// "yesterday", "today" and "tomorrow" what they say.
pub fn relative_day(text: &str, reference: NaiveDate) -> Option<NaiveDate> {
    use chrono::{Datelike, Days};
    // "Tuesday, March 5" is a written date, not a relative one, and "Sunday Times" a name.
    let caps = RELATIVE_DAY.captures_iter(text).find(|caps| {
        let end = caps.get(0).map_or(0, |m| m.end());
        let mut after = text[end..].chars();
        let names_something =
            after.next() == Some(' ') && after.next().is_some_and(char::is_uppercase);
        !names_something
    })?;
    if caps.name("trail").is_some() {
        return None;
    }
    let day = caps.name("day")?.as_str();
    let direction = caps.name("dir").map_or("", |m| m.as_str());
    let one = Days::new(1);
    match day {
        "yesterday" => return reference.checked_sub_days(one),
        "today" => return Some(reference),
        "tomorrow" => return reference.checked_add_days(one),
        _ => {}
    }
    let target = WEEKDAYS.iter().position(|w| *w == day)? as i64;
    let current = reference.weekday().num_days_from_monday() as i64;
    if direction == "next" {
        let ahead = (target - current).rem_euclid(7);
        let ahead = if ahead == 0 { 7 } else { ahead };
        return reference.checked_add_days(Days::new(ahead as u64));
    }
    // A news report's "on Tuesday" is the last Tuesday up to the day it is dated; the same
    // weekday as the report is that day itself unless the text says "last".
    let back = (current - target).rem_euclid(7);
    let back = if back == 0 && direction == "last" {
        7
    } else {
        back
    };
    reference.checked_sub_days(Days::new(back as u64))
}

/// True for an English month name or its abbreviation ("March", "Mar.", "Sept."), not for
/// words that merely start like one ("Marketwatch").
pub fn is_month_name(word: &str) -> bool {
    const FULL: [&str; 12] = [
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
    ];
    let key = word.trim_end_matches('.').to_lowercase();
    FULL.contains(&key.as_str()) || (key.len() <= 4 && month_number(&key).is_some())
}

/// True for an English weekday name ("Tuesday").
pub fn is_weekday(word: &str) -> bool {
    WEEKDAYS.contains(&word)
}

/// English weekday names, Monday first.
pub const WEEKDAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// What a news dateline at the start of a text gives: the place, the date (its year from
/// `reference` when the dateline has none) and the agency in parentheses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dateline {
    pub place: String,
    pub date: Option<NaiveDate>,
    pub agency: Option<String>,
}

/// Reads a dateline ("WASHINGTON, Jan. 31 (Reuters) —") at the start of `text`.
pub fn dateline(text: &str, reference: Option<NaiveDate>) -> Option<Dateline> {
    // Most paragraphs do not open with a word in capitals: skip the regex for them.
    let mut opening = text.trim_start().chars();
    if !(opening.next().is_some_and(|c| c.is_uppercase())
        && opening.next().is_some_and(|c| c.is_uppercase()))
    {
        return None;
    }
    let caps = DATELINE.captures(text)?;
    let place = caps.name("place")?.as_str().trim().to_owned();
    // A place in capitals has at least one word of three letters ("WASHINGTON", not "A").
    if !place.words().any(|w| w.len() >= 3) {
        return None;
    }
    let date = caps.name("when").and_then(|when| {
        let when = when.as_str();
        parse_date(when)
            .or_else(|| first_date_near(when, reference))
            .or_else(|| reference.and_then(|r| relative_day(when, r)))
    });
    // "LONDON, Monday (Reuters) —": the weekday sits where a region could.
    let date = date.or_else(|| {
        let region = caps.name("region")?.as_str();
        WEEKDAYS
            .contains(&region)
            .then(|| relative_day(region, reference?))
            .flatten()
    });
    let agency = caps.name("agency").map(|m| m.as_str().trim().to_owned());
    if date.is_none() && agency.is_none() && caps.name("when").is_none() {
        // "WASHINGTON —" alone is still a dateline; "NOTE:" or "Q:" is not.
        if !caps.get(0)?.as_str().contains(['—', '–']) {
            return None;
        }
    }
    Some(Dateline {
        place,
        date,
        agency,
    })
}

/// The date a "Published ..." or "Updated ..." line gives, if `text` is one.
pub fn published_line(text: &str) -> Option<NaiveDate> {
    let start = PUBLISHED_LINE.find(text)?.end();
    let rest = text[start..].get(..60.min(text.len() - start))?;
    find_dates(rest)
        .into_iter()
        .next()
        .filter(|(_, range)| range.start <= 12)
        .map(|(date, _)| date)
}

/// The date a file's path carries, if it names one.
pub fn path_date(path: &str) -> Option<NaiveDate> {
    PATH_DATE.captures_iter(path).find_map(|caps| {
        if caps["sep1"] != caps["sep2"] {
            return None;
        }
        make_date(&caps["y"], caps["m"].parse().ok()?, &caps["d"])
    })
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
    fn dates_without_a_year_take_the_nearest() {
        let reference = parse_date("2024-01-03");
        let check = |text: &str, expected: Option<&str>| {
            assert_eq!(
                first_date_near(text, reference).map(iso).as_deref(),
                expected,
                "{text}"
            )
        };
        check("talks resumed on Dec. 30 in Oslo", Some("2023-12-30"));
        check("due on January 9", Some("2024-01-09"));
        check("on 2 January the envoy left", Some("2024-01-02"));
        check(
            "signed on June 30, 2013 and again March 5",
            Some("2013-06-30"),
        );
        check("on February 30", None);
        check("no date", None);
    }

    #[test]
    fn relative_days_read_against_the_document_date() {
        // 2024-03-07 is a Thursday.
        let reference = parse_date("2024-03-07").unwrap();
        let check = |text: &str, expected: Option<&str>| {
            assert_eq!(
                relative_day(text, reference).map(iso).as_deref(),
                expected,
                "{text}"
            )
        };
        check("ministers met on Tuesday to review", Some("2024-03-05"));
        check("negotiators met Tuesday", Some("2024-03-05"));
        check("the vote last Thursday", Some("2024-02-29"));
        check("said on Thursday", Some("2024-03-07"));
        check("will meet next Monday", Some("2024-03-11"));
        check("yesterday", Some("2024-03-06"));
        check("The Sunday Times reported on Monday", Some("2024-03-04"));
        check("on Tuesday, March 5, 2024", None);
        check("no day here", None);
    }

    #[test]
    fn publication_lines_and_paths() {
        let line = |text: &str| published_line(text).map(iso);
        assert_eq!(
            line("Updated Friday, May 20, 2022").as_deref(),
            Some("2022-05-20")
        );
        assert_eq!(
            line("Published: 3 March 2019 10:02").as_deref(),
            Some("2019-03-03")
        );
        assert_eq!(line("Updated rules take effect on May 20, 2022"), None);
        assert_eq!(line("The report was published May 20, 2022"), None);
        let path = |text: &str| path_date(text).map(iso);
        assert_eq!(
            path("corpus/2022-01-31_oped.txt").as_deref(),
            Some("2022-01-31")
        );
        assert_eq!(
            path("news/20190619-report.html").as_deref(),
            Some("2019-06-19")
        );
        assert_eq!(
            path("site/2019/06/19/slug.html").as_deref(),
            Some("2019-06-19")
        );
        assert_eq!(path("data/2019-13-45_x.txt"), None);
        assert_eq!(path("reports/report-20190.txt"), None);
        assert_eq!(path("ids/12019061912.txt"), None);
    }

    #[test]
    fn datelines() {
        let reference = parse_date("2020-02-03");
        let check = |text: &str, expected: Option<(&str, Option<&str>, Option<&str>)>| {
            let got = dateline(text, reference);
            let got = got
                .as_ref()
                .map(|d| (d.place.as_str(), d.date.map(iso), d.agency.as_deref()));
            let expected = expected.map(|(p, d, a)| (p, d.map(str::to_owned), a));
            assert_eq!(got, expected, "{text}");
        };
        check(
            "WASHINGTON, Jan. 31 — The Senate voted",
            Some(("WASHINGTON", Some("2020-01-31"), None)),
        );
        check(
            "HALVERN, March 3, 2019 (Courier) - Ministers met",
            Some(("HALVERN", Some("2019-03-03"), Some("Courier"))),
        );
        check(
            "LONDON (Reuters) — Oil prices rose",
            Some(("LONDON", None, Some("Reuters"))),
        );
        check(
            "PORT SORREL, Ostrelia, Tuesday, Feb. 4 — Rain",
            Some(("PORT SORREL", Some("2020-02-04"), None)),
        );
        check(
            "PORT MAREN, 2024-03-05 (Tidewater) — Shippers",
            Some(("PORT MAREN", Some("2024-03-05"), Some("Tidewater"))),
        );
        check(
            "LONDON, Monday (Reuters) — Oil",
            Some(("LONDON", Some("2020-02-03"), Some("Reuters"))),
        );
        check("The Senate voted on Jan. 31 — again", None);
        check("Q: What about Iran?", None);
    }

    #[test]
    fn finds_dates_in_text() {
        let text = "Kerry spoke in Tel Aviv on Sunday, June 30, 2013, and again on 2 July 2013.";
        let dates: Vec<String> = find_dates(text).into_iter().map(|(d, _)| iso(d)).collect();
        assert_eq!(dates, vec!["2013-06-30", "2013-07-02"]);
    }
}
