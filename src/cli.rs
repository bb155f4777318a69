//! Command-line definitions (clap) and their translation into the library's config types.
//! No logic lives here beyond checking and converting what the user typed.

use crate::search::output::Format;
use crate::search::{parse_bound, Period, QueryScope, SearchRequest, SortOrder, UsageError};
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "polidex",
    version,
    about = "Index policy documents into passages tagged with speaker, outlet and date, and search them"
)]
pub struct Cli {
    /// Index folder (default: index/ under the current directory).
    #[arg(long, global = true, env = "POLIDEX_INDEX", value_name = "DIR")]
    pub index: Option<PathBuf>,
    /// Show progress on stderr even when it is not a terminal.
    #[arg(long, global = true)]
    pub progress: bool,
    /// Hand-made name merges and splits (default: aliases.toml in the index folder).
    #[arg(long, global = true, env = "POLIDEX_ALIASES", value_name = "FILE")]
    pub aliases: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Ingest files and folders into the index (incremental).
    Ingest(IngestArgs),
    /// Print the passages of files as JSON Lines without touching any index.
    Split(SplitArgs),
    /// Search passages.
    Search(SearchArgs),
    /// Show what the index holds.
    Stats(StatsArgs),
    /// Every value of one facet with its count over the matching passages.
    Facets(FacetsArgs),
    /// Matching quotations, the same words in several documents grouped, earliest first.
    Quotes(QuotesArgs),
    /// One passage with its neighbours and a full citation.
    Show(ShowArgs),
}

#[derive(Debug, Args)]
pub struct IngestArgs {
    /// Files and folders to ingest (default: corpus/).
    pub paths: Vec<PathBuf>,
    /// Remove documents whose files are gone.
    #[arg(long)]
    pub prune: bool,
    /// Print the summary as one JSON object on stdout.
    #[arg(long)]
    pub json: bool,
    /// Threads for reading and tagging (default: all cores); indexing uses half as many.
    #[arg(long, short = 'j', value_name = "N")]
    pub jobs: Option<usize>,
    /// Report what would change without writing the index.
    #[arg(long)]
    pub dry_run: bool,
    /// Commit after every N changed files, so that a crash loses at most that much work (0: no count bound, and only at the end unless --commit-secs is given).
    #[arg(long, value_name = "N", default_value_t = crate::index::writer::DEFAULT_COMMIT_EVERY)]
    pub commit_every: usize,
    /// Commit at least every S seconds while files change, so that a crash loses at most that much time (default 60, none with --commit-every 0; 0: no time bound).
    #[arg(long, value_name = "S")]
    pub commit_secs: Option<u64>,
    /// Also commit after every MB megabytes of passage text, which bounds the writer's memory (default 64, none with --commit-every 0; 0: no byte bound).
    #[arg(long, value_name = "MB", hide = true)]
    pub commit_mb: Option<u64>,
    /// When another ingest holds the index, wait for it to finish instead of failing.
    #[arg(long)]
    pub wait: bool,
    /// Files larger than this many MB (after decompression) are reported, not read.
    #[arg(long, value_name = "MB", default_value_t = crate::ingest::DEFAULT_MAX_FILE_BYTES / (1024 * 1024))]
    pub max_file_mb: u64,
    /// Memory for tantivy's indexing threads, in MB.
    #[arg(long, value_name = "MB", default_value_t = crate::index::writer::DEFAULT_WRITER_HEAP / (1024 * 1024), hide = true)]
    pub writer_mb: usize,
    /// Skip quote attribution (for measuring its cost).
    #[arg(long, hide = true)]
    pub no_quotes: bool,
    /// A CSV or TSV manifest whose rows override each document's title, date, outlet,
    /// authors, org and url (matched by path relative to the folder, or file name).
    #[arg(long, value_name = "FILE")]
    pub metadata: Option<PathBuf>,
}

impl IngestArgs {
    /// The library's config for these arguments; `stop` is the binary's Ctrl-C flag.
    pub fn to_config(
        &self,
        index_dir: PathBuf,
        roots: Vec<PathBuf>,
        stop: std::sync::Arc<std::sync::atomic::AtomicBool>,
        metadata: Option<std::sync::Arc<crate::ingest::metadata::MetadataTable>>,
    ) -> crate::index::writer::IngestConfig {
        crate::index::writer::IngestConfig {
            metadata,
            prune: self.prune,
            jobs: self.jobs,
            dry_run: self.dry_run,
            commit_every: self.commit_every,
            // The contract's "--commit-every 0: only at the end" stays true.
            commit_secs: self.commit_secs.unwrap_or(if self.commit_every == 0 {
                0
            } else {
                crate::index::writer::DEFAULT_COMMIT_SECS
            }),
            commit_bytes: match self.commit_mb {
                Some(mb) => mb.saturating_mul(1024 * 1024),
                None if self.commit_every == 0 => 0,
                None => crate::index::writer::DEFAULT_COMMIT_BYTES,
            },
            wait_for_lock: self.wait,
            max_file_bytes: self.max_file_mb.saturating_mul(1024 * 1024),
            writer_heap: self.writer_mb.saturating_mul(1024 * 1024),
            stop,
            tag: crate::tag::TagOptions {
                quotes: !self.no_quotes,
            },
            ..crate::index::writer::IngestConfig::new(index_dir, roots)
        }
    }
}

#[derive(Debug, Args)]
pub struct SplitArgs {
    /// Files or folders to split.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Skip quote attribution (for measuring its cost).
    #[arg(long, hide = true)]
    pub no_quotes: bool,
    /// A CSV or TSV manifest whose rows override each document's title, date, outlet,
    /// authors, org and url (matched by path relative to the folder, or file name).
    #[arg(long, value_name = "FILE")]
    pub metadata: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    Text,
    Json,
    Jsonl,
    Csv,
    /// Citations to paste.
    Cite,
}

impl OutputFormat {
    fn format(self) -> Format {
        match self {
            OutputFormat::Text => Format::Text,
            OutputFormat::Json => Format::Json,
            OutputFormat::Jsonl => Format::JsonLines,
            OutputFormat::Csv => Format::Csv,
            OutputFormat::Cite => Format::Cite,
        }
    }
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum SortArg {
    Relevance,
    /// Oldest first.
    Date,
    /// Newest first.
    DateDesc,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum PeriodArg {
    Month,
    Year,
}

/// The filters every search-side command takes.
#[derive(Debug, Args)]
pub struct FilterArgs {
    /// Only passages carrying this speaker's words (repeat to OR).
    #[arg(long, value_name = "NAME")]
    pub speaker: Vec<String>,
    /// Only passages from this outlet (repeat to OR).
    #[arg(long, value_name = "NAME")]
    pub outlet: Vec<String>,
    /// Only passages by this author (repeat to OR).
    #[arg(long, value_name = "NAME")]
    pub author: Vec<String>,
    /// Only passages of this kind: paragraph, heading, bullet, news_item, caption, bio, byline, transcript_turn, blockquote.
    #[arg(long, value_name = "KIND")]
    pub kind: Vec<String>,
    /// From this date (YYYY, YYYY-MM or YYYY-MM-DD), inclusive.
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// Up to this date (YYYY, YYYY-MM or YYYY-MM-DD), inclusive.
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,
    /// Only passages that quote someone.
    #[arg(long)]
    pub quotes: bool,
}

impl FilterArgs {
    /// A request with these filters and `query`; the caller sets the rest.
    fn to_request(&self, query: &str) -> Result<SearchRequest, UsageError> {
        let since = self
            .since
            .as_deref()
            .map(|d| parse_bound(d, false))
            .transpose()?;
        let until = self
            .until
            .as_deref()
            .map(|d| parse_bound(d, true))
            .transpose()?;
        Ok(SearchRequest {
            query: query.to_owned(),
            speakers: self.speaker.clone(),
            outlets: self.outlet.clone(),
            authors: self.author.clone(),
            kinds: self.kind.clone(),
            since,
            until,
            quotes_only: self.quotes,
            ..SearchRequest::default()
        })
    }
}

fn sort_order(sort: SortArg) -> SortOrder {
    match sort {
        SortArg::Relevance => SortOrder::Relevance,
        SortArg::Date => SortOrder::Date,
        SortArg::DateDesc => SortOrder::DateDesc,
    }
}

fn unsupported(command: &str, format: OutputFormat) -> UsageError {
    let name = format!("{format:?}").to_lowercase();
    UsageError(format!("{command} has no --format {name}"))
}

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// Query: words, "phrases", AND/OR/NOT, field:value (speaker:, outlet:, author:, kind:, title:), prefix*, fuzzy~1.
    pub query: String,
    #[command(flatten)]
    pub filters: FilterArgs,
    /// Number of hits; 0 with --format csv|jsonl|cite exports every match (streamed), with text|json only counts and facets.
    #[arg(long, default_value_t = 10)]
    pub limit: usize,
    /// Hits to skip.
    #[arg(long, default_value_t = 0)]
    pub offset: usize,
    #[arg(long, value_enum, default_value = "relevance")]
    pub sort: SortArg,
    /// Facet counts over all matching passages: speaker, outlet, author, kind, year (repeatable).
    #[arg(long, value_name = "FIELD")]
    pub facet: Vec<String>,
    /// Facet values shown per field (0: all).
    #[arg(long, default_value_t = 20, value_name = "N")]
    pub facet_limit: usize,
    /// Count matching passages per month or year instead of listing them (bars; CSV `period,count` with --format csv).
    #[arg(long, value_enum, value_name = "PERIOD")]
    pub timeline: Option<PeriodArg>,
    #[arg(long, value_enum, default_value = "text")]
    pub format: OutputFormat,
}

impl SearchArgs {
    /// Checks the arguments and builds the library's request.
    pub fn to_request(&self) -> Result<SearchRequest, UsageError> {
        if self.timeline.is_some() && self.format == OutputFormat::Cite {
            return Err(UsageError("--timeline has no --format cite".to_owned()));
        }
        let request = SearchRequest {
            limit: if self.timeline.is_some() {
                0
            } else {
                self.limit
            },
            offset: self.offset,
            sort: sort_order(self.sort),
            facets: self.facet.clone(),
            facet_limit: self.facet_limit,
            timeline: self.timeline.map(|period| match period {
                PeriodArg::Month => Period::Month,
                PeriodArg::Year => Period::Year,
            }),
            ..self.filters.to_request(&self.query)?
        };
        request.validate()?;
        Ok(request)
    }

    pub fn output_format(&self) -> Format {
        self.format.format()
    }

    /// True when every match is to be streamed out rather than a page of them.
    pub fn exports_all(&self) -> bool {
        self.limit == 0
            && self.timeline.is_none()
            && matches!(
                self.format,
                OutputFormat::Csv | OutputFormat::Jsonl | OutputFormat::Cite
            )
    }
}

#[derive(Debug, Args)]
pub struct FacetsArgs {
    /// The field: speaker, outlet, author, kind or year.
    pub field: String,
    /// Query (default: every passage).
    #[arg(default_value = "*")]
    pub query: String,
    #[command(flatten)]
    pub filters: FilterArgs,
    /// Values shown (0: all).
    #[arg(long, default_value_t = 0)]
    pub limit: usize,
    /// text, json, jsonl or csv (`value,count`).
    #[arg(long, value_enum, default_value = "text")]
    pub format: OutputFormat,
}

impl FacetsArgs {
    pub fn to_request(&self) -> Result<SearchRequest, UsageError> {
        if self.format == OutputFormat::Cite {
            return Err(unsupported("facets", self.format));
        }
        let request = SearchRequest {
            limit: 0,
            facets: vec![self.field.clone()],
            facet_limit: self.limit,
            ..self.filters.to_request(&self.query)?
        };
        request.validate()?;
        Ok(request)
    }

    pub fn output_format(&self) -> Format {
        self.format.format()
    }
}

#[derive(Debug, Args)]
pub struct QuotesArgs {
    /// Query, matched against the quoted words (same language as `search`; `*` for all).
    pub query: String,
    #[command(flatten)]
    pub filters: FilterArgs,
    /// Quotations (groups) shown (0: all).
    #[arg(long, default_value_t = 20)]
    pub limit: usize,
    /// Quotations to skip.
    #[arg(long, default_value_t = 0)]
    pub offset: usize,
    /// Order of the quotations: relevance, date (first seen, oldest first) or date-desc.
    #[arg(long, value_enum, default_value = "relevance")]
    pub sort: SortArg,
    #[arg(long, value_enum, default_value = "text")]
    pub format: OutputFormat,
}

impl QuotesArgs {
    pub fn to_request(&self) -> Result<SearchRequest, UsageError> {
        let request = SearchRequest {
            limit: self.limit,
            offset: self.offset,
            sort: sort_order(self.sort),
            scope: QueryScope::Quotations,
            ..self.filters.to_request(&self.query)?
        };
        request.validate()?;
        Ok(request)
    }

    pub fn output_format(&self) -> Format {
        self.format.format()
    }
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The passage id (search output prints it).
    pub id: String,
    /// Neighbouring passages shown on each side.
    #[arg(long, default_value_t = 2, value_name = "N")]
    pub context: usize,
    /// text, json or cite.
    #[arg(long, value_enum, default_value = "text")]
    pub format: OutputFormat,
}

impl ShowArgs {
    pub fn output_format(&self) -> Result<Format, UsageError> {
        match self.format {
            OutputFormat::Csv | OutputFormat::Jsonl => Err(unsupported("show", self.format)),
            other => Ok(other.format()),
        }
    }
}

#[derive(Debug, Args)]
pub struct StatsArgs {
    /// Print one JSON object.
    #[arg(long)]
    pub json: bool,
}
