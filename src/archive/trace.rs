//! `claimtrace trace`: the archive passages that support or contradict a
//! sentence, best first — the fact-checker's lookup.
//!
//! Each claim of the text retrieves its passages ([`super::retrieve`]);
//! the files holding them are ranked by how much of the claim they hold
//! ([`super::select::holders`]). The text is then checked against each of
//! those files alone, exactly as `check --source FILE` would check it, and
//! each file's verdict on the claim is reported with its evidence: a file
//! that supports the claim, or one that says otherwise (a changed figure,
//! another speaker, a flipped negation) with the finding that says how.
//! Files that neither support nor contradict it are left out.

use std::path::Path;

use serde::Serialize;

use super::keys::Keys;
use super::open::Archive;
use super::retrieve::LIMIT;
use super::select::holders;
use crate::check::lexicon::Stems;
use crate::check::{Evidence, Options, Verdict};
use crate::document::{Document, Reading};
use crate::error::Result;
use crate::rules::RuleSet;
use crate::span::Location;

/// How many files a claim is checked against: the best ranked.
pub const FILES_PER_CLAIM: usize = 8;

/// What the archive says of each claim of a text.
#[derive(Debug, Serialize)]
pub struct Trace {
    pub claims: Vec<TracedClaim>,
}

/// One claim, and the passages that support or contradict it.
#[derive(Debug, Serialize)]
pub struct TracedClaim {
    pub id: String,
    pub text: String,
    pub span: Location,
    /// Best first: most of the claim held, then best retrieval score.
    pub passages: Vec<TracedPassage>,
}

/// An archive file's verdict on a claim.
#[derive(Debug, Serialize)]
pub struct TracedPassage {
    /// The file, as shown to the user.
    pub source: String,
    /// `supported` or `contradicted`.
    pub verdict: Verdict,
    /// The share of the claim's content words and figures the file holds.
    pub share: f64,
    /// Where the file holds the claim (or says otherwise).
    pub evidence: Vec<Evidence>,
    /// What the file says otherwise, for a contradicted claim: the
    /// findings' messages.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub findings: Vec<String>,
}

/// Traces every claim of `text` through `archive`.
pub fn trace(
    archive: &Archive,
    text: &Document,
    rules: &RuleSet,
    options: &Options,
    reading: Reading,
) -> Result<Trace> {
    let stems = Stems::new(rules.check());
    let claims = crate::claims::read(text, rules);
    let mut traced = Vec::new();
    // Each file is checked against the whole text once, however many
    // claims retrieve it.
    let mut checked: Vec<(String, Option<crate::check::DocumentAudit>)> = Vec::new();
    for claim in &claims.claims {
        let keys = Keys::of(text, claim, &stems, rules.lexicon());
        let mut passages = Vec::new();
        if !keys.is_empty() {
            let candidates = archive.retrieve(&keys, LIMIT)?;
            for holder in holders(&keys, &candidates)
                .into_iter()
                .take(FILES_PER_CLAIM)
            {
                let audit = match checked.iter().position(|(path, _)| *path == holder.path) {
                    Some(at) => &checked[at].1,
                    None => {
                        let audit =
                            check_against(archive, &holder.path, text, rules, options, reading);
                        checked.push((holder.path.clone(), audit));
                        &checked[checked.len() - 1].1
                    }
                };
                let Some(audit) = audit else { continue };
                let Some(judged) = audit.claims.iter().find(|c| c.id == claim.id()) else {
                    continue;
                };
                if !matches!(judged.verdict, Verdict::Supported | Verdict::Contradicted) {
                    continue;
                }
                let findings = audit
                    .findings
                    .iter()
                    .filter(|f| f.range.start < claim.span.end && claim.span.start < f.range.end)
                    .filter(|f| f.rule.verdict() == Some(Verdict::Contradicted))
                    .map(|f| format!("{}: {}", f.rule.name(), f.message))
                    .collect();
                passages.push(TracedPassage {
                    source: audit.sources.first().cloned().unwrap_or_default(),
                    verdict: judged.verdict,
                    share: holder.share(),
                    evidence: judged.evidence.clone(),
                    findings,
                });
            }
        }
        traced.push(TracedClaim {
            id: claim.id().to_string(),
            text: claim.text.to_string(),
            span: text.locate(claim.span),
            passages,
        });
    }
    Ok(Trace { claims: traced })
}

/// The audit of `text` checked against the archive file at `path` alone;
/// `None` when the file cannot be read (gone since it was indexed, or no
/// longer text).
fn check_against(
    archive: &Archive,
    path: &str,
    text: &Document,
    rules: &RuleSet,
    options: &Options,
    reading: Reading,
) -> Option<crate::check::DocumentAudit> {
    let admitted = crate::access::beneath(&archive.manifest.archive, Path::new(path)).ok()?;
    let source = Document::read_admitted(&archive.shown_path(path), &admitted, reading).ok()?;
    let audit = crate::check::check(
        std::slice::from_ref(text),
        std::slice::from_ref(&source),
        rules,
        options,
    );
    audit.documents.into_iter().next()
}
