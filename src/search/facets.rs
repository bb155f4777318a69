//! Facet counting: how many matching passages carry each speaker, outlet, author, kind or
//! year. A per-segment collector counts facet ordinals from the fast field and turns only the
//! ordinals it saw into names at the end. (tantivy's `FacetCollector` walks the whole facet
//! dictionary of every segment on every query, which costs milliseconds on an index with
//! thousands of speakers.)

use std::collections::HashMap;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::fastfield::FacetReader;
use tantivy::schema::Facet;
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

/// Counts per facet value (the value as indexed: one path segment, no slashes).
pub type RawCounts = HashMap<String, u64>;

pub struct FacetCountCollector {
    pub field_name: String,
}

pub struct FacetCountSegmentCollector {
    reader: FacetReader,
    counts: Vec<u32>,
}

impl Collector for FacetCountCollector {
    type Fruit = RawCounts;
    type Child = FacetCountSegmentCollector;

    fn for_segment(
        &self,
        _segment_ord: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<FacetCountSegmentCollector> {
        let reader = segment.facet_reader(&self.field_name)?;
        let counts = vec![0; reader.num_facets()];
        Ok(FacetCountSegmentCollector { reader, counts })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<RawCounts>) -> tantivy::Result<RawCounts> {
        let mut merged = RawCounts::new();
        for fruit in fruits {
            for (value, count) in fruit {
                *merged.entry(value).or_default() += count;
            }
        }
        Ok(merged)
    }
}

impl SegmentCollector for FacetCountSegmentCollector {
    type Fruit = RawCounts;

    fn collect(&mut self, doc: DocId, _score: Score) {
        for ord in self.reader.facet_ords(doc) {
            self.counts[ord as usize] += 1;
        }
    }

    fn harvest(self) -> RawCounts {
        let mut values = RawCounts::new();
        let mut facet = Facet::root();
        for (ord, count) in self.counts.iter().enumerate() {
            if *count == 0 {
                continue;
            }
            // An ordinal the column gave always has its term; skip rather than panic if not.
            if self.reader.facet_from_ord(ord as u64, &mut facet).is_ok() {
                let value = facet
                    .to_path()
                    .last()
                    .map(|s| s.to_string())
                    .unwrap_or_default();
                *values.entry(value).or_default() += u64::from(*count);
            }
        }
        values
    }
}
