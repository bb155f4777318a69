//! The analyzer snippets tokenize passages with: the index's `en_stem` (tantivy's simple
//! tokens, at most 40 bytes, lowercased, English Snowball stems), except that a word is only
//! stemmed when its first letter is the first letter of one of the query's stems.
//!
//! The English stemmer never changes a word's first letter (it rewrites endings; its
//! exceptions, "dying" -> "die", "skies" -> "sky", keep the first letter; an initial "y"
//! it marks is restored), so a word whose first letter starts none of the query's stems
//! cannot match one, stemmed or not. Left lowercase and unstemmed, it still counts for the
//! fragment's length by its offsets: the snippet is the same, and most words of a passage
//! skip the stemmer, which was about a third of the snippets' time.

use tantivy::tokenizer::TextAnalyzer;

/// `en_stem` for snippets of a query whose stems in the text are `terms`.
pub fn analyzer<'t>(terms: impl IntoIterator<Item = &'t str>) -> TextAnalyzer {
    let mut firsts: Vec<char> = terms.into_iter().filter_map(|t| t.chars().next()).collect();
    firsts.sort_unstable();
    firsts.dedup();
    crate::index::stem::prose_analyzer_stemming_only(firsts)
}

#[cfg(test)]
mod tests {
    use tantivy::tokenizer::{TextAnalyzer, TokenizerManager};

    fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<(String, usize, usize)> {
        let mut out = Vec::new();
        let mut stream = analyzer.token_stream(text);
        stream.process(&mut |t| out.push((t.text.clone(), t.offset_from, t.offset_to)));
        out
    }

    /// Where the first letter is asked for, the words are `en_stem`'s; elsewhere they are
    /// lowercase words that start with another letter; the offsets are always the same.
    #[test]
    fn stems_like_en_stem_where_it_can_matter() {
        let text = "Dying skies, YELLING youths: the Nations' generalizations were \
                    relational; Ugly early idly gently, naïve Ärzte über ÉLAN 1990s \
                    x-ray supercalifragilisticexpialidociousnessandmorewordsthanforty ok";
        let mut en_stem = TokenizerManager::default().get("en_stem").unwrap();
        let expected = tokens(&mut en_stem, text);
        let firsts = ["d", "y", "g", "r", "u", "e", "i", "n", "ä", "é", "1", "s"];
        let mut gated = super::analyzer(firsts.iter().copied());
        assert_eq!(tokens(&mut gated, text), expected);
        let mut gated = super::analyzer(["d", "w"]);
        let got = tokens(&mut gated, text);
        assert_eq!(got.len(), expected.len());
        for (got, want) in got.iter().zip(&expected) {
            assert_eq!((got.1, got.2), (want.1, want.2));
            if got.0.starts_with(['d', 'w']) {
                assert_eq!(got.0, want.0);
            } else {
                assert_eq!(got.0.chars().next(), want.0.chars().next(), "{want:?}");
                assert_eq!(got.0, text[got.1..got.2].to_lowercase());
            }
        }
    }
}
