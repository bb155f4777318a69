//! Canonical names across the index: the searcher's side of [`crate::tag::alias`].
//!
//! Each document names people in its own way, so the index holds "Jen Psaki" and "Psaki",
//! "NYT" and "The New York Times". This module reads every value of the speaker, author and
//! outlet fields with the number of passages that carry it, groups them with
//! [`NameMap::build`] (plus the user's `aliases.toml`), and then lets search show one
//! canonical name per person or outlet: in facet counts, in hits, and in name filters, which
//! match every form of the name they resolve to.

use crate::index::Fields;
use crate::model::Passage;
use crate::tag::alias::{Aliases, NameField, NameMap};
use anyhow::{Context, Result};
use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use tantivy::Searcher;

/// The aliases file polidex reads from the index folder when none is given.
pub const ALIASES_FILE: &str = "aliases.toml";

/// The user's aliases: the file given with `--aliases`, else `aliases.toml` in the index
/// folder if there is one. A file given by name must exist.
pub fn load_aliases(index_dir: &Path, given: Option<&Path>) -> Result<Aliases> {
    let (path, required): (PathBuf, bool) = match given {
        Some(path) => (path.to_owned(), true),
        None => (index_dir.join(ALIASES_FILE), false),
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(err) if !required && err.kind() == std::io::ErrorKind::NotFound => {
            return Ok(Aliases::default())
        }
        Err(err) => return Err(err).with_context(|| format!("{}", path.display())),
    };
    Aliases::parse(&text).map_err(|reason| anyhow::anyhow!("{}: {reason}", path.display()))
}

/// The file in the index folder that holds every name's canonical form, as `ingest` left
/// the index (see [`write_cache`]).
pub const CACHE_FILE: &str = "names.tsv";

/// The first word of the cache's header line; the format's version follows it.
const CACHE_MAGIC: &str = "polidex-names";
const CACHE_VERSION: &str = "1";

/// What the canonical forms depend on: the searcher's segments (and their deletions) and
/// the aliases file. A cache written for another state is not used.
fn state_key(searcher: &Searcher, aliases: &Aliases) -> String {
    let mut segments: Vec<String> = searcher
        .segment_readers()
        .iter()
        .map(|reader| {
            format!(
                "{}:{}",
                reader.segment_id().uuid_string(),
                reader.num_deleted_docs()
            )
        })
        .collect();
    segments.sort();
    format!(
        "{:016x}-{:016x}",
        xxhash_rust::xxh3::xxh3_64(segments.join(",").as_bytes()),
        aliases.fingerprint()
    )
}

/// Writes [`CACHE_FILE`] for the index in `dir` as it is now, unless it is already up to
/// date: every value of the speaker, author and outlet fields with its canonical form, one
/// sorted line each. A one-shot search then looks its page's names up in this file instead
/// of walking the facet dictionaries to cluster them (a quarter of its time). The cache is
/// only an accelerator: a stale or missing one is ignored, and search builds the maps.
pub fn write_cache(dir: &Path) -> Result<()> {
    let searchable = super::Searchable::open(dir)?;
    let names = &searchable.names;
    let key = state_key(&searchable.searcher, &names.aliases);
    if NameCache::load(&dir.join(CACHE_FILE), &key).is_some() {
        return Ok(());
    }
    // (field, lowercased value, canonical form): sorted as the lookup compares them.
    let mut rows: Vec<(&str, String, String)> = Vec::new();
    for field in [NameField::Speaker, NameField::Author, NameField::Outlet] {
        let facet = field.key();
        let Some(map) = names.map(&searchable.searcher, &searchable.fields, facet)? else {
            continue;
        };
        // A tab or line break inside a name would break the line format; such a value is
        // left to the maps built at search time.
        let clean = |v: &str| !v.contains(['\t', '\n', '\r']);
        rows.extend(
            map.entries()
                .filter(|&(lower, canonical)| clean(lower) && clean(canonical))
                .map(|(lower, canonical)| (facet, lower.to_owned(), canonical.to_owned())),
        );
    }
    rows.sort_unstable();
    let mut text = format!("{CACHE_MAGIC} {CACHE_VERSION} {key}\n");
    for (facet, lower, canonical) in &rows {
        let _ = writeln!(text, "{facet}\t{lower}\t{canonical}");
    }
    let path = dir.join(CACHE_FILE);
    let temporary = dir.join(format!("{CACHE_FILE}.{}.tmp", std::process::id()));
    std::fs::write(&temporary, text)
        .and_then(|()| std::fs::rename(&temporary, &path))
        .with_context(|| format!("{}: cannot write the name cache", path.display()))
}

/// [`CACHE_FILE`], mapped: a one-shot search looks up a few names by binary search over
/// the sorted lines, touching a few pages of the file instead of reading and indexing it.
struct NameCache {
    bytes: memmap2::Mmap,
    /// Where the lines after the header start.
    body: usize,
}

impl NameCache {
    /// The cache at `path` if it was written for the state `key`.
    fn load(path: &Path, key: &str) -> Option<NameCache> {
        let file = std::fs::File::open(path).ok()?;
        // SAFETY: the file is only ever replaced whole by a rename (`write_cache`), never
        // written in place, so the mapped bytes do not change under us.
        let bytes = unsafe { memmap2::Mmap::map(&file) }.ok()?;
        let header_end = memchr::memchr(b'\n', &bytes)?;
        let expected = format!("{CACHE_MAGIC} {CACHE_VERSION} {key}");
        if &bytes[..header_end] != expected.as_bytes() {
            return None;
        }
        Some(NameCache {
            bytes,
            body: header_end + 1,
        })
    }

    /// The canonical form of `lower` (a lowercased value) in `facet`, if the cache has it.
    fn canonical(&self, facet: &str, lower: &str) -> Option<&str> {
        let body = &self.bytes[self.body..];
        let target = (facet.as_bytes(), lower.as_bytes());
        // Binary search over byte offsets: the line around the middle decides which half
        // holds the target, and each step drops at least that line.
        let (mut lo, mut hi) = (0, body.len());
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            let start = memchr::memrchr(b'\n', &body[lo..mid]).map_or(lo, |at| lo + at + 1);
            let end = memchr::memchr(b'\n', &body[start..]).map_or(body.len(), |at| start + at);
            let mut parts = body[start..end].splitn(3, |&b| b == b'\t');
            let key = (parts.next().unwrap_or(&[]), parts.next().unwrap_or(&[]));
            match key.cmp(&target) {
                std::cmp::Ordering::Less => lo = end + 1,
                std::cmp::Ordering::Greater => hi = start,
                std::cmp::Ordering::Equal => return std::str::from_utf8(parts.next()?).ok(),
            }
        }
        None
    }
}

/// The name maps of one searcher, built on first use.
pub struct Names {
    aliases: Aliases,
    /// Where [`CACHE_FILE`] would be, and the cache once looked at (`None` inside when it is
    /// missing or was written for another state of the index or another aliases file).
    cache_path: PathBuf,
    cache: std::sync::OnceLock<Option<NameCache>>,
    maps: Mutex<HashMap<NameField, Arc<NameMap>>>,
    /// Pages canonicalised so far. The first page of a searcher gets partial maps (a
    /// one-shot search needs only its own names); a searcher asked for a second page is a
    /// long-lived one (a server, a notebook, an export), for which building each field's
    /// whole map once costs less than walking the facet dictionary again for every page.
    pages: std::sync::atomic::AtomicUsize,
}

impl Names {
    /// The maps of a searcher under `aliases`; `cache_path` names the index's [`CACHE_FILE`].
    pub fn new(aliases: Aliases, cache_path: PathBuf) -> Names {
        Names {
            aliases,
            cache_path,
            cache: std::sync::OnceLock::new(),
            maps: Mutex::new(HashMap::new()),
            pages: std::sync::atomic::AtomicUsize::new(0),
        }
    }

    /// The map of a facet ("speaker", "author", "outlet"); `None` for other facets.
    pub fn map(
        &self,
        searcher: &Searcher,
        fields: &Fields,
        facet: &str,
    ) -> Result<Option<Arc<NameMap>>> {
        let Some(name_field) = NameField::from_key(facet) else {
            return Ok(None);
        };
        let mut maps = self.maps.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(map) = maps.get(&name_field) {
            return Ok(Some(Arc::clone(map)));
        }
        let field = fields.facet_field(facet).expect("a name facet has a field");
        let values: Vec<(String, u64)> = super::facets::dictionary(searcher, field)?
            .into_iter()
            .collect();
        let map = Arc::new(NameMap::build(name_field, &values, &self.aliases));
        maps.insert(name_field, Arc::clone(&map));
        Ok(Some(map))
    }

    /// Rewrites a passage's speakers, quote speakers, authors and outlet to their canonical
    /// forms.
    pub fn canonicalise(
        &self,
        searcher: &Searcher,
        fields: &Fields,
        passage: &mut Passage,
    ) -> Result<()> {
        let speaker = self.map(searcher, fields, "speaker")?;
        let author = self.map(searcher, fields, "author")?;
        let outlet = self.map(searcher, fields, "outlet")?;
        rewrite(
            passage,
            speaker.as_deref(),
            author.as_deref(),
            outlet.as_deref(),
        );
        Ok(())
    }

    /// [`Names::canonicalise`] for a page of passages. When a field's map is not built yet
    /// (the first query of a process), only the clusters of the names these passages carry
    /// are made ([`NameMap::build_partial`]), which gives the same canonical forms: building
    /// every cluster of thousands of speakers cost a one-shot search more than its query.
    pub fn canonicalise_page(
        &self,
        searcher: &Searcher,
        fields: &Fields,
        passages: &mut [Passage],
    ) -> Result<()> {
        let mut speakers: Vec<&str> = Vec::new();
        let mut authors: Vec<&str> = Vec::new();
        let mut outlets: Vec<&str> = Vec::new();
        for passage in passages.iter() {
            speakers.extend(passage.speakers.iter().map(String::as_str));
            speakers.extend(passage.quotes.iter().filter_map(|q| q.speaker.as_deref()));
            speakers.extend(passage.speaker_roles.iter().map(|r| r.speaker.as_str()));
            authors.extend(passage.authors.iter().map(String::as_str));
            outlets.extend(passage.outlet.as_deref());
        }
        let partial = self
            .pages
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed)
            == 0;
        let speaker = self.map_for(searcher, fields, NameField::Speaker, &mut speakers, partial)?;
        let author = self.map_for(searcher, fields, NameField::Author, &mut authors, partial)?;
        let outlet = self.map_for(searcher, fields, NameField::Outlet, &mut outlets, partial)?;
        for passage in passages {
            rewrite(
                passage,
                speaker.as_deref(),
                author.as_deref(),
                outlet.as_deref(),
            );
        }
        Ok(())
    }

    /// The index's name cache, read on first use, if it matches this searcher.
    fn cache(&self, searcher: &Searcher) -> Option<&NameCache> {
        self.cache
            .get_or_init(|| NameCache::load(&self.cache_path, &state_key(searcher, &self.aliases)))
            .as_ref()
    }

    /// A map that knows at least the `wanted` values: the field's full map when it is built,
    /// when `partial` is false or when the field has no partial maps, else the clusters of
    /// `wanted` alone.
    fn map_for(
        &self,
        searcher: &Searcher,
        fields: &Fields,
        name_field: NameField,
        wanted: &mut Vec<&str>,
        partial: bool,
    ) -> Result<Option<Arc<NameMap>>> {
        let facet = name_field.key();
        if wanted.is_empty() {
            return Ok(None);
        }
        let built = self
            .maps
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .get(&name_field)
            .cloned();
        if built.is_some() {
            return Ok(built);
        }
        if !partial {
            return self.map(searcher, fields, facet);
        }
        if let Some(cache) = self.cache(searcher) {
            let lowered: Vec<String> = wanted.iter().map(|v| v.to_lowercase()).collect();
            return Ok(Some(Arc::new(NameMap::from_entries(
                lowered.iter().filter_map(|lower| {
                    cache
                        .canonical(facet, lower)
                        .map(|canonical| (lower.as_str(), canonical))
                }),
            ))));
        }
        wanted.sort_unstable();
        wanted.dedup();
        let field = fields.facet_field(facet).expect("a name facet has a field");
        let partial = NameMap::build_partial(name_field, wanted, &self.aliases, |keep| {
            super::facets::dictionary_matching(searcher, field, keep)
                .map(|values| values.into_iter().collect::<Vec<_>>())
        })?;
        match partial {
            Some(map) => Ok(Some(Arc::new(map))),
            None => self.map(searcher, fields, facet),
        }
    }
}

/// Rewrites a passage's names through the maps given (`None`: left as they are).
fn rewrite(
    passage: &mut Passage,
    speaker: Option<&NameMap>,
    author: Option<&NameMap>,
    outlet: Option<&NameMap>,
) {
    if let Some(map) = speaker {
        let mut speakers: Vec<String> = Vec::with_capacity(passage.speakers.len());
        for speaker in &passage.speakers {
            let canonical = map.canonical(speaker).to_owned();
            if !speakers.contains(&canonical) {
                speakers.push(canonical);
            }
        }
        passage.speakers = speakers;
        for quote in &mut passage.quotes {
            if let Some(speaker) = &quote.speaker {
                quote.speaker = Some(map.canonical(speaker).to_owned());
            }
        }
        for role in &mut passage.speaker_roles {
            role.speaker = map.canonical(&role.speaker).to_owned();
        }
    }
    if let Some(map) = author {
        for author in &mut passage.authors {
            *author = map.canonical(author).to_owned();
        }
    }
    if let Some(map) = outlet {
        if let Some(outlet) = &passage.outlet {
            passage.outlet = Some(map.canonical(outlet).to_owned());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A cache file with `lines` (already sorted) under the header for `key`.
    fn cache_with(lines: &[&str], key: &str) -> (tempfile::TempDir, Option<NameCache>) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(CACHE_FILE);
        let mut text = format!("{CACHE_MAGIC} {CACHE_VERSION} {key}\n");
        for line in lines {
            text.push_str(line);
            text.push('\n');
        }
        std::fs::write(&path, text).unwrap();
        let cache = NameCache::load(&path, key);
        (dir, cache)
    }

    #[test]
    fn every_line_of_the_cache_is_found_and_nothing_else() {
        let lines = [
            "author\t\t",
            "author\tjo bloggs\tJo Bloggs",
            "outlet\tnyt\tNew York Times",
            "speaker\tab\tAb",
            "speaker\tabc\tA. B. C.",
            "speaker\tkerry\tJohn Kerry",
            "speaker\tpsaki\tJen Psaki",
            "speaker\tzoë\tZoë Ortiz",
        ];
        let (_dir, cache) = cache_with(&lines, "k1");
        let cache = cache.expect("the key matches");
        for line in lines {
            let mut parts = line.splitn(3, '\t');
            let (facet, lower, canonical) = (
                parts.next().unwrap(),
                parts.next().unwrap(),
                parts.next().unwrap(),
            );
            assert_eq!(cache.canonical(facet, lower), Some(canonical), "{line}");
        }
        for (facet, lower) in [
            ("speaker", "a"),
            ("speaker", "abcd"),
            ("speaker", "zzz"),
            ("speaker", ""),
            ("author", "jo"),
            ("outlet", "kerry"),
            ("year", "2021"),
        ] {
            assert_eq!(cache.canonical(facet, lower), None, "{facet} {lower}");
        }
    }

    #[test]
    fn a_cache_for_another_state_or_version_is_not_loaded() {
        assert!(cache_with(&["speaker\tx\tX"], "k1").1.is_some());
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(CACHE_FILE);
        std::fs::write(&path, format!("{CACHE_MAGIC} {CACHE_VERSION} k1\n")).unwrap();
        assert!(NameCache::load(&path, "k2").is_none());
        std::fs::write(&path, format!("{CACHE_MAGIC} 0 k1\nspeaker\tx\tX\n")).unwrap();
        assert!(NameCache::load(&path, "k1").is_none());
        assert!(NameCache::load(&dir.path().join("missing.tsv"), "k1").is_none());
    }
}
