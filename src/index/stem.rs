//! The prose analyzer: tantivy's `en_stem` chain (simple tokenizer, tokens over 40 bytes
//! dropped, lowercase, Snowball English stemmer) with a memo of stems.
//!
//! Stemming was the costliest single step of indexing (about a tenth of an ingest's CPU
//! time), and prose repeats its words: a few thousand distinct words make up most tokens,
//! and a document's title is indexed with every passage. Each analyzer instance (tantivy
//! clones one per indexing thread and per searcher) keeps the stems it has computed, so a
//! word is stemmed once per thread instead of once per occurrence. The output is exactly
//! the stemmer's: the memo only remembers it (see the test against tantivy's own `en_stem`).

use rustc_hash::FxHashMap;
use tantivy::tokenizer::{
    LowerCaser, RemoveLongFilter, SimpleTokenizer, TextAnalyzer, Token, TokenFilter, TokenStream,
    Tokenizer,
};

/// The analyzer registered as [`super::PROSE_TOKENIZER`].
pub fn prose_analyzer() -> TextAnalyzer {
    analyzer(MemoStemmer::default())
}

/// The prose analyzer, except that only words whose first letter is in `firsts` are
/// stemmed; the others stay lowercase words (for snippets: see `search::snippets`).
pub fn prose_analyzer_stemming_only(firsts: Vec<char>) -> TextAnalyzer {
    analyzer(MemoStemmer {
        firsts: Some(firsts),
    })
}

fn analyzer(stemmer: MemoStemmer) -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(stemmer)
        .build()
}

/// Memo entries kept before the memo starts over; bounds memory on text with endless
/// distinct words (numbers, codes) to a few MB per analyzer.
const MEMO_LIMIT: usize = 100_000;

/// English stemming, memoised per analyzer instance; with `firsts`, only of the words that
/// start with one of those letters.
#[derive(Clone, Debug, Default)]
pub struct MemoStemmer {
    firsts: Option<Vec<char>>,
}

impl TokenFilter for MemoStemmer {
    type Tokenizer<T: Tokenizer> = MemoStemmerFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> MemoStemmerFilter<T> {
        MemoStemmerFilter {
            inner: tokenizer,
            firsts: self.firsts,
            memo: Memo::default(),
        }
    }
}

#[derive(Clone)]
pub struct MemoStemmerFilter<T> {
    inner: T,
    firsts: Option<Vec<char>>,
    memo: Memo,
}

/// Words to their stems. A clone starts empty: tantivy clones the registered analyzer for
/// every thread, and copying a warm memo would cost more than it saves.
/// FxHash rather than SipHash: the memo is probed once per indexed word.
#[derive(Default)]
struct Memo {
    stems: FxHashMap<Box<str>, Box<str>>,
}

impl Clone for Memo {
    fn clone(&self) -> Memo {
        Memo::default()
    }
}

impl Memo {
    fn stem_into(&mut self, word: &str, out: &mut String) {
        out.clear();
        if let Some(stem) = self.stems.get(word) {
            out.push_str(stem);
            return;
        }
        let stem = frostem::Stemmer::new(frostem::Algorithm::English).stem(word);
        out.push_str(&stem);
        if self.stems.len() >= MEMO_LIMIT {
            self.stems.clear();
        }
        self.stems.insert(word.into(), out.as_str().into());
    }
}

impl<T: Tokenizer> Tokenizer for MemoStemmerFilter<T> {
    type TokenStream<'a> = MemoStemmerStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        MemoStemmerStream {
            tail: self.inner.token_stream(text),
            firsts: self.firsts.as_deref(),
            memo: &mut self.memo,
            buffer: String::new(),
        }
    }
}

pub struct MemoStemmerStream<'a, T> {
    tail: T,
    firsts: Option<&'a [char]>,
    memo: &'a mut Memo,
    buffer: String,
}

impl<T: TokenStream> TokenStream for MemoStemmerStream<'_, T> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let token = self.tail.token_mut();
        if let Some(firsts) = self.firsts {
            if !token
                .text
                .chars()
                .next()
                .is_some_and(|c| firsts.contains(&c))
            {
                return true;
            }
        }
        self.memo.stem_into(&token.text, &mut self.buffer);
        std::mem::swap(&mut token.text, &mut self.buffer);
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
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
    fn a_full_memo_starts_over_and_stays_right() {
        let mut ours = prose_analyzer();
        let mut theirs = TokenizerManager::default().get("en_stem").unwrap();
        let text: String = (0..MEMO_LIMIT + 10).map(|i| format!("w{i}ing ")).collect();
        assert_eq!(tokens(&mut ours, &text), tokens(&mut theirs, &text));
    }
}
