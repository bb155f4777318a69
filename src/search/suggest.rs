//! "Did you mean": the names of a facet closest to one the index does not hold, by edit
//! distance over the whole name and over its words ("Kery" is one edit from "Kerry", a
//! word of "John Kerry"). Pure functions over strings; the values come from the index.

/// Levenshtein distance between two sequences (characters of a name, words of a quotation).
pub fn levenshtein<T: PartialEq>(a: &[T], b: &[T]) -> usize {
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    let mut current = vec![0; b.len() + 1];
    for (i, a_item) in a.iter().enumerate() {
        current[0] = i + 1;
        for (j, b_item) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(a_item != b_item);
            current[j + 1] = substitution.min(previous[j + 1] + 1).min(current[j] + 1);
        }
        std::mem::swap(&mut previous, &mut current);
    }
    previous[b.len()]
}

/// Levenshtein distance over characters.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a_chars: Vec<char> = a.chars().collect();
    let b_chars: Vec<char> = b.chars().collect();
    levenshtein(&a_chars, &b_chars)
}

/// How far `wanted` is from `value`, in edits, when they are close enough to suggest: the
/// whole names compared, or each word of `wanted` against the nearest word of `value`.
fn distance(wanted: &str, value: &str) -> Option<usize> {
    let value = value.to_lowercase();
    let allowed = |len: usize| (len / 3).max(1);
    let whole = edit_distance(wanted, &value);
    let by_words = || {
        let value_words: Vec<&str> = value.split_whitespace().collect();
        let mut total = 0;
        for word in wanted.split_whitespace() {
            let best = value_words.iter().map(|v| edit_distance(word, v)).min()?;
            if best > allowed(word.chars().count()) {
                return None;
            }
            total += best;
        }
        Some(total)
    };
    if whole <= allowed(wanted.chars().count()) {
        Some(whole)
    } else if wanted.chars().count() >= 3 {
        // A word-level match counts one edit more than the same whole-name match.
        by_words().map(|d| d + 1)
    } else {
        None
    }
}

/// Up to `max` values closest to `wanted`, nearest first.
pub fn closest<'a>(wanted: &str, values: &'a [String], max: usize) -> Vec<&'a str> {
    let wanted = wanted.trim().to_lowercase();
    let mut scored: Vec<(usize, &str)> = values
        .iter()
        .filter_map(|v| distance(&wanted, v).map(|d| (d, v.as_str())))
        .collect();
    scored.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.cmp(b.1)));
    scored.into_iter().take(max).map(|(_, v)| v).collect()
}

/// What to tell the user about a filter value the index does not hold: the closest values
/// it does hold ("no speaker 'Kery'; did you mean John Kerry?").
pub fn unknown_value_note(facet: &str, wanted: &str, values: &[String]) -> String {
    let suggestions = closest(wanted, values, 3);
    if suggestions.is_empty() {
        format!("no {facet} '{wanted}' in the index")
    } else {
        format!(
            "no {facet} '{wanted}'; did you mean {}?",
            suggestions.join(" or ")
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(wanted: &str, expected: &[&str]) {
        let values: Vec<String> = [
            "John Kerry",
            "Jen Psaki",
            "Joe Biden",
            "Jill Biden",
            "Reuters",
            "Karine Jean-Pierre",
            "Reporter",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        assert_eq!(closest(wanted, &values, 3), expected, "{wanted}");
    }

    #[test]
    fn suggestions() {
        check("Kery", &["John Kerry"]);
        check("john kery", &["John Kerry"]);
        check("psakki", &["Jen Psaki"]);
        check("Bidden", &["Jill Biden", "Joe Biden"]);
        check("reuter", &["Reuters"]);
        check("Obama", &[]);
        check("xy", &[]);
    }

    #[test]
    fn distances() {
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("é", "e"), 1);
    }
}
