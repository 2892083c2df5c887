//! The checker: a draft's claims verified against its sources.
//!
//! The sources are read with the same rule engine as the draft and indexed
//! once ([`index`]). Then every claim of every draft is checked:
//!
//! * each **quotation** is looked up ([`quotes`]): verbatim in a source
//!   quotation of the same speaker is supported; verbatim but given to
//!   another speaker, or taken from the source's own narration and put in
//!   someone's mouth, is a `misquote`-free `misattributed-quote`; a near copy
//!   is a `misquote` with its word diff; nothing alike is a
//!   `fabricated-quote`;
//! * each **figure** is looked up ([`figures`]) in the source sentence the
//!   draft sentence retells, then anywhere: the same figure or one derived
//!   by simple arithmetic is supported, a differing one of the same kind is
//!   a `figure-mismatch`, none is an `unsourced-figure`;
//! * **what the claim states** is traced word by word ([`trace`]): each
//!   clause is aligned to the source passage that retells it ([`align`]);
//!   content no source holds is an `unsupported-claim` (or, in reported
//!   speech, an `unsupported-attribution`); a close retelling that differs
//!   in a name, a negation or its certainty is a `contradicted-claim`;
//!   reported speech ("X said that …") whose content a source gives to
//!   someone else is a `misattributed-statement`;
//! * a figure the draft's sources **disagree** on, given one way without
//!   saying so, is `conflicting-sources` ([`figures`]).
//!
//! Each draft is checked by [`check_draft`] (in `draft/`, one file per
//! check); what a finding of each kind says, and its documentation, is in
//! [`kinds`], one file per kind.
//!
//! The result is an [`Audit`]: for each draft, every claim with its verdict
//! (supported, contradicted, unsupported, or not a claim: headings,
//! questions, bylines), its aligned passages and the words no source
//! supports, and every finding with its evidence and fix.

pub mod align;
pub mod declared_speaker;
mod draft;
pub mod excerpt;
pub mod figures;
pub mod index;
pub mod kinds;
pub mod lexicon;
pub mod normalize;
mod postings;
pub mod quotes;
pub mod sets;
pub mod speakers;
pub mod trace;
pub mod word_bounds;
pub mod word_diff;

use serde::Serialize;

use crate::citations::Citation;
use crate::document::Document;
use crate::rules::RuleSet;
use crate::span::{Location, Span};

pub use draft::check_draft;
use index::SourceIndex;
use kinds::Violation;
pub use kinds::{Confidence, Kind, Severity};
use normalize::Strictness;
pub use sets::{SourceSets, read_source};
use trace::Tracer;

/// How a check runs.
#[derive(Clone, Default)]
pub struct Options {
    /// Compare quotations strictly: spelling variants and hyphenation count
    /// as changes.
    pub strict_quotes: bool,
    /// Severities that replace a rule's default; `None` turns it off.
    pub severity: rustc_hash::FxHashMap<Kind, Option<Severity>>,
    /// Called once a draft is checked (from any thread): for progress.
    pub on_checked: Option<std::sync::Arc<dyn Fn() + Send + Sync>>,
    /// Called (from any thread) with how many more bytes of a draft are
    /// checked, claim by claim: for progress within a long draft.
    pub on_progress: Option<std::sync::Arc<dyn Fn(usize) + Send + Sync>>,
}

impl Options {
    /// Says that `bytes` more of a draft are checked, to whoever follows
    /// progress.
    pub fn progress(&self, bytes: usize) {
        if let Some(on_progress) = &self.on_progress
            && bytes > 0
        {
            on_progress(bytes);
        }
    }

    /// How quotations are compared under these options.
    pub fn strictness(&self) -> Strictness {
        if self.strict_quotes {
            Strictness::Strict
        } else {
            Strictness::Lenient
        }
    }
}

impl std::fmt::Debug for Options {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Options")
            .field("strict_quotes", &self.strict_quotes)
            .field("severity", &self.severity)
            .finish_non_exhaustive()
    }
}

/// The version of the JSON audit format.
pub const AUDIT_VERSION: u32 = 1;

/// The result of checking drafts against sources.
#[derive(Clone, Debug, Serialize)]
pub struct Audit {
    pub version: u32,
    pub documents: Vec<DocumentAudit>,
    pub summary: Summary,
    /// Files met in folders and not read (binary, too large, …); listed
    /// only when there are some.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub skipped: Vec<Problem>,
    /// Drafts and sources that could not be read or checked; listed only
    /// when there are some.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<Problem>,
}

/// A file a run could not read or check, and why.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct Problem {
    /// The file, if the problem is about one.
    pub path: Option<String>,
    /// One line, naming the file.
    pub message: String,
}

/// Totals over all drafts.
#[derive(Clone, Debug, Default, Serialize, PartialEq, Eq)]
pub struct Summary {
    pub documents: usize,
    pub claims: usize,
    pub supported: usize,
    pub contradicted: usize,
    pub unsupported: usize,
    pub not_a_claim: usize,
    pub errors: usize,
    pub warnings: usize,
    /// Files skipped in folders; shown only when there are some.
    #[serde(skip_serializing_if = "is_zero")]
    pub skipped: usize,
    /// Findings left out because they are on lines that did not change
    /// (`check --diff`); shown only when there are some.
    #[serde(skip_serializing_if = "is_zero")]
    pub unchanged: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// One draft's audit.
#[derive(Clone, Debug, Serialize)]
pub struct DocumentAudit {
    pub path: String,
    pub sources: Vec<String>,
    pub claims: Vec<ClaimAudit>,
    pub findings: Vec<Finding>,
    /// Suspicious input that did not stop the check (a quotation mark
    /// never closed); listed only when there is some.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<InputWarning>,
}

/// Something suspicious in a draft or its sources, where the draft shows
/// it when it does.
#[derive(Clone, Debug, Serialize)]
pub struct InputWarning {
    pub message: String,
    pub span: Option<Location>,
    /// The byte span in the draft, for renderers.
    #[serde(skip)]
    pub range: Option<Span>,
}

/// What was decided about one claim.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    /// The sources hold what it says: its quotations, figures, speakers and
    /// content.
    Supported,
    /// A source says otherwise: a changed quotation or figure, another
    /// speaker, another name, a flipped negation, raised certainty.
    Contradicted,
    /// No source holds some of what it says.
    Unsupported,
    /// Not a statement of fact: a heading, a question, a byline.
    NotAClaim,
}

/// A word of a claim that no source uses.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct UnsupportedWord {
    pub text: String,
    pub span: Location,
}

/// One claim of a draft, as audited.
#[derive(Clone, Debug, Serialize)]
pub struct ClaimAudit {
    pub id: String,
    pub text: String,
    pub span: Location,
    pub speaker: Option<String>,
    pub verdict: Verdict,
    pub evidence: Vec<Evidence>,
    /// Content words no source uses.
    pub unsupported: Vec<UnsupportedWord>,
}

/// A place in a source that a judgement rests on.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Evidence {
    pub source: String,
    /// The id of the source claim (`c7`).
    pub claim: String,
    pub span: Location,
    pub text: String,
    /// How a derived figure follows from the source, when it does.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub derivation: Option<String>,
}

/// Something the sources do not support.
#[derive(Clone, Debug, Serialize)]
pub struct Finding {
    pub rule: Kind,
    pub severity: Severity,
    pub message: String,
    pub span: Location,
    pub evidence: Option<Evidence>,
    pub fix: Option<String>,
    /// How firmly the evidence shows it (see [`Confidence`]).
    pub confidence: Confidence,
    /// The byte span in the draft, for renderers.
    #[serde(skip)]
    pub range: Span,
    /// The text that replaces `range` when the fix is applied, when the
    /// fix is that plain (a misquote's source wording, a figure as the
    /// source gives it): for editors' code actions.
    #[serde(skip)]
    pub replacement: Option<String>,
}

impl Finding {
    /// The finding `violation` states about the words at `range` of
    /// `draft`, at its kind's default severity.
    pub fn new<V: Violation>(violation: &V, draft: &Document, range: Span) -> Finding {
        Finding {
            rule: V::KIND,
            severity: V::KIND.default_severity(),
            message: violation.message(),
            span: draft.locate(range),
            evidence: None,
            fix: violation.fix(),
            confidence: Confidence::High,
            range,
            replacement: violation.replacement(),
        }
    }

    /// The finding, as firmly as `confidence` says: a low one is a lead,
    /// reported at `info` whatever its kind's severity.
    pub fn with_confidence(self, confidence: Confidence) -> Finding {
        Finding { confidence, ..self }
    }

    /// The finding, resting on `evidence` in a source.
    pub fn with_evidence(self, evidence: Evidence) -> Finding {
        Finding {
            evidence: Some(evidence),
            ..self
        }
    }
}

/// Reads `sources` and checks every draft against all of them.
pub fn check(
    drafts: &[Document],
    sources: &[Document],
    rules: &RuleSet,
    options: &Options,
) -> Audit {
    let all: Vec<usize> = (0..sources.len()).collect();
    let sets = vec![all; drafts.len()];
    let no_citations = vec![Vec::new(); drafts.len()];
    check_each(drafts, sources, &sets, &no_citations, rules, options)
}

/// Checks each draft against its own sources: `source_sets[i]` lists the
/// indexes into `sources` of draft `i`'s sources, `citations[i]` its
/// footnote citations (see [`crate::inputs`]). Each source is read once;
/// each distinct set of sources is indexed once ([`SourceSets`]); drafts
/// are checked in parallel, and the audit lists them in the order given.
pub fn check_each(
    drafts: &[Document],
    sources: &[Document],
    source_sets: &[Vec<usize>],
    citations: &[Vec<Citation>],
    rules: &RuleSet,
    options: &Options,
) -> Audit {
    use rayon::prelude::*;

    let pool = SourceSets::new(sources, rules, options);
    let keys: Vec<Vec<usize>> = source_sets
        .iter()
        .map(|set| {
            let mut set = set.clone();
            set.sort_unstable();
            set.dedup();
            set
        })
        .collect();
    let mut distinct: Vec<&Vec<usize>> = keys.iter().collect();
    distinct.sort();
    distinct.dedup();
    distinct.par_iter().for_each(|set| pool.prepare(set));
    let documents = drafts
        .par_iter()
        .zip(keys.par_iter())
        .zip(citations.par_iter())
        .map(|((draft, key), citations)| pool.check(draft, key, citations, rules, options))
        .collect();
    Audit::of(documents)
}

/// The tracer of `draft`'s clauses through `index`.
pub fn tracer<'a, 'd>(
    index: &'a SourceIndex<'d>,
    lexicon: &'a lexicon::Stems,
    rules: &'a RuleSet,
    draft: &Document,
) -> Tracer<'a, 'd> {
    Tracer {
        index,
        lexicon,
        rules,
        cased: draft.text.chars().any(char::is_uppercase),
    }
}

impl Audit {
    /// The audit of `documents`, with their totals.
    pub fn of(documents: Vec<DocumentAudit>) -> Audit {
        let mut summary = Summary {
            documents: documents.len(),
            ..Summary::default()
        };
        for document in &documents {
            summary.claims += document.claims.len();
            for claim in &document.claims {
                match claim.verdict {
                    Verdict::Supported => summary.supported += 1,
                    Verdict::Contradicted => summary.contradicted += 1,
                    Verdict::Unsupported => summary.unsupported += 1,
                    Verdict::NotAClaim => summary.not_a_claim += 1,
                }
            }
            summary.errors += document
                .findings
                .iter()
                .filter(|f| f.severity == Severity::Error)
                .count();
            summary.warnings += document
                .findings
                .iter()
                .filter(|f| f.severity == Severity::Warning)
                .count();
        }
        Audit {
            version: AUDIT_VERSION,
            documents,
            summary,
            skipped: Vec::new(),
            errors: Vec::new(),
        }
    }
}

/// A draft's citations, and the display path of every source by index.
pub struct DraftCitations<'a> {
    pub citations: &'a [Citation],
    pub paths: &'a [String],
}
