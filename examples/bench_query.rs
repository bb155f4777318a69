//! In-process query latency: `cargo run --release --example bench_query -- QUERIES.jsonl INDEX...`
//!
//! The queries come from `benches/query_peers.py prepare` (benches/query.sh makes them). Each
//! index is opened once; every query runs once to warm up, then three timed rounds in two
//! modes: the top 10 with snippets (what `polidex search` shows), and the top 10 with facet
//! counts for speaker, outlet and year. Prints p50 and p99 per query class and overall.

use polidex::search::{SearchRequest, Searchable};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;
use std::time::Instant;

#[derive(Deserialize)]
struct BenchQuery {
    class: String,
    words: Vec<String>,
    phrase: bool,
    speaker: Option<String>,
    year: Option<String>,
}

impl BenchQuery {
    fn request(&self, facets: bool) -> SearchRequest {
        let words = self.words.join(" ");
        let year = self
            .year
            .as_deref()
            .map(|y| polidex::search::parse_bound(y, false).expect("year"));
        SearchRequest {
            query: if self.phrase {
                format!("\"{words}\"")
            } else {
                words
            },
            speakers: self.speaker.iter().cloned().collect(),
            since: year,
            until: self
                .year
                .as_deref()
                .map(|y| polidex::search::parse_bound(y, true).expect("year")),
            limit: 10,
            facets: if facets {
                vec!["speaker".into(), "outlet".into(), "year".into()]
            } else {
                Vec::new()
            },
            facet_limit: 10,
            ..SearchRequest::default()
        }
    }
}

fn percentile(samples: &mut [f64], p: f64) -> f64 {
    samples.sort_by(f64::total_cmp);
    let rank = ((p / 100.0 * samples.len() as f64).ceil() as usize).clamp(1, samples.len());
    samples[rank - 1]
}

fn report(label: &str, samples: &mut [f64]) {
    let n = samples.len();
    let p50 = percentile(samples, 50.0);
    let p99 = percentile(samples, 99.0);
    println!("{label:<44} n={n:<4} p50 {p50:8.3} ms   p99 {p99:8.3} ms");
}

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [queries_path, indexes @ ..] = args.as_slice() else {
        anyhow::bail!("usage: bench_query QUERIES.jsonl INDEX...");
    };
    let queries: Vec<BenchQuery> = std::fs::read_to_string(queries_path)?
        .lines()
        .map(serde_json::from_str)
        .collect::<Result<_, _>>()?;
    for index in indexes {
        let start = Instant::now();
        let searchable = Searchable::open(Path::new(index))?;
        println!(
            "index {index}: {} passages, opened in {:.1} ms",
            searchable.searcher.num_docs(),
            start.elapsed().as_secs_f64() * 1e3
        );
        for (mode, facets) in [
            ("top 10 + snippets", false),
            ("top 10 + facet counts", true),
        ] {
            for query in &queries {
                searchable.search(&query.request(facets))?;
            }
            let mut by_class: BTreeMap<&str, Vec<f64>> = BTreeMap::new();
            let mut hits = 0usize;
            let mut slowest: Vec<(f64, String, usize)> = Vec::new();
            for _round in 0..3 {
                for query in &queries {
                    let request = query.request(facets);
                    let start = Instant::now();
                    let results = searchable.search(&request)?;
                    let elapsed = start.elapsed().as_secs_f64() * 1e3;
                    hits += results.total;
                    slowest.push((elapsed, request.query.clone(), results.total));
                    by_class.entry(&query.class).or_default().push(elapsed);
                }
            }
            let mut every: Vec<f64> = by_class.values().flatten().copied().collect();
            report(&format!("polidex in-process, {mode}, all"), &mut every);
            for (class, samples) in &mut by_class {
                report(&format!("polidex in-process, {mode}, {class}"), samples);
            }
            println!("  (mean matches per query: {})", hits / (3 * queries.len()));
            slowest.sort_by(|a, b| b.0.total_cmp(&a.0));
            for (elapsed, query, total) in slowest.iter().take(5) {
                println!("  slow: {elapsed:7.2} ms  {total:>7} matches  {query}");
            }
        }
    }
    Ok(())
}
