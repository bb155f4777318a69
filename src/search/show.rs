//! `polidex show ID`: one passage with its neighbours in the same document, for reading in
//! context and citing.

use super::Searchable;
use crate::model::Passage;
use anyhow::Result;
use serde::Serialize;
use tantivy::collector::TopDocs;
use tantivy::query::TermQuery;
use tantivy::schema::IndexRecordOption;
use tantivy::{DocAddress, TantivyDocument, Term};

/// A passage and up to `context` passages either side of it, in document order.
#[derive(Debug, Clone, Serialize)]
pub struct Shown {
    pub passage: Passage,
    pub before: Vec<Passage>,
    pub after: Vec<Passage>,
}

/// No passage has this id (exit 1: the index cannot answer, the request was well formed).
#[derive(Debug, thiserror::Error)]
#[error("no passage with id '{0}' in the index")]
pub struct NotFound(pub String);

impl Searchable {
    fn passages_with(&self, term: Term, limit: usize) -> Result<Vec<Passage>> {
        let query = TermQuery::new(term, IndexRecordOption::Basic);
        let found = self
            .searcher
            .search(&query, &TopDocs::with_limit(limit.max(1)).order_by_score())?;
        found
            .into_iter()
            .map(|(_, address)| {
                let doc: TantivyDocument = self.searcher.doc(address)?;
                self.passage(&doc)
            })
            .collect()
    }

    /// The live passage whose id is `id`, found in the `id` fast column of each segment.
    fn passage_by_id(&self, id: &str) -> Result<Option<Passage>> {
        let Some(number) = crate::index::id_number(&id.to_ascii_lowercase()) else {
            return Ok(None);
        };
        let mut docs = Vec::new();
        for (ordinal, segment) in self.searcher.segment_readers().iter().enumerate() {
            let column = segment.fast_fields().u64("id")?;
            docs.clear();
            column.get_docids_for_value_range(number..=number, 0..segment.max_doc(), &mut docs);
            // The column's range search clamps a value outside its span to the nearest
            // end, so every candidate is checked against the value itself.
            let found = docs
                .iter()
                .find(|&&doc| column.first(doc) == Some(number) && !segment.is_deleted(doc));
            if let Some(&doc) = found {
                let doc: TantivyDocument =
                    self.searcher.doc(DocAddress::new(ordinal as u32, doc))?;
                return self.passage(&doc).map(Some);
            }
        }
        Ok(None)
    }

    /// The passage `id` and its neighbours: same document, ordinal within `context`.
    pub fn show(&self, id: &str, context: usize) -> Result<Shown> {
        let f = self.fields;
        let passage = self
            .passage_by_id(id.trim())?
            .ok_or_else(|| NotFound(id.trim().to_owned()))?;
        let mut before = Vec::new();
        let mut after = Vec::new();
        if context > 0 {
            let n_passages = self
                .searcher
                .doc_freq(&Term::from_field_text(f.doc_id, &passage.doc_id))?;
            let siblings = self.passages_with(
                Term::from_field_text(f.doc_id, &passage.doc_id),
                n_passages as usize,
            )?;
            let context = context as u64;
            for sibling in siblings {
                if sibling.ordinal < passage.ordinal && sibling.ordinal + context >= passage.ordinal
                {
                    before.push(sibling);
                } else if sibling.ordinal > passage.ordinal
                    && sibling.ordinal <= passage.ordinal + context
                {
                    after.push(sibling);
                }
            }
            before.sort_by_key(|p| p.ordinal);
            after.sort_by_key(|p| p.ordinal);
        }
        Ok(Shown {
            passage,
            before,
            after,
        })
    }
}
