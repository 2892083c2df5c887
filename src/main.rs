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
    /// When to colour the output: `auto` on a terminal unless NO_COLOR is
    /// set (CLICOLOR_FORCE forces it), `always`, or `never`.
    #[arg(long, value_enum, global = true, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,

    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ColorChoice {
    Auto,
    Always,
    Never,
}

impl ColorChoice {
    /// Whether to colour output going to standard output (`to_terminal`
    /// false when it goes to a file), as ripgrep decides: `NO_COLOR` turns
    /// `auto` off, a non-empty `CLICOLOR_FORCE` other than `0` turns it on.
    fn colours(self, to_terminal: bool) -> bool {
        let set = |name| std::env::var_os(name).is_some_and(|v| !v.is_empty());
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto if set("NO_COLOR") => false,
            ColorChoice::Auto if set("CLICOLOR_FORCE") => {
                std::env::var_os("CLICOLOR_FORCE").is_some_and(|v| v != "0")
            }
            ColorChoice::Auto => to_terminal,
        }
    }
}

#[derive(Subcommand)]
enum Command {
    /// Split a document into sentences, with exact byte offsets.
    Sentences(SentencesArgs),
    /// Tag every claim of a document with its speaker, quotes and figures.
    Claims(ClaimsArgs),
    /// Check drafts against their sources: quotes, speakers and figures.
    Check(CheckArgs),
    /// Build an archive index (`index INDEX --archive FOLDER`), or bring
    /// one up to date (`index update INDEX`), for `check --index` and
    /// `trace`.
    Index(IndexArgs),
    /// List the archive passages that support or contradict a sentence (or
    /// each sentence of a file), best first, with the verdict of each.
    Trace(TraceArgs),
    /// Explain a finding kind, or list them all.
    Explain(ExplainArgs),
    /// Serve the Language Server Protocol on standard input and output, for
    /// editors: findings as you type, fixes, and the source behind a claim.
    Lsp,
    /// Start a repository: a commented claimtrace.toml, sources/ and
    /// drafts/, made only where missing.
    Init(InitArgs),
    /// Print the completion script for a shell.
    Completions(CompletionsArgs),
    /// Print the manual page (roff), for `man -l -` or a man folder.
    Man,
    /// Print the JSON Schema of the JSON output (the audit of `check`, and
    /// `claims` and `sentences`).
    Schema,
}

#[derive(Args)]
#[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
struct IndexArgs {
    #[command(subcommand)]
    action: Option<IndexAction>,

    /// The folder to build the index in: made if missing; an index already
    /// there is replaced (readers of it keep reading the old one); a folder
    /// holding anything else is refused.
    #[arg(value_name = "INDEX", required = true)]
    folder: Option<PathBuf>,

    /// The archive to index: a folder of .txt/.md/.markdown sources, read
    /// recursively as `--source` reads one.
    #[arg(long, value_name = "FOLDER", required = true)]
    archive: Option<PathBuf>,

    #[command(flatten)]
    input: InputArgs,
}

#[derive(Subcommand)]
enum IndexAction {
    /// Bring an index up to date with its archive: files added, changed
    /// and removed, in one commit that checks running meanwhile never see
    /// half of. A file whose size, modification and change times are as
    /// the index recorded is taken as unchanged without reading it.
    Update(IndexUpdateArgs),
}

#[derive(Args)]
struct IndexUpdateArgs {
    /// The index folder.
    #[arg(value_name = "INDEX")]
    folder: PathBuf,

    /// Read and digest every file of the archive, whatever its size and
    /// times say (for a file system whose times cannot be trusted).
    #[arg(long)]
    verify: bool,

    #[command(flatten)]
    input: InputArgs,
}

#[derive(Args)]
struct TraceArgs {
    /// The sentence to trace, or a file whose every sentence is traced
    /// (`-` reads standard input).
    #[arg(value_name = "SENTENCE|FILE")]
    claim: String,

    /// The archive index [default: `index` in claimtrace.toml].
    #[arg(long, value_name = "INDEX")]
    index: Option<PathBuf>,

    /// How to print the passages.
    #[arg(long, value_enum, default_value_t = FormatArg::Human)]
    format: FormatArg,

    /// Count British/American spelling and hyphenation changes inside
    /// quotation marks as misquotes.
    #[arg(long)]
    strict_quotes: bool,

    #[command(flatten)]
    input: InputArgs,
}

#[derive(Args)]
struct InitArgs {
    /// The folder to start [default: the current folder].
    #[arg(value_name = "FOLDER", default_value = ".")]
    folder: PathBuf,
}

#[derive(Args)]
struct CompletionsArgs {
    /// The shell.
    #[arg(value_enum)]
    shell: clap_complete::Shell,
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

    /// An archive index (built with `claimtrace index`): each claim
    /// retrieves the archive files that hold it, which are checked as
    /// sources beside the ones named [default: `index` in claimtrace.toml].
    #[arg(long, value_name = "INDEX")]
    index: Option<PathBuf>,

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
    let color = cli.color;
    // Passes switched off for a measurement are checked before any work.
    if let Err(error) = claimtrace::claims::passes::Switches::from_env() {
        eprintln!("error: {}", one_line(&error.to_string()));
        return ExitCode::from(2);
    }
    let result = match cli.command {
        Command::Sentences(args) => sentences(args),
        Command::Claims(args) => claims(args),
        Command::Check(args) => check(args, color),
        Command::Index(args) => index(args),
        Command::Trace(args) => trace(args),
        Command::Explain(args) => explain(args),
        Command::Init(args) => init(args),
        Command::Completions(args) => completions(args),
        Command::Man => man(),
        Command::Schema => schema(),
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
    let sentences = segment::sentences(&document, &rules);
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
    let sentences = segment::sentences(&document, &rules);
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

fn check(args: CheckArgs, color: ColorChoice) -> Result<ExitCode, Failure> {
    if let Some(hint) = diff_base_hint(&args) {
        eprintln!("error: {hint}");
        return Ok(ExitCode::from(2));
    }
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
        index: args.index,
    };
    let mut settings = run::Settings::new(request, Path::new("."))?;
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
    // A progress bar, in bytes of drafts checked, when there are many
    // drafts or a long one, and a person watching: one large file must not
    // look stalled.
    let draft_bytes: usize = inputs.drafts.iter().map(|d| d.text.len()).sum();
    let progress = ((inputs.drafts.len() >= PROGRESS_FROM || draft_bytes >= PROGRESS_FROM_BYTES)
        && io::stderr().is_terminal())
    .then(|| {
        let bar = indicatif::ProgressBar::new(draft_bytes as u64);
        bar.set_style(
            indicatif::ProgressStyle::with_template(
                "{spinner} checking {bytes}/{total_bytes} of {msg} {wide_bar} {eta}",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        bar.set_message(drafts_done(0, inputs.drafts.len()));
        // The spinner turns while sources are read and a long draft's
        // claims are found, before any byte is checked.
        bar.enable_steady_tick(std::time::Duration::from_millis(200));
        bar
    });
    let tick = progress.clone().map(|bar| {
        let checked = std::sync::atomic::AtomicUsize::new(0);
        let total = inputs.drafts.len();
        let tick: Arc<dyn Fn() + Send + Sync> = Arc::new(move || {
            let done = checked.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
            bar.set_message(drafts_done(done, total));
        });
        tick
    });
    settings.options.on_progress = progress.clone().map(|bar| {
        let on_progress: Arc<dyn Fn(usize) + Send + Sync> =
            Arc::new(move |bytes| bar.inc(bytes as u64));
        on_progress
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
            styled: color.colours(args.output.is_none() && io::stdout().is_terminal()),
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

/// The mistake `--diff BASE` (with a space) makes: BASE is read as a
/// draft. When `--diff` has no base and a named draft that does not exist
/// is a git revision, says how to write it.
fn diff_base_hint(args: &CheckArgs) -> Option<String> {
    if args.diff.as_deref() != Some("") {
        return None;
    }
    let missing = args
        .drafts
        .iter()
        .find(|draft| *draft != Path::new("-") && std::fs::symlink_metadata(draft).is_err())?;
    let name = missing.to_str()?;
    let is_revision = std::process::Command::new("git")
        .args(["rev-parse", "--verify", "--quiet", "--end-of-options"])
        .arg(format!("{name}^{{commit}}"))
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|status| status.success());
    is_revision.then(|| {
        format!(
            "`{}` is not a file but a git revision: write the base of --diff with `=`, as --diff={}",
            one_line(name),
            one_line(name)
        )
    })
}

/// The settings `input` asks for (rules, reading), with `claimtrace.toml`:
/// what `index` and `trace` read files with, as `check` does.
fn input_settings(input: &InputArgs, index: Option<PathBuf>) -> claimtrace::Result<run::Settings> {
    let request = run::Request {
        markdown: input.markdown,
        rules: input.rules.clone(),
        max_file_size: input.max_file_size,
        index,
        ..run::Request::default()
    };
    run::Settings::new(request, Path::new("."))
}

fn index(args: IndexArgs) -> Result<ExitCode, Failure> {
    let mut out = BufWriter::new(io::stdout().lock());
    match (args.action, args.folder, args.archive) {
        (Some(IndexAction::Update(update)), _, _) => {
            let settings = input_settings(&update.input, None)?;
            let updated = claimtrace::archive::update(
                &update.folder,
                &settings.rules,
                settings.reading,
                &settings.config.root,
                update.verify,
            )?;
            for skipped in &updated.skipped {
                eprintln!("warning: {}, skipped", one_line(&skipped.to_string()));
            }
            writeln!(
                out,
                "updated {}: {} added, {} changed, {} removed, {} unchanged ({} {} read){}",
                one_line(&update.folder.display().to_string()),
                updated.added,
                updated.changed,
                updated.removed,
                updated.unchanged,
                updated.read,
                if updated.read == 1 { "file" } else { "files" },
                skipped_note(updated.skipped.len()),
            )?;
        }
        (None, Some(folder), Some(archive)) => {
            let settings = input_settings(&args.input, None)?;
            let built = claimtrace::archive::build(
                &folder,
                &archive,
                &settings.rules,
                settings.reading,
                &settings.config.root,
            )?;
            for skipped in &built.skipped {
                eprintln!("warning: {}, skipped", one_line(&skipped.to_string()));
            }
            writeln!(
                out,
                "indexed {} files ({} passages) of {} into {}{}",
                built.files,
                built.passages,
                one_line(&archive.display().to_string()),
                one_line(&folder.display().to_string()),
                skipped_note(built.skipped.len()),
            )?;
        }
        // clap requires INDEX and --archive without a subcommand.
        (None, _, _) => {
            return Err(Failure::Input(claimtrace::Error::Usage {
                message:
                    "name the index folder and the archive: claimtrace index INDEX --archive FOLDER"
                        .to_string(),
            }));
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// `; N files skipped`, when some were.
fn skipped_note(skipped: usize) -> String {
    match skipped {
        0 => String::new(),
        1 => "; 1 file skipped".to_string(),
        n => format!("; {n} files skipped"),
    }
}

fn trace(args: TraceArgs) -> Result<ExitCode, Failure> {
    let mut settings = input_settings(&args.input, args.index)?;
    settings.options.strict_quotes = args.strict_quotes;
    let Some(index) = settings.index.clone() else {
        return Err(Failure::Input(claimtrace::Error::Usage {
            message: format!(
                "trace needs an archive index: give --index, or set `index` in {}",
                config::FILE_NAME
            ),
        }));
    };
    let archive = settings.open_index(&index)?;
    let path = Path::new(&args.claim);
    let text = if args.claim == "-" {
        read_document(None, &args.input)?
    } else if path.is_file() {
        read_document(Some(path), &args.input)?
    } else {
        Document::from_text(PathBuf::from("<claim>"), args.claim.clone(), Format::Plain)
    };
    let traced = claimtrace::archive::trace(
        &archive,
        &text,
        &settings.rules,
        &settings.options,
        settings.reading,
    )?;
    let mut out = BufWriter::new(io::stdout().lock());
    match args.format.into() {
        OutputFormat::Json => report::trace::write_json(&mut out, &traced)?,
        OutputFormat::Human => report::trace::write_human(&mut out, &traced)?,
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn init(args: InitArgs) -> Result<ExitCode, Failure> {
    let steps = claimtrace::init::scaffold(&args.folder)?;
    let mut out = BufWriter::new(io::stdout().lock());
    let mut created = 0;
    for step in &steps {
        match step {
            claimtrace::init::Step::Created(path) => {
                created += 1;
                writeln!(out, "created {}", one_line(&path.display().to_string()))?;
            }
            claimtrace::init::Step::Kept(path) => {
                writeln!(
                    out,
                    "kept {} (already there)",
                    one_line(&path.display().to_string())
                )?;
            }
        }
    }
    if created == 0 {
        writeln!(out, "nothing to do: the repository is already set up")?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn completions(args: CompletionsArgs) -> Result<ExitCode, Failure> {
    let mut command = <Cli as clap::CommandFactory>::command();
    let mut out = BufWriter::new(io::stdout().lock());
    clap_complete::generate(args.shell, &mut command, "claimtrace", &mut out);
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn schema() -> Result<ExitCode, Failure> {
    let mut out = io::stdout().lock();
    out.write_all(claimtrace::report::AUDIT_SCHEMA.as_bytes())?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn man() -> Result<ExitCode, Failure> {
    let command = <Cli as clap::CommandFactory>::command();
    let mut out = BufWriter::new(io::stdout().lock());
    clap_mangen::Man::new(command).render(&mut out)?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// How many drafts make a check long enough to show progress.
const PROGRESS_FROM: usize = 20;

/// How many bytes of drafts make a check long enough to show progress: a
/// second or more of checking.
const PROGRESS_FROM_BYTES: usize = 1_000_000;

/// The progress bar's count of drafts: "3/40 drafts".
fn drafts_done(done: usize, total: usize) -> String {
    format!("{done}/{total} drafts")
}

fn explain(args: ExplainArgs) -> Result<ExitCode, Failure> {
    let mut out = BufWriter::new(io::stdout().lock());
    match args.name {
        None => {
            for kind in Kind::ALL {
                writeln!(out, "{}", kind.listing())?;
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
            write!(out, "{}", kind.explanation())?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
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
