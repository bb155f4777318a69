//! The data that flows through the pipeline: a [`Document`] read from a file, its
//! [`Block`]s, and the [`Passage`]s the splitter and taggers make of it.
//!
//! This module owns the shapes only. Reading lives in `ingest`, splitting in `passage`,
//! tagging in `tag`, and nothing here touches the index.

use serde::{Deserialize, Serialize};

/// One document as a reader produced it: metadata plus its text in blocks.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Document {
    /// The path as the user will see it, with `/` separators.
    pub path: String,
    /// Position of this document within its file (JSON arrays and JSON Lines hold many).
    pub sub_index: Option<usize>,
    pub meta: Metadata,
    pub blocks: Vec<Block>,
}

/// What a document says about itself, from front matter, HTML meta or JSON fields.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Metadata {
    pub title: Option<String>,
    /// A raw date string as the source gave it; the date tagger normalises it.
    pub date: Option<String>,
    pub authors: Vec<String>,
    pub outlet: Option<String>,
    pub org: Option<String>,
    pub url: Option<String>,
    pub tags: Vec<String>,
}

/// The structural role a reader could see for a block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    Heading,
    Paragraph,
    ListItem,
    BlockQuote,
    Caption,
    Preformatted,
}

/// A run of text a reader found, before splitting. `text` keeps its line breaks, so that the
/// splitter can see bullets and transcript labels at line starts.
#[derive(Debug, Clone, PartialEq)]
pub struct Block {
    pub kind: BlockKind,
    pub text: String,
    /// 1-based line of the block's first line in the source file, where known.
    pub line: Option<usize>,
}

impl Block {
    pub fn new(kind: BlockKind, text: impl Into<String>, line: Option<usize>) -> Block {
        Block {
            kind,
            text: text.into(),
            line,
        }
    }
}

/// One quotation inside a passage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quote {
    pub text: String,
    pub speaker: Option<String>,
}

/// The unit polidex indexes and returns: the contract's passage object.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Passage {
    pub id: String,
    pub doc_id: String,
    pub path: String,
    pub title: Option<String>,
    pub kind: String,
    pub ordinal: u64,
    pub text: String,
    pub headline: Option<String>,
    pub speakers: Vec<String>,
    pub quotes: Vec<Quote>,
    pub outlet: Option<String>,
    /// ISO `YYYY-MM-DD`.
    pub date: Option<String>,
    pub authors: Vec<String>,
    pub org: Option<String>,
    /// Extension: the document's URL where it gave one.
    #[serde(default)]
    pub url: Option<String>,
    /// Extension: 1-based source line of the passage, where known.
    #[serde(default)]
    pub line: Option<usize>,
    /// Extension: the roles the text gives the speakers ("Press Secretary").
    #[serde(default)]
    pub speaker_roles: Vec<SpeakerRole>,
}

/// A speaker's role as the document states it, kept beside the canonical name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SpeakerRole {
    pub speaker: String,
    pub role: String,
}

/// Collapses whitespace runs (non-breaking spaces included) to one space and trims.
pub fn normalize_whitespace(text: &str) -> String {
    if is_normalized(text.as_bytes()) {
        return text.to_owned();
    }
    // Byte by byte: ASCII white space is tested without decoding, and only the bytes of
    // multi-byte characters are decoded (for U+00A0 and the other Unicode spaces).
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut word_start: Option<usize> = None;
    let mut at = 0;
    while at < bytes.len() {
        let (space, width) = if bytes[at] < 0x80 {
            (matches!(bytes[at], b' ' | b'\t'..=b'\r'), 1)
        } else {
            let ch = text[at..].chars().next().unwrap_or(' ');
            (ch.is_whitespace(), ch.len_utf8())
        };
        match (space, word_start) {
            (true, Some(start)) => {
                if !out.is_empty() {
                    out.push(' ');
                }
                out.push_str(&text[start..at]);
                word_start = None;
            }
            (false, None) => word_start = Some(at),
            _ => {}
        }
        at += width;
    }
    if let Some(start) = word_start {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&text[start..]);
    }
    out
}

/// True when `bytes` (UTF-8) has no white space but single ASCII spaces between words:
/// most paragraphs, which then need no rebuilding. Checks the encodings of Unicode's
/// white space (U+0085, U+00A0, U+1680, U+2000-U+200A, U+2028, U+2029, U+202F, U+205F,
/// U+3000) byte by byte, so curly quotes and other text pass.
fn is_normalized(bytes: &[u8]) -> bool {
    if bytes.first() == Some(&b' ') || bytes.last() == Some(&b' ') {
        return false;
    }
    let mut after_space = false;
    for (at, &byte) in bytes.iter().enumerate() {
        let next = |n: usize| bytes.get(at + n).copied().unwrap_or(0);
        let white = match byte {
            b' ' => {
                if after_space {
                    return false;
                }
                after_space = true;
                continue;
            }
            b'\t'..=b'\r' => true,
            0xC2 => matches!(next(1), 0x85 | 0xA0),
            0xE1 => next(1) == 0x9A && next(2) == 0x80,
            0xE2 => match next(1) {
                0x80 => matches!(next(2), 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF),
                0x81 => next(2) == 0x9F,
                _ => false,
            },
            0xE3 => next(1) == 0x80 && next(2) == 0x80,
            _ => false,
        };
        if white {
            return false;
        }
        after_space = false;
    }
    true
}

/// Passage kinds, named once.
pub mod kind {
    pub const PARAGRAPH: &str = "paragraph";
    pub const HEADING: &str = "heading";
    pub const BULLET: &str = "bullet";
    pub const NEWS_ITEM: &str = "news_item";
    pub const CAPTION: &str = "caption";
    pub const BIO: &str = "bio";
    pub const BYLINE: &str = "byline";
    pub const TRANSCRIPT_TURN: &str = "transcript_turn";
    pub const BLOCKQUOTE: &str = "blockquote";
    pub const PREFORMATTED: &str = "preformatted";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_whitespace_joins_words_with_one_space() {
        for text in [
            "",
            "   ",
            "one",
            "  one  two\tthree\n\nfour\r\n",
            "a\u{a0}b\u{2009}c\u{3000}d\u{85}e\u{b}f\u{c}g",
            "café  naïve\u{a0}\u{a0}“quoted”  ",
            "\u{a0}lead and trail\u{2028}",
            "already normal “curly” text — with dashes … and ‘marks’",
            "one two",
            " lead",
            "trail ",
            "x\u{1680}y\u{200a}z\u{2029}w\u{202f}v\u{205f}u\u{2009}t\u{200b}s",
            "\u{2010}\u{2030}\u{2060}\u{3001}\u{1681}",
        ] {
            let want = text.split_whitespace().collect::<Vec<_>>().join(" ");
            assert_eq!(normalize_whitespace(text), want, "{text:?}");
        }
    }
}
