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

use std::path::Path;

use rayon::prelude::*;

use super::open::Archive;
use super::select;
use crate::check::lexicon::Stems;
use crate::document::{Document, Reading};
use crate::error::Result;
use crate::inputs::{Inputs, PlanWarning};
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
    let stems = Stems::new(&rules.check);
    let root = &archive.manifest.archive;
    let keys = inputs.library.canonical_paths();
    let chosen: Vec<Vec<String>> = inputs
        .drafts
        .par_iter()
        .zip(&inputs.plans)
        .map(|(draft, plan)| {
            // The draft's named sources that are archive files hold their
            // claims first.
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
            select::sources_of(archive, draft, &named, rules, &stems)
        })
        .collect::<Result<_>>()?;
    for ((draft, plan), paths) in inputs.drafts.iter().zip(&mut inputs.plans).zip(chosen) {
        let own = draft.path.canonicalize().ok();
        for path in paths {
            let admitted = match crate::access::beneath(&archive.manifest.archive, Path::new(&path))
            {
                Ok(admitted) => admitted,
                Err(denied) => {
                    plan.warnings.push(PlanWarning {
                        message: format!(
                            "archive file {} cannot be read ({}); run `claimtrace index update`",
                            archive.shown_path(&path).display(),
                            denied.message()
                        ),
                        span: None,
                    });
                    continue;
                }
            };
            if own.as_ref() == Some(&admitted.real) || inputs.library.is_draft(&admitted.real) {
                continue;
            }
            let at = match inputs.library.position(&admitted.real) {
                Some(at) => at,
                None => {
                    let shown = archive.shown_path(&path);
                    let document = match Document::read_admitted(&shown, &admitted, reading) {
                        Ok(document) => document,
                        Err(error) => {
                            plan.warnings.push(PlanWarning {
                                message: format!("archive file skipped: {error}"),
                                span: None,
                            });
                            continue;
                        }
                    };
                    if archive.digest_of(&path)?.as_deref()
                        != Some(&super::digest::of(&document.text))
                    {
                        plan.warnings.push(PlanWarning {
                            message: format!(
                                "archive file {} changed since it was indexed; it is checked as it is now, but run `claimtrace index update` so that retrieval knows it",
                                shown.display()
                            ),
                            span: None,
                        });
                    }
                    inputs.library.add_archived(admitted.real.clone(), document)
                }
            };
            if !plan.sources.contains(&at) {
                plan.sources.push(at);
                plan.archive.push(at);
            }
        }
        plan.sources.sort_unstable();
        plan.archive.sort_unstable();
    }
    Ok(())
}
