//! Quotations and their cues: find each quoted span in a passage and read, from the words
//! around it, who the text says spoke it. This module reports what the sentence says
//! (a name phrase, a pronoun, a description); `tag` resolves that to a canonical speaker.

use super::names::{
    clean_token, given_name_gender, is_capitalized, is_name_token, is_org_head, is_role_word,
    strip_leading_non_names, NAME_PARTICLES,
};
use crate::model::SplitWords;
use regex::Regex;
use std::sync::LazyLock;

/// Verbs (and verb phrases) that attribute speech.
const CUE_VERBS: &str = "spells out|spelled out|spelt out|opens up|opened up|said|says|say|told|tells|tell|argued|argues|argue|stressed|stresses|suggests|suggested|suggest|wrote|writes|write|added|adds|noted|notes|stated|states|explained|explains|warned|warns|insisted|insists|declared|declares|asked|asks|ask|replied|replies|remarked|remarks|remembers|remembered|penned|pens|whispers|whispered|sighed|laughed|elaborated|went on|goes on|observed|observes|claimed|claims|continued|continues|concluded|concludes|acknowledged|acknowledges|admitted|admits|announced|announces|commented|comments|emphasized|emphasised|emphasizes|emphasises|urged|urges|recalled|recalls|predicted|predicts|cautioned|cautions|countered|counters|responded|responds|answered|answers|tweeted|tweets|posted|maintained|maintains|contended|contends|pointed out|points out|put it|puts it|summed up|sums up|reiterated|reiterates|affirmed|affirms|vowed|vows|pledged|pledges|conceded|concedes|complained|complains|lamented|laments|quipped|quips|joked|jokes|laughs|reveals|revealed|muses|shouted|testified|testifies|wondered|mused|underlined|underscored|underscores|highlighted|proclaimed|proclaims|assured|assures|promised|promises|indicated|indicates|believes|believed|thinks|thought|saying|telling|adding|noting|arguing|warning|stressing|insisting|explaining|declaring|called|calls|described|describes|dismissed|dismisses|branded|brands|labelled|labeled|termed|accused|accuses|reminded|reminds|insisting|recalling|conceding|weighed in|chimed in|agreed|agrees|charged|retorted|snapped|scoffed|barked|interjected|boasted|bragged|exclaimed|confirmed|confirms|estimated|estimates|recounted|recounts|fired back|shot back|hit back|begged|begs|implored|implores|pleaded|pleads|appealed|stating|arguing|alleged|alleges|slammed|blasted|praised|hailed|criticized|criticised|condemned|condemning|denounced|assailed";

static CUE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"(?-u:\b)(?:{CUE_VERBS})(?-u:\b)")).unwrap());
/// A verb that the word "that" follows ("Haley spotlighted that ...", "She offered that
/// ..."): it reports what its subject said, as a speech verb would, whichever verb it is.
static VERB_THAT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?-u:\b)(?P<verb>[a-z]{2,}(?:ed|es|s))\s+that(?-u:\b)").unwrap());
/// Words ending like a verb before "that" that report no one's words: what something
/// means or shows ("this means that", "it appeared that"), and hopes, fears and findings,
/// whose quoted words are a doctrine's or a finding's ("The party hoped that ... their
/// “Blood and Soil” goals").
const NOT_VERBS_BEFORE_THAT: &[&str] = &[
    "has",
    "was",
    "is",
    "does",
    "goes",
    "seems",
    "seemed",
    "means",
    "meant",
    "less",
    "unless",
    "makes",
    "ensures",
    "ensured",
    "shows",
    "showed",
    "assumes",
    "assumed",
    "provided",
    "happens",
    "happened",
    "requires",
    "required",
    "needs",
    "needed",
    "plus",
    "thus",
    "yes",
    "its",
    "his",
    "this",
    "appears",
    "appeared",
    "hoped",
    "hopes",
    "feared",
    "fears",
    "expected",
    "expects",
    "wished",
    "wishes",
    "realized",
    "realised",
    "learned",
    "learnt",
    "discovered",
    "proved",
    "demonstrated",
    "followed",
    "guaranteed",
];
static RIGHT_VERB_FIRST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^[\s,]*(?:{CUE_VERBS})\s+(?P<np>[^,;:!?“”\x22(]+)"
    ))
    .unwrap()
});
/// "in Lipman’s view, the university is known for “...”": whose view a sentence gives.
static IN_ONES_VIEW: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b[Ii]n (?P<np>[A-Z][\w.’'-]*(?: [A-Z][\w.’'-]*){0,3})[’']s? (?:view|opinion|words|telling|account|estimation|assessment)\b")
        .unwrap()
});
static ACCORDING_TO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i:according to|in the words of|as quoted by)\s+(?P<np>[^,;:“”\x22]+?)\s*[,:]?\s*(?:that\s*)?$",
    )
    .unwrap()
});

/// Nouns that head a description of an unnamed or collective source.
const SOURCE_NOUNS: &[&str] = &[
    "official",
    "officials",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "source",
    "sources",
    "diplomat",
    "diplomats",
    "aide",
    "aides",
    "adviser",
    "advisers",
    "advisor",
    "advisors",
    "analyst",
    "analysts",
    "expert",
    "experts",
    "negotiator",
    "negotiators",
    "minister",
    "lawmaker",
    "lawmakers",
    "reporter",
    "reporters",
    "journalist",
    "journalists",
    "board",
    "member",
    "members",
    "ministry",
    "statement",
    "letter",
    "leader",
    "leaders",
    "commander",
    "activist",
    "activists",
    "resident",
    "residents",
    "witness",
    "witnesses",
    "observer",
    "observers",
    "envoy",
    "ambassador",
    "president",
    "secretary",
    "officer",
    "officers",
    "representative",
    "representatives",
    "delegate",
    "delegates",
    "economist",
    "economists",
    "researcher",
    "researchers",
    "critic",
    "critics",
    "supporter",
    "supporters",
    "executive",
    "executives",
    "government",
    "administration",
    "committee",
    "council",
    "report",
    "study",
    "department",
    "agency",
    "office",
    "campaign",
    "people",
    "person",
    "voter",
    "voters",
    "official’s",
    "editorial",
    "editors",
    "writer",
    "engineer",
    "engineers",
    "worker",
    "workers",
    "farmer",
    "farmers",
    "fisherman",
    "fishermen",
    "teacher",
    "teachers",
    "doctor",
    "doctors",
    "nurse",
    "lawyer",
    "lawyers",
    "scientist",
    "scientists",
    "professor",
    "historian",
    "banker",
    "bankers",
    "trader",
    "traders",
    "investor",
    "investors",
    "owner",
    "owners",
    "manager",
    "chairman",
    "chairwoman",
    "employee",
    "employees",
    "student",
    "students",
    "protester",
    "protesters",
    "veteran",
    "soldier",
    "soldiers",
    "insider",
    "insiders",
    "staffer",
    "staffers",
    "consultant",
    "strategist",
    "pollster",
    "organiser",
    "organizer",
    "physician",
    "physicians",
    "authors",
    "prosecutor",
    "prosecutors",
    "investigators",
    "police",
    "coach",
    "judge",
    "family",
    "relatives",
    "associate",
    "associates",
    "colleague",
    "colleagues",
    "confidant",
    "friend",
    "friends",
    "ally",
    "allies",
];

/// Nouns for one person's office or trade that a writer puts in place of a name ("the
/// former mayor said", "the veteran singer added"): `tag` resolves them to the holder or to
/// the person just named, and else to no one.
pub const EPITHET_NOUNS: &[&str] = &[
    "mayor",
    "governor",
    "senator",
    "congressman",
    "congresswoman",
    "chancellor",
    "premier",
    "councillor",
    "councilman",
    "councilwoman",
    "commissioner",
    "director",
    "founder",
    "candidate",
    "nominee",
    "politician",
    "singer",
    "actor",
    "actress",
    "author",
    "novelist",
    "entrepreneur",
    "businessman",
    "businesswoman",
    "billionaire",
    "campaigner",
    "striker",
];

/// Nouns for a body that a writer puts in place of its name ("the zoo said", "explained
/// the court"): `tag` resolves them to the one body of the document with that head noun
/// ("Oakland Zoo"), and else to no one. Not "court" (an article calls one court by its
/// level, its district and its place) nor "inquiry" (which asks more than it says).
pub const BODY_NOUNS: &[&str] = &[
    "zoo",
    "club",
    "company",
    "firm",
    "charity",
    "university",
    "school",
    "college",
    "hospital",
    "museum",
    "union",
    "institute",
    "foundation",
    "trust",
    "airline",
    "bank",
    "league",
    "federation",
    "association",
    "society",
    "authority",
    "commission",
    "tribunal",
    "organisation",
    "organization",
    "group",
    "service",
];

/// "the zoo", "The court": a body named by its head noun alone.
fn body_noun_cue(tokens: &[&str]) -> Option<Cue> {
    let [.., det, noun] = tokens else {
        return None;
    };
    let noun = clean_token(noun);
    (matches!(*det, "the" | "The") && BODY_NOUNS.contains(&noun)).then(|| Cue::Description {
        text: noun.to_owned(),
        anaphoric: true,
    })
}

const PRONOUNS: &[&str] = &["he", "she", "they", "we", "i", "it"];
const DETERMINERS: &[&str] = &[
    "a", "an", "the", "one", "another", "two", "three", "four", "several", "some", "many", "A",
    "An", "The", "One", "Another", "Two", "Three", "Several", "Some", "Many",
];
/// Words between a subject and its cue verb that do not change who speaks.
const ADVERBS: &[&str] = &[
    "also",
    "has",
    "had",
    "have",
    "once",
    "famously",
    "then",
    "later",
    "recently",
    "again",
    "repeatedly",
    "previously",
    "publicly",
    "privately",
    "reportedly",
    "simply",
    "just",
    "further",
    "similarly",
    "bluntly",
    "flatly",
    "often",
    "would",
    "will",
    "was",
    "were",
    "is",
    "subsequently",
    "quickly",
    "and",
    "earlier",
    "separately",
    "first",
    "never",
    "still",
    "already",
    "initially",
    "ultimately",
    "finally",
    "even",
    "now",
];

/// What the words around a quotation say about its speaker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cue {
    /// A name phrase, role included ("Secretary Kerry", "The New York Times editorial board").
    Named(String),
    /// Several named speakers of one quotation ("Daniel Kurtzer and Gilead Sher").
    Several(Vec<String>),
    /// "he said": the nearest suitable earlier person.
    Pronoun,
    /// An unnamed source: "senior US State Department official". `anaphoric` when the text
    /// refers back to one ("the official").
    Description { text: String, anaphoric: bool },
    /// Continues the previous quotation's speaker (a split quotation, "... and ‘...’").
    SameAsPrevious,
}

/// A quotation found in a passage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawQuote {
    /// The quoted words, without the marks.
    pub text: String,
    /// Byte range of the quoted words in the passage.
    pub start: usize,
    pub end: usize,
    pub cue: Option<Cue>,
    /// A quotation nested inside another (‘...’ inside “...”).
    pub nested: bool,
    /// For a pronoun cue, the pronoun ("he", "she", "they", ...), lowercase.
    pub pronoun: Option<String>,
}

fn is_opening_straight(prev: Option<char>) -> bool {
    match prev {
        None => true,
        Some(c) => c.is_whitespace() || "([{—–-:/".contains(c),
    }
}

/// Byte ranges of the double-quoted spans (content only). An opening mark with no closing
/// one runs to the end of the passage, as a quotation that continues in the next paragraph.
pub fn quote_spans(text: &str) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut open: Option<usize> = None;
    let mut prev: Option<char> = None;
    for (idx, ch) in text.char_indices() {
        let next_idx = idx + ch.len_utf8();
        match ch {
            '“' | '„' | '«' if open.is_none() => open = Some(next_idx),
            '”' | '»' => {
                if let Some(start) = open.take() {
                    spans.push((start, idx));
                }
            }
            // Some feeds close with two apostrophes: “...’’.
            '’' if open.is_some() && text[next_idx..].starts_with('’') => {
                if let Some(start) = open.take() {
                    spans.push((start, idx));
                }
            }
            '"' => match open {
                Some(start) if !is_opening_straight(prev) || idx == start => {
                    open = None;
                    spans.push((start, idx));
                }
                Some(_) => {}
                None if is_opening_straight(prev) => open = Some(next_idx),
                None => {}
            },
            _ => {}
        }
        prev = Some(ch);
    }
    if let Some(start) = open {
        if text.len() > start {
            spans.push((start, text.len()));
        }
    }
    spans.retain(|(s, e)| text[*s..*e].trim().len() > 1);
    spans
}

/// Single-quoted spans inside a quotation: ‘...’ opened after a space, closed before a
/// non-letter (so that apostrophes do not count).
fn nested_spans(text: &str, start: usize, end: usize) -> Vec<(usize, usize)> {
    let inner = &text[start..end];
    let mut spans = Vec::new();
    let mut open: Option<usize> = None;
    let chars: Vec<(usize, char)> = inner.char_indices().collect();
    for (pos, &(idx, ch)) in chars.iter().enumerate() {
        let prev = pos.checked_sub(1).map(|p| chars[p].1);
        let next = chars.get(pos + 1).map(|c| c.1);
        match ch {
            '‘' if prev.is_none_or(|c| c.is_whitespace() || "([—–-".contains(c)) => {
                open = Some(idx + ch.len_utf8());
            }
            '’' if next.is_none_or(|c| !c.is_alphanumeric()) => {
                if let Some(s) = open.take() {
                    spans.push((start + s, start + idx));
                }
            }
            // Straight single marks: 'Congratulations,' opens after a space before a letter
            // and closes after a non-space before a non-letter ("players' union" opens
            // nothing, "don't" closes nothing).
            '\'' if open.is_none()
                && prev.is_none_or(|c| c.is_whitespace() || "([—–-".contains(c))
                && next.is_some_and(char::is_alphanumeric) =>
            {
                open = Some(idx + 1);
            }
            '\'' if open.is_some()
                && prev.is_some_and(|c| !c.is_whitespace())
                && next.is_none_or(|c| !c.is_alphanumeric()) =>
            {
                if let Some(s) = open.take() {
                    spans.push((start + s, start + idx));
                }
            }
            _ => {}
        }
    }
    spans
}

/// Abbreviations that end in a full stop without ending a sentence.
const ABBREVIATIONS: &[&str] = &[
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "cmdr",
    "sgt", "cpl", "gov", "sen", "rep", "gen", "col", "lt", "capt", "adm", "maj", "prof", "rev",
    "hon", "insp", "supt", "det", "mt", "st", "ft", "no", "nos", "vol", "inc", "corp", "ltd", "co",
    "bros", "vs", "etc", "approx", "dept", "univ", "assn", "est", "fig",
];

fn is_abbreviation(word: &str) -> bool {
    // "the National Lawyers Guild (NLG). “I don’t”": a parenthesis closed, then the sentence.
    if word.ends_with(").") {
        return false;
    }
    let bare = word.trim_start_matches(|c: char| !c.is_alphanumeric());
    let letters = bare.chars().filter(|c| c.is_alphabetic()).count();
    // "in the US. He said", "at the HMA. “We are glad”": capitals without inner full stops
    // are a name, whose full stop ends the sentence ("U.S." and "J." are abbreviations).
    if super::names::is_capitals(bare) {
        return false;
    }
    // "said Reed, 52. “...”": a number's full stop ends the sentence.
    if letters == 0 && bare.chars().any(|c| c.is_ascii_digit()) {
        return false;
    }
    letters <= 2
        || bare.trim_end_matches('.').contains('.')
        || is_role_word(bare)
        || ABBREVIATIONS.contains(&bare.trim_end_matches('.').to_lowercase().as_str())
}

/// True when the text at `idx` (just after a full stop and a space) starts with a lowercase
/// letter: "on Nov. 12 that" or "Nov. that" does not start a sentence.
fn continues_lowercase(text: &str, idx: usize) -> bool {
    text.get(idx..)
        .and_then(|rest| rest.chars().next())
        .is_some_and(char::is_lowercase)
}

/// Start of the sentence that contains `pos`.
fn sentence_start(text: &str, pos: usize) -> usize {
    let head = &text[..pos];
    let bytes = head.as_bytes();
    let mut idx = head.len();
    while idx > 0 {
        idx -= 1;
        let b = bytes[idx];
        if (b == b'.' || b == b'?' || b == b'!') && idx + 1 < head.len() && bytes[idx + 1] == b' ' {
            let word_start = head[..idx].rfind(' ').map_or(0, |i| i + 1);
            let word = &head[word_start..=idx];
            if b != b'.' || !(is_abbreviation(word) || continues_lowercase(head, idx + 2)) {
                return idx + 2;
            }
        }
        // "... before winter.” Tomas Reed walked": a quotation that closes its sentence ends
        // the narrator's sentence too, when a capital follows.
        if b == b'.' || b == b'?' || b == b'!' {
            let mark = ["” ", "\" "]
                .into_iter()
                .find(|mark| head[idx + 1..].starts_with(mark));
            if let Some(mark) = mark {
                let next = idx + 1 + mark.len();
                if head[next..].chars().next().is_some_and(char::is_uppercase) {
                    return next;
                }
            }
        }
    }
    0
}

/// End of the sentence that starts at or after `pos`.
fn sentence_end(text: &str, pos: usize) -> usize {
    let tail = &text[pos..];
    let bytes = tail.as_bytes();
    for idx in 0..bytes.len() {
        let b = bytes[idx];
        if (b == b'.' || b == b'?' || b == b'!')
            && (idx + 1 == bytes.len() || bytes[idx + 1] == b' ')
        {
            let word_start = tail[..idx].rfind(' ').map_or(0, |i| i + 1);
            let word = &tail[word_start..=idx];
            if b != b'.'
                || word_start == idx
                || !(is_abbreviation(word) || continues_lowercase(tail, idx + 2))
            {
                return pos + idx + 1;
            }
        }
    }
    text.len()
}

/// Reads the subject of a cue verb from the words before it (`before` ends just before the
/// verb).
fn subject_before(before: &str) -> Option<Cue> {
    let mut tokens: Vec<&str> = before.words().collect();
    loop {
        while tokens.last().is_some_and(|t| {
            ADVERBS.contains(t)
                || (t.ends_with("ly") && t.len() > 4 && t.chars().all(char::is_lowercase))
        }) {
            tokens.pop();
        }
        let n = tokens.len();
        // "the Harbour Employers’ Association (HEA) said": a one-word parenthesis after the
        // subject only abbreviates it.
        if n >= 2
            && tokens[n - 1].starts_with('(')
            && tokens[n - 1].ends_with(')')
            && !tokens.iter().any(|t| t.ends_with(','))
        {
            tokens.pop();
            continue;
        }
        // "Tobin, 58, said": an age between subject and verb.
        if n >= 2
            && tokens[n - 1].ends_with(',')
            && tokens[n - 2].ends_with(',')
            && tokens[n - 1]
                .trim_end_matches(',')
                .chars()
                .all(|c| c.is_ascii_digit())
        {
            tokens.pop();
            tokens[n - 2] = tokens[n - 2].trim_end_matches(',');
            continue;
        }
        // "Harbour investigators on Tuesday announced": a time between subject and verb.
        if n >= 3
            && matches!(tokens[n - 2], "on" | "last" | "this" | "late" | "early")
            && (super::date::WEEKDAYS.contains(&tokens[n - 1])
                || matches!(
                    tokens[n - 1],
                    "week" | "month" | "year" | "morning" | "afternoon" | "evening" | "night"
                ))
        {
            tokens.truncate(n - 2);
            continue;
        }
        break;
    }
    // "Paganini and his team wrote": the named person leads the group.
    if tokens.len() >= 4 {
        let n = tokens.len();
        if tokens[n - 3] == "and"
            && matches!(tokens[n - 2], "his" | "her" | "their")
            && !tokens[n - 4].ends_with(',')
        {
            tokens.truncate(n - 3);
        }
    }
    let last = *tokens.last()?;
    let last_clean = clean_token(last);
    if last.ends_with(',') || last.ends_with(')') {
        // An appositive between subject and verb: "Gregor Halm, leader of the party, said",
        // "Omar Lamrani, an analyst at Stratfor, the Texas firm, told".
        if let Some(cue) = appositive_subject(&tokens) {
            return Some(cue);
        }
        let comma = tokens[..tokens.len() - 1]
            .iter()
            .rposition(|t| t.ends_with(','))?;
        if tokens.len() - comma > 14 || comma == 0 {
            return None;
        }
        let mut head: Vec<&str> = tokens[..=comma].to_vec();
        head[comma] = head[comma].trim_end_matches(',');
        return subject_before(&head.join(" "));
    }
    if PRONOUNS.contains(&last_clean.to_lowercase().as_str()) {
        return Some(Cue::Pronoun);
    }
    if last_clean == "who" {
        // "Yitzhak Rabin, who famously said": the speaker is the noun before the comma.
        tokens.pop();
        let antecedent = tokens.last()?;
        if !antecedent.ends_with(',') {
            return None;
        }
        let mut trimmed: Vec<&str> = tokens.clone();
        let last_idx = trimmed.len() - 1;
        trimmed[last_idx] = antecedent.trim_end_matches(',');
        return subject_before(&trimmed.join(" "));
    }
    let head = last_clean.to_lowercase();
    // "the commission issued a statement warning that": the statement's author speaks.
    if matches!(head.as_str(), "statement" | "letter" | "report" | "release") && tokens.len() >= 3 {
        let verb = tokens[tokens.len() - 3];
        if matches!(
            verb,
            "issued" | "released" | "published" | "sent" | "posted" | "wrote" | "signed"
        ) {
            return subject_before(&tokens[..tokens.len() - 3].join(" "));
        }
    }
    if (is_source_noun(&head) && !is_capitalized(last_clean)) || is_party_member(last_clean) {
        return description_before(&tokens);
    }
    if let Some(cue) = body_noun_cue(&tokens) {
        return Some(cue);
    }
    if is_capitalized(last_clean) {
        if let Some(cue) = source_of_body(&tokens) {
            return Some(cue);
        }
        // "one harbour engineer we interviewed in Dunwick told": a name after a preposition
        // is not the subject; a source noun before it may be.
        let mut start = tokens.len();
        while start > 0
            && is_capitalized(clean_token(tokens[start - 1]))
            && (start == tokens.len() || !tokens[start - 1].ends_with([',', ';', ':']))
        {
            start -= 1;
        }
        let place_preposition = |word: &str| {
            matches!(
                word,
                "in" | "at" | "on" | "from" | "to" | "into" | "near" | "across" | "during"
            )
        };
        // "Writing in The Harbour Post Ruth said": a given name run onto an outlet's title is
        // the subject.
        if start > 0
            && place_preposition(tokens[start - 1])
            && tokens.len() - start >= 3
            && tokens[start] == "The"
            && super::names::given_name_gender(last_clean).is_some()
        {
            return Some(Cue::Named(last_clean.to_owned()));
        }
        if start > 0 && place_preposition(tokens[start - 1]) {
            let window = &tokens[start.saturating_sub(10)..start];
            let has_source = window.iter().any(|t| is_source_noun(clean_token(t)))
                || window.windows(2).any(|pair| {
                    matches!(pair[0], "a" | "an" | "one" | "A" | "An" | "One")
                        && pair[1].chars().next().is_some_and(char::is_lowercase)
                });
            return if has_source {
                description_before(&tokens)
            } else {
                None
            };
        }
        // "Ruth Pell from the charity Harbour Watch told": the person, not
        // the body a description names after her.
        let mut k = start;
        while k > start.saturating_sub(3)
            && k > 0
            && tokens[k - 1].chars().all(char::is_lowercase)
            && !matches!(tokens[k - 1], "from" | "of" | "at")
        {
            k -= 1;
        }
        if k < start && k >= 3 && matches!(tokens[k - 1], "from" | "of" | "at") {
            let mut first = k - 1;
            while first > 0
                && is_capitalized(clean_token(tokens[first - 1]))
                && !tokens[first - 1].ends_with([',', ';', ':', '.'])
            {
                first -= 1;
            }
            let person: Vec<&str> = tokens[first..k - 1]
                .iter()
                .map(|t| clean_token(t))
                .collect();
            if person.len() >= 2 {
                return named_or_several(&strip_leading_non_names(&person.join(" ")));
            }
        }
        return named_run_before(&tokens);
    }
    // "Kurinji Selvaraj, a research analyst at the Council on Energy, Environment and Water
    // think tank told": an appositive the writer did not close with a comma.
    appositive_subject(&tokens)
}

/// The name that opens a clause and is followed by appositives: "NAME, a/the/X's ...,
/// ... VERB". Segments after the name must read as descriptions (a determiner, a possessive
/// or a lowercase word first), and the name must look like a person or body.
fn appositive_subject(tokens: &[&str]) -> Option<Cue> {
    if tokens.len() > 40 {
        return None;
    }
    let joined = tokens.join(" ");
    let segments: Vec<&str> = joined
        .split(", ")
        .map(|s| s.trim().trim_end_matches(','))
        .filter(|s| !s.is_empty())
        .collect();
    if segments.len() < 2 {
        return None;
    }
    let describes = |segment: &str| {
        let first = segment.words().next().unwrap_or("");
        DETERMINERS.contains(&first)
            || first.ends_with("’s")
            || first.ends_with("'s")
            || first.chars().next().is_some_and(char::is_lowercase)
    };
    // "Dylan Nelson, a fellow at the institute in Munich, Germany, and co-author, said": the
    // name that opens the clause, when a description follows it at once.
    let opening_lead = segments[0].words().next().unwrap_or("").to_lowercase();
    let opening = if PREPOSITIONS.contains(&opening_lead.as_str()) {
        String::new()
    } else {
        strip_leading_non_names(segments[0])
    };
    let opening_first = opening.words().next().unwrap_or("");
    // A description names what someone is: "a fellow at ...", "Disney’s chairman",
    // "foreign affairs spokesperson for ..." (not "close reading").
    let is_description = |segment: &str| {
        let first = segment.words().next().unwrap_or("");
        DETERMINERS.contains(&first)
            || first.ends_with("’s")
            || first.ends_with("'s")
            || segment.words().any(|w| {
                let w = clean_token(w);
                is_source_noun(w) || is_role_word(w) || ROLE_NOUNS.contains(&w)
            })
    };
    if describes(segments[1])
        && is_description(segments[1])
        && !describes(segments[0])
        && opening.words().count() <= 6
        && opening.words().all(|w| {
            is_capitalized(w) || matches!(w, "van" | "der" | "de" | "la" | "von" | "al" | "bin")
        })
        && (super::names::can_start_name(opening_first) || is_role_word(opening_first))
    {
        return named_or_several(&opening);
    }
    // "The Mandan, North Dakota, police chief, Jason Ziegler, has asserted": a role set off
    // by commas, then the name that holds it, last before the verb.
    if let [.., role, name] = segments.as_slice() {
        let role_last = clean_token(role.words().next_back().unwrap_or(""));
        let name_words: Vec<&str> = name.words().collect();
        if (ROLE_NOUNS.contains(&role_last)
            || EPITHET_NOUNS.contains(&role_last)
            || role_last == "chief")
            && (2..=4).contains(&name_words.len())
            && name_words.iter().all(|w| is_capitalized(w))
            && super::names::given_name_gender(name_words[0]).is_some()
        {
            return named_or_several(name);
        }
    }
    // Walk back over the descriptions to the name before them.
    for idx in (0..segments.len()).rev() {
        let segment = segments[idx];
        // "At the White House, Trump said ...": an adverbial is nobody.
        let lead = segment.words().next().unwrap_or("").to_lowercase();
        if PREPOSITIONS.contains(&lead.as_str()) {
            continue;
        }
        let words: Vec<&str> = segment.words().collect();
        let first = words.first().copied().unwrap_or("");
        let describes = DETERMINERS.contains(&first)
            || first.ends_with("’s")
            || first.ends_with("'s")
            || first.starts_with('(')
            || first.chars().next().is_some_and(char::is_lowercase)
            || words.iter().any(|w| {
                // "Tomasz van der Berg": particles are part of a name.
                w.chars().next().is_some_and(char::is_lowercase)
                    && !matches!(*w, "of" | "and" | "the")
                    && !super::names::NAME_PARTICLES.contains(w)
            });
        if describes {
            if idx == 0 {
                return None;
            }
            continue;
        }
        if idx + 1 == segments.len() {
            // "Its chief executive, Kaspar Idowu, wrote": the name closes the appositive.
            let after_description = idx > 0 && {
                // The segment before ends in a description: "... the chief negotiator", or
                // in a capitalised role: "Harbour Trust Chief Executive, Ann Vale, said".
                let previous: Vec<&str> = segments[idx - 1].words().collect();
                let tail = &previous[previous.len().saturating_sub(5)..];
                let role_title = tail.last().is_some_and(|w| {
                    is_capitalized(w) && is_role_word(w) && !super::names::is_capitals(w)
                });
                role_title
                    || tail
                        .last()
                        .is_some_and(|w| w.chars().next().is_some_and(char::is_lowercase))
                        && tail.iter().any(|w| {
                            DETERMINERS.contains(w)
                                || w.ends_with("’s")
                                || w.ends_with("'s")
                                || matches!(
                                    *w,
                                    "Its"
                                        | "His"
                                        | "Her"
                                        | "Their"
                                        | "Our"
                                        | "its"
                                        | "his"
                                        | "her"
                                        | "their"
                                        | "our"
                                )
                        })
            };
            if !after_description || !tokens.last().is_some_and(|t| t.ends_with(',')) {
                return None;
            }
        }
        // "Inference, close reading, and faith ...": a list, not a name and its appositives.
        if segments[idx + 1..]
            .iter()
            .any(|seg| seg.starts_with("and ") || seg.starts_with("or "))
        {
            return None;
        }
        let phrase = strip_leading_non_names(segment);
        if phrase.words().count() > 6 {
            return None;
        }
        let first = phrase.words().next().unwrap_or("");
        if !super::names::can_start_name(first) && !is_role_word(first) {
            return None;
        }
        return named_or_several(&phrase);
    }
    None
}

/// A capitalised run ending at the last token: "As Secretary Kerry" -> "Secretary Kerry".
fn named_run_before(tokens: &[&str]) -> Option<Cue> {
    let mut run: Vec<&str> = Vec::new();
    for (pos, raw) in tokens.iter().enumerate().rev() {
        let token = clean_token(raw);
        let ends_clause = raw.ends_with([',', ';', ':', '(', ')'])
            || (raw.ends_with('.') && !is_abbreviation(raw));
        if pos + 1 < tokens.len() && ends_clause {
            break;
        }
        // "Stephen’s MBA plans were": a possessor is no part of what it possesses.
        if !run.is_empty() && (raw.ends_with("’s") || raw.ends_with("'s")) {
            break;
        }
        let connector = matches!(
            token,
            "of" | "and" | "the" | "al" | "bin" | "de" | "van" | "von" | "der" | "&"
        );
        if is_capitalized(token) || (connector && !run.is_empty()) {
            run.push(token);
        } else {
            break;
        }
        if raw.contains('“') || raw.contains('"') {
            break;
        }
    }
    run.reverse();
    while run.first().is_some_and(|t| !is_capitalized(t)) {
        run.remove(0);
    }
    let phrase = strip_leading_non_names(&run.join(" "));
    named_or_several(&phrase)
}

fn named_or_several(phrase: &str) -> Option<Cue> {
    let phrase = phrase.trim();
    if phrase.is_empty() {
        return None;
    }
    // "You’ll", "We’re": a contraction, not a name.
    let first = phrase.words().next().unwrap_or("");
    if [
        "’ll", "'ll", "’re", "'re", "’ve", "'ve", "’d", "'d", "’m", "'m",
    ]
    .iter()
    .any(|suffix| first.ends_with(suffix))
    {
        return None;
    }
    // "Blaming U.S. companies ... is": a verb opening the sentence, not a given name.
    let phrase = match phrase.split_once(' ') {
        Some((first, rest)) if super::names::is_opening_gerund(first) => rest.trim(),
        _ => phrase,
    };
    // "One, who asked not to be named, said": a number with no noun names no one; "Earlier
    // Saturday, Yoon apologized": nor does a day.
    if !phrase.contains(' ') && (DETERMINERS.contains(&phrase) || super::date::is_weekday(phrase)) {
        return None;
    }
    let parts: Vec<&str> = phrase.split(" and ").map(str::trim).collect();
    if parts.len() > 1 && parts.iter().all(|p| p.words().count() >= 2) {
        return Some(Cue::Several(parts.iter().map(|p| p.to_string()).collect()));
    }
    let lower_tail = phrase.rsplit(' ').next().unwrap_or("");
    if is_source_noun(lower_tail) && !is_named_body(phrase) {
        return Some(Cue::Description {
            text: strip_determiner(phrase),
            anaphoric: false,
        });
    }
    Some(Cue::Named(phrase.trim_start_matches("The ").to_owned()))
}

/// The speaker a roundup's label names: the words before a colon, when they are nothing but
/// a name with its role, outlet or affiliation ("Sen. Eric Schmitt (R-MO)", "CNN’s Scott
/// Jennings", "Kevin Hassett, Director of the National Economic Council", "Speaker Mike
/// Johnson on X", "The Wall Street Journal Editorial Board"). A wrong speaker is worse than
/// none, so the label must show it names someone: a role or title, a known given name, a
/// body's head noun, or an outlet's possessive. "Breaking News" and "Update" name no one.
pub fn label_speaker(label: &str) -> Option<String> {
    let label = label_text(label);
    // "(R-MO)", "(D)", "(Harbourtown, Calveria)": a party and state, or a place, after the
    // name; the appositive after it may go on ("(R-MO) on a news site").
    let label = without_parentheses(label);
    let mut parts = label.split(',').map(str::trim);
    // "Kevin Hassett, Director of ...": the name before an appositive, whose role shows that
    // the name is a person's ("Ida Marsh, President & CEO, Harbour Council").
    let head = parts.next().unwrap_or("");
    let rest: Vec<&str> = parts.collect();
    let appositive_role = rest.first().is_some_and(|part| names_role(part));
    label_head(head, appositive_role, false).or_else(|| {
        // "Chair, Harbour Budget Committee, Saltmere Senator Ida Marsh": roles first, and
        // the person they belong to last, with a title of their own.
        let (last, between) = rest.split_last()?;
        (names_role(head) && between.len() <= 3)
            .then(|| label_head(last, false, true))
            .flatten()
    })
}

/// The label that opens a paragraph before its first quotation ("Ida Marsh, Harbour
/// Council: “...”"), or None.
pub fn opening_label(text: &str) -> Option<&str> {
    // Every paragraph of every document is asked: read no further than a label can reach
    // (a mark starting at byte 240 still fits in the window).
    const REACH: usize = 240;
    let mut window = text.len().min(REACH + '“'.len_utf8());
    while !text.is_char_boundary(window) {
        window -= 1;
    }
    let at = text[..window].find(['“', '"'])?;
    let label = text[..at].trim_end();
    (at <= REACH && label.trim_end_matches(['*', '_']).trim_end().ends_with(':')).then_some(label)
}

/// Words that head a label without naming anyone ("BREAKING:", "Watch:", "Tweet:").
const NO_ONE_LABEL_WORDS: &[&str] = &[
    "breaking",
    "news",
    "update",
    "updated",
    "new",
    "watch",
    "read",
    "listen",
    "today",
    "tonight",
    "fact",
    "facts",
    "note",
    "huge",
    "just",
    "alert",
    "live",
    "video",
    "photo",
    "photos",
    "q",
    "a",
    "tweet",
    "post",
    "statement",
    "background",
    "quote",
    "headline",
    "source",
    "summary",
    "subject",
    "re",
    "editor",
    "editors",
    "more",
    "here",
    "big",
    "icymi",
    "recap",
    "transcript",
    "excerpt",
    "excerpts",
    "promise",
    "made",
    "kept",
    "claim",
    "truth",
    "myth",
    "reality",
    "question",
    "answer",
    "bottom",
    "line",
    "key",
    "takeaway",
    "takeaways",
];

/// A body's name as a roundup gives it before its words ("Harbour Works:", "HFP:",
/// "Start Early:"): capitalised words with no role, date or sentence in them. Only a
/// document whose labels name speakers elsewhere reads one so (the caller checks that),
/// since on its own it could as well be a heading.
pub fn body_label(label: &str) -> Option<String> {
    let label = label_text(label).trim_start_matches(['*', '_']).trim();
    let tokens: Vec<&str> = label.words().collect();
    let joins = |t: &str| matches!(t, "of" | "for" | "the" | "and" | "&" | "on" | "in" | "is");
    let fits = (1..=6).contains(&tokens.len())
        && !joins(tokens[0])
        && !joins(tokens[tokens.len() - 1])
        && tokens.iter().all(|t| {
            (joins(t) || t.starts_with(|c: char| c.is_uppercase()))
                && t.chars()
                    .all(|c| c.is_alphanumeric() || matches!(c, '-' | '’' | '\'' | '&' | '.'))
                && !t.chars().all(|c| c.is_ascii_digit())
                && !is_role_word(t)
                && !NO_ONE_LABEL_WORDS.contains(&t.to_lowercase().as_str())
                && !crate::tag::date::is_month_name(t)
        });
    fits.then(|| label.to_owned())
}

/// Whether a label's part is a role: a capitalised phrase with a role or an executive's
/// title in it ("President & CEO", "Executive Director of Harbour Works", "Minority Whip").
fn names_role(part: &str) -> bool {
    let words = || part.words().map(|w| w.trim_matches(['*', '_']));
    words().next().is_some_and(is_capitalized)
        && words().count() <= 12
        && words().any(|w| {
            (is_role_word(w) && w.chars().any(char::is_lowercase)) || EXECUTIVE_TITLES.contains(&w)
        })
}

/// The speaker one part of a label names (see [`label_speaker`]). `appositive_role`: a role
/// follows it after a comma. `person_only`: a body's name does not count.
fn label_head(head: &str, appositive_role: bool, person_only: bool) -> Option<String> {
    let mut tokens: Vec<&str> = head
        .words()
        .map(|t| t.trim_matches(['*', '_']))
        .filter(|t| !t.is_empty())
        .collect();
    // "Chair Ida Marsh R-KY": a party and state left without their parentheses.
    if tokens.len() > 2 && tokens.last().is_some_and(|t| is_party_state(t)) {
        tokens.pop();
    }
    // "Harbour Council Vice President for Port Policy Ida Marsh": long, but all a label.
    if tokens.len() > 14 {
        return None;
    }
    // "Statement of Ida Marsh", "Remarks by ...": whose words, not the words' name.
    if tokens.len() > 2
        && matches!(tokens[0], "Statement" | "Remarks" | "Comments" | "Quote")
        && matches!(tokens[1], "of" | "from" | "by")
    {
        tokens.drain(..2);
    }
    // "Ida Marsh of Saltmere", "Ida Marsh of the Harbour Council": a full name and where
    // the person is from ("Chair of the ...", "Bank of ..." and "Joint Chiefs of Staff
    // Chairman ..." go on).
    if let Some(at) = tokens.iter().position(|t| *t == "of") {
        let name = &tokens[..at];
        if (2..=3).contains(&name.len())
            && name.iter().all(|t| is_name_token(t) && !is_role_word(t))
            && !is_org_head(name[name.len() - 1])
            && !tokens[at + 1..].iter().any(|t| is_role_word(t))
        {
            tokens.truncate(at);
        }
    }
    // "CNN’s Scott Jennings", "Fox News’ Sean Hannity": the outlet is not the speaker; in
    // "Children’s Harbour Fund" the possession is the body's own name.
    let mut outlet = false;
    if let Some(at) = tokens
        .iter()
        .position(|t| t.ends_with("’s") || t.ends_with("'s") || t.ends_with('’'))
    {
        if at + 1 < tokens.len() && !tokens[at + 1..].iter().any(|t| is_org_head(t)) {
            tokens.drain(..=at);
            outlet = true;
        }
    }
    // "Speaker Mike Johnson on X", "Sen. Ted Cruz in a statement": where, not who, once a
    // name has been given ("Ambassador to Russia Michael McFaul" goes on to the name).
    // "Secretary Marsh on Harbour Morning": a title and a surname name someone too.
    let named_before = |at: usize| {
        tokens[..at]
            .iter()
            .filter(|t| is_name_token(t) && !is_role_word(t))
            .count()
            >= 2
            || (at >= 2
                && personal_title(tokens[at - 2])
                && is_name_token(tokens[at - 1])
                && !is_role_word(tokens[at - 1]))
    };
    // "Harbour Committee on Fisheries Chair ..." is the committee's name going on.
    if let Some(at) = (0..tokens.len()).find(|&at| {
        matches!(tokens[at], "on" | "in" | "to" | "with" | "via" | "at")
            && named_before(at)
            && !is_org_head(tokens[at - 1])
    }) {
        tokens.truncate(at);
    }
    if tokens.first() == Some(&"The") {
        tokens.remove(0);
    }
    let joins = |t: &str| {
        NAME_PARTICLES.contains(&t)
            || matches!(t, "of" | "the" | "and" | "for" | "to" | "on" | "a" | "&")
    };
    // "Tidewater Wire harbour correspondent Nell Ashby": a lowercase description, ending in
    // a role noun, between an outlet or body and the full name it describes.
    // The length of that lowercase description, when there is one.
    let described_run = (tokens.len() >= 4
        && tokens[tokens.len() - 2..]
            .iter()
            .all(|t| is_name_token(t) && !is_role_word(t)))
    .then(|| {
        let before_name = &tokens[..tokens.len() - 2];
        let lowercase = before_name
            .iter()
            .rev()
            .take_while(|t| t.chars().next().is_some_and(char::is_lowercase))
            .count();
        let first_lower = before_name.len() - lowercase;
        ((1..=3).contains(&lowercase)
            && first_lower > 0
            && LABEL_ROLE_NOUNS.contains(&before_name[before_name.len() - 1])
            && before_name[first_lower..]
                .iter()
                .all(|t| t.chars().all(|c| c.is_lowercase() || c == '-')))
        .then_some(lowercase)
    })
    .flatten();
    let described = described_run.is_some();
    // The label without that description: what must be capitalised.
    let (name_at, cut) = (tokens.len().saturating_sub(2), described_run.unwrap_or(0));
    let mut capitalised_part = tokens[..name_at - cut].iter().chain(&tokens[name_at..]);
    let abbreviation = |t: &str| {
        t.trim_end_matches('.')
            .chars()
            .filter(|c| c.is_alphabetic())
            .count()
            <= 4
    };
    let fits = tokens.len() >= 2
        && capitalised_part.all(|t| {
            (is_capitalized(t) || joins(t))
                && !t.ends_with([',', ';', '!', '?', '”', '"'])
                && (!t.ends_with('.') || abbreviation(t))
        })
        && !joins(tokens[0])
        && !joins(tokens[tokens.len() - 1]);
    if !fits {
        return None;
    }
    let name_word = |t: &&str| is_name_token(t) && !is_role_word(t);
    // "Republican Study Committee", "National Association of Manufacturers".
    let body = tokens.iter().any(|t| is_org_head(t));
    // A person's label ends with a full name ("Texas State Trooper" names no one), and shows
    // it is one: a title ("Sen.", "Secretary"; not capitals, as in "ABC News"), a known
    // given name, or the outlet they spoke to.
    let full_name = tokens.len() >= 2 && tokens[tokens.len() - 2..].iter().all(name_word);
    // An executive's title in capitals is a person's ("Harbour Line SVP Ida Marsh").
    let titled = tokens.iter().any(|t| {
        (is_role_word(t) && t.chars().any(char::is_lowercase)) || EXECUTIVE_TITLES.contains(t)
    });
    // The first name word, or the given name of the full name that ends the label ("Harbour
    // Line CEO Ida Marsh").
    let given = tokens
        .iter()
        .copied()
        .find(name_word)
        .is_some_and(|t| given_name_gender(t).is_some())
        || (full_name && given_name_gender(tokens[tokens.len() - 2]).is_some());
    // "President Trump", "Sen. Schmitt": a personal title before a surname, which the
    // document's full name for it resolves.
    let title_surname = tokens.len() >= 2
        && name_word(&tokens[tokens.len() - 1])
        && personal_title(tokens[tokens.len() - 2]);
    if !((body && !person_only)
        || title_surname
        || (full_name && (outlet || titled || given || described || appositive_role)))
    {
        return None;
    }
    let phrase = tokens.join(" ");
    Some(match phrase.strip_suffix(" Editorial Board") {
        Some(outlet) => format!("{outlet} editorial board"),
        None => phrase,
    })
}

/// Role nouns that end a lowercase description of a person in a label ("harbour
/// correspondent", "business owner").
const LABEL_ROLE_NOUNS: &[&str] = &[
    "correspondent",
    "reporter",
    "anchor",
    "host",
    "co-host",
    "columnist",
    "commentator",
    "contributor",
    "editor",
    "analyst",
    "economist",
    "strategist",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "owner",
    "founder",
    "co-founder",
    "president",
    "chairman",
    "chairwoman",
    "director",
    "executive",
    "officer",
    "manager",
    "professor",
    "fellow",
    "researcher",
];

/// Executives' titles written in capitals, which name a person as a lowercase title does.
const EXECUTIVE_TITLES: &[&str] = &["CEO", "CFO", "COO", "CTO", "SVP", "EVP", "VP"];

/// "R-KY", "D-Calif.", "I-VT": a party's initial and a state, as labels give them.
fn is_party_state(token: &str) -> bool {
    let token = token.trim_end_matches([',', '.']);
    let mut parts = token.splitn(2, '-');
    let (Some(party), Some(state)) = (parts.next(), parts.next()) else {
        return false;
    };
    matches!(party, "R" | "D" | "I")
        && (2..=6).contains(&state.len())
        && state.starts_with(|c: char| c.is_ascii_uppercase())
        && state.chars().all(|c| c.is_ascii_alphabetic() || c == '.')
}

/// The label without its parenthesised asides: "Rep. Ida Marsh (R-KY) on a site" -> "Rep.
/// Ida Marsh on a site". Borrowed as it is when it has none.
fn without_parentheses(label: &str) -> std::borrow::Cow<'_, str> {
    if !label.contains('(') {
        return std::borrow::Cow::Borrowed(label);
    }
    let mut out = String::with_capacity(label.len());
    let mut depth = 0usize;
    for c in label.chars() {
        match c {
            '(' => depth += 1,
            ')' if depth > 0 => depth -= 1,
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    std::borrow::Cow::Owned(out.words().collect::<Vec<_>>().join(" "))
}

/// Outlets known by one word or an acronym alone ("Axios:", "NPR:"), which the outlet
/// words of a longer name ("Times", "News") do not catch.
const OUTLET_NAMES: &[&str] = &[
    "AP",
    "BBC",
    "CBS",
    "CNBC",
    "CNN",
    "MSNBC",
    "NBC",
    "NPR",
    "PBS",
    "WSJ",
    "Newsweek",
    "Forbes",
    "Newsmax",
    "Semafor",
    "Breitbart",
    "Fortune",
    "Reuters",
    "Bloomberg",
    "Politico",
    "Axios",
];

/// The outlet a roundup's label names ("Harbour Daily:", "The Saltmere Gazette (Saltmere,
/// Calveria):", "Axios:", "WKRX-TV:", "HarbourNews.com:"), or None. "FACT:", "HOAX:" and
/// "PROMISE MADE:" name no outlet: the label must hold an outlet's word, be a known
/// outlet, a station's call sign or a site's address.
pub fn outlet_label(label: &str) -> Option<String> {
    let label = without_parentheses(label_text(label));
    // "Harbour Daily, 3/4/25": the date after a comma is no part of the name.
    let label = label.split(',').next().unwrap_or("");
    let label = label.trim_matches(['*', '_', ' ']);
    let label = label.strip_prefix("The ").unwrap_or(label);
    let words: Vec<&str> = label.words().collect();
    if words.is_empty() || words.len() > 6 {
        return None;
    }
    let capitalised = words.iter().all(|w| {
        is_capitalized(w)
            || w.starts_with(|c: char| c.is_ascii_digit())
            || matches!(*w, "of" | "the" | "and" | "&")
    });
    if !capitalised || !is_capitalized(words[0]) {
        return None;
    }
    // "Press Secretary Ida Marsh" is a person's label, whatever its words.
    if words.iter().any(|w| personal_title(w)) {
        return None;
    }
    let outlet_word = |w: &str| {
        let w = w.trim_end_matches(['.', ',']);
        super::OUTLET_WORDS
            .iter()
            .any(|o| o.eq_ignore_ascii_case(w))
            || w.split('-').any(|part| super::OUTLET_WORDS.contains(&part))
            || OUTLET_NAMES.contains(&w)
    };
    // "HarbourDaily": a word run into an outlet's word.
    let run_into = |w: &str| {
        super::OUTLET_WORDS.iter().any(|o| {
            w.len() > o.len()
                && w.ends_with(o)
                && w[..w.len() - o.len()].ends_with(|c: char| c.is_lowercase())
        })
    };
    let call_sign = |w: &str| {
        let sign = w.strip_suffix("-TV").unwrap_or(w);
        sign.starts_with(['W', 'K'])
            && (3..=4).contains(&sign.len())
            && sign.chars().all(|c| c.is_ascii_uppercase())
            && w.ends_with("TV")
    };
    let site = |w: &str| {
        w.rsplit_once('.').is_some_and(|(name, tld)| {
            matches!(tld, "com" | "org" | "net" | "news")
                && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
                && name.starts_with(|c: char| c.is_ascii_uppercase())
        })
    };
    // One word is an outlet only when it is a known one ("Today:" is no outlet).
    let named = match words[..] {
        [one] => OUTLET_NAMES.contains(&one) || call_sign(one) || site(one) || run_into(one),
        _ => words.iter().any(|w| outlet_word(w)),
    };
    named.then(|| words.join(" "))
}

/// A roundup's line of a source and a headline ("Harbour Daily: Port reopens after the
/// storm", "Sen. Ida Marsh (R-KY) on HarbourNews.com: Why I voted for the bill"): the
/// speaker of the excerpt quoted under it, and whether that is an outlet. The label must
/// name someone (`label_speaker`) or an outlet (`outlet_label`); "FACT: ..." does not.
pub fn headline_label(text: &str) -> Option<(String, bool)> {
    let text = text.trim();
    let (label, headline) = text.split_once(':')?;
    let headline = headline.trim().trim_start_matches(['*', '_']).trim_start();
    if label.contains(['“', '”', '"', '‘'])
        || label.words().count() > 12
        || headline.is_empty()
        || headline.starts_with(['“', '"'])
        || headline.ends_with(':')
        || headline.words().count() > 30
    {
        return None;
    }
    // "From the Harbour Board: ..." introduces the board.
    let label = label.trim().trim_start_matches(['*', '_']);
    let label = label.strip_prefix("From ").unwrap_or(label);
    // An outlet's name first: "National Harbour Journal" is no person with a role.
    match outlet_label(label) {
        Some(outlet) => Some((outlet, true)),
        None => label_speaker(label).map(|name| (name, false)),
    }
}

/// Whether the words after a paragraph's last quotation are no narrator's: nothing, or a
/// link's label in parentheses ("(Watch)", "(Read more)").
pub fn nothing_but_link_label(tail: &str) -> bool {
    let tail = tail.trim_matches(|c: char| {
        c.is_whitespace() || matches!(c, '.' | ',' | '*' | '_' | '”' | '"' | '’' | '\'')
    });
    if !tail.chars().any(char::is_alphanumeric) {
        return true;
    }
    tail.strip_prefix('(')
        .and_then(|t| t.strip_suffix(')'))
        .is_some_and(|inner| {
            !inner.contains(['(', ')'])
                && (1..=3).contains(&inner.words().count())
                && inner.starts_with(|c: char| c.is_uppercase())
        })
}

/// A topic label before a quotation in a list of one speaker's quotations ("On the harbour
/// dues:", "On trade:").
pub fn topic_label(label: &str) -> bool {
    let label = label.trim().trim_end_matches(['*', '_']);
    label.ends_with(':')
        && label.starts_with("On ")
        && label.words().count() <= 15
        && !label.contains(['“', '”', '"'])
}

/// Possessions that name whose words a list goes on to quote ("Key moments from Ida Marsh’s
/// remarks:").
const WORDS_NOUNS: &[&str] = &[
    "remarks",
    "speech",
    "address",
    "comments",
    "interview",
    "testimony",
    "statement",
    "words",
];

/// The speaker a line of its own names before a list of their quotations: a label
/// ("Secretary Ida Marsh on Harbour Morning", "Ida Marsh:") or an introduction naming whose
/// remarks follow ("Here are key moments from Ida Marsh’s remarks:").
pub fn list_speaker(line: &str) -> Option<String> {
    let line = line.trim().trim_matches(['*', '_']).trim();
    if line.words().count() > 14 || line.contains(['“', '”', '"']) {
        return None;
    }
    let bare = line.trim_end_matches(':');
    if !bare.contains(':') {
        if let Some(name) = label_speaker(bare) {
            return Some(name);
        }
    }
    if !line.ends_with(':') {
        return None;
    }
    let words: Vec<&str> = bare.words().collect();
    let last = words.last()?;
    if !WORDS_NOUNS.contains(last) || words.len() < 3 {
        return None;
    }
    let owner = words[words.len() - 2];
    let owner = owner
        .strip_suffix("’s")
        .or_else(|| owner.strip_suffix("'s"))?;
    // The possessive's name: the capitalised words run up to it.
    let mut start = words.len() - 2;
    while start > 0 && is_capitalized(words[start - 1]) && words[start - 1] != "I" {
        start -= 1;
    }
    let mut name: Vec<&str> = words[start..words.len() - 2].to_vec();
    name.push(owner);
    let name = name.join(" ");
    label_speaker(&name)
        .or_else(|| (name.words().count() >= 2 && name.words().all(is_name_token)).then_some(name))
}

/// The outlet a line introduces as reporting what follows ("Meanwhile, the Harbour Daily
/// reports:"), or None.
pub fn reporting_outlet(line: &str) -> Option<String> {
    let line = line.trim().trim_matches(['*', '_']).trim();
    let bare = line.strip_suffix(':')?;
    let sentence = bare.rsplit(". ").next().unwrap_or(bare);
    let words: Vec<&str> = sentence.words().collect();
    let (verb, rest) = words.split_last()?;
    if !matches!(
        *verb,
        "reports" | "reported" | "writes" | "wrote" | "notes" | "noted" | "explains" | "explained"
    ) {
        return None;
    }
    let start = rest
        .iter()
        .rposition(|w| !(is_capitalized(w) || matches!(*w, "of" | "the" | "&")) || w.ends_with(','))
        .map_or(0, |at| at + 1);
    // "the Harbour Daily": the article is no part of the name.
    let mut start = start;
    while rest
        .get(start)
        .is_some_and(|w| matches!(*w, "the" | "of" | "&"))
    {
        start += 1;
    }
    if start == rest.len() || rest.len() - start > 6 {
        return None;
    }
    outlet_label(&rest[start..].join(" "))
}

/// Whether a quotation speaks in the first person ("I", "we", "our"), as a person does and
/// a news report's excerpt does not.
pub fn first_person(quoted: &str) -> bool {
    quoted.words().any(|w| {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric() && c != '’' && c != '\'');
        let w = w.trim_end_matches(['’', '\'']);
        matches!(
            w,
            "I" | "I’m"
                | "I'm"
                | "I’ve"
                | "I've"
                | "I’ll"
                | "I'll"
                | "I’d"
                | "I'd"
                | "me"
                | "my"
                | "My"
                | "we"
                | "We"
                | "our"
                | "Our"
                | "us"
                | "We’re"
                | "we’re"
                | "We're"
                | "we're"
                | "We’ve"
                | "we’ve"
        )
    })
}

/// Titles that go before a person's surname alone ("Sen. Schmitt", "President Trump"), unlike
/// role words that also qualify places and bodies ("State", "National").
fn personal_title(word: &str) -> bool {
    super::names::SHORT_TITLES.contains(&word.trim_end_matches('.'))
        || matches!(
            word,
            "President"
                | "Senator"
                | "Representative"
                | "Congressman"
                | "Congresswoman"
                | "Governor"
                | "Secretary"
                | "Mayor"
                | "Speaker"
                | "Leader"
                | "Chairman"
                | "Chairwoman"
                | "Ambassador"
                | "Minister"
                | "Administrator"
                | "Commissioner"
                | "Director"
                | "Judge"
                | "Justice"
                | "Admiral"
                | "General"
        )
}

/// A label's words without the colon and the Markdown emphasis a page left around it
/// ("Brad Cooper** (March 3):**").
fn label_text(label: &str) -> &str {
    label.trim().trim_end_matches(['*', '_', ':', ' '])
}

/// A one-word label ("Ellison:"), which names someone only if the document gives the full
/// name elsewhere: the caller checks that.
pub fn surname_label(label: &str) -> Option<&str> {
    let text = label_text(label);
    // "Marsh (March 6):": the date in parentheses is no part of the name.
    let text = match text.strip_suffix(')') {
        Some(open) => open.rfind('(').map_or(text, |at| &open[..at]),
        None => text,
    };
    let word = text.trim().trim_matches(['*', '_']);
    (is_name_token(word)
        && !is_role_word(word)
        && word
            .chars()
            .all(|c| c.is_alphabetic() || matches!(c, '-' | '’' | '\'')))
    .then_some(word)
}

/// "The New York Times editorial board": a named body, not an unnamed source.
fn is_named_body(phrase: &str) -> bool {
    phrase.ends_with("editorial board")
        && phrase
            .words()
            .any(|w| is_capitalized(w) && !DETERMINERS.contains(&w))
}

fn strip_determiner(phrase: &str) -> String {
    let mut words: Vec<&str> = phrase.words().collect();
    if words.len() > 1 && DETERMINERS.contains(&words[0]) {
        words.remove(0);
    }
    // "An unnamed Harris campaign staffer": that the source has no name is no part of
    // its description.
    if words.len() > 1 && matches!(words[0], "unnamed" | "anonymous" | "unidentified") {
        words.remove(0);
    }
    words.join(" ")
}

/// Lowercase nouns that describe what a person does ("foreign affairs spokesperson").
const ROLE_NOUNS: &[&str] = &[
    "minister",
    "secretary",
    "president",
    "spokesperson",
    "spokesman",
    "spokeswoman",
    "director",
    "chief",
    "head",
    "leader",
    "chair",
    "chairman",
    "chairwoman",
    "member",
    "founder",
    "partner",
    "fellow",
    "author",
    "co-author",
    "editor",
    "reporter",
    "professor",
    "governor",
    "mayor",
    "senator",
    "ambassador",
    "envoy",
    "negotiator",
    "adviser",
    "advisor",
    "officer",
    "manager",
    "executive",
    "correspondent",
    "analyst",
    "economist",
    "researcher",
];

/// Prepositions that attach a body to a source ("a spokesperson for the ministry").
const OF_PREPOSITIONS: &[&str] = &["for", "of", "at", "with", "from"];

/// "an Iowa Republican", "one Nevada Democrat": a party's member, capitalised but no name
/// and no body; what comes before it (a place, "GOP") describes an unnamed source.
fn is_party_member(word: &str) -> bool {
    matches!(
        word,
        "Republican" | "Republicans" | "Democrat" | "Democrats" | "Tory" | "Tories" | "Libertarian"
    )
}

fn is_source_noun(word: &str) -> bool {
    SOURCE_NOUNS.contains(&word) || EPITHET_NOUNS.contains(&word)
}

/// "a senior US State Department official", "a spokesperson for the ministry": collect
/// back to the determiner, across "for the"/"of the" after a source noun.
fn description_before(tokens: &[&str]) -> Option<Cue> {
    let mut words: Vec<&str> = Vec::new();
    let mut idx = tokens.len();
    while idx > 0 && words.len() < 14 {
        idx -= 1;
        let raw = tokens[idx];
        if raw.ends_with([',', ';', ':']) && !words.is_empty() {
            break;
        }
        // Possessives stay ("Employers’ Association", "the ministry’s spokesperson"): a
        // description is given as written.
        let token = raw.trim_matches(|c: char| {
            matches!(c, ',' | ';' | ':' | '(' | ')' | '"' | '“' | '”' | '[' | ']')
        });
        words.push(token);
        if DETERMINERS.contains(&token) {
            let continues = idx >= 2
                && OF_PREPOSITIONS.contains(&clean_token(tokens[idx - 1]))
                && is_source_noun(clean_token(tokens[idx - 2]));
            if !continues {
                break;
            }
        }
    }
    words.reverse();
    let joined = cut_relative_clause(&words.join(" "));
    let mut words: Vec<&str> = joined.words().collect();
    let anaphoric =
        words.first().is_some_and(|w| w.eq_ignore_ascii_case("the")) && words.len() <= 3;
    if !words.first().is_some_and(|w| DETERMINERS.contains(w)) {
        // No determiner: keep the source noun from its first capitalised modifier on
        // ("Reproductive rights activists", "senior Harbour officials" -> "Harbour
        // officials"), with the body after it ("officials at the Harbour Board"). Without
        // a source noun ending the phrase or followed by a body, the words are no
        // description: in "Mateen met reporters in Port Lucie and said" the subject comes
        // before a verb, and the reporters are spoken to.
        let head = words
            .iter()
            .rposition(|w| is_source_noun(&clean_token(w).to_lowercase()))?;
        if head + 1 < words.len() && !OF_PREPOSITIONS.contains(&words[head + 1]) {
            return None;
        }
        let start = words[..head]
            .iter()
            .position(|w| is_capitalized(w) && *w != "I")
            .unwrap_or(head);
        words.drain(..start);
    }
    // "While Halvern County officials told": a conjunction opening the clause is no
    // part of the description.
    if words.len() > 1 && SUBORDINATORS.contains(&words[0]) {
        words.remove(0);
    }
    let text = strip_determiner(&words.join(" "));
    Some(Cue::Description { text, anaphoric })
}

/// Conjunctions that can open a clause before its subject.
const SUBORDINATORS: &[&str] = &[
    "While", "Whilst", "When", "As", "Although", "Though", "Because", "Since", "But", "And", "If",
    "Once", "After", "Before", "Until", "Unless", "Whereas",
];

/// "harbour engineer we interviewed in Dunwick" -> "harbour engineer": a relative clause
/// says how the writer met the source, not who it is.
fn cut_relative_clause(text: &str) -> String {
    let words: Vec<&str> = text.words().collect();
    let cut = words
        .iter()
        .skip(1)
        .position(|w| matches!(*w, "we" | "who" | "that" | "which" | "whom" | "I" | "whose"))
        .map_or(words.len(), |pos| pos + 1);
    words[..cut].join(" ")
}

/// "A spokesperson for the Calverian Foreign Ministry": a source noun, a preposition and a
/// named body; the whole phrase describes the source.
fn source_of_body(tokens: &[&str]) -> Option<Cue> {
    let mut start = tokens.len();
    // "the Ports and Harbours Employers’ Association": connectors inside the name.
    while start > 0
        && (is_capitalized(clean_token(tokens[start - 1]))
            || (start >= 2
                && start < tokens.len()
                && matches!(tokens[start - 1], "and" | "of" | "&")
                && is_capitalized(clean_token(tokens[start - 2]))))
    {
        start -= 1;
        if tokens[start].ends_with([',', ';', ':']) && start + 1 < tokens.len() {
            return None;
        }
    }
    if start == tokens.len() || start == 0 {
        return None;
    }
    let mut at = start;
    if DETERMINERS.contains(&tokens[at - 1]) {
        at -= 1;
    }
    if at < 2
        || !OF_PREPOSITIONS.contains(&tokens[at - 1])
        || !is_source_noun(clean_token(tokens[at - 2]))
    {
        return None;
    }
    description_before(tokens)
}

/// Reads a subject after an inverted cue ("said The New York Times editorial board").
fn subject_after(np: &str) -> Option<Cue> {
    let words: Vec<&str> = np.words().take(8).collect();
    let first = clean_token(words.first()?);
    // "announced in October", "said Tuesday": a time or place, not a speaker.
    if PREPOSITIONS.contains(&first) || super::date::WEEKDAYS.contains(&first) {
        return None;
    }
    if PRONOUNS.contains(&first.to_lowercase().as_str()) {
        return Some(Cue::Pronoun);
    }
    // "said the trust’s fundraising director Dan Oakes": lowercase words ending in a role
    // noun, then the name.
    if let Some(at) = words
        .iter()
        .take(5)
        .position(|w| ROLE_NOUNS.contains(&clean_token(w)) || is_source_noun(clean_token(w)))
    {
        // "noted Maryland-based product liability lawyer Jim Dunham": a capitalised
        // compound adjective is a lowercase word here.
        let lead_lowercase = words[..at].iter().all(|w| {
            w.chars().next().is_some_and(char::is_lowercase)
                || super::names::is_capitalised_compound_adjective(w)
        });
        let mut name = Vec::new();
        for raw in &words[at + 1..] {
            let token = clean_token(raw);
            if !is_capitalized(token) {
                break;
            }
            name.push(token);
            if raw.ends_with([',', ';', '.', ':']) && !is_abbreviation(raw) {
                break;
            }
        }
        if at > 0 && lead_lowercase && (2..=4).contains(&name.len()) {
            return named_or_several(&name.join(" "));
        }
    }
    // Stop at the first word that cannot belong to the subject.
    let mut kept = Vec::new();
    for (pos, word) in words.iter().enumerate() {
        let token = clean_token(word);
        let is_det = pos == 0 && DETERMINERS.contains(&token);
        if is_det
            || is_capitalized(token)
            || is_source_noun(token)
            || (!kept.is_empty()
                && matches!(
                    token,
                    "of" | "and" | "the" | "editorial" | "senior" | "foreign" | "state"
                ))
        {
            kept.push(token);
        } else if kept.iter().any(|t: &&str| is_capitalized(t)) || kept.len() > 1 {
            break;
        } else if pos < 3 {
            // Lowercase modifiers of a description ("a senior official").
            kept.push(token);
        } else {
            break;
        }
    }
    // "quipped Pitt of his role": a subject ends in no joining word.
    while kept.len() > 1
        && kept
            .last()
            .is_some_and(|t| matches!(*t, "of" | "and" | "the"))
    {
        kept.pop();
    }
    // "planetary geologist Rosaly Lopes of NASA's Jet Propulsion Laboratory": the name is
    // the capitalised run after the lowercase description, up to "of".
    if let Some(first_cap) = kept.iter().position(|t| is_capitalized(t)) {
        let caps_run = kept[first_cap..]
            .iter()
            .take_while(|t| is_capitalized(t))
            .count();
        let lowercase_lead = kept[..first_cap]
            .iter()
            .any(|t| !DETERMINERS.contains(t) && !is_source_noun(t));
        if caps_run >= 2
            && kept.get(first_cap + caps_run) == Some(&"of")
            && !is_named_body(&kept.join(" "))
        {
            kept.truncate(first_cap + caps_run);
        }
        if lowercase_lead && caps_run >= 2 {
            kept.drain(..first_cap);
        }
    }
    if let Some(cue) = body_noun_cue(&kept) {
        return Some(cue);
    }
    let phrase = kept.join(" ");
    let last = kept.last()?;
    if is_named_body(&phrase) {
        return Some(Cue::Named(strip_determiner(&phrase)));
    }
    if is_source_noun(last) || (is_party_member(last) && DETERMINERS.contains(&kept[0])) {
        let anaphoric = kept.len() <= 2 && kept[0].eq_ignore_ascii_case("the");
        return Some(Cue::Description {
            text: strip_determiner(&phrase),
            anaphoric,
        });
    }
    if !is_capitalized(last) {
        return None;
    }
    named_or_several(&strip_determiner(&phrase))
}

/// Attribution from the words after a quotation: `,” he said` or `,” said X`.
fn cue_after(after: &str) -> Option<Cue> {
    // "'...,' [Bruck] said.": a name the writer put in brackets is the name.
    let unbracketed;
    let after = if after.trim_start_matches([',', ' ']).starts_with('[') {
        unbracketed = after.replacen('[', "", 1).replacen(']', "", 1);
        unbracketed.as_str()
    } else {
        after
    };
    // "“...,” the statement read.": "read" attributes only a document's words.
    let lead = after.trim_start_matches([',', ' ']);
    if let Some(rest) = lead
        .strip_prefix("the ")
        .or_else(|| lead.strip_prefix("The "))
    {
        for noun in ["statement", "letter"] {
            if rest
                .strip_prefix(noun)
                .is_some_and(|r| r.starts_with(" read") || r.starts_with(" reads"))
            {
                return Some(Cue::Description {
                    text: noun.to_owned(),
                    anaphoric: true,
                });
            }
        }
    }
    if let Some(caps) = RIGHT_VERB_FIRST.captures(after) {
        let np = caps.name("np").map_or("", |m| m.as_str());
        // "told the BBC": whoever follows "told" is the listener, not the speaker.
        let verb = after.trim_start_matches([',', ' ']);
        if ["told ", "tells ", "tell ", "telling "]
            .iter()
            .any(|v| verb.starts_with(v))
        {
            return None;
        }
        let rest = &after[caps.get(0).map_or(0, |m| m.end())..];
        // "said Calveria's deputy foreign minister, Tomasz van der Berg.": the name follows
        // the description.
        if let Some(name) = rest.strip_prefix(", ") {
            let name = name.split([',', ';', '(']).next().unwrap_or("");
            let name = name.trim_end_matches(|c: char| c == '.' || c.is_whitespace());
            let first = np.words().next().unwrap_or("");
            let described = DETERMINERS.contains(&first)
                || first.ends_with("’s")
                || first.ends_with("'s")
                || first.chars().next().is_some_and(char::is_lowercase);
            let words: Vec<&str> = name.words().collect();
            if described
                && (1..=5).contains(&words.len())
                && words
                    .iter()
                    .all(|w| is_capitalized(w) || matches!(*w, "van" | "der" | "de" | "la" | "von"))
            {
                return named_or_several(name);
            }
        }
        return subject_after(np);
    }
    let trimmed = after.trim_start_matches([',', ' ']);
    // "X, a resident who tweeted about the smoke, said": a verb in a relative clause is
    // the appositive's, not the cue.
    let found = CUE.find_iter(trimmed).find(|m| {
        !matches!(
            trimmed[..m.start()].words().next_back(),
            Some("who" | "which" | "that")
        )
    })?;
    let before = &trimmed[..found.start()];
    if before.contains(['“', '”', '"']) {
        return None;
    }
    let tokens: Vec<&str> = before.words().collect();
    if tokens.len() > 10 {
        // Only a name with a long appositive ("X, a research analyst at ..., told") reaches
        // that far.
        return appositive_subject(&tokens);
    }
    subject_before(before)
}

/// Attribution from the words before a quotation in the same sentence.
fn cue_before(before: &str) -> Option<Cue> {
    let trimmed = before.trim_end();
    if let Some(caps) = ACCORDING_TO.captures(trimmed) {
        let np = caps["np"].trim();
        let first = np.words().next().unwrap_or("");
        if DETERMINERS.contains(&first) || np.rsplit(' ').next().is_some_and(is_source_noun) {
            let text = cut_relative_clause(&strip_determiner(np));
            if text.ends_with("editorial board") || text.words().all(is_capitalized) {
                return named_or_several(&text).map(|c| match c {
                    Cue::Description { text, .. } => Cue::Named(text),
                    other => other,
                });
            }
            return Some(Cue::Description {
                text,
                anaphoric: false,
            });
        }
        return named_or_several(&strip_leading_non_names(np));
    }
    // Possessive: "Kerry’s “great constituency for peace”", unless a speech verb right
    // before it has its own subject ("Lee said Yoon’s “illegal declaration” had caused
    // chaos": Lee's words about Yoon's act).
    if let Some(word) = trimmed.words().next_back() {
        if let Some(name) = word.strip_suffix("’s").or_else(|| word.strip_suffix("'s")) {
            // "It's ‘No, no, no’": a contraction, not a possessor.
            if super::names::is_name_token(name)
                && !PRONOUNS.contains(&name.to_lowercase().as_str())
                && !is_role_word(name)
            {
                let head = trimmed[..trimmed.len() - word.len()].trim_end();
                let verb = head.words().next_back().unwrap_or("");
                let speaker = is_cue_verb(verb)
                    .then(|| cue_before(head))
                    .flatten()
                    .filter(|cue| matches!(cue, Cue::Named(_) | Cue::Several(_)));
                return Some(speaker.unwrap_or_else(|| Cue::Named(name.to_owned())));
            }
        }
    }
    // The nearest cue verb whose subject can be read; the words after it must be few.
    let mut cues: Vec<regex::Match<'_>> = CUE.find_iter(trimmed).collect();
    // Most words before a quotation have no "that": the verb regex runs only on those that do.
    let verbs_before_that = trimmed
        .contains(" that")
        .then(|| VERB_THAT.captures_iter(trimmed))
        .into_iter()
        .flatten()
        .filter_map(|caps| caps.name("verb"));
    for verb in verbs_before_that {
        // A plural noun before a relative "that" ("the cuts that “...”") is no verb: an
        // "-s" form counts only after a name or a pronoun ("She offers that").
        let previous = trimmed[..verb.start()].words().next_back();
        let present_after_subject = previous.is_some_and(|word| {
            is_capitalized(word) || PRONOUNS.iter().any(|p| word.eq_ignore_ascii_case(p))
        });
        if (verb.as_str().ends_with("ed") || present_after_subject)
            && !NOT_VERBS_BEFORE_THAT.contains(&verb.as_str())
            && !cues.iter().any(|cue| cue.start() == verb.start())
        {
            cues.push(verb);
        }
    }
    cues.sort_by_key(regex::Match::start);
    if cues.is_empty() {
        // "Now, in Lipman’s view, the university is known for “...”".
        if let Some(caps) = IN_ONES_VIEW.captures(trimmed) {
            return named_or_several(&caps["np"]);
        }
    }
    let mut pronoun_fallback = None;
    for found in cues.iter().rev() {
        let head = &trimmed[..found.start()];
        if head.ends_with('-') {
            // "so-called" is no cue.
            continue;
        }
        // "is also called “feather duvet lung”": a name for a thing, not words anyone said.
        let naming = matches!(
            found.as_str(),
            "called" | "labelled" | "labeled" | "termed" | "branded"
        );
        let previous_word = head.words().next_back().unwrap_or("");
        // "from a seller called “E-Life,”": a thing's name after "a/an" and a noun, the
        // quotation right after the verb.
        let before_previous = head.words().nth_back(1).unwrap_or("");
        if naming
            && matches!(before_previous, "a" | "an" | "A" | "An")
            && previous_word.chars().all(char::is_lowercase)
            && trimmed[found.end()..].trim().is_empty()
        {
            continue;
        }
        // "Francesca was told by the school that ... “deepfake.”": whoever was told or
        // asked listens; the words are someone else's.
        if matches!(found.as_str(), "told" | "asked")
            && matches!(
                previous_word,
                "was" | "were" | "been" | "being" | "be" | "is" | "are" | "get" | "got"
            )
        {
            continue;
        }
        if naming
            && matches!(
                previous_word,
                "is" | "are"
                    | "was"
                    | "were"
                    | "be"
                    | "been"
                    | "being"
                    | "also"
                    | "often"
                    | "sometimes"
            )
        {
            continue;
        }
        // "Halm said the government had agreed to a truce “...”": a verb inside the clause
        // that an earlier speech verb reports is no cue of its own, unless it is one of
        // saying too ("X said the minister told reporters “...”").
        if let Some(outer) = cues.iter().rev().find(|m| m.end() <= found.start()) {
            let between = trimmed[outer.end()..found.start()].trim();
            let words: Vec<&str> = between.words().collect();
            let saying = is_saying_verb(found.as_str());
            if !saying
                && (1..=5).contains(&words.len())
                && matches!(
                    words[0],
                    "the" | "that" | "a" | "an" | "his" | "her" | "their" | "its" | "this"
                )
                && !between.contains([',', '.', ';', ':'])
            {
                continue;
            }
        }
        let tail = &trimmed[found.end()..];
        // "charged that “...”" reports words; "was charged with “reckless endangerment”"
        // and "charged three people with" are accusations.
        if found.as_str() == "charged"
            && (matches!(
                previous_word,
                "was" | "were" | "been" | "being" | "be" | "is" | "are"
            ) || !matches!(tail.trim().trim_matches([',', ':']), "" | "that"))
        {
            continue;
        }
        if tail.words().count() > 25 {
            break;
        }
        let cue = subject_before(head);
        // "Michelle Obama said he believes ... the platform he promised ... “feel the
        // difference now.”": what a pronoun believes or promised, in the clause an earlier
        // speech verb reports, is that verb's subject's account when it is named.
        if cue == Some(Cue::Pronoun)
            && !is_saying_verb(found.as_str())
            && cues.iter().any(|outer| outer.end() < found.start())
        {
            pronoun_fallback = cue;
            continue;
        }
        if let Some(cue) = cue {
            return Some(cue);
        }
        // "Ida referred to her brother and told the paper: “...”": the second verb of a
        // clause shares the first one's subject.
        if head.trim_end().ends_with(" and") && !head.contains([',', ';']) {
            if let Some(Some(name)) = first_subject(head) {
                return named_or_several(&name);
            }
        }
        // "Hawk Sawyer issued a statement about the charges, saying, “...”": a participle's
        // subject is the clause's.
        if found.as_str().ends_with("ing") && head.trim_end().ends_with(',') {
            if let Some(Some(name)) = first_subject(head) {
                return named_or_several(&name);
            }
            if let Some(cue) = clause_subject(head) {
                return Some(cue);
            }
        }
    }
    pronoun_fallback
}

/// Verbs of saying itself, not of thinking, naming or judging.
fn is_saying_verb(verb: &str) -> bool {
    matches!(
        verb,
        "said"
            | "says"
            | "saying"
            | "told"
            | "tells"
            | "telling"
            | "wrote"
            | "writes"
            | "added"
            | "adding"
            | "stated"
            | "stating"
            | "noting"
    )
}

/// The subject of the first verb of a clause, whatever it is (a name, a pronoun, a
/// description).
fn clause_subject(clause: &str) -> Option<Cue> {
    let tokens: Vec<(usize, &str)> = clause
        .words()
        .map(|t| (t.as_ptr() as usize - clause.as_ptr() as usize, t))
        .collect();
    tokens
        .iter()
        .skip(1)
        .filter(|(_, token)| is_verb_like(token))
        .find_map(|(pos, _)| subject_before(&clause[..*pos]))
}

/// Words that put the name after them in a phrase that is not a subject ("with Knesset
/// members", "in October").
const PREPOSITIONS: &[&str] = &[
    "in", "on", "at", "by", "for", "to", "with", "from", "after", "before", "during", "last",
    "this", "that", "earlier", "later", "about", "over", "as", "into", "of", "among", "between",
    "against", "under", "across", "toward", "towards", "than", "like",
];

/// Words that end a subject as a verb would ("Ruelas had spent", "Kerry met").
fn is_verb_like(token: &str) -> bool {
    const VERBS: &[&str] = &[
        "has", "had", "was", "is", "will", "would", "can", "could", "did", "does", "met", "spoke",
        "went", "took", "made", "gave", "sent", "still", "also", "paused", "smiled",
        // Irregular pasts: "Tobin spent much of the meeting ..." has a subject too.
        "spent", "left", "got", "came", "saw", "kept", "held", "led", "brought", "began", "won",
        "lost", "fought", "felt", "ran", "knew", "became", "found", "struck", "drew", "threw",
        "built", "sought", "taught", "meant", "paid", "sat", "stood", "broke", "chose", "hid",
        "hit", "shot", "cut", "put", "set",
    ];
    // "Skaik paused, reeling ...": a past tense before a clause's comma is still a verb
    // ("models," is more often a noun).
    let bare = token.trim_end_matches([',', ';', ':', '.']);
    // "Meta spokesperson Tolan disagrees.": a present tense ends its sentence.
    let ends_sentence = token.strip_suffix('.').unwrap_or(token);
    token.chars().next().is_some_and(char::is_lowercase)
        && (VERBS.contains(&bare)
            || CUE.is_match(token)
            || (bare.ends_with("ed") && bare.len() > 4)
            || (ends_sentence.ends_with('s')
                && ends_sentence.len() > 4
                && !ends_sentence.ends_with("ss")))
}

/// The pronoun a pronoun cue was read from: the first in the words after the quotation,
/// else the last in the words before it.
fn find_pronoun(after: &str, before: &str) -> Option<String> {
    let is_pronoun = |w: &&str| PRONOUNS.contains(&clean_token(w).to_lowercase().as_str());
    // "she described it as “...”": the person before the cue, not the thing after it.
    let is_personal = |w: &&str| is_pronoun(w) && !clean_token(w).eq_ignore_ascii_case("it");
    // "Ms. Haley, who he called “...,” and said she left": the pronoun right before the
    // cue verb that ends the words before the quotation is the subject.
    let mut back = before.words().rev();
    if let (Some(verb), Some(subject)) = (back.next(), back.next()) {
        if is_personal(&subject) && is_cue_verb(verb) {
            return Some(clean_token(subject).to_lowercase());
        }
    }
    // "“...” that money in taxes, he said.": the pronoun right before the cue verb after
    // the quotation, however many words come first.
    let same_sentence = after
        .trim_start()
        .chars()
        .next()
        .is_some_and(|c| c.is_lowercase() || c == ',');
    if same_sentence {
        let words: Vec<&str> = after.words().take(10).collect();
        let cue_at = words.iter().position(|w| is_cue_verb(clean_token(w)));
        if let Some(subject) = cue_at.filter(|&at| at > 0).map(|at| words[at - 1]) {
            if is_personal(&subject) {
                return Some(clean_token(subject).to_lowercase());
            }
        }
    }
    after
        .words()
        .take(4)
        .find(is_pronoun)
        .or_else(|| before.words().rev().take(8).find(is_personal))
        .or_else(|| before.words().rev().take(8).find(is_pronoun))
        .map(|w| clean_token(w).to_lowercase())
}

/// The names that are subjects of the last sentences of `text`, the most recent first.
pub fn named_subjects(text: &str) -> Vec<String> {
    sentences_back(text)
        .into_iter()
        .filter_map(|sentence| {
            let head = match sentence.find(['“', '"']) {
                Some(at) if !sentence.trim_start().starts_with(['“', '"']) => &sentence[..at],
                Some(_) => return None,
                None => sentence,
            };
            inverted_cue_name(head)
                .or_else(|| first_subject(head).flatten())
                .or_else(|| according_to_name(head))
        })
        .collect()
}

/// "FAST will also boost the efforts ..., says McLaughlin.": a sentence that ends with an
/// inverted speech cue reports the named person's words, so a later "she says" is likely
/// hers. The name after the last comma's cue verb.
fn inverted_cue_name(sentence: &str) -> Option<String> {
    let (_, tail) = sentence.trim_end().rsplit_once(", ")?;
    let caps = RIGHT_VERB_FIRST.captures(tail)?;
    let np = caps.name("np")?.as_str().trim_end_matches(['.', ' ']);
    // The cue ends the sentence: nothing but the name follows the verb.
    if caps.get(0)?.end() < tail.trim_end().len() || np.words().count() > 5 {
        return None;
    }
    if !super::names::can_start_name(np.words().next().unwrap_or("")) {
        return None;
    }
    match subject_after(np)? {
        Cue::Named(name) => Some(name),
        _ => None,
    }
}

/// "Those words were not part of the judgment, according to Max Schrems, founder of ...":
/// the name a sentence attributes its claim to, for a later "he says".
fn according_to_name(sentence: &str) -> Option<String> {
    let at = sentence.find("according to ")?;
    let rest = &sentence[at + "according to ".len()..];
    let phrase = rest.split([',', ';', ':', '(']).next()?.trim();
    let phrase = phrase.trim_end_matches('.');
    let words: Vec<&str> = phrase.words().collect();
    let named = (2..=4).contains(&words.len())
        && words.iter().all(|w| is_capitalized(w))
        && super::names::can_start_name(words[0]);
    named.then(|| phrase.to_owned())
}

/// The last sentences of `text` (at most six), the most recent first.
fn sentences_back(text: &str) -> Vec<&str> {
    let mut end = text.len();
    let mut sentences = Vec::new();
    while end > 0 {
        let start = sentence_start(text, char_start_before(text, end));
        sentences.push(&text[start..end]);
        if start == 0 || sentences.len() >= 6 {
            break;
        }
        end = start;
    }
    sentences
}

/// The person a later "he said" most likely means: the subject of the last sentence of
/// `text` whose subject is a name, read as cue subjects are read (appositives included).
/// A sentence whose subject is a pronoun continues the one before it.
pub fn last_named_subject(text: &str) -> Option<String> {
    for sentence in sentences_back(text) {
        // "Divers have recovered most of the nets, Tallow said.": the speaker named by a
        // closing cue is who the sentence is about for a later "he said".
        if !sentence.contains(['“', '"']) {
            let body = sentence.trim_end().trim_end_matches(['.', '!', '?']);
            if let Some(comma) = body.rfind(", ") {
                let tail = &body[comma + 2..];
                if tail.words().count() <= 4 && CUE.is_match(tail) {
                    if let Some(Cue::Named(name)) = cue_after(tail) {
                        return Some(name);
                    }
                }
            }
        }
        // Quoted words are not the narrator's sentence.
        if sentence.contains(['“', '"']) && !sentence.trim_start().starts_with(['“', '"']) {
            let head = &sentence[..sentence.find(['“', '"']).unwrap_or(0)];
            if let Some(name) = first_subject(head) {
                return name;
            }
            continue;
        }
        if let Some(name) = first_subject(sentence) {
            return name;
        }
    }
    None
}

/// Whose words a paragraph of nothing but a quotation after `text` goes on in, when `text`
/// (a paragraph without quotations) ends by reporting what someone said or thinks: "Allan
/// Snr believes someone in the town must know what happened." The subject of the last
/// sentence's speech verb, when it is a name.
pub fn reported_speaker(text: &str) -> Option<String> {
    let sentence = *sentences_back(text.trim_end()).first()?;
    if sentence.contains(['“', '”', '"']) {
        return None;
    }
    let verb = CUE.find(sentence)?;
    let head = &sentence[..verb.start()];
    // "so-called", "He was told": no speaker reports anything.
    if head.ends_with('-') {
        return None;
    }
    // A short head, or one that opens with the name: "Charles Schultze, chairman of the
    // Council of Economic Advisers in the Carter administration, once summed up".
    let named = |head: &str| match subject_before(head) {
        Some(Cue::Named(name))
            if head.words().count() <= 8 || head.trim_start().starts_with(name.as_str()) =>
        {
            Some(name)
        }
        _ => None,
    };
    // A phrase set off by a comma before the subject ("In the bar of a London hotel,
    // Rollock spells out ...") is no part of it.
    named(head).or_else(|| named(head.rsplit_once(", ")?.1))
}

/// "a reporter asked Montoya-Lewis, “What do you see ...?”": the person a paragraph ends
/// by asking a question, who answers in the next paragraph's "“...,” she replied".
pub fn asked_person(text: &str) -> Option<String> {
    static ASKED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\basked\s+(?P<name>(?:[A-Z][\w’'.-]*\s+){0,3}[A-Z][\w’'.-]*),\s*[“\x22][^”\x22]*\?[”\x22]\s*$")
            .unwrap()
    });
    ASKED
        .captures(text.trim_end())
        .map(|caps| caps["name"].to_owned())
}

/// Heads of descriptions of one unnamed person, whom a later "he" or "she" can mean.
const PERSON_SOURCE_NOUNS: &[&str] = &[
    "spokesperson",
    "spokesman",
    "spokeswoman",
    "official",
    "source",
    "diplomat",
    "aide",
    "adviser",
    "advisor",
    "analyst",
    "expert",
    "negotiator",
    "lawmaker",
];

/// The unnamed person a "he said" opening the next paragraph can mean: the description of
/// one person ("a spokesperson for the association") that is the subject of the last
/// sentence of `text`, read from the narrator's words before any quotation.
pub fn last_described_subject(text: &str) -> Option<String> {
    let sentence = *sentences_back(text.trim_end()).first()?;
    let narrator = &sentence[..sentence.find(['“', '"']).unwrap_or(sentence.len())];
    let tokens: Vec<(usize, &str)> = narrator
        .words()
        .map(|t| (t.as_ptr() as usize - narrator.as_ptr() as usize, t))
        .collect();
    for (pos, token) in tokens.iter().skip(1) {
        if !is_verb_like(token) {
            continue;
        }
        return match subject_before(&narrator[..*pos]) {
            Some(Cue::Description { text, anaphoric }) => {
                let head = text.words().find(|w| is_source_noun(w))?;
                (!anaphoric && PERSON_SOURCE_NOUNS.contains(&head)).then_some(text)
            }
            _ => None,
        };
    }
    None
}

/// The first subject of a sentence: `Some(Some(name))` for a name, `Some(None)` for a
/// description that is no one in particular, `None` when no subject reads (a pronoun).
fn first_subject(sentence: &str) -> Option<Option<String>> {
    let tokens: Vec<(usize, &str)> = sentence
        .words()
        .map(|t| (t.as_ptr() as usize - sentence.as_ptr() as usize, t))
        .collect();
    for (pos, token) in tokens.iter().skip(1) {
        if !is_verb_like(token) {
            continue;
        }
        let head = &sentence[..*pos];
        match subject_before(head) {
            Some(Cue::Named(name)) => {
                let first = name.words().next().unwrap_or("");
                // The name must not be the object of a preposition ("with Knesset members").
                let before_name = head
                    .rfind(first)
                    .map_or("", |at| &head[..at])
                    .words()
                    .next_back()
                    .unwrap_or("");
                if (super::names::can_start_name(first) || is_role_word(first))
                    && !PREPOSITIONS.contains(&before_name)
                {
                    return Some(Some(name));
                }
            }
            Some(Cue::Pronoun) => return None,
            _ => {}
        }
    }
    None
}

/// Who issued the statement or letter that "the statement said" refers back to: the named
/// subject of the last sentence of `text` where someone "said in a statement", "wrote in a
/// letter" or "issued a statement" (`noun` is "statement" or "letter").
pub fn author_of(text: &str, noun: &str) -> Option<String> {
    for sentence in sentences_back(text) {
        // Only the narrator's words: those before any quotation mark.
        let narrator = &sentence[..sentence.find(['“', '"']).unwrap_or(sentence.len())];
        let Some(at) = narrator.rfind(noun) else {
            continue;
        };
        let head = &narrator[..at];
        let words: Vec<&str> = head.words().collect();
        let n = words.len();
        // "X said in a statement", "X said in an Oct. 26 letter", "X issued a statement".
        let cue_at = (n.saturating_sub(6)..n).rev().find(|&i| {
            let word = words[i].trim_end_matches(',');
            is_cue_verb(word) || matches!(word, "issued" | "released" | "sent" | "published")
        })?;
        let between = &words[cue_at + 1..];
        if between.len() > 5
            || between
                .iter()
                .any(|w| w.ends_with([',', ';', ':', '.']) && !is_abbreviation(w))
        {
            return None;
        }
        let subject = words[..cue_at].join(" ");
        if let Some(Cue::Named(name)) = subject_before(&subject) {
            return Some(name);
        }
        // "..., the US military said in a statement": a body named after its determiner.
        let clause_start = words[..cue_at]
            .iter()
            .rposition(|w| w.ends_with(','))
            .map_or(0, |i| i + 1);
        let clause = &words[clause_start..cue_at];
        let named = clause.len() >= 2
            && clause.len() <= 5
            && matches!(clause[0], "the" | "The")
            && clause[1..].iter().any(|w| is_capitalized(w))
            && clause[1..]
                .iter()
                .all(|w| is_capitalized(w) || w.chars().all(|c| c.is_lowercase() || c == '-'))
            && !clause[1..].iter().any(|w| PRONOUNS.contains(w));
        return named.then(|| clause[1..].join(" "));
    }
    None
}

/// Whether a quotation ends the way a quotation attributed after it does (`,”` or `?”`).
fn ends_for_attribution_after(quoted: &str, after: &str) -> bool {
    let quoted = quoted.trim_end().trim_end_matches(['’', '\'']).trim_end();
    quoted.ends_with([',', '?', '!', '—', '–', '-'])
        || after.trim_start().starts_with(',')
        || after.trim_start().starts_with(['—', '–'])
}

pub fn looks_like_title(quoted: &str) -> bool {
    let (mut words, mut capitalized) = (0, 0);
    for word in quoted.words() {
        words += 1;
        capitalized += usize::from(is_capitalized(word));
    }
    words >= 2 && capitalized * 4 >= words * 3
}

/// True when the text contains a verb that attributes speech.
pub fn has_cue_verb(text: &str) -> bool {
    CUE.is_match(text)
}

/// True when the word is a speech verb, whole ("said", not "unsaid").
fn is_cue_verb(word: &str) -> bool {
    CUE.find(word).is_some_and(|m| m.as_str() == word)
}

/// The words after the last closing quotation mark of `text` (all of it when it has none):
/// the narrator's, not a speaker's.
pub fn after_last_quote_mark(text: &str) -> &str {
    text.rfind(['”', '"']).map_or(text, |at| {
        &text[at + text[at..].chars().next().map_or(1, char::len_utf8)..]
    })
}

/// Byte offset of the character that ends just before `pos`.
fn char_start_before(text: &str, pos: usize) -> usize {
    text[..pos]
        .chars()
        .next_back()
        .map_or(pos, |c| pos - c.len_utf8())
}

/// Finds the quotations of a passage and the cue for each.
pub fn find_quotes(text: &str) -> Vec<RawQuote> {
    let spans = quote_spans(text);
    let mut quotes: Vec<RawQuote> = Vec::new();
    let mut prev_end = 0usize;
    for (idx, &(start, end)) in spans.iter().enumerate() {
        let quoted = text[start..end].trim();
        // The marks themselves sit just outside the content.
        let open_mark = text[..start].chars().next_back().map_or(0, char::len_utf8);
        let close_mark = text[end..].chars().next().map_or(0, char::len_utf8);
        let sentence_begin = sentence_start(text, start.saturating_sub(open_mark)).max(prev_end);
        let before = &text[sentence_begin.min(start - open_mark)..start - open_mark];
        let next_start = spans
            .get(idx + 1)
            .map_or(text.len(), |s| char_start_before(text, s.0));
        let after_end = sentence_end(text, (end + close_mark).min(text.len()))
            .min(next_start)
            .max(end + close_mark)
            .min(text.len());
        // A quotation closed with two apostrophes (“...’’) leaves the second one behind.
        let after = text[(end + close_mark).min(text.len())..after_end].trim_start_matches('’');

        let mut cue = None;
        let ends_sentence = quoted.ends_with('.');
        if ends_sentence {
            // “... .” closes its sentence: what came before it is the likelier cue.
            cue = cue_before(before);
        }
        // "After Bell asked “...?” Cueto responded that “...”": a cue ending in "that" right
        // before the next quotation introduces that one ("“...,” Fain said, adding that
        // “...”" serves both).
        let introduces_next = after_end == next_start
            && idx + 1 < spans.len()
            && !after.contains(',')
            && after
                .trim_end()
                .trim_end_matches(['“', '"'])
                .trim_end()
                .ends_with(" that");
        if cue.is_some() || introduces_next {
        } else if ends_for_attribution_after(quoted, after) {
            cue = cue_after(after);
        } else if quoted.words().count() > 3 && !after.trim_start().starts_with('(') {
            // "“...” Mayer said." or "“...” impeachment, Trump said": the cue still follows,
            // within a few words. After a full stop inside the quotation, only a subject and
            // its verb ("“...” Mayer said.") continue the sentence.
            let limit = if quoted.ends_with('.') { 2 } else { 4 };
            cue = cue_after(after).filter(|_| {
                CUE.find(after)
                    .is_some_and(|m| after[..m.start()].words().count() <= limit)
            });
        }
        if cue.is_none() {
            cue = cue_before(before);
        }
        // "Ida Marsh** (March 2):** “...”": the emphasis may close after the colon.
        if cue.is_none()
            && before
                .trim_end()
                .trim_end_matches(['*', '_'])
                .ends_with(':')
        {
            if idx == 0 && sentence_begin == 0 {
                // A roundup's "Sen. Eric Schmitt (R-MO): “...”", one speaker however many
                // roles ("Airlines for America President and CEO Chris Sununu").
                cue = label_speaker(before).map(Cue::Named);
                // "Harbour Daily: “...”": an outlet's excerpt, unless it is a headline in
                // capitals or someone's words in the first person (the outlet quoting them).
                if cue.is_none() && !looks_like_title(quoted) && !first_person(quoted) {
                    cue = outlet_label(before).map(Cue::Named);
                }
            }
            if cue.is_none() && !looks_like_title(quoted) {
                // "President Trump outlined the stakes of his trade policy: “...”": the
                // subject introduces their own words.
                if let Some(Some(name)) = first_subject(before) {
                    cue = Some(Cue::Named(name));
                }
            }
        }
        if cue.is_none() && !ends_sentence {
            // "“We don't want those people” working in federal prisons, she said.": the
            // sentence ends with its cue.
            if let Some(comma) = after.rfind(", ") {
                let tail = &after[comma + 2..];
                if tail.words().count() <= 8 {
                    cue = cue_after(tail);
                }
            }
            // "None of the “potentially hundreds” of buyers were named, Levy said, but
            // “...”": a cue set off by commas inside the sentence.
            if cue.is_none() {
                cue = after
                    .split(", ")
                    .skip(1)
                    .filter(|part| {
                        let words = part.words().count();
                        (2..=4).contains(&words) && CUE.is_match(part)
                    })
                    .find_map(|part| match cue_after(part) {
                        Some(Cue::Named(name)) => Some(Cue::Named(name)),
                        _ => None,
                    });
            }
        }
        if cue.is_none() {
            // "“...” — Harbour Secretary Ida Marsh": a dash and a label close the paragraph.
            let rest = text[(end + close_mark).min(text.len())..].trim();
            if let Some(label) = rest.strip_prefix(['—', '–']) {
                if label.words().count() <= 12 && !label.contains(['“', '”', '"']) {
                    cue = label_speaker(label.trim().trim_end_matches('.')).map(Cue::Named);
                }
            }
        }
        if cue.is_none() && before.trim().is_empty() && sentence_begin > 0 {
            // “...” opening a sentence after "Sometimes employees don't follow the rules, he
            // said.": the reported speaker goes on in their own words.
            let previous_start = sentence_start(text, char_start_before(text, sentence_begin));
            let previous = text[previous_start..sentence_begin].trim_end();
            let previous = previous.trim_end_matches(['.', '!', '?']);
            if !previous.contains(['“', '”', '"']) {
                if let Some(comma) = previous.rfind(", ") {
                    let tail = &previous[comma + 2..];
                    if tail.words().count() <= 4 && CUE.is_match(tail) {
                        cue = cue_after(tail);
                    }
                }
            }
        }
        if cue.is_none() && idx > 0 && !quotes.is_empty() {
            let link = before.trim();
            let words = link.words().count();
            // "... “tens of millions” since the dispute began, and urged both governments to
            // “...”": the same sentence goes on with the same subject.
            let same_subject = words <= 12
                && prev_end >= char_start_before(text, start).saturating_sub(link.len() + 2)
                && !link.words().any(|w| is_capitalized(w) && w != "I")
                || words <= 3;
            if same_subject && !link.contains(['.', '?', '!']) {
                cue = Some(Cue::SameAsPrevious);
            }
        }
        // "told “Harbour Morning Show” co-host Ruth Pell": a title in capitals run into the
        // noun after it names a show or paper, not words anyone said.
        let modifier = !quoted.ends_with([',', '.', '!', '?'])
            && after.words().next().is_some_and(|w| {
                w.chars().next().is_some_and(char::is_lowercase) && !CUE.is_match(w)
            })
            && looks_like_title(quoted);
        if modifier {
            cue = None;
        }
        let words = quoted.words().count();
        let keep = match &cue {
            Some(_) => true,
            None => words > 3 && !looks_like_title(quoted),
        };
        // A title run into its noun is part of the narrator's sentence: the cue before it
        // still serves the quotation after it.
        if !modifier {
            prev_end = (end + close_mark).min(text.len());
        }
        if !keep {
            continue;
        }
        let pronoun = (cue == Some(Cue::Pronoun))
            .then(|| find_pronoun(after, before))
            .flatten();
        quotes.push(RawQuote {
            text: quoted.to_owned(),
            start,
            end,
            cue,
            nested: false,
            pronoun,
        });
        // Nested quotations need a cue of their own inside the outer one.
        let mut inner_prev = start;
        let mut found_inner = Vec::new();
        for (inner_start, inner_end) in nested_spans(text, start, end) {
            let inner_text = text[inner_start..inner_end].trim();
            let open_at = char_start_before(text, inner_start);
            let before = &text[sentence_start(text, open_at).max(inner_prev).min(open_at)..open_at];
            let mut inner_cue = cue_before(before);
            if inner_cue.is_none() && !found_inner.is_empty() {
                let link = before.trim();
                if link.words().count() <= 3 && !link.contains(['.', '?', '!']) {
                    inner_cue = Some(Cue::SameAsPrevious);
                }
            }
            inner_prev = text[inner_end..]
                .chars()
                .next()
                .map_or(inner_end, |c| inner_end + c.len_utf8())
                .min(end);
            if inner_cue.is_some() {
                let pronoun = (inner_cue == Some(Cue::Pronoun))
                    .then(|| find_pronoun("", before))
                    .flatten();
                found_inner.push(RawQuote {
                    text: inner_text.to_owned(),
                    start: inner_start,
                    end: inner_end,
                    cue: inner_cue,
                    nested: true,
                    pronoun,
                });
            }
        }
        quotes.extend(found_inner);
    }
    quotes
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One case: passage text -> (quoted words prefix, cue) for each quotation.
    fn check(text: &str, expected: &[(&str, Option<Cue>)]) {
        let got: Vec<(String, Option<Cue>)> = find_quotes(text)
            .into_iter()
            .map(|q| {
                (
                    q.text
                        .chars()
                        .take(expected.first().map_or(10, |e| e.0.chars().count()))
                        .collect(),
                    q.cue,
                )
            })
            .collect();
        let want: Vec<(String, Option<Cue>)> = expected
            .iter()
            .map(|(t, c)| (t.to_string(), c.clone()))
            .collect();
        assert_eq!(got, want, "{text}");
    }

    fn named(name: &str) -> Option<Cue> {
        Some(Cue::Named(name.to_owned()))
    }

    /// An unnamed source's description, not one that refers back.
    fn description(text: &str) -> Option<Cue> {
        Some(Cue::Description {
            text: text.into(),
            anaphoric: false,
        })
    }

    #[test]
    fn a_roundup_label_before_a_colon_names_the_speaker() {
        for (label, want) in [
            ("Sen. Eric Schmitt (R-MO):", Some("Sen. Eric Schmitt")),
            ("CNN’s Scott Jennings:", Some("Scott Jennings")),
            ("Fox News’ Sean Hannity:", Some("Sean Hannity")),
            (
                "Secretary of State Marco Rubio:",
                Some("Secretary of State Marco Rubio"),
            ),
            ("Speaker Mike Johnson on X:", Some("Speaker Mike Johnson")),
            ("Marc Thiessen:", Some("Marc Thiessen")),
            (
                "Admiral Brad Cooper** (March 3):**",
                Some("Admiral Brad Cooper"),
            ),
            (
                "Former U.S. Ambassador to Russia Michael McFaul:",
                Some("Former U.S. Ambassador to Russia Michael McFaul"),
            ),
            (
                "Kevin Hassett, Director of the National Economic Council:",
                Some("Kevin Hassett"),
            ),
            (
                "The Wall Street Journal Editorial Board:",
                Some("Wall Street Journal editorial board"),
            ),
            (
                "National Association of Manufacturers:",
                Some("National Association of Manufacturers"),
            ),
            // Labels that name no one, and sentences that end with a colon.
            ("Breaking News:", None),
            ("ABC News:", None),
            ("President Trump** (March 2):**", Some("President Trump")),
            ("Sen. Schmitt:", Some("Sen. Schmitt")),
            ("S&P Global:", None),
            ("Texas State Trooper:", None),
            (
                "Republican Study Committee:",
                Some("Republican Study Committee"),
            ),
            (
                "Airlines for America President and CEO Chris Sununu:",
                Some("Airlines for America President and CEO Chris Sununu"),
            ),
            ("Update:", None),
            ("Operation Harbour Light:", None),
            ("Here is what they said:", None),
            ("The statement read:", None),
            ("March 3, 2025:", None),
        ] {
            assert_eq!(label_speaker(label).as_deref(), want, "{label}");
        }
        check(
            "Gregor Halm, leader of the opposition, said the government had agreed to a truce “that freezes the dam and calls it peace.”",
            &[("that freezes", named("Gregor Halm"))],
        );
        check(
            "Sen. Lindsey Graham: “I have never been more proud of the president.”",
            &[("I have", named("Sen. Lindsey Graham"))],
        );
        check(
            "President Trump outlined the stakes of his trade policy: “This is what I campaigned on.”",
            &[("This is", named("President Trump"))],
        );
        // Roles, bodies and parties around the name; the name alone is what resolves.
        for (label, want) in [
            (
                "Tidewater Freight CEO Nora Vale:",
                Some("Tidewater Freight CEO Nora Vale"),
            ),
            (
                "Harbour Growth Council Chairman Tobias Wren, Ph.D.:",
                Some("Harbour Growth Council Chairman Tobias Wren"),
            ),
            (
                "Coalition for a Cleaner Harbour President & CEO Laura Penhallow:",
                Some("Coalition for a Cleaner Harbour President & CEO Laura Penhallow"),
            ),
            (
                "Tidewater Wire harbour correspondent Martin Quell:",
                Some("Tidewater Wire harbour correspondent Martin Quell"),
            ),
            ("Chair Laura Penhallow R-KY:", Some("Chair Laura Penhallow")),
            (
                "Saltmere Harbour Council Vice President for Port and Fishery Policy Martin Quell:",
                Some("Saltmere Harbour Council Vice President for Port and Fishery Policy Martin Quell"),
            ),
            ("Tidewater Freight SVP Ansel Varga:", Some("Tidewater Freight SVP Ansel Varga")),
            (
                "Harbour Committee on Fisheries Chair Laura Penhallow (R-KY):",
                Some("Harbour Committee on Fisheries Chair Laura Penhallow"),
            ),
            ("Secretary Quell on Morning Tide", Some("Secretary Quell")),
            // A role after the name shows it is a person's; roles before it, a title on it.
            (
                "Ansel Quell, President, Harbour Federation of Pilots (HFP):",
                Some("Ansel Quell"),
            ),
            (
                "**Ansel Quell, Executive Director of Harbour Works: **",
                Some("Ansel Quell"),
            ),
            (
                "Deputy Leader, Saltmere Senate, Brackwater Senator Laura Penhallow:",
                Some("Brackwater Senator Laura Penhallow"),
            ),
            (
                "Minority Whip, Brackwater Congresswoman Laura Penhallow",
                Some("Brackwater Congresswoman Laura Penhallow"),
            ),
            ("Director, Harbour Council on Ageing:", None),
            (
                "Statement of Laura Penhallow, Executive Director, Harbour Alliance:",
                Some("Laura Penhallow"),
            ),
            (
                "Laura Penhallow of Saltmere, Calveria, who fishes the east channel:",
                Some("Laura Penhallow"),
            ),
            ("Fishers’ Welfare Fund:", Some("Fishers’ Welfare Fund")),
            (
                "Chair of the Harbour Chiefs of Staff Gen. Ansel Varga:",
                Some("Chair of the Harbour Chiefs of Staff Gen. Ansel Varga"),
            ),
            // A lowercase description with no full name after it names no one.
            ("Saltmere business owner:", None),
            ("Tidewater Wire harbour correspondent:", None),
        ] {
            assert_eq!(label_speaker(label).as_deref(), want, "{label}");
        }
        for (label, want) in [
            ("Harbour Daily:", Some("Harbour Daily")),
            (
                "The Saltmere Gazette (Saltmere, Calveria):",
                Some("Saltmere Gazette"),
            ),
            ("Axios:", Some("Axios")),
            ("WKRX-TV (Port Maren):", Some("WKRX-TV")),
            ("HarbourNews.com:", Some("HarbourNews.com")),
            ("FishDaily:", Some("FishDaily")),
            ("FACT:", None),
            ("HOAX:", None),
            ("PROMISE MADE:", None),
            ("Today:", None),
            ("Press Secretary Nora Vale:", None),
        ] {
            assert_eq!(outlet_label(label).as_deref(), want, "{label}");
        }
        assert_eq!(
            headline_label("Harbour Daily: Port reopens after the storm"),
            Some(("Harbour Daily".to_owned(), true))
        );
        assert_eq!(headline_label("FACT: The port never closed"), None);
        assert_eq!(headline_label("Harbour Daily: “Port reopens”"), None);
        assert_eq!(
            list_speaker("Harbour Secretary Martin Quell on Morning Tide"),
            Some("Harbour Secretary Martin Quell".to_owned())
        );
        assert_eq!(
            list_speaker("Key moments from Nora Vale’s remarks:"),
            Some("Nora Vale".to_owned())
        );
        assert_eq!(list_speaker("Here are the key moments:"), None);
        assert_eq!(list_speaker("The dredging ran late in the spring"), None);
        assert!(nothing_but_link_label("” (Watch)"));
        assert!(nothing_but_link_label("”."));
        assert!(!nothing_but_link_label(
            "” (from the harbour board's report, page 4)"
        ));
        assert!(!nothing_but_link_label("” was how she put it."));
        assert!(topic_label("On the harbour dues:"));
        assert!(!topic_label("On Tuesday the board said:"[..8].trim()));
        assert!(first_person("We have cleared the channel."));
        assert!(!first_person("The board cleared the channel on Tuesday."));
        // A dash and a label close the paragraph.
        check(
            "“The channel is open and it will stay open.” — Harbour Secretary Martin Quell",
            &[("The channel", named("Harbour Secretary Martin Quell"))],
        );
        check(
            "“The channel is open and it will stay open.” — as the pilots had hoped.",
            &[("The channel", None)],
        );
        assert_eq!(surname_label("Quell (May 6):"), Some("Quell"));
        assert_eq!(surname_label("Ellison:"), Some("Ellison"));
        assert_eq!(surname_label("**Frey:**"), Some("Frey"));
        assert_eq!(surname_label("Secretary:"), None);
        assert_eq!(surname_label("The:"), None);
        assert_eq!(surname_label("Sen. Frey:"), None);
        // Only a label that opens the paragraph: mid-paragraph colons keep their own rules.
        check(
            "It came down to one line. Breaking News: “The vote is off for today.”",
            &[("The vote", None)],
        );
    }

    #[test]
    fn a_closing_quotation_ends_the_narrators_sentence() {
        assert_eq!(
            last_named_subject(
                "Ivo Grint said: “The ferries will stop before winter.” Tomas Reed walked to the dock."
            )
            .as_deref(),
            Some("Tomas Reed")
        );
        assert_eq!(
            last_named_subject("Ivo Grint said: \"It is fine.\" Tomas Reed walked to the dock.")
                .as_deref(),
            Some("Tomas Reed")
        );
    }

    #[test]
    fn straight_single_marks_nest_and_ask_is_a_cue() {
        let found =
            find_quotes("“Coach Ilse Varga told me, 'Well done,' and I laughed,” Pell said.");
        let inner: Vec<&str> = found
            .iter()
            .filter(|q| q.nested)
            .map(|q| q.text.as_str())
            .collect();
        assert_eq!(inner, vec!["Well done,"]);
        // Apostrophes open and close nothing.
        let found = find_quotes("“The players' union won't budge,” Pell said.");
        assert!(found.iter().all(|q| !q.nested));
        check(
            "“Then I heard Ansel Brook ask, quote, ‘Is it done?’” Pell testified.",
            &[
                ("Then I heard", named("Pell")),
                ("Is it done?", named("Ansel Brook")),
            ],
        );
    }

    #[test]
    fn two_closing_apostrophes_then_an_appositive() {
        check(
            "“It was a mistake,’’ Will Ravel, chief executive of the fact-checking site Clear Count, told the Courier.",
            &[("It was a mis", named("Will Ravel"))],
        );
        check(
            "“It was a mistake,’’ Will Ravel, chief executive of the fact-checking site Clear Count, told the BBC.",
            &[("It was a mis", named("Will Ravel"))],
        );
        // The listener after "told" is not the speaker.
        check(
            "“We will appeal the ruling,” told the Courier.",
            &[("We will appe", None)],
        );
    }

    #[test]
    fn who_issued_a_statement() {
        assert_eq!(
            author_of(
                "Talks ended on Monday. Brackwater Rovers said in a statement that he had left.",
                "statement"
            ),
            Some("Brackwater Rovers".to_owned())
        );
        assert_eq!(
            author_of(
                "Two ferries collided, the Calverian coastguard said in an Oct. 3 letter.",
                "letter"
            ),
            Some("Calverian coastguard".to_owned())
        );
        assert_eq!(author_of("A statement was read out.", "statement"), None);
    }

    #[test]
    fn cue_before_the_quote() {
        check(
            "Ben Caspit suggests, “Maybe all the upheavals help the talks.”",
            &[("Maybe", named("Ben Caspit"))],
        );
        check("In interviews with Ben Birnbaum, Justice Minister Tzipi Livni stressed, “When I make decisions, I think.”", &[("When ", named("Justice Minister Tzipi Livni"))]);
        check("As Secretary Kerry stated during his Senate confirmation hearing, “So much of what we aspire to achieve.”", &[("So mu", named("Secretary Kerry"))]);
        check("Praising the initiative, David Ignatius says that “what Kerry has done is remarkable.”", &[("what ", named("David Ignatius"))]);
        check(
            "Lara Friedman argued that the “stakes are simply too high to give in.”",
            &[("stake", named("Lara Friedman"))],
        );
    }

    #[test]
    fn an_unnamed_source_is_described_without_unnamed() {
        check(
            "An unnamed Harbour Party staffer said that Tallow is “unflappable and constantly focused on the task.”",
            &[("unflappable", description("Harbour Party staffer"))],
        );
    }

    #[test]
    fn any_verb_that_that_follows_reports_its_subjects_words() {
        // "spotlighted that", "offered that": verbs no list of speech verbs holds.
        check(
            "And Ruelas spotlighted that the former minister “left us $8 billion in debt.”",
            &[("left us", named("Ruelas"))],
        );
        check(
            "She offered that “Halm seemed to have more swagger tonight.”",
            &[("Halm seemed", Some(Cue::Pronoun))],
        );
        // A plural noun before a relative "that" is no verb, and "means that" reports
        // nothing.
        check(
            "The budget keeps the cuts that “will hurt every family in Dunwick.”",
            &[("will hurt", None)],
        );
        check(
            "This means that “temporary housing for the displaced families” is here to stay.",
            &[("temporary", None)],
        );
    }

    #[test]
    fn according_to_and_words_of() {
        check(
            "According to Daniel Kurtzer and Gilead Sher, “Kerry must be agile and creative.”",
            &[(
                "Kerry",
                Some(Cue::Several(vec![
                    "Daniel Kurtzer".into(),
                    "Gilead Sher".into(),
                ])),
            )],
        );
        check(
            "According to the Haaretz editorial board, “The meeting in Ramallah mattered a lot.”",
            &[("The m", named("Haaretz editorial board"))],
        );
        check("For Israel, in the words of one Israeli official, “the conflict shadows [our] relationships” with the Arab world.", &[("the c", description("Israeli official"))]);
    }

    #[test]
    fn cue_after_the_quote() {
        check("“No one is under any illusions that this will be easy,” said The New York Times editorial board. “Both sides must summon the courage.”", &[
            ("No one", named("New York Times editorial board")),
            ("Both s", Some(Cue::SameAsPrevious)),
        ]);
        check("A senior official said so. \"Both sides have made clear to us that they want peace,\" the official told reporters.", &[("Both ", Some(Cue::Description { text: "official".into(), anaphoric: true }))]);
        check(
            "“I don’t know what his intentions are”, he said, “but I have my opposition too.\"",
            &[("I don", Some(Cue::Pronoun)), ("but I", Some(Cue::Pronoun))],
        );
    }

    #[test]
    fn appositives_and_abbreviations() {
        check("“We had some issues ... that didn’t make me feel good,” Mayer, the company’s chairman of streaming, said Tuesday at a conference.", &[("We had", named("Mayer"))]);
        check("Omar Lamrani, a senior analyst at Stratfor, the Texas-based intelligence firm, told reporters in 2018 that the group was “fairly secular by regional standards and focused.”", &[("fairly", named("Omar Lamrani"))]);
        check("“This is mainly due to the change in wind direction,” Kurinji Selvaraj, a research analyst at the Council on Energy, Environment and Water think tank told reporters.", &[("This i", named("Kurinji Selvaraj"))]);
        check("Cmdr. Sean Robertson, a spokesperson for the coalition, told reporters on Nov. 3 that the claim “is patently false,” and that “the United States is not preventing people from leaving.”", &[("is pat", named("Cmdr. Sean Robertson")), ("the Un", Some(Cue::SameAsPrevious))]);
        check(
            "“We believe that justice has been served in this case,” said U.S. Attorney Nealy Cox.",
            &[("We bel", named("U.S. Attorney Nealy Cox"))],
        );
        check("Richardson, via a newspaper, said that Rudolph “can't start a fight and then claim bullying.”", &[("can't", named("Richardson"))]);
        check("“We suggest that the outgassing occurs at lower levels,” Paganini and his team wrote in the paper.", &[("We sug", named("Paganini"))]);
        check("“Numerical experiments of this kind are successful,” Dylan Nelson, a fellow at the institute in Munich, Germany, and co-author of the study, said.", &[("Numeri", named("Dylan Nelson"))]);
        // A time after the verb is not a speaker.
        check(
            "“Bigger than just the little deal” announced in October, the paper said.",
            &[("Bigger", None)],
        );
    }

    #[test]
    fn inverted_appositives() {
        check("“We came here to sign a protocol,” said Calveria's deputy foreign minister, Tomasz van der Berg.", &[("We cam", named("Tomasz van der Berg"))]);
        check("Its chief executive, Kaspar Idowu, wrote in a blog post last month, “We are committed to Dunwick.”", &[("We are", named("Kaspar Idowu"))]);
        check("He recalled that the chief negotiator, Ilse Marquardt-Haas, had assured the guild that the demand was “a card to be played, not kept.”", &[("a card", named("Ilse Marquardt-Haas"))]);
        check("It followed a week in which the minister had insisted, in the words of a senior Finance Ministry aide, that “not a single line of the spending plan” was up for negotiation.", &[("not a ", description("senior Finance Ministry aide"))]);
    }

    #[test]
    fn descriptions_with_bodies() {
        check("A spokesperson for the Calverian Foreign Ministry said the delegation would stay “for as long as there is something left.”", &[("for as", description("spokesperson for the Calverian Foreign Ministry"))]);
        check("“We are targeting money where it will leverage investment,” a spokesperson for the ministry said.", &[("We are", description("spokesperson for the ministry"))]);
        check("“We are not maintaining these ports anymore,” one harbour engineer we interviewed in Dunwick told us.", &[("We are", description("harbour engineer"))]);
        check("“We have listened, and we have adjusted,” said the foreign secretary, Edvard Rasmussen-Thal, at a news conference.", &[("We hav", named("Edvard Rasmussen-Thal"))]);
        // A number's full stop ends the sentence: the next quotation goes on with the speaker.
        check(
            "“It is safe,” said Reed, 52. “I was never in favour of it.”",
            &[
                ("It is", named("Reed")),
                ("I was", Some(Cue::SameAsPrevious)),
            ],
        );
        check("Calveria’s Deputy Harbour Minister, Tomasz van der Pell, said in a brief statement that he welcomed “any proposal that works,” but no more.", &[("any pr", named("Tomasz van der Pell"))]);
        // A capitalised role before the name in commas: the person, not the role's last word.
        check(
            "Harbour Trust Chief Executive, Morwen Drake, said: “We welcome the decision.”",
            &[("We wel", named("Morwen Drake"))],
        );
    }

    /// A party's member after a determiner describes an unnamed source, wherever the cue
    /// stands; the capitalised words are no body's name (two states' Republicans are two
    /// sources).
    #[test]
    fn party_members_are_descriptions() {
        check(
            "“Kaine in a blowout,” an Iowa Republican predicted.",
            &[("Kaine ", description("Iowa Republican"))],
        );
        check("“Pence will have to defend Trump,” said a New Hampshire Republican, who, like all insiders, completed the survey.", &[("Pence ", description("New Hampshire Republican"))]);
        check(
            "One Nevada Democrat asked simply, “Who cares?”",
            &[("Who ca", description("Nevada Democrat"))],
        );
        check(
            "“That is a different brand,” jokes Groene.",
            &[("That i", named("Groene"))],
        );
    }

    /// "It's ‘No, no, no’" inside a quotation: a contraction, not a possessor "It".
    #[test]
    fn a_contraction_is_no_possessor() {
        assert_ne!(
            cue_before("I made over 1,900 demos for this movie. It's"),
            Some(Cue::Named("It".to_owned()))
        );
        assert_eq!(cue_before("Kerry’s"), Some(Cue::Named("Kerry".to_owned())));
    }

    /// What a pronoun believes, in the clause a speech verb reports, is the account of that
    /// verb's subject.
    #[test]
    fn a_belief_reported_by_a_speaker_is_the_speakers() {
        check("In an interview with Oprah Winfrey, Michelle Obama said he believes the administration achieved the platform he promised because Americans “feel the difference now.”", &[("feel t", named("Michelle Obama"))]);
    }

    #[test]
    fn naming_verbs_and_continued_sentences() {
        check("Opposition leader Bartholomew Achterberg called the result “a victory on paper and a defeat everywhere.”", &[("a vict", named("Bartholomew Achterberg"))]);
        check(
            "The condition is also called “feather duvet lung” by doctors.",
            &[],
        );
        check("It does not end the argument about the so-called “green corridor of the coast,” which I accept.", &[("green ", None)]);
        check("The Harbour Board said that congestion had cost shippers “tens of millions of crowns” since the dispute began, and urged both governments to “stop treating the harbour as a chip.”", &[("tens o", named("Harbour Board")), ("stop t", Some(Cue::SameAsPrevious))]);
        check("He recalled that the negotiator, Ilse Marquardt-Haas, had assured the guild that the demand was “a card to be played, not a hand to be kept.” Laurentzen-Abara said he had taken that at face value.", &[("a card", named("Ilse Marquardt-Haas"))]);
    }

    #[test]
    fn participles_and_reported_speech() {
        check("After the hearing, Hawk Sawyer issued a statement about the charges, saying, “I am committed to this agency and its staff.”", &[("I am c", named("Hawk Sawyer"))]);
        check("Sometimes employees don't follow the rules, he said. “But does that mean that they are criminals?”", &[("But do", Some(Cue::Pronoun))]);
        check(
            "He begged lawmakers “not to lose sight of” the conflict.",
            &[("not to", Some(Cue::Pronoun))],
        );
    }

    #[test]
    fn capitals_with_a_full_stop_end_the_sentence() {
        // "ISO." and "US." end their sentence; the next quotation goes on with the speaker.
        check("“We close the locks only in storms,” said Ana Pell, a spokeswoman for Calveria HPA. “The gates are old.”", &[("We close the", named("Ana Pell")), ("The gates ar", Some(Cue::SameAsPrevious))]);
        check("“We close the locks only in storms,” said Ana Pell, attorney for the Harbour Pilots Association (HPA). “The gates are old.”", &[("We close the", named("Ana Pell")), ("The gates ar", Some(Cue::SameAsPrevious))]);
        check(
            "Now, in Tull’s view, the university is known for “silencing conservative speech.”",
            &[("silenc", named("Tull"))],
        );
        check(
            "“There is hatred all right, but it goes further than that,” [Bruck] said.",
            &[("There ", named("Bruck"))],
        );
        check("“What I always found was you have to suggest something to him,” said a close Tull associate.", &[("What I", description("close Tull associate"))]);
        check("The Maren, Calveria, police chief, Jason Ziegler, has asserted that the force “can use whatever force necessary.”", &[("can us", named("Jason Ziegler"))]);
        check("On Thanksgiving, Harbour County sheriff Ivo Brand released a statement condemning the actions of “paid agitators and protesters” without offering any evidence.", &[("paid a", named("Ivo Brand"))]);
        check(
            "The vote follows a ruling in the US. He said he wanted to “write the right into law.”",
            &[("write the ri", Some(Cue::Pronoun))],
        );
    }

    #[test]
    fn ages_times_and_conjunctions_around_the_subject() {
        check(
            "“If you mean to mend the nets, mend them well,” Tobin, 58, said.",
            &[("If you", named("Tobin"))],
        );
        check("Harbour investigators on Tuesday announced fines tied to a “loose network of unlicensed berths” in the bay.", &[("loose", description("Harbour investigators"))]);
        check("While Halvern County officials told the Courier that crews had “regular contact” with the owners, it is unclear.", &[("regul", description("Halvern County officials"))]);
        check(
            "“We mean to finish the dunes,” said the trust’s fundraising director Dan Oakes.",
            &[("We me", named("Dan Oakes"))],
        );
        // A bare number is no one.
        check(
            "One, who asked not to be named, said: “The ministry left us to tidy up after it.”",
            &[("The m", None)],
        );
        check("Ida referred to her brother’s boat and told the paper: “Tomas sold his. It was simpler.”", &[("Tomas", named("Ida"))]);
        check(
            "“We kept the ferry running all winter,” Tobin agreed.",
            &[("We ke", named("Tobin"))],
        );
        check(
            "As the hall jeered, she charged that “we have stopped listening to the coast.”",
            &[("we ha", Some(Cue::Pronoun))],
        );
        check(
            "Tobin was charged with “reckless endangerment of the public” in May.",
            &[("reckl", None)],
        );
        check("Ruth Pell from the charity Harbour Watch told the Courier that “the dunes are finally safe”.", &[("the d", named("Ruth Pell"))]);
        check(
            "Last spring, Dr Pell estimated “up to a third of the fleet” would leave.",
            &[("up to", named("Pell"))],
        );
        check(
            "“That is simply untrue,” Ida Marsh, who is normally calm, barked back.",
            &[("That ", named("Ida Marsh"))],
        );
        check("Asked why, Ida Marsh told “Harbour Morning Show” co-host Ruth Pell, “Because we must.”", &[("Becau", named("Ida Marsh"))]);
        check("Tobin said, “The ferries are exposed. I would say, ‘Touch one of our crews and you will regret it.’”", &[("The f", named("Tobin")), ("Touch", Some(Cue::Pronoun))]);
        check(
            "Inspectors have charged three skippers: Oskar “Big Oskar Pell Varga” of Dunwick and others.",
            &[],
        );
        check("In a statement, Ida Marsh, president of the Calverian Society of Pilots (CSP) said the delay is “costly and avoidable.”", &[("costl", named("Ida Marsh"))]);
        check(
            "Writing in The Harbour Post Ruth said: “The moment I had to ask was the worst.”",
            &[("The m", named("Ruth"))],
        );
    }

    #[test]
    fn a_described_subject_for_a_later_pronoun() {
        assert_eq!(
            last_described_subject("Talks ended. But a spokesperson for the Harbour Employers’ Association (HEA) said its members had cut “atypical contracts”, while hiring.").as_deref(),
            Some("spokesperson for the Harbour Employers’ Association")
        );
        assert_eq!(
            last_described_subject("But a spokesperson for the Ports and Harbours Employers’ Association (PHEA) said its members agreed.").as_deref(),
            Some("spokesperson for the Ports and Harbours Employers’ Association")
        );
        assert_eq!(
            last_described_subject("Ida Marsh said the members had cut contracts."),
            None
        );
    }

    #[test]
    fn inverted_cue_with_description_and_employer() {
        check("“Organics are very important for the possibility of life,” said planetary geologist Rosaly Lopes of NASA's Jet Propulsion Laboratory in California.", &[("Organi", named("Rosaly Lopes"))]);
    }

    #[test]
    fn cue_after_without_a_comma() {
        check(
            "“The people of this country aren’t buying” impeachment, Trump said at a rally.",
            &[("The pe", named("Trump"))],
        );
        check(
            "“We’ve never had demand like we saw that day ” Mayer said.",
            &[("We’ve ", named("Mayer"))],
        );
        check(
            "“Part of the challenge is a character of ‘Oh no, you first,’” Apte said.",
            &[("Part o", named("Apte"))],
        );
    }

    #[test]
    fn a_cue_ending_in_that_introduces_the_next_quotation() {
        check(
            "After trust member Ida Marsh asked “Why has this taken four months?” Mr. Tallow responded that “the review took time.”",
            &[("Why", named("Ida Marsh")), ("the", named("Mr. Tallow"))],
        );
        // "said, adding that" is the first quotation's cue and goes on into the second.
        check(
            "“Once again, we did it,” union president Ansel Quell said, adding that “the tide has turned.”",
            &[("Once", named("Ansel Quell")), ("the ", named("Ansel Quell"))],
        );
    }

    #[test]
    fn a_cue_set_off_by_commas_inside_the_sentence() {
        check(
            "None of the “potentially hundreds” of buyers were named, Ida Marsh said, but the inquiry goes on.",
            &[("potentially", named("Ida Marsh"))],
        );
        // Commas alone name no one: a short phrase in quotes stays a scare quote.
        check("The “harbour levy” was, in the end, a modest one.", &[]);
    }

    #[test]
    fn names_with_a_lowercase_particle() {
        check(
            "“The risk is real,” Noura al-Kaabi, a minister of state, told a conference.",
            &[("The", named("Noura al-Kaabi"))],
        );
    }

    #[test]
    fn scare_quotes_and_titles_are_not_quotations() {
        check(
            "The talks have been described as “serious” by both sides.",
            &[],
        );
        check("He is the author of “Innocent Abroad: An Intimate Account of American Peace Diplomacy.”", &[]);
    }

    #[test]
    fn nested_quotation_with_relative_clause() {
        let text = "Lara Friedman argued that the “stakes are high. We should recall the words of Yitzhak Rabin, who famously said that he would ‘fight terrorism as if there is no peace process’ and ‘pursue peace as if there is no terrorism.’ In today's context, it applies.”";
        let quotes = find_quotes(text);
        assert_eq!(quotes.len(), 3);
        assert_eq!(quotes[0].cue, named("Lara Friedman"));
        assert_eq!(
            quotes[1].text,
            "fight terrorism as if there is no peace process"
        );
        assert_eq!(quotes[1].cue, named("Yitzhak Rabin"));
        assert_eq!(quotes[2].cue, Some(Cue::SameAsPrevious));
        assert!(quotes[1].nested && quotes[2].nested);
    }

    #[test]
    fn possessive_and_unclosed() {
        check(
            "Join Kerry’s “great constituency for peace.”",
            &[("great", named("Kerry"))],
        );
        let quotes = find_quotes("Kessel said: “The accord stands, and it will hold for years");
        assert_eq!(
            quotes[0].text,
            "The accord stands, and it will hold for years"
        );
    }
}
