//! The splitter: a [`Document`]'s blocks become [`Segment`]s, the units a reader quotes:
//! headings, paragraphs, bullets, captions, bylines, bios, news items and transcript turns.
//!
//! It joins hard-wrapped lines, normalises whitespace, and recognises structure from the
//! shape of English text. It does not decide who speaks; `tag` does.

use crate::model::{kind, normalize_whitespace, Block, BlockKind, Document, SplitWords};
use crate::tag::names::{is_capitalized, is_role_word};
use regex::Regex;
use std::sync::LazyLock;

/// A passage before tagging.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    pub kind: &'static str,
    pub text: String,
    /// For a news item: the headline before ", Outlet.".
    pub headline: Option<String>,
    /// For a news item: the outlet it names.
    pub outlet: Option<String>,
    /// For a transcript turn: the speaker label as written ("MS. PSAKI", "Q").
    pub turn_label: Option<String>,
    pub line: Option<usize>,
}

impl Segment {
    fn new(kind: &'static str, text: String, line: Option<usize>) -> Segment {
        Segment {
            kind,
            text,
            headline: None,
            outlet: None,
            turn_label: None,
            line,
        }
    }
}

static BULLET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?:[•·▪◦‣●○■□➢►–—]|[-*+](?:\s)|\d{1,2}[.)]\s|\(?[a-z][.)]\s)\s*").unwrap()
});
static TURN_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?:(?P<q>Q)(?:\s{2,}|\t|:\s*|\.\s+)|(?P<label>(?:[A-Z][A-Z'’\-]*\.?)(?:\s+[A-Z][A-Z'’\-]*\.?){0,5}):(?:\s+|$))").unwrap()
});
static TIME_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\d{1,2}:\d{2}\s*[AaPp]\.?\s*[Mm]\.?(?:\s+[A-Z]{2,4})?$").unwrap()
});
/// "Headline, Outlet. Summary...": the headline is 6 to 220 characters without a sentence
/// stop. [`news_item`] finds it with the unbounded form first (a lazy DFA over a counted
/// repetition of 220 was the costliest regex of an ingest), and the exact one only when
/// the first candidate is shorter than 6 characters.
const NEWS_ITEM_REST: &str = r",\s+(?P<outlet>(?:The\s+)?[A-Z][\w&'’\-]*\.?(?:\s+(?:of|the|and|de|&|[A-Z][\w&'’\-]*)){0,5})\.\s+[A-Z“\x22‘(\[0-9]";
static NEWS_ITEM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"^(?P<headline>[^.!?]{{6,220}}?){NEWS_ITEM_REST}")).unwrap()
});
static NEWS_ITEM_FAST: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"^(?P<headline>[^.!?]+?){NEWS_ITEM_REST}")).unwrap());

/// `(headline, outlet)` of a paragraph shaped like a news item. (Paragraph text has no
/// line breaks, so the summary is whatever follows its first character.)
fn news_item(text: &str) -> Option<(&str, &str)> {
    let caps = NEWS_ITEM_FAST.captures(text)?;
    let headline_chars = caps["headline"].chars().count();
    let caps = match headline_chars {
        // The earliest candidate is the one the exact form would take...
        6..=220 => caps,
        // ...except that it needs 6 characters and may find a later one.
        0..6 => NEWS_ITEM.captures(text)?,
        // No candidate ends within 220 characters.
        _ => return None,
    };
    Some((
        caps.name("headline")?.as_str(),
        caps.name("outlet")?.as_str(),
    ))
}
static CAPTION_CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\((?:[A-Z][\w.\-]*(?:\s+[\w.\-]+)*\s*/\s*[^)]{2,60}|(?:Photo|Image|Credit|Photograph|Source)[^)]{0,80})\)\s*$").unwrap()
});
/// A credit closing a caption without parentheses, as news sites print them: "... near Lod,
/// Israel. Photograph: Amir Levy/Getty Images", "... on Tuesday. Photo: Jo Lee/AP".
static CAPTION_TRAILING_CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"[.!?)]\s+(?:Photograph|Photo|Picture|Image|Illustration|Credit|Video)s?:\s*[A-Z][^.!?:;“”"]{1,80}$"#).unwrap()
});
static BIO_START: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<name>[A-Z][\w’'\-]+(?:\s+[A-Z]\.)?(?:\s+(?:al-|bin\s|de\s|van\s|von\s)?[A-Z][\w’'\-]+){1,2})(?:\s+(?:is|was)\s+(?:a|an|the)\s|\s+has\s+(?:been|served|led|worked)\s|\s+served\s+as\s|,\s+(?:a|an|the|who|considered|[A-Z][\w]+[’']s)\s)").unwrap()
});
/// Labels in capitals that are not speakers.
const NOT_SPEAKER_LABELS: &[&str] = &[
    "NOTE",
    "UPDATE",
    "EDITOR'S NOTE",
    "EDITOR’S NOTE",
    "END",
    "WASHINGTON",
    "BACKGROUND",
    "SUMMARY",
    "CONTACT",
    "MEDIA CONTACT",
    "PRESS RELEASE",
    "FACT SHEET",
    "SOURCE",
    "SOURCES",
    "AS PREPARED FOR DELIVERY",
    "EMBARGOED",
    "TOPLINE",
    "WHAT",
    "WHEN",
    "WHERE",
    "WHO",
    "WHY",
    "HOW",
    "RELEASE",
    "FOR IMMEDIATE RELEASE",
    "PS",
    "P.S.",
    "ATTACHMENT",
    "TITLE",
    "SEC",
    "SECTION",
    "ARTICLE",
    "PART",
    "DATE",
    "TIME",
    "LOCATION",
    "Q&A",
    // Memo headers.
    "TO",
    "FROM",
    "SUBJECT",
    "RE",
    "CC",
    "MEMORANDUM FOR",
    // Fact-check and promise-tracker markers: "FACT: ...", "PROMISE MADE: “...”".
    "FACT",
    "FACTS",
    "THE FACTS",
    "HOAX",
    "MYTH",
    "CLAIM",
    "TRUTH",
    "REALITY",
    "PROMISE MADE",
    "PROMISE KEPT",
    // Credentials after a name ("Jane Roe, DVM:") and photo or media notes.
    "MD",
    "M.D.",
    "DVM",
    "RN",
    "PHD",
    "PH.D.",
    "DDS",
    "MBA",
    "JD",
    "ESQ",
    "L-R",
    "LEFT TO RIGHT",
    "PHOTO",
    "VIDEO",
    "WATCH",
    "READ",
    "READ MORE",
    "LISTEN",
    "TOTAL",
];

/// The transcript label at the start of a line, if any: `(label, rest of line)`.
pub fn turn_label(line: &str) -> Option<(String, &str)> {
    // Both of TURN_LABEL's forms open with a capital letter that no lowercase letter
    // follows ("Q:", "MS. PSAKI:"): most lines of prose ("The ...") are ruled out without
    // running the regex.
    let opening = line.trim_start().as_bytes();
    if !opening.first().is_some_and(u8::is_ascii_uppercase)
        || opening.get(1).is_some_and(u8::is_ascii_lowercase)
    {
        return None;
    }
    let caps = TURN_LABEL.captures(line)?;
    let whole = caps.get(0)?;
    let rest = &line[whole.end()..];
    if caps.name("q").is_some() {
        return Some(("Q".to_owned(), rest));
    }
    let label = caps.name("label")?.as_str().trim().to_owned();
    let letters = label.chars().filter(|c| c.is_alphabetic()).count();
    if letters < 2 || NOT_SPEAKER_LABELS.contains(&label.as_str()) || label.words().count() > 6 {
        return None;
    }
    Some((label, rest))
}

/// The transcript label of a line that opens a block: [`turn_label`]'s, or a question
/// written "Q Thank you." with one space, which only a block's first line can be (inside a
/// wrapped paragraph a line may well open with "Q Street").
fn block_turn_label(line: &str, opens_block: bool) -> Option<(String, &str)> {
    if opens_block {
        if let Some(rest) = line.strip_prefix("Q ") {
            if rest.starts_with(|c: char| {
                c.is_uppercase() || c.is_ascii_digit() || matches!(c, '“' | '"' | '‘' | '(' | '[')
            }) {
                return Some(("Q".to_owned(), rest));
            }
        }
    }
    turn_label(line)
}

/// Joins the lines of a hard-wrapped piece, dropping a line that repeats the previous one.
fn join_lines(lines: &[&str]) -> String {
    let mut kept: Vec<&str> = Vec::with_capacity(lines.len());
    for line in lines {
        if kept.last().is_some_and(|prev| prev.trim() == line.trim()) {
            continue;
        }
        kept.push(line);
    }
    normalize_whitespace(&kept.join(" "))
}

/// A line piece inside a paragraph block: a bullet, a transcript turn, or plain lines.
enum Piece<'a> {
    Plain(Vec<&'a str>),
    Bullet(Vec<&'a str>),
    Turn(String, Vec<&'a str>),
}

fn pieces<'a>(text: &'a str, transcript: bool) -> Vec<Piece<'a>> {
    let mut out: Vec<Piece<'a>> = Vec::new();
    for (at, line) in text.lines().enumerate() {
        if transcript {
            if let Some((label, rest)) = block_turn_label(line, at == 0) {
                out.push(Piece::Turn(label, vec![rest]));
                continue;
            }
        }
        if let Some(found) = BULLET.find(line) {
            let rest = &line[found.end()..];
            if !rest.trim().is_empty() {
                out.push(Piece::Bullet(vec![rest]));
                continue;
            }
        }
        if is_caps_line(line) {
            // A masthead or heading in capitals is never joined to the lines under it.
            out.push(Piece::Plain(vec![line]));
            out.push(Piece::Plain(Vec::new()));
            continue;
        }
        match out.last_mut() {
            Some(Piece::Plain(lines) | Piece::Bullet(lines) | Piece::Turn(_, lines)) => {
                lines.push(line)
            }
            None => out.push(Piece::Plain(vec![line])),
        }
    }
    out
}

/// "TIDEWATER WIRE — REGIONAL BRIEFS": two to twelve words, letters all capitals.
fn is_caps_line(line: &str) -> bool {
    // The lowercase test first: prose fails it within a few letters, while counting words
    // and letters reads the whole line.
    if line.chars().any(char::is_lowercase) {
        return false;
    }
    let count = line
        .words()
        .filter(|w| w.chars().any(char::is_alphabetic))
        .count();
    (2..=12).contains(&count) && line.chars().filter(|c| c.is_alphabetic()).count() >= 6
}

/// Whether a document reads as a transcript: at least two lines open with speaker labels.
fn is_transcript(blocks: &[Block]) -> bool {
    let mut labels = 0;
    for block in blocks {
        for (at, line) in block.text.lines().enumerate() {
            if block_turn_label(line, at == 0).is_some() {
                labels += 1;
                if labels >= 2 {
                    return true;
                }
            }
        }
    }
    false
}

fn looks_like_heading(text: &str, raw: &str) -> bool {
    let words = text.words().count();
    !raw.contains('\n')
        && (1..=14).contains(&words)
        && !text.ends_with(['.', '?', '!', ',', ';', '”', '"', ')'])
        && text
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
        && text.len() < 120
}

fn is_byline_text(text: &str) -> bool {
    let starts_with = |prefix: &str| {
        text.get(..prefix.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(prefix))
    };
    (starts_with("by ") || starts_with("written by "))
        && text.words().count() <= 14
        && text.words().nth(1).is_some_and(is_capitalized)
}

/// A photo's caption whose credit closes it without parentheses ("Photograph: X/Getty
/// Images"): a short text, not a paragraph of the article.
fn is_captioned(text: &str) -> bool {
    let text = text.trim_end();
    text.len() <= 600
        && memchr::memmem::find(text.as_bytes(), b": ").is_some()
        && CAPTION_TRAILING_CREDIT.is_match(text)
}

/// Classifies a plain paragraph by its shape.
fn classify_paragraph(text: String, raw: &str, line: Option<usize>) -> Segment {
    if is_byline_text(&text) || crate::tag::byline::author_statement(&text).is_some() {
        return Segment::new(kind::BYLINE, text, line);
    }
    if is_captioned(&text) {
        return Segment::new(kind::CAPTION, text, line);
    }
    if let Some((headline, outlet)) = news_item(&text) {
        let headline = headline.trim();
        let outlet = outlet.trim().trim_end_matches('.');
        let outlet_words: Vec<&str> = outlet.words().collect();
        let outlet_ok = outlet_words
            .iter()
            .all(|w| is_capitalized(w) || matches!(*w, "of" | "the" | "and" | "de" | "&"))
            && !outlet_words
                .iter()
                .any(|w| is_role_word(w) && *w != "Press")
            && headline.words().count() >= 2
            // "..., Dr. Orr said": an abbreviation is not an outlet (acronyms like JTA are).
            && !(outlet_words.len() == 1 && outlet.len() <= 3 && outlet.chars().any(char::is_lowercase));
        if outlet_ok {
            let mut segment = Segment::new(kind::NEWS_ITEM, text.clone(), line);
            segment.headline = Some(headline.to_owned());
            segment.outlet = Some(outlet.to_owned());
            return segment;
        }
    }
    // The credit closes the caption: test the cheap half of the pattern first.
    if text.trim_end().ends_with(')') && CAPTION_CREDIT.is_match(&text) {
        return Segment::new(kind::CAPTION, text, line);
    }
    if looks_like_heading(&text, raw) {
        return Segment::new(kind::HEADING, text, line);
    }
    let is_bio = || {
        text.words().count() <= 150
            && BIO_START
                .captures(&text)
                .is_some_and(|caps| caps["name"].words().all(crate::tag::names::is_name_token))
            && !(text.contains(['“', '"']) && crate::tag::quotes::has_cue_verb(&text))
    };
    if is_bio() {
        return Segment::new(kind::BIO, text, line);
    }
    Segment::new(kind::PARAGRAPH, text, line)
}

/// The passage kind of a block the reader already classified, taken whole.
fn whole_block_kind(block: BlockKind) -> Option<&'static str> {
    Some(match block {
        BlockKind::Heading => kind::HEADING,
        BlockKind::Caption => kind::CAPTION,
        BlockKind::ListItem => kind::BULLET,
        BlockKind::BlockQuote => kind::BLOCKQUOTE,
        BlockKind::Paragraph | BlockKind::Preformatted => return None,
    })
}

/// Splits a document into segments, in order.
pub fn split(doc: &Document) -> Vec<Segment> {
    let transcript = is_transcript(&doc.blocks);
    let mut segments: Vec<Segment> = Vec::new();
    // In a transcript, unlabelled paragraphs continue the current speaker's turn.
    let mut current_turn: Option<String> = None;
    for block in &doc.blocks {
        let line = block.line;
        if let Some(segment_kind) = whole_block_kind(block.kind) {
            if block.kind == BlockKind::Heading {
                current_turn = None;
            }
            let text = normalize_whitespace(&block.text);
            segments.push(Segment::new(segment_kind, text, line));
            continue;
        }
        let mut line_no = line;
        for piece in pieces(&block.text, transcript) {
            let (segment, n_lines) = match piece {
                Piece::Bullet(lines) => (
                    Segment::new(kind::BULLET, join_lines(&lines), line_no),
                    lines.len(),
                ),
                Piece::Turn(label, lines) => {
                    let mut segment =
                        Segment::new(kind::TRANSCRIPT_TURN, join_lines(&lines), line_no);
                    segment.turn_label = Some(label.clone());
                    current_turn = Some(label);
                    (segment, lines.len())
                }
                Piece::Plain(lines) => {
                    let raw = lines.join("\n");
                    let text = join_lines(&lines);
                    let n_lines = lines.len();
                    if TIME_LINE.is_match(&text) {
                        current_turn = None;
                        (Segment::new(kind::PARAGRAPH, text, line_no), n_lines)
                    } else if let Some(label) = current_turn.clone().filter(|_| transcript) {
                        let mut segment = Segment::new(kind::TRANSCRIPT_TURN, text, line_no);
                        segment.turn_label = Some(label);
                        (segment, n_lines)
                    } else {
                        (classify_paragraph(text, &raw, line_no), n_lines)
                    }
                }
            };
            line_no = line_no.map(|l| l + n_lines);
            if !segment.text.is_empty() {
                segments.push(segment);
            }
        }
    }
    // Pages repeat a title or caption on the next line; one copy is enough.
    segments.dedup_by(|next, prev| {
        next.text == prev.text && next.kind == prev.kind && next.turn_label == prev.turn_label
    });
    segments
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::text::text_blocks;

    fn split_text(text: &str) -> Vec<Segment> {
        let doc = Document {
            path: "t.txt".into(),
            blocks: text_blocks(text, 0),
            ..Document::default()
        };
        split(&doc)
    }

    /// One case: text -> the (kind, text prefix) of each segment.
    fn check(text: &str, expected: &[(&str, &str)]) {
        let got: Vec<(&str, String)> = split_text(text)
            .iter()
            .zip(expected.iter().chain(std::iter::repeat(&("", ""))))
            .map(|(s, e)| {
                (
                    s.kind,
                    s.text.chars().take(e.1.chars().count().max(1)).collect(),
                )
            })
            .collect();
        let want: Vec<(&str, String)> = expected.iter().map(|(k, t)| (*k, t.to_string())).collect();
        assert_eq!(got, want, "{text}");
    }

    #[test]
    fn report_shapes() {
        check(
            "Center for Policy\n\nA Title Here\n\nA Title Here\n\nSome paragraph that is\nhard wrapped over lines.\n\n  • First recommendation here.\n  • Second recommendation\n    continues here.\n\nAna Ruiz is a Policy Analyst at the Center for Policy.",
            &[
                ("heading", "Center for Policy"),
                ("heading", "A Title Here"),
                ("paragraph", "Some paragraph that is hard wrapped over lines."),
                ("bullet", "First recommendation here."),
                ("bullet", "Second recommendation continues here."),
                ("byline", "Ana Ruiz is a Policy"),
            ],
        );
    }

    #[test]
    fn captions_whose_credit_has_no_parentheses() {
        check(
            "House hit by a rocket near Lod, Israel. Photograph: Amir Levy/Getty Images\n\nThe mayor spoke. Credit: where credit is due, she said.",
            &[
                ("caption", "House hit by a rocket near Lod, Israel. Photograph: Amir Levy/Getty Images"),
                ("paragraph", "The mayor spoke. Credit: where credit is due, she said."),
            ],
        );
    }

    #[test]
    fn captions_with_credits_and_duplicates() {
        check(
            "Kessel speaks in Velmora on Sunday, June 30, 2013. (AP/Jo Lee)\nKessel speaks in Velmora on Sunday, June 30, 2013. (AP/Jo Lee)",
            &[("caption", "Kessel speaks in Velmora on Sunday, June 30, 2013. (AP/Jo Lee)")],
        );
    }

    #[test]
    fn news_items_have_headline_and_outlet() {
        let segments = split_text("Syria, Egypt turmoil nudges Israel, Palestinians toward peace, Reuters. A senior official said so.\n\nThe believer, The Daily Beast. In interviews, Livni stressed it.\n\nIn March, the team traveled to the region. It met leaders.");
        assert_eq!(segments[0].kind, "news_item");
        assert_eq!(
            segments[0].headline.as_deref(),
            Some("Syria, Egypt turmoil nudges Israel, Palestinians toward peace")
        );
        assert_eq!(segments[0].outlet.as_deref(), Some("Reuters"));
        assert_eq!(segments[1].outlet.as_deref(), Some("The Daily Beast"));
        assert_eq!(segments[2].kind, "paragraph");
    }

    #[test]
    fn transcript_turns_and_continuations() {
        let segments = split_text("1:03 P.M. EST\n\nMS. PSAKI:  Good afternoon.\nHappy Friday.\n\nMore from me.\n\nQ    Thank you, Jen.\n\nMR. DEESE:  Hi.\n\n2:05 P.M. EST");
        let got: Vec<(&str, Option<&str>, &str)> = segments
            .iter()
            .map(|s| (s.kind, s.turn_label.as_deref(), s.text.as_str()))
            .collect();
        assert_eq!(
            got,
            vec![
                ("paragraph", None, "1:03 P.M. EST"),
                (
                    "transcript_turn",
                    Some("MS. PSAKI"),
                    "Good afternoon. Happy Friday."
                ),
                ("transcript_turn", Some("MS. PSAKI"), "More from me."),
                ("transcript_turn", Some("Q"), "Thank you, Jen."),
                ("transcript_turn", Some("MR. DEESE"), "Hi."),
                ("paragraph", None, "2:05 P.M. EST"),
            ]
        );
    }

    #[test]
    fn a_question_with_one_space_opens_a_block() {
        let segments = split_text(
            "MS. VALE: Good afternoon.\n\nQ Good afternoon.\n\nMS. VALE: Go ahead.\n\nQ Thanks. The harbour bill\nQ Street residents want it.\n\nMS. VALE: They do.",
        );
        let got: Vec<(Option<&str>, &str)> = segments
            .iter()
            .map(|s| (s.turn_label.as_deref(), s.text.as_str()))
            .collect();
        assert_eq!(
            got,
            vec![
                (Some("MS. VALE"), "Good afternoon."),
                (Some("Q"), "Good afternoon."),
                (Some("MS. VALE"), "Go ahead."),
                (
                    Some("Q"),
                    "Thanks. The harbour bill Q Street residents want it."
                ),
                (Some("MS. VALE"), "They do."),
            ]
        );
    }

    #[test]
    fn bios_and_bylines() {
        check(
            "By Ana Ruiz and Bo Chan",
            &[("byline", "By Ana Ruiz and Bo Chan")],
        );
        check(
            "Saeb Erekat, a senior member of the movement, has led every delegation since 1991.",
            &[("bio", "Saeb")],
        );
        check(
            "Yitzhak Molcho has been a trusted envoy of successive prime ministers since 1996.",
            &[("bio", "Yitzhak")],
        );
    }

    #[test]
    fn labels_are_only_turns_in_transcripts() {
        assert_eq!(turn_label("NOTE: this is not a speaker"), None);
        // Memo headers, fact-check markers and credentials are no speakers either.
        for line in [
            "SUBJECT: Budget guidance",
            "FACT: The office estimates a loss.",
            "PROMISE MADE: “We will build it.”",
            "DVM: Jane Roe",
        ] {
            assert_eq!(turn_label(line), None, "{line}");
        }
        assert_eq!(
            turn_label("THE PRESIDENT:  Thank you.").map(|l| l.0),
            Some("THE PRESIDENT".to_owned())
        );
        check(
            "WASHINGTON: The day began.",
            &[("paragraph", "WASHINGTON: The day began.")],
        );
    }
}
