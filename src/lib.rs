//! polidex turns piles of policy documents into a searchable index of passages, each
//! tagged with who speaks, which outlet published it, and when.
//!
//! The pipeline, in module order:
//!
//! 1. [`ingest`] walks paths and reads `.txt`, `.md`, `.html`, `.json` and `.jsonl` files
//!    (optionally gzipped) into [`model::Document`]s, reporting bad files as data.
//! 2. [`passage`] splits a document into segments: paragraphs, headings, bullets, news
//!    items, captions, bios, bylines and transcript turns.
//! 3. [`tag`] finds quotations and speakers, canonical names, outlets, dates and authors,
//!    producing [`model::Passage`]s.
//! 4. [`index`] writes passages to a tantivy index, incrementally and atomically.
//! 5. [`search`] turns a request into a query with filters and facets, and renders hits.
//!
//! `ingest`, `passage` and `tag` never touch tantivy; only `index` and `search` do.

pub mod cli;
pub mod index;
pub mod ingest;
pub mod model;
pub mod passage;
pub mod search;
pub mod tag;

use model::{Document, Passage};

/// Splits and tags one document: the whole text pipeline short of the index.
pub fn process(doc: &Document, options: &tag::TagOptions) -> Vec<Passage> {
    let segments = passage::split(doc);
    tag::tag_document(doc, segments, options)
}

/// What `split` and `ingest` do with each document read: apply its row of the researcher's
/// manifest (`--metadata`), if any, then [`process`] it, so that a bug that panics on one
/// document becomes that document's error instead of ending the batch.
pub fn process_guarded(
    mut doc: Document,
    row: Option<&ingest::metadata::MetadataRow>,
    options: &tag::TagOptions,
) -> Result<Vec<Passage>, String> {
    if let Some(row) = row {
        row.apply(&mut doc.meta);
    }
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| process(&doc, options))).map_err(
        |payload| {
            let message = payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            format!("internal error while splitting and tagging (please report): {message}")
        },
    )
}
