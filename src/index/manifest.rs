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

/// What the index holds for one file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileEntry {
    pub size: u64,
    pub mtime_ns: i128,
    /// xxh3-128 of the file's bytes, hex.
    pub hash: String,
    pub passages: u64,
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
        let path = dir.join(file_name(opstamp));
        let tmp = dir.join(format!("{}.tmp", file_name(opstamp)));
        {
            use std::io::Write;
            let file = std::fs::File::create(&tmp)
                .with_context(|| format!("{}: cannot write", tmp.display()))?;
            // Written as it is serialised: a manifest of a large corpus is tens of MB.
            let mut out = std::io::BufWriter::with_capacity(256 * 1024, file);
            serde_json::to_writer(&mut out, self)?;
            out.flush()?;
            out.into_inner()
                .map_err(|err| err.into_error())?
                .sync_all()?;
        }
        std::fs::rename(&tmp, &path)
            .with_context(|| format!("{}: cannot write", path.display()))?;
        Ok(path)
    }

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

/// Content hash used to tell a changed file from a touched one.
pub fn content_hash(bytes: &[u8]) -> String {
    format!("{:032x}", xxhash_rust::xxh3::xxh3_128(bytes))
}

/// [`content_hash`] of everything `reader` yields, read in pieces.
pub fn content_hash_stream(reader: &mut dyn std::io::Read) -> std::io::Result<String> {
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    let mut buf = vec![0u8; 256 * 1024];
    loop {
        match reader.read(&mut buf) {
            Ok(0) => return Ok(format!("{:032x}", hasher.digest128())),
            Ok(n) => hasher.update(&buf[..n]),
            Err(err) if err.kind() == std::io::ErrorKind::Interrupted => {}
            Err(err) => return Err(err),
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn streamed_hash_is_the_whole_hash() {
        let bytes: Vec<u8> = (0..1_000_000u32).map(|i| (i % 251) as u8).collect();
        let streamed = super::content_hash_stream(&mut &bytes[..]).unwrap();
        assert_eq!(streamed, super::content_hash(&bytes));
    }
}
