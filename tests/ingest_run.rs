//! The ingest run driven through the library, where a test can act between its steps.

use polidex::index::writer::{run, IngestConfig, Progress};
use std::path::PathBuf;
use std::sync::Mutex;

/// Deletes a file once the walk has listed it, before any worker reads it.
struct Vanisher {
    path: PathBuf,
    warnings: Mutex<Vec<String>>,
}

impl Progress for Vanisher {
    fn start(&self, files: u64, _bytes: u64) {
        assert_eq!(files, 3, "the walk saw the file");
        std::fs::remove_file(&self.path).unwrap();
    }
    fn warn(&self, message: &str) {
        self.warnings.lock().unwrap().push(message.to_owned());
    }
}

/// Issue #5: a path that vanishes mid-run (after the walk) is reported once with its path
/// and reason, and everything else is indexed.
#[test]
fn a_file_that_vanishes_mid_run_fails_alone() {
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs");
    std::fs::create_dir_all(&docs).unwrap();
    std::fs::write(docs.join("a.txt"), "The harbour accord was signed.").unwrap();
    std::fs::write(docs.join("b.txt"), "The reservoirs are empty.").unwrap();
    std::fs::write(docs.join("c.txt"), "The grain corridor reopens.").unwrap();
    let progress = Vanisher {
        path: docs.join("b.txt"),
        warnings: Mutex::new(Vec::new()),
    };
    let config = IngestConfig::new(dir.path().join("idx"), vec![docs.clone()]);
    let summary = run(&config, &progress).unwrap();
    assert_eq!((summary.added, summary.passages), (2, 2));
    assert_eq!(summary.failed.len(), 1, "{:?}", summary.failed);
    let failed = &summary.failed[0];
    assert!(failed.path.ends_with("docs/b.txt"), "{failed}");
    assert_eq!(failed.reason, "No such file or directory (os error 2)");
    assert_eq!(*progress.warnings.lock().unwrap(), vec![failed.to_string()]);
    // The next run has nothing to redo and does not report the file again.
    let again = run(&config, &polidex::index::writer::NoProgress).unwrap();
    assert_eq!((again.unchanged, again.failed.len()), (2, 0));
}
