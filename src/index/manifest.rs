//! The ingest manifest: which files are in the index, with the size, modification time
//! and content hash that decide whether a file changed.
//!
//! The manifest is written beside the index as `manifest-<opstamp>.json` before the commit
//! whose payload names it, so the index and its manifest always change together: after a
//! crash, the last commit names the manifest that describes it.

use crate::ingest::identity::Roots;
use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// What the index holds for one file. A manifest holds one per file of the index, for the
/// whole run, so the entry is kept small: no allocation of its own.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileEntry {
    pub size: u64,
    /// Nanoseconds since the epoch (0 when unknown): an `i64` reaches the year 2262.
    pub mtime_ns: i64,
    pub hash: Fingerprint,
    pub passages: u64,
}

/// What decides whether a file's passages must be made again: the xxh3-128 hash of its
/// bytes and, when a `--metadata` row applies to the file, the row's fingerprint. Written in
/// the manifest as 32 hex digits, then `+m` and the row's 16 when there is one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Fingerprint {
    /// The hash's bytes, big-endian: a `u128` would align the whole entry to 16 bytes.
    pub content: [u8; 16],
    pub row: Option<u64>,
}

impl Fingerprint {
    /// The fingerprint of content whose xxh3-128 hash is `hash`, with no metadata row.
    pub fn of_hash(hash: u128) -> Fingerprint {
        Fingerprint {
            content: hash.to_be_bytes(),
            row: None,
        }
    }

    /// The same content with the metadata row `row` (its fingerprint), or none.
    pub fn with_row(self, row: Option<u64>) -> Fingerprint {
        Fingerprint { row, ..self }
    }
}

impl std::fmt::Display for Fingerprint {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:032x}", u128::from_be_bytes(self.content))?;
        match self.row {
            Some(row) => write!(f, "+m{row:016x}"),
            None => Ok(()),
        }
    }
}

impl std::str::FromStr for Fingerprint {
    type Err = String;

    fn from_str(text: &str) -> Result<Fingerprint, String> {
        let bad = || format!("not a content hash: {text:?}");
        let hex = |digits: &str, len: usize| {
            (digits.len() == len && digits.bytes().all(|b| b.is_ascii_hexdigit()))
                .then(|| u128::from_str_radix(digits, 16).ok())
                .flatten()
        };
        let (content, row) = match text.split_once("+m") {
            Some((content, row)) => (content, Some(row)),
            None => (text, None),
        };
        let content = hex(content, 32).ok_or_else(bad)?;
        let row = match row {
            Some(row) => Some(hex(row, 16).ok_or_else(bad)? as u64),
            None => None,
        };
        Ok(Fingerprint::of_hash(content).with_row(row))
    }
}

impl Serialize for Fingerprint {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Fingerprint {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// The manifest's format. Version 2 keys files by document identity (see
/// [`crate::ingest::identity`]) and records the roots; version 1 (no `version` field) keyed
/// them by the path as typed on the command line.
pub const FORMAT_VERSION: u32 = 2;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    #[serde(default)]
    pub version: u32,
    /// Every root ingested into the index, by identity prefix.
    #[serde(default)]
    pub roots: Roots,
    /// Files by document identity.
    pub files: BTreeMap<String, FileEntry>,
    /// Keys of `files` left from a version 1 manifest that no run has matched to a file yet:
    /// paths as typed then, relative to the folder that run was started in. A run that finds
    /// the same file re-indexes it under its identity and drops the old key.
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub legacy: BTreeSet<String>,
}

impl Default for Manifest {
    fn default() -> Manifest {
        Manifest {
            version: FORMAT_VERSION,
            roots: Roots::default(),
            files: BTreeMap::new(),
            legacy: BTreeSet::new(),
        }
    }
}

/// The file name a commit's payload points at.
pub fn file_name(opstamp: u64) -> String {
    format!("manifest-{opstamp}.json")
}

impl Manifest {
    /// Loads the manifest the index's last commit names (empty for a new index).
    pub fn load(dir: &Path, payload: Option<&str>) -> Result<Manifest> {
        let Some(name) = payload.filter(|p| p.starts_with("manifest-")) else {
            return Ok(Manifest::default());
        };
        let path = dir.join(name);
        let bytes = std::fs::read(&path)
            .with_context(|| format!("{}: cannot read manifest", path.display()))?;
        let mut manifest: Manifest = serde_json::from_slice(&bytes)
            .with_context(|| format!("{}: corrupt manifest", path.display()))?;
        if manifest.version > FORMAT_VERSION {
            anyhow::bail!(
                "{}: manifest written by a newer polidex (format {}); upgrade polidex",
                path.display(),
                manifest.version
            );
        }
        if manifest.version < FORMAT_VERSION {
            manifest.legacy = manifest.files.keys().cloned().collect();
            manifest.version = FORMAT_VERSION;
        }
        Ok(manifest)
    }

    /// Writes the manifest durably under the name for `opstamp`.
    pub fn save(&self, dir: &Path, opstamp: u64) -> Result<PathBuf> {
        save_json(self, dir, opstamp)
    }
}

/// Writes a manifest (or a [`NextManifest`]) durably under the name for `opstamp`.
fn save_json(manifest: &impl Serialize, dir: &Path, opstamp: u64) -> Result<PathBuf> {
    let path = dir.join(file_name(opstamp));
    let tmp = dir.join(format!("{}.tmp", file_name(opstamp)));
    {
        use std::io::Write;
        let file = std::fs::File::create(&tmp)
            .with_context(|| format!("{}: cannot write", tmp.display()))?;
        // Written as it is serialised: a manifest of a large corpus is tens of MB.
        let mut out = std::io::BufWriter::with_capacity(256 * 1024, file);
        serde_json::to_writer(&mut out, manifest)?;
        out.flush()?;
        out.into_inner()
            .map_err(|err| err.into_error())?
            .sync_all()?;
    }
    std::fs::rename(&tmp, &path).with_context(|| format!("{}: cannot write", path.display()))?;
    Ok(path)
}

impl Manifest {
    /// Removes manifests of older commits (and leftovers of crashed runs).
    pub fn remove_others(dir: &Path, keep: &str) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with("manifest-") && name != keep {
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }
}

/// The manifest of the index as it will be after a run's next commit: the last commit's
/// manifest, which the run's workers read and which is therefore never copied, and the
/// run's changes to it. A re-run over a large corpus holds one manifest, not two, and
/// each commit still writes the whole of it, naming exactly the files that commit holds.
pub struct NextManifest<'a> {
    base: &'a Manifest,
    /// Files added, changed or touched (`Some`) or removed (`None`) since `base`.
    changes: BTreeMap<String, Option<FileEntry>>,
    /// Keys of `base.legacy` matched to a file or removed since `base`.
    legacy_done: BTreeSet<String>,
}

impl<'a> NextManifest<'a> {
    /// No change yet: the manifest is `base`.
    pub fn new(base: &'a Manifest) -> NextManifest<'a> {
        NextManifest {
            base,
            changes: BTreeMap::new(),
            legacy_done: BTreeSet::new(),
        }
    }

    pub fn roots(&self) -> &Roots {
        &self.base.roots
    }

    pub fn get(&self, id: &str) -> Option<&FileEntry> {
        match self.changes.get(id) {
            Some(change) => change.as_ref(),
            None => self.base.files.get(id),
        }
    }

    pub fn insert(&mut self, id: String, entry: FileEntry) {
        self.changes.insert(id, Some(entry));
    }

    pub fn remove(&mut self, id: &str) {
        if self.base.files.contains_key(id) {
            self.changes.insert(id.to_owned(), None);
        } else {
            self.changes.remove(id);
        }
    }

    /// Whether `id` is an old manifest's key that no file has matched yet.
    pub fn is_legacy(&self, id: &str) -> bool {
        self.base.legacy.contains(id) && !self.legacy_done.contains(id)
    }

    /// Drops `id` from the legacy keys; true when it was one.
    pub fn remove_legacy(&mut self, id: &str) -> bool {
        self.is_legacy(id) && self.legacy_done.insert(id.to_owned())
    }

    /// The files, by identity in order.
    pub fn files(&self) -> impl Iterator<Item = (&str, &FileEntry)> {
        let mut base = self.base.files.iter().peekable();
        let mut changes = self.changes.iter().peekable();
        std::iter::from_fn(move || loop {
            let from_base = match (base.peek(), changes.peek()) {
                (None, None) => return None,
                (Some(_), None) => true,
                (None, Some(_)) => false,
                (Some((b, _)), Some((c, _))) => b < c,
            };
            if from_base {
                let (id, entry) = base.next()?;
                return Some((id.as_str(), entry));
            }
            let (id, change) = changes.next()?;
            if base.peek().is_some_and(|(b, _)| *b == id) {
                base.next();
            }
            if let Some(entry) = change {
                return Some((id.as_str(), entry));
            }
        })
    }

    /// Writes the manifest durably under the name for `opstamp`.
    pub fn save(&self, dir: &Path, opstamp: u64) -> Result<PathBuf> {
        save_json(self, dir, opstamp)
    }
}

/// Serialised as the [`Manifest`] it stands for, field for field.
impl Serialize for NextManifest<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        struct Files<'m>(&'m NextManifest<'m>);
        impl Serialize for Files<'_> {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.collect_map(self.0.files())
            }
        }
        struct Legacy<'m>(&'m NextManifest<'m>);
        impl Serialize for Legacy<'_> {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let keys = self.0.base.legacy.iter();
                serializer.collect_seq(keys.filter(|key| !self.0.legacy_done.contains(*key)))
            }
        }
        let legacy_left = self.base.legacy.len() > self.legacy_done.len();
        let mut out = serializer.serialize_struct("Manifest", 3 + usize::from(legacy_left))?;
        out.serialize_field("version", &self.base.version)?;
        out.serialize_field("roots", &self.base.roots)?;
        out.serialize_field("files", &Files(self))?;
        if legacy_left {
            out.serialize_field("legacy", &Legacy(self))?;
        } else {
            out.skip_field("legacy")?;
        }
        out.end()
    }
}

/// Content hash used to tell a changed file from a touched one.
pub fn content_hash(bytes: &[u8]) -> Fingerprint {
    Fingerprint::of_hash(xxhash_rust::xxh3::xxh3_128(bytes))
}

/// [`content_hash`] of everything `reader` yields, read in pieces.
pub fn content_hash_stream(reader: &mut dyn std::io::Read) -> std::io::Result<Fingerprint> {
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    let mut buf = vec![0u8; 256 * 1024];
    loop {
        match reader.read(&mut buf) {
            Ok(0) => return Ok(Fingerprint::of_hash(hasher.digest128())),
            Ok(n) => hasher.update(&buf[..n]),
            Err(err) if err.kind() == std::io::ErrorKind::Interrupted => {}
            Err(err) => return Err(err),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(passages: u64) -> FileEntry {
        FileEntry {
            size: passages * 10,
            mtime_ns: 7,
            hash: Fingerprint::of_hash(u128::from(passages)),
            passages,
        }
    }

    /// A run's manifest is its base with the run's changes, written exactly as the
    /// manifest it stands for would be.
    #[test]
    fn the_next_manifest_writes_its_base_with_the_changes() {
        let mut base = Manifest::default();
        for (id, passages) in [("r/a", 1), ("r/b", 2), ("r/c", 3), ("old/x", 4)] {
            base.files.insert(id.to_owned(), entry(passages));
        }
        base.legacy.insert("old/x".to_owned());
        let mut expected = base.clone();
        let mut next = NextManifest::new(&base);
        assert_eq!(next.to_json(), serde_json::to_string(&base).unwrap());

        next.insert("r/b".to_owned(), entry(20));
        next.insert("r/d".to_owned(), entry(5));
        next.insert("r/0".to_owned(), entry(6));
        next.insert("r/e".to_owned(), entry(8));
        next.remove("r/e");
        next.remove("r/c");
        assert!(next.is_legacy("old/x"));
        assert!(next.remove_legacy("old/x"));
        assert!(!next.remove_legacy("old/x"), "once");
        assert!(!next.is_legacy("old/x"));
        expected.files.insert("r/b".to_owned(), entry(20));
        expected.files.insert("r/d".to_owned(), entry(5));
        expected.files.insert("r/0".to_owned(), entry(6));
        expected.files.remove("r/c");
        expected.legacy.clear();
        assert_eq!(next.to_json(), serde_json::to_string(&expected).unwrap());
        assert_eq!(next.get("r/b"), Some(&entry(20)));
        assert_eq!(next.get("r/c"), None);
        assert_eq!(next.get("r/a"), Some(&entry(1)));
        let ids: Vec<&str> = next.files().map(|(id, _)| id).collect();
        assert_eq!(ids, ["old/x", "r/0", "r/a", "r/b", "r/d"]);
        // What it writes loads back as that manifest.
        let dir = tempfile::tempdir().unwrap();
        next.save(dir.path(), 3).unwrap();
        let loaded = Manifest::load(dir.path(), Some(&file_name(3))).unwrap();
        assert_eq!(loaded, expected);
    }

    impl NextManifest<'_> {
        fn to_json(&self) -> String {
            serde_json::to_string(self).unwrap()
        }
    }

    #[test]
    fn fingerprints_read_and_write_as_the_manifest_always_had_them() {
        let plain = "0123456789abcdef0123456789abcdef";
        let with_row = "0123456789abcdef0123456789abcdef+m00000000deadbeef";
        for text in [plain, with_row] {
            let print: Fingerprint = text.parse().unwrap();
            assert_eq!(print.to_string(), text);
            let json = serde_json::to_string(&print).unwrap();
            assert_eq!(json, format!("\"{text}\""));
            assert_eq!(serde_json::from_str::<Fingerprint>(&json).unwrap(), print);
        }
        assert_eq!(
            with_row.parse::<Fingerprint>().unwrap().row,
            Some(0xdead_beef)
        );
        assert_eq!(
            content_hash(b"abc").to_string(),
            format!("{:032x}", xxhash_rust::xxh3::xxh3_128(b"abc"))
        );
        for bad in [
            "",
            "xyz",
            &plain[1..],
            "0123456789abcdef0123456789abcdeg",
            &format!("{plain}+m12"),
        ] {
            assert!(bad.parse::<Fingerprint>().is_err(), "{bad:?}");
        }
        // An entry as earlier versions wrote it.
        let entry: FileEntry = serde_json::from_str(&format!(
            r#"{{"size":5,"mtime_ns":1700000000123456789,"hash":"{with_row}","passages":2}}"#
        ))
        .unwrap();
        assert_eq!(entry.mtime_ns, 1_700_000_000_123_456_789);
        assert_eq!(entry.hash.to_string(), with_row);
    }

    #[test]
    fn streamed_hash_is_the_whole_hash() {
        let bytes: Vec<u8> = (0..1_000_000u32).map(|i| (i % 251) as u8).collect();
        let streamed = super::content_hash_stream(&mut &bytes[..]).unwrap();
        assert_eq!(streamed, super::content_hash(&bytes));
    }
}
