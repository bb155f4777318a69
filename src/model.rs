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
    let mut out = String::with_capacity(text.len());
    for word in text.words() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// True when `bytes` (UTF-8) has no white space but single ASCII spaces between words:
/// most paragraphs, which then need no rebuilding. Curly quotes and other text pass.
fn is_normalized(bytes: &[u8]) -> bool {
    if bytes.first() == Some(&b' ') || bytes.last() == Some(&b' ') {
        return false;
    }
    let mut after_space = false;
    for (at, &byte) in bytes.iter().enumerate() {
        match space_len(bytes, at) {
            0 => after_space = false,
            1 if byte == b' ' && !after_space => after_space = true,
            _ => return false,
        }
    }
    true
}

/// [`BYTE_CLASS`]: a byte of a word (ASCII, a continuation byte, or the lead byte of a
/// character that is never white space).
const WORD: u8 = 0;
/// [`BYTE_CLASS`]: ASCII white space (space, tab, line feed, vertical tab, form feed, CR).
const ASCII_SPACE: u8 = 1;
/// [`BYTE_CLASS`]: the lead byte of a character that may be Unicode white space (U+0085,
/// U+00A0, U+1680, U+2000-U+200A, U+2028, U+2029, U+202F, U+205F, U+3000).
const MAYBE_SPACE: u8 = 2;

/// What each byte of UTF-8 text may be, so that finding white space costs one table load
/// a byte and only the lead bytes in [`MAYBE_SPACE`] need a look at what follows them.
static BYTE_CLASS: [u8; 256] = {
    let mut table = [WORD; 256];
    let mut b = 9;
    while b <= 13 {
        table[b] = ASCII_SPACE;
        b += 1;
    }
    table[b' ' as usize] = ASCII_SPACE;
    table[0xC2] = MAYBE_SPACE;
    table[0xE1] = MAYBE_SPACE;
    table[0xE2] = MAYBE_SPACE;
    table[0xE3] = MAYBE_SPACE;
    table
};

/// The length in bytes of the Unicode white space (`char::is_whitespace`, beyond ASCII)
/// that starts at byte `at` of UTF-8 `bytes`, or 0.
#[cold]
fn unicode_space_len(bytes: &[u8], at: usize) -> usize {
    let next = |n: usize| bytes.get(at + n).copied().unwrap_or(0);
    match bytes[at] {
        0xC2 if matches!(next(1), 0x85 | 0xA0) => 2,
        0xE1 if next(1) == 0x9A && next(2) == 0x80 => 3,
        0xE2 if match next(1) {
            0x80 => matches!(next(2), 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF),
            0x81 => next(2) == 0x9F,
            _ => false,
        } =>
        {
            3
        }
        0xE3 if next(1) == 0x80 && next(2) == 0x80 => 3,
        _ => 0,
    }
}

/// The high bit of each byte of `x` (eight bytes, little-endian) that is below `!` (white
/// space and control characters) or not ASCII, exact up to the first such byte; bytes
/// after it may be flagged wrongly (the subtraction borrows), which is why only the
/// lowest flag is read.
#[inline(always)]
fn maybe_space_bytes(x: u64) -> u64 {
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGHS: u64 = u64::from_ne_bytes([0x80; 8]);
    (x.wrapping_sub(ONES * 0x21) & !x & HIGHS) | (x & HIGHS)
}

/// The length of the white-space character starting at byte `at`, or 0.
#[inline(always)]
fn space_len(bytes: &[u8], at: usize) -> usize {
    match BYTE_CLASS[usize::from(bytes[at])] {
        WORD => 0,
        ASCII_SPACE => 1,
        _ => unicode_space_len(bytes, at),
    }
}

/// The words of a text: what `str::split_whitespace` gives, found by bytes instead of by
/// decoded characters (the taggers split every paragraph several times; `split_whitespace`
/// was 8% of an ingest's instructions).
pub trait SplitWords {
    fn words(&self) -> Words<'_>;
}

impl SplitWords for str {
    #[inline]
    fn words(&self) -> Words<'_> {
        Words {
            text: self,
            front: 0,
            back: self.len(),
        }
    }
}

/// Iterator of [`SplitWords::words`]: the white-space-separated words of `text[front..back]`.
#[derive(Clone, Debug)]
pub struct Words<'a> {
    text: &'a str,
    front: usize,
    back: usize,
}

impl<'a> Iterator for Words<'a> {
    type Item = &'a str;

    #[inline(always)]
    fn next(&mut self) -> Option<&'a str> {
        let bytes = self.text.as_bytes();
        let end = self.back;
        let mut at = self.front;
        loop {
            if at >= end {
                self.front = end;
                return None;
            }
            match space_len(bytes, at) {
                0 => break,
                len => at += len,
            }
        }
        let start = at;
        at += 1;
        while at < end {
            // Eight bytes at a time while none of them can be white space: ASCII above
            // the space character. The first byte that may be is looked up in the table.
            if at + 8 <= end {
                let chunk: [u8; 8] = bytes[at..at + 8].try_into().expect("eight bytes");
                let stops = maybe_space_bytes(u64::from_le_bytes(chunk));
                if stops == 0 {
                    at += 8;
                    continue;
                }
                at += (stops.trailing_zeros() / 8) as usize;
            }
            if space_len(bytes, at) > 0 {
                break;
            }
            at += 1;
        }
        self.front = at;
        Some(&self.text[start..at])
    }
}

impl DoubleEndedIterator for Words<'_> {
    #[inline]
    fn next_back(&mut self) -> Option<Self::Item> {
        let bytes = self.text.as_bytes();
        // The start of the character that ends at `end` (exclusive).
        let char_start = |end: usize| {
            let mut at = end - 1;
            while at > 0 && bytes[at] & 0xC0 == 0x80 {
                at -= 1;
            }
            at
        };
        loop {
            if self.back <= self.front {
                return None;
            }
            let at = char_start(self.back);
            if space_len(bytes, at) == 0 {
                break;
            }
            self.back = at;
        }
        let end = self.back;
        while self.back > self.front {
            let at = char_start(self.back);
            if space_len(bytes, at) > 0 {
                break;
            }
            self.back = at;
        }
        Some(&self.text[self.back..end])
    }
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
    fn words_split_as_split_whitespace_does_both_ways() {
        // Every white-space character Unicode has, their neighbours in the code tables,
        // and text of one to four bytes a character, in strings built from all of them.
        let pieces = [
            " ",
            "\t",
            "\n",
            "\r",
            "\u{b}",
            "\u{c}",
            "\u{85}",
            "\u{a0}",
            "\u{1680}",
            "\u{2000}",
            "\u{200a}",
            "\u{2028}",
            "\u{2029}",
            "\u{202f}",
            "\u{205f}",
            "\u{3000}",
            "\u{84}",
            "\u{a1}",
            "\u{1681}",
            "\u{200b}",
            "\u{2030}",
            "\u{2060}",
            "\u{3001}",
            "a",
            "Zy",
            "é",
            "“q”",
            "—",
            "€",
            "😀",
            "\u{10ffff}",
            "\u{e2}",
            "\u{c2}",
        ];
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let mut texts: Vec<String> = pieces.iter().map(|p| p.to_string()).collect();
        for _ in 0..20_000 {
            let len = (next() % 9) as usize;
            texts.push(
                (0..len)
                    .map(|_| pieces[(next() % pieces.len() as u64) as usize])
                    .collect(),
            );
        }
        for text in &texts {
            let expected: Vec<&str> = text.split_whitespace().collect();
            assert_eq!(text.words().collect::<Vec<_>>(), expected, "{text:?}");
            let mut backward: Vec<&str> = text.words().rev().collect();
            backward.reverse();
            assert_eq!(backward, expected, "{text:?} backwards");
            // Both ends at once meet in the middle without losing or repeating a word.
            let mut both = text.words();
            let (mut front, mut back) = (Vec::new(), Vec::new());
            while let Some(w) = both.next() {
                front.push(w);
                match both.next_back() {
                    Some(w) => back.push(w),
                    None => break,
                }
            }
            back.reverse();
            front.extend(back);
            assert_eq!(front, expected, "{text:?} from both ends");
        }
    }

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
