//! The ingest run: walk, read, split and tag files in parallel, replace each changed file's
//! passages, and commit periodically, each commit atomic with the manifest that describes it.
//!
//! Files flow through a pipeline with bounded memory: rayon workers read, split, tag and
//! build tantivy documents; a bounded channel hands finished files to one loop that owns the
//! `IndexWriter` (which indexes on its own threads). That loop deletes a changed file's old
//! passages and adds its new ones back to back, so both always land in the same commit, and
//! it commits every `commit_every` changed files or `commit_bytes` bytes of passage text
//! (which keeps the writer's in-memory segment small), and at least every `commit_secs`
//! seconds while files change, with a manifest naming exactly the files added so far.
//! The manifest it writes is the last commit's, which the workers read, with the run's
//! changes merged in ([`NextManifest`]): never a second copy of it. A crash (even SIGKILL)
//! leaves the last commit and its manifest; the next run skips what that commit holds and
//! redoes the rest.

use super::manifest::{
    content_hash, content_hash_stream, FileEntry, Fingerprint, Manifest, NextManifest,
};
use super::{open_or_create, Fields};
use crate::ingest::{self, FileError, SourceFile};
use crate::tag::TagOptions;
use anyhow::{Context, Result};
use rayon::prelude::*;
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use tantivy::{IndexWriter, TantivyDocument, Term};

/// What an ingest run is asked to do.
#[derive(Debug, Clone)]
pub struct IngestConfig {
    pub index_dir: PathBuf,
    pub roots: Vec<PathBuf>,
    /// Remove documents whose files are gone.
    pub prune: bool,
    /// Threads for reading and tagging (None: all cores); tantivy indexes on half as many
    /// ([`indexing_threads`]).
    pub jobs: Option<usize>,
    /// Report what would change without writing.
    pub dry_run: bool,
    /// Memory budget of tantivy's writer, in bytes.
    pub writer_heap: usize,
    /// Commit after this many changed files (0: no count bound).
    pub commit_every: usize,
    /// Commit after this many bytes of passage text were added (0: no byte bound): this
    /// keeps the writer's in-memory segment small whatever the files hold.
    pub commit_bytes: u64,
    /// Commit when this many seconds have passed since the last commit and files changed
    /// (0: no time bound). With all three bounds 0, only at the end.
    pub commit_secs: u64,
    /// When another ingest holds the index, wait for it instead of failing.
    pub wait_for_lock: bool,
    /// Files larger than this (after decompression) are reported, not read.
    pub max_file_bytes: u64,
    /// Set from outside (Ctrl-C) to stop reading new files; the run then commits what it
    /// has and returns with `interrupted` set.
    pub stop: Arc<AtomicBool>,
    pub tag: TagOptions,
    /// A researcher's manifest whose rows override documents' metadata (`--metadata`).
    pub metadata: Option<Arc<crate::ingest::metadata::MetadataTable>>,
}

/// Writer memory when the caller does not choose: large enough that tantivy flushes few
/// segments on a corpus of a few hundred MB, small enough to keep the whole run well under
/// 500 MB.
pub const DEFAULT_WRITER_HEAP: usize = 256 * 1024 * 1024;

/// Changed files per commit when the caller does not choose. With [`DEFAULT_COMMIT_SECS`],
/// a crash loses at most this many files or that much time of work, whichever is less.
/// Each commit flushes every indexing thread's segment and stalls the workers meanwhile,
/// and small segments cost merges later: on the White House corpus (14,396 pages, about 12
/// s of work) these defaults took 9% less time and 4% less CPU than a commit every 2,000
/// files (BENCHMARKS.md, session 6).
pub const DEFAULT_COMMIT_EVERY: usize = 10_000;

/// Seconds between commits while files change, when the caller does not choose.
pub const DEFAULT_COMMIT_SECS: u64 = 60;

/// Bytes of passage text per commit when the caller does not choose. The writer's
/// in-memory segment grows with the text added since the last commit, up to the whole
/// writer heap; ten thousand files of transcripts fill it, ten thousand press releases
/// do not, so a count bound alone let peak memory follow which files a corpus holds and
/// how many of them there are. Committing by text keeps the segment well under the heap.
pub const DEFAULT_COMMIT_BYTES: u64 = 64 * 1024 * 1024;

/// The file beside the index that names the process holding the writer lock. It is only
/// ever read to explain a lock failure: the lock itself is tantivy's, which the operating
/// system releases when its holder dies, so a stale pid file never blocks a run.
pub const PID_FILE: &str = "ingest.pid";

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
            commit_every: DEFAULT_COMMIT_EVERY,
            commit_bytes: DEFAULT_COMMIT_BYTES,
            commit_secs: DEFAULT_COMMIT_SECS,
            wait_for_lock: false,
            max_file_bytes: ingest::DEFAULT_MAX_FILE_BYTES,
            stop: Arc::new(AtomicBool::new(false)),
            tag: TagOptions::default(),
            metadata: None,
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
    /// Commits this run made.
    pub commits: u64,
    /// True when the run was stopped (Ctrl-C) before it had read every file; what it had
    /// read is committed, and the next run does the rest.
    pub interrupted: bool,
}

/// The error for a second writer; `main` maps it to its message and exit status.
#[derive(Debug, thiserror::Error)]
#[error("{dir}: index is locked by another ingest ({})", holder_text(*.pid))]
pub struct IndexLocked {
    pub dir: String,
    /// The holder's process id, when its pid file could be read.
    pub pid: Option<u32>,
}

fn holder_text(pid: Option<u32>) -> String {
    pid.map_or_else(|| "pid unknown".to_owned(), |pid| format!("pid {pid}"))
}

/// Progress reports from a run. The binary draws a bar; tests and scripts pass [`NoProgress`].
pub trait Progress: Sync {
    fn start(&self, _files: u64, _bytes: u64) {}
    /// One file done, of `bytes` bytes on disk.
    fn advance(&self, _bytes: u64) {}
    fn warn(&self, _message: &str) {}
    fn finish(&self) {}
}

/// A [`Progress`] that reports nothing.
pub struct NoProgress;
impl Progress for NoProgress {}

enum Outcome {
    Unchanged(FileEntry),
    /// Some documents of a file read as a stream; more follow, and `Changed` or `Failed`
    /// closes it. The applier commits nothing while a file is open.
    Part {
        was_indexed: bool,
        documents: Documents,
    },
    Changed {
        entry: FileEntry,
        was_indexed: bool,
        documents: Documents,
    },
    Failed,
}

/// A file's (or a streamed part's) tantivy documents, and the bytes of passage text in them.
#[derive(Default)]
struct Documents {
    documents: Vec<TantivyDocument>,
    text_bytes: u64,
}

struct FileResult {
    /// The file's document identity: its key in the manifest and its `path` in the index.
    id: String,
    /// An old manifest's key for the same file (see [`Manifest::legacy`]): its passages are
    /// replaced by the file's, under the new identity.
    replaces: Option<String>,
    size: u64,
    outcome: Outcome,
    errors: Vec<FileError>,
}

/// What the workers need to prepare a file; shared by reference across threads.
struct Prepare<'a> {
    manifest: &'a Manifest,
    fields: &'a Fields,
    tag: &'a TagOptions,
    max_file_bytes: u64,
    /// False for a dry run: passages are counted, no tantivy documents are built.
    build_documents: bool,
    metadata: Option<&'a crate::ingest::metadata::MetadataTable>,
}

impl Prepare<'_> {
    /// Reads, splits and tags one file into tantivy documents, or decides it is unchanged,
    /// and hands the result to `send` (in several parts for a streamed file). Touches no
    /// index.
    fn file(&self, file: &SourceFile, replaces: Option<&String>, send: &mut dyn FnMut(FileResult)) {
        let was_indexed = self
            .manifest
            .files
            .contains_key(replaces.unwrap_or(&file.id));
        // A file known under an old key is read again: its passages carry its path.
        let previous = match replaces {
            Some(_) => None,
            None => self.manifest.files.get(&file.id),
        };
        // A manifest row is part of what the file's passages depend on: its fingerprint
        // goes into the content hash, so editing the row re-tags the file.
        let row = self.metadata.and_then(|m| m.lookup(&file.id));
        let row_print = row.map(|r| r.fingerprint());
        let previous_same = previous.filter(|p| p.hash.row == row_print);
        let mut result = |outcome, errors| {
            send(FileResult {
                id: file.id.clone(),
                replaces: replaces.cloned(),
                size: file.size,
                outcome,
                errors,
            })
        };
        if let Some(prev) = previous_same {
            if prev.size == file.size && prev.mtime_ns == file.mtime_ns {
                return result(Outcome::Unchanged(prev.clone()), Vec::new());
            }
        }
        if ingest::is_streamed(file) {
            return self.streamed_file(file, previous, was_indexed, row, row_print, &mut result);
        }
        let bytes = match ingest::read_bytes_limited(&file.path, self.max_file_bytes) {
            Ok(bytes) => bytes,
            Err(reason) => {
                return result(
                    Outcome::Failed,
                    vec![FileError::new(&file.display(), reason)],
                )
            }
        };
        let hash = content_hash(&bytes).with_row(row_print);
        if let Some(prev) = previous.filter(|p| p.hash == hash) {
            return result(Outcome::Unchanged(touched(prev, file)), Vec::new());
        }
        let mut read = ingest::parse_bytes(&file.display(), file.format, &bytes);
        read.set_identity(&file.id);
        drop(bytes);
        if read.documents.is_empty() {
            return result(Outcome::Failed, read.errors);
        }
        let (documents, passages) = match self.documents(read.documents, row) {
            Ok(done) => done,
            Err(reason) => {
                return result(
                    Outcome::Failed,
                    vec![FileError::new(&file.display(), reason)],
                )
            }
        };
        let outcome = changed(file, hash, passages, was_indexed, documents);
        result(outcome, read.errors)
    }

    /// A large JSON Lines file: hashed in one pass (which also proves a gzip whole), then
    /// read in chunks, each sent as soon as it is tagged, so memory stays bounded.
    fn streamed_file(
        &self,
        file: &SourceFile,
        previous: Option<&FileEntry>,
        was_indexed: bool,
        row: Option<&crate::ingest::metadata::MetadataRow>,
        row_print: Option<u64>,
        result: &mut dyn FnMut(Outcome, Vec<FileError>),
    ) {
        let display = file.display();
        let fail = |reason: String| vec![FileError::new(&display, reason)];
        let hash = ingest::open_stream(&file.path).and_then(|mut reader| {
            content_hash_stream(&mut reader)
                .map(|hash| hash.with_row(row_print))
                .map_err(|err| format!("corrupt gzip stream: {err}"))
        });
        let hash = match hash {
            Ok(hash) => hash,
            Err(reason) => return result(Outcome::Failed, fail(reason)),
        };
        if let Some(prev) = previous.filter(|p| p.hash == hash) {
            return result(Outcome::Unchanged(touched(prev, file)), Vec::new());
        }
        let mut reader = match ingest::open_stream(&file.path) {
            Ok(reader) => reader,
            Err(reason) => return result(Outcome::Failed, fail(reason)),
        };
        let mut passages = 0u64;
        let mut sent_parts = false;
        let mut tagging_failed: Option<String> = None;
        let read = ingest::read_jsonl_chunks(
            &display,
            &mut reader,
            ingest::JSONL_CHUNK_BYTES,
            self.max_file_bytes,
            &mut |mut chunk| {
                if tagging_failed.is_some() {
                    return;
                }
                chunk.set_identity(&file.id);
                sent_parts |= !chunk.documents.is_empty();
                let (documents, n_passages) = match self.documents(chunk.documents, row) {
                    Ok(done) => done,
                    Err(reason) => {
                        tagging_failed = Some(reason);
                        return;
                    }
                };
                passages += n_passages;
                let part = Outcome::Part {
                    was_indexed,
                    documents,
                };
                result(part, chunk.errors);
            },
        );
        match read.and_then(|()| tagging_failed.map_or(Ok(()), Err)) {
            Err(reason) => result(Outcome::Failed, fail(reason)),
            Ok(()) if !sent_parts => result(
                Outcome::Failed,
                fail("no documents in this JSON Lines file".to_owned()),
            ),
            Ok(()) => {
                let outcome = changed(file, hash, passages, was_indexed, Documents::default());
                result(outcome, Vec::new())
            }
        }
    }

    /// Splits and tags documents into tantivy documents (none in a dry run), and counts
    /// their passages.
    fn documents(
        &self,
        docs: Vec<crate::model::Document>,
        row: Option<&crate::ingest::metadata::MetadataRow>,
    ) -> Result<(Documents, u64), String> {
        let mut passages = 0u64;
        let mut built = Documents::default();
        for doc in docs {
            // A tagger bug on one document fails its file, which keeps what the index had.
            for passage in crate::process_guarded(doc, row, self.tag)? {
                passages += 1;
                if self.build_documents {
                    built.text_bytes += passage.text.len() as u64;
                    built.documents.push(self.fields.document(&passage));
                }
            }
        }
        Ok((built, passages))
    }
}

/// The outcome for a file read anew: its new manifest entry and its documents (for a
/// streamed file, its last part's).
fn changed(
    file: &SourceFile,
    hash: Fingerprint,
    passages: u64,
    was_indexed: bool,
    documents: Documents,
) -> Outcome {
    let entry = FileEntry {
        size: file.size,
        mtime_ns: file.mtime_ns,
        hash,
        passages,
    };
    Outcome::Changed {
        entry,
        was_indexed,
        documents,
    }
}

/// The manifest entry of a file whose content is unchanged but whose size on disk or
/// modification time moved (touched, or recompressed).
fn touched(prev: &FileEntry, file: &SourceFile) -> FileEntry {
    FileEntry {
        size: file.size,
        mtime_ns: file.mtime_ns,
        ..prev.clone()
    }
}

/// Opens the writer, retrying while another ingest holds the lock when asked to wait.
fn acquire_writer(
    index: &tantivy::Index,
    config: &IngestConfig,
    threads: usize,
    progress: &dyn Progress,
) -> Result<IndexWriter> {
    let dir = &config.index_dir;
    let threads = indexing_threads(threads);
    let heap = config.writer_heap.max(threads * 15_000_000);
    let mut announced = false;
    loop {
        // One merge at a time: concurrent merges of ever bigger segments are what made
        // memory grow with the corpus.
        let options = tantivy::indexer::IndexWriterOptions::builder()
            .memory_budget_per_thread(heap / threads)
            .num_worker_threads(threads)
            .num_merge_threads(MERGE_THREADS)
            .build();
        match index.writer_with_options(options) {
            Ok(writer) => {
                writer.set_merge_policy(Box::new(merge_policy()));
                // Informational only (see PID_FILE): a failure to write it is no reason to stop.
                let _ = std::fs::write(dir.join(PID_FILE), std::process::id().to_string());
                return Ok(writer);
            }
            Err(tantivy::TantivyError::LockFailure(..)) => {
                let locked = IndexLocked {
                    dir: dir.display().to_string(),
                    pid: lock_holder(dir),
                };
                if !config.wait_for_lock {
                    return Err(locked.into());
                }
                if config.stop.load(Ordering::SeqCst) {
                    anyhow::bail!("{}: interrupted while waiting for the lock", locked.dir);
                }
                if !announced {
                    progress.warn(&format!("{locked}; waiting for it to finish"));
                    announced = true;
                }
                std::thread::sleep(Duration::from_millis(200));
            }
            Err(other) => {
                return Err(anyhow::Error::new(other)
                    .context(format!("{}: cannot open index for writing", dir.display())))
            }
        }
    }
}

/// Merges tantivy runs at once (its default is four).
pub const MERGE_THREADS: usize = 1;

/// tantivy's indexing threads for a run with `jobs` workers: half of them (at least one,
/// at most eight). Reading, splitting and tagging a passage cost about as much CPU as
/// indexing it, so the two stages keep the cores equally busy this way; and every indexing
/// thread writes a segment of its own at each commit, so fewer threads leave fewer
/// segments to merge. On 2 cores one indexing thread took 12% less CPU and 10-20% less
/// wall time than two for the White House corpus, and left it as compact without the final
/// merges having to work (BENCHMARKS.md, session 7).
pub fn indexing_threads(jobs: usize) -> usize {
    (jobs / 2).clamp(1, 8)
}

/// The most passages one merge may produce while a run indexes. Merges bigger than this are
/// what made memory (and time per document) grow with the corpus: their inputs are mapped
/// and read whole, alongside the indexing threads' buffers.
pub const MAX_MERGED_DOCS: u64 = 300_000;

/// The most passages one merge of a run's last commit may produce. The segments a merge
/// reads are mapped, and every page it touches counts in the process's resident memory
/// until the merge ends: at about 350 bytes of index per passage, a merge of 100,000
/// passages maps some 35 MB, where one at [`MAX_MERGED_DOCS`] mapped 100-130 MB at the very
/// end of a run over four times the White House corpus (BENCHMARKS.md, session 10).
pub const COMPACTION_MAX_DOCS: u64 = 100_000;

/// tantivy's log merge policy, with every merge capped at [`MAX_MERGED_DOCS`] passages so
/// that merge cost and the memory it maps stay flat as the index grows; segments that
/// reached the cap are left as they are.
#[derive(Debug)]
struct CappedMergePolicy {
    inner: tantivy::merge_policy::LogMergePolicy,
    /// The most passages one merge may produce.
    cap: u64,
}

/// The policy while a run indexes: tantivy's defaults (eight segments of about the same
/// size merge), capped at [`MAX_MERGED_DOCS`].
fn merge_policy() -> CappedMergePolicy {
    let mut inner = tantivy::merge_policy::LogMergePolicy::default();
    inner.set_max_docs_before_merge(MAX_MERGED_DOCS as usize / 2);
    CappedMergePolicy {
        inner,
        cap: MAX_MERGED_DOCS,
    }
}

/// The policy of a run's last commit: any two segments within a factor of four of each
/// other's size merge, again and again as merges finish, up to [`COMPACTION_MAX_DOCS`].
/// A run that added a few files merges its small new segments with the index's other small
/// ones and leaves the big ones alone, so compacting costs in proportion to what the run
/// added (log-structured), while a first ingest ends with a few big segments instead of a
/// dozen or more small ones: search pays per segment (on the White House corpus, 16
/// segments answered a one-shot search in 11 ms of CPU, 4 in 7.7 ms).
fn compaction_policy() -> CappedMergePolicy {
    let mut inner = tantivy::merge_policy::LogMergePolicy::default();
    inner.set_max_docs_before_merge(COMPACTION_MAX_DOCS as usize);
    inner.set_min_num_segments(2);
    inner.set_level_log_size(2.0);
    CappedMergePolicy {
        inner,
        cap: COMPACTION_MAX_DOCS,
    }
}

impl tantivy::merge_policy::MergePolicy for CappedMergePolicy {
    fn compute_merge_candidates(
        &self,
        segments: &[tantivy::index::SegmentMeta],
    ) -> Vec<tantivy::merge_policy::MergeCandidate> {
        let docs: std::collections::HashMap<tantivy::index::SegmentId, u64> = segments
            .iter()
            .map(|s| (s.id(), u64::from(s.num_docs())))
            .collect();
        self.inner
            .compute_merge_candidates(segments)
            .into_iter()
            .filter_map(|candidate| {
                // Keep the smallest segments of the candidate that fit under the cap.
                let mut ids = candidate.0;
                ids.sort_by_key(|id| docs.get(id).copied().unwrap_or(0));
                let mut total = 0u64;
                ids.retain(|id| {
                    total += docs.get(id).copied().unwrap_or(0);
                    total <= self.cap
                });
                (ids.len() >= 2).then_some(tantivy::merge_policy::MergeCandidate(ids))
            })
            .collect()
    }
}

/// The pid an ingest holding `dir` wrote, if any.
fn lock_holder(dir: &Path) -> Option<u32> {
    std::fs::read_to_string(dir.join(PID_FILE))
        .ok()?
        .trim()
        .parse()
        .ok()
}

/// Commits what the writer holds, atomically with `manifest`: the manifest is durable
/// before the commit whose payload names it.
fn commit(writer: &mut IndexWriter, dir: &Path, manifest: &NextManifest<'_>) -> Result<()> {
    let mut prepared = writer.prepare_commit().context("cannot prepare commit")?;
    let opstamp = prepared.opstamp();
    if let Err(err) = manifest.save(dir, opstamp) {
        let _ = prepared.abort();
        return Err(err);
    }
    let name = super::manifest::file_name(opstamp);
    prepared.set_payload(&name);
    prepared.commit().context("cannot commit")?;
    Manifest::remove_others(dir, &name);
    Ok(())
}

/// The loop that owns the writer: it applies finished files and commits periodically.
struct Applier<'a> {
    writer: Option<IndexWriter>,
    fields: &'a Fields,
    dir: &'a Path,
    bounds: CommitBounds,
    last_commit: std::time::Instant,
    /// The manifest of the index as it will be after the next commit.
    next: NextManifest<'a>,
    /// True when `next` differs from the last committed manifest.
    dirty: bool,
    changed_since_commit: usize,
    /// Bytes of passage text added since the last commit.
    bytes_since_commit: u64,
    /// Streamed files whose first parts are in the writer and whose last part is not.
    open: std::collections::HashSet<String>,
    summary: IngestSummary,
}

impl Applier<'_> {
    fn apply(&mut self, result: FileResult, progress: &dyn Progress) -> Result<()> {
        for err in &result.errors {
            progress.warn(&err.to_string());
        }
        self.summary.failed.extend(result.errors);
        let display = result.id;
        // What the index knew the file as: an old manifest's key, or its identity.
        let old_key = result.replaces.as_deref().unwrap_or(&display);
        match result.outcome {
            Outcome::Unchanged(entry) => {
                self.summary.unchanged += 1;
                if self.next.remove_legacy(&display) {
                    self.dirty = true;
                }
                if self.next.get(&display) != Some(&entry) {
                    self.next.insert(display, entry);
                    self.dirty = true;
                }
            }
            Outcome::Part {
                was_indexed,
                documents,
            } => {
                let first = self.open.insert(display.clone());
                self.add(old_key, first && was_indexed, documents)?;
                // More of this file follows: not done, and no commit may split it.
                return Ok(());
            }
            Outcome::Changed {
                entry,
                was_indexed,
                documents,
            } => {
                if was_indexed {
                    self.summary.updated += 1;
                } else {
                    self.summary.added += 1;
                }
                let continued = self.open.remove(&display);
                self.add(old_key, was_indexed && !continued, documents)?;
                if let Some(old) = &result.replaces {
                    self.next.remove(old);
                    self.next.remove_legacy(old);
                }
                self.next.remove_legacy(&display);
                self.next.insert(display, entry);
                self.dirty = true;
                self.changed_since_commit += 1;
            }
            // A file that cannot be read now keeps what the index had of it...
            Outcome::Failed => {
                // ...unless it broke part way through a stream, after its old passages were
                // deleted and some new ones added: then it is removed whole, and the next
                // run reads it as a new file.
                if self.open.remove(&display) {
                    if let Some(writer) = &self.writer {
                        writer.delete_term(Term::from_field_text(self.fields.path, &display));
                    }
                    self.next.remove(&display);
                    if let Some(old) = &result.replaces {
                        self.next.remove(old);
                        self.next.remove_legacy(old);
                    }
                    self.dirty = true;
                }
            }
        }
        progress.advance(result.size);
        let since = Since {
            files: self.changed_since_commit,
            bytes: self.bytes_since_commit,
            time: self.last_commit.elapsed(),
        };
        if self.bounds.due(&since) && self.open.is_empty() {
            self.commit()?;
        }
        Ok(())
    }

    /// Adds a file's documents, deleting the passages indexed under `old_key` (its identity,
    /// or an old manifest's key for it) first when asked. The old
    /// passages go in the same commit as the new ones: nothing else can commit between
    /// these calls, because this loop alone commits.
    fn add(&mut self, old_key: &str, delete_old: bool, documents: Documents) -> Result<()> {
        let Some(writer) = &self.writer else {
            return Ok(());
        };
        if delete_old {
            writer.delete_term(Term::from_field_text(self.fields.path, old_key));
        }
        self.bytes_since_commit += documents.text_bytes;
        for document in documents.documents {
            writer
                .add_document(document)
                .context("cannot add a passage to the index")?;
        }
        Ok(())
    }

    fn commit(&mut self) -> Result<()> {
        if let Some(writer) = self.writer.as_mut() {
            commit(writer, self.dir, &self.next)?;
            self.summary.commits += 1;
        }
        self.dirty = false;
        self.changed_since_commit = 0;
        self.bytes_since_commit = 0;
        self.last_commit = std::time::Instant::now();
        Ok(())
    }
}

/// When a run commits: after so many changed files, so many bytes of passage text (0: no
/// such bound), or so much time (None: no time bound), whichever comes first.
#[derive(Debug, Clone, Copy)]
struct CommitBounds {
    files: usize,
    bytes: u64,
    interval: Option<Duration>,
}

/// What a run did since its last commit.
struct Since {
    files: usize,
    bytes: u64,
    time: Duration,
}

impl CommitBounds {
    /// Whether a run that did `since` since its last commit commits now: only once a file
    /// changed, and then when any bound is reached.
    fn due(&self, since: &Since) -> bool {
        let reached = |bound: u64, done: u64| bound > 0 && done >= bound;
        since.files > 0
            && (reached(self.files as u64, since.files as u64)
                || reached(self.bytes, since.bytes)
                || self.interval.is_some_and(|i| since.time >= i))
    }
}

/// The hash a run remembers a file's identity by: what it needs to read each file once
/// when the roots name it twice and to tell, for `--prune`, which files it found, without
/// holding every path of the corpus for the whole run.
fn identity_hash(id: &str) -> u128 {
    xxhash_rust::xxh3::xxh3_128(id.as_bytes())
}

/// Records this run's roots in `manifest.roots` and finds their locations (`None` for a
/// root that cannot be named, with an error). Returns the locations, in the order of
/// `roots`, and those of the roots that could be named (what `--prune` may prune under).
fn locate_roots(
    manifest: &mut Manifest,
    roots: &[PathBuf],
    errors: &mut Vec<FileError>,
) -> (Vec<Option<PathBuf>>, Vec<PathBuf>) {
    let mut scopes = Vec::new();
    let mut located = Vec::new();
    for root in roots {
        let location = ingest::identity::locate(root)
            .ok()
            .filter(|loc| manifest.roots.add(loc).is_some());
        if let Some(loc) = &location {
            scopes.push(loc.clone());
        } else if std::fs::symlink_metadata(root).is_ok() {
            errors.push(FileError::new(
                &ingest::display_path(root),
                "cannot tell this root's name (ingest the folders below it instead)",
            ));
        }
        located.push(location);
    }
    (located, scopes)
}

/// Gives walked files their document identity (see [`ingest::identity`]). Files that a
/// version 1 manifest knew under another key (the path as typed then) are matched to it: by
/// location from the current folder, or else by a unique key ending with the identity
/// whose location is not another file.
struct Identifier<'m> {
    manifest: &'m Manifest,
    roots: &'m [PathBuf],
    located: Vec<Option<PathBuf>>,
    /// The old keys no identity equals, by location and by every trailing part.
    by_location: std::collections::HashMap<PathBuf, &'m String>,
    by_suffix: std::collections::HashMap<&'m str, Option<&'m String>>,
    claimed: std::collections::HashSet<&'m str>,
}

impl<'m> Identifier<'m> {
    /// Identities only: no old key is matched (what counting the files needs).
    fn new(manifest: &'m Manifest, roots: &'m [PathBuf], located: Vec<Option<PathBuf>>) -> Self {
        Identifier {
            manifest,
            roots,
            located,
            by_location: std::collections::HashMap::new(),
            by_suffix: std::collections::HashMap::new(),
            claimed: std::collections::HashSet::new(),
        }
    }

    /// Also matches files to the old keys of a version 1 manifest.
    fn matching_old_keys(mut self) -> Self {
        for key in &self.manifest.legacy {
            if let Some(loc) = ingest::identity::lexical_absolute(Path::new(key.as_str())) {
                self.by_location.insert(loc, key);
            }
            for (at, _) in key.match_indices('/') {
                self.by_suffix
                    .entry(&key[at + 1..])
                    .and_modify(|seen| *seen = None)
                    .or_insert(Some(key));
            }
        }
        self
    }

    /// Sets `file.id` to the file's identity and returns the old manifest key it replaces,
    /// if any; `None` for a file of a root that cannot be named.
    fn identify(&mut self, file: &mut SourceFile) -> Option<Option<String>> {
        let root_loc = self.located[file.root].as_ref()?;
        let rel = file
            .path
            .strip_prefix(&self.roots[file.root])
            .unwrap_or(Path::new(""));
        let location = if rel.as_os_str().is_empty() {
            root_loc.clone()
        } else {
            root_loc.join(rel)
        };
        file.id = self.manifest.roots.identity_of(&location)?;
        let no_old_keys = self.by_location.is_empty() && self.by_suffix.is_empty();
        if no_old_keys || self.manifest.files.contains_key(&file.id) {
            return Some(None);
        }
        let old = self.by_location.get(&location).copied().or_else(|| {
            self.by_suffix
                .get(file.id.as_str())
                .copied()
                .flatten()
                .filter(|key| same_or_gone(key, &file.path))
        });
        Some(old.filter(|old| self.claimed.insert(old.as_str())).cloned())
    }
}

/// Walks the roots and hands `found` every file with an identity, once (the first time the
/// roots name it, under any spelling), with the old manifest key it replaces, until `found`
/// says to stop. Walk errors go to `errors` when given. Returns the hashes of the
/// identities found.
fn each_file(
    identifier: &mut Identifier<'_>,
    mut errors: Option<&mut Vec<FileError>>,
    mut found: impl FnMut(SourceFile, Option<String>) -> std::ops::ControlFlow<()>,
) -> std::collections::HashSet<u128> {
    let mut seen = std::collections::HashSet::new();
    ingest::walk_each(identifier.roots, |walked| {
        match walked {
            Ok(mut file) => {
                if let Some(replaces) = identifier.identify(&mut file) {
                    if seen.insert(identity_hash(&file.id)) {
                        return found(file, replaces);
                    }
                }
            }
            Err(err) => {
                if let Some(errors) = errors.as_deref_mut() {
                    errors.push(err);
                }
            }
        }
        std::ops::ControlFlow::Continue(())
    });
    seen
}

/// True when an old manifest key, read from the current folder, names no file, or names
/// the file at `path`.
fn same_or_gone(key: &str, path: &Path) -> bool {
    let Some(loc) = ingest::identity::lexical_absolute(Path::new(key)) else {
        return true;
    };
    match (std::fs::metadata(&loc), std::fs::metadata(path)) {
        (Err(_), _) => true,
        #[cfg(unix)]
        (Ok(a), Ok(b)) => {
            use std::os::unix::fs::MetadataExt;
            a.dev() == b.dev() && a.ino() == b.ino()
        }
        #[cfg(not(unix))]
        (Ok(_), Ok(_)) => std::fs::canonicalize(&loc).ok() == std::fs::canonicalize(path).ok(),
        (Ok(_), Err(_)) => false,
    }
}

/// Runs an ingest. Everything it could index is committed (periodically, and at the end);
/// files that failed are listed in the summary.
pub fn run(config: &IngestConfig, progress: &dyn Progress) -> Result<IngestSummary> {
    let dir = &config.index_dir;
    // A dry run on a folder without an index creates none: everything would be added.
    let (index, fields) = if config.dry_run && !super::exists(dir) {
        (None, Fields::schema().1)
    } else {
        let (index, fields) = open_or_create(dir)?;
        (Some(index), fields)
    };
    let jobs = config
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(2, |n| n.get()))
        .max(1);
    let writer = match &index {
        Some(index) if !config.dry_run => Some(acquire_writer(index, config, jobs, progress)?),
        _ => None,
    };
    // Read the manifest only once the lock is ours: a run we waited for has changed it.
    let payload = match &index {
        Some(index) => {
            index
                .load_metas()
                .with_context(|| format!("{}: cannot read index metadata", dir.display()))?
                .payload
        }
        None => None,
    };
    let mut manifest = Manifest::load(dir, payload.as_deref())?;
    let was_v1 = !manifest.legacy.is_empty();

    let known_roots = manifest.roots.clone();
    let mut walk_errors = Vec::new();
    let (located, scopes) = locate_roots(&mut manifest, &config.roots, &mut walk_errors);
    let roots_changed = manifest.roots != known_roots;
    // A first walk counts the files and bytes for the progress report and finds the walk's
    // errors; the second hands the files to the workers as it finds them, so the run never
    // holds the list of a corpus's paths.
    let (mut total_files, mut total_bytes) = (0u64, 0u64);
    each_file(
        &mut Identifier::new(&manifest, &config.roots, located.clone()),
        Some(&mut walk_errors),
        |file, _| {
            total_files += 1;
            total_bytes += file.size;
            std::ops::ControlFlow::Continue(())
        },
    );
    progress.start(total_files, total_bytes);
    for err in &walk_errors {
        progress.warn(&err.to_string());
    }
    // Deeply nested HTML needs more stack than rayon's default to parse.
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        .stack_size(16 * 1024 * 1024)
        .build()
        .context("cannot start worker threads")?;
    let prepare = Prepare {
        manifest: &manifest,
        fields: &fields,
        tag: &config.tag,
        max_file_bytes: config.max_file_bytes,
        build_documents: writer.is_some(),
        metadata: config.metadata.as_deref(),
    };
    let mut applier = Applier {
        writer,
        fields: &fields,
        dir,
        bounds: CommitBounds {
            files: config.commit_every,
            bytes: config.commit_bytes,
            interval: (config.commit_secs > 0).then(|| Duration::from_secs(config.commit_secs)),
        },
        last_commit: std::time::Instant::now(),
        next: NextManifest::new(&manifest),
        // A new index, new roots and an old manifest's format are written even when no
        // file changed.
        dirty: (payload.is_none() || roots_changed || was_v1) && !config.dry_run,
        changed_since_commit: 0,
        bytes_since_commit: 0,
        open: std::collections::HashSet::new(),
        summary: IngestSummary {
            failed: walk_errors,
            ..IngestSummary::default()
        },
    };

    // Files in flight are bounded by the channel plus one per worker: memory follows the
    // work in progress, not the size of the corpus.
    let (sender, receiver) = std::sync::mpsc::sync_channel::<FileResult>(jobs * 2);
    let stop = &config.stop;
    let abandoned = &AtomicBool::new(false);
    let (walked_sender, walked) = std::sync::mpsc::sync_channel::<(SourceFile, Option<String>)>(64);
    let mut identifier = Identifier::new(&manifest, &config.roots, located).matching_old_keys();
    let mut seen = Default::default();
    let applied: Result<()> = std::thread::scope(|scope| {
        let prepare = &prepare;
        let pool = &pool;
        let seen = &mut seen;
        let identifier = &mut identifier;
        scope.spawn(move || {
            *seen = each_file(identifier, None, |file, replaces| {
                // After Ctrl-C or an error the workers read nothing more: the rest of the walk
                // is not worth making (and `seen`, which only `--prune` reads, is not used).
                let done = stop.load(Ordering::SeqCst)
                    || abandoned.load(Ordering::Relaxed)
                    || walked_sender.send((file, replaces)).is_err();
                if done {
                    std::ops::ControlFlow::Break(())
                } else {
                    std::ops::ControlFlow::Continue(())
                }
            });
        });
        scope.spawn(move || {
            pool.install(|| {
                walked.into_iter().par_bridge().for_each_with(
                    sender,
                    |sender, (file, replaces)| {
                        if stop.load(Ordering::SeqCst) || abandoned.load(Ordering::Relaxed) {
                            return;
                        }
                        // A send fails only when the applier stopped on an error; then the
                        // remaining files are not worth reading.
                        prepare.file(&file, replaces.as_ref(), &mut |result| {
                            if sender.send(result).is_err() {
                                abandoned.store(true, Ordering::Relaxed);
                            }
                        });
                    },
                );
            });
        });
        let mut announced_stop = false;
        for result in receiver {
            if stop.load(Ordering::SeqCst) && !announced_stop {
                progress
                    .warn("interrupted: committing the files read so far (Ctrl-C again to abort)");
                announced_stop = true;
            }
            applier.apply(result, progress)?;
        }
        Ok(())
    });
    applied?;
    applier.summary.interrupted = stop.load(Ordering::SeqCst);

    if !applier.summary.interrupted {
        prune(&mut applier, &seen, &scopes, config.prune);
    }
    if applier.dirty || applier.changed_since_commit > 0 {
        // The last commit of a run that changed the index compacts it: search pays per
        // segment, and periodic commits leave many small ones that the run's merge policy
        // (which keeps memory low while indexing) does not touch.
        if let Some(writer) = &applier.writer {
            writer.set_merge_policy(Box::new(compaction_policy()));
        }
        applier.commit()?;
    }
    let Applier {
        writer,
        next,
        mut summary,
        ..
    } = applier;
    if let Some(writer) = writer {
        // Wait for merges so that the index is compact when the run returns.
        writer
            .wait_merging_threads()
            .context("cannot finish merging")?;
        let _ = std::fs::remove_file(dir.join(PID_FILE));
    }
    summary.passages = match &index {
        Some(index) if !config.dry_run => {
            let reader: tantivy::IndexReader = index
                .reader_builder()
                .reload_policy(tantivy::ReloadPolicy::Manual)
                .try_into()?;
            reader.searcher().num_docs()
        }
        _ => next.files().map(|(_, e)| e.passages).sum(),
    };
    // Files finish in any order on the workers; the report does not.
    summary
        .failed
        .sort_by(|a, b| (&a.path, a.line).cmp(&(&b.path, b.line)));
    progress.finish();
    Ok(summary)
}

/// With `--prune`, removes from the index and the manifest the documents under this run's
/// roots (`scopes`, absolute locations) whose files are gone. A document outside these
/// roots, or whose file is still there (left out of this walk by an error or an ignore
/// file), is kept.
fn prune(
    applier: &mut Applier<'_>,
    seen: &std::collections::HashSet<u128>,
    scopes: &[PathBuf],
    prune: bool,
) {
    if !prune {
        return;
    }
    let next = &applier.next;
    let gone: Vec<String> = next
        .files()
        .map(|(id, _)| id)
        .filter(|id| !seen.contains(&identity_hash(id)))
        .filter(|id| {
            // An old manifest's key is a path from the current folder, as it was then.
            let location = match next.is_legacy(id) {
                true => None,
                false => next.roots().location_of(id),
            }
            .or_else(|| ingest::identity::lexical_absolute(Path::new(id)));
            location.is_some_and(|loc| {
                scopes.iter().any(|scope| loc.starts_with(scope)) && !loc.exists()
            })
        })
        .map(str::to_owned)
        .collect();
    for id in gone {
        applier.summary.removed += 1;
        if let Some(writer) = &applier.writer {
            writer.delete_term(Term::from_field_text(applier.fields.path, &id));
        }
        applier.next.remove(&id);
        applier.next.remove_legacy(&id);
        applier.dirty = true;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A file the walk found but that is gone when a worker reads it (issue #5) fails alone,
    /// with its path and the reason.
    #[test]
    fn a_file_that_vanished_after_the_walk_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("gone.txt");
        std::fs::write(&path, "The treaty text.").unwrap();
        let (mut files, errors) = ingest::walk(std::slice::from_ref(&path));
        assert!(errors.is_empty());
        std::fs::remove_file(&path).unwrap();
        let (_, fields) = Fields::schema();
        let prepare = Prepare {
            manifest: &Manifest::default(),
            fields: &fields,
            tag: &TagOptions::default(),
            max_file_bytes: ingest::DEFAULT_MAX_FILE_BYTES,
            build_documents: true,
            metadata: None,
        };
        let mut results = Vec::new();
        prepare.file(&files.remove(0), None, &mut |r| results.push(r));
        assert_eq!(results.len(), 1);
        let result = results.remove(0);
        assert!(matches!(result.outcome, Outcome::Failed));
        assert_eq!(result.errors.len(), 1);
        assert!(
            result.errors[0]
                .to_string()
                .ends_with("gone.txt: No such file or directory (os error 2)"),
            "{}",
            result.errors[0]
        );
    }

    #[test]
    fn a_root_named_twice_is_read_once() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        std::fs::write(&path, "Text.").unwrap();
        let roots = [path.clone(), dir.path().to_owned()];
        let (files, _) = ingest::walk(&roots);
        assert_eq!(files.len(), 2);
        let mut manifest = Manifest::default();
        let mut errors = Vec::new();
        let (located, _) = locate_roots(&mut manifest, &roots, &mut errors);
        assert!(errors.is_empty());
        let mut ids = Vec::new();
        let seen = each_file(
            &mut Identifier::new(&manifest, &roots, located),
            None,
            |file, _| {
                ids.push(file.id);
                std::ops::ControlFlow::Continue(())
            },
        );
        assert_eq!(ids.len(), 1, "{ids:?}");
        assert_eq!(seen.len(), 1);
        assert!(seen.contains(&identity_hash(&ids[0])));
    }

    #[test]
    fn commits_come_after_so_many_files_bytes_or_so_much_time() {
        let minute = Some(Duration::from_secs(60));
        let (soon, late) = (Duration::from_secs(5), Duration::from_secs(61));
        let due = |files, every, bytes, bound, interval, time| {
            let bounds = CommitBounds {
                files: every,
                bytes: bound,
                interval,
            };
            bounds.due(&Since { files, bytes, time })
        };
        assert!(due(10, 10, 0, 0, minute, soon), "the count bound");
        assert!(!due(9, 10, 0, 0, minute, soon));
        assert!(due(1, 10, 0, 0, minute, late), "the time bound");
        assert!(!due(0, 10, 0, 0, minute, late), "nothing to commit");
        assert!(due(3, 0, 0, 0, minute, late), "time alone");
        assert!(!due(5000, 0, 1 << 30, 0, None, late), "only at the end");
        assert!(due(10, 10, 0, 0, None, soon), "count alone");
        assert!(due(2, 10, 1000, 1000, None, soon), "the byte bound");
        assert!(!due(2, 10, 999, 1000, None, soon));
        assert!(
            !due(0, 10, 5000, 1000, None, soon),
            "bytes of an open file alone"
        );
        assert!(due(2, 0, 1000, 1000, None, soon), "bytes alone");
    }

    #[test]
    fn no_merge_exceeds_the_cap() {
        use tantivy::merge_policy::MergePolicy;
        let index = tantivy::Index::create_in_ram(Fields::schema().0);
        let segments: Vec<_> = (0..10)
            .map(|_| index.new_segment_meta(tantivy::index::SegmentId::generate_random(), 100_000))
            .collect();
        let candidates = merge_policy().compute_merge_candidates(&segments);
        assert!(!candidates.is_empty(), "equal small segments still merge");
        for candidate in candidates {
            assert!(candidate.0.len() >= 2);
            assert!(candidate.0.len() as u64 * 100_000 <= MAX_MERGED_DOCS);
        }
        let big: Vec<_> = (0..10)
            .map(|_| index.new_segment_meta(tantivy::index::SegmentId::generate_random(), 200_000))
            .collect();
        assert!(merge_policy().compute_merge_candidates(&big).is_empty());
    }

    #[test]
    fn compaction_merges_pairs_of_like_size_up_to_its_cap_and_leaves_big_segments() {
        use tantivy::merge_policy::MergePolicy;
        let index = tantivy::Index::create_in_ram(Fields::schema().0);
        let segment =
            |docs| index.new_segment_meta(tantivy::index::SegmentId::generate_random(), docs);
        // Two small segments of about the same size merge, where the run's policy waits
        // for eight.
        let pair = vec![segment(20_000), segment(70_000)];
        assert!(merge_policy().compute_merge_candidates(&pair).is_empty());
        let candidates = compaction_policy().compute_merge_candidates(&pair);
        assert_eq!(candidates.len(), 1);
        assert_eq!(candidates[0].0.len(), 2);
        // A day's small segment does not pull a big one into a merge.
        let daily = vec![segment(250_000), segment(2_000)];
        assert!(compaction_policy()
            .compute_merge_candidates(&daily)
            .is_empty());
        // Nor does the last commit's remainder after a first ingest of a large corpus:
        // a merge that big would map a hundred megabytes at the very end of the run.
        let first = vec![segment(300_000), segment(290_000), segment(120_000)];
        assert!(compaction_policy()
            .compute_merge_candidates(&first)
            .is_empty());
        // No merge goes over the compaction cap.
        let many: Vec<_> = (0..12).map(|_| segment(40_000)).collect();
        let candidates = compaction_policy().compute_merge_candidates(&many);
        assert!(!candidates.is_empty());
        for candidate in candidates {
            assert!(candidate.0.len() >= 2);
            assert!(candidate.0.len() as u64 * 40_000 <= COMPACTION_MAX_DOCS);
        }
    }

    #[test]
    fn indexing_takes_half_the_workers() {
        for (jobs, threads) in [(1, 1), (2, 1), (3, 1), (4, 2), (16, 8), (64, 8)] {
            assert_eq!(indexing_threads(jobs), threads, "{jobs} jobs");
        }
    }

    #[test]
    fn the_lock_message_names_the_holder_when_known() {
        let known = IndexLocked {
            dir: "idx".into(),
            pid: Some(42),
        };
        assert_eq!(
            known.to_string(),
            "idx: index is locked by another ingest (pid 42)"
        );
        let unknown = IndexLocked {
            dir: "idx".into(),
            pid: None,
        };
        assert!(unknown.to_string().ends_with("(pid unknown)"));
    }
}
