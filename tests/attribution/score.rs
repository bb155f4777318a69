//! Scores polidex's taggers against the labelled set in `tests/attribution/`: speakers of
//! quotations and transcript turns, outlets and dates. Shared by the regression test
//! (`tests/cli.rs`) and the evaluation (`examples/eval_attribution.rs`).

use polidex::model::Passage;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// One row of `labels.tsv`.
#[derive(Debug, Clone)]
pub struct Label {
    pub file: String,
    pub kind: String,
    pub anchor: String,
    pub expected: String,
    pub line: usize,
}

impl Label {
    /// A stable key for the known-failures list: file, kind and anchor.
    pub fn key(&self) -> String {
        format!("{}\t{}\t{}", self.file, self.kind, self.anchor)
    }
}

/// What polidex answered for one label.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub label: Label,
    /// The answer (speaker, outlet or date), `None` when polidex gave none or found no quote.
    pub got: Option<String>,
    /// For quotation rows: whether the quotation was found at all.
    pub found: bool,
    pub correct: bool,
}

/// Precision and recall of one field.
#[derive(Debug, Default, Clone, Copy)]
pub struct Score {
    /// Answers given (non-null) where a label exists.
    pub answered: usize,
    /// Answers that were right.
    pub right: usize,
    /// Labels that expect an answer (not `-` or `?`).
    pub expected: usize,
    /// Labels whose expected answer was given.
    pub hit: usize,
}

impl Score {
    pub fn precision(&self) -> f64 {
        ratio(self.right, self.answered)
    }
    pub fn recall(&self) -> f64 {
        ratio(self.hit, self.expected)
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

fn ratio(num: usize, den: usize) -> f64 {
    if den == 0 {
        1.0
    } else {
        num as f64 / den as f64
    }
}

pub fn read_labels(dir: &Path) -> Vec<Label> {
    let text = std::fs::read_to_string(dir.join("labels.tsv")).expect("labels.tsv");
    text.lines()
        .enumerate()
        .skip(1)
        .filter(|(_, line)| !line.trim().is_empty() && !line.starts_with('#'))
        .map(|(idx, line)| {
            let cols: Vec<&str> = line.split('\t').collect();
            assert_eq!(cols.len(), 4, "labels.tsv:{}: expected 4 columns", idx + 1);
            Label {
                file: cols[0].to_owned(),
                kind: cols[1].to_owned(),
                anchor: cols[2].to_owned(),
                expected: cols[3].trim().to_owned(),
                line: idx + 1,
            }
        })
        .collect()
}

/// Runs polidex over every document of the set: file name -> passages.
pub fn run_documents(dir: &Path) -> BTreeMap<String, Vec<Passage>> {
    let docs_dir = dir.join("docs");
    let (files, errors) = polidex::ingest::walk(&[PathBuf::from(&docs_dir)]);
    assert!(errors.is_empty(), "{errors:?}");
    let options = polidex::tag::TagOptions::default();
    let mut out = BTreeMap::new();
    for file in &files {
        let read = polidex::ingest::read_file(file);
        assert!(read.errors.is_empty(), "{:?}", read.errors);
        let name = file
            .path
            .file_name()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let passages = read
            .documents
            .iter()
            .flat_map(|doc| polidex::process(doc, &options))
            .collect();
        out.insert(name, passages);
    }
    out
}

/// Names compare without case, curly apostrophes, a leading "The" or trailing dots.
pub fn normalise(name: &str) -> String {
    let name = name.trim().replace('’', "'").to_lowercase();
    let name = name.strip_prefix("the ").unwrap_or(&name);
    name.trim_end_matches('.').to_owned()
}

fn squash(text: &str) -> String {
    // Emphasis marks are markup, whether the reader rendered them or left them as text.
    polidex::model::normalize_whitespace(&text.replace('’', "'").replace('*', ""))
}

/// An anchor as the passage text has it: Markdown's backslash escapes ("\\[s\\]",
/// "\\#Act") are rendered as the characters they escape.
fn unescape(anchor: &str) -> String {
    let mut out = String::with_capacity(anchor.len());
    let mut chars = anchor.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' && chars.peek().is_some_and(char::is_ascii_punctuation) {
            continue;
        }
        out.push(c);
    }
    out
}

/// The quoted words of an anchor that runs on past its closing mark ("suckers” and
/// “losers.”" is the quotation "suckers").
fn quoted_part(anchor: &str) -> &str {
    match anchor.find(['”', '"']) {
        Some(at) if !anchor[..at].trim().is_empty() => anchor[..at].trim_end(),
        _ => anchor,
    }
}

/// Scores every label.
pub fn score(labels: &[Label], docs: &BTreeMap<String, Vec<Passage>>) -> Vec<Outcome> {
    labels
        .iter()
        .map(|label| {
            let passages = docs
                .get(&label.file)
                .unwrap_or_else(|| panic!("labels.tsv:{}: no document {}", label.line, label.file));
            score_one(label, passages)
        })
        .collect()
}

fn score_one(label: &Label, passages: &[Passage]) -> Outcome {
    let anchor = squash(&unescape(&label.anchor));
    // A quotation's anchor can be a word inside an earlier passage's text too ("demon" in
    // "demonstrators"): the passage holding a quotation that starts with it comes first.
    let opening = quoted_part(&anchor);
    let opens_quote = |p: &&Passage| {
        label.kind == "quote"
            && p.quotes
                .iter()
                .any(|q| squash(&q.text).starts_with(opening))
    };
    let passage = passages
        .iter()
        .find(opens_quote)
        .or_else(|| passages.iter().find(|p| squash(&p.text).contains(&anchor)));
    let expected: Vec<String> = label
        .expected
        .split("; ")
        .map(normalise)
        .filter(|e| !e.is_empty())
        .collect();
    let mut outcome = Outcome {
        label: label.clone(),
        got: None,
        found: false,
        correct: false,
    };
    let Some(passage) = passage else {
        outcome.correct = matches!(label.expected.as_str(), "-" | "?") && label.kind == "quote";
        return outcome;
    };
    match label.kind.as_str() {
        "quote" => {
            // The anchor is the first words of the quotation: a quotation that starts with
            // it (a nested one) is the labelled one, before an outer one that contains it.
            let anchor = opening;
            let quote = passage
                .quotes
                .iter()
                .find(|q| squash(&q.text).starts_with(anchor))
                .or_else(|| {
                    passage.quotes.iter().find(|q| {
                        let text = squash(&q.text);
                        text.contains(anchor) || anchor.starts_with(&text) && text.len() > 12
                    })
                });
            outcome.found = quote.is_some();
            outcome.got = quote.and_then(|q| q.speaker.clone());
            outcome.correct = match label.expected.as_str() {
                "-" | "?" => outcome.got.is_none(),
                _ => {
                    let got = outcome.got.as_deref().map(normalise);
                    // Several speakers: the first is the quote's, all are the passage's.
                    got.is_some_and(|g| expected.contains(&g))
                        && (expected.len() == 1
                            || expected
                                .iter()
                                .all(|e| passage.speakers.iter().any(|s| &normalise(s) == e)))
                }
            };
        }
        "turn" => {
            outcome.found = true;
            outcome.got = passage.speakers.first().cloned();
            outcome.correct = passage
                .speakers
                .iter()
                .any(|s| expected.contains(&normalise(s)));
        }
        "outlet" => {
            outcome.found = true;
            outcome.got = passage.outlet.clone();
            outcome.correct = match label.expected.as_str() {
                "-" => passage.outlet.is_none(),
                _ => passage.outlet.as_deref().map(normalise) == expected.first().cloned(),
            };
        }
        "date" => {
            outcome.found = true;
            outcome.got = passage.date.clone();
            outcome.correct = match label.expected.as_str() {
                "-" => passage.date.is_none(),
                want => passage.date.as_deref() == Some(want),
            };
        }
        other => panic!("labels.tsv:{}: unknown kind {other}", label.line),
    }
    outcome
}

/// Precision and recall per field: "speaker" (quotes and turns), "outlet", "date".
pub fn summarise(outcomes: &[Outcome]) -> BTreeMap<&'static str, Score> {
    let mut scores: BTreeMap<&'static str, Score> = BTreeMap::new();
    for outcome in outcomes {
        let field = match outcome.label.kind.as_str() {
            "quote" | "turn" => "speaker",
            "outlet" => "outlet",
            _ => "date",
        };
        let score = scores.entry(field).or_default();
        let expects = !matches!(outcome.label.expected.as_str(), "-" | "?");
        if outcome.got.is_some() {
            score.answered += 1;
            if outcome.correct {
                score.right += 1;
            }
        }
        if expects {
            score.expected += 1;
            if outcome.correct {
                score.hit += 1;
            }
        }
    }
    scores
}

/// Share of named-source quotations found as quotations at all.
pub fn quotation_recall(outcomes: &[Outcome]) -> (usize, usize) {
    let named: Vec<&Outcome> = outcomes
        .iter()
        .filter(|o| o.label.kind == "quote" && !matches!(o.label.expected.as_str(), "-" | "?"))
        .collect();
    (named.iter().filter(|o| o.found).count(), named.len())
}
