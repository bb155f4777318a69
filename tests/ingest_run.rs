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
