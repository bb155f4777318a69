//! Document identity: which name a file is known by in an index, whatever the spelling of
//! the path it was ingested through and whatever the current folder.
//!
//! A document's identity is the name of the root it was ingested from followed by its path
//! below that root, as `tar c corpus` records `corpus/reports/a.html`: `polidex ingest
//! corpus`, `./corpus`, `/abs/path/corpus` and `../proj/corpus` (from elsewhere) all give
//! `corpus/reports/a.html`. A file named directly is its own root (`a.html`).
//!
//! The index remembers every root it was given ([`Roots`]: identity prefix → absolute
//! location), which settles the cases a bare name cannot:
//!
//! - a folder or file inside a known root (`polidex ingest corpus/reports` after `polidex
//!   ingest corpus`) keeps the identities the known root gives (`corpus/reports/...`), and
//!   a file inside a root nested in another keeps the innermost root's identity;
//! - a different folder with the name of a known root that still exists (`a/2021` and
//!   `b/2021`) gets a longer name (`b/2021`), so no document ever replaces another's;
//! - a known root whose folder is gone and a new folder of the same name is a move: the
//!   new folder takes the name, and its unchanged files are not read again.
//!
//! Identity prefixes never overlap (no prefix is a path-prefix of another), so two
//! different files never share an identity. Locations are absolute, with the folders above
//! the root resolved (`canonicalize`) and the root's own name and everything below it as
//! walked: two symlinked copies of a folder are two corpora.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};

/// The roots an index was given: identity prefix → absolute location.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Roots {
    pub map: BTreeMap<String, PathBuf>,
}

/// The absolute location of a path given on the command line: the folder above it resolved,
/// its own name kept (so a symlinked root keeps its name). `.`, `..` and `/` are resolved
/// whole.
pub fn locate(path: &Path) -> std::io::Result<PathBuf> {
    let last = path.components().next_back();
    match last {
        Some(Component::Normal(name)) => {
            let parent = match path.parent() {
                Some(parent) if !parent.as_os_str().is_empty() => parent,
                _ => Path::new("."),
            };
            Ok(std::fs::canonicalize(parent)?.join(name))
        }
        _ => std::fs::canonicalize(path),
    }
}

/// True when `a` is `b` or one is a path-prefix of the other at a `/`.
fn overlaps(a: &str, b: &str) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    long == short || (long.starts_with(short) && long.as_bytes()[short.len()] == b'/')
}

/// The normal components of `path` as UTF-8-lossy strings.
fn names(path: &Path) -> Vec<String> {
    path.components()
        .filter_map(|c| match c {
            Component::Normal(name) => Some(name.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect()
}

/// `rel`'s components joined with `/`.
fn slash_join(rel: &Path) -> String {
    names(rel).join("/")
}

impl Roots {
    /// The identity of the file or folder at absolute location `location`, when it is inside
    /// a known root (the innermost one).
    pub fn identity_of(&self, location: &Path) -> Option<String> {
        let (prefix, root) = self
            .map
            .iter()
            .filter(|(_, root)| location.starts_with(root))
            .max_by_key(|(_, root)| root.components().count())?;
        let rel = slash_join(location.strip_prefix(root).ok()?);
        Some(if rel.is_empty() {
            prefix.clone()
        } else {
            format!("{prefix}/{rel}")
        })
    }

    /// The location an identity stands for, through the known root whose prefix it starts
    /// with (None for an identity no known root gives, such as an old manifest's path).
    pub fn location_of(&self, identity: &str) -> Option<PathBuf> {
        let (prefix, root) = self
            .map
            .iter()
            .filter(|(prefix, _)| overlaps(prefix, identity) && prefix.len() <= identity.len())
            .max_by_key(|(prefix, _)| prefix.len())?;
        let rest = identity[prefix.len()..].trim_start_matches('/');
        Some(if rest.is_empty() {
            root.clone()
        } else {
            root.join(rest)
        })
    }

    /// Makes `location` (absolute, from [`locate`]) a known root unless it is inside one,
    /// and returns its identity. A new root is named by the fewest trailing components of
    /// its location that overlap no other root's name; a root whose location is gone gives
    /// its name up to the new one (a moved folder). None when the location has no name (`/`).
    pub fn add(&mut self, location: &Path) -> Option<String> {
        if let Some(identity) = self.identity_of(location) {
            return Some(identity);
        }
        let parts = names(location);
        for take in 1..=parts.len() {
            let candidate = parts[parts.len() - take..].join("/");
            let clashes: Vec<String> = self
                .map
                .keys()
                .filter(|prefix| overlaps(prefix, &candidate))
                .cloned()
                .collect();
            let gone = |prefix: &String| std::fs::symlink_metadata(&self.map[prefix]).is_err();
            if clashes.iter().all(gone) {
                // A moved root: the names of folders that are gone are free again.
                for prefix in clashes {
                    self.map.remove(&prefix);
                }
                self.map.insert(candidate.clone(), location.to_owned());
                return Some(candidate);
            }
        }
        None
    }
}

/// Lexically absolute form of a path relative to the current folder (`.` and `..`
/// resolved without following symlinks): where an old manifest's path pointed.
pub fn lexical_absolute(path: &Path) -> Option<PathBuf> {
    let joined = std::env::current_dir().ok()?.join(path);
    let mut out = PathBuf::new();
    for component in joined.components() {
        match component {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_of_a_root_are_one_location() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("corpus/sub")).unwrap();
        let plain = locate(&dir.path().join("corpus")).unwrap();
        assert_eq!(locate(&dir.path().join("corpus/")).unwrap(), plain);
        assert_eq!(locate(&dir.path().join("corpus/.")).unwrap(), plain);
        assert_eq!(locate(&dir.path().join("corpus/sub/..")).unwrap(), plain);
        assert_eq!(locate(&dir.path().join("corpus/./sub/../")).unwrap(), plain);
    }

    #[test]
    fn names_never_overlap() {
        let dir = tempfile::tempdir().unwrap();
        for sub in ["a/2021", "b/2021", "c/b/2021", "corpus/reports"] {
            std::fs::create_dir_all(dir.path().join(sub)).unwrap();
        }
        let at = |rel: &str| dir.path().join(rel);
        let mut roots = Roots::default();
        assert_eq!(roots.add(&at("a/2021")).unwrap(), "2021");
        assert_eq!(roots.add(&at("b/2021")).unwrap(), "b/2021");
        assert_eq!(roots.add(&at("c/b/2021")).unwrap(), "c/b/2021");
        assert_eq!(roots.add(&at("a/2021")).unwrap(), "2021");
        // Inside a known root: the known root's identities.
        assert_eq!(roots.add(&at("a/2021/x.md")).unwrap(), "2021/x.md");
        // A nested root recorded first keeps its files; the outer one gets its own name.
        assert_eq!(roots.add(&at("corpus/reports")).unwrap(), "reports");
        assert_eq!(roots.add(&at("corpus")).unwrap(), "corpus");
        assert_eq!(
            roots.identity_of(&at("corpus/reports/r.md")).unwrap(),
            "reports/r.md"
        );
        assert_eq!(
            roots.identity_of(&at("corpus/news/n.md")).unwrap(),
            "corpus/news/n.md"
        );
        assert_eq!(
            roots.location_of("reports/r.md").unwrap(),
            at("corpus/reports/r.md")
        );
        assert_eq!(roots.location_of("b/2021/x.md").unwrap(), at("b/2021/x.md"));
        assert_eq!(roots.location_of("docs/x.md"), None);
    }

    #[test]
    fn a_moved_root_keeps_its_name() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("old/corpus")).unwrap();
        let mut roots = Roots::default();
        assert_eq!(roots.add(&dir.path().join("old/corpus")).unwrap(), "corpus");
        std::fs::rename(dir.path().join("old"), dir.path().join("new")).unwrap();
        assert_eq!(roots.add(&dir.path().join("new/corpus")).unwrap(), "corpus");
        assert_eq!(roots.map.len(), 1);
    }
}
