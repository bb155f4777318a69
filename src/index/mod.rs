//! The tantivy index: the schema (every field named once, in [`Fields`]), opening and
//! creating an index folder, and the incremental, atomic ingest run ([`writer`]).
//!
//! A passage is stored whole as JSON (so a hit renders exactly as `split` printed it) and
//! indexed through the fields below.

pub mod manifest;
pub mod stem;
pub mod writer;

use crate::model::{Passage, Quote, SpeakerRole};
use anyhow::{Context, Result};
use std::borrow::Cow;
use std::path::Path;
use tantivy::schema::{
    DateOptions, DateTimePrecision, FacetOptions, Field, IndexRecordOption, NumericOptions, Schema,
    TextFieldIndexing, TextOptions, Value, FAST, STORED, STRING,
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
    /// The passage's fields but its text, title, path and document id, as JSON.
    pub passage_rest: Field,
}

/// The stored field holding a passage's JSON without its text, title, path and document
/// id, which are stored in their own fields: tantivy stores a string as it is, while JSON
/// escapes it byte by byte (escaping those four cost 2% of an ingest's instructions).
/// [`Fields::stored_passage`] puts the passage back together.
pub const STORED_REST: &str = "passage_rest_json";

/// A passage's fields but the four stored on their own ([`STORED_REST`]).
#[derive(serde::Serialize, serde::Deserialize)]
struct StoredRest<'a> {
    id: Cow<'a, str>,
    kind: Cow<'a, str>,
    ordinal: u64,
    headline: Option<Cow<'a, str>>,
    speakers: Cow<'a, [String]>,
    quotes: Cow<'a, [Quote]>,
    outlet: Option<Cow<'a, str>>,
    date: Option<Cow<'a, str>>,
    authors: Cow<'a, [String]>,
    org: Option<Cow<'a, str>>,
    url: Option<Cow<'a, str>>,
    line: Option<usize>,
    speaker_roles: Cow<'a, [SpeakerRole]>,
}

impl<'a> StoredRest<'a> {
    fn of(p: &'a Passage) -> StoredRest<'a> {
        let borrow = |s: &'a Option<String>| s.as_deref().map(Cow::Borrowed);
        StoredRest {
            id: Cow::Borrowed(&p.id),
            kind: Cow::Borrowed(&p.kind),
            ordinal: p.ordinal,
            headline: borrow(&p.headline),
            speakers: Cow::Borrowed(&p.speakers),
            quotes: Cow::Borrowed(&p.quotes),
            outlet: borrow(&p.outlet),
            date: borrow(&p.date),
            authors: Cow::Borrowed(&p.authors),
            org: borrow(&p.org),
            url: borrow(&p.url),
            line: p.line,
            speaker_roles: Cow::Borrowed(&p.speaker_roles),
        }
    }
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
            doc_id: builder.add_text_field("doc_id", STRING | STORED),
            path: builder.add_text_field("path", STRING | STORED),
            title: builder.add_text_field("title", prose.clone() | STORED),
            text: builder.add_text_field("text", prose.clone() | STORED),
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
            passage_rest: builder.add_text_field(STORED_REST, STORED),
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
        let rest = serde_json::to_string(&StoredRest::of(passage)).expect("a passage serialises");
        doc.add_text(self.passage_rest, &rest);
        doc
    }

    /// The passage an index document stores, as ingested (names not yet made canonical),
    /// put back together from its rest ([`STORED_REST`]) and its own stored text, title,
    /// path and document id.
    pub fn stored_passage(&self, doc: &TantivyDocument) -> Result<Passage> {
        let text_of = |field: Field| doc.get_first(field).and_then(|v| v.as_str());
        let rest = text_of(self.passage_rest).context("index document without stored passage")?;
        let rest: StoredRest = serde_json::from_str(rest).context("corrupt stored passage")?;
        let owned = |s: Option<Cow<str>>| s.map(Cow::into_owned);
        Ok(Passage {
            id: rest.id.into_owned(),
            doc_id: text_of(self.doc_id).unwrap_or_default().to_owned(),
            path: text_of(self.path).unwrap_or_default().to_owned(),
            title: text_of(self.title).map(str::to_owned),
            kind: rest.kind.into_owned(),
            ordinal: rest.ordinal,
            text: text_of(self.text).unwrap_or_default().to_owned(),
            headline: owned(rest.headline),
            speakers: rest.speakers.into_owned(),
            quotes: rest.quotes.into_owned(),
            outlet: owned(rest.outlet),
            date: owned(rest.date),
            authors: rest.authors.into_owned(),
            org: owned(rest.org),
            url: owned(rest.url),
            line: rest.line,
            speaker_roles: rest.speaker_roles.into_owned(),
        })
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

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::collector::TopDocs;
    use tantivy::query::AllQuery;

    fn passage(title: Option<&str>) -> Passage {
        Passage {
            id: "0123456789abcdef".into(),
            doc_id: "fedcba9876543210".into(),
            path: "news/2024/a \"quoted\" name.html".into(),
            title: title.map(str::to_owned),
            kind: "paragraph".into(),
            ordinal: 7,
            text: "“We will not wait,” said Ana Ruelas.\tTabs, \\ and \u{0} survive.".into(),
            headline: Some("Harbour deal".into()),
            speakers: vec!["Ana Ruelas".into()],
            quotes: vec![
                Quote {
                    text: "We will not wait,".into(),
                    speaker: Some("Ana Ruelas".into()),
                },
                Quote {
                    text: "survive".into(),
                    speaker: None,
                },
            ],
            outlet: Some("Halvern Courier".into()),
            date: Some("2024-03-05".into()),
            authors: vec!["J. R. Malone".into(), "Ida Marsh".into()],
            org: Some("Eastbridge Institute".into()),
            url: Some("https://courier.example/a".into()),
            line: Some(12),
            speaker_roles: vec![SpeakerRole {
                speaker: "Ana Ruelas".into(),
                role: "Minister".into(),
            }],
        }
    }

    /// What a search reads back is the passage as it was ingested, field for field, with
    /// or without a title, whatever characters its strings hold.
    #[test]
    fn a_stored_passage_reads_back_whole() {
        let (schema, fields) = Fields::schema();
        let index = Index::create_in_ram(schema);
        register_tokenizers(&index);
        let mut writer = index.writer_with_num_threads(1, 15_000_000).unwrap();
        let with_title = passage(Some("Port Maren talks"));
        let mut without = passage(None);
        without.id = "1123456789abcdef".into();
        without.headline = None;
        without.speakers.clear();
        without.quotes.clear();
        without.url = None;
        without.line = None;
        for p in [&with_title, &without] {
            writer.add_document(fields.document(p)).unwrap();
        }
        writer.commit().unwrap();
        let searcher = index.reader().unwrap().searcher();
        let mut read: Vec<Passage> = searcher
            .search(&AllQuery, &TopDocs::with_limit(10).order_by_score())
            .unwrap()
            .into_iter()
            .map(|(_, at)| fields.stored_passage(&searcher.doc(at).unwrap()).unwrap())
            .collect();
        read.sort_by(|a, b| a.id.cmp(&b.id));
        assert_eq!(read, vec![with_title, without]);
    }
}
