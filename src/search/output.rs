//! Output formats over plain search data: text for people (colour on a terminal), JSON,
//! JSON Lines and CSV for machines. Each format is one function; none of them searches.

use super::{Hit, SearchResults, Stats};
use crate::index::writer::IngestSummary;
use std::io::{self, Write};

/// How search results are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
    JsonLines,
    Csv,
}

pub fn escape_html(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

pub fn truncate_chars(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((idx, _)) => format!("{}…", &text[..idx]),
        None => text.to_owned(),
    }
}

/// Writes results in the chosen format.
pub fn write_results(
    out: &mut dyn Write,
    results: &SearchResults,
    format: Format,
    colour: bool,
) -> io::Result<()> {
    match format {
        Format::Text => write_text(out, results, colour),
        Format::Json => {
            serde_json::to_writer(&mut *out, results)?;
            writeln!(out)
        }
        Format::JsonLines => {
            for hit in &results.hits {
                serde_json::to_writer(&mut *out, hit)?;
                writeln!(out)?;
            }
            Ok(())
        }
        Format::Csv => write_csv(out, results),
    }
}

fn highlighted(hit: &Hit, colour: bool) -> String {
    if !colour || hit.highlights.is_empty() {
        return hit.fragment.clone();
    }
    let mut out = String::with_capacity(hit.fragment.len() + 16 * hit.highlights.len());
    let mut last = 0;
    for range in &hit.highlights {
        if range.start < last || range.end > hit.fragment.len() {
            continue;
        }
        out.push_str(&hit.fragment[last..range.start]);
        out.push_str("\x1b[1;31m");
        out.push_str(&hit.fragment[range.clone()]);
        out.push_str("\x1b[0m");
        last = range.end;
    }
    out.push_str(&hit.fragment[last..]);
    out
}

fn write_text(out: &mut dyn Write, results: &SearchResults, colour: bool) -> io::Result<()> {
    let dim = |s: &str| {
        if colour {
            format!("\x1b[2m{s}\x1b[0m")
        } else {
            s.to_owned()
        }
    };
    let bold = |s: &str| {
        if colour {
            format!("\x1b[1m{s}\x1b[0m")
        } else {
            s.to_owned()
        }
    };
    for (rank, hit) in results.hits.iter().enumerate() {
        let p = &hit.passage;
        let mut header = vec![p.kind.clone()];
        if !p.speakers.is_empty() {
            header.push(p.speakers.join(", "));
        }
        if let Some(outlet) = &p.outlet {
            header.push(outlet.clone());
        }
        if let Some(date) = &p.date {
            header.push(date.clone());
        }
        let location = match p.line {
            Some(line) => format!("{}:{}", p.path, line),
            None => p.path.clone(),
        };
        header.push(location);
        writeln!(
            out,
            "{} {}",
            bold(&format!("{}.", rank + 1)),
            header.join(" · ")
        )?;
        if let Some(headline) = &p.headline {
            writeln!(out, "   {}", bold(headline))?;
        }
        writeln!(out, "   {}", highlighted(hit, colour))?;
        writeln!(out, "   {}", dim(&format!("id {}", p.id)))?;
        writeln!(out)?;
    }
    writeln!(out, "{} matching passages", results.total)?;
    for (name, values) in &results.facets {
        let shown: Vec<String> = values
            .iter()
            .map(|v| format!("{} ({})", v.value, v.count))
            .collect();
        writeln!(
            out,
            "{}: {}",
            bold(name),
            if shown.is_empty() {
                "-".to_owned()
            } else {
                shown.join(", ")
            }
        )?;
    }
    Ok(())
}

fn write_csv(out: &mut dyn Write, results: &SearchResults) -> io::Result<()> {
    let mut writer = csv::Writer::from_writer(out);
    writer.write_record([
        "score", "id", "doc_id", "path", "line", "kind", "ordinal", "date", "speakers", "outlet",
        "authors", "org", "title", "headline", "text",
    ])?;
    for hit in &results.hits {
        let p = &hit.passage;
        writer.write_record([
            format!("{:.3}", hit.score),
            p.id.clone(),
            p.doc_id.clone(),
            p.path.clone(),
            p.line.map(|l| l.to_string()).unwrap_or_default(),
            p.kind.clone(),
            p.ordinal.to_string(),
            p.date.clone().unwrap_or_default(),
            p.speakers.join("; "),
            p.outlet.clone().unwrap_or_default(),
            p.authors.join("; "),
            p.org.clone().unwrap_or_default(),
            p.title.clone().unwrap_or_default(),
            p.headline.clone().unwrap_or_default(),
            p.text.clone(),
        ])?;
    }
    writer.flush()
}

/// `polidex stats` as text or JSON.
pub fn write_stats(out: &mut dyn Write, stats: &Stats, json: bool) -> io::Result<()> {
    if json {
        serde_json::to_writer(&mut *out, stats)?;
        return writeln!(out);
    }
    writeln!(out, "documents  {}", stats.documents)?;
    writeln!(out, "passages   {}", stats.passages)?;
    writeln!(out, "speakers   {}", stats.speakers)?;
    writeln!(out, "outlets    {}", stats.outlets)?;
    writeln!(out, "authors    {}", stats.authors)?;
    let range = match (&stats.first_date, &stats.last_date) {
        (Some(a), Some(b)) => format!("{a} .. {b}"),
        _ => "-".to_owned(),
    };
    writeln!(out, "dates      {range}")?;
    writeln!(out, "index size {:.1} MB", stats.index_bytes as f64 / 1e6)
}

/// The contract's ingest summary as JSON.
pub fn write_ingest_json(out: &mut dyn Write, summary: &IngestSummary) -> io::Result<()> {
    serde_json::to_writer(&mut *out, summary)?;
    writeln!(out)
}

/// The one summary line on stderr after an ingest.
pub fn ingest_summary_line(summary: &IngestSummary) -> String {
    format!(
        "{} added, {} updated, {} unchanged, {} removed, {} failed; {} passages in the index",
        summary.added,
        summary.updated,
        summary.unchanged,
        summary.removed,
        summary.failed.len(),
        summary.passages
    )
}
