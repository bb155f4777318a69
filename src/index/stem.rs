//! The prose analyzer: tantivy's `en_stem` chain (simple tokenizer, tokens of 40 bytes or
//! more dropped, lowercase, Snowball English stemmer) as one tokenizer with a memo of stems.
//!
//! Every word of every passage, title and quotation goes through this analyzer when it is
//! indexed, and the chain of four token streams cost about a seventh of an ingest's CPU
//! (BENCHMARKS.md, session 12). Two things make it cheap:
//!
//! - **One pass.** Words are found, measured and lowercased in one scan of the bytes; an
//!   ASCII byte is classified and lowercased by table, and only other characters are decoded
//!   (`char::is_alphanumeric`, `char::to_lowercase` one character at a time, exactly as
//!   tantivy's `SimpleTokenizer` and `LowerCaser` do).
//! - **A memo of stems.** Prose repeats its words: a few thousand distinct words make up most
//!   tokens, and a document's title is indexed with every passage. Stemming is the costliest
//!   step, so each analyzer instance remembers its stems: first in a direct-mapped table
//!   whose slots hold short words and their stems inline (one cache line, no pointer to
//!   follow), then in a map for the words the table lost or cannot hold.
//!
//! The output is exactly `en_stem`'s, offsets and positions included (see the tests against
//! tantivy's own analyzer): the memo only remembers it.

use rustc_hash::FxHashMap;
use tantivy::tokenizer::{TextAnalyzer, Token, TokenStream, Tokenizer};

/// The analyzer registered as [`super::PROSE_TOKENIZER`].
pub fn prose_analyzer() -> TextAnalyzer {
    TextAnalyzer::from(ProseTokenizer::default())
}

/// The prose analyzer, except that only words whose first letter is in `firsts` are
/// stemmed; the others stay lowercase words (for snippets: see `search::snippets`).
pub fn prose_analyzer_stemming_only(firsts: Vec<char>) -> TextAnalyzer {
    TextAnalyzer::from(ProseTokenizer {
        firsts: Some(firsts),
        ..ProseTokenizer::default()
    })
}

/// Tokens of this many bytes or more (before lowercasing) are dropped, as tantivy's
/// `RemoveLongFilter::limit(40)` in `en_stem` drops them.
const LONG_TOKEN: usize = 40;

/// Map entries kept before the map starts over; bounds memory on text with endless
/// distinct words (numbers, codes) to a few MB per analyzer.
const MEMO_LIMIT: usize = 100_000;

/// Slots of the direct-mapped table (a power of two): 48 bytes each, 768 KB in all,
/// allocated on first use (a search's analyzer stems a few words and never fills it).
const SLOTS: usize = 1 << 14;

/// The longest word (and stem) a slot holds inline, in bytes.
const SLOT_BYTES: usize = 23;

/// `table[b]`: an ASCII byte's lowercase form when it is a letter or a digit, else 0.
/// Bytes of 128 and above are 0 here: they start or continue multi-byte characters,
/// which are decoded.
static ASCII_WORD: [u8; 128] = {
    let mut table = [0u8; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        table[b] = if c.is_ascii_digit() || c.is_ascii_lowercase() {
            c
        } else if c.is_ascii_uppercase() {
            c.to_ascii_lowercase()
        } else {
            0
        };
        b += 1;
    }
    table
};

/// The prose analyzer's tokenizer: words, lowercased and stemmed (see the module).
/// A clone starts with an empty memo: tantivy clones the registered analyzer for every
/// indexing thread and searcher, and copying a warm memo would cost more than it saves.
#[derive(Default)]
pub struct ProseTokenizer {
    /// Stem only words whose first letter (lowercased) is one of these.
    firsts: Option<Vec<char>>,
    memo: Memo,
    token: Token,
    lower: String,
}

impl Clone for ProseTokenizer {
    fn clone(&self) -> ProseTokenizer {
        ProseTokenizer {
            firsts: self.firsts.clone(),
            ..ProseTokenizer::default()
        }
    }
}

impl Tokenizer for ProseTokenizer {
    type TokenStream<'a> = ProseTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> ProseTokenStream<'a> {
        self.token.reset();
        ProseTokenStream {
            text,
            at: 0,
            firsts: self.firsts.as_deref(),
            memo: &mut self.memo,
            token: &mut self.token,
            lower: &mut self.lower,
        }
    }
}

pub struct ProseTokenStream<'a> {
    text: &'a str,
    /// Byte offset where the scan resumes.
    at: usize,
    firsts: Option<&'a [char]>,
    memo: &'a mut Memo,
    token: &'a mut Token,
    /// The current word, lowercased, before stemming.
    lower: &'a mut String,
}

impl ProseTokenStream<'_> {
    /// The next word's byte range, lowercased into `lower`; `None` at the end of the text.
    fn next_word(&mut self) -> Option<(usize, usize)> {
        let bytes = self.text.as_bytes();
        let mut at = self.at;
        // Skip to the first letter or digit.
        let start = loop {
            let &b = bytes.get(at)?;
            if b < 128 {
                if ASCII_WORD[usize::from(b)] != 0 {
                    break at;
                }
                at += 1;
            } else {
                let c = self.text[at..].chars().next()?;
                if c.is_alphanumeric() {
                    break at;
                }
                at += c.len_utf8();
            }
        };
        self.lower.clear();
        let mut end = start;
        while let Some(&b) = bytes.get(end) {
            if b < 128 {
                let low = ASCII_WORD[usize::from(b)];
                if low == 0 {
                    break;
                }
                self.lower.push(char::from(low));
                end += 1;
            } else {
                let c = self.text[end..].chars().next()?;
                if !c.is_alphanumeric() {
                    break;
                }
                self.lower.extend(c.to_lowercase());
                end += c.len_utf8();
            }
        }
        self.at = end;
        Some((start, end))
    }
}

impl TokenStream for ProseTokenStream<'_> {
    fn advance(&mut self) -> bool {
        loop {
            let Some((from, to)) = self.next_word() else {
                return false;
            };
            // Positions count every word, dropped ones too, as `SimpleTokenizer` numbers
            // them before `RemoveLongFilter` drops any.
            self.token.position = self.token.position.wrapping_add(1);
            if to - from >= LONG_TOKEN {
                continue;
            }
            self.token.offset_from = from;
            self.token.offset_to = to;
            let stem = match self.firsts {
                Some(firsts) => self
                    .lower
                    .chars()
                    .next()
                    .is_some_and(|c| firsts.contains(&c)),
                None => true,
            };
            self.token.text.clear();
            if stem {
                self.memo.stem_into(self.lower, &mut self.token.text);
            } else {
                self.token.text.push_str(self.lower);
            }
            return true;
        }
    }

    fn token(&self) -> &Token {
        self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        self.token
    }
}

/// A short word and its stem, inline.
#[derive(Clone, Copy)]
struct Slot {
    word_len: u8,
    word: [u8; SLOT_BYTES],
    stem_len: u8,
    stem: [u8; SLOT_BYTES],
}

const EMPTY_SLOT: Slot = Slot {
    word_len: 0,
    word: [0; SLOT_BYTES],
    stem_len: 0,
    stem: [0; SLOT_BYTES],
};

/// Words to their stems: the direct-mapped table, then the map.
/// FxHash rather than SipHash: the memo is probed once per indexed word.
#[derive(Default)]
struct Memo {
    slots: Vec<Slot>,
    stems: FxHashMap<Box<str>, Box<str>>,
}

impl Memo {
    /// Writes `word`'s stem into `out`, which is empty.
    fn stem_into(&mut self, word: &str, out: &mut String) {
        let slot_at = (word.len() <= SLOT_BYTES).then(|| slot_of(word));
        if let Some(at) = slot_at {
            if self.slots.is_empty() {
                self.slots = vec![EMPTY_SLOT; SLOTS];
            }
            let slot = &self.slots[at];
            if usize::from(slot.word_len) == word.len()
                && &slot.word[..word.len()] == word.as_bytes()
            {
                // The slot holds a prefix of a valid stem: whole characters, written below.
                out.push_str(
                    std::str::from_utf8(&slot.stem[..usize::from(slot.stem_len)])
                        .expect("a slot holds the UTF-8 it was given"),
                );
                return;
            }
        }
        if let Some(stem) = self.stems.get(word) {
            out.push_str(stem);
        } else {
            let stem: Box<str> = frostem::Stemmer::new(frostem::Algorithm::English)
                .stem(word)
                .into();
            out.push_str(&stem);
            if self.stems.len() >= MEMO_LIMIT {
                self.stems.clear();
            }
            self.stems.insert(word.into(), stem);
        }
        // `out` ends with the stem: it was empty (see `advance`).
        if let Some(at) = slot_at.filter(|_| out.len() <= SLOT_BYTES) {
            let slot = &mut self.slots[at];
            slot.word_len = word.len() as u8;
            slot.word[..word.len()].copy_from_slice(word.as_bytes());
            slot.stem_len = out.len() as u8;
            slot.stem[..out.len()].copy_from_slice(out.as_bytes());
        }
    }
}

fn slot_of(word: &str) -> usize {
    let mut hasher = rustc_hash::FxHasher::default();
    std::hash::Hasher::write(&mut hasher, word.as_bytes());
    (std::hash::Hasher::finish(&hasher) as usize) & (SLOTS - 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::tokenizer::TokenizerManager;

    fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<Token> {
        let mut out = Vec::new();
        analyzer
            .token_stream(text)
            .process(&mut |t: &Token| out.push(t.clone()));
        out
    }

    #[test]
    fn same_tokens_as_tantivys_en_stem() {
        let mut ours = prose_analyzer();
        let mut theirs = TokenizerManager::default().get("en_stem").unwrap();
        let text = "The Secretaries were negotiating; negotiations NEGOTIATED! Dogs, dogs' \
                    running runner ran — Übermäßig café naïve 2021-03-04 élections \
                    supercalifragilisticexpialidociousandthensomemorelettershere \
                    generously generous generation’s organizations";
        // Twice: the second pass answers from the memo.
        for _ in 0..2 {
            assert_eq!(tokens(&mut ours, text), tokens(&mut theirs, text));
        }
    }

    #[test]
    fn edge_words_give_en_stems_tokens() {
        let mut ours = prose_analyzer();
        let mut theirs = TokenizerManager::default().get("en_stem").unwrap();
        let exactly_39 = "a".repeat(39);
        let exactly_40 = "b".repeat(40);
        let text = format!(
            "İSTANBUL'S ΟΔΟΣ Σίσυφος ﬁnancing ǅemal — {exactly_39} {exactly_40} next; \
             straße STRASSE Ⅻ ² ½ x²y ۳۴ 日本語の文章 emoji🙂inside e\u{301}tude \
             internationalizations-counterrevolutionaries café's"
        );
        for _ in 0..2 {
            assert_eq!(tokens(&mut ours, &text), tokens(&mut theirs, &text));
        }
    }

    /// Thousands of distinct words, short and long (more than a slot holds), repeated in
    /// shifting orders: slots are overwritten and the map answers, and every token stays
    /// `en_stem`'s.
    #[test]
    fn colliding_slots_stay_right() {
        let mut ours = prose_analyzer();
        let mut theirs = TokenizerManager::default().get("en_stem").unwrap();
        let stems = [
            "running",
            "nations",
            "generously",
            "organizational",
            "relationships",
        ];
        let words: Vec<String> = (0..40_000)
            .map(|i| format!("{}{}", stems[i % stems.len()], "x".repeat(i % 23)))
            .collect();
        for round in 0..3 {
            let text: String = words
                .iter()
                .skip(round * 7)
                .step_by(round + 1)
                .map(|w| format!("{w} "))
                .collect();
            assert_eq!(tokens(&mut ours, &text), tokens(&mut theirs, &text));
        }
    }

    #[test]
    fn a_full_memo_starts_over_and_stays_right() {
        let mut ours = prose_analyzer();
        let mut theirs = TokenizerManager::default().get("en_stem").unwrap();
        let text: String = (0..MEMO_LIMIT + 10).map(|i| format!("w{i}ing ")).collect();
        assert_eq!(tokens(&mut ours, &text), tokens(&mut theirs, &text));
    }
}
