//! Reading: walk the paths the user gave, read each supported file into [`Document`]s,
//! and report what could not be read as data ([`FileError`]), never by stopping.
//!
//! Readers are chosen by extension: `.txt`, `.md`, `.html`/`.htm`, `.json`, `.jsonl`,
//! each optionally gzipped (`.gz`). This module does not split or tag.

pub mod decode;
pub mod html;
pub mod identity;
pub mod json;
pub mod metadata;
pub mod text;

use crate::model::Document;
use std::fmt;
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};

/// A file that could not be read, or a part of one (a JSON line), with the reason.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct FileError {
    pub path: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    #[serde(rename = "error")]
    pub reason: String,
}

impl FileError {
    pub fn new(path: &str, reason: impl Into<String>) -> FileError {
        FileError {
            path: path.to_owned(),
            line: None,
            reason: reason.into(),
        }
    }

    pub fn at_line(path: &str, line: usize, reason: impl Into<String>) -> FileError {
        FileError {
            path: path.to_owned(),
            line: Some(line),
            reason: reason.into(),
        }
    }
}

impl std::error::Error for FileError {}

impl fmt::Display for FileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{}: {}", self.path, line, self.reason),
            None => write!(f, "{}: {}", self.path, self.reason),
        }
    }
}

/// The formats polidex reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Markdown,
    Html,
    Json,
    JsonLines,
}

impl Format {
    /// The reader for a path, looking through a trailing `.gz`.
    pub fn for_path(path: &Path) -> Option<Format> {
        let name = path.file_name()?.to_str()?.to_ascii_lowercase();
        let name = name.strip_suffix(".gz").unwrap_or(&name);
        let ext = name.rsplit_once('.')?.1;
        Some(match ext {
            "txt" | "text" => Format::Text,
            "md" | "markdown" => Format::Markdown,
            "html" | "htm" | "xhtml" => Format::Html,
            "json" => Format::Json,
            "jsonl" | "ndjson" => Format::JsonLines,
            _ => return None,
        })
    }
}

/// A file found by the walk.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub path: PathBuf,
    /// The document identity (see [`identity`]): the path stored in the index and shown in
    /// passages. The walk sets it to `display`; an ingest replaces it with the root's name
    /// and the path below the root.
    pub id: String,
    /// Which of the walked roots the file was found under (its index in the list).
    pub root: usize,
    pub format: Format,
    pub size: u64,
    /// Modification time in nanoseconds since the epoch (0 when unknown).
    pub mtime_ns: i64,
}

impl SourceFile {
    /// The path as walked from the root the user gave, with `/` separators: what error
    /// messages name, since the user can open it from where they are. Made on demand: a
    /// walk of a large corpus holds one `SourceFile` per file for the whole run.
    pub fn display(&self) -> String {
        display_path(&self.path)
    }
}

/// Everything read from one file.
#[derive(Debug, Default)]
pub struct ReadOutcome {
    pub documents: Vec<Document>,
    pub errors: Vec<FileError>,
}

impl ReadOutcome {
    /// Gives every document read the file's identity as its path (errors keep the path
    /// as walked).
    pub fn set_identity(&mut self, id: &str) {
        for doc in &mut self.documents {
            if doc.path != id {
                doc.path = id.to_owned();
            }
        }
    }
}

/// Renders a path the way polidex stores it: `/` separators, no leading `./`.
pub fn display_path(path: &Path) -> String {
    let text = path.to_string_lossy().replace('\\', "/");
    let mut text = text.as_str();
    while let Some(rest) = text.strip_prefix("./") {
        text = rest;
    }
    text.to_owned()
}

/// Walks the roots. Directories are searched recursively for supported files (hidden entries
/// skipped); a file named directly must have a supported extension. Unreadable entries and
/// symlink loops become errors.
pub fn walk(roots: &[PathBuf]) -> (Vec<SourceFile>, Vec<FileError>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    walk_each(roots, |found| {
        match found {
            Ok(file) => files.push(file),
            Err(err) => errors.push(err),
        }
        ControlFlow::Continue(())
    });
    (files, errors)
}

/// [`walk`], handing each file (or error) to `found` as the walk comes to it, in the same
/// order, so that a caller that does not need the whole list does not hold it; the walk
/// ends early when `found` says so.
pub fn walk_each(
    roots: &[PathBuf],
    mut found: impl FnMut(Result<SourceFile, FileError>) -> ControlFlow<()>,
) {
    for (root_idx, root) in roots.iter().enumerate() {
        let walker = ignore::WalkBuilder::new(root)
            .standard_filters(false)
            .hidden(true)
            .add_custom_ignore_filename(IGNORE_FILE)
            .follow_links(true)
            .sort_by_file_name(|a, b| a.cmp(b))
            .build();
        for entry in walker {
            let entry = match entry {
                Ok(entry) => entry,
                Err(err) => {
                    if found(Err(walk_error(root, err))).is_break() {
                        return;
                    }
                    continue;
                }
            };
            if !entry.file_type().is_some_and(|t| t.is_file()) {
                continue;
            }
            let display = display_path(entry.path());
            let walked = match Format::for_path(entry.path()) {
                None if entry.depth() > 0 => continue,
                None => Err(FileError::new(
                    &display,
                    "unsupported file type (expected .txt, .md, .html, .htm, .json, .jsonl, optionally .gz)",
                )),
                Some(format) => match entry.metadata() {
                    Ok(meta) => Ok(SourceFile {
                        path: entry.into_path(),
                        id: display,
                        root: root_idx,
                        format,
                        size: meta.len(),
                        mtime_ns: mtime_ns(&meta),
                    }),
                    Err(err) => Err(FileError::new(&display, err.to_string())),
                },
            };
            if found(walked).is_break() {
                return;
            }
        }
    }
}

/// Gitignore-style files that keep paths out of an ingest (a corpus's README, drafts).
pub const IGNORE_FILE: &str = ".polidexignore";

/// A walk error as a `FileError`: the path it happened at and a one-line reason.
fn walk_error(root: &Path, err: ignore::Error) -> FileError {
    let mut path = display_path(root);
    let mut err = err;
    loop {
        match err {
            ignore::Error::WithDepth { err: inner, .. } => err = *inner,
            ignore::Error::WithPath {
                path: at,
                err: inner,
            } => {
                path = display_path(&at);
                err = *inner;
            }
            ignore::Error::Loop { child, .. } => {
                return FileError::new(&display_path(&child), "symlink loop")
            }
            other => return FileError::new(&path, other.to_string()),
        }
    }
}

fn mtime_ns(meta: &std::fs::Metadata) -> i64 {
    meta.modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| i64::try_from(d.as_nanos()).unwrap_or(i64::MAX))
}

/// The largest file polidex reads, after decompression, unless told otherwise. No prose
/// document comes near it; it keeps a runaway file (a 100 MB single line, a gzip bomb)
/// from taking the memory that the rest of a batch needs.
pub const DEFAULT_MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// Reads the raw bytes of a file, gunzipped, up to [`DEFAULT_MAX_FILE_BYTES`].
pub fn read_bytes(path: &Path) -> Result<Vec<u8>, String> {
    read_bytes_limited(path, DEFAULT_MAX_FILE_BYTES)
}

/// Reads the raw bytes of a file, gunzipped; a file larger than `max_bytes` (before or
/// after decompression) is an error, found without reading more than `max_bytes + 1`.
pub fn read_bytes_limited(path: &Path, max_bytes: u64) -> Result<Vec<u8>, String> {
    use std::io::Read;
    let too_large = || {
        format!(
            "file too large: over {} MB (the limit; raise it with --max-file-mb)",
            max_bytes / (1024 * 1024)
        )
    };
    let file = std::fs::File::open(path).map_err(|err| err.to_string())?;
    let size = file.metadata().map_err(|err| err.to_string())?.len();
    if size > max_bytes {
        return Err(too_large());
    }
    let mut bytes = Vec::with_capacity(size as usize);
    file.take(max_bytes + 1)
        .read_to_end(&mut bytes)
        .map_err(|err| err.to_string())?;
    let bytes = decode::gunzip_limited(bytes, max_bytes)?;
    if bytes.len() as u64 > max_bytes {
        return Err(too_large());
    }
    Ok(bytes)
}

/// JSON Lines files larger than this on disk, and all gzipped ones, are read as a stream
/// in chunks of whole lines (see [`read_jsonl_chunks`]): news archives can be far larger
/// than the memory an ingest should use.
pub const JSONL_STREAM_MIN_BYTES: u64 = 1024 * 1024;

/// Bytes of whole lines handed to the JSON reader at a time when streaming.
pub const JSONL_CHUNK_BYTES: usize = 4 * 1024 * 1024;

/// True when `file` is read as a stream rather than whole.
pub fn is_streamed(file: &SourceFile) -> bool {
    file.format == Format::JsonLines
        && (file.size > JSONL_STREAM_MIN_BYTES
            || file
                .path
                .to_string_lossy()
                .to_ascii_lowercase()
                .ends_with(".gz"))
}

/// Opens a file as a buffered stream, gunzipping on the fly when it starts with the gzip
/// magic number.
pub fn open_stream(path: &Path) -> Result<Box<dyn std::io::BufRead + Send>, String> {
    use std::io::BufRead;
    let file = std::fs::File::open(path).map_err(|err| err.to_string())?;
    let mut reader = std::io::BufReader::with_capacity(256 * 1024, file);
    let head = reader.fill_buf().map_err(|err| err.to_string())?;
    if head.starts_with(&[0x1f, 0x8b]) {
        let gz = flate2::bufread::MultiGzDecoder::new(reader);
        Ok(Box::new(std::io::BufReader::with_capacity(256 * 1024, gz)))
    } else {
        Ok(Box::new(reader))
    }
}

/// Reads a JSON Lines stream in chunks of about `chunk_bytes` of whole lines, handing each
/// chunk's documents and line errors to `each` as soon as they are read. Documents, ids and
/// line numbers are the same as [`parse_bytes`] gives for the whole file. A line longer
/// than `max_line_bytes` is skipped with an error; a stream that cannot be read (a corrupt
/// gzip) is an `Err` after the chunks before it.
pub fn read_jsonl_chunks(
    display: &str,
    reader: &mut dyn std::io::BufRead,
    chunk_bytes: usize,
    max_line_bytes: u64,
    each: &mut dyn FnMut(ReadOutcome),
) -> Result<(), String> {
    use std::io::BufRead;
    let io_error = |err: std::io::Error| match err.kind() {
        std::io::ErrorKind::InvalidInput | std::io::ErrorKind::InvalidData => {
            format!("corrupt gzip stream: {err}")
        }
        _ => err.to_string(),
    };
    let mut chunk: Vec<u8> = Vec::with_capacity(chunk_bytes + 64 * 1024);
    let mut chunk_first_idx = 0usize;
    let mut next_idx = 0usize;
    let mut first_chunk = true;
    loop {
        let line_start = chunk.len();
        let read = std::io::Read::take(&mut *reader, max_line_bytes + 1)
            .read_until(b'\n', &mut chunk)
            .map_err(io_error)?;
        let at_end = read == 0;
        if !at_end {
            let line = &chunk[line_start..];
            if line.last() != Some(&b'\n') && read as u64 > max_line_bytes {
                // Too long: drop what was read and skip to the end of the line.
                chunk.truncate(line_start);
                skip_line(reader).map_err(io_error)?;
                each(ReadOutcome {
                    documents: Vec::new(),
                    errors: vec![FileError::at_line(
                        display,
                        next_idx + 1,
                        format!(
                            "line too long: over {} MB (the limit; raise it with --max-file-mb)",
                            max_line_bytes / (1024 * 1024)
                        ),
                    )],
                });
                // The skipped line still counts, so later line numbers stay right. The lines
                // before it in this chunk are parsed first.
                if line_start > 0 {
                    let text = decode::decode_text(&chunk);
                    let (documents, errors) =
                        json::read_jsonl_from(&text, display, chunk_first_idx);
                    each(ReadOutcome { documents, errors });
                    chunk.clear();
                }
                next_idx += 1;
                chunk_first_idx = next_idx;
                continue;
            }
            next_idx += 1;
        }
        if chunk.len() >= chunk_bytes || (at_end && !chunk.is_empty()) {
            if first_chunk && decode::looks_binary(&chunk) {
                return Err("binary file, not text".to_owned());
            }
            first_chunk = false;
            let text = decode::decode_text(&chunk);
            let (documents, errors) = json::read_jsonl_from(&text, display, chunk_first_idx);
            each(ReadOutcome { documents, errors });
            chunk.clear();
            chunk_first_idx = next_idx;
        }
        if at_end {
            return Ok(());
        }
    }
}

/// Consumes the rest of the current line without keeping it.
fn skip_line(reader: &mut dyn std::io::BufRead) -> std::io::Result<()> {
    loop {
        let buf = reader.fill_buf()?;
        if buf.is_empty() {
            return Ok(());
        }
        if let Some(pos) = buf.iter().position(|&b| b == b'\n') {
            reader.consume(pos + 1);
            return Ok(());
        }
        let len = buf.len();
        reader.consume(len);
    }
}

/// Parses bytes already read from `display` in the given format.
pub fn parse_bytes(display: &str, format: Format, bytes: &[u8]) -> ReadOutcome {
    let mut outcome = ReadOutcome::default();
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        outcome.errors.push(FileError::new(display, "empty file"));
        return outcome;
    }
    if decode::looks_binary(bytes) && format != Format::Html {
        outcome
            .errors
            .push(FileError::new(display, "binary file, not text"));
        return outcome;
    }
    match format {
        Format::Text | Format::Markdown => {
            let text = decode::decode_text(bytes);
            let front = match text::split_front_matter(&text) {
                Ok(front) => front,
                Err(reason) => {
                    outcome.errors.push(FileError::new(display, reason));
                    return outcome;
                }
            };
            let blocks = if format == Format::Markdown {
                text::markdown_blocks(front.body, front.body_line_offset)
            } else {
                text::text_blocks(front.body, front.body_line_offset)
            };
            outcome.documents.push(Document {
                path: display.to_owned(),
                sub_index: None,
                meta: front.meta,
                blocks,
            });
        }
        Format::Html => {
            let page = match html::read_html_bytes(bytes, &html::HtmlOptions::default()) {
                Ok(page) => page,
                Err(reason) => {
                    outcome.errors.push(FileError::new(display, reason));
                    return outcome;
                }
            };
            outcome.documents.push(Document {
                path: display.to_owned(),
                sub_index: None,
                meta: page.meta,
                blocks: page.blocks,
            });
        }
        Format::Json => {
            let text = decode::decode_text(bytes);
            let (documents, errors) = json::read_json(&text, display);
            outcome.documents = documents;
            outcome.errors = errors;
        }
        Format::JsonLines => {
            let text = decode::decode_text(bytes);
            let (documents, errors) = json::read_jsonl(&text, display);
            outcome.documents = documents;
            outcome.errors = errors;
        }
    }
    outcome
}

/// Reads one file from disk into documents (whose path is the file's identity).
pub fn read_file(file: &SourceFile) -> ReadOutcome {
    match read_bytes(&file.path) {
        Ok(bytes) => {
            let mut read = parse_bytes(&file.display(), file.format, &bytes);
            read.set_identity(&file.id);
            read
        }
        Err(reason) => ReadOutcome {
            documents: Vec::new(),
            errors: vec![FileError::new(&file.display(), reason)],
        },
    }
}

/// Splits "A, B and C" or "A; B" into names.
pub fn split_name_list(text: &str) -> Vec<String> {
    text.split([',', ';', '&'])
        .flat_map(|part| part.split(" and "))
        .map(|name| {
            name.trim()
                .trim_start_matches("By ")
                .trim_start_matches("by ")
                .trim()
        })
        .filter(|name| !name.is_empty())
        .map(str::to_owned)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_by_extension() {
        assert_eq!(
            Format::for_path(Path::new("a/b.MD")),
            Some(Format::Markdown)
        );
        assert_eq!(
            Format::for_path(Path::new("a/b.jsonl.gz")),
            Some(Format::JsonLines)
        );
        assert_eq!(Format::for_path(Path::new("a/b.pdf")), None);
        assert_eq!(Format::for_path(Path::new("README")), None);
    }

    #[test]
    fn name_lists() {
        assert_eq!(
            split_name_list("By Ann Lee, Bo Chan and Cy Dorn"),
            vec!["Ann Lee", "Bo Chan", "Cy Dorn"]
        );
    }

    #[test]
    fn bad_inputs_are_errors_not_panics() {
        let out = parse_bytes("z.txt", Format::Text, b"");
        assert_eq!(out.errors[0].to_string(), "z.txt: empty file");
        let out = parse_bytes("b.txt", Format::Text, b"\x00\x01\x02ELF");
        assert_eq!(out.errors[0].reason, "binary file, not text");
        let out = parse_bytes("h.html", Format::Html, b"<html><body></body></html>");
        assert!(out.errors[0].reason.starts_with("not valid HTML or text"));
    }

    #[test]
    fn jsonl_in_chunks_reads_like_the_whole_file() {
        let mut text = String::new();
        for idx in 0..50 {
            if idx == 17 {
                text.push_str("{broken\n\n");
            }
            text.push_str(&format!(
                "{{\"title\":\"T{idx}\",\"text\":\"Line {idx} text.\"}}\n"
            ));
        }
        text.push_str(&format!("{{\"text\":\"{}\"}}\n", "x".repeat(300)));
        text.push_str("{\"text\":\"last\"}");
        let whole = parse_bytes("f.jsonl", Format::JsonLines, text.as_bytes());
        let mut documents = Vec::new();
        let mut errors = Vec::new();
        let mut reader = std::io::Cursor::new(text.as_bytes());
        read_jsonl_chunks("f.jsonl", &mut reader, 100, 1000, &mut |out| {
            documents.extend(out.documents);
            errors.extend(out.errors);
        })
        .unwrap();
        assert_eq!(documents.len(), whole.documents.len());
        for (a, b) in documents.iter().zip(&whole.documents) {
            assert_eq!(
                (a.sub_index, &a.meta.title, &a.blocks[0].line),
                (b.sub_index, &b.meta.title, &b.blocks[0].line)
            );
        }
        assert_eq!(errors, whole.errors);
        // A line over the limit is skipped with its line number; the others are kept.
        let mut documents = 0;
        let mut errors = Vec::new();
        let mut reader = std::io::Cursor::new(text.as_bytes());
        read_jsonl_chunks("f.jsonl", &mut reader, 100, 200, &mut |out| {
            documents += out.documents.len();
            errors.extend(out.errors);
        })
        .unwrap();
        assert_eq!(documents, whole.documents.len() - 1);
        assert_eq!(errors[1].line, Some(53));
        assert!(
            errors[1].reason.starts_with("line too long"),
            "{:?}",
            errors[1]
        );
    }

    #[test]
    fn cp1252_text_is_read_not_dropped() {
        let out = parse_bytes("w.txt", Format::Text, b"He said \x93yes\x94.");
        assert!(out.errors.is_empty());
        assert_eq!(
            out.documents[0].blocks[0].text,
            "He said \u{201c}yes\u{201d}."
        );
    }
}
