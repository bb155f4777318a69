//! Issue #5: a document's identity is its path relative to the ingested root (the root's
//! own name included), whatever the spelling of the root and the current folder.

use serde_json::Value;
use std::fs;
use std::path::{Path, PathBuf};

const A: &str =
    "The harbour accord was signed in Tarrin on Monday.\n\nThe grain corridor reopens in June.\n";
const B: &str = "Ministers met in Grauwick to review the water quotas.\n";
const C: &str = "The drought emptied the reservoirs of the Lune basin.\n";

struct Dir {
    dir: tempfile::TempDir,
}

impl Dir {
    fn new() -> Dir {
        Dir {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    fn write(&self, rel: &str, text: &str) {
        let path = self.path(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }

    /// `polidex ARGS` run in `cwd` (relative to the temp folder); exit code, stdout, stderr.
    fn run_in(&self, cwd: &str, args: &[&str]) -> (i32, String, String) {
        let out = std::process::Command::new(assert_cmd::cargo::cargo_bin("polidex"))
            .current_dir(self.path(cwd))
            .env_remove("POLIDEX_INDEX")
            .args(args)
            .output()
            .unwrap();
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    }

    /// `polidex --index INDEX ingest ARGS --json` in `cwd`: the summary.
    fn ingest_in(&self, cwd: &str, index: &str, args: &[&str]) -> Value {
        let mut all = vec!["--index", index, "ingest", "--json"];
        all.extend_from_slice(args);
        let (code, stdout, stderr) = self.run_in(cwd, &all);
        assert_eq!(code, 0, "ingest {args:?} in {cwd}: {stderr}");
        serde_json::from_str(&stdout).unwrap()
    }

    /// The distinct `path`s of the passages in the index at `idx` (relative to the temp folder).
    fn paths(&self, idx: &str) -> Vec<String> {
        let (code, stdout, stderr) = self.run_in(
            ".",
            &[
                "--index", idx, "search", "*", "--limit", "0", "--format", "jsonl",
            ],
        );
        assert_eq!(code, 0, "{stderr}");
        let paths: std::collections::BTreeSet<String> = stdout
            .lines()
            .map(|line| {
                let hit: Value = serde_json::from_str(line).unwrap();
                hit["path"].as_str().unwrap().to_owned()
            })
            .collect();
        paths.into_iter().collect()
    }
}

fn counts(summary: &Value) -> [u64; 4] {
    ["added", "updated", "unchanged", "removed"].map(|k| summary[k].as_u64().unwrap())
}

#[test]
fn spellings_and_folders_of_a_root_are_one_corpus() {
    let d = Dir::new();
    d.write("proj/corpus/reports/a.md", A);
    d.write("proj/corpus/news/b.txt", B);
    fs::create_dir_all(d.path("elsewhere/deeper")).unwrap();
    let first = d.ingest_in("proj", "idx", &["corpus"]);
    assert_eq!(counts(&first), [2, 0, 0, 0]);
    let passages = first["passages"].clone();
    let expected = d.paths("proj/idx");
    assert_eq!(expected, ["corpus/news/b.txt", "corpus/reports/a.md"]);
    let abs = d.path("proj/corpus");
    let abs = abs.to_str().unwrap();
    let abs_index = d.path("proj/idx");
    let abs_index = abs_index.to_str().unwrap();
    for (cwd, index, root) in [
        ("proj", "idx", "./corpus"),
        ("proj", "idx", "corpus/"),
        ("proj", "idx", "corpus/news/.."),
        ("proj", "idx", abs),
        ("proj/corpus", "../idx", "."),
        ("elsewhere/deeper", abs_index, "../../proj/corpus"),
        ("elsewhere", abs_index, abs),
    ] {
        let again = d.ingest_in(cwd, index, &[root]);
        assert_eq!(
            counts(&again),
            [0, 0, 2, 0],
            "{root} from {cwd}: everything is skipped"
        );
        assert_eq!(
            again["passages"], passages,
            "{root} from {cwd}: no duplicates"
        );
    }
    // A folder or a file inside the root is part of the same corpus.
    let sub = d.ingest_in("proj/corpus", "../idx", &["reports"]);
    assert_eq!(counts(&sub), [0, 0, 1, 0]);
    let one = d.ingest_in("elsewhere", abs_index, &["../proj/corpus/news/b.txt"]);
    assert_eq!(counts(&one), [0, 0, 1, 0]);
    // The same root named twice, spelled two ways, is read once.
    let twice = d.ingest_in("proj", "idx", &["corpus", abs]);
    assert_eq!(counts(&twice), [0, 0, 2, 0]);
    assert_eq!(d.paths("proj/idx"), expected, "paths shown stay the same");
    // A changed file is replaced, not duplicated, whichever spelling sees it.
    d.write("proj/corpus/news/b.txt", C);
    let changed = d.ingest_in("elsewhere", abs_index, &[abs]);
    assert_eq!(counts(&changed), [0, 1, 1, 0]);
    assert_eq!(d.paths("proj/idx"), expected);
}

#[test]
fn roots_with_the_same_relative_paths_are_both_kept() {
    let d = Dir::new();
    d.write("reports/2021/a.md", A);
    d.write("news/2021/a.md", B);
    // Two different folders with the same name: the second gets a longer one.
    d.write("x/2021/a.md", C);
    d.write("y/2021/a.md", B);
    let both = d.ingest_in(".", "idx", &["reports", "news"]);
    assert_eq!(counts(&both), [2, 0, 0, 0]);
    let (code, _, stderr) = d.run_in(".", &["--index", "idx", "ingest", "x/2021"]);
    assert_eq!(code, 0, "{stderr}");
    let (code, _, stderr) = d.run_in("y", &["--index", "../idx", "ingest", "2021"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        d.paths("idx"),
        [
            "2021/a.md",
            "news/2021/a.md",
            "reports/2021/a.md",
            "y/2021/a.md"
        ]
    );
    // Each keeps its name on the next runs, and nothing is read again.
    let again = d.ingest_in(".", "idx", &["news", "reports", "y/2021", "x/2021"]);
    assert_eq!(counts(&again), [0, 0, 4, 0]);
}

#[test]
fn prune_only_touches_the_roots_being_ingested() {
    let d = Dir::new();
    d.write("reports/2021/a.md", A);
    d.write("reports/2021/b.md", B);
    d.write("news/2021/a.md", C);
    d.write("news/2021/b.md", B);
    d.ingest_in(".", "idx", &["reports", "news"]);
    fs::remove_file(d.path("reports/2021/a.md")).unwrap();
    fs::remove_file(d.path("news/2021/a.md")).unwrap();
    // From another folder and spelled differently, news alone is pruned.
    let abs_index = d.path("idx");
    let pruned = d.ingest_in(
        "reports",
        abs_index.to_str().unwrap(),
        &["../news/", "--prune"],
    );
    assert_eq!(counts(&pruned), [0, 0, 1, 1]);
    assert_eq!(
        d.paths("idx"),
        ["news/2021/b.md", "reports/2021/a.md", "reports/2021/b.md"]
    );
    // A subfolder prunes only below itself.
    d.write("reports/2022/c.md", C);
    d.ingest_in(".", "idx", &["reports"]);
    fs::remove_file(d.path("reports/2022/c.md")).unwrap();
    let sub = d.ingest_in(".", "idx", &["reports/2021", "--prune"]);
    assert_eq!(counts(&sub), [0, 0, 1, 1], "only reports/2021/a.md");
    assert_eq!(
        d.paths("idx"),
        ["news/2021/b.md", "reports/2021/b.md", "reports/2022/c.md"]
    );
    // A file that is there but was left out of the walk is not pruned.
    d.write("reports/.polidexignore", "2021/\n");
    let kept = d.ingest_in(".", "idx", &["reports", "--prune"]);
    assert_eq!(counts(&kept), [0, 0, 0, 1], "only reports/2022/c.md");
    assert_eq!(d.paths("idx"), ["news/2021/b.md", "reports/2021/b.md"]);
}

/// Builds an index as polidex did before document identities: passages and a version 1
/// manifest keyed by the path as typed (`typed`, the spelling of the root at `root`),
/// committed with its payload.
fn old_index(d: &Dir, index: &str, root: &Path, typed: &str) {
    use polidex::index::{manifest, open_or_create};
    let (index_handle, fields) = open_or_create(&d.path(index)).unwrap();
    let mut writer: tantivy::IndexWriter = index_handle.writer(50_000_000).unwrap();
    let (files, errors) = polidex::ingest::walk(&[root.to_owned()]);
    assert!(errors.is_empty());
    let root_display = polidex::ingest::display_path(root);
    let mut entries = serde_json::Map::new();
    for file in &files {
        let key = format!("{typed}{}", &file.display()[root_display.len()..]);
        let read = polidex::ingest::read_file(file);
        let mut passages = 0;
        for mut doc in read.documents {
            doc.path = key.clone();
            for passage in polidex::process(&doc, &Default::default()) {
                writer.add_document(fields.document(&passage)).unwrap();
                passages += 1;
            }
        }
        let bytes = fs::read(&file.path).unwrap();
        entries.insert(
            key,
            serde_json::json!({
                "size": file.size,
                "mtime_ns": file.mtime_ns,
                "hash": manifest::content_hash(&bytes).to_string(),
                "passages": passages,
            }),
        );
    }
    let mut prepared = writer.prepare_commit().unwrap();
    let name = manifest::file_name(prepared.opstamp());
    fs::write(
        d.path(index).join(&name),
        serde_json::to_vec(&serde_json::json!({ "files": entries })).unwrap(),
    )
    .unwrap();
    prepared.set_payload(&name);
    prepared.commit().unwrap();
}

#[test]
fn an_index_from_before_identities_gets_no_duplicates() {
    let d = Dir::new();
    d.write("proj/corpus/reports/a.md", A);
    d.write("proj/corpus/news/b.txt", B);
    let corpus = d.path("proj/corpus");
    let identities = ["corpus/news/b.txt", "corpus/reports/a.md"];
    // Typed as an absolute path then: re-indexed once under the identity, then skipped.
    old_index(&d, "proj/abs-idx", &corpus, corpus.to_str().unwrap());
    let before = d.paths("proj/abs-idx");
    assert!(before.iter().all(|p| p.starts_with('/')), "{before:?}");
    let (_, stdout, _) = d.run_in("proj", &["--index", "abs-idx", "stats", "--json"]);
    let passages = serde_json::from_str::<Value>(&stdout).unwrap()["passages"].clone();
    let upgraded = d.ingest_in("proj", "abs-idx", &["corpus"]);
    assert_eq!(counts(&upgraded), [0, 2, 0, 0]);
    assert_eq!(upgraded["passages"], passages, "no duplicates");
    assert_eq!(d.paths("proj/abs-idx"), identities);
    let again = d.ingest_in("proj", "abs-idx", &["./corpus"]);
    assert_eq!(counts(&again), [0, 0, 2, 0]);
    // Typed from the folder above the corpus, as most runs were: nothing to redo.
    old_index(&d, "proj/rel-idx", &corpus, "corpus");
    let upgraded = d.ingest_in("proj", "rel-idx", &["corpus"]);
    assert_eq!(counts(&upgraded), [0, 0, 2, 0]);
    assert_eq!(d.paths("proj/rel-idx"), identities);
    // Typed from a folder that the old path does not lead from now: the one old key that
    // ends with the identity and names no other file is the same document.
    old_index(&d, "proj/far-idx", &corpus, "../../proj/corpus");
    let upgraded = d.ingest_in("proj", "far-idx", &["corpus"]);
    assert_eq!(counts(&upgraded), [0, 2, 0, 0]);
    assert_eq!(upgraded["passages"], passages);
    assert_eq!(d.paths("proj/far-idx"), identities);
    // Pruning after an upgrade removes only what is gone.
    fs::remove_file(d.path("proj/corpus/news/b.txt")).unwrap();
    let pruned = d.ingest_in("proj", "far-idx", &["corpus", "--prune"]);
    assert_eq!(counts(&pruned), [0, 0, 1, 1]);
}
