//! Evaluates speaker, outlet and date tagging on a labelled set (by default the one in
//! `tests/attribution/`) and prints precision and recall.
//!
//! ```text
//! cargo run --release --example eval_attribution [-- DIR] [--errors]
//! ```

#[path = "../tests/attribution/score.rs"]
#[allow(dead_code)]
mod score;

use std::path::PathBuf;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let show_errors = args.iter().any(|a| a == "--errors");
    let dir = args
        .iter()
        .find(|a| !a.starts_with("--"))
        .map_or_else(|| PathBuf::from("tests/attribution"), PathBuf::from);
    if !dir.join("labels.tsv").is_file() {
        println!("skipping: no labels.tsv in {}", dir.display());
        return;
    }
    let labels = score::read_labels(&dir);
    let docs = score::run_documents(&dir);
    let outcomes = score::score(&labels, &docs);
    println!(
        "labelled set {}: {} documents, {} labels",
        dir.display(),
        docs.len(),
        labels.len()
    );
    let (found, named) = score::quotation_recall(&outcomes);
    println!(
        "quotations with a named source found: {found}/{named} = {:.1}%",
        100.0 * found as f64 / named.max(1) as f64
    );
    println!(
        "{:<8} {:>9} {:>9} {:>9}   (right/answered, hit/expected)",
        "field", "precision", "recall", "F1"
    );
    for (field, s) in score::summarise(&outcomes) {
        println!(
            "{field:<8} {:>8.1}% {:>8.1}% {:>8.1}%   ({}/{}, {}/{})",
            100.0 * s.precision(),
            100.0 * s.recall(),
            100.0 * s.f1(),
            s.right,
            s.answered,
            s.hit,
            s.expected
        );
    }
    if show_errors {
        for o in outcomes.iter().filter(|o| !o.correct) {
            println!(
                "{}:{} {} {:?}: expected {:?}, got {:?}{}",
                o.label.file,
                o.label.line,
                o.label.kind,
                o.label.anchor,
                o.label.expected,
                o.got,
                if o.label.kind == "quote" && !o.found {
                    " (quotation not found)"
                } else {
                    ""
                }
            );
        }
    }
}
