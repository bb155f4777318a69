//! Plain text and Markdown readers, with optional YAML front matter.
//!
//! Plain text is cut into blocks at blank lines; the splitter sees each block's lines.
//! Markdown goes through pulldown-cmark so that its syntax is stripped and its structure
//! (headings, list items, block quotes, code) becomes block kinds.

use crate::model::{normalize_whitespace, Block, BlockKind, Metadata};
use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use serde_yaml::Value;
use std::borrow::Cow;

/// Front matter split off a text, with the line number where the body starts.
pub struct FrontMatter<'a> {
    pub meta: Metadata,
    pub body: &'a str,
    /// Number of lines before the body (the front matter and its fences).
    pub body_line_offset: usize,
}

/// Splits a leading `---` YAML block off `text`. A text without one gives empty metadata.
pub fn split_front_matter(text: &str) -> Result<FrontMatter<'_>, String> {
    let no_front = FrontMatter {
        meta: Metadata::default(),
        body: text,
        body_line_offset: 0,
    };
    let Some(rest) = text
        .strip_prefix("---\n")
        .or_else(|| text.strip_prefix("---\r\n"))
    else {
        return Ok(no_front);
    };
    let mut offset = 0;
    let mut yaml_end = None;
    for line in rest.split_inclusive('\n') {
        let trimmed = line.trim_end();
        if trimmed == "---" || trimmed == "..." {
            yaml_end = Some((offset, offset + line.len()));
            break;
        }
        offset += line.len();
    }
    let Some((yaml_len, body_start)) = yaml_end else {
        return Ok(no_front);
    };
    let yaml = &rest[..yaml_len];
    let value: Value = serde_yaml::from_str(yaml).map_err(|err| {
        let line = err.location().map(|loc| loc.line() + 1).unwrap_or(1);
        format!("line {line}: bad YAML front matter: {err}")
    })?;
    let meta = metadata_from_yaml(&value);
    let body_line_offset = 1 + yaml.lines().count() + 1;
    Ok(FrontMatter {
        meta,
        body: &rest[body_start..],
        body_line_offset,
    })
}

fn yaml_string(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.trim().to_owned()).filter(|s| !s.is_empty()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Tagged(tagged) => yaml_string(&tagged.value),
        _ => None,
    }
}

fn yaml_strings(value: &Value) -> Vec<String> {
    match value {
        Value::Sequence(items) => items.iter().filter_map(yaml_string).collect(),
        other => yaml_string(other)
            .map(|s| crate::ingest::split_name_list(&s))
            .unwrap_or_default(),
    }
}

/// Maps the front-matter keys polidex understands onto [`Metadata`].
fn metadata_from_yaml(value: &Value) -> Metadata {
    let mut meta = Metadata::default();
    let Value::Mapping(map) = value else {
        return meta;
    };
    let get = |key: &str| map.get(Value::String(key.to_owned()));
    meta.title = get("title").and_then(yaml_string);
    meta.date = ["date", "published_time", "publication_date", "published"]
        .iter()
        .find_map(|key| get(key).and_then(yaml_string));
    meta.authors = ["authors", "author", "by"]
        .iter()
        .find_map(|key| get(key).map(yaml_strings))
        .unwrap_or_default();
    meta.outlet = ["outlet", "publisher", "source", "site_name"]
        .iter()
        .find_map(|key| get(key).and_then(yaml_string));
    meta.org = ["org", "organization", "organisation"]
        .iter()
        .find_map(|key| get(key).and_then(yaml_string));
    meta.url = ["url", "source_url", "link"]
        .iter()
        .find_map(|key| get(key).and_then(yaml_string));
    meta.tags = get("tags").map(yaml_strings).unwrap_or_default();
    meta
}

/// Cuts plain text into blocks at blank lines, keeping line breaks inside a block.
pub fn text_blocks(body: &str, line_offset: usize) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut current = String::new();
    let mut start_line = 0;
    for (idx, line) in body.lines().enumerate() {
        if line.trim().is_empty() {
            if !current.is_empty() {
                blocks.push(Block::new(
                    BlockKind::Paragraph,
                    std::mem::take(&mut current),
                    Some(start_line),
                ));
            }
            continue;
        }
        if current.is_empty() {
            start_line = line_offset + idx + 1;
        } else {
            current.push('\n');
        }
        current.push_str(line.trim_end());
    }
    if !current.is_empty() {
        blocks.push(Block::new(BlockKind::Paragraph, current, Some(start_line)));
    }
    blocks
}

/// Lines of nothing but white space, some of it not ASCII (a web page's `&nbsp;` spacer
/// paragraphs, converted to Markdown), as ASCII spaces of the same byte length. CommonMark
/// counts only spaces and tabs as blank, so such a line would glue every paragraph of the
/// page into one; byte offsets, and so line numbers, stay as they were.
fn blank_unicode_space_lines(body: &str) -> Cow<'_, str> {
    let spacer = |line: &str| line.trim().is_empty() && !line.is_ascii();
    if !body.split('\n').any(spacer) {
        return Cow::Borrowed(body);
    }
    let mut out = String::with_capacity(body.len());
    for line in body.split_inclusive('\n') {
        let content = line.strip_suffix('\n').unwrap_or(line);
        if spacer(content) {
            let kept = content.trim_end_matches('\r');
            out.extend(std::iter::repeat_n(' ', kept.len()));
            out.push_str(&line[kept.len()..]);
        } else {
            out.push_str(line);
        }
    }
    Cow::Owned(out)
}

/// Strips Markdown syntax and returns its blocks in document order.
pub fn markdown_blocks(body: &str, line_offset: usize) -> Vec<Block> {
    let body = &*blank_unicode_space_lines(body);
    let line_starts: Vec<usize> = std::iter::once(0)
        .chain(body.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    let line_of = |byte: usize| line_offset + line_starts.partition_point(|&s| s <= byte);

    let mut blocks = Vec::new();
    let mut current: Option<(BlockKind, String, usize)> = None;
    let mut list_depth = 0usize;
    let mut quote_depth = 0usize;
    let mut html_block: Option<(String, usize)> = None;
    let flush = |current: &mut Option<(BlockKind, String, usize)>, blocks: &mut Vec<Block>| {
        if let Some((kind, text, line)) = current.take() {
            if !text.trim().is_empty() {
                blocks.push(Block::new(kind, text, Some(line)));
            }
        }
    };
    for (event, range) in
        Parser::new_ext(body, pulldown_cmark::Options::ENABLE_TABLES).into_offset_iter()
    {
        let line = line_of(range.start);
        let container_kind = if list_depth > 0 {
            BlockKind::ListItem
        } else if quote_depth > 0 {
            BlockKind::BlockQuote
        } else {
            BlockKind::Paragraph
        };
        match event {
            Event::Start(tag) => match tag {
                Tag::Heading { .. } => {
                    flush(&mut current, &mut blocks);
                    current = Some((BlockKind::Heading, String::new(), line));
                }
                Tag::Paragraph | Tag::TableRow | Tag::TableHead => {
                    flush(&mut current, &mut blocks);
                    current = Some((container_kind, String::new(), line));
                }
                Tag::Item => {
                    list_depth += 1;
                    flush(&mut current, &mut blocks);
                    current = Some((BlockKind::ListItem, String::new(), line));
                }
                Tag::List(_) => flush(&mut current, &mut blocks),
                Tag::BlockQuote(_) => {
                    quote_depth += 1;
                    flush(&mut current, &mut blocks);
                }
                Tag::CodeBlock(_) => {
                    flush(&mut current, &mut blocks);
                    current = Some((BlockKind::Preformatted, String::new(), line));
                }
                Tag::HtmlBlock => html_block = Some((String::new(), line)),
                Tag::TableCell => {
                    if let Some((_, text, _)) = current.as_mut() {
                        if !text.is_empty() {
                            text.push_str(" | ");
                        }
                    }
                }
                _ => {}
            },
            Event::End(tag) => match tag {
                TagEnd::Heading(_)
                | TagEnd::Paragraph
                | TagEnd::TableRow
                | TagEnd::TableHead
                | TagEnd::CodeBlock => flush(&mut current, &mut blocks),
                TagEnd::Item => {
                    flush(&mut current, &mut blocks);
                    list_depth = list_depth.saturating_sub(1);
                }
                TagEnd::BlockQuote(_) => {
                    flush(&mut current, &mut blocks);
                    quote_depth = quote_depth.saturating_sub(1);
                }
                TagEnd::HtmlBlock => {
                    if let Some((html, start)) = html_block.take() {
                        let stripped = normalize_whitespace(&strip_tags(&html));
                        if !stripped.is_empty() {
                            current
                                .get_or_insert_with(|| (container_kind, String::new(), start))
                                .1
                                .push_str(&stripped);
                        }
                    }
                }
                _ => {}
            },
            Event::Text(text) | Event::Code(text) => {
                current
                    .get_or_insert_with(|| (container_kind, String::new(), line))
                    .1
                    .push_str(&text);
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some((_, text, _)) = current.as_mut() {
                    text.push('\n');
                }
            }
            // A block of raw HTML comes a line at a time, and a tag may span lines
            // (`<img\nsrc="..."`): strip its tags once the block is whole.
            Event::Html(html) if html_block.is_some() => {
                if let Some((block, _)) = html_block.as_mut() {
                    block.push_str(&html);
                }
            }
            Event::Html(html) | Event::InlineHtml(html) => {
                // Raw HTML inside Markdown: keep any text between tags, drop the tags.
                let stripped = strip_tags(&html);
                if !stripped.trim().is_empty() {
                    current
                        .get_or_insert_with(|| (container_kind, String::new(), line))
                        .1
                        .push_str(&stripped);
                }
            }
            _ => {}
        }
    }
    flush(&mut current, &mut blocks);
    blocks
}

fn strip_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for ch in html.chars() {
        match ch {
            '<' => in_tag = true,
            '>' => in_tag = false,
            _ if !in_tag => out.push(ch),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_in_the_wh_briefings_style() {
        let text = "---\ntags: press-briefings\ndate: '2021-01-22'\nsource_url: https://example.gov/x/\ntitle: \"Press Briefing by Press Secretary Jen\\_Psaki and National Economic Director\\\n  \\ Brian\\_Deese\"\n---\n \nMS. PSAKI:  Hi.\n";
        let fm = split_front_matter(text).unwrap();
        assert_eq!(
            fm.meta.title.as_deref(),
            Some("Press Briefing by Press Secretary Jen\u{a0}Psaki and National Economic Director Brian\u{a0}Deese")
        );
        assert_eq!(fm.meta.date.as_deref(), Some("2021-01-22"));
        assert_eq!(fm.meta.url.as_deref(), Some("https://example.gov/x/"));
        assert_eq!(fm.meta.tags, vec!["press-briefings"]);
        assert_eq!(fm.body, " \nMS. PSAKI:  Hi.\n");
        assert_eq!(fm.body_line_offset, 7);
    }

    #[test]
    fn bad_front_matter_names_the_line() {
        let err = split_front_matter("---\ntitle: ok\ndate: [unclosed\n---\nbody")
            .err()
            .unwrap();
        assert!(err.starts_with("line "), "{err}");
        assert!(err.contains("bad YAML front matter"), "{err}");
    }

    #[test]
    fn authors_as_list_or_string() {
        let fm = split_front_matter("---\nauthor: Ann Lee and Bo Chan\n---\nx").unwrap();
        assert_eq!(fm.meta.authors, vec!["Ann Lee", "Bo Chan"]);
        let fm = split_front_matter("---\nauthors: [Ann Lee, Bo Chan]\n---\nx").unwrap();
        assert_eq!(fm.meta.authors, vec!["Ann Lee", "Bo Chan"]);
    }

    #[test]
    fn text_blocks_keep_lines_and_numbers() {
        let blocks = text_blocks("Title\n\nline one\nline two\n\n\nlast", 0);
        let got: Vec<_> = blocks.iter().map(|b| (b.text.as_str(), b.line)).collect();
        assert_eq!(
            got,
            vec![
                ("Title", Some(1)),
                ("line one\nline two", Some(3)),
                ("last", Some(7))
            ]
        );
    }

    /// Asserts the Markdown blocks of `md`, as (text, line) pairs.
    fn assert_blocks(md: &str, want: &[(&str, usize)]) {
        let blocks = markdown_blocks(md, 0);
        let got: Vec<(&str, usize)> = blocks
            .iter()
            .map(|b| (b.text.as_str(), b.line.unwrap()))
            .collect();
        assert_eq!(got, want, "{md:?}");
    }

    #[test]
    fn non_breaking_space_lines_separate_markdown_paragraphs() {
        // A converted web page: `&nbsp;` spacer paragraphs between items, hard breaks.
        let md =
            "Support rolls in.  \n\u{a0} \n**Ann Lee**: “One.”  \n \u{a0} \r\nBo Chan: “Two.”\n";
        assert_blocks(
            md,
            &[
                ("Support rolls in.", 1),
                ("Ann Lee: “One.”", 3),
                ("Bo Chan: “Two.”", 5),
            ],
        );
        // Text with no spacer line is parsed as it is.
        assert!(matches!(
            blank_unicode_space_lines("a\u{a0}b\n\nc"),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn html_tags_spanning_lines_leave_no_attributes_behind() {
        let md = "Intro:\n\n<figure>\n<a href=\"https://x.example/1\"><img\nsrc=\"https://x.example/a.png\"\nstyle=\"width:600px\" /></a>\n<figcaption> “The strike\nworked.” (<a\nhref=\"https://x.example/2\">Watch</a>)</figcaption>\n</figure>\n\nAfter.\n";
        assert_blocks(
            md,
            &[
                ("Intro:", 1),
                ("“The strike worked.” (Watch)", 3),
                ("After.", 12),
            ],
        );
    }

    #[test]
    fn markdown_structure_becomes_block_kinds() {
        let md =
            "# Head\n\nSome **bold** [link](http://x) text\nwrapped.\n\n- one\n- two\n\n> quoted\n";
        let blocks = markdown_blocks(md, 10);
        let got: Vec<_> = blocks
            .iter()
            .map(|b| (b.kind, b.text.as_str(), b.line.unwrap()))
            .collect();
        assert_eq!(
            got,
            vec![
                (BlockKind::Heading, "Head", 11),
                (BlockKind::Paragraph, "Some bold link text\nwrapped.", 13),
                (BlockKind::ListItem, "one", 16),
                (BlockKind::ListItem, "two", 17),
                (BlockKind::BlockQuote, "quoted", 19),
            ]
        );
    }
}
