//! The `claimtrace` command: parses arguments, calls the library, picks the
//! exit code. Nothing else lives here.
//!
//! Exit codes: 0 success, 1 findings at or above the failing severity (from
//! `check`), 2 usage or input error. Errors are one line on stderr.

use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use clap::{Args, Parser, Subcommand, ValueEnum};

use claimtrace::check::{Kind, Severity};
use claimtrace::config;
use claimtrace::document::{self, Document, Format, Reading};
use claimtrace::report::text::one_line;
use claimtrace::report::{self, OutputFormat};
use claimtrace::rules::RuleSet;
use claimtrace::run::{self, ReportFormat};
use claimtrace::segment;

#[derive(Parser)]
#[command(
    name = "claimtrace",
    version,
    about = "Trace every claim in a draft back to its source.",
    long_about = "Trace every claim in a draft back to its source.\n\n\
        claimtrace reads source articles and the documents derived from them \
        (drafts, rewrites, summaries) and checks that every quote, speaker and \
        figure in a derived document is supported by its sources."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Split a document into sentences, with exact byte offsets.
    Sentences(SentencesArgs),
    /// Tag every claim of a document with its speaker, quotes and figures.
    Claims(ClaimsArgs),
    /// Check drafts against their sources: quotes, speakers and figures.
    Check(CheckArgs),
    /// Explain a finding kind, or list them all.
    Explain(ExplainArgs),
    /// Serve the Language Server Protocol on standard input and output, for
    /// editors: findings as you type, fixes, and the source behind a claim.
    Lsp,
}

#[derive(Args)]
struct CheckArgs {
    /// The drafts to check: files, or directories of .txt/.md/.markdown
    /// [default: `drafts` in claimtrace.toml].
    #[arg(value_name = "DRAFT")]
    drafts: Vec<PathBuf>,

    /// A source every draft derives from: a file, or a directory read
    /// recursively. Repeat for several. Drafts may also declare their own
    /// in front matter (`sources: [...]`).
    #[arg(long = "source", value_name = "PATH")]
    sources: Vec<PathBuf>,

    /// How to print the result: for people, for fact-checkers (the JSON
    /// audit, or an HTML page of it), for code scanning (SARIF 2.1.0) or as
    /// GitHub annotations.
    #[arg(long, value_enum, default_value_t = CheckFormat::Human)]
    format: CheckFormat,

    /// Write the result to FILE instead of standard output (whole or not at
    /// all: a failed run leaves no half-written file).
    #[arg(long, value_name = "FILE")]
    output: Option<PathBuf>,

    /// The least severity that makes the exit status 1 [default: error, or
    /// `fail-on` in claimtrace.toml].
    #[arg(long, value_enum)]
    fail_on: Option<FailOn>,

    /// Count British/American spelling and hyphenation changes inside
    /// quotation marks as misquotes.
    #[arg(long)]
    strict_quotes: bool,

    /// Report only findings on lines changed since BASE (a branch, tag or
    /// commit; by default the merge base with the default branch),
    /// uncommitted changes included. Needs git. Write the base with `=`:
    /// `--diff=origin/main`.
    #[arg(
        long,
        value_name = "BASE",
        num_args = 0..=1,
        require_equals = true,
        default_missing_value = ""
    )]
    diff: Option<String>,

    #[command(flatten)]
    input: InputArgs,
}

#[derive(Clone, Copy, ValueEnum)]
enum CheckFormat {
    /// rustc-style diagnostics.
    Human,
    /// The audit, documented in the README.
    Json,
    /// The audit as one self-contained HTML page, claim by claim.
    Html,
    /// SARIF 2.1.0, for GitHub code scanning.
    Sarif,
    /// GitHub Actions workflow commands (annotations).
    Github,
}

#[derive(Clone, Copy, ValueEnum)]
enum FailOn {
    Error,
    Warning,
    Never,
}

#[derive(Args)]
struct ExplainArgs {
    /// The finding kind (`misquote`, `figure-mismatch`, …); none lists all.
    name: Option<String>,
}

#[derive(Args)]
struct ClaimsArgs {
    /// The document to read; `-` or nothing reads standard input.
    file: Option<PathBuf>,

    /// How to print the claims.
    #[arg(long, value_enum, default_value_t = FormatArg::Human)]
    format: FormatArg,

    /// Name, for each speaker, the pass that decided it (`decided_by` in
    /// JSON).
    #[arg(long)]
    explain: bool,

    #[command(flatten)]
    input: InputArgs,
}

#[derive(Args)]
struct SentencesArgs {
    /// The document to read; `-` or nothing reads standard input.
    file: Option<PathBuf>,

    /// How to print the sentences.
    #[arg(long, value_enum, default_value_t = FormatArg::Human)]
    format: FormatArg,

    #[command(flatten)]
    input: InputArgs,
}

/// Options every command that reads documents shares.
#[derive(Args)]
struct InputArgs {
    /// Read documents as Markdown whatever their extension (standard input
    /// is plain text otherwise).
    #[arg(long)]
    markdown: bool,

    /// Take rule files from DIR instead of the built-in ones (files DIR does
    /// not hold stay built-in).
    #[arg(long, value_name = "DIR")]
    rules: Option<PathBuf>,

    /// Refuse files larger than SIZE: bytes, or with a K, M or G suffix
    /// [default: 128M, or `max-file-size` in claimtrace.toml].
    #[arg(long, value_name = "SIZE", value_parser = parse_size)]
    max_file_size: Option<u64>,
}

fn parse_size(text: &str) -> Result<u64, String> {
    document::parse_size(text)
        .ok_or_else(|| format!("`{text}` is not a size: write bytes, or a number with K, M or G"))
}

#[derive(Clone, Copy, ValueEnum)]
enum FormatArg {
    /// Readable text.
    Human,
    /// Stable JSON, documented in the README.
    Json,
}

impl From<FormatArg> for OutputFormat {
    fn from(format: FormatArg) -> OutputFormat {
        match format {
            FormatArg::Human => OutputFormat::Human,
            FormatArg::Json => OutputFormat::Json,
        }
    }
}

/// Why a command stopped early.
enum Failure {
    /// Bad input or usage: exit 2.
    Input(claimtrace::Error),
    /// Writing the output failed.
    Output(io::Error),
}

impl From<claimtrace::Error> for Failure {
    fn from(error: claimtrace::Error) -> Failure {
        Failure::Input(error)
    }
}

impl From<io::Error> for Failure {
    fn from(error: io::Error) -> Failure {
        Failure::Output(error)
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    // Passes switched off for a measurement are checked before any work.
    if let Err(error) = claimtrace::claims::passes::Switches::from_env() {
        eprintln!("error: {}", one_line(&error.to_string()));
        return ExitCode::from(2);
    }
    let result = match cli.command {
        Command::Sentences(args) => sentences(args),
        Command::Claims(args) => claims(args),
        Command::Check(args) => check(args),
        Command::Explain(args) => explain(args),
        Command::Lsp => match claimtrace::lsp::serve_stdio() {
            // 0 after `shutdown` and `exit`, 1 on `exit` without `shutdown`.
            Ok(stop) => Ok(ExitCode::from(stop.code())),
            Err(error) => {
                eprintln!("error: language server: {}", one_line(&error));
                return ExitCode::from(2);
            }
        },
    };
    match result {
        Ok(code) => code,
        // A reader that stopped reading (`| head`) is not an error.
        Err(Failure::Output(error)) if error.kind() == io::ErrorKind::BrokenPipe => {
            ExitCode::SUCCESS
        }
        Err(Failure::Output(error)) => {
            eprintln!("error: writing output: {error}");
            ExitCode::from(2)
        }
        Err(Failure::Input(error)) => {
            eprintln!("error: {}", one_line(&error.to_string()));
            ExitCode::from(2)
        }
    }
}

fn sentences(args: SentencesArgs) -> Result<ExitCode, Failure> {
    let rules = RuleSet::load(args.input.rules.as_deref())?;
    let document = read_document(args.file.as_deref(), &args.input)?;
    let sentences = segment::sentences(&document, &rules.segment);
    let mut out = BufWriter::new(io::stdout().lock());
    match args.format.into() {
        OutputFormat::Json => report::sentences::write_json(&mut out, &document, &sentences)?,
        OutputFormat::Human => report::sentences::write_human(&mut out, &document, &sentences)?,
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn claims(args: ClaimsArgs) -> Result<ExitCode, Failure> {
    let rules = RuleSet::load(args.input.rules.as_deref())?;
    let document = read_document(args.file.as_deref(), &args.input)?;
    let sentences = segment::sentences(&document, &rules.segment);
    let claims = claimtrace::claims::extract(&document, &sentences, &rules);
    let mut out = BufWriter::new(io::stdout().lock());
    match args.format.into() {
        OutputFormat::Json => {
            report::claims::write_json_with(&mut out, &document, &claims, args.explain)?
        }
        OutputFormat::Human => report::claims::write_human_with(
            &mut out,
            &document,
            &claims,
            terminal_width(),
            args.explain,
        )?,
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn check(args: CheckArgs) -> Result<ExitCode, Failure> {
    let request = run::Request {
        drafts: args.drafts,
        sources: args.sources,
        markdown: args.input.markdown,
        rules: args.input.rules,
        strict_quotes: args.strict_quotes,
        fail_on: args.fail_on.map(|fail_on| match fail_on {
            FailOn::Error => config::FailOn::Severity(Severity::Error),
            FailOn::Warning => config::FailOn::Severity(Severity::Warning),
            FailOn::Never => config::FailOn::Never,
        }),
        max_file_size: args.input.max_file_size,
    };
    let settings = run::Settings::new(request, Path::new("."))?;
    // A report file is refused before any work if it is not one to write
    // (a device, a link, a folder), and an interruption removes its
    // temporary file.
    let pending = match &args.output {
        Some(path) => {
            remove_pending_on_interrupt();
            Some(report::output::Pending::create(path)?)
        }
        None => None,
    };
    // What changed is asked first: without git, nothing is checked.
    let changed = match args.diff.as_deref() {
        None => None,
        Some("") => Some(claimtrace::diff::changed_since(None)?),
        Some(base) => Some(claimtrace::diff::changed_since(Some(base))?),
    };
    let inputs = run::gather(&settings)?;
    // What was skipped in folders is said, and counted in the output.
    for skipped in &inputs.skipped {
        eprintln!("warning: {}, skipped", one_line(&skipped.to_string()));
    }
    // A progress bar when there are many drafts and a person watching.
    let progress =
        (inputs.drafts.len() >= PROGRESS_FROM && io::stderr().is_terminal()).then(|| {
            let bar = indicatif::ProgressBar::new(inputs.drafts.len() as u64);
            bar.set_style(
                indicatif::ProgressStyle::with_template(
                    "checking {pos}/{len} drafts {wide_bar} {eta}",
                )
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
            );
            bar
        });
    let tick = progress.clone().map(|bar| {
        let tick: Arc<dyn Fn() + Send + Sync> = Arc::new(move || bar.inc(1));
        tick
    });
    let mut audit = run::check(&settings, &inputs, tick);
    if let Some(changed) = &changed {
        claimtrace::diff::keep_changed(&mut audit, changed);
    }
    if let Some(bar) = progress {
        bar.finish_and_clear();
    }
    let format = match args.format {
        CheckFormat::Json => ReportFormat::Json,
        CheckFormat::Html => ReportFormat::Html,
        CheckFormat::Sarif => ReportFormat::Sarif,
        CheckFormat::Github => ReportFormat::Github,
        CheckFormat::Human => ReportFormat::Human {
            styled: args.output.is_none()
                && io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none(),
        },
    };
    let render = |mut out: &mut dyn Write| run::render(&mut out, &audit, &inputs.drafts, format);
    // When errors left no draft to report on, nothing is written: an
    // earlier report named with --output stays as it was.
    let nothing_checked = inputs.drafts.is_empty() && !inputs.errors.is_empty();
    match pending {
        _ if nothing_checked => {}
        Some(pending) => pending.commit(render)?,
        None => {
            let mut out = BufWriter::new(io::stdout().lock());
            // A reader that stops reading (`| head`) ends the output, not
            // the verdict: the exit status below still says what was found.
            match render(&mut out).and_then(|()| out.flush()) {
                Err(error) if error.kind() == io::ErrorKind::BrokenPipe => {}
                result => result?,
            }
        }
    }
    // Every draft that could be checked was: now every error met.
    for error in &inputs.errors {
        eprintln!("error: {}", one_line(&error.to_string()));
    }
    if !inputs.errors.is_empty() {
        return Ok(ExitCode::from(2));
    }
    Ok(if settings.fails(&audit) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Removes a report's temporary file when the run is interrupted (SIGINT,
/// SIGTERM, SIGHUP), then exits as the shell does for a signal.
fn remove_pending_on_interrupt() {
    // Installed once; a second call (never made) would only fail to
    // install again.
    let _ = ctrlc::set_handler(|| {
        report::output::remove_pending();
        std::process::exit(130);
    });
}

/// How many drafts make a check long enough to show progress.
const PROGRESS_FROM: usize = 20;

fn explain(args: ExplainArgs) -> Result<ExitCode, Failure> {
    let mut out = BufWriter::new(io::stdout().lock());
    match args.name {
        None => {
            for kind in Kind::ALL {
                writeln!(
                    out,
                    "{:<24} {:<8} {}",
                    kind.name(),
                    kind.default_severity().as_str(),
                    first_sentence(kind.doc().what)
                )?;
            }
        }
        Some(name) => {
            let Some(kind) = Kind::from_name(&name) else {
                let known: Vec<_> = Kind::ALL.iter().map(|k| k.name()).collect();
                eprintln!(
                    "error: unknown finding kind `{}` (known: {})",
                    one_line(&name),
                    known.join(", ")
                );
                return Ok(ExitCode::from(2));
            };
            let doc = kind.doc();
            writeln!(
                out,
                "{} ({} by default)\n",
                kind.name(),
                kind.default_severity().as_str()
            )?;
            writeln!(out, "What it does\n{}\n", doc.what)?;
            writeln!(out, "Why is this bad?\n{}\n", doc.why)?;
            writeln!(out, "Example\n{}", doc.example)?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// The first sentence of a doc text, for the list of kinds.
fn first_sentence(text: &str) -> &str {
    text.find(". ").map_or(text, |end| &text[..=end])
}

/// The width of the terminal on stdout, or 120 columns when stdout is not a
/// terminal (piped output keeps enough of each sentence to be useful).
fn terminal_width() -> usize {
    terminal_size::terminal_size_of(io::stdout())
        .map_or(120, |(terminal_size::Width(w), _)| usize::from(w))
}

/// Reads `file`, or standard input for `None` and `-`.
fn read_document(file: Option<&Path>, input: &InputArgs) -> claimtrace::Result<Document> {
    let reading = Reading {
        format: input.markdown.then_some(Format::Markdown),
        max_bytes: input
            .max_file_size
            .unwrap_or(document::DEFAULT_MAX_FILE_SIZE),
    };
    match file {
        Some(path) if path != Path::new("-") => Document::read_with(path, reading),
        _ => Document::read_stdin(reading.format.unwrap_or(Format::Plain), reading.max_bytes),
    }
}
