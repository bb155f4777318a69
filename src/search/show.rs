//! `polidex show ID`: one passage with its neighbours in the same document, for reading in
//! context and citing.

use super::Searchable;
use crate::model::Passage;
use anyhow::Result;
use serde::Serialize;
use tantivy::collector::TopDocs;
use tantivy::query::{Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::{TantivyDocument, Term};

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
    /// Up to `limit` passages that `query` matches.
    fn passages_with(&self, query: &dyn Query, limit: usize) -> Result<Vec<Passage>> {
        let found = self
            .searcher
            .search(query, &TopDocs::with_limit(limit.max(1)).order_by_score())?;
        found
            .into_iter()
            .map(|(_, address)| {
                let doc: TantivyDocument = self.searcher.doc(address)?;
                self.passage(&doc)
            })
            .collect()
    }

    /// The passage `id` and its neighbours: same document, ordinal within `context`.
    pub fn show(&self, id: &str, context: usize) -> Result<Shown> {
        let f = self.fields;
        let passage = self
            .passages_with(crate::index::id_query(f.id, id).as_ref(), 1)?
            .into_iter()
            .next()
            .ok_or_else(|| NotFound(id.trim().to_owned()))?;
        let mut before = Vec::new();
        let mut after = Vec::new();
        if context > 0 {
            let n_passages = self
                .searcher
                .doc_freq(&Term::from_field_text(f.doc_id, &passage.doc_id))?;
            let siblings = self.passages_with(
                &TermQuery::new(
                    Term::from_field_text(f.doc_id, &passage.doc_id),
                    IndexRecordOption::Basic,
                ),
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
