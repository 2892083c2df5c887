//! Gathering what a check reads: the drafts, and for each draft the
//! sources it is checked against — the ones given on the command line and
//! the ones it declares in its front matter (confined by
//! [`declared::confine`] before anything opens them).
//!
//! Every file is read once, however many drafts name it: sources are keyed
//! by their canonical path.

use std::path::{Path, PathBuf};

use rustc_hash::FxHashMap;

use crate::check::Kind;
use crate::citations::{self, Citation, Cited, Target};
use crate::declared::{self, Declared};
use crate::document::{self, Document, Format};
use crate::error::{Error, Result};
use crate::suppress::Suppressions;

/// Drafts, sources, and which sources each draft is checked against.
pub struct Inputs {
    pub drafts: Vec<Document>,
    pub sources: Vec<Document>,
    /// For each draft, indexes into `sources`.
    pub source_sets: Vec<Vec<usize>>,
    /// For each draft, its footnote citations, resolved.
    pub citations: Vec<Vec<Citation>>,
}

/// Reads the drafts at `draft_paths` and their sources: `source_paths`
/// for every draft, plus each draft's declared sources. Binary files met in
/// folders are skipped and passed to `skipped`. A draft left with no source
/// at all is an error.
pub fn gather(
    draft_paths: &[PathBuf],
    source_paths: &[PathBuf],
    format: Option<Format>,
    mut skipped: impl FnMut(&Error),
) -> Result<Inputs> {
    let mut read = |path: &Path| -> Result<Option<Document>> {
        match Document::read(path, format) {
            Ok(document) => Ok(Some(document)),
            Err(error @ Error::Binary { .. }) => {
                skipped(&error);
                Ok(None)
            }
            Err(error) => Err(error),
        }
    };
    let mut drafts = Vec::new();
    for path in document::expand_paths(draft_paths)? {
        drafts.extend(read(&path)?);
    }
    let mut sources: Vec<Document> = Vec::new();
    let mut by_path: FxHashMap<PathBuf, usize> = FxHashMap::default();
    let mut shared = Vec::new();
    for path in document::expand_paths(source_paths)? {
        let key = path.canonicalize().unwrap_or_else(|_| path.clone());
        if let Some(&at) = by_path.get(&key) {
            shared.push(at);
        } else if let Some(document) = read(&path)? {
            by_path.insert(key, sources.len());
            shared.push(sources.len());
            sources.push(document);
        }
    }
    let mut source_sets = Vec::with_capacity(drafts.len());
    let mut all_citations = Vec::with_capacity(drafts.len());
    for draft in &drafts {
        let mut set = shared.clone();
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
            let mut load = |path: PathBuf| -> Result<usize> {
                if let Some(&at) = by_path.get(&path) {
                    return Ok(at);
                }
                // Read what was checked; show it as the user would write
                // it, relative to the current folder.
                let mut document = Document::read(&path, format)?;
                document.path = document::relative_to_current(&path);
                by_path.insert(path, sources.len());
                sources.push(document);
                Ok(sources.len() - 1)
            };
            for source in &declared {
                set.push(load(declared::confine(&draft.path, &root, source)?)?);
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
                                let at = load(path)?;
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
        all_citations.push(cited);
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
        source_sets.push(set);
    }
    Ok(Inputs {
        drafts,
        sources,
        source_sets,
        citations: all_citations,
    })
}
