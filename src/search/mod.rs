//! Search: a [`SearchRequest`] becomes a tantivy query with filters and facets, and the
//! result is plain data ([`SearchResults`] of [`Hit`]s) that `output` renders.

pub mod any_field;
pub mod facets;
pub mod names;
pub mod output;
pub mod query;
pub mod quotes;
pub mod show;
mod snippets;
pub mod suggest;
pub mod timeline;

use crate::index::Fields;
use crate::model::Passage;
use anyhow::{Context, Result};
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::ops::Bound;
use std::sync::Arc;
use tantivy::collector::{Collector, Count, SegmentCollector, TopDocs};
use tantivy::query::{
    AllQuery, BooleanQuery, EmptyQuery, EnableScoring, Occur, Query, RangeQuery, TermQuery,
};
use tantivy::schema::{Facet, IndexRecordOption};
use tantivy::snippet::{Snippet, SnippetGenerator};
use tantivy::{
    DateTime, DocAddress, DocId, Index, Order, Score, Searcher, SegmentOrdinal, SegmentReader,
    TantivyDocument, Term,
};
pub use timeline::{Period, Timeline};

/// A mistake in what the user asked (bad query syntax, bad date, ambiguous name): exit 2.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct UsageError(pub String);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortOrder {
    #[default]
    Relevance,
    /// Oldest first: where was it said first?
    Date,
    /// Newest first.
    DateDesc,
}

/// An inclusive date range bound given as `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
pub fn parse_bound(text: &str, end_of_period: bool) -> std::result::Result<NaiveDate, UsageError> {
    let bad = || {
        UsageError(format!(
            "bad date '{text}': expected YYYY, YYYY-MM or YYYY-MM-DD"
        ))
    };
    let parts: Vec<&str> = text.trim().split('-').collect();
    let num = |s: &str| s.parse::<u32>().map_err(|_| bad());
    match parts.as_slice() {
        [y] if y.len() == 4 => {
            let year = num(y)? as i32;
            if end_of_period {
                NaiveDate::from_ymd_opt(year, 12, 31)
            } else {
                NaiveDate::from_ymd_opt(year, 1, 1)
            }
            .ok_or_else(bad)
        }
        [y, m] if y.len() == 4 => {
            let (year, month) = (num(y)? as i32, num(m)?);
            let first = NaiveDate::from_ymd_opt(year, month, 1).ok_or_else(bad)?;
            if end_of_period {
                let next = if month == 12 {
                    NaiveDate::from_ymd_opt(year + 1, 1, 1)
                } else {
                    NaiveDate::from_ymd_opt(year, month + 1, 1)
                };
                next.and_then(|d| d.pred_opt()).ok_or_else(bad)
            } else {
                Ok(first)
            }
        }
        [y, m, d] if y.len() == 4 => {
            NaiveDate::from_ymd_opt(num(y)? as i32, num(m)?, num(d)?).ok_or_else(bad)
        }
        _ => Err(bad()),
    }
}

fn unknown_facet(name: &str) -> UsageError {
    UsageError(format!(
        "unknown facet '{name}': expected one of {}",
        crate::index::FACET_NAMES.join(", ")
    ))
}

/// What the user asks for.
#[derive(Debug, Clone, Default)]
pub struct SearchRequest {
    pub query: String,
    pub speakers: Vec<String>,
    pub outlets: Vec<String>,
    pub authors: Vec<String>,
    pub kinds: Vec<String>,
    pub since: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
    pub quotes_only: bool,
    pub limit: usize,
    pub offset: usize,
    pub sort: SortOrder,
    pub facets: Vec<String>,
    /// Facet values returned per field (0: all).
    pub facet_limit: usize,
    /// Count matching passages per month or year.
    pub timeline: Option<Period>,
    /// What unfielded query words search: the passage, or only its quotations.
    pub scope: QueryScope,
}

/// Where the words of a query look when they name no field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum QueryScope {
    /// Text, headline, title and quotations.
    #[default]
    Passages,
    /// Only the quotations (`polidex quotes`).
    Quotations,
}

impl SearchRequest {
    /// Checks what the command line cannot: facet names and the order of the dates.
    pub fn validate(&self) -> std::result::Result<(), UsageError> {
        if let (Some(since), Some(until)) = (self.since, self.until) {
            if since > until {
                return Err(UsageError(format!(
                    "--since {since} is after --until {until}"
                )));
            }
        }
        match self
            .facets
            .iter()
            .find(|f| !crate::index::FACET_NAMES.contains(&String::as_str(f)))
        {
            Some(name) => Err(unknown_facet(name)),
            None => Ok(()),
        }
    }
}

/// One matching passage.
#[derive(Debug, Clone, Serialize)]
pub struct Hit {
    pub score: f32,
    /// The best fragment, with matches in `<b>...</b>` (HTML-escaped).
    pub snippet: String,
    /// The same fragment as plain text with the byte ranges of the matches, for terminals.
    #[serde(skip)]
    pub fragment: String,
    #[serde(skip)]
    pub highlights: Vec<std::ops::Range<usize>>,
    #[serde(flatten)]
    pub passage: Passage,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct FacetCount {
    pub value: String,
    pub count: u64,
}

#[derive(Debug, Clone, Serialize)]
pub struct SearchResults {
    pub total: usize,
    pub hits: Vec<Hit>,
    pub facets: BTreeMap<String, Vec<FacetCount>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub timeline: Option<Timeline>,
    /// Notes for the user about how filters were read ("--speaker kerry: John Kerry").
    #[serde(skip)]
    pub notes: Vec<String>,
}

/// An open index ready for queries.
pub struct Searchable {
    pub index: Index,
    pub fields: Fields,
    pub searcher: Searcher,
    /// Every value of a facet field, read once per searcher (name filters consult it on
    /// every query of a long-lived process).
    facet_value_cache: std::sync::Mutex<HashMap<tantivy::schema::Field, Arc<Vec<String>>>>,
    /// Canonical names across documents (and the user's aliases), built on first use.
    names: names::Names,
    /// Per facet field, what name filters compare of each of its values (`name_keys`).
    name_key_cache: std::sync::Mutex<HashMap<tantivy::schema::Field, Arc<Vec<NameKey>>>>,
}

/// One facet value as name filters compare it.
struct NameKey {
    lower: String,
    canonical_lower: String,
    surname: String,
}

impl Searchable {
    /// Opens the index in `dir` with the aliases in `dir/aliases.toml`, if any.
    pub fn open(dir: &std::path::Path) -> Result<Searchable> {
        Searchable::open_with(dir, None)
    }

    /// Opens the index in `dir`; `aliases` names an aliases file to use instead of the one
    /// in the index folder.
    pub fn open_with(
        dir: &std::path::Path,
        aliases: Option<&std::path::Path>,
    ) -> Result<Searchable> {
        let aliases = names::load_aliases(dir, aliases)?;
        let (index, fields) = crate::index::open(dir)?;
        let reader = index
            .reader_builder()
            .reload_policy(tantivy::ReloadPolicy::Manual)
            .try_into()
            .with_context(|| format!("{}: cannot open index for reading", dir.display()))?;
        let searcher = reader.searcher();
        Ok(Searchable {
            index,
            fields,
            searcher,
            facet_value_cache: Default::default(),
            // A cache written under another aliases file (`--aliases`) is refused by its key.
            names: names::Names::new(aliases, dir.join(names::CACHE_FILE)),
            name_key_cache: Default::default(),
        })
    }

    /// Every value of a facet field in the index.
    pub fn facet_values(&self, field: tantivy::schema::Field) -> Result<Arc<Vec<String>>> {
        let mut cache = self
            .facet_value_cache
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some(values) = cache.get(&field) {
            return Ok(Arc::clone(values));
        }
        let values = facets::dictionary(&self.searcher, field)?.into_keys();
        let values = Arc::new(values.collect::<Vec<_>>());
        cache.insert(field, Arc::clone(&values));
        Ok(values)
    }

    /// What name filters compare of each value of a facet field (lowercase forms and the
    /// surname key), computed once per searcher: a filtered query used to lowercase and take
    /// apart every value of the field (thousands of speakers) again.
    fn name_keys(
        &self,
        field: tantivy::schema::Field,
        values: &[String],
        map: Option<&crate::tag::alias::NameMap>,
    ) -> Arc<Vec<NameKey>> {
        let mut cache = self
            .name_key_cache
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some(keys) = cache.get(&field) {
            return Arc::clone(keys);
        }
        let keys: Vec<NameKey> = values
            .iter()
            .map(|v| NameKey {
                lower: v.to_lowercase(),
                canonical_lower: map.map_or(v.as_str(), |m| m.canonical(v)).to_lowercase(),
                surname: crate::tag::names::surname_key(v),
            })
            .collect();
        let keys = Arc::new(keys);
        cache.insert(field, Arc::clone(&keys));
        keys
    }

    /// Reads a name filter the way the contract says: the canonical name, case-insensitively;
    /// else the surname alone when only one name in the index has it.
    pub fn resolve_names(
        &self,
        facet: &str,
        wanted: &[String],
        notes: &mut Vec<String>,
    ) -> Result<Vec<String>> {
        if wanted.is_empty() {
            return Ok(Vec::new());
        }
        let field = self.fields.facet_field(facet).expect("known facet");
        let values = self.facet_values(field)?;
        // Forms of one person or outlet count as one ("Jen Psaki", "Psaki"); a filter on
        // any of them matches all of them.
        let map = self.name_map(facet)?;
        let keys = self.name_keys(field, &values, map.as_deref());
        let canonical = |v: &str| -> String {
            map.as_ref()
                .map_or_else(|| v.to_owned(), |m| m.canonical(v).to_owned())
        };
        let mut resolved = Vec::new();
        for name in wanted {
            let lower = name.trim().to_lowercase();
            let single_word = !lower.contains(' ');
            // The canonical name itself, and for a single word every name with that surname
            // ("psaki" finds "Jen Psaki", and "Psaki" where a page gave no first name).
            let matches: Vec<&String> = values
                .iter()
                .zip(keys.iter())
                .filter(|(_, key)| {
                    key.lower == lower
                        || key.lower.trim_start_matches("the ") == lower
                        || key.canonical_lower == lower
                        || (single_word && key.surname == lower)
                })
                .map(|(v, _)| v)
                .collect();
            // Names that differ only by a role ("Jen Psaki", "Secretary Jen Psaki") or that
            // the name map joins are one person; different given names ("Joe Biden", "Jill
            // Biden") are two.
            let given = |v: &str| {
                crate::tag::names::split_role(v)
                    .name
                    .split_whitespace()
                    .next()
                    .unwrap_or_default()
                    .to_lowercase()
            };
            let mut people: Vec<String> = matches
                .iter()
                .map(|v| canonical(v))
                .filter(|v| v.contains(' '))
                .collect();
            people.sort();
            people.dedup();
            // Initials and stray label letters ("S. Psaki") do not make a second person.
            let mut given_names: Vec<String> = people
                .iter()
                .map(|v| given(v))
                .filter(|g| g.trim_end_matches('.').chars().count() > 3)
                .collect();
            given_names.sort();
            given_names.dedup();
            let exact: Vec<&String> = matches
                .iter()
                .copied()
                .filter(|v| v.to_lowercase() == lower || canonical(v).to_lowercase() == lower)
                .collect();
            if given_names.len() > 1 && people.len() > 1 && exact.is_empty() {
                let names: Vec<&str> = people.iter().take(8).map(String::as_str).collect();
                return Err(UsageError(format!(
                    "--{facet} '{name}' is ambiguous: {}; give the full name",
                    names.join(", ")
                ))
                .into());
            }
            let chosen: Vec<&String> = if given_names.len() > 1 && people.len() > 1 {
                exact
            } else {
                matches
            };
            if chosen.is_empty() {
                notes.push(suggest::unknown_value_note(facet, name, &values));
            } else {
                let mut shown: Vec<String> = chosen.iter().map(|v| canonical(v)).collect();
                shown.sort();
                shown.dedup();
                if shown.iter().any(|v| v.to_lowercase() != lower) {
                    notes.push(format!("--{facet} {name}: {}", shown.join(", ")));
                }
            }
            for value in chosen {
                let members = map
                    .as_ref()
                    .map_or_else(|| vec![value.clone()], |m| m.members(value));
                for member in members {
                    if !resolved.contains(&member) {
                        resolved.push(member);
                    }
                }
            }
        }
        Ok(resolved)
    }

    /// Matches any of `values`; no values (every name asked for was unknown) match nothing.
    fn facet_filter(&self, field: tantivy::schema::Field, values: &[String]) -> Box<dyn Query> {
        if values.is_empty() {
            return Box::new(EmptyQuery);
        }
        let clauses: Vec<(Occur, Box<dyn Query>)> = values
            .iter()
            .map(|value| {
                let term = Term::from_facet(field, &Facet::from_path([value.as_str()]));
                (
                    Occur::Should,
                    Box::new(TermQuery::new(term, IndexRecordOption::Basic)) as Box<dyn Query>,
                )
            })
            .collect();
        Box::new(BooleanQuery::new(clauses))
    }

    /// The request as a tantivy query: the user's words, and the filters as required clauses.
    pub fn build_query(&self, request: &SearchRequest) -> Result<BuiltQuery> {
        request.validate()?;
        let f = self.fields;
        let mut notes = Vec::new();
        let defaults = match request.scope {
            QueryScope::Passages => query::QueryDefaults::passages(&f),
            QueryScope::Quotations => query::QueryDefaults::quotations(&f),
        };
        let text_query = query::parse(&self.index, &defaults, &request.query)?;
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, text_query.box_clone())];
        let speakers = self.resolve_names("speaker", &request.speakers, &mut notes)?;
        let outlets = self.resolve_names("outlet", &request.outlets, &mut notes)?;
        let authors = self.resolve_names("author", &request.authors, &mut notes)?;
        let kinds: Vec<String> = request.kinds.iter().map(|k| k.to_lowercase()).collect();
        if !kinds.is_empty() {
            let known = self.facet_values(f.kind_facet)?;
            for kind in kinds.iter().filter(|k| !known.contains(k)) {
                notes.push(suggest::unknown_value_note("kind", kind, &known));
            }
        }
        for (field, asked, values) in [
            (f.speaker_facet, &request.speakers, &speakers),
            (f.outlet_facet, &request.outlets, &outlets),
            (f.author_facet, &request.authors, &authors),
            (f.kind_facet, &request.kinds, &kinds),
        ] {
            if !asked.is_empty() {
                clauses.push((Occur::Must, self.facet_filter(field, values)));
            }
        }
        if request.since.is_some() || request.until.is_some() {
            let term =
                |date: NaiveDate| Term::from_field_date(f.date, crate::index::day_start(date));
            let lower = request
                .since
                .map_or(Bound::Unbounded, |d| Bound::Included(term(d)));
            let upper = request
                .until
                .map_or(Bound::Unbounded, |d| Bound::Included(term(d)));
            clauses.push((Occur::Must, Box::new(RangeQuery::new(lower, upper))));
        }
        if request.quotes_only || request.scope == QueryScope::Quotations {
            let term = Term::from_field_u64(f.has_quotes, 1);
            clauses.push((
                Occur::Must,
                Box::new(TermQuery::new(term, IndexRecordOption::Basic)),
            ));
        }
        let query: Box<dyn Query> = if clauses.len() == 1 {
            clauses.pop().expect("one clause").1
        } else {
            Box::new(BooleanQuery::new(clauses))
        };
        Ok(BuiltQuery {
            query,
            text_query,
            speakers,
            notes,
        })
    }

    /// Counts of one facet over the matches, most frequent first (years in order); the one
    /// place facet values are read from the index's counts.
    fn facet_counts(&self, name: &str, counts: facets::RawCounts, limit: usize) -> Vec<FacetCount> {
        // One count per person or outlet, under its canonical name.
        let counts: Vec<(String, u64)> = match self.name_map(name).ok().flatten() {
            Some(map) => map.merge_counts(counts.iter().map(|(v, c)| (v.as_str(), *c))),
            None => counts.into_iter().collect(),
        };
        let mut values: Vec<FacetCount> = counts
            .into_iter()
            .map(|(value, count)| FacetCount { value, count })
            .collect();
        values.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
        if name == "year" {
            values.sort_by(|a, b| a.value.cmp(&b.value));
        }
        if limit > 0 {
            values.truncate(limit);
        }
        values
    }

    /// Runs a request: counts, facets, the timeline and the page of hits in one pass.
    pub fn search(&self, request: &SearchRequest) -> Result<SearchResults> {
        let built = self.build_query(request)?;
        let f = self.fields;
        let mut facet_collectors = Vec::new();
        for name in &request.facets {
            let field = f.facet_field(name).ok_or_else(|| unknown_facet(name))?;
            let field_name = self.index.schema().get_field_name(field).to_owned();
            facet_collectors.push((name.clone(), facets::FacetCountCollector { field_name }));
        }
        let mut multi = tantivy::collector::MultiCollector::new();
        let count_handle = multi.add_collector(Count);
        let facet_handles: Vec<_> = facet_collectors
            .into_iter()
            .map(|(name, collector)| (name, multi.add_collector(collector)))
            .collect();
        let timeline_handle = request
            .timeline
            .map(|period| multi.add_collector(timeline::TimelineCollector { period }));
        let limit = request.limit.max(1);
        let top_docs: Vec<(f32, DocAddress)>;
        let mut fruits;
        match request.sort {
            SortOrder::Relevance => {
                let top_handle = multi.add_collector(
                    TopDocs::with_limit(limit)
                        .and_offset(request.offset)
                        .order_by_score(),
                );
                fruits = self.searcher.search(&*built.query, &multi)?;
                top_docs = top_handle.extract(&mut fruits);
            }
            SortOrder::Date | SortOrder::DateDesc => {
                let order = if request.sort == SortOrder::Date {
                    Order::Asc
                } else {
                    Order::Desc
                };
                let top_handle = multi.add_collector(
                    TopDocs::with_limit(limit)
                        .and_offset(request.offset)
                        .order_by_fast_field::<DateTime>("date", order),
                );
                fruits = self.searcher.search(&*built.query, &multi)?;
                top_docs = top_handle
                    .extract(&mut fruits)
                    .into_iter()
                    .map(|(_, addr)| (0.0, addr))
                    .collect();
            }
        }
        let total = count_handle.extract(&mut fruits);
        let mut facets = BTreeMap::new();
        for (name, handle) in facet_handles {
            let counts = handle.extract(&mut fruits);
            let values = self.facet_counts(&name, counts, request.facet_limit);
            facets.insert(name, values);
        }
        let timeline = timeline_handle.map(|handle| {
            handle
                .extract(&mut fruits)
                .into_timeline(request.timeline.expect("asked for"))
        });
        let mut hits = Vec::with_capacity(top_docs.len());
        if request.limit > 0 && !top_docs.is_empty() {
            let snippets = self.snippet_generator(&*built.text_query)?;
            let mut passages = Vec::with_capacity(top_docs.len());
            for (_, address) in &top_docs {
                let doc: TantivyDocument = self.searcher.doc(*address)?;
                passages.push(self.fields.stored_passage(&doc)?);
            }
            // Names made canonical for the page at once: a process that runs one query
            // builds only the name clusters these passages need.
            self.names
                .canonicalise_page(&self.searcher, &self.fields, &mut passages)?;
            for ((score, _), passage) in top_docs.into_iter().zip(passages) {
                hits.push(Self::hit_of(passage, score, &snippets));
            }
        }
        Ok(SearchResults {
            total,
            hits,
            facets,
            timeline,
            notes: built.notes,
        })
    }

    fn snippet_generator(&self, text_query: &dyn Query) -> Result<Snippets> {
        let mut terms = Vec::new();
        let mut distinct: std::collections::BTreeSet<Term> = std::collections::BTreeSet::new();
        text_query.query_terms(&mut |term, _| {
            if term.field() == self.fields.text {
                if let Some(text) = term.value().as_str() {
                    terms.push(text.to_owned());
                    distinct.insert(term.clone());
                }
            }
        });
        // What `SnippetGenerator::create` does, with an analyzer that stems only the words
        // that can match (`snippets::analyzer`).
        let mut scores: BTreeMap<String, Score> = BTreeMap::new();
        for term in &distinct {
            let doc_freq = self.searcher.doc_freq(term)?;
            if let (Some(text), true) = (term.value().as_str(), doc_freq > 0) {
                scores.insert(text.to_owned(), 1.0 / (1.0 + doc_freq as Score));
            }
        }
        let analyzer = snippets::analyzer(scores.keys().map(String::as_str));
        let generator = SnippetGenerator::new(scores, analyzer, self.fields.text, 220);
        Ok(Snippets { generator, terms })
    }

    /// The stored passage of an index document.
    pub fn passage(&self, doc: &TantivyDocument) -> Result<Passage> {
        let mut passage = self.fields.stored_passage(doc)?;
        self.names
            .canonicalise(&self.searcher, &self.fields, &mut passage)?;
        Ok(passage)
    }

    /// The cross-document name map of a name facet (speaker, author, outlet).
    pub fn name_map(&self, facet: &str) -> Result<Option<Arc<crate::tag::alias::NameMap>>> {
        self.names.map(&self.searcher, &self.fields, facet)
    }

    fn hit(&self, doc: &TantivyDocument, score: f32, snippets: &Snippets) -> Result<Hit> {
        Ok(Self::hit_of(self.passage(doc)?, score, snippets))
    }

    fn hit_of(passage: Passage, score: f32, snippets: &Snippets) -> Hit {
        let snippet: Snippet = snippets.snippet(&passage.text);
        let (fragment, highlights, html) = if snippet.fragment().is_empty() {
            let head = output::truncate_chars(&passage.text, 220);
            (head.clone(), Vec::new(), output::escape_html(&head))
        } else {
            (
                snippet.fragment().to_owned(),
                snippet.highlighted().to_vec(),
                snippet.to_html(),
            )
        };
        Hit {
            score,
            snippet: html,
            fragment,
            highlights,
            passage,
        }
    }

    /// Every matching passage, handed to `sink` one at a time as it is read (the export
    /// behind `--limit 0`): nothing but the matches' addresses is held. Relevance order
    /// streams in index order (scores are still given); date orders sort the addresses
    /// first. Returns the number of hits given to `sink`.
    pub fn for_each_hit(
        &self,
        request: &SearchRequest,
        sink: &mut dyn FnMut(&Hit) -> Result<()>,
    ) -> Result<(usize, Vec<String>)> {
        let built = self.build_query(request)?;
        let snippets = self.snippet_generator(&*built.text_query)?;
        let mut n_hits = 0;
        let mut skipped = 0;
        let mut emit = |doc: &TantivyDocument, score: f32| -> Result<()> {
            if skipped < request.offset {
                skipped += 1;
                return Ok(());
            }
            n_hits += 1;
            sink(&self.hit(doc, score, &snippets)?)
        };
        match request.sort {
            SortOrder::Relevance => {
                let weight = built
                    .query
                    .weight(EnableScoring::enabled_from_searcher(&self.searcher))?;
                for reader in self.searcher.segment_readers() {
                    let store = reader.get_store_reader(8)?;
                    let mut scorer = weight.scorer(reader, 1.0)?;
                    let mut doc = scorer.doc();
                    while doc != tantivy::TERMINATED {
                        if !reader.is_deleted(doc) {
                            let stored: TantivyDocument = store.get(doc)?;
                            emit(&stored, scorer.score())?;
                        }
                        doc = scorer.advance();
                    }
                }
            }
            SortOrder::Date | SortOrder::DateDesc => {
                let mut matches = self.searcher.search(&*built.query, &MatchCollector)?;
                // Undated passages come last in both orders.
                matches.sort_by_key(|m| (m.date.is_none(), m.date, m.address));
                if request.sort == SortOrder::DateDesc {
                    let dated = matches.iter().take_while(|m| m.date.is_some()).count();
                    matches[..dated].reverse();
                }
                for found in matches {
                    let stored: TantivyDocument = self.searcher.doc(found.address)?;
                    emit(&stored, 0.0)?;
                }
            }
        }
        Ok((n_hits, built.notes))
    }
}

/// The snippet generator and the query's terms in the text field, as indexed (stems).
struct Snippets {
    generator: SnippetGenerator,
    terms: Vec<String>,
}

/// Passages longer than this (bytes) are cut to a window around their first match before
/// the snippet generator stems them word by word: stemming whole long transcript turns was
/// a fifth of a query's time.
const SNIPPET_WINDOW: usize = 1200;

impl Snippets {
    fn snippet(&self, text: &str) -> Snippet {
        let window = snippet_window(text, &self.terms);
        if window.len() < text.len() {
            let snippet = self.generator.snippet(window);
            if !snippet.fragment().is_empty() {
                return snippet;
            }
        }
        self.generator.snippet(text)
    }
}

/// The part of a long `text` around the first place one of `terms` (stems, lowercase)
/// appears, whole words only; all of `text` when it is short or no term is found.
fn snippet_window<'t>(text: &'t str, terms: &[String]) -> &'t str {
    if text.len() <= 2 * SNIPPET_WINDOW {
        return text;
    }
    // ASCII lowercasing keeps byte offsets, so positions in `lower` are positions in `text`.
    let lower = text.to_ascii_lowercase();
    let Some(first) = terms.iter().filter_map(|t| lower.find(t.as_str())).min() else {
        return text;
    };
    let mut start = first.saturating_sub(SNIPPET_WINDOW / 2);
    let mut end = (first + SNIPPET_WINDOW).min(text.len());
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    while !text.is_char_boundary(end) {
        end += 1;
    }
    let window = &text[start..end];
    // Drop the words the cut went through.
    let from = if start == 0 {
        0
    } else {
        window.find(char::is_whitespace).map_or(0, |i| i + 1)
    };
    let to = if end == text.len() {
        window.len()
    } else {
        window.rfind(char::is_whitespace).unwrap_or(window.len())
    };
    if from >= to {
        text
    } else {
        &window[from..to]
    }
}

#[cfg(test)]
mod tests {
    use super::snippet_window;

    #[test]
    fn long_passages_are_cut_around_the_first_match() {
        let filler = "lorem ipsum dolor ".repeat(200);
        let text = format!("{filler}the Vaccine arrives {filler}");
        let window = snippet_window(&text, &["vaccin".to_owned()]);
        assert!(window.len() < text.len());
        assert!(window.contains("the Vaccine arrives"), "{window}");
        assert!(
            window.starts_with("lorem")
                || window.starts_with("ipsum")
                || window.starts_with("dolor")
        );
        // Short texts and texts without the term stay whole.
        assert_eq!(
            snippet_window("a short vaccine text", &["vaccin".to_owned()]),
            "a short vaccine text"
        );
        assert_eq!(snippet_window(&text, &["absent".to_owned()]), text);
    }
}

/// A request turned into tantivy queries.
pub struct BuiltQuery {
    /// Everything: words and filters.
    pub query: Box<dyn Query>,
    /// The user's words alone, for snippets.
    pub text_query: Box<dyn Query>,
    /// The `--speaker` names as resolved.
    pub speakers: Vec<String>,
    pub notes: Vec<String>,
}

/// One matching passage's address, score and date (seconds), without its stored document.
#[derive(Debug, Clone, Copy)]
pub struct Match {
    pub score: f32,
    pub date: Option<i64>,
    pub address: DocAddress,
}

/// Collects every match as a [`Match`]: a few bytes each, whatever the passages weigh.
pub struct MatchCollector;

pub struct MatchSegmentCollector {
    segment_ord: SegmentOrdinal,
    dates: Option<tantivy::columnar::Column<DateTime>>,
    matches: Vec<Match>,
}

impl Collector for MatchCollector {
    type Fruit = Vec<Match>;
    type Child = MatchSegmentCollector;

    fn for_segment(
        &self,
        segment_ord: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<MatchSegmentCollector> {
        Ok(MatchSegmentCollector {
            segment_ord,
            dates: segment.fast_fields().column_opt::<DateTime>("date")?,
            matches: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        true
    }

    fn merge_fruits(&self, fruits: Vec<Vec<Match>>) -> tantivy::Result<Vec<Match>> {
        Ok(fruits.into_iter().flatten().collect())
    }
}

impl SegmentCollector for MatchSegmentCollector {
    type Fruit = Vec<Match>;

    fn collect(&mut self, doc: DocId, score: Score) {
        let date = self
            .dates
            .as_ref()
            .and_then(|column| column.first(doc))
            .map(|d| d.into_timestamp_secs());
        self.matches.push(Match {
            score,
            date,
            address: DocAddress::new(self.segment_ord, doc),
        });
    }

    fn harvest(self) -> Vec<Match> {
        self.matches
    }
}

/// Index statistics for `polidex stats`.
#[derive(Debug, Clone, Serialize)]
pub struct Stats {
    pub documents: u64,
    pub passages: u64,
    pub speakers: u64,
    pub outlets: u64,
    pub authors: u64,
    pub first_date: Option<String>,
    pub last_date: Option<String>,
    pub index_bytes: u64,
}

impl Searchable {
    pub fn stats(&self, dir: &std::path::Path) -> Result<Stats> {
        let f = self.fields;
        let mut doc_ids = std::collections::HashSet::new();
        for segment in self.searcher.segment_readers() {
            let inverted = segment.inverted_index(f.doc_id)?;
            let mut stream = inverted.terms().stream()?;
            while stream.advance() {
                doc_ids.insert(stream.key().to_vec());
            }
        }
        // Deleted passages leave their terms until a merge; count documents that still live.
        let live_docs = if self
            .searcher
            .segment_readers()
            .iter()
            .any(|s| s.has_deletes())
        {
            let mut live = std::collections::HashSet::new();
            for id in &doc_ids {
                let text_term =
                    Term::from_field_text(f.doc_id, std::str::from_utf8(id).unwrap_or_default());
                if self
                    .searcher
                    .search(&TermQuery::new(text_term, IndexRecordOption::Basic), &Count)?
                    > 0
                {
                    live.insert(id.clone());
                }
            }
            live.len() as u64
        } else {
            doc_ids.len() as u64
        };
        let count = |field| self.facet_values(field).map(|v| v.len() as u64);
        let dates = self.date_range()?;
        Ok(Stats {
            documents: live_docs,
            passages: self.searcher.num_docs(),
            speakers: count(f.speaker_facet)?,
            outlets: count(f.outlet_facet)?,
            authors: count(f.author_facet)?,
            first_date: dates.map(|d| crate::tag::date::iso(d.0)),
            last_date: dates.map(|d| crate::tag::date::iso(d.1)),
            index_bytes: crate::index::size_on_disk(dir),
        })
    }

    fn date_range(&self) -> Result<Option<(NaiveDate, NaiveDate)>> {
        let first = self.searcher.search(
            &AllQuery,
            &TopDocs::with_limit(1).order_by_fast_field::<DateTime>("date", Order::Asc),
        )?;
        let last = self.searcher.search(
            &AllQuery,
            &TopDocs::with_limit(1).order_by_fast_field::<DateTime>("date", Order::Desc),
        )?;
        let to_date = |dt: Option<DateTime>| {
            dt.and_then(|d| chrono::DateTime::from_timestamp(d.into_timestamp_secs(), 0))
                .map(|d| d.date_naive())
        };
        let first = first.first().and_then(|(d, _)| to_date(*d));
        let last = last.first().and_then(|(d, _)| to_date(*d));
        Ok(match (first, last) {
            (Some(a), Some(b)) => Some((a.min(b), a.max(b))),
            _ => None,
        })
    }
}
