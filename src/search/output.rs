//! Output formats over plain search data: text for people (colour on a terminal), JSON,
//! JSON Lines and CSV for machines. Each format is one function; none of them searches.

use super::quotes::{Appearance, QuoteGroup, QuoteResults};
use super::show::Shown;
use super::timeline::Timeline;
use super::{FacetCount, Hit, SearchResults, Stats};
use crate::index::writer::IngestSummary;
use crate::model::Passage;
use serde::Serialize;
use std::io::{self, Write};

/// How search results are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
    JsonLines,
    Csv,
    /// Citations a journalist can paste.
    Cite,
}

/// How text for people looks: colour, and the width bars may fill.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TextStyle {
    pub colour: bool,
    pub width: usize,
}

impl TextStyle {
    fn paint(&self, code: &str, text: &str) -> String {
        if self.colour {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_owned()
        }
    }
    fn bold(&self, text: &str) -> String {
        self.paint("1", text)
    }
    fn dim(&self, text: &str) -> String {
        self.paint("2", text)
    }
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

/// Writes results in the chosen format. With a timeline, the timeline is the output.
pub fn write_results(
    out: &mut dyn Write,
    results: &SearchResults,
    format: Format,
    style: TextStyle,
) -> io::Result<()> {
    if let Some(timeline) = &results.timeline {
        return write_timeline(out, results.total, timeline, format, style);
    }
    match format {
        Format::Text => write_text(out, results, style),
        Format::Json => {
            serde_json::to_writer(&mut *out, results)?;
            writeln!(out)
        }
        Format::JsonLines | Format::Csv | Format::Cite => {
            let mut stream = HitStream::new(out, format)?;
            for hit in &results.hits {
                stream.write(hit)?;
            }
            stream.finish()
        }
    }
}

const CSV_HEADER: [&str; 15] = [
    "score", "id", "doc_id", "path", "line", "kind", "ordinal", "date", "speakers", "outlet",
    "authors", "org", "title", "headline", "text",
];

fn csv_row(hit: &Hit) -> [String; 15] {
    let p = &hit.passage;
    [
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
    ]
}

/// Hits written one at a time, as they are found (CSV, JSON Lines or citations): the
/// writer behind both a page of results and a `--limit 0` export.
pub struct HitStream<'a> {
    sink: StreamSink<'a>,
    n_written: usize,
}

enum StreamSink<'a> {
    Csv(Box<csv::Writer<&'a mut dyn Write>>),
    Lines(&'a mut dyn Write),
    Cite(&'a mut dyn Write),
}

impl<'a> HitStream<'a> {
    /// A stream in `format`: CSV, JSON Lines or citations (anything else is JSON Lines).
    pub fn new(out: &'a mut dyn Write, format: Format) -> io::Result<HitStream<'a>> {
        let sink = match format {
            Format::Csv => {
                let mut writer = csv::Writer::from_writer(out);
                writer.write_record(CSV_HEADER)?;
                StreamSink::Csv(Box::new(writer))
            }
            Format::Cite => StreamSink::Cite(out),
            _ => StreamSink::Lines(out),
        };
        Ok(HitStream { sink, n_written: 0 })
    }

    pub fn write(&mut self, hit: &Hit) -> io::Result<()> {
        self.n_written += 1;
        match &mut self.sink {
            StreamSink::Csv(writer) => Ok(writer.write_record(csv_row(hit))?),
            StreamSink::Lines(out) => {
                serde_json::to_writer(&mut **out, hit)?;
                writeln!(out)
            }
            StreamSink::Cite(out) => writeln!(out, "{}", cite_hit(hit)),
        }
    }

    pub fn finish(self) -> io::Result<()> {
        match self.sink {
            StreamSink::Csv(mut writer) => writer.flush(),
            StreamSink::Lines(out) | StreamSink::Cite(out) => out.flush(),
        }
    }
}

fn highlighted(hit: &Hit, style: TextStyle) -> String {
    if !style.colour || hit.highlights.is_empty() {
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

fn location(p: &Passage) -> String {
    match p.line {
        Some(line) => format!("{}:{}", p.path, line),
        None => p.path.clone(),
    }
}

fn write_text(out: &mut dyn Write, results: &SearchResults, style: TextStyle) -> io::Result<()> {
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
        header.push(location(p));
        writeln!(
            out,
            "{} {}",
            style.bold(&format!("{}.", rank + 1)),
            header.join(" · ")
        )?;
        if let Some(headline) = &p.headline {
            writeln!(out, "   {}", style.bold(headline))?;
        }
        writeln!(out, "   {}", highlighted(hit, style))?;
        writeln!(out, "   {}", style.dim(&format!("id {}", p.id)))?;
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
            style.bold(name),
            if shown.is_empty() {
                "-".to_owned()
            } else {
                shown.join(", ")
            }
        )?;
    }
    Ok(())
}

/// Where a passage was published, for a citation: title (a news item's headline), authors,
/// org, outlet, date, and the URL (else the file and line).
fn source(p: &Passage) -> String {
    let mut parts = Vec::new();
    if let Some(title) = p.headline.as_ref().or(p.title.as_ref()) {
        parts.push(format!("“{title}”"));
    }
    if !p.authors.is_empty() {
        parts.push(format!("by {}", p.authors.join(" and ")));
    }
    for value in [&p.org, &p.outlet].into_iter().flatten() {
        if !parts.iter().any(|part| part == value) {
            parts.push(value.clone());
        }
    }
    parts.push(p.date.clone().unwrap_or_else(|| "undated".to_owned()));
    parts.push(p.url.clone().unwrap_or_else(|| location(p)));
    parts.join(", ")
}

/// The full citation of a passage: who speaks, then where it was published.
pub fn citation(p: &Passage) -> String {
    if p.speakers.is_empty() {
        format!("{}.", source(p))
    } else {
        format!("{}, {}.", p.speakers.join(", "), source(p))
    }
}

/// A hit as one pasteable line: the quoted words (the passage's first quotation, else its
/// text), who said them, and where.
fn cite_hit(hit: &Hit) -> String {
    let p = &hit.passage;
    let (words, who) = match p.quotes.first() {
        Some(quote) => (quote.text.clone(), quote.speaker.clone()),
        None => (
            truncate_chars(&p.text, 300),
            (!p.speakers.is_empty()).then(|| p.speakers.join(", ")),
        ),
    };
    match who {
        Some(who) => format!("{who}: “{words}” {}.", source(p)),
        None => format!("“{words}” {}.", source(p)),
    }
}

/// The timeline as bars (text), `period,count` rows (CSV), or JSON.
fn write_timeline(
    out: &mut dyn Write,
    total: usize,
    timeline: &Timeline,
    format: Format,
    style: TextStyle,
) -> io::Result<()> {
    match format {
        Format::Csv => {
            let mut writer = csv::Writer::from_writer(out);
            writer.write_record(["period", "count"])?;
            for bucket in &timeline.buckets {
                writer.write_record([bucket.period.clone(), bucket.count.to_string()])?;
            }
            writer.flush()
        }
        Format::Json => {
            #[derive(Serialize)]
            struct TimelineJson<'a> {
                total: usize,
                #[serde(flatten)]
                timeline: &'a Timeline,
            }
            serde_json::to_writer(&mut *out, &TimelineJson { total, timeline })?;
            writeln!(out)
        }
        Format::JsonLines => {
            for bucket in &timeline.buckets {
                serde_json::to_writer(&mut *out, bucket)?;
                writeln!(out)?;
            }
            Ok(())
        }
        Format::Text | Format::Cite => {
            let max = timeline.buckets.iter().map(|b| b.count).max().unwrap_or(0);
            let count_width = max.to_string().len();
            let label_width = timeline.buckets.first().map_or(4, |b| b.period.len());
            let bar_width = style
                .width
                .saturating_sub(label_width + count_width + 3)
                .max(10);
            for bucket in &timeline.buckets {
                // Eighths of a block, so that small counts still show.
                let eighths = if max == 0 {
                    0
                } else {
                    (bucket.count as u128 * bar_width as u128 * 8).div_ceil(max as u128) as usize
                };
                let mut bar = "█".repeat(eighths / 8);
                if eighths % 8 > 0 {
                    bar.push([' ', '▏', '▎', '▍', '▌', '▋', '▊', '▉'][eighths % 8]);
                }
                writeln!(
                    out,
                    "{:<label_width$} {:>count_width$} {}",
                    bucket.period,
                    bucket.count,
                    style.paint("36", &bar)
                )?;
            }
            writeln!(out, "{total} matching passages")?;
            if timeline.undated > 0 {
                writeln!(out, "{} without a date", timeline.undated)?;
            }
            Ok(())
        }
    }
}

/// `polidex facets`: every value of one field with its count.
pub fn write_facet_values(
    out: &mut dyn Write,
    field: &str,
    total: usize,
    values: &[FacetCount],
    format: Format,
) -> io::Result<()> {
    match format {
        Format::Json => {
            #[derive(Serialize)]
            struct FacetJson<'a> {
                field: &'a str,
                total: usize,
                values: &'a [FacetCount],
            }
            serde_json::to_writer(
                &mut *out,
                &FacetJson {
                    field,
                    total,
                    values,
                },
            )?;
            writeln!(out)
        }
        Format::JsonLines => {
            for value in values {
                serde_json::to_writer(&mut *out, value)?;
                writeln!(out)?;
            }
            Ok(())
        }
        Format::Csv => {
            let mut writer = csv::Writer::from_writer(out);
            writer.write_record(["value", "count"])?;
            for value in values {
                writer.write_record([value.value.clone(), value.count.to_string()])?;
            }
            writer.flush()
        }
        Format::Text | Format::Cite => {
            let width = values.first().map_or(1, |v| v.count.to_string().len());
            for value in values {
                writeln!(out, "{:>width$}  {}", value.count, value.value)?;
            }
            Ok(())
        }
    }
}

/// Where an appearance was published, for people: the outlet, else the title, else the path.
fn venue(a: &Appearance) -> String {
    a.outlet
        .clone()
        .or_else(|| a.title.clone())
        .unwrap_or_else(|| a.path.clone())
}

fn quote_line(group: &QuoteGroup) -> String {
    let first = &group.appearances[0];
    let mut line = format!("“{}”", group.text.trim_end_matches([',', ' ']));
    if let Some(speaker) = &group.speaker {
        line.push_str(&format!(" — {speaker}"));
    }
    line.push_str(&format!(" · first seen in {}", venue(first)));
    if let Some(date) = &first.date {
        line.push_str(&format!(" on {date}"));
    }
    line.push_str(&format!(
        " ({})",
        first.url.clone().unwrap_or_else(|| first.path.clone())
    ));
    if group.appearances.len() > 1 {
        let later: Vec<String> = group.appearances[1..]
            .iter()
            .map(|a| match &a.date {
                Some(date) => format!("{} ({date})", venue(a)),
                None => venue(a),
            })
            .collect();
        line.push_str(&format!(" · then repeated by {}", later.join(", ")));
    }
    line
}

/// `polidex quotes`: one line per quotation (text), a JSON object, one group per JSON
/// line, one CSV row per appearance, or one citation per quotation.
pub fn write_quotes(out: &mut dyn Write, results: &QuoteResults, format: Format) -> io::Result<()> {
    match format {
        Format::Text => {
            for group in &results.groups {
                writeln!(out, "{}", quote_line(group))?;
            }
            writeln!(
                out,
                "{} matching quotations, {} distinct",
                results.total_quotes, results.total_groups
            )
        }
        Format::Json => {
            serde_json::to_writer(&mut *out, results)?;
            writeln!(out)
        }
        Format::JsonLines => {
            for group in &results.groups {
                serde_json::to_writer(&mut *out, group)?;
                writeln!(out)?;
            }
            Ok(())
        }
        Format::Csv => {
            let mut writer = csv::Writer::from_writer(out);
            writer.write_record([
                "group",
                "order",
                "text",
                "speaker",
                "outlet",
                "title",
                "date",
                "path",
                "url",
                "passage_id",
            ])?;
            for (group_idx, group) in results.groups.iter().enumerate() {
                for (order, a) in group.appearances.iter().enumerate() {
                    writer.write_record([
                        (group_idx + 1).to_string(),
                        (order + 1).to_string(),
                        a.text.clone(),
                        a.speaker.clone().unwrap_or_default(),
                        a.outlet.clone().unwrap_or_default(),
                        a.title.clone().unwrap_or_default(),
                        a.date.clone().unwrap_or_default(),
                        a.path.clone(),
                        a.url.clone().unwrap_or_default(),
                        a.passage_id.clone(),
                    ])?;
                }
            }
            writer.flush()
        }
        Format::Cite => {
            for group in &results.groups {
                let first = &group.appearances[0];
                let who = group
                    .speaker
                    .as_deref()
                    .map(|s| format!("{s}: "))
                    .unwrap_or_default();
                writeln!(
                    out,
                    "{who}“{}” {}, {}, {}.",
                    group.text,
                    venue(first),
                    first.date.as_deref().unwrap_or("undated"),
                    first.url.clone().unwrap_or_else(|| first.path.clone())
                )?;
            }
            Ok(())
        }
    }
}

/// `polidex show`: the passage between its neighbours, with its citation.
pub fn write_shown(
    out: &mut dyn Write,
    shown: &Shown,
    format: Format,
    style: TextStyle,
) -> io::Result<()> {
    let cite = citation(&shown.passage);
    match format {
        Format::Json | Format::JsonLines => {
            #[derive(Serialize)]
            struct ShownJson<'a> {
                #[serde(flatten)]
                shown: &'a Shown,
                citation: &'a str,
            }
            serde_json::to_writer(
                &mut *out,
                &ShownJson {
                    shown,
                    citation: &cite,
                },
            )?;
            writeln!(out)
        }
        Format::Cite | Format::Csv => writeln!(out, "{cite}"),
        Format::Text => {
            let p = &shown.passage;
            writeln!(out, "{}", style.bold(&cite))?;
            writeln!(
                out,
                "{}",
                style.dim(&format!("id {} · {} · passage {}", p.id, p.kind, p.ordinal))
            )?;
            writeln!(out)?;
            for neighbour in &shown.before {
                writeln!(out, "  {}", style.dim(&neighbour.text))?;
            }
            let mut lead = String::new();
            if !p.speakers.is_empty() {
                lead = format!("[{}] ", p.speakers.join(", "));
            }
            if let Some(headline) = &p.headline {
                lead.push_str(&format!("{headline}. "));
            }
            writeln!(out, "> {}", style.bold(&format!("{lead}{}", p.text)))?;
            for neighbour in &shown.after {
                writeln!(out, "  {}", style.dim(&neighbour.text))?;
            }
            Ok(())
        }
    }
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
