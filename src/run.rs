//! One check run, for every front end.
//!
//! The command line, a language server and an HTML report all do the same
//! thing: settle the settings (flags over `claimtrace.toml` over defaults),
//! gather the drafts and their sources, check, and render the [`Audit`].
//! This module is that orchestration, so each front end only translates its
//! own requests and results:
//!
//! 1. [`Settings::new`] merges a [`Request`] (what the user asked for) with
//!    the repository's `claimtrace.toml` and loads the rules;
//! 2. sources are read once into a [`Library`], drafts are planned against
//!    it ([`Library::plan`]), and an [`Index`] is built over it **once**;
//! 3. [`Index::check`] checks one draft — read from a file or held in memory,
//!    such as an editor's unsaved buffer — against the index, as often as
//!    needed;
//! 4. [`render`] writes the audit in the chosen [`ReportFormat`], and
//!    [`Settings::fails`] says whether it fails the run.
//!
//! [`gather`] and [`check`](fn@check) do steps 2 and 3 for the files a request names,
//! as the command line does.
//!
//! An [`Index`] borrows its library, which suits one run. A front end that
//! lives on (an editor's language server) keeps a [`Workspace`] instead: it
//! owns its settings, its library and the index over them, checks drafts
//! as often as they change, and when a draft names a source the library
//! has not read, reads it and builds the index again (the index reads every
//! source of its library when built, so this costs one reading of the
//! sources; drafts naming sources already read cost nothing more).
//!
//! ```
//! use std::path::Path;
//! use claimtrace::document::{Document, Format};
//! use claimtrace::inputs::Library;
//! use claimtrace::run::{Index, Request, Settings};
//!
//! # fn main() -> claimtrace::Result<()> {
//! let request = Request {
//!     sources: vec!["seeds".into()],
//!     ..Request::default()
//! };
//! let settings = Settings::new(request, Path::new("."))?;
//!
//! // Index the sources once…
//! let mut library = settings.library();
//! let problems = library.share(&settings.sources);
//! assert!(problems.errors.is_empty() && problems.skipped.is_empty());
//!
//! // …plan each draft against the library (this reads any source the draft
//! // declares, so it comes before the index is built)…
//! let text = "“Trust is the foundation,” the minister said.".to_string();
//! let draft = Document::from_text("draft.md".into(), text, Format::Markdown);
//! let plan = library.plan(&draft)?;
//! let index = Index::new(&library, &settings);
//!
//! // …and check its text, from disk or from memory, as often as it changes.
//! let audit = index.check(&draft, &plan);
//! assert_eq!(audit.findings[0].rule.name(), "fabricated-quote");
//! # Ok(())
//! # }
//! ```

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::archive::attach;
use crate::bounds;
use crate::check::lexicon::Stems;
use crate::check::{Audit, DocumentAudit, InputWarning, Options, Problem, Severity, SourceSets};
use crate::config::{self, Config, FailOn};
use crate::document::walk::{self, Walk};
use crate::document::{self, Document, Format, Reading};
use crate::error::{Error, Result};
use crate::inputs::{self, Inputs, Library, Plan, Planned, Problems};
use crate::report;
use crate::report::text::one_line;
use crate::rules::RuleSet;

/// What a user asks of a check run; every field may be left to the
/// configuration file or the defaults.
#[derive(Clone, Debug, Default)]
pub struct Request {
    /// Drafts to check: files or folders. None: `drafts` in
    /// `claimtrace.toml`.
    pub drafts: Vec<PathBuf>,
    /// Sources of every draft. None: `sources` in `claimtrace.toml`.
    pub sources: Vec<PathBuf>,
    /// Read every document as Markdown, whatever its extension.
    pub markdown: bool,
    /// A rules folder; else `rules` in `claimtrace.toml`; else built in.
    pub rules: Option<PathBuf>,
    /// Compare quotations strictly (see [`check::Options`]).
    pub strict_quotes: bool,
    /// When the run fails; else `fail-on` in `claimtrace.toml`; else at
    /// the first error.
    pub fail_on: Option<FailOn>,
    /// The largest file read, in bytes; else `max-file-size` in
    /// `claimtrace.toml`; else [`document::DEFAULT_MAX_FILE_SIZE`].
    pub max_file_size: Option<u64>,
    /// An archive index (see [`crate::archive`]) that answers for what
    /// the drafts do not name; else `index` in `claimtrace.toml`; else
    /// none.
    pub index: Option<PathBuf>,
}

/// A request settled against the repository's configuration, with its
/// rules loaded: everything a run needs but the files themselves.
#[derive(Debug)]
pub struct Settings {
    /// The configuration file's settings, and the repository root.
    pub config: Config,
    pub rules: RuleSet,
    pub options: Options,
    pub fail_on: FailOn,
    /// The drafts named; when none are, the drafts glob of the
    /// configuration says which to check.
    pub drafts: Vec<PathBuf>,
    /// The sources of every draft.
    pub sources: Vec<PathBuf>,
    /// How every document is read.
    pub reading: Reading,
    /// The archive index drafts are checked against too, if any.
    pub index: Option<ArchiveIndex>,
}

/// An archive index a run uses, and who named it.
#[derive(Clone, Debug)]
pub struct ArchiveIndex {
    pub folder: PathBuf,
    /// Named in `claimtrace.toml`, which comes with the repository from
    /// whoever can open a pull request: then the archive it indexes must
    /// lie inside the repository too, as every path of that file must.
    pub from_config: bool,
}

impl Settings {
    /// Settles `request` against the configuration found from `start` (the
    /// nearest `claimtrace.toml` or `.git` at or above it): flags win over
    /// the file, which wins over the defaults.
    pub fn new(request: Request, start: &Path) -> Result<Settings> {
        let config = config::load(start)?;
        let rules_dir = request.rules.or_else(|| config.rules.clone());
        let rules = RuleSet::load(rules_dir.as_deref())?;
        let sources = match (request.sources, &config.sources) {
            (sources, Some(folder)) if sources.is_empty() => {
                vec![document::relative_to_current(folder)]
            }
            (sources, _) => sources,
        };
        let options = Options {
            strict_quotes: request.strict_quotes,
            severity: config.severity.clone(),
            on_checked: None,
            on_progress: None,
        };
        let fail_on = request
            .fail_on
            .or(config.fail_on)
            .unwrap_or(FailOn::Severity(Severity::Error));
        let reading = Reading {
            format: request.markdown.then_some(Format::Markdown),
            max_bytes: request
                .max_file_size
                .or(config.max_file_size)
                .unwrap_or(document::DEFAULT_MAX_FILE_SIZE),
        };
        let index = match (request.index, &config.index) {
            (Some(folder), _) => Some(ArchiveIndex {
                folder,
                from_config: false,
            }),
            (None, Some(folder)) => Some(ArchiveIndex {
                folder: document::relative_to_current(folder),
                from_config: true,
            }),
            (None, None) => None,
        };
        Ok(Settings {
            config,
            rules,
            options,
            fail_on,
            drafts: request.drafts,
            sources,
            reading,
            index,
        })
    }

    /// An empty library that reads files as these settings say.
    pub fn library(&self) -> Library {
        Library::new(self.reading, self.config.root.clone())
    }

    /// Whether `audit` has a finding at or above the failing severity.
    pub fn fails(&self, audit: &Audit) -> bool {
        let FailOn::Severity(least) = self.fail_on else {
            return false;
        };
        audit
            .documents
            .iter()
            .flat_map(|d| &d.findings)
            .any(|f| f.severity >= least)
    }
}

/// Reads the drafts and sources `settings` name (see [`inputs::gather`]):
/// the drafts named, or else those the configuration's drafts glob
/// matches. Nothing to check at all is an error.
pub fn gather(settings: &Settings) -> Result<Inputs> {
    let drafts = match (&settings.drafts[..], &settings.config.drafts) {
        ([], Some(pattern)) => config::drafts_matching(&settings.config, pattern)?,
        ([], None) => Walk::default(),
        (named, _) => walk::files(named, &settings.config.root),
    };
    if drafts.found.is_empty() && drafts.errors.is_empty() && settings.drafts.is_empty() {
        return Err(Error::Usage {
            message: format!(
                "no drafts to check: name them, or set `drafts` in {}",
                config::FILE_NAME
            ),
        });
    }
    let mut library = settings.library();
    let Some(index) = &settings.index else {
        return Ok(inputs::gather_into(library, drafts, &settings.sources));
    };
    // The index is opened (or refused) before anything is read.
    let archive = settings.open_index(index)?;
    library.answer_from_archive();
    let mut inputs = inputs::gather_into(library, drafts, &settings.sources);
    crate::archive::attach(&archive, &mut inputs, &settings.rules, settings.reading)?;
    Ok(inputs)
}

impl Settings {
    /// Opens the archive index `index` for this run, or refuses it (see
    /// [`crate::archive::open`]).
    pub fn open_index(&self, index: &ArchiveIndex) -> Result<crate::archive::Archive> {
        let archive = crate::archive::open(&index.folder, &self.rules)?;
        if index.from_config && !archive.manifest.archive.starts_with(&self.config.root) {
            return Err(Error::Archive {
                path: index.folder.clone(),
                message: format!(
                    "the index named in {} indexes a folder outside the repository; name it with --index to use it",
                    config::FILE_NAME
                ),
            });
        }
        Ok(archive)
    }
}

/// Checks every draft of `inputs` against its plan, in parallel; the audit
/// lists the drafts in the order given. `on_checked` is called once a draft
/// is checked (from any thread), for progress.
pub fn check(
    settings: &Settings,
    inputs: &Inputs,
    on_checked: Option<Arc<dyn Fn() + Send + Sync>>,
) -> Audit {
    let index = Index::new(&inputs.library, settings);
    // Index each distinct set of sources in parallel before the drafts.
    let mut sets: Vec<&[usize]> = inputs.plans.iter().map(|p| &p.sources[..]).collect();
    sets.sort_unstable();
    sets.dedup();
    sets.par_iter().for_each(|set| index.prepare(set));
    let documents = inputs
        .drafts
        .par_iter()
        .zip(inputs.plans.par_iter())
        .map(|(draft, plan)| {
            let audit = index.check(draft, plan);
            if let Some(tick) = &on_checked {
                tick();
            }
            audit
        })
        .collect();
    let mut audit = Audit::of(documents);
    let problem = |error: &Error| Problem {
        path: error.path().map(|p| report::text::path(p).into_owned()),
        message: one_line(&error.to_string()).into_owned(),
    };
    audit.skipped = inputs.skipped.iter().map(problem).collect();
    audit.errors = inputs.errors.iter().map(problem).collect();
    audit.summary.skipped = audit.skipped.len();
    audit
}

/// The sources of a library, read with the rule engine, and the index of
/// each set of them that a draft is checked against (built on first use and
/// kept; see [`SourceSets`]). Build it once the library holds every source
/// the drafts' plans name.
pub struct Index<'l> {
    settings: &'l Settings,
    library: &'l Library,
    pool: SourceSets<'l>,
}

impl<'l> Index<'l> {
    /// Reads every source of `library` (in parallel).
    pub fn new(library: &'l Library, settings: &'l Settings) -> Index<'l> {
        Index {
            settings,
            library,
            pool: SourceSets::new(library.documents(), &settings.rules, &settings.options),
        }
    }

    /// Checks `draft` against the sources `plan` names.
    pub fn check(&self, draft: &Document, plan: &Plan) -> DocumentAudit {
        let settings = self.settings;
        let mut audit = self.pool.check(
            draft,
            &plan.sources,
            &plan.citations,
            &settings.rules,
            &settings.options,
        );
        if !plan.archive.is_empty() {
            let archive_only: Vec<String> = plan
                .archive
                .iter()
                .filter_map(|&at| self.library.documents().get(at))
                .map(Document::display_path)
                .collect();
            crate::archive::uncited::note(&mut audit, draft, &archive_only, &settings.options);
        }
        let about_sources = plan.warnings.iter().map(|warning| InputWarning {
            message: warning.message.clone(),
            span: warning.span.map(|span| draft.locate(span)),
            range: warning.span,
        });
        audit.warnings.splice(0..0, about_sources);
        // Of each kind, the first warnings are listed and the rest counted.
        bounds::cap_warnings(
            &mut audit.warnings,
            |warning| &warning.message,
            |first, rest| InputWarning {
                message: bounds::left_out_message(&first.message, rest),
                span: first.span,
                range: first.range,
            },
        );
        // Messages quote inputs: each is kept on one line, its control
        // characters escaped, in every format (the JSON audit included).
        for finding in &mut audit.findings {
            finding.message = one_line(&finding.message).into_owned();
        }
        for warning in &mut audit.warnings {
            warning.message = one_line(&warning.message).into_owned();
        }
        audit
    }

    /// Builds the index of the sources `set` now, if no draft needed it
    /// before.
    pub fn prepare(&self, set: &[usize]) {
        self.pool.prepare(set);
    }
}

/// How an audit is rendered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReportFormat {
    /// rustc-style diagnostics; `styled` turns colour on.
    Human { styled: bool },
    /// The JSON audit.
    Json,
    /// One self-contained HTML page.
    Html,
    /// SARIF 2.1.0.
    Sarif,
    /// GitHub Actions workflow commands.
    Github,
}

/// Writes `audit` of `drafts` (the documents it is of, in its order).
pub fn render(
    out: &mut impl Write,
    audit: &Audit,
    drafts: &[Document],
    format: ReportFormat,
) -> io::Result<()> {
    match format {
        ReportFormat::Human { styled } => report::check::write_human(out, audit, drafts, styled),
        ReportFormat::Json => report::check::write_json(out, audit),
        ReportFormat::Html => report::html::write(out, audit),
        ReportFormat::Sarif => report::sarif::write(out, audit, drafts),
        ReportFormat::Github => report::github::write(out, audit),
    }
}

/// What a workspace owns: the settings and the library its index borrows.
struct Shelf {
    settings: Settings,
    library: Library,
}

self_cell::self_cell!(
    /// A shelf and the index over it.
    struct Indexed {
        owner: Shelf,
        #[not_covariant]
        dependent: Index,
    }
);

/// Settings, the sources they name, and the index over them, owned and
/// kept for as long as a front end lives: drafts are checked against it
/// again and again (an editor's buffer after each change), and the
/// sources are read and indexed once, not per check.
///
/// With an archive index ([`Workspace::open`] with settings naming one),
/// each check also has the draft's claims retrieve their archive files, as
/// `check --index` does ([`crate::archive::attach`]): a file no check
/// needed before is read into the library (and the index over it built
/// again) on the first check that retrieves it, and kept.
pub struct Workspace {
    /// Always present between calls; taken out only while the library
    /// grows.
    indexed: Option<Indexed>,
    /// Which files are drafts, from `drafts` in `claimtrace.toml`.
    drafts: Option<globset::GlobMatcher>,
    /// The archive index drafts are checked against too, open on one
    /// commit, and the stemmer retrieval keys claims with.
    /// (Boxed: a workspace without one stays small.)
    archive: Option<Box<(crate::archive::Archive, Stems)>>,
}

impl Workspace {
    /// Reads the sources `settings` name for every draft and indexes them;
    /// says what it met besides (files skipped, sources that could not be
    /// read: the workspace then holds the others). An archive index the
    /// settings name is not used: see [`Workspace::open`].
    pub fn new(settings: Settings) -> (Workspace, Problems) {
        Workspace::with_archive(settings, None)
    }

    /// As [`Workspace::new`], and opens the archive index the settings
    /// name, if any (as [`Settings::open_index`], before anything is
    /// read): drafts are then checked against what it holds too, and a
    /// draft that names no source is checked against the archive alone.
    /// An index that cannot be used (missing, damaged, built by another
    /// version or with other rules) is an error.
    pub fn open(settings: Settings) -> Result<(Workspace, Problems)> {
        let archive = match &settings.index {
            Some(index) => {
                let archive = settings.open_index(index)?;
                Some(Box::new((archive, Stems::new(settings.rules.check()))))
            }
            None => None,
        };
        Ok(Workspace::with_archive(settings, archive))
    }

    fn with_archive(
        settings: Settings,
        archive: Option<Box<(crate::archive::Archive, Stems)>>,
    ) -> (Workspace, Problems) {
        let mut library = settings.library();
        if archive.is_some() {
            library.answer_from_archive();
        }
        let problems = library.share(&settings.sources);
        let drafts = settings.config.drafts.as_deref().and_then(|pattern| {
            globset::Glob::new(pattern)
                .ok()
                .map(|glob| glob.compile_matcher())
        });
        let workspace = Workspace {
            indexed: Some(Workspace::index(Shelf { settings, library })),
            drafts,
            archive,
        };
        (workspace, problems)
    }

    fn index(shelf: Shelf) -> Indexed {
        Indexed::new(shelf, |shelf| Index::new(&shelf.library, &shelf.settings))
    }

    fn indexed(&self) -> &Indexed {
        self.indexed
            .as_ref()
            .expect("a workspace is indexed between calls")
    }

    /// The settings the workspace was made with.
    pub fn settings(&self) -> &Settings {
        &self.indexed().borrow_owner().settings
    }

    /// The settings, the workspace given up (to build another with them).
    pub fn into_settings(mut self) -> Settings {
        match self.indexed.take() {
            Some(indexed) => indexed.into_owner().settings,
            None => unreachable!("a workspace is indexed between calls"),
        }
    }

    /// The sources read so far: the shared ones, and those drafts checked
    /// so far declare or cite.
    pub fn library(&self) -> &Library {
        &self.indexed().borrow_owner().library
    }

    /// The archive index drafts are checked against, if any.
    pub fn archive(&self) -> Option<&crate::archive::Archive> {
        self.archive.as_deref().map(|(archive, _)| archive)
    }

    /// Whether the file at `path` is one to check as a draft: not a source
    /// of the workspace nor a file of its archive, and matching `drafts` in
    /// `claimtrace.toml` when that is set.
    pub fn is_draft(&self, path: &Path) -> bool {
        if self.library().holds(path) {
            return false;
        }
        let real = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
        if self
            .archive()
            .is_some_and(|archive| real.starts_with(&archive.manifest.archive))
        {
            return false;
        }
        let Some(drafts) = &self.drafts else {
            return true;
        };
        let root = &self.settings().config.root;
        real.strip_prefix(root)
            .is_ok_and(|inside| drafts.is_match(inside))
    }

    /// Checks `draft` (read from a file or held in memory) against its
    /// sources: the shared ones and those it declares or cites, which are
    /// read and indexed first if no draft named them before, and with an
    /// archive index the archive files its claims retrieve (read and
    /// indexed the same way). An error is about the draft (bad front
    /// matter, a refused or missing declared source, no source at all), or
    /// the archive index when it cannot be read.
    pub fn check(&mut self, draft: &Document) -> Result<DocumentAudit> {
        let planned = self.library().plan_read(draft)?;
        let mut plan = match planned {
            Planned::Ready(plan) => plan,
            Planned::Unread(_) => {
                let Some(indexed) = self.indexed.take() else {
                    unreachable!("a workspace is indexed between calls")
                };
                let mut shelf = indexed.into_owner();
                let plan = shelf.library.plan(draft);
                self.indexed = Some(Workspace::index(shelf));
                plan?
            }
        };
        if let Some((archive, stems)) = self.archive.as_deref() {
            let Some(indexed) = &self.indexed else {
                unreachable!("a workspace is indexed between calls")
            };
            let Shelf { settings, library } = indexed.borrow_owner();
            let paths = attach::choose(archive, library, draft, &plan, &settings.rules, stems)?;
            let mut files = attach::files(archive, library, draft, &paths, settings.reading)?;
            if files.reads() {
                let Some(indexed) = self.indexed.take() else {
                    unreachable!("a workspace is indexed between calls")
                };
                let mut shelf = indexed.into_owner();
                files.read_into(&mut shelf.library);
                self.indexed = Some(Workspace::index(shelf));
            }
            files.join(&mut plan);
        }
        Ok(self
            .indexed()
            .with_dependent(|_, index| index.check(draft, &plan)))
    }
}
