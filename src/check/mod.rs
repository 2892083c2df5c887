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
//! The result is an [`Audit`]: for each draft, every claim with its verdict
//! (supported, contradicted, unsupported, or not a claim: headings,
//! questions, bylines), its aligned passages and the words no source
//! supports, and every finding with its evidence and fix.

pub mod align;
pub mod excerpt;
pub mod figures;
pub mod index;
pub mod kinds;
pub mod lexicon;
pub mod normalize;
pub mod quotes;
pub mod sets;
pub mod speakers;
pub mod trace;
pub mod word_diff;

use serde::Serialize;

use crate::citations::{Citation, Cited};
use crate::claims::figures::FigureKind;
use crate::claims::{self, Claim};
use crate::document::Document;
use crate::rules::RuleSet;
use crate::segment;
use crate::span::{Location, Span};
use crate::suppress::Suppressions;

use figures::FigureMatch;
use index::{SourceIndex, Unit};
use kinds::Violation;
pub use kinds::{Kind, Severity};
use kinds::{
    broken_citation::BrokenCitation, citation_mismatch::CitationMismatch,
    conflicting_sources::ConflictingSources, contradicted_claim::ContradictedClaim,
    fabricated_quote::FabricatedQuote, figure_mismatch::FigureMismatch,
    misattributed_quote::MisattributedQuote, misattributed_statement::MisattributedStatement,
    misquote::Misquote, unsourced_figure::UnsourcedFigure,
    unsupported_attribution::UnsupportedAttribution, unsupported_claim::UnsupportedClaim,
    unverifiable_citation::UnverifiableCitation,
};
use normalize::Strictness;
use quotes::QuoteMatch;
pub use sets::{SourceSets, read_source};
use trace::{ClauseTrace, Place, Tracer};

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
}

impl Options {
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
            range,
            replacement: violation.replacement(),
        }
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
    lexicon: &'a lexicon::Lexicon,
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

/// Checks one draft against `index`, the index of its sources (whose
/// display paths are `source_paths`).
pub fn check_draft(
    draft: &Document,
    tracer: Tracer<'_, '_>,
    source_paths: &[String],
    cited: DraftCitations<'_>,
    rules: &RuleSet,
    options: &Options,
) -> DocumentAudit {
    let strictness = options.strictness();
    let sentences = segment::sentences(draft, &rules.segment);
    let extracted = claims::extract(draft, &sentences, rules);
    let claims = extracted.claims;
    let warnings = extracted
        .warnings
        .into_iter()
        .map(|w| InputWarning {
            span: Some(draft.locate(w.span)),
            message: w.message,
            range: Some(w.span),
        })
        .collect();
    let checker = DraftChecker {
        draft,
        index: tracer.index,
        tracer,
        strictness,
        severity: &options.severity,
    };
    // Findings about the footnotes come first, then each claim's.
    let mut findings: Vec<Finding> = Vec::new();
    // Which sources each claim cites: a marker belongs to the last claim
    // starting before it ("… Singh said.[^1]").
    let mut cited_by_claim: Vec<Vec<(Span, &str)>> = vec![Vec::new(); claims.len()];
    for citation in cited.citations {
        if let Cited::Source(source) = citation.cited {
            let claim = claims.partition_point(|c| c.span.start <= citation.span.start);
            if let Some(claim) = claim.checked_sub(1) {
                cited_by_claim[claim].push((citation.span, cited.paths[source].as_str()));
            }
        } else {
            let finding = checker.check_unusable_citation(citation);
            findings.extend(finding.and_then(|f| checker.configured(f)));
        }
    }
    let mut audits = Vec::with_capacity(claims.len());
    for (claim, cites) in claims.iter().zip(&cited_by_claim) {
        let not_a_claim = is_not_a_claim(draft, claim);
        let ClaimCheck {
            mut evidence,
            unsupported,
            findings: mut found,
        } = if not_a_claim {
            ClaimCheck::default()
        } else {
            checker.check_claim(claim)
        };
        if !cites.is_empty() {
            match checker.check_citation(claim, cites, &evidence) {
                Checked::Held(held) => evidence.push(held),
                Checked::Found(finding) => found.extend(checker.configured(finding)),
                Checked::Nothing => {}
            }
        }
        // The gravest finding decides: a contradiction over a gap.
        let verdict = found
            .iter()
            .filter_map(|f| f.rule.verdict())
            .min_by_key(|v| match v {
                Verdict::Contradicted => 0,
                _ => 1,
            })
            .unwrap_or(if not_a_claim {
                Verdict::NotAClaim
            } else {
                Verdict::Supported
            });
        audits.push(ClaimAudit {
            id: claim.id.clone(),
            text: claim.text.to_string(),
            span: draft.locate(claim.span),
            speaker: claim.speaker.as_ref().map(|s| s.name.clone()),
            verdict,
            evidence,
            unsupported: unsupported
                .into_iter()
                .map(|span| UnsupportedWord {
                    text: draft.slice(span).to_string(),
                    span: draft.locate(span),
                })
                .collect(),
        });
        findings.append(&mut found);
    }
    // Inline directives silence findings where the draft asks.
    let suppressions = Suppressions::of(draft);
    findings.retain(|f| !suppressions.silences(f.rule.name(), f.range, f.span.line));
    findings.sort_by_key(|f| (f.range.start, f.range.end, f.rule));
    DocumentAudit {
        path: draft.display_path(),
        sources: source_paths.to_vec(),
        claims: audits,
        findings,
        warnings,
    }
}

/// How many other sentences sharing its content a reported statement is
/// looked for in, in its speaker's mouth.
const ALTERNATIVES: usize = 12;

/// How far back (in bytes) the checker looks for what precedes a claim.
const LOOK_BACK: usize = 512;

/// The largest char boundary of `text` at or before `at`.
fn floor_char_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// Whether a claim states nothing to trace: a heading (a Markdown `#`
/// line, or a first line of plain text without a full stop, followed by
/// more), a question, or a byline ("By Jane Doe").
fn is_not_a_claim(draft: &Document, claim: &Claim<'_>) -> bool {
    let text = claim.text.trim_end();
    // What stands before the claim on its line (a heading's `#`): looked
    // for a short way back only, so a long line costs no more per claim.
    let from = floor_char_boundary(&draft.text, claim.span.start.saturating_sub(LOOK_BACK));
    let before = &draft.text[from..claim.span.start];
    let line = before.rfind('\n').map_or(before, |i| &before[i + 1..]);
    let heading = (line.trim_start().starts_with('#') && (from == 0 || before.contains('\n')))
        || (claim.sentence == 0
            && !text.contains('\n')
            && !text.ends_with(['.', '!', '?', '…', '"', '”', '’', '\'', ')', ':'])
            && !draft.text[claim.span.end..].trim().is_empty()
            && draft.text[claim.span.end..]
                .trim_start_matches([' ', '\t', '\r'])
                .starts_with('\n'));
    let question = text.ends_with('?') && claim.quotes.is_empty();
    let words: Vec<&str> = text.split_whitespace().collect();
    let byline = words.len() <= 6
        && ["by", "reporting by", "written by", "edited by"]
            .iter()
            .any(|opener| {
                text.to_lowercase().starts_with(&format!("{opener} "))
                    && words
                        .iter()
                        .skip(opener.split(' ').count())
                        .all(|w| w.chars().next().is_some_and(char::is_uppercase))
            });
    heading || question || byline
}

/// Checks the claims of one draft against its sources. Each check returns
/// what it found; [`DraftChecker::configured`] then gives a finding the
/// severity the configuration sets for its kind, or drops it.
struct DraftChecker<'a, 'd> {
    draft: &'a Document,
    index: &'a SourceIndex<'d>,
    tracer: Tracer<'a, 'd>,
    strictness: Strictness,
    severity: &'a rustc_hash::FxHashMap<Kind, Option<Severity>>,
}

/// What checking one quotation, figure, statement or citation gives.
enum Checked {
    /// A source holds it: where.
    Held(Evidence),
    /// Something is wrong with it.
    Found(Finding),
    /// Nothing to report and no evidence to give (nothing to look up, or
    /// a difference too weak to call).
    Nothing,
}

/// What checking one claim gives.
#[derive(Default)]
struct ClaimCheck {
    /// The source passages that hold it.
    evidence: Vec<Evidence>,
    /// Its content words no source uses.
    unsupported: Vec<Span>,
    /// What is wrong with it, at the configured severities, in the order
    /// found.
    findings: Vec<Finding>,
}

impl DraftChecker<'_, '_> {
    /// Checks one claim: its quotations, its figures, whether the sources
    /// disagree on them, and what it states.
    fn check_claim(&self, claim: &Claim<'_>) -> ClaimCheck {
        let mut evidence = Vec::new();
        // This claim's findings so far: later checks defer to them.
        let mut found: Vec<Finding> = Vec::new();
        for quote in &claim.quotes {
            self.take(self.check_quote(claim, quote), &mut evidence, &mut found);
        }
        let words = normalize::words(claim.text, claim.span.start, self.strictness);
        let retold = figures::retold(self.index, &words);
        for figure in &claim.figures {
            self.take(
                self.check_figure(figure, &retold),
                &mut evidence,
                &mut found,
            );
        }
        // A quotation or a figure found wrong is the claim's finding; that
        // the sources disagree on a figure would only add to it.
        if found.is_empty() {
            let conflict = self.check_conflicts(claim, &retold);
            found.extend(conflict.and_then(|f| self.configured(f)));
        }
        // Quotations (with their marks) and figures are checked above; the
        // speaker's name and the attributing words are not content.
        let skip: Vec<Span> = claim
            .quotes
            .iter()
            .map(|q| Span::new(q.span.start.saturating_sub(3), q.span.end + 3))
            .chain(claim.figures.iter().map(|f| f.span))
            .collect();
        let reported_speech =
            claim.cue.is_some() && claim.speaker.is_some() && claim.quotes.is_empty();
        // Reported speech: what is reported is traced on its own; the rest
        // of the sentence (who said it, a description of them) is the
        // draft's own voice.
        let content = claim.content.filter(|_| reported_speech);
        let exempt: Vec<u64> = claim
            .speaker
            .iter()
            .chain(claim.reported_by.iter())
            .flat_map(|s| {
                [
                    Some(s.name.as_str()),
                    Some(s.mention.as_str()),
                    s.role.as_deref(),
                ]
            })
            .flatten()
            .chain(claim.cue.as_deref())
            .flat_map(|text| self.tracer.lexicon.tokens(text, 0))
            .map(|t| t.stem)
            .collect();
        let reported: Vec<ClauseTrace> = match content {
            Some(content) => self.tracer.trace(&self.draft.text, content, &skip, &exempt),
            None => Vec::new(),
        };
        let mut own_skip = skip.clone();
        own_skip.extend(content);
        let own = self
            .tracer
            .trace(&self.draft.text, claim.span, &own_skip, &exempt);
        // Findings already made on this claim (a quotation, a figure).
        let earlier: Vec<Span> = found.iter().map(|f| f.range).collect();
        let mut unsupported: Vec<Span> = own
            .iter()
            .chain(&reported)
            .flat_map(|t| t.unsupported.clone())
            .collect();
        unsupported.sort_by_key(|s| s.start);
        let mut flagged = false;
        if let Some(speaker) = claim.speaker.as_ref().filter(|_| reported_speech) {
            let traces = if content.is_some() { &reported } else { &own };
            let checked = self.check_reported_speech(claim, speaker, traces);
            flagged |= matches!(checked, Checked::Found(_));
            self.take(checked, &mut evidence, &mut found);
        }
        let own_voice = content.is_some() || !reported_speech;
        for (clause, is_own) in own
            .iter()
            .map(|c| (c, own_voice))
            .chain(reported.iter().map(|c| (c, false)))
        {
            if !clause.contradictions.is_empty() {
                let place = clause.best_sentence.unwrap_or_else(|| {
                    let passage = &clause.alignment.as_ref().expect("aligned").passage;
                    Place::whole(passage.unit, passage.span)
                });
                let source = self.evidence_at(place, None);
                let violation = ContradictedClaim {
                    slots: &clause.contradictions,
                    source: &source.text,
                };
                let finding = self.finding(&violation, clause.span);
                found.extend(self.configured(finding.with_evidence(source)));
                flagged = true;
            } else if clause.is_unsupported
                && is_own
                && !earlier
                    .iter()
                    .any(|f| f.start < clause.span.end && clause.span.start < f.end)
            {
                let span = clause.unsupported_span.unwrap_or(clause.span);
                let violation = UnsupportedClaim {
                    words: self.words(&clause.unsupported),
                };
                found.extend(self.configured(self.finding(&violation, span)));
                flagged = true;
            }
        }
        if !flagged {
            // Clauses read against the same sentence give it once, its
            // excerpt around the words of all of them.
            let mut places: Vec<Place> = Vec::new();
            for place in own.iter().chain(&reported).filter_map(|c| c.best_sentence) {
                match places.last_mut() {
                    Some(last) if last.unit == place.unit && last.span == place.span => {
                        last.focus = Span::new(
                            last.focus.start.min(place.focus.start),
                            last.focus.end.max(place.focus.end),
                        );
                    }
                    _ => places.push(place),
                }
            }
            for place in places {
                evidence.push(self.evidence_at(place, None));
            }
        }
        // The same place twice is given once (its text may be two excerpts
        // of it).
        evidence.dedup_by(|a, b| {
            a.source == b.source && a.span == b.span && a.derivation == b.derivation
        });
        ClaimCheck {
            evidence,
            unsupported,
            findings: found,
        }
    }

    /// Adds what a check gave to a claim's evidence or findings.
    fn take(&self, checked: Checked, evidence: &mut Vec<Evidence>, findings: &mut Vec<Finding>) {
        match checked {
            Checked::Held(held) => evidence.push(held),
            Checked::Found(finding) => findings.extend(self.configured(finding)),
            Checked::Nothing => {}
        }
    }

    /// Reported speech ("X said that …", no quotation marks): its content
    /// must be in a source, and not in someone else's mouth there.
    fn check_reported_speech(
        &self,
        claim: &Claim<'_>,
        speaker: &claims::Speaker,
        traces: &[ClauseTrace],
    ) -> Checked {
        let unsupported = traces.iter().any(|t| t.is_unsupported);
        let best = traces
            .iter()
            .filter_map(|t| t.alignment.as_ref().map(|a| (t, a)))
            .max_by(|a, b| a.1.coverage.total_cmp(&b.1.coverage));
        let aligned = best.filter(|(_, a)| a.coverage >= 0.5);
        let Some((clause, alignment)) = aligned.filter(|_| !unsupported) else {
            if traces.is_empty() {
                return Checked::Nothing;
            }
            let words: Vec<Span> = traces.iter().flat_map(|t| t.unsupported.clone()).collect();
            let violation = UnsupportedAttribution {
                speaker: &speaker.name,
                words: self.words(&words),
            };
            return Checked::Found(self.finding(&violation, claim.span));
        };
        let place = clause
            .best_sentence
            .unwrap_or(Place::whole(alignment.passage.unit, alignment.passage.span));
        let unit = place.unit;
        let voice = &self.index.units[unit].voice;
        let draft_role = speaker.role.as_deref();
        let named_in_passage = self
            .tracer
            .lexicon
            .tokens(&speaker.name, 0)
            .iter()
            .filter(|t| !t.function)
            .any(|t| alignment.passage.tokens.iter().any(|p| p.stem == t.stem));
        // Only one person can be mistaken for another: "officials said"
        // may be anyone the source quotes, and an organisation speaks
        // through its people.
        let named =
            speaker.kind == crate::rules::attribution::SpeakerKind::Person && voice.is_person;
        // Another sentence that holds the content as well, in the right
        // mouth, settles it.
        let said_by_them = || {
            align::candidates(self.index, &clause.tokens, ALTERNATIVES)
                .into_iter()
                .any(|u| {
                    speakers::same(&speaker.name, draft_role, &self.index.units[u].voice)
                        && align::held_by(self.index, &clause.tokens, u) >= 0.6
                })
        };
        if let Some(source_name) = &voice.name
            && named
            && alignment.coverage >= 0.6
            && !speakers::same(&speaker.name, draft_role, voice)
            && !named_in_passage
            && !said_by_them()
        {
            let found = self.evidence_at(place, None);
            let violation = MisattributedStatement {
                speaker: &speaker.name,
                source_speaker: source_name,
            };
            return Checked::Found(self.finding(&violation, claim.span).with_evidence(found));
        }
        Checked::Held(self.evidence_at(place, None))
    }

    /// Whether the claim's speaker is a pronoun ("he said") that could
    /// as well refer to `voice`: a person the draft names in the claim or
    /// just before it. Which of them a pronoun means is a
    /// reader's guess; the checker does not call a guess a misattribution.
    fn pronoun_may_mean(&self, claim: &Claim<'_>, voice: &index::Voice) -> bool {
        let Some(speaker) = &claim.speaker else {
            return false;
        };
        let Some(name) = &voice.name else {
            return false;
        };
        let is_pronoun = self
            .tracer
            .rules
            .attribution
            .pronoun(&speaker.mention)
            .is_some();
        if !is_pronoun {
            return false;
        }
        let surname = name.split_whitespace().last().unwrap_or(name);
        // The text of the claim and a little (a paragraph or so) before
        // it.
        let from =
            floor_char_boundary(&self.draft.text, claim.span.start.saturating_sub(LOOK_BACK));
        let before = &self.draft.text[from..claim.span.end];
        before
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| w.eq_ignore_ascii_case(surname))
    }

    /// The words of the draft at `spans`.
    fn words(&self, spans: &[Span]) -> Vec<&str> {
        spans.iter().map(|span| self.draft.slice(*span)).collect()
    }

    /// A quotation must be in a source, word for word, in the same mouth.
    fn check_quote(&self, claim: &Claim<'_>, quote: &claims::Quote) -> Checked {
        let role = claim
            .speaker
            .as_ref()
            .filter(|s| Some(s.name.as_str()) == quote.speaker.as_deref())
            .and_then(|s| s.role.as_deref());
        let speaker = quote.speaker.as_deref().map(|name| (name, role));
        let Some(found) = quotes::find(
            self.index,
            &self.draft.text,
            quote.span,
            self.strictness,
            speaker,
        ) else {
            return Checked::Nothing;
        };
        match found {
            QuoteMatch::Verbatim { unit, span } => {
                let source = &self.index.units[unit];
                let evidence = self.evidence(unit, span, None);
                let Some(draft_speaker) = quote.speaker.as_deref() else {
                    return Checked::Held(evidence); // a scare quote in the draft's own voice
                };
                let role = claim
                    .speaker
                    .as_ref()
                    .filter(|s| s.name == draft_speaker)
                    .and_then(|s| s.role.as_deref());
                if speakers::same(draft_speaker, role, &source.voice) && source.is_quote {
                    return Checked::Held(evidence);
                }
                if self.pronoun_may_mean(claim, &source.voice) {
                    return Checked::Held(evidence);
                }
                let violation = match (&source.voice.name, source.is_quote) {
                    (Some(name), true) => MisattributedQuote::Quoted {
                        speaker: draft_speaker,
                        source_speaker: name,
                    },
                    (None, _) => MisattributedQuote::Narration {
                        speaker: draft_speaker,
                    },
                    (Some(name), false) => {
                        if speakers::same(draft_speaker, role, &source.voice) {
                            return Checked::Held(evidence); // the speaker's reported words, quoted
                        }
                        MisattributedQuote::Reported {
                            speaker: draft_speaker,
                            source_speaker: name,
                        }
                    }
                };
                Checked::Found(self.finding(&violation, quote.span).with_evidence(evidence))
            }
            QuoteMatch::Near {
                unit,
                span,
                diff,
                added,
                removed,
            } => {
                let evidence = self.evidence(unit, span, None);
                let violation = Misquote {
                    added: &added,
                    removed: &removed,
                    diff: &diff,
                    source: self.source_text(Place::whole(unit, span)),
                    quoted: self.draft.slice(quote.span),
                };
                Checked::Found(self.finding(&violation, quote.span).with_evidence(evidence))
            }
            QuoteMatch::Missing => Checked::Found(self.finding(&FabricatedQuote, quote.span)),
        }
    }

    /// A figure must be in the source sentence the claim retells, or
    /// anywhere in the sources, or follow from theirs by simple arithmetic.
    fn check_figure(&self, figure: &claims::Figure, retold: &[usize]) -> Checked {
        let found = figures::find(self.index, figure, retold);
        if matches!(found, FigureMatch::Mismatch { .. } | FigureMatch::Missing)
            && (self.is_quarter(figure)
                || figures::ratio_of(self.index, &self.tracer.rules.figures, figure, retold))
        {
            // "Q2" where the source has "the second quarter" or "the three
            // months to June"; "30%" where it has "three in ten".
            return Checked::Nothing;
        }
        let weak = match &found {
            // A bare number ("3", "26") that differs from a bare number of
            // the retold sentence may count something else there; a year,
            // a date, a duration or a count of named things is compared.
            FigureMatch::Mismatch { figure: source, .. } => {
                !figures::comparable(figure, source)
                    || (figure.kind == FigureKind::Count
                        && figure.unit.is_none()
                        && self.written_in_sources(figure))
            }
            FigureMatch::Missing => self.written_in_sources(figure),
            _ => false,
        };
        if weak {
            // The sources write this number, and nothing says it is the
            // same thing counted differently: no finding, no evidence.
            return Checked::Nothing;
        }
        match found {
            FigureMatch::Same {
                unit,
                figure: source,
            } => Checked::Held(self.evidence(unit, source.span, None)),
            FigureMatch::Derived { unit, how } => {
                Checked::Held(self.evidence(unit, self.index.units[unit].span, Some(how)))
            }
            FigureMatch::Mismatch {
                unit,
                figure: source,
            } => {
                let evidence = self.evidence(unit, source.span, None);
                let violation = FigureMismatch {
                    draft: figure,
                    source,
                };
                Checked::Found(
                    self.finding(&violation, figure.span)
                        .with_evidence(evidence),
                )
            }
            FigureMatch::Missing => {
                let violation = UnsourcedFigure {
                    figure: &figure.text,
                };
                Checked::Found(self.finding(&violation, figure.span))
            }
        }
    }

    /// Figures the draft's sources disagree on: the draft's figure is in
    /// one source's retelling of the claim, and another source's retelling
    /// has, in the same place (the same rank among figures of its kind and
    /// unit), a different value. A claim that reports the disagreement
    /// (both values, or words such as "disputed") is not a conflict.
    fn check_conflicts(&self, claim: &Claim<'_>, retold: &[usize]) -> Option<Finding> {
        if claim.figures.is_empty() || retold.len() < 2 {
            return None;
        }
        let tokens = self.tracer.lexicon.tokens(claim.text, claim.span.start);
        if !self.tracer.lexicon.disagreement(&tokens).is_empty() {
            return None;
        }
        // The rank of each figure among the claim's figures of its kind
        // and unit.
        let rank = |figures: &[claims::Figure], i: usize| {
            let f = &figures[i];
            figures[..i]
                .iter()
                .filter(|g| g.kind == f.kind && g.unit == f.unit)
                .count()
        };
        let same_place = |figures: &'_ [claims::Figure], like: &claims::Figure, r: usize| {
            figures
                .iter()
                .filter(|g| g.kind == like.kind && g.unit == like.unit)
                .nth(r)
                .cloned()
        };
        let mut sides: Vec<(String, String, String, String, usize, Span)> = Vec::new();
        let mut spans: Vec<Span> = Vec::new();
        for (i, figure) in claim.figures.iter().enumerate() {
            let r = rank(&claim.figures, i);
            // The retelling that holds this figure in this place.
            let Some(&holder) = retold.iter().find(|&&u| {
                same_place(self.index.figures_of(u), figure, r)
                    .is_some_and(|g| figures::same_figure(figure, &g))
            }) else {
                continue;
            };
            let holder_source = self.index.units[holder].source;
            for &other in retold {
                let source = self.index.units[other].source;
                if source == holder_source {
                    continue;
                }
                let Some(theirs) = same_place(self.index.figures_of(other), figure, r) else {
                    continue;
                };
                let reported_too = claim
                    .figures
                    .iter()
                    .any(|g| figures::same_figure(g, &theirs));
                if figures::same_figure(figure, &theirs) || reported_too {
                    continue;
                }
                spans.push(figure.span);
                sides.push((
                    self.source_path(holder),
                    figure.text.clone(),
                    self.source_path(other),
                    theirs.text.clone(),
                    other,
                    theirs.span,
                ));
                break;
            }
        }
        let first = sides.first()?;
        let (ours, theirs): (Vec<&str>, Vec<&str>) = sides
            .iter()
            .map(|(_, a, _, b, _, _)| (a.as_str(), b.as_str()))
            .unzip();
        let violation = ConflictingSources {
            followed: &first.0,
            ours,
            other: &first.2,
            theirs,
        };
        let other = first.4;
        let found = self.evidence_at(
            Place {
                unit: other,
                span: self.index.units[other].span,
                focus: first.5,
            },
            None,
        );
        let span = Span::new(
            spans
                .iter()
                .map(|s| s.start)
                .min()
                .unwrap_or(claim.span.start),
            spans.iter().map(|s| s.end).max().unwrap_or(claim.span.end),
        );
        Some(self.finding(&violation, span).with_evidence(found))
    }

    /// Whether a figure is the number of a quarter written `Q2`, and the
    /// sources speak of quarters (or three-month periods) at all.
    fn is_quarter(&self, figure: &claims::Figure) -> bool {
        let text = &self.draft.text;
        let start = figure.span.start;
        let before = text[..start].chars().next_back();
        let written_q = matches!(before, Some('Q' | 'q'))
            && text[..start - 1]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric())
            && matches!(text[start..figure.span.end].trim(), "1" | "2" | "3" | "4");
        written_q
            && self
                .tracer
                .lexicon
                .tokens("quarter", 0)
                .first()
                .is_some_and(|t| self.index.knows(t.key))
    }

    /// Whether a count, date, year, duration or ordinal is written in the
    /// sources word for word ("44" in "Patel, 44," for "a 44-year-old"):
    /// then it is not unsourced, whatever kind the reader gave it. Money,
    /// percentages and fractions are never waved through this way.
    fn written_in_sources(&self, figure: &claims::Figure) -> bool {
        if matches!(
            figure.kind,
            FigureKind::Money | FigureKind::Percent | FigureKind::Fraction
        ) {
            return false;
        }
        let tokens = self
            .tracer
            .lexicon
            .tokens(&figure.text.replace(['-', '‐', '‑'], " "), 0);
        let numbers: Vec<_> = tokens.iter().filter(|t| t.numeric).collect();
        if numbers.is_empty() {
            // A figure in words ("weekly" where the source has "every
            // week"): every word of it is the sources'.
            return figure.kind == FigureKind::Duration
                && tokens
                    .iter()
                    .all(|t| t.function || self.index.knows(t.key) || self.index.knows(t.stem));
        }
        numbers
            .iter()
            .all(|t| self.index.knows(t.key) || self.index.knows(t.stem))
    }

    /// A citation that cites no readable source: no definition, a missing
    /// file, nothing at all, or a web address.
    fn check_unusable_citation(&self, citation: &Citation) -> Option<Finding> {
        let label = &citation.label;
        Some(match &citation.cited {
            Cited::Undefined => self.finding(&BrokenCitation::Undefined { label }, citation.span),
            Cited::Missing {
                written,
                definition,
            } => self.finding(&BrokenCitation::Missing { label, written }, *definition),
            Cited::Empty { definition } => {
                self.finding(&BrokenCitation::Empty { label }, *definition)
            }
            Cited::Url(url) => self.finding(&UnverifiableCitation { label, url }, citation.span),
            Cited::Source(_) => return None,
        })
    }

    /// A claim that cites `cites` (marker span, source path) must be held
    /// by one of them: its evidence must come from a cited source, or, if
    /// it needed none, a cited source must retell it.
    fn check_citation(
        &self,
        claim: &Claim<'_>,
        cites: &[(Span, &str)],
        evidence: &[Evidence],
    ) -> Checked {
        let is_cited = |path: &str| cites.iter().any(|(_, cited)| *cited == path);
        if evidence.iter().any(|e| is_cited(&e.source)) {
            return Checked::Nothing;
        }
        let holder = if let Some(first) = evidence.first() {
            Some(first.source.clone())
        } else {
            let words = normalize::words(claim.text, claim.span.start, self.strictness);
            let retold = figures::retold(self.index, &words);
            if let Some(&unit) = retold.iter().find(|&&u| is_cited(&self.source_path(u))) {
                return Checked::Held(self.evidence(unit, self.index.units[unit].span, None));
            }
            retold.first().map(|&u| self.source_path(u))
        };
        let (marker, cited) = cites[0];
        let violation = CitationMismatch {
            cited,
            holder: holder.as_deref(),
        };
        Checked::Found(self.finding(&violation, marker))
    }

    /// The display path of the source holding `unit`.
    fn source_path(&self, unit: usize) -> String {
        self.index.sources[self.index.units[unit].source]
            .document
            .display_path()
    }

    /// Evidence at `span` of the source holding `unit`.
    fn evidence(&self, unit: usize, span: Span, derivation: Option<String>) -> Evidence {
        self.evidence_at(Place::whole(unit, span), derivation)
    }

    /// Evidence at `place`: its whole span, and as text an excerpt of it
    /// around its focus (see [`excerpt`]).
    fn evidence_at(&self, place: Place, derivation: Option<String>) -> Evidence {
        let Unit { source, claim, .. } = self.index.units[place.unit];
        let source = &self.index.sources[source];
        Evidence {
            source: source.document.display_path(),
            claim: source.claims.claims[claim].id.clone(),
            span: source.document.locate(place.span),
            text: excerpt::around(&source.document.text, place.span, place.focus),
            derivation,
        }
    }

    /// The whole text of a place in a source.
    fn source_text(&self, place: Place) -> &str {
        let source = self.index.units[place.unit].source;
        self.index.sources[source].document.slice(place.span)
    }

    /// The finding `violation` states about the words at `range`.
    fn finding<V: Violation>(&self, violation: &V, range: Span) -> Finding {
        Finding::new(violation, self.draft, range)
    }

    /// `finding` at the severity the configuration gives its kind; none
    /// when the configuration turns the kind off.
    fn configured(&self, finding: Finding) -> Option<Finding> {
        let severity = match self.severity.get(&finding.rule) {
            Some(None) => return None, // turned off
            Some(Some(severity)) => *severity,
            None => finding.severity,
        };
        Some(Finding {
            severity,
            ..finding
        })
    }
}
