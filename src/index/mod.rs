//! The tantivy index: the schema (every field named once, in [`Fields`]), opening and
//! creating an index folder, and the incremental, atomic ingest run ([`writer`]).
//!
//! A passage is stored whole as JSON (so a hit renders exactly as `split` printed it) and
//! indexed through the fields below.

pub mod manifest;
pub mod stem;
pub mod writer;

use crate::model::Passage;
use anyhow::{Context, Result};
use std::path::Path;
use tantivy::schema::{
    DateOptions, DateTimePrecision, FacetOptions, Field, IndexRecordOption, NumericOptions, Schema,
    TextFieldIndexing, TextOptions, FAST, STORED, STRING,
};
use tantivy::{DateTime, Index, TantivyDocument};

/// Tokenizer for prose: English stemming.
pub const PROSE_TOKENIZER: &str = "en_stem";
/// Tokenizer for names in `field:value` queries: lowercase words, no stemming.
pub const NAME_TOKENIZER: &str = "default";

/// The schema's fields, named in one place.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    pub id: Field,
    pub doc_id: Field,
    pub path: Field,
    pub title: Field,
    pub text: Field,
    pub headline: Field,
    pub speaker: Field,
    pub outlet: Field,
    pub author: Field,
    pub kind: Field,
    pub org: Field,
    pub quote: Field,
    pub speaker_facet: Field,
    pub outlet_facet: Field,
    pub author_facet: Field,
    pub kind_facet: Field,
    pub year_facet: Field,
    pub date: Field,
    pub has_quotes: Field,
    pub passage_json: Field,
}

/// Names of the facet fields as the CLI knows them.
pub const FACET_NAMES: &[&str] = &["speaker", "outlet", "author", "kind", "year"];

impl Fields {
    pub fn schema() -> (Schema, Fields) {
        let mut builder = Schema::builder();
        let prose = TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(PROSE_TOKENIZER)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        );
        let names = TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(NAME_TOKENIZER)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        );
        let facet = FacetOptions::default();
        let fields = Fields {
            // A fast column, not a term: 64-bit ids are all distinct, and a term dictionary
            // of half a million random keys cost a tenth of an ingest's CPU, for `show` alone.
            id: builder.add_u64_field("id", FAST),
            doc_id: builder.add_text_field("doc_id", STRING),
            path: builder.add_text_field("path", STRING),
            title: builder.add_text_field("title", prose.clone()),
            text: builder.add_text_field("text", prose.clone()),
            headline: builder.add_text_field("headline", prose.clone()),
            speaker: builder.add_text_field("speaker", names.clone()),
            outlet: builder.add_text_field("outlet", names.clone()),
            author: builder.add_text_field("author", names.clone()),
            kind: builder.add_text_field("kind", names.clone()),
            org: builder.add_text_field("org", names),
            quote: builder.add_text_field("quote", prose),
            speaker_facet: builder.add_facet_field("speaker_facet", facet.clone()),
            outlet_facet: builder.add_facet_field("outlet_facet", facet.clone()),
            author_facet: builder.add_facet_field("author_facet", facet.clone()),
            kind_facet: builder.add_facet_field("kind_facet", facet.clone()),
            year_facet: builder.add_facet_field("year_facet", facet),
            date: builder.add_date_field(
                "date",
                DateOptions::default()
                    .set_indexed()
                    .set_fast()
                    .set_precision(DateTimePrecision::Seconds),
            ),
            has_quotes: builder.add_u64_field(
                "has_quotes",
                NumericOptions::default().set_indexed().set_fast(),
            ),
            passage_json: builder.add_text_field("passage_json", STORED),
        };
        (builder.build(), fields)
    }

    /// The facet field behind a CLI facet name.
    pub fn facet_field(&self, name: &str) -> Option<Field> {
        Some(match name {
            "speaker" => self.speaker_facet,
            "outlet" => self.outlet_facet,
            "author" => self.author_facet,
            "kind" => self.kind_facet,
            "year" => self.year_facet,
            _ => return None,
        })
    }

    /// Builds the tantivy document for a passage.
    pub fn document(&self, passage: &Passage) -> TantivyDocument {
        let mut doc = TantivyDocument::new();
        if let Some(id) = id_number(&passage.id) {
            doc.add_u64(self.id, id);
        }
        doc.add_text(self.doc_id, &passage.doc_id);
        doc.add_text(self.path, &passage.path);
        doc.add_text(self.text, &passage.text);
        doc.add_text(self.kind, &passage.kind);
        doc.add_facet(
            self.kind_facet,
            tantivy::schema::Facet::from_path([passage.kind.as_str()]),
        );
        if let Some(title) = &passage.title {
            doc.add_text(self.title, title);
        }
        if let Some(headline) = &passage.headline {
            doc.add_text(self.headline, headline);
        }
        if let Some(org) = &passage.org {
            doc.add_text(self.org, org);
        }
        for speaker in &passage.speakers {
            doc.add_text(self.speaker, speaker);
            doc.add_facet(
                self.speaker_facet,
                tantivy::schema::Facet::from_path([speaker.as_str()]),
            );
        }
        if let Some(outlet) = &passage.outlet {
            doc.add_text(self.outlet, outlet);
            doc.add_facet(
                self.outlet_facet,
                tantivy::schema::Facet::from_path([outlet.as_str()]),
            );
        }
        for author in &passage.authors {
            doc.add_text(self.author, author);
            doc.add_facet(
                self.author_facet,
                tantivy::schema::Facet::from_path([author.as_str()]),
            );
        }
        for quote in &passage.quotes {
            doc.add_text(self.quote, &quote.text);
        }
        doc.add_u64(self.has_quotes, u64::from(!passage.quotes.is_empty()));
        // Passage dates are ISO already (the tagger wrote them): no need for the full parser.
        if let Some(date) = passage
            .date
            .as_deref()
            .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        {
            doc.add_date(self.date, day_start(date));
            doc.add_facet(
                self.year_facet,
                tantivy::schema::Facet::from_path([chrono::Datelike::year(&date).to_string()]),
            );
        }
        let json = serde_json::to_string(passage).expect("a passage always serialises");
        doc.add_text(self.passage_json, &json);
        doc
    }
}

/// The number behind a passage id: ids are a 64-bit hash written as 16 hex digits
/// (`tag::passage_id`), read in either case. `None` for anything else, which no passage has.
pub fn id_number(id: &str) -> Option<u64> {
    let id = id.trim();
    if id.len() != 16 {
        return None;
    }
    u64::from_str_radix(id, 16).ok()
}

/// The passage whose id is `id`, as a query on the `id` fast column (a range of one value,
/// which tantivy reads from the column); a value that is no passage id matches nothing.
pub fn id_query(field: Field, id: &str) -> Box<dyn tantivy::query::Query> {
    match id_number(id) {
        Some(number) => {
            let term = tantivy::Term::from_field_u64(field, number);
            Box::new(tantivy::query::RangeQuery::new(
                std::ops::Bound::Included(term.clone()),
                std::ops::Bound::Included(term),
            ))
        }
        None => Box::new(tantivy::query::EmptyQuery),
    }
}

/// The index's value for a day: midnight UTC, the precision the `date` field holds.
pub fn day_start(date: chrono::NaiveDate) -> DateTime {
    DateTime::from_timestamp_secs(date.and_time(chrono::NaiveTime::MIN).and_utc().timestamp())
}

/// Installs polidex's analyzers on an opened or created index. The prose analyzer keeps
/// tantivy's `en_stem` name and output ([`stem`]), so indexes stay compatible.
pub fn register_tokenizers(index: &Index) {
    index
        .tokenizers()
        .register(PROSE_TOKENIZER, stem::prose_analyzer());
}

/// True when `dir` holds a tantivy index.
pub fn exists(dir: &Path) -> bool {
    dir.join("meta.json").is_file()
}

/// Opens the index in `dir`, or creates it (and the folder) when there is none.
pub fn open_or_create(dir: &Path) -> Result<(Index, Fields)> {
    let (schema, fields) = Fields::schema();
    if exists(dir) {
        return open(dir);
    }
    std::fs::create_dir_all(dir)
        .with_context(|| format!("{}: cannot create index folder", dir.display()))?;
    let index = Index::create_in_dir(dir, schema)
        .with_context(|| format!("{}: cannot create index", dir.display()))?;
    register_tokenizers(&index);
    Ok((index, fields))
}

/// Opens an existing index, checking that it is a polidex index of this version.
pub fn open(dir: &Path) -> Result<(Index, Fields)> {
    if !exists(dir) {
        anyhow::bail!(
            "{}: no index here; run `polidex ingest` first",
            dir.display()
        );
    }
    let index =
        Index::open_in_dir(dir).with_context(|| format!("{}: cannot open index", dir.display()))?;
    register_tokenizers(&index);
    let (schema, fields) = Fields::schema();
    if index.schema() != schema {
        anyhow::bail!(
            "{}: index was built by another polidex version; delete the folder and ingest again",
            dir.display()
        );
    }
    Ok((index, fields))
}

/// Bytes used by the index folder.
pub fn size_on_disk(dir: &Path) -> u64 {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok())
                .filter_map(|e| e.metadata().ok())
                .filter(|m| m.is_file())
                .map(|m| m.len())
                .sum()
        })
        .unwrap_or(0)
}
