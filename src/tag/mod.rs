//! Taggers: who speaks, which outlet, when, and who wrote it. Pure functions over a
//! [`Document`] and its [`Segment`]s; no I/O.
//!
//! `quotes` finds quotations and their cues, `names` makes names canonical, `date` parses
//! dates and `byline` reads authors. This module puts them together into [`Passage`]s.

pub mod alias;
pub mod byline;
pub mod date;
pub mod names;
pub mod quotes;

use crate::model::{kind, normalize_whitespace, Document, Passage, Quote, SpeakerRole, SplitWords};
use crate::passage::Segment;
use chrono::NaiveDate;
use names::{split_role, title_case, NameBook};
use quotes::{Cue, RawQuote};
use regex::Regex;
use rustc_hash::FxHashMap as HashMap;
use std::sync::LazyLock;

/// Switches for the taggers (the attribution benchmark turns quotes off).
#[derive(Debug, Clone, Copy)]
pub struct TagOptions {
    pub quotes: bool,
}

impl Default for TagOptions {
    fn default() -> Self {
        TagOptions { quotes: true }
    }
}

static SPEECH_POSSESSIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<who>[^’']{3,80}?)['’]S?\s+(?:\w+\s+){0,3}?(?i:ADDRESS|SPEECH|REMARKS|STATEMENT|MESSAGE|LECTURE|TESTIMONY|STATE OF THE UNION)\b").unwrap()
});
static SPEECH_BY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?i:(?:inaugural\s+|farewell\s+|joint\s+|opening\s+|closing\s+)?(?:remarks|address|speech|statement|message|testimony|lecture|keynote)(?:\s+as\s+prepared\s+for\s+delivery)?)\s+(?i:by|of)\s+(?P<who>[^,:;()]+?)(?:\s+(?i:on|at|to|in|before|after|during|for|regarding|announcing|celebrating|honoring|honouring|aboard|and|with|upon|following|marking|as)\s|[,:;(]|$)").unwrap()
});

/// The speaker a title names for the whole text: "PRESIDENT HARRY S. TRUMAN'S ADDRESS ..."
/// or "Remarks by President Biden on ...". Returns the phrase as written.
pub fn speech_speaker(title: &str) -> Option<String> {
    let title = normalize_whitespace(title);
    let who = SPEECH_BY
        .captures(&title)
        .or_else(|| SPEECH_POSSESSIVE.captures(&title))
        .map(|caps| caps["who"].trim().to_owned())?;
    // A title goes on after the name with a gerund or a dash ("... Biden Highlighting ...").
    let who: String = who
        .words()
        .enumerate()
        .take_while(|(idx, w)| {
            *idx < 2 || !(matches!(*w, "—" | "–" | "-") || (w.ends_with("ing") && w.len() >= 6))
        })
        .map(|(_, w)| w)
        .collect::<Vec<_>>()
        .join(" ");
    let who = if who.chars().any(|c| c.is_lowercase()) {
        who
    } else {
        who.words().map(title_case).collect::<Vec<_>>().join(" ")
    };
    let name = split_role(&who);
    let first = name.name.words().next()?;
    if !names::is_capitalized(first) || name.name.words().count() > 6 {
        return None;
    }
    Some(who)
}

/// Everything document-wide that passages inherit.
struct DocContext {
    doc_id: String,
    title: Option<String>,
    date: Option<NaiveDate>,
    authors: Vec<String>,
    org: Option<String>,
    outlet: Option<String>,
    book: NameBook,
    speech_speaker: Option<(String, Option<String>)>,
    /// A roundup whose labels name speakers ("Sen. Ida Marsh: “...”" three times or more):
    /// its other labels before a quotation name the body that speaks (`quotes::body_label`).
    labelled_roundup: bool,
}

impl DocContext {
    fn expand_outlet(&self, short: &str) -> String {
        expand_outlet(short, self.outlet.as_deref(), self.title.as_deref())
    }
}

/// The full name of an outlet a text gives in short ("(Tidewater)", "the Courier’s editorial
/// board"): the document's outlet when it begins or ends with the short form, else the
/// longer name the title starts with it ("TIDEWATER WIRE — REGIONAL BRIEFS").
fn expand_outlet(short: &str, outlet: Option<&str>, title: Option<&str>) -> String {
    let short = short.trim().trim_start_matches("The ").trim();
    let short = short
        .strip_suffix("’s")
        .or_else(|| short.strip_suffix("'s"))
        .unwrap_or(short);
    let lower = short.to_lowercase();
    if let Some(outlet) = outlet {
        let full = outlet.trim_start_matches("The ");
        let full_lower = full.to_lowercase();
        if full_lower == lower
            || full_lower.starts_with(&format!("{lower} "))
            || full_lower.ends_with(&format!(" {lower}"))
        {
            return full.to_owned();
        }
    }
    if let Some(title) = title {
        let words: Vec<&str> = title.words().collect();
        let short_words = short.words().count();
        for start in 0..words.len() {
            let end = (start + short_words).min(words.len());
            if words[start..end].join(" ").to_lowercase() != lower {
                continue;
            }
            let extra: Vec<&str> = words[end..]
                .iter()
                .take_while(|w| w.chars().all(char::is_alphabetic) && names::is_capitalized(w))
                .take(2)
                .copied()
                .collect();
            if extra.is_empty() {
                break;
            }
            return words[start..end + extra.len()]
                .iter()
                .map(|w| {
                    if w.chars().all(|c| !c.is_lowercase()) {
                        title_case(w)
                    } else {
                        (*w).to_owned()
                    }
                })
                .collect::<Vec<_>>()
                .join(" ");
        }
    }
    // "KABUL (AP) --": the wire services' own names, as their sites give them
    // (`ingest::html::meta` names apnews.com "Associated Press").
    match short {
        "AP" => "Associated Press",
        "AFP" => "Agence France-Presse",
        "UPI" => "United Press International",
        _ => short,
    }
    .to_owned()
}

/// Last words of a body's name that an "of" phrase continues ("Association of ...",
/// "Secretary of State").
fn is_body_word(word: &str) -> bool {
    names::is_org_head(word) || matches!(word, "Secretary" | "Minister")
}

/// A speaker resolved to its canonical name, with the role the text gives.
fn resolve_name(book: &NameBook, phrase: &str) -> (String, Option<String>) {
    // "Republican Study Committee", "Department of Labor": a body's whole name, none of its
    // words a role or a place to strip.
    let bare = phrase.trim().trim_start_matches("The ");
    let words: Vec<&str> = bare.words().collect();
    // "Harbour Committee on Fisheries and Ports": a body's head noun, then what it is for,
    // with no role or person after it.
    let head_then_remit = words
        .windows(2)
        .position(|pair| names::is_org_head(pair[0]) && pair[1] == "on");
    // "Harbour Committee on Fisheries Chair Ida Marsh" ends with a person.
    let person_after = |at: usize| {
        words[at + 1..].iter().any(|w| {
            names::is_org_head(w)
                || names::SHORT_TITLES.contains(&w.trim_end_matches('.'))
                || matches!(
                    *w,
                    "Chair"
                        | "Chairman"
                        | "Chairwoman"
                        | "Member"
                        | "Director"
                        | "President"
                        | "Secretary"
                        | "Leader"
                        | "Whip"
                        | "CEO"
                )
        }) || words.len() >= 2 && names::given_name_gender(words[words.len() - 2]).is_some()
    };
    let body_to_the_end = head_then_remit.is_some_and(|at| !person_after(at))
        && words
            .iter()
            .all(|w| names::is_capitalized(w) || matches!(*w, "on" | "and" | "&" | "the"));
    if body_to_the_end {
        // Its whole name, as written: the name runs of the document may cut it at "and".
        return (bare.to_owned(), None);
    }
    if words.len() >= 2
        && words.last().is_some_and(|w| names::is_org_head(w))
        && names::given_name_gender(words[0]).is_none()
        && words.iter().all(|w| {
            names::is_capitalized(w) || matches!(*w, "of" | "for" | "on" | "and" | "&" | "the")
        })
    {
        return (book.canonical(bare), None);
    }
    let split = split_role(&names::strip_leading_non_names(phrase));
    // "Agnes Vitter of Tarrin": the name ends where a place or employer begins; "Association
    // of Marine Insurers" is one body's name.
    let split = match split.name.split_once(" of ") {
        Some((name, _))
            if name.words().count() >= 2 && !name.rsplit(' ').next().is_some_and(is_body_word) =>
        {
            names::RoleName {
                role: split.role,
                name: name.to_owned(),
            }
        }
        _ => split,
    };
    let mut canonical = book.canonical(&split.name);
    // The document's fullest form of a name can be a label's run with its role ("Harbour
    // Line CEO Ida Marsh"): the name is what is left of it without the role.
    if canonical != split.name && canonical.len() > split.name.len() {
        let again = split_role(&canonical);
        // A person's name: capitalised words, the last no body's head noun.
        let person = again.name.words().count() >= 2
            && again.name.words().all(names::is_capitalized)
            && !again
                .name
                .rsplit(' ')
                .next()
                .is_some_and(names::is_org_head);
        // ... right after a role word ("CEO Ida Marsh"; not "Department of Health and Human
        // Services", which is a body's name).
        let after_role = again
            .role
            .as_deref()
            .and_then(|role| role.rsplit(' ').next())
            .is_some_and(names::is_role_word);
        if after_role && person {
            canonical = again.name;
        }
    }
    // "Harbour Council Vice President of Ports and Fisheries Ida Marsh": a role's remit left
    // before the name; the name is the known given name and the words after it.
    canonical = name_after_remit(&canonical).unwrap_or(canonical);
    // "President Marsh" is a person, not the "Marsh Administration" a short name can mean.
    if split.role.is_some()
        && canonical != split.name
        && canonical.rsplit(' ').next().is_some_and(names::is_org_head)
        && !split
            .name
            .rsplit(' ')
            .next()
            .is_some_and(names::is_org_head)
    {
        canonical = book.canonical_person(&split.name);
    }
    // "President Trump" on a page naming "President Donald J. Trump" and "First Lady Melania
    // Trump": the surname alone is ambiguous, and the role tells which of them it is.
    if canonical == split.name && !canonical.contains(' ') {
        if let Some(full) = split
            .role
            .as_deref()
            .and_then(|role| book.full_name_with_role(&canonical, role))
        {
            canonical = full;
        }
    }
    let role = split
        .role
        .or_else(|| book.role(&canonical).map(str::to_owned));
    (canonical, role)
}

/// The person at the end of a role with its remit ("... Vice President of Ports and Fisheries
/// Ida Marsh" -> "Ida Marsh"): a known given name among the last three words, every word from
/// it on a name word, after a role word and an "of"/"for".
fn name_after_remit(phrase: &str) -> Option<String> {
    let words: Vec<&str> = phrase.words().collect();
    if words.len() < 5 {
        return None;
    }
    let given = (words.len().saturating_sub(3)..words.len() - 1)
        .find(|&at| names::given_name_gender(words[at]).is_some())?;
    let name = &words[given..];
    let before = &words[..given];
    let remit = before.iter().any(|w| matches!(*w, "of" | "for"));
    let role = before
        .iter()
        .any(|w| names::is_role_word(w) && w.chars().any(char::is_lowercase));
    (remit
        && role
        && name
            .iter()
            .all(|w| names::is_capitalized(w) && !names::is_role_word(w))
        && !name.iter().any(|w| names::is_org_head(w)))
    .then(|| name.join(" "))
}

/// The speaker of a question turn ("Q"): a reporter, not a person's name.
const REPORTER: &str = "Reporter";

/// Resolves a transcript label: "MS. PSAKI" -> "Jen Psaki", "Q" -> "Reporter",
/// "THE PRESIDENT" -> the president the page names.
fn resolve_label(book: &NameBook, label: &str) -> (String, Option<String>) {
    if label == "Q" {
        return (REPORTER.to_owned(), None);
    }
    let words: Vec<String> = label.words().map(title_case).collect();
    let honorifics = ["Mr.", "Ms.", "Mrs.", "Dr.", "Miss", "Mr", "Ms", "Mrs", "Dr"];
    if words.first().is_some_and(|w| w == "The") && words.len() > 1 {
        let role = words[1..].join(" ");
        if let Some(holder) = book.holder_of(&role) {
            return (book.canonical(holder), Some(role));
        }
        return (words.join(" "), None);
    }
    let rest: Vec<String> = words
        .iter()
        .filter(|w| !honorifics.contains(&w.as_str()))
        .cloned()
        .collect();
    if rest.is_empty() {
        return (words.join(" "), None);
    }
    resolve_name(book, &rest.join(" "))
}

/// For "the board" or "the council", the named body mentioned before: "The Osterhold Times
/// editorial board", "Brackwater District Council".
fn named_body_before(before: &str, head: &str) -> Option<String> {
    let (at, suffix) = if head == "board" && before.contains("editorial board") {
        (
            before.rfind("editorial board")?,
            "editorial board".to_owned(),
        )
    } else {
        let capital = title_case(head);
        let at = before
            .match_indices(capital.as_str())
            .map(|(at, _)| at)
            .filter(|&at| {
                let end = at + capital.len();
                before[end..]
                    .chars()
                    .next()
                    .is_none_or(|c| !c.is_alphanumeric())
            })
            .last()?;
        (at, capital)
    };
    let words: Vec<&str> = before[..at].words().collect();
    let run: Vec<&str> = words
        .iter()
        .rev()
        .take_while(|w| names::is_capitalized(w) && !w.ends_with([',', '.', ';', ':']))
        .copied()
        .collect();
    if run.is_empty() {
        return None;
    }
    let body: Vec<&str> = run.into_iter().rev().collect();
    let body = body.join(" ");
    let body = body.trim_start_matches("The ");
    if body.is_empty() || body == "The" {
        return None;
    }
    Some(format!("{body} {suffix}"))
}

/// For "the official", the fuller earlier description "senior US State Department official":
/// the last "a/an/one/another/two/three/several ... official" before the quotation, with at
/// most six words between the determiner and the noun.
fn antecedent_description(before: &str, head: &str) -> Option<String> {
    const INDEFINITE: &[&str] = &["a", "an", "one", "another", "two", "three", "several"];
    let tokens: Vec<&str> = before.words().collect();
    let word = |t: &str| {
        t.trim_end_matches(|c: char| !c.is_alphanumeric())
            .to_owned()
    };
    for end in (0..tokens.len()).rev() {
        if word(tokens[end]) != head {
            continue;
        }
        for start in (end.saturating_sub(7)..end).rev() {
            // The description may not run across a clause or sentence break.
            if start + 1 < end
                && tokens[start..end].iter().skip(1).any(|t| {
                    t.trim_end_matches(['”', '"', '’'])
                        .ends_with([',', '.', ';', ':', '?', '!'])
                })
            {
                break;
            }
            if INDEFINITE.contains(&tokens[start].to_lowercase().as_str()) {
                let words: Vec<String> = tokens[start + 1..end]
                    .iter()
                    .map(|t| t.to_string())
                    .chain([head.to_owned()])
                    .collect();
                return Some(words.join(" "));
            }
        }
    }
    None
}

const SUBJECT_VERBS: &[&str] = &[
    "has", "had", "was", "is", "will", "would", "can", "could", "did", "does", "called", "met",
    "told", "said", "says", "spoke", "went", "took", "made", "gave", "wrote", "sent",
];

/// The last person in subject position before `end`: a capitalised run followed by a verb.
fn last_subject(text: &str) -> Option<String> {
    let tokens: Vec<&str> = text.words().collect();
    let mut best = None;
    let mut idx = 0;
    while idx < tokens.len() {
        if tokens[idx].starts_with('(') || !names::is_capitalized(names::clean_token(tokens[idx])) {
            idx += 1;
            continue;
        }
        let start = idx;
        while idx < tokens.len()
            && names::is_capitalized(names::clean_token(tokens[idx]))
            && (idx == start
                || !tokens[idx - 1].ends_with([',', '.', ';', ':'])
                || (tokens[idx - 1].len() <= 3 && !names::is_capitals(tokens[idx - 1])))
        {
            idx += 1;
        }
        let run: Vec<&str> = tokens[start..idx]
            .iter()
            .map(|t| names::clean_token(t))
            .collect();
        let Some(next) = tokens.get(idx) else { break };
        let last_raw = tokens[idx - 1];
        let verb_like = !last_raw.ends_with([',', ';', ':', '.'])
            && (SUBJECT_VERBS.contains(next)
                || next.ends_with("ed")
                || (next.ends_with('s') && next.len() > 3 && !next.ends_with("ss")));
        if verb_like && next.chars().next().is_some_and(char::is_lowercase) {
            let phrase = names::strip_leading_non_names(&run.join(" "));
            let first = phrase.words().next().unwrap_or("");
            if names::is_name_token(first) || names::is_role_word(first) {
                best = Some(phrase);
            }
        }
    }
    best
}

/// Nouns for one person's office that a writer uses instead of the name of someone just
/// named ("Speaking in the Assembly, the Harbour Party MP said"), beside the trades and
/// offices of `quotes::EPITHET_NOUNS` ("the former mayor said"). Spokespeople are left out:
/// "the spokesman" speaks for a body.
const OFFICE_EPITHETS: &[&str] = &[
    "president",
    "minister",
    "secretary",
    "representative",
    "ambassador",
    "envoy",
    "judge",
    "attorney",
    "chairman",
    "chairwoman",
    "executive",
    "leader",
    "lawmaker",
    "mp",
    "mep",
    "msp",
    "mla",
    "ceo",
    "coach",
    "manager",
    // Party members: "the California Republican said", "the Democrat added".
    "republican",
    "democrat",
];

/// For an epithet in place of a name ("the Harbour Party MP", "the former mayor"), the
/// person the narrator's last sentences are about, when the document gives that person a
/// full name (two words or more, no body), else the last person quoted ("The veteran singer
/// then added:"). Only when the epithet names no one itself: no capitalised word that
/// could be a name, a person's office or trade last.
fn epithet_referent(
    ctx: &DocContext,
    around: &Around<'_>,
    before: &str,
    phrase: &str,
) -> Option<String> {
    let words: Vec<&str> = phrase.words().collect();
    let head = words.last()?.to_lowercase();
    if !OFFICE_EPITHETS.contains(&head.as_str()) && !quotes::EPITHET_NOUNS.contains(&head.as_str())
    {
        return None;
    }
    // "Calverian Prime Minister Ana Ruelas" names her; "Harbour Party MP" does not.
    let names_someone = words[..words.len() - 1].iter().any(|w| {
        names::is_capitalized(w)
            && !names::is_role_word(w)
            && !names::is_role_word(&title_case(w))
            && names::given_name_gender(w).is_some()
    });
    if names_someone || words.len() > 5 {
        return None;
    }
    // The sentences before the epithet's own.
    let earlier = format!("{} {before}", around.context);
    let earlier = &earlier[..earlier.rfind(phrase).unwrap_or(earlier.len())];
    // "the actress says": a woman; "the congressman": a man.
    let pronoun = match head.as_str() {
        "actress" | "spokeswoman" | "chairwoman" | "congresswoman" | "councilwoman"
        | "businesswoman" => Some("she"),
        "actor" | "spokesman" | "chairman" | "congressman" | "councilman" | "businessman" => {
            Some("he")
        }
        _ => None,
    };
    let person = |name: &str| {
        name.words().count() >= 2
            && !name.rsplit(' ').next().is_some_and(names::is_org_head)
            && !name.words().any(names::is_role_word)
            && pronoun.is_none_or(|pronoun| gender_fits(&ctx.book, name, pronoun))
    };
    quotes::last_named_subject(earlier)
        .map(|subject| resolve_name(&ctx.book, &subject).0)
        .filter(|name| person(name))
        .or_else(|| {
            around
                .carried_speaker
                .filter(|name| person(name))
                .map(str::to_owned)
        })
}

/// Whether a "he" or "she" can mean the person `name`: false only when the first name is
/// one that the other gender usually has, or the document's courtesy titles give the
/// surname the other gender ([`NameBook::gender`]).
fn gender_fits(book: &NameBook, name: &str, pronoun: &str) -> bool {
    // "They say a minister “came down”": "they" are several people or a body, not the
    // one person named last. A body's name ends in its head noun; a description ("zoo
    // officials") and several speakers are not a person's name either.
    if pronoun == "they" {
        let words: Vec<&str> = name.words().collect();
        let body = words.last().is_some_and(|w| names::is_org_head(w))
            || words.iter().any(|w| !names::is_capitalized(w))
            || name.contains('\u{1}');
        return body;
    }
    // "Dunwick University" is no "he" or "she" ("spokesperson for the ... Association" is).
    if matches!(pronoun, "he" | "she")
        && names::is_capitalized(name)
        && name.rsplit(' ').next().is_some_and(names::is_org_head)
    {
        return false;
    }
    let first = name
        .words()
        .find(|w| w.trim_end_matches('.').chars().count() > 1)
        .unwrap_or("");
    // "“Rest easy, little one,” it said": "it" is a message or a body, never a person.
    if pronoun == "it" && names::given_name_gender(first).is_some() {
        return false;
    }
    !matches!(
        (pronoun, book.gender(name)),
        ("he", Some(names::Gender::Female)) | ("she", Some(names::Gender::Male))
    )
}

/// The one person a stretch of narration mentions whom a "he" or "she" can mean: "Trust
/// Executive Director Javier Betancourt at that time asked for details." then "“...,” he
/// said"; "Diversification is what led Fox to ... when he moved the brewery" then a
/// paragraph "“...,” he says". Full names and the short forms the document gives in full
/// both count; a second candidate, or a name of unknown gender beside one that fits, makes
/// it ambiguous, and then there is no one.
/// Someone the quotation itself names is spoken to ([`addressed`]).
fn lone_person(ctx: &DocContext, narration: &str, pronoun: &str, quoted: &str) -> Option<String> {
    // Who could be meant: any capitalised name but a body's or an outlet's.
    let person = |name: &str| {
        let words: Vec<&str> = name.words().collect();
        words.len() >= 2
            && words.iter().all(|w| names::is_capitalized(w))
            && !words.last().is_some_and(|w| names::is_org_head(w))
            && quotes::outlet_label(name).is_none()
    };
    let mut found: Vec<String> = Vec::new();
    for mention in names::mentions(narration) {
        let name = ctx.book.canonical(&mention.name);
        if person(&name) && !found.contains(&name) {
            found.push(name);
        }
    }
    // "led Fox to become": a surname alone, when the document gives the full name.
    for word in narration.words() {
        let word = names::clean_token(word);
        // "BRT" abbreviates a body, not a person.
        if !names::is_capitalized(word) || word.chars().count() < 2 || names::is_capitals(word) {
            continue;
        }
        let name = ctx.book.canonical(word);
        if name != word && person(&name) && !found.contains(&name) {
            found.push(name);
        }
    }
    let fits: Vec<&String> = found
        .iter()
        .filter(|n| gender_fits(&ctx.book, n, pronoun))
        .collect();
    // The others, if any, are ruled out by their given names or courtesy titles ("Mr.
    // Trump ... Mrs. Clinton" before "“...,” he said").
    (fits.len() == 1 && ctx.book.is_surely_person(fits[0]) && !addressed(fits[0], quoted))
        .then(|| fits[0].clone())
}

/// Whether a quotation calls `name` by a part of it ("What number is it, Roy?", "Kid,
/// come over here", "Tomas, look"): then it is spoken to that person, not by them. A name
/// only mentioned ("it will be Allan, it seems") is not a call.
fn addressed(name: &str, quoted: &str) -> bool {
    name.words()
        .filter(|part| part.chars().count() > 1)
        .any(|part| {
            quoted.match_indices(part).any(|(at, _)| {
                let before = quoted[..at].trim_end_matches(' ');
                let after = &quoted[at + part.len()..];
                (before.is_empty() || before.ends_with(','))
                    && (after.is_empty() || after.starts_with([',', '.', '?', '!']))
            })
        })
}

/// Whether narration speaks of someone as `pronoun` ("he", "she"): the pronoun or its
/// possessive as a word.
fn speaks_of(narration: &str, pronoun: &str) -> bool {
    let forms: &[&str] = match pronoun {
        "he" => &["he", "his", "him"],
        "she" => &["she", "her"],
        _ => return false,
    };
    narration
        .split(|c: char| !c.is_alphabetic())
        .any(|w| forms.iter().any(|f| w.eq_ignore_ascii_case(f)))
}

/// A heading that is a sentence of prose ("Fiona Parry issued a plea for people to stay
/// away from the pills."), as captions and standfirsts set as headings are: its subject is
/// one a "she said" below can mean. A title ("Business news in pictures", "5. Beware the
/// hairdryer") ends with no full stop or capitalises its words.
fn reads_as_sentence(text: &str) -> bool {
    if !is_full_sentence_form(text) {
        return false;
    }
    let (mut words, mut lowercase) = (0, 0);
    for word in text.words() {
        words += 1;
        lowercase += usize::from(word.chars().next().is_some_and(char::is_lowercase));
    }
    lowercase * 2 > words
}

/// Six words or more and a full stop: a heading of that form is a photo's caption or a
/// standfirst ("U.S. President-elect Donald Trump arrives to speak during a USA Thank You
/// Tour event at Giant Center in Hershey, Penn. Thursday."), not a section's title, so the
/// story's last speaker goes on below it.
fn is_full_sentence_form(text: &str) -> bool {
    text.words().count() >= 6 && text.ends_with('.') && !text.ends_with("..")
}

/// How many passages back the last person quoted can still be a "he said" with no nearer
/// candidate: further back, the story has moved on (another item of a round-up, another
/// section), and a wrong speaker is worse than none.
const CARRY_REACH: u64 = 3;

/// What the passages before a passage say about its quotations.
struct Around<'a> {
    /// The text of the passage before (for "the official" referring back).
    context: &'a str,
    /// The previous paragraph alone (empty after a heading), whose subject a "he said"
    /// opening the next paragraph can mean.
    previous: &'a str,
    /// The speaker of the last attributed quotation before this passage.
    carried_speaker: Option<&'a str>,
    /// The speaker a previous passage introduced with a colon ("Idowu was blunter still:").
    introduced_by: Option<&'a str>,
    /// The speaker of the previous paragraph's last quotation, when the narrator moved on
    /// to no one else after it: a paragraph that is nothing but a quotation goes on in
    /// that speaker's words.
    follows: Option<&'a str>,
    /// The speaker a list of quotations goes on in: named by a line of its own before the
    /// list ("Secretary Ida Marsh on Harbour Morning", "Key moments from Marsh’s remarks:")
    /// and kept while every passage since is nothing but that speaker's quotation.
    listed_by: Option<&'a str>,
    /// The source a previous line of a source and a headline named (`quotes::headline_label`),
    /// and whether it is an outlet: the speaker of an excerpt opening this passage.
    headed_by: Option<(&'a str, bool)>,
    /// The passage's own outlet (a news item's), for "the Courier’s editorial board".
    outlet: Option<&'a str>,
    /// Who speaks the passage itself (a transcript turn's or a speech's speaker): the "I"
    /// of "I said, “...”".
    narrator: Option<&'a str>,
}

/// Whether the words before a quotation end in the narrator's own cue: "I said,", "And I
/// told them:", "I say".
fn said_by_i(before: &str) -> bool {
    let clause =
        before.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, ',' | ':' | '“' | '"'));
    let words: Vec<&str> = clause.words().collect();
    let tail = &words[words.len().saturating_sub(4)..];
    tail.iter().position(|w| *w == "I").is_some_and(|at| {
        let cue = tail[at + 1..].join(" ");
        !cue.is_empty() && !cue.contains(['.', '?', '!', ',']) && quotes::has_cue_verb(&cue)
    })
}

/// The words before a quotation's opening mark.
fn label_before(before: &str) -> &str {
    before
        .trim_end()
        .trim_end_matches(['“', '"', '‘', '\''])
        .trim_end()
}

/// Resolves the cues of a passage's quotations to speakers.
fn attribute(
    ctx: &DocContext,
    around: &Around<'_>,
    text: &str,
    raw_quotes: &[RawQuote],
    roles: &mut Vec<SpeakerRole>,
) -> Vec<(Quote, Vec<String>)> {
    let mut out: Vec<(Quote, Vec<String>)> = Vec::new();
    let mut previous_end = 0usize;
    let board = |body: &str| {
        let full = expand_outlet(
            body,
            around.outlet.or(ctx.outlet.as_deref()),
            ctx.title.as_deref(),
        );
        vec![format!("{full} editorial board")]
    };
    // Nothing but quotations: no cue, and no narrator's words after them but a link's
    // label in parentheses ("“...” (Watch)"); "“...” was how one diplomat summed up the
    // mood" names its own speaker.
    let only_quotes = || {
        // A quotation inside one ("a staff member texted him that ‘...’") has its own.
        raw_quotes
            .iter()
            .filter(|q| !q.nested)
            .all(|q| matches!(q.cue, None | Some(Cue::SameAsPrevious)))
            // "“...,” said one of the keepers. “...”": a cue of its own, even one that
            // names no one, is no continuation.
            && !raw_quotes
                .windows(2)
                .filter(|pair| !pair[1].nested && pair[0].end <= pair[1].start)
                .any(|pair| quotes::has_cue_verb(&text[pair[0].end..pair[1].start]))
            && raw_quotes
                .iter()
                .filter(|q| !q.nested)
                .map(|q| q.end)
                .max()
                .is_some_and(|end| quotes::nothing_but_link_label(&text[end..]))
    };
    for (idx, raw) in raw_quotes.iter().enumerate() {
        // The quotation before at the same depth: a nested one's speaker does not go on
        // in the next part of the outer quotation.
        let previous = out
            .iter()
            .zip(raw_quotes)
            .rev()
            .find(|(_, r)| r.nested == raw.nested)
            .map(|((_, speakers), _)| speakers.clone())
            .unwrap_or_default();
        let mut add_role = |name: &str, role: Option<String>| {
            if let Some(role) = role {
                if !roles.iter().any(|r| r.speaker == name) {
                    roles.push(SpeakerRole {
                        speaker: name.to_owned(),
                        role,
                    });
                }
            }
        };
        let before = &text[..raw.start];
        let speakers: Vec<String> = match &raw.cue {
            // A quotation that opens a paragraph after "X was blunter still:" is X's.
            None if idx == 0 && before.trim().chars().count() <= 1 => around
                .introduced_by
                // "Harbour Daily: Port reopens" then "“...”": the outlet's excerpt, unless
                // it speaks in the first person (someone the report quotes).
                .or(around
                    .headed_by
                    .filter(|(_, outlet)| !outlet || !quotes::first_person(&raw.text))
                    .filter(|_| !quotes::looks_like_title(&raw.text))
                    .map(|(name, _)| name))
                .or(around
                    .listed_by
                    .or(around.follows)
                    .filter(|_| only_quotes()))
                .map(|s| vec![s.to_owned()])
                .unwrap_or_default(),
            // "Secretary Ida Marsh on Harbour Morning" then "On the harbour: “...”": a topic
            // label in a list of one speaker's quotations.
            None if idx == 0
                && around.listed_by.is_some()
                && quotes::topic_label(label_before(before))
                && only_quotes() =>
            {
                around.listed_by.map(str::to_owned).into_iter().collect()
            }
            // "Ellison: “...”": a one-word label, when the document gives the full name.
            None if idx == 0
                && label_before(before)
                    .trim_end_matches(['*', '_'])
                    .ends_with(':') =>
            {
                quotes::surname_label(label_before(before))
                    .map(|word| ctx.book.canonical(word))
                    .filter(|full| full.contains(' '))
                    // "Harbour Works: “...”" among a roundup's named labels: the body's words.
                    .or_else(|| {
                        ctx.labelled_roundup
                            .then(|| quotes::body_label(label_before(before)))
                            .flatten()
                            .map(|body| resolve_name(&ctx.book, &body).0)
                    })
                    .into_iter()
                    .collect()
            }
            // "Ruano last week said preemption remains his issue. “For me, ...”": a
            // quotation that opens a sentence after one reporting what someone said is
            // theirs.
            None if !raw.nested
                && previous.is_empty()
                && label_before(before).ends_with(['.', '!', '?'])
                && !label_before(before).contains(['“', '”', '"']) =>
            {
                quotes::reported_speaker(label_before(before))
                    .map(|name| resolve_name(&ctx.book, &name).0)
                    .into_iter()
                    .collect()
            }
            None => Vec::new(),
            Some(Cue::Named(phrase)) if phrase.ends_with(" editorial board") => {
                board(phrase.trim_end_matches(" editorial board"))
            }
            Some(Cue::Named(phrase)) => {
                let (name, role) = match ctx.book.holder_of_phrase(phrase) {
                    Some(holder) => (holder, None),
                    None => match epithet_referent(ctx, around, before, phrase) {
                        Some(person) => (person, Some(phrase.clone())),
                        None => resolve_name(&ctx.book, phrase),
                    },
                };
                add_role(&name, role);
                vec![name]
            }
            Some(Cue::Several(phrases)) => phrases
                .iter()
                .map(|p| {
                    let (name, role) = resolve_name(&ctx.book, p);
                    add_role(&name, role);
                    name
                })
                .collect(),
            Some(Cue::SameAsPrevious) => previous,
            // "“... I would say, ‘Touch one of ours ...’”": "I" inside a quotation is whoever
            // speaks it.
            Some(Cue::Pronoun)
                if raw.nested && matches!(raw.pronoun.as_deref(), Some("i" | "we")) =>
            {
                out.iter()
                    .zip(raw_quotes)
                    .rev()
                    .find(|(_, outer)| {
                        !outer.nested && outer.start <= raw.start && raw.end <= outer.end
                    })
                    .map(|((_, speakers), _)| speakers.clone())
                    .unwrap_or_default()
            }
            // "I said, “Let’s get him on my side.”" in a turn or a speech: its speaker's.
            Some(Cue::Pronoun) if !raw.nested && around.narrator.is_some() && said_by_i(before) => {
                around.narrator.map(str::to_owned).into_iter().collect()
            }
            Some(Cue::Pronoun) => {
                let pronoun = raw.pronoun.as_deref().unwrap_or("");
                let he_or_she = matches!(pronoun, "he" | "she");
                // The candidates, nearest first: a person named between the previous
                // quotation and this one, the previous quotation's speaker, the subjects of
                // the sentences before, the last quoted person of earlier passages. A "he"
                // or "she" skips a name whose first name says otherwise.
                let between = &text[previous_end.min(raw.start)..raw.start];
                let mut candidates: Vec<(String, Option<String>)> = Vec::new();
                if !previous.is_empty() {
                    if let Some(subject) = quotes::last_named_subject(between) {
                        candidates.push(resolve_name(&ctx.book, &subject));
                    }
                    candidates.push((previous.join("\u{1}"), None));
                } else {
                    let mut subjects = quotes::named_subjects(before);
                    if subjects.is_empty() {
                        // Only the narrator's words after the last quotation.
                        subjects.extend(last_subject(quotes::after_last_quote_mark(before)));
                    }
                    candidates.extend(subjects.iter().map(|s| resolve_name(&ctx.book, s)));
                    if he_or_she {
                        // The one person the paragraph's own words so far mention.
                        let narration = quotes::after_last_quote_mark(before);
                        candidates.extend(
                            lone_person(ctx, narration, pronoun, &raw.text)
                                .map(|name| (name, None)),
                        );
                    }
                    if candidates.is_empty() {
                        // "Jack Doe, who represents ..., said he was pleased." then "“...,” he
                        // said": the person the previous paragraph is about, before the last
                        // person quoted.
                        let narrator = quotes::after_last_quote_mark(around.previous);
                        candidates.extend(
                            quotes::last_named_subject(narrator)
                                .map(|s| resolve_name(&ctx.book, &s)),
                        );
                    }
                    if candidates.is_empty() && he_or_she {
                        // "But a spokesperson for the association said ..." then "“...,” he
                        // said": the unnamed person, before anyone quoted earlier.
                        candidates.extend(
                            quotes::last_described_subject(around.previous).map(|d| (d, None)),
                        );
                    }
                    let opens_paragraph = before.trim().chars().count() <= 1;
                    // "X asked Montoya-Lewis, “...?”" then "“...,” she replied": the one
                    // asked answers, before anyone else.
                    if let Some(asked) = opens_paragraph
                        .then(|| quotes::asked_person(around.previous))
                        .flatten()
                    {
                        candidates.insert(0, resolve_name(&ctx.book, &asked));
                    }
                    let previous_ends_quoted = around.previous.trim_end().ends_with(['”', '"']);
                    if candidates.is_empty()
                        && he_or_she
                        && opens_paragraph
                        && !previous_ends_quoted
                    {
                        // "Mayor Osric Tallow suggested that “...” could be used." then
                        // "“...,” he said": the subject stands before the last quotation
                        // (the paragraph's own words, not a sentence inside its quotation).
                        candidates.extend(
                            quotes::last_named_subject(around.previous)
                                .map(|s| resolve_name(&ctx.book, &s)),
                        );
                    }
                    if opens_paragraph
                        && !around.previous.contains(['“', '”', '"'])
                        && speaks_of(around.previous, pronoun)
                    {
                        // A paragraph about someone ("... when he moved the brewery"),
                        // then "“...,” he says": the one person it mentions.
                        candidates.extend(
                            lone_person(ctx, around.previous, pronoun, &raw.text)
                                .map(|name| (name, None)),
                        );
                    }
                    candidates.extend(around.carried_speaker.map(|s| (s.to_owned(), None)));
                }
                // "Consolidation was the answer ...": a one-word subject is a "he" or
                // "she" only when the document knows it as a person's name (a role, a
                // given name, a name it capitalises inside a sentence: "When Mina joined").
                let known_person = |name: &str| {
                    if !he_or_she {
                        return true;
                    }
                    // "Some AI researchers": capitals abbreviate a thing or a body;
                    // "when Congress passed": a body's one-word name; "nine African-American
                    // churchgoers": a people's name.
                    !names::is_capitals(&name.replace('.', ""))
                        && (name.contains(' ') || !names::is_one_word_body(name))
                        && !names::is_people_compound(name)
                        && (name.contains(' ')
                            || name.contains('\u{1}')
                            || previous.iter().any(|p| p == name)
                            || around.carried_speaker == Some(name)
                            || ctx.book.role(name).is_some()
                            || names::given_name_gender(name).is_some()
                            || ctx.book.is_proper_word(name))
                };
                // "“He said, ‘Try this,’” Fox says": the "he" inside Fox's words is someone
                // else.
                let enclosing: Vec<String> = if raw.nested && he_or_she {
                    out.iter()
                        .zip(raw_quotes)
                        .rev()
                        .find(|(_, outer)| {
                            !outer.nested && outer.start <= raw.start && raw.end <= outer.end
                        })
                        .map(|((_, speakers), _)| speakers.clone())
                        .unwrap_or_default()
                } else {
                    Vec::new()
                };
                match candidates.into_iter().find(|(name, _)| {
                    known_person(name)
                        && gender_fits(&ctx.book, name, pronoun)
                        && (!he_or_she || !addressed(name, &raw.text))
                        && !enclosing.contains(name)
                }) {
                    // The previous quotation's speakers, all of them.
                    Some((joined, _))
                        if joined.contains('\u{1}') || previous == [joined.clone()] =>
                    {
                        joined.split('\u{1}').map(str::to_owned).collect()
                    }
                    Some((name, role)) => {
                        add_role(&name, role);
                        vec![name]
                    }
                    None => Vec::new(),
                }
            }
            Some(Cue::Description {
                text: description,
                anaphoric,
            }) => {
                let head = description.rsplit(' ').next().unwrap_or(description);
                let earlier = format!("{} {before}", around.context);
                let holder = anaphoric
                    .then(|| ctx.book.holder_of_phrase(description))
                    .flatten();
                let statement = matches!(head, "statement" | "letter");
                let full = if statement {
                    // "the statement said": whoever issued it, else nobody in particular.
                    match quotes::author_of(&earlier, head) {
                        Some(author) => {
                            let (name, role) = resolve_name(&ctx.book, &author);
                            add_role(&name, role);
                            name
                        }
                        None => String::new(),
                    }
                } else if *anaphoric && quotes::BODY_NOUNS.contains(&head) {
                    // "the zoo said": the one body the document names with that head, else
                    // the body the sentences before are about ("The Writers Guild of
                    // America applauded the deal. “...,” the union said"), else no one.
                    ctx.book
                        .body_with_head(head)
                        .or_else(|| {
                            quotes::last_named_subject(&earlier)
                                .map(|subject| resolve_name(&ctx.book, &subject).0)
                                .filter(|name| names::names_a_body(name))
                        })
                        .unwrap_or_default()
                } else if let Some(holder) = holder {
                    // "the minister said": the minister the document names.
                    holder
                } else if *anaphoric {
                    // "the official" refers back, also to the paragraph before; "the former
                    // mayor" to the person the sentences before are about, or to no one.
                    antecedent_description(&earlier, head)
                        .or_else(|| named_body_before(&earlier, head))
                        .or_else(|| epithet_referent(ctx, around, before, description))
                        .unwrap_or_else(|| {
                            if quotes::EPITHET_NOUNS.contains(&head) {
                                String::new()
                            } else {
                                description.clone()
                            }
                        })
                } else {
                    description.clone()
                };
                match full.strip_suffix(" editorial board") {
                    Some(body) => board(body),
                    None if full.is_empty() => Vec::new(),
                    None => vec![full],
                }
            }
        };
        previous_end = raw.end;
        let quote = Quote {
            text: raw.text.clone(),
            speaker: speakers.first().cloned(),
        };
        out.push((quote, speakers));
    }
    out
}

/// A news item's own date: one written in it, if it falls in the month before the
/// roundup's date (an older date is history the item mentions, a later one an event it
/// announces), else the roundup's date. A relative "on Tuesday" dates the event, not the
/// item, so it does not count.
fn news_item_date(text: &str, doc_date: Option<NaiveDate>) -> Option<NaiveDate> {
    let Some(doc_date) = doc_date else {
        return date::first_date(text).map(|d| d.0);
    };
    let plausible = |d: &NaiveDate| (-31..=1).contains(&(*d - doc_date).num_days());
    date::first_date_near(text, Some(doc_date))
        .filter(plausible)
        .or(Some(doc_date))
}

/// The outlet and date that a run of passages shares.
#[derive(Debug, Default)]
struct Section {
    outlet: Option<String>,
    date: Option<NaiveDate>,
}

impl Section {
    /// A paragraph that opens a section: a source line ("Tidewater Wire, Wed., Feb. 7,
    /// 2024") or a dateline with a date or an agency ("DUNWICK, March 4, 2024 (Tidewater) —").
    fn opened_by(text: &str, ctx: &DocContext) -> Option<Section> {
        if let Some((outlet, date)) = source_line(text) {
            return Some(Section {
                outlet: Some(outlet),
                date: Some(date),
            });
        }
        let dateline = date::dateline(text, ctx.date)?;
        if dateline.date.is_none() && dateline.agency.is_none() {
            return None;
        }
        Some(Section {
            outlet: dateline.agency.map(|a| ctx.expand_outlet(&a)),
            date: dateline.date,
        })
    }
}

/// Words that outlets' names are made of.
const OUTLET_WORDS: &[&str] = &[
    "Times",
    "Post",
    "News",
    "Wire",
    "Daily",
    "Herald",
    "Gazette",
    "Journal",
    "Radio",
    "TV",
    "Television",
    "Tribune",
    "Courier",
    "Observer",
    "Standard",
    "Review",
    "Press",
    "Ledger",
    "Chronicle",
    "Telegraph",
    "Guardian",
    "Independent",
    "Mail",
    "Express",
    "Star",
    "Sun",
    "Globe",
    "Magazine",
    "Weekly",
    "Monthly",
    "Agency",
    "Network",
    "Broadcasting",
    "Today",
    "Record",
    "Bulletin",
    "Dispatch",
    "Examiner",
    "Inquirer",
    "Register",
    "Sentinel",
    "Mirror",
    "Economist",
    "Report",
    "Digest",
    "Insider",
    "Reuters",
    "Bloomberg",
    "Politico",
    "Axios",
    "Associated",
    "Newswire",
    "Online",
    "Notes",
    "Leader",
    "Advocate",
    "Statesman",
    "Tablet",
    "Monitor",
    "Current",
    "Beacon",
    "Clarion",
    "Herald-Tribune",
];

fn is_acronym_word(word: &str) -> bool {
    let letters: Vec<char> = word.chars().filter(|c| c.is_alphabetic()).collect();
    (2..=5).contains(&letters.len()) && letters.iter().all(|c| c.is_uppercase())
}

/// "Kestrel Financial Daily, February 6, 2024" or "The Dunwick Standard, 7 February 2024":
/// an outlet and a date alone on a line, as clipping services credit their sources.
fn source_line(text: &str) -> Option<(String, NaiveDate)> {
    let text = text
        .trim()
        .trim_matches(['*', '_', '(', ')', '[', ']'])
        .trim();
    if text.len() > 90 || text.contains(['.', '!', '?']) && !text.contains(", ") {
        return None;
    }
    // "Updated Tuesday, March 5, 2024" dates the page; it names no outlet.
    if date::published_line(text).is_some() {
        return None;
    }
    let (outlet, rest) = text.split_once(", ")?;
    let words: Vec<&str> = outlet.words().collect();
    if words
        .iter()
        .any(|w| date::is_month_name(w) || date::is_weekday(w))
    {
        return None;
    }
    if words.is_empty()
        || words.len() > 6
        || !words
            .iter()
            .all(|w| names::is_capitalized(w) || matches!(*w, "of" | "the" | "and" | "&"))
    {
        return None;
    }
    // "Tarrin, 10 August 2022" is a place and a date (a letter's or a statement's head):
    // an outlet's name says what it is ("Wire", "Gazette", "Radio") or is an acronym.
    let outlet_like = words
        .iter()
        .any(|w| OUTLET_WORDS.contains(&w.trim_end_matches(['.', ','])) || is_acronym_word(w));
    if !outlet_like {
        return None;
    }
    // The rest must be a date and nothing else (a weekday may lead it).
    let rest = rest.trim().trim_end_matches('.');
    let found = date::find_dates(rest);
    let day = match found.first() {
        Some((day, range)) => {
            if range.end + 1 < rest.len() || rest[..range.start].words().count() > 1 {
                return None;
            }
            *day
        }
        // "Saltmere Gazette, February 2024".
        None => date::parse_date(rest)?,
    };
    Some((outlet.trim_start_matches("The ").to_owned(), day))
}

fn doc_id_for(doc: &Document) -> String {
    let key = match doc.sub_index {
        Some(idx) => format!("{}#{}", doc.path, idx),
        None => doc.path.clone(),
    };
    format!("{:016x}", xxhash_rust::xxh3::xxh3_64(key.as_bytes()))
}

fn passage_id(doc_id: &str, ordinal: u64, text: &str) -> String {
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    hasher.update(doc_id.as_bytes());
    hasher.update(&ordinal.to_le_bytes());
    hasher.update(text.as_bytes());
    format!("{:016x}", hasher.digest())
}

fn build_context(doc: &Document, segments: &mut [Segment]) -> DocContext {
    let meta = &doc.meta;
    let mut book = NameBook::default();
    let title_meta = meta.title.as_deref().map(normalize_whitespace);
    if let Some(title) = &title_meta {
        book.add_text(title);
    }
    for segment in segments.iter() {
        book.add_text(&segment.text);
    }

    // Authors and organisation: metadata first, then bylines and closing statements.
    let mut authors: Vec<String> = meta
        .authors
        .iter()
        .map(|a| normalize_whitespace(a))
        .collect();
    let mut org = meta.org.as_deref().map(normalize_whitespace);
    for segment in segments.iter() {
        if segment.kind != kind::BYLINE {
            continue;
        }
        let mut found = byline::byline_names(&segment.text);
        if let Some(statement) = byline::author_statement(&segment.text) {
            found.extend(statement.names);
            org.get_or_insert(statement.org);
        }
        for name in found {
            if !authors.iter().any(|a| a.eq_ignore_ascii_case(&name)) {
                authors.push(name);
            }
        }
    }
    // A bare author name (and the role under it) at the end of a report is a byline too.
    let mut after_author_name = false;
    for segment in segments.iter_mut() {
        let is_author = authors.iter().any(|a| a == &segment.text);
        if is_author && segment.kind == kind::HEADING {
            segment.kind = kind::BYLINE;
            after_author_name = true;
            continue;
        }
        if after_author_name && segment.kind == kind::HEADING && segment.text.words().count() <= 5 {
            segment.kind = kind::BYLINE;
        }
        after_author_name = false;
    }

    // Title: metadata, else the first heading that is not the publisher's masthead.
    // Title: metadata, else the first heading that opens the text and is not the
    // publisher's masthead.
    let title = title_meta.or_else(|| {
        segments
            .iter()
            .take_while(|s| s.kind == kind::HEADING)
            .map(|s| s.text.clone())
            .find(|text| {
                org.as_deref()
                    .is_none_or(|o| !o.eq_ignore_ascii_case(text.trim_start_matches("The ")))
            })
    });

    // Dates the text states as its own: a "Published ..." or "Updated ..." line, else the
    // first date written near the top.
    let stated_date = segments
        .iter()
        .take(40)
        .find_map(|s| date::published_line(&s.text));
    let text_date = stated_date.or_else(|| {
        segments
            .iter()
            .take(40)
            .find_map(|s| date::first_date(&s.text).map(|d| d.0))
    });
    let path_date = date::path_date(&doc.path);
    // A news dateline ("WASHINGTON, Jan. 31 (Reuters) —") opens one of the first paragraphs.
    let dateline = segments
        .iter()
        .take(8)
        .filter(|s| s.kind == kind::PARAGRAPH)
        .find_map(|s| date::dateline(&s.text, path_date.or(text_date)));
    let date = meta
        .date
        .as_deref()
        .and_then(date::parse_date)
        .or(path_date)
        .or_else(|| {
            title
                .as_deref()
                .and_then(|t| date::first_date(t).map(|d| d.0))
        })
        .or_else(|| dateline.as_ref().and_then(|d| d.date))
        .or(text_date);
    let outlet = meta
        .outlet
        .as_deref()
        .map(normalize_whitespace)
        .or_else(|| {
            dateline
                .and_then(|d| d.agency)
                .map(|agency| expand_outlet(&agency, None, title.as_deref()))
        });

    let speech = title.as_deref().and_then(speech_speaker).map(|phrase| {
        book.add_text(&phrase);
        resolve_name(&book, &phrase)
    });

    let labelled_roundup = segments
        .iter()
        .filter(|segment| segment.turn_label.is_none())
        .filter_map(|segment| quotes::opening_label(&segment.text))
        .filter(|label| quotes::label_speaker(label).is_some())
        .nth(2)
        .is_some();

    DocContext {
        labelled_roundup,
        doc_id: doc_id_for(doc),
        title,
        date,
        authors,
        org,
        outlet,
        book,
        speech_speaker: speech,
    }
}

/// Tags a document's segments and returns its passages in order.
pub fn tag_document(
    doc: &Document,
    mut segments: Vec<Segment>,
    options: &TagOptions,
) -> Vec<Passage> {
    let ctx = build_context(doc, &mut segments);
    let is_transcript = segments.iter().any(|s| s.turn_label.is_some());
    let mut passages = Vec::with_capacity(segments.len());
    let mut carried_speaker: Option<String> = None;
    // The passage the carried speaker was last quoted in.
    let mut carried_at = 0u64;
    // What a clipping's source line ("*Tidewater Wire, March 4, 2024*") or a brief's dateline
    // says holds for the passages under it, until the next heading.
    let mut section = Section::default();
    let mut recent = String::new();
    // Length of the last paragraph at the end of `recent`.
    let mut previous_len = 0usize;
    let mut introduced_by: Option<String> = None;
    // See `Around::follows`.
    let mut follows: Option<String> = None;
    // See `Around::listed_by`.
    let mut listed_by: Option<String> = None;
    // See `Around::headed_by`.
    let mut headed_by: Option<(String, bool)> = None;
    // Quoted subheadings ("3. “Not some irregular channel”"): passage index and words.
    let mut subheadings: Vec<(usize, String)> = Vec::new();
    // A transcript repeats a few labels hundreds of times; the name book is fixed by now,
    // so each label is resolved once.
    let mut resolved_labels: HashMap<String, (String, Option<String>)> = HashMap::default();
    for (ordinal, segment) in segments.into_iter().enumerate() {
        let ordinal = ordinal as u64;
        let mut roles: Vec<SpeakerRole> = Vec::new();
        let mut speakers: Vec<String> = Vec::new();
        let mut quotes: Vec<Quote> = Vec::new();
        let mut runs_on: Option<String> = None;
        let mut next_follows: Option<String> = None;
        // A photo's caption interrupts the article, not its thread: what the paragraphs
        // around it refer back to and carry on stays as the paragraph before it left it.
        let aside = segment.kind == kind::CAPTION;
        let threads = aside.then(|| {
            (
                introduced_by.clone(),
                follows.clone(),
                listed_by.clone(),
                headed_by.clone(),
            )
        });
        if let Some(found) = Section::opened_by(&segment.text, &ctx) {
            section = found;
        } else if segment.kind == kind::HEADING {
            section = Section::default();
        }
        if let Some(label) = &segment.turn_label {
            let (name, role) = resolved_labels
                .entry(label.clone())
                .or_insert_with(|| resolve_label(&ctx.book, label))
                .clone();
            if let Some(role) = role {
                roles.push(SpeakerRole {
                    speaker: name.clone(),
                    role,
                });
            }
            speakers.push(name);
        } else {
            let body_kind = matches!(
                segment.kind,
                kind::PARAGRAPH | kind::BULLET | kind::BLOCKQUOTE
            );
            if let (Some((name, role)), true, false) =
                (&ctx.speech_speaker, body_kind, is_transcript)
            {
                speakers.push(name.clone());
                if let Some(role) = role {
                    roles.push(SpeakerRole {
                        speaker: name.clone(),
                        role: role.clone(),
                    });
                }
            }
        }
        // A turn quotes others too ("As the minister said, ‘...’"); those quotations get
        // their own speakers, never the turn's by default, but for the turn's own "I said".
        let subheading =
            (options.quotes && segment.turn_label.is_none() && introduced_by.is_none())
                .then(|| quoted_subheading(&segment.text))
                .flatten();
        if options.quotes && segment.kind != kind::HEADING && subheading.is_none() {
            let raw = quotes::find_quotes(&segment.text);
            let around = Around {
                context: &recent,
                previous: &recent[recent.len() - previous_len..],
                carried_speaker: carried_speaker.as_deref().filter(|_| {
                    segment.turn_label.is_none() && ordinal <= carried_at + CARRY_REACH
                }),
                introduced_by: introduced_by.as_deref(),
                follows: follows.as_deref().filter(|_| segment.turn_label.is_none()),
                listed_by: listed_by
                    .as_deref()
                    .filter(|_| segment.turn_label.is_none()),
                headed_by: headed_by
                    .as_ref()
                    .filter(|_| segment.turn_label.is_none())
                    .map(|(name, outlet)| (name.as_str(), *outlet)),
                outlet: segment.outlet.as_deref(),
                narrator: speakers
                    .first()
                    .map(String::as_str)
                    .filter(|s| *s != REPORTER),
            };
            // A quotation left open at the end of a paragraph goes on in the next one.
            let left_open = raw
                .last()
                .is_some_and(|q| !q.nested && q.end == segment.text.len());
            let attributed = attribute(&ctx, &around, &segment.text, &raw, &mut roles);
            // The last quotation at the top level, when at most one sentence of the
            // narrator's (its cue) follows it: "“...,” said X, who advised Y." counts,
            // "“...,” X said. Later Y left." does not.
            next_follows = raw
                .iter()
                .rposition(|q| !q.nested)
                .filter(|&at| {
                    let tail = segment.text[raw[at].end..].trim_end();
                    let tail = tail.trim_end_matches(['.', '!', '?', '”', '"', ')']);
                    !tail.contains(". ") && !tail.contains("? ") && !tail.contains("! ")
                })
                .and_then(|at| attributed[at].0.speaker.clone())
                .or_else(|| {
                    // "Allan Snr believes someone must know what happened." then a
                    // paragraph of nothing but a quotation: his words.
                    (raw.is_empty() && segment.kind == kind::PARAGRAPH)
                        .then(|| quotes::reported_speaker(&segment.text))
                        .flatten()
                        .map(|name| resolve_name(&ctx.book, &name).0)
                });
            for (quote, quote_speakers) in attributed {
                for speaker in quote_speakers {
                    if !speakers.contains(&speaker) {
                        speakers.push(speaker);
                    }
                }
                quotes.push(quote);
            }
            if left_open {
                runs_on = quotes.last().and_then(|q| q.speaker.clone());
            }
        }
        // A line of its own naming whose quotations follow (`quotes::list_speaker`): read
        // for a list (outside transcript turns) and for an introduction (ending in a colon).
        let ends_with_colon = segment.text.trim_end().ends_with(':');
        let list_name = (quotes.is_empty() && (segment.turn_label.is_none() || ends_with_colon))
            .then(|| quotes::list_speaker(&segment.text))
            .flatten()
            .map(|name| resolve_name(&ctx.book, &name).0);
        // "In an interview, Idowu was blunter still:" introduces the next paragraph's words.
        introduced_by = runs_on.or(ends_with_colon
            .then(|| {
                // A roundup's label on a line of its own: "Sen. Eric Schmitt (R-MO):".
                if quotes.is_empty() {
                    if let Some(label) = quotes::label_speaker(&segment.text) {
                        return Some(resolve_name(&ctx.book, &label).0);
                    }
                    // "Key moments from Nora Vale’s remarks:" names whose words follow,
                    // though its first word is capitalised like a subject.
                    if let Some(name) = &list_name {
                        return Some(name.clone());
                    }
                }
                // After the last quotation, if the paragraph has one.
                let intro = if quotes.is_empty() {
                    segment.text.as_str()
                } else {
                    quotes::after_last_quote_mark(&segment.text)
                };
                quotes::last_named_subject(intro)
                    .map(|subject| resolve_name(&ctx.book, &subject).0)
                    .or_else(|| speakers.first().cloned())
            })
            .flatten());
        // A list of one speaker's quotations: named by a line of its own before it (a
        // label, or an introduction ending with a colon), and going on while each passage
        // is nothing but that speaker's quotation.
        listed_by = if quotes.is_empty() && segment.turn_label.is_none() {
            list_name.or_else(|| introduced_by.clone())
        } else {
            listed_by.filter(|name| {
                segment.kind != kind::HEADING
                    && quotes.first().and_then(|q| q.speaker.as_ref()) == Some(name)
            })
        };
        follows = next_follows.filter(|_| segment.turn_label.is_none());
        headed_by = (quotes.is_empty() && segment.turn_label.is_none())
            .then(|| {
                quotes::headline_label(&segment.text).or_else(|| {
                    quotes::reporting_outlet(&segment.text).map(|outlet| (outlet, true))
                })
            })
            .flatten()
            .map(|(label, outlet)| {
                let name = if outlet {
                    label
                } else {
                    resolve_name(&ctx.book, &label).0
                };
                (name, outlet)
            });
        if let Some((intro, follow, list, head)) = threads {
            (introduced_by, follows, listed_by, headed_by) = (intro, follow, list, head);
        }
        if let Some(words) = subheading {
            // Its speaker is the one whose words below repeat it; see `speak_subheadings`.
            subheadings.push((passages.len(), words.to_owned()));
        } else if aside {
        } else if segment.kind == kind::HEADING && !reads_as_sentence(&segment.text) {
            recent.clear();
            previous_len = 0;
        } else {
            // The text the next passages can refer back to: this one and the one before.
            let keep_from = recent.len().saturating_sub(1200);
            let keep_from = (keep_from..=recent.len())
                .find(|&i| recent.is_char_boundary(i))
                .unwrap_or(recent.len());
            recent = format!("{} {}", &recent[keep_from..], segment.text);
            previous_len = segment.text.len();
        }
        if aside {
        } else if let Some(last) = quotes.iter().rev().find_map(|q| q.speaker.clone()) {
            // Only a person carries over to a later "he said": "John Kerry", "Kerry", not
            // "Prosecutors" or "senior official".
            let words: Vec<&str> = last.words().collect();
            // An outlet quoted under its headline is no "he" or "she" later.
            let person = words.iter().all(|w| names::is_capitalized(w))
                && (words.len() >= 2 || !last.ends_with('s'))
                && quotes::outlet_label(&last).is_none();
            if person {
                carried_speaker = Some(last);
                carried_at = ordinal;
            }
        } else if segment.kind == kind::HEADING && !is_full_sentence_form(&segment.text) {
            carried_speaker = None;
        }
        let date = if segment.kind == kind::NEWS_ITEM {
            news_item_date(&segment.text, ctx.date)
        } else {
            section.date.or(ctx.date)
        };
        passages.push(Passage {
            id: passage_id(&ctx.doc_id, ordinal, &segment.text),
            doc_id: ctx.doc_id.clone(),
            path: doc.path.clone(),
            title: ctx.title.clone(),
            kind: segment.kind.to_owned(),
            ordinal,
            text: segment.text,
            headline: segment.headline,
            speakers,
            quotes,
            outlet: segment
                .outlet
                .or_else(|| section.outlet.clone())
                .or_else(|| ctx.outlet.clone()),
            date: date.map(date::iso),
            authors: ctx.authors.clone(),
            org: ctx.org.clone(),
            url: doc.meta.url.clone(),
            line: segment.line,
            speaker_roles: roles,
        });
    }
    speak_subheadings(&mut passages, &subheadings);
    passages
}

/// A paragraph or heading that is nothing but a short quotation, perhaps numbered:
/// `“My fears have been realized”`, `3. "Not some irregular channel"`. Returns the quoted
/// words.
fn quoted_subheading(text: &str) -> Option<&str> {
    let text = text.trim();
    // A leading "3." or "3)" numbers the subheading.
    let text = text
        .trim_start_matches(|c: char| c.is_ascii_digit())
        .trim_start_matches(['.', ')'])
        .trim_start();
    let inner = text
        .strip_prefix(['“', '"'])?
        .trim_end_matches(['.', ':'])
        .strip_suffix(['”', '"'])?
        .trim();
    // A sentence in quotes (“Nobody here is afraid of hard work.”) is words said, not a
    // subheading.
    let words = inner.words().count();
    ((1..=10).contains(&words)
        && !inner.contains(['“', '”', '"'])
        && !inner.ends_with(['.', '!', '?', ',', ';']))
    .then_some(inner)
}

/// How far below a quoted subheading the quotation it repeats may be.
const SUBHEADING_REACH: usize = 8;

/// A quoted subheading quotes the person whose words below repeat it: its speaker is the
/// speaker of the first later quotation (before the next quoted subheading) that contains
/// its words. A subheading no quotation repeats is a title and gets no quotation.
fn speak_subheadings(passages: &mut [Passage], subheadings: &[(usize, String)]) {
    let key = |text: &str| {
        let text = text.replace('’', "'").to_lowercase();
        let words: Vec<&str> = text
            .split(|c: char| !c.is_alphanumeric() && c != '\'')
            .filter(|w| !w.is_empty())
            .collect();
        words.join(" ")
    };
    for (pos, (at, words)) in subheadings.iter().enumerate() {
        let wanted = key(words);
        let wanted = wanted
            .strip_prefix("the ")
            .or_else(|| wanted.strip_prefix("a "))
            .unwrap_or(&wanted)
            .to_owned();
        if wanted.is_empty() {
            continue;
        }
        let stop = subheadings
            .get(pos + 1)
            .map_or(passages.len(), |(next, _)| *next)
            .min(at + 1 + SUBHEADING_REACH);
        let speaker = passages[at + 1..stop.max(at + 1)]
            .iter()
            .flat_map(|p| &p.quotes)
            .find(|q| q.speaker.is_some() && key(&q.text).contains(&wanted))
            .and_then(|q| q.speaker.clone());
        if let Some(speaker) = speaker {
            let passage = &mut passages[*at];
            passage.quotes.push(Quote {
                text: words.clone(),
                speaker: Some(speaker.clone()),
            });
            passage.speakers.push(speaker);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::BlockKind;

    #[test]
    fn speech_titles_name_the_speaker() {
        let check = |title: &str, expected: Option<&str>| {
            assert_eq!(speech_speaker(title).as_deref(), expected, "{title}")
        };
        check(
            "PRESIDENT HARRY S. TRUMAN'S ADDRESS BEFORE A JOINT SESSION OF CONGRESS",
            Some("President Harry S. Truman"),
        );
        check(
            "Remarks by President Biden on the American Rescue Plan",
            Some("President Biden"),
        );
        check(
            "Statement by Press Secretary Jen Psaki on the Vote",
            Some("Press Secretary Jen Psaki"),
        );
        check("Press Briefing by Press Secretary Jen Psaki", None);
        check("Laying the Groundwork for a Return to Peace Talks", None);
    }

    /// A text document of `paragraphs`, separated by blank lines.
    fn paragraphs_doc(paragraphs: &[&str]) -> Document {
        let blocks: Vec<(BlockKind, &str)> = paragraphs
            .iter()
            .map(|text| (BlockKind::Paragraph, *text))
            .collect();
        blocks_doc(&blocks)
    }

    /// A document of these blocks, one line apart.
    fn blocks_doc(blocks: &[(BlockKind, &str)]) -> Document {
        Document {
            path: "t.txt".into(),
            sub_index: None,
            meta: Default::default(),
            blocks: blocks
                .iter()
                .enumerate()
                .map(|(idx, (kind, text))| crate::model::Block {
                    kind: *kind,
                    text: text.to_string(),
                    line: Some(idx * 2 + 1),
                })
                .collect(),
        }
    }

    /// The (quotation start, speaker) pairs of a document.
    fn quotes_of(doc: &Document) -> Vec<(String, Option<String>)> {
        crate::process(doc, &TagOptions::default())
            .iter()
            .flat_map(|p| p.quotes.clone())
            .map(|q| (q.text.chars().take(12).collect(), q.speaker))
            .collect()
    }

    fn quoted(paragraphs: &[&str]) -> Vec<(String, Option<String>)> {
        quotes_of(&paragraphs_doc(paragraphs))
    }

    fn speakers_of(paragraphs: &[&str]) -> Vec<Option<String>> {
        quoted(paragraphs).into_iter().map(|(_, s)| s).collect()
    }

    /// The speakers of a document of these blocks' quotations, in order.
    fn speakers_of_blocks(blocks: &[(BlockKind, &str)]) -> Vec<Option<String>> {
        quotes_of(&blocks_doc(blocks))
            .into_iter()
            .map(|(_, s)| s)
            .collect()
    }

    /// An inverted cue with words after the name ("quipped Tull of his role"); a cue verb in
    /// an appositive's relative clause ("a resident who tweeted about it, said"); a "he" is
    /// no company ("Brenmark Shipping Corp"); a sentence ending ", says X." makes X the
    /// one a later "she says" means.
    #[test]
    fn cue_forms_seen_in_real_news() {
        assert_eq!(
            speakers_of(&[
                "Amos Tull won again. “It was a difficult part,” quipped Tull of his role."
            ]),
            vec![some("Amos Tull")]
        );
        assert_eq!(
            speakers_of(&[
                "“The air was clean here once,” Ines Varga, a Saltmere resident who tweeted about the smoke, said."
            ]),
            vec![some("Ines Varga")]
        );
        assert_eq!(
            speakers_of(&[
                "“We will pay our share,” said Ole Brand, president of Brenmark Shipping Corp.",
                "Since 2012, Brenmark Shipping Corp has charged a fee on its emissions.",
                "“That money is used for our own cuts,” he said.",
            ]),
            vec![some("Ole Brand"), some("Ole Brand")]
        );
        assert_eq!(
            speakers_of(&[
                "The dish will help the search, says Maura Quill of Dunwick University. \
                 The Harbour Array is using telescopes around the world. By 2030 the dish \
                 should have enough data, says Quill. “That’s where it will shine,” she says."
            ]),
            vec![some("Maura Quill")]
        );
    }

    /// Family name first ("President Paek Min-seo", then "Paek"), a hyphenated given name
    /// that is no compound adjective ("Ro Tae-hyun"), a given name of two words ("Te
    /// Marama"), and a day opening the sentence, which is no subject ("Earlier Saturday,").
    #[test]
    fn names_given_family_name_first_and_days_that_open_a_sentence() {
        assert_eq!(
            speakers_of(&[
                "A plan to impeach President Paek Min-seo over his short-lived order has failed after members of his party left the chamber.",
                "Earlier Saturday, Paek apologized in a televised address, saying they “stemmed from the urgency” he felt.",
                "“I deeply regret this,” he said.",
                "On Friday, Ro Tae-hyun, leader of the opposition, criticized the plan, saying “it is a disgrace.”",
                "“There is no other way,” Ro said.",
            ]),
            vec![
                some("Paek Min-seo"),
                some("Paek Min-seo"),
                some("Ro Tae-hyun"),
                some("Ro Tae-hyun")
            ]
        );
        assert_eq!(
            speakers_of(&[
                "Whale expert Hemi Kanoa and his son, Te Marama Ruihi Kanoa, were called in. Te Marama left university this year.",
                "“We are not strangers in this land,” says Te Marama.",
            ]),
            vec![some("Te Marama Ruihi Kanoa")]
        );
    }

    /// A possessive before a quotation gives whose words they are ("Tull’s “great
    /// constituency”"), unless a speech verb right before it has a subject of its own: then
    /// the words are that speaker's about the other's act.
    #[test]
    fn a_possessive_after_a_speech_verb_is_what_was_spoken_about() {
        assert_eq!(
            speakers_of(&[
                "Ro Tae-hyun, leader of the opposition, spoke on Friday.",
                "Ro, the party leader, said Paek’s “unlawful declaration of martial law” had caused chaos.",
                "The row grew over Tull’s “great constituency for peace” remark.",
            ]),
            vec![some("Ro Tae-hyun"), some("Tull")]
        );
    }

    /// A "he" means a person: not a legislature named in one word ("when Congress
    /// passed") nor a people ("nine African-American churchgoers").
    #[test]
    fn a_he_is_no_legislature_and_no_people() {
        assert_eq!(
            speakers_of(&[
                "Osric Tallow, the Harbour Democrat, called the bill “the worst piece of legislation.” In 2009, however, when Congress passed a stimulus bill, he called it “a responsible mix of tax cuts.”",
                "After nine African-American churchgoers were killed in June, he admitted “politics in this town” left few options.",
            ]),
            vec![some("Osric Tallow"), some("Osric Tallow"), some("Osric Tallow")]
        );
    }

    /// A quotation that opens a sentence after one whose subject used a speech verb is
    /// that subject's, however long the appositive between the name and the verb.
    #[test]
    fn a_quotation_after_a_long_appositive_and_a_speech_verb() {
        assert_eq!(
            speakers_of(&[
                "Ada Brenner, chairman of the Council of Harbour Advisers in the Tull administration, once summed up the danger with a metaphor. “It is not the wolf at the door, but termites in the woodwork.”",
            ]),
            vec![some("Ada Brenner")]
        );
    }

    /// A heading that reads as a sentence (a caption or standfirst set as a heading) names
    /// the one a "she said" below means; a title heading still starts afresh.
    #[test]
    fn a_sentence_set_as_a_heading_is_context_a_title_is_not() {
        let last_speaker = |heading: &str| {
            speakers_of_blocks(&[
                (
                    BlockKind::Paragraph,
                    "“We advise the public not to take any tablets,” a spokesperson said.",
                ),
                (BlockKind::Heading, heading),
                (
                    BlockKind::Paragraph,
                    "“She never understood how dangerous the tablets were,” she said.",
                ),
            ])
            .pop()
            .flatten()
        };
        assert_eq!(
            last_speaker("Mara Quell issued a plea for people to stay away from the pills."),
            Some("Mara Quell".to_owned())
        );
        assert_eq!(last_speaker("Mara Quell Issues a Plea to Parents"), None);
    }

    /// A paragraph about a man and a woman ("Mr." and "Ms."), then "he said": the man.
    #[test]
    fn a_he_after_a_paragraph_about_a_man_and_a_woman() {
        assert_eq!(
            speakers_of(&[
                "Tom Tallow spoke first. Anna Varadin answered.",
                "Mr. Tallow sees Ms. Varadin as a polished and energetic defender. She, in turn, wanted him to have prepared remarks, and he decided to use teleprompters.",
                "“Ultimately, I said I want to do this my way,” he said.",
            ]),
            vec![some("Tom Tallow")]
        );
    }

    /// A photo's caption set as a heading, and its credit, do not end the story: the woman
    /// quoted above goes on speaking in the "she said" below.
    #[test]
    fn a_caption_set_as_a_heading_keeps_the_last_speaker() {
        let speakers = speakers_of_blocks(&[
            (BlockKind::Heading, "Harbour notes"),
            (
                BlockKind::Paragraph,
                "Mara Quell insisted she believes hope is “a necessary concept.”",
            ),
            (
                BlockKind::Heading,
                "Mayor Osric Tallow arrives to speak during a Thank You Tour event at Giant Center in Saltmere.",
            ),
            (BlockKind::Paragraph, "(IDA VOSS/HARBOUR WIRE)"),
            (BlockKind::Paragraph, "“It was never just a slogan,” she said."),
        ]);
        assert_eq!(speakers, vec![some("Mara Quell"), some("Mara Quell")]);
    }

    /// "The California Republican" stands for the person just named, as "the former
    /// mayor" does.
    #[test]
    fn a_party_epithet_means_the_person_just_named() {
        assert_eq!(
            speakers_of(&[
                "Rep. Ida Varadin spoke on Monday. “It was a brief meeting,” the Harbour Republican said.",
                "Sen. Osric Tallow answered on Tuesday. “We will vote no,” the Democrat said.",
            ]),
            vec![some("Ida Varadin"), some("Osric Tallow")]
        );
    }

    /// A name spelled out before its bracketed acronym is a body's whatever its head noun,
    /// the acronym stands for it, and the brackets are no part of the name.
    #[test]
    fn a_bracketed_acronym_stands_for_the_name_before_it() {
        assert_eq!(
            speakers_of(&[
                "Friends for the Humane Keeping of Gulls (FHKG) wrote to the port.",
                "“This must stop,” FHKG said.",
                "The Department of Harbour and Coastal Works (HCW) replied on Monday.",
                "“We will look at it,” HCW said.",
                "The Alliance of Harbour Pilots (AHP) met later. “No,” AHP said.",
            ]),
            vec![
                some("Friends for the Humane Keeping of Gulls"),
                some("Department of Harbour and Coastal Works"),
                some("Alliance of Harbour Pilots"),
            ]
        );
    }

    /// A body's name with "of" before a role and a person's name is no person: the person
    /// after the role is, with the middle initial the document gives.
    #[test]
    fn a_body_before_of_leaves_the_person_after_the_role() {
        assert_eq!(
            speakers_of(&[
                "Harbour Reserve Bank of Dunwick City President Osric M. Tallow, the longest-serving member, spoke on Monday.",
                "“The rates stay,” Tallow said.",
            ]),
            vec![some("Osric M. Tallow")]
        );
    }

    /// After a role with "of", a given name starts the person's name, however many names
    /// follow it.
    #[test]
    fn a_given_name_after_a_role_of_a_place_starts_the_name() {
        assert_eq!(
            speakers_of(&[
                "Minister of Ports Helen Varadin Okonjo spoke on Monday.",
                "“It would be premature,” Okonjo said.",
            ]),
            vec![some("Helen Varadin Okonjo")]
        );
    }

    /// Two initials run together ("P.J.") open a person's name; "U.S." stays a place.
    #[test]
    fn initials_run_together_open_a_name() {
        assert_eq!(
            speakers_of(&[
                "Harbour Board spokesman O.J. Tallow spoke on Monday.",
                "“It is no risk,” Tallow said.",
                "U.S. Ambassador Ida Varadin answered. “We agree,” Varadin said.",
            ]),
            vec![some("O.J. Tallow"), some("Ida Varadin")]
        );
    }

    /// A wire service's dateline gives its name, as its own site does.
    #[test]
    fn wire_datelines_name_the_service() {
        let passages = crate::process(
            &paragraphs_doc(&[
                "KABUL, Afghanistan (AP) -- The harbour board met on Monday.",
                "PARIS (AFP) - The port reopened.",
                "HALVERN (Tidewater) - Ferries ran late.",
            ]),
            &TagOptions::default(),
        );
        let outlets: Vec<Option<&str>> = passages.iter().map(|p| p.outlet.as_deref()).collect();
        assert_eq!(
            outlets,
            vec![
                Some("Associated Press"),
                Some("Agence France-Presse"),
                Some("Tidewater")
            ]
        );
    }

    /// A description needs a source noun at its end or before the body it names: a
    /// subject, a verb and the people it met are no description of the speaker.
    #[test]
    fn the_people_a_subject_met_are_no_description() {
        let speakers = speakers_of(&[
            "Mateen met with reporters Monday at his home in Port St. Lucie, Florida, and called the attack “the act of a terrorist.”",
            "“We were told nothing,” Harbour rights activists said.",
        ]);
        assert_ne!(
            speakers[0].as_deref(),
            Some("Mateen met with reporters Monday at his home in Port St. Lucie")
        );
        assert!(speakers[0].as_deref().is_none_or(|s| s == "Mateen"));
        assert_eq!(speakers[1].as_deref(), Some("Harbour rights activists"));
    }

    #[test]
    fn a_he_said_means_the_one_person_the_narration_mentions() {
        // The same paragraph's words before the quotation name one person, though not as
        // a subject the sentence parser takes ("at that time asked").
        assert_eq!(
            speakers_of(&[
                "“The buses will run on time,” said Osric Tallow, the transit chief.",
                "Board Chair Mirela Quandt at that time asked for the timetable. “We were promised a faster line,” she said.",
            ]),
            vec![some("Osric Tallow"), some("Mirela Quandt")]
        );
        // A paragraph about someone, then "“...,” he says".
        assert_eq!(
            speakers_of(&[
                "Diversification is what led Victor Ambrose to open a distillery. In 2014, when he moved the brewery to Saltmere, he had an inkling the boom would end.",
                "“I wanted to not depend on beer,” he says.",
            ]),
            vec![some("Victor Ambrose")]
        );
        // Two people in that paragraph: no one.
        assert_eq!(
            speakers_of(&[
                "The deal brought Victor Ambrose and Tomas Varga together in 2014, when he moved the brewery to Saltmere.",
                "“I wanted to not depend on beer,” he says.",
            ]),
            vec![None]
        );
        // The one person named is spoken to, not speaking.
        assert_eq!(
            speakers_of(&[
                "Then Governor Tomas Varga walked over, and he looked at the board.",
                "“What number is it, Tomas?” he asked.",
            ]),
            vec![None]
        );
    }

    #[test]
    fn courtesy_titles_give_a_he_or_she_the_right_person() {
        // "Mr." and "Ms." say who is who when the given names do not; "who he called"
        // has "he" for its subject, not the person called.
        assert_eq!(
            speakers_of(&[
                "Mr. Varadin said he wanted to avoid “wars that send our sons and daughters to die.”",
                "He lashed out at Ms. Okonjo, who he called “a hawk in three-inch heels,” and said she left her job.",
                "Ms. Okonjo hit back. As Mr. Varadin played down the boos, she added: “You are just a showman.”",
            ]),
            vec![some("Varadin"), some("Varadin"), some("Okonjo")]
        );
    }

    /// "Stone says" is the actress the story names ("Emma Stone"), not the magazine it
    /// names more often; "the actress says" is a woman, not the man just quoted.
    #[test]
    fn surnames_and_epithets_mean_people_of_the_right_kind() {
        assert_eq!(
            speakers_of(&[
                "Film notes",
                "Damon Hallet, the director, told Rolling Stone about the film with Gary Holt and Emma Stone, and Rolling Stone asked again.",
                "“I made over 1,900 demos for this movie,” Holt says.",
                "Stone had just come off doing Cabaret, and met the director shortly thereafter. “It was at a diner,” the actress says, via email.",
                "“That sequence was fun because we were on wires,” Stone says.",
            ]),
            vec![some("Gary Holt"), some("Emma Stone"), some("Emma Stone")]
        );
    }

    #[test]
    fn an_acronym_is_no_he_or_she() {
        let got = speakers_of(&[
            "“The models use more and more energy,” says Ines Calloway, a researcher at Mila.",
            "Some AI researchers are not waiting. Calloway of Mila helped organize a workshop, and she was pleased to find it full. “There is a lot of interest in this,” she says.",
        ]);
        assert_ne!(got[1].as_deref(), Some("AI"));
        // Nor is a place in dotted capitals, whatever a sentence-opening verb ran into it.
        let got = speakers_of(&[
            "Tom Tallow is a tax lawyer. Blaming U.S. companies for following the tax code is unfair.",
            "“If these companies don’t need the money in the U.S., there’s no incentive,” he said.",
        ]);
        assert_ne!(got[0].as_deref(), Some("U.S"));
        assert_ne!(got[0].as_deref(), Some("Blaming U.S"));
        // The "he" of a cue several words after the quotation is a "he" all the same.
        let got = speakers_of(&[
            "Blaming U.S. companies for following the tax code, however complex or flawed, is misguided, says Tom Tallow, a senior analyst at a rating agency.",
            "“If these companies don’t need the money in the U.S., there’s no incentive to give Uncle Sam” that money in taxes, he said.",
        ]);
        assert_ne!(got[0].as_deref(), Some("U.S"));
    }

    #[test]
    fn the_one_asked_a_question_answers_it() {
        assert_eq!(
            speakers_of(&[
                "“Judge Okafor-Lind is the best person for the job,” Gov. Tallow said.",
                "At a press conference, a reporter asked Okafor-Lind, “What is the biggest problem in the courts?”",
                "“The biggest hurdle is getting people to see their own biases,” she replied.",
            ]),
            vec![
                Some("Tallow".to_owned()),
                Some("reporter".to_owned()),
                Some("Okafor-Lind".to_owned())
            ]
        );
    }

    #[test]
    fn a_paragraph_reporting_what_someone_explains_introduces_their_words() {
        // A phrase before the subject ("In the bar of a hotel,") and "spells out".
        let got = speakers_of(&[
            "Marrow has released a new book, called The Quiet Rule.",
            "In the bar of a top Halvern hotel, Marrow spells out why she used the title.",
            "“I like the word rule because it suggests something hidden but present.",
            "“Did that really happen? Was I really spoken to in that way? So it is to provide affirmation.”",
        ]);
        assert_eq!(
            got,
            vec![Some("Marrow".to_owned()), Some("Marrow".to_owned())]
        );
    }

    #[test]
    fn the_union_said_means_the_body_the_sentence_before_is_about() {
        assert_eq!(
            speakers_of(&[
                "The Harbour Pilots Guild of Calveria applauded the deal on Wednesday. “When workers are united, they win!” the union said in a statement.",
            ]),
            vec![Some("Harbour Pilots Guild of Calveria".to_owned())]
        );
        // A person before it is no union.
        assert_eq!(
            speakers_of(&[
                "Ida Marsh applauded the deal on Wednesday. “When workers are united, they win!” the union said in a statement.",
            ]),
            vec![None]
        );
    }

    #[test]
    fn a_quotation_after_a_sentence_reporting_speech_is_its_speakers() {
        let got = speakers_of(&[
            "Trust member Osric Tallow last week said signal priority remains his main issue. “For me, there are still two things I have a real issue with.”",
            "The trust met on Monday. “Nobody asked us,” one member said.",
        ]);
        assert_eq!(got[0].as_deref(), Some("Osric Tallow"));
        // A sentence that reports no speech names no speaker.
        assert_ne!(got[1].as_deref(), Some("trust"));
    }

    #[test]
    fn a_he_inside_someones_words_is_someone_else() {
        let quoted = quoted(&[
            "One day Tomas Varga dropped in, and Victor Ambrose invited him to taste something.",
            "Varga was impressed. “He said, ‘I want you to try this thing.’ And I did,” he says.",
        ]);
        assert_eq!(quoted[0].1.as_deref(), Some("Tomas Varga"));
        assert_ne!(quoted[1].1.as_deref(), Some("Tomas Varga"));
    }

    #[test]
    fn a_caption_between_paragraphs_does_not_change_who_he_is() {
        let got = speakers_of(&[
            "Rear Admiral Tomas Varga told reporters the encirclement was complete.",
            "Brigadier General Victor Ambrose, chief of the engineers, said troops were meeting mines.",
            "A house hit by a rocket near Saltmere. Photograph: Ida Marsh/Harbour Images",
            "“They have prepared themselves well,” he said.",
        ]);
        assert_eq!(got, vec![Some("Victor Ambrose".to_owned())]);
    }

    #[test]
    fn i_said_in_a_speech_is_the_speakers() {
        let got = speakers_of(&[
            "THE PRIME MINISTER: Thank you. Everybody thought I would go to Saltmere first. I said, “No, the harbour comes first, and it always will.” And they listened.",
            "MR. QUELL: When she told me, “The dues will fall next year,” I believed it, and I still do.",
        ]);
        // The turn's speaker, as its label resolves with no full name on the page.
        assert_eq!(got[0].as_deref(), Some("The Prime Minister"));
        // "she told me" is someone else's cue, though an "I" follows the quotation.
        assert_ne!(got[1].as_deref(), Some("Quell"));
    }

    #[test]
    fn a_roundups_body_labels_name_the_body() {
        let roundup = [
            "Sen. Ida Marsh (R-KY): “The harbour bill is a good day for the coast.”",
            "Ansel Quell, President, Harbour Federation of Pilots: “We waited years for this.”",
            "Saltmere Congresswoman Laura Penhallow: “It will lower the dues for every boat.”",
            "Harbour Works: “Harbour Works applauds the bill and the pilots who fought for it.”",
            "BREAKING: “The bill passed the Senate tonight by a wide margin.”",
        ];
        assert_eq!(
            speakers_of(&roundup),
            vec![
                some("Ida Marsh"),
                some("Ansel Quell"),
                some("Laura Penhallow"),
                some("Harbour Works"),
                None,
            ]
        );
        // Without labels that name people, a capitalised label is no speaker: it may as
        // well be a heading.
        assert_eq!(speakers_of(&roundup[3..]), vec![None, None]);
    }

    #[test]
    fn a_role_and_surname_name_the_one_person_with_both() {
        // Two people share the surname; the role tells them apart.
        assert_eq!(
            speakers_of(&[
                "Governor Ilsa Brandt Varga and First Minister Tomas Varga opened the harbour.",
                "“We built this for the next century,” Governor Varga said.",
            ]),
            vec![some("Ilsa Brandt Varga")]
        );
        // Without a role that one of them holds, the surname stays ambiguous.
        assert_eq!(
            speakers_of(&[
                "Governor Ilsa Brandt Varga and First Minister Tomas Varga opened the harbour.",
                "“We built this for the next century,” Varga said.",
            ]),
            vec![some("Varga")]
        );
    }

    #[test]
    fn an_excerpt_under_a_source_and_headline_line_is_the_sources() {
        // An outlet's headline, then its excerpt.
        assert_eq!(
            speakers_of(&[
                "The Saltmere Gazette (Saltmere, Calveria): Dock levy clears its last hurdle",
                "“The harbour board voted on Tuesday to approve the levy after months of talks with the pilots.”",
            ]),
            vec![some("Saltmere Gazette")]
        );
        // A person's op-ed under its headline, on an outlet's site.
        assert_eq!(
            speakers_of(&[
                "Rep. Laura Penhallow (R-KY) on HarbourNews.com: Why the levy is worth it",
                "“I voted for the levy because our docks cannot wait another winter for repairs.”",
            ]),
            vec![some("Laura Penhallow")]
        );
        // Someone's words in the first person under an outlet's headline are not the outlet's.
        assert_eq!(
            speakers_of(&[
                "Harbour Daily: Minister vows to keep the docks open",
                "“I will not let this harbour close while I hold this office.”",
            ]),
            vec![None]
        );
        // A fact-check's labels name no source.
        assert_eq!(
            speakers_of(&[
                "CLAIM: The levy doubles the price of fish",
                "“The price of a crate rose by four per cent in the month after the vote.”",
            ]),
            vec![None]
        );
    }

    #[test]
    fn an_excerpt_after_an_outlet_reports_is_the_outlets() {
        assert_eq!(
            speakers_of(&[
                "Meanwhile, the Saltmere Gazette reports:",
                "“At the old cannery, the night shift has doubled since the levy passed.”",
            ]),
            vec![Some("Saltmere Gazette".to_owned())]
        );
        assert_eq!(
            speakers_of(&[
                "The harbour board reports:",
                "“At the old cannery, the night shift has doubled since the levy passed.”",
            ]),
            vec![None]
        );
    }

    #[test]
    fn a_list_under_a_speakers_line_goes_on_in_their_words() {
        assert_eq!(
            speakers_of(&[
                "Harbour Secretary Martin Quell on Morning Tide",
                "“We have cleared the channel and the pilots are back at work.” (Watch)",
                "“Nobody expected the dredging to finish before the spring tides.” (Watch)",
                "On the levy: “It pays for itself within three seasons of trade.”",
                // The narrator's own words end the list.
                "The dredging began in March, two months after the pilots asked for it.",
                "“The costs will be published in full next month.”",
            ]),
            vec![
                some("Martin Quell"),
                some("Martin Quell"),
                some("Martin Quell"),
                None
            ]
        );
        // An introduction whose first word is capitalised like a subject.
        assert_eq!(
            speakers_of(&[
                "Key moments from Nora Vale’s remarks:",
                "“We will dredge the channel before the winter storms arrive.”",
            ]),
            vec![some("Nora Vale")]
        );
        // An introduction naming whose remarks follow.
        assert_eq!(
            speakers_of(&[
                "Here are the best moments from Governor Laura Penhallow’s remarks:",
                "“Our ports were built by people who did not wait for permission.”",
                "“The next ten years belong to the towns that keep building.”",
            ]),
            vec![some("Laura Penhallow"), some("Laura Penhallow")]
        );
    }

    #[test]
    fn a_label_with_emphasis_and_a_date_before_its_colon_names_the_speaker() {
        assert_eq!(
            speakers_of(&[
                "Harbour Secretary Martin Quell** (May 2):** “The channel is open again.”",
                "Secretary Quell (May 4): “We will keep it open through the winter.”",
                "Quell (May 6): “The pilots have the last word on safety.”",
            ]),
            vec![
                some("Martin Quell"),
                some("Martin Quell"),
                some("Martin Quell")
            ]
        );
    }

    #[test]
    fn a_labels_role_stays_off_the_name_and_a_title_means_a_person() {
        // The label's run is the document's fullest form of the name; the role is not.
        assert_eq!(
            speakers_of(&[
                "Alliance for Cleaner Harbours CEO Tobias Wren: “The levy keeps our berths open.”",
                "Wren added that “the pilots were consulted at every step.”",
            ]),
            vec![some("Tobias Wren"), some("Tobias Wren")]
        );
        // "President Quell" is the person, not the "Quell Administration".
        assert_eq!(
            speakers_of(&[
                "The Quell Administration opened the new berths on Monday, with President Martin Quell in attendance.",
                "President Quell: “These berths will serve the next fifty years of trade.”",
            ]),
            vec![some("Martin Quell")]
        );
    }

    #[test]
    fn a_roles_remit_stays_off_the_name() {
        assert_eq!(
            speakers_of(&[
                "Saltmere Fishing Association Vice President of Quotas and Licensing Helen Marsh: “The quota rules finally make sense.”",
            ]),
            vec![Some("Helen Marsh".to_owned())]
        );
    }

    #[test]
    fn a_committee_named_for_its_remit_is_one_body() {
        assert_eq!(
            speakers_of(&[
                "Harbour Committee on Fisheries and Natural Waters: “The levy protects every berth on the coast.”",
            ]),
            vec![Some("Harbour Committee on Fisheries and Natural Waters".to_owned())]
        );
    }

    #[test]
    fn he_at_a_paragraph_start_means_the_person_the_paragraph_before_is_about() {
        assert_eq!(
            speakers_of(&[
                "Marta Quillon, who represents the dock workers, said she was pleased with the ruling.",
                "“Twenty years of this work,” she said, “taught me patience.”",
            ]),
            vec![Some("Marta Quillon".to_owned()), Some("Marta Quillon".to_owned())]
        );
        // "first" between the subject and its verb does not hide the subject.
        assert_eq!(
            speakers_of(&[
                "When Mayor Osric Tallow first proposed the levy last week, he said the harbour needed it.",
                "He also said he hoped the levy would “open the door” to new berths.",
            ]),
            vec![Some("Osric Tallow".to_owned())]
        );
    }

    #[test]
    fn the_statement_speaks_for_whoever_issued_it() {
        assert_eq!(
            speakers_of(&[
                "Two ferries collided near the breakwater, the Calverian coastguard said in a statement on Monday.",
                "“The cause of the collision is under investigation,” the statement said.",
            ]),
            vec![Some("Calverian coastguard".to_owned())]
        );
        assert_eq!(
            speakers_of(&[
                "Brackwater Rovers said in a statement that talks had ended.",
                "“We thank him for his service to the club,” the statement read.",
            ]),
            vec![Some("Brackwater Rovers".to_owned())]
        );
        // A statement nobody is said to have issued is no speaker.
        assert_eq!(
            speakers_of(&["“The harbour will reopen on Friday,” the statement said."]),
            vec![None]
        );
    }

    #[test]
    fn quoted_subheadings_take_the_speaker_of_the_words_they_repeat() {
        let got = quoted(&[
            "2. “A storm we could see coming”",
            "Ilse Varga told the committee that the warnings had been ignored.",
            "“It was a storm we could see coming, and nobody listened,” Varga said.",
            "“The last word”",
            "The hearing ends on Friday.",
        ]);
        assert_eq!(
            got,
            vec![
                ("A storm we c".to_owned(), Some("Ilse Varga".to_owned())),
                ("It was a sto".to_owned(), Some("Ilse Varga".to_owned())),
            ]
        );
    }

    #[test]
    fn a_nested_quotation_does_not_continue_the_outer_one() {
        assert_eq!(
            speakers_of(&[
                "“I heard Governor Ansel Brook ask, quote, ‘Is it done?’” Pell testified. “Minister Dace replied that ‘It is done,’ and left.”",
            ]),
            vec![
                Some("Pell".to_owned()),
                Some("Ansel Brook".to_owned()),
                Some("Pell".to_owned()),
                Some("Dace".to_owned()),
            ]
        );
    }

    #[test]
    fn a_short_name_of_a_body_is_the_full_one() {
        assert_eq!(
            speakers_of(&[
                "Saltmere Wanderers confirmed the signing on Tuesday.",
                "Saltmere said in a statement: “Ada is one of the finest keepers in the league.”",
            ]),
            vec![Some("Saltmere Wanderers".to_owned())]
        );
    }

    #[test]
    fn quotations_running_over_paragraphs_keep_their_speaker() {
        let doc = paragraphs_doc(&[
            "Rafael Moro said after his appointment: “I am excited to be joining a team with such a history.",
            "“The quality of the squad excites me. Working with these players attracts me.”",
            "In an interview, Moro was blunter still:",
            "“Nobody here is afraid of hard work.”",
        ]);
        let passages = crate::process(&doc, &TagOptions::default());
        let speakers: Vec<Option<&str>> = passages
            .iter()
            .flat_map(|p| p.quotes.iter().map(|q| q.speaker.as_deref()))
            .collect();
        assert_eq!(
            speakers,
            vec![
                Some("Rafael Moro"),
                Some("Rafael Moro"),
                Some("Rafael Moro")
            ]
        );
    }

    #[test]
    fn a_paragraph_of_nothing_but_a_quotation_goes_on_with_the_speaker_before() {
        assert_eq!(
            speakers_of(&[
                "“She has weathered worse,” said Hal Brenner, who advised the mayor in Halvern.",
                "“The harbour has seen storms like this before. It will pass.”",
            ]),
            vec![
                Some("Hal Brenner".to_owned()),
                Some("Hal Brenner".to_owned())
            ]
        );
        // Not when the narrator has moved on to someone else.
        assert_eq!(
            speakers_of(&[
                "“She has weathered worse,” Hal Brenner said. Ines Varga disagreed with him.",
                "“The harbour has seen storms like this before. It will pass.”",
            ]),
            vec![Some("Hal Brenner".to_owned()), None]
        );
        // A given name alone is the one person the document names with it.
        assert_eq!(
            speakers_of(&[
                "One steward was Walter A. Brenner Reed, a nephew of the harbour master.",
                "“The quay was built for smaller boats,” Walter said.",
            ]),
            vec![Some("Walter A. Brenner Reed".to_owned())]
        );
    }

    #[test]
    fn pronouns_across_paragraphs() {
        // The subject before the previous paragraph's last quotation; the speaker of a
        // closing cue; "I" inside a quotation; a body is no "he".
        assert_eq!(
            speakers_of(&[
                "Harbour Mayor Osric Tallow suggested on Monday that “floating pontoons” could be used.",
                "“The north quay is where we have always put them,” he said.",
                "Divers have since recovered most of the nets, Tallow said.",
                "“Every trade on the coast lost something,” he said.",
            ]),
            vec![
                Some("Osric Tallow".to_owned()),
                Some("Osric Tallow".to_owned()),
                Some("Osric Tallow".to_owned())
            ]
        );
        assert_eq!(
            speakers_of(&[
                "Ida Marsh said, “The ferries are exposed. I would say, ‘Touch one of our crews and you will regret it.’”",
            ]),
            vec![Some("Ida Marsh".to_owned()), Some("Ida Marsh".to_owned())]
        );
        assert_eq!(
            speakers_of(&[
                "Prof Hal Brenner, head of Dunwick University, agrees. Dunwick, alone on the coast, kept its boatyard open. “Not one boat was lost there,” he says.",
            ]),
            vec![Some("Hal Brenner".to_owned())]
        );
        // A paragraph about a man and a woman, then "he explains": the man.
        assert_eq!(
            speakers_of(&[
                "Tom Tallow has a lot on his plate. What Tallow is most excited about is life at home with Eva Marsh and their daughters.",
                "“They are dream babies,” he explains to the Courier.",
            ]),
            vec![some("Tom Tallow")]
        );
        // A possessor is no subject ("Stephen’s MBA plans were put on hold"): "he" is Stephen.
        assert_eq!(
            speakers_of(&[
                "Stephen Vendry runs the team.",
                "Right out of college, Stephen signed on with Vendry Oil. Stephen’s MBA plans were put on hold. “I was so knee-deep in the team,” he says.",
            ]),
            vec![some("Stephen Vendry")]
        );
    }

    #[test]
    fn the_last_person_quoted_does_not_carry_far() {
        let near = [
            "“We will build the quay,” said Hal Brenner.",
            "The council met on Monday.",
            "Later, at a rally, he said the plan would “open the harbour to everyone”.",
        ];
        assert_eq!(speakers_of(&near)[1], Some("Hal Brenner".to_owned()));
        let far = [
            "“We will build the quay,” said Hal Brenner.",
            "The council met on Monday.",
            "The vote was close.",
            "The budget passed.",
            "Later, at a rally, he said the plan would “open the harbour to everyone”.",
        ];
        assert_eq!(speakers_of(&far)[1], None);
    }

    #[test]
    fn a_one_word_subject_is_no_he_unless_the_document_names_a_person_so() {
        // "Consolidation was ..." opens a sentence, but no one is called that.
        assert_eq!(
            speakers_of(&[
                "“We start today,” said Tomas Reed.",
                "Consolidation was the port’s answer for years. “I wanted more,” he said.",
                "Why the Port Bet on Consolidation",
                "Consolidation was the port’s answer for years. “I wanted more,” he said.",
            ]),
            // The third: no one, since a title-case headline capitalises common nouns.
            vec![
                Some("Tomas Reed".to_owned()),
                Some("Tomas Reed".to_owned()),
                None
            ]
        );
        // A name the document capitalises inside a sentence is a person's.
        assert_eq!(
            speakers_of(&[
                "Why the Port Bet on Consolidation",
                "The captain hired Odile last spring.",
                "Odile told the captain that the crew had raised the issue of pay.",
                "There were “serious worries about the pay rise,” she said.",
            ]),
            vec![Some("Odile".to_owned())]
        );
        // A surname the document gives with an honorific is a person.
        assert_eq!(
            speakers_of(&[
                "Mr. Achterwald is the harbour master.",
                "Achterwald is tired. “We work all night,” he said.",
            ]),
            vec![Some("Achterwald".to_owned())]
        );
    }

    #[test]
    fn an_epithet_means_the_person_just_named() {
        assert_eq!(
            speakers_of(&[
                "Ivo Grint warned on Tuesday that the ferry trade needs “urgent state help” before winter.",
                "Speaking in the Assembly, the Harbour Party MP said: “Without it the ferries will stop.”",
                "Tomas Reed walked to the dock. “We are ready,” the former mayor said.",
            ]),
            vec![
                Some("Ivo Grint".to_owned()),
                Some("Ivo Grint".to_owned()),
                Some("Tomas Reed".to_owned()),
            ]
        );
        // An epithet the document gives someone is that person; a spokesman speaks for a
        // body, and a body is no person.
        assert_eq!(
            speakers_of(&[
                "Mayor Ada Quill opened the dock. Tomas Reed spoke next.",
                "“We are ready,” the mayor said.",
                "The Dunwick Harbour Trust met on Monday. “We are ready,” the spokesman said.",
            ]),
            vec![Some("Ada Quill".to_owned()), Some("spokesman".to_owned())]
        );
        // No one named before: the last person quoted, else no one.
        assert_eq!(
            speakers_of(&[
                "“I am tired,” said Ada Morrow.",
                "“The new songs are nearly ready.”",
                "The veteran singer then added: “I will tour again in spring.”",
            ]),
            vec![
                Some("Ada Morrow".to_owned()),
                Some("Ada Morrow".to_owned()),
                Some("Ada Morrow".to_owned()),
            ]
        );
        assert_eq!(
            speakers_of(&[
                "The harbour reopened.",
                "“We are ready for it,” the mayor said."
            ]),
            vec![None]
        );
    }

    #[test]
    fn it_is_no_person() {
        assert_eq!(
            speakers_of(&[
                "Ruth Pell shared a card with her photos. “Rest easy, little one,” it said.",
                "Ruth Pell spoke at the funeral.",
                "Asked about the regatta, she described it as “the best in a decade”.",
            ]),
            vec![None, Some("Ruth Pell".to_owned())]
        );
    }

    #[test]
    fn she_skips_a_man_named_since() {
        let doc = Document {
            path: "t.txt".into(),
            sub_index: None,
            meta: Default::default(),
            blocks: vec![crate::model::Block {
                kind: crate::model::BlockKind::Paragraph,
                text: "Mary Okafor had spent years on the song. Tom Harper met her in Glasgow. “It was terrifying at first,” she said.".into(),
                line: Some(1),
            }],
        };
        let passages = crate::process(&doc, &TagOptions::default());
        assert_eq!(
            passages[0].quotes[0].speaker.as_deref(),
            Some("Mary Okafor")
        );
    }

    #[test]
    fn pronoun_subjects() {
        assert_eq!(last_subject("In a meeting with Knesset members from Meretz, President Abbas called for talks and said he would meet with Prime Minister Netanyahu in higher level peace talks. "), Some("President Abbas".to_owned()));
    }

    #[test]
    fn anaphoric_descriptions() {
        assert_eq!(
            antecedent_description(
                "A senior US State Department official said Syria's war matters. ",
                "official"
            )
            .as_deref(),
            Some("senior US State Department official")
        );
    }

    fn some(name: &str) -> Option<String> {
        Some(name.to_owned())
    }

    #[test]
    fn a_capitalised_compound_adjective_is_no_part_of_a_name() {
        assert_eq!(
            speakers_of(&[
                "“The harbour has avoided this for years,” noted Dunwick-based product liability lawyer Iver Castellan in an interview.",
            ]),
            vec![some("Iver Castellan")]
        );
        assert_eq!(
            speakers_of(&["Oslo-born engineer Tamsin Vire said: “The quay will hold.”"]),
            vec![some("Tamsin Vire")]
        );
    }

    #[test]
    fn a_quotation_alone_after_reported_words_is_the_reporters() {
        assert_eq!(
            speakers_of(&[
                "Speaking to the Courier, Tomas Vendry said: “I have given up hope.”",
                "Police are set to hold a press conference on Friday.",
                "Tomas Vendry believes someone in the town must know what happened to his son.",
                "“It just doesn't add up. I am sure of that.",
                "“We hoped it would all have been over by now.”",
            ]),
            vec![
                some("Tomas Vendry"),
                some("Tomas Vendry"),
                some("Tomas Vendry")
            ]
        );
        // Narration with no reported words hands a quotation to no one.
        assert_eq!(
            speakers_of(&[
                "Speaking to the Courier, Tomas Vendry said: “I have given up hope.”",
                "Tomas Vendry walked along the harbour wall on Friday.",
                "“It just doesn't add up.”",
            ]),
            vec![some("Tomas Vendry"), None]
        );
    }

    #[test]
    fn they_are_not_the_one_person_named_last() {
        assert_eq!(
            speakers_of(&[
                "“The quay is finished,” said Jory Tremayne.",
                "They do not say a minister promised something. They say a minister “came down.”",
            ]),
            vec![some("Jory Tremayne"), None]
        );
        // A body is a "they".
        assert_eq!(
            speakers_of(&[
                "The Dunwick Harbour Authority has reopened the quay.",
                "“We will keep it open all winter,” they said.",
            ]),
            vec![some("Dunwick Harbour Authority")]
        );
    }

    #[test]
    fn a_past_tense_before_a_comma_is_the_verb_of_the_subject_before_it() {
        assert_eq!(
            speakers_of(&[
                "“The babies need special care,” said Dr. Ilse Varga, a neonatologist at Dunwick Hospital.",
                "During an interview, Tarek Oduya paused, reeling in disbelief that all contact with patients had been severed. “Many patients could not reach the hospital,” he said.",
            ]),
            vec![some("Ilse Varga"), some("Tarek Oduya")]
        );
    }

    #[test]
    fn speech_verbs_and_what_is_no_speech() {
        // "remembers", "penned", "went on" report words.
        assert_eq!(
            speakers_of(&[
                "“Those goats were so smart,” remembers Anna Lisle, coordinator for the restoration programme.",
                "“This is a very serious incident,” Mara Osk penned.",
                "“I am shocked,” Mara Osk went on.",
            ]),
            vec![some("Anna Lisle"), some("Mara Osk"), some("Mara Osk")]
        );
        // A thing's name after "a seller called", and words someone "was told", are
        // nobody's words the sentence reports.
        assert!(
            speakers_of(&[
                "Ruth Pell had bought a battery from a seller called “Harbour Power Supplies,” a trading name.",
                "Her daughter Maia was told by the school that the image was what is known as a “deepfake.”",
            ])
            .iter()
            .all(Option::is_none)
        );
    }

    #[test]
    fn a_local_office_is_a_role() {
        assert_eq!(
            speakers_of(&[
                "“It is a win for the valley,” said Supervisor Alfredo Pedrosa of Napa County."
            ]),
            vec![some("Alfredo Pedrosa")]
        );
    }

    #[test]
    fn he_says_after_a_sentence_about_a_person() {
        // A present tense ending its sentence is the subject's verb.
        assert_eq!(
            speakers_of(&[
                "“Users gave their consent,” Harbour Mail said in a statement.",
                "Harbour Mail spokesperson Tolan disagrees. He points to a court decision in July. “We are building in line with this approach,” he adds.",
            ]),
            vec![some("Harbour Mail"), some("Tolan")]
        );
        // "according to NAME" names whom the sentence is about.
        assert_eq!(
            speakers_of(&[
                "“We are building in line with this,” said Tomas Vendry.",
                "Activists are not happy. The words were not part of the judgment, according to Max Orrel, founder of a rights group. “You cannot sell your rights,” he says.",
            ]),
            vec![some("Tomas Vendry"), some("Max Orrel")]
        );
    }

    #[test]
    fn the_body_named_by_its_head_noun() {
        assert_eq!(
            speakers_of(&[
                "Siskiyou came to Dunwick Zoo in December 2017 from a conservation centre.",
                "She gave birth to four pups and “the pack has enjoyed their habitat together,” the zoo said.",
            ]),
            vec![some("Dunwick Zoo")]
        );
        // A document that names no zoo, or two, gives "the zoo" to no one.
        assert_eq!(
            speakers_of(&["“The pack has enjoyed their habitat,” the zoo said."]),
            vec![None]
        );
        assert_eq!(
            speakers_of(&[
                "Wolves moved from Dunwick Zoo to Harwell Zoo in May.",
                "“The pack has enjoyed their habitat,” the zoo said.",
            ]),
            vec![None]
        );
    }

    #[test]
    fn a_paragraph_with_a_cue_of_its_own_continues_no_one() {
        assert_eq!(
            speakers_of(&[
                "“The pack has settled,” said Ilse Varga.",
                "“Siskiyou had quite the life,” said one of the keepers who cared for the wolf. “Her absence leaves a gap.”",
            ]),
            vec![some("Ilse Varga"), None, None]
        );
    }
}
