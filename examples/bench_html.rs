//! Throughput of the HTML reader, on one thread, in CPU time (so the figure is per core,
//! and other processes on a shared machine do not slow it down): decoding,
//! parsing, main-content extraction and metadata, through `read_html_bytes`, the path
//! `polidex ingest` takes. Pages are read and gunzipped before the clock starts.
//!
//! Usage: `cargo run --release --example bench_html -- [DIR] [--runs N]`, DIR being
//! `../shared/data/article-extraction-benchmark` by default (its `html/*.html.gz`); when it
//! is absent only the synthetic pages are timed. Then a generated 20 MB article page and a
//! 10,000-deep page are timed too.

use polidex::ingest::html::{read_html_bytes, HtmlOptions};
use std::path::PathBuf;
use std::time::{Duration, Instant};

fn main() {
    let mut dir = PathBuf::from("../shared/data/article-extraction-benchmark");
    let mut runs = 5usize;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        if arg == "--runs" {
            runs = args.next().and_then(|n| n.parse().ok()).unwrap_or(runs);
        } else {
            dir = PathBuf::from(arg);
        }
    }
    let pages = load_pages(&dir.join("html"));
    if pages.is_empty() {
        println!(
            "skipping benchmark pages: {} not found",
            dir.join("html").display()
        );
    } else {
        let bytes: usize = pages.iter().map(Vec::len).sum();
        let times: Vec<(Duration, Duration)> = (0..runs).map(|_| time_pages(&pages)).collect();
        report(&format!("{} benchmark pages", pages.len()), bytes, &times);
    }

    let big = synthetic_article(20_000_000);
    let times: Vec<(Duration, Duration)> = (0..runs.min(3))
        .map(|_| time_pages(std::slice::from_ref(&big)))
        .collect();
    report("one generated 20 MB article page", big.len(), &times);

    let depth = 10_000;
    let deep = format!(
        "<html><body>{}<p>Deep text, with a comma.</p>{}</body></html>",
        "<div>".repeat(depth),
        "</div>".repeat(depth)
    )
    .into_bytes();
    // Read 20 times per run: one read is too short for the CPU clock.
    let deep_pages = vec![deep; 20];
    let times: Vec<(Duration, Duration)> =
        (0..runs.min(3)).map(|_| time_pages(&deep_pages)).collect();
    report(
        "a 10,000-deep page, 20 times",
        deep_pages.iter().map(Vec::len).sum(),
        &times,
    );
}

fn load_pages(dir: &std::path::Path) -> Vec<Vec<u8>> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    paths
        .iter()
        .filter_map(|path| polidex::ingest::read_bytes(path).ok())
        .collect()
}

/// Time on the CPU of this (single) thread so far, from Linux's schedstat, so that other
/// processes on a shared machine do not enter the figure; `None` elsewhere.
fn cpu_time() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let nanos: u64 = stat.split_whitespace().next()?.parse().ok()?;
    Some(Duration::from_nanos(nanos))
}

/// CPU time spent reading the pages once (wall time where CPU time is unknown), and the
/// wall time.
fn time_pages(pages: &[Vec<u8>]) -> (Duration, Duration) {
    let started = Instant::now();
    let cpu_started = cpu_time();
    let mut blocks = 0usize;
    for page in pages {
        if let Ok(page) = read_html_bytes(page, &HtmlOptions::default()) {
            blocks += page.blocks.len();
        }
    }
    std::hint::black_box(blocks);
    let wall = started.elapsed();
    match (cpu_started, cpu_time()) {
        (Some(before), Some(after)) => (after - before, wall),
        _ => (wall, wall),
    }
}

fn report(label: &str, bytes: usize, times: &[(Duration, Duration)]) {
    let sorted = |pick: fn(&(Duration, Duration)) -> Duration| {
        let mut secs: Vec<f64> = times.iter().map(|t| pick(t).as_secs_f64()).collect();
        secs.sort_by(f64::total_cmp);
        secs
    };
    let cpu = sorted(|t| t.0);
    let wall = sorted(|t| t.1);
    let median = cpu[cpu.len() / 2].max(1e-6);
    let mb = bytes as f64 / 1e6;
    println!(
        "{label}: {mb:.1} MB, median {median:.3} s CPU of {} runs (range {:.3}-{:.3} s): {:.1} MB/s on one core; wall median {:.3} s",
        cpu.len(),
        cpu[0],
        cpu[cpu.len() - 1],
        mb / median,
        wall[wall.len() / 2]
    );
}

/// A news page of about `size` bytes: navigation, a long article, related links, footer.
fn synthetic_article(size: usize) -> Vec<u8> {
    let mut page = String::with_capacity(size + 4096);
    page.push_str(
        "<!doctype html><html><head><meta charset=\"utf-8\"><title>Generated page</title>",
    );
    page.push_str(
        "<meta property=\"article:published_time\" content=\"2021-03-04T10:00:00Z\"></head><body>",
    );
    page.push_str(
        "<nav><ul><li><a href=\"/\">Home</a></li><li><a href=\"/w\">World</a></li></ul></nav>",
    );
    page.push_str("<article><h1>Generated page</h1>");
    let mut n = 0usize;
    while page.len() < size {
        n += 1;
        page.push_str(&format!(
            "<p>Paragraph {n}: negotiators met again in Velmora, and <a href=\"/x{n}\">officials</a> said the talks, now in their third week, were <b>constructive</b>.</p>"
        ));
        if n.is_multiple_of(20) {
            page.push_str("<h2>Section</h2><ul><li>One point</li><li>Another point</li></ul>");
        }
    }
    page.push_str("</article><aside class=\"related\"><a href=\"/r\">Related</a></aside><footer>Footer</footer></body></html>");
    page.into_bytes()
}
