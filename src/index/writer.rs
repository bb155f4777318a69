//! The ingest run: walk, read, split and tag files in parallel, replace each changed file's
//! passages, and commit once, atomically, with the manifest that describes the commit.

use super::manifest::{content_hash, FileEntry, Manifest};
use super::{open_or_create, Fields};
use crate::ingest::{self, FileError, SourceFile};
use crate::tag::TagOptions;
use anyhow::{Context, Result};
use rayon::prelude::*;
use serde::Serialize;
use std::path::PathBuf;

use tantivy::{IndexWriter, Term};

/// What an ingest run is asked to do.
#[derive(Debug, Clone)]
pub struct IngestConfig {
    pub index_dir: PathBuf,
    pub roots: Vec<PathBuf>,
    /// Remove documents whose files are gone.
    pub prune: bool,
    /// Threads for reading and tagging (None: all cores).
    pub jobs: Option<usize>,
    /// Report what would change without writing.
    pub dry_run: bool,
    /// Memory budget of tantivy's writer, in bytes.
    pub writer_heap: usize,
    pub tag: TagOptions,
}

/// Writer memory when the caller does not choose: large enough that tantivy flushes few
/// segments on a corpus of a few hundred MB.
pub const DEFAULT_WRITER_HEAP: usize = 256 * 1024 * 1024;

impl IngestConfig {
    /// A plain ingest of `roots` into `index_dir`: no pruning, all cores, quotes on.
    pub fn new(index_dir: PathBuf, roots: Vec<PathBuf>) -> IngestConfig {
        IngestConfig {
            index_dir,
            roots,
            prune: false,
            jobs: None,
            dry_run: false,
            writer_heap: DEFAULT_WRITER_HEAP,
            tag: TagOptions::default(),
        }
    }
}

/// The contract's summary of an ingest.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct IngestSummary {
    pub added: u64,
    pub updated: u64,
    pub unchanged: u64,
    pub removed: u64,
    /// Passages in the index after the run.
    pub passages: u64,
    pub failed: Vec<FileError>,
}

/// The error for a second writer; `main` maps it to its message and exit status.
#[derive(Debug, thiserror::Error)]
#[error("{0}: index is locked by another ingest")]
pub struct IndexLocked(pub String);

/// Progress reports from a run. The binary draws a bar; tests and scripts pass [`NoProgress`].
pub trait Progress: Sync {
    fn start(&self, _files: u64, _bytes: u64) {}
    fn advance(&self, _bytes: u64) {}
    fn warn(&self, _message: &str) {}
    fn finish(&self) {}
}

/// A [`Progress`] that reports nothing.
pub struct NoProgress;
impl Progress for NoProgress {}

enum Outcome {
    Unchanged(FileEntry),
    Changed { entry: FileEntry, was_indexed: bool },
    Failed,
}

struct FileResult {
    display: String,
    outcome: Outcome,
    errors: Vec<FileError>,
}

fn process_file(
    file: &SourceFile,
    manifest: &Manifest,
    writer: Option<&IndexWriter>,
    fields: &Fields,
    tag: &TagOptions,
) -> FileResult {
    let previous = manifest.files.get(&file.display);
    let result = |outcome, errors| FileResult {
        display: file.display.clone(),
        outcome,
        errors,
    };
    if let Some(prev) = previous {
        if prev.size == file.size && prev.mtime_ns == file.mtime_ns {
            return result(Outcome::Unchanged(prev.clone()), Vec::new());
        }
    }
    let bytes = match ingest::read_bytes(&file.path) {
        Ok(bytes) => bytes,
        Err(reason) => return result(Outcome::Failed, vec![FileError::new(&file.display, reason)]),
    };
    let hash = content_hash(&bytes);
    if let Some(prev) = previous.filter(|p| p.hash == hash) {
        let entry = FileEntry {
            size: file.size,
            mtime_ns: file.mtime_ns,
            ..prev.clone()
        };
        return result(Outcome::Unchanged(entry), Vec::new());
    }
    let read = ingest::parse_bytes(&file.display, file.format, &bytes);
    if read.documents.is_empty() {
        return result(Outcome::Failed, read.errors);
    }
    // A changed file's old passages go in the same commit that adds its new ones.
    if let (Some(writer), Some(_)) = (writer, previous) {
        writer.delete_term(Term::from_field_text(fields.path, &file.display));
    }
    let mut passages = 0u64;
    for doc in &read.documents {
        for passage in crate::process(doc, tag) {
            passages += 1;
            let Some(writer) = writer else { continue };
            if let Err(err) = writer.add_document(fields.document(&passage)) {
                let reason = format!("cannot index: {err}");
                return result(Outcome::Failed, vec![FileError::new(&file.display, reason)]);
            }
        }
    }
    let entry = FileEntry {
        size: file.size,
        mtime_ns: file.mtime_ns,
        hash,
        passages,
    };
    result(
        Outcome::Changed {
            entry,
            was_indexed: previous.is_some(),
        },
        read.errors,
    )
}

fn open_writer(
    index: &tantivy::Index,
    dir: &std::path::Path,
    threads: usize,
    heap: usize,
) -> Result<IndexWriter> {
    let threads = threads.clamp(1, 8);
    let heap = heap.max(threads * 15_000_000);
    index
        .writer_with_num_threads(threads, heap)
        .map_err(|err| match err {
            tantivy::TantivyError::LockFailure(..) => {
                anyhow::Error::new(IndexLocked(dir.display().to_string()))
            }
            other => anyhow::Error::new(other)
                .context(format!("{}: cannot open index for writing", dir.display())),
        })
}

/// Runs an ingest: everything it could index is committed in one atomic commit; files that
/// failed are listed in the summary.
pub fn run(config: &IngestConfig, progress: &dyn Progress) -> Result<IngestSummary> {
    let dir = &config.index_dir;
    let (index, fields) = open_or_create(dir)?;
    let metas = index
        .load_metas()
        .with_context(|| format!("{}: cannot read index metadata", dir.display()))?;
    let manifest = Manifest::load(dir, metas.payload.as_deref())?;
    let jobs = config
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(2, |n| n.get()));
    let mut writer = if config.dry_run {
        None
    } else {
        Some(open_writer(&index, dir, jobs, config.writer_heap)?)
    };

    let (files, walk_errors) = ingest::walk(&config.roots);
    let total_bytes: u64 = files.iter().map(|f| f.size).sum();
    progress.start(files.len() as u64, total_bytes);
    for err in &walk_errors {
        progress.warn(&err.to_string());
    }
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        .build()
        .context("cannot start worker threads")?;

    let results: Vec<FileResult> = pool.install(|| {
        files
            .par_iter()
            .map(|file| {
                let result = process_file(file, &manifest, writer.as_ref(), &fields, &config.tag);
                for err in &result.errors {
                    progress.warn(&err.to_string());
                }

                progress.advance(file.size);
                result
            })
            .collect()
    });

    let mut summary = IngestSummary {
        failed: walk_errors,
        ..IngestSummary::default()
    };
    let mut next = Manifest::default();
    let mut seen = std::collections::HashSet::new();
    for result in results {
        seen.insert(result.display.clone());
        summary.failed.extend(result.errors);
        match result.outcome {
            Outcome::Unchanged(entry) => {
                summary.unchanged += 1;
                next.files.insert(result.display, entry);
            }
            Outcome::Changed { entry, was_indexed } => {
                if was_indexed {
                    summary.updated += 1;
                } else {
                    summary.added += 1;
                }
                next.files.insert(result.display, entry);
            }
            Outcome::Failed => {
                // A file that cannot be read now keeps what the index had of it.
                if let Some(prev) = manifest.files.get(&result.display) {
                    next.files.insert(result.display, prev.clone());
                }
            }
        }
    }
    for (path, entry) in &manifest.files {
        if seen.contains(path) {
            continue;
        }
        let gone = !std::path::Path::new(path).exists();
        if config.prune && gone {
            summary.removed += 1;
            if let Some(writer) = writer.as_ref() {
                writer.delete_term(Term::from_field_text(fields.path, path));
            }
        } else {
            next.files.insert(path.clone(), entry.clone());
        }
    }

    if let Some(writer) = writer.as_mut() {
        if next != manifest || metas.payload.is_none() {
            let mut prepared = writer.prepare_commit().context("cannot prepare commit")?;
            let opstamp = prepared.opstamp();
            next.save(dir, opstamp)?;
            let name = super::manifest::file_name(opstamp);
            prepared.set_payload(&name);
            prepared.commit().context("cannot commit")?;
            Manifest::remove_others(dir, &name);
        }
    }
    drop(writer);
    summary.passages = if config.dry_run {
        next.files.values().map(|e| e.passages).sum()
    } else {
        let reader = index
            .reader_builder()
            .reload_policy(tantivy::ReloadPolicy::Manual)
            .try_into()?;
        reader.searcher().num_docs()
    };
    progress.finish();
    Ok(summary)
}
