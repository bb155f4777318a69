//! Facet counting: how many matching passages carry each speaker, outlet, author, kind or
//! year. A per-segment collector counts facet ordinals from the fast field and turns only the
//! ordinals it saw into names at the end. (tantivy's `FacetCollector` walks the whole facet
//! dictionary of every segment on every query, which costs milliseconds on an index with
//! thousands of speakers.)

use std::collections::HashMap;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::fastfield::FacetReader;
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

/// Counts per facet value (the value as indexed: one path segment, no slashes).
pub type RawCounts = HashMap<String, u64>;

/// Every value of a facet field in the index with the number of passages that carry it
/// (deleted ones included until their segment merges), in one walk of each segment's
/// dictionary.
pub fn dictionary(
    searcher: &tantivy::Searcher,
    field: tantivy::schema::Field,
) -> tantivy::Result<std::collections::BTreeMap<String, u64>> {
    dictionary_matching(searcher, field, &|_| true)
}

/// [`dictionary`] restricted to the values `keep` accepts (the others are neither copied
/// nor counted).
pub fn dictionary_matching(
    searcher: &tantivy::Searcher,
    field: tantivy::schema::Field,
    keep: &dyn Fn(&str) -> bool,
) -> tantivy::Result<std::collections::BTreeMap<String, u64>> {
    let mut counts = std::collections::BTreeMap::new();
    for segment in searcher.segment_readers() {
        let inverted = segment.inverted_index(field)?;
        let mut stream = inverted.terms().stream()?;
        while stream.advance() {
            // Facet terms are their path segments joined by NUL; polidex facets have one.
            if let Ok(text) = std::str::from_utf8(stream.key()) {
                let value = text.rsplit('\0').next().unwrap_or(text);
                if keep(value) {
                    *counts.entry(value.to_owned()).or_default() +=
                        u64::from(stream.value().doc_freq);
                }
            }
        }
    }
    Ok(counts)
}

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
        let seen: Vec<u64> = (0..self.counts.len() as u64)
            .filter(|ord| self.counts[*ord as usize] > 0)
            .collect();
        let mut values = RawCounts::with_capacity(seen.len());
        let mut ords = seen.iter();
        // One walk over the dictionary for all the ordinals seen: looking each up alone
        // would decompress its dictionary block again every time.
        let walked = self
            .reader
            .facet_dict()
            .sorted_ords_to_term_cb(&seen, |bytes| {
                let Some(ord) = ords.next() else { return };
                // Facet terms are their path segments joined by NUL; polidex facets have one.
                let text = String::from_utf8_lossy(bytes);
                let value = text.rsplit('\0').next().unwrap_or_default().to_owned();
                *values.entry(value).or_default() += u64::from(self.counts[*ord as usize]);
            });
        debug_assert!(walked.is_ok(), "facet dictionary unreadable");
        values
    }
}
