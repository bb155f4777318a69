//! JSON readers: one document or an array of them (`.json`), one per line (`.jsonl`).
//! A bad line is an error with its line number; the other lines are kept.

use super::{text::text_blocks, FileError};
use crate::model::{Document, Metadata};
use serde_json::Value;

/// A JSON value read as a name: a string, or an object's `name` (as schema.org and many
/// feeds give authors and publishers). Blank names are none.
pub fn json_name(value: &Value) -> Option<String> {
    let name = match value {
        Value::String(s) => s.as_str(),
        Value::Object(o) => o.get("name")?.as_str()?,
        _ => return None,
    };
    Some(name.trim().to_owned()).filter(|n| !n.is_empty())
}

fn string_field(map: &serde_json::Map<String, Value>, keys: &[&str]) -> Option<String> {
    keys.iter().find_map(|key| match map.get(*key)? {
        Value::Number(n) => Some(n.to_string()),
        other => json_name(other),
    })
}

fn string_list(map: &serde_json::Map<String, Value>, keys: &[&str]) -> Vec<String> {
    for key in keys {
        match map.get(*key) {
            Some(Value::Array(items)) => return items.iter().filter_map(json_name).collect(),
            Some(Value::String(s)) => return super::split_name_list(s),
            _ => {}
        }
    }
    Vec::new()
}

/// Turns one JSON object into a document, or says why it cannot.
fn document_from_value(
    value: &Value,
    path: &str,
    sub_index: usize,
    line: Option<usize>,
) -> Result<Document, String> {
    let Value::Object(map) = value else {
        return Err("expected a JSON object".to_owned());
    };
    let text = string_field(map, &["text", "body", "content", "article", "transcript"])
        .ok_or_else(|| "no \"text\" or \"body\" field".to_owned())?;
    let meta = Metadata {
        title: string_field(map, &["title", "headline"]),
        date: string_field(
            map,
            &["date", "published", "publication_date", "datePublished"],
        ),
        authors: string_list(map, &["authors", "author", "byline"]),
        outlet: string_field(map, &["outlet", "publisher", "source", "site_name"]),
        org: string_field(map, &["org", "organization", "organisation"]),
        url: string_field(map, &["url", "link", "source_url"]),
        tags: string_list(map, &["tags"]),
    };
    let mut blocks = text_blocks(&text, 0);
    // Lines inside a JSON string are not lines of the file: point at the record instead.
    for block in &mut blocks {
        block.line = line;
    }
    Ok(Document {
        path: path.to_owned(),
        sub_index: Some(sub_index),
        meta,
        blocks,
    })
}

/// Reads a `.json` file: one object, or an array of objects.
pub fn read_json(text: &str, path: &str) -> (Vec<Document>, Vec<FileError>) {
    let value: Value = match serde_json::from_str(text) {
        Ok(value) => value,
        Err(err) => {
            return (
                Vec::new(),
                vec![FileError::at_line(
                    path,
                    err.line(),
                    format!("invalid JSON: {err}"),
                )],
            )
        }
    };
    let items: Vec<&Value> = match &value {
        Value::Array(items) => items.iter().collect(),
        other => vec![other],
    };
    let mut documents = Vec::new();
    let mut errors = Vec::new();
    for (idx, item) in items.into_iter().enumerate() {
        match document_from_value(item, path, idx, None) {
            Ok(doc) => documents.push(doc),
            Err(reason) => errors.push(FileError::new(path, format!("item {idx}: {reason}"))),
        }
    }
    (documents, errors)
}

/// Reads a `.jsonl` file, one object per non-blank line.
pub fn read_jsonl(text: &str, path: &str) -> (Vec<Document>, Vec<FileError>) {
    read_jsonl_from(text, path, 0)
}

/// Reads consecutive lines of a `.jsonl` file whose first line is the file's line
/// `first_idx + 1`; reading a large file in chunks gives the same documents (ids and line
/// numbers included) as reading it whole.
pub fn read_jsonl_from(
    text: &str,
    path: &str,
    first_idx: usize,
) -> (Vec<Document>, Vec<FileError>) {
    let mut documents = Vec::new();
    let mut errors = Vec::new();
    for (idx, line) in (first_idx..).zip(text.lines()) {
        let line_no = idx + 1;
        if line.trim().is_empty() {
            continue;
        }
        let parsed = serde_json::from_str::<Value>(line)
            .map_err(|err| format!("invalid JSON: {err}"))
            .and_then(|value| document_from_value(&value, path, idx, Some(line_no)));
        match parsed {
            Ok(doc) => documents.push(doc),
            Err(reason) => errors.push(FileError::at_line(path, line_no, reason)),
        }
    }
    (documents, errors)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jsonl_keeps_good_lines_and_reports_bad_ones() {
        let text = "{\"title\":\"A\",\"text\":\"one\",\"outlet\":\"Capital Wire\",\"authors\":[\"Li Wen\"]}\n{broken\n\n{\"body\":\"two\",\"author\":\"Ana Ruiz and Bo Chan\"}\n{\"title\":\"no text\"}\n";
        let (docs, errors) = read_jsonl(text, "f.jsonl");
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].meta.outlet.as_deref(), Some("Capital Wire"));
        assert_eq!(docs[0].meta.authors, vec!["Li Wen"]);
        assert_eq!(docs[1].meta.authors, vec!["Ana Ruiz", "Bo Chan"]);
        assert_eq!(docs[1].blocks[0].line, Some(4));
        let lines: Vec<_> = errors.iter().map(|e| e.line).collect();
        assert_eq!(lines, vec![Some(2), Some(5)]);
        assert!(errors[1].reason.contains("no \"text\""));
    }

    #[test]
    fn json_object_or_array() {
        let (docs, errors) = read_json(r#"{"title":"T","text":"a\n\nb"}"#, "x.json");
        assert!(errors.is_empty());
        assert_eq!(docs[0].blocks.len(), 2);
        let (docs, _) = read_json(r#"[{"text":"a"},{"text":"b"}]"#, "x.json");
        assert_eq!(docs.len(), 2);
        let (docs, errors) = read_json("[1,", "x.json");
        assert!(docs.is_empty());
        assert!(
            errors[0].to_string().starts_with("x.json:1: invalid JSON"),
            "{}",
            errors[0]
        );
    }
}
