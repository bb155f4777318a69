//! End-to-end tests: drive the `polidex` binary on temporary folders.

use assert_cmd::Command;
use serde_json::Value;
use std::fs;
use std::path::{Path, PathBuf};

/// A temp dir with a corpus of fixture documents and an index path.
struct Fixture {
    dir: tempfile::TempDir,
}

const ROUNDUP: &str = "Updated Tuesday, March 5, 2024\n\nTop News\n\nKessel and Varo meet in Grauwick to review the accord, Capital Wire. Foreign Minister Adrian Kessel and Envoy Lina Varo met on Sunday, March 3, 2024. “We are closer than we have ever been,” Kessel said.\n\nTalks stall over water quotas, Northgate Times. A senior Foreign Ministry official said the quotas were the obstacle. \"Neither side will move on the numbers before the rains come,\" the official told reporters.\n\nTop Analysis\n\nThe accord at risk, Meridian Herald. According to the Meridian Herald editorial board, “The accord survives only as long as both capitals want it to survive.”\n";

const BRIEFING: &str = "---\ntitle: \"Press Briefing by Press Secretary Mara Quill\"\ndate: '2021-03-09'\ntags: press-briefings\n---\n\n1:03 P.M. CET\n\nMS. QUILL:  Good afternoon.  The vaccine centre in Tarrin\nopens on Monday.\n\nQ    Will the vaccine reach the border towns?\n\nMS. QUILL:  Yes, the vaccine reaches every town by June.\n\n1:40 P.M. CET\n";

const FEED: &str = "{\"title\":\"Vaccine doses arrive\",\"text\":\"The first vaccine doses arrived in Tarrin on Friday.\",\"date\":\"2021-04-02\",\"outlet\":\"Kellside Ledger\",\"author\":\"Iris Munt\"}\n{not json\n{\"title\":\"Tariff truce\",\"body\":\"Ostrelia and Estmere agreed a tariff truce.\",\"date\":\"2024-02-10\",\"outlet\":\"Capital Wire\"}\n";

const PAGE: &str = "<html><head><title>Drought row</title><meta property=\"og:site_name\" content=\"Velmora Courier\"><meta property=\"article:published_time\" content=\"2023-08-09T08:00:00Z\"></head><body><nav>Home World</nav><article><h1>Drought row deepens</h1><p>By Tomas Reyl</p><p>The drought has emptied the reservoirs of the Lune basin, and farmers in three provinces say the groundwater rules came too late for this season.</p></article></body></html>";

impl Fixture {
    fn new() -> Fixture {
        let fixture = Fixture {
            dir: tempfile::tempdir().unwrap(),
        };
        fixture.write("docs/roundup.txt", ROUNDUP);
        fixture.write("docs/briefing.md", BRIEFING);
        fixture.write("docs/feed.jsonl", FEED);
        fixture.write("docs/page.html", PAGE);
        fixture
    }

    /// A fixture whose documents are already in its index.
    fn ingested() -> Fixture {
        let fixture = Fixture::new();
        fixture.ingest();
        fixture
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    fn write(&self, rel: &str, text: &str) {
        let path = self.path(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }

    /// `polidex` run in the fixture folder with `--index idx`.
    fn cmd(&self, args: &[&str]) -> Command {
        let mut cmd = Command::cargo_bin("polidex").unwrap();
        cmd.current_dir(self.dir.path())
            .env_remove("POLIDEX_INDEX")
            .arg("--index")
            .arg("idx")
            .args(args);
        cmd
    }

    fn run(&self, args: &[&str]) -> (i32, String, String) {
        let out = self.cmd(args).output().unwrap();
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    }

    fn ingest(&self) -> Value {
        let (code, stdout, stderr) = self.run(&["ingest", "docs", "--json"]);
        assert!(code == 0 || code == 3, "ingest failed: {stderr}");
        serde_json::from_str(&stdout).unwrap()
    }

    fn search_json(&self, args: &[&str]) -> Value {
        let mut all = vec!["search"];
        all.extend_from_slice(args);
        all.extend_from_slice(&["--format", "json"]);
        let (code, stdout, stderr) = self.run(&all);
        assert_eq!(code, 0, "search {args:?} failed: {stderr}");
        serde_json::from_str(&stdout).unwrap()
    }
}

/// The string field `key` of every object in a JSON array.
fn each<'a>(items: &'a Value, key: &str) -> Vec<&'a str> {
    items
        .as_array()
        .unwrap()
        .iter()
        .map(|item| item[key].as_str().unwrap())
        .collect()
}

fn strings(value: &Value) -> Vec<String> {
    value
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn ingest_reports_bad_lines_and_keeps_the_rest() {
    let fx = Fixture::new();
    let (code, stdout, stderr) = fx.run(&["ingest", "docs", "--json"]);
    assert_eq!(code, 3, "a batch with a failed line exits 3");
    assert!(
        stderr.contains("docs/feed.jsonl:2: invalid JSON"),
        "{stderr}"
    );
    let summary: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(summary["added"], 4);
    assert_eq!(summary["failed"][0]["path"], "docs/feed.jsonl");
    assert!(summary["passages"].as_u64().unwrap() > 10);
    // The good lines of the bad file are searchable.
    let found = fx.search_json(&["tariff truce"]);
    assert_eq!(found["total"], 1);
    assert_eq!(found["hits"][0]["outlet"], "Capital Wire");
}

#[test]
fn speaker_filter_resolves_surnames_and_transcript_labels() {
    let fx = Fixture::ingested();
    let found = fx.search_json(&["vaccine", "--speaker", "quill", "--facet", "speaker"]);
    let hits = found["hits"].as_array().unwrap();
    assert_eq!(hits.len(), 2);
    for hit in hits {
        assert_eq!(hit["kind"], "transcript_turn");
        assert_eq!(strings(&hit["speakers"]), vec!["Mara Quill"]);
    }
    assert_eq!(found["facets"]["speaker"][0]["value"], "Mara Quill");
    assert_eq!(found["facets"]["speaker"][0]["count"], 2);
    // The reporter's question is a turn too, spoken by "Reporter".
    let questions = fx.search_json(&["vaccine", "--speaker", "Reporter"]);
    assert_eq!(questions["total"], 1);
}

#[test]
fn news_items_quotes_and_outlets() {
    let fx = Fixture::ingested();
    let found = fx.search_json(&[
        "accord",
        "--kind",
        "news_item",
        "--quotes",
        "--facet",
        "outlet",
    ]);
    let hits = found["hits"].as_array().unwrap();
    assert!(!hits.is_empty());
    let kessel = hits
        .iter()
        .find(|h| h["outlet"] == "Capital Wire")
        .expect("Capital Wire item");
    assert_eq!(
        kessel["headline"],
        "Kessel and Varo meet in Grauwick to review the accord"
    );
    assert_eq!(kessel["quotes"][0]["speaker"], "Adrian Kessel");
    assert_eq!(
        kessel["date"], "2024-03-03",
        "a dated news item keeps its own date"
    );
    let quotas = fx.search_json(&["quotas", "--outlet", "northgate times"]);
    assert_eq!(
        quotas["hits"][0]["quotes"][0]["speaker"],
        "senior Foreign Ministry official"
    );
    let board = fx.search_json(&["survives", "--speaker", "Meridian Herald editorial board"]);
    assert_eq!(board["total"], 1);
}

#[test]
fn date_ranges_are_inclusive_and_checked() {
    let fx = Fixture::ingested();
    let in_2021 = fx.search_json(&["vaccine", "--since", "2021", "--until", "2021-04-02"]);
    let dates: Vec<&str> = each(&in_2021["hits"], "date");
    assert!(
        dates.contains(&"2021-04-02"),
        "until is inclusive: {dates:?}"
    );
    assert!(dates.iter().all(|d| d.starts_with("2021")));
    let none = fx.search_json(&["vaccine", "--since", "2022-01"]);
    assert_eq!(none["total"], 0);
    let (code, _, stderr) = fx.run(&["search", "vaccine", "--since", "2021-13"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("bad date '2021-13'"), "{stderr}");
    assert_eq!(stderr.lines().count(), 1);
}

#[test]
fn incremental_ingest_and_prune() {
    let fx = Fixture::new();
    let first = fx.ingest();
    let second = fx.ingest();
    assert_eq!(second["unchanged"], 4);
    assert_eq!(second["added"], 0);
    assert_eq!(
        second["passages"], first["passages"],
        "no duplicates on re-ingest"
    );
    fx.write("docs/page.html", &PAGE.replace("farmers", "growers"));
    let third = fx.ingest();
    assert_eq!(third["updated"], 1);
    assert_eq!(third["passages"], first["passages"]);
    assert_eq!(fx.search_json(&["growers"])["total"], 1);
    assert_eq!(fx.search_json(&["farmers"])["total"], 0);
    fs::remove_file(fx.path("docs/roundup.txt")).unwrap();
    let (_, stdout, _) = fx.run(&["ingest", "docs", "--prune", "--json"]);
    let pruned: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(pruned["removed"], 1);
    assert_eq!(fx.search_json(&["quotas"])["total"], 0);
}

#[test]
fn split_prints_every_contract_field_with_stable_ids() {
    let fx = Fixture::new();
    let (code, first, _) = fx.run(&["split", "docs/roundup.txt"]);
    assert_eq!(code, 0);
    let (_, second, _) = fx.run(&["split", "docs/roundup.txt"]);
    assert_eq!(first, second, "same content, same output and ids");
    for line in first.lines() {
        let passage: Value = serde_json::from_str(line).unwrap();
        for field in [
            "id", "doc_id", "path", "title", "kind", "ordinal", "text", "headline", "speakers",
            "quotes", "outlet", "date", "authors", "org",
        ] {
            assert!(passage.get(field).is_some(), "missing {field} in {line}");
        }
    }
}

#[test]
fn output_formats() {
    let fx = Fixture::ingested();
    let (_, csv, _) = fx.run(&["search", "vaccine", "--format", "csv"]);
    let mut lines = csv.lines();
    assert!(lines.next().unwrap().starts_with("score,id,doc_id,path"));
    assert!(lines.count() >= 2);
    let (_, jsonl, _) = fx.run(&["search", "vaccine", "--format", "jsonl"]);
    for line in jsonl.lines() {
        let hit: Value = serde_json::from_str(line).unwrap();
        assert!(hit["snippet"].as_str().unwrap().contains("<b>"));
    }
    let (_, text, _) = fx.run(&["search", "vaccine", "--facet", "kind"]);
    assert!(text.contains("matching passages"));
    assert!(!text.contains("\x1b["), "no colour when piped");
    let (_, stats, _) = fx.run(&["stats", "--json"]);
    let stats: Value = serde_json::from_str(&stats).unwrap();
    assert_eq!(stats["documents"], 5);
}

#[test]
fn usage_errors_exit_2_with_one_line() {
    let fx = Fixture::ingested();
    for args in [
        vec!["search", "\"unclosed phrase"],
        vec!["search", "x", "--facet", "colour"],
        vec!["ingest", "no/such/folder"],
        vec!["search", "x", "--bogus-flag"],
    ] {
        let (code, _, stderr) = fx.run(&args);
        assert_eq!(code, 2, "{args:?}: {stderr}");
        assert!(!stderr.trim().is_empty());
    }
    let (code, _, stderr) = fx.run(&["ingest", "no/such/folder"]);
    assert_eq!(code, 2);
    assert_eq!(
        stderr.trim(),
        "polidex: no/such/folder: no such file or directory"
    );
}

#[test]
fn missing_index_is_an_error_not_a_panic() {
    let fx = Fixture::new();
    let (code, _, stderr) = fx.run(&["search", "x"]);
    assert_eq!(code, 1);
    assert!(stderr.contains("no index here"), "{stderr}");
}

#[test]
fn a_second_writer_is_refused() {
    let fx = Fixture::ingested();
    let (index, _) = polidex::index::open(&fx.path("idx")).unwrap();
    let _held: tantivy::IndexWriter = index.writer(50_000_000).unwrap();
    let (code, _, stderr) = fx.run(&["ingest", "docs"]);
    assert_eq!(code, 1);
    assert!(
        stderr.contains("index is locked by another ingest"),
        "{stderr}"
    );
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
}

#[test]
fn default_index_is_built_from_corpus_on_first_use() {
    let fx = Fixture::new();
    fx.write("corpus/roundup.txt", ROUNDUP);
    let mut cmd = Command::cargo_bin("polidex").unwrap();
    let out = cmd
        .current_dir(fx.dir.path())
        .env_remove("POLIDEX_INDEX")
        .args(["search", "accord"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("building index/ from corpus/"), "{stderr}");
    assert!(Path::new(&fx.path("index/meta.json")).exists());
    // Like any ingest, the first-use build leaves the name cache for one-shot searches.
    assert!(Path::new(&fx.path("index/names.tsv")).exists());
}

#[test]
fn bad_files_never_cost_good_ones() {
    let fx = Fixture::new();
    fx.write("docs/empty.txt", "");
    fs::write(fx.path("docs/binary.txt"), b"\x00\x01\x02\x03ELF").unwrap();
    fs::write(
        fx.path("docs/truncated.txt.gz"),
        [0x1f, 0x8b, 0x08, 0x00, 0x01],
    )
    .unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(".", fx.path("docs/loop")).unwrap();
    fs::write(
        fx.path("docs/latin1.txt"),
        b"The minister said \x93the dam stays open for every farmer\x94 in Tarrin.",
    )
    .unwrap();
    let (code, stdout, stderr) = fx.run(&["ingest", "docs", "--json"]);
    assert_eq!(code, 3);
    let summary: Value = serde_json::from_str(&stdout).unwrap();
    let failed: Vec<&str> = each(&summary["failed"], "path");
    #[cfg(unix)]
    assert!(stderr.contains("docs/loop: symlink loop"), "{stderr}");
    for bad in ["docs/empty.txt", "docs/binary.txt", "docs/truncated.txt.gz"] {
        assert!(failed.contains(&bad), "{bad} not reported: {stderr}");
    }
    assert_eq!(
        fx.search_json(&["\"dam stays open\""])["total"],
        1,
        "cp1252 text is read, not dropped"
    );
    assert_eq!(fx.search_json(&["quotas"])["total"], 1);
}

#[test]
fn polidexignore_keeps_paths_out() {
    let fx = Fixture::new();
    fx.write(
        "docs/README.md",
        "# About these documents\n\nThe quotas folder holds drafts.",
    );
    fx.write(
        "docs/drafts/quota-notes.txt",
        "Private notes on the water quotas.",
    );
    fx.write("docs/.polidexignore", "README.md\ndrafts/\n");
    fx.ingest();
    let found = fx.search_json(&["quotas"]);
    assert_eq!(each(&found["hits"], "path"), vec!["docs/roundup.txt"]);
}

#[path = "attribution/score.rs"]
mod score;

/// Issue #3: speakers, outlets and dates on the labelled set never regress. A label that
/// fails must be listed in `tests/attribution/known_failures.txt`; `POLIDEX_BLESS=1 cargo
/// test attribution` rewrites that list after an improvement.
#[test]
fn attribution_labelled_set_does_not_regress() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/attribution");
    let labels = score::read_labels(&dir);
    assert!(labels.len() >= 300, "the labelled set lost rows");
    let outcomes = score::score(&labels, &score::run_documents(&dir));
    let failing: Vec<String> = outcomes
        .iter()
        .filter(|o| !o.correct)
        .map(|o| o.label.key())
        .collect();
    for (field, s) in score::summarise(&outcomes) {
        eprintln!(
            "{field}: precision {:.3} recall {:.3} F1 {:.3}",
            s.precision(),
            s.recall(),
            s.f1()
        );
    }
    let (found, named) = score::quotation_recall(&outcomes);
    eprintln!("named-source quotations found: {found}/{named}");
    let known_path = dir.join("known_failures.txt");
    if std::env::var_os("POLIDEX_BLESS").is_some() {
        std::fs::write(&known_path, failing.join("\n") + "\n").unwrap();
    }
    let known = std::fs::read_to_string(&known_path).unwrap();
    let known: std::collections::HashSet<&str> = known.lines().collect();
    let regressions: Vec<String> = outcomes
        .iter()
        .filter(|o| !o.correct && !known.contains(o.label.key().as_str()))
        .map(|o| {
            format!(
                "labels.tsv:{} {} {:?}: expected {:?}, got {:?}",
                o.label.line, o.label.kind, o.label.anchor, o.label.expected, o.got
            )
        })
        .collect();
    assert!(
        regressions.is_empty(),
        "regressions:\n{}",
        regressions.join("\n")
    );
    let fixed = known
        .iter()
        .filter(|k| !k.is_empty() && !failing.iter().any(|f| f == *k))
        .count();
    if fixed > 0 {
        eprintln!("{fixed} known failures now pass: run POLIDEX_BLESS=1 cargo test attribution");
    }
}

/// Issue #4: an HTML page yields its article, not its menus, with metadata from the page,
/// even when its charset declaration is wrong.
#[test]
fn html_pages_give_the_article_and_its_metadata() {
    let fx = Fixture::new();
    let mut page = br#"<html><head><meta charset="utf-8"><title>Accord signed - Capital Wire</title>
<link rel="canonical" href="https://www.reuters.com/world/2022/05/17/accord-signed/">
<script type="application/ld+json">{"@type":"NewsArticle","headline":"Accord signed","author":{"@type":"Person","name":"Stefan Oduya"}}</script>
</head><body><nav><a href="/">Home</a> <a href="/world">World</a></nav><div class="cookie-notice">We use cookies.</div>
<article><h1>Accord signed</h1><p>"#
        .to_vec();
    // Windows-1252 bytes under a UTF-8 declaration.
    page.extend_from_slice(b"The presidents signed the Lune Water Accord in Grauwick on Tuesday, ending a dispute that began in 2009, and called it a \x93new chapter\x94.</p>");
    page.extend_from_slice(b"<div class=\"related-links\"><a href=\"/a\">More on the accord</a></div></article><footer>About us</footer></body></html>");
    fs::write(fx.path("docs/accord.html"), &page).unwrap();
    let (code, stdout, stderr) = fx.run(&["split", "docs/accord.html"]);
    assert_eq!(code, 0, "{stderr}");
    let passages: Vec<Value> = stdout
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    let texts: Vec<&str> = passages
        .iter()
        .map(|p| p["text"].as_str().unwrap())
        .collect();
    assert_eq!(
        texts,
        ["The presidents signed the Lune Water Accord in Grauwick on Tuesday, ending a dispute that began in 2009, and called it a \u{201c}new chapter\u{201d}."]
    );
    let first = &passages[0];
    assert_eq!(first["title"], "Accord signed");
    assert_eq!(first["date"], "2022-05-17");
    assert_eq!(first["outlet"], "Reuters");
    assert_eq!(first["authors"], serde_json::json!(["Stefan Oduya"]));
}

// Issue #6: search that answers researchers' and journalists' questions.

/// The same quotation as the roundup's, published a day earlier with other punctuation.
const POST: &str = "---\ntitle: \"Kessel hails progress\"\ndate: 2024-03-02\noutlet: Harbour Post\nauthor: Nela Strand\n---\n\n“We are closer than we have ever been!” Foreign Minister Adrian Kessel said on Saturday.\n\nThe talks resume next week.\n";

impl Fixture {
    /// The fixture with the Harbour Post article and a dozen reservoir reports, ingested.
    fn ingested_with_more() -> Fixture {
        let fixture = Fixture::new();
        fixture.write("docs/post.md", POST);
        let levels: Vec<String> = (1..=12)
            .map(|week| {
                format!(
                    "Week {week}: the reservoir at Tarrin stood at {} percent.",
                    40 + week
                )
            })
            .collect();
        fixture.write("docs/levels.txt", &levels.join("\n\n"));
        fixture.ingest();
        fixture
    }

    fn stdout_of(&self, args: &[&str]) -> String {
        let (code, stdout, stderr) = self.run(args);
        assert_eq!(code, 0, "{args:?} failed: {stderr}");
        stdout
    }
}

#[test]
fn query_language() {
    let fx = Fixture::ingested();
    let total = |query: &str| {
        fx.search_json(&[query, "--limit", "0"])["total"]
            .as_u64()
            .unwrap()
    };
    let vaccine = total("vaccine");
    assert_eq!(vaccine, 4);
    for (query, expected) in [
        ("\"vaccine reaches every\"", 1),
        ("\"vaccine reaches\"", 2),
        ("\"reaches vaccine\"", 0),
        ("vaccine AND border", 1),
        ("vaccine border", 1),
        ("vaccine OR tariff", vaccine + 1),
        ("vaccine -border", vaccine - 1),
        ("vaccine NOT border", vaccine - 1),
        ("speaker:quill", 2),
        ("speaker:\"Mara Quill\" vaccine", 2),
        ("outlet:\"kellside ledger\"", 1),
        ("title:doses", 1),
        ("closer", 1),
        ("quote:closer", 1),
        ("quotas", 1),
        ("quote:quotas", 0),
        ("vacc*", vaccine),
        ("vaccin*", vaccine),
        ("vacine~1", vaccine),
        ("vaxine~1", 0),
        ("(vaccine OR tariff) AND truce", 1),
    ] {
        assert_eq!(total(query), expected, "{query}");
    }
    for bad in [
        "(vaccine",
        "\"vaccine",
        "colour:red",
        "vaccine~3",
        "vaccine AND",
    ] {
        let (code, _, stderr) = fx.run(&["search", bad]);
        assert_eq!(code, 2, "{bad}: {stderr}");
        assert_eq!(stderr.lines().count(), 1, "{bad}: {stderr}");
        assert!(stderr.starts_with("polidex: bad query"), "{bad}: {stderr}");
    }
}

#[test]
fn facets_command_lists_every_value_with_filters() {
    let fx = Fixture::ingested();
    let text = fx.stdout_of(&["facets", "speaker", "vaccine"]);
    assert_eq!(text, "2  Mara Quill\n1  Reporter\n");
    let csv = fx.stdout_of(&["facets", "outlet", "--since", "2024", "--format", "csv"]);
    assert_eq!(
        csv.lines().collect::<Vec<_>>(),
        vec![
            "value,count",
            "Capital Wire,2",
            "Meridian Herald,1",
            "Northgate Times,1"
        ]
    );
    let json: Value =
        serde_json::from_str(&fx.stdout_of(&["facets", "year", "--format", "json"])).unwrap();
    assert_eq!(json["field"], "year");
    assert_eq!(each(&json["values"], "value"), vec!["2021", "2023", "2024"]);
    let (code, _, stderr) = fx.run(&["facets", "colour"]);
    assert_eq!(code, 2, "{stderr}");
}

#[test]
fn unknown_names_suggest_the_closest() {
    let fx = Fixture::ingested();
    for (args, expected) in [
        (
            vec!["search", "vaccine", "--speaker", "Quil"],
            "polidex: no speaker 'Quil'; did you mean Mara Quill?",
        ),
        (
            vec!["facets", "speaker", "--outlet", "Capitol Wire"],
            "polidex: no outlet 'Capitol Wire'; did you mean Capital Wire?",
        ),
        (
            vec!["search", "x", "--author", "Zebedee"],
            "polidex: no author 'Zebedee' in the index",
        ),
        (
            vec!["search", "x", "--kind", "newsitem"],
            "polidex: no kind 'newsitem'; did you mean news_item?",
        ),
    ] {
        let (code, _, stderr) = fx.run(&args);
        assert_eq!(code, 0, "{args:?}");
        assert_eq!(stderr.trim(), expected, "{args:?}");
    }
}

#[test]
fn timeline_counts_passages_per_period() {
    let fx = Fixture::ingested();
    let csv = fx.stdout_of(&[
        "search",
        "vaccine",
        "--timeline",
        "month",
        "--format",
        "csv",
    ]);
    assert_eq!(csv, "period,count\n2021-03,3\n2021-04,1\n");
    let years = fx.stdout_of(&["search", "*", "--timeline", "year", "--format", "csv"]);
    let periods: Vec<&str> = years
        .lines()
        .skip(1)
        .map(|l| l.split(',').next().unwrap())
        .collect();
    assert_eq!(
        periods,
        vec!["2021", "2022", "2023", "2024"],
        "empty years are kept"
    );
    let bars = fx.stdout_of(&["search", "vaccine", "--timeline", "month"]);
    assert!(bars.starts_with("2021-03 3 █"), "{bars}");
    assert!(bars.contains("4 matching passages"), "{bars}");
    let json: Value = serde_json::from_str(&fx.stdout_of(&[
        "search",
        "vaccine",
        "--timeline",
        "year",
        "--format",
        "json",
    ]))
    .unwrap();
    assert_eq!(json["buckets"][0]["count"], 4);
}

#[test]
fn quotes_are_grouped_earliest_first() {
    let fx = Fixture::ingested_with_more();
    let text = fx.stdout_of(&["quotes", "closer"]);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines,
        vec![
            "“We are closer than we have ever been!” — Adrian Kessel · first seen in Harbour Post on 2024-03-02 (docs/post.md) · then repeated by Capital Wire (2024-03-03)",
            "2 matching quotations, 1 distinct",
        ]
    );
    let json: Value =
        serde_json::from_str(&fx.stdout_of(&["quotes", "closer", "--format", "json"])).unwrap();
    let group = &json["groups"][0];
    assert_eq!(group["count"], 2);
    assert_eq!(
        each(&group["appearances"], "path"),
        vec!["docs/post.md", "docs/roundup.txt"]
    );
    // The query matches the quoted words, not the passage around them.
    let said = fx.stdout_of(&["quotes", "saturday"]);
    assert!(said.starts_with("0 matching quotations"), "{said}");
    let by_speaker = fx.stdout_of(&["quotes", "*", "--speaker", "kessel", "--format", "jsonl"]);
    assert_eq!(by_speaker.lines().count(), 1, "{by_speaker}");
}

#[test]
fn show_prints_neighbours_and_a_citation() {
    let fx = Fixture::ingested();
    let found = fx.search_json(&["\"border towns\""]);
    let id = found["hits"][0]["id"].as_str().unwrap().to_owned();
    let id = id.as_str();
    let shown: Value =
        serde_json::from_str(&fx.stdout_of(&["show", id, "--context", "1", "--format", "json"]))
            .unwrap();
    let ordinal = shown["passage"]["ordinal"].as_u64().unwrap();
    let ordinals = |key: &str| -> Vec<u64> {
        shown[key]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["ordinal"].as_u64().unwrap())
            .collect()
    };
    assert_eq!(ordinals("before"), vec![ordinal - 1]);
    assert_eq!(ordinals("after"), vec![ordinal + 1]);
    assert_eq!(
        shown["citation"],
        format!(
            "Reporter, “Press Briefing by Press Secretary Mara Quill”, 2021-03-09, docs/briefing.md:{}.",
            shown["passage"]["line"]
        )
    );
    let text = fx.stdout_of(&["show", id]);
    assert!(
        text.contains("> [Reporter] Will the vaccine reach the border towns?"),
        "{text}"
    );
    assert!(
        text.contains("Good afternoon."),
        "two neighbours by default: {text}"
    );
    // `id:` in a query finds the passage too.
    let by_id = fx.search_json(&[&format!("id:{id}")]);
    assert_eq!(by_id["total"], 1, "{by_id}");
    assert_eq!(by_id["hits"][0]["id"], id);
    assert_eq!(fx.search_json(&["id:not-an-id"])["total"], 0);
    // Ids are case-blind hex; anything else is simply not there.
    assert_eq!(fx.stdout_of(&["show", &id.to_uppercase()]), text);
    for missing in ["0000000000000000", "not-an-id", ""] {
        let (code, _, stderr) = fx.run(&["show", missing]);
        assert_eq!(code, 1, "{missing:?}");
        assert!(stderr.contains("no passage with id"), "{stderr}");
    }
    // A passage replaced by a re-ingest of its changed file is gone, though its segment
    // still holds it until a merge.
    let path = fx.path("docs/briefing.md");
    let changed = fs::read_to_string(&path)
        .unwrap()
        .replace("border towns", "border villages");
    fs::write(&path, changed).unwrap();
    fx.ingest();
    let (code, _, stderr) = fx.run(&["show", id]);
    assert_eq!(code, 1, "{stderr}");
    let found = fx.search_json(&["\"border villages\""]);
    let new_id = found["hits"][0]["id"].as_str().unwrap();
    assert_ne!(new_id, id);
    assert!(fx.stdout_of(&["show", new_id]).contains("border villages"));
}

#[test]
fn cite_format_gives_pasteable_citations() {
    let fx = Fixture::ingested_with_more();
    let cite = fx.stdout_of(&["search", "closer", "--sort", "date", "--format", "cite"]);
    assert_eq!(
        cite.lines().collect::<Vec<_>>(),
        vec![
            "Adrian Kessel: “We are closer than we have ever been!” “Kessel hails progress”, by Nela Strand, Harbour Post, 2024-03-02, docs/post.md:8.",
            "Adrian Kessel: “We are closer than we have ever been,” “Kessel and Varo meet in Grauwick to review the accord”, Capital Wire, 2024-03-03, docs/roundup.txt:5.",
        ]
    );
}

#[test]
fn limit_0_exports_every_match() {
    let fx = Fixture::ingested_with_more();
    let page = fx.search_json(&["reservoir"]);
    assert_eq!(page["total"], 13);
    assert_eq!(page["hits"].as_array().unwrap().len(), 10);
    let jsonl = fx.stdout_of(&["search", "reservoir", "--limit", "0", "--format", "jsonl"]);
    let ids: std::collections::HashSet<String> = jsonl
        .lines()
        .map(|l| {
            serde_json::from_str::<Value>(l).unwrap()["id"]
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect();
    assert_eq!(ids.len(), 13);
    let csv = fx.stdout_of(&[
        "search",
        "reservoir",
        "--limit",
        "0",
        "--format",
        "csv",
        "--kind",
        "paragraph",
        "--since",
        "2023",
    ]);
    assert_eq!(
        csv.lines().count(),
        1 + 1,
        "filters apply to the export: {csv}"
    );
    let by_date = fx.stdout_of(&[
        "search",
        "reservoir",
        "--limit",
        "0",
        "--format",
        "jsonl",
        "--sort",
        "date-desc",
    ]);
    let dates: Vec<String> = by_date
        .lines()
        .map(|l| {
            serde_json::from_str::<Value>(l).unwrap()["date"]
                .as_str()
                .unwrap_or("")
                .to_owned()
        })
        .collect();
    assert_eq!(dates.len(), 13);
    assert_eq!(dates[0], "2023-08-09", "newest first: {dates:?}");
}

/// Issue #3: one person, one outlet, one facet value across documents; aliases.toml in the
/// index folder and --aliases merge or keep apart what the rules cannot tell.
#[test]
fn names_and_outlets_are_canonical_across_documents() {
    let fx = Fixture::new();
    fx.write(
        "docs/ruiz-a.md",
        "---\noutlet: The Harbour Post\n---\n\nFinance Minister Ana Ruiz spoke on the budget. “We will hold the line on harbour spending,” Ruiz said.\n",
    );
    fx.write(
        "docs/ruiz-b.md",
        "---\noutlet: Harbour Post\n---\n\n“Harbour budgets are choices, not accidents,” Ruiz told reporters.\n",
    );
    fx.write(
        "docs/ruiz-c.md",
        "---\noutlet: HP\n---\n\nThe harbour vote is set for Friday.\n",
    );
    fx.ingest();
    let facets = |extra: &[&str]| -> Vec<String> {
        let mut args = vec!["facets", "speaker", "harbour", "--format", "csv"];
        args.extend_from_slice(extra);
        fx.stdout_of(&args)
            .lines()
            .skip(1)
            .map(str::to_owned)
            .collect()
    };
    assert_eq!(facets(&[]), vec!["Ana Ruiz,2"]);
    let outlets: Vec<String> = fx
        .stdout_of(&["facets", "outlet", "harbour", "--format", "csv"])
        .lines()
        .skip(1)
        .map(str::to_owned)
        .collect();
    assert_eq!(outlets, vec!["Harbour Post,3"]);
    // A filter on the canonical name matches every form; hits show the canonical name.
    let found = fx.search_json(&["harbour", "--speaker", "Ana Ruiz"]);
    assert_eq!(found["total"], 2);
    for hit in found["hits"].as_array().unwrap() {
        assert_eq!(strings(&hit["speakers"]), vec!["Ana Ruiz"]);
    }
    // aliases.toml in the index folder keeps a form apart...
    fx.write("idx/aliases.toml", "[distinct]\nspeaker = [\"Ruiz\"]\n");
    assert_eq!(facets(&[]), vec!["Ana Ruiz,1", "Ruiz,1"]);
    // ... and --aliases names another file, which merges by hand.
    fx.write(
        "names.toml",
        "[speaker]\n\"Minister Ruiz\" = [\"Ana Ruiz\", \"Ruiz\"]\n",
    );
    assert_eq!(
        facets(&["--aliases", "names.toml"]),
        vec!["Minister Ruiz,2"]
    );
    // A broken aliases file is an error naming it and the line.
    fx.write("idx/aliases.toml", "[speaker\n");
    let (code, _, stderr) = fx.run(&["facets", "speaker"]);
    assert_eq!(code, 1);
    assert!(stderr.contains("aliases.toml: line 1"), "{stderr}");
}

/// Issue #6: ingest leaves every name's canonical form in `names.tsv`, which a one-shot
/// search reads instead of clustering the index's names; a cache written for another state
/// of the index or another aliases file is ignored.
#[test]
fn one_shot_search_reads_the_name_cache_only_while_it_is_current() {
    let fx = Fixture::new();
    fx.write(
        "docs/ruiz-a.md",
        "Finance Minister Ana Ruiz spoke on the budget. “We will hold the line on harbour spending,” Ruiz said.\n",
    );
    fx.write(
        "docs/ruiz-b.md",
        "“Harbour budgets are choices, not accidents,” Ruiz told reporters.\n",
    );
    fx.ingest();
    let cache = std::fs::read_to_string(fx.path("idx/names.tsv")).expect("ingest writes it");
    assert!(cache.contains("speaker\truiz\tAna Ruiz\n"), "{cache}");
    let speakers = || -> Vec<String> {
        let found = fx.search_json(&["harbour", "--sort", "date"]);
        let mut all: Vec<String> = found["hits"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|hit| strings(&hit["speakers"]))
            .collect();
        all.sort();
        all
    };
    assert_eq!(speakers(), vec!["Ana Ruiz", "Ana Ruiz"]);
    // The search really answers from the file: a (doctored) current cache is believed.
    fx.write(
        "idx/names.tsv",
        &cache.replace(
            "speaker\truiz\tAna Ruiz",
            "speaker\truiz\tA. Ruiz of the cache",
        ),
    );
    assert_eq!(speakers(), vec!["A. Ruiz of the cache", "Ana Ruiz"]);
    // Another aliases file makes it stale: the maps are built under the new one.
    fx.write("idx/aliases.toml", "[distinct]\nspeaker = [\"Ruiz\"]\n");
    assert_eq!(speakers(), vec!["Ana Ruiz", "Ruiz"]);
    std::fs::remove_file(fx.path("idx/aliases.toml")).unwrap();
    // So does a change to the index; the next ingest writes a current cache again.
    fx.write(
        "docs/ruiz-c.md",
        "“Harbour fees stay,” said Deputy Minister Ana Ruiz on Friday.\n",
    );
    fx.ingest();
    let cache = std::fs::read_to_string(fx.path("idx/names.tsv")).unwrap();
    assert!(!cache.contains("of the cache"), "{cache}");
    assert_eq!(speakers(), vec!["Ana Ruiz", "Ana Ruiz", "Ana Ruiz"]);
}

/// Issue #3: a researcher's CSV manifest overrides what the files say.
#[test]
fn metadata_manifest_overrides_document_metadata() {
    let fx = Fixture::new();
    fx.write(
        "meta.csv",
        "filename,title,publication_date,publisher,authors\nroundup.txt,Tariff roundup,2024-03-06,Wire Desk,Jo Bloggs; Li Wen\nmissing.txt,,,,\n",
    );
    let (code, stdout, stderr) = fx.run(&["split", "--metadata", "meta.csv", "docs/roundup.txt"]);
    assert_eq!(code, 0, "{stderr}");
    let first: Value = serde_json::from_str(stdout.lines().next().unwrap()).unwrap();
    assert_eq!(first["title"], "Tariff roundup");
    assert_eq!(first["date"], "2024-03-06");
    assert_eq!(first["outlet"], "Wire Desk");
    assert_eq!(strings(&first["authors"]), vec!["Jo Bloggs", "Li Wen"]);
    assert!(
        stderr.contains("meta.csv:3: no document matches path \"missing.txt\""),
        "{stderr}"
    );
    fx.write("bad.csv", "path,date\nroundup.txt,February 30 2024\n");
    let (code, _, stderr) = fx.run(&["split", "--metadata", "bad.csv", "docs/roundup.txt"]);
    assert_eq!(code, 1);
    assert!(stderr.contains("bad.csv:2: not a date"), "{stderr}");
}

// ---- Batch ingest (issue #5): periodic commits, crashes, concurrency, bad input ----

/// Deterministic prose for generated corpora: `words` pseudo-random words from a small
/// vocabulary, seeded so that every run writes the same files.
fn prose(seed: u64, words: usize) -> String {
    const VOCAB: &[&str] = &[
        "accord",
        "tariff",
        "reservoir",
        "minister",
        "envoy",
        "quota",
        "border",
        "vaccine",
        "ceasefire",
        "budget",
        "harbour",
        "drought",
        "senate",
        "treaty",
        "grain",
        "pipeline",
        "election",
        "court",
        "embassy",
        "sanction",
        "summit",
        "refugee",
        "railway",
        "mandate",
    ];
    let mut state = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    let mut text = String::new();
    for word_idx in 0..words {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        if word_idx > 0 {
            text.push(' ');
        }
        text.push_str(VOCAB[(state >> 33) as usize % VOCAB.len()]);
        if word_idx % 12 == 11 {
            text.push('.');
        }
    }
    text.push('.');
    text
}

/// Writes `n_files` text files of 40 paragraphs each under `folder`; `version` changes
/// every file's content (and adds a marker word) so that a rewrite is a real change.
fn write_generated_corpus(fx: &Fixture, folder: &str, n_files: usize, version: u64) {
    for file_idx in 0..n_files {
        let mut text = format!("Generated report {file_idx}, version marker v{version}x.\n\n");
        for para_idx in 0..40 {
            let seed = (version * 1_000_003 + file_idx as u64) * 101 + para_idx;
            text.push_str(&prose(seed, 48));
            text.push_str("\n\n");
        }
        fx.write(&format!("{folder}/{file_idx:04}.txt"), &text);
    }
}

impl Fixture {
    /// `polidex` with the fixture's index, started in the background.
    fn spawn(&self, args: &[&str]) -> std::process::Child {
        let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("polidex"));
        cmd.current_dir(self.dir.path())
            .env_remove("POLIDEX_INDEX")
            .arg("--index")
            .arg("idx")
            .args(args)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped());
        cmd.spawn().unwrap()
    }

    /// Manifests written beside the index: one exists once the first commit is made.
    fn committed_once(&self) -> bool {
        fs::read_dir(self.path("idx")).is_ok_and(|entries| {
            entries.flatten().any(|e| {
                let name = e.file_name().to_string_lossy().into_owned();
                name.starts_with("manifest-") && name.ends_with(".json")
            })
        })
    }

    fn stats(&self) -> Value {
        let (code, stdout, stderr) = self.run(&["stats", "--json"]);
        assert_eq!(code, 0, "stats failed: {stderr}");
        serde_json::from_str(&stdout).unwrap()
    }

    /// Every passage id in the index, from a match-all search.
    fn all_ids(&self) -> Vec<String> {
        let (code, stdout, stderr) =
            self.run(&["search", "*", "--limit", "1000000", "--format", "jsonl"]);
        assert_eq!(code, 0, "search failed: {stderr}");
        stdout
            .lines()
            .map(|line| {
                let hit: Value = serde_json::from_str(line).unwrap();
                hit["id"].as_str().unwrap().to_owned()
            })
            .collect()
    }
}

/// The manifests beside the index.
fn manifests(fx: &Fixture) -> Vec<String> {
    fs::read_dir(fx.path("idx"))
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("manifest-") && n.ends_with(".json"))
        .collect()
}

/// Polls until `ready` holds, failing the test after a minute.
fn wait_until(what: &str, mut ready: impl FnMut() -> bool) {
    let start = std::time::Instant::now();
    while !ready() {
        assert!(
            start.elapsed().as_secs() < 60,
            "timed out waiting for {what}"
        );
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
}

fn summary_of(output: &std::process::Output) -> Value {
    serde_json::from_slice(&output.stdout).unwrap_or_else(|_| {
        panic!(
            "no JSON summary: {}",
            String::from_utf8_lossy(&output.stderr)
        )
    })
}

/// The passage count a clean, uninterrupted ingest of `folder` gives.
fn clean_passage_count(fx: &Fixture, folder: &str) -> u64 {
    let out = Command::cargo_bin("polidex")
        .unwrap()
        .current_dir(fx.dir.path())
        .args(["--index", "clean-idx", "ingest", folder, "--json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let summary = summary_of(&out);
    summary["passages"].as_u64().unwrap()
}

/// Issue #5: SIGKILL at any moment leaves the last commit searchable, and the next ingest
/// completes the work with nothing missing and nothing twice.
#[test]
fn sigkill_mid_ingest_then_rerun_loses_and_duplicates_nothing() {
    let fx = Fixture::new();
    write_generated_corpus(&fx, "gen", 240, 1);
    fx.run(&["ingest", "gen"]);
    // Version 2 changes every file and adds new ones: the killed run is half way through
    // replacing old passages and adding new documents.
    write_generated_corpus(&fx, "gen", 300, 2);
    let mut child = fx.spawn(&["ingest", "gen", "-j", "1", "--commit-every", "10"]);
    // Wait for a commit of this run (it removes the first run's manifest once committed),
    // then kill without warning.
    let first_manifests = manifests(&fx);
    wait_until("a commit of the second run", || {
        manifests(&fx)
            .iter()
            .all(|name| !first_manifests.contains(name))
    });
    child.kill().unwrap();
    let status = child.wait().unwrap();
    assert!(status.code().is_none(), "ingest ended before it was killed");

    // The previous state (some files new, the rest old) is searchable.
    let stats = fx.stats();
    let passages_after_kill = stats["passages"].as_u64().unwrap();
    assert!(passages_after_kill > 0);
    assert!(fx.search_json(&["accord"])["total"].as_u64().unwrap() > 0);

    let (code, stdout, stderr) = fx.run(&["ingest", "gen", "--json"]);
    assert_eq!(code, 0, "the run after a kill is not blocked: {stderr}");
    let rerun: Value = serde_json::from_str(&stdout).unwrap();
    assert!(
        rerun["unchanged"].as_u64().unwrap() > 0,
        "committed work is not redone: {rerun}"
    );
    assert!(
        rerun["updated"].as_u64().unwrap() + rerun["added"].as_u64().unwrap() > 0,
        "uncommitted work is redone: {rerun}"
    );
    let expected = clean_passage_count(&fx, "gen");
    assert_eq!(rerun["passages"].as_u64().unwrap(), expected);
    let ids = fx.all_ids();
    assert_eq!(ids.len() as u64, expected);
    let unique: std::collections::HashSet<&String> = ids.iter().collect();
    assert_eq!(unique.len(), ids.len(), "duplicate passages after a kill");
    assert_eq!(
        fx.search_json(&["v1x"])["total"],
        0,
        "old passages of changed files are gone"
    );
    assert_eq!(fx.search_json(&["v2x"])["total"], 300);
}

/// Issue #5: while an ingest runs, search and stats see the last commit, and a second
/// ingest is refused at once naming the holder's pid, or waits with `--wait`.
#[test]
fn search_and_stats_run_during_an_ingest_and_a_second_ingest_is_refused() {
    let fx = Fixture::ingested();
    write_generated_corpus(&fx, "gen", 300, 1);
    let mut child = fx.spawn(&["ingest", "gen", "-j", "1", "--commit-every", "10"]);
    let pid = child.id();
    wait_until("the ingest to take the lock", || {
        fs::read_to_string(fx.path("idx/ingest.pid")).is_ok_and(|p| p.trim() == pid.to_string())
    });
    let (code, _, stderr) = fx.run(&["ingest", "docs"]);
    assert_eq!(code, 1);
    assert_eq!(
        stderr.trim(),
        format!("polidex: idx: index is locked by another ingest (pid {pid})")
    );
    let waiter = fx.spawn(&["ingest", "docs", "--wait", "--json"]);

    let mut seen_during_ingest = 0;
    let mut last_passages = 0;
    while child.try_wait().unwrap().is_none() {
        let passages = fx.stats()["passages"].as_u64().unwrap();
        assert!(passages >= last_passages, "a reader saw the index shrink");
        last_passages = passages;
        let found = fx.search_json(&["tariff truce"]);
        assert_eq!(found["total"], 1, "the previous documents stay searchable");
        if child.try_wait().unwrap().is_none() {
            seen_during_ingest += 1;
        }
    }
    assert!(child.wait().unwrap().success());
    assert!(
        seen_during_ingest > 0,
        "the ingest ended before any search ran"
    );
    let waited = waiter.wait_with_output().unwrap();
    assert!(waited.status.success(), "{waited:?}");
    let summary = summary_of(&waited);
    assert_eq!(
        summary["unchanged"], 4,
        "the waiting run saw the first one's commit"
    );
    assert!(String::from_utf8_lossy(&waited.stderr).contains("waiting for it to finish"));
}

/// Issue #5: Ctrl-C stops after the current commit; the next run finishes the work.
#[cfg(unix)]
#[test]
fn ctrl_c_stops_cleanly_after_a_commit() {
    let fx = Fixture::new();
    write_generated_corpus(&fx, "gen", 300, 1);
    let child = fx.spawn(&["ingest", "gen", "-j", "1", "--commit-every", "10", "--json"]);
    wait_until("the first commit", || fx.committed_once());
    let sent = std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(sent.success());
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let summary = summary_of(&out);
    assert_eq!(summary["interrupted"], true);
    let added = summary["added"].as_u64().unwrap();
    assert!(added > 0 && added < 300, "{summary}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("interrupted"));
    // Everything the stopped run read was committed; the next run adds only the rest.
    assert_eq!(fx.stats()["passages"], summary["passages"]);
    let rerun = fx.ingest_folder("gen");
    assert_eq!(rerun["unchanged"].as_u64().unwrap(), added);
    assert_eq!(rerun["added"].as_u64().unwrap(), 300 - added);
}

impl Fixture {
    /// [`Fixture::run`], but when the tests run as root, the child runs as `nobody`
    /// (uid/gid 65534) with the fixture folder opened to it, so that file permissions
    /// apply to it (root reads a mode 000 file).
    fn run_unprivileged(&self, args: &[&str]) -> (i32, String, String) {
        let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("polidex"));
        cmd.current_dir(self.dir.path())
            .env_remove("POLIDEX_INDEX")
            .arg("--index")
            .arg("idx")
            .args(args);
        #[cfg(unix)]
        if unsafe { libc::geteuid() } == 0 {
            use std::os::unix::fs::PermissionsExt;
            use std::os::unix::process::CommandExt;
            // The child only reads the documents and writes the index folder it creates.
            fs::set_permissions(self.dir.path(), fs::Permissions::from_mode(0o777)).unwrap();
            cmd.uid(65534).gid(65534);
        }
        let out = cmd.output().unwrap();
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    }

    fn ingest_folder(&self, folder: &str) -> Value {
        let (code, stdout, stderr) = self.run(&["ingest", folder, "--json"]);
        assert!(code == 0 || code == 3, "ingest failed: {stderr}");
        serde_json::from_str(&stdout).unwrap()
    }
}

#[test]
fn long_batches_commit_periodically() {
    let fx = Fixture::new();
    write_generated_corpus(&fx, "gen", 25, 1);
    let (code, stdout, stderr) = fx.run(&["ingest", "gen", "--commit-every", "10", "--json"]);
    assert_eq!(code, 0);
    // Piped stderr: no bar, no escape codes, one summary line.
    assert_eq!(
        stderr,
        "polidex: 25 added, 0 updated, 0 unchanged, 0 removed, 0 failed; 1025 passages in the index\n"
    );
    let summary: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(summary["added"], 25);
    assert_eq!(summary["commits"], 3, "after 10, after 20, and at the end");
    // --progress draws the bar even when stderr is not a terminal.
    fx.write("gen/extra.txt", "One more report on the grain corridor.");
    let (_, _, stderr) = fx.run(&["--progress", "ingest", "gen"]);
    assert!(stderr.contains("/26 files"), "{stderr}");
    let again = fx.ingest_folder("gen");
    assert_eq!(again["commits"], 0, "an unchanged corpus needs no commit");
    assert_eq!(again["unchanged"], 26);
    // --commit-every 0 commits only at the end, as the contract says; so does a time bound
    // that the run does not reach.
    write_generated_corpus(&fx, "gen", 25, 2);
    for args in [
        &["--commit-every", "0"][..],
        &["--commit-every", "0", "--commit-secs", "3600"],
    ] {
        fx.write("gen/extra.txt", &format!("Changed again for {args:?}."));
        let mut argv = vec!["ingest", "gen", "--json"];
        argv.extend_from_slice(args);
        let (code, stdout, _) = fx.run(&argv);
        assert_eq!(code, 0);
        let summary: Value = serde_json::from_str(&stdout).unwrap();
        assert_eq!(summary["commits"], 1, "{args:?}: {summary}");
    }
}

#[test]
fn dry_run_reports_changes_without_writing() {
    let fx = Fixture::ingested();
    fx.write("docs/page.html", &PAGE.replace("farmers", "growers"));
    fx.write("docs/new.txt", "A new report on the grain corridor.");
    let (code, stdout, _) = fx.run(&["ingest", "docs", "--dry-run", "--json"]);
    assert_eq!(code, 0, "unchanged files are not read again: {stdout}");
    let summary: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(
        (summary["added"].clone(), summary["updated"].clone()),
        (1.into(), 1.into())
    );
    assert_eq!(fx.search_json(&["growers"])["total"], 0, "nothing written");
    assert_eq!(
        fx.ingest_folder("docs")["added"],
        1,
        "the real run still sees the change"
    );
    // On a folder with no index, a dry run creates none.
    let out = Command::cargo_bin("polidex")
        .unwrap()
        .current_dir(fx.dir.path())
        .args(["--index", "fresh", "ingest", "docs", "--dry-run", "--json"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(3),
        "the bad JSON line is read and reported"
    );
    assert_eq!(summary_of(&out)["added"], 5);
    assert!(!fx.path("fresh").exists());
}

/// Issue #5: every kind of bad input is reported once, with its path and reason, and
/// costs none of the good files.
#[test]
fn every_kind_of_bad_input_is_reported_once() {
    use std::io::Write;
    let fx = Fixture::new();
    let docs = |rel: &str| fx.path(&format!("docs/{rel}"));
    // A single 2 MB line with a 1 MB limit stands in for the 100 MB line (measured in the bench).
    fs::write(docs("one-line.txt"), "tariff ".repeat(300_000)).unwrap();
    // A gzip bomb: 8 MB of zeros in a few KB, over the limit once decompressed.
    let mut bomb = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    bomb.write_all(&vec![b' '; 8 << 20]).unwrap();
    fs::write(docs("bomb.txt.gz"), bomb.finish().unwrap()).unwrap();
    // An HTML bomb: nesting deep enough to overflow a naive recursive walk.
    fx.write(
        "docs/nested.html",
        &format!(
            "<html><body>{}<p>Nested treaty text.</p>{}</body></html>",
            "<div>".repeat(50_000),
            "</div>".repeat(50_000)
        ),
    );
    fs::write(docs("invalid-utf8.md"), b"\xff\xfe\xfd\x00\x00garbage").unwrap();
    fs::write(docs("zero.txt"), b"").unwrap();
    fs::write(docs("binary.json"), b"\x00\x01\x02\x03").unwrap();
    fs::write(docs("truncated.jsonl.gz"), [0x1f, 0x8b, 0x08, 0x00, 0x01]).unwrap();
    fx.write("docs/bad.json", "{\"title\": \"unterminated\"");
    let good = "A gzipped report on the harbour accord.";
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(good.as_bytes()).unwrap();
    fs::write(docs("good.txt.gz"), gz.finish().unwrap()).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fx.write("docs/secret.txt", "Unreadable minutes.");
        fs::set_permissions(docs("secret.txt"), fs::Permissions::from_mode(0o000)).unwrap();
        std::os::unix::fs::symlink(".", docs("loop")).unwrap();
    }
    let (code, stdout, stderr) =
        fx.run_unprivileged(&["ingest", "docs", "--json", "--max-file-mb", "1"]);
    assert_eq!(code, 3, "{stderr}");
    let summary: Value = serde_json::from_str(&stdout).unwrap();
    let failed: Vec<&str> = each(&summary["failed"], "path");
    let reason_of = |path: &str| -> String {
        let errors: Vec<&Value> = summary["failed"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["path"] == path)
            .collect();
        assert_eq!(
            errors.len(),
            1,
            "{path} reported {} times: {stderr}",
            errors.len()
        );
        assert_eq!(
            stderr.matches(&format!("polidex: {path}")).count(),
            1,
            "{stderr}"
        );
        errors[0]["error"].as_str().unwrap().to_owned()
    };
    assert!(reason_of("docs/one-line.txt").contains("file too large"));
    assert!(reason_of("docs/bomb.txt.gz").contains("file too large"));
    assert_eq!(reason_of("docs/zero.txt"), "empty file");
    assert_eq!(reason_of("docs/binary.json"), "binary file, not text");
    assert!(reason_of("docs/truncated.jsonl.gz").contains("corrupt gzip"));
    assert!(reason_of("docs/bad.json").contains("invalid JSON"));
    assert!(reason_of("docs/invalid-utf8.md").contains("binary"));
    #[cfg(unix)]
    {
        assert!(failed.contains(&"docs/loop"), "symlink loop: {stderr}");
        // Run by root, the ingest ran as an unprivileged user, so the mode holds for it too.
        assert_eq!(
            reason_of("docs/secret.txt"),
            "Permission denied (os error 13)"
        );
    }
    // Everything good is indexed, the nested page included.
    assert_eq!(fx.search_json(&["nested treaty"])["total"], 1);
    assert_eq!(fx.search_json(&["harbour accord"])["total"], 1);
    assert_eq!(fx.search_json(&["quotas"])["total"], 1);
    assert_eq!(fx.search_json(&["tariff truce"])["total"], 1);
}

/// Issue #5: a large JSON Lines archive (gzipped or not) is read as a stream, so the
/// per-file size limit does not apply to it, only to its lines; its passages are the ones
/// `split` prints, and a bad line in the middle is reported with its line number.
#[test]
fn large_jsonl_archives_stream_past_the_file_size_limit() {
    use std::io::Write;
    let fx = Fixture::new();
    let mut archive = String::new();
    for idx in 0..3000 {
        if idx == 1500 {
            archive.push_str("{truncated record\n");
        }
        archive.push_str(&format!(
            "{{\"title\":\"Item {idx}\",\"text\":\"{}\",\"outlet\":\"Capital Wire\",\"date\":\"2024-02-10\"}}\n",
            prose(idx, 100)
        ));
    }
    assert!(archive.len() > 2 << 20);
    fx.write("news/archive.jsonl", &archive);
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(archive.replace("Item", "Gz item").as_bytes())
        .unwrap();
    fs::write(fx.path("news/archive2.jsonl.gz"), gz.finish().unwrap()).unwrap();
    let (code, stdout, stderr) = fx.run(&["ingest", "news", "--json", "--max-file-mb", "1"]);
    assert_eq!(code, 3, "{stderr}");
    let summary: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(summary["added"], 2, "{stderr}");
    let lines: Vec<(&str, u64)> = summary["failed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["path"].as_str().unwrap(), e["line"].as_u64().unwrap()))
        .collect();
    assert_eq!(
        lines,
        vec![
            ("news/archive.jsonl", 1501),
            ("news/archive2.jsonl.gz", 1501)
        ]
    );
    // The same passages, ids included, as reading the file whole.
    let (_, split, _) = fx.run(&["split", "news/archive.jsonl"]);
    let mut expected: Vec<String> = split
        .lines()
        .map(|l| {
            serde_json::from_str::<Value>(l).unwrap()["id"]
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect();
    let mut indexed: Vec<String> = fx.all_ids().into_iter().collect();
    assert_eq!(indexed.len(), 2 * expected.len());
    indexed.sort();
    expected.sort();
    indexed.retain(|id| expected.binary_search(id).is_ok());
    assert_eq!(indexed, expected);
    // Unchanged archives are skipped; a changed one replaces its passages.
    assert_eq!(fx.ingest_folder("news")["unchanged"], 2);
    fx.write(
        "news/archive.jsonl",
        &archive.replacen("Item 0\"", "Item zero\"", 1),
    );
    let again = fx.ingest_folder("news");
    assert_eq!(
        (again["updated"].clone(), again["passages"].clone()),
        (1.into(), summary["passages"].clone())
    );
}

/// Issue #3: `ingest --metadata` applies the manifest, and editing a row re-tags only its
/// file even though the file itself did not change.
#[test]
fn ingest_metadata_manifest_is_part_of_a_files_identity() {
    let fx = Fixture::new();
    fx.write(
        "meta.tsv",
        "file\toutlet\tdate\nroundup.txt\tWire Desk\t2024-03-06\n",
    );
    let (code, stdout, stderr) = fx.run(&["ingest", "docs", "--json", "--metadata", "meta.tsv"]);
    assert!(code == 0 || code == 3, "{stderr}");
    let first: Value = serde_json::from_str(&stdout).unwrap();
    let found = fx.search_json(&["quotas", "--outlet", "Wire Desk"]);
    assert_eq!(found["total"], 0, "news items keep their own outlets");
    let found = fx.search_json(&["*", "--outlet", "Wire Desk"]);
    assert!(found["total"].as_u64().unwrap() > 0);
    // The same manifest again: nothing to do.
    let (_, stdout, _) = fx.run(&["ingest", "docs", "--json", "--metadata", "meta.tsv"]);
    let again: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(again["updated"], 0);
    assert_eq!(again["unchanged"], first["added"]);
    // An edited row: that file only is read again.
    fx.write(
        "meta.tsv",
        "file\toutlet\tdate\nroundup.txt\tDesk Two\t2024-03-06\n",
    );
    let (_, stdout, _) = fx.run(&["ingest", "docs", "--json", "--metadata", "meta.tsv"]);
    let edited: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(edited["updated"], 1);
    assert_eq!(
        fx.search_json(&["*", "--outlet", "Desk Two"])["total"],
        found["total"]
    );
}

/// The lines a terminal shows for `raw`: a carriage return or an erase-line sequence starts
/// the line over (as the bar redraws itself); other escape sequences are dropped.
#[cfg(target_os = "linux")]
fn screen_lines(raw: &str) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    // The terminal turns "\n" into "\r\n".
    let raw = raw.replace("\r\n", "\n");
    let mut chars = raw.chars();
    while let Some(c) = chars.next() {
        match c {
            '\u{1b}' => {
                // CSI: parameters, then one final byte in @..~.
                if chars.next() == Some('[') {
                    for c in chars.by_ref() {
                        if ('@'..='~').contains(&c) {
                            if c == 'K' {
                                line.clear();
                            }
                            break;
                        }
                    }
                }
            }
            '\r' => line.clear(),
            '\n' => lines.push(std::mem::take(&mut line)),
            c => line.push(c),
        }
    }
    lines.push(line);
    lines
}

/// Issue #5: on a terminal, the bar (files, MB/s, ETA) is drawn without `--progress`, and
/// warnings are printed above it whole; stdout (the JSON summary) gets none of it.
#[cfg(target_os = "linux")]
#[test]
fn the_progress_bar_is_drawn_on_a_terminal_with_warnings_above_it() {
    use std::io::Read;
    use std::os::fd::{FromRawFd, OwnedFd};
    let fx = Fixture::new();
    write_generated_corpus(&fx, "gen", 40, 1);
    fx.write("gen/zero.txt", "");
    let (mut master, mut slave) = (0, 0);
    let size = libc::winsize {
        ws_row: 40,
        ws_col: 160,
        ws_xpixel: 0,
        ws_ypixel: 0,
    };
    // SAFETY: openpty writes two descriptors, which are then owned here.
    let rc = unsafe {
        libc::openpty(
            &mut master,
            &mut slave,
            std::ptr::null_mut(),
            std::ptr::null(),
            &size,
        )
    };
    assert_eq!(rc, 0, "openpty failed");
    let (master, slave) = unsafe { (OwnedFd::from_raw_fd(master), OwnedFd::from_raw_fd(slave)) };
    let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("polidex"));
    cmd.current_dir(fx.dir.path())
        .env_remove("POLIDEX_INDEX")
        .args(["--index", "idx", "ingest", "gen", "--json"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::from(slave));
    let child = cmd.spawn().unwrap();
    drop(cmd); // the terminal's last writer is now the child
    let reader = std::thread::spawn(move || {
        let mut terminal = fs::File::from(master);
        let mut raw = Vec::new();
        let mut buf = [0u8; 4096];
        // EIO once the child has exited and closed its side.
        while let Ok(n) = terminal.read(&mut buf) {
            if n == 0 {
                break;
            }
            raw.extend_from_slice(&buf[..n]);
        }
        String::from_utf8_lossy(&raw).into_owned()
    });
    let out = child.wait_with_output().unwrap();
    let raw = reader.join().unwrap();
    assert_eq!(out.status.code(), Some(3), "{raw}");
    let summary: Value = serde_json::from_slice(&out.stdout).expect("stdout is only JSON");
    assert_eq!(summary["added"], 40);
    assert!(raw.contains("/41 files"), "no bar drawn: {raw:?}");
    assert!(raw.contains("ETA"), "{raw:?}");
    let lines = screen_lines(&raw);
    assert_eq!(
        lines
            .iter()
            .filter(|l| l.as_str() == "polidex: gen/zero.txt: empty file")
            .count(),
        1,
        "the warning is printed once on its own line: {lines:?}"
    );
    assert!(
        lines.iter().any(|l| l
            == "polidex: 40 added, 0 updated, 0 unchanged, 0 removed, 1 failed; 1640 passages in the index"),
        "{lines:?}"
    );
}

/// The same documents give the same passages, byte for byte, in every run.
#[test]
fn split_is_deterministic() {
    let run = || {
        let out = Command::cargo_bin("polidex")
            .unwrap()
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .args(["split", "corpus"])
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
        out.stdout
    };
    let first = run();
    assert!(!first.is_empty());
    for _ in 0..3 {
        assert!(run() == first, "two runs of `split corpus` differ");
    }
}
