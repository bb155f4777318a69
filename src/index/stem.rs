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
//! - **A replay of the last repeated text.** tantivy gives every field its own analyzer, and
//!   a document's title comes to the title field's analyzer once per passage: a quarter of
//!   the words a White House page indexes. A short text asked for twice in a row is recorded
//!   the second time, and answered from the record while it keeps coming.
//!
//! The output is exactly `en_stem`'s, offsets and positions included (see the tests against
//! tantivy's own analyzer): the memo and the replay only remember it.

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

/// The longest text, in bytes, that the analyzer records to replay (a title, not a passage).
const REPLAY_MAX: usize = 512;

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
    replay: Replay,
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
        let mode = self.replay.mode_for(text);
        ProseTokenStream {
            text,
            at: 0,
            firsts: self.firsts.as_deref(),
            memo: &mut self.memo,
            replay: &mut self.replay,
            mode,
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
    replay: &'a mut Replay,
    mode: Mode,
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

    /// Sets the token to the replay's token `next`; false after the last.
    fn replay_token(&mut self, next: usize) -> bool {
        let Some(recorded) = self.replay.tokens.get(next) else {
            return false;
        };
        self.mode = Mode::Replay(next + 1);
        self.token.offset_from = recorded.from;
        self.token.offset_to = recorded.to;
        self.token.position = recorded.position;
        self.token.text.clear();
        self.token
            .text
            .push_str(&self.replay.stems[recorded.stem_start..recorded.stem_end]);
        true
    }
}

impl TokenStream for ProseTokenStream<'_> {
    fn advance(&mut self) -> bool {
        let recording = match self.mode {
            Mode::Replay(next) => return self.replay_token(next),
            Mode::Scan { recording } => recording,
        };
        loop {
            let Some((from, to)) = self.next_word() else {
                if recording {
                    self.replay.finish(self.text);
                }
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
            if recording {
                self.replay.record(self.token);
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

/// How a stream finds its tokens.
#[derive(Clone, Copy)]
enum Mode {
    /// By scanning the text, recording the tokens when asked.
    Scan { recording: bool },
    /// From the replay, at this token.
    Replay(usize),
}

/// The tokens of the last short text an analyzer was asked for twice in a row.
#[derive(Default)]
struct Replay {
    /// A hash of the last short text asked for.
    last_hash: u64,
    /// The text whose tokens are recorded, once the recording reached its end.
    text: String,
    ready: bool,
    tokens: Vec<Recorded>,
    /// The recorded tokens' texts, one after another.
    stems: String,
}

/// One recorded token; its text is `stems[stem_start..stem_end]`.
struct Recorded {
    from: usize,
    to: usize,
    position: usize,
    stem_start: usize,
    stem_end: usize,
}

impl Replay {
    /// Replays `text` when it is the recorded text; else scans it, recording when the
    /// text before it was the same.
    fn mode_for(&mut self, text: &str) -> Mode {
        if text.len() > REPLAY_MAX {
            return Mode::Scan { recording: false };
        }
        if self.ready && self.text == text {
            return Mode::Replay(0);
        }
        let hash = fx_hash(text);
        let again = hash == self.last_hash;
        self.last_hash = hash;
        if again {
            // A stream dropped before its end leaves the record unready.
            self.ready = false;
            self.tokens.clear();
            self.stems.clear();
        }
        Mode::Scan { recording: again }
    }

    fn record(&mut self, token: &Token) {
        let stem_start = self.stems.len();
        self.stems.push_str(&token.text);
        self.tokens.push(Recorded {
            from: token.offset_from,
            to: token.offset_to,
            position: token.position,
            stem_start,
            stem_end: self.stems.len(),
        });
    }

    fn finish(&mut self, text: &str) {
        self.text.clear();
        self.text.push_str(text);
        self.ready = true;
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
    (fx_hash(word) as usize) & (SLOTS - 1)
}

fn fx_hash(text: &str) -> u64 {
    let mut hasher = rustc_hash::FxHasher::default();
    std::hash::Hasher::write(&mut hasher, text.as_bytes());
    std::hash::Hasher::finish(&hasher)
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
        // Three times: the second pass answers from the memo, the third from the replay.
        for _ in 0..3 {
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
        for _ in 0..3 {
            assert_eq!(tokens(&mut ours, &text), tokens(&mut theirs, &text));
        }
    }

    /// A title comes to its field's analyzer once per passage: from the third time on its
    /// tokens are replayed, and they are the scanned ones. A stream left before its end
    /// records nothing, and another text in between does not spoil the record.
    #[test]
    fn a_repeated_text_is_replayed_with_the_same_tokens() {
        let mut ours = ProseTokenizer::default();
        let mut theirs = TokenizerManager::default().get("en_stem").unwrap();
        let title = "Remarks by the President on the Economy’s Recovery — Übermäßig 2021";
        let expected = tokens(&mut theirs, title);
        let scanned = |tok: &mut ProseTokenizer, text: &str| {
            let mut stream = tok.token_stream(text);
            let replayed = matches!(stream.mode, Mode::Replay(_));
            let mut out = Vec::new();
            stream.process(&mut |t: &Token| out.push(t.clone()));
            (replayed, out)
        };
        assert_eq!(scanned(&mut ours, title), (false, expected.clone()));
        // The second time records, but this stream stops after one token.
        assert!(ours.token_stream(title).advance());
        assert_eq!(scanned(&mut ours, title), (false, expected.clone()));
        assert_eq!(scanned(&mut ours, title), (true, expected.clone()));
        let other = "Other words, once";
        assert_eq!(scanned(&mut ours, other).1, tokens(&mut theirs, other));
        assert_eq!(scanned(&mut ours, title), (true, expected.clone()));
        assert!(!scanned(&mut ours, "Economy").0);
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
