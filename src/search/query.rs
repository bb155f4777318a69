//! The query language: tantivy's grammar (words, `"phrases"`, `AND`/`OR`/`NOT`, `+`/`-`,
//! parentheses, `field:value`, `^boost`, `"phrase"~slop`, `"phrase pre"*`), plus what
//! tantivy's parser leaves out: a single-word prefix (`negotiat*`) and a fuzzy word
//! (`vacine~1`). It owns the user's field names; it does not run queries.

use super::any_field::AnyField;
use super::UsageError;
use crate::index::{Fields, PROSE_TOKENIZER};
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, FuzzyTermQuery, Occur, Query, QueryParser, TermQuery,
};
use tantivy::query_grammar::{self, Delimiter, UserInputAst, UserInputLeaf, UserInputLiteral};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{Index, Term};

/// Field names a query may name (`speaker:kerry`), all of them schema fields.
pub const QUERY_FIELDS: &[&str] = &[
    "text", "title", "headline", "quote", "speaker", "outlet", "author", "kind", "org", "id",
    "doc_id", "path",
];

/// The largest edit distance a fuzzy word may ask for.
const MAX_FUZZY_DISTANCE: u32 = 2;

/// Which fields unfielded words search, with their boosts.
pub struct QueryDefaults {
    pub fields: Vec<(Field, f32)>,
}

impl QueryDefaults {
    /// Passages: the text, headline (1.5), title (2) and the quotations.
    pub fn passages(f: &Fields) -> QueryDefaults {
        QueryDefaults {
            fields: vec![
                (f.text, 1.0),
                (f.headline, 1.5),
                (f.title, 2.0),
                (f.quote, 1.0),
            ],
        }
    }

    /// Quotations only: `polidex quotes` matches the quoted words, not the passage around them.
    pub fn quotations(f: &Fields) -> QueryDefaults {
        QueryDefaults {
            fields: vec![(f.quote, 1.0)],
        }
    }
}

fn bad_query(query: &str, reason: impl std::fmt::Display) -> UsageError {
    UsageError(format!("bad query '{query}': {reason}"))
}

/// Parses what the user typed into a tantivy query. Empty and `*` match everything.
pub fn parse(
    index: &Index,
    defaults: &QueryDefaults,
    query: &str,
) -> Result<Box<dyn Query>, UsageError> {
    let trimmed = query.trim();
    if trimmed.is_empty() || trimmed == "*" {
        return Ok(Box::new(AllQuery));
    }
    let ast = query_grammar::parse_query(trimmed)
        .map_err(|_| bad_query(trimmed, "syntax error (unbalanced quotes or parentheses?)"))?;
    let mut parser = QueryParser::for_index(
        index,
        defaults.fields.iter().map(|(field, _)| *field).collect(),
    );
    parser.set_conjunction_by_default();
    for (field, boost) in &defaults.fields {
        if *boost != 1.0 {
            parser.set_field_boost(*field, *boost);
        }
    }
    let builder = Builder {
        index,
        parser,
        defaults,
        query: trimmed,
    };
    builder.convert(ast)
}

struct Builder<'a> {
    index: &'a Index,
    parser: QueryParser,
    defaults: &'a QueryDefaults,
    query: &'a str,
}

impl Builder<'_> {
    fn convert(&self, ast: UserInputAst) -> Result<Box<dyn Query>, UsageError> {
        match ast {
            UserInputAst::Clause(children) => {
                let mut clauses = Vec::with_capacity(children.len() + 1);
                for (occur, child) in children {
                    clauses.push((occur.unwrap_or(Occur::Must), self.convert(child)?));
                }
                // `-word` alone means everything but the word.
                if clauses.iter().all(|(occur, _)| *occur == Occur::MustNot) {
                    clauses.push((Occur::Must, Box::new(AllQuery)));
                }
                Ok(Box::new(BooleanQuery::new(clauses)))
            }
            UserInputAst::Boost(child, boost) => Ok(Box::new(BoostQuery::new(
                self.convert(*child)?,
                boost.into_inner() as f32,
            ))),
            UserInputAst::Leaf(leaf) => self.leaf(*leaf),
        }
    }

    fn leaf(&self, leaf: UserInputLeaf) -> Result<Box<dyn Query>, UsageError> {
        if let UserInputLeaf::Literal(literal) = &leaf {
            if let Some(name) = &literal.field_name {
                self.check_field(name)?;
                if name == "id" {
                    let field = self
                        .index
                        .schema()
                        .get_field(name)
                        .map_err(|e| bad_query(self.query, e))?;
                    return Ok(crate::index::id_query(field, &literal.phrase));
                }
            }
            if let Some(query) = self.word_query(literal)? {
                return Ok(query);
            }
        }
        let field = match &leaf {
            UserInputLeaf::Range { field, .. }
            | UserInputLeaf::Set { field, .. }
            | UserInputLeaf::Regex { field, .. } => field.clone(),
            UserInputLeaf::Exists { field } => Some(field.clone()),
            _ => None,
        };
        if let Some(name) = field {
            self.check_field(&name)?;
        }
        let unfielded = matches!(&leaf, UserInputLeaf::Literal(l) if l.field_name.is_none());
        let query = self
            .parser
            .build_query_from_user_input_ast(UserInputAst::Leaf(Box::new(leaf)))
            .map_err(|err| bad_query(self.query, err))?;
        // Unfielded words become one clause per default field: scored the same, sought faster.
        Ok(if unfielded {
            AnyField::from_union(query)
        } else {
            query
        })
    }

    fn check_field(&self, name: &str) -> Result<(), UsageError> {
        if QUERY_FIELDS.contains(&name) {
            Ok(())
        } else {
            Err(bad_query(
                self.query,
                format!(
                    "unknown field '{name}': expected one of {}",
                    QUERY_FIELDS.join(", ")
                ),
            ))
        }
    }

    /// A one-word prefix (`negotiat*`) or fuzzy word (`vacine~1`); `None` for everything the
    /// tantivy parser handles itself (phrases, phrase prefixes, slop).
    fn word_query(&self, literal: &UserInputLiteral) -> Result<Option<Box<dyn Query>>, UsageError> {
        let Some((word, operator)) = word_operator(literal) else {
            return Ok(None);
        };
        if let WordOperator::Fuzzy(distance) = operator {
            if distance > MAX_FUZZY_DISTANCE {
                return Err(bad_query(
                    self.query,
                    format!("'{word}~{distance}': a fuzzy word allows at most {MAX_FUZZY_DISTANCE} edits"),
                ));
            }
        }
        let schema = self.index.schema();
        let targets: Vec<(Field, f32)> = match &literal.field_name {
            Some(name) => vec![(
                schema
                    .get_field(name)
                    .map_err(|e| bad_query(self.query, e))?,
                1.0,
            )],
            None => self.defaults.fields.clone(),
        };
        let mut clauses: Vec<Box<dyn Query>> = Vec::new();
        for (field, boost) in targets {
            let prose = is_prose(&schema, field);
            let words = match operator {
                // A prefix is not a word: lowercase it, never stem it.
                WordOperator::Prefix => vec![word.to_lowercase()],
                WordOperator::Fuzzy(_) => self.tokens(field, word)?,
            };
            if words.len() != 1 || words[0].is_empty() {
                if words.len() > 1 {
                    return Ok(None);
                }
                continue;
            }
            let word = &words[0];
            let query: Box<dyn Query> = match operator {
                WordOperator::Prefix => prefix_query(field, word, prose),
                WordOperator::Fuzzy(distance) => Box::new(FuzzyTermQuery::new(
                    Term::from_field_text(field, word),
                    distance as u8,
                    true,
                )),
            };
            let query: Box<dyn Query> = if boost == 1.0 {
                query
            } else {
                Box::new(BoostQuery::new(query, boost))
            };
            clauses.push(query);
        }
        if clauses.is_empty() {
            return Err(bad_query(self.query, "nothing to search for"));
        }
        Ok(Some(AnyField::of(clauses)))
    }

    fn tokens(&self, field: Field, text: &str) -> Result<Vec<String>, UsageError> {
        let mut analyzer = self
            .index
            .tokenizer_for_field(field)
            .map_err(|e| bad_query(self.query, e))?;
        let mut words = Vec::new();
        let mut stream = analyzer.token_stream(text);
        stream.process(&mut |token| words.push(token.text.clone()));
        Ok(words)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum WordOperator {
    Prefix,
    Fuzzy(u32),
}

/// The word and operator of `word*`, `word~N`, `"word"*` and `"word"~N`. tantivy's grammar
/// keeps `*` and `~N` inside an unquoted word, and reads them after a quoted one.
fn word_operator(literal: &UserInputLiteral) -> Option<(&str, WordOperator)> {
    let phrase = literal.phrase.trim();
    if literal.delimiter == Delimiter::None {
        if let Some(stem) = phrase.strip_suffix('*') {
            if !stem.is_empty() && !stem.contains(['*', '?']) {
                return Some((stem, WordOperator::Prefix));
            }
        }
        if let Some((word, distance)) = phrase.rsplit_once('~') {
            if let (false, Ok(distance)) = (word.is_empty(), distance.parse::<u32>()) {
                return Some((word, WordOperator::Fuzzy(distance)));
            }
        }
    }
    if phrase.split_whitespace().count() != 1 {
        return None;
    }
    if literal.prefix {
        Some((phrase, WordOperator::Prefix))
    } else if literal.slop > 0 {
        Some((phrase, WordOperator::Fuzzy(literal.slop)))
    } else {
        None
    }
}

fn is_prose(schema: &tantivy::schema::Schema, field: Field) -> bool {
    match schema.get_field_entry(field).field_type() {
        tantivy::schema::FieldType::Str(options) => options
            .get_indexing_options()
            .is_some_and(|indexing| indexing.tokenizer() == PROSE_TOKENIZER),
        _ => false,
    }
}

/// Terms starting with `prefix`. Prose fields hold stems ("negotiations" is indexed as
/// "negoti"), so a prose prefix also matches the stems that are one or two letters shorter
/// than it ("negotiat*" finds "negoti").
fn prefix_query(field: Field, prefix: &str, prose: bool) -> Box<dyn Query> {
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(
        Occur::Should,
        Box::new(FuzzyTermQuery::new_prefix(
            Term::from_field_text(field, prefix),
            0,
            true,
        )),
    )];
    if prose {
        let chars: Vec<(usize, char)> = prefix.char_indices().collect();
        let n_chars = chars.len();
        for keep in n_chars.saturating_sub(2).max(4)..n_chars {
            let stem = &prefix[..chars[keep].0];
            clauses.push((
                Occur::Should,
                Box::new(TermQuery::new(
                    Term::from_field_text(field, stem),
                    IndexRecordOption::WithFreqs,
                )),
            ));
        }
    }
    Box::new(BooleanQuery::new(clauses))
}
