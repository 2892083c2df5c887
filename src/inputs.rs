//! Gathering what a check reads: the sources, held once in a [`Library`],
//! and for each draft a [`Plan`] of the sources it is checked against —
//! the ones every draft shares (`--source`, `sources` in `claimtrace.toml`)
//! and the ones it declares in its front matter or cites in footnotes
//! (confined by [`declared::confine`] before anything opens them).
//!
//! Every file is read once, however many drafts name it: sources are keyed
//! by their canonical path. A library outlives any one draft, so a front end
//! that checks the same draft many times (an editor's buffer after each
//! keystroke) reads its sources once.
//!
//! A run keeps going past a bad draft: a draft that cannot be read or
//! planned is left out with its error, and the others are checked. A file
//! met in a folder that is not text (binary, another encoding, too large,
//! not a regular file, a link out of the repository) is skipped with a
//! warning; the same file named by the user is an error.

use std::path::{Path, PathBuf};

use rustc_hash::{FxHashMap, FxHashSet};

use crate::check::Kind;
use crate::citations::{self, Citation, Cited, Target};
use crate::declared::{self, Declared};
use crate::document::walk::{self, Found, Walk};
use crate::document::{self, Document, Reading};
use crate::error::{Error, Result};
use crate::span::Span;
use crate::suppress::Suppressions;

/// Sources read once, for any number of drafts.
#[derive(Debug, Default)]
pub struct Library {
    documents: Vec<Document>,
    /// The canonical path of each document.
    keys: Vec<PathBuf>,
    /// Canonical path of each document read from a file → its index.
    by_path: FxHashMap<PathBuf, usize>,
    /// The sources every draft is checked against.
    shared: Vec<usize>,
    /// Canonical paths of the drafts of the run: never sources found in a
    /// folder, and never sources of themselves.
    drafts: FxHashSet<PathBuf>,
    reading: Reading,
    /// The repository root of the run (canonical): what may be read is
    /// confined to it ([`crate::access`]).
    root: PathBuf,
    /// Whether an archive index answers for what drafts do not name
    /// (`check --index`): a draft naming no source is then checked against
    /// what the archive holds, not refused.
    archive: bool,
}

/// What reading files met besides the files themselves.
#[derive(Debug, Default)]
pub struct Problems {
    /// Files met in folders and left unread, each with the reason.
    pub skipped: Vec<Error>,
    /// Named paths that could not be read.
    pub errors: Vec<Error>,
}

/// What one draft is checked against.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Plan {
    /// Indexes into the library's documents, sorted, without repeats.
    pub sources: Vec<usize>,
    /// The draft's footnote citations, resolved.
    pub citations: Vec<Citation>,
    /// What the draft should know about its sources (one that is the
    /// draft itself, or another draft of the run).
    pub warnings: Vec<PlanWarning>,
    /// The sources an archive index found for the draft that it does not
    /// name itself (indexes into the library, sorted; see
    /// [`crate::archive::attach`]).
    pub archive: Vec<usize>,
}

/// What planning a draft against the sources read so far found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Planned {
    /// Every source the draft names is read: its plan.
    Ready(Plan),
    /// The canonical paths of sources the draft names that are not read
    /// yet.
    Unread(Vec<PathBuf>),
}

/// A warning about a draft's sources, where the draft names them if it
/// does.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlanWarning {
    pub message: String,
    pub span: Option<Span>,
}

impl Library {
    /// An empty library that reads files as `reading` says, confined to
    /// the canonical repository root `root` of the run.
    pub fn new(reading: Reading, root: PathBuf) -> Library {
        Library {
            reading,
            root,
            ..Library::default()
        }
    }

    /// Lets an archive index answer for drafts that name no source (see
    /// [`Library::plan`]).
    pub fn answer_from_archive(&mut self) {
        self.archive = true;
    }

    /// The index of the source at canonical `key`, if it is read.
    pub fn position(&self, key: &Path) -> Option<usize> {
        self.by_path.get(key).copied()
    }

    /// Whether the file at canonical `key` is a draft of the run.
    pub fn is_draft(&self, key: &Path) -> bool {
        self.drafts.contains(key)
    }

    /// Adds `document`, read from an archive at canonical `key`, and
    /// returns its index (the one it already has if it is read).
    pub fn add_archived(&mut self, key: PathBuf, document: Document) -> usize {
        match self.by_path.get(&key) {
            Some(&at) => at,
            None => self.insert(key, document),
        }
    }

    /// Every source read so far, in the order read.
    pub fn documents(&self) -> &[Document] {
        &self.documents
    }

    /// Marks the files at `paths` as the drafts of the run: met in a folder
    /// of sources they are skipped, and a draft is never a source of
    /// itself. Call before [`Library::share`], with every draft found,
    /// those that could not be read among them (a bad draft is no source
    /// either).
    pub fn add_drafts<'p>(&mut self, paths: impl IntoIterator<Item = &'p Path>) {
        self.drafts.extend(
            paths
                .into_iter()
                .filter_map(|path| path.canonicalize().ok()),
        );
    }

    /// Reads `paths` (files, or folders walked for prose files) as sources
    /// of every draft, and says what it met: files skipped in folders, and
    /// every named path that could not be read.
    pub fn share(&mut self, paths: &[PathBuf]) -> Problems {
        let Walk {
            found,
            mut skipped,
            mut errors,
        } = walk::files(paths, &self.root);
        for file in found {
            let key = file.key();
            if let Some(&at) = self.by_path.get(&key) {
                self.shared.push(at);
                continue;
            }
            if !file.named && self.drafts.contains(&key) {
                skipped.push(Error::Refused {
                    path: file.path,
                    reason: "a draft of this run, so not a source (name it with --source to use it as one)"
                        .to_string(),
                });
                continue;
            }
            let Some(admitted) = &file.admitted else {
                errors.push(Error::Refused {
                    path: file.path,
                    reason: "standard input can be a draft, not a source".to_string(),
                });
                continue;
            };
            match Document::read_admitted(&file.path, admitted, self.reading) {
                Ok(document) => {
                    let at = self.insert(key, document);
                    self.shared.push(at);
                }
                // In a folder, any file that cannot be read as text is
                // skipped (invalid UTF-8 included), like any other: one bad
                // file must not stop every draft's check.
                Err(error)
                    if !file.named
                        && (error.is_unreadable_as_text()
                            || matches!(error, Error::InvalidUtf8 { .. })) =>
                {
                    skipped.push(error)
                }
                Err(error) => errors.push(error),
            }
        }
        Problems { skipped, errors }
    }

    /// The sources `draft` is checked against: the shared ones and those it
    /// declares or cites, which are read into the library if they are not
    /// in it yet. A draft left with no source at all is an error, as is a
    /// suppression directive naming an unknown rule.
    pub fn plan(&mut self, draft: &Document) -> Result<Plan> {
        loop {
            match self.plan_read(draft)? {
                Planned::Ready(plan) => return Ok(plan),
                // Each round reads at least one new file, and a draft names
                // finitely many: this ends.
                Planned::Unread(paths) => {
                    for path in paths {
                        self.load(path)?;
                    }
                }
            }
        }
    }

    /// Plans `draft` against the sources read so far, reading nothing: the
    /// plan when the library holds every source the draft declares or
    /// cites, else the canonical paths of those it does not hold yet (for
    /// [`Library::plan`], or a front end that keeps an index over this
    /// library, to read them first).
    pub fn plan_read(&self, draft: &Document) -> Result<Planned> {
        let mut unread = Vec::new();
        let mut known = |path: PathBuf| match self.by_path.get(&path) {
            Some(&at) => Some(at),
            None => {
                unread.push(path);
                None
            }
        };
        let mut admitted = Admitted {
            own: draft.path.canonicalize().ok(),
            ..Admitted::default()
        };
        for &at in &self.shared {
            admitted.admit(self, at, None);
        }
        // A directive naming an unknown rule would silently silence
        // nothing: refuse it.
        for (line, rule) in Suppressions::of(draft).named_rules() {
            if Kind::from_name(rule).is_none() {
                return Err(Error::Declared {
                    path: draft.path.clone(),
                    line,
                    message: format!("unknown rule `{rule}` in a claimtrace directive"),
                });
            }
        }
        let declared = declared::sources(draft)?;
        let references = citations::references(draft);
        let mut cited = Vec::with_capacity(references.len());
        if !declared.is_empty() || !references.is_empty() {
            let root = declared::repository_root(&draft.path)?;
            for source in &declared {
                if let Some(at) = known(declared::confine(&draft.path, &root, source)?) {
                    admitted.admit(self, at, written_span(draft, &source.written));
                }
            }
            for reference in references {
                let outcome = match reference.definition {
                    None => Cited::Undefined,
                    Some((_, Target::Url(url))) => Cited::Url(url),
                    Some((definition, Target::Empty)) => Cited::Empty { definition },
                    Some((definition, Target::Path(written))) => {
                        let line = draft.locate(definition).line;
                        let as_declared = Declared {
                            written: written.clone(),
                            line,
                        };
                        match declared::confine_if_present(&draft.path, &root, &as_declared)? {
                            Some(path) => match known(path) {
                                Some(at) => {
                                    admitted.admit(self, at, Some(definition));
                                    Cited::Source(at)
                                }
                                // Not read yet: this plan is not used.
                                None => Cited::Undefined,
                            },
                            None => Cited::Missing {
                                written,
                                definition,
                            },
                        }
                    }
                };
                cited.push(Citation {
                    label: reference.label,
                    span: reference.span,
                    cited: outcome,
                });
            }
        }
        if !unread.is_empty() {
            return Ok(Planned::Unread(unread));
        }
        let Admitted {
            mut set,
            mut warnings,
            ..
        } = admitted;
        if set.is_empty() && !self.archive {
            return Err(Error::Declared {
                path: draft.path.clone(),
                line: 1,
                message:
                    "no sources: declare them in front matter (`sources: [...]`) or give --source"
                        .to_string(),
            });
        }
        set.sort_unstable();
        set.dedup();
        warnings.dedup();
        Ok(Planned::Ready(Plan {
            sources: set,
            citations: cited,
            warnings,
            archive: Vec::new(),
        }))
    }

    /// The canonical path of every source read so far, in the order read
    /// (as [`Library::documents`]).
    pub fn canonical_paths(&self) -> &[PathBuf] {
        &self.keys
    }

    /// Whether the file at `path` is a source of the library.
    pub fn holds(&self, path: &Path) -> bool {
        let key = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
        self.by_path.contains_key(&key)
    }

    /// The index of the source at canonical `path` (admitted when its
    /// draft was planned), read now if it was not before, and shown as the
    /// user would write it: relative to the current folder.
    fn load(&mut self, path: PathBuf) -> Result<usize> {
        if let Some(&at) = self.by_path.get(&path) {
            return Ok(at);
        }
        let admitted = crate::access::named(&path, &self.root).map_err(|d| d.into_error(&path))?;
        let mut document = Document::read_admitted(&path, &admitted, self.reading)?;
        document.path = document::relative_to_current(&path);
        Ok(self.insert(path, document))
    }

    fn insert(&mut self, key: PathBuf, document: Document) -> usize {
        self.by_path.insert(key.clone(), self.documents.len());
        self.keys.push(key);
        self.documents.push(document);
        self.documents.len() - 1
    }
}

/// The sources a draft's plan admits, as they are met.
#[derive(Default)]
struct Admitted {
    /// The draft's canonical path (none for standard input).
    own: Option<PathBuf>,
    set: Vec<usize>,
    warnings: Vec<PlanWarning>,
}

impl Admitted {
    /// Admits source `at` of `library` (named at `span` of the draft, if
    /// there), unless it is the draft itself: a draft is never evidence for
    /// itself. Either that, or a source that is another draft of the run,
    /// is said in a warning.
    fn admit(&mut self, library: &Library, at: usize, span: Option<Span>) {
        let key = &library.keys[at];
        if Some(key) == self.own.as_ref() {
            self.warnings.push(PlanWarning {
                message: "the draft names itself as a source; a draft is never evidence for itself, so it is left out".to_string(),
                span,
            });
            return;
        }
        if library.drafts.contains(key) {
            let shown = library.documents[at].display_path();
            self.warnings.push(PlanWarning {
                message: format!("source {shown} is itself a draft of this run; it supports only what its own sources do"),
                span,
            });
        }
        self.set.push(at);
    }
}

/// Drafts, the library of their sources, and each draft's plan.
#[derive(Debug, Default)]
pub struct Inputs {
    /// The drafts that could be read and planned.
    pub drafts: Vec<Document>,
    pub library: Library,
    /// For each draft, what it is checked against.
    pub plans: Vec<Plan>,
    /// Files met in folders and left unread, each with the reason.
    pub skipped: Vec<Error>,
    /// Everything that went wrong: drafts left out, sources not read.
    pub errors: Vec<Error>,
}

/// Reads the drafts `drafts` found and their sources: `source_paths` for
/// every draft, plus each draft's declared and cited ones. A bad draft is
/// left out with its error; if a shared source cannot be read, no draft is
/// checked (every one would be judged against too little).
pub fn gather(drafts: Walk, source_paths: &[PathBuf], reading: Reading, root: PathBuf) -> Inputs {
    gather_into(Library::new(reading, root), drafts, source_paths)
}

/// As [`gather`], into `library` (an empty one, set up as the run needs:
/// [`Library::answer_from_archive`] for a check with an archive index).
pub fn gather_into(library: Library, drafts: Walk, source_paths: &[PathBuf]) -> Inputs {
    let reading = library.reading;
    let mut inputs = Inputs {
        library,
        skipped: drafts.skipped,
        errors: drafts.errors,
        ..Inputs::default()
    };
    // Every draft found is a draft of the run, read or not: a draft that
    // cannot be read is not read again as a source from a folder.
    let keys: Vec<PathBuf> = drafts.found.iter().map(Found::key).collect();
    inputs.library.add_drafts(keys.iter().map(PathBuf::as_path));
    let mut read = Vec::with_capacity(drafts.found.len());
    for file in drafts.found {
        let document = match &file.admitted {
            None => {
                let format = reading.format.unwrap_or(document::Format::Plain);
                Document::read_stdin(format, reading.max_bytes)
            }
            Some(admitted) => Document::read_admitted(&file.path, admitted, reading),
        };
        match document {
            Ok(document) => read.push(document),
            Err(error) if !file.named && error.is_unreadable_as_text() => {
                inputs.skipped.push(error)
            }
            Err(error) => inputs.errors.push(error),
        }
    }
    let sources = inputs.library.share(source_paths);
    inputs.skipped.extend(sources.skipped);
    if !sources.errors.is_empty() {
        inputs.errors.extend(sources.errors);
        return inputs;
    }
    for draft in read {
        match inputs.library.plan(&draft) {
            Ok(plan) => {
                inputs.drafts.push(draft);
                inputs.plans.push(plan);
            }
            Err(error) => inputs.errors.push(error),
        }
    }
    inputs
}

/// Where `written` (a declared source) is written in the draft's front
/// matter, if it can be found there.
fn written_span(draft: &Document, written: &str) -> Option<Span> {
    let front = draft.front_matter?;
    let at = draft.slice(front).find(written)?;
    Some(Span::new(
        front.start + at,
        front.start + at + written.len(),
    ))
}
