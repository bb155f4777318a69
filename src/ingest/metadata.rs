//! A researcher's metadata manifest: a CSV or TSV file, as kept in a spreadsheet, whose rows
//! override what the documents say about themselves (`--metadata FILE`).
//!
//! A row names its document in a `path` (or `file`/`filename`) column: the path relative to
//! the ingested folder, or just the file name. The other columns it knows are `title`,
//! `date` (or `publication_date`), `outlet` (or `publisher`/`source`), `author`/`authors`,
//! `org` and `url`; other columns are ignored, and an empty cell overrides nothing. This
//! module reads the file and matches rows to paths; it does not walk or read documents.

use super::{split_name_list, FileError};
use crate::model::Metadata;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};

/// One row of the manifest.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MetadataRow {
    /// The path as the row gives it, with `/` separators and no leading `./`.
    pub path: String,
    /// The 1-based line of the row in the manifest.
    pub line: usize,
    pub title: Option<String>,
    pub date: Option<String>,
    pub outlet: Option<String>,
    pub authors: Vec<String>,
    pub org: Option<String>,
    pub url: Option<String>,
}

impl MetadataRow {
    /// Writes the row's non-empty cells over `meta`.
    pub fn apply(&self, meta: &mut Metadata) {
        let set = |slot: &mut Option<String>, value: &Option<String>| {
            if value.is_some() {
                slot.clone_from(value);
            }
        };
        set(&mut meta.title, &self.title);
        set(&mut meta.date, &self.date);
        set(&mut meta.outlet, &self.outlet);
        set(&mut meta.org, &self.org);
        set(&mut meta.url, &self.url);
        if !self.authors.is_empty() {
            meta.authors.clone_from(&self.authors);
        }
    }

    /// A fingerprint of the row's overrides, so that an edited row re-tags its document.
    pub fn fingerprint(&self) -> u64 {
        let text = format!(
            "{:?}|{:?}|{:?}|{:?}|{:?}|{:?}",
            self.title, self.date, self.outlet, self.authors, self.org, self.url
        );
        xxhash_rust::xxh3::xxh3_64(text.as_bytes())
    }
}

/// The rows of a manifest, and which of them matched a document.
#[derive(Debug, Default)]
pub struct MetadataTable {
    pub source: String,
    rows: Vec<MetadataRow>,
    matched: Vec<AtomicBool>,
}

const PATH_COLUMNS: &[&str] = &["path", "file", "filename", "file_name"];

impl MetadataTable {
    /// Reads a manifest. TSV when the name ends in `.tsv` or the header has a tab, else CSV.
    pub fn read(path: &Path) -> Result<MetadataTable, FileError> {
        let source = super::display_path(path);
        let bytes = std::fs::read(path).map_err(|err| FileError::new(&source, err.to_string()))?;
        let text = super::decode::decode_text(&bytes);
        MetadataTable::parse(&source, &text)
    }

    /// Parses manifest text; `source` names it in errors.
    pub fn parse(source: &str, text: &str) -> Result<MetadataTable, FileError> {
        let header_line = text.lines().next().unwrap_or("");
        let tab = source.to_ascii_lowercase().ends_with(".tsv") || header_line.contains('\t');
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(if tab { b'\t' } else { b',' })
            .flexible(true)
            .trim(csv::Trim::All)
            .from_reader(text.as_bytes());
        let headers: Vec<String> = reader
            .headers()
            .map_err(|err| FileError::at_line(source, 1, err.to_string()))?
            .iter()
            .map(|h| h.trim_start_matches('\u{feff}').to_ascii_lowercase())
            .collect();
        let column = |names: &[&str]| headers.iter().position(|h| names.contains(&h.as_str()));
        let path_col = column(PATH_COLUMNS).ok_or_else(|| {
            FileError::at_line(
                source,
                1,
                "no path column (expected one named path, file or filename)",
            )
        })?;
        let title_col = column(&["title"]);
        let date_col = column(&["date", "publication_date", "published"]);
        let outlet_col = column(&["outlet", "publisher", "source"]);
        let author_col = column(&["author", "authors"]);
        let org_col = column(&["org", "organisation", "organization"]);
        let url_col = column(&["url"]);

        let mut rows = Vec::new();
        for record in reader.records() {
            let record = record.map_err(|err| {
                let line = err.position().map_or(0, |p| p.line() as usize);
                FileError::at_line(source, line, err.to_string())
            })?;
            let line = record.position().map_or(0, |p| p.line() as usize);
            let cell = |col: Option<usize>| {
                col.and_then(|c| record.get(c))
                    .map(str::trim)
                    .filter(|v| !v.is_empty())
                    .map(str::to_owned)
            };
            let Some(path) = cell(Some(path_col)) else {
                if record.iter().any(|v| !v.trim().is_empty()) {
                    return Err(FileError::at_line(source, line, "row has no path"));
                }
                continue;
            };
            let date = cell(date_col);
            if let Some(date) = &date {
                if crate::tag::date::parse_date(date).is_none() {
                    return Err(FileError::at_line(
                        source,
                        line,
                        format!("not a date: {date:?}"),
                    ));
                }
            }
            rows.push(MetadataRow {
                path: normalise_path(&path),
                line,
                title: cell(title_col),
                date,
                outlet: cell(outlet_col),
                authors: cell(author_col)
                    .map(|a| split_name_list(&a))
                    .unwrap_or_default(),
                org: cell(org_col),
                url: cell(url_col),
            });
        }
        let matched = rows.iter().map(|_| AtomicBool::new(false)).collect();
        Ok(MetadataTable {
            source: source.to_owned(),
            rows,
            matched,
        })
    }

    /// The row for a document at `display_path`: the row whose path is the longest suffix of
    /// it at a `/` boundary ("reports/a.txt" and "a.txt" both match "corpus/reports/a.txt";
    /// the first is preferred).
    pub fn lookup(&self, display_path: &str) -> Option<&MetadataRow> {
        let path = normalise_path(display_path);
        let best = self
            .rows
            .iter()
            .enumerate()
            .filter(|(_, row)| {
                path == row.path
                    || (path.ends_with(&row.path)
                        && path[..path.len() - row.path.len()].ends_with('/'))
            })
            .max_by_key(|(_, row)| row.path.len())?;
        self.matched[best.0].store(true, Ordering::Relaxed);
        Some(best.1)
    }

    /// Rows that matched no document so far, as errors naming the manifest line.
    pub fn unmatched(&self) -> Vec<FileError> {
        self.rows
            .iter()
            .zip(&self.matched)
            .filter(|(_, matched)| !matched.load(Ordering::Relaxed))
            .map(|(row, _)| {
                FileError::at_line(
                    &self.source,
                    row.line,
                    format!("no document matches path {:?}", row.path),
                )
            })
            .collect()
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }
}

fn normalise_path(path: &str) -> String {
    let path = path.replace('\\', "/");
    let mut path = path.as_str();
    while let Some(rest) = path.strip_prefix("./") {
        path = rest;
    }
    path.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    const CSV: &str = "\
Path,Title,Publication_Date,Publisher,Authors,Notes
reports/a.txt,Water in the Valley,2021-06-30,The Meridian Herald,Ana Ruiz; Li Wen,checked
a.txt,Other A,,,,
b.html,,\"March 3, 2019\",,,
missing.txt,,,,,
";

    #[test]
    fn rows_match_by_relative_path_or_file_name() {
        let table = MetadataTable::parse("meta.csv", CSV).unwrap();
        assert_eq!(table.len(), 4);
        let row = table.lookup("corpus/reports/a.txt").unwrap();
        assert_eq!(row.title.as_deref(), Some("Water in the Valley"));
        assert_eq!(row.authors, vec!["Ana Ruiz", "Li Wen"]);
        assert_eq!(row.outlet.as_deref(), Some("The Meridian Herald"));
        assert_eq!(
            table.lookup("corpus/misc/a.txt").unwrap().title.as_deref(),
            Some("Other A")
        );
        assert_eq!(
            table.lookup("b.html").unwrap().date.as_deref(),
            Some("March 3, 2019")
        );
        assert!(table.lookup("corpus/xb.html").is_none());
        let unmatched: Vec<String> = table.unmatched().iter().map(|e| e.to_string()).collect();
        assert_eq!(
            unmatched,
            vec!["meta.csv:5: no document matches path \"missing.txt\""]
        );
    }

    #[test]
    fn overrides_only_what_the_row_gives() {
        let table =
            MetadataTable::parse("meta.tsv", "file\tdate\toutlet\nx.md\t2020-01-02\t\n").unwrap();
        let mut meta = Metadata {
            title: Some("Kept".into()),
            outlet: Some("Kept Outlet".into()),
            ..Metadata::default()
        };
        table.lookup("x.md").unwrap().apply(&mut meta);
        assert_eq!(meta.title.as_deref(), Some("Kept"));
        assert_eq!(meta.outlet.as_deref(), Some("Kept Outlet"));
        assert_eq!(meta.date.as_deref(), Some("2020-01-02"));
    }

    #[test]
    fn bad_manifests_name_the_line() {
        let err = |text: &str| MetadataTable::parse("m.csv", text).unwrap_err().to_string();
        assert_eq!(
            err("title,date\nA,2020-01-01\n"),
            "m.csv:1: no path column (expected one named path, file or filename)"
        );
        assert_eq!(
            err("path,date\na.txt,2020-01-01\nb.txt,February 30 2020\n"),
            "m.csv:3: not a date: \"February 30 2020\""
        );
        assert_eq!(err("path,title\n,Orphan\n"), "m.csv:2: row has no path");
    }
}
