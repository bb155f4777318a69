//! `polidex quotes`: the quotations that match a query, the same words found in several
//! documents grouped together, earliest first ("first seen in X on DATE, then repeated by
//! Y and Z"). Grouping compares quotations by their normalised words: exact matches, and
//! near-duplicates within a few word edits (punctuation, a changed or dropped word).

use super::{Match, MatchCollector, QueryScope, SearchRequest, Searchable, SortOrder};
use crate::model::Passage;
use anyhow::Result;
use serde::Serialize;
use std::collections::{HashMap, HashSet};
use tantivy::TantivyDocument;

/// Two quotations are the same when their word edit distance is at most this share of the
/// longer one's words.
const MAX_EDIT_SHARE: f64 = 0.2;
/// Word pairs shared by more groups than this are too common to find candidates with.
const MAX_BIGRAM_GROUPS: usize = 64;

/// One place a quotation appeared.
#[derive(Debug, Clone, Serialize)]
pub struct Appearance {
    pub text: String,
    pub speaker: Option<String>,
    pub outlet: Option<String>,
    pub title: Option<String>,
    pub date: Option<String>,
    pub path: String,
    pub url: Option<String>,
    pub line: Option<usize>,
    pub passage_id: String,
    #[serde(skip)]
    pub score: f32,
}

/// One quotation and every place it appeared, earliest first.
#[derive(Debug, Clone, Serialize)]
pub struct QuoteGroup {
    /// The words as first published.
    pub text: String,
    /// The first speaker any appearance names.
    pub speaker: Option<String>,
    pub first_date: Option<String>,
    pub count: usize,
    pub appearances: Vec<Appearance>,
    #[serde(skip)]
    pub best_score: f32,
}

#[derive(Debug, Clone, Serialize)]
pub struct QuoteResults {
    /// Matching quotations before grouping.
    pub total_quotes: usize,
    pub total_groups: usize,
    pub groups: Vec<QuoteGroup>,
    #[serde(skip)]
    pub notes: Vec<String>,
}

/// Lowercase words, punctuation gone (apostrophes inside words dropped: "we're" -> "were").
pub fn normalize(text: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    for c in text.chars() {
        if c.is_alphanumeric() {
            word.extend(c.to_lowercase());
        } else if matches!(c, '\'' | '’' | '‘') && !word.is_empty() {
            continue;
        } else if !word.is_empty() {
            words.push(std::mem::take(&mut word));
        }
    }
    if !word.is_empty() {
        words.push(word);
    }
    words
}

fn bigrams(words: &[String]) -> Vec<(&str, &str)> {
    if words.len() == 1 {
        return vec![(words[0].as_str(), "")];
    }
    words
        .windows(2)
        .map(|pair| (pair[0].as_str(), pair[1].as_str()))
        .collect()
}

fn near_duplicates(a: &[String], b: &[String]) -> bool {
    let longer = a.len().max(b.len());
    if longer == 0 {
        return true;
    }
    let allowed = (longer as f64 * MAX_EDIT_SHARE).floor() as usize;
    a.len().abs_diff(b.len()) <= allowed && super::suggest::levenshtein(a, b) <= allowed
}

/// Groups appearances of the same quotation; each group's appearances are earliest first
/// (undated last), and groups come in the order of their first appearance.
pub fn group(mut appearances: Vec<Appearance>) -> Vec<QuoteGroup> {
    appearances.sort_by(|a, b| {
        (a.date.is_none(), &a.date, &a.path, a.line).cmp(&(
            b.date.is_none(),
            &b.date,
            &b.path,
            b.line,
        ))
    });
    let mut groups: Vec<QuoteGroup> = Vec::new();
    let mut group_words: Vec<Vec<String>> = Vec::new();
    let mut exact: HashMap<Vec<String>, usize> = HashMap::new();
    let mut by_bigram: HashMap<(String, String), Vec<usize>> = HashMap::new();
    for appearance in appearances {
        let words = normalize(&appearance.text);
        let found = exact.get(&words).copied().or_else(|| {
            let mut tried = HashSet::new();
            bigrams(&words)
                .into_iter()
                .filter_map(|(a, b)| by_bigram.get(&(a.to_owned(), b.to_owned())))
                .filter(|ids| ids.len() <= MAX_BIGRAM_GROUPS)
                .flatten()
                .copied()
                .filter(|id| tried.insert(*id))
                .find(|id| near_duplicates(&group_words[*id], &words))
        });
        let id = match found {
            Some(id) => id,
            None => {
                let id = groups.len();
                for (a, b) in bigrams(&words) {
                    by_bigram
                        .entry((a.to_owned(), b.to_owned()))
                        .or_default()
                        .push(id);
                }
                exact.insert(words.clone(), id);
                group_words.push(words);
                groups.push(QuoteGroup {
                    text: appearance.text.clone(),
                    speaker: None,
                    first_date: appearance.date.clone(),
                    count: 0,
                    appearances: Vec::new(),
                    best_score: f32::MIN,
                });
                id
            }
        };
        let group = &mut groups[id];
        if group.speaker.is_none() {
            group.speaker = appearance.speaker.clone();
        }
        group.best_score = group.best_score.max(appearance.score);
        group.count += 1;
        group.appearances.push(appearance);
    }
    groups
}

impl Searchable {
    /// The quotations matching `request` (its words search the quotations; its filters
    /// apply to the passages that carry them), grouped, `limit` groups from `offset`.
    pub fn quotes(&self, request: &SearchRequest) -> Result<QuoteResults> {
        let request = SearchRequest {
            scope: QueryScope::Quotations,
            ..request.clone()
        };
        let built = self.build_query(&request)?;
        let matches: Vec<Match> = self.searcher.search(&*built.query, &MatchCollector)?;
        // The query's terms in the quote field, to tell which quotations of a passage matched.
        let mut wanted_terms = HashSet::new();
        built.text_query.query_terms(&mut |term, _| {
            if term.field() == self.fields.quote {
                if let Some(text) = term.value().as_str() {
                    wanted_terms.insert(text.to_owned());
                }
            }
        });
        let mut analyzer = self.index.tokenizer_for_field(self.fields.quote)?;
        let speakers: HashSet<&str> = built.speakers.iter().map(String::as_str).collect();
        let mut appearances = Vec::new();
        for found in &matches {
            let doc: TantivyDocument = self.searcher.doc(found.address)?;
            let passage: Passage = self.passage(&doc)?;
            for quote in &passage.quotes {
                if !request.speakers.is_empty()
                    && !quote
                        .speaker
                        .as_deref()
                        .is_some_and(|s| speakers.contains(s))
                {
                    continue;
                }
                if !wanted_terms.is_empty() {
                    let mut matched = false;
                    analyzer
                        .token_stream(&quote.text)
                        .process(&mut |token| matched |= wanted_terms.contains(&token.text));
                    if !matched {
                        continue;
                    }
                }
                appearances.push(Appearance {
                    text: quote.text.clone(),
                    speaker: quote.speaker.clone(),
                    outlet: passage.outlet.clone(),
                    title: passage.title.clone(),
                    date: passage.date.clone(),
                    path: passage.path.clone(),
                    url: passage.url.clone(),
                    line: passage.line,
                    passage_id: passage.id.clone(),
                    score: found.score,
                });
            }
        }
        let total_quotes = appearances.len();
        let mut groups = group(appearances);
        match request.sort {
            SortOrder::Relevance => groups.sort_by(|a, b| {
                b.best_score
                    .total_cmp(&a.best_score)
                    .then_with(|| b.count.cmp(&a.count))
            }),
            // Groups are already in order of first appearance.
            SortOrder::Date => {}
            SortOrder::DateDesc => {
                groups.sort_by(|a, b| {
                    (b.first_date.is_some(), &b.first_date)
                        .cmp(&(a.first_date.is_some(), &a.first_date))
                });
            }
        }
        let total_groups = groups.len();
        let limit = if request.limit == 0 {
            usize::MAX
        } else {
            request.limit
        };
        let groups = groups
            .into_iter()
            .skip(request.offset)
            .take(limit)
            .collect();
        Ok(QuoteResults {
            total_quotes,
            total_groups,
            groups,
            notes: built.notes,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn appearance(text: &str, date: &str, path: &str) -> Appearance {
        Appearance {
            text: text.to_owned(),
            speaker: None,
            outlet: None,
            title: None,
            date: (!date.is_empty()).then(|| date.to_owned()),
            path: path.to_owned(),
            url: None,
            line: None,
            passage_id: path.to_owned(),
            score: 1.0,
        }
    }

    /// Groups the quotations (text, date, path) and returns each group's paths in order.
    fn check(input: &[(&str, &str, &str)], expected: &[&[&str]]) {
        let groups = group(
            input
                .iter()
                .map(|(text, date, path)| appearance(text, date, path))
                .collect(),
        );
        let got: Vec<Vec<&str>> = groups
            .iter()
            .map(|g| g.appearances.iter().map(|a| a.path.as_str()).collect())
            .collect();
        assert_eq!(got, expected);
    }

    #[test]
    fn grouping() {
        // Punctuation and case do not matter; the earliest comes first.
        check(
            &[
                ("We are closer than we have ever been.", "2024-03-05", "b"),
                ("we are closer than we have ever been", "2024-03-03", "a"),
            ],
            &[&["a", "b"]],
        );
        // One word changed in ten is the same quotation; a different one is not.
        check(
            &[
                (
                    "the dam stays open for every farmer in the valley",
                    "2023-01-01",
                    "a",
                ),
                (
                    "the dam stays open for every grower in the valley",
                    "2023-01-02",
                    "b",
                ),
                ("the dam closes for every farmer", "2023-01-03", "c"),
            ],
            &[&["a", "b"], &["c"]],
        );
        // Short quotations must match exactly (after normalising); undated come last.
        check(
            &[
                ("No.", "", "b"),
                ("no", "2020-01-01", "a"),
                ("Yes", "2020-01-01", "c"),
            ],
            &[&["a", "b"], &["c"]],
        );
    }

    #[test]
    fn normalising() {
        assert_eq!(
            normalize("“We’re  closer,” he said — twice!"),
            vec!["were", "closer", "he", "said", "twice"]
        );
    }
}
