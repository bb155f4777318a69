//! The ingest run driven through the library, where a test can act between its steps.

use polidex::index::writer::{run, IngestConfig, Progress};
use std::path::PathBuf;
use std::sync::Mutex;

/// Deletes a file once the first walk has counted it, before the walk that hands files to
/// the workers comes to it.
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

/// Issue #5: a path that vanishes mid-run costs nothing else: everything else is indexed,
/// and the next run is clean. A file gone before the walk that feeds the workers reaches it
/// is as if it had been deleted before the run (no error: there is nothing to read); one
/// that goes after the walk found it is reported once with its path and reason (the unit
/// test `a_file_that_vanished_after_the_walk_is_an_error` in `index::writer`).
#[test]
fn a_file_that_vanishes_mid_run_costs_nothing_else() {
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
    assert!(summary.failed.is_empty(), "{:?}", summary.failed);
    assert!(progress.warnings.lock().unwrap().is_empty());
    // The next run has nothing to redo.
    let again = run(&config, &polidex::index::writer::NoProgress).unwrap();
    assert_eq!((again.unchanged, again.failed.len()), (2, 0));
}

/// Issue #5: a run commits after so many bytes of passage text as well as after so many
/// files, so the writer's memory follows the text in flight, not how many files a commit
/// holds. Each file here is one passage of about 1,000 bytes.
#[test]
fn a_run_commits_after_so_many_bytes_of_text() {
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs");
    std::fs::create_dir_all(&docs).unwrap();
    let sentence = "The harbour accord was signed after a long night of talks. ";
    for i in 0..10 {
        let text = format!("Report {i}. {}", sentence.repeat(17));
        std::fs::write(docs.join(format!("{i:02}.txt")), text).unwrap();
    }
    let mut config = IngestConfig::new(dir.path().join("idx"), vec![docs]);
    config.jobs = Some(1);
    config.commit_every = 0;
    config.commit_secs = 0;
    // Three files' text reaches the bound: commits after 3, 6 and 9 files, and at the end.
    config.commit_bytes = 2_500;
    let summary = run(&config, &polidex::index::writer::NoProgress).unwrap();
    assert_eq!((summary.added, summary.passages), (10, 10));
    assert_eq!(summary.commits, 4, "{summary:?}");
    // With no byte bound, one commit at the end.
    let mut config = IngestConfig {
        commit_bytes: 0,
        ..config
    };
    config.index_dir = dir.path().join("idx2");
    let summary = run(&config, &polidex::index::writer::NoProgress).unwrap();
    assert_eq!(summary.commits, 1, "{summary:?}");
}
