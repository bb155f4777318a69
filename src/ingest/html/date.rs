//! A page's publication date, best source first: the URL's date path, publication meta
//! tags (OpenGraph `article:*`, `citation_*`, Dublin Core, `itemprop`), JSON-LD,
//! `<time datetime>` and `<abbr>` elements, elements whose class or id says "date", text
//! after "Published"-style words, and only then the dates written in the page's text.
//!
//! Dates are read in the numeric forms and the month names of the common European
//! languages, checked for validity, and kept only between 1995 and today: a page cannot
//! have been published in the future. This module finds dates; it does not pick content.

use chrono::NaiveDate;
use regex::Regex;
use std::sync::LazyLock;

/// Month names and abbreviations (English, German, French, Spanish, Italian, Portuguese,
/// Dutch), lowercased, with their number.
const MONTH_NAMES: &[(&str, u32)] = &[
    ("january", 1),
    ("jan", 1),
    ("januar", 1),
    ("jänner", 1),
    ("janvier", 1),
    ("janv", 1),
    ("enero", 1),
    ("ene", 1),
    ("gennaio", 1),
    ("janeiro", 1),
    ("januari", 1),
    ("february", 2),
    ("feb", 2),
    ("februar", 2),
    ("février", 2),
    ("fevrier", 2),
    ("févr", 2),
    ("febrero", 2),
    ("febbraio", 2),
    ("fevereiro", 2),
    ("februari", 2),
    ("march", 3),
    ("mar", 3),
    ("märz", 3),
    ("maerz", 3),
    ("mär", 3),
    ("mars", 3),
    ("marzo", 3),
    ("março", 3),
    ("maart", 3),
    ("april", 4),
    ("apr", 4),
    ("avril", 4),
    ("avr", 4),
    ("abril", 4),
    ("abr", 4),
    ("aprile", 4),
    ("may", 5),
    ("mai", 5),
    ("mayo", 5),
    ("maggio", 5),
    ("maio", 5),
    ("mei", 5),
    ("june", 6),
    ("jun", 6),
    ("juni", 6),
    ("juin", 6),
    ("junio", 6),
    ("giugno", 6),
    ("junho", 6),
    ("july", 7),
    ("jul", 7),
    ("juli", 7),
    ("juillet", 7),
    ("juil", 7),
    ("julio", 7),
    ("luglio", 7),
    ("julho", 7),
    ("august", 8),
    ("aug", 8),
    ("août", 8),
    ("aout", 8),
    ("agosto", 8),
    ("ago", 8),
    ("augustus", 8),
    ("september", 9),
    ("sep", 9),
    ("sept", 9),
    ("septembre", 9),
    ("septiembre", 9),
    ("setembro", 9),
    ("settembre", 9),
    ("october", 10),
    ("oct", 10),
    ("oktober", 10),
    ("okt", 10),
    ("octobre", 10),
    ("octubre", 10),
    ("ottobre", 10),
    ("outubro", 10),
    ("november", 11),
    ("nov", 11),
    ("novembre", 11),
    ("noviembre", 11),
    ("novembro", 11),
    ("december", 12),
    ("dec", 12),
    ("dezember", 12),
    ("dez", 12),
    ("décembre", 12),
    ("decembre", 12),
    ("déc", 12),
    ("diciembre", 12),
    ("dic", 12),
    ("dicembre", 12),
    ("dezembro", 12),
];

fn month_number(name: &str) -> Option<u32> {
    let key = name.trim_end_matches('.').to_lowercase();
    MONTH_NAMES
        .iter()
        .find(|(month, _)| *month == key)
        .map(|(_, number)| *number)
}

const MONTH_WORD: &str = r"[[:alpha:]äéûçÄÉ]{3,10}\.?";

static ISO_DATE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:\b|T|_)").unwrap());
static COMPACT_DATE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:^|[^\d])((?:19|20)\d{2})(\d{2})(\d{2})(?:[^\d]|$)").unwrap());
static DMY_DATE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(\d{1,2})[./-](\d{1,2})[./-](\d{4}|\d{2})\b").unwrap());
static NAMED_DMY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\b(\d{{1,2}})(?:st|nd|rd|th|er|º)?\.?\s*(?:de\s+|of\s+)?({MONTH_WORD})(?:\s+de)?,?\s+(\d{{4}})\b"
    ))
    .unwrap()
});
static NAMED_MDY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)\b({MONTH_WORD})\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b"
    ))
    .unwrap()
});
static URL_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[/_-]((?:19|20)\d{2})[/_.-]?(\d{2})[/_.-]?(\d{2})(?:[/_.-]|$|[^\d])").unwrap()
});
static PUBLISHED_CUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?:published|posted|updated|veröffentlicht|erschienen|publié|publicado|pubblicato|datum|date|stand|am|on|le|el)\s*(?:on|am|:|le|el)?\s*[:\-–]?\s*",
    )
    .unwrap()
});

static UTC_STAMP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:z|[+-]00:?00|utc|gmt)\s*$").unwrap()
});
static LOCAL_STAMP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:[+-](?:0[1-9]|1\d)(?::?\d{2})?|[+-]00:?(?:[1-5]\d|0[1-9]))?\s*$").unwrap()
});

/// Whether a timestamp is given in UTC (`...T06:35:29+00:00`, `...Z`).
pub(super) fn is_utc_stamp(text: &str) -> bool {
    UTC_STAMP.is_match(text.trim())
}

/// Whether a timestamp is given with a local offset, or with a time and no zone at all.
pub(super) fn is_local_stamp(text: &str) -> bool {
    !is_utc_stamp(text) && LOCAL_STAMP.is_match(text.trim())
}

/// The earliest date a page can carry.
fn earliest() -> NaiveDate {
    NaiveDate::from_ymd_opt(1995, 1, 1).expect("valid date")
}

/// The latest date a page can carry: tomorrow (in UTC, so any time zone's today passes),
/// read once per process.
static LATEST: LazyLock<NaiveDate> =
    LazyLock::new(|| chrono::Utc::now().date_naive() + chrono::Days::new(1));

fn plausible(date: NaiveDate) -> Option<NaiveDate> {
    (earliest() <= date && date <= *LATEST).then_some(date)
}

fn ymd(year: &str, month: u32, day: &str) -> Option<NaiveDate> {
    let mut year: i32 = year.parse().ok()?;
    if year < 100 {
        year += if year < 50 { 2000 } else { 1900 };
    }
    let day: u32 = day.parse().ok()?;
    plausible(NaiveDate::from_ymd_opt(year, month, day)?)
}

/// A date written at the start of an attribute value or metadata string: ISO forms first,
/// then any date form.
pub(super) fn parse_date_value(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    if let Some(caps) = ISO_DATE.captures(text) {
        if let Some(date) = ymd(&caps[1], caps[2].parse().ok()?, &caps[3]) {
            return Some(date);
        }
    }
    if let Some(caps) = COMPACT_DATE.captures(text) {
        if let Some(date) = ymd(&caps[1], caps[2].parse().ok()?, &caps[3]) {
            return Some(date);
        }
    }
    first_date_in_text(text)
}

/// Every valid date written in `text`, with its byte offset, in order of appearance.
pub(super) fn dates_in_text(text: &str) -> Vec<(usize, NaiveDate)> {
    let mut found = Vec::new();
    for caps in ISO_DATE.captures_iter(text) {
        let Some(month) = caps[2].parse().ok() else {
            continue;
        };
        if let Some(date) = ymd(&caps[1], month, &caps[3]) {
            found.push((caps.get(0).map_or(0, |m| m.start()), date));
        }
    }
    for caps in DMY_DATE.captures_iter(text) {
        let (Ok(first), Ok(second)) = (caps[1].parse::<u32>(), caps[2].parse::<u32>()) else {
            continue;
        };
        let separator = text[caps.get(1).map_or(0, |m| m.end())..].chars().next();
        // Dots and dashes are day-month-year; slashes are month-day-year unless that is
        // impossible.
        let date = if separator == Some('/') && first <= 12 {
            ymd(&caps[3], first, &caps[2]).or_else(|| ymd(&caps[3], second, &caps[1]))
        } else {
            ymd(&caps[3], second, &caps[1])
        };
        if let Some(date) = date {
            found.push((caps.get(0).map_or(0, |m| m.start()), date));
        }
    }
    for caps in NAMED_DMY.captures_iter(text) {
        if let Some(date) = month_number(&caps[2]).and_then(|m| ymd(&caps[3], m, &caps[1])) {
            found.push((caps.get(0).map_or(0, |m| m.start()), date));
        }
    }
    for caps in NAMED_MDY.captures_iter(text) {
        if let Some(date) = month_number(&caps[1]).and_then(|m| ymd(&caps[3], m, &caps[2])) {
            found.push((caps.get(0).map_or(0, |m| m.start()), date));
        }
    }
    found.sort_by_key(|(at, _)| *at);
    found
}

fn first_date_in_text(text: &str) -> Option<NaiveDate> {
    dates_in_text(text).first().map(|(_, date)| *date)
}

/// The full date in a URL's path (`/2019/06/19/`, `2019-06-19`, `20190619`).
pub(super) fn url_date(url: &str) -> Option<NaiveDate> {
    let path = url
        .split_once("://")
        .map_or(url, |(_, rest)| rest.find('/').map_or("", |at| &rest[at..]));
    for caps in URL_DATE.captures_iter(path) {
        if let Some(date) = caps[2]
            .parse()
            .ok()
            .and_then(|month| ymd(&caps[1], month, &caps[3]))
        {
            return Some(date);
        }
    }
    None
}

/// A date that follows a "published"-style cue in a short text ("Veröffentlicht am 3.
/// Mai 2019", "Posted on June 3, 2019").
pub(super) fn cued_date(text: &str) -> Option<NaiveDate> {
    let dates = dates_in_text(text);
    for cue in PUBLISHED_CUE.find_iter(text) {
        if let Some((_, date)) = dates.iter().find(|(at, _)| *at == cue.end()) {
            return Some(*date);
        }
    }
    None
}

/// The date written most often in the text, the first written among equals; copyright
/// lines do not count.
pub(super) fn most_frequent_date(text: &str) -> Option<NaiveDate> {
    let mut counts: Vec<(NaiveDate, usize, usize)> = Vec::new();
    for (at, date) in dates_in_text(text) {
        match counts.iter_mut().find(|(d, _, _)| *d == date) {
            Some(entry) => entry.1 += 1,
            None => counts.push((date, 1, at)),
        }
    }
    counts
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(b.2.cmp(&a.2)))
        .map(|(date, _, _)| date)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(input: &str, expected: Option<&str>) {
        let got = parse_date_value(input).map(|d| d.format("%Y-%m-%d").to_string());
        assert_eq!(got.as_deref(), expected, "{input}");
    }

    #[test]
    fn date_values() {
        check("2019-06-19T10:00:00+02:00", Some("2019-06-19"));
        check("2019/06/19", Some("2019-06-19"));
        check("20190619", Some("2019-06-19"));
        check("19.06.2019", Some("2019-06-19"));
        check("19. Juni 2019", Some("2019-06-19"));
        check("June 19, 2019", Some("2019-06-19"));
        check("19 de junio de 2019", Some("2019-06-19"));
        check("3 mars 2018", Some("2018-03-03"));
        check("06/19/2019", Some("2019-06-19"));
        check("19/06/2019", Some("2019-06-19"));
        check("1890-01-01", None);
        check("2019-02-30", None);
        check("3000-01-01", None);
        check("no date", None);
    }

    #[test]
    fn url_dates() {
        let check = |url: &str, expected: Option<&str>| {
            let got = url_date(url).map(|d| d.format("%Y-%m-%d").to_string());
            assert_eq!(got.as_deref(), expected, "{url}");
        };
        check("https://x.example/2019/06/19/talks/", Some("2019-06-19"));
        check(
            "https://x.example/news/2019-06-19-talks",
            Some("2019-06-19"),
        );
        check("https://x.example/a_20190619.html", Some("2019-06-19"));
        check("https://x.example/2019/06/talks", None);
        check("https://2019.example/", None);
    }

    #[test]
    fn time_zones() {
        assert!(is_utc_stamp("2023-11-09T06:35:29+00:00"));
        assert!(is_utc_stamp("2023-11-09T06:35:29Z"));
        assert!(!is_utc_stamp("2023-11-08T22:35:29-08:00"));
        assert!(is_local_stamp("2023-11-08T22:35:29-08:00"));
        assert!(is_local_stamp("2023-11-08 22:35:29"));
        assert!(!is_local_stamp("2023-11-09T06:35:29+0000"));
        assert!(!is_local_stamp("2023-11-08"));
    }

    #[test]
    fn cues_and_frequency() {
        assert_eq!(
            cued_date("Von Anna, veröffentlicht am 3. Mai 2019, 10:00"),
            NaiveDate::from_ymd_opt(2019, 5, 3)
        );
        assert_eq!(
            most_frequent_date("1.2.2020 x 5.6.2021 y 5.6.2021"),
            NaiveDate::from_ymd_opt(2021, 6, 5)
        );
    }
}
