//! Evaluates the HTML reader on two public benchmarks, through the same public API that
//! `polidex ingest` uses ([`polidex::ingest::html::read_html_bytes`]):
//!
//! - article body: scrapinghub's article-extraction-benchmark (`ground-truth.json`,
//!   `html/<id>.html.gz`), scored with that benchmark's own metric: 4-gram shingles of
//!   `\w+` tokens, per-page precision and recall averaged over pages, then F1;
//! - publication date: htmldate's `eval_default.json` (`{url: {file, date}}`, pages under
//!   `cache/` or `eval/`, gzipped), exact-day match, no answer counts as a miss.
//!
//! Usage: `cargo run --release --example eval_html -- [DIR]... [--worst N]`. Each DIR is
//! recognised by its contents; with no DIR both `../shared/data/` sets are tried. A missing
//! folder is skipped with a message and exit status 0. Scores are also printed for the odd
//! and even pages (in sorted key order) to show whether a change helps both halves.

use polidex::ingest::html::{read_html_bytes, HtmlOptions};
use regex::Regex;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

const DEFAULT_DIRS: &[&str] = &[
    "../shared/data/article-extraction-benchmark",
    "../shared/data/htmldate",
];

fn main() {
    let mut dirs = Vec::new();
    let mut worst = 0usize;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        if arg == "--worst" {
            worst = args.next().and_then(|n| n.parse().ok()).unwrap_or(10);
        } else {
            dirs.push(PathBuf::from(arg));
        }
    }
    if dirs.is_empty() {
        dirs = DEFAULT_DIRS.iter().map(PathBuf::from).collect();
    }
    for dir in &dirs {
        if dir.join("ground-truth.json").is_file() {
            eval_body(dir, worst);
        } else if dir.join("eval_default.json").is_file() {
            eval_date(dir, worst);
        } else {
            println!(
                "skipping: {} not found (or holds neither ground-truth.json nor eval_default.json)",
                dir.display()
            );
        }
    }
}

fn read_gz(path: &Path) -> Option<Vec<u8>> {
    polidex::ingest::read_bytes(path).ok()
}

/// Per page (true positives, false positives, false negatives), normalised to sum 1.
type Counts = (f64, f64, f64);

fn eval_body(dir: &Path, worst: usize) {
    let truth: BTreeMap<String, serde_json::Value> = serde_json::from_slice(
        &std::fs::read(dir.join("ground-truth.json")).expect("read ground-truth.json"),
    )
    .expect("parse ground-truth.json");
    let token = Regex::new(r"\w+").unwrap();
    let mut scores: Vec<(String, Counts)> = Vec::new();
    let mut bytes_total = 0usize;
    let started = std::time::Instant::now();
    for (key, entry) in &truth {
        let true_text = entry["articleBody"].as_str().unwrap_or("");
        let url = entry["url"].as_str().map(str::to_owned);
        let path = dir.join("html").join(format!("{key}.html.gz"));
        let Some(bytes) = read_gz(&path) else {
            println!("missing page {}", path.display());
            continue;
        };
        bytes_total += bytes.len();
        let predicted = match read_html_bytes(&bytes, &HtmlOptions { url }) {
            Ok(page) => page
                .blocks
                .iter()
                .map(|b| b.text.as_str())
                .collect::<Vec<_>>()
                .join("\n"),
            Err(_) => String::new(),
        };
        scores.push((key.clone(), shingle_match(&token, true_text, &predicted)));
    }
    let elapsed = started.elapsed().as_secs_f64();
    println!(
        "article body: {} pages from {} ({:.1} MB HTML, {:.2} s incl. gunzip)",
        scores.len(),
        dir.display(),
        bytes_total as f64 / 1e6,
        elapsed
    );
    let all: Vec<Counts> = scores.iter().map(|s| s.1).collect();
    print_body_line("all pages", &all);
    let odd: Vec<Counts> = all.iter().copied().step_by(2).collect();
    let even: Vec<Counts> = all.iter().copied().skip(1).step_by(2).collect();
    print_body_line("odd pages (1st, 3rd, ...)", &odd);
    print_body_line("even pages (2nd, 4th, ...)", &even);
    if worst > 0 {
        let mut ranked: Vec<_> = scores
            .iter()
            .map(|(key, c)| (page_f1(*c), key, *c))
            .collect();
        ranked.sort_by(|a, b| a.0.total_cmp(&b.0));
        for (f1, key, (tp, fp, fn_)) in ranked.iter().take(worst) {
            let url = truth[*key]["url"].as_str().unwrap_or("");
            println!("  f1={f1:.3} tp={tp:.2} fp={fp:.2} fn={fn_:.2} {key} {url}");
        }
    }
}

fn page_f1((tp, fp, fn_): Counts) -> f64 {
    if tp == 0.0 {
        0.0
    } else {
        2.0 * tp / (2.0 * tp + fp + fn_)
    }
}

fn print_body_line(label: &str, counts: &[Counts]) {
    let (precision, recall) = precision_recall(counts);
    let f1 = 2.0 * precision * recall / (precision + recall);
    println!("  {label:<28} F1 {f1:.3}  precision {precision:.3}  recall {recall:.3}");
}

/// The benchmark's averaging: precision over pages that predicted something, recall over
/// pages whose truth has text.
fn precision_recall(counts: &[Counts]) -> (f64, f64) {
    let mean = |values: Vec<f64>| values.iter().sum::<f64>() / values.len().max(1) as f64;
    let precision = mean(
        counts
            .iter()
            .filter(|(tp, fp, _)| tp + fp > 0.0)
            .map(|&(tp, fp, fn_)| score(tp, fp, fn_))
            .collect(),
    );
    let recall = mean(
        counts
            .iter()
            .filter(|(tp, _, fn_)| tp + fn_ > 0.0)
            .map(|&(tp, fp, fn_)| score(tp, fn_, fp))
            .collect(),
    );
    (precision, recall)
}

/// `tp / (tp + wrong)`, with the benchmark's edge cases.
fn score(tp: f64, wrong: f64, other_wrong: f64) -> f64 {
    if wrong == 0.0 && other_wrong == 0.0 {
        1.0
    } else if tp == 0.0 && wrong == 0.0 {
        0.0
    } else {
        tp / (tp + wrong)
    }
}

fn shingles<'a>(token: &Regex, text: &'a str) -> HashMap<Vec<&'a str>, usize> {
    let tokens: Vec<&str> = token.find_iter(text).map(|m| m.as_str()).collect();
    let mut counts = HashMap::new();
    let n = 4;
    for start in 0..tokens.len().saturating_sub(n - 1).max(1) {
        let shingle = tokens[start..(start + n).min(tokens.len())].to_vec();
        if !shingle.is_empty() {
            *counts.entry(shingle).or_insert(0) += 1;
        }
    }
    counts
}

fn shingle_match(token: &Regex, truth: &str, predicted: &str) -> Counts {
    let truth = shingles(token, truth);
    let predicted = shingles(token, predicted);
    let (mut tp, mut fp, mut fn_) = (0.0, 0.0, 0.0);
    for (key, &true_count) in &truth {
        let pred_count = predicted.get(key).copied().unwrap_or(0);
        tp += true_count.min(pred_count) as f64;
        fn_ += true_count.saturating_sub(pred_count) as f64;
    }
    for (key, &pred_count) in &predicted {
        let true_count = truth.get(key).copied().unwrap_or(0);
        fp += pred_count.saturating_sub(true_count) as f64;
    }
    let sum = tp + fp + fn_;
    if sum > 0.0 {
        (tp / sum, fp / sum, fn_ / sum)
    } else {
        (0.0, 0.0, 0.0)
    }
}

fn eval_date(dir: &Path, worst: usize) {
    let raw = std::fs::read_to_string(dir.join("eval_default.json")).expect("read eval_default");
    // The upstream files may hold a bare NaN for "no date"; JSON has no NaN.
    let raw = raw.replace(": NaN", ": null");
    let entries: BTreeMap<String, serde_json::Value> =
        serde_json::from_str(&raw).expect("parse eval_default.json");
    let mut outcomes: Vec<Outcome> = Vec::new();
    let mut misses = Vec::new();
    for (url, entry) in &entries {
        let Some(file) = entry["file"].as_str() else {
            continue;
        };
        let gold = entry["date"].as_str();
        let page = ["test_set", "cache", "eval"]
            .iter()
            .map(|sub| dir.join(sub).join(format!("{file}.gz")))
            .find(|p| p.is_file());
        let Some(page) = page else {
            println!("missing page {file}");
            continue;
        };
        let Some(bytes) = read_gz(&page) else {
            continue;
        };
        let options = HtmlOptions {
            url: Some(url.clone()),
        };
        let found = read_html_bytes(&bytes, &options)
            .ok()
            .and_then(|page| page.meta.date);
        let found_day = found.as_deref().map(|d| d.get(..10).unwrap_or(d));
        let outcome = match (found_day, gold) {
            (Some(found), Some(gold)) if found == gold => Outcome::Right,
            (Some(_), _) => Outcome::Wrong,
            (None, Some(_)) => Outcome::Missed,
            (None, None) => Outcome::RightlyNone,
        };
        if outcome != Outcome::Right && misses.len() < worst {
            misses.push(format!(
                "  {outcome:?}: found {found_day:?}, gold {gold:?}, {file} {url}"
            ));
        }
        outcomes.push(outcome);
    }
    println!(
        "publication date: {} pages from {}",
        outcomes.len(),
        dir.display()
    );
    print_date_line("all pages", &outcomes);
    let odd: Vec<Outcome> = outcomes.iter().copied().step_by(2).collect();
    let even: Vec<Outcome> = outcomes.iter().copied().skip(1).step_by(2).collect();
    print_date_line("odd pages (1st, 3rd, ...)", &odd);
    print_date_line("even pages (2nd, 4th, ...)", &even);
    for line in misses {
        println!("{line}");
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    Right,
    Wrong,
    Missed,
    RightlyNone,
}

fn print_date_line(label: &str, outcomes: &[Outcome]) {
    let count = |o: Outcome| outcomes.iter().filter(|&&x| x == o).count() as f64;
    let (tp, fp, fn_) = (
        count(Outcome::Right),
        count(Outcome::Wrong),
        count(Outcome::Missed),
    );
    let precision = tp / (tp + fp).max(1.0);
    let recall = tp / (tp + fn_).max(1.0);
    let f = 2.0 * precision * recall / (precision + recall).max(f64::MIN_POSITIVE);
    println!(
        "  {label:<28} F {f:.3}  precision {precision:.3}  recall {recall:.3}  (right {tp}, wrong {fp}, none {fn_})"
    );
}
