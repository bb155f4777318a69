//! The timeline: matching passages counted per month or year from the `date` fast field, by
//! a per-segment collector that never opens a stored document.

use chrono::Datelike;
use serde::Serialize;
use std::collections::BTreeMap;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::Column;
use tantivy::{DateTime, DocId, Score, SegmentOrdinal, SegmentReader};

/// The width of a timeline bucket.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    Month,
    Year,
}

/// Passages in one period; `period` is `YYYY` or `YYYY-MM`.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct TimelineBucket {
    pub period: String,
    pub count: u64,
}

/// Every period from the first to the last matching passage (empty ones included, so that
/// a plot's x axis is even), and the matching passages that have no date.
#[derive(Debug, Clone, Serialize, Default)]
pub struct Timeline {
    pub buckets: Vec<TimelineBucket>,
    pub undated: u64,
}

/// Period keys: a year, or `year * 12 + month0`.
#[derive(Default)]
pub struct Counts {
    by_key: BTreeMap<i64, u64>,
    undated: u64,
}

pub struct TimelineCollector {
    pub period: Period,
}

pub struct TimelineSegmentCollector {
    period: Period,
    dates: Option<Column<DateTime>>,
    counts: Counts,
    /// The key of the last day seen: passages come in document order, and neighbours
    /// usually share a date, so most documents skip the calendar arithmetic.
    last_day: Option<(i64, i64)>,
}

fn key_of(period: Period, timestamp_secs: i64) -> i64 {
    let date = chrono::DateTime::from_timestamp(timestamp_secs, 0)
        .map(|d| d.date_naive())
        .unwrap_or_default();
    match period {
        Period::Year => i64::from(date.year()),
        Period::Month => i64::from(date.year()) * 12 + i64::from(date.month0()),
    }
}

fn label(period: Period, key: i64) -> String {
    match period {
        Period::Year => format!("{key:04}"),
        Period::Month => format!("{:04}-{:02}", key.div_euclid(12), key.rem_euclid(12) + 1),
    }
}

impl Collector for TimelineCollector {
    type Fruit = Counts;
    type Child = TimelineSegmentCollector;

    fn for_segment(
        &self,
        _segment_ord: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<TimelineSegmentCollector> {
        Ok(TimelineSegmentCollector {
            period: self.period,
            dates: segment.fast_fields().column_opt::<DateTime>("date")?,
            counts: Counts::default(),
            last_day: None,
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Counts>) -> tantivy::Result<Counts> {
        let mut merged = Counts::default();
        for fruit in fruits {
            merged.undated += fruit.undated;
            for (key, count) in fruit.by_key {
                *merged.by_key.entry(key).or_default() += count;
            }
        }
        Ok(merged)
    }
}

impl SegmentCollector for TimelineSegmentCollector {
    type Fruit = Counts;

    fn collect(&mut self, doc: DocId, _score: Score) {
        let Some(date) = self.dates.as_ref().and_then(|column| column.first(doc)) else {
            self.counts.undated += 1;
            return;
        };
        let secs = date.into_timestamp_secs();
        let day = secs.div_euclid(86_400);
        let key = match self.last_day {
            Some((last, key)) if last == day => key,
            _ => {
                let key = key_of(self.period, secs);
                self.last_day = Some((day, key));
                key
            }
        };
        *self.counts.by_key.entry(key).or_default() += 1;
    }

    fn harvest(self) -> Counts {
        self.counts
    }
}

impl Counts {
    /// The buckets from the first period to the last, gaps filled with zeros.
    pub fn into_timeline(self, period: Period) -> Timeline {
        let mut buckets = Vec::new();
        if let (Some(first), Some(last)) = (
            self.by_key.keys().next().copied(),
            self.by_key.keys().last().copied(),
        ) {
            for key in first..=last {
                buckets.push(TimelineBucket {
                    period: label(period, key),
                    count: self.by_key.get(&key).copied().unwrap_or(0),
                });
            }
        }
        Timeline {
            buckets,
            undated: self.undated,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buckets_fill_gaps_and_label_periods() {
        let day = |y, m, d| {
            chrono::NaiveDate::from_ymd_opt(y, m, d)
                .unwrap()
                .and_hms_opt(0, 0, 0)
                .unwrap()
                .and_utc()
                .timestamp()
        };
        let mut counts = Counts::default();
        for secs in [day(2020, 11, 3), day(2021, 1, 9), day(2021, 1, 30)] {
            *counts
                .by_key
                .entry(key_of(Period::Month, secs))
                .or_default() += 1;
        }
        let timeline = counts.into_timeline(Period::Month);
        let got: Vec<(String, u64)> = timeline
            .buckets
            .into_iter()
            .map(|b| (b.period, b.count))
            .collect();
        assert_eq!(
            got,
            vec![
                ("2020-11".to_owned(), 1),
                ("2020-12".to_owned(), 0),
                ("2021-01".to_owned(), 2)
            ]
        );
        assert_eq!(
            label(Period::Year, key_of(Period::Year, day(1999, 12, 31))),
            "1999"
        );
    }
}
