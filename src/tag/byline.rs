//! Authors and organisations: "By X and Y" bylines, and the closing line think-tank
//! reports carry ("Matthew Duss is a Policy Analyst at the Center for American Progress").

use crate::model::SplitWords;
use regex::Regex;
use std::sync::LazyLock;

static AUTHOR_STATEMENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<names>[A-Z][\w’'.\-]+(?:\s+[A-Z][\w’'.\-]+){1,3}(?:(?:,\s+|\s+and\s+)[A-Z][\w’'.\-]+(?:\s+[A-Z][\w’'.\-]+){1,3})*)\s+(?:is|are|was|serves as)\s+(?:a|an|the)?\s*(?P<role>(?:[A-Z][\w\-]*|of|for|and|on)(?:\s+(?:[A-Z][\w\-]*|of|for|and|on)){0,6})\s+(?:at|with|of|for)\s+(?:the\s+)?(?P<org>[A-Z][^.;]{2,100}?)\.?$").unwrap()
});

static BY_LINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?i:written\s+by|by)\s+(?P<names>.+?)\s*$").unwrap());

/// A closing author statement: names, role and organisation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuthorStatement {
    pub names: Vec<String>,
    pub role: String,
    pub org: String,
}

/// Reads "Name is a Role at Org." (one short sentence, role capitalised).
pub fn author_statement(text: &str) -> Option<AuthorStatement> {
    // The pattern needs a capital first and one of its verbs as a word of its own: most
    // paragraphs fail these tests without running the regex.
    if !text
        .trim_start()
        .starts_with(|c: char| c.is_ascii_uppercase())
    {
        return None;
    }
    let (mut words, mut verb) = (0, false);
    for word in text.words() {
        words += 1;
        verb |= matches!(word, "is" | "are" | "was" | "serves");
    }
    if words > 40 || !verb {
        return None;
    }
    let caps = AUTHOR_STATEMENT.captures(text.trim())?;
    let role = caps["role"].trim().to_owned();
    if role.is_empty()
        || !role
            .words()
            .next()
            .is_some_and(super::names::is_capitalized)
    {
        return None;
    }
    Some(AuthorStatement {
        names: crate::ingest::split_name_list(&caps["names"]),
        role,
        org: caps["org"].trim().trim_end_matches('.').to_owned(),
    })
}

/// Reads the names of a "By X, Y and Z" byline; trailing outlet or role text after a
/// comma is kept only when it looks like a name.
pub fn byline_names(text: &str) -> Vec<String> {
    let Some(caps) = BY_LINE.captures(text.trim()) else {
        return Vec::new();
    };
    let names = caps["names"].split(['|', '—', '–']).next().unwrap_or("");
    crate::ingest::split_name_list(names)
        .into_iter()
        .map(|n| n.trim_end_matches('.').to_owned())
        .filter(|n| {
            let words: Vec<&str> = n.words().collect();
            (1..=4).contains(&words.len())
                && words.iter().all(|w| {
                    super::names::is_capitalized(w)
                        || matches!(*w, "de" | "van" | "von" | "al" | "bin")
                })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closing_author_statements() {
        let got = author_statement(
            "Matthew Duss is a Policy Analyst at the Center for American Progress.",
        )
        .unwrap();
        assert_eq!(got.names, vec!["Matthew Duss"]);
        assert_eq!(got.role, "Policy Analyst");
        assert_eq!(got.org, "Center for American Progress");
        let got = author_statement(
            "Ana Ruiz and Bo Chan are Senior Fellows at the Institute for Water Security.",
        )
        .unwrap();
        assert_eq!(got.names, vec!["Ana Ruiz", "Bo Chan"]);
        assert_eq!(got.org, "Institute for Water Security");
        assert!(
            author_statement("Martin Indyk is a veteran Middle East peace negotiator.").is_none()
        );
    }

    #[test]
    fn by_lines() {
        assert_eq!(
            byline_names("By Ana Ruiz and Bo Chan"),
            vec!["Ana Ruiz", "Bo Chan"]
        );
        assert_eq!(byline_names("BY Ana Ruiz | Capital Wire"), vec!["Ana Ruiz"]);
        assert_eq!(
            byline_names("By the way, this is text"),
            Vec::<String>::new()
        );
    }
}
