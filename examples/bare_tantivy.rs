//! The floor of this stack for issue #5: a bare tantivy program that only walks a folder,
//! reads its `.md`/`.txt` files, splits them at blank lines and indexes each paragraph in
//! one stored, stemmed text field (positions recorded), with N indexing threads and a 1 GB
//! writer heap, then commits once. No tagging, no metadata, no incremental bookkeeping:
//! what polidex's pipeline costs above this is the price of its tagging and schema.
//!
//! ```text
//! cargo run --release --example bare_tantivy -- DATA_DIR INDEX_DIR [THREADS]
//! ```

use std::path::Path;
use tantivy::schema::{IndexRecordOption, Schema, TextFieldIndexing, TextOptions, STORED};
use tantivy::{doc, Index};

#[path = "common/text_files.rs"]
mod text_files;
use text_files::walk;

fn main() -> tantivy::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(data), Some(index_dir)) = (args.first(), args.get(1)) else {
        eprintln!("usage: bare_tantivy DATA_DIR INDEX_DIR [THREADS]");
        std::process::exit(2);
    };
    if !Path::new(data).is_dir() {
        println!("skip: {data} not found");
        return Ok(());
    }
    let threads: usize = args.get(2).and_then(|t| t.parse().ok()).unwrap_or(2);
    let mut builder = Schema::builder();
    let text = builder.add_text_field(
        "text",
        TextOptions::default().set_stored().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer("en_stem")
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        ),
    );
    let path_field = builder.add_text_field("path", STORED);
    std::fs::create_dir_all(index_dir)?;
    let index = Index::create_in_dir(index_dir, builder.build())?;
    let mut writer = index.writer_with_num_threads(threads, 1_000_000_000)?;
    let mut files = Vec::new();
    walk(Path::new(data), &mut files);
    let mut paragraphs = 0u64;
    for file in &files {
        let Ok(content) = std::fs::read_to_string(file) else {
            continue;
        };
        let shown = file.display().to_string();
        for paragraph in content
            .split("\n\n")
            .map(str::trim)
            .filter(|p| !p.is_empty())
        {
            writer.add_document(doc!(text => paragraph, path_field => shown.as_str()))?;
            paragraphs += 1;
        }
    }
    writer.commit()?;
    writer.wait_merging_threads()?;
    println!("{paragraphs}");
    Ok(())
}
