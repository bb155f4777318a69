//! Names across documents: which facet values name the same person or outlet.
//!
//! Each document makes its own names canonical ("Secretary Kerry" -> "John Kerry"), but the
//! index still holds the forms different documents chose: "Psaki" and "Jen Psaki", "Joe
//! Biden" and "Joseph R. Biden Jr.", "NYT" and "The New York Times". [`NameMap::build`]
//! groups the values of one field into clusters and names each cluster by its most used
//! full form. The rules only merge what cannot mean anyone else in the index: a bare surname
//! joins the one person with that surname, given names must agree ("Jen"/"Jennifer",
//! "J."/"John"), and an acronym joins the one outlet whose initials it spells. A user's
//! `aliases.toml` ([`Aliases`]) merges or keeps apart what the rules cannot tell.
//!
//! Pure functions over `(value, count)` lists; reading the file and the index is the
//! caller's business.

use crate::model::SplitWords;
use std::collections::{BTreeMap, HashMap};

/// The fields whose values are names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NameField {
    Speaker,
    Author,
    Outlet,
}

impl NameField {
    pub fn from_key(key: &str) -> Option<NameField> {
        match key {
            "speaker" | "speakers" => Some(NameField::Speaker),
            "author" | "authors" => Some(NameField::Author),
            "outlet" | "outlets" => Some(NameField::Outlet),
            _ => None,
        }
    }

    /// The field's facet name, as the CLI and the name cache spell it.
    pub fn key(self) -> &'static str {
        match self {
            NameField::Speaker => "speaker",
            NameField::Author => "author",
            NameField::Outlet => "outlet",
        }
    }
}

/// Hand-made merges and splits, read from `aliases.toml`:
///
/// ```toml
/// [speaker]
/// "Joe Biden" = ["Biden", "Joseph R. Biden Jr.", "President Biden"]
///
/// [outlet]
/// "New York Times" = ["NYT", "nytimes.com"]
///
/// [distinct]
/// speaker = ["Paul"]   # never merged with anyone by the automatic rules
/// ```
#[derive(Debug, Clone, Default)]
pub struct Aliases {
    merges: HashMap<NameField, Vec<(String, Vec<String>)>>,
    distinct: HashMap<NameField, Vec<String>>,
    /// A hash of the file's text (0 without a file), so that what was computed under one
    /// aliases file is not reused under another.
    fingerprint: u64,
}

impl Aliases {
    /// Parses the TOML text of an aliases file. The error names the table or key at fault.
    pub fn parse(text: &str) -> Result<Aliases, String> {
        let table: toml::Table = text.parse().map_err(|e: toml::de::Error| {
            let msg = e.message().to_owned();
            match e.span() {
                Some(span) => {
                    let line = text[..span.start.min(text.len())].matches('\n').count() + 1;
                    format!("line {line}: {msg}")
                }
                None => msg,
            }
        })?;
        let mut aliases = Aliases {
            fingerprint: xxhash_rust::xxh3::xxh3_64(text.as_bytes()),
            ..Aliases::default()
        };
        for (section, value) in &table {
            let entries = value
                .as_table()
                .ok_or_else(|| format!("[{section}] must be a table"))?;
            if section == "distinct" {
                for (field_key, names) in entries {
                    let field = NameField::from_key(field_key).ok_or_else(|| {
                        format!("[distinct] {field_key}: not one of speaker, author, outlet")
                    })?;
                    aliases
                        .distinct
                        .entry(field)
                        .or_default()
                        .extend(string_list(names, &format!("[distinct] {field_key}"))?);
                }
                continue;
            }
            let field = NameField::from_key(section).ok_or_else(|| {
                format!("[{section}]: not one of speaker, author, outlet, distinct")
            })?;
            for (canonical, variants) in entries {
                let variants = string_list(variants, &format!("[{section}] \"{canonical}\""))?;
                aliases
                    .merges
                    .entry(field)
                    .or_default()
                    .push((canonical.clone(), variants));
            }
        }
        Ok(aliases)
    }

    /// A hash of the aliases file's text; 0 when there is none.
    pub fn fingerprint(&self) -> u64 {
        self.fingerprint
    }

    fn is_distinct(&self, field: NameField, value: &str) -> bool {
        self.distinct
            .get(&field)
            .is_some_and(|names| names.iter().any(|n| n.eq_ignore_ascii_case(value)))
    }
}

fn string_list(value: &toml::Value, what: &str) -> Result<Vec<String>, String> {
    let items = match value {
        toml::Value::String(one) => return Ok(vec![one.clone()]),
        toml::Value::Array(items) => items,
        _ => return Err(format!("{what}: expected a string or a list of strings")),
    };
    items
        .iter()
        .map(|item| {
            item.as_str()
                .map(str::to_owned)
                .ok_or_else(|| format!("{what}: expected a list of strings"))
        })
        .collect()
}

/// The clusters of one field: every value maps to its cluster's canonical form.
#[derive(Debug, Clone, Default)]
pub struct NameMap {
    /// Lowercased value -> canonical form.
    canonical: HashMap<String, String>,
    /// Lowercased canonical form -> every value of the cluster, as the index spells them.
    members: HashMap<String, Vec<String>>,
}

impl NameMap {
    /// Groups `values` (each with the number of passages that carry it).
    pub fn build(field: NameField, values: &[(String, u64)], aliases: &Aliases) -> NameMap {
        let mut clusters = Clusters::new(values);
        // Hand-made merges come first and are never undone by the rules.
        if let Some(merges) = aliases.merges.get(&field) {
            for (canonical, variants) in merges {
                let head = clusters.ensure(canonical);
                clusters.pin(head);
                for variant in variants {
                    let member = clusters.ensure(variant);
                    clusters.union(head, member);
                }
                clusters.set_name(head, canonical);
            }
        }
        let automatic: Vec<usize> = (0..clusters.values.len())
            .filter(|&idx| {
                !clusters.pinned[clusters.find(idx)]
                    && !aliases.is_distinct(field, &clusters.values[idx].0)
            })
            .collect();
        match field {
            NameField::Speaker | NameField::Author => merge_people(&mut clusters, &automatic),
            NameField::Outlet => merge_outlets(&mut clusters, &automatic),
        }
        clusters.into_map()
    }

    /// The map of the clusters that the `wanted` values belong to, exactly as
    /// [`NameMap::build`] over every value of the field would make them, built from only the
    /// values that can share a cluster with them: for people, the values with the same
    /// surname key, and every other spelling (case) of each. `values_matching(keep)` returns
    /// the field's values (with their counts, in sorted order) for which `keep` is true;
    /// it may return more. `None` for outlets, whose acronyms join the outlet with matching
    /// initials, which only a walk of every value finds: use [`NameMap::build`].
    ///
    /// Why the result is exact: the rules only ever merge two values that are spelled the
    /// same but for case, or that have the same surname key (a bare surname joins a full
    /// name of that surname), or that an alias entry names (the alias entries are applied
    /// here as in the full build). So every cluster lies within one connected part of those
    /// relations, and its canonical form depends only on its members. The values kept here
    /// hold every value connected to a wanted value: an ASCII value's lowercase contains its
    /// surname key, so keeping every value whose lowercase contains a seed (a wanted value's
    /// lowercase, or a surname key met on the way) and every non-ASCII value, then adding
    /// seeds until each surname key reached is covered, closes the connected part.
    pub fn build_partial<E>(
        field: NameField,
        wanted: &[&str],
        aliases: &Aliases,
        mut values_matching: impl FnMut(&dyn Fn(&str) -> bool) -> Result<Vec<(String, u64)>, E>,
    ) -> Result<Option<NameMap>, E> {
        if field == NameField::Outlet {
            return Ok(None);
        }
        let mut seeds: Vec<String> = Vec::new();
        for value in wanted {
            if let Some(key) = person_key(value) {
                add_seed(&mut seeds, key.surname);
            }
            add_seed(&mut seeds, value.to_lowercase());
        }
        loop {
            let values = {
                let seeds = &seeds;
                values_matching(&|value: &str| {
                    !value.is_ascii()
                        || seeds
                            .iter()
                            .any(|seed| contains_ascii_lowercase(value, seed))
                })?
            };
            let lower: Vec<String> = values.iter().map(|(v, _)| v.to_lowercase()).collect();
            let surnames: Vec<Option<String>> = values
                .iter()
                .map(|(v, _)| person_key(v).map(|key| key.surname))
                .collect();
            // Walk the connected part of the wanted values; every surname key it reaches must
            // be covered by a seed, or the walk of the index must be done again with it.
            let mut reached = vec![false; values.len()];
            let mut stack: Vec<usize> = Vec::new();
            for value in wanted {
                let value = value.to_lowercase();
                stack.extend((0..values.len()).filter(|&i| lower[i] == value));
            }
            let mut by_lower: HashMap<&str, Vec<usize>> = HashMap::new();
            let mut by_surname: HashMap<&str, Vec<usize>> = HashMap::new();
            for idx in 0..values.len() {
                by_lower.entry(&lower[idx]).or_default().push(idx);
                if let Some(surname) = &surnames[idx] {
                    by_surname.entry(surname).or_default().push(idx);
                }
            }
            let mut missing: Vec<String> = Vec::new();
            while let Some(idx) = stack.pop() {
                if std::mem::replace(&mut reached[idx], true) {
                    continue;
                }
                stack.extend(&by_lower[lower[idx].as_str()]);
                if let Some(surname) = &surnames[idx] {
                    if is_covered(&seeds, surname) {
                        stack.extend(&by_surname[surname.as_str()]);
                    } else if !missing.contains(surname) {
                        missing.push(surname.clone());
                    }
                }
            }
            if missing.is_empty() {
                return Ok(Some(NameMap::build(field, &values, aliases)));
            }
            for surname in missing {
                add_seed(&mut seeds, surname);
            }
        }
    }

    /// Every (lowercased value, canonical form) pair of the map, in no particular order.
    pub fn entries(&self) -> impl Iterator<Item = (&str, &str)> {
        self.canonical
            .iter()
            .map(|(lower, canonical)| (lower.as_str(), canonical.as_str()))
    }

    /// A map that knows only the canonical forms given, as (lowercased value, canonical
    /// form) pairs: enough to rewrite names, with no cluster members.
    pub fn from_entries<'a>(entries: impl IntoIterator<Item = (&'a str, &'a str)>) -> NameMap {
        NameMap {
            canonical: entries
                .into_iter()
                .map(|(lower, canonical)| (lower.to_owned(), canonical.to_owned()))
                .collect(),
            members: HashMap::new(),
        }
    }

    /// The canonical form of a value; a value the map does not know is its own.
    pub fn canonical<'a>(&'a self, value: &'a str) -> &'a str {
        self.canonical
            .get(&value.to_lowercase())
            .map_or(value, String::as_str)
    }

    /// Every value of the cluster a value belongs to (itself alone when unknown).
    pub fn members(&self, value: &str) -> Vec<String> {
        let canonical = self.canonical(value).to_lowercase();
        self.members
            .get(&canonical)
            .cloned()
            .unwrap_or_else(|| vec![value.to_owned()])
    }

    /// The canonical forms, each with the summed count of its members.
    pub fn merge_counts<'a>(
        &self,
        counts: impl IntoIterator<Item = (&'a str, u64)>,
    ) -> Vec<(String, u64)> {
        let mut merged: BTreeMap<String, u64> = BTreeMap::new();
        for (value, count) in counts {
            *merged.entry(self.canonical(value).to_owned()).or_default() += count;
        }
        let mut out: Vec<(String, u64)> = merged.into_iter().collect();
        out.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        out
    }
}

/// True when every value whose lowercase contains `text` is kept by a seed.
fn is_covered(seeds: &[String], text: &str) -> bool {
    seeds.iter().any(|seed| text.contains(seed.as_str()))
}

fn add_seed(seeds: &mut Vec<String>, seed: String) {
    if !is_covered(seeds, &seed) {
        seeds.push(seed);
    }
}

/// True when the lowercase of the ASCII `value` contains `lower` (already lowercase).
fn contains_ascii_lowercase(value: &str, lower: &str) -> bool {
    let (value, lower) = (value.as_bytes(), lower.as_bytes());
    lower.is_empty()
        || value
            .windows(lower.len())
            .any(|window| window.eq_ignore_ascii_case(lower))
}

/// Union-find over the values, with a count and an optional fixed name per cluster.
struct Clusters {
    values: Vec<(String, u64)>,
    parent: Vec<usize>,
    pinned: Vec<bool>,
    name: Vec<Option<String>>,
    by_lower: HashMap<String, usize>,
}

impl Clusters {
    fn new(values: &[(String, u64)]) -> Clusters {
        let mut clusters = Clusters {
            values: Vec::with_capacity(values.len()),
            parent: Vec::new(),
            pinned: Vec::new(),
            name: Vec::new(),
            by_lower: HashMap::new(),
        };
        for (value, count) in values {
            let idx = clusters.ensure(value);
            if clusters.values[idx].0 != *value {
                // Same letters, other case ("JOHN KERRY"): one cluster, the counts add up.
                let other = clusters.push(value.clone(), *count);
                clusters.union(idx, other);
            } else {
                clusters.values[idx].1 += count;
            }
        }
        clusters
    }

    fn push(&mut self, value: String, count: u64) -> usize {
        let idx = self.values.len();
        self.values.push((value, count));
        self.parent.push(idx);
        self.pinned.push(false);
        self.name.push(None);
        idx
    }

    /// The index of `value`, added with count 0 when the index does not hold it.
    fn ensure(&mut self, value: &str) -> usize {
        let lower = value.to_lowercase();
        if let Some(&idx) = self.by_lower.get(&lower) {
            return idx;
        }
        let idx = self.push(value.to_owned(), 0);
        self.by_lower.insert(lower, idx);
        idx
    }

    fn find(&self, mut idx: usize) -> usize {
        while self.parent[idx] != idx {
            idx = self.parent[idx];
        }
        idx
    }

    fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            self.parent[rb] = ra;
            self.pinned[ra] |= self.pinned[rb];
            if self.name[ra].is_none() {
                self.name[ra] = self.name[rb].take();
            }
        }
    }

    fn pin(&mut self, idx: usize) {
        let root = self.find(idx);
        self.pinned[root] = true;
    }

    fn set_name(&mut self, idx: usize, name: &str) {
        let root = self.find(idx);
        self.name[root] = Some(name.to_owned());
    }

    fn into_map(self) -> NameMap {
        let mut groups: HashMap<usize, Vec<usize>> = HashMap::new();
        for idx in 0..self.values.len() {
            groups.entry(self.find(idx)).or_default().push(idx);
        }
        let mut map = NameMap::default();
        for (root, members) in groups {
            let canonical = self.name[root].clone().unwrap_or_else(|| {
                // The most used form that looks fullest: several words before one, then
                // count, then length, then spelling (for a stable answer).
                let best = members
                    .iter()
                    .max_by(|&&a, &&b| {
                        let (va, vb) = (&self.values[a], &self.values[b]);
                        let words = |v: &str| v.words().count().min(2);
                        let bare = |v: &str| !v.starts_with("The ");
                        words(&va.0)
                            .cmp(&words(&vb.0))
                            .then(va.1.cmp(&vb.1))
                            .then(bare(&va.0).cmp(&bare(&vb.0)))
                            .then(va.0.len().cmp(&vb.0.len()))
                            .then(vb.0.cmp(&va.0))
                    })
                    .copied()
                    .unwrap_or(root);
                self.values[best].0.clone()
            });
            let spelled: Vec<String> = members.iter().map(|&i| self.values[i].0.clone()).collect();
            for value in &spelled {
                map.canonical
                    .insert(value.to_lowercase(), canonical.clone());
            }
            map.canonical
                .insert(canonical.to_lowercase(), canonical.clone());
            map.members.insert(canonical.to_lowercase(), spelled);
        }
        map
    }
}

/// Lowercase words that may sit inside a person's name ("Ursula von der Leyen").
const NAME_PARTICLES: &[&str] = &[
    "de", "da", "di", "del", "della", "der", "den", "van", "von", "la", "le", "du", "dos", "das",
    "bin", "ibn", "al", "el", "ben", "y", "st.",
];

const NAME_SUFFIXES: &[&str] = &["jr", "sr", "ii", "iii", "iv"];

/// Given names and their common short forms that are not simply their first letters.
const NICKNAMES: &[(&str, &str)] = &[
    ("bill", "william"),
    ("will", "william"),
    ("bob", "robert"),
    ("rob", "robert"),
    ("dick", "richard"),
    ("rick", "richard"),
    ("rich", "richard"),
    ("jim", "james"),
    ("jimmy", "james"),
    ("joe", "joseph"),
    ("jen", "jennifer"),
    ("jenny", "jennifer"),
    ("mike", "michael"),
    ("tony", "anthony"),
    ("ted", "edward"),
    ("ned", "edward"),
    ("ed", "edward"),
    ("andy", "andrew"),
    ("drew", "andrew"),
    ("chuck", "charles"),
    ("charlie", "charles"),
    ("hank", "henry"),
    ("harry", "henry"),
    ("jack", "john"),
    ("johnny", "john"),
    ("peggy", "margaret"),
    ("maggie", "margaret"),
    ("meg", "margaret"),
    ("liz", "elizabeth"),
    ("beth", "elizabeth"),
    ("betsy", "elizabeth"),
    ("kate", "katherine"),
    ("kathy", "katherine"),
    ("katie", "katherine"),
    ("sue", "susan"),
    ("becky", "rebecca"),
    ("bobby", "robert"),
    ("larry", "lawrence"),
    ("tom", "thomas"),
    ("tommy", "thomas"),
    ("steve", "stephen"),
    ("steve", "steven"),
    ("chris", "christopher"),
    ("nick", "nicholas"),
    ("pat", "patrick"),
    ("pete", "peter"),
    ("dan", "daniel"),
    ("danny", "daniel"),
    ("dave", "david"),
    ("matt", "matthew"),
    ("sam", "samuel"),
    ("ben", "benjamin"),
    ("josh", "joshua"),
    ("jon", "jonathan"),
    ("tim", "timothy"),
    ("greg", "gregory"),
    ("jeff", "jeffrey"),
    ("ron", "ronald"),
    ("don", "donald"),
    ("alex", "alexander"),
    ("nancy", "ann"),
    ("abby", "abigail"),
    ("gabby", "gabrielle"),
    ("val", "valerie"),
];

/// A person's name taken apart for comparison: given names (lowercase, without dots),
/// surname key, or `None` for a value that is a description, not a name.
struct PersonKey {
    given: Vec<String>,
    surname: String,
}

fn person_key(value: &str) -> Option<PersonKey> {
    let mut words: Vec<String> = Vec::new();
    for raw in value.words() {
        let word = raw.trim_matches(|c: char| matches!(c, ',' | ';' | ':' | '"' | '(' | ')'));
        let lower = word.trim_end_matches('.').to_lowercase();
        if NAME_SUFFIXES.contains(&lower.as_str()) {
            continue;
        }
        let capitalised = word.chars().next().is_some_and(char::is_uppercase);
        if !capitalised && !NAME_PARTICLES.contains(&word.to_lowercase().as_str()) {
            return None;
        }
        if !word.chars().any(char::is_alphabetic) {
            return None;
        }
        // "Doctors Fauci", "President Biden": a role is no given name.
        if crate::tag::names::is_role_word(word)
            || crate::tag::names::is_role_word(&crate::tag::names::title_case(word))
        {
            continue;
        }
        words.push(lower);
    }
    let surname = words.pop()?;
    // A name in capitals throughout is an acronym or a body ("UN", "NATO"), not a person.
    if words.is_empty() && value.len() > 1 && value.chars().all(|c| !c.is_lowercase()) {
        return None;
    }
    let given = words
        .into_iter()
        .filter(|w| !NAME_PARTICLES.contains(&w.as_str()))
        .collect();
    Some(PersonKey { given, surname })
}

/// True when two given names can be the same person's: equal, one the other's initial, one
/// a short form of the other ("Jen"/"Jennifer", "Joe"/"Joseph").
fn given_names_agree(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if short.chars().count() == 1 {
        return long.starts_with(short);
    }
    NICKNAMES
        .iter()
        .any(|&(nick, full)| (nick == a && full == b) || (nick == b && full == a))
}

fn merge_people(clusters: &mut Clusters, candidates: &[usize]) {
    // Full names by surname, most used first, so a cluster's first member is its best form.
    let mut by_surname: HashMap<String, Vec<(usize, PersonKey)>> = HashMap::new();
    let mut bare: Vec<(usize, String)> = Vec::new();
    for &idx in candidates {
        let Some(key) = person_key(&clusters.values[idx].0) else {
            continue;
        };
        if key.given.is_empty() {
            bare.push((idx, key.surname));
        } else {
            by_surname
                .entry(key.surname.clone())
                .or_default()
                .push((idx, key));
        }
    }
    // Within a surname, each name joins the one earlier cluster whose first given name agrees
    // with its own; when two clusters agree ("J. Smith" with John and Jane), it stays alone.
    let mut people_by_surname: HashMap<String, Vec<usize>> = HashMap::new();
    for (surname, mut names) in by_surname {
        names.sort_by(|a, b| {
            let (va, vb) = (&clusters.values[a.0], &clusters.values[b.0]);
            vb.1.cmp(&va.1)
                .then(b.1.given[0].len().cmp(&a.1.given[0].len()))
                .then(va.0.cmp(&vb.0))
        });
        let mut heads: Vec<(usize, String)> = Vec::new();
        for (idx, key) in names {
            let first = &key.given[0];
            let agreeing: Vec<usize> = heads
                .iter()
                .filter(|(_, head_first)| given_names_agree(first, head_first))
                .map(|(head, _)| *head)
                .collect();
            match agreeing.as_slice() {
                [head] => clusters.union(*head, idx),
                [] => heads.push((idx, first.clone())),
                _ => {}
            }
        }
        people_by_surname.insert(surname, heads.into_iter().map(|(h, _)| h).collect());
    }
    // A bare surname is the one person who has it, if there is exactly one, or the one who
    // is named three times in four with it ("Biden": Joe Biden, not Jill or Hunter Biden).
    let mut sums: HashMap<usize, u64> = HashMap::new();
    for idx in 0..clusters.values.len() {
        *sums.entry(clusters.find(idx)).or_default() += clusters.values[idx].1;
    }
    for (idx, surname) in bare {
        let Some(heads) = people_by_surname.get(&surname) else {
            continue;
        };
        let weight = |head: usize| sums.get(&clusters.find(head)).copied().unwrap_or(0);
        let total: u64 = heads.iter().map(|&h| weight(h)).sum();
        if let Some(&top) = heads.iter().max_by_key(|&&h| weight(h)) {
            if heads.len() == 1 || weight(top) * 4 >= total * 3 {
                clusters.union(top, idx);
            }
        }
    }
}

/// An outlet name without a leading "The", its case, or its punctuation.
fn outlet_key(value: &str) -> String {
    let lower = value.trim().to_lowercase();
    let lower = lower.strip_prefix("the ").unwrap_or(&lower);
    lower
        .chars()
        .filter(|c| c.is_alphanumeric() || c.is_whitespace())
        .collect::<String>()
        .words()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The initials of an outlet's words ("New York Times" -> "nyt"), skipping "the", "of", "and".
fn outlet_initials(key: &str) -> Option<String> {
    let words: Vec<&str> = key
        .words()
        .filter(|w| !matches!(*w, "the" | "of" | "and" | "for" | "on"))
        .collect();
    (words.len() >= 2).then(|| words.iter().filter_map(|w| w.chars().next()).collect())
}

fn merge_outlets(clusters: &mut Clusters, candidates: &[usize]) {
    let mut by_key: HashMap<String, usize> = HashMap::new();
    let mut acronyms: Vec<(usize, String)> = Vec::new();
    for &idx in candidates {
        let value = clusters.values[idx].0.clone();
        let key = outlet_key(&value);
        if key.is_empty() {
            continue;
        }
        let letters: Vec<char> = value.chars().filter(|c| c.is_alphabetic()).collect();
        let is_acronym = !value.contains(' ')
            && (2..=6).contains(&letters.len())
            && letters.iter().all(|c| c.is_uppercase());
        if is_acronym {
            acronyms.push((idx, key.clone()));
        }
        match by_key.get(&key) {
            Some(&head) => clusters.union(head, idx),
            None => {
                by_key.insert(key, idx);
            }
        }
    }
    let mut by_initials: HashMap<String, Vec<usize>> = HashMap::new();
    for (key, &idx) in &by_key {
        if let Some(initials) = outlet_initials(key) {
            by_initials.entry(initials).or_default().push(idx);
        }
    }
    for (idx, key) in acronyms {
        if let Some([head]) = by_initials.get(&key).map(Vec::as_slice) {
            clusters.union(*head, idx);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(field: NameField, values: &[(&str, u64)], aliases: &str) -> NameMap {
        let values: Vec<(String, u64)> = values.iter().map(|(v, c)| (v.to_string(), *c)).collect();
        NameMap::build(field, &values, &Aliases::parse(aliases).unwrap())
    }

    /// Each value of `values` maps to the canonical form at the same position of `expected`.
    fn check(field: NameField, values: &[(&str, u64)], aliases: &str, expected: &[&str]) {
        let names = map(field, values, aliases);
        let got: Vec<&str> = values.iter().map(|(v, _)| names.canonical(v)).collect();
        assert_eq!(got, expected, "{values:?}");
    }

    #[test]
    fn people_merge_only_when_unambiguous() {
        use NameField::Speaker;
        check(
            Speaker,
            &[("Jen Psaki", 40), ("Psaki", 3), ("Jennifer Psaki", 1)],
            "",
            &["Jen Psaki", "Jen Psaki", "Jen Psaki"],
        );
        check(
            Speaker,
            &[("Joe Biden", 9), ("Joseph R. Biden Jr.", 4), ("Biden", 7)],
            "",
            &["Joe Biden", "Joe Biden", "Joe Biden"],
        );
        // Two people share the surname: the bare surname stays as it is, unless one of
        // them is named three times in four.
        check(
            Speaker,
            &[("Joe Biden", 9), ("Hunter Biden", 4), ("Biden", 7)],
            "",
            &["Joe Biden", "Hunter Biden", "Biden"],
        );
        check(
            Speaker,
            &[("Joe Biden", 274), ("Jill Biden", 20), ("Biden", 1689)],
            "",
            &["Joe Biden", "Jill Biden", "Joe Biden"],
        );
        // An initial that fits two people joins neither.
        check(
            Speaker,
            &[("John Smith", 5), ("Jane Smith", 4), ("J. Smith", 1)],
            "",
            &["John Smith", "Jane Smith", "J. Smith"],
        );
        // Descriptions and bodies are left alone; case differences are one name.
        check(
            Speaker,
            &[
                ("senior US State Department official", 2),
                ("Reporter", 50),
                ("JOHN KERRY", 1),
                ("John Kerry", 8),
                ("Kerry", 3),
            ],
            "",
            &[
                "senior US State Department official",
                "Reporter",
                "John Kerry",
                "John Kerry",
                "John Kerry",
            ],
        );
        check(
            Speaker,
            &[("Ursula von der Leyen", 3), ("von der Leyen", 1)],
            "",
            &["Ursula von der Leyen", "Ursula von der Leyen"],
        );
    }

    /// `build_partial` gives each wanted value the canonical form the full map gives it.
    #[test]
    fn partial_maps_agree_with_the_full_map() {
        let aliases = Aliases::parse(
            r#"
            [speaker]
            "Barack Obama" = ["Obama", "POTUS 44"]
            [distinct]
            speaker = ["Paul"]
            "#,
        )
        .unwrap();
        let mut values: Vec<(String, u64)> = [
            ("Jen Psaki", 40),
            ("Psaki", 3),
            ("Jennifer Psaki", 1),
            ("JEN PSAKI", 2),
            ("jen psaki", 1),
            ("Joe Biden", 274),
            ("Jill Biden", 20),
            ("Biden", 1689),
            ("Joseph R. Biden Jr.", 4),
            ("President Biden", 7),
            ("Hunter Biden", 4),
            ("John Smith", 5),
            ("Jane Smith", 4),
            ("J. Smith", 1),
            ("Smithson", 2),
            ("Kerry Washington", 1),
            ("George Washington", 3),
            ("Washington", 2),
            ("John Kerry", 8),
            ("KERRY", 1),
            ("Kerry", 3),
            ("john kerry", 1),
            ("Ursula von der Leyen", 3),
            ("von der Leyen", 1),
            ("senior US State Department official", 2),
            ("Reporter", 50),
            ("Obama", 4),
            ("OBAMA", 1),
            ("Rand Paul", 3),
            ("Paul", 2),
            ("Ron Paul", 1),
            ("José Andrés", 2),
            ("Andrés", 1),
            ("Li", 1),
            ("Keqiang Li", 2),
            ("Eli Lilly", 1),
        ]
        .iter()
        .map(|(v, c)| (v.to_string(), *c))
        .collect();
        values.sort();
        let full = NameMap::build(NameField::Speaker, &values, &aliases);
        let mut walks = 0;
        for (wanted, _) in &values {
            let partial = NameMap::build_partial(
                NameField::Speaker,
                &[wanted.as_str(), "Nobody Known"],
                &aliases,
                |keep| {
                    walks += 1;
                    Ok::<_, ()>(values.iter().filter(|(v, _)| keep(v)).cloned().collect())
                },
            )
            .unwrap()
            .expect("people have partial maps");
            assert_eq!(
                partial.canonical(wanted),
                full.canonical(wanted),
                "{wanted}"
            );
            assert_eq!(partial.canonical("Nobody Known"), "Nobody Known");
        }
        // Seeds come from the wanted names' surnames: one walk mostly, a second when the
        // connected values reach a surname key the seeds do not cover.
        assert!(walks <= 2 * values.len(), "{walks} walks");
        assert!(
            NameMap::build_partial(NameField::Outlet, &["NYT"], &aliases, |_| {
                Ok::<_, ()>(Vec::new())
            })
            .unwrap()
            .is_none()
        );
    }

    #[test]
    fn outlets_merge_articles_and_acronyms() {
        check(
            NameField::Outlet,
            &[
                ("The New York Times", 3),
                ("New York Times", 5),
                ("NYT", 1),
                ("Reuters", 4),
                ("The Times", 2),
            ],
            "",
            &[
                "New York Times",
                "New York Times",
                "New York Times",
                "Reuters",
                "The Times",
            ],
        );
    }

    #[test]
    fn aliases_merge_and_split_by_hand() {
        let aliases = r#"
            [speaker]
            "Barack Obama" = ["Obama", "POTUS 44"]
            [distinct]
            speaker = ["Psaki"]
        "#;
        check(
            NameField::Speaker,
            &[
                ("Obama", 4),
                ("POTUS 44", 1),
                ("Jen Psaki", 5),
                ("Psaki", 2),
            ],
            aliases,
            &["Barack Obama", "Barack Obama", "Jen Psaki", "Psaki"],
        );
        let names = map(NameField::Speaker, &[("Obama", 4)], aliases);
        let mut members = names.members("barack obama");
        members.sort();
        assert_eq!(members, vec!["Barack Obama", "Obama", "POTUS 44"]);
        assert_eq!(
            names.merge_counts([("Obama", 4), ("POTUS 44", 1)]),
            vec![("Barack Obama".to_owned(), 5)]
        );
    }

    #[test]
    fn bad_alias_files_say_where() {
        assert!(Aliases::parse("[speakr]\n\"A\" = [\"B\"]")
            .unwrap_err()
            .contains("speakr"));
        assert!(Aliases::parse("[speaker]\n\"A\" = 3")
            .unwrap_err()
            .contains("\"A\""));
        assert!(Aliases::parse("[speaker\n")
            .unwrap_err()
            .starts_with("line 1"));
    }
}
