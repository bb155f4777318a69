//! One word or phrase looked for in several fields (text, headline, title, quotations): a
//! passage matches when any field holds it, and scores the sum of the fields that do, as
//! tantivy's `BooleanQuery` of `Should` clauses would score it.
//!
//! The difference is the scorer. tantivy unions `Should` clauses in a buffer of 4,096
//! documents, which suits walking every match but not an intersection: there, each word of
//! `water accord` is asked to jump ahead to the other word's next match, and every jump past
//! the buffer cleared it and refilled it from all fields, scoring documents nobody asked
//! for (a third of a search's time on the White House corpus). [`AnyFieldScorer`] keeps
//! one cursor per field and moves only the cursors behind the target.

use tantivy::query::{
    BooleanQuery, EmptyScorer, EnableScoring, Explanation, Occur, Query, Scorer, Weight,
};
use tantivy::{DocId, DocSet, Score, SegmentReader, TantivyError, Term, TERMINATED};

/// Any of `clauses`, each usually one field's query for the same words.
#[derive(Debug)]
pub struct AnyField {
    clauses: Vec<Box<dyn Query>>,
}

impl Clone for AnyField {
    fn clone(&self) -> AnyField {
        AnyField {
            clauses: self.clauses.iter().map(|q| q.box_clone()).collect(),
        }
    }
}

impl AnyField {
    /// `query` with its union of `Should` clauses scored by [`AnyFieldScorer`], when it is
    /// such a union; any other query is returned as it is.
    pub fn from_union(query: Box<dyn Query>) -> Box<dyn Query> {
        let Some(boolean) = query.downcast_ref::<BooleanQuery>() else {
            return query;
        };
        let clauses = boolean.clauses();
        if clauses.len() < 2 || clauses.iter().any(|(occur, _)| *occur != Occur::Should) {
            return query;
        }
        Box::new(AnyField {
            clauses: clauses.iter().map(|(_, q)| q.box_clone()).collect(),
        })
    }

    /// The union of `clauses` (one per field) that [`AnyField::from_union`] makes of a
    /// `Should` BooleanQuery, built directly: one clause stays a BooleanQuery of one.
    pub fn of(clauses: Vec<Box<dyn Query>>) -> Box<dyn Query> {
        if clauses.len() < 2 {
            let clauses = clauses.into_iter().map(|q| (Occur::Should, q)).collect();
            return Box::new(BooleanQuery::new(clauses));
        }
        Box::new(AnyField { clauses })
    }
}

impl Query for AnyField {
    fn weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let weights = self
            .clauses
            .iter()
            .map(|clause| clause.weight(enable_scoring))
            .collect::<tantivy::Result<Vec<_>>>()?;
        Ok(Box::new(AnyFieldWeight { weights }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        for clause in &self.clauses {
            clause.query_terms(visitor);
        }
    }
}

struct AnyFieldWeight {
    weights: Vec<Box<dyn Weight>>,
}

impl Weight for AnyFieldWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let mut scorers = Vec::with_capacity(self.weights.len());
        for weight in &self.weights {
            let scorer = weight.scorer(reader, boost)?;
            // A field without the words in this segment has nothing to offer.
            if scorer.doc() != TERMINATED {
                scorers.push(scorer);
            }
        }
        Ok(match scorers.len() {
            0 => Box::new(EmptyScorer),
            1 => scorers.pop().expect("one scorer"),
            _ => Box::new(AnyFieldScorer::new(scorers)),
        })
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let mut scorer = self.scorer(reader, 1.0)?;
        if scorer.seek(doc) != doc {
            return Err(TantivyError::InvalidArgument(format!(
                "Document #({doc}) does not match"
            )));
        }
        let mut explanation = Explanation::new("sum of the fields that match", scorer.score());
        for weight in &self.weights {
            if let Ok(detail) = weight.explain(reader, doc) {
                explanation.add_detail(detail);
            }
        }
        Ok(explanation)
    }
}

/// The union of a few scorers, by cursor: the current document is the smallest of theirs.
pub struct AnyFieldScorer {
    /// The scorers not yet exhausted, in clause order (the order scores are summed in).
    scorers: Vec<Box<dyn Scorer>>,
    doc: DocId,
}

impl AnyFieldScorer {
    fn new(scorers: Vec<Box<dyn Scorer>>) -> AnyFieldScorer {
        let mut union = AnyFieldScorer {
            scorers,
            doc: TERMINATED,
        };
        union.settle();
        union
    }

    /// Drops exhausted scorers and takes the smallest current document.
    fn settle(&mut self) -> DocId {
        self.scorers.retain(|scorer| scorer.doc() != TERMINATED);
        self.doc = self
            .scorers
            .iter()
            .map(|scorer| scorer.doc())
            .min()
            .unwrap_or(TERMINATED);
        self.doc
    }
}

impl DocSet for AnyFieldScorer {
    fn advance(&mut self) -> DocId {
        if self.doc == TERMINATED {
            return TERMINATED;
        }
        let current = self.doc;
        for scorer in &mut self.scorers {
            if scorer.doc() == current {
                scorer.advance();
            }
        }
        self.settle()
    }

    fn seek(&mut self, target: DocId) -> DocId {
        if self.doc >= target {
            return self.doc;
        }
        for scorer in &mut self.scorers {
            if scorer.doc() < target {
                scorer.seek(target);
            }
        }
        self.settle()
    }

    fn doc(&self) -> DocId {
        self.doc
    }

    fn size_hint(&self) -> u32 {
        self.scorers
            .iter()
            .map(|scorer| scorer.size_hint())
            .fold(0u32, u32::saturating_add)
    }

    fn cost(&self) -> u64 {
        self.scorers.iter().map(|scorer| scorer.cost()).sum()
    }
}

impl Scorer for AnyFieldScorer {
    fn score(&mut self) -> Score {
        let doc = self.doc;
        self.scorers
            .iter_mut()
            .filter(|scorer| scorer.doc() == doc)
            .map(|scorer| scorer.score())
            .sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::collector::TopDocs;
    use tantivy::query::QueryParser;
    use tantivy::schema::{Schema, TEXT};
    use tantivy::{doc, Index};

    /// Two fields, documents that hold a word in one, the other, both or neither, spread
    /// past tantivy's 4,096-document buffer so that seeks cross it.
    fn index() -> (Index, Vec<tantivy::schema::Field>) {
        let mut builder = Schema::builder();
        let a = builder.add_text_field("a", TEXT);
        let b = builder.add_text_field("b", TEXT);
        let index = Index::create_in_ram(builder.build());
        let mut writer: tantivy::IndexWriter = index.writer(50_000_000).unwrap();
        for i in 0..12_000u32 {
            let water = if i % 7 == 0 { "water" } else { "dry" };
            let accord = if i % 1_000 == 3 || i == 9_001 {
                "accord"
            } else {
                "none"
            };
            let (in_a, in_b) = match i % 3 {
                0 => (format!("{water} {accord}"), String::new()),
                1 => (accord.to_owned(), format!("{water} {water}")),
                _ => (format!("{water} words here"), format!("{accord} {water}")),
            };
            writer.add_document(doc!(a => in_a, b => in_b)).unwrap();
        }
        writer.commit().unwrap();
        (index, vec![a, b])
    }

    /// Every hit with its score, best first (ties by address).
    fn hits(index: &Index, query: &dyn Query) -> Vec<(u32, u32)> {
        let searcher = index.reader().unwrap().searcher();
        let mut found: Vec<(u32, u32)> = searcher
            .search(query, &TopDocs::with_limit(100_000).order_by_score())
            .unwrap()
            .into_iter()
            .map(|(score, address)| (address.doc_id, (score * 1_000.0).round() as u32))
            .collect();
        found.sort();
        found
    }

    fn rewrite(query: &dyn Query) -> Box<dyn Query> {
        let boolean = query.downcast_ref::<BooleanQuery>().unwrap();
        let clauses = boolean
            .clauses()
            .iter()
            .map(|(occur, q)| (*occur, AnyField::from_union(q.box_clone())))
            .collect();
        Box::new(BooleanQuery::new(clauses))
    }

    #[test]
    fn same_matches_and_scores_as_a_boolean_union() {
        let (index, fields) = index();
        let mut parser = QueryParser::for_index(&index, fields.clone());
        parser.set_conjunction_by_default();
        parser.set_field_boost(fields[1], 1.5);
        for text in [
            "water accord",
            "accord water",
            "\"dry words\" accord",
            "water",
        ] {
            let query = parser.parse_query(text).unwrap();
            let ours: Box<dyn Query> =
                if query.downcast_ref::<BooleanQuery>().is_some() && text.contains(' ') {
                    rewrite(query.as_ref())
                } else {
                    AnyField::from_union(query.box_clone())
                };
            let expected = hits(&index, query.as_ref());
            assert!(!expected.is_empty(), "{text}");
            assert_eq!(hits(&index, ours.as_ref()), expected, "{text}");
            let searcher = index.reader().unwrap().searcher();
            assert_eq!(
                ours.count(&searcher).unwrap(),
                query.count(&searcher).unwrap()
            );
        }
    }

    #[test]
    fn only_unions_of_should_clauses_are_rewritten() {
        let (index, fields) = index();
        let parser = QueryParser::for_index(&index, fields);
        let must = parser.parse_query("+water +accord").unwrap();
        assert!(AnyField::from_union(must)
            .downcast_ref::<BooleanQuery>()
            .is_some());
        let union = parser.parse_query("water").unwrap();
        assert!(AnyField::from_union(union)
            .downcast_ref::<AnyField>()
            .is_some());
    }
}
