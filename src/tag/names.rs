//! Person and body names: splitting a role ("Secretary of State") off a name, finding the
//! names a document mentions, and making a short form canonical ("Kerry" -> "John Kerry").

// FxHash: these maps and sets are probed for every word of every document, and SipHash
// showed in ingest profiles; keys are our own text, not adversarial input.
use crate::model::SplitWords;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::LazyLock;

/// Words that make up roles and titles, never the name itself when a name follows them.
const ROLE_WORDS: &[&str] = &[
    "President",
    "Vice",
    "Prime",
    "Minister",
    "Secretary",
    "State",
    "Foreign",
    "Defense",
    "Defence",
    "Justice",
    "Finance",
    "Interior",
    "Chief",
    "Negotiator",
    "Envoy",
    "Special",
    "Ambassador",
    "Senator",
    "Sen.",
    "Rep.",
    "Representative",
    "Gov.",
    "Governor",
    "Mayor",
    "General",
    "Gen.",
    "Admiral",
    "Adm.",
    "Colonel",
    "Col.",
    "Lt.",
    "Captain",
    "Capt.",
    "Dr.",
    "Mr.",
    "Mrs.",
    "Ms.",
    "Miss",
    "Prof.",
    "Professor",
    "King",
    "Queen",
    "Prince",
    "Princess",
    "Sheikh",
    "Chancellor",
    "Director",
    "Deputy",
    "Assistant",
    "Press",
    "Spokesman",
    "Spokeswoman",
    "Spokesperson",
    "Chairman",
    "Chairwoman",
    "Chair",
    "Leader",
    "Whip",
    "Speaker",
    "Commissioner",
    "Judge",
    "Attorney",
    "Pope",
    "Rabbi",
    "Rev.",
    "Sir",
    "Dame",
    "Lord",
    "Lady",
    "Adviser",
    "Advisor",
    "Coordinator",
    "Counselor",
    "Counsellor",
    "Senior",
    "Former",
    "Acting",
    "Executive",
    "Officer",
    "Head",
    "Premier",
    "Emir",
    "Crown",
    "Governor-General",
    "Congressman",
    "Congresswoman",
    "Councillor",
    "Councilman",
    "Councilwoman",
    "Lieutenant",
    "Major",
    "Sergeant",
    "Treasurer",
    "Administrator",
    "Skipper",
    "Doctors",
    "Drs.",
    "Coach",
    "Inspector",
    "Detective",
    "Constable",
    "Superintendent",
    "Commander",
    "Marshal",
    "Corporal",
    "Bishop",
    "Archbishop",
    "Cardinal",
    "Imam",
    "Dean",
    "Provost",
    "Auditor",
    "Economist",
    "Analyst",
    "Editor",
    "Correspondent",
    "Founder",
    "Co-founder",
    "Commander",
    "Analyst",
    "Fellow",
    "Economist",
    "Editor",
    "Correspondent",
    "Columnist",
    "Founder",
    "Member",
    "Communications",
    "Strategic",
    "Affairs",
    "Security",
    "National",
    "Economic",
    "Policy",
    "Domestic",
    "Public",
    "Staff",
    "Counsel",
    "Principal",
    "Homeland",
    "Operations",
    "Budget",
    "Surgeon",
    "Health",
    "Climate",
    "Council",
    "Trade",
    "Commerce",
    "Treasury",
    "Labor",
    "Energy",
    "Education",
    "Agriculture",
    "Transportation",
    "Veterans",
    // Local offices ("Supervisor Alfredo Pedroza of Napa County").
    "Supervisor",
    "Alderman",
    "Alderwoman",
    "Assemblyman",
    "Assemblywoman",
    "Assemblymember",
    "Selectman",
    "Trustee",
    "Sheriff",
    "Magistrate",
    "Comptroller",
];

/// Capitalised words that join a title's parts ("Remarks by President Biden Aboard Air
/// Force One") and so end a name.
const TITLE_CONNECTORS: &[&str] = &[
    "Aboard",
    "En",
    "Route",
    "Via",
    "Into",
    "Onto",
    "Upon",
    "Over",
    "Under",
    "About",
    "Amid",
    "Ahead",
    "Following",
    "Regarding",
    "Announcing",
    "Celebrating",
    "Marking",
    "Honoring",
    "Honouring",
    "Vs.",
    "Between",
    "Against",
    "Without",
    "Across",
    "Through",
    "Toward",
    "Towards",
    "Is",
    "Are",
    "Was",
    "Will",
    "Has",
    "Have",
    "Delivers",
    "Signs",
    "Hosts",
];

/// Headline words of `TITLE_CONNECTORS` that are also given names.
const GIVEN_NAME_WORDS: &[&str] = &["Will"];

/// Words that cannot start or be part of a person's name even when capitalised.
const NOT_NAME_WORDS: &[&str] = &[
    // A speech verb opening an inverted cue ("Replied Stephen, with some delicacy, “...”").
    "Replied",
    "Added",
    "Asked",
    "Explained",
    "Recalled",
    "Responded",
    "Answered",
    "Countered",
    "Insisted",
    "Warned",
    "Argued",
    "Quipped",
    "Joked",
    "Remarked",
    "Conceded",
    "The",
    "A",
    "An",
    "As",
    "But",
    "And",
    "Or",
    "In",
    "On",
    "At",
    "Of",
    "For",
    "To",
    "By",
    "With",
    "From",
    "When",
    "While",
    "After",
    "Before",
    "Yet",
    "So",
    "Then",
    "Also",
    "Meanwhile",
    "However",
    "Still",
    "Now",
    "Later",
    "Earlier",
    "Here",
    "There",
    "This",
    "That",
    "These",
    "Those",
    "It",
    "He",
    "She",
    "They",
    "We",
    "I",
    "You",
    "His",
    "Her",
    "Their",
    "Our",
    "Its",
    "If",
    "Although",
    "Though",
    "Because",
    "Since",
    "Until",
    "During",
    "Speaking",
    "Writing",
    "According",
    "Praising",
    "Responding",
    "Instead",
    "Even",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Mr",
    "Mrs",
    "Ms",
    "Dr",
    // British honorifics written without a full stop ("Prof Ida Marsh", "Cllr Ann Roe").
    "Prof",
    "Cllr",
    // Sentence openers that are no part of a name ("Unlike Tull, Roe ...").
    "Unlike",
    "Like",
    "Despite",
    "Unless",
    "Whilst",
    "Whereas",
    "Whether",
    "Today",
    "Last",
    "Yesterday",
    "Tomorrow",
    "Q",
    "What",
    "Why",
    "How",
    "Who",
    "Where",
    "Which",
    "Thank",
    "Thanks",
    "Well",
    "Yes",
    "No",
    "Okay",
    "OK",
    "Look",
    "Let",
    "Please",
    "Good",
    "Great",
    "Sure",
    "Right",
    "Not",
    "Had",
    "All",
    "Your",
    "My",
    "Signed",
    "Honorable",
    "Dear",
    "Democrat",
    "Republican",
    "Uncle",
    "Aunt",
    "Grandpa",
    "Grandpop",
    "Mom",
    "Dad",
    "I’m",
    "I'm",
    "Build",
    "Back",
    "Every",
    "Sometimes",
    "Often",
    "Perhaps",
    "Maybe",
    "Indeed",
    "Finally",
    // Sentence adverbs that open a sentence before its subject ("Consequently, the
    // attorney accused ..."): never a name's first word. Not "Next": "Next Generation
    // Leaders Program".
    "Lastly",
    "Consequently",
    "Subsequently",
    "Initially",
    "Elsewhere",
    "Reportedly",
    "Allegedly",
    "Apparently",
    "Recently",
    "Already",
    "Again",
    "Rather",
    "Just",
    "Only",
    "Never",
    "Always",
    "Once",
    "Together",
    "Overall",
    "Unfortunately",
    "Fortunately",
    "Ultimately",
    "Eventually",
    "Currently",
    "Previously",
    "Separately",
    "Additionally",
    "Furthermore",
    "Moreover",
    "Nevertheless",
    "Nonetheless",
    "Otherwise",
    "Besides",
    "Thus",
    "Therefore",
    "Likewise",
    "Similarly",
    "Specifically",
    "Notably",
    "Clearly",
    "Many",
    "Some",
    "Most",
    "Several",
    "Both",
    "Each",
    "Such",
    "Other",
    "Another",
    "Two",
    "Three",
    "Four",
    "Five",
    "Six",
    "Seven",
    "Eight",
    "Nine",
    "Ten",
    "Dozens",
    "Hundreds",
    "Thousands",
    "Millions",
];

/// Connectors allowed inside a name ("Abu Bakr al-Baghdadi", "Ursula von der Leyen").
pub const NAME_PARTICLES: &[&str] = &[
    "de", "da", "del", "van", "von", "der", "al", "bin", "ibn", "le", "la", "du", "di",
];

/// The word lists as sets: name tests run on every capitalised word of every document.
static ROLE_SET: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| ROLE_WORDS.iter().copied().collect());
static NOT_NAME_SET: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    NOT_NAME_WORDS
        .iter()
        .chain(TITLE_CONNECTORS)
        .chain(super::date::WEEKDAYS.iter())
        .copied()
        .collect()
});

pub fn is_role_word(word: &str) -> bool {
    // Every role word, acronym and hyphenated role starts with a capital (a test checks the
    // list): the common lowercase word costs one comparison.
    if word.as_bytes().first().is_some_and(u8::is_ascii_lowercase) {
        return false;
    }
    ROLE_SET.contains(word)
        || (is_acronym(word) && !is_paired_initials(word))
        // "Director-General", "Secretary-General": every part a role word.
        || (word.contains('-') && word.split('-').all(|part| ROLE_SET.contains(part)))
}

/// "P.J.", "J.K.": two initials run together open a name ("P.J. Crowley"). The dotted
/// pairs that are places or bodies ("U.S.", "D.C.") are few and known; a person's initials
/// are any letters.
fn is_paired_initials(word: &str) -> bool {
    const DOTTED_PLACES: &[&str] = &[
        "U.S.", "U.K.", "U.N.", "E.U.", "D.C.", "L.A.", "N.Y.", "N.J.", "S.C.", "N.C.", "N.H.",
        "R.I.", "W.V.", "N.D.", "S.D.", "N.M.", "P.R.", "B.C.", "A.D.",
    ];
    let bytes = word.as_bytes();
    bytes.len() == 4
        && bytes[0].is_ascii_uppercase()
        && bytes[1] == b'.'
        && bytes[2].is_ascii_uppercase()
        && bytes[3] == b'.'
        && !DOTTED_PLACES.contains(&word)
}

/// "APNSA", "U.S.", "UN": capitals that name an office or country, not a person.
fn is_acronym(word: &str) -> bool {
    if word.len() > 8 {
        return false;
    }
    let mut letters = 0;
    for c in word.chars().filter(|c| c.is_alphabetic()) {
        if !c.is_uppercase() {
            return false;
        }
        letters += 1;
    }
    letters >= 2
}

/// Titles that are also common surnames ("Anna King", "John Major", "Howard Dean").
const SURNAME_TITLES: &[&str] = &[
    "King", "Major", "Bishop", "Dean", "Judge", "Marshal", "Pope", "Cardinal", "Prince",
];

/// Whether `tokens[at]`, a title word, is the surname of the name run: it ends the run and
/// follows a word that is a name and no title ("Anna King", not "Queen" or "Bishop").
fn is_surname_title(tokens: &[&str], at: usize) -> bool {
    at > 0
        && at + 1 == tokens.len()
        && SURNAME_TITLES.contains(&tokens[at])
        && is_name_token(tokens[at - 1])
        && !is_role_word(tokens[at - 1])
}

/// "US.", "ISO.", "BBC": two or more capitals without a full stop inside, a name whose
/// full stop (if any) ends the sentence, unlike "U.S." or an initial "J.".
pub fn is_capitals(word: &str) -> bool {
    let stem = word.trim_end_matches('.');
    stem.chars().filter(char::is_ascii_uppercase).count() >= 2
        && stem
            .chars()
            .all(|c| c.is_ascii_uppercase() || c == '-' || c == '&')
}

/// True for a token that can be part of a capitalised name: "Kerry", "O’Brien", "S.", "al-Sisi".
/// A compound whose last part is lowercase is an adjective, however it starts
/// ("Maryland-based", "Oxford-educated", "Labour-run"), and no part of a name.
pub fn is_capitalized(word: &str) -> bool {
    match word.chars().next() {
        Some(c) if c.is_uppercase() => !is_capitalised_compound_adjective(word),
        Some(c) if c.is_lowercase() => is_particle_compound(word),
        _ => false,
    }
}

/// "al-Kaabi", "el-Sisi", "bin-Talal": an article or particle joined by a hyphen to a
/// capitalised name, which the name keeps in lowercase.
fn is_particle_compound(word: &str) -> bool {
    word.split_once('-').is_some_and(|(particle, rest)| {
        matches!(
            particle,
            "al" | "el" | "ad" | "ar" | "as" | "ash" | "at" | "az" | "bin" | "ibn" | "abu"
        ) && rest.chars().next().is_some_and(char::is_uppercase)
    })
}

/// "Maryland-based", "London-born", "Tory-led", "Obama-era": a capitalised word joined by a
/// hyphen to a lowercase participle or adjective-forming word. Names keep a capital after
/// the hyphen ("Al-Hams", "Marchetti-Voss"), start lowercase ("al-Sisi"), or end in a
/// lowercase syllable that is no English word ("Lee Jae-myung", "Tsai Ing-wen").
pub fn is_capitalised_compound_adjective(word: &str) -> bool {
    /// Words after the hyphen of a compound adjective that are neither "-ed" nor "-ing".
    const SECOND_PARTS: &[&str] = &[
        "born",
        "bred",
        "run",
        "made",
        "led",
        "era",
        "style",
        "wide",
        "free",
        "bound",
        "friendly",
        "like",
        "area",
        "centric",
        "specific",
        "level",
        "class",
        "type",
        "size",
        "scale",
        "term",
        "grown",
        "known",
        "written",
        "driven",
        "stricken",
        "spoken",
        "sworn",
        "torn",
        "worn",
        "built",
        "held",
        "bought",
        "sold",
        "won",
        "lost",
        "set",
        "shy",
        "proof",
        "rich",
        "poor",
        "heavy",
        "light",
        "only",
        "first",
        "wise",
        "long",
        "old",
        "sized",
        "inspired",
        "language",
        "owned",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "second",
        "third",
        "fourth",
        "fifth",
        "sixth",
        "seventh",
        "eighth",
        "ninth",
        "hop",
        "out",
        "off",
        "year",
        "day",
        "week",
        "month",
        "man",
        "woman",
        "men",
        "women",
        "time",
        "based",
        "elect",
        "designate",
        "thirds",
        "quarters",
        "fifths",
    ];
    if memchr::memchr(b'-', word.as_bytes()).is_none() {
        return false;
    }
    let word = word.trim_end_matches(|c: char| !c.is_alphanumeric());
    let Some((first, last)) = word.rsplit_once('-') else {
        return false;
    };
    // A given name of two syllables has one hyphen between two words of letters.
    let name_like = first.chars().count() >= 2 && first.chars().all(char::is_alphabetic);
    last.chars().count() >= 3
        && last.chars().all(|c| c.is_lowercase())
        && (!name_like
            || last.ends_with("ed")
            || last.ends_with("ing")
            || SECOND_PARTS.contains(&last))
}

/// "Congress", "Parliament", "the Pentagon": bodies that a story names in one word, never a
/// "he" or a "she".
pub fn is_one_word_body(word: &str) -> bool {
    matches!(
        word,
        "Congress"
            | "Parliament"
            | "Senate"
            | "Pentagon"
            | "Kremlin"
            | "Knesset"
            | "Bundestag"
            | "Duma"
            | "Cabinet"
            | "Government"
            | "Legislature"
            | "Army"
            | "Navy"
            | "Police"
            | "Treasury"
            | "Vatican"
    ) || is_org_head(word)
}

/// "African-American", "Korean-Americans", "Arab-Israeli": a people's name joined to
/// another by a hyphen, an adjective or a group, never a person's name.
pub fn is_people_compound(word: &str) -> bool {
    const PEOPLES: &[&str] = &[
        "American",
        "Americans",
        "British",
        "Canadian",
        "Canadians",
        "Mexican",
        "Mexicans",
        "African",
        "Africans",
        "Asian",
        "Asians",
        "European",
        "Europeans",
        "Israeli",
        "Israelis",
        "Palestinian",
        "Palestinians",
        "Arab",
        "Arabs",
        "Chinese",
        "Japanese",
        "Korean",
        "Koreans",
        "Indian",
        "Indians",
        "Irish",
        "Italian",
        "Italians",
        "Jewish",
        "German",
        "Germans",
        "French",
        "Russian",
        "Russians",
        "Ukrainian",
        "Ukrainians",
    ];
    word.trim_end_matches(|c: char| !c.is_alphanumeric())
        .rsplit_once('-')
        .is_some_and(|(first, last)| {
            first.chars().next().is_some_and(char::is_uppercase) && PEOPLES.contains(&last)
        })
}

/// Drops the words a capitalised run picks up at a sentence start ("As Secretary Kerry" ->
/// "Secretary Kerry"); a phrase with no name or role word keeps its last word.
pub fn strip_leading_non_names(phrase: &str) -> String {
    let words: Vec<&str> = phrase.words().collect();
    let mut start = words
        .iter()
        .position(|w| is_name_token(w) || is_role_word(w))
        .unwrap_or(words.len().saturating_sub(1));
    // "Will Moy": a headline's "Will" is also a given name when a surname alone follows.
    if start == 1 && words.len() == 2 && GIVEN_NAME_WORDS.contains(&words[0]) {
        start = 0;
    }
    words[start..].join(" ")
}

/// True for a capitalised word that can be part of a name (not "The", "When", "Aboard").
pub fn is_name_token(word: &str) -> bool {
    is_capitalized(word) && !NOT_NAME_SET.contains(word)
}

/// True for a capitalised word that can start a name: a name token, or a headline word that
/// is also a given name ("Will").
pub fn can_start_name(word: &str) -> bool {
    is_name_token(word) || GIVEN_NAME_WORDS.contains(&word)
}

/// Titles written without a full stop ("Saltmere Sen Tim Varga", "Lt Ann Ray") and
/// honorifics: never the start of the name that follows them. Not role words everywhere,
/// since some are surnames too ("Ravi Sen").
pub const SHORT_TITLES: &[&str] = &[
    "Sen", "Rep", "Gov", "Lt", "Gen", "Col", "Capt", "Cpt", "Sgt", "Supt", "Insp", "Det", "Cmdr",
    "Cdr", "Adm", "Maj", "Brig", "Cpl", "Rev", "Fr", "Hon", "Mr", "Mrs", "Ms", "Mx", "Dr", "Prof",
    "Cllr",
];

/// Honorifics that say nothing of an office: dropped from a role that has more to it
/// ("Judge Mr T. Ray" holds the role "Judge").
const HONORIFICS: &[&str] = &["Mr", "Mrs", "Ms", "Mx", "Mr.", "Mrs.", "Ms.", "Mx."];

/// Lowercase words that join a name's parts or a role's ("envoy to Ukraine", "de la
/// Cruz"), never a description before a name.
fn is_joining_word(word: &str) -> bool {
    NAME_PARTICLES.contains(&word)
        || matches!(
            word,
            "of" | "to"
                | "for"
                | "and"
                | "or"
                | "the"
                | "a"
                | "an"
                | "&"
                | "from"
                | "at"
                | "in"
                | "on"
                | "with"
                | "by"
                | "y"
                | "e"
                | "dos"
                | "das"
                | "do"
        )
}

/// Given names that are often middle names ("Jamie Lee Tallis", "Bola Ahmed Pell"): a
/// word before one of them may be the person's own first name.
const MIDDLE_NAMES: &[&str] = &[
    "lee", "ann", "anne", "marie", "jean", "mae", "lynn", "jo", "louise", "rose", "jane", "ray",
    "joe", "ahmed", "ahmad", "mohammed", "muhammad", "mohammad", "ali", "abdul",
];

/// Nouns that head a body's name ("World Maritime Health Organization", "Alliance of ..."): a name
/// ending in one is a body, even with role words inside ("Health", "National").
const ORG_HEADS: &[&str] = &[
    "Organization",
    "Organisation",
    "Association",
    "Council",
    "Institute",
    "Institution",
    "Centre",
    "Center",
    "Board",
    "Party",
    "Ministry",
    "Department",
    "Bank",
    "University",
    "Union",
    "Commission",
    "Committee",
    "Agency",
    "Office",
    "Guild",
    "Federation",
    "League",
    "Society",
    "Foundation",
    "Corporation",
    "Company",
    "Group",
    "Authority",
    "Service",
    "Chamber",
    "Court",
    "Academy",
    "School",
    "College",
    "Bureau",
    "Alliance",
    "Coalition",
    "Confederation",
    "Trust",
    "Fund",
    "Forum",
    "Network",
    "Administration",
    "Assembly",
    "Museum",
    "Hospital",
    "Aid",
    "Watch",
    "Programme",
    "Program",
    "Observatory",
    "Laboratory",
    // Companies' legal forms ("Microsoft Corp", "Acme Holdings Ltd.").
    "Inc",
    "Corp",
    "Ltd",
    "Limited",
    "LLC",
    "PLC",
    "GmbH",
];

/// Whether a capitalised name is surely a body's, not a person's: it ends in a body's head
/// noun ("Harbour Pilots Association") or joins its words with "of" or "for" ("Writers
/// Guild of America"), and it does not start with a given name.
pub fn names_a_body(name: &str) -> bool {
    let words: Vec<&str> = name.words().collect();
    words.len() >= 2
        && given_name_gender(words[0]).is_none()
        && (words.last().is_some_and(|w| is_org_head(w))
            || words[1..words.len() - 1]
                .iter()
                .any(|w| matches!(*w, "of" | "for")))
}

/// Whether `word` heads a body's name: "Organization", or a hyphenated word ending in one
/// ("Guild-Federation").
pub fn is_org_head(word: &str) -> bool {
    let word = clean_token(word);
    // Every head is capitalised: most words are ruled out by their first byte.
    if !word.as_bytes().first().is_some_and(u8::is_ascii_uppercase) && !word.contains('-') {
        return false;
    }
    ORG_HEAD_SET.contains(word)
        || word
            .rsplit_once('-')
            .is_some_and(|(_, last)| ORG_HEAD_SET.contains(last))
}

static ORG_HEAD_SET: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| ORG_HEADS.iter().copied().collect());

/// A name split into the role that precedes it and the name proper.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoleName {
    pub role: Option<String>,
    pub name: String,
}

/// Splits "U.S. Secretary of State John Kerry" into role "U.S. Secretary of State" and name
/// "John Kerry": everything up to the last role word is the role, if a name remains. A
/// lowercase description before a full name is a role too ("CDP presidential candidate
/// Ann Vale"), and so are capitalised words the given-name list does not know before a
/// given name and surname ("Harbourmaster Leo Marsh"). A name ending in a body's head noun
/// ("World Maritime Health Organization") is a body, all of it.
pub fn split_role(phrase: &str) -> RoleName {
    let phrase = phrase.trim().trim_end_matches([',', '.', ';', ':']).trim();
    let words: Vec<&str> = phrase.words().collect();
    if words.len() >= 2
        && words.last().is_some_and(|w| is_org_head(w))
        && given_name_gender(words[words.len() - 2]).is_none()
        && words
            .iter()
            .all(|w| is_capitalized(w) || is_joining_word(w))
    {
        return RoleName {
            role: None,
            name: phrase.trim_start_matches("The ").to_owned(),
        };
    }
    let mut cut = None;
    for (idx, word) in words.iter().enumerate() {
        // Roles run lowercase in the middle of a sentence ("former special envoy").
        let role = is_role_word(word)
            || SHORT_TITLES.contains(word)
            || (word.chars().next().is_some_and(char::is_lowercase)
                && is_role_word(&title_case(word)));
        if idx + 1 < words.len() && role {
            cut = Some(idx + 1);
        }
    }
    // "Labour leader Ann Vale", "Ohio businessman Tom Reed": the lowercase words right
    // before a full name of capitalised words describe the person.
    let name_start = words
        .iter()
        .rposition(|w| !(is_capitalized(w) || NAME_PARTICLES.contains(w)))
        .map_or(0, |at| at + 1);
    if name_start > 0
        && words.len() - name_start >= 2
        && cut.is_none_or(|c| c < name_start)
        && !is_joining_word(words[name_start - 1])
        && words[name_start..]
            .iter()
            .filter(|w| is_name_token(w))
            .count()
            >= 2
    {
        cut = Some(name_start);
    }
    // "envoy to Ukraine Kurt Volker", "Director of Public Prosecution Eva-Marie Persson": a
    // place or body after "to"/"of"/"for" belongs to the role, up to the last two words.
    if let Some(at) = cut {
        let role_has_link = words[..at]
            .iter()
            .chain(words.get(at))
            .any(|w| matches!(*w, "of" | "to" | "for"));
        let mut at = at;
        if words
            .get(at)
            .is_some_and(|w| matches!(*w, "to" | "for" | "of"))
        {
            at += 1;
        }
        // A given name starts the person's name, however many names follow it ("Secretary
        // of State Hillary Rodham Clinton").
        while role_has_link
            && words.len() - at > 2
            && given_name_gender(words[at]).is_none()
            && !words[at + 1]
                .trim_end_matches('.')
                .chars()
                .all(char::is_uppercase)
            && !words[at].ends_with('.')
        {
            at += 1;
        }
        cut = Some(at);
    }
    // "Harbourmaster Leo Marsh", "Saltmere Anna Pike": capitalised words before a given name and
    // a surname, none of them a given name, are a role or a place, not the person's.
    let from = cut.unwrap_or(0);
    if let Some(given) = given_name_after_descriptors(&words[from..]) {
        cut = Some(from + given);
    }
    // "Jr." and "Sr." end names; they are not roles.
    match cut {
        Some(cut) if words[cut..].iter().any(|w| is_name_token(w)) => {
            let mut role_words = &words[..cut];
            // "Judge Mr T. Ray": the honorific adds nothing to the role.
            while role_words.len() > 1 && role_words.last().is_some_and(|w| HONORIFICS.contains(w))
            {
                role_words = &role_words[..role_words.len() - 1];
            }
            let role = role_words.join(" ");
            let role = role.trim_start_matches("The ").to_owned();
            RoleName {
                role: Some(role).filter(|r| !r.is_empty()),
                name: words[cut..].join(" "),
            }
        }
        _ => RoleName {
            role: None,
            name: words.join(" "),
        },
    }
}

/// In a run of capitalised words, where a "Given Surname" pair (or "Given I. Surname")
/// starts after one or more words that are neither given names nor initials: 1 for
/// "Harbourmaster Leo Marsh". None when the run starts with a given name, or when the given
/// name is one that is often a middle name ("Jamie Lee Tallis").
fn given_name_after_descriptors(words: &[&str]) -> Option<usize> {
    if words.len() < 3 || words.len() > 6 {
        return None;
    }
    let given = words.iter().position(|w| given_name_gender(w).is_some())?;
    let rest = &words[given..];
    let initial =
        |w: &str| w.ends_with('.') && w.chars().filter(|c| c.is_alphabetic()).count() <= 2;
    let descriptor = |w: &&str| {
        is_capitalized(w)
            && !initial(w)
            && w.chars().filter(|c| c.is_alphabetic()).count() >= 3
            && !is_capitals(w)
    };
    let fits = given >= 1
        && words[..given].iter().all(descriptor)
        && !MIDDLE_NAMES.contains(&clean_token(words[given]).to_lowercase().as_str())
        && (rest.len() == 2 || (rest.len() == 3 && initial(rest[1])))
        && rest[1..]
            .iter()
            .all(|w| is_name_token(w) && !is_role_word(w));
    fits.then_some(given)
}

/// Name tokens with trailing punctuation and possessives removed.
pub fn clean_token(word: &str) -> &str {
    let word = word.trim_matches(|c: char| {
        matches!(
            c,
            ',' | ';' | ':' | '(' | ')' | '"' | '“' | '”' | '‘' | '[' | ']' | '!' | '?' | '*'
        )
    });
    let word = word
        .strip_suffix("’s")
        .or_else(|| word.strip_suffix("'s"))
        .or_else(|| word.strip_suffix('’'))
        .unwrap_or(word);
    // A full stop ends a sentence unless the token is an initial or an abbreviation.
    if word.ends_with('.')
        && word.chars().filter(|c| c.is_alphabetic()).count() > 2
        && !is_role_word(word)
    {
        word.trim_end_matches('.')
    } else {
        word
    }
}

/// The person-like names a text mentions: runs of two to five capitalised tokens (role words
/// removed from the front), such as "John Kerry" or "Tzipi Livni".
pub fn mentioned_names(text: &str) -> Vec<String> {
    mentions(text).into_iter().map(|m| m.name).collect()
}

/// Like [`mentioned_names`], with the role each mention carries.
pub fn mentions(text: &str) -> Vec<RoleName> {
    let mut names = Vec::new();
    let mut run: Vec<&str> = Vec::new();
    let flush = |run: &mut Vec<&str>, names: &mut Vec<RoleName>, before_run: [&str; 2]| {
        // "special envoy to Ukraine Kurt Volker": the place after the role is not the name.
        let after_role = run.len() >= 3
            && matches!(before_run[1], "to" | "of" | "for")
            && is_role_word(&title_case(clean_token(before_run[0])));
        if after_role || (run.len() >= 2 && is_opening_gerund(run[0])) {
            run.remove(0);
        }
        if run.len() >= 2 {
            // "Ana Hoek of Dunwick State University": a name before "of" is the person, and
            // the role words after it belong to the body.
            let of_at = run.iter().position(|t| *t == "of");
            // "Federal Reserve Bank of Kansas City President Thomas M. Hoenig": a body's
            // name before "of" is no person; the role and name come after it.
            let phrase = match of_at {
                Some(at)
                    if at >= 2
                        && !is_org_head(run[at - 1])
                        && run[..at]
                            .iter()
                            .all(|t| !is_role_word(t) && !SHORT_TITLES.contains(t)) =>
                {
                    run[..at].join(" ")
                }
                _ => run.join(" "),
            };
            let mut split = split_role(&phrase);
            // "J. R. Malone of Maren Province": the name ends where a place or body begins.
            if let Some(cut) = split.name.split(' ').position(|t| t == "of") {
                let parts: Vec<&str> = split.name.split(' ').collect();
                // "District of Calveria Jonas Pell": a place, then a given name and surname.
                let tail = split_role(&parts[cut + 1..].join(" "));
                if cut < 2 && tail.role.is_some() && tail.name.split(' ').count() >= 2 {
                    let head = parts[..=cut].join(" ");
                    let role = [
                        split.role.as_deref(),
                        Some(head.as_str()),
                        tail.role.as_deref(),
                    ]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join(" ");
                    split = RoleName {
                        role: Some(role),
                        name: tail.name,
                    };
                } else {
                    split.name = parts[..cut].join(" ");
                }
            }
            let tokens: Vec<&str> = split.name.words().collect();
            // A bare surname counts when a role names it ("President Biden").
            let min_tokens = if split.role.is_some() { 1 } else { 2 };
            // "World Maritime Health Organization": a body's name may hold role words.
            let body = tokens.len() >= 2 && tokens.last().is_some_and(|t| is_org_head(t));
            let person_like = tokens.len() >= min_tokens
                && tokens.len() <= 5
                && !tokens.iter().all(|t| is_acronym(t))
                && tokens.iter().enumerate().all(|(at, t)| {
                    is_name_token(t)
                        || NAME_PARTICLES.contains(t)
                        || (at == 0 && GIVEN_NAME_WORDS.contains(t))
                })
                && (body
                    || !tokens
                        .iter()
                        .enumerate()
                        .any(|(at, t)| is_role_word(t) && !is_surname_title(&tokens, at)));
            // "in The Harbour Post Ruth said": a run after "the" ending in a given name is an
            // outlet's title with the name run into it, not a person's full name.
            let title_and_given_name = matches!(before_run[1], "the" | "The")
                && split.role.is_none()
                && tokens
                    .last()
                    .is_some_and(|t| given_name_gender(t).is_some());
            if person_like && !title_and_given_name {
                // "former President Amos Tull": "the former president" means him, and
                // "the president" does not.
                if before_run[1] == "former" {
                    split.role = split.role.map(|role| format!("former {role}"));
                }
                names.push(split);
            }
        }
        run.clear();
    };
    let mut pending_role: Option<usize> = None;
    // The two words before the current run: "envoy to" in "envoy to Ukraine Kurt Volker".
    let mut before_run: [&str; 2] = ["", ""];
    let mut previous: [&str; 2] = ["", ""];
    let mut words = text.words().peekable();
    while let Some(raw) = words.next() {
        if run.is_empty() {
            before_run = previous;
        }
        let word_before = previous[1];
        previous = [previous[1], raw];
        // Most words are lowercase outside a run: no name, role or given name starts with a
        // lowercase letter, and there is no run to extend or end.
        if run.is_empty() && raw.as_bytes()[0].is_ascii_lowercase() {
            pending_role = None;
            continue;
        }
        // "Sen. Elena de la Cruz (Chair);": a parenthesis ends the name and may give a role.
        if raw.starts_with('(') {
            flush(&mut run, &mut names, before_run);
            let inner = raw.trim_start_matches('(');
            if is_role_word(clean_token(inner)) && !names.is_empty() {
                pending_role = Some(names.len() - 1);
            }
            if let (Some(idx), true) = (pending_role, raw.ends_with([')', ';', ','])) {
                let role = clean_token(inner).to_owned();
                let name = names[idx].name.clone();
                names.push(RoleName {
                    role: Some(role),
                    name,
                });
                pending_role = None;
            }
            // "an aspiring actor (Emma Stone)": a name in parentheses is a name.
            if is_role_word(clean_token(inner)) || !is_name_token(clean_token(inner)) {
                continue;
            }
        }
        pending_role = None;
        let ends_sentence = raw.ends_with(['.', ',', ';', ':', '?', '!', ')', '”', '"']) && {
            let stripped = raw.trim_end_matches(['”', '"', ')']);
            !(stripped.ends_with('.')
                && stripped.chars().filter(|c| c.is_alphabetic()).count() <= 2)
        };
        let token = clean_token(raw);
        let possessive = is_possessive(raw);
        if token.is_empty() {
            flush(&mut run, &mut names, before_run);
            continue;
        }
        // "Former Rep. Will Tallow", "said Will Tallow": a headline word that is also a given
        // name, after a role or inside a sentence, and before a surname.
        let given_word = GIVEN_NAME_WORDS.contains(&token)
            && !ends_sentence
            && words.peek().is_some_and(|next| {
                let next = clean_token(next);
                is_name_token(next) && !is_role_word(next)
            })
            && (run.last().is_some_and(|t| is_role_word(t))
                || (run.is_empty()
                    && (word_before.chars().next().is_some_and(char::is_lowercase)
                        || is_role_word(word_before))));
        if is_name_token(token)
            || is_role_word(token)
            || given_word
            || (!run.is_empty() && (NAME_PARTICLES.contains(&token) || token == "of"))
        {
            run.push(token);
        } else {
            flush(&mut run, &mut names, before_run);
        }
        if ends_sentence || possessive {
            flush(&mut run, &mut names, before_run);
        }
    }
    flush(&mut run, &mut names, before_run);
    names
}

/// "Kerry’s", "Kerry's,", "Jones’": a word holding a possessive ends a name. A byte scan
/// first: most words have no apostrophe at all.
fn is_possessive(raw: &str) -> bool {
    raw.bytes().any(|b| b == b'\'' || b == 0xE2)
        && (raw.contains("’s") || raw.contains("'s") || raw.ends_with('’'))
}

/// A name's initials, uppercase: of its capitalised words, and of all its words
/// ("Department of Justice": "DJ" and "DOJ").
fn initials(words: &[&str]) -> (String, String) {
    let initial = |w: &&str| w.chars().next().map(|c| c.to_ascii_uppercase());
    let capitals = words
        .iter()
        .filter(|w| is_capitalized(w))
        .filter_map(initial)
        .collect();
    let all = words.iter().filter_map(initial).collect();
    (capitals, all)
}

/// How many words before "(PETA)" may spell it.
const ACRONYM_REACH: usize = 12;

/// Marks that close a sentence or clause at a word's end: no name runs across them.
const CLAUSE_END: [char; 7] = ['.', ',', ';', ':', '?', '!', ')'];

/// "People for the Ethical Treatment of Animals (PETA)": the name just before a bracketed
/// acronym whose letters are the initials of its capitalised words (or of all its words),
/// from its first capitalised word on, and the acronym. Whatever its head noun, a name
/// spelled out so is a body's, and the acronym stands for it. `before` is the text before
/// `raw`, of which the last [`ACRONYM_REACH`] words are read; a word closing a sentence or
/// clause ends the search.
fn spelled_by_acronym(raw: &str, before: &str) -> Option<(String, String)> {
    let acronym = raw
        .strip_prefix('(')?
        .trim_end_matches([',', ';', ':', '.'])
        .strip_suffix(')')?;
    if !(2..=8).contains(&acronym.len()) || !acronym.bytes().all(|b| b.is_ascii_uppercase()) {
        return None;
    }
    // The words before the acronym, oldest first.
    let mut recent: Vec<&str> = before.words().rev().take(ACRONYM_REACH).collect();
    recent.reverse();
    let mut words: Vec<&str> = Vec::new();
    for (at, word) in recent.iter().enumerate().rev() {
        if at + 1 < recent.len() && word.ends_with(CLAUSE_END) {
            break;
        }
        let token = clean_token(word);
        if token.is_empty() {
            break;
        }
        words.insert(0, token);
        if !is_capitalized(token) {
            continue;
        }
        let (capitals, all) = initials(&words);
        if capitals.len() > acronym.len() {
            return None;
        }
        if words.len() >= 2 && (capitals == acronym || all == acronym) {
            // "Department of Health and Human Services (HHS)": the acronym leaves out the
            // capitalised words before an "of" that the name begins with.
            let mut start = at;
            if start >= 2 && recent[start - 1] == "of" {
                let mut head = start - 1;
                while head > 0
                    && is_capitalized(clean_token(recent[head - 1]))
                    && !NOT_NAME_SET.contains(clean_token(recent[head - 1]))
                    && !recent[head - 1].ends_with(CLAUSE_END)
                    && start - head < 4
                {
                    head -= 1;
                }
                if head < start - 1 {
                    start = head;
                }
            }
            let name: Vec<&str> = recent[start..at]
                .iter()
                .map(|w| clean_token(w))
                .chain(words.iter().copied())
                .collect();
            return Some((acronym.to_owned(), name.join(" ")));
        }
    }
    None
}

/// Lowercase words that join the parts of a body's name.
fn is_body_join(word: &str) -> bool {
    matches!(word, "of" | "for" | "on" | "and" | "&")
}

/// Bodies named with lowercase joins: a capitalised run holding a body's head noun, then
/// "of"/"for"/"on" (and, after one of those, "and"/"&") and more capitalised words:
/// "Alliance of Harbour Pilots and Boat Owners", "Harbour Aid for Fishermen",
/// "Department of Health and Social Care". One pass over the words.
pub fn joined_bodies(text: &str) -> Vec<String> {
    // Only a join after a capitalised word can start one: most paragraphs cost a scan for
    // the joins.
    let capitalised_join = [" of ", " for ", " on "].iter().any(|join| {
        memchr::memmem::find_iter(text.as_bytes(), join.as_bytes()).any(|at| {
            text[..at]
                .rsplit(char::is_whitespace)
                .next()
                .and_then(|word| {
                    // "(Department of": clean_token drops the opening marks.
                    word.trim_start_matches(|c: char| !c.is_alphanumeric())
                        .chars()
                        .next()
                })
                .is_some_and(char::is_uppercase)
        })
    });
    if !capitalised_join {
        return Vec::new();
    }
    let raws: Vec<&str> = text.words().collect();
    let closes = |raw: &str| {
        raw.ends_with([',', ';', ':', '?', '!', ')', '”', '"', '.']) || is_possessive(raw)
    };
    // "Alliance of Harbour Pilots (AHP)": a bracketed acronym abbreviates the name, it is
    // no part of it.
    let name_word = |raw: &str| {
        let token = clean_token(raw);
        !raw.starts_with('(')
            && !token.is_empty()
            && is_capitalized(token)
            && !NOT_NAME_SET.contains(token)
    };
    // A capitalised run from `start`: its end (exclusive) and whether punctuation closed it.
    let run_from = |start: usize| {
        let mut end = start;
        while end < raws.len() && name_word(raws[end]) {
            end += 1;
            if closes(raws[end - 1]) {
                return (end, true);
            }
        }
        (end, false)
    };
    let mut bodies = Vec::new();
    let mut resume = 0;
    for join_at in 1..raws.len() {
        if join_at < resume || !matches!(raws[join_at], "of" | "for" | "on") {
            continue;
        }
        // The head: the capitalised run just before the join, holding a head noun.
        let last = raws[join_at - 1];
        if !name_word(last) || closes(last) {
            continue;
        }
        let mut start = join_at - 1;
        while start > resume && name_word(raws[start - 1]) && !closes(raws[start - 1]) {
            start -= 1;
        }
        let mut parts: Vec<&str> = raws[start..join_at]
            .iter()
            .map(|r| clean_token(r))
            .collect();
        if !parts.iter().any(|w| is_org_head(w)) {
            continue;
        }
        let mut end = join_at;
        let mut closed = false;
        let mut linked = false;
        while !closed && end + 1 < raws.len() {
            let join = raws[end];
            if !is_body_join(join) || (matches!(join, "and" | "&") && !linked) {
                break;
            }
            let mut next = end + 1;
            if matches!(join, "of" | "for" | "on") && raws[next] == "the" {
                next += 1;
            }
            let (run_end, run_closed) = run_from(next);
            if run_end == next {
                break;
            }
            let run: Vec<&str> = raws[next..run_end].iter().map(|r| clean_token(r)).collect();
            // "the University of Tarrin and Dunwick College": two bodies.
            if matches!(join, "and" | "&") && run.iter().any(|w| is_org_head(w)) {
                break;
            }
            parts.push(join);
            if next > end + 1 {
                parts.push("the");
            }
            parts.extend(run);
            linked = true;
            end = run_end;
            closed = run_closed;
        }
        if linked {
            bodies.push(parts.join(" "));
            resume = end;
        }
    }
    bodies
}

/// Whether a role the document gives someone (`given`) is `role_lower` (lowercase): the
/// same words, or ending in them ("U.S. President" is "president"), but "Vice President"
/// is not "president" and a "former" role is no longer held.
fn holds_role(given: &str, role_lower: &str) -> bool {
    let given = given.to_lowercase();
    given == role_lower
        || (given.ends_with(&format!(" {role_lower}"))
            && !given.ends_with(&format!("vice {role_lower}"))
            && !given.starts_with("former "))
}

/// A document's inventory of names, used to make short forms canonical.
#[derive(Debug, Default, Clone)]
pub struct NameBook {
    /// Full names, each counted once per mention.
    full_names: HashMap<String, usize>,
    /// Surname (last token, lowercase) -> full names that end with it.
    by_surname: HashMap<String, Vec<String>>,
    /// Full name -> the first role the document gives it.
    roles: HashMap<String, String>,
    /// (name, role) -> mentions, to find who holds a role.
    role_counts: HashMap<(String, String), usize>,
    /// Bodies' names with lowercase joins ("Alliance of Harbour Pilots and Boat Owners"),
    /// which no capitalised run holds whole, in order of first mention.
    bodies: Vec<String>,
    /// Initials ("UDW", "DOJ") -> the full names and bodies they abbreviate.
    by_initials: HashMap<String, Vec<String>>,
    /// Words capitalised after a lowercase word ("When Mina joined"): proper nouns, unlike
    /// a common noun that only opens sentences ("Consolidation was ...").
    proper_words: HashSet<String>,
    /// Full names mentioned in prose, not only in a headline in title case, whose
    /// capitalised verbs run on after a name ("President Biden Highlighting ...").
    prose_names: HashSet<String>,
    /// Surname key -> the gender the titles before it give ("Mr. Ramaswamy", "Ms. Haley"),
    /// `None` once two titles disagree.
    title_genders: HashMap<String, Option<Gender>>,
}

/// The gender a courtesy title gives the name after it.
fn title_gender(token: &str) -> Option<Gender> {
    match token.trim_end_matches('.') {
        "Mr" | "MR" => Some(Gender::Male),
        "Mrs" | "Ms" | "Miss" | "MRS" | "MS" => Some(Gender::Female),
        _ => None,
    }
}

impl NameBook {
    pub fn add(&mut self, name: &str) {
        let name = name.trim();
        if name.words().count() < 2 {
            return;
        }
        let count = self.full_names.entry(name.to_owned()).or_insert(0);
        *count += 1;
        // "Jerry Jr.": a given name and a suffix is a person of its own, filed under no
        // surname (a bare "Jerry" is not him).
        if *count == 1 && !is_given_name_and_suffix(name) {
            let surname = surname_key(name);
            self.by_surname
                .entry(surname)
                .or_default()
                .push(name.to_owned());
            self.add_initials(name);
        }
    }

    /// Files a full name under its initials, with and without its lowercase joins
    /// ("Department of Justice": "DJ" and "DOJ").
    fn add_initials(&mut self, name: &str) {
        let words: Vec<&str> = name.words().collect();
        if words.len() < 2 || words.len() > 10 {
            return;
        }
        let (capitals, all) = initials(&words);
        for key in [capitals, all] {
            self.file_under_initials(key, name);
        }
    }

    /// Files `name` under the capitals `key` ("UDW", "PETA"), once.
    fn file_under_initials(&mut self, key: String, name: &str) {
        let entry = self.by_initials.entry(key).or_default();
        if !entry.iter().any(|n| n == name) {
            entry.push(name.to_owned());
        }
    }

    fn add_body(&mut self, body: String) {
        if !self.bodies.contains(&body) {
            self.add_initials(&body);
            self.bodies.push(body);
        }
    }

    pub fn add_text(&mut self, text: &str) {
        for body in joined_bodies(text) {
            self.add_body(body);
        }
        // Words capitalised after a lowercase word, kept unless the text is a headline in
        // title case ("Puts a Price on Privacy"), which capitalises common nouns.
        let (mut words, mut capitalised) = (0, 0);
        let mut proper: Vec<&str> = Vec::new();
        let mut after_lowercase = false;
        let mut title: Option<Gender> = None;
        for raw in text.words() {
            if raw.starts_with('(') {
                let before = &text[..raw.as_ptr() as usize - text.as_ptr() as usize];
                if let Some((acronym, body)) = spelled_by_acronym(raw, before) {
                    self.file_under_initials(acronym, &body);
                    self.add_body(body);
                }
            }
            let first = raw.chars().next();
            let upper = first.is_some_and(char::is_uppercase);
            words += 1;
            capitalised += usize::from(upper);
            if after_lowercase && upper {
                proper.push(clean_token(raw));
            }
            if let Some(gender) = title.take().filter(|_| upper) {
                let known = self
                    .title_genders
                    .entry(surname_key(raw))
                    .or_insert(Some(gender));
                if *known != Some(gender) {
                    *known = None;
                }
            }
            if upper {
                title = title_gender(raw);
            }
            after_lowercase = first.is_some_and(char::is_lowercase)
                && !raw.ends_with(['.', '?', '!', ':', '”', '"']);
        }
        // A headline in title case capitalises every other word or more.
        let prose = capitalised * 2 < words;
        if prose {
            for token in proper {
                if !self.proper_words.contains(token) {
                    self.proper_words.insert(token.to_owned());
                }
            }
        }
        for mention in mentions(text) {
            self.add(&mention.name);
            if prose && !self.prose_names.contains(&mention.name) {
                self.prose_names.insert(mention.name.clone());
            }
            if let Some(role) = mention.role {
                *self
                    .role_counts
                    .entry((mention.name.clone(), role.clone()))
                    .or_insert(0) += 1;
                self.roles.entry(mention.name).or_insert(role);
            }
        }
    }

    /// "Oakland Zoo" for "the zoo": the one body of the document whose name ends with
    /// `head` capitalised, or has it before "of" ("Court of Appeal"). Forms of one name
    /// count once (the fullest wins); two bodies make it ambiguous.
    pub fn body_with_head(&self, head: &str) -> Option<String> {
        let capital = title_case(head);
        let mut found: Vec<&String> = self
            .full_names
            .keys()
            .chain(&self.bodies)
            .filter(|name| {
                let words: Vec<&str> = name.words().collect();
                words.len() >= 2
                    && given_name_gender(words[0]).is_none()
                    && words.iter().enumerate().any(|(at, w)| {
                        *w == capital && (at + 1 == words.len() || words[at + 1] == "of")
                    })
            })
            .collect();
        found.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
        let fullest = *found.first()?;
        found[1..]
            .iter()
            .all(|other| contains_name(fullest, other))
            .then(|| fullest.clone())
    }

    /// The gender of the person `name` (a full name or a surname): its given name's, else
    /// the one the document's courtesy titles give its surname ("Mr. Ramaswamy").
    pub fn gender(&self, name: &str) -> Option<Gender> {
        let first = name
            .words()
            .find(|w| w.trim_end_matches('.').chars().count() > 1)
            .unwrap_or("");
        given_name_gender(first).or_else(|| {
            self.title_genders
                .get(&surname_key(name))
                .copied()
                .flatten()
        })
    }

    /// Whether the document capitalises `word` inside a sentence, after a lowercase word.
    pub fn is_proper_word(&self, word: &str) -> bool {
        self.proper_words.contains(word)
    }

    /// The role the document gives a full name ("Press Secretary" for "Jen Psaki").
    pub fn role(&self, name: &str) -> Option<&str> {
        self.roles.get(name).map(String::as_str)
    }

    /// A person, not a place or a brand ("Humboldt Park", "Rolling Stone"): a known given
    /// name first, or a role the document gives.
    pub fn is_surely_person(&self, name: &str) -> bool {
        name.words()
            .next()
            .is_some_and(|first| given_name_gender(first).is_some())
            || self.roles.contains_key(name)
    }

    /// The first full name the document gives with this role word before it: for "THE
    /// PRESIDENT", the "President ..." the page names. "Vice President X" is not "President X".
    pub fn holder_of(&self, role: &str) -> Option<&str> {
        let role_lower = role.to_lowercase();
        let holders: Vec<(&str, usize)> = self
            .role_counts
            .iter()
            .filter(|((_, r), _)| holds_role(r, &role_lower))
            .map(|((name, _), count)| (name.as_str(), *count))
            .collect();
        let most = holders.iter().map(|(_, count)| *count).max()?;
        let mut top: Vec<&str> = holders
            .iter()
            .filter(|(_, count)| *count == most)
            .map(|(name, _)| *name)
            .collect();
        // The longest form names the holder; the order of the map never decides.
        top.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
        let holder = top[0];
        // Two different people named with the role equally often: ambiguous.
        let canonical = self.canonical(holder);
        let one_person = top[1..]
            .iter()
            .all(|other| self.canonical(other) == canonical);
        one_person.then_some(holder)
    }

    /// "Donald J. Trump" for "President Trump" when the document also names "Melania Trump":
    /// the one full name ending in `surname` that the document gives with `role` (or a
    /// role ending in it: "U.S. President"), when its surname alone is ambiguous.
    pub fn full_name_with_role(&self, surname: &str, role: &str) -> Option<String> {
        let role_lower = role.to_lowercase();
        let mut found: Option<String> = None;
        for (name, name_role) in self.role_counts.keys() {
            if !holds_role(name_role, &role_lower)
                || !name.contains(' ')
                || name.rsplit(' ').next() != Some(surname)
            {
                continue;
            }
            let full = self.canonical(name);
            match &found {
                Some(other) if *other != full => return None,
                _ => found = Some(full),
            }
        }
        found
    }

    /// The person a bare role phrase means ("the minister", "Foreign Secretary"): the one
    /// the document gives that role, if the phrase is nothing but role words.
    pub fn holder_of_phrase(&self, phrase: &str) -> Option<String> {
        let words: Vec<String> = phrase
            .words()
            .filter(|w| !matches!(w.to_lowercase().as_str(), "the" | "a" | "an"))
            .map(title_case)
            .collect();
        if words.is_empty() || !words.iter().all(|w| is_role_word(w)) {
            return None;
        }
        self.holder_of(&words.join(" ")).map(|n| self.canonical(n))
    }

    /// "Tottenham" for "Tottenham Hotspur": a one-word name that is no given name and ends
    /// no full name, but starts exactly one full name of two or three words that the
    /// document never gives a role (a body, not a person), is that body's short name.
    fn short_body_name(&self, name: &str) -> Option<String> {
        if name.contains(' ') || !is_name_token(name) || given_name_gender(name).is_some() {
            return None;
        }
        let mut found: Option<&String> = None;
        for full in self.full_names.keys() {
            let Some(rest) = full.strip_prefix(name) else {
                continue;
            };
            if !rest.starts_with(' ') || self.roles.contains_key(full) {
                continue;
            }
            if !(2..=3).contains(&full.words().count()) {
                continue;
            }
            if found.is_some_and(|f| f != full) {
                return None;
            }
            found = Some(full);
        }
        found.cloned()
    }

    /// The fullest form of `name` the document gives: the longest known full name that
    /// ends with the same surname and contains every token of `name`. Ambiguous short
    /// forms (two different people share the surname) stay as they are.
    pub fn canonical(&self, name: &str) -> String {
        let name = name.trim();
        if let Some(full) = self.expand_initials(name) {
            return full;
        }
        let found = self.canonical_person(name);
        self.body_with_short_name(&found).unwrap_or(found)
    }

    /// "UDW" for "United Dock Workers": capitals whose letters are the initials of exactly
    /// one body the document names (not a person: no given name first, no role).
    fn expand_initials(&self, name: &str) -> Option<String> {
        let letters: String = name.chars().filter(|c| *c != '.').collect();
        if !(2..=8).contains(&letters.len()) || !letters.chars().all(|c| c.is_ascii_uppercase()) {
            return None;
        }
        let bodies: Vec<&String> = self
            .by_initials
            .get(&letters)?
            .iter()
            .filter(|full| {
                // Two capitalised words may be a person whose given name the list lacks.
                let first = full.words().next().unwrap_or("");
                let long =
                    full.words().count() >= 3 || full.rsplit(' ').next().is_some_and(is_org_head);
                // "Dunwick Harbour Authority (DHA)": capitals in brackets are no person's role.
                let person_role = self
                    .roles
                    .get(full.as_str())
                    .is_some_and(|r| !is_capitals(r));
                long && given_name_gender(first).is_none() && !person_role
            })
            .collect();
        match bodies.as_slice() {
            [one] => Some((*one).clone()),
            _ => None,
        }
    }

    /// "Harbour Aid" or "the Alliance" for "Harbour Aid for Fishermen" or "Alliance of
    /// Harbour Pilots": the start or the end of exactly one body's name with lowercase
    /// joins. A person's name (a given name first) is no short name of a body.
    fn body_with_short_name(&self, short: &str) -> Option<String> {
        let first = short.words().next()?;
        if self.bodies.is_empty() || given_name_gender(first).is_some() || !is_capitalized(first) {
            return None;
        }
        let mut found: Option<&String> = None;
        for body in &self.bodies {
            let starts = body
                .strip_prefix(short)
                .is_some_and(|rest| rest.starts_with(' '));
            let ends = body
                .strip_suffix(short)
                .is_some_and(|rest| rest.ends_with(' '));
            if !(starts || ends) {
                continue;
            }
            if found.is_some_and(|f| f != body) {
                return None;
            }
            found = Some(body);
        }
        found.cloned()
    }

    pub fn canonical_person(&self, name: &str) -> String {
        let exact = self.canonical_exact(name);
        if exact != name || self.full_names.contains_key(name) {
            return exact;
        }
        // "Calveria Jonas Pell" (from "Attorney for Calveria Jonas Pell"),
        // "Post Ruth" ("Writing in The Harbour Post Ruth said"): a place or outlet run into the
        // name. The words after it are the name when they are a full name the document
        // gives, or a given name of one person; a bare surname may be someone else's.
        let words: Vec<&str> = name.words().collect();
        // Only capitalised runs: "X and her colleague Y" is two people, not Y.
        if !words.iter().all(|w| is_capitalized(w)) {
            return exact;
        }
        for start in 1..words.len() {
            let tail = words[start..].join(" ");
            if start + 1 == words.len() && given_name_gender(&tail).is_none() {
                break;
            }
            let resolved = self.canonical_exact(&tail);
            if self.full_names.contains_key(&resolved) {
                return resolved;
            }
        }
        exact
    }

    /// "Walter" for "Walter A. Brenner Reed": a given name alone (no one's surname) means
    /// the one person of the document whose full name starts with it. Two people with that
    /// given name make it ambiguous. Other words that are no one's surname mean a person
    /// the same way when the name they open is the family name first ("Yoon" for "President
    /// Yoon Suk Yeol", "Lee" for "Lee Jae-myung") or a given name of two words ("Te
    /// Kaurinui" for "Te Kaurinui Robert Parata"): two words (not a given name and a
    /// surname: "Frances Perkins" is whole), or one word opening a name the document gives
    /// with a role; the name is a person's (no body's head noun last: not "Frances Perkins
    /// Homestead", "United States Senate") and prose gives it, not only a headline.
    fn given_name_holder(&self, name: &str) -> Option<String> {
        let words: Vec<&str> = name.words().collect();
        let given = words.len() == 1 && given_name_gender(name).is_some();
        if !(given || (1..=2).contains(&words.len()) && words.iter().all(|w| is_name_token(w))) {
            return None;
        }
        let prefix = format!("{name} ");
        let mut holders: Vec<&String> = self
            .full_names
            .keys()
            .filter(|full| {
                full.starts_with(&prefix)
                    && full.words().count() <= 5
                    && !is_given_name_and_suffix(full)
                    && !full
                        .rsplit(' ')
                        .next()
                        .is_some_and(|last| is_org_head(last) || PLACE_HEADS.contains(&last))
                    && (given || self.opens_persons_name(&words, full, prefix.len()))
            })
            .collect();
        // The longest form, then alphabetical: the map's order never decides.
        holders.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
        let longest = *holders.first()?;
        let longest_tokens: Vec<&str> = longest.words().collect();
        let one_person = holders[1..]
            .iter()
            .all(|other| other.words().all(|token| longest_tokens.contains(&token)));
        one_person.then(|| longest.clone())
    }

    /// Whether `full`, whose first `prefix_len` bytes are the words `short` and a space, is
    /// a person's name that prose gives, with nothing after `short` but name words: family
    /// name first when `short` is one word (a role given, no English given name after it:
    /// not "Carper Tommy"), else a two-word given name (a given name after it, or a surname
    /// another person of the document bears: not "United States Senate").
    fn opens_persons_name(&self, short: &[&str], full: &str, prefix_len: usize) -> bool {
        let rest = || full[prefix_len..].words();
        if !self.prose_names.contains(full)
            || !rest().all(|w| is_name_token(w) && !is_org_head(w) && !is_role_word(w))
        {
            return false;
        }
        if short.len() == 1 {
            return self.roles.contains_key(full) && rest().all(|w| given_name_gender(w).is_none());
        }
        let prefix = &full[..prefix_len];
        given_name_gender(short[0]).is_none()
            && (rest().any(|w| given_name_gender(w).is_some())
                || self
                    .by_surname
                    .get(&surname_key(full))
                    .is_some_and(|holders| {
                        holders
                            .iter()
                            .any(|h| !full.starts_with(h.as_str()) && !h.starts_with(prefix))
                    }))
    }

    fn canonical_exact(&self, name: &str) -> String {
        let tokens: Vec<String> = name.words().map(str::to_lowercase).collect();
        if tokens.is_empty() {
            return name.to_owned();
        }
        let Some(candidates) = self.by_surname.get(&surname_key(name)) else {
            return self
                .short_body_name(name)
                .or_else(|| self.given_name_holder(name))
                .unwrap_or_else(|| name.to_owned());
        };
        let mut matching: Vec<&String> = candidates
            .iter()
            .filter(|full| {
                let full_tokens: Vec<String> = full.words().map(str::to_lowercase).collect();
                tokens.iter().all(|t| full_tokens.contains(t))
            })
            .collect();
        // "Stone says": a person, when the document gives one under that surname ("Emma
        // Stone"), not a magazine it names more often ("Rolling Stone").
        if tokens.len() == 1 && matching.iter().any(|full| self.is_surely_person(full)) {
            matching.retain(|full| self.is_surely_person(full));
        }
        // A name the document gives with a role ("Secretary of State John Kerry") is a
        // person for sure; a capitalised run at a sentence start may not be.
        let score =
            |full: &str| self.full_names[full] + if self.roles.contains_key(full) { 3 } else { 0 };
        let Some(best) = matching
            .iter()
            .max_by_key(|full| (score(full), full.words().count()))
        else {
            return name.to_owned();
        };
        // Two people who share a surname ("Ehud Barak", "Aharon Barak") make it ambiguous.
        let rival = matching.iter().any(|full| {
            !contains_name(best, full) && !contains_name(full, best) && score(full) >= score(best)
        });
        if rival && tokens.len() == 1 {
            return name.to_owned();
        }
        // Prefer the longest form that contains the best one ("John F. Kerry" over "John
        // Kerry", "Allan Bryant Snr" over "Allan Snr": a suffix stays with the full name).
        let longest = matching
            .iter()
            .filter(|full| contains_name(full, best))
            .max_by_key(|full| full.words().count())
            .map_or_else(|| (*best).clone(), |full| (*full).clone());
        // "Te Kaurinui", a run of its own at a sentence start, is the start of "Te Kaurinui
        // Robert Parata" when no one else bears it as a surname.
        if longest == name && tokens.len() >= 2 {
            if let Some(holder) = self.given_name_holder(name) {
                return holder;
            }
        }
        longest
    }
}

/// Whether the name `full` contains every word of `short` in the same order, case aside
/// ("John F. Kerry" contains "John Kerry" and "Kerry"; "Allan Bryant Snr" contains "Allan
/// Snr").
fn contains_name(full: &str, short: &str) -> bool {
    let mut full_words = full.words();
    short.words().all(|word| {
        full_words
            .by_ref()
            .any(|candidate| candidate.eq_ignore_ascii_case(word))
    })
}

/// The gender a given name usually has, for telling which person "he" or "she" means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gender {
    Male,
    Female,
}

/// Common given names in English-language news that are almost always one gender's. A name
/// not listed (or used by both, like "Alex" or "Jordan") tells nothing. Kept sorted.
const MALE_NAMES: &[&str] = &[
    "aaron",
    "abdul",
    "abraham",
    "adam",
    "adrian",
    "ahmed",
    "aidan",
    "alan",
    "albert",
    "alec",
    "alexander",
    "alfred",
    "ali",
    "alistair",
    "allen",
    "alvin",
    "andre",
    "andrei",
    "andrew",
    "andy",
    "angus",
    "anthony",
    "antonio",
    "antony",
    "archie",
    "arnold",
    "arthur",
    "arturo",
    "austin",
    "barack",
    "barney",
    "barry",
    "ben",
    "benedict",
    "benjamin",
    "bernard",
    "bernie",
    "bill",
    "billy",
    "bob",
    "bobby",
    "boris",
    "boyd",
    "brad",
    "brandon",
    "brett",
    "brian",
    "bruce",
    "bruno",
    "bryan",
    "byron",
    "caleb",
    "calvin",
    "carl",
    "carlos",
    "carter",
    "cecil",
    "chad",
    "charles",
    "chester",
    "christian",
    "christopher",
    "chuck",
    "clarence",
    "clark",
    "claude",
    "clayton",
    "clifford",
    "clint",
    "clyde",
    "cody",
    "colin",
    "connor",
    "conor",
    "corey",
    "cory",
    "craig",
    "curtis",
    "cyril",
    "damian",
    "damien",
    "dan",
    "daniel",
    "danny",
    "darren",
    "darryl",
    "dave",
    "david",
    "declan",
    "dennis",
    "derek",
    "dermot",
    "desmond",
    "devin",
    "dick",
    "dmitry",
    "dominic",
    "don",
    "donal",
    "donald",
    "donovan",
    "doug",
    "douglas",
    "duncan",
    "dustin",
    "dwight",
    "dylan",
    "eamon",
    "eamonn",
    "earl",
    "eddie",
    "edgar",
    "edward",
    "edwin",
    "eli",
    "elijah",
    "elliot",
    "elliott",
    "emil",
    "emmanuel",
    "enrique",
    "eric",
    "ethan",
    "eugene",
    "evan",
    "ezra",
    "felix",
    "fergus",
    "fernando",
    "floyd",
    "francis",
    "francisco",
    "frank",
    "franklin",
    "fred",
    "freddie",
    "gabriel",
    "gareth",
    "garrett",
    "gary",
    "gavin",
    "geoffrey",
    "george",
    "gerald",
    "gerard",
    "gilbert",
    "glenn",
    "gordon",
    "graham",
    "greg",
    "gregory",
    "gustavo",
    "hans",
    "harold",
    "harry",
    "harvey",
    "hassan",
    "hector",
    "henry",
    "herbert",
    "howard",
    "hugh",
    "hussein",
    "ian",
    "ibrahim",
    "igor",
    "isaac",
    "ivan",
    "jack",
    "jacob",
    "jacques",
    "jake",
    "jamal",
    "james",
    "jared",
    "jason",
    "javier",
    "jay",
    "jeff",
    "jeffery",
    "jeffrey",
    "jeremy",
    "jerome",
    "jerry",
    "jesse",
    "jim",
    "jimmy",
    "joaquin",
    "joe",
    "joel",
    "joey",
    "john",
    "johnny",
    "jon",
    "jonathan",
    "jorge",
    "jose",
    "joseph",
    "josh",
    "joshua",
    "josé",
    "juan",
    "julian",
    "julius",
    "justin",
    "kareem",
    "karl",
    "keir",
    "keith",
    "kelvin",
    "ken",
    "kenneth",
    "kent",
    "kevin",
    "khalid",
    "kieran",
    "kirk",
    "klaus",
    "kurt",
    "kyle",
    "lance",
    "larry",
    "lars",
    "lawrence",
    "lee",
    "leo",
    "leon",
    "leonard",
    "liam",
    "lloyd",
    "louis",
    "lucas",
    "luis",
    "luke",
    "mahmoud",
    "malcolm",
    "manuel",
    "marc",
    "marco",
    "marcus",
    "mario",
    "mark",
    "martin",
    "marvin",
    "mason",
    "matt",
    "matthew",
    "maurice",
    "max",
    "melvin",
    "michael",
    "miguel",
    "mike",
    "mikhail",
    "miles",
    "milton",
    "mitch",
    "mitchell",
    "mohamed",
    "mohammed",
    "moshe",
    "muhammad",
    "mustafa",
    "nathan",
    "nathaniel",
    "ned",
    "neil",
    "niall",
    "nicholas",
    "nick",
    "nigel",
    "noah",
    "noel",
    "norman",
    "olaf",
    "oleg",
    "oliver",
    "omar",
    "oscar",
    "owen",
    "pablo",
    "padraig",
    "patrick",
    "paul",
    "pedro",
    "peter",
    "phil",
    "philip",
    "pierre",
    "rafael",
    "ralph",
    "ramon",
    "randall",
    "randy",
    "raul",
    "raymond",
    "reginald",
    "ricardo",
    "richard",
    "richie",
    "rick",
    "rob",
    "robbie",
    "robert",
    "roberto",
    "rodney",
    "rodrigo",
    "roger",
    "roland",
    "ron",
    "ronald",
    "rory",
    "ross",
    "roy",
    "rudy",
    "rupert",
    "russell",
    "ryan",
    "salvador",
    "sam",
    "samuel",
    "sanjay",
    "scott",
    "seamus",
    "sean",
    "sebastian",
    "sergei",
    "sergey",
    "sergio",
    "seth",
    "shane",
    "shawn",
    "sidney",
    "simon",
    "spencer",
    "stanley",
    "stefan",
    "stephen",
    "steve",
    "steven",
    "stuart",
    "tariq",
    "ted",
    "terry",
    "theodore",
    "thomas",
    "tim",
    "timothy",
    "tobias",
    "toby",
    "todd",
    "tom",
    "tony",
    "travis",
    "trevor",
    "troy",
    "tyler",
    "victor",
    "vincent",
    "vladimir",
    "wade",
    "wallace",
    "walter",
    "warren",
    "wayne",
    "wesley",
    "wilbur",
    "william",
    "willie",
    "winston",
    "wolfgang",
    "xavier",
    "xi",
    "yuri",
    "yusuf",
    "zachary",
];

const FEMALE_NAMES: &[&str] = &[
    "abigail",
    "adele",
    "agnes",
    "aisha",
    "alexandra",
    "alexis",
    "alice",
    "alicia",
    "alison",
    "allison",
    "amanda",
    "amber",
    "amelia",
    "amy",
    "ana",
    "anastasia",
    "andrea",
    "angela",
    "angelina",
    "angie",
    "anita",
    "ann",
    "anna",
    "anne",
    "annie",
    "antonia",
    "april",
    "audrey",
    "ava",
    "barbara",
    "becky",
    "belinda",
    "bella",
    "bernadette",
    "beth",
    "betty",
    "beverly",
    "bonnie",
    "brenda",
    "bridget",
    "brittany",
    "camilla",
    "carla",
    "carmen",
    "carol",
    "caroline",
    "carrie",
    "cassandra",
    "catherine",
    "cecilia",
    "charlotte",
    "chelsea",
    "cheryl",
    "chloe",
    "christina",
    "christine",
    "claire",
    "clara",
    "claudia",
    "colleen",
    "connie",
    "constance",
    "courtney",
    "crystal",
    "cynthia",
    "daisy",
    "danielle",
    "daphne",
    "dawn",
    "debbie",
    "deborah",
    "debra",
    "delia",
    "denise",
    "diana",
    "diane",
    "dolores",
    "donna",
    "doris",
    "dorothy",
    "edith",
    "eileen",
    "elaine",
    "eleanor",
    "elena",
    "elise",
    "eliza",
    "elizabeth",
    "ella",
    "ellen",
    "eloise",
    "elsa",
    "emilia",
    "emily",
    "emma",
    "erica",
    "erin",
    "esther",
    "ethel",
    "eva",
    "eve",
    "evelyn",
    "felicity",
    "fiona",
    "florence",
    "frances",
    "francesca",
    "gabriela",
    "gabrielle",
    "gemma",
    "georgia",
    "geraldine",
    "gillian",
    "gina",
    "giorgia",
    "gloria",
    "grace",
    "greta",
    "gwen",
    "hannah",
    "harriet",
    "hazel",
    "heather",
    "heidi",
    "helen",
    "helena",
    "hillary",
    "holly",
    "ilhan",
    "ingrid",
    "irene",
    "iris",
    "isabel",
    "isabella",
    "isabelle",
    "jacinda",
    "jacqueline",
    "jade",
    "jane",
    "janet",
    "jasmine",
    "jeanette",
    "jen",
    "jenna",
    "jennifer",
    "jenny",
    "jessica",
    "jessie",
    "jill",
    "joan",
    "joanna",
    "joanne",
    "jocelyn",
    "josephine",
    "joyce",
    "judith",
    "judy",
    "julia",
    "julie",
    "juliet",
    "kamala",
    "karen",
    "kate",
    "katherine",
    "kathleen",
    "kathryn",
    "katie",
    "katy",
    "kelly",
    "kimberly",
    "kirsty",
    "kristen",
    "kristi",
    "kristin",
    "laura",
    "lauren",
    "layla",
    "leah",
    "leila",
    "lena",
    "lillian",
    "lily",
    "linda",
    "lindsay",
    "lindsey",
    "lisa",
    "liz",
    "lois",
    "loretta",
    "lorraine",
    "lucia",
    "lucy",
    "lydia",
    "madeleine",
    "maggie",
    "mandy",
    "marcia",
    "margaret",
    "maria",
    "marie",
    "marilyn",
    "marina",
    "marjorie",
    "martha",
    "mary",
    "maureen",
    "maxine",
    "maya",
    "megan",
    "melania",
    "melanie",
    "melissa",
    "mia",
    "michelle",
    "miranda",
    "miriam",
    "molly",
    "monica",
    "nadia",
    "nadine",
    "nancy",
    "naomi",
    "natalie",
    "natasha",
    "nicola",
    "nicole",
    "nikki",
    "nina",
    "nora",
    "norma",
    "olga",
    "olivia",
    "pamela",
    "patricia",
    "paula",
    "pauline",
    "peggy",
    "penelope",
    "penny",
    "phoebe",
    "phyllis",
    "priscilla",
    "rachael",
    "rachel",
    "raquel",
    "rebecca",
    "regina",
    "renee",
    "rita",
    "roberta",
    "rosa",
    "rosemary",
    "ruby",
    "ruth",
    "sabrina",
    "sally",
    "samantha",
    "sandra",
    "sara",
    "sarah",
    "serena",
    "shannon",
    "sharon",
    "sheila",
    "shelley",
    "shirley",
    "simone",
    "siobhan",
    "sonia",
    "sophia",
    "sophie",
    "stella",
    "stephanie",
    "susan",
    "suzanne",
    "sylvia",
    "tamara",
    "tanya",
    "tara",
    "teresa",
    "tessa",
    "theresa",
    "tiffany",
    "tina",
    "tracy",
    "ursula",
    "valerie",
    "vanessa",
    "vera",
    "veronica",
    "victoria",
    "violet",
    "virginia",
    "vivian",
    "wendy",
    "whitney",
    "yulia",
    "yvette",
    "yvonne",
    "zara",
    "zoe",
];

/// The usual gender of a given name, if it has one.
pub fn given_name_gender(name: &str) -> Option<Gender> {
    let key = clean_token(name).to_lowercase();
    // Both lists are sorted (a test checks): a binary search per word.
    if MALE_NAMES.binary_search(&key.as_str()).is_ok() {
        Some(Gender::Male)
    } else if FEMALE_NAMES.binary_search(&key.as_str()).is_ok() {
        Some(Gender::Female)
    } else {
        None
    }
}

/// Last words of a place's name after a given name ("Jerry World", "Elland Stadium"): no
/// person's surname.
const PLACE_HEADS: &[&str] = &[
    "World", "Stadium", "Arena", "Airport", "Tower", "Station", "Bridge",
];

/// "Blaming U.S. companies for ...", "Paying Apple Millions": a capitalised "-ing" word
/// opening a sentence or a headline is a verb, not a given name (a known given name such
/// as "Sterling" aside).
pub fn is_opening_gerund(word: &str) -> bool {
    word.len() >= 5
        && word.ends_with("ing")
        && is_capitalized(word)
        && !is_capitals(word)
        && given_name_gender(word).is_none()
}

/// "Jr.", "Sr", "III": a generational suffix after a name.
fn is_name_suffix(token: &str) -> bool {
    matches!(
        token.trim_end_matches([',', '.']),
        "Jr" | "Sr" | "II" | "III" | "IV"
    )
}

/// "Jerry Jr.": one name word and suffixes.
fn is_given_name_and_suffix(name: &str) -> bool {
    name.words().filter(|t| !is_name_suffix(t)).count() == 1
}

/// The lowercase last token of a name, ignoring "Jr." and similar suffixes.
pub fn surname_key(name: &str) -> String {
    let tokens: Vec<&str> = name.words().filter(|t| !is_name_suffix(t)).collect();
    tokens
        .last()
        .map(|t| clean_token(t).to_lowercase())
        .unwrap_or_default()
}

/// Title-cases a name given in capitals ("PSAKI" -> "Psaki", "O'BRIEN" -> "O'Brien").
pub fn title_case(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    let mut upper_next = true;
    for ch in word.chars() {
        if upper_next {
            out.extend(ch.to_uppercase());
        } else {
            out.extend(ch.to_lowercase());
        }
        upper_next = !ch.is_alphabetic();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_holder_of_a_role_never_depends_on_map_order() {
        // Two people named with the role equally often: "the President" is ambiguous.
        let tied = |first: &str, second: &str| {
            let mut book = NameBook::default();
            book.add_text(&format!("{first} spoke. Later {second} spoke too."));
            book.holder_of("President").map(str::to_owned)
        };
        for _ in 0..20 {
            assert_eq!(
                tied("President Arvo Lindqvist", "President Maren Okafor"),
                None
            );
        }
        // One of them named with it more often holds it.
        let mut book = NameBook::default();
        book.add_text(
            "President Arvo Lindqvist spoke. President Maren Okafor replied. \
             President Arvo Lindqvist closed.",
        );
        assert_eq!(book.holder_of("President"), Some("Arvo Lindqvist"));
    }

    #[test]
    fn short_names_of_bodies_and_will_as_a_given_name() {
        let mut book = NameBook::default();
        book.add("Saltmere Wanderers");
        book.add("Saltmere Wanderers");
        book.add("John Varga");
        assert_eq!(book.canonical("Saltmere"), "Saltmere Wanderers");
        // A given name alone is the one person the document names with it...
        assert_eq!(book.canonical("John"), "John Varga");
        // ... unless two people share it.
        book.add("John Peller");
        assert_eq!(book.canonical("John"), "John");
        // Two bodies that start alike: ambiguous.
        book.add("Saltmere Council");
        assert_eq!(book.canonical("Saltmere"), "Saltmere");
        assert_eq!(strip_leading_non_names("Will Ravel"), "Will Ravel");
        assert_eq!(strip_leading_non_names("Will Ravel Sign"), "Ravel Sign");
    }

    #[test]
    fn roles_that_name_a_place_or_body() {
        check_role(
            "former special envoy to Ukraine Kurt Volker",
            Some("former special envoy to Ukraine"),
            "Kurt Volker",
        );
        check_role(
            "Deputy Director of Public Prosecution Eva-Marie Persson",
            Some("Deputy Director of Public Prosecution"),
            "Eva-Marie Persson",
        );
        check_role(
            "Secretary of State John F. Kerry",
            Some("Secretary of State"),
            "John F. Kerry",
        );
    }

    fn check_role(input: &str, role: Option<&str>, name: &str) {
        let got = split_role(input);
        assert_eq!(
            (got.role.as_deref(), got.name.as_str()),
            (role, name),
            "{input}"
        );
    }

    #[test]
    fn roles_split_off_names() {
        check_role(
            "Secretary of State John Kerry",
            Some("Secretary of State"),
            "John Kerry",
        );
        check_role(
            "U.S. Secretary of State John Kerry",
            Some("U.S. Secretary of State"),
            "John Kerry",
        );
        check_role(
            "Justice Minister Tzipi Livni",
            Some("Justice Minister"),
            "Tzipi Livni",
        );
        check_role(
            "Palestinian Authority President Mahmoud Abbas",
            Some("Palestinian Authority President"),
            "Mahmoud Abbas",
        );
        check_role(
            "Chief Palestinian Negotiator Saeb Erekat",
            Some("Chief Palestinian Negotiator"),
            "Saeb Erekat",
        );
        check_role("Martin Luther King", None, "Martin Luther King");
        check_role("Secretary Kerry", Some("Secretary"), "Kerry");
        check_role(
            "Press Secretary Jen Psaki",
            Some("Press Secretary"),
            "Jen Psaki",
        );
    }

    #[test]
    fn finds_mentioned_names() {
        let text = "U.S. Secretary of State John Kerry met Prime Minister Benjamin Netanyahu and Palestinian Authority President Mahmoud Abbas in Tel Aviv on Sunday. Secretary Kerry’s efforts matter.";
        assert_eq!(
            mentioned_names(text),
            vec![
                "John Kerry",
                "Benjamin Netanyahu",
                "Mahmoud Abbas",
                "Tel Aviv",
                "Kerry"
            ]
        );
        // A verb opening a sentence or headline is no given name.
        assert_eq!(
            mentioned_names("Americans Are Paying Apple Millions. Blaming Harbour Line for it is easy, said Anna Varadin."),
            vec!["Harbour Line", "Anna Varadin"]
        );
        // A name in parentheses is a name; a role in parentheses is still the role of the
        // name before it.
        assert_eq!(
            mentioned_names(
                "a jazz pianist (Gary Holt) and an aspiring actor (Emma Stone) fall in love"
            ),
            vec!["Gary Holt", "Emma Stone"]
        );
        assert_eq!(
            mentions("Sen. Elena de la Cruz (Chair);")
                .iter()
                .map(|m| (m.name.as_str(), m.role.as_deref()))
                .collect::<Vec<_>>(),
            vec![
                ("Elena de la Cruz", None),
                ("Elena de la Cruz", Some("Chair"))
            ]
        );
    }

    #[test]
    fn canonical_is_the_fullest_form() {
        let mut book = NameBook::default();
        book.add_text("Secretary of State John Kerry spoke. Then Kerry left. Tzipi Livni and Ehud Barak and Aharon Barak met.");
        assert_eq!(book.canonical("Kerry"), "John Kerry");
        assert_eq!(book.canonical("John Kerry"), "John Kerry");
        assert_eq!(book.canonical("Livni"), "Tzipi Livni");
        assert_eq!(book.canonical("Barak"), "Barak");
        assert_eq!(book.canonical("Indyk"), "Indyk");
        // A place run into the name, and a surname that is also a title.
        book.add_text("Attorney for Calveria Jonas Pell spoke, and so did co-host Anna King.");
        assert_eq!(book.canonical("Calveria Jonas Pell"), "Jonas Pell");
        assert_eq!(book.canonical("King"), "Anna King");
        assert_eq!(book.canonical("Courier Anna"), "Anna King");
        // A bare surname after another word may be a relative: it stays as written.
        assert_eq!(book.canonical("Hunter Kerry"), "Hunter Kerry");
        // A run after "the" that ends in a given name is a title and the name run together.
        book.add_text("Ruth Marsh wrote in the Harbour Post Ruth said she had left.");
        assert_eq!(book.canonical("Ruth"), "Ruth Marsh");
        // "the former president" is the one the document calls "former President".
        book.add_text("It was former President Amos Tull who spoke. President Ines Roe left.");
        assert_eq!(
            book.holder_of_phrase("the former president").as_deref(),
            Some("Amos Tull")
        );
        assert_eq!(book.holder_of("President"), Some("Ines Roe"));
        // "Prof" without a full stop is no part of the name.
        assert_eq!(strip_leading_non_names("Prof Ida Marsh"), "Ida Marsh");
    }

    #[test]
    fn titles_without_a_full_stop_are_roles() {
        check_role("Saltmere Sen Tim Varga", Some("Saltmere Sen"), "Tim Varga");
        check_role("Rep Nora Tallis", Some("Rep"), "Nora Tallis");
        check_role("Gov Ansel Brook", Some("Gov"), "Ansel Brook");
        check_role("Lt Col Ida Marsh", Some("Lt Col"), "Ida Marsh");
        // An honorific adds nothing to a role before it.
        check_role("Judge Mr T. Ray", Some("Judge"), "T. Ray");
        // "Sen" ending a name is a surname.
        check_role("Ravi Sen", None, "Ravi Sen");
        let mut book = NameBook::default();
        book.add_text("He met Ravi Sen at the port.");
        assert_eq!(book.canonical("Sen"), "Ravi Sen");
    }

    #[test]
    fn descriptions_before_a_full_name_are_roles() {
        check_role(
            "Harbour presidential candidate Nora Vale",
            Some("Harbour presidential candidate"),
            "Nora Vale",
        );
        check_role(
            "CDP presidential candidate Nora Vale",
            Some("CDP presidential candidate"),
            "Nora Vale",
        );
        check_role(
            "Calverian businessman Tom Reed",
            Some("Calverian businessman"),
            "Tom Reed",
        );
        check_role(
            "state Attorney General Tom Reed",
            Some("state Attorney General"),
            "Tom Reed",
        );
        // Joining words are no description: a body, a particle, two people.
        check_role("Elena de la Cruz", None, "Elena de la Cruz");
        check_role(
            "Harbour Aid for Fishermen",
            None,
            "Harbour Aid for Fishermen",
        );
        let mut book = NameBook::default();
        book.add_text("Harbour party leader Nora Vale spoke first. Vale then left.");
        assert_eq!(book.canonical("Vale"), "Nora Vale");
    }

    #[test]
    fn unknown_words_before_a_given_name_and_surname_are_roles() {
        check_role(
            "Harbourmaster Leo Penhallow",
            Some("Harbourmaster"),
            "Leo Penhallow",
        );
        check_role("Saltmere Anna Pike", Some("Saltmere"), "Anna Pike");
        check_role("Saltmere Anna J. Pike", Some("Saltmere"), "Anna J. Pike");
        // A given name first, a middle name, a surname that is a given name: one person.
        check_role("Anna Marie Pike", None, "Anna Marie Pike");
        check_role("Jamie Lee Tallis", None, "Jamie Lee Tallis");
        check_role("Oskar Varga", None, "Oskar Varga");
        check_role("Sacha Baron Pell", None, "Sacha Baron Pell");
        let mut book = NameBook::default();
        book.add_text(
            "Harbourmaster Leo Penhallow has said the port will open. Mr Penhallow spoke in Dunwick.",
        );
        assert_eq!(book.canonical("Penhallow"), "Leo Penhallow");
        assert_eq!(book.role("Leo Penhallow"), Some("Harbourmaster"));
    }

    #[test]
    fn surnames_join_the_full_name_given_earlier() {
        let mut book = NameBook::default();
        book.add_text(
            "Acting Attorney for the District of Calveria Joshua Pell said charges would follow.",
        );
        book.add_text("The damage was mapped by Ida Van Den Berg of Dunwick State University.");
        book.add_text("Former Rep. Will Tallow, a former rival, agreed. Later, said Will Brook.");
        book.add_text("Harbour engineer Ruth Olsen-Marsh agreed.");
        assert_eq!(book.canonical("Pell"), "Joshua Pell");
        assert_eq!(book.canonical("Van Den Berg"), "Ida Van Den Berg");
        assert_eq!(book.canonical("Tallow"), "Will Tallow");
        assert_eq!(book.canonical("Brook"), "Will Brook");
        assert_eq!(book.canonical("Olsen-Marsh"), "Ruth Olsen-Marsh");
        // A headline's "Will" opening a sentence is still no name.
        assert!(mentioned_names("Will Tarrin Reopen?")
            .iter()
            .all(|name| !name.starts_with("Will")));
    }

    #[test]
    fn bodies_named_with_lowercase_joins() {
        assert_eq!(
            joined_bodies(
                "“It is dire,” said the relief group Harbour Aid for Fishermen, adding that the \
                 Alliance of Harbour Pilots and Boat Owners agreed."
            ),
            vec![
                "Harbour Aid for Fishermen",
                "Alliance of Harbour Pilots and Boat Owners"
            ]
        );
        // Two bodies joined by "and" stay two; a person "of" a place is no body.
        assert_eq!(
            joined_bodies("the University of Tarrin and Dunwick College said"),
            vec!["University of Tarrin"]
        );
        assert_eq!(
            joined_bodies("J. R. Malone of Maren Province said"),
            Vec::<String>::new()
        );
        assert_eq!(
            joined_bodies("Department for the Coast and Harbours"),
            vec!["Department for the Coast and Harbours"]
        );
    }

    #[test]
    fn short_names_and_acronyms_of_bodies() {
        let mut book = NameBook::default();
        book.add_text("Members of the United Dock Workers voted, the UDW said.");
        book.add_text("“It is dire,” said the relief group Harbour Aid for Fishermen.");
        book.add_text("The Alliance of Harbour Pilots and Boat Owners said in a statement.");
        book.add_text("The World Maritime Health Organization said it was worried.");
        book.add_text("The Department of Harbours said so. Ida Marsh and Ivo Grint left.");
        assert_eq!(book.canonical("UDW"), "United Dock Workers");
        assert_eq!(book.canonical("Harbour Aid"), "Harbour Aid for Fishermen");
        assert_eq!(
            book.canonical("Alliance of Harbour Pilots"),
            "Alliance of Harbour Pilots and Boat Owners"
        );
        assert_eq!(
            book.canonical("Alliance"),
            "Alliance of Harbour Pilots and Boat Owners"
        );
        assert_eq!(
            book.canonical("Organization"),
            "World Maritime Health Organization"
        );
        assert_eq!(book.canonical("WMHO"), "World Maritime Health Organization");
        assert_eq!(book.canonical("DOH"), "Department of Harbours");
        book.add_text("The Dunwick Port Authority (DPA) said so.");
        assert_eq!(book.canonical("DPA"), "Dunwick Port Authority");
        // People are no bodies: a person's initials (even with a given name the list
        // lacks), and capitals nobody's initials.
        assert_eq!(book.canonical("IG"), "IG");
        assert_eq!(book.canonical("IM"), "IM");
        assert_eq!(book.canonical("NATO"), "NATO");
        // Two bodies with the same initials: ambiguous.
        book.add_text("The Dunwick Harbour Board and the Dunwick Hospital Board met.");
        assert_eq!(book.canonical("DHB"), "DHB");
        check_role(
            "World Maritime Health Organization",
            None,
            "World Maritime Health Organization",
        );
    }

    #[test]
    fn role_words_start_with_a_capital_so_lowercase_words_skip_the_lookup() {
        let lowercase: Vec<&str> = ROLE_WORDS
            .iter()
            .copied()
            .filter(|w| !w.chars().next().is_some_and(char::is_uppercase))
            .collect();
        assert!(lowercase.is_empty(), "{lowercase:?}");
        assert!(is_role_word("Secretary") && is_role_word("Director-General"));
        assert!(!is_role_word("secretary") && !is_role_word("director-General"));
    }

    #[test]
    fn possessives_end_names() {
        for word in ["Kerry’s", "Kerry's,", "Jones’", "O’Shea’s."] {
            assert!(is_possessive(word), "{word}");
        }
        for word in ["Kerry", "O'Brien", "said,", "“Yes"] {
            assert!(!is_possessive(word), "{word}");
        }
    }

    #[test]
    fn given_name_lists_are_sorted_for_binary_search() {
        for list in [MALE_NAMES, FEMALE_NAMES] {
            assert!(
                list.windows(2).all(|w| w[0] < w[1]),
                "{:?}",
                list.windows(2).find(|w| w[0] >= w[1])
            );
        }
        assert_eq!(given_name_gender("Leo"), Some(Gender::Male));
        assert_eq!(given_name_gender("Zoe"), Some(Gender::Female));
        assert_eq!(given_name_gender("Penhallow"), None);
    }

    #[test]
    fn title_cases_capitals() {
        assert_eq!(title_case("PSAKI"), "Psaki");
        assert_eq!(title_case("O'BRIEN"), "O'Brien");
    }

    #[test]
    fn a_suffix_stays_with_the_fullest_name() {
        let mut book = NameBook::default();
        for text in [
            "His father, Tomas Vendry Snr, 61, has given up hope of finding his son.",
            "Speaking to the paper, Tomas Snr said the search would go on.",
            "Tomas Snr believes someone knows what happened.",
            "Tomas Jnr was last seen near the harbour.",
        ] {
            book.add_text(text);
        }
        assert_eq!(book.canonical("Tomas Snr"), "Tomas Vendry Snr");
        // The son keeps his own name.
        assert_eq!(book.canonical("Tomas Jnr"), "Tomas Jnr");
        // A given name and "Jr." is the son; the bare given name is the father's.
        let mut book = NameBook::default();
        for text in [
            "Jerry Vendry owns the team. His son Stephen Vendry runs it.",
            "Jerry Jr. is the team’s chief brand officer.",
        ] {
            book.add_text(text);
        }
        assert_eq!(book.canonical("Jerry"), "Jerry Vendry");
        assert_eq!(book.canonical("Jerry Jr"), "Jerry Jr");
        // A stadium named for him ("Jerry World") is no second Jerry; a speech verb opening
        // an inverted cue is no given name ("Replied Stephen").
        book.add_text("Fans gather before entering Jerry World, the stadium.");
        book.add_text("Replied Stephen, with some delicacy, “Well, I don’t think we would.”");
        assert_eq!(book.canonical("Jerry"), "Jerry Vendry");
        assert_eq!(book.canonical("Stephen"), "Stephen Vendry");
    }
}
