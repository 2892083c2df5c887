//! Giving each draft of a run the archive files its claims retrieve, as
//! sources of its plan beside the ones it names.
//!
//! A retrieved file is read from the archive as a named source is read
//! (confined to the archive folder, refused when it is not text) and
//! joins the library once, however many drafts need it; it is then
//! checked exactly as a source named with `--source` would be. The draft
//! itself and the other drafts of the run are never sources, as in a
//! source folder. A file whose text no longer has the digest the index
//! holds is still read as it is now (what a check says must be true of
//! the file as it stands) with a warning that the index is out of date,
//! and a file the index holds that is gone is left out with one.
//!
//! [`attach`] does this for every draft of a run. A front end that checks
//! one draft at a time against a library it keeps (the language server's
//! [`crate::run::Workspace`]) takes the steps itself: [`choose`] the files
//! (reading only the index), find them ([`files`]: the library's, or read
//! now), add those read to the library ([`Files::read_into`], after which
//! it rebuilds what it keeps over the library), and [`Files::join`] them to
//! the draft's plan.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::open::Archive;
use super::select;
use crate::check::lexicon::Stems;
use crate::document::{Document, Reading};
use crate::error::Result;
use crate::inputs::{Inputs, Library, Plan, PlanWarning};
use crate::rules::RuleSet;

/// Adds to each draft's plan in `inputs` the archive files its claims
/// retrieve (see [`select`]); those the draft does not name are listed in
/// the plan's `archive` too.
pub fn attach(
    archive: &Archive,
    inputs: &mut Inputs,
    rules: &RuleSet,
    reading: Reading,
) -> Result<()> {
    let stems = Stems::new(rules.check());
    let chosen: Vec<Vec<String>> = inputs
        .drafts
        .par_iter()
        .zip(&inputs.plans)
        .map(|(draft, plan)| choose(archive, &inputs.library, draft, plan, rules, &stems))
        .collect::<Result<_>>()?;
    for ((draft, plan), paths) in inputs.drafts.iter().zip(&mut inputs.plans).zip(chosen) {
        let mut files = files(archive, &inputs.library, draft, &paths, reading)?;
        files.read_into(&mut inputs.library);
        files.join(plan);
    }
    Ok(())
}

/// The archive files (relative to the archive) that `draft`'s claims
/// retrieve as further sources of its `plan` (planned against `library`;
/// see [`select::sources_of`]). Reads nothing but the index.
pub fn choose(
    archive: &Archive,
    library: &Library,
    draft: &Document,
    plan: &Plan,
    rules: &RuleSet,
    stems: &Stems,
) -> Result<Vec<String>> {
    let root = &archive.manifest.archive;
    let keys = library.canonical_paths();
    // The draft's named sources that are archive files hold their claims
    // first.
    let named: Vec<String> = plan
        .sources
        .iter()
        .filter_map(|&at| {
            keys.get(at)?
                .strip_prefix(root)
                .ok()?
                .to_str()
                .map(str::to_string)
        })
        .collect();
    select::sources_of(archive, draft, &named, rules, stems)
}

/// The archive files chosen for one draft: those `library` holds, those
/// read now, and what the draft is to be told about them.
#[derive(Debug, Default)]
pub struct Files {
    /// Indexes into the library.
    held: Vec<usize>,
    /// Files the library does not hold yet, read: canonical path and text.
    read: Vec<(PathBuf, Document)>,
    warnings: Vec<PlanWarning>,
}

impl Files {
    /// Warns when `text`, of the archive file `path` (shown as `shown`),
    /// is not what the index holds of it.
    fn changed(&mut self, archive: &Archive, path: &str, shown: &Path, text: &str) -> Result<()> {
        if archive.digest_of(path)?.as_deref() != Some(&super::digest::of(text)) {
            self.warnings.push(PlanWarning {
                message: format!(
                    "archive file {} changed since it was indexed; it is checked as it is now, but run `claimtrace index update` so that retrieval knows it",
                    shown.display()
                ),
                span: None,
            });
        }
        Ok(())
    }

    /// Whether any file is not in the library yet (and must be added with
    /// [`Files::read_into`] before the plan can use it).
    pub fn reads(&self) -> bool {
        !self.read.is_empty()
    }

    /// Adds the files read to `library`.
    pub fn read_into(&mut self, library: &mut Library) {
        for (key, document) in self.read.drain(..) {
            self.held.push(library.add_archived(key, document));
        }
    }

    /// Adds the files to `plan` as sources (and as archive sources, those
    /// it does not name), with the warnings; files read but not added to
    /// the library are left out.
    pub fn join(self, plan: &mut Plan) {
        for at in self.held {
            if !plan.sources.contains(&at) {
                plan.sources.push(at);
                plan.archive.push(at);
            }
        }
        plan.warnings.extend(self.warnings);
        plan.sources.sort_unstable();
        plan.archive.sort_unstable();
    }
}

/// Finds the archive files `paths` (relative to the archive, as
/// [`choose`] gives them) for `draft`: the library's index of each it
/// holds, and the text of each it does not (read now). The draft itself
/// and the drafts of the run are left out; a file that cannot be read, or
/// whose text changed since it was indexed, is said in a warning.
pub fn files(
    archive: &Archive,
    library: &Library,
    draft: &Document,
    paths: &[String],
    reading: Reading,
) -> Result<Files> {
    let own = draft.path.canonicalize().ok();
    let mut files = Files::default();
    for path in paths {
        let admitted = match crate::access::beneath(&archive.manifest.archive, Path::new(path)) {
            Ok(admitted) => admitted,
            Err(denied) => {
                files.warnings.push(PlanWarning {
                    message: format!(
                        "archive file {} cannot be read ({}); run `claimtrace index update`",
                        archive.shown_path(path).display(),
                        denied.message()
                    ),
                    span: None,
                });
                continue;
            }
        };
        if own.as_ref() == Some(&admitted.real) || library.is_draft(&admitted.real) {
            continue;
        }
        if let Some(at) = library.position(&admitted.real) {
            // Read before (by this run, or by a front end that keeps its
            // library): each draft is told when its text is not the
            // indexed one, as when it is read.
            let shown = library.documents()[at].path.clone();
            files.changed(archive, path, &shown, &library.documents()[at].text)?;
            files.held.push(at);
            continue;
        }
        if files.read.iter().any(|(key, _)| *key == admitted.real) {
            continue;
        }
        let shown = archive.shown_path(path);
        let document = match Document::read_admitted(&shown, &admitted, reading) {
            Ok(document) => document,
            Err(error) => {
                files.warnings.push(PlanWarning {
                    message: format!("archive file skipped: {error}"),
                    span: None,
                });
                continue;
            }
        };
        files.changed(archive, path, &shown, &document.text)?;
        files.read.push((admitted.real.clone(), document));
    }
    Ok(files)
}
