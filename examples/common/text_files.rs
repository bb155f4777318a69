//! Shared by the benchmark examples: the `.md`/`.txt` files under a folder, sorted.

use std::path::{Path, PathBuf};

/// Appends the `.md` and `.txt` files under `dir` to `files`, in sorted order, depth first.
pub fn walk(dir: &Path, files: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = entries.filter_map(|e| e.ok()).map(|e| e.path()).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            walk(&path, files);
        } else if path
            .extension()
            .is_some_and(|ext| ext == "md" || ext == "txt")
        {
            files.push(path);
        }
    }
}
