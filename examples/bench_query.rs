//! In-process query latency: `cargo run --release --example bench_query -- QUERIES.jsonl INDEX...`
//!
//! The queries come from `benches/query_peers.py prepare` (benches/query.sh makes them). Each
//! index is opened once; every query runs once to warm up, then three timed rounds in two
//! modes: the top 10 with snippets (what `polidex search` shows), and the top 10 with facet
//! counts for speaker, outlet and year. Prints p50 and p99 per query class and overall, of
//! wall time and of the thread's CPU time (which other processes on a busy machine disturb
//! much less than wall time).

use polidex::search::{SearchRequest, Searchable};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;
use std::time::Instant;

/// The allocator the `polidex` binary runs with (src/main.rs), so that the numbers are the
/// product's.
#[cfg(not(feature = "system-alloc"))]
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

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

/// CPU time of the calling thread, in milliseconds.
fn thread_cpu_ms() -> f64 {
    let mut now = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `now` is a valid timespec for the call to write into.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut now) };
    now.tv_sec as f64 * 1e3 + now.tv_nsec as f64 / 1e6
}

fn report(label: &str, wall: &mut [f64], cpu: &mut [f64]) {
    let n = wall.len();
    println!(
        "{label:<48} n={n:<4} wall p50 {:7.3} p99 {:7.3} ms | cpu p50 {:7.3} p99 {:7.3} ms",
        percentile(wall, 50.0),
        percentile(wall, 99.0),
        percentile(cpu, 50.0),
        percentile(cpu, 99.0)
    );
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
            let mut by_class: BTreeMap<&str, (Vec<f64>, Vec<f64>)> = BTreeMap::new();
            let mut hits = 0usize;
            let mut slowest: Vec<(f64, String, usize)> = Vec::new();
            for _round in 0..3 {
                for query in &queries {
                    let request = query.request(facets);
                    let start = Instant::now();
                    let cpu_start = thread_cpu_ms();
                    let results = searchable.search(&request)?;
                    let cpu = thread_cpu_ms() - cpu_start;
                    let elapsed = start.elapsed().as_secs_f64() * 1e3;
                    hits += results.total;
                    slowest.push((elapsed, request.query.clone(), results.total));
                    let (wall, cpus) = by_class.entry(&query.class).or_default();
                    wall.push(elapsed);
                    cpus.push(cpu);
                }
            }
            let mut every_wall: Vec<f64> = by_class.values().flat_map(|c| c.0.clone()).collect();
            let mut every_cpu: Vec<f64> = by_class.values().flat_map(|c| c.1.clone()).collect();
            report(
                &format!("polidex in-process, {mode}, all"),
                &mut every_wall,
                &mut every_cpu,
            );
            for (class, (wall, cpu)) in &mut by_class {
                report(&format!("polidex in-process, {mode}, {class}"), wall, cpu);
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
