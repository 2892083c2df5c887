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

use std::path::PathBuf;

use rustc_hash::FxHashMap;

use crate::check::Kind;
use crate::citations::{self, Citation, Cited, Target};
use crate::declared::{self, Declared};
use crate::document::{self, Document, Format};
use crate::error::{Error, Result};
use crate::suppress::Suppressions;

/// Sources read once, for any number of drafts.
#[derive(Debug, Default)]
pub struct Library {
    documents: Vec<Document>,
    /// Canonical path of each document read from a file → its index.
    by_path: FxHashMap<PathBuf, usize>,
    /// The sources every draft is checked against.
    shared: Vec<usize>,
    format: Option<Format>,
}

/// What one draft is checked against.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Plan {
    /// Indexes into the library's documents, sorted, without repeats.
    pub sources: Vec<usize>,
    /// The draft's footnote citations, resolved.
    pub citations: Vec<Citation>,
}

impl Library {
    /// An empty library; files are read as `format`, or as their extension
    /// implies when `None`.
    pub fn new(format: Option<Format>) -> Library {
        Library {
            format,
            ..Library::default()
        }
    }

    /// Every source read so far, in the order read.
    pub fn documents(&self) -> &[Document] {
        &self.documents
    }

    /// Reads `paths` (files, or folders walked for prose files) as sources
    /// of every draft. Binary files met in folders are skipped and passed
    /// to `skipped`.
    pub fn share(&mut self, paths: &[PathBuf], mut skipped: impl FnMut(&Error)) -> Result<()> {
        for path in document::expand_paths(paths)? {
            let key = path.canonicalize().unwrap_or_else(|_| path.clone());
            if let Some(&at) = self.by_path.get(&key) {
                self.shared.push(at);
                continue;
            }
            match Document::read(&path, self.format) {
                Ok(document) => {
                    let at = self.insert(key, document);
                    self.shared.push(at);
                }
                Err(error @ Error::Binary { .. }) => skipped(&error),
                Err(error) => return Err(error),
            }
        }
        Ok(())
    }

    /// The sources `draft` is checked against: the shared ones and those it
    /// declares or cites, which are read into the library if they are not
    /// in it yet. A draft left with no source at all is an error, as is a
    /// suppression directive naming an unknown rule.
    pub fn plan(&mut self, draft: &Document) -> Result<Plan> {
        let mut set = self.shared.clone();
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
                set.push(self.load(declared::confine(&draft.path, &root, source)?)?);
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
                            Some(path) => {
                                let at = self.load(path)?;
                                set.push(at);
                                Cited::Source(at)
                            }
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
        if set.is_empty() {
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
        Ok(Plan {
            sources: set,
            citations: cited,
        })
    }

    /// The index of the source at canonical `path`, read now if it was not
    /// before, and shown as the user would write it: relative to the current
    /// folder.
    fn load(&mut self, path: PathBuf) -> Result<usize> {
        if let Some(&at) = self.by_path.get(&path) {
            return Ok(at);
        }
        let mut document = Document::read(&path, self.format)?;
        document.path = document::relative_to_current(&path);
        Ok(self.insert(path, document))
    }

    fn insert(&mut self, key: PathBuf, document: Document) -> usize {
        self.by_path.insert(key, self.documents.len());
        self.documents.push(document);
        self.documents.len() - 1
    }
}

/// Drafts, the library of their sources, and each draft's plan.
#[derive(Debug)]
pub struct Inputs {
    pub drafts: Vec<Document>,
    pub library: Library,
    /// For each draft, what it is checked against.
    pub plans: Vec<Plan>,
}

/// Reads the drafts at `draft_paths` and their sources: `source_paths`
/// for every draft, plus each draft's declared sources. Binary files met in
/// folders are skipped and passed to `skipped`.
pub fn gather(
    draft_paths: &[PathBuf],
    source_paths: &[PathBuf],
    format: Option<Format>,
    mut skipped: impl FnMut(&Error),
) -> Result<Inputs> {
    let mut drafts = Vec::new();
    for path in document::expand_paths(draft_paths)? {
        match Document::read(&path, format) {
            Ok(document) => drafts.push(document),
            Err(error @ Error::Binary { .. }) => skipped(&error),
            Err(error) => return Err(error),
        }
    }
    let mut library = Library::new(format);
    library.share(source_paths, &mut skipped)?;
    let plans = drafts
        .iter()
        .map(|draft| library.plan(draft))
        .collect::<Result<_>>()?;
    Ok(Inputs {
        drafts,
        library,
        plans,
    })
}
