//! The prose analyzer's speed (issue #5): the tokenizer chain that every word of every
//! passage, title and quotation goes through at indexing time. Reads the `.md`/`.txt`
//! files under a folder, splits them at blank lines, and runs each paragraph through
//! polidex's prose analyzer and through tantivy's own `en_stem`, checking that both give
//! the same tokens and printing nanoseconds per token for each (best of a few rounds, one
//! thread).
//!
//! ```text
//! cargo run --release --example bench_analyzer -- DATA_DIR [MAX_MB]
//! ```

use std::path::Path;
use std::time::Instant;
use tantivy::tokenizer::{TextAnalyzer, TokenizerManager};

#[path = "common/text_files.rs"]
mod text_files;
use text_files::walk;

/// Tokens of every paragraph, and a checksum of their texts and positions.
fn run(analyzer: &mut TextAnalyzer, paragraphs: &[String]) -> (u64, u64) {
    let (mut tokens, mut sum) = (0u64, 0u64);
    for paragraph in paragraphs {
        let mut stream = analyzer.token_stream(paragraph);
        while stream.advance() {
            let token = stream.token();
            tokens += 1;
            sum = sum
                .wrapping_mul(31)
                .wrapping_add(token.text.len() as u64 + token.position as u64)
                .wrapping_add(token.text.bytes().next().unwrap_or(0) as u64);
        }
    }
    (tokens, sum)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(data) = args.first() else {
        eprintln!("usage: bench_analyzer DATA_DIR [MAX_MB]");
        std::process::exit(2);
    };
    if !Path::new(data).is_dir() {
        println!("skip: {data} not found");
        return;
    }
    let max_bytes = args
        .get(1)
        .and_then(|mb| mb.parse::<usize>().ok())
        .unwrap_or(40)
        * 1_000_000;
    let mut files = Vec::new();
    walk(Path::new(data), &mut files);
    let mut paragraphs = Vec::new();
    let mut bytes = 0;
    for file in files {
        let Ok(text) = std::fs::read_to_string(&file) else {
            continue;
        };
        for paragraph in text.split("\n\n").map(str::trim).filter(|p| !p.is_empty()) {
            bytes += paragraph.len();
            paragraphs.push(paragraph.to_owned());
        }
        if bytes >= max_bytes {
            break;
        }
    }
    let mut ours = polidex::index::stem::prose_analyzer();
    let mut theirs = TokenizerManager::default().get("en_stem").expect("en_stem");
    let best = |analyzer: &mut TextAnalyzer| {
        let mut fastest = f64::MAX;
        let mut result = (0, 0);
        for _ in 0..3 {
            let start = Instant::now();
            result = run(analyzer, &paragraphs);
            fastest = fastest.min(start.elapsed().as_secs_f64());
        }
        (fastest, result)
    };
    let (ours_secs, ours_result) = best(&mut ours);
    let (theirs_secs, theirs_result) = best(&mut theirs);
    assert_eq!(ours_result, theirs_result, "the analyzers disagree");
    let mut plain = TokenizerManager::default().get("default").expect("default");
    let (plain_secs, _) = best(&mut plain);
    let tokens = ours_result.0 as f64;
    println!(
        "{} paragraphs, {:.1} MB, {} tokens",
        paragraphs.len(),
        bytes as f64 / 1e6,
        ours_result.0
    );
    println!(
        "polidex prose analyzer: {:.1} ns/token ({:.2} s)",
        ours_secs * 1e9 / tokens,
        ours_secs
    );
    println!(
        "tantivy en_stem:        {:.1} ns/token ({:.2} s)",
        theirs_secs * 1e9 / tokens,
        theirs_secs
    );
    println!(
        "tantivy default (no stemming, the floor): {:.1} ns/token ({:.2} s)",
        plain_secs * 1e9 / tokens,
        plain_secs
    );
}
