//! The `polidex` binary: parse the command line, call the library, map the outcome to an
//! exit status (0 ok, 1 error, 2 usage error, 3 some files failed).

use anyhow::Result;
use clap::Parser;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use is_terminal::IsTerminal;
use polidex::cli::{
    Cli, Command, FacetsArgs, IngestArgs, QuotesArgs, SearchArgs, ShowArgs, SplitArgs, StatsArgs,
};
use polidex::index::writer::{self, IngestConfig, IngestSummary, Progress};
use polidex::ingest::metadata::MetadataTable;
use polidex::search::{output, Searchable, UsageError};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;

/// tantivy's indexing and the taggers allocate many small, short-lived objects across
/// threads; mimalloc serves them with noticeably less CPU than the system allocator
/// (BENCHMARKS.md has the numbers). The `system-alloc` feature leaves it out, so that
/// heaptrack and valgrind, which watch `malloc`, see every allocation.
#[cfg(not(feature = "system-alloc"))]
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

const DEFAULT_INDEX: &str = "index";
const DEFAULT_CORPUS: &str = "corpus";

/// A bar on stderr (files, MB/s, ETA); warnings print above it.
struct Bar {
    bar: ProgressBar,
    files_done: AtomicU64,
    files_total: AtomicU64,
}

impl Progress for Bar {
    fn start(&self, files: u64, bytes: u64) {
        self.files_total.store(files, Ordering::Relaxed);
        self.bar.set_length(bytes);
        self.bar.set_message(format!("0/{files} files"));
    }
    fn advance(&self, bytes: u64) {
        let done = self.files_done.fetch_add(1, Ordering::Relaxed) + 1;
        let total = self.files_total.load(Ordering::Relaxed);
        self.bar.set_message(format!("{done}/{total} files"));
        self.bar.inc(bytes);
    }
    fn warn(&self, message: &str) {
        self.bar.suspend(|| eprintln!("polidex: {message}"));
    }
    fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

/// Warnings only, for when stderr is not a terminal.
struct Quiet;
impl Progress for Quiet {
    fn warn(&self, message: &str) {
        eprintln!("polidex: {message}");
    }
}

fn progress_for(show: bool) -> Box<dyn Progress> {
    let terminal = std::io::stderr().is_terminal();
    if show || terminal {
        let bar = ProgressBar::new(0);
        if !terminal {
            // indicatif hides bars on a pipe; `--progress` asks for one anyway.
            bar.set_draw_target(ProgressDrawTarget::term_like_with_hz(
                Box::new(console::Term::stderr()),
                20,
            ));
        }
        bar.set_style(
            ProgressStyle::with_template(
                "{spinner} {msg} [{bar:30}] {bytes}/{total_bytes} {bytes_per_sec} ETA {eta}",
            )
            .expect("valid template")
            .progress_chars("=> "),
        );
        Box::new(Bar {
            bar,
            files_done: AtomicU64::new(0),
            files_total: AtomicU64::new(0),
        })
    } else {
        Box::new(Quiet)
    }
}

fn index_dir(cli: &Cli) -> PathBuf {
    cli.index
        .clone()
        .unwrap_or_else(|| PathBuf::from(DEFAULT_INDEX))
}

fn check_paths_exist(paths: &[PathBuf]) -> Result<()> {
    for path in paths {
        if std::fs::symlink_metadata(path).is_err() {
            return Err(
                UsageError(format!("{}: no such file or directory", path.display())).into(),
            );
        }
    }
    Ok(())
}

fn ingest(cli: &Cli, args: &IngestArgs) -> Result<ExitCode> {
    let roots = if args.paths.is_empty() {
        vec![PathBuf::from(DEFAULT_CORPUS)]
    } else {
        args.paths.clone()
    };
    check_paths_exist(&roots)?;
    let metadata = args
        .metadata
        .as_deref()
        .map(MetadataTable::read)
        .transpose()?
        .map(Arc::new);
    let config = args.to_config(index_dir(cli), roots, stop_on_ctrl_c(), metadata.clone());
    let summary = run_ingest(cli, &config)?;
    report_ingest(&summary, args.json)?;
    for unmatched in metadata.iter().flat_map(|m| m.unmatched()) {
        eprintln!("polidex: warning: {unmatched}");
    }
    Ok(if summary.interrupted {
        eprintln!("polidex: interrupted; what was read is committed, run ingest again to finish");
        ExitCode::from(1)
    } else if summary.failed.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(3)
    })
}

/// A flag that the first Ctrl-C (or SIGTERM) sets, so that an ingest stops after its
/// current commit; a second one exits at once, which the index survives like any crash.
fn stop_on_ctrl_c() -> Arc<AtomicBool> {
    let stop = Arc::new(AtomicBool::new(false));
    let flag = Arc::clone(&stop);
    let installed = ctrlc::set_handler(move || {
        if flag.swap(true, Ordering::SeqCst) {
            std::process::exit(130);
        }
    });
    if let Err(err) = installed {
        eprintln!("polidex: cannot catch Ctrl-C ({err}); it will stop the ingest at once");
    }
    stop
}

fn report_ingest(summary: &IngestSummary, json: bool) -> Result<()> {
    eprintln!("polidex: {}", output::ingest_summary_line(summary));
    if json {
        output::write_ingest_json(&mut std::io::stdout().lock(), summary)?;
    }
    Ok(())
}

/// Builds `index/` from `corpus/` the first time a reader needs it, when both are defaults.
fn ensure_index(cli: &Cli) -> Result<()> {
    let dir = index_dir(cli);
    if polidex::index::exists(&dir) || cli.index.is_some() || !Path::new(DEFAULT_CORPUS).is_dir() {
        return Ok(());
    }
    eprintln!(
        "polidex: no index yet; building {}/ from {}/ (first use)",
        DEFAULT_INDEX, DEFAULT_CORPUS
    );
    let config = IngestConfig::new(dir, vec![PathBuf::from(DEFAULT_CORPUS)]);
    let summary = run_ingest(cli, &config)?;
    report_ingest(&summary, false)
}

/// An ingest run, then the name cache for the index it left (`search::names::write_cache`).
fn run_ingest(cli: &Cli, config: &IngestConfig) -> Result<IngestSummary> {
    let summary = writer::run(config, progress_for(cli.progress).as_ref())?;
    if !config.dry_run && polidex::index::exists(&config.index_dir) {
        // Only an accelerator for one-shot searches: without it they build the maps.
        if let Err(err) = polidex::search::names::write_cache(&config.index_dir) {
            eprintln!("polidex: warning: {err:#}");
        }
    }
    Ok(summary)
}

fn split(args: &SplitArgs) -> Result<ExitCode> {
    check_paths_exist(&args.paths)?;
    let options = polidex::tag::TagOptions {
        quotes: !args.no_quotes,
    };
    let metadata = args
        .metadata
        .as_deref()
        .map(MetadataTable::read)
        .transpose()?;
    let (files, mut errors) = polidex::ingest::walk(&args.paths);
    for err in &errors {
        eprintln!("polidex: {err}");
    }
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for file in &files {
        let read = polidex::ingest::read_file(file);
        for err in &read.errors {
            eprintln!("polidex: {err}");
        }
        errors.extend(read.errors);
        let row = metadata.as_ref().and_then(|m| m.lookup(&file.id));
        for doc in read.documents {
            let path = doc.path.clone();
            let passages = match polidex::process_guarded(doc, row, &options) {
                Ok(passages) => passages,
                Err(reason) => {
                    let err = polidex::ingest::FileError::new(&path, reason);
                    eprintln!("polidex: {err}");
                    errors.push(err);
                    continue;
                }
            };
            for passage in passages {
                serde_json::to_writer(&mut out, &passage)?;
                out.write_all(b"\n")?;
            }
        }
    }
    out.flush()?;
    for unmatched in metadata.iter().flat_map(MetadataTable::unmatched) {
        eprintln!("polidex: warning: {unmatched}");
    }
    Ok(if errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(3)
    })
}

/// Colour and bar width for stdout: colour and the terminal's width on a terminal (unless
/// NO_COLOR), plain 80 columns otherwise.
fn text_style() -> output::TextStyle {
    let terminal = std::io::stdout().is_terminal();
    let width = terminal
        .then(terminal_size::terminal_size)
        .flatten()
        .map_or(80, |(width, _)| width.0 as usize);
    output::TextStyle {
        colour: terminal && std::env::var_os("NO_COLOR").is_none(),
        width,
    }
}

/// Leaves the index's memory maps to the process exit: unmapping each file one by one cost
/// about a tenth of a one-shot search's time.
fn release_at_exit(searchable: Searchable) {
    std::mem::forget(searchable);
}

fn open_searchable(cli: &Cli) -> Result<Searchable> {
    ensure_index(cli)?;
    let dir = index_dir(cli);
    Searchable::open_with(&dir, cli.aliases.as_deref())
}

fn print_notes(notes: &[String]) {
    for note in notes {
        eprintln!("polidex: {note}");
    }
}

fn search(cli: &Cli, args: &SearchArgs) -> Result<ExitCode> {
    let request = args.to_request()?;
    let searchable = open_searchable(cli)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if args.exports_all() {
        let mut stream = output::HitStream::new(&mut out, args.output_format())?;
        let (_, notes) = searchable.for_each_hit(&request, &mut |hit| Ok(stream.write(hit)?))?;
        stream.finish()?;
        print_notes(&notes);
    } else {
        let results = searchable.search(&request)?;
        print_notes(&results.notes);
        output::write_results(&mut out, &results, args.output_format(), text_style())?;
    }
    out.flush()?;
    release_at_exit(searchable);
    Ok(ExitCode::SUCCESS)
}

fn facets(cli: &Cli, args: &FacetsArgs) -> Result<ExitCode> {
    let request = args.to_request()?;
    let searchable = open_searchable(cli)?;
    let results = searchable.search(&request)?;
    print_notes(&results.notes);
    let values = results
        .facets
        .get(&args.field)
        .map_or(&[][..], Vec::as_slice);
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    output::write_facet_values(
        &mut out,
        &args.field,
        results.total,
        values,
        args.output_format(),
    )?;
    out.flush()?;
    release_at_exit(searchable);
    Ok(ExitCode::SUCCESS)
}

fn quotes(cli: &Cli, args: &QuotesArgs) -> Result<ExitCode> {
    let request = args.to_request()?;
    let searchable = open_searchable(cli)?;
    let results = searchable.quotes(&request)?;
    print_notes(&results.notes);
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    output::write_quotes(&mut out, &results, args.output_format())?;
    out.flush()?;
    release_at_exit(searchable);
    Ok(ExitCode::SUCCESS)
}

fn show(cli: &Cli, args: &ShowArgs) -> Result<ExitCode> {
    let format = args.output_format()?;
    let searchable = open_searchable(cli)?;
    let shown = searchable.show(&args.id, args.context)?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    output::write_shown(&mut out, &shown, format, text_style())?;
    out.flush()?;
    release_at_exit(searchable);
    Ok(ExitCode::SUCCESS)
}

fn stats(cli: &Cli, args: &StatsArgs) -> Result<ExitCode> {
    ensure_index(cli)?;
    let dir = index_dir(cli);
    let searchable = Searchable::open_with(&dir, cli.aliases.as_deref())?;
    let stats = searchable.stats(&dir)?;
    output::write_stats(&mut std::io::stdout().lock(), &stats, args.json)?;
    Ok(ExitCode::SUCCESS)
}

fn run(cli: &Cli) -> Result<ExitCode> {
    match &cli.command {
        Command::Ingest(args) => ingest(cli, args),
        Command::Split(args) => split(args),
        Command::Search(args) => search(cli, args),
        Command::Stats(args) => stats(cli, args),
        Command::Facets(args) => facets(cli, args),
        Command::Quotes(args) => quotes(cli, args),
        Command::Show(args) => show(cli, args),
    }
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            || cause
                .downcast_ref::<serde_json::Error>()
                .is_some_and(|json| json.io_error_kind() == Some(std::io::ErrorKind::BrokenPipe))
    })
}

fn main() -> ExitCode {
    // One line per panic: a tagger bug on one document is reported with its file and the
    // batch goes on (see `polidex::process_guarded`).
    std::panic::set_hook(Box::new(|info| {
        let location = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        eprintln!("polidex: internal error{location}");
    }));
    let cli = Cli::parse();
    match run(&cli) {
        Ok(code) => code,
        Err(err) if is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            let first_line = format!("{err:#}")
                .lines()
                .next()
                .unwrap_or_default()
                .to_owned();
            eprintln!("polidex: {first_line}");
            if err.downcast_ref::<UsageError>().is_some() {
                ExitCode::from(2)
            } else {
                ExitCode::from(1)
            }
        }
    }
}
