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

/// The name maps of one searcher, built on first use.
pub struct Names {
    aliases: Aliases,
    maps: Mutex<HashMap<NameField, Arc<NameMap>>>,
}

impl Names {
    pub fn new(aliases: Aliases) -> Names {
        Names {
            aliases,
            maps: Mutex::new(HashMap::new()),
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
        let speaker = self.map_for(searcher, fields, NameField::Speaker, &mut speakers)?;
        let author = self.map_for(searcher, fields, NameField::Author, &mut authors)?;
        let outlet = self.map_for(searcher, fields, NameField::Outlet, &mut outlets)?;
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

    /// A map that knows at least the `wanted` values: the field's full map when it is built
    /// or the field has no partial maps, else the clusters of `wanted` alone.
    fn map_for(
        &self,
        searcher: &Searcher,
        fields: &Fields,
        name_field: NameField,
        wanted: &mut Vec<&str>,
    ) -> Result<Option<Arc<NameMap>>> {
        let facet = match name_field {
            NameField::Speaker => "speaker",
            NameField::Author => "author",
            NameField::Outlet => "outlet",
        };
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
